#!/usr/bin/env bash
# Stage 4 of the model (the CoNLL head trained on OntoNotes newswire too, mapped to CoNLL's labels and
# trimmed of a leading "the" and a closing "'s", see MODEL_CARD.md) and its weight averages with the
# shipped model, each scored on CoNLL-2003 valid and test and on OntoNotes dev newswire as served
# (PER, LOC, ORG; trimmed gold and strict gold). Not a test: about 15 minutes of training on 2 cores,
# then two minutes per model scored. Derived data and models stay under WORK (not the repository).
#
#   bash scripts/eval/stage4-soups.sh [WORK] [SHARES...]
#   SHARES: stage 4's share of each average, as "k/n" (default: 1/3 1/2 2/3); 0/1 and 1/1 (the shipped
#   model and stage 4 alone) are always scored.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
work=${1:-$root/target/stage4}
shift || true
shares=${*:-1/3 1/2 2/3}
bin=$root/target/release/newsner
data=$root/../shared/data
shipped=$root/models/newsner-minilm-news
[[ -d $data/ontonotes5 && -d $data/conll2003 ]] || { echo "stage4-soups.sh: $data is missing" >&2; exit 1; }
mkdir -p "$work"
export LD_LIBRARY_PATH=$root/.deps/libtorch/lib${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}

python3 "$root/scripts/ontonotes-as-conll.py" "$data/ontonotes5/train.txt" "$work/onto-nw-train.txt" --genre nw
python3 "$root/scripts/ontonotes-as-conll.py" "$data/ontonotes5/dev.txt" "$work/onto-nw-dev.txt" --genre nw
awk '/^-DOCSTART-/{keep=($3 ~ /^nw\//)} keep' "$data/ontonotes5/dev.txt" > "$work/onto-nw-dev-strict.txt"

if [[ ! -f $work/stage4/model.safetensors ]]; then
  "$bin" train --base "$shipped" --train "$data/conll2003/train.txt" --train "$data/conll2003/train.txt" \
    --train "$work/onto-nw-train.txt" --dev "$data/conll2003/valid.txt" --dev "$work/onto-nw-dev.txt" \
    --out "$work/stage4" --epochs 1 --lr 3e-5 --batch-size 8 --max-len 256 --seed 41 --augment 0.1 \
    --serving-head conll --combine borrow:FAC --threads 2
fi

# An average with stage 4's share k/n: stage 4 k times and the shipped model n-k times.
soup() {
  local k=${1%/*} n=${1#*/} out=$2 args=()
  for ((i = 0; i < k; i++)); do args+=(--model "$work/stage4"); done
  for ((i = k; i < n; i++)); do args+=(--model "$shipped"); done
  "$bin" average "${args[@]}" --out "$out" >/dev/null
}

# F1, and for OntoNotes ORG's F1 in brackets.
f1() { "$bin" eval --json "$@" | python3 -c 'import json,sys; print("%.4f" % json.load(sys.stdin)["f1"])'; }
f1org() {
  "$bin" eval --json "$@" | python3 -c 'import json,sys; r = json.load(sys.stdin)
print("%.4f (ORG %.4f)" % (r["f1"], r["per_type"]["ORG"]["f1"]))'
}

printf '%-22s %12s %11s %24s %24s\n' model "CoNLL valid" "CoNLL test" "OntoNotes nw trimmed" "OntoNotes nw strict"
for share in 0/1 $shares 1/1; do
  case $share in
    0/1) model=$shipped ;;
    1/1) model=$work/stage4 ;;
    *) model=$work/soup-${share/\//of}; soup "$share" "$model" ;;
  esac
  printf '%-22s %12s %11s %24s %24s\n' "stage 4 share $share" \
    "$(f1 --conll "$data/conll2003/valid.txt" --model "$model")" \
    "$(f1 --conll "$data/conll2003/test.txt" --model "$model")" \
    "$(f1org --conll "$work/onto-nw-dev.txt" --model "$model" --head served --types PER,LOC,ORG)" \
    "$(f1org --conll "$work/onto-nw-dev-strict.txt" --model "$model" --head served --types PER,LOC,ORG)"
done
