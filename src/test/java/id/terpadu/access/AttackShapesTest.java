package id.terpadu.access;

import id.terpadu.EligibleHouseholds;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static id.terpadu.db.Tables.BENEFIT;
import static id.terpadu.db.Tables.HEALTH_FACET;
import static id.terpadu.db.Tables.HOUSEHOLD;
import static id.terpadu.db.Tables.MEMBER;
import static id.terpadu.db.Tables.SOCIAL_FACET;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A role gets no field outside its policy by any shape of query: aliases, fragments, nested
 * paths, node(id:), filters, ordering, error messages or introspection. A mutation document
 * holding one forbidden mutation or input field is refused whole and writes nothing.
 */
class AttackShapesTest extends AccessTest {

    private Household household;

    @BeforeEach
    void householdWithHousingAndHealth() {
        household = register(APUAN, uniqueName());
        asUptpk("""
                mutation($kk: String!, $nik: String!) {
                  recordHousingCondition(input: {kk: $kk, expectedVersion: 0, roof: THATCH, rtlhStatus: UNFIT}) { version }
                  updateJknStatus(input: {nik: $nik, expectedVersion: 0, jknNumber: "0001112223334", segment: PBI_APBD, active: true}) { version }
                }""", "kk", household.kk(), "nik", household.head().nik());
    }

    @Test
    void healthOfficeCannotReadTheAddressThroughAnAlias() {
        Answer answer = ask("dinkes", "query($kk: String!) { household(kk: $kk) { kk x: address street: address } }",
                "kk", household.kk());
        assertRefusedByValidation(answer);
        assertThat(answer.body()).doesNotContain(household.address());
    }

    @Test
    void healthOfficeCannotReadHousingConditionThroughFragments() {
        assertRefusedByValidation(ask("dinkes", """
                query($kk: String!) { household(kk: $kk) { kk ... on Household { housing { roof } } } }""",
                "kk", household.kk()));
        assertRefusedByValidation(ask("dinkes", """
                query($kk: String!) { household(kk: $kk) { ...House } }
                fragment House on Household { kk housing { roof rtlhStatus } }""", "kk", household.kk()));
        assertRefusedByValidation(ask("dinkes", """
                query($id: ID!) { node(id: $id) { id ... on Household { address housing { roof } } } }""",
                "id", household.id()));
        assertRefusedByValidation(ask("dinkes", """
                query($id: ID!) { node(id: $id) { ...Anything } }
                fragment Anything on Node { id ... on Household { ... on Household { rt rw } } }""", "id", household.id()));
    }

    @Test
    void housingOfficeCannotReadHealthThroughNestedPaths() {
        assertRefusedByValidation(ask("perkim", """
                query($kk: String!) { household(kk: $kk) { members { health { segment jknNumber } } } }""",
                "kk", household.kk()));
        assertRefusedByValidation(ask("perkim", """
                query($kk: String!) { household(kk: $kk) { housing { household { members { health { segment } } } } } }""",
                "kk", household.kk()));
        assertRefusedByValidation(ask("perkim", """
                query($id: ID!) { node(id: $id) { ... on Member { health { segment } } } }""", "id", household.head().id()));
    }

    @Test
    void socialOfficeCannotReachHousingThroughABenefitsHousehold() {
        enrol("PKH", household.kk(), null);
        assertRefusedByValidation(ask("dinsos", """
                query($kk: String!) { household(kk: $kk) { benefits { household { housing { rtlhStatus } } } } }""",
                "kk", household.kk()));
        // the same path without the hidden field works
        Answer allowed = ask("dinsos", """
                query($kk: String!) { household(kk: $kk) { benefits { household { address } } } }""", "kk", household.kk());
        assertThat(allowed.<List<String>>data("household.benefits[*].household.address")).containsExactly(household.address());
    }

