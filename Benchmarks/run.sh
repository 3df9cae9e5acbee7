#!/usr/bin/env bash
# Measures loketd against two peers, grpc-swift-2 (Benchmarks/GRPCSwiftPeer) and gRPC C++
# (Benchmarks/CppPeer), on one unary method, grpc.testing.TestService/UnaryCall, with h2load.
# See Benchmarks/README.md for what is measured and how to read the table.
#
# Usage: Benchmarks/run.sh
# Knobs (environment):
#   ROUNDS=3            rounds; in each round every server runs every shape once, taking turns
#   DURATION=5          seconds a measured h2load run should last (the request count is sized from warm-up)
#   WARMUP=1            seconds of warm-up before each measured run (after a fixed 1000-request probe)
#   SHAPES="10x10 100x1 1x1"            h2load shapes as CLIENTSxSTREAMS (-c, -m)
#   SERVERS="loketd grpc-swift-2 cpp"   which servers take part
#   H2LOAD_THREADS=1    h2load -t
#   BASE_PORT=20170     loketd listens on BASE_PORT, grpc-swift-2 on +1, C++ on +2 (keep it below the
#                       ephemeral range, net.ipv4.ip_local_port_range: h2load's own client ports, and
#                       their TIME_WAIT, must never take a server's port)
#   SKIP_SETUP=1        skip the apt/setup step;  SKIP_BUILD=1  reuse the binaries built last time
# Output: the table on stdout and in Benchmarks/results/latest.txt; per-run numbers in
# Benchmarks/results/raw.csv; h2load output and server logs in Benchmarks/results/runs/.
# Exit status: 0 if every run passed its checks, 1 if any run failed (the table is still written).
set -euo pipefail

bench="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$bench/.." && pwd)"
cd "$root"

ROUNDS="${ROUNDS:-3}"
DURATION="${DURATION:-5}"
WARMUP="${WARMUP:-1}"
SHAPES="${SHAPES:-10x10 100x1 1x1}"
SERVERS="${SERVERS:-loketd grpc-swift-2 cpp}"
H2LOAD_THREADS="${H2LOAD_THREADS:-1}"
BASE_PORT="${BASE_PORT:-20170}"
METHOD_PATH="/grpc.testing.TestService/UnaryCall"

results="$bench/results"
work="$results/work"
runs="$results/runs"
mkdir -p "$results"
rm -rf "$work" "$runs"
mkdir -p "$work" "$runs"

log() { echo "bench: $*" >&2; }
die() { echo "bench: error: $*" >&2; exit 1; }

# ---------------------------------------------------------------------------------------------------
# 1. Install what the benchmark needs (only what is missing), plus loketd's own prerequisites.
if [ "${SKIP_SETUP:-0}" != 1 ]; then
  packages=(
    nghttp2-client           # h2load, nghttp
    libgrpc++-dev            # gRPC C++ for the C++ peer
    protobuf-compiler-grpc   # grpc_cpp_plugin
    protobuf-compiler        # protoc
    libprotobuf-dev
    pkg-config
    g++
    make
    python3                  # report.py
  )
  missing=()
  for package in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    log "installing ${missing[*]}"
    sudo=""
    [ "$(id -u)" = 0 ] || sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
  "$root/scripts/setup.sh"
fi
for tool in h2load nghttp protoc grpc_cpp_plugin pkg-config swift python3 make; do
  command -v "$tool" >/dev/null || die "$tool is missing (run without SKIP_SETUP=1)"
done

# ---------------------------------------------------------------------------------------------------
# 2. Release builds. loketd has a scratch folder of its own so that it never disturbs the default .build.
loketd_bin="$root/.build-bench/release/loketd"
swift_peer_dir="$bench/GRPCSwiftPeer"
swift_peer_bin="$swift_peer_dir/.build/release/grpc-swift-peer"
cpp_build="$bench/CppPeer/build"
cpp_peer_bin="$cpp_build/cpp-peer"
build_times=""

timed() {  # timed NAME COMMAND...: runs the command, adds "NAME Ns" to build_times
  local name="$1" start=$SECONDS attempt
  shift
  log "building $name"
  for attempt in 1 2 3; do
    "$@" >"$work/build-$name.log" 2>&1 && break
    # Sources edited while the build ran: SwiftPM stops; build again.
    if [ $attempt -lt 3 ] && grep -q 'was modified during the build' "$work/build-$name.log"; then
      log "a source file of $name changed during the build: building again"
      sleep 5
      continue
    fi
    tail -40 "$work/build-$name.log" >&2
    die "building $name failed (log: $work/build-$name.log)"
  done
  build_times="$build_times $name $((SECONDS - start))s;"
}

