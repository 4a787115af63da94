package id.terpadu;

import id.terpadu.db.codes.HouseholdStatus;
import id.terpadu.db.codes.Relationship;
import id.terpadu.db.codes.Sex;
import id.terpadu.db.tables.records.HouseholdRecord;
import id.terpadu.db.tables.records.MemberRecord;
import org.junit.jupiter.api.Test;
import org.springframework.graphql.ResponseError;
import org.springframework.graphql.test.tester.GraphQlTester;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import static id.terpadu.db.Tables.HOUSEHOLD;
import static id.terpadu.db.Tables.MEMBER;
import static org.assertj.core.api.Assertions.assertThat;

/** A village operator registers a family card with its members; lookups by KK, NIK and global ID. */
class HouseholdRegistrationTest extends ApiTest {

    private GraphQlTester.Request<?> registering(Family family) {
        return graphQl.documentName("registerHousehold").variable("input", family.input());
    }

    /** Registering this family is refused, and neither its KK nor any of its NIKs is stored afterwards. */
    private ResponseError refusedRegistration(Family family, String classification, String field) {
        boolean kkKnownBefore = dsl.fetchExists(HOUSEHOLD, HOUSEHOLD.KK.eq(family.kk()));
        List<String> niks = family.members().stream().map(Person::nik).toList();
        List<Long> membersBefore = dsl.select(MEMBER.ID).from(MEMBER).where(MEMBER.NIK.in(niks)).fetch(MEMBER.ID);
        ResponseError error = refusedWithoutWrites(registering(family), classification, field);
        assertThat(dsl.fetchExists(HOUSEHOLD, HOUSEHOLD.KK.eq(family.kk()))).isEqualTo(kkKnownBefore);
        assertThat(dsl.select(MEMBER.ID).from(MEMBER).where(MEMBER.NIK.in(niks)).fetch(MEMBER.ID))
                .containsExactlyInAnyOrderElementsOf(membersBefore);
        return error;
    }

