package id.terpadu;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Real access tokens from the test Keycloak: the password grant of the {@code terpadu-cli}
 * client for the demo users (password = username), and the client-credentials grant of the
 * health insurer's {@code bpjs-sync} client. Kept until shortly before they expire.
 */
public final class Tokens {

    public static final String SERVICE_ACCOUNT = "bpjs-sync";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, Token> CACHE = new ConcurrentHashMap<>();

    private Tokens() {
    }

    private record Token(String value, Instant refreshAfter) {
    }

    /** An access token of a demo user, or of the {@code bpjs-sync} service account. */
    public static String of(String user) {
        Token token = CACHE.get(user);
        if (token == null || Instant.now().isAfter(token.refreshAfter())) {
            token = fetch(user);
            CACHE.put(user, token);
        }
        return token.value();
    }

    private static Token fetch(String user) {
        Map<String, String> form = SERVICE_ACCOUNT.equals(user)
                ? Map.of("grant_type", "client_credentials", "client_id", SERVICE_ACCOUNT, "client_secret", "bpjs-sync-secret")
                : Map.of("grant_type", "password", "client_id", "terpadu-cli", "username", user, "password", user);
        JsonNode answer = post(TestKeycloak.issuer() + "/protocol/openid-connect/token", form);
        return new Token(answer.get("access_token").asText(),
                Instant.now().plusSeconds(Math.max(10, answer.get("expires_in").asLong() - 60)));
    }

    static JsonNode post(String url, Map<String, String> form) {
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("Keycloak refused a token (" + response.statusCode() + "): " + response.body());
            }
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException("Keycloak could not be reached", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
