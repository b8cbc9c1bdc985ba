#!/usr/bin/env bash
# Drill: two web nodes on one PostgreSQL evaluating alert rules and snapshots at once.
# Starts a throwaway PostgreSQL, migrates and seeds it with the demo data, starts a fake robot (a local HTTP server that
# counts the messages it is sent) and two nodes of the built app with short job intervals, fires the admins' evaluate
# endpoints on both nodes at once several times while the nodes' own jobs run, waits for the robot messages to go out,
# then counts duplicates in the database and messages per delivery. Prints the figures; exits 1 on any duplicate.
#   DRILL_PG_PORT (55530), DRILL_PORT_A (5091), DRILL_PORT_B (5092), DRILL_ROBOT_PORT (5093), DRILL_ROUNDS (5),
#   DRILL_ENTERPRISES (500), DRILL_MESSAGES (30: queued robot messages added beside what the rules raise),
#   DRILL_WAIT (200: seconds to wait for the robot queue to drain)
# Loopback only; bounded in time; stops everything it started.
set -euo pipefail
cd "$(dirname "$0")/../.."
root="$PWD"
pg_port="${DRILL_PG_PORT:-55530}"
port_a="${DRILL_PORT_A:-5091}"
port_b="${DRILL_PORT_B:-5092}"
robot_port="${DRILL_ROBOT_PORT:-5093}"
rounds="${DRILL_ROUNDS:-5}"
wait_for="${DRILL_WAIT:-200}"
messages="${DRILL_MESSAGES:-30}"
work="$(mktemp -d /tmp/fip-drill-nodes.XXXXXX)"
chmod 755 "$work"   # the PostgreSQL cluster inside runs as the postgres user
pids=()

cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  scripts/postgres.sh stop "$work/pg" >/dev/null 2>&1 || true
}
trap cleanup EXIT
trap 'exit 130' INT TERM

echo "== building"
dotnet build src/Fip.Web/Fip.Web.csproj -c Release -nologo -v quiet -clp:ErrorsOnly >/dev/null
dotnet build src/Fip.Cli/Fip.Cli.csproj -c Release -nologo -v quiet -clp:ErrorsOnly >/dev/null

echo "== PostgreSQL on 127.0.0.1:$pg_port"
scripts/postgres.sh start "$work/pg" "$pg_port"
sql() { psql -h 127.0.0.1 -p "$pg_port" -U postgres -d fip_drill -v ON_ERROR_STOP=1 -qtA -c "$1"; }
psql -h 127.0.0.1 -p "$pg_port" -U postgres -d postgres -qc "CREATE DATABASE fip_drill"
export Database__Provider=Postgres
export Database__ConnectionString="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=fip_drill;Maximum Pool Size=40"
export FIP_ADMIN_PASSWORD="Drill-Admin-2026!"
export Seed__DemoEnterprises="${DRILL_ENTERPRISES:-500}"
./fip migrate
./fip seed --demo >/dev/null
./fip users add drill-admin --role admin --password "Drill-Pass-2026!" >/dev/null
token="$(./fip tokens create drill-admin --label drill --days 1 | grep -o 'fip_[A-Za-z0-9_-]*' | head -n 1)"

echo "== fake robot on 127.0.0.1:$robot_port"
cat >"$work/robot.py" <<'PY'
import hashlib, json, sys, time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
log = open(sys.argv[2], "a", buffering=1)
class Robot(BaseHTTPRequestHandler):
    def do_POST(self):
        if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
            body = b""
            while True:
                size = int(self.rfile.readline().split(b";")[0], 16)
                if size == 0:
                    self.rfile.readline()
                    break
                body += self.rfile.read(size)
                self.rfile.readline()
        else:
            body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        text = json.loads(body)["markdown"]["text"]
        log.write("%.3f %s\n" % (time.time(), hashlib.sha1(text.encode()).hexdigest()))
        reply = b'{"errcode":0,"errmsg":"ok"}'
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(reply)))
        self.end_headers()
        self.wfile.write(reply)
    def log_message(self, *args):
        pass
ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Robot).serve_forever()
PY
: >"$work/robot.log"
python3 "$work/robot.py" "$robot_port" "$work/robot.log" &
pids+=($!)
sql "UPDATE \"RobotChannels\" SET \"Enabled\" = false"
sql "INSERT INTO \"RobotChannels\" (\"Name\", \"Kind\", \"BaseUrl\", \"Token\", \"Enabled\", \"MinimumSeverity\", \"Version\")
     VALUES ('演练群', 'DingTalk', 'http://127.0.0.1:$robot_port', 'drill', true, 'Blue', 'drill')"

