#!/usr/bin/env bash
# Start a throwaway PostgreSQL for the test suite: data under /tmp, listening on 127.0.0.1 only.
# Usage: source scripts/postgres.sh; pg_test_start && ...; pg_test_stop
# PostgreSQL refuses to run as root, so as root it runs as the `postgres` user.

pg_test_bin() {
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  [ -n "$dir" ] && [ -x "$dir/pg_ctl" ] && echo "$dir"
}

pg_test_as() {
  if [ "$(id -u)" = "0" ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

pg_test_start() {
  local bin port
  bin=$(pg_test_bin) || { echo "PostgreSQL is not installed (Debian package: postgresql)." >&2; return 1; }
  PG_TEST_DIR=$(mktemp -d /tmp/doing-with-pg.XXXXXX)
  chmod 755 "$PG_TEST_DIR"
  [ "$(id -u)" = "0" ] && chown postgres "$PG_TEST_DIR"
  port=${PG_TEST_PORT:-$(( 55000 + RANDOM % 1000 ))}
  pg_test_as "$bin/initdb" -D "$PG_TEST_DIR/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$PG_TEST_DIR/initdb.log" 2>&1 \
    || { cat "$PG_TEST_DIR/initdb.log" >&2; return 1; }
  pg_test_as "$bin/pg_ctl" -D "$PG_TEST_DIR/data" -l "$PG_TEST_DIR/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $PG_TEST_DIR -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" start >/dev/null \
    || { cat "$PG_TEST_DIR/server.log" >&2; return 1; }
  export PG_TEST_DIR PG_TEST_BIN="$bin"
  export TEST_POSTGRES_URL="postgres://postgres@127.0.0.1:$port/postgres"
  echo "PostgreSQL for tests at 127.0.0.1:$port"
}

pg_test_stop() {
  [ -n "${PG_TEST_DIR:-}" ] || return 0
  pg_test_as "$PG_TEST_BIN/pg_ctl" -D "$PG_TEST_DIR/data" -m immediate stop >/dev/null 2>&1
  rm -rf "$PG_TEST_DIR"
  unset PG_TEST_DIR
}
