package id.terpadu.sql;

import id.terpadu.RepositoryTest;
import org.jooq.Param;
import org.jooq.Record;
import org.jooq.Select;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A statement rendered once runs with each run's values in its slots, and its fixed values as built. */
class RenderedStatementTest extends RepositoryTest {

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
                DSL.concat(DSL.val("fixed "), DSL.param("name", name)),
                DSL.param("days", days).plus(DSL.val(1)),
                DSL.field("array_append({0}, {1})", SQLDataType.VARCHAR.array(),
                        DSL.param("list", list), DSL.val(LocalDate.of(2026, 11, 30)).cast(SQLDataType.VARCHAR)),
                DSL.val(LocalDate.of(2026, 11, 30)).plus(DSL.val(3)));
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
