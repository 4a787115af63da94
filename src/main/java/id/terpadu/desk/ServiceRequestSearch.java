package id.terpadu.desk;

import id.terpadu.access.Caller;
import id.terpadu.db.codes.ServiceRequestState;
import id.terpadu.db.tables.records.ServiceRequestRecord;
import id.terpadu.error.BadRequestException;
import id.terpadu.error.NotFoundException;
import id.terpadu.graphql.Edge;
import id.terpadu.graphql.GlobalId;
import id.terpadu.graphql.PageInfo;
import id.terpadu.graphql.Paging;
import id.terpadu.region.RegionCode;
import org.jooq.Condition;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static id.terpadu.db.Tables.SERVICE_REQUEST;

/** The {@code serviceRequests} list: the filter as conditions, pages oldest due time first. */
@Component
class ServiceRequestSearch {

    private final ServiceRequestRepository requests;
    private final Paging paging;
    private final Clock clock;

    ServiceRequestSearch(ServiceRequestRepository requests, Paging paging, Clock clock) {
        this.requests = requests;
        this.paging = paging;
        this.clock = clock;
    }

    ServiceRequestConnection page(Caller caller, Map<String, Object> filter, Integer first, String after) {
        int size = paging.size(first, "first");
        Condition condition = condition(filter == null ? Map.of() : filter);
        RequestCursor cursor = after == null ? null : RequestCursor.decode(after, "after");
        List<ServiceRequestRecord> rows = requests.page(caller, condition, cursor, size + 1);
        List<Edge<ServiceRequestRecord>> edges = new ArrayList<>();
        for (ServiceRequestRecord row : rows.subList(0, Math.min(size, rows.size()))) {
            edges.add(new Edge<>(new RequestCursor(row.getDueAt(), row.getId()).encode(), row));
        }
        return new ServiceRequestConnection(edges, PageInfo.of(edges, rows.size() > size, cursor != null), condition, caller);
    }

    int count(ServiceRequestConnection connection) {
        return requests.count(connection.caller(), connection.filter());
    }

    private Condition condition(Map<String, Object> filter) {
        Condition condition = DSL.noCondition();
        if (filter.get("states") instanceof List<?> states && !states.isEmpty()) {
            condition = condition.and(SERVICE_REQUEST.STATE.in(states.stream()
                    .map(state -> ServiceRequestState.valueOf(state.toString())).toList()));
        }
        if (filter.get("kind") instanceof String kind) {
            condition = condition.and(SERVICE_REQUEST.KIND_CODE.eq(kind));
        }
        if (filter.get("agency") instanceof String agency) {
            condition = condition.and(SERVICE_REQUEST.AGENCY_CODE.eq(agency));
        }
        if (filter.get("overdue") instanceof Boolean overdue) {
            Condition late = SERVICE_REQUEST.STATE.ne(ServiceRequestState.RESOLVED)
                    .and(SERVICE_REQUEST.DUE_AT.lt(OffsetDateTime.now(clock)));
            condition = condition.and(overdue ? late : DSL.not(late));
        }
        if (filter.get("region") instanceof String given) {
            String region = RegionCode.normalise(given).orElseThrow(() ->
                    new BadRequestException("filter.region", "A region is a code like 51.06 or 51.06.01.2001."));
            condition = condition.and(SERVICE_REQUEST.VILLAGE_CODE.eq(region).or(SERVICE_REQUEST.VILLAGE_CODE.startsWith(region + ".")));
        }
        if (filter.get("householdId") instanceof String householdId) {
            long id = GlobalId.decode(householdId).filter(global -> global.type().equals("Household")).map(GlobalId::id)
                    .orElseThrow(() -> new NotFoundException("filter.householdId", "No household has this ID."));
            condition = condition.and(SERVICE_REQUEST.HOUSEHOLD_ID.eq(id));
        }
        return condition;
    }
}
