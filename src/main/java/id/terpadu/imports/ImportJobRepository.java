package id.terpadu.imports;

import id.terpadu.access.Caller;
import id.terpadu.db.codes.ImportFormat;
import id.terpadu.db.codes.ImportStatus;
import id.terpadu.db.tables.records.ImportJobRecord;
import id.terpadu.db.tables.records.ImportRowProblemRecord;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import static id.terpadu.db.Tables.IMPORT_JOB;
import static id.terpadu.db.Tables.IMPORT_ROW_PROBLEM;

/** Import jobs and the rows they refused. */
@Repository
class ImportJobRepository {

    private final DSLContext dsl;
    private final JsonMapper json;

    ImportJobRepository(DSLContext dsl, JsonMapper json) {
        this.dsl = dsl;
        this.json = json;
    }

    /** A new job of this caller's, started now. */
    ImportJobRecord create(Caller caller, String kind, ImportStatus status, boolean dryRun, String fileName, FileFormat format,
                           String hash, long size, int rows, Long duplicateOf) {
        ImportJobRecord job = dsl.newRecord(IMPORT_JOB)
                .setKind(kind).setStatus(status).setDryRun(dryRun).setFileName(fileName)
                .setFileFormat(ImportFormat.valueOf(format.name())).setContentHash(hash).setFileSize(size).setRowsTotal(rows)
                .setDuplicateOf(duplicateOf)
                .setSubject(caller.subject()).setUsername(caller.username()).setClient(caller.client())
                .setRoles(caller.roles().stream().sorted().toArray(String[]::new)).setRegion(caller.region())
                .setStartedAt(OffsetDateTime.now());
        if (status == ImportStatus.DUPLICATE) {
            job.setFinishedAt(OffsetDateTime.now());
        }
        job.store();
        return find(job.getId()).orElseThrow();
    }

    Optional<ImportJobRecord> find(long id) {
        return dsl.selectFrom(IMPORT_JOB).where(IMPORT_JOB.ID.eq(id)).fetchOptional();
    }

    /** A job the caller uploaded; empty for anyone else's. */
    Optional<ImportJobRecord> find(Caller caller, long id) {
        return dsl.selectFrom(IMPORT_JOB).where(IMPORT_JOB.ID.eq(id)).and(ownedBy(caller)).fetchOptional();
    }

    /** The caller's jobs, newest first. */
    List<ImportJobRecord> list(Caller caller, String kind, ImportStatus status, int limit) {
        Condition condition = ownedBy(caller);
        if (kind != null) {
            condition = condition.and(IMPORT_JOB.KIND.eq(kind));
        }
        if (status != null) {
            condition = condition.and(IMPORT_JOB.STATUS.eq(status));
        }
        return dsl.selectFrom(IMPORT_JOB).where(condition).orderBy(IMPORT_JOB.ID.desc()).limit(limit).fetch();
    }

    private static Condition ownedBy(Caller caller) {
        return caller.subject() == null ? DSL.falseCondition() : IMPORT_JOB.SUBJECT.eq(caller.subject());
    }

    /** The job that applied (or applies) the same file for the same kind and region, if any. */
    Optional<ImportJobRecord> appliedBefore(String kind, String region, String hash) {
        return dsl.selectFrom(IMPORT_JOB)
                .where(IMPORT_JOB.KIND.eq(kind)).and(IMPORT_JOB.CONTENT_HASH.eq(hash))
                .and(region == null ? IMPORT_JOB.REGION.isNull() : IMPORT_JOB.REGION.eq(region))
                .and(IMPORT_JOB.STATUS.in(ImportStatus.APPLYING, ImportStatus.APPLIED))
                .fetchOptional();
    }

    /** The jobs a stop of the hub interrupted. */
    List<Long> unfinished() {
        return dsl.select(IMPORT_JOB.ID).from(IMPORT_JOB)
                .where(IMPORT_JOB.STATUS.in(ImportStatus.VALIDATING, ImportStatus.APPLYING))
                .orderBy(IMPORT_JOB.ID).fetch(IMPORT_JOB.ID);
    }

    /** Begins a run of a job in this state, from the start: counters and refused rows of an earlier run are dropped. */
    void restart(long id, ImportStatus status) {
        dsl.deleteFrom(IMPORT_ROW_PROBLEM).where(IMPORT_ROW_PROBLEM.JOB_ID.eq(id)).execute();
        dsl.update(IMPORT_JOB)
                .set(IMPORT_JOB.STATUS, status).set(IMPORT_JOB.DRY_RUN, status == ImportStatus.VALIDATING)
                .set(IMPORT_JOB.ROWS_READ, 0).set(IMPORT_JOB.ROWS_AT_START, 0)
                .set(IMPORT_JOB.ROWS_NEW, 0).set(IMPORT_JOB.ROWS_CHANGED, 0)
                .set(IMPORT_JOB.ROWS_UNCHANGED, 0).set(IMPORT_JOB.ROWS_INVALID, 0)
                .set(IMPORT_JOB.FAILURE, (String) null).set(IMPORT_JOB.FINISHED_AT, (OffsetDateTime) null)
                .set(IMPORT_JOB.STARTED_AT, OffsetDateTime.now())
                .where(IMPORT_JOB.ID.eq(id)).execute();
    }

