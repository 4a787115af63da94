package id.terpadu.audit;

import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationFieldFetchParameters;
import graphql.language.OperationDefinition;
import graphql.schema.DataFetcher;
import id.terpadu.access.Caller;
import id.terpadu.request.RequestIds;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/** Tells the audit who writes, through which mutation and request, around each top-level mutation field. */
class AuditInstrumentation extends SimplePerformantInstrumentation {

    private static final Logger LOG = LoggerFactory.getLogger(AuditInstrumentation.class);

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
            Caller caller = Caller.of(environment.getGraphQlContext());
            String requestId = RequestIds.of(environment.getGraphQlContext());
            AuditContext.begin(new AuditContext.Operation(caller, name, requestId));
            MDC.put(RequestIds.MDC_KEY, requestId);
            try {
                LOG.info("Mutation {} by subject {}", name, caller.subject());
                return dataFetcher.get(environment);
            } finally {
                AuditContext.end();
            }
        };
    }
}
