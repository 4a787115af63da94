package id.terpadu;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * Chooses the PostgreSQL the tests run against: the server given by {@code SPRING_DATASOURCE_URL}
 * when there is one, a Testcontainers PostgreSQL where Docker runs, and otherwise an embedded
 * PostgreSQL in a fresh temporary folder. Either of the last two is started once for the run and
 * shared by every test, like the configured server.
 */
public final class TestDatabase {

    private static Server server;

    private TestDatabase() {
    }

    /**
     * The tests' database on the tests' server. A server started here is given to every application
     * context of the run as system properties, the way {@code SPRING_DATASOURCE_URL} gives the
     * configured one: below what a test registers itself (see {@link #configureEmpty}).
     */
    public static synchronized void configure(DynamicPropertyRegistry registry) {
        if (System.getenv("SPRING_DATASOURCE_URL") != null) {
            return;
        }
        server();
    }

    /**
     * A database of its own ({@code database} after the test database's name), empty until Flyway
     * migrates it, for an application context that must not see the other tests' households: a new
     * database on the server the tests use.
     */
    public static synchronized void configureEmpty(DynamicPropertyRegistry registry, String database) {
        String url = System.getenv("SPRING_DATASOURCE_URL");
        String username = System.getenv("SPRING_DATASOURCE_USERNAME");
        String password = System.getenv("SPRING_DATASOURCE_PASSWORD");
        if (url == null) {
            Server shared = server();
            url = shared.url();
            username = shared.username();
            password = shared.password();
        }
        String name;
        try (Connection connection = DriverManager.getConnection(url, username, password)) {
            var dsl = DSL.using(connection, SQLDialect.POSTGRES);
            // named after the test database, so test runs sharing a server do not take each other's
            name = dsl.fetchValue(DSL.currentCatalog()) + "_" + database;
            dsl.dropDatabaseIfExists(name).execute();
            dsl.createDatabase(name).execute();
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

    private record Server(String url, String username, String password) {
    }

    private static Server server() {
        if (server == null) {
            server = dockerAvailable() ? container() : embedded();
            System.setProperty("spring.datasource.url", server.url());
            System.setProperty("spring.datasource.username", server.username());
            System.setProperty("spring.datasource.password", server.password());
        }
        return server;
    }

    private static Server container() {
        PostgreSQLContainer container = new PostgreSQLContainer("postgres:17-alpine");
        container.start();
        return new Server(container.getJdbcUrl(), container.getUsername(), container.getPassword());
    }

    /** Stopped with the JVM; its temporary folder goes with it. */
    private static Server embedded() {
        try {
            EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    postgres.close();
                } catch (IOException e) {
                    // the JVM is ending anyway
                }
            }));
            return new Server(postgres.getJdbcUrl("postgres", "postgres"), "postgres", "");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the embedded PostgreSQL for the tests", e);
        }
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException e) {
            return false;
        }
    }
}
