package id.terpadu.access;

import id.terpadu.TestIdentities;
import id.terpadu.db.codes.BenefitStatus;
import id.terpadu.db.tables.records.HouseholdRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static id.terpadu.db.Tables.BENEFIT;
import static id.terpadu.db.Tables.HOUSEHOLD;
import static id.terpadu.db.Tables.MEMBER;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A token's {@code region} claim limits every read and write to that region: desa-a works in
 * Apuan, desa-b in Langgahan, the agencies in Bangli. A household, member or benefit outside the
 * region is the same as one that does not exist: null to read, NOT_FOUND to write, nothing
 * written. A role reads only the benefits of its programmes.
 */
class RowScopingTest extends AccessTest {

    private String name;
    private Household inApuan;
    private Household inLanggahan;
    private String langgahanPkh;
    private String langgahanKis;

    @BeforeEach
    void twoVillagesHouseholds() {
        name = uniqueName();
        inApuan = register(APUAN, name);
        inLanggahan = register(LANGGAHAN, name);
        langgahanPkh = enrol("PKH", inLanggahan.kk(), null);
        langgahanKis = enrol("KIS_PBI", null, inLanggahan.head().nik());
    }

    @Test
    void villageOperatorListsOnlyTheHouseholdsOfItsVillage() {
        String byName = """
                query($name: String!) {
                  households(filter: {name: $name}) { totalCount edges { node { kk village { code } } } }
                }""";
        Answer desaA = ask("desa-a", byName, "name", name);
        assertThat(desaA.<Integer>data("households.totalCount")).isEqualTo(1);
        assertThat(desaA.<List<String>>data("households.edges[*].node.kk")).containsExactly(inApuan.kk());
        Answer desaB = ask("desa-b", byName, "name", name);
        assertThat(desaB.<List<String>>data("households.edges[*].node.kk")).containsExactly(inLanggahan.kk());
        Answer uptpk = ask("uptpk", byName, "name", name);
        assertThat(uptpk.<List<String>>data("households.edges[*].node.kk")).containsExactlyInAnyOrder(inApuan.kk(), inLanggahan.kk());

        Answer everything = ask("desa-a", """
                { households(first: 100, orderBy: {field: VILLAGE, direction: DESC}) {
                    totalCount edges { node { village { code } } } } }""");
        assertThat(everything.<Integer>data("households.totalCount"))
                .isEqualTo(dsl.fetchCount(HOUSEHOLD, HOUSEHOLD.VILLAGE_CODE.eq(APUAN)));
        assertThat(everything.<List<String>>data("households.edges[*].node.village.code")).isNotEmpty().containsOnly(APUAN);

        Answer otherVillage = ask("desa-a", """
                query($region: String!) { households(filter: {region: $region}) { totalCount edges { node { kk } } } }""",
                "region", LANGGAHAN);
        assertThat(otherVillage.errors()).isEmpty();
        assertThat(otherVillage.<Integer>data("households.totalCount")).isZero();
        assertThat(otherVillage.<List<String>>data("households.edges")).isEmpty();
    }

    @Test
    void villageOperatorFindsNothingOutsideItsVillage() {
        String lookups = """
                query($kk: String!, $nik: String!, $household: ID!, $member: ID!, $pkh: ID!, $kis: ID!) {
                  household(kk: $kk) { kk }
                  member(nik: $nik) { nik }
                  h: node(id: $household) { id }
                  m: node(id: $member) { id }
                  pkh: node(id: $pkh) { id }
                  kis: node(id: $kis) { id }
                }""";
        Answer desaA = ask("desa-a", lookups, "kk", inLanggahan.kk(), "nik", inLanggahan.head().nik(),
                "household", inLanggahan.id(), "member", inLanggahan.head().id(), "pkh", langgahanPkh, "kis", langgahanKis);
        assertThat(desaA.errors()).as(desaA.body()).isEmpty();
        assertThat(desaA.<Map<String, Object>>at("$.data")).containsOnlyKeys("household", "member", "h", "m", "pkh", "kis")
                .allSatisfy((key, value) -> assertThat(value).as(key).isNull());
        assertThat(desaA.body()).doesNotContain(inLanggahan.kk(), inLanggahan.head().nik());

        Answer desaB = ask("desa-b", lookups, "kk", inLanggahan.kk(), "nik", inLanggahan.head().nik(),
                "household", inLanggahan.id(), "member", inLanggahan.head().id(), "pkh", langgahanPkh, "kis", langgahanKis);
        assertThat(desaB.<String>data("household.kk")).isEqualTo(inLanggahan.kk());
        assertThat(desaB.<String>data("member.nik")).isEqualTo(inLanggahan.head().nik());
        assertThat(desaB.<String>data("h.id")).isEqualTo(inLanggahan.id());
        assertThat(desaB.<String>data("m.id")).isEqualTo(inLanggahan.head().id());
        assertThat(desaB.<String>data("pkh.id")).isEqualTo(langgahanPkh);
        assertThat(desaB.<String>data("kis.id")).isEqualTo(langgahanKis);
    }

