#!/usr/bin/env bash
# The hub's benchmark (issue 6), in one command: fills a database per scale through the demo data
# generator, starts Keycloak and the hub, gets real tokens, drives load with wrk at a
# fixed concurrency, measures the SQL floor with pgbench in the same run, and writes the figures
# to docs/benchmarks.md. Runs as root on a Debian machine with a JDK 21+; see docs/benchmarks.md.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
BENCH=$ROOT/bench

usage() {
  cat <<'EOF'
Usage: bench/run.sh [options]
  --scale bangli|large|both   which data sets (default both): bangli = 8,995 households,
                              large = 1,000,000 households
  --households N              instead of --scale: one data set of N households (for trying;
                              the figures do not go to docs/benchmarks.md)
  --duration SECONDS          measured time of each scenario (default 30)
  --warmup SECONDS            unmeasured run before each scenario (default 10)
  --connections N             concurrent connections of wrk and clients of pgbench (default 16)
  --threads N                 wrk and pgbench threads (default 2, one per core)
  --skip-build                use the existing target/terpadu.jar
  --jar JAR                   use this jar instead of target/terpadu.jar (implies --skip-build)
  --baseline JAR              also measure the hub's read scenarios from an earlier build's jar,
                              in the same run and against the same floor (an A/B: ratios between
                              the two are comparable, absolute figures on a shared machine are not)
  --step JAR                  (repeatable, with --baseline) also measure page-first, page-first-dinsos
                              and lookups from an intermediate build's jar, to tell what each change gave
  --alternate N               (with --baseline) instead of the scenarios one jar after the other, run both
                              hubs side by side and alternate between them N rounds of floor-first,
                              page-first, page-first-dinsos and lookups (the floor again before each
                              hub's pages, the hubs' order swapped every round), and report each one's
                              median and each round's page / floor: on a machine whose speed drifts
                              over minutes (a shared host) an A/B one after the other, or a page
                              measured minutes after its floor, measures the drift as much as the change
  --profile                   record a JFR CPU profile of the hub during the measured page-first and
                              lookups runs
                              (and of the baseline's); the hottest frames go to the results
  --no-writes                 skip the write scenario
  --fill-only                 fill the databases (kept for later runs) and stop
  --no-doc                    print the figures but leave docs/benchmarks.md alone
Environment: BENCH_HUB_PORT (8080), BENCH_MANAGEMENT_PORT (8081, the hub's metrics),
BENCH_KEYCLOAK_PORT (8180), BENCH_KEYCLOAK_MANAGEMENT_PORT (Keycloak's port + 1000),
BENCH_DB_PREFIX (terpadu_bench_, the databases' names before the scale), BENCH_JAVA_OPTS (the hub's JVM options), BENCH_JIT_ROUNDS (6, the most warm-up rounds), BENCH_BASELINE_PORT_OFFSET (10, added to the hub's two ports for the baseline's hub with --alternate), PGHOST/PGPORT/PGUSER/PGPASSWORD (127.0.0.1, 5432, postgres, postgres).
EOF
}

SCALES=both
CUSTOM_HOUSEHOLDS=
DURATION=30
WARMUP=10
JIT_ROUNDS=${BENCH_JIT_ROUNDS:-6}
CONNECTIONS=16
THREADS=2
BUILD=1
JAR=
BASELINE_JAR=
STEP_JARS=()
ALTERNATE=0
PROFILE=0
WRITES=1
WRITE_DOC=1
FILL_ONLY=0
while [ $# -gt 0 ]; do
  case "$1" in
    --scale) SCALES=$2; shift 2 ;;
    --households) CUSTOM_HOUSEHOLDS=$2; shift 2 ;;
    --duration) DURATION=$2; shift 2 ;;
    --warmup) WARMUP=$2; shift 2 ;;
    --connections) CONNECTIONS=$2; shift 2 ;;
    --threads) THREADS=$2; shift 2 ;;
    --skip-build) BUILD=0; shift ;;
    --jar) JAR=$(realpath "$2"); BUILD=0; shift 2 ;;
    --baseline) BASELINE_JAR=$(realpath "$2"); shift 2 ;;
    --step) STEP_JARS+=("$(realpath "$2")"); shift 2 ;;
    --alternate) ALTERNATE=$2; [[ "$ALTERNATE" =~ ^[0-9]+$ ]] || { usage >&2; exit 2; }; shift 2 ;;
    --profile) PROFILE=1; shift ;;
    --no-writes) WRITES=0; shift ;;
    --no-doc) WRITE_DOC=0; shift ;;
    --fill-only) FILL_ONLY=1; shift ;;
    -h|--help) usage; exit 0 ;;
    *) usage >&2; exit 2 ;;
  esac
done

case "$SCALES" in
  bangli) SCALE_LIST="bangli" ;;
  large) SCALE_LIST="large" ;;
  both) SCALE_LIST="bangli large" ;;
  *) usage >&2; exit 2 ;;
esac
if [ "$ALTERNATE" -gt 0 ]; then
  [ -n "$BASELINE_JAR" ] || { echo "--alternate needs --baseline" >&2; exit 2; }
  # the alternating rounds measure two hubs and record no profile
  [ "${#STEP_JARS[@]}" = 0 ] && [ "$PROFILE" = 0 ] || { echo "--alternate takes neither --step nor --profile" >&2; exit 2; }
  # an A/B, not the figures of a build
  WRITE_DOC=0
fi
if [ -n "$CUSTOM_HOUSEHOLDS" ]; then
  SCALE_LIST="h$CUSTOM_HOUSEHOLDS"
  WRITE_DOC=0
fi

