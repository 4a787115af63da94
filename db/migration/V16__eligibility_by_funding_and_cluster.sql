-- Regency funding exists for the people the national register misses. The KIS-PBI decile gate is
-- the national PBI's (DTSEN deciles 1 to 5), and it blocked regency-funded (APBD) cover for Menur
-- households, which UPT-PK verified locally and which have no DTSEN decile. A rule now names the
-- budget whose enrolments it gates (none: every enrolment of the programme), and the clusters
-- whose households it does not gate (none: every household).
ALTER TABLE eligibility_rule ADD COLUMN funding text CHECK (funding IN ('APBN', 'APBD'));
ALTER TABLE eligibility_rule ADD COLUMN except_cluster_codes text[]
    CHECK (except_cluster_codes IS NULL OR cardinality(except_cluster_codes) > 0);
-- only KIS-PBI enrolments name who pays (benefit_funding_only_pbi in V8)
ALTER TABLE eligibility_rule ADD CONSTRAINT eligibility_rule_funding_only_pbi
    CHECK (funding IS NULL OR programme_code = 'KIS_PBI');

UPDATE eligibility_rule
   SET funding = 'APBN',
       description = 'National JKN PBI (APBN) is for persons of households in DTSEN deciles 1 to 5 (Kepmensos 79/HUK/2025).'
 WHERE code = 'KIS_PBI_DECILE';

INSERT INTO eligibility_rule (code, programme_code, kind, max_decile, funding, except_cluster_codes, description) VALUES
    ('KIS_PBI_APBD_DECILE', 'KIS_PBI', 'MAX_DECILE', 5, 'APBD', '{MENUR,KENANGA}',
     'Regency JKN PBI (APBD) follows deciles 1 to 5 too, except for the households regency cover exists for, '
         || 'which the national register misses: Menur (verified poor on the local survey) and Kenanga (without '
         || 'health insurance), as Sragen''s Kartu Saraswati covered them.');
