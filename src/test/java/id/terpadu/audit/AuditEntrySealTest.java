package id.terpadu.audit;

import id.terpadu.Fast;
import id.terpadu.db.tables.records.AuditEntryRecord;
import org.jooq.Field;
import org.jooq.JSONB;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.util.Arrays;

import static id.terpadu.db.Tables.AUDIT_ENTRY;
import static org.assertj.core.api.Assertions.assertThat;

/** The seal's encoding: it covers every column of an entry, and no two different entries encode alike. */
@Fast
class AuditEntrySealTest {

    @Test
    void theSealCoversEveryColumnOfAnEntry() {
        assertThat(AuditEntrySeal.COVERED).as("a new column of audit_entry needs a decision on how seals cover it")
                .containsExactlyInAnyOrder(AUDIT_ENTRY.fields());
    }

    @Test
    void aValueMovedToTheNeighbouringColumnChangesTheEncoding() {
        AuditEntryRecord entry = entry();
        AuditEntryRecord moved = entry();
        moved.setUsername(entry.getSubject());
        moved.setSubject(null);
        entry.setUsername(null);

        assertThat(AuditEntrySeal.encode(moved)).isNotEqualTo(AuditEntrySeal.encode(entry));
    }

    @Test
    void eachCoveredColumnChangesTheEncoding() {
        byte[] original = AuditEntrySeal.encode(entry());
        for (Field<?> column : AuditEntrySeal.COVERED) {
            AuditEntryRecord changed = entry();
            changed.set(column, null);
            assertThat(Arrays.equals(AuditEntrySeal.encode(changed), original)).as(column.getName()).isFalse();
        }
    }

    private static AuditEntryRecord entry() {
        return new AuditEntryRecord().setId(7L).setPosition(41L).setHash(new byte[32]).setEntityTable("health_facet")
                .setEntityId("12").setHouseholdId(3L).setMemberId(12L).setAction("UPDATE")
                .setChanges(JSONB.valueOf("{\"segment\": [\"NONE\", \"PBPU\"]}")).setChangedColumns(new String[] {"segment"})
                .setSubject("subject").setUsername("dinkes").setClient("terpadu-cli").setRoles("dinkes")
                .setOperation("updateJknStatus").setRequestId("request").setOccurredAt(OffsetDateTime.parse("2025-01-31T08:15:00.123456Z"))
                .setTransactionId(99L).setContentVersion((short) 2);
    }
}
