package id.terpadu.household;

import id.terpadu.access.Caller;
import id.terpadu.database.VersionedRows;
import id.terpadu.db.tables.records.MemberRecord;
import id.terpadu.error.NotFoundException;
import id.terpadu.graphql.Batches;
import org.springframework.stereotype.Component;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The household register's people for the other modules: found as a caller may see them (outside
 * its region, or older than its roles may see, a person does not exist for it).
 */
@Component
public class Members {

    private final MemberRepository members;
    private final VersionedRows versionedRows;

    Members(MemberRepository members, VersionedRows versionedRows) {
        this.members = members;
        this.versionedRows = versionedRows;
    }

    public Optional<MemberRecord> find(Caller caller, long id) {
        return members.findById(caller, id);
    }

    public List<MemberRecord> findAll(Caller caller, Collection<Long> ids) {
        return ids.isEmpty() ? List.of() : members.findAllById(caller, ids);
    }

    public List<MemberRecord> findByNiks(Caller caller, Collection<String> niks) {
        return niks.isEmpty() ? List.of() : members.findByNiks(caller, niks);
    }

    /**
     * The person an input names, by NIK or by global ID (a role that sees NIKs masked has only the
     * ID): exactly one of the two; NOT_FOUND on the field given when the caller sees no such person.
     */
    public MemberRecord get(Caller caller, String nik, String memberId, String nikField, String idField) {
        return RecordReference.of(nik, memberId, nikField, idField, "person", "NIK").resolve(
                number -> members.findByNik(caller, number), id -> members.findById(caller, id), "Member",
                "No person with this NIK is registered.", "No person has this ID.");
    }

    /** For each source, the person its id names (in one statement); sources without one are left out. */
    public <S> Map<S, MemberRecord> of(Caller caller, List<S> sources, Function<S, Long> memberId) {
        List<Long> ids = sources.stream().map(memberId).filter(Objects::nonNull).distinct().toList();
        return Batches.lookup(sources, memberId, Batches.index(findAll(caller, ids), MemberRecord::getId));
    }

    /** Marks the person's core record as changed (a new version) by a write elsewhere, such as a merge into it. */
    public void touch(long memberId) {
        versionedRows.touch(MemberRepository.CORE, memberId);
    }
}
