#!/usr/bin/env bash
# The plugin benchmarks of issues 6, 8 and 9, in one run, on a database of their own (created and dropped here):
#   civil registry   GetPerson by national number through gRPC (h2load) and the same lookup by pgbench;
#                    target: gRPC at 60% or more of pgbench's rate
#   feedback         SubmitCase (each request creates a case) at 10 connections x 10 calls in flight; Analyze
#                    over ROWS cases
#   correspondence   RegisterItem through gRPC (h2load); Search over ROWS items (h2load), one query term per run
# See Benchmarks/README.md ("Plugin benchmarks") for the method and how to read the figures.
#
# Usage: Benchmarks/Plugins/run.sh
# Knobs (environment):
#   ROWS=1000000        persons, feedback cases and correspondence items seeded (each)
#   DURATION=10         seconds per measured run (h2load: the request count is sized from the warm-up's rate)
#   WARMUP=2            seconds of warm-up before each measured run
#   CLIENTS=10 STREAMS=10   connections and calls in flight per connection (h2load -c, -m; pgbench -c CLIENTS)
#   ANALYZE_CALLS=5     Analyze calls, one after another (the median is reported)
#   PLUGINS="civil-registry feedback correspondence"   the plugins to seed and measure (e.g. PLUGINS=correspondence)
#   SEARCH_QUERIES="molendreef"   one Search run per term; "molendreef" is a street in ~1% of the items,
#                       "parkeervergunning" a Dutch topic in ~6% (see the README for what that one does at 10x10)
#   PORT=20180          loketd's port (keep it below the ephemeral port range)
#   H2LOAD_THREADS=1    h2load -t
#   PIN_THREADS=false   loketd's server.pin_threads (true: event loops and store polling threads pinned one per CPU)
#   PYTHON=$root/.venv/bin/python   a Python with grpcio, grpcio-tools and protobuf (scripts/setup.sh makes .venv)
#   SKIP_BUILD=1        reuse .build-bench/release/loketd;  KEEP_DATABASE=1  leave the database (its name is printed)
# Output: the figures on stdout and in Benchmarks/Plugins/results/latest.txt; h2load/pgbench outputs, the request
# bodies, seeding timings and loketd's log next to it.
# Exit status: 0 if every run passed its checks (all calls answered with grpc-status 0; the 60% target is reported,
# not enforced), 1 otherwise.
set -euo pipefail

bench="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$bench/../.." && pwd)"
cd "$root"

PLUGINS="${PLUGINS:-civil-registry feedback correspondence}"
ROWS="${ROWS:-1000000}"
DURATION="${DURATION:-10}"
WARMUP="${WARMUP:-2}"
CLIENTS="${CLIENTS:-10}"
STREAMS="${STREAMS:-10}"
ANALYZE_CALLS="${ANALYZE_CALLS:-5}"
SEARCH_QUERIES="${SEARCH_QUERIES:-molendreef}"
PORT="${PORT:-20180}"
H2LOAD_THREADS="${H2LOAD_THREADS:-1}"
PIN_THREADS="${PIN_THREADS:-false}"
PYTHON="${PYTHON:-$root/.venv/bin/python}"
TARGET="0.60"
DEPARTMENT="burgerzaken"
PURPOSE="benchmark"

start_time=$(date -u +%FT%TZ)
log() { echo "plugin-bench: $*" >&2; }
die() { echo "plugin-bench: error: $*" >&2; exit 1; }
wanted() { [[ " $PLUGINS " == *" $1 "* ]]; }  # wanted PLUGIN: true if PLUGINS names it
for plugin in $PLUGINS; do
  case "$plugin" in civil-registry | feedback | correspondence) ;; *) die "unknown plugin $plugin in PLUGINS" ;; esac
done

# ---------------------------------------------------------------------------------------------------
# 1. Tools.
for tool in h2load nghttp psql createdb dropdb swift python3 sha256sum; do
  command -v "$tool" >/dev/null || die "$tool is missing (h2load/nghttp: apt-get install nghttp2-client; psql: postgresql-client)"
