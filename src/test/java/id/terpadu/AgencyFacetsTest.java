package id.terpadu;

import id.terpadu.db.codes.FloorMaterial;
import id.terpadu.db.codes.JknSegment;
import id.terpadu.db.codes.Lighting;
import id.terpadu.db.codes.RoofMaterial;
import id.terpadu.db.codes.RtlhStatus;
import id.terpadu.db.codes.SchoolLevel;
import id.terpadu.db.codes.SchoolStatus;
import id.terpadu.db.codes.Toilet;
import id.terpadu.db.codes.WallMaterial;
import id.terpadu.db.codes.WaterSource;
import id.terpadu.db.tables.records.EducationFacetRecord;
import id.terpadu.db.tables.records.HealthFacetRecord;
import id.terpadu.db.tables.records.HousingFacetRecord;
import id.terpadu.db.tables.records.SocialFacetRecord;
import org.junit.jupiter.api.Test;
import org.springframework.graphql.ResponseError;
import org.springframework.graphql.test.tester.GraphQlTester;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.Year;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;
import java.util.function.Supplier;

import static id.terpadu.db.Tables.EDUCATION_FACET;
import static id.terpadu.db.Tables.HEALTH_FACET;
import static id.terpadu.db.Tables.HOUSING_FACET;
import static id.terpadu.db.Tables.SOCIAL_FACET;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The agencies' own parts of a household or person: the social office's cluster and assessment, the
 * health office's JKN status, the housing office's house condition and the education office's school
 * status. Each facet has its own version: 0 creates it, a stale one is refused.
 */
class AgencyFacetsTest extends ApiTest {

    private GraphQlTester.Request<?> assignCluster(String kk, long expectedVersion, String cluster, String reason) {
        return graphQl.documentName("assignCluster").variable("input",
                input("kk", kk, "expectedVersion", expectedVersion, "cluster", cluster, "reason", reason));
    }

    private GraphQlTester.Request<?> assess(String kk, long expectedVersion, Integer decile, String quarter,
                                            List<String> indicators) {
        return graphQl.documentName("recordSocialAssessment").variable("input", input("kk", kk,
                "expectedVersion", expectedVersion, "decile", decile, "decileQuarter", quarter,
                "povertyIndicators", indicators));
    }

    private GraphQlTester.Request<?> jkn(String nik, long expectedVersion, String jknNumber, String segment,
                                         boolean active, LocalDate since) {
        return graphQl.documentName("updateJknStatus").variable("input", input("nik", nik,
                "expectedVersion", expectedVersion, "jknNumber", jknNumber, "segment", segment, "active", active,
                "since", since));
    }

    private GraphQlTester.Request<?> housing(String kk, long expectedVersion, Map<String, Object> condition) {
        Map<String, Object> input = input("kk", kk, "expectedVersion", expectedVersion);
        input.putAll(condition);
        return graphQl.documentName("recordHousingCondition").variable("input", input);
    }

    private GraphQlTester.Request<?> school(String nik, long expectedVersion, String status, String level,
                                            boolean pip, String kip) {
        return graphQl.documentName("updateSchoolStatus").variable("input", input("nik", nik,
                "expectedVersion", expectedVersion, "schoolStatus", status, "schoolLevel", level,
                "pipRecipient", pip, "kipNumber", kip));
    }

    private static final Map<String, Object> UNFIT_HOUSE = input("floor", "EARTH", "wall", "BAMBOO", "roof", "THATCH",
            "toilet", "NONE", "water", "UNPROTECTED_SPRING", "lighting", "NON_ELECTRIC", "floorAreaM2", 24.5,
            "rtlhStatus", "UNFIT", "renovationYear", null);

