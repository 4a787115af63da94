package id.terpadu;

import id.terpadu.db.tables.records.AuditEntryRecord;
import id.terpadu.graphql.GlobalId;
import org.jooq.JSONB;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.dao.DataAccessException;
import org.springframework.graphql.GraphQlResponse;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static id.terpadu.db.Tables.AUDIT_ENTRY;
import static id.terpadu.db.Tables.IDENTITY_READ;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The audit trail: every write leaves entries with old and new values, who and through which
 * request; the trail cannot be changed (an edit made behind the hub's back is detected, see
 * {@link AuditTamperingTest});
 * histories and the change feed show each agency only what it may read; reads of whole identity
 * numbers are logged.
 */
class AuditTest extends ApiTest {

    private static final String HEALTH = "health_facet";

    private HttpGraphQlTester withRequestId(String user, String requestId) {
        return as(user).mutate().header("X-Request-Id", requestId).build();
    }

    private List<AuditEntryRecord> entriesOf(String table, Object id) {
        return dsl.selectFrom(AUDIT_ENTRY)
                .where(AUDIT_ENTRY.ENTITY_TABLE.eq(table).and(AUDIT_ENTRY.ENTITY_ID.eq(String.valueOf(id))))
                .orderBy(AUDIT_ENTRY.POSITION)
                .fetch();
    }

    private long lastPosition() {
        return dsl.select(DSL.coalesce(DSL.max(AUDIT_ENTRY.POSITION), 0L)).from(AUDIT_ENTRY).fetchSingle().value1();
    }

    private GraphQlTester.Response updateJkn(GraphQlTester tester, String nik, long expectedVersion, String segment) {
        boolean insured = !segment.equals("NONE");
        return tester.documentName("updateJknStatus").variable("input", input("nik", nik, "expectedVersion", expectedVersion,
                "jknNumber", insured ? "0001234567890" : null, "segment", segment, "active", insured)).execute();
    }

    private GraphQlTester.Response recordHousing(GraphQlTester tester, String kk, long expectedVersion, String rtlhStatus) {
        return tester.documentName("recordHousingCondition").variable("input", input("kk", kk,
                "expectedVersion", expectedVersion, "floor", "EARTH", "rtlhStatus", rtlhStatus)).execute();
    }

