package id.terpadu.local;

import id.terpadu.keycloak.KeycloakAdmin;
import id.terpadu.keycloak.RealmSync;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * A Keycloak server distribution started as a child process in development mode: the identity
 * provider of the local start and of the tests on machines without Docker. Its database is
 * Keycloak's file store in a directory of its own ({@code data/keycloak} beside the embedded
 * PostgreSQL for the local start), so users, passwords and role changes outlive a restart. Keycloak
 * imports the realm export in {@code keycloak/} at start when the realm does not exist yet; then
 * {@link RealmSync} adds what the file has and an existing realm lacks, and sets its settings. Not
 * part of the hub's jar: a deployment configures the issuer of its own Keycloak.
 */
public final class LocalKeycloak implements AutoCloseable {

    public static final String REALM = "terpadu";

    private static final Logger log = LoggerFactory.getLogger(LocalKeycloak.class);
    private static final Duration START_TIMEOUT = Duration.ofMinutes(4);

    /** The server's own administrator in the master realm (local and test servers only). */
    public static final String BOOTSTRAP_ADMIN = "kcadmin";

    private final Process process;
    private final int port;
    private final Path temporaryStore;
    private Duration startTime = Duration.ZERO;

    private LocalKeycloak(Process process, int port, Path temporaryStore) {
        this.process = process;
        this.port = port;
        this.temporaryStore = temporaryStore;
    }

    /** Starts Keycloak on a store of its own that is deleted when it stops (tests). */
    public static LocalKeycloak start(Path home, Path realmFile, int port) {
        try {
            return start(home, realmFile, Files.createTempDirectory("keycloak-store"), port, true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The server distribution the build unpacked ({@code target/keycloak/keycloak-<version>}, the
     * version given once, in the build), or the one named by the system property
     * {@code terpadu.keycloak.home}.
     */
    public static Path distribution() {
        String configured = System.getProperty("terpadu.keycloak.home");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        Path unpacked = Path.of("target/keycloak");
        try (var folders = Files.list(unpacked)) {
            return folders.filter(folder -> Files.isExecutable(folder.resolve("bin/kc.sh"))).findFirst()
                    .orElse(unpacked);
        } catch (IOException e) {
            return unpacked;
        }
    }

    /** The version of that distribution, for a container image of the same server. */
    public static String version() {
        return distribution().getFileName().toString().replaceFirst("^keycloak-", "");
    }

    /**
     * Starts Keycloak on the store in this directory, brings the realm file in and waits until the
     * realm answers.
     *
     * @param home      the unpacked distribution (holding {@code bin/kc.sh})
     * @param realmFile the realm export to import or upgrade from
     * @param store     the directory of Keycloak's database, created when missing
     * @param port      the HTTP port, or 0 for any free one
     */
    public static LocalKeycloak start(Path home, Path realmFile, Path store, int port) {
        return start(home, realmFile, store, port, false);
    }

    private static LocalKeycloak start(Path home, Path realmFile, Path store, int port, boolean temporary) {
        Path script = home.resolve("bin/kc.sh");
        if (!Files.isExecutable(script)) {
            throw new IllegalStateException("No Keycloak distribution at " + home.toAbsolutePath()
                    + ": build once with ./mvnw (it unpacks one into target/keycloak), or configure an issuer with "
                    + "SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_ISSUER_URI");
        }
        int httpPort = port > 0 ? port : freePort();
        try {
            Path database = Files.createDirectories(store).toAbsolutePath().resolve("keycloakdb");
            Path imports = Files.createDirectories(store.toAbsolutePath().resolve("import"));
            Files.copy(realmFile, imports.resolve(realmFile.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            ProcessBuilder builder = new ProcessBuilder(script.toString(), "start-dev", "--db=dev-file",
                    "--db-url=jdbc:h2:file:" + database + ";NON_KEYWORDS=VALUE",
                    "--http-port=" + httpPort, "--http-management-port=" + freePort(),
                    "--hostname-strict=false", "--cache=local")
                    .redirectErrorStream(true)
                    .redirectOutput(home.resolve("keycloak.log").toFile());
            builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
            builder.environment().put("JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx512m");
            // the realm file of this server's own import folder, imported at start when the realm does not
            // exist yet (never over an existing one); what --import-realm does with the distribution's folder
            builder.environment().put("JAVA_OPTS_APPEND", "-Dkeycloak.migration.dir=" + imports
                    + " -Dkeycloak.migration.strategy=IGNORE_EXISTING");
            // created once, on the store's first start
            builder.environment().put("KC_BOOTSTRAP_ADMIN_USERNAME", BOOTSTRAP_ADMIN);
            builder.environment().put("KC_BOOTSTRAP_ADMIN_PASSWORD", BOOTSTRAP_ADMIN);
            Instant started = Instant.now();
            log.info("Starting Keycloak {} on port {}", home.getFileName(), httpPort);
            Process process = builder.start();
            LocalKeycloak keycloak = new LocalKeycloak(process, httpPort, temporary ? store : null);
            Runtime.getRuntime().addShutdownHook(new Thread(keycloak::close));
            keycloak.awaitRealm("master", started, home.resolve("keycloak.log"));
            try {
                new RealmSync(keycloak.bootstrapAdmin()).sync(realmFile, true);
            } catch (RuntimeException e) {
                keycloak.close();
                throw e;
            }
            keycloak.awaitRealm(REALM, Instant.now(), home.resolve("keycloak.log"));
            keycloak.startTime = Duration.between(started, Instant.now());
            log.info("Keycloak answers at {} after {} s", keycloak.issuer(), keycloak.startTime.toSeconds());
            return keycloak;
        } catch (IOException e) {
            throw new UncheckedIOException("Keycloak could not be started", e);
        }
    }

    /** How long the start took, until the realm answered. */
    public Duration startTime() {
        return startTime;
    }

    /** The issuer of the realm's tokens, reached through {@code localhost}. */
    public String issuer() {
        return baseUrl() + "/realms/" + REALM;
    }

    public String baseUrl() {
        return "http://localhost:" + port;
    }

    /** The admin API as the server's bootstrap administrator. */
    public KeycloakAdmin bootstrapAdmin() {
        return new KeycloakAdmin(baseUrl(), "master", BOOTSTRAP_ADMIN, BOOTSTRAP_ADMIN);
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.descendants().forEach(ProcessHandle::destroy);
            process.destroy();
            try {
                if (!process.waitFor(20, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
        if (temporaryStore != null) {
            deleteQuietly(temporaryStore);
        }
    }

    private static void deleteQuietly(Path directory) {
        try (var paths = Files.walk(directory)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            log.debug("Could not delete {}", directory, e);
        }
    }

    private void awaitRealm(String realm, Instant started, Path logFile) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl() + "/realms/" + realm + "/.well-known/openid-configuration"))
                .timeout(Duration.ofSeconds(5)).build();
        while (Duration.between(started, Instant.now()).compareTo(START_TIMEOUT) < 0) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Keycloak stopped while starting; see " + logFile.toAbsolutePath());
            }
            try {
                if (http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for Keycloak", e);
            }
            sleep();
        }
        close();
        throw new IllegalStateException("Keycloak did not answer within " + START_TIMEOUT.toSeconds() + " s; see "
                + logFile.toAbsolutePath());
    }

    private static void sleep() {
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
