package id.terpadu.error;

import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.schema.DataFetchingEnvironment;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.graphql.execution.DataFetcherExceptionResolverAdapter;
import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one place that decides the shape of an error a client sees: the classification, the input
 * field at fault and a clerk's message. Constraint violations from the database are translated by
 * constraint name, so the database stays the final guard. Anything else is left to the default
 * handling, which shows no stack trace or SQL.
 */
@Component
class HubExceptionResolver extends DataFetcherExceptionResolverAdapter {

    private final ConstraintViolations constraintViolations;

    HubExceptionResolver(ConstraintViolations constraintViolations) {
        this.constraintViolations = constraintViolations;
    }

    @Override
    protected @Nullable GraphQLError resolveToSingleError(Throwable ex, DataFetchingEnvironment env) {
        HubException hubException = switch (ex) {
            case HubException known -> known;
            case DataIntegrityViolationException violation -> constraintViolations.translate(violation).orElse(null);
            default -> null;
        };
        if (hubException == null) {
            return null;
        }
        Map<String, Object> extensions = new LinkedHashMap<>();
        if (hubException.field() != null) {
            extensions.put("field", hubException.field());
        }
        extensions.putAll(hubException.details());
        return GraphqlErrorBuilder.newError(env)
                .errorType(hubException.classification())
                .message(hubException.getMessage())
                .extensions(extensions)
                .build();
    }
}
