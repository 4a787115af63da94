package id.terpadu;

import id.terpadu.db.codes.JknSegment;
import id.terpadu.db.codes.Relationship;
import id.terpadu.db.codes.Sex;
import id.terpadu.db.tables.records.HealthFacetRecord;
import id.terpadu.db.tables.records.HouseholdRecord;
import org.junit.jupiter.api.Test;
import org.springframework.graphql.GraphQlResponse;
import org.springframework.graphql.ResponseError;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static id.terpadu.db.Tables.HEALTH_FACET;
import static id.terpadu.db.Tables.HOUSEHOLD;
import static id.terpadu.db.Tables.MEMBER;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The health office and the insurer's sync job update JKN status from the insurer's lists: one
 * transaction, a result per row in input order, unknown and invalid rows reported and skipped,
 * at most 1,000 rows, a fixed number of SQL statements whatever the length, and no lost update
 * when clerks change the same people at the same moment.
 */
class BulkJknTest extends ApiTest {

    private static final String SOURCE = "BPJS sync 2025-06-30";
    private static final LocalDate SINCE = LocalDate.of(2024, 1, 1);

    private GraphQlTester.Request<?> bulk(HttpGraphQlTester tester, String source, List<Map<String, Object>> rows) {
        return tester.documentName("updateJknStatuses").variable("input", input("source", source, "rows", rows));
    }

    private GraphQlTester.Response bulk(List<Map<String, Object>> rows) {
        return bulk(as("dinkes"), SOURCE, rows).execute();
    }

    private static Map<String, Object> row(String nik, String segment, boolean active, LocalDate since, String jknNumber) {
        return input("nik", nik, "segment", segment, "active", active, "since", since, "jknNumber", jknNumber);
    }

    private static Map<String, Object> insured(String nik, String jknNumber) {
        return row(nik, "PBI_APBN", true, SINCE, jknNumber);
    }

    private HealthFacetRecord stored(Person person) {
        return dsl.selectFrom(HEALTH_FACET).where(HEALTH_FACET.MEMBER_ID.eq(memberRow(person.nik()).getId())).fetchOne();
    }


    private Family registered() {
        Family family = Family.of(TestIdentities.VILLAGE, token());
        register(family);
        return family;
    }

    @Test
    void aMixedListAppliesTheValidRowsAndReportsTheOthersInOrder() {
        Family first = registered();
        Family second = registered();
        Person born2000 = Person.born(LocalDate.of(2000, 5, 5), false, "Gede " + token(), "HEAD");
        Family third = Family.of(TestIdentities.VILLAGE, born2000);
        register(third);
        String unknownNik = TestIdentities.nik(true, LocalDate.of(1990, 2, 3));
        Person duplicated = second.members().get(2);
        List<Map<String, Object>> rows = List.of(
                insured(first.head().nik(), "0000000000101"),                                   // 0 new
                row(first.members().get(1).nik(), "NONE", false, null, null),                  // 1 new, uninsured
                insured(unknownNik, "0000000000102"),                                          // 2 unknown
                row(first.members().get(2).nik(), "PBI_APBD", true, SINCE, null),              // 3 no card number
                row(second.head().nik(), "PBPU", true, LocalDate.now().plusDays(1), "0000000000103"), // 4 future
                insured("12345", "0000000000104"),                                             // 5 bad NIK
                insured(duplicated.nik(), "0000000000105"),                                    // 6 duplicate
                row(second.members().get(1).nik(), "NONE", true, null, null),                  // 7 NONE but active
                insured(duplicated.nik(), "0000000000106"),                                    // 8 duplicate
                row(born2000.nik(), "PPU", true, LocalDate.of(1999, 1, 1), "0000000000107"));  // 9 before birth

        GraphQlTester.Response response = bulk(as("uptpk"), SOURCE, rows).execute();

        response.path("updateJknStatuses.source").entity(String.class).isEqualTo(SOURCE)
                .path("updateJknStatuses.updated").entity(Integer.class).isEqualTo(2)
                .path("updateJknStatuses.unchanged").entity(Integer.class).isEqualTo(0)
                .path("updateJknStatuses.unknownNik").entity(Integer.class).isEqualTo(1)
                .path("updateJknStatuses.invalid").entity(Integer.class).isEqualTo(7)
                .path("updateJknStatuses.rows[*].index").entityList(Integer.class)
                .containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9)
                .path("updateJknStatuses.rows[*].outcome").entityList(String.class).containsExactly(
                        "UPDATED", "UPDATED", "UNKNOWN_NIK", "INVALID", "INVALID", "INVALID", "INVALID", "INVALID",
                        "INVALID", "INVALID")
                .path("updateJknStatuses.rows[*].field").entityList(String.class).containsExactly(
                        null, null, "input.rows[2].nik", "input.rows[3].jknNumber", "input.rows[4].since",
                        "input.rows[5].nik", "input.rows[6].nik", "input.rows[7].active", "input.rows[8].nik",
                        "input.rows[9].since")
                .path("updateJknStatuses.rows[*].version").entityList(Long.class)
                .containsExactly(1L, 1L, null, null, null, null, null, null, null, null)
                // uptpk sees NIKs whole
                .path("updateJknStatuses.rows[0].nik").entity(String.class).isEqualTo(first.head().nik())
                .path("updateJknStatuses.rows[6].message").entity(String.class)
                .satisfies(message -> assertThat(message).contains("rows 6, 8"))
                .path("updateJknStatuses.rows[*].message").entityList(String.class).satisfies(messages ->
                        messages.stream().skip(2).forEach(message -> assertThat(message).isNotBlank()
                                .doesNotContain("SQL", "Exception", "jooq")));

