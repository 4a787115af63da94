package id.terpadu;

import id.terpadu.db.codes.HouseholdStatus;
import org.junit.jupiter.api.Test;
import org.springframework.graphql.ResponseError;
import org.springframework.graphql.test.tester.GraphQlTester;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

import static id.terpadu.db.Tables.HOUSEHOLD;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The list of households as a Relay connection: filters, orders and cursors. Each test names its
 * households with a word of its own and filters by it, so other tests' households never count.
 * Households are placed in villages of Kintamani that only this class uses.
 */
class HouseholdSearchTest extends ApiTest {

    private static final String SATRA = "51.06.04.2040";
    private static final String DAUSA = "51.06.04.2041";
    private static final String BANTANG = "51.06.04.2042";

    /** A household this test registered, as the list shows it. */
    private record Listed(long id, String globalId, String kk, String village) {
    }

    private Listed registerIn(String village, String name) {
        Family family = Family.of(village, name);
        Registered registered = register(family);
        String plain = new String(Base64.getUrlDecoder().decode(registered.id()), StandardCharsets.UTF_8);
        return new Listed(Long.parseLong(plain.substring(plain.indexOf(':') + 1)), registered.id(), family.kk(),
                village);
    }

    private GraphQlTester.Request<?> households(Map<String, Object> filter, Integer first, String after,
                                                Map<String, Object> orderBy) {
        return graphQl.documentName("households")
                .variable("filter", filter)
                .variable("first", first)
                .variable("after", after)
                .variable("orderBy", orderBy);
    }

    /** The KKs of the households matching a filter, in list order, read from one page of up to 100. */
    private List<String> kks(Map<String, Object> filter) {
        GraphQlTester.Response response = households(filter, 100, null, null).execute();
        List<String> kks = response.path("households.edges[*].node.kk").entityList(String.class).get();
        response.path("households.totalCount").entity(Integer.class).isEqualTo(kks.size())
                .path("households.pageInfo.hasNextPage").entity(Boolean.class).isEqualTo(false);
        return kks;
    }

    /** Enrols as UPT-PK, the household first made to meet the programme's eligibility rules. */
    private void enrol(Map<String, Object> input) {
        EligibleHouseholds.qualify(dsl, (String) input.get("kk"), (String) input.get("nik"));
        if ("KIS_PBI".equals(input.get("programme"))) {
            input.put("funding", "APBN");
        }
        graphQl.documentName("enrolBenefit").variable("input", input).execute().path("enrolBenefit.id").hasValue();
    }

    // paging and order

    @Test
    void pagingThroughEveryOrderVisitsEachHouseholdOnceInOrder() {
        String name = token();
        List<Listed> registered = new ArrayList<>();
        for (String village : List.of(DAUSA, SATRA, BANTANG, SATRA, DAUSA, SATRA, BANTANG)) {
            registered.add(registerIn(village, name));
        }
        Comparator<Listed> byRegistration = Comparator.comparingLong(Listed::id);
        Map<String, Comparator<Listed>> orders = Map.of(
                "REGISTERED", byRegistration,
                "KK", Comparator.comparing(Listed::kk),
                "VILLAGE", Comparator.comparing(Listed::village).thenComparing(byRegistration));

        for (var order : orders.entrySet()) {
            for (String direction : List.of("ASC", "DESC")) {
                Comparator<Listed> comparator = direction.equals("ASC") ? order.getValue() : order.getValue().reversed();
                List<String> expected = registered.stream().sorted(comparator).map(Listed::globalId).toList();
                assertThat(pageThrough(Map.of("name", name), 3, Map.of("field", order.getKey(), "direction", direction)))
                        .as("%s %s", order.getKey(), direction)
                        .containsExactlyElementsOf(expected);
            }
        }
        // registration order, ascending, when nothing or only the field is given
        List<String> byId = registered.stream().sorted(byRegistration).map(Listed::globalId).toList();
        assertThat(pageThrough(Map.of("name", name), 3, null)).containsExactlyElementsOf(byId);
        assertThat(pageThrough(Map.of("name", name), 2, Map.of("field", "REGISTERED"))).containsExactlyElementsOf(byId);
    }

