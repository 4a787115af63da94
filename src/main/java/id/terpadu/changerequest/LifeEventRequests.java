package id.terpadu.changerequest;

import id.terpadu.access.Caller;
import id.terpadu.benefit.RunningBenefits;
import id.terpadu.db.codes.ChangeRequestKind;
import id.terpadu.db.codes.Relationship;
import id.terpadu.db.codes.Sex;
import id.terpadu.db.tables.records.BenefitRecord;
import id.terpadu.db.tables.records.ChangeRequestRecord;
import id.terpadu.db.tables.records.HouseholdRecord;
import id.terpadu.db.tables.records.MemberRecord;
import id.terpadu.duplicate.DuplicateCheck;
import id.terpadu.error.BadRequestException;
import id.terpadu.error.NotFoundException;
import id.terpadu.graphql.GlobalId;
import id.terpadu.household.Households;
import id.terpadu.household.LifeEvents;
import id.terpadu.household.Members;
import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Requests for the events of a family's life: an identity corrected, a new head, a death, a split
 * into a new card, the end of a household. UPT-PK decides them; the approval applies them through
 * {@link LifeEvents}.
 */
@Component
class LifeEventRequests {

    private final Households households;
    private final Members members;

    LifeEventRequests(Households households, Members members) {
        this.households = households;
        this.members = members;
    }

    record ProposeIdentityCorrectionInput(String nik, String memberId, long expectedVersion, String name, LocalDate birthDate,
                                          Sex sex, String newNik, Boolean ownData, String reason) {
    }

    record RelationshipInput(String memberId, Relationship relationship) {
    }

    record ProposeHeadChangeInput(String kk, String householdId, long expectedVersion, String newHeadMemberId,
                                  List<RelationshipInput> relationships, String reason) {
    }

    record ProposeDeathInput(String nik, String memberId, long expectedVersion, LocalDate diedOn, String newHeadMemberId,
                             String reason) {
    }

    record ProposeSplitInput(String kk, String householdId, long expectedVersion, String newKk, List<RelationshipInput> members,
                             LocalDate splitOn, String reason) {
    }

    record ProposeDissolutionInput(String kk, String householdId, long expectedVersion, Boolean movedAway, String reason) {
    }

    /** The stored forms: records named by their row ids, the old identity values kept for the history. */
    record IdentityCorrection(long memberId, long expectedVersion, String name, LocalDate birthDate, Sex sex, String newNik,
                              Map<String, String> before) {
    }

    record HeadChange(long householdId, long expectedVersion, long newHeadId, Map<Long, Relationship> relationships) {
    }

    record Death(long memberId, long expectedVersion, LocalDate diedOn, Long newHeadId) {
    }

    record Split(long householdId, long expectedVersion, String newKk, Map<Long, Relationship> members, LocalDate splitOn,
                 String reason) {
    }

    record Dissolution(long householdId, long expectedVersion, boolean movedAway) {
    }

    Proposal identityCorrection(Caller caller, ProposeIdentityCorrectionInput input) {
        MemberRecord member = members.get(caller, input.nik(), input.memberId(), "input.nik", "input.memberId");
        if (input.name() == null && input.birthDate() == null && input.sex() == null && input.newNik() == null) {
            throw new BadRequestException("input", "Give at least one corrected value: name, birthDate, sex or newNik.");
        }
        Map<String, String> before = new LinkedHashMap<>();
        List<String> fields = new ArrayList<>();
        if (input.name() != null) {
            before.put("name", member.getName());
            fields.add("name");
        }
        if (input.birthDate() != null) {
            before.put("birthDate", member.getBirthDate().toString());
            fields.add("birth date");
        }
        if (input.sex() != null) {
            before.put("sex", member.getSex().name());
            fields.add("sex");
        }
        if (input.newNik() != null) {
            before.put("nik", member.getNik());
            fields.add("NIK");
        }
        boolean ownData = Boolean.TRUE.equals(input.ownData());
        return new Proposal(ChangeRequestKind.CORRECT_IDENTITY, null, member.getHouseholdId(), member.getId(), village(caller, member),
                "Correct the person's " + String.join(", ", fields) + (ownData ? ", as the person asked." : "."),
                new IdentityCorrection(member.getId(), input.expectedVersion(), input.name(), input.birthDate(), input.sex(),
                        input.newNik(), before), input.reason(), ownData);
    }

    Proposal headChange(Caller caller, ProposeHeadChangeInput input) {
        HouseholdRecord household = households.get(caller, input.kk(), input.householdId(), "input.kk", "input.householdId");
        MemberRecord head = memberOf(caller, input.newHeadMemberId(), "input.newHeadMemberId");
        return new Proposal(ChangeRequestKind.CHANGE_HEAD, null, household.getId(), head.getId(), household.getVillageCode(),
                "Make the person the head of the household.",
                new HeadChange(household.getId(), input.expectedVersion(), head.getId(), relationships(caller, input.relationships(),
                        "input.relationships")), input.reason(), false);
    }

