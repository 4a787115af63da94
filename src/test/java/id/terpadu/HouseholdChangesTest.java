package id.terpadu;

import id.terpadu.db.codes.Relationship;
import id.terpadu.db.codes.Sex;
import id.terpadu.db.tables.records.HouseholdKkHistoryRecord;
import id.terpadu.db.tables.records.HouseholdRecord;
import id.terpadu.db.tables.records.MemberMoveRecord;
import id.terpadu.db.tables.records.MemberRecord;
import org.junit.jupiter.api.Test;
import org.springframework.graphql.ResponseError;
import org.springframework.graphql.test.tester.GraphQlTester;

import java.time.LocalDate;
import java.util.List;

import static id.terpadu.db.Tables.HOUSEHOLD_KK_HISTORY;
import static id.terpadu.db.Tables.MEMBER;
import static id.terpadu.db.Tables.MEMBER_MOVE;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Changes to a household's core record (members, address, family card) and moves of people between
 * households, each guarded by the household's or the person's version.
 */
class HouseholdChangesTest extends ApiTest {

    private GraphQlTester.Request<?> addMember(String kk, long expectedVersion, Person person) {
        return graphQl.documentName("addMember")
                .variable("input", input("kk", kk, "expectedVersion", expectedVersion, "member", person.input()));
    }

    private GraphQlTester.Request<?> updateAddress(String kk, long expectedVersion, String village, String address,
                                                   String rt, String rw) {
        return graphQl.documentName("updateHouseholdAddress").variable("input", input("kk", kk,
                "expectedVersion", expectedVersion, "villageCode", village, "address", address, "rt", rt, "rw", rw));
    }

    private GraphQlTester.Request<?> changeKk(String kk, long expectedVersion, String newKk, String reason) {
        return graphQl.documentName("changeHouseholdKk").variable("input",
                input("kk", kk, "expectedVersion", expectedVersion, "newKk", newKk, "reason", reason));
    }

    private GraphQlTester.Request<?> move(Person person, long expectedVersion, String toKk, String relationship,
                                          LocalDate movedOn, String reason) {
        return graphQl.documentName("moveMember").variable("input", input("nik", person.nik(),
                "expectedVersion", expectedVersion, "toKk", toKk, "relationship", relationship, "movedOn", movedOn,
                "reason", reason));
    }

    // addMember

    @Test
    void addingANewbornStoresThePersonAndBumpsTheHouseholdVersion() {
        Family family = Family.of(TestIdentities.VILLAGE, token());
        register(family);
        Person newborn = Person.born(LocalDate.now().minusDays(3), true, "Luh " + token(), "CHILD");

        addMember(family.kk(), 1, newborn).execute()
                .path("addMember.nik").entity(String.class).isEqualTo(newborn.nik())
                .path("addMember.relationship").entity(String.class).isEqualTo("CHILD")
                .path("addMember.version").entity(Long.class).isEqualTo(1L)
                .path("addMember.household.kk").entity(String.class).isEqualTo(family.kk())
                .path("addMember.household.version").entity(Long.class).isEqualTo(2L)
                .path("addMember.household.members[*].nik").entityList(String.class).hasSize(4).contains(newborn.nik());

        HouseholdRecord household = householdRow(family.kk());
        assertThat(household.getVersion()).isEqualTo(2L);
        MemberRecord stored = memberRow(newborn.nik());
        assertThat(stored.getHouseholdId()).isEqualTo(household.getId());
        assertThat(stored.getName()).isEqualTo(newborn.name());
        assertThat(stored.getSex()).isEqualTo(Sex.FEMALE);
        assertThat(stored.getBirthDate()).isEqualTo(newborn.birthDate());
        assertThat(stored.getRelationship()).isEqualTo(Relationship.CHILD);
    }

