package id.terpadu;

import id.terpadu.db.codes.VerificationOutcome;
import id.terpadu.db.codes.VerificationRoundStatus;
import id.terpadu.db.tables.records.VerificationResultRecord;
import id.terpadu.db.tables.records.VerificationRoundRecord;
import org.junit.jupiter.api.Test;
import org.springframework.graphql.GraphQlResponse;
import org.springframework.graphql.ResponseError;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static id.terpadu.db.Tables.HOUSEHOLD;
import static id.terpadu.db.Tables.VERIFICATION_RESULT;
import static id.terpadu.db.Tables.VERIFICATION_ROUND;
import static org.assertj.core.api.Assertions.assertThat;

/** Verification rounds: opening, recording results per household, closing, and who may do which. */
class VerificationTest extends ApiTest {

    // --- requests and rows

    private GraphQlTester.Request<?> open(HttpGraphQlTester as, Map<String, Object> input) {
        return as.documentName("openVerificationRound").variable("input", input);
    }

    /** A fresh round of this year compared with no earlier one ({@code previous} given explicitly as absent). */
    private String openRound(int year, String previous) {
        String name = "Round " + token();
        Map<String, Object> input = input("name", name, "year", year);
        if (previous != null) {
            input.put("previous", previous);
        }
        open(graphQl, input).execute().path("openVerificationRound.status").entity(String.class).isEqualTo("OPEN");
        return name;
    }

    private GraphQlTester.Request<?> record(HttpGraphQlTester as, String round, String kk, String result, int persons) {
        return as.documentName("recordVerificationResult")
                .variable("input", input("round", round, "kk", kk, "result", result, "persons", persons));
    }

    private GraphQlTester.Request<?> close(String round) {
        return graphQl.documentName("closeVerificationRound").variable("input", input("round", round));
    }

    private String registered(String village) {
        Family family = Family.of(village, token());
        register(family);
        return family.kk();
    }

    /** A mutation the caller's role may not run: FORBIDDEN before anything runs. */
    private void forbiddenWithoutWrites(GraphQlTester.Request<?> request) {
        DatabaseSnapshot before = snapshot();
        request.execute().errors().satisfy(errors -> assertThat(errors).singleElement().satisfies(error ->
                assertThat(error.getExtensions()).containsEntry("classification", "FORBIDDEN")));
        assertThat(snapshot()).isEqualTo(before);
    }

    private VerificationRoundRecord roundRow(String name) {
        return dsl.selectFrom(VERIFICATION_ROUND).where(VERIFICATION_ROUND.NAME.eq(name)).fetchSingle();
    }

    private List<VerificationResultRecord> resultRows(String round, String kk) {
        return dsl.selectFrom(VERIFICATION_RESULT)
                .where(VERIFICATION_RESULT.ROUND_ID.eq(roundRow(round).getId()))
                .and(VERIFICATION_RESULT.HOUSEHOLD_ID.eq(dsl.select(HOUSEHOLD.ID).from(HOUSEHOLD).where(HOUSEHOLD.KK.eq(kk))))
                .fetch();
    }

    // --- opening

    @Test
    void uptpkOpensARoundThatIsListedAndFoundByName() {
        String first = openRound(2030, null);
        String name = "Round " + token();

        open(graphQl, input("name", name, "year", 2032, "previous", first)).execute()
                .path("openVerificationRound.name").entity(String.class).isEqualTo(name)
                .path("openVerificationRound.year").entity(Integer.class).isEqualTo(2032)
                .path("openVerificationRound.status").entity(String.class).isEqualTo("OPEN")
                .path("openVerificationRound.previous.name").entity(String.class).isEqualTo(first)
                .path("openVerificationRound.openedAt").hasValue()
                .path("openVerificationRound.closedAt").valueIsNull();

        VerificationRoundRecord stored = roundRow(name);
        assertThat(stored.getYear()).isEqualTo((short) 2032);
        assertThat(stored.getStatus()).isEqualTo(VerificationRoundStatus.OPEN);
        assertThat(stored.getPreviousId()).isEqualTo(roundRow(first).getId());
        assertThat(stored.getClosedAt()).isNull();
        for (String reader : List.of("uptpk", "dinsos", "desa", "bappeda")) {
            as(reader).documentName("verificationRounds").variable("name", name).execute()
                    .path("verificationRounds[*].name").entityList(String.class).contains(name, first)
                    .path("verificationRound.name").entity(String.class).isEqualTo(name)
                    .path("verificationRound.previous.name").entity(String.class).isEqualTo(first);
        }
        graphQl.documentName("verificationRounds").variable("name", "No round " + token()).execute()
                .path("verificationRound").valueIsNull();
    }