    @Test
    void registeringAFamilyStoresTheHouseholdAndEveryMember() {
        String surname = token();
        Family family = Family.of("5106012001", surname);

        GraphQlTester.Response response = registering(family).execute();

        // head first, then oldest first
        List<Person> listed = Stream.concat(Stream.of(family.head()),
                family.members().stream().skip(1).sorted(Comparator.comparing(Person::birthDate))).toList();
        response.path("registerHousehold.kk").entity(String.class).isEqualTo(family.kk())
                .path("registerHousehold.version").entity(Long.class).isEqualTo(1L)
                .path("registerHousehold.status").entity(String.class).isEqualTo("ACTIVE")
                .path("registerHousehold.address").entity(String.class).isEqualTo(family.address())
                .path("registerHousehold.rt").entity(String.class).isEqualTo("001")
                .path("registerHousehold.rw").entity(String.class).isEqualTo("002")
                .path("registerHousehold.registeredAt").hasValue()
                .path("registerHousehold.village.code").entity(String.class).isEqualTo("51.06.01.2001")
                .path("registerHousehold.village.name").entity(String.class).isEqualTo("Apuan")
                .path("registerHousehold.village.level").entity(String.class).isEqualTo("VILLAGE")
                .path("registerHousehold.village.parent.code").entity(String.class).isEqualTo("51.06.01")
                .path("registerHousehold.head.nik").entity(String.class).isEqualTo(family.head().nik())
                .path("registerHousehold.members[*].nik").entityList(String.class)
                .containsExactly(listed.stream().map(Person::nik).toArray(String[]::new))
                .path("registerHousehold.members[*].relationship").entityList(String.class)
                .containsExactly(listed.stream().map(Person::relationship).toArray(String[]::new))
                .path("registerHousehold.members[*].sex").entityList(String.class)
                .containsExactly(listed.stream().map(Person::sex).toArray(String[]::new))
                .path("registerHousehold.members[*].birthDate").entityList(String.class)
                .containsExactly(listed.stream().map(person -> person.birthDate().toString()).toArray(String[]::new))
                .path("registerHousehold.members[*].version").entityList(Long.class).containsExactly(1L, 1L, 1L)
                .path("registerHousehold.members[*].household.kk").entityList(String.class)
                .containsExactly(family.kk(), family.kk(), family.kk())
                .path("registerHousehold.kkHistory").entityList(Object.class).hasSize(0)
                .path("registerHousehold.social").valueIsNull()
                .path("registerHousehold.housing").valueIsNull()
                .path("registerHousehold.benefits").entityList(Object.class).hasSize(0);

        HouseholdRecord household = householdRow(family.kk());
        assertThat(household.getVillageCode()).isEqualTo("51.06.01.2001");
        assertThat(household.getAddress()).isEqualTo(family.address());
        assertThat(household.getRt()).isEqualTo("001");
        assertThat(household.getRw()).isEqualTo("002");
        assertThat(household.getStatus()).isEqualTo(HouseholdStatus.ACTIVE);
        assertThat(household.getVersion()).isEqualTo(1L);
        List<MemberRecord> members = dsl.selectFrom(MEMBER).where(MEMBER.HOUSEHOLD_ID.eq(household.getId()))
                .orderBy(MEMBER.ID).fetch();
        assertThat(members).extracting(MemberRecord::getNik)
                .containsExactlyElementsOf(family.members().stream().map(Person::nik).toList());
        assertThat(members).extracting(MemberRecord::getName)
                .containsExactly("Wayan " + surname, "Ketut " + surname, "Made " + surname);
        assertThat(members).extracting(MemberRecord::getSex).containsExactly(Sex.MALE, Sex.FEMALE, Sex.MALE);
        assertThat(members).extracting(MemberRecord::getBirthDate)
                .containsExactlyElementsOf(family.members().stream().map(Person::birthDate).toList());
        assertThat(members).extracting(MemberRecord::getRelationship)
                .containsExactly(Relationship.HEAD, Relationship.SPOUSE, Relationship.CHILD);
    }

    @Test
    void membersAreListedHeadFirstThenOldestFirst() {
        Person child = Person.born(LocalDate.of(2015, 6, 1), true, "Putu " + token(), "CHILD");
        Person grandmother = Person.born(LocalDate.of(1950, 3, 3), true, "Nyoman " + token(), "PARENT");
        Person head = Person.born(LocalDate.of(1980, 1, 1), false, "Komang " + token(), "HEAD");
        Family family = Family.of(TestIdentities.VILLAGE, child, grandmother, head);
        register(family);

        graphQl.documentName("household").variable("kk", family.kk()).execute()
                .path("household.members[*].nik").entityList(String.class)
                .containsExactly(head.nik(), grandmother.nik(), child.nik());
    }

    @Test
    void householdIsFoundByItsKkAndMemberByTheirNik() {
        Family family = Family.of(TestIdentities.VILLAGE, token());
        Registered registered = register(family);

        graphQl.documentName("household").variable("kk", family.kk()).execute()
                .path("household.id").entity(String.class).isEqualTo(registered.id())
                .path("household.kk").entity(String.class).isEqualTo(family.kk())
                .path("household.head.nik").entity(String.class).isEqualTo(family.head().nik())
                .path("household.members").entityList(Object.class).hasSize(3);
        Person wife = family.members().get(1);
        graphQl.documentName("member").variable("nik", wife.nik()).execute()
                .path("member.id").entity(String.class).isEqualTo(registered.memberId(wife))
                .path("member.name").entity(String.class).isEqualTo(wife.name())
                .path("member.sex").entity(String.class).isEqualTo("FEMALE")
                .path("member.birthDate").entity(String.class).isEqualTo(wife.birthDate().toString())
                .path("member.relationship").entity(String.class).isEqualTo("SPOUSE")
                .path("member.household.kk").entity(String.class).isEqualTo(family.kk())
                .path("member.health").valueIsNull()
                .path("member.education").valueIsNull()
                .path("member.benefits").entityList(Object.class).hasSize(0)
                .path("member.moves").entityList(Object.class).hasSize(0);
    }