    @Test
    void addingAMemberWithAStaleVersionIsConflictAndWritesNothing() {
        Family family = Family.of(TestIdentities.VILLAGE, token());
        register(family);
        addMember(family.kk(), 1, Person.man("Kadek " + token(), "CHILD")).execute()
                .path("addMember.household.version").entity(Long.class).isEqualTo(2L);
        Person late = Person.woman("Komang " + token(), "CHILD");

        ResponseError error = refusedWithoutWrites(addMember(family.kk(), 1, late), "CONFLICT", "input.expectedVersion");

        assertThat(number(error.getExtensions(), "currentVersion")).isEqualTo(2L);
        assertThat(dsl.fetchExists(MEMBER, MEMBER.NIK.eq(late.nik()))).isFalse();
        assertThat(householdRow(family.kk()).getVersion()).isEqualTo(2L);
    }

    @Test
    void addingASecondHeadIsConflict() {
        Family family = Family.of(TestIdentities.VILLAGE, token());
        register(family);
        refusedWithoutWrites(addMember(family.kk(), 1, Person.man("Gede " + token(), "HEAD")),
                "CONFLICT", "input.member.relationship");
    }

    @Test
    void addingAPersonWithABadNikIsBadRequest() {
        Family family = Family.of(TestIdentities.VILLAGE, token());
        register(family);
        Person child = Person.man("Kadek " + token(), "CHILD");
        refusedWithoutWrites(addMember(family.kk(), 1, child.withSex("FEMALE")), "BAD_REQUEST", "input.member.nik");
        refusedWithoutWrites(addMember(family.kk(), 1, child.withNik("12345")), "BAD_REQUEST", "input.member.nik");
        refusedWithoutWrites(addMember(family.kk(), 1, child.withBirthDate(child.birthDate().plusDays(1))),
                "BAD_REQUEST", "input.member.nik");
    }

    @Test
    void addingSomeoneRegisteredElsewhereIsConflict() {
        Family family = Family.of(TestIdentities.VILLAGE, token());
        Family other = Family.of(TestIdentities.VILLAGE, token());
        register(family);
        Registered elsewhere = register(other);
        Person child = other.members().get(2);

        ResponseError error = refusedWithoutWrites(addMember(family.kk(), 1, child), "CONFLICT", "input.member.nik");

        assertThat(error.getExtensions()).containsEntry("existingId", elsewhere.memberId(child));
    }

    @Test
    void addingToAnUnknownHouseholdIsNotFound() {
        refusedWithoutWrites(addMember(TestIdentities.kk(), 1, Person.man("Kadek " + token(), "CHILD")),
                "NOT_FOUND", "input.kk");
    }

    // updateHouseholdAddress

    @Test
    void movingAHouseholdToAnotherVillageStoresTheAddress() {
        Family family = Family.of(TestIdentities.VILLAGE, token());
        register(family);

        updateAddress(family.kk(), 1, "5106012002", "Banjar Demulih Kaja", "004", "012").execute()
                .path("updateHouseholdAddress.version").entity(Long.class).isEqualTo(2L)
                .path("updateHouseholdAddress.village.code").entity(String.class).isEqualTo("51.06.01.2002")
                .path("updateHouseholdAddress.village.name").entity(String.class).isEqualTo("Demulih")
                .path("updateHouseholdAddress.address").entity(String.class).isEqualTo("Banjar Demulih Kaja")
                .path("updateHouseholdAddress.rt").entity(String.class).isEqualTo("004")
                .path("updateHouseholdAddress.rw").entity(String.class).isEqualTo("012");

        HouseholdRecord stored = householdRow(family.kk());
        assertThat(stored.getVillageCode()).isEqualTo("51.06.01.2002");
        assertThat(stored.getAddress()).isEqualTo("Banjar Demulih Kaja");
        assertThat(stored.getRt()).isEqualTo("004");
        assertThat(stored.getRw()).isEqualTo("012");
        assertThat(stored.getVersion()).isEqualTo(2L);
        assertThat(stored.getUpdatedAt()).isAfter(stored.getRegisteredAt());
    }