done
pgbench_bin=""
for candidate in /usr/lib/postgresql/15/bin/pgbench "$(command -v pgbench || true)"; do
  if [ -n "$candidate" ] && [ -x "$candidate" ]; then pgbench_bin="$candidate"; break; fi
done
[ -n "$pgbench_bin" ] || die "pgbench not found (apt-get install postgresql-contrib)"
[ -x "$PYTHON" ] || die "no Python at $PYTHON: run scripts/setup.sh (it makes .venv with grpcio), or set PYTHON"
"$PYTHON" -c 'import grpc, grpc_tools, google.protobuf' 2>/dev/null \
  || die "$PYTHON lacks grpcio, grpcio-tools or protobuf: run scripts/setup.sh, or set PYTHON"
[ -z "${DATABASE_URL:-}" ] \
  || die "DATABASE_URL is set: this benchmark creates and drops a database on the embedded cluster; unset it"

# The previous run's output goes only once the tools are there.
results="$bench/results"
runs="$results/runs"
rm -rf "$results"
mkdir -p "$runs"

# ---------------------------------------------------------------------------------------------------
# 2. The embedded cluster (stopped at the end only if started here), and loketd's release build.
started_postgres=0
"$root/scripts/postgres.sh" status >/dev/null 2>&1 || started_postgres=1
"$root/scripts/postgres.sh" start
eval "$("$root/scripts/postgres.sh" env)"

loketd_pid=""
database=""
cleanup() {
  if [ -n "$loketd_pid" ]; then kill -TERM "$loketd_pid" 2>/dev/null || true; wait "$loketd_pid" 2>/dev/null || true; fi
  if [ -n "$database" ]; then
    if [ "${KEEP_DATABASE:-0}" = 1 ]; then log "kept database $database"
    else dropdb --if-exists "$database" >/dev/null 2>&1 || log "could not drop database $database"; fi
  fi
  if [ "$started_postgres" = 1 ]; then "$root/scripts/postgres.sh" stop || true; fi
}
trap cleanup EXIT

loketd_bin="$root/.build-bench/release/loketd"
build_seconds="-"
if [ "${SKIP_BUILD:-0}" != 1 ]; then
  log "building loketd (release, scratch path .build-bench)"
  start=$SECONDS
  for attempt in 1 2 3; do
    swift build -c release --scratch-path "$root/.build-bench" --product loketd >"$results/build.log" 2>&1 && break
    if [ $attempt -lt 3 ] && grep -q 'was modified during the build' "$results/build.log"; then
      log "a source file changed during the build: building again"; sleep 5; continue
    fi
    tail -40 "$results/build.log" >&2
    die "building loketd failed (log: $results/build.log)"
  done
  build_seconds=$((SECONDS - start))
fi
[ -x "$loketd_bin" ] || die "$loketd_bin is missing (run without SKIP_BUILD=1)"

# ---------------------------------------------------------------------------------------------------
# 3. A fresh database and loketd on it (which migrates it: the host's and every plugin's schema).
database="loket_plugin_bench_$(od -An -N4 -tx1 /dev/urandom | tr -d ' \n')"
createdb "$database"
log "database $database on $PGHOST:$PGPORT"
psql_db() { psql -X -q -v ON_ERROR_STOP=1 -d "$database" "$@"; }
scalar() { psql -X -At -v ON_ERROR_STOP=1 -d "$database" -c "$1"; }

port_listening() {  # port_listening PORT: true if something listens on it
  local hex
  hex=$(printf '%04X' "$1")
  awk -v hex="$hex" 'NR > 1 { split($2, a, ":"); if (a[2] == hex && $4 == "0A") found = 1 } END { exit !found }' \
    /proc/net/tcp /proc/net/tcp6 2>/dev/null
}
port_listening "$PORT" && die "port $PORT is in use (set PORT)"
url="postgresql:///$database?host=$PGHOST&port=$PGPORT&user=$PGUSER"
# loketd reads every LOKET_* variable as configuration and refuses unknown ones: it gets none.
unset_loket=()
for name in $(compgen -e | grep '^LOKET_' || true); do unset_loket+=(-u "$name"); done
env "${unset_loket[@]}" "$loketd_bin" --port "$PORT" --log-level warning --database-url "$url" \
  --set "server.pin_threads=$PIN_THREADS" >"$results/loketd.log" 2>&1 &
