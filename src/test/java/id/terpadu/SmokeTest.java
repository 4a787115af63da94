package id.terpadu;

import org.junit.jupiter.api.Test;

class SmokeTest extends HubTest {

    @Test
    void listsTheDistrictsOfBangli() {
        graphQl.document("{ regions(parent: \"5106\") { code name } }")
                .execute()
                .path("regions[*].name").entityList(String.class)
                .containsExactly("Susut", "Bangli", "Tembuku", "Kintamani");
    }
}