    @Test
    void updatingAnAddressWithAStaleVersionIsConflictAndWritesNothing() {
        Family family = Family.of(TestIdentities.VILLAGE, token());
        register(family);
        updateAddress(family.kk(), 1, TestIdentities.VILLAGE, "Jalan Baru 1", null, null).execute()
                .path("updateHouseholdAddress.version").entity(Long.class).isEqualTo(2L);

        for (long stale : List.of(0L, 1L, 3L)) {
            ResponseError error = refusedWithoutWrites(
                    updateAddress(family.kk(), stale, TestIdentities.OTHER_VILLAGE, "Jalan Lama 2", null, null),
                    "CONFLICT", "input.expectedVersion");
            assertThat(number(error.getExtensions(), "currentVersion")).isEqualTo(2L);
        }
        assertThat(householdRow(family.kk()).getAddress()).isEqualTo("Jalan Baru 1");
        assertThat(householdRow(family.kk()).getVillageCode()).isEqualTo(TestIdentities.VILLAGE);
    }

    @Test
    void updatingAnAddressToAnUnknownVillageIsNotFound() {
        Family family = Family.of(TestIdentities.VILLAGE, token());
        register(family);
        refusedWithoutWrites(updateAddress(family.kk(), 1, "51.06.01.2999", "Jalan Baru", null, null),
                "NOT_FOUND", "input.villageCode");
        refusedWithoutWrites(updateAddress(family.kk(), 1, TestIdentities.VILLAGE, "", null, null),
                "BAD_REQUEST", "input.address");
        refusedWithoutWrites(updateAddress(family.kk(), 1, TestIdentities.VILLAGE, "Jalan Baru", "abc", null),
                "BAD_REQUEST", "input.rt");
        refusedWithoutWrites(updateAddress(TestIdentities.kk(), 1, TestIdentities.VILLAGE, "Jalan Baru", null, null),
                "NOT_FOUND", "input.kk");
    }

    // changeHouseholdKk

    @Test
    void newFamilyCardKeepsTheOldNumberInTheHistory() {
        Family family = Family.of(TestIdentities.VILLAGE, token());
        Registered registered = register(family);
        String newKk = TestIdentities.kk();

        changeKk(family.kk(), 1, newKk, "Divorce of the parents").execute()
                .path("changeHouseholdKk.id").entity(String.class).isEqualTo(registered.id())
                .path("changeHouseholdKk.kk").entity(String.class).isEqualTo(newKk)
                .path("changeHouseholdKk.version").entity(Long.class).isEqualTo(2L)
                .path("changeHouseholdKk.kkHistory[*].kk").entityList(String.class).containsExactly(family.kk())
                .path("changeHouseholdKk.kkHistory[0].reason").entity(String.class).isEqualTo("Divorce of the parents")
                .path("changeHouseholdKk.kkHistory[0].replacedAt").hasValue();

        HouseholdRecord stored = householdRow(newKk);
        assertThat(stored.getVersion()).isEqualTo(2L);
        List<HouseholdKkHistoryRecord> history = dsl.selectFrom(HOUSEHOLD_KK_HISTORY)
                .where(HOUSEHOLD_KK_HISTORY.HOUSEHOLD_ID.eq(stored.getId())).fetch();
        assertThat(history).extracting(HouseholdKkHistoryRecord::getKk).containsExactly(family.kk());
        assertThat(history).extracting(HouseholdKkHistoryRecord::getReason).containsExactly("Divorce of the parents");
    }

