package id.terpadu;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import id.terpadu.demo.DemoDataGenerator;
import id.terpadu.demo.DemoDataProperties;
import id.terpadu.local.LocalKeycloak;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The web app and GraphiQL in a real browser: Debian's Chromium, driven by playwright-core
 * ({@code src/main/frontend/e2e/run.mjs}), against this hub with the Bangli demo data (at a tenth
 * of its scale) and real Keycloak sign-ins of the demo users through the public browser client.
 * The script checks each role's main task, an accessibility scan of each screen and that the
 * browser asks no host but the hub and Keycloak. The hub runs on a database of its own, since the
 * demo data goes only into a regency without households.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Tag("browser")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DirtiesContext
class WebAppBrowserTest {

    private static final String CLIENT = "terpadu-graphiql";
    private static final Path FRONTEND = Path.of("src/main/frontend");
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    private int port;

    @Autowired
    private DSLContext dsl;

    private String clientUrl;
    private JsonNode originalClient;

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        TestDatabase.configureEmpty(registry, "webapp");
        registry.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", TestKeycloak::issuer);
    }

    @BeforeAll
    void loadDemoDataAndAllowThisHubsAddress() throws Exception {
        DemoDataGenerator.generate(dsl, DemoDataProperties.BANGLI_2017.withHouseholds(900));
        // the realm lets the browser client return to http://localhost:8080 only; this hub runs on a random port
        JsonNode clients = send(HttpRequest.newBuilder(URI.create(adminUrl("/clients?clientId=" + CLIENT))).GET());
        clientUrl = adminUrl("/clients/" + clients.get(0).get("id").asText());
        originalClient = send(HttpRequest.newBuilder(URI.create(clientUrl)).GET());
        ObjectNode client = originalClient.deepCopy();
        String origin = "http://localhost:" + port;
        ((ArrayNode) client.withArray("redirectUris")).add(origin + "/*");
        ObjectNode attributes = client.withObject("attributes");
        attributes.put("post.logout.redirect.uris", attributes.path("post.logout.redirect.uris").asText() + "##" + origin + "/*");
        send(HttpRequest.newBuilder(URI.create(clientUrl)).PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(client))));
    }

    @AfterAll
    void restoreClient() throws Exception {
        if (originalClient != null) {
            send(HttpRequest.newBuilder(URI.create(clientUrl)).PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(originalClient))));
        }
    }

    @Test
    void eachRolesMainTaskPassesInChromiumWithoutOtherHostsAndAccessibly() throws Exception {
        assertThat(CHROMIUM).as("Debian's Chromium (apt-get install chromium); .ci/run installs it").isExecutable();
        assertThat(FRONTEND.resolve("node_modules/playwright-core")).as("the build installs the app's npm packages").isDirectory();
        Path log = Files.createTempFile("webapp-e2e", ".log");
        ProcessBuilder script = new ProcessBuilder("node", "e2e/run.mjs")
                .directory(FRONTEND.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        script.environment().put("HUB_URL", "http://localhost:" + port);
        script.environment().remove("ONLY");
        String screenshots = System.getenv("TERPADU_E2E_SCREENSHOTS");
        if (screenshots != null && !screenshots.isBlank()) {
            script.environment().put("SCREENSHOTS", Path.of(screenshots).toAbsolutePath().toString());
        }
        Process process = script.start();
        boolean finished = process.waitFor(6, TimeUnit.MINUTES);
        if (!finished) {
            process.destroyForcibly();
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        System.out.println(output);
        assertThat(finished).as("the browser tests finished within 6 minutes:\n" + output).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        // every scenario the script holds ran and passed (ONLY, which runs some of them, is never set here)
        long scenarios = Files.readString(FRONTEND.resolve("e2e/run.mjs"), StandardCharsets.UTF_8).lines()
                .filter(line -> line.startsWith("await scenario('")).count();
        assertThat(output).contains(scenarios + " passed, 0 failed");
    }

    private static String adminUrl(String path) {
        return TestKeycloak.baseUrl() + "/admin/realms/" + LocalKeycloak.REALM + path;
    }

    private static JsonNode send(HttpRequest.Builder request) throws IOException, InterruptedException {
        String admin = Tokens.post(TestKeycloak.baseUrl() + "/realms/master/protocol/openid-connect/token", Map.of(
                "grant_type", "password", "client_id", "admin-cli",
                "username", TestKeycloak.ADMIN, "password", TestKeycloak.ADMIN)).get("access_token").asText();
        HttpResponse<String> response = HTTP.send(request.header("Authorization", "Bearer " + admin)
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isBetween(200, 204);
        return response.body().isBlank() ? JSON.nullNode() : JSON.readTree(response.body());
    }
}
