package id.terpadu.household;

import id.terpadu.db.tables.records.HouseholdKkHistoryRecord;
import id.terpadu.db.tables.records.HouseholdRecord;
import id.terpadu.db.tables.records.MemberRecord;
import id.terpadu.graphql.Batches;
import id.terpadu.graphql.GlobalId;
import id.terpadu.household.HouseholdInputs.AddMemberInput;
import id.terpadu.household.HouseholdInputs.ChangeHouseholdKkInput;
import id.terpadu.household.HouseholdInputs.RegisterHouseholdInput;
import id.terpadu.household.HouseholdInputs.UpdateHouseholdAddressInput;
import id.terpadu.member.MemberRepository;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
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
    HouseholdRecord household(@Argument String kk) {
        return households.findByKk(kk).orElse(null);
    }

    @QueryMapping
    HouseholdConnection households(@Argument HouseholdFilter filter, @Argument Integer first, @Argument String after,
                                   @Argument HouseholdOrder orderBy) {
        return search.page(filter, first, after, orderBy);
    }

    @SchemaMapping(typeName = "HouseholdConnection")
    int totalCount(HouseholdConnection connection) {
        return search.count(connection);
    }

    @MutationMapping
    HouseholdRecord registerHousehold(@Argument RegisterHouseholdInput input) {
        return service.register(input);
    }

    @MutationMapping
    MemberRecord addMember(@Argument AddMemberInput input) {
        return service.addMember(input);
    }

    @MutationMapping
    HouseholdRecord updateHouseholdAddress(@Argument UpdateHouseholdAddressInput input) {
        return service.updateAddress(input);
    }

    @MutationMapping
    HouseholdRecord changeHouseholdKk(@Argument ChangeHouseholdKkInput input) {
        return service.changeKk(input);
    }

    @SchemaMapping(typeName = "Household")
    String id(HouseholdRecord household) {
        return GlobalId.encode("Household", household.getId());
    }

    @BatchMapping(typeName = "Household")
    List<List<MemberRecord>> members(List<HouseholdRecord> page) {
        return Batches.groups(page, HouseholdRecord::getId, members.findByHouseholds(ids(page)), MemberRecord::getHouseholdId);
    }

    @BatchMapping(typeName = "Household")
    Map<HouseholdRecord, MemberRecord> head(List<HouseholdRecord> page) {
        return Batches.lookup(page, HouseholdRecord::getId,
                Batches.index(members.findHeads(ids(page)), MemberRecord::getHouseholdId));
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