    @Test
    void movesShowNoHouseholdOutsideTheRegion() {
        asUptpk("""
                mutation($nik: String!, $toKk: String!, $today: Date!) {
                  moveMember(input: {nik: $nik, expectedVersion: 1, toKk: $toKk, relationship: OTHER_RELATIVE,
                                     movedOn: $today, reason: "Moved to her aunt"}) { version }
                }""", "nik", inLanggahan.child().nik(), "toKk", inApuan.kk(), "today", LocalDate.now().toString());
        String moves = "query($nik: String!) { member(nik: $nik) { moves { reason from { kk } to { kk } } } }";

        Answer desaA = ask("desa-a", moves, "nik", inLanggahan.child().nik());
        assertThat(desaA.<String>data("member.moves[0].reason")).isEqualTo("Moved to her aunt");
        assertThat(desaA.<Object>data("member.moves[0].from")).isNull();
        assertThat(desaA.<String>data("member.moves[0].to.kk")).isEqualTo(inApuan.kk());
        assertThat(desaA.body()).doesNotContain(inLanggahan.kk());

        assertThat(ask("desa-b", moves, "nik", inLanggahan.child().nik()).<Object>data("member")).isNull();
        assertThat(ask("uptpk", moves, "nik", inLanggahan.child().nik()).<String>data("member.moves[0].from.kk"))
                .isEqualTo(inLanggahan.kk());
    }