    /** Follows endCursor page by page, checking each page, and answers the IDs in the order seen. */
    private List<String> pageThrough(Map<String, Object> filter, int pageSize, Map<String, Object> orderBy) {
        List<String> seen = new ArrayList<>();
        String after = null;
        boolean hasNext = true;
        int total = -1;
        for (int page = 0; hasNext; page++) {
            assertThat(page).as("pages").isLessThan(100);
            GraphQlTester.Response response = households(filter, pageSize, after, orderBy).execute();
            List<String> ids = response.path("households.edges[*].node.id").entityList(String.class).get();
            List<String> cursors = response.path("households.edges[*].cursor").entityList(String.class).get();
            int totalCount = response.path("households.totalCount").entity(Integer.class).get();
            hasNext = response.path("households.pageInfo.hasNextPage").entity(Boolean.class).get();
            boolean hasPrevious = response.path("households.pageInfo.hasPreviousPage").entity(Boolean.class).get();
            assertThat(hasPrevious).as("hasPreviousPage of page %d", page).isEqualTo(page > 0);
            if (total >= 0) {
                assertThat(totalCount).as("totalCount is the same on every page").isEqualTo(total);
            }
            total = totalCount;
            assertThat(ids).hasSize(hasNext ? pageSize : total - seen.size());
            assertThat(cursors).hasSameSizeAs(ids).doesNotHaveDuplicates();
            if (!ids.isEmpty()) {
                response.path("households.pageInfo.startCursor").entity(String.class).isEqualTo(cursors.getFirst())
                        .path("households.pageInfo.endCursor").entity(String.class).isEqualTo(cursors.getLast());
            }
            seen.addAll(ids);
            after = cursors.isEmpty() ? null : cursors.getLast();
        }
        assertThat(seen).as("no household twice").doesNotHaveDuplicates().hasSize(total);
        return seen;
    }

    @Test
    void pageSizeIsTwentyWhenOmittedAndUpToAHundred() {
        String name = token();
        for (int i = 0; i < 21; i++) {
            registerIn(SATRA, name);
        }
        households(Map.of("name", name), null, null, null).execute()
                .path("households.edges").entityList(Object.class).hasSize(20)
                .path("households.totalCount").entity(Integer.class).isEqualTo(21)
                .path("households.pageInfo.hasNextPage").entity(Boolean.class).isEqualTo(true);
        households(Map.of("name", name), 100, null, null).execute()
                .path("households.edges").entityList(Object.class).hasSize(21)
                .path("households.pageInfo.hasNextPage").entity(Boolean.class).isEqualTo(false);
        households(Map.of("name", name), 21, null, null).execute()
                .path("households.edges").entityList(Object.class).hasSize(21)
                .path("households.pageInfo.hasNextPage").entity(Boolean.class).isEqualTo(false);
    }

    @Test
    void pageSizeOutsideOneToAHundredIsBadRequest() {
        for (int first : List.of(0, 101, -1)) {
            ResponseError error = refused(households(null, first, null, null).execute(), "BAD_REQUEST", "first");
            assertThat(error.getMessage()).contains("100");
        }
    }

    @Test
    void cursorOfAnotherSortOrderIsBadRequest() {
        String name = token();
        registerIn(SATRA, name);
        registerIn(DAUSA, name);
        String byKk = households(Map.of("name", name), 1, null, Map.of("field", "KK")).execute()
                .path("households.pageInfo.endCursor").entity(String.class).get();
        String byVillage = households(Map.of("name", name), 1, null, Map.of("field", "VILLAGE", "direction", "DESC"))
                .execute().path("households.pageInfo.endCursor").entity(String.class).get();

        refused(households(Map.of("name", name), 1, byKk, null).execute(), "BAD_REQUEST", "after");
        refused(households(Map.of("name", name), 1, byKk, Map.of("field", "VILLAGE")).execute(), "BAD_REQUEST", "after");
        refused(households(Map.of("name", name), 1, byVillage, Map.of("field", "REGISTERED")).execute(), "BAD_REQUEST", "after");
        // in its own order the cursor continues
        households(Map.of("name", name), 1, byKk, Map.of("field", "KK")).execute()
                .path("households.edges").entityList(Object.class).hasSize(1);
    }