echo "== two nodes on :$port_a and :$port_b (goals and supervision jobs every minute, robot dispatch every 2 s)"
start_node() {
  Jobs__GoalsMinutes=1 Jobs__DispatchSeconds=2 Logging__File__Path="$work/logs-$1" Site__PublicUrl="http://drill.local" \
    ASPNETCORE_ENVIRONMENT=Production \
    dotnet src/Fip.Web/bin/Release/net10.0/Fip.Web.dll --contentRoot "$root/src/Fip.Web" --urls "http://127.0.0.1:$2" \
    >"$work/node-$1.out" 2>&1 &
  pids+=($!)
}
start_node a "$port_a"
start_node b "$port_b"
for port in "$port_a" "$port_b"; do
  for _ in $(seq 1 120); do
    curl -fsS "http://127.0.0.1:$port/health/ready" >/dev/null 2>&1 && break
    sleep 1
  done
  curl -fsS "http://127.0.0.1:$port/health/ready" >/dev/null || { echo "node on :$port did not start" >&2; exit 1; }
done
started=$(date +%s)

# Beside what the rules raise, a burst of queued messages for the two nodes' dispatchers to share (limit: 20 a minute).
sql "INSERT INTO \"Alerts\" (\"Rule\", \"DedupKey\", \"Severity\", \"Status\", \"Title\", \"Message\", \"RaisedAt\", \"Version\")
     SELECT 'drill', 'drill:' || g, 'Blue', 'Open', '演练消息' || g, '两个节点同时派发。', now(), md5(g::text)
     FROM generate_series(1, $messages) g"
sql "INSERT INTO \"AlertDeliveries\" (\"AlertId\", \"ChannelId\", \"Status\", \"Attempts\", \"NextAttemptAt\")
     SELECT a.\"Id\", c.\"Id\", 'Pending', 0, now() FROM \"Alerts\" a, \"RobotChannels\" c
     WHERE a.\"Rule\" = 'drill' AND c.\"Name\" = '演练群'"