    @Test
    void withoutAPreviousRoundTheLatestRoundOfAnEarlierYearIsTaken() {
        // years 2001 to 2009 are used by this test only
        String older = openRound(2003, null);
        String latest = openRound(2004, null);
        String sameYear = openRound(2005, null);

        assertThat(roundRow(latest).getPreviousId()).isEqualTo(roundRow(older).getId());
        assertThat(roundRow(sameYear).getPreviousId()).isEqualTo(roundRow(latest).getId());
        String next = openRound(2005, null);
        assertThat(roundRow(next).getPreviousId()).as("not a round of the same year").isEqualTo(roundRow(latest).getId());
    }

    @Test
    void openingRefusesBadNamesYearsAndPreviousRounds() {
        String existing = openRound(2030, null);
        ResponseError duplicate = refusedWithoutWrites(open(graphQl, input("name", existing, "year", 2031)),
                "CONFLICT", "input.name");
        assertThat(duplicate.getMessage()).contains("already exists");
        refusedWithoutWrites(open(graphQl, input("name", "  ", "year", 2031)), "BAD_REQUEST", "input.name");
        refusedWithoutWrites(open(graphQl, input("name", "x".repeat(41), "year", 2031)), "BAD_REQUEST", "input.name");
        refusedWithoutWrites(open(graphQl, input("name", "Round; drop", "year", 2031)), "BAD_REQUEST", "input.name");
        refusedWithoutWrites(open(graphQl, input("name", "Round " + token(), "year", 1999)), "BAD_REQUEST", "input.year");
        refusedWithoutWrites(open(graphQl, input("name", "Round " + token(), "year", 2101)), "BAD_REQUEST", "input.year");
        refusedWithoutWrites(open(graphQl, input("name", "Round " + token(), "year", 2031, "previous", "No round " + token())),
                "NOT_FOUND", "input.previous");
        refusedWithoutWrites(open(graphQl, input("name", "Round " + token(), "year", 2029, "previous", existing)),
                "BAD_REQUEST", "input.previous");
    }

    @Test
    void onlyUptpkOpensAndClosesRounds() {
        String round = openRound(2030, null);
        for (String role : List.of("dinsos", "desa", "bappeda")) {
            forbiddenWithoutWrites(open(as(role), input("name", "Round " + token(), "year", 2031)));
            forbiddenWithoutWrites(as(role).documentName("closeVerificationRound").variable("input", input("round", round)));
        }
        assertThat(roundRow(round).getStatus()).isEqualTo(VerificationRoundStatus.OPEN);
    }

    // --- recording

    @Test
    void aResultIsRecordedByKkWithTheHouseholdsClusterAndShownOnTheHousehold() {
        String round = openRound(2030, null);
        String kk = registered(TestIdentities.VILLAGE);
        graphQl.documentName("assignCluster").variable("input", input("kk", kk, "expectedVersion", 0,
                "cluster", "MENUR", "reason", "Verified by UPT-PK")).execute();

        graphQl.documentName("recordVerificationResult").variable("input", input("round", round, "kk", kk,
                        "result", "STILL_POOR", "persons", 4, "note", "  Visited with the kelian banjar  ")).execute()
                .path("recordVerificationResult.round.name").entity(String.class).isEqualTo(round)
                .path("recordVerificationResult.household.kk").entity(String.class).isEqualTo(kk)
                .path("recordVerificationResult.result").entity(String.class).isEqualTo("STILL_POOR")
                .path("recordVerificationResult.persons").entity(Integer.class).isEqualTo(4)
                .path("recordVerificationResult.cluster.code").entity(String.class).isEqualTo("MENUR")
                .path("recordVerificationResult.note").entity(String.class).isEqualTo("Visited with the kelian banjar")
                .path("recordVerificationResult.recordedAt").hasValue();

        List<VerificationResultRecord> stored = resultRows(round, kk);
        assertThat(stored).hasSize(1);
        assertThat(stored.getFirst().getResult()).isEqualTo(VerificationOutcome.STILL_POOR);
        assertThat(stored.getFirst().getPersons()).isEqualTo((short) 4);
        assertThat(stored.getFirst().getClusterCode()).isEqualTo("MENUR");
        for (String reader : List.of("uptpk", "dinsos", "desa")) {
            as(reader).documentName("householdVerification").variable("kk", kk).execute()
                    .path("household.verification[*].round.name").entityList(String.class).containsExactly(round)
                    .path("household.verification[0].result").entity(String.class).isEqualTo("STILL_POOR")
                    .path("household.verification[0].persons").entity(Integer.class).isEqualTo(4)
                    .path("household.verification[0].cluster.code").entity(String.class).isEqualTo("MENUR");
        }
    }

