package id.terpadu.sql;

import id.terpadu.RepositoryTest;
import org.jooq.DataType;
import org.jooq.Field;
import org.jooq.Param;
import org.jooq.Record;
import org.jooq.Select;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A statement rendered once runs with each run's values in its slots, and its fixed values as
 * built: through jOOQ as plain SQL and straight through JDBC, whose runs the listeners learn of.
 */
@Import({RenderedStatements.class, RenderedStatementTest.Listener.class})
class RenderedStatementTest extends RepositoryTest {

    @Autowired
    private RenderedStatements statements;

    @Autowired
    private Listener listener;

    /** Counts the runs it learns of. */
    static class Listener implements StatementListener {

        private final AtomicInteger runs = new AtomicInteger();

        @Override
        public void started() {
            runs.incrementAndGet();
        }
    }

    @Test
    void eachRunThroughJdbcAnswersWhatTheStatementBuiltWithItsValuesAnswers() {
        RenderedStatement statement = RenderedStatement.of(dsl, statement(null, null, null), "list", "name", "days");
        // a slot's null renders the statement; built with values, they are typed values
        int runsBefore = listener.runs.get();
        for (Object[] values : new Object[][] {{new String[] {"a", "b"}, "Wayan", 6}, {new String[] {}, null, 41}, {null, "", null}}) {
            Record built = dsl.fetchSingle(statement((String[]) values[0], (String) values[1], (Integer) values[2]));
            List<Object> run = statements.query(statement, rows -> {
                assertThat(rows.next()).isTrue();
                Array list = rows.getArray(3);
                return Arrays.asList(rows.getString(1), rows.getObject(2), list == null ? null : List.of((Object[]) list.getArray()),
                        rows.getObject(4, LocalDate.class));
            }, values);
            assertThat(run.get(0)).isEqualTo(built.get(0, String.class));
            assertThat(run.get(1)).isEqualTo(built.get(1, Integer.class));
            assertThat(run.get(2)).isEqualTo(built.get(2, String[].class) == null ? null : List.of(built.get(2, String[].class)));
            assertThat(run.get(3)).isEqualTo(built.get(3, LocalDate.class)).isEqualTo(LocalDate.of(2026, 12, 3));
        }
        assertThat(listener.runs.get() - runsBefore).isEqualTo(3);
    }