    /**
     * The version rules every facet follows: a change before the facet exists is refused with
     * currentVersion 0, version 0 creates it, a second creation or a stale version is refused with the
     * current version, and a refusal writes nothing.
     */
    private void followsTheVersionRules(String mutation, LongFunction<GraphQlTester.Request<?>> write,
                                        Supplier<Long> storedVersion) {
        ResponseError notYet = refusedWithoutWrites(write.apply(1), "CONFLICT", "input.expectedVersion");
        assertThat(number(notYet.getExtensions(), "currentVersion")).isZero();
        assertThat(notYet.getMessage()).contains("expectedVersion 0");
        assertThat(storedVersion.get()).as("no facet is created by a refused change").isZero();

        write.apply(0).execute().path(mutation + ".version").entity(Long.class).isEqualTo(1L);
        assertThat(storedVersion.get()).isEqualTo(1L);

        ResponseError createdTwice = refusedWithoutWrites(write.apply(0), "CONFLICT", "input.expectedVersion");
        assertThat(number(createdTwice.getExtensions(), "currentVersion")).isEqualTo(1L);

        write.apply(1).execute().path(mutation + ".version").entity(Long.class).isEqualTo(2L);
        assertThat(storedVersion.get()).isEqualTo(2L);

        for (long stale : List.of(0L, 1L, 3L)) {
            ResponseError error = refusedWithoutWrites(write.apply(stale), "CONFLICT", "input.expectedVersion");
            assertThat(number(error.getExtensions(), "currentVersion")).isEqualTo(2L);
        }
        assertThat(storedVersion.get()).isEqualTo(2L);
    }

    private long householdId(Family family) {
        return householdRow(family.kk()).getId();
    }

    private long memberId(Person person) {
        return memberRow(person.nik()).getId();
    }

    private long version(org.jooq.TableField<?, Long> version, org.jooq.TableField<?, Long> key, long id) {
        Long stored = dsl.select(version).from(version.getTable()).where(key.eq(id)).fetchOne(version);
        return stored == null ? 0 : stored;
    }

    // social office

    @Test
    void socialFacetFollowsTheVersionRules() {
        Family family = Family.of(TestIdentities.VILLAGE, token());
        register(family);
        long id = householdId(family);
        followsTheVersionRules("assignCluster", version -> assignCluster(family.kk(), version, "MELATI", "On DTSEN"),
                () -> version(SOCIAL_FACET.VERSION, SOCIAL_FACET.HOUSEHOLD_ID, id));
    }

    @Test
    void assigningAClusterStoresItWithTheReason() {
        Family family = Family.of(TestIdentities.VILLAGE, token());
        register(family);

        assignCluster(family.kk(), 0, "MENUR", "BPS survey 2024, verified by UPT-PK").execute()
                .path("assignCluster.household.kk").entity(String.class).isEqualTo(family.kk())
                .path("assignCluster.cluster.code").entity(String.class).isEqualTo("MENUR")
                .path("assignCluster.cluster.name").entity(String.class).isEqualTo("Menur")
                .path("assignCluster.clusterReason").entity(String.class).isEqualTo("BPS survey 2024, verified by UPT-PK")
                .path("assignCluster.version").entity(Long.class).isEqualTo(1L)
                .path("assignCluster.updatedAt").hasValue();

        SocialFacetRecord stored = dsl.selectFrom(SOCIAL_FACET).where(SOCIAL_FACET.HOUSEHOLD_ID.eq(householdId(family))).fetchSingle();
        assertThat(stored.getClusterCode()).isEqualTo("MENUR");
        assertThat(stored.getClusterReason()).isEqualTo("BPS survey 2024, verified by UPT-PK");
        assertThat(stored.getVersion()).isEqualTo(1L);
        assertThat(householdRow(family.kk()).getVersion()).as("the household's core record is not the social office's").isEqualTo(1L);

        assignCluster(family.kk(), 1, null, "Left poverty in verivali 2025").execute()
                .path("assignCluster.cluster").valueIsNull()
                .path("assignCluster.version").entity(Long.class).isEqualTo(2L);
        stored.refresh();
        assertThat(stored.getClusterCode()).isNull();
        assertThat(stored.getClusterReason()).isEqualTo("Left poverty in verivali 2025");
    }

