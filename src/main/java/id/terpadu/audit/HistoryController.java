package id.terpadu.audit;

import graphql.GraphQLContext;
import id.terpadu.access.Caller;
import id.terpadu.db.tables.records.AuditEntryRecord;
import id.terpadu.db.tables.records.HouseholdRecord;
import id.terpadu.db.tables.records.MemberRecord;
import id.terpadu.graphql.Paging;
import org.dataloader.DataLoader;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.ContextValue;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.graphql.execution.BatchLoaderRegistry;
import org.springframework.stereotype.Controller;
import reactor.core.publisher.Mono;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

import static id.terpadu.db.Tables.AUDIT_ENTRY;

/**
 * {@code history} of households and members: their newest audit entries, loaded in one statement
 * for a whole page of households or members asking for the same page of history.
 */
@Controller
class HistoryController {

    private final AuditRepository repository;
    private final AuditEntryViews views;
    private final Paging paging;

    HistoryController(AuditRepository repository, AuditEntryViews views, Paging paging, BatchLoaderRegistry loaders) {
        this.repository = repository;
        this.views = views;
        this.paging = paging;
        loaders.forTypePair(HistoryKey.class, AuditEntryConnection.class)
                .registerMappedBatchLoader((keys, environment) -> Mono.fromSupplier(() -> histories(keys)));
    }

    /** Whose history, which page of it, and for whom. */
    record HistoryKey(boolean ofMember, long id, int first, Long before, Caller caller, GraphQLContext context) {
    }

    @SchemaMapping(typeName = "Household")
    CompletableFuture<AuditEntryConnection> history(HouseholdRecord household, @Argument Integer first,
                                                    @Argument String after, @ContextValue Caller caller,
                                                    GraphQLContext context, DataLoader<HistoryKey, AuditEntryConnection> loader) {
        return loader.load(key(false, household.getId(), first, after, caller, context));
    }

    @SchemaMapping(typeName = "Member", field = "history")
    CompletableFuture<AuditEntryConnection> memberHistory(MemberRecord member, @Argument Integer first,
                                                          @Argument String after, @ContextValue Caller caller,
                                                          GraphQLContext context, DataLoader<HistoryKey, AuditEntryConnection> loader) {
        return loader.load(key(true, member.getId(), first, after, caller, context));
    }

    private HistoryKey key(boolean ofMember, long id, Integer first, String after, Caller caller, GraphQLContext context) {
        return new HistoryKey(ofMember, id, paging.size(first, "first"),
                after == null ? null : AuditEntryViews.position(after, "after"), caller, context);
    }

    /** One statement per kind of page asked (usually one for the whole batch: one request, one caller). */
    private Map<HistoryKey, AuditEntryConnection> histories(Set<HistoryKey> keys) {
        Map<HistoryKey, AuditEntryConnection> result = new HashMap<>();
        Map<List<Object>, List<HistoryKey>> pages = keys.stream().collect(Collectors.groupingBy(
                key -> Arrays.asList(key.ofMember(), key.first(), key.before(), key.caller())));
        for (List<HistoryKey> page : pages.values()) {
            HistoryKey sample = page.getFirst();
            Map<Long, List<AuditEntryRecord>> entries = repository.newestOf(
                    sample.ofMember() ? AUDIT_ENTRY.MEMBER_ID : AUDIT_ENTRY.HOUSEHOLD_ID,
                    page.stream().map(HistoryKey::id).toList(), sample.before(), sample.first() + 1,
                    repository.visible(sample.caller(), null));
            for (HistoryKey key : page) {
                result.put(key, AuditEntryConnection.of(entries.getOrDefault(key.id(), List.of()), key.first(), views,
                        key.caller(), key.context()));
            }
        }
        return result;
    }
}