    @Test
    void cursorThatIsNoCursorIsBadRequest() {
        String forged = Base64.getUrlEncoder().withoutPadding().encodeToString("REGISTERED|abc".getBytes(StandardCharsets.UTF_8));
        String truncated = Base64.getUrlEncoder().withoutPadding().encodeToString("VILLAGE|51.06".getBytes(StandardCharsets.UTF_8));
        for (String cursor : List.of("nonsense", "%%%", "", forged, truncated)) {
            refused(households(null, 5, cursor, Map.of("field", cursor.equals(truncated) ? "VILLAGE" : "REGISTERED"))
                    .execute(), "BAD_REQUEST", "after");
        }
    }

    @Test
    void noMatchIsAnEmptyPage() {
        households(Map.of("name", token()), 10, null, null).execute()
                .path("households.totalCount").entity(Integer.class).isEqualTo(0)
                .path("households.edges").entityList(Object.class).hasSize(0)
                .path("households.pageInfo.hasNextPage").entity(Boolean.class).isEqualTo(false)
                .path("households.pageInfo.hasPreviousPage").entity(Boolean.class).isEqualTo(false)
                .path("households.pageInfo.startCursor").valueIsNull()
                .path("households.pageInfo.endCursor").valueIsNull();
    }

    // filters

    @Test
    void regionFilterTakesAnyLevelWithOrWithoutDots() {
        String name = token();
        Listed satra1 = registerIn(SATRA, name);
        Listed satra2 = registerIn(SATRA, name);
        Listed dausa = registerIn(DAUSA, name);
        Listed susut = registerIn(TestIdentities.VILLAGE, name);

        for (String bangli : List.of("51.06", "5106", "51")) {
            assertThat(kks(Map.of("name", name, "region", bangli))).as(bangli)
                    .containsExactlyInAnyOrder(satra1.kk(), satra2.kk(), dausa.kk(), susut.kk());
        }
        for (String kintamani : List.of("51.06.04", "510604")) {
            assertThat(kks(Map.of("name", name, "region", kintamani))).as(kintamani)
                    .containsExactlyInAnyOrder(satra1.kk(), satra2.kk(), dausa.kk());
        }
        for (String village : List.of(SATRA, "5106042040")) {
            assertThat(kks(Map.of("name", name, "region", village))).as(village)
                    .containsExactlyInAnyOrder(satra1.kk(), satra2.kk());
        }
        assertThat(kks(Map.of("name", name, "region", "51.06.01"))).containsExactly(susut.kk());
        assertThat(kks(Map.of("name", name, "region", "33.14"))).isEmpty();
        // 51.06.04.204 is no code, and not a prefix of Satra's either
        households(Map.of("region", "51.06.04.2040"), 100, null, null).execute()
                .path("households.edges[*].node.village.code").entityList(String.class)
                .satisfies(codes -> assertThat(codes).containsOnly(SATRA));
    }

    @Test
    void unknownRegionIsNotFound() {
        for (String region : List.of("51.06.09", "99", "5106049999", "51.06.04.204", "Bangli")) {
            ResponseError error = refused(households(Map.of("region", region), 10, null, null).execute(),
                    "NOT_FOUND", "filter.region");
            assertThat(error.getMessage()).contains(region);
        }
    }

    @Test
    void unknownClusterOrProgrammeIsNotFound() {
        ResponseError cluster = refused(households(Map.of("cluster", "MAWAR"), 10, null, null).execute(),
                "NOT_FOUND", "filter.cluster");
        assertThat(cluster.getMessage()).contains("MAWAR");
        ResponseError programme = refused(households(Map.of("programme", "RASKIN"), 10, null, null).execute(),
                "NOT_FOUND", "filter.programme");
        assertThat(programme.getMessage()).contains("RASKIN");
    }

