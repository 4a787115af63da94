package id.terpadu.pages;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import id.terpadu.access.Caller;
import id.terpadu.access.IdentityReadLog;
import id.terpadu.sql.RenderedStatement;
import id.terpadu.sql.RenderedStatements;
import org.jooq.DSLContext;
import org.jooq.DataType;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Component;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The SQL of compiled pages and look-ups, built and rendered once per shape of request and then
 * only bound and run: building and rendering a page's statement costs the hub more than running
 * it. A shape is the document and operation, the arguments of the root field other than its
 * slot's value (the cursor's position of a page, the number a look-up gives), what the policy
 * sees of the caller (roles, region, client: not who the caller is) and the day (the policy's age
 * limits and a filter's "current" benefits count from it). The bind values that change within a
 * shape are its slot's (the household the page continues after, the number looked up) and, for a
 * statement that logs the whole numbers it discloses, who reads in which request.
 */
@Component
class RenderedPages {

    /** The name of a statement's slot. */
    private static final String SLOT = "slot";

    private final DSLContext dsl;
    private final RenderedStatements statements;
    private final Cache<Shape, Rendered> rendered;

    RenderedPages(DSLContext dsl, RenderedStatements statements) {
        this.dsl = dsl;
        this.statements = statements;
        this.rendered = Caffeine.newBuilder().maximumSize(1_000).build();
    }

    /** A statement as it runs, and whether it logs its reads (and so binds the reader's slots). */
    private record Rendered(RenderedStatement statement, boolean logsReads) {
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
     * The {@code data} of the response to a request of this shape with this value in its slot (a
     * page's first: null, and then the statement has no slot), as JSON text (UTF-8, as the database
     * sent it), from the statement {@code build} makes for the slot, built and rendered on the shape's
     * first request. A statement that logs the whole numbers it discloses logs them as read by
     * {@code reader} ({@link IdentityReadLog#reader}).
     *
     * @throws NotCompilable when {@code build} finds the request not compilable (nothing is kept)
     */
    <T> byte[] answer(Shape shape, DataType<T> type, T value, Object[] reader,
                      Function<Field<T>, HouseholdPageStatement.Compiled> build) {
        Rendered statement = rendered.get(shape, key -> render(build, value == null ? null : type));
        List<Object> slots = new ArrayList<>(1 + reader.length);
        if (value != null) {
            slots.add(value);
        }
        if (statement.logsReads()) {
            slots.addAll(Arrays.asList(reader));
        }
        return statements.query(statement.statement(), RenderedPages::data, slots.toArray());
    }

    /** The one row of a page's statement: its JSON. */
    private static byte[] data(ResultSet rows) throws SQLException {
        if (!rows.next()) {
            throw new SQLException("A compiled statement answered no row");
        }
        // the JSON's bytes as the driver holds them, not copied, read once: CompactJson compacts them in place
        return rows.getBytes(1);
    }

    /** How many shapes are kept. */
    long size() {
        rendered.cleanUp();
        return rendered.estimatedSize();
    }

    private <T> Rendered render(Function<Field<T>, HouseholdPageStatement.Compiled> build, DataType<T> slot) {
        HouseholdPageStatement.Compiled compiled = build.apply(slot == null ? null : DSL.param(SLOT, slot));
        List<String> slots = new ArrayList<>();
        if (slot != null) {
            slots.add(SLOT);
        }
        if (compiled.logsReads()) {
            slots.addAll(IdentityReadLog.READER_SLOTS);
        }
        try {
            return new Rendered(RenderedStatement.of(dsl, compiled.select(), slots.toArray(String[]::new)), compiled.logsReads());
        } catch (IllegalArgumentException notRenderable) {
            throw new NotCompilable(notRenderable.getMessage());
        }
    }
}
