#!/usr/bin/env bash
# The store benchmark of issue 4: LoketStore's PostgresPool against pgbench, same database, same statements,
# same concurrency. See Benchmarks/README.md ("Store benchmark").
#
# Usage: Benchmarks/Store/run.sh
# Knobs (environment):
#   ROWS=100000       rows in bench_items
#   ROUNDS=5          rounds; each runs every measurement once, so that the VM's drift is shared
#   DURATION=4        seconds per measured run
#   WARMUP=1          seconds of warm-up before each measured run (both clients)
#   CONCURRENCY=10    pool: concurrent tasks and pool size; pgbench: -c (with -j 2)
#   SKIP_BUILD=1      reuse the store-bench binary built last time
#   PIN_THREADS=1     pin LoketStore's polling threads one per CPU (PostgresPool.pinPollingThreads; default off)
#   KEEP_POSTGRES=1   leave the embedded cluster running afterwards (by default it is stopped only if this
#                     script started it)
# Pool runs twice per operation: with its tasks on the store's event loops (PostgresPool.taskExecutors, one thread
# per core polling its connections and running its tasks, pgbench's model; the target row) and on Swift's global
# executor (every result resumes the task on another thread; shown for comparison).
# Order within a round: pool lookup (loops, global), pgbench lookup, pool insert (loops, global), pgbench insert
# (bench_inserts emptied before each insert run). The rounds take turns like this so that a slow or fast spell of the
# machine falls on both clients; each round's ratio compares runs made seconds apart.
# Output: the table on stdout and in Benchmarks/Store/results/latest.txt (medians over the rounds, then each
# round's ratios); raw outputs in Benchmarks/Store/results/.
# Exit status: 0 if, for both operations, the median of the rounds' ratios reaches the target (pool >= 80% of
# pgbench) with the tasks on the store's event loops and no run had errors, 1 otherwise.
set -euo pipefail

store="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$store/../.." && pwd)"
cd "$store"

ROWS="${ROWS:-100000}"
ROUNDS="${ROUNDS:-5}"
DURATION="${DURATION:-4}"
WARMUP="${WARMUP:-1}"
CONCURRENCY="${CONCURRENCY:-10}"
TARGET="0.80"

results="$store/results"
rm -rf "$results"
mkdir -p "$results"

log() { echo "store-bench: $*" >&2; }
die() { echo "store-bench: error: $*" >&2; exit 1; }

# ---------------------------------------------------------------------------------------------------
# 1. The database: the embedded cluster (or DATABASE_URL, which postgres.sh leaves alone).
pgbench_bin=""
for candidate in /usr/lib/postgresql/15/bin/pgbench "$(command -v pgbench || true)"; do
  if [ -n "$candidate" ] && [ -x "$candidate" ]; then pgbench_bin="$candidate"; break; fi
done
[ -n "$pgbench_bin" ] || die "pgbench not found (apt-get install postgresql-contrib)"
command -v psql >/dev/null || die "psql not found (apt-get install postgresql-client)"

started_postgres=0
if [ -z "${DATABASE_URL:-}" ] && ! "$root/scripts/postgres.sh" status >/dev/null 2>&1; then started_postgres=1; fi
"$root/scripts/postgres.sh" start
eval "$("$root/scripts/postgres.sh" env)"
stop_postgres() {
  if [ "$started_postgres" = 1 ] && [ "${KEEP_POSTGRES:-0}" != 1 ]; then "$root/scripts/postgres.sh" stop || true; fi
}
trap stop_postgres EXIT
# pgbench and psql take DATABASE_URL as their database name (libpq expands a connection string there).
database_args=()
[ -n "${DATABASE_URL:-}" ] && database_args=("$DATABASE_URL")
psql_bench() { psql -X -q -v ON_ERROR_STOP=1 "$@" "${database_args[@]}"; }
log "database: ${DATABASE_URL:-PGHOST=$PGHOST PGPORT=$PGPORT PGUSER=$PGUSER PGDATABASE=$PGDATABASE}"

# ---------------------------------------------------------------------------------------------------
# 2. store-bench, release, with a scratch folder of its own.
bin="$store/.build-store-bench/release/store-bench"
if [ "${SKIP_BUILD:-0}" != 1 ]; then
  log "building store-bench (release)"
  # SwiftPM does not look for files added to a path dependency (the root package) once it has a build plan;
  # dropping the plan makes it plan again (nothing is recompiled that did not change).
  rm -f "$store/.build-store-bench/release.yaml" "$store/.build-store-bench/release/description.json"
  for attempt in 1 2 3; do
    swift build -c release --package-path "$store" --scratch-path "$store/.build-store-bench" \
      --product store-bench >"$results/build.log" 2>&1 && break
    if [ $attempt -lt 3 ] && grep -q 'was modified during the build' "$results/build.log"; then
      log "a source file changed during the build: building again"; sleep 5; continue
    fi
    tail -40 "$results/build.log" >&2
    die "building store-bench failed (log: $results/build.log)"
  done
fi
[ -x "$bin" ] || die "$bin is missing (run without SKIP_BUILD=1)"