    @Test
    void unknownKkOrNikIsNull() {
        graphQl.documentName("household").variable("kk", TestIdentities.kk()).execute().path("household").valueIsNull();
        graphQl.documentName("member").variable("nik", Person.man("x", "HEAD").nik()).execute().path("member").valueIsNull();
    }

    @Test
    void malformedKkOrNikIsABadRequestNamingTheArgument() {
        for (String malformed : List.of("not a kk", "", "510601120380000", "51060112038000011", "5106011203800O01")) {
            refused(graphQl.documentName("household").variable("kk", malformed).execute(), "BAD_REQUEST", "kk");
            refused(graphQl.documentName("member").variable("nik", malformed).execute(), "BAD_REQUEST", "nik");
        }
    }

    @Test
    void nodeFindsHouseholdsMembersAndBenefitsByTheirGlobalId() {
        Family family = Family.of(TestIdentities.VILLAGE, token());
        Registered registered = register(family);
        EligibleHouseholds.qualify(dsl, family.kk(), null);
        String benefitId = graphQl.documentName("enrolBenefit").variable("input", input(
                        "programme", "PKH", "kk", family.kk(), "startsOn", "2025-01-01", "reason", "DTSEN decile 1"))
                .execute().path("enrolBenefit.id").entity(String.class).get();

        graphQl.documentName("node").variable("id", registered.id()).execute()
                .path("node.__typename").entity(String.class).isEqualTo("Household")
                .path("node.id").entity(String.class).isEqualTo(registered.id())
                .path("node.kk").entity(String.class).isEqualTo(family.kk());
        graphQl.documentName("node").variable("id", registered.memberId(family.members().get(2))).execute()
                .path("node.__typename").entity(String.class).isEqualTo("Member")
                .path("node.nik").entity(String.class).isEqualTo(family.members().get(2).nik());
        graphQl.documentName("node").variable("id", benefitId).execute()
                .path("node.__typename").entity(String.class).isEqualTo("Benefit")
                .path("node.id").entity(String.class).isEqualTo(benefitId)
                .path("node.programme.code").entity(String.class).isEqualTo("PKH")
                .path("node.household.kk").entity(String.class).isEqualTo(family.kk())
                .path("node.member").valueIsNull();
        assertThat(List.of(registered.id(), registered.memberId(family.head()), benefitId)).doesNotHaveDuplicates();
    }

    @Test
    void nodeOfABadOrUnknownIdIsNull() {
        for (String id : List.of("", "nonsense", "!!!", globalId("Household:999999999"), globalId("Member:0"),
                globalId("Benefit:-1"), globalId("Household:abc"), globalId("Household"), globalId(":1"),
                globalId("Region:51"), globalId("Programme:1"))) {
            graphQl.documentName("node").variable("id", id).execute().path("node").valueIsNull();
        }
    }

    private static String globalId(String plain) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void villageCodeWithoutDotsIsStoredWithDots() {
        Family family = Family.of("5106042023", token());
        register(family);
        assertThat(householdRow(family.kk()).getVillageCode()).isEqualTo("51.06.04.2023");
    }

    @Test
    void secondRegistrationOfSameKkIsConflict() {
        Family first = Family.of(TestIdentities.VILLAGE, token());
        Registered registered = register(first);
        Family second = Family.of(TestIdentities.OTHER_VILLAGE, token()).withKk(first.kk());

        ResponseError error = refusedRegistration(second, "CONFLICT", "input.kk");

        assertThat(error.getExtensions()).containsEntry("existingId", registered.id());
        assertThat(householdRow(first.kk()).getVillageCode()).isEqualTo(TestIdentities.VILLAGE);
    }

