#!/usr/bin/env bash
# Drill: kill -9 a web node under a bounded mixed load (wrk, 64 connections, 60 s, loopback only).
# Passes when every acknowledged write is in the database, the session keeps working on the other node(s), and the 5xx
# answers are no more than the requests that were in flight on the killed node when it died.
#   FIP_DRILL_SECONDS=60 FIP_DRILL_KILL_AT=20 FIP_DRILL_CONNECTIONS=64 FIP_CLUSTER_NODES=2 scripts/drills/node-kill.sh
set -euo pipefail
source "$(dirname "$0")/common.sh"
seconds=${FIP_DRILL_SECONDS:-60}; kill_at=${FIP_DRILL_KILL_AT:-20}; connections=${FIP_DRILL_CONNECTIONS:-64}
command -v wrk >/dev/null || fail "wrk is not installed (apt-get install wrk)"
ensure_cluster
trap finish_cluster EXIT
victim=$FIP_CLUSTER_NODES   # the last node
victim_addr="127.0.0.1:$((FIP_CLUSTER_NODE_PORT + victim - 1))"
work="$FIP_CLUSTER_DIR/drill-node-kill"; rm -rf "$work"; mkdir -p "$work"

echo "== Preparing: a session (demo-kjj), a token, the enterprises' versions"
cookie=$(sign_in demo-kjj "$FIP_DEMO_PASSWORD" "$work/jar")
token=$(drill_token)
for p in 1 2 3 4 5 6 7 8 9 10; do
  curl -sf -H "Authorization: Bearer $token" "$FIP_CLUSTER_URL/api/v1/enterprises?page=$p&pageSize=200" \
    | grep -o '"id":[0-9]*,"title":"[^"]*","version":"[^"]*"' | sed 's/"id":\([0-9]*\),"title":"[^"]*","version":"\([^"]*\)"/\1 \2/' || true
done >"$work/ids"
[ -s "$work/ids" ] || fail "no enterprises listed"
echo "   $(wc -l <"$work/ids") enterprises to write"
before_lines=$(wc -l <"$FIP_CLUSTER_DIR/logs/nginx-access.log")

echo "== Load: wrk -t2 -c$connections -d${seconds}s; kill -9 node $victim ($victim_addr) at ${kill_at}s"
wrk -t2 -c"$connections" -d"${seconds}s" --timeout 30s --latency -s "$(dirname "$0")/mixed-load.lua" "$FIP_CLUSTER_URL" \
  -- "$work/ids" "$work/acked" "$token" "$cookie" 10 2 >"$work/wrk.txt" 2>&1 &
wrk_pid=$!
machine
sleep "$kill_at"
victim_pid=$(cat "$FIP_CLUSTER_DIR/node$victim.pid")
kill_time=$(now)
kill -9 "$victim_pid"
echo "   killed pid $victim_pid at $(date -u +%T)"
wait "$wrk_pid" || fail "wrk failed: $(cat "$work/wrk.txt")"
cat "$work/wrk.txt"

echo "== Figures"
machine
tail -n +"$((before_lines + 1))" "$FIP_CLUSTER_DIR/logs/nginx-access.log" >"$work/access.log"
# Log fields (cluster.sh): msec (end) | status | nodes tried | their statuses | seconds | request
total=$(wc -l <"$work/access.log")
fivexx=$(awk -F'|' '$2 ~ /^5/' "$work/access.log" | wc -l)
# In flight on the victim at the kill: sent to it (first node tried) before the kill, answered after it.
inflight=$(awk -F'|' -v k="$kill_time" -v v="$victim_addr" '{ split($3, up, ", "); if (up[1] == v && $1 - $5 <= k && $1 >= k) n++ }
  END { print n+0 }' "$work/access.log")
retried=$(awk -F'|' -v v="$victim_addr" 'index($3, v ", ") == 1' "$work/access.log" | wc -l)
by_node=$(awk -F'|' '{ n = split($3, up, ", "); c[up[n]]++ } END { for (k in c) printf "%s=%d ", k, c[k] }' "$work/access.log")
login_redirects=$(awk -F'|' '$2 == 302 && $6 ~ /^GET /' "$work/access.log" | wc -l)
statuses=$(awk -F'|' '{ c[$2]++ } END { for (k in c) printf "%s=%d ", k, c[k] }' "$work/access.log")
cat "$work"/acked.* 2>/dev/null >"$work/acked" || true
acked=$(wc -l <"$work/acked")
{
  echo "CREATE TEMP TABLE acked (id int, version text);"
  echo "COPY acked FROM STDIN WITH (FORMAT text, DELIMITER ' ');"
  cat "$work/acked"; echo '\.'
  echo "SELECT count(*) FROM acked a WHERE NOT EXISTS (SELECT 1 FROM \"Enterprises\" e WHERE e.\"Id\" = a.id AND e.\"Version\" = a.version)"
  echo "  AND NOT EXISTS (SELECT 1 FROM \"AuditEntries\" x WHERE x.\"EntityType\" = 'Enterprise' AND x.\"EntityKey\" = a.id::text"
  echo "  AND x.\"After\" LIKE '%' || a.version || '%');"
} >"$work/check.sql"
lost=$(psql_fip -f "$work/check.sql")
# The same session, after the kill, through nginx and on each surviving node.
session_ok=1
for n in $(seq "$FIP_CLUSTER_NODES"); do
  [ "$n" = "$victim" ] && continue
  code=$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: $cookie" "http://127.0.0.1:$((FIP_CLUSTER_NODE_PORT + n - 1))/Registries/enterprises")
  echo "   session on node $n after the kill: $code"; [ "$code" = 200 ] || session_ok=0
done
code=$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: $cookie" "$FIP_CLUSTER_URL/Registries/enterprises")
echo "   session through nginx after the kill: $code"; [ "$code" = 200 ] || session_ok=0

echo "   requests through nginx: $total ($statuses)"
echo "   answered by node: $by_node"
echo "   in flight on node $victim at the kill: $inflight; retried on another node: $retried"
echo "   5xx: $fivexx"
echo "   pages answered with a redirect (302: session lost): $login_redirects"
echo "   acknowledged writes: $acked; missing from the database: $lost"
echo "== Restarting node $victim"
restart_start=$(now)
"$root/scripts/cluster.sh" start-node "$victim" >/dev/null
echo "   node $victim ready again in $(echo "$(now) - $restart_start" | bc | xargs printf '%.1f') s"

ok=1
[ "$acked" -gt 0 ] || { echo "FAIL: no write was acknowledged"; ok=0; }
[ "$lost" = 0 ] || { echo "FAIL: $lost acknowledged writes are not in the database"; ok=0; }
[ "$session_ok" = 1 ] || { echo "FAIL: the session did not continue on the other node"; ok=0; }
[ "$login_redirects" = 0 ] || { echo "FAIL: $login_redirects pages sent the signed-in user back to the login"; ok=0; }
[ "$fivexx" -le "$inflight" ] || { echo "FAIL: $fivexx 5xx answers, more than the $inflight requests in flight on the killed node"; ok=0; }
[ "$ok" = 1 ] && echo "PASS" || exit 1
