package id.terpadu.access;

import id.terpadu.keycloak.LocalKeycloak;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.cache.concurrent.ConcurrentMapCache;
import tools.jackson.databind.json.JsonMapper;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The hub's token decoder keeps the realm's keys once fetched, so tokens still verify while
 * Keycloak is down for a moment. Runs a Keycloak of its own, since it stops it.
 */
class KeycloakOutageTest {

    private static final Pattern ACCESS_TOKEN = Pattern.compile("\"access_token\":\"([^\"]+)\"");

    @Test
    void tokensStillVerifyWhileKeycloakIsDown() throws Exception {
        String home = System.getProperty("terpadu.local-keycloak.home", "target/keycloak/keycloak-26.7.3");
        String token;
        String secondToken;
        JwtDecoder decoder;
        ConcurrentMapCache keys = new ConcurrentMapCache("jwks");
        TokenIssuer issuer;
        try (LocalKeycloak keycloak = LocalKeycloak.start(Path.of(home), Path.of("keycloak/terpadu-realm.json"), 0)) {
            token = token(keycloak, "dinkes");
            secondToken = token(keycloak, "perkim");
            issuer = new TokenIssuer(keycloak.issuer());
            decoder = new SecurityConfiguration().jwtDecoder(issuer, new StandardEnvironment(), keys, List.of("terpadu-hub"));
            assertThat(decoder.decode(token).getClaimAsString("preferred_username")).isEqualTo("dinkes");
            assertThat(issuerKeysHealth(issuer, keys).getStatus()).isEqualTo(Status.UP);
        }

        // readiness: the issuer is gone, but the keys fetched before let the hub go on checking tokens
        Health duringOutage = issuerKeysHealth(issuer, keys);
        assertThat(duringOutage.getStatus()).isEqualTo(Status.UP);
        assertThat(duringOutage.getDetails()).containsEntry("reachable", false).containsEntry("cachedKeys", true);
        assertThat(issuerKeysHealth(issuer, new ConcurrentMapCache("jwks")).getStatus()).isEqualTo(Status.DOWN);

        Jwt afterOutage = decoder.decode(secondToken);
        assertThat(afterOutage.getClaimAsString("preferred_username")).isEqualTo("perkim");
        assertThat(decoder.decode(token).getSubject()).isNotBlank();
        String tampered = secondToken.substring(0, secondToken.lastIndexOf('.') + 1) + "AAAA" + secondToken.substring(secondToken.lastIndexOf('.') + 5);
        assertThatThrownBy(() -> decoder.decode(tampered)).isInstanceOf(RuntimeException.class);
    }

    private static Health issuerKeysHealth(TokenIssuer issuer, ConcurrentMapCache keys) {
        return new IssuerKeysHealthIndicator(issuer, keys, JsonMapper.builder().build(), new StandardEnvironment()).health();
    }

    private static String token(LocalKeycloak keycloak, String user) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(keycloak.issuer() + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "grant_type=password&client_id=terpadu-cli&username=" + user + "&password=" + user))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        Matcher matcher = ACCESS_TOKEN.matcher(response.body());
        assertThat(matcher.find()).isTrue();
        return matcher.group(1);
    }
}
