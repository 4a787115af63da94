-- Every change to the hub's data is traceable (UU 27/2022): who changed what, as which role,
-- through which operation, with old and new values. The trail is written by the database itself,
-- so no service can forget it, and auditing a new table is one line: SELECT audit_table('t');

CREATE TABLE audit_entry (
    id             bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    -- gap-free commit order, set at commit together with the hash (the chain); null until then
    position       bigint      CONSTRAINT audit_entry_position_key UNIQUE,
    hash           bytea,
    entity_table   text        NOT NULL,
    entity_id      text        NOT NULL,
    -- whom the change concerns, for the history of a household or a person
    household_id   bigint,
    member_id      bigint,
    action         text        NOT NULL CHECK (action IN ('INSERT', 'UPDATE', 'DELETE')),
    -- {column: [old, new]} for the columns that changed
    changes        jsonb       NOT NULL,
    changed_columns text[]     NOT NULL,
    subject        text,
    username       text,
    client         text,
    roles          text,
    operation      text,
    request_id     text,
    occurred_at    timestamptz NOT NULL DEFAULT now(),
    transaction_id bigint      NOT NULL DEFAULT txid_current()
);

CREATE INDEX audit_entry_household_idx ON audit_entry (household_id, position) WHERE household_id IS NOT NULL;
CREATE INDEX audit_entry_member_idx ON audit_entry (member_id, position) WHERE member_id IS NOT NULL;
-- the entries still waiting for their place in the chain: only those of running transactions
CREATE INDEX audit_entry_unchained_idx ON audit_entry (transaction_id, id) WHERE position IS NULL;

-- The end of the chain: one row, locked by each committing writer, so positions follow commit order.
CREATE TABLE audit_chain_head (
    single   boolean PRIMARY KEY DEFAULT true CHECK (single),
    position bigint  NOT NULL,
    hash     bytea   NOT NULL
);
INSERT INTO audit_chain_head (position, hash) VALUES (0, sha256(''::bytea));

