package id.terpadu.aidrule;

import id.terpadu.db.codes.BenefitStatus;
import id.terpadu.db.codes.PbiFunding;
import id.terpadu.db.codes.RtlhStatus;
import id.terpadu.db.tables.Benefit;
import id.terpadu.db.tables.records.BenefitRecord;
import id.terpadu.db.tables.records.EligibilityRuleRecord;
import id.terpadu.db.tables.records.HealthFacetRecord;
import id.terpadu.db.tables.records.HousingFacetRecord;
import id.terpadu.error.ConflictException;
import id.terpadu.error.Disclosable;
import id.terpadu.graphql.GlobalId;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record1;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.util.Map;

import static id.terpadu.db.Tables.BENEFIT;
import static id.terpadu.db.Tables.ELIGIBILITY_RULE;
import static id.terpadu.db.Tables.EXCLUSION_RULE;
import static id.terpadu.db.Tables.HEALTH_FACET;
import static id.terpadu.db.Tables.HOUSING_FACET;
import static id.terpadu.db.Tables.MEMBER;
import static id.terpadu.db.Tables.SOCIAL_FACET;
import static org.jooq.impl.DSL.notExists;
import static org.jooq.impl.DSL.select;
import static org.jooq.impl.DSL.selectOne;

/**
 * The active exclusion and eligibility rules, checked for one enrolment. The caller holds the
 * household's lock, so two enrolments of one household (also of its members) are checked one
 * after the other and the second sees the first.
 */
@Component
public class EnrolmentRules {

    private final DSLContext dsl;

    EnrolmentRules(DSLContext dsl) {
        this.dsl = dsl;
    }

    /**
     * Refuses the enrolment with CONFLICT, naming the rule, when the household already holds a
     * programme an active rule keeps apart from this one in an overlapping period, or when the
     * household or person does not meet an active eligibility rule of the programme.
     *
     * @param householdId the household enrolled, or the household of the member enrolled
     * @param memberId    the member enrolled, null for household programmes
     * @param beneficiaryField the input field that names the beneficiary ({@code input.kk} or {@code input.nik})
     * @param proposal  whether the enrolment is itself only PROPOSED: then the household's other
     *                  proposals count too; an approved or active enrolment is never blocked by a
     *                  pending proposal, only by what an agency approved
     */
    public void check(String programme, long householdId, Long memberId, LocalDate startsOn, LocalDate endsOn,
                      PbiFunding funding, String beneficiaryField, boolean proposal) {
        checkExclusions(programme, householdId, startsOn, endsOn, proposal);
        for (EligibilityRuleRecord rule : dsl.selectFrom(ELIGIBILITY_RULE)
                .where(ELIGIBILITY_RULE.PROGRAMME_CODE.eq(programme), ELIGIBILITY_RULE.ACTIVE.isTrue())
                // a rule that names a budget gates only the enrolments that budget pays
                .and(ELIGIBILITY_RULE.FUNDING.isNull().or(funding == null ? DSL.falseCondition() : ELIGIBILITY_RULE.FUNDING.eq(funding)))
                .and(gates(householdId))
                .orderBy(ELIGIBILITY_RULE.CODE).fetch()) {
            switch (rule.getKind()) {
                case MAX_DECILE -> checkDecile(rule, householdId, beneficiaryField);
                case UNFIT_HOUSE -> checkUnfitHouse(rule, householdId, beneficiaryField);
                case ONE_PBI_FUNDING -> checkPbiFunding(rule, memberId, funding);
                // a kind a later migration adds stops enrolments until it is checked here
                default -> throw new IllegalStateException("Unknown eligibility rule kind " + rule.getKind());
            }
        }
    }

