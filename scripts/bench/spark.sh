#!/usr/bin/env bash
# The Spark benchmark (not a test): map throughput of the Spark driver on local[2] against
# `newsner run --full` on the same articles, then `newsner reduce`'s peak memory on synthetic records
# (BBC records repeated with shifted names, scripts/bench/synthetic-records.py) at several sizes.
#
#   bash scripts/bench/spark.sh [CORPUS] [FRACTION] [SIZES...]
#   defaults: ../shared/data/bbc, 0.25, 2225 10000 25000
set -euo pipefail
cd "$(dirname "$0")/../.."
CORPUS=${1:-../shared/data/bbc}
FRACTION=${2:-0.25}
shift 2 || true
SIZES=${*:-2225 10000 25000}
BIN=target/release/newsner
PY=.deps/spark-venv/bin/python
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT

# The first FRACTION of the corpus's articles, in path order.
take=$(bash scripts/bench/subset.sh "$CORPUS" "$FRACTION" "$W/corpus")
words=$(cat $(find "$W/corpus" -type f) | wc -w)
echo "corpus: $take articles, $words words"

t0=$(date +%s.%N)
"$BIN" run "$W/corpus" --out "$W/run" --full >/dev/null 2>&1 || true
t1=$(date +%s.%N)
"$PY" scripts/spark/newsner_spark.py --master 'local[2]' --threads 1 --input "$W/corpus" \
  --records "$W/records" --out "$W/spark" --newsner "$PWD/$BIN" >"$W/spark.log" 2>&1 || true
t2=$(date +%s.%N)
python3 - "$t0" "$t1" "$t2" "$words" <<'PY'
import sys
t0, t1, t2, words = map(float, sys.argv[1:])
run, spark = t1 - t0, t2 - t1
print(f"newsner run --full : {run:7.1f} s  {words / run:8.0f} words/s")
print(f"Spark local[2]     : {spark:7.1f} s  {words / spark:8.0f} words/s  ({spark / run:.2f}x run's time, JVM start included)")
PY
same=yes
for f in "$W"/run/*.csv; do cmp -s "$f" "$W/spark/$(basename "$f")" || same=no; done
echo "tables equal: $same"

"$BIN" map "$W/corpus" --out "$W/records.jsonl" 2>/dev/null
for n in $SIZES; do
  python3 scripts/bench/synthetic-records.py "$W/records.jsonl" "$n" > "$W/syn.jsonl"
  rm -rf "$W/red"
  /usr/bin/time -f "%e %M" -o "$W/time" "$BIN" reduce "$W/syn.jsonl" --out "$W/red" >/dev/null 2>&1 || true
  read -r secs kb < "$W/time"
  echo "reduce $n records ($(du -m "$W/syn.jsonl" | cut -f1) MB): $secs s, peak RSS $((kb / 1024)) MB"
done
