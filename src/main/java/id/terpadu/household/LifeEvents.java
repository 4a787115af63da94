package id.terpadu.household;

import id.terpadu.access.Caller;
import id.terpadu.database.VersionedRows;
import id.terpadu.db.codes.HouseholdStatus;
import id.terpadu.db.codes.MemberStatus;
import id.terpadu.db.codes.Relationship;
import id.terpadu.db.codes.Sex;
import id.terpadu.db.tables.records.HouseholdRecord;
import id.terpadu.db.tables.records.MemberMoveRecord;
import id.terpadu.db.tables.records.MemberRecord;
import id.terpadu.error.BadRequestException;
import id.terpadu.error.ConflictException;
import id.terpadu.error.NotFoundException;
import id.terpadu.graphql.GlobalId;
import id.terpadu.identity.IdentityNumbers;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The events of a family's life that change its card: a death, a new head, a corrected identity,
 * a split into a new card, the end of a household. Each method is one transaction and checks
 * everything against the data as it is now; the change requests apply them once approved.
 */
@Service
@Transactional
public class LifeEvents {

    private final MemberRepository members;
    private final HouseholdRepository households;
    private final VersionedRows versionedRows;
    private final Members people;
    private final Households register;
    private final IdentityNumbers identityNumbers;

    LifeEvents(MemberRepository members, HouseholdRepository households, VersionedRows versionedRows, Members people,
               Households register, IdentityNumbers identityNumbers) {
        this.members = members;
        this.households = households;
        this.versionedRows = versionedRows;
        this.people = people;
        this.register = register;
        this.identityNumbers = identityNumbers;
    }

    /** What a recorded death changed besides the person: the new head, and whether the household ended. */
    public record Death(MemberRecord deceased, Long newHeadId, boolean householdDissolved) {
    }

    /**
     * Records a death: the person becomes DECEASED with the date; a deceased head with living
     * members left hands the card to {@code newHeadId}; a household without living members is DISSOLVED.
     */
    public Death recordDeath(Caller caller, long memberId, long expectedVersion, LocalDate diedOn, Long newHeadId) {
        MemberRecord member = living(caller, memberId, "input.memberId");
        if (diedOn.isAfter(LocalDate.now())) {
            throw new BadRequestException("input.diedOn", "A death is recorded once it has happened, not in advance.");
        }
        if (diedOn.isBefore(member.getBirthDate())) {
            throw new BadRequestException("input.diedOn", "The date of death is before the person's birth date.");
        }
        List<MemberRecord> others = members.livingOf(member.getHouseholdId()).stream()
                .filter(other -> !other.getId().equals(memberId)).toList();
        boolean head = member.getRelationship() == Relationship.HEAD;
        if (newHeadId != null && !head) {
            throw new BadRequestException("input.newHeadMemberId", "Only the death of the head hands the family card to a new head.");
        }
        if (head && !others.isEmpty() && newHeadId == null) {
            throw new BadRequestException("input.newHeadMemberId",
                    "The deceased was the head of a household with living members: name the member who becomes head.");
        }
        MemberRecord newHead = newHeadId == null ? null : others.stream().filter(other -> other.getId().equals(newHeadId))
                .findFirst().orElseThrow(() -> new BadRequestException("input.newHeadMemberId",
                        "The new head must be a living member of the same household."));
        MemberRecord deceased = versionedRows.change(MemberRepository.CORE, memberId, expectedVersion,
                new MemberRecord().setStatus(MemberStatus.DECEASED).setDiedOn(diedOn));
        if (newHead != null) {
            versionedRows.change(MemberRepository.CORE, newHead.getId(), newHead.getVersion(),
                    new MemberRecord().setRelationship(Relationship.HEAD));
        }
        boolean dissolved = others.isEmpty();
        if (dissolved) {
            households.dissolve(member.getHouseholdId());
        }
        versionedRows.touch(HouseholdRepository.CORE, member.getHouseholdId());
        return new Death(deceased, newHead == null ? null : newHead.getId(), dissolved);
    }

