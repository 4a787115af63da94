package id.terpadu.observability;

import id.terpadu.access.Caller;
import id.terpadu.request.RequestIds;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.slf4j.spi.LoggingEventBuilder;
import org.springframework.graphql.ResponseError;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import java.util.TreeSet;

/**
 * One log line per GraphQL request, with its request id, operation, the caller's client and
 * roles (not its user name), error classifications and duration, and a counter of errors by classification and operation. The
 * line holds no variables and no answer: those carry NIKs and names.
 */
@Component
class GraphQlRequestLog implements WebGraphQlInterceptor {

    private static final Logger log = LoggerFactory.getLogger(GraphQlRequestLog.class);

    private final MeterRegistry meters;
    private final OperationNames operationNames;

    GraphQlRequestLog(MeterRegistry meters, OperationNames operationNames) {
        this.meters = meters;
        this.operationNames = operationNames;
    }

    @Override
    public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
        long started = System.nanoTime();
        String requestId = MDC.get(RequestIds.MDC_KEY);
        String operation = operationNames.tag(request.getOperationName(), request.getDocument());
        return chain.next(request).doOnNext(response -> {
            Caller caller = Caller.of(response.getExecutionInput().getGraphQLContext());
            String roles = String.join(",", new TreeSet<>(caller.roles()));
            long millis = (System.nanoTime() - started) / 1_000_000;
            String classifications = response.getErrors().stream()
                    .map(GraphQlRequestLog::classification)
                    .distinct()
                    .reduce((a, b) -> a + "," + b)
                    .orElse("");
            for (ResponseError error : response.getErrors()) {
                Counter.builder("terpadu.graphql.errors")
                        .description("GraphQL errors answered, by classification and operation")
                        .tag("classification", classification(error))
                        .tag("operation", operation)
                        .register(meters)
                        .increment();
            }
            String previous = MDC.get(RequestIds.MDC_KEY);
            if (requestId != null) {
                MDC.put(RequestIds.MDC_KEY, requestId);
            }
            try {
                LoggingEventBuilder line = log.atInfo()
                        .addKeyValue("graphql.operation", operation)
                        .addKeyValue("graphql.errors", response.getErrors().size())
                        .addKeyValue("caller.client", caller.client() == null ? "none" : caller.client())
                        .addKeyValue("caller.roles", roles)
                        .addKeyValue("duration.ms", millis);
                if (!classifications.isEmpty()) {
                    line = line.addKeyValue("graphql.error.classifications", classifications);
                }
                line.log("GraphQL {} answered in {} ms{}", operation, millis,
                                classifications.isEmpty() ? "" : " with errors " + classifications);
            } finally {
                if (previous == null) {
                    MDC.remove(RequestIds.MDC_KEY);
                }
            }
        });
    }

    private static String classification(ResponseError error) {
        return error.getErrorType() == null ? "UNKNOWN" : error.getErrorType().toString();
    }
}
