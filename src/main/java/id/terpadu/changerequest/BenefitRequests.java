package id.terpadu.changerequest;

import id.terpadu.access.Caller;
import id.terpadu.benefit.BenefitService;
import id.terpadu.benefit.BenefitService.EnrolBenefitInput;
import id.terpadu.benefit.BenefitService.StopBenefitInput;
import id.terpadu.benefit.RunningBenefits;
import id.terpadu.db.codes.BenefitStatus;
import id.terpadu.db.codes.ChangeRequestKind;
import id.terpadu.db.codes.PbiFunding;
import id.terpadu.db.codes.ProgrammeTarget;
import id.terpadu.db.tables.records.BenefitRecord;
import id.terpadu.db.tables.records.ChangeRequestRecord;
import id.terpadu.db.tables.records.HouseholdRecord;
import id.terpadu.db.tables.records.MemberRecord;
import id.terpadu.db.tables.records.ProgrammeRecord;
import id.terpadu.error.BadRequestException;
import id.terpadu.error.NotFoundException;
import id.terpadu.graphql.GlobalId;
import id.terpadu.household.Households;
import id.terpadu.household.Members;
import id.terpadu.programme.ReferenceDataRepository;
import org.springframework.stereotype.Component;

import java.time.LocalDate;

/**
 * Enrolment and stop requests: the programme's agency decides them; an approved enrolment is
 * ACTIVE at once. Until then a proposal is only a request: no benefit row, so it blocks nothing.
 */
@Component
class BenefitRequests {

    private final RunningBenefits running;
    private final ReferenceDataRepository referenceData;
    private final Households households;
    private final Members members;

    BenefitRequests(RunningBenefits running, ReferenceDataRepository referenceData,
                    Households households, Members members) {
        this.running = running;
        this.referenceData = referenceData;
        this.households = households;
        this.members = members;
    }

    record ProposeBenefitInput(String programme, String kk, String householdId, String nik, String memberId,
                               LocalDate startsOn, LocalDate endsOn, Double amount, PbiFunding funding, String reason) {
    }

    record ProposeBenefitStopInput(String benefitId, long expectedVersion, LocalDate stoppedOn, String reason) {
    }

    Proposal enrolment(Caller caller, ProposeBenefitInput input) {
        ProgrammeRecord programme = referenceData.findProgramme(input.programme())
                .orElseThrow(() -> new NotFoundException("input.programme", "No programme has the code '" + input.programme() + "'."));
        boolean ofHousehold = programme.getTarget() == ProgrammeTarget.HOUSEHOLD;
        HouseholdRecord household;
        MemberRecord member = null;
        if (ofHousehold) {
            if (input.nik() != null || input.memberId() != null) {
                throw new BadRequestException(input.nik() != null ? "input.nik" : "input.memberId",
                        programme.getCode() + " enrols whole households: name the household (KK or householdId), not a person.");
            }
            household = households.get(caller, input.kk(), input.householdId(), "input.kk", "input.householdId");
        } else {
            if (input.kk() != null || input.householdId() != null) {
                throw new BadRequestException(input.kk() != null ? "input.kk" : "input.householdId",
                        programme.getCode() + " enrols single persons: name the person (NIK or memberId), not a household.");
            }
            member = members.get(caller, input.nik(), input.memberId(), "input.nik", "input.memberId");
            household = households.find(caller, member.getHouseholdId())
                    .orElseThrow(() -> new NotFoundException("input.memberId", "No person has this ID."));
        }
        EnrolBenefitInput change = new EnrolBenefitInput(programme.getCode(), null,
                ofHousehold ? GlobalId.encode("Household", household.getId()) : null, null,
                member != null ? GlobalId.encode("Member", member.getId()) : null, input.startsOn(), input.endsOn(),
                BenefitStatus.ACTIVE, input.amount(), input.reason(), input.funding());
        return new Proposal(ChangeRequestKind.ENROL_BENEFIT, programme.getCode(), household.getId(),
                member == null ? null : member.getId(), household.getVillageCode(),
                "Enrol " + (ofHousehold ? "the household" : "the person") + " in " + programme.getCode() + " "
                        + period(input.startsOn(), input.endsOn()) + ".", change, input.reason(), false);
    }

    Proposal stop(Caller caller, ProposeBenefitStopInput input) {
        BenefitRecord benefit = GlobalId.decode(input.benefitId()).filter(id -> id.type().equals("Benefit"))
                .flatMap(id -> running.find(caller, id.id()))
                .orElseThrow(() -> new NotFoundException("input.benefitId", "No benefit has this ID."));
        return stopProposal(benefit, households.find(caller, householdOf(benefit)).map(HouseholdRecord::getVillageCode)
                        .orElseThrow(() -> new NotFoundException("input.benefitId", "No benefit has this ID.")),
                input.expectedVersion(), input.stoppedOn(), input.reason());
    }

    /** A stop of a benefit, as a request for its agency. */
    Proposal stopProposal(BenefitRecord benefit, String village, long expectedVersion, LocalDate stoppedOn, String reason) {
        return new Proposal(ChangeRequestKind.STOP_BENEFIT, benefit.getProgrammeCode(), householdOf(benefit),
                benefit.getMemberId(), village, "Stop " + benefit.getProgrammeCode() + " on " + stoppedOn + ".",
                new StopBenefitInput(GlobalId.encode("Benefit", benefit.getId()), expectedVersion, stoppedOn, reason),
                reason, false);
    }

    private long householdOf(BenefitRecord benefit) {
        return running.householdOf(benefit);
    }

    private static String period(LocalDate startsOn, LocalDate endsOn) {
        return "from " + startsOn + (endsOn == null ? " without an end" : " to " + endsOn);
    }

    @Component
    static class Enrolment implements ChangeHandler {

        private final BenefitService benefits;

        Enrolment(BenefitService benefits) {
            this.benefits = benefits;
        }

        @Override
        public ChangeRequestKind kind() {
            return ChangeRequestKind.ENROL_BENEFIT;
        }

        @Override
        public Applied apply(Caller approver, ChangeRequestRecord request) {
            EnrolBenefitInput input = Proposals.read(request, EnrolBenefitInput.class);
            BenefitRecord benefit = benefits.enrol(approver, input);
            return new Applied("Enrolled in " + benefit.getProgrammeCode() + " " + period(benefit.getStartsOn(), benefit.getEndsOn())
                    + ", ACTIVE (benefit " + GlobalId.encode("Benefit", benefit.getId()) + ").", null, null);
        }
    }

    @Component
    static class Stop implements ChangeHandler {

        private final BenefitService benefits;

        Stop(BenefitService benefits) {
            this.benefits = benefits;
        }

        @Override
        public ChangeRequestKind kind() {
            return ChangeRequestKind.STOP_BENEFIT;
        }

        @Override
        public Applied apply(Caller approver, ChangeRequestRecord request) {
            BenefitRecord stopped = benefits.stop(approver, Proposals.read(request, StopBenefitInput.class));
            return new Applied("Stopped " + stopped.getProgrammeCode() + " on " + stopped.getEndsOn() + " (benefit "
                    + GlobalId.encode("Benefit", stopped.getId()) + ").", null, null);
        }
    }
}
