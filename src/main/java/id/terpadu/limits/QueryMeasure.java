package id.terpadu.limits;

import graphql.normalized.ExecutableNormalizedField;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLTypeUtil;

import id.terpadu.access.IdentityKind;

import java.util.List;
import java.util.function.Predicate;

/**
 * The size of one operation: its deepest nesting, its aliases and fields, its largest page and
 * its estimated cost. Introspection fields ({@code __schema}, {@code __type}) are left out: they
 * read the caller's schema, not the data, and graphql-java bounds their shape itself.
 *
 * A paginated field ({@code first} or {@code last}) multiplies the cost of what its first list
 * holds (a connection's edges) by its page size; any other list multiplies by an estimate. A field
 * that looks a record up by a whole identity number ({@code @identityNumber}) the caller sees masked
 * counts as an alias and adds the cost of such a look-up, so a request cannot try many at once.
 *
 * @param pageField    the field asking for the largest page, or null when none asks for one
 * @param pageArgument its argument giving that page size, {@code first} or {@code last}
 */
record QueryMeasure(int depth, int aliases, int fields, long cost, int largestPage, String pageField, String pageArgument) {

    private static final List<String> PAGE_ARGUMENTS = List.of("first", "last");

    static QueryMeasure of(GraphQLSchema schema, List<ExecutableNormalizedField> topLevelFields, int listSizeEstimate,
                           int identityLookupCost, Predicate<IdentityKind> seenMasked) {
        Counter counter = new Counter(schema, listSizeEstimate, identityLookupCost, seenMasked);
        for (ExecutableNormalizedField field : topLevelFields) {
            if (!field.getName().startsWith("__")) {
                counter.visit(field, 1, 1, null);
            }
        }
        return new QueryMeasure(counter.depth, counter.aliases, counter.fields, counter.cost,
                counter.largestPage, counter.pageField, counter.pageArgument);
    }

    private static final class Counter {
        private final GraphQLSchema schema;
        private final int listSizeEstimate;
        private final int identityLookupCost;
        private final Predicate<IdentityKind> seenMasked;
        private int depth;
        private int aliases;
        private int fields;
        private long cost;
        private int largestPage;
        private String pageField;
        private String pageArgument;

        Counter(GraphQLSchema schema, int listSizeEstimate, int identityLookupCost, Predicate<IdentityKind> seenMasked) {
            this.seenMasked = seenMasked;
            this.schema = schema;
            this.listSizeEstimate = listSizeEstimate;
            this.identityLookupCost = identityLookupCost;
        }

        /**
         * @param times       how many times the field is asked for
         * @param pendingPage the page size of an enclosing paginated field whose list is not reached yet
         */
        void visit(ExecutableNormalizedField field, int level, long times, Integer pendingPage) {
            depth = Math.max(depth, level);
            fields++;
            if (field.getAlias() != null) {
                aliases++;
            }
            cost = saturatedAdd(cost, times);
            if (IdentityNumbersGiven.of(schema, field).stream().anyMatch(given -> seenMasked.test(given.kind()))) {
                aliases++;
                cost = saturatedAdd(cost, saturatedMultiply(times, identityLookupCost));
            }
            long childTimes = times;
            Integer page = null;
            for (String argument : PAGE_ARGUMENTS) {
                if (field.getResolvedArguments().get(argument) instanceof Number size) {
                    page = page == null ? size.intValue() : Math.max(page, size.intValue());
                    if (size.intValue() > largestPage) {
                        largestPage = size.intValue();
                        pageField = field.getName();
                        pageArgument = argument;
                    }
                }
            }
            if (page != null) {
                pendingPage = Math.max(page, 0);
            }
            if (returnsList(field)) {
                childTimes = saturatedMultiply(times, pendingPage != null ? pendingPage : listSizeEstimate);
                pendingPage = null;
            }
            for (ExecutableNormalizedField child : field.getChildren()) {
                visit(child, level + 1, childTimes, pendingPage);
            }
        }

        private boolean returnsList(ExecutableNormalizedField field) {
            List<GraphQLFieldDefinition> definitions = field.getFieldDefinitions(schema);
            return !definitions.isEmpty() && GraphQLTypeUtil.isList(GraphQLTypeUtil.unwrapNonNull(definitions.getFirst().getType()));
        }

    }

    private static long saturatedAdd(long a, long b) {
        long sum = a + b;
        return sum < 0 ? Long.MAX_VALUE : sum;
    }

    private static long saturatedMultiply(long a, long b) {
        return b != 0 && a > Long.MAX_VALUE / b ? Long.MAX_VALUE : a * b;
    }
}
