package id.terpadu.access;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.graphql.execution.SecurityContextThreadLocalAccessor;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.graphql.server.WebSocketGraphQlInterceptor;
import org.springframework.graphql.server.WebSocketGraphQlRequest;
import org.springframework.graphql.server.WebSocketSessionInfo;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.util.context.Context;

import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Authenticates GraphQL over WebSocket with the same Keycloak tokens as HTTP: the client sends
 * {@code {"Authorization": "Bearer <token>"}} as the connection_init payload; a connection
 * without a valid token is closed, and each operation on it runs as the token's caller.
 */
@Component
// before RequestCaller, which reads the caller this puts in place
@Order(Ordered.HIGHEST_PRECEDENCE)
class WebSocketAuthentication implements WebSocketGraphQlInterceptor {

    private static final String SECURITY = WebSocketAuthentication.class.getName() + ".security";
    private static final Object SECURITY_KEY = new SecurityContextThreadLocalAccessor().key();

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
            JwtAuthenticationToken authentication = new JwtAuthenticationToken(jwt,
                    Caller.realmRoles(jwt).stream().map(role -> new SimpleGrantedAuthority("ROLE_" + role)).toList(),
                    jwt.getClaimAsString("preferred_username"));
            session.getAttributes().put(SECURITY, new SecurityContextImpl(authentication));
            return Mono.empty();
        } catch (JwtException e) {
            return Mono.error(new IllegalStateException("Unauthorized: the token is not valid"));
        }
    }

    @Override
    public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, WebGraphQlInterceptor.Chain chain) {
        if (!(request instanceof WebSocketGraphQlRequest socket)
                || !(socket.getSessionInfo().getAttributes().get(SECURITY) instanceof SecurityContext security)) {
            return chain.next(request);
        }
        // the schema the caller sees is chosen when the operation starts: start it with the caller in place
        SecurityContext previous = SecurityContextHolder.getContext();
        SecurityContextHolder.setContext(security);
        try {
            CompletableFuture<WebGraphQlResponse> response =
                    chain.next(request).contextWrite(Context.of(SECURITY_KEY, security)).toFuture();
            return Mono.fromFuture(response);
        } finally {
            SecurityContextHolder.setContext(previous);
        }
    }
}
