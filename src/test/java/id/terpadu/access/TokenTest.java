package id.terpadu.access;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import id.terpadu.TestKeycloak;
import id.terpadu.Tokens;
import id.terpadu.db.codes.JknSegment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import static id.terpadu.db.Tables.HEALTH_FACET;
import static id.terpadu.db.Tables.SOCIAL_FACET;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Only real, current tokens of the realm for the hub open it: without a token, or with a forged,
 * tampered, unsigned, foreign-issuer, foreign-audience or expired one, the hub answers 401 and
 * nothing else; health and readiness answer without one. Tokens come by password grant and by
 * client credentials (the insurer's sync job, acting as the health office).
 */
class TokenTest extends AccessTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String QUERY = "{ programmes { code } }";

    @Test
    void requestWithoutTokenIsUnauthorized() {
        Answer answer = askWithToken(null, QUERY);
        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.body()).doesNotContain("PKH");
        assertTellsWhy(answer, TokenRefusal.TOKEN_MISSING);
        client().get().uri("/graphql?query={x}", QUERY).exchange().expectStatus().isUnauthorized();

        // what a script sends when its token request failed and left the token empty
        Answer empty = askWithToken("", QUERY);
        assertThat(empty.status()).isEqualTo(401);
        assertTellsWhy(empty, TokenRefusal.TOKEN_MISSING);
    }

    @ParameterizedTest
    @ValueSource(strings = {"not-a-token", "a.b.c", "eyJhbGciOiJSUzI1NiJ9.e30"})
    void malformedTokenIsUnauthorizedWithItsReason(String token) {
        Answer answer = askWithToken(token, QUERY);
        assertThat(answer.status()).as(answer.body()).isEqualTo(401);
        assertTellsWhy(answer, TokenRefusal.TOKEN_MALFORMED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/actuator/health", "/actuator/health/readiness", "/actuator/health/liveness"})
    void healthAndReadinessAnswerWithoutTokenOnTheManagementPort(String endpoint) {
        WebTestClient.bindToServer().baseUrl("http://localhost:" + managementPort).build()
                .get().uri(endpoint).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("UP");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/readyz", "/livez"})
    void probesAnswerWithoutTokenOnTheMainPort(String endpoint) {
        client().get().uri(endpoint).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("UP");
    }

    @Test
    void realTokenOfPasswordGrantOpensTheHub() {
        Answer answer = ask("dinkes", QUERY);
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.<List<String>>data("programmes[*].code")).contains("PKH", "KIS_PBI");
    }

    @Test
    void tokenSignedWithAnotherKeyIsUnauthorized() throws Exception {
        SignedJWT real = SignedJWT.parse(Tokens.of("dinkes"));
        // the same key ID as the realm's key, and a key ID the realm does not have
        for (String keyId : List.of(real.getHeader().getKeyID(), UUID.randomUUID().toString())) {
            RSAKey ownKey = new RSAKeyGenerator(2048).keyID(keyId).generate();
            SignedJWT forged = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(keyId).type(JOSEObjectType.JWT).build(),
                    real.getJWTClaimsSet());
            forged.sign(new RSASSASigner(ownKey));
            assertUnauthorized(forged.serialize(), TokenRefusal.TOKEN_BAD_SIGNATURE);
        }
    }

    @Test
    void forgedTokenClaimingAnotherRoleIsUnauthorized() throws Exception {
        SignedJWT real = SignedJWT.parse(Tokens.of("bappeda"));
        JWTClaimsSet elevated = new JWTClaimsSet.Builder(real.getJWTClaimsSet())
                .claim("realm_access", Map.of("roles", List.of("uptpk")))
                .claim("region", null)
                .build();
        RSAKey ownKey = new RSAKeyGenerator(2048).keyID(real.getHeader().getKeyID()).generate();
        SignedJWT forged = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(ownKey.getKeyID()).build(), elevated);
        forged.sign(new RSASSASigner(ownKey));
        assertUnauthorized(forged.serialize(), TokenRefusal.TOKEN_BAD_SIGNATURE);

        // the realm's own signature over a changed payload
        String[] parts = real.serialize().split("\\.");
        String payload = Base64.getUrlEncoder().withoutPadding()
                .encodeToString(elevated.toString().getBytes(StandardCharsets.UTF_8));
        assertUnauthorized(parts[0] + "." + payload + "." + parts[2], TokenRefusal.TOKEN_BAD_SIGNATURE);

        // no signature at all
        assertUnauthorized(new PlainJWT(elevated).serialize(), TokenRefusal.TOKEN_BAD_SIGNATURE);
    }

    @Test
    void tokenOfAnotherIssuerIsUnauthorized() throws Exception {
        String otherHost = TestKeycloak.baseUrl().contains("://localhost")
                ? TestKeycloak.baseUrl().replace("://localhost", "://127.0.0.1")
                : TestKeycloak.baseUrl().replace("://127.0.0.1", "://localhost");
        assertThat(otherHost).as("another host name for the test Keycloak").isNotEqualTo(TestKeycloak.baseUrl());
        String token = token(otherHost + "/realms/terpadu", Map.of("grant_type", "password", "client_id", "terpadu-cli",
                "username", "dinkes", "password", "dinkes"));
        JWTClaimsSet claims = SignedJWT.parse(token).getJWTClaimsSet();
        assertThat(claims.getIssuer()).isEqualTo(otherHost + "/realms/terpadu").isNotEqualTo(TestKeycloak.issuer());
        assertThat(claims.getAudience()).contains("terpadu-hub");
        assertUnauthorized(token, TokenRefusal.TOKEN_WRONG_ISSUER);
    }

    @Test
    void tokenWithoutTheHubsAudienceIsUnauthorized() throws Exception {
        // the realm's built-in admin-cli client has no audience mapper for the hub
        String token = token(TestKeycloak.issuer(), Map.of("grant_type", "password", "client_id", "admin-cli",
                "username", "dinkes", "password", "dinkes"));
        JWTClaimsSet claims = SignedJWT.parse(token).getJWTClaimsSet();
        assertThat(claims.getIssuer()).isEqualTo(TestKeycloak.issuer());
        assertThat(claims.getAudience()).doesNotContain("terpadu-hub");
        assertUnauthorized(token, TokenRefusal.TOKEN_WRONG_AUDIENCE);
    }

    @Test
    void tokenForAnotherAudienceIsUnauthorized() throws Exception {
        // a full token of the realm, with the user's roles, meant for another service
        try (TemporaryClient client = TemporaryClient.create(Map.of(), "terpadu-graphiql")) {
            String token = token(TestKeycloak.issuer(), Map.of("grant_type", "password", "client_id", client.clientId(),
                    "username", "dinkes", "password", "dinkes"));
            JWTClaimsSet claims = SignedJWT.parse(token).getJWTClaimsSet();
            assertThat(claims.getIssuer()).isEqualTo(TestKeycloak.issuer());
            assertThat(claims.getAudience()).contains("terpadu-graphiql").doesNotContain("terpadu-hub");
            assertThat(claims.getJSONObjectClaim("realm_access").get("roles").toString()).contains("dinkes");
            assertUnauthorized(token, TokenRefusal.TOKEN_WRONG_AUDIENCE);
        }
    }

    @Test
    void expiredTokenIsUnauthorized() throws Exception {
        try (TemporaryClient client = TemporaryClient.create(Map.of("access.token.lifespan", "1"), "terpadu-hub")) {
            String token = token(TestKeycloak.issuer(), Map.of("grant_type", "password", "client_id", client.clientId(),
                    "username", "dinkes", "password", "dinkes"));
            JWTClaimsSet claims = SignedJWT.parse(token).getJWTClaimsSet();
            assertThat(Duration.between(claims.getIssueTime().toInstant(), claims.getExpirationTime().toInstant()))
                    .isLessThanOrEqualTo(Duration.ofSeconds(1));
            assertThat(claims.getAudience()).contains("terpadu-hub");
            // valid in every other respect: it opens the hub while it lasts (plus the allowed clock skew)
            assertThat(askWithToken(token, QUERY).status()).isEqualTo(200);

            Instant beyondSkew = claims.getExpirationTime().toInstant().plusSeconds(12);
            Thread.sleep(Math.max(0, Duration.between(Instant.now(), beyondSkew).toMillis()));
            assertUnauthorized(token, TokenRefusal.TOKEN_EXPIRED);
        }
    }

    @Test
    void insurersSyncJobByClientCredentialsActsAsHealthOffice() {
        Household household = register(APUAN, uniqueName());
        Answer jkn = ask(Tokens.SERVICE_ACCOUNT, """
                mutation($nik: String!, $since: Date!) {
                  updateJknStatus(input: {nik: $nik, expectedVersion: 0, jknNumber: "0009876543210",
                                          segment: PBI_APBN, active: true, since: $since}) { segment member { nik } }
                }""", "nik", household.head().nik(), "since", LocalDate.now().minusMonths(2).toString());
        assertThat(jkn.errors()).as(jkn.body()).isEmpty();
        assertThat(jkn.<String>data("updateJknStatus.segment")).isEqualTo("PBI_APBN");
        assertThat(jkn.<String>data("updateJknStatus.member.nik")).isEqualTo(masked(household.head().nik()));
        assertThat(dsl.select(HEALTH_FACET.SEGMENT, HEALTH_FACET.JKN_NUMBER).from(HEALTH_FACET)
                .where(HEALTH_FACET.MEMBER_ID.eq(rowId(household.head().id()))).fetchOne())
                .extracting(row -> row.value1(), row -> row.value2())
                .containsExactly(JknSegment.PBI_APBN, "0009876543210");

        Answer cluster = ask(Tokens.SERVICE_ACCOUNT, """
                mutation($kk: String!) {
                  assignCluster(input: {kk: $kk, expectedVersion: 0, cluster: "MELATI", reason: "Sync"}) { __typename }
                }""", "kk", household.kk());
        assertThat(cluster.classifications()).as(cluster.body()).containsExactly("FORBIDDEN");
        assertThat(dsl.fetchExists(SOCIAL_FACET, SOCIAL_FACET.HOUSEHOLD_ID.eq(rowId(household.id())))).isFalse();

        Answer housing = ask(Tokens.SERVICE_ACCOUNT, "query($kk: String!) { household(kk: $kk) { housing { rtlhStatus } } }",
                "kk", household.kk());
        assertThat(housing.classifications()).containsExactly("ValidationError");
    }

    private void assertUnauthorized(String token, TokenRefusal reason) {
        Answer answer = askWithToken(token, QUERY);
        assertThat(answer.status()).as(answer.body()).isEqualTo(401);
        assertThat(answer.body()).doesNotContain("PKH");
        assertTellsWhy(answer, reason);
        client().post().uri("/graphql").header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").bodyValue(Map.of("query", QUERY))
                .exchange().expectStatus().isUnauthorized()
                .expectHeader().value("WWW-Authenticate", value -> assertThat(value).contains("invalid_token"));
    }

    /**
     * The refusal's body is a GraphQL error that says which check failed, in words, and nothing
     * a forger could use: not what the hub expected (its issuer, audience or keys) nor the token.
     */
    private static void assertTellsWhy(Answer answer, TokenRefusal reason) {
        assertThat(answer.classifications()).as(answer.body()).containsExactly("UNAUTHORIZED");
        assertThat(answer.<String>at("$.errors[0].extensions.reason")).isEqualTo(reason.name());
        assertThat(answer.<String>at("$.errors[0].message")).isEqualTo(reason.message());
        assertThat(answer.body()).doesNotContain(TestKeycloak.issuer(), "terpadu-hub", "kid", "Jwt", "Exception");
    }

    /**
     * A password-grant client created in the realm through Keycloak's admin API for one test, with
     * these client attributes and an audience mapper for this audience; deleted on close.
     */
    private record TemporaryClient(String clientId, String location, String adminToken) implements AutoCloseable {

        static TemporaryClient create(Map<String, String> attributes, String audience) throws Exception {
            String admin = token(TestKeycloak.baseUrl() + "/realms/master", Map.of("grant_type", "password",
                    "client_id", "admin-cli", "username", TestKeycloak.ADMIN, "password", TestKeycloak.ADMIN));
            String clientId = "terpadu-test-" + UUID.randomUUID();
            Map<String, Object> client = Map.of(
                    "clientId", clientId,
                    "enabled", true,
                    "publicClient", true,
                    "standardFlowEnabled", false,
                    "directAccessGrantsEnabled", true,
                    "attributes", attributes,
                    "protocolMappers", List.of(Map.of(
                            "name", audience + " audience",
                            "protocol", "openid-connect",
                            "protocolMapper", "oidc-audience-mapper",
                            "config", Map.of("included.client.audience", audience, "access.token.claim", "true"))));
            HttpResponse<String> created = HTTP.send(HttpRequest.newBuilder(
                            URI.create(TestKeycloak.baseUrl() + "/admin/realms/terpadu/clients"))
                    .header("Authorization", "Bearer " + admin)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(client))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            return new TemporaryClient(clientId, created.headers().firstValue("Location").orElseThrow(), admin);
        }

        @Override
        public void close() throws Exception {
            HTTP.send(HttpRequest.newBuilder(URI.create(location)).header("Authorization", "Bearer " + adminToken)
                    .DELETE().build(), HttpResponse.BodyHandlers.discarding());
        }
    }

    /** An access token from a token endpoint of this realm URL. */
    private static String token(String realmUrl, Map<String, String> form) throws IOException, InterruptedException {
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(realmUrl + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode answer = JSON.readTree(response.body());
        return answer.get("access_token").asText();
    }
}