# loketd keeps its directory (credentials, enablement) in PostgreSQL and will not start without it: the embedded
# cluster, unless DATABASE_URL names a database. The benchmarked method (grpc.testing.TestService) needs no
# credentials, so the database is touched only at startup.
if [[ " $SERVERS " == *" loketd "* ]]; then
  started_postgres=0
  if [ -z "${DATABASE_URL:-}" ] && ! "$root/scripts/postgres.sh" status >/dev/null 2>&1; then started_postgres=1; fi
  "$root/scripts/postgres.sh" start
  eval "$("$root/scripts/postgres.sh" env)"
  stop_postgres() { if [ "$started_postgres" = 1 ]; then "$root/scripts/postgres.sh" stop || true; fi; }
  trap stop_postgres EXIT  # replaced by `cleanup` (which calls it) once the servers start
fi

if [ "${SKIP_BUILD:-0}" != 1 ]; then
  if [[ " $SERVERS " == *" loketd "* ]]; then
    timed loketd swift build -c release --scratch-path "$root/.build-bench" --product loketd
  fi
  if [[ " $SERVERS " == *" grpc-swift-2 "* ]]; then
    [ -n "$(ls "$swift_peer_dir/Sources/Peer/Generated" 2>/dev/null)" ] \
      || die "GRPCSwiftPeer/Sources/Peer/Generated is empty: run Benchmarks/GRPCSwiftPeer/generate.sh once"
    timed grpc-swift-2 swift build -c release --package-path "$swift_peer_dir" \
      --scratch-path "$swift_peer_dir/.build" --product grpc-swift-peer
  fi
  if [[ " $SERVERS " == *" cpp "* ]]; then
    timed cpp make -C "$bench/CppPeer" -j2 BUILD="$cpp_build"
  fi
  log "build times:$build_times"
fi

binary_of() {
  case "$1" in
    loketd) echo "$loketd_bin" ;;
    grpc-swift-2) echo "$swift_peer_bin" ;;
    cpp) echo "$cpp_peer_bin" ;;
    *) die "unknown server $1" ;;
  esac
}
port_of() {
  case "$1" in
    loketd) echo "$BASE_PORT" ;;
    grpc-swift-2) echo $((BASE_PORT + 1)) ;;
    cpp) echo $((BASE_PORT + 2)) ;;
  esac
}
for server in $SERVERS; do
  [ -x "$(binary_of "$server")" ] || die "$(binary_of "$server") is missing"
done
if read -r ephemeral_low ephemeral_high </proc/sys/net/ipv4/ip_local_port_range 2>/dev/null \
  && [ $((BASE_PORT + 2)) -ge "$ephemeral_low" ] && [ "$BASE_PORT" -le "$ephemeral_high" ]; then
  log "warning: ports $BASE_PORT-$((BASE_PORT + 2)) are in the ephemeral range $ephemeral_low-$ephemeral_high;" \
    "a client connection may hold one of them (set BASE_PORT lower)"
fi

# ---------------------------------------------------------------------------------------------------
# 3. The request: a 5-byte gRPC prefix (uncompressed, big-endian length) and SimpleRequest
#    {response_size: 16, payload: {body: 16 zero bytes}}; and the exact response every server must send.
zeros16="$(printf '\\000%.0s' $(seq 16))"
printf 'response_size: 16\npayload { body: "%s" }\n' "$zeros16" \
  | protoc --encode=grpc.testing.SimpleRequest -I"$root/Protos" grpc/testing/messages.proto >"$work/request.pb"
printf 'payload { body: "%s" }\n' "$zeros16" \
  | protoc --encode=grpc.testing.SimpleResponse -I"$root/Protos" grpc/testing/messages.proto >"$work/response.pb"
frame() {  # frame IN OUT: gRPC length-prefixed message
  local length
  length=$(stat -c %s "$1")
  printf "\\x00\\x$(printf %02x $((length >> 24 & 255)))\\x$(printf %02x $((length >> 16 & 255)))\\x$(printf %02x $((length >> 8 & 255)))\\x$(printf %02x $((length & 255)))" >"$2"
  cat "$1" >>"$2"
}
body="$work/body.bin"
frame "$work/request.pb" "$body"
frame "$work/response.pb" "$work/expected-response.bin"
log "request body: $(stat -c %s "$body") bytes ($(od -An -tx1 "$body" | tr -d '\n' | sed 's/^ //'))"

