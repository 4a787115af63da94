package id.terpadu;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import id.terpadu.local.LocalKeycloak;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A Keycloak of one test class alone, importing the repository's realm, for tests that stop it
 * or change its realm (the shared {@link TestKeycloak} must stay as it is). Its port is chosen
 * before it starts, so a hub can be pointed at it while it is still down.
 */
public final class OwnKeycloak implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

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
            Path home = LocalKeycloak.distribution();
            server = LocalKeycloak.start(home, Path.of("keycloak/terpadu-realm.json"), port);
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

    /** An access token of a demo user through the {@code terpadu-cli} client. */
    public String token(String user) {
        return token(user, "terpadu-cli");
    }

    /** An access token of a demo user (password = username) through a client that allows the password grant. */
    public String token(String user, String clientId) {
        return Tokens.post(issuer() + "/protocol/openid-connect/token", Map.of("grant_type", "password",
                "client_id", clientId, "username", user, "password", user)).get("access_token").asText();
    }

    /**
     * Creates a public password-grant client whose access tokens carry the hub's audience and
     * live this many seconds; answers its client id.
     */
    public String clientWithTokenLifespan(int seconds) {
        String admin = Tokens.post("http://localhost:" + port + "/realms/master/protocol/openid-connect/token", Map.of(
                "grant_type", "password", "client_id", "admin-cli",
                "username", TestKeycloak.ADMIN, "password", TestKeycloak.ADMIN)).get("access_token").asText();
        String clientId = "terpadu-test-" + UUID.randomUUID();
        Map<String, Object> client = Map.of(
                "clientId", clientId,
                "enabled", true,
                "publicClient", true,
                "standardFlowEnabled", false,
                "directAccessGrantsEnabled", true,
                "attributes", Map.of("access.token.lifespan", String.valueOf(seconds)),
                "protocolMappers", List.of(Map.of(
                        "name", "hub audience",
                        "protocol", "openid-connect",
                        "protocolMapper", "oidc-audience-mapper",
                        "config", Map.of("included.client.audience", "terpadu-hub", "access.token.claim", "true"))));
        try {
            HttpResponse<String> created = HTTP.send(HttpRequest.newBuilder(
                            URI.create("http://localhost:" + port + "/admin/realms/" + LocalKeycloak.REALM + "/clients"))
                    .header("Authorization", "Bearer " + admin)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(client))).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (created.statusCode() != 201) {
                throw new IllegalStateException("Keycloak refused the client (" + created.statusCode() + "): " + created.body());
            }
            return clientId;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The claims of a token, read without checking it. */
    public static JsonNode claims(String token) {
        try {
            return JSON.readTree(java.util.Base64.getUrlDecoder().decode(token.split("\\.")[1]));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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
