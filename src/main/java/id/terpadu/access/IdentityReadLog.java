package id.terpadu.access;

import org.jooq.DSLContext;
import org.springframework.stereotype.Component;

import static id.terpadu.db.Tables.IDENTITY_READ;

/** Writes a request's reads of whole identity numbers, in one statement. */
@Component
public class IdentityReadLog {

    private final DSLContext dsl;

    IdentityReadLog(DSLContext dsl) {
        this.dsl = dsl;
    }

    public void write(IdentityReads request) {
        var reads = request.reads();
        if (reads.isEmpty()) {
            return;
        }
        var caller = request.caller();
        var insert = dsl.insertInto(IDENTITY_READ, IDENTITY_READ.SUBJECT, IDENTITY_READ.USERNAME, IDENTITY_READ.CLIENT,
                IDENTITY_READ.ROLES, IDENTITY_READ.OPERATION, IDENTITY_READ.REQUEST_ID, IDENTITY_READ.FIELD,
                IDENTITY_READ.MEMBER_ID, IDENTITY_READ.HOUSEHOLD_ID);
        String roles = String.join(",", caller.roles().stream().sorted().toList());
        for (IdentityReads.Read read : reads) {
            insert = insert.values(caller.subject(), caller.username(), caller.client(), roles, request.operation(),
                    request.requestId(), read.field(), read.memberId(), read.householdId());
        }
        insert.execute();
    }
}
