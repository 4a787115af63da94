package id.terpadu;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The statistics of a round: poor households and persons, their breakdowns, the change against the
 * previous round, suppression of small counts in villages, and who may ask for which region. Each
 * test has rounds of its own, so only its households count.
 *
 * <p>Apuan, round P: five still poor with 3 persons, one new with 2 (6 households, 17 persons);
 * round R: four still poor with 3 and one with 4 (Melati but the last Menur), one left poverty, one
 * new with 5 and no cluster (6 households, 21 persons). The other village of Susut, round P: three
 * still poor with 2 (3, 6); round R: those and two new with 2 (5, 10). So Susut district has 9
 * households with 23 persons in P and 11 with 31 in R.
 */
class StatisticsTest extends ApiTest {

    private static final String APUAN = TestIdentities.VILLAGE;
    private static final String OTHER = TestIdentities.OTHER_VILLAGE;
    private static final String SUSUT = "51.06.01";

    private String previous;
    private String round;
    private final List<Family> apuan = new ArrayList<>();
    private final List<Family> other = new ArrayList<>();

    @BeforeEach
    void twoRounds() {
        previous = open(2030, null);
        round = open(2031, previous);
        for (int i = 0; i < 7; i++) {
            apuan.add(registered(APUAN));
        }
        for (int i = 0; i < 5; i++) {
            other.add(registered(OTHER));
        }
        for (int i = 0; i < 5; i++) {
            record(previous, apuan.get(i), "STILL_POOR", 3, null);
        }
        record(previous, apuan.get(5), "NEW", 2, null);
        for (int i = 0; i < 4; i++) {
            record(round, apuan.get(i), "STILL_POOR", 3, "MELATI");
        }
        record(round, apuan.get(4), "LEFT_POVERTY", 3, "MELATI");
        record(round, apuan.get(5), "STILL_POOR", 4, "MENUR");
        record(round, apuan.get(6), "NEW", 5, null);
        for (int i = 0; i < 3; i++) {
            record(previous, other.get(i), "STILL_POOR", 2, null);
            record(round, other.get(i), "STILL_POOR", 2, null);
        }
        record(round, other.get(3), "NEW", 2, null);
        record(round, other.get(4), "NEW", 2, null);
    }

    // --- requests and rows

    private String open(int year, String previousRound) {
        String name = "Stat " + token();
        Map<String, Object> input = input("name", name, "year", year);
        if (previousRound != null) {
            input.put("previous", previousRound);
        }
        graphQl.documentName("openVerificationRound").variable("input", input).execute()
                .path("openVerificationRound.name").entity(String.class).isEqualTo(name);
        return name;
    }

    private Family registered(String village) {
        Family family = Family.of(village, token());
        register(family);
        return family;
    }

    private void record(String roundName, Family family, String result, int persons, String cluster) {
        graphQl.documentName("recordVerificationResult").variable("input", input("round", roundName, "kk", family.kk(),
                "result", result, "persons", persons, "cluster", cluster)).execute()
                .path("recordVerificationResult.result").entity(String.class).isEqualTo(result);
    }

    private GraphQlTester.Response statistics(HttpGraphQlTester as, String roundName, String region) {
        return as.documentName("statistics").variable("round", roundName).variable("region", region).execute();
    }

    /** Enrols, after making the household meet the programme's eligibility rules (decile, house, PBI funding). */
    private void enrol(String programme, String kk, String nik, String startsOn, String endsOn, String status) {
        EligibleHouseholds.qualify(dsl, kk, nik);
        graphQl.documentName("enrolBenefit").variable("input", input("programme", programme, "kk", kk, "nik", nik,
                "funding", "KIS_PBI".equals(programme) ? EligibleHouseholds.pbiFunding(dsl, nik) : null,
                "startsOn", startsOn, "endsOn", endsOn, "status", status, "reason", "Statistics test")).execute()
                .path("enrolBenefit.status").entity(String.class).isEqualTo(status);
    }

    /** Asserts a count at a path: a value shown, or null for a suppressed one. */
    private static void count(GraphQlTester.Response response, String path, Integer value) {
        response.path(path + ".suppressed").entity(Boolean.class).isEqualTo(value == null);
        if (value == null) {
            response.path(path + ".value").valueIsNull();
        } else {
            response.path(path + ".value").entity(Integer.class).isEqualTo(value);
        }
    }