    @Test
    void nodeFindsNothingOutsideTheRegionOrUnderAnotherType() {
        String byId = "query($id: ID!) { node(id: $id) { id } }";
        assertThat(ask("desa-b", byId, "id", household.id()).<Object>data("node")).isNull();
        assertThat(ask("desa-b", byId, "id", household.head().id()).<Object>data("node")).isNull();
        assertThat(ask("desa", byId, "id", household.id()).<String>data("node.id")).isEqualTo(household.id());
        long healthFacetKey = rowId(household.head().id());
        for (String forged : List.of(globalId("HealthFacet", healthFacetKey), globalId("HousingFacet", rowId(household.id())),
                globalId("Household", Long.MAX_VALUE), "not-an-id")) {
            Answer answer = ask("perkim", byId, "id", forged);
            assertThat(answer.errors()).as(answer.body()).isEmpty();
            assertThat(answer.<Object>data("node")).as(forged).isNull();
        }
    }

    @Test
    void healthOfficeFiltersByJknSegmentButHousingOfficeCannot() {
        String filter = """
                query($name: String!, $segment: JknSegment!) {
                  households(filter: {name: $name, jknSegment: $segment}) { totalCount }
                }""";
        assertThat(ask("dinkes", filter, "name", household.name(), "segment", "PBI_APBD").<Integer>data("households.totalCount"))
                .isEqualTo(1);
        assertThat(ask("dinkes", filter, "name", household.name(), "segment", "PPU").<Integer>data("households.totalCount"))
                .isZero();
        assertRefusedByValidation(ask("perkim", filter, "name", household.name(), "segment", "PBI_APBD"));
        // the hidden filter field given through a variable's object
        assertRefusedByValidation(ask("perkim", "query($filter: HouseholdFilter) { households(filter: $filter) { totalCount } }",
                "filter", Map.of("name", household.name(), "jknSegment", "PBI_APBD")));
        assertRefusedByValidation(ask("dinkes", "query($filter: HouseholdFilter) { households(filter: $filter) { totalCount } }",
                "filter", Map.of("name", household.name(), "cluster", "MELATI")));
        assertRefusedByValidation(ask("disdik", "{ households(filter: {programme: \"PKH\"}) { totalCount } }"));
    }

