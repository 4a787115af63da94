package id.terpadu.audit;

import graphql.GraphQLContext;
import id.terpadu.access.Caller;
import id.terpadu.db.tables.records.AuditEntryRecord;
import id.terpadu.graphql.Paging;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.ContextValue;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SubscriptionMapping;
import org.springframework.stereotype.Controller;
import reactor.core.publisher.Flux;

import java.util.List;

/** The change feed: pulled page by page ({@code changes}) or pushed as changes commit ({@code changed}). */
@Controller
class ChangeFeedController {

    private static final int DEFAULT_PAGE = 100;

    private final AuditRepository repository;
    private final AuditEntryViews views;
    private final ChangeFeed feed;
    private final Paging paging;

    ChangeFeedController(AuditRepository repository, AuditEntryViews views, ChangeFeed feed, Paging paging) {
        this.repository = repository;
        this.views = views;
        this.feed = feed;
        this.paging = paging;
    }

    @QueryMapping
    AuditEntryConnection changes(@Argument String after, @Argument Integer first, @Argument List<String> types,
                                 @ContextValue Caller caller, GraphQLContext context) {
        long from = after == null ? 0 : AuditEntryViews.position(after, "after");
        int size = paging.size(first, DEFAULT_PAGE, "first");
        List<AuditEntryRecord> entries = repository.after(from, size + 1, repository.visible(caller, views.tables(types)));
        return AuditEntryConnection.of(entries, size, views, caller, context);
    }

    @SubscriptionMapping
    Flux<AuditEntryView> changed(@Argument List<String> types, @Argument String after, @ContextValue Caller caller) {
        return feed.subscribe(caller, views.tables(types), after == null ? null : AuditEntryViews.position(after, "after"));
    }
}
