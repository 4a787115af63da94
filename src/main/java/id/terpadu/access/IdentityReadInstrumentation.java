package id.terpadu.access;

import graphql.ExecutionResult;
import graphql.GraphQLContext;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimpleInstrumentationContext;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationExecuteOperationParameters;
import graphql.execution.instrumentation.parameters.InstrumentationExecutionParameters;
import graphql.language.Field;
import id.terpadu.request.RequestIds;
import org.springframework.stereotype.Component;

import java.util.stream.Collectors;

/**
 * Collects the whole identity numbers a request returns while it runs, and logs them once when it
 * ends, with the operation that returned them: who looked at whom. (A request answered by one
 * compiled statement has that statement log the numbers it returns: {@link IdentityReadLog#loggingItsReads}.)
 */
@Component
class IdentityReadInstrumentation extends SimplePerformantInstrumentation {

    private final IdentityReadLog log;

    IdentityReadInstrumentation(IdentityReadLog log) {
        this.log = log;
    }

    @Override
    public InstrumentationContext<ExecutionResult> beginExecution(InstrumentationExecutionParameters parameters,
                                                                  InstrumentationState state) {
        GraphQLContext context = parameters.getGraphQLContext();
        IdentityReads reads = new IdentityReads(Caller.of(context), RequestIds.of(context));
        context.put(IdentityReads.class, reads);
        return SimpleInstrumentationContext.whenCompleted((result, error) -> log.write(reads));
    }

    @Override
    public InstrumentationContext<ExecutionResult> beginExecuteOperation(InstrumentationExecuteOperationParameters parameters,
                                                                        InstrumentationState state) {
        IdentityReads reads = parameters.getExecutionContext().getGraphQLContext().get(IdentityReads.class);
        if (reads != null) {
            reads.operation(parameters.getExecutionContext().getOperationDefinition().getSelectionSet().getSelections().stream()
                    .filter(Field.class::isInstance).map(field -> ((Field) field).getName())
                    .distinct().collect(Collectors.joining(",")));
        }
        return super.beginExecuteOperation(parameters, state);
    }
}
