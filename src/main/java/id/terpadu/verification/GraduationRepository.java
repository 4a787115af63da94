package id.terpadu.verification;

import id.terpadu.db.codes.BenefitStatus;
import id.terpadu.db.codes.VerificationOutcome;
import id.terpadu.db.tables.VerificationResult;
import id.terpadu.db.tables.records.VerificationResultRecord;
import id.terpadu.db.tables.records.VerificationRoundRecord;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record1;
import org.jooq.Record2;
import org.jooq.Select;
import org.springframework.stereotype.Repository;

import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import static id.terpadu.db.Tables.BENEFIT;
import static id.terpadu.db.Tables.HOUSEHOLD;
import static id.terpadu.db.Tables.MEMBER;
import static id.terpadu.db.Tables.VERIFICATION_RESULT;
import static id.terpadu.db.Tables.VERIFICATION_ROUND;
import static org.jooq.impl.DSL.coalesce;
import static org.jooq.impl.DSL.count;
import static org.jooq.impl.DSL.falseCondition;
import static org.jooq.impl.DSL.selectDistinct;

/** A household's rounds on its path out of poverty, and the graduation of a programme's recipients. */
@Repository
class GraduationRepository {

    /** Recipients of a programme in a round, and how many of them the next round found no longer poor. */
    record Graduation(long recipients, long leftPoverty) {
    }

    private static final VerificationResult NEXT = VERIFICATION_RESULT.as("next_result");

    private final DSLContext dsl;

    GraduationRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    /** The results of these households, oldest round first. */
    List<VerificationResultRecord> pathsOf(Collection<Long> householdIds) {
        return dsl.select(VERIFICATION_RESULT.fields())
                .from(VERIFICATION_RESULT)
                .join(VERIFICATION_ROUND).on(VERIFICATION_ROUND.ID.eq(VERIFICATION_RESULT.ROUND_ID))
                .where(VERIFICATION_RESULT.HOUSEHOLD_ID.in(householdIds))
                .orderBy(VERIFICATION_ROUND.YEAR, VERIFICATION_ROUND.ID)
                .fetchInto(VERIFICATION_RESULT);
    }

    /** The round measured against this one: the earliest whose previous round it is. */
    Optional<VerificationRoundRecord> nextRound(long roundId) {
        return dsl.selectFrom(VERIFICATION_ROUND).where(VERIFICATION_ROUND.PREVIOUS_ID.eq(roundId))
                .orderBy(VERIFICATION_ROUND.YEAR, VERIFICATION_ROUND.ID).limit(1).fetchOptional();
    }

    /**
     * The round's poor households in the region holding the programme (their own enrolment or a
     * member's, beyond a proposal) in a period overlapping the round's year, as the round's
     * statistics count them; and those of them the next round found LEFT_POVERTY (none without one).
     */
    Graduation graduation(VerificationRoundRecord round, Long nextRoundId, String programme, String region) {
        Field<Long> holder = coalesce(BENEFIT.HOUSEHOLD_ID, MEMBER.HOUSEHOLD_ID);
        Select<Record1<Long>> recipients = selectDistinct(holder)
                .from(BENEFIT).leftJoin(MEMBER).on(MEMBER.ID.eq(BENEFIT.MEMBER_ID))
                .where(BENEFIT.PROGRAMME_CODE.eq(programme))
                .and(BENEFIT.STATUS.ne(BenefitStatus.PROPOSED))
                .and(BENEFIT.STARTS_ON.le(LocalDate.of(round.getYear(), 12, 31)))
                .and(BENEFIT.ENDS_ON.isNull().or(BENEFIT.ENDS_ON.ge(LocalDate.of(round.getYear(), 1, 1))));
        Field<Integer> left = count().filterWhere(NEXT.RESULT.eq(VerificationOutcome.LEFT_POVERTY));
        Record2<Integer, Integer> counts = dsl.select(count(), left)
                .from(VERIFICATION_RESULT).join(HOUSEHOLD).on(HOUSEHOLD.ID.eq(VERIFICATION_RESULT.HOUSEHOLD_ID))
                .leftJoin(NEXT).on(NEXT.HOUSEHOLD_ID.eq(VERIFICATION_RESULT.HOUSEHOLD_ID)
                        .and(nextRoundId == null ? falseCondition() : NEXT.ROUND_ID.eq(nextRoundId)))
                .where(StatisticsRepository.poorIn(round.getId(), region))
                .and(VERIFICATION_RESULT.HOUSEHOLD_ID.in(recipients))
                .fetchSingle();
        return new Graduation(counts.value1(), counts.value2());
    }
}