# ---------------------------------------------------------------------------------------------------
# 3. The runs. pgbench scripts: the same statements, the id drawn client-side, values bound as parameters.
cat >"$results/lookup.sql" <<SQL
\set id random(1, $ROWS)
SELECT name, amount FROM bench_items WHERE id = :id;
SQL
cat >"$results/insert.sql" <<'SQL'
\set amount random(1, 1000000)
INSERT INTO bench_inserts (name, amount) VALUES (:name, :amount);
SQL

# run_pool PHASE EXECUTOR [ARGS...]: store-bench for one phase with its tasks on EXECUTOR (store: the store's
# event loops; global: Swift's global executor); sets pool_rate, pool_errors, pool_cpu.
pin_args=()
[ "${PIN_THREADS:-0}" = 1 ] && pin_args=(--pin-threads)
run_pool() {
  local phase="$1" executor="$2" status=0 out="$results/pool-$1-$2-round$round.txt"
  shift 2
  log "round $round/$ROUNDS, pool: $phase, tasks on the $executor executor ($DURATION s, concurrency $CONCURRENCY, pool size $CONCURRENCY)"
  "$bin" --rows "$ROWS" --duration "$DURATION" --warmup "$WARMUP" --concurrency "$CONCURRENCY" \
    --pool-size "$CONCURRENCY" --phases "$phase" --executor "$executor" ${pin_args[@]+"${pin_args[@]}"} "$@" \
    >"$out" 2>&1 || status=$?
  grep -v '^RESULT ' "$out" | sed 's/^/  /' >&2 || true
  local line
  line="$(grep "^RESULT phase=$phase " "$out" || true)"
  [ -n "$line" ] || die "store-bench $phase gave no result (exit $status, output: $out)"
  pool_rate="$(sed -n 's/.* ops_per_s=\([0-9.]*\).*/\1/p' <<<"$line")"
  pool_errors="$(sed -n 's/.* errors=\([0-9]*\).*/\1/p' <<<"$line")"
  pool_cpu="$(sed -n 's/.* cpu_us_per_op=\([0-9.]*\).*/\1/p' <<<"$line")"
}

# run_pgbench PHASE: a warm-up run, then the measured one; sets bench_rate, bench_errors, bench_cpu.
run_pgbench() {
  local phase="$1" out="$results/pgbench-$1-round$round.txt" status=0 times
  local args=(-n -c "$CONCURRENCY" -j 2 -M prepared -f "$results/$phase.sql" -D name=bench)
  log "round $round/$ROUNDS, pgbench: $phase ($DURATION s, -c $CONCURRENCY -j 2 -M prepared)"
  if [ "$WARMUP" != 0 ]; then
    "$pgbench_bin" "${args[@]}" -T "$WARMUP" "${database_args[@]}" >"$results/pgbench-$phase-warmup-round$round.txt" 2>&1 || true
  fi
  # bash's `time` gives the CPU (user + system) of pgbench, the client, for the run.
  { TIMEFORMAT='%U %S'; time "$pgbench_bin" "${args[@]}" -T "$DURATION" "${database_args[@]}" \
    >"$out" 2>&1 || status=$?; } 2>"$results/pgbench-$phase-round$round.cpu"
  times="$(cat "$results/pgbench-$phase-round$round.cpu")"
  sed 's/^/  /' "$out" | grep -E 'tps|processed|failed|latency|error|abort' >&2 || true
  [ "$status" = 0 ] || log "pgbench $phase exited with status $status (output: $out)"
  bench_rate="$(sed -n 's/^tps = \([0-9.]*\).*/\1/p' "$out" | head -1)"
  [ -n "$bench_rate" ] || die "pgbench $phase gave no tps (output: $out)"
  local processed failed
  processed="$(sed -n 's/^number of transactions actually processed: \([0-9]*\).*/\1/p' "$out")"
  failed="$(sed -n 's/^number of failed transactions: \([0-9]*\).*/\1/p' "$out")"
  bench_errors="${failed:-0}"
  [ "$status" = 0 ] || bench_errors="$((bench_errors + 1))"
  bench_cpu="$(awk -v t="$times" -v n="${processed:-0}" 'BEGIN { split(t, a, " ");
    if (n > 0) printf "%.1f", (a[1] + a[2]) * 1e6 / n; else print "n/a" }')"
}

