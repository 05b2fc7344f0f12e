#!/usr/bin/env bash
# Runs newsner on the numbers sample (tests/data/numbers-sample.tsv: 20 BBC articles, copied as
# HALF/CATEGORY-NNN.txt) and scores it per half. Usage: scripts/eval/numbers.sh [OUT] [--bin BIN]
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
out=${1:-/tmp/newsner-numbers}
bin=$root/target/release/newsner
[[ ${2:-} == --bin ]] && bin=$3
bbc=$root/../shared/data/bbc
[[ -d $bbc ]] || { echo "numbers.sh: $bbc is missing (../shared/data/bbc)" >&2; exit 1; }
corpus=$out.corpus
rm -rf "$corpus" && mkdir -p "$corpus"
grep -v '^#' "$root/tests/data/numbers-sample.tsv" | tail -n +2 | while IFS=$'\t' read -r half article; do
  mkdir -p "$corpus/$half" && cp "$bbc/$article" "$corpus/$half/${article//\//-}"
done
"$bin" run "$corpus" --out "$out" --full >/dev/null
for half in ${HALVES:-tune check check2}; do python3 "$root/scripts/eval/numbers.py" "$out" "$half"; done
