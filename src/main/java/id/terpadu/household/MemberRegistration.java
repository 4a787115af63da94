package id.terpadu.household;

import id.terpadu.access.Caller;
import id.terpadu.db.tables.records.HouseholdRecord;
import id.terpadu.db.tables.records.MemberRecord;
import id.terpadu.error.BadRequestException;
import id.terpadu.error.ConflictException;
import id.terpadu.error.Disclosable;
import id.terpadu.graphql.GlobalId;
import id.terpadu.identity.IdentityNumbers;
import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;
import java.util.Map;

/** Checks and registers a person in a household: one person, one record. */
@Component
class MemberRegistration {

    private final MemberRepository members;
    private final IdentityNumbers identityNumbers;
    private final HouseholdRepository households;

    MemberRegistration(MemberRepository members, IdentityNumbers identityNumbers, HouseholdRepository households) {
        this.members = members;
        this.identityNumbers = identityNumbers;
        this.households = households;
    }

    /** Checks a new person; {@code field} is the input path of the person ({@code input.members[0]}). */
    void check(Caller caller, NewMemberInput member, String field) {
        if (member.name() == null || member.name().isBlank()) {
            throw new BadRequestException(field + ".name", "Give the person's name.");
        }
        identityNumbers.checkNik(member.nik(), field + ".nik", member.sex(), member.birthDate());
        members.findByNik(caller, member.nik()).ifPresent(existing -> {
            throw new ConflictException(field + ".nik", "A person with this NIK is already registered.", pointer(caller, existing));
        });
        members.findKeptByMergedNik(caller, member.nik()).ifPresent(kept -> {
            throw new ConflictException(field + ".nik",
                    "This NIK belonged to a record that was merged into another one: the person is registered there.",
                    pointer(caller, kept));
        });
        // a NIK is unique hub-wide, also when the person lives outside the caller's region:
        // refuse it without saying where
        if (members.nikTaken(member.nik())) {
            throw new ConflictException(field + ".nik", "A person with this NIK is already registered.");
        }
    }

    /** Where a clerk finds the person already registered: the record, its NIK and the household's KK, as far as the caller reads them. */
    private Map<String, Object> pointer(Caller caller, MemberRecord existing) {
        Map<String, Object> pointer = new LinkedHashMap<>();
        pointer.put("existingId", GlobalId.encode("Member", existing.getId()));
        pointer.put("existingNik", new Disclosable.FieldValue("Member", "nik", existing.getNik()));
        households.findById(caller, existing.getHouseholdId()).map(HouseholdRecord::getKk)
                .ifPresent(kk -> pointer.put("existingKk", new Disclosable.FieldValue("Household", "kk", kk)));
        return pointer;
    }

    /** Registers a checked person in a household. */
    MemberRecord register(NewMemberInput member, long householdId) {
        return members.insert(new MemberRecord()
                .setNik(member.nik())
                .setName(member.name().strip())
                .setSex(member.sex())
                .setBirthDate(member.birthDate())
                .setRelationship(member.relationship())
                .setHouseholdId(householdId));
    }
}
