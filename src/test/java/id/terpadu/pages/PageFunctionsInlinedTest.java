package id.terpadu.pages;

import id.terpadu.RepositoryTest;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The compiled page's SQL functions are inlined by PostgreSQL into the statement that calls them,
 * not called once per value: a function that stops being inlinable (a body less immutable than its
 * declaration) makes every page slower without changing any answer.
 */
class PageFunctionsInlinedTest extends RepositoryTest {

    @Test
    void theIdAndAmountFunctionsBecomeExpressionsOfTheStatement() {
        assertThat(plan("SELECT base64url('Member:' || g::text) FROM generate_series(1, 3) g"))
                .contains("encode(").doesNotContain("base64url(");
        assertThat(plan("SELECT graphql_float(g::numeric(14, 2)) FROM generate_series(1, 3) g"))
                .contains("trim_scale(").doesNotContain("graphql_float(");
    }

    private String plan(String query) {
        List<String> lines = dsl.fetch("EXPLAIN (VERBOSE) " + query).getValues(0, String.class);
        return String.join("\n", lines);
    }
}
