package id.terpadu.access;

import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidationException;

import java.text.ParseException;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Optional;
import java.util.Set;

/**
 * Why the hub did not accept a token, told so that a clerk knows what to do: sign in, sign in
 * again, use the right Keycloak, or wait. It names which check failed, never what the hub
 * expected (no issuer, audience, key id or time), so it helps no one forge a token.
 */
enum TokenRefusal {

    TOKEN_MISSING("No access token was sent: sign in to Keycloak and send its access token in the header "
            + "'Authorization: Bearer <token>'."),
    TOKEN_MALFORMED("The access token is not a well-formed token: send the access_token of Keycloak's answer "
            + "whole, after 'Bearer '."),
    TOKEN_EXPIRED("The access token has expired (or is not valid yet): sign in again or refresh it, and send the new one."),
    TOKEN_WRONG_ISSUER("The access token was issued by another Keycloak realm or address than the one the hub "
            + "accepts: get it from the hub's realm, through the same host name the hub uses."),
    TOKEN_WRONG_AUDIENCE("The access token is not meant for the hub: get it through a client of the realm "
            + "that issues tokens for the hub."),
    TOKEN_BAD_SIGNATURE("The access token's signature does not check out against the realm's keys: it was not "
            + "issued by the hub's realm, or it was changed."),
    TOKEN_OTHER_CALLER("A fresh token on a WebSocket connection must be of the same user with the same roles and "
            + "region as the connection's: open a new connection for another."),
    TOKEN_ISSUER_UNAVAILABLE("The hub cannot check access tokens right now, because it could not fetch the "
            + "realm's keys from Keycloak: try again in a minute.");

    private final String message;

    TokenRefusal(String message) {
        this.message = message;
    }

    /** What a clerk is told. */
    String message() {
        return message;
    }

    /** A check that refuses with this reason when the given one fails. */
    OAuth2TokenValidator<Jwt> when(OAuth2TokenValidator<Jwt> check) {
        OAuth2Error error = new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN, message, null);
        return jwt -> check.validate(jwt).hasErrors()
                ? OAuth2TokenValidatorResult.failure(error)
                : OAuth2TokenValidatorResult.success();
    }

    /** The reason behind a failed authentication of a request. */
    static TokenRefusal of(AuthenticationException failure) {
        if (failure instanceof AuthenticationServiceException) {
            // a token decoder fails with a service exception only when it has no keys to check with
            return TOKEN_ISSUER_UNAVAILABLE;
        }
        if (!(failure instanceof OAuth2AuthenticationException)) {
            return TOKEN_MISSING;
        }
        return ofToken(failure.getCause());
    }

    /** The reason behind a token decoder's refusal; {@code null} or any other cause: a malformed token. */
    static TokenRefusal ofToken(Throwable decoderFailure) {
        if (decoderFailure instanceof JwtException && !(decoderFailure instanceof BadJwtException)) {
            // the decoder could not get at the keys: the token itself was not judged
            return TOKEN_ISSUER_UNAVAILABLE;
        }
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable cause = decoderFailure; cause != null && seen.add(cause); cause = cause.getCause()) {
            if (cause instanceof JwtValidationException invalid) {
                return invalid.getErrors().stream()
                        .map(error -> byMessage(error.getDescription()))
                        .flatMap(Optional::stream)
                        .findFirst()
                        .orElse(TOKEN_BAD_SIGNATURE);
            }
            if (cause instanceof ParseException) {
                return TOKEN_MALFORMED;
            }
        }
        // the decoder read the token but refused its signature, its algorithm or its key id
        return decoderFailure instanceof JwtException ? TOKEN_BAD_SIGNATURE : TOKEN_MALFORMED;
    }

    private static Optional<TokenRefusal> byMessage(String description) {
        return Arrays.stream(values()).filter(refusal -> refusal.message.equals(description)).findFirst();
    }
}