    @Test
    void villageOperatorCannotWriteOutsideItsVillage() {
        HouseholdRecord before = householdRow(inLanggahan);
        String newNik = TestIdentities.nik(true, LocalDate.of(1990, 6, 2));
        String newKk = TestIdentities.kk();
        String today = LocalDate.now().toString();

        assertNotFound(ask("desa-a", """
                mutation($kk: String!, $village: String!) {
                  updateHouseholdAddress(input: {kk: $kk, expectedVersion: 1, villageCode: $village, address: "Jalan Lain 1"}) { version }
                }""", "kk", inLanggahan.kk(), "village", LANGGAHAN), "input.kk");
        assertNotFound(ask("desa-a", """
                mutation($kk: String!, $member: NewMemberInput!) {
                  addMember(input: {kk: $kk, expectedVersion: 1, member: $member}) { id }
                }""", "kk", inLanggahan.kk(),
                "member", member(newNik, "Ni Luh " + name, "FEMALE", LocalDate.of(1990, 6, 2), "SPOUSE")), "input.kk");
        assertNotFound(ask("desa-a", """
                mutation($nik: String!, $toKk: String!, $today: Date!) {
                  moveMember(input: {nik: $nik, expectedVersion: 1, toKk: $toKk, relationship: CHILD, movedOn: $today, reason: "Moved"}) { version }
                }""", "nik", inApuan.child().nik(), "toKk", inLanggahan.kk(), "today", today), "input.toKk");
        assertNotFound(ask("desa-a", """
                mutation($nik: String!, $toKk: String!, $today: Date!) {
                  moveMember(input: {nik: $nik, expectedVersion: 1, toKk: $toKk, relationship: CHILD, movedOn: $today, reason: "Moved"}) { version }
                }""", "nik", inLanggahan.child().nik(), "toKk", inApuan.kk(), "today", today), "input.nik");
        assertNotFound(ask("desa-a", """
                mutation($kk: String!, $today: Date!) {
                  enrolBenefit(input: {programme: "BLT_DD", kk: $kk, startsOn: $today, reason: "Village deliberation"}) { id }
                }""", "kk", inLanggahan.kk(), "today", today), "input.kk");
        assertNotFound(ask("desa-a", """
                mutation($id: ID!, $today: Date!) {
                  stopBenefit(input: {id: $id, expectedVersion: 1, stoppedOn: $today, reason: "Left poverty"}) { id }
                }""", "id", langgahanPkh, "today", today), "input.id");
        assertNotFound(ask("desa-a", """
                mutation($kk: String!, $newKk: String!) {
                  changeHouseholdKk(input: {kk: $kk, expectedVersion: 1, newKk: $newKk, reason: "Split"}) { version }
                }""", "kk", inLanggahan.kk(), "newKk", newKk), "input.kk");
        // a village the operator can read in the region list but that lies outside its region is named as such
        Answer elsewhere = ask("desa-a", """
                mutation($input: RegisterHouseholdInput!) { registerHousehold(input: $input) { id } }""",
                "input", Map.of("kk", newKk, "villageCode", LANGGAHAN, "address", "Jalan Baru 2",
                        "members", List.of(member(newNik, "Ni Luh " + name, "FEMALE", LocalDate.of(1990, 6, 2), "HEAD"))));
        assertRefused(elsewhere, "FORBIDDEN", "input.villageCode");
        assertThat(elsewhere.body()).contains("lies outside your region");
        // its own household may not leave for another village either
        assertRefused(ask("desa-a", """
                mutation($kk: String!, $village: String!) {
                  updateHouseholdAddress(input: {kk: $kk, expectedVersion: 1, villageCode: $village, address: "Jalan Lain 1"}) { version }
                }""", "kk", inApuan.kk(), "village", LANGGAHAN), "FORBIDDEN", "input.villageCode");

        HouseholdRecord after = householdRow(inLanggahan);
        assertThat(after.getAddress()).isEqualTo(before.getAddress());
        assertThat(after.getKk()).isEqualTo(inLanggahan.kk());
        assertThat(after.getVersion()).isEqualTo(before.getVersion());
        assertThat(after.getUpdatedAt()).isEqualTo(before.getUpdatedAt());
        assertThat(dsl.fetchCount(MEMBER, MEMBER.HOUSEHOLD_ID.eq(rowId(inLanggahan.id())))).isEqualTo(2);
        assertThat(dsl.fetchExists(MEMBER, MEMBER.NIK.eq(newNik))).isFalse();
        assertThat(dsl.fetchExists(HOUSEHOLD, HOUSEHOLD.KK.eq(newKk))).isFalse();
        assertThat(dsl.select(MEMBER.HOUSEHOLD_ID).from(MEMBER).where(MEMBER.NIK.eq(inApuan.child().nik())).fetchOne(MEMBER.HOUSEHOLD_ID))
                .isEqualTo(rowId(inApuan.id()));
        assertThat(dsl.select(MEMBER.HOUSEHOLD_ID).from(MEMBER).where(MEMBER.NIK.eq(inLanggahan.child().nik())).fetchOne(MEMBER.HOUSEHOLD_ID))
                .isEqualTo(rowId(inLanggahan.id()));
        assertThat(dsl.select(BENEFIT.PROGRAMME_CODE, BENEFIT.STATUS).from(BENEFIT)
                .where(BENEFIT.HOUSEHOLD_ID.eq(rowId(inLanggahan.id()))).fetch().map(row -> row.value1() + " " + row.value2()))
                .containsExactly("PKH ACTIVE");
        assertThat(householdRow(inApuan).getVillageCode()).isEqualTo(APUAN);
    }

