package id.terpadu.duplicate;

import id.terpadu.db.tables.Household;
import id.terpadu.db.tables.Member;
import org.jooq.DSLContext;
import org.springframework.stereotype.Component;

import static id.terpadu.db.Tables.HOUSEHOLD;
import static id.terpadu.db.Tables.MEMBER;
import static org.jooq.impl.DSL.left;

/**
 * The duplicate check for one person, run again when their identity data is corrected: how many
 * other people in the same district have the same name key and birth date (the pairs
 * {@code duplicateCandidates} then lists).
 */
@Component
public class DuplicateCheck {

    private static final int DISTRICT_CODE_LENGTH = 8;

    private final DSLContext dsl;

    DuplicateCheck(DSLContext dsl) {
        this.dsl = dsl;
    }

    public int likelyDuplicatesOf(long memberId) {
        Member person = MEMBER.as("person");
        Household home = HOUSEHOLD.as("home");
        Household otherHome = HOUSEHOLD.as("other_home");
        return dsl.fetchCount(dsl.select(MEMBER.ID)
                .from(person)
                .join(home).on(home.ID.eq(person.HOUSEHOLD_ID))
                .join(MEMBER).on(MEMBER.NAME_KEY.eq(person.NAME_KEY), MEMBER.BIRTH_DATE.eq(person.BIRTH_DATE), MEMBER.ID.ne(person.ID))
                .join(otherHome).on(otherHome.ID.eq(MEMBER.HOUSEHOLD_ID))
                .where(person.ID.eq(memberId))
                .and(left(otherHome.VILLAGE_CODE, DISTRICT_CODE_LENGTH).eq(left(home.VILLAGE_CODE, DISTRICT_CODE_LENGTH))));
    }
}
