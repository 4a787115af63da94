-- Functions the compiled households page (one statement that builds a page's JSON) uses to answer
-- exactly what the per-field path answers.

-- The URL-safe base64 of a text without padding, as global IDs and cursors are encoded
-- (base64url of 'Household:42'); PostgreSQL's base64 breaks lines, which are dropped.
CREATE FUNCTION base64url(plain text) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $$ SELECT rtrim(translate(encode(convert_to(plain, 'UTF8'), 'base64'), E'+/\n', '-_'), '=') $$;

-- The inner and outer keys of HMAC-SHA256 with the masking key of hub_secret (64 bytes each,
-- inner first): the key padded to the hash's block with zeros, XOR 0x36 and XOR 0x5c. Computed once
-- per statement and handed to identity_mask, so the key never leaves the database.
CREATE FUNCTION identity_mask_pads() RETURNS bytea
    LANGUAGE plpgsql STABLE PARALLEL SAFE
AS $$
DECLARE
    key       bytea;
    inner_key bytea;
    outer_key bytea;
BEGIN
    SELECT value INTO STRICT key FROM hub_secret WHERE name = 'masking';
    IF length(key) > 64 THEN
        key := sha256(key);
    END IF;
    key := key || decode(repeat('00', 64 - length(key)), 'hex');
    inner_key := key;
    outer_key := key;
    FOR i IN 0..63 LOOP
        inner_key := set_byte(inner_key, i, get_byte(key, i) # 54);
        outer_key := set_byte(outer_key, i, get_byte(key, i) # 92);
    END LOOP;
    RETURN inner_key || outer_key;
END
$$;

-- The masked form of a NIK or KK as the hub shows it to the roles that see such numbers masked
-- (5106********KQXF): its first four digits, eight stars, and four letters drawn from the
-- HMAC-SHA256 of the whole number (its first four bytes, each modulo the 24 letters without I and
-- O), with the pads of identity_mask_pads(). In PL/pgSQL, which hashes once per number and keeps
-- its expressions' plans: a few microseconds a number.
CREATE FUNCTION identity_mask(number text, pads bytea) RETURNS text
    LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
AS $$
DECLARE
    letters CONSTANT text := 'ABCDEFGHJKLMNPQRSTUVWXYZ';
    hash    bytea;
BEGIN
    IF number IS NULL THEN
        RETURN NULL;
    END IF;
    hash := sha256(substr(pads, 65, 64) || sha256(substr(pads, 1, 64) || convert_to(number, 'UTF8')));
    RETURN CASE WHEN length(number) >= 4 THEN left(number, 4) ELSE '' END || '********'
        || substr(letters, get_byte(hash, 0) % 24 + 1, 1) || substr(letters, get_byte(hash, 1) % 24 + 1, 1)
        || substr(letters, get_byte(hash, 2) % 24 + 1, 1) || substr(letters, get_byte(hash, 3) % 24 + 1, 1);
END
$$;

-- A number of the schema's Float as the field-by-field answer writes it, for the amounts of
-- numeric(14,2): the double's shortest digits (which are the decimal's, at 14 digits), written as
-- Java writes a double: 600000.0 and 750000.5 below ten million, 1.75E7 from it.
CREATE FUNCTION graphql_float(amount numeric) RETURNS json
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
SELECT (CASE
    WHEN amount IS NULL THEN NULL
    WHEN amount = 0 THEN '0.0'
    WHEN abs(amount) >= 10000000 THEN
        CASE WHEN amount < 0 THEN '-' ELSE '' END
            || left(rtrim(replace(trim_scale(abs(amount))::text, '.', ''), '0'), 1) || '.'
            || coalesce(nullif(substr(rtrim(replace(trim_scale(abs(amount))::text, '.', ''), '0'), 2), ''), '0')
            || 'E' || (length(trunc(abs(amount))::text) - 1)
    WHEN trim_scale(amount) = trunc(amount) THEN trunc(amount)::text || '.0'
    ELSE trim_scale(amount)::text
END)::json
$$;
