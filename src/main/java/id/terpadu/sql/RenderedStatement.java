package id.terpadu.sql;

import org.jooq.Configuration;
import org.jooq.Converter;
import org.jooq.DSLContext;
import org.jooq.DataType;
import org.jooq.Param;
import org.jooq.Query;
import org.jooq.QueryPart;
import org.jooq.impl.DSL;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A statement of the typed DSL rendered once and run many times with other values: for the hot
 * statements whose text is the same on every run, where building and rendering the statement cost
 * the hub more than the database's work. The statement is built with a named parameter
 * ({@code DSL.param(name, type)}) for each value that changes, its slots; every other value is
 * written into its text as a literal, as jOOQ inlines it. So the statement's only bind values are
 * its slots, and the database plans it knowing the rest: a statement whose limits, regions and
 * keys were bind values too is planned anew on every run once its tables are large (a generic
 * plan of an unknown {@code LIMIT} costs a tenth of the table), and binding and parsing some sixty
 * constant values on every run cost the hub and the database for nothing. A run binds the slots'
 * values, each with its slot's data type: handed to jOOQ as plain SQL with its bind values
 * ({@link #bindings}), or to JDBC by {@link RenderedStatements} (values of the types of
 * {@link #DATABASE_TYPES} only).
 */
public final class RenderedStatement {

    /** The Java types of database values a run binds through JDBC. */
    static final Set<Class<?>> DATABASE_TYPES = Set.of(String.class, Integer.class, Long.class, Short.class, Boolean.class,
            BigDecimal.class, Double.class, Float.class, LocalDate.class, byte[].class, String[].class, Long[].class,
            Integer[].class);

    private final String sql;
    /** The slots in the order of their bind markers in the text. */
    private final List<Param<?>> binds;
    /** For each slot in the order it was named, the position of its bind marker. */
    private final int[] slotPositions;
    /** The names of the database's types of the array slots' elements (null: not an array). */
    private final String[] arrayElementTypes;

    private RenderedStatement(String sql, List<Param<?>> binds, int[] slotPositions, Configuration configuration) {
        this.sql = sql;
        this.binds = binds;
        this.slotPositions = slotPositions;
        this.arrayElementTypes = new String[binds.size()];
        for (int position = 0; position < binds.size(); position++) {
            DataType<?> type = binds.get(position).getDataType();
            if (!DATABASE_TYPES.contains(type.getFromType())) {
                throw new IllegalArgumentException("A bind value of the type " + type.getFromType().getName());
            }
            if (type.isArray()) {
                String element = type.getArrayComponentDataType().getTypeName(configuration);
                // the element type of char(n)[] is bpchar ("char" is PostgreSQL's one-byte type)
                arrayElementTypes[position] = element.equals("char") ? "bpchar" : element;
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static Object databaseValue(DataType<?> type, Object value) {
        return value == null ? null : ((Converter<Object, Object>) type.getConverter()).to(value);
    }

    /**
     * The statement rendered, with the named parameters {@code slots} as the values a run binds and
     * every other value inlined.
     *
     * @throws IllegalArgumentException when its text holds braces (plain SQL reads them as
     *                                  templates), a slot is not bound exactly once, a named
     *                                  parameter is not a slot, or a slot is of a type JDBC is not
     *                                  given here
     */
    public static RenderedStatement of(DSLContext dsl, Query query, String... slots) {
        // the named parameters as ":name", every other value as a literal
        String named = dsl.renderNamedOrInlinedParams(query);
        if (named.indexOf('{') >= 0) {
            throw new IllegalArgumentException("A statement with braces in its text cannot run as plain SQL");
        }
        Map<String, Param<?>> params = dsl.extractParams(query);
        List<String> marked = new ArrayList<>();
        String sql = SlotMarkers.replace(named, marked);
        List<Param<?>> binds = new ArrayList<>(marked.size());
        for (String name : marked) {
            Param<?> param = params.get(name);
            if (param == null || !Arrays.asList(slots).contains(name)) {
                throw new IllegalArgumentException("The named parameter " + name + " is not one of the slots");
            }
            binds.add(param);
        }
        int[] positions = new int[slots.length];
        for (int slot = 0; slot < slots.length; slot++) {
            positions[slot] = marked.indexOf(slots[slot]);
            if (positions[slot] < 0) {
                throw new IllegalArgumentException("The statement binds no parameter " + slots[slot]);
            }
            if (marked.lastIndexOf(slots[slot]) != positions[slot]) {
                throw new IllegalArgumentException("The parameter " + slots[slot] + " is bound more than once");
            }
        }
        return new RenderedStatement(sql, List.copyOf(binds), positions, dsl.configuration());
    }

    /** Binds the statement's values, with these values in its slots, to a JDBC statement of its text. */
    void bind(PreparedStatement statement, Object... slotValues) throws SQLException {
        Object[] values = new Object[binds.size()];
        checkSlots(slotValues);
        for (int slot = 0; slot < slotPositions.length; slot++) {
            values[slotPositions[slot]] = databaseValue(binds.get(slotPositions[slot]).getDataType(), slotValues[slot]);
        }
        for (int position = 0; position < values.length; position++) {
            bind(statement, position, values[position]);
        }
    }

    private void bind(PreparedStatement statement, int position, Object value) throws SQLException {
        int index = position + 1;
        switch (value) {
            case null -> statement.setNull(index, binds.get(position).getDataType().getSQLType());
            case String text -> statement.setString(index, text);
            case Long number -> statement.setLong(index, number);
            case Integer number -> statement.setInt(index, number);
            case Short number -> statement.setShort(index, number);
            case Boolean truth -> statement.setBoolean(index, truth);
            case BigDecimal number -> statement.setBigDecimal(index, number);
            case Double number -> statement.setDouble(index, number);
            case Float number -> statement.setFloat(index, number);
            // a day as JDBC 4.2 takes it: its ISO text, of a type the database infers from where it stands
            case LocalDate day -> statement.setObject(index, day);
            case byte[] bytes -> statement.setBytes(index, bytes);
            case Object[] array -> statement.setArray(index, statement.getConnection().createArrayOf(arrayElementTypes[position], array));
            default -> throw new IllegalArgumentException("A bind value of the type " + value.getClass().getName());
        }
    }

    private void checkSlots(Object[] slotValues) {
        if (slotValues.length != slotPositions.length) {
            throw new IllegalArgumentException("The statement has " + slotPositions.length + " slots, not " + slotValues.length);
        }
    }

    /** The statement's text. */
    public String sql() {
        return sql;
    }

    /**
     * The statement's bind values with these values in its slots (in the order the slots were
     * named), for jOOQ's plain SQL: how the tests check the values {@link RenderedStatements} binds.
     */
    Object[] bindings(Object... slotValues) {
        checkSlots(slotValues);
        QueryPart[] bindings = binds.toArray(new QueryPart[0]);
        for (int slot = 0; slot < slotPositions.length; slot++) {
            Param<?> param = binds.get(slotPositions[slot]);
            bindings[slotPositions[slot]] = DSL.val(slotValues[slot], param.getDataType());
        }
        return bindings;
    }
}
