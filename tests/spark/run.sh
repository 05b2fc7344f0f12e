#!/usr/bin/env bash
# The Spark test (run by `make test`): the PySpark driver on a local Spark cluster (local[2], three
# attempts per task) over the sample corpus plus two injected bad articles (one whose map stage fails
# and one binary file), with one map task killed mid-partition. The job must succeed, the killed task
# must have been retried, and every table must equal `newsner run`'s on the same corpus: nothing lost,
# nothing counted twice.
set -euo pipefail
cd "$(dirname "$0")/../.."
BIN=${NEWSNER_BIN:-target/release/newsner}
PY=${SPARK_PYTHON:-.deps/spark-venv/bin/python}
[ -x "$BIN" ] || { echo "spark test: $BIN is missing (make build)" >&2; exit 1; }
[ -x "$PY" ] || { echo "spark test: $PY is missing (make spark-venv)" >&2; exit 1; }

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$WORK/corpus/more"
cp corpus/* "$WORK/corpus/"
# Our own text (the corpus is ours too); "more/" checks ids with folders.
cp corpus/2024-12-30-crew.txt "$WORK/corpus/more/crew-copy.txt"
printf 'A bad article\n\nIts map stage panics in this test, as a bug would.\n' > "$WORK/corpus/bad.txt"
printf 'BIN\0\0\0\1\2\3' > "$WORK/corpus/binary.txt"
export NEWSNER_TEST_PANIC_IN=bad

"$BIN" run "$WORK/corpus" --out "$WORK/run" >/dev/null 2>"$WORK/run.log" || [ $? -eq 2 ]
NEWSNER_SPARK_KILL_ONCE="$WORK/killed" "$PY" scripts/spark/newsner_spark.py --master 'local[2,3]' \
  --input "$WORK/corpus" --records "$WORK/records" --out "$WORK/spark" --newsner "$PWD/$BIN" \
  --partitions 2 >"$WORK/spark.log" 2>&1 || rc=$?
# 2: published, with articles skipped or failed (the two injected ones).
if [ "${rc:-0}" -ne 2 ]; then
  tail -40 "$WORK/spark.log" >&2
  echo "spark test: the job exited with ${rc:-0}, not 2" >&2
  exit 1
fi

fail=0
[ -f "$WORK/killed" ] || { echo "spark test: no map task was killed" >&2; fail=1; }
grep -q "newsner map exited with -9" "$WORK/spark.log" || { echo "spark test: the killed task's failure was not reported" >&2; fail=1; }
for f in "$WORK"/run/*.csv; do
  name=$(basename "$f")
  if ! cmp -s "$f" "$WORK/spark/$name"; then
    echo "spark test: $name differs between newsner run and the Spark job:" >&2
    diff "$f" "$WORK/spark/$name" | head -10 >&2
    fail=1
  fi
done
tr -d '\r' < "$WORK/spark/articles.csv" | grep -q '^bad,bad.txt,.*,failed$' || { echo "spark test: bad.txt is not an error record" >&2; fail=1; }
tr -d '\r' < "$WORK/spark/articles.csv" | grep -q '^binary,binary.txt,.*,binary$' || { echo "spark test: binary.txt is not skipped as binary" >&2; fail=1; }
# No mention is counted twice: each (article, start) once.
dups=$(cut -d, -f1,5 "$WORK/spark/mentions.csv" | sort | uniq -d | wc -l)
[ "$dups" -eq 0 ] || { echo "spark test: $dups mentions counted twice" >&2; fail=1; }

# An incremental re-run: one article changed, one removed, one added. Only those, and the two bad
# articles (an error record and a skipped file are always mapped again), go through the map; the
# tables equal a fresh `newsner run` of the new corpus.
printf '\nA late paragraph: the airline said on Friday that 12 more people were questioned.\n' >> "$WORK/corpus/2024-12-27-investigation.txt"
rm "$WORK/corpus/more/crew-copy.txt"
printf 'A later article\n\nThe minister in Lima said on Monday that the inquiry would take 30 days.\n' > "$WORK/corpus/more/later.txt"
"$BIN" run "$WORK/corpus" --out "$WORK/run2" >/dev/null 2>&1 || true
rc=0
"$PY" scripts/spark/newsner_spark.py --master 'local[2]' --incremental --input "$WORK/corpus" \
  --records "$WORK/records" --out "$WORK/spark" --newsner "$PWD/$BIN" >"$WORK/spark2.log" 2>&1 || rc=$?
[ "$rc" -eq 2 ] || { tail -30 "$WORK/spark2.log" >&2; echo "spark test: the incremental job exited with $rc" >&2; fail=1; }
grep -q "7 articles, 4 mapped in .* 3 reused" "$WORK/spark2.log" || { grep newsner-spark "$WORK/spark2.log" >&2; echo "spark test: the incremental job did not map exactly the 4 changed or bad articles" >&2; fail=1; }
# The re-mapped articles are batched with other articles than in the fresh run, so a model score may
# differ in its third decimal (padding changes the matmul shapes, and with them the float order; see
# README, Spark over BBC). Every other cell must be equal, and scores within 0.002.
for f in "$WORK"/run2/*.csv; do
  "$PY" - "$f" "$WORK/spark/$(basename "$f")" <<'PYEOF' || { echo "spark test: incremental $(basename "$f") differs from newsner run's" >&2; fail=1; }
import csv, sys
a, b = (list(csv.reader(open(p, encoding="utf-8", newline=""))) for p in sys.argv[1:3])
ok = len(a) == len(b) and all(len(x) == len(y) for x, y in zip(a, b))
score = [i for i, h in enumerate(a[0]) if h in ("score", "link_score")] if ok and a else []
for x, y in zip(a[1:], b[1:]):
    for i, (u, v) in enumerate(zip(x, y)):
        if u != v and not (i in score and round(abs(float(u) - float(v)), 6) <= 0.002):
            ok = False
            print(sys.argv[1].rsplit("/", 1)[-1], "differs:", x, y, file=sys.stderr)
sys.exit(0 if ok else 1)
PYEOF
done
[ "$fail" -eq 0 ] && echo "spark test: passed ($(($(wc -l < "$WORK/spark/articles.csv") - 1)) articles; a killed task retried; error record kept; tables equal newsner run's; an incremental re-run mapped only what changed)"
exit $fail
