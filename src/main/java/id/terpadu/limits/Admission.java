package id.terpadu.limits;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * How many GraphQL requests over HTTP the hub works on at once; the others wait their turn. On a
 * small server a few requests at a time finish sooner, one after the other, than many sharing the
 * cores and the heap: each page request holds some megabytes while it runs, and 16 at once on a
 * 208 MiB heap kept the collector busy. Waiting costs a virtual thread and the request's body.
 *
 * @param maxInFlight how many requests run at once (0: no bound); about twice the cores
 * @param maxWait     how long a request waits for its turn before it is answered 503 with
 *                    {@code Retry-After}, so a flood does not queue without end
 */
@ConfigurationProperties("terpadu.admission")
public record Admission(
        @DefaultValue("4") int maxInFlight,
        @DefaultValue("10s") Duration maxWait) {
}