# Every figure is kept per round (key "operation-executor" or "operation", then "#round").
declare -A rate_pool rate_bench errors_pool errors_bench cpu_pool cpu_bench
setup_args=()
for round in $(seq 1 "$ROUNDS"); do
  # The tables are made once, in the first round's first run.
  [ "$round" = 1 ] || setup_args=(--skip-setup)
  run_pool lookup store ${setup_args[@]+"${setup_args[@]}"}
  rate_pool[lookup-store#$round]=$pool_rate errors_pool[lookup-store#$round]=$pool_errors
  cpu_pool[lookup-store#$round]=$pool_cpu
  run_pool lookup global --skip-setup
  rate_pool[lookup-global#$round]=$pool_rate errors_pool[lookup-global#$round]=$pool_errors
  cpu_pool[lookup-global#$round]=$pool_cpu
  run_pgbench lookup
  rate_bench[lookup#$round]=$bench_rate errors_bench[lookup#$round]=$bench_errors cpu_bench[lookup#$round]=$bench_cpu

  for executor in store global; do
    psql_bench -c "TRUNCATE bench_inserts"
    run_pool insert "$executor" --skip-setup
    rate_pool[insert-$executor#$round]=$pool_rate errors_pool[insert-$executor#$round]=$pool_errors
    cpu_pool[insert-$executor#$round]=$pool_cpu
  done
  psql_bench -c "TRUNCATE bench_inserts"
  run_pgbench insert
  rate_bench[insert#$round]=$bench_rate errors_bench[insert#$round]=$bench_errors cpu_bench[insert#$round]=$bench_cpu
done

# ---------------------------------------------------------------------------------------------------
# 4. The table.
# The median of the values given as arguments (the lower middle one for an even count).
median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
sum() { printf '%s\n' "$@" | awk '{ s += $1 } END { print s + 0 }'; }
failed=0
# The verdicts are worked out here, outside the pipe to tee below (a subshell, whose variables would be lost).
declare -A ratio verdict label rounds_text pool_median bench_median cpu_pool_median cpu_bench_median errors_p errors_b
for op in lookup insert; do
  for executor in store global; do
    key="$op-$executor"
    ratios=() pools=() benches=() pool_cpus=() bench_cpus=() pool_errs=() bench_errs=()
    for round in $(seq 1 "$ROUNDS"); do
      ratios+=("$(awk -v a="${rate_pool[$key#$round]}" -v b="${rate_bench[$op#$round]}" \
        'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }')")
      pools+=("${rate_pool[$key#$round]}") benches+=("${rate_bench[$op#$round]}")
      pool_cpus+=("${cpu_pool[$key#$round]}") bench_cpus+=("${cpu_bench[$op#$round]}")
      pool_errs+=("${errors_pool[$key#$round]}") bench_errs+=("${errors_bench[$op#$round]}")
    done
    ratio[$key]="$(median "${ratios[@]}")" rounds_text[$key]="${ratios[*]}"
    pool_median[$key]="$(median "${pools[@]}")" bench_median[$key]="$(median "${benches[@]}")"
    cpu_pool_median[$key]="$(median "${pool_cpus[@]}")" cpu_bench_median[$key]="$(median "${bench_cpus[@]}")"
    errors_p[$key]="$(sum "${pool_errs[@]}")" errors_b[$key]="$(sum "${bench_errs[@]}")"
    if [ "$executor" = store ]; then
      label[$key]=loops verdict[$key]=PASS
      if awk -v r="${ratio[$key]}" -v t="$TARGET" 'BEGIN { exit !(r < t) }' \
        || [ "${errors_p[$key]}" != 0 ] || [ "${errors_b[$key]}" != 0 ]; then
        verdict[$key]=FAIL
        failed=1
      fi
    else
      label[$key]=global verdict[$key]="-"
      [ "${errors_p[$key]}" = 0 ] || { verdict[$key]="FAIL (errors)"; failed=1; }
    fi
  done
done
{
  echo "Store benchmark: $ROWS rows, $ROUNDS rounds of ${DURATION} s per run after ${WARMUP} s warm-up, concurrency $CONCURRENCY"
  echo "(pool: LoketStore PostgresPool of $CONCURRENCY; pgbench: -c $CONCURRENCY -j 2 -M prepared), $(nproc) cores"
  echo "LoketStore: libpq's non-blocking API, sockets polled (epoll) by one thread per core"
  echo
  echo "pool tasks on: loops = the store's event loops (PostgresPool.taskExecutors, target rows);"
  echo "               global = Swift's global executor (a thread switch per result; for comparison)"
  echo "ops/s and CPU: medians over the rounds; pool/pgbench: the median of the rounds' ratios; errors: all rounds"
  echo
  printf '%-8s %-7s %11s %13s %13s %16s %22s  %s\n' operation "tasks" "pool ops/s" "pgbench ops/s" \
    "pool/pgbench" "errors pool/pgb" "client CPU us/op p/pgb" "target (pool >= ${TARGET/0./}% of pgbench)"
  for op in lookup insert; do
    for executor in store global; do
      key="$op-$executor"
      printf '%-8s %-7s %11.0f %13.0f %13s %16s %22s  %s\n' "$op" "${label[$key]}" "${pool_median[$key]}" \
        "${bench_median[$key]}" "${ratio[$key]}" "${errors_p[$key]}/${errors_b[$key]}" \
        "${cpu_pool_median[$key]}/${cpu_bench_median[$key]}" "${verdict[$key]}"
    done
  done
  echo
  echo "pool/pgbench by round:"
  for op in lookup insert; do
    for executor in store global; do
      key="$op-$executor"
      printf '  %-8s %-7s %s\n' "$op" "${label[$key]}" "${rounds_text[$key]}"
    done
  done
} | tee "$results/latest.txt"
exit "$failed"
