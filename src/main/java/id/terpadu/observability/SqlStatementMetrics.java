package id.terpadu.observability;

import id.terpadu.sql.StatementListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;
import org.jooq.impl.DefaultExecuteListenerProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Counts the SQL statements the hub runs ({@code terpadu_sql_statements_total}), so an operator
 * (and the benchmark) can divide them by the requests served and see that nested fields stay
 * batched under real load.
 */
@Configuration(proxyBeanMethods = false)
class SqlStatementMetrics {

    @Bean
    DefaultExecuteListenerProvider sqlStatementMetricsProvider(MeterRegistry meters) {
        Counter statements = statements(meters);
        return new DefaultExecuteListenerProvider(new ExecuteListener() {
            @Override
            public void executeStart(ExecuteContext context) {
                statements.increment();
            }
        });
    }

    /** The same count for the statements rendered once and run straight through JDBC. */
    @Bean
    StatementListener renderedStatementMetrics(MeterRegistry meters) {
        return statements(meters)::increment;
    }

    private static Counter statements(MeterRegistry meters) {
        return Counter.builder("terpadu.sql.statements")
                .description("SQL statements the hub runs")
                .register(meters);
    }
}
