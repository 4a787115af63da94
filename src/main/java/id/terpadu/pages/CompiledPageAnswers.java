package id.terpadu.pages;

import graphql.ExecutionResult;
import graphql.ExecutionResultImpl;
import graphql.execution.ExecutionContext;
import graphql.language.Field;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import graphql.normalized.ExecutableNormalizedField;
import graphql.normalized.ExecutableNormalizedOperation;
import id.terpadu.access.Caller;
import id.terpadu.access.Disclosure;
import id.terpadu.access.IdentityReadLog;
import id.terpadu.access.IdentityReads;
import id.terpadu.access.RowScope;
import id.terpadu.graphql.Paging;
import id.terpadu.identity.IdentityNumbers;
import id.terpadu.household.HouseholdPages;
import org.jooq.Condition;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.util.RawValue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * Answers a query that asks only for a page of {@code households}, or only looks up one
 * {@code household(kk:)} or {@code member(nik:)}, in a shape it knows with one SQL statement that
 * builds the answer's JSON ({@link HouseholdPageStatement}), which goes to the client as it is; for
 * every other query, and any it cannot compile, it answers nothing and the query runs field by field
 * as always. It is asked after the document was validated against the caller's schema and passed
 * the query limits and the look-up allowance.
 *
 * <p>It compiles a query over HTTP without fragments or directives whose one root field is
 * {@code households} with at most {@code first} (1 to the page limit), {@code after} (a cursor of
 * the registration order), a filter and the registration order, and whose selection holds only the
 * connection's {@code totalCount}, {@code edges}, {@code pageInfo} and {@code cursor}; or whose one
 * root field is a look-up by a number of 16 digits. Of households, members, their JKN status and
 * benefits it takes the fields {@link HouseholdPageStatement} knows, with aliases and
 * {@code __typename} anywhere.
 */
@Component
class CompiledPageAnswers {

    private static final Logger LOG = LoggerFactory.getLogger(CompiledPageAnswers.class);
    private static final String PAGE = "households";
    private static final String HOUSEHOLD = "household";
    private static final String MEMBER = "member";

    private final CompiledPages settings;
    private final RowScope scope;
    private final Disclosure disclosure;
    private final Paging paging;
    private final HouseholdPages pages;
    private final RenderedPages rendered;

    CompiledPageAnswers(CompiledPages settings, RowScope scope, Disclosure disclosure, Paging paging,
                        HouseholdPages pages, RenderedPages rendered) {
        this.settings = settings;
        this.rendered = rendered;
        this.scope = scope;
        this.disclosure = disclosure;
        this.paging = paging;
        this.pages = pages;
    }

    /** The whole answer of a compilable households page over HTTP; empty for anything else. */
    Optional<ExecutionResult> answer(ExecutionContext context) {
        return settings.enabled() && OverHttp.of(context.getGraphQLContext()) ? compiled(context) : Optional.empty();
    }

    private Optional<ExecutionResult> compiled(ExecutionContext context) {
        Caller caller = Caller.of(context.getGraphQLContext());
        // the whole numbers the answer holds are logged as this request's reads by its statement
        Object[] reader = IdentityReadLog.reader(IdentityReads.of(context.getGraphQLContext()));
        byte[] data;
        try {
            ExecutableNormalizedField root = rootField(context);
            data = switch (root.getName()) {
                case PAGE -> page(context, caller, root, reader);
                case HOUSEHOLD -> lookup(context, caller, root, "kk", reader, (statement, kk) ->
                        statement.answeringHousehold(root.getResultKey(), root.getChildren(), kk));
                case MEMBER -> lookup(context, caller, root, "nik", reader, (statement, nik) ->
                        statement.answeringMember(root.getResultKey(), root.getChildren(), nik));
                default -> throw new NotCompilable("the root field " + root.getName());
            };
        } catch (NotCompilable notCompilable) {
            return Optional.empty();
        } catch (DataAccessException failed) {
            // the field-by-field path answers as it does when the database fails (during an outage
            // a request so waits twice for a connection before it is answered UNAVAILABLE)
            LOG.warn("A compiled request failed, answered field by field: {}", failed.getMessage());
            return Optional.empty();
        }
        settings.countAnswered();
        // the JSON as the database built it, written into the response as it is, without its spaces
        return Optional.of(ExecutionResultImpl.newExecutionResult().data(new RawValue(CompactJson.of(data))).build());
    }

    private byte[] page(ExecutionContext context, Caller caller, ExecutableNormalizedField households, Object[] reader) {
        Long afterId = position(caller, households);
        RenderedPages.Shape shape = RenderedPages.Shape.of(context.getExecutionInput().getQuery(),
                context.getExecutionInput().getOperationName(), caller, households.getResolvedArguments(), "after");
        return rendered.answer(shape, SQLDataType.BIGINT, afterId, reader, position -> statement(caller, size(households), position)
                .answering(households.getResultKey(), households.getChildren(), () -> filter(caller, households)));
    }

