package id.terpadu.household;

import id.terpadu.access.Caller;
import id.terpadu.database.VersionedRows;
import id.terpadu.db.codes.HouseholdStatus;
import id.terpadu.db.codes.MemberStatus;
import id.terpadu.db.codes.Relationship;
import id.terpadu.db.tables.records.HouseholdRecord;
import id.terpadu.db.tables.records.MemberMoveRecord;
import id.terpadu.db.tables.records.MemberRecord;
import id.terpadu.error.BadRequestException;
import id.terpadu.error.ConflictException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.LocalDate;

/** Moves people between households, keeping where they came from. */
@Service
@Transactional
public class MemberService {

    private final MemberRepository members;
    private final HouseholdRepository households;
    private final VersionedRows versionedRows;
    private final Members people;
    private final Households register;

    MemberService(MemberRepository members, HouseholdRepository households, VersionedRows versionedRows,
                  Members people, Households register) {
        this.people = people;
        this.register = register;
        this.members = members;
        this.households = households;
        this.versionedRows = versionedRows;
    }

    public MemberRecord move(Caller caller, MoveMemberInput input) {
        MemberRecord member = people.get(caller, input.nik(), input.memberId(), "input.nik", "input.memberId");
        HouseholdRecord target = register.get(caller, input.toKk(), input.toHouseholdId(), "input.toKk", "input.toHouseholdId");
        if (member.getStatus() == MemberStatus.DECEASED) {
            throw new ConflictException(input.nik() != null ? "input.nik" : "input.memberId", "The person is recorded deceased.");
        }
        if (target.getStatus() == HouseholdStatus.DISSOLVED) {
            throw new ConflictException(input.toKk() != null ? "input.toKk" : "input.toHouseholdId", "That household is dissolved.");
        }
        if (target.getId().equals(member.getHouseholdId())) {
            throw new BadRequestException("input.toKk", "The person already belongs to this household.");
        }
        if (input.movedOn().isAfter(LocalDate.now())) {
            throw new BadRequestException("input.movedOn", "A move is recorded once it has happened, not in advance.");
        }
        if (input.reason() == null || input.reason().isBlank()) {
            throw new BadRequestException("input.reason", "Say why the person moved.");
        }
        if (input.relationship() == Relationship.HEAD && members.hasHead(target.getId())) {
            throw new ConflictException("input.relationship", "That household already has a head.");
        }
        MemberRecord moved = versionedRows.change(MemberRepository.CORE, member.getId(), input.expectedVersion(),
                new MemberRecord().setHouseholdId(target.getId()).setRelationship(input.relationship()));
        members.recordMove(new MemberMoveRecord()
                .setMemberId(member.getId())
                .setFromHouseholdId(member.getHouseholdId())
                .setToHouseholdId(target.getId())
                .setFromRelationship(member.getRelationship())
                .setToRelationship(input.relationship())
                .setMovedOn(input.movedOn())
                .setReason(input.reason().strip()));
        versionedRows.touch(HouseholdRepository.CORE, member.getHouseholdId());
        versionedRows.touch(HouseholdRepository.CORE, target.getId());
        return moved;
    }

    public record MoveMemberInput(String nik, String memberId, long expectedVersion, String toKk, String toHouseholdId,
                           Relationship relationship, LocalDate movedOn, String reason) {
    }
}
