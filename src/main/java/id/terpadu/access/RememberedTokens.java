package id.terpadu.access;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

import java.time.Duration;

/**
 * A token check that remembers, for a minute, the tokens whose signature it has verified: an agency
 * app sends the same token with every request, and verifying it again (parsing it, checking its RSA
 * signature, converting its claims) costs the hub more than a look-up's whole answer. A remembered
 * token still passes the validators on every request, so it stops opening the hub the moment it
 * expires; a token that fails them is checked from the start again and refused as before. Only
 * tokens whose signature verified are remembered, so a forged token is always checked in full.
 */
final class RememberedTokens implements JwtDecoder {

    /** How long a verified signature is trusted without verifying it again. */
    static final Duration REMEMBERED_FOR = Duration.ofMinutes(1);
    private static final int MOST = 1_000;

    private final JwtDecoder verifier;
    private final OAuth2TokenValidator<Jwt> validator;
    private final Cache<String, Jwt> verified = Caffeine.newBuilder()
            .maximumSize(MOST)
            .expireAfterWrite(REMEMBERED_FOR)
            .build();

    /**
     * @param verifier  the full check: signature, then {@code validator}
     * @param validator the checks of the claims (lifetime, issuer, audience) that {@code verifier} runs too
     */
    RememberedTokens(JwtDecoder verifier, OAuth2TokenValidator<Jwt> validator) {
        this.verifier = verifier;
        this.validator = validator;
    }

    @Override
    public Jwt decode(String token) throws JwtException {
        Jwt known = verified.getIfPresent(token);
        if (known != null && !validator.validate(known).hasErrors()) {
            return known;
        }
        if (known != null) {
            verified.invalidate(token);
        }
        Jwt jwt = verifier.decode(token);
        verified.put(token, jwt);
        return jwt;
    }
}
