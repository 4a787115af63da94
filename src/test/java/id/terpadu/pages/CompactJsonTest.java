package id.terpadu.pages;

import id.terpadu.Fast;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.util.RawValue;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The database's JSON loses the spaces between its tokens, never those in its strings. */
@Fast
class CompactJsonTest {

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void spacesBetweenTokensGoThoseInStringsStay() {
        String postgres = "{\"households\" : {\"edges\" : [{\"node\" : {\"address\" : \"Jalan \\\"Kompilasi\\\" 7\\\\\", "
                + "\"rt\" : null, \"members\" : [], \"n\" : 1.5}}, \n {\"x\" : \" a , b : \\\\\"}]}}";

        assertThat(CompactJson.of(utf8(postgres)).getValue()).isEqualTo("{\"households\":{\"edges\":[{\"node\":{\"address\":\"Jalan \\\"Kompilasi\\\" 7\\\\\","
                + "\"rt\":null,\"members\":[],\"n\":1.5}},{\"x\":\" a , b : \\\\\"}]}}");
    }

    @Test
    void charactersBeyondAsciiStayWholeInTheResponse() {
        CompactJson json = CompactJson.of(utf8("{\"name\" : \"Ni Luh Putu Ayu Déwi ᬅᬬᬸ\", \"n\" : [1, 2]}"));
        Map<String, Object> response = Map.of("data", new RawValue(json));
        JsonMapper mapper = JsonMapper.builder().build();

        String expected = "{\"data\":{\"name\":\"Ni Luh Putu Ayu Déwi ᬅᬬᬸ\",\"n\":[1,2]}}";
        // as bytes (the HTTP response) and as characters
        assertThat(new String(mapper.writeValueAsBytes(response), StandardCharsets.UTF_8)).isEqualTo(expected);
        assertThat(mapper.writeValueAsString(response)).isEqualTo(expected);
        assertThat(json.charLength()).isEqualTo(json.getValue().length());
    }
}
