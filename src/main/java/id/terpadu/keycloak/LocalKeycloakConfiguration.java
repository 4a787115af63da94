package id.terpadu.keycloak;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.ApplicationListener;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

import java.nio.file.Path;

/**
 * Starts a local Keycloak with the demo realm when {@code terpadu.local-keycloak.enabled} is set
 * (the {@code demo} profile does) and no token issuer is configured.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(LocalKeycloakConfiguration.NoIssuerConfigured.class)
class LocalKeycloakConfiguration {

    private static final Logger log = LoggerFactory.getLogger(LocalKeycloakConfiguration.class);

    @Bean(destroyMethod = "close")
    LocalKeycloak localKeycloak(LocalKeycloakProperties properties) {
        return LocalKeycloak.start(Path.of(properties.home()), Path.of(properties.realmFile()), Path.of(properties.dataDirectory()),
                properties.port());
    }

    /** Tells a person at the console whom they can sign in as, once the hub is ready. */
    @Bean
    ApplicationListener<ApplicationReadyEvent> demoUsersBanner(LocalKeycloak keycloak, LocalKeycloakProperties properties,
                                                               Environment environment) {
        return event -> {
            JsonNode realm = new ObjectMapper().readTree(Path.of(properties.realmFile()).toFile());
            StringBuilder banner = new StringBuilder("\n\nTerpadu is ready at http://localhost:")
                    .append(environment.getProperty("local.server.port", "8080")).append("/graphql (GraphiQL: /graphiql)\n")
                    .append("Keycloak realm: ").append(keycloak.issuer()).append("\n")
                    .append("Demo users (password = username):\n");
            for (JsonNode user : realm.get("users")) {
                if (user.has("serviceAccountClientId")) {
                    continue;
                }
                banner.append(String.format("  %-8s role %-8s%s%n", user.get("username").asString(),
                        user.get("realmRoles").get(0).asString(),
                        user.has("attributes") ? " region " + user.get("attributes").get("region").get(0).asString() : ""));
            }
            banner.append("Token: curl -s ").append(keycloak.issuer())
                    .append("/protocol/openid-connect/token -d grant_type=password -d client_id=terpadu-cli")
                    .append(" -d username=dinsos -d password=dinsos\n");
            log.info(banner.toString());
        };
    }

    /**
     * @param enabled   whether to start one when no issuer is configured
     * @param home      the unpacked server distribution
     * @param realmFile     the realm export to import, or to upgrade the existing realm from
     * @param dataDirectory Keycloak's database (its file store), kept across restarts
     * @param port          the HTTP port; 0 for any free port
     */
    @ConfigurationProperties("terpadu.local-keycloak")
    record LocalKeycloakProperties(boolean enabled, String home, String realmFile, String dataDirectory, int port) {
    }

    static class NoIssuerConfigured implements Condition {

        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            Environment env = context.getEnvironment();
            return env.getProperty("terpadu.local-keycloak.enabled", Boolean.class, false)
                    && !StringUtils.hasText(env.getProperty("spring.security.oauth2.resourceserver.jwt.issuer-uri"))
                    && !StringUtils.hasText(env.getProperty("spring.security.oauth2.resourceserver.jwt.jwk-set-uri"));
        }
    }
}
