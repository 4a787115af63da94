package id.terpadu.access;

import id.terpadu.RepositoryTest;
import id.terpadu.TestIdentities;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static id.terpadu.db.Tables.HUB_SECRET;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The database's masked form of identity numbers (the function a compiled page masks with) is the
 * hub's, with the installation's key, for every kind of number, also keys longer than a hash block.
 */
class IdentityMaskFunctionTest extends RepositoryTest {

    @Test
    void theDatabaseMasksEveryNumberAsTheHubDoes() {
        byte[] key = dsl.select(HUB_SECRET.VALUE).from(HUB_SECRET).where(HUB_SECRET.NAME.eq("masking")).fetchSingle(HUB_SECRET.VALUE);
        List<String> numbers = numbers();

        assertThat(maskedInTheDatabase(numbers)).isEqualTo(numbers.stream().map(new IdentityMask(key)::mask).toList());
    }

    @Test
    void aKeyLongerThanTheHashBlockIsHashedFirstAsHmacDoes() {
        byte[] key = new byte[100];
        for (int i = 0; i < key.length; i++) {
            key[i] = (byte) (i * 37 + 11);
        }
        // the test's transaction is rolled back: the installation keeps its key
        dsl.update(HUB_SECRET).set(HUB_SECRET.VALUE, key).where(HUB_SECRET.NAME.eq("masking")).execute();
        List<String> numbers = numbers();

        assertThat(maskedInTheDatabase(numbers)).isEqualTo(numbers.stream().map(new IdentityMask(key)::mask).toList());
    }

    @Test
    void noNumberHasNoMaskedForm() {
        Field<String> masked = DSL.function("identity_mask", SQLDataType.VARCHAR, DSL.castNull(SQLDataType.VARCHAR),
                DSL.field(DSL.select(DSL.function("identity_mask_pads", SQLDataType.BLOB))));
        assertThat(dsl.select(masked).fetchSingle().value1()).isNull();
    }

    private List<String> maskedInTheDatabase(List<String> numbers) {
        Field<String> number = DSL.field(DSL.name("number"), String.class);
        Field<Integer> position = DSL.field(DSL.name("position"), Integer.class);
        Field<String> masked = DSL.function("identity_mask", SQLDataType.VARCHAR, number,
                DSL.field(DSL.select(DSL.function("identity_mask_pads", SQLDataType.BLOB))));
        return dsl.select(masked)
                .from(DSL.table("unnest({0}::text[]) with ordinality", DSL.val(numbers.toArray(String[]::new)))
                        .as("given", "number", "position"))
                .orderBy(position)
                .fetch(masked);
    }

    /** NIKs and KKs of many birth dates, and odd numbers: short ones and others than digits. */
    private static List<String> numbers() {
        List<String> numbers = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            LocalDate born = LocalDate.of(1930, 1, 1).plusDays(i * 97L);
            numbers.add(TestIdentities.nik(i % 2 == 0, born));
            numbers.add(TestIdentities.kk());
        }
        numbers.addAll(List.of("", "1", "123", "1234", "12345", "5106ÄÖ", "0000000000000000", "9999999999999999"));
        return numbers;
    }
}