    /**
     * Makes a living member the head of their household; every other living member gets their
     * relationship to the new head.
     */
    public HouseholdRecord changeHead(Caller caller, long householdId, long expectedVersion, long newHeadId,
                                      Map<Long, Relationship> relationships) {
        HouseholdRecord household = active(caller, householdId, "input.householdId");
        List<MemberRecord> living = members.livingOf(householdId);
        MemberRecord newHead = living.stream().filter(member -> member.getId() == newHeadId).findFirst()
                .orElseThrow(() -> new BadRequestException("input.newHeadMemberId", "The new head must be a living member of the household."));
        if (newHead.getRelationship() == Relationship.HEAD) {
            throw new ConflictException("input.newHeadMemberId", "This member is already the head.");
        }
        for (MemberRecord member : living) {
            if (member.getId() == newHeadId) {
                continue;
            }
            Relationship relationship = relationships.get(member.getId());
            if (relationship == null) {
                throw new BadRequestException("input.relationships", "Give the relationship to the new head of every other living member ("
                        + GlobalId.encode("Member", member.getId()) + " is missing).");
            }
            if (relationship == Relationship.HEAD) {
                throw new BadRequestException("input.relationships", "Only the new head is HEAD.");
            }
            versionedRows.change(MemberRepository.CORE, member.getId(), member.getVersion(), new MemberRecord().setRelationship(relationship));
        }
        if (!living.stream().map(MemberRecord::getId).collect(java.util.stream.Collectors.toSet()).containsAll(relationships.keySet())) {
            throw new BadRequestException("input.relationships", "A relationship is given for someone who is not a living member of the household.");
        }
        versionedRows.change(MemberRepository.CORE, newHeadId, newHead.getVersion(), new MemberRecord().setRelationship(Relationship.HEAD));
        return versionedRows.change(HouseholdRepository.CORE, household.getId(), expectedVersion, new HouseholdRecord());
    }

    /**
     * Corrects a person's identity data; the old values stay in the audit trail (the person's
     * history). The NIK must agree with the corrected sex and birth date, and stay unique.
     */
    public MemberRecord correctIdentity(Caller caller, long memberId, long expectedVersion, String name, LocalDate birthDate,
                                        Sex sex, String newNik) {
        MemberRecord member = people.find(caller, memberId)
                .orElseThrow(() -> new NotFoundException("input.memberId", "No person has this ID."));
        if (name == null && birthDate == null && sex == null && newNik == null) {
            throw new BadRequestException("input", "Give at least one corrected value: name, birthDate, sex or newNik.");
        }
        if (name != null && name.isBlank()) {
            throw new BadRequestException("input.name", "Give the person's name.");
        }
        String nik = newNik != null ? newNik : member.getNik();
        Sex correctedSex = sex != null ? sex : member.getSex();
        LocalDate correctedBirth = birthDate != null ? birthDate : member.getBirthDate();
        identityNumbers.checkNik(nik, newNik != null ? "input.newNik" : birthDate != null ? "input.birthDate" : "input.sex",
                correctedSex, correctedBirth);
        if (newNik != null && !newNik.equals(member.getNik()) && (members.nikTaken(newNik)
                || members.findKeptByMergedNik(caller, newNik).isPresent())) {
            throw new ConflictException("input.newNik", "A person with this NIK is already registered.");
        }
        MemberRecord changes = new MemberRecord();
        if (name != null) {
            changes.setName(name.strip());
        }
        if (birthDate != null) {
            changes.setBirthDate(birthDate);
        }
        if (sex != null) {
            changes.setSex(sex);
        }
        if (newNik != null) {
            changes.setNik(newNik);
        }
        return versionedRows.change(MemberRepository.CORE, memberId, expectedVersion, changes);
    }