loketd_pid=$!
for _ in $(seq 600); do
  port_listening "$PORT" && break
  kill -0 "$loketd_pid" 2>/dev/null || { tail -20 "$results/loketd.log" >&2; die "loketd exited during start-up"; }
  sleep 0.1
done
port_listening "$PORT" || die "loketd does not listen on port $PORT after 60 s (log: $results/loketd.log)"
log "loketd (pid $loketd_pid) listens on $PORT"

# A department, and an administrator, a clerk and an integration with API keys, as `loketctl bootstrap` would:
# the key is lk_<12 hex>_<64 hex>, the database keeps the SHA-256 of the secret part.
new_key() {  # new_key NAME ROLE DEPARTMENT|NULL SCOPES-ARRAY: prints the key
  local key_id secret digest department_sql="NULL"
  key_id=$(od -An -N6 -tx1 /dev/urandom | tr -d ' \n')
  secret=$(od -An -N32 -tx1 /dev/urandom | tr -d ' \n')
  digest=$(printf '%s' "$secret" | sha256sum | cut -c1-64)
  [ "$3" = NULL ] || department_sql="'$3'"
  psql_db -c "WITH p AS (INSERT INTO core.principals (name, role, department_id, scopes)
                         VALUES ('$1', '$2', $department_sql, $4) RETURNING id)
              INSERT INTO core.credentials (principal_id, kind, key_id, secret_sha256, label)
              SELECT id, 'api_key', '$key_id', '\\x$digest', 'plugin benchmark' FROM p" >/dev/null
  echo "lk_${key_id}_${secret}"
}
psql_db -c "INSERT INTO core.departments (id, name) VALUES ('$DEPARTMENT', 'Burgerzaken')"
admin_key=$(new_key bench.admin administrator NULL "'{}'::text[]")
clerk_key=$(new_key bench.clerk clerk "$DEPARTMENT" "'{}'::text[]")
integration_key=$(new_key bench.webform integration "$DEPARTMENT" \
  "ARRAY['feedback.cases.submit', 'correspondence.items.register']")
psql_db -c "NOTIFY loket_directory"

stubs="$results/stubs"
"$PYTHON" "$bench/bench.py" stubs "$stubs"
py() { "$PYTHON" "$bench/bench.py" "$1" "$stubs" "${@:2}"; }
# Enabling through the admin RPC; the key must be known to loketd first (the NOTIFY above), so retry briefly.
for attempt in $(seq 50); do
  py enable "$PORT" "$admin_key" "$DEPARTMENT" $PLUGINS 2>"$runs/enable.err" && break
  [ "$attempt" -lt 50 ] || { cat "$runs/enable.err" >&2; die "EnablePlugin failed"; }
  sleep 0.2
done
log "plugins enabled for $DEPARTMENT"

