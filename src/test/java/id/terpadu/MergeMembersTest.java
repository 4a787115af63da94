package id.terpadu;

import id.terpadu.db.codes.HouseholdStatus;
import id.terpadu.db.codes.Relationship;
import id.terpadu.db.codes.SchoolStatus;
import id.terpadu.db.codes.Sex;
import id.terpadu.db.tables.records.MemberMergeRecord;
import org.jooq.Condition;
import org.junit.jupiter.api.Test;
import org.springframework.graphql.GraphQlResponse;
import org.springframework.graphql.ResponseError;
import org.springframework.graphql.test.tester.GraphQlTester;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static id.terpadu.db.Tables.BENEFIT;
import static id.terpadu.db.Tables.EDUCATION_FACET;
import static id.terpadu.db.Tables.HEALTH_FACET;
import static id.terpadu.db.Tables.HOUSEHOLD;
import static id.terpadu.db.Tables.MEMBER;
import static id.terpadu.db.Tables.MEMBER_MERGE;
import static id.terpadu.db.Tables.MEMBER_MOVE;
import static id.terpadu.db.Tables.REGION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.jooq.impl.DSL.currentCatalog;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

/**
 * Merging two records of one person: benefits, facets and move history move to the kept record,
 * the removed record is kept as a merge record, and every refusal writes nothing.
 */
class MergeMembersTest extends ApiTest {

    private static final LocalDate JANUARY = LocalDate.of(2025, 1, 1);
    private static final LocalDate JUNE_END = LocalDate.of(2025, 6, 30);
    private static final LocalDate JULY = LocalDate.of(2025, 7, 1);

    private GraphQlTester.Request<?> merge(String keepNik, long keepVersion, String mergeNik, long mergeVersion, String reason) {
        return graphQl.documentName("mergeMembers").variable("input", input("keepNik", keepNik,
                "keepExpectedVersion", keepVersion, "mergeNik", mergeNik, "mergeExpectedVersion", mergeVersion,
                "reason", reason));
    }

    private GraphQlTester.Request<?> merge(Person keep, Person merged) {
        return merge(keep.nik(), memberRow(keep.nik()).getVersion(), merged.nik(), memberRow(merged.nik()).getVersion(),
                "KTP checked at the front desk");
    }

    /** Enrols the person in KIS-PBI, after making the household meet the programme's rules (decile, funding). */
    private GraphQlTester.Request<?> enrolKisPbi(String nik, LocalDate startsOn, LocalDate endsOn) {
        EligibleHouseholds.qualify(dsl, null, nik);
        return graphQl.documentName("enrolBenefit").variable("input", input("programme", "KIS_PBI", "nik", nik,
                "funding", EligibleHouseholds.pbiFunding(dsl, nik),
                "startsOn", startsOn, "endsOn", endsOn, "status", "ACTIVE", "reason", "Poor and uninsured"));
    }

    private String enrolled(GraphQlTester.Request<?> request) {
        return request.execute().path("enrolBenefit.id").entity(String.class).get();
    }

    /** The same person typed again under another NIK (two digits off) and a spelling of the name. */
    private static Person typedAgain(Person person, String name) {
        String nik = person.nik();
        char before = nik.charAt(14);
        char last = nik.charAt(15);
        String other = nik.substring(0, 14) + (before == '9' ? '8' : (char) (before + 1)) + (last == '9' ? '8' : (char) (last + 1));
        return person.withNik(other).withName(name);
    }

