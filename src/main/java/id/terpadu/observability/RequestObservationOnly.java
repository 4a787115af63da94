package id.terpadu.observability;

import graphql.ExecutionInput;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.parameters.InstrumentationExecutionParameters;
import graphql.execution.instrumentation.parameters.InstrumentationFieldFetchParameters;
import graphql.schema.DataFetcher;
import id.terpadu.access.DataLoadersOnFirstUse;
import io.micrometer.observation.ObservationRegistry;
import org.springframework.graphql.observation.DefaultDataFetcherObservationConvention;
import org.springframework.graphql.observation.DefaultDataLoaderObservationConvention;
import org.springframework.graphql.observation.ExecutionRequestObservationConvention;
import org.springframework.graphql.observation.GraphQlObservationInstrumentation;

/**
 * Spring for GraphQL's observations per request ({@code graphql.request}, the requests' timer) and
 * per batch load, but none per field: a page of 50 households answers thousands of values, and an
 * observation around each data fetcher (a context, a convention, a timer sample, the wrapped
 * environment) cost more than the fetch itself. No metric or log of the hub reads the per-field
 * {@code graphql.datafetcher} observations.
 */
class RequestObservationOnly extends GraphQlObservationInstrumentation {

    RequestObservationOnly(ObservationRegistry registry, ExecutionRequestObservationConvention requestConvention) {
        super(registry, requestConvention, new DefaultDataFetcherObservationConvention(), new DefaultDataLoaderObservationConvention());
    }

    /**
     * The batch loads' observation goes to the request's data loaders when they are made, on first
     * use ({@link DataLoadersOnFirstUse}), instead of into a copy of every loader made beforehand.
     */
    @Override
    public ExecutionInput instrumentExecutionInput(ExecutionInput input, InstrumentationExecutionParameters parameters,
                                                   InstrumentationState state) {
        ExecutionInput observed = super.instrumentExecutionInput(input, parameters, state);
        if (input.getDataLoaderRegistry() instanceof DataLoadersOnFirstUse loaders) {
            loaders.instrumentWith(observed.getDataLoaderRegistry().getInstrumentation());
            return input;
        }
        return observed;
    }

    @Override
    public DataFetcher<?> instrumentDataFetcher(DataFetcher<?> dataFetcher, InstrumentationFieldFetchParameters parameters,
                                                InstrumentationState state) {
        return dataFetcher;
    }
}
