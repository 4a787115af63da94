package id.terpadu.access;

import org.springframework.security.oauth2.jwt.Jwt;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.time.Instant;

/**
 * Until when a GraphQL WebSocket connection runs under its token: the token's expiry plus the
 * clock skew that HTTP requests are also allowed. A client that sends a fresh token on the
 * connection moves it on, and what waits for the expiry then waits for the new one.
 */
final class ConnectionTokenExpiry {

    private volatile Instant acceptedUntil;

    ConnectionTokenExpiry(Jwt token) {
        this.acceptedUntil = acceptedUntil(token);
    }

    /** A fresh token of the same caller moves the expiry to its own. */
    void renew(Jwt freshToken) {
        acceptedUntil = acceptedUntil(freshToken);
    }

    boolean expired() {
        return Instant.now().isAfter(acceptedUntil);
    }

    /**
     * Completes when the token expires, checked again whenever the time it waited for has come,
     * so a renewal in between keeps it waiting.
     */
    Mono<Void> whenExpired() {
        return Mono.defer(() -> Mono.delay(remaining()))
                .repeat()
                .filter(tick -> expired())
                .next()
                .then();
    }

    private Duration remaining() {
        Duration remaining = Duration.between(Instant.now(), acceptedUntil);
        // a little past the moment, so the check after the wait finds it passed
        return remaining.isNegative() ? Duration.ZERO : remaining.plusMillis(10);
    }

    private static Instant acceptedUntil(Jwt token) {
        // a token without an expiry is refused by the decoder's timestamp check before it gets here
        Instant expiresAt = token.getExpiresAt() == null ? Instant.now() : token.getExpiresAt();
        return expiresAt.plus(SecurityConfiguration.CLOCK_SKEW);
    }
}
