package id.terpadu.pages;

import id.terpadu.Fast;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The database's JSON loses the spaces between its tokens, never those in its strings. */
@Fast
class CompactJsonTest {

    @Test
    void spacesBetweenTokensGoThoseInStringsStay() {
        String postgres = "{\"households\" : {\"edges\" : [{\"node\" : {\"address\" : \"Jalan \\\"Kompilasi\\\" 7\\\\\", "
                + "\"rt\" : null, \"members\" : [], \"n\" : 1.5}}, \n {\"x\" : \" a , b : \\\\\"}]}}";

        assertThat(CompactJson.of(postgres)).isEqualTo("{\"households\":{\"edges\":[{\"node\":{\"address\":\"Jalan \\\"Kompilasi\\\" 7\\\\\","
                + "\"rt\":null,\"members\":[],\"n\":1.5}},{\"x\":\" a , b : \\\\\"}]}}");
    }
}
