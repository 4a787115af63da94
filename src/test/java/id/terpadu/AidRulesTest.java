package id.terpadu;

import id.terpadu.db.codes.PbiFunding;
import id.terpadu.db.tables.records.EligibilityRuleRecord;
import id.terpadu.db.tables.records.ExclusionRuleRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.graphql.GraphQlResponse;
import org.springframework.graphql.ResponseError;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

import java.time.LocalDate;
import java.util.List;
import java.util.stream.IntStream;
import java.util.Map;

import static id.terpadu.db.Tables.BENEFIT;
import static id.terpadu.db.Tables.ELIGIBILITY_RULE;
import static id.terpadu.db.Tables.EXCLUSION_RULE;
import static id.terpadu.db.Tables.MEMBER;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * No double aid across programmes: the seeded exclusion rules (BLT-DD not with PKH or BPNT) and
 * eligibility rules (decile gates, unfit houses, one PBI funding) refuse enrolments with the rule
 * named and nothing written; UPT-PK alone edits the rules, and an edit applies at once; two
 * agencies enrolling one household at the same moment cannot both win.
 */
class AidRulesTest extends ApiTest {

    private static final LocalDate JANUARY = LocalDate.of(2025, 1, 1);
    private static final LocalDate JUNE_END = LocalDate.of(2025, 6, 30);
    private static final String TEST_EXCLUSION = "TEST_BLT_DD_NOT_WITH_KIS_PBI";

    /** Puts back the seeded rules a test changed, and retires the rules a test added, so other tests meet the seed. */
    @AfterEach
    void restoreSeededRules() {
        dsl.update(ELIGIBILITY_RULE).set(ELIGIBILITY_RULE.ACTIVE, true).set(ELIGIBILITY_RULE.MAX_DECILE, (short) 4)
                .set(ELIGIBILITY_RULE.DESCRIPTION, "PKH is for households in DTSEN deciles 1 to 4 (Kepmensos 79/HUK/2025).")
                .where(ELIGIBILITY_RULE.CODE.eq("PKH_DECILE")).execute();
        dsl.update(ELIGIBILITY_RULE).set(ELIGIBILITY_RULE.ACTIVE, true)
                .where(ELIGIBILITY_RULE.CODE.in("BPNT_DECILE", "KIS_PBI_DECILE", "KIS_PBI_APBD_DECILE", "RTLH_UNFIT_HOUSE",
                        "KIS_PBI_ONE_FUNDING")).execute();
        dsl.update(EXCLUSION_RULE).set(EXCLUSION_RULE.ACTIVE, true)
                .where(EXCLUSION_RULE.CODE.in("BLT_DD_NOT_WITH_PKH", "BLT_DD_NOT_WITH_BPNT")).execute();
        dsl.update(EXCLUSION_RULE).set(EXCLUSION_RULE.ACTIVE, false).where(EXCLUSION_RULE.CODE.startsWith("TEST_")).execute();
        dsl.update(ELIGIBILITY_RULE).set(ELIGIBILITY_RULE.ACTIVE, false).where(ELIGIBILITY_RULE.CODE.startsWith("TEST_")).execute();
    }

    // --- helpers: a family, the offices' facts, enrolments

    private Family family(String village) {
        Family family = Family.of(village, token());
        register(family);
        return family;
    }

    private void decile(String kk, int decile) {
        graphQl.documentName("recordSocialAssessment").variable("input", input("kk", kk, "expectedVersion", 0,
                "decile", decile, "decileQuarter", "2025Q3", "povertyIndicators", List.of())).execute()
                .path("recordSocialAssessment.decile").entity(Integer.class).isEqualTo(decile);
    }

    private void house(String kk, String rtlhStatus, Integer renovationYear) {
        graphQl.documentName("recordHousingCondition").variable("input", input("kk", kk, "expectedVersion", 0,
                "rtlhStatus", rtlhStatus, "renovationYear", renovationYear)).execute()
                .path("recordHousingCondition.rtlhStatus").entity(String.class).isEqualTo(rtlhStatus);
    }

    private void jkn(String nik, String segment, boolean active) {
        graphQl.documentName("updateJknStatus").variable("input", input("nik", nik, "expectedVersion", 0,
                "jknNumber", "0000000000077", "segment", segment, "active", active)).execute()
                .path("updateJknStatus.segment").entity(String.class).isEqualTo(segment);
    }

    private GraphQlTester.Request<?> enrolHousehold(HttpGraphQlTester as, String programme, String kk, LocalDate startsOn,
                                                    LocalDate endsOn) {
        return as.documentName("enrolBenefit").variable("input", input("programme", programme, "kk", kk,
                "startsOn", startsOn, "endsOn", endsOn, "reason", "Verified by the village"));
    }

    private GraphQlTester.Request<?> enrolHousehold(String programme, String kk, LocalDate startsOn, LocalDate endsOn) {
        return enrolHousehold(graphQl, programme, kk, startsOn, endsOn);
    }

    private GraphQlTester.Request<?> enrolPerson(String programme, String nik, String funding) {
        return graphQl.documentName("enrolBenefit").variable("input", input("programme", programme, "nik", nik,
                "startsOn", JANUARY, "endsOn", JUNE_END, "funding", funding, "reason", "Poor and uninsured"));
    }

    private static String enrolled(GraphQlTester.Request<?> request) {
        return request.execute().path("enrolBenefit.id").entity(String.class).get();
    }

