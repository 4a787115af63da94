package id.terpadu.duplicate;

import id.terpadu.db.tables.records.HouseholdRecord;
import id.terpadu.db.tables.records.MemberMergeRecord;
import id.terpadu.db.tables.records.MemberRecord;
import id.terpadu.duplicate.MemberMergeService.MergeMembersInput;
import id.terpadu.graphql.Batches;
import id.terpadu.access.Caller;
import id.terpadu.household.Households;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.ContextValue;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;

import java.util.List;
import java.util.Map;

/** Likely duplicate people, and merging two records of one person. */
@Controller
class DuplicateController {

    private final DuplicateSearch search;
    private final MemberMergeService mergeService;
    private final MergeRepository merges;
    private final Households households;

    DuplicateController(DuplicateSearch search, MemberMergeService mergeService, MergeRepository merges,
                        Households households) {
        this.search = search;
        this.mergeService = mergeService;
        this.merges = merges;
        this.households = households;
    }

    @QueryMapping
    List<DuplicateCandidate> duplicateCandidates(@Argument String region, @Argument Integer first, @ContextValue Caller caller) {
        return search.candidates(caller, region, first);
    }

    @MutationMapping
    MemberRecord mergeMembers(@Argument MergeMembersInput input, @ContextValue Caller caller) {
        return mergeService.merge(caller, input);
    }

    @BatchMapping(typeName = "Member")
    List<List<MemberMergeRecord>> mergedRecords(List<MemberRecord> people) {
        return Batches.groups(people, MemberRecord::getId,
                merges.mergedInto(people.stream().map(MemberRecord::getId).toList()), MemberMergeRecord::getKeptMemberId);
    }

    @BatchMapping(typeName = "MemberMerge")
    Map<MemberMergeRecord, HouseholdRecord> household(List<MemberMergeRecord> mergedRecords, @ContextValue Caller caller) {
        return households.of(caller, mergedRecords, MemberMergeRecord::getHouseholdId);
    }
}
