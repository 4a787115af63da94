package id.terpadu.access;

import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLFieldsContainer;
import graphql.schema.GraphQLInputFieldsContainer;
import graphql.schema.GraphQLInputObjectField;
import graphql.schema.visibility.GraphqlFieldVisibility;

import java.util.List;

/**
 * Shows a caller only the fields its roles may read: a hidden field does not exist for that
 * caller, whether it is asked for directly, through an alias or fragment, used as a filter, or
 * looked up by introspection. Input types that only mutations take are left visible; the write
 * policy decides who may use them.
 */
class PolicyFieldVisibility implements GraphqlFieldVisibility {

    private final AccessPolicy policy;
    private final Caller caller;

    PolicyFieldVisibility(AccessPolicy policy, Caller caller) {
        this.policy = policy;
        this.caller = caller;
    }

    @Override
    public List<GraphQLFieldDefinition> getFieldDefinitions(GraphQLFieldsContainer container) {
        return container.getFieldDefinitions().stream()
                .filter(field -> visible(caller, container.getName(), field.getName()))
                .toList();
    }

    @Override
    public GraphQLFieldDefinition getFieldDefinition(GraphQLFieldsContainer container, String fieldName) {
        GraphQLFieldDefinition field = container.getFieldDefinition(fieldName);
        return field != null && visible(caller, container.getName(), fieldName) ? field : null;
    }

    @Override
    public List<GraphQLInputObjectField> getFieldDefinitions(GraphQLInputFieldsContainer container) {
        return container.getFieldDefinitions().stream()
                .filter(field -> inputVisible(caller, container.getName(), field.getName()))
                .toList();
    }

    @Override
    public GraphQLInputObjectField getFieldDefinition(GraphQLInputFieldsContainer container, String fieldName) {
        GraphQLInputObjectField field = container.getFieldDefinition(fieldName);
        return field != null && inputVisible(caller, container.getName(), fieldName) ? field : null;
    }

    private boolean visible(Caller caller, String type, String field) {
        return type.startsWith("__") || policy.canRead(caller, type, field);
    }

    private boolean inputVisible(Caller caller, String type, String field) {
        return !policy.coversType(type) || policy.canRead(caller, type, field);
    }
}
