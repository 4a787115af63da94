package id.terpadu.audit;

import graphql.GraphQLContext;
import id.terpadu.access.Caller;
import id.terpadu.db.tables.records.AuditEntryRecord;
import id.terpadu.db.tables.records.HouseholdRecord;
import id.terpadu.db.tables.records.IdentityReadRecord;
import id.terpadu.db.tables.records.MemberRecord;
import id.terpadu.error.BadRequestException;
import id.terpadu.error.NotFoundException;
import id.terpadu.graphql.Edge;
import id.terpadu.graphql.GlobalId;
import id.terpadu.graphql.PageInfo;
import org.dataloader.DataLoader;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.graphql.data.method.annotation.SubscriptionMapping;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.graphql.execution.BatchLoaderRegistry;
import org.springframework.stereotype.Controller;
import reactor.core.publisher.Mono;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

import static id.terpadu.db.Tables.AUDIT_ENTRY;

/** The audit trail over GraphQL: the change feed, histories, chain verification and the access log. */
@Controller
class AuditController {

    private static final int POLLED = 200;

    private final AuditRepository repository;
    private final AuditEntryViews views;
    private final AuditedFields fields;

    private final IdentityReadLog identityReads;
    private final Duration pollInterval;

    AuditController(AuditRepository repository, AuditEntryViews views, AuditedFields fields, BatchLoaderRegistry loaders,
                    IdentityReadLog identityReads, @Value("${terpadu.audit.poll-interval:500ms}") Duration pollInterval) {
        this.identityReads = identityReads;
        this.pollInterval = pollInterval;
        this.repository = repository;
        this.views = views;
        this.fields = fields;
        loaders.forTypePair(HistoryKey.class, AuditEntryConnection.class)
                .registerMappedBatchLoader((keys, environment) -> Mono.fromSupplier(() -> histories(keys)));
    }

    /** A page of audit entries. */
    record AuditEntryConnection(List<Edge<AuditEntryView>> edges, PageInfo pageInfo) {
    }

    /** The verification of a range of the chain. */
    record AuditVerification(boolean intact, int checked, String firstBrokenPosition, String reason) {
    }

    /** One read of whole identity numbers, for the administrator. */
    record IdentityRead(OffsetDateTime readAt, AuditEntryView.Actor reader, String operation, String requestId,
                        String field, String memberId, String householdId) {
    }

    /** Whose history, and which page of it. */
    record HistoryKey(boolean ofMember, long id, int first, Long before, Caller caller, GraphQLContext context) {
    }

    @QueryMapping
    AuditEntryConnection changes(@Argument String after, @Argument Integer first, @Argument List<String> types,
                                 GraphQLContext context) {
        long from = after == null ? 0 : position(after, "after");
        int size = pageSize(first, 100, 100, "first");
        List<AuditEntryRecord> entries = repository.after(from, size + 1, repository.visible(tables(types)));
        return connection(entries, size, Caller.current(), context);
    }

    /**
     * Each hub instance polls the committed trail for each subscriber, so every instance delivers
     * every change, and a client that comes back with its last cursor misses none.
     */
    @SubscriptionMapping
    Flux<AuditEntryView> changed(@Argument List<String> types, @Argument String after) {
        Set<String> tables = tables(types);
        SecurityContext security = SecurityContextHolder.getContext();
        Caller caller = Caller.current();
        AtomicLong last = new AtomicLong(after == null ? repository.lastPosition() : position(after, "after"));
        return Flux.interval(Duration.ZERO, pollInterval)
                .onBackpressureDrop()
                .publishOn(Schedulers.boundedElastic())
                .concatMap(tick -> Flux.fromIterable(poll(security, caller, tables, last)), 1);
    }

