package id.terpadu;

import id.terpadu.db.codes.JknSegment;
import org.junit.jupiter.api.Test;
import org.springframework.graphql.GraphQlResponse;
import org.springframework.graphql.ResponseError;
import org.springframework.graphql.test.tester.GraphQlTester;

import java.time.LocalDate;
import java.util.List;
import java.util.function.IntFunction;
import java.util.stream.IntStream;

import static id.terpadu.db.Tables.BENEFIT;
import static id.terpadu.db.Tables.HEALTH_FACET;
import static id.terpadu.db.Tables.HOUSEHOLD;
import static id.terpadu.db.Tables.MEMBER;
import static id.terpadu.db.Tables.SOCIAL_FACET;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Clerks of different offices sending changes at the same moment, as real parallel HTTP requests:
 * of the requests that read the same version, exactly one wins and the others are told CONFLICT.
 */
class ConcurrencyTest extends ApiTest {

    /** What came back from one of the parallel requests. */
    private record Answer(int clerk, GraphQlResponse response) {

        boolean won() {
            return response.getErrors().isEmpty();
        }
    }

    /** Sends the requests of {@code clerks} clerks at once (released together by a barrier) and collects the answers. */
    private List<Answer> race(int clerks, IntFunction<GraphQlTester.Request<?>> request) throws Exception {
        List<GraphQlResponse> responses = Race.of(clerks, request);
        return IntStream.range(0, clerks).mapToObj(clerk -> new Answer(clerk, responses.get(clerk))).toList();
    }

    /** Exactly one answer won; every other one is a CONFLICT on this field. Answers the winner. */
    private Answer exactlyOneWins(List<Answer> answers, String field) {
        List<Answer> winners = answers.stream().filter(Answer::won).toList();
        assertThat(winners).as("winners").hasSize(1);
        answers.stream().filter(answer -> !answer.won()).forEach(loser -> {
            assertThat(loser.response().getErrors()).hasSize(1);
            ResponseError error = loser.response().getErrors().getFirst();
            assertThat(error.getExtensions()).containsEntry("classification", "CONFLICT").containsEntry("field", field);
            assertClerkCanRead(error);
        });
        return winners.getFirst();
    }

    @Test
    void twoOfficesCreatingTheSameFacetAtOnceOneWins() throws Exception {
        Family family = Family.of(TestIdentities.VILLAGE, token());
        register(family);
        List<String> clusters = List.of("MELATI", "MENUR");

        List<Answer> answers = race(2, clerk -> graphQl.documentName("assignCluster").variable("input",
                input("kk", family.kk(), "expectedVersion", 0, "cluster", clusters.get(clerk), "reason", "Clerk " + clerk)));

        Answer winner = exactlyOneWins(answers, "input.expectedVersion");
        answers.stream().filter(answer -> !answer.won()).forEach(loser ->
                assertThat(number(loser.response().getErrors().getFirst().getExtensions(), "currentVersion")).isEqualTo(1L));
        var stored = dsl.selectFrom(SOCIAL_FACET).where(SOCIAL_FACET.HOUSEHOLD_ID.eq(householdRow(family.kk()).getId())).fetchSingle();
        assertThat(stored.getVersion()).isEqualTo(1L);
        assertThat(stored.getClusterCode()).isEqualTo(clusters.get(winner.clerk()));
        assertThat(stored.getClusterReason()).isEqualTo("Clerk " + winner.clerk());
    }

    @Test
    void twoClerksChangingTheSameFacetWithTheSameVersionOneWins() throws Exception {
        Family family = Family.of(TestIdentities.VILLAGE, token());
        register(family);
        Person wife = family.members().get(1);
        graphQl.documentName("updateJknStatus").variable("input", input("nik", wife.nik(), "expectedVersion", 0,
                "segment", "NONE", "active", false)).execute().path("updateJknStatus.version").entity(Long.class).isEqualTo(1L);
        List<String> segments = List.of("PBI_APBN", "PBI_APBD");

        for (int round = 1; round <= 3; round++) {
            long read = round;
            List<Answer> answers = race(2, clerk -> graphQl.documentName("updateJknStatus").variable("input",
                    input("nik", wife.nik(), "expectedVersion", read, "jknNumber", "000000000000" + clerk,
                            "segment", segments.get(clerk), "active", true)));

            Answer winner = exactlyOneWins(answers, "input.expectedVersion");
            answers.stream().filter(answer -> !answer.won()).forEach(loser ->
                    assertThat(number(loser.response().getErrors().getFirst().getExtensions(), "currentVersion"))
                            .isEqualTo(read + 1));
            var stored = dsl.selectFrom(HEALTH_FACET).where(HEALTH_FACET.MEMBER_ID.eq(memberRow(wife.nik()).getId())).fetchSingle();
            assertThat(stored.getVersion()).isEqualTo(read + 1);
            assertThat(stored.getSegment()).isEqualTo(JknSegment.valueOf(segments.get(winner.clerk())));
            assertThat(stored.getJknNumber()).isEqualTo("000000000000" + winner.clerk());
        }
    }

