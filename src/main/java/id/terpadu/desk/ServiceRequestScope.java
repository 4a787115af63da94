package id.terpadu.desk;

import id.terpadu.access.AccessPolicy;
import id.terpadu.access.Caller;
import id.terpadu.audit.AuditedRows;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Component;

import java.util.Set;
import java.util.TreeSet;

import static id.terpadu.db.Tables.SERVICE_REQUEST;

/**
 * The requests a caller sees, in lists, look-ups, history and the change feed alike: UPT-PK every
 * request, a village operator those of its village, an office only those referred to it now. A
 * {@code region} claim limits each to requests of that region. Who is the desk and which roles are
 * the offices the desk refers to come from the access policy (who may open requests, who may
 * accept them); an office's agency code is its role's name in capitals (UPT-PK is an office too, for its
 * own work: cards, corrections).
 */
@Component
class ServiceRequestScope implements AuditedRows {

    static final String OPEN_MUTATION = "openServiceRequest";
    static final String ACCEPT_MUTATION = "acceptServiceRequest";
    /** The desk that sees every request; the other desk roles see their region's. */
    static final String CENTRAL_DESK = "uptpk";

    private final AccessPolicy policy;

    ServiceRequestScope(AccessPolicy policy) {
        this.policy = policy;
    }

    @Override
    public String table() {
        return SERVICE_REQUEST.getName();
    }

    /** In history and the change feed: the entries of the requests the caller sees. */
    @Override
    public Condition visible(Caller caller, Field<String> entityId) {
        Condition visible = visible(caller);
        return visible == DSL.noCondition() ? DSL.trueCondition()
                : entityId.in(DSL.select(SERVICE_REQUEST.ID.cast(String.class)).from(SERVICE_REQUEST).where(visible));
    }

    /** The requests the caller sees; {@code noCondition()} for all of them. */
    Condition visible(Caller caller) {
        if (caller.roles().isEmpty() || policy.lacksRequiredRegion(caller)) {
            return DSL.falseCondition();
        }
        Condition visible = DSL.falseCondition();
        if (caller.roles().contains(CENTRAL_DESK) && caller.region() == null) {
            return DSL.noCondition();
        }
        if (isDesk(caller)) {
            visible = visible.or(inRegion(caller.region()));
        }
        Set<String> agencies = agenciesOf(caller);
        if (!agencies.isEmpty()) {
            visible = visible.or(SERVICE_REQUEST.AGENCY_CODE.in(agencies)
                    .and(caller.region() == null ? DSL.noCondition() : inRegion(caller.region())));
        }
        return visible;
    }

    /** Whether the caller works at the desk (records and refers requests). */
    boolean isDesk(Caller caller) {
        return caller.hasAnyRole(policy.writers(OPEN_MUTATION));
    }

    /** The agency codes of the offices the caller works for. */
    Set<String> agenciesOf(Caller caller) {
        Set<String> agencies = new TreeSet<>();
        for (String role : policy.writers(ACCEPT_MUTATION)) {
            if (caller.roles().contains(role)) {
                agencies.add(agencyOf(role));
            }
        }
        return agencies;
    }

    /** The agency codes the desk may refer to: the offices' roles in capitals. */
    Set<String> referableAgencies() {
        Set<String> agencies = new TreeSet<>();
        policy.writers(ACCEPT_MUTATION).forEach(role -> agencies.add(agencyOf(role)));
        return agencies;
    }

    private static String agencyOf(String role) {
        return role.toUpperCase(java.util.Locale.ROOT);
    }

    private static Condition inRegion(String region) {
        if (region == null) {
            return DSL.noCondition();
        }
        return SERVICE_REQUEST.VILLAGE_CODE.eq(region).or(SERVICE_REQUEST.VILLAGE_CODE.startsWith(region + "."));
    }
}
