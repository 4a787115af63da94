-- BPS (Statistics Indonesia) village codes and the Kemendagri village each stands for. The hub
-- names villages by their Kemendagri code (51.06.01.2001); files from the statistics office and
-- DTSEN extracts carry the BPS code (5106010001: province 2, regency 2, district 3, village 3
-- digits). UPT-PK or the administrator loads this table (the import kind REGION_CROSSWALK or the
-- mutation recordRegionCrosswalk); imports translate a BPS code through it.
CREATE TABLE region_crosswalk (
    bps_code    varchar(10) PRIMARY KEY CHECK (bps_code ~ '^[0-9]{10}$'),
    region_code varchar(13) NOT NULL REFERENCES region (code)
                CHECK (region_code ~ '^[0-9]{2}\.[0-9]{2}\.[0-9]{2}\.[0-9]{4}$'),
    updated_at  timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX region_crosswalk_region_idx ON region_crosswalk (region_code);

SELECT audit_table('region_crosswalk');