HUB_PORT=${BENCH_HUB_PORT:-8080}
MANAGEMENT_PORT=${BENCH_MANAGEMENT_PORT:-8081}
BASE_HUB_PORT=$HUB_PORT BASE_MANAGEMENT_PORT=$MANAGEMENT_PORT
KEYCLOAK_PORT=${BENCH_KEYCLOAK_PORT:-8180}
KEYCLOAK_MANAGEMENT_PORT=${BENCH_KEYCLOAK_MANAGEMENT_PORT:-$((KEYCLOAK_PORT + 1000))}
BASELINE_PORT_OFFSET=${BENCH_BASELINE_PORT_OFFSET:-10}
DB_PREFIX=${BENCH_DB_PREFIX:-terpadu_bench_}
# Resident memory is the heap plus about 260 MiB of metaspace, code, symbols and compiler arenas,
# so a 512 MiB budget leaves about 210 MiB of heap, fixed (-Xms = -Xmx) so that it is predictable.
# Most of it is a young generation with large survivor spaces: a page request allocates some
# megabytes that live as long as the request, and 16 requests in flight would otherwise be promoted
# and fill the old generation (which holds a live set of about 60 MiB). The serial collector has
# the smallest native footprint; on 2 shared cores a concurrent one has no spare core to run on.
JAVA_OPTS=${BENCH_JAVA_OPTS:-"-Xms208m -Xmx208m -Xmn144m -XX:SurvivorRatio=3 -XX:+UseSerialGC -XX:MaxMetaspaceSize=160m -XX:ReservedCodeCacheSize=96m -Xss512k"}
# a profiled run keeps deep stacks whole: graphql-java's go deeper than JFR's default of 64 frames
[ "$PROFILE" = 0 ] || JAVA_OPTS="$JAVA_OPTS -XX:FlightRecorderOptions=stackdepth=512"
# glibc gives each thread that allocates natively an arena of its own; two are enough for the
# JVM's few native allocations and keep them from adding to the resident memory
MALLOC_ARENAS=${BENCH_MALLOC_ARENA_MAX:-2}
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres} PGPASSWORD=${PGPASSWORD:-postgres}

STARTED_AT=$(date -u +%Y-%m-%dT%H:%M:%SZ)
WORK=$BENCH/results/$(date -u +%Y%m%dT%H%M%SZ)
mkdir -p "$WORK"
log() { echo "[bench $(date -u +%H:%M:%S)] $*" >&2; }

# --- what the benchmark needs ------------------------------------------------------------------

