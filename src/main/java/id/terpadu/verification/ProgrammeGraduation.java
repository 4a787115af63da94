package id.terpadu.verification;

import id.terpadu.db.tables.records.ProgrammeRecord;
import id.terpadu.db.tables.records.RegionRecord;
import id.terpadu.db.tables.records.VerificationRoundRecord;
import id.terpadu.verification.RoundStatistics.Count;

/**
 * How many households that received a programme in a round the next round found no longer poor, in
 * a region, as the {@code programmeGraduation} query answers it.
 */
record ProgrammeGraduation(ProgrammeRecord programme, VerificationRoundRecord round, VerificationRoundRecord nextRound,
                           RegionRecord region, Integer suppressionThreshold, Count recipients, Count leftPoverty) {
}
