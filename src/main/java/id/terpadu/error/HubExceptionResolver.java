package id.terpadu.error;

import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.schema.DataFetchingEnvironment;
import id.terpadu.observability.RequestIds;
import org.jspecify.annotations.Nullable;
import org.postgresql.util.PSQLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.graphql.execution.DataFetcherExceptionResolverAdapter;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one place that decides the shape of an error a client sees: the classification, the input
 * field at fault and a clerk's message. Constraint violations from the database are translated by
 * constraint name, so the database stays the final guard; a statement the database cancelled for
 * running too long names that limit; a database that cannot be reached is {@code UNAVAILABLE}
 * (and the HTTP answer 503, see {@link UnavailableHttpStatus}). Anything else is an internal error: the client gets the
 * request id and no detail, the log gets the failure without its messages.
 */
@Component
class HubExceptionResolver extends DataFetcherExceptionResolverAdapter {

    private static final String QUERY_CANCELED = "57014";
    private static final Logger log = LoggerFactory.getLogger(HubExceptionResolver.class);

    private final ConstraintViolations constraintViolations;

    HubExceptionResolver(ConstraintViolations constraintViolations) {
        this.constraintViolations = constraintViolations;
    }

    @Override
    protected @Nullable GraphQLError resolveToSingleError(Throwable ex, DataFetchingEnvironment env) {
        HubException hubException = switch (ex) {
            case HubException known -> known;
            case DataIntegrityViolationException violation -> constraintViolations.translate(violation).orElse(null);
            default -> cancelledForTime(ex) ? new BadRequestException(null,
                    "The database stopped this request because it ran too long: ask for less (a narrower filter, a smaller page).",
                    Map.of("limit", "statementTimeout")) : unreachable(ex, env);
        };
        if (hubException == null) {
            String requestId = MDC.get(RequestIds.MDC_KEY);
            log.error("Unexpected failure at {} (request {}): {}", env.getExecutionStepInfo().getPath(), requestId,
                    UnexpectedFailure.describe(ex));
            return GraphqlErrorBuilder.newError(env)
                    .errorType(ErrorType.INTERNAL_ERROR)
                    .message("The hub could not complete this request; the failure is logged"
                            + (requestId == null ? "." : " under request id " + requestId + "."))
                    .build();
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

    /** The database cannot be reached: said at once (after the pool's short connection timeout), not as an internal error. */
    private static @Nullable HubException unreachable(Throwable failure, DataFetchingEnvironment env) {
        if (!DatabaseUnreachable.causes(failure)) {
            return null;
        }
        log.warn("The database could not be reached at {} (request {}): {}", env.getExecutionStepInfo().getPath(),
                MDC.get(RequestIds.MDC_KEY), UnexpectedFailure.describe(failure).lines().findFirst().orElse(""));
        return new UnavailableException("The database cannot be reached right now, so the hub could not do this: "
                + "try again in a minute. A change that was cut off is either wholly saved or not at all.");
    }

    private static boolean cancelledForTime(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof PSQLException psql && QUERY_CANCELED.equals(psql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