    @Test
    void orderingByCardNumberRevealsNoWholeNumberToMaskedRoles() {
        Household second = register(APUAN, household.name());
        String page = """
                query($name: String!, $after: String) {
                  households(first: 1, after: $after, filter: {name: $name}, orderBy: {field: KK}) {
                    edges { cursor node { kk } } pageInfo { hasNextPage endCursor } }
                }""";
        Answer first = ask("dinkes", page, "name", household.name(), "after", null);
        assertThat(first.errors()).as(first.body()).isEmpty();
        Answer next = ask("dinkes", page, "name", household.name(), "after", first.data("households.pageInfo.endCursor"));
        assertThat(next.errors()).as(next.body()).isEmpty();
        List<String> inOrder = List.of(household.kk(), second.kk()).stream().sorted().toList();
        assertThat(List.<String>of(first.data("households.edges[0].node.kk"), next.data("households.edges[0].node.kk")))
                .containsExactly(masked(inOrder.get(0)), masked(inOrder.get(1)));
        assertThat(next.<Boolean>data("households.pageInfo.hasNextPage")).isFalse();
        for (Answer answer : List.of(first, next)) {
            String cursor = answer.data("households.edges[0].cursor");
            assertThat(new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8))
                    .doesNotContain(household.kk(), second.kk(), household.kk().substring(4, 12), second.kk().substring(4, 12));
            assertThat(answer.body()).doesNotContain(household.kk(), second.kk());
        }
        // a cursor made up from a guessed card number is no oracle for it
        String guessed = Base64.getUrlEncoder().withoutPadding()
                .encodeToString(("KK|" + household.kk()).getBytes(StandardCharsets.UTF_8));
        Answer made = ask("dinkes", page, "name", household.name(), "after", guessed);
        assertThat(made.classifications()).as(made.body()).containsExactly("BAD_REQUEST");
        assertThat(made.hasData()).isFalse();
    }

    @Test
    void errorsOfMaskedRolesRevealNoIdentityNumber() {
        String kis = """
                mutation($nik: String!, $today: Date!) {
                  enrolBenefit(input: {programme: "KIS_PBI", nik: $nik, startsOn: $today, funding: APBN, reason: "Poor, uninsured"}) { id }
                }""";
        String today = LocalDate.now().toString();
        EligibleHouseholds.qualify(dsl, household.kk(), null);
        assertThat(ask("dinkes", kis, "nik", household.child().nik(), "today", today).errors()).isEmpty();
        Answer twice = ask("dinkes", kis, "nik", household.child().nik(), "today", today);
        assertThat(twice.classifications()).as(twice.body()).containsExactly("CONFLICT");
        assertThat(twice.body()).doesNotContain(household.child().nik(), household.kk(), household.name());

        Answer stale = ask("dinkes", """
                mutation($nik: String!) {
                  updateJknStatus(input: {nik: $nik, expectedVersion: 7, segment: NONE, active: false}) { version }
                }""", "nik", household.head().nik());
        assertThat(stale.classifications()).as(stale.body()).containsExactly("CONFLICT");
        assertThat(stale.body()).doesNotContain(household.head().nik(), household.kk(), "0001112223334");

        Answer hidden = ask("dinkes", "query($kk: String!) { household(kk: $kk) { address housing { roof } } }",
                "kk", household.kk());
        assertRefusedByValidation(hidden);
        assertThat(hidden.body()).doesNotContain(household.address(), "THATCH", household.kk());
    }

    @Test
    void personRegisteredInAnotherVillageIsAConflictThatSaysNothingAboutThem() {
        Household elsewhere = register(LANGGAHAN, uniqueName());
        long versionBefore = dsl.select(HOUSEHOLD.VERSION).from(HOUSEHOLD)
                .where(HOUSEHOLD.ID.eq(rowId(household.id()))).fetchOne(HOUSEHOLD.VERSION);
        Answer answer = ask("desa-a", """
                mutation($kk: String!, $member: NewMemberInput!) {
                  addMember(input: {kk: $kk, expectedVersion: 1, member: $member}) { id }
                }""", "kk", household.kk(), "member",
                member(elsewhere.child().nik(), "Putu Lain", "FEMALE", birthDateOfChild(elsewhere), "CHILD"));
        // one person, one record: the NIK is taken hub-wide, but where and by whom is not said
        assertThat(answer.classifications()).as(answer.body()).containsExactly("CONFLICT");
        assertThat(answer.body()).doesNotContain(elsewhere.kk(), elsewhere.name(), elsewhere.id(), elsewhere.child().id(),
                "existingId");
        assertThat(dsl.select(HOUSEHOLD.VERSION).from(HOUSEHOLD).where(HOUSEHOLD.ID.eq(rowId(household.id())))
                .fetchOne(HOUSEHOLD.VERSION)).isEqualTo(versionBefore);
        assertThat(dsl.fetchCount(MEMBER, MEMBER.HOUSEHOLD_ID.eq(rowId(household.id())))).isEqualTo(2);
    }

    @Test
    void introspectionHidesWhatTheHealthOfficeMayNotRead() {
        Answer answer = ask("dinkes", "{ __schema { types { name fields { name } inputFields { name } } } }");
        assertThat(answer.errors()).as(answer.body()).isEmpty();
        assertThat(answer.<List<String>>at("$.data.__schema.types[?(@.name == 'Household')].fields[*].name"))
                .contains("kk", "members", "village").doesNotContain("address", "rt", "rw", "kkHistory", "social", "housing", "benefits");
        assertThat(answer.<List<String>>at("$.data.__schema.types[?(@.name == 'Member')].fields[*].name"))
                .contains("nik", "health", "benefits").doesNotContain("education", "moves");
        for (String hidden : List.of("HousingFacet", "SocialFacet", "EducationFacet", "KkChange", "MemberMove", "AccessPolicy")) {
            assertThat(answer.<List<String>>at("$.data.__schema.types[?(@.name == '" + hidden + "')].fields[*].name"))
                    .as(hidden).isEmpty();
        }
        assertThat(answer.<List<String>>at("$.data.__schema.types[?(@.name == 'HouseholdFilter')].inputFields[*].name"))
                .containsExactlyInAnyOrder("region", "jknSegment", "name", "status");
        assertThat(answer.<List<String>>at("$.data.__schema.types[?(@.name == 'Query')].fields[*].name"))
                .doesNotContain("accessPolicy");
        assertThat(ask("dinkes", "{ __type(name: \"Household\") { fields { name } } }").<List<String>>data("__type.fields[*].name"))
                .doesNotContain("address", "housing");
    }

    @Test
    void planningAgencyReadsReferenceDataAndAggregatesOnly() {
        Answer schema = ask("bappeda", "{ __schema { queryType { fields { name } } } }");
        assertThat(schema.<List<String>>data("__schema.queryType.fields[*].name"))
                .containsExactlyInAnyOrder("regions", "region", "regionCrosswalk", "programmes", "clusters", "agencies",
                        "serviceRequestKinds",
                        // aggregates: the verification rounds and their statistics, programmes' graduation, the desk's service levels
                        "verificationRounds", "verificationRound", "statistics", "programmeGraduation", "serviceLevelFigures",
                        // whether a scanned family card is valid, and its type: for any signed-in role
                        "verifyCard");
        Answer reference = ask("bappeda", """
                { regions(parent: "51.06") { name } programmes { code agency { code } } clusters { code } agencies { code }
                  region(code: "51.06.01.2001") { name parent { name } } }""");
        assertThat(reference.errors()).as(reference.body()).isEmpty();
        assertThat(reference.<List<String>>data("regions[*].name")).contains("Susut", "Kintamani");
        assertThat(reference.<List<String>>data("clusters[*].code")).contains("MELATI", "MENUR", "KENANGA");
        assertThat(reference.<String>data("region.name")).isEqualTo("Apuan");

        for (String query : List.of(
                "query($kk: String!) { household(kk: $kk) { id } }",
                "{ households { totalCount } }",
                "query($nik: String!) { member(nik: $nik) { id } }",
                "query($id: ID!) { node(id: $id) { id } }",
                "{ accessPolicy { roles { name } } }")) {
            Answer answer = ask("bappeda", query, "kk", household.kk(), "nik", household.head().nik(), "id", household.id());
            assertRefusedByValidation(answer);
            assertThat(answer.body()).doesNotContain(household.kk(), household.id());
        }
        Answer write = ask("bappeda", """
                mutation($kk: String!) {
                  recordSocialAssessment(input: {kk: $kk, expectedVersion: 0, povertyIndicators: [NO_SAVINGS]}) { __typename }
                }""", "kk", household.kk());
        assertThat(write.classifications()).containsExactly("FORBIDDEN");
        assertThat(dsl.fetchExists(SOCIAL_FACET, SOCIAL_FACET.HOUSEHOLD_ID.eq(rowId(household.id())))).isFalse();
    }

    @Test
    void forbiddenMutationMixedWithAnAllowedOneWritesNothing() {
        Household fresh = register(APUAN, uniqueName());
        long member = rowId(fresh.head().id());
        long householdId = rowId(fresh.id());
        String allowedFirst = """
                mutation($nik: String!, $kk: String!) {
                  jkn: updateJknStatus(input: {nik: $nik, expectedVersion: 0, jknNumber: "0002223334445", segment: PBI_APBN, active: true}) { version }
                  cluster: assignCluster(input: {kk: $kk, expectedVersion: 0, cluster: "MELATI", reason: "DTSEN"}) { __typename }
                }""";
        String forbiddenFirst = """
                mutation($nik: String!, $kk: String!) {
                  ...Social
                  updateJknStatus(input: {nik: $nik, expectedVersion: 0, segment: NONE, active: false}) { version }
                }
                fragment Social on Mutation {
                  assignCluster(input: {kk: $kk, expectedVersion: 0, cluster: "MENUR", reason: "Survey"}) { __typename }
                }""";
        for (String document : List.of(allowedFirst, forbiddenFirst)) {
            Answer answer = ask("dinkes", document, "nik", fresh.head().nik(), "kk", fresh.kk());
            assertThat(answer.classifications()).as(answer.body()).containsExactly("FORBIDDEN");
            assertThat(answer.hasData()).as(answer.body()).isFalse();
            assertThat(dsl.fetchExists(HEALTH_FACET, HEALTH_FACET.MEMBER_ID.eq(member))).isFalse();
            assertThat(dsl.fetchExists(SOCIAL_FACET, SOCIAL_FACET.HOUSEHOLD_ID.eq(householdId))).isFalse();
        }

        // an input field outside the policy, given through a variable, refuses the whole document too
        Answer status = ask("dinsos", """
                mutation($input: EnrolBenefitInput!, $kk: String!) {
                  assignCluster(input: {kk: $kk, expectedVersion: 0, cluster: "MELATI", reason: "DTSEN"}) { version }
                  enrolBenefit(input: $input) { id }
                }""", "kk", fresh.kk(), "input", Map.of("programme", "PKH", "kk", fresh.kk(), "status", "APPROVED",
                "startsOn", LocalDate.now().toString(), "reason", "Decile 1"));
        assertThat(status.classifications()).as(status.body()).containsExactly("FORBIDDEN");
        assertThat(status.errorFields()).containsExactly("input.status");
        assertThat(dsl.fetchExists(SOCIAL_FACET, SOCIAL_FACET.HOUSEHOLD_ID.eq(householdId))).isFalse();
        assertThat(dsl.fetchExists(BENEFIT, BENEFIT.HOUSEHOLD_ID.eq(householdId))).isFalse();

        // the same without the forbidden parts goes through
        Answer allowed = ask("dinsos", """
                mutation($kk: String!, $today: Date!) {
                  assignCluster(input: {kk: $kk, expectedVersion: 0, cluster: "MELATI", reason: "DTSEN"}) { version }
                  recordSocialAssessment(input: {kk: $kk, expectedVersion: 1, decile: 1, decileQuarter: "2025Q3", povertyIndicators: []}) { version }
                  enrolBenefit(input: {programme: "PKH", kk: $kk, startsOn: $today, reason: "Decile 1"}) { status }
                }""", "kk", fresh.kk(), "today", LocalDate.now().toString());
        assertThat(allowed.errors()).as(allowed.body()).isEmpty();
        assertThat(allowed.<String>data("enrolBenefit.status")).isEqualTo("PROPOSED");
        assertThat(dsl.fetchExists(SOCIAL_FACET, SOCIAL_FACET.HOUSEHOLD_ID.eq(householdId))).isTrue();
    }

    private static void assertRefusedByValidation(Answer answer) {
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.classifications()).as(answer.body()).isNotEmpty().containsOnly("ValidationError");
        assertThat(answer.hasData()).as(answer.body()).isFalse();
    }

    private static String globalId(String type, long id) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((type + ":" + id).getBytes(StandardCharsets.UTF_8));
    }

    private LocalDate birthDateOfChild(Household of) {
        return dsl.select(MEMBER.BIRTH_DATE).from(MEMBER).where(MEMBER.NIK.eq(of.child().nik())).fetchOne(MEMBER.BIRTH_DATE);
    }
}
