package id.terpadu.audit;

import id.terpadu.access.Caller;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.Table;

/**
 * The rows of an audited table a caller may see, for a feature whose rows are shown to some
 * callers only (a service request to the desk and the office it is referred to): history and the
 * change feed then show the caller the entries of those rows only. A feature registers one as a
 * bean; tables without one are scoped by their household, member and columns alone.
 */
public interface AuditedRows {

    /** The audited table. */
    Table<?> table();

    /** Its key column, as the audit entries name the row ({@code entity_id}). */
    Field<Long> key();

    /** The rows the caller may see; {@code noCondition()} for all of them. */
    Condition visible(Caller caller);
}
