#!/usr/bin/env bash
# Copies the first FRACTION of CORPUS's articles (*.txt, *.md; path order) into DEST, keeping their
# folders, and prints how many it copied. Shared by the benchmark scripts.
#
#   bash scripts/bench/subset.sh CORPUS FRACTION DEST
set -euo pipefail
CORPUS=$1
FRACTION=$2
DEST=$3
mkdir -p "$DEST"
list=$(mktemp)
trap 'rm -f "$list"' EXIT
# The list goes to a file first: `head` closing a pipe early would fail the script under pipefail.
(cd "$CORPUS" && find . -type f \( -name '*.txt' -o -name '*.md' \)) | sort > "$list"
total=$(wc -l < "$list")
take=$(python3 -c "import math; print(max(1, math.ceil($total * $FRACTION)))")
head -n "$take" "$list" | while read -r f; do
  mkdir -p "$DEST/$(dirname "$f")"
  cp "$CORPUS/$f" "$DEST/$f"
done
echo "$take"