    @Test
    void statusFilterLeavesOutDissolvedFamilyCards() {
        String name = token();
        Listed living = registerIn(BANTANG, name);
        Listed dissolved = registerIn(BANTANG, name);
        dsl.update(HOUSEHOLD).set(HOUSEHOLD.STATUS, HouseholdStatus.DISSOLVED).where(HOUSEHOLD.ID.eq(dissolved.id())).execute();

        assertThat(kks(Map.of("name", name, "status", "ACTIVE"))).containsExactly(living.kk());
        assertThat(kks(Map.of("name", name, "status", "DISSOLVED"))).containsExactly(dissolved.kk());
        assertThat(kks(Map.of("name", name))).containsExactlyInAnyOrder(living.kk(), dissolved.kk());
    }

    @Test
    void clusterFilterFindsHouseholdsAssignedThatCluster() {
        String name = token();
        Listed melati = registerIn(BANTANG, name);
        Listed menur = registerIn(BANTANG, name);
        Listed removed = registerIn(BANTANG, name);
        registerIn(BANTANG, name);
        assign(melati.kk(), 0, "MELATI");
        assign(menur.kk(), 0, "MENUR");
        assign(removed.kk(), 0, "MELATI");
        assign(removed.kk(), 1, null);

        assertThat(kks(Map.of("name", name, "cluster", "MELATI"))).containsExactly(melati.kk());
        assertThat(kks(Map.of("name", name, "cluster", "MENUR"))).containsExactly(menur.kk());
        assertThat(kks(Map.of("name", name, "cluster", "KENANGA"))).isEmpty();
    }

    private void assign(String kk, long version, String cluster) {
        graphQl.documentName("assignCluster").variable("input",
                input("kk", kk, "expectedVersion", version, "cluster", cluster, "reason", "Verivali 2025")).execute()
                .path("assignCluster.version").hasValue();
    }

    @Test
    void programmeFilterFindsHouseholdsThatHoldItTodayThemselvesOrThroughAMember() {
        String name = token();
        LocalDate today = LocalDate.now();
        Listed active = registerIn(DAUSA, name);
        Listed approved = registerIn(DAUSA, name);
        Listed endsToday = registerIn(DAUSA, name);
        Listed proposed = registerIn(DAUSA, name);
        Listed stoppedToday = registerIn(DAUSA, name);
        Listed expired = registerIn(DAUSA, name);
        Listed future = registerIn(DAUSA, name);
        Listed otherProgramme = registerIn(DAUSA, name);
        Family insuredFamily = Family.of(DAUSA, name);
        register(insuredFamily);
        Family proposedInsurance = Family.of(DAUSA, name);
        register(proposedInsurance);

        enrol(household("PKH", active.kk(), "ACTIVE", today.minusYears(1), null));
        enrol(household("PKH", approved.kk(), "APPROVED", today.minusMonths(1), today.plusMonths(5)));
        enrol(household("PKH", endsToday.kk(), "ACTIVE", today.minusMonths(6), today));
        enrol(household("PKH", proposed.kk(), "PROPOSED", today.minusMonths(1), null));
        enrol(household("PKH", stoppedToday.kk(), "ACTIVE", today.minusMonths(6), null));
        String stopped = graphQl.documentName("household").variable("kk", stoppedToday.kk()).execute()
                .path("household.benefits[0].id").entity(String.class).get();
        graphQl.documentName("stopBenefit").variable("input", input("id", stopped, "expectedVersion", 1,
                "stoppedOn", today, "reason", "Left poverty")).execute().path("stopBenefit.status").hasValue();
        enrol(household("PKH", expired.kk(), "ACTIVE", today.minusYears(1), today.minusDays(1)));
        enrol(household("PKH", future.kk(), "APPROVED", today.plusDays(1), null));
        enrol(household("BPNT", otherProgramme.kk(), "ACTIVE", today.minusYears(1), null));
        enrol(input("programme", "KIS_PBI", "nik", insuredFamily.members().get(2).nik(), "startsOn", today.minusYears(1),
                "status", "ACTIVE", "reason", "Uninsured"));
        enrol(input("programme", "KIS_PBI", "nik", proposedInsurance.head().nik(), "startsOn", today.minusYears(1),
                "status", "PROPOSED", "reason", "Uninsured"));

        assertThat(kks(Map.of("name", name, "programme", "PKH")))
                .containsExactlyInAnyOrder(active.kk(), approved.kk(), endsToday.kk());
        assertThat(kks(Map.of("name", name, "programme", "KIS_PBI"))).containsExactly(insuredFamily.kk());
        assertThat(kks(Map.of("name", name, "programme", "BPNT"))).containsExactly(otherProgramme.kk());
        assertThat(kks(Map.of("name", name, "programme", "PIP"))).isEmpty();
    }

