package id.terpadu.keycloak;

import id.terpadu.keycloak.KeycloakAdmin.Answer;
import id.terpadu.local.LocalKeycloak;
import id.terpadu.keycloak.VillageOperatorImport.Outcome;
import id.terpadu.keycloak.VillageOperatorImport.RowResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keycloak for daily operations, against one Keycloak of this test's own on a file store, as the
 * local start runs it: the demo {@code admin} adds a staff member through the admin API, whose
 * groups give the role and the region claim; a restart keeps that user, and a role and a client
 * added to the realm file reach the existing realm; an agency's administrator manages its own
 * staff only; the village operators' bulk import creates Bangli's 72 operators and a rerun changes
 * nothing; a leaver is shut out; with the production setting on, the roles that read whole
 * identities need a one-time password. The steps build on each other, so they run in order.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KeycloakOperationsTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Path REGIONS = Path.of("db/data/regions-kepmendagri-2025.csv");
    private static final String APUAN = "/Kabupaten Bangli/Kecamatan Susut/Desa Apuan";
    private static final String CLERK = "staf-dinsos-baru";
    private static final String CLERK_PASSWORD = "Kantor-Sosial-2026";

    @TempDir
    static Path directory;
    private Path realmFile;
    private Path store;
    private final int port = freePort();
    private LocalKeycloak keycloak;
    private KeycloakAdmin admin;

    @BeforeAll
    void startKeycloak() throws IOException {
        realmFile = directory.resolve("terpadu-realm.json");
        Files.copy(Path.of("keycloak/terpadu-realm.json"), realmFile);
        Files.copy(Path.of("keycloak/terpadu-realm-settings.json"), directory.resolve("terpadu-realm-settings.json"));
        store = directory.resolve("store");
        keycloak = start();
        // the hub's own administrator, by the password grant of the realm's admin-cli client
        admin = new KeycloakAdmin(keycloak.baseUrl(), "terpadu", "admin", "admin");
    }

    @AfterAll
    void stopKeycloak() {
        if (keycloak != null) {
            keycloak.close();
        }
    }

    @Test
    @Order(1)
    void theAdminAddsAStaffMemberWhoseGroupsGiveTheRoleAndTheRegion() {
        Answer created = admin.post("/terpadu/users", Map.of("username", CLERK, "enabled", true, "firstName", "Made",
                "lastName", "Sudarsana", "groups", List.of("/Dinas Sosial", APUAN),
                "credentials", List.of(Map.of("type", "password", "value", CLERK_PASSWORD, "temporary", false))));
        assertThat(created.status()).as(created.body()).isEqualTo(201);

        JsonNode claims = claims(token(CLERK, CLERK_PASSWORD, "terpadu-cli").get("access_token").asString());
        assertThat(roles(claims)).contains("dinsos").doesNotContain("uptpk", "dinkes", "desa", "admin");
        assertThat(claims.path("region").asString()).isEqualTo("51.06.01.2001");
        assertThat(claims.path("aud").toString()).contains("terpadu-hub");

        Answer weak = admin.post("/terpadu/users", Map.of("username", "lemah-sandi", "enabled", true, "firstName", "Lemah",
                "credentials", List.of(Map.of("type", "password", "value", "lemah-sandi", "temporary", false))));
        assertThat(weak.status()).as("password equal to the username").isEqualTo(400);
        Answer badRegion = admin.post("/terpadu/users", Map.of("username", "salah-wilayah", "enabled", true, "firstName", "Salah",
                "attributes", Map.of("region", List.of("5106.01"))));
        assertThat(badRegion.status()).as("region not in the official codes' format").isEqualTo(400);
        assertThat(badRegion.body()).contains("region");
    }

    @Test
    @Order(2)
    void aRestartKeepsTheUserAndAnUpdatedRealmFileReachesTheRealm() throws IOException {
        ObjectNode realm = (ObjectNode) KeycloakAdmin.JSON.readTree(Files.readString(realmFile));
        ((ArrayNode) realm.get("roles").get("realm")).addObject().put("name", "pmd").put("description", "Village community office");
        ((ArrayNode) realm.get("clients")).addObject().put("clientId", "terpadu-pmd").put("publicClient", true)
                .put("directAccessGrantsEnabled", true).put("standardFlowEnabled", false);
        Files.writeString(realmFile, KeycloakAdmin.JSON.writeValueAsString(realm));

        keycloak.close();
        long started = System.nanoTime();
        keycloak = start();
        System.out.println("Keycloak restarted on its file store in " + Duration.ofNanos(System.nanoTime() - started).toMillis() + " ms");

        assertThat(token(CLERK, CLERK_PASSWORD, "terpadu-cli").path("access_token").asString()).isNotBlank();
        assertThat(token("dinsos", "dinsos", "terpadu-cli").path("access_token").asString()).isNotBlank();
        assertThat(admin.get("/terpadu/roles/pmd").status()).isEqualTo(200);
        assertThat(admin.get("/terpadu/clients?clientId=terpadu-pmd").json()).hasSize(1);
        assertThat(token("dinsos", "dinsos", "terpadu-pmd").path("access_token").asString()).isNotBlank();
        assertThat(admin.get("/terpadu/users/count").body()).isEqualTo(String.valueOf(countUsers()));
    }

    @Test
    @Order(3)
    void anAgencyAdministratorManagesItsOwnStaffOnly() {
        assertThat(admin.post("/terpadu/users", Map.of("username", "admin-dinsos", "enabled", true, "firstName", "Ketut",
                "groups", List.of("/Admin Dinas Sosial", "/Dinas Sosial", "/Kabupaten Bangli"),
                "credentials", List.of(Map.of("type", "password", "value", "Pengelola-Sosial-1", "temporary", false)))).status())
                .isEqualTo(201);
        KeycloakAdmin agencyAdmin = new KeycloakAdmin(keycloak.baseUrl(), "terpadu", "admin-dinsos", "Pengelola-Sosial-1");

        Answer created = agencyAdmin.post("/terpadu/users", Map.of("username", "juru-sosial", "enabled", true, "firstName", "Wayan",
                "groups", List.of("/Dinas Sosial")));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String clerk = created.location().substring(created.location().lastIndexOf('/') + 1);
        assertThat(agencyAdmin.put("/terpadu/users/" + clerk + "/reset-password",
                Map.of("type", "password", "value", "Juru-Sosial-2026", "temporary", false)).status()).isEqualTo(204);
        assertThat(agencyAdmin.put("/terpadu/users/" + clerk + "/groups/" + groupId(APUAN), "").status()).isEqualTo(204);
        JsonNode claims = claims(token("juru-sosial", "Juru-Sosial-2026", "terpadu-cli").get("access_token").asString());
        assertThat(roles(claims)).contains("dinsos");
        assertThat(claims.path("region").asString()).isEqualTo("51.06.01.2001");
        assertThat(agencyAdmin.get("/terpadu/users?briefRepresentation=true&max=1000").json())
                .extracting(user -> user.get("username").asString())
                .contains("juru-sosial", "dinsos", CLERK).doesNotContain("dinkes", "uptpk", "admin");

        String dinkes = userId("dinkes");
        assertThat(agencyAdmin.get("/terpadu/users/" + dinkes).status()).as("another agency's user").isEqualTo(403);
        assertThat(agencyAdmin.put("/terpadu/users/" + dinkes + "/reset-password",
                Map.of("type", "password", "value", "Diambil-Alih-2026", "temporary", false)).status()).isEqualTo(403);
        assertThat(agencyAdmin.put("/terpadu/users/" + dinkes, Map.of("enabled", false)).status()).isEqualTo(403);
        assertThat(agencyAdmin.post("/terpadu/users", Map.of("username", "juru-kesehatan", "enabled", true, "firstName", "Nyoman",
                "groups", List.of("/Dinas Kesehatan"))).status()).as("a user in another agency").isEqualTo(403);
        assertThat(agencyAdmin.post("/terpadu/users", Map.of("username", "tanpa-kelompok", "enabled", true, "firstName", "Komang"))
                .status()).as("a user in no group of its agency").isEqualTo(403);
        assertThat(agencyAdmin.put("/terpadu/users/" + clerk + "/groups/" + groupId("/Dinas Kesehatan"), "").status())
                .as("another agency's role through its group").isEqualTo(403);
        assertThat(agencyAdmin.post("/terpadu/users/" + clerk + "/role-mappings/realm", List.of(role("uptpk"))).status())
                .as("a role outside the agency").isEqualTo(403);
        String self = userId("admin-dinsos");
        assertThat(agencyAdmin.put("/terpadu/users/" + self + "/groups/" + groupId("/Administrator hub"), "").status()).isEqualTo(403);
        assertThat(agencyAdmin.put("/terpadu/users/" + self + "/groups/" + groupId("/Admin Dinas Kesehatan"), "").status()).isEqualTo(403);
        assertThat(agencyAdmin.post("/terpadu/users/" + self + "/role-mappings/realm", List.of(role("dinkes"))).status()).isEqualTo(403);
        assertThat(agencyAdmin.put("/terpadu/groups/" + groupId("/Dinas Sosial"), Map.of("name", "Dinas Sosial",
                "realmRoles", List.of("uptpk"))).status()).as("changing its agency's group").isEqualTo(403);
        assertThat(roles(claims(token("juru-sosial", "Juru-Sosial-2026", "terpadu-cli").get("access_token").asString())))
                .contains("dinsos").doesNotContain("dinkes", "uptpk");

        assertThat(agencyAdmin.put("/terpadu/users/" + clerk, Map.of("enabled", false)).status()).as("disabling its own clerk").isEqualTo(204);

        // who gave this clerk that group, and when: the admin events keep it
        JsonNode events = admin.get("/terpadu/admin-events?resourceTypes=GROUP_MEMBERSHIP&max=100").json();
        assertThat(StreamSupport.stream(events.spliterator(), false)
                .filter(event -> event.path("resourcePath").asString().equals("users/" + clerk + "/groups/" + groupId(APUAN)))
                .map(event -> event.path("authDetails").path("userId").asString()))
                .containsExactly(self);
    }

    @Test
    @Order(4)
    void theBulkImportCreatesTheOperatorsOfAllVillagesAndARerunChangesNothing() throws IOException {
        Path csv = directory.resolve("operators.csv");
        List<String> rows = new ArrayList<>(List.of("name,username,village"));
        try (Stream<String> lines = Files.lines(REGIONS)) {
            lines.map(line -> line.split(",", 2))
                    .filter(fields -> fields[0].matches("51\\.06\\.[0-9]{2}\\.[0-9]{4}"))
                    .forEach(fields -> rows.add("\"Operator " + fields[1].strip() + "\",op-" + fields[0].replace(".", "") + "," + fields[0]));
        }
        Files.write(csv, rows);
        VillageOperatorImport operators = new VillageOperatorImport(admin, "terpadu");

        List<RowResult> first = operators.run(csv);
        assertThat(first).hasSize(72).allSatisfy(row -> assertThat(row.outcome()).as(row.toString()).isEqualTo(Outcome.CREATED));
        List<RowResult> again = operators.run(csv);
        assertThat(again).hasSize(72).allSatisfy(row -> assertThat(row.outcome()).as(row.toString()).isEqualTo(Outcome.UNCHANGED));

        String langgahan = userId("op-5106042005");
        assertThat(admin.get("/terpadu/users/" + langgahan + "/groups").json())
                .extracting(group -> group.get("path").asString())
                .containsExactlyInAnyOrder("/Operator desa", "/Kabupaten Bangli/Kecamatan Kintamani/Desa Langgahan");
        assertThat(admin.get("/terpadu/users/" + langgahan).json().path("requiredActions").toString()).contains("UPDATE_PASSWORD");

        Path wrong = directory.resolve("wrong.csv");
        Files.write(wrong, List.of("name,username,village", "Operator Salah,op-salah,51.06.01", "Operator Jauh,op-jauh,51.07.01.2001",
                ",op-tanpa-nama,51.06.01.2001", "Operator Pindah,op-5106042005,51.06.01.2001"));
        List<RowResult> checked = operators.run(wrong);
        assertThat(checked).extracting(RowResult::outcome)
                .containsExactly(Outcome.INVALID, Outcome.INVALID, Outcome.INVALID, Outcome.UPDATED);
        assertThat(checked.get(0).detail()).startsWith("village:");
        assertThat(checked.get(1).detail()).contains("no group");
        assertThat(checked.get(3).detail()).contains("joined " + APUAN).contains("left /Kabupaten Bangli/Kecamatan Kintamani/Desa Langgahan");
        assertThat(admin.get("/terpadu/users?exact=true&username=op-salah").json()).isEmpty();
    }

    @Test
    @Order(5)
    void aLeaverIsShutOutWithinTheAccessTokenLifetime() {
        JsonNode tokens = token(CLERK, CLERK_PASSWORD, "terpadu-cli");
        String user = userId(CLERK);
        assertThat(admin.put("/terpadu/users/" + user, Map.of("enabled", false)).status()).isEqualTo(204);

        assertThat(post(keycloak.issuer() + "/protocol/openid-connect/token", Map.of("grant_type", "refresh_token",
                "client_id", "terpadu-cli", "refresh_token", tokens.get("refresh_token").asString())).statusCode()).isEqualTo(400);
        assertThat(post(keycloak.issuer() + "/protocol/openid-connect/token", Map.of("grant_type", "password",
                "client_id", "terpadu-cli", "username", CLERK, "password", CLERK_PASSWORD)).statusCode()).isIn(400, 401);
        // the access token already issued lives at most the realm's lifetime; no client may stretch it
        JsonNode claims = claims(tokens.get("access_token").asString());
        assertThat(claims.get("exp").asLong() - claims.get("iat").asLong()).isLessThanOrEqualTo(300);
        assertThat(admin.get("/terpadu").json().get("accessTokenLifespan").asInt()).isLessThanOrEqualTo(300);
        for (JsonNode client : admin.get("/terpadu/clients").json()) {
            String lifespan = client.path("attributes").path("access.token.lifespan").asString("");
            if (!lifespan.isBlank()) {
                assertThat(Integer.parseInt(lifespan)).as(client.get("clientId").asString()).isLessThanOrEqualTo(300);
            }
        }
        // the leaver's sign-ins, and the refused one after leaving, are kept as login events
        assertThat(admin.get("/terpadu/events?user=" + user + "&max=50").json())
                .extracting(event -> event.path("type").asString()).contains("LOGIN", "LOGIN_ERROR");
    }

    @Test
    @Order(6)
    void withTheProductionSettingRolesThatReadWholeIdentitiesNeedAOneTimePassword() {
        RealmSync sync = new RealmSync(admin);
        sync.requireOneTimePasswords("terpadu", true);
        try {
            assertThat(post(keycloak.issuer() + "/protocol/openid-connect/token", Map.of("grant_type", "password",
                    "client_id", "terpadu-cli", "username", "uptpk", "password", "uptpk")).statusCode()).isEqualTo(401);
            assertThat(post(keycloak.issuer() + "/protocol/openid-connect/token", Map.of("grant_type", "password",
                    "client_id", "terpadu-cli", "username", "desa-b", "password", "desa-b")).statusCode()).isEqualTo(401);
            assertThat(token("dinsos", "dinsos", "terpadu-cli").path("access_token").asString()).isNotBlank();
            assertThat(token("bappeda", "bappeda", "terpadu-cli").path("access_token").asString()).isNotBlank();
        } finally {
            sync.requireOneTimePasswords("terpadu", false);
        }
        assertThat(token("uptpk", "uptpk", "terpadu-cli").path("access_token").asString()).isNotBlank();
    }

    private LocalKeycloak start() {
        return LocalKeycloak.start(LocalKeycloak.distribution(), realmFile, store, port);
    }

    private long countUsers() {
        return StreamSupport.stream(admin.get("/terpadu/users?max=10000&briefRepresentation=true").json().spliterator(), false).count();
    }

    private String userId(String username) {
        JsonNode users = admin.get("/terpadu/users?exact=true&username=" + username).json();
        assertThat(users).as(username).hasSize(1);
        return users.get(0).get("id").asString();
    }

    private String groupId(String path) {
        return KeycloakAdmin.expectOk(admin.get("/terpadu/group-by-path" + path), path).json().get("id").asString();
    }

    private JsonNode role(String name) {
        return admin.get("/terpadu/roles/" + name).json();
    }

    private JsonNode token(String username, String password, String clientId) {
        HttpResponse<String> response = post(keycloak.issuer() + "/protocol/openid-connect/token", Map.of("grant_type", "password",
                "client_id", clientId, "username", username, "password", password));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return KeycloakAdmin.JSON.readTree(response.body());
    }

    private static List<String> roles(JsonNode claims) {
        return StreamSupport.stream(claims.path("realm_access").path("roles").spliterator(), false).map(JsonNode::asString).toList();
    }

    private static JsonNode claims(String token) {
        return KeycloakAdmin.JSON.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[1]));
    }

    private static HttpResponse<String> post(String url, Map<String, String> form) {
        String body = form.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
