package id.terpadu.audit;

/**
 * The operation and request a write on this thread belongs to, for the audit entries of its
 * transaction: set around each top-level mutation field, which runs on the request's thread.
 */
public final class AuditContext {

    /** The operation and request of a write. */
    public record Operation(String name, String requestId) {
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

    /** The current operation; null outside a mutation. */
    public static Operation current() {
        return CURRENT.get();
    }
}
