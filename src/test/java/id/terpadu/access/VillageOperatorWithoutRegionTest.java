package id.terpadu.access;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import id.terpadu.TestKeycloak;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import static id.terpadu.db.Tables.HOUSEHOLD;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A village operator whose Keycloak user lacks the region attribute (an administrator's slip)
 * must see no household at all, not the whole hub: the policy's {@code requiresRegion}.
 */
class VillageOperatorWithoutRegionTest extends AccessTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Meets the realm's password policy (12 characters or more, not the username). */
    private static final String PASSWORD = "Operator-Tanpa-Wilayah-1";

    @Test
    void villageOperatorWithoutRegionSeesAndChangesNothing() throws Exception {
        Household household = register(APUAN, uniqueName());
        String admin = token(TestKeycloak.baseUrl() + "/realms/master", Map.of("grant_type", "password",
                "client_id", "admin-cli", "username", TestKeycloak.ADMIN, "password", TestKeycloak.ADMIN));
        String username = "desa-" + UUID.randomUUID();
        String userLocation = createVillageOperatorWithoutRegion(admin, username);
        try {
            String token = token(TestKeycloak.issuer(), Map.of("grant_type", "password", "client_id", "terpadu-cli",
                    "username", username, "password", PASSWORD));

            Answer list = askWithToken(token, "{ households(first: 5) { totalCount edges { node { kk } } } }");
            assertThat(list.errors()).as(list.body()).isEmpty();
            assertThat((Integer) list.data("households.totalCount")).isZero();
            Answer lookup = askWithToken(token, "query($kk: String!) { household(kk: $kk) { kk } }", "kk", household.kk());
            assertThat((Object) lookup.data("household")).isNull();

            Answer move = askWithToken(token, """
                    mutation($kk: String!) {
                      updateHouseholdAddress(input: {kk: $kk, expectedVersion: 1, villageCode: "51.06.01.2001", address: "Elsewhere 1"}) { kk }
                    }""", "kk", household.kk());
            assertThat(move.errors()).as(move.body()).singleElement()
                    .satisfies(error -> assertThat(error.toString()).contains("NOT_FOUND"));
            assertThat(dsl.fetchValue(HOUSEHOLD.ADDRESS, HOUSEHOLD.KK.eq(household.kk()))).isEqualTo(household.address());
        } finally {
            HTTP.send(HttpRequest.newBuilder(URI.create(userLocation)).header("Authorization", "Bearer " + admin)
                    .DELETE().build(), HttpResponse.BodyHandlers.discarding());
        }
    }

    /** Creates a user with the realm role desa and no region attribute; answers its admin URL. */
    private static String createVillageOperatorWithoutRegion(String admin, String username) throws Exception {
        String users = TestKeycloak.baseUrl() + "/admin/realms/terpadu/users";
        Map<String, Object> user = Map.of("username", username, "enabled", true, "emailVerified", true,
                "firstName", "Operator", "lastName", "Tanpa Wilayah", "email", username + "@terpadu.example",
                "credentials", List.of(Map.of("type", "password", "value", PASSWORD, "temporary", false)));
        HttpResponse<String> created = send(HttpRequest.newBuilder(URI.create(users)), admin,
                HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(user)));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String location = created.headers().firstValue("Location").orElseThrow();
        JsonNode role = JSON.readTree(HTTP.send(HttpRequest.newBuilder(
                        URI.create(TestKeycloak.baseUrl() + "/admin/realms/terpadu/roles/desa"))
                .header("Authorization", "Bearer " + admin).build(), HttpResponse.BodyHandlers.ofString()).body());
        HttpResponse<String> granted = send(HttpRequest.newBuilder(URI.create(location + "/role-mappings/realm")), admin,
                HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(List.of(role))));
        assertThat(granted.statusCode()).as(granted.body()).isEqualTo(204);
        return location;
    }

    private static HttpResponse<String> send(HttpRequest.Builder request, String admin, HttpRequest.BodyPublisher body)
            throws Exception {
        return HTTP.send(request.header("Authorization", "Bearer " + admin).header("Content-Type", "application/json")
                .POST(body).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String token(String realmUrl, Map<String, String> form) throws Exception {
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(realmUrl + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode answer = JSON.readTree(response.body());
        assertThat(answer.path("access_token").asText()).isNotBlank();
        return answer.get("access_token").asText();
    }
}
