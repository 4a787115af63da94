package id.terpadu.household;

import id.terpadu.access.Caller;
import id.terpadu.access.RowScope;
import id.terpadu.database.VersionedRows;
import id.terpadu.db.codes.Relationship;
import id.terpadu.db.tables.records.HouseholdRecord;
import id.terpadu.db.tables.records.MemberRecord;
import id.terpadu.error.BadRequestException;
import id.terpadu.error.ConflictException;
import id.terpadu.error.Disclosable;
import id.terpadu.error.ForbiddenException;
import id.terpadu.error.NotFoundException;
import id.terpadu.graphql.GlobalId;
import id.terpadu.household.HouseholdInputs.AddMemberInput;
import id.terpadu.household.HouseholdInputs.ChangeHouseholdKkInput;
import id.terpadu.household.HouseholdInputs.RegisterHouseholdInput;
import id.terpadu.household.HouseholdInputs.UpdateHouseholdAddressInput;
import id.terpadu.identity.IdentityNumbers;
import id.terpadu.region.RegionCode;
import id.terpadu.region.RegionRepository;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Registers households and changes their core record; each method is one transaction. */
@Service
@Transactional
public class HouseholdService {

    private final HouseholdRepository households;
    private final MemberRepository members;
    private final MemberRegistration registration;
    private final RegionRepository regions;
    private final IdentityNumbers identityNumbers;
    private final Households register;
    private final VersionedRows versionedRows;
    private final RowScope scope;

    HouseholdService(HouseholdRepository households, MemberRepository members, MemberRegistration registration,
                     RegionRepository regions, IdentityNumbers identityNumbers, VersionedRows versionedRows,
                     RowScope scope, Households register) {
        this.register = register;
        this.scope = scope;
        this.households = households;
        this.members = members;
        this.registration = registration;
        this.regions = regions;
        this.identityNumbers = identityNumbers;
        this.versionedRows = versionedRows;
    }

    public HouseholdRecord register(Caller caller, RegisterHouseholdInput input) {
        checkNewKk(caller, input.kk(), "input.kk");
        String village = village(caller, input.villageCode());
        checkAddress(input.address(), input.rt(), input.rw());
        checkMembers(caller, input.members());
        HouseholdRecord household = households.insert(new HouseholdRecord()
                .setKk(input.kk())
                .setVillageCode(village)
                .setAddress(input.address().strip())
                .setRt(input.rt())
                .setRw(input.rw()));
        input.members().forEach(member -> registration.register(member, household.getId()));
        return household;
    }

    public MemberRecord addMember(Caller caller, AddMemberInput input) {
        HouseholdRecord household = current(caller, input.kk(), input.householdId());
        registration.check(caller, input.member(), "input.member");
        if (input.member().relationship() == Relationship.HEAD && members.hasHead(household.getId())) {
            throw new ConflictException("input.member.relationship", "The household already has a head.");
        }
        versionedRows.change(HouseholdRepository.CORE, household.getId(), input.expectedVersion(), new HouseholdRecord());
        return registration.register(input.member(), household.getId());
    }

    HouseholdRecord updateAddress(Caller caller, UpdateHouseholdAddressInput input) {
        HouseholdRecord household = current(caller, input.kk(), input.householdId());
        String village = village(caller, input.villageCode());
        checkAddress(input.address(), input.rt(), input.rw());
        return versionedRows.change(HouseholdRepository.CORE, household.getId(), input.expectedVersion(),
                new HouseholdRecord()
                        .setVillageCode(village)
                        .setAddress(input.address().strip())
                        .setRt(input.rt())
                        .setRw(input.rw()));
    }

    HouseholdRecord changeKk(Caller caller, ChangeHouseholdKkInput input) {
        HouseholdRecord household = current(caller, input.kk(), input.householdId());
        checkNewKk(caller, input.newKk(), "input.newKk");
        if (input.reason() == null || input.reason().isBlank()) {
            throw new BadRequestException("input.reason", "Say why the family card changed.");
        }
        HouseholdRecord changed = versionedRows.change(HouseholdRepository.CORE, household.getId(),
                input.expectedVersion(), new HouseholdRecord().setKk(input.newKk()));
        households.recordKkChange(household.getId(), household.getKk(), input.reason().strip());
        return changed;
    }

    private HouseholdRecord current(Caller caller, String kk, String householdId) {
        return register.get(caller, kk, householdId, "input.kk", "input.householdId");
    }

    private void checkNewKk(Caller caller, String kk, String field) {
        identityNumbers.checkKk(kk, field);
        households.findByKk(caller, kk).ifPresent(existing -> {
            throw new ConflictException(field, "A household with this KK is already registered"
                    + (existing.getKk().equals(kk) ? "." : " (as an earlier family card)."),
                    Map.of("existingId", GlobalId.encode("Household", existing.getId()),
                            "existingKk", new Disclosable.FieldValue("Household", "kk", existing.getKk())));
        });
        // a card is unique hub-wide, also when a household outside the caller's region holds or held it:
        // refuse it without naming that household
        if (households.kkInUse(kk)) {
            throw new ConflictException(field, "A household with this KK is already registered.");
        }
    }

    /**
     * The village in its dotted form. A village outside the caller's region exists (every role
     * reads the region codes), so the refusal says that it lies outside, not that it is unknown.
     */
    private String village(Caller caller, String villageCode) {
        String village = RegionCode.normalise(villageCode)
                .filter(regions::isVillage)
                .orElseThrow(() -> new NotFoundException("input.villageCode", "No village has the code '" + villageCode + "'."));
        if (!scope.includesVillage(caller, village)) {
            throw new ForbiddenException("input.villageCode", "The village " + village
                    + " lies outside your region" + (caller.region() == null ? "." : " (" + caller.region() + ")."));
        }
        return village;
    }

    private static void checkAddress(String address, String rt, String rw) {
        if (address == null || address.isBlank()) {
            throw new BadRequestException("input.address", "Give the street address.");
        }
        if (rt != null && !rt.matches("[0-9]{1,3}")) {
            throw new BadRequestException("input.rt", "An RT is a number of up to 3 digits.");
        }
        if (rw != null && !rw.matches("[0-9]{1,3}")) {
            throw new BadRequestException("input.rw", "An RW is a number of up to 3 digits.");
        }
    }

    private void checkMembers(Caller caller, List<NewMemberInput> newMembers) {
        if (newMembers == null || newMembers.stream().filter(m -> m.relationship() == Relationship.HEAD).count() != 1) {
            throw new BadRequestException("input.members", "A family card lists exactly one head (relationship HEAD).");
        }
        Set<String> niks = new HashSet<>();
        for (int i = 0; i < newMembers.size(); i++) {
            String field = "input.members[" + i + "]";
            if (!niks.add(newMembers.get(i).nik())) {
                throw new BadRequestException(field + ".nik", "The same NIK is listed twice.");
            }
            registration.check(caller, newMembers.get(i), field);
        }
    }
}