    private static Map<String, Object> household(String programme, String kk, String status, LocalDate startsOn,
                                                 LocalDate endsOn) {
        return input("programme", programme, "kk", kk, "status", status, "startsOn", startsOn, "endsOn", endsOn,
                "reason", "DTSEN decile 2");
    }

    @Test
    void jknSegmentFilterFindsHouseholdsWithAMemberInThatSegment() {
        String name = token();
        Family apbd = Family.of(BANTANG, name);
        Family apbn = Family.of(BANTANG, name);
        Family insured = Family.of(BANTANG, name);
        for (Family family : List.of(apbd, apbn, insured)) {
            register(family);
        }
        jkn(apbd.members().get(1).nik(), "PBI_APBD", "0000000000001");
        jkn(apbn.head().nik(), "PBI_APBN", "0000000000002");
        for (int i = 0; i < insured.members().size(); i++) {
            jkn(insured.members().get(i).nik(), "PPU", "000000000001" + i);
        }

        assertThat(kks(Map.of("name", name, "jknSegment", "PBI_APBD"))).containsExactly(apbd.kk());
        assertThat(kks(Map.of("name", name, "jknSegment", "PBI_APBN"))).containsExactly(apbn.kk());
        assertThat(kks(Map.of("name", name, "jknSegment", "PPU"))).containsExactly(insured.kk());
        assertThat(kks(Map.of("name", name, "jknSegment", "PBPU"))).isEmpty();
    }

    @Test
    void noneSegmentFilterFindsTheHouseholdsTheKenangaRuleCountsUninsured() {
        String name = token();
        Family recordedNone = Family.of(BANTANG, name);
        Family unrecorded = Family.of(BANTANG, name);
        Family lapsed = Family.of(BANTANG, name);
        Family insured = Family.of(BANTANG, name);
        for (Family family : List.of(recordedNone, unrecorded, lapsed, insured)) {
            register(family);
            for (int i = 0; i < family.members().size(); i++) {
                if (family != unrecorded) {
                    jkn(family.members().get(i).nik(), "PPU", "000000000002" + i);
                }
            }
        }
        jkn(recordedNone.head().nik(), "NONE", null, 1);
        // a member whose cover lapsed is uninsured too, as the Kenanga rule counts
        graphQl.documentName("updateJknStatus").variable("input", input("nik", lapsed.head().nik(), "expectedVersion", 1,
                "jknNumber", "0000000000099", "segment", "PPU", "active", false, "since", null))
                .execute().path("updateJknStatus.version").hasValue();

        assertThat(kks(Map.of("name", name, "jknSegment", "NONE")))
                .containsExactlyInAnyOrder(recordedNone.kk(), unrecorded.kk(), lapsed.kk());
        assertThat(graphQl.document("""
                        query($kk: String!) { household(kk: $kk) { suggestedCluster { facts { fact holds } } } }""")
                .variable("kk", unrecorded.kk()).execute()
                .path("household.suggestedCluster.facts[?(@.fact == 'UNINSURED')].holds").entityList(Boolean.class).get())
                .containsExactly(true);
    }

    private void jkn(String nik, String segment, String number) {
        jkn(nik, segment, number, 0);
    }

    private void jkn(String nik, String segment, String number, long expectedVersion) {
        graphQl.documentName("updateJknStatus").variable("input", input("nik", nik, "expectedVersion", expectedVersion,
                "jknNumber", number, "segment", segment, "active", !segment.equals("NONE"), "since", null))
                .execute().path("updateJknStatus.version").hasValue();
    }

    @Test
    void nameSearchMeetsOtherSpellingsOfTheName() {
        String name = token();
        Family family = Family.of(SATRA, Person.man("I Nyoman " + name, "HEAD"), Person.man("Muhammad Rizki " + name, "CHILD"));
        register(family);

        assertThat(kks(Map.of("name", "Nym. " + name))).containsExactly(family.kk());
        assertThat(kks(Map.of("name", "Moch. Rizki " + name))).containsExactly(family.kk());
        assertThat(kks(Map.of("name", "Ketut " + name))).isEmpty();
    }

