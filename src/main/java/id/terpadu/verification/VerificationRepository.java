package id.terpadu.verification;

import id.terpadu.db.codes.VerificationRoundStatus;
import id.terpadu.db.tables.records.VerificationResultRecord;
import id.terpadu.db.tables.records.VerificationRoundRecord;
import org.jooq.DSLContext;
import org.springframework.stereotype.Repository;

import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import static id.terpadu.db.Tables.SOCIAL_FACET;
import static id.terpadu.db.Tables.VERIFICATION_RESULT;
import static id.terpadu.db.Tables.VERIFICATION_ROUND;

/** Verification rounds and the results recorded in them. */
@Repository
class VerificationRepository {

    private final DSLContext dsl;

    VerificationRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    List<VerificationRoundRecord> rounds() {
        return dsl.selectFrom(VERIFICATION_ROUND)
                .orderBy(VERIFICATION_ROUND.YEAR.desc(), VERIFICATION_ROUND.ID.desc())
                .fetch();
    }

    Optional<VerificationRoundRecord> findRound(String name) {
        return dsl.selectFrom(VERIFICATION_ROUND).where(VERIFICATION_ROUND.NAME.eq(name)).fetchOptional();
    }

    List<VerificationRoundRecord> findRounds(Collection<Long> ids) {
        return dsl.selectFrom(VERIFICATION_ROUND).where(VERIFICATION_ROUND.ID.in(ids)).fetch();
    }

    /** The latest round of a year before this one: the default to compare a new round with. */
    Optional<VerificationRoundRecord> latestBefore(int year) {
        return dsl.selectFrom(VERIFICATION_ROUND)
                .where(VERIFICATION_ROUND.YEAR.lt((short) year))
                .orderBy(VERIFICATION_ROUND.YEAR.desc(), VERIFICATION_ROUND.ID.desc())
                .limit(1)
                .fetchOptional();
    }

    /**
     * The round, locked against closing until the transaction ends: results recorded while a clerk
     * closes the round are either in before it closes or refused, never written into a closed round.
     */
    Optional<VerificationRoundRecord> findRoundForRecording(String name) {
        return dsl.selectFrom(VERIFICATION_ROUND).where(VERIFICATION_ROUND.NAME.eq(name)).forShare().fetchOptional();
    }

    /** The round, locked for closing: waits for results being recorded in it. */
    Optional<VerificationRoundRecord> findRoundForClosing(String name) {
        return dsl.selectFrom(VERIFICATION_ROUND).where(VERIFICATION_ROUND.NAME.eq(name)).forUpdate().fetchOptional();
    }

    VerificationRoundRecord insertRound(VerificationRoundRecord round) {
        return dsl.insertInto(VERIFICATION_ROUND).set(round).returning().fetchSingle();
    }

    VerificationRoundRecord close(long roundId) {
        return dsl.update(VERIFICATION_ROUND)
                .set(VERIFICATION_ROUND.STATUS, VerificationRoundStatus.CLOSED)
                .set(VERIFICATION_ROUND.CLOSED_AT, OffsetDateTime.now())
                .where(VERIFICATION_ROUND.ID.eq(roundId))
                .returning()
                .fetchSingle();
    }

    /** Records a household's result in a round, replacing the one recorded before (one per household and round). */
    VerificationResultRecord upsertResult(VerificationResultRecord result) {
        return dsl.insertInto(VERIFICATION_RESULT)
                .set(result)
                .onConflict(VERIFICATION_RESULT.ROUND_ID, VERIFICATION_RESULT.HOUSEHOLD_ID)
                .doUpdate()
                .set(VERIFICATION_RESULT.RESULT, result.getResult())
                .set(VERIFICATION_RESULT.PERSONS, result.getPersons())
                .set(VERIFICATION_RESULT.CLUSTER_CODE, result.getClusterCode())
                .set(VERIFICATION_RESULT.NOTE, result.getNote())
                .set(VERIFICATION_RESULT.RECORDED_AT, OffsetDateTime.now())
                .returning()
                .fetchSingle();
    }

    /** The cluster the social office gave the household, if any. */
    Optional<String> currentCluster(long householdId) {
        return dsl.select(SOCIAL_FACET.CLUSTER_CODE).from(SOCIAL_FACET)
                .where(SOCIAL_FACET.HOUSEHOLD_ID.eq(householdId))
                .fetchOptional(SOCIAL_FACET.CLUSTER_CODE);
    }

    /** The results of these households, newest round first. */
    List<VerificationResultRecord> resultsOf(Collection<Long> householdIds) {
        return dsl.select(VERIFICATION_RESULT.fields())
                .from(VERIFICATION_RESULT)
                .join(VERIFICATION_ROUND).on(VERIFICATION_ROUND.ID.eq(VERIFICATION_RESULT.ROUND_ID))
                .where(VERIFICATION_RESULT.HOUSEHOLD_ID.in(householdIds))
                .orderBy(VERIFICATION_ROUND.YEAR.desc(), VERIFICATION_ROUND.ID.desc())
                .fetchInto(VERIFICATION_RESULT);
    }
}
