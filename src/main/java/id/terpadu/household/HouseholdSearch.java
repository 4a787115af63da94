package id.terpadu.household;

import id.terpadu.db.tables.records.HouseholdRecord;
import id.terpadu.error.BadRequestException;
import id.terpadu.error.NotFoundException;
import id.terpadu.graphql.Edge;
import id.terpadu.graphql.PageInfo;
import id.terpadu.programme.ReferenceDataRepository;
import id.terpadu.region.RegionCode;
import id.terpadu.region.RegionRepository;
import org.jooq.Condition;
import org.jooq.SortField;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import static id.terpadu.db.Tables.BENEFIT;
import static id.terpadu.db.Tables.HEALTH_FACET;
import static id.terpadu.db.Tables.HOUSEHOLD;
import static id.terpadu.db.Tables.MEMBER;
import static id.terpadu.db.Tables.SOCIAL_FACET;
import static org.jooq.impl.DSL.exists;
import static org.jooq.impl.DSL.selectOne;

/**
 * Lists households page by page with keyset pagination: a cursor holds the sort values of the last
 * row, so a deep page costs what the first one does.
 */
@Service
@Transactional(readOnly = true)
class HouseholdSearch {

    static final int DEFAULT_PAGE_SIZE = 20;
    static final int MAX_PAGE_SIZE = 100;

    private final HouseholdRepository households;
    private final RegionRepository regions;
    private final ReferenceDataRepository referenceData;

    HouseholdSearch(HouseholdRepository households, RegionRepository regions, ReferenceDataRepository referenceData) {
        this.referenceData = referenceData;
        this.households = households;
        this.regions = regions;
    }

    HouseholdConnection page(HouseholdFilter filter, Integer first, String after, HouseholdOrder order) {
        int size = first == null ? DEFAULT_PAGE_SIZE : first;
        if (size < 1 || size > MAX_PAGE_SIZE) {
            throw new BadRequestException("first", "A page holds 1 to " + MAX_PAGE_SIZE + " households.");
        }
        HouseholdOrder sort = order == null ? HouseholdOrder.DEFAULT
                : new HouseholdOrder(order.field(), order.direction() == null ? HouseholdOrder.Direction.ASC : order.direction());
        Condition condition = condition(filter);
        Object[] seek = after == null ? null : seekValues(Cursor.decode(after, sort.field()), sort.field());
        List<HouseholdRecord> rows = households.page(condition, sortFields(sort), seek, size + 1);
        boolean hasNext = rows.size() > size;
        List<Edge<HouseholdRecord>> edges = rows.stream()
                .limit(size)
                .map(row -> new Edge<>(Cursor.encode(sort.field(), row), row))
                .toList();
        PageInfo pageInfo = new PageInfo(hasNext, after != null,
                edges.isEmpty() ? null : edges.getFirst().cursor(),
                edges.isEmpty() ? null : edges.getLast().cursor());
        return new HouseholdConnection(edges, pageInfo, condition);
    }

    /**
     * A cursor of the KK order holds the household's id, not its KK, which most roles see masked:
     * the page continues after that household's KK, if the caller may see the household.
     */
    private Object[] seekValues(Object[] cursor, HouseholdOrder.Field field) {
        if (field != HouseholdOrder.Field.KK) {
            return cursor;
        }
        return new Object[] {households.findById((Long) cursor[0]).map(HouseholdRecord::getKk)
                .orElseThrow(() -> new BadRequestException("after", "This is not a cursor of this list."))};
    }

    int count(HouseholdConnection connection) {
        return households.count(connection.filter());
    }

    private Condition condition(HouseholdFilter filter) {
        List<Condition> conditions = new ArrayList<>();
        if (filter == null) {
            return DSL.noCondition();
        }
        if (filter.region() != null) {
            String code = RegionCode.normalise(filter.region())
                    .filter(candidate -> regions.find(candidate).isPresent())
                    .orElseThrow(() -> new NotFoundException("filter.region", "No region has the code '" + filter.region() + "'."));
            conditions.add(HOUSEHOLD.VILLAGE_CODE.eq(code).or(HOUSEHOLD.VILLAGE_CODE.startsWith(code + ".")));
        }
        if (filter.cluster() != null) {
            if (referenceData.findCluster(filter.cluster()).isEmpty()) {
                throw new NotFoundException("filter.cluster", "No cluster has the code '" + filter.cluster() + "'.");
            }
            conditions.add(exists(selectOne().from(SOCIAL_FACET)
                    .where(SOCIAL_FACET.HOUSEHOLD_ID.eq(HOUSEHOLD.ID))
                    .and(SOCIAL_FACET.CLUSTER_CODE.eq(filter.cluster()))));
        }
        if (filter.programme() != null) {
            if (referenceData.findProgramme(filter.programme()).isEmpty()) {
                throw new NotFoundException("filter.programme", "No programme has the code '" + filter.programme() + "'.");
            }
            conditions.add(holdsProgrammeToday(filter.programme()));
        }
        if (filter.jknSegment() != null) {
            conditions.add(exists(selectOne().from(MEMBER)
                    .join(HEALTH_FACET).on(HEALTH_FACET.MEMBER_ID.eq(MEMBER.ID))
                    .where(MEMBER.HOUSEHOLD_ID.eq(HOUSEHOLD.ID))
                    .and(HEALTH_FACET.SEGMENT.eq(filter.jknSegment()))));
        }
        if (filter.name() != null) {
            String name = filter.name().strip();
            if (name.length() < 3) {
                throw new BadRequestException("filter.name", "Search for a name with at least 3 characters.");
            }
            conditions.add(exists(selectOne().from(MEMBER)
                    .where(MEMBER.HOUSEHOLD_ID.eq(HOUSEHOLD.ID))
                    .and(DSL.lower(MEMBER.NAME).contains(name.toLowerCase()))));
        }
        return DSL.and(conditions);
    }

    private static Condition holdsProgrammeToday(String programme) {
        LocalDate today = LocalDate.now();
        Condition current = BENEFIT.PROGRAMME_CODE.eq(programme)
                .and(BENEFIT.STATUS.in("APPROVED", "ACTIVE"))
                .and(BENEFIT.STARTS_ON.le(today))
                .and(BENEFIT.ENDS_ON.isNull().or(BENEFIT.ENDS_ON.ge(today)));
        return exists(selectOne().from(BENEFIT).where(current).and(BENEFIT.HOUSEHOLD_ID.eq(HOUSEHOLD.ID)))
                .or(exists(selectOne().from(BENEFIT).join(MEMBER).on(MEMBER.ID.eq(BENEFIT.MEMBER_ID))
                        .where(current).and(MEMBER.HOUSEHOLD_ID.eq(HOUSEHOLD.ID))));
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
