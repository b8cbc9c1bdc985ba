#!/usr/bin/env bash
# Issue #22's table from the raw outputs of bench/limits.sh (a markdown table: each measure, its same-run yardstick, the
# target and whether it is met).
#   bench/limits-summary.sh OUT_DIR
set -euo pipefail
out=${1:?folder of bench/limits.sh}
row() { printf '| %s | %s | %s | %s | %s | %s |\n' "$@"; }
verdict() { awk -v v="$1" -v op="$2" -v t="$3" 'BEGIN { ok = op == "<=" ? v <= t : v >= t; print ok ? "**met**" : "**not met**" }'; }
echo "| measure | database | platform | yardstick, same run | target | |"
echo "|---|---|---|---|---|---|"

for db in sqlite postgres; do
  f="$out/import-$db.txt"; [ -f "$f" ] || continue
  raw=$(grep -o 'the fastest, [0-9.]* s' "$f" | grep -o '[0-9.]*' | head -1)
  line=$(grep 'enterprises.csv: read' "$f" | head -1)
  total=$(sed 's/.*read \([0-9.]*\) s, check \([0-9.]*\) s, commit \([0-9.]*\) s.*/\1 \2 \3/' <<<"$line" | awk '{ print $1 + $2 + $3 }')
  ratio=$(awk -v r="$raw" -v t="$total" 'BEGIN { printf "%.1f", 100 * r / t }')
  what=$([ $db = sqlite ] && echo "sqlite3 .import" || echo "COPY")
  row "import, CSV" "$db" "$total s ($(sed 's/.*: \(read.*commit [0-9.]* s\).*/\1/' <<<"$line"))" "$what $raw s" "≥ 5 % of the raw load" \
    "$ratio % $(verdict "$ratio" ">=" 5)"
  if grep -q 'enterprises.xlsx: read' "$f"; then
    xlsx=$(grep 'enterprises.xlsx: read' "$f" | sed 's/.*read \([0-9.]*\) s.*/\1/' | head -1)
    office=$(grep -o 'LibreOffice converting the XLSX to CSV: [0-9.]* s' "$f" | grep -o '[0-9.]* s' | grep -o '[0-9.]*')
    row "XLSX read" "$db" "$xlsx s" "LibreOffice to CSV $office s" "at least as fast" "$(verdict "$xlsx" "<=" "$office")"
  fi
done

if [ -f "$out/memory.txt" ]; then
  while read -r label rss wall; do
    mb=$(awk -v k="${rss#maxrss_kb=}" 'BEGIN { printf "%.0f", k / 1024 }')
    row "\`fip import\` peak RSS" "$label" "$mb MB (${wall#wall=} s)" "—" "≤ 500 MB" "$(verdict "$mb" "<=" 500)"
  done <"$out/memory.txt"
fi

for db in sqlite postgres; do
  f="$out/pages-$db.txt"; [ -f "$f" ] || continue
  field() { grep "^$1 RESULT" "$f" | head -1 | grep -o "$2=[0-9.]*" | cut -d= -f2; }
  static=$(field /css/site.css rps)
  for path in / /Goals /Supervision /Chains/Track/1 list "/Registries/enterprises?q=%E7%A7%91%E6%8A%80"; do
    p95=$(field "$path" p95); rps=$(field "$path" rps); errors=$(field "$path" errors); non2xx=$(field "$path" non2xx)
    [ -n "$p95" ] || continue
    limit=50; case $path in list|*q=*) limit=150 ;; esac
    ok=$(verdict "$p95" "<=" "$limit")
    [ "${errors:-0}" = 0 ] && [ "${non2xx:-0}" = 0 ] || ok="**not met** ($errors errors, $non2xx not 2xx)"
    row "\`${path/\%E7\%A7\%91\%E6\%8A\%80/科技}\`, 32 connections" "$db" "p95 $p95 ms, $rps req/s" "static file $static req/s" "p95 ≤ $limit ms" "$ok"
    if [ "$path" = / ]; then
      share=$(awk -v a="$rps" -v b="$static" 'BEGIN { printf "%.1f", 100 * a / b }')
      row "\`/\` throughput" "$db" "$rps req/s" "static file $static req/s" "≥ 10 % of the static file" \
        "$share % $(verdict "$share" ">=" 10)"
    fi
  done
done

for db in sqlite postgres; do
  f="$out/mixed-$db.txt"; [ -f "$f" ] || continue
  peak=$(grep -o 'rss peak=[0-9]*' "$f" | grep -o '[0-9]*$')
  errors=$(grep '^ROLE' "$f" | grep -o 'errors=[0-9]*' | cut -d= -f2 | awk '{ s += $1 } END { print s + 0 }')
  row "web process RSS, mixed load of every role" "$db" "peak $peak MB (sampled every 5 s; $errors errors)" \
    "$(grep -o 'baseline: RESULT rps=[0-9.]*' "$f" | sed 's/.*rps=/static file /') req/s" "≤ 1 GiB" "$(verdict "$peak" "<=" 1024)"
done
