package id.terpadu.pages;

import id.terpadu.RepositoryTest;
import org.jooq.Field;
import org.jooq.JSON;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The database writes an amount as the field-by-field answer writes the Float it becomes. */
class GraphQlFloatFunctionTest extends RepositoryTest {

    private static final JsonMapper JACKSON = JsonMapper.builder().build();

    @Test
    void everyAmountIsWrittenAsTheHubWritesItsDouble() {
        List<BigDecimal> amounts = new ArrayList<>();
        for (String amount : List.of("0", "0.00", "0.01", "0.10", "1", "10.5", "600000.00", "750000.50", "9999999.99",
                "10000000", "10000000.01", "17500000.00", "12345678.91", "100000000000", "123456789012.34", "999999999999.99")) {
            amounts.add(new BigDecimal(amount));
        }
        Random random = new Random(17);
        for (int i = 0; i < 2000; i++) {
            long cents = (long) (Math.pow(10, random.nextInt(15)) * random.nextDouble());
            amounts.add(BigDecimal.valueOf(cents).movePointLeft(2).setScale(2, RoundingMode.UNNECESSARY));
        }

        List<String> written = new ArrayList<>();
        for (BigDecimal amount : amounts) {
            Field<JSON> json = DSL.function("graphql_float", SQLDataType.JSON, DSL.val(amount, SQLDataType.NUMERIC(14, 2)));
            written.add(dsl.select(json).fetchSingle().value1().data());
        }

        assertThat(written).isEqualTo(amounts.stream().map(amount -> JACKSON.writeValueAsString(amount.doubleValue())).toList());
        assertThat(dsl.select(DSL.function("graphql_float", SQLDataType.JSON, DSL.castNull(SQLDataType.NUMERIC))).fetchSingle().value1())
                .isNull();
    }
}