h2_headers=(-H 'content-type: application/grpc' -H 'te: trailers')

# ---------------------------------------------------------------------------------------------------
# Server processes.
server_pid=""
clk_tck=$(getconf CLK_TCK)

port_listening() {  # port_listening PORT: true if something listens on 127.0.0.1:PORT or *:PORT
  local hex
  hex=$(printf '%04X' "$1")
  awk -v hex="$hex" 'NR > 1 { split($2, a, ":"); if (a[2] == hex && $4 == "0A") found = 1 } END { exit !found }' \
    /proc/net/tcp /proc/net/tcp6 2>/dev/null
}

start_server() {  # start_server NAME LOGFILE: starts it and waits until it listens; returns 1 if it cannot
  local name="$1" logfile="$2" port
  port=$(port_of "$name")
  if port_listening "$port"; then log "port $port is already in use (set BASE_PORT)"; return 1; fi
  case "$name" in
    loketd)
      "$loketd_bin" --port "$port" --log-level warning --set server.interop_test_service=true >"$logfile" 2>&1 &
      ;;
    grpc-swift-2) "$swift_peer_bin" "$port" >"$logfile" 2>&1 & ;;
    cpp) "$cpp_peer_bin" "$port" >"$logfile" 2>&1 & ;;
  esac
  server_pid=$!
  local waited=0
  until port_listening "$port"; do
    if ! kill -0 "$server_pid" 2>/dev/null; then
      wait "$server_pid" 2>/dev/null || true
      server_pid=""
      log "$name exited during start-up: $(tail -2 "$logfile" | tr '\n' ' ')"
      return 1
    fi
    sleep 0.05
    waited=$((waited + 1))
    if [ $waited -ge 400 ]; then
      log "$name did not listen on port $port within 20 s"
      stop_server "$name"
      return 1
    fi
  done
}

cpu_ticks() {  # utime+stime of the whole process (all threads), in clock ticks
  # Field 2 (comm) may contain spaces: cut everything up to the last ')'; utime and stime are then
  # fields 12 and 13.
  local stat
  stat=$(cat "/proc/$1/stat")
  stat="${stat##*) }"
  awk '{ print $12 + $13 }' <<<"$stat"
}

status_kb() {  # status_kb PID FIELD: e.g. VmHWM, VmRSS in kB
  awk -v field="$2:" '$1 == field { print $2 }' "/proc/$1/status"
}

stop_server() {  # stop_server NAME: SIGTERM, up to 10 s, then SIGKILL; echoes how it ended
  local name="$1" i
  [ -n "$server_pid" ] || return 0
  kill -TERM "$server_pid" 2>/dev/null || true
  for i in $(seq 200); do
    kill -0 "$server_pid" 2>/dev/null || break
    sleep 0.05
  done
  if kill -0 "$server_pid" 2>/dev/null; then
    log "$name (pid $server_pid) still running 10 s after SIGTERM: killing it"
    kill -KILL "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
    stop_note="sigkill"
  else
    local code=0
    wait "$server_pid" 2>/dev/null || code=$?
    stop_note="exit=$code"
  fi
  server_pid=""
}
cleanup() {
  if [ -n "$server_pid" ]; then kill -KILL "$server_pid" 2>/dev/null || true; fi
  if declare -F stop_postgres >/dev/null; then stop_postgres; fi
}
trap cleanup EXIT