    /** Carries on with a job after its last committed batch (after a restart, or a retry of a failed import). */
    void resume(long id, ImportStatus status) {
        dsl.update(IMPORT_JOB)
                .set(IMPORT_JOB.STATUS, status).set(IMPORT_JOB.ROWS_AT_START, IMPORT_JOB.ROWS_READ)
                .set(IMPORT_JOB.FAILURE, (String) null).set(IMPORT_JOB.FINISHED_AT, (OffsetDateTime) null)
                .set(IMPORT_JOB.STARTED_AT, OffsetDateTime.now())
                .where(IMPORT_JOB.ID.eq(id)).execute();
    }

    /** Counts a committed batch and keeps its refused rows; in the batch's transaction. */
    void batchDone(long id, Counts counts, List<Problem> problems) {
        if (!problems.isEmpty()) {
            var insert = dsl.insertInto(IMPORT_ROW_PROBLEM, IMPORT_ROW_PROBLEM.JOB_ID, IMPORT_ROW_PROBLEM.LINE,
                    IMPORT_ROW_PROBLEM.FIELD, IMPORT_ROW_PROBLEM.REASON, IMPORT_ROW_PROBLEM.CELLS);
            for (Problem problem : problems) {
                insert = insert.values(id, problem.line(), problem.field(), problem.reason(),
                        JSONB.valueOf(json.writeValueAsString(problem.cells())));
            }
            // a batch run again after a stop replaces what an interrupted run may have left of it
            insert.onConflict(IMPORT_ROW_PROBLEM.JOB_ID, IMPORT_ROW_PROBLEM.LINE).doUpdate()
                    .set(IMPORT_ROW_PROBLEM.FIELD, DSL.excluded(IMPORT_ROW_PROBLEM.FIELD))
                    .set(IMPORT_ROW_PROBLEM.REASON, DSL.excluded(IMPORT_ROW_PROBLEM.REASON))
                    .set(IMPORT_ROW_PROBLEM.CELLS, DSL.excluded(IMPORT_ROW_PROBLEM.CELLS))
                    .execute();
        }
        dsl.update(IMPORT_JOB)
                .set(IMPORT_JOB.ROWS_READ, IMPORT_JOB.ROWS_READ.plus(counts.total()))
                .set(IMPORT_JOB.ROWS_NEW, IMPORT_JOB.ROWS_NEW.plus(counts.created()))
                .set(IMPORT_JOB.ROWS_CHANGED, IMPORT_JOB.ROWS_CHANGED.plus(counts.changed()))
                .set(IMPORT_JOB.ROWS_UNCHANGED, IMPORT_JOB.ROWS_UNCHANGED.plus(counts.unchanged()))
                .set(IMPORT_JOB.ROWS_INVALID, IMPORT_JOB.ROWS_INVALID.plus(counts.invalid()))
                .where(IMPORT_JOB.ID.eq(id)).execute();
    }

    void finish(long id, ImportStatus status, String failure) {
        dsl.update(IMPORT_JOB)
                .set(IMPORT_JOB.STATUS, status).set(IMPORT_JOB.FAILURE, failure)
                .set(IMPORT_JOB.FINISHED_AT, OffsetDateTime.now())
                .where(IMPORT_JOB.ID.eq(id)).execute();
    }

    /** The refused rows of a job in line order, handed on one by one (a cursor: memory stays flat). */
    void problems(long id, Consumer<Problem> each) {
        try (var cursor = dsl.selectFrom(IMPORT_ROW_PROBLEM).where(IMPORT_ROW_PROBLEM.JOB_ID.eq(id))
                .orderBy(IMPORT_ROW_PROBLEM.LINE).fetchSize(500).fetchLazy()) {
            for (ImportRowProblemRecord record : cursor) {
                each.accept(new Problem(record.getLine(), record.getField(), record.getReason(), cells(record)));
            }
        }
    }

    /** The first refused rows of a job. */
    List<Problem> problems(long id, int limit) {
        return dsl.selectFrom(IMPORT_ROW_PROBLEM).where(IMPORT_ROW_PROBLEM.JOB_ID.eq(id))
                .orderBy(IMPORT_ROW_PROBLEM.LINE).limit(limit)
                .fetch(record -> new Problem(record.getLine(), record.getField(), record.getReason(), cells(record)));
    }

    @SuppressWarnings("unchecked")
    private Map<String, String> cells(ImportRowProblemRecord record) {
        return json.readValue(record.getCells().data(), Map.class);
    }

    /** What a batch came to. */
    record Counts(int created, int changed, int unchanged, int invalid) {

        int total() {
            return created + changed + unchanged + invalid;
        }
    }

    /** A refused row as it is kept: its line, the column at fault, why, and its values. */
    record Problem(int line, String field, String reason, Map<String, String> cells) {
    }
}
