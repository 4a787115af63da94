-- A household (keluarga) has its own id: its KK number changes on moves, deaths, divorce or a split.
CREATE TABLE household (
    id            bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    -- one current family card per household, and one household per family card
    kk            char(16)    NOT NULL CONSTRAINT household_kk_key UNIQUE
                  CONSTRAINT household_kk_format CHECK (kk ~ '^[0-9]{16}$'),
    village_code  varchar(13) NOT NULL CONSTRAINT household_village_fkey REFERENCES region (code),
    address       text        NOT NULL,
    rt            varchar(3),
    rw            varchar(3),
    status        text        NOT NULL DEFAULT 'ACTIVE'
                  CHECK (status IN ('ACTIVE', 'DISSOLVED')),
    -- optimistic lock of the core facet (KK, address, members), owned by the village and UPT-PK
    version       bigint      NOT NULL DEFAULT 1,
    registered_at timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX household_village_code_idx ON household (village_code varchar_pattern_ops);

-- Earlier KK numbers of a household, so a search by an old card still finds the family.
CREATE TABLE household_kk_history (
    id           bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    household_id bigint      NOT NULL REFERENCES household (id),
    kk           char(16)    NOT NULL,
    replaced_at  timestamptz NOT NULL DEFAULT now(),
    reason       text        NOT NULL
);

CREATE INDEX household_kk_history_household_idx ON household_kk_history (household_id);
CREATE INDEX household_kk_history_kk_idx ON household_kk_history (kk);

-- A person (anggota keluarga): one person, one record, so the NIK is unique across the whole hub.
CREATE TABLE member (
    id           bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    nik          char(16)    NOT NULL CONSTRAINT member_nik_key UNIQUE
                 CONSTRAINT member_nik_format CHECK (nik ~ '^[0-9]{16}$'),
    name         text        NOT NULL CHECK (length(trim(name)) > 0),
    sex          text        NOT NULL CHECK (sex IN ('MALE', 'FEMALE')),
    birth_date   date        NOT NULL,
    relationship text        NOT NULL CHECK (relationship IN (
                     'HEAD', 'SPOUSE', 'CHILD', 'CHILD_IN_LAW', 'GRANDCHILD', 'PARENT',
                     'PARENT_IN_LAW', 'OTHER_RELATIVE', 'HOUSEHOLD_HELP', 'OTHER')),
    household_id bigint      NOT NULL REFERENCES household (id),
    version      bigint      NOT NULL DEFAULT 1,
    registered_at timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX member_household_idx ON member (household_id);

-- name search across a regency without scanning every member
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX member_name_trgm_idx ON member USING gin (lower(name) gin_trgm_ops);
-- a family card names one head
CREATE UNIQUE INDEX member_one_head_per_household ON member (household_id) WHERE relationship = 'HEAD';

-- Moving a member keeps where they came from.
CREATE TABLE member_move (
    id                bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    member_id         bigint      NOT NULL REFERENCES member (id),
    from_household_id bigint      NOT NULL REFERENCES household (id),
    to_household_id   bigint      NOT NULL REFERENCES household (id),
    from_relationship text        NOT NULL,
    to_relationship   text        NOT NULL,
    moved_on          date        NOT NULL,
    reason            text        NOT NULL,
    recorded_at       timestamptz NOT NULL DEFAULT now(),
    CHECK (from_household_id <> to_household_id)
);

CREATE INDEX member_move_member_idx ON member_move (member_id);
