package id.terpadu.pages;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import id.terpadu.HubTest;
import id.terpadu.TestIdentities;
import id.terpadu.Tokens;
import id.terpadu.db.codes.BenefitStatus;
import id.terpadu.db.codes.JknSegment;
import id.terpadu.db.codes.MemberStatus;
import id.terpadu.db.codes.PbiFunding;
import id.terpadu.db.codes.Relationship;
import id.terpadu.db.codes.Sex;
import id.terpadu.db.tables.records.HouseholdRecord;
import id.terpadu.db.tables.records.MemberRecord;
import io.micrometer.core.instrument.MeterRegistry;
import org.jooq.Record;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static id.terpadu.db.Tables.BENEFIT;
import static id.terpadu.db.Tables.HEALTH_FACET;
import static id.terpadu.db.Tables.HOUSEHOLD;
import static id.terpadu.db.Tables.HOUSEHOLD_KK_HISTORY;
import static id.terpadu.db.Tables.IDENTITY_READ;
import static id.terpadu.db.Tables.MEMBER;
import static id.terpadu.db.Tables.MEMBER_MERGE;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A households page or look-up answered by one SQL statement is the one answered field by field:
 * for every role of the realm and a set of documents (the benchmark's pages, first and deep, and
 * look-ups, aliases, parts of them, fields a role lacks, numbers out of reach, documents the
 * compiler does not take, bad arguments), the answer (data and errors) and the identity reads
 * logged are the same with the compiled pages on and off; and the compiled way does run, in one
 * statement, for the requests it takes.
 */
