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
 * Sends the identity fields of the policy (NIK, KK) of every answer through the {@link Disclosure}
 * gate: masked for the roles that see them masked, whole (and noted as read) for the others.
 */
class IdentityMasking extends GraphQLTypeVisitorStub {

    private final AccessPolicy policy;
    private final Disclosure disclosure;

    IdentityMasking(AccessPolicy policy, Disclosure disclosure) {
        this.policy = policy;
        this.disclosure = disclosure;
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
            return disclosure.identity(Caller.of(env.getGraphQlContext()), parent.getName(), field.getName(), number,
                    IdentityReads.of(env.getGraphQlContext()));
        });
        return TraversalControl.CONTINUE;
    }
}