    @Test
    void kkThatAnotherHouseholdHeldEarlierIsConflict() {
        Family first = Family.of(TestIdentities.VILLAGE, token());
        Registered registered = register(first);
        graphQl.documentName("changeHouseholdKk").variable("input", input(
                "kk", first.kk(), "expectedVersion", 1, "newKk", TestIdentities.kk(), "reason", "Split of the family"))
                .execute().path("changeHouseholdKk.version").entity(Long.class).isEqualTo(2L);

        ResponseError error = refusedRegistration(Family.of(TestIdentities.VILLAGE, token()).withKk(first.kk()),
                "CONFLICT", "input.kk");

        assertThat(error.getExtensions()).containsEntry("existingId", registered.id());
        assertThat(error.getMessage()).contains("earlier");
    }

    @Test
    void personAlreadyRegisteredElsewhereIsConflictNamingThePerson() {
        Family first = Family.of(TestIdentities.VILLAGE, token());
        Registered registered = register(first);
        Person alreadyRegistered = first.members().get(1).as("SPOUSE");
        Family second = Family.of(TestIdentities.VILLAGE, token()).withMember(1, alreadyRegistered);

        ResponseError error = refusedRegistration(second, "CONFLICT", "input.members[1].nik");

        assertThat(error.getExtensions()).containsEntry("existingId", registered.memberId(alreadyRegistered));
        assertThat(memberRow(alreadyRegistered.nik()).getHouseholdId()).isEqualTo(householdRow(first.kk()).getId());
    }

    @Test
    void sameNikTwiceInOneRegistrationIsBadRequest() {
        Family family = Family.of(TestIdentities.VILLAGE, token());
        Person twin = family.members().get(2);
        Family twice = family.withMembers(family.members().get(0), twin, twin.withName("Kadek " + token()));

        refusedRegistration(twice, "BAD_REQUEST", "input.members[2].nik");
    }

    @Test
    void familyCardWithoutHeadIsBadRequest() {
        Family family = Family.of(TestIdentities.VILLAGE, token());
        Family headless = family.withMember(0, family.head().as("OTHER_RELATIVE"));

        ResponseError error = refusedRegistration(headless, "BAD_REQUEST", "input.members");

        assertThat(error.getMessage()).contains("head");
    }

    @Test
    void familyCardWithTwoHeadsIsBadRequest() {
        Family family = Family.of(TestIdentities.VILLAGE, token());
        Family twoHeads = family.withMember(1, family.members().get(1).as("HEAD"));

        refusedRegistration(twoHeads, "BAD_REQUEST", "input.members");
    }

    @Test
    void familyCardWithoutMembersIsBadRequest() {
        refusedRegistration(Family.of(TestIdentities.VILLAGE, token()).withMembers(), "BAD_REQUEST", "input.members");
    }

    @Test
    void kkThatIsNotSixteenDigitsIsBadRequest() {
        Family family = Family.of(TestIdentities.VILLAGE, token());
        for (String kk : List.of(family.kk().substring(0, 15), family.kk() + "1", family.kk().substring(0, 15) + "x",
                "", " " + family.kk().substring(1))) {
            ResponseError error = refusedRegistration(family.withKk(kk), "BAD_REQUEST", "input.kk");
            assertThat(error.getMessage()).contains("16 digits");
        }
    }

    @Test
    void kkOfAnUnknownDistrictIsBadRequest() {
        Family family = Family.of(TestIdentities.VILLAGE, token());
        // 51.06.09 is no district of Bangli; 51.06.01.20 is not a district code either
        for (String prefix : List.of("510609", "999999", "510600")) {
            ResponseError error = refusedRegistration(family.withKk(prefix + family.kk().substring(6)), "BAD_REQUEST", "input.kk");
            assertThat(error.getMessage()).contains(prefix);
        }
    }

    @Test
    void kkWithAnImpossibleIssueDateIsBadRequest() {
        Family family = Family.of(TestIdentities.VILLAGE, token());
        for (String date : List.of("320115", "001015", "151315", "150015", "290223", "310415")) {
            refusedRegistration(family.withKk("510601" + date + "0001"), "BAD_REQUEST", "input.kk");
        }
    }

