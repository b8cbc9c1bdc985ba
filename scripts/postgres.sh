#!/usr/bin/env bash
# Throwaway PostgreSQL cluster on 127.0.0.1 for the integration tests (Debian's postgresql package).
#   scripts/postgres.sh start DIR PORT   initialise and start a cluster in DIR
#   scripts/postgres.sh stop DIR         stop it and remove DIR
#   scripts/postgres.sh pause DIR        stop the server, keeping its data (a restart drill)
#   scripts/postgres.sh resume DIR       start it again on the port it was started with
set -euo pipefail
PGBIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[ -n "$PGBIN" ] || { echo "PostgreSQL server binaries not found (apt-get install postgresql)" >&2; exit 1; }
cmd=${1:?start|stop}; dir=${2:?directory}
as_postgres() { if [ "$(id -u)" = 0 ]; then su postgres -s /bin/bash -c "$*"; else bash -c "$*"; fi; }
case "$cmd" in
  start)
    port=${3:?port}
    mkdir -p "$dir"
    [ "$(id -u)" = 0 ] && chown postgres:postgres "$dir"
    as_postgres "$PGBIN/initdb -D '$dir/data' -U postgres -A trust -E UTF8 --locale=C.UTF-8 >'$dir/initdb.log' 2>&1"
    echo "$port" >"$dir/port"
    "$0" resume "$dir"
    ;;
  resume)
    port=$(cat "$dir/port")
    as_postgres "$PGBIN/pg_ctl -D '$dir/data' -o \"-c listen_addresses=127.0.0.1 -p $port -k '$dir' -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200\" -l '$dir/server.log' -w start >/dev/null"
    ;;
  pause)
    as_postgres "$PGBIN/pg_ctl -D '$dir/data' -m fast -w stop >/dev/null"
    ;;
  stop)
    if [ -d "$dir/data" ]; then as_postgres "$PGBIN/pg_ctl -D '$dir/data' -m fast -w stop >/dev/null" || true; fi
    rm -rf "$dir"
    ;;
  *) echo "unknown command $cmd" >&2; exit 2 ;;
esac
