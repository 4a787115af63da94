package id.terpadu;

import id.terpadu.db.codes.BenefitStatus;
import id.terpadu.db.codes.JknSegment;
import id.terpadu.db.codes.PbiFunding;
import id.terpadu.db.codes.RtlhStatus;
import id.terpadu.db.tables.records.BenefitRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.graphql.ResponseError;
import org.springframework.graphql.test.tester.GraphQlTester;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static id.terpadu.db.Tables.BENEFIT;
import static id.terpadu.db.Tables.EXCLUSION_RULE;
import static id.terpadu.db.Tables.HEALTH_FACET;
import static id.terpadu.db.Tables.HOUSING_FACET;
import static id.terpadu.db.Tables.SOCIAL_FACET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Double aid already in the database (loaded before a rule existed, or written around the hub):
 * the exclusion constraint refuses the same programme twice even to direct inserts, and
 * {@code doubleAidReport} lists the pairs the exclusion rules keep apart and the benefits whose
 * household or person breaks an eligibility rule, in the period and region asked, for UPT-PK only.
 */
class DoubleAidReportTest extends ApiTest {

    private static final String LANGGAHAN = "51.06.04.2005";
    private static final LocalDate JANUARY = LocalDate.of(2025, 1, 1);
    private static final LocalDate JUNE_END = LocalDate.of(2025, 6, 30);
    private static final Map<String, Object> YEAR_2025 = input("from", "2025-01-01", "to", "2025-12-31");

    @AfterEach
    void restoreSeededRules() {
        dsl.update(EXCLUSION_RULE).set(EXCLUSION_RULE.ACTIVE, true).where(EXCLUSION_RULE.CODE.startsWith("BLT_DD_NOT_WITH_")).execute();
        dsl.update(EXCLUSION_RULE).set(EXCLUSION_RULE.ACTIVE, false).where(EXCLUSION_RULE.CODE.startsWith("TEST_")).execute();
    }

    // --- data written straight into the database, around the hub's checks

    private Family family(String village) {
        Family family = Family.of(village, token());
        register(family);
        return family;
    }

    private long household(Family family) {
        return householdRow(family.kk()).getId();
    }

    private BenefitRecord insertHousehold(Family family, String programme, LocalDate startsOn, LocalDate endsOn) {
        return dsl.insertInto(BENEFIT).set(new BenefitRecord().setProgrammeCode(programme).setHouseholdId(household(family))
                .setStartsOn(startsOn).setEndsOn(endsOn).setStatus(BenefitStatus.ACTIVE).setReason("Loaded from the old list"))
                .returning().fetchSingle();
    }

    private BenefitRecord insertPerson(Person person, String programme, PbiFunding funding, LocalDate startsOn,
                                       LocalDate endsOn) {
        return dsl.insertInto(BENEFIT).set(new BenefitRecord().setProgrammeCode(programme).setMemberId(memberRow(person.nik()).getId())
                .setFunding(funding).setStartsOn(startsOn).setEndsOn(endsOn).setStatus(BenefitStatus.ACTIVE)
                .setReason("Loaded from the old list"))
                .returning().fetchSingle();
    }

    private void decile(Family family, int decile) {
        dsl.insertInto(SOCIAL_FACET).set(SOCIAL_FACET.HOUSEHOLD_ID, household(family)).set(SOCIAL_FACET.DECILE, (short) decile).execute();
    }

    private void house(Family family, RtlhStatus rtlhStatus, Integer renovationYear) {
        dsl.insertInto(HOUSING_FACET).set(HOUSING_FACET.HOUSEHOLD_ID, household(family)).set(HOUSING_FACET.RTLH_STATUS, rtlhStatus)
                .set(HOUSING_FACET.RENOVATION_YEAR, renovationYear == null ? null : renovationYear.shortValue()).execute();
    }

