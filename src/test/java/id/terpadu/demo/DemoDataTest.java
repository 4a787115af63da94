package id.terpadu.demo;

import com.zaxxer.hikari.HikariDataSource;
import id.terpadu.HubTest;
import id.terpadu.db.codes.BenefitStatus;
import id.terpadu.db.codes.HouseholdStatus;
import id.terpadu.db.codes.JknSegment;
import id.terpadu.db.codes.Relationship;
import id.terpadu.db.codes.SchoolStatus;
import id.terpadu.db.codes.Sex;
import id.terpadu.db.codes.VerificationRoundStatus;
import id.terpadu.db.tables.Benefit;
import id.terpadu.identity.IdentityNumbers;
import org.flywaydb.core.Flyway;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.Record1;
import org.jooq.Select;
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
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static id.terpadu.db.Tables.AUDIT_CHAIN_BREAKS;
import static id.terpadu.db.Tables.AUDIT_CHAIN_HEAD;
import static id.terpadu.db.Tables.AUDIT_ENTRY;
import static id.terpadu.db.Tables.BENEFIT;
import static id.terpadu.db.Tables.EDUCATION_FACET;
import static id.terpadu.db.Tables.HEALTH_FACET;
import static id.terpadu.db.Tables.HOUSEHOLD;
import static id.terpadu.db.Tables.HOUSING_FACET;
import static id.terpadu.db.Tables.MEMBER;
import static id.terpadu.db.Tables.REGION;
import static id.terpadu.db.Tables.SOCIAL_FACET;
import static id.terpadu.db.Tables.VERIFICATION_RESULT;
import static id.terpadu.db.Tables.VERIFICATION_ROUND;
import static id.terpadu.db.codes.VerificationOutcome.DECEASED;
import static id.terpadu.db.codes.VerificationOutcome.LEFT_POVERTY;
import static id.terpadu.db.codes.VerificationOutcome.MOVED;
import static id.terpadu.db.codes.VerificationOutcome.NEW;
import static id.terpadu.db.codes.VerificationOutcome.STILL_POOR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.jooq.impl.DSL.coalesce;
import static org.jooq.impl.DSL.countDistinct;
import static org.jooq.impl.DSL.sum;

