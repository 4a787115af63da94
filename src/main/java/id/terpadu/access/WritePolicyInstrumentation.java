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
import graphql.language.OperationDefinition;
import graphql.normalized.ExecutableNormalizedField;
import org.springframework.graphql.execution.ErrorType;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Refuses, before anything runs, a mutation document that holds a mutation or an input field
 * outside the caller's write policy: the whole request answers FORBIDDEN and writes nothing.
 */
class WritePolicyInstrumentation extends SimplePerformantInstrumentation {

    private final AccessPolicy policy;

    WritePolicyInstrumentation(AccessPolicy policy) {
        this.policy = policy;
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