    @Test
    void eachWriteIsAuditedWithOldAndNewValuesWhoAndTheRequest() {
        Family family = Family.of(TestIdentities.VILLAGE, token());
        String registration = "register-" + token();
        withRequestId("uptpk", registration).documentName("registerHousehold").variable("input", family.input())
                .execute().path("registerHousehold.kk").entity(String.class).isEqualTo(family.kk());
        long householdId = householdRow(family.kk()).getId();
        Person wife = family.members().get(1);
        long wifeId = memberRow(wife.nik()).getId();

        List<AuditEntryRecord> household = entriesOf("household", householdId);
        assertThat(household).hasSize(1);
        assertThat(household.getFirst().getAction()).isEqualTo("INSERT");
        assertThat(household.getFirst().getUsername()).isEqualTo("uptpk");
        assertThat(household.getFirst().getRoles()).contains("uptpk");
        assertThat(household.getFirst().getSubject()).isNotBlank();
        assertThat(household.getFirst().getClient()).isNotBlank();
        assertThat(household.getFirst().getOperation()).isEqualTo("registerHousehold");
        assertThat(household.getFirst().getRequestId()).isEqualTo(registration);
        assertThat(household.getFirst().getChanges().data()).contains("\"kk\": [null, \"" + family.kk() + "\"]");
        List<AuditEntryRecord> wifeEntries = entriesOf("member", wifeId);
        assertThat(wifeEntries).singleElement().satisfies(entry -> {
            assertThat(entry.getHouseholdId()).isEqualTo(householdId);
            assertThat(entry.getMemberId()).isEqualTo(wifeId);
            assertThat(entry.getRequestId()).isEqualTo(registration);
        });

        String first = "jkn-" + token();
        String second = "jkn-" + token();
        updateJkn(withRequestId("dinkes", first), wife.nik(), 0, "NONE").path("updateJknStatus.version").entity(Long.class).isEqualTo(1L);
        updateJkn(withRequestId("dinkes", second), wife.nik(), 1, "PBI_APBD").path("updateJknStatus.version").entity(Long.class).isEqualTo(2L);

        List<AuditEntryRecord> health = entriesOf(HEALTH, wifeId);
        assertThat(health).hasSize(2);
        AuditEntryRecord created = health.get(0);
        AuditEntryRecord changed = health.get(1);
        assertThat(created.getAction()).isEqualTo("INSERT");
        assertThat(created.getRequestId()).isEqualTo(first);
        assertThat(changed.getAction()).isEqualTo("UPDATE");
        assertThat(changed.getUsername()).isEqualTo("dinkes");
        assertThat(changed.getRoles()).contains("dinkes").doesNotContain("uptpk");
        assertThat(changed.getOperation()).isEqualTo("updateJknStatus");
        assertThat(changed.getRequestId()).isEqualTo(second);
        assertThat(changed.getHouseholdId()).as("the household of the person").isEqualTo(householdId);
        assertThat(changed.getMemberId()).isEqualTo(wifeId);
        assertThat(changed.getChangedColumns()).containsExactly("active", "jkn_number", "segment");
        assertThat(changed.getChanges()).isEqualTo(JSONB.valueOf(
                "{\"active\": [false, true], \"segment\": [\"NONE\", \"PBI_APBD\"], \"jkn_number\": [null, \"0001234567890\"]}"));
        assertThat(changed.getPosition()).as("committed entries are chained").isGreaterThan(created.getPosition());
        assertThat(changed.getHash()).hasSize(32);
    }

    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void theRequestIdOfAWriteIsInTheHubsLogLineOfThatRequest(CapturedOutput output) {
        Family family = Family.of(TestIdentities.VILLAGE, token());
        String requestId = "logged-" + token();
        withRequestId("uptpk", requestId).documentName("registerHousehold").variable("input", family.input())
                .execute().path("registerHousehold.kk").entity(String.class).isEqualTo(family.kk());

        assertThat(entriesOf("household", householdRow(family.kk()).getId()).getFirst().getRequestId()).isEqualTo(requestId);
        assertThat(output.getOut().lines().filter(line -> line.contains(requestId)))
                .anySatisfy(line -> assertThat(line).contains("Mutation registerHousehold"))
                .allSatisfy(line -> assertThat(line).doesNotContain(family.kk()));
    }

    @Test
    void aRefusedWriteLeavesNoEntry() {
        Family family = Family.of(TestIdentities.VILLAGE, token());
        register(family);
        Person wife = family.members().get(1);
        updateJkn(as("dinkes"), wife.nik(), 0, "NONE").path("updateJknStatus.version").entity(Long.class).isEqualTo(1L);
        long before = dsl.fetchCount(AUDIT_ENTRY);

        refused(updateJkn(as("dinkes"), wife.nik(), 0, "PBPU"), "CONFLICT", "input.expectedVersion");
        // the housing office may not even see the health facet
        assertThat(updateJkn(as("perkim"), wife.nik(), 1, "PBPU").returnResponse().getErrors()).isNotEmpty();

        assertThat(dsl.fetchCount(AUDIT_ENTRY)).isEqualTo(before);
    }

