package id.terpadu.request;

import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Hands the request id of the HTTP request to the GraphQL execution, where the audit trail, the
 * identity-read log and error messages name it ({@link RequestIds#of}).
 */
@Component
class RequestIdInterceptor implements WebGraphQlInterceptor {

    @Override
    public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
        Object requestId = request.getAttributes().get(RequestIds.MDC_KEY);
        if (requestId != null) {
            request.configureExecutionInput((input, builder) -> {
                input.getGraphQLContext().put(RequestIds.MDC_KEY, requestId);
                return input;
            });
        }
        return chain.next(request);
    }
}
