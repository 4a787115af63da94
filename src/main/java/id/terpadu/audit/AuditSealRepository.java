package id.terpadu.audit;

import id.terpadu.db.tables.records.AuditEntryRecord;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;

import java.util.List;
import java.util.Optional;

import static id.terpadu.db.Tables.AUDIT_CHAIN_BREAKS;
import static id.terpadu.db.Tables.AUDIT_ENTRY;
import static id.terpadu.db.Tables.AUDIT_SEAL;
import static org.jooq.impl.DSL.coalesce;
import static org.jooq.impl.DSL.max;

/** Reads the committed trail with its seals, checks its hash chain, and writes seals. */
@Repository
class AuditSealRepository {

    private final DSLContext dsl;

    AuditSealRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    /** A committed entry and its seal, if it has one yet. */
    record SealedEntry(AuditEntryRecord entry, byte[] mac) {

        long position() {
            return entry.getPosition();
        }
    }

    /** A seal to write. */
    record Seal(long position, byte[] mac) {
    }

    /**
     * Which trail this is, for the head the hub keeps outside it: the database's name and the
     * server's system identifier, which is fixed when the server's data directory is created and
     * which no SQL can change. A re-created embedded database is another trail; a database a
     * superuser rebuilt under the same name is the same one.
     */
    String trailIdentity() {
        // the catalogue function, schema-qualified, so no function of the same name can stand in
        Long systemIdentifier = dsl.select(DSL.field("(pg_catalog.pg_control_system()).system_identifier", Long.class))
                .fetchSingle().value1();
        return systemIdentifier + "-" + dsl.fetchValue(DSL.currentCatalog());
    }

    /** Committed entries from a position up to another, with their seals, in commit order. */
    List<SealedEntry> between(long position, long upTo, int limit) {
        return dsl.select(AUDIT_ENTRY.fields()).select(AUDIT_SEAL.MAC)
                .from(AUDIT_ENTRY)
                // the range on both sides: a merge join would otherwise read every seal before it
                .leftJoin(AUDIT_SEAL).on(AUDIT_SEAL.POSITION.eq(AUDIT_ENTRY.POSITION)
                        .and(AUDIT_SEAL.POSITION.between(position, upTo)))
                .where(AUDIT_ENTRY.POSITION.between(position, upTo))
                .orderBy(AUDIT_ENTRY.POSITION)
                .limit(limit)
                .fetch(row -> new SealedEntry(row.into(AUDIT_ENTRY), row.get(AUDIT_SEAL.MAC)));
    }

    /** The first position in the range whose entry does not match the hash chain, if any. */
    Optional<Long> firstChainBreak(long from, long to) {
        return dsl.select(AUDIT_CHAIN_BREAKS.BROKEN_POSITION).from(AUDIT_CHAIN_BREAKS.call(from, to)).limit(1)
                .fetchOptional(AUDIT_CHAIN_BREAKS.BROKEN_POSITION);
    }

    /** The chain hash of the entry at a position, if there is one. */
    Optional<byte[]> hashAt(long position) {
        return dsl.select(AUDIT_ENTRY.HASH).from(AUDIT_ENTRY).where(AUDIT_ENTRY.POSITION.eq(position))
                .fetchOptional(AUDIT_ENTRY.HASH);
    }

    /** Writes seals; one another hub instance wrote already is left as it is. */
    void insert(List<Seal> seals) {
        if (seals.isEmpty()) {
            return;
        }
        var insert = dsl.insertInto(AUDIT_SEAL, AUDIT_SEAL.POSITION, AUDIT_SEAL.MAC);
        for (Seal seal : seals) {
            insert = insert.values(seal.position(), seal.mac());
        }
        insert.onConflictDoNothing().execute();
    }

    long newestPosition() {
        return dsl.select(coalesce(max(AUDIT_ENTRY.POSITION), 0L)).from(AUDIT_ENTRY).fetchSingle().value1();
    }

    /** How many entries lie in the range. */
    int count(long from, long to) {
        return dsl.fetchCount(AUDIT_ENTRY, AUDIT_ENTRY.POSITION.between(from, to));
    }
}