echo "== $rounds rounds: both nodes' evaluate endpoints at once"
raised=0
failed=0
dup_rounds=0
keys_total=0
for round in $(seq 1 "$rounds"); do
  calls=()
  for port in "$port_a" "$port_b"; do
    for path in alerts/evaluate supervision/evaluate; do
      name="$round-$port-${path%%/*}"
      curl -sS -o "$work/body-$name.json" -w '%{http_code}' -X POST -H "Authorization: Bearer $token" \
        "http://127.0.0.1:$port/api/v1/$path" >"$work/code-$name" 2>/dev/null &
      calls+=($!)
    done
  done
  for call in "${calls[@]}"; do wait "$call" || true; done
  for port in "$port_a" "$port_b"; do
    for kind in alerts supervision; do
      name="$round-$port-$kind"
      if [ "$(cat "$work/code-$name" 2>/dev/null)" != 200 ]; then failed=$((failed + 1)); continue; fi
      raised=$((raised + $(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["raised"])' "$work/body-$name.json")))
    done
  done
  # Duplicates of this round, then every rule's alert resolved by the system so the next round raises them all again
  # (a system resolution does not keep a condition quiet): each round is a fresh race between the nodes.
  round_dups=$(sql "SELECT COUNT(*) FROM (SELECT \"DedupKey\" FROM \"Alerts\" WHERE \"Status\" <> 'Resolved'
                    GROUP BY \"DedupKey\" HAVING COUNT(*) > 1) d")
  round_keys=$(sql "SELECT COUNT(*) FROM \"Alerts\" WHERE \"Status\" <> 'Resolved' AND \"Rule\" <> 'drill'")
  dup_rounds=$((dup_rounds + round_dups))
  keys_total=$((keys_total + round_keys))
  sql "UPDATE \"Alerts\" SET \"Status\" = 'Resolved', \"ResolvedAt\" = now(), \"ResolvedBy\" = 'system',
       \"ResolutionNote\" = '演练：下一轮重新评估' WHERE \"Rule\" <> 'drill' AND \"Status\" <> 'Resolved'"
  sleep 2
done

# Let each node's scheduled jobs run at least once (first run 20 s after start) and the robot queue drain.
while :; do
  pending=$(sql "SELECT COUNT(*) FROM \"AlertDeliveries\" WHERE \"Status\" = 'Pending'")
  elapsed=$(( $(date +%s) - started ))
  if [ "$elapsed" -ge 70 ] && [ "$pending" = 0 ]; then break; fi
  if [ "$elapsed" -ge "$wait_for" ]; then break; fi
  sleep 3
done

echo "== figures"
open_alerts=$(sql "SELECT COUNT(*) FROM \"Alerts\" WHERE \"Status\" <> 'Resolved'")
all_alerts=$(sql "SELECT COUNT(*) FROM \"Alerts\"")
dup_alerts=$(sql "SELECT COUNT(*) FROM (SELECT \"DedupKey\" FROM \"Alerts\" WHERE \"Status\" <> 'Resolved'
                  GROUP BY \"DedupKey\" HAVING COUNT(*) > 1) d")
snapshots=$(sql "SELECT COUNT(*) FROM \"IndicatorSnapshots\" WHERE \"Kind\" = 'scheduled'")
indicators=$(sql "SELECT COUNT(*) FROM \"Indicators\"")
dup_snapshots=$(sql "SELECT COUNT(*) FROM (SELECT 1 FROM \"IndicatorSnapshots\" WHERE \"Kind\" = 'scheduled'
                     GROUP BY \"IndicatorId\", \"Period\" HAVING COUNT(*) > 1) d")
deliveries=$(sql "SELECT COUNT(*) FROM \"AlertDeliveries\"")
dup_deliveries=$(sql "SELECT COUNT(*) FROM (SELECT 1 FROM \"AlertDeliveries\" GROUP BY \"AlertId\", \"ChannelId\" HAVING COUNT(*) > 1) d")
sent=$(sql "SELECT COUNT(*) FROM \"AlertDeliveries\" WHERE \"Status\" = 'Sent'")
pending=$(sql "SELECT COUNT(*) FROM \"AlertDeliveries\" WHERE \"Status\" = 'Pending'")
posts=$(wc -l <"$work/robot.log")
# A message sent twice is a POST without its own delivery marked sent (alerts re-raised in later rounds may read alike).
dup_posts=$(( posts > sent ? posts - sent : 0 ))
texts=$(cut -d' ' -f2 "$work/robot.log" | sort -u | wc -l)
max_minute=$(python3 - "$work/robot.log" <<'PY'
import sys
times = sorted(float(line.split()[0]) for line in open(sys.argv[1]))
print(max((sum(1 for u in times if t <= u < t + 60) for t in times), default=0))
PY
)
races=$(cat "$work"/logs-*/fip-*.log 2>/dev/null | grep -c "raised at the same moment elsewhere" || true)
runs_a=$(cat "$work"/logs-a/fip-*.log 2>/dev/null | grep -c "Job goals\|Job supervision-alerts" || true)
runs_b=$(cat "$work"/logs-b/fip-*.log 2>/dev/null | grep -c "Job goals\|Job supervision-alerts" || true)
sent_by() { cat "$work"/logs-"$1"/fip-*.log 2>/dev/null | grep -o 'Job robot-dispatch: [0-9]*' | awk '{ n += $3 } END { print n + 0 }'; }
sent_a=$(sent_by a)
sent_b=$(sent_by b)
errors=$(cat "$work"/logs-*/fip-*.log 2>/dev/null | grep -c "\[ERR\]\|\[FTL\]" || true)

cat <<EOF
evaluate calls:            $((rounds * 4)) ($failed failed), alerts raised by them: $raised
alerts open after rounds:  $keys_total rule alerts over $rounds rounds, keys held more than once after a round: $dup_rounds
alerts:                    $all_alerts ($open_alerts unresolved, $messages queued by the drill), unresolved keys held more than once: $dup_alerts
same-key races kept once:  $races (unique index refused the second insert)
scheduled snapshots:       $snapshots for $indicators indicators, indicator-months held more than once: $dup_snapshots
job runs that did work:    node A $runs_a, node B $runs_b
robot deliveries:          $deliveries ($sent sent: $sent_a by node A, $sent_b by node B; $pending pending), alert-robot pairs held more than once: $dup_deliveries
robot POSTs received:      $posts ($texts distinct texts), POSTs beyond the deliveries sent: $dup_posts, most in any 60 s: $max_minute (limit 20)
errors in the nodes' logs: $errors
EOF

status=0
[ "$dup_alerts" = 0 ] || status=1
[ "$dup_rounds" = 0 ] || status=1
[ "$dup_snapshots" = 0 ] || status=1
[ "$dup_deliveries" = 0 ] || status=1
[ "$dup_posts" = 0 ] || status=1
[ "$posts" = "$sent" ] || { echo "robot POSTs ($posts) differ from deliveries marked sent ($sent)"; status=1; }
[ "$max_minute" -le 20 ] || status=1
[ "$failed" = 0 ] || status=1
[ "$status" = 0 ] && echo "PASS: no duplicate alert, snapshot or robot message" || echo "FAIL"
exit "$status"
