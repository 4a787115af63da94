-- Ownership is structural: each agency's fields live in their own table with their own version,
-- so two agencies updating the same household never overwrite each other. A missing row means
-- the agency has recorded nothing yet (version 0 to the client).

-- Social office: cluster, DTSEN decile, BPS poverty indicators.
CREATE TABLE social_facet (
    household_id       bigint      PRIMARY KEY REFERENCES household (id),
    cluster_code       text        REFERENCES cluster (code),
    cluster_reason     text,
    decile             smallint    CHECK (decile BETWEEN 1 AND 10),
    decile_quarter     text        CHECK (decile_quarter ~ '^[0-9]{4}Q[1-4]$'),
    poverty_indicators text[]      NOT NULL DEFAULT '{}' CHECK (poverty_indicators <@ ARRAY[
        'SMALL_FLOOR_AREA', 'EARTH_FLOOR', 'POOR_WALL', 'NO_PRIVATE_TOILET', 'NO_ELECTRICITY',
        'UNSAFE_WATER', 'SOLID_COOKING_FUEL', 'MEAT_AT_MOST_WEEKLY', 'ONE_SET_OF_CLOTHES_A_YEAR',
        'ONE_OR_TWO_MEALS_A_DAY', 'CANNOT_PAY_CLINIC', 'LOW_INCOME_HEAD', 'LOW_SCHOOLING_HEAD',
        'NO_SAVINGS']::text[]),
    version            bigint      NOT NULL DEFAULT 1,
    updated_at         timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX social_facet_cluster_idx ON social_facet (cluster_code);

-- Health office: JKN / KIS status per person.
CREATE TABLE health_facet (
    member_id   bigint      PRIMARY KEY REFERENCES member (id),
    jkn_number  varchar(13) CHECK (jkn_number ~ '^[0-9]{13}$'),
    segment     text        NOT NULL DEFAULT 'NONE'
                CHECK (segment IN ('PBI_APBN', 'PBI_APBD', 'PBPU', 'PPU', 'NONE')),
    active      boolean     NOT NULL DEFAULT false,
    since       date,
    version     bigint      NOT NULL DEFAULT 1,
    updated_at  timestamptz NOT NULL DEFAULT now(),
    -- an insured segment needs a card number; 'no insurance' cannot be active
    CHECK (segment = 'NONE' OR jkn_number IS NOT NULL),
    CHECK (segment <> 'NONE' OR NOT active)
);

CREATE INDEX health_facet_segment_idx ON health_facet (segment);

-- Housing office: the condition of the house (BPS criteria) and RTLH status.
CREATE TABLE housing_facet (
    household_id    bigint       PRIMARY KEY REFERENCES household (id),
    floor           text         CHECK (floor IN ('EARTH', 'BAMBOO', 'CHEAP_WOOD', 'CEMENT', 'TILE', 'CERAMIC')),
    wall            text         CHECK (wall IN ('BAMBOO', 'THATCH', 'CHEAP_WOOD', 'UNPLASTERED_BRICK', 'PLASTERED_BRICK', 'WOOD')),
    roof            text         CHECK (roof IN ('THATCH', 'ZINC', 'ASBESTOS', 'CLAY_TILE', 'CONCRETE')),
    toilet          text         CHECK (toilet IN ('NONE', 'SHARED', 'PRIVATE')),
    water           text         CHECK (water IN ('UNPROTECTED_WELL', 'UNPROTECTED_SPRING', 'RIVER', 'RAIN',
                                                  'PROTECTED_WELL', 'PROTECTED_SPRING', 'PIPED', 'BOTTLED')),
    lighting        text         CHECK (lighting IN ('NONE', 'NON_ELECTRIC', 'ELECTRIC_SHARED', 'ELECTRIC_METERED')),
    floor_area_m2   numeric(7,2) CHECK (floor_area_m2 > 0),
    rtlh_status     text         NOT NULL DEFAULT 'NOT_ASSESSED'
                    CHECK (rtlh_status IN ('NOT_ASSESSED', 'FIT', 'UNFIT', 'RENOVATED')),
    renovation_year smallint     CHECK (renovation_year BETWEEN 1945 AND 2100),
    version         bigint       NOT NULL DEFAULT 1,
    updated_at      timestamptz  NOT NULL DEFAULT now(),
    CHECK (rtlh_status <> 'RENOVATED' OR renovation_year IS NOT NULL)
);

-- Education office: school status and PIP/KIP per person.
CREATE TABLE education_facet (
    member_id     bigint      PRIMARY KEY REFERENCES member (id),
    school_status text        NOT NULL CHECK (school_status IN ('NOT_YET_IN_SCHOOL', 'ENROLLED', 'DROPPED_OUT', 'GRADUATED', 'NEVER_ENROLLED')),
    school_level  text        CHECK (school_level IN ('SD', 'SMP', 'SMA', 'SMK', 'HIGHER')),
    pip_recipient boolean     NOT NULL DEFAULT false,
    kip_number    varchar(20),
    version       bigint      NOT NULL DEFAULT 1,
    updated_at    timestamptz NOT NULL DEFAULT now()
);