    /**
     * A look-up by a whole identity number, its one argument ({@code argument}): 16 digits, else the
     * field-by-field look-up answers with its error.
     */
    private byte[] lookup(ExecutionContext context, Caller caller, ExecutableNormalizedField root, String argument, Object[] reader,
                          BiFunction<HouseholdPageStatement, org.jooq.Field<String>, HouseholdPageStatement.Compiled> build) {
        Map<String, Object> arguments = root.getResolvedArguments();
        if (arguments.size() != 1 || !(arguments.get(argument) instanceof String number) || !IdentityNumbers.hasSixteenDigits(number)) {
            throw new NotCompilable("not a look-up by 16 digits");
        }
        if (!disclosure.reads(caller, "Query", root.getName())) {
            throw new NotCompilable(root.getName() + " is not granted");
        }
        RenderedPages.Shape shape = RenderedPages.Shape.of(context.getExecutionInput().getQuery(),
                context.getExecutionInput().getOperationName(), caller, arguments, argument);
        return rendered.answer(shape, SQLDataType.VARCHAR, number, reader, given -> build.apply(statement(caller, 1, null), given));
    }

    /** The one root field of a query that asks for nothing else, without fragments or directives. */
    private static ExecutableNormalizedField rootField(ExecutionContext context) {
        OperationDefinition operation = context.getOperationDefinition();
        if (operation.getOperation() != OperationDefinition.Operation.QUERY || !operation.getDirectives().isEmpty()
                || operation.getVariableDefinitions().stream().anyMatch(variable -> !variable.getDirectives().isEmpty())) {
            throw new NotCompilable("not a plain query");
        }
        checkPlainFields(operation.getSelectionSet());
        ExecutableNormalizedOperation normalized = context.getNormalizedQueryTree().get();
        List<ExecutableNormalizedField> roots = normalized.getTopLevelFields();
        if (roots.size() != 1
                || !roots.getFirst().getObjectTypeNames().equals(java.util.Set.of(context.getGraphQLSchema().getQueryType().getName()))) {
            throw new NotCompilable("not one root field alone");
        }
        return roots.getFirst();
    }

    /** Fields only, without directives: no fragment spreads, inline fragments, {@code @skip} or {@code @include}. */
    private static void checkPlainFields(SelectionSet selectionSet) {
        if (selectionSet == null) {
            return;
        }
        for (Selection<?> selection : selectionSet.getSelections()) {
            if (!(selection instanceof Field field) || !field.getDirectives().isEmpty()) {
                throw new NotCompilable("fragments or directives");
            }
            checkPlainFields(field.getSelectionSet());
        }
    }

    /**
     * The household the page continues after (null: the first page), once the arguments are known
     * to be plain: paging, a filter, the registration order.
     */
    private Long position(Caller caller, ExecutableNormalizedField households) {
        Map<String, Object> arguments = households.getResolvedArguments();
        for (Map.Entry<String, Object> argument : arguments.entrySet()) {
            boolean plain = switch (argument.getKey()) {
                case "first" -> argument.getValue() == null || argument.getValue() instanceof Integer;
                case "after" -> argument.getValue() == null || argument.getValue() instanceof String;
                case "filter" -> argument.getValue() == null || argument.getValue() instanceof Map<?, ?>;
                case "orderBy" -> argument.getValue() == null || registrationOrder(argument.getValue());
                default -> false;
            };
            if (!plain) {
                throw new NotCompilable("the argument " + argument.getKey());
            }
        }
        size(households);
        if (!disclosure.reads(caller, "Query", PAGE)) {
            throw new NotCompilable("households is not granted");
        }
        String after = (String) arguments.get("after");
        return after == null ? null
                : HouseholdPages.registeredAfter(after).orElseThrow(() -> new NotCompilable("not a cursor of the registration order"));
    }

    private int size(ExecutableNormalizedField households) {
        Integer first = (Integer) households.getResolvedArguments().get("first");
        int size = first == null ? Math.min(Paging.DEFAULT_SIZE, paging.maximum()) : first;
        if (size < 1 || size > paging.maximum()) {
            throw new NotCompilable("a page size out of range");
        }
        return size;
    }

    private HouseholdPageStatement statement(Caller caller, int size, org.jooq.Field<Long> after) {
        return new HouseholdPageStatement(caller, scope, disclosure, size, after);
    }

    /** The condition of the page's filter, as the field-by-field page builds it. */
    private Condition filter(Caller caller, ExecutableNormalizedField households) {
        @SuppressWarnings("unchecked")
        Map<String, Object> filter = (Map<String, Object>) households.getResolvedArguments().get("filter");
        return filter == null ? DSL.noCondition()
                : pages.filter(caller, filter).orElseThrow(() -> new NotCompilable("a filter the page refuses"));
    }

    /** The order by registration, first registered first: the default order. */
    private static boolean registrationOrder(Object orderBy) {
        return orderBy instanceof Map<?, ?> order
                && "REGISTERED".equals(String.valueOf(order.get("field")))
                && (order.get("direction") == null || "ASC".equals(String.valueOf(order.get("direction"))))
                && order.keySet().stream().allMatch(key -> key.equals("field") || key.equals("direction"));
    }
}
