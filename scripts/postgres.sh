#!/usr/bin/env bash
# The embedded default database: a private PostgreSQL cluster for this checkout, used when no DATABASE_URL is set.
#
#   scripts/postgres.sh start    create the cluster the first time, start it (already running is fine)
#   scripts/postgres.sh stop     stop it cleanly (pg_ctl stop -m fast)
#   scripts/postgres.sh status   say whether it runs, where, and on which port
#   scripts/postgres.sh env      print `export PGHOST=... PGPORT=... PGUSER=... PGDATABASE=...` for the loket database
#
# The cluster lives in .data/postgres (git-ignored). When the postgres system user cannot reach that folder (a
# checkout under /root), it lives in /tmp/loket-postgres-<hash of the project path> instead; `status` prints where.
# It listens on a unix socket in its own folder and on a free loopback TCP port (kept in its `port` file), with
# trust authentication for local and loopback connections only. The machine's own `postgresql` service cluster is
# never touched. When DATABASE_URL is set, Loket uses that database as is and this script does nothing.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

log() { echo "postgres.sh: $*" >&2; }
die() { log "$*"; exit 1; }

command="${1:-}"
case "$command" in
  start|stop|status|env) ;;
  *) echo "usage: scripts/postgres.sh start|stop|status|env" >&2; exit 2 ;;
esac

if [ -n "${DATABASE_URL:-}" ]; then
  # A configured database is always used as is; `env` prints nothing so that DATABASE_URL stays the only setting.
  [ "$command" = env ] || log "DATABASE_URL is set: using that database, no local cluster ($command does nothing)"
  exit 0
fi

# Debian's server binaries: PostgreSQL 15 (Debian 12's), else the newest installed, unless PG_BIN says otherwise.
pg_bin="${PG_BIN:-}"
if [ -z "$pg_bin" ]; then
  for candidate in /usr/lib/postgresql/15/bin $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    if [ -x "$candidate/pg_ctl" ]; then pg_bin="$candidate"; break; fi
  done
fi
[ -n "$pg_bin" ] && [ -x "$pg_bin/initdb" ] ||
  die "PostgreSQL server binaries not found (install postgresql: scripts/setup.sh), or set PG_BIN"

# initdb and the server refuse to run as root, so root runs them as the postgres system user.
if [ "$(id -u)" = 0 ]; then
  owner=postgres
  id "$owner" >/dev/null 2>&1 || die "the postgres system user is missing (install postgresql)"
  # From /, because the project folder may be one the postgres user cannot enter (a checkout under /root).
  as_owner() { (cd / && runuser -u "$owner" -- "$@"); }
else
  owner="$(id -un)"
  as_owner() { "$@"; }
fi

