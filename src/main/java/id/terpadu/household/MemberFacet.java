package id.terpadu.household;

import id.terpadu.database.VersionedTable;
import org.jooq.TableRecord;

/**
 * A facet of a person that an agency owns (the health office's JKN status, the education office's
 * school record), registered as a bean by the agency's module, so that what happens to a person's
 * record as a whole (two records merged into one) carries every facet along without naming them.
 *
 * @param type  the GraphQL type of the facet, whose policy decides who reads its fields
 * @param table the facet's table, keyed by the member's id
 */
public record MemberFacet<R extends TableRecord<R>>(String type, VersionedTable<R> table) {
}
