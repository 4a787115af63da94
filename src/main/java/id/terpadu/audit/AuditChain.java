package id.terpadu.audit;

import org.jooq.DSLContext;

/**
 * The hash chain of the audit trail, for a long load in one transaction. The chain is normally
 * extended at commit, for all of a transaction's entries at once; a load of millions of rows would
 * then update millions of entries whose pages have long left memory. Chaining after each part of
 * the load updates them while they are fresh. The chain's head stays locked from the first part
 * until the load commits, so other writers wait for it: for loads that own the hub, such as the
 * demo data.
 */
public final class AuditChain {

    private AuditChain() {
    }

    /** Chains the audit entries the transaction behind {@code tx} has written so far. */
    public static void chainSoFar(DSLContext tx) {
        tx.query("SET CONSTRAINTS chain IMMEDIATE").execute();
        tx.query("SET CONSTRAINTS chain DEFERRED").execute();
    }
}
