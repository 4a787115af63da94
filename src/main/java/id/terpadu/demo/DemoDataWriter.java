package id.terpadu.demo;

import id.terpadu.audit.AuditChain;
import id.terpadu.db.codes.BenefitStatus;
import id.terpadu.db.codes.ParticipantOutcome;
import id.terpadu.db.codes.FloorMaterial;
import id.terpadu.db.codes.HouseholdStatus;
import id.terpadu.db.codes.JknSegment;
import id.terpadu.db.codes.Lighting;
import id.terpadu.db.codes.Relationship;
import id.terpadu.db.codes.RoofMaterial;
import id.terpadu.db.codes.RtlhStatus;
import id.terpadu.db.codes.SchoolLevel;
import id.terpadu.db.codes.SchoolStatus;
import id.terpadu.db.codes.Sex;
import id.terpadu.db.codes.Toilet;
import id.terpadu.db.codes.VerificationOutcome;
import id.terpadu.db.codes.VerificationRoundStatus;
import id.terpadu.db.codes.WallMaterial;
import id.terpadu.db.codes.WaterSource;
import id.terpadu.db.tables.records.BenefitRecord;
import id.terpadu.db.tables.records.EducationFacetRecord;
import id.terpadu.db.tables.records.HealthFacetRecord;
import id.terpadu.db.tables.records.HouseholdRecord;
import id.terpadu.db.tables.records.HousingFacetRecord;
import id.terpadu.db.tables.records.MemberRecord;
import id.terpadu.db.tables.records.SocialFacetRecord;
import id.terpadu.db.tables.records.VerificationResultRecord;
import id.terpadu.demo.PlannedHousehold.Benefit;
import id.terpadu.demo.PlannedHousehold.Member;
import id.terpadu.demo.PlannedHousehold.RoundResult;
import org.jooq.DSLContext;
import org.jooq.InsertValuesStep10;
import org.jooq.InsertValuesStep5;
import org.jooq.InsertValuesStep6;
import org.jooq.InsertValuesStep11;
import org.jooq.InsertValuesStep9;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static id.terpadu.db.Tables.BENEFIT;
import static id.terpadu.db.Tables.EDUCATION_FACET;
import static id.terpadu.db.Tables.HEALTH_FACET;
import static id.terpadu.db.Tables.HOUSEHOLD;
import static id.terpadu.db.Tables.HOUSING_FACET;
import static id.terpadu.db.Tables.MEMBER;
import static id.terpadu.db.Tables.SOCIAL_FACET;
import static id.terpadu.db.Tables.VERIFICATION_RESULT;
import static id.terpadu.db.Tables.VERIFICATION_ROUND;

/**
 * Writes planned households a chunk at a time with multi-row inserts: one statement per table for
 * a chunk (split where a statement would exceed PostgreSQL's bind-value limit). The database
 * assigns the ids; {@code RETURNING} maps each KK and NIK to its id for the rows that refer to it.
 */
final class DemoDataWriter {

    /** jOOQ inlines every value above 32,767 bind values on PostgreSQL; stay below that. */
    private static final int MAX_BIND_VALUES = 30_000;

    private final DSLContext dsl;
    private final Map<String, Long> roundIds;

    private long households;
    private long members;
    private long socialFacets;
    private long housingFacets;
    private long healthFacets;
    private long educationFacets;
    private long benefits;
    private long verificationResults;

    /** @param roundIds the verification rounds the households' results go into, by name */
    DemoDataWriter(DSLContext dsl, Map<String, Long> roundIds) {
        this.dsl = dsl;
        this.roundIds = roundIds;
    }

    /** Opens and closes the demo's verification rounds, 2015 and then 2017; answers their ids by name. */
    static Map<String, Long> closedRounds(DSLContext dsl) {
        Map<String, Long> ids = new HashMap<>();
        Long previous = null;
        for (String name : List.of(DemoRounds.FIRST, DemoRounds.SECOND)) {
            int year = Integer.parseInt(name);
            previous = dsl.insertInto(VERIFICATION_ROUND)
                    .set(VERIFICATION_ROUND.NAME, name)
                    .set(VERIFICATION_ROUND.YEAR, (short) year)
                    .set(VERIFICATION_ROUND.PREVIOUS_ID, previous)
                    .set(VERIFICATION_ROUND.STATUS, VerificationRoundStatus.CLOSED)
                    .set(VERIFICATION_ROUND.OPENED_AT, roundDay(year, 3))
                    .set(VERIFICATION_ROUND.CLOSED_AT, roundDay(year, 11))
                    .returningResult(VERIFICATION_ROUND.ID)
                    .fetchSingle(VERIFICATION_ROUND.ID);
            ids.put(name, previous);
        }
        return ids;
    }

    private static OffsetDateTime roundDay(int year, int month) {
        return OffsetDateTime.of(year, month, 1, 8, 0, 0, 0, ZoneOffset.ofHours(8));
    }

