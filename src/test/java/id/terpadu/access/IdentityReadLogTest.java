package id.terpadu.access;

import id.terpadu.RepositoryTest;
import id.terpadu.TestIdentities;
import id.terpadu.db.codes.Relationship;
import id.terpadu.db.codes.Sex;
import id.terpadu.db.tables.records.HouseholdRecord;
import id.terpadu.db.tables.records.IdentityReadRecord;
import id.terpadu.db.tables.records.MemberRecord;
import id.terpadu.sql.RenderedStatement;
import id.terpadu.sql.RenderedStatements;
import org.jooq.Field;
import org.jooq.JSON;
import org.jooq.Record1;
import org.jooq.Select;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static id.terpadu.db.Tables.HOUSEHOLD_KK_HISTORY;
import static id.terpadu.db.Tables.IDENTITY_READ;
import static id.terpadu.db.Tables.IDENTITY_READ_REQUEST;
import static id.terpadu.db.Tables.MEMBER_MERGE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

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

    @Test
    void aStatementLogsTheNumbersItDisclosesItselfAndNothingWhenItDisclosesNone() {
        HouseholdRecord household = household(VILLAGE);
        MemberRecord head = member(household, "Made Statement", LocalDate.of(1975, 6, 6), Relationship.HEAD);
        MemberRecord child = member(household, "Komang Statement", LocalDate.of(2010, 7, 7), Relationship.CHILD);
        Field<JSON> data = DSL.field(DSL.name("data"), SQLDataType.JSON);
        Field<Long[]> households = DSL.field(DSL.name("households"), SQLDataType.BIGINT.array());
        Field<Long[]> members = DSL.field(DSL.name("members"), SQLDataType.BIGINT.array());
        List<IdentityReadLog.Disclosed> disclosed = List.of(new IdentityReadLog.Disclosed("Household", "kk", households),
                new IdentityReadLog.Disclosed("Member", "nik", members));
        IdentityReads reads = new IdentityReads(caller("uptpk", null), "request-statement");
        reads.operation("households");

        String answered = run(IdentityReadLog.loggingItsReads(DSL.select(DSL.inline(JSON.json("[1]")).as(data),
                DSL.array(DSL.inline(household.getId())).as(households),
                DSL.array(DSL.inline(child.getId()), DSL.inline(head.getId())).as(members)), data, disclosed), reads);
        String none = run(IdentityReadLog.loggingItsReads(DSL.select(DSL.inline(JSON.json("[]")).as(data),
                DSL.castNull(SQLDataType.BIGINT.array()).as(households), DSL.array().cast(SQLDataType.BIGINT.array()).as(members)),
                data, disclosed), new IdentityReads(caller("uptpk", null), "request-statement-none"));

        assertThat(answered).isEqualTo("[1]");
        assertThat(none).isEqualTo("[]");
        List<IdentityReadRecord> logged = dsl.selectFrom(IDENTITY_READ).where(IDENTITY_READ.REQUEST_ID.eq("request-statement"))
                .orderBy(IDENTITY_READ.ID).fetch();
        assertThat(logged).extracting(IdentityReadRecord::getField, IdentityReadRecord::getMemberId, IdentityReadRecord::getHouseholdId)
                .as("in the order of the columns, each column's in its own")
                .containsExactly(tuple("Household.kk", null, household.getId()), tuple("Member.nik", child.getId(), null),
                        tuple("Member.nik", head.getId(), null));
        assertThat(logged).allSatisfy(read -> {
            assertThat(read.getUsername()).isEqualTo("uptpk");
            assertThat(read.getRoles()).isEqualTo("uptpk");
            assertThat(read.getOperation()).isEqualTo("households");
        });
        assertThat(dsl.fetchCount(IDENTITY_READ_REQUEST, IDENTITY_READ_REQUEST.REQUEST_ID.eq("request-statement-none")))
                .as("nothing disclosed, nothing logged").isZero();
    }

    @Test
    void aReadOfACallerWithoutSubjectOrRequestIdIsLoggedWithoutThem() {
        HouseholdRecord household = household(VILLAGE);
        // a request over the WebSocket carries no request id; a token need not name a user
        IdentityReads reads = new IdentityReads(new Caller(null, null, null, java.util.Set.of(), null), null);
        reads.add(new IdentityReads.Read("Household.kk", IdentityKind.KK, household.getKk(), household.getId()));
        new IdentityReadLog(dsl, statements).write(reads);

        assertThat(dsl.selectFrom(IDENTITY_READ).where(IDENTITY_READ.HOUSEHOLD_ID.eq(household.getId())).fetch())
                .extracting(IdentityReadRecord::getSubject, IdentityReadRecord::getRequestId, IdentityReadRecord::getField)
                .containsExactly(tuple(null, null, "Household.kk"));
    }

    /** Runs a statement that logs its reads as it runs in the hub: rendered once, with the reader's slots bound. */
    private String run(Select<Record1<JSON>> statement, IdentityReads reads) {
        RenderedStatement rendered = RenderedStatement.of(dsl, statement, IdentityReadLog.READER_SLOTS.toArray(String[]::new));
        return statements.query(rendered, rows -> {
            rows.next();
            return rows.getString(1);
        }, IdentityReadLog.reader(reads));
    }
}