    @Test
    void aGivenClusterIsKeptAndResultsAreListedNewestRoundFirst() {
        String older = openRound(2030, null);
        String newer = openRound(2031, older);
        String kk = registered(TestIdentities.VILLAGE);
        graphQl.documentName("recordVerificationResult").variable("input", input("round", newer, "kk", kk,
                "result", "LEFT_POVERTY", "persons", 3, "cluster", "KENANGA")).execute()
                .path("recordVerificationResult.cluster.code").entity(String.class).isEqualTo("KENANGA");
        record(graphQl, older, kk, "NEW", 3).execute()
                .path("recordVerificationResult.cluster").valueIsNull();

        graphQl.documentName("householdVerification").variable("kk", kk).execute()
                .path("household.verification[*].round.name").entityList(String.class).containsExactly(newer, older)
                .path("household.verification[*].result").entityList(String.class).containsExactly("LEFT_POVERTY", "NEW")
                .path("household.verification[0].round.previous.name").entity(String.class).isEqualTo(older);
    }

    @Test
    void recordingAgainInAnOpenRoundReplacesTheResult() {
        String round = openRound(2030, null);
        String kk = registered(TestIdentities.VILLAGE);
        record(graphQl, round, kk, "STILL_POOR", 3).execute();
        var first = resultRows(round, kk).getFirst();

        graphQl.documentName("recordVerificationResult").variable("input", input("round", round, "kk", kk,
                "result", "MOVED", "persons", 2, "note", "Moved to Denpasar")).execute()
                .path("recordVerificationResult.result").entity(String.class).isEqualTo("MOVED");

        List<VerificationResultRecord> stored = resultRows(round, kk);
        assertThat(stored).hasSize(1);
        assertThat(stored.getFirst().getId()).isEqualTo(first.getId());
        assertThat(stored.getFirst().getResult()).isEqualTo(VerificationOutcome.MOVED);
        assertThat(stored.getFirst().getPersons()).isEqualTo((short) 2);
        assertThat(stored.getFirst().getNote()).isEqualTo("Moved to Denpasar");
        assertThat(stored.getFirst().getRecordedAt()).isAfterOrEqualTo(first.getRecordedAt());
    }

    @Test
    void recordingRefusesBadInputAndWritesNothing() {
        String round = openRound(2030, null);
        String kk = registered(TestIdentities.VILLAGE);
        refusedWithoutWrites(record(graphQl, "No round " + token(), kk, "STILL_POOR", 3), "NOT_FOUND", "input.round");
        refusedWithoutWrites(record(graphQl, round, TestIdentities.kk(), "STILL_POOR", 3), "NOT_FOUND", "input.kk");
        refusedWithoutWrites(record(graphQl, round, kk, "STILL_POOR", 100), "BAD_REQUEST", "input.persons");
        refusedWithoutWrites(record(graphQl, round, kk, "STILL_POOR", -1), "BAD_REQUEST", "input.persons");
        ResponseError empty = refusedWithoutWrites(record(graphQl, round, kk, "NEW", 0), "BAD_REQUEST", "input.persons");
        assertThat(empty.getMessage()).contains("at least one person");
        refusedWithoutWrites(graphQl.documentName("recordVerificationResult").variable("input", input("round", round,
                "kk", kk, "result", "STILL_POOR", "persons", 3, "cluster", "MAWAR")), "NOT_FOUND", "input.cluster");
        refusedWithoutWrites(graphQl.documentName("recordVerificationResult").variable("input", input("round", round,
                "kk", kk, "result", "STILL_POOR", "persons", 3, "note", "n".repeat(501))), "BAD_REQUEST", "input.note");
        assertThat(resultRows(round, kk)).isEmpty();
        // a household without anyone left may be recorded with no persons
        record(graphQl, round, kk, "DECEASED", 0).execute().path("recordVerificationResult.persons").entity(Integer.class).isEqualTo(0);
    }

