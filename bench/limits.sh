#!/usr/bin/env bash
# Issue #22's table in one run (docs/benchmarks.md, "Against the physical limit"): every line measured beside its yardstick
# from the same run on the same machine, on SQLite and on PostgreSQL, then one summary table with each target and whether it
# is met. Run by hand on a quiet machine (about 50 minutes at 1,000,000 enterprises and 600-second mixed loads).
#   bench/limits.sh SQLITE_DB PG_SERVER PG_DATABASE [ENTERPRISES] [MIXED_SECONDS]
# SQLITE_DB and PG_DATABASE: the pages' data, e.g. `fip migrate && fip seed && fip demo-data --enterprises 1000000 --seed 7`
#   into a SQLite file and into a PostgreSQL database (the connection string's Database=...). The mixed load writes to them.
# PG_SERVER: "Host=...;Port=...;Username=..." of a server on which the import benchmark creates and drops its own databases.
# FIP_LIMITS_OUT: the folder for the raw outputs and summary.md (default artifacts/limits-UTC-TIME).
# FIP_LIMITS_STEPS: the steps to run (default "imports memory pages mixed"), e.g. to measure one again into the same folder.
set -euo pipefail
sqlite_db=${1:?SQLite database with the data}; pg_server=${2:?PostgreSQL server for the imports}
pg_db=${3:?PostgreSQL connection string with the data}; count=${4:-1000000}; mixed_seconds=${5:-600}
root=$(cd "$(dirname "$0")/.." && pwd)
out=${FIP_LIMITS_OUT:-$root/artifacts/limits-$(date -u +%Y%m%d-%H%M)}
mkdir -p "$out"
command -v wrk >/dev/null || { echo "wrk is needed (apt-get install wrk)" >&2; exit 1; }
command -v libreoffice >/dev/null || { echo "LibreOffice is needed (apt-get install libreoffice-calc)" >&2; exit 1; }
dotnet build "$root/bench/Fip.Benchmarks" -c Release -nologo -v q -clp:ErrorsOnly
dotnet build "$root/src/Fip.Cli" -c Release -nologo -v q -clp:ErrorsOnly
bench() { dotnet "$root/bench/Fip.Benchmarks/bin/Release/net10.0/Fip.Benchmarks.dll" --enterprises "$count" --skip-indicators \
  --skip-baseline "$@"; }
fip() { dotnet "$root/src/Fip.Cli/bin/Release/net10.0/fip.dll" "$@"; }
step() { echo "== $(date -u +%H:%M:%S) $*" >&2; }
steps=" ${FIP_LIMITS_STEPS:-imports memory pages mixed} "
wanted() { [[ $steps == *" $1 "* ]]; }

# 1. Imports against the raw load of the same file (sqlite3 .import / COPY, fastest of three), the XLSX reader against
#    LibreOffice converting the same workbook.
if wanted imports; then
  step "imports, SQLite (CSV, XLSX, LibreOffice)"
  bench --libreoffice >"$out/import-sqlite.txt"
  step "imports, PostgreSQL (CSV)"
  bench --skip-xlsx --provider postgres --pg "$pg_server" >"$out/import-postgres.txt"
fi

# 2. The import's memory: `fip import` of the same files as an official runs it, peak RSS from the kernel.
if wanted memory; then
  step "import memory"
  files="$out/files"; bench --files-only "$files" >/dev/null
  memory() { # LABEL PROVIDER CONNECTION FILE
    Database__Provider=$2 Database__ConnectionString=$3 /usr/bin/time -f "$1 maxrss_kb=%M wall=%e" \
      dotnet "$root/src/Fip.Cli/bin/Release/net10.0/fip.dll" import enterprises "$4" >/dev/null 2>"$out/memory-$1.err" || true
    tail -n 1 "$out/memory-$1.err"
  }
  {
    cp "$files/empty.db" "$files/m.db"; memory sqlite-csv Sqlite "Data Source=$files/m.db" "$files/enterprises.csv"
    cp "$files/empty.db" "$files/m.db"; memory sqlite-xlsx Sqlite "Data Source=$files/m.db" "$files/enterprises.xlsx"
    name="fip_limits_$$"
    psql_server=$(sed 's/;/ /g; s/Host=/host=/; s/Port=/port=/; s/Username=/user=/' <<<"$pg_server")
    psql "$psql_server dbname=postgres" -qc "CREATE DATABASE $name" >/dev/null
    Database__Provider=Postgres Database__ConnectionString="$pg_server;Database=$name" fip migrate >/dev/null
    Database__Provider=Postgres Database__ConnectionString="$pg_server;Database=$name" fip seed >/dev/null
    memory postgres-csv Postgres "$pg_server;Database=$name" "$files/enterprises.csv"
    psql "$psql_server dbname=postgres" -qc "DROP DATABASE $name" >/dev/null
  } >"$out/memory.txt"
  rm -rf "$files"
fi

# 3. Pages under 32 connections, a leader signed in, the same server's static file as the yardstick.
#    The broad name search is 科技 across the whole city, percent-encoded for wrk.
paths="/css/site.css / /Goals /Supervision /Chains/Track/1 list /Registries/enterprises?q=%E7%A7%91%E6%8A%80"
if wanted pages; then
  step "pages, SQLite"; FIP_BENCH_PATHS=$paths "$root/bench/web/run.sh" "$sqlite_db" 15 >"$out/pages-sqlite.txt"
  step "pages, PostgreSQL"; FIP_BENCH_PATHS=$paths "$root/bench/web/run.sh" "$pg_db" 15 >"$out/pages-postgres.txt"
fi

# 4. The web process's memory through a mixed load of every role.
if wanted mixed; then
  step "mixed load, SQLite"; "$root/bench/web/mixed.sh" "$sqlite_db" "$mixed_seconds" >"$out/mixed-sqlite.txt"
  step "mixed load, PostgreSQL"; "$root/bench/web/mixed.sh" "$pg_db" "$mixed_seconds" >"$out/mixed-postgres.txt"
fi

step "summary"
"$root/bench/limits-summary.sh" "$out" | tee "$out/summary.md"
