-- The first day of scenario 3's BPNT enrolments, as days since 1970-01-01: a day in the future
-- after every period an earlier run enrolled, so no enrolment overlaps another (no double aid).
SELECT greatest(date '2031-01-01', coalesce(max(ends_on) + 1, date '2031-01-01')) - date '1970-01-01'
FROM benefit
WHERE programme_code = 'BPNT' AND starts_on >= date '2031-01-01';
