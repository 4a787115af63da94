package id.terpadu.access;

import graphql.TrivialDataFetcher;
import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;
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
        registry.dataFetcher(coordinates, original instanceof TrivialDataFetcher<?>
                ? new TrivialMaskedIdentity(original, disclosure, parent.getName(), field.getName())
                : new MaskedIdentity(original, disclosure, parent.getName(), field.getName()));
        return TraversalControl.CONTINUE;
    }

    /** An identity field through the gate. */
    private static class MaskedIdentity implements DataFetcher<Object> {

        private final DataFetcher<?> original;
        private final Disclosure disclosure;
        private final String type;
        private final String field;

        MaskedIdentity(DataFetcher<?> original, Disclosure disclosure, String type, String field) {
            this.original = original;
            this.disclosure = disclosure;
            this.type = type;
            this.field = field;
        }

        @Override
        public Object get(DataFetchingEnvironment env) throws Exception {
            Object value = original.get(env);
            if (!(value instanceof String number)) {
                return value;
            }
            return disclosure.identity(Caller.of(env.getGraphQlContext()), type, field, number,
                    IdentityReads.of(env.getGraphQlContext()));
        }
    }

    /**
     * An identity property through the gate, trivial to graphql-java and Spring like the property it
     * reads: the gate works from the request's GraphQL context alone (the caller, the identity reads),
     * so it needs no propagated thread context and no observation of its own.
     */
    private static final class TrivialMaskedIdentity extends MaskedIdentity implements TrivialDataFetcher<Object> {

        TrivialMaskedIdentity(DataFetcher<?> original, Disclosure disclosure, String type, String field) {
            super(original, disclosure, type, field);
        }
    }
}
