#!/usr/bin/env bash
# Writes the benchmark's report (docs/benchmarks.md) as Markdown from the results of one run of
# bench/run.sh: report.sh <results folder> <scale>...
set -euo pipefail
WORK=$1
shift
BENCH=$(cd "$(dirname "$0")" && pwd)

value() { jq -r "$2" "$1"; }
machine() { sed -n "s/^$1=//p" "$WORK/machine.txt"; }
fmt() { LC_ALL=C printf "%.${2:-1}f" "$1"; }
ratio() { jq -n --argjson a "$1" --argjson b "$2" '$a / $b'; }
verdict() { if [ "$(jq -n "$1")" = true ]; then echo "met"; else echo "**missed**"; fi; }
scale_title() {
  case "$1" in
    bangli) echo "Bangli-like: $(fmt "$(value "$WORK/$1/scale.json" .households)" 0) households" ;;
    large) echo "Large: 1,000,000 households" ;;
    *) echo "$(value "$WORK/$1/scale.json" .households) households" ;;
  esac
}

cat <<EOF
# Benchmarks

How fast the hub answers its agencies, measured by \`bench/run.sh\` (issue 6). Every figure in the
tables comes from **one run** of that command; ratios compare figures of the same run on the same
machine. "Why" says which run each of its other figures comes from.

## How to rerun

\`\`\`bash
sudo bench/run.sh                      # both scales, 30 s per scenario at 16 connections
sudo bench/run.sh --scale bangli       # only the Bangli-like data set (a few minutes)
sudo bench/run.sh --households 20000 --duration 10 --no-doc   # a quick try on a small set
# before and after a change, in one run: the earlier build's jar beside this one, with profiles
sudo bench/run.sh --scale bangli --baseline /path/to/earlier/terpadu.jar --profile --no-writes
# the same two builds side by side, taking turns for 5 rounds (on a machine whose speed drifts)
sudo bench/run.sh --scale bangli --baseline /path/to/earlier/terpadu.jar --alternate 5
\`\`\`

It runs as root on a Debian machine with a JDK 21+ and the repository. It installs \`wrk\`, \`jq\`
and PostgreSQL's client tools from the distribution when they are missing, uses the PostgreSQL
at 127.0.0.1:5432 (user and password \`postgres\`; it starts the local cluster when it is down),
builds the jar once, and then for each scale:

1. fills a database \`terpadu_bench_<scale>\` by starting the hub with the \`demo\` profile
   (the demo data generator, one transaction), then \`VACUUM ANALYZE\`; a database that already
   holds the right number of households is kept, so reruns skip the fill;
2. starts Keycloak (the distribution the build unpacks) importing
   \`keycloak/terpadu-realm.json\` and the hub (\`java -jar\`, JVM options below), gets real tokens by the password grant of \`terpadu-cli\`
   (fresh ones for each scenario), and warms the hub up with each page document (first, deep,
   the social office's) and with look-ups, in rounds until the JIT has compiled the request path
   (a round's compilations under 1 % of its time, at most 6 rounds);
3. checks that the SQL floor builds exactly the hub's answer (first and deep page, compared as JSON);
4. runs each scenario for a warm-up (10 s, not counted) and a measured run (30 s), reading
   around it the hub's \`terpadu_sql_statements_total\` and \`graphql_request_seconds_count\`
   (SQL statements per request) and the CPU time (\`/proc/<pid>/stat\`) of the hub's process and
   of the database server processes behind its connection pool or pgbench's clients (a
   connection the pool replaces during the run counts nothing for it, and the run says so),
   with the load tool's own (wrk's or pgbench's user and system time, as the shell's \`time\`
   reports it; CPU per request), and sampling the hub's resident memory (\`VmRSS\` in
   \`/proc/<pid>/status\`) twice a second.

Options: \`--scale bangli|large|both\`, \`--households N\`, \`--duration\`, \`--warmup\`,
\`--connections\`, \`--threads\`, \`--skip-build\`, \`--jar\`, \`--baseline JAR\` and \`--step JAR\` (an A/B in
one run), \`--alternate N\` (the A/B's two hubs side by side, taking turns, each after a run of the floor), \`--profile\` (JFR: the hottest frames and the JIT's compilations during page-first
and the look-ups), \`--no-writes\`, \`--no-doc\`; \`bench/run.sh --help\` lists them.
The raw results of a run (wrk and pgbench output, logs, samples) stay in \`bench/results/\`.

## Scenarios

| scenario | what | who | tool |
|---|---|---|---|
| page-first | \`households(first: 50)\` → members → JKN status and benefits, and the households' benefits ([document](../bench/graphql/household-page.graphql)), first page | \`uptpk\` | wrk |
| page-deep | the same after the cursor of the middle row (row 500,000 of the large set) | \`uptpk\` | wrk |
| floor-first, floor-deep | one SQL statement that builds the same JSON for the same page with \`json_agg\` ([floor-page.sql](../bench/sql/floor-page.sql)) | \`postgres\` | pgbench |
| page-first-social-uptpk | the page without JKN status ([document](../bench/graphql/household-page-social.graphql)), unmasked | \`uptpk\` | wrk |
| page-first-dinsos, page-deep-dinsos | the same document as the social office reads it: NIK and KK masked, benefits of social programmes | \`dinsos\` | wrk |
| lookups | random \`member(nik:)\` and \`household(kk:)\`, alternating, from 20,000 sampled identities (each logged as an identity read) | \`uptpk\` | wrk |
| writes | \`assignCluster\` (\`dinsos\`, \`uptpk\`), \`updateJknStatus\` (\`dinkes\`), \`enrolBenefit\` BPNT (\`dinsos\`), in turn | three roles | wrk |

The writes are sampled so that every one is valid: each target's current facet version, a
household's own cluster confirmed, a person's JKN status as recorded, BPNT proposed for households
of DTSEN decile 5 or below for a one-day period in the future that no earlier enrolment covers; a
write that reaches the same target again expects the version its previous write left. A request
counts as **failed** when its HTTP status is not 200, its answer carries \`errors\` (a 200 with
errors is not a success) or its lookup finds nothing.

**Load tool.** \`wrk\` 4.1 from Debian's packages: a closed loop of a fixed number of connections
(the fixed concurrency the issue asks for), written in C with an event loop, so two threads drive
the hub on the same two cores without taking much from it. Its Lua scripts ([bench/wrk](../bench/wrk))
build POST bodies, pick random identities, carry each role's token and read every answer to count
GraphQL errors. Its latency histogram gives p50 and p99. pgbench, PostgreSQL's own tool, drives the
floor with the same number of clients and threads, prepared statements, and a per-transaction log
for its percentiles.

**Hub JVM.** \`$(machine java_opts)\`. The hub's resident memory is its heap plus about
260 MiB of metaspace, compiled code, symbols and compiler arenas, so the 512 MiB target leaves
about 210 MiB of heap, fixed so that it is predictable. Most of it is a young generation with large
survivor spaces: a page request allocates some megabytes that live as long as the request, and
with 16 requests in flight a default young generation promotes them and fills the old generation
(the live set is about 60 MiB). The serial collector has the smallest native footprint, and on two
shared cores a concurrent collector has no spare core to run on. \`MALLOC_ARENA_MAX=$(machine malloc_arenas)\`
keeps glibc from giving native allocations an arena per thread. The hub runs virtual threads and
a pool of 10 database connections (its defaults).

## Machine

| | |
|---|---|
| CPU | $(machine cpu) |
| memory | $(machine memory) |
| system | $(machine os) |
| PostgreSQL | $(machine postgresql) |
| JDK | $(machine jdk) |
| load tools | $(machine wrk), $(machine pgbench) |
| commit | $(machine commit) |
| run | $(machine started) to $(machine ended); $(machine settings) |

Load tool, database and hub share the machine's cores, as they would on a small regency server.
*load* in the tables is the machine's 1-minute load average at the end of each measured run. It
counts the benchmark's own runnable threads too (the floor's 16 database server processes alone
make about 16; a hub scenario makes a few), so it is a hint, not a measure, of other processes
competing for the cores: on a machine shared with other work (builds, tests) it reads higher.
*JIT s* is the time the hub's JIT compilers spent during the measured run (\`jstat -compiler\`),
CPU that the run's requests pay for once, not per request; the hub is warmed up in rounds of every
page document and the look-ups until a round's compilations take under 1 % of its time.

EOF

# The scenarios' table of one hub's run ($1), with the floor's rows from $2.
scenario_table() {
  local hub=$1 floors=$2 name f sql rss load_tool
  echo "| scenario | connections | req/s | p50 ms | p99 ms | requests | failed | SQL statements / request | CPU ms / request: hub + database + load tool | hub peak RSS MiB | JIT s | load |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
  for name in page-first page-deep page-first-social-uptpk page-first-dinsos page-deep-dinsos floor-first floor-deep lookups lookups-c2 writes; do
    case "$name" in floor-*) f=$floors/$name.json ;; *) f=$hub/$name.json ;; esac
    [ -f "$f" ] || continue
    sql=$(value "$f" '.statements_per_request // empty')
    rss=$(value "$f" '.rss_mib // empty')
    load_tool=$(value "$f" '.load_tool_cpu_ms // empty')
    echo "| $name | $(value "$f" .connections) | $(fmt "$(value "$f" .rps)") | $(fmt "$(value "$f" .p50_ms)" 2) | $(fmt "$(value "$f" .p99_ms)" 2) | $(value "$f" .requests) | $(value "$f" .failures) | $( [ -n "$sql" ] && fmt "$sql" 2 ) | $(fmt "$(value "$f" .hub_cpu_ms)" 2) + $(fmt "$(value "$f" .db_cpu_ms)" 2) + $( [ -n "$load_tool" ] && fmt "$load_tool" 2 || echo "?") | $( [ -n "$rss" ] && fmt "$rss" 0 || echo "(hub idle)") | $(value "$f" '.jit_s // "-"') | $(value "$f" '.load // "?"') |"
  done
}

for scale in "$@"; do
  dir=$WORK/$scale
  echo "## $(scale_title "$scale")"
  echo
  echo "$(value "$dir/scale.json" .households) households, $(value "$dir/scale.json" .members) members, $(value "$dir/scale.json" .benefits) benefits; deep page after row $(value "$dir/scale.json" .deep_row). Fill: $(value "$dir/scale.json" '.fill | sub("^Terpadu benchmark: "; "")')."
  echo
  scenario_table "$dir" "$dir"
  echo
  echo "Hub's peak resident memory over its whole life (\`VmHWM\`, start and all scenarios): **$(fmt "$(value "$dir/scale.json" .hub_vmhwm_mib)" 0) MiB**."
  echo
  if [ -d "$dir/baseline" ]; then
    echo "### Before: the baseline build ($(machine baseline)), same run"
    echo
    scenario_table "$dir/baseline" "$dir"
    echo
    echo "Baseline hub's peak resident memory (\`VmHWM\`): **$(fmt "$(value "$dir/baseline/hub.json" .hub_vmhwm_mib)" 0) MiB**."
    echo
    echo "### Before and after, same run"
    echo
    echo "| measure | before | after |"
    echo "|---|---:|---:|"
    for pair in "page-first floor-first" "page-deep floor-deep" "page-first-dinsos floor-first" "page-deep-dinsos floor-deep"; do
      page=${pair% *} floor=${pair#* }
      echo "| $page: req/s / $floor req/s | $(fmt "$(ratio "$(value "$dir/baseline/$page.json" .rps)" "$(value "$dir/$floor.json" .rps)")" 2) | $(fmt "$(ratio "$(value "$dir/$page.json" .rps)" "$(value "$dir/$floor.json" .rps)")" 2) |"
      echo "| $page: hub CPU ms / request | $(fmt "$(value "$dir/baseline/$page.json" .hub_cpu_ms)" 2) | $(fmt "$(value "$dir/$page.json" .hub_cpu_ms)" 2) |"
    done
    echo "| page-first-dinsos / page-first-social-uptpk: hub CPU per page (masking's cost) | $(fmt "$(ratio "$(value "$dir/baseline/page-first-dinsos.json" .hub_cpu_ms)" "$(value "$dir/baseline/page-first-social-uptpk.json" .hub_cpu_ms)")" 2) | $(fmt "$(ratio "$(value "$dir/page-first-dinsos.json" .hub_cpu_ms)" "$(value "$dir/page-first-social-uptpk.json" .hub_cpu_ms)")" 2) |"
    for name in lookups lookups-c2; do
      echo "| $name ($(value "$dir/$name.json" .connections) connections): hub CPU ms / lookup | $(fmt "$(value "$dir/baseline/$name.json" .hub_cpu_ms)" 2) | $(fmt "$(value "$dir/$name.json" .hub_cpu_ms)" 2) |"
      echo "| $name ($(value "$dir/$name.json" .connections) connections): p99 ms | $(fmt "$(value "$dir/baseline/$name.json" .p99_ms)" 2) | $(fmt "$(value "$dir/$name.json" .p99_ms)" 2) |"
      echo "| $name ($(value "$dir/$name.json" .connections) connections): req/s | $(fmt "$(value "$dir/baseline/$name.json" .rps)" 0) | $(fmt "$(value "$dir/$name.json" .rps)" 0) |"
    done
    echo
    steps=$(machine steps)
    if [ -n "$steps" ]; then
      echo "### Change by change, same run"
      echo
      echo "Each intermediate build adds one change to the one before; page-first and lookups at $(value "$dir/lookups.json" .connections) connections."
      echo
      echo "| build | page-first / floor-first | page-first hub CPU ms | page-first-dinsos / floor-first | page-first-dinsos hub CPU ms | lookups hub CPU ms | lookups p99 ms |"
      echo "|---|---:|---:|---:|---:|---:|---:|"
      for build in baseline $(for step in $steps; do echo "step-$step"; done) final; do
        if [ "$build" = final ]; then b=$dir; else b=$dir/$build; fi
        echo "| $build | $(fmt "$(ratio "$(value "$b/page-first.json" .rps)" "$(value "$dir/floor-first.json" .rps)")" 2) | $(fmt "$(value "$b/page-first.json" .hub_cpu_ms)" 2) | $(fmt "$(ratio "$(value "$b/page-first-dinsos.json" .rps)" "$(value "$dir/floor-first.json" .rps)")" 2) | $(fmt "$(value "$b/page-first-dinsos.json" .hub_cpu_ms)" 2) | $(fmt "$(value "$b/lookups.json" .hub_cpu_ms)" 2) | $(fmt "$(value "$b/lookups.json" .p99_ms)" 2) |"
      done
      echo
    fi
  fi
done
for scale in "$@"; do
  dir=$WORK/$scale
  [ -f "$dir/page-first.frames.txt" ] || continue
  echo "## Profile of page-first ($scale)"
  echo
  echo "Taken by \`bench/run.sh --profile\`: a JFR recording (\`jcmd <pid> JFR.start settings=profile\`, CPU"
  echo "samples of every thread every 10 to 20 ms, stacks up to 512 frames) around the measured page-first run,"
  echo "then \`jfr print --events jdk.ExecutionSample\` summed by [bench/jfr-frames.awk](../bench/jfr-frames.awk):"
  echo "*inclusive* is the share of samples with the frame anywhere on the stack (parts overlap: a batch"
  echo "load runs inside the instrumentation chain), *self* the share with it on top. Raw recordings stay in"
  echo "\`bench/results/\`; \`jfr view hot-methods <file>\` shows them too."
  echo
  for build in baseline final; do
    if [ "$build" = final ]; then f=$dir/page-first.frames.txt; else f=$dir/baseline/page-first.frames.txt; fi
    [ -f "$f" ] || continue
    echo "### $( [ "$build" = final ] && echo "After (this build)" || echo "Before (the baseline build)")"
    echo
    echo '```'
    sed -n '1,/^top frames, inclusive/p' "$f" | sed '$d'
    echo "top frames, inclusive (first 25)"
    sed -n '/^top frames, inclusive/,$p' "$f" | sed -n '2,26p'
    echo '```'
    echo
  done
