# Shared by the drills: a cluster of their own (started unless one runs in FIP_CLUSTER_DIR), the command line, a signed-in
# session and a personal access token. Sourced, not run.
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
export FIP_CLUSTER_DIR=${FIP_CLUSTER_DIR:-/tmp/fip-drill}
export FIP_CLUSTER_PORT=${FIP_CLUSTER_PORT:-8090}
export FIP_CLUSTER_NODE_PORT=${FIP_CLUSTER_NODE_PORT:-5111}
export FIP_CLUSTER_PG_PORT=${FIP_CLUSTER_PG_PORT:-55514}
cli_dll="$root/src/Fip.Cli/bin/Release/net10.0/fip.dll"
started_cluster=""

fail() { echo "FAIL: $*" >&2; exit 1; }

ensure_cluster() {
  if [ ! -f "$FIP_CLUSTER_DIR/cluster.env" ]; then
    "$root/scripts/cluster.sh" start
    started_cluster=1
  fi
  # shellcheck disable=SC1091
  source "$FIP_CLUSTER_DIR/cluster.env"
  export Database__Provider=Postgres Database__ConnectionString="$FIP_CLUSTER_CONNECTION"
  export DataProtection__KeysPath="$FIP_CLUSTER_DIR/keys" Storage__Attachments="$FIP_CLUSTER_DIR/attachments"
}

# Stops the cluster the drill started (FIP_DRILL_KEEP=1 keeps it for a look).
finish_cluster() {
  if [ -n "$started_cluster" ] && [ -z "${FIP_DRILL_KEEP:-}" ]; then "$root/scripts/cluster.sh" stop >/dev/null; fi
}

fip() { dotnet "$cli_dll" "$@"; }

psql_fip() { /usr/bin/psql -h 127.0.0.1 -p "$FIP_CLUSTER_PG_PORT" -U postgres -d fip -Atq "$@"; }

# sign_in USER PASSWORD JAR: a browser-like sign-in (form with its antiforgery token); prints the Cookie header value.
sign_in() {
  local user=$1 password=$2 jar=$3 page token status
  page=$(curl -s -c "$jar" -b "$jar" "$FIP_CLUSTER_URL/Accounts/Login")
  token=$(grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' <<<"$page" | head -n1 | sed 's/.*value="//; s/"$//')
  status=$(curl -s -o /dev/null -w '%{http_code}' -c "$jar" -b "$jar" --data-urlencode "Input.UserName=$user" \
    --data-urlencode "Input.Password=$password" --data-urlencode "__RequestVerificationToken=$token" "$FIP_CLUSTER_URL/Accounts/Login")
  [ "$status" = 302 ] || fail "sign-in of $user answered $status"
  awk '$6 ~ /^fip\./ { printf "%s%s=%s", sep, $6, $7; sep="; " }' "$jar"
}

# A task-force admin for the drills' writes, with a token (created with a password: no forced change).
drill_token() {
  local name="drill-$(date +%s)"
  fip users add "$name" --role admin --password "Drill-Pass-2024!" >/dev/null
  fip tokens create "$name" --label drill
}

now() { date +%s.%N; }

# What the machine was doing: the figures depend on it.
machine() { echo "   machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), $(free -m | awk '/Mem:/ { print $7 }') MB available"; }
