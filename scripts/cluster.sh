#!/usr/bin/env bash
# A cluster on this machine, no Docker: Debian's PostgreSQL (scripts/postgres.sh), 2 or 3 web nodes (the built Fip.Web.dll)
# and Debian's nginx balancing them on one port. Throwaway: `stop` removes its data.
#   scripts/cluster.sh start            build, start PostgreSQL, migrate, seed (demo), start the nodes and nginx; print the address
#   scripts/cluster.sh status           each part, and each node's /health/ready
#   scripts/cluster.sh stop             stop everything and remove the cluster's folder
#   scripts/cluster.sh start-node N     start node N again (after a drill killed it)
# Settings (environment):
#   FIP_CLUSTER_DIR=/tmp/fip-cluster    its folder: PostgreSQL data, the shared keys and attachments, logs, nginx.conf, cluster.env
#   FIP_CLUSTER_NODES=2                 web nodes (2 or 3)
#   FIP_CLUSTER_PORT=8080               nginx's port (127.0.0.1)
#   FIP_CLUSTER_NODE_PORT=5101          the first node's port (then 5102, 5103)
#   FIP_CLUSTER_PG_PORT=55514           PostgreSQL's port
#   FIP_CLUSTER_DEMO_ENTERPRISES=2000   demo enterprises seeded
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
dir=${FIP_CLUSTER_DIR:-/tmp/fip-cluster}
nodes=${FIP_CLUSTER_NODES:-2}
port=${FIP_CLUSTER_PORT:-8080}
node_port=${FIP_CLUSTER_NODE_PORT:-5101}
pg_port=${FIP_CLUSTER_PG_PORT:-55514}
web_dll="$root/src/Fip.Web/bin/Release/net10.0/Fip.Web.dll"
cli_dll="$root/src/Fip.Cli/bin/Release/net10.0/fip.dll"
connection="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=fip;Maximum Pool Size=40;Timeout=5;Command Timeout=30"

# What every node and the command line share: one database, one keys folder (until the keys move into the database, after
# which the setting is simply unused), one attachments folder.
export Database__Provider=Postgres
export Database__ConnectionString="$connection"
export DataProtection__KeysPath="$dir/keys"
export Storage__Attachments="$dir/attachments"
export Site__PublicUrl="http://127.0.0.1:$port"
export ASPNETCORE_ENVIRONMENT=Production

node_url() { echo "http://127.0.0.1:$((node_port + $1 - 1))"; }

start_node() {
  local n=$1
  mkdir -p "$dir/logs/node$n"
  # Migrations and the seed ran once, from the command line: the nodes start without racing to apply them.
  Startup__Migrate=false Logging__File__Path="$dir/logs/node$n" \
    setsid nohup dotnet "$web_dll" --contentRoot "$root/src/Fip.Web" --urls "$(node_url "$n")" \
    >"$dir/logs/node$n.out" 2>&1 </dev/null &
  echo $! >"$dir/node$n.pid"
}

wait_ready() {
  local url=$1 seconds=${2:-180}
  for _ in $(seq "$seconds"); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' "$url/health/ready" || true)" = 200 ] && return 0
    sleep 1
  done
  echo "$url/health/ready did not answer 200 within $seconds s" >&2
  return 1
}