-- The canonical content an entry's hash covers; the chain and its verification both use it.
CREATE FUNCTION audit_entry_content(e audit_entry) RETURNS bytea
    LANGUAGE sql IMMUTABLE AS $$
    SELECT convert_to(concat_ws(E'\x1f', e.position::text, e.entity_table, e.entity_id, e.household_id::text,
        e.member_id::text, e.action, e.changes::text, e.subject, e.username, e.client, e.roles, e.operation,
        e.request_id, to_char(e.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US')), 'UTF8')
$$;

CREATE FUNCTION audit_entry_hash(previous bytea, e audit_entry) RETURNS bytea
    LANGUAGE sql IMMUTABLE AS $$
    SELECT sha256(previous || audit_entry_content(e))
$$;

-- Who changes data in this transaction and through which operation, for its audit entries; the
-- hub sets it when a transaction begins.
CREATE FUNCTION audit_context(subject text, username text, client text, roles text, operation text, request_id text)
    RETURNS TABLE (actor text) LANGUAGE sql VOLATILE AS $$
    SELECT set_config('terpadu.subject', coalesce(subject, ''), true)
      FROM (SELECT set_config('terpadu.username', coalesce(username, ''), true), set_config('terpadu.client', coalesce(client, ''), true),
                   set_config('terpadu.roles', coalesce(roles, ''), true), set_config('terpadu.operation', coalesce(operation, ''), true),
                   set_config('terpadu.request_id', coalesce(request_id, ''), true) OFFSET 0) settings
$$;

-- One entry per changed row; the who and why come from the transaction's settings (terpadu.*).
CREATE FUNCTION audit_row() RETURNS trigger
    LANGUAGE plpgsql AS $$
DECLARE
    old_row   jsonb := CASE WHEN TG_OP <> 'INSERT' THEN to_jsonb(OLD) END;
    new_row   jsonb := CASE WHEN TG_OP <> 'DELETE' THEN to_jsonb(NEW) END;
    current   jsonb := coalesce(new_row, old_row);
    diff      jsonb;
    columns   text[];
    household bigint;
    person    bigint;
BEGIN
    SELECT coalesce(jsonb_object_agg(key, jsonb_build_array(old_row -> key, new_row -> key)), '{}'),
           coalesce(array_agg(key ORDER BY key), '{}')
      INTO diff, columns
      FROM (SELECT key FROM jsonb_object_keys(coalesce(old_row, '{}') || coalesce(new_row, '{}')) AS key) k
     -- the version and the time of change are in the entry itself
     WHERE key NOT IN ('version', 'updated_at')
       AND (old_row -> key) IS DISTINCT FROM (new_row -> key)
       AND NOT (TG_OP = 'INSERT' AND new_row -> key = 'null'::jsonb)
       AND NOT (TG_OP = 'DELETE' AND old_row -> key = 'null'::jsonb);
    IF TG_OP = 'UPDATE' AND columns = '{}' AND old_row = new_row THEN
        RETURN NULL;
    END IF;
    IF TG_ARGV[1] <> '' THEN
        household := (current ->> TG_ARGV[1])::bigint;
    END IF;
    IF TG_ARGV[2] <> '' THEN
        person := (current ->> TG_ARGV[2])::bigint;
    END IF;
    IF household IS NULL AND person IS NOT NULL THEN
        SELECT m.household_id INTO household FROM member m WHERE m.id = person;
    END IF;
    INSERT INTO audit_entry (entity_table, entity_id, household_id, member_id, action, changes, changed_columns,
                             subject, username, client, roles, operation, request_id)
    VALUES (TG_TABLE_NAME, current ->> TG_ARGV[0], household, person, TG_OP, diff, columns,
            nullif(current_setting('terpadu.subject', true), ''), nullif(current_setting('terpadu.username', true), ''),
            nullif(current_setting('terpadu.client', true), ''), nullif(current_setting('terpadu.roles', true), ''),
            nullif(current_setting('terpadu.operation', true), ''), nullif(current_setting('terpadu.request_id', true), ''));
    RETURN NULL;
END
$$;

-- Created rows, one entry each, in one statement per statement: bulk loads stay fast.
CREATE FUNCTION audit_inserted_rows() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO audit_entry (entity_table, entity_id, household_id, member_id, action, changes, changed_columns,
                             subject, username, client, roles, operation, request_id)
    SELECT TG_TABLE_NAME, r.row ->> TG_ARGV[0], coalesce((r.row ->> TG_ARGV[1])::bigint, m.household_id),
           (r.row ->> TG_ARGV[2])::bigint, 'INSERT', d.diff, d.columns,
           nullif(current_setting('terpadu.subject', true), ''), nullif(current_setting('terpadu.username', true), ''),
           nullif(current_setting('terpadu.client', true), ''), nullif(current_setting('terpadu.roles', true), ''),
           nullif(current_setting('terpadu.operation', true), ''), nullif(current_setting('terpadu.request_id', true), '')
      FROM (SELECT to_jsonb(n) AS row FROM inserted n) r
      LEFT JOIN member m ON (r.row ->> TG_ARGV[1]) IS NULL AND m.id = (r.row ->> TG_ARGV[2])::bigint
     CROSS JOIN LATERAL (
           SELECT coalesce(jsonb_object_agg(key, jsonb_build_array(NULL, value)), '{}') AS diff,
                  coalesce(array_agg(key ORDER BY key), '{}') AS columns
             FROM jsonb_each(r.row)
            WHERE key NOT IN ('version', 'updated_at') AND value <> 'null'::jsonb) d;
    RETURN NULL;
END
$$;

-- Audits a table: its key column from the catalogue, the household and person by the hub's naming
-- (household_id, member_id; the household and member tables themselves by id), unless given.
CREATE FUNCTION audit_table(target regclass, household_column text DEFAULT NULL, member_column text DEFAULT NULL)
    RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    key_column text;
    name       text := (SELECT relname FROM pg_class WHERE oid = target);
BEGIN
    SELECT a.attname INTO STRICT key_column
      FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = i.indkey[0]
     WHERE i.indrelid = target AND i.indisprimary;
    household_column := coalesce(household_column, CASE
        WHEN name = 'household' THEN 'id'
        WHEN EXISTS (SELECT FROM pg_attribute WHERE attrelid = target AND attname = 'household_id' AND NOT attisdropped)
            THEN 'household_id' ELSE '' END);
    member_column := coalesce(member_column, CASE
        WHEN name = 'member' THEN 'id'
        WHEN EXISTS (SELECT FROM pg_attribute WHERE attrelid = target AND attname = 'member_id' AND NOT attisdropped)
            THEN 'member_id' ELSE '' END);
    EXECUTE format('CREATE TRIGGER audit_insert AFTER INSERT ON %s REFERENCING NEW TABLE AS inserted '
                   'FOR EACH STATEMENT EXECUTE FUNCTION audit_inserted_rows(%L, %L, %L)',
                   target, key_column, household_column, member_column);
    EXECUTE format('CREATE TRIGGER audit AFTER UPDATE OR DELETE ON %s FOR EACH ROW EXECUTE FUNCTION audit_row(%L, %L, %L)',
                   target, key_column, household_column, member_column);
END
$$;

-- The trail is append-only, for the table's owner too: the only change ever allowed is the chain
-- step at commit, which gives an entry its position and hash once.
CREATE FUNCTION audit_entry_append_only() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'The audit trail is append-only: % is not allowed', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END
$$;

CREATE TRIGGER append_only BEFORE DELETE ON audit_entry
    FOR EACH ROW EXECUTE FUNCTION audit_entry_append_only();
CREATE TRIGGER append_only_update BEFORE UPDATE ON audit_entry
    FOR EACH ROW WHEN (NOT (
        current_setting('terpadu.chaining', true) = 'on'
        AND OLD.position IS NULL AND OLD.hash IS NULL AND NEW.position IS NOT NULL AND NEW.hash IS NOT NULL
        AND (OLD.id, OLD.entity_table, OLD.entity_id, OLD.household_id, OLD.member_id, OLD.action, OLD.changes,
             OLD.changed_columns, OLD.subject, OLD.username, OLD.client, OLD.roles, OLD.operation, OLD.request_id,
             OLD.occurred_at, OLD.transaction_id)
            IS NOT DISTINCT FROM
            (NEW.id, NEW.entity_table, NEW.entity_id, NEW.household_id, NEW.member_id, NEW.action, NEW.changes,
             NEW.changed_columns, NEW.subject, NEW.username, NEW.client, NEW.roles, NEW.operation, NEW.request_id,
             NEW.occurred_at, NEW.transaction_id)))
    EXECUTE FUNCTION audit_entry_append_only();
CREATE TRIGGER append_only_truncate BEFORE TRUNCATE ON audit_entry
    FOR EACH STATEMENT EXECUTE FUNCTION audit_entry_append_only();

-- At commit, the transaction's entries join the chain in one go: the lock on the head makes the
-- positions follow commit order without gaps, and each hash covers the previous one.
CREATE FUNCTION audit_chain() RETURNS trigger
    LANGUAGE plpgsql AS $$
DECLARE
    head      audit_chain_head;
    entry     audit_entry;
    ids       bigint[] := '{}';
    positions bigint[] := '{}';
    hashes    bytea[]  := '{}';
BEGIN
    -- one run chains all of the transaction's entries so far; the other firings have nothing to do
    IF NEW.id <= coalesce(nullif(current_setting('terpadu.chained_up_to', true), '')::bigint, 0) THEN
        RETURN NULL;
    END IF;
    SELECT * INTO head FROM audit_chain_head FOR UPDATE;
    FOR entry IN SELECT * FROM audit_entry WHERE transaction_id = txid_current() AND position IS NULL ORDER BY id LOOP
        entry.position := head.position + 1;
        head.position := entry.position;
        head.hash := audit_entry_hash(head.hash, entry);
        ids := ids || entry.id;
        positions := positions || entry.position;
        hashes := hashes || head.hash;
    END LOOP;
    PERFORM set_config('terpadu.chaining', 'on', true);
    UPDATE audit_entry e SET position = c.position, hash = c.hash
      FROM unnest(ids, positions, hashes) AS c (id, position, hash)
     WHERE e.id = c.id;
    PERFORM set_config('terpadu.chaining', 'off', true);
    UPDATE audit_chain_head SET position = head.position, hash = head.hash;
    PERFORM set_config('terpadu.chained_up_to', greatest(NEW.id, ids[array_length(ids, 1)])::text, true);
    RETURN NULL;
END
$$;

CREATE CONSTRAINT TRIGGER chain AFTER INSERT ON audit_entry DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW EXECUTE FUNCTION audit_chain();

-- Recomputes the chain over positions: each entry's hash from the stored previous hash and its
-- content, and that positions have no gaps. Answers every position that does not match.
CREATE FUNCTION audit_chain_breaks(first_position bigint, last_position bigint)
    RETURNS TABLE (broken_position bigint)
    LANGUAGE sql STABLE AS $$
    WITH chain AS (
        SELECT e.position, e.hash,
               audit_entry_hash(coalesce(lag(e.hash) OVER w,
                   CASE WHEN e.position = 1 THEN sha256(''::bytea) END), e) AS expected,
               lag(e.position) OVER w AS previous_position
          FROM audit_entry e
         WHERE e.position BETWEEN greatest(first_position - 1, 1) AND last_position
        WINDOW w AS (ORDER BY e.position)
    )
    SELECT c.position
      FROM chain c
     WHERE c.position >= first_position
       AND (c.hash IS DISTINCT FROM c.expected
            OR (c.previous_position IS NOT NULL AND c.position <> c.previous_position + 1)
            OR (c.previous_position IS NULL AND c.position > 1))
     ORDER BY c.position
$$;

-- Who saw whom: every read of a whole NIK or KK (UU 27/2022), one row per person or household
-- per request.
CREATE TABLE identity_read (
    id           bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    subject      text,
    username     text,
    client       text,
    roles        text,
    operation    text,
    request_id   text,
    field        text        NOT NULL,
    member_id    bigint,
    household_id bigint,
    read_at      timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX identity_read_member_idx ON identity_read (member_id, id) WHERE member_id IS NOT NULL;
CREATE INDEX identity_read_subject_idx ON identity_read (subject, id);

SELECT audit_table('household');
SELECT audit_table('household_kk_history');
SELECT audit_table('member');
SELECT audit_table('member_move', 'to_household_id', 'member_id');
SELECT audit_table('social_facet');
SELECT audit_table('health_facet');
SELECT audit_table('housing_facet');
SELECT audit_table('education_facet');
SELECT audit_table('benefit');
SELECT audit_table('cluster');
