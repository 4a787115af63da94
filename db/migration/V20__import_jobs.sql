-- Files an agency uploads (the insurer's JKN list, DTSEN deciles ...) are imported as jobs: the
-- job's state lives here, so a job survives a restart of the hub (it resumes after the last batch
-- it committed) and can be retried when it failed. Each batch of rows commits together with the
-- job's counters, so a job never leaves a half-applied batch behind.
CREATE TABLE import_job (
    id             bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind           text        NOT NULL,
    -- VALIDATING/VALIDATED: the dry run; APPLYING/APPLIED: the import; DUPLICATE: the same file
    -- was applied before (duplicate_of), nothing is done again
    status         text        NOT NULL CHECK (status IN ('VALIDATING', 'VALIDATED', 'APPLYING', 'APPLIED', 'FAILED', 'DUPLICATE')),
    dry_run        boolean     NOT NULL,
    file_name      text        NOT NULL,
    file_format    text        NOT NULL CHECK (file_format IN ('CSV', 'XLSX')),
    -- SHA-256 of the file's bytes, hex
    content_hash   text        NOT NULL CHECK (content_hash ~ '^[0-9a-f]{64}$'),
    file_size      bigint      NOT NULL CHECK (file_size >= 0),
    rows_total     integer     NOT NULL CHECK (rows_total >= 0),
    -- rows done by the committed batches: where a resumed job carries on
    rows_read      integer     NOT NULL DEFAULT 0,
    -- rows_read when the current run began, for the rate of this run
    rows_at_start  integer     NOT NULL DEFAULT 0,
    rows_new       integer     NOT NULL DEFAULT 0,
    rows_changed   integer     NOT NULL DEFAULT 0,
    rows_unchanged integer     NOT NULL DEFAULT 0,
    rows_invalid   integer     NOT NULL DEFAULT 0,
    duplicate_of   bigint      REFERENCES import_job (id),
    failure        text,
    -- who uploaded: the job runs as this caller, also after a restart
    subject        text        NOT NULL,
    username       text,
    client         text,
    roles          text[]      NOT NULL,
    region         text,
    created_at     timestamptz NOT NULL DEFAULT now(),
    -- when the current run (dry run or import) began, for the rate and the time left
    started_at     timestamptz,
    finished_at    timestamptz,
    CHECK (rows_read <= rows_total),
    CHECK (rows_new + rows_changed + rows_unchanged + rows_invalid = rows_read)
);

-- the same file, applied once per kind and region
CREATE UNIQUE INDEX import_job_applied_once ON import_job (kind, coalesce(region, ''), content_hash)
    WHERE status IN ('APPLYING', 'APPLIED');
CREATE INDEX import_job_subject_idx ON import_job (subject, id DESC);
CREATE INDEX import_job_unfinished_idx ON import_job (id) WHERE status IN ('VALIDATING', 'APPLYING');

-- The rows a job refused, with the values as given, so a clerk can fix and upload them again.
CREATE TABLE import_row_problem (
    job_id  bigint  NOT NULL REFERENCES import_job (id) ON DELETE CASCADE,
    -- the row's line in the file (the header is line 1)
    line    integer NOT NULL,
    -- the column at fault
    field   text    NOT NULL,
    reason  text    NOT NULL,
    -- column name -> value, as in the file
    cells   jsonb   NOT NULL,
    PRIMARY KEY (job_id, line)
);
