package id.terpadu.observability;

import id.terpadu.request.RequestIds;

import com.jayway.jsonpath.JsonPath;
import id.terpadu.TestDatabase;
import id.terpadu.TestIdentities;
import id.terpadu.TestKeycloak;
import id.terpadu.Tokens;
import id.terpadu.UnforeseenConstraint;
import org.jooq.DSLContext;
import org.jooq.Record3;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static id.terpadu.db.Tables.HOUSEHOLD;
import static id.terpadu.db.Tables.MEMBER;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Starts the hub as the README's start command does, with the {@code demo} profile on a database
 * of its own, runs a workload over the demo data as the agencies would, including refusals and an
 * unexpected failure, and then searches everything the hub logged for the identities involved:
 * no NIK, KK or person name may appear in a log line, while the lines themselves (with their
 * request ids) must be there.
 */
@Tag("whole-demo")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("demo")
@ExtendWith(OutputCaptureExtension.class)
class LogPrivacyTest {

    private static final String REGENCY = "51.06";

    @LocalServerPort
    private int port;

    @Autowired
    private DSLContext dsl;

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        TestDatabase.configureEmpty(registry, "log_privacy");
        registry.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", TestKeycloak::issuer);
    }

    @Test
    void theDemoWorkloadLogsNoNikKkOrName(CapturedOutput output) {
        assertThat(dsl.fetchCount(HOUSEHOLD)).as("the demo data loaded at start: the 2017 list and the households that left it since 2015").isEqualTo(13_753);
        List<Record3<String, String, String>> people = dsl.select(MEMBER.NIK, MEMBER.NAME, HOUSEHOLD.KK)
                .from(MEMBER).join(HOUSEHOLD).on(HOUSEHOLD.ID.eq(MEMBER.HOUSEHOLD_ID))
                .orderBy(MEMBER.ID).limit(40).fetch();
        assertThat(people).hasSizeGreaterThanOrEqualTo(20);
        Set<String> identities = new LinkedHashSet<>();
        people.forEach(person -> identities.addAll(List.of(person.value1(), person.value2(), person.value3())));

        String requestId = "privacy-check-" + System.nanoTime();
        List<String> requestIds = new ArrayList<>();
        ask("uptpk", requestId, "query Page($region: String!) { households(first: 50, filter: {region: $region}) { edges { node { kk address members { nik name birthDate health { segment version } } } } } }",
                Map.of("region", REGENCY));
        requestIds.add(requestId);
        for (Record3<String, String, String> person : people.subList(0, 10)) {
            ask("dinkes", null, "query Person($nik: String!) { member(nik: $nik) { nik name health { segment active version } } }", Map.of("nik", person.value1()));
            ask("dinsos", null, "query Family($kk: String!) { household(kk: $kk) { kk members { name } social { cluster { code } version } } }", Map.of("kk", person.value3()));
            // a search by name, and a name that finds nobody
            ask("dinsos", null, "query Search($name: String!) { households(first: 5, filter: {name: $name}) { totalCount } }", Map.of("name", person.value2()));
        }
        for (Record3<String, String, String> person : people.subList(0, 3)) {
            String answer = ask("dinkes", null, "{ member(nik: \"" + person.value1() + "\") { health { version } } }", Map.of());
            Integer version = JsonPath.read(answer, "$.data.member.health.version");
            ask("dinkes", null, "mutation Jkn($input: UpdateJknStatusInput!) { updateJknStatus(input: $input) { version } }",
                    Map.of("input", Map.of("nik", person.value1(), "expectedVersion", version == null ? 0 : version,
                            "segment", "PBI_APBD", "jknNumber", "0001234567890", "active", true, "since", "2026-01-01")));
            // the same again with the old version: CONFLICT
            ask("dinkes", null, "mutation Jkn($input: UpdateJknStatusInput!) { updateJknStatus(input: $input) { version } }",
                    Map.of("input", Map.of("nik", person.value1(), "expectedVersion", version == null ? 0 : version,
                            "segment", "NONE", "active", false)));
            // a role that may not
            ask("perkim", null, "mutation Jkn($input: UpdateJknStatusInput!) { updateJknStatus(input: $input) { version } }",
                    Map.of("input", Map.of("nik", person.value1(), "expectedVersion", 1, "segment", "NONE", "active", false)));
        }
        Record3<String, String, String> someone = people.getFirst();
        LocalDate birth = TestIdentities.birthDate();
        Map<String, Object> duplicate = Map.of("kk", someone.value3(), "villageCode", "51.06.01.2001", "address", "Jalan Uji 1",
                "members", List.of(Map.of("nik", someone.value1(), "name", someone.value2(), "sex", "MALE",
                        "birthDate", birth.toString(), "relationship", "HEAD")));
        // an existing KK and NIK: CONFLICT (and a NIK whose birth date disagrees: BAD_REQUEST)
        ask("uptpk", null, "mutation Register($input: RegisterHouseholdInput!) { registerHousehold(input: $input) { id } }", Map.of("input", duplicate));
        // a name the database refuses by a check the hub does not know: an unexpected failure,
        // logged without the values (the database's message quotes the whole row)
        String failingId = "privacy-failure-" + System.nanoTime();
        Map<String, Object> broken = new HashMap<>(duplicate);
        broken.put("kk", TestIdentities.kk());
        broken.put("members", List.of(Map.of("nik", TestIdentities.nik(false, birth), "name", someone.value2() + " Unstorable",
                "sex", "MALE", "birthDate", birth.toString(), "relationship", "HEAD")));
        try (UnforeseenConstraint refusing = UnforeseenConstraint.refusingNamesWith(dsl, "Unstorable")) {
            ask("uptpk", failingId, "mutation Register($input: RegisterHouseholdInput!) { registerHousehold(input: $input) { id } }", Map.of("input", broken));
        }
        requestIds.add(failingId);

        String log = output.getAll();
        for (String id : requestIds) {
            assertThat(log).contains("\"requestId\":\"" + id + "\"");
        }
        assertThat(log).contains("Unexpected failure");
        assertThat(log.lines().filter(line -> line.contains("answered in")).count()).isGreaterThanOrEqualTo(40);
        for (String identity : identities) {
            assertThat(log).as("the log holds an identity of the demo data").doesNotContain(identity);
        }
    }

    private String ask(String user, String requestId, String query, Map<String, Object> variables) {
        WebTestClient.RequestBodySpec post = WebTestClient.bindToServer().responseTimeout(Duration.ofSeconds(30)).baseUrl("http://localhost:" + port).build()
                .post().uri("/graphql")
                .header("Authorization", "Bearer " + Tokens.of(user))
                .contentType(MediaType.APPLICATION_JSON);
        if (requestId != null) {
            post.header(RequestIds.HEADER, requestId);
        }
        EntityExchangeResult<String> result = post.bodyValue(Map.of("query", query, "variables", variables))
                .exchange().expectBody(String.class).returnResult();
        assertThat(result.getStatus().value()).isEqualTo(200);
        return result.getResponseBody();
    }
}
