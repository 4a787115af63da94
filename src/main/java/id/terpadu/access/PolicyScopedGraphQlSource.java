package id.terpadu.access;

import graphql.GraphQL;
import graphql.Scalars;
import graphql.execution.ExecutionStrategy;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLInputObjectField;
import graphql.schema.GraphQLNamedSchemaElement;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLSchema;
import graphql.schema.transform.FieldVisibilitySchemaTransformation;
import graphql.schema.transform.VisibleFieldPredicateEnvironment;
import org.springframework.graphql.execution.GraphQlSource;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Hands each request the schema its caller's roles may see: the full schema without the fields
 * the policy does not grant those roles, the mutations they may not run, and every type they can
 * no longer reach, so validation, execution and introspection all agree: a field, a type or a
 * mutation outside the policy does not exist for the caller (a mutation is refused FORBIDDEN by
 * name before validation, see {@link WritePolicyInstrumentation}). One schema per combination of
 * roles, built once, with its own cache of the documents it has validated ({@link ValidatedDocuments}).
 */
class PolicyScopedGraphQlSource implements GraphQlSource {

    private static final String PLACEHOLDER = "noAccess";

    private final GraphQlSource source;
    private final AccessPolicy policy;
    private final List<QueryExecution> queryExecutions;
    private final Map<Set<String>, GraphQL> byRoles = new ConcurrentHashMap<>();

    PolicyScopedGraphQlSource(GraphQlSource source, AccessPolicy policy, List<QueryExecution> queryExecutions) {
        this.source = source;
        this.policy = policy;
        this.queryExecutions = List.copyOf(queryExecutions);
    }

    /**
     * Spring for GraphQL asks for the schema without handing over the request, so this reads the
     * caller from the thread's security context, where the request's token is in place.
     */
    @Override
    public GraphQL graphQl() {
        Set<String> roles = Caller.current().roles().stream()
                .filter(policy.roles()::containsKey)
                .collect(Collectors.toUnmodifiableSet());
        return byRoles.computeIfAbsent(roles, this::forRoles);
    }

    /** The full schema, for the hub's own use (never served to a caller). */
    @Override
    public GraphQLSchema schema() {
        return source.schema();
    }

    /** The schema a caller with these roles sees. */
    GraphQLSchema schemaFor(Set<String> roles) {
        return forRoles(roles).getGraphQLSchema();
    }

    private GraphQL forRoles(Set<String> roles) {
        Caller representative = new Caller(null, null, null, roles, null);
        GraphQLSchema visible = new FieldVisibilitySchemaTransformation(environment -> visible(representative, environment))
                .apply(withPlaceholders(source.schema()));
        GraphQLSchema served = withoutEmptyRoots(visible);
        GraphQL base = source.graphQl();
        ExecutionStrategy queries = base.getQueryStrategy();
        for (QueryExecution execution : queryExecutions) {
            queries = execution.around(queries);
        }
        ExecutionStrategy queryStrategy = queries;
        return base.transform(graphQl -> graphQl.schema(served).preparsedDocumentProvider(new ValidatedDocuments())
                .queryExecutionStrategy(queryStrategy));
    }

    /**
     * The full schema with a placeholder field on each root type. A root type must keep a field while
     * the schema is transformed; the placeholder is kept where a role sees no other field of the root,
     * and such a root is dropped afterwards (a query root stays, with only the placeholder, for a
     * token that carries none of the hub's roles).
     */
    private static GraphQLSchema withPlaceholders(GraphQLSchema schema) {
        return schema.transform(builder -> {
            builder.query(withPlaceholder(schema.getQueryType()));
            if (schema.getMutationType() != null) {
                builder.mutation(withPlaceholder(schema.getMutationType()));
            }
            if (schema.getSubscriptionType() != null) {
                builder.subscription(withPlaceholder(schema.getSubscriptionType()));
            }
        });
    }

    private static GraphQLObjectType withPlaceholder(GraphQLObjectType root) {
        return root.transform(type -> type.field(GraphQLFieldDefinition.newFieldDefinition()
                .name(PLACEHOLDER)
                .description("Your token grants none of the hub's roles that read or do anything here.")
                .type(Scalars.GraphQLBoolean)));
    }

    private boolean visible(Caller caller, VisibleFieldPredicateEnvironment environment) {
        GraphQLNamedSchemaElement field = environment.getSchemaElement();
        String type = ((GraphQLNamedSchemaElement) environment.getParentElement()).getName();
        if (type.startsWith("__")) {
            return true;
        }
        if (field.getName().equals(PLACEHOLDER)) {
            return seesNothingOf(caller, (GraphQLObjectType) environment.getParentElement());
        }
        if (field instanceof GraphQLInputObjectField) {
            // inputs the read policy does not name are mutation inputs: the write policy decides
            return !policy.coversType(type) || policy.canRead(caller, type, field.getName());
        }
        if (field instanceof GraphQLFieldDefinition && type.equals(source.schema().getMutationType().getName())) {
            return caller.hasAnyRole(policy.writers(field.getName()));
        }
        return policy.canRead(caller, type, field.getName());
    }

    /** Whether a role sees no field of a root type but the placeholder. */
    private boolean seesNothingOf(Caller caller, GraphQLObjectType root) {
        return root.getFieldDefinitions().stream()
                .filter(field -> !field.getName().equals(PLACEHOLDER))
                .noneMatch(field -> root.getName().equals(source.schema().getMutationType().getName())
                        ? caller.hasAnyRole(policy.writers(field.getName()))
                        : policy.canRead(caller, root.getName(), field.getName()));
    }

    /** A role that may run no mutation (or subscribe to nothing) gets a schema without that root type. */
    private static GraphQLSchema withoutEmptyRoots(GraphQLSchema schema) {
        boolean noMutations = isEmpty(schema.getMutationType());
        boolean noSubscriptions = isEmpty(schema.getSubscriptionType());
        if (!noMutations && !noSubscriptions) {
            return schema;
        }
        return schema.transform(builder -> {
            if (noMutations) {
                builder.mutation((GraphQLObjectType) null);
            }
            if (noSubscriptions) {
                builder.subscription((GraphQLObjectType) null);
            }
        });
    }

    private static boolean isEmpty(GraphQLObjectType root) {
        return root != null && root.getFieldDefinitions().stream().allMatch(field -> field.getName().equals(PLACEHOLDER));
    }
}
