package id.terpadu.access;

import id.terpadu.RepositoryTest;
import id.terpadu.TestIdentities;
import id.terpadu.db.codes.Relationship;
import id.terpadu.db.codes.Sex;
import id.terpadu.db.tables.records.HouseholdRecord;
import id.terpadu.db.tables.records.IdentityReadRecord;
import id.terpadu.db.tables.records.MemberRecord;
import id.terpadu.sql.RenderedStatements;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;

import java.time.LocalDate;
import java.util.Map;
import java.util.stream.Collectors;

import static id.terpadu.db.Tables.HOUSEHOLD_KK_HISTORY;
import static id.terpadu.db.Tables.IDENTITY_READ;
import static id.terpadu.db.Tables.MEMBER_MERGE;
import static org.assertj.core.api.Assertions.assertThat;

/** The identity-read log finds whose number was read, whatever the path knew of the record. */
@Import(RenderedStatements.class)
class IdentityReadLogTest extends RepositoryTest {

    @Autowired
    private RenderedStatements statements;


    @Test
    void eachNumberIsLoggedWithThePersonOrHouseholdItBelongsTo() {
        HouseholdRecord household = household(VILLAGE);
        MemberRecord head = member(household, "Wayan Log", LocalDate.of(1970, 5, 5), Relationship.HEAD);
        String oldKk = TestIdentities.kk();
        dsl.insertInto(HOUSEHOLD_KK_HISTORY).set(HOUSEHOLD_KK_HISTORY.HOUSEHOLD_ID, household.getId())
                .set(HOUSEHOLD_KK_HISTORY.KK, oldKk).set(HOUSEHOLD_KK_HISTORY.REASON, "Split").execute();
        String mergedNik = TestIdentities.nik(false, LocalDate.of(1970, 5, 5));
        dsl.insertInto(MEMBER_MERGE).set(MEMBER_MERGE.KEPT_MEMBER_ID, head.getId()).set(MEMBER_MERGE.MERGED_MEMBER_ID, -1L)
                .set(MEMBER_MERGE.NIK, mergedNik).set(MEMBER_MERGE.NAME, "Wayan Log").set(MEMBER_MERGE.SEX, Sex.MALE)
                .set(MEMBER_MERGE.BIRTH_DATE, LocalDate.of(1970, 5, 5)).set(MEMBER_MERGE.HOUSEHOLD_ID, household.getId())
                .set(MEMBER_MERGE.RELATIONSHIP, Relationship.HEAD)
                .set(MEMBER_MERGE.REGISTERED_AT, java.time.OffsetDateTime.now())
                .set(MEMBER_MERGE.FACETS, org.jooq.JSONB.jsonb("{}")).set(MEMBER_MERGE.REASON, "One person")
                .set(MEMBER_MERGE.MERGED_BY, "uptpk").execute();
        String unknown = TestIdentities.nik(true, LocalDate.of(1981, 1, 1));

        IdentityReads reads = new IdentityReads(caller("uptpk", null), "request-1");
        reads.operation("household");
        reads.add(new IdentityReads.Read("Member.nik", IdentityKind.NIK, head.getNik()));
        reads.add(new IdentityReads.Read("MemberMerge.nik", IdentityKind.NIK, mergedNik));
        reads.add(new IdentityReads.Read("Household.kk", IdentityKind.KK, household.getKk()));
        reads.add(new IdentityReads.Read("KkChange.kk", IdentityKind.KK, oldKk));
        reads.add(new IdentityReads.Read("lookup by NIK", IdentityKind.NIK, unknown));
        new IdentityReadLog(dsl, statements).write(reads);

        Map<String, IdentityReadRecord> logged = dsl.selectFrom(IDENTITY_READ).where(IDENTITY_READ.REQUEST_ID.eq("request-1"))
                .fetch().stream().collect(Collectors.toMap(IdentityReadRecord::getField, read -> read));
        assertThat(logged).hasSize(5);
        assertThat(logged.get("Member.nik").getMemberId()).isEqualTo(head.getId());
        assertThat(logged.get("MemberMerge.nik").getMemberId()).as("a merged NIK: the record it lives on in").isEqualTo(head.getId());
        assertThat(logged.get("Household.kk").getHouseholdId()).isEqualTo(household.getId());
        assertThat(logged.get("KkChange.kk").getHouseholdId()).as("an earlier card").isEqualTo(household.getId());
        assertThat(logged.get("lookup by NIK").getMemberId()).as("no one holds it").isNull();
        assertThat(logged.values()).allSatisfy(read -> {
            assertThat(read.getUsername()).isEqualTo("uptpk");
            assertThat(read.getOperation()).isEqualTo("household");
        });
    }
}
