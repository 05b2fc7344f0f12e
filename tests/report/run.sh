#!/usr/bin/env bash
# The browser test of report.html (run by `make test`): headless Chromium (Debian's
# chromium-headless-shell, installed here where missing) opens the report of the seeds with every
# network request refused; the page's own check (#newsner-check) must report the counts of the tables,
# the first entity's detail must highlight its mention, the map must have its countries and one marker
# per linked place, and a screenshot must not be blank. The corpus is run twice, the second time
# without one article, so that "what changed" is checked too.
#
#   bash tests/report/run.sh [REPORT.html]   with a report: only time it and print its check (bench)
set -euo pipefail
cd "$(dirname "$0")/../.."
BIN=${NEWSNER_BIN:-target/release/newsner}
SHARED=${NEWSNER_SHARED:-../shared}

chromium_bin() {
  for c in chromium-headless-shell /usr/lib/chromium/chromium-headless-shell chromium; do
    if command -v "$c" >/dev/null 2>&1; then command -v "$c"; return; fi
  done
  return 1
}
if ! CHROME=$(chromium_bin); then
  echo "report test: installing Debian's chromium-headless-shell" >&2
  if [ "$(id -u)" -ne 0 ]; then
    echo "report test: chromium-headless-shell is missing and this user cannot install it (apt-get needs root)" >&2
    exit 1
  fi
  DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium-headless-shell >/dev/null
  CHROME=$(chromium_bin)
fi

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

# Every request fails: no name resolves and the proxy is a closed port; the page's own policy forbids
# loading anything besides.
browse() {
  timeout 60 "$CHROME" --headless --no-sandbox --disable-gpu --no-first-run --disable-extensions \
    --disable-background-networking --disable-component-update --disable-sync \
    --host-resolver-rules="MAP * ~NOTFOUND" --proxy-server="127.0.0.1:9" \
    --user-data-dir="$WORK/profile" "$@" 2>>"$WORK/chrome.log"
}

if [ $# -eq 1 ]; then
  page=$(readlink -f "$1")
  start=$(date +%s.%N)
  browse --dump-dom "file://$page" > "$WORK/dom.html"
  end=$(date +%s.%N)
  python3 scripts/report_check.py check "$WORK/dom.html"
  python3 -c "import os,sys; print(f'report: {os.path.getsize(sys.argv[1])/1e6:.2f} MB, chromium --dump-dom {float(sys.argv[3])-float(sys.argv[2]):.2f} s wall')" "$page" "$start" "$end"
  exit 0
fi

[ -x "$BIN" ] || { echo "report test: $BIN is missing (make build)" >&2; exit 1; }
[ -d "$SHARED/seeds" ] || { echo "report test: $SHARED/seeds is missing: this test needs ../shared" >&2; exit 1; }
mkdir -p "$WORK/corpus"
cp "$SHARED"/seeds/* "$WORK/corpus/"
"$BIN" run "$WORK/corpus" --out "$WORK/out" >/dev/null 2>"$WORK/run.log" || { cat "$WORK/run.log" >&2; exit 1; }
# The second run, one article fewer.
rm "$(ls "$WORK"/corpus/* | head -1)"
"$BIN" run "$WORK/corpus" --out "$WORK/out" >/dev/null 2>"$WORK/run.log" || { cat "$WORK/run.log" >&2; exit 1; }

browse --dump-dom "file://$WORK/out/report.html" > "$WORK/dom.html"
browse --screenshot="$WORK/shot.png" --window-size=1280,1600 "file://$WORK/out/report.html" >/dev/null
python3 scripts/report_check.py compare "$WORK/dom.html" "$WORK/out" "$WORK/shot.png"
echo "report test: passed"