    private long benefitsOf(String kk) {
        long household = householdRow(kk).getId();
        return dsl.fetchCount(BENEFIT, BENEFIT.HOUSEHOLD_ID.eq(household)
                .or(BENEFIT.MEMBER_ID.in(dsl.select(MEMBER.ID).from(MEMBER).where(MEMBER.HOUSEHOLD_ID.eq(household)))));
    }

    private ResponseError refusedByRule(GraphQlTester.Request<?> request, String classification, String field, String rule) {
        ResponseError error = refusedWithoutWrites(request, classification, field);
        assertThat(error.getExtensions()).containsEntry("rule", rule);
        assertThat(error.getMessage()).contains("Rule " + rule);
        return error;
    }

    // --- the rules as data

    @Test
    void enrollingAgenciesReadTheSeededRules() {
        for (String role : List.of("uptpk", "dinsos", "dinkes", "perkim", "disdik", "desa")) {
            GraphQlTester.Response rules = as(role).documentName("aidRules").execute();
            rules.path("exclusionRules[?(@.code == 'BLT_DD_NOT_WITH_PKH')].excludedProgramme.code")
                    .entityList(String.class).containsExactly("PKH");
            rules.path("exclusionRules[?(@.code == 'BLT_DD_NOT_WITH_BPNT')].programme.code")
                    .entityList(String.class).containsExactly("BLT_DD");
            rules.path("eligibilityRules[*].code").entityList(String.class)
                    .contains("BPNT_DECILE", "KIS_PBI_DECILE", "KIS_PBI_ONE_FUNDING", "PKH_DECILE", "RTLH_UNFIT_HOUSE");
            rules.path("eligibilityRules[?(@.code == 'PKH_DECILE')].maxDecile").entityList(Integer.class).containsExactly(4);
            rules.path("eligibilityRules[?(@.code == 'BPNT_DECILE')].maxDecile").entityList(Integer.class).containsExactly(5);
            rules.path("eligibilityRules[?(@.code == 'KIS_PBI_DECILE')].maxDecile").entityList(Integer.class).containsExactly(5);
            rules.path("eligibilityRules[?(@.code == 'RTLH_UNFIT_HOUSE')].kind").entityList(String.class).containsExactly("UNFIT_HOUSE");
        }
        // planners read aggregates only: the rules do not exist for them
        for (String role : List.of("bappeda", "admin")) {
            as(role).documentName("aidRules").execute().errors().satisfy(errors -> assertThat(errors)
                    .isNotEmpty().allSatisfy(error -> assertThat(error.getErrorType().toString()).isEqualTo("ValidationError")));
        }
    }

    // --- exclusion rules

    @Test
    void bltDdIsRefusedToAHouseholdHoldingPkhOrBpntInAnOverlappingPeriod() {
        Family family = family(TestIdentities.VILLAGE);
        decile(family.kk(), 2);
        String pkh = enrolled(enrolHousehold("PKH", family.kk(), JANUARY, JUNE_END));

        ResponseError error = refusedByRule(enrolHousehold("BLT_DD", family.kk(), LocalDate.of(2025, 6, 30), null),
                "CONFLICT", "input.programme", "BLT_DD_NOT_WITH_PKH");
        assertThat(error.getExtensions()).containsEntry("existingId", pkh);
        assertThat(error.getMessage()).contains("PKH", "2025-01-01", "2025-06-30");

        Family other = family(TestIdentities.VILLAGE);
        decile(other.kk(), 5);
        String bpnt = enrolled(enrolHousehold("BPNT", other.kk(), JANUARY, null));
        ResponseError withBpnt = refusedByRule(enrolHousehold("BLT_DD", other.kk(), LocalDate.of(2026, 3, 1), LocalDate.of(2026, 3, 31)),
                "CONFLICT", "input.programme", "BLT_DD_NOT_WITH_BPNT");
        assertThat(withBpnt.getExtensions()).containsEntry("existingId", bpnt);
        assertThat(withBpnt.getMessage()).contains("BPNT", "without an end");
        assertThat(benefitsOf(family.kk())).isEqualTo(1);
        assertThat(benefitsOf(other.kk())).isEqualTo(1);
    }

    @Test
    void exclusionWorksBothWaysPkhOrBpntIsRefusedToAHouseholdHoldingBltDd() {
        Family family = family(TestIdentities.VILLAGE);
        decile(family.kk(), 1);
        String blt = enrolled(enrolHousehold("BLT_DD", family.kk(), JANUARY, JUNE_END));

        ResponseError pkh = refusedByRule(enrolHousehold("PKH", family.kk(), LocalDate.of(2025, 3, 1), null),
                "CONFLICT", "input.programme", "BLT_DD_NOT_WITH_PKH");
        assertThat(pkh.getExtensions()).containsEntry("existingId", blt);
        assertThat(pkh.getMessage()).contains("BLT_DD");
        ResponseError bpnt = refusedByRule(enrolHousehold("BPNT", family.kk(), LocalDate.of(2024, 1, 1), JANUARY),
                "CONFLICT", "input.programme", "BLT_DD_NOT_WITH_BPNT");
        assertThat(bpnt.getExtensions()).containsEntry("existingId", blt);
        assertThat(benefitsOf(family.kk())).isEqualTo(1);
    }

