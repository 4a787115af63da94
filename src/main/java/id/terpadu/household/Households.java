package id.terpadu.household;

import id.terpadu.access.Caller;
import id.terpadu.database.VersionedRows;
import id.terpadu.db.tables.records.HouseholdRecord;
import id.terpadu.error.NotFoundException;
import id.terpadu.graphql.Batches;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The household register's households for the other modules: found as a caller may see them
 * (a household outside the caller's region does not exist for it), and marked as changed when
 * a write elsewhere changes them.
 */
@Component
public class Households {

    private final HouseholdRepository households;
    private final VersionedRows versionedRows;

    Households(HouseholdRepository households, VersionedRows versionedRows) {
        this.households = households;
        this.versionedRows = versionedRows;
    }

    public Optional<HouseholdRecord> find(Caller caller, long id) {
        return households.findById(caller, id);
    }

    /**
     * The household an input names, by its current KK or by its global ID (a role that sees KKs
     * masked has only the ID): exactly one of the two; NOT_FOUND on the field given when the caller
     * sees no such household.
     */
    public HouseholdRecord get(Caller caller, String kk, String householdId, String kkField, String idField) {
        return RecordReference.of(kk, householdId, kkField, idField, "household", "KK").resolve(
                number -> households.findCurrentByKk(caller, number), id -> households.findById(caller, id), "Household",
                "No household holds this KK.", "No household has this ID.");
    }

    /** For each source, the household its id names (in one statement); sources without one are left out. */
    public <S> Map<S, HouseholdRecord> of(Caller caller, List<S> sources, Function<S, Long> householdId) {
        List<Long> ids = sources.stream().map(householdId).filter(Objects::nonNull).distinct().toList();
        return Batches.lookup(sources, householdId,
                Batches.index(ids.isEmpty() ? List.of() : households.findAllById(caller, ids), HouseholdRecord::getId));
    }

    /** Marks the household's core record as changed (a new version) by a write elsewhere, such as a member merged away. */
    public void touch(long householdId) {
        versionedRows.touch(HouseholdRepository.CORE, householdId);
    }

    /** Marks a family card no longer in use: its only person was merged away. */
    public void dissolve(long householdId) {
        households.dissolve(householdId);
    }
}