    @Test
    void fourClerksChangingOneAddressAtOnceOnlyOneWins() throws Exception {
        Family family = Family.of(TestIdentities.VILLAGE, token());
        register(family);

        List<Answer> answers = race(4, clerk -> graphQl.documentName("updateHouseholdAddress").variable("input",
                input("kk", family.kk(), "expectedVersion", 1, "villageCode", TestIdentities.OTHER_VILLAGE,
                        "address", "Banjar " + clerk)));

        Answer winner = exactlyOneWins(answers, "input.expectedVersion");
        var stored = householdRow(family.kk());
        assertThat(stored.getVersion()).isEqualTo(2L);
        assertThat(stored.getAddress()).isEqualTo("Banjar " + winner.clerk());
    }

    @Test
    void sameKkRegisteredTwiceAtOnceIsOneHousehold() throws Exception {
        String kk = TestIdentities.kk();
        List<Family> families = List.of(Family.of(TestIdentities.VILLAGE, token()).withKk(kk),
                Family.of(TestIdentities.OTHER_VILLAGE, token()).withKk(kk));

        List<Answer> answers = race(2, clerk -> graphQl.documentName("registerHousehold")
                .variable("input", families.get(clerk).input()));

        Answer winner = exactlyOneWins(answers, "input.kk");
        Family registered = families.get(winner.clerk());
        Family refused = families.get(1 - winner.clerk());
        assertThat(dsl.fetchCount(HOUSEHOLD, HOUSEHOLD.KK.eq(kk))).isEqualTo(1);
        assertThat(householdRow(kk).getVillageCode()).isEqualTo(registered.villageCode());
        assertThat(dsl.fetchCount(MEMBER, MEMBER.NIK.in(registered.members().stream().map(Person::nik).toList()))).isEqualTo(3);
        assertThat(dsl.fetchCount(MEMBER, MEMBER.NIK.in(refused.members().stream().map(Person::nik).toList()))).isZero();
    }

    @Test
    void sameEnrolmentSentTwiceAtOnceIsOneBenefit() throws Exception {
        for (int round = 0; round < 3; round++) {
            sameEnrolmentSentTwiceAtOnce();
        }
    }

    private void sameEnrolmentSentTwiceAtOnce() throws Exception {
        Family family = Family.of(TestIdentities.VILLAGE, token());
        register(family);
        EligibleHouseholds.qualify(dsl, family.kk(), null);

        List<Answer> answers = race(2, clerk -> graphQl.documentName("enrolBenefit").variable("input",
                input("programme", "PKH", "kk", family.kk(), "startsOn", LocalDate.of(2025, 1, 1 + clerk),
                        "status", "APPROVED", "reason", "Clerk " + clerk)));

        Answer winner = exactlyOneWins(answers, "input.startsOn");
        var benefits = dsl.selectFrom(BENEFIT).where(BENEFIT.HOUSEHOLD_ID.eq(householdRow(family.kk()).getId())).fetch();
        assertThat(benefits).singleElement().satisfies(benefit ->
                assertThat(benefit.getReason()).isEqualTo("Clerk " + winner.clerk()));
        // the clerk who lost is told which enrolment already holds the period, as without a race
        String existingId = graphQl.documentName("household").variable("kk", family.kk()).execute()
                .path("household.benefits[0].id").entity(String.class).get();
        answers.stream().filter(answer -> !answer.won()).forEach(loser ->
                assertThat(loser.response().getErrors().getFirst().getExtensions()).containsEntry("existingId", existingId));
    }
}
