-- A data correction or a missed family is not written by the desk: it opens the matching change
-- request (an identity correction, a household's registration), and the service request is
-- resolved when that change request is decided.
ALTER TABLE service_request
    ADD COLUMN change_request_id bigint REFERENCES change_request (id)
        CONSTRAINT service_request_change_request_key UNIQUE;

ALTER TABLE service_request_step DROP CONSTRAINT service_request_step_step_check;
ALTER TABLE service_request_step ADD CONSTRAINT service_request_step_step_check
    CHECK (step IN ('OPENED', 'REFERRED', 'ACCEPTED', 'RETURNED', 'ESCALATED', 'RESOLVED', 'CHANGE_PROPOSED', 'CHANGE_WITHDRAWN'));