    // --- the figures

    @Test
    void aDistrictHasItsPoorHouseholdsAndPersonsUnsuppressed() {
        for (String role : List.of("dinsos", "bappeda", "uptpk")) {
            GraphQlTester.Response answer = statistics(as(role), round, "510601");
            answer.path("statistics.round.name").entity(String.class).isEqualTo(round)
                    .path("statistics.region.code").entity(String.class).isEqualTo(SUSUT)
                    .path("statistics.suppressionThreshold").valueIsNull();
            count(answer, "statistics.households", 11);
            count(answer, "statistics.persons", 31);
            answer.path("statistics.byCluster[*].cluster.code").entityList(String.class)
                    .containsExactly("MELATI", "MENUR", "KENANGA");
            count(answer, "statistics.byCluster[0].households", 4);
            count(answer, "statistics.byCluster[0].persons", 12);
            count(answer, "statistics.byCluster[1].households", 1);
            count(answer, "statistics.byCluster[1].persons", 4);
            count(answer, "statistics.byCluster[2].households", 0);
            answer.path("statistics.byCluster[3].cluster").valueIsNull();
            count(answer, "statistics.byCluster[3].households", 6);
            count(answer, "statistics.byCluster[3].persons", 15);
        }
        // the previous round, and the regency, which holds no other households of these rounds
        count(statistics(as("dinsos"), previous, SUSUT), "statistics.households", 9);
        count(statistics(as("dinsos"), previous, SUSUT), "statistics.persons", 23);
        count(statistics(as("bappeda"), round, "5106"), "statistics.households", 11);
        count(statistics(as("bappeda"), round, "51.06"), "statistics.persons", 31);
    }

    @Test
    void programmesCountHouseholdsHoldingThemInTheRoundsYear() {
        enrol("PKH", apuan.get(0).kk(), null, "2031-01-01", "2031-12-31", "ACTIVE");
        enrol("PKH", apuan.get(1).kk(), null, "2029-01-01", "2029-12-31", "ACTIVE");
        enrol("PKH", apuan.get(2).kk(), null, "2031-06-01", null, "PROPOSED");
        enrol("BPNT", apuan.get(4).kk(), null, "2031-01-01", null, "ACTIVE");
        enrol("BPNT", other.get(0).kk(), null, "2030-07-01", null, "ACTIVE");
        enrol("KIS_PBI", null, apuan.get(3).head().nik(), "2020-01-01", "2031-01-31", "APPROVED");
        enrol("KIS_PBI", null, apuan.get(3).members().get(1).nik(), "2025-01-01", null, "ACTIVE");

        GraphQlTester.Response answer = statistics(as("dinsos"), round, SUSUT);
        answer.path("statistics.byProgramme[*].programme.code").entityList(String.class)
                .satisfies(codes -> assertThat(codes).containsExactlyInAnyOrder("PKH", "BPNT", "KIS_PBI", "RTLH", "BLT_DD", "PIP",
                        "UEP", "PELATIHAN", "PENEMPATAN_KERJA"));
        // PKH: only the enrolment of 2031; a proposal and an enrolment of 2029 do not count
        answer.path("statistics.byProgramme[?(@.programme.code == 'PKH')].households.value").entityList(Integer.class)
                .containsExactly(1);
        answer.path("statistics.byProgramme[?(@.programme.code == 'PKH')].persons.value").entityList(Integer.class)
                .containsExactly(3);
        // BPNT: the household that left poverty is not among the poor of the round
        answer.path("statistics.byProgramme[?(@.programme.code == 'BPNT')].households.value").entityList(Integer.class)
                .containsExactly(1);
        answer.path("statistics.byProgramme[?(@.programme.code == 'BPNT')].persons.value").entityList(Integer.class)
                .containsExactly(2);
        // KIS-PBI: a household counts once, however many of its members hold it
        answer.path("statistics.byProgramme[?(@.programme.code == 'KIS_PBI')].households.value").entityList(Integer.class)
                .containsExactly(1);
        answer.path("statistics.byProgramme[?(@.programme.code == 'RTLH')].households.value").entityList(Integer.class)
                .containsExactly(0);
    }

