package id.terpadu;

import id.terpadu.db.codes.BenefitStatus;
import id.terpadu.db.tables.records.BenefitRecord;
import org.junit.jupiter.api.Test;
import org.springframework.graphql.ResponseError;
import org.springframework.graphql.test.tester.GraphQlTester;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static id.terpadu.db.Tables.BENEFIT;
import static org.assertj.core.api.Assertions.assertThat;

/** Enrolments in programmes: a household or a person, a period, no double aid, and stopping. */
class BenefitTest extends ApiTest {

    private static final LocalDate JANUARY = LocalDate.of(2025, 1, 1);
    private static final LocalDate JUNE_END = LocalDate.of(2025, 6, 30);

    private GraphQlTester.Request<?> enrol(Map<String, Object> input) {
        return graphQl.documentName("enrolBenefit").variable("input", input);
    }

    private GraphQlTester.Request<?> enrolHousehold(String programme, String kk, LocalDate startsOn, LocalDate endsOn) {
        return enrol(input("programme", programme, "kk", kk, "startsOn", startsOn, "endsOn", endsOn,
                "status", "ACTIVE", "amount", 750_000, "reason", "DTSEN decile 1"));
    }

    private GraphQlTester.Request<?> enrolMember(String programme, String nik, LocalDate startsOn, LocalDate endsOn) {
        return enrol(input("programme", programme, "nik", nik, "startsOn", startsOn, "endsOn", endsOn,
                "status", "APPROVED", "funding", programme.equals("KIS_PBI") ? "APBN" : null, "reason", "Poor and uninsured"));
    }

    private String enrolled(GraphQlTester.Request<?> request) {
        return request.execute().path("enrolBenefit.id").entity(String.class).get();
    }

    private GraphQlTester.Request<?> stop(String id, long expectedVersion, LocalDate stoppedOn, String reason) {
        return graphQl.documentName("stopBenefit").variable("input",
                input("id", id, "expectedVersion", expectedVersion, "stoppedOn", stoppedOn, "reason", reason));
    }

    private BenefitRecord benefitRow(String globalId) {
        long id = Long.parseLong(new String(java.util.Base64.getUrlDecoder().decode(globalId)).split(":")[1]);
        return dsl.selectFrom(BENEFIT).where(BENEFIT.ID.eq(id)).fetchSingle();
    }

    private Family registered() {
        Family family = Family.of(TestIdentities.VILLAGE, token());
        register(family);
        EligibleHouseholds.qualify(dsl, family.kk(), null);
        return family;
    }

    @Test
    void householdIsEnrolledInAHouseholdProgrammeByKk() {
        Family family = registered();

        String id = enrol(input("programme", "PKH", "kk", family.kk(), "startsOn", JANUARY, "endsOn", JUNE_END,
                "status", "ACTIVE", "amount", 750_000.5, "reason", "DTSEN decile 1, pregnant mother")).execute()
                .path("enrolBenefit.programme.code").entity(String.class).isEqualTo("PKH")
                .path("enrolBenefit.programme.target").entity(String.class).isEqualTo("HOUSEHOLD")
                .path("enrolBenefit.programme.agency.code").entity(String.class).isEqualTo("DINSOS")
                .path("enrolBenefit.household.kk").entity(String.class).isEqualTo(family.kk())
                .path("enrolBenefit.member").valueIsNull()
                .path("enrolBenefit.startsOn").entity(String.class).isEqualTo("2025-01-01")
                .path("enrolBenefit.endsOn").entity(String.class).isEqualTo("2025-06-30")
                .path("enrolBenefit.status").entity(String.class).isEqualTo("ACTIVE")
                .path("enrolBenefit.amount").entity(Double.class).isEqualTo(750_000.5)
                .path("enrolBenefit.reason").entity(String.class).isEqualTo("DTSEN decile 1, pregnant mother")
                .path("enrolBenefit.stopReason").valueIsNull()
                .path("enrolBenefit.version").entity(Long.class).isEqualTo(1L)
                .path("enrolBenefit.id").entity(String.class).get();

        BenefitRecord stored = benefitRow(id);
        assertThat(stored.getProgrammeCode()).isEqualTo("PKH");
        assertThat(stored.getHouseholdId()).isEqualTo(householdRow(family.kk()).getId());
        assertThat(stored.getMemberId()).isNull();
        assertThat(stored.getStartsOn()).isEqualTo(JANUARY);
        assertThat(stored.getEndsOn()).isEqualTo(JUNE_END);
        assertThat(stored.getStatus()).isEqualTo(BenefitStatus.ACTIVE);
        assertThat(stored.getAmount()).isEqualByComparingTo(new BigDecimal("750000.50"));
        assertThat(stored.getReason()).isEqualTo("DTSEN decile 1, pregnant mother");
        assertThat(stored.getVersion()).isEqualTo(1L);
        graphQl.documentName("household").variable("kk", family.kk()).execute()
                .path("household.benefits[*].id").entityList(String.class).containsExactly(id);
    }

