package id.terpadu.desk;

import id.terpadu.access.Caller;
import id.terpadu.db.tables.records.ServiceRequestRecord;
import id.terpadu.graphql.Edge;
import id.terpadu.graphql.PageInfo;
import org.jooq.Condition;

import java.util.List;

/** A page of requests; {@code totalCount} is counted only when a client asks for it, with the page's filter and caller. */
record ServiceRequestConnection(List<Edge<ServiceRequestRecord>> edges, PageInfo pageInfo, Condition filter, Caller caller) {
}
