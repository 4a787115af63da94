package id.terpadu.access;

import graphql.ExecutionResult;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import org.reactivestreams.Publisher;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.graphql.execution.SecurityContextThreadLocalAccessor;
import org.springframework.graphql.execution.SubscriptionPublisherException;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.graphql.server.WebSocketGraphQlInterceptor;
import org.springframework.graphql.server.WebSocketGraphQlRequest;
import org.springframework.graphql.server.WebSocketSessionInfo;
import org.springframework.graphql.support.DefaultExecutionGraphQlResponse;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.context.Context;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Authenticates GraphQL over WebSocket with the same Keycloak tokens as HTTP: the client sends
 * {@code {"Authorization": "Bearer <token>"}} as the connection_init payload; a connection
 * without a valid token is closed, and each operation on it runs as the token's caller.
 * The token's expiry holds on the connection too: once it has passed, each operation is
 * refused and each running subscription ends with an error. Before that (or after), the
 * client sends a fresh token of the same caller as {@code {"Authorization": "Bearer <token>"}}
 * in the {@code extensions} of a subscribe message; from then on the connection, and the
 * subscriptions running on it, last until the fresh token expires.
 */
@Component
// before RequestCaller, which reads the caller this puts in place
@Order(Ordered.HIGHEST_PRECEDENCE)
class WebSocketAuthentication implements WebSocketGraphQlInterceptor {

    private static final String SECURITY = WebSocketAuthentication.class.getName() + ".security";
    private static final String EXPIRY = WebSocketAuthentication.class.getName() + ".expiry";
    private static final Object SECURITY_KEY = new SecurityContextThreadLocalAccessor().key();
    private static final String HOW_TO_RENEW = " On this connection, send the new token as {\"Authorization\": \"Bearer <token>\"}"
            + " in the extensions of a subscribe message.";

    private final JwtDecoder decoder;

    WebSocketAuthentication(JwtDecoder decoder) {
        this.decoder = decoder;
    }

    @Override
    public Mono<Object> handleConnectionInitialization(WebSocketSessionInfo session, Map<String, Object> payload) {
        Object header = payload.getOrDefault("Authorization", payload.get("authorization"));
        if (!(header instanceof String bearer) || !bearer.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Mono.error(new IllegalStateException("Unauthorized: send the bearer token in connection_init"));
        }
        try {
            Jwt jwt = decoder.decode(bearer.substring(7).trim());
            session.getAttributes().put(SECURITY, securityContext(jwt));
            session.getAttributes().put(EXPIRY, new ConnectionTokenExpiry(jwt));
            return Mono.empty();
        } catch (JwtException e) {
            return Mono.error(new IllegalStateException("Unauthorized: the token is not valid"));
        }
    }

    @Override
    public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, WebGraphQlInterceptor.Chain chain) {
        if (!(request instanceof WebSocketGraphQlRequest socket)
                || !(socket.getSessionInfo().getAttributes().get(SECURITY) instanceof SecurityContext)
                || !(socket.getSessionInfo().getAttributes().get(EXPIRY) instanceof ConnectionTokenExpiry expiry)) {
            return chain.next(request);
        }
        Map<String, Object> attributes = socket.getSessionInfo().getAttributes();
        if (request.getExtensions().containsKey("Authorization")) {
            TokenRefusal refused = renew(attributes, expiry, request.getExtensions().get("Authorization"));
            if (refused != null) {
                return Mono.just(refusal(request, refused));
            }
        }
        if (expiry.expired()) {
            return Mono.just(refusal(request, TokenRefusal.TOKEN_EXPIRED));
        }
        SecurityContext security = (SecurityContext) attributes.get(SECURITY);
        // the schema the caller sees is chosen when the operation starts: start it with the caller in place
        SecurityContext previous = SecurityContextHolder.getContext();
        SecurityContextHolder.setContext(security);
        try {
            CompletableFuture<WebGraphQlResponse> response =
                    chain.next(request).contextWrite(Context.of(SECURITY_KEY, security)).toFuture();
            return Mono.fromFuture(response).map(answer -> endingAtExpiry(answer, expiry));
        } finally {
            SecurityContextHolder.setContext(previous);
        }
    }

    /** Takes a fresh token of the same caller for the connection; answers why not when it does not. */
    private TokenRefusal renew(Map<String, Object> attributes, ConnectionTokenExpiry expiry, Object header) {
        if (!(header instanceof String bearer) || !bearer.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return TokenRefusal.TOKEN_MALFORMED;
        }
        Jwt fresh;
        try {
            fresh = decoder.decode(bearer.substring(7).trim());
        } catch (JwtException refused) {
            return TokenRefusal.ofToken(refused);
        }
        SecurityContext current = (SecurityContext) attributes.get(SECURITY);
        if (!(current.getAuthentication() instanceof JwtAuthenticationToken token)
                || !Caller.of(token.getToken()).equals(Caller.of(fresh))) {
            // the subscriptions running on the connection were allowed for the caller that started them
            return TokenRefusal.TOKEN_OTHER_CALLER;
        }
        attributes.put(SECURITY, securityContext(fresh));
        expiry.renew(fresh);
        return null;
    }

    /** A subscription ends with an error when the connection's token expires. */
    @SuppressWarnings("unchecked")
    private static WebGraphQlResponse endingAtExpiry(WebGraphQlResponse response, ConnectionTokenExpiry expiry) {
        if (!(response.getData() instanceof Publisher<?> events)) {
            return response;
        }
        Flux<ExecutionResult> untilExpiry = Flux.from((Publisher<ExecutionResult>) events)
                .takeUntilOther(expiry.whenExpired())
                .concatWith(Mono.defer(() -> expiry.expired()
                        ? Mono.error(new SubscriptionPublisherException(List.of(error(TokenRefusal.TOKEN_EXPIRED)), null))
                        : Mono.empty()));
        return response.transform(builder -> builder.data(untilExpiry));
    }

    private static WebGraphQlResponse refusal(WebGraphQlRequest request, TokenRefusal refusal) {
        ExecutionResult refused = ExecutionResult.newExecutionResult().addError(error(refusal)).build();
        return new WebGraphQlResponse(new DefaultExecutionGraphQlResponse(request.toExecutionInput(), refused));
    }

    private static GraphQLError error(TokenRefusal refusal) {
        return GraphqlErrorBuilder.newError()
                .errorType(ErrorType.UNAUTHORIZED)
                .message(refusal == TokenRefusal.TOKEN_EXPIRED ? refusal.message() + HOW_TO_RENEW : refusal.message())
                .extensions(Map.of("reason", refusal.name()))
                .build();
    }

    private static SecurityContext securityContext(Jwt jwt) {
        JwtAuthenticationToken authentication = new JwtAuthenticationToken(jwt,
                Caller.of(jwt).roles().stream().map(role -> new SimpleGrantedAuthority("ROLE_" + role)).toList(),
                jwt.getClaimAsString("preferred_username"));
        return new SecurityContextImpl(authentication);
    }
}
