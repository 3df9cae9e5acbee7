#!/usr/bin/env bash
# Loads the demo data set into a running loketd: a department (burgerzaken) with the civil registry enabled, a
# clerk and an integration whose fresh API keys are printed, five clearly fictional persons (valid check digits),
# a registered marriage, a hospital's birth notification completed into a registered birth, and a move. All
# through the gRPC API (scripts/demo.py, with the Python client in .venv); the first administrator key comes from
# $LOKET_API_KEY, else from `loketctl bootstrap` on a fresh database (kept in .data/demo/ for the next run).
# Running it again adds nothing twice; it only issues new keys.
#
#   scripts/demo.sh [--server host:port]      default 127.0.0.1:50051
#
# The database is found as loketd's: $DATABASE_URL, else the embedded cluster (scripts/postgres.sh).
# `scripts/run.sh --demo` starts loketd and runs this once it answers.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
if [ -z "${DATABASE_URL:-}" ]; then
  eval "$(scripts/postgres.sh env)"
fi
python="$root/.venv/bin/python"
[ -x "$python" ] || python=python3
exec "$python" "$root/scripts/demo.py" "$@"
