package id.terpadu.aidrule;

import id.terpadu.access.Caller;
import id.terpadu.access.RowScope;
import id.terpadu.db.codes.EligibilityKind;
import id.terpadu.db.codes.PbiFunding;
import id.terpadu.db.codes.RtlhStatus;
import id.terpadu.db.tables.Benefit;
import id.terpadu.db.tables.ExclusionRule;
import id.terpadu.db.tables.Member;
import id.terpadu.db.tables.records.BenefitRecord;
import id.terpadu.db.tables.records.EligibilityRuleRecord;
import id.terpadu.db.tables.records.ExclusionRuleRecord;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static id.terpadu.db.Tables.BENEFIT;
import static id.terpadu.db.Tables.ELIGIBILITY_RULE;
import static id.terpadu.db.Tables.EXCLUSION_RULE;
import static id.terpadu.db.Tables.HEALTH_FACET;
import static id.terpadu.db.Tables.HOUSEHOLD;
import static id.terpadu.db.Tables.HOUSING_FACET;
import static id.terpadu.db.Tables.MEMBER;
import static id.terpadu.db.Tables.SOCIAL_FACET;
import static org.jooq.impl.DSL.coalesce;
import static org.jooq.impl.DSL.exists;
import static org.jooq.impl.DSL.extract;
import static org.jooq.impl.DSL.select;
import static org.jooq.impl.DSL.selectOne;
import static org.jooq.DatePart.YEAR;

/**
 * The breaches of the active rules in a period and region, each kind found by one set-based
 * statement (joins on the benefit, household and facet tables), so the report costs the same
 * few statements for a village or for a million households.
 */
@Repository
class DoubleAidReportRepository {

    private final DSLContext dsl;
    private final RowScope scope;

    DoubleAidReportRepository(DSLContext dsl, RowScope scope) {
        this.dsl = dsl;
        this.scope = scope;
    }

    /** Pairs of benefits of one household that an active exclusion rule keeps apart. */
    List<ExclusionConflict> exclusionConflicts(Caller caller, LocalDate from, LocalDate to, String region) {
        Benefit held = BENEFIT.as("held");
        Benefit excluded = BENEFIT.as("excluded");
        Member heldBy = MEMBER.as("held_by");
        Member excludedHeldBy = MEMBER.as("excluded_held_by");
        Field<Long> household = coalesce(held.HOUSEHOLD_ID, heldBy.HOUSEHOLD_ID);
        ExclusionRule ruled = EXCLUSION_RULE.as("ruled");
        // restricting both sides to ruled programmes first lets the database skip the other benefits
        Condition ruledProgrammes = held.PROGRAMME_CODE.in(select(ruled.PROGRAMME_CODE).from(ruled).where(ruled.ACTIVE.isTrue()))
                .and(excluded.PROGRAMME_CODE.in(select(ruled.EXCLUDED_PROGRAMME_CODE).from(ruled).where(ruled.ACTIVE.isTrue())));
        return dsl.select(EXCLUSION_RULE, held, excluded, household)
                .from(EXCLUSION_RULE)
                .join(held).on(held.PROGRAMME_CODE.eq(EXCLUSION_RULE.PROGRAMME_CODE))
                .leftJoin(heldBy).on(heldBy.ID.eq(held.MEMBER_ID))
                .join(excluded).on(excluded.PROGRAMME_CODE.eq(EXCLUSION_RULE.EXCLUDED_PROGRAMME_CODE))
                .leftJoin(excludedHeldBy).on(excludedHeldBy.ID.eq(excluded.MEMBER_ID))
                .join(HOUSEHOLD).on(HOUSEHOLD.ID.eq(household))
                .where(EXCLUSION_RULE.ACTIVE.isTrue())
                .and(ruledProgrammes)
                .and(coalesce(excluded.HOUSEHOLD_ID, excludedHeldBy.HOUSEHOLD_ID).eq(household))
                .and(EnrolmentRules.overlaps(held, from, to))
                .and(EnrolmentRules.overlaps(excluded, from, to))
                .and(overlapEachOther(held, excluded))
                .and(inRegion(region))
                .and(scope.households(caller))
                .orderBy(EXCLUSION_RULE.CODE, household, held.ID, excluded.ID)
                .fetch(record -> new ExclusionConflict(record.value1(), record.value2(), record.value3(), record.value4()));
    }

