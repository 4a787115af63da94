package id.terpadu.database;

import org.jooq.Table;
import org.jooq.TableField;
import org.jooq.TableRecord;

import java.time.OffsetDateTime;

/**
 * A table whose rows carry a version for optimistic locking: a writer sends the version it read,
 * and the write happens only if nobody changed the row in between.
 *
 * @param table     the table
 * @param key       the column that identifies the row (the household or member it belongs to)
 * @param version   the version column, starting at 1 for a new row
 * @param updatedAt when the row last changed
 * @param what      how a clerk names such a row in an error message
 */
public record VersionedTable<R extends TableRecord<R>>(
        Table<R> table,
        TableField<R, Long> key,
        TableField<R, Long> version,
        TableField<R, OffsetDateTime> updatedAt,
        String what) {
}
