package id.terpadu.database;

import id.terpadu.error.ConflictException;
import id.terpadu.graphql.Batches;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.jooq.Record1;
import org.jooq.impl.DSL;
import org.jooq.TableRecord;
import org.springframework.stereotype.Component;

import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.List;

/**
 * Reads rows of {@link VersionedTable}s, and writes them only when the client's expected version is
 * current, in one statement each, so two agencies can never silently overwrite each other.
 */
@Component
public class VersionedRows {

    private final DSLContext dsl;

    VersionedRows(DSLContext dsl) {
        this.dsl = dsl;
    }

    /** The rows of these keys, in one statement (the batch behind a nested GraphQL field). */
    public <R extends TableRecord<R>> List<R> findByKeys(VersionedTable<R> versioned, Collection<Long> keys) {
        return dsl.selectFrom(versioned.table()).where(versioned.key().in(keys)).fetch();
    }

    /**
     * For each source, the row its key names (the batch behind a nested GraphQL field, in one
     * statement); sources without one are left out, so their field is null.
     */
    public <S, R extends TableRecord<R>> Map<S, R> batch(VersionedTable<R> versioned, List<S> sources, Function<S, Long> key) {
        List<Long> keys = sources.stream().map(key).filter(Objects::nonNull).distinct().toList();
        return Batches.lookup(sources, key, Batches.index(findByKeys(versioned, keys), row -> row.get(versioned.key())));
    }

    /**
     * Creates the row when {@code expectedVersion} is 0, otherwise changes the row whose version is
     * {@code expectedVersion}; answers CONFLICT with the current version when the row moved on.
     *
     * @param changes a record holding only the columns to write
     */
    public <R extends TableRecord<R>> R write(VersionedTable<R> versioned, long key, long expectedVersion, R changes) {
        R written = expectedVersion == 0
                ? dsl.insertInto(versioned.table())
                        .set(changes)
                        .set(versioned.key(), key)
                        .onConflictDoNothing()
                        .returning()
                        .fetchOne()
                : update(versioned, key, expectedVersion, changes);
        if (written == null) {
            throw ConflictException.staleVersion(versioned.what(), expectedVersion, currentVersion(versioned, key));
        }
        return written;
    }

    /** Changes an existing row whose version is {@code expectedVersion}; CONFLICT otherwise. */
    public <R extends TableRecord<R>> R change(VersionedTable<R> versioned, long key, long expectedVersion, R changes) {
        R written = update(versioned, key, expectedVersion, changes);
        if (written == null) {
            throw ConflictException.staleVersion(versioned.what(), expectedVersion, currentVersion(versioned, key));
        }
        return written;
    }

    /**
     * Gives the row of one key to another (a merged-away person's facet to the kept record), with a
     * new version, so a client that read the other key's version rereads it.
     */
    public <R extends TableRecord<R>> void rekey(VersionedTable<R> versioned, long fromKey, long toKey) {
        dsl.update(versioned.table())
                .set(versioned.key(), toKey)
                .set(versioned.version(), versioned.version().plus(1L))
                .set(versioned.updatedAt(), OffsetDateTime.now())
                .where(versioned.key().eq(fromKey))
                .execute();
    }

    /** Marks a row as changed by a write elsewhere (a member joining a household), whatever its version. */
    public <R extends TableRecord<R>> void touch(VersionedTable<R> versioned, long key) {
        dsl.update(versioned.table())
                .set(versioned.version(), versioned.version().plus(1L))
                .set(versioned.updatedAt(), OffsetDateTime.now())
                .where(versioned.key().eq(key))
                .execute();
    }

    /** Whether a row of this key exists. */
    public <R extends TableRecord<R>> boolean exists(VersionedTable<R> versioned, long key) {
        return dsl.fetchExists(versioned.table(), versioned.key().eq(key));
    }

    /** The row of this key as a JSON object of its columns, for a record of what it said; empty when there is none. */
    public <R extends TableRecord<R>> Optional<JSONB> snapshot(VersionedTable<R> versioned, long key) {
        return dsl.select(DSL.jsonbObject(versioned.table().fields()))
                .from(versioned.table())
                .where(versioned.key().eq(key))
                .fetchOptional(Record1::value1);
    }

    /** Removes the row of this key, if any. */
    public <R extends TableRecord<R>> void delete(VersionedTable<R> versioned, long key) {
        dsl.deleteFrom(versioned.table()).where(versioned.key().eq(key)).execute();
    }

    private <R extends TableRecord<R>> R update(VersionedTable<R> versioned, long key, long expectedVersion, R changes) {
        return dsl.update(versioned.table())
                .set(changes)
                .set(versioned.version(), versioned.version().plus(1L))
                .set(versioned.updatedAt(), OffsetDateTime.now())
                .where(versioned.key().eq(key).and(versioned.version().eq(expectedVersion)))
                .returning()
                .fetchOne();
    }

    private <R extends TableRecord<R>> long currentVersion(VersionedTable<R> versioned, long key) {
        Long current = dsl.select(versioned.version())
                .from(versioned.table())
                .where(versioned.key().eq(key))
                .fetchOne(versioned.version());
        return current == null ? 0 : current;
    }
}
