package id.terpadu.sql;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Every connection of the hub's pool reads string literals as the SQL standard has them, a
 * backslash an ordinary character, whatever the server's or the database's default: a
 * {@link RenderedStatement} writes its fixed values, some of them a caller's (a filter's text),
 * into its text as literals whose only escape is a doubled quote, and on a connection that read a
 * backslash as an escape such a value could end its literal.
 */
@Configuration(proxyBeanMethods = false)
class StandardConformingStrings {

    /** The server option, as the driver's {@code options} property passes it at connection start. */
    static final String OPTION = "-c standard_conforming_strings=on";

    @Bean
    static BeanPostProcessor standardConformingStringsOnEveryConnection() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessBeforeInitialization(Object bean, String beanName) {
                if (bean instanceof HikariDataSource dataSource) {
                    String options = dataSource.getDataSourceProperties().getProperty("options");
                    dataSource.addDataSourceProperty("options", options == null ? OPTION : options + " " + OPTION);
                }
                return bean;
            }
        };
    }
}
