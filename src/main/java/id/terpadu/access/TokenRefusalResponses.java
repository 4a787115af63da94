package id.terpadu.access;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.web.AuthenticationEntryPoint;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * Answers a request whose token the hub does not accept with a body in the shape of a GraphQL
 * error, so a client that shows only the body still tells the clerk why: 401 with the reason
 * (and the standard {@code WWW-Authenticate} header), or 503 when the hub cannot check tokens
 * at all because it has never fetched the realm's keys.
 */
final class TokenRefusalResponses implements AuthenticationEntryPoint {

    private static final Logger log = LoggerFactory.getLogger(TokenRefusalResponses.class);

    private final BearerTokenAuthenticationEntryPoint bearer = new BearerTokenAuthenticationEntryPoint();
    private final JsonMapper json;

    TokenRefusalResponses(JsonMapper json) {
        this.json = json;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException failure)
            throws IOException {
        // "Bearer " and nothing: a script whose token request failed sent an empty token
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        TokenRefusal refusal = header != null && header.trim().equalsIgnoreCase("Bearer")
                ? TokenRefusal.TOKEN_MISSING : TokenRefusal.of(failure);
        if (refusal == TokenRefusal.TOKEN_ISSUER_UNAVAILABLE) {
            log.warn("A request was refused because the token issuer's keys are not available ({})",
                    failure.getCause() == null ? failure.getClass().getName() : failure.getCause().getClass().getName());
            response.setStatus(HttpStatus.SERVICE_UNAVAILABLE.value());
            response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(IssuerKeys.MIN_REFRESH_INTERVAL.toSeconds()));
            write(response, "UNAVAILABLE", refusal);
            return;
        }
        bearer.commence(request, response, failure);
        write(response, response.getStatus() == HttpStatus.BAD_REQUEST.value() ? "BAD_REQUEST" : "UNAUTHORIZED", refusal);
    }

    private void write(HttpServletResponse response, String classification, TokenRefusal refusal) throws IOException {
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        json.writeValue(response.getOutputStream(), Map.of("errors", List.of(Map.of(
                "message", refusal.message(),
                "extensions", Map.of("classification", classification, "reason", refusal.name())))));
    }
}
