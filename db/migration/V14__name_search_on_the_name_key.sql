-- The households filter by name compares names on the name key (member_name_key in V9), so that a
-- clerk typing "Nym." or "Moch." finds Nyoman and Muhammad as the duplicate finder does: a
-- trigram index on the key lets "contains" run without reading every member of the regency.
CREATE INDEX member_name_key_trgm_idx ON member USING gin (name_key gin_trgm_ops);

-- the plain lower-case name is searched no more
DROP INDEX member_name_trgm_idx;
