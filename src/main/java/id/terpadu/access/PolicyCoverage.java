package id.terpadu.access;

import graphql.schema.GraphQLFieldsContainer;
import graphql.schema.GraphQLInputObjectType;
import graphql.schema.GraphQLNamedType;
import graphql.schema.GraphQLSchema;
import org.springframework.graphql.execution.GraphQlSource;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;

/**
 * Refuses to start when the policy and the schema disagree: every output type must be in the
 * read policy and every mutation in the write policy, so adding a field or a mutation without
 * deciding who may use it fails at once instead of leaking or locking out.
 */
@Component
class PolicyCoverage {

    PolicyCoverage(AccessPolicy policy, GraphQlSource graphQlSource) {
        List<String> gaps = gaps(policy, graphQlSource.schema());
        if (!gaps.isEmpty()) {
            throw new IllegalStateException("The access policy does not cover: " + String.join(", ", gaps));
        }
    }

    static List<String> gaps(AccessPolicy policy, GraphQLSchema schema) {
        List<String> gaps = new ArrayList<>();
        for (GraphQLNamedType type : schema.getAllTypesAsList()) {
            String name = type.getName();
            if (name.startsWith("__")) {
                continue;
            }
            if (type instanceof GraphQLFieldsContainer container && !policy.coversType(name)) {
                gaps.add("read." + name);
            }
            if (type instanceof GraphQLFieldsContainer container && policy.coversType(name)) {
                policy.readAccess().get(name).fields().keySet().stream()
                        .filter(field -> container.getFieldDefinition(field) == null)
                        .forEach(field -> gaps.add("read." + name + "." + field + " (no such field)"));
            }
            if (type instanceof GraphQLInputObjectType input && policy.coversType(name)) {
                policy.readAccess().get(name).fields().keySet().stream()
                        .filter(field -> input.getFieldDefinition(field) == null)
                        .forEach(field -> gaps.add("read." + name + "." + field + " (no such field)"));
            }
        }
        if (schema.getMutationType() != null) {
            schema.getMutationType().getFieldDefinitions().stream()
                    .filter(field -> !policy.writeAccess().containsKey(field.getName()))
                    .forEach(field -> gaps.add("write." + field.getName()));
        }
        policy.writeAccess().keySet().stream()
                .filter(mutation -> schema.getMutationType() == null || schema.getMutationType().getFieldDefinition(mutation) == null)
                .forEach(mutation -> gaps.add("write." + mutation + " (no such mutation)"));
        return gaps;
    }
}
