#!/usr/bin/env bash
# Sets up the machine (scripts/setup.sh) and runs every test:
#   1. generated code is up to date with Protos/ (scripts/generate.sh --check);
#   2. the Swift test suites (unit tests, cross-checks against Python's protobuf library, and the store against the
#      embedded PostgreSQL cluster that scripts/postgres.sh starts, or the database DATABASE_URL names);
#   3. the interop suite (Tests/Interop): the real Python grpcio client against a running loketd.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
scripts/setup.sh

echo "== generated code"
scripts/generate.sh --check

echo "== architecture"
python3 scripts/check-architecture.py

echo "== database"
# The store's tests need a real PostgreSQL: the embedded cluster (scripts/postgres.sh), unless DATABASE_URL names
# one. A cluster that was already running (another test run, a developer's) is left running at the end.
if [ -z "${DATABASE_URL:-}" ] && ! scripts/postgres.sh status >/dev/null 2>&1; then
  trap 'scripts/postgres.sh stop' EXIT
fi
scripts/postgres.sh start
eval "$(scripts/postgres.sh env)"

echo "== swift tests"
export LOKET_PYTHON="$root/.venv/bin/python"
swift build --build-tests
swift test --skip-build

echo "== interop (grpcio)"
swift build --product loketd
swift build --product loketctl
LOKET_BINARY="$root/.build/debug/loketd" LOKETCTL_BINARY="$root/.build/debug/loketctl" \
  "$root/.venv/bin/python" -m pytest -q Tests/Interop
