package id.terpadu.local;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import java.nio.file.Path;

/**
 * Tells the person at the console, in plain lines rather than in the JSON log, that the hub is
 * ready (after the demo data has loaded, when readiness turns) and whom they can sign in as.
 */
@TestConfiguration(proxyBeanMethods = false)
public class DemoUsersBanner {

    static final Path REALM_FILE = Path.of("keycloak/terpadu-realm.json");

    @Bean
    ApplicationListener<ApplicationReadyEvent> readyBanner(Environment environment) {
        return event -> System.out.println(banner(environment));
    }

    static String banner(Environment environment) {
        String hub = "http://localhost:" + environment.getProperty("local.server.port", "8080");
        String issuer = environment.getProperty(LocalServices.ISSUER);
        StringBuilder banner = new StringBuilder("\n================================================================\n")
                .append("Terpadu is ready at ").append(hub).append("/graphql (GraphiQL: ").append(hub).append("/graphiql)\n")
                .append("Keycloak realm: ").append(issuer).append('\n');
        if (issuer != null && issuer.startsWith("http://localhost:")) {
            banner.append("Demo users (password = username):\n");
            JsonNode realm = new ObjectMapper().readTree(REALM_FILE.toFile());
            for (JsonNode user : realm.get("users")) {
                if (user.has("serviceAccountClientId")) {
                    continue;
                }
                banner.append(String.format("  %-8s role %-8s%s%n", user.get("username").asString(),
                        user.get("realmRoles").get(0).asString(),
                        user.has("attributes") ? " region " + user.get("attributes").get("region").get(0).asString() : ""));
            }
            banner.append("A token: curl -s ").append(issuer)
                    .append("/protocol/openid-connect/token -d grant_type=password -d client_id=terpadu-cli")
                    .append(" -d username=dinsos -d password=dinsos\n");
        }
        return banner.append("================================================================\n").toString();
    }
}
