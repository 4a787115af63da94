package id.terpadu.aidrule;

import id.terpadu.aidrule.AidRuleService.DefineEligibilityRuleInput;
import id.terpadu.aidrule.AidRuleService.DefineExclusionRuleInput;
import id.terpadu.aidrule.AidRuleService.RetireAidRuleInput;
import id.terpadu.aidrule.AidRuleService.RetiredAidRule;
import id.terpadu.aidrule.DoubleAidReportRepository.ExclusionConflict;
import id.terpadu.aidrule.DoubleAidReportRepository.IneligibleBenefit;
import id.terpadu.aidrule.DoubleAidReportService.DoubleAidReport;
import id.terpadu.aidrule.DoubleAidReportService.PeriodInput;
import id.terpadu.db.tables.records.ClusterRecord;
import id.terpadu.db.tables.records.EligibilityRuleRecord;
import id.terpadu.db.tables.records.ExclusionRuleRecord;
import id.terpadu.db.tables.records.HouseholdRecord;
import id.terpadu.db.tables.records.ProgrammeRecord;
import id.terpadu.graphql.Batches;
import id.terpadu.access.Caller;
import id.terpadu.household.Households;
import id.terpadu.programme.ReferenceDataRepository;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.ContextValue;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Exclusion and eligibility rules, their changes by UPT-PK, and the report of existing double aid. */
@Controller
class AidRuleController {

    private final AidRuleRepository rules;
    private final AidRuleService service;
    private final DoubleAidReportService report;
    private final ReferenceDataRepository referenceData;
    private final Households households;

    AidRuleController(AidRuleRepository rules, AidRuleService service, DoubleAidReportService report,
                      ReferenceDataRepository referenceData, Households households) {
        this.rules = rules;
        this.service = service;
        this.report = report;
        this.referenceData = referenceData;
        this.households = households;
    }

    @QueryMapping
    List<ExclusionRuleRecord> exclusionRules() {
        return rules.exclusionRules();
    }

    @QueryMapping
    List<EligibilityRuleRecord> eligibilityRules() {
        return rules.eligibilityRules();
    }

    @QueryMapping
    DoubleAidReport doubleAidReport(@Argument PeriodInput period, @Argument String region, @ContextValue Caller caller) {
        return report.report(caller, period, region);
    }

    @MutationMapping
    ExclusionRuleRecord defineExclusionRule(@Argument DefineExclusionRuleInput input) {
        return service.define(input);
    }

    @MutationMapping
    EligibilityRuleRecord defineEligibilityRule(@Argument DefineEligibilityRuleInput input) {
        return service.define(input);
    }

    @MutationMapping
    RetiredAidRule retireAidRule(@Argument RetireAidRuleInput input) {
        return service.retire(input);
    }

    @BatchMapping(typeName = "ExclusionRule")
    Map<ExclusionRuleRecord, ProgrammeRecord> programme(List<ExclusionRuleRecord> page) {
        return Batches.lookup(page, ExclusionRuleRecord::getProgrammeCode, programmes());
    }

    @BatchMapping(typeName = "ExclusionRule")
    Map<ExclusionRuleRecord, ProgrammeRecord> excludedProgramme(List<ExclusionRuleRecord> page) {
        return Batches.lookup(page, ExclusionRuleRecord::getExcludedProgrammeCode, programmes());
    }

    @BatchMapping(typeName = "EligibilityRule", field = "programme")
    Map<EligibilityRuleRecord, ProgrammeRecord> eligibilityProgramme(List<EligibilityRuleRecord> page) {
        return Batches.lookup(page, EligibilityRuleRecord::getProgrammeCode, programmes());
    }

    @BatchMapping(typeName = "ExclusionConflict", field = "household")
    Map<ExclusionConflict, HouseholdRecord> conflictHousehold(List<ExclusionConflict> conflicts, @ContextValue Caller caller) {
        return households.of(caller, conflicts, ExclusionConflict::householdId);
    }

    @BatchMapping(typeName = "IneligibleBenefit", field = "household")
    Map<IneligibleBenefit, HouseholdRecord> ineligibleHousehold(List<IneligibleBenefit> breaches, @ContextValue Caller caller) {
        return households.of(caller, breaches, IneligibleBenefit::householdId);
    }

    @BatchMapping(typeName = "EligibilityRule", field = "exceptClusters")
    List<List<ClusterRecord>> exceptClusters(List<EligibilityRuleRecord> page) {
        Map<String, ClusterRecord> clusters = Batches.index(referenceData.clusters(), ClusterRecord::getCode);
        return page.stream().map(rule -> rule.getExceptClusterCodes() == null ? List.<ClusterRecord>of()
                : Arrays.stream(rule.getExceptClusterCodes()).map(clusters::get).filter(Objects::nonNull).toList()).toList();
    }

    private Map<String, ProgrammeRecord> programmes() {
        return Batches.index(referenceData.programmes(), ProgrammeRecord::getCode);
    }
}
