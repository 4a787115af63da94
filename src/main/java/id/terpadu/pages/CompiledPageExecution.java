package id.terpadu.pages;

import graphql.execution.ExecutionStrategy;
import id.terpadu.access.Disclosure;
import id.terpadu.access.QueryExecution;
import id.terpadu.access.RowScope;
import id.terpadu.graphql.Paging;
import id.terpadu.household.HouseholdPages;
import org.jooq.DSLContext;
import org.springframework.stereotype.Component;

/** Puts the compiled households page in front of the field-by-field execution of queries. */
@Component
class CompiledPageExecution implements QueryExecution {

    private final CompiledPages settings;
    private final DSLContext dsl;
    private final RowScope scope;
    private final Disclosure disclosure;
    private final Paging paging;
    private final HouseholdPages pages;

    CompiledPageExecution(CompiledPages settings, DSLContext dsl, RowScope scope, Disclosure disclosure, Paging paging,
                          HouseholdPages pages) {
        this.pages = pages;
        this.settings = settings;
        this.dsl = dsl;
        this.scope = scope;
        this.disclosure = disclosure;
        this.paging = paging;
    }

    @Override
    public ExecutionStrategy around(ExecutionStrategy fieldByField) {
        return new CompiledPageStrategy(fieldByField, settings, dsl, scope, disclosure, paging, pages);
    }
}