    @Test
    void nikThatIsNotSixteenDigitsIsBadRequest() {
        Family family = Family.of(TestIdentities.VILLAGE, token());
        Person child = family.members().get(2);
        for (String nik : List.of(child.nik().substring(1), child.nik() + "0", child.nik().substring(0, 15) + "A")) {
            refusedRegistration(family.withMember(2, child.withNik(nik)), "BAD_REQUEST", "input.members[2].nik");
        }
    }

    @Test
    void nikOfAnUnknownDistrictIsBadRequest() {
        Family family = Family.of(TestIdentities.VILLAGE, token());
        Person wife = family.members().get(1);
        refusedRegistration(family.withMember(1, wife.withNik("519999" + wife.nik().substring(6))),
                "BAD_REQUEST", "input.members[1].nik");
    }

    @Test
    void nikIssuedInAnotherRegencyIsAccepted() {
        // the NIK names where it was first issued, not where the person lives now
        Family family = Family.of(TestIdentities.VILLAGE, token());
        Person head = family.head();
        Person fromSragen = head.withNik("331401" + head.nik().substring(6));
        register(family.withMember(0, fromSragen));
        assertThat(memberRow(fromSragen.nik()).getHouseholdId()).isEqualTo(householdRow(family.kk()).getId());
    }

    @Test
    void nikWithAnImpossibleBirthDateIsBadRequest() {
        Family family = Family.of(TestIdentities.VILLAGE, token());
        Person head = family.head();
        // day 32, day 0, month 13, month 0, a woman's day 72 (32 + 40), 31 April
        for (String date : List.of("320180", "000180", "151380", "150080", "720180", "310480")) {
            ResponseError error = refusedRegistration(
                    family.withMember(0, head.withNik("510601" + date + "0001")), "BAD_REQUEST", "input.members[0].nik");
            assertThat(error.getMessage()).contains("birth date");
        }
    }

    @Test
    void nikBornOnTwentyNinthFebruaryOfANonLeapYearIsBadRequest() {
        Family family = Family.of(TestIdentities.VILLAGE, token());
        Person head = family.head();
        // 29-02-83: neither 1983 nor 2083 is a leap year
        Person impossible = head.withNik("510601290283" + "0001").withBirthDate(LocalDate.of(1983, 3, 1));
        refusedRegistration(family.withMember(0, impossible), "BAD_REQUEST", "input.members[0].nik");
        // the same for a woman: day 29 + 40
        Person wife = family.members().get(1);
        Person impossibleWoman = wife.withNik("510601690283" + "0002").withBirthDate(LocalDate.of(1983, 3, 1));
        refusedRegistration(family.withMember(1, impossibleWoman), "BAD_REQUEST", "input.members[1].nik");
    }

    @Test
    void nikBornOnTwentyNinthFebruaryOfALeapYearIsAccepted() {
        Person leapDay = Person.born(LocalDate.of(1984, 2, 29), false, "Gede " + token(), "HEAD");
        Person leapDayWoman = Person.born(LocalDate.of(2000, 2, 29), true, "Luh " + token(), "CHILD");
        assertThat(leapDay.nik()).contains("290284");
        assertThat(leapDayWoman.nik()).contains("690200");
        Family family = Family.of(TestIdentities.VILLAGE, leapDay, leapDayWoman);
        register(family);
        assertThat(memberRow(leapDayWoman.nik()).getBirthDate()).isEqualTo(LocalDate.of(2000, 2, 29));
    }