    @Test
    void mergeMovesBenefitsFacetsAndHistoryAndKeepsWhatTheRemovedRecordSaid() {
        String surname = token();
        Person child = Person.born(LocalDate.of(2013, 5, 5), false, "Made " + surname, "CHILD");
        Person duplicate = typedAgain(child, "Md. " + surname);
        Family home = Family.of(TestIdentities.VILLAGE, Person.man("Wayan " + surname, "HEAD"), child);
        Family aunt = Family.of(TestIdentities.OTHER_VILLAGE, Person.woman("Ketut " + surname, "HEAD"), duplicate);
        Family uncle = Family.of(TestIdentities.OTHER_VILLAGE, Person.man("Nyoman " + surname, "HEAD"));
        register(home);
        register(aunt);
        register(uncle);
        graphQl.documentName("moveMember").variable("input", input("nik", duplicate.nik(), "expectedVersion", 1,
                "toKk", uncle.kk(), "relationship", "OTHER_RELATIVE", "movedOn", LocalDate.now(), "reason", "Lives with the uncle"))
                .execute().path("moveMember.version").entity(Long.class).isEqualTo(2L);
        String duplicatesBenefit = enrolled(enrolKisPbi(duplicate.nik(), JANUARY, JUNE_END));
        String childsBenefit = enrolled(enrolKisPbi(child.nik(), JULY, null));
        graphQl.documentName("updateJknStatus").variable("input", input("nik", duplicate.nik(), "expectedVersion", 0,
                "jknNumber", "0001234567890", "segment", "PBI_APBD", "active", true)).execute()
                .path("updateJknStatus.version").entity(Long.class).isEqualTo(1L);
        graphQl.documentName("updateSchoolStatus").variable("input", input("nik", child.nik(), "expectedVersion", 0,
                "schoolStatus", "ENROLLED", "schoolLevel", "SD", "pipRecipient", false)).execute()
                .path("updateSchoolStatus.version").entity(Long.class).isEqualTo(1L);
        graphQl.documentName("updateSchoolStatus").variable("input", input("nik", duplicate.nik(), "expectedVersion", 0,
                "schoolStatus", "DROPPED_OUT", "pipRecipient", false)).execute()
                .path("updateSchoolStatus.version").entity(Long.class).isEqualTo(1L);
        long keptId = memberRow(child.nik()).getId();
        long removedId = memberRow(duplicate.nik()).getId();
        long uncleVersion = householdRow(uncle.kk()).getVersion();

        merge(child.nik(), 1, duplicate.nik(), 2, "Same child: the mother's family card checked").execute()
                .path("mergeMembers.nik").entity(String.class).isEqualTo(child.nik())
                .path("mergeMembers.version").entity(Long.class).isEqualTo(2L)
                .path("mergeMembers.household.kk").entity(String.class).isEqualTo(home.kk())
                .path("mergeMembers.health.jknNumber").entity(String.class).isEqualTo("0001234567890")
                .path("mergeMembers.health.version").entity(Long.class).isEqualTo(2L)
                .path("mergeMembers.education.schoolStatus").entity(String.class).isEqualTo("ENROLLED")
                .path("mergeMembers.education.version").entity(Long.class).isEqualTo(1L)
                .path("mergeMembers.benefits[*].id").entityList(String.class).containsExactly(childsBenefit, duplicatesBenefit)
                .path("mergeMembers.moves[0].from.kk").entity(String.class).isEqualTo(aunt.kk())
                .path("mergeMembers.moves[0].to.kk").entity(String.class).isEqualTo(uncle.kk())
                .path("mergeMembers.mergedRecords[0].nik").entity(String.class).isEqualTo(duplicate.nik())
                .path("mergeMembers.mergedRecords[0].name").entity(String.class).isEqualTo(duplicate.name())
                .path("mergeMembers.mergedRecords[0].birthDate").entity(String.class).isEqualTo("2013-05-05")
                .path("mergeMembers.mergedRecords[0].household.kk").entity(String.class).isEqualTo(uncle.kk())
                .path("mergeMembers.mergedRecords[0].relationship").entity(String.class).isEqualTo("OTHER_RELATIVE")
                .path("mergeMembers.mergedRecords[0].reason").entity(String.class).isEqualTo("Same child: the mother's family card checked")
                .path("mergeMembers.mergedRecords[0].mergedBy").entity(String.class).isEqualTo("uptpk");

        assertThat(dsl.fetchExists(MEMBER, MEMBER.NIK.eq(duplicate.nik()))).as("removed record").isFalse();
        assertThat(dsl.selectFrom(BENEFIT).where(BENEFIT.MEMBER_ID.eq(removedId)).fetch()).isEmpty();
        assertThat(dsl.fetchCount(BENEFIT, BENEFIT.MEMBER_ID.eq(keptId))).isEqualTo(2);
        assertThat(dsl.selectFrom(HEALTH_FACET).where(HEALTH_FACET.MEMBER_ID.eq(keptId)).fetchSingle().getJknNumber())
                .isEqualTo("0001234567890");
        assertThat(dsl.selectFrom(EDUCATION_FACET).where(EDUCATION_FACET.MEMBER_ID.eq(keptId)).fetchSingle().getSchoolStatus())
                .isEqualTo(SchoolStatus.ENROLLED);
        assertThat(dsl.fetchCount(EDUCATION_FACET, EDUCATION_FACET.MEMBER_ID.eq(removedId))).isZero();
        assertThat(dsl.fetchCount(MEMBER_MOVE, MEMBER_MOVE.MEMBER_ID.eq(keptId))).isEqualTo(1);
        assertThat(dsl.fetchCount(MEMBER_MOVE, MEMBER_MOVE.MEMBER_ID.eq(removedId))).isZero();
        MemberMergeRecord merge = dsl.selectFrom(MEMBER_MERGE).where(MEMBER_MERGE.NIK.eq(duplicate.nik())).fetchSingle();
        assertThat(merge.getKeptMemberId()).isEqualTo(keptId);
        assertThat(merge.getMergedMemberId()).isEqualTo(removedId);
        assertThat(merge.getName()).isEqualTo(duplicate.name());
        assertThat(merge.getSex()).isEqualTo(Sex.MALE);
        assertThat(merge.getBirthDate()).isEqualTo(LocalDate.of(2013, 5, 5));
        assertThat(merge.getHouseholdId()).isEqualTo(householdRow(uncle.kk()).getId());
        assertThat(merge.getMergedBy()).isEqualTo("uptpk");
        assertThat(merge.getFacets().data()).contains("0001234567890", "PBI_APBD", "DROPPED_OUT");
        assertThat(householdRow(uncle.kk()).getVersion()).as("the uncle's family card lost a person").isEqualTo(uncleVersion + 1);
        assertThat(householdRow(uncle.kk()).getStatus()).isEqualTo(HouseholdStatus.ACTIVE);
    }

