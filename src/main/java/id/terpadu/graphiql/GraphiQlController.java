package id.terpadu.graphiql;

import id.terpadu.access.TokenIssuer;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.Map;

/**
 * GraphiQL with a sign-in through Keycloak (the public {@code terpadu-graphiql} client,
 * authorization code with PKCE), so a person can try the API as one of the agencies. The page and
 * its scripts are bundled from npm by the build (src/main/frontend), so it loads nothing from
 * other hosts.
 */
@RestController
class GraphiQlController {

    static final String CLIENT_ID = "terpadu-graphiql";
    private static final Resource PAGE = new ClassPathResource("static/graphiql.html");

    private final TokenIssuer issuer;

    GraphiQlController(TokenIssuer issuer) {
        this.issuer = issuer;
    }

    @GetMapping(value = "/graphiql", produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<Resource> page() {
        return ResponseEntity.ok().contentType(MediaType.TEXT_HTML).body(PAGE);
    }

    /** Where the page signs in. */
    @GetMapping("/graphiql/config")
    Map<String, String> config() {
        return Map.of("issuer", issuer.uri(), "clientId", CLIENT_ID);
    }
}
