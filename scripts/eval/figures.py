#!/usr/bin/env python3
"""Scores figures.csv against the hand-made figure gold (tests/data/figures-gold.tsv).

    python3 scripts/eval/figures.py STORY [--bin target/release/newsner] [--bbc ../shared/data/bbc]

STORY is `tune` (the BBC tsunami story: every BBC article that names "tsunami"), `check` (every BBC
article that names "Deutsche Boerse"), `check2` (every one that names "Glazer") `check3` (every one
that names "Ebbers"), `check4` ("Fiat"), `check5` ("Parmalat"), `check6` ("Yuganskneftegaz"), `check7`
("Deccan"), `check8` ("Marsh & McLennan"), `check9` ("$280bn") or `check10` ("Krivorizhstal"). The story's articles are copied into a temporary folder (their
BBC paths kept), newsner runs on it, and each gold figure is read from the JSON records (every number with its
figure_id) and figures.csv:

- pure: one figure row holds every gold claim of the figure (each gold article has a number of the
  gold value in that row) and no claim of another gold figure;
- flag right: that row's conflict flag equals the gold's;
- scope right: that row's scope names the gold scope (empty gold scope: the row's scope may be anything).

Prints one line per gold figure and the totals. Money values are compared in the currency's unit; a
per-share price may be given in pence (530 for 5.3).
"""

import argparse
import csv
import json
import os
import pathlib
import subprocess
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parents[2]
STORIES = {"tune": "tsunami", "check": "deutsche boerse", "check2": "glazer", "check3": "ebbers",
           "check4": "fiat", "check5": "parmalat", "check6": "yuganskneftegaz", "check7": "deccan",
           "check8": "marsh & mclennan", "check9": "$280bn",
           "check10": "krivorizhstal"}


def read_gold(path, story):
    gold = {}
    with open(path, encoding="utf-8") as f:
        rows = [l for l in f if not l.startswith("#")]
    for r in csv.DictReader(rows, delimiter="\t"):
        if r["story"] == story:
            gold.setdefault(r["figure"], []).append(r)
    return gold


def story_folder(bbc, story, dest):
    needle = STORIES[story]
    n = 0
    for p in sorted(pathlib.Path(bbc).rglob("*.txt")):
        text = p.read_text(encoding="utf-8", errors="replace")
        if needle in text.lower():
            rel = p.relative_to(bbc)
            (dest / rel.parent).mkdir(parents=True, exist_ok=True)
            (dest / rel).write_text(text, encoding="utf-8")
            n += 1
    return n


def same_value(a, b):
    try:
        x, y = float(a), float(b)
    except ValueError:
        return False
    return any(abs(x * k - y) <= 1e-6 * max(1.0, abs(y)) for k in (1, 100, 0.01))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("story", choices=sorted(STORIES))
    ap.add_argument("--bin", default=str(ROOT / "target/release/newsner"))
    ap.add_argument("--bbc", default=str(ROOT.parent / "shared/data/bbc"))
    ap.add_argument("--gold", default=str(ROOT / "tests/data/figures-gold.tsv"))
    ap.add_argument("--misses", action="store_true", help="list each claim's figure rows for a figure that is not pure")
    ap.add_argument("--keep", help="write the tables here instead of a temporary folder")
    args = ap.parse_args()
    if not os.path.isdir(args.bbc):
        sys.exit(f"figures.py: {args.bbc} is missing (the BBC corpus of ../shared)")
    gold = read_gold(args.gold, args.story)
    with tempfile.TemporaryDirectory() as tmp:
        corpus = pathlib.Path(tmp) / "corpus"
        out = pathlib.Path(args.keep) if args.keep else pathlib.Path(tmp) / "out"
        n = story_folder(args.bbc, args.story, corpus)
        subprocess.run([args.bin, "run", str(corpus), "--out", str(out)], check=True,
                       stdout=subprocess.DEVNULL)
        numbers = []
        for rec in (out / "articles").rglob("*.json"):
            r = json.load(open(rec, encoding="utf-8"))
            for x in r.get("numbers", []):
                numbers.append({"article_id": r["path"], "value": x["value"], "figure_id": x.get("figure_id") or ""})
        figures = {r["figure_id"]: r for r in csv.DictReader(open(out / "figures.csv", encoding="utf-8"))}
    art = lambda a: a.replace("\\", "/").removesuffix(".txt").split("corpus/")[-1]

    def rows_of(article, value):
        return {r["figure_id"] for r in numbers
                if art(r["article_id"]) == art(article) and r.get("figure_id") and same_value(value, r["value"])}

    pure = flag = scope = 0
    print(f"story {args.story}: {n} articles, {len(gold)} gold figures, {len(figures)} figure rows")
    for name, claims in gold.items():
        common = None
        for c in claims:
            ids = rows_of(c["article"], c["value"])
            common = ids if common is None else common & ids
        fid = sorted(common)[0] if common else ""
        others = [c for g, cs in gold.items() if g != name for c in cs]
        impure = fid and any(fid in rows_of(c["article"], c["value"]) for c in others
                             if not any(art(c["article"]) == art(d["article"]) and same_value(d["value"], c["value"]) for d in claims))
        ok = bool(fid) and not impure
        row = figures.get(fid, {})
        want_conflict = claims[0]["conflict"]
        flag_ok = ok and row.get("conflict") == want_conflict
        want_scope = claims[0]["scope"].strip().lower()
        got_scope = row.get("scope", "").lower()
        scope_ok = bool(ok and (not want_scope or want_scope in got_scope or (got_scope and got_scope in want_scope)))
        pure += ok
        flag += flag_ok
        scope += scope_ok
        print(f"  {name:28} {'pure' if ok else 'NOT pure':9} row={fid or '-':40} "
              f"conflict={row.get('conflict', '-'):4} scope={row.get('scope', '-')!r}"
              + ("" if ok else f"  (articles: {len(claims)}; impure={bool(impure)})"))
        if args.misses and not ok:
            for c in claims:
                print(f"      {art(c['article']):16} {c['value']:>14}  {sorted(rows_of(c['article'], c['value'])) or '-'}")
    t = len(gold)
    print(f"pure rows {pure}/{t}; right conflict flag {flag}/{t}; right scope {scope}/{t}")


if __name__ == "__main__":
    main()
