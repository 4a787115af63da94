package id.terpadu.audit;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.support.JdbcTransactionManager;

import javax.sql.DataSource;

/** Wires the audit: the transaction manager that names the writer, and the instrumentation that says which mutation writes. */
@Configuration(proxyBeanMethods = false)
class AuditConfiguration {

    /** Replaces Spring Boot's transaction manager (which backs off) with one that tells the audit who writes. */
    @Bean
    JdbcTransactionManager transactionManager(DataSource dataSource) {
        return new AuditTransactionManager(dataSource);
    }

    @Bean
    AuditInstrumentation auditInstrumentation() {
        return new AuditInstrumentation();
    }
}