        HealthFacetRecord head = stored(first.head());
        assertThat(head.getSegment()).isEqualTo(JknSegment.PBI_APBN);
        assertThat(head.getActive()).isTrue();
        assertThat(head.getSince()).isEqualTo(SINCE);
        assertThat(head.getJknNumber()).isEqualTo("0000000000101");
        assertThat(head.getSource()).isEqualTo(SOURCE);
        assertThat(head.getVersion()).isEqualTo(1L);
        assertThat(stored(first.members().get(1)).getSegment()).isEqualTo(JknSegment.NONE);
        for (Person untouched : List.of(first.members().get(2), second.head(), duplicated, second.members().get(1), born2000)) {
            assertThat(stored(untouched)).as("no JKN record for a refused row").isNull();
        }
        assertThat(dsl.fetchCount(MEMBER, MEMBER.NIK.eq(unknownNik))).isZero();

        // the same list again changes nothing; a changed row moves the version on
        GraphQlTester.Response again = bulk(as("uptpk"), "BPJS sync 2025-07-31",
                List.of(insured(first.head().nik(), "0000000000101"), row(first.members().get(1).nik(), "PBPU", true, SINCE,
                        "0000000000108"))).execute();
        again.path("updateJknStatuses.rows[*].outcome").entityList(String.class).containsExactly("UNCHANGED", "UPDATED")
                .path("updateJknStatuses.rows[*].version").entityList(Long.class).containsExactly(1L, 2L);
        assertThat(stored(first.head()).getSource()).as("an unchanged row is not written").isEqualTo(SOURCE);
        assertThat(stored(first.members().get(1)).getSource()).isEqualTo("BPJS sync 2025-07-31");