    @Test
    void assessmentAndClusterShareTheSocialFacetWithoutOverwritingEachOther() {
        Family family = Family.of(TestIdentities.VILLAGE, token());
        register(family);

        assess(family.kk(), 0, 2, "2025Q3", List.of("EARTH_FLOOR", "NO_ELECTRICITY", "EARTH_FLOOR", "NO_SAVINGS"))
                .execute()
                .path("recordSocialAssessment.decile").entity(Integer.class).isEqualTo(2)
                .path("recordSocialAssessment.decileQuarter").entity(String.class).isEqualTo("2025Q3")
                .path("recordSocialAssessment.povertyIndicators").entityList(String.class)
                .containsExactly("EARTH_FLOOR", "NO_ELECTRICITY", "NO_SAVINGS")
                .path("recordSocialAssessment.povertyIndicatorCount").entity(Integer.class).isEqualTo(3)
                .path("recordSocialAssessment.cluster").valueIsNull();
        assignCluster(family.kk(), 1, "MELATI", "On DTSEN, decile 2").execute()
                .path("assignCluster.decile").entity(Integer.class).isEqualTo(2)
                .path("assignCluster.povertyIndicators").entityList(String.class).hasSize(3)
                .path("assignCluster.version").entity(Long.class).isEqualTo(2L);

        SocialFacetRecord stored = dsl.selectFrom(SOCIAL_FACET).where(SOCIAL_FACET.HOUSEHOLD_ID.eq(householdId(family))).fetchSingle();
        assertThat(stored.getClusterCode()).isEqualTo("MELATI");
        assertThat(stored.getDecile()).isEqualTo((short) 2);
        assertThat(stored.getDecileQuarter()).isEqualTo("2025Q3");
        assertThat(stored.getPovertyIndicators()).containsExactly("EARTH_FLOOR", "NO_ELECTRICITY", "NO_SAVINGS");

        // a new assessment replaces the indicators and keeps the cluster
        assess(family.kk(), 2, null, null, List.of()).execute()
                .path("recordSocialAssessment.cluster.code").entity(String.class).isEqualTo("MELATI")
                .path("recordSocialAssessment.decile").valueIsNull()
                .path("recordSocialAssessment.povertyIndicatorCount").entity(Integer.class).isEqualTo(0);
        stored.refresh();
        assertThat(stored.getPovertyIndicators()).isEmpty();
        assertThat(stored.getDecile()).isNull();
        assertThat(stored.getClusterCode()).isEqualTo("MELATI");
    }

    @Test
    void badSocialInputIsRefusedAndWritesNothing() {
        Family family = Family.of(TestIdentities.VILLAGE, token());
        register(family);
        ResponseError unknown = refusedWithoutWrites(assignCluster(family.kk(), 0, "MAWAR", "Why not"), "NOT_FOUND", "input.cluster");
        assertThat(unknown.getMessage()).contains("MAWAR");
        refusedWithoutWrites(assignCluster(family.kk(), 0, "MELATI", " "), "BAD_REQUEST", "input.reason");
        refusedWithoutWrites(assignCluster(TestIdentities.kk(), 0, "MELATI", "On DTSEN"), "NOT_FOUND", "input.kk");
        refusedWithoutWrites(assess(family.kk(), 0, 0, "2025Q3", List.of()), "BAD_REQUEST", "input.decile");
        refusedWithoutWrites(assess(family.kk(), 0, 11, "2025Q3", List.of()), "BAD_REQUEST", "input.decile");
        refusedWithoutWrites(assess(family.kk(), 0, 3, null, List.of()), "BAD_REQUEST", "input.decileQuarter");
        refusedWithoutWrites(assess(family.kk(), 0, 3, "2025Q5", List.of()), "BAD_REQUEST", "input.decileQuarter");
        refusedWithoutWrites(assess(TestIdentities.kk(), 0, 3, "2025Q1", List.of()), "NOT_FOUND", "input.kk");
    }

    // health office

