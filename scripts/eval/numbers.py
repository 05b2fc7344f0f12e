#!/usr/bin/env python3
"""Scores numbers.csv against tests/data/numbers-gold.json, per half (tune / check).

Usage: scripts/eval/numbers.py OUT [tune|check|check2|all] [--misses]
OUT is the output folder of `newsner run` on the sample (scripts/eval/numbers.sh makes it).
Matching is score.py's (../shared/eval): a row matches an unused gold number of the same value in its
article; dates, years, identifiers, ordinals and times are never scored; `counted` is right when one of
the gold's alternatives and the row's counted contain one another, or the row's contains its last word.
"""
import csv
import json
import sys
import unicodedata
from collections import defaultdict
from pathlib import Path

SKIP = ("date", "year", "identifier", "ordinal", "time")


def fold(s):
    s = unicodedata.normalize("NFKD", s or "")
    return "".join(c for c in s if not unicodedata.combining(c)).lower().strip()


def counted_right(row, alternatives):
    c = fold(row)
    if not c:
        return False
    for g in alternatives.split("|"):
        g = fold(g)
        if g in c or c in g or g.split()[-1] in c:
            return True
    return False


def score(gold, rows, half):
    by_art = defaultdict(list)
    for r in rows:
        by_art[r["article_id"]].append(r)
    tp = fp = fn = ok = scored = 0
    notes = []
    arts = [a for a in gold["numbers"] if half == "all" or a.startswith(half + "/")]
    for a in arts:
        golds = gold["numbers"][a]
        optional = set(gold.get("numbers_optional", {}).get(a, []))
        used = [False] * len(golds)
        for r in by_art.get(a, []):
            try:
                v = float(r["value"].replace(",", ""))
            except ValueError:
                continue
            kind = r["kind"]
            if kind in SKIP:
                continue
            match = next((i for i, g in enumerate(golds) if not used[i] and abs(g["value"] - v) < 1e-6 * max(1, abs(v))), None)
            if match is not None:
                used[match] = True
                tp += 1
                want = golds[match]["counted"]
                if want is not None:
                    scored += 1
                    if counted_right(r["counted"], want):
                        ok += 1
                    else:
                        notes.append(f"counted  {a} {r['text']!r}: {r['counted']!r}, want {want!r}")
            elif v in optional:
                continue
            else:
                fp += 1
                notes.append(f"extra    {a} {r['text']!r} ({kind}, {r['counted']!r})")
        for i, g in enumerate(golds):
            if not used[i]:
                fn += 1
                notes.append(f"missed   {a} {g['value']:g} {g['counted']!r}")
    p = tp / (tp + fp) if tp + fp else 0
    rc = tp / (tp + fn) if tp + fn else 0
    f = 2 * p * rc / (p + rc) if p + rc else 0
    return {"half": half, "precision": round(p, 3), "recall": round(rc, 3), "f1": round(f, 3),
            "counted_right": f"{ok}/{scored}", "counted_share": round(ok / scored, 3) if scored else 0}, notes


def main():
    out = Path(sys.argv[1])
    half = sys.argv[2] if len(sys.argv) > 2 else "tune"
    gold = json.load(open(Path(__file__).resolve().parents[2] / "tests/data/numbers-gold.json"))
    rows = list(csv.DictReader(open(out / "numbers.csv", newline="")))
    res, notes = score(gold, rows, half)
    print(json.dumps(res))
    if "--misses" in sys.argv:
        print("\n".join(notes))


if __name__ == "__main__":
    main()
