#!/usr/bin/env bash
# Leave-one-out scores of the policy parser on the grown corpus (samples/policies/corpus), per field, per document kind,
# and for the held-out quarter (samples/policies/corpus-heldout.txt) apart.
#
# Every phrase list the rules read (src/Fip.Policy/Data) is written by hand from the grammar of official documents, so
# for the rules this one pass is leave-one-out. The learned track reader's weights (Data/track-model.json, branch
# learn11) ARE trained on the corpus's gold: this pass scores them in-sample. Its leave-one-out and leave-one-set-out
# figures come from `./fip policy crossval samples/policies/corpus --sets LIST,LIST…` (docs/policy-parser.md).
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