    @Test
    void personIsEnrolledInAPersonProgrammeByNikAndTheStatusIsProposedByDefault() {
        Family family = registered();
        Person wife = family.members().get(1);

        String id = enrol(input("programme", "KIS_PBI", "nik", wife.nik(), "startsOn", JANUARY, "funding", "APBD",
                "reason", "Poor and uninsured")).execute()
                .path("enrolBenefit.member.nik").entity(String.class).isEqualTo(wife.nik())
                .path("enrolBenefit.household").valueIsNull()
                .path("enrolBenefit.status").entity(String.class).isEqualTo("PROPOSED")
                .path("enrolBenefit.endsOn").valueIsNull()
                .path("enrolBenefit.amount").valueIsNull()
                .path("enrolBenefit.id").entity(String.class).get();

        BenefitRecord stored = benefitRow(id);
        assertThat(stored.getMemberId()).isEqualTo(memberRow(wife.nik()).getId());
        assertThat(stored.getHouseholdId()).isNull();
        assertThat(stored.getStatus()).isEqualTo(BenefitStatus.PROPOSED);
        assertThat(stored.getEndsOn()).isNull();
        graphQl.documentName("member").variable("nik", wife.nik()).execute()
                .path("member.benefits[*].id").entityList(String.class).containsExactly(id)
                .path("member.benefits[0].programme.code").entity(String.class).isEqualTo("KIS_PBI");
        graphQl.documentName("household").variable("kk", family.kk()).execute()
                .path("household.benefits").entityList(Object.class).hasSize(0);
    }

    @Test
    void benefitsAreListedNewestFirst() {
        Family family = registered();
        String first = enrolled(enrolHousehold("BPNT", family.kk(), LocalDate.of(2024, 1, 1), LocalDate.of(2024, 12, 31)));
        String third = enrolled(enrolHousehold("BPNT", family.kk(), LocalDate.of(2026, 1, 1), null));
        String second = enrolled(enrolHousehold("BPNT", family.kk(), LocalDate.of(2025, 1, 1), LocalDate.of(2025, 12, 31)));

        graphQl.documentName("household").variable("kk", family.kk()).execute()
                .path("household.benefits[*].id").entityList(String.class).containsExactly(third, second, first);
    }

    @Test
    void overlappingEnrolmentInTheSameProgrammeIsConflictNamingTheExistingBenefit() {
        Family family = registered();
        String existing = enrolled(enrolHousehold("PKH", family.kk(), JANUARY, JUNE_END));

        // inside, around, across either end, on the last day (inclusive), and open-ended
        for (LocalDate[] period : List.of(
                new LocalDate[] {LocalDate.of(2025, 3, 1), LocalDate.of(2025, 3, 31)},
                new LocalDate[] {LocalDate.of(2024, 1, 1), LocalDate.of(2026, 1, 1)},
                new LocalDate[] {LocalDate.of(2024, 12, 1), JANUARY},
                new LocalDate[] {JUNE_END, LocalDate.of(2025, 12, 31)},
                new LocalDate[] {LocalDate.of(2025, 5, 1), null})) {
            ResponseError error = refusedWithoutWrites(enrolHousehold("PKH", family.kk(), period[0], period[1]),
                    "CONFLICT", "input.startsOn");
            assertThat(error.getExtensions()).containsEntry("existingId", existing);
            assertThat(error.getMessage()).contains("PKH", "2025-01-01", "2025-06-30");
        }
        assertThat(dsl.fetchCount(BENEFIT, BENEFIT.HOUSEHOLD_ID.eq(householdRow(family.kk()).getId()))).isEqualTo(1);
    }

    @Test
    void overlappingAnOpenEndedEnrolmentIsConflict() {
        Family family = registered();
        String existing = enrolled(enrolHousehold("RTLH", family.kk(), JANUARY, null));
        ResponseError error = refusedWithoutWrites(enrolHousehold("RTLH", family.kk(), LocalDate.of(2030, 1, 1),
                LocalDate.of(2030, 2, 1)), "CONFLICT", "input.startsOn");
        assertThat(error.getExtensions()).containsEntry("existingId", existing);
        assertThat(error.getMessage()).contains("without an end");
    }

    @Test
    void overlappingEnrolmentOfAPersonIsConflict() {
        Family family = registered();
        Person child = family.members().get(2);
        String existing = enrolled(enrolMember("PIP", child.nik(), JANUARY, JUNE_END));
        ResponseError error = refusedWithoutWrites(enrolMember("PIP", child.nik(), LocalDate.of(2025, 6, 1), null),
                "CONFLICT", "input.startsOn");
        assertThat(error.getExtensions()).containsEntry("existingId", existing);
    }

