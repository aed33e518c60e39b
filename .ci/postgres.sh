#!/usr/bin/env bash
# Start a throwaway PostgreSQL server on 127.0.0.1 for the store tests; print its URL on stdout.
#   export CROSSWIRE_TEST_POSTGRES=$(.ci/postgres.sh)
# Installs the distribution's postgresql package when no server binaries are present (needs root).
set -euo pipefail
PORT="${PGPORT_TEST:-54329}"
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
as_pg "'$BIN/createdb' -h 127.0.0.1 -p $PORT -U postgres crosswire_test" >&2
echo "postgresql://postgres@127.0.0.1:$PORT/crosswire_test"
