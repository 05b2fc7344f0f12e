#!/usr/bin/env python3
"""Gold types of one-word names that are the surname of exactly one person their document names in full
(the evidence for the surname rule of pipeline/reduce/normalize/short_names.rs), split by whether the
word is a place name of models/lexicons/places.tsv: only a city's, or also a country's, capital's,
state's or region's ("major").

usage: surname-places.py FILE...   (CoNLL-2003 or OntoNotes 5 files, e.g. ../shared/data/conll2003/train.txt)
prints per file: counts by (gazetteer, gold type) and the most frequent words of each type among gazetteer names.
"""
import collections
import pathlib
import sys

LEX = pathlib.Path(__file__).resolve().parents[2] / "models" / "lexicons" / "places.tsv"
PER = {"PER", "PERSON"}


def gazetteer():
    kind = {}
    for line in open(LEX, encoding="utf-8"):
        if not line.startswith("#"):
            f = line.rstrip("\n").split("\t")
            k = kind.setdefault(f[0].lower(), "city")
            kind[f[0].lower()] = "major" if f[2] != "city" or k == "major" else "city"
    return kind


def documents(path):
    doc = []
    for line in open(path, encoding="utf-8"):
        p = line.split()
        if p and p[0] == "-DOCSTART-":
            if doc:
                yield doc
            doc = []
        else:
            doc.append((p[0], p[-1]) if p else None)
    if doc:
        yield doc


def spans(doc):
    i = 0
    while i < len(doc):
        t = doc[i]
        if t and t[1].startswith("B-"):
            ty, j = t[1][2:], i + 1
            while j < len(doc) and doc[j] and doc[j][1] == "I-" + ty:
                j += 1
            yield ty, [x[0] for x in doc[i:j]]
            i = j
        else:
            i += 1


def main():
    kind = gazetteer()
    for path in sys.argv[1:]:
        counts, words = collections.Counter(), collections.defaultdict(collections.Counter)
        for doc in documents(path):
            ss = list(spans(doc))
            full = {tuple(w) for ty, w in ss if ty in PER and len(w) >= 2}
            for ty, w in ss:
                if len(w) != 1 or len({f for f in full if f[-1] == w[0]}) != 1:
                    continue
                g = kind.get(w[0].lower(), "-")
                t = "PER" if ty in PER else ty
                counts[g, t] += 1
                if g != "-":
                    words[g, t][w[0]] += 1
        print(path)
        for (g, t), n in sorted(counts.items()):
            print(f"  gazetteer={g:5} {t:6} {n:5}  {', '.join(w for w, _ in words[g, t].most_common(6))}")


if __name__ == "__main__":
    main()