# One request with nghttp, with exactly h2load's headers and body: HTTP 200, grpc-status 0 in the
# trailers and the expected SimpleResponse bytes. Also, if the project's .venv has grpcio, one call
# from a real gRPC client.
verify() {  # verify NAME PREFIX: writes PREFIX.* files; returns 1 with a reason on stdout if wrong
  local name="$1" prefix="$2" port
  port=$(port_of "$name")
  local url="http://127.0.0.1:$port$METHOD_PATH"
  if ! timeout 10 nghttp -v -d "$body" "${h2_headers[@]}" "$url" >"$prefix.nghttp-verbose.txt" 2>&1; then
    echo "nghttp failed"; return 1
  fi
  grep -aq 'recv (stream_id=[0-9]*) :status: 200' "$prefix.nghttp-verbose.txt" || { echo "HTTP status not 200"; return 1; }
  grep -aq 'recv (stream_id=[0-9]*) grpc-status: 0$' "$prefix.nghttp-verbose.txt" || {
    echo "grpc-status not 0: $(grep -ao 'grpc-status: .*' "$prefix.nghttp-verbose.txt" | head -1)"; return 1; }
  if ! timeout 10 nghttp -d "$body" "${h2_headers[@]}" "$url" >"$prefix.response.bin" 2>"$prefix.nghttp.err"; then
    echo "nghttp (body) failed"; return 1
  fi
  cmp -s "$prefix.response.bin" "$work/expected-response.bin" || {
    echo "response body differs: $(od -An -tx1 "$prefix.response.bin" | tr -d '\n')"; return 1; }
  local python="$root/.venv/bin/python"
  if [ -x "$python" ] && "$python" -c 'import grpc' 2>/dev/null; then
    if ! "$python" - "$port" "$work/request.pb" "$work/response.pb" >"$prefix.grpcio.txt" 2>&1 <<'PY'
import sys, grpc
port, request_path, response_path = sys.argv[1:4]
request = open(request_path, "rb").read()
expected = open(response_path, "rb").read()
with grpc.insecure_channel(f"127.0.0.1:{port}") as channel:
    call = channel.unary_unary("/grpc.testing.TestService/UnaryCall")  # raw bytes in and out
    response, info = call.with_call(request, timeout=10)
    assert info.code() == grpc.StatusCode.OK, info.code()
    assert response == expected, response.hex()
print("grpcio: OK, response", len(response), "bytes")
PY
    then
      echo "grpcio call failed: $(tail -1 "$prefix.grpcio.txt")"; return 1
    fi
  fi
  return 0
}

run_h2load() {  # run_h2load NAME C M N OUT
  local port
  port=$(port_of "$1")
  timeout $((DURATION * 10 + 60)) h2load -t "$H2LOAD_THREADS" -n "$4" -c "$2" -m "$3" -d "$body" "${h2_headers[@]}" \
    "http://127.0.0.1:$port$METHOD_PATH" >"$5" 2>&1
}

requests_for() {  # requests_for RPS SECONDS C: a request count for that long, a multiple of C, at least 10*C
  python3 -c "import math,sys; r,s,c=float(sys.argv[1]),float(sys.argv[2]),int(sys.argv[3]); n=max(int(r*s),10*c); print(int(math.ceil(n/c))*c)" "$1" "$2" "$3"
}

# ---------------------------------------------------------------------------------------------------
# 4. Rounds: in each round, for each shape, the servers take turns.
raw="$results/raw.csv"
echo "round,shape,server,requests,rps,mean_us,max_us,cpu_us_per_req,peak_rss_kb,rss_after_warmup_kb,rss_end_kb,failed,errored,timeout,server_log_lines,stop,status" >"$raw"
any_failed=0
start_time=$(date -u +%FT%TZ)

