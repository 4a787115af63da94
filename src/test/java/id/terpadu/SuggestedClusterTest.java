package id.terpadu;

import id.terpadu.db.codes.SourceList;
import id.terpadu.db.tables.records.ClusterRecord;
import org.junit.jupiter.api.Test;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.graphql.ResponseError;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static id.terpadu.db.Tables.CLUSTER;
import static id.terpadu.db.Tables.SOCIAL_FACET;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The cluster a household's facts point to under the rules of the {@code cluster} table (Sragen's
 * scheme: on DTSEN in deciles 1–4 → Melati; on the local survey and verified by UPT-PK → Menur;
 * uninsured → Kenanga), the facts that decided it, the BPS checklist, UPT-PK's local verification
 * behind it, and a regency's own scheme.
 */
class SuggestedClusterTest extends ApiTest {

    private static final LocalDate VERIFIED_ON = LocalDate.of(2025, 3, 1);

    private GraphQlTester.Response suggestion(HttpGraphQlTester tester, String kk) {
        return tester.documentName("suggestedCluster").variable("kk", kk).execute();
    }

    private GraphQlTester.Response suggestion(String kk) {
        return suggestion(graphQl, kk);
    }

    private Map<String, Object> fact(GraphQlTester.Response response, String fact) {
        List<Map<String, Object>> facts = response.path("household.suggestedCluster.facts").entityList(
                new ParameterizedTypeReference<Map<String, Object>>() { }).get();
        return facts.stream().filter(entry -> entry.get("fact").equals(fact)).findFirst().orElseThrow();
    }

    private List<String> decisiveFacts(GraphQlTester.Response response) {
        return response.path("household.suggestedCluster.facts[?(@.decisive == true)].fact").entityList(String.class).get();
    }

    private long assess(String kk, long expectedVersion, Integer decile, List<String> indicators) {
        return graphQl.documentName("recordSocialAssessment").variable("input", input("kk", kk,
                        "expectedVersion", expectedVersion, "decile", decile, "decileQuarter", decile == null ? null : "2025Q3",
                        "povertyIndicators", indicators))
                .execute().path("recordSocialAssessment.version").entity(Long.class).get();
    }

    private GraphQlTester.Request<?> verification(String kk, long expectedVersion, boolean onLocalSurvey, LocalDate verifiedOn) {
        return graphQl.documentName("recordLocalVerification").variable("input", input("kk", kk,
                "expectedVersion", expectedVersion, "onLocalSurvey", onLocalSurvey, "verifiedOn", verifiedOn));
    }

    private void insure(Person person) {
        graphQl.documentName("updateJknStatus").variable("input", input("nik", person.nik(), "expectedVersion", 0,
                "jknNumber", "0001234567890", "segment", "PBPU", "active", true)).execute().errors().verify();
    }

    private void insureEveryone(Family family) {
        family.members().forEach(this::insure);
    }

    private Family registered() {
        Family family = Family.of(TestIdentities.VILLAGE, token());
        register(family);
        return family;
    }

    @Test
    void poorestDecilesOfTheNationalRegisterPointToMelatiWithTheChecklist() {
        Family family = registered();
        assess(family.kk(), 0, 3, List.of("EARTH_FLOOR", "NO_SAVINGS", "LOW_INCOME_HEAD"));

        GraphQlTester.Response response = suggestion(family.kk());
        response.path("household.suggestedCluster.cluster.code").entity(String.class).isEqualTo("MELATI")
                .path("household.suggestedCluster.assigned").valueIsNull()
                .path("household.suggestedCluster.differsFromAssigned").entity(Boolean.class).isEqualTo(true)
                .path("household.suggestedCluster.indicatorsMet").entity(Integer.class).isEqualTo(3)
                .path("household.suggestedCluster.indicatorsTotal").entity(Integer.class).isEqualTo(14)
                .path("household.suggestedCluster.indicators").entityList(Object.class).hasSize(14)
                .path("household.suggestedCluster.indicators[?(@.met == true)].indicator").entityList(String.class)
                .containsExactly("EARTH_FLOOR", "LOW_INCOME_HEAD", "NO_SAVINGS")
                .path("household.suggestedCluster.indicators[0].indicator").entity(String.class).isEqualTo("SMALL_FLOOR_AREA")
                .path("household.suggestedCluster.indicators[0].met").entity(Boolean.class).isEqualTo(false);
        assertThat(decisiveFacts(response)).containsExactly("ON_NATIONAL_REGISTER");
        assertThat(fact(response, "ON_NATIONAL_REGISTER")).containsEntry("holds", true).containsEntry("value", "decile 3, 2025Q3");
        assertThat(fact(response, "ON_LOCAL_SURVEY")).containsEntry("holds", false).containsEntry("decisive", false);
        assertThat(fact(response, "VERIFIED_BY_UPTPK")).containsEntry("holds", false).containsEntry("value", null);
        // nobody is insured, but the first matching rule decides
        assertThat(fact(response, "UNINSURED")).containsEntry("holds", true).containsEntry("decisive", false)
                .containsEntry("value", "3 of 3 members without active JKN");

        graphQl.documentName("assignCluster").variable("input", input("kk", family.kk(), "expectedVersion", 1,
                "cluster", "MELATI", "reason", "On DTSEN in decile 3")).execute().errors().verify();
        suggestion(family.kk())
                .path("household.suggestedCluster.assigned.code").entity(String.class).isEqualTo("MELATI")
                .path("household.suggestedCluster.differsFromAssigned").entity(Boolean.class).isEqualTo(false);
    }

