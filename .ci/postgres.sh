#!/usr/bin/env bash
# Start a throwaway PostgreSQL cluster for the store tests and print the shell lines that point
# the tests at it. Usage (from .ci/run):
#   pg_env="$(.ci/postgres.sh)"; eval "$pg_env"   # starts it; sets DATELINE_TEST_PG and DATELINE_TEST_PG_DIR
#   trap '.ci/postgres.sh stop' EXIT              # stops it and removes its directory
# (The assignment first, so that `set -e` stops CI when the server fails to start.)
# Installs Debian's postgresql package when no server binaries are present. Logs go to stderr,
# so that stdout carries only the export lines.
set -euo pipefail

as_owner() {
  # initdb and the server refuse to run as root: run them as the postgres user instead.
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

if [ "${1:-start}" = "stop" ]; then
  dir="${DATELINE_TEST_PG_DIR:?DATELINE_TEST_PG_DIR is not set: nothing to stop}"
  bin="$(cat "$dir/bindir")"
  as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >&2 || true
  rm -rf "$dir"
  exit 0
fi

find_bindir() {
  ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1
}

bin="$(find_bindir || true)"
if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then
  echo "postgres.sh: installing Debian's postgresql package" >&2
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
  bin="$(find_bindir)"
fi

# As root the server runs as postgres, which must reach the directory: /tmp, not root's $TMPDIR.
base="${TMPDIR:-/tmp}"
[ "$(id -u)" -eq 0 ] && base=/tmp
dir="$(mktemp -d "$base/dateline-pg.XXXXXX")"
echo "$bin" >"$dir/bindir"
mkdir -p "$dir/data" "$dir/socket"
if [ "$(id -u)" -eq 0 ]; then
  chown -R postgres: "$dir"
  chmod 755 "$dir"
fi

port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"

as_owner "$bin/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >&2
as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
  -o "-p $port -k $dir/socket -c listen_addresses=127.0.0.1 -c max_connections=100" start >&2
as_owner "$bin/createdb" -h 127.0.0.1 -p "$port" -U postgres dateline_test >&2

echo "export DATELINE_TEST_PG=postgresql://postgres@127.0.0.1:$port/dateline_test"
echo "export DATELINE_TEST_PG_DIR=$dir"
