package id.terpadu;

import org.junit.jupiter.api.Test;
import org.springframework.graphql.ResponseError;
import org.springframework.graphql.test.tester.GraphQlTester;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static id.terpadu.db.Tables.BENEFIT;
import static id.terpadu.db.Tables.HOUSEHOLD;
import static id.terpadu.db.Tables.HOUSEHOLD_KK_HISTORY;
import static id.terpadu.db.Tables.MEMBER;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every argument of every operation passes one input check before anything runs: text with
 * control characters, broken or unassigned characters, too many characters or nothing visible,
 * numbers that are not finite or out of their field's range, and dates outside 1900–2100 are
 * refused with BAD_REQUEST and the input path at fault, in mutations, query arguments and
 * filters alike, and nothing is written.
 */
class InputHygieneTest extends ApiTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String ENROL = """
            mutation enrol($input: EnrolBenefitInput!) { enrolBenefit(input: $input) { id amount } }""";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    // --- text

    @Test
    void aNulByteInANameAnAddressOrAFilterIsRefusedNamingTheField() {
        Family family = Family.of(TestIdentities.VILLAGE, token());
        ResponseError name = refusedWithoutWrites(registering(family.withMember(1,
                family.members().get(1).withName("Ketut\u0000 " + token()))), "BAD_REQUEST", "input.members[1].name");
        assertThat(name.getMessage()).contains("control character", "U+0000");
        assertThat(name.getExtensions()).containsEntry("inputRule", "controlCharacter");

        refusedWithoutWrites(registering(family.withAddress("Jalan\u0000Raya", "001", "002")), "BAD_REQUEST", "input.address");
        refusedWithoutWrites(graphQl.documentName("households").variable("filter", Map.of("name", "Ket\u0000ut")),
                "BAD_REQUEST", "filter.name");
        refusedWithoutWrites(graphQl.documentName("member").variable("nik", "5106\u0000"), "BAD_REQUEST", "nik");
        assertThat(dsl.fetchExists(HOUSEHOLD, HOUSEHOLD.KK.eq(family.kk()))).isFalse();
    }

    @Test
    void otherControlCharactersAndLineBreaksInOneLineTextAreRefused() {
        Family family = Family.of(TestIdentities.VILLAGE, token());
        for (String name : List.of("Wayan\u0007Bell", "Wayan\u0085Next", "Wayan\u001bEscape")) {
            assertThat(refusedWithoutWrites(registering(family.withMember(0, family.head().withName(name))),
                    "BAD_REQUEST", "input.members[0].name").getExtensions()).containsEntry("inputRule", "controlCharacter");
        }
        for (String address : List.of("Jalan Raya\n7", "Jalan\tRaya", "Jalan\u2028Raya")) {
            assertThat(refusedWithoutWrites(registering(family.withAddress(address, "001", "002")),
                    "BAD_REQUEST", "input.address").getExtensions()).containsEntry("inputRule", "lineBreak");
        }
    }

    @Test
    void aReasonMaySpanLines() {
        Family family = Family.of(TestIdentities.VILLAGE, token());
        register(family);
        String reason = "Split from the parents' card.\r\nThe son married\tin 2025.";

        graphQl.documentName("changeHouseholdKk").variable("input", input("kk", family.kk(), "expectedVersion", 1,
                "newKk", TestIdentities.kk(), "reason", reason)).execute().errors().verify();

        assertThat(dsl.select(HOUSEHOLD_KK_HISTORY.REASON).from(HOUSEHOLD_KK_HISTORY)
                .where(HOUSEHOLD_KK_HISTORY.KK.eq(family.kk())).fetchSingle().value1()).isEqualTo(reason);
    }

    @Test
    void textLongerThanItsFieldAllowsIsRefusedBeforeItIsStored() {
        Family family = Family.of(TestIdentities.VILLAGE, token());
        ResponseError address = refusedWithoutWrites(registering(family.withAddress("x".repeat(200_000), "001", "002")),
                "BAD_REQUEST", "input.address");
        assertThat(address.getExtensions()).containsEntry("inputRule", "maxLength");
        assertThat(number(address.getExtensions(), "maximum")).isEqualTo(200);
        assertThat(number(address.getExtensions(), "actual")).isEqualTo(200_000);

        refusedWithoutWrites(registering(family.withMember(2, family.members().get(2).withName("Made " + "a".repeat(196)))),
                "BAD_REQUEST", "input.members[2].name");
        // any other text: 1,000 characters
        refusedWithoutWrites(graphQl.documentName("household").variable("kk", "5".repeat(1_001)), "BAD_REQUEST", "kk");

        // counted in characters, not in UTF-16 units: 200 characters outside the basic plane fit
        String longest = "\uD801\uDC00".repeat(200 - 6) + " " + token().substring(0, 5);
        register(family.withAddress(longest, "001", "002"));
        assertThat(householdRow(family.kk()).getAddress()).isEqualTo(longest);
    }

    @Test
    void aNameOfInvisibleCharactersOnlyIsRefused() {
        Family family = Family.of(TestIdentities.VILLAGE, token());
        for (String invisible : List.of("\u200B\u200B", "\u00A0\u2060\uFEFF", "\u3164", "   ")) {
            assertThat(refusedWithoutWrites(registering(family.withMember(0, family.head().withName(invisible))),
                    "BAD_REQUEST", "input.members[0].name").getExtensions()).containsEntry("inputRule", "blank");
        }
        register(family);
        refusedWithoutWrites(graphQl.documentName("changeHouseholdKk").variable("input", input("kk", family.kk(),
                "expectedVersion", 1, "newKk", TestIdentities.kk(), "reason", "\u200B")), "BAD_REQUEST", "input.reason");
    }

    @Test
    void aLoneSurrogateIsRefusedInsteadOfBeingStoredAsAQuestionMark() throws Exception {
        Family family = Family.of(TestIdentities.VILLAGE, token());
        DatabaseSnapshot before = snapshot();
        // JSON can carry half of a UTF-16 pair as an escape; Java text holds it as it is
        String body = JSON.writeValueAsString(Map.of("query", """
                        mutation register($input: RegisterHouseholdInput!) { registerHousehold(input: $input) { id } }""",
                "variables", Map.of("input", family.withMember(0, family.head().withName("Wayan HALF")).input())))
                .replace("HALF", "\\ud800");

        JsonNode error = onlyError(post(body));

        assertThat(error.at("/extensions/classification").asString()).isEqualTo("BAD_REQUEST");
        assertThat(error.at("/extensions/field").asString()).isEqualTo("input.members[0].name");
        assertThat(error.at("/extensions/inputRule").asString()).isEqualTo("brokenCharacter");
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void privateUseAndUnassignedCodePointsAreRefused() {
        Family family = Family.of(TestIdentities.VILLAGE, token());
        assertThat(refusedWithoutWrites(registering(family.withMember(0, family.head().withName("Wayan \uE000"))),
                "BAD_REQUEST", "input.members[0].name").getExtensions()).containsEntry("inputRule", "privateUseCharacter");
        assertThat(refusedWithoutWrites(registering(family.withMember(0, family.head().withName("Wayan \u0378"))),
                "BAD_REQUEST", "input.members[0].name").getExtensions()).containsEntry("inputRule", "unassignedCharacter");
    }

    @Test
    void textIsStoredInUnicodeNormalFormC() {
        String surname = token();
        // e and a combining acute accent, as some keyboards send it, once in a variable and once in the document
        Family family = Family.of(TestIdentities.VILLAGE, surname)
                .withMember(1, Person.woman("Rene\u0301e " + surname, "SPOUSE"));
        register(family);
        Person child = Person.man("Jose\u0301 " + surname, "CHILD");
        graphQl.document("""
                mutation { addMember(input: {kk: "%s", expectedVersion: 1, member: {nik: "%s", name: "Jose\\u0301 %s",
                  sex: MALE, birthDate: "%s", relationship: CHILD}}) { id } }"""
                .formatted(family.kk(), child.nik(), surname, child.birthDate())).execute().errors().verify();

        assertThat(memberRow(family.members().get(1).nik()).getName()).isEqualTo("Ren\u00E9e " + surname);
        assertThat(memberRow(child.nik()).getName()).isEqualTo("Jos\u00E9 " + surname);
        // and a search typed either way finds it
        graphQl.documentName("households").variable("filter", Map.of("name", "Rene\u0301e " + surname)).execute()
                .path("households.totalCount").entity(Integer.class).isEqualTo(1);
    }

    @Test
    void aNulByteDeepInAListOfRowsIsRefusedWithItsIndex() {
        Family family = Family.of(TestIdentities.VILLAGE, token());
        register(family);
        refusedWithoutWrites(as("dinkes").documentName("updateJknStatuses").variable("input", input("source", "BPJS list",
                "rows", List.of(
                        input("nik", family.head().nik(), "segment", "PBPU", "active", true, "jknNumber", "0000000000101"),
                        input("nik", family.members().get(1).nik(), "segment", "PBPU", "active", true,
                                "jknNumber", "00000000\u00000102")))), "BAD_REQUEST", "input.rows[1].jknNumber");
    }

    // --- numbers

    @Test
    void anAmountTooLargeForANumberIsRefusedAsALiteralAndAsAVariable() throws Exception {
        Family family = Family.of(TestIdentities.VILLAGE, token());
        register(family);
        ResponseError literal = refusedWithoutWrites(graphQl.document("""
                mutation { enrolBenefit(input: {programme: "BLT_DD", kk: "%s", startsOn: "2025-01-01", reason: "Poor",
                  amount: 1e400}) { id } }""".formatted(family.kk())), "BAD_REQUEST", "input.amount");
        assertThat(literal.getExtensions()).containsEntry("inputRule", "notFinite");

        DatabaseSnapshot before = snapshot();
        // written out, as a client's JSON library would send it: read as infinity
        JsonNode variable = onlyError(post("""
                {"query": "mutation($a: Float) { enrolBenefit(input: {programme: \\"BLT_DD\\", kk: \\"%s\\", \
                startsOn: \\"2025-01-01\\", reason: \\"Poor\\", amount: $a}) { id } }", "variables": {"a": 1e400}}"""
                .formatted(family.kk())));
        assertThat(variable.at("/extensions/classification").asString()).isEqualTo("BAD_REQUEST");
        assertThat(variable.at("/extensions/field").asString()).isEqualTo("input.amount");
        assertThat(variable.at("/extensions/inputRule").asString()).isEqualTo("notFinite");
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void numbersOutsideTheirFieldsRangeAreRefusedByTheInputCheck() {
        Family family = Family.of(TestIdentities.VILLAGE, token());
        register(family);
        ResponseError amount = refusedWithoutWrites(graphQl.document(ENROL).variable("input", input("programme", "BLT_DD",
                "kk", family.kk(), "startsOn", "2025-01-01", "reason", "Poor", "amount", -1)), "BAD_REQUEST", "input.amount");
        assertThat(amount.getExtensions()).containsEntry("inputRule", "range");
        ResponseError area = refusedWithoutWrites(graphQl.documentName("recordHousingCondition").variable("input",
                        input("kk", family.kk(), "expectedVersion", 0, "rtlhStatus", "UNFIT", "floorAreaM2", 1e9)),
                "BAD_REQUEST", "input.floorAreaM2");
        assertThat(area.getExtensions()).containsEntry("inputRule", "range");
    }

    @Test
    void aNegativeZeroAmountIsStoredAsZero() {
        Family family = Family.of(TestIdentities.VILLAGE, token());
        register(family);

        graphQl.document(ENROL).variable("input", input("programme", "BLT_DD", "kk", family.kk(), "startsOn", "2025-01-01",
                "reason", "Poor", "amount", -0.0)).execute().errors().verify();

        BigDecimal stored = dsl.select(BENEFIT.AMOUNT).from(BENEFIT)
                .where(BENEFIT.HOUSEHOLD_ID.eq(householdRow(family.kk()).getId())).fetchSingle().value1();
        assertThat(stored).isEqualByComparingTo(BigDecimal.ZERO);
        assertThat(stored.signum()).isZero();
    }

    // --- dates

    @Test
    void datesOutsideNineteenHundredToTwentyOneHundredAreRefused() {
        Family family = Family.of(TestIdentities.VILLAGE, token());
        ResponseError year = refusedWithoutWrites(graphQl.document(ENROL).variable("input", input("programme", "BLT_DD",
                "kk", family.kk(), "startsOn", "+99999-01-01", "reason", "Poor")), "BAD_REQUEST", "input.startsOn");
        assertThat(year.getExtensions()).containsEntry("inputRule", "calendar");
        assertThat(year.getMessage()).contains("1900-01-01", "2100-12-31");

        Person old = family.head().withBirthDate(LocalDate.of(1899, 12, 31));
        refusedWithoutWrites(registering(family.withMember(0, old)), "BAD_REQUEST", "input.members[0].birthDate");
        refusedWithoutWrites(graphQl.documentName("doubleAidReport").variable("region", "51.06")
                .variable("period", Map.of("from", "2025-01-01", "to", "2101-01-01")), "BAD_REQUEST", "period.to");
        assertThat(dsl.fetchExists(MEMBER, MEMBER.NIK.eq(old.nik()))).isFalse();
    }

    // --- helpers

    private GraphQlTester.Request<?> registering(Family family) {
        return graphQl.documentName("registerHousehold").variable("input", family.input());
    }

    private String post(String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/graphql"))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + Tokens.of("uptpk"))
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body();
    }

    private static JsonNode onlyError(String body) {
        JsonNode answer = JSON.readTree(body);
        assertThat(answer.at("/errors")).as(body).hasSize(1);
        assertThat(answer.path("data").isMissingNode() || answer.path("data").isNull()).as(body).isTrue();
        return answer.at("/errors/0");
    }
}
