#!/usr/bin/env bash
# Run the whole test suite: set up, start a throwaway PostgreSQL server for the
# PostgreSQL tests, run pytest, stop the server. Exits with pytest's status.
# Extra arguments go to pytest (e.g. `bash scripts/test.sh -k store`).
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh

export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
PG_DIR=""

pg_bin() {
  # Debian keeps the server binaries out of PATH, under a versioned directory.
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  [ -n "$dir" ] && [ -x "$dir/initdb" ] && echo "$dir"
}

as_pg_user() {
  # initdb and postgres refuse to run as root.
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

free_port() {
  .venv/bin/python -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

start_postgres() {
  local bin port
  bin=$(pg_bin) || { echo "test: PostgreSQL not installed; its tests will skip" >&2; return 0; }
  PG_DIR=$(mktemp -d /tmp/crosswire-pg.XXXXXX)
  [ "$(id -u)" -eq 0 ] && chown postgres: "$PG_DIR"
  port=$(free_port)
  as_pg_user "$bin/initdb" -D "$PG_DIR/data" -U postgres -A trust --no-sync >"$PG_DIR/initdb.log" 2>&1
  as_pg_user "$bin/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w -t 60 \
    -o "-p $port -k $PG_DIR -c listen_addresses='' -c fsync=off" start >/dev/null
  as_pg_user "$bin/createdb" -h "$PG_DIR" -p "$port" -U postgres crosswire_test
  export CROSSWIRE_TEST_PG_URL="postgresql+psycopg2://postgres@/crosswire_test?host=$PG_DIR&port=$port"
  echo "test: throwaway PostgreSQL on $PG_DIR port $port" >&2
}

stop_postgres() {
  [ -n "$PG_DIR" ] || return 0
  as_pg_user "$(pg_bin)/pg_ctl" -D "$PG_DIR/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$PG_DIR"
}
trap stop_postgres EXIT

# PostgreSQL installed but failing to start is an error (set -e), not a skip.
start_postgres

status=0
.venv/bin/pytest -q "$@" || status=$?
exit "$status"
