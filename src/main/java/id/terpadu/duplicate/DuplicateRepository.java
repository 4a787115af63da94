package id.terpadu.duplicate;

import id.terpadu.db.tables.Household;
import id.terpadu.db.tables.Member;
import org.jooq.CommonTableExpression;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record2;
import org.jooq.Record3;
import org.jooq.Records;
import org.jooq.Select;
import org.jooq.Table;
import org.springframework.stereotype.Repository;

import java.util.List;
import java.util.stream.IntStream;

import static id.terpadu.db.Tables.HOUSEHOLD;
import static id.terpadu.db.Tables.MEMBER;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.left;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.or;
import static org.jooq.impl.DSL.overlay;
import static org.jooq.impl.DSL.select;

/**
 * Finds likely duplicate members set-based in one statement: a self-join on the indexed name key
 * and birth date, and for NIKs one digit apart four hash self-joins, one per block of four digits
 * blanked out, each narrowed to pairs that differ in exactly one digit of that block.
 */
@Repository
class DuplicateRepository {

    static final String SAME_NAME_AND_BIRTH_DATE = "SAME_NAME_AND_BIRTH_DATE";
    static final String NIK_ONE_DIGIT_APART = "NIK_ONE_DIGIT_APART";

    private static final int NIK_BLOCKS = 4;
    private static final int BLOCK = 4;

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

        // two NIKs one digit apart agree on three of their four blocks of four digits: a hash join on
        // the NIK with one block blanked finds them among few, then one digit of that block must differ
        CommonTableExpression<Record2<Long, String>> scoped = name("scoped").fields("member_id", "nik").as(
                select(MEMBER.ID, MEMBER.NIK)
                        .from(MEMBER)
                        .join(HOUSEHOLD).on(HOUSEHOLD.ID.eq(MEMBER.HOUSEHOLD_ID))
                        .where(inRegion(HOUSEHOLD, region)));
        Table<Record2<Long, String>> one = scoped.as("one");
        Table<Record2<Long, String>> other = scoped.as("other");
        Field<Long> oneId = one.field("member_id", Long.class);
        Field<Long> otherId = other.field("member_id", Long.class);
        Field<String> oneNik = one.field("nik", String.class);
        Field<String> otherNik = other.field("nik", String.class);
        Select<Record3<String, Long, Long>> nikApart = IntStream.range(0, NIK_BLOCKS)
                .<Select<Record3<String, Long, Long>>>mapToObj(block -> select(inline(NIK_ONE_DIGIT_APART).as("reason"), oneId.as("earlier_id"), otherId.as("later_id"))
                        .from(one)
                        .join(other).on(blanked(otherNik, block * BLOCK + 1, BLOCK).eq(blanked(oneNik, block * BLOCK + 1, BLOCK)),
                                otherId.gt(oneId))
                        .where(or(IntStream.rangeClosed(block * BLOCK + 1, (block + 1) * BLOCK)
                                .mapToObj(digit -> blanked(otherNik, digit, 1).eq(blanked(oneNik, digit, 1)))
                                .toList())))
                .reduce(Select::unionAll)
                .orElseThrow();

        Table<?> pairs = sameName.unionAll(nikApart).asTable("pairs");
        Field<String> reason = pairs.field("reason", String.class);
        Field<Long> earlierId = pairs.field("earlier_id", Long.class);
        Field<Long> laterId = pairs.field("later_id", Long.class);
        return dsl.with(scoped)
                .select(reason, earlierId, laterId)
                .from(pairs)
                .orderBy(laterId.desc(), earlierId.desc(), reason)
                .limit(limit)
                .fetch(Records.mapping(Pair::new));
    }

    /** The NIK with {@code length} digits from {@code position} (1-based) replaced by underscores. */
    private static Field<String> blanked(Field<String> nik, int position, int length) {
        return overlay(nik, inline("_".repeat(length)), inline(position), inline(length));
    }

    private static Condition inRegion(Household household, String region) {
        return household.VILLAGE_CODE.eq(region).or(household.VILLAGE_CODE.startsWith(region + "."));
    }
}
