package id.terpadu;

import org.jooq.impl.DefaultExecuteListenerProvider;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/** Registers the {@link SqlStatementCounter} with jOOQ. */
@TestConfiguration(proxyBeanMethods = false)
class SqlCountingConfiguration {

    @Bean
    SqlStatementCounter sqlStatementCounter() {
        return new SqlStatementCounter();
    }

    @Bean
    DefaultExecuteListenerProvider sqlStatementCounterProvider(SqlStatementCounter counter) {
        return new DefaultExecuteListenerProvider(counter);
    }
}
