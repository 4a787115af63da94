package id.terpadu;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Chooses the PostgreSQL the tests run against: the server given by {@code SPRING_DATASOURCE_URL}
 * when there is one, a Testcontainers PostgreSQL where Docker runs, and otherwise the hub's own
 * embedded PostgreSQL in a fresh temporary folder.
 */
public final class TestDatabase {

    private static PostgreSQLContainer container;

    private TestDatabase() {
    }

    public static synchronized void configure(DynamicPropertyRegistry registry) {
        if (System.getenv("SPRING_DATASOURCE_URL") != null) {
            return;
        }
        if (dockerAvailable()) {
            if (container == null) {
                container = new PostgreSQLContainer("postgres:17-alpine");
                container.start();
            }
            registry.add("spring.datasource.url", container::getJdbcUrl);
            registry.add("spring.datasource.username", container::getUsername);
            registry.add("spring.datasource.password", container::getPassword);
        } else {
            registry.add("terpadu.embedded-postgres.data-directory", () -> "");
        }
    }

    /**
     * Points a test's own application context at a new, empty database named {@code name} on the
     * same server (dropped first when a previous run left it), or at a fresh embedded server.
     */
    public static synchronized void configureFresh(DynamicPropertyRegistry registry, String name) {
        String url = System.getenv("SPRING_DATASOURCE_URL");
        String user = System.getenv().getOrDefault("SPRING_DATASOURCE_USERNAME", "postgres");
        String password = System.getenv().getOrDefault("SPRING_DATASOURCE_PASSWORD", "");
        if (url == null && dockerAvailable()) {
            configure(registry);
            url = container.getJdbcUrl();
            user = container.getUsername();
            password = container.getPassword();
        } else if (url == null) {
            registry.add("terpadu.embedded-postgres.data-directory", () -> "");
            return;
        }
        try (Connection connection = DriverManager.getConnection(url, user, password);
             Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create the test database " + name, e);
        }
        String freshUrl = url.replaceFirst("^(jdbc:postgresql://[^/]+/)[^?]*", "$1" + name);
        String freshUser = user;
        String freshPassword = password;
        registry.add("spring.datasource.url", () -> freshUrl);
        registry.add("spring.datasource.username", () -> freshUser);
        registry.add("spring.datasource.password", () -> freshPassword);
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException e) {
            return false;
        }
    }
}
