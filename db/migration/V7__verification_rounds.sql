-- A verification round (verifikasi dan validasi, "verivali"): a periodic check of every poor
-- household whose figures the regency reports. A closed round is read-only.
CREATE TABLE verification_round (
    id          bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    -- rounds are named by the clerks, usually after their year ("2017")
    name        text        NOT NULL CONSTRAINT verification_round_name_key UNIQUE
                CHECK (name ~ '^[A-Za-z0-9][A-Za-z0-9 ._/-]{0,39}$'),
    year        smallint    NOT NULL CHECK (year BETWEEN 2000 AND 2100),
    -- the round the change of this one is measured against; none for the first round
    previous_id bigint      REFERENCES verification_round (id),
    status      text        NOT NULL DEFAULT 'OPEN' CHECK (status IN ('OPEN', 'CLOSED')),
    opened_at   timestamptz NOT NULL DEFAULT now(),
    closed_at   timestamptz,
    CHECK ((status = 'CLOSED') = (closed_at IS NOT NULL)),
    CHECK (previous_id <> id)
);

-- What a round found about one household.
CREATE TABLE verification_result (
    id           bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    round_id     bigint      NOT NULL REFERENCES verification_round (id),
    household_id bigint      NOT NULL REFERENCES household (id),
    result       text        NOT NULL
                 CHECK (result IN ('STILL_POOR', 'LEFT_POVERTY', 'MOVED', 'DECEASED', 'NEW')),
    -- the persons the verifiers counted in the household, which the round's figures add up
    persons      smallint    NOT NULL CHECK (persons BETWEEN 0 AND 99),
    -- the cluster at verification, kept as it was even when the cluster changes later
    cluster_code text        REFERENCES cluster (code),
    note         text,
    recorded_at  timestamptz NOT NULL DEFAULT now(),
    -- one result per household per round: recording again replaces it
    CONSTRAINT verification_result_one_per_household UNIQUE (round_id, household_id)
);

CREATE INDEX verification_result_household_idx ON verification_result (household_id);