is_jdk21() { [ -x "$1/bin/java" ] && "$1/bin/java" -version 2>&1 | grep -qE 'version "(2[1-9]|[3-9][0-9])'; }
if [ -z "${JAVA_HOME:-}" ] || ! is_jdk21 "$JAVA_HOME"; then
  JAVA_HOME=""
  for candidate in /usr/lib/jvm/*; do
    if is_jdk21 "$candidate"; then JAVA_HOME="$candidate"; fi
  done
  [ -n "$JAVA_HOME" ] || { echo "No JDK 21 or newer in /usr/lib/jvm" >&2; exit 1; }
fi
export JAVA_HOME
JAVA=$JAVA_HOME/bin/java

missing=""
command -v wrk >/dev/null || missing="$missing wrk"
command -v jq >/dev/null || missing="$missing jq"
command -v curl >/dev/null || missing="$missing curl"
command -v pg_ctlcluster >/dev/null || missing="$missing postgresql postgresql-contrib"
command -v pgbench >/dev/null || missing="$missing postgresql-contrib"
if [ -n "$missing" ]; then
  log "installing$missing"
  DEBIAN_FRONTEND=noninteractive apt-get update -q
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q $missing
fi

if ! pg_isready -q -h "$PGHOST" -p "$PGPORT"; then
  version=$(ls /etc/postgresql | sort -n | tail -1)
  log "starting PostgreSQL $version"
  pg_ctlcluster --skip-systemctl-redirect "$version" main start
  for _ in $(seq 1 30); do pg_isready -q -h "$PGHOST" -p "$PGPORT" && break; sleep 1; done
  runuser -u postgres -- psql -q -c "ALTER USER postgres PASSWORD '$PGPASSWORD'"
fi

ports="$HUB_PORT $MANAGEMENT_PORT $KEYCLOAK_PORT $KEYCLOAK_MANAGEMENT_PORT"
[ "$ALTERNATE" = 0 ] || ports="$ports $((HUB_PORT + BASELINE_PORT_OFFSET)) $((MANAGEMENT_PORT + BASELINE_PORT_OFFSET))"
for port in $ports; do
  if (exec 3<>/dev/tcp/127.0.0.1/"$port") 2>/dev/null; then
    echo "Port $port is in use; free it or set BENCH_HUB_PORT / BENCH_MANAGEMENT_PORT / BENCH_KEYCLOAK_PORT / BENCH_KEYCLOAK_MANAGEMENT_PORT" >&2
    exit 1
  fi
done

if [ "$BUILD" = 1 ]; then
  log "building the hub"
  ./mvnw -q -DskipTests package
fi
JAR=${JAR:-$ROOT/target/terpadu.jar}
[ -f "$JAR" ] || { echo "No $JAR: run without --skip-build" >&2; exit 1; }
# a copy: a build during a long run (a large fill takes most of an hour) would replace the jar
# under the running hub, which loads classes from it as it goes
cp "$JAR" "$WORK/terpadu.jar"
JAR=$WORK/terpadu.jar
[ -z "$BASELINE_JAR" ] || [ -f "$BASELINE_JAR" ] || { echo "No baseline jar $BASELINE_JAR" >&2; exit 1; }
# the jar the hub is started from: the baseline's during its scenarios
HUB_JAR=$JAR

# GraphQL documents as JSON strings, for the wrk scripts to put into request bodies.
for document in member-lookup household-lookup; do
  jq -Rs . "$BENCH/graphql/$document.graphql" > "$WORK/$document.json-string"
done
jq -Rs . "$BENCH/graphql/assign-cluster.graphql" > "$WORK/assignCluster.json-string"
jq -Rs . "$BENCH/graphql/update-jkn-status.graphql" > "$WORK/updateJknStatus.json-string"
jq -Rs . "$BENCH/graphql/enrol-benefit.graphql" > "$WORK/enrolBenefit.json-string"

# --- the hub -----------------------------------------------------------------------------------

HUB_PID=
stop_hub() {
  if [ -n "$HUB_PID" ] && kill -0 "$HUB_PID" 2>/dev/null; then
    kill "$HUB_PID"
    for _ in $(seq 1 60); do kill -0 "$HUB_PID" 2>/dev/null || break; sleep 1; done
    kill -9 "$HUB_PID" 2>/dev/null || true
  fi
  HUB_PID=
}

# Keycloak: the server distribution the build unpacked, with the demo realm, in memory.
. "$BENCH/keycloak.sh"
# with --alternate, the two hubs running side by side
SIDE_BY_SIDE_PIDS=
trap 'stop_hub; for pid in $SIDE_BY_SIDE_PIDS; do kill "$pid" 2>/dev/null || true; done; stop_keycloak' EXIT

households_in() {
  psql -d "$1" -Atc "SELECT count(*) FROM household" 2>/dev/null || echo 0
}

# Fills database $1 with $2 households through the demo profile; keeps a filled database.
fill() {
  local db=$1 households=$2
  # the demo's households of 2017 (the scale asked for) come with the 2015 round's, which have since
  # left: the database's comment records the scale it was filled at
  if [ "$(households_in "$db")" -gt 0 ] && psql -Atc "SELECT shobj_description(oid, 'pg_database') FROM pg_database
      WHERE datname = '$db'" | grep -q "^Terpadu benchmark: $households demo households"; then
    log "$db already holds $households households"
    return
  fi
  log "filling $db with $households households (the demo data generator, in one transaction)"
  psql -qc "DROP DATABASE IF EXISTS $db WITH (FORCE)" -c "CREATE DATABASE $db"
  # the head the hub remembers having sealed in the database dropped (data/audit, one file per
  # database): kept, it would hold the new trail to the old one's head, and the hub refuses to seal
  # a trail that no longer reaches its head
  rm -f data/audit/*-"$db".head
  local started=$SECONDS
  # the fill needs no tokens: a placeholder issuer
  SPRING_DATASOURCE_URL="jdbc:postgresql://$PGHOST:$PGPORT/$db" SPRING_DATASOURCE_USERNAME=$PGUSER \
    SPRING_DATASOURCE_PASSWORD=$PGPASSWORD \
    "$JAVA" -Xmx512m -jar "$JAR" --spring.profiles.active=demo --server.port="$HUB_PORT" \
    --management.server.port="$MANAGEMENT_PORT" --terpadu.demo.households="$households" \
    --spring.security.oauth2.resourceserver.jwt.issuer-uri=http://127.0.0.1:9/realms/none \
    > "$WORK/fill-$db.log" 2>&1 &
  HUB_PID=$!
  until grep -q 'Loaded demo data' "$WORK/fill-$db.log"; do
    if ! kill -0 "$HUB_PID" 2>/dev/null; then
      echo "The fill stopped; see $WORK/fill-$db.log" >&2
      exit 1
    fi
    sleep 5
  done
  stop_hub
  local loaded=$((SECONDS - started))
  log "filled $db in $loaded s; vacuuming and analysing"
  psql -d "$db" -qc "VACUUM (ANALYZE)"
  psql -qc "COMMENT ON DATABASE $db IS 'Terpadu benchmark: $households demo households, filled in $loaded s on $(date -u +%Y-%m-%d)'"
}

start_hub() {
  local db=$1 households=$2
  start_keycloak
  log "starting the hub from $HUB_JAR on $db ($JAVA_OPTS)"
  SPRING_DATASOURCE_URL="jdbc:postgresql://$PGHOST:$PGPORT/$db" SPRING_DATASOURCE_USERNAME=$PGUSER \
    SPRING_DATASOURCE_PASSWORD=$PGPASSWORD MALLOC_ARENA_MAX=$MALLOC_ARENAS \
    "$JAVA" $JAVA_OPTS -jar "$HUB_JAR" --spring.profiles.active=demo --server.port="$HUB_PORT" \
    --management.server.port="$MANAGEMENT_PORT" --terpadu.demo.households="$households" \
    --spring.security.oauth2.resourceserver.jwt.issuer-uri="http://localhost:$KEYCLOAK_PORT/realms/terpadu" \
    > "$WORK/hub-$db${HUB_LOG_SUFFIX:-}.log" 2>&1 &
  HUB_PID=$!
  for _ in $(seq 1 300); do
    if curl -sf "http://localhost:$MANAGEMENT_PORT/actuator/health/readiness" >/dev/null 2>&1; then
      log "hub ready (pid $HUB_PID); waiting for it to seal the audit trail of the fill"
      # a freshly filled trail is sealed in the background first; the scenarios measure a hub that is done
      until grep -q 'The audit trail is sealed up to' "$WORK/hub-$db${HUB_LOG_SUFFIX:-}.log"; do
        kill -0 "$HUB_PID" 2>/dev/null || { echo "The hub stopped; see $WORK/hub-$db${HUB_LOG_SUFFIX:-}.log" >&2; exit 1; }
        sleep 5
      done
      log "audit trail sealed"
      return
    fi
    kill -0 "$HUB_PID" 2>/dev/null || { echo "The hub stopped; see $WORK/hub-$db${HUB_LOG_SUFFIX:-}.log" >&2; exit 1; }
    sleep 1
  done
  echo "The hub did not become ready; see $WORK/hub-$db${HUB_LOG_SUFFIX:-}.log" >&2
  exit 1
}

token() {
  curl -sf "http://localhost:$KEYCLOAK_PORT/realms/terpadu/protocol/openid-connect/token" \
    -d grant_type=password -d client_id=terpadu-cli -d username="$1" -d password="$1" | jq -r .access_token
}

# Tokens live five minutes: fresh ones for every scenario.
fresh_tokens() {
  export TOKEN_UPTPK TOKEN_DINSOS TOKEN_DINKES
  TOKEN_UPTPK=$(token uptpk)
  TOKEN_DINSOS=$(token dinsos)
  TOKEN_DINKES=$(token dinkes)
}

# The hub's counters: SQL statements run, GraphQL requests served.
metric() {
  curl -sf "http://localhost:$MANAGEMENT_PORT/actuator/prometheus" | awk -v name="$1" '
    $0 !~ /^#/ && (index($0, name "{") == 1 || index($0, name " ") == 1) { sum += $NF }
    END { printf "%.0f\n", sum }'
}

# CPU time of processes, in clock ticks (user + system).
TICKS_PER_SECOND=$(getconf CLK_TCK)
ticks() {
  local sum=0 pid t
  for pid in "$@"; do
    t=$(awk '{print $14 + $15}' "/proc/$pid/stat" 2>/dev/null || echo 0)
    sum=$((sum + t))
  done
  echo "$sum"
}

# The time the hub's JIT has spent compiling since it started, in seconds (jstat's Time column);
# 0 with a warning when jstat cannot read the hub (the warm-up then stops after one round).
jit_seconds() {
  local out
  if out=$("$JAVA_HOME/bin/jstat" -compiler "$HUB_PID" 2>&1); then
    awk 'NR == 2 { print $4 }' <<< "$out"
  else
    echo "jstat could not read the hub's JIT: $out" >&2
    echo 0
  fi
}

# The CPU time of processes as a table, a line "pid ticks" each, for ticks_since.
tick_table() {
  local pid
  for pid in "$@"; do
    awk -v pid="$pid" '{print pid, $14 + $15}' "/proc/$pid/stat" 2>/dev/null || true
  done
}

# The clock ticks the processes of tick table $2 spent since tick table $1: a process in both, its
# difference; one that began since (a connection the pool opened), all of its ticks. One that ended
# since (a connection the pool replaced) can no longer be read: it counts nothing, and a note says
# so, rather than taking its ticks before the run off the sum.
ticks_since() {
  awk 'FILENAME == ARGV[1] { if (NF == 2) before[$1] = $2; next }
       NF == 2 { spent += $2 - (($1 in before) ? before[$1] : 0); seen[$1] = 1 }
       END {
         for (pid in before) if (!(pid in seen)) ended++
         if (ended) printf "%d database server process(es) ended during the run: their CPU in it is not counted\n", ended > "/dev/stderr"
         print spent + 0
       }' <(printf '%s\n' "$1") <(printf '%s\n' "$2")
}

# The CPU seconds (user + system) of a load tool's run, from the "user system" line the shell's time wrote to $1.
load_tool_seconds() {
  awk 'NF == 2 { s = $1 + $2 } END { printf "%.3f\n", s + 0 }' "$1"
}

# The database server processes serving the hub's connection pool, or pgbench's clients.
backends() {
  psql -Atc "SELECT pid FROM pg_stat_activity WHERE datname = '$DB' AND application_name LIKE '$1%'" | tr '\n' ' '
}

# Samples the hub's resident memory every half second until stopped; the largest goes to $1.
RSS_SAMPLER=
start_rss_sampler() {
  local out=$1
  ( max=0
    while kill -0 "$HUB_PID" 2>/dev/null; do
      rss=$(awk '/^VmRSS:/ {print $2}' "/proc/$HUB_PID/status" 2>/dev/null || echo 0)
      # replaced whole, never truncated: the sampler may be stopped in the middle of a write
      [ "${rss:-0}" -gt "$max" ] && max=$rss && echo "$max" > "$out.new" && mv "$out.new" "$out"
      sleep 0.5
    done ) &
  RSS_SAMPLER=$!
}
stop_rss_sampler() {
  kill "$RSS_SAMPLER" 2>/dev/null || true
  wait "$RSS_SAMPLER" 2>/dev/null || true
}

# A JFR recording of the hub around a measured run (--profile): CPU samples of its threads, the
# virtual threads that serve requests included. Its hottest frames go beside the run's results:
# self (the frame on top of the stack) and inclusive (anywhere on the stack), as shares of samples.
start_profile() {
  "$JAVA_HOME/bin/jcmd" "$HUB_PID" JFR.start name=bench settings=profile > /dev/null
}
stop_profile() {
  local out=$1
  "$JAVA_HOME/bin/jcmd" "$HUB_PID" JFR.stop name=bench filename="$out.jfr" > /dev/null
  "$JAVA_HOME/bin/jfr" view --width 200 hot-methods "$out.jfr" > "$out.hot-methods.txt" 2>&1 || true
  "$JAVA_HOME/bin/jfr" print --events jdk.ExecutionSample --stack-depth 256 "$out.jfr" | awk -f "$BENCH/jfr-frames.awk" \
    > "$out.frames.txt" || true
  # the JIT's work during the run (compilations of 100 ms and more, which JFR's profile records):
  # CPU the hub spends once, not per request, that a run still warming up counts against its requests
  "$JAVA_HOME/bin/jfr" print --events jdk.Compilation "$out.jfr" | awk '$1 == "duration" {
      ms = ($4 == "s") ? $3 * 1000 : $3; total += ms; n++ }
    END { printf "\nJIT compilations of 100 ms or more during the run: %d, %.0f ms in all\n", n, total }' \
    >> "$out.frames.txt" || true
  log "profile: $out.jfr, $out.hot-methods.txt, $out.frames.txt"
}

# Runs one wrk scenario: a warm-up, then the measured run with the hub's counters read around it.
# $1 name, $2 script, $3 what the wrk script needs besides (exported variables).
run_wrk() {
  local name=$1 script=$2 dir=$3
  local connections=${SCENARIO_CONNECTIONS:-$CONNECTIONS}
  local threads=$(( THREADS < connections ? THREADS : connections ))
  fresh_tokens
  log "$name: warm-up ${WARMUP}s"
  BENCH_DIR=$BENCH BENCH_WORK=$WORK BENCH_THREADS=$threads BENCH_RESULT=$dir/$name.warmup.json \
    wrk -t"$threads" -c"$connections" -d"${WARMUP}s" --timeout 10s -s "$BENCH/wrk/$script" "http://localhost:$HUB_PORT/graphql" \
    > "$dir/$name.warmup.out" 2> "$dir/$name.warmup.err"
  # wrk leaves its last requests unanswered; let the hub finish them before anything is sampled
  sleep 2
  [ -z "${BEFORE_MEASURED:-}" ] || $BEFORE_MEASURED
  [ -z "${PROFILED:-}" ] || start_profile
  local statements=$(metric terpadu_sql_statements_total) requests=$(metric graphql_request_seconds_count)
  local pool hub_ticks db_ticks jit
  jit=$(jit_seconds)
  pool=$(tick_table $(backends "PostgreSQL JDBC"))
  hub_ticks=$(ticks "$HUB_PID")
  echo 0 > "$dir/$name.rss"
  start_rss_sampler "$dir/$name.rss"
  log "$name: measuring ${DURATION}s at $connections connections"
  # the load tool's own CPU (user and system seconds, as the shell's time reports them): it shares the cores
  local TIMEFORMAT='%3U %3S'
  { time BENCH_DIR=$BENCH BENCH_WORK=$WORK BENCH_THREADS=$threads BENCH_RESULT=$dir/$name.wrk.json \
    wrk -t"$threads" -c"$connections" -d"${DURATION}s" --timeout 10s --latency -s "$BENCH/wrk/$script" \
    "http://localhost:$HUB_PORT/graphql" > "$dir/$name.out" 2> "$dir/$name.err"; } 2> "$dir/$name.loadcpu"
  stop_rss_sampler
  local load
  load=$(cut -d' ' -f1 /proc/loadavg)
  hub_ticks=$(( $(ticks "$HUB_PID") - hub_ticks ))
  # the pool's connections as they are now: one replaced during the run is not taken off the sum
  db_ticks=$(ticks_since "$pool" "$(tick_table $(backends "PostgreSQL JDBC"))")
  jit=$(awk -v now="$(jit_seconds)" -v then="$jit" 'BEGIN { printf "%.2f", now - then }')
  statements=$(( $(metric terpadu_sql_statements_total) - statements ))
  requests=$(( $(metric graphql_request_seconds_count) - requests ))
  # after the counters: writing the recording out costs the hub CPU of its own
  [ -z "${PROFILED:-}" ] || stop_profile "$dir/$name"
  jq -c --argjson statements "$statements" --argjson served "$requests" --argjson rss "$(cat "$dir/$name.rss")" \
    --arg name "$name" --argjson connections "$connections" \
    --argjson hub_ticks "$hub_ticks" --argjson db_ticks "$db_ticks" --argjson hz "$TICKS_PER_SECOND" \
    --argjson load "$load" --argjson jit "$jit" --argjson load_tool_s "$(load_tool_seconds "$dir/$name.loadcpu")" \
    '. + {name: $name, connections: $connections, load: $load, statements: $statements, served: $served, jit_s: $jit,
          hub_cpu_ms: (if $served > 0 then ($hub_ticks * 1000 / $hz / $served) else null end),
          load_tool_cpu_ms: (if .requests > 0 then ($load_tool_s * 1000 / .requests) else null end),
          db_cpu_ms: (if $served > 0 then ($db_ticks * 1000 / $hz / $served) else null end),
          statements_per_request: (if $served > 0 then ($statements / $served) else null end),
          rss_mib: ($rss / 1024)}' "$dir/$name.wrk.json" > "$dir/$name.json"
  log "$name: $(cat "$dir/$name.json")"
  if [ -s "$dir/$name.err" ]; then log "$name: $(head -c 600 "$dir/$name.err")"; fi
}

# Runs the SQL floor through pgbench: a warm-up, then the measured run; latencies from its log.
run_floor() {
  local name=$1 db=$2 after=$3 dir=$4
  log "$name: pgbench warm-up ${WARMUP}s"
  pgbench -n -M prepared -c "$CONNECTIONS" -j "$THREADS" -T "$WARMUP" -D after="$after" \
    -f "$BENCH/sql/floor-page.sql" "$db" > "$dir/$name.warmup.out" 2>&1
  log "$name: measuring ${DURATION}s at $CONNECTIONS clients"
  rm -f "$dir/$name.log"*
  local TIMEFORMAT='%3U %3S'
  { time pgbench -n -M prepared -c "$CONNECTIONS" -j "$THREADS" -T "$DURATION" -D after="$after" -l \
    --log-prefix="$dir/$name.log" -f "$BENCH/sql/floor-page.sql" "$db" > "$dir/$name.out" 2>&1; } 2> "$dir/$name.loadcpu" &
  local bench_pid=$!
  # the CPU time of pgbench's server processes, read until they end (the last quarter second is lost)
  sleep 1
  local clients
  clients=$(backends pgbench)
  local now most=0
  while kill -0 "$bench_pid" 2>/dev/null; do
    # a client that has just ended reads as 0: keep the largest sum
    now=$(ticks $clients)
    [ "$now" -le "$most" ] || most=$now
    sleep 0.25
  done
  echo "$most" > "$dir/$name.ticks"
  wait "$bench_pid"
  local load
  load=$(cut -d' ' -f1 /proc/loadavg)
  local tps failed
  tps=$(awk '/^tps = / {print $3}' "$dir/$name.out")
  failed=$(awk '/number of failed transactions/ {print $5}' "$dir/$name.out")
  cat "$dir/$name.log"* | awk '{print $3}' | sort -n > "$dir/$name.latencies"
  local count p50 p99
  count=$(wc -l < "$dir/$name.latencies")
  p50=$(awk -v n="$count" 'NR == int(n * 0.50 + 0.5) {print $1 / 1000; exit}' "$dir/$name.latencies")
  p99=$(awk -v n="$count" 'NR == int(n * 0.99 + 0.5) {print $1 / 1000; exit}' "$dir/$name.latencies")
  rm -f "$dir/$name.log"*
  jq -nc --arg name "$name" --argjson rps "$tps" --argjson p50 "$p50" --argjson p99 "$p99" \
    --argjson requests "$count" --argjson failures "${failed:-0}" \
    --argjson db_ticks "$(cat "$dir/$name.ticks")" --argjson hz "$TICKS_PER_SECOND" --argjson load "$load" \
    --argjson connections "$CONNECTIONS" --argjson load_tool_s "$(load_tool_seconds "$dir/$name.loadcpu")" \
    '{name: $name, connections: $connections, load: $load, requests: $requests, rps: $rps, p50_ms: $p50, p99_ms: $p99, failures: $failures,
      statements_per_request: 1, hub_cpu_ms: 0, db_cpu_ms: ($db_ticks * 1000 / $hz / $requests),
      load_tool_cpu_ms: ($load_tool_s * 1000 / $requests)}' > "$dir/$name.json"
  log "$name: $(cat "$dir/$name.json")"
}

# Checks that the floor builds the hub's answer: the same page, compared as JSON.
check_floor() {
  local db=$1 after=$2 body=$3 label=$4
  fresh_tokens
  local hub floor
  hub=$(curl -sf "http://localhost:$HUB_PORT/graphql" -H "Authorization: Bearer $TOKEN_UPTPK" \
    -H 'Content-Type: application/json' --data-binary @"$body" | jq -S .data)
  floor=$(psql -d "$db" -At -v after="$after" -f "$BENCH/sql/floor-page.sql" | jq -S .)
  if [ "$hub" != "$floor" ]; then
    echo "$hub" > "$WORK/$db-$label.hub.json"
    echo "$floor" > "$WORK/$db-$label.floor.json"
    echo "The SQL floor does not build the hub's answer for the $label page; see $WORK/$db-$label.*.json" >&2
    exit 1
  fi
  log "$label page: the floor's JSON equals the hub's ($(echo "$hub" | jq '[.households.edges[].node.members[]] | length') members)"
}

# Samples the writes of scenario 3 from the current data (see bench/sql/write-plan.sql).
sample_writes() {
  BENCH_BASE_DAY=$(psql -d "$DB" -At -f "$BENCH/sql/write-base-day.sql")
  export BENCH_BASE_DAY
  psql -d "$DB" -At -F $'\t' -v base_day="$(date -u -d "@$((BENCH_BASE_DAY * 86400))" +%Y-%m-%d)" \
    -f "$BENCH/sql/write-plan.sql" > "$WORK/$DB-writes.tsv"
  export BENCH_PLAN=$WORK/$DB-writes.tsv
}

# --- one scale ---------------------------------------------------------------------------------

# The JIT compiles the request path over the first minutes under load, on the same two cores:
# compilations during a measured run count against its requests, though a hub that runs for days
# pays them once. Rounds of every read scenario's documents until a round's compilations take
# under 1 % of its time (at most JIT_ROUNDS rounds); each run's own are reported beside it.
warm_up() {
  local dir=$1
  fresh_tokens
  local round jit_before jit_spent warm role body
  for round in $(seq 1 "$JIT_ROUNDS"); do
    jit_before=$(jit_seconds)
    log "warming the hub up, round $round: ${WARMUP}s of each page (first, deep, the social office's), ${WARMUP}s of lookups"
    for warm in uptpk:first uptpk:deep dinsos:social-first; do
      role=${warm%%:*}
      body=${warm#*:}
      BENCH_DIR=$BENCH BENCH_WORK=$WORK BENCH_THREADS=$THREADS BENCH_ROLE=$role BENCH_BODY=$WORK/$SCALE-$body.json \
        wrk -t"$THREADS" -c"$CONNECTIONS" -d"${WARMUP}s" --timeout 10s -s "$BENCH/wrk/page.lua" \
        "http://localhost:$HUB_PORT/graphql" > "$dir/hub-warmup-$body.out" 2>&1
    done
    BENCH_DIR=$BENCH BENCH_WORK=$WORK BENCH_THREADS=$THREADS BENCH_ROLE=uptpk BENCH_SAMPLE=$WORK/$SCALE-identities.tsv \
      wrk -t"$THREADS" -c"$CONNECTIONS" -d"${WARMUP}s" --timeout 10s -s "$BENCH/wrk/lookups.lua" \
      "http://localhost:$HUB_PORT/graphql" > "$dir/hub-warmup-lookups.out" 2>&1
    jit_spent=$(awk -v now="$(jit_seconds)" -v then="$jit_before" 'BEGIN { printf "%.2f", now - then }')
    log "warm-up round $round: the JIT compiled for ${jit_spent}s"
    # settled: under 1 % of the round's four runs
    awk -v spent="$jit_spent" -v round=$((WARMUP * 4)) 'BEGIN { exit !(spent < round / 100) }' && break
  done
  # not settled after the last round is no failure: the runs report the JIT's seconds
  return 0
}

# The hub's scenarios, from the jar $HUB_JAR, into folder $1; $2 = 1 runs the writes too, $2 = step
# only page-first, page-first-dinsos and lookups.
hub_scenarios() {
  local dir=$1 writes=$2
  mkdir -p "$dir"
  start_hub "$DB" "$HOUSEHOLDS"
  check_floor "$DB" 0 "$WORK/$SCALE-first.json" first
  check_floor "$DB" "$DEEP_AFTER" "$WORK/$SCALE-deep.json" deep

  warm_up "$dir"

  export BENCH_ROLE=uptpk
  local profiled=
  [ "$PROFILE" = 0 ] || [ "$writes" = step ] || profiled=1
  PROFILED=$profiled BENCH_BODY=$WORK/$SCALE-first.json run_wrk page-first page.lua "$dir"
  if [ "$writes" = step ]; then
    BENCH_ROLE=dinsos BENCH_BODY=$WORK/$SCALE-social-first.json run_wrk page-first-dinsos page.lua "$dir"
    BENCH_ROLE=uptpk BENCH_SAMPLE=$WORK/$SCALE-identities.tsv run_wrk lookups lookups.lua "$dir"
    stop_hub
    jq -n --arg jar "$HUB_JAR" '{jar: $jar}' > "$dir/hub.json"
    return
  fi
  BENCH_BODY=$WORK/$SCALE-deep.json run_wrk page-deep page.lua "$dir"
  # a masked role: the social office reads the page without JKN status, NIK and KK masked; UPT-PK
  # reads the same document unmasked, for the cost of masking
  BENCH_BODY=$WORK/$SCALE-social-first.json run_wrk page-first-social-uptpk page.lua "$dir"
  export BENCH_ROLE=dinsos
  BENCH_BODY=$WORK/$SCALE-social-first.json run_wrk page-first-dinsos page.lua "$dir"
  BENCH_BODY=$WORK/$SCALE-social-deep.json run_wrk page-deep-dinsos page.lua "$dir"

  # look-ups as UPT-PK, which sees NIK and KK whole (each look-up is logged as an identity read): a
  # role that sees them masked may look up 200 whole numbers an hour (limits.identityLookupsPerHour)
  export BENCH_ROLE=uptpk BENCH_SAMPLE=$WORK/$SCALE-identities.tsv
  PROFILED=$profiled run_wrk lookups lookups.lua "$dir"
  # the same at two connections, one per core: the lookup's own latency, without the queue
  SCENARIO_CONNECTIONS=2 run_wrk lookups-c2 lookups.lua "$dir"

  if [ "$writes" = 1 ] && [ "$WRITES" = 1 ]; then
    # the warm-up's writes move versions on: sample again before the measured run
    sample_writes
    BEFORE_MEASURED=sample_writes run_wrk writes writes.lua "$dir"
  fi

  local hwm
  hwm=$(awk '/^VmHWM:/ {print $2}' "/proc/$HUB_PID/status")
  stop_hub
  jq -n --arg jar "$HUB_JAR" --argjson hwm_kib "$hwm" '{jar: $jar, hub_vmhwm_mib: ($hwm_kib / 1024)}' > "$dir/hub.json"
}

# The middle of a list of numbers (of the two middle ones, their mean), for jq.
JQ_MEDIAN='def median: sort | if length % 2 == 1 then .[length / 2 | floor] else (.[length / 2 - 1] + .[length / 2]) / 2 end; '

# --alternate: both hubs at once, the baseline's on ports of its own, and the same scenarios run on
# one and then on the other, round after round; per hub, each scenario's median over the rounds.
alternate_scenarios() {
  local dir=$1 round hub name
  local -A pid port management
  for hub in baseline build; do
    mkdir -p "$dir/$hub"
    if [ "$hub" = baseline ]; then
      HUB_JAR=$BASELINE_JAR HUB_LOG_SUFFIX=-baseline
      HUB_PORT=$((BASE_HUB_PORT + BASELINE_PORT_OFFSET)) MANAGEMENT_PORT=$((BASE_MANAGEMENT_PORT + BASELINE_PORT_OFFSET))
    else
      HUB_JAR=$JAR HUB_LOG_SUFFIX= HUB_PORT=$BASE_HUB_PORT MANAGEMENT_PORT=$BASE_MANAGEMENT_PORT
    fi
    start_hub "$DB" "$HOUSEHOLDS"
    check_floor "$DB" 0 "$WORK/$SCALE-first.json" first
    warm_up "$dir/$hub"
    pid[$hub]=$HUB_PID port[$hub]=$HUB_PORT management[$hub]=$MANAGEMENT_PORT
    SIDE_BY_SIDE_PIDS="$SIDE_BY_SIDE_PIDS $HUB_PID"
    # the next start must not stop this hub
    HUB_PID=
  done
  local order
  for round in $(seq 1 "$ALTERNATE"); do
    # the order swapped every round, so that a steady drift favours neither
    order="baseline build"
    [ $((round % 2)) = 1 ] || order="build baseline"
    for hub in $order; do
      log "alternating, round $round of $ALTERNATE: the floor, then the $hub's hub"
      HUB_PID=${pid[$hub]} HUB_PORT=${port[$hub]} MANAGEMENT_PORT=${management[$hub]}
      mkdir -p "$dir/$hub/$round"
      # the floor just before the hub's pages: a page / floor ratio of runs a minute apart
      run_floor floor-first "$DB" 0 "$dir/$hub/$round"
      BENCH_ROLE=uptpk BENCH_BODY=$WORK/$SCALE-first.json run_wrk page-first page.lua "$dir/$hub/$round"
      BENCH_ROLE=dinsos BENCH_BODY=$WORK/$SCALE-social-first.json run_wrk page-first-dinsos page.lua "$dir/$hub/$round"
      BENCH_ROLE=uptpk BENCH_SAMPLE=$WORK/$SCALE-identities.tsv run_wrk lookups lookups.lua "$dir/$hub/$round"
    done
  done
  for hub in baseline build; do
    HUB_PID=${pid[$hub]}
    stop_hub
  done
  SIDE_BY_SIDE_PIDS=
  HUB_PORT=$BASE_HUB_PORT MANAGEMENT_PORT=$BASE_MANAGEMENT_PORT HUB_JAR=$JAR HUB_LOG_SUFFIX=
  for hub in baseline build; do
    for name in floor-first page-first page-first-dinsos lookups; do
      jq -s --arg name "$name" "$JQ_MEDIAN"'
        {name: $name, rounds: length, rps: (map(.rps) | median), p99_ms: (map(.p99_ms) | median),
         hub_cpu_ms: (map(.hub_cpu_ms) | median), db_cpu_ms: (map(.db_cpu_ms) | median),
         hub_cpu_ms_each: map(.hub_cpu_ms), failures: (map(.failures) | add)}' \
        "$dir/$hub"/*/"$name.json" > "$dir/$hub-$name.json"
    done
  done
  # each round's build / baseline too: the two ran a minute apart, so a round's ratio is the least
  # touched by the machine's drift
  {
    printf '| scenario | hub CPU ms / request: baseline | build | build / baseline | rounds'"'"' build / baseline (median; each) | req/s: baseline | build | build / baseline | failed |\n'
    printf '|---|---:|---:|---:|---:|---:|---:|---:|---:|\n'
    for name in page-first page-first-dinsos lookups; do
      jq -rn --slurpfile a "$dir/baseline-$name.json" --slurpfile b "$dir/build-$name.json" "$JQ_MEDIAN"'$a[0] as $a | $b[0] as $b |
        ([range(0; $a.hub_cpu_ms_each | length) | $b.hub_cpu_ms_each[.] / $a.hub_cpu_ms_each[.] * 100 | round / 100]) as $rounds |
        "| \($a.name) | \($a.hub_cpu_ms * 100 | round / 100) | \($b.hub_cpu_ms * 100 | round / 100) | \($b.hub_cpu_ms / $a.hub_cpu_ms * 100 | round / 100) | \($rounds | median) (\($rounds | map(tostring) | join(", "))) | \($a.rps) | \($b.rps) | \($b.rps / $a.rps * 100 | round / 100) | \($a.failures + $b.failures) |"'
    done
    # each round's page / the floor measured just before it, per hub
    printf '\n| scenario | req/s / floor-first: baseline (median; each round) | build (median; each round) |\n'
    printf '|---|---:|---:|\n'
    for name in page-first page-first-dinsos; do
      printf '| %s |' "$name"
      for hub in baseline build; do
        jq -rn "$JQ_MEDIAN"'[inputs] | map(.rps * 100 | round / 100) | " \(median) (\(map(tostring) | join(", "))) |"' \
          < <(for round in $(seq 1 "$ALTERNATE"); do
                jq -n --slurpfile page "$dir/$hub/$round/$name.json" --slurpfile floor "$dir/$hub/$round/floor-first.json" \
                  '{rps: ($page[0].rps / $floor[0].rps)}'
              done) | tr -d '\n'
      done
      printf '\n'
    done
  } > "$dir/alternate.md"
  log "alternated $ALTERNATE rounds (medians; each round's figures in $dir/baseline and $dir/build):"
  cat "$dir/alternate.md" >&2
}

