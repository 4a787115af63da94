-- One person, one record: the unique NIK catches a person registered twice with the same number,
-- but not a typo in the NIK or a name spelled another way. The name key and the merge record
-- below let UPT-PK find such pairs and merge them, keeping what the removed record said.

-- The name reduced to what stays the same however a clerk spells it, so that likely duplicates
-- meet on one key. Immutable, so the database keeps the key of every row right whichever way the
-- row was written (API, demo loader, bulk import).
CREATE FUNCTION member_name_key(name text) RETURNS text
    LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $$
DECLARE
    key text := lower(name);
BEGIN
    -- apostrophes vanish (Ma'ruf, Maruf); other punctuation separates words (Oka-Putra, Moh.)
    key := regexp_replace(replace(replace(key, '''', ''), '`', ''), '[^a-z]+', ' ', 'g');
    -- the ways of writing Muhammad, and the short forms of Balinese birth-order names and titles
    key := regexp_replace(key, '(^| )(muhammad|muhamad|mohammad|mohamad|mochammad|mochamad|muchammad|muchamad'
        || '|mukhammad|mukhamad|mokhammad|mokhamad|moehammad|moehamad|mohammed|muhammed|mohamed|muhamed'
        || '|moch|mokh|moh|muh|mhd|m)(?= |$)', '\1muhammad', 'g');
    key := regexp_replace(key, '(^| )md(?= |$)', '\1made', 'g');
    key := regexp_replace(key, '(^| )wyn(?= |$)', '\1wayan', 'g');
    key := regexp_replace(key, '(^| )(nym|nyn)(?= |$)', '\1nyoman', 'g');
    key := regexp_replace(key, '(^| )(kt|ktt)(?= |$)', '\1ketut', 'g');
    key := regexp_replace(key, '(^| )gst(?= |$)', '\1gusti', 'g');
    -- old spelling (Van Ophuijsen, Soewandi) as written today: oe u, dj j, tj c, nj ny, sj sy, ch kh
    key := replace(key, 'oe', 'u');
    key := replace(key, 'dj', 'j');
    key := replace(key, 'tj', 'c');
    key := replace(key, 'nj', 'ny');
    key := replace(key, 'sj', 'sy');
    key := replace(key, 'ch', 'kh');
    -- the old j is today's y (Djojo, Joyo): the two letters count as one
    key := replace(key, 'y', 'j');
    -- doubled letters once (Emma, Ema; Muhammad, Muhamad)
    key := regexp_replace(key, '([a-z])\1+', '\1', 'g');
    -- spacing does not matter (Sri Wahyuni, Sriwahyuni)
    RETURN replace(key, ' ', '');
END
$$;

ALTER TABLE member ADD COLUMN name_key text GENERATED ALWAYS AS (member_name_key(name)) STORED;

-- likely duplicates: same name key and birth date (the district is checked on the pairs found)
CREATE INDEX member_name_key_birth_date_idx ON member (name_key, birth_date);

-- A record merged into another: what the removed record said, so nothing is lost, and where the
-- person lives on. The removed row itself is deleted, so its NIK stays unique hub-wide.
CREATE TABLE member_merge (
    id                bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    -- the record the person lives on in; re-pointed when that record is merged in turn
    kept_member_id    bigint      NOT NULL REFERENCES member (id),
    -- the removed record's own id, so links to it can be told apart from unknown ones
    merged_member_id  bigint      NOT NULL,
    -- a NIK merged away stays taken: registering it again would split the person anew
    nik               char(16)    NOT NULL CONSTRAINT member_merge_nik_key UNIQUE,
    name              text        NOT NULL,
    sex               text        NOT NULL,
    birth_date        date        NOT NULL,
    household_id      bigint      NOT NULL REFERENCES household (id),
    relationship      text        NOT NULL,
    registered_at     timestamptz NOT NULL,
    -- the removed record's health and education facets as they were, also those not carried over
    facets            jsonb       NOT NULL,
    reason            text        NOT NULL,
    merged_by         text        NOT NULL,
    merged_at         timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX member_merge_kept_idx ON member_merge (kept_member_id);