    @Test
    void excludedProgrammesInSeparatePeriodsOrOtherHouseholdsAreAllowed() {
        Family family = family(TestIdentities.VILLAGE);
        Family neighbour = family(TestIdentities.VILLAGE);
        decile(family.kk(), 3);
        decile(neighbour.kk(), 3);
        enrolled(enrolHousehold("PKH", family.kk(), JANUARY, JUNE_END));

        enrolled(enrolHousehold("BLT_DD", family.kk(), JUNE_END.plusDays(1), LocalDate.of(2025, 12, 31)));
        enrolled(enrolHousehold("BLT_DD", family.kk(), LocalDate.of(2024, 1, 1), JANUARY.minusDays(1)));
        enrolled(enrolHousehold("BLT_DD", neighbour.kk(), JANUARY, JUNE_END));
        // PKH and BPNT do not exclude each other
        enrolled(enrolHousehold("BPNT", family.kk(), JANUARY, JUNE_END));
        assertThat(benefitsOf(family.kk())).isEqualTo(4);
        assertThat(benefitsOf(neighbour.kk())).isEqualTo(1);
    }

    @Test
    void aNewRuleAppliesAtOnceAndAMembersBenefitCountsForItsHouseholdUntilTheRuleIsRetired() {
        Family family = family(TestIdentities.VILLAGE);
        decile(family.kk(), 1);
        Person wife = family.members().get(1);
        String kis = enrolled(enrolPerson("KIS_PBI", wife.nik(), "APBN"));
        graphQl.documentName("defineExclusionRule").variable("input", input("code", TEST_EXCLUSION, "programme", "BLT_DD",
                        "excludedProgramme", "KIS_PBI", "description", "A trial: BLT-DD not for families with state-paid insurance."))
                .execute()
                .path("defineExclusionRule.code").entity(String.class).isEqualTo(TEST_EXCLUSION)
                .path("defineExclusionRule.programme.code").entity(String.class).isEqualTo("BLT_DD")
                .path("defineExclusionRule.excludedProgramme.code").entity(String.class).isEqualTo("KIS_PBI")
                .path("defineExclusionRule.active").entity(Boolean.class).isEqualTo(true);

        // the wife's insurance counts for the whole household
        ResponseError blt = refusedByRule(enrolHousehold("BLT_DD", family.kk(), JANUARY, JUNE_END),
                "CONFLICT", "input.programme", TEST_EXCLUSION);
        assertThat(blt.getExtensions()).containsEntry("existingId", kis);
        assertThat(blt.getMessage()).contains("A trial: BLT-DD not for families with state-paid insurance.");

        // and the other way round: a member of a household holding BLT-DD
        Family other = family(TestIdentities.VILLAGE);
        decile(other.kk(), 1);
        String otherBlt = enrolled(enrolHousehold("BLT_DD", other.kk(), JANUARY, JUNE_END));
        ResponseError child = refusedByRule(enrolPerson("KIS_PBI", other.members().get(2).nik(), "APBN"),
                "CONFLICT", "input.programme", TEST_EXCLUSION);
        assertThat(child.getExtensions()).containsEntry("existingId", otherBlt);

        graphQl.documentName("retireAidRule").variable("input", input("code", TEST_EXCLUSION)).execute()
                .path("retireAidRule.code").entity(String.class).isEqualTo(TEST_EXCLUSION)
                .path("retireAidRule.exclusionRule.active").entity(Boolean.class).isEqualTo(false)
                .path("retireAidRule.eligibilityRule").valueIsNull();
        assertThat(dsl.fetchSingle(EXCLUSION_RULE, EXCLUSION_RULE.CODE.eq(TEST_EXCLUSION)).getActive()).isFalse();

        enrolled(enrolHousehold("BLT_DD", family.kk(), JANUARY, JUNE_END));
        enrolled(enrolPerson("KIS_PBI", other.members().get(2).nik(), "APBN"));
        assertThat(benefitsOf(family.kk())).isEqualTo(2);
        assertThat(benefitsOf(other.kk())).isEqualTo(2);
    }

    @Test
    void aRetiredSeededExclusionStopsApplyingAndApplyingAgainWhenRestored() {
        Family family = family(TestIdentities.VILLAGE);
        decile(family.kk(), 2);
        enrolled(enrolHousehold("PKH", family.kk(), JANUARY, JUNE_END));
        graphQl.documentName("retireAidRule").variable("input", input("code", "BLT_DD_NOT_WITH_PKH")).execute()
                .path("retireAidRule.exclusionRule.active").entity(Boolean.class).isEqualTo(false);
        enrolled(enrolHousehold("BLT_DD", family.kk(), JANUARY, JANUARY));

        graphQl.documentName("defineExclusionRule").variable("input", input("code", "BLT_DD_NOT_WITH_PKH", "programme", "BLT_DD",
                        "excludedProgramme", "PKH", "description",
                        "BLT Dana Desa is for families without PKH in the same period (village-fund guideline 2020)."))
                .execute().path("defineExclusionRule.active").entity(Boolean.class).isEqualTo(true);
        refusedByRule(enrolHousehold("BLT_DD", family.kk(), LocalDate.of(2025, 2, 1), LocalDate.of(2025, 2, 28)),
                "CONFLICT", "input.programme", "BLT_DD_NOT_WITH_PKH");
        assertThat(benefitsOf(family.kk())).isEqualTo(2);
    }

    // --- eligibility: decile gates

    @Test
    void pkhAdmitsDecilesOneToFour() {
        Family four = family(TestIdentities.VILLAGE);
        decile(four.kk(), 4);
        enrolled(enrolHousehold("PKH", four.kk(), JANUARY, JUNE_END));

        Family five = family(TestIdentities.VILLAGE);
        decile(five.kk(), 5);
        ResponseError error = refusedByRule(enrolHousehold("PKH", five.kk(), JANUARY, JUNE_END), "CONFLICT", "input.kk", "PKH_DECILE");
        assertThat(error.getMessage()).contains("decile 5 is above PKH's limit 4");
        assertThat(number(error.getExtensions(), "decile")).isEqualTo(5);
        assertThat(benefitsOf(five.kk())).isZero();
    }

