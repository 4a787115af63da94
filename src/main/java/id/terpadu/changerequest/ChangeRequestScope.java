package id.terpadu.changerequest;

import id.terpadu.access.AccessPolicy;
import id.terpadu.access.Caller;
import id.terpadu.access.RowScope;
import id.terpadu.audit.AuditedRows;
import id.terpadu.db.codes.ChangeRequestKind;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Component;

import java.util.Map;
import java.util.Set;

import static id.terpadu.db.Tables.CHANGE_REQUEST;

/**
 * The change requests a caller sees and may decide, as the access policy's {@code changeRequests}
 * section says: a role sees the kinds (and, for benefits, the programmes) it proposes or
 * approves, in its region; every other request does not exist for it, in the queue, the
 * history and the change feed alike.
 */
@Component
class ChangeRequestScope implements AuditedRows {

    private final AccessPolicy policy;
    private final RowScope rows;

    ChangeRequestScope(AccessPolicy policy, RowScope rows) {
        this.policy = policy;
        this.rows = rows;
    }

    /** The requests the caller sees. */
    Condition requests(Caller caller) {
        if (caller.roles().isEmpty() || policy.lacksRequiredRegion(caller)) {
            return DSL.falseCondition();
        }
        Condition kinds = DSL.falseCondition();
        for (Map.Entry<String, Map<String, AccessPolicy.Deciders>> kind : policy.changeRequestDeciders().entrySet()) {
            for (Map.Entry<String, AccessPolicy.Deciders> programme : kind.getValue().entrySet()) {
                if (!caller.hasAnyRole(programme.getValue().readers())) {
                    continue;
                }
                Condition ofKind = CHANGE_REQUEST.KIND.eq(ChangeRequestKind.valueOf(kind.getKey()));
                kinds = kinds.or(programme.getKey().equals(AccessPolicy.ANY_PROGRAMME) ? ofKind
                        : ofKind.and(CHANGE_REQUEST.PROGRAMME_CODE.eq(programme.getKey())));
            }
        }
        String region = caller.region();
        return region == null ? kinds
                : kinds.and(CHANGE_REQUEST.VILLAGE_CODE.eq(region).or(CHANGE_REQUEST.VILLAGE_CODE.startsWith(region + ".")));
    }

    /** Whether the caller may propose requests of this kind (and programme). */
    boolean proposes(Caller caller, ChangeRequestKind kind, String programme) {
        return caller.hasAnyRole(policy.deciders(kind.name(), programme).propose());
    }

    /** The roles that approve requests of this kind (and programme). */
    Set<String> approvers(ChangeRequestKind kind, String programme) {
        return policy.deciders(kind.name(), programme).approve();
    }

    /** The caller's role that approves requests of this kind, or null when it has none. */
    String approvingRole(Caller caller, ChangeRequestKind kind, String programme) {
        Set<String> approvers = approvers(kind, programme);
        return caller.roles().stream().filter(approvers::contains).sorted().findFirst().orElse(null);
    }

    /** The caller's role that proposes requests of this kind, or null when it has none. */
    String proposingRole(Caller caller, ChangeRequestKind kind, String programme) {
        Set<String> proposers = policy.deciders(kind.name(), programme).propose();
        return caller.roles().stream().filter(proposers::contains).sorted().findFirst().orElse(null);
    }

    /** Whether a village lies in the caller's region. */
    boolean includesVillage(Caller caller, String village) {
        return rows.includesVillage(caller, village);
    }

    @Override
    public String table() {
        return CHANGE_REQUEST.getName();
    }

    @Override
    public Condition visible(Caller caller, Field<String> entityId) {
        return entityId.in(DSL.select(CHANGE_REQUEST.ID.cast(String.class)).from(CHANGE_REQUEST).where(requests(caller)));
    }
}
