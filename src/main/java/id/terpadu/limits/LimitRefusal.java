package id.terpadu.limits;

import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import id.terpadu.error.ErrorClassification;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The errors for a request over the limits: classification BAD_REQUEST, the limit hit, its
 * maximum and the request's value, so a developer sees at once what to change.
 */
final class LimitRefusal {

    private LimitRefusal() {
    }

    static List<GraphQLError> check(QueryMeasure measure, QueryLimits limits) {
        List<GraphQLError> refusals = new ArrayList<>();
        if (measure.largestPage() > limits.maxPageSize()) {
            refusals.add(error("maxPageSize", limits.maxPageSize(), measure.largestPage(), measure.pageArgument(),
                    "A page holds 1 to " + limits.maxPageSize() + " items; " + measure.pageField()
                            + " asks for " + measure.largestPage() + ". Page through with first and after."));
        }
        if (measure.aliases() > limits.maxAliases()) {
            refusals.add(error("maxAliases", limits.maxAliases(), measure.aliases(),
                    "A request may hold at most " + limits.maxAliases() + " aliased fields and look-ups by a whole NIK or KK; "
                            + "this one holds " + measure.aliases() + "."));
        }
        if (measure.fields() > limits.maxFields()) {
            refusals.add(error("maxFields", limits.maxFields(), measure.fields(),
                    "A request may hold at most " + limits.maxFields() + " fields; this one holds " + measure.fields() + "."));
        }
        if (measure.depth() > limits.maxDepth()) {
            refusals.add(error("maxDepth", limits.maxDepth(), measure.depth(),
                    "Fields may nest at most " + limits.maxDepth() + " levels deep; this request nests "
                            + measure.depth() + "."));
        }
        if (refusals.isEmpty() && measure.cost() > limits.maxCost()) {
            refusals.add(error("maxCost", limits.maxCost(), measure.cost(),
                    "This request would produce about " + measure.cost() + " values, more than the "
                            + limits.maxCost() + " allowed: ask for smaller pages or fewer fields."));
        }
        return refusals;
    }

    static GraphQLError error(String limit, long maximum, long actual, String message) {
        return error(limit, maximum, actual, null, message);
    }

    /** @param field the argument at fault, or null when the request as a whole is */
    static GraphQLError error(String limit, long maximum, long actual, String field, String message) {
        return error(limit, maximum, actual, field, message, Map.of());
    }

    /** @param more further extensions, such as when to try again */
    static GraphQLError error(String limit, long maximum, long actual, String field, String message, Map<String, Object> more) {
        Map<String, Object> extensions = new LinkedHashMap<>();
        if (field != null) {
            extensions.put("field", field);
        }
        extensions.put("limit", limit);
        extensions.put("maximum", maximum);
        extensions.put("actual", actual);
        extensions.putAll(more);
        return GraphqlErrorBuilder.newError()
                .errorType(ErrorClassification.BAD_REQUEST)
                .message(message)
                .extensions(extensions)
                .build();
    }
}
