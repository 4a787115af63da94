package id.terpadu.benefit;

import id.terpadu.access.Caller;
import id.terpadu.access.RowScope;
import id.terpadu.aidrule.EnrolmentRules;
import id.terpadu.database.VersionedRows;
import id.terpadu.db.codes.BenefitStatus;
import id.terpadu.db.codes.HouseholdStatus;
import id.terpadu.db.codes.MemberStatus;
import id.terpadu.db.tables.records.HouseholdRecord;
import id.terpadu.db.codes.PbiFunding;
import id.terpadu.db.codes.ProgrammeTarget;
import id.terpadu.db.codes.Programmes;
import id.terpadu.db.tables.records.BenefitRecord;
import id.terpadu.db.tables.records.MemberRecord;
import id.terpadu.db.tables.records.ProgrammeRecord;
import id.terpadu.error.BadRequestException;
import id.terpadu.error.ConflictException;
import id.terpadu.error.Disclosable;
import id.terpadu.error.ForbiddenException;
import id.terpadu.error.NotFoundException;
import id.terpadu.graphql.GlobalId;
import id.terpadu.household.Households;
import id.terpadu.household.Members;
import id.terpadu.programme.ReferenceDataRepository;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.Map;
import java.util.Set;

/** Enrols households and members in programmes and stops enrolments; each method is one transaction. */
@Service
@Transactional
public class BenefitService {

    private static final BigDecimal MAX_AMOUNT = new BigDecimal("999999999999.99");
    private static final Set<BenefitStatus> ENROLMENT_STATUSES = Set.of(BenefitStatus.PROPOSED, BenefitStatus.APPROVED,
            BenefitStatus.ACTIVE);

    private final BenefitRepository benefits;
    private final ReferenceDataRepository referenceData;
    private final Households households;
    private final Members members;
    private final VersionedRows versionedRows;
    private final RowScope scope;
    private final EnrolmentRules rules;

    BenefitService(BenefitRepository benefits, ReferenceDataRepository referenceData, Households households,
                   Members members, VersionedRows versionedRows, RowScope scope, EnrolmentRules rules) {
        this.scope = scope;
        this.rules = rules;
        this.benefits = benefits;
        this.referenceData = referenceData;
        this.households = households;
        this.members = members;
        this.versionedRows = versionedRows;
    }

