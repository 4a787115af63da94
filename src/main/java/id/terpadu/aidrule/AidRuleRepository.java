package id.terpadu.aidrule;

import id.terpadu.db.tables.records.EligibilityRuleRecord;
import id.terpadu.db.tables.records.ExclusionRuleRecord;
import org.jooq.DSLContext;
import org.springframework.stereotype.Repository;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import static id.terpadu.db.Tables.ELIGIBILITY_RULE;
import static id.terpadu.db.Tables.EXCLUSION_RULE;

/** The exclusion and eligibility rules as UPT-PK defined them. */
@Repository
class AidRuleRepository {

    private final DSLContext dsl;

    AidRuleRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    List<ExclusionRuleRecord> exclusionRules() {
        return dsl.selectFrom(EXCLUSION_RULE).orderBy(EXCLUSION_RULE.CODE).fetch();
    }

    List<EligibilityRuleRecord> eligibilityRules() {
        return dsl.selectFrom(ELIGIBILITY_RULE).orderBy(ELIGIBILITY_RULE.CODE).fetch();
    }

    Optional<ExclusionRuleRecord> findExclusionRule(String code) {
        return dsl.selectFrom(EXCLUSION_RULE).where(EXCLUSION_RULE.CODE.eq(code)).fetchOptional();
    }

    Optional<EligibilityRuleRecord> findEligibilityRule(String code) {
        return dsl.selectFrom(ELIGIBILITY_RULE).where(ELIGIBILITY_RULE.CODE.eq(code)).fetchOptional();
    }

    /** The rule on this pair of programmes, in either order. */
    Optional<ExclusionRuleRecord> findExclusionRuleOn(String programme, String excludedProgramme) {
        return dsl.selectFrom(EXCLUSION_RULE)
                .where(EXCLUSION_RULE.PROGRAMME_CODE.eq(programme).and(EXCLUSION_RULE.EXCLUDED_PROGRAMME_CODE.eq(excludedProgramme)))
                .or(EXCLUSION_RULE.PROGRAMME_CODE.eq(excludedProgramme).and(EXCLUSION_RULE.EXCLUDED_PROGRAMME_CODE.eq(programme)))
                .limit(1)
                .fetchOptional();
    }

    ExclusionRuleRecord save(ExclusionRuleRecord rule) {
        return dsl.insertInto(EXCLUSION_RULE).set(rule)
                .onConflict(EXCLUSION_RULE.CODE).doUpdate().set(rule).set(EXCLUSION_RULE.UPDATED_AT, OffsetDateTime.now())
                .returning().fetchSingle();
    }

    EligibilityRuleRecord save(EligibilityRuleRecord rule) {
        return dsl.insertInto(ELIGIBILITY_RULE).set(rule)
                .onConflict(ELIGIBILITY_RULE.CODE).doUpdate().set(rule).set(ELIGIBILITY_RULE.UPDATED_AT, OffsetDateTime.now())
                .returning().fetchSingle();
    }

    Optional<ExclusionRuleRecord> retireExclusionRule(String code) {
        return dsl.update(EXCLUSION_RULE).set(EXCLUSION_RULE.ACTIVE, false).set(EXCLUSION_RULE.UPDATED_AT, OffsetDateTime.now())
                .where(EXCLUSION_RULE.CODE.eq(code)).returning().fetchOptional();
    }

    Optional<EligibilityRuleRecord> retireEligibilityRule(String code) {
        return dsl.update(ELIGIBILITY_RULE).set(ELIGIBILITY_RULE.ACTIVE, false).set(ELIGIBILITY_RULE.UPDATED_AT, OffsetDateTime.now())
                .where(ELIGIBILITY_RULE.CODE.eq(code)).returning().fetchOptional();
    }
}
