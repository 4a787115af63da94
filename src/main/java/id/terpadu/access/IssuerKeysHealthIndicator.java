package id.terpadu.access;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.cache.concurrent.ConcurrentMapCache;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

/**
 * Whether the hub can check tokens: the token issuer's signing keys can be fetched, or, while the
 * issuer is unreachable, keys fetched earlier are cached (the hub keeps serving through a short
 * Keycloak outage). Down only when there are no keys at all. Part of readiness; checked at most
 * every few seconds, however often a probe asks.
 */
@Component
class IssuerKeysHealthIndicator implements HealthIndicator {

    private static final Duration TIMEOUT = Duration.ofSeconds(3);
    private static final Duration RECHECK_AFTER = Duration.ofSeconds(10);

    private final TokenIssuer issuer;
    private final ConcurrentMapCache issuerKeyCache;
    private final JsonMapper json;
    private final String configuredJwkSetUri;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private volatile Health last;
    private volatile Instant checkedAt = Instant.MIN;

    IssuerKeysHealthIndicator(TokenIssuer issuer, ConcurrentMapCache issuerKeyCache, JsonMapper json, Environment environment) {
        this.issuer = issuer;
        this.issuerKeyCache = issuerKeyCache;
        this.json = json;
        this.configuredJwkSetUri = environment.getProperty(SecurityConfiguration.JWK_SET_PROPERTY);
    }

    @Override
    public Health health() {
        if (last == null || Instant.now().isAfter(checkedAt.plus(RECHECK_AFTER))) {
            last = check();
            checkedAt = Instant.now();
        }
        return last;
    }

    private Health check() {
        try {
            String jwkSetUri = StringUtils.hasText(configuredJwkSetUri) ? configuredJwkSetUri
                    : get(issuer.uri() + "/.well-known/openid-configuration").path("jwks_uri").asString();
            int keys = get(jwkSetUri).path("keys").size();
            Health.Builder health = keys > 0 ? Health.up() : Health.down();
            return health.withDetail("issuer", issuer.uri()).withDetail("keys", keys).build();
        } catch (Exception unreachable) {
            if (unreachable instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            boolean cached = !issuerKeyCache.getNativeCache().isEmpty();
            Health.Builder health = cached ? Health.up() : Health.down();
            return health.withDetail("issuer", issuer.uri())
                    .withDetail("reachable", false)
                    .withDetail("cachedKeys", cached)
                    .build();
        }
    }

    private JsonNode get(String uri) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(uri)).timeout(TIMEOUT).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("HTTP " + response.statusCode() + " from the issuer");
        }
        return json.readTree(response.body());
    }
}
