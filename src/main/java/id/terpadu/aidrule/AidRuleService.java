package id.terpadu.aidrule;

import id.terpadu.db.codes.EligibilityKind;
import id.terpadu.db.codes.PbiFunding;
import id.terpadu.db.codes.ProgrammeTarget;
import id.terpadu.db.codes.Programmes;
import id.terpadu.db.tables.records.EligibilityRuleRecord;
import id.terpadu.db.tables.records.ExclusionRuleRecord;
import id.terpadu.db.tables.records.ProgrammeRecord;
import id.terpadu.error.BadRequestException;
import id.terpadu.error.ConflictException;
import id.terpadu.error.NotFoundException;
import id.terpadu.programme.ReferenceDataRepository;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** UPT-PK's changes to the rules; each method is one transaction and applies from the next enrolment on. */
@Service
@Transactional
class AidRuleService {

    private static final Pattern CODE = Pattern.compile("[A-Z][A-Z0-9_]*");

    private final AidRuleRepository rules;
    private final ReferenceDataRepository referenceData;

    AidRuleService(AidRuleRepository rules, ReferenceDataRepository referenceData) {
        this.rules = rules;
        this.referenceData = referenceData;
    }

    ExclusionRuleRecord define(DefineExclusionRuleInput input) {
        String code = checkedCode(input.code());
        ProgrammeRecord programme = programme(input.programme(), "input.programme");
        ProgrammeRecord excluded = programme(input.excludedProgramme(), "input.excludedProgramme");
        if (programme.getCode().equals(excluded.getCode())) {
            throw new BadRequestException("input.excludedProgramme", "A programme cannot exclude itself: one programme, one "
                    + "period is already the rule for every programme (no double aid).");
        }
        String description = checkedDescription(input.description());
        if (rules.findEligibilityRule(code).isPresent()) {
            throw new ConflictException("input.code", "The code " + code + " is an eligibility rule's; choose another code.");
        }
        rules.findExclusionRuleOn(programme.getCode(), excluded.getCode())
                .filter(existing -> !existing.getCode().equals(code))
                .ifPresent(existing -> {
                    throw new ConflictException("input.excludedProgramme", "The rule " + existing.getCode() + " already keeps "
                            + programme.getCode() + " and " + excluded.getCode() + " apart; change that rule instead.",
                            Map.of("rule", existing.getCode()));
                });
        return rules.save(new ExclusionRuleRecord()
                .setCode(code)
                .setProgrammeCode(programme.getCode())
                .setExcludedProgrammeCode(excluded.getCode())
                .setDescription(description)
                .setActive(input.active() == null || input.active()));
    }

    EligibilityRuleRecord define(DefineEligibilityRuleInput input) {
        String code = checkedCode(input.code());
        ProgrammeRecord programme = programme(input.programme(), "input.programme");
        EligibilityKind kind = input.kind();
        if (kind == EligibilityKind.MAX_DECILE) {
            if (input.maxDecile() == null || input.maxDecile() < 1 || input.maxDecile() > 10) {
                throw new BadRequestException("input.maxDecile", "A decile rule needs the highest decile admitted, from 1 to 10.");
            }
        } else if (input.maxDecile() != null) {
            throw new BadRequestException("input.maxDecile", "Only a MAX_DECILE rule takes a decile.");
        }
        if (kind == EligibilityKind.UNFIT_HOUSE && programme.getTarget() != ProgrammeTarget.HOUSEHOLD) {
            throw new BadRequestException("input.kind", programme.getCode() + " enrols single persons; an unfit-house rule "
                    + "gates household programmes.");
        }
        if (kind == EligibilityKind.ONE_PBI_FUNDING && !Programmes.KIS_PBI.equals(programme.getCode())) {
            throw new BadRequestException("input.kind", "Only KIS_PBI enrolments name a PBI funding.");
        }
        if (input.funding() != null && !Programmes.KIS_PBI.equals(programme.getCode())) {
            throw new BadRequestException("input.funding", "Only KIS_PBI enrolments name a PBI funding, so only its rules can gate one.");
        }
        String[] exceptClusters = clusters(input.exceptClusters());
        String description = checkedDescription(input.description());
        if (rules.findExclusionRule(code).isPresent()) {
            throw new ConflictException("input.code", "The code " + code + " is an exclusion rule's; choose another code.");
        }
        return rules.save(new EligibilityRuleRecord()
                .setCode(code)
                .setProgrammeCode(programme.getCode())
                .setKind(kind)
                .setMaxDecile(input.maxDecile() == null ? null : input.maxDecile().shortValue())
                .setExceptClusterCodes(exceptClusters)
                .setFunding(input.funding())
                .setDescription(description)
                .setActive(input.active() == null || input.active()));
    }

    RetiredAidRule retire(RetireAidRuleInput input) {
        String code = input.code() == null ? "" : input.code().strip();
        var exclusion = rules.retireExclusionRule(code);
        if (exclusion.isPresent()) {
            return new RetiredAidRule(code, exclusion.get(), null);
        }
        return rules.retireEligibilityRule(code)
                .map(eligibility -> new RetiredAidRule(code, null, eligibility))
                .orElseThrow(() -> new NotFoundException("input.code", "No exclusion or eligibility rule has the code '" + code + "'."));
    }

    /** The clusters whose households a rule does not gate, each one known; null for none. */
    private String[] clusters(List<String> codes) {
        if (codes == null || codes.isEmpty()) {
            return null;
        }
        for (int i = 0; i < codes.size(); i++) {
            if (referenceData.findCluster(codes.get(i)).isEmpty()) {
                throw new NotFoundException("input.exceptClusters[" + i + "]", "No cluster has the code '" + codes.get(i) + "'.");
            }
        }
        return codes.stream().distinct().toArray(String[]::new);
    }

    private ProgrammeRecord programme(String code, String field) {
        return referenceData.findProgramme(code == null ? "" : code.strip())
                .orElseThrow(() -> new NotFoundException(field, "No programme has the code '" + code + "'."));
    }

    private static String checkedCode(String code) {
        String stripped = code == null ? "" : code.strip();
        if (!CODE.matcher(stripped).matches() || stripped.length() > 60) {
            throw new BadRequestException("input.code", "A rule code is capital letters, digits and underscores, "
                    + "starting with a letter (BLT_DD_NOT_WITH_PKH), at most 60 characters.");
        }
        return stripped;
    }

    private static String checkedDescription(String description) {
        if (description == null || description.isBlank()) {
            throw new BadRequestException("input.description", "Say in words what the rule is for; clerks read it when an enrolment is refused.");
        }
        return description.strip();
    }

    record DefineExclusionRuleInput(String code, String programme, String excludedProgramme, String description, Boolean active) {
    }

    record DefineEligibilityRuleInput(String code, String programme, EligibilityKind kind, Integer maxDecile,
                                      PbiFunding funding, List<String> exceptClusters, String description, Boolean active) {
    }

    record RetireAidRuleInput(String code) {
    }

    record RetiredAidRule(String code, ExclusionRuleRecord exclusionRule, EligibilityRuleRecord eligibilityRule) {
    }
}
