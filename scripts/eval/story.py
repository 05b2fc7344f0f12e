#!/usr/bin/env python3
"""Runs newsner on the articles of a story gold file and scores its tables with ../shared/eval/score.py.

usage: story.py GOLD.json [--bin BIN] [--keep DIR]
  GOLD.json  tests/data/stories/*.json: gold in the format of ../shared/eval/gold_seeds.json, with an
             `articles` list of paths under ../shared/data
The articles are copied into a temporary corpus (named by their file names, which score.py reads as
article ids), newsner runs on it, and score.py prints its scores.
"""
import argparse
import json
import pathlib
import shutil
import subprocess
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parents[2]
DATA = ROOT.parent / "shared" / "data"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("gold")
    ap.add_argument("--bin", default=str(ROOT / "target/release/newsner"))
    ap.add_argument("--keep", help="write the tables here instead of a temporary folder")
    args = ap.parse_args()
    gold = json.load(open(args.gold, encoding="utf-8"))
    with tempfile.TemporaryDirectory() as tmp:
        corpus = pathlib.Path(tmp) / "corpus"
        corpus.mkdir()
        for a in gold["articles"]:
            src = DATA / a
            if not src.is_file():
                sys.exit(f"story.py: {src} is missing (the corpora of ../shared)")
            shutil.copy(src, corpus / src.name)
        out = pathlib.Path(args.keep) if args.keep else pathlib.Path(tmp) / "out"
        subprocess.run([args.bin, "run", str(corpus), "--out", str(out)], check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        subprocess.run([sys.executable, str(ROOT.parent / "shared/eval/score.py"), args.gold, str(out)],
                       check=True)


if __name__ == "__main__":
    main()
