-- Secrets of this installation of the hub. The masking key turns a NIK or KK into the short tag a
-- role that sees identity numbers masked is shown (5106********KQXF): a keyed hash, so the masked
-- form tells records apart but says nothing about the hidden digits to anyone without the key.
-- Each installation draws its own key here; whoever reads this table reads the numbers anyway.
CREATE TABLE hub_secret (
    name  text  PRIMARY KEY,
    value bytea NOT NULL CHECK (length(value) >= 16)
);

INSERT INTO hub_secret (name, value)
VALUES ('masking', decode(replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', ''), 'hex'));
