package id.terpadu.access;

import graphql.schema.GraphQLFieldsContainer;
import graphql.schema.GraphQLInputObjectType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLType;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.execution.GraphQlSource;
import org.springframework.stereotype.Controller;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** {@code accessPolicy}: the role × field matrix of the policy, for administrators. */
@Controller
class AccessPolicyController {

    private final AccessPolicy policy;
    private final GraphQlSource graphQlSource;

    AccessPolicyController(AccessPolicy policy, GraphQlSource graphQlSource) {
        this.policy = policy;
        this.graphQlSource = graphQlSource;
    }

    @QueryMapping
    Matrix accessPolicy() {
        List<RoleDescription> roles = policy.roles().entrySet().stream()
                .map(role -> {
                    AccessPolicy.BenefitAccess benefits = policy.benefitAccess()
                            .getOrDefault(role.getKey(), new AccessPolicy.BenefitAccess(List.of(), List.of()));
                    return new RoleDescription(role.getKey(), role.getValue(), benefits.read(), benefits.write(),
                            policy.memberAges().get(role.getKey()));
                })
                .toList();
        return new Matrix(roles, fields(graphQlSource.schema()));
    }

    private List<FieldAccess> fields(GraphQLSchema schema) {
        List<FieldAccess> fields = new ArrayList<>();
        for (GraphQLType type : schema.getAllTypesAsList()) {
            if (type instanceof GraphQLFieldsContainer container && !container.getName().startsWith("__")
                    && !container.getName().equals("Mutation")) {
                container.getFieldDefinitions().forEach(field ->
                        fields.add(read(container.getName(), field.getName())));
            } else if (type instanceof GraphQLInputObjectType input && policy.coversType(input.getName())) {
                input.getFieldDefinitions().forEach(field -> fields.add(read(input.getName(), field.getName())));
            }
        }
        policy.writeAccess().forEach((mutation, access) -> {
            fields.add(new FieldAccess("Mutation." + mutation, "WRITE", sorted(access.roles()), List.of()));
            access.fields().forEach((field, roles) ->
                    fields.add(new FieldAccess("Mutation." + mutation + ".input." + field, "WRITE", sorted(roles), List.of())));
        });
        policy.changeRequestDeciders().forEach((kind, byProgramme) -> byProgramme.forEach((programme, deciders) -> {
            String coordinate = "ChangeRequest." + kind + (programme.equals(AccessPolicy.ANY_PROGRAMME) ? "" : "." + programme);
            fields.add(new FieldAccess(coordinate, "PROPOSE", sorted(deciders.propose()), List.of()));
            fields.add(new FieldAccess(coordinate, "APPROVE", sorted(deciders.approve()), List.of()));
        }));
        return fields;
    }

    private FieldAccess read(String type, String field) {
        Set<String> readers = policy.readers(type, field);
        List<String> masked = policy.maskedFields().contains(type + "." + field)
                ? readers.stream().filter(role -> !policy.unmaskedFor().contains(role)).sorted().toList()
                : List.of();
        return new FieldAccess(type + "." + field, "READ", sorted(readers), masked);
    }

    private static List<String> sorted(Set<String> roles) {
        return roles.stream().sorted().toList();
    }

    record Matrix(List<RoleDescription> roles, List<FieldAccess> fields) {
    }

    record RoleDescription(String name, String description, List<String> readsBenefitsOf, List<String> writesBenefitsOf,
                           Integer seesMembersUpToAge) {
    }

    record FieldAccess(String coordinate, String kind, List<String> roles, List<String> maskedFor) {
    }
}