    Proposal death(Caller caller, ProposeDeathInput input) {
        MemberRecord member = members.get(caller, input.nik(), input.memberId(), "input.nik", "input.memberId");
        Long newHead = input.newHeadMemberId() == null ? null : memberOf(caller, input.newHeadMemberId(), "input.newHeadMemberId").getId();
        return new Proposal(ChangeRequestKind.RECORD_DEATH, null, member.getHouseholdId(), member.getId(), village(caller, member),
                "Record the person's death on " + input.diedOn() + (newHead == null ? "." : ", and a new head of the household."),
                new Death(member.getId(), input.expectedVersion(), input.diedOn(), newHead), input.reason(), false);
    }

    Proposal split(Caller caller, ProposeSplitInput input) {
        HouseholdRecord household = households.get(caller, input.kk(), input.householdId(), "input.kk", "input.householdId");
        Map<Long, Relationship> movers = relationships(caller, input.members(), "input.members");
        return new Proposal(ChangeRequestKind.SPLIT_HOUSEHOLD, null, household.getId(), null, household.getVillageCode(),
                "Split " + movers.size() + (movers.size() == 1 ? " person" : " persons") + " off to a new family card on "
                        + input.splitOn() + ".",
                new Split(household.getId(), input.expectedVersion(), input.newKk(), movers, input.splitOn(), input.reason()),
                input.reason(), false);
    }

    Proposal dissolution(Caller caller, ProposeDissolutionInput input) {
        HouseholdRecord household = households.get(caller, input.kk(), input.householdId(), "input.kk", "input.householdId");
        return new Proposal(ChangeRequestKind.DISSOLVE_HOUSEHOLD, null, household.getId(), null, household.getVillageCode(),
                Boolean.TRUE.equals(input.movedAway()) ? "Dissolve the household: the family moved out of the regency."
                        : "Dissolve the household.",
                new Dissolution(household.getId(), input.expectedVersion(), Boolean.TRUE.equals(input.movedAway())),
                input.reason(), false);
    }

    private MemberRecord memberOf(Caller caller, String id, String field) {
        return GlobalId.decode(id).filter(global -> global.type().equals("Member"))
                .flatMap(global -> members.find(caller, global.id()))
                .orElseThrow(() -> new NotFoundException(field, "No person has this ID."));
    }

    private Map<Long, Relationship> relationships(Caller caller, List<RelationshipInput> given, String field) {
        Map<Long, Relationship> result = new LinkedHashMap<>();
        for (int i = 0; i < given.size(); i++) {
            MemberRecord member = memberOf(caller, given.get(i).memberId(), field + "[" + i + "].memberId");
            if (result.put(member.getId(), given.get(i).relationship()) != null) {
                throw new BadRequestException(field + "[" + i + "].memberId", "The same person is listed twice.");
            }
        }
        return result;
    }

    private String village(Caller caller, MemberRecord member) {
        return households.find(caller, member.getHouseholdId()).map(HouseholdRecord::getVillageCode)
                .orElseThrow(() -> new NotFoundException("input.memberId", "No person has this ID."));
    }

    @Component
    static class Correction implements ChangeHandler {

        private final LifeEvents events;
        private final DuplicateCheck duplicates;

        Correction(LifeEvents events, DuplicateCheck duplicates) {
            this.events = events;
            this.duplicates = duplicates;
        }

        @Override
        public ChangeRequestKind kind() {
            return ChangeRequestKind.CORRECT_IDENTITY;
        }

        @Override
        public Applied apply(Caller approver, ChangeRequestRecord request) {
            IdentityCorrection correction = Proposals.read(request, IdentityCorrection.class);
            MemberRecord corrected = events.correctIdentity(approver, correction.memberId(), correction.expectedVersion(),
                    correction.name(), correction.birthDate(), correction.sex(), correction.newNik());
            int likely = duplicates.likelyDuplicatesOf(corrected.getId());
            return new Applied("Corrected the identity data; the old values are in the person's history."
                    + (likely == 0 ? " The duplicate check finds no likely duplicate."
                    : " The duplicate check finds " + likely + " likely duplicate" + (likely == 1 ? "" : "s")
                    + ": see duplicateCandidates."), null, null);
        }
    }

    @Component
    static class NewHead implements ChangeHandler {

        private final LifeEvents events;

        NewHead(LifeEvents events) {
            this.events = events;
        }

        @Override
        public ChangeRequestKind kind() {
            return ChangeRequestKind.CHANGE_HEAD;
        }

