package id.terpadu;

import id.terpadu.db.codes.ParticipantOutcome;
import id.terpadu.db.tables.records.BenefitRecord;
import org.junit.jupiter.api.Test;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

import java.time.LocalDate;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static id.terpadu.db.Tables.AUDIT_ENTRY;
import static id.terpadu.db.Tables.BENEFIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Empowerment with real tokens: the agency running a programme records each participant's outcome
 * (the social office its grants and training, UPT-PK its job placements), bad input is refused on
 * its field and writes nothing, and a household's path out of poverty shows its rounds, the
 * programmes it received with their outcomes, and the round that found it no longer poor.
 */
class EmpowermentTest extends ApiTest {

    private static final LocalDate MARCH = LocalDate.of(2025, 3, 1);
    private static final LocalDate YEAR_END = LocalDate.of(2025, 12, 31);

    private Family registered() {
        Family family = Family.of(TestIdentities.VILLAGE, token());
        register(family);
        EligibleHouseholds.qualify(dsl, family.kk(), null);
        return family;
    }

    /** Enrols as UPT-PK (which may enrol ACTIVE) a household by KK or a person by NIK; answers the benefit's ID. */
    private String enrolled(String programme, String kk, String nik, String status) {
        return graphQl.documentName("enrolBenefit").variable("input", input("programme", programme, "kk", kk, "nik", nik,
                        "startsOn", MARCH, "endsOn", YEAR_END, "status", status, "reason", "Empowerment test")).execute()
                .path("enrolBenefit.status").entity(String.class).isEqualTo(status)
                .path("enrolBenefit.id").entity(String.class).get();
    }

    private GraphQlTester.Request<?> outcome(HttpGraphQlTester as, String benefitId, long expectedVersion, String result,
                                             LocalDate date, String note) {
        return as.documentName("recordProgrammeOutcome").variable("input", input("benefitId", benefitId,
                "expectedVersion", expectedVersion, "result", result, "date", date, "note", note));
    }

    private BenefitRecord benefitRow(String globalId) {
        long id = Long.parseLong(new String(Base64.getUrlDecoder().decode(globalId)).split(":")[1]);
        return dsl.selectFrom(BENEFIT).where(BENEFIT.ID.eq(id)).fetchSingle();
    }

    // --- outcomes

