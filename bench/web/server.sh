# Sourced by run.sh and mixed.sh: builds the web app and the CLI, points both at DB, starts the server on port 5199
# (FIP_BENCH_PORT another, so that two engineers' runs on one machine do not meet; killed on exit; FIP_SERVER_ARGS adds
# command-line configuration, e.g. --Cache:StaleSeconds=60) and defines `signin USER PASSWORD`, which sets $cookie (the
# session and antiforgery cookies) and $token (an antiforgery token for the API's cookie-authenticated writes), `rss` (the
# server's resident memory, MB) and `cpu` (its CPU time so far, s).
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
command -v wrk >/dev/null || { echo "wrk is needed (apt-get install wrk)" >&2; exit 1; }
dotnet build "$root/src/Fip.Web" -c Release -nologo -v q -clp:ErrorsOnly
dotnet build "$root/src/Fip.Cli" -c Release -nologo -v q -clp:ErrorsOnly
case $db in
  *Host=*) export Database__Provider=Postgres Database__ConnectionString="$db" ;;
  *) export Database__Provider=Sqlite Database__ConnectionString="Data Source=$db" ;;
esac
fip() { dotnet "$root/src/Fip.Cli/bin/Release/net10.0/fip.dll" "$@"; }
# The bench accounts' password, one for run.sh and mixed.sh, so that either may run first on a database (an account that
# exists already keeps its password: set FIP_BENCH_PASSWORD to it for a database made with another).
password=${FIP_BENCH_PASSWORD:-'Bench-Pass-2026!'}
port=${FIP_BENCH_PORT:-5199}; url="http://127.0.0.1:$port"
Jobs__Enabled=false ASPNETCORE_ENVIRONMENT=Production Serilog__MinimumLevel__Default=Warning \
  dotnet "$root/src/Fip.Web/bin/Release/net10.0/Fip.Web.dll" --contentRoot "$root/src/Fip.Web" --urls "$url" \
  ${FIP_SERVER_ARGS:-} >"/tmp/fip-bench-web${FIP_BENCH_PORT:+-$port}.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do curl -fs "$url/health/live" >/dev/null 2>&1 && break; sleep 1; done
jar=$(mktemp)
# Signs in afresh: Identity rebuilds a principal whose cookie is older than its validation interval (a minute) and sends a
# renewed cookie, which wrk never stores, so a cookie kept across runs would make every later request rebuild the principal.
signin() {
  rm -f "$jar"
  local login
  login=$(curl -s -c "$jar" -b "$jar" "$url/Accounts/Login")
  token=$(grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' <<<"$login" | sed 's/.*value="//;s/"$//')
  curl -s -c "$jar" -b "$jar" -o /dev/null -X POST "$url/Accounts/Login" --data-urlencode "__RequestVerificationToken=$token" \
    --data-urlencode "Input.UserName=$1" --data-urlencode "Input.Password=$2"
  # A token issued to the signed-in user (the sign-out form of every page has one), for the API's writes.
  token=$(curl -s -c "$jar" -b "$jar" "$url/" | { grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' || true; } \
    | head -1 | sed 's/.*value="//;s/"$//')
  cookie=$(awk '$6 ~ /^\.AspNetCore|^fip/ {printf "%s=%s; ", $6, $7}' "$jar")
  [ "$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: $cookie" "$url/")" = 200 ] || { echo "sign-in of $1 failed (an account made before with another password: set FIP_BENCH_PASSWORD)" >&2; exit 1; }
}
# The server process's CPU time so far (user + system), in seconds.
cpu() { awk -v t="$(getconf CLK_TCK)" '{ printf "%.2f", ($14 + $15) / t }' "/proc/$server/stat" 2>/dev/null || echo 0; }
rss() { awk '/^VmRSS/ {printf "%.0f", $2 / 1024}' "/proc/$server/status" 2>/dev/null || echo 0; }
export FIP_BENCH_DIR="$root/bench/web"