    @Test
    void theTrailIsAppendOnlyEvenForItsOwner() {
        Family family = Family.of(TestIdentities.VILLAGE, token());
        register(family);
        AuditEntryRecord entry = entriesOf("household", householdRow(family.kk()).getId()).getFirst();

        assertThatThrownBy(() -> dsl.update(AUDIT_ENTRY).set(AUDIT_ENTRY.USERNAME, "someone else")
                .where(AUDIT_ENTRY.ID.eq(entry.getId())).execute())
                .isInstanceOf(DataAccessException.class).rootCause().hasMessageContaining("append-only");
        assertThatThrownBy(() -> dsl.update(AUDIT_ENTRY).set(AUDIT_ENTRY.POSITION, (Long) null)
                .where(AUDIT_ENTRY.ID.eq(entry.getId())).execute())
                .isInstanceOf(DataAccessException.class).rootCause().hasMessageContaining("append-only");
        assertThatThrownBy(() -> dsl.deleteFrom(AUDIT_ENTRY).where(AUDIT_ENTRY.ID.eq(entry.getId())).execute())
                .isInstanceOf(DataAccessException.class).rootCause().hasMessageContaining("append-only");
        assertThatThrownBy(() -> dsl.truncate(AUDIT_ENTRY).execute())
                .isInstanceOf(DataAccessException.class).rootCause().hasMessageContaining("append-only");

        assertThat(dsl.fetchSingle(AUDIT_ENTRY, AUDIT_ENTRY.ID.eq(entry.getId()))).isEqualTo(entry);
    }

    @Test
    void verificationIsForTheAdministratorOnly() {
        Answer answer = Answer.of(as("uptpk").documentName("verifyAudit").execute());
        assertThat(answer.errors()).isNotEmpty();
        assertThat(answer.data()).isNull();
    }

    /** The raw outcome of a request that may fail validation. */
    private record Answer(List<?> errors, Object data) {
        static Answer of(GraphQlTester.Response response) {
            GraphQlResponse raw = response.returnResponse();
            return new Answer(raw.getErrors(), raw.getData());
        }
    }

    @Test
    void historyShowsEachAgencyOnlyTheChangesItMayRead() {
        Family family = Family.of(TestIdentities.VILLAGE, token());
        register(family);
        Person wife = family.members().get(1);
        updateJkn(as("dinkes"), wife.nik(), 0, "PBI_APBD").path("updateJknStatus.version").entity(Long.class).isEqualTo(1L);
        recordHousing(as("perkim"), family.kk(), 0, "UNFIT").path("recordHousingCondition.version").entity(Long.class).isEqualTo(1L);

        List<String> dinkesTypes = historyTypes("dinkes", family.kk());
        assertThat(dinkesTypes).contains("HealthFacet", "Member").doesNotContain("HousingFacet");
        List<String> perkimTypes = historyTypes("perkim", family.kk());
        assertThat(perkimTypes).contains("HousingFacet", "Household").doesNotContain("HealthFacet");
        assertThat(historyTypes("dinsos", family.kk())).doesNotContain("HealthFacet", "HousingFacet");
        assertThat(historyTypes("uptpk", family.kk())).contains("HealthFacet", "HousingFacet", "Household", "Member");

        // newest first, with the fields the health office reads
        as("dinkes").documentName("householdHistory").variable("kk", family.kk()).execute()
                .path("household.history.edges[0].node.type").entity(String.class).isEqualTo("HealthFacet")
                .path("household.history.edges[0].node.operation").entity(String.class).isEqualTo("updateJknStatus")
                .path("household.history.edges[0].node.actor.username").entity(String.class).isEqualTo("dinkes")
                .path("household.history.edges[0].node.changes[?(@.field == 'segment')].after").entityList(String.class)
                .containsExactly("PBI_APBD");
        // a field the caller does not read is left out of an entry it sees: perkim sees no member names
        as("perkim").documentName("householdHistory").variable("kk", family.kk()).execute()
                .path("household.history.edges[*].node.changes[*].field").entityList(String.class)
                .contains("rtlhStatus", "kk").doesNotContain("segment", "jknNumber");
    }

    private List<String> historyTypes(String user, String kk) {
        return as(user).documentName("householdHistory").variable("kk", kk).variable("first", 50).execute()
                .path("household.history.edges[*].node.type").entityList(String.class).get();
    }

