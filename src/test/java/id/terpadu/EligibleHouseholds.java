package id.terpadu;

import id.terpadu.db.codes.JknSegment;
import id.terpadu.db.codes.RtlhStatus;
import org.jooq.DSLContext;

import static id.terpadu.db.Tables.HEALTH_FACET;
import static id.terpadu.db.Tables.HOUSEHOLD;
import static id.terpadu.db.Tables.HOUSING_FACET;
import static id.terpadu.db.Tables.MEMBER;
import static id.terpadu.db.Tables.SOCIAL_FACET;

/**
 * Makes a test's household meet the seeded eligibility rules, for tests about something else
 * (access, batching, no double aid): the social office's decile 1 and the housing office's unfit,
 * never renovated house, each recorded only where that office has recorded nothing yet.
 */
public final class EligibleHouseholds {

    private EligibleHouseholds() {
    }

    /** The household with this current KK, or of the person with this NIK, qualifies. */
    public static void qualify(DSLContext dsl, String kk, String nik) {
        Long householdId = kk != null
                ? dsl.select(HOUSEHOLD.ID).from(HOUSEHOLD).where(HOUSEHOLD.KK.eq(kk)).fetchOne(HOUSEHOLD.ID)
                : dsl.select(MEMBER.HOUSEHOLD_ID).from(MEMBER).where(MEMBER.NIK.eq(nik)).fetchOne(MEMBER.HOUSEHOLD_ID);
        if (householdId == null) {
            return;
        }
        dsl.insertInto(SOCIAL_FACET).set(SOCIAL_FACET.HOUSEHOLD_ID, householdId).set(SOCIAL_FACET.DECILE, (short) 1)
                .onConflictDoNothing().execute();
        dsl.insertInto(HOUSING_FACET).set(HOUSING_FACET.HOUSEHOLD_ID, householdId).set(HOUSING_FACET.RTLH_STATUS, RtlhStatus.UNFIT)
                .onConflictDoNothing().execute();
    }

    /** The PBI funding that agrees with the person's JKN status: theirs when in a PBI segment, else APBN. */
    public static String pbiFunding(DSLContext dsl, String nik) {
        JknSegment segment = dsl.select(HEALTH_FACET.SEGMENT).from(HEALTH_FACET).join(MEMBER).on(MEMBER.ID.eq(HEALTH_FACET.MEMBER_ID))
                .where(MEMBER.NIK.eq(nik)).fetchOne(HEALTH_FACET.SEGMENT);
        return segment == JknSegment.PBI_APBD ? "APBD" : "APBN";
    }
}