    private void checkExclusions(String programme, long householdId, LocalDate startsOn, LocalDate endsOn, boolean proposal) {
        // the household's benefits and its members', each through its own index: with an OR of the
        // two, PostgreSQL read every benefit of the excluded programmes (258 ms at 1,000,000
        // households, against 1.5 ms)
        Benefit own = BENEFIT.as("own");
        Condition ofHousehold = BENEFIT.ID.in(select(own.ID).from(own).where(own.HOUSEHOLD_ID.eq(householdId))
                .unionAll(select(own.ID).from(own).join(MEMBER).on(MEMBER.ID.eq(own.MEMBER_ID))
                        .where(MEMBER.HOUSEHOLD_ID.eq(householdId))));
        Condition excludes = EXCLUSION_RULE.PROGRAMME_CODE.eq(programme).and(BENEFIT.PROGRAMME_CODE.eq(EXCLUSION_RULE.EXCLUDED_PROGRAMME_CODE))
                .or(EXCLUSION_RULE.EXCLUDED_PROGRAMME_CODE.eq(programme).and(BENEFIT.PROGRAMME_CODE.eq(EXCLUSION_RULE.PROGRAMME_CODE)));
        dsl.select(EXCLUSION_RULE.CODE, EXCLUSION_RULE.DESCRIPTION, BENEFIT)
                .from(EXCLUSION_RULE)
                .join(BENEFIT).on(excludes)
                // a pending proposal does not block an approved enrolment: only what an agency approved counts
                .where(EXCLUSION_RULE.ACTIVE.isTrue(), ofHousehold, overlaps(BENEFIT, startsOn, endsOn),
                        proposal ? DSL.noCondition() : BENEFIT.STATUS.ne(BenefitStatus.PROPOSED))
                .orderBy(EXCLUSION_RULE.CODE, BENEFIT.STARTS_ON)
                .limit(1)
                .fetchOptional()
                .ifPresent(found -> {
                    BenefitRecord existing = found.value3();
                    Disclosable.OfBenefit benefit = new Disclosable.OfBenefit(existing.getProgrammeCode(),
                            GlobalId.encode("Benefit", existing.getId()));
                    // whether the household holds the other programme, and since when, is for those who read its benefits
                    throw new ConflictException("input.programme", "Rule " + found.value1() + ": " + found.value2()
                            + " The household holds a benefit this rule keeps apart from " + programme + " in this period.",
                            Map.of("rule", found.value1(), "existingId", benefit))
                            .revealing(benefit, "Rule " + found.value1() + ": " + found.value2() + " The household already holds "
                                    + existing.getProgrammeCode() + " " + period(existing) + ".");
                });
    }

    private void checkDecile(EligibilityRuleRecord rule, long householdId, String field) {
        Short decile = dsl.select(SOCIAL_FACET.DECILE).from(SOCIAL_FACET).where(SOCIAL_FACET.HOUSEHOLD_ID.eq(householdId))
                .fetchOptional(Record1::value1).orElse(null);
        Disclosable.FieldValue recorded = new Disclosable.FieldValue("SocialFacet", "decile", decile);
        if (decile == null) {
            throw ineligible(rule, field, "the household's DTSEN decile is not among the deciles " + rule.getProgrammeCode()
                    + " admits, 1 to " + rule.getMaxDecile() + ".", Map.of())
                    .revealing(recorded, message(rule, "the household has no recorded DTSEN decile, and "
                            + rule.getProgrammeCode() + " admits deciles 1 to " + rule.getMaxDecile() + " only."));
        }
        if (decile > rule.getMaxDecile()) {
            throw ineligible(rule, field, "the household's DTSEN decile is not among the deciles " + rule.getProgrammeCode()
                    + " admits, 1 to " + rule.getMaxDecile() + ".", Map.of("decile", recorded))
                    .revealing(recorded, message(rule, "decile " + decile + " is above " + rule.getProgrammeCode()
                            + "'s limit " + rule.getMaxDecile() + "."));
        }
    }

    /**
     * Whether a rule gates this household: not when the social office assigned it a cluster the rule
     * leaves out (regency-funded PBI for Menur and Kenanga households, who have no DTSEN decile).
     */
    static Condition gates(Field<Long> householdId) {
        return notExists(selectOne().from(SOCIAL_FACET).where(SOCIAL_FACET.HOUSEHOLD_ID.eq(householdId))
                .and(SOCIAL_FACET.CLUSTER_CODE.eq(DSL.any(ELIGIBILITY_RULE.EXCEPT_CLUSTER_CODES))));
    }

    private static Condition gates(long householdId) {
        return gates(DSL.val(householdId));
    }

