-- The service desk (UPT-PK, and village operators in their village): residents' requests, referred
-- to the agency that can act, followed until they are resolved within a service level per kind.

-- The kinds of request and their service levels: hours from opening to resolution. Another regency
-- changes these rows, not the code. Correction requests take at most 3x24 hours (UU 27/2022).
CREATE TABLE service_request_kind (
    code          text     PRIMARY KEY CHECK (code ~ '^[A-Z][A-Z0-9_]*$'),
    name          text     NOT NULL,
    description   text     NOT NULL,
    service_hours integer  NOT NULL CHECK (service_hours BETWEEN 1 AND 8760),
    -- the reporter of this kind of complaint is never shown to the agency or the reported family
    anonymous_reporter boolean NOT NULL DEFAULT false,
    -- whether a request of this kind must name the household or person it is about
    about_required boolean NOT NULL DEFAULT true,
    sort_order    smallint NOT NULL DEFAULT 0
);

INSERT INTO service_request_kind (code, name, description, service_hours, anonymous_reporter, about_required, sort_order) VALUES
    ('JKN_PBI', 'JKN / KIS-PBI', 'Health cover whose premium the state pays.', 120, false, true, 1),
    ('HOUSE_RENOVATION', 'Bedah rumah (RTLH)', 'Renovation of an unfit house.', 336, false, true, 2),
    ('SCHOOL_SUPPORT', 'Bantuan sekolah (PIP)', 'Education aid for a school-age child.', 168, false, true, 3),
    ('FOOD_AID', 'Bantuan pangan', 'Food or rice aid.', 168, false, true, 4),
    ('CARD', 'Kartu keluarga miskin', 'The family''s card of its cluster.', 72, false, true, 5),
    ('DATA_CORRECTION', 'Perbaikan data', 'Correction of the hub''s data about a household or person (UU 27/2022: 3x24 hours).', 72, false, true, 6),
    -- the missed family is often not registered yet: the description names it
    ('EXCLUSION_ERROR', 'Keluarga terlewat', 'Complaint that a poor family was missed.', 336, false, false, 7),
    ('INCLUSION_ERROR', 'Bantuan salah sasaran', 'Complaint that a family receives aid it should not.', 336, true, true, 8),
    ('INFORMATION', 'Informasi', 'A question answered at the desk or by an agency.', 24, false, false, 9);

-- the serial of receipt numbers (LYN-2026-000123)
CREATE SEQUENCE service_request_serial;

-- One request (ticket). Who asked: a registered member, or a person by NIK and name not yet
-- registered; their birth date is the second factor of the resident's status check.
CREATE TABLE service_request (
    id                   bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    number               text        NOT NULL CONSTRAINT service_request_number_key UNIQUE,
    kind_code            text        NOT NULL REFERENCES service_request_kind (code),
    state                text        NOT NULL CHECK (state IN ('OPEN', 'REFERRED', 'ACCEPTED', 'RESOLVED')),
    -- whom the request is about
    household_id         bigint      REFERENCES household (id),
    member_id            bigint      REFERENCES member (id),
    description          text        NOT NULL,
    -- who asked; never a field an agency reads
    reporter_member_id   bigint      REFERENCES member (id),
    reporter_nik         text        CHECK (reporter_nik ~ '^[0-9]{16}$'),
    reporter_name        text,
    reporter_birth_date  date        NOT NULL,
    reporter_phone       text,
    -- the desk that took it: UPT-PK (no village) or a village operator's village
    desk_role            text        NOT NULL CHECK (desk_role IN ('uptpk', 'desa')),
    village_code         text        REFERENCES region (code),
    taken_by             text        NOT NULL,
    -- the agency it is referred to (while REFERRED or ACCEPTED), or that resolved it; none at the desk
    agency_code          text        REFERENCES agency (code),
    opened_at            timestamptz NOT NULL,
    due_at               timestamptz NOT NULL,
    escalated_at         timestamptz,
    resolved_at          timestamptz,
    outcome              text        CHECK (outcome IN ('ENROLLED', 'GRANTED', 'NOT_ELIGIBLE', 'CORRECTED', 'FOUNDED',
                                                        'UNFOUNDED', 'ANSWERED', 'WITHDRAWN')),
    outcome_note         text,
    benefit_id           bigint      REFERENCES benefit (id),
    version              bigint      NOT NULL DEFAULT 1,
    updated_at           timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT service_request_reporter CHECK (reporter_member_id IS NOT NULL OR (reporter_nik IS NOT NULL AND reporter_name IS NOT NULL)),
    CONSTRAINT service_request_referred CHECK (state NOT IN ('REFERRED', 'ACCEPTED') OR agency_code IS NOT NULL),
    CONSTRAINT service_request_at_the_desk CHECK (state <> 'OPEN' OR agency_code IS NULL),
    CONSTRAINT service_request_resolved CHECK ((state = 'RESOLVED') = (resolved_at IS NOT NULL AND outcome IS NOT NULL))
);

CREATE INDEX service_request_open_idx ON service_request (due_at) WHERE state <> 'RESOLVED';
CREATE INDEX service_request_agency_idx ON service_request (agency_code, due_at) WHERE agency_code IS NOT NULL;
CREATE INDEX service_request_household_idx ON service_request (household_id) WHERE household_id IS NOT NULL;
CREATE INDEX service_request_member_idx ON service_request (member_id) WHERE member_id IS NOT NULL;

-- The request's path: opened, referred, accepted, returned, escalated, resolved; kept for the
-- service-level figures and the request's own timeline.
CREATE TABLE service_request_step (
    id           bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    request_id   bigint      NOT NULL REFERENCES service_request (id),
    step         text        NOT NULL CHECK (step IN ('OPENED', 'REFERRED', 'ACCEPTED', 'RETURNED', 'ESCALATED', 'RESOLVED')),
    agency_code  text        REFERENCES agency (code),
    note         text,
    actor        text        NOT NULL,
    occurred_at  timestamptz NOT NULL
);

CREATE INDEX service_request_step_request_idx ON service_request_step (request_id, id);

SELECT audit_table('service_request');
