package id.terpadu.access;

import graphql.schema.DataFetcher;
import graphql.schema.FieldCoordinates;
import graphql.schema.GraphQLCodeRegistry;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLFieldsContainer;
import graphql.schema.GraphQLSchemaElement;
import graphql.schema.GraphQLTypeVisitorStub;
import graphql.util.TraversalControl;
import graphql.util.TraverserContext;

/**
 * Masks the identity fields of the policy (NIK, KK) for every role not allowed to see them whole:
 * {@code 5106011203800001} becomes {@code 5106********0001}, enough to tell records apart.
 */
public class IdentityMasking extends GraphQLTypeVisitorStub {

    private final AccessPolicy policy;

    IdentityMasking(AccessPolicy policy) {
        this.policy = policy;
    }

    /** The number with all but its first and last four digits hidden. */
    public static String mask(String number) {
        if (number == null || number.length() < 8) {
            return number;
        }
        return number.substring(0, 4) + "*".repeat(number.length() - 8) + number.substring(number.length() - 4);
    }

    @Override
    public TraversalControl visitGraphQLFieldDefinition(GraphQLFieldDefinition field,
                                                        TraverserContext<GraphQLSchemaElement> context) {
        if (!(context.getParentNode() instanceof GraphQLFieldsContainer parent)
                || !policy.maskedFields().contains(parent.getName() + "." + field.getName())) {
            return TraversalControl.CONTINUE;
        }
        GraphQLCodeRegistry.Builder registry = context.getVarFromParents(GraphQLCodeRegistry.Builder.class);
        FieldCoordinates coordinates = FieldCoordinates.coordinates(parent.getName(), field.getName());
        DataFetcher<?> original = registry.getDataFetcher(coordinates, field);
        registry.dataFetcher(coordinates, (DataFetcher<Object>) env -> {
            Object value = original.get(env);
            if (!(value instanceof String number)) {
                return value;
            }
            if (policy.masks(Caller.of(env.getGraphQlContext()), parent.getName(), field.getName())) {
                return mask(number);
            }
            // a whole identity number leaves the hub: the request's access log notes whose
            IdentityReads.record(env.getGraphQlContext(), parent.getName(), field.getName(), env.getSource());
            return number;
        });
        return TraversalControl.CONTINUE;
    }
}
