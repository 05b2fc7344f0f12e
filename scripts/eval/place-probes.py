#!/usr/bin/env python3
"""Scores place names linked alone against a probe list (tests/data/places-probes.tsv).

    cut -f1 tests/data/places-probes.tsv | target/release/examples/link_names > /tmp/links.tsv
    python3 scripts/eval/place-probes.py tests/data/places-probes.tsv /tmp/links.tsv [tune|check|all] [--misses]

The probe list names capitals, first-level regions and other spellings (old names, transliterations),
each with the GeoNames id it should link to, its class and its half (tune: rules may be written on it;
check: kept unseen until the rules are final). Prints, per class, how many link right, how many are
left blank and how many link wrongly (a wrong id above the threshold).
"""
import csv
import sys
from collections import Counter


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    gold_path, out_path = args[0], args[1]
    half = args[2] if len(args) > 2 else "all"
    with open(gold_path, encoding="utf-8") as f:
        gold = [r for r in csv.reader((l for l in f if not l.startswith("#")), delimiter="\t")]
    with open(out_path, encoding="utf-8") as f:
        got = [l.rstrip("\n").split("\t") for l in f]
    if len(got) != len(gold):
        sys.exit(f"{out_path}: {len(got)} rows for {len(gold)} probes")
    tally = Counter()
    for g, o in zip(gold, got):
        name, want, cls, h = g[0], g[1], g[3], g[4]
        if half != "all" and h != half:
            continue
        outcome = "right" if o[1] == want else ("blank" if not o[1] else "wrong")
        tally[(cls, outcome)] += 1
        tally[("all", outcome)] += 1
        if outcome != "right" and "--misses" in sys.argv:
            print(f"{outcome:5} {name:24} want {want:9} got {o[1] or '-':9} {o[3] if len(o) > 3 else ''}")
    for cls in ("capital", "region", "spelling", "all"):
        n = sum(tally[(cls, k)] for k in ("right", "blank", "wrong"))
        if n:
            print(f"{half:5} {cls:9} {tally[(cls, 'right')]:3}/{n:3} right "
                  f"({100 * tally[(cls, 'right')] / n:.1f}%), {tally[(cls, 'blank')]} blank, "
                  f"{tally[(cls, 'wrong')]} wrong links")


if __name__ == "__main__":
    main()
