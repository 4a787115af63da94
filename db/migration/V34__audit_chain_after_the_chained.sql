-- A transaction may chain its entries before it commits (SET CONSTRAINTS chain IMMEDIATE, as a
-- long load does after each part, while the part's entries are still in memory); the next run then
-- starts after the entries already chained instead of walking past them again. Before, each run
-- read the transaction's entries from its first one, through the index's pointers to versions the
-- earlier runs had replaced, so a load chained part by part took time growing with the square of
-- its size.
CREATE OR REPLACE FUNCTION audit_chain() RETURNS trigger
    LANGUAGE plpgsql AS $$
DECLARE
    chained   bigint := coalesce(nullif(current_setting('terpadu.chained_up_to', true), '')::bigint, 0);
    head      audit_chain_head;
    entry     audit_entry;
    ids       bigint[] := '{}';
    positions bigint[] := '{}';
    hashes    bytea[]  := '{}';
BEGIN
    -- one run chains all of the transaction's entries so far; the other firings have nothing to do
    IF NEW.id <= chained THEN
        RETURN NULL;
    END IF;
    SELECT * INTO head FROM audit_chain_head FOR UPDATE;
    -- a transaction's entries get increasing ids, so the ones not chained yet all follow the last chained
    FOR entry IN SELECT * FROM audit_entry
                  WHERE transaction_id = txid_current() AND position IS NULL AND id > chained ORDER BY id LOOP
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