    @Test
    void locallySurveyedAndVerifiedByUptpkPointsToMenur() {
        Family family = registered();
        assess(family.kk(), 0, 6, List.of());
        verification(family.kk(), 1, true, VERIFIED_ON).execute()
                .path("recordLocalVerification.onLocalSurvey").entity(Boolean.class).isEqualTo(true)
                .path("recordLocalVerification.verifiedOn").entity(String.class).isEqualTo("2025-03-01")
                .path("recordLocalVerification.verifiedBy").entity(String.class).isEqualTo("uptpk")
                .path("recordLocalVerification.decile").entity(Integer.class).isEqualTo(6)
                .path("recordLocalVerification.version").entity(Long.class).isEqualTo(2L);
        var stored = dsl.selectFrom(SOCIAL_FACET).where(SOCIAL_FACET.HOUSEHOLD_ID.eq(householdRow(family.kk()).getId())).fetchSingle();
        assertThat(stored.getOnLocalSurvey()).isTrue();
        assertThat(stored.getVerifiedOn()).isEqualTo(VERIFIED_ON);
        assertThat(stored.getVerifiedBy()).isEqualTo("uptpk");

        GraphQlTester.Response response = suggestion(family.kk());
        response.path("household.suggestedCluster.cluster.code").entity(String.class).isEqualTo("MENUR");
        assertThat(decisiveFacts(response)).containsExactly("ON_LOCAL_SURVEY", "VERIFIED_BY_UPTPK");
        // decile 6 is on DTSEN, but outside Melati's deciles
        assertThat(fact(response, "ON_NATIONAL_REGISTER")).containsEntry("holds", true).containsEntry("decisive", false);
        assertThat(fact(response, "VERIFIED_BY_UPTPK")).containsEntry("holds", true)
                .containsEntry("value", "verified 2025-03-01 by uptpk");
    }

    @Test
    void surveyedButUnverifiedIsNotMenur() {
        Family family = registered();
        verification(family.kk(), 0, true, null).execute()
                .path("recordLocalVerification.verifiedBy").valueIsNull();
        insureEveryone(family);

        GraphQlTester.Response response = suggestion(family.kk());
        response.path("household.suggestedCluster.cluster").valueIsNull()
                .path("household.suggestedCluster.differsFromAssigned").entity(Boolean.class).isEqualTo(false);
        assertThat(decisiveFacts(response)).isEmpty();
        assertThat(fact(response, "ON_LOCAL_SURVEY")).containsEntry("holds", true);
        assertThat(fact(response, "UNINSURED")).containsEntry("holds", false).containsEntry("value", "0 of 3 members without active JKN");
    }

    @Test
    void notPoorButOneMemberUninsuredPointsToKenanga() {
        Family family = registered();
        insure(family.head());
        insure(family.members().get(1));

        GraphQlTester.Response response = suggestion(family.kk());
        response.path("household.suggestedCluster.cluster.code").entity(String.class).isEqualTo("KENANGA");
        assertThat(decisiveFacts(response)).containsExactly("UNINSURED");
        assertThat(fact(response, "UNINSURED")).containsEntry("value", "1 of 3 members without active JKN");
        assertThat(fact(response, "ON_NATIONAL_REGISTER")).containsEntry("holds", false).containsEntry("value", null);
        response.path("household.suggestedCluster.indicatorsMet").entity(Integer.class).isEqualTo(0)
                .path("household.suggestedCluster.indicators[?(@.met == true)]").entityList(Object.class).hasSize(0);

        // an inactive card is no cover
        graphQl.documentName("updateJknStatus").variable("input", input("nik", family.head().nik(), "expectedVersion", 1,
                "jknNumber", "0001234567890", "segment", "PBPU", "active", false)).execute().errors().verify();
        GraphQlTester.Response lapsed = suggestion(family.kk());
        assertThat(fact(lapsed, "UNINSURED")).containsEntry("value", "2 of 3 members without active JKN");
    }