    private List<AuditEntryView> poll(SecurityContext security, Caller caller, Set<String> tables, AtomicLong last) {
        SecurityContextHolder.setContext(security);
        try {
            // every position up to the head has committed: the chain gives positions in commit order
            long head = repository.lastPosition();
            List<AuditEntryRecord> entries = repository.between(last.get(), head, POLLED, repository.visible(tables));
            last.set(entries.size() < POLLED ? head : entries.getLast().getPosition());
            IdentityReads reads = new IdentityReads(caller, null);
            reads.operation("changed");
            GraphQLContext context = GraphQLContext.newContext().of(IdentityReads.class, reads).build();
            List<AuditEntryView> views = entries.stream().map(entry -> this.views.view(entry, caller, context)).toList();
            identityReads.write(reads);
            return views;
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    @SchemaMapping(typeName = "Household")
    CompletableFuture<AuditEntryConnection> history(HouseholdRecord household, @Argument Integer first,
                                                    @Argument String after, GraphQLContext context,
                                                    DataLoader<HistoryKey, AuditEntryConnection> loader) {
        return loader.load(historyKey(false, household.getId(), first, after, context));
    }

    @SchemaMapping(typeName = "Member", field = "history")
    CompletableFuture<AuditEntryConnection> memberHistory(MemberRecord member, @Argument Integer first,
                                                          @Argument String after, GraphQLContext context,
                                                          DataLoader<HistoryKey, AuditEntryConnection> loader) {
        return loader.load(historyKey(true, member.getId(), first, after, context));
    }

    @QueryMapping
    AuditVerification verifyAudit(@Argument String from, @Argument String to) {
        long first = from == null ? 1 : Long.parseLong(number(from, "from"));
        long last = to == null ? repository.lastPosition() : Long.parseLong(number(to, "to"));
        if (first < 1 || last < first) {
            throw new BadRequestException("to", "The range must start at 1 or later and end at or after its start.");
        }
        int checked = repository.count(first, last);
        List<Long> breaks = repository.chainBreaks(first, last);
        if (breaks.isEmpty()) {
            return new AuditVerification(true, checked, null, null);
        }
        return new AuditVerification(false, checked, String.valueOf(breaks.getFirst()),
                "The entry at this position does not match its hash or follows a gap: the trail was changed in the database.");
    }

    @QueryMapping
    List<IdentityRead> accessLog(@Argument String subject, @Argument String member, @Argument Integer first) {
        Long memberId = null;
        if (member != null) {
            memberId = repository.memberIdByNik(member);
            if (memberId == null) {
                throw new NotFoundException("member", "No person with this NIK is registered.");
            }
        }
        List<IdentityReadRecord> reads = repository.identityReads(subject, memberId, pageSize(first, 100, 100, "first"));
        return reads.stream().map(read -> new IdentityRead(read.getReadAt(),
                new AuditEntryView.Actor(read.getSubject(), read.getUsername(), read.getClient(), read.getRoles()),
                read.getOperation(), read.getRequestId(), read.getField(),
                read.getMemberId() == null ? null : GlobalId.encode("Member", read.getMemberId()),
                read.getHouseholdId() == null ? null : GlobalId.encode("Household", read.getHouseholdId()))).toList();
    }

    private HistoryKey historyKey(boolean ofMember, long id, Integer first, String after, GraphQLContext context) {
        return new HistoryKey(ofMember, id, pageSize(first, 20, 100, "first"),
                after == null ? null : position(after, "after"), Caller.current(), context);
    }

    /** One statement per kind of page asked (usually one for the whole batch). */
    private Map<HistoryKey, AuditEntryConnection> histories(Set<HistoryKey> keys) {
        Map<HistoryKey, AuditEntryConnection> result = new HashMap<>();
        Map<List<Object>, List<HistoryKey>> pages = keys.stream().collect(Collectors.groupingBy(
                key -> java.util.Arrays.asList(key.ofMember(), key.first(), key.before())));
        for (List<HistoryKey> page : pages.values()) {
            HistoryKey sample = page.getFirst();
            Map<Long, List<AuditEntryRecord>> entries = repository.newestOf(
                    sample.ofMember() ? AUDIT_ENTRY.MEMBER_ID : AUDIT_ENTRY.HOUSEHOLD_ID,
                    page.stream().map(HistoryKey::id).toList(), sample.before(), sample.first() + 1, repository.visible(null));
            for (HistoryKey key : page) {
                result.put(key, connection(entries.getOrDefault(key.id(), List.of()), key.first(), key.caller(), key.context()));
            }
        }
        return result;
    }

    private AuditEntryConnection connection(List<AuditEntryRecord> entries, int size, Caller caller, GraphQLContext context) {
        List<Edge<AuditEntryView>> edges = new ArrayList<>();
        for (AuditEntryRecord entry : entries.subList(0, Math.min(size, entries.size()))) {
            AuditEntryView view = views.view(entry, caller, context);
            edges.add(new Edge<>(view.cursor(), view));
        }
        return new AuditEntryConnection(edges, new PageInfo(entries.size() > size, false,
                edges.isEmpty() ? null : edges.getFirst().cursor(), edges.isEmpty() ? null : edges.getLast().cursor()));
    }

    /** The tables of these GraphQL types; all audited tables when none are given. */
    Set<String> tables(List<String> types) {
        if (types == null) {
            return null;
        }
        Set<String> tables = new LinkedHashSet<>();
        for (int i = 0; i < types.size(); i++) {
            String type = types.get(i);
            Set<String> ofType = fields.tables().stream().filter(table -> fields.typeOf(table).equals(type))
                    .collect(Collectors.toSet());
            if (ofType.isEmpty()) {
                throw new BadRequestException("types[" + i + "]", "'" + type + "' is not a type whose changes the hub records.");
            }
            tables.addAll(ofType);
        }
        return tables;
    }

    static long position(String cursor, String argument) {
        return AuditEntryViews.position(cursor, argument);
    }

    private static String number(String text, String argument) {
        if (!text.matches("[0-9]{1,18}")) {
            throw new BadRequestException(argument, "A position is a whole number.");
        }
        return text;
    }

    private static int pageSize(Integer first, int fallback, int most, String argument) {
        int size = first == null ? fallback : first;
        if (size < 1 || size > most) {
            throw new BadRequestException(argument, "Give between 1 and " + most + ".");
        }
        return size;
    }
}
