package id.terpadu.member;

import id.terpadu.access.RowScope;
import id.terpadu.database.VersionedTable;
import id.terpadu.db.tables.records.MemberMoveRecord;
import id.terpadu.db.tables.records.MemberRecord;
import id.terpadu.error.NotFoundException;
import id.terpadu.graphql.Batches;
import org.jooq.DSLContext;
import org.springframework.stereotype.Repository;

import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.List;
import java.util.Optional;

import static id.terpadu.db.Tables.MEMBER;
import static id.terpadu.db.Tables.MEMBER_MERGE;
import static id.terpadu.db.Tables.MEMBER_MOVE;

/** People and their moves between households. */
@Repository
public class MemberRepository {

    /** A person's core record: identity, relationship and household. */
    public static final VersionedTable<MemberRecord> CORE = new VersionedTable<>(
            MEMBER, MEMBER.ID, MEMBER.VERSION, MEMBER.UPDATED_AT, "The person's record");

    private final DSLContext dsl;
    private final RowScope scope;

    MemberRepository(DSLContext dsl, RowScope scope) {
        this.dsl = dsl;
        this.scope = scope;
    }

    public Optional<MemberRecord> findByNik(String nik) {
        return dsl.selectFrom(MEMBER).where(MEMBER.NIK.eq(nik)).and(scope.members()).fetchOptional();
    }

    /** The record a merged-away NIK was merged into (see {@code mergeMembers}). */
    public Optional<MemberRecord> findKeptByMergedNik(String nik) {
        return dsl.selectFrom(MEMBER)
                .where(MEMBER.ID.in(dsl.select(MEMBER_MERGE.KEPT_MEMBER_ID).from(MEMBER_MERGE).where(MEMBER_MERGE.NIK.eq(nik))))
                .and(scope.members())
                .fetchOptional();
    }

    /** Whether a record holds or held this NIK anywhere in the hub, also outside the caller's region. */
    boolean nikTaken(String nik) {
        return dsl.fetchExists(MEMBER, MEMBER.NIK.eq(nik)) || dsl.fetchExists(MEMBER_MERGE, MEMBER_MERGE.NIK.eq(nik));
    }

    /** The person with this NIK; NOT_FOUND on the input field otherwise. */
    public MemberRecord getByNik(String nik, String field) {
        return findByNik(nik).orElseThrow(() -> new NotFoundException(field, "No person with this NIK is registered."));
    }

    public Optional<MemberRecord> findById(long id) {
        return dsl.selectFrom(MEMBER).where(MEMBER.ID.eq(id)).and(scope.members()).fetchOptional();
    }

    public List<MemberRecord> findAllById(Collection<Long> ids) {
        return dsl.selectFrom(MEMBER).where(MEMBER.ID.in(ids)).and(scope.members()).fetch();
    }

    /** For each source, the person its id names (in one statement); sources without one are left out. */
    public <S> Map<S, MemberRecord> membersOf(List<S> sources, Function<S, Long> memberId) {
        List<Long> ids = sources.stream().map(memberId).filter(Objects::nonNull).distinct().toList();
        return Batches.lookup(sources, memberId, Batches.index(ids.isEmpty() ? List.of() : findAllById(ids), MemberRecord::getId));
    }

    public List<MemberRecord> findByNiks(Collection<String> niks) {
        return dsl.selectFrom(MEMBER).where(MEMBER.NIK.in(niks)).and(scope.members()).fetch();
    }

    /** The members of these households, head first, then oldest first. */
    public List<MemberRecord> findByHouseholds(Collection<Long> householdIds) {
        return dsl.selectFrom(MEMBER)
                .where(MEMBER.HOUSEHOLD_ID.in(householdIds))
                .and(scope.members())
                .orderBy(MEMBER.RELATIONSHIP.eq("HEAD").desc(), MEMBER.BIRTH_DATE, MEMBER.ID)
                .fetch();
    }

    public List<MemberRecord> findHeads(Collection<Long> householdIds) {
        return dsl.selectFrom(MEMBER)
                .where(MEMBER.HOUSEHOLD_ID.in(householdIds).and(MEMBER.RELATIONSHIP.eq("HEAD")))
                .and(scope.members())
                .fetch();
    }

    public boolean hasHead(long householdId) {
        return dsl.fetchExists(MEMBER, MEMBER.HOUSEHOLD_ID.eq(householdId).and(MEMBER.RELATIONSHIP.eq("HEAD")));
    }

    public MemberRecord insert(MemberRecord member) {
        return dsl.insertInto(MEMBER).set(member).returning().fetchSingle();
    }

    void recordMove(MemberMoveRecord move) {
        dsl.insertInto(MEMBER_MOVE).set(move).execute();
    }

    List<MemberMoveRecord> moves(Collection<Long> memberIds) {
        return dsl.selectFrom(MEMBER_MOVE)
                .where(MEMBER_MOVE.MEMBER_ID.in(memberIds))
                .orderBy(MEMBER_MOVE.MOVED_ON.desc(), MEMBER_MOVE.ID.desc())
                .fetch();
    }
}