    @Test
    void aVillageOperatorRecordsOnlyInItsOwnVillage() {
        String round = openRound(2030, null);
        String own = registered(TestIdentities.VILLAGE);
        String elsewhere = registered(TestIdentities.OTHER_VILLAGE);

        record(as("desa"), round, own, "STILL_POOR", 3).execute()
                .path("recordVerificationResult.household.kk").entity(String.class).isEqualTo(own);
        assertThat(resultRows(round, own)).hasSize(1);

        // a household of another village is the same as one that does not exist
        ResponseError refusal = refusedWithoutWrites(record(as("desa"), round, elsewhere, "STILL_POOR", 3),
                "NOT_FOUND", "input.kk");
        assertThat(refusal.getMessage()).isEqualTo("No household holds this KK.");
        refusedWithoutWrites(record(as("desa-b"), round, own, "LEFT_POVERTY", 3), "NOT_FOUND", "input.kk");
        assertThat(resultRows(round, own).getFirst().getResult()).isEqualTo(VerificationOutcome.STILL_POOR);
        assertThat(resultRows(round, elsewhere)).isEmpty();
        // the village operator does not see the other village's results either
        record(graphQl, round, elsewhere, "NEW", 3).execute();
        as("desa").documentName("householdVerification").variable("kk", elsewhere).execute()
                .path("household").valueIsNull();
        for (String role : List.of("dinsos", "dinkes", "perkim", "disdik", "bappeda")) {
            // a document that selects nothing the role cannot read, so only the write policy refuses it
            forbiddenWithoutWrites(as(role).document("""
                    mutation($input: RecordVerificationResultInput!) { recordVerificationResult(input: $input) { __typename } }""")
                    .variable("input", input("round", round, "kk", own, "result", "NEW", "persons", 3)));
        }
    }

    @Test
    void bappedaReadsRoundsButNoHouseholdsOrResults() {
        String round = openRound(2030, null);
        String kk = registered(TestIdentities.VILLAGE);
        record(graphQl, round, kk, "STILL_POOR", 3).execute();

        as("bappeda").documentName("verificationRounds").variable("name", round).execute()
                .path("verificationRound.name").entity(String.class).isEqualTo(round);
        as("bappeda").documentName("householdVerification").variable("kk", kk).execute()
                .errors().satisfy(errors -> assertThat(errors).isNotEmpty()
                        .allSatisfy(error -> assertThat(error.getErrorType().toString()).isEqualTo("ValidationError")))
                .path("household").pathDoesNotExist();
        for (String role : List.of("dinkes", "perkim", "disdik")) {
            as(role).documentName("householdVerification").variable("kk", kk).execute()
                    .errors().satisfy(errors -> assertThat(errors).isNotEmpty()
                            .allSatisfy(error -> assertThat(error.getMessage()).contains("verification")));
        }
    }

    @Test
    void resultsOfAPageOfHouseholdsCostTheSameStatementsWhateverThePageSize() {
        String name = token();
        // no round is earlier than 2000, so this one has no previous round
        String older = openRound(2000, null);
        String newer = openRound(2031, older);
        for (int i = 0; i < 8; i++) {
            Family family = Family.of(TestIdentities.VILLAGE, name);
            register(family);
            record(graphQl, older, family.kk(), "STILL_POOR", 3).execute();
            graphQl.documentName("recordVerificationResult").variable("input", input("round", newer, "kk", family.kk(),
                    "result", "STILL_POOR", "persons", 3, "cluster", "MELATI")).execute();
        }

        List<Integer> counts = new ArrayList<>();
        for (int pageSize : List.of(1, 4, 8)) {
            statements.reset();
            graphQl.document("""
                            query($filter: HouseholdFilter, $first: Int) {
                              households(filter: $filter, first: $first) { edges { node { kk
                                verification { result round { name previous { name } } household { kk } cluster { code } }
                              } } }
                            }""")
                    .variable("filter", Map.of("region", TestIdentities.VILLAGE, "name", name))
                    .variable("first", pageSize)
                    .execute()
                    .path("households.edges[*].node.verification[*].round.name").entityList(String.class)
                    .hasSize(2 * pageSize)
                    .path("households.edges[*].node.verification[*].round.previous.name").entityList(String.class)
                    .hasSize(pageSize)
                    .path("households.edges[*].node.verification[*].cluster.code").entityList(String.class)
                    .hasSize(pageSize);
            counts.add(statements.count());
        }
        assertThat(counts).as("statements for pages of 1, 4 and 8 households").containsOnly(counts.getFirst());
    }

