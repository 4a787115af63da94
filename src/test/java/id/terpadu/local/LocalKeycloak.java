package id.terpadu.local;

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
 * A Keycloak server distribution started as a child process in development mode, importing the
 * realm export in {@code keycloak/}: the identity provider of the local start and of the tests on
 * machines without Docker. Its database lives in memory, so the realm is always the one in the
 * repository, imported afresh on every start. Not part of the hub: a deployment configures the
 * issuer of its own Keycloak.
 */
public final class LocalKeycloak implements AutoCloseable {

    public static final String REALM = "terpadu";

    private static final Logger log = LoggerFactory.getLogger(LocalKeycloak.class);
    private static final Duration START_TIMEOUT = Duration.ofMinutes(4);

    private final Process process;
    private final int port;
    private Duration startTime = Duration.ZERO;

    private LocalKeycloak(Process process, int port) {
        this.process = process;
        this.port = port;
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
     * Starts Keycloak and waits until the realm answers.
     *
     * @param home      the unpacked distribution (holding {@code bin/kc.sh})
     * @param realmFile the realm export to import
     * @param port      the HTTP port, or 0 for any free one
     */
    public static LocalKeycloak start(Path home, Path realmFile, int port) {
        Path script = home.resolve("bin/kc.sh");
        if (!Files.isExecutable(script)) {
            throw new IllegalStateException("No Keycloak distribution at " + home.toAbsolutePath()
                    + ": build once with ./mvnw (it unpacks one into target/keycloak), or configure an issuer with "
                    + "SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_ISSUER_URI");
        }
        int httpPort = port > 0 ? port : freePort();
        try {
            prepare(home, realmFile);
            ProcessBuilder builder = new ProcessBuilder(script.toString(), "start-dev", "--import-realm", "--db=dev-mem",
                    "--http-port=" + httpPort, "--http-management-port=" + freePort(),
                    "--hostname-strict=false", "--cache=local")
                    .redirectErrorStream(true)
                    .redirectOutput(home.resolve("keycloak.log").toFile());
            builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
            builder.environment().put("JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx512m");
            builder.environment().put("KC_BOOTSTRAP_ADMIN_USERNAME", "kcadmin");
            builder.environment().put("KC_BOOTSTRAP_ADMIN_PASSWORD", "kcadmin");
            Instant started = Instant.now();
            log.info("Starting Keycloak {} on port {}", home.getFileName(), httpPort);
            Process process = builder.start();
            LocalKeycloak keycloak = new LocalKeycloak(process, httpPort);
            Runtime.getRuntime().addShutdownHook(new Thread(keycloak::close));
            keycloak.awaitRealm(started, home.resolve("keycloak.log"));
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
    }

    /** The realm export in the import folder (the database lives in memory, so every start imports it). */
    private static void prepare(Path home, Path realmFile) throws IOException {
        Path imports = Files.createDirectories(home.resolve("data/import"));
        Files.copy(realmFile, imports.resolve(realmFile.getFileName()), StandardCopyOption.REPLACE_EXISTING);
    }

    private void awaitRealm(Instant started, Path logFile) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(issuer() + "/.well-known/openid-configuration"))
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
