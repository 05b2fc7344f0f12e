#!/usr/bin/env python3
"""Scores place linking against a hand-made list (tests/data/places-heldout.tsv).

usage: places.py GOLD HALF BBC_OUT ECB_RUNS
  HALF      tune, check or all
  BBC_OUT   newsner's output folder for ../shared/data/bbc
  ECB_RUNS  folder with one newsner output folder per ECB+ dev topic (as eval/ecbplus.sh leaves them)

An item is right when its row's geonames_id is one of the gold ids, or blank where the gold is '-'.
A name that is now in another table (typed a person, an organization or other) counts as not linked.
A wrong link is a row linked to an id that is not the gold one (including a link where the gold is '-').
"""
import csv
import sys

gold_path, half, bbc, ecb = sys.argv[1:5]
tables = {}


def rows(folder, table="places"):
    if (folder, table) not in tables:
        try:
            tables[folder, table] = list(csv.DictReader(open(f"{folder}/{table}.csv", encoding="utf-8-sig")))
        except FileNotFoundError:
            tables[folder, table] = []
    return tables[folder, table]


def cells(list_cell):
    return [x.strip() for x in list_cell.split("|")]


def named(row, name):
    """Whether the row goes by the name, as its name or an alias, in any case ("L.a." drawn, "L.A." now)."""
    return name.casefold() in [x.casefold() for x in [row["name"]] + cells(row["aliases"])]


items = [l.rstrip("\n").split("\t") for l in open(gold_path, encoding="utf-8") if not l.startswith("#")][1:]
right = wrong = missing = n = 0
for k, h, src, article, name, gold, note in items:
    if half != "all" and h != half:
        continue
    n += 1
    folder = bbc if src == "bbc" else f"{ecb}/{src.split('/', 1)[1]}"
    found = [r for r in rows(folder)
             if article in cells(r["article_ids"]) and named(r, name)]
    if not found:
        # Typed otherwise now (a club, a film): no link, shown as such.
        found = [{"geonames_id": "", "candidates": f"in {t}.csv"} for t in ("people", "organizations", "other")
                 for r in rows(folder, t) if article in cells(r["article_ids"]) and named(r, name)]
    if not found:
        missing += 1
        print(f"{k}\t{name}\tnot found in {folder}", file=sys.stderr)
        continue
    got = found[0]["geonames_id"]
    ok = (got == "" and "-" in gold.split("|")) or (got != "" and got in gold.split("|"))
    right += ok
    if got and not ok:
        wrong += 1
    if not ok:
        print(f"{k}\t{name}\tgold {gold} ({note})\tgot {got or '-'}\t{found[0]['candidates']}", file=sys.stderr)
print(f"{half}: {right}/{n} right ({100 * right / max(n, 1):.0f}%), {wrong} wrong links, {missing} rows not found")
