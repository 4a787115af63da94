package id.terpadu.desk;

import id.terpadu.db.codes.ServiceRequestState;
import id.terpadu.error.BadRequestException;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;

import static id.terpadu.db.Tables.SERVICE_REQUEST;

/**
 * Per agency, the requests referred to it (and still with it, or resolved by it) opened in a
 * period: open, overdue, resolved, resolved within the service level, and the median time to
 * resolution. Aggregates only: no request leaves through them.
 */
@Component
class ServiceLevelFigures {

    /** The regency's days run on its own time (WITA, Bali). */
    static final ZoneId REGENCY_TIME = ZoneId.of("Asia/Makassar");

    private final DSLContext dsl;
    private final Clock clock;

    ServiceLevelFigures(DSLContext dsl, Clock clock) {
        this.dsl = dsl;
        this.clock = clock;
    }

    /** One agency's figures. */
    record AgencyFigures(String agencyCode, int referred, int open, int overdue, int resolved, int resolvedWithinServiceLevel,
                         Double medianHoursToResolve) {
    }

    List<AgencyFigures> of(LocalDate from, LocalDate to) {
        if (to.isBefore(from)) {
            throw new BadRequestException("period.to", "The period ends before it starts.");
        }
        OffsetDateTime start = from.atStartOfDay(REGENCY_TIME).toOffsetDateTime();
        OffsetDateTime end = to.plusDays(1).atStartOfDay(REGENCY_TIME).toOffsetDateTime();
        OffsetDateTime now = OffsetDateTime.now(clock);
        var resolved = SERVICE_REQUEST.STATE.eq(ServiceRequestState.RESOLVED);
        Field<Double> hours = DSL.extract(SERVICE_REQUEST.RESOLVED_AT.minus(SERVICE_REQUEST.OPENED_AT), org.jooq.DatePart.EPOCH)
                .cast(SQLDataType.DOUBLE).div(3600.0);
        return dsl.select(SERVICE_REQUEST.AGENCY_CODE,
                        DSL.count(),
                        DSL.count().filterWhere(DSL.not(resolved)),
                        DSL.count().filterWhere(DSL.not(resolved).and(SERVICE_REQUEST.DUE_AT.lt(now))),
                        DSL.count().filterWhere(resolved),
                        DSL.count().filterWhere(resolved.and(SERVICE_REQUEST.RESOLVED_AT.le(SERVICE_REQUEST.DUE_AT))),
                        DSL.percentileCont(0.5).withinGroupOrderBy(hours).filterWhere(resolved))
                .from(SERVICE_REQUEST)
                .where(SERVICE_REQUEST.AGENCY_CODE.isNotNull())
                .and(SERVICE_REQUEST.OPENED_AT.ge(start)).and(SERVICE_REQUEST.OPENED_AT.lt(end))
                .groupBy(SERVICE_REQUEST.AGENCY_CODE)
                .orderBy(SERVICE_REQUEST.AGENCY_CODE)
                .fetch(row -> new AgencyFigures(row.value1(), row.value2(), row.value3(), row.value4(), row.value5(), row.value6(),
                        row.value7() == null ? null : row.value7().doubleValue()));
    }
}
