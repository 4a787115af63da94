CREATE EXTENSION IF NOT EXISTS btree_gist;

-- One enrolment of a household or a member in a programme for a period.
CREATE TABLE benefit (
    id             bigint        GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    programme_code text          NOT NULL CONSTRAINT benefit_programme_fkey REFERENCES programme (code),
    household_id   bigint        REFERENCES household (id),
    member_id      bigint        REFERENCES member (id),
    starts_on      date          NOT NULL,
    -- inclusive; open-ended when null
    ends_on        date,
    status         text          NOT NULL CHECK (status IN ('PROPOSED', 'APPROVED', 'ACTIVE', 'STOPPED')),
    amount         numeric(14,2) CHECK (amount >= 0),
    reason         text          NOT NULL,
    stop_reason    text,
    version        bigint        NOT NULL DEFAULT 1,
    created_at     timestamptz   NOT NULL DEFAULT now(),
    updated_at     timestamptz   NOT NULL DEFAULT now(),
    -- a benefit belongs to exactly one household or one member, as its programme targets
    CONSTRAINT benefit_one_beneficiary CHECK ((household_id IS NULL) <> (member_id IS NULL)),
    CONSTRAINT benefit_period_order CHECK (ends_on IS NULL OR ends_on >= starts_on),
    CONSTRAINT benefit_stop_reason CHECK (status <> 'STOPPED' OR stop_reason IS NOT NULL),
    -- no double aid: one programme, one household, one period
    CONSTRAINT benefit_no_double_household EXCLUDE USING gist (
        programme_code WITH =, household_id WITH =, daterange(starts_on, ends_on, '[]') WITH &&)
        WHERE (household_id IS NOT NULL),
    -- no double aid: one programme, one person, one period
    CONSTRAINT benefit_no_double_member EXCLUDE USING gist (
        programme_code WITH =, member_id WITH =, daterange(starts_on, ends_on, '[]') WITH &&)
        WHERE (member_id IS NOT NULL)
);

CREATE INDEX benefit_household_idx ON benefit (household_id) WHERE household_id IS NOT NULL;
CREATE INDEX benefit_member_idx ON benefit (member_id) WHERE member_id IS NOT NULL;
CREATE INDEX benefit_programme_idx ON benefit (programme_code);
