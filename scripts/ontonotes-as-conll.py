#!/usr/bin/env python3
"""OntoNotes 5 NER data rewritten in CoNLL-2003's labels and span conventions, to train and score the
CoNLL output layer on OntoNotes' coverage (issue 33).

usage: scripts/ontonotes-as-conll.py ONTONOTES.txt OUT.txt [--genre nw] [--keep-boundaries]

- Types: PERSON -> PER; GPE, LOC, FAC -> LOC; ORG -> ORG; NORP, EVENT, PRODUCT, WORK_OF_ART, LAW,
  LANGUAGE -> MISC; the value types (DATE, TIME, PERCENT, MONEY, QUANTITY, ORDINAL, CARDINAL) -> O.
  The same mapping as `to_conll_label` in pipeline/map/conll.rs, which `newsner eval` applies.
- Spans: OntoNotes puts a leading "the" and a closing possessive inside a name ("the White House",
  "the Big Board 's"); CoNLL-2003 leaves them out, and so do newsner's tables (clean-up drops both).
  They are moved out of the span unless --keep-boundaries.
- Documents without a single name or value tag are left out: parts of OntoNotes carry no NER layer
  (e.g. nw/dev_09_c2e), and training on them would teach that names are O.
- --genre keeps the documents whose source (the -DOCSTART- line's third column, "nw/wsj/00/...")
  starts with it; default: all.
The output is derived from LDC data: it goes under target/ or /tmp, never into the repository.
"""
import argparse

TYPES = {"PERSON": "PER", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC", "ORG": "ORG",
         "NORP": "MISC", "EVENT": "MISC", "PRODUCT": "MISC", "WORK_OF_ART": "MISC", "LAW": "MISC",
         "LANGUAGE": "MISC"}
LEADING = {"the"}
TRAILING = {"'s", "'", "\u2019s", "\u2019"}


def spans(tags):
    out, start, typ = [], None, None
    for i, t in enumerate(tags + ["O"]):
        if t == "O" or t.startswith("B-") or (t.startswith("I-") and t[2:] != typ):
            if start is not None:
                out.append((start, i, typ))
            start, typ = None, None
            if t != "O":
                start, typ = i, t[2:]
    return out


def convert(tokens, tags, keep):
    out = ["O"] * len(tags)
    for a, b, typ in spans(tags):
        mapped = TYPES.get(typ)
        if mapped is None:
            continue
        if not keep:
            while b - a > 1 and tokens[a].lower() in LEADING:
                a += 1
            while b - a > 1 and tokens[b - 1].lower() in TRAILING:
                b -= 1
        out[a] = "B-" + mapped
        for i in range(a + 1, b):
            out[i] = "I-" + mapped
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("src")
    ap.add_argument("out")
    ap.add_argument("--genre", default="")
    ap.add_argument("--keep-boundaries", action="store_true")
    a = ap.parse_args()
    docs, skipped = 0, 0
    with open(a.out, "w", encoding="utf-8") as o:
        for source, sentences in documents(a.src):
            if not source.startswith(a.genre):
                continue
            if all(s[-1] == "O" for sent in sentences for s in sent):
                skipped += 1
                continue
            docs += 1
            o.write("-DOCSTART- -X- -X- O\n\n")
            for sent in sentences:
                tags = convert([s[0] for s in sent], [s[-1] for s in sent], a.keep_boundaries)
                for s, t in zip(sent, tags):
                    o.write(f"{s[0]} {s[1] if len(s) > 2 else '_'} _ {t}\n")
                o.write("\n")
    print(f"{docs} documents written to {a.out} ({skipped} without any tag left out)")


def documents(path):
    """(source, sentences) per document; a sentence is a list of split lines."""
    source, sentences, sent = "", [], []
    with open(path, encoding="utf-8") as f:
        for line in f:
            p = line.split()
            if not p:
                if sent:
                    sentences.append(sent)
                sent = []
            elif p[0] == "-DOCSTART-":
                if sent:
                    sentences.append(sent)
                if sentences:
                    yield source, sentences
                source, sentences, sent = (p[2] if len(p) > 2 else ""), [], []
            else:
                sent.append(p)
    if sent:
        sentences.append(sent)
    if sentences:
        yield source, sentences


if __name__ == "__main__":
    main()
