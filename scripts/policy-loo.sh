#!/usr/bin/env bash
# Leave-one-out scores of the policy parser on the grown corpus (samples/policies/corpus), per field, per document kind,
# and for the held-out quarter (samples/policies/corpus-heldout.txt) apart.
#
# The parser learns nothing from the corpus: every list it reads (src/Fip.Policy/Data) is written by hand from the
# grammar of official documents and no file is derived from a gold annotation. So the vocabulary used for each document
# is already built without it, and leave-one-out is this one pass over the corpus. Should a learned list ever be added,
# it must be rebuilt here per document.
#
# Usage: scripts/policy-loo.sh [PRED_DIR]   (PRED_DIR keeps the predictions, for ../shared/tools/policy-eval.py)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
pred="${1:-$(mktemp -d)}"
./fip policy evaluate samples/policies/corpus --out "$pred" --heldout samples/policies/corpus-heldout.txt --by-kind
if [ -x ../shared/tools/policy-eval.py ] || [ -f ../shared/tools/policy-eval.py ]; then
  echo
  echo "== cross-check with ../shared/tools/policy-eval.py"
  python3 ../shared/tools/policy-eval.py samples/policies/corpus "$pred" | tail -2
fi
