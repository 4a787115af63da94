package id.terpadu.pages;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import id.terpadu.access.Caller;
import org.jooq.DSLContext;
import org.jooq.JSON;
import org.jooq.Record5;
import org.jooq.Select;
import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
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

    /**
     * The position the statement is built with in place of the real one, to find its bind value in
     * the rendered statement: below every household id.
     */
    private static final long AFTER_PLACEHOLDER = Long.MIN_VALUE + 20_260_101L;

    private final DSLContext dsl;
    private final Cache<Shape, Rendered> rendered;

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

    /** A statement's text and bind values, and which bind value is the page's position (-1: none). */
    private record Rendered(String sql, Object[] bindValues, int afterIndex) {

        Object[] boundTo(Long afterId) {
            Object[] values = bindValues.clone();
            if (afterIndex >= 0) {
                values[afterIndex] = afterId;
            }
            return values;
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
                                                            Function<Long, Select<Record5<JSON, String[], Long[], String[], Long[]>>> build) {
        Rendered statement = rendered.get(shape, key -> render(build.apply(afterId == null ? null : AFTER_PLACEHOLDER), afterId != null));
        return dsl.resultQuery(statement.sql(), statement.boundTo(afterId))
                .coerce(HouseholdPageStatement.DATA, HouseholdPageStatement.KKS, HouseholdPageStatement.KK_HOUSEHOLDS,
                        HouseholdPageStatement.NIKS, HouseholdPageStatement.NIK_MEMBERS)
                .fetchSingle();
    }

    /** How many shapes are kept. */
    long size() {
        rendered.cleanUp();
        return rendered.estimatedSize();
    }

    private Rendered render(Select<?> select, boolean positioned) {
        String sql = dsl.render(select);
        if (sql.indexOf('{') >= 0) {
            // the text goes back to jOOQ as plain SQL, whose templates read braces
            throw new NotCompilable("a statement with braces in its text");
        }
        List<Object> values = dsl.extractBindValues(select);
        int afterIndex = -1;
        for (int i = 0; i < values.size(); i++) {
            if (Long.valueOf(AFTER_PLACEHOLDER).equals(values.get(i))) {
                if (afterIndex >= 0) {
                    throw new NotCompilable("the page's position bound twice");
                }
                afterIndex = i;
            }
        }
        if (positioned && afterIndex < 0) {
            throw new NotCompilable("the page's position not bound");
        }
        return new Rendered(sql, values.toArray(), afterIndex);
    }
}
