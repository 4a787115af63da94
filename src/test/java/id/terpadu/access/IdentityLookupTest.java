package id.terpadu.access;

import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static id.terpadu.db.Tables.IDENTITY_READ;
import static id.terpadu.db.Tables.MEMBER;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A role that sees NIKs and KKs masked learns nothing from the masked form, addresses records by
 * their global IDs, and pays for every whole number it gives to look a record up: each is logged as
 * an identity read, a request may hold only a few, and a caller may give only so many an hour (five
 * here, for the test; the hub's default is in the README).
 */
@TestPropertySource(properties = "terpadu.limits.identity-lookups-per-hour=5")
class IdentityLookupTest extends AccessTest {

    private static final String MEMBER_BY_NIK = "query($nik: String!) { member(nik: $nik) { id nik } }";

    @Test
    void aRoleThatSeesNiksMaskedMayLookUpOnlySoManyAnHourAndEachIsLogged() {
        Household household = register(APUAN, uniqueName());
        long headId = dsl.select(MEMBER.ID).from(MEMBER).where(MEMBER.NIK.eq(household.head().nik())).fetchSingle(MEMBER.ID);
        for (int i = 0; i < 5; i++) {
            Answer answer = ask("perkim", MEMBER_BY_NIK, "nik", household.head().nik());
            assertThat(answer.errors()).as(answer.body()).isEmpty();
            assertThat(answer.<String>data("member.nik")).isEqualTo(masked(household.head().nik()));
        }

        Answer sixth = ask("perkim", MEMBER_BY_NIK, "nik", household.head().nik());
        assertThat(sixth.classifications()).as(sixth.body()).containsExactly("BAD_REQUEST");
        assertThat(sixth.<String>at("$.errors[0].extensions.limit")).isEqualTo("identityLookups");
        assertThat(sixth.<Integer>at("$.errors[0].extensions.retryAfterSeconds")).isPositive();
        assertThat(sixth.hasData()).isFalse();
        // the allowance is the caller's own; a role that sees numbers whole is not limited
        assertThat(ask("dinkes", MEMBER_BY_NIK, "nik", household.head().nik()).errors()).isEmpty();
        for (int i = 0; i < 10; i++) {
            assertThat(ask("uptpk", MEMBER_BY_NIK, "nik", household.head().nik()).errors()).isEmpty();
        }
        // every look-up that ran is an identity read of the person, the refused one is not
        assertThat(dsl.fetchCount(IDENTITY_READ, IDENTITY_READ.MEMBER_ID.eq(headId)
                .and(IDENTITY_READ.USERNAME.eq("perkim")).and(IDENTITY_READ.FIELD.eq("lookup by NIK")))).isEqualTo(5);
    }

    @Test
    void manyLookUpsInOneRequestAreRefusedBeforeAnyRuns() {
        Household household = register(APUAN, uniqueName());
        String aliased = IntStream.range(0, 26)
                .mapToObj(i -> "m" + i + ": member(nik: \"" + household.child().nik() + "\") { id }")
                .collect(Collectors.joining(" ", "{ ", " }"));
        Answer batch = ask("disdik", aliased);
        assertThat(batch.classifications()).as(batch.body()).containsExactly("BAD_REQUEST");
        assertThat(batch.<String>at("$.errors[0].extensions.limit")).isEqualTo("maxAliases");
        assertThat(batch.hasData()).isFalse();
        // nothing of the allowance went: one look-up still runs, and only it is logged
        assertThat(ask("disdik", MEMBER_BY_NIK, "nik", household.child().nik()).errors()).isEmpty();
        assertThat(dsl.fetchCount(IDENTITY_READ, IDENTITY_READ.USERNAME.eq("disdik")
                .and(IDENTITY_READ.MEMBER_ID.eq(dsl.select(MEMBER.ID).from(MEMBER).where(MEMBER.NIK.eq(household.child().nik())))))).isEqualTo(1);
    }

    @Test
    void maskedNumbersTellRecordsApartAndHideTheDigitsBehindTheStars() {
        String name = uniqueName();
        Household one = register(APUAN, name);
        Household other = register(APUAN, name);
        Answer answer = ask("dinsos", "query($name: String!) { households(filter: {name: $name}) { edges { node { kk members { nik } } } } }",
                "name", name);
        List<String> kks = answer.data("households.edges[*].node.kk");
        List<String> niks = answer.data("households.edges[*].node.members[*].nik");
        assertThat(kks).hasSize(2).doesNotHaveDuplicates().allSatisfy(kk -> assertThat(kk).matches("5106\\*{8}[A-Z]{4}"));
        assertThat(niks).hasSize(4).doesNotHaveDuplicates().allSatisfy(nik -> assertThat(nik).matches("5106\\*{8}[A-Z]{4}"));
        // the tag is no part of the number: not its serial, which birth date, sex and village would complete
        for (String number : List.of(one.kk(), other.kk(), one.head().nik(), one.child().nik())) {
            assertThat(masked(number)).doesNotContain(number.substring(12)).doesNotContain(number.substring(4, 12));
        }
    }

    @Test
    void aRoleThatSeesKksMaskedDoesItsWorkByTheHouseholdsId() {
        Household household = register(APUAN, uniqueName());
        Answer byId = ask("dinsos", "mutation($input: AssignClusterInput!) { assignCluster(input: $input) { cluster { code } version } }",
                "input", Map.of("householdId", household.id(), "expectedVersion", 0, "cluster", "MENUR", "reason", "Verivali"));
        assertThat(byId.errors()).as(byId.body()).isEmpty();
        assertThat(byId.<String>data("assignCluster.cluster.code")).isEqualTo("MENUR");

        // the masked KK it sees names nothing: a clear refusal, not "no household holds this KK"
        Answer pasted = ask("dinsos", "mutation($input: AssignClusterInput!) { assignCluster(input: $input) { version } }",
                "input", Map.of("kk", masked(household.kk()), "expectedVersion", 1, "cluster", "MELATI", "reason", "Verivali"));
        assertThat(pasted.classifications()).as(pasted.body()).containsExactly("BAD_REQUEST");
        assertThat(pasted.errorFields()).containsExactly("input.kk");
        // both, or neither, is refused too
        Answer both = ask("dinsos", "mutation($input: AssignClusterInput!) { assignCluster(input: $input) { version } }",
                "input", Map.of("householdId", household.id(), "kk", household.kk(), "expectedVersion", 1, "cluster", "MELATI",
                        "reason", "Verivali"));
        assertThat(both.classifications()).as(both.body()).containsExactly("BAD_REQUEST");
        assertThat(both.errorFields()).containsExactly("input.householdId");
    }
}
