package id.terpadu.graphql;

import id.terpadu.db.tables.records.BenefitRecord;
import id.terpadu.db.tables.records.HouseholdRecord;
import id.terpadu.db.tables.records.MemberRecord;
import org.springframework.boot.graphql.autoconfigure.GraphQlSourceBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.graphql.execution.ClassNameTypeResolver;
import org.springframework.graphql.execution.RuntimeWiringConfigurer;

/** Scalars, and which GraphQL type each jOOQ record stands for when a field returns an interface. */
@Configuration(proxyBeanMethods = false)
class GraphQlConfiguration {

    @Bean
    RuntimeWiringConfigurer scalars() {
        return wiring -> wiring.scalar(Scalars.DATE).scalar(Scalars.DATE_TIME);
    }

    @Bean
    GraphQlSourceBuilderCustomizer nodeTypes() {
        ClassNameTypeResolver resolver = new ClassNameTypeResolver();
        resolver.addMapping(HouseholdRecord.class, "Household");
        resolver.addMapping(MemberRecord.class, "Member");
        resolver.addMapping(BenefitRecord.class, "Benefit");
        return builder -> builder.defaultTypeResolver(resolver);
    }
}
