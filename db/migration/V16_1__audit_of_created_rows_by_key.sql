-- The audit of created rows found a person's household with a join of the inserted rows to member.
-- The planner knows nothing of a transition table's rows, and on PostgreSQL 17 it chose a nested
-- loop that read the whole member table once per inserted row: a bulk load of households took
-- minutes of CPU per batch. The household is now looked up by the member's key, and only for the
-- rows that do not carry it themselves.
CREATE OR REPLACE FUNCTION audit_inserted_rows() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO audit_entry (entity_table, entity_id, household_id, member_id, action, changes, changed_columns,
                             subject, username, client, roles, operation, request_id)
    SELECT TG_TABLE_NAME, r.row ->> TG_ARGV[0],
           coalesce((r.row ->> TG_ARGV[1])::bigint,
                    (SELECT m.household_id FROM member m WHERE m.id = (r.row ->> TG_ARGV[2])::bigint)),
           (r.row ->> TG_ARGV[2])::bigint, 'INSERT', d.diff, d.columns,
           nullif(current_setting('terpadu.subject', true), ''), nullif(current_setting('terpadu.username', true), ''),
           nullif(current_setting('terpadu.client', true), ''), nullif(current_setting('terpadu.roles', true), ''),
           nullif(current_setting('terpadu.operation', true), ''), nullif(current_setting('terpadu.request_id', true), '')
      FROM (SELECT to_jsonb(n) AS row FROM inserted n) r
     CROSS JOIN LATERAL (
           SELECT coalesce(jsonb_object_agg(key, jsonb_build_array(NULL, value)), '{}') AS diff,
                  coalesce(array_agg(key ORDER BY key), '{}') AS columns
             FROM jsonb_each(r.row)
            WHERE key NOT IN ('version', 'updated_at') AND value <> 'null'::jsonb) d;
    RETURN NULL;
END
$$;
