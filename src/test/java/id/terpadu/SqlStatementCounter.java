package id.terpadu;

import id.terpadu.sql.StatementListener;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts the SQL statements the hub runs for requests, to prove that nested fields are batched.
 * The audit sealer's statements, on a thread of its own in the background, are not a request's.
 */
public class SqlStatementCounter implements ExecuteListener, StatementListener {

    private static final String SEALER_THREAD = "audit-sealer";

    private final AtomicInteger count = new AtomicInteger();

    @Override
    public void executeStart(ExecuteContext ctx) {
        started();
    }

    @Override
    public void started() {
        if (!Thread.currentThread().getName().equals(SEALER_THREAD)) {
            count.incrementAndGet();
        }
    }

    public void reset() {
        count.set(0);
    }

    public int count() {
        return count.get();
    }
}
