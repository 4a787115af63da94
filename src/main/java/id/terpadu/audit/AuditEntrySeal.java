package id.terpadu.audit;

import id.terpadu.db.tables.records.AuditEntryRecord;
import org.jooq.Field;
import org.jooq.JSONB;

import javax.crypto.Mac;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;

import static id.terpadu.db.Tables.AUDIT_ENTRY;

/**
 * The seal of one committed audit entry: HMAC-SHA256, with a key only the hub holds, over its
 * position, chain hash and every other column. The encoding is the hub's own, independent of the
 * database's content function: each value carries its length and nulls are marked, so no two
 * entries encode alike.
 */
final class AuditEntrySeal {

    /** Names the encoding, so a later one can be told apart. */
    private static final byte[] FORMAT = "terpadu-audit-seal-1".getBytes(StandardCharsets.US_ASCII);

    /**
     * The columns a seal covers, in their order in the encoding. A test fails when audit_entry
     * gains a column this list does not name: how the seals cover it, while the older seals still
     * verify, is then a decision to take, not an accident.
     */
    static final List<Field<?>> COVERED = List.of(AUDIT_ENTRY.POSITION, AUDIT_ENTRY.HASH, AUDIT_ENTRY.ID,
            AUDIT_ENTRY.ENTITY_TABLE, AUDIT_ENTRY.ENTITY_ID, AUDIT_ENTRY.HOUSEHOLD_ID, AUDIT_ENTRY.MEMBER_ID,
            AUDIT_ENTRY.ACTION, AUDIT_ENTRY.CHANGES, AUDIT_ENTRY.CHANGED_COLUMNS, AUDIT_ENTRY.SUBJECT,
            AUDIT_ENTRY.USERNAME, AUDIT_ENTRY.CLIENT, AUDIT_ENTRY.ROLES, AUDIT_ENTRY.OPERATION, AUDIT_ENTRY.REQUEST_ID,
            AUDIT_ENTRY.OCCURRED_AT, AUDIT_ENTRY.TRANSACTION_ID, AUDIT_ENTRY.CONTENT_VERSION);

    private AuditEntrySeal() {
    }

    static byte[] of(Mac mac, AuditEntryRecord entry) {
        return mac.doFinal(encode(entry));
    }

    static byte[] encode(AuditEntryRecord entry) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(512);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.write(FORMAT);
            for (Field<?> column : COVERED) {
                write(out, entry.get(column));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static void write(DataOutputStream out, Object value) throws IOException {
        switch (value) {
            case null -> out.writeByte(0);
            case Long number -> {
                out.writeByte(1);
                out.writeLong(number);
            }
            case Short number -> {
                out.writeByte(1);
                out.writeLong(number);
            }
            case String text -> bytes(out, text.getBytes(StandardCharsets.UTF_8));
            case byte[] raw -> bytes(out, raw);
            // the database's canonical text of the jsonb, as the chain's content takes it too
            case JSONB json -> bytes(out, json.data().getBytes(StandardCharsets.UTF_8));
            case String[] texts -> {
                out.writeByte(1);
                out.writeInt(texts.length);
                for (String text : texts) {
                    write(out, text);
                }
            }
            // microseconds, the database's precision
            case OffsetDateTime time -> {
                out.writeByte(1);
                out.writeLong(ChronoUnit.MICROS.between(Instant.EPOCH, time.toInstant()));
            }
            default -> throw new IllegalArgumentException("No seal encoding for " + value.getClass().getName());
        }
    }

    private static void bytes(DataOutputStream out, byte[] raw) throws IOException {
        out.writeByte(1);
        out.writeInt(raw.length);
        out.write(raw);
    }
}
