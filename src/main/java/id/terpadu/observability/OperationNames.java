package id.terpadu.observability;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The operation name as a metric tag and in the request log: the request's operation name, or the
 * name the document gives its operation. A client chooses it freely, so only well-formed names
 * are kept, and only so many distinct ones, to keep the number of time series bounded.
 */
final class OperationNames {

    static final String UNNAMED = "unnamed";
    static final String OTHER = "other";
    private static final Pattern NAME = Pattern.compile("[_A-Za-z][_0-9A-Za-z]{0,63}");
    private static final Pattern NAMED_OPERATION = Pattern.compile("\\b(?:query|mutation|subscription)\\s+([_A-Za-z][_0-9A-Za-z]*)");

    private final int maxDistinct;
    private final Set<String> seen = ConcurrentHashMap.newKeySet();
    /**
     * The name each document gives its operation (empty: none), found once per document rather than
     * on every request; documents of up to a million characters in all are kept.
     */
    private final Cache<String, Optional<String>> namedIn = Caffeine.newBuilder()
            .maximumWeight(1_000_000).weigher((String document, Optional<String> name) -> document.length()).build();

    OperationNames(int maxDistinct) {
        this.maxDistinct = maxDistinct;
    }

    String tag(String operationName, String document) {
        if ((operationName == null || operationName.isEmpty()) && document != null) {
            operationName = namedIn.get(document, OperationNames::named).orElse(null);
        }
        if (operationName == null || operationName.isEmpty()) {
            return UNNAMED;
        }
        if (seen.contains(operationName)) {
            // only well-formed names were kept
            return operationName;
        }
        if (!NAME.matcher(operationName).matches()) {
            return OTHER;
        }
        if (seen.size() < maxDistinct) {
            seen.add(operationName);
        }
        return seen.contains(operationName) ? operationName : OTHER;
    }

    private static Optional<String> named(String document) {
        Matcher named = NAMED_OPERATION.matcher(document);
        return named.find() ? Optional.of(named.group(1)) : Optional.empty();
    }
}
