package id.terpadu.access;

import id.terpadu.EligibleHouseholds;
import id.terpadu.HubTest;
import id.terpadu.TestIdentities;
import id.terpadu.Tokens;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Base of the access tests: asks the hub as a demo user (or with any token) and keeps the whole
 * answer, and makes households as UPT-PK to ask about. Every household gets fresh identities and
 * a name no other test uses, so a test can find exactly its own households in a shared database.
 * Access tests assert as much on what an answer lacks as on what it holds (no data beside a
 * refusal, no whole NIK anywhere in the body, a 401), so they read the raw HTTP answer rather
 * than going through {@code HttpGraphQlTester}.
 */
abstract class AccessTest extends HubTest {

    /** Apuan, Susut: the village of the demo users desa and desa-a. */
    static final String APUAN = "51.06.01.2001";
    /** Langgahan, Kintamani: the village of desa-b. */
    static final String LANGGAHAN = "51.06.04.2005";

    /** Asks as a demo user; variables as name, value pairs. */
    Answer ask(String user, String document, Object... variables) {
        return askWithToken(Tokens.of(user), document, variables);
    }

    /** Asks with this bearer token, or with none when it is null. */
    Answer askWithToken(String token, String document, Object... variables) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("query", document);
        request.put("variables", variables(variables));
        WebTestClient.RequestBodySpec post = client().post().uri("/graphql")
                .contentType(MediaType.APPLICATION_JSON).accept(MediaType.APPLICATION_JSON);
        if (token != null) {
            post.header("Authorization", "Bearer " + token);
        }
        EntityExchangeResult<String> result = post.bodyValue(request).exchange().expectBody(String.class).returnResult();
        return new Answer(result.getStatus().value(), result.getResponseBody() == null ? "" : result.getResponseBody());
    }

    WebTestClient client() {
        return WebTestClient.bindToServer()
                .baseUrl("http://localhost:" + port)
                .codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(16 * 1024 * 1024))
                // a busy machine can take longer than the default 5 s, as in HubTest
                .responseTimeout(Duration.ofSeconds(30))
                .build();
    }

    static Map<String, Object> variables(Object... pairs) {
        Map<String, Object> variables = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            variables.put((String) pairs[i], pairs[i + 1]);
        }
        return variables;
    }

    /** A word no other household's members carry, to find a test's own households by name. */
    static String uniqueName() {
        StringBuilder name = new StringBuilder("Tes");
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int i = 0; i < 8; i++) {
            name.append((char) ('a' + random.nextInt(26)));
        }
        return name.toString();
    }


    record Person(String id, String nik) {
    }

    /** A household of a head (a man) and a school-age daughter, its members named after {@code name}. */
    record Household(String id, String kk, String village, String name, Person head, Person child) {

        String address() {
            return "Jalan " + name + " 7";
        }
    }

    /** Registers a household as UPT-PK in this village, its members named after {@code name}. */
    Household register(String village, String name) {
        // an adult head (born 1950–1990): the education office sees members up to 24 only
        LocalDate headBirth = LocalDate.of(1950, 1, 1).plusDays(ThreadLocalRandom.current().nextInt(14_600));
        LocalDate childBirth = LocalDate.of(2012, 1, 1).plusDays(ThreadLocalRandom.current().nextInt(1500));
        Map<String, Object> input = Map.of(
                "kk", TestIdentities.kk(),
                "villageCode", village,
                "address", "Jalan " + name + " 7",
                "rt", "001",
                "rw", "002",
                "members", List.of(
                        member(TestIdentities.nik(false, headBirth), "Wayan " + name, "MALE", headBirth, "HEAD"),
                        member(TestIdentities.nik(true, childBirth), "Putu " + name, "FEMALE", childBirth, "CHILD")));
        Answer answer = ask("uptpk", """
                mutation($input: RegisterHouseholdInput!) {
                  registerHousehold(input: $input) { id kk members { id nik relationship } }
                }""", "input", input);
        assertThat(answer.errors()).as(answer.body()).isEmpty();
        return new Household(answer.data("registerHousehold.id"), answer.data("registerHousehold.kk"), village, name,
                new Person(answer.data("registerHousehold.members[0].id"), answer.data("registerHousehold.members[0].nik")),
                new Person(answer.data("registerHousehold.members[1].id"), answer.data("registerHousehold.members[1].nik")));
    }

    static Map<String, Object> member(String nik, String name, String sex, LocalDate birthDate, String relationship) {
        return Map.of("nik", nik, "name", name, "sex", sex, "birthDate", birthDate.toString(), "relationship", relationship);
    }

    /**
     * Enrols as UPT-PK (ACTIVE since the start of this year), the household first made to meet the
     * programme's eligibility rules; answers the benefit's global ID.
     */
    String enrol(String programme, String kk, String nik) {
        return enrol(programme, kk, nik, LocalDate.now().withDayOfYear(1), null);
    }

    /** Enrols as UPT-PK for this period, the household first made to meet the programme's eligibility rules. */
    String enrol(String programme, String kk, String nik, LocalDate startsOn, LocalDate endsOn) {
        EligibleHouseholds.qualify(dsl, kk, nik);
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("programme", programme);
        input.put("kk", kk);
        input.put("nik", nik);
        input.put("startsOn", startsOn.toString());
        if (endsOn != null) {
            input.put("endsOn", endsOn.toString());
        }
        if (programme.equals("KIS_PBI")) {
            input.put("funding", EligibleHouseholds.pbiFunding(dsl, nik));
        }
        input.put("status", "ACTIVE");
        input.put("reason", "Verified in the test round");
        Answer answer = ask("uptpk", """
                mutation($input: EnrolBenefitInput!) { enrolBenefit(input: $input) { id } }""", "input", input);
        assertThat(answer.errors()).as(answer.body()).isEmpty();
        return answer.data("enrolBenefit.id");
    }

    /** Runs a mutation as UPT-PK and expects no errors. */
    Answer asUptpk(String document, Object... variables) {
        Answer answer = ask("uptpk", document, variables);
        assertThat(answer.errors()).as(answer.body()).isEmpty();
        return answer;
    }

    /** The row id behind a global ID ({@code Household:42}, base64url). */
    static long rowId(String globalId) {
        String plain = new String(java.util.Base64.getUrlDecoder().decode(globalId), java.nio.charset.StandardCharsets.UTF_8);
        return Long.parseLong(plain.substring(plain.indexOf(':') + 1));
    }
}
