package id.terpadu;

import id.terpadu.keycloak.LocalKeycloak;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;

/**
 * A Keycloak of one test class alone, importing the repository's realm, for tests that stop it
 * (the shared {@link TestKeycloak} must stay as it is). Its port is chosen
 * before it starts, so a hub can be pointed at it while it is still down.
 */
public final class OwnKeycloak implements AutoCloseable {

    private final int port = freePort();
    private LocalKeycloak server;

    /** The issuer of the realm's tokens, whether the server runs or not. */
    public String issuer() {
        return "http://localhost:" + port + "/realms/" + LocalKeycloak.REALM;
    }

    /** The realm's signing keys, as the hub fetches them. */
    public String jwkSetUri() {
        return issuer() + "/protocol/openid-connect/certs";
    }

    public synchronized OwnKeycloak start() {
        if (server == null) {
            String home = System.getProperty("terpadu.local-keycloak.home", "target/keycloak/keycloak-26.7.3");
            server = LocalKeycloak.start(Path.of(home), Path.of("keycloak/terpadu-realm.json"), port);
        }
        return this;
    }

    /** Stops the server, as an outage would. */
    @Override
    public synchronized void close() {
        if (server != null) {
            server.close();
            server = null;
        }
    }

    /** An access token of a demo user (password = username) through the {@code terpadu-cli} client. */
    public String token(String user) {
        return Tokens.post(issuer() + "/protocol/openid-connect/token", Map.of("grant_type", "password",
                "client_id", "terpadu-cli", "username", user, "password", user)).get("access_token").asText();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
