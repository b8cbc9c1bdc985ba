#!/usr/bin/env bash
# Web page benchmark (docs/benchmarks.md): the leaders' home page, the goals page and the enterprise list under 32 concurrent
# connections (wrk on loopback), against a static file from the same server as the baseline, in the same run.
#   bench/web/run.sh DB [SECONDS]
# DB: a SQLite database file, or a PostgreSQL connection string (Host=...;Database=...), with the plan and data loaded, e.g. by
#   fip migrate && fip seed && fip demo-data --enterprises 1000000
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
db=${1:?database file or connection string}; seconds=${2:-20}
command -v wrk >/dev/null || { echo "wrk is needed (apt-get install wrk)" >&2; exit 1; }
dotnet build "$root/src/Fip.Web" -c Release -nologo -v q -clp:ErrorsOnly
dotnet build "$root/src/Fip.Cli" -c Release -nologo -v q -clp:ErrorsOnly
case $db in
  *Host=*) export Database__Provider=Postgres Database__ConnectionString="$db" ;;
  *) export Database__Provider=Sqlite Database__ConnectionString="Data Source=$db" ;;
esac
fip() { dotnet "$root/src/Fip.Cli/bin/Release/net10.0/fip.dll" "$@"; }
password='Bench-Leader-2026!'
fip users add bench-leader --role leader --password "$password" >/dev/null 2>&1 || true
port=5199; url="http://127.0.0.1:$port"
Jobs__Enabled=false ASPNETCORE_ENVIRONMENT=Production Serilog__MinimumLevel__Default=Warning \
  dotnet "$root/src/Fip.Web/bin/Release/net10.0/Fip.Web.dll" --contentRoot "$root/src/Fip.Web" --urls "$url" >/tmp/fip-bench-web.log 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do curl -fs "$url/health/live" >/dev/null 2>&1 && break; sleep 1; done
jar=$(mktemp)
# Signs in afresh: Identity rebuilds a principal whose cookie is older than its validation interval (a minute) and sends a
# renewed cookie, which wrk never stores, so a cookie kept across paths would make every later request rebuild the principal.
signin() {
  rm -f "$jar"
  token=$(curl -s -c "$jar" -b "$jar" "$url/Accounts/Login" | grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' | sed 's/.*value="//;s/"$//')
  curl -s -c "$jar" -b "$jar" -o /dev/null -X POST "$url/Accounts/Login" --data-urlencode "__RequestVerificationToken=$token" \
    --data-urlencode "Input.UserName=bench-leader" --data-urlencode "Input.Password=$password"
  cookie=$(awk '$6 ~ /^\.AspNetCore|^fip/ {printf "%s=%s; ", $6, $7}' "$jar")
  [ "$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: $cookie" "$url/Goals")" = 200 ] || { echo "sign-in failed" >&2; exit 1; }
}
export FIP_BENCH_DIR="$root/bench/web"
# "list" is the enterprise list with a random district + track + name substring per request (list.lua); "list1" the
# same one request at a time (one connection), as bench/Fip.Benchmarks measures it in process.
for path in ${FIP_BENCH_PATHS:-/css/site.css / /Goals /api/v1/goals list list1}; do
  script=percentiles.lua; target=$path; connections=32
  case $path in list|list1) script=list.lua; target=/Registries/enterprises ;; esac
  [ "$path" = list1 ] && connections=1
  signin
  curl -s -o /dev/null -H "Cookie: $cookie" "$url$target"   # warm up
  line=$(wrk -t$((connections < 2 ? 1 : 2)) -c$connections -d"${seconds}s" --timeout 10s -s "$root/bench/web/$script" -H "Cookie: $cookie" "$url$target" | grep RESULT)
  rss=$(awk '/^VmRSS/ {printf "%.0f MB", $2 / 1024}' "/proc/$server/status" 2>/dev/null || echo "?")
  echo "$path $line rss=$rss"
done
