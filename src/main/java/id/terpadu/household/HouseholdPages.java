package id.terpadu.household;

import id.terpadu.access.Caller;
import id.terpadu.db.codes.MemberStatus;
import id.terpadu.db.codes.Relationship;
import id.terpadu.error.BadRequestException;
import id.terpadu.error.HubException;
import org.jooq.Condition;
import org.jooq.SortField;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static id.terpadu.db.Tables.MEMBER;

/**
 * What another way of answering the households page must share with this module's to answer the
 * same: the order of a household's members, the cursors of the registration order, and the
 * condition of a filter.
 */
@Component
public class HouseholdPages {

    /** A household's members as {@code members} lists them: the living head first, then oldest first. */
    public static final List<SortField<?>> MEMBERS_IN_ORDER = List.of(
            MEMBER.RELATIONSHIP.eq(Relationship.HEAD).and(MEMBER.STATUS.eq(MemberStatus.LIVING)).desc(),
            MEMBER.BIRTH_DATE.asc(), MEMBER.ID.asc());

    /** What a cursor of the registration order holds before the household's id. */
    public static final String REGISTERED_CURSOR_PREFIX = HouseholdOrder.Field.REGISTERED.name() + "|";

    private final HouseholdSearch search;

    HouseholdPages(HouseholdSearch search) {
        this.search = search;
    }

    /** The household id a cursor of the registration order continues after; empty for any other text. */
    public static Optional<Long> registeredAfter(String cursor) {
        try {
            return Optional.of((Long) HouseholdSearch.Cursor.decode(cursor, HouseholdOrder.Field.REGISTERED)[0]);
        } catch (BadRequestException notACursor) {
            return Optional.empty();
        }
    }

    /**
     * The condition on {@code household} of a filter of {@code households}, as the caller's page
     * applies it; empty when the page refuses the filter (an unknown region, a name too short) or
     * cannot build it, so that the page's own answer tells the client why.
     */
    public Optional<Condition> filter(Caller caller, Map<String, Object> filter) {
        try {
            return Optional.of(search.condition(caller, filter));
        } catch (HubException | IllegalArgumentException | IllegalStateException | org.springframework.dao.DataAccessException refused) {
            return Optional.empty();
        }
    }
}
