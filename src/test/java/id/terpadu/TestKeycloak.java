package id.terpadu;

import id.terpadu.local.LocalKeycloak;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.MountableFile;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The real Keycloak the tests get their tokens from, importing the realm in {@code keycloak/}:
 * the one at {@code TERPADU_TEST_KEYCLOAK_URL} when given, a Testcontainers Keycloak where Docker
 * runs, and otherwise the server distribution the build unpacks, started once for the whole run.
 */
public final class TestKeycloak {

    /** User name and password of the server's administrator in the master realm. */
    public static final String ADMIN = "kcadmin";

    private static final String REALM_FILE = "keycloak/terpadu-realm.json";
    private static String baseUrl;
    private static Duration startTime = Duration.ZERO;

    private TestKeycloak() {
    }

    /** The issuer of the realm's tokens. */
    public static synchronized String issuer() {
        return baseUrl() + "/realms/" + LocalKeycloak.REALM;
    }

    public static synchronized String baseUrl() {
        if (baseUrl == null) {
            baseUrl = start();
        }
        return baseUrl;
    }

    /** How long starting Keycloak took in this run (zero when an external one was used). */
    public static Duration startTime() {
        return startTime;
    }

    private static String start() {
        String external = System.getenv("TERPADU_TEST_KEYCLOAK_URL");
        if (external != null && !external.isBlank()) {
            return external.replaceAll("/+$", "");
        }
        long started = System.nanoTime();
        String url;
        if (dockerAvailable()) {
            GenericContainer<?> container = new GenericContainer<>("quay.io/keycloak/keycloak:" + LocalKeycloak.version())
                    .withCopyFileToContainer(MountableFile.forHostPath(REALM_FILE), "/opt/keycloak/data/import/terpadu-realm.json")
                    .withCommand("start-dev", "--import-realm")
                    // the same administrator as the local server, for tests that configure the realm
                    .withEnv("KC_BOOTSTRAP_ADMIN_USERNAME", ADMIN)
                    .withEnv("KC_BOOTSTRAP_ADMIN_PASSWORD", ADMIN)
                    .withExposedPorts(8080)
                    .waitingFor(Wait.forHttp("/realms/" + LocalKeycloak.REALM).withStartupTimeout(Duration.ofMinutes(4)));
            container.start();
            url = "http://" + container.getHost() + ":" + container.getMappedPort(8080);
        } else {
            Path home = LocalKeycloak.distribution();
            url = LocalKeycloak.start(home, Path.of(REALM_FILE), 0).baseUrl();
        }
        startTime = Duration.ofNanos(System.nanoTime() - started);
        System.out.println("Keycloak for the tests started in " + startTime.toSeconds() + " s at " + url);
        return url;
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException e) {
            return false;
        }
    }
}