    @Test
    void aHouseholdWithoutARecordedDecileIsNotEligible() {
        Family family = family(TestIdentities.VILLAGE);
        ResponseError pkh = refusedByRule(enrolHousehold("PKH", family.kk(), JANUARY, null), "CONFLICT", "input.kk", "PKH_DECILE");
        assertThat(pkh.getMessage()).contains("no recorded DTSEN decile", "1 to 4");
        refusedByRule(enrolHousehold("BPNT", family.kk(), JANUARY, null), "CONFLICT", "input.kk", "BPNT_DECILE");
        ResponseError kis = refusedByRule(enrolPerson("KIS_PBI", family.head().nik(), "APBN"), "CONFLICT", "input.nik", "KIS_PBI_DECILE");
        assertThat(kis.getMessage()).contains("no recorded DTSEN decile", "1 to 5");
        // a programme without a decile rule does not ask for one
        enrolled(enrolHousehold("BLT_DD", family.kk(), JANUARY, null));
    }

    @Test
    void bpntAndKisPbiAdmitDecilesOneToFive() {
        Family five = family(TestIdentities.VILLAGE);
        decile(five.kk(), 5);
        enrolled(enrolHousehold("BPNT", five.kk(), JANUARY, JUNE_END));
        enrolled(enrolPerson("KIS_PBI", five.head().nik(), "APBN"));

        Family six = family(TestIdentities.VILLAGE);
        decile(six.kk(), 6);
        ResponseError bpnt = refusedByRule(enrolHousehold("BPNT", six.kk(), JANUARY, JUNE_END), "CONFLICT", "input.kk", "BPNT_DECILE");
        assertThat(bpnt.getMessage()).contains("decile 6 is above BPNT's limit 5");
        // a person's programme looks at the decile of the person's household
        ResponseError kis = refusedByRule(enrolPerson("KIS_PBI", six.members().get(1).nik(), "APBN"), "CONFLICT", "input.nik",
                "KIS_PBI_DECILE");
        assertThat(kis.getMessage()).contains("decile 6 is above KIS_PBI's limit 5");
        // the regency's PBI follows the deciles too, for a household of no cluster it exists for
        refusedByRule(enrolPerson("KIS_PBI", six.members().get(1).nik(), "APBD"), "CONFLICT", "input.nik", "KIS_PBI_APBD_DECILE");
        assertThat(benefitsOf(six.kk())).isZero();
    }

    @Test
    void aChangedDecileLimitOrARetiredDecileRuleAppliesToTheNextEnrolment() {
        Family five = family(TestIdentities.VILLAGE);
        decile(five.kk(), 5);
        refusedByRule(enrolHousehold("PKH", five.kk(), JANUARY, JUNE_END), "CONFLICT", "input.kk", "PKH_DECILE");

        graphQl.documentName("defineEligibilityRule").variable("input", input("code", "PKH_DECILE", "programme", "PKH",
                        "kind", "MAX_DECILE", "maxDecile", 5, "description", "PKH widened to decile 5 for a trial year."))
                .execute().path("defineEligibilityRule.maxDecile").entity(Integer.class).isEqualTo(5)
                .path("defineEligibilityRule.description").entity(String.class).isEqualTo("PKH widened to decile 5 for a trial year.");
        enrolled(enrolHousehold("PKH", five.kk(), JANUARY, JUNE_END));

        Family nine = family(TestIdentities.VILLAGE);
        decile(nine.kk(), 9);
        refusedByRule(enrolHousehold("PKH", nine.kk(), JANUARY, JUNE_END), "CONFLICT", "input.kk", "PKH_DECILE");
        graphQl.documentName("retireAidRule").variable("input", input("code", "PKH_DECILE")).execute()
                .path("retireAidRule.eligibilityRule.active").entity(Boolean.class).isEqualTo(false)
                .path("retireAidRule.exclusionRule").valueIsNull();
        enrolled(enrolHousehold("PKH", nine.kk(), JANUARY, JUNE_END));
    }

    // --- eligibility: RTLH

