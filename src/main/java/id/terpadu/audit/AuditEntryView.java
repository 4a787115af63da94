package id.terpadu.audit;

import java.time.OffsetDateTime;
import java.util.List;

/** An audit entry as one caller sees it: only the changed fields it reads, identities masked as for it. */
record AuditEntryView(String cursor, String position, String type, String key, String action, String operation, Actor actor,
                      String requestId, OffsetDateTime occurredAt, List<FieldChange> changes) {

    /** Who made a change or read identity data. */
    record Actor(String subject, String username, String client, String roles) {
    }

    /** One changed field with its value before and after, as JSON text. */
    record FieldChange(String field, String before, String after) {
    }
}
