package id.terpadu.access;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A verified token is remembered and not verified again, but it still expires on time, and a token
 * whose signature fails is never remembered. Real RS256 tokens, signed with a key made for the test
 * and checked by Spring Security's Nimbus decoder as the hub's is.
 */
class RememberedTokensTest {

    private final Instant start = Instant.parse("2026-11-30T08:00:00Z");
    private Clock now = Clock.fixed(start, ZoneOffset.UTC);
    private RSAKey issuerKey;
    private AtomicInteger verifications;
    private RememberedTokens tokens;

    @BeforeEach
    void decoder() throws JOSEException {
        issuerKey = new RSAKeyGenerator(2048).keyID("issuer").generate();
        JwtTimestampValidator lifetime = new JwtTimestampValidator(Duration.ZERO);
        lifetime.setClock(new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now.instant();
            }
        });
        NimbusJwtDecoder nimbus = NimbusJwtDecoder.withPublicKey(issuerKey.toRSAPublicKey()).build();
        nimbus.setJwtValidator(lifetime);
        verifications = new AtomicInteger();
        JwtDecoder counted = token -> {
            verifications.incrementAndGet();
            return nimbus.decode(token);
        };
        tokens = new RememberedTokens(counted, lifetime);
    }

    @Test
    void aVerifiedTokenIsRememberedUntilItExpires() throws JOSEException {
        String token = signed(issuerKey, start.plusSeconds(300));

        Jwt first = tokens.decode(token);
        Jwt again = tokens.decode(token);
        assertThat(again).isSameAs(first);
        assertThat(verifications).hasValue(1);

        now = Clock.fixed(start.plusSeconds(301), ZoneOffset.UTC);
        assertThatThrownBy(() -> tokens.decode(token)).isInstanceOf(JwtValidationException.class)
                .hasMessageContaining("expired");
        assertThat(verifications).as("an expired token is checked in full, and refused").hasValue(2);
        assertThatThrownBy(() -> tokens.decode(token)).isInstanceOf(JwtValidationException.class);
    }

    @Test
    void aTokenWithABadSignatureIsNeverRemembered() throws JOSEException {
        RSAKey forger = new RSAKeyGenerator(2048).keyID("issuer").generate();
        String forged = signed(forger, start.plusSeconds(300));

        assertThatThrownBy(() -> tokens.decode(forged)).isInstanceOf(BadJwtException.class);
        assertThatThrownBy(() -> tokens.decode(forged)).isInstanceOf(BadJwtException.class);
        assertThat(verifications).hasValue(2);
    }

    @Test
    void eachTokenIsRememberedOnItsOwn() throws JOSEException {
        String one = signed(issuerKey, start.plusSeconds(300));
        String other = signed(issuerKey, start.plusSeconds(200));

        assertThat(tokens.decode(one).getExpiresAt()).isEqualTo(start.plusSeconds(300));
        assertThat(tokens.decode(other).getExpiresAt()).isEqualTo(start.plusSeconds(200));
        assertThat(tokens.decode(one).getExpiresAt()).isEqualTo(start.plusSeconds(300));
        assertThat(verifications).hasValue(2);
    }

    private String signed(RSAKey key, Instant expiresAt) throws JOSEException {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
                new JWTClaimsSet.Builder().subject("clerk").issueTime(Date.from(start)).expirationTime(Date.from(expiresAt)).build());
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }
}
