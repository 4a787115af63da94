-- Empowerment (pemberdayaan): income programmes the agencies run through UPT-PK so that households
-- leave poverty. They are programmes like the others: enrolled as benefits of a household or a
-- person, under the same no-double-aid rule. What sets them apart is that each participant's
-- enrolment ends with an outcome, which the agency running the programme records, and that success
-- shows at the next verification round (the household found LEFT_POVERTY).

-- what a programme gives: aid (cash, food, cover, a house, school support) or empowerment
ALTER TABLE programme ADD COLUMN kind text NOT NULL DEFAULT 'AID' CHECK (kind IN ('AID', 'EMPOWERMENT'));

-- The regency has no labour office role: the social office runs the grants and the skills
-- training, as social offices do for poor families; UPT-PK places trained persons with employers.
INSERT INTO programme (code, name, description, agency_code, target, kind) VALUES
    ('UEP', 'UEP (Usaha Ekonomi Produktif)',
     'Productive-economy grant: capital and mentoring for a poor household''s small business.', 'DINSOS', 'HOUSEHOLD', 'EMPOWERMENT'),
    ('PELATIHAN', 'Pelatihan keterampilan',
     'Skills training for a working-age person of a poor household.', 'DINSOS', 'MEMBER', 'EMPOWERMENT'),
    ('PENEMPATAN_KERJA', 'Penempatan kerja',
     'Job placement with an employer UPT-PK works with.', 'UPTPK', 'MEMBER', 'EMPOWERMENT');

-- A participant's outcome, recorded by the running agency once the activity is over for them;
-- recorded again, it replaces the earlier one (the audit trail keeps both).
ALTER TABLE benefit ADD COLUMN outcome text CHECK (outcome IN ('COMPLETED_WORKING', 'COMPLETED_BUSINESS_RUNNING',
    'COMPLETED_NOT_WORKING', 'BUSINESS_CLOSED', 'DROPPED_OUT'));
ALTER TABLE benefit ADD COLUMN outcome_on date;
ALTER TABLE benefit ADD COLUMN outcome_note text CHECK (char_length(outcome_note) <= 500);
-- an outcome has its day, and is never dated before the participation began
ALTER TABLE benefit ADD CONSTRAINT benefit_outcome_dated CHECK ((outcome IS NULL) = (outcome_on IS NULL));
ALTER TABLE benefit ADD CONSTRAINT benefit_outcome_after_start CHECK (outcome_on IS NULL OR outcome_on >= starts_on);
ALTER TABLE benefit ADD CONSTRAINT benefit_outcome_note_with_outcome CHECK (outcome IS NOT NULL OR outcome_note IS NULL);

-- Only an empowerment programme's enrolment has an outcome. A CHECK cannot read the programme,
-- so a trigger keeps the rule for every writer, the hub's own checks included.
CREATE FUNCTION benefit_outcome_only_empowerment() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM programme p WHERE p.code = NEW.programme_code AND p.kind = 'EMPOWERMENT') THEN
        RAISE EXCEPTION 'only an empowerment programme''s enrolment has an outcome'
            USING ERRCODE = 'check_violation', CONSTRAINT = 'benefit_outcome_only_empowerment', TABLE = 'benefit';
    END IF;
    RETURN NEW;
END
$$;

CREATE TRIGGER benefit_outcome_only_empowerment
    BEFORE INSERT OR UPDATE OF outcome, programme_code ON benefit
    -- only rows with an outcome: bulk loads of aid do not pay for it
    FOR EACH ROW WHEN (NEW.outcome IS NOT NULL) EXECUTE FUNCTION benefit_outcome_only_empowerment();
