package id.terpadu.household;

import id.terpadu.access.Caller;
import id.terpadu.db.tables.records.HouseholdRecord;
import id.terpadu.graphql.Edge;
import id.terpadu.graphql.PageInfo;
import org.jooq.Condition;

import java.util.List;

/** A page of households; {@code totalCount} is counted only when a client asks for it, with the page's filter and caller. */
record HouseholdConnection(List<Edge<HouseholdRecord>> edges, PageInfo pageInfo, Condition filter, Caller caller) {
}
