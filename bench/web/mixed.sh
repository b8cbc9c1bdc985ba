#!/usr/bin/env bash
# Mixed load (docs/benchmarks.md, "Mixed sessions"): every role at once for SECONDS (default 600), 32 connections in all —
# leaders 10, a department 6, a district 8 (a tenth of its requests register an enterprise), an enterprise 4, anonymous
# portal visitors 4 — each role's mix in session.lua. Prints each role's p50/p95/p99, requests/s and errors, the server's
# RSS every minute and its peak, and a static file's figures from the same server before the load as the baseline.
#   bench/web/mixed.sh DB [SECONDS]
set -euo pipefail
db=${1:?database file or connection string}; seconds=${2:-600}
source "$(dirname "$0")/server.sh"
fip users add bench-leader --role leader --password "$password" >/dev/null 2>&1 || true
fip users add bench-department --role department --department 市科技局 --password "$password" >/dev/null 2>&1 || true
fip users add bench-district --role district --district 邗江区 --password "$password" >/dev/null 2>&1 || true
signin bench-district "$password"
code=$(curl -s -H "Cookie: $cookie" "$url/api/v1/enterprises?pageSize=1" | grep -o '"creditCode":"[^"]*"' | head -1 | cut -d'"' -f4)
fip users add bench-enterprise --role enterprise --enterprise "$code" --password "$password" >/dev/null 2>&1 || true

echo "baseline: $(wrk -t2 -c32 -d10s --timeout 10s -s "$root/bench/web/percentiles.lua" "$url/css/site.css" | grep RESULT)"
out=$(mktemp -d); pids=()
for spec in leader:10 department:6 district:8 enterprise:4 public:4; do
  role=${spec%%:*}; connections=${spec##*:}
  headers=()
  if [ "$role" = public ]; then token=""; else signin "bench-$role" "$password"; headers=(-H "Cookie: $cookie"); fi
  FIP_ROLE=$role FIP_TOKEN=$token wrk -t1 -c"$connections" -d"${seconds}s" --timeout 10s -s "$root/bench/web/session.lua" \
    "${headers[@]}" "$url/" >"$out/$role.txt" 2>&1 &
  pids+=($!)
done
peak=0; start=$(date +%s)
running() { for p in "${pids[@]}"; do kill -0 "$p" 2>/dev/null && return 0; done; return 1; }
while running; do
  now=$(rss); [ "$now" -gt "$peak" ] && peak=$now
  elapsed=$(($(date +%s) - start))
  if [ $((elapsed % 60)) -lt 5 ]; then echo "t=${elapsed}s rss=${now} MB"; fi
  sleep 5
done
wait "${pids[@]}" || true
grep -h '^ROLE' "$out"/*.txt || { cat "$out"/*.txt; exit 1; }
echo "rss peak=${peak} MB (sampled every 5 s), at the end=$(rss) MB"
