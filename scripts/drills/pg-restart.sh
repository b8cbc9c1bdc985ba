#!/usr/bin/env bash
# Drill: restart PostgreSQL under load. /health/ready must report it (503 while the database is down) and the nodes must
# recover without a restart (same processes, ready again soon after the database is back).
#   FIP_DRILL_SECONDS=40 FIP_DRILL_DOWN=10 FIP_DRILL_CONNECTIONS=16 scripts/drills/pg-restart.sh
set -euo pipefail
source "$(dirname "$0")/common.sh"
seconds=${FIP_DRILL_SECONDS:-40}; down=${FIP_DRILL_DOWN:-10}; stop_at=${FIP_DRILL_STOP_AT:-10}; connections=${FIP_DRILL_CONNECTIONS:-16}
command -v wrk >/dev/null || fail "wrk is not installed (apt-get install wrk)"
ensure_cluster
trap finish_cluster EXIT
work="$FIP_CLUSTER_DIR/drill-pg-restart"; rm -rf "$work"; mkdir -p "$work"
cookie=$(sign_in demo-kjj "$FIP_DEMO_PASSWORD" "$work/jar")
token=$(drill_token)
for p in 1 2; do
  curl -sf -H "Authorization: Bearer $token" "$FIP_CLUSTER_URL/api/v1/enterprises?page=$p&pageSize=200" \
    | grep -o '"id":[0-9]*,"title":"[^"]*","version":"[^"]*"' | sed 's/"id":\([0-9]*\),"title":"[^"]*","version":"\([^"]*\)"/\1 \2/' || true
done >"$work/ids"
pids_before=$(cat "$FIP_CLUSTER_DIR"/node*.pid | tr '\n' ' ')
before_lines=$(wc -l <"$FIP_CLUSTER_DIR/logs/nginx-access.log")

# Every node's readiness, four times a second: "time node code".
( while :; do
    for n in $(seq "$FIP_CLUSTER_NODES"); do
      echo "$(now) $n $(curl -s -o /dev/null -m 2 -w '%{http_code}' "http://127.0.0.1:$((FIP_CLUSTER_NODE_PORT + n - 1))/health/ready")"
    done
    sleep 0.25
  done ) >"$work/ready.log" 2>/dev/null &
poller=$!

echo "== Load: wrk -t2 -c$connections -d${seconds}s; PostgreSQL stopped at ${stop_at}s for ${down}s"
wrk -t2 -c"$connections" -d"${seconds}s" --timeout 30s -s "$(dirname "$0")/mixed-load.lua" "$FIP_CLUSTER_URL" \
  -- "$work/ids" "$work/acked" "$token" "$cookie" 10 2 >"$work/wrk.txt" 2>&1 &
wrk_pid=$!
machine
sleep "$stop_at"
stopped=$(now)
"$root/scripts/postgres.sh" pause "$FIP_CLUSTER_DIR/pg"
echo "   PostgreSQL stopped at $(date -u +%T)"
sleep "$down"
"$root/scripts/postgres.sh" resume "$FIP_CLUSTER_DIR/pg"
resumed=$(now)
echo "   PostgreSQL back at $(date -u +%T)"
wait "$wrk_pid" || fail "wrk failed: $(cat "$work/wrk.txt")"
sleep 2
kill "$poller"
cat "$work/wrk.txt"

echo "== Figures"
machine
tail -n +"$((before_lines + 1))" "$FIP_CLUSTER_DIR/logs/nginx-access.log" >"$work/access.log"
statuses=$(awk -F'|' '{ c[$2]++ } END { for (k in c) printf "%s=%d ", k, c[k] }' "$work/access.log")
# Errors outside the outage (the database up, before it stopped or 2 s after it was back).
errors_out=$(awk -F'|' -v s="$stopped" -v r="$resumed" '$2 ~ /^5/ && ($1 < s || $1 - $5 > r + 2)' "$work/access.log" | wc -l)
errors_in=$(awk -F'|' '$2 ~ /^5/' "$work/access.log" | wc -l)
ok=1
for n in $(seq "$FIP_CLUSTER_NODES"); do
  # Seconds the node reported not ready; when it first said so after the stop; when it was ready again after the resume.
  read -r notready first_503 ready_again < <(awk -v n="$n" -v s="$stopped" -v r="$resumed" '
    $2 == n { if ($3 != 200 && !t1 && $1 >= s) t1 = $1; if (t1 && $3 == 200 && !t2) t2 = $1; if ($3 == 200 && $1 >= r && !b) b = $1 - r }
    END { printf "%.1f %.1f %.1f\n", (t2 ? t2 - t1 : -1), (t1 ? t1 - s : -1), b }' "$work/ready.log")
  codes=$(awk -v n="$n" '$2 == n { c[$3]++ } END { for (k in c) printf "%s=%d ", k, c[k] }' "$work/ready.log")
  echo "   node $n /health/ready: $codes; not ready for ${notready} s (first 503 ${first_503} s after the stop, 200 again" \
    "${ready_again} s after the database was back)"
  grep -q " $n 503$" "$work/ready.log" || { echo "FAIL: node $n never reported 503 while PostgreSQL was down"; ok=0; }
  [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$((FIP_CLUSTER_NODE_PORT + n - 1))/health/ready")" = 200 ] \
    || { echo "FAIL: node $n is not ready after the drill"; ok=0; }
done
pids_after=$(cat "$FIP_CLUSTER_DIR"/node*.pid | tr '\n' ' ')
for pid in $pids_before; do kill -0 "$pid" 2>/dev/null || { echo "FAIL: node process $pid died"; ok=0; }; done
[ "$pids_before" = "$pids_after" ] || { echo "FAIL: nodes were restarted ($pids_before -> $pids_after)"; ok=0; }
code=$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: $cookie" "$FIP_CLUSTER_URL/Registries/enterprises")
echo "   database unavailable for $(echo "$resumed - $stopped" | bc | xargs printf '%.1f') s"
echo "   requests through nginx: $(wc -l <"$work/access.log") ($statuses)"
echo "   5xx while the database was down or just back: $((errors_in - errors_out)); 5xx otherwise: $errors_out"
echo "   the session's page after the drill: $code"
[ "$code" = 200 ] || { echo "FAIL: the page answers $code after the drill"; ok=0; }
[ "$errors_out" = 0 ] || { echo "FAIL: $errors_out errors while the database was up"; ok=0; }
[ "$ok" = 1 ] && echo "PASS" || exit 1
