package id.terpadu.graphql;

/** One item of a connection page with the cursor that continues after it. */
public record Edge<T>(String cursor, T node) {
}
