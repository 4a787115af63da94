-- The writes of scenario 3, sampled from the current data so that each one succeeds: one line a
-- target, "kind<TAB>role<TAB>current version<TAB>variables", where bench/wrk/writes.lua puts the
-- version the write expects in place of "%VERSION%" and the period's day in place of "%DAY%".
-- Every value written is one the target may hold: its own cluster confirmed, its own JKN status
-- recorded again, BPNT proposed for a household of DTSEN decile 5 or below that holds in the period
-- neither BPNT nor a programme an active exclusion rule keeps apart from it (BLT-DD). :base_day is
-- the first day of the periods (bench/sql/write-base-day.sql). Targets are
-- active households and living people, named by global ID as an agency app that pages through its
-- records names them (a whole KK or NIK from a role that sees it masked counts against its hourly
-- look-up allowance, which a benchmark would exhaust in seconds).
SELECT setseed(0.2017) \g /dev/null

-- the social office (and UPT-PK) confirm a household's cluster
SELECT 'assignCluster', CASE WHEN row_number() OVER () % 2 = 0 THEN 'uptpk' ELSE 'dinsos' END, s.version,
       json_build_object('input', json_build_object(
           'householdId', rtrim(translate(encode(convert_to('Household:' || h.id, 'UTF8'), 'base64'), '+/', '-_'), '='), 'expectedVersion', '%VERSION%', 'cluster', s.cluster_code,
           'reason', 'Cluster confirmed in the verification round.'))
FROM (SELECT s.* FROM social_facet s JOIN household h ON h.id = s.household_id
      WHERE h.status = 'ACTIVE' ORDER BY random() LIMIT 20000) s
JOIN household h ON h.id = s.household_id;

-- the health office records a person's JKN status as the insurer reports it
SELECT 'updateJknStatus', 'dinkes', f.version,
       json_build_object('input', json_build_object(
           'memberId', rtrim(translate(encode(convert_to('Member:' || m.id, 'UTF8'), 'base64'), '+/', '-_'), '='), 'expectedVersion', '%VERSION%', 'jknNumber', f.jkn_number, 'segment', f.segment,
           'active', f.active, 'since', f.since))
FROM (SELECT f.* FROM health_facet f JOIN member m ON m.id = f.member_id JOIN household h ON h.id = m.household_id
      WHERE m.status = 'LIVING' AND h.status = 'ACTIVE' ORDER BY random() LIMIT 20000) f
JOIN member m ON m.id = f.member_id;

-- the social office proposes BPNT for a day of the future
SELECT 'enrolBenefit', 'dinsos', 0,
       json_build_object('input', json_build_object(
           'programme', 'BPNT', 'householdId', rtrim(translate(encode(convert_to('Household:' || h.id, 'UTF8'), 'base64'), '+/', '-_'), '='), 'startsOn', '%DAY%', 'endsOn', '%DAY%', 'amount', 200000,
           'reason', 'Sembako for DTSEN decile ' || s.decile || '.'))
FROM (SELECT s.* FROM social_facet s JOIN household h ON h.id = s.household_id
      WHERE s.decile <= 5 AND h.status = 'ACTIVE'
        AND NOT EXISTS (SELECT 1 FROM benefit b
                        WHERE b.household_id = s.household_id
                          AND (b.programme_code = 'BPNT'
                               OR b.programme_code IN (SELECT r.programme_code FROM exclusion_rule r
                                                       WHERE r.active AND r.excluded_programme_code = 'BPNT')
                               OR b.programme_code IN (SELECT r.excluded_programme_code FROM exclusion_rule r
                                                       WHERE r.active AND r.programme_code = 'BPNT'))
                          AND (b.ends_on IS NULL OR b.ends_on >= :'base_day'))
      ORDER BY random() LIMIT 20000) s
JOIN household h ON h.id = s.household_id;