    // --- closing

    @Test
    void aClosedRoundIsReadOnly() {
        String round = openRound(2030, null);
        String kk = registered(TestIdentities.VILLAGE);
        record(graphQl, round, kk, "STILL_POOR", 3).execute();

        close(round).execute()
                .path("closeVerificationRound.status").entity(String.class).isEqualTo("CLOSED")
                .path("closeVerificationRound.closedAt").hasValue();
        assertThat(roundRow(round).getStatus()).isEqualTo(VerificationRoundStatus.CLOSED);
        assertThat(roundRow(round).getClosedAt()).isNotNull();

        ResponseError refusal = refusedWithoutWrites(record(graphQl, round, kk, "LEFT_POVERTY", 3), "CONFLICT", "input.round");
        assertThat(refusal.getMessage()).contains("closed");
        refusedWithoutWrites(record(as("desa"), round, registered(TestIdentities.VILLAGE), "NEW", 2), "CONFLICT", "input.round");
        refusedWithoutWrites(close(round), "CONFLICT", "input.round");
        refusedWithoutWrites(close("No round " + token()), "NOT_FOUND", "input.round");
        assertThat(resultRows(round, kk)).singleElement().satisfies(result ->
                assertThat(result.getResult()).isEqualTo(VerificationOutcome.STILL_POOR));
    }

    // --- at the same time

    @Test
    void parallelResultsForTheSameHouseholdLeaveExactlyOne() throws Exception {
        String round = openRound(2030, null);
        String kk = registered(TestIdentities.VILLAGE);
        List<String> outcomes = List.of("STILL_POOR", "LEFT_POVERTY", "MOVED", "NEW", "STILL_POOR", "DECEASED");
        List<GraphQlTester.Request<?>> requests = new ArrayList<>();
        for (int i = 0; i < outcomes.size(); i++) {
            requests.add(record(i % 2 == 0 ? graphQl : as("desa"), round, kk, outcomes.get(i), i + 1));
        }

        List<GraphQlResponse> responses = Race.of(requests);

        assertThat(responses).allSatisfy(response -> assertThat(response.getErrors()).isEmpty());
        List<VerificationResultRecord> stored = resultRows(round, kk);
        assertThat(stored).hasSize(1);
        int persons = stored.getFirst().getPersons();
        assertThat(stored.getFirst().getResult()).as("the last write's result with its own persons")
                .isEqualTo(VerificationOutcome.valueOf(outcomes.get(persons - 1)));
    }

    @Test
    void closingWhileRecordingLeavesOnlyResultsRecordedBeforeTheRoundClosed() throws Exception {
        String round = openRound(2030, null);
        List<String> kks = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            kks.add(registered(TestIdentities.VILLAGE));
        }
        List<GraphQlTester.Request<?>> requests = new ArrayList<>();
        kks.forEach(kk -> requests.add(record(graphQl, round, kk, "STILL_POOR", 3)));
        requests.add(3, close(round));

        List<GraphQlResponse> responses = Race.of(requests);

        assertThat(responses.get(3).getErrors()).isEmpty();
        assertThat(roundRow(round).getStatus()).isEqualTo(VerificationRoundStatus.CLOSED);
        List<GraphQlResponse> recordings = new ArrayList<>(responses);
        recordings.remove(3);
        int recorded = 0;
        for (int i = 0; i < kks.size(); i++) {
            GraphQlResponse response = recordings.get(i);
            if (response.getErrors().isEmpty()) {
                assertThat(resultRows(round, kks.get(i))).as("a result that was answered is stored").hasSize(1);
                assertThat(resultRows(round, kks.get(i)).getFirst().getRecordedAt())
                        .as("recorded before the round closed").isBeforeOrEqualTo(roundRow(round).getClosedAt());
                recorded++;
            } else {
                ResponseError error = response.getErrors().getFirst();
                assertThat(error.getExtensions()).containsEntry("classification", "CONFLICT").containsEntry("field", "input.round");
                assertThat(resultRows(round, kks.get(i))).as("a refused result is not stored").isEmpty();
            }
        }
        assertThat(dsl.fetchCount(VERIFICATION_RESULT, VERIFICATION_RESULT.ROUND_ID.eq(roundRow(round).getId())))
                .isEqualTo(recorded);
    }
}