    @Test
    void villageOperatorRegistersAndChangesHouseholdsOfItsOwnVillage() {
        LocalDate birth = LocalDate.of(1988, 2, 14);
        String kk = TestIdentities.kk();
        Answer registered = ask("desa-a", """
                mutation($input: RegisterHouseholdInput!) { registerHousehold(input: $input) { kk village { code } } }""",
                "input", Map.of("kk", kk, "villageCode", APUAN, "address", "Banjar Apuan 3",
                        "members", List.of(member(TestIdentities.nik(false, birth), "Made " + name, "MALE", birth, "HEAD"))));
        assertThat(registered.errors()).as(registered.body()).isEmpty();
        assertThat(registered.<String>data("registerHousehold.village.code")).isEqualTo(APUAN);
        assertThat(dsl.select(HOUSEHOLD.VILLAGE_CODE).from(HOUSEHOLD).where(HOUSEHOLD.KK.eq(kk)).fetchOne(HOUSEHOLD.VILLAGE_CODE))
                .isEqualTo(APUAN);

        Answer moved = ask("desa-a", """
                mutation($kk: String!) {
                  updateHouseholdAddress(input: {kk: $kk, expectedVersion: 1, villageCode: "5106012001", address: "Banjar Kawan 9"}) { address }
                }""", "kk", inApuan.kk());
        assertThat(moved.errors()).as(moved.body()).isEmpty();
        assertThat(householdRow(inApuan).getAddress()).isEqualTo("Banjar Kawan 9");
    }

    @Test
    void familyCardOfAnotherVillageCannotBeRegisteredAgainAndStaysUnnamed() {
        String earlierKk = inLanggahan.kk();
        String currentKk = TestIdentities.kk();
        asUptpk("""
                mutation($kk: String!, $newKk: String!) {
                  changeHouseholdKk(input: {kk: $kk, expectedVersion: 1, newKk: $newKk, reason: "Moved"}) { version }
                }""", "kk", earlierKk, "newKk", currentKk);
        LocalDate birth = LocalDate.of(1991, 8, 30);
        for (String kk : List.of(currentKk, earlierKk)) {
            String nik = TestIdentities.nik(false, birth);
            Answer answer = ask("desa-a", """
                    mutation($input: RegisterHouseholdInput!) { registerHousehold(input: $input) { id } }""",
                    "input", Map.of("kk", kk, "villageCode", APUAN, "address", "Banjar Apuan 4",
                            "members", List.of(member(nik, "Komang " + name, "MALE", birth, "HEAD"))));
            // one card, one household, hub-wide; which household holds it is not said
            assertThat(answer.classifications()).as(answer.body()).containsExactly("CONFLICT");
            assertThat(answer.errorFields()).containsExactly("input.kk");
            assertThat(answer.body()).doesNotContain("existingId", inLanggahan.id());
            assertThat(dsl.fetchExists(MEMBER, MEMBER.NIK.eq(nik))).isFalse();
            assertThat(dsl.fetchCount(HOUSEHOLD, HOUSEHOLD.KK.eq(kk).and(HOUSEHOLD.VILLAGE_CODE.eq(APUAN)))).isZero();

            Answer change = ask("desa-a", """
                    mutation($kk: String!, $newKk: String!) {
                      changeHouseholdKk(input: {kk: $kk, expectedVersion: 1, newKk: $newKk, reason: "New card"}) { version }
                    }""", "kk", inApuan.kk(), "newKk", kk);
            assertThat(change.classifications()).as(change.body()).containsExactly("CONFLICT");
            assertThat(change.errorFields()).containsExactly("input.newKk");
            assertThat(change.body()).doesNotContain("existingId", inLanggahan.id());
            assertThat(householdRow(inApuan).getKk()).isEqualTo(inApuan.kk());
        }
    }

