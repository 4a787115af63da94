package id.terpadu.health;

import id.terpadu.db.tables.HealthFacet;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.springframework.stereotype.Repository;

import java.util.Collection;
import java.util.Map;

import static id.terpadu.db.Tables.HEALTH_FACET;
import static id.terpadu.db.Tables.MEMBER;
import static org.jooq.impl.DSL.count;

/**
 * How well the members of households are covered by JKN, for rules that look at it (Kenanga: not
 * poor but uninsured). A member without a JKN record counts as uninsured.
 */
@Repository
public class InsuranceCover {

    private final DSLContext dsl;

    InsuranceCover(DSLContext dsl) {
        this.dsl = dsl;
    }

    /** A household's members and how many of them have no active JKN cover. */
    public record Cover(int members, int uninsured) {

        public static final Cover NO_MEMBERS = new Cover(0, 0);

        /** At least one member is without active cover. */
        public boolean anyoneUninsured() {
            return uninsured > 0;
        }
    }

    /**
     * Whether a member is without active cover, on the member's (left-joined) health facet: no
     * record at all, segment NONE or cover not active. The one definition the rules and filters share.
     */
    public static Condition uninsured(HealthFacet cover) {
        return cover.ACTIVE.isDistinctFrom(true);
    }

    /** The cover of each of these households, in one statement; households without members are left out. */
    public Map<Long, Cover> ofHouseholds(Collection<Long> householdIds) {
        return dsl.select(MEMBER.HOUSEHOLD_ID, count(), count().filterWhere(uninsured(HEALTH_FACET)))
                .from(MEMBER)
                .leftJoin(HEALTH_FACET).on(HEALTH_FACET.MEMBER_ID.eq(MEMBER.ID))
                .where(MEMBER.HOUSEHOLD_ID.in(householdIds))
                .groupBy(MEMBER.HOUSEHOLD_ID)
                .fetchMap(MEMBER.HOUSEHOLD_ID, row -> new Cover(row.value2(), row.value3()));
    }
}