write_nginx_conf() {
  mkdir -p "$dir/nginx"
  {
    echo "worker_processes 1;"
    echo "pid $dir/nginx.pid;"
    echo "error_log $dir/logs/nginx-error.log warn;"
    echo "events { worker_connections 2048; }"
    echo "http {"
    echo "  client_body_temp_path $dir/nginx/body; proxy_temp_path $dir/nginx/proxy; fastcgi_temp_path $dir/nginx/fastcgi;"
    echo "  uwsgi_temp_path $dir/nginx/uwsgi; scgi_temp_path $dir/nginx/scgi;"
    # msec (end) | status | node(s) tried | their statuses | seconds taken | request: the drills read these fields.
    echo "  log_format upstream '\$msec|\$status|\$upstream_addr|\$upstream_status|\$request_time|\$request';"
    echo "  access_log $dir/logs/nginx-access.log upstream;"
    echo "  client_max_body_size 60m;"
    # Passive health checks: a node that refuses or drops a connection is taken out for 10 s.
    echo "  upstream fip {"
    for n in $(seq "$nodes"); do
      echo "    server 127.0.0.1:$((node_port + n - 1)) max_fails=1 fail_timeout=10s;"
    done
    echo "    keepalive 64;"
    echo "  }"
    echo "  server {"
    echo "    listen 127.0.0.1:$port;"
    # Each node is scraped on its own port; the public side has no metrics.
    echo "    location = /metrics { return 404; }"
    echo "    location / {"
    echo "      proxy_pass http://fip;"
    echo "      proxy_http_version 1.1;"
    echo "      proxy_set_header Connection \"\";"
    echo "      proxy_set_header Host \$host;"
    echo "      proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;"
    echo "      proxy_set_header X-Forwarded-Proto \$scheme;"
    echo "      proxy_set_header X-Forwarded-Host \$host;"
    # A request whose node fails goes to the next one: GET, HEAD, PUT, DELETE even when it had been sent (a PUT applied twice
    # is refused by its If-Match version, 409); POST and PATCH only when the connection was never made (no double writes).
    echo "      proxy_next_upstream error timeout http_502 http_503 http_504;"
    echo "      proxy_next_upstream_tries 3;"
    echo "      proxy_connect_timeout 2s;"
    echo "      proxy_read_timeout 300s;"
    echo "    }"
    echo "  }"
    echo "}"
  } >"$dir/nginx.conf"
}

password() { tr -dc 'A-Za-z0-9' </dev/urandom | head -c 12; echo "-Fip7"; }

cmd_start() {
  if [ -f "$dir/cluster.env" ]; then echo "A cluster is running in $dir: scripts/cluster.sh stop first." >&2; exit 1; fi
  command -v dotnet >/dev/null || { echo "The .NET 10 SDK is required (dotnet not found)." >&2; exit 1; }
  if ! command -v nginx >/dev/null; then
    echo "Installing nginx (apt)…"
    [ "$(id -u)" = 0 ] || { echo "nginx is missing: run as root, or apt-get install nginx" >&2; exit 1; }
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q nginx >/dev/null
  fi
  echo "Building…"
  dotnet build "$root/src/Fip.Web/Fip.Web.csproj" -c Release -nologo -v quiet -clp:ErrorsOnly
  dotnet build "$root/src/Fip.Cli/Fip.Cli.csproj" -c Release -nologo -v quiet -clp:ErrorsOnly
  mkdir -p "$dir/keys" "$dir/attachments" "$dir/logs"
  echo "Starting PostgreSQL on 127.0.0.1:$pg_port…"
  "$root/scripts/postgres.sh" start "$dir/pg" "$pg_port"
  local pgbin; pgbin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
  "$pgbin/createdb" -h 127.0.0.1 -p "$pg_port" -U postgres fip
  local admin_password demo_password
  admin_password=$(password); demo_password=$(password)
  echo "Migrating and seeding (demo: ${FIP_CLUSTER_DEMO_ENTERPRISES:-2000} enterprises)…"
  FIP_ADMIN_PASSWORD="$admin_password" FIP_DEMO_PASSWORD="$demo_password" \
    Seed__DemoEnterprises="${FIP_CLUSTER_DEMO_ENTERPRISES:-2000}" dotnet "$cli_dll" seed --demo >"$dir/logs/seed.log"
  for n in $(seq "$nodes"); do start_node "$n"; done
  for n in $(seq "$nodes"); do wait_ready "$(node_url "$n")"; done
  write_nginx_conf
  nginx -c "$dir/nginx.conf" -p "$dir/nginx"
  wait_ready "http://127.0.0.1:$port" 30
  {
    echo "FIP_CLUSTER_DIR=$dir"
    echo "FIP_CLUSTER_URL=http://127.0.0.1:$port"
    echo "FIP_CLUSTER_NODES=$nodes"
    echo "FIP_CLUSTER_NODE_PORT=$node_port"
    echo "FIP_CLUSTER_PG_PORT=$pg_port"
    echo "FIP_CLUSTER_CONNECTION='$connection'"
    echo "FIP_ADMIN_PASSWORD='$admin_password'"
    echo "FIP_DEMO_PASSWORD='$demo_password'"
  } >"$dir/cluster.env"
  echo
  echo "未来产业培育监测平台 cluster: open http://127.0.0.1:$port ($nodes nodes: $(for n in $(seq "$nodes"); do printf '%s ' "$(node_url "$n")"; done))"
  echo "Admin account:  admin    password: $admin_password (change it at first sign-in)"
  echo "Demo accounts:  demo-kjj, demo-hanjiang, demo-leader, demo-enterprise    password: $demo_password"
  echo "Logs: $dir/logs (node N: nodeN/ and nodeN.out; nginx-access.log names the node of each request); settings: $dir/cluster.env"
}

