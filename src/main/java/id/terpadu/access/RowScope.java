package id.terpadu.access;

import id.terpadu.db.tables.Household;
import id.terpadu.db.tables.Member;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

import static id.terpadu.db.Tables.BENEFIT;
import static id.terpadu.db.Tables.HOUSEHOLD;
import static id.terpadu.db.Tables.MEMBER;

/**
 * The rows a caller may see and change, as conditions every repository adds to its queries: a
 * {@code region} claim limits households (and so their members and benefits) to that region code
 * prefix, and a role reads only the benefits of its programmes. A row outside the scope is the
 * same as a row that does not exist.
 *
 * <p>Members and benefits are checked row by row through their household's village (a correlated
 * scalar subquery, one index lookup per row), never as {@code household_id IN (every household of
 * the region)}: PostgreSQL hashes such a subquery whole, so a page of 50 households would read
 * every household and member of the regency to check the benefits of its 200 people.
 */
@Component
public class RowScope {

    private static final Household SCOPE_HOUSEHOLD = HOUSEHOLD.as("scope_household");
    private static final Member SCOPE_MEMBER = MEMBER.as("scope_member");

    private final AccessPolicy policy;

    RowScope(AccessPolicy policy) {
        this.policy = policy;
    }

    /** Households in the caller's region; none for a caller without a token. */
    public Condition households(Caller caller) {
        if (outOfScope(caller)) {
            return DSL.falseCondition();
        }
        return caller.region() == null ? DSL.noCondition() : inRegion(caller.region());
    }

    /**
     * Members of households in the caller's region, and of the ages its roles may see; none for a
     * caller without a token.
     */
    public Condition members(Caller caller) {
        return members(caller, MEMBER);
    }

    /** The same for another alias of the member table (a filter's subquery). */
    public Condition members(Caller caller, Member member) {
        if (outOfScope(caller)) {
            return DSL.falseCondition();
        }
        Condition ofAge = ofAge(caller, member);
        return caller.region() == null ? ofAge : ofAge.and(villageInRegion(villageOf(member.HOUSEHOLD_ID), caller.region()));
    }

    /**
     * Members of a household that the same statement already holds within the caller's scope (the
     * households of a page): their region needs no second look, the age limit of the caller's roles
     * still applies.
     */
    public Condition membersOfHouseholdInScope(Caller caller) {
        return outOfScope(caller) ? DSL.falseCondition() : ofAge(caller, MEMBER);
    }

    /** Benefits of the caller's programmes, of households and members in its region. */
    public Condition benefits(Caller caller) {
        if (outOfScope(caller)) {
            return DSL.falseCondition();
        }
        Condition ofProgrammes = ofProgrammes(caller);
        String region = caller.region();
        if (region == null) {
            return ofProgrammes;
        }
        Field<Long> householdOfMember = DSL.field(DSL.select(SCOPE_MEMBER.HOUSEHOLD_ID).from(SCOPE_MEMBER)
                .where(SCOPE_MEMBER.ID.eq(BENEFIT.MEMBER_ID)));
        return ofProgrammes.and(villageInRegion(villageOf(DSL.coalesce(BENEFIT.HOUSEHOLD_ID, householdOfMember)), region));
    }

    /**
     * Benefits of a household or person that the same statement already holds within the caller's
     * scope (of a page's households): only the programmes the caller reads are checked.
     */
    public Condition benefitsOfHolderInScope(Caller caller) {
        return outOfScope(caller) ? DSL.falseCondition() : ofProgrammes(caller);
    }

    /** Whether a village (dotted code) lies in the caller's region. */
    public boolean includesVillage(Caller caller, String villageCode) {
        String region = caller.region();
        if (outOfScope(caller)) {
            return false;
        }
        return region == null || villageCode.equals(region) || villageCode.startsWith(region + ".");
    }

    /** Whether a region (dotted code) lies in the caller's region: the same region or one below it. */
    public boolean includesRegion(Caller caller, String regionCode) {
        return includesVillage(caller, regionCode);
    }

    /**
     * The part of a region the caller may search: all of it, the caller's own region inside it, or
     * nothing (empty).
     */
    public Optional<String> withinRegion(Caller caller, String regionCode) {
        if (outOfScope(caller)) {
            return Optional.empty();
        }
        String own = caller.region();
        if (own == null || regionCode.equals(own) || regionCode.startsWith(own + ".")) {
            return Optional.of(regionCode);
        }
        return own.startsWith(regionCode + ".") ? Optional.of(own) : Optional.empty();
    }

    /** Whether the caller sees the small counts of village statistics. */
    public boolean seesSmallCounts(Caller caller) {
        return policy.seesSmallCounts(caller);
    }

    /** Whether the caller may enrol in and stop benefits of this programme. */
    public boolean writesBenefitsOf(Caller caller, String programme) {
        return policy.writesBenefitsOf(caller, programme);
    }

    /** Whether the caller reads the benefits of this programme. */
    public boolean readsBenefitsOf(Caller caller, String programme) {
        return !outOfScope(caller) && policy.readsBenefitsOf(caller, programme);
    }

    /** A caller without a token, or with a village role but no region: no rows at all. */
    private boolean outOfScope(Caller caller) {
        return caller.roles().isEmpty() || policy.lacksRequiredRegion(caller);
    }

    private Condition ofAge(Caller caller, Member member) {
        OptionalInt ageLimit = policy.memberAgeLimit(caller);
        return ageLimit.isPresent()
                ? member.BIRTH_DATE.gt(LocalDate.now().minusYears(ageLimit.getAsInt() + 1L))
                : DSL.noCondition();
    }

    private Condition ofProgrammes(Caller caller) {
        Set<String> programmes = policy.benefitProgrammesRead(caller);
        return programmes == null ? DSL.noCondition() : BENEFIT.PROGRAMME_CODE.in(programmes);
    }

    private static Condition inRegion(String region) {
        return HOUSEHOLD.VILLAGE_CODE.eq(region).or(HOUSEHOLD.VILLAGE_CODE.startsWith(region + "."));
    }

    /**
     * The same test on a looked-up village, written to name it once so that the lookup runs once:
     * "village." begins with "region." when the village is the region or lies in it.
     */
    private static Condition villageInRegion(Field<String> villageCode, String region) {
        return DSL.concat(villageCode, DSL.inline(".")).startsWith(region + ".");
    }

    /** The village of the household with this id, looked up for each row. */
    private static Field<String> villageOf(Field<Long> householdId) {
        return DSL.field(DSL.select(SCOPE_HOUSEHOLD.VILLAGE_CODE).from(SCOPE_HOUSEHOLD)
                .where(SCOPE_HOUSEHOLD.ID.eq(householdId)));
    }
}
