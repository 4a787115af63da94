package id.terpadu;

import org.junit.jupiter.api.Test;
import org.springframework.graphql.ResponseError;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Registering a NIK or KK that exists answers CONFLICT with a pointer a clerk can use: the record,
 * its NIK and its household's KK, masked as the caller sees identities; about a record outside the
 * caller's region it says no more than "already registered".
 */
class ExistingRecordPointerTest extends ApiTest {

    private ResponseError refusedRegistration(HttpGraphQlTester tester, Family family, String field) {
        return refusedWithoutWrites(tester.documentName("registerHousehold").variable("input", family.input()), "CONFLICT", field);
    }

    @Test
    void integratingUnitIsPointedToThePersonWithNikAndKkWhole() {
        Family first = Family.of(TestIdentities.VILLAGE, token());
        Registered registered = register(first);
        Person wife = first.members().get(1);

        ResponseError error = refusedRegistration(graphQl,
                Family.of(TestIdentities.OTHER_VILLAGE, token()).withMember(1, wife), "input.members[1].nik");

        assertThat(error.getExtensions())
                .containsEntry("existingId", registered.memberId(wife))
                .containsEntry("existingNik", wife.nik())
                .containsEntry("existingKk", first.kk());
    }

    @Test
    void integratingUnitIsPointedToTheHouseholdWithItsCurrentKk() {
        Family first = Family.of(TestIdentities.VILLAGE, token());
        Registered registered = register(first);

        ResponseError error = refusedRegistration(graphQl, Family.of(TestIdentities.OTHER_VILLAGE, token()).withKk(first.kk()), "input.kk");

        assertThat(error.getExtensions()).containsEntry("existingId", registered.id()).containsEntry("existingKk", first.kk());
    }

    @Test
    void villageOperatorIsPointedToAPersonOfItsOwnVillage() {
        Family first = Family.of(TestIdentities.VILLAGE, token());
        Registered registered = register(first);
        Person child = first.members().get(2);

        ResponseError error = refusedRegistration(as("desa"),
                Family.of(TestIdentities.VILLAGE, token()).withMember(2, child), "input.members[2].nik");

        assertThat(error.getExtensions())
                .containsEntry("existingId", registered.memberId(child))
                .containsEntry("existingNik", child.nik())
                .containsEntry("existingKk", first.kk());
    }

    @Test
    void villageOperatorLearnsNothingAboutAPersonOfAnotherVillageBeyondAlreadyRegistered() {
        Family elsewhere = Family.of(TestIdentities.OTHER_VILLAGE, token());
        register(elsewhere);
        Person wife = elsewhere.members().get(1);

        ResponseError error = refusedRegistration(as("desa"),
                Family.of(TestIdentities.VILLAGE, token()).withMember(1, wife), "input.members[1].nik");

        assertThat(error.getMessage()).isEqualTo("A person with this NIK is already registered.");
        assertThat(error.getExtensions()).containsOnlyKeys("classification", "field");
    }

    @Test
    void villageOperatorLearnsNothingAboutAFamilyCardOfAnotherVillageBeyondAlreadyRegistered() {
        Family elsewhere = Family.of(TestIdentities.OTHER_VILLAGE, token());
        register(elsewhere);

        ResponseError error = refusedRegistration(as("desa"), Family.of(TestIdentities.VILLAGE, token()).withKk(elsewhere.kk()), "input.kk");

        assertThat(error.getMessage()).isEqualTo("A household with this KK is already registered.");
        assertThat(error.getExtensions()).containsOnlyKeys("classification", "field");
    }
}