    @Test
    void theMergedAwayNikFindsTheKeptRecordAndCannotBeRegisteredAgain() {
        String surname = token();
        Person head = Person.man("Wayan " + surname, "HEAD");
        Person duplicate = typedAgain(head, "Wyn " + surname).as("OTHER_RELATIVE");
        Family home = Family.of(TestIdentities.VILLAGE, head);
        register(home);
        register(Family.of(TestIdentities.OTHER_VILLAGE, Person.woman("Ketut " + surname, "HEAD"), duplicate));
        merge(head, duplicate).execute().path("mergeMembers.nik").entity(String.class).isEqualTo(head.nik());

        graphQl.documentName("mergedMember").variable("nik", duplicate.nik()).execute()
                .path("member.nik").entity(String.class).isEqualTo(head.nik())
                .path("member.mergedRecords[*].nik").entityList(String.class).containsExactly(duplicate.nik());
        as("dinsos").documentName("mergedMember").variable("nik", duplicate.nik()).execute()
                .path("member.nik").entity(String.class).isEqualTo(masked(head.nik()))
                .path("member.mergedRecords[*].nik").entityList(String.class).containsExactly(masked(duplicate.nik()));

        Family again = Family.of(TestIdentities.VILLAGE, Person.man("Putu " + surname, "HEAD"), duplicate.as("CHILD"));
        ResponseError error = refusedWithoutWrites(graphQl.documentName("registerHousehold").variable("input", again.input()),
                "CONFLICT", "input.members[1].nik");
        assertThat(error.getExtensions())
                .containsEntry("existingId", graphQl.documentName("mergedMember").variable("nik", head.nik()).execute()
                        .path("member.id").entity(String.class).get())
                .containsEntry("existingNik", head.nik())
                .containsEntry("existingKk", home.kk());
    }

