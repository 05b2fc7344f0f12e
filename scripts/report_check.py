#!/usr/bin/env python3
"""Reads the check report.html writes into #newsner-check (from Chromium's --dump-dom) and compares it
with the tables of the same output folder; checks that a screenshot is not blank.

  report_check.py check DOM.html                 print the page's check
  report_check.py compare DOM.html OUT SHOT.png  fail unless the page shows what the tables hold
"""
import collections
import csv
import html
import json
import re
import struct
import sys
import zlib


def page_check(dom_path):
    dom = open(dom_path, encoding="utf-8").read()
    m = re.search(r'<pre id="newsner-check"[^>]*>(.*?)</pre>', dom, re.S)
    if not m or not m.group(1).strip():
        sys.exit(f"{dom_path}: the page wrote no check (did its script run?)")
    return json.loads(html.unescape(m.group(1)))


def rows(path):
    with open(path, encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def png_pixels(path):
    """Decodes an 8-bit RGB or RGBA PNG into rows of bytes (enough for Chromium's screenshots)."""
    data = open(path, "rb").read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        sys.exit(f"{path}: not a PNG")
    pos, idat, width, height, bpp = 8, b"", 0, 0, 0
    while pos < len(data):
        (n,) = struct.unpack(">I", data[pos:pos + 4])
        kind, body = data[pos + 4:pos + 8], data[pos + 8:pos + 8 + n]
        pos += 12 + n
        if kind == b"IHDR":
            width, height, depth, color = struct.unpack(">IIBB", body[:10])
            if depth != 8 or color not in (2, 6):
                sys.exit(f"{path}: unexpected PNG format (depth {depth}, colour type {color})")
            bpp = 3 if color == 2 else 4
        elif kind == b"IDAT":
            idat += body
    raw, stride, out, prev = zlib.decompress(idat), width * bpp, [], bytearray(width * bpp)
    for y in range(height):
        f, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b, c = prev[i], prev[i - bpp] if i >= bpp else 0
            if f == 1:
                line[i] = (line[i] + a) & 255
            elif f == 2:
                line[i] = (line[i] + b) & 255
            elif f == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        out.append(bytes(line))
        prev = line
    return width, height, bpp, out


def not_blank(path):
    width, height, bpp, lines = png_pixels(path)
    colours = set()
    for line in lines[::8]:
        for x in range(0, width * bpp, bpp * 8):
            colours.add(line[x:x + 3])
    background = collections.Counter(lines).most_common(1)[0][0]
    busy = sum(1 for line in lines if line != background)
    return width, height, len(colours), busy


def compare(dom_path, out, shot):
    check = page_check(dom_path)
    want = {
        "people": len(rows(f"{out}/people.csv")),
        "places": len(rows(f"{out}/places.csv")),
        "organizations": len(rows(f"{out}/organizations.csv")),
        "other": len(rows(f"{out}/other.csv")),
        "figures": len(rows(f"{out}/figures.csv")),
        "articles": len(rows(f"{out}/articles.csv")),
        "markers": sum(1 for r in rows(f"{out}/places.csv") if r["lat"]),
    }
    problems = [f"{k}: the page shows {check.get(k)}, the tables hold {v}" for k, v in want.items() if check.get(k) != v]
    if check.get("countries", 0) < 150:
        problems.append(f"the map has {check.get('countries')} countries")
    if check.get("list_items", 0) < 1 or check.get("detail_marks", 0) < 1:
        problems.append(f"lists or highlighted mentions missing: {check}")
    if check.get("changes") != [0, 0, 1]:
        problems.append(f"what changed: the page shows {check.get('changes')} (added, changed, removed), expected [0, 0, 1]")
    width, height, colours, busy = not_blank(shot)
    if colours < 8 or busy < height // 4:
        problems.append(f"{shot}: the screenshot looks blank ({colours} colours, {busy} of {height} rows drawn)")
    print(f"page check: {json.dumps(check)}")
    print(f"tables: {json.dumps(want)}; screenshot {width}x{height}, {colours} colours sampled, {busy} rows drawn")
    if problems:
        sys.exit("report check failed:\n  " + "\n  ".join(problems))


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "check":
        print(json.dumps(page_check(sys.argv[2])))
    elif len(sys.argv) == 5 and sys.argv[1] == "compare":
        compare(*sys.argv[2:])
    else:
        sys.exit(__doc__)
