package id.terpadu.pages;

import graphql.GraphQLContext;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.graphql.server.WebSocketGraphQlRequest;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Marks the requests that came over plain HTTP, the only ones a compiled page answers: over the
 * WebSocket every query goes field by field.
 */
@Component
class OverHttp implements WebGraphQlInterceptor {

    private static final String KEY = OverHttp.class.getName();

    @Override
    public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
        if (!(request instanceof WebSocketGraphQlRequest)) {
            request.configureExecutionInput((input, builder) -> {
                input.getGraphQLContext().put(KEY, Boolean.TRUE);
                return input;
            });
        }
        return chain.next(request);
    }

    static boolean of(GraphQLContext context) {
        return Boolean.TRUE.equals(context.get(KEY));
    }
}