# ---------------------------------------------------------------------------------------------------
# 4. Seeding, set-based (see the seed_*.sql files).
seed() {  # seed NAME FILE
  local start
  start=$(date +%s.%N)
  log "seeding $1 ($ROWS rows)"
  psql_db -v rows="$ROWS" -v department="$DEPARTMENT" -f "$2" >"$runs/seed-$1.txt" 2>&1 \
    || { tail -20 "$runs/seed-$1.txt" >&2; die "seeding $1 failed"; }
  seed_seconds[$1]=$(awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN { printf "%.0f", e - s }')
  log "seeded $1 in ${seed_seconds[$1]} s"
}
declare -A seed_seconds=([civil-registry]=- [feedback]=- [correspondence]=-)
vacuum_tables=""
if wanted civil-registry; then
  seed civil-registry "$bench/seed_civil_registry.sql"
  vacuum_tables+=", civil_registry.persons"
fi
if wanted feedback; then
  seed feedback "$bench/seed_feedback.sql"
  vacuum_tables+=", feedback.cases, feedback.invitations, feedback.responses"
fi
if wanted correspondence; then
  seed correspondence "$bench/seed_correspondence.sql"
  vacuum_tables+=", correspondence.items, correspondence.item_contacts, correspondence.contacts, correspondence.counters"
  # The seeded search vectors must be what the plugin's own refresh function makes: recompute a sample, compare.
  mismatches=$(psql -X -q -At -v ON_ERROR_STOP=1 -d "$database" <<'SQL' | tail -1
BEGIN;
CREATE TEMP TABLE sample ON COMMIT DROP AS
    SELECT id, search FROM correspondence.items TABLESAMPLE SYSTEM (1) LIMIT 200;
SELECT count(correspondence.refresh_search(id)) FROM sample;
SELECT count(*) FROM sample s JOIN correspondence.items i USING (id) WHERE i.search IS DISTINCT FROM s.search;
ROLLBACK;
SQL
)
  [ "$mismatches" = 0 ] || die "$mismatches sampled items have a search vector that refresh_search would change"
fi
psql_db -c "VACUUM (ANALYZE) ${vacuum_tables#, }"
database_size=$(scalar "SELECT pg_size_pretty(pg_database_size(current_database()))")
log "database size after seeding: $database_size"

# ---------------------------------------------------------------------------------------------------
# 5. Measurements.
any_failed=0
h2_headers=(-H 'content-type: application/grpc' -H 'te: trailers' -H "authorization: Bearer $clerk_key"
  -H "x-loket-purpose: $PURPOSE")

# verify NAME KIND BODY: the exact bytes and headers h2load sends, once with nghttp (HTTP 200 and grpc-status 0 in
# the trailers) and once with grpcio (status OK; prints what came back). Returns 1 with the reason logged.
verify() {
  local name="$1" kind="$2" body="$3" path="$4" prefix="$runs/$1"
  if ! timeout 600 nghttp -v -d "$body" "${h2_headers[@]}" "http://127.0.0.1:$PORT$path" \
    >"$prefix.nghttp.txt" 2>&1; then
    log "$name: nghttp failed"; return 1
  fi
  grep -aq 'recv (stream_id=[0-9]*) :status: 200' "$prefix.nghttp.txt" || { log "$name: HTTP status not 200"; return 1; }
  if ! grep -aq 'recv (stream_id=[0-9]*) grpc-status: 0$' "$prefix.nghttp.txt"; then
    log "$name: $(grep -ao 'grpc-status: .*\|grpc-message: .*' "$prefix.nghttp.txt" | tr '\n' ' ')"; return 1
  fi
  if ! py call "$PORT" "$kind" "$body" "$clerk_key" "$PURPOSE" >"$prefix.grpcio.txt" 2>&1; then
    log "$name: grpcio: $(tail -1 "$prefix.grpcio.txt")"; return 1
  fi
  log "$name: verified ($(cat "$prefix.grpcio.txt"))"
}

# run_h2load NAME BODY PATH COUNT-SQL: warm-up for WARMUP s (-D), then a measured run of -n requests sized to last
# about DURATION s, with --log-file for percentiles. COUNT-SQL counts what each successful call leaves in the
# database (an audit record, an item): its growth over the measured run must equal h2load's succeeded requests,
# which checks every call's grpc-status, not just a sample. Sets H2_* (report.py), LAT_* (bench.py), DB_DELTA.
run_h2load() {
  local name="$1" body="$2" path="$3" count_sql="$4" prefix="$runs/$1" requests before after
  local uri="http://127.0.0.1:$PORT$path"
  h2load -t "$H2LOAD_THREADS" -c "$CLIENTS" -m "$STREAMS" -D "$WARMUP" -d "$body" "${h2_headers[@]}" "$uri" \
    >"$prefix.warmup.txt" 2>&1 || true
  eval "$(python3 "$root/Benchmarks/report.py" h2load "$prefix.warmup.txt")" || return 1
  requests=$(python3 -c "import math,sys; r,s,c=float(sys.argv[1]),float(sys.argv[2]),int(sys.argv[3]); n=max(int(r*s),10*c); print(int(math.ceil(n/c))*c)" \
    "$H2_RPS" "$DURATION" "$CLIENTS")
  before=$(scalar "$count_sql")
  log "$name: $requests requests (warm-up: $H2_RPS req/s)"
  local ticks_before ticks_after
  ticks_before=$(cpu_ticks)
  timeout $((DURATION * 20 + 120)) h2load -t "$H2LOAD_THREADS" -c "$CLIENTS" -m "$STREAMS" -n "$requests" \
    -d "$body" "${h2_headers[@]}" --log-file="$prefix.requests.log" "$uri" >"$prefix.h2load.txt" 2>&1 || true
  ticks_after=$(cpu_ticks)
  after=$(scalar "$count_sql")
  eval "$(python3 "$root/Benchmarks/report.py" h2load "$prefix.h2load.txt")" || return 1
  SRV_CPU_US=$(server_cpu_us "$ticks_before" "$ticks_after" "$H2_DONE")
  eval "$("$PYTHON" "$bench/bench.py" latency "$prefix.requests.log")"
  DB_DELTA=$((after - before))
  H2_REQUESTS=$requests
}

# check_h2load NAME: logs and returns 1 if a request failed or errored, or did not leave its trace in the database.
check_h2load() {
  local problems=""
  [ "$H2_FAILED" = 0 ] && [ "$H2_ERRORED" = 0 ] && [ "$H2_TIMEOUT" = 0 ] \
    || problems="$problems failed=$H2_FAILED errored=$H2_ERRORED timeout=$H2_TIMEOUT;"
  [ "$H2_2XX" = "$H2_REQUESTS" ] || problems="$problems HTTP 2xx $H2_2XX of $H2_REQUESTS;"
  [ "$DB_DELTA" = "$H2_SUCCEEDED" ] || problems="$problems grpc-status 0 for $DB_DELTA of $H2_SUCCEEDED;"
  if [ -n "$problems" ]; then log "$1: FAILED:$problems"; any_failed=1; return 1; fi
  return 0
}

# run_pgbench NAME SCRIPT: WARMUP s, then DURATION s; sets PG_TPS, PG_LAT_MS, PG_FAILED.
run_pgbench() {
  local name="$1" script="$runs/$1.sql" prefix="$runs/$1" status=0
  sed "s/random(0, ROWS - 1)/random(0, $ROWS - 1)/" "$2" >"$script"
  local args=(-n -c "$CLIENTS" -j 2 -M prepared -f "$script" -d "$database")
  "$pgbench_bin" "${args[@]}" -T "$WARMUP" >"$prefix.warmup.txt" 2>&1 || true
  "$pgbench_bin" "${args[@]}" -T "$DURATION" >"$prefix.txt" 2>&1 || status=$?
  PG_TPS=$(sed -n 's/^tps = \([0-9.]*\).*/\1/p' "$prefix.txt" | head -1)
  PG_LAT_MS=$(sed -n 's/^latency average = \([0-9.]*\) ms.*/\1/p' "$prefix.txt" | head -1)
  PG_FAILED=$(sed -n 's/^number of failed transactions: \([0-9]*\).*/\1/p' "$prefix.txt")
  PG_FAILED=${PG_FAILED:-0}
  [ "$status" = 0 ] || PG_FAILED="$PG_FAILED+exit$status"
  if [ -z "$PG_TPS" ] || [ "$PG_FAILED" != 0 ]; then log "$name: pgbench FAILED (see $prefix.txt)"; any_failed=1; fi
  PG_TPS=${PG_TPS:-0}
  log "$name: $PG_TPS tps, latency average ${PG_LAT_MS:-?} ms"
}

declare -A out  # figures for the report, by key
# row LABEL REQ/S MEAN-MS P50-MS P99-MS MAX-MS CPU-US NOTE: one line of the report ("-" for a figure not measured).
row() {
  local label="$1" note="$8" cells="" value i=0 format
  shift
  for value in "${@:1:6}"; do
    i=$((i + 1))
    format=' %9.2f'
    [ $i != 1 ] && [ $i != 6 ] || format=' %9.0f'  # req/s and CPU without decimals
    if [ "$value" = - ]; then cells+=$(printf ' %9s' -); else cells+=$(printf "$format" "$value"); fi
  done
  printf '%-46s%s  %s' "$label" "$cells" "$note"
}
# h2load_row LABEL: the report line of the h2load run just checked (run_h2load, check_h2load).
h2load_row() {
  row "$1" "$H2_RPS" "$(awk -v u="$H2_MEAN_US" 'BEGIN { print u / 1000 }')" "$LAT_P50_MS" "$LAT_P99_MS" \
    "$(awk -v u="$H2_MAX_US" 'BEGIN { print u / 1000 }')" "$SRV_CPU_US" \
    "$H2_FAILED/$H2_ERRORED/$H2_TIMEOUT; grpc ok $DB_DELTA/$H2_SUCCEEDED"
}
cpu_ticks() {  # utime + stime of loketd (all threads), in clock ticks
  local stat
  stat=$(cat "/proc/$loketd_pid/stat")
  stat="${stat##*) }"
  awk '{ print $12 + $13 }' <<<"$stat"
}
clk_tck=$(getconf CLK_TCK)
server_cpu_us() {  # server_cpu_us TICKS-BEFORE TICKS-AFTER CALLS: loketd CPU microseconds per call
  awk -v a="$1" -v b="$2" -v n="$3" -v t="$clk_tck" 'BEGIN { if (n > 0) printf "%.0f", (b - a) * 1e6 / t / n; else print "-" }'
}
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
audit_count() { echo "SELECT count(*) FROM core.audit_log WHERE method = '$1'"; }

# 5.1 Civil registry: GetPerson by national number (one seeded person: h2load sends one body) vs pgbench.
if wanted civil-registry; then
  person_number=$(scalar "SELECT national_number FROM civil_registry.persons ORDER BY national_number
                          OFFSET $((ROWS / 2)) LIMIT 1")
  py body get-person "$runs/get-person.bin" "$person_number"
  if verify get-person get-person "$runs/get-person.bin" /loket.civilregistry.v1.CivilRegistry/GetPerson \
    && run_h2load get-person "$runs/get-person.bin" /loket.civilregistry.v1.CivilRegistry/GetPerson \
      "$(audit_count /loket.civilregistry.v1.CivilRegistry/GetPerson)"; then
    check_h2load get-person || true
    out[gp]=$(h2load_row "gRPC GetPerson (h2load)")
    grpc_rps=$H2_RPS
  else
    any_failed=1; grpc_rps=0; out[gp]="gRPC GetPerson: FAILED (see $runs/get-person.*)"
  fi
  run_pgbench pgbench-get-person "$bench/pgbench_get_person.sql"
  out[pg]=$(row "pgbench lookup" "$PG_TPS" "${PG_LAT_MS:--}" - - - - "failed $PG_FAILED")
  pg_rps=$PG_TPS
  run_pgbench pgbench-get-person-audited "$bench/pgbench_get_person_audited.sql"
  out[pga]=$(row "pgbench lookup + audit, 1 transaction" "$PG_TPS" "${PG_LAT_MS:--}" - - - - "failed $PG_FAILED")
  pga_rps=$PG_TPS
  ratio=$(awk -v a="$grpc_rps" -v b="$pg_rps" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }')
  ratio_audited=$(awk -v a="$grpc_rps" -v b="$pga_rps" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }')
  verdict=$(awk -v r="$ratio" -v t="$TARGET" 'BEGIN { print (r >= t ? "PASS" : "FAIL") }')
fi

# 5.2 Feedback: Analyze over the seeded cases (before the intake adds more), then intake.
if wanted feedback; then
  py body analyze "$runs/analyze.bin"
  if py call "$PORT" analyze "$runs/analyze.bin" "$clerk_key" >"$runs/analyze.grpcio.txt" 2>&1; then
    log "analyze: verified ($(cat "$runs/analyze.grpcio.txt"))"
    py analyze "$PORT" "$clerk_key" "$ANALYZE_CALLS" >"$runs/analyze.txt"
    eval "$(cat "$runs/analyze.txt")"
    out[an]=$(printf 'Analyze over %s cases and %s counter visits (%s months, %s categories): median %.2f s, min %.2f s, max %.2f s over %s calls' \
      "$AN_CASES" "$AN_VISITS" "$AN_MONTHS" "$AN_CATEGORIES" "$AN_MEDIAN_S" "$AN_MIN_S" "$AN_MAX_S" "$AN_CALLS")
    [ "$AN_CASES" -ge "$ROWS" ] || { log "analyze covered $AN_CASES cases, fewer than $ROWS"; any_failed=1; }
  else
    any_failed=1; out[an]="Analyze: FAILED ($(tail -1 "$runs/analyze.grpcio.txt"))"
  fi
  py body submit-case "$runs/submit-case.bin"
  if py call "$PORT" submit-case "$runs/submit-case.bin" "$integration_key" "$PURPOSE" >"$runs/submit-case.grpcio.txt" 2>&1; then
    log "submit-case: verified ($(cat "$runs/submit-case.grpcio.txt"))"
    log "submit-case: grpc.aio client, $CLIENTS connections x $STREAMS calls in flight, ${WARMUP} s + ${DURATION} s"
    cases_before=$(scalar "SELECT count(*) FROM feedback.cases")
    ticks_before=$(cpu_ticks)
    py intake "$PORT" "$integration_key" "$PURPOSE" "$CLIENTS" "$STREAMS" "$WARMUP" "$DURATION" >"$runs/intake.txt"
    ticks_after=$(cpu_ticks)
    eval "$(cat "$runs/intake.txt")"
    created=$(( $(scalar "SELECT count(*) FROM feedback.cases") - cases_before ))
    # loketd's CPU ticks span the warm-up and the measured run: per call over every case created meanwhile.
    out[in]=$(row "gRPC SubmitCase (grpc.aio client)" "$IN_RPS" "$IN_MEAN_MS" "$IN_P50_MS" "$IN_P99_MS" "$IN_MAX_MS" \
      "$(server_cpu_us "$ticks_before" "$ticks_after" "$created")" \
      "errors $IN_ERRORS ($IN_ERROR_CODES); client CPU $(printf '%.0f' "$IN_CLIENT_CPU_US") us/call")
    out[in_created]="cases created during the intake run (warm-up included): $created"
    [ "$IN_ERRORS" = 0 ] || { log "submit-case: errors $IN_ERROR_CODES"; any_failed=1; }
  else
    any_failed=1; out[in]="SubmitCase: FAILED ($(tail -1 "$runs/submit-case.grpcio.txt"))"
  fi
fi

# 5.3 Correspondence: Search per query term over the seeded items, then RegisterItem.
if wanted correspondence; then
  search_lines=""
  n=0
  for query in $SEARCH_QUERIES; do
    n=$((n + 1))
    py body search "$runs/search-$n.bin" "$query"
    if verify "search-$n" search "$runs/search-$n.bin" /loket.correspondence.v1.Correspondence/Search \
      && run_h2load "search-$n" "$runs/search-$n.bin" /loket.correspondence.v1.Correspondence/Search \
        "$(audit_count /loket.correspondence.v1.Correspondence/Search)"; then
      check_h2load "search-$n" || true
      hits=$(sed -n 's/.* total=\([0-9+]*\).*/\1/p' "$runs/search-$n.grpcio.txt")
      search_lines+=$(h2load_row "gRPC Search \"$query\" ($hits hits)")$'\n'
    else
      any_failed=1; search_lines+="gRPC Search \"$query\": FAILED (see $runs/search-$n.*)"$'\n'
    fi
  done
  py body register-item "$runs/register-item.bin"
  if verify register-item register-item "$runs/register-item.bin" /loket.correspondence.v1.Correspondence/RegisterItem \
    && run_h2load register-item "$runs/register-item.bin" /loket.correspondence.v1.Correspondence/RegisterItem \
      "SELECT count(*) FROM correspondence.items WHERE year > 2025"; then
    check_h2load register-item || true
    out[ri]=$(h2load_row "gRPC RegisterItem (h2load)")
    this_year="year = extract(year FROM now() AT TIME ZONE 'Europe/Brussels')::int AND direction = 'in'"
    registered=$(scalar "SELECT count(*) FROM correspondence.items WHERE $this_year")
    gaps=$(scalar "SELECT coalesce(max(number), 0) - count(*) FROM correspondence.items WHERE $this_year")
    out[ri_gaps]="incoming items of this year (warm-up and checks included): $registered, numbered 1..$registered with $gaps gaps"
    [ "$gaps" = 0 ] || { log "register-item: $gaps gaps in the reference numbers"; any_failed=1; }
  else
    any_failed=1; out[ri]="gRPC RegisterItem: FAILED (see $runs/register-item.*)"
  fi
fi

# ---------------------------------------------------------------------------------------------------
# 6. The report.
header=$(printf '%-46s %9s %9s %9s %9s %9s %9s  %s' "" "req/s" "mean ms" "p50 ms" "p99 ms" "max ms" "loketd us" \
  "failed/errored/timeout; grpc-status 0 checked")
{
  echo "Plugin benchmarks (issues 6, 8, 9): $PLUGINS; $ROWS rows seeded per plugin, ${DURATION} s per measured run after ${WARMUP} s warm-up"
  echo "started $start_time, machine: $(nproc) cores," \
    "load average before the runs: $load_before; $(uname -sr)"
  echo "loketd $(git -C "$root" rev-parse --short HEAD)$(git -C "$root" diff --quiet HEAD -- Sources Plugins Package.swift 2>/dev/null || echo ' (+ uncommitted changes)')," \
    "release, database pool 10 (default), server.pin_threads=$PIN_THREADS; PostgreSQL $(scalar 'SHOW server_version'), embedded cluster, default settings"
  echo "load: h2load -c $CLIENTS -m $STREAMS -t $H2LOAD_THREADS; pgbench -c $CLIENTS -j 2 -M prepared;" \
    "SubmitCase: grpc.aio, $CLIENTS connections x $STREAMS calls in flight"
  echo "seeding: civil registry ${seed_seconds[civil-registry]} s, feedback ${seed_seconds[feedback]} s," \
    "correspondence ${seed_seconds[correspondence]} s; database $database_size; loketd build ${build_seconds} s"
  if wanted civil-registry; then
    echo
    echo "Civil registry (issue 6): GetPerson by national number, $ROWS persons"
    echo "$header"
    echo "${out[gp]}"
    echo "${out[pg]}"
    echo "${out[pga]}"
    echo "gRPC / pgbench lookup: $ratio (target >= $TARGET: $verdict); gRPC / pgbench lookup + audit: $ratio_audited"
  fi
  if wanted feedback; then
    echo
    echo "Feedback (issue 8)"
    echo "$header"
    echo "${out[in]}"
    echo "${out[in_created]:-}"
    echo "${out[an]}"
  fi
  if wanted correspondence; then
    echo
    echo "Correspondence (issue 9): $ROWS items"
    echo "$header"
    printf '%s' "$search_lines"
    echo "${out[ri]}"
    echo "${out[ri_gaps]:-}"
  fi
} | tee "$results/latest.txt"
if [ $any_failed != 0 ]; then
  log "some runs failed their checks: see above and $runs/"
  exit 1
fi
