-- The family's card: UPT-PK issues one per poor household, of the type of its cluster (Melati,
-- Menur, Kenanga), covering its members for a period. A change of cluster or members reissues it
-- and revokes the old one; revoked cards are kept. The card's QR code holds a token signed with a
-- key the database never holds, naming only the card number and its last valid day.
CREATE SEQUENCE family_card_serial;

CREATE TABLE family_card (
    id                 bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    number             text        NOT NULL CONSTRAINT family_card_number_key UNIQUE,
    household_id       bigint      NOT NULL REFERENCES household (id),
    cluster_code       text        NOT NULL REFERENCES cluster (code),
    covered_member_ids bigint[]    NOT NULL,
    valid_from         date        NOT NULL,
    valid_until        date        NOT NULL,
    issued_at          timestamptz NOT NULL,
    issued_by          text        NOT NULL,
    revoked_at         timestamptz,
    revoke_reason      text,
    replaced_by_id     bigint      REFERENCES family_card (id),
    version            bigint      NOT NULL DEFAULT 1,
    updated_at         timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT family_card_validity CHECK (valid_until >= valid_from),
    CONSTRAINT family_card_revocation CHECK ((revoked_at IS NULL) = (revoke_reason IS NULL))
);

-- one card in force per household
CREATE UNIQUE INDEX family_card_one_in_force ON family_card (household_id) WHERE revoked_at IS NULL;

SELECT audit_table('family_card');
