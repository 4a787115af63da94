package id.terpadu.access;

import graphql.GraphQLContext;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The whole identity numbers (NIK, KK) one request disclosed or looked up, collected while it runs
 * and logged once when it ends: who looked at whom, through which operation (a request answered by
 * one SQL statement has that statement log the numbers it discloses, and the rest here). A read names the
 * field and the number, and the person or household it belongs to when the reader knows it;
 * otherwise the log finds it.
 */
public final class IdentityReads {

    /**
     * One whole identity number, disclosed as {@code field} ({@code Member.nik}) or looked up by it.
     *
     * @param holder the id of the member (NIK) or household (KK) the number belongs to, when the
     *               reader read it with the number; null for the log to find
     */
    public record Read(String field, IdentityKind kind, String number, Long holder) {

        public Read(String field, IdentityKind kind, String number) {
            this(field, kind, number, null);
        }
    }

    private final Caller caller;
    private final String requestId;
    private final Set<Read> reads = new LinkedHashSet<>();
    private volatile String operation;

    public IdentityReads(Caller caller, String requestId) {
        this.caller = caller;
        this.requestId = requestId;
    }

    /** The reads of the request whose GraphQL context this is; a collector that logs nothing when there is none. */
    public static IdentityReads of(GraphQLContext context) {
        IdentityReads reads = context.get(IdentityReads.class);
        return reads != null ? reads : new IdentityReads(Caller.of(context), null);
    }

    synchronized void add(Read read) {
        reads.add(read);
    }

    /** The distinct reads so far, in the order they were made. */
    synchronized List<Read> reads() {
        return List.copyOf(reads);
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
