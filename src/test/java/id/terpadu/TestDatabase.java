package id.terpadu;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * Chooses the PostgreSQL the tests run against: the server given by {@code SPRING_DATASOURCE_URL}
 * when there is one, a Testcontainers PostgreSQL where Docker runs, and otherwise the hub's own
 * embedded PostgreSQL in a fresh temporary folder.
 */
final class TestDatabase {

    private static PostgreSQLContainer container;

    private TestDatabase() {
    }

    static synchronized void configure(DynamicPropertyRegistry registry) {
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

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException e) {
            return false;
        }
    }
}
