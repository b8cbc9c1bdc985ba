#!/usr/bin/env bash
# Web page benchmark (docs/benchmarks.md): the leaders' home page, the goals page and the enterprise list under 32 concurrent
# connections (wrk on loopback), against a static file from the same server as the baseline, in the same run.
#   bench/web/run.sh DB [SECONDS]
# DB: a SQLite database file, or a PostgreSQL connection string (Host=...;Database=...), with the plan and data loaded, e.g. by
#   fip migrate && fip seed && fip demo-data --enterprises 1000000
set -euo pipefail
db=${1:?database file or connection string}; seconds=${2:-20}
source "$(dirname "$0")/server.sh"
fip users add bench-leader --role leader --password "$password" >/dev/null 2>&1 || true
# "list" is the enterprise list with a random district + track + name substring per request (list.lua); "list1" the
# same one request at a time (one connection), as bench/Fip.Benchmarks measures it in process.
for path in ${FIP_BENCH_PATHS:-/css/site.css / /Goals /api/v1/goals list list1}; do
  script=percentiles.lua; target=$path; connections=32
  case $path in list|list1) script=list.lua; target=/Registries/enterprises ;; esac
  [ "$path" = list1 ] && connections=1
  signin bench-leader "$password"
  curl -s -o /dev/null -H "Cookie: $cookie" "$url$target"   # warm up
  load() { wrk -t$((connections < 2 ? 1 : 2)) -c$connections -d"$1" --timeout 10s -s "$root/bench/web/$script" -H "Cookie: $cookie" \
    "$url$target"; }
  # Five seconds of the same load first, not timed: a path measured in the first seconds after the server started (the static
  # file first of all) was measured before the runtime had compiled its hot code, a third of its warm rate.
  load 5s >/dev/null
  cpu0=$(cpu)
  line=$(load "${seconds}s" | grep RESULT)
  # The server's CPU time per request: what a page costs, which other work on the machine disturbs far less than latency.
  rps=$(sed 's/.*rps=\([0-9.]*\).*/\1/' <<<"$line")
  echo "$path $line rss=$(rss) MB cpu=$(awk -v a="$cpu0" -v b="$(cpu)" -v r="$rps" -v s="$seconds" 'BEGIN { printf "%.2f", (b - a) * 1000 / (r * s) }') ms/request"
done
