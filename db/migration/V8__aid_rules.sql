-- No double aid across programmes: some programmes exclude each other (BLT-DD is for families
-- without PKH or BPNT), and each programme admits only the households or persons its rules allow.
-- The rules are data, so UPT-PK changes them without a release, and the hub checks them at every
-- enrolment and reports the benefits that break them (data loaded before a rule existed).

-- A household holding `programme_code` may not hold `excluded_programme_code` in an overlapping
-- period, and the other way round. A member's benefit counts for the household the member belongs to.
CREATE TABLE exclusion_rule (
    code                    text        PRIMARY KEY CHECK (code ~ '^[A-Z][A-Z0-9_]*$'),
    programme_code          text        NOT NULL REFERENCES programme (code),
    excluded_programme_code text        NOT NULL REFERENCES programme (code),
    description             text        NOT NULL CHECK (btrim(description) <> ''),
    active                  boolean     NOT NULL DEFAULT true,
    updated_at              timestamptz NOT NULL DEFAULT now(),
    -- one programme, one household, one period is the benefit table's own exclusion constraint
    CONSTRAINT exclusion_rule_not_itself CHECK (programme_code <> excluded_programme_code),
    CONSTRAINT exclusion_rule_pair_key UNIQUE (programme_code, excluded_programme_code)
);

INSERT INTO exclusion_rule (code, programme_code, excluded_programme_code, description) VALUES
    ('BLT_DD_NOT_WITH_PKH', 'BLT_DD', 'PKH',
     'BLT Dana Desa is for families without PKH in the same period (village-fund guideline 2020).'),
    ('BLT_DD_NOT_WITH_BPNT', 'BLT_DD', 'BPNT',
     'BLT Dana Desa is for families without BPNT / Sembako in the same period (village-fund guideline 2020).');

-- Who a programme admits. The kind decides the check and which parameters it uses:
--   MAX_DECILE            the household's DTSEN decile is recorded and at most max_decile
--   UNFIT_HOUSE           the housing office recorded the house UNFIT, it was never renovated and
--                         the household never had a benefit of the programme (house-repair aid once)
--   ONE_PBI_FUNDING       a person is never in both APBN- and APBD-funded PBI: the enrolment's
--                         funding agrees with the person's active PBI segment
CREATE TABLE eligibility_rule (
    code           text        PRIMARY KEY CHECK (code ~ '^[A-Z][A-Z0-9_]*$'),
    programme_code text        NOT NULL REFERENCES programme (code),
    kind           text        NOT NULL CHECK (kind IN ('MAX_DECILE', 'UNFIT_HOUSE', 'ONE_PBI_FUNDING')),
    max_decile     smallint    CHECK (max_decile BETWEEN 1 AND 10),
    description    text        NOT NULL CHECK (btrim(description) <> ''),
    active         boolean     NOT NULL DEFAULT true,
    updated_at     timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT eligibility_rule_decile_parameter CHECK ((kind = 'MAX_DECILE') = (max_decile IS NOT NULL))
);

INSERT INTO eligibility_rule (code, programme_code, kind, max_decile, description) VALUES
    ('PKH_DECILE', 'PKH', 'MAX_DECILE', 4, 'PKH is for households in DTSEN deciles 1 to 4 (Kepmensos 79/HUK/2025).'),
    ('BPNT_DECILE', 'BPNT', 'MAX_DECILE', 5, 'BPNT / Sembako is for households in DTSEN deciles 1 to 5 (Kepmensos 79/HUK/2025).'),
    ('KIS_PBI_DECILE', 'KIS_PBI', 'MAX_DECILE', 5, 'JKN PBI is for persons of households in DTSEN deciles 1 to 5 (Kepmensos 79/HUK/2025).'),
    ('RTLH_UNFIT_HOUSE', 'RTLH', 'UNFIT_HOUSE', NULL,
     'House renovation only for a house recorded unfit that was never renovated and never had house-repair aid.'),
    ('KIS_PBI_ONE_FUNDING', 'KIS_PBI', 'ONE_PBI_FUNDING', NULL,
     'One person is never in both national (APBN) and regency (APBD) JKN PBI.');

-- Which budget pays a KIS-PBI premium. Required for new KIS-PBI enrolments (the hub checks it);
-- benefits loaded before this column existed keep it empty.
ALTER TABLE benefit ADD COLUMN funding text CHECK (funding IN ('APBN', 'APBD'));
ALTER TABLE benefit ADD CONSTRAINT benefit_funding_only_pbi CHECK (funding IS NULL OR programme_code = 'KIS_PBI');