bench_scale() {
  local scale=$1 households
  case "$scale" in
    bangli) households=8995 ;;
    large) households=1000000 ;;
    h*) households=${scale#h} ;;
  esac
  DB=$DB_PREFIX$scale
  SCALE=$scale
  HOUSEHOLDS=$households
  local dir=$WORK/$scale
  mkdir -p "$dir"
  fill "$DB" "$households"
  [ "$FILL_ONLY" = 0 ] || return 0

  # The deep page starts after the middle row: row 500,000 of the large set.
  local deep_row=$((households / 2))
  DEEP_AFTER=$(psql -d "$DB" -Atc "SELECT id FROM household ORDER BY id OFFSET $((deep_row - 1)) LIMIT 1")
  local deep_cursor
  deep_cursor=$(printf 'REGISTERED|%s' "$DEEP_AFTER" | base64 -w0 | tr '+/' '-_' | tr -d '=')
  local document kind
  for kind in "" social-; do
    document=$BENCH/graphql/household-page${kind:+-${kind%-}}.graphql
    jq -n --rawfile q "$document" '{query: $q, variables: {}}' > "$WORK/$scale-${kind}first.json"
    jq -n --rawfile q "$document" --arg after "$deep_cursor" '{query: $q, variables: {after: $after}}' \
      > "$WORK/$scale-${kind}deep.json"
  done

  psql -d "$DB" -At -F $'\t' -c "SELECT setseed(0.2017)" -c "SELECT m.nik, h.kk FROM member m JOIN household h ON h.id = m.household_id
      ORDER BY random() LIMIT 20000" | tail -n +2 > "$WORK/$scale-identities.tsv"

  if [ "$ALTERNATE" -gt 0 ]; then
    alternate_scenarios "$dir/alternate"
    return
  fi
  run_floor floor-first "$DB" 0 "$dir"
  run_floor floor-deep "$DB" "$DEEP_AFTER" "$dir"
  if [ -n "$BASELINE_JAR" ]; then
    HUB_JAR=$BASELINE_JAR
    hub_scenarios "$dir/baseline" 0
  fi
  local step
  for step in "${STEP_JARS[@]}"; do
    HUB_JAR=$step
    hub_scenarios "$dir/step-$(basename "$step" .jar)" step
  done
  HUB_JAR=$JAR
  hub_scenarios "$dir" 1

  jq -n --arg scale "$scale" --argjson households "$households" --argjson deep_row "$deep_row" \
    --argjson hwm_mib "$(jq .hub_vmhwm_mib "$dir/hub.json")" --arg fill "$(psql -Atc "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = '$DB'")" \
    --argjson members "$(psql -d "$DB" -Atc 'SELECT count(*) FROM member')" \
    --argjson benefits "$(psql -d "$DB" -Atc 'SELECT count(*) FROM benefit')" \
    '{scale: $scale, households: $households, members: $members, benefits: $benefits, deep_row: $deep_row,
      hub_vmhwm_mib: $hwm_mib, fill: $fill}' > "$dir/scale.json"
}

