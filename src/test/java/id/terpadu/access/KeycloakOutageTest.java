package id.terpadu.access;

import com.jayway.jsonpath.JsonPath;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import id.terpadu.OwnKeycloak;
import id.terpadu.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hub keeps the realm's keys once fetched and refreshes them at a bounded rate: tokens with
 * made-up key ids are refused with 401 whether Keycloak is up or down, cost at most two key
 * fetches however many come, and do not stop valid tokens while Keycloak is down; a hub that
 * never fetched the keys answers 503 and is not ready. The hub fetches the keys through a proxy
 * that counts the fetches, from a Keycloak of this test's own, which starts after the hub and
 * stops halfway. The steps build on each other, so they run in order.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KeycloakOutageTest {

    private static final OwnKeycloak KEYCLOAK = new OwnKeycloak();
    private static final CountingProxy KEY_FETCHES = new CountingProxy(KEYCLOAK.jwkSetUri());
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final String QUERY = "{ programmes { code } }";
    private static final int FORGED = 50;

    @LocalServerPort
    private int port;

    @LocalManagementPort
    private int managementPort;

    @Autowired
    private IssuerKeysHealthIndicator issuerKeysHealth;

    /** Valid tokens of the realm, fetched while Keycloak runs, for the outage. */
    private final List<String> validTokens = new ArrayList<>();

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        TestDatabase.configure(registry);
        registry.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", KEYCLOAK::issuer);
        registry.add("spring.security.oauth2.resourceserver.jwt.jwk-set-uri", KEY_FETCHES::uri);
    }

    @AfterAll
    void stop() {
        KEYCLOAK.close();
        KEY_FETCHES.close();
    }

    @Test
    @Order(1)
    void withoutKeysEverFetchedTheHubAnswers503AndIsNotReady() throws Exception {
        // Keycloak has not started yet: a token that looks right in every way cannot be checked
        Response answer = ask(forged(claims("uptpk", Instant.now().plusSeconds(300))));
        assertThat(answer.status()).as(answer.body()).isEqualTo(503);
        assertThat(answer.headers().firstValue("Retry-After")).hasValue("30");
        assertThat(JsonPath.<String>read(answer.body(), "$.errors[0].extensions.classification")).isEqualTo("UNAVAILABLE");
        assertThat(JsonPath.<String>read(answer.body(), "$.errors[0].extensions.reason")).isEqualTo("TOKEN_ISSUER_UNAVAILABLE");
        assertThat(JsonPath.<String>read(answer.body(), "$.errors[0].message")).contains("try again");
        assertThat(KEY_FETCHES.count()).as("the hub tried to fetch the keys").isPositive();

        assertThat(get(managementPort, "/actuator/health/readiness").status()).isEqualTo(503);
        assertThat(get(port, "/readyz").status()).isEqualTo(503);
        Health keys = issuerKeysHealth.health();
        assertThat(keys.getStatus()).isEqualTo(Status.DOWN);
        assertThat(keys.getDetails()).containsEntry("keys", 0).containsEntry("reachable", false);
    }

    @Test
    @Order(2)
    void forgedTokensWithUnknownKeyIdsAreRefusedWithAtMostTwoKeyFetches() throws Exception {
        KEYCLOAK.start();
        validTokens.add(KEYCLOAK.token("uptpk"));
        validTokens.add(KEYCLOAK.token("dinkes"));
        awaitReady();
        assertThat(ask(validTokens.getFirst()).status()).isEqualTo(200);

        int fetchesBefore = KEY_FETCHES.count();
        long started = System.nanoTime();
        JWTClaimsSet realClaims = SignedJWT.parse(validTokens.getFirst()).getJWTClaimsSet();
        for (int i = 0; i < FORGED; i++) {
            assertRefusedAsBadSignature(ask(forged(realClaims)));
        }
        Duration spent = Duration.ofNanos(System.nanoTime() - started);
        long windows = 1 + spent.toSeconds() / IssuerKeys.MIN_REFRESH_INTERVAL.toSeconds();
        assertThat(KEY_FETCHES.count() - fetchesBefore)
                .as("key fetches for %d forged tokens in %s", FORGED, spent)
                .isLessThanOrEqualTo((int) (2 * windows));

        for (String valid : validTokens) {
            Response answer = ask(valid);
            assertThat(answer.status()).as(answer.body()).isEqualTo(200);
            assertThat(answer.body()).contains("KIS_PBI");
        }
    }

    @Test
    @Order(3)
    void duringAnOutageForgedTokensAre401AndValidTokensStillOpenTheHub() throws Exception {
        KEYCLOAK.close();
        JWTClaimsSet realClaims = SignedJWT.parse(validTokens.getFirst()).getJWTClaimsSet();
        for (int i = 0; i < FORGED; i++) {
            assertRefusedAsBadSignature(ask(forged(realClaims)));
            if (i % 10 == 0) {
                // valid tokens go on working between the forged ones
                assertThat(ask(validTokens.get(i / 10 % validTokens.size())).status()).isEqualTo(200);
            }
        }
        for (String valid : validTokens) {
            Response answer = ask(valid);
            assertThat(answer.status()).as(answer.body()).isEqualTo(200);
            assertThat(answer.body()).contains("KIS_PBI");
        }
        assertThat(get(managementPort, "/actuator/health/readiness").status()).isEqualTo(200);
        Health keys = issuerKeysHealth.health();
        assertThat(keys.getStatus()).isEqualTo(Status.UP);
        assertThat((Integer) keys.getDetails().get("keys")).isPositive();
    }

    private static void assertRefusedAsBadSignature(Response answer) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(401);
        assertThat(JsonPath.<String>read(answer.body(), "$.errors[0].extensions.reason")).isEqualTo("TOKEN_BAD_SIGNATURE");
        assertThat(answer.body()).doesNotContain("KIS_PBI");
    }

    private void awaitReady() throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        while (get(managementPort, "/actuator/health/readiness").status() != 200) {
            assertThat(Instant.now()).as("the hub is ready once Keycloak answers").isBefore(deadline);
            Thread.sleep(1000);
        }
    }

    /** Claims the hub would accept, for a token signed with a key of its own. */
    private static JWTClaimsSet claims(String user, Instant expiresAt) {
        return new JWTClaimsSet.Builder()
                .issuer(KEYCLOAK.issuer())
                .audience("terpadu-hub")
                .subject(UUID.randomUUID().toString())
                .claim("preferred_username", user)
                .claim("azp", "terpadu-cli")
                .claim("realm_access", Map.of("roles", List.of(user)))
                .issueTime(new Date())
                .expirationTime(Date.from(expiresAt))
                .build();
    }

    /** A token with these claims, signed by a key of its own under a key id the realm does not have. */
    private static String forged(JWTClaimsSet claims) throws Exception {
        RSAKey ownKey = new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate();
        SignedJWT token = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(ownKey.getKeyID())
                .type(JOSEObjectType.JWT).build(), claims);
        token.sign(new RSASSASigner(ownKey));
        return token.serialize();
    }

    private record Response(int status, String body, java.net.http.HttpHeaders headers) {
    }

    private Response ask(String token) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/graphql"))
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"query\":\"" + QUERY + "\"}")).build(), HttpResponse.BodyHandlers.ofString());
        return new Response(response.statusCode(), response.body(), response.headers());
    }

    private static Response get(int port, String path) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(60)).GET().build(), HttpResponse.BodyHandlers.ofString());
        return new Response(response.statusCode(), response.body(), response.headers());
    }

    /** Forwards each request to the realm's key set and counts them; answers 502 while Keycloak is down. */
    private static final class CountingProxy implements AutoCloseable {

        private final HttpServer server;
        private final AtomicInteger count = new AtomicInteger();

        CountingProxy(String target) {
            try {
                server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            server.createContext("/", exchange -> {
                count.incrementAndGet();
                int status;
                byte[] body;
                try {
                    HttpResponse<byte[]> answer = HTTP.send(HttpRequest.newBuilder(URI.create(target))
                            .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
                    status = answer.statusCode();
                    body = answer.body();
                } catch (IOException | InterruptedException unreachable) {
                    status = 502;
                    body = "Keycloak is unreachable".getBytes();
                }
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(status, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            });
            server.start();
        }

        String uri() {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/certs";
        }

        int count() {
            return count.get();
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
