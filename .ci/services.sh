#!/usr/bin/env bash
# Start what the tests need: a PostgreSQL server on loopback for the postgres
# connector's tests. Installs the server from the OS packages if it is
# missing, starts it (as the postgres user when run as root) on
# 127.0.0.1:${GOLDEN_PG_PORT:-55432} with its data under ${GOLDEN_PG_DIR:-/tmp/golden-pg},
# and creates the user and database the tests use. Safe to run again: a
# running server is reused. On failure it says why and exits non-zero; the
# tests then fail with the same reason (they never skip).
#
# Tests find the server at the well-known URL below, or at $GOLDEN_TEST_PG_URL.
#   postgres://golden:golden@127.0.0.1:55432/golden_test?sslmode=disable
set -euo pipefail

PORT="${GOLDEN_PG_PORT:-55432}"
DIR="${GOLDEN_PG_DIR:-/tmp/golden-pg}"
DATA="$DIR/data"
LOG="$DIR/server.log"
DB=golden_test
ROLE=golden
PASS=golden

say() { echo "services: $*" >&2; }
fail() { say "PostgreSQL: $*"; exit 1; }

find_bin() {
  local b
  b="$(command -v pg_ctl 2>/dev/null || true)"
  if [ -z "$b" ]; then
    b="$(ls -d /usr/lib/postgresql/*/bin/pg_ctl 2>/dev/null | sort -V | tail -1 || true)"
  fi
  [ -n "$b" ] && dirname "$(readlink -f "$b")"
}

BIN="$(find_bin || true)"
if [ -z "$BIN" ]; then
  say "PostgreSQL is not installed; installing it from the OS packages"
  command -v apt-get >/dev/null || fail "not installed and apt-get is not available: install PostgreSQL (server and client) and run again"
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq >&2 || fail "apt-get update failed"
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq postgresql postgresql-client >&2 || fail "apt-get install postgresql failed"
  BIN="$(find_bin || true)"
  [ -n "$BIN" ] || fail "installed, but pg_ctl cannot be found"
fi

# The server refuses to run as root: run it as the postgres user then.
RUNAS=()
if [ "$(id -u)" -eq 0 ]; then
  id postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres || fail "no postgres user to run the server as"
  RUNAS=(runuser -u postgres --)
fi

mkdir -p "$DIR"
[ "$(id -u)" -eq 0 ] && chown postgres: "$DIR"
exec 9>"$DIR/.lock"
flock -w 120 9 || fail "another services.sh has held $DIR/.lock for two minutes"   # others' test runs may start the server too

if ! "${RUNAS[@]}" "$BIN/pg_ctl" -D "$DATA" status >/dev/null 2>&1; then
  if [ ! -f "$DATA/PG_VERSION" ]; then
    say "creating a PostgreSQL cluster in $DATA"
    "${RUNAS[@]}" "$BIN/initdb" -D "$DATA" -A trust -U postgres -E UTF8 --locale=C.UTF-8 >"$DIR/initdb.log" 2>&1 \
      || "${RUNAS[@]}" "$BIN/initdb" -D "$DATA" -A trust -U postgres -E UTF8 >"$DIR/initdb.log" 2>&1 \
      || fail "initdb failed: $(tail -3 "$DIR/initdb.log")"
    # Loopback only, passwords required over TCP.
    printf "local all all trust\nhost all all 127.0.0.1/32 scram-sha-256\n" >"$DATA/pg_hba.conf"
  fi
  say "starting PostgreSQL on 127.0.0.1:$PORT"
  "${RUNAS[@]}" "$BIN/pg_ctl" -D "$DATA" -l "$LOG" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -c port=$PORT -c unix_socket_directories=$DIR -c fsync=off -c max_connections=50" start >/dev/null 9>&- \
    || fail "the server did not start: $(tail -5 "$LOG" 2>/dev/null)"
fi

psql_admin() { "${RUNAS[@]}" "$BIN/psql" -h "$DIR" -p "$PORT" -U postgres -d postgres -v ON_ERROR_STOP=1 -qtA "$@"; }
psql_admin -c "SELECT 1" >/dev/null || fail "the server is running but does not answer on $DIR:$PORT"
if [ "$(psql_admin -c "SELECT 1 FROM pg_roles WHERE rolname = '$ROLE'")" != "1" ]; then
  psql_admin -c "CREATE ROLE $ROLE LOGIN PASSWORD '$PASS'" >/dev/null || fail "cannot create role $ROLE"
fi
if [ "$(psql_admin -c "SELECT 1 FROM pg_database WHERE datname = '$DB'")" != "1" ]; then
  psql_admin -c "CREATE DATABASE $DB OWNER $ROLE" >/dev/null || fail "cannot create database $DB"
fi
say "PostgreSQL ready: postgres://$ROLE:***@127.0.0.1:$PORT/$DB"
