package id.terpadu.limits;

import graphql.normalized.ExecutableNormalizedField;
import graphql.schema.GraphQLArgument;
import graphql.schema.GraphQLDirectiveContainer;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLInputObjectField;
import graphql.schema.GraphQLInputObjectType;
import graphql.schema.GraphQLInputType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLTypeUtil;
import id.terpadu.access.IdentityKind;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The whole identity numbers a field of an operation gives to look records up with: the values of
 * its arguments and input fields that the schema marks {@code @identityNumber}, in nested input
 * objects and lists too.
 */
final class IdentityNumbersGiven {

    static final String DIRECTIVE = "identityNumber";

    /** One number given, and which kind it is (as the directive says). */
    record Given(IdentityKind kind, String number) {
    }

    private IdentityNumbersGiven() {
    }

    static List<Given> of(GraphQLSchema schema, ExecutableNormalizedField field) {
        List<Given> given = new ArrayList<>();
        List<GraphQLFieldDefinition> definitions = field.getFieldDefinitions(schema);
        if (definitions.isEmpty()) {
            return given;
        }
        for (GraphQLArgument argument : definitions.getFirst().getArguments()) {
            collect(argument, argument.getType(), field.getResolvedArguments().get(argument.getName()), given);
        }
        return given;
    }

    private static void collect(GraphQLDirectiveContainer element, GraphQLInputType type, Object value,
                                List<Given> given) {
        if (value == null) {
            return;
        }
        if (value instanceof Collection<?> values) {
            values.forEach(item -> collect(element, type, item, given));
            return;
        }
        if (element.hasAppliedDirective(DIRECTIVE) && value instanceof String number) {
            Object kind = element.getAppliedDirective(DIRECTIVE).getArgument("kind").getValue();
            given.add(new Given(IdentityKind.valueOf(String.valueOf(kind)), number));
            return;
        }
        if (GraphQLTypeUtil.unwrapAll(type) instanceof GraphQLInputObjectType input && value instanceof Map<?, ?> fields) {
            for (GraphQLInputObjectField inputField : input.getFieldDefinitions()) {
                collect(inputField, inputField.getType(), fields.get(inputField.getName()), given);
            }
        }
    }
}
