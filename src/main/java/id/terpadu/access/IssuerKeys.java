package id.terpadu.access;

import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSetCacheRefreshEvaluator;
import com.nimbusds.jose.jwk.source.JWKSetRetrievalException;
import com.nimbusds.jose.jwk.source.JWKSetSource;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.jwk.source.URLBasedJWKSetSource;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jose.util.ResourceRetriever;
import org.jspecify.annotations.Nullable;

import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The token issuer's signing keys as the hub holds them, kept by Nimbus's own key-set source:
 * fetched on first use and cached for five minutes; refreshed early when a token names a key id
 * the hub does not hold, but at most twice in {@link #MIN_REFRESH_INTERVAL} however many such
 * tokens come; kept through an outage of the issuer until it answers with other keys. A refresh
 * the rate limit turns away falls back to the keys held, so a flood of tokens with made-up key
 * ids neither reaches Keycloak nor stops the valid tokens: their keys are among those held.
 */
final class IssuerKeys {

    /** How long fetched keys are used before they are fetched again (a key removed in Keycloak goes after this). */
    static final Duration CACHE_TIME_TO_LIVE = Duration.ofMinutes(5);
    /** The shortest time in which the keys are fetched more than twice. */
    static final Duration MIN_REFRESH_INTERVAL = Duration.ofSeconds(30);
    /** How long a request waits for a fetch another request started. */
    private static final Duration REFRESH_TIMEOUT = Duration.ofSeconds(15);
    private static final int CONNECT_TIMEOUT_MS = 2_000;
    private static final int READ_TIMEOUT_MS = 3_000;
    private static final int SIZE_LIMIT_BYTES = 256 * 1024;
    private static final JWKSelector ALL_KEYS = new JWKSelector(new JWKMatcher.Builder().build());

    private final FetchedKeys fetched;
    private final JWKSource<SecurityContext> source;

    /**
     * @param issuer    the realm whose keys these are
     * @param jwkSetUri where to fetch them; null to find it in the issuer's OpenID configuration
     */
    IssuerKeys(TokenIssuer issuer, @Nullable String jwkSetUri) {
        this.fetched = new FetchedKeys(issuer, jwkSetUri);
        this.source = JWKSourceBuilder.create(fetched)
                .cache(CACHE_TIME_TO_LIVE.toMillis(), REFRESH_TIMEOUT.toMillis())
                .rateLimited(MIN_REFRESH_INTERVAL.toMillis())
                .outageTolerantForever()
                .failover((selector, context) -> selector.select(fetched.held()))
                .build();
    }

    /** The source a token decoder selects its verification key from. */
    JWKSource<SecurityContext> source() {
        return source;
    }

    /** The keys tokens can be checked with now; fetched (at the bounded rate) when none are held. */
    List<JWK> available() throws KeySourceException {
        return source.get(ALL_KEYS, null);
    }

    /** When the keys were last fetched from the issuer. */
    Optional<Instant> fetchedAt() {
        return Optional.ofNullable(fetched.fetchedAt);
    }

    /** Whether the issuer answered the last fetch; empty before the first. */
    Optional<Boolean> issuerAnsweredLastFetch() {
        return Optional.ofNullable(fetched.lastFetchAnswered);
    }

    /**
     * The keys as the issuer serves them, fetched over HTTP, remembering the last ones it
     * served: the bottom of the Nimbus source, which caches, rate-limits and keeps them.
     */
    private static final class FetchedKeys implements JWKSetSource<SecurityContext> {

        private final TokenIssuer issuer;
        private final ResourceRetriever http = new DefaultResourceRetriever(CONNECT_TIMEOUT_MS, READ_TIMEOUT_MS, SIZE_LIMIT_BYTES);
        private volatile @Nullable URLBasedJWKSetSource<SecurityContext> location;
        private volatile @Nullable JWKSet held;
        private volatile @Nullable Instant fetchedAt;
        private volatile @Nullable Boolean lastFetchAnswered;

        FetchedKeys(TokenIssuer issuer, @Nullable String jwkSetUri) {
            this.issuer = issuer;
            this.location = jwkSetUri == null || jwkSetUri.isBlank() ? null : at(jwkSetUri);
        }

        @Override
        public JWKSet getJWKSet(JWKSetCacheRefreshEvaluator refresh, long currentTime, SecurityContext context)
                throws KeySourceException {
            try {
                JWKSet keys = location().getJWKSet(refresh, currentTime, context);
                held = keys;
                fetchedAt = Instant.now();
                lastFetchAnswered = true;
                return keys;
            } catch (KeySourceException failure) {
                lastFetchAnswered = false;
                throw failure;
            }
        }

        /** The keys last fetched; a key source failure when none ever were. */
        JWKSet held() throws KeySourceException {
            JWKSet keys = held;
            if (keys == null) {
                throw new KeySourceException("The issuer's keys were never fetched");
            }
            return keys;
        }

        private URLBasedJWKSetSource<SecurityContext> location() throws KeySourceException {
            URLBasedJWKSetSource<SecurityContext> known = location;
            if (known == null) {
                known = at(discoveredJwkSetUri());
                location = known;
            }
            return known;
        }

        /** The {@code jwks_uri} of the issuer's OpenID configuration, which must name the issuer itself. */
        private String discoveredJwkSetUri() throws KeySourceException {
            try {
                var configuration = JSONObjectUtils.parse(http.retrieveResource(
                        URI.create(issuer.uri() + "/.well-known/openid-configuration").toURL()).getContent());
                if (!issuer.uri().equals(JSONObjectUtils.getString(configuration, "issuer"))) {
                    throw new KeySourceException("The OpenID configuration at the issuer names another issuer");
                }
                String jwkSetUri = JSONObjectUtils.getString(configuration, "jwks_uri");
                if (jwkSetUri == null) {
                    throw new KeySourceException("The issuer's OpenID configuration names no jwks_uri");
                }
                return jwkSetUri;
            } catch (IOException | ParseException unreachable) {
                throw new JWKSetRetrievalException("The issuer's OpenID configuration could not be read", unreachable);
            }
        }

        private URLBasedJWKSetSource<SecurityContext> at(String uri) {
            try {
                URL url = URI.create(uri).toURL();
                return new URLBasedJWKSetSource<>(url, http);
            } catch (IOException | IllegalArgumentException malformed) {
                throw new IllegalStateException("The JWK set URI " + uri + " is not a URL", malformed);
            }
        }

        @Override
        public void close() {
        }
    }
}
