package id.terpadu.household;

import id.terpadu.access.Caller;
import id.terpadu.db.codes.HouseholdStatus;
import id.terpadu.access.RowScope;
import id.terpadu.db.tables.Member;
import id.terpadu.db.tables.records.HouseholdRecord;
import id.terpadu.error.BadRequestException;
import id.terpadu.error.NotFoundException;
import id.terpadu.graphql.Edge;
import id.terpadu.graphql.PageInfo;
import id.terpadu.graphql.Paging;
import id.terpadu.region.RegionCode;
import id.terpadu.region.RegionRepository;
import org.jooq.Condition;
import org.jooq.SortField;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static id.terpadu.db.Tables.HOUSEHOLD;
import static id.terpadu.db.Tables.MEMBER;
import static org.jooq.impl.DSL.exists;
import static org.jooq.impl.DSL.selectOne;

/**
 * Lists households page by page with keyset pagination: a cursor holds the sort values of the last
 * row, so a deep page costs what the first one does. The filter's region and name are the
 * register's own; its other fields are registered by the features that own them.
 */
@Service
@Transactional(readOnly = true)
class HouseholdSearch {

    private static final String REGION = "region";
    private static final String NAME = "name";
    private static final String STATUS = "status";
    private static final Member NAMED = MEMBER.as("named");

    private final HouseholdRepository households;
    private final RegionRepository regions;
    private final RowScope scope;
    private final Paging paging;
    private final Map<String, HouseholdFilterField> fields;

    HouseholdSearch(HouseholdRepository households, RegionRepository regions, RowScope scope, Paging paging,
                    List<HouseholdFilterField> fields) {
        this.households = households;
        this.regions = regions;
        this.scope = scope;
        this.paging = paging;
        this.fields = fields.stream().collect(Collectors.toUnmodifiableMap(HouseholdFilterField::name, Function.identity()));
    }

    HouseholdConnection page(Caller caller, Map<String, Object> filter, Integer first, String after, HouseholdOrder order) {
        int size = paging.size(first, "first");
        HouseholdOrder sort = order == null ? HouseholdOrder.DEFAULT
                : new HouseholdOrder(order.field(), order.direction() == null ? HouseholdOrder.Direction.ASC : order.direction());
        Condition condition = condition(caller, filter);
        Object[] seek = after == null ? null : seekValues(caller, Cursor.decode(after, sort.field()), sort.field());
        List<HouseholdRecord> rows = households.page(caller, condition, sortFields(sort), seek, size + 1);
        List<Edge<HouseholdRecord>> edges = rows.stream()
                .limit(size)
                .map(row -> new Edge<>(Cursor.encode(sort.field(), row), row))
                .toList();
        return new HouseholdConnection(edges, PageInfo.of(edges, rows.size() > size, after != null), condition, caller);
    }

    /**
     * A cursor of the KK order holds the household's id, not its KK, which most roles see masked:
     * the page continues after that household's KK, if the caller may see the household.
     */
    private Object[] seekValues(Caller caller, Object[] cursor, HouseholdOrder.Field field) {
        if (field != HouseholdOrder.Field.KK) {
            return cursor;
        }
        return new Object[] {households.findById(caller, (Long) cursor[0]).map(HouseholdRecord::getKk)
                .orElseThrow(() -> new BadRequestException("after", "This is not a cursor of this list."))};
    }

    int count(HouseholdConnection connection) {
        return households.count(connection.caller(), connection.filter());
    }

    Condition condition(Caller caller, Map<String, Object> filter) {
        List<Condition> conditions = new ArrayList<>();
        if (filter == null) {
            return DSL.noCondition();
        }
        filter.forEach((name, value) -> {
            if (value == null) {
                return;
            }
            conditions.add(switch (name) {
                case REGION -> inRegion(value.toString());
                case NAME -> withMemberNamed(caller, value.toString());
                case STATUS -> HOUSEHOLD.STATUS.eq(HouseholdStatus.valueOf(value.toString()));
                default -> {
                    HouseholdFilterField field = fields.get(name);
                    if (field == null) {
                        throw new IllegalStateException("No module handles the households filter field " + name);
                    }
                    yield field.condition(caller, value);
                }
            });
        });
        return DSL.and(conditions);
    }

    private Condition inRegion(String region) {
        String code = RegionCode.normalise(region)
                .filter(candidate -> regions.find(candidate).isPresent())
                .orElseThrow(() -> new NotFoundException("filter.region", "No region has the code '" + region + "'."));
        return HOUSEHOLD.VILLAGE_CODE.eq(code).or(HOUSEHOLD.VILLAGE_CODE.startsWith(code + "."));
    }

    /**
     * A member the caller may see whose name contains the text, compared on the name key the
     * duplicate finder keeps (spelling, Muhammad variants and Balinese short forms do not count).
     */
    private Condition withMemberNamed(Caller caller, String text) {
        String name = text.strip();
        if (name.length() < 3) {
            throw new BadRequestException("filter.name", "Search for a name with at least 3 characters.");
        }
        return exists(selectOne().from(NAMED)
                .where(NAMED.HOUSEHOLD_ID.eq(HOUSEHOLD.ID))
                .and(NAMED.NAME_KEY.contains(DSL.function("member_name_key", String.class, DSL.val(name))))
                .and(scope.members(caller, NAMED)));
    }

    private static List<SortField<?>> sortFields(HouseholdOrder order) {
        boolean desc = order.descending();
        return switch (order.field()) {
            case REGISTERED -> List.of(desc ? HOUSEHOLD.ID.desc() : HOUSEHOLD.ID.asc());
            case KK -> List.of(desc ? HOUSEHOLD.KK.desc() : HOUSEHOLD.KK.asc());
            case VILLAGE -> List.of(desc ? HOUSEHOLD.VILLAGE_CODE.desc() : HOUSEHOLD.VILLAGE_CODE.asc(),
                    desc ? HOUSEHOLD.ID.desc() : HOUSEHOLD.ID.asc());
        };
    }

    /** An opaque cursor: the sort field and the sort values of a row (for the KK order, its id). */
    static final class Cursor {

        private Cursor() {
        }

        static String encode(HouseholdOrder.Field field, HouseholdRecord row) {
            String values = switch (field) {
                case REGISTERED, KK -> String.valueOf(row.getId());
                case VILLAGE -> row.getVillageCode() + "|" + row.getId();
            };
            return Base64.getUrlEncoder().withoutPadding()
                    .encodeToString((field + "|" + values).getBytes(StandardCharsets.UTF_8));
        }

        static Object[] decode(String cursor, HouseholdOrder.Field field) {
            try {
                String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\|");
                if (!parts[0].equals(field.name())) {
                    throw new BadRequestException("after", "This cursor belongs to another sort order.");
                }
                return switch (field) {
                    case REGISTERED, KK -> new Object[] {Long.parseLong(parts[1])};
                    case VILLAGE -> new Object[] {parts[1], Long.parseLong(parts[2])};
                };
            } catch (IllegalArgumentException | ArrayIndexOutOfBoundsException e) {
                throw new BadRequestException("after", "This is not a cursor of this list.");
            }
        }
    }
}