    @Test
    void rtlhOnlyForAHouseRecordedUnfitThatWasNeverRenovatedOrRepairedWithAid() {
        Family unrecorded = family(TestIdentities.VILLAGE);
        ResponseError none = refusedByRule(enrolHousehold("RTLH", unrecorded.kk(), JANUARY, JUNE_END), "CONFLICT", "input.kk",
                "RTLH_UNFIT_HOUSE");
        assertThat(none.getMessage()).contains("has not recorded the house");

        for (String status : List.of("NOT_ASSESSED", "FIT")) {
            Family family = family(TestIdentities.VILLAGE);
            house(family.kk(), status, null);
            ResponseError error = refusedByRule(enrolHousehold("RTLH", family.kk(), JANUARY, JUNE_END), "CONFLICT", "input.kk",
                    "RTLH_UNFIT_HOUSE");
            assertThat(error.getMessage()).contains("recorded " + status, "UNFIT");
        }

        Family renovated = family(TestIdentities.VILLAGE);
        house(renovated.kk(), "RENOVATED", 2019);
        assertThat(refusedByRule(enrolHousehold("RTLH", renovated.kk(), JANUARY, JUNE_END), "CONFLICT", "input.kk",
                "RTLH_UNFIT_HOUSE").getMessage()).contains("RENOVATED");
        Family unfitAgain = family(TestIdentities.VILLAGE);
        house(unfitAgain.kk(), "UNFIT", 2012);
        assertThat(refusedByRule(enrolHousehold("RTLH", unfitAgain.kk(), JANUARY, JUNE_END), "CONFLICT", "input.kk",
                "RTLH_UNFIT_HOUSE").getMessage()).contains("renovated in 2012");

        Family unfit = family(TestIdentities.VILLAGE);
        house(unfit.kk(), "UNFIT", null);
        String first = enrolled(enrolHousehold("RTLH", unfit.kk(), JANUARY, JUNE_END));
        // house-repair aid once: not again in a later year either
        ResponseError again = refusedByRule(enrolHousehold("RTLH", unfit.kk(), LocalDate.of(2027, 1, 1), null), "CONFLICT",
                "input.kk", "RTLH_UNFIT_HOUSE");
        assertThat(again.getMessage()).contains("already had RTLH", "2025-01-01");
        assertThat(again.getExtensions()).containsEntry("existingId", first);
        assertThat(benefitsOf(unfit.kk())).isEqualTo(1);
    }

    // --- eligibility: one PBI funding

    @Test
    void kisPbiNamesItsFundingAndOtherProgrammesDoNot() {
        Family family = family(TestIdentities.VILLAGE);
        decile(family.kk(), 1);
        ResponseError missing = refusedWithoutWrites(enrolPerson("KIS_PBI", family.head().nik(), null), "BAD_REQUEST", "input.funding");
        assertThat(missing.getMessage()).contains("APBN or APBD");
        refusedWithoutWrites(graphQl.documentName("enrolBenefit").variable("input", input("programme", "PKH", "kk", family.kk(),
                "startsOn", JANUARY, "funding", "APBN", "reason", "Poor")), "BAD_REQUEST", "input.funding");
        refusedWithoutWrites(enrolPerson("PIP", family.members().get(2).nik(), "APBD"), "BAD_REQUEST", "input.funding");

        enrolPerson("KIS_PBI", family.head().nik(), "APBD").execute()
                .path("enrolBenefit.funding").entity(String.class).isEqualTo("APBD");
        assertThat(dsl.fetchSingle(BENEFIT, BENEFIT.MEMBER_ID.eq(memberRow(family.head().nik()).getId())).getFunding())
                .isEqualTo(PbiFunding.APBD);
    }

    @Test
    void aPersonInActivePbiOfOneBudgetIsNotEnrolledInPbiOfTheOther() {
        Family family = family(TestIdentities.VILLAGE);
        decile(family.kk(), 2);
        Person head = family.head();
        Person wife = family.members().get(1);
        Person child = family.members().get(2);
        jkn(head.nik(), "PBI_APBN", true);
        jkn(wife.nik(), "PBI_APBD", true);
        jkn(child.nik(), "PBI_APBN", false);

        ResponseError national = refusedByRule(enrolPerson("KIS_PBI", head.nik(), "APBD"), "CONFLICT", "input.funding",
                "KIS_PBI_ONE_FUNDING");
        assertThat(national.getMessage()).contains("PBI_APBN", "APBD", "both");
        refusedByRule(enrolPerson("KIS_PBI", wife.nik(), "APBN"), "CONFLICT", "input.funding", "KIS_PBI_ONE_FUNDING");

        enrolled(enrolPerson("KIS_PBI", head.nik(), "APBN"));
        enrolled(enrolPerson("KIS_PBI", wife.nik(), "APBD"));
        // cover that is no longer active binds no budget
        enrolled(enrolPerson("KIS_PBI", child.nik(), "APBD"));
        // nor can a second PBI of the other budget overlap the first: one programme, one person, one period
        ResponseError overlapping = refusedWithoutWrites(enrolPerson("KIS_PBI", child.nik(), "APBN"), "CONFLICT", "input.startsOn");
        assertThat(overlapping.getMessage()).contains("KIS_PBI");
        assertThat(benefitsOf(family.kk())).isEqualTo(3);
    }

    private void cluster(String kk, String cluster) {
        graphQl.documentName("assignCluster").variable("input", input("kk", kk, "expectedVersion", 0, "cluster", cluster,
                "reason", "Verivali")).execute().path("assignCluster.cluster.code").entity(String.class).isEqualTo(cluster);
    }