    @Test
    void jknSegmentsCountTheCurrentMembersOfThePoorHouseholds() {
        graphQl.documentName("updateJknStatus").variable("input", input("nik", apuan.get(0).head().nik(),
                "expectedVersion", 0, "jknNumber", "0001234567890", "segment", "PBI_APBN", "active", true)).execute()
                .path("updateJknStatus.segment").entity(String.class).isEqualTo("PBI_APBN");
        // a member of the household that left poverty does not count
        graphQl.documentName("updateJknStatus").variable("input", input("nik", apuan.get(4).head().nik(),
                "expectedVersion", 0, "jknNumber", "0001234567891", "segment", "PPU", "active", true)).execute();

        GraphQlTester.Response answer = statistics(as("bappeda"), round, SUSUT);
        answer.path("statistics.byJknSegment[*].segment").entityList(String.class)
                .containsExactly("PBI_APBN", "PBI_APBD", "PBPU", "PPU", "NONE");
        // 11 poor households of three members each
        count(answer, "statistics.byJknSegment[0].persons", 1);
        count(answer, "statistics.byJknSegment[3].persons", 0);
        count(answer, "statistics.byJknSegment[4].persons", 32);
    }

    @Test
    void theChangeAgainstThePreviousRound() {
        GraphQlTester.Response answer = statistics(as("dinsos"), round, SUSUT);
        answer.path("statistics.change.previous.name").entity(String.class).isEqualTo(previous);
        count(answer, "statistics.change.households", 2);
        count(answer, "statistics.change.persons", 8);
        count(answer, "statistics.change.leftPoverty", 1);
        count(answer, "statistics.change.moved", 0);
        count(answer, "statistics.change.deceased", 0);
        count(answer, "statistics.change.newlyPoor", 3);

        GraphQlTester.Response apuanForUptpk = statistics(graphQl, round, APUAN);
        count(apuanForUptpk, "statistics.change.households", 0);
        count(apuanForUptpk, "statistics.change.persons", 4);

        String third = open(2032, round);
        record(third, apuan.get(0), "MOVED", 3, null);
        record(third, apuan.get(1), "DECEASED", 0, null);
        GraphQlTester.Response later = statistics(graphQl, third, SUSUT);
        count(later, "statistics.households", 0);
        count(later, "statistics.change.households", -11);
        count(later, "statistics.change.persons", -31);
        count(later, "statistics.change.moved", 1);
        count(later, "statistics.change.deceased", 1);
    }

    // --- suppression

    @Test
    void villageCountsBelowTheThresholdAreSuppressedForEveryRoleButUptpk() {
        for (String role : List.of("dinsos", "bappeda", "desa")) {
            GraphQlTester.Response answer = statistics(as(role), round, APUAN);
            answer.path("statistics.suppressionThreshold").entity(Integer.class).isEqualTo(5);
            count(answer, "statistics.households", 6);
            count(answer, "statistics.persons", 21);
            // Melati 4, Menur 1, Kenanga 0, without a cluster 1: every cell below 5
            answer.path("statistics.byCluster[*].households.suppressed").entityList(Boolean.class)
                    .containsExactly(true, true, true, true);
            answer.path("statistics.byCluster[*].households.value").entityList(Object.class)
                    .containsExactly(null, null, null, null);
            answer.path("statistics.byCluster[*].persons.suppressed").entityList(Boolean.class)
                    .containsExactly(true, true, true, true);
            answer.path("statistics.byJknSegment[*].persons.value").entityList(Object.class)
                    .containsExactly(null, null, null, null, 18);
            answer.path("statistics.byJknSegment[*].persons.suppressed").entityList(Boolean.class)
                    .containsExactly(true, true, true, true, false);
        }
        GraphQlTester.Response uptpk = statistics(graphQl, round, APUAN);
        uptpk.path("statistics.suppressionThreshold").valueIsNull();
        uptpk.path("statistics.byCluster[*].households.value").entityList(Integer.class).containsExactly(4, 1, 0, 1);
        uptpk.path("statistics.byCluster[*].persons.value").entityList(Integer.class).containsExactly(12, 4, 0, 5);
        uptpk.path("statistics.byCluster[*].households.suppressed").entityList(Boolean.class)
                .containsExactly(false, false, false, false);
        count(uptpk, "statistics.change.leftPoverty", 1);
        count(uptpk, "statistics.change.newlyPoor", 1);
    }

