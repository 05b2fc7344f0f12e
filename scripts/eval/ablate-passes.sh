#!/usr/bin/env bash
# Each sieve pass left out in turn, scored on both ECB+ halves (scripts/eval/ecbplus-halves.sh): a pass
# earns its place when leaving it out costs the check half one-row share or recall; a pass whose
# absence costs nothing there (or removes a wrong merge) is a candidate for removal.
# usage: scripts/eval/ablate-passes.sh [PASS ...]   (default: every pass of models/lexicons/normalize.toml)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
CONFIG="$ROOT/models/lexicons/normalize.toml"
CACHE="${CACHE:-${TMPDIR:-/tmp}/ecbplus-halves}"
mkdir -p "$CACHE/configs"
if [ $# -gt 0 ]; then passes=("$@"); else
  mapfile -t passes < <(sed -n '/^passes = \[/,/^\]/p' "$CONFIG" | sed -n 's/^ *"\([a-z-]*\)",*$/\1/p')
fi
echo "== all passes"
bash "$ROOT/scripts/eval/ecbplus-halves.sh" --label all | tail -2
for p in "${passes[@]}"; do
  cfg="$CACHE/configs/without-$p.toml"
  grep -v "^ *\"$p\",*$" "$CONFIG" >"$cfg"
  echo "== without $p"
  bash "$ROOT/scripts/eval/ecbplus-halves.sh" --normalize "$cfg" --label "without-$p" | tail -2
done