    @Test
    void healthFacetFollowsTheVersionRules() {
        Family family = Family.of(TestIdentities.VILLAGE, token());
        register(family);
        Person wife = family.members().get(1);
        long id = memberId(wife);
        followsTheVersionRules("updateJknStatus",
                version -> jkn(wife.nik(), version, "0001234567890", "PBI_APBN", true, LocalDate.of(2024, 1, 1)),
                () -> version(HEALTH_FACET.VERSION, HEALTH_FACET.MEMBER_ID, id));
    }

    @Test
    void jknStatusIsStoredAndCanEnd() {
        Family family = Family.of(TestIdentities.VILLAGE, token());
        register(family);
        Person head = family.head();
        LocalDate since = head.birthDate().plusYears(18).isAfter(LocalDate.now()) ? LocalDate.now() : head.birthDate().plusYears(18);

        jkn(head.nik(), 0, "0009876543210", "PBI_APBD", true, since).execute()
                .path("updateJknStatus.member.nik").entity(String.class).isEqualTo(head.nik())
                .path("updateJknStatus.jknNumber").entity(String.class).isEqualTo("0009876543210")
                .path("updateJknStatus.segment").entity(String.class).isEqualTo("PBI_APBD")
                .path("updateJknStatus.active").entity(Boolean.class).isEqualTo(true)
                .path("updateJknStatus.since").entity(String.class).isEqualTo(since.toString());
        HealthFacetRecord stored = dsl.selectFrom(HEALTH_FACET).where(HEALTH_FACET.MEMBER_ID.eq(memberId(head))).fetchSingle();
        assertThat(stored.getJknNumber()).isEqualTo("0009876543210");
        assertThat(stored.getSegment()).isEqualTo(JknSegment.PBI_APBD);
        assertThat(stored.getActive()).isTrue();
        assertThat(stored.getSince()).isEqualTo(since);

        jkn(head.nik(), 1, "0009876543210", "NONE", false, LocalDate.now()).execute()
                .path("updateJknStatus.segment").entity(String.class).isEqualTo("NONE")
                .path("updateJknStatus.jknNumber").valueIsNull();
        stored.refresh();
        assertThat(stored.getSegment()).isEqualTo(JknSegment.NONE);
        assertThat(stored.getJknNumber()).isNull();
        assertThat(stored.getActive()).isFalse();
        assertThat(stored.getVersion()).isEqualTo(2L);
        graphQl.documentName("member").variable("nik", head.nik()).execute()
                .path("member.health.segment").entity(String.class).isEqualTo("NONE")
                .path("member.health.version").entity(Long.class).isEqualTo(2L)
                .path("member.version").entity(Long.class).isEqualTo(1L);
    }

    @Test
    void badJknInputIsRefusedAndWritesNothing() {
        Family family = Family.of(TestIdentities.VILLAGE, token());
        register(family);
        Person head = family.head();
        refusedWithoutWrites(jkn(head.nik(), 0, null, "PBI_APBN", true, null), "BAD_REQUEST", "input.jknNumber");
        refusedWithoutWrites(jkn(head.nik(), 0, "123456789012", "PPU", true, null), "BAD_REQUEST", "input.jknNumber");
        refusedWithoutWrites(jkn(head.nik(), 0, "12345678901AB", "PBPU", true, null), "BAD_REQUEST", "input.jknNumber");
        refusedWithoutWrites(jkn(head.nik(), 0, null, "NONE", true, null), "BAD_REQUEST", "input.active");
        refusedWithoutWrites(jkn(head.nik(), 0, "0001234567890", "PBI_APBN", true, LocalDate.now().plusDays(1)),
                "BAD_REQUEST", "input.since");
        refusedWithoutWrites(jkn(head.nik(), 0, "0001234567890", "PBI_APBN", true, head.birthDate().minusDays(1)),
                "BAD_REQUEST", "input.since");
        refusedWithoutWrites(jkn(Person.man("Nobody", "HEAD").nik(), 0, null, "NONE", false, null), "NOT_FOUND", "input.nik");
    }

