package id.terpadu.sql;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The named parameters of a rendered statement become JDBC's markers; nothing inside its literals does. */
class SlotMarkersTest {

    @Test
    void eachNamedParameterBecomesAMarkerInTheOrderOfTheText() {
        List<String> names = new ArrayList<>();
        String sql = SlotMarkers.replace("select :reader_subject, x from t where id > :slot and y = :reader_subject", names);
        assertThat(sql).isEqualTo("select ?, x from t where id > ? and y = ?");
        assertThat(names).containsExactly("reader_subject", "slot", "reader_subject");
    }

    @Test
    void literalsQuotedNamesAndCastsAreCopiedAsTheyAre() {
        List<String> names = new ArrayList<>();
        String text = "select 'Household:' || x, 'it''s :slot', \"odd :name\", y::varchar, :slot from t";
        assertThat(SlotMarkers.replace(text, names))
                .isEqualTo("select 'Household:' || x, 'it''s :slot', \"odd :name\", y::varchar, ? from t");
        assertThat(names).containsExactly("slot");
    }

    @Test
    void aValueThatLooksLikeAMarkerStaysALiteral() {
        List<String> names = new ArrayList<>();
        // a value a caller gave, inlined by jOOQ: its quotes doubled, so it cannot end the literal
        String sql = SlotMarkers.replace("select 'x'', :slot, ''' from t where a = :slot", names);
        assertThat(sql).isEqualTo("select 'x'', :slot, ''' from t where a = ?");
        assertThat(names).containsExactly("slot");
    }

    @Test
    void aLiteralThatIsNotClosedIsRefused() {
        assertThatThrownBy(() -> SlotMarkers.replace("select 'open :slot", new ArrayList<>()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SlotMarkers.replace("select \"open", new ArrayList<>()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
