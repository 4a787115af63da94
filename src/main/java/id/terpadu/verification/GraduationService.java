package id.terpadu.verification;

import id.terpadu.access.Caller;
import id.terpadu.db.codes.VerificationOutcome;
import id.terpadu.db.tables.records.ProgrammeRecord;
import id.terpadu.db.tables.records.RegionRecord;
import id.terpadu.db.tables.records.VerificationResultRecord;
import id.terpadu.db.tables.records.VerificationRoundRecord;
import id.terpadu.error.NotFoundException;
import id.terpadu.programme.ReferenceDataRepository;
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

    private final GraduationRepository graduation;
    private final ReferenceDataRepository referenceData;
    private final FigureScope figureScope;

    GraduationService(GraduationRepository graduation, ReferenceDataRepository referenceData, FigureScope figureScope) {
        this.graduation = graduation;
        this.referenceData = referenceData;
        this.figureScope = figureScope;
    }

    ProgrammeGraduation of(Caller caller, String programmeCode, String roundName, String regionCode) {
        ProgrammeRecord programme = referenceData.findProgramme(programmeCode == null ? "" : programmeCode.strip())
                .orElseThrow(() -> new NotFoundException("programme", "No programme has this code."));
        FigureScope.Figures figures = figureScope.of(caller, roundName, regionCode);
        VerificationRoundRecord round = figures.round();
        RegionRecord region = figures.region();
        Suppression suppression = figures.suppression();
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