    @Test
    void noRuleMatchingSuggestsNoClusterAndDiffersFromAnAssignment() {
        Family family = registered();
        insureEveryone(family);
        assess(family.kk(), 0, 8, List.of("NO_SAVINGS"));

        suggestion(family.kk())
                .path("household.suggestedCluster.cluster").valueIsNull()
                .path("household.suggestedCluster.differsFromAssigned").entity(Boolean.class).isEqualTo(false)
                .path("household.suggestedCluster.indicatorsMet").entity(Integer.class).isEqualTo(1);

        graphQl.documentName("assignCluster").variable("input", input("kk", family.kk(), "expectedVersion", 1,
                "cluster", "MENUR", "reason", "Known to the village as poor")).execute().errors().verify();
        suggestion(family.kk())
                .path("household.suggestedCluster.cluster").valueIsNull()
                .path("household.suggestedCluster.assigned.code").entity(String.class).isEqualTo("MENUR")
                .path("household.suggestedCluster.differsFromAssigned").entity(Boolean.class).isEqualTo(true);
    }

    @Test
    void aRegencysOwnSchemeDecidesTheSuggestions() {
        Family poorest = registered();
        assess(poorest.kk(), 0, 1, List.of());
        Family poor = registered();
        assess(poor.kk(), 0, 3, List.of());
        Family surveyed = registered();
        verification(surveyed.kk(), 0, true, null).execute().errors().verify();
        List<ClusterRecord> own = List.of(
                new ClusterRecord().setCode("PRIORITAS").setName("Prioritas").setDescription("The very poorest.")
                        .setRule("DTSEN deciles 1 and 2.").setSourceList(SourceList.DTSEN).setDecileMin((short) 1)
                        .setDecileMax((short) 2).setRequiresVerification(false).setRequiresUninsured(false)
                        .setSortOrder((short) 0),
                new ClusterRecord().setCode("ANGGREK").setName("Anggrek").setDescription("Surveyed and uninsured.")
                        .setRule("On the local survey, without JKN.").setSourceList(SourceList.LOCAL_SURVEY)
                        .setRequiresVerification(false).setRequiresUninsured(true).setSortOrder((short) 3));
        try {
            dsl.batchInsert(own).execute();

            GraphQlTester.Response first = suggestion(poorest.kk());
            first.path("household.suggestedCluster.cluster.code").entity(String.class).isEqualTo("PRIORITAS");
            assertThat(decisiveFacts(first)).containsExactly("ON_NATIONAL_REGISTER");
            suggestion(poor.kk()).path("household.suggestedCluster.cluster.code").entity(String.class).isEqualTo("MELATI");
            // ANGGREK sorts before KENANGA (same order, then by code)
            GraphQlTester.Response third = suggestion(surveyed.kk());
            third.path("household.suggestedCluster.cluster.code").entity(String.class).isEqualTo("ANGGREK");
            assertThat(decisiveFacts(third)).containsExactly("ON_LOCAL_SURVEY", "UNINSURED");
        } finally {
            dsl.deleteFrom(CLUSTER).where(CLUSTER.CODE.in("PRIORITAS", "ANGGREK")).execute();
        }
        suggestion(poorest.kk()).path("household.suggestedCluster.cluster.code").entity(String.class).isEqualTo("MELATI");
        suggestion(surveyed.kk()).path("household.suggestedCluster.cluster.code").entity(String.class).isEqualTo("KENANGA");
    }

