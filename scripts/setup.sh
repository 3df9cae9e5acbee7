#!/usr/bin/env bash
# Installs what Loket needs to build, run and test on Debian 12 / Ubuntu 22.04 or later:
# the C libraries and code generators from apt, and the Python test tools in a virtual environment (.venv).
# Safe to run again: it only installs what is missing.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

packages=(
  pkg-config
  libnghttp2-dev        # HTTP/2
  libprotobuf-c-dev     # protobuf runtime
  libpq-dev             # PostgreSQL client
  postgresql            # the embedded default database (scripts/postgres.sh)
  postgresql-contrib    # pgbench, for the store benchmark
  zlib1g-dev            # gzip/deflate message compression
  protobuf-compiler     # protoc, for regenerating code
  libprotobuf-dev       # google/protobuf/*.proto
  libprotoc-dev         # google/protobuf/compiler/plugin.proto
  protobuf-c-compiler   # protoc-gen-c
  poppler-utils         # pdftotext: the text of PDF attachments, for search (correspondence plugin); PDF checks in tests
  libcairo2-dev         # cairo's PDF surface: extracts and certificates as PDF (LoketDocuments)
  fonts-dejavu-core     # DejaVu Sans, the font of those PDFs (accents of nl, fr, de)
  tzdata                # Europe/Brussels: the tests' and the demo's "today" follow the plugins' Belgian calendar
  python3
  python3-venv
)

missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  sudo=""
  [ "$(id -u)" = 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if ! command -v swift >/dev/null; then
  cat >&2 <<'TXT'
setup: the Swift toolchain (6.1 or later) is not on PATH.
Install it from https://www.swift.org/install/linux/ (for example with swiftly), then run this command again.
TXT
  exit 1
fi

# Python tools for the tests (protobuf cross-checks, gRPC clients), never in the system Python.
venv="$root/.venv"
requirements="$root/Tests/requirements.txt"
stamp="$venv/.requirements"
if [ ! -x "$venv/bin/python" ] || ! cmp -s "$requirements" "$stamp"; then
  echo "setup: preparing the Python virtual environment in .venv"
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check -r "$requirements"
  cp "$requirements" "$stamp"
fi
