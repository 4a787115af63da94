package id.terpadu.benefit;

import id.terpadu.access.Caller;
import id.terpadu.access.RowScope;
import id.terpadu.database.VersionedTable;
import id.terpadu.db.codes.BenefitStatus;
import id.terpadu.db.tables.records.BenefitRecord;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static id.terpadu.db.Tables.BENEFIT;
import static id.terpadu.db.Tables.HOUSEHOLD;
import static id.terpadu.db.Tables.MEMBER;

/** Enrolments of households and members in programmes. */
@Repository
class BenefitRepository {

    static final VersionedTable<BenefitRecord> TABLE = new VersionedTable<>(
            BENEFIT, BENEFIT.ID, BENEFIT.VERSION, BENEFIT.UPDATED_AT, "The benefit");

    private final DSLContext dsl;
    private final RowScope scope;

    BenefitRepository(DSLContext dsl, RowScope scope) {
        this.dsl = dsl;
        this.scope = scope;
    }

    Optional<BenefitRecord> findById(Caller caller, long id) {
        return dsl.selectFrom(BENEFIT).where(BENEFIT.ID.eq(id)).and(scope.benefits(caller)).fetchOptional();
    }

    List<BenefitRecord> findByHouseholds(Caller caller, Collection<Long> householdIds) {
        return dsl.selectFrom(BENEFIT)
                .where(BENEFIT.HOUSEHOLD_ID.in(householdIds))
                .and(scope.benefits(caller))
                .orderBy(BenefitOrder.NEWEST_FIRST)
                .fetch();
    }

    List<BenefitRecord> findByMembers(Caller caller, Collection<Long> memberIds) {
        return dsl.selectFrom(BENEFIT)
                .where(BENEFIT.MEMBER_ID.in(memberIds))
                .and(scope.benefits(caller))
                .orderBy(BenefitOrder.NEWEST_FIRST)
                .fetch();
    }

    /**
     * What the households and their current members received, by household, oldest first: the
     * enrolments beyond a proposal, of the programmes whose benefits the caller reads.
     */
    Map<Long, List<BenefitRecord>> receivedBy(Caller caller, Collection<Long> householdIds) {
        Field<Long> holder = DSL.coalesce(BENEFIT.HOUSEHOLD_ID, MEMBER.HOUSEHOLD_ID).as("holder_id");
        Map<Long, List<BenefitRecord>> received = new HashMap<>();
        dsl.select(holder).select(BENEFIT.fields())
                .from(BENEFIT).leftJoin(MEMBER).on(MEMBER.ID.eq(BENEFIT.MEMBER_ID))
                .where(BENEFIT.HOUSEHOLD_ID.in(householdIds).or(MEMBER.HOUSEHOLD_ID.in(householdIds)))
                .and(BENEFIT.STATUS.ne(BenefitStatus.PROPOSED))
                .and(scope.benefits(caller))
                .orderBy(BENEFIT.STARTS_ON, BENEFIT.ID)
                .forEach(row -> received.computeIfAbsent(row.get(holder), household -> new ArrayList<>()).add(row.into(BENEFIT)));
        return received;
    }

    /** An enrolment of the same beneficiary in the same programme whose period overlaps this one. */
    Optional<BenefitRecord> findOverlapping(String programme, Long householdId, Long memberId, LocalDate startsOn,
                                            LocalDate endsOn) {
        Condition beneficiary = householdId != null ? BENEFIT.HOUSEHOLD_ID.eq(householdId) : BENEFIT.MEMBER_ID.eq(memberId);
        Condition overlaps = BENEFIT.ENDS_ON.isNull().or(BENEFIT.ENDS_ON.ge(startsOn));
        if (endsOn != null) {
            overlaps = overlaps.and(BENEFIT.STARTS_ON.le(endsOn));
        }
        return dsl.selectFrom(BENEFIT)
                .where(BENEFIT.PROGRAMME_CODE.eq(programme), beneficiary, overlaps)
                .orderBy(BENEFIT.STARTS_ON)
                .limit(1)
                .fetchOptional();
    }

    /**
     * Locks the household about to be enrolled, or the person and the household they belong to,
     * until the transaction ends: two enrolments of one household (in any programme, also of its
     * members) run one after the other, so the second one finds the first, can name it, and sees it
     * when it checks the exclusion rules, which no database constraint spans.
     */
    void lockBeneficiary(long householdId, Long memberId) {
        dsl.select(HOUSEHOLD.ID).from(HOUSEHOLD).where(HOUSEHOLD.ID.eq(householdId)).forNoKeyUpdate().execute();
        if (memberId != null) {
            dsl.select(MEMBER.ID).from(MEMBER).where(MEMBER.ID.eq(memberId)).forNoKeyUpdate().execute();
        }
    }

    BenefitRecord insert(BenefitRecord benefit) {
        return dsl.insertInto(BENEFIT).set(benefit).returning().fetchSingle();
    }
}
