-- Two gaps in the trail's tamper evidence close here. An entry's hash did not cover
-- changed_columns (which decide who sees the entry in the change feed), and concat_ws skipped null
-- columns, so a value could move between neighbouring columns without changing the hash. And a
-- superuser can rewrite the whole chain, since the database holds everything needed to recompute
-- it: the hub now seals each committed entry with a key the database never holds.

-- Which canonical content an entry's hash covers: 1 for the entries written before this
-- migration, whose hashes must stay valid, and 2 from now on: every column but the hash itself.
ALTER TABLE audit_entry ADD COLUMN content_version smallint NOT NULL DEFAULT 1;
ALTER TABLE audit_entry ALTER COLUMN content_version SET DEFAULT 2;
ALTER TABLE audit_entry ADD CONSTRAINT audit_entry_content_version_check CHECK (content_version IN (1, 2));

-- Version 2 is a JSON array: nulls stay in their place and text is quoted, so no two different
-- entries have the same content. An unknown version has no content, and so never matches a hash.
CREATE OR REPLACE FUNCTION audit_entry_content(e audit_entry) RETURNS bytea
    LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE e.content_version
        WHEN 1 THEN convert_to(concat_ws(E'\x1f', e.position::text, e.entity_table, e.entity_id, e.household_id::text,
            e.member_id::text, e.action, e.changes::text, e.subject, e.username, e.client, e.roles, e.operation,
            e.request_id, to_char(e.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US')), 'UTF8')
        WHEN 2 THEN convert_to(jsonb_build_array(e.content_version, e.position, e.id, e.entity_table, e.entity_id,
            e.household_id, e.member_id, e.action, e.changes, e.changed_columns, e.subject, e.username, e.client,
            e.roles, e.operation, e.request_id, to_char(e.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US'),
            e.transaction_id)::text, 'UTF8')
    END
$$;

-- The chain step at commit may set position and hash only; the content version is content too.
DROP TRIGGER append_only_update ON audit_entry;
CREATE TRIGGER append_only_update BEFORE UPDATE ON audit_entry
    FOR EACH ROW WHEN (NOT (
        current_setting('terpadu.chaining', true) = 'on'
        AND OLD.position IS NULL AND OLD.hash IS NULL AND NEW.position IS NOT NULL AND NEW.hash IS NOT NULL
        AND (OLD.id, OLD.entity_table, OLD.entity_id, OLD.household_id, OLD.member_id, OLD.action, OLD.changes,
             OLD.changed_columns, OLD.subject, OLD.username, OLD.client, OLD.roles, OLD.operation, OLD.request_id,
             OLD.occurred_at, OLD.transaction_id, OLD.content_version)
            IS NOT DISTINCT FROM
            (NEW.id, NEW.entity_table, NEW.entity_id, NEW.household_id, NEW.member_id, NEW.action, NEW.changes,
             NEW.changed_columns, NEW.subject, NEW.username, NEW.client, NEW.roles, NEW.operation, NEW.request_id,
             NEW.occurred_at, NEW.transaction_id, NEW.content_version)))
    EXECUTE FUNCTION audit_entry_append_only();

-- The hub's seal of each committed entry: an HMAC-SHA256 over its position, chain hash and every
-- column, with a key only the hub holds. Whoever rewrites entries and recomputes their hashes
-- cannot recompute their seals. The hub writes a seal shortly after the entry commits (several
-- instances may write the same one), so the newest entries may have none yet. No foreign key to
-- audit_entry: it would cost a look-up per seal and guard nothing a superuser cannot switch off.
CREATE TABLE audit_seal (
    position  bigint      PRIMARY KEY,
    mac       bytea       NOT NULL CHECK (length(mac) = 32),
    sealed_at timestamptz NOT NULL DEFAULT now()
);

-- Seals are append-only like the trail.
CREATE TRIGGER append_only BEFORE UPDATE OR DELETE ON audit_seal
    FOR EACH ROW EXECUTE FUNCTION audit_entry_append_only();
CREATE TRIGGER append_only_truncate BEFORE TRUNCATE ON audit_seal
    FOR EACH STATEMENT EXECUTE FUNCTION audit_entry_append_only();
