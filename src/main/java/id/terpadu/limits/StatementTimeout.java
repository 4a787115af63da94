package id.terpadu.limits;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import java.time.Duration;

/**
 * Every connection of the hub's pool, the embedded server's or a configured one, starts with the
 * statement timeout of {@link QueryLimits}: PostgreSQL cancels a statement that runs longer, and
 * the client gets a clear error instead of a hub whose connections are all busy.
 */
@Configuration(proxyBeanMethods = false)
class StatementTimeout {

    @Bean
    static BeanPostProcessor statementTimeoutOnEveryConnection(Environment environment) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessBeforeInitialization(Object bean, String beanName) {
                if (bean instanceof HikariDataSource dataSource) {
                    Duration timeout = Binder.get(environment).bindOrCreate("terpadu.limits", QueryLimits.class).statementTimeout();
                    dataSource.setConnectionInitSql("SET statement_timeout = " + timeout.toMillis());
                }
                return bean;
            }
        };
    }
}
