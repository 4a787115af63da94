package id.terpadu.audit;

import id.terpadu.observability.RequestIds;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.jdbc.support.JdbcTransactionManager;

import javax.sql.DataSource;

/** Wires the audit: the transaction manager that names the writer, the request id for GraphQL, the instrumentation. */
@Configuration(proxyBeanMethods = false)
class AuditConfiguration {

    /** Replaces Spring Boot's transaction manager (which backs off) with one that tells the audit who writes. */
    @Bean
    JdbcTransactionManager transactionManager(DataSource dataSource) {
        return new AuditTransactionManager(dataSource);
    }

    /** Hands the request id of the HTTP request to the GraphQL execution. */
    @Bean
    WebGraphQlInterceptor requestIdInterceptor() {
        return (request, chain) -> {
            Object requestId = request.getAttributes().get(RequestIds.MDC_KEY);
            if (requestId != null) {
                request.configureExecutionInput((input, builder) -> {
                    input.getGraphQLContext().put(AuditInstrumentation.REQUEST_ID, requestId);
                    return input;
                });
            }
            return chain.next(request);
        };
    }

    @Bean
    AuditInstrumentation auditInstrumentation(IdentityReadLog log) {
        return new AuditInstrumentation(log);
    }
}
