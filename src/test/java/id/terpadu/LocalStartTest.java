package id.terpadu;

import id.terpadu.local.LocalServices;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertyResolver;
import org.springframework.core.env.PropertySourcesPropertyResolver;
import org.springframework.core.env.SimpleCommandLinePropertySource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;

import static id.terpadu.db.Tables.HOUSEHOLD;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's first command as a developer runs it on a machine with only a JDK: the hub started
 * from the source tree on an embedded PostgreSQL in a folder, filled with the demo data, ready (and
 * saying so in plain words) only once the data has loaded, and finding its data again after a
 * restart. Keycloak is the tests' own, given as the issuer, as a deployment would.
 */
@ExtendWith(OutputCaptureExtension.class)
class LocalStartTest {

    @TempDir
    Path data;

    @Test
    void theLocalStartRunsOnAnEmbeddedDatabaseThatKeepsItsDataAcrossARestart(CapturedOutput output) throws Exception {
        String[] args = {
                "--spring.profiles.active=demo", "--terpadu.demo.households=40",
                "--server.port=0", "--management.server.port=0",
                "--terpadu.local.data-directory=" + data,
                "--terpadu.audit.head-directory=" + data.resolve("audit"),
                "--spring.security.oauth2.resourceserver.jwt.issuer-uri=" + TestKeycloak.issuer()};

        int households;
        try (LocalServices services = LocalServices.startMissing(args, onlyThese(args));
             ConfigurableApplicationContext hub = TestTerpaduApplication.run(services)) {
            assertThat(hub.getEnvironment().getProperty("spring.datasource.url")).startsWith("jdbc:postgresql://localhost:");
            assertThat(readiness(hub)).isEqualTo(200);
            households = hub.getBean(DSLContext.class).fetchCount(HOUSEHOLD);
            assertThat(households).isGreaterThanOrEqualTo(40);
            assertThat(output.getOut()).contains("Terpadu is ready at http://localhost:" + port(hub) + "/graphql");
        }

        try (LocalServices services = LocalServices.startMissing(args, onlyThese(args));
             ConfigurableApplicationContext hub = TestTerpaduApplication.run(services)) {
            assertThat(readiness(hub)).isEqualTo(200);
            assertThat(hub.getBean(DSLContext.class).fetchCount(HOUSEHOLD)).isEqualTo(households);
            assertThat(output.getAll()).contains("Demo data not loaded: the hub already has households");
        }
    }

    /** The arguments alone, whatever this machine's environment configures. */
    private static PropertyResolver onlyThese(String[] args) {
        MutablePropertySources sources = new MutablePropertySources();
        sources.addFirst(new SimpleCommandLinePropertySource(args));
        return new PropertySourcesPropertyResolver(sources);
    }

    private static int readiness(ConfigurableApplicationContext hub) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port(hub) + "/readyz")).build();
        try (HttpClient http = HttpClient.newHttpClient()) {
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        }
    }

    private static String port(ConfigurableApplicationContext hub) {
        return hub.getEnvironment().getRequiredProperty("local.server.port");
    }
}
