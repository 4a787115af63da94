package id.terpadu.access;

import graphql.GraphQLContext;
import org.jooq.Record;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The whole identity numbers (NIK, KK) one request returned, collected while it runs and logged
 * once when it ends: who looked at whom, through which operation.
 */
public final class IdentityReads {

    /** One identity field of one person or household. */
    public record Read(String field, Long memberId, Long householdId) {
    }

    private final Caller caller;
    private final String requestId;
    private final Set<Read> reads = new LinkedHashSet<>();
    private volatile String operation;

    public IdentityReads(Caller caller, String requestId) {
        this.caller = caller;
        this.requestId = requestId;
    }

    /**
     * Notes that a request returned the whole identity field {@code Type.field} of this source
     * (a member's row, or a row holding a household's id).
     */
    public static void record(GraphQLContext context, String type, String field, Object source) {
        IdentityReads reads = context.get(IdentityReads.class);
        if (reads == null || !(source instanceof Record row)) {
            return;
        }
        if ("Member".equals(type)) {
            reads.add(new Read(type + "." + field, row.get("id", Long.class), null));
        } else {
            Long household = row.field("household_id") != null ? row.get("household_id", Long.class) : row.get("id", Long.class);
            reads.add(new Read(type + "." + field, null, household));
        }
    }

    public static void record(GraphQLContext context, Read read) {
        IdentityReads reads = context.get(IdentityReads.class);
        if (reads != null) {
            reads.add(read);
        }
    }

    private synchronized void add(Read read) {
        reads.add(read);
    }

    synchronized Set<Read> reads() {
        return Set.copyOf(reads);
    }

    Caller caller() {
        return caller;
    }

    String requestId() {
        return requestId;
    }

    String operation() {
        return operation;
    }

    public void operation(String operation) {
        this.operation = operation;
    }
}
