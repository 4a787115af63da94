package id.terpadu.benefit;

import id.terpadu.db.tables.records.BenefitRecord;
import id.terpadu.db.tables.records.HouseholdRecord;
import id.terpadu.db.tables.records.MemberRecord;
import id.terpadu.db.tables.records.ProgrammeRecord;
import id.terpadu.benefit.BenefitService.EnrolBenefitInput;
import id.terpadu.benefit.BenefitService.StopBenefitInput;
import id.terpadu.graphql.Batches;
import id.terpadu.access.Caller;
import id.terpadu.household.Households;
import id.terpadu.household.Members;
import id.terpadu.programme.ReferenceDataRepository;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.ContextValue;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.stereotype.Controller;

import java.util.List;
import java.util.Map;

/** Benefits: enrolments of households and members in programmes. */
@Controller
class BenefitController {

    private final BenefitService service;
    private final BenefitRepository benefits;
    private final ReferenceDataRepository referenceData;
    private final Households households;
    private final Members members;

    BenefitController(BenefitService service, BenefitRepository benefits, ReferenceDataRepository referenceData,
                      Households households, Members members) {
        this.service = service;
        this.benefits = benefits;
        this.referenceData = referenceData;
        this.households = households;
        this.members = members;
    }

    @MutationMapping
    BenefitRecord enrolBenefit(@Argument EnrolBenefitInput input, @ContextValue Caller caller) {
        return service.enrol(caller, input);
    }

    @MutationMapping
    BenefitRecord stopBenefit(@Argument StopBenefitInput input, @ContextValue Caller caller) {
        return service.stop(caller, input);
    }

    @BatchMapping(typeName = "Household")
    List<List<BenefitRecord>> benefits(List<HouseholdRecord> page, @ContextValue Caller caller) {
        return Batches.groups(page, HouseholdRecord::getId,
                benefits.findByHouseholds(caller, page.stream().map(HouseholdRecord::getId).toList()), BenefitRecord::getHouseholdId);
    }

    @BatchMapping(typeName = "Member", field = "benefits")
    List<List<BenefitRecord>> memberBenefits(List<MemberRecord> people, @ContextValue Caller caller) {
        return Batches.groups(people, MemberRecord::getId,
                benefits.findByMembers(caller, people.stream().map(MemberRecord::getId).toList()), BenefitRecord::getMemberId);
    }

    @BatchMapping(typeName = "Benefit")
    Map<BenefitRecord, ProgrammeRecord> programme(List<BenefitRecord> enrolments) {
        return Batches.lookup(enrolments, BenefitRecord::getProgrammeCode,
                Batches.index(referenceData.programmes(), ProgrammeRecord::getCode));
    }

    @BatchMapping(typeName = "Benefit")
    Map<BenefitRecord, HouseholdRecord> household(List<BenefitRecord> enrolments, @ContextValue Caller caller) {
        return households.of(caller, enrolments, BenefitRecord::getHouseholdId);
    }

    @BatchMapping(typeName = "Benefit")
    Map<BenefitRecord, MemberRecord> member(List<BenefitRecord> enrolments, @ContextValue Caller caller) {
        return members.of(caller, enrolments, BenefitRecord::getMemberId);
    }
}
