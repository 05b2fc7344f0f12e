#!/usr/bin/env bash
# Set up the Python side of `make spark` in DEST (default: .deps/spark-venv, git-ignored): a virtual
# environment with PySpark 4.3.0, PyArrow and pandas < 3 from PyPI. Spark itself runs on the Java 17
# found on PATH (or JAVA_HOME). Idempotent: a finished environment is marked by DEST/.complete.
set -euo pipefail

DEST=${1:-.deps/spark-venv}
if [ -f "$DEST/.complete" ]; then
  exit 0
fi
PY=${PYTHON:-python3}
if ! command -v java >/dev/null 2>&1 && [ -z "${JAVA_HOME:-}" ]; then
  echo "fetch-spark: no Java found (PySpark 4 needs Java 17 or later on PATH or in JAVA_HOME)" >&2
  exit 1
fi
echo "setting up PySpark 4.3.0 in $DEST ..." >&2
rm -rf "$DEST.partial"
"$PY" -m venv "$DEST.partial"
"$DEST.partial/bin/python" -m pip install --quiet --disable-pip-version-check \
  "pyspark==4.3.0" "pyarrow==26.0.1" "pandas>=2.2,<3"
touch "$DEST.partial/.complete"
rm -rf "$DEST"
mv "$DEST.partial" "$DEST"
# A venv records its own path in its scripts; the python binary itself works from the new place.
echo "PySpark ready in $DEST" >&2
