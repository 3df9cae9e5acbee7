#!/usr/bin/env bash
# Sets up the machine (scripts/setup.sh), starts the embedded PostgreSQL cluster unless DATABASE_URL names a
# database, builds loketd and loketctl in release mode and runs loketd with working defaults.
# Extra arguments go to loketd, e.g. `scripts/run.sh --port 6000` or `scripts/run.sh --help`.
# `scripts/run.sh --demo` also loads the demo data set (scripts/demo.sh) once loketd answers, and prints the demo
# keys; loketd keeps running in the foreground as without it.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
demo=0
port=50051
arguments=()
previous=""
for argument in "$@"; do
  case "$argument" in
    --demo) demo=1; continue ;;
    --port=*) port="${argument#--port=}" ;;
  esac
  [ "$previous" = "--port" ] && port="$argument"
  previous="$argument"
  arguments+=("$argument")
done
scripts/setup.sh
database_env=""
if [ -z "${DATABASE_URL:-}" ]; then
  scripts/postgres.sh start
  eval "$(scripts/postgres.sh env)"
  database_env='eval "$(scripts/postgres.sh env)"; '
fi
swift build -c release --product loketd
swift build -c release --product loketctl
cat >&2 <<HINT

loketd starts now. In another shell, in $root:
  first administrator key (once per database):  ${database_env}.build/release/loketctl bootstrap
  then administer with it:                      export LOKET_API_KEY=lk_...; .build/release/loketctl department list
  (.build/release/loketctl --help lists every command; --server host:port when loketd is not on 127.0.0.1:50051)

HINT
if [ $demo = 0 ]; then
  exec "$root/.build/release/loketd" ${arguments[@]+"${arguments[@]}"}
fi
# With --demo: loketd in the background (stopped with this script), the demo data once it answers, then wait.
"$root/.build/release/loketd" ${arguments[@]+"${arguments[@]}"} &
loketd=$!
trap 'kill -TERM $loketd 2>/dev/null || true; wait $loketd' INT TERM
LOKETCTL="$root/.build/release/loketctl" scripts/demo.sh --server "127.0.0.1:$port" ||
  echo "run.sh: loading the demo data failed; loketd keeps running" >&2
wait $loketd
