-- The floor of scenario 1: one SQL statement that builds the JSON the hub answers for
-- bench/graphql/household-page.graphql (its "data"), for the page after household id :after
-- (0 for the first page), with the same rows, order, ids, cursors and values. Run by pgbench and,
-- once per page, by psql to check that it equals the hub's answer.
WITH page AS (
    SELECT h.id, h.kk, h.address, h.rt, h.rw, h.status, h.version
    FROM household h
    WHERE h.id > :after
      AND (h.village_code = '51.06' OR h.village_code LIKE '51.06.%')
    ORDER BY h.id
    LIMIT 51
), shown AS (
    SELECT * FROM page ORDER BY id LIMIT 50
)
SELECT json_build_object('households', json_build_object(
    'pageInfo', json_build_object(
        'hasNextPage', (SELECT count(*) FROM page) > 50,
        'endCursor', (SELECT rtrim(translate(encode(convert_to('REGISTERED|' || max(id), 'UTF8'), 'base64'), '+/', '-_'), '=')
                      FROM shown)),
    'edges', coalesce((
        SELECT json_agg(json_build_object(
            'cursor', rtrim(translate(encode(convert_to('REGISTERED|' || p.id, 'UTF8'), 'base64'), '+/', '-_'), '='),
            'node', json_build_object(
                'id', rtrim(translate(encode(convert_to('Household:' || p.id, 'UTF8'), 'base64'), '+/', '-_'), '='),
                'kk', p.kk, 'address', p.address, 'rt', p.rt, 'rw', p.rw, 'status', p.status, 'version', p.version,
                'members', coalesce((
                    SELECT json_agg(json_build_object(
                        'id', rtrim(translate(encode(convert_to('Member:' || m.id, 'UTF8'), 'base64'), '+/', '-_'), '='),
                        'nik', m.nik, 'name', m.name, 'sex', m.sex, 'birthDate', m.birth_date,
                        'relationship', m.relationship, 'version', m.version,
                        'health', (
                            SELECT json_build_object('jknNumber', f.jkn_number, 'segment', f.segment,
                                                     'active', f.active, 'since', f.since, 'version', f.version)
                            FROM health_facet f WHERE f.member_id = m.id),
                        'benefits', coalesce((
                            SELECT json_agg(json_build_object(
                                'id', rtrim(translate(encode(convert_to('Benefit:' || b.id, 'UTF8'), 'base64'), '+/', '-_'), '='),
                                'programme', json_build_object('code', b.programme_code),
                                'startsOn', b.starts_on, 'endsOn', b.ends_on, 'status', b.status, 'amount', b.amount)
                                ORDER BY b.starts_on DESC, b.id DESC)
                            FROM benefit b WHERE b.member_id = m.id), '[]'))
                        ORDER BY m.relationship = 'HEAD' DESC, m.birth_date, m.id)
                    FROM member m WHERE m.household_id = p.id), '[]'),
                'benefits', coalesce((
                    SELECT json_agg(json_build_object(
                        'id', rtrim(translate(encode(convert_to('Benefit:' || b.id, 'UTF8'), 'base64'), '+/', '-_'), '='),
                        'programme', json_build_object('code', b.programme_code),
                        'startsOn', b.starts_on, 'endsOn', b.ends_on, 'status', b.status, 'amount', b.amount)
                        ORDER BY b.starts_on DESC, b.id DESC)
                    FROM benefit b WHERE b.household_id = p.id), '[]')))
            ORDER BY p.id)
        FROM shown p), '[]'))) AS data;
