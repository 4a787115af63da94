package id.terpadu.database;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.StringUtils;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Runs the hub on a PostgreSQL of its own when no datasource URL is configured, so a machine with
 * only a JDK can start it. The data lives in a folder of the working directory and survives
 * restarts; with {@code SPRING_DATASOURCE_URL} the hub uses that server instead.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(NoDatasourceUrlCondition.class)
public class EmbeddedPostgresConfiguration {

    @Bean(destroyMethod = "close")
    EmbeddedPostgres embeddedPostgres(EmbeddedPostgresProperties properties) throws IOException {
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder();
        if (StringUtils.hasText(properties.dataDirectory())) {
            builder.setDataDirectory(Path.of(properties.dataDirectory()))
                    .setCleanDataDirectory(false);
        }
        if (properties.port() > 0) {
            builder.setPort(properties.port());
        }
        return builder.start();
    }

    @Bean(destroyMethod = "close")
    @ConfigurationProperties("spring.datasource.hikari")
    HikariDataSource dataSource(EmbeddedPostgres postgres) {
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(postgres.getJdbcUrl("postgres", "postgres"));
        dataSource.setUsername("postgres");
        dataSource.setPoolName("terpadu-embedded");
        return dataSource;
    }

    /**
     * @param dataDirectory where the embedded server keeps its data; a fresh temporary folder
     *                      that is deleted on exit when empty
     * @param port          the port it listens on; any free port when 0
     */
    @ConfigurationProperties("terpadu.embedded-postgres")
    public record EmbeddedPostgresProperties(String dataDirectory, int port) {
    }
}
