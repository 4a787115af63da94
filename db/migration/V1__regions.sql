-- Official Kemendagri region codes (Kepmendagri 300.2.2-2138/2025): the shared codes of
-- Satu Data Indonesia, so every agency names a village the same way.
CREATE TABLE region (
    code         varchar(13) PRIMARY KEY
                 CHECK (code ~ '^[0-9]{2}(\.[0-9]{2}(\.[0-9]{2}(\.[0-9]{4})?)?)?$'),
    name         text        NOT NULL,
    -- 1 province, 2 regency/city, 3 district (kecamatan), 4 village (desa/kelurahan)
    level        smallint    NOT NULL GENERATED ALWAYS AS (
                     (length(code) - length(replace(code, '.', '')) + 1)::smallint) STORED,
    parent_code  varchar(13) GENERATED ALWAYS AS (
                     CASE WHEN length(code) = 2 THEN NULL
                          ELSE substr(code, 1, length(code) - length(split_part(code, '.', length(code) - length(replace(code, '.', '')) + 1)) - 1)
                     END) STORED
                 REFERENCES region (code),
    -- NIK and KK numbers begin with the district code without dots ('510601')
    compact_code varchar(10) NOT NULL GENERATED ALWAYS AS (replace(code, '.', '')) STORED
);

CREATE INDEX region_parent_idx ON region (parent_code);
CREATE INDEX region_compact_code_idx ON region (compact_code);
