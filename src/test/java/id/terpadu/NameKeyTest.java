package id.terpadu;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.LocalDate;

import static id.terpadu.db.Tables.MEMBER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.jooq.impl.DSL.function;
import static org.jooq.impl.DSL.val;

/**
 * The name key that duplicate candidates meet on: the database function behind the generated
 * column {@code member.name_key}, so every way a row is written keeps it right.
 */
class NameKeyTest extends ApiTest {

    private String key(String name) {
        return dsl.select(function("member_name_key", String.class, val(name))).fetchSingle().value1();
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', textBlock = """
            Sri Wahyuni              | SRI   WAHYUNI
            Sri Wahyuni              | Sriwahyuni
            I Gusti Ngurah Oka-Putra | i gusti ngurah oka putra
            Ma'ruf Amin              | Maruf Amin
            Soekarno                 | Sukarno
            Djoko Santoso            | Joko Santoso
            Tjipto Mangoenkoesoemo   | Cipto Mangunkusumo
            Njoman Sudarma           | Nyoman Sudarma
            Sjahrir                  | Syahrir
            Chairul Tanjung          | Khairul Tanjung
            Djojo                    | Joyo
            Emma Yulianti            | Ema Yulianti
            Muhammad Hatta           | Muhamad Hatta
            Muhammad Hatta           | Mohammad Hatta
            Muhammad Hatta           | Mochammad Hatta
            Muhammad Hatta           | Moh. Hatta
            Muhammad Hatta           | M. Hatta
            Muhammad Hatta           | MOEHAMMAD HATTA
            Muhammad Hatta           | Mhd Hatta
            Made Budiarta            | Md. Budiarta
            Nyoman Sudarma           | Nym. Sudarma
            Wayan Sudarma            | Wyn Sudarma
            """)
    void spellingsOfOneNameShareTheKey(String name, String variant) {
        assertThat(key(variant)).isEqualTo(key(name));
    }

    @ParameterizedTest(name = "{0} <> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            Wayan Sudarma   | Made Sudarma
            Muhammad Hatta  | Mahmud Hatta
            Sri Wahyuni     | Sri Wahyuningsih
            Budi            | Budiman
            Malik           | Mohammad Malik
            """)
    void differentNamesHaveDifferentKeys(String name, String other) {
        assertThat(key(other)).isNotEqualTo(key(name));
    }

    @Test
    void keyIsLowerCaseLettersOnly() {
        assertThat(key("  Moh. Soekarno-Djojo  ")).isEqualTo("muhamadsukarnojojo");
    }

    @Test
    void everyRegisteredMemberCarriesTheKeyOfTheName() {
        Person person = Person.born(LocalDate.of(1975, 3, 4), false, "Mochammad  Soedjono " + token(), "HEAD");
        register(Family.of(TestIdentities.VILLAGE, person));

        assertThat(memberRow(person.nik()).getNameKey()).isEqualTo(key(person.name()))
                .startsWith("muhamadsujono");
        assertThat(dsl.fetchCount(MEMBER, MEMBER.NAME_KEY.isNull())).isZero();
    }
}
