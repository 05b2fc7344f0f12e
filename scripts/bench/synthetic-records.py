#!/usr/bin/env python3
"""Synthetic records for the reduce benchmark: `newsner map` records of a real corpus repeated until
there are N, each copy's entity names shifted (the letters of every mention rotated by the copy's
number, so the copies name other entities; lengths and offsets unchanged).

    python3 scripts/bench/synthetic-records.py RECORDS.jsonl N > synthetic.jsonl
"""
import json
import sys


def rotate(s, k):
    out = []
    for c in s:
        if "a" <= c <= "z":
            out.append(chr((ord(c) - 97 + k) % 26 + 97))
        elif "A" <= c <= "Z":
            out.append(chr((ord(c) - 65 + k) % 26 + 65))
        else:
            out.append(c)
    return "".join(out)


def shifted(rec, copy):
    if copy == 0:
        return rec
    k = copy % 25 + 1
    text = rec["text"].encode("utf-8")
    for m in rec["mentions"]:
        new = rotate(m["text"], k)
        text = text[: m["byte_start"]] + new.encode("utf-8") + text[m["byte_end"]:]
        m["text"] = new
    rec["text"] = text.decode("utf-8")
    for n in rec["numbers"]:
        n["text"] = rec["text"].encode("utf-8")[n["byte_start"]:n["byte_end"]].decode("utf-8")
    rec["id"] = f"c{copy}/{rec['id']}"
    rec["path"] = f"c{copy}/{rec['path']}"
    return rec


def main():
    src, n = sys.argv[1], int(sys.argv[2])
    lines = [l for l in open(src, encoding="utf-8") if l.strip()]
    written = 0
    copy = 0
    while written < n:
        for line in lines:
            if written == n:
                break
            sys.stdout.write(json.dumps(shifted(json.loads(line), copy), ensure_ascii=False) + "\n")
            written += 1
        copy += 1


if __name__ == "__main__":
    main()