    @Test
    void theSocialOfficeRecordsAGrantsOutcomeAndRecordingAgainReplacesIt() {
        Family family = registered();
        String uep = enrolled("UEP", family.kk(), null, "ACTIVE");

        outcome(as("dinsos"), uep, 1, "COMPLETED_BUSINESS_RUNNING", LocalDate.of(2025, 11, 20), "  Warung open daily  ").execute()
                .path("recordProgrammeOutcome.programme.code").entity(String.class).isEqualTo("UEP")
                .path("recordProgrammeOutcome.programme.kind").entity(String.class).isEqualTo("EMPOWERMENT")
                .path("recordProgrammeOutcome.status").entity(String.class).isEqualTo("ACTIVE")
                .path("recordProgrammeOutcome.outcome.result").entity(String.class).isEqualTo("COMPLETED_BUSINESS_RUNNING")
                .path("recordProgrammeOutcome.outcome.date").entity(String.class).isEqualTo("2025-11-20")
                .path("recordProgrammeOutcome.outcome.note").entity(String.class).isEqualTo("Warung open daily")
                .path("recordProgrammeOutcome.version").entity(Long.class).isEqualTo(2L);
        BenefitRecord stored = benefitRow(uep);
        assertThat(stored.getOutcome()).isEqualTo(ParticipantOutcome.COMPLETED_BUSINESS_RUNNING);
        assertThat(stored.getOutcomeOn()).isEqualTo(LocalDate.of(2025, 11, 20));
        assertThat(stored.getOutcomeNote()).isEqualTo("Warung open daily");

        // recorded again, the outcome replaces the earlier one, its note included
        outcome(as("dinsos"), uep, 2, "BUSINESS_CLOSED", LocalDate.of(2025, 12, 30), null).execute()
                .path("recordProgrammeOutcome.outcome.result").entity(String.class).isEqualTo("BUSINESS_CLOSED")
                .path("recordProgrammeOutcome.outcome.note").valueIsNull()
                .path("recordProgrammeOutcome.version").entity(Long.class).isEqualTo(3L);
        assertThat(benefitRow(uep).getOutcomeNote()).isNull();
        // each recording is in the audit trail, and the household's history shows the outcome to the social office
        assertThat(dsl.select(AUDIT_ENTRY.OPERATION, AUDIT_ENTRY.USERNAME).from(AUDIT_ENTRY)
                .where(AUDIT_ENTRY.ENTITY_TABLE.eq("benefit"), AUDIT_ENTRY.ENTITY_ID.eq(stored.getId().toString()),
                        AUDIT_ENTRY.ACTION.eq("UPDATE"))
                .orderBy(AUDIT_ENTRY.ID).fetch().map(entry -> entry.value1() + " " + entry.value2()))
                .containsExactly("recordProgrammeOutcome dinsos", "recordProgrammeOutcome dinsos");
        as("dinsos").documentName("householdHistory").variable("kk", family.kk()).variable("first", 100).execute()
                .path("household.history.edges[*].node.operation").entityList(String.class).contains("recordProgrammeOutcome")
                .path("household.history.edges[*].node.changes[*].field").entityList(String.class).contains("outcome");

        // the household's benefits show it to the roles that read them; an aid benefit has none
        String pkh = enrolled("PKH", family.kk(), null, "ACTIVE");
        List<Map> benefits = as("desa").document("query($kk: String!) { household(kk: $kk) { benefits { id outcome { result date } } } }")
                .variable("kk", family.kk()).execute()
                .path("household.benefits").entityList(Map.class).hasSize(2).get();
        for (Map<?, ?> benefit : benefits) {
            if (benefit.get("id").equals(uep)) {
                assertThat((Map<String, Object>) benefit.get("outcome")).containsEntry("result", "BUSINESS_CLOSED")
                        .containsEntry("date", "2025-12-30");
            } else {
                assertThat(benefit.get("id")).isEqualTo(pkh);
                assertThat(benefit.get("outcome")).isNull();
            }
        }
    }

    @Test
    void onlyTheAgencyRunningTheProgrammeRecordsItsOutcomes() {
        Family family = registered();
        String placement = enrolled("PENEMPATAN_KERJA", null, family.head().nik(), "APPROVED");
        String training = enrolled("PELATIHAN", null, family.head().nik(), "ACTIVE");

        // job placement is UPT-PK's: the social office reads it but may not record its outcome
        assertThat(refusedWithoutWrites(outcome(as("dinsos"), placement, 1, "COMPLETED_WORKING", LocalDate.of(2025, 9, 1), null),
                "FORBIDDEN", "input.benefitId").getMessage()).contains("PENEMPATAN_KERJA");
        // the roles that run no empowerment programme may not run the mutation at all
        for (String role : List.of("dinkes", "perkim", "disdik", "desa", "bappeda", "admin")) {
            GraphQlTester.Response refused = outcome(as(role), training, 1, "COMPLETED_WORKING", LocalDate.of(2025, 9, 1), null)
                    .execute();
            refused.errors().satisfy(errors -> assertThat(errors).singleElement().satisfies(error ->
                    assertThat(error.getExtensions()).containsEntry("classification", "FORBIDDEN")));
        }
        assertThat(benefitRow(training).getOutcome()).isNull();

        outcome(graphQl, placement, 1, "COMPLETED_WORKING", LocalDate.of(2025, 9, 1), "Garment factory, Bangli").execute()
                .path("recordProgrammeOutcome.outcome.result").entity(String.class).isEqualTo("COMPLETED_WORKING");
        outcome(as("dinsos"), training, 1, "DROPPED_OUT", LocalDate.of(2025, 4, 1), null).execute()
                .path("recordProgrammeOutcome.outcome.result").entity(String.class).isEqualTo("DROPPED_OUT");
        assertThat(benefitRow(placement).getOutcome()).isEqualTo(ParticipantOutcome.COMPLETED_WORKING);
        assertThat(benefitRow(training).getOutcome()).isEqualTo(ParticipantOutcome.DROPPED_OUT);
    }

