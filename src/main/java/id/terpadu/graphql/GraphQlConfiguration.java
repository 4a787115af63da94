package id.terpadu.graphql;

import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.WiringFactory;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.graphql.autoconfigure.GraphQlSourceBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.graphql.data.method.annotation.support.AnnotatedControllerConfigurer;
import org.springframework.graphql.execution.ClassNameTypeResolver;
import org.springframework.graphql.execution.RuntimeWiringConfigurer;

import java.util.List;

/**
 * Scalars, which GraphQL type each jOOQ record stands for when a field returns an interface, and
 * where controller methods run.
 */
@Configuration(proxyBeanMethods = false)
class GraphQlConfiguration {

    @Bean
    RuntimeWiringConfigurer scalars() {
        return new RuntimeWiringConfigurer() {
            @Override
            public void configure(RuntimeWiring.Builder wiring) {
                wiring.scalar(Scalars.DATE).scalar(Scalars.DATE_TIME);
            }

            /** The built-in Float is replaced through a factory: the wiring refuses to redefine it. */
            @Override
            public void configure(RuntimeWiring.Builder wiring, List<WiringFactory> factories) {
                factories.add(Scalars.FLOAT_WIRING);
            }
        };
    }

    /**
     * Runs controller and batch-loader methods on the thread of the request (a virtual thread)
     * rather than on the application task executor that Spring Boot hands them. On the executor,
     * batches completed on other threads while graphql-java was still counting the objects of a
     * level, and it sometimes dispatched a level's loaders twice: the same page cost 20 SQL
     * statements on one request and 25 on the next.
     */
    @Bean
    static BeanPostProcessor controllersOnTheRequestThread() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessBeforeInitialization(Object bean, String beanName) {
                if (bean instanceof AnnotatedControllerConfigurer configurer) {
                    configurer.setBlockingMethodPredicate(method -> false);
                }
                return bean;
            }
        };
    }

    /**
     * The {@code id} of every node type, its global ID, computed from the record as a trivial data
     * fetcher: a page answers hundreds of them, and a fetcher that only reads its object pays
     * neither Spring's context propagation nor a per-field observation.
     */
    @Bean
    RuntimeWiringConfigurer globalIds(List<NodeType<?>> types) {
        return wiring -> types.forEach(type ->
                wiring.type(type.name(), builder -> builder.dataFetcher("id", new GlobalIdFetcher(type))));
    }

    /** Which type an object of an interface field is: the node type whose record class it is. */
    @Bean
    GraphQlSourceBuilderCustomizer nodeTypes(List<NodeType<?>> types) {
        ClassNameTypeResolver resolver = new ClassNameTypeResolver();
        types.forEach(type -> resolver.addMapping(type.recordType(), type.name()));
        return builder -> builder.defaultTypeResolver(resolver);
    }
}
