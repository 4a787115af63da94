package id.terpadu.member;

import id.terpadu.db.tables.records.MemberRecord;
import id.terpadu.error.BadRequestException;
import id.terpadu.error.ConflictException;
import id.terpadu.graphql.GlobalId;
import id.terpadu.identity.IdentityNumbers;
import org.springframework.stereotype.Component;

import java.util.Map;

/** Checks and registers a person in a household: one person, one record. */
@Component
public class MemberRegistration {

    private final MemberRepository members;
    private final IdentityNumbers identityNumbers;

    MemberRegistration(MemberRepository members, IdentityNumbers identityNumbers) {
        this.members = members;
        this.identityNumbers = identityNumbers;
    }

    /** Checks a new person; {@code field} is the input path of the person ({@code input.members[0]}). */
    public void check(NewMemberInput member, String field) {
        if (member.name() == null || member.name().isBlank()) {
            throw new BadRequestException(field + ".name", "Give the person's name.");
        }
        identityNumbers.checkNik(member.nik(), field + ".nik", member.sex(), member.birthDate());
        members.findByNik(member.nik()).ifPresent(existing -> {
            throw new ConflictException(field + ".nik", "A person with this NIK is already registered.",
                    Map.of("existingId", GlobalId.encode("Member", existing.getId())));
        });
    }

    /** Registers a checked person in a household. */
    public MemberRecord register(NewMemberInput member, long householdId) {
        return members.insert(new MemberRecord()
                .setNik(member.nik())
                .setName(member.name().strip())
                .setSex(member.sex())
                .setBirthDate(member.birthDate())
                .setRelationship(member.relationship())
                .setHouseholdId(householdId));
    }
}
