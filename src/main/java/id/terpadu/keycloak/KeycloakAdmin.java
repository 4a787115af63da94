package id.terpadu.keycloak;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Keycloak's admin REST API as one administrator: the password grant of the {@code admin-cli}
 * client of the administrator's realm (the hub's {@code admin} in realm {@code terpadu}, or the
 * server's bootstrap administrator in {@code master}), renewed before it expires.
 */
public final class KeycloakAdmin {

    /** The hub's realm. */
    public static final String REALM = "terpadu";

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static final ObjectMapper JSON = new ObjectMapper();

    private final String baseUrl;
    private final String adminRealm;
    private final String username;
    private final String password;
    private String token;
    private Instant renewAfter = Instant.MIN;

    /** An answer of the admin API: the status and the body, JSON when there is one. */
    public record Answer(int status, String body, String location) {

        public boolean ok() {
            return status >= 200 && status < 300;
        }

        public JsonNode json() {
            return body == null || body.isBlank() ? JSON.nullNode() : JSON.readTree(body);
        }
    }

    public KeycloakAdmin(String baseUrl, String adminRealm, String username, String password) {
        this.baseUrl = baseUrl.replaceAll("/+$", "");
        this.adminRealm = adminRealm;
        this.username = username;
        this.password = password;
    }

    public String baseUrl() {
        return baseUrl;
    }

    public Answer get(String path) {
        return send(request(path).GET());
    }

    public Answer post(String path, Object body) {
        return send(request(path).POST(json(body)));
    }

    public Answer put(String path, Object body) {
        return send(request(path).PUT(json(body)));
    }

    public Answer delete(String path) {
        return send(request(path).DELETE());
    }

    /** Fails with the answer's status and body unless it is a success. */
    public static Answer expectOk(Answer answer, String what) {
        if (!answer.ok()) {
            throw new IllegalStateException(what + ": Keycloak answered " + answer.status() + " " + answer.body());
        }
        return answer;
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(baseUrl + "/admin/realms" + path.replace(" ", "%20")))
                .timeout(Duration.ofMinutes(5))
                .header("Authorization", "Bearer " + token())
                .header("Content-Type", "application/json");
    }

    private static HttpRequest.BodyPublisher json(Object body) {
        return HttpRequest.BodyPublishers.ofString(body instanceof String text ? text : JSON.writeValueAsString(body));
    }

    private synchronized String token() {
        if (Instant.now().isAfter(renewAfter)) {
            Map<String, String> form = Map.of("grant_type", "password", "client_id", "admin-cli",
                    "username", username, "password", password);
            String body = form.entrySet().stream()
                    .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                    .collect(Collectors.joining("&"));
            Answer answer = send(HttpRequest.newBuilder(URI.create(baseUrl + "/realms/" + adminRealm + "/protocol/openid-connect/token"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(body)));
            expectOk(answer, "Signing in as " + username + " in realm " + adminRealm);
            JsonNode tokens = answer.json();
            token = tokens.get("access_token").asString();
            renewAfter = Instant.now().plusSeconds(Math.max(5, tokens.get("expires_in").asLong() - 20));
        }
        return token;
    }

    private static Answer send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body(), response.headers().firstValue("Location").orElse(null));
        } catch (IOException e) {
            throw new IllegalStateException("Keycloak could not be reached", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while calling Keycloak", e);
        }
    }
}
