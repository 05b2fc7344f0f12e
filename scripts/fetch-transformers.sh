#!/usr/bin/env bash
# Set up the reference for the speed benchmark in DEST (default: .deps/hf-venv, git-ignored): a virtual
# environment with PyPI's torch 2.4.0 (the version newsner links), transformers 4.46.3 and numpy < 2.
# Only `make bench-precision` needs it (about 3 GB: PyPI's torch wheel is the CUDA build). Idempotent.
set -euo pipefail

DEST=${1:-.deps/hf-venv}
if [ -f "$DEST/.complete" ]; then
  exit 0
fi
PY=${PYTHON:-python3}
echo "setting up torch 2.4.0 + transformers 4.46.3 in $DEST ..." >&2
"$PY" -m venv "$DEST"
"$DEST/bin/python" -m pip install --quiet --disable-pip-version-check \
  "torch==2.4.0" "transformers==4.46.3" "numpy<2"
touch "$DEST/.complete"
echo "transformers ready in $DEST" >&2
