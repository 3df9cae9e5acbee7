#!/usr/bin/env bash
# Sets up the machine (scripts/setup.sh) and runs every test:
#   1. generated code is up to date with Protos/ (scripts/generate.sh --check);
#   2. the Swift test suites (unit tests, and cross-checks against Python's protobuf library);
#   3. the interop suite (Tests/Interop): the real Python grpcio client against a running loketd.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
scripts/setup.sh

echo "== generated code"
scripts/generate.sh --check

echo "== swift tests"
export LOKET_PYTHON="$root/.venv/bin/python"
swift build --build-tests
swift test --skip-build

echo "== interop (grpcio)"
swift build --product loketd
LOKET_BINARY="$root/.build/debug/loketd" "$root/.venv/bin/python" -m pytest -q Tests/Interop