for scale in $SCALE_LIST; do
  bench_scale "$scale"
done
[ "$FILL_ONLY" = 0 ] || exit 0

# --- the report --------------------------------------------------------------------------------

ENDED_AT=$(date -u +%Y-%m-%dT%H:%M:%SZ)
{
  echo "cpu=$(nproc) x $(awk -F': ' '/^model name/ {print $2; exit}' /proc/cpuinfo)"
  echo "memory=$(awk '/^MemTotal:/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo)"
  echo "os=$(. /etc/os-release && echo "$PRETTY_NAME"), kernel $(uname -r)"
  echo "postgresql=$(psql -Atc 'SHOW server_version') (shared_buffers $(psql -Atc 'SHOW shared_buffers'), max_connections $(psql -Atc 'SHOW max_connections'))"
  echo "jdk=$("$JAVA" -version 2>&1 | head -1)"
  echo "wrk=$(wrk -v 2>&1 | head -1 | awk '{print $1, $2}')"
  echo "pgbench=$(pgbench --version)"
  echo "commit=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
  echo "started=$STARTED_AT"
  echo "ended=$ENDED_AT"
  echo "settings=duration ${DURATION} s, warm-up ${WARMUP} s, ${CONNECTIONS} connections, ${THREADS} threads"
  echo "baseline=${BASELINE_JAR:+$(basename "$BASELINE_JAR")}"
  echo "steps=$(for step in "${STEP_JARS[@]}"; do printf '%s ' "$(basename "$step" .jar)"; done)"
  echo "java_opts=$JAVA_OPTS"
  echo "malloc_arenas=$MALLOC_ARENAS"
} > "$WORK/machine.txt"
if [ "$ALTERNATE" -gt 0 ]; then
  log "results in $WORK (the A/B in $WORK/*/alternate/alternate.md)"
  exit 0
fi

"$BENCH/report.sh" "$WORK" $SCALE_LIST > "$WORK/report.md"
cat "$WORK/report.md"
if [ "$WRITE_DOC" = 1 ]; then
  mkdir -p "$ROOT/docs"
  # the sections from "## Imports" on belong to bench/imports.sh: they are kept as they are
  python3 - "$ROOT/docs/benchmarks.md" "$WORK/report.md" <<'PY'
import os, sys
doc_path, report = sys.argv[1], open(sys.argv[2]).read()
doc = open(doc_path).read() if os.path.exists(doc_path) else ""
imports = doc[doc.index("\n## Imports\n"):] if "\n## Imports\n" in doc else ""
open(doc_path, "w").write(report.rstrip("\n") + "\n" + imports)
PY
  log "wrote docs/benchmarks.md (its import sections kept)"
fi
log "results in $WORK"
