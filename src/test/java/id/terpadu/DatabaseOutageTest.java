package id.terpadu;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.jayway.jsonpath.JsonPath;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;

import static id.terpadu.db.Tables.HOUSEHOLD;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * While the database is down, the hub says so at once: a write (and a read) answers 503 with an
 * {@code UNAVAILABLE} error within seconds instead of hanging for the pool's default 30 s, and
 * readiness turns down as fast; when the database is back, both recover by themselves. The hub
 * runs on an embedded PostgreSQL of this test's own, which the test stops and starts again.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DatabaseOutageTest {

    private static final OwnPostgres POSTGRES = new OwnPostgres();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Well below the pool's default wait of 30 s: the configured 3 s, and room for a busy machine. */
    private static final Duration FAST = Duration.ofSeconds(10);

    @LocalServerPort
    private int port;

    @LocalManagementPort
    private int managementPort;

    @Autowired
    private DSLContext dsl;

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", POSTGRES::jdbcUrl);
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.datasource.password", () -> "postgres");
        registry.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", TestKeycloak::issuer);
    }

    @AfterAll
    void removeDatabase() {
        POSTGRES.remove();
    }

    @Test
    void duringADatabaseOutageWritesAnswer503AtOnceAndReadinessTurnsUntilTheDatabaseIsBack() throws Exception {
        Family family = Family.of(TestIdentities.VILLAGE, "Padam");
        assertThat(register(family).status()).isEqualTo(200);
        assertThat(ready()).isEqualTo(200);

        POSTGRES.stop();
        Family during = Family.of(TestIdentities.VILLAGE, "Gelap");
        long started = System.nanoTime();
        Answer write = register(during);
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertThat(write.status()).as(write.body()).isEqualTo(503);
        assertThat(took).as("the write's answer came fast").isLessThan(FAST);
        assertThat(JsonPath.<String>read(write.body(), "$.errors[0].extensions.classification")).isEqualTo("UNAVAILABLE");
        assertThat(JsonPath.<String>read(write.body(), "$.errors[0].message")).contains("database").contains("try again")
                .doesNotContain("SQL", "Exception", "Connection is not available");
        Answer read = ask("{ household(kk: \"" + family.kk() + "\") { kk } }");
        assertThat(read.status()).as(read.body()).isEqualTo(503);

        started = System.nanoTime();
        int readiness = ready();
        assertThat(readiness).isEqualTo(503);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("readiness answers fast").isLessThan(FAST);

        POSTGRES.start();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (ready() != 200) {
            assertThat(Instant.now()).as("ready again once the database is back").isBefore(deadline);
            Thread.sleep(500);
        }
        Answer again = register(during);
        assertThat(again.status()).as(again.body()).isEqualTo(200);
        assertThat(again.body()).doesNotContain("errors");
        assertThat(dsl.fetchCount(HOUSEHOLD, HOUSEHOLD.KK.eq(during.kk()))).as("saved once the database is back").isEqualTo(1);
    }

    private record Answer(int status, String body) {
    }

    private Answer register(Family family) throws Exception {
        String document = "mutation($input: RegisterHouseholdInput!) { registerHousehold(input: $input) { kk } }";
        return post(Map.of("query", document, "variables", Map.of("input", family.input())));
    }

    private Answer ask(String document) throws Exception {
        return post(Map.of("query", document));
    }

    private Answer post(Map<String, Object> request) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/graphql"))
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + Tokens.of("uptpk"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(request)))
                .build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.body());
    }

    private int ready() throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + managementPort + "/actuator/health/readiness"))
                .timeout(Duration.ofSeconds(60)).GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** An embedded PostgreSQL on a port and in a folder of its own, which keeps its data when stopped and started again. */
    private static final class OwnPostgres {

        private final Path data;
        private final int port;
        private EmbeddedPostgres server;

        OwnPostgres() {
            try {
                data = Files.createTempDirectory("terpadu-outage");
                try (ServerSocket socket = new ServerSocket(0)) {
                    port = socket.getLocalPort();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            start();
        }

        String jdbcUrl() {
            return server.getJdbcUrl("postgres", "postgres");
        }

        synchronized void start() {
            try {
                server = EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(false).setPort(port).start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        synchronized void stop() {
            try {
                server.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        synchronized void remove() {
            stop();
            try (var files = Files.walk(data)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
