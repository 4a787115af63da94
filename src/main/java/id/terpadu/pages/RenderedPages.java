package id.terpadu.pages;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import id.terpadu.access.Caller;
import id.terpadu.sql.RenderedStatement;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.JSON;
import org.jooq.Record5;
import org.jooq.Select;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The SQL of compiled pages, built and rendered once per shape of request and then only bound and
 * run: building and rendering a page's statement costs the hub more than running it. A shape is
 * the document and operation, the arguments of {@code households} other than the cursor's
 * position, what the policy sees of the caller (roles, region, client: not who the caller is) and
 * the day (the policy's age limits and a filter's "current" benefits count from it). The
 * statement's only bind value that changes within a shape is the household the page continues
 * after.
 */
@Component
class RenderedPages {

    /** The statement's slot for the household the page continues after. */
    private static final String AFTER = "after";

    private final DSLContext dsl;
    private final Cache<Shape, RenderedStatement> rendered;

    RenderedPages(DSLContext dsl) {
        this.dsl = dsl;
        this.rendered = Caffeine.newBuilder().maximumSize(1_000).build();
    }

    /** What makes two page requests one statement with another cursor position. */
    record Shape(String document, String operation, Caller policyView, Map<String, Object> arguments, LocalDate day) {

        static Shape of(String document, String operation, Caller caller, Map<String, Object> arguments) {
            Map<String, Object> withoutPosition = new HashMap<>(arguments);
            withoutPosition.computeIfPresent("after", (name, cursor) -> Boolean.TRUE);
            return new Shape(document, operation, new Caller(null, null, caller.client(), caller.roles(), caller.region()),
                    withoutPosition, LocalDate.now());
        }
    }

    /**
     * The answer of a page of this shape continuing after this household (null: the first page),
     * from the statement {@code build} makes for a position, built and rendered on the shape's first
     * request.
     *
     * @throws NotCompilable when {@code build} finds the request not compilable (nothing is kept)
     */
    Record5<JSON, String[], Long[], String[], Long[]> answer(Shape shape, Long afterId,
                                                            Function<Field<Long>, Select<Record5<JSON, String[], Long[], String[], Long[]>>> build) {
        RenderedStatement statement = rendered.get(shape, key -> render(build, afterId != null));
        Object[] bindings = afterId == null ? statement.bindings() : statement.bindings(afterId);
        return dsl.resultQuery(statement.sql(), bindings)
                .coerce(HouseholdPageStatement.DATA, HouseholdPageStatement.KKS, HouseholdPageStatement.KK_HOUSEHOLDS,
                        HouseholdPageStatement.NIKS, HouseholdPageStatement.NIK_MEMBERS)
                .fetchSingle();
    }

    /** How many shapes are kept. */
    long size() {
        rendered.cleanUp();
        return rendered.estimatedSize();
    }

    private RenderedStatement render(Function<Field<Long>, ? extends Select<?>> build, boolean positioned) {
        Select<?> select = build.apply(positioned ? DSL.param(AFTER, SQLDataType.BIGINT) : null);
        try {
            return positioned ? RenderedStatement.of(dsl, select, AFTER) : RenderedStatement.of(dsl, select);
        } catch (IllegalArgumentException notRenderable) {
            throw new NotCompilable(notRenderable.getMessage());
        }
    }
}