    @Test
    void nikWhoseBirthDateDisagreesWithTheMemberIsBadRequest() {
        Family family = Family.of(TestIdentities.VILLAGE, token());
        Person wife = family.members().get(1);
        for (LocalDate other : List.of(wife.birthDate().plusDays(1), wife.birthDate().plusMonths(1),
                wife.birthDate().plusYears(1))) {
            ResponseError error = refusedRegistration(family.withMember(1, wife.withBirthDate(other)),
                    "BAD_REQUEST", "input.members[1].nik");
            assertThat(error.getMessage()).contains("born");
        }
    }

    @Test
    void nikWhoseSexDisagreesWithTheMemberIsBadRequest() {
        Family family = Family.of(TestIdentities.VILLAGE, token());
        ResponseError woman = refusedRegistration(family.withMember(1, family.members().get(1).withSex("MALE")),
                "BAD_REQUEST", "input.members[1].nik");
        assertThat(woman.getMessage()).contains("40");
        refusedRegistration(family.withMember(2, family.members().get(2).withSex("FEMALE")),
                "BAD_REQUEST", "input.members[2].nik");
    }

    @Test
    void birthDateInTheFutureIsBadRequest() {
        LocalDate tomorrow = LocalDate.now().plusDays(1);
        Family family = Family.of(TestIdentities.VILLAGE, token());
        Person unborn = Person.born(tomorrow, false, "Wayan " + token(), "CHILD");
        refusedRegistration(family.withMember(2, unborn), "BAD_REQUEST", "input.members[2].birthDate");
    }

    @Test
    void blankNameIsBadRequest() {
        Family family = Family.of(TestIdentities.VILLAGE, token());
        refusedRegistration(family.withMember(2, family.members().get(2).withName("   ")), "BAD_REQUEST",
                "input.members[2].name");
    }

    @Test
    void unknownVillageIsNotFound() {
        Family family = Family.of(TestIdentities.VILLAGE, token());
        // no such village; a district is no village; not a code at all
        for (String village : List.of("51.06.01.2999", "5106019999", "51.06.01", "nowhere")) {
            ResponseError error = refusedRegistration(family.withVillage(village), "NOT_FOUND", "input.villageCode");
            assertThat(error.getMessage()).contains(village);
        }
    }

    @Test
    void blankAddressOrMalformedRtRwIsBadRequest() {
        Family family = Family.of(TestIdentities.VILLAGE, token());
        refusedRegistration(family.withAddress(" ", "001", "002"), "BAD_REQUEST", "input.address");
        refusedRegistration(family.withAddress("Jalan Raya", "1234", "002"), "BAD_REQUEST", "input.rt");
        refusedRegistration(family.withAddress("Jalan Raya", "01", "RW2"), "BAD_REQUEST", "input.rw");
    }

    @Test
    void unexpectedFailureShowsNoStackTraceOrSqlAndWritesNothing() {
        // the database refuses the last member's row, in a way the hub does not foresee, after the
        // household and the first members were inserted
        Family family = Family.of(TestIdentities.VILLAGE, token());
        Person last = family.members().get(2);
        Family unstorable = family.withMember(2, last.withName("Made Unstorable " + token()));
        DatabaseSnapshot before = snapshot();

        GraphQlTester.Response response;
        try (UnforeseenConstraint refusing = UnforeseenConstraint.refusingNamesWith(dsl, "Unstorable")) {
            response = registering(unstorable).execute();
        }
        response.errors().satisfy(errors -> {
            assertThat(errors).hasSize(1);
            assertThat(errors.getFirst().getExtensions()).containsEntry("classification", "INTERNAL_ERROR");
            assertClerkCanRead(errors.getFirst());
            assertThat(errors.getFirst().getMessage()).doesNotContain("Unstorable", "Made");
        });
        Object data = response.returnResponse().getData();
        assertThat(data).isNull();

        assertThat(snapshot()).as("the whole registration is rolled back").isEqualTo(before);
        assertThat(dsl.fetchExists(HOUSEHOLD, HOUSEHOLD.KK.eq(family.kk()))).isFalse();
        assertThat(dsl.fetchExists(MEMBER, MEMBER.NIK.eq(family.head().nik()))).isFalse();
    }
}