    /** Benefits overlapping the period whose household or person breaks an active eligibility rule now. */
    List<IneligibleBenefit> ineligibleBenefits(Caller caller, LocalDate from, LocalDate to, String region) {
        List<IneligibleBenefit> found = new ArrayList<>();
        found.addAll(aboveDecile(caller, from, to, region));
        found.addAll(notAnUnfitHouse(caller, from, to, region));
        found.addAll(otherPbiFunding(caller, from, to, region));
        found.sort(java.util.Comparator.comparing((IneligibleBenefit breach) -> breach.rule().getCode())
                .thenComparing(breach -> breach.benefit().getId()));
        return found;
    }

    private List<IneligibleBenefit> aboveDecile(Caller caller, LocalDate from, LocalDate to, String region) {
        Member heldBy = MEMBER.as("held_by");
        Field<Long> household = coalesce(BENEFIT.HOUSEHOLD_ID, heldBy.HOUSEHOLD_ID);
        return dsl.select(ELIGIBILITY_RULE, BENEFIT, household, SOCIAL_FACET.DECILE)
                .from(ELIGIBILITY_RULE)
                .join(BENEFIT).on(BENEFIT.PROGRAMME_CODE.eq(ELIGIBILITY_RULE.PROGRAMME_CODE))
                .leftJoin(heldBy).on(heldBy.ID.eq(BENEFIT.MEMBER_ID))
                .join(HOUSEHOLD).on(HOUSEHOLD.ID.eq(household))
                .leftJoin(SOCIAL_FACET).on(SOCIAL_FACET.HOUSEHOLD_ID.eq(HOUSEHOLD.ID))
                .where(ELIGIBILITY_RULE.ACTIVE.isTrue(), ELIGIBILITY_RULE.KIND.eq(EligibilityKind.MAX_DECILE))
                .and(gated(household))
                .and(SOCIAL_FACET.DECILE.isNull().or(SOCIAL_FACET.DECILE.gt(ELIGIBILITY_RULE.MAX_DECILE)))
                .and(EnrolmentRules.overlaps(BENEFIT, from, to))
                .and(inRegion(region))
                .and(scope.households(caller))
                .fetch(record -> {
                    EligibilityRuleRecord rule = record.value1();
                    Short decile = record.value4();
                    String reason = decile == null
                            ? "the household has no recorded DTSEN decile, and " + rule.getProgrammeCode() + " admits deciles 1 to "
                              + rule.getMaxDecile() + " only"
                            : "decile " + decile + " is above " + rule.getProgrammeCode() + "'s limit " + rule.getMaxDecile();
                    return new IneligibleBenefit(rule, record.value2(), record.value3(), reason);
                });
    }

    /**
     * Whether a rule gates a benefit: a rule that names a budget gates the benefits that budget pays,
     * and no rule gates a household of a cluster it leaves out.
     */
    private static Condition gated(Field<Long> household) {
        return ELIGIBILITY_RULE.FUNDING.isNull().or(BENEFIT.FUNDING.eq(ELIGIBILITY_RULE.FUNDING))
                .and(EnrolmentRules.gates(household));
    }

    private List<IneligibleBenefit> notAnUnfitHouse(Caller caller, LocalDate from, LocalDate to, String region) {
        Benefit other = BENEFIT.as("other");
        Field<Long> otherBenefit = dsl.select(DSL.min(other.ID)).from(other)
                .where(other.PROGRAMME_CODE.eq(BENEFIT.PROGRAMME_CODE), other.HOUSEHOLD_ID.eq(BENEFIT.HOUSEHOLD_ID),
                        other.ID.ne(BENEFIT.ID))
                .asField("other_benefit");
        Condition renovatedBefore = HOUSING_FACET.RENOVATION_YEAR.lt(extract(BENEFIT.STARTS_ON, YEAR).cast(Short.class));
        Condition twice = exists(selectOne().from(other).where(other.PROGRAMME_CODE.eq(BENEFIT.PROGRAMME_CODE),
                other.HOUSEHOLD_ID.eq(BENEFIT.HOUSEHOLD_ID), other.ID.ne(BENEFIT.ID)));
        return dsl.select(ELIGIBILITY_RULE, BENEFIT, HOUSING_FACET.RTLH_STATUS, HOUSING_FACET.RENOVATION_YEAR, otherBenefit)
                .from(ELIGIBILITY_RULE)
                .join(BENEFIT).on(BENEFIT.PROGRAMME_CODE.eq(ELIGIBILITY_RULE.PROGRAMME_CODE))
                .join(HOUSEHOLD).on(HOUSEHOLD.ID.eq(BENEFIT.HOUSEHOLD_ID))
                .leftJoin(HOUSING_FACET).on(HOUSING_FACET.HOUSEHOLD_ID.eq(HOUSEHOLD.ID))
                .where(ELIGIBILITY_RULE.ACTIVE.isTrue(), ELIGIBILITY_RULE.KIND.eq(EligibilityKind.UNFIT_HOUSE))
                .and(gated(HOUSEHOLD.ID))
                // a renovated house is what the benefit itself leads to; renovated before it started is a breach
                .and(HOUSING_FACET.RTLH_STATUS.isNull()
                        .or(HOUSING_FACET.RTLH_STATUS.in(RtlhStatus.NOT_ASSESSED, RtlhStatus.FIT))
                        .or(renovatedBefore).or(twice))
                .and(EnrolmentRules.overlaps(BENEFIT, from, to))
                .and(inRegion(region))
                .and(scope.households(caller))
                .fetch(record -> {
                    EligibilityRuleRecord rule = record.value1();
                    BenefitRecord benefit = record.value2();
                    RtlhStatus status = record.value3();
                    Short renovated = record.value4();
                    String reason;
                    if (record.value5() != null) {
                        reason = "the household had " + rule.getProgrammeCode() + " more than once";
                    } else if (status == null) {
                        reason = "the housing office has not recorded the house, and " + rule.getProgrammeCode()
                                 + " needs a house recorded UNFIT";
                    } else if (status == RtlhStatus.NOT_ASSESSED || status == RtlhStatus.FIT) {
                        reason = "the house is recorded " + status + ", and " + rule.getProgrammeCode() + " needs a house recorded UNFIT";
                    } else {
                        reason = "the house was already renovated in " + renovated + ", before the benefit started";
                    }
                    return new IneligibleBenefit(rule, benefit, benefit.getHouseholdId(), reason);
                });
    }

