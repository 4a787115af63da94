package id.terpadu.audit;

import id.terpadu.access.Caller;
import org.jooq.Condition;
import org.jooq.Field;

/**
 * A feature's own rule for which rows of its audited table a caller sees, beyond the region and
 * the fields it reads (a change request only to the roles that propose or decide its kind): the
 * history and the change feed show an entry of the table only when its row passes.
 */
public interface AuditedRows {

    /** The audited table. */
    String table();

    /** Whether the row an entry is about (its id as text) is one the caller sees. */
    Condition visible(Caller caller, Field<String> entityId);
}
