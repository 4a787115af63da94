package id.terpadu.observability;

import id.terpadu.Fast;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Operation names as metric tags stay few and well-formed, whatever clients send. */
@Fast
class OperationNamesTest {

    @Test
    void theRequestsNameWinsThenTheDocumentsThenUnnamed() {
        OperationNames names = new OperationNames(10);
        assertThat(names.tag("Page", "query Other { a }")).isEqualTo("Page");
        assertThat(names.tag(null, "# a comment\nquery  Families($kk: String!) { household(kk: $kk) { id } }")).isEqualTo("Families");
        assertThat(names.tag("", "mutation Jkn { updateJknStatus { version } }")).isEqualTo("Jkn");
        assertThat(names.tag(null, "{ programmes { code } }")).isEqualTo(OperationNames.UNNAMED);
    }

    @Test
    void malformedNamesAndNamesBeyondTheBoundAreOther() {
        OperationNames names = new OperationNames(2);
        assertThat(names.tag("bad name\"}", null)).isEqualTo(OperationNames.OTHER);
        assertThat(names.tag("A", null)).isEqualTo("A");
        assertThat(names.tag("B", null)).isEqualTo("B");
        assertThat(names.tag("C", null)).isEqualTo(OperationNames.OTHER);
        assertThat(names.tag("A", null)).isEqualTo("A");
    }
}
