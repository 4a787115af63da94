package id.terpadu.audit;

import id.terpadu.access.Caller;

import java.util.function.Supplier;

/**
 * Who writes and through which operation and request, for the audit entries of the transactions
 * on this thread: set around each top-level mutation field, which runs on the request's thread,
 * and read when a writing transaction begins ({@link AuditTransactionManager}), a framework
 * callback that has no other way to the request.
 */
public final class AuditContext {

    /** The caller, operation and request of a write. */
    public record Operation(Caller caller, String name, String requestId) {
    }

    private static final ThreadLocal<Operation> CURRENT = new ThreadLocal<>();

    private AuditContext() {
    }

    static void begin(Operation operation) {
        CURRENT.set(operation);
    }

    static void end() {
        CURRENT.remove();
    }

    /**
     * Does work as this operation: the writing transactions it begins are audited under it. For
     * work that runs outside a mutation on a caller's behalf (the batches of an import job).
     */
    public static <T> T during(Operation operation, Supplier<T> work) {
        Operation outer = CURRENT.get();
        CURRENT.set(operation);
        try {
            return work.get();
        } finally {
            if (outer == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(outer);
            }
        }
    }

    /** The current operation; null outside a mutation (the demo load, the hub's own jobs). */
    public static Operation current() {
        return CURRENT.get();
    }
}
