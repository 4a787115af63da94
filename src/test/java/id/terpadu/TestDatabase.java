package id.terpadu;

import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

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
     * A database of its own ({@code database} after the test database's name), empty until Flyway migrates it, for an application context that must
     * not see the other tests' households: a new database on the server the tests use, or another
     * embedded PostgreSQL in a fresh temporary folder.
     */
    public static synchronized void configureEmpty(DynamicPropertyRegistry registry, String database) {
        String url = System.getenv("SPRING_DATASOURCE_URL");
        String username = System.getenv("SPRING_DATASOURCE_USERNAME");
        String password = System.getenv("SPRING_DATASOURCE_PASSWORD");
        if (url == null && dockerAvailable()) {
            if (container == null) {
                container = new PostgreSQLContainer("postgres:17-alpine");
                container.start();
            }
            url = container.getJdbcUrl();
            username = container.getUsername();
            password = container.getPassword();
        }
        if (url == null) {
            registry.add("terpadu.embedded-postgres.data-directory", () -> "");
            return;
        }
        String name;
        try (Connection connection = DriverManager.getConnection(url, username, password)) {
            var server = DSL.using(connection, SQLDialect.POSTGRES);
            // named after the test database, so test runs sharing a server do not take each other's
            name = server.fetchValue(DSL.currentCatalog()) + "_" + database;
            server.dropDatabaseIfExists(name).execute();
            server.createDatabase(name).execute();
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create the test database " + database, e);
        }
        String own = url.replaceFirst("^(jdbc:postgresql://[^/]+/)[^?]*", "$1" + name);
        String user = username;
        String secret = password;
        registry.add("spring.datasource.url", () -> own);
        registry.add("spring.datasource.username", () -> user);
        registry.add("spring.datasource.password", () -> secret);
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException e) {
            return false;
        }
    }
}
