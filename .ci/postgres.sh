#!/usr/bin/env bash
# Start a throwaway PostgreSQL server on 127.0.0.1 for the store tests; print its URL on stdout.
#   export CROSSWIRE_TEST_POSTGRES=$(.ci/postgres.sh)
# Installs the distribution's postgresql package when no server binaries are present (needs root).
# The port is PGPORT_TEST, else a free one; with PG_STOP_FILE set, the command that stops this
# server is written there (.ci/run runs it on exit, so runs one after another do not collide).
set -euo pipefail
PORT="${PGPORT_TEST:-$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}"
if ! ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1; then
    apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
fi
BIN="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"
DATA="$(mktemp -d /tmp/crosswire-pg.XXXXXX)"
chown postgres "$DATA"
as_pg() { if [ "$(id -u)" = 0 ]; then su postgres -s /bin/sh -c "$*"; else sh -c "$*"; fi; }
as_pg "'$BIN/initdb' -D '$DATA' -A trust -U postgres" >&2
as_pg "'$BIN/pg_ctl' -D '$DATA' -l '$DATA/log' -o \"-c listen_addresses=127.0.0.1 -p $PORT -k '$DATA'\" -w start" >&2
if [ -n "${PG_STOP_FILE:-}" ]; then
    declare -f as_pg > "$PG_STOP_FILE"
    echo "as_pg \"'$BIN/pg_ctl' -D '$DATA' -m fast -w stop\" >/dev/null 2>&1; rm -rf '$DATA'" >> "$PG_STOP_FILE"
fi
as_pg "'$BIN/createdb' -h 127.0.0.1 -p $PORT -U postgres crosswire_test" >&2
echo "postgresql://postgres@127.0.0.1:$PORT/crosswire_test"
