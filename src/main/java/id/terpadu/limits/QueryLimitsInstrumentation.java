package id.terpadu.limits;

import graphql.ExecutionResult;
import graphql.GraphQLError;
import graphql.execution.AbortExecutionException;
import graphql.execution.ExecutionContext;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationExecuteOperationParameters;
import graphql.normalized.ExecutableNormalizedOperation;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * Measures a request's operation, with its fragments spread and its variables applied, before
 * anything runs, and refuses it with the limit it breaks: page size, aliases, fields, depth or
 * cost. A refused request reads and writes nothing.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class QueryLimitsInstrumentation extends SimplePerformantInstrumentation {

    private final QueryLimits limits;

    QueryLimitsInstrumentation(QueryLimits limits) {
        this.limits = limits;
    }

    @Override
    public InstrumentationContext<ExecutionResult> beginExecuteOperation(InstrumentationExecuteOperationParameters parameters,
                                                                        InstrumentationState state) {
        ExecutionContext execution = parameters.getExecutionContext();
        ExecutableNormalizedOperation operation = execution.getNormalizedQueryTree().get();
        QueryMeasure measure = QueryMeasure.of(execution.getGraphQLSchema(), operation.getTopLevelFields(), limits.listSizeEstimate(),
                limits.identityLookupCost());
        List<GraphQLError> refusals = LimitRefusal.check(measure, limits);
        if (!refusals.isEmpty()) {
            throw new AbortExecutionException(refusals);
        }
        return super.beginExecuteOperation(parameters, state);
    }
}
