package id.terpadu.access;

import org.springframework.boot.graphql.autoconfigure.GraphQlSourceBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.graphql.ExecutionGraphQlService;
import org.springframework.graphql.execution.BatchLoaderRegistry;
import org.springframework.graphql.execution.DefaultExecutionGraphQlService;
import org.springframework.graphql.execution.GraphQlSource;

import java.util.List;

/** Wires the one access policy into GraphQL: field visibility, identity masking and the write check. */
@Configuration(proxyBeanMethods = false)
class AccessConfiguration {

    @Bean
    AccessPolicy accessPolicy() {
        return AccessPolicy.load();
    }

    /**
     * Runs every request on the schema its caller's roles may see, with the data loaders of the
     * batch loaders made when a field first asks for one ({@link DataLoadersOnFirstUse}).
     */
    @Bean
    ExecutionGraphQlService executionGraphQlService(GraphQlSource graphQlSource, AccessPolicy policy,
                                                    BatchLoaderRegistry batchLoaderRegistry,
                                                    List<QueryExecution> queryExecutions) {
        ExecutionGraphQlService service =
                new DefaultExecutionGraphQlService(new PolicyScopedGraphQlSource(graphQlSource, policy, queryExecutions));
        return request -> {
            request.configureExecutionInput((input, builder) -> builder
                    .dataLoaderRegistry(new DataLoadersOnFirstUse(batchLoaderRegistry, input.getGraphQLContext()))
                    .build());
            return service.execute(request);
        };
    }

    @Bean
    GraphQlSourceBuilderCustomizer identityMasking(AccessPolicy policy, Disclosure disclosure) {
        return builder -> builder.typeVisitors(List.of(new IdentityMasking(policy, disclosure)));
    }

    @Bean
    WritePolicyInstrumentation writePolicyInstrumentation(AccessPolicy policy) {
        return new WritePolicyInstrumentation(policy);
    }
}
