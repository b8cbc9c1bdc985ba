#!/usr/bin/env bash
# Runs every test: unit, integration (SQLite and a throwaway PostgreSQL) and browser (Debian's Chromium).
# Installs what is missing first (postgresql, chromium, fonts-noto-cjk, LibreOffice without its GUI and poppler-utils
# for rendering the exported documents to PDF; npm packages come with the build),
# and ends with one line: "N passed, N failed, N skipped".
set -uo pipefail
cd "$(dirname "$0")"
root=$PWD
results="$root/artifacts/test-results"
rm -rf "$results"; mkdir -p "$results" "$root/artifacts/screenshots"

# --- what the tests need from Debian ---------------------------------------------------------------
missing=()
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
[ -x /usr/bin/chromium ] || missing+=(chromium)
dpkg -s fonts-noto-cjk >/dev/null 2>&1 || missing+=(fonts-noto-cjk)
# Headless LibreOffice converts the .docx and .xlsx exports to PDF (Writer and Calc: ≈ 280 MB, 20 s, without recommends);
# an installed full LibreOffice serves as well.
lean=()
lo=/usr/lib/libreoffice/program
{ command -v soffice >/dev/null && [ -e $lo/libswlo.so ]; } || lean+=(libreoffice-writer-nogui)
{ command -v soffice >/dev/null && [ -e $lo/libsclo.so ]; } || lean+=(libreoffice-calc-nogui)
{ command -v pdfinfo >/dev/null && command -v pdftotext >/dev/null; } || lean+=(poppler-utils)
if [ ${#missing[@]} -gt 0 ] || [ ${#lean[@]} -gt 0 ]; then
  echo "Installing ${missing[*]} ${lean[*]}…"
  sudo=""; [ "$(id -u)" = 0 ] || sudo="sudo"
  $sudo apt-get update -qq \
    && { [ ${#missing[@]} -eq 0 ] || DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null; } \
    && { [ ${#lean[@]} -eq 0 ] || DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${lean[@]}" >/dev/null; } \
    || { echo "Could not install ${missing[*]} ${lean[*]}" >&2; exit 1; }
fi

# --- a throwaway PostgreSQL on 127.0.0.1 -------------------------------------------------------------
pg_dir=$(mktemp -d /tmp/fip-pg.XXXXXX)
pg_port=55432
while (exec 3<>/dev/tcp/127.0.0.1/$pg_port) 2>/dev/null; do pg_port=$((pg_port + 1)); done
cleanup() { "$root/scripts/postgres.sh" stop "$pg_dir" >/dev/null 2>&1 || true; }
trap cleanup EXIT
"$root/scripts/postgres.sh" start "$pg_dir" "$pg_port" || { echo "PostgreSQL did not start" >&2; exit 1; }
export FIP_TEST_POSTGRES="Host=127.0.0.1;Port=$pg_port;Username=postgres;Pooling=true;Maximum Pool Size=50"
echo "PostgreSQL 127.0.0.1:$pg_port ($pg_dir)"

# --- build once -----------------------------------------------------------------------------------
start=$(date +%s)
if ! dotnet build Fip.slnx -c Release -nologo -v quiet -clp:ErrorsOnly; then
  echo "Build failed."
  echo "0 passed, 1 failed"
  exit 1
fi

# --- house rules: dotnet format and the 140-character lines of .editorconfig (one check, counted as one test) ---------
total_passed=0; total_failed=0; total_skipped=0; status=0
if scripts/check-style.sh > "$results/style.txt" 2>&1; then
  echo "style: dotnet format and line length clean"; total_passed=1
else
  tail -n 15 "$results/style.txt"; echo "style: FAILED (all of it in artifacts/test-results/style.txt)"; total_failed=1
fi

# --- run each kind of test --------------------------------------------------------------------------
for kind in Unit Integration Browser; do
  project="tests/Fip.${kind}Tests/Fip.${kind}Tests.csproj"
  trx="$results/${kind}.trx"
  dotnet test "$project" -c Release --no-build -nologo --logger "trx;LogFileName=$trx" --logger "console;verbosity=minimal" || status=1
  if [ -f "$trx" ]; then
    counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
    get() { printf '%s' "$counters" | sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p"; }
    passed=$(get passed); failed=$(( $(get failed) + $(get error) + $(get timeout) + $(get aborted) )); skipped=$(get notExecuted)
  else
    passed=0; failed=1; skipped=0; status=1
  fi
  echo "${kind,,} tests: ${passed} passed, ${failed} failed, ${skipped:-0} skipped"
  total_passed=$((total_passed + passed)); total_failed=$((total_failed + failed)); total_skipped=$((total_skipped + ${skipped:-0}))
done
echo "Test time: $(( $(date +%s) - start )) s; screenshots in artifacts/screenshots"
[ "$total_failed" -gt 0 ] && status=1
echo "${total_passed} passed, ${total_failed} failed, ${total_skipped} skipped"
exit $status