    @Test
    void badInputIsRefusedOnItsFieldAndWritesNothing() {
        Family family = registered();
        String uep = enrolled("UEP", family.kk(), null, "ACTIVE");
        String pkh = enrolled("PKH", family.kk(), null, "ACTIVE");
        String proposed = enrolled("PELATIHAN", null, family.head().nik(), "PROPOSED");
        LocalDate october = LocalDate.of(2025, 10, 1);

        assertThat(refusedWithoutWrites(outcome(as("dinsos"), pkh, 1, "COMPLETED_WORKING", october, null),
                "BAD_REQUEST", "input.benefitId").getMessage()).contains("PKH", "not an empowerment programme");
        assertThat(refusedWithoutWrites(outcome(as("dinsos"), proposed, 1, "COMPLETED_WORKING", october, null),
                "CONFLICT", "input.benefitId").getMessage()).contains("proposed");
        assertThat(refusedWithoutWrites(outcome(as("dinsos"), uep, 1, "COMPLETED_WORKING", LocalDate.of(2025, 2, 28), null),
                "BAD_REQUEST", "input.date").getMessage()).contains("2025-03-01");
        assertThat(refusedWithoutWrites(outcome(as("dinsos"), uep, 1, "COMPLETED_WORKING", LocalDate.now().plusYears(3), null),
                "BAD_REQUEST", "input.date").getMessage()).contains("future");
        refusedWithoutWrites(outcome(as("dinsos"), uep, 1, "COMPLETED_WORKING", october, "x".repeat(501)),
                "BAD_REQUEST", "input.note");
        refusedWithoutWrites(outcome(as("dinsos"), uep, 7, "COMPLETED_WORKING", october, null),
                "CONFLICT", "input.expectedVersion");
        refusedWithoutWrites(outcome(as("dinsos"), Base64.getUrlEncoder().withoutPadding()
                .encodeToString("Benefit:999999999999".getBytes()), 1, "COMPLETED_WORKING", october, null),
                "NOT_FOUND", "input.benefitId");
        refusedWithoutWrites(outcome(as("dinsos"), "not an id", 1, "COMPLETED_WORKING", october, null),
                "NOT_FOUND", "input.benefitId");
        assertThat(benefitRow(uep).getVersion()).isEqualTo(1L);

        // the database keeps the rule for any writer: an aid benefit holds no outcome
        long pkhRow = benefitRow(pkh).getId();
        assertThatThrownBy(() -> dsl.update(BENEFIT).set(BENEFIT.OUTCOME, ParticipantOutcome.COMPLETED_WORKING)
                .set(BENEFIT.OUTCOME_ON, october).where(BENEFIT.ID.eq(pkhRow)).execute())
                .hasMessageContaining("benefit_outcome_only_empowerment");
    }

    // --- the path out of poverty

    private String round(int year, String previous) {
        String name = "Path " + token();
        Map<String, Object> input = input("name", name, "year", year);
        if (previous != null) {
            input.put("previous", previous);
        }
        graphQl.documentName("openVerificationRound").variable("input", input).execute()
                .path("openVerificationRound.name").entity(String.class).isEqualTo(name);
        return name;
    }

    private void result(String round, Family family, String result) {
        graphQl.documentName("recordVerificationResult").variable("input", input("round", round, "kk", family.kk(),
                "result", result, "persons", 3)).execute()
                .path("recordVerificationResult.result").entity(String.class).isEqualTo(result);
    }

