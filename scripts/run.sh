#!/usr/bin/env bash
# Sets up the machine (scripts/setup.sh), builds loketd in release mode and runs it with working defaults.
# Extra arguments go to loketd, e.g. `scripts/run.sh --port 6000` or `scripts/run.sh --help`.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
scripts/setup.sh
swift build -c release --product loketd
exec "$root/.build/release/loketd" "$@"