    public BenefitRecord enrol(Caller caller, EnrolBenefitInput input) {
        ProgrammeRecord programme = referenceData.findProgramme(input.programme())
                .orElseThrow(() -> new NotFoundException("input.programme", "No programme has the code '" + input.programme() + "'."));
        if (!scope.writesBenefitsOf(caller, programme.getCode())) {
            throw new ForbiddenException("input.programme", "Your role may not enrol in " + programme.getCode() + ".");
        }
        Long householdId = null;
        Long memberId = null;
        // the household whose facts and benefits the rules look at: the member's own, for member programmes
        long ruledHouseholdId;
        boolean namesHousehold = input.kk() != null || input.householdId() != null;
        boolean namesMember = input.nik() != null || input.memberId() != null;
        if (programme.getTarget() == ProgrammeTarget.HOUSEHOLD) {
            if (namesMember) {
                throw new BadRequestException(!namesHousehold ? "input.kk" : input.nik() != null ? "input.nik" : "input.memberId",
                        programme.getCode() + " enrols whole households: name the household (KK or householdId), not a person.");
            }
            HouseholdRecord household = households.get(caller, input.kk(), input.householdId(), "input.kk", "input.householdId");
            if (household.getStatus() == HouseholdStatus.DISSOLVED) {
                throw new ConflictException(input.kk() != null ? "input.kk" : "input.householdId", "The household is dissolved.");
            }
            householdId = household.getId();
            ruledHouseholdId = householdId;
        } else {
            if (namesHousehold) {
                throw new BadRequestException(!namesMember ? "input.nik" : input.kk() != null ? "input.kk" : "input.householdId",
                        programme.getCode() + " enrols single persons: name the person (NIK or memberId), not a household.");
            }
            MemberRecord member = members.get(caller, input.nik(), input.memberId(), "input.nik", "input.memberId");
            if (member.getStatus() == MemberStatus.DECEASED) {
                throw new ConflictException(input.nik() != null ? "input.nik" : "input.memberId", "The person is recorded deceased.");
            }
            memberId = member.getId();
            ruledHouseholdId = member.getHouseholdId();
        }
        if (Programmes.KIS_PBI.equals(programme.getCode()) && input.funding() == null) {
            throw new BadRequestException("input.funding", "Say who pays the KIS-PBI premium: APBN or APBD.");
        }
        if (!Programmes.KIS_PBI.equals(programme.getCode()) && input.funding() != null) {
            throw new BadRequestException("input.funding", "Only KIS-PBI enrolments name a PBI funding.");
        }
        if (input.endsOn() != null && input.endsOn().isBefore(input.startsOn())) {
            throw new BadRequestException("input.endsOn", "The period ends before it starts.");
        }
        BenefitStatus status = input.status() == null ? BenefitStatus.PROPOSED : input.status();
        if (!ENROLMENT_STATUSES.contains(status)) {
            throw new BadRequestException("input.status", "A new enrolment is PROPOSED, APPROVED or ACTIVE; stop it with stopBenefit.");
        }
        // the column keeps two decimals (numeric(14,2)): check the amount as it will be stored
        BigDecimal amount = input.amount() == null ? null
                : BigDecimal.valueOf(input.amount()).setScale(2, RoundingMode.HALF_UP);
        if (amount != null && (input.amount() < 0 || amount.compareTo(MAX_AMOUNT) > 0)) {
            throw new BadRequestException("input.amount",
                    "The amount is a number of rupiah from 0 to 999,999,999,999.99.");
        }
        if (input.reason() == null || input.reason().isBlank()) {
            throw new BadRequestException("input.reason", "Say why the household or person is enrolled.");
        }
        benefits.lockBeneficiary(ruledHouseholdId, memberId);
        benefits.findOverlapping(programme.getCode(), householdId, memberId, input.startsOn(), input.endsOn())
                .ifPresent(existing -> {
                    throw new ConflictException("input.startsOn", "Already enrolled in " + programme.getCode() + " from "
                            + existing.getStartsOn() + (existing.getEndsOn() == null ? " without an end" : " to " + existing.getEndsOn())
                            + ": one programme, one beneficiary, one period (no double aid).",
                            Map.of("existingId", new Disclosable.OfBenefit(existing.getProgrammeCode(),
                                    GlobalId.encode("Benefit", existing.getId()))));
                });
        rules.check(programme.getCode(), ruledHouseholdId, memberId, input.startsOn(), input.endsOn(), input.funding(),
                householdId != null ? (input.kk() != null ? "input.kk" : "input.householdId")
                        : (input.nik() != null ? "input.nik" : "input.memberId"), status == BenefitStatus.PROPOSED);
        return benefits.insert(new BenefitRecord()
                .setProgrammeCode(programme.getCode())
                .setHouseholdId(householdId)
                .setMemberId(memberId)
                .setStartsOn(input.startsOn())
                .setEndsOn(input.endsOn())
                .setStatus(status)
                .setAmount(amount)
                .setFunding(input.funding())
                .setReason(input.reason().strip()));
    }

    public BenefitRecord stop(Caller caller, StopBenefitInput input) {
        BenefitRecord benefit = GlobalId.decode(input.id())
                .filter(id -> id.type().equals("Benefit"))
                .flatMap(id -> benefits.findById(caller, id.id()))
                .orElseThrow(() -> new NotFoundException("input.id", "No benefit has this ID."));
        if (!scope.writesBenefitsOf(caller, benefit.getProgrammeCode())) {
            throw new ForbiddenException("input.id", "Your role may not stop benefits of " + benefit.getProgrammeCode() + ".");
        }
        if (benefit.getStatus() == BenefitStatus.STOPPED) {
            throw new ConflictException("input.id", "This benefit was already stopped.");
        }
        if (input.stoppedOn().isBefore(benefit.getStartsOn())) {
            throw new BadRequestException("input.stoppedOn", "A benefit cannot stop before it started (" + benefit.getStartsOn() + ").");
        }
        if (benefit.getEndsOn() != null && input.stoppedOn().isAfter(benefit.getEndsOn())) {
            throw new BadRequestException("input.stoppedOn", "The benefit already ends on " + benefit.getEndsOn() + ".");
        }
        if (input.reason() == null || input.reason().isBlank()) {
            throw new BadRequestException("input.reason", "Say why the benefit stops.");
        }
        return versionedRows.change(BenefitRepository.TABLE, benefit.getId(), input.expectedVersion(),
                new BenefitRecord().setStatus(BenefitStatus.STOPPED).setEndsOn(input.stoppedOn())
                        .setStopReason(input.reason().strip()));
    }

    public record EnrolBenefitInput(String programme, String kk, String householdId, String nik, String memberId,
                             LocalDate startsOn, LocalDate endsOn,
                             BenefitStatus status, Double amount, String reason, PbiFunding funding) {
    }

    public record StopBenefitInput(String id, long expectedVersion, LocalDate stoppedOn, String reason) {
    }
}