    @Test
    void educationOfficeFindsNoHouseholdByTheNameOfAnAdultItDoesNotSee() {
        String name = token();
        LocalDate adult = LocalDate.now().minusYears(40);
        LocalDate pupil = LocalDate.now().minusYears(10);
        Family family = Family.of(SATRA, Person.born(adult, false, "Wayan Tua" + name, "HEAD"),
                Person.born(pupil, true, "Luh Muda" + name, "CHILD"));
        register(family);

        GraphQlTester.Response byAdult = as("disdik").document("""
                        query($name: String!) { households(first: 10, filter: {name: $name}) { totalCount edges { node { members { name } } } } }""")
                .variable("name", "Wayan Tua" + name).execute();
        byAdult.path("households.totalCount").entity(Integer.class).isEqualTo(0);
        byAdult.path("households.edges").entityList(Object.class).hasSize(0);
        GraphQlTester.Response byPupil = as("disdik").document("""
                        query($name: String!) { households(first: 10, filter: {name: $name}) { totalCount edges { node { members { name } } } } }""")
                .variable("name", "Luh Muda" + name).execute();
        assertThat(byPupil.path("households.edges[0].node.members[*].name").entityList(String.class).get())
                .containsExactly("Luh Muda" + name);
    }

    @Test
    void nameSearchIgnoresCaseAndFindsAnyMember() {
        String name = token();
        Person grandmother = Person.woman("Ni Nyoman " + name + "wati", "PARENT");
        Family family = Family.of(SATRA, Person.man("I Wayan Sudarma", "HEAD"), grandmother);
        register(family);
        Listed other = registerIn(SATRA, name);

        assertThat(kks(Map.of("name", name))).containsExactlyInAnyOrder(family.kk(), other.kk());
        assertThat(kks(Map.of("name", name.toUpperCase()))).containsExactlyInAnyOrder(family.kk(), other.kk());
        assertThat(kks(Map.of("name", "  " + name + "WATI "))).containsExactly(family.kk());
        assertThat(kks(Map.of("name", name.substring(2, 9)))).contains(family.kk(), other.kk());
    }

    @Test
    void nameSearchOfFewerThanThreeCharactersIsBadRequest() {
        for (String name : List.of("ab", "  a  ", "")) {
            refused(households(Map.of("name", name), 10, null, null).execute(), "BAD_REQUEST", "filter.name");
        }
    }

    @Test
    void filtersCombineWithAnd() {
        String name = token();
        LocalDate today = LocalDate.now();
        Family all = Family.of(SATRA, name);
        Family wrongVillage = Family.of(DAUSA, name);
        Family wrongCluster = Family.of(SATRA, name);
        Family noProgramme = Family.of(SATRA, name);
        Family noJkn = Family.of(SATRA, name);
        for (Family family : List.of(all, wrongVillage, wrongCluster, noProgramme, noJkn)) {
            register(family);
            assign(family.kk(), 0, family == wrongCluster ? "MENUR" : "MELATI");
            if (family != noProgramme) {
                enrol(household("BLT_DD", family.kk(), "ACTIVE", today.minusMonths(2), null));
            }
            if (family != noJkn) {
                jkn(family.members().get(1).nik(), "PBI_APBD", "0000000000003");
            }
        }

        assertThat(kks(Map.of("name", name, "region", SATRA, "cluster", "MELATI", "programme", "BLT_DD",
                "jknSegment", "PBI_APBD"))).containsExactly(all.kk());
        assertThat(kks(Map.of("name", name, "region", "5106", "cluster", "MELATI", "programme", "BLT_DD")))
                .containsExactlyInAnyOrder(all.kk(), wrongVillage.kk(), noJkn.kk());
        assertThat(kks(Map.of("name", name, "cluster", "MENUR", "jknSegment", "PBI_APBD")))
                .containsExactly(wrongCluster.kk());
        assertThat(new HashSet<>(kks(Map.of("name", name)))).hasSize(5);
    }
}