    @Test
    void historyMasksIdentityNumbersAsTheFieldsAre() {
        Family family = Family.of(TestIdentities.VILLAGE, token());
        register(family);
        Person head = family.head();

        List<String> maskedNik = as("dinkes").documentName("memberHistory").variable("nik", head.nik()).execute()
                .path("member.history.edges[*].node.changes[?(@.field == 'nik')].after").entityList(String.class).get();
        assertThat(maskedNik).singleElement().satisfies(nik -> {
            assertThat(nik).isNotEqualTo(head.nik()).contains("*");
            assertThat(nik).isEqualTo(masked(head.nik()));
        });
        as("uptpk").documentName("memberHistory").variable("nik", head.nik()).execute()
                .path("member.history.edges[*].node.changes[?(@.field == 'nik')].after").entityList(String.class)
                .containsExactly(head.nik());
    }

    @Test
    void historyPagesNewestFirst() {
        Family family = Family.of(TestIdentities.VILLAGE, token());
        register(family);
        Person wife = family.members().get(1);
        for (int version = 0; version < 3; version++) {
            updateJkn(as("dinkes"), wife.nik(), version, version % 2 == 0 ? "PBI_APBD" : "PBPU")
                    .path("updateJknStatus.version").entity(Long.class).isEqualTo(version + 1L);
        }
        GraphQlTester.Response firstPage = as("dinkes").documentName("householdHistory").variable("kk", family.kk())
                .variable("first", 2).execute();
        List<String> firstPositions = firstPage.path("household.history.edges[*].node.position").entityList(String.class).get();
        firstPage.path("household.history.pageInfo.hasNextPage").entity(Boolean.class).isEqualTo(true);
        String cursor = firstPage.path("household.history.pageInfo.endCursor").entity(String.class).get();
        List<String> secondPositions = as("dinkes").documentName("householdHistory").variable("kk", family.kk())
                .variable("first", 2).variable("after", cursor).execute()
                .path("household.history.edges[*].node.position").entityList(String.class).get();

        List<Long> all = new ArrayList<>();
        firstPositions.forEach(position -> all.add(Long.parseLong(position)));
        secondPositions.forEach(position -> all.add(Long.parseLong(position)));
        assertThat(all).hasSize(4).isSortedAccordingTo((a, b) -> Long.compare(b, a)).doesNotHaveDuplicates();
    }

    @Test
    void historiesOfAPageCostTheSameStatementsWhateverItsSize() {
        String surname = token();
        for (int i = 0; i < 3; i++) {
            register(Family.of(TestIdentities.VILLAGE, surname));
        }
        Map<String, Object> filter = Map.of("name", surname);
        statements.reset();
        as("uptpk").documentName("householdsWithHistory").variable("filter", filter).execute()
                .path("households.edges").entityList(Object.class).hasSize(3);
        int threeHouseholds = statements.count();
        register(Family.of(TestIdentities.VILLAGE, surname));
        register(Family.of(TestIdentities.VILLAGE, surname));
        statements.reset();
        as("uptpk").documentName("householdsWithHistory").variable("filter", filter).execute()
                .path("households.edges[*].node.history.edges[*].node.type").entityList(String.class).contains("Household");
        assertThat(statements.count()).isEqualTo(threeHouseholds);
    }

