#!/usr/bin/env bash
# Drill: kill -9 the `fip import` process at a random moment of a large enterprise import, ROUNDS times on SQLite and on
# a throwaway PostgreSQL; after each kill the registry must hold its rows from before or all the file's rows, nothing in
# between, and the import job must be reported failed (its process is gone) or committed.
#
#   scripts/drills/kill-import.sh [ROUNDS] [ROWS]        defaults: 10 rounds, 100000 rows
#   env: DRILL_FIP_DLL (a built fip.dll), DRILL_PG_PORT (55599), DRILL_KILL_MAX (odd rounds: the kill lands between 2 s
#        after the start and this, default 60), DRILL_COMMIT_MAX (even rounds: between 0 s and this after the job starts
#        committing, default 30),
#        DRILL_DATABASES ("sqlite postgres")
# Prints one line per round and a summary; exits 1 on a partial import or a job left unreported.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
rounds=${1:-10}
rows=${2:-100000}
port=${DRILL_PG_PORT:-55599}
kill_max=${DRILL_KILL_MAX:-60}
commit_max=${DRILL_COMMIT_MAX:-30}
rand_seconds() { local ms=$(( $1 * 1000 + (RANDOM * 32768 + RANDOM) % (($2 - $1) * 1000 + 1) )); printf '%d.%03d' $((ms / 1000)) $((ms % 1000)); }
databases=${DRILL_DATABASES:-"sqlite postgres"}
work=$(mktemp -d /tmp/fip-kill-import.XXXXXX)
chmod 755 "$work"   # the PostgreSQL cluster under it runs as the postgres user
pg="$work/pg"
cleanup() { [ -d "$pg" ] && "$root/scripts/postgres.sh" stop "$pg" >/dev/null 2>&1 || true; rm -rf "$work"; }
trap cleanup EXIT

# DRILL_FIP_DLL: a built fip.dll to use (a copy, so that builds meanwhile do not change it); else the repository's, built now.
dll=${DRILL_FIP_DLL:-"$root/src/Fip.Cli/bin/Release/net10.0/fip.dll"}
[ -n "${DRILL_FIP_DLL:-}" ] || dotnet build "$root/src/Fip.Cli/Fip.Cli.csproj" -c Release -nologo -v quiet -clp:ErrorsOnly >&2
fip() { dotnet "$dll" "$@"; }
export Imports__StaleAfterSeconds=3 FIP_ADMIN_PASSWORD="Drill-Admin-2024!"

# ROWS new enterprises with valid 统一社会信用代码 (GB 11714 organisation check, GB 32100 check character), in 邗江区.
csv="$work/enterprises.csv"
python3 - "$rows" "$csv" <<'PY'
import sys
rows, path = int(sys.argv[1]), sys.argv[2]
alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY"
weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
with open(path, "w", encoding="utf-8-sig", newline="") as f:
    f.write("统一社会信用代码,企业名称,所属板块,产业方向\r\n")
    for n in range(rows):
        body = "7%07d" % n                       # 8 digits, apart from the demo generator's codes
        s = sum(int(c) * w for c, w in zip(body, [3, 7, 9, 10, 5, 8, 4, 2]))
        c = 11 - s % 11
        org = body + ("X" if c == 10 else "0" if c == 11 else str(c))
        first17 = "91321003" + org
        check = alphabet[(31 - sum(alphabet.index(ch) * w for ch, w in zip(first17, weights)) % 31) % 31]
        f.write(f"{first17}{check},扬州演练企业{n:06d}有限公司,邗江区,低空经济\r\n")
PY
echo "file: $rows rows, $(du -h "$csv" | cut -f1)"

