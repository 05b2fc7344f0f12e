#!/usr/bin/env bash
# ECB+ dev in two halves (tests/data/ecbplus-split.tsv: odd topics tune, even topics check), scored
# the way ../shared/eval/ecbplus.sh scores all of it. The map runs once per story and model (records
# kept in $CACHE/records/MODEL-FINGERPRINT/), so trying a sieve configuration is a reduce per story.
#
# usage: scripts/eval/ecbplus-halves.sh [--normalize FILE] [--label NAME] [--model DIR]
#   --normalize FILE  the normalization config (default: the shipped models/lexicons/normalize.toml)
#   --label NAME   names this run's folder under $CACHE/runs (default: default)
# env:    NEWSNER (default target/release/newsner), CACHE (default ${TMPDIR:-/tmp}/ecbplus-halves),
#         EXAMPLES (default 10)
# prints: a line per half; ecbplus_aggregate.py's full report is in $CACHE/runs/NAME/{tune,check}.txt
#         `half recall one-row fragmented wrong-merges`; $CACHE/runs/NAME/{tune,check}.json hold them.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
SHARED="$ROOT/../shared"
DATA="$SHARED/data/ecbplus-dev"
[ -d "$DATA/stories" ] || { echo "ecbplus-halves: $DATA is missing (../shared beside the checkout)" >&2; exit 1; }
NEWSNER="${NEWSNER:-$ROOT/target/release/newsner}"
[ -x "$NEWSNER" ] || { echo "ecbplus-halves: no binary at $NEWSNER (make build)" >&2; exit 1; }
CACHE="${CACHE:-${TMPDIR:-/tmp}/ecbplus-halves}"
sieve=() label=default model=()
while [ $# -gt 0 ]; do
  case "$1" in
    --normalize) sieve=(--normalize "$2"); shift 2 ;;
    --label) label="$2"; shift 2 ;;
    --model) model=(--model "$2"); shift 2 ;;
    *) echo "ecbplus-halves: unknown argument $1" >&2; exit 2 ;;
  esac
done
fingerprint=$("$NEWSNER" map "${model[@]}" --version | sed -n 's/.* model \([0-9a-f]\{12\}\).*/\1/p')
records="$CACHE/records/${fingerprint:-unknown}"
mkdir -p "$records"
runs="$CACHE/runs/$label"
rm -rf "$runs"; mkdir -p "$runs"
declare -A half
while IFS=$'\t' read -r topic h; do
  case "$topic" in ''|'#'*) continue ;; esac
  half[$topic]=$h
done <"$ROOT/tests/data/ecbplus-split.tsv"
for h in tune check; do
  mkdir -p "$runs/$h/data" "$runs/$h/runs" "$runs/$h/scores"
  ln -s "$DATA/gold" "$runs/$h/data/gold"; cp "$DATA/manifest.json" "$runs/$h/data/"
done
for dir in "$DATA"/stories/*/; do
  s=$(basename "$dir"); t=${s%%-*}; h=${half[$t]:-}
  [ -n "$h" ] || { echo "ecbplus-halves: topic $t of $s is in no half" >&2; exit 1; }
  rec="$records/$s.jsonl"
  if [ ! -s "$rec" ]; then
    "$NEWSNER" map "$dir" "${model[@]}" --out "$rec.part" 2>"$records/$s.log"
    mv "$rec.part" "$rec"
  fi
  "$NEWSNER" reduce "$rec" --out "$runs/$h/runs/$s" "${sieve[@]}" >"$runs/$s.log" 2>&1
  python3 "$SHARED/eval/score.py" "$DATA/gold/$s.json" "$runs/$h/runs/$s" --json >"$runs/$h/scores/$s.json"
done
for h in tune check; do

  python3 "$SHARED/eval/ecbplus_aggregate.py" "$runs/$h" --examples "${EXAMPLES:-10}" --json "$runs/$h.json" >"$runs/$h.txt"
done
python3 - "$runs" <<'PY'
import json, sys
print("half   recall  one-row  fragmented  wrong-merges")
for h in ("tune", "check"):
    t = json.load(open(f"{sys.argv[1]}/{h}.json"))["totals"]
    print(f"{h:6} {100 * t['pairs_found'] / t['pairs']:5.1f}%  {100 * t['cross_one_row'] / t['cross']:5.1f}%"
          f"  {t.get('fragmented', 0):10}  {t.get('wrong_merges', 0):12}")
PY
