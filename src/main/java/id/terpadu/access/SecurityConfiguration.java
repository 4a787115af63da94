package id.terpadu.access;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.WebSecurityCustomizer;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AuthenticationEntryPointFailureHandler;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import org.springframework.util.StringUtils;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.util.Collection;
import java.util.List;

/**
 * The hub is an OAuth2 resource server for Keycloak: every request but health, the web app's and
 * GraphiQL's pages and bundled assets needs a bearer token whose signature (the realm's keys), issuer, audience and expiry hold.
 * The realm roles of the token become the caller's authorities.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    static final String ISSUER_PROPERTY = "spring.security.oauth2.resourceserver.jwt.issuer-uri";
    static final String JWK_SET_PROPERTY = "spring.security.oauth2.resourceserver.jwt.jwk-set-uri";
    /** How far past its expiry a token is still accepted, for clocks that differ a little. */
    static final Duration CLOCK_SKEW = Duration.ofSeconds(10);

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http, JsonMapper json, List<PublicPaths> publicPaths) throws Exception {
        JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(SecurityConfiguration::realmRoles);
        converter.setPrincipalClaimName("preferred_username");
        TokenRefusalResponses refusals = new TokenRefusalResponses(json);
        // every failure goes to the refusals, which answer 503 rather than fail when the keys are unavailable
        AuthenticationEntryPointFailureHandler failures = new AuthenticationEntryPointFailureHandler(refusals);
        failures.setRethrowAuthenticationServiceException(false);
        String[] open = publicPaths.stream().flatMap(paths -> paths.patterns().stream()).toArray(String[]::new);
        if (open.length > 0) {
            // what features serve the public without a token (each answers only what anyone may know)
            http.authorizeHttpRequests(requests -> requests.requestMatchers(open).permitAll());
        }
        return http
                .authorizeHttpRequests(requests -> requests
                        // health and metrics are served on the management port only, which clients do not reach
                        .requestMatchers(EndpointRequest.toAnyEndpoint()).permitAll()
                        // the probes, also on this port for platforms that probe only one
                        .requestMatchers("/livez", "/readyz", "/graphiql", "/graphiql/**", "/error").permitAll()
                        // the web app's page, its bundled scripts and where it signs in: it reads data only through /graphql
                        .requestMatchers(HttpMethod.GET, "/", "/index.html", "/assets/**", "/app/config").permitAll()
                        // browsers cannot send a header with a WebSocket: the token comes in connection_init
                        .requestMatchers("/graphql-ws").permitAll()
                        .anyRequest().authenticated())
                .oauth2ResourceServer(server -> server
                        .bearerTokenResolver(new BearerTokens())
                        .jwt(jwt -> jwt.jwtAuthenticationConverter(converter))
                        .authenticationEntryPoint(refusals)
                        .withObjectPostProcessor(new ObjectPostProcessor<BearerTokenAuthenticationFilter>() {
                            @Override
                            public <O extends BearerTokenAuthenticationFilter> O postProcess(O filter) {
                                filter.setAuthenticationFailureHandler(failures);
                                return filter;
                            }
                        }))
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable())
                .build();
    }

    /**
     * Spring Security's firewall as it comes, but with its check of header names and values (every
     * character assigned in Unicode and none a control character) made character by character
     * instead of by a regular expression: every request's token is a header value of over a
     * thousand characters.
     */
    @Bean
    WebSecurityCustomizer headerCheckingFirewall() {
        StrictHttpFirewall firewall = new StrictHttpFirewall();
        firewall.setAllowedHeaderNames(HeaderCharacters::allowed);
        firewall.setAllowedHeaderValues(HeaderCharacters::allowed);
        return web -> web.httpFirewall(firewall);
    }

    /**
     * No observations of Spring Security's own (of each filter of the chain, of authentication and
     * authorization): the requests' timer and the GraphQL request's observation remain.
     */
    @Bean
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    /** The realm whose tokens the hub accepts. */
    @Bean
    TokenIssuer tokenIssuer(Environment environment) {
        String issuer = environment.getProperty(ISSUER_PROPERTY);
        if (!StringUtils.hasText(issuer)) {
            throw new IllegalStateException("No token issuer is configured: set " + ISSUER_PROPERTY
                    + " (environment SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_ISSUER_URI) to the Keycloak realm, "
                    + "for example http://localhost:8180/realms/terpadu");
        }
        return new TokenIssuer(issuer);
    }

    /** The issuer's signing keys, as token checks and the readiness check use them. */
    @Bean
    IssuerKeys issuerKeys(TokenIssuer tokenIssuer, Environment environment) {
        return new IssuerKeys(tokenIssuer, environment.getProperty(JWK_SET_PROPERTY));
    }

    @Bean
    JwtDecoder jwtDecoder(TokenIssuer tokenIssuer, IssuerKeys issuerKeys,
                          @Value("${spring.security.oauth2.resourceserver.jwt.audiences:terpadu-hub}") List<String> audiences) {
        // the default validators, with a clock skew of seconds rather than a minute for expiry; each names its refusal
        JwtTimestampValidator lifetime = new JwtTimestampValidator(CLOCK_SKEW);
        // a token that never expires would outlive every revocation: Keycloak always sets one
        lifetime.setAllowEmptyExpiryClaim(false);
        OAuth2TokenValidator<Jwt> validator = new DelegatingOAuth2TokenValidator<>(
                TokenRefusal.TOKEN_EXPIRED.when(lifetime),
                TokenRefusal.TOKEN_WRONG_ISSUER.when(new JwtIssuerValidator(tokenIssuer.uri())),
                TokenRefusal.TOKEN_WRONG_AUDIENCE.when(new JwtClaimValidator<List<String>>(JwtClaimNames.AUD,
                        audience -> audience != null && audience.stream().anyMatch(audiences::contains))));
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSource(issuerKeys.source()).build();
        decoder.setJwtValidator(validator);
        return new RememberedTokens(decoder, validator);
    }

    private static Collection<org.springframework.security.core.GrantedAuthority> realmRoles(Jwt jwt) {
        return Caller.of(jwt).roles().stream()
                .map(role -> (org.springframework.security.core.GrantedAuthority) new SimpleGrantedAuthority("ROLE_" + role))
                .toList();
    }
}
