package id.terpadu.access;

import graphql.ExecutionResult;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.execution.AbortExecutionException;
import graphql.execution.ExecutionContext;
import graphql.execution.ResultPath;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationExecuteOperationParameters;
import graphql.execution.instrumentation.parameters.InstrumentationValidationParameters;
import graphql.language.Document;
import graphql.language.Field;
import graphql.language.FragmentDefinition;
import graphql.language.FragmentSpread;
import graphql.language.InlineFragment;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import graphql.validation.ValidationError;
import graphql.normalized.ExecutableNormalizedField;
import org.springframework.graphql.execution.ErrorType;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Refuses, before anything runs, a mutation document that holds a mutation or an input field
 * outside the caller's write policy: the whole request answers FORBIDDEN and writes nothing. The
 * mutations are checked before the document is validated against the caller's schema, so a
 * mutation the caller may not run is refused as FORBIDDEN even when it asks for fields of a result
 * the caller may not read (validation would only say that they do not exist).
 */
class WritePolicyInstrumentation extends SimplePerformantInstrumentation {

    private final AccessPolicy policy;

    WritePolicyInstrumentation(AccessPolicy policy) {
        this.policy = policy;
    }

    @Override
    public InstrumentationContext<List<ValidationError>> beginValidation(InstrumentationValidationParameters parameters,
                                                                         InstrumentationState state) {
        Caller caller = Caller.of(parameters.getGraphQLContext());
        Document document = parameters.getDocument();
        List<GraphQLError> refusals = new ArrayList<>();
        for (OperationDefinition operation : document.getDefinitionsOfType(OperationDefinition.class)) {
            boolean executed = parameters.getOperation() == null || parameters.getOperation().equals(operation.getName());
            if (executed && operation.getOperation() == OperationDefinition.Operation.MUTATION) {
                for (Field mutation : topLevelFields(operation.getSelectionSet(), document, new HashSet<>())) {
                    if (!mutation.getName().startsWith("__") && !caller.hasAnyRole(policy.writers(mutation.getName()))) {
                        refusals.add(forbidden(ResultPath.rootPath().segment(mutation.getResultKey()), null,
                                "Your role may not run " + mutation.getName() + "."));
                    }
                }
            }
        }
        if (!refusals.isEmpty()) {
            throw new AbortExecutionException(refusals);
        }
        return super.beginValidation(parameters, state);
    }

    /** The fields of a selection set, with the fragments it spreads spread (each once). */
    private static List<Field> topLevelFields(SelectionSet selections, Document document, Set<String> spread) {
        List<Field> fields = new ArrayList<>();
        for (Selection<?> selection : selections.getSelections()) {
            switch (selection) {
                case Field field -> fields.add(field);
                case InlineFragment inline -> fields.addAll(topLevelFields(inline.getSelectionSet(), document, spread));
                case FragmentSpread fragmentSpread -> {
                    if (spread.add(fragmentSpread.getName())) {
                        document.getDefinitionsOfType(FragmentDefinition.class).stream()
                                .filter(fragment -> fragment.getName().equals(fragmentSpread.getName()))
                                .forEach(fragment -> fields.addAll(topLevelFields(fragment.getSelectionSet(), document, spread)));
                    }
                }
                default -> {
                }
            }
        }
        return fields;
    }

    @Override
    public InstrumentationContext<ExecutionResult> beginExecuteOperation(InstrumentationExecuteOperationParameters parameters,
                                                                        InstrumentationState state) {
        ExecutionContext execution = parameters.getExecutionContext();
        if (execution.getOperationDefinition().getOperation() == OperationDefinition.Operation.MUTATION) {
            List<GraphQLError> refusals = refusals(execution.getNormalizedQueryTree().get().getTopLevelFields(),
                    Caller.of(execution.getGraphQLContext()));
            if (!refusals.isEmpty()) {
                throw new AbortExecutionException(refusals);
            }
        }
        return super.beginExecuteOperation(parameters, state);
    }

    private List<GraphQLError> refusals(List<ExecutableNormalizedField> mutations, Caller caller) {
        List<GraphQLError> refusals = new ArrayList<>();
        for (ExecutableNormalizedField mutation : mutations) {
            String name = mutation.getName();
            if (name.startsWith("__")) {
                continue;
            }
            ResultPath path = ResultPath.rootPath().segment(mutation.getResultKey());
            if (!caller.hasAnyRole(policy.writers(name))) {
                refusals.add(forbidden(path, null, "Your role may not run " + name + "."));
                continue;
            }
            if (mutation.getResolvedArguments().get("input") instanceof Map<?, ?> input) {
                for (Object field : input.keySet()) {
                    if (!caller.hasAnyRole(policy.writers(name, field.toString()))) {
                        refusals.add(forbidden(path, "input." + field, "Your role may not set " + field + " in " + name + "."));
                    }
                }
            }
        }
        return refusals;
    }

    private static GraphQLError forbidden(ResultPath path, String field, String message) {
        GraphqlErrorBuilder<?> error = GraphqlErrorBuilder.newError().errorType(ErrorType.FORBIDDEN).message(message).path(path);
        if (field != null) {
            error.extensions(Map.of("field", field));
        }
        return error.build();
    }
}