    @Test
    void regencyFundedPbiCoversMenurAndKenangaHouseholdsThatHaveNoDecile() {
        Family menur = family(TestIdentities.VILLAGE);
        cluster(menur.kk(), "MENUR");
        Family kenanga = family(TestIdentities.VILLAGE);
        cluster(kenanga.kk(), "KENANGA");
        Family unassigned = family(TestIdentities.VILLAGE);
        Family richer = family(TestIdentities.VILLAGE);
        cluster(richer.kk(), "MELATI");
        graphQl.documentName("recordSocialAssessment").variable("input", input("kk", richer.kk(), "expectedVersion", 1,
                "decile", 7, "decileQuarter", "2025Q3", "povertyIndicators", List.of())).execute()
                .path("recordSocialAssessment.decile").entity(Integer.class).isEqualTo(7);

        // the national PBI follows DTSEN: without a decile, no APBN cover
        refusedByRule(enrolPerson("KIS_PBI", menur.head().nik(), "APBN"), "CONFLICT", "input.nik", "KIS_PBI_DECILE");
        // the regency's PBI exists for those the register misses
        enrolled(enrolPerson("KIS_PBI", menur.head().nik(), "APBD"));
        enrolled(enrolPerson("KIS_PBI", kenanga.head().nik(), "APBD"));
        // and follows the deciles for everyone else
        refusedByRule(enrolPerson("KIS_PBI", unassigned.head().nik(), "APBD"), "CONFLICT", "input.nik", "KIS_PBI_APBD_DECILE");
        refusedByRule(enrolPerson("KIS_PBI", richer.head().nik(), "APBD"), "CONFLICT", "input.nik", "KIS_PBI_APBD_DECILE");
        assertThat(benefitsOf(menur.kk()) + benefitsOf(kenanga.kk())).isEqualTo(2);

        // the report reads the rules as the enrolment did: the Menur and Kenanga cover breaks none
        GraphQlTester.Response report = graphQl.documentName("doubleAidReport")
                .variable("period", Map.of("from", JANUARY.toString(), "to", JUNE_END.toString()))
                .variable("region", TestIdentities.VILLAGE).execute();
        assertThat(report.path("doubleAidReport.ineligibleBenefits[*].household.kk").entityList(String.class).get())
                .doesNotContain(menur.kk(), kenanga.kk());
    }

    @Test
    void aRuleNamesTheBudgetItGatesAndTheClustersItLeavesOut() {
        GraphQlTester.Response rules = graphQl.documentName("aidRules").execute();
        rules.path("eligibilityRules[?(@.code == 'KIS_PBI_APBD_DECILE')].funding").entityList(String.class).containsExactly("APBD");
        rules.path("eligibilityRules[?(@.code == 'KIS_PBI_APBD_DECILE')].exceptClusters[*].code").entityList(String.class)
                .containsExactly("MENUR", "KENANGA");
        rules.path("eligibilityRules[?(@.code == 'KIS_PBI_DECILE')].funding").entityList(String.class).containsExactly("APBN");

        refusedWithoutWrites(graphQl.documentName("defineEligibilityRule").variable("input", input("code", "TEST_PKH_FUNDED",
                "programme", "PKH", "kind", "MAX_DECILE", "maxDecile", 3, "funding", "APBD", "description", "A test.")),
                "BAD_REQUEST", "input.funding");
        refusedWithoutWrites(graphQl.documentName("defineEligibilityRule").variable("input", input("code", "TEST_PKH_EXCEPT",
                "programme", "PKH", "kind", "MAX_DECILE", "maxDecile", 3, "exceptClusters", List.of("MENUR", "MAWAR"),
                "description", "A test.")), "NOT_FOUND", "input.exceptClusters[1]");
    }

    // --- who edits the rules, and how

    /** Runs the mutation as this role (asking only for the type name, which every role sees) and expects FORBIDDEN and no writes. */
    private void forbidden(String role, String mutation, String inputType, Map<String, Object> input) {
        DatabaseSnapshot before = snapshot();
        as(role).document("mutation($input: " + inputType + "!) { " + mutation + "(input: $input) { __typename } }")
                .variable("input", input).execute().errors().satisfy(errors -> {
                    assertThat(errors).as(role + " " + mutation).singleElement().satisfies(error -> {
                        assertThat(error.getExtensions()).containsEntry("classification", "FORBIDDEN");
                        assertThat(error.getMessage()).contains(mutation);
                    });
                });
        assertThat(snapshot()).as("nothing is written").isEqualTo(before);
    }

    @Test
    void onlyUptpkDefinesOrRetiresRules() {
        Map<String, Object> exclusion = input("code", "TEST_PIP_NOT_WITH_RTLH", "programme", "PIP", "excludedProgramme", "RTLH",
                "description", "Not allowed");
        Map<String, Object> eligibility = input("code", "TEST_PIP_DECILE", "programme", "PIP", "kind", "MAX_DECILE",
                "maxDecile", 3, "description", "Not allowed");
        for (String role : List.of("dinsos", "dinkes", "perkim", "disdik", "desa", "bappeda", "admin")) {
            forbidden(role, "defineExclusionRule", "DefineExclusionRuleInput", exclusion);
            forbidden(role, "defineEligibilityRule", "DefineEligibilityRuleInput", eligibility);
            forbidden(role, "retireAidRule", "RetireAidRuleInput", input("code", "PKH_DECILE"));
        }
        assertThat(dsl.fetchSingle(ELIGIBILITY_RULE, ELIGIBILITY_RULE.CODE.eq("PKH_DECILE")).getActive()).isTrue();
        assertThat(dsl.fetchExists(EXCLUSION_RULE, EXCLUSION_RULE.CODE.eq("TEST_PIP_NOT_WITH_RTLH"))).isFalse();
        assertThat(dsl.fetchExists(ELIGIBILITY_RULE, ELIGIBILITY_RULE.CODE.eq("TEST_PIP_DECILE"))).isFalse();
    }

