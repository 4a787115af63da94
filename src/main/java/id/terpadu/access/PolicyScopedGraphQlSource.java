package id.terpadu.access;

import graphql.GraphQL;
import graphql.schema.GraphQLSchema;
import org.springframework.graphql.execution.GraphQlSource;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Hands each request the schema its caller's roles may see: the full schema with the policy's
 * field visibility for those roles fixed into it, so validation, execution and introspection all
 * agree, whatever thread they run on. One schema per combination of roles, built once.
 */
class PolicyScopedGraphQlSource implements GraphQlSource {

    private final GraphQlSource source;
    private final AccessPolicy policy;
    private final Map<Set<String>, GraphQL> byRoles = new ConcurrentHashMap<>();

    PolicyScopedGraphQlSource(GraphQlSource source, AccessPolicy policy) {
        this.source = source;
        this.policy = policy;
    }

    /**
     * Spring for GraphQL asks for the schema without handing over the request, so this reads the
     * caller from the thread's security context, where the request's token is in place.
     */
    @Override
    public GraphQL graphQl() {
        Set<String> roles = Caller.current().roles().stream()
                .filter(policy.roles()::containsKey)
                .collect(java.util.stream.Collectors.toUnmodifiableSet());
        return byRoles.computeIfAbsent(roles, this::forRoles);
    }

    /** The full schema, for the hub's own use (never served to a caller). */
    @Override
    public GraphQLSchema schema() {
        return source.schema();
    }

    private GraphQL forRoles(Set<String> roles) {
        Caller representative = new Caller(null, null, null, roles, null);
        GraphQLSchema full = source.schema();
        GraphQLSchema visible = full.transform(schema -> schema.codeRegistry(full.getCodeRegistry()
                .transform(registry -> registry.fieldVisibility(new PolicyFieldVisibility(policy, representative)))));
        return source.graphQl().transform(graphQl -> graphQl.schema(visible));
    }
}
