package id.terpadu.duplicate;

import id.terpadu.db.tables.Benefit;
import id.terpadu.db.tables.records.BenefitRecord;
import id.terpadu.db.tables.records.EducationFacetRecord;
import id.terpadu.db.tables.records.HealthFacetRecord;
import id.terpadu.db.tables.records.MemberMergeRecord;
import id.terpadu.db.tables.records.MemberRecord;
import org.jooq.DSLContext;
import org.jooq.JSONFormat;
import org.jooq.JSONB;
import org.jooq.Record;
import org.jooq.Records;
import org.springframework.stereotype.Repository;

import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import static id.terpadu.db.Tables.BENEFIT;
import static id.terpadu.db.Tables.EDUCATION_FACET;
import static id.terpadu.db.Tables.HEALTH_FACET;
import static id.terpadu.db.Tables.HOUSEHOLD;
import static id.terpadu.db.Tables.MEMBER;
import static id.terpadu.db.Tables.MEMBER_MERGE;
import static id.terpadu.db.Tables.MEMBER_MOVE;

/** What a merge of two member records reads and rewrites: their benefits, facets, moves and merge records. */
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
        // households before people, as an enrolment takes them: a merge and an enrolment of the
        // merged record then wait for each other instead of deadlocking
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

    Optional<HealthFacetRecord> healthFacet(long memberId) {
        return dsl.selectFrom(HEALTH_FACET).where(HEALTH_FACET.MEMBER_ID.eq(memberId)).fetchOptional();
    }

    Optional<EducationFacetRecord> educationFacet(long memberId) {
        return dsl.selectFrom(EDUCATION_FACET).where(EDUCATION_FACET.MEMBER_ID.eq(memberId)).fetchOptional();
    }

    /** The facets the removed record had, as JSON for its merge record. */
    static JSONB facetsSnapshot(Optional<HealthFacetRecord> health, Optional<EducationFacetRecord> education) {
        return JSONB.jsonb("{\"health\": " + json(health) + ", \"education\": " + json(education) + "}");
    }

    private static String json(Optional<? extends Record> facet) {
        return facet.map(row -> row.formatJSON(JSONFormat.DEFAULT_FOR_RECORDS)).orElse("null");
    }

    void moveHistory(long mergedId, long keptId) {
        dsl.update(MEMBER_MOVE).set(MEMBER_MOVE.MEMBER_ID, keptId).where(MEMBER_MOVE.MEMBER_ID.eq(mergedId)).execute();
        // records merged into the removed one earlier now live on in the kept one too
        dsl.update(MEMBER_MERGE).set(MEMBER_MERGE.KEPT_MEMBER_ID, keptId).where(MEMBER_MERGE.KEPT_MEMBER_ID.eq(mergedId)).execute();
    }

    void recordMerge(MemberMergeRecord merge) {
        dsl.insertInto(MEMBER_MERGE).set(merge).execute();
    }

    /** Removes the merged record and what of its facets was not carried over. */
    void remove(long mergedId) {
        dsl.deleteFrom(HEALTH_FACET).where(HEALTH_FACET.MEMBER_ID.eq(mergedId)).execute();
        dsl.deleteFrom(EDUCATION_FACET).where(EDUCATION_FACET.MEMBER_ID.eq(mergedId)).execute();
        dsl.deleteFrom(MEMBER).where(MEMBER.ID.eq(mergedId)).execute();
    }

    /** A family card whose only person was merged away lists no one any more. */
    void dissolve(long householdId) {
        dsl.update(HOUSEHOLD).set(HOUSEHOLD.STATUS, "DISSOLVED").where(HOUSEHOLD.ID.eq(householdId)).execute();
    }

    /** The records merged into these members, newest first. */
    List<MemberMergeRecord> mergedInto(Collection<Long> keptIds) {
        return dsl.selectFrom(MEMBER_MERGE)
                .where(MEMBER_MERGE.KEPT_MEMBER_ID.in(keptIds))
                .orderBy(MEMBER_MERGE.MERGED_AT.desc(), MEMBER_MERGE.ID.desc())
                .fetch();
    }
}