    @Test
    void nextPeriodOtherProgrammesAndOtherBeneficiariesAreNoDoubleAid() {
        Family family = registered();
        Family neighbour = registered();
        enrolled(enrolHousehold("PKH", family.kk(), JANUARY, JUNE_END));

        enrolled(enrolHousehold("PKH", family.kk(), JUNE_END.plusDays(1), LocalDate.of(2025, 12, 31)));
        enrolled(enrolHousehold("BPNT", family.kk(), JANUARY, JUNE_END));
        enrolled(enrolHousehold("PKH", neighbour.kk(), JANUARY, JUNE_END));
        enrolled(enrolMember("KIS_PBI", family.head().nik(), JANUARY, null));
        enrolled(enrolMember("KIS_PBI", family.members().get(1).nik(), JANUARY, null));

        assertThat(dsl.fetchCount(BENEFIT, BENEFIT.HOUSEHOLD_ID.eq(householdRow(family.kk()).getId()))).isEqualTo(3);
        assertThat(dsl.fetchCount(BENEFIT, BENEFIT.HOUSEHOLD_ID.eq(householdRow(neighbour.kk()).getId()))).isEqualTo(1);
    }

    @Test
    void householdProgrammeEnrolledByNikIsBadRequest() {
        Family family = registered();
        ResponseError byNik = refusedWithoutWrites(enrol(input("programme", "PKH", "nik", family.head().nik(),
                "startsOn", JANUARY, "reason", "Poor")), "BAD_REQUEST", "input.kk");
        assertThat(byNik.getMessage()).contains("KK");
        refusedWithoutWrites(enrol(input("programme", "BLT_DD", "kk", family.kk(), "nik", family.head().nik(),
                "startsOn", JANUARY, "reason", "Poor")), "BAD_REQUEST", "input.nik");
    }

    @Test
    void personProgrammeEnrolledByKkIsBadRequest() {
        Family family = registered();
        ResponseError byKk = refusedWithoutWrites(enrol(input("programme", "KIS_PBI", "kk", family.kk(),
                "startsOn", JANUARY, "reason", "Poor")), "BAD_REQUEST", "input.nik");
        assertThat(byKk.getMessage()).contains("NIK");
        refusedWithoutWrites(enrol(input("programme", "PIP", "kk", family.kk(), "nik", family.members().get(2).nik(),
                "startsOn", JANUARY, "reason", "Pupil")), "BAD_REQUEST", "input.kk");
    }

    @Test
    void unknownProgrammeHouseholdOrPersonIsNotFound() {
        Family family = registered();
        ResponseError programme = refusedWithoutWrites(enrol(input("programme", "RASKIN", "kk", family.kk(),
                "startsOn", JANUARY, "reason", "Poor")), "NOT_FOUND", "input.programme");
        assertThat(programme.getMessage()).contains("RASKIN");
        refusedWithoutWrites(enrolHousehold("PKH", TestIdentities.kk(), JANUARY, null), "NOT_FOUND", "input.kk");
        refusedWithoutWrites(enrolMember("KIS_PBI", Person.man("Nobody", "HEAD").nik(), JANUARY, null),
                "NOT_FOUND", "input.nik");
    }

    @Test
    void periodThatEndsBeforeItStartsIsBadRequest() {
        Family family = registered();
        ResponseError error = refusedWithoutWrites(enrolHousehold("PKH", family.kk(), JUNE_END, JANUARY),
                "BAD_REQUEST", "input.endsOn");
        assertThat(error.getMessage()).contains("ends before it starts");
        refusedWithoutWrites(enrolMember("KIS_PBI", family.head().nik(), JUNE_END, JUNE_END.minusDays(1)),
                "BAD_REQUEST", "input.endsOn");
    }

    @Test
    void oneDayPeriodIsAccepted() {
        Family family = registered();
        String id = enrolled(enrolHousehold("BLT_DD", family.kk(), JANUARY, JANUARY));
        assertThat(benefitRow(id).getEndsOn()).isEqualTo(JANUARY);
    }

    @Test
    void badStatusAmountOrReasonIsBadRequest() {
        Family family = registered();
        refusedWithoutWrites(enrol(input("programme", "PKH", "kk", family.kk(), "startsOn", JANUARY,
                "status", "STOPPED", "reason", "Poor")), "BAD_REQUEST", "input.status");
        for (double amount : List.of(-1.0, -0.01, 1e12, 999_999_999_999.999, 1e15)) {
            refusedWithoutWrites(enrol(input("programme", "PKH", "kk", family.kk(), "startsOn", JANUARY,
                    "amount", amount, "reason", "Poor")), "BAD_REQUEST", "input.amount");
        }
        refusedWithoutWrites(enrol(input("programme", "PKH", "kk", family.kk(), "startsOn", JANUARY,
                "reason", "")), "BAD_REQUEST", "input.reason");
    }