    @Test
    void badRuleDefinitionsAreRefusedAndWriteNothing() {
        GraphQlTester.Request<?> unknown = graphQl.documentName("defineExclusionRule").variable("input", input("code", "TEST_X",
                "programme", "RASKIN", "excludedProgramme", "PKH", "description", "Rice"));
        assertThat(refusedWithoutWrites(unknown, "NOT_FOUND", "input.programme").getMessage()).contains("RASKIN");
        refusedWithoutWrites(graphQl.documentName("defineExclusionRule").variable("input", input("code", "TEST_X",
                "programme", "PKH", "excludedProgramme", "RASKIN", "description", "Rice")), "NOT_FOUND", "input.excludedProgramme");
        ResponseError itself = refusedWithoutWrites(graphQl.documentName("defineExclusionRule").variable("input", input("code", "TEST_X",
                "programme", "PKH", "excludedProgramme", "PKH", "description", "Twice")), "BAD_REQUEST", "input.excludedProgramme");
        assertThat(itself.getMessage()).contains("cannot exclude itself");
        for (String code : List.of("lower_case", "1ST", "", "WITH SPACE")) {
            refusedWithoutWrites(graphQl.documentName("defineExclusionRule").variable("input", input("code", code,
                    "programme", "PIP", "excludedProgramme", "RTLH", "description", "Bad code")), "BAD_REQUEST", "input.code");
        }
        refusedWithoutWrites(graphQl.documentName("defineExclusionRule").variable("input", input("code", "TEST_X",
                "programme", "PIP", "excludedProgramme", "RTLH", "description", "  ")), "BAD_REQUEST", "input.description");
        // the pair is already ruled, either way round, under another code
        ResponseError pair = refusedWithoutWrites(graphQl.documentName("defineExclusionRule").variable("input", input("code", "TEST_X",
                "programme", "PKH", "excludedProgramme", "BLT_DD", "description", "Again")), "CONFLICT", "input.excludedProgramme");
        assertThat(pair.getExtensions()).containsEntry("rule", "BLT_DD_NOT_WITH_PKH");
        // one code, one rule
        refusedWithoutWrites(graphQl.documentName("defineExclusionRule").variable("input", input("code", "PKH_DECILE",
                "programme", "PIP", "excludedProgramme", "RTLH", "description", "Clash")), "CONFLICT", "input.code");

        for (Integer decile : java.util.Arrays.asList(0, 11, -1, null)) {
            ResponseError bad = refusedWithoutWrites(graphQl.documentName("defineEligibilityRule").variable("input", input("code",
                    "TEST_PIP_DECILE", "programme", "PIP", "kind", "MAX_DECILE", "maxDecile", decile, "description", "Gate")),
                    "BAD_REQUEST", "input.maxDecile");
            assertThat(bad.getMessage()).contains("1 to 10");
        }
        refusedWithoutWrites(graphQl.documentName("defineEligibilityRule").variable("input", input("code", "TEST_PIP_HOUSE",
                "programme", "RTLH", "kind", "UNFIT_HOUSE", "maxDecile", 3, "description", "Gate")), "BAD_REQUEST", "input.maxDecile");
        refusedWithoutWrites(graphQl.documentName("defineEligibilityRule").variable("input", input("code", "TEST_PIP_HOUSE",
                "programme", "PIP", "kind", "UNFIT_HOUSE", "description", "Gate")), "BAD_REQUEST", "input.kind");
        refusedWithoutWrites(graphQl.documentName("defineEligibilityRule").variable("input", input("code", "TEST_PKH_FUNDING",
                "programme", "PKH", "kind", "ONE_PBI_FUNDING", "description", "Gate")), "BAD_REQUEST", "input.kind");
        refusedWithoutWrites(graphQl.documentName("defineEligibilityRule").variable("input", input("code", "TEST_X",
                "programme", "RASKIN", "kind", "MAX_DECILE", "maxDecile", 3, "description", "Gate")), "NOT_FOUND", "input.programme");
        refusedWithoutWrites(graphQl.documentName("defineEligibilityRule").variable("input", input("code", "BLT_DD_NOT_WITH_PKH",
                "programme", "PIP", "kind", "MAX_DECILE", "maxDecile", 3, "description", "Clash")), "CONFLICT", "input.code");
        refusedWithoutWrites(graphQl.documentName("retireAidRule").variable("input", input("code", "NO_SUCH_RULE")),
                "NOT_FOUND", "input.code");
    }

    @Test
    void uptpkDefinesAnEligibilityRuleThatAppliesAtOnce() {
        Family family = family(TestIdentities.VILLAGE);
        decile(family.kk(), 3);
        graphQl.documentName("defineEligibilityRule").variable("input", input("code", "TEST_BLT_DD_DECILE", "programme", "BLT_DD",
                        "kind", "MAX_DECILE", "maxDecile", 2, "description", "BLT-DD for the two poorest deciles this year."))
                .execute()
                .path("defineEligibilityRule.code").entity(String.class).isEqualTo("TEST_BLT_DD_DECILE")
                .path("defineEligibilityRule.programme.code").entity(String.class).isEqualTo("BLT_DD")
                .path("defineEligibilityRule.kind").entity(String.class).isEqualTo("MAX_DECILE")
                .path("defineEligibilityRule.active").entity(Boolean.class).isEqualTo(true);
        EligibilityRuleRecord stored = dsl.fetchSingle(ELIGIBILITY_RULE, ELIGIBILITY_RULE.CODE.eq("TEST_BLT_DD_DECILE"));
        assertThat(stored.getMaxDecile()).isEqualTo((short) 2);
        assertThat(stored.getDescription()).isEqualTo("BLT-DD for the two poorest deciles this year.");

        ResponseError error = refusedByRule(enrolHousehold("BLT_DD", family.kk(), JANUARY, JUNE_END), "CONFLICT", "input.kk",
                "TEST_BLT_DD_DECILE");
        assertThat(error.getMessage()).contains("decile 3 is above BLT_DD's limit 2", "two poorest deciles");

        graphQl.documentName("defineEligibilityRule").variable("input", input("code", "TEST_BLT_DD_DECILE", "programme", "BLT_DD",
                        "kind", "MAX_DECILE", "maxDecile", 2, "description", "Off again.", "active", false))
                .execute().path("defineEligibilityRule.active").entity(Boolean.class).isEqualTo(false);
        enrolled(enrolHousehold("BLT_DD", family.kk(), JANUARY, JUNE_END));
        ExclusionRuleRecord seeded = dsl.fetchSingle(EXCLUSION_RULE, EXCLUSION_RULE.CODE.eq("BLT_DD_NOT_WITH_PKH"));
        assertThat(seeded.getActive()).isTrue();
    }

