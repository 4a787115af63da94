package id.terpadu.keycloak;

import org.springframework.boot.context.properties.ConfigurationProperties;
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

    @Bean(destroyMethod = "close")
    LocalKeycloak localKeycloak(LocalKeycloakProperties properties) {
        return LocalKeycloak.start(Path.of(properties.home()), Path.of(properties.realmFile()), properties.port());
    }

    /**
     * @param enabled   whether to start one when no issuer is configured
     * @param home      the unpacked server distribution
     * @param realmFile the realm export to import
     * @param port      the HTTP port; 0 for any free port
     */
    @ConfigurationProperties("terpadu.local-keycloak")
    record LocalKeycloakProperties(boolean enabled, String home, String realmFile, int port) {
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