/**
 * The demo data generator, run against a database of its own on the test server: the shared test
 * database holds other tests' households, and the generator only fills an empty regency.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DemoDataTest extends HubTest {

    private static final LocalDate OPEN_END = LocalDate.of(9999, 12, 31);

    @Autowired
    private DataSource dataSource;

    @Autowired
    private IdentityNumbers identityNumbers;

    private Connection connection;
    private DSLContext demo;
    /** Named after the test database, so test runs against other databases of the same server never meet. */
    private String database;

    @BeforeAll
    void createDatabase() throws SQLException {
        HikariDataSource hikari = dataSource.unwrap(HikariDataSource.class);
        database = dsl.fetchValue(DSL.currentCatalog()) + "_demo_data_test";
        String url = hikari.getJdbcUrl().replaceFirst("^(jdbc:postgresql://[^/]+/)[^?]*", "$1" + database);
        dsl.dropDatabaseIfExists(database).execute();
        dsl.createDatabase(database).execute();
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
        dsl.dropDatabaseIfExists(database).execute();
    }

    @BeforeEach
    void emptyHub() {
        demo.truncate(HOUSEHOLD, VERIFICATION_ROUND).restartIdentity().cascade().execute();
    }

    @Test
    void defaultScaleHasBangliFiguresOf2015And2017() {
        DemoDataSummary summary = DemoDataGenerator.generate(demo, DemoDataProperties.BANGLI_2017);

        // today's households are the poor of 2017 with their members
        assertThat(poorHouseholds("2017")).isEqualTo(8_995);
        assertThat(poorPersons("2017")).isEqualTo(32_418);
        assertThat(demo.fetchCount(MEMBER, MEMBER.HOUSEHOLD_ID.in(poorOf("2017")))).isEqualTo(32_418);
        assertThat(poorHouseholds("2015")).isEqualTo(11_055);
        assertThat(poorPersons("2015")).isEqualTo(36_821);
        // and the households that left the list since 2015 are kept too: 4,758 of them, with 14,274 persons
        assertThat(demo.fetchCount(HOUSEHOLD)).isEqualTo(8_995 + 4_758);
        assertThat(demo.fetchCount(MEMBER)).isEqualTo(32_418 + 14_274);
        assertThat(summary.households()).isEqualTo(8_995 + 4_758);
        assertThat(summary.members()).isEqualTo(32_418 + 14_274);
        // a 2017 result for every household, a 2015 result for each of the poor of 2015
        assertThat(summary.verificationResults()).isEqualTo(8_995 + 4_758 + 11_055);
        assertRoundsAreConsistent();
        assertEveryHouseholdHasOneHead();
        assertThat(demo.fetchValue(demo.select(countDistinct(HOUSEHOLD.VILLAGE_CODE)).from(HOUSEHOLD)))
                .as("every village of Bangli has households")
                .isEqualTo(demo.fetchCount(REGION, REGION.CODE.startsWith("51.06.").and(REGION.LEVEL.eq((short) 4))));
        assertIdentitiesFollowTheRules();
        assertFacetsArePresent();
        assertBenefitsAreSensible();
    }

    @Test
    void theLoadIsAuditedAsTheSystemOneEntryPerRecordChainedInTheOrderWritten() {
        long lastBefore = demo.select(DSL.coalesce(DSL.max(AUDIT_ENTRY.ID), 0L)).from(AUDIT_ENTRY).fetchSingle().value1();
        // more than one chunk, and so chained in more than one part before the commit
        DemoDataSummary summary = DemoDataGenerator.generate(demo,
                DemoDataProperties.BANGLI_2017.withHouseholds(DemoDataGenerator.CHUNK * 3 / 2));

        long records = summary.households() + summary.members() + summary.socialFacets() + summary.housingFacets()
                + summary.healthFacets() + summary.educationFacets() + summary.benefits()
                + demo.fetchCount(VERIFICATION_ROUND) + summary.verificationResults();
        Condition ofThisLoad = AUDIT_ENTRY.ID.gt(lastBefore);
        assertThat(demo.fetchCount(AUDIT_ENTRY, ofThisLoad)).isEqualTo(records);
        assertThat(demo.fetchCount(AUDIT_ENTRY, ofThisLoad.and(AUDIT_ENTRY.SUBJECT.eq("system"))
                .and(AUDIT_ENTRY.USERNAME.eq("system")).and(AUDIT_ENTRY.OPERATION.eq("demoLoad"))
                .and(AUDIT_ENTRY.ACTION.eq("INSERT")).and(AUDIT_ENTRY.POSITION.isNotNull()))).isEqualTo(records);
        assertThat(demo.fetchCount(AUDIT_ENTRY, ofThisLoad.and(AUDIT_ENTRY.ENTITY_TABLE.eq("household"))))
                .isEqualTo(summary.households());

        long first = demo.select(DSL.min(AUDIT_ENTRY.POSITION)).from(AUDIT_ENTRY).where(ofThisLoad).fetchSingle().value1();
        long last = demo.select(DSL.max(AUDIT_ENTRY.POSITION)).from(AUDIT_ENTRY).where(ofThisLoad).fetchSingle().value1();
        assertThat(last - first + 1).as("the load's positions have no gap").isEqualTo(records);
        assertThat(demo.fetchCount(demo.selectDistinct(AUDIT_ENTRY.POSITION.minus(DSL.rowNumber().over().orderBy(AUDIT_ENTRY.ID)))
                .from(AUDIT_ENTRY).where(ofThisLoad))).as("positions follow the order of writing").isOne();
        assertThat(demo.fetchCount(AUDIT_CHAIN_BREAKS.call(first, last))).as("each hash continues the chain").isZero();
        assertThat(demo.fetchValue(AUDIT_CHAIN_HEAD.POSITION)).as("the chain's end").isEqualTo(last);
    }

    @Test
    void smallScaleIsValidAndTheSameForTheSameSeed() {
        DemoDataProperties small = DemoDataProperties.BANGLI_2017.withHouseholds(300);
        DemoDataGenerator.generate(demo, small);

        // the rounds scale with the households: 300 x 11,055 / 8,995 and 300 x 36,821 / 8,995, rounded
        assertThat(poorHouseholds("2017")).isEqualTo(300);
        assertThat(poorPersons("2017")).isEqualTo(small.members()).isEqualTo(1_081);
        assertThat(poorHouseholds("2015")).isEqualTo(369);
        assertThat(poorPersons("2015")).isEqualTo(1_228);
        assertThat(demo.fetchCount(HOUSEHOLD)).isEqualTo(300 + 159);
        assertThat(demo.fetchCount(MEMBER)).isEqualTo(1_081 + 477);
        assertRoundsAreConsistent();
        assertEveryHouseholdHasOneHead();
        demo.select(HOUSEHOLD.KK).from(HOUSEHOLD).fetch(HOUSEHOLD.KK)
                .forEach(kk -> identityNumbers.checkKk(kk, "kk"));
        demo.select(MEMBER.NIK, MEMBER.SEX, MEMBER.BIRTH_DATE).from(MEMBER)
                .forEach(member -> identityNumbers.checkNik(member.value1(), "nik", member.value2(), member.value3()));
        assertFacetsArePresent();
        assertBenefitsAreSensible();
        assertEmpowermentGraduates();
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
        int households = demo.fetchCount(HOUSEHOLD);
        int results = demo.fetchCount(VERIFICATION_RESULT);

        assertThatIllegalStateException().isThrownBy(() -> DemoDataGenerator.generate(demo, tiny));
        assertThat(demo.fetchCount(HOUSEHOLD)).isEqualTo(households);
        assertThat(demo.fetchCount(VERIFICATION_RESULT)).isEqualTo(results);
        assertThat(demo.fetchCount(VERIFICATION_ROUND)).isEqualTo(2);
    }

    @Test
    void aSingleHouseholdStillMakesBothRounds() {
        DemoDataGenerator.generate(demo, DemoDataProperties.BANGLI_2017.withHouseholds(1));

        assertThat(poorHouseholds("2017")).isEqualTo(1);
        assertThat(poorHouseholds("2015")).isEqualTo(1);
        assertThat(poorPersons("2015")).isEqualTo(4);
        assertRoundsAreConsistent();
    }

    private Condition poorIn(String round) {
        return VERIFICATION_RESULT.ROUND_ID.eq(demo.select(VERIFICATION_ROUND.ID).from(VERIFICATION_ROUND)
                .where(VERIFICATION_ROUND.NAME.eq(round)).asField())
                .and(VERIFICATION_RESULT.RESULT.in(STILL_POOR, NEW));
    }

    private Select<Record1<Long>> poorOf(String round) {
        return demo.select(VERIFICATION_RESULT.HOUSEHOLD_ID).from(VERIFICATION_RESULT).where(poorIn(round));
    }

    private int poorHouseholds(String round) {
        return demo.fetchCount(VERIFICATION_RESULT, poorIn(round));
    }

    private long poorPersons(String round) {
        return demo.select(sum(VERIFICATION_RESULT.PERSONS)).from(VERIFICATION_RESULT).where(poorIn(round))
                .fetchSingle().value1().longValue();
    }

    /**
     * Both rounds closed, 2017 compared with 2015; every household of today is poor in 2017 with its
     * members as counted, and every other household was poor in 2015 and has left the list since:
     * still living together when it left poverty, dissolved when it moved or died out.
     */
    private void assertRoundsAreConsistent() {
        var previous = VERIFICATION_ROUND.as("previous");
        assertThat(demo.select(VERIFICATION_ROUND.NAME, VERIFICATION_ROUND.STATUS, previous.NAME)
                .from(VERIFICATION_ROUND).leftJoin(previous).on(previous.ID.eq(VERIFICATION_ROUND.PREVIOUS_ID))
                .orderBy(VERIFICATION_ROUND.YEAR).fetch().map(Record::intoList))
                .containsExactly(Arrays.asList("2015", VerificationRoundStatus.CLOSED, null),
                        List.of("2017", VerificationRoundStatus.CLOSED, "2015"));
        var now = VERIFICATION_RESULT.as("now");
        assertThat(demo.fetchCount(now.join(HOUSEHOLD).on(HOUSEHOLD.ID.eq(now.HOUSEHOLD_ID)),
                now.ROUND_ID.eq(roundId("2017")).and(now.RESULT.in(STILL_POOR, NEW))
                        .and(now.PERSONS.ne(demo.selectCount().from(MEMBER).where(MEMBER.HOUSEHOLD_ID.eq(HOUSEHOLD.ID))
                                .asField().cast(Short.class)))))
                .as("poor households of 2017 whose persons differ from their members").isZero();
        assertThat(demo.fetchCount(HOUSEHOLD, HOUSEHOLD.ID.notIn(poorOf("2017")).and(HOUSEHOLD.ID.notIn(poorOf("2015")))))
                .as("households poor in neither round").isZero();
        assertThat(demo.fetchCount(VERIFICATION_RESULT.join(HOUSEHOLD).on(HOUSEHOLD.ID.eq(VERIFICATION_RESULT.HOUSEHOLD_ID)),
                VERIFICATION_RESULT.ROUND_ID.eq(roundId("2017")).and(VERIFICATION_RESULT.RESULT.in(MOVED, DECEASED))
                        .and(HOUSEHOLD.STATUS.ne(HouseholdStatus.DISSOLVED))))
                .as("moved or died-out households not dissolved").isZero();
        assertThat(demo.fetchCount(HOUSEHOLD, HOUSEHOLD.STATUS.eq(HouseholdStatus.DISSOLVED).and(HOUSEHOLD.ID.in(poorOf("2017")))))
                .as("dissolved households poor in 2017").isZero();
        assertThat(demo.fetchCount(VERIFICATION_RESULT, VERIFICATION_RESULT.ROUND_ID.eq(roundId("2017"))
                .and(VERIFICATION_RESULT.RESULT.eq(STILL_POOR)).and(VERIFICATION_RESULT.HOUSEHOLD_ID.notIn(poorOf("2015")))))
                .as("still poor in 2017 without being poor in 2015").isZero();
        assertThat(demo.fetchCount(VERIFICATION_RESULT, VERIFICATION_RESULT.ROUND_ID.eq(roundId("2017"))
                .and(VERIFICATION_RESULT.RESULT.eq(NEW)).and(VERIFICATION_RESULT.HOUSEHOLD_ID.in(poorOf("2015")))))
                .as("new in 2017 although poor in 2015").isZero();
        assertThat(demo.fetchCount(BENEFIT, BENEFIT.HOUSEHOLD_ID.notIn(poorOf("2017"))))
                .as("household programmes of households no longer poor").isZero();
    }

    /** Empowerment of 2015: every participant has an outcome, and some of those trained left poverty by 2017. */
    private void assertEmpowermentGraduates() {
        List<String> empowerment = List.of("UEP", "PELATIHAN", "PENEMPATAN_KERJA");
        assertThat(demo.fetchCount(BENEFIT, BENEFIT.PROGRAMME_CODE.in(empowerment))).isPositive()
                .isEqualTo(demo.fetchCount(BENEFIT, BENEFIT.PROGRAMME_CODE.in(empowerment).and(BENEFIT.OUTCOME.isNotNull())
                        .and(BENEFIT.OUTCOME_ON.ge(BENEFIT.STARTS_ON))));
        var trainedHouseholds = demo.select(MEMBER.HOUSEHOLD_ID).from(BENEFIT).join(MEMBER).on(MEMBER.ID.eq(BENEFIT.MEMBER_ID))
                .where(BENEFIT.PROGRAMME_CODE.eq("PELATIHAN"));
        assertThat(demo.fetchCount(VERIFICATION_RESULT, VERIFICATION_RESULT.ROUND_ID.eq(roundId("2017"))
                .and(VERIFICATION_RESULT.RESULT.eq(LEFT_POVERTY)).and(VERIFICATION_RESULT.HOUSEHOLD_ID.in(trainedHouseholds))))
                .as("trained in 2015, no longer poor in 2017").isPositive();
        assertThat(demo.fetchCount(VERIFICATION_RESULT, VERIFICATION_RESULT.ROUND_ID.eq(roundId("2017"))
                .and(VERIFICATION_RESULT.RESULT.eq(STILL_POOR)).and(VERIFICATION_RESULT.HOUSEHOLD_ID.in(trainedHouseholds))))
                .as("trained in 2015, still poor in 2017").isPositive();
    }

    private Long roundId(String name) {
        return demo.select(VERIFICATION_ROUND.ID).from(VERIFICATION_ROUND).where(VERIFICATION_ROUND.NAME.eq(name))
                .fetchSingle().value1();
    }

    private void assertEveryHouseholdHasOneHead() {
        assertThat(demo.fetchCount(HOUSEHOLD, HOUSEHOLD.ID.notIn(
                demo.select(MEMBER.HOUSEHOLD_ID).from(MEMBER).where(MEMBER.RELATIONSHIP.eq(Relationship.HEAD)))))
                .as("households without a head")
                .isZero();
        assertThat(demo.fetchCount(MEMBER, MEMBER.RELATIONSHIP.eq(Relationship.HEAD))).isEqualTo(demo.fetchCount(HOUSEHOLD));
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
            boolean female = member.value2() == Sex.FEMALE;
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
        // UPT-PK verified the Menur households; others are on the local survey without a verification,
        // so suggested clusters differ from household to household
        assertThat(demo.fetchCount(SOCIAL_FACET, SOCIAL_FACET.VERIFIED_ON.isNotNull()))
                .isPositive()
                .isEqualTo(demo.fetchCount(SOCIAL_FACET, SOCIAL_FACET.CLUSTER_CODE.eq("MENUR")))
                .isEqualTo(demo.fetchCount(SOCIAL_FACET, SOCIAL_FACET.CLUSTER_CODE.eq("MENUR")
                        .and(SOCIAL_FACET.ON_LOCAL_SURVEY.isTrue()).and(SOCIAL_FACET.VERIFIED_BY.eq("uptpk"))));
        assertThat(demo.fetchCount(SOCIAL_FACET, SOCIAL_FACET.ON_LOCAL_SURVEY.isTrue().and(SOCIAL_FACET.VERIFIED_ON.isNull())))
                .isPositive();
        assertThat(demo.fetchCount(SOCIAL_FACET, SOCIAL_FACET.ON_LOCAL_SURVEY.isFalse())).isPositive();
        assertThat(demo.selectDistinct(HEALTH_FACET.SEGMENT).from(HEALTH_FACET).fetch(HEALTH_FACET.SEGMENT))
                .containsExactlyInAnyOrder(JknSegment.values());
        // schooling is recorded for school-age members only
        var education = demo.select(MEMBER.BIRTH_DATE, EDUCATION_FACET.SCHOOL_STATUS)
                .from(EDUCATION_FACET).join(MEMBER).on(MEMBER.ID.eq(EDUCATION_FACET.MEMBER_ID))
                .fetch();
        assertThat(education).isNotEmpty().allSatisfy(row -> assertThat(
                Period.between(row.value1(), HouseholdPlanner.REFERENCE_DATE).getYears()).isBetween(5, 20));
        assertThat(education.getValues(EDUCATION_FACET.SCHOOL_STATUS))
                .contains(SchoolStatus.ENROLLED, SchoolStatus.NOT_YET_IN_SCHOOL);
    }

    private void assertBenefitsAreSensible() {
        assertThat(demo.selectDistinct(BENEFIT.PROGRAMME_CODE).from(BENEFIT).fetch(BENEFIT.PROGRAMME_CODE))
                .containsExactlyInAnyOrder("PKH", "BPNT", "RTLH", "BLT_DD", "KIS_PBI", "PIP", "UEP", "PELATIHAN", "PENEMPATAN_KERJA");

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
        assertThat(demo.fetchCount(BENEFIT, BENEFIT.PROGRAMME_CODE.eq("KIS_PBI").and(BENEFIT.STATUS.eq(BenefitStatus.ACTIVE))))
                .isEqualTo(demo.fetchCount(memberBenefits, BENEFIT.PROGRAMME_CODE.eq("KIS_PBI")
                        .and(BENEFIT.STATUS.eq(BenefitStatus.ACTIVE))
                        .and(HEALTH_FACET.SEGMENT.in(JknSegment.PBI_APBN, JknSegment.PBI_APBD))));
        assertThat(demo.fetchCount(BENEFIT, BENEFIT.PROGRAMME_CODE.eq("PIP")))
                .isEqualTo(demo.fetchCount(BENEFIT.join(EDUCATION_FACET).on(EDUCATION_FACET.MEMBER_ID.eq(BENEFIT.MEMBER_ID)),
                        BENEFIT.PROGRAMME_CODE.eq("PIP").and(EDUCATION_FACET.SCHOOL_STATUS.eq(SchoolStatus.ENROLLED))
                                .and(EDUCATION_FACET.PIP_RECIPIENT.isTrue())))
                .isEqualTo(demo.fetchCount(EDUCATION_FACET, EDUCATION_FACET.PIP_RECIPIENT.isTrue()))
                .isPositive();
    }

    /** Everything generated except ids and timestamps, in the order it was written. */
    private List<List<Object>> snapshot() {
        List<List<Object>> rows = new ArrayList<>();
        demo.select(HOUSEHOLD.KK, HOUSEHOLD.VILLAGE_CODE, HOUSEHOLD.ADDRESS, HOUSEHOLD.RT, HOUSEHOLD.RW, HOUSEHOLD.STATUS)
                .from(HOUSEHOLD).orderBy(HOUSEHOLD.ID).fetch().map(Record::intoList).forEach(rows::add);
        demo.select(MEMBER.NIK, MEMBER.NAME, MEMBER.SEX, MEMBER.BIRTH_DATE, MEMBER.RELATIONSHIP, MEMBER.household().KK)
                .from(MEMBER).orderBy(MEMBER.ID).fetch().map(Record::intoList).forEach(rows::add);
        demo.select(SOCIAL_FACET.household().KK, SOCIAL_FACET.CLUSTER_CODE, SOCIAL_FACET.DECILE, SOCIAL_FACET.ON_LOCAL_SURVEY,
                        SOCIAL_FACET.VERIFIED_ON, SOCIAL_FACET.VERIFIED_BY)
                .from(SOCIAL_FACET).orderBy(SOCIAL_FACET.HOUSEHOLD_ID).fetch().map(Record::intoList).forEach(rows::add);
        demo.select(MEMBER.NIK, HEALTH_FACET.JKN_NUMBER, HEALTH_FACET.SEGMENT, HEALTH_FACET.ACTIVE, HEALTH_FACET.SINCE)
                .from(HEALTH_FACET).join(MEMBER).on(MEMBER.ID.eq(HEALTH_FACET.MEMBER_ID))
                .orderBy(MEMBER.ID).fetch().map(Record::intoList).forEach(rows::add);
        demo.select(BENEFIT.PROGRAMME_CODE, BENEFIT.household().KK, BENEFIT.member().NIK, BENEFIT.STARTS_ON,
                        BENEFIT.ENDS_ON, BENEFIT.STATUS, BENEFIT.AMOUNT, BENEFIT.REASON, BENEFIT.OUTCOME, BENEFIT.OUTCOME_ON)
                .from(BENEFIT).orderBy(BENEFIT.ID).fetch().map(Record::intoList).forEach(rows::add);
        demo.select(VERIFICATION_RESULT.household().KK, VERIFICATION_ROUND.NAME, VERIFICATION_RESULT.RESULT,
                        VERIFICATION_RESULT.PERSONS, VERIFICATION_RESULT.CLUSTER_CODE)
                .from(VERIFICATION_RESULT).join(VERIFICATION_ROUND).on(VERIFICATION_ROUND.ID.eq(VERIFICATION_RESULT.ROUND_ID))
                .orderBy(VERIFICATION_RESULT.ID).fetch().map(Record::intoList).forEach(rows::add);
        return rows;
    }

    /** The KK and NIK numbers of a snapshot. */
    private static List<Object> identities(List<List<Object>> snapshot) {
        return snapshot.stream().map(row -> row.get(0)).filter(value -> value instanceof String s && s.length() == 16)
                .toList();
    }
}
