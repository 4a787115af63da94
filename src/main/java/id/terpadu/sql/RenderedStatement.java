package id.terpadu.sql;

import org.jooq.DSLContext;
import org.jooq.Param;
import org.jooq.Query;
import org.jooq.QueryPart;
import org.jooq.impl.DSL;

import java.util.List;

/**
 * A statement of the typed DSL rendered once and run many times with other values: for the hot
 * statements whose text is the same on every run, where building and rendering the statement cost
 * the hub more than the database's work. The statement is built with a named parameter
 * ({@code DSL.param(name, type)}) for each value that changes, its slots; every other bind value
 * is kept as built. A run binds the slots' values, each with its slot's data type, and hands the
 * text and bind values to jOOQ as plain SQL.
 */
public final class RenderedStatement {

    private final String sql;
    private final List<Param<?>> binds;
    private final int[] slotPositions;

    private RenderedStatement(String sql, List<Param<?>> binds, int[] slotPositions) {
        this.sql = sql;
        this.binds = binds;
        this.slotPositions = slotPositions;
    }

    /**
     * The statement rendered, with the named parameters {@code slots} as the values a run binds.
     *
     * @throws IllegalArgumentException when its text holds braces (plain SQL reads them as
     *                                  templates), or a slot is not bound exactly once
     */
    public static RenderedStatement of(DSLContext dsl, Query query, String... slots) {
        String sql = dsl.render(query);
        if (sql.indexOf('{') >= 0) {
            throw new IllegalArgumentException("A statement with braces in its text cannot run as plain SQL");
        }
        // the parameters in the order of their bind values: the inlined ones render no "?"
        List<Param<?>> binds = dsl.extractParams(query).values().stream().filter(param -> !param.isInline()).toList();
        if (binds.size() != dsl.extractBindValues(query).size()) {
            throw new IllegalArgumentException("A named parameter is bound more than once");
        }
        int[] positions = new int[slots.length];
        for (int slot = 0; slot < slots.length; slot++) {
            positions[slot] = -1;
            for (int position = 0; position < binds.size(); position++) {
                if (slots[slot].equals(binds.get(position).getParamName())) {
                    if (positions[slot] >= 0) {
                        throw new IllegalArgumentException("The parameter " + slots[slot] + " is bound more than once");
                    }
                    positions[slot] = position;
                }
            }
            if (positions[slot] < 0) {
                throw new IllegalArgumentException("The statement binds no parameter " + slots[slot]);
            }
        }
        return new RenderedStatement(sql, List.copyOf(binds), positions);
    }

    /** The statement's text. */
    public String sql() {
        return sql;
    }

    /** The statement's bind values with these values in its slots (in the order the slots were named). */
    public Object[] bindings(Object... slotValues) {
        if (slotValues.length != slotPositions.length) {
            throw new IllegalArgumentException("The statement has " + slotPositions.length + " slots, not " + slotValues.length);
        }
        QueryPart[] bindings = binds.toArray(new QueryPart[0]);
        for (int slot = 0; slot < slotPositions.length; slot++) {
            Param<?> param = binds.get(slotPositions[slot]);
            bindings[slotPositions[slot]] = DSL.val(slotValues[slot], param.getDataType());
        }
        return bindings;
    }
}
