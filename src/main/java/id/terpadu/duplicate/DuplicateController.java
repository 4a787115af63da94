package id.terpadu.duplicate;

import id.terpadu.db.tables.records.HouseholdRecord;
import id.terpadu.db.tables.records.MemberMergeRecord;
import id.terpadu.db.tables.records.MemberRecord;
import id.terpadu.duplicate.MemberMergeService.MergeMembersInput;
import id.terpadu.graphql.Batches;
import id.terpadu.household.HouseholdRepository;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
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
    private final HouseholdRepository households;

    DuplicateController(DuplicateSearch search, MemberMergeService mergeService, MergeRepository merges,
                        HouseholdRepository households) {
        this.search = search;
        this.mergeService = mergeService;
        this.merges = merges;
        this.households = households;
    }

    @QueryMapping
    List<DuplicateCandidate> duplicateCandidates(@Argument String region, @Argument Integer first) {
        return search.candidates(region, first);
    }

    @MutationMapping
    MemberRecord mergeMembers(@Argument MergeMembersInput input) {
        return mergeService.merge(input);
    }

    @BatchMapping(typeName = "Member")
    List<List<MemberMergeRecord>> mergedRecords(List<MemberRecord> people) {
        return Batches.groups(people, MemberRecord::getId,
                merges.mergedInto(people.stream().map(MemberRecord::getId).toList()), MemberMergeRecord::getKeptMemberId);
    }

    @BatchMapping(typeName = "MemberMerge")
    Map<MemberMergeRecord, HouseholdRecord> household(List<MemberMergeRecord> mergedRecords) {
        return households.householdsOf(mergedRecords, MemberMergeRecord::getHouseholdId);
    }
}
