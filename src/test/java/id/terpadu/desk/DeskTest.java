package id.terpadu.desk;

import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.Option;
import id.terpadu.EligibleHouseholds;
import id.terpadu.HubTest;
import id.terpadu.TestClock.MovableClock;
import id.terpadu.TestIdentities;
import id.terpadu.Tokens;
import org.springframework.beans.factory.annotation.Autowired;
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
 * Base of the service desk's tests: asks the hub as a demo user and keeps the whole answer (to
 * assert on what it lacks as well as what it holds), and makes households as UPT-PK.
 */
abstract class DeskTest extends HubTest {

    /** Apuan, Susut: the village of the demo users desa and desa-a. */
    static final String APUAN = "51.06.01.2001";
    /** Langgahan, Kintamani: the village of desa-b. */
    static final String LANGGAHAN = "51.06.04.2005";

    @Autowired
    MovableClock clock;

    /** An answer: its HTTP status and body, read by JSONPath. */
    record Reply(int status, String body) {

        private static final Configuration LENIENT = Configuration.defaultConfiguration()
                .addOptions(Option.DEFAULT_PATH_LEAF_TO_NULL, Option.SUPPRESS_EXCEPTIONS);

        <T> T at(String path) {
            return JsonPath.using(LENIENT).parse(body).read(path);
        }

        <T> T data(String path) {
            return at("$.data." + path);
        }

        List<Map<String, Object>> errors() {
            List<Map<String, Object>> errors = at("$.errors");
            return errors == null ? List.of() : errors;
        }

        List<String> classifications() {
            List<String> classifications = at("$.errors[*].extensions.classification");
            return classifications == null ? List.of() : classifications;
        }

        List<String> fields() {
            List<String> fields = at("$.errors[*].extensions.field");
            return fields == null ? List.of() : fields;
        }
    }

    Reply ask(String user, String document, Object... variables) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("query", document);
        request.put("variables", pairs(variables));
        EntityExchangeResult<String> result = client().post().uri("/graphql")
                .contentType(MediaType.APPLICATION_JSON).accept(MediaType.APPLICATION_JSON)
                .header("Authorization", "Bearer " + Tokens.of(user))
                .bodyValue(request).exchange().expectBody(String.class).returnResult();
        return new Reply(result.getStatus().value(), result.getResponseBody() == null ? "" : result.getResponseBody());
    }

    /** Asks and expects no errors. */
    Reply ok(String user, String document, Object... variables) {
        Reply reply = ask(user, document, variables);
        assertThat(reply.errors()).as(reply.body()).isEmpty();
        return reply;
    }

    /** A plain GET without a token. */
    Reply get(String path) {
        EntityExchangeResult<String> result = client().get().uri(path).exchange().expectBody(String.class).returnResult();
        return new Reply(result.getStatus().value(), result.getResponseBody() == null ? "" : result.getResponseBody());
    }

    WebTestClient client() {
        return WebTestClient.bindToServer()
                .baseUrl("http://localhost:" + port)
                .codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(16 * 1024 * 1024))
                .responseTimeout(Duration.ofSeconds(30))
                .build();
    }

    static Map<String, Object> pairs(Object... pairs) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], pairs[i + 1] instanceof LocalDate date ? date.toString() : pairs[i + 1]);
        }
        return map;
    }

    /** A word no other household's members carry. */
    static String uniqueName() {
        StringBuilder name = new StringBuilder("Lyn");
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int i = 0; i < 8; i++) {
            name.append((char) ('a' + random.nextInt(26)));
        }
        return name.toString();
    }

    record Person(String id, String nik, LocalDate birthDate) {
    }

    record Household(String id, String kk, Person head, Person child) {
    }

    /** Registers a household of a head and a child as UPT-PK in this village, poor (decile 1) for the programmes' rules. */
    Household household(String village, String name) {
        LocalDate headBirth = LocalDate.of(1960, 1, 1).plusDays(ThreadLocalRandom.current().nextInt(10_000));
        LocalDate childBirth = LocalDate.of(2014, 1, 1).plusDays(ThreadLocalRandom.current().nextInt(1000));
        Map<String, Object> input = pairs(
                "kk", TestIdentities.kk(), "villageCode", village, "address", "Jalan " + name + " 3", "rt", "001", "rw", "002",
                "members", List.of(
                        pairs("nik", TestIdentities.nik(false, headBirth), "name", "Wayan " + name, "sex", "MALE",
                                "birthDate", headBirth, "relationship", "HEAD"),
                        pairs("nik", TestIdentities.nik(true, childBirth), "name", "Putu " + name, "sex", "FEMALE",
                                "birthDate", childBirth, "relationship", "CHILD")));
        Reply reply = ok("uptpk", """
                mutation($input: RegisterHouseholdInput!) { registerHousehold(input: $input) { id kk members { id nik } } }""",
                "input", input);
        String kk = reply.data("registerHousehold.kk");
        EligibleHouseholds.qualify(dsl, kk, null);
        return new Household(reply.data("registerHousehold.id"), kk,
                new Person(reply.data("registerHousehold.members[0].id"), reply.data("registerHousehold.members[0].nik"), headBirth),
                new Person(reply.data("registerHousehold.members[1].id"), reply.data("registerHousehold.members[1].nik"), childBirth));
    }

    static final String REQUEST_FIELDS = """
            id number state version dueAt overdue escalatedAt outcome outcomeNote description desk takenBy
            kind { code serviceHours } agency { code } benefit { id programme { code } }
            steps { step agency { code } note actor }""";

    /** Opens a request as this desk user; answers the request's fields. */
    Reply open(String user, Map<String, Object> input) {
        return ok(user, "mutation($input: OpenServiceRequestInput!) { openServiceRequest(input: $input) { " + REQUEST_FIELDS + " } }",
                "input", input);
    }

    Reply step(String user, String mutation, Map<String, Object> input) {
        String type = switch (mutation) {
            case "referServiceRequest" -> "ReferServiceRequestInput";
            case "resolveServiceRequest" -> "ResolveServiceRequestInput";
            default -> "ServiceRequestStepInput";
        };
        return ask(user, "mutation($input: " + type + "!) { " + mutation + "(input: $input) { " + REQUEST_FIELDS + " } }",
                "input", input);
    }

    static long version(Reply reply, String mutation) {
        return ((Number) reply.data(mutation + ".version")).longValue();
    }
}