    @Test
    void readsOfWholeIdentityNumbersAreLoggedOncePerRequest() {
        Family family = Family.of(TestIdentities.VILLAGE, token());
        register(family);
        Person head = family.head();
        long headId = memberRow(head.nik()).getId();
        int before = dsl.fetchCount(IDENTITY_READ, IDENTITY_READ.MEMBER_ID.eq(headId));
        String requestId = "look-" + token();

        // the NIK is returned twice in one request: one log row
        withRequestId("uptpk", requestId).document("query($nik: String!) { member(nik: $nik) { nik again: nik name } }")
                .variable("nik", head.nik()).execute().path("member.nik").entity(String.class).isEqualTo(head.nik());
        // the health office sees it masked, but looked the person up by the whole NIK: that is a read too
        as("dinkes").document("query($nik: String!) { member(nik: $nik) { nik } }").variable("nik", head.nik()).execute()
                .path("member.nik").entity(String.class).satisfies(nik -> assertThat(nik).contains("*"));

        assertThat(dsl.fetchCount(IDENTITY_READ, IDENTITY_READ.MEMBER_ID.eq(headId))).isEqualTo(before + 2);
        GraphQlTester.Response log = as("admin").documentName("accessLog").variable("member", head.nik()).execute();
        log.path("accessLog[1].reader.username").entity(String.class).isEqualTo("uptpk")
                .path("accessLog[1].field").entity(String.class).isEqualTo("Member.nik")
                .path("accessLog[1].operation").entity(String.class).isEqualTo("member")
                .path("accessLog[1].requestId").entity(String.class).isEqualTo(requestId)
                .path("accessLog[1].memberId").entity(String.class).isEqualTo(GlobalId.encode("Member", headId))
                .path("accessLog[0].reader.username").entity(String.class).isEqualTo("dinkes")
                .path("accessLog[0].field").entity(String.class).isEqualTo("lookup by NIK")
                .path("accessLog[0].memberId").entity(String.class).isEqualTo(GlobalId.encode("Member", headId));
        String subject = log.path("accessLog[1].reader.subject").entity(String.class).get();
        as("admin").documentName("accessLog").variable("subject", subject).execute()
                .path("accessLog[*].reader.username").entityList(String.class).contains("uptpk").doesNotContain("dinkes");
        // by username, as an administrator knows the reader
        as("admin").documentName("accessLog").variable("username", "dinkes").variable("member", head.nik()).execute()
                .path("accessLog[*].reader.username").entityList(String.class).containsExactly("dinkes")
                .path("accessLog[0].field").entity(String.class).isEqualTo("lookup by NIK");
        as("admin").documentName("accessLog").variable("username", "dinkes").variable("subject", subject).execute()
                .path("accessLog").entityList(Object.class).hasSize(0);
        // a NIK no one holds answers an empty log, as one that no one read: the log tells nothing of who is registered
        as("admin").documentName("accessLog").variable("member", Person.man("Tidak Ada", "HEAD").nik()).execute()
                .path("accessLog").entityList(Object.class).hasSize(0);
        // a household read by its KK is logged as the household
        as("desa").document("query($kk: String!) { household(kk: $kk) { kk } }").variable("kk", family.kk()).execute()
                .path("household.kk").entity(String.class).isEqualTo(family.kk());
        assertThat(dsl.fetchCount(IDENTITY_READ, IDENTITY_READ.HOUSEHOLD_ID.eq(householdRow(family.kk()).getId())
                .and(IDENTITY_READ.USERNAME.eq("desa")).and(IDENTITY_READ.FIELD.eq("Household.kk")))).isEqualTo(1);
    }

    @Test
    void theAccessLogIsForTheAdministratorOnly() {
        Answer answer = Answer.of(as("uptpk").documentName("accessLog").execute());
        assertThat(answer.errors()).isNotEmpty();
        assertThat(answer.data()).isNull();
    }

    @Test
    void theChangeFeedComesInCommitOrderAndResumesFromItsCursor() {
        String start = GlobalId.encode("Change", lastPosition());
        Family family = Family.of(TestIdentities.VILLAGE, token());
        register(family);
        Person wife = family.members().get(1);
        updateJkn(as("dinkes"), wife.nik(), 0, "NONE").path("updateJknStatus.version").entity(Long.class).isEqualTo(1L);
        updateJkn(as("dinkes"), wife.nik(), 1, "PBPU").path("updateJknStatus.version").entity(Long.class).isEqualTo(2L);

        GraphQlTester.Response page = as("dinkes").documentName("changes").variable("after", start)
                .variable("types", List.of("HealthFacet")).variable("first", 1).execute();
        page.path("changes.edges[0].node.action").entity(String.class).isEqualTo("INSERT")
                .path("changes.pageInfo.hasNextPage").entity(Boolean.class).isEqualTo(true);
        String cursor = page.path("changes.pageInfo.endCursor").entity(String.class).get();
        as("dinkes").documentName("changes").variable("after", cursor).variable("types", List.of("HealthFacet")).execute()
                .path("changes.edges[*].node.action").entityList(String.class).containsExactly("UPDATE")
                .path("changes.edges[0].node.changes[?(@.field == 'segment')].after").entityList(String.class).containsExactly("PBPU");

        List<Long> positions = as("uptpk").documentName("changes").variable("after", start).execute()
                .path("changes.edges[*].node.position").entityList(String.class).get().stream().map(Long::parseLong).toList();
        assertThat(positions).hasSize(3 + 1 + 2).isSorted();
        assertThat(positions.getLast() - positions.getFirst()).as("no gaps").isEqualTo(positions.size() - 1);
    }

