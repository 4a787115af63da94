package id.terpadu;

import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;

import java.util.concurrent.atomic.AtomicInteger;

/** Counts the SQL statements the hub runs, to prove that nested fields are batched. */
public class SqlStatementCounter implements ExecuteListener {

    private final AtomicInteger count = new AtomicInteger();

    @Override
    public void executeStart(ExecuteContext ctx) {
        count.incrementAndGet();
    }

    public void reset() {
        count.set(0);
    }

    public int count() {
        return count.get();
    }
}