    @Test
    void agenciesSeeNoHouseholdOutsideTheirRegency() {
        // a household in Badung (51.03), written straight into the database: no demo user may register there
        String kk = TestIdentities.kk();
        long id = dsl.insertInto(HOUSEHOLD).set(HOUSEHOLD.KK, kk).set(HOUSEHOLD.VILLAGE_CODE, "51.03.02.2001")
                .set(HOUSEHOLD.ADDRESS, "Jalan Munggu 1").returning(HOUSEHOLD.ID).fetchOne(HOUSEHOLD.ID);
        String globalId = java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString(("Household:" + id).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        for (String user : List.of("uptpk", "dinsos", "perkim")) {
            Answer answer = ask(user, """
                    query($kk: String!, $id: ID!) {
                      household(kk: $kk) { id }
                      node(id: $id) { id }
                      households(filter: {region: "51.03"}) { totalCount }
                    }""", "kk", kk, "id", globalId);
            assertThat(answer.errors()).as(answer.body()).isEmpty();
            assertThat(answer.<Object>data("household")).as(user).isNull();
            assertThat(answer.<Object>data("node")).as(user).isNull();
            assertThat(answer.<Integer>data("households.totalCount")).as(user).isZero();
        }
        assertNotFound(ask("uptpk", """
                mutation($kk: String!) {
                  updateHouseholdAddress(input: {kk: $kk, expectedVersion: 1, villageCode: "51.06.01.2001", address: "Pindah"}) { version }
                }""", "kk", kk), "input.kk");
        assertThat(dsl.fetchOne(HOUSEHOLD, HOUSEHOLD.ID.eq(id)).getVillageCode()).isEqualTo("51.03.02.2001");
    }

    @Test
    void eachAgencyReadsOnlyTheBenefitsOfItsProgrammes() {
        Household household = inApuan;
        String pkh = enrol("PKH", household.kk(), null);
        String rtlh = enrol("RTLH", household.kk(), null);
        // BLT-DD is not given alongside PKH: last year's, before PKH started
        int lastYear = LocalDate.now().getYear() - 1;
        enrol("BLT_DD", household.kk(), null, LocalDate.of(lastYear, 1, 1), LocalDate.of(lastYear, 12, 31));
        String kis = enrol("KIS_PBI", null, household.child().nik());
        enrol("PIP", null, household.child().nik());
        String householdBenefits = "query($kk: String!) { household(kk: $kk) { benefits { id programme { code } } } }";
        String memberBenefits = "query($nik: String!) { member(nik: $nik) { benefits { id programme { code } } } }";

        assertThat(ask("perkim", householdBenefits, "kk", household.kk()).<List<String>>data("household.benefits[*].programme.code"))
                .containsExactly("RTLH");
        assertThat(ask("dinsos", householdBenefits, "kk", household.kk()).<List<String>>data("household.benefits[*].programme.code"))
                .containsExactlyInAnyOrder("PKH", "RTLH", "BLT_DD");
        assertThat(ask("dinkes", memberBenefits, "nik", household.child().nik()).<List<String>>data("member.benefits[*].programme.code"))
                .containsExactly("KIS_PBI");
        assertThat(ask("disdik", memberBenefits, "nik", household.child().nik()).<List<String>>data("member.benefits[*].programme.code"))
                .containsExactly("PIP");
        assertThat(ask("desa", memberBenefits, "nik", household.child().nik()).<List<String>>data("member.benefits[*].programme.code"))
                .containsExactlyInAnyOrder("KIS_PBI", "PIP");

        String node = "query($id: ID!) { node(id: $id) { id ... on Benefit { programme { code } } } }";
        assertThat(ask("perkim", node, "id", pkh).<Object>data("node")).isNull();
        assertThat(ask("perkim", node, "id", kis).<Object>data("node")).isNull();
        assertThat(ask("perkim", node, "id", rtlh).<String>data("node.programme.code")).isEqualTo("RTLH");
        assertThat(ask("dinkes", node, "id", pkh).<Object>data("node")).isNull();
        assertThat(ask("dinkes", node, "id", kis).<String>data("node.programme.code")).isEqualTo("KIS_PBI");

        // a benefit the role does not read is one that does not exist, to stop as well
        assertNotFound(ask("perkim", """
                mutation($id: ID!, $today: Date!) {
                  stopBenefit(input: {id: $id, expectedVersion: 1, stoppedOn: $today, reason: "Left poverty"}) { id }
                }""", "id", pkh, "today", LocalDate.now().toString()), "input.id");
        assertThat(dsl.fetchOne(BENEFIT, BENEFIT.ID.eq(rowId(pkh))).getStatus()).isEqualTo(BenefitStatus.ACTIVE);
    }

    private HouseholdRecord householdRow(Household household) {
        return dsl.fetchOne(HOUSEHOLD, HOUSEHOLD.ID.eq(rowId(household.id())));
    }

    private static void assertNotFound(Answer answer, String field) {
        assertRefused(answer, "NOT_FOUND", field);
    }

    private static void assertRefused(Answer answer, String classification, String field) {
        assertThat(answer.classifications()).as(answer.body()).containsExactly(classification);
        assertThat(answer.errorFields()).as(answer.body()).containsExactly(field);
        assertThat(answer.hasData()).as(answer.body()).isFalse();
    }
}