# Where the cluster lives: inside the project when its owner can reach it, else a per-project folder in /tmp.
project_base="$root/.data/postgres"
tmp_base="/tmp/loket-postgres-$(printf '%s' "$root" | sha256sum | cut -c1-12)"
pick_base() {
  if [ -f "$project_base/pgdata/PG_VERSION" ]; then echo "$project_base"; return; fi
  if [ -f "$tmp_base/pgdata/PG_VERSION" ]; then echo "$tmp_base"; return; fi
  mkdir -p "$root/.data"
  # access(2) needs search permission on every ancestor, so this fails for a checkout under /root.
  if as_owner test -x "$root/.data" 2>/dev/null; then echo "$project_base"; else echo "$tmp_base"; fi
}
base="$(pick_base)"
pgdata="$base/pgdata"
port_file="$base/port"
logfile="$base/server.log"
# A unix socket path must stay under 108 bytes; long project paths put the socket in /tmp.
socket_dir="$base/socket"
if [ $((${#socket_dir} + 20)) -gt 100 ]; then socket_dir="$tmp_base-socket"; fi

is_running() { [ -f "$pgdata/PG_VERSION" ] && as_owner "$pg_bin/pg_ctl" status -D "$pgdata" >/dev/null 2>&1; }

# A loopback port nobody listens on; the server start retries with another one should it be taken meanwhile.
free_port() {
  local port
  for _ in $(seq 1 50); do
    port=$((20000 + RANDOM % 40000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; return; fi
  done
  die "no free loopback port found"
}

psql_admin() {
  as_owner "$pg_bin/psql" -X -q -v ON_ERROR_STOP=1 -h "$socket_dir" -p "$(cat "$port_file")" -U postgres \
    -d postgres "$@"
}

create_cluster() {
  log "creating the cluster in $base (first start)"
  mkdir -p "$base"
  chmod 700 "$base"
  if [ "$owner" = postgres ]; then chown postgres:postgres "$base"; fi
  local locale=C
  locale -a 2>/dev/null | grep -qix 'c.utf-\?8' && locale=C.UTF-8
  as_owner "$pg_bin/initdb" -D "$pgdata" -U postgres --encoding=UTF8 --locale="$locale" \
    --auth-local=trust --auth-host=reject >"$base/initdb.log" 2>&1 ||
    die "initdb failed, see $base/initdb.log"
  # Trust for the unix socket and loopback TCP only; everything else is refused.
  as_owner tee "$pgdata/pg_hba.conf" >/dev/null <<'HBA'
# Written by scripts/postgres.sh: a private development cluster.
local all all               trust
host  all all 127.0.0.1/32  trust
host  all all ::1/128       trust
HBA
  echo "include_if_exists = 'loket.conf'" | as_owner tee -a "$pgdata/postgresql.conf" >/dev/null
}

write_settings() {
  local port="$1"
  echo "$port" | as_owner tee "$port_file" >/dev/null
  as_owner tee "$pgdata/loket.conf" >/dev/null <<CONF
# Written by scripts/postgres.sh on every start.
port = $port
listen_addresses = '127.0.0.1'
unix_socket_directories = '$socket_dir'
unix_socket_permissions = 0700
max_connections = 200
log_min_messages = warning
CONF
}

start() {
  if is_running; then
    log "already running in $base (port $(cat "$port_file"))"
    return
  fi
  [ -f "$pgdata/PG_VERSION" ] || create_cluster
  mkdir -p "$socket_dir"
  if [ "$owner" = postgres ]; then chown postgres:postgres "$socket_dir"; fi
  chmod 700 "$socket_dir"
  local port attempt
  port="$(cat "$port_file" 2>/dev/null || true)"
  for attempt in 1 2 3 4 5; do
    if [ -z "$port" ] || (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then port="$(free_port)"; fi
    write_settings "$port"
    # The server must not inherit the lock descriptor, or it would hold the lock for its whole life.
    if as_owner "$pg_bin/pg_ctl" start -D "$pgdata" -l "$logfile" -w -t 60 >/dev/null 9>&-; then
      break
    fi
    [ "$attempt" = 5 ] && die "the server did not start, see $logfile"
    log "start on port $port failed, trying another port"
    port=""
  done
  # The loket role and database, created once; the role owns its database and may create schemas in it.
  if [ "$(psql_admin -tA -c "SELECT count(*) FROM pg_roles WHERE rolname = 'loket'")" = 0 ]; then
    psql_admin -c "CREATE ROLE loket LOGIN CREATEDB"
  fi
  if [ "$(psql_admin -tA -c "SELECT count(*) FROM pg_database WHERE datname = 'loket'")" = 0 ]; then
    psql_admin -c "CREATE DATABASE loket OWNER loket"
  fi
  log "running in $base (socket $socket_dir, port $port)"
}

stop() {
  if is_running; then
    as_owner "$pg_bin/pg_ctl" stop -D "$pgdata" -m fast -w -t 60 >/dev/null
    log "stopped ($base)"
  else
    log "not running ($base)"
  fi
}

status() {
  if is_running; then
    echo "running: $base (socket $socket_dir, port $(cat "$port_file"))"
  elif [ -f "$pgdata/PG_VERSION" ]; then
    echo "stopped: $base"; exit 3
  else
    echo "not created: would live in $base"; exit 3
  fi
}

print_env() {
  [ -f "$port_file" ] || die "no cluster yet: run scripts/postgres.sh start"
  printf 'export PGHOST=%q PGPORT=%q PGUSER=%q PGDATABASE=%q\n' "$socket_dir" "$(cat "$port_file")" loket loket
}

# Two starts at once (two test runs) must not both run initdb or pick ports.
exec 9>"$tmp_base.lock"
flock 9

case "$command" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  env) print_env ;;
esac
