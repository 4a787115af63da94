package id.terpadu.household;

import id.terpadu.household.NewMemberInput;

import java.util.List;

/** The inputs of the household mutations, as the schema declares them. */
public final class HouseholdInputs {

    private HouseholdInputs() {
    }

    public record RegisterHouseholdInput(String kk, String villageCode, String address, String rt, String rw,
                                  List<NewMemberInput> members) {
    }

    public record AddMemberInput(String kk, String householdId, long expectedVersion, NewMemberInput member) {
    }

    record UpdateHouseholdAddressInput(String kk, String householdId, long expectedVersion, String villageCode, String address,
                                       String rt, String rw) {
    }

    record ChangeHouseholdKkInput(String kk, String householdId, long expectedVersion, String newKk, String reason) {
    }
}