    // housing office

    @Test
    void housingFacetFollowsTheVersionRules() {
        Family family = Family.of(TestIdentities.VILLAGE, token());
        register(family);
        long id = householdId(family);
        followsTheVersionRules("recordHousingCondition", version -> housing(family.kk(), version, UNFIT_HOUSE),
                () -> version(HOUSING_FACET.VERSION, HOUSING_FACET.HOUSEHOLD_ID, id));
    }

    @Test
    void houseConditionIsStoredAndARenovationRecorded() {
        Family family = Family.of(TestIdentities.VILLAGE, token());
        register(family);

        housing(family.kk(), 0, UNFIT_HOUSE).execute()
                .path("recordHousingCondition.household.kk").entity(String.class).isEqualTo(family.kk())
                .path("recordHousingCondition.floor").entity(String.class).isEqualTo("EARTH")
                .path("recordHousingCondition.water").entity(String.class).isEqualTo("UNPROTECTED_SPRING")
                .path("recordHousingCondition.floorAreaM2").entity(Double.class).isEqualTo(24.5)
                .path("recordHousingCondition.rtlhStatus").entity(String.class).isEqualTo("UNFIT")
                .path("recordHousingCondition.renovationYear").valueIsNull();
        HousingFacetRecord stored = dsl.selectFrom(HOUSING_FACET).where(HOUSING_FACET.HOUSEHOLD_ID.eq(householdId(family))).fetchSingle();
        assertThat(stored.getFloor()).isEqualTo(FloorMaterial.EARTH);
        assertThat(stored.getWall()).isEqualTo(WallMaterial.BAMBOO);
        assertThat(stored.getRoof()).isEqualTo(RoofMaterial.THATCH);
        assertThat(stored.getToilet()).isEqualTo(Toilet.NONE);
        assertThat(stored.getWater()).isEqualTo(WaterSource.UNPROTECTED_SPRING);
        assertThat(stored.getLighting()).isEqualTo(Lighting.NON_ELECTRIC);
        assertThat(stored.getFloorAreaM2()).isEqualByComparingTo(new BigDecimal("24.5"));
        assertThat(stored.getRtlhStatus()).isEqualTo(RtlhStatus.UNFIT);

        int lastYear = Year.now().getValue() - 1;
        housing(family.kk(), 1, input("floor", "CERAMIC", "wall", "PLASTERED_BRICK", "roof", "CLAY_TILE",
                "toilet", "PRIVATE", "water", "PIPED", "lighting", "ELECTRIC_METERED", "floorAreaM2", 36,
                "rtlhStatus", "RENOVATED", "renovationYear", lastYear)).execute()
                .path("recordHousingCondition.rtlhStatus").entity(String.class).isEqualTo("RENOVATED")
                .path("recordHousingCondition.renovationYear").entity(Integer.class).isEqualTo(lastYear)
                .path("recordHousingCondition.version").entity(Long.class).isEqualTo(2L);
        stored.refresh();
        assertThat(stored.getFloor()).isEqualTo(FloorMaterial.CERAMIC);
        assertThat(stored.getRtlhStatus()).isEqualTo(RtlhStatus.RENOVATED);
        assertThat(stored.getRenovationYear()).isEqualTo((short) lastYear);
        assertThat(householdRow(family.kk()).getVersion()).isEqualTo(1L);
    }

    @Test
    void badHousingInputIsRefusedAndWritesNothing() {
        Family family = Family.of(TestIdentities.VILLAGE, token());
        register(family);
        for (double area : List.of(0.0, -3.0, 100_000.0, 0.001, 99_999.999)) {
            Map<String, Object> condition = new java.util.LinkedHashMap<>(UNFIT_HOUSE);
            condition.put("floorAreaM2", area);
            refusedWithoutWrites(housing(family.kk(), 0, condition), "BAD_REQUEST", "input.floorAreaM2");
        }
        Map<String, Object> renovated = new java.util.LinkedHashMap<>(UNFIT_HOUSE);
        renovated.put("rtlhStatus", "RENOVATED");
        refusedWithoutWrites(housing(family.kk(), 0, renovated), "BAD_REQUEST", "input.renovationYear");
        for (int year : List.of(1900, Year.now().getValue() + 1)) {
            renovated.put("renovationYear", year);
            refusedWithoutWrites(housing(family.kk(), 0, renovated), "BAD_REQUEST", "input.renovationYear");
        }
        refusedWithoutWrites(housing(TestIdentities.kk(), 0, UNFIT_HOUSE), "NOT_FOUND", "input.kk");
    }