    @Test
    void statementsForSuggestionsDoNotGrowWithPageSize() {
        String name = token();
        for (int i = 0; i < 6; i++) {
            Family family = Family.of(TestIdentities.OTHER_VILLAGE, name);
            register(family);
            assess(family.kk(), 0, 1 + i, List.of("NO_SAVINGS"));
            insure(family.head());
        }
        String page = """
                query($name: String!, $first: Int) {
                  households(filter: {name: $name}, first: $first) {
                    edges { node { kk suggestedCluster { cluster { code } facts { fact holds } indicatorsMet } } }
                  }
                }""";
        List<Integer> counts = new ArrayList<>();
        for (int first : List.of(1, 6, 1, 6)) {
            statements.reset();
            graphQl.document(page).variable("name", name).variable("first", first).execute()
                    .path("households.edges").entityList(Object.class).hasSize(first)
                    .path("households.edges[*].node.suggestedCluster.indicatorsMet").entityList(Integer.class)
                    .satisfies(met -> assertThat(met).containsOnly(1));
            counts.add(statements.count());
        }
        assertThat(counts).as("statements for pages of 1, 6, 1 and 6 households").containsOnly(counts.getFirst());
    }

    @Test
    void suggestionsAreForTheRolesThatReadTheSocialFacetInTheirRegion() {
        Family family = registered();
        assess(family.kk(), 0, 2, List.of());
        for (String reader : List.of("dinsos", "desa-a")) {
            suggestion(as(reader), family.kk())
                    .path("household.suggestedCluster.cluster.code").entity(String.class).isEqualTo("MELATI");
        }
        // another village's operator: the household does not exist for it
        suggestion(as("desa-b"), family.kk()).path("household").valueIsNull();
        for (String other : List.of("dinkes", "perkim", "disdik", "bappeda")) {
            suggestion(as(other), family.kk()).errors().satisfy(errors -> assertThat(errors)
                    .isNotEmpty().allSatisfy(error -> assertThat(error.getExtensions()).containsEntry("classification", "ValidationError")));
        }
    }

    @Test
    void localVerificationKeepsItsRules() {
        Family family = registered();
        refusedWithoutWrites(verification(family.kk(), 0, true, LocalDate.now().plusDays(1)), "BAD_REQUEST", "input.verifiedOn");
        refusedWithoutWrites(verification(TestIdentities.kk(), 0, true, VERIFIED_ON), "NOT_FOUND", "input.kk");
        verification(family.kk(), 0, true, VERIFIED_ON).execute().errors().verify();
        ResponseError stale = refusedWithoutWrites(verification(family.kk(), 0, true, VERIFIED_ON),
                "CONFLICT", "input.expectedVersion");
        assertThat(number(stale.getExtensions(), "currentVersion")).isEqualTo(1L);
        for (String other : List.of("dinsos", "dinkes", "desa-a")) {
            DatabaseSnapshot before = snapshot();
            as(other).document("""
                    mutation($input: RecordLocalVerificationInput!) { recordLocalVerification(input: $input) { __typename } }""")
                    .variable("input", input("kk", family.kk(),
                    "expectedVersion", 1, "onLocalSurvey", false, "verifiedOn", null)).execute()
                    .errors().satisfy(errors -> assertThat(errors).singleElement().satisfies(error ->
                            assertThat(error.getExtensions()).containsEntry("classification", "FORBIDDEN")));
            assertThat(snapshot()).isEqualTo(before);
        }

        // withdrawing the verification forgets the verifier too
        verification(family.kk(), 1, true, null).execute()
                .path("recordLocalVerification.verifiedOn").valueIsNull()
                .path("recordLocalVerification.verifiedBy").valueIsNull()
                .path("recordLocalVerification.version").entity(Long.class).isEqualTo(2L);
        // the social office's assessment leaves UPT-PK's facts alone
        assess(family.kk(), 2, 5, List.of());
        verification(family.kk(), 3, false, VERIFIED_ON).execute()
                .path("recordLocalVerification.decile").entity(Integer.class).isEqualTo(5)
                .path("recordLocalVerification.onLocalSurvey").entity(Boolean.class).isEqualTo(false);
    }

    @Test
    void aClusterIsAssignedOnlyWithAReason() {
        Family family = registered();
        for (String blank : List.of("", " ", "\t\n")) {
            refusedWithoutWrites(graphQl.documentName("assignCluster").variable("input", input("kk", family.kk(),
                    "expectedVersion", 0, "cluster", "MELATI", "reason", blank)), "BAD_REQUEST", "input.reason");
        }
        graphQl.documentName("assignCluster").variable("input", input("kk", family.kk(), "expectedVersion", 0,
                "cluster", "MELATI", "reason", "  On DTSEN  ")).execute()
                .path("assignCluster.clusterReason").entity(String.class).isEqualTo("On DTSEN");
    }
}
