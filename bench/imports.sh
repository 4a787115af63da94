#!/usr/bin/env bash
# The import benchmark (issue 15), in one command: applies the insurer's list of ROWS JKN statuses
# through the hub (POST /imports, the job applied batch by batch, audited) and, in the same run on
# the same database, loads the same file with PostgreSQL's COPY into a staging table and applies
# it with one set-based statement (the floor). Both start from the same state: the people of the
# list without a JKN record, the audit trail sealed. Floor and hub take turns, REPEAT rounds of
# each, so that a drift of the machine or the database over the run reaches both. Writes the
# figures to docs/benchmarks.md (section "Imports") and samples the hub's resident memory while it
# imports. Runs as root on a Debian machine with a JDK 21+; see docs/benchmarks.md.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
BENCH=$ROOT/bench

ROWS=100000
HOUSEHOLDS=32000
REPEAT=3
SEAL_WAIT=1
BUILD=1
WRITE_DOC=1
while [ $# -gt 0 ]; do
  case "$1" in
    --rows) ROWS=$2; shift 2 ;;
    --households) HOUSEHOLDS=$2; shift 2 ;;
    --repeat) REPEAT=$2; shift 2 ;;
    --no-seal-wait) SEAL_WAIT=0; shift ;;
    --skip-build) BUILD=0; shift ;;
    --no-doc) WRITE_DOC=0; shift ;;
    -h|--help)
      echo "Usage: bench/imports.sh [--rows N (100000)] [--households N (32000: enough people for the rows)] [--repeat N (3 rounds of floor and hub)] [--skip-build] [--no-doc]"
      echo "  [--no-seal-wait]: measure without waiting for the hub to seal the audit trail first (for the memory of a large import"
      echo "  on a freshly filled database, whose trail takes long to seal; the times are then not comparable)"
      echo "Environment: BENCH_HUB_PORT (8080), BENCH_MANAGEMENT_PORT (8081), BENCH_KEYCLOAK_PORT (8180), BENCH_KEYCLOAK_MANAGEMENT_PORT (9180), BENCH_JAVA_OPTS,"
      echo "PGHOST/PGPORT/PGUSER/PGPASSWORD (127.0.0.1, 5432, postgres, postgres)."
      exit 0 ;;
    *) echo "Unknown option $1; see --help" >&2; exit 2 ;;
  esac
done

HUB_PORT=${BENCH_HUB_PORT:-8080}
MANAGEMENT_PORT=${BENCH_MANAGEMENT_PORT:-8081}
KEYCLOAK_PORT=${BENCH_KEYCLOAK_PORT:-8180}
KEYCLOAK_MANAGEMENT_PORT=${BENCH_KEYCLOAK_MANAGEMENT_PORT:-$((KEYCLOAK_PORT + 1000))}
# the same 512 MiB budget as bench/run.sh
JAVA_OPTS=${BENCH_JAVA_OPTS:-"-Xms208m -Xmx208m -Xmn144m -XX:SurvivorRatio=3 -XX:+UseSerialGC -XX:MaxMetaspaceSize=160m -XX:ReservedCodeCacheSize=96m -Xss512k"}
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres} PGPASSWORD=${PGPASSWORD:-postgres}
DB=terpadu_bench_imports_$HOUSEHOLDS
WORK=$BENCH/results/imports-$(date -u +%Y%m%dT%H%M%SZ)
mkdir -p "$WORK"
log() { echo "[bench $(date -u +%H:%M:%S)] $*" >&2; }

