package id.terpadu.desk;

import id.terpadu.access.Caller;
import id.terpadu.database.VersionedTable;
import id.terpadu.db.codes.ChangeRequestState;
import id.terpadu.db.codes.ServiceRequestState;
import id.terpadu.db.tables.records.ServiceRequestKindRecord;
import id.terpadu.db.tables.records.ServiceRequestRecord;
import id.terpadu.db.tables.records.ServiceRequestStepRecord;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;

import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import static id.terpadu.db.Tables.CHANGE_REQUEST;
import static id.terpadu.db.Tables.SERVICE_REQUEST;
import static id.terpadu.db.Tables.SERVICE_REQUEST_KIND;
import static id.terpadu.db.Tables.SERVICE_REQUEST_STEP;

/** The desk's requests, their kinds and their steps, as a caller may see them. */
@Repository
class ServiceRequestRepository {

    static final VersionedTable<ServiceRequestRecord> TABLE = new VersionedTable<>(
            SERVICE_REQUEST, SERVICE_REQUEST.ID, SERVICE_REQUEST.VERSION, SERVICE_REQUEST.UPDATED_AT, "The request");

    private final DSLContext dsl;
    private final ServiceRequestScope scope;

    ServiceRequestRepository(DSLContext dsl, ServiceRequestScope scope) {
        this.dsl = dsl;
        this.scope = scope;
    }

    Optional<ServiceRequestRecord> findById(Caller caller, long id) {
        return dsl.selectFrom(SERVICE_REQUEST).where(SERVICE_REQUEST.ID.eq(id)).and(scope.visible(caller)).fetchOptional();
    }

    Optional<ServiceRequestRecord> findByNumber(Caller caller, String number) {
        return dsl.selectFrom(SERVICE_REQUEST).where(SERVICE_REQUEST.NUMBER.eq(number)).and(scope.visible(caller)).fetchOptional();
    }

    /** The request waiting on this change request, locked: its decision resolves it. */
    Optional<ServiceRequestRecord> lockByChangeRequest(long changeRequestId) {
        return dsl.selectFrom(SERVICE_REQUEST).where(SERVICE_REQUEST.CHANGE_REQUEST_ID.eq(changeRequestId)).forUpdate().fetchOptional();
    }

    /**
     * Whether this change request still waits for its decision; its row is share-locked, so a
     * decision being made is waited for rather than overlooked.
     */
    boolean changeRequestPending(long changeRequestId) {
        return dsl.select(CHANGE_REQUEST.STATE).from(CHANGE_REQUEST).where(CHANGE_REQUEST.ID.eq(changeRequestId)).forShare()
                .fetchOptional(CHANGE_REQUEST.STATE).map(ChangeRequestState.PENDING::equals).orElse(false);
    }

    /** A request by its receipt number, whoever asks: for the resident's status check only. */
    Optional<ServiceRequestRecord> findForStatusCheck(String number) {
        return dsl.selectFrom(SERVICE_REQUEST).where(SERVICE_REQUEST.NUMBER.eq(number)).fetchOptional();
    }

    /** A page of the requests the caller sees that match, oldest due time first, after a position. */
    List<ServiceRequestRecord> page(Caller caller, Condition filter, RequestCursor after, int limit) {
        Condition afterCursor = after == null ? DSL.noCondition()
                : DSL.row(SERVICE_REQUEST.DUE_AT, SERVICE_REQUEST.ID).gt(after.dueAt(), after.id());
        return dsl.selectFrom(SERVICE_REQUEST)
                .where(filter).and(scope.visible(caller)).and(afterCursor)
                .orderBy(SERVICE_REQUEST.DUE_AT, SERVICE_REQUEST.ID)
                .limit(limit)
                .fetch();
    }

    int count(Caller caller, Condition filter) {
        return dsl.fetchCount(SERVICE_REQUEST, filter.and(scope.visible(caller)));
    }

    /** The requests past their due time, not resolved and not escalated yet, locked until the transaction ends. */
    List<ServiceRequestRecord> overdueNotEscalated(OffsetDateTime now, String kind, String agency) {
        return dsl.selectFrom(SERVICE_REQUEST)
                .where(SERVICE_REQUEST.STATE.ne(ServiceRequestState.RESOLVED))
                .and(kind == null ? DSL.noCondition() : SERVICE_REQUEST.KIND_CODE.eq(kind))
                .and(agency == null ? DSL.noCondition() : SERVICE_REQUEST.AGENCY_CODE.eq(agency))
                .and(SERVICE_REQUEST.DUE_AT.lt(now))
                .and(SERVICE_REQUEST.ESCALATED_AT.isNull())
                .orderBy(SERVICE_REQUEST.DUE_AT, SERVICE_REQUEST.ID)
                .forUpdate()
                .fetch();
    }

    ServiceRequestRecord insert(ServiceRequestRecord request) {
        return dsl.insertInto(SERVICE_REQUEST).set(request).returning().fetchSingle();
    }

    /** The next receipt serial. */
    long nextSerial() {
        return dsl.nextval(DSL.sequence(DSL.name("service_request_serial"), Long.class));
    }

    List<ServiceRequestKindRecord> kinds() {
        return dsl.selectFrom(SERVICE_REQUEST_KIND).orderBy(SERVICE_REQUEST_KIND.SORT_ORDER, SERVICE_REQUEST_KIND.CODE).fetch();
    }

    Optional<ServiceRequestKindRecord> findKind(String code) {
        return dsl.selectFrom(SERVICE_REQUEST_KIND).where(SERVICE_REQUEST_KIND.CODE.eq(code)).fetchOptional();
    }

    ServiceRequestKindRecord setServiceHours(String code, int hours) {
        return dsl.update(SERVICE_REQUEST_KIND).set(SERVICE_REQUEST_KIND.SERVICE_HOURS, hours)
                .where(SERVICE_REQUEST_KIND.CODE.eq(code)).returning().fetchSingle();
    }

    void addStep(ServiceRequestStepRecord step) {
        dsl.insertInto(SERVICE_REQUEST_STEP).set(step).execute();
    }

    List<ServiceRequestStepRecord> steps(Collection<Long> requestIds) {
        return dsl.selectFrom(SERVICE_REQUEST_STEP).where(SERVICE_REQUEST_STEP.REQUEST_ID.in(requestIds))
                .orderBy(SERVICE_REQUEST_STEP.ID).fetch();
    }
}
