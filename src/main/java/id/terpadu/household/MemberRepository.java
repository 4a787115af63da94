package id.terpadu.household;

import id.terpadu.access.Caller;
import id.terpadu.access.RowScope;
import id.terpadu.database.VersionedTable;
import id.terpadu.db.codes.MemberStatus;
import id.terpadu.db.codes.Relationship;
import id.terpadu.db.tables.records.MemberMoveRecord;
import id.terpadu.db.tables.records.MemberRecord;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

import static id.terpadu.db.Tables.MEMBER;
import static id.terpadu.db.Tables.MEMBER_MERGE;
import static id.terpadu.db.Tables.MEMBER_MOVE;

/** People and their moves between households, as a caller may see them. */
@Repository
class MemberRepository {

    /** A person's core record: identity, relationship and household. */
    static final VersionedTable<MemberRecord> CORE = new VersionedTable<>(
            MEMBER, MEMBER.ID, MEMBER.VERSION, MEMBER.UPDATED_AT, "The person's record");

    private final DSLContext dsl;
    private final RowScope scope;

    MemberRepository(DSLContext dsl, RowScope scope) {
        this.dsl = dsl;
        this.scope = scope;
    }

    Optional<MemberRecord> findByNik(Caller caller, String nik) {
        return dsl.selectFrom(MEMBER).where(MEMBER.NIK.eq(nik)).and(scope.members(caller)).fetchOptional();
    }

    /** The record a merged-away NIK was merged into (see {@code mergeMembers}). */
    Optional<MemberRecord> findKeptByMergedNik(Caller caller, String nik) {
        return dsl.selectFrom(MEMBER)
                .where(MEMBER.ID.in(dsl.select(MEMBER_MERGE.KEPT_MEMBER_ID).from(MEMBER_MERGE).where(MEMBER_MERGE.NIK.eq(nik))))
                .and(scope.members(caller))
                .fetchOptional();
    }

    /** Whether a record holds or held this NIK anywhere in the hub, also outside the caller's region. */
    boolean nikTaken(String nik) {
        return dsl.fetchExists(MEMBER, MEMBER.NIK.eq(nik)) || dsl.fetchExists(MEMBER_MERGE, MEMBER_MERGE.NIK.eq(nik));
    }

    Optional<MemberRecord> findById(Caller caller, long id) {
        return dsl.selectFrom(MEMBER).where(MEMBER.ID.eq(id)).and(scope.members(caller)).fetchOptional();
    }

    List<MemberRecord> findAllById(Caller caller, Collection<Long> ids) {
        return dsl.selectFrom(MEMBER).where(MEMBER.ID.in(ids)).and(scope.members(caller)).fetch();
    }

    /** The people of these NIKs the caller may see; the numbers travel as one array (one statement text for any count). */
    List<MemberRecord> findByNiks(Caller caller, Collection<String> niks) {
        return dsl.selectFrom(MEMBER).where(MEMBER.NIK.eq(DSL.any(niks.toArray(String[]::new)))).and(scope.members(caller)).fetch();
    }

    /** The members of these households, head first, then oldest first. */
    List<MemberRecord> findByHouseholds(Caller caller, Collection<Long> householdIds) {
        return dsl.selectFrom(MEMBER)
                .where(MEMBER.HOUSEHOLD_ID.in(householdIds))
                .and(scope.members(caller))
                .orderBy(HouseholdPages.MEMBERS_IN_ORDER)
                .fetch();
    }

    List<MemberRecord> findHeads(Caller caller, Collection<Long> householdIds) {
        return dsl.selectFrom(MEMBER)
                .where(MEMBER.HOUSEHOLD_ID.in(householdIds).and(MEMBER.RELATIONSHIP.eq(Relationship.HEAD))
                        .and(MEMBER.STATUS.eq(MemberStatus.LIVING)))
                .and(scope.members(caller))
                .fetch();
    }

    /** Whether the household has a head, whoever may see them. */
    boolean hasHead(long householdId) {
        return dsl.fetchExists(MEMBER, MEMBER.HOUSEHOLD_ID.eq(householdId).and(MEMBER.RELATIONSHIP.eq(Relationship.HEAD))
                .and(MEMBER.STATUS.eq(MemberStatus.LIVING)));
    }

    /** The living members of a household, whoever may see them, locked until the transaction ends. */
    List<MemberRecord> livingOf(long householdId) {
        return dsl.selectFrom(MEMBER).where(MEMBER.HOUSEHOLD_ID.eq(householdId), MEMBER.STATUS.eq(MemberStatus.LIVING))
                .orderBy(MEMBER.ID).forNoKeyUpdate().fetch();
    }

    MemberRecord insert(MemberRecord member) {
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
