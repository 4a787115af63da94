package id.terpadu.pages;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import id.terpadu.access.Caller;
import id.terpadu.sql.RenderedStatement;
import id.terpadu.sql.RenderedStatements;
import org.jooq.DSLContext;
import org.jooq.DataType;
import org.jooq.Field;
import org.jooq.JSON;
import org.jooq.Record5;
import org.jooq.Select;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Component;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The SQL of compiled pages and look-ups, built and rendered once per shape of request and then
 * only bound and run: building and rendering a page's statement costs the hub more than running
 * it. A shape is the document and operation, the arguments of the root field other than its
 * slot's value (the cursor's position of a page, the number a look-up gives), what the policy
 * sees of the caller (roles, region, client: not who the caller is) and the day (the policy's age
 * limits and a filter's "current" benefits count from it). The statement's only bind value that
 * changes within a shape is its slot's: the household the page continues after, the number looked
 * up.
 */
@Component
class RenderedPages {

    /** The name of a statement's slot. */
    private static final String SLOT = "slot";

    private final DSLContext dsl;
    private final RenderedStatements statements;
    private final Cache<Shape, RenderedStatement> rendered;

    RenderedPages(DSLContext dsl, RenderedStatements statements) {
        this.dsl = dsl;
        this.statements = statements;
        this.rendered = Caffeine.newBuilder().maximumSize(1_000).build();
    }

    /**
     * A compiled statement's answer: the {@code data} of the response as JSON text (UTF-8, as the
     * database sent it), the whole KKs it
     * holds with their households and the whole NIKs with their members, at the same indexes (null:
     * none disclosed).
     */
    record Answer(byte[] data, String[] kks, Long[] kkHouseholds, String[] niks, Long[] nikMembers) {
    }

    /** What makes two requests one statement with another value in its slot. */
    record Shape(String document, String operation, Caller policyView, Map<String, Object> arguments, LocalDate day) {

        /** The shape of a request whose root field has these arguments, the one named {@code slot} bound at each run. */
        static Shape of(String document, String operation, Caller caller, Map<String, Object> arguments, String slot) {
            Map<String, Object> withoutPosition = new HashMap<>(arguments);
            withoutPosition.computeIfPresent(slot, (name, value) -> Boolean.TRUE);
            return new Shape(document, operation, new Caller(null, null, caller.client(), caller.roles(), caller.region()),
                    withoutPosition, LocalDate.now());
        }
    }

    /**
     * The answer of a request of this shape with this value in its slot (a page's first: null, and
     * then the statement has no slot), from the statement {@code build} makes for the slot, built and
     * rendered on the shape's first request.
     *
     * @throws NotCompilable when {@code build} finds the request not compilable (nothing is kept)
     */
    <T> Answer answer(Shape shape, DataType<T> type, T value,
                      Function<Field<T>, Select<Record5<JSON, String[], Long[], String[], Long[]>>> build) {
        RenderedStatement statement = rendered.get(shape, key -> render(build, value == null ? null : type));
        return value == null ? statements.query(statement, RenderedPages::answer) : statements.query(statement, RenderedPages::answer, value);
    }

    /** The one row of a page's statement: its JSON, the whole KKs and their households, the whole NIKs and their members. */
    private static Answer answer(ResultSet rows) throws SQLException {
        if (!rows.next()) {
            throw new SQLException("A compiled statement answered no row");
        }
        // the JSON's bytes as the driver holds them, not copied, read once: CompactJson compacts them in place
        return new Answer(rows.getBytes(1), array(rows, 2, String[].class), array(rows, 3, Long[].class),
                array(rows, 4, String[].class), array(rows, 5, Long[].class));
    }

    private static <A> A array(ResultSet rows, int column, Class<A> type) throws SQLException {
        Array array = rows.getArray(column);
        return array == null ? null : type.cast(array.getArray());
    }

    /** How many shapes are kept. */
    long size() {
        rendered.cleanUp();
        return rendered.estimatedSize();
    }

    private <T> RenderedStatement render(Function<Field<T>, ? extends Select<?>> build, DataType<T> slot) {
        Select<?> select = build.apply(slot == null ? null : DSL.param(SLOT, slot));
        try {
            return slot == null ? RenderedStatement.of(dsl, select) : RenderedStatement.of(dsl, select, SLOT);
        } catch (IllegalArgumentException notRenderable) {
            throw new NotCompilable(notRenderable.getMessage());
        }
    }
}
