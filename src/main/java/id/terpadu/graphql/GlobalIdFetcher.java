package id.terpadu.graphql;

import graphql.TrivialDataFetcher;
import graphql.schema.DataFetchingEnvironment;

/** A node's {@code id}: its global ID, read from the record alone. */
record GlobalIdFetcher(NodeType<?> type) implements TrivialDataFetcher<String> {

    @Override
    public String get(DataFetchingEnvironment environment) {
        Object source = environment.getSource();
        return source == null ? null : type.globalId(source);
    }
}