cmd_status() {
  [ -f "$dir/cluster.env" ] || { echo "No cluster in $dir."; exit 1; }
  local ok=0
  for n in $(seq "$nodes"); do
    local pid; pid=$(cat "$dir/node$n.pid" 2>/dev/null || echo "")
    local ready; ready=$(curl -s -o /dev/null -w '%{http_code}' "$(node_url "$n")/health/ready" || true)
    if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then state="running (pid $pid)"; else state="stopped"; ok=1; fi
    echo "node $n  $(node_url "$n")  $state  /health/ready: $ready"
  done
  if [ -f "$dir/nginx.pid" ] && kill -0 "$(cat "$dir/nginx.pid")" 2>/dev/null; then
    echo "nginx   http://127.0.0.1:$port  running  /health/ready: $(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/health/ready" || true)"
  else echo "nginx   stopped"; ok=1; fi
  if /usr/bin/pg_isready -q -h 127.0.0.1 -p "$pg_port"; then echo "postgres 127.0.0.1:$pg_port  accepting connections"
  else echo "postgres 127.0.0.1:$pg_port  not accepting connections"; ok=1; fi
  return $ok
}

cmd_stop() {
  if [ -f "$dir/nginx.pid" ]; then kill "$(cat "$dir/nginx.pid")" 2>/dev/null || true; fi
  for n in 1 2 3; do
    [ -f "$dir/node$n.pid" ] || continue
    local pid; pid=$(cat "$dir/node$n.pid")
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 20); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill -9 "$pid" 2>/dev/null || true
  done
  "$root/scripts/postgres.sh" stop "$dir/pg" || true
  rm -rf "$dir"
  echo "Stopped; removed $dir."
}

# A running cluster's own settings win over the defaults above.
if [ -f "$dir/cluster.env" ] && [ "${1:-}" != start ]; then
  nodes=$(sed -n 's/^FIP_CLUSTER_NODES=//p' "$dir/cluster.env")
  node_port=$(sed -n 's/^FIP_CLUSTER_NODE_PORT=//p' "$dir/cluster.env")
  port=$(sed -n 's/^FIP_CLUSTER_URL=http:\/\/127.0.0.1://p' "$dir/cluster.env")
  pg_port=$(sed -n 's/^FIP_CLUSTER_PG_PORT=//p' "$dir/cluster.env")
fi

case "${1:-}" in
  start) cmd_start ;;
  status) cmd_status ;;
  stop) cmd_stop ;;
  start-node) start_node "${2:?node number}"; wait_ready "$(node_url "$2")" ;;
  *) echo "usage: scripts/cluster.sh start|status|stop|start-node N" >&2; exit 2 ;;
esac
