#!/usr/bin/env bash
# House rules the build does not check by itself: `dotnet format` finds nothing to change (whitespace and code style of
# .editorconfig), and no line of C# is longer than .editorconfig's max_line_length (140). Generated migrations are left out.
# Prints what is wrong and exits 1; `scripts/check-style.sh --fix` applies dotnet format's fixes first.
set -uo pipefail
cd "$(dirname "$0")/.."
max=$(sed -n 's/^max_line_length *= *\([0-9]*\).*/\1/p' .editorconfig | head -n 1)
status=0
exclude=(--exclude src/Fip.Web/Data/Migrations)
if [ "${1:-}" = "--fix" ]; then dotnet format whitespace Fip.slnx "${exclude[@]}" -v q; fi
if ! dotnet format whitespace Fip.slnx --verify-no-changes "${exclude[@]}" -v q; then
  echo "dotnet format: files above need formatting (scripts/check-style.sh --fix)"; status=1
fi
# Characters, not bytes (Chinese text): perl reads the files as UTF-8.
long=$(git ls-files '*.cs' | grep -v '/Migrations/' | MAX="$max" xargs perl -CSD -ne \
  'chomp; printf "%s:%d: %d characters\n", $ARGV, $., length($_) if length($_) > $ENV{MAX}; close ARGV if eof')
if [ -n "$long" ]; then
  echo "$long"
  echo "Lines longer than $max characters: $(printf '%s\n' "$long" | wc -l)"; status=1
fi
exit $status
