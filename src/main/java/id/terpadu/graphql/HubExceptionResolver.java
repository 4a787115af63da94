package id.terpadu.graphql;

import graphql.GraphQLContext;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.schema.DataFetchingEnvironment;
import id.terpadu.access.Caller;
import id.terpadu.access.Disclosure;
import id.terpadu.access.IdentityReads;
import id.terpadu.error.BadRequestException;
import id.terpadu.error.ConstraintViolations;
import id.terpadu.error.Disclosable;
import id.terpadu.error.HubException;
import id.terpadu.error.UnavailableException;
import id.terpadu.error.UnexpectedFailure;
import id.terpadu.request.RequestIds;
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
 * field at fault and a clerk's message. What a refusal says about the data passes the
 * {@link Disclosure} gate like any answer: a detail or a fuller message the caller may not read is
 * left out. Constraint violations from the database are translated by constraint name, so the
 * database stays the final guard; a statement the database cancelled for running too long names
 * that limit; a database that cannot be reached is {@code UNAVAILABLE} (and the HTTP answer 503,
 * see {@link UnavailableHttpStatus}). Anything else is an internal error: the client gets the
 * request id and no detail, the log gets the failure without its messages.
 */
@Component
class HubExceptionResolver extends DataFetcherExceptionResolverAdapter {

    private static final String QUERY_CANCELED = "57014";
    private static final Logger log = LoggerFactory.getLogger(HubExceptionResolver.class);

    private final ConstraintViolations constraintViolations;
    private final Disclosure disclosure;

    HubExceptionResolver(ConstraintViolations constraintViolations, Disclosure disclosure) {
        this.constraintViolations = constraintViolations;
        this.disclosure = disclosure;
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
        GraphQLContext context = env.getGraphQlContext();
        Caller caller = Caller.of(context);
        IdentityReads reads = IdentityReads.of(context);
        Map<String, Object> extensions = new LinkedHashMap<>();
        if (hubException.field() != null) {
            extensions.put("field", hubException.field());
        }
        hubException.details().forEach((key, value) -> {
            if (value instanceof Disclosable disclosable) {
                disclosure.disclose(caller, disclosable, reads).ifPresent(shown -> extensions.put(key, shown));
            } else {
                extensions.put(key, value);
            }
        });
        Disclosable fact = hubException.revealedBy();
        String message = fact != null && disclosure.discloses(caller, fact) ? hubException.revealingMessage() : hubException.getMessage();
        return GraphqlErrorBuilder.newError(env)
                .errorType(hubException.classification())
                .message(message)
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
