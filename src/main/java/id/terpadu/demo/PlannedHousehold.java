package id.terpadu.demo;

import id.terpadu.db.codes.BenefitStatus;

import id.terpadu.db.codes.FloorMaterial;
import id.terpadu.db.codes.HouseholdStatus;
import id.terpadu.db.codes.JknSegment;
import id.terpadu.db.codes.Lighting;
import id.terpadu.db.codes.ParticipantOutcome;
import id.terpadu.db.codes.Relationship;
import id.terpadu.db.codes.RoofMaterial;
import id.terpadu.db.codes.RtlhStatus;
import id.terpadu.db.codes.SchoolLevel;
import id.terpadu.db.codes.SchoolStatus;
import id.terpadu.db.codes.Sex;
import id.terpadu.db.codes.Toilet;
import id.terpadu.db.codes.VerificationOutcome;
import id.terpadu.db.codes.WallMaterial;
import id.terpadu.db.codes.WaterSource;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * One generated household with everything the agencies record about it, before it is written:
 * the planner decides, the writer only inserts. Identifiers are the KK and NIK; the database
 * assigns the internal ids.
 */
record PlannedHousehold(String kk, String villageCode, String address, String rt, String rw, HouseholdStatus status,
                        List<Member> members, Social social, Housing housing, List<Benefit> benefits,
                        List<RoundResult> verification) {

    /** This household with its status, household enrolments and verification results replaced. */
    PlannedHousehold verified(HouseholdStatus otherStatus, List<Benefit> otherBenefits, List<RoundResult> results) {
        return new PlannedHousehold(kk, villageCode, address, rt, rw, otherStatus, members, social, housing,
                otherBenefits, List.copyOf(results));
    }

    /** What a verification round found about the household. */
    record RoundResult(String round, VerificationOutcome result, int persons, String cluster) {
    }

    record Member(String nik, String name, Sex sex, LocalDate birthDate, Relationship relationship,
                  Health health, Education education, List<Benefit> benefits) {
    }

    record Social(String cluster, String clusterReason, Short decile, String decileQuarter,
                  String[] povertyIndicators, boolean onLocalSurvey, LocalDate verifiedOn, String verifiedBy) {
    }

    record Housing(FloorMaterial floor, WallMaterial wall, RoofMaterial roof, Toilet toilet, WaterSource water,
                   Lighting lighting, BigDecimal floorAreaM2, RtlhStatus rtlhStatus, Short renovationYear) {
    }

    record Health(String jknNumber, JknSegment segment, boolean active, LocalDate since) {
    }

    record Education(SchoolStatus schoolStatus, SchoolLevel schoolLevel, boolean pipRecipient, String kipNumber) {
    }

    /** An enrolment; amounts of open-ended enrolments are per year; an empowerment programme's may have an outcome. */
    record Benefit(String programme, LocalDate startsOn, LocalDate endsOn, BenefitStatus status, BigDecimal amount,
                   String reason, String stopReason, ParticipantOutcome outcome, LocalDate outcomeOn) {

        /** An enrolment without an outcome. */
        Benefit(String programme, LocalDate startsOn, LocalDate endsOn, BenefitStatus status, BigDecimal amount,
                String reason, String stopReason) {
            this(programme, startsOn, endsOn, status, amount, reason, stopReason, null, null);
        }
    }
}