    @Test
    void householdIsFoundByAnEarlierKk() {
        Family family = Family.of(TestIdentities.VILLAGE, token());
        Registered registered = register(family);
        String secondKk = TestIdentities.kk();
        String thirdKk = TestIdentities.kk();
        changeKk(family.kk(), 1, secondKk, "Moved to another banjar").execute().path("changeHouseholdKk.version").hasValue();
        changeKk(secondKk, 2, thirdKk, "Death of the head").execute().path("changeHouseholdKk.version").hasValue();

        for (String kk : List.of(family.kk(), secondKk, thirdKk)) {
            graphQl.documentName("household").variable("kk", kk).execute()
                    .path("household.id").entity(String.class).isEqualTo(registered.id())
                    .path("household.kk").entity(String.class).isEqualTo(thirdKk)
                    .path("household.version").entity(Long.class).isEqualTo(3L)
                    .path("household.kkHistory[*].kk").entityList(String.class).containsExactly(secondKk, family.kk())
                    .path("household.kkHistory[*].reason").entityList(String.class)
                    .containsExactly("Death of the head", "Moved to another banjar");
        }
    }

    @Test
    void changesNeedTheCurrentKkNotAnEarlierOne() {
        Family family = Family.of(TestIdentities.VILLAGE, token());
        register(family);
        String newKk = TestIdentities.kk();
        changeKk(family.kk(), 1, newKk, "Split of the family").execute().path("changeHouseholdKk.kk").hasValue();

        refusedWithoutWrites(changeKk(family.kk(), 2, TestIdentities.kk(), "Again"), "NOT_FOUND", "input.kk");
        refusedWithoutWrites(updateAddress(family.kk(), 2, TestIdentities.VILLAGE, "Jalan", null, null),
                "NOT_FOUND", "input.kk");
    }

    @Test
    void newKkHeldByAnotherHouseholdIsConflictNamingIt() {
        Family family = Family.of(TestIdentities.VILLAGE, token());
        Family other = Family.of(TestIdentities.VILLAGE, token());
        register(family);
        Registered otherRegistered = register(other);

        ResponseError error = refusedWithoutWrites(changeKk(family.kk(), 1, other.kk(), "Merge"), "CONFLICT", "input.newKk");

        assertThat(error.getExtensions()).containsEntry("existingId", otherRegistered.id());
        assertThat(householdRow(family.kk()).getVersion()).isEqualTo(1L);
    }

    @Test
    void newKkThatIsAnEarlierCardOfAnyHouseholdIsConflict() {
        Family family = Family.of(TestIdentities.VILLAGE, token());
        Registered registered = register(family);
        String newKk = TestIdentities.kk();
        changeKk(family.kk(), 1, newKk, "Split").execute().path("changeHouseholdKk.kk").hasValue();

        // going back to its own earlier card, or another household taking it
        ResponseError back = refusedWithoutWrites(changeKk(newKk, 2, family.kk(), "Back"), "CONFLICT", "input.newKk");
        assertThat(back.getExtensions()).containsEntry("existingId", registered.id());
        Family other = Family.of(TestIdentities.VILLAGE, token());
        register(other);
        refusedWithoutWrites(changeKk(other.kk(), 1, family.kk(), "Take over"), "CONFLICT", "input.newKk");
    }

    @Test
    void invalidNewKkIsBadRequest() {
        Family family = Family.of(TestIdentities.VILLAGE, token());
        register(family);
        refusedWithoutWrites(changeKk(family.kk(), 1, "123", "Split"), "BAD_REQUEST", "input.newKk");
        refusedWithoutWrites(changeKk(family.kk(), 1, "5199990101200001", "Split"), "BAD_REQUEST", "input.newKk");
        refusedWithoutWrites(changeKk(family.kk(), 1, "5106013102200001", "Split"), "BAD_REQUEST", "input.newKk");
        refusedWithoutWrites(changeKk(family.kk(), 1, TestIdentities.kk(), " "), "BAD_REQUEST", "input.reason");
    }

    @Test
    void changingTheKkWithAStaleVersionIsConflictAndWritesNothing() {
        Family family = Family.of(TestIdentities.VILLAGE, token());
        register(family);
        addMember(family.kk(), 1, Person.man("Kadek " + token(), "CHILD")).execute().path("addMember.nik").hasValue();
        String newKk = TestIdentities.kk();

        ResponseError error = refusedWithoutWrites(changeKk(family.kk(), 1, newKk, "Split"), "CONFLICT",
                "input.expectedVersion");

        assertThat(number(error.getExtensions(), "currentVersion")).isEqualTo(2L);
        assertThat(householdRow(family.kk()).getKk()).isEqualTo(family.kk());
        graphQl.documentName("household").variable("kk", newKk).execute().path("household").valueIsNull();
    }

