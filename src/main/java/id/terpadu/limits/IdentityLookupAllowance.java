package id.terpadu.limits;

import graphql.ExecutionResult;
import graphql.execution.AbortExecutionException;
import graphql.execution.ExecutionContext;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationExecuteOperationParameters;
import graphql.normalized.ExecutableNormalizedField;
import id.terpadu.access.Caller;
import id.terpadu.access.Disclosure;
import id.terpadu.access.IdentityReads;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Look-ups by whole identity numbers from callers who see such numbers masked: a look-up confirms
 * a number the caller may not read, so each number given is noted as an identity read, and a caller
 * may give only so many an hour (refilled steadily). Checked before anything runs; a request over
 * the allowance reads and writes nothing. The allowance is each hub instance's own.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class IdentityLookupAllowance extends SimplePerformantInstrumentation {

    private final Disclosure disclosure;
    private final QueryLimits limits;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    IdentityLookupAllowance(Disclosure disclosure, QueryLimits limits) {
        this.disclosure = disclosure;
        this.limits = limits;
    }

    @Override
    public InstrumentationContext<ExecutionResult> beginExecuteOperation(InstrumentationExecuteOperationParameters parameters,
                                                                        InstrumentationState state) {
        ExecutionContext execution = parameters.getExecutionContext();
        Caller caller = Caller.of(execution.getGraphQLContext());
        List<IdentityNumbersGiven.Given> masked = new ArrayList<>();
        for (ExecutableNormalizedField field : execution.getNormalizedQueryTree().get().getFieldToNormalizedField().values()) {
            IdentityNumbersGiven.of(execution.getGraphQLSchema(), field).stream()
                    .filter(given -> disclosure.seesMasked(caller, given.kind()))
                    .forEach(masked::add);
        }
        if (masked.isEmpty()) {
            return super.beginExecuteOperation(parameters, state);
        }
        if (!limits.identityLookupExemptClients().contains(caller.client())) {
            ConsumptionProbe probe = bucketOf(caller).tryConsumeAndReturnRemaining(masked.size());
            if (!probe.isConsumed()) {
                long seconds = Math.max(1, Duration.ofNanos(probe.getNanosToWaitForRefill()).toSeconds());
                var error = LimitRefusal.error("identityLookups", limits.identityLookupsPerHour(), masked.size(), null,
                        "You may look up " + limits.identityLookupsPerHour() + " whole NIKs or KKs an hour, which you see "
                                + "masked; this request gives " + masked.size() + " and " + probe.getRemainingTokens()
                                + " are left. Address records by their ID instead, or try again in " + seconds + " s.",
                        Map.of("retryAfterSeconds", seconds));
                throw new AbortExecutionException(List.of(error));
            }
        }
        IdentityReads reads = IdentityReads.of(execution.getGraphQLContext());
        masked.forEach(given -> disclosure.lookedUp(caller, given.kind(), given.number(), reads));
        return super.beginExecuteOperation(parameters, state);
    }

    private Bucket bucketOf(Caller caller) {
        String key = caller.subject() != null ? caller.subject() : "anonymous";
        return buckets.computeIfAbsent(key, subject -> Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(limits.identityLookupsPerHour())
                        .refillGreedy(limits.identityLookupsPerHour(), Duration.ofHours(1)).build())
                .build());
    }
}
