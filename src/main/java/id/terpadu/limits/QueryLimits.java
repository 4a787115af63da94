package id.terpadu.limits;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

import java.time.Duration;

/**
 * What one request may ask of the hub, so that one careless or hostile query cannot take it down.
 * The defaults leave room for every agency query in the README and for GraphiQL's introspection.
 *
 * @param maxDepth            how deeply fields may nest (introspection aside: graphql-java's
 *                            good-faith check bounds that)
 * @param maxCost             the estimated number of values a query may produce: every field
 *                            counts once for each object it is asked of, so a field under a page
 *                            of {@code first: 50} counts 50 times
 * @param listSizeEstimate    how many items a list without a page size (a household's members, a
 *                            person's benefits) counts as in the cost
 * @param maxAliases          how many aliased fields one request may hold
 * @param maxFields           how many fields one request may hold, after fragments are spread
 * @param maxPageSize         the largest {@code first} or {@code last} of any paginated field
 * @param maxRequestSize      the largest request body
 * @param statementTimeout    how long one SQL statement may run before the database cancels it
 * @param identityLookupCost  what a field that looks a record up by a whole identity number
 *                            ({@code @identityNumber}) adds to the cost; it also counts as an alias
 * @param identityLookupsPerHour how many whole identity numbers a caller who sees such numbers
 *                            masked may give to look records up, per hour (refilled steadily)
 * @param identityLookupExemptClients clients (a token's {@code azp}) whose look-ups are logged but
 *                            not limited: the insurer's sync job, restricted to its registered
 *                            operations, sends lists of up to 1,000 NIKs
 */
@ConfigurationProperties("terpadu.limits")
public record QueryLimits(
        @DefaultValue("10") int maxDepth,
        @DefaultValue("50000") int maxCost,
        @DefaultValue("5") int listSizeEstimate,
        @DefaultValue("50") int maxAliases,
        @DefaultValue("300") int maxFields,
        @DefaultValue("100") int maxPageSize,
        @DefaultValue("256KB") DataSize maxRequestSize,
        @DefaultValue("15s") Duration statementTimeout,
        @DefaultValue("1000") int identityLookupCost,
        @DefaultValue("200") int identityLookupsPerHour,
        @DefaultValue("bpjs-sync") java.util.List<String> identityLookupExemptClients) {
}
