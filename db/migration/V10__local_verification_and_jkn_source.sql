-- Sragen's Menur cluster is for households on the local list (BPS's social-protection survey,
-- the regency's own PPLS) that UPT-PK has verified itself. The social facet records both facts,
-- so the cluster rules of the `cluster` table can be evaluated from stored data.
ALTER TABLE social_facet
    ADD COLUMN on_local_survey boolean NOT NULL DEFAULT false,
    ADD COLUMN verified_on     date,
    ADD COLUMN verified_by     text,
    -- a verification names who made it and when; neither without the other
    ADD CONSTRAINT social_facet_verification_complete CHECK ((verified_on IS NULL) = (verified_by IS NULL));

-- Where the last JKN status came from: the insurer's sync batch it was read from, or null when the
-- health office entered it by hand. Keeps a bulk change traceable to its file.
ALTER TABLE health_facet
    ADD COLUMN source text CHECK (source IS NULL OR length(btrim(source)) > 0);

-- Melati's list, the BDT, held the poorest 40 % of households: on DTSEN that is deciles 1 to 4.
-- DTSEN ranks every household, so without the range every ranked household would point to Melati.
UPDATE cluster
   SET decile_min = 1, decile_max = 4,
       rule = 'On the national unified register (DTSEN, formerly BDT/DTKS) in deciles 1 to 4.'
 WHERE code = 'MELATI';