    @Test
    void aHouseholdsPathShowsItsRoundsTheProgrammesItReceivedWithOutcomesAndTheRoundItLeftPoverty() {
        String first = round(2023, null);
        String second = round(2024, first);
        String third = round(2025, second);
        Family family = registered();
        result(first, family, "NEW");
        result(second, family, "STILL_POOR");
        result(third, family, "LEFT_POVERTY");
        String uep = enrolled("UEP", family.kk(), null, "ACTIVE");
        String training = graphQl.documentName("enrolBenefit").variable("input", input("programme", "PELATIHAN",
                        "nik", family.head().nik(), "startsOn", LocalDate.of(2024, 2, 1), "endsOn", LocalDate.of(2024, 3, 31),
                        "status", "ACTIVE", "reason", "Welding course")).execute()
                .path("enrolBenefit.id").entity(String.class).get();
        outcome(as("dinsos"), training, 1, "COMPLETED_WORKING", LocalDate.of(2024, 6, 1), "Workshop in Bangli").execute()
                .path("recordProgrammeOutcome.version").entity(Long.class).isEqualTo(2L);
        // a proposal never approved was not received
        enrolled("PKH", family.kk(), null, "PROPOSED");

        for (String role : List.of("uptpk", "dinsos", "desa")) {
            GraphQlTester.Response path = as(role).documentName("pathOutOfPoverty").variable("kk", family.kk()).execute();
            path.path("household.pathOutOfPoverty.rounds[*].round.name").entityList(String.class).containsExactly(first, second, third)
                    .path("household.pathOutOfPoverty.rounds[*].result").entityList(String.class)
                    .containsExactly("NEW", "STILL_POOR", "LEFT_POVERTY")
                    .path("household.pathOutOfPoverty.programmes[*].id").entityList(String.class).containsExactly(training, uep)
                    .path("household.pathOutOfPoverty.programmes[0].member").hasValue()
                    .path("household.pathOutOfPoverty.programmes[0].outcome.result").entity(String.class).isEqualTo("COMPLETED_WORKING")
                    .path("household.pathOutOfPoverty.programmes[0].outcome.note").entity(String.class).isEqualTo("Workshop in Bangli")
                    .path("household.pathOutOfPoverty.programmes[1].programme.kind").entity(String.class).isEqualTo("EMPOWERMENT")
                    .path("household.pathOutOfPoverty.programmes[1].household.kk").hasValue()
                    .path("household.pathOutOfPoverty.programmes[1].outcome").valueIsNull()
                    .path("household.pathOutOfPoverty.leftPoverty.round.name").entity(String.class).isEqualTo(third);
        }

        // found poor again after leaving: it has not left poverty
        String fourth = round(2026, third);
        result(fourth, family, "STILL_POOR");
        graphQl.documentName("pathOutOfPoverty").variable("kk", family.kk()).execute()
                .path("household.pathOutOfPoverty.rounds[*].round.name").entityList(String.class).hasSize(4)
                .path("household.pathOutOfPoverty.leftPoverty").valueIsNull();
    }

    @Test
    void thePathIsOnlyForTheRolesThatReadBothTheRoundsAndTheBenefits() {
        Family family = registered();
        for (String role : List.of("dinkes", "perkim", "disdik")) {
            as(role).documentName("pathOutOfPoverty").variable("kk", family.kk()).execute()
                    .errors().satisfy(errors -> assertThat(errors).isNotEmpty().allSatisfy(error ->
                            assertThat(error.getErrorType().toString()).isEqualTo("ValidationError")))
                    .path("household").pathDoesNotExist();
        }
        // a village operator sees the path of its own village's households only
        Family elsewhere = Family.of("51.06.04.2005", token());
        register(elsewhere);
        as("desa").documentName("pathOutOfPoverty").variable("kk", elsewhere.kk()).execute()
                .path("household").valueIsNull();
        // a household never verified nor enrolled has an empty path
        as("desa").documentName("pathOutOfPoverty").variable("kk", family.kk()).execute()
                .path("household.pathOutOfPoverty.rounds").entityList(Object.class).hasSize(0)
                .path("household.pathOutOfPoverty.programmes").entityList(Object.class).hasSize(0)
                .path("household.pathOutOfPoverty.leftPoverty").valueIsNull();
    }
}