    @Test
    void aRecordMergedAwayEarlierFollowsItsKeptRecordIntoTheNextMerge() {
        String surname = token();
        Person first = Person.man("Gede " + surname, "HEAD");
        Person second = typedAgain(first, "Gde " + surname).as("OTHER_RELATIVE");
        Person third = first.withNik(TestIdentities.nik(false, first.birthDate())).withName("Gedhe " + surname).as("OTHER_RELATIVE");
        register(Family.of(TestIdentities.VILLAGE, first));
        register(Family.of(TestIdentities.OTHER_VILLAGE, Person.woman("Ni Luh " + surname, "HEAD"), second, third));
        merge(second, third).execute().path("mergeMembers.nik").entity(String.class).isEqualTo(second.nik());

        merge(first, second).execute()
                .path("mergeMembers.mergedRecords[*].nik").entityList(String.class)
                .satisfies(niks -> assertThat(niks).containsExactlyInAnyOrder(second.nik(), third.nik()));

        graphQl.documentName("mergedMember").variable("nik", third.nik()).execute()
                .path("member.nik").entity(String.class).isEqualTo(first.nik());
    }

    @Test
    void theLastPersonOfAFamilyCardMergedAwayDissolvesTheHousehold() {
        String surname = token();
        Person head = Person.man("Komang " + surname, "HEAD");
        Person duplicate = typedAgain(head, "Kmg " + surname);
        Family home = Family.of(TestIdentities.VILLAGE, head);
        Family alone = Family.of(TestIdentities.OTHER_VILLAGE, duplicate);
        register(home);
        register(alone);

        merge(head, duplicate).execute().path("mergeMembers.nik").entity(String.class).isEqualTo(head.nik());

        assertThat(householdRow(alone.kk()).getStatus()).isEqualTo(HouseholdStatus.DISSOLVED);
        assertThat(householdRow(home.kk()).getStatus()).isEqualTo(HouseholdStatus.ACTIVE);
    }

    @Test
    void headOfAHouseholdWithOtherMembersCannotBeMergedAway() {
        String surname = token();
        Person head = Person.man("Wayan " + surname, "HEAD");
        Person duplicate = typedAgain(head, "Wyn " + surname);
        register(Family.of(TestIdentities.VILLAGE, head));
        register(Family.of(TestIdentities.OTHER_VILLAGE, duplicate, Person.woman("Ketut " + surname, "SPOUSE")));

        ResponseError error = refusedWithoutWrites(merge(head.nik(), 1, duplicate.nik(), 1, "Same man"),
                "CONFLICT", "input.mergeNik");

        assertThat(error.getMessage()).contains("head");
    }

