package id.terpadu.changerequest;

import id.terpadu.access.Caller;
import id.terpadu.db.codes.ChangeRequestKind;
import id.terpadu.db.codes.ChangeRequestState;
import id.terpadu.db.tables.records.ChangeRequestAttachmentRecord;
import id.terpadu.db.tables.records.ChangeRequestRecord;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record4;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;

import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import static id.terpadu.db.Tables.CHANGE_REQUEST;
import static id.terpadu.db.Tables.CHANGE_REQUEST_ATTACHMENT;

/** Change requests and their evidence, as a caller may see them. */
@Repository
class ChangeRequestRepository {

    private final DSLContext dsl;
    private final ChangeRequestScope scope;

    ChangeRequestRepository(DSLContext dsl, ChangeRequestScope scope) {
        this.dsl = dsl;
        this.scope = scope;
    }

    Optional<ChangeRequestRecord> find(Caller caller, long id) {
        return dsl.selectFrom(CHANGE_REQUEST).where(CHANGE_REQUEST.ID.eq(id)).and(scope.requests(caller)).fetchOptional();
    }

    /** The request, locked until the transaction ends: two decisions on one request run one after the other. */
    List<ChangeRequestRecord> findAll(Caller caller, Collection<Long> ids) {
        return dsl.selectFrom(CHANGE_REQUEST).where(CHANGE_REQUEST.ID.in(ids)).and(scope.requests(caller)).fetch();
    }

    Optional<ChangeRequestRecord> lock(Caller caller, long id) {
        return dsl.selectFrom(CHANGE_REQUEST).where(CHANGE_REQUEST.ID.eq(id)).and(scope.requests(caller)).forUpdate().fetchOptional();
    }

    /** A page of the queue, oldest first, after the request with id {@code afterId}. */
    List<ChangeRequestRecord> page(Caller caller, Condition filter, Long afterId, int limit) {
        return dsl.selectFrom(CHANGE_REQUEST)
                .where(filter).and(scope.requests(caller))
                .and(afterId == null ? DSL.noCondition() : CHANGE_REQUEST.ID.gt(afterId))
                .orderBy(CHANGE_REQUEST.ID)
                .limit(limit)
                .fetch();
    }

    int count(Caller caller, Condition filter) {
        return dsl.fetchCount(CHANGE_REQUEST, filter.and(scope.requests(caller)));
    }

    /** Per kind and state: how many, and how many are pending past their due date. */
    List<Record4<ChangeRequestKind, ChangeRequestState, Integer, Integer>> counts(Caller caller, Condition filter) {
        return dsl.select(CHANGE_REQUEST.KIND, CHANGE_REQUEST.STATE, DSL.count(),
                        DSL.count().filterWhere(CHANGE_REQUEST.STATE.eq(ChangeRequestState.PENDING)
                                .and(CHANGE_REQUEST.DUE_AT.lt(OffsetDateTime.now()))))
                .from(CHANGE_REQUEST)
                .where(filter).and(scope.requests(caller))
                .groupBy(CHANGE_REQUEST.KIND, CHANGE_REQUEST.STATE)
                .orderBy(CHANGE_REQUEST.KIND, CHANGE_REQUEST.STATE)
                .fetch();
    }

    /** Other pending requests about the same households or people, that the caller sees. */
    List<ChangeRequestRecord> pendingAbout(Caller caller, Collection<Long> householdIds, Collection<Long> memberIds) {
        return dsl.selectFrom(CHANGE_REQUEST)
                .where(CHANGE_REQUEST.STATE.eq(ChangeRequestState.PENDING))
                .and(CHANGE_REQUEST.HOUSEHOLD_ID.in(householdIds).or(CHANGE_REQUEST.MEMBER_ID.in(memberIds)))
                .and(scope.requests(caller))
                .orderBy(CHANGE_REQUEST.ID)
                .fetch();
    }

    ChangeRequestRecord insert(ChangeRequestRecord request) {
        return dsl.insertInto(CHANGE_REQUEST).set(request).returning().fetchSingle();
    }

    ChangeRequestRecord update(long id, ChangeRequestRecord changes) {
        return dsl.update(CHANGE_REQUEST).set(changes)
                .set(CHANGE_REQUEST.VERSION, CHANGE_REQUEST.VERSION.plus(1))
                .set(CHANGE_REQUEST.UPDATED_AT, DSL.currentOffsetDateTime())
                .where(CHANGE_REQUEST.ID.eq(id))
                .returning().fetchSingle();
    }

    /** The evidence of these requests, without the content, oldest first. */
    List<ChangeRequestAttachmentRecord> attachments(Collection<Long> requestIds) {
        return dsl.select(CHANGE_REQUEST_ATTACHMENT.fields()).from(CHANGE_REQUEST_ATTACHMENT)
                .where(CHANGE_REQUEST_ATTACHMENT.CHANGE_REQUEST_ID.in(requestIds))
                .orderBy(CHANGE_REQUEST_ATTACHMENT.ID)
                .fetchInto(CHANGE_REQUEST_ATTACHMENT);
    }

    /** One piece of evidence with its content, when the caller sees its request. */
    Optional<ChangeRequestAttachmentRecord> attachment(Caller caller, long id) {
        return dsl.selectFrom(CHANGE_REQUEST_ATTACHMENT)
                .where(CHANGE_REQUEST_ATTACHMENT.ID.eq(id))
                .and(CHANGE_REQUEST_ATTACHMENT.CHANGE_REQUEST_ID.in(
                        DSL.select(CHANGE_REQUEST.ID).from(CHANGE_REQUEST).where(scope.requests(caller))))
                .fetchOptional();
    }

    ChangeRequestAttachmentRecord insertAttachment(ChangeRequestAttachmentRecord attachment) {
        return dsl.insertInto(CHANGE_REQUEST_ATTACHMENT).set(attachment)
                .returning().fetchSingle();
    }
}