    @Test
    void theChangeFeedIsFilteredByPolicyAndRegion() {
        String start = GlobalId.encode("Change", lastPosition());
        Family family = Family.of(TestIdentities.VILLAGE, token());
        register(family);
        updateJkn(as("dinkes"), family.members().get(1).nik(), 0, "PBI_APBN")
                .path("updateJknStatus.version").entity(Long.class).isEqualTo(1L);

        assertThat(feedTypes("perkim", start)).contains("Household").doesNotContain("HealthFacet");
        assertThat(feedTypes("dinkes", start)).contains("HealthFacet");
        assertThat(feedTypes("desa", start)).as("the family's own village").contains("Household", "Member");
        assertThat(feedTypes("desa-b", start)).as("another village").isEmpty();
        refused(as("perkim").documentName("changes").variable("after", start).variable("types", List.of("Nonsense")).execute(),
                "BAD_REQUEST", "types[0]");
    }

    private List<String> feedTypes(String user, String after) {
        return as(user).documentName("changes").variable("after", after).variable("first", 100).execute()
                .path("changes.edges[*].node.type").entityList(String.class).get();
    }

    @Test
    void parallelWritersOfOneFacetLeaveOneEntryPerSuccess() throws Exception {
        Family family = Family.of(TestIdentities.VILLAGE, token());
        register(family);
        Person wife = family.members().get(1);
        updateJkn(as("dinkes"), wife.nik(), 0, "NONE").path("updateJknStatus.version").entity(Long.class).isEqualTo(1L);
        long wifeId = memberRow(wife.nik()).getId();
        int clerks = 6;

        List<GraphQlResponse> answers = Race.of(clerks, clerk -> as("dinkes").documentName("updateJknStatus").variable("input",
                input("nik", wife.nik(), "expectedVersion", 1, "jknNumber", "000000000000" + clerk, "segment", "PBPU",
                        "active", true)));

        long won = answers.stream().filter(answer -> answer.getErrors().isEmpty()).count();
        assertThat(won).isEqualTo(1);
        answers.stream().filter(answer -> !answer.getErrors().isEmpty()).forEach(lost ->
                assertThat(lost.getErrors().getFirst().getExtensions()).containsEntry("classification", "CONFLICT"));
        assertThat(entriesOf(HEALTH, wifeId)).as("one entry for the creation, one per successful change").hasSize(2);
    }

    @Test
    void agenciesChangingDifferentFacetsAtOnceBothSucceedAndAreAudited() throws Exception {
        Family family = Family.of(TestIdentities.VILLAGE, token());
        register(family);
        Person wife = family.members().get(1);
        long before = lastPosition();

        List<GraphQlResponse> answers = Race.of(2, clerk -> clerk == 0
                ? as("dinkes").documentName("updateJknStatus").variable("input", input("nik", wife.nik(), "expectedVersion", 0,
                        "jknNumber", "0001234567890", "segment", "PBI_APBD", "active", true))
                : as("perkim").documentName("recordHousingCondition").variable("input", input("kk", family.kk(),
                        "expectedVersion", 0, "rtlhStatus", "UNFIT")));

        assertThat(answers).allSatisfy(answer -> assertThat(answer.getErrors()).isEmpty());
        assertThat(entriesOf(HEALTH, memberRow(wife.nik()).getId())).singleElement()
                .satisfies(entry -> assertThat(entry.getPosition()).isGreaterThan(before));
        assertThat(entriesOf("housing_facet", householdRow(family.kk()).getId())).singleElement()
                .satisfies(entry -> assertThat(entry.getUsername()).isEqualTo("perkim"));
    }

}