class CompiledPageTest extends HubTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Everyone of the realm who reads households, the planners and the administrator who do not, and the insurer's job. */
    private static final List<String> CALLERS = List.of("uptpk", "dinsos", "dinkes", "perkim", "disdik", "desa", "desa-b",
            "bappeda", "admin", Tokens.SERVICE_ACCOUNT);
    private static final String KINTAMANI = "51.06.04.2005";
    private static final String OUTSIDE_BANGLI = "51.01.01.1006";
    /** Numbers compare by value: the database writes 600000.00 where Jackson writes 600000.0. */
    private static final Comparator<JsonNode> SAME_VALUE = (a, b) -> a.isNumber() && b.isNumber()
            ? a.decimalValue().compareTo(b.decimalValue()) : a.equals(b) ? 0 : 1;

    @Autowired
    private CompiledPages compiledPages;

    @Autowired
    private MeterRegistry meters;

    @Autowired
    private RenderedPages renderedPages;

    private long firstOfThisTest;

    @BeforeEach
    void households() {
        compiledPages.enabled(true);
        firstOfThisTest = household(TestIdentities.VILLAGE, true);
        household(TestIdentities.VILLAGE, false);
        household(KINTAMANI, true);
        household(OUTSIDE_BANGLI, true);
        household(TestIdentities.OTHER_VILLAGE, true);
    }

    @AfterEach
    void compiledPagesOn() {
        compiledPages.enabled(true);
    }

    @Test
    void everyRoleGetsTheSameAnswersAndTheSameIdentityReadsBothWays() throws IOException {
        String deep = cursor(firstOfThisTest - 1);
        Map<String, Request> requests = new LinkedHashMap<>();
        for (String page : List.of("household-page", "household-page-social")) {
            String document = bench(page);
            requests.put(page + " first", new Request(document, variables("after", null), true));
            requests.put(page + " deep", new Request(document, variables("after", deep), true));
            requests.put(page + " past the end", new Request(document, variables("after", cursor(Long.MAX_VALUE / 2)), true));
        }
        requests.put("aliases, __typename, all of pageInfo", new Request("""
                query Aliased($after: String, $size: Int) {
                  list: households(first: $size, after: $after) {
                    __typename
                    info: pageInfo { __typename more: hasNextPage hasPreviousPage startCursor endCursor }
                    rows: edges {
                      at: cursor
                      household: node {
                        __typename key: id card: kk kk address
                        people: members { __typename key: id number: nik who: name born: birthDate sex status: relationship
                          alive: status diedOn
                          aid: benefits { id code: programme { code __typename } from: startsOn amount status reason stopReason version } }
                        aid: benefits { status amount programme { code } endsOn }
                      }
                    }
                  }
                }""", variables("after", deep, "size", 3), true));
        requests.put("a part of the fields, the default page size", new Request("""
                { households { edges { node { id version members { name birthDate version } } } pageInfo { endCursor } } }""",
                Map.of(), true));
        requests.put("the same field twice", new Request("""
                query Twice($after: String) { households(first: 4, after: $after) { edges { node { id members { nik name nik } id } }
                  edges { cursor } } }""", variables("after", deep), true));
        requests.put("the JKN status alone", new Request("""
                query Health($after: String) { households(first: 5, after: $after) { edges { node { members { nik health { segment active since jknNumber version } } } } } }""",
                variables("after", deep), true));
        requests.put("an empty filter and null order", new Request("""
                query Plain($after: String) { households(first: 2, after: $after, filter: {}, orderBy: null) { edges { node { id rt rw status } } } }""",
                variables("after", deep), true));
        requests.put("the total count", new Request("""
                query Count($after: String) { households(first: 5, after: $after) { totalCount edges { node { id } } } }""",
                variables("after", deep), true));
        requests.put("a filter by region, state and name, the registration order", new Request("""
                query Village($after: String, $filter: HouseholdFilter) {
                  households(first: 5, after: $after, filter: $filter, orderBy: {field: REGISTERED}) {
                    totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id kk members { nik name } } } } }""",
                variables("after", deep, "filter", Map.of("region", "5106012001", "status", "ACTIVE", "name", "kompilasi")), true));
        requests.put("a filter by programme", new Request("""
                query Programme($after: String) { households(first: 5, after: $after, filter: {programme: "PKH"}) {
                  totalCount edges { node { id benefits { programme { code } } } } } }""", variables("after", deep), true));
        requests.put("a filter by JKN segment", new Request("""
                query Segment($after: String) { households(first: 5, after: $after, filter: {jknSegment: PBI_APBN}) {
                  totalCount edges { node { id members { health { segment } } } } } }""", variables("after", deep), true));
        requests.put("a region no one knows", new Request("""
                query Nowhere($after: String) { households(first: 5, after: $after, filter: {region: "99.99"}) { edges { node { id } } } }""",
                variables("after", deep), false));
        requests.put("a name too short", new Request("""
                query Short($after: String) { households(first: 5, after: $after, filter: {name: "ab"}) { edges { node { id } } } }""",
                variables("after", deep), false));
        requests.put("another order", new Request("""
                { households(first: 5, orderBy: {field: VILLAGE, direction: DESC}) { edges { cursor node { id } } } }""",
                Map.of(), false));
        requests.put("a field no compiled page holds", new Request("""
                query Head($after: String) { households(first: 5, after: $after) { edges { node { id head { nik } } } } }""",
                variables("after", deep), false));
        requests.put("a fragment", new Request("""
                query Fragment($after: String) { households(first: 5, after: $after) { edges { node { ...Core } } } }
                fragment Core on Household { id kk members { nik } }""", variables("after", deep), false));
        requests.put("a directive", new Request("""
                query Skip($after: String, $no: Boolean!) { households(first: 5, after: $after) { edges { node { id kk @skip(if: $no) } } } }""",
                variables("after", deep, "no", true), false));
        requests.put("another root field beside", new Request("""
                query Two($after: String) { households(first: 5, after: $after) { edges { node { id } } } programmes { code } }""",
                variables("after", deep), false));
        requests.put("a cursor of no list", new Request("""
                query Bad($after: String) { households(first: 5, after: $after) { edges { node { id } } } }""",
                variables("after", "not-a-cursor"), false));
        requests.put("a cursor of another order", new Request("""
                query Bad($after: String) { households(first: 5, after: $after) { edges { node { id } } } }""",
                variables("after", Base64.getUrlEncoder().withoutPadding().encodeToString("VILLAGE|51.06|1".getBytes(StandardCharsets.UTF_8))), false));
        requests.put("a page of none", new Request("""
                { households(first: 0) { edges { node { id } } } }""", Map.of(), false));
        requests.put("a page beyond the limit", new Request("""
                { households(first: 101) { edges { node { id } } } }""", Map.of(), false));
        requests.put("a page size of the wrong type", new Request("""
                query Size($size: Int) { households(first: $size) { edges { node { id } } } }""", variables("size", "ten"), false));
        lookups(requests);
        requests.put("a mutation", new Request("""
                mutation { updateHouseholdAddress(input: {householdId: "x", expectedVersion: 1, address: "Jalan"}) { id } }""",
                Map.of(), false));

        List<String> compared = new ArrayList<>();
        for (String caller : CALLERS) {
            for (Map.Entry<String, Request> entry : requests.entrySet()) {
                Request request = entry.getValue();
                compiledPages.enabled(false);
                Answer fieldByField = post(caller, request);
                compiledPages.enabled(true);
                long answeredBefore = compiledPages.answered();
                Answer compiled = post(caller, request);
                boolean ranCompiled = compiledPages.answered() > answeredBefore;

                String what = caller + ", " + entry.getKey();
                assertThat(compiled.body().equals(SAME_VALUE, fieldByField.body()))
                        .as("%s:%n compiled      %s%n field by field %s", what, compiled.body(), fieldByField.body()).isTrue();
                assertThat(compiled.status()).as(what).isEqualTo(fieldByField.status());
                assertThat(compiled.text()).as("byte for byte: " + what).isEqualTo(fieldByField.text());
                assertThat(compiled.identityReads()).as("identity reads of " + what).isEqualTo(fieldByField.identityReads());
                boolean valid = !fieldByField.body().has("errors");
                assertThat(ranCompiled).as("compiled: " + what).isEqualTo(request.compiles() && valid);
                compared.add(what);
            }
        }
        assertThat(compared).hasSize(CALLERS.size() * requests.size());
    }

    /**
     * Look-ups by KK and NIK: the benchmark's, with nested fields, of a household and a child in the
     * village, of a household and a person outside Bangli, of a number no one holds, of a card the
     * household held before and of a NIK merged into another record; and look-ups the compiler
     * leaves to the field-by-field way.
     */
    private void lookups(Map<String, Request> requests) throws IOException {
        HouseholdRecord inVillage = dsl.fetchSingle(HOUSEHOLD, HOUSEHOLD.ID.eq(firstOfThisTest));
        HouseholdRecord outside = dsl.fetchSingle(HOUSEHOLD, HOUSEHOLD.VILLAGE_CODE.eq(OUTSIDE_BANGLI)
                .and(HOUSEHOLD.ADDRESS.eq(inVillage.getAddress())).and(HOUSEHOLD.ID.gt(firstOfThisTest)));
        MemberRecord head = dsl.fetchSingle(MEMBER, MEMBER.HOUSEHOLD_ID.eq(firstOfThisTest).and(MEMBER.RELATIONSHIP.eq(Relationship.HEAD)));
        MemberRecord child = dsl.fetchSingle(MEMBER, MEMBER.HOUSEHOLD_ID.eq(firstOfThisTest).and(MEMBER.RELATIONSHIP.eq(Relationship.CHILD)));
        MemberRecord outsider = dsl.fetchSingle(MEMBER, MEMBER.HOUSEHOLD_ID.eq(outside.getId()).and(MEMBER.RELATIONSHIP.eq(Relationship.HEAD)));
        String formerKk = TestIdentities.kk();
        dsl.insertInto(HOUSEHOLD_KK_HISTORY).set(HOUSEHOLD_KK_HISTORY.HOUSEHOLD_ID, firstOfThisTest)
                .set(HOUSEHOLD_KK_HISTORY.KK, formerKk).set(HOUSEHOLD_KK_HISTORY.REASON, "Compiled look-up test").execute();
        String mergedNik = TestIdentities.nik(false, head.getBirthDate());
        dsl.insertInto(MEMBER_MERGE).set(MEMBER_MERGE.KEPT_MEMBER_ID, head.getId()).set(MEMBER_MERGE.MERGED_MEMBER_ID, -head.getId())
                .set(MEMBER_MERGE.NIK, mergedNik).set(MEMBER_MERGE.NAME, head.getName()).set(MEMBER_MERGE.SEX, Sex.MALE)
                .set(MEMBER_MERGE.BIRTH_DATE, head.getBirthDate()).set(MEMBER_MERGE.HOUSEHOLD_ID, firstOfThisTest)
                .set(MEMBER_MERGE.RELATIONSHIP, Relationship.HEAD).set(MEMBER_MERGE.REGISTERED_AT, java.time.OffsetDateTime.now())
                .set(MEMBER_MERGE.FACETS, org.jooq.JSONB.valueOf("{}")).set(MEMBER_MERGE.REASON, "Compiled look-up test")
                .set(MEMBER_MERGE.MERGED_BY, "test").execute();
        String nobody = TestIdentities.nik(true, LocalDate.of(1990, 2, 3));

        String memberLookup = bench("member-lookup");
        String householdLookup = bench("household-lookup");
        requests.put("the benchmark's look-up by NIK", new Request(memberLookup, variables("nik", head.getNik()), true));
        requests.put("the benchmark's look-up by KK", new Request(householdLookup, variables("kk", inVillage.getKk()), true));
        requests.put("a child by NIK", new Request(memberLookup, variables("nik", child.getNik()), true));
        requests.put("a person outside Bangli by NIK", new Request(memberLookup, variables("nik", outsider.getNik()), true));
        requests.put("a household outside Bangli by KK", new Request(householdLookup, variables("kk", outside.getKk()), true));
        requests.put("a NIK no one holds", new Request(memberLookup, variables("nik", nobody), true));
        requests.put("a KK no one holds", new Request(householdLookup, variables("kk", nobody), true));
        requests.put("a KK the household held before", new Request(householdLookup, variables("kk", formerKk), true));
        requests.put("a NIK merged into another record", new Request(memberLookup, variables("nik", mergedNik), true));
        requests.put("a household by KK with its people, their JKN status and benefits", new Request("""
                query Whole($kk: String!) { found: household(kk: $kk) { __typename id kk rt
                  members { id nik name birthDate health { segment active jknNumber } benefits { programme { code } amount status } }
                  benefits { id programme { code } startsOn endsOn amount status } } }""", variables("kk", inVillage.getKk()), true));
        requests.put("a person by NIK with JKN status and benefits", new Request("""
                query Person($nik: String!) { who: member(nik: $nik) { __typename nik nik2: nik diedOn status
                  health { segment since version } benefits { id programme { code } reason stopReason amount } } }""",
                variables("nik", head.getNik()), true));
        requests.put("a look-up by a number written in the document", new Request(
                "{ member(nik: \"" + child.getNik() + "\") { id nik name } }", Map.of(), true));
        requests.put("a NIK of 15 digits", new Request(memberLookup, variables("nik", head.getNik().substring(1)), false));
        requests.put("a KK with a letter", new Request(householdLookup, variables("kk", "51060A" + inVillage.getKk().substring(6)), false));
        requests.put("a person's household, which no compiled look-up holds", new Request("""
                query Home($nik: String!) { member(nik: $nik) { name household { kk } } }""", variables("nik", head.getNik()), false));
        requests.put("a household's head, which no compiled look-up holds", new Request("""
                query Head($kk: String!) { household(kk: $kk) { id head { nik } } }""", variables("kk", inVillage.getKk()), false));
    }

    @Test
    void theBenchmarksLookUpsAreAnsweredByOneStatementThatLogsTheWholeNumbersItShows() throws IOException {
        HouseholdRecord household = dsl.fetchSingle(HOUSEHOLD, HOUSEHOLD.ID.eq(firstOfThisTest));
        MemberRecord head = dsl.fetchSingle(MEMBER, MEMBER.HOUSEHOLD_ID.eq(firstOfThisTest).and(MEMBER.RELATIONSHIP.eq(Relationship.HEAD)));
        Request byNik = new Request(bench("member-lookup"), variables("nik", head.getNik()), true);
        Request byKk = new Request(bench("household-lookup"), variables("kk", household.getKk()), true);
        post("uptpk", byNik);
        post("uptpk", byKk);

        for (Request lookup : List.of(byNik, byKk)) {
            long answeredBefore = compiledPages.answered();
            statements.reset();
            Sent sent = send("uptpk", lookup);
            int count = statements.count();
            Answer answer = sent.answer();
            assertThat(compiledPages.answered()).isEqualTo(answeredBefore + 1);
            assertThat(count).as("the look-up, which logs the whole number it shows").isEqualTo(1);
            assertThat(answer.identityReads()).hasSize(1);
        }
    }

    @Test
    void theBenchmarksPageIsAnsweredByOneStatementThatLogsTheWholeNumbersItShows() throws IOException {
        Request page = new Request(bench("household-page"), variables("after", cursor(firstOfThisTest - 1)), true);
        Request social = new Request(bench("household-page-social"), variables("after", cursor(firstOfThisTest - 1)), true);
        post("uptpk", page);
        post("dinsos", social);

        statements.reset();
        Sent unmaskedPage = send("uptpk", page);
        int forUptpk = statements.count();
        statements.reset();
        Sent maskedPage = send("dinsos", social);
        int forDinsos = statements.count();
        Answer unmasked = unmaskedPage.answer();
        Answer masked = maskedPage.answer();

        assertThat(unmasked.body().at("/data/households/edges").size()).isEqualTo(4);
        assertThat(masked.body().at("/data/households/edges/0/node/kk").asText()).matches("5106\\*{8}[A-Z]{4}");
        assertThat(forUptpk).as("the page, which logs the whole numbers it shows").isEqualTo(1);
        assertThat(unmasked.identityReads()).isNotEmpty();
        assertThat(forDinsos).as("the page; nothing read whole").isEqualTo(1);
        assertThat(masked.identityReads()).isEmpty();
        assertThat(meters.get("terpadu.pages.compiled").counter().count()).isEqualTo(compiledPages.answered());
    }

    @Test
    void dataLoadersAreMadeOnlyForRequestsThatBatchAndTheirLoadsAreObserved() throws IOException {
        Request page = new Request(bench("household-page"), variables("after", cursor(firstOfThisTest - 1)), true);
        compiledPages.enabled(false);
        double loadsBefore = batchLoads();
        Answer fieldByField = post("uptpk", page);
        double loadsFieldByField = batchLoads() - loadsBefore;
        compiledPages.enabled(true);
        loadsBefore = batchLoads();
        Answer compiled = post("uptpk", page);
        double loadsCompiled = batchLoads() - loadsBefore;

        assertThat(compiled.text()).isEqualTo(fieldByField.text());
        assertThat(fieldByField.body().at("/data/households/edges/0/node/members/0/health").isMissingNode()).isFalse();
        // members, their JKN status and benefits, the households' benefits, the programmes
        assertThat(loadsFieldByField).as("batch loads observed field by field").isGreaterThanOrEqualTo(4);
        assertThat(loadsCompiled).as("batch loads of the compiled page").isZero();
    }

    /** How many batch loads Spring for GraphQL has observed ({@code graphql.dataloader}), over all loaders. */
    private double batchLoads() {
        return meters.find("graphql.dataloader").timers().stream().mapToDouble(timer -> timer.count()).sum();
    }

    @Test
    void aPageIsRenderedOncePerShapeAndBoundToEachPosition() throws IOException {
        String document = """
                query Page($after: String) { households(first: 3, after: $after) { pageInfo { hasNextPage endCursor }
                  edges { cursor node { id kk members { id nik name birthDate } } } } }""";
        long shapesBefore = renderedPages.size();
        for (String caller : List.of("uptpk", "desa", "desa-b")) {
            for (long after : List.of(firstOfThisTest - 1, firstOfThisTest, firstOfThisTest + 1, firstOfThisTest + 3)) {
                Request request = new Request(document, variables("after", cursor(after)), true);
                compiledPages.enabled(false);
                Answer fieldByField = post(caller, request);
                compiledPages.enabled(true);
                long answeredBefore = compiledPages.answered();
                Answer compiled = post(caller, request);
                assertThat(compiledPages.answered()).as("compiled: %s after %d", caller, after).isEqualTo(answeredBefore + 1);
                assertThat(compiled.text()).as("%s after %d", caller, after).isEqualTo(fieldByField.text());
                assertThat(compiled.identityReads()).as("%s after %d", caller, after).isEqualTo(fieldByField.identityReads());
            }
        }
        assertThat(renderedPages.size()).as("one shape per caller's view of the policy, whatever the page's position")
                .isEqualTo(shapesBefore + 3);
    }

    /** One request of the test: its document, variables, and whether the compiler takes it when it is valid. */
    private record Request(String document, Map<String, Object> variables, boolean compiles) {
    }

    /** An answer: its status, its text and JSON, and the identity reads logged for it (without ids and times). */
    private record Answer(int status, String text, JsonNode body, Map<List<Object>, Long> identityReads) {
    }

    private Answer post(String caller, Request request) throws IOException {
        return send(caller, request).answer();
    }

    /** A request sent, whose identity reads are not read yet (that is a statement of the test's own). */
    private record Sent(String requestId, HttpResponse<String> response, CompiledPageTest test) {

        Answer answer() throws IOException {
            return new Answer(response.statusCode(), response.body(), JSON.readTree(response.body()), test.identityReads(requestId));
        }
    }

    private Sent send(String caller, Request request) throws IOException {
        String requestId = "compiled-" + UUID.randomUUID();
        Map<String, Object> body = new HashMap<>();
        body.put("query", request.document());
        body.put("variables", request.variables());
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/graphql"))
                    .header("Content-Type", "application/json")
                    .header("Authorization", "Bearer " + Tokens.of(caller))
                    .header("X-Request-Id", requestId)
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                    .build(), HttpResponse.BodyHandlers.ofString());
            return new Sent(requestId, response, this);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The identity reads logged for a request, each with how often it was logged. */
    private Map<List<Object>, Long> identityReads(String requestId) {
        Map<List<Object>, Long> reads = new HashMap<>();
        for (Record read : dsl.select(IDENTITY_READ.SUBJECT, IDENTITY_READ.USERNAME, IDENTITY_READ.CLIENT, IDENTITY_READ.ROLES,
                        IDENTITY_READ.OPERATION, IDENTITY_READ.FIELD, IDENTITY_READ.MEMBER_ID, IDENTITY_READ.HOUSEHOLD_ID)
                .from(IDENTITY_READ).where(IDENTITY_READ.REQUEST_ID.eq(requestId)).fetch()) {
            reads.merge(java.util.Arrays.asList(read.intoArray()), 1L, Long::sum);
        }
        return reads;
    }

    private static Map<String, Object> variables(Object... namesAndValues) {
        Map<String, Object> variables = new HashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            variables.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return variables;
    }

    private static String cursor(long householdId) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(("REGISTERED|" + householdId).getBytes(StandardCharsets.UTF_8));
    }

    private static String bench(String page) throws IOException {
        return Files.readString(Path.of("bench", "graphql", page + ".graphql"));
    }

    /**
     * A household with a living head, a spouse, a child of school age, a deceased grandparent, their
     * JKN status (one without a card number), and benefits of several programmes, of the household
     * and of people, some open-ended, some without an amount.
     */
    private long household(String village, boolean withBenefits) {
        HouseholdRecord household = dsl.insertInto(HOUSEHOLD).set(HOUSEHOLD.KK, TestIdentities.kk()).set(HOUSEHOLD.VILLAGE_CODE, village)
                .set(HOUSEHOLD.ADDRESS, "Jalan \"Kompilasi\" 7\\B").set(HOUSEHOLD.RT, withBenefits ? "003" : null)
                .set(HOUSEHOLD.RW, "011").returning().fetchSingle();
        MemberRecord head = member(household, "Wayan Kompilasi", LocalDate.of(1975, 3, 4), Sex.MALE, Relationship.HEAD, null);
        MemberRecord spouse = member(household, "Ni Made Kompilasi", LocalDate.of(1972, 8, 9), Sex.FEMALE, Relationship.SPOUSE, null);
        MemberRecord child = member(household, "Ketut Kompilasi", LocalDate.now().minusYears(12), Sex.MALE, Relationship.CHILD, null);
        member(household, "Nyoman Kompilasi", LocalDate.of(1940, 1, 1), Sex.MALE, Relationship.PARENT, LocalDate.of(2020, 5, 5));
        dsl.insertInto(HEALTH_FACET).set(HEALTH_FACET.MEMBER_ID, head.getId()).set(HEALTH_FACET.JKN_NUMBER, "0000000001234")
                .set(HEALTH_FACET.SEGMENT, JknSegment.PBI_APBN).set(HEALTH_FACET.ACTIVE, true).set(HEALTH_FACET.SINCE, LocalDate.of(2021, 1, 1))
                .execute();
        dsl.insertInto(HEALTH_FACET).set(HEALTH_FACET.MEMBER_ID, child.getId()).execute();
        if (withBenefits) {
            benefit("PKH", household.getId(), null, LocalDate.of(2024, 1, 1), LocalDate.of(2024, 12, 31), new BigDecimal("600000.00"));
            benefit("PKH", household.getId(), null, LocalDate.of(2025, 1, 1), null, new BigDecimal("750000.50"));
            benefit("RTLH", household.getId(), null, LocalDate.of(2025, 1, 1), null, new BigDecimal("17500000.00"));
            benefit("BLT_DD", household.getId(), null, LocalDate.of(2025, 1, 1), LocalDate.of(2025, 3, 31), null);
            dsl.update(BENEFIT).set(BENEFIT.STATUS, BenefitStatus.STOPPED).set(BENEFIT.STOP_REASON, "Moved away")
                    .where(BENEFIT.HOUSEHOLD_ID.eq(household.getId())).and(BENEFIT.PROGRAMME_CODE.eq("BLT_DD")).execute();
            benefit("KIS_PBI", null, head.getId(), LocalDate.of(2023, 6, 1), null, null);
            benefit("PIP", null, child.getId(), LocalDate.of(2025, 7, 1), null, new BigDecimal("450000.00"));
            benefit("KIS_PBI", null, spouse.getId(), LocalDate.of(2023, 6, 1), null, null);
        }
        return household.getId();
    }

    private MemberRecord member(HouseholdRecord household, String name, LocalDate born, Sex sex, Relationship relationship,
                                LocalDate diedOn) {
        return dsl.insertInto(MEMBER).set(MEMBER.NIK, TestIdentities.nik(sex == Sex.FEMALE, born)).set(MEMBER.NAME, name)
                .set(MEMBER.SEX, sex).set(MEMBER.BIRTH_DATE, born).set(MEMBER.RELATIONSHIP, relationship)
                .set(MEMBER.STATUS, diedOn == null ? MemberStatus.LIVING : MemberStatus.DECEASED).set(MEMBER.DIED_ON, diedOn)
                .set(MEMBER.HOUSEHOLD_ID, household.getId()).returning().fetchSingle();
    }

    private void benefit(String programme, Long householdId, Long memberId, LocalDate startsOn, LocalDate endsOn, BigDecimal amount) {
        dsl.insertInto(BENEFIT).set(BENEFIT.PROGRAMME_CODE, programme).set(BENEFIT.HOUSEHOLD_ID, householdId)
                .set(BENEFIT.MEMBER_ID, memberId).set(BENEFIT.STARTS_ON, startsOn).set(BENEFIT.ENDS_ON, endsOn)
                .set(BENEFIT.STATUS, BenefitStatus.ACTIVE).set(BENEFIT.AMOUNT, amount).set(BENEFIT.REASON, "Compiled page test")
                .set(BENEFIT.FUNDING, programme.equals("KIS_PBI") ? PbiFunding.APBN : null)
                .execute();
    }
}