for round in $(seq "$ROUNDS"); do
  for shape in $SHAPES; do
    clients="${shape%x*}"
    streams="${shape#*x}"
    for server in $SERVERS; do
      tag="$server-c$clients-m$streams-r$round"
      prefix="$runs/$tag"
      status="ok"
      stop_note="" requests="" rps="" mean="" max="" cpu="" hwm="" rss_warm="" rss_end="" failed="" errored="" tmo=""
      started=0
      for attempt in 1 2 3; do
        if start_server "$server" "$prefix.server.log"; then started=1; break; fi
        sleep 2
      done
      if [ $started = 0 ]; then
        status="start-failed"
      elif ! reason=$(verify "$server" "$prefix"); then
        status="verify-failed"
        log "$tag: verification failed: $reason"
      else
        # Warm-up: a fixed probe sizes a ~WARMUP s run, which in turn sizes the measured run.
        probe_n=$((clients * 10 > 1000 ? clients * 10 : 1000))
        run_h2load "$server" "$clients" "$streams" "$probe_n" "$prefix.probe.txt" || true
        if eval "$(python3 "$bench/report.py" h2load "$prefix.probe.txt")"; then
          warm_n=$(requests_for "$H2_RPS" "$WARMUP" "$clients")
          run_h2load "$server" "$clients" "$streams" "$warm_n" "$prefix.warmup.txt" || true
          if eval "$(python3 "$bench/report.py" h2load "$prefix.warmup.txt")"; then
            requests=$(requests_for "$H2_RPS" "$DURATION" "$clients")
          fi
        fi
        if [ -z "$requests" ]; then
          status="warmup-failed"
          log "$tag: warm-up failed, see $prefix.probe.txt / $prefix.warmup.txt"
        else
          rss_warm=$(status_kb "$server_pid" VmRSS 2>/dev/null || echo "")
          cpu_before=$(cpu_ticks "$server_pid")
          h2_ok=1
          run_h2load "$server" "$clients" "$streams" "$requests" "$prefix.h2load.txt" || h2_ok=0
          cpu_after=$(cpu_ticks "$server_pid" 2>/dev/null || echo "")
          hwm=$(status_kb "$server_pid" VmHWM 2>/dev/null || echo "")
          rss_end=$(status_kb "$server_pid" VmRSS 2>/dev/null || echo "")
          if [ $h2_ok = 0 ] && ! grep -q '^finished in' "$prefix.h2load.txt"; then
            status="h2load-failed"
          elif ! assignments=$(python3 "$bench/report.py" h2load "$prefix.h2load.txt"); then
            status="h2load-unparsed"
          else
            eval "$assignments"
            rps=$H2_RPS mean=$H2_MEAN_US max=$H2_MAX_US failed=$H2_FAILED errored=$H2_ERRORED tmo=$H2_TIMEOUT
            [ -n "$cpu_after" ] || status="server-died"
            if [ "$H2_FAILED" != 0 ] || [ "$H2_ERRORED" != 0 ] || [ "$H2_TIMEOUT" != 0 ]; then
              status="failed-requests"
            elif [ "$H2_SUCCEEDED" != "$requests" ] || [ "$H2_2XX" != "$requests" ]; then
              status="incomplete($H2_SUCCEEDED/$requests ok,$H2_2XX 2xx)"
            fi
            if [ -n "$cpu_after" ] && [ "$H2_DONE" -gt 0 ]; then
              cpu=$(python3 -c "import sys; print(f'{(int(sys.argv[1]) - int(sys.argv[2])) * 1e6 / int(sys.argv[3]) / int(sys.argv[4]):.3f}')" \
                "$cpu_after" "$cpu_before" "$clk_tck" "$H2_DONE")
            fi
          fi
        fi
      fi
      kill -0 "$server_pid" 2>/dev/null || { [ "$status" != ok ] || status="server-died"; }
      stop_server "$server"
      log_lines=$(grep -c . "$prefix.server.log" 2>/dev/null || true)
      echo "$round,$shape,$server,$requests,$rps,$mean,$max,$cpu,$hwm,$rss_warm,$rss_end,$failed,$errored,$tmo,$log_lines,$stop_note,$status" >>"$raw"
      [ "$status" = ok ] || any_failed=1
      log "$(printf 'round %s  %-6s %-13s %8s req/s  mean %8s us  max %9s us  cpu %7s us/req  hwm %7s kB  %s' \
        "$round" "$shape" "$server" "${rps:-?}" "${mean:-?}" "${max:-?}" "${cpu:-?}" "${hwm:-?}" "$status")"
    done
  done
done

# ---------------------------------------------------------------------------------------------------
# 5. The table.
meta="$work/meta.txt"
{
  echo "Loket benchmark: unary grpc.testing.TestService/UnaryCall, SimpleRequest{response_size: 16, payload: 16 bytes}"
  echo "started $start_time, $ROUNDS round(s), ~${DURATION} s per measured run after ~${WARMUP} s warm-up, h2load -t $H2LOAD_THREADS"
  echo "machine: $(nproc) cores, $(uname -sr); $(h2load --version 2>&1 | head -1); gRPC C++ $(pkg-config --modversion grpc++)"
  echo "loketd: $(git -C "$root" rev-parse --short HEAD 2>/dev/null)$(git -C "$root" diff --quiet HEAD -- Sources Package.swift 2>/dev/null || echo ' (+ uncommitted changes)'); grpc-swift-2 2.4.3 / grpc-swift-nio-transport 2.9.2"
  [ -z "$build_times" ] || echo "build times:$build_times"
} >"$meta"
python3 "$bench/report.py" table "$raw" "$meta" | tee "$results/latest.txt"
if [ $any_failed != 0 ]; then
  log "some runs failed their checks: see the table and $raw"
  exit 1
fi
