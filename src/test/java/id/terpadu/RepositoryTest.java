package id.terpadu;

import id.terpadu.access.Caller;
import id.terpadu.db.codes.Relationship;
import id.terpadu.db.codes.Sex;
import id.terpadu.db.tables.records.HouseholdRecord;
import id.terpadu.db.tables.records.MemberRecord;
import org.jooq.DSLContext;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jooq.test.autoconfigure.JooqTest;
import org.springframework.boot.test.autoconfigure.jdbc.AutoConfigureDataSourceInitialization;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.time.LocalDate;
import java.util.Set;

import static id.terpadu.db.Tables.HOUSEHOLD;
import static id.terpadu.db.Tables.MEMBER;

/**
 * Base of the fast tier's repository tests: jOOQ and the migrated database only (the PostgreSQL of
 * {@link TestDatabase}), no hub, no Keycloak; each test runs in a transaction that is rolled back.
 */
@JooqTest
@AutoConfigureDataSourceInitialization
@Fast
public abstract class RepositoryTest {

    /** The village of the rows the tests write, and one outside it. */
    protected static final String VILLAGE = TestIdentities.VILLAGE;
    protected static final String ELSEWHERE = "51.06.04.2005";

    @Autowired
    protected DSLContext dsl;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabase.configure(registry);
    }

    /** A caller with these roles, limited to a region when one is given. */
    protected static Caller caller(String role, String region) {
        return new Caller(role + "-subject", role, "terpadu-cli", Set.of(role), region);
    }

    protected HouseholdRecord household(String village) {
        return dsl.insertInto(HOUSEHOLD).set(HOUSEHOLD.KK, TestIdentities.kk()).set(HOUSEHOLD.VILLAGE_CODE, village)
                .set(HOUSEHOLD.ADDRESS, "Jalan Repositori 1").returning().fetchSingle();
    }

    protected MemberRecord member(HouseholdRecord household, String name, LocalDate born, Relationship relationship) {
        return dsl.insertInto(MEMBER).set(MEMBER.NIK, TestIdentities.nik(false, born)).set(MEMBER.NAME, name)
                .set(MEMBER.SEX, Sex.MALE).set(MEMBER.BIRTH_DATE, born).set(MEMBER.RELATIONSHIP, relationship)
                .set(MEMBER.HOUSEHOLD_ID, household.getId()).returning().fetchSingle();
    }
}
