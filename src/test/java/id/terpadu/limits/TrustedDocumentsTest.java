package id.terpadu.limits;

import com.jayway.jsonpath.JsonPath;
import id.terpadu.HubTest;
import id.terpadu.TestIdentities;
import id.terpadu.Tokens;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Trusted documents enforced for the health insurer's sync client: with its credentials only the
 * operations registered for it run (in any layout), anything else is FORBIDDEN; other clients
 * are not affected.
 */
@TestPropertySource(properties = "terpadu.trusted-documents.enforced-for=bpjs-sync")
class TrustedDocumentsTest extends HubTest {

    private static final String MEMBER_HEALTH = "query MemberHealth($nik: String!) { member(nik: $nik) { nik health { jknNumber segment active since version } } }";

    @Test
    void theSyncClientRunsItsRegisteredOperationInAnyLayout() {
        String nik = registerPerson();
        String answer = ask(Tokens.SERVICE_ACCOUNT, MEMBER_HEALTH, Map.of("nik", nik));
        assertThat(JsonPath.<Object>read(answer, "$")).asString().doesNotContain("errors");
        // the service account has the health office's role: it sees the NIK masked
        assertThat(JsonPath.<String>read(answer, "$.data.member.nik")).isEqualTo(masked(nik));
    }

    @Test
    void theSyncClientSendsItsRegisteredJknListCompacted() {
        String nik = registerPerson();
        String list = "mutation UpdateJknStatuses($input:UpdateJknStatusesInput!){updateJknStatuses(input:$input){source updated unchanged unknownNik invalid rows{index nik outcome field message version}}}";
        String answer = ask(Tokens.SERVICE_ACCOUNT, list, Map.of("input", Map.of("source", "BPJS 2026-11",
                "rows", List.of(Map.of("nik", nik, "segment", "PBI_APBN", "jknNumber", "0002345678901", "active", true, "since", "2026-11-01")))));
        assertThat(answer).doesNotContain("\"errors\"");
        assertThat(JsonPath.<Integer>read(answer, "$.data.updateJknStatuses.updated")).isEqualTo(1);
    }

    @Test
    void theSyncClientCannotRunAnyOtherDocument() {
        for (String document : List.of(
                "{ programmes { code } }",
                // the registered operation asking for one field more
                MEMBER_HEALTH.replace("{ nik health", "{ nik name health"),
                "not even GraphQL {")) {
            String answer = ask(Tokens.SERVICE_ACCOUNT, document, Map.of("nik", "5106014101800001"));
            assertThat(answer).doesNotContain("\"data\":{");
            assertThat(JsonPath.<String>read(answer, "$.errors[0].extensions.classification")).isEqualTo("FORBIDDEN");
            assertThat(JsonPath.<String>read(answer, "$.errors[0].extensions.limit")).isEqualTo("trustedDocuments");
        }
    }

    @Test
    void otherClientsOfTheSameRoleAreNotRestricted() {
        String answer = ask("dinkes", "{ programmes { code } }", Map.of());
        assertThat(JsonPath.<List<String>>read(answer, "$.data.programmes[*].code")).contains("KIS_PBI");
    }

    @Test
    void aDocumentIsKnownByItsContentNotItsLayout() {
        assertThat(TrustedDocuments.hashOf("# the sync job\nquery MemberHealth($nik: String!) {\n  member(nik: $nik) { nik }\n}"))
                .isEqualTo(TrustedDocuments.hashOf("query MemberHealth($nik:String!){member(nik:$nik){nik}}"))
                .isNotEqualTo(TrustedDocuments.hashOf("query MemberHealth($nik:String!){member(nik:$nik){nik name}}"))
                .hasSize(64);
        assertThat(TrustedDocuments.hashOf("query {")).isNull();
    }

    private String registerPerson() {
        LocalDate birth = TestIdentities.birthDate();
        String nik = TestIdentities.nik(false, birth);
        Map<String, Object> input = Map.of("kk", TestIdentities.kk(), "villageCode", "51.06.01.2001", "address", "Jalan Uji 3",
                "members", List.of(Map.of("nik", nik, "name", "Wayan Terpercaya", "sex", "MALE",
                        "birthDate", birth.toString(), "relationship", "HEAD")));
        String answer = ask("uptpk", "mutation($input: RegisterHouseholdInput!) { registerHousehold(input: $input) { id } }",
                Map.of("input", input));
        assertThat(JsonPath.<String>read(answer, "$.data.registerHousehold.id")).as(answer).isNotBlank();
        return nik;
    }

    private String ask(String user, String document, Map<String, Object> variables) {
        return WebTestClient.bindToServer().responseTimeout(Duration.ofSeconds(30)).baseUrl("http://localhost:" + port).build()
                .post().uri("/graphql")
                .header("Authorization", "Bearer " + Tokens.of(user))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("query", document, "variables", variables))
                .exchange().expectBody(String.class).returnResult().getResponseBody();
    }
}
