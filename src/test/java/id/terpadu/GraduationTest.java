package id.terpadu;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The planners' question: how many households that received a programme in a round left poverty
 * by the next round, with small village counts withheld for every role but UPT-PK. Each test has
 * rounds of its own, so only its households count.
 *
 * <p>Round A (2060) then B (2061). Apuan: seven poor households in A whose head was trained
 * (PELATIHAN) in 2060, five of them found LEFT_POVERTY in B and two STILL_POOR; besides them a
 * poor household that left without training, one whose training was only proposed, and one trained
 * in 2058. The other village of Susut: three trained, one of them left. So Susut district has ten
 * recipients, six of whom left.
 */
class GraduationTest extends ApiTest {

    private static final String APUAN = TestIdentities.VILLAGE;
    private static final String OTHER = TestIdentities.OTHER_VILLAGE;
    private static final String SUSUT = "51.06.01";

    private String first;
    private String next;

    @BeforeEach
    void twoRoundsAndTheirTrainees() {
        first = open(2060, null);
        next = open(2061, first);
        List<Family> trained = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            trained.add(poorIn(APUAN, i < 5 ? "LEFT_POVERTY" : "STILL_POOR"));
        }
        for (int i = 0; i < 3; i++) {
            trained.add(poorIn(OTHER, i < 1 ? "LEFT_POVERTY" : "STILL_POOR"));
        }
        trained.forEach(family -> train(family, "2060-02-01", "2060-03-31", "ACTIVE"));
        poorIn(APUAN, "LEFT_POVERTY");
        train(poorIn(APUAN, "LEFT_POVERTY"), "2060-05-01", "2060-06-30", "PROPOSED");
        train(poorIn(APUAN, "LEFT_POVERTY"), "2058-05-01", "2058-06-30", "ACTIVE");
    }

    private String open(int year, String previous) {
        String name = "Grad " + token();
        Map<String, Object> input = input("name", name, "year", year);
        if (previous != null) {
            input.put("previous", previous);
        }
        graphQl.documentName("openVerificationRound").variable("input", input).execute()
                .path("openVerificationRound.name").entity(String.class).isEqualTo(name);
        return name;
    }

    /** A household poor in the first round with this result in the next. */
    private Family poorIn(String village, String nextResult) {
        Family family = Family.of(village, token());
        register(family);
        record(first, family, "STILL_POOR");
        record(next, family, nextResult);
        return family;
    }

    private void record(String round, Family family, String result) {
        graphQl.documentName("recordVerificationResult").variable("input", input("round", round, "kk", family.kk(),
                "result", result, "persons", 3)).execute()
                .path("recordVerificationResult.result").entity(String.class).isEqualTo(result);
    }

    private void train(Family family, String startsOn, String endsOn, String status) {
        graphQl.documentName("enrolBenefit").variable("input", input("programme", "PELATIHAN", "nik", family.head().nik(),
                        "startsOn", startsOn, "endsOn", endsOn, "status", status, "reason", "Sewing course")).execute()
                .path("enrolBenefit.status").entity(String.class).isEqualTo(status);
    }

    private GraphQlTester.Response graduation(HttpGraphQlTester as, String programme, String round, String region) {
        return as.documentName("programmeGraduation").variable("programme", programme).variable("round", round)
                .variable("region", region).execute();
    }

    private static void count(GraphQlTester.Response response, String path, Integer value) {
        response.path(path + ".suppressed").entity(Boolean.class).isEqualTo(value == null);
        if (value == null) {
            response.path(path + ".value").valueIsNull();
        } else {
            response.path(path + ".value").entity(Integer.class).isEqualTo(value);
        }
    }

    @Test
    void aDistrictCountsTheRecipientsAndThoseTheNextRoundFoundNoLongerPoor() {
        for (String role : List.of("bappeda", "dinsos", "uptpk")) {
            GraphQlTester.Response answer = graduation(as(role), "PELATIHAN", first, "510601");
            answer.path("programmeGraduation.programme.code").entity(String.class).isEqualTo("PELATIHAN")
                    .path("programmeGraduation.programme.kind").entity(String.class).isEqualTo("EMPOWERMENT")
                    .path("programmeGraduation.programme.agency.code").entity(String.class).isEqualTo("DINSOS")
                    .path("programmeGraduation.round.name").entity(String.class).isEqualTo(first)
                    .path("programmeGraduation.nextRound.name").entity(String.class).isEqualTo(next)
                    .path("programmeGraduation.region.code").entity(String.class).isEqualTo(SUSUT)
                    .path("programmeGraduation.suppressionThreshold").valueIsNull();
            // a proposal and a training of another year do not count; nor a household that left untrained
            count(answer, "programmeGraduation.recipients", 10);
            count(answer, "programmeGraduation.leftPoverty", 6);
        }
        // the regency holds no other households of these rounds
        count(graduation(as("bappeda"), "PELATIHAN", first, "51.06"), "programmeGraduation.leftPoverty", 6);
        // a programme no household of the round held
        GraphQlTester.Response none = graduation(as("bappeda"), "UEP", first, SUSUT);
        count(none, "programmeGraduation.recipients", 0);
        count(none, "programmeGraduation.leftPoverty", 0);
    }

    @Test
    void withoutANextRoundThereIsNoLeavingToCount() {
        GraphQlTester.Response answer = graduation(as("bappeda"), "PELATIHAN", next, SUSUT);
        answer.path("programmeGraduation.nextRound").valueIsNull()
                .path("programmeGraduation.leftPoverty").valueIsNull();
        // the poor of the later round were trained in 2060, not in its year
        count(answer, "programmeGraduation.recipients", 0);
    }

    @Test
    void villageCountsBelowTheThresholdAreWithheldForEveryRoleButUptpk() {
        for (String role : List.of("bappeda", "dinsos", "desa")) {
            // Apuan: 7 recipients shown; 5 left but 2 did not, and the 7 would give either away
            GraphQlTester.Response apuan = graduation(as(role), "PELATIHAN", first, APUAN);
            apuan.path("programmeGraduation.suppressionThreshold").entity(Integer.class).isEqualTo(5);
            count(apuan, "programmeGraduation.recipients", 7);
            count(apuan, "programmeGraduation.leftPoverty", null);
        }
        // the other village: 3 recipients, withheld, and so is the 1 that left
        GraphQlTester.Response other = graduation(as("bappeda"), "PELATIHAN", first, "5106012002");
        count(other, "programmeGraduation.recipients", null);
        count(other, "programmeGraduation.leftPoverty", null);

        GraphQlTester.Response uptpk = graduation(graphQl, "PELATIHAN", first, APUAN);
        uptpk.path("programmeGraduation.suppressionThreshold").valueIsNull();
        count(uptpk, "programmeGraduation.recipients", 7);
        count(uptpk, "programmeGraduation.leftPoverty", 5);
        count(graduation(graphQl, "PELATIHAN", first, OTHER), "programmeGraduation.leftPoverty", 1);
    }

    @Test
    void unknownArgumentsAreNotFoundAndOnlyTheStatisticsRolesAsk() {
        assertThat(refused(graduation(as("bappeda"), "RASKIN", first, SUSUT), "NOT_FOUND", "programme").getMessage())
                .contains("programme");
        refused(graduation(as("bappeda"), "PELATIHAN", "No round " + token(), SUSUT), "NOT_FOUND", "round");
        refused(graduation(as("bappeda"), "PELATIHAN", first, "51.06.99"), "NOT_FOUND", "region");
        // a village operator asks about its own village only
        for (String outside : List.of(OTHER, SUSUT, "5106")) {
            refused(graduation(as("desa"), "PELATIHAN", first, outside), "NOT_FOUND", "region");
        }
        for (String role : List.of("dinkes", "perkim", "disdik", "admin")) {
            graduation(as(role), "PELATIHAN", first, SUSUT).errors().satisfy(errors -> assertThat(errors).isNotEmpty()
                    .allSatisfy(error -> assertThat(error.getErrorType().toString()).isEqualTo("ValidationError")));
        }
    }
}
