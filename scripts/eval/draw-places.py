#!/usr/bin/env python3
"""Draws place rows at random for a held-out list of place links, and prints what annotating them needs:
the sentence of the row's first mention in one of its articles and every gazetteer place the name
could be, never the linker's choice or scores (so the gold is written without them).

usage: draw-places.py SEED N_BBC N_ECB BBC_OUT ECB_RUNS [EXCLUDE.tsv ...] > draft.tsv
  BBC_OUT   newsner's output folder for ../shared/data/bbc
  ECB_RUNS  folder with one newsner output folder per ECB+ dev topic (as eval/ecbplus.sh leaves them)
  EXCLUDE   earlier lists: their names are not drawn again
Writes rows `n half source article name gold note` with gold and note empty, and the annotation aids
as `#` lines after each row, to stdout. Names are matched to the gazetteer by folded equality with a
place's name or one of its alternate names (as the linker's lookup does, less its abbreviation rules).
"""
import csv
import gzip
import pathlib
import random
import re
import sys
import unicodedata

ROOT = pathlib.Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared" / "data"


def fold(s):
    s = unicodedata.normalize("NFKD", s.replace("ı", "i").replace("’", "'"))
    return " ".join("".join(c for c in s.casefold() if not unicodedata.combining(c)).replace(".", "").split())


def gazetteer():
    by_name = {}
    with gzip.open(ROOT / "models" / "lexicons" / "geonames.tsv.gz", "rt", encoding="utf-8") as f:
        for line in f:
            if line.startswith("#"):
                continue
            p = line.rstrip("\n").split("\t")
            for n in {p[2], *filter(None, p[8].split("|"))}:
                by_name.setdefault(fold(n), []).append(p)
    return by_name


def rows_of(folder):
    path = pathlib.Path(folder) / "places.csv"
    return list(csv.DictReader(open(path, encoding="utf-8-sig"))) if path.exists() else []


def context(source, article, name):
    path = SHARED / "bbc" / f"{article}.txt" if source == "bbc" else \
        SHARED / "ecbplus-dev" / "stories" / source.split("/", 1)[1] / f"{article}.txt"
    text = path.read_text(encoding="utf-8", errors="replace")
    i = text.find(name)
    if i < 0:
        return "(not found as written)"
    start = max(text.rfind(".", 0, max(i - 150, 0)), text.rfind("\n", 0, i), 0)
    end = min([j for j in (text.find("\n", i), i + 250) if j >= 0])
    return re.sub(r"\s+", " ", text[start:end]).strip()


def main():
    seed, n_bbc, n_ecb, bbc, ecb = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), sys.argv[4], sys.argv[5]
    excluded = set()
    for path in sys.argv[6:]:
        for line in open(path, encoding="utf-8"):
            p = line.rstrip("\n").split("\t")
            if not line.startswith("#") and len(p) > 4 and p[0] != "n":
                excluded.add(fold(p[4]))
    pool_bbc = [("bbc", r) for r in rows_of(bbc)]
    pool_ecb = [(f"ecb/{t.name}", r) for t in sorted(pathlib.Path(ecb).iterdir()) for r in rows_of(t)]
    rng = random.Random(seed)
    gaz = gazetteer()
    print("n\thalf\tsource\tarticle\tname\tgold\tnote")
    n = 0
    for pool, want in ((pool_bbc, n_bbc), (pool_ecb, n_ecb)):
        pool = [x for x in pool if fold(x[1]["name"]) not in excluded]
        for source, row in rng.sample(pool, want):
            excluded.add(fold(row["name"]))
            article = rng.choice(row["article_ids"].split(" | "))
            print(f"{n}\tcheck\t{source}\t{article}\t{row['name']}\t\t")
            print(f"#   {context(source, article, row['name'])}")
            for p in sorted(gaz.get(fold(row["name"]), []), key=lambda p: -int(p[7] or 0))[:8]:
                print(f"#   {p[0]} {p[1]} {p[2]} ({p[3]} {p[4]}) pop {p[7]}")
            n += 1


if __name__ == "__main__":
    main()
