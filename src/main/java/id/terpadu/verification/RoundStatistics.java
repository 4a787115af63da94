package id.terpadu.verification;

import id.terpadu.db.codes.JknSegment;
import id.terpadu.db.tables.records.ClusterRecord;
import id.terpadu.db.tables.records.ProgrammeRecord;
import id.terpadu.db.tables.records.RegionRecord;
import id.terpadu.db.tables.records.VerificationRoundRecord;

import java.util.List;

/** The figures of a verification round in a region, as the {@code statistics} query answers them. */
record RoundStatistics(VerificationRoundRecord round, RegionRecord region, Integer suppressionThreshold,
                       Count households, Count persons, List<ClusterCount> byCluster, List<ProgrammeCount> byProgramme,
                       List<JknSegmentCount> byJknSegment, RoundChange change) {

    /** A number, or the mark that it is withheld. */
    record Count(Integer value, boolean suppressed) {

        static final Count SUPPRESSED = new Count(null, true);

        static Count of(long value) {
            return new Count(Math.toIntExact(value), false);
        }
    }

    record ClusterCount(ClusterRecord cluster, Count households, Count persons) {
    }

    record ProgrammeCount(ProgrammeRecord programme, Count households, Count persons) {
    }

    record JknSegmentCount(JknSegment segment, Count persons) {
    }

    record RoundChange(VerificationRoundRecord previous, Count households, Count persons, Count leftPoverty,
                       Count moved, Count deceased, Count newlyPoor) {
    }
}