    @Test
    void largestAmountTheLedgerHoldsIsAccepted() {
        Family family = registered();
        String id = enrolled(enrol(input("programme", "RTLH", "kk", family.kk(), "startsOn", JANUARY,
                "amount", 999_999_999_999.99, "reason", "Whole village renovation")));
        assertThat(benefitRow(id).getAmount()).isEqualByComparingTo(new BigDecimal("999999999999.99"));
    }

    @Test
    void stoppingABenefitEndsItAndKeepsTheReason() {
        Family family = registered();
        String id = enrolled(enrolHousehold("PKH", family.kk(), JANUARY, null));
        LocalDate stoppedOn = LocalDate.of(2025, 4, 30);

        stop(id, 1, stoppedOn, "Family left poverty (verivali 2025)").execute()
                .path("stopBenefit.id").entity(String.class).isEqualTo(id)
                .path("stopBenefit.status").entity(String.class).isEqualTo("STOPPED")
                .path("stopBenefit.startsOn").entity(String.class).isEqualTo("2025-01-01")
                .path("stopBenefit.endsOn").entity(String.class).isEqualTo("2025-04-30")
                .path("stopBenefit.stopReason").entity(String.class).isEqualTo("Family left poverty (verivali 2025)")
                .path("stopBenefit.version").entity(Long.class).isEqualTo(2L);

        BenefitRecord stored = benefitRow(id);
        assertThat(stored.getStatus()).isEqualTo(BenefitStatus.STOPPED);
        assertThat(stored.getEndsOn()).isEqualTo(stoppedOn);
        assertThat(stored.getStopReason()).isEqualTo("Family left poverty (verivali 2025)");
        assertThat(stored.getReason()).isEqualTo("DTSEN decile 1");
        assertThat(stored.getVersion()).isEqualTo(2L);

        // the stopped period still counts: a new enrolment may start only after it
        ResponseError overlap = refusedWithoutWrites(enrolHousehold("PKH", family.kk(), LocalDate.of(2025, 4, 1), null),
                "CONFLICT", "input.startsOn");
        assertThat(overlap.getExtensions()).containsEntry("existingId", id);
        enrolled(enrolHousehold("PKH", family.kk(), stoppedOn.plusDays(1), null));
    }

    @Test
    void stoppingWithAStaleVersionOrTwiceIsConflictAndWritesNothing() {
        Family family = registered();
        String id = enrolled(enrolHousehold("BPNT", family.kk(), JANUARY, null));

        ResponseError stale = refusedWithoutWrites(stop(id, 2, LocalDate.of(2025, 2, 1), "Moved away"),
                "CONFLICT", "input.expectedVersion");
        assertThat(number(stale.getExtensions(), "currentVersion")).isEqualTo(1L);
        assertThat(benefitRow(id).getStatus()).isEqualTo(BenefitStatus.ACTIVE);

        stop(id, 1, LocalDate.of(2025, 2, 1), "Moved away").execute().path("stopBenefit.version").entity(Long.class).isEqualTo(2L);
        refusedWithoutWrites(stop(id, 2, LocalDate.of(2025, 1, 15), "Moved away"), "CONFLICT", "input.id");
        ResponseError late = refusedWithoutWrites(stop(id, 1, LocalDate.of(2025, 1, 15), "Again"), "CONFLICT", "input.id");
        assertThat(late.getMessage()).contains("already stopped");
        assertThat(benefitRow(id).getEndsOn()).isEqualTo(LocalDate.of(2025, 2, 1));
    }

    @Test
    void badStopIsRefusedAndWritesNothing() {
        Family family = registered();
        Registered other = register(Family.of(TestIdentities.VILLAGE, token()));
        String id = enrolled(enrolHousehold("PKH", family.kk(), JANUARY, JUNE_END));

        refusedWithoutWrites(stop(id, 1, JANUARY.minusDays(1), "Error"), "BAD_REQUEST", "input.stoppedOn");
        refusedWithoutWrites(stop(id, 1, JUNE_END.plusDays(1), "Error"), "BAD_REQUEST", "input.stoppedOn");
        refusedWithoutWrites(stop(id, 1, JANUARY, " "), "BAD_REQUEST", "input.reason");
        refusedWithoutWrites(stop("nonsense", 1, JANUARY, "Error"), "NOT_FOUND", "input.id");
        refusedWithoutWrites(stop(other.id(), 1, JANUARY, "Error"), "NOT_FOUND", "input.id");
        // stopping on the first day is allowed
        stop(id, 1, JANUARY, "Enrolled by mistake").execute().path("stopBenefit.endsOn").entity(String.class)
                .isEqualTo("2025-01-01");
    }
}
