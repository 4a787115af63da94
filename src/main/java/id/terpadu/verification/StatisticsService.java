package id.terpadu.verification;

import id.terpadu.access.Caller;
import id.terpadu.db.codes.JknSegment;
import id.terpadu.db.codes.VerificationOutcome;
import id.terpadu.db.tables.records.ClusterRecord;
import id.terpadu.db.tables.records.ProgrammeRecord;
import id.terpadu.db.tables.records.RegionRecord;
import id.terpadu.db.tables.records.VerificationRoundRecord;
import id.terpadu.programme.ReferenceDataRepository;
import id.terpadu.verification.RoundStatistics.ClusterCount;
import id.terpadu.verification.RoundStatistics.Count;
import id.terpadu.verification.RoundStatistics.JknSegmentCount;
import id.terpadu.verification.RoundStatistics.ProgrammeCount;
import id.terpadu.verification.RoundStatistics.RoundChange;
import id.terpadu.verification.StatisticsRepository.Totals;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The statistics of a round for a region: what the regency reports. Counts for an area smaller
 * than a district are withheld below the configured threshold for every role without
 * {@code smallCounts} in the access policy.
 */
@Service
@Transactional(readOnly = true)
class StatisticsService {

    private static final List<JknSegment> SEGMENTS = List.of(JknSegment.values());

    private final StatisticsRepository statistics;
    private final VerificationRepository rounds;
    private final ReferenceDataRepository referenceData;
    private final FigureScope figureScope;

    StatisticsService(StatisticsRepository statistics, VerificationRepository rounds, ReferenceDataRepository referenceData,
                      FigureScope figureScope) {
        this.statistics = statistics;
        this.rounds = rounds;
        this.referenceData = referenceData;
        this.figureScope = figureScope;
    }

    RoundStatistics of(Caller caller, String roundName, String regionCode) {
        FigureScope.Figures figures = figureScope.of(caller, roundName, regionCode);
        VerificationRoundRecord round = figures.round();
        RegionRecord region = figures.region();
        Suppression suppression = figures.suppression();

        Totals poor = statistics.poor(round.getId(), region.getCode());
        Count households = suppression.count(poor.households());
        // persons are never fewer than households: withheld with them, they could not give them away
        Count persons = households.suppressed() ? Count.SUPPRESSED : suppression.count(poor.persons());
        return new RoundStatistics(round, region, suppression.threshold(), households, persons,
                byCluster(round, region, suppression), byProgramme(round, region, suppression),
                byJknSegment(round, region, suppression), change(round, region, suppression, poor, households, persons));
    }

    private List<ClusterCount> byCluster(VerificationRoundRecord round, RegionRecord region, Suppression suppression) {
        Map<String, Totals> found = statistics.poorByCluster(round.getId(), region.getCode());
        List<ClusterRecord> clusters = new ArrayList<>(referenceData.clusters());
        clusters.add(null);
        List<Totals> totals = clusters.stream()
                .map(cluster -> found.getOrDefault(cluster == null ? null : cluster.getCode(), Totals.NONE))
                .toList();
        boolean[] suppressed = suppression.suppressedCells(totals.stream().map(Totals::households).toList());
        List<ClusterCount> counts = new ArrayList<>();
        for (int i = 0; i < clusters.size(); i++) {
            counts.add(new ClusterCount(clusters.get(i), shown(totals.get(i).households(), suppressed[i]),
                    shown(totals.get(i).persons(), suppressed[i])));
        }
        return counts;
    }

    /** Programmes overlap (a household holds several), so each is withheld on its own count. */
    private List<ProgrammeCount> byProgramme(VerificationRoundRecord round, RegionRecord region, Suppression suppression) {
        Map<String, Totals> found = statistics.poorByProgramme(round.getId(), region.getCode(), round.getYear());
        List<ProgrammeCount> counts = new ArrayList<>();
        for (ProgrammeRecord programme : referenceData.programmes()) {
            Totals totals = found.getOrDefault(programme.getCode(), Totals.NONE);
            Count households = suppression.count(totals.households());
            counts.add(new ProgrammeCount(programme, households,
                    households.suppressed() ? Count.SUPPRESSED : Count.of(totals.persons())));
        }
        return counts;
    }

    private List<JknSegmentCount> byJknSegment(VerificationRoundRecord round, RegionRecord region, Suppression suppression) {
        Map<JknSegment, Long> found = statistics.membersBySegment(round.getId(), region.getCode());
        List<Count> counts = suppression.cells(SEGMENTS.stream().map(segment -> found.getOrDefault(segment, 0L)).toList());
        List<JknSegmentCount> bySegment = new ArrayList<>();
        for (int i = 0; i < SEGMENTS.size(); i++) {
            bySegment.add(new JknSegmentCount(SEGMENTS.get(i), counts.get(i)));
        }
        return bySegment;
    }

    /**
     * The change against the previous round. The households of either round, the results and the
     * difference are tied together (previous + new - left - moved - deceased = now, when every
     * household was verified again), so when any of them is withheld the whole change is.
     */
    private RoundChange change(VerificationRoundRecord round, RegionRecord region, Suppression suppression,
                               Totals poor, Count households, Count persons) {
        if (round.getPreviousId() == null) {
            return null;
        }
        VerificationRoundRecord previous = rounds.findRounds(List.of(round.getPreviousId())).getFirst();
        Totals before = statistics.poor(previous.getId(), region.getCode());
        Count householdsBefore = suppression.count(before.households());
        Count personsBefore = householdsBefore.suppressed() ? Count.SUPPRESSED : suppression.count(before.persons());
        Map<VerificationOutcome, Long> outcomes = statistics.outcomes(round.getId(), region.getCode());
        List<Count> results = Stream.of(VerificationOutcome.LEFT_POVERTY, VerificationOutcome.MOVED,
                        VerificationOutcome.DECEASED, VerificationOutcome.NEW)
                .map(result -> suppression.count(outcomes.getOrDefault(result, 0L)))
                .toList();
        boolean withheld = Stream.concat(Stream.of(households, persons, householdsBefore, personsBefore), results.stream())
                .anyMatch(Count::suppressed);
        if (withheld) {
            return new RoundChange(previous, Count.SUPPRESSED, Count.SUPPRESSED, Count.SUPPRESSED, Count.SUPPRESSED,
                    Count.SUPPRESSED, Count.SUPPRESSED);
        }
        return new RoundChange(previous, Count.of(poor.households() - before.households()),
                Count.of(poor.persons() - before.persons()), results.get(0), results.get(1), results.get(2), results.get(3));
    }

    private static Count shown(long value, boolean suppressed) {
        return suppressed ? Count.SUPPRESSED : Count.of(value);
    }
}
