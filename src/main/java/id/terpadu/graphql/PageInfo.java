package id.terpadu.graphql;

/** Where a page of a connection sits in the whole list (Relay). */
public record PageInfo(boolean hasNextPage, boolean hasPreviousPage, String startCursor, String endCursor) {
}
