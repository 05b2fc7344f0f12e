#!/usr/bin/env bash
# Packs what a Spark executor needs to run `newsner map` into one archive, for
#   spark-submit --archives ARCHIVE#nn ... newsner_spark.py --newsner ./nn/newsner --model ./nn/model
# Inside: `newsner` (the release binary; it looks for libtorch in `lib/` beside itself), `lib/`
# (libtorch 2.4.0's CPU libraries, about 480 MB), `model/` (the model folder) and `newsner_spark.py`.
#
#   bash scripts/spark/pack.sh [ARCHIVE] [MODEL_DIR]
#   defaults: target/newsner-spark.tgz, models/newsner-minilm-news
set -euo pipefail
cd "$(dirname "$0")/../.."
OUT=${1:-target/newsner-spark.tgz}
MODEL=${2:-models/newsner-minilm-news}
BIN=target/release/newsner
[ -x "$BIN" ] || { echo "pack: $BIN is missing (make build)" >&2; exit 1; }
[ -f "$MODEL/model.safetensors" ] || { echo "pack: no model in $MODEL" >&2; exit 1; }
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
mkdir -p "$W/lib"
cp "$BIN" "$W/newsner"
cp .deps/libtorch/lib/*.so* "$W/lib/"
mkdir -p "$W/models"
# The model goes where the binary looks by default (newsner_core::DEFAULT_MODEL).
cp -r "$MODEL" "$W/models/newsner-minilm-news"
cp -r models/lexicons "$W/models/lexicons"
[ -f "$(dirname "$MODEL")/aliases.csv" ] && cp "$(dirname "$MODEL")/aliases.csv" "$W/models/"
cp scripts/spark/newsner_spark.py "$W/"
mkdir -p "$(dirname "$OUT")"
tar czf "$OUT.partial" -C "$W" .
mv "$OUT.partial" "$OUT"
echo "packed $(du -h "$OUT" | cut -f1) into $OUT" >&2
