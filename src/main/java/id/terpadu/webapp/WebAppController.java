package id.terpadu.webapp;

import id.terpadu.access.TokenIssuer;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.Map;

/**
 * Where the clerks' web app (served from the jar at {@code /}, built from src/main/frontend) signs
 * in: the Keycloak realm whose tokens the hub accepts and the public client it uses (authorization
 * code with PKCE). Everything else the app learns from the public GraphQL API.
 */
@RestController
class WebAppController {

    /** The realm's public browser client, shared with GraphiQL. */
    static final String CLIENT_ID = "terpadu-graphiql";

    private final TokenIssuer issuer;

    WebAppController(TokenIssuer issuer) {
        this.issuer = issuer;
    }

    @GetMapping("/app/config")
    Map<String, String> config() {
        return Map.of("issuer", issuer.uri(), "clientId", CLIENT_ID);
    }
}
