package id.terpadu.changerequest;

import id.terpadu.access.Caller;
import id.terpadu.db.codes.ChangeRequestKind;
import id.terpadu.db.tables.records.ChangeRequestRecord;
import id.terpadu.db.tables.records.HouseholdRecord;
import id.terpadu.db.tables.records.MemberRecord;
import id.terpadu.error.NotFoundException;
import id.terpadu.graphql.GlobalId;
import id.terpadu.household.HouseholdInputs.AddMemberInput;
import id.terpadu.household.HouseholdInputs.RegisterHouseholdInput;
import id.terpadu.household.HouseholdService;
import id.terpadu.household.Households;
import id.terpadu.household.MemberService;
import id.terpadu.household.MemberService.MoveMemberInput;
import id.terpadu.household.Members;
import id.terpadu.household.NewMemberInput;
import id.terpadu.region.RegionCode;
import id.terpadu.region.RegionRepository;
import org.springframework.stereotype.Component;

import java.time.LocalDate;

/**
 * Requests that change who is on the register: a new household, a person joining one, a person
 * moving between two. UPT-PK decides them; the approval registers or moves through the household
 * services, so the NIK and KK are checked for uniqueness at that moment.
 */
@Component
class RegisterRequests {

    private final Households households;
    private final Members members;
    private final RegionRepository regions;

    RegisterRequests(Households households, Members members, RegionRepository regions) {
        this.households = households;
        this.members = members;
        this.regions = regions;
    }

    record ProposeRegistrationInput(RegisterHouseholdInput household, String reason) {
    }

    record ProposeMemberInput(String kk, String householdId, long expectedVersion, NewMemberInput member, String reason) {
    }

    record ProposeMoveInput(String nik, String memberId, long expectedVersion, String toKk, String toHouseholdId,
                            id.terpadu.db.codes.Relationship relationship, LocalDate movedOn, String reason) {
    }

    Proposal registration(Caller caller, ProposeRegistrationInput input) {
        String village = RegionCode.normalise(input.household().villageCode())
                .filter(regions::isVillage)
                .orElseThrow(() -> new NotFoundException("input.household.villageCode",
                        "No village has the code '" + input.household().villageCode() + "'."));
        int size = input.household().members() == null ? 0 : input.household().members().size();
        return new Proposal(ChangeRequestKind.REGISTER_HOUSEHOLD, null, null, null, village,
                "Register a household of " + size + (size == 1 ? " person" : " persons") + " in " + village + ".",
                input.household(), input.reason(), false);
    }

    Proposal member(Caller caller, ProposeMemberInput input) {
        HouseholdRecord household = households.get(caller, input.kk(), input.householdId(), "input.kk", "input.householdId");
        return new Proposal(ChangeRequestKind.ADD_MEMBER, null, household.getId(), null, household.getVillageCode(),
                "Add a person (" + input.member().relationship() + ") to the household.",
                new AddMemberInput(null, GlobalId.encode("Household", household.getId()), input.expectedVersion(), input.member()),
                input.reason(), false);
    }

    Proposal move(Caller caller, ProposeMoveInput input) {
        MemberRecord member = members.get(caller, input.nik(), input.memberId(), "input.nik", "input.memberId");
        HouseholdRecord target = households.get(caller, input.toKk(), input.toHouseholdId(), "input.toKk", "input.toHouseholdId");
        HouseholdRecord from = households.find(caller, member.getHouseholdId())
                .orElseThrow(() -> new NotFoundException("input.memberId", "No person has this ID."));
        return new Proposal(ChangeRequestKind.MOVE_MEMBER, null, from.getId(), member.getId(), from.getVillageCode(),
                "Move the person to another household (" + GlobalId.encode("Household", target.getId()) + ") as "
                        + input.relationship() + " on " + input.movedOn() + ".",
                new MoveMemberInput(null, GlobalId.encode("Member", member.getId()), input.expectedVersion(), null,
                        GlobalId.encode("Household", target.getId()), input.relationship(), input.movedOn(), input.reason()),
                input.reason(), false);
    }

    @Component
    static class Registration implements ChangeHandler {

        private final HouseholdService service;

        Registration(HouseholdService service) {
            this.service = service;
        }

        @Override
        public ChangeRequestKind kind() {
            return ChangeRequestKind.REGISTER_HOUSEHOLD;
        }

        @Override
        public Applied apply(Caller approver, ChangeRequestRecord request) {
            HouseholdRecord household = service.register(approver, Proposals.read(request, RegisterHouseholdInput.class));
            return new Applied("Registered the household " + GlobalId.encode("Household", household.getId()) + ".",
                    household.getId(), null);
        }
    }

    @Component
    static class NewMember implements ChangeHandler {

        private final HouseholdService service;

        NewMember(HouseholdService service) {
            this.service = service;
        }

        @Override
        public ChangeRequestKind kind() {
            return ChangeRequestKind.ADD_MEMBER;
        }

        @Override
        public Applied apply(Caller approver, ChangeRequestRecord request) {
            MemberRecord member = service.addMember(approver, Proposals.read(request, AddMemberInput.class));
            return new Applied("Added the person " + GlobalId.encode("Member", member.getId()) + " to the household.",
                    null, member.getId());
        }
    }

    @Component
    static class Move implements ChangeHandler {

        private final MemberService service;

        Move(MemberService service) {
            this.service = service;
        }

        @Override
        public ChangeRequestKind kind() {
            return ChangeRequestKind.MOVE_MEMBER;
        }

        @Override
        public Applied apply(Caller approver, ChangeRequestRecord request) {
            MemberRecord moved = service.move(approver, Proposals.read(request, MoveMemberInput.class));
            return new Applied("Moved the person to the household " + GlobalId.encode("Household", moved.getHouseholdId()) + ".",
                    null, null);
        }
    }
}
