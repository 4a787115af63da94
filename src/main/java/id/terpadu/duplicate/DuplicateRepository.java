package id.terpadu.duplicate;

import id.terpadu.db.tables.Household;
import id.terpadu.db.tables.Member;
import org.jooq.CommonTableExpression;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record2;
import org.jooq.Records;
import org.jooq.Table;
import org.springframework.stereotype.Repository;

import java.util.List;

import static id.terpadu.db.Tables.HOUSEHOLD;
import static id.terpadu.db.Tables.MEMBER;
import static org.jooq.impl.DSL.generateSeries;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.left;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.overlay;
import static org.jooq.impl.DSL.select;

/**
 * Finds likely duplicate members set-based in one statement: a self-join on the indexed name key
 * and birth date, and a self-join on the 16 keys of each NIK with one digit blanked out (two NIKs
 * share such a key exactly when they differ in that one position only).
 */
@Repository
class DuplicateRepository {

    static final String SAME_NAME_AND_BIRTH_DATE = "SAME_NAME_AND_BIRTH_DATE";
    static final String NIK_ONE_DIGIT_APART = "NIK_ONE_DIGIT_APART";

    /** Length of a district code in its dotted form ({@code 51.06.01}). */
    private static final int DISTRICT_CODE_LENGTH = 8;

    /** The ids of a likely duplicate pair, the earlier registered first. */
    record Pair(String reason, long earlierId, long laterId) {
    }

    private final DSLContext dsl;

    DuplicateRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    /** The pairs whose households both lie in the region, the newest pairs first. */
    List<Pair> pairs(String region, int limit) {
        Member earlier = MEMBER.as("earlier");
        Member later = MEMBER.as("later");
        Household earlierHome = HOUSEHOLD.as("earlier_home");
        Household laterHome = HOUSEHOLD.as("later_home");
        var sameName = select(inline(SAME_NAME_AND_BIRTH_DATE).as("reason"), earlier.ID.as("earlier_id"), later.ID.as("later_id"))
                .from(earlier)
                .join(earlierHome).on(earlierHome.ID.eq(earlier.HOUSEHOLD_ID))
                .join(later).on(later.NAME_KEY.eq(earlier.NAME_KEY), later.BIRTH_DATE.eq(earlier.BIRTH_DATE),
                        later.ID.gt(earlier.ID))
                .join(laterHome).on(laterHome.ID.eq(later.HOUSEHOLD_ID))
                .where(inRegion(earlierHome, region), inRegion(laterHome, region),
                        left(earlierHome.VILLAGE_CODE, DISTRICT_CODE_LENGTH).eq(left(laterHome.VILLAGE_CODE, DISTRICT_CODE_LENGTH)));

        Table<?> positions = generateSeries(1, 16).as("positions", "at");
        Field<Integer> at = positions.field("at", Integer.class);
        CommonTableExpression<Record2<Long, String>> nikKeys = name("nik_keys").fields("member_id", "nik_key").as(
                select(MEMBER.ID, overlay(MEMBER.NIK, inline("_"), at, inline(1)))
                        .from(MEMBER)
                        .join(HOUSEHOLD).on(HOUSEHOLD.ID.eq(MEMBER.HOUSEHOLD_ID))
                        .crossJoin(positions)
                        .where(inRegion(HOUSEHOLD, region)));
        Table<Record2<Long, String>> earlierKey = nikKeys.as("earlier_key");
        Table<Record2<Long, String>> laterKey = nikKeys.as("later_key");
        Field<Long> earlierKeyId = earlierKey.field("member_id", Long.class);
        Field<Long> laterKeyId = laterKey.field("member_id", Long.class);
        var nikApart = select(inline(NIK_ONE_DIGIT_APART).as("reason"), earlierKeyId.as("earlier_id"), laterKeyId.as("later_id"))
                .from(earlierKey)
                .join(laterKey).on(laterKey.field("nik_key", String.class).eq(earlierKey.field("nik_key", String.class)),
                        laterKeyId.gt(earlierKeyId));

        Table<?> pairs = sameName.unionAll(nikApart).asTable("pairs");
        Field<String> reason = pairs.field("reason", String.class);
        Field<Long> earlierId = pairs.field("earlier_id", Long.class);
        Field<Long> laterId = pairs.field("later_id", Long.class);
        return dsl.with(nikKeys)
                .select(reason, earlierId, laterId)
                .from(pairs)
                .orderBy(laterId.desc(), earlierId.desc(), reason)
                .limit(limit)
                .fetch(Records.mapping(Pair::new));
    }

    private static Condition inRegion(Household household, String region) {
        return household.VILLAGE_CODE.eq(region).or(household.VILLAGE_CODE.startsWith(region + "."));
    }
}