    @Test
    void everyRefusalWritesNothing() {
        String surname = token();
        Person head = Person.man("Wayan " + surname, "HEAD");
        Person duplicate = typedAgain(head, "Wyn " + surname).as("OTHER_RELATIVE");
        register(Family.of(TestIdentities.VILLAGE, head));
        register(Family.of(TestIdentities.OTHER_VILLAGE, Person.woman("Ketut " + surname, "HEAD"), duplicate));
        String unknown = TestIdentities.nik(false, LocalDate.of(1980, 5, 17));

        refusedWithoutWrites(merge(head.nik(), 1, head.nik(), 1, "Same man"), "BAD_REQUEST", "input.mergeNik");
        refusedWithoutWrites(merge(head.nik(), 1, duplicate.nik(), 1, "  "), "BAD_REQUEST", "input.reason");
        refusedWithoutWrites(merge(unknown, 1, duplicate.nik(), 1, "Same man"), "NOT_FOUND", "input.keepNik");
        refusedWithoutWrites(merge(head.nik(), 1, unknown, 1, "Same man"), "NOT_FOUND", "input.mergeNik");
        ResponseError staleKept = refusedWithoutWrites(merge(head.nik(), 3, duplicate.nik(), 1, "Same man"),
                "CONFLICT", "input.keepExpectedVersion");
        assertThat(number(staleKept.getExtensions(), "currentVersion")).isEqualTo(1L);
        ResponseError staleMerged = refusedWithoutWrites(merge(head.nik(), 1, duplicate.nik(), 0, "Same man"),
                "CONFLICT", "input.mergeExpectedVersion");
        assertThat(number(staleMerged.getExtensions(), "currentVersion")).isEqualTo(1L);
        for (String user : List.of("dinsos", "desa", "dinkes")) {
            DatabaseSnapshot before = snapshot();
            GraphQlResponse answer = as(user).document("mutation($input: MergeMembersInput!) { mergeMembers(input: $input) { nik } }").variable("input", input("keepNik", head.nik(),
                    "keepExpectedVersion", 1, "mergeNik", duplicate.nik(), "mergeExpectedVersion", 1, "reason", "Same man"))
                    .execute().returnResponse();
            assertThat(answer.getErrors()).as(user).hasSize(1);
            assertThat(answer.getErrors().getFirst().getExtensions()).as(user).containsEntry("classification", "FORBIDDEN");
            assertThat(snapshot()).as("nothing is written").isEqualTo(before);
        }
    }

    @Test
    void aRecordOutsideTheCallersRegionIsNotFound() {
        String surname = token();
        Person head = Person.man("Wayan " + surname, "HEAD");
        register(Family.of(TestIdentities.VILLAGE, head));
        String outsideNik = outsideBangli(head);

        refusedWithoutWrites(merge(head.nik(), 1, outsideNik, 1, "Same man"), "NOT_FOUND", "input.mergeNik");
        refusedWithoutWrites(merge(outsideNik, 1, head.nik(), 1, "Same man"), "NOT_FOUND", "input.keepNik");
    }

    /** The same person on a family card in another regency, which UPT-PK of Bangli does not see; answers the NIK. */
    private String outsideBangli(Person person) {
        String village = dsl.select(REGION.CODE).from(REGION)
                .where(REGION.LEVEL.eq((short) 4), REGION.CODE.like("51.03.%"))
                .orderBy(REGION.CODE).limit(1).fetchSingle(REGION.CODE);
        long household = dsl.insertInto(HOUSEHOLD)
                .set(HOUSEHOLD.KK, TestIdentities.kk())
                .set(HOUSEHOLD.VILLAGE_CODE, village)
                .set(HOUSEHOLD.ADDRESS, "Jalan Badung 1")
                .returning(HOUSEHOLD.ID).fetchSingle(HOUSEHOLD.ID);
        String nik = typedAgain(person, person.name()).nik();
        dsl.insertInto(MEMBER)
                .set(MEMBER.NIK, nik)
                .set(MEMBER.NAME, person.name())
                .set(MEMBER.SEX, Sex.valueOf(person.sex()))
                .set(MEMBER.BIRTH_DATE, person.birthDate())
                .set(MEMBER.RELATIONSHIP, Relationship.HEAD)
                .set(MEMBER.HOUSEHOLD_ID, household)
                .execute();
        return nik;
    }