    // --- two agencies at the same moment

    /** What came back from one of the parallel requests. */
    private record Answer(int clerk, GraphQlResponse response) {

        boolean won() {
            return response.getErrors().isEmpty();
        }
    }

    /** Sends the requests at once (released together by a barrier) and collects the answers. */
    private static List<Answer> race(List<GraphQlTester.Request<?>> requests) throws Exception {
        List<GraphQlResponse> responses = Race.of(requests);
        return IntStream.range(0, requests.size()).mapToObj(clerk -> new Answer(clerk, responses.get(clerk))).toList();
    }

    @Test
    void socialOfficeAndVillageEnrollingPkhAndBltDdAtOnceOnlyOneWins() throws Exception {
        for (int round = 0; round < 5; round++) {
            Family family = family(TestIdentities.VILLAGE);
            decile(family.kk(), 1);
            // two clerks of each office, all sending at the same moment
            List<GraphQlTester.Request<?>> requests = List.of(
                    enrolHousehold(as("dinsos"), "PKH", family.kk(), JANUARY, JUNE_END),
                    enrolHousehold(as("desa"), "BLT_DD", family.kk(), LocalDate.of(2025, 3, 1), LocalDate.of(2025, 3, 31)),
                    enrolHousehold(as("dinsos"), "PKH", family.kk(), LocalDate.of(2025, 2, 1), JUNE_END),
                    enrolHousehold(as("desa"), "BLT_DD", family.kk(), LocalDate.of(2025, 3, 15), LocalDate.of(2025, 4, 30)));

            List<Answer> answers = race(requests);

            assertThat(answers).filteredOn(Answer::won).as("winners").hasSize(1);
            var benefits = dsl.selectFrom(BENEFIT).where(BENEFIT.HOUSEHOLD_ID.eq(householdRow(family.kk()).getId())).fetch();
            assertThat(benefits).singleElement().satisfies(benefit ->
                    assertThat(benefit.getProgrammeCode()).isEqualTo(answers.stream().filter(Answer::won).findFirst()
                            .orElseThrow().clerk() % 2 == 0 ? "PKH" : "BLT_DD"));
            String existingId = graphQl.documentName("household").variable("kk", family.kk()).execute()
                    .path("household.benefits[0].id").entity(String.class).get();
            answers.stream().filter(answer -> !answer.won()).forEach(loser -> {
                assertThat(loser.response().getErrors()).hasSize(1);
                ResponseError error = loser.response().getErrors().getFirst();
                assertThat(error.getExtensions()).containsEntry("classification", "CONFLICT")
                        .containsEntry("existingId", existingId);
                boolean sameProgramme = loser.clerk() % 2 == answers.stream().filter(Answer::won).findFirst().orElseThrow().clerk() % 2;
                // the same programme is no double aid; the other one is the exclusion rule
                assertThat(error.getExtensions()).containsEntry("field", sameProgramme ? "input.startsOn" : "input.programme");
                if (!sameProgramme) {
                    assertThat(error.getExtensions()).containsEntry("rule", "BLT_DD_NOT_WITH_PKH");
                }
                assertClerkCanRead(error);
            });
        }
    }

    @Test
    void healthOfficeEnrollingAMemberAndVillageEnrollingItsHouseholdAtOnceOnlyOneWins() throws Exception {
        graphQl.documentName("defineExclusionRule").variable("input", input("code", TEST_EXCLUSION, "programme", "BLT_DD",
                "excludedProgramme", "KIS_PBI", "description", "A trial: BLT-DD not for families with state-paid insurance."))
                .execute().path("defineExclusionRule.active").entity(Boolean.class).isEqualTo(true);
        for (int round = 0; round < 5; round++) {
            Family family = family(TestIdentities.VILLAGE);
            decile(family.kk(), 1);
            // a member's enrolment locks the member's household too, so the two run one after the other
            List<GraphQlTester.Request<?>> requests = List.of(
                    as("dinkes").documentName("enrolBenefit").variable("input", input("programme", "KIS_PBI",
                            "nik", family.members().get(1).nik(), "startsOn", JANUARY, "funding", "APBD", "reason", "Uninsured")),
                    enrolHousehold(as("desa"), "BLT_DD", family.kk(), JANUARY, JUNE_END));

            List<Answer> answers = race(requests);

            assertThat(answers).filteredOn(Answer::won).as("winners").hasSize(1);
            assertThat(benefitsOf(family.kk())).isEqualTo(1);
            Answer loser = answers.stream().filter(answer -> !answer.won()).findFirst().orElseThrow();
            assertThat(loser.response().getErrors()).singleElement().satisfies(error -> {
                assertThat(error.getExtensions()).containsEntry("classification", "CONFLICT")
                        .containsEntry("field", "input.programme").containsEntry("rule", TEST_EXCLUSION);
                assertClerkCanRead(error);
            });
        }
    }
}
