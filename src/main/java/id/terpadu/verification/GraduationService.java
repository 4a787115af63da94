package id.terpadu.verification;

import id.terpadu.access.Caller;
import id.terpadu.access.RowScope;
import id.terpadu.db.codes.VerificationOutcome;
import id.terpadu.db.tables.records.ProgrammeRecord;
import id.terpadu.db.tables.records.RegionRecord;
import id.terpadu.db.tables.records.VerificationResultRecord;
import id.terpadu.db.tables.records.VerificationRoundRecord;
import id.terpadu.error.NotFoundException;
import id.terpadu.programme.ReferenceDataRepository;
import id.terpadu.region.RegionCode;
import id.terpadu.region.RegionRepository;
import id.terpadu.verification.GraduationRepository.Graduation;
import id.terpadu.verification.RoundStatistics.Count;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.List;

/**
 * Graduation out of poverty: whether the households a programme reached were found no longer poor
 * at the next verification round, as planners ask it (aggregates, small village counts withheld as
 * the round's statistics withhold them), and a household's own path through the rounds.
 */
@Service
@Transactional(readOnly = true)
class GraduationService {

    private static final short DISTRICT = 3;

    private final GraduationRepository graduation;
    private final VerificationRepository rounds;
    private final RegionRepository regions;
    private final ReferenceDataRepository referenceData;
    private final RowScope scope;
    private final StatisticsProperties properties;

    GraduationService(GraduationRepository graduation, VerificationRepository rounds, RegionRepository regions,
                      ReferenceDataRepository referenceData, RowScope scope, StatisticsProperties properties) {
        this.graduation = graduation;
        this.rounds = rounds;
        this.regions = regions;
        this.referenceData = referenceData;
        this.scope = scope;
        this.properties = properties;
    }

    ProgrammeGraduation of(Caller caller, String programmeCode, String roundName, String regionCode) {
        ProgrammeRecord programme = referenceData.findProgramme(programmeCode == null ? "" : programmeCode.strip())
                .orElseThrow(() -> new NotFoundException("programme", "No programme has this code."));
        VerificationRoundRecord round = rounds.findRound(roundName == null ? "" : roundName.strip())
                .orElseThrow(() -> new NotFoundException("round", "No verification round has this name."));
        // a region outside the caller's is the same as one that does not exist
        RegionRecord region = RegionCode.normalise(regionCode)
                .flatMap(regions::find)
                .filter(found -> scope.includesRegion(caller, found.getCode()))
                .orElseThrow(() -> new NotFoundException("region", "No region has this code."));
        Suppression suppression = region.getLevel() > DISTRICT && !scope.seesSmallCounts(caller)
                ? Suppression.below(properties.suppressionThreshold()) : Suppression.NONE;
        VerificationRoundRecord next = graduation.nextRound(round.getId()).orElse(null);
        Graduation counts = graduation.graduation(round, next == null ? null : next.getId(), programme.getCode(), region.getCode());
        Count recipients = suppression.count(counts.recipients());
        Count leftPoverty = null;
        if (next != null) {
            // with the recipients shown, those who left and those who did not are the two cells of one total:
            // either one withheld withholds the other, or the total would give it away
            boolean withheld = recipients.suppressed() || suppression.suppressedCells(
                    List.of(counts.leftPoverty(), counts.recipients() - counts.leftPoverty()))[0];
            leftPoverty = withheld ? Count.SUPPRESSED : Count.of(counts.leftPoverty());
        }
        return new ProgrammeGraduation(programme, round, next, region, suppression.threshold(), recipients, leftPoverty);
    }

    /** A household's results, oldest round first. */
    List<VerificationResultRecord> paths(List<Long> householdIds) {
        return graduation.pathsOf(householdIds);
    }

    /**
     * The result that last found the household no longer poor, unless a later round found it poor
     * again; null while it has not left poverty.
     *
     * @param path the household's results, oldest round first
     */
    static VerificationResultRecord leftPoverty(List<VerificationResultRecord> path) {
        VerificationResultRecord left = null;
        for (VerificationResultRecord result : path) {
            if (result.getResult() == VerificationOutcome.LEFT_POVERTY) {
                left = result;
            } else if (Outcomes.POOR.contains(result.getResult())) {
                left = null;
            }
        }
        return left;
    }
}
