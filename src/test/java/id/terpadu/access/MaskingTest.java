package id.terpadu.access;

import id.terpadu.TestIdentities;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The agencies see NIK and KK masked, {@code 5106********0001}: enough to tell records apart,
 * not enough to misuse (UU 27/2022). UPT-PK and the village operator see them whole. Masking
 * holds wherever the numbers appear: nested, aliased, in fragments, through {@code node(id:)},
 * in the KK history and in what a mutation answers.
 */
class MaskingTest extends AccessTest {

    private static final String MASKED = "[0-9]{4}\\*{8}[A-Z]{4}";

    private Household household;
    private String oldKk;

    @BeforeEach
    void householdWithAnEarlierCard() {
        Household registered = register(APUAN, uniqueName());
        oldKk = registered.kk();
        String newKk = TestIdentities.kk();
        asUptpk("""
                mutation($kk: String!, $newKk: String!) {
                  changeHouseholdKk(input: {kk: $kk, expectedVersion: 1, newKk: $newKk, reason: "Head died"}) { version }
                }""", "kk", oldKk, "newKk", newKk);
        household = new Household(registered.id(), newKk, APUAN, registered.name(), registered.head(), registered.child());
    }

    private static final String CARD = """
            query($kk: String!, $nik: String!, $name: String!) {
              household(kk: $kk) { kk head { nik } members { nik } }
              member(nik: $nik) { nik household { kk } }
              households(filter: {name: $name}) { edges { node { kk } } }
            }""";

    @ParameterizedTest
    @ValueSource(strings = {"dinsos", "dinkes", "perkim"})
    void agenciesSeeIdentityNumbersMasked(String role) {
        Answer answer = ask(role, CARD, "kk", household.kk(), "nik", household.head().nik(), "name", household.name());
        assertThat(answer.errors()).as(answer.body()).isEmpty();
        String kk = masked(household.kk());
        assertThat(kk).matches(MASKED).startsWith("5106");
        assertThat(answer.<String>data("household.kk")).isEqualTo(kk);
        assertThat(answer.<String>data("household.head.nik")).isEqualTo(masked(household.head().nik()));
        assertThat(answer.<List<String>>data("household.members[*].nik"))
                .containsExactly(masked(household.head().nik()), masked(household.child().nik()));
        assertThat(answer.<String>data("member.nik")).isEqualTo(masked(household.head().nik()));
        assertThat(answer.<String>data("member.household.kk")).isEqualTo(kk);
        assertThat(answer.<List<String>>data("households.edges[*].node.kk")).containsExactly(kk);
        assertNoWholeNumber(answer);
    }

