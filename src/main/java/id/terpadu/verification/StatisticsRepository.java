package id.terpadu.verification;

import id.terpadu.db.codes.BenefitStatus;
import id.terpadu.db.codes.JknSegment;
import id.terpadu.db.codes.VerificationOutcome;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record2;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

import static id.terpadu.db.Tables.BENEFIT;
import static id.terpadu.db.Tables.HEALTH_FACET;
import static id.terpadu.db.Tables.HOUSEHOLD;
import static id.terpadu.db.Tables.MEMBER;
import static id.terpadu.db.Tables.VERIFICATION_RESULT;
import static org.jooq.impl.DSL.coalesce;
import static org.jooq.impl.DSL.count;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.selectDistinct;
import static org.jooq.impl.DSL.sum;

/**
 * The counts behind a round's statistics, each one aggregate statement over the results of the
 * round's households in a region (the households' current village).
 */
@Repository
class StatisticsRepository {

    /** Households and the persons verified in them. */
    record Totals(long households, long persons) {

        static final Totals NONE = new Totals(0, 0);
    }

    private static final Field<BigDecimal> PERSONS = sum(VERIFICATION_RESULT.PERSONS);

    private final DSLContext dsl;

    StatisticsRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    Totals poor(long roundId, String region) {
        return dsl.select(count(), PERSONS)
                .from(VERIFICATION_RESULT).join(HOUSEHOLD).on(HOUSEHOLD.ID.eq(VERIFICATION_RESULT.HOUSEHOLD_ID))
                .where(poorIn(roundId, region))
                .fetchSingle(StatisticsRepository::totals);
    }

    /** Poor households and persons by the cluster at verification (key null: none). */
    Map<String, Totals> poorByCluster(long roundId, String region) {
        Map<String, Totals> byCluster = new LinkedHashMap<>();
        dsl.select(VERIFICATION_RESULT.CLUSTER_CODE, count(), PERSONS)
                .from(VERIFICATION_RESULT).join(HOUSEHOLD).on(HOUSEHOLD.ID.eq(VERIFICATION_RESULT.HOUSEHOLD_ID))
                .where(poorIn(roundId, region))
                .groupBy(VERIFICATION_RESULT.CLUSTER_CODE)
                .forEach(row -> byCluster.put(row.value1(), totals(row.value2(), row.value3())));
        return byCluster;
    }

    /**
     * Poor households holding each programme (their own enrolment or a member's) in a period
     * overlapping the year, and their verified persons. A proposal that was never approved is not held.
     */
    Map<String, Totals> poorByProgramme(long roundId, String region, int year) {
        Field<Long> holder = coalesce(BENEFIT.HOUSEHOLD_ID, MEMBER.HOUSEHOLD_ID).as("holder_id");
        Table<Record2<String, Long>> held = selectDistinct(BENEFIT.PROGRAMME_CODE, holder)
                .from(BENEFIT).leftJoin(MEMBER).on(MEMBER.ID.eq(BENEFIT.MEMBER_ID))
                .where(BENEFIT.STATUS.ne(BenefitStatus.PROPOSED))
                .and(BENEFIT.STARTS_ON.le(LocalDate.of(year, 12, 31)))
                .and(BENEFIT.ENDS_ON.isNull().or(BENEFIT.ENDS_ON.ge(LocalDate.of(year, 1, 1))))
                .asTable("held");
        Field<String> programme = held.field(BENEFIT.PROGRAMME_CODE);
        Map<String, Totals> byProgramme = new LinkedHashMap<>();
        dsl.select(programme, count(), PERSONS)
                .from(VERIFICATION_RESULT).join(HOUSEHOLD).on(HOUSEHOLD.ID.eq(VERIFICATION_RESULT.HOUSEHOLD_ID))
                .join(held).on(held.field(holder).eq(VERIFICATION_RESULT.HOUSEHOLD_ID))
                .where(poorIn(roundId, region))
                .groupBy(programme)
                .forEach(row -> byProgramme.put(row.value1(), totals(row.value2(), row.value3())));
        return byProgramme;
    }

    /** Current members of the round's poor households by their current JKN segment (NONE when unrecorded). */
    Map<JknSegment, Long> membersBySegment(long roundId, String region) {
        // inlined, so the grouped expression is the selected one
        Field<JknSegment> segment = coalesce(HEALTH_FACET.SEGMENT, inline(JknSegment.NONE, HEALTH_FACET.SEGMENT));
        Map<JknSegment, Long> bySegment = new LinkedHashMap<>();
        dsl.select(segment, count())
                .from(VERIFICATION_RESULT).join(HOUSEHOLD).on(HOUSEHOLD.ID.eq(VERIFICATION_RESULT.HOUSEHOLD_ID))
                .join(MEMBER).on(MEMBER.HOUSEHOLD_ID.eq(VERIFICATION_RESULT.HOUSEHOLD_ID))
                .leftJoin(HEALTH_FACET).on(HEALTH_FACET.MEMBER_ID.eq(MEMBER.ID))
                .where(poorIn(roundId, region))
                .groupBy(segment)
                .forEach(row -> bySegment.put(row.value1(), row.value2().longValue()));
        return bySegment;
    }

    /** Households of each result in the round, poor or not. */
    Map<VerificationOutcome, Long> outcomes(long roundId, String region) {
        Map<VerificationOutcome, Long> byResult = new LinkedHashMap<>();
        dsl.select(VERIFICATION_RESULT.RESULT, count())
                .from(VERIFICATION_RESULT).join(HOUSEHOLD).on(HOUSEHOLD.ID.eq(VERIFICATION_RESULT.HOUSEHOLD_ID))
                .where(VERIFICATION_RESULT.ROUND_ID.eq(roundId)).and(inRegion(region))
                .groupBy(VERIFICATION_RESULT.RESULT)
                .forEach(row -> byResult.put(row.value1(), row.value2().longValue()));
        return byResult;
    }

    static Condition poorIn(long roundId, String region) {
        return VERIFICATION_RESULT.ROUND_ID.eq(roundId)
                .and(VERIFICATION_RESULT.RESULT.in(Outcomes.POOR))
                .and(inRegion(region));
    }

    private static Condition inRegion(String region) {
        return HOUSEHOLD.VILLAGE_CODE.eq(region).or(HOUSEHOLD.VILLAGE_CODE.startsWith(region + "."));
    }

    private static Totals totals(Record2<Integer, BigDecimal> row) {
        return totals(row.value1(), row.value2());
    }

    private static Totals totals(Integer households, BigDecimal persons) {
        return new Totals(households, persons == null ? 0 : persons.longValue());
    }
}