    @Test
    void mergeThatWouldGiveOneProgrammeTwiceIsRefusedNamingBothBenefits() {
        String surname = token();
        Person head = Person.man("Wayan " + surname, "HEAD");
        Person duplicate = typedAgain(head, "Wyn " + surname).as("OTHER_RELATIVE");
        register(Family.of(TestIdentities.VILLAGE, head));
        register(Family.of(TestIdentities.OTHER_VILLAGE, Person.woman("Ketut " + surname, "HEAD"), duplicate));
        String keptBenefit = enrolled(enrolKisPbi(head.nik(), JANUARY, null));
        String duplicatesBenefit = enrolled(enrolKisPbi(duplicate.nik(), JULY, null));

        ResponseError error = refusedWithoutWrites(merge(head.nik(), 1, duplicate.nik(), 1, "Same man"), "CONFLICT", "input.mergeNik");

        assertThat(error.getMessage()).contains("KIS_PBI", "2025-01-01", "2025-07-01", "double aid");
        assertThat(error.getExtensions()).containsEntry("benefitId", duplicatesBenefit).containsEntry("keptBenefitId", keptBenefit);
        assertThat(memberRow(duplicate.nik())).isNotNull();
    }

    @Test
    void twoClerksMergingOneRecordIntoTwoOthersAtOnceOnlyOneWins() throws Exception {
        for (int round = 0; round < 3; round++) {
            String surname = token();
            Person first = Person.man("Wayan " + surname, "HEAD");
            Person second = typedAgain(first, "Wyn " + surname).as("OTHER_RELATIVE");
            Person third = first.withNik(TestIdentities.nik(false, first.birthDate())).withName("I Wayan " + surname);
            register(Family.of(TestIdentities.VILLAGE, first));
            register(Family.of(TestIdentities.OTHER_VILLAGE, Person.woman("Ketut " + surname, "HEAD"), second));
            register(Family.of(TestIdentities.VILLAGE, third));

            List<GraphQlResponse> answers = Race.of(List.of(
                    merge(first.nik(), 1, second.nik(), 1, "Clerk 0"),
                    merge(third.nik(), 1, second.nik(), 1, "Clerk 1")));

            List<Integer> winners = new ArrayList<>();
            for (int clerk = 0; clerk < 2; clerk++) {
                if (answers.get(clerk).getErrors().isEmpty()) {
                    winners.add(clerk);
                } else {
                    ResponseError error = answers.get(clerk).getErrors().getFirst();
                    assertThat(error.getExtensions()).containsEntry("classification", "NOT_FOUND").containsEntry("field", "input.mergeNik");
                    assertClerkCanRead(error);
                }
            }
            assertThat(winners).hasSize(1);
            String keptNik = winners.getFirst() == 0 ? first.nik() : third.nik();
            MemberMergeRecord merge = dsl.selectFrom(MEMBER_MERGE).where(MEMBER_MERGE.NIK.eq(second.nik())).fetchSingle();
            assertThat(merge.getKeptMemberId()).isEqualTo(memberRow(keptNik).getId());
            assertThat(merge.getReason()).isEqualTo("Clerk " + winners.getFirst());
            assertThat(dsl.fetchExists(MEMBER, MEMBER.NIK.eq(second.nik()))).isFalse();
            assertThat(memberRow(first.nik()).getVersion() + memberRow(third.nik()).getVersion()).isEqualTo(3L);
        }
    }

