package id.terpadu.household;

import id.terpadu.access.Caller;
import id.terpadu.db.tables.records.HouseholdRecord;
import id.terpadu.db.tables.records.MemberMoveRecord;
import id.terpadu.db.tables.records.MemberRecord;
import id.terpadu.graphql.Batches;
import id.terpadu.household.MemberService.MoveMemberInput;
import id.terpadu.identity.IdentityNumbers;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.ContextValue;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;

import java.util.List;
import java.util.Map;

/** People: lookup by NIK, their household, and moves between households. */
@Controller
class MemberController {

    private final MemberRepository members;
    private final MemberService service;
    private final Households households;

    MemberController(MemberRepository members, MemberService service, Households households) {
        this.members = members;
        this.service = service;
        this.households = households;
    }

    /** The person with this NIK, or the record it was merged into (see {@code mergeMembers}). */
    @QueryMapping
    MemberRecord member(@Argument String nik, @ContextValue Caller caller) {
        IdentityNumbers.checkDigits(nik, "nik", "NIK");
        return members.findByNik(caller, nik).or(() -> members.findKeptByMergedNik(caller, nik)).orElse(null);
    }

    @MutationMapping
    MemberRecord moveMember(@Argument MoveMemberInput input, @ContextValue Caller caller) {
        return service.move(caller, input);
    }

    @BatchMapping(typeName = "Member")
    Map<MemberRecord, HouseholdRecord> household(List<MemberRecord> people, @ContextValue Caller caller) {
        return households.of(caller, people, MemberRecord::getHouseholdId);
    }

    @BatchMapping(typeName = "Member")
    List<List<MemberMoveRecord>> moves(List<MemberRecord> people) {
        return Batches.groups(people, MemberRecord::getId,
                members.moves(people.stream().map(MemberRecord::getId).toList()), MemberMoveRecord::getMemberId);
    }

    @BatchMapping(typeName = "MemberMove")
    Map<MemberMoveRecord, HouseholdRecord> from(List<MemberMoveRecord> moves, @ContextValue Caller caller) {
        return households.of(caller, moves, MemberMoveRecord::getFromHouseholdId);
    }

    @BatchMapping(typeName = "MemberMove")
    Map<MemberMoveRecord, HouseholdRecord> to(List<MemberMoveRecord> moves, @ContextValue Caller caller) {
        return households.of(caller, moves, MemberMoveRecord::getToHouseholdId);
    }
}
