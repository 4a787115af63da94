package id.terpadu.household;

import id.terpadu.access.Caller;
import id.terpadu.db.tables.records.HouseholdKkHistoryRecord;
import id.terpadu.db.tables.records.HouseholdRecord;
import id.terpadu.db.tables.records.MemberRecord;
import id.terpadu.graphql.Batches;
import id.terpadu.household.HouseholdInputs.AddMemberInput;
import id.terpadu.household.HouseholdInputs.ChangeHouseholdKkInput;
import id.terpadu.household.HouseholdInputs.RegisterHouseholdInput;
import id.terpadu.household.HouseholdInputs.UpdateHouseholdAddressInput;
import id.terpadu.identity.IdentityNumbers;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.ContextValue;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

import java.util.List;
import java.util.Map;

/** Households: lookups, the paged list, registration and changes to the core record. */
@Controller
class HouseholdController {

    private final HouseholdRepository households;
    private final HouseholdSearch search;
    private final HouseholdService service;
    private final MemberRepository members;

    HouseholdController(HouseholdRepository households, HouseholdSearch search, HouseholdService service,
                        MemberRepository members) {
        this.households = households;
        this.search = search;
        this.service = service;
        this.members = members;
    }

    @QueryMapping
    HouseholdRecord household(@Argument String kk, @ContextValue Caller caller) {
        IdentityNumbers.checkDigits(kk, "kk", "KK");
        return households.findByKk(caller, kk).orElse(null);
    }

    @QueryMapping
    HouseholdConnection households(@Argument Map<String, Object> filter, @Argument Integer first, @Argument String after,
                                   @Argument HouseholdOrder orderBy, @ContextValue Caller caller) {
        return search.page(caller, filter, first, after, orderBy);
    }

    @SchemaMapping(typeName = "HouseholdConnection")
    int totalCount(HouseholdConnection connection) {
        return search.count(connection);
    }

    @MutationMapping
    HouseholdRecord registerHousehold(@Argument RegisterHouseholdInput input, @ContextValue Caller caller) {
        return service.register(caller, input);
    }

    @MutationMapping
    MemberRecord addMember(@Argument AddMemberInput input, @ContextValue Caller caller) {
        return service.addMember(caller, input);
    }

    @MutationMapping
    HouseholdRecord updateHouseholdAddress(@Argument UpdateHouseholdAddressInput input, @ContextValue Caller caller) {
        return service.updateAddress(caller, input);
    }

    @MutationMapping
    HouseholdRecord changeHouseholdKk(@Argument ChangeHouseholdKkInput input, @ContextValue Caller caller) {
        return service.changeKk(caller, input);
    }

    @BatchMapping(typeName = "Household")
    List<List<MemberRecord>> members(List<HouseholdRecord> page, @ContextValue Caller caller) {
        return Batches.groups(page, HouseholdRecord::getId, members.findByHouseholds(caller, ids(page)), MemberRecord::getHouseholdId);
    }

    @BatchMapping(typeName = "Household")
    Map<HouseholdRecord, MemberRecord> head(List<HouseholdRecord> page, @ContextValue Caller caller) {
        return Batches.lookup(page, HouseholdRecord::getId,
                Batches.index(members.findHeads(caller, ids(page)), MemberRecord::getHouseholdId));
    }

    @BatchMapping(typeName = "Household")
    List<List<HouseholdKkHistoryRecord>> kkHistory(List<HouseholdRecord> page) {
        return Batches.groups(page, HouseholdRecord::getId, households.kkHistory(ids(page)),
                HouseholdKkHistoryRecord::getHouseholdId);
    }

    private static List<Long> ids(List<HouseholdRecord> page) {
        return page.stream().map(HouseholdRecord::getId).distinct().toList();
    }
}