    // education office

    @Test
    void educationFacetFollowsTheVersionRules() {
        Family family = Family.of(TestIdentities.VILLAGE, token());
        register(family);
        Person child = family.members().get(2);
        long id = memberId(child);
        followsTheVersionRules("updateSchoolStatus", version -> school(child.nik(), version, "ENROLLED", "SMP", true, "KIP123456"),
                () -> version(EDUCATION_FACET.VERSION, EDUCATION_FACET.MEMBER_ID, id));
    }

    @Test
    void schoolStatusIsStored() {
        Person pupil = Person.born(LocalDate.now().minusYears(10), true, "Luh " + token(), "CHILD");
        Family family = Family.of(TestIdentities.VILLAGE, Person.man("Wayan " + token(), "HEAD"), pupil);
        register(family);

        school(pupil.nik(), 0, "ENROLLED", "SD", true, "KIP0012345").execute()
                .path("updateSchoolStatus.member.nik").entity(String.class).isEqualTo(pupil.nik())
                .path("updateSchoolStatus.schoolStatus").entity(String.class).isEqualTo("ENROLLED")
                .path("updateSchoolStatus.schoolLevel").entity(String.class).isEqualTo("SD")
                .path("updateSchoolStatus.pipRecipient").entity(Boolean.class).isEqualTo(true)
                .path("updateSchoolStatus.kipNumber").entity(String.class).isEqualTo("KIP0012345");
        EducationFacetRecord stored = dsl.selectFrom(EDUCATION_FACET).where(EDUCATION_FACET.MEMBER_ID.eq(memberId(pupil))).fetchSingle();
        assertThat(stored.getSchoolStatus()).isEqualTo(SchoolStatus.ENROLLED);
        assertThat(stored.getSchoolLevel()).isEqualTo(SchoolLevel.SD);
        assertThat(stored.getPipRecipient()).isTrue();
        assertThat(stored.getKipNumber()).isEqualTo("KIP0012345");

        school(pupil.nik(), 1, "DROPPED_OUT", "SD", false, null).execute()
                .path("updateSchoolStatus.schoolStatus").entity(String.class).isEqualTo("DROPPED_OUT")
                .path("updateSchoolStatus.version").entity(Long.class).isEqualTo(2L);
        stored.refresh();
        assertThat(stored.getSchoolStatus()).isEqualTo(SchoolStatus.DROPPED_OUT);
        assertThat(stored.getPipRecipient()).isFalse();
        assertThat(stored.getKipNumber()).isNull();
    }

    @Test
    void badSchoolInputIsRefusedAndWritesNothing() {
        Family family = Family.of(TestIdentities.VILLAGE, token());
        register(family);
        Person child = family.members().get(2);
        refusedWithoutWrites(school(child.nik(), 0, "ENROLLED", null, false, null), "BAD_REQUEST", "input.schoolLevel");
        refusedWithoutWrites(school(child.nik(), 0, "GRADUATED", "SMA", true, null), "BAD_REQUEST", "input.pipRecipient");
        refusedWithoutWrites(school(child.nik(), 0, "ENROLLED", "SMA", true, "12"), "BAD_REQUEST", "input.kipNumber");
        refusedWithoutWrites(school(Person.man("Nobody", "CHILD").nik(), 0, "ENROLLED", "SD", false, null),
                "NOT_FOUND", "input.nik");
    }
}