    // moveMember

    @Test
    void movingAPersonKeepsTheMoveAndBumpsEveryVersion() {
        Family parents = Family.of(TestIdentities.VILLAGE, token());
        Family inLaws = Family.of(TestIdentities.OTHER_VILLAGE, token());
        register(parents);
        register(inLaws);
        Person son = parents.members().get(2);
        LocalDate married = LocalDate.now().minusDays(10);

        move(son, 1, inLaws.kk(), "CHILD_IN_LAW", married, "Marriage").execute()
                .path("moveMember.nik").entity(String.class).isEqualTo(son.nik())
                .path("moveMember.relationship").entity(String.class).isEqualTo("CHILD_IN_LAW")
                .path("moveMember.version").entity(Long.class).isEqualTo(2L)
                .path("moveMember.household.kk").entity(String.class).isEqualTo(inLaws.kk())
                .path("moveMember.household.version").entity(Long.class).isEqualTo(2L)
                .path("moveMember.moves[0].from.kk").entity(String.class).isEqualTo(parents.kk())
                .path("moveMember.moves[0].to.kk").entity(String.class).isEqualTo(inLaws.kk())
                .path("moveMember.moves[0].fromRelationship").entity(String.class).isEqualTo("CHILD")
                .path("moveMember.moves[0].toRelationship").entity(String.class).isEqualTo("CHILD_IN_LAW")
                .path("moveMember.moves[0].movedOn").entity(String.class).isEqualTo(married.toString())
                .path("moveMember.moves[0].reason").entity(String.class).isEqualTo("Marriage");

        HouseholdRecord from = householdRow(parents.kk());
        HouseholdRecord to = householdRow(inLaws.kk());
        MemberRecord moved = memberRow(son.nik());
        assertThat(moved.getHouseholdId()).isEqualTo(to.getId());
        assertThat(moved.getRelationship()).isEqualTo(Relationship.CHILD_IN_LAW);
        assertThat(moved.getVersion()).isEqualTo(2L);
        assertThat(from.getVersion()).as("the household left").isEqualTo(2L);
        assertThat(to.getVersion()).as("the household joined").isEqualTo(2L);
        List<MemberMoveRecord> moves = dsl.selectFrom(MEMBER_MOVE).where(MEMBER_MOVE.MEMBER_ID.eq(moved.getId())).fetch();
        assertThat(moves).singleElement().satisfies(record -> {
            assertThat(record.getFromHouseholdId()).isEqualTo(from.getId());
            assertThat(record.getToHouseholdId()).isEqualTo(to.getId());
            assertThat(record.getFromRelationship()).isEqualTo(Relationship.CHILD);
            assertThat(record.getToRelationship()).isEqualTo(Relationship.CHILD_IN_LAW);
            assertThat(record.getMovedOn()).isEqualTo(married);
            assertThat(record.getReason()).isEqualTo("Marriage");
        });
        graphQl.documentName("household").variable("kk", parents.kk()).execute()
                .path("household.members[*].nik").entityList(String.class).hasSize(2).doesNotContain(son.nik());
    }

    @Test
    void movesAreListedNewestFirst() {
        Family first = Family.of(TestIdentities.VILLAGE, token());
        Family second = Family.of(TestIdentities.VILLAGE, token());
        register(first);
        register(second);
        Person daughter = first.members().get(1);
        move(daughter, 1, second.kk(), "OTHER_RELATIVE", LocalDate.now().minusYears(2), "Work").execute()
                .path("moveMember.version").hasValue();
        move(daughter, 2, first.kk(), "SPOUSE", LocalDate.now().minusYears(1), "Came back").execute()
                .path("moveMember.version").hasValue();

        graphQl.documentName("member").variable("nik", daughter.nik()).execute()
                .path("member.household.kk").entity(String.class).isEqualTo(first.kk())
                .path("member.version").entity(Long.class).isEqualTo(3L)
                .path("member.moves[*].reason").entityList(String.class).containsExactly("Came back", "Work")
                .path("member.moves[*].to.kk").entityList(String.class).containsExactly(first.kk(), second.kk())
                .path("member.moves[*].recordedAt").entityList(String.class).hasSize(2);
    }