    @Test
    void valuesOfEveryTypeBindAsJooqBindsThem() {
        Select<?> all = DSL.select(DSL.param("text", SQLDataType.VARCHAR), DSL.param("number", SQLDataType.BIGINT),
                DSL.param("amount", SQLDataType.NUMERIC), DSL.param("yes", SQLDataType.BOOLEAN), DSL.param("day", SQLDataType.LOCALDATE),
                DSL.param("numbers", SQLDataType.BIGINT.array()), DSL.param("card", SQLDataType.CHAR(16)),
                DSL.param("cards", SQLDataType.CHAR(16).array()), DSL.param("ratio", SQLDataType.DOUBLE));
        String[] slots = {"text", "number", "amount", "yes", "day", "numbers", "card", "cards", "ratio"};
        RenderedStatement statement = RenderedStatement.of(dsl, all, slots);
        Object[] values = {"Jalan \"Kompilasi\" 7\\B", 9_007_199_254_740_993L, new BigDecimal("17500000.50"), true,
                LocalDate.of(1975, 3, 4), new Long[] {1L, null, 3L}, "5106010403751553", new String[] {"5106010403751553"}, 0.1};
        Record jooq = dsl.resultQuery(statement.sql(), statement.bindings(values)).fetchSingle();
        List<String> jdbc = statements.query(statement, rows -> {
            assertThat(rows.next()).isTrue();
            List<String> texts = new java.util.ArrayList<>();
            for (int column = 1; column <= slots.length; column++) {
                Object value = rows.getObject(column);
                texts.add(value instanceof Array array ? Arrays.toString((Object[]) array.getArray()) : String.valueOf(value));
            }
            return texts;
        }, values);
        for (int column = 0; column < slots.length; column++) {
            Object value = jooq.get(column);
            assertThat(jdbc.get(column)).as(slots[column])
                    .isEqualTo(value instanceof Object[] array ? Arrays.toString(array) : String.valueOf(value));
        }
        Object[] nulls = new Object[slots.length];
        List<String> none = statements.query(statement, rows -> {
            assertThat(rows.next()).isTrue();
            return java.util.stream.IntStream.rangeClosed(1, slots.length).mapToObj(column -> {
                try {
                    return rows.getString(column);
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            }).toList();
        }, nulls);
        assertThat(none).containsOnlyNulls();
    }

    @Test
    void onlyTheSlotsAreBoundAndEveryOtherValueIsWrittenIntoTheText() {
        // a fixed value that reads like a slot's marker, and a limit: both literals, planned as such
        Select<?> query = DSL.select(DSL.val("it's :name"), DSL.param("name", SQLDataType.VARCHAR))
                .from(DSL.values(DSL.row(1), DSL.row(2)).as("v", "n")).orderBy(DSL.field(DSL.name("n"))).limit(DSL.val(1));
        RenderedStatement statement = RenderedStatement.of(dsl, query, "name");
        assertThat(statement.sql()).contains("'it''s :name'").doesNotContain(":name,");
        assertThat(statement.bindings("Wayan")).hasSize(1);
        List<String> run = statements.query(statement, rows -> {
            assertThat(rows.next()).isTrue();
            List<String> row = List.of(rows.getString(1), rows.getString(2));
            assertThat(rows.next()).isFalse();
            return row;
        }, "Wayan");
        assertThat(run).containsExactly("it's :name", "Wayan");
    }

    @Test
    void aNamedParameterThatIsNoSlotIsRefused() {
        assertThatThrownBy(() -> RenderedStatement.of(dsl, DSL.select(DSL.param("a", SQLDataType.INTEGER), DSL.param("b", SQLDataType.INTEGER)), "a"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("b");
    }

    @Test
    void aFailureIsJooqsDataAccessException() {
        RenderedStatement failing = RenderedStatement.of(dsl, DSL.select(DSL.param("n", SQLDataType.INTEGER).div(0)), "n");
        assertThatThrownBy(() -> statements.query(failing, rows -> rows.next(), 1))
                .isInstanceOf(org.jooq.exception.DataAccessException.class).hasMessageContaining("division by zero");
    }

    @Test
    void aTypeJdbcIsNotGivenHereIsRefusedWhenRendered() {
        assertThatThrownBy(() -> RenderedStatement.of(dsl, DSL.select(DSL.param("json", SQLDataType.JSONB)), "json"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("JSONB");
    }

    @Test
    void eachRunAnswersWhatTheStatementBuiltWithItsValuesAnswers() {
        RenderedStatement statement = RenderedStatement.of(dsl, statement(null, null, null), "list", "name", "days");

        for (Object[] values : new Object[][] {{new String[] {"a"}, "Wayan", 6}, {new String[] {}, null, 41}}) {
            Record rendered = dsl.resultQuery(statement.sql(), statement.bindings(values)).fetchSingle();
            Record built = dsl.fetchSingle(statement((String[]) values[0], (String) values[1], (Integer) values[2]));
            assertThat(rendered.get(0, String.class)).isEqualTo(built.get(0, String.class));
            assertThat(rendered.get(1, Integer.class)).isEqualTo(built.get(1, Integer.class));
            assertThat(rendered.get(2, String[].class)).isEqualTo(built.get(2, String[].class));
            assertThat(rendered.get(3, LocalDate.class)).isEqualTo(built.get(3, LocalDate.class)).isEqualTo(LocalDate.of(2026, 12, 3));
        }
        Record run = dsl.resultQuery(statement.sql(), statement.bindings(new String[] {"a"}, "Wayan", 6)).fetchSingle();
        assertThat(run.get(0, String.class)).isEqualTo("fixed Wayan");
        assertThat(run.get(1, Integer.class)).isEqualTo(7);
        assertThat(run.get(2, String[].class)).hasSize(2).startsWith("a");
    }

    /** A statement with three slots and fixed values of several types, one of them a date. */
    private static Select<?> statement(String[] list, String name, Integer days) {
        return DSL.select(
                DSL.concat(DSL.val("fixed "), slot("name", SQLDataType.VARCHAR, name)),
                slot("days", SQLDataType.INTEGER, days).plus(DSL.val(1)),
                DSL.field("array_append({0}, {1})", SQLDataType.VARCHAR.array(),
                        slot("list", SQLDataType.VARCHAR.array(), list),
                        DSL.val(LocalDate.of(2026, 11, 30)).plus(DSL.val(0)).cast(SQLDataType.VARCHAR)),
                DSL.val(LocalDate.of(2026, 11, 30)).plus(DSL.val(3)));
    }

    /** A slot of this type to render (no value), or its value to build the same statement with. */
    private static <T> Field<T> slot(String name, DataType<T> type, T value) {
        return value == null ? DSL.param(name, type) : DSL.val(value, type);
    }

    @Test
    void aSlotMustBeBoundExactlyOnce() {
        assertThatThrownBy(() -> RenderedStatement.of(dsl, DSL.select(DSL.val(1)), "missing"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("missing");
        Param<Integer> twice = DSL.param("twice", SQLDataType.INTEGER);
        assertThatThrownBy(() -> RenderedStatement.of(dsl, DSL.select(twice, twice.plus(1)), "twice"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RenderedStatement.of(dsl, DSL.select(DSL.val(1)).bind(1, 2), "x"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aTextWithBracesIsRefused() {
        assertThatThrownBy(() -> RenderedStatement.of(dsl, DSL.select(DSL.inline("{a}"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("braces");
    }
}
