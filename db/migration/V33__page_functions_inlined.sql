-- The compiled page's functions, declared so that PostgreSQL inlines them into the statement that
-- calls them: a SQL function whose body calls a function less immutable than it is declared is run
-- as a function call for every value (about 2 to 4 microseconds each, for some 500 ids and 200
-- amounts a page) instead of as an expression of the statement. Their results are unchanged.

-- convert_to is STABLE, so base64url is STABLE too.
CREATE OR REPLACE FUNCTION base64url(plain text) RETURNS text
    LANGUAGE sql STABLE STRICT PARALLEL SAFE
AS $$ SELECT rtrim(translate(encode(convert_to(plain, 'UTF8'), 'base64'), E'+/\n', '-_'), '=') $$;

-- The exponent is cast to text before it is appended: text || integer is STABLE (anytextcat),
-- text || text is IMMUTABLE.
CREATE OR REPLACE FUNCTION graphql_float(amount numeric) RETURNS json
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
SELECT (CASE
    WHEN amount IS NULL THEN NULL
    WHEN amount = 0 THEN '0.0'
    WHEN abs(amount) >= 10000000 THEN
        CASE WHEN amount < 0 THEN '-' ELSE '' END
            || left(rtrim(replace(trim_scale(abs(amount))::text, '.', ''), '0'), 1) || '.'
            || coalesce(nullif(substr(rtrim(replace(trim_scale(abs(amount))::text, '.', ''), '0'), 2), ''), '0')
            || 'E' || (length(trunc(abs(amount))::text) - 1)::text
    WHEN trim_scale(amount) = trunc(amount) THEN trunc(amount)::text || '.0'
    ELSE trim_scale(amount)::text
END)::json
$$;
