package id.terpadu.household;

import id.terpadu.access.RowScope;
import id.terpadu.database.VersionedTable;
import id.terpadu.db.tables.records.HouseholdKkHistoryRecord;
import id.terpadu.db.tables.records.HouseholdRecord;
import id.terpadu.error.NotFoundException;
import id.terpadu.graphql.Batches;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.SortField;
import org.springframework.stereotype.Repository;

import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.List;
import java.util.Optional;

import static id.terpadu.db.Tables.HOUSEHOLD;
import static id.terpadu.db.Tables.HOUSEHOLD_KK_HISTORY;

/** Households and their family-card history. */
@Repository
public class HouseholdRepository {

    /** The household's core record: KK, address and members, owned by the village and UPT-PK. */
    public static final VersionedTable<HouseholdRecord> CORE = new VersionedTable<>(
            HOUSEHOLD, HOUSEHOLD.ID, HOUSEHOLD.VERSION, HOUSEHOLD.UPDATED_AT, "The household");

    private final DSLContext dsl;
    private final RowScope scope;

    HouseholdRepository(DSLContext dsl, RowScope scope) {
        this.dsl = dsl;
        this.scope = scope;
    }

    /** The household holding this KK now, or else the one that held it before. */
    public Optional<HouseholdRecord> findByKk(String kk) {
        return findCurrentByKk(kk)
                .or(() -> dsl.selectFrom(HOUSEHOLD)
                        .where(scope.households())
                        .and(HOUSEHOLD.ID.in(dsl.select(HOUSEHOLD_KK_HISTORY.HOUSEHOLD_ID)
                                .from(HOUSEHOLD_KK_HISTORY)
                                .where(HOUSEHOLD_KK_HISTORY.KK.eq(kk))))
                        .orderBy(HOUSEHOLD.ID.desc())
                        .limit(1)
                        .fetchOptional());
    }

    /** The household holding this KK now. */
    public Optional<HouseholdRecord> findCurrentByKk(String kk) {
        return dsl.selectFrom(HOUSEHOLD).where(HOUSEHOLD.KK.eq(kk)).and(scope.households()).fetchOptional();
    }

    /** The household holding this KK now; NOT_FOUND on the input field otherwise. */
    public HouseholdRecord getCurrentByKk(String kk, String field) {
        return findCurrentByKk(kk).orElseThrow(() -> new NotFoundException(field, "No household holds this KK."));
    }

    public Optional<HouseholdRecord> findById(long id) {
        return dsl.selectFrom(HOUSEHOLD).where(HOUSEHOLD.ID.eq(id)).and(scope.households()).fetchOptional();
    }

    public List<HouseholdRecord> findAllById(Collection<Long> ids) {
        return dsl.selectFrom(HOUSEHOLD).where(HOUSEHOLD.ID.in(ids)).and(scope.households()).fetch();
    }

    /** For each source, the household its id names (in one statement); sources without one are left out. */
    public <S> Map<S, HouseholdRecord> householdsOf(List<S> sources, Function<S, Long> householdId) {
        List<Long> ids = sources.stream().map(householdId).filter(Objects::nonNull).distinct().toList();
        return Batches.lookup(sources, householdId, Batches.index(ids.isEmpty() ? List.of() : findAllById(ids), HouseholdRecord::getId));
    }

    /** One page in the given order, starting after the seek values; one row more than asked tells whether more follow. */
    List<HouseholdRecord> page(Condition condition, List<SortField<?>> order, Object[] after, int limit) {
        var ordered = dsl.selectFrom(HOUSEHOLD).where(condition).and(scope.households()).orderBy(order);
        return (after == null ? ordered.limit(limit) : ordered.seek(after).limit(limit)).fetch();
    }

    int count(Condition condition) {
        return dsl.fetchCount(HOUSEHOLD, condition.and(scope.households()));
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

    boolean kkInUse(String kk) {
        return dsl.fetchExists(HOUSEHOLD, HOUSEHOLD.KK.eq(kk))
                || dsl.fetchExists(HOUSEHOLD_KK_HISTORY, HOUSEHOLD_KK_HISTORY.KK.eq(kk));
    }
}
