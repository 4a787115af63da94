package id.terpadu.access;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import graphql.GraphQLContext;
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
 *
 * <p>A request's caller is resolved once, when the request starts ({@link RequestCaller}), and kept
 * in the request's GraphQL context under {@link #CONTEXT_KEY}; controllers take it as an argument
 * ({@code @ContextValue Caller caller}) and hand it on as a parameter, so a method's signature says
 * whose rows it touches.
 */
public record Caller(String subject, String username, String client, Set<String> roles, String region) {

    /** The key of the request's caller in its GraphQL context (the name {@code @ContextValue} looks up). */
    public static final String CONTEXT_KEY = "caller";

    /** No token: sees and may do nothing. */
    public static final Caller ANONYMOUS = new Caller(null, null, null, Set.of(), null);

    /** Callers by token, compared by identity, kept as long as the token object lives. */
    private static final Cache<Jwt, Caller> BY_TOKEN = Caffeine.newBuilder().weakKeys().maximumSize(10_000).build();

    /** The caller of the request whose GraphQL context this is; anonymous when none was resolved. */
    public static Caller of(GraphQLContext context) {
        return context.getOrDefault(CONTEXT_KEY, ANONYMOUS);
    }

    /**
     * The caller whose token Spring Security left in this thread's security context. Read only where
     * a request's caller is resolved and where a framework callback gives no other way to the
     * request (the choice of the caller's schema); everything else takes the caller as a parameter.
     */
    public static Caller current() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication instanceof JwtAuthenticationToken token) {
            return of(token.getToken());
        }
        return ANONYMOUS;
    }

    /**
     * The caller a token names. Read once per token: the decoder hands the same {@link Jwt} for a
     * token it verified recently ({@link RememberedTokens}), and reading the claims through Spring's
     * conversion service was about 6 % of a look-up's cost, paid more than once per request.
     */
    static Caller of(Jwt jwt) {
        return BY_TOKEN.get(jwt, Caller::read);
    }

    private static Caller read(Jwt jwt) {
        return new Caller(jwt.getSubject(), jwt.getClaimAsString("preferred_username"), jwt.getClaimAsString("azp"),
                realmRoles(jwt), Optional.ofNullable(jwt.getClaimAsString("region")).filter(r -> !r.isBlank()).orElse(null));
    }

    private static Set<String> realmRoles(Jwt jwt) {
        Map<String, Object> realmAccess = jwt.getClaimAsMap("realm_access");
        if (realmAccess != null && realmAccess.get("roles") instanceof List<?> roles) {
            return Set.copyOf(roles.stream().map(String::valueOf).toList());
        }
        return Set.of();
    }

    public boolean hasAnyRole(Set<String> granted) {
        return roles.stream().anyMatch(granted::contains);
    }

    /** The name a record of who did something shows: the username, else the subject. */
    public String name() {
        return username != null ? username : subject;
    }
}
