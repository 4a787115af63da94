package id.terpadu.observability;

import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;
import io.micrometer.observation.ObservationRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.graphql.observation.DefaultExecutionRequestObservationConvention;
import org.springframework.graphql.observation.ExecutionRequestObservationContext;
import org.springframework.graphql.observation.ExecutionRequestObservationConvention;
import org.springframework.graphql.observation.GraphQlObservationInstrumentation;

/**
 * GraphQL requests are timed per operation name (the {@code graphql.request} metric gets a
 * {@code graphql.operation.name} tag), beside Spring's outcome and operation type; data fetchers
 * are not observed one by one.
 */
@Configuration(proxyBeanMethods = false)
class MetricsConfiguration {

    /** Distinct operation names kept as tags; more fall under "other". */
    private static final int MAX_OPERATION_NAMES = 200;

    @Bean
    OperationNames operationNames() {
        return new OperationNames(MAX_OPERATION_NAMES);
    }

    /** Observations per request, not per field: see {@link RequestObservationOnly}. */
    @Bean
    GraphQlObservationInstrumentation graphQlObservationInstrumentation(ObservationRegistry registry,
                                                                        ExecutionRequestObservationConvention requestConvention) {
        return new RequestObservationOnly(registry, requestConvention);
    }

    @Bean
    ExecutionRequestObservationConvention operationNameTag(OperationNames operationNames) {
        return new DefaultExecutionRequestObservationConvention() {
            @Override
            public KeyValues getLowCardinalityKeyValues(ExecutionRequestObservationContext context) {
                return super.getLowCardinalityKeyValues(context).and(KeyValue.of("graphql.operation.name",
                        operationNames.tag(context.getExecutionInput().getOperationName(), context.getExecutionInput().getQuery())));
            }
        };
    }
}
