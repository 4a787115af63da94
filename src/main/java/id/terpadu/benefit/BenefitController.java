package id.terpadu.benefit;

import id.terpadu.db.tables.records.BenefitRecord;
import id.terpadu.db.tables.records.HouseholdRecord;
import id.terpadu.db.tables.records.MemberRecord;
import id.terpadu.db.tables.records.ProgrammeRecord;
import id.terpadu.benefit.BenefitService.EnrolBenefitInput;
import id.terpadu.benefit.BenefitService.StopBenefitInput;
import id.terpadu.graphql.Batches;
import id.terpadu.graphql.GlobalId;
import id.terpadu.household.HouseholdRepository;
import id.terpadu.member.MemberRepository;
import id.terpadu.programme.ReferenceDataRepository;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

import java.util.List;
import java.util.Map;

/** Benefits: enrolments of households and members in programmes. */
@Controller
class BenefitController {

    private final BenefitService service;
    private final BenefitRepository benefits;
    private final ReferenceDataRepository referenceData;
    private final HouseholdRepository households;
    private final MemberRepository members;

    BenefitController(BenefitService service, BenefitRepository benefits, ReferenceDataRepository referenceData,
                      HouseholdRepository households, MemberRepository members) {
        this.service = service;
        this.benefits = benefits;
        this.referenceData = referenceData;
        this.households = households;
        this.members = members;
    }

    @MutationMapping
    BenefitRecord enrolBenefit(@Argument EnrolBenefitInput input) {
        return service.enrol(input);
    }

    @MutationMapping
    BenefitRecord stopBenefit(@Argument StopBenefitInput input) {
        return service.stop(input);
    }

    @SchemaMapping(typeName = "Benefit")
    String id(BenefitRecord benefit) {
        return GlobalId.encode("Benefit", benefit.getId());
    }

    @BatchMapping(typeName = "Household")
    List<List<BenefitRecord>> benefits(List<HouseholdRecord> page) {
        return Batches.groups(page, HouseholdRecord::getId,
                benefits.findByHouseholds(page.stream().map(HouseholdRecord::getId).toList()), BenefitRecord::getHouseholdId);
    }

    @BatchMapping(typeName = "Member", field = "benefits")
    List<List<BenefitRecord>> memberBenefits(List<MemberRecord> people) {
        return Batches.groups(people, MemberRecord::getId,
                benefits.findByMembers(people.stream().map(MemberRecord::getId).toList()), BenefitRecord::getMemberId);
    }

    @BatchMapping(typeName = "Benefit")
    Map<BenefitRecord, ProgrammeRecord> programme(List<BenefitRecord> enrolments) {
        return Batches.lookup(enrolments, BenefitRecord::getProgrammeCode,
                Batches.index(referenceData.programmes(), ProgrammeRecord::getCode));
    }

    @BatchMapping(typeName = "Benefit")
    Map<BenefitRecord, HouseholdRecord> household(List<BenefitRecord> enrolments) {
        return households.householdsOf(enrolments, BenefitRecord::getHouseholdId);
    }

    @BatchMapping(typeName = "Benefit")
    Map<BenefitRecord, MemberRecord> member(List<BenefitRecord> enrolments) {
        return members.membersOf(enrolments, BenefitRecord::getMemberId);
    }
}