    @Test
    void educationOfficeSeesSchoolAgeMembersMaskedAndNoAdults() {
        Answer answer = ask("disdik", CARD, "kk", household.kk(), "nik", household.child().nik(), "name", household.name());
        assertThat(answer.errors()).as(answer.body()).isEmpty();
        String kk = masked(household.kk());
        assertThat(answer.<String>data("household.kk")).isEqualTo(kk);
        assertThat((Object) answer.data("household.head")).as("the head is an adult").isNull();
        assertThat(answer.<List<String>>data("household.members[*].nik")).containsExactly(masked(household.child().nik()));
        assertThat(answer.<String>data("member.nik")).isEqualTo(masked(household.child().nik()));
        assertThat(answer.<String>data("member.household.kk")).isEqualTo(kk);
        assertNoWholeNumber(answer);

        Answer adult = ask("disdik", "query($nik: String!) { member(nik: $nik) { nik } }", "nik", household.head().nik());
        assertThat((Object) adult.data("member")).as("an adult is outside the education office's rows").isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"uptpk", "desa"})
    void integratingUnitAndVillageSeeIdentityNumbersWhole(String role) {
        Answer answer = ask(role, CARD, "kk", household.kk(), "nik", household.head().nik(), "name", household.name());
        assertThat(answer.errors()).as(answer.body()).isEmpty();
        assertThat(answer.<String>data("household.kk")).isEqualTo(household.kk());
        assertThat(answer.<List<String>>data("household.members[*].nik"))
                .containsExactly(household.head().nik(), household.child().nik());
        assertThat(answer.<String>data("member.nik")).isEqualTo(household.head().nik());
        assertThat(answer.<List<String>>data("households.edges[*].node.kk")).containsExactly(household.kk());
    }

    @Test
    void earlierFamilyCardsAreMaskedForTheSocialOfficeAndWholeForUptpkAndVillage() {
        String history = "query($kk: String!) { household(kk: $kk) { kkHistory { kk reason } } }";
        // looked up by the earlier card, as a family that kept its old card would be
        Answer dinsos = ask("dinsos", history, "kk", oldKk);
        assertThat(dinsos.<List<String>>data("household.kkHistory[*].kk")).containsExactly(masked(oldKk));
        assertThat(dinsos.<List<String>>data("household.kkHistory[*].reason")).containsExactly("Head died");
        assertNoWholeNumber(dinsos);
        for (String role : List.of("uptpk", "desa")) {
            assertThat(ask(role, history, "kk", oldKk).<List<String>>data("household.kkHistory[*].kk")).as(role)
                    .containsExactly(oldKk);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dinsos", "dinkes"})
    void aliasesFragmentsAndNodeShowIdentityNumbersMaskedToo(String role) {
        Answer answer = ask(role, """
                query($kk: String!, $household: ID!, $member: ID!) {
                  card: household(kk: $kk) {
                    number: kk
                    ...Card
                    ... on Household { again: kk }
                    people: members { id: nik ...Person ... on Member { again: nik } }
                  }
                  h: node(id: $household) { ... on Household { kk } ...Card }
                  m: node(id: $member) { ... on Member { nik household { kk } } ...Person }
                }
                fragment Card on Household { kk }
                fragment Person on Member { nik }""",
                "kk", household.kk(), "household", household.id(), "member", household.child().id());
        assertThat(answer.errors()).as(answer.body()).isEmpty();
        String kk = masked(household.kk());
        String nik = masked(household.child().nik());
        assertThat(List.<String>of(answer.data("card.number"), answer.data("card.kk"), answer.data("card.again"),
                answer.data("h.kk"), answer.data("m.household.kk"))).containsOnly(kk);
        assertThat(answer.<List<String>>data("card.people[*].id")).containsExactly(masked(household.head().nik()), nik);
        assertThat(answer.<List<String>>data("card.people[*].again")).containsExactly(masked(household.head().nik()), nik);
        assertThat(answer.<String>data("m.nik")).isEqualTo(nik);
        assertNoWholeNumber(answer);
    }

    @Test
    void whatAMutationAnswersIsMaskedForTheAgencyThatRanIt() {
        Answer jkn = ask("dinkes", """
                mutation($nik: String!) {
                  updateJknStatus(input: {nik: $nik, expectedVersion: 0, segment: NONE, active: false}) {
                    member { nik household { kk } } }
                }""", "nik", household.child().nik());
        assertThat(jkn.errors()).as(jkn.body()).isEmpty();
        assertThat(jkn.<String>data("updateJknStatus.member.nik")).isEqualTo(masked(household.child().nik()));
        assertThat(jkn.<String>data("updateJknStatus.member.household.kk")).isEqualTo(masked(household.kk()));
        assertNoWholeNumber(jkn);

        Answer housing = ask("perkim", """
                mutation($kk: String!) {
                  recordHousingCondition(input: {kk: $kk, expectedVersion: 0, wall: BAMBOO, rtlhStatus: UNFIT}) {
                    household { kk members { nik } } }
                }""", "kk", household.kk());
        assertThat(housing.errors()).as(housing.body()).isEmpty();
        assertThat(housing.<String>data("recordHousingCondition.household.kk")).isEqualTo(masked(household.kk()));
        assertNoWholeNumber(housing);

        Answer rtlh = ask("perkim", """
                mutation($kk: String!, $today: Date!) {
                  enrolBenefit(input: {programme: "RTLH", kk: $kk, startsOn: $today, reason: "Unfit house"}) {
                    status household { kk } }
                }""", "kk", household.kk(), "today", LocalDate.now().toString());
        assertThat(rtlh.errors()).as(rtlh.body()).isEmpty();
        assertThat(rtlh.<String>data("enrolBenefit.status")).isEqualTo("PROPOSED");
        assertThat(rtlh.<String>data("enrolBenefit.household.kk")).isEqualTo(masked(household.kk()));
        assertNoWholeNumber(rtlh);

        Answer cluster = ask("dinsos", """
                mutation($kk: String!) {
                  assignCluster(input: {kk: $kk, expectedVersion: 0, cluster: "MENUR", reason: "Verified by UPT-PK"}) {
                    household { kk head { nik } } }
                }""", "kk", household.kk());
        assertThat(cluster.<String>data("assignCluster.household.kk")).isEqualTo(masked(household.kk()));
        assertThat(cluster.<String>data("assignCluster.household.head.nik")).isEqualTo(masked(household.head().nik()));
        assertNoWholeNumber(cluster);
    }

    private void assertNoWholeNumber(Answer answer) {
        assertThat(answer.body()).doesNotContain(household.kk(), oldKk, household.head().nik(), household.child().nik());
    }
}