    @Test
    void aMergeRacingAnEnrolmentOfTheMergedRecordNeverLeavesABenefitBehind() throws Exception {
        for (int round = 0; round < 4; round++) {
            String surname = token();
            Person head = Person.man("Wayan " + surname, "HEAD");
            Person duplicate = typedAgain(head, "Wyn " + surname).as("OTHER_RELATIVE");
            register(Family.of(TestIdentities.VILLAGE, head));
            register(Family.of(TestIdentities.OTHER_VILLAGE, Person.woman("Ketut " + surname, "HEAD"), duplicate));
            long removedId = memberRow(duplicate.nik()).getId();
            long keptId = memberRow(head.nik()).getId();
            List<GraphQlTester.Request<?>> requests = new ArrayList<>(List.of(
                    merge(head.nik(), 1, duplicate.nik(), 1, "Same man"), enrolKisPbi(duplicate.nik(), JANUARY, null)));
            if (round % 2 == 1) {
                requests = List.of(requests.get(1), requests.get(0));
            }

            List<GraphQlResponse> answers = Race.of(requests);

            GraphQlResponse mergeAnswer = answers.get(round % 2 == 1 ? 1 : 0);
            GraphQlResponse enrolAnswer = answers.get(round % 2 == 1 ? 0 : 1);
            assertThat(mergeAnswer.getErrors()).as("the merge").isEmpty();
            assertThat(dsl.fetchCount(BENEFIT, BENEFIT.MEMBER_ID.eq(removedId))).as("benefits of the removed record").isZero();
            if (enrolAnswer.getErrors().isEmpty()) {
                assertThat(dsl.fetchCount(BENEFIT, BENEFIT.MEMBER_ID.eq(keptId))).as("the enrolment moved to the kept record").isEqualTo(1);
            } else {
                ResponseError error = enrolAnswer.getErrors().getFirst();
                assertThat(error.getExtensions()).containsEntry("classification", "NOT_FOUND").containsEntry("field", "input.nik");
                assertClerkCanRead(error);
                assertThat(dsl.fetchCount(BENEFIT, BENEFIT.MEMBER_ID.eq(keptId))).isZero();
            }
        }
    }

    @Test
    void anEnrolmentWaitingBehindAMergeOfItsRecordIsNotFoundAndWritesNothing() throws Exception {
        String surname = token();
        Person head = Person.man("Wayan " + surname, "HEAD");
        Person duplicate = typedAgain(head, "Wyn " + surname).as("OTHER_RELATIVE");
        register(Family.of(TestIdentities.VILLAGE, head));
        register(Family.of(TestIdentities.OTHER_VILLAGE, Person.woman("Ketut " + surname, "HEAD"), duplicate));
        long removedId = memberRow(duplicate.nik()).getId();
        GraphQlTester.Request<?> mergeRequest = merge(head.nik(), 1, duplicate.nik(), 1, "Same man");
        GraphQlTester.Request<?> enrolRequest = enrolKisPbi(duplicate.nik(), JANUARY, null);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<GraphQlResponse>> answers = new ArrayList<>();
            // a clerk's transaction holds the record to merge: the merge queues behind it, then the enrolment
            // (which has read the record already) queues behind the merge
            dsl.transaction(clerk -> {
                clerk.dsl().selectFrom(MEMBER).where(MEMBER.ID.eq(removedId)).forUpdate().fetch();
                answers.add(pool.submit(() -> mergeRequest.execute().returnResponse()));
                awaitWaitingForLocks(1);
                answers.add(pool.submit(() -> enrolRequest.execute().returnResponse()));
                awaitWaitingForLocks(2);
            });

            assertThat(answers.getFirst().get(30, TimeUnit.SECONDS).getErrors()).as("the merge").isEmpty();
            ResponseError refusal = answers.getLast().get(30, TimeUnit.SECONDS).getErrors().getFirst();
            assertThat(refusal.getExtensions()).containsEntry("classification", "NOT_FOUND").containsEntry("field", "input.nik");
            assertClerkCanRead(refusal);
            assertThat(dsl.fetchCount(BENEFIT, BENEFIT.MEMBER_ID.eq(memberRow(head.nik()).getId()))).isZero();
        } finally {
            pool.shutdownNow();
        }
    }

    /** Waits until this many requests of this database wait for a row lock. */
    private void awaitWaitingForLocks(int requests) throws InterruptedException {
        var activity = table(name("pg_catalog", "pg_stat_activity"));
        Condition waiting = field(name("datname"), String.class).eq(currentCatalog())
                .and(field(name("wait_event_type"), String.class).eq("Lock"));
        for (int tries = 0; tries < 300; tries++) {
            if (dsl.fetchCount(activity, waiting) >= requests) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError(requests + " requests never came to wait for the lock");
    }

}