    private static String globalId(BenefitRecord benefit) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString(("Benefit:" + benefit.getId()).getBytes(StandardCharsets.UTF_8));
    }

    private GraphQlTester.Request<?> report(Map<String, Object> period, String region) {
        return graphQl.documentName("doubleAidReport").variable("period", period).variable("region", region);
    }

    /** The rule codes of the exclusion conflicts of this household in the report. */
    private static List<String> conflictRules(GraphQlTester.Response response, Family family) {
        return response.path("doubleAidReport.exclusionConflicts[?(@.household.kk == '" + family.kk() + "')].rule.code")
                .entityList(String.class).get();
    }

    /** The reasons given for the ineligible benefits of this household in the report. */
    private static List<String> reasons(GraphQlTester.Response response, Family family) {
        return response.path("doubleAidReport.ineligibleBenefits[?(@.household.kk == '" + family.kk() + "')].reason")
                .entityList(String.class).get();
    }

    // --- the database's own guard

    @Test
    void theDatabaseRefusesTheSameProgrammeTwiceInOverlappingPeriodsEvenToDirectInserts() {
        Family family = family(TestIdentities.VILLAGE);
        insertHousehold(family, "PKH", JANUARY, JUNE_END);
        assertThatThrownBy(() -> insertHousehold(family, "PKH", JUNE_END, null))
                .isInstanceOf(DataIntegrityViolationException.class).hasMessageContaining("benefit_no_double_household");
        assertThatThrownBy(() -> insertHousehold(family, "PKH", LocalDate.of(2024, 1, 1), null))
                .isInstanceOf(DataIntegrityViolationException.class).hasMessageContaining("benefit_no_double_household");

        Person wife = family.members().get(1);
        insertPerson(wife, "KIS_PBI", PbiFunding.APBN, JANUARY, null);
        assertThatThrownBy(() -> insertPerson(wife, "KIS_PBI", PbiFunding.APBD, LocalDate.of(2030, 1, 1), null))
                .isInstanceOf(DataIntegrityViolationException.class).hasMessageContaining("benefit_no_double_member");
        // funding belongs to KIS-PBI only
        assertThatThrownBy(() -> insertPerson(family.members().get(2), "PIP", PbiFunding.APBN, JANUARY, null))
                .isInstanceOf(DataIntegrityViolationException.class).hasMessageContaining("benefit_funding_only_pbi");

        // the next period, another programme and another person are no double aid
        insertHousehold(family, "PKH", JUNE_END.plusDays(1), null);
        insertHousehold(family, "BPNT", JANUARY, JUNE_END);
        insertPerson(family.head(), "KIS_PBI", PbiFunding.APBN, JANUARY, null);
        assertThat(dsl.fetchCount(BENEFIT, BENEFIT.HOUSEHOLD_ID.eq(household(family)))).isEqualTo(3);
    }

    // --- exclusion conflicts

    @Test
    void reportListsBenefitPairsThatAnExclusionRuleKeepsApartInTheRegionAndPeriod() {
        Family apuan = family(TestIdentities.VILLAGE);
        BenefitRecord pkh = insertHousehold(apuan, "PKH", JANUARY, JUNE_END);
        BenefitRecord blt = insertHousehold(apuan, "BLT_DD", LocalDate.of(2025, 3, 1), LocalDate.of(2025, 3, 31));
        Family langgahan = family(LANGGAHAN);
        BenefitRecord bpnt = insertHousehold(langgahan, "BPNT", LocalDate.of(2024, 1, 1), null);
        BenefitRecord langgahanBlt = insertHousehold(langgahan, "BLT_DD", LocalDate.of(2025, 9, 1), LocalDate.of(2025, 12, 31));
        // the same two programmes in periods apart, and a household with PKH only: no conflict
        Family apart = family(TestIdentities.VILLAGE);
        insertHousehold(apart, "PKH", JANUARY, JUNE_END);
        insertHousehold(apart, "BLT_DD", JUNE_END.plusDays(1), LocalDate.of(2025, 12, 31));

        GraphQlTester.Response regency = report(YEAR_2025, "5106").execute();
        regency.path("doubleAidReport.from").entity(String.class).isEqualTo("2025-01-01")
                .path("doubleAidReport.to").entity(String.class).isEqualTo("2025-12-31")
                .path("doubleAidReport.region").entity(String.class).isEqualTo("51.06");
        assertThat(conflictRules(regency, apuan)).containsExactly("BLT_DD_NOT_WITH_PKH");
        assertThat(conflictRules(regency, langgahan)).containsExactly("BLT_DD_NOT_WITH_BPNT");
        assertThat(conflictRules(regency, apart)).isEmpty();
        String apuanConflict = "doubleAidReport.exclusionConflicts[?(@.household.kk == '" + apuan.kk() + "')]";
        regency.path(apuanConflict + ".benefit.id").entityList(String.class).containsExactly(globalId(blt))
                .path(apuanConflict + ".benefit.programme.code").entityList(String.class).containsExactly("BLT_DD")
                .path(apuanConflict + ".excludedBenefit.id").entityList(String.class).containsExactly(globalId(pkh))
                .path(apuanConflict + ".excludedBenefit.programme.code").entityList(String.class).containsExactly("PKH");
        regency.path("doubleAidReport.exclusionConflicts[?(@.household.kk == '" + langgahan.kk() + "')].excludedBenefit.id")
                .entityList(String.class).containsExactly(globalId(bpnt));

        // a region prefix, dotted or not, holds only its own households
        GraphQlTester.Response susut = report(YEAR_2025, "51.06.01").execute();
        assertThat(conflictRules(susut, apuan)).containsExactly("BLT_DD_NOT_WITH_PKH");
        assertThat(conflictRules(susut, langgahan)).isEmpty();
        GraphQlTester.Response village = report(YEAR_2025, "5106042005").execute();
        assertThat(conflictRules(village, langgahan)).containsExactly("BLT_DD_NOT_WITH_BPNT");
        assertThat(conflictRules(village, apuan)).isEmpty();

        // the period: both benefits must reach into it
        GraphQlTester.Response march = report(input("from", "2025-03-31", "to", "2025-03-31"), "51.06").execute();
        assertThat(conflictRules(march, apuan)).containsExactly("BLT_DD_NOT_WITH_PKH");
        assertThat(conflictRules(march, langgahan)).isEmpty();
        GraphQlTester.Response secondHalf = report(input("from", "2025-07-01", "to", "2025-12-31"), "51.06").execute();
        assertThat(conflictRules(secondHalf, apuan)).isEmpty();
        assertThat(conflictRules(secondHalf, langgahan)).containsExactly("BLT_DD_NOT_WITH_BPNT");
        assertThat(conflictRules(report(input("from", "2024-01-01", "to", "2024-12-31"), "51.06").execute(), langgahan)).isEmpty();
        assertThat(langgahanBlt.getId()).isNotNull();
    }

    @Test
    void aRetiredRuleIsNotReportedAndANewOneIsAtOnceIncludingTheBenefitsOfMembers() {
        Family family = family(TestIdentities.VILLAGE);
        insertHousehold(family, "PKH", JANUARY, JUNE_END);
        BenefitRecord blt = insertHousehold(family, "BLT_DD", JANUARY, JUNE_END);
        BenefitRecord pip = insertPerson(family.members().get(2), "PIP", null, LocalDate.of(2025, 5, 1), null);
        assertThat(conflictRules(report(YEAR_2025, TestIdentities.VILLAGE).execute(), family)).containsExactly("BLT_DD_NOT_WITH_PKH");

        graphQl.documentName("retireAidRule").variable("input", input("code", "BLT_DD_NOT_WITH_PKH")).execute()
                .path("retireAidRule.exclusionRule.active").entity(Boolean.class).isEqualTo(false);
        graphQl.documentName("defineExclusionRule").variable("input", input("code", "TEST_PIP_NOT_WITH_BLT_DD",
                "programme", "PIP", "excludedProgramme", "BLT_DD", "description", "A trial rule.")).execute()
                .path("defineExclusionRule.active").entity(Boolean.class).isEqualTo(true);

        GraphQlTester.Response response = report(YEAR_2025, TestIdentities.VILLAGE).execute();
        assertThat(conflictRules(response, family)).containsExactly("TEST_PIP_NOT_WITH_BLT_DD");
        String conflict = "doubleAidReport.exclusionConflicts[?(@.household.kk == '" + family.kk() + "')]";
        response.path(conflict + ".benefit.id").entityList(String.class).containsExactly(globalId(pip))
                .path(conflict + ".excludedBenefit.id").entityList(String.class).containsExactly(globalId(blt));
    }

    // --- ineligible benefits

    @Test
    void reportListsBenefitsWhoseHouseholdOrPersonBreaksAnEligibilityRuleAndSaysWhy() {
        Family rich = family(TestIdentities.VILLAGE);
        decile(rich, 7);
        BenefitRecord richPkh = insertHousehold(rich, "PKH", JANUARY, JUNE_END);
        Family unranked = family(TestIdentities.VILLAGE);
        insertHousehold(unranked, "BPNT", JANUARY, null);
        Family fitHouse = family(TestIdentities.VILLAGE);
        house(fitHouse, RtlhStatus.FIT, null);
        insertHousehold(fitHouse, "RTLH", LocalDate.of(2025, 5, 1), LocalDate.of(2025, 10, 31));
        Family repairedTwice = family(TestIdentities.VILLAGE);
        house(repairedTwice, RtlhStatus.RENOVATED, 2019);
        insertHousehold(repairedTwice, "RTLH", LocalDate.of(2019, 5, 1), LocalDate.of(2019, 10, 31));
        insertHousehold(repairedTwice, "RTLH", LocalDate.of(2025, 5, 1), LocalDate.of(2025, 10, 31));
        Family renovatedBefore = family(TestIdentities.VILLAGE);
        house(renovatedBefore, RtlhStatus.RENOVATED, 2018);
        insertHousehold(renovatedBefore, "RTLH", LocalDate.of(2025, 5, 1), LocalDate.of(2025, 10, 31));
        Family bothBudgets = family(TestIdentities.VILLAGE);
        decile(bothBudgets, 1);
        dsl.insertInto(HEALTH_FACET).set(HEALTH_FACET.MEMBER_ID, memberRow(bothBudgets.head().nik()).getId())
                .set(HEALTH_FACET.JKN_NUMBER, "0000000000091").set(HEALTH_FACET.SEGMENT, JknSegment.PBI_APBN)
                .set(HEALTH_FACET.ACTIVE, true).execute();
        BenefitRecord apbd = insertPerson(bothBudgets.head(), "KIS_PBI", PbiFunding.APBD, JANUARY, null);
        // eligible: decile 2 with PKH, an unfit house renovated by its one RTLH, PBI of the person's own budget
        Family eligible = family(TestIdentities.VILLAGE);
        decile(eligible, 2);
        house(eligible, RtlhStatus.RENOVATED, 2025);
        insertHousehold(eligible, "PKH", JANUARY, null);
        insertHousehold(eligible, "RTLH", LocalDate.of(2025, 5, 1), LocalDate.of(2025, 10, 31));
        insertPerson(eligible.head(), "KIS_PBI", PbiFunding.APBN, JANUARY, null);

        GraphQlTester.Response response = report(YEAR_2025, "51.06.01.2001").execute();

        assertThat(reasons(response, rich)).containsExactly("decile 7 is above PKH's limit 4");
        String richBreach = "doubleAidReport.ineligibleBenefits[?(@.household.kk == '" + rich.kk() + "')]";
        response.path(richBreach + ".rule.code").entityList(String.class).containsExactly("PKH_DECILE")
                .path(richBreach + ".rule.kind").entityList(String.class).containsExactly("MAX_DECILE")
                .path(richBreach + ".benefit.id").entityList(String.class).containsExactly(globalId(richPkh));
        assertThat(reasons(response, unranked)).singleElement().asString().contains("no recorded DTSEN decile", "BPNT", "1 to 5");
        assertThat(reasons(response, fitHouse)).singleElement().asString().contains("recorded FIT");
        // a house gets repair aid once: this year's second renovation (the first one lies before the period)
        assertThat(reasons(response, repairedTwice)).singleElement().asString().contains("more than once");
        assertThat(reasons(response, renovatedBefore)).singleElement().asString().contains("renovated in 2018");
        String budgets = "doubleAidReport.ineligibleBenefits[?(@.household.kk == '" + bothBudgets.kk() + "')]";
        response.path(budgets + ".rule.code").entityList(String.class).containsExactly("KIS_PBI_ONE_FUNDING")
                .path(budgets + ".benefit.id").entityList(String.class).containsExactly(globalId(apbd))
                .path(budgets + ".benefit.funding").entityList(String.class).containsExactly("APBD");
        assertThat(reasons(response, bothBudgets)).singleElement().asString().contains("PBI_APBN", "APBD", "both");
        assertThat(reasons(response, eligible)).isEmpty();

        // outside the period or the region, none of it
        GraphQlTester.Response before = report(input("from", "2019-01-01", "to", "2024-12-31"), "51.06.01.2001").execute();
        assertThat(reasons(before, rich)).isEmpty();
        assertThat(reasons(before, fitHouse)).isEmpty();
        assertThat(reasons(before, repairedTwice)).singleElement().asString().contains("more than once");
        assertThat(reasons(report(YEAR_2025, LANGGAHAN).execute(), rich)).isEmpty();
    }

    @Test
    void theReportCostsTheSameStatementsWhateverItFinds() {
        Family one = family(LANGGAHAN);
        insertHousehold(one, "PKH", JANUARY, JUNE_END);
        insertHousehold(one, "BLT_DD", JANUARY, JUNE_END);
        report(YEAR_2025, LANGGAHAN).execute();
        statements.reset();
        GraphQlTester.Response few = report(YEAR_2025, LANGGAHAN).execute();
        int forFew = statements.count();

        for (int i = 0; i < 8; i++) {
            Family family = family(TestIdentities.VILLAGE);
            insertHousehold(family, "BPNT", JANUARY, null);
            insertHousehold(family, "BLT_DD", JANUARY, JUNE_END);
        }
        statements.reset();
        GraphQlTester.Response many = report(YEAR_2025, TestIdentities.VILLAGE).execute();
        int forMany = statements.count();

        assertThat(few.path("doubleAidReport.exclusionConflicts").entityList(Object.class).get().size())
                .isLessThan(many.path("doubleAidReport.exclusionConflicts").entityList(Object.class).get().size());
        assertThat(many.path("doubleAidReport.ineligibleBenefits").entityList(Object.class).get()).isNotEmpty();
        assertThat(forMany).isEqualTo(forFew);
    }

    // --- who asks, and how

    @Test
    void theReportIsForUptpkOnly() {
        for (String role : List.of("dinsos", "dinkes", "perkim", "disdik", "desa", "bappeda", "admin")) {
            as(role).documentName("doubleAidReport").variable("period", YEAR_2025).variable("region", "51.06").execute()
                    .errors().satisfy(errors -> assertThat(errors).isNotEmpty().allSatisfy(error ->
                            assertThat(error.getErrorType().toString()).isEqualTo("ValidationError")));
        }
    }

    @Test
    void aPeriodEndingBeforeItStartsOrAnUnknownRegionIsRefused() {
        ResponseError period = refused(report(input("from", "2025-12-31", "to", "2025-01-01"), "51.06").execute(),
                "BAD_REQUEST", "period.to");
        assertThat(period.getMessage()).contains("ends before it starts");
        for (String region : List.of("99.99", "5106x", "")) {
            refused(report(YEAR_2025, region).execute(), "NOT_FOUND", "region");
        }
    }
}