failures=0
for db in $databases; do
  if [ "$db" = postgres ]; then
    "$root/scripts/postgres.sh" start "$pg" "$port"
    export Database__Provider=Postgres Database__ConnectionString="Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres"
    sql() { psql -h 127.0.0.1 -p "$port" -U postgres -d postgres -tAc "$1"; }
  else
    export Database__Provider=Sqlite Database__ConnectionString="Data Source=$work/drill.db"
    sql() { sqlite3 "$work/drill.db" "$1"; }
  fi
  fip seed >/dev/null
  all=0; none=0
  for round in $(seq 1 "$rounds"); do
    before=$(sql 'SELECT COUNT(*) FROM "Enterprises"')
    jobs_before=$(sql 'SELECT COUNT(*) FROM "ImportJobs"')
    # Odd rounds: a random moment from the start (reading, checking or committing); even rounds: a random moment of the
    # commit itself (its one transaction), once the job says it is committing.
    dotnet "$dll" import enterprises "$csv" >"$work/import.log" 2>&1 &   # not through a function: $! is dotnet itself
    pid=$!
    start=$(date +%s%N)
    if [ $((round % 2)) -eq 1 ]; then
      sleep "$(rand_seconds 2 "$kill_max")"
    else
      while kill -0 "$pid" 2>/dev/null && [ "$(sql 'SELECT COUNT(*) FROM "ImportJobs" WHERE "State" = '"'Committing'"'')" -eq 0 ]; do
        sleep 0.5
      done
      sleep "$(rand_seconds 0 "$commit_max")"
    fi
    waited=$(( ($(date +%s%N) - start) / 1000000 ))
    if kill -0 "$pid" 2>/dev/null; then kill -9 "$pid"; killed="killed at ${waited} ms"; else killed="ended before ${waited} ms"; fi
    wait "$pid" 2>/dev/null || true
    at_kill=$(sql 'SELECT "State" || '"' '"' || "Done" || '"'/'"' || "Rows" FROM "ImportJobs" ORDER BY "CreatedAt" DESC LIMIT 1')
    after=$(sql 'SELECT COUNT(*) FROM "Enterprises"')
    sleep 4   # longer than Imports:StaleAfterSeconds: the job's heartbeat is now stale
    reported=$(fip imports 2>/dev/null | grep -E '^[0-9a-f]{8}-' | head -n 1 | awk '{print $3, $5}' || true)
    if [ "$(sql 'SELECT COUNT(*) FROM "ImportJobs"')" -eq "$jobs_before" ]; then reported="no job yet (killed while starting)"; at_kill="-"; fi
    verdict=ok
    if [ "$after" -eq "$before" ]; then
      none=$((none + 1))
      case "$reported" in
        # Failed: its process died while checking or committing; Checked: it died between the check and the commit.
        "Failed Import.NodeLost"|"Checked -"|"no job yet"*) ;;
        *) verdict="JOB NOT REPORTED FAILED"; failures=$((failures + 1)) ;;
      esac
    elif [ "$after" -eq $((before + rows)) ]; then
      all=$((all + 1))
      [ "${reported%% *}" = "Committed" ] || { verdict="JOB NOT REPORTED COMMITTED"; failures=$((failures + 1)); }
    else
      verdict="PARTIAL IMPORT: $((after - before)) rows"; failures=$((failures + 1))
    fi
    echo "$db round $round: $killed; job at the kill: $at_kill; rows $before -> $after; reported: $reported; $verdict"
    # Rows a finished round committed are taken out again, so every round imports the same new rows.
    [ "$after" -eq "$before" ] || sql 'DELETE FROM "EnterpriseTracks" WHERE "EnterpriseId" IN (SELECT "Id" FROM "Enterprises" WHERE "CreditCode" LIKE '"'913210037%'"'); DELETE FROM "EnterpriseNameGrams" WHERE "EnterpriseId" IN (SELECT "Id" FROM "Enterprises" WHERE "CreditCode" LIKE '"'913210037%'"'); DELETE FROM "Enterprises" WHERE "CreditCode" LIKE '"'913210037%'"';' >/dev/null
  done
  echo "$db: $rounds kills, $none left no rows, $all left all $rows rows, $((rounds - none - all)) partial"
  if [ "$db" = postgres ]; then "$root/scripts/postgres.sh" stop "$pg"; fi
done
if [ "$failures" -eq 0 ]; then echo "PASS"; else echo "FAIL: $failures rounds"; exit 1; fi
