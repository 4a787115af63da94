package id.terpadu.audit;

import graphql.GraphQLContext;
import id.terpadu.access.Caller;
import id.terpadu.db.tables.records.AuditEntryRecord;
import id.terpadu.graphql.Edge;
import id.terpadu.graphql.PageInfo;

import java.util.List;

/** A page of audit entries as one caller sees them. */
record AuditEntryConnection(List<Edge<AuditEntryView>> edges, PageInfo pageInfo) {

    /**
     * The page of the first {@code size} entries; one entry more than the page (fetched to tell)
     * means that more follow.
     */
    static AuditEntryConnection of(List<AuditEntryRecord> entries, int size, AuditEntryViews views, Caller caller,
                                   GraphQLContext context) {
        List<Edge<AuditEntryView>> edges = entries.stream().limit(size)
                .map(entry -> views.view(entry, caller, context))
                .map(view -> new Edge<>(view.cursor(), view))
                .toList();
        return new AuditEntryConnection(edges, PageInfo.of(edges, entries.size() > size, false));
    }
}
