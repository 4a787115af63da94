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
import id.terpadu.access.Caller;
import id.terpadu.access.Disclosure;
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
    private final Disclosure disclosure;

    QueryLimitsInstrumentation(QueryLimits limits, Disclosure disclosure) {
        this.limits = limits;
        this.disclosure = disclosure;
    }

    @Override
    public InstrumentationContext<ExecutionResult> beginExecuteOperation(InstrumentationExecuteOperationParameters parameters,
                                                                        InstrumentationState state) {
        ExecutionContext execution = parameters.getExecutionContext();
        ExecutableNormalizedOperation operation = execution.getNormalizedQueryTree().get();
        Caller caller = Caller.of(execution.getGraphQLContext());
        QueryMeasure measure = QueryMeasure.of(execution.getGraphQLSchema(), operation.getTopLevelFields(), limits.listSizeEstimate(),
                limits.identityLookupCost(), kind -> disclosure.seesMasked(caller, kind));
        List<GraphQLError> refusals = LimitRefusal.check(measure, limits);
        if (!refusals.isEmpty()) {
            throw new AbortExecutionException(refusals);
        }
        return super.beginExecuteOperation(parameters, state);
    }
}
