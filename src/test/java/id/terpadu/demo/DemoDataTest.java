package id.terpadu.demo;

import com.zaxxer.hikari.HikariDataSource;
import id.terpadu.HubTest;
import id.terpadu.db.tables.Benefit;
import id.terpadu.identity.IdentityNumbers;
import org.flywaydb.core.Flyway;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static id.terpadu.db.Tables.AUDIT_ENTRY;
import static id.terpadu.db.Tables.BENEFIT;
import static id.terpadu.db.Tables.EDUCATION_FACET;
import static id.terpadu.db.Tables.HEALTH_FACET;
import static id.terpadu.db.Tables.HOUSEHOLD;
import static id.terpadu.db.Tables.HOUSING_FACET;
import static id.terpadu.db.Tables.MEMBER;
import static id.terpadu.db.Tables.REGION;
import static id.terpadu.db.Tables.SOCIAL_FACET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.jooq.impl.DSL.coalesce;
import static org.jooq.impl.DSL.countDistinct;

/**
 * The demo data generator, run against a database of its own on the test server: the shared test
 * database holds other tests' households, and the generator only fills an empty regency.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DemoDataTest extends HubTest {

    private static final String DATABASE = "terpadu_demo_data_test";
    private static final LocalDate OPEN_END = LocalDate.of(9999, 12, 31);

    @Autowired
    private DataSource dataSource;

    @Autowired
    private IdentityNumbers identityNumbers;

    private Connection connection;
    private DSLContext demo;

    @BeforeAll
    void createDatabase() throws SQLException {
        HikariDataSource hikari = dataSource.unwrap(HikariDataSource.class);
        String url = hikari.getJdbcUrl().replaceFirst("^(jdbc:postgresql://[^/]+/)[^?]*", "$1" + DATABASE);
        dsl.dropDatabaseIfExists(DATABASE).execute();
        dsl.createDatabase(DATABASE).execute();
        Flyway.configure()
                .dataSource(url, hikari.getUsername(), hikari.getPassword())
                .locations("classpath:db/migration")
                .load()
                .migrate();
        connection = DriverManager.getConnection(url, hikari.getUsername(), hikari.getPassword());
        demo = DSL.using(connection, SQLDialect.POSTGRES);
    }

    @AfterAll
    void dropDatabase() throws SQLException {
        connection.close();
        dsl.dropDatabaseIfExists(DATABASE).execute();
    }

    @BeforeEach
    void emptyHub() {
        demo.truncate(HOUSEHOLD).restartIdentity().cascade().execute();
    }

    @Test
    void defaultScaleHasBangliFiguresOf2017() {
        DemoDataSummary summary = DemoDataGenerator.generate(demo, DemoDataProperties.BANGLI_2017);

        assertThat(demo.fetchCount(HOUSEHOLD)).isEqualTo(8_995);
        assertThat(demo.fetchCount(MEMBER)).isEqualTo(32_418);
        assertThat(summary.households()).isEqualTo(8_995);
        assertThat(summary.members()).isEqualTo(32_418);
        assertEveryHouseholdHasOneHead();
        assertThat(demo.fetchValue(demo.select(countDistinct(HOUSEHOLD.VILLAGE_CODE)).from(HOUSEHOLD)))
                .as("every village of Bangli has households")
                .isEqualTo(demo.fetchCount(REGION, REGION.CODE.startsWith("51.06.").and(REGION.LEVEL.eq((short) 4))));
        assertIdentitiesFollowTheRules();
        assertFacetsArePresent();
        assertBenefitsAreSensible();
    }

    @Test
    void theLoadIsAuditedAsTheSystemOneEntryPerRecord() {
        long lastBefore = demo.select(DSL.coalesce(DSL.max(AUDIT_ENTRY.ID), 0L)).from(AUDIT_ENTRY).fetchSingle().value1();
        DemoDataSummary summary = DemoDataGenerator.generate(demo, DemoDataProperties.BANGLI_2017.withHouseholds(200));

        long records = summary.households() + summary.members() + summary.socialFacets() + summary.housingFacets()
                + summary.healthFacets() + summary.educationFacets() + summary.benefits();
        Condition ofThisLoad = AUDIT_ENTRY.ID.gt(lastBefore);
        assertThat(demo.fetchCount(AUDIT_ENTRY, ofThisLoad)).isEqualTo(records);
        assertThat(demo.fetchCount(AUDIT_ENTRY, ofThisLoad.and(AUDIT_ENTRY.SUBJECT.eq("system"))
                .and(AUDIT_ENTRY.USERNAME.eq("system")).and(AUDIT_ENTRY.OPERATION.eq("demoLoad"))
                .and(AUDIT_ENTRY.ACTION.eq("INSERT")).and(AUDIT_ENTRY.POSITION.isNotNull()))).isEqualTo(records);
        assertThat(demo.fetchCount(AUDIT_ENTRY, ofThisLoad.and(AUDIT_ENTRY.ENTITY_TABLE.eq("household"))))
                .isEqualTo(summary.households());
    }

    @Test
    void smallScaleIsValidAndTheSameForTheSameSeed() {
        DemoDataProperties small = DemoDataProperties.BANGLI_2017.withHouseholds(300);
        DemoDataGenerator.generate(demo, small);

        assertThat(demo.fetchCount(HOUSEHOLD)).isEqualTo(300);
        assertThat(demo.fetchCount(MEMBER)).isEqualTo(small.members()).isEqualTo(1_081);
        assertEveryHouseholdHasOneHead();
        demo.select(HOUSEHOLD.KK).from(HOUSEHOLD).fetch(HOUSEHOLD.KK)
                .forEach(kk -> identityNumbers.checkKk(kk, "kk"));
        demo.select(MEMBER.NIK, MEMBER.SEX, MEMBER.BIRTH_DATE).from(MEMBER)
                .forEach(member -> identityNumbers.checkNik(member.value1(), "nik", member.value2(), member.value3()));
        assertFacetsArePresent();
        assertBenefitsAreSensible();
        List<List<Object>> first = snapshot();

        emptyHub();
        DemoDataGenerator.generate(demo, small);
        assertThat(snapshot()).isEqualTo(first);

        emptyHub();
        DemoDataGenerator.generate(demo, small.withSeed(2018));
        List<Object> otherSeed = identities(snapshot());
        Set<Object> shared = new HashSet<>(identities(first));
        shared.retainAll(otherSeed);
        assertThat(shared).as("KK and NIK numbers also drawn with another seed").hasSizeLessThan(otherSeed.size() / 10);
    }

    @Test
    void aRegencyWithHouseholdsIsLeftAlone() {
        DemoDataProperties tiny = DemoDataProperties.BANGLI_2017.withHouseholds(5);
        DemoDataGenerator.generate(demo, tiny);

        assertThatIllegalStateException().isThrownBy(() -> DemoDataGenerator.generate(demo, tiny));
        assertThat(demo.fetchCount(HOUSEHOLD)).isEqualTo(5);
    }

    private void assertEveryHouseholdHasOneHead() {
        assertThat(demo.fetchCount(HOUSEHOLD, HOUSEHOLD.ID.notIn(
                demo.select(MEMBER.HOUSEHOLD_ID).from(MEMBER).where(MEMBER.RELATIONSHIP.eq("HEAD")))))
                .as("households without a head")
                .isZero();
        assertThat(demo.fetchCount(MEMBER, MEMBER.RELATIONSHIP.eq("HEAD"))).isEqualTo(demo.fetchCount(HOUSEHOLD));
    }

    /** The rules of {@link IdentityNumbers}, checked here without a query per number. */
    private void assertIdentitiesFollowTheRules() {
        Set<String> districts = new HashSet<>(demo.select(REGION.COMPACT_CODE).from(REGION)
                .where(REGION.CODE.startsWith("51.06.").and(REGION.LEVEL.eq((short) 3)))
                .fetch(REGION.COMPACT_CODE));
        for (var household : demo.select(HOUSEHOLD.KK, HOUSEHOLD.VILLAGE_CODE).from(HOUSEHOLD)) {
            String kk = household.value1();
            assertThat(kk).matches("[0-9]{16}").startsWith(household.value2().substring(0, 8).replace(".", ""));
            int day = Integer.parseInt(kk.substring(6, 8));
            int month = Integer.parseInt(kk.substring(8, 10));
            LocalDate issued = LocalDate.of(2000 + Integer.parseInt(kk.substring(10, 12)), month, day);
            assertThat(issued).isBetween(LocalDate.of(2006, 1, 1), HouseholdPlanner.REFERENCE_DATE);
        }
        for (var member : demo.select(MEMBER.NIK, MEMBER.SEX, MEMBER.BIRTH_DATE).from(MEMBER)) {
            String nik = member.value1();
            LocalDate born = member.value3();
            boolean female = member.value2().equals("FEMALE");
            assertThat(nik).matches("[0-9]{16}");
            assertThat(districts).contains(nik.substring(0, 6));
            assertThat(nik.substring(6, 12)).isEqualTo(String.format("%02d%02d%02d",
                    born.getDayOfMonth() + (female ? 40 : 0), born.getMonthValue(), born.getYear() % 100));
            assertThat(born).isBefore(HouseholdPlanner.REFERENCE_DATE);
        }
    }

    private void assertFacetsArePresent() {
        int households = demo.fetchCount(HOUSEHOLD);
        int members = demo.fetchCount(MEMBER);
        assertThat(demo.fetchCount(SOCIAL_FACET)).isEqualTo(households);
        assertThat(demo.fetchCount(HOUSING_FACET)).isEqualTo(households);
        assertThat(demo.fetchCount(HEALTH_FACET)).isBetween(members * 9 / 10, members);
        assertThat(demo.fetchCount(SOCIAL_FACET, SOCIAL_FACET.CLUSTER_CODE.isNotNull())).isGreaterThan(households / 2);
        assertThat(demo.selectDistinct(SOCIAL_FACET.CLUSTER_CODE).from(SOCIAL_FACET).where(SOCIAL_FACET.CLUSTER_CODE.isNotNull())
                .fetch(SOCIAL_FACET.CLUSTER_CODE)).containsExactlyInAnyOrder("MELATI", "MENUR", "KENANGA");
        assertThat(demo.selectDistinct(HEALTH_FACET.SEGMENT).from(HEALTH_FACET).fetch(HEALTH_FACET.SEGMENT))
                .containsExactlyInAnyOrder("PBI_APBN", "PBI_APBD", "PBPU", "PPU", "NONE");
        // schooling is recorded for school-age members only
        var education = demo.select(MEMBER.BIRTH_DATE, EDUCATION_FACET.SCHOOL_STATUS)
                .from(EDUCATION_FACET).join(MEMBER).on(MEMBER.ID.eq(EDUCATION_FACET.MEMBER_ID))
                .fetch();
        assertThat(education).isNotEmpty().allSatisfy(row -> assertThat(
                Period.between(row.value1(), HouseholdPlanner.REFERENCE_DATE).getYears()).isBetween(5, 20));
        assertThat(education.getValues(EDUCATION_FACET.SCHOOL_STATUS)).contains("ENROLLED", "NOT_YET_IN_SCHOOL");
    }

    private void assertBenefitsAreSensible() {
        assertThat(demo.selectDistinct(BENEFIT.PROGRAMME_CODE).from(BENEFIT).fetch(BENEFIT.PROGRAMME_CODE))
                .containsExactlyInAnyOrder("PKH", "BPNT", "RTLH", "BLT_DD", "KIS_PBI", "PIP");

        Benefit a = BENEFIT.as("a");
        Benefit b = BENEFIT.as("b");
        Condition overlapping = a.PROGRAMME_CODE.eq(b.PROGRAMME_CODE)
                .and(a.ID.lt(b.ID))
                .and(a.STARTS_ON.le(coalesce(b.ENDS_ON, OPEN_END)))
                .and(b.STARTS_ON.le(coalesce(a.ENDS_ON, OPEN_END)));
        assertThat(demo.fetchCount(a.join(b).on(a.HOUSEHOLD_ID.eq(b.HOUSEHOLD_ID)).and(overlapping)))
                .as("overlapping enrolments of a household in one programme")
                .isZero();
        assertThat(demo.fetchCount(a.join(b).on(a.MEMBER_ID.eq(b.MEMBER_ID)).and(overlapping)))
                .as("overlapping enrolments of a member in one programme")
                .isZero();

        var householdBenefits = BENEFIT.join(SOCIAL_FACET).on(SOCIAL_FACET.HOUSEHOLD_ID.eq(BENEFIT.HOUSEHOLD_ID));
        assertThat(demo.fetchCount(householdBenefits, BENEFIT.PROGRAMME_CODE.eq("PKH")
                .and(coalesce(SOCIAL_FACET.DECILE, (short) 99).gt((short) 4))))
                .as("PKH outside deciles 1-4").isZero();
        assertThat(demo.fetchCount(householdBenefits, BENEFIT.PROGRAMME_CODE.eq("BPNT")
                .and(coalesce(SOCIAL_FACET.DECILE, (short) 99).gt((short) 5))))
                .as("BPNT outside deciles 1-5").isZero();
        assertThat(demo.fetchCount(BENEFIT, BENEFIT.PROGRAMME_CODE.eq("BLT_DD").and(BENEFIT.HOUSEHOLD_ID.in(
                demo.select(BENEFIT.HOUSEHOLD_ID).from(BENEFIT).where(BENEFIT.PROGRAMME_CODE.in("PKH", "BPNT"))))))
                .as("BLT-DD to a family with PKH or BPNT").isZero();

        var memberBenefits = BENEFIT.join(HEALTH_FACET).on(HEALTH_FACET.MEMBER_ID.eq(BENEFIT.MEMBER_ID));
        assertThat(demo.fetchCount(BENEFIT, BENEFIT.PROGRAMME_CODE.eq("KIS_PBI").and(BENEFIT.STATUS.eq("ACTIVE"))))
                .isEqualTo(demo.fetchCount(memberBenefits, BENEFIT.PROGRAMME_CODE.eq("KIS_PBI")
                        .and(BENEFIT.STATUS.eq("ACTIVE")).and(HEALTH_FACET.SEGMENT.in("PBI_APBN", "PBI_APBD"))));
        assertThat(demo.fetchCount(BENEFIT, BENEFIT.PROGRAMME_CODE.eq("PIP")))
                .isEqualTo(demo.fetchCount(BENEFIT.join(EDUCATION_FACET).on(EDUCATION_FACET.MEMBER_ID.eq(BENEFIT.MEMBER_ID)),
                        BENEFIT.PROGRAMME_CODE.eq("PIP").and(EDUCATION_FACET.SCHOOL_STATUS.eq("ENROLLED"))
                                .and(EDUCATION_FACET.PIP_RECIPIENT.isTrue())))
                .isEqualTo(demo.fetchCount(EDUCATION_FACET, EDUCATION_FACET.PIP_RECIPIENT.isTrue()))
                .isPositive();
    }

    /** Everything generated except ids and timestamps, in the order it was written. */
    private List<List<Object>> snapshot() {
        List<List<Object>> rows = new ArrayList<>();
        demo.select(HOUSEHOLD.KK, HOUSEHOLD.VILLAGE_CODE, HOUSEHOLD.ADDRESS, HOUSEHOLD.RT, HOUSEHOLD.RW)
                .from(HOUSEHOLD).orderBy(HOUSEHOLD.ID).fetch().map(Record::intoList).forEach(rows::add);
        demo.select(MEMBER.NIK, MEMBER.NAME, MEMBER.SEX, MEMBER.BIRTH_DATE, MEMBER.RELATIONSHIP, MEMBER.household().KK)
                .from(MEMBER).orderBy(MEMBER.ID).fetch().map(Record::intoList).forEach(rows::add);
        demo.select(MEMBER.NIK, HEALTH_FACET.JKN_NUMBER, HEALTH_FACET.SEGMENT, HEALTH_FACET.ACTIVE, HEALTH_FACET.SINCE)
                .from(HEALTH_FACET).join(MEMBER).on(MEMBER.ID.eq(HEALTH_FACET.MEMBER_ID))
                .orderBy(MEMBER.ID).fetch().map(Record::intoList).forEach(rows::add);
        demo.select(BENEFIT.PROGRAMME_CODE, BENEFIT.household().KK, BENEFIT.member().NIK, BENEFIT.STARTS_ON,
                        BENEFIT.ENDS_ON, BENEFIT.STATUS, BENEFIT.AMOUNT, BENEFIT.REASON)
                .from(BENEFIT).orderBy(BENEFIT.ID).fetch().map(Record::intoList).forEach(rows::add);
        return rows;
    }

    /** The KK and NIK numbers of a snapshot. */
    private static List<Object> identities(List<List<Object>> snapshot) {
        return snapshot.stream().map(row -> row.get(0)).filter(value -> value instanceof String s && s.length() == 16)
                .toList();
    }
}