    /**
     * Splits a family card: the chosen living members move to a new household with a new KK in the
     * same village and address, each move kept in both households' history. The head stays on the
     * old card (change the head first to move them).
     */
    public HouseholdRecord split(Caller caller, long householdId, long expectedVersion, String newKk,
                                 Map<Long, Relationship> movers, LocalDate splitOn, String reason) {
        HouseholdRecord household = active(caller, householdId, "input.householdId");
        // what the input says of itself first: a proposal tried against today's register is refused for
        // these, and only warned of what the register may change before its approval (a KK taken)
        identityNumbers.checkKk(newKk, "input.newKk");
        if (splitOn.isAfter(LocalDate.now())) {
            throw new BadRequestException("input.splitOn", "A split is recorded once the new card is issued, not in advance.");
        }
        if (movers.values().stream().filter(relationship -> relationship == Relationship.HEAD).count() != 1) {
            throw new BadRequestException("input.members", "The new family card lists exactly one head (relationship HEAD).");
        }
        if (households.kkInUse(newKk)) {
            throw new ConflictException("input.newKk", "A household with this KK is already registered.");
        }
        List<MemberRecord> living = members.livingOf(householdId);
        Set<Long> ids = new HashSet<>();
        living.forEach(member -> ids.add(member.getId()));
        if (!ids.containsAll(movers.keySet())) {
            throw new BadRequestException("input.members", "Only living members of the household can move to the new card.");
        }
        if (movers.size() >= living.size()) {
            throw new BadRequestException("input.members", "Someone stays on the old card; to move everyone, change the household's KK.");
        }
        for (MemberRecord member : living) {
            if (movers.containsKey(member.getId()) && member.getRelationship() == Relationship.HEAD) {
                throw new BadRequestException("input.members", "The head stays on the old card: change the head first.");
            }
        }
        versionedRows.change(HouseholdRepository.CORE, householdId, expectedVersion, new HouseholdRecord());
        HouseholdRecord created = households.insert(new HouseholdRecord()
                .setKk(newKk)
                .setVillageCode(household.getVillageCode())
                .setAddress(household.getAddress())
                .setRt(household.getRt())
                .setRw(household.getRw()));
        for (MemberRecord member : living) {
            Relationship relationship = movers.get(member.getId());
            if (relationship == null) {
                continue;
            }
            versionedRows.change(MemberRepository.CORE, member.getId(), member.getVersion(),
                    new MemberRecord().setHouseholdId(created.getId()).setRelationship(relationship));
            members.recordMove(new MemberMoveRecord()
                    .setMemberId(member.getId())
                    .setFromHouseholdId(householdId)
                    .setToHouseholdId(created.getId())
                    .setFromRelationship(member.getRelationship())
                    .setToRelationship(relationship)
                    .setMovedOn(splitOn)
                    .setReason(reason.strip()));
        }
        return created;
    }

    /**
     * Dissolves a household none of whose members lives on it any more (all moved or deceased), or
     * whose whole family moved out of the regency ({@code movedAway}): their records stay on the
     * dissolved card, with its history.
     */
    public HouseholdRecord dissolve(Caller caller, long householdId, long expectedVersion, boolean movedAway) {
        active(caller, householdId, "input.householdId");
        if (!movedAway && !members.livingOf(householdId).isEmpty()) {
            throw new ConflictException("input.householdId",
                    "Living members are still on this family card: record their move or death first.");
        }
        return versionedRows.change(HouseholdRepository.CORE, householdId, expectedVersion,
                new HouseholdRecord().setStatus(HouseholdStatus.DISSOLVED));
    }

    private MemberRecord living(Caller caller, long memberId, String field) {
        MemberRecord member = people.find(caller, memberId)
                .orElseThrow(() -> new NotFoundException(field, "No person has this ID."));
        if (member.getStatus() == MemberStatus.DECEASED) {
            throw new ConflictException(field, "The person is already recorded deceased.");
        }
        return member;
    }

    private HouseholdRecord active(Caller caller, long householdId, String field) {
        HouseholdRecord household = register.find(caller, householdId)
                .orElseThrow(() -> new NotFoundException(field, "No household has this ID."));
        if (household.getStatus() == HouseholdStatus.DISSOLVED) {
            throw new ConflictException(field, "The household is dissolved.");
        }
        return household;
    }
}