    private void checkUnfitHouse(EligibilityRuleRecord rule, long householdId, String field) {
        HousingFacetRecord house = dsl.selectFrom(HOUSING_FACET).where(HOUSING_FACET.HOUSEHOLD_ID.eq(householdId)).fetchOne();
        String needs = rule.getProgrammeCode() + " needs a house the housing office recorded UNFIT and that was never renovated.";
        if (house == null || house.getRtlhStatus() != RtlhStatus.UNFIT) {
            throw ineligible(rule, field, "the house does not meet this: " + needs, Map.of())
                    .revealing(new Disclosable.FieldValue("HousingFacet", "rtlhStatus", null), message(rule, house == null
                            ? "the housing office has not recorded the house, and " + rule.getProgrammeCode() + " needs a house recorded UNFIT."
                            : "the house is recorded " + house.getRtlhStatus() + ", and " + rule.getProgrammeCode()
                            + " needs a house recorded UNFIT."));
        }
        if (house.getRenovationYear() != null) {
            throw ineligible(rule, field, "the house does not meet this: " + needs, Map.of())
                    .revealing(new Disclosable.FieldValue("HousingFacet", "renovationYear", null),
                            message(rule, "the house was already renovated in " + house.getRenovationYear() + "."));
        }
        dsl.selectFrom(BENEFIT).where(BENEFIT.PROGRAMME_CODE.eq(rule.getProgrammeCode()), BENEFIT.HOUSEHOLD_ID.eq(householdId))
                .orderBy(BENEFIT.STARTS_ON).limit(1).fetchOptional()
                .ifPresent(earlier -> {
                    Disclosable.OfBenefit benefit = new Disclosable.OfBenefit(earlier.getProgrammeCode(),
                            GlobalId.encode("Benefit", earlier.getId()));
                    throw ineligible(rule, field, "the household had " + rule.getProgrammeCode() + " before.",
                            Map.of("existingId", benefit))
                            .revealing(benefit, message(rule, "the household already had " + rule.getProgrammeCode() + " "
                                    + period(earlier) + "."));
                });
    }

    private void checkPbiFunding(EligibilityRuleRecord rule, Long memberId, PbiFunding funding) {
        if (memberId == null || funding == null) {
            return;
        }
        HealthFacetRecord health = dsl.selectFrom(HEALTH_FACET).where(HEALTH_FACET.MEMBER_ID.eq(memberId)).fetchOne();
        if (health != null && health.getActive() && PbiSegments.ALL.contains(health.getSegment())
                && health.getSegment() != PbiSegments.of(funding)) {
            throw ineligible(rule, "input.funding", "the person is in PBI funded otherwise, so PBI funded by " + funding
                    + " would put them in both APBN and APBD PBI.", Map.of())
                    .revealing(new Disclosable.FieldValue("HealthFacet", "segment", null), message(rule,
                            "the person's active JKN segment is " + health.getSegment() + ", so PBI funded by " + funding
                                    + " would put them in both APBN and APBD PBI."));
        }
    }

    /**
     * A refusal by an eligibility rule. Its message says only what any enrolling role may know (the
     * rule and what it requires); the fact about the household that breaks it goes into the fuller
     * message, shown to those who read that fact.
     */
    private static ConflictException ineligible(EligibilityRuleRecord rule, String field, String fact, Map<String, Object> details) {
        Map<String, Object> extensions = new java.util.HashMap<>(details);
        extensions.put("rule", rule.getCode());
        return new ConflictException(field, message(rule, fact), extensions);
    }

    private static String message(EligibilityRuleRecord rule, String fact) {
        return "Rule " + rule.getCode() + ": " + fact + " " + rule.getDescription();
    }

    static Condition overlaps(Benefit benefit, LocalDate from, LocalDate to) {
        Condition overlaps = benefit.ENDS_ON.isNull().or(benefit.ENDS_ON.ge(from));
        return to == null ? overlaps : overlaps.and(benefit.STARTS_ON.le(to));
    }

    static String period(BenefitRecord benefit) {
        return "from " + benefit.getStartsOn() + (benefit.getEndsOn() == null ? " without an end" : " to " + benefit.getEndsOn());
    }
}
