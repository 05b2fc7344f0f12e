#!/usr/bin/env bash
# The speed benchmark of the issue "int8 encoder" (not a test): on the first FRACTION of CORPUS's
# articles (path order), one after the other in this one run, so the ratios compare like with like:
#   - Hugging Face transformers' token-classification pipeline on the same model, f32 and bf16
#     (scripts/bench/transformers-pipeline.py, batch 16, the same windows);
#   - `newsner bench` (the whole pipeline: boilerplate, NER, numbers, normalization, tables) at each
#     precision: auto (as resolved on this CPU), int8, f32, bf16.
#
#   bash scripts/bench/precision.sh [CORPUS] [FRACTION] [PRECISIONS...]
#   defaults: ../shared/data/bbc 0.25 auto int8 f32 bf16
#
# Where the CPU has no native bf16, bf16 is emulated and about 35x slower than f32 (75 words/s for the
# pipeline on the seeds): HF_BF16_ARTICLES=N then runs the pipeline's bf16 pass on the first N articles
# only. Ratios are of words/s, so they hold across the two sets.
set -euo pipefail
cd "$(dirname "$0")/../.."
CORPUS=${1:-../shared/data/bbc}
FRACTION=${2:-0.25}
shift 2 || true
PRECISIONS=${*:-auto int8 f32 bf16}
BIN=target/release/newsner
MODEL=${MODEL:-models/newsner-minilm-news}
THREADS=${THREADS:-$(nproc)}
PY=.deps/hf-venv/bin/python
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT

take=$(bash scripts/bench/subset.sh "$CORPUS" "$FRACTION" "$W/corpus")
echo "corpus: $take articles, $(cat $(find "$W/corpus" -type f) | wc -w) words; $THREADS threads; $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2)"

# The bf16 pass: the first HF_BF16_ARTICLES of those articles (all by default).
bf16_share=$(python3 -c "print(min(1.0, (${HF_BF16_ARTICLES:-$take} - 0.5) / $take))")
bash scripts/bench/subset.sh "$W/corpus" "$bf16_share" "$W/bf16-corpus" >/dev/null
for dtype in f32 bf16; do
  set="$W/corpus"
  [ "$dtype" = bf16 ] && set="$W/bf16-corpus"
  "$PY" scripts/bench/transformers-pipeline.py "$MODEL" "$set" --dtype "$dtype" \
    --threads "$THREADS" --json > "$W/hf-$dtype.json"
  cat "$W/hf-$dtype.json"
done
for p in $PRECISIONS; do
  "$BIN" bench "$W/corpus" --model "$MODEL" --precision "$p" --threads "$THREADS" --json \
    > "$W/newsner-$p.json"
done
python3 - "$W" $PRECISIONS <<'PY'
import json, sys
w, precisions = sys.argv[1], sys.argv[2:]
hf = {d: json.load(open(f"{w}/hf-{d}.json")) for d in ("f32", "bf16")}
f32, bf16 = hf["f32"]["words_per_second"], hf["bf16"]["words_per_second"]
print(f"{'engine':34} {'articles':>8} {'seconds':>8} {'words/s':>9} {'vs HF f32':>10} {'vs HF bf16':>11}")
for d, r in hf.items():
    print(f"{'transformers pipeline ' + d:34} {r['articles']:8} {r['seconds']:8.1f} {r['words_per_second']:9.0f} "
          f"{r['words_per_second'] / f32:9.2f}x {r['words_per_second'] / bf16:10.2f}x")
for p in precisions:
    r = json.load(open(f"{w}/newsner-{p}.json"))
    name = f"newsner bench --precision {p}" + (f" ({r['precision']})" if p == "auto" else "")
    print(f"{name:34} {r['articles']:8} {r['seconds']:8.1f} {r['words_per_second']:9.0f} "
          f"{r['words_per_second'] / f32:9.2f}x {r['words_per_second'] / bf16:10.2f}x"
          f"   model {100 * r['model_share']:.0f}% of the run, {100 * r['precision_flops_utilization']:.0f}%"
          f" of the {r['precision']} matmul rate, peak RSS {r['peak_rss_bytes'] / 2**20:.0f} MiB")
PY