    @Test
    void aCountAtTheThresholdIsShownAndOneBelowIsNot() {
        // the other village: 5 households in R, 3 in P
        GraphQlTester.Response now = statistics(as("dinsos"), round, "5106012002");
        now.path("statistics.region.code").entity(String.class).isEqualTo(OTHER);
        count(now, "statistics.households", 5);
        count(now, "statistics.persons", 10);
        GraphQlTester.Response before = statistics(as("dinsos"), previous, OTHER);
        count(before, "statistics.households", null);
        count(before, "statistics.persons", null);
        count(statistics(graphQl, previous, OTHER), "statistics.households", 3);
    }

    @Test
    void theChangeNeverRevealsASuppressedCount() {
        // the other village: R's 5 households are shown, P's 3 are not, so R minus P would give P away
        GraphQlTester.Response other = statistics(as("dinsos"), round, OTHER);
        count(other, "statistics.households", 5);
        for (String field : List.of("households", "persons", "leftPoverty", "moved", "deceased", "newlyPoor")) {
            count(other, "statistics.change." + field, null);
        }
        // Apuan: both rounds have 6 households, but one left poverty and one is new: below the threshold, and
        // with the totals of both rounds shown, any one result would give the others away
        GraphQlTester.Response apuanAnswer = statistics(as("bappeda"), round, APUAN);
        count(apuanAnswer, "statistics.households", 6);
        count(statistics(as("bappeda"), previous, APUAN), "statistics.households", 6);
        for (String field : List.of("households", "persons", "leftPoverty", "moved", "deceased", "newlyPoor")) {
            count(apuanAnswer, "statistics.change." + field, null);
        }
        apuanAnswer.path("statistics.change.previous.name").entity(String.class).isEqualTo(previous);
    }

    // --- who asks for what

    @Test
    void bappedaSeesStatisticsButNoHouseholds() {
        count(statistics(as("bappeda"), round, SUSUT), "statistics.households", 11);
        for (String query : List.of(
                "query($kk: String!) { household(kk: $kk) { kk } }",
                "query($kk: String!) { households(filter: {region: \"51.06.01\"}) { totalCount } }",
                "query($kk: String!) { member(nik: $kk) { name } }")) {
            as("bappeda").document(query).variable("kk", apuan.getFirst().kk()).execute()
                    .errors().satisfy(errors -> assertThat(errors).isNotEmpty().allSatisfy(error ->
                            assertThat(error.getErrorType().toString()).isEqualTo("ValidationError")))
                    .path("household").pathDoesNotExist();
        }
    }

    @Test
    void aVillageOperatorGetsOnlyItsVillage() {
        count(statistics(as("desa"), round, APUAN), "statistics.households", 6);
        count(statistics(as("desa"), round, "5106012001"), "statistics.persons", 21);
        for (String outside : List.of(OTHER, SUSUT, "5106", "51")) {
            refused(statistics(as("desa"), round, outside), "NOT_FOUND", "region");
        }
        refused(statistics(as("desa-b"), round, APUAN), "NOT_FOUND", "region");
    }

    @Test
    void unknownRoundsAndRegionsAreNotFoundOnTheirArgument() {
        assertThat(refused(statistics(as("dinsos"), "No round " + token(), SUSUT), "NOT_FOUND", "round").getMessage())
                .contains("round");
        for (String region : Arrays.asList("9999", "51.06.99", "5106992001", "abc", "", "51.06.01.2001.1")) {
            assertThat(refused(statistics(as("bappeda"), round, region), "NOT_FOUND", "region").getMessage())
                    .contains("region");
        }
        for (String role : List.of("dinkes", "perkim", "disdik", "admin")) {
            statistics(as(role), round, SUSUT).errors().satisfy(errors -> assertThat(errors).isNotEmpty().allSatisfy(error ->
                    assertThat(error.getErrorType().toString()).isEqualTo("ValidationError")));
        }
    }
}
