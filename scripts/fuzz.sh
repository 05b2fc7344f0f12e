#!/usr/bin/env bash
# Fuzzes the stages that read untrusted text, each for NEWSNER_FUZZ_SECONDS (default 600) on the stable
# toolchain (proptest strategies run for a time budget; see pipeline/fuzz.rs). Usage:
#   bash scripts/fuzz.sh                 # every target, one after another
#   bash scripts/fuzz.sh numbers         # targets whose name contains "numbers"
set -euo pipefail
cd "$(dirname "$0")/.."
export NEWSNER_FUZZ_SECONDS="${NEWSNER_FUZZ_SECONDS:-600}"
filter="fuzz::fuzz_${1:-}"
cargo test --release --locked --lib "$filter" -- --ignored --nocapture --test-threads 1
