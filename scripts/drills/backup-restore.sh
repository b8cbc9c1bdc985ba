#!/usr/bin/env bash
# Drill: backup -> wipe -> restore, on SQLite and on PostgreSQL. Passes when every table's row count and checksum and every
# attachment's SHA-256 are the same after the restore as before the backup. The checksums here are the engines' own
# (sqlite3 .dump, PostgreSQL md5 over the rows' text), not the platform's, so the drill does not grade its own homework.
#   FIP_DRILL_ENTERPRISES=2000 FIP_DRILL_PG_PORT=55515 scripts/drills/backup-restore.sh [sqlite|postgres|both]
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cli_dll="$root/src/Fip.Cli/bin/Release/net10.0/fip.dll"
which=${1:-both}
enterprises=${FIP_DRILL_ENTERPRISES:-2000}
pg_port=${FIP_DRILL_PG_PORT:-55515}
work=${FIP_DRILL_DIR:-/tmp/fip-drill-backup}
rm -rf "$work"; mkdir -p "$work"
[ -f "$cli_dll" ] || dotnet build "$root/src/Fip.Cli/Fip.Cli.csproj" -c Release -nologo -v quiet -clp:ErrorsOnly
fip() { dotnet "$cli_dll" "$@"; }
fail() { echo "FAIL: $*" >&2; exit 1; }
export FIP_ADMIN_PASSWORD="Drill-Admin-2024!" FIP_DEMO_PASSWORD="Drill-Demo-2024!" Seed__DemoEnterprises="$enterprises"

# Evidence files in the attachments folder, as the report uploads store them (two hex characters / key).
add_attachments() {
  local folder=$1
  for i in $(seq 40); do
    local key; key=$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')
    mkdir -p "$folder/${key:0:2}"
    head -c $((1024 * (i % 7 + 1))) /dev/urandom >"$folder/${key:0:2}/$key"
  done
}

attachments_state() { (cd "$1" && find . -type f -print0 | sort -z | xargs -0 -r sha256sum); }

sqlite_state() {
  local db=$1
  for t in $(sqlite3 "$db" "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' ORDER BY name"); do
    echo "$t $(sqlite3 "$db" "SELECT count(*) FROM \"$t\"") $(sqlite3 "$db" ".dump \"$t\"" | grep -v '^CREATE' | sha256sum | cut -c1-64)"
  done
}

pg_state() {
  local q="/usr/bin/psql -h 127.0.0.1 -p $pg_port -U postgres -d fip -Atq"
  for t in $($q -c "SELECT table_name FROM information_schema.tables WHERE table_schema='public' AND table_type='BASE TABLE' ORDER BY 1"); do
    echo "$t $($q -c "SELECT count(*) || ' ' || md5(coalesce(string_agg(t::text, E'\\n' ORDER BY t::text COLLATE \"C\"), '')) FROM \"$t\" t")"
  done
}

# drill NAME STATE_FN WIPE_FN: seed, record, back up, wipe, restore, record, compare.
drill() {
  local name=$1 state=$2 wipe=$3 dir="$work/$1"
  echo "== $name: seeding ($enterprises demo enterprises)"
  fip seed --demo >/dev/null
  add_attachments "$Storage__Attachments"
  $state >"$dir/before.tables"; attachments_state "$Storage__Attachments" >"$dir/before.files"
  local t0 t1 t2; t0=$(date +%s.%N)
  fip backup "$dir/backup.tar.gz" | sed 's/^/   /'
  t1=$(date +%s.%N)
  $wipe
  rm -rf "$Storage__Attachments"
  fip restore "$dir/backup.tar.gz" | sed 's/^/   /'
  t2=$(date +%s.%N)
  $state >"$dir/after.tables"; attachments_state "$Storage__Attachments" >"$dir/after.files"
  local tables rows files
  tables=$(wc -l <"$dir/before.tables"); rows=$(awk '{ s += $2 } END { print s }' "$dir/before.tables"); files=$(wc -l <"$dir/before.files")
  echo "   $tables tables, $rows rows, $files attachments; backup $(du -k "$dir/backup.tar.gz" | cut -f1) KiB in" \
    "$(echo "$t1 - $t0" | bc | xargs printf '%.1f') s, restore in $(echo "$t2 - $t1" | bc | xargs printf '%.1f') s"
  diff "$dir/before.tables" "$dir/after.tables" >/dev/null || { diff "$dir/before.tables" "$dir/after.tables" | head; fail "$name: tables differ"; }
  diff "$dir/before.files" "$dir/after.files" >/dev/null || fail "$name: attachments differ"
  echo "   identical: every table's row count and checksum, every attachment's SHA-256"
  echo "   machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
}

if [ "$which" = sqlite ] || [ "$which" = both ]; then
  mkdir -p "$work/sqlite"
  export Database__Provider=Sqlite Database__ConnectionString="Data Source=$work/sqlite/fip.db" Storage__Attachments="$work/sqlite/attachments"
  sqlite_wipe() { rm -f "$work/sqlite/fip.db" "$work/sqlite/fip.db-wal" "$work/sqlite/fip.db-shm"; }
  drill sqlite "sqlite_state $work/sqlite/fip.db" sqlite_wipe
fi
if [ "$which" = postgres ] || [ "$which" = both ]; then
  mkdir -p "$work/postgres"
  "$root/scripts/postgres.sh" start "$work/pg" "$pg_port"
  trap '"$root/scripts/postgres.sh" stop "$work/pg"' EXIT
  /usr/bin/createdb -h 127.0.0.1 -p "$pg_port" -U postgres fip
  export Database__Provider=Postgres Database__ConnectionString="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=fip"
  export Storage__Attachments="$work/postgres/attachments"
  pg_wipe() { /usr/bin/dropdb -h 127.0.0.1 -p "$pg_port" -U postgres --force fip; }
  drill postgres pg_state pg_wipe
fi
echo "PASS"