    private record MemberRow(long householdId, Member member) {
    }

    private record ResultRow(long householdId, RoundResult result) {
    }

    private record BenefitRow(Long householdId, Long memberId, Benefit benefit) {
    }

    void write(List<PlannedHousehold> chunk) {
        Map<String, Long> householdIds = new HashMap<>(chunk.size() * 2);
        inStatements(chunk, 6, part -> {
            InsertValuesStep6<HouseholdRecord, String, String, String, String, String, HouseholdStatus> insert =
                    dsl.insertInto(HOUSEHOLD, HOUSEHOLD.KK, HOUSEHOLD.VILLAGE_CODE, HOUSEHOLD.ADDRESS, HOUSEHOLD.RT,
                            HOUSEHOLD.RW, HOUSEHOLD.STATUS);
            for (PlannedHousehold household : part) {
                insert = insert.values(household.kk(), household.villageCode(), household.address(), household.rt(),
                        household.rw(), household.status());
            }
            insert.returningResult(HOUSEHOLD.KK, HOUSEHOLD.ID).fetch()
                    .forEach(row -> householdIds.put(row.value1(), row.value2()));
        });

        List<MemberRow> memberRows = new ArrayList<>(chunk.size() * 4);
        for (PlannedHousehold household : chunk) {
            long householdId = householdIds.get(household.kk());
            household.members().forEach(member -> memberRows.add(new MemberRow(householdId, member)));
        }
        Map<String, Long> memberIds = new HashMap<>(memberRows.size() * 2);
        inStatements(memberRows, 6, part -> {
            InsertValuesStep6<MemberRecord, String, String, Sex, LocalDate, Relationship, Long> insert = dsl.insertInto(
                    MEMBER, MEMBER.NIK, MEMBER.NAME, MEMBER.SEX, MEMBER.BIRTH_DATE, MEMBER.RELATIONSHIP, MEMBER.HOUSEHOLD_ID);
            for (MemberRow row : part) {
                Member member = row.member();
                insert = insert.values(member.nik(), member.name(), member.sex(), member.birthDate(),
                        member.relationship(), row.householdId());
            }
            insert.returningResult(MEMBER.NIK, MEMBER.ID).fetch()
                    .forEach(row -> memberIds.put(row.value1(), row.value2()));
        });

        inStatements(chunk, 9, part -> {
            InsertValuesStep9<SocialFacetRecord, Long, String, String, Short, String, String[], Boolean, LocalDate, String>
                    insert = dsl.insertInto(SOCIAL_FACET, SOCIAL_FACET.HOUSEHOLD_ID, SOCIAL_FACET.CLUSTER_CODE,
                    SOCIAL_FACET.CLUSTER_REASON, SOCIAL_FACET.DECILE, SOCIAL_FACET.DECILE_QUARTER,
                    SOCIAL_FACET.POVERTY_INDICATORS, SOCIAL_FACET.ON_LOCAL_SURVEY, SOCIAL_FACET.VERIFIED_ON,
                    SOCIAL_FACET.VERIFIED_BY);
            for (PlannedHousehold household : part) {
                var social = household.social();
                insert = insert.values(householdIds.get(household.kk()), social.cluster(), social.clusterReason(),
                        social.decile(), social.decileQuarter(), social.povertyIndicators(), social.onLocalSurvey(),
                        social.verifiedOn(), social.verifiedBy());
            }
            socialFacets += insert.execute();
        });

        inStatements(chunk, 10, part -> {
            InsertValuesStep10<HousingFacetRecord, Long, FloorMaterial, WallMaterial, RoofMaterial, Toilet, WaterSource,
                    Lighting, BigDecimal, RtlhStatus, Short> insert = dsl.insertInto(HOUSING_FACET, HOUSING_FACET.HOUSEHOLD_ID,
                    HOUSING_FACET.FLOOR, HOUSING_FACET.WALL, HOUSING_FACET.ROOF, HOUSING_FACET.TOILET, HOUSING_FACET.WATER,
                    HOUSING_FACET.LIGHTING, HOUSING_FACET.FLOOR_AREA_M2, HOUSING_FACET.RTLH_STATUS,
                    HOUSING_FACET.RENOVATION_YEAR);
            for (PlannedHousehold household : part) {
                var house = household.housing();
                insert = insert.values(householdIds.get(household.kk()), house.floor(), house.wall(), house.roof(),
                        house.toilet(), house.water(), house.lighting(), house.floorAreaM2(), house.rtlhStatus(),
                        house.renovationYear());
            }
            housingFacets += insert.execute();
        });

        List<MemberRow> withHealth = memberRows.stream().filter(row -> row.member().health() != null).toList();
        inStatements(withHealth, 5, part -> {
            InsertValuesStep5<HealthFacetRecord, Long, String, JknSegment, Boolean, LocalDate> insert = dsl.insertInto(
                    HEALTH_FACET, HEALTH_FACET.MEMBER_ID, HEALTH_FACET.JKN_NUMBER, HEALTH_FACET.SEGMENT,
                    HEALTH_FACET.ACTIVE, HEALTH_FACET.SINCE);
            for (MemberRow row : part) {
                var health = row.member().health();
                insert = insert.values(memberIds.get(row.member().nik()), health.jknNumber(), health.segment(),
                        health.active(), health.since());
            }
            healthFacets += insert.execute();
        });

        List<MemberRow> withEducation = memberRows.stream().filter(row -> row.member().education() != null).toList();
        inStatements(withEducation, 5, part -> {
            InsertValuesStep5<EducationFacetRecord, Long, SchoolStatus, SchoolLevel, Boolean, String> insert = dsl.insertInto(
                    EDUCATION_FACET, EDUCATION_FACET.MEMBER_ID, EDUCATION_FACET.SCHOOL_STATUS,
                    EDUCATION_FACET.SCHOOL_LEVEL, EDUCATION_FACET.PIP_RECIPIENT, EDUCATION_FACET.KIP_NUMBER);
            for (MemberRow row : part) {
                var education = row.member().education();
                insert = insert.values(memberIds.get(row.member().nik()), education.schoolStatus(),
                        education.schoolLevel(), education.pipRecipient(), education.kipNumber());
            }
            educationFacets += insert.execute();
        });

        List<BenefitRow> benefitRows = new ArrayList<>();
        for (PlannedHousehold household : chunk) {
            Long householdId = householdIds.get(household.kk());
            household.benefits().forEach(benefit -> benefitRows.add(new BenefitRow(householdId, null, benefit)));
        }
        for (MemberRow row : memberRows) {
            Long memberId = memberIds.get(row.member().nik());
            row.member().benefits().forEach(benefit -> benefitRows.add(new BenefitRow(null, memberId, benefit)));
        }
        inStatements(benefitRows, 11, part -> {
            InsertValuesStep11<BenefitRecord, String, Long, Long, LocalDate, LocalDate, BenefitStatus, BigDecimal, String,
                    String, ParticipantOutcome, LocalDate> insert = dsl.insertInto(BENEFIT, BENEFIT.PROGRAMME_CODE,
                    BENEFIT.HOUSEHOLD_ID, BENEFIT.MEMBER_ID, BENEFIT.STARTS_ON, BENEFIT.ENDS_ON, BENEFIT.STATUS, BENEFIT.AMOUNT,
                    BENEFIT.REASON, BENEFIT.STOP_REASON, BENEFIT.OUTCOME, BENEFIT.OUTCOME_ON);
            for (BenefitRow row : part) {
                Benefit benefit = row.benefit();
                insert = insert.values(benefit.programme(), row.householdId(), row.memberId(), benefit.startsOn(),
                        benefit.endsOn(), benefit.status(), benefit.amount(), benefit.reason(), benefit.stopReason(),
                        benefit.outcome(), benefit.outcomeOn());
            }
            benefits += insert.execute();
        });

        List<ResultRow> resultRows = new ArrayList<>(chunk.size() * 2);
        for (PlannedHousehold household : chunk) {
            long householdId = householdIds.get(household.kk());
            household.verification().forEach(result -> resultRows.add(new ResultRow(householdId, result)));
        }
        inStatements(resultRows, 6, part -> {
            InsertValuesStep6<VerificationResultRecord, Long, Long, VerificationOutcome, Short, String, OffsetDateTime>
                    insert = dsl.insertInto(VERIFICATION_RESULT, VERIFICATION_RESULT.ROUND_ID,
                            VERIFICATION_RESULT.HOUSEHOLD_ID, VERIFICATION_RESULT.RESULT, VERIFICATION_RESULT.PERSONS,
                            VERIFICATION_RESULT.CLUSTER_CODE, VERIFICATION_RESULT.RECORDED_AT);
            for (ResultRow row : part) {
                RoundResult result = row.result();
                insert = insert.values(roundIds.get(result.round()), row.householdId(), result.result(),
                        (short) result.persons(), result.cluster(), roundDay(Integer.parseInt(result.round()), 9));
            }
            verificationResults += insert.execute();
        });

        households += householdIds.size();
        members += memberIds.size();
    }

    /** Chains the audit entries of what was written so far, while they are fresh. */
    void chainAuditTrail() {
        AuditChain.chainSoFar(dsl);
    }

    /** What was written so far. */
    DemoDataSummary summary(String regency, Duration elapsed) {
        return new DemoDataSummary(regency, households, members, socialFacets, housingFacets, healthFacets,
                educationFacets, benefits, verificationResults, elapsed);
    }

    /** Hands the rows on in parts small enough for one statement each. */
    private static <T> void inStatements(List<T> rows, int columns, Consumer<List<T>> statement) {
        int size = MAX_BIND_VALUES / columns;
        for (int from = 0; from < rows.size(); from += size) {
            statement.accept(rows.subList(from, Math.min(rows.size(), from + size)));
        }
    }
}
