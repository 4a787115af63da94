package id.terpadu.audit;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.jdbc.support.JdbcTransactionManager;

import javax.sql.DataSource;

/** Wires the audit: the transaction manager that names the writer, the request id, the instrumentation. */
@Configuration(proxyBeanMethods = false)
class AuditConfiguration {

    /** Replaces Spring Boot's transaction manager (which backs off) with one that tells the audit who writes. */
    @Bean
    JdbcTransactionManager transactionManager(DataSource dataSource) {
        return new AuditTransactionManager(dataSource);
    }

    /** Before security, so that refused requests carry an id too. */
    @Bean
    FilterRegistrationBean<RequestIdFilter> requestIdFilter() {
        FilterRegistrationBean<RequestIdFilter> registration = new FilterRegistrationBean<>(new RequestIdFilter());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    /** Hands the request id of the HTTP request to the GraphQL execution. */
    @Bean
    WebGraphQlInterceptor requestIdInterceptor() {
        return (request, chain) -> {
            Object requestId = request.getAttributes().get(RequestIdFilter.KEY);
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