        // a clerk who read the status before the list gets CONFLICT, and the hand-entered status has no source
        ResponseError stale = refusedWithoutWrites(graphQl.documentName("updateJknStatus").variable("input", input(
                "nik", first.members().get(1).nik(), "expectedVersion", 1, "segment", "NONE", "active", false)),
                "CONFLICT", "input.expectedVersion");
        assertThat(number(stale.getExtensions(), "currentVersion")).isEqualTo(2L);
        graphQl.documentName("updateJknStatus").variable("input", input("nik", first.members().get(1).nik(),
                "expectedVersion", 2, "segment", "NONE", "active", false)).execute().errors().verify();
        assertThat(stored(first.members().get(1)).getSource()).isNull();
    }

    @Test
    void theListIsRefusedWholeWhenItIsTooLongEmptyOrUnnamed() {
        Family family = registered();
        List<Map<String, Object>> tooMany = new ArrayList<>();
        tooMany.add(insured(family.head().nik(), "0000000000201"));
        for (int i = 0; i < 1_000; i++) {
            tooMany.add(row(TestIdentities.nik(false, LocalDate.of(1970, 1, 1 + i % 28)), "NONE", false, null, null));
        }
        ResponseError error = refusedWithoutWrites(bulk(as("dinkes"), SOURCE, tooMany), "BAD_REQUEST", "input.rows");
        assertThat(error.getMessage()).contains("1000").contains("1001");
        refusedWithoutWrites(bulk(as("dinkes"), SOURCE, List.of()), "BAD_REQUEST", "input.rows");
        refusedWithoutWrites(bulk(as("dinkes"), " ", List.of(insured(family.head().nik(), "0000000000201"))),
                "BAD_REQUEST", "input.source");
        assertThat(stored(family.head())).isNull();

        // 1,000 rows are allowed
        bulk(tooMany.subList(0, 1_000))
                .path("updateJknStatuses.updated").entity(Integer.class).isEqualTo(1)
                .path("updateJknStatuses.unknownNik").entity(Integer.class).isEqualTo(999);
        assertThat(stored(family.head()).getJknNumber()).isEqualTo("0000000000201");
    }

    @Test
    void statementsDoNotGrowWithTheLengthOfTheList() {
        List<Person> people = registerMany(170).stream().flatMap(family -> family.members().stream()).toList();
        assertThat(people).hasSizeGreaterThanOrEqualTo(505);

        int five = statementsFor(people.subList(0, 5), 5);
        int fiveHundred = statementsFor(people.subList(5, 505), 500);
        // the people, their stored statuses, one write of the changes, and the log of the NIKs looked up
        assertThat(fiveHundred).as("statements for 500 rows").isEqualTo(five).isLessThanOrEqualTo(4);

        statements.reset();
        bulk(people.subList(5, 505).stream().map(person -> insured(person.nik(), "0000000000301")).toList())
                .path("updateJknStatuses.unchanged").entity(Integer.class).isEqualTo(500);
        assertThat(statements.count()).as("statements for 500 unchanged rows").isLessThanOrEqualTo(five);
    }

    private int statementsFor(List<Person> people, int expected) {
        statements.reset();
        bulk(people.stream().map(person -> insured(person.nik(), "0000000000301")).toList())
                .path("updateJknStatuses.updated").entity(Integer.class).isEqualTo(expected);
        int count = statements.count();
        assertThat(dsl.fetchCount(HEALTH_FACET.join(MEMBER).on(MEMBER.ID.eq(HEALTH_FACET.MEMBER_ID)),
                MEMBER.NIK.in(people.stream().map(Person::nik).toList()).and(HEALTH_FACET.SOURCE.eq(SOURCE))))
                .isEqualTo(expected);
        return count;
    }

    /**
     * Registers families in a village of Kintamani, twenty to a request. So many random NIKs may meet
     * one a person of an earlier run holds; such a family is drawn again.
     */
    private List<Family> registerMany(int count) {
        String name = token();
        List<Family> families = new ArrayList<>();
        while (families.size() < count) {
            Family family = Family.of("51.06.04.2043", name);
            if (dsl.fetchCount(MEMBER, MEMBER.NIK.in(family.members().stream().map(Person::nik).toList())) == 0) {
                families.add(family);
            }
        }
        for (int start = 0; start < count; start += 20) {
            List<Family> part = families.subList(start, Math.min(count, start + 20));
            StringBuilder variables = new StringBuilder();
            StringBuilder fields = new StringBuilder();
            Map<String, Object> values = new LinkedHashMap<>();
            for (int i = 0; i < part.size(); i++) {
                variables.append(i == 0 ? "" : ", ").append("$h").append(i).append(": RegisterHouseholdInput!");
                fields.append("h").append(i).append(": registerHousehold(input: $h").append(i).append(") { id }\n");
                values.put("h" + i, part.get(i).input());
            }
            var request = graphQl.document("mutation(" + variables + ") {\n" + fields + "}");
            values.forEach(request::variable);
            request.execute().errors().verify();
        }
        return families;
    }

    @Test
    void theInsurersServiceAccountSendsListsAndSeesNiksMasked() {
        Family family = registered();
        List<Map<String, Object>> rows = List.of(insured(family.head().nik(), "0000000000401"),
                row(family.members().get(1).nik(), "NONE", false, null, null));

        bulk(as(Tokens.SERVICE_ACCOUNT), SOURCE, rows).execute()
                .path("updateJknStatuses.updated").entity(Integer.class).isEqualTo(2)
                .path("updateJknStatuses.rows[*].nik").entityList(String.class)
                .containsExactly(masked(family.head().nik()), masked(family.members().get(1).nik()));
        assertThat(stored(family.head()).getJknNumber()).isEqualTo("0000000000401");
        assertThat(stored(family.head()).getSource()).isEqualTo(SOURCE);
        as("dinkes").document("query($nik: String!) { member(nik: $nik) { health { source segment version } } }")
                .variable("nik", family.head().nik()).execute()
                .path("member.health.source").entity(String.class).isEqualTo(SOURCE)
                .path("member.health.segment").entity(String.class).isEqualTo("PBI_APBN")
                .path("member.health.version").entity(Long.class).isEqualTo(1L);

        // the health office's clerks see the NIKs masked too, the unknown one as well
        String unknown = TestIdentities.nik(false, LocalDate.of(1985, 8, 17));
        bulk(List.of(insured(family.head().nik(), "0000000000401"), insured(unknown, "0000000000402")))
                .path("updateJknStatuses.rows[*].nik").entityList(String.class)
                .containsExactly(masked(family.head().nik()), masked(unknown))
                .path("updateJknStatuses.rows[*].outcome").entityList(String.class).containsExactly("UNCHANGED", "UNKNOWN_NIK");
    }

    @Test
    void otherRolesMayNotSendLists() {
        Family family = registered();
        for (String role : List.of("dinsos", "perkim", "disdik", "desa-a", "bappeda", "admin")) {
            DatabaseSnapshot before = snapshot();
            GraphQlResponse response = as(role).document("""
                            mutation($input: UpdateJknStatusesInput!) { updateJknStatuses(input: $input) { __typename } }""")
                    .variable("input", input("source", SOURCE, "rows", List.of(insured(family.head().nik(), "0000000000501"))))
                    .execute().returnResponse();
            assertThat(response.getErrors()).as(role).singleElement().satisfies(error ->
                    assertThat(error.getExtensions()).containsEntry("classification", "FORBIDDEN"));
            assertThat(response.<Object>getData()).as(role).isNull();
            assertThat(snapshot()).as(role).isEqualTo(before);
        }
        assertThat(stored(family.head())).isNull();
    }

    @Test
    void aPersonOutsideTheCallersRegionIsAnUnknownNik() {
        Family inBangli = registered();
        // a household of Jembrana (51.01), outside every demo user's region, as another regency's hub would hold it
        HouseholdRecord elsewhere = dsl.insertInto(HOUSEHOLD).set(HOUSEHOLD.KK, TestIdentities.kk())
                .set(HOUSEHOLD.VILLAGE_CODE, "51.01.01.1006").set(HOUSEHOLD.ADDRESS, "Jalan Negara 1")
                .returning().fetchSingle();
        LocalDate born = LocalDate.of(1980, 4, 4);
        String outsideNik = TestIdentities.nik(false, born);
        dsl.insertInto(MEMBER).set(MEMBER.NIK, outsideNik).set(MEMBER.NAME, "Komang " + token()).set(MEMBER.SEX, Sex.MALE)
                .set(MEMBER.BIRTH_DATE, born).set(MEMBER.RELATIONSHIP, Relationship.HEAD).set(MEMBER.HOUSEHOLD_ID, elsewhere.getId())
                .execute();

        for (String caller : List.of("dinkes", Tokens.SERVICE_ACCOUNT)) {
            bulk(as(caller), SOURCE, List.of(insured(outsideNik, "0000000000601"), insured(inBangli.head().nik(), "0000000000602")))
                    .execute()
                    .path("updateJknStatuses.rows[*].outcome").entityList(String.class)
                    .containsExactly("UNKNOWN_NIK", caller.equals("dinkes") ? "UPDATED" : "UNCHANGED")
                    .path("updateJknStatuses.rows[0].message").entity(String.class).isEqualTo("No person with this NIK is registered.");
        }
        assertThat(dsl.fetchCount(HEALTH_FACET, HEALTH_FACET.MEMBER_ID.eq(memberRow(outsideNik).getId()))).isZero();
        assertThat(stored(inBangli.head()).getJknNumber()).isEqualTo("0000000000602");
    }

    /** What one of the parallel requests answered. */
    private record Sent(int sender, GraphQlResponse response) {
    }

    @Test
    void aListAndClerksChangingTheSamePeopleAtOnceLoseNothing() throws Exception {
        for (int round = 0; round < 2; round++) {
            aListAndClerksAtOnce();
        }
    }

    @Test
    void twoListsForTheSamePeopleInOppositeOrderAtOnceBothApply() throws Exception {
        List<Person> people = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            people.addAll(registered().members());
        }
        // half of the people have a status already, half get their first one from the lists
        bulk(people.subList(0, 6).stream().map(person -> row(person.nik(), "NONE", false, null, null)).toList())
                .path("updateJknStatuses.updated").entity(Integer.class).isEqualTo(6);
        List<Map<String, Object>> forward = people.stream().map(person -> insured(person.nik(), "0000000000801")).toList();
        List<Map<String, Object>> backward = new ArrayList<>(people.stream()
                .map(person -> row(person.nik(), "PBI_APBD", true, SINCE, "0000000000802")).toList());
        Collections.reverse(backward);

        CyclicBarrier start = new CyclicBarrier(2);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<GraphQlResponse> answers = new ArrayList<>();
        try {
            List<Future<GraphQlResponse>> futures = new ArrayList<>();
            for (List<Map<String, Object>> list : List.of(forward, backward)) {
                GraphQlTester.Request<?> request = bulk(as("dinkes"), SOURCE, list);
                futures.add(pool.submit(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    return request.execute().returnResponse();
                }));
            }
            for (Future<GraphQlResponse> future : futures) {
                answers.add(future.get(60, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }

        for (GraphQlResponse answer : answers) {
            assertThat(answer.getErrors()).as("no deadlock, no conflict").isEmpty();
            assertThat(answer.field("updateJknStatuses.updated").<Integer>getValue()).isEqualTo(people.size());
        }
        for (Person person : people) {
            HealthFacetRecord stored = stored(person);
            boolean hadOne = people.indexOf(person) < 6;
            // both lists counted: the one applied last holds
            assertThat(stored.getVersion()).isEqualTo(hadOne ? 3L : 2L);
            assertThat(stored.getJknNumber()).isIn("0000000000801", "0000000000802");
            assertThat(stored.getSegment())
                    .isEqualTo(stored.getJknNumber().endsWith("1") ? JknSegment.PBI_APBN : JknSegment.PBI_APBD);
        }
    }

    private void aListAndClerksAtOnce() throws Exception {
        List<Person> people = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            people.addAll(registered().members());
        }
        bulk(people.stream().map(person -> row(person.nik(), "NONE", false, null, null)).toList())
                .path("updateJknStatuses.updated").entity(Integer.class).isEqualTo(people.size());
        List<Map<String, Object>> list = people.stream().map(person -> insured(person.nik(), "0000000000701")).toList();

        // sender 0 is the insurer's job with the whole list; sender i > 0 a clerk changing person i - 1 from version 1
        int senders = people.size() + 1;
        CyclicBarrier start = new CyclicBarrier(senders);
        ExecutorService pool = Executors.newFixedThreadPool(senders);
        List<Sent> answers = new ArrayList<>();
        try {
            List<Future<Sent>> futures = new ArrayList<>();
            for (int sender = 0; sender < senders; sender++) {
                int id = sender;
                GraphQlTester.Request<?> request = id == 0
                        ? bulk(as(Tokens.SERVICE_ACCOUNT), SOURCE, list)
                        : as("dinkes").documentName("updateJknStatus").variable("input", input("nik", people.get(id - 1).nik(),
                                "expectedVersion", 1, "jknNumber", "0000000000702", "segment", "PBPU", "active", true));
                futures.add(pool.submit(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    return new Sent(id, request.execute().returnResponse());
                }));
            }
            for (Future<Sent> future : futures) {
                answers.add(future.get(60, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }

        GraphQlResponse listAnswer = answers.getFirst().response();
        assertThat(listAnswer.getErrors()).isEmpty();
        assertThat(listAnswer.field("updateJknStatuses.updated").<Integer>getValue()).isEqualTo(people.size());
        List<Integer> listVersions = listAnswer.field("updateJknStatuses.rows").<List<Map<String, Object>>>getValue().stream()
                .map(result -> ((Number) result.get("version")).intValue()).toList();
        for (int i = 0; i < people.size(); i++) {
            GraphQlResponse clerk = answers.get(i + 1).response();
            boolean clerkWon = clerk.getErrors().isEmpty();
            if (!clerkWon) {
                assertThat(clerk.getErrors()).singleElement().satisfies(error -> {
                    assertThat(error.getExtensions()).containsEntry("classification", "CONFLICT")
                            .containsEntry("field", "input.expectedVersion");
                    assertClerkCanRead(error);
                });
            }
            HealthFacetRecord stored = stored(people.get(i));
            // the insurer is authoritative: its status stands, whether it came before or after the clerk's
            assertThat(stored.getSegment()).isEqualTo(JknSegment.PBI_APBN);
            assertThat(stored.getJknNumber()).isEqualTo("0000000000701");
            // every write counted once: the creation, the clerk's when it won, and the list's
            assertThat(stored.getVersion()).as("version of person %d", i).isEqualTo(clerkWon ? 3L : 2L);
            assertThat(listVersions.get(i)).isEqualTo(stored.getVersion().intValue());
        }
    }
}
