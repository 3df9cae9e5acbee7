#!/usr/bin/env bash
# Sets up the machine (scripts/setup.sh), starts the embedded PostgreSQL cluster unless DATABASE_URL names a
# database, builds loketd and loketctl in release mode and runs loketd with working defaults.
# Extra arguments go to loketd, e.g. `scripts/run.sh --port 6000` or `scripts/run.sh --help`.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
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
exec "$root/.build/release/loketd" "$@"
