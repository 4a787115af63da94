package id.terpadu;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code docker-compose.yml} is a deployment a regency could run (Docker itself is not needed to
 * check it): every service restarts on its own and the long-running ones have a health check, the
 * databases live in named volumes, Keycloak runs in production mode on a PostgreSQL of its own,
 * every secret comes from {@code .env} with no default that works, and {@code .env.example}
 * documents every setting without a value for a secret.
 */
@Fast
class ComposeFileTest {

    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Z0-9_]+)(:?[-?])?([^}]*)}");
    private static final Pattern SECRET = Pattern.compile(".*(PASSWORD|SECRET|_KEY)$");

    @SuppressWarnings("unchecked")
    private static Map<String, Object> compose() throws IOException {
        return new Yaml().load(Files.readString(Path.of("docker-compose.yml")));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> services() throws IOException {
        return (Map<String, Map<String, Object>>) compose().get("services");
    }

    @Test
    void everyServiceRestartsAndTheLongRunningOnesHaveAHealthCheck() throws IOException {
        services().forEach((name, service) -> {
            assertThat(service.get("restart")).as("restart policy of %s", name).isIn("unless-stopped", "always", "on-failure");
            if (!"on-failure".equals(service.get("restart"))) {
                assertThat(service).as("health check of %s", name).containsKey("healthcheck");
                assertThat(((Map<?, ?>) service.get("healthcheck")).get("test")).as("health check of %s", name).isNotNull();
            }
        });
        assertThat(services()).containsKeys("postgres", "keycloak-db", "keycloak", "keycloak-setup", "hub");
    }

    @Test
    @SuppressWarnings("unchecked")
    void theDatabasesAndKeycloakKeepTheirDataInNamedVolumes() throws IOException {
        Set<String> named = ((Map<String, Object>) compose().get("volumes")).keySet();
        for (String service : List.of("postgres", "keycloak-db", "keycloak", "hub")) {
            List<String> volumes = (List<String>) services().get(service).get("volumes");
            assertThat(volumes).as("volumes of %s", service)
                    .anySatisfy(volume -> assertThat(named).contains(volume.substring(0, volume.indexOf(':'))));
        }
        assertThat((List<String>) services().get("postgres").get("volumes")).contains("postgres-data:/var/lib/postgresql/data");
        assertThat((List<String>) services().get("keycloak-db").get("volumes")).contains("keycloak-db-data:/var/lib/postgresql/data");
    }

    @Test
    @SuppressWarnings("unchecked")
    void keycloakRunsInProductionModeOnItsOwnPostgresqlWithOnePublicAddress() throws IOException {
        Map<String, Object> keycloak = services().get("keycloak");
        assertThat((List<String>) keycloak.get("command")).containsExactly("start");
        Map<String, String> environment = (Map<String, String>) keycloak.get("environment");
        assertThat(environment.get("KC_DB")).isEqualTo("postgres");
        assertThat(environment.get("KC_DB_URL")).contains("//keycloak-db:");
        assertThat(environment.get("KC_HOSTNAME")).startsWith("${KEYCLOAK_PUBLIC_URL:?");
        Map<String, String> hub = (Map<String, String>) services().get("hub").get("environment");
        assertThat(hub.get("SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_ISSUER_URI")).startsWith("${KEYCLOAK_PUBLIC_URL:?").endsWith("/realms/terpadu");
        assertThat(hub.get("SPRING_PROFILES_ACTIVE")).as("the demo data is an opt-in").isEqualTo("${TERPADU_PROFILES:-}");
        assertThat(String.join(" ", (List<String>) services().get("keycloak-setup").get("command")))
                .as("the demo users are an opt-in").contains("--without-demo-users");
    }

    @Test
    void noSecretHasADefaultAndEveryOneIsDocumentedWithoutAValue() throws IOException {
        String text = Files.readString(Path.of("docker-compose.yml"));
        String example = Files.readString(Path.of(".env.example"));
        List<String> secrets = new ArrayList<>();
        Matcher variable = VARIABLE.matcher(text);
        while (variable.find()) {
            String name = variable.group(1);
            assertThat(example).as("%s documented in .env.example", name).containsPattern("(?m)^" + name + "=");
            if (SECRET.matcher(name).matches()) {
                assertThat(variable.group(2)).as("%s must be required (${%s:?...}), with no default", name, name).isEqualTo(":?");
                assertThat(example).as("%s has no value in .env.example", name).containsPattern("(?m)^" + name + "=$");
                secrets.add(name);
            }
        }
        assertThat(secrets).contains("POSTGRES_PASSWORD", "KEYCLOAK_DB_PASSWORD", "KEYCLOAK_ADMIN_PASSWORD", "TERPADU_AUDIT_SEAL_KEY");
        services().forEach((name, service) -> {
            @SuppressWarnings("unchecked")
            Map<String, Object> environment = (Map<String, Object>) service.getOrDefault("environment", Map.of());
            environment.forEach((key, value) -> {
                if (SECRET.matcher(key).matches()) {
                    assertThat(String.valueOf(value)).as("%s of %s comes from .env", key, name).startsWith("${").contains(":?");
                }
            });
        });
        assertThat(text).doesNotContain("kcadmin").doesNotContain("start-dev");
    }
}