    @Test
    void headWhoMovedOutLeavesAHouseholdWithoutHead() {
        Family family = Family.of(TestIdentities.VILLAGE, token());
        Family other = Family.of(TestIdentities.VILLAGE, token());
        register(family);
        register(other);

        move(family.head(), 1, other.kk(), "OTHER_RELATIVE", LocalDate.now(), "Left the family").execute()
                .path("moveMember.household.kk").entity(String.class).isEqualTo(other.kk());

        graphQl.documentName("household").variable("kk", family.kk()).execute()
                .path("household.head").valueIsNull()
                .path("household.members").entityList(Object.class).hasSize(2);
        // now the wife may become the head of a household that has none
        Family single = Family.of(TestIdentities.VILLAGE, Person.man("Nyoman " + token(), "HEAD"));
        register(single);
        move(other.head(), 1, family.kk(), "HEAD", LocalDate.now(), "Remarried").execute()
                .path("moveMember.relationship").entity(String.class).isEqualTo("HEAD");
    }

    @Test
    void movingAPersonAsHeadIntoAHouseholdWithAHeadIsConflict() {
        Family family = Family.of(TestIdentities.VILLAGE, token());
        Family other = Family.of(TestIdentities.VILLAGE, token());
        register(family);
        register(other);
        refusedWithoutWrites(move(family.members().get(2), 1, other.kk(), "HEAD", LocalDate.now(), "Marriage"),
                "CONFLICT", "input.relationship");
    }

    @Test
    void movingAPersonWithAStaleVersionIsConflictAndWritesNothing() {
        Family family = Family.of(TestIdentities.VILLAGE, token());
        Family other = Family.of(TestIdentities.VILLAGE, token());
        register(family);
        register(other);
        Person son = family.members().get(2);
        move(son, 1, other.kk(), "OTHER_RELATIVE", LocalDate.now(), "Work").execute().path("moveMember.version").hasValue();

        ResponseError error = refusedWithoutWrites(move(son, 1, family.kk(), "CHILD", LocalDate.now(), "Came back"),
                "CONFLICT", "input.expectedVersion");

        assertThat(number(error.getExtensions(), "currentVersion")).isEqualTo(2L);
        assertThat(memberRow(son.nik()).getHouseholdId()).isEqualTo(householdRow(other.kk()).getId());
    }

    @Test
    void badMovesAreRefusedAndWriteNothing() {
        Family family = Family.of(TestIdentities.VILLAGE, token());
        Family other = Family.of(TestIdentities.VILLAGE, token());
        register(family);
        register(other);
        Person son = family.members().get(2);
        refusedWithoutWrites(move(son, 1, family.kk(), "CHILD", LocalDate.now(), "Nothing"), "BAD_REQUEST", "input.toKk");
        refusedWithoutWrites(move(son, 1, other.kk(), "CHILD", LocalDate.now().plusDays(1), "Will marry"),
                "BAD_REQUEST", "input.movedOn");
        refusedWithoutWrites(move(son, 1, other.kk(), "CHILD", LocalDate.now(), "  "), "BAD_REQUEST", "input.reason");
        refusedWithoutWrites(move(son, 1, TestIdentities.kk(), "CHILD", LocalDate.now(), "Work"), "NOT_FOUND", "input.toKk");
        refusedWithoutWrites(move(Person.man("Nobody", "CHILD"), 1, other.kk(), "CHILD", LocalDate.now(), "Work"),
                "NOT_FOUND", "input.nik");
    }
}
