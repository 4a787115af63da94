-- Who saw whom, kept one row per request instead of one per number: a page of 50 households read by
-- a role that sees identities whole discloses about 200 NIKs and KKs, and a row each (with its index
-- entries) cost the database more than answering the page, growing with every page read. The
-- request's reads are now three parallel arrays (the field, the person, the household of each
-- read), and the view identity_read shows them as before: one row per number read, with the
-- request's id, reader, operation and time.

CREATE TABLE identity_read_request (
    id            bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    subject       text,
    username      text,
    client        text,
    roles         text,
    operation     text,
    request_id    text,
    fields        text[]      NOT NULL,
    member_ids    bigint[]    NOT NULL,
    household_ids bigint[]    NOT NULL,
    read_at       timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT identity_read_request_parallel CHECK (
        cardinality(fields) > 0
        AND cardinality(member_ids) = cardinality(fields)
        AND cardinality(household_ids) = cardinality(fields))
);

-- the reads logged so far, each as a request of its own, in their order
INSERT INTO identity_read_request (subject, username, client, roles, operation, request_id, fields, member_ids,
                                   household_ids, read_at)
SELECT subject, username, client, roles, operation, request_id, ARRAY[field], ARRAY[member_id], ARRAY[household_id], read_at
FROM identity_read
ORDER BY id;

DROP TABLE identity_read;

-- who read this person: the requests whose reads hold the member
CREATE INDEX identity_read_request_member_idx ON identity_read_request USING gin (member_ids);
CREATE INDEX identity_read_request_subject_idx ON identity_read_request (subject, id);

CREATE VIEW identity_read AS
SELECT request.id, request.subject, request.username, request.client, request.roles, request.operation,
       request.request_id, read.field, read.member_id, read.household_id, request.read_at
FROM identity_read_request request
CROSS JOIN LATERAL unnest(request.fields, request.member_ids, request.household_ids) AS read (field, member_id, household_id);

COMMENT ON VIEW identity_read IS
    'Every read of a whole NIK or KK (UU 27/2022), one row per person or household per request; the id is the request''s.';