        @Override
        public Applied apply(Caller approver, ChangeRequestRecord request) {
            HeadChange change = Proposals.read(request, HeadChange.class);
            events.changeHead(approver, change.householdId(), change.expectedVersion(), change.newHeadId(), change.relationships());
            return new Applied("The person " + GlobalId.encode("Member", change.newHeadId()) + " is the head of the household.",
                    null, null);
        }
    }

    @Component
    static class RecordedDeath implements ChangeHandler {

        private final LifeEvents events;
        private final RunningBenefits running;
        private final BenefitRequests benefits;
        private final Households households;

        RecordedDeath(LifeEvents events, RunningBenefits running, BenefitRequests benefits, Households households) {
            this.events = events;
            this.running = running;
            this.benefits = benefits;
            this.households = households;
        }

        @Override
        public ChangeRequestKind kind() {
            return ChangeRequestKind.RECORD_DEATH;
        }

        /**
         * Records the death; a benefit of the person (or of the household, when it ends with this
         * death) that ends at the end of its period runs out by itself, one without an end is left
         * to its agency as a stop request.
         */
        @Override
        public Applied apply(Caller approver, ChangeRequestRecord request) {
            Death death = Proposals.read(request, Death.class);
            LifeEvents.Death recorded = events.recordDeath(approver, death.memberId(), death.expectedVersion(), death.diedOn(),
                    death.newHeadId());
            long householdId = recorded.deceased().getHouseholdId();
            String village = households.find(approver, householdId).map(HouseholdRecord::getVillageCode).orElse(request.getVillageCode());
            List<BenefitRecord> toStop = new ArrayList<>(running.of(null, death.memberId(), death.diedOn()));
            if (recorded.householdDissolved()) {
                toStop.addAll(running.of(householdId, null, death.diedOn()));
            }
            List<Applied.FollowUp> followUps = new ArrayList<>();
            List<String> endingByThemselves = new ArrayList<>();
            for (BenefitRecord benefit : toStop) {
                if (benefit.getEndsOn() != null) {
                    endingByThemselves.add(benefit.getProgrammeCode() + " ends on " + benefit.getEndsOn());
                    continue;
                }
                LocalDate stoppedOn = benefit.getStartsOn().isAfter(death.diedOn()) ? benefit.getStartsOn() : death.diedOn();
                followUps.add(new Applied.FollowUp(benefits.stopProposal(benefit, village, benefit.getVersion(), stoppedOn,
                        "The beneficiary died on " + death.diedOn() + ".")));
            }
            StringBuilder summary = new StringBuilder("Recorded the death on " + death.diedOn() + ".");
            if (recorded.newHeadId() != null) {
                summary.append(" The person ").append(GlobalId.encode("Member", recorded.newHeadId())).append(" is the new head.");
            }
            if (recorded.householdDissolved()) {
                summary.append(" The household has no living member left and is DISSOLVED.");
            }
            if (!endingByThemselves.isEmpty()) {
                summary.append(" Ending at the end of their period: ").append(String.join(", ", endingByThemselves)).append('.');
            }
            if (!followUps.isEmpty()) {
                summary.append(" Stop requests opened for their agencies: ").append(followUps.size()).append('.');
            }
            return new Applied(summary.toString(), null, null, followUps);
        }
    }

    @Component
    static class SplitOff implements ChangeHandler {

        private final LifeEvents events;

        SplitOff(LifeEvents events) {
            this.events = events;
        }

        @Override
        public ChangeRequestKind kind() {
            return ChangeRequestKind.SPLIT_HOUSEHOLD;
        }

        @Override
        public Applied apply(Caller approver, ChangeRequestRecord request) {
            Split split = Proposals.read(request, Split.class);
            HouseholdRecord created = events.split(approver, split.householdId(), split.expectedVersion(), split.newKk(),
                    split.members(), split.splitOn(), split.reason());
            return new Applied("Split " + split.members().size() + " off to the new household "
                    + GlobalId.encode("Household", created.getId()) + ".", null, null);
        }
    }

    @Component
    static class Dissolve implements ChangeHandler {

        private final LifeEvents events;

        Dissolve(LifeEvents events) {
            this.events = events;
        }

        @Override
        public ChangeRequestKind kind() {
            return ChangeRequestKind.DISSOLVE_HOUSEHOLD;
        }

        @Override
        public Applied apply(Caller approver, ChangeRequestRecord request) {
            Dissolution dissolution = Proposals.read(request, Dissolution.class);
            events.dissolve(approver, dissolution.householdId(), dissolution.expectedVersion(), dissolution.movedAway());
            return new Applied("Dissolved the household.", null, null);
        }
    }
}