is_jdk21() { [ -x "$1/bin/java" ] && "$1/bin/java" -version 2>&1 | grep -qE 'version "(2[1-9]|[3-9][0-9])'; }
if [ -z "${JAVA_HOME:-}" ] || ! is_jdk21 "$JAVA_HOME"; then
  for candidate in /usr/lib/jvm/*; do is_jdk21 "$candidate" && JAVA_HOME=$candidate; done
fi
export JAVA_HOME
JAVA=$JAVA_HOME/bin/java
for tool in jq curl psql; do command -v $tool >/dev/null || { echo "$tool is missing" >&2; exit 1; }; done

if [ "$BUILD" = 1 ]; then
  log "building the hub"
  ./mvnw -q -DskipTests package
fi
JAR=$ROOT/target/terpadu.jar

HUB_PID=
stop_hub() {
  if [ -n "$HUB_PID" ] && kill -0 "$HUB_PID" 2>/dev/null; then
    kill "$HUB_PID"
    for _ in $(seq 1 60); do kill -0 "$HUB_PID" 2>/dev/null || break; sleep 1; done
    kill -9 "$HUB_PID" 2>/dev/null || true
  fi
  HUB_PID=
}
. "$BENCH/keycloak.sh"
trap 'stop_hub; stop_keycloak' EXIT

# --- a database with enough people -------------------------------------------------------------

# the demo's households of 2017 (the scale asked for) come with the 2015 round's, which have since
# left: the database's comment records the scale it was filled at, and a filled database is kept
if ! psql -Atc "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = '$DB'" 2>/dev/null \
    | grep -q "^Terpadu benchmark: $HOUSEHOLDS demo households"; then
  log "filling $DB with $HOUSEHOLDS demo households"
  psql -qc "DROP DATABASE IF EXISTS $DB WITH (FORCE)" -c "CREATE DATABASE $DB"
  SPRING_DATASOURCE_URL="jdbc:postgresql://$PGHOST:$PGPORT/$DB" SPRING_DATASOURCE_USERNAME=$PGUSER SPRING_DATASOURCE_PASSWORD=$PGPASSWORD \
    "$JAVA" -Xmx512m -jar "$JAR" --spring.profiles.active=demo --server.port="$HUB_PORT" \
    --management.server.port="$MANAGEMENT_PORT" --terpadu.demo.households="$HOUSEHOLDS" \
    --spring.security.oauth2.resourceserver.jwt.issuer-uri=http://127.0.0.1:9/realms/none > "$WORK/fill.log" 2>&1 &
  HUB_PID=$!
  until grep -q 'Loaded demo data' "$WORK/fill.log"; do
    kill -0 "$HUB_PID" 2>/dev/null || { echo "The fill stopped; see $WORK/fill.log" >&2; exit 1; }
    sleep 5
  done
  stop_hub
  psql -d "$DB" -qc "VACUUM (ANALYZE)"
  psql -qc "COMMENT ON DATABASE $DB IS 'Terpadu benchmark: $HOUSEHOLDS demo households, filled on $(date -u +%Y-%m-%d)'"
fi
people=$(psql -d "$DB" -Atc "SELECT count(*) FROM member")
[ "$people" -ge "$ROWS" ] || { echo "$DB holds $people people, fewer than $ROWS rows: use more --households" >&2; exit 1; }

# --- the list: the first ROWS people, each with a segment, a card number and a date -------------

LIST=$WORK/jkn.csv
psql -d "$DB" -Atc "COPY (SELECT nik, CASE WHEN id % 3 = 0 THEN 'PBPU' ELSE 'PBI_APBN' END, 'ya', '2024-01-01',
                            lpad((1000000000000 + id)::text, 13, '0')
                       FROM member ORDER BY id LIMIT $ROWS) TO STDOUT WITH (FORMAT csv, HEADER false)" > "$WORK/rows.csv"
{ echo "nik,segment,active,since,jknNumber"; cat "$WORK/rows.csv"; } > "$LIST"
log "the list: $ROWS rows, $(du -h "$LIST" | cut -f1)"

# the same starting point for both: the listed people without a JKN record
reset() {
  # a kept database holds the earlier runs' jobs: the same file again would be refused as a duplicate
  psql -d "$DB" -qc "DELETE FROM import_row_problem" -c "DELETE FROM import_job" \
    -c "DELETE FROM health_facet WHERE member_id IN (SELECT id FROM member ORDER BY id LIMIT $ROWS)" \
    -c "VACUUM (ANALYZE) health_facet"
}

# --- the hub, started once; it seals the audit trail in the background ------------------------

start_keycloak
log "starting the hub ($JAVA_OPTS)"
SPRING_DATASOURCE_URL="jdbc:postgresql://$PGHOST:$PGPORT/$DB" SPRING_DATASOURCE_USERNAME=$PGUSER SPRING_DATASOURCE_PASSWORD=$PGPASSWORD \
  "$JAVA" $JAVA_OPTS -jar "$JAR" --spring.profiles.active=demo --server.port="$HUB_PORT" \
  --management.server.port="$MANAGEMENT_PORT" \
  --spring.security.oauth2.resourceserver.jwt.issuer-uri="http://localhost:$KEYCLOAK_PORT/realms/terpadu" \
  --terpadu.demo.households="$HOUSEHOLDS" --terpadu.imports.directory="$WORK/uploads" > "$WORK/hub.log" 2>&1 &
HUB_PID=$!
until curl -sf "http://localhost:$MANAGEMENT_PORT/actuator/health/readiness" >/dev/null 2>&1; do
  kill -0 "$HUB_PID" 2>/dev/null || { echo "The hub stopped; see $WORK/hub.log" >&2; exit 1; }
  sleep 1
done
log "hub ready"

# each measurement starts with the trail of what came before (the reset's deletions, the other
# path's rows) sealed, so that it is measured against its own work only
wait_sealed() {
  [ "$SEAL_WAIT" = 1 ] || return 0
  local waited=0
  until [ "$(psql -d "$DB" -Atc "SELECT coalesce((SELECT max(position) FROM audit_entry), 0) <= coalesce((SELECT max(position) FROM audit_seal), 0)")" = t ]; do
    kill -0 "$HUB_PID" 2>/dev/null || { echo "The hub stopped; see $WORK/hub.log" >&2; exit 1; }
    [ "$waited" -lt 1800 ] || { echo "The hub did not seal the audit trail in 30 minutes; see $WORK/hub.log" >&2; exit 1; }
    sleep 2; waited=$((waited + 2))
  done
}

# --- the floor: COPY into a staging table and one set-based statement --------------------------

run_floor() {
  local round=$1 started
  log "round $round, floor: COPY + one INSERT ... ON CONFLICT"
  started=$(date +%s.%N)
  psql -d "$DB" -q -v ON_ERROR_STOP=1 <<SQL > "$WORK/floor-$round.log" 2>&1
BEGIN;
SELECT audit_context('bench', 'bench', 'bench', 'dinkes', 'floor', 'floor');
CREATE TEMP TABLE staging (nik char(16), segment text, active text, since date, jkn_number text) ON COMMIT DROP;
\copy staging FROM '$WORK/rows.csv' WITH (FORMAT csv)
INSERT INTO health_facet (member_id, jkn_number, segment, active, since, source)
SELECT m.id, s.jkn_number, s.segment, s.active = 'ya', s.since, 'floor'
  FROM staging s JOIN member m ON m.nik = s.nik
ON CONFLICT (member_id) DO UPDATE SET jkn_number = excluded.jkn_number, segment = excluded.segment,
  active = excluded.active, since = excluded.since, source = excluded.source, version = health_facet.version + 1;
COMMIT;
SQL
  floor_seconds=$(echo "$(date +%s.%N) - $started" | bc)
  floor_rows=$(psql -d "$DB" -Atc "SELECT count(*) FROM health_facet WHERE source = 'floor'")
  log "round $round, floor: $floor_rows rows in $floor_seconds s"
}

# --- the hub: POST /imports, the job applied in batches ----------------------------------------

rss_peak=0
run_hub() {
  local round=$1 started token job status rss
  token=$(curl -sf "http://localhost:$KEYCLOAK_PORT/realms/terpadu/protocol/openid-connect/token" \
    -d grant_type=password -d client_id=terpadu-cli -d username=dinkes -d password=dinkes | jq -r .access_token)
  log "round $round, hub: POST /imports (dryRun=false)"
  started=$(date +%s.%N)
  job=$(curl -sf -H "Authorization: Bearer $token" -F kind=JKN -F dryRun=false -F "file=@$LIST" "http://localhost:$HUB_PORT/imports" | jq -r .id)
  while :; do
    rss=$(awk '/VmRSS/ {print $2}' /proc/$HUB_PID/status)
    [ "$rss" -gt "$rss_peak" ] && rss_peak=$rss
    status=$(curl -sf -H "Authorization: Bearer $token" "http://localhost:$HUB_PORT/imports/$job" | jq -r .status)
    case "$status" in VALIDATING|APPLYING) sleep 0.2 ;; *) break ;; esac
  done
  hub_seconds=$(echo "$(date +%s.%N) - $started" | bc)
  curl -sf -H "Authorization: Bearer $token" "http://localhost:$HUB_PORT/imports/$job" > "$WORK/job-$round.json"
  hub_rows=$(jq .rowsApplied "$WORK/job-$round.json")
  audited=$(psql -d "$DB" -Atc "SELECT count(*) FROM audit_entry WHERE request_id = 'import-job-$job'")
  [ "$status" = APPLIED ] || { echo "Import job $job ended $status; see $WORK/job-$round.json" >&2; exit 1; }
  log "round $round, hub: job $job $status, $hub_rows rows applied ($audited audited) in $hub_seconds s"
}

rounds=""
ratios=""
for round in $(seq 1 "$REPEAT"); do
  reset; wait_sealed
  run_floor "$round"
  reset; wait_sealed
  run_hub "$round"
  ratio=$(LC_ALL=C printf %.2f "$(echo "scale=4; $hub_seconds / $floor_seconds" | bc)")
  ratios="$ratios $ratio"
  rounds="$rounds| $round | $floor_rows | $(printf %.1f "$floor_seconds") | $hub_rows | $(printf %.1f "$hub_seconds") | $ratio |
"
done
stop_hub
median=$(echo $ratios | tr ' ' '\n' | sort -n | awk '{a[NR] = $1} END {printf "%.2f\n", (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}')
worst=$(echo $ratios | tr ' ' '\n' | sort -n | tail -1)
log "ratios:$ratios; median $median; peak RSS $((rss_peak / 1024)) MiB"

cat > "$WORK/summary.md" <<MD
## Imports

One run of \`bench/imports.sh --rows $ROWS --repeat $REPEAT$( [ "$SEAL_WAIT" = 1 ] || echo " --no-seal-wait")\` on $(date -u +%Y-%m-%d) ($(nproc) cores, $DB: $people people).
The insurer's list of $ROWS JKN statuses (CSV, $(du -h "$LIST" | cut -f1)), every row a first JKN record. Floor and hub
take turns; each starts from the listed people without a JKN record and $( [ "$SEAL_WAIT" = 1 ] && echo "a sealed audit trail." || echo "without waiting for the audit trail to be sealed (\`--no-seal-wait\`): the hub sealed earlier entries during both paths, so their times do not compare.")

- floor: \`COPY\` into a staging table + one \`INSERT ... ON CONFLICT\` (audited by the same triggers);
- hub: \`POST /imports\` (dryRun=false) as the health office until the job is APPLIED, batches of 1,000, each row checked and audited under the job.

| round | floor rows | floor seconds | hub rows | hub seconds | hub / floor |
|---|---|---|---|---|---|
$rounds
**Ratio hub / floor: median $median, worst $worst** (target ≤ 2). The hub's peak resident memory during the imports: $((rss_peak / 1024)) MiB.
MD
cat "$WORK/summary.md"
if [ "$WRITE_DOC" = 1 ]; then
  python3 - "$ROOT/docs/benchmarks.md" "$WORK/summary.md" <<'PY'
import sys, re
doc, summary = open(sys.argv[1]).read(), open(sys.argv[2]).read()
if "\n## Imports\n" in doc:
    doc = re.sub(r"\n## Imports\n.*?(?=\n## |\Z)", "\n" + summary.rstrip("\n") + "\n", doc, flags=re.S)
else:
    doc = doc.rstrip("\n") + "\n\n" + summary
open(sys.argv[1], "w").write(doc)
PY
fi
