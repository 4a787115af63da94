package id.terpadu.access;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Resolves a request's caller once, as the request starts (over HTTP and over the WebSocket,
 * after {@link WebSocketAuthentication} has put the connection's token in place), and keeps it in
 * the request's GraphQL context, where controllers, instrumentations and data fetchers read it.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class RequestCaller implements WebGraphQlInterceptor {

    @Override
    public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
        Caller caller = Caller.current();
        request.configureExecutionInput((input, builder) -> {
            input.getGraphQLContext().put(Caller.CONTEXT_KEY, caller);
            return input;
        });
        return chain.next(request);
    }
}
