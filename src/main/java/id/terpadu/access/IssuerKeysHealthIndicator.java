package id.terpadu.access;

import com.nimbusds.jose.KeySourceException;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Whether the hub can check tokens: it holds signing keys of the token issuer, fetched now or
 * kept from before while the issuer is unreachable (the hub keeps serving through a Keycloak
 * outage). Down only when it has none. Part of readiness; asks the same key source as the token
 * checks, so a probe fetches the keys no more often than they do.
 */
@Component
class IssuerKeysHealthIndicator implements HealthIndicator {

    private final TokenIssuer issuer;
    private final IssuerKeys keys;

    IssuerKeysHealthIndicator(TokenIssuer issuer, IssuerKeys keys) {
        this.issuer = issuer;
        this.keys = keys;
    }

    @Override
    public Health health() {
        int available;
        try {
            available = keys.available().size();
        } catch (KeySourceException unavailable) {
            available = 0;
        }
        Health.Builder health = (available > 0 ? Health.up() : Health.down())
                .withDetail("issuer", issuer.uri())
                .withDetail("keys", available);
        keys.fetchedAt().ifPresent(at -> health.withDetail("fetchedAt", at.toString()));
        keys.issuerAnsweredLastFetch().ifPresent(answered -> health.withDetail("reachable", answered));
        return health.build();
    }
}
