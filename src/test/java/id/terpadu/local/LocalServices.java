package id.terpadu.local;

import org.springframework.core.env.PropertyResolver;
import org.springframework.core.env.SimpleCommandLinePropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.util.StringUtils;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What a developer's machine lacks, started before the hub: an embedded PostgreSQL when no
 * {@code spring.datasource.url} is configured, and a local Keycloak with the demo realm when no
 * token issuer is. The hub learns where they run from its arguments, so it is configured exactly as
 * in a deployment.
 */
public final class LocalServices implements AutoCloseable {

    static final String DATASOURCE_URL = "spring.datasource.url";
    static final String ISSUER = "spring.security.oauth2.resourceserver.jwt.issuer-uri";

    private final List<AutoCloseable> started = new ArrayList<>();
    private final List<String> arguments;
    private LocalKeycloak keycloak;

    private LocalServices(String[] args) {
        this.arguments = new ArrayList<>(List.of(args));
    }

    /**
     * Starts what the arguments, the environment and the system properties do not configure.
     * {@code terpadu.local.data-directory} (default {@code data}) holds the embedded server's
     * data ({@code postgres}) and Keycloak's ({@code keycloak}); {@code terpadu.local.keycloak-port}
     * (default 8180) is Keycloak's port.
     */
    public static LocalServices startMissing(String[] args) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new SimpleCommandLinePropertySource(args));
        return startMissing(args, environment);
    }

    /** Starts what {@code settings} do not configure. */
    public static LocalServices startMissing(String[] args, PropertyResolver settings) {
        LocalServices services = new LocalServices(args);
        try {
            Path data = Path.of(settings.getProperty("terpadu.local.data-directory", "data"));
            if (!StringUtils.hasText(settings.getProperty(DATASOURCE_URL))) {
                LocalPostgres postgres = LocalPostgres.start(data.resolve("postgres"));
                services.started.add(postgres);
                services.arguments.add("--" + DATASOURCE_URL + "=" + postgres.jdbcUrl());
                services.arguments.add("--spring.datasource.username=postgres");
                services.arguments.add("--spring.datasource.password=");
            }
            if (!StringUtils.hasText(settings.getProperty(ISSUER))) {
                int port = settings.getProperty("terpadu.local.keycloak-port", Integer.class, 8180);
                // its users, passwords and role changes kept in data/keycloak, beside the database
                services.keycloak = LocalKeycloak.start(LocalKeycloak.distribution(), Path.of("keycloak/terpadu-realm.json"),
                        data.resolve("keycloak"), port);
                services.started.add(services.keycloak);
                services.arguments.add("--" + ISSUER + "=" + services.keycloak.issuer());
            }
        } catch (RuntimeException e) {
            services.close();
            throw e;
        }
        return services;
    }

    /** The hub's arguments: the given ones, and where the services started here run. */
    public String[] arguments() {
        return arguments.toArray(String[]::new);
    }

    @Override
    public void close() {
        for (AutoCloseable service : started.reversed()) {
            try {
                service.close();
            } catch (Exception e) {
                System.err.println("Could not stop " + service + ": " + e.getMessage());
            }
        }
        started.clear();
    }
}
