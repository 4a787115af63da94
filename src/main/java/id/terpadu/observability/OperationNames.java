package id.terpadu.observability;

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

    OperationNames(int maxDistinct) {
        this.maxDistinct = maxDistinct;
    }

    String tag(String operationName, String document) {
        if ((operationName == null || operationName.isEmpty()) && document != null) {
            Matcher named = NAMED_OPERATION.matcher(document);
            operationName = named.find() ? named.group(1) : null;
        }
        if (operationName == null || operationName.isEmpty()) {
            return UNNAMED;
        }
        if (!NAME.matcher(operationName).matches()) {
            return OTHER;
        }
        if (seen.contains(operationName) || (seen.size() < maxDistinct && seen.add(operationName))) {
            return operationName;
        }
        return OTHER;
    }
}
