package id.terpadu.duplicate;

import id.terpadu.db.tables.Benefit;
import id.terpadu.db.tables.records.BenefitRecord;
import id.terpadu.db.tables.records.MemberMergeRecord;
import id.terpadu.db.tables.records.MemberRecord;
import id.terpadu.household.MemberFacet;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.jooq.JSONEntry;
import org.jooq.Record1;
import org.jooq.Records;
import org.springframework.stereotype.Repository;

import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import static id.terpadu.db.Tables.BENEFIT;
import static id.terpadu.db.Tables.HOUSEHOLD;
import static id.terpadu.db.Tables.MEMBER;
import static id.terpadu.db.Tables.MEMBER_MERGE;
import static id.terpadu.db.Tables.MEMBER_MOVE;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.jsonEntry;
import static org.jooq.impl.DSL.jsonbObject;
import static org.jooq.impl.DSL.select;

/** What a merge of two member records reads and rewrites: their benefits, moves and merge records. */
@Repository
class MergeRepository {

    /** Two benefits of one programme whose periods overlap: the removed record's and the kept record's. */
    record DoubleAid(BenefitRecord merged, BenefitRecord kept) {
    }

    private final DSLContext dsl;

    MergeRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    /**
     * Locks both records and their households until the transaction ends: households before people,
     * as an enrolment takes them, and each in the order of their ids, so that neither two merges nor
     * a merge and an enrolment wait on each other crosswise; facet writes on either record wait too.
     * Answers the rows as they are now: a record merged away meanwhile is missing.
     */
    List<MemberRecord> lock(long oneId, long otherId) {
        List<Long> householdIds = dsl.select(MEMBER.HOUSEHOLD_ID).from(MEMBER).where(MEMBER.ID.in(oneId, otherId))
                .fetch(MEMBER.HOUSEHOLD_ID);
        dsl.select(HOUSEHOLD.ID).from(HOUSEHOLD).where(HOUSEHOLD.ID.in(householdIds)).orderBy(HOUSEHOLD.ID)
                .forNoKeyUpdate().execute();
        return dsl.selectFrom(MEMBER).where(MEMBER.ID.in(oneId, otherId)).orderBy(MEMBER.ID).forUpdate().fetch();
    }

    int otherMembers(long householdId, long memberId) {
        return dsl.fetchCount(MEMBER, MEMBER.HOUSEHOLD_ID.eq(householdId).and(MEMBER.ID.ne(memberId)));
    }

    /** A benefit of the removed record that overlaps one of the kept record's in the same programme. */
    Optional<DoubleAid> doubleAid(long mergedId, long keptId) {
        Benefit merged = BENEFIT.as("merged");
        Benefit kept = BENEFIT.as("kept");
        return dsl.select(merged, kept)
                .from(merged)
                .join(kept).on(kept.PROGRAMME_CODE.eq(merged.PROGRAMME_CODE),
                        kept.ENDS_ON.isNull().or(kept.ENDS_ON.ge(merged.STARTS_ON)),
                        merged.ENDS_ON.isNull().or(merged.ENDS_ON.ge(kept.STARTS_ON)))
                .where(merged.MEMBER_ID.eq(mergedId), kept.MEMBER_ID.eq(keptId))
                .orderBy(merged.STARTS_ON, merged.ID)
                .limit(1)
                .fetchOptional(Records.mapping(DoubleAid::new));
    }

    /** Gives the removed record's benefits to the kept one; the exclusion constraint still guards against double aid. */
    void moveBenefits(long mergedId, long keptId) {
        dsl.update(BENEFIT)
                .set(BENEFIT.MEMBER_ID, keptId)
                .set(BENEFIT.VERSION, BENEFIT.VERSION.plus(1L))
                .set(BENEFIT.UPDATED_AT, OffsetDateTime.now())
                .where(BENEFIT.MEMBER_ID.eq(mergedId))
                .execute();
    }

    /**
     * The removed record's facets as they are, one JSON object keyed by each facet's table
     * ({@code {"health_facet": {...}, "education_facet": null}}), for its merge record: what it said
     * is disclosed later field by field, as the policy of each facet's type allows.
     */
    JSONB facetsSnapshot(List<MemberFacet<?>> facets, long mergedId) {
        List<JSONEntry<JSONB>> entries = facets.stream()
                .map(facet -> jsonEntry(facet.table().table().getName(), field(
                        select(jsonbObject(facet.table().table().fields()))
                                .from(facet.table().table())
                                .where(facet.table().key().eq(mergedId)))))
                .toList();
        return dsl.select(jsonbObject(entries)).fetchSingle(Record1::value1);
    }

    void moveHistory(long mergedId, long keptId) {
        dsl.update(MEMBER_MOVE).set(MEMBER_MOVE.MEMBER_ID, keptId).where(MEMBER_MOVE.MEMBER_ID.eq(mergedId)).execute();
        // records merged into the removed one earlier now live on in the kept one too
        dsl.update(MEMBER_MERGE).set(MEMBER_MERGE.KEPT_MEMBER_ID, keptId).where(MEMBER_MERGE.KEPT_MEMBER_ID.eq(mergedId)).execute();
    }

    void recordMerge(MemberMergeRecord merge) {
        dsl.insertInto(MEMBER_MERGE).set(merge).execute();
    }

    /** Removes the merged record (its facets are moved or removed before). */
    void remove(long mergedId) {
        dsl.deleteFrom(MEMBER).where(MEMBER.ID.eq(mergedId)).execute();
    }

    /** The records merged into these members, newest first. */
    List<MemberMergeRecord> mergedInto(Collection<Long> keptIds) {
        return dsl.selectFrom(MEMBER_MERGE)
                .where(MEMBER_MERGE.KEPT_MEMBER_ID.in(keptIds))
                .orderBy(MEMBER_MERGE.MERGED_AT.desc(), MEMBER_MERGE.ID.desc())
                .fetch();
    }
}
