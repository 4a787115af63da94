package id.terpadu.audit;

import graphql.GraphQLContext;
import id.terpadu.access.Caller;
import id.terpadu.access.IdentityReadLog;
import id.terpadu.access.IdentityReads;
import id.terpadu.db.tables.records.AuditEntryRecord;
import id.terpadu.error.BadRequestException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;
import reactor.util.concurrent.Queues;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Pushes committed changes to the subscribers of {@code changed}. One poller per hub instance
 * reads the head of the trail; only when it moved does it read the new entries, once for all
 * subscribers who see the same (the same roles, region and types), and hands each subscriber those
 * after its own cursor. Every instance polls the committed trail, so each delivers every change,
 * and a client that comes back with its last cursor misses none. A caller may hold a few
 * subscriptions at once; a subscriber that does not take its events fast enough is ended, and
 * resumes with its last cursor.
 */
@Component
class ChangeFeed implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(ChangeFeed.class);
    /** Entries read per statement, and statements per subscriber group per poll (catching up). */
    private static final int PAGE = 200;
    private static final int PAGES_PER_POLL = 5;
    /** Events a subscriber may have waiting before it is ended as too slow. */
    private static final int BUFFER = 2_000;

    private final AuditRepository repository;
    private final ChainEnd chainEnd;
    private final AuditEntryViews views;
    private final IdentityReadLog identityReads;
    private final int maxPerCaller;
    private final Set<Subscriber> subscribers = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "change-feed");
        thread.setDaemon(true);
        return thread;
    });

    ChangeFeed(AuditRepository repository, ChainEnd chainEnd, AuditEntryViews views, IdentityReadLog identityReads,
               @Value("${terpadu.audit.poll-interval:500ms}") Duration pollInterval,
               @Value("${terpadu.audit.max-subscriptions-per-caller:5}") int maxPerCaller) {
        this.repository = repository;
        this.chainEnd = chainEnd;
        this.views = views;
        this.identityReads = identityReads;
        this.maxPerCaller = maxPerCaller;
        poller.scheduleWithFixedDelay(this::pollSafely, pollInterval.toMillis(), pollInterval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The changes after a position (the head when null) that the caller may see, as they commit. */
    Flux<AuditEntryView> subscribe(Caller caller, Set<String> tables, Long after) {
        long start = after == null ? chainEnd.position() : after;
        Subscriber subscriber = new Subscriber(caller, tables, start);
        synchronized (subscribers) {
            long held = subscribers.stream().filter(other -> Objects.equals(other.caller.subject(), caller.subject())).count();
            if (held >= maxPerCaller) {
                return Flux.error(new BadRequestException(null, "You hold " + held + " subscriptions to changes already, the most "
                        + "one caller may: end one (or subscribe to several types in one) before starting another.",
                        Map.of("limit", "maxSubscriptions", "maximum", maxPerCaller)));
            }
            subscribers.add(subscriber);
        }
        return subscriber.sink.asFlux().doFinally(signal -> subscribers.remove(subscriber));
    }

    private void pollSafely() {
        try {
            poll();
        } catch (RuntimeException failure) {
            // the next poll tries again; subscribers keep their cursors
            log.warn("Polling the change feed failed: {}", failure.getClass().getName());
        }
    }

    private void poll() {
        if (subscribers.isEmpty()) {
            return;
        }
        // every position up to the head has committed: the chain gives positions in commit order
        long head = chainEnd.position();
        Map<Audience, List<Subscriber>> audiences = subscribers.stream()
                .filter(subscriber -> subscriber.last < head)
                .collect(Collectors.groupingBy(Subscriber::audience));
        audiences.forEach((audience, group) -> deliver(audience, group, head));
    }

    /** Reads the new entries once for subscribers who see the same, and hands each the ones after its cursor. */
    private void deliver(Audience audience, List<Subscriber> group, long head) {
        long from = group.stream().mapToLong(subscriber -> subscriber.last).min().orElse(head);
        var visible = repository.visible(group.getFirst().caller, audience.tables());
        for (int page = 0; page < PAGES_PER_POLL && from < head; page++) {
            List<AuditEntryRecord> entries = repository.between(from, head, PAGE, visible);
            long upTo = entries.size() < PAGE ? head : entries.getLast().getPosition();
            for (Subscriber subscriber : group) {
                subscriber.deliver(entries, upTo);
            }
            from = upTo;
        }
    }

    @Override
    public void destroy() {
        poller.shutdownNow();
        subscribers.forEach(subscriber -> subscriber.sink.tryEmitComplete());
    }

    /** Subscribers who see the same entries: the same roles, region and types. */
    private record Audience(Set<String> roles, String region, Set<String> tables) {
    }

    private final class Subscriber {

        private final Caller caller;
        private final Set<String> tables;
        private final Sinks.Many<AuditEntryView> sink = Sinks.many().unicast().onBackpressureBuffer(Queues.<AuditEntryView>get(BUFFER).get());
        private volatile long last;

        Subscriber(Caller caller, Set<String> tables, long last) {
            this.caller = caller;
            this.tables = tables;
            this.last = last;
        }

        Audience audience() {
            return new Audience(caller.roles(), caller.region(), tables);
        }

        /** Hands over the entries after its cursor, and moves the cursor to {@code upTo}; whole numbers it reads are logged. */
        void deliver(List<AuditEntryRecord> entries, long upTo) {
            IdentityReads reads = new IdentityReads(caller, null);
            reads.operation("changed");
            GraphQLContext context = GraphQLContext.newContext().of(IdentityReads.class, reads).build();
            for (AuditEntryRecord entry : entries) {
                if (entry.getPosition() > last && sink.tryEmitNext(views.view(entry, caller, context)).isFailure()) {
                    sink.tryEmitError(new BadRequestException(null, "The subscriber did not take the changes as fast as they "
                            + "came and was ended: subscribe again with the cursor of the last change received."));
                    subscribers.remove(this);
                    return;
                }
            }
            last = Math.max(last, upTo);
            identityReads.write(reads);
        }
    }
}
