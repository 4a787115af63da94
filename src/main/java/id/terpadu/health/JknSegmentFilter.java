package id.terpadu.health;

import id.terpadu.access.Caller;
import id.terpadu.access.RowScope;
import id.terpadu.db.codes.JknSegment;
import id.terpadu.db.tables.HealthFacet;
import id.terpadu.db.tables.Member;
import id.terpadu.household.HouseholdFilterField;
import org.jooq.Condition;
import org.springframework.stereotype.Component;

import static id.terpadu.db.Tables.HEALTH_FACET;
import static id.terpadu.db.Tables.HOUSEHOLD;
import static id.terpadu.db.Tables.MEMBER;
import static org.jooq.impl.DSL.exists;
import static org.jooq.impl.DSL.selectOne;

/**
 * The households filter {@code jknSegment}: households with a member (of those the caller sees) in
 * the segment. {@code NONE} means without active cover, as the Kenanga rule counts a member: no JKN
 * record at all, segment NONE, or cover that is not active.
 */
@Component
class JknSegmentFilter implements HouseholdFilterField {

    private static final Member INSURED = MEMBER.as("insured");
    private static final HealthFacet COVER = HEALTH_FACET.as("cover");

    private final RowScope scope;

    JknSegmentFilter(RowScope scope) {
        this.scope = scope;
    }

    @Override
    public String name() {
        return "jknSegment";
    }

    @Override
    public Condition condition(Caller caller, Object value) {
        JknSegment segment = JknSegment.valueOf(value.toString());
        Condition inSegment = segment == JknSegment.NONE ? InsuranceCover.uninsured(COVER) : COVER.SEGMENT.eq(segment);
        return exists(selectOne().from(INSURED)
                .leftJoin(COVER).on(COVER.MEMBER_ID.eq(INSURED.ID))
                .where(INSURED.HOUSEHOLD_ID.eq(HOUSEHOLD.ID))
                .and(inSegment)
                .and(scope.members(caller, INSURED)));
    }
}