    private List<IneligibleBenefit> otherPbiFunding(Caller caller, LocalDate from, LocalDate to, String region) {
        return dsl.select(ELIGIBILITY_RULE, BENEFIT, MEMBER.HOUSEHOLD_ID, HEALTH_FACET.SEGMENT)
                .from(ELIGIBILITY_RULE)
                .join(BENEFIT).on(BENEFIT.PROGRAMME_CODE.eq(ELIGIBILITY_RULE.PROGRAMME_CODE))
                .join(MEMBER).on(MEMBER.ID.eq(BENEFIT.MEMBER_ID))
                .join(HOUSEHOLD).on(HOUSEHOLD.ID.eq(MEMBER.HOUSEHOLD_ID))
                .join(HEALTH_FACET).on(HEALTH_FACET.MEMBER_ID.eq(MEMBER.ID))
                .where(ELIGIBILITY_RULE.ACTIVE.isTrue(), ELIGIBILITY_RULE.KIND.eq(EligibilityKind.ONE_PBI_FUNDING))
                .and(gated(HOUSEHOLD.ID))
                .and(HEALTH_FACET.ACTIVE.isTrue().and(HEALTH_FACET.SEGMENT.in(PbiSegments.ALL)))
                .and(BENEFIT.FUNDING.isNotNull().andNot(DSL.or(Arrays.stream(PbiFunding.values())
                        .map(funding -> BENEFIT.FUNDING.eq(funding).and(HEALTH_FACET.SEGMENT.eq(PbiSegments.of(funding))))
                        .toList())))
                .and(EnrolmentRules.overlaps(BENEFIT, from, to))
                .and(inRegion(region))
                .and(scope.households(caller))
                .fetch(record -> new IneligibleBenefit(record.value1(), record.value2(), record.value3(),
                        "the person's active JKN segment is " + record.value4() + ", but this KIS-PBI is funded by "
                                + record.value2().getFunding() + ": in both APBN and APBD PBI"));
    }

    private static Condition overlapEachOther(Benefit one, Benefit other) {
        return one.ENDS_ON.isNull().or(one.ENDS_ON.ge(other.STARTS_ON))
                .and(other.ENDS_ON.isNull().or(other.ENDS_ON.ge(one.STARTS_ON)));
    }

    private static Condition inRegion(String region) {
        return HOUSEHOLD.VILLAGE_CODE.eq(region).or(HOUSEHOLD.VILLAGE_CODE.startsWith(region + "."));
    }

    /** Two benefits of one household that an exclusion rule keeps apart. */
    record ExclusionConflict(ExclusionRuleRecord rule, BenefitRecord benefit, BenefitRecord excludedBenefit, Long householdId) {
    }

    /** A benefit whose household or person breaks an eligibility rule, and the fact that breaks it. */
    record IneligibleBenefit(EligibilityRuleRecord rule, BenefitRecord benefit, Long householdId, String reason) {
    }
}
