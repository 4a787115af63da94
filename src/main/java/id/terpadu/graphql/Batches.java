package id.terpadu.graphql;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Helpers for {@code @BatchMapping} methods, which answer in the order of their sources. */
public final class Batches {

    private Batches() {
    }

    /**
     * For each source, the value its key maps to. Sources without a value are left out, so their
     * field resolves to null: an answer in list form cannot hold nulls (Spring for GraphQL passes
     * it through a {@code Flux}), an answer in map form can.
     */
    public static <S, K, V> Map<S, V> lookup(List<S> sources, Function<S, K> key, Map<K, V> values) {
        Map<S, V> found = new LinkedHashMap<>();
        for (S source : sources) {
            V value = values.get(key.apply(source));
            if (value != null) {
                found.put(source, value);
            }
        }
        return found;
    }

    /** For each source, the values grouped under its key (empty when none). */
    public static <S, K, V> List<List<V>> groups(List<S> sources, Function<S, K> key, Collection<V> values,
                                                 Function<V, K> valueKey) {
        Map<K, List<V>> grouped = values.stream().collect(Collectors.groupingBy(valueKey));
        return sources.stream().map(source -> grouped.getOrDefault(key.apply(source), List.of())).toList();
    }

    /** Values by their key. */
    public static <K, V> Map<K, V> index(Collection<V> values, Function<V, K> key) {
        return values.stream().collect(Collectors.toMap(key, Function.identity(), (first, second) -> first));
    }
}
