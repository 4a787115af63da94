-- A change that needs a decision (usulan): a village or an agency proposes it, the agency the
-- access policy names approves or rejects it, and only an approval applies it. The request keeps
-- who proposed it from where, why, what it would change, and what the decision applied.
CREATE TABLE change_request (
    id                   bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind                 text        NOT NULL CHECK (kind IN (
                             'REGISTER_HOUSEHOLD', 'ADD_MEMBER', 'ENROL_BENEFIT', 'STOP_BENEFIT', 'CORRECT_IDENTITY',
                             'CHANGE_HEAD', 'RECORD_DEATH', 'MOVE_MEMBER', 'SPLIT_HOUSEHOLD', 'DISSOLVE_HOUSEHOLD')),
    -- the programme of a benefit request: its approver is the agency of the programme
    programme_code       text        REFERENCES programme (code),
    -- whom the request is about; a registration names its household once it is approved
    household_id         bigint      REFERENCES household (id),
    member_id            bigint      REFERENCES member (id),
    -- the village the request belongs to: a region claim limits who sees and proposes it
    village_code         varchar(13) NOT NULL REFERENCES region (code),
    -- the proposed change, as the proposing mutation's input (records named by their row ids)
    proposal             jsonb       NOT NULL,
    -- the proposed change in words, with no identity numbers
    summary              text        NOT NULL,
    reason               text        NOT NULL CHECK (length(btrim(reason)) > 0),
    -- the rules the change broke when it was proposed (told to the proposer, shown to the approver)
    warnings             text[]      NOT NULL DEFAULT '{}',
    state                text        NOT NULL DEFAULT 'PENDING'
                         CHECK (state IN ('PENDING', 'APPROVED', 'REJECTED', 'WITHDRAWN')),
    -- a person's request to correct their own data: UU 27/2022 gives the controller 3x24 hours
    own_data             boolean     NOT NULL DEFAULT false,
    proposed_by_subject  text        NOT NULL,
    proposed_by_username text,
    proposed_by_role     text        NOT NULL,
    proposed_by_region   text,
    proposed_at          timestamptz NOT NULL DEFAULT now(),
    due_at               timestamptz NOT NULL,
    -- the verification round whose closing opened this request
    round_id             bigint      REFERENCES verification_round (id),
    decided_by_subject   text,
    decided_by_username  text,
    decided_by_role      text,
    decided_at           timestamptz,
    decision_reason      text,
    -- what the approval applied, in words
    applied              text,
    version              bigint      NOT NULL DEFAULT 1,
    updated_at           timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT change_request_decided CHECK ((state = 'PENDING') = (decided_at IS NULL)),
    CONSTRAINT change_request_decision_reason CHECK (state = 'PENDING' OR decision_reason IS NOT NULL),
    -- four eyes: whoever proposed a change never decides it (a withdrawal is the proposer's own)
    CONSTRAINT change_request_four_eyes CHECK (state IN ('PENDING', 'WITHDRAWN') OR decided_by_subject <> proposed_by_subject),
    CONSTRAINT change_request_programme_of_benefits CHECK
        ((programme_code IS NOT NULL) = (kind IN ('ENROL_BENEFIT', 'STOP_BENEFIT')))
);

-- the approvers' queues: pending first, oldest first
CREATE INDEX change_request_queue_idx ON change_request (state, proposed_at, id);
CREATE INDEX change_request_household_idx ON change_request (household_id) WHERE household_id IS NOT NULL;
CREATE INDEX change_request_member_idx ON change_request (member_id) WHERE member_id IS NOT NULL;
-- a round's closing opens its requests once
CREATE UNIQUE INDEX change_request_one_per_round_result ON change_request (round_id, household_id, kind)
    WHERE round_id IS NOT NULL AND programme_code IS NULL;

-- Evidence for a request: the musdes minutes (berita acara), a death certificate, a photo of the
-- KK. Stored in the database with its SHA-256, so the file a decision rested on can be proven.
CREATE TABLE change_request_attachment (
    id                bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    change_request_id bigint      NOT NULL REFERENCES change_request (id),
    file_name         text        NOT NULL CHECK (length(btrim(file_name)) BETWEEN 1 AND 200),
    -- the type the content was recognised as, never the type the sender claimed
    content_type      text        NOT NULL CHECK (content_type IN ('application/pdf', 'image/jpeg', 'image/png')),
    size_bytes        integer     NOT NULL CHECK (size_bytes > 0),
    sha256            char(64)    NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    content           bytea       NOT NULL,
    uploaded_by       text        NOT NULL,
    uploaded_at       timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX change_request_attachment_request_idx ON change_request_attachment (change_request_id);

-- each step of a request (proposed, approved, rejected, withdrawn) is in the audit trail, and so in
-- the household's and the person's history and the change feed
SELECT audit_table('change_request');
