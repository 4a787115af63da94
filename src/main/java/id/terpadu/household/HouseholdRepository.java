package id.terpadu.household;

import id.terpadu.access.Caller;
import id.terpadu.access.RowScope;
import id.terpadu.database.VersionedTable;
import id.terpadu.db.codes.HouseholdStatus;
import id.terpadu.db.tables.records.HouseholdKkHistoryRecord;
import id.terpadu.db.tables.records.HouseholdRecord;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.SortField;
import org.springframework.stereotype.Repository;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

import static id.terpadu.db.Tables.HOUSEHOLD;
import static id.terpadu.db.Tables.HOUSEHOLD_KK_HISTORY;

/** Households and their family-card history, as a caller may see them. */
@Repository
class HouseholdRepository {

    /** The household's core record: KK, address and members, owned by the village and UPT-PK. */
    static final VersionedTable<HouseholdRecord> CORE = new VersionedTable<>(
            HOUSEHOLD, HOUSEHOLD.ID, HOUSEHOLD.VERSION, HOUSEHOLD.UPDATED_AT, "The household");

    private final DSLContext dsl;
    private final RowScope scope;

    HouseholdRepository(DSLContext dsl, RowScope scope) {
        this.dsl = dsl;
        this.scope = scope;
    }

    /** The household holding this KK now, or else the one that held it before. */
    Optional<HouseholdRecord> findByKk(Caller caller, String kk) {
        return findCurrentByKk(caller, kk)
                .or(() -> dsl.selectFrom(HOUSEHOLD)
                        .where(scope.households(caller))
                        .and(HOUSEHOLD.ID.in(dsl.select(HOUSEHOLD_KK_HISTORY.HOUSEHOLD_ID)
                                .from(HOUSEHOLD_KK_HISTORY)
                                .where(HOUSEHOLD_KK_HISTORY.KK.eq(kk))))
                        .orderBy(HOUSEHOLD.ID.desc())
                        .limit(1)
                        .fetchOptional());
    }

    /** The household holding this KK now. */
    Optional<HouseholdRecord> findCurrentByKk(Caller caller, String kk) {
        return dsl.selectFrom(HOUSEHOLD).where(HOUSEHOLD.KK.eq(kk)).and(scope.households(caller)).fetchOptional();
    }

    Optional<HouseholdRecord> findById(Caller caller, long id) {
        return dsl.selectFrom(HOUSEHOLD).where(HOUSEHOLD.ID.eq(id)).and(scope.households(caller)).fetchOptional();
    }

    List<HouseholdRecord> findAllById(Caller caller, Collection<Long> ids) {
        return dsl.selectFrom(HOUSEHOLD).where(HOUSEHOLD.ID.in(ids)).and(scope.households(caller)).fetch();
    }

    /** One page in the given order, starting after the seek values; one row more than asked tells whether more follow. */
    List<HouseholdRecord> page(Caller caller, Condition condition, List<SortField<?>> order, Object[] after, int limit) {
        var ordered = dsl.selectFrom(HOUSEHOLD).where(condition).and(scope.households(caller)).orderBy(order);
        return (after == null ? ordered.limit(limit) : ordered.seek(after).limit(limit)).fetch();
    }

    int count(Caller caller, Condition condition) {
        return dsl.fetchCount(HOUSEHOLD, condition.and(scope.households(caller)));
    }

    HouseholdRecord insert(HouseholdRecord household) {
        return dsl.insertInto(HOUSEHOLD).set(household).returning().fetchSingle();
    }

    void recordKkChange(long householdId, String oldKk, String reason) {
        dsl.insertInto(HOUSEHOLD_KK_HISTORY)
                .set(HOUSEHOLD_KK_HISTORY.HOUSEHOLD_ID, householdId)
                .set(HOUSEHOLD_KK_HISTORY.KK, oldKk)
                .set(HOUSEHOLD_KK_HISTORY.REASON, reason)
                .execute();
    }

    List<HouseholdKkHistoryRecord> kkHistory(Collection<Long> householdIds) {
        return dsl.selectFrom(HOUSEHOLD_KK_HISTORY)
                .where(HOUSEHOLD_KK_HISTORY.HOUSEHOLD_ID.in(householdIds))
                .orderBy(HOUSEHOLD_KK_HISTORY.REPLACED_AT.desc(), HOUSEHOLD_KK_HISTORY.ID.desc())
                .fetch();
    }

    /** Whether a household holds or held this KK anywhere in the hub, also outside the caller's region. */
    boolean kkInUse(String kk) {
        return dsl.fetchExists(HOUSEHOLD, HOUSEHOLD.KK.eq(kk))
                || dsl.fetchExists(HOUSEHOLD_KK_HISTORY, HOUSEHOLD_KK_HISTORY.KK.eq(kk));
    }

    /** Marks a family card no longer in use: everyone on it is gone. */
    void dissolve(long householdId) {
        dsl.update(HOUSEHOLD).set(HOUSEHOLD.STATUS, HouseholdStatus.DISSOLVED).where(HOUSEHOLD.ID.eq(householdId)).execute();
    }
}
