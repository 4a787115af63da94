package id.terpadu.access;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Who is calling: the Keycloak subject, username and client of the token, its realm roles, and
 * the region code prefix its {@code region} claim limits it to (none: the whole hub).
 */
public record Caller(String subject, String username, String client, Set<String> roles, String region) {

    /** No token: sees and may do nothing. */
    public static final Caller ANONYMOUS = new Caller(null, null, null, Set.of(), null);

    /** The caller of the current request. */
    public static Caller current() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication instanceof JwtAuthenticationToken token) {
            return of(token.getToken());
        }
        return ANONYMOUS;
    }

    static Caller of(Jwt jwt) {
        return new Caller(jwt.getSubject(), jwt.getClaimAsString("preferred_username"), jwt.getClaimAsString("azp"),
                realmRoles(jwt), Optional.ofNullable(jwt.getClaimAsString("region")).filter(r -> !r.isBlank()).orElse(null));
    }

    static Set<String> realmRoles(Jwt jwt) {
        Map<String, Object> realmAccess = jwt.getClaimAsMap("realm_access");
        if (realmAccess != null && realmAccess.get("roles") instanceof List<?> roles) {
            return Set.copyOf(roles.stream().map(String::valueOf).toList());
        }
        return Set.of();
    }

    public boolean hasAnyRole(Set<String> granted) {
        return roles.stream().anyMatch(granted::contains);
    }
}
