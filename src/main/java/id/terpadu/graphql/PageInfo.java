package id.terpadu.graphql;

import java.util.List;

/** Where a page of a connection sits in the whole list (Relay). */
public record PageInfo(boolean hasNextPage, boolean hasPreviousPage, String startCursor, String endCursor) {

    /** The page info of these edges: the cursors of the first and last, and whether pages follow and precede. */
    public static PageInfo of(List<? extends Edge<?>> edges, boolean hasNextPage, boolean hasPreviousPage) {
        return new PageInfo(hasNextPage, hasPreviousPage,
                edges.isEmpty() ? null : edges.getFirst().cursor(),
                edges.isEmpty() ? null : edges.getLast().cursor());
    }
}