done

echo "## Targets"
echo
echo "| target | scale | measured | verdict |"
echo "|---|---|---|---|"
for scale in "$@"; do
  dir=$WORK/$scale
  first=$(value "$dir/page-first.json" .rps)
  deep=$(value "$dir/page-deep.json" .rps)
  floor_first=$(value "$dir/floor-first.json" .rps)
  floor_deep=$(value "$dir/floor-deep.json" .rps)
  r_first=$(ratio "$first" "$floor_first")
  r_deep=$(ratio "$deep" "$floor_deep")
  r_deep_first=$(ratio "$deep" "$first")
  echo "| (1) first page ≥ 0.8 × the floor's throughput | $scale | $(fmt "$first") / $(fmt "$floor_first") req/s = **$(fmt "$r_first" 2)** | $(verdict "$r_first >= 0.8") |"
  echo "| (1) deep page ≥ 0.8 × the floor's throughput | $scale | $(fmt "$deep") / $(fmt "$floor_deep") req/s = **$(fmt "$r_deep" 2)** | $(verdict "$r_deep >= 0.8") |"
  echo "| (1) deep page no slower than the first (throughput within 5 %) | $scale | deep / first = **$(fmt "$r_deep_first" 2)** (floor: $(fmt "$(ratio "$floor_deep" "$floor_first")" 2)) | $(verdict "$r_deep_first >= 0.95") |"
  p99=$(value "$dir/lookups.json" .p99_ms)
  p99_c2=$(value "$dir/lookups-c2.json" .p99_ms)
  lookups="p99 **$(fmt "$p99" 2) ms** at $(value "$dir/lookups.json" .connections) connections ($(fmt "$(value "$dir/lookups.json" .rps)" 0) req/s); $(fmt "$p99_c2" 2) ms at 2 ($(fmt "$(value "$dir/lookups-c2.json" .rps)" 0) req/s)"
  if [ "$scale" = large ]; then
    echo "| (2) lookups p99 < 10 ms at 1,000,000 households | $scale | $lookups | $(verdict "$p99 < 10")$( [ "$(jq -n "$p99_c2 < 10")" = true ] && echo " (met at 2 connections)") |"
  else
    echo "| (2) lookups p99 < 10 ms (the target is for the large set) | $scale | $lookups | $(verdict "$p99 < 10")$( [ "$(jq -n "$p99_c2 < 10")" = true ] && echo " (met at 2 connections)") |"
  fi
  # issue 17's targets: the social office's (masked) page against the floor and against UPT-PK reading
  # the same document, and the hub's CPU per look-up
  if [ -f "$dir/page-first-dinsos.json" ] && [ -f "$dir/page-deep-dinsos.json" ]; then
    r_social_first=$(ratio "$(value "$dir/page-first-dinsos.json" .rps)" "$floor_first")
    r_social_deep=$(ratio "$(value "$dir/page-deep-dinsos.json" .rps)" "$floor_deep")
    echo "| issue 17: page (first, deep) ≥ 0.8 × the floor, social office (masked) | $scale | **$(fmt "$r_social_first" 2)** and **$(fmt "$r_social_deep" 2)** | $(verdict "$r_social_first >= 0.8 and $r_social_deep >= 0.8") |"
  fi
  if [ -f "$dir/page-first-dinsos.json" ] && [ -f "$dir/page-first-social-uptpk.json" ]; then
    masked=$(ratio "$(value "$dir/page-first-dinsos.json" .hub_cpu_ms)" "$(value "$dir/page-first-social-uptpk.json" .hub_cpu_ms)")
    echo "| issue 17: the masked role costs ≤ 10 % extra | $scale | social office / UPT-PK, same document: **$(fmt "$masked" 2)** of the hub CPU | $(verdict "$masked <= 1.1") |"
  fi
  cpu_lookup=$(value "$dir/lookups.json" .hub_cpu_ms)
  cpu_lookup_c2=$(value "$dir/lookups-c2.json" .hub_cpu_ms)
  echo "| issue 17: hub CPU per look-up ≤ 0.3 ms | $scale | **$(fmt "$cpu_lookup" 2) ms** at 16 connections, $(fmt "$cpu_lookup_c2" 2) ms at 2 | $(verdict "$cpu_lookup <= 0.3") |"
  echo "| issue 17: look-up p99 < 20 ms at 16 connections | $scale | **$(fmt "$p99" 2) ms**; $(fmt "$p99_c2" 2) ms at 2 connections | $(verdict "$p99 < 20") |"
  hwm=$(value "$dir/scale.json" .hub_vmhwm_mib)
  echo "| hub peak memory < 512 MiB under load | $scale | VmHWM **$(fmt "$hwm" 0) MiB** | $(verdict "$hwm < 512") |"
  failed=$(jq -s 'map(.failures) | add' $(ls "$dir"/*.json | grep -v -e scale.json -e hub.json -e floor- -e '\.wrk\.json' -e '\.warmup\.json'))
  echo "| no failed request | $scale | $failed failed | $(verdict "$failed == 0") |"
done
echo
if [ -f "$BENCH/notes.md" ]; then
  cat "$BENCH/notes.md"
fi
