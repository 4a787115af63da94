package id.terpadu.sql;

import com.zaxxer.hikari.HikariDataSource;
import id.terpadu.RepositoryTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/** The pool's connections read literals as the standard has them, also where the database's default says otherwise. */
@Import(StandardConformingStrings.class)
class StandardConformingStringsTest extends RepositoryTest {

    @Autowired
    private HikariDataSource dataSource;

    @Test
    void aConnectionOfThePoolReadsBackslashesAsOrdinaryCharacters() throws SQLException {
        String database;
        try (Connection connection = dataSource.getConnection()) {
            database = connection.getCatalog();
            assertThat(setting(connection)).isEqualTo("on");
        }
        try (Connection admin = dataSource.getConnection(); Statement statement = admin.createStatement()) {
            statement.execute("ALTER DATABASE \"" + database + "\" SET standard_conforming_strings = off");
            try (Connection fresh = freshConnection()) {
                assertThat(setting(fresh)).isEqualTo("on");
                try (ResultSet literal = fresh.createStatement().executeQuery("SELECT 'a\\' AS text")) {
                    literal.next();
                    assertThat(literal.getString(1)).isEqualTo("a\\");
                }
            }
        } finally {
            try (Connection admin = dataSource.getConnection(); Statement statement = admin.createStatement()) {
                statement.execute("ALTER DATABASE \"" + database + "\" RESET standard_conforming_strings");
            }
        }
    }

    /** A new connection with the pool's settings, which the database's defaults apply to. */
    private Connection freshConnection() throws SQLException {
        Properties properties = new Properties();
        properties.putAll(dataSource.getDataSourceProperties());
        if (dataSource.getUsername() != null) {
            properties.setProperty("user", dataSource.getUsername());
        }
        if (dataSource.getPassword() != null) {
            properties.setProperty("password", dataSource.getPassword());
        }
        return DriverManager.getConnection(dataSource.getJdbcUrl(), properties);
    }

    private static String setting(Connection connection) throws SQLException {
        try (ResultSet setting = connection.createStatement().executeQuery("SHOW standard_conforming_strings")) {
            setting.next();
            return setting.getString(1);
        }
    }
}
