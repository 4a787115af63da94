package id.terpadu.audit;

import graphql.ExecutionResult;
import graphql.GraphQLContext;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimpleInstrumentationContext;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationExecuteOperationParameters;
import graphql.execution.instrumentation.parameters.InstrumentationExecutionParameters;
import graphql.execution.instrumentation.parameters.InstrumentationFieldFetchParameters;
import graphql.language.Field;
import graphql.language.OperationDefinition;
import graphql.schema.DataFetcher;
import id.terpadu.access.Caller;
import id.terpadu.observability.RequestIds;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import java.util.stream.Collectors;

/**
 * Tells the audit which mutation and request a write belongs to, and logs the request's reads of
 * whole identity numbers when it ends.
 */
class AuditInstrumentation extends SimplePerformantInstrumentation {

    static final String REQUEST_ID = RequestIds.MDC_KEY;
    private static final Logger LOG = LoggerFactory.getLogger(AuditInstrumentation.class);

    private final IdentityReadLog log;

    AuditInstrumentation(IdentityReadLog log) {
        this.log = log;
    }

    @Override
    public InstrumentationContext<ExecutionResult> beginExecution(InstrumentationExecutionParameters parameters,
                                                                  InstrumentationState state) {
        GraphQLContext context = parameters.getGraphQLContext();
        IdentityReads reads = new IdentityReads(Caller.current(), context.get(REQUEST_ID));
        context.put(IdentityReads.class, reads);
        return SimpleInstrumentationContext.whenCompleted((result, error) -> log.write(reads));
    }

    @Override
    public InstrumentationContext<ExecutionResult> beginExecuteOperation(InstrumentationExecuteOperationParameters parameters,
                                                                        InstrumentationState state) {
        OperationDefinition operation = parameters.getExecutionContext().getOperationDefinition();
        IdentityReads reads = parameters.getExecutionContext().getGraphQLContext().get(IdentityReads.class);
        if (reads != null) {
            reads.operation(operation.getSelectionSet().getSelections().stream()
                    .filter(Field.class::isInstance).map(field -> ((Field) field).getName())
                    .distinct().collect(Collectors.joining(",")));
        }
        return super.beginExecuteOperation(parameters, state);
    }

    @Override
    public DataFetcher<?> instrumentDataFetcher(DataFetcher<?> dataFetcher, InstrumentationFieldFetchParameters parameters,
                                                InstrumentationState state) {
        boolean topLevelMutation = parameters.getExecutionStepInfo().getPath().getLevel() == 1
                && parameters.getExecutionContext().getOperationDefinition().getOperation() == OperationDefinition.Operation.MUTATION;
        if (!topLevelMutation) {
            return dataFetcher;
        }
        String name = parameters.getExecutionStepInfo().getFieldDefinition().getName();
        return environment -> {
            String requestId = environment.getGraphQlContext().get(REQUEST_ID);
            AuditContext.begin(new AuditContext.Operation(name, requestId));
            MDC.put(RequestIds.MDC_KEY, requestId);
            try {
                LOG.info("Mutation {} by subject {}", name, Caller.current().subject());
                return dataFetcher.get(environment);
            } finally {
                AuditContext.end();
            }
        };
    }
}
