//! The word lists normalization reads: titles, name suffixes, corporate designators, demonyms and a
//! gazetteer of places. They are data files under `models/lexicons/`, built from maintained packages by
//! `scripts/build-lexicons.py` (`make lexicons`); each names its source and licence in its `#` header.
//! They are loaded once per run and their digest is part of the cache key.

use super::config::Config;
use super::names::{fold, key};
use crate::error::{Error, Result};
use crate::geo::gazetteer::Kind;
use crate::geo::{Gazetteer, LinkConfig, UserLinks};
use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::Path;
use std::sync::{Arc, LazyLock};

/// English function words (`stop_words.txt`, lowercase): words that say nothing of what a sentence is
/// about.
pub static FUNCTION_WORDS: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    include_str!("../../../models/lexicons/stop_words.txt")
        .lines()
        .filter(|l| !l.starts_with('#'))
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect()
});

/// The files of a lexicon folder.
pub const FILES: [&str; 14] = [
    "titles.txt",
    "name_suffixes.txt",
    "designators.txt",
    "demonyms.tsv",
    "places.tsv",
    "alias_cues.txt",
    "nicknames.tsv",
    "place_features.txt",
    "name_abbreviations.tsv",
    "genders.tsv",
    "surnames.txt",
    "context_cues.tsv",
    "name_articles.txt",
    "name_compounds.txt",
];

/// A person's gender, as a title or a given name says it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Gender {
    /// "Mr", "Sir", "John".
    Male,
    /// "Mrs", "Miss", "Katie".
    Female,
}

/// The words of `kind` ("title" or "given") in the rows of `genders.tsv`.
fn genders(text: &str, kind: &str) -> HashMap<String, Gender> {
    rows(text)
        .filter(|r| r.len() >= 3 && r[0] == kind)
        .filter_map(|r| {
            let g = match r[2] {
                "m" => Gender::Male,
                "f" => Gender::Female,
                _ => return None,
            };
            Some((word_key(r[1]), g))
        })
        .collect()
}

/// What a word of `context_cues.tsv` says about the name next to it ([`Lexicons::cue`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Cue {
    /// A verb of a game's result next to a side's name: "beat", "defeated".
    Result,
    /// A noun of a game or its result before a [`Cue::Link`]: "victory", "game".
    Contest,
    /// Between a contest word and a side's name: "over", "against".
    Link,
    /// A noun or verb of a lost game, before a [`Cue::LossLink`]: "lost", "loss".
    Loss,
    /// Between a loss word and a side's name: "to" ("lost to Seattle", not "the Games to Nagano").
    LossLink,
    /// A preposition that makes the city or state after it the place: "in", "at".
    Venue,
    /// The last word of a facility's name: "Hospital", "Church", "Prison".
    Facility,
    /// A preposition that makes the facility after it the building: "at", "into" (not "in": "in the
    /// Catholic Church").
    Site,
    /// A verb of checking in, before "into": "checked into the Mercy Clinic".
    Check,
    /// A reflexive pronoun between a verb and its preposition: "checked herself into".
    Reflexive,
    /// A plural noun of kin after a surname that makes it a family's name: "the Agnelli family", "the
    /// Williams sisters".
    Group,
    /// A participle a name is joined to by a hyphen, which makes it a modifier: "Gibraltar-based",
    /// "Belfast-born", "US-led".
    Origin,
    /// A ship prefix, written in capitals before a ship's name: "HMS", "INS", "MV".
    Vessel,
}

impl Cue {
    const ALL: [(Cue, &'static str); 13] = [
        (Cue::Result, "result"),
        (Cue::Contest, "contest"),
        (Cue::Link, "link"),
        (Cue::Loss, "loss"),
        (Cue::LossLink, "loss_link"),
        (Cue::Venue, "venue"),
        (Cue::Facility, "facility"),
        (Cue::Site, "site"),
        (Cue::Check, "check"),
        (Cue::Reflexive, "reflexive"),
        (Cue::Group, "group"),
        (Cue::Origin, "origin"),
        (Cue::Vessel, "vessel"),
    ];
}

/// The loaded word lists. [`Lexicons::default`] is empty (every lookup misses).
#[derive(Debug, Clone, Default)]
pub struct Lexicons {
    titles: HashSet<String>,
    /// Titles followed by a given name, not a surname ("Prince", "Sir", "Sheikh").
    given_name_titles: HashSet<String>,
    suffixes: HashSet<String>,
    /// The suffixes for a son named after his father ("Jr", "Junior"): second column `junior`.
    junior_suffixes: HashSet<String>,
    designators: HashSet<String>,
    /// A demonym's countries: one for most, several for a language ("Chinese", "French").
    demonyms: HashMap<String, Vec<String>>,
    places: HashMap<String, BTreeSet<String>>,
    /// Names written in capitals ("UK", "UAE"): codes, matched only as written, so that "Sox" is not
    /// the code "SOX".
    place_codes: HashMap<String, BTreeSet<String>>,
    major_places: HashSet<String>,
    /// Names of countries, continents and regions: a side named so is a national team, typed a place
    /// as CoNLL-2003 types it.
    nations: HashSet<String>,
    /// The keys of countries' own names, which their alternate names stand for.
    countries: HashSet<String>,
    cues: HashSet<(Cue, String)>,
    alias_cues: HashSet<String>,
    nicknames: HashSet<(String, String)>,
    place_features: HashSet<String>,
    /// Of those, a first-level subdivision's own words ("Province", "Oblast").
    admin_units: HashSet<String>,
    subdivision_levels: HashMap<String, Kind>,
    /// Words that say only where ("North", "South West").
    directions: HashSet<String>,
    /// The words of a state's formal name ("Republic of", "State of").
    state_words: HashSet<String>,
    /// Abbreviated generic words ("mt" → "mount"): anywhere, and only as a name's first word.
    abbreviations: HashMap<String, String>,
    first_abbreviations: HashMap<String, String>,
    title_genders: HashMap<String, Gender>,
    given_genders: HashMap<String, Gender>,
    /// Given names: those with a gender and those of the nickname pairs.
    given_names: HashSet<String>,
    surnames: HashSet<String>,
    /// The Arabic article as names join it by a hyphen ("al", "el", "ash"), without the hyphen.
    articles: HashSet<String>,
    /// Common nouns named after a name ("molotov cocktail"), lowercase.
    compounds: HashSet<String>,
    fingerprint: String,
    /// The GeoNames gazetteer (`geonames.tsv.gz`; empty when built from texts).
    gazetteer: Arc<Gazetteer>,
    /// The user's place links (`links.csv`), if any.
    user_links: Arc<UserLinks>,
    /// Pass order and thresholds (`normalize.toml`).
    config: Arc<Config>,
}

/// The data lines of a list: `#` lines and blank lines skipped, cells split on tabs.
fn rows(text: &str) -> impl Iterator<Item = Vec<&str>> {
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| l.split('\t').map(str::trim).collect())
}

/// A word as the lists hold it: lowercase, accents folded, dots removed.
pub fn word_key(word: &str) -> String {
    fold(word).filter(|c| *c != '.').collect()
}

/// The abbreviations of `where` ("any" or "first") in the rows of `name_abbreviations.tsv`.
fn expansions(text: &str, place: &str) -> HashMap<String, String> {
    rows(text)
        .filter(|r| r.len() >= 3 && r[2] == place)
        .map(|r| (word_key(r[0]), word_key(r[1])))
        .collect()
}

/// Whether a name is written as a code: letters, all capitals, no space ("UK", "UAE", "SOX").
fn is_code(name: &str) -> bool {
    name.chars().count() >= 2 && name.chars().all(|c| c.is_alphabetic() && c.is_uppercase())
}

/// The words of `place_features.txt` whose kind (second column) passes `keep`.
fn feature_words(text: &str, keep: impl Fn(&str) -> bool) -> HashSet<String> {
    rows(text)
        .filter(|r| keep(r.get(1).copied().unwrap_or("")))
        .map(|r| word_key(r[0]))
        .collect()
}

/// The level of subdivision each word of `place_features.txt` names when written in lowercase after a
/// place name (third column: `admin1`, `admin2`).
fn feature_levels(text: &str) -> HashMap<String, Kind> {
    rows(text)
        .filter_map(|r| {
            let level = match r.get(2).copied()? {
                "admin1" => Kind::Admin1,
                "admin2" => Kind::Admin2,
                _ => return None,
            };
            Some((word_key(r[0]), level))
        })
        .collect()
}

/// Each demonym's countries (`demonyms.tsv`: demonym, country; a language may name several).
fn demonym_lists(text: &str) -> HashMap<String, Vec<String>> {
    let mut demonyms: HashMap<String, Vec<String>> = HashMap::new();
    for r in rows(text) {
        let countries = demonyms.entry(key(r[0])).or_default();
        countries.extend(r.get(1).map(|c| c.to_string()));
    }
    demonyms
}

/// What `places.tsv` (name, canonical name, kind) gives the lexicons.
struct PlaceLists {
    places: HashMap<String, BTreeSet<String>>,
    place_codes: HashMap<String, BTreeSet<String>>,
    major_places: HashSet<String>,
    nations: HashSet<String>,
    countries: HashSet<String>,
}

impl PlaceLists {
    fn read(text: &str) -> PlaceLists {
        let mut p = PlaceLists {
            places: HashMap::new(),
            place_codes: HashMap::new(),
            major_places: HashSet::new(),
            nations: HashSet::new(),
            countries: HashSet::new(),
        };
        for r in rows(text) {
            let canonical = r.get(1).copied().unwrap_or(r[0]);
            let names = if is_code(r[0]) {
                p.place_codes.entry(r[0].to_string())
            } else {
                p.places.entry(key(r[0]))
            };
            names.or_default().insert(key(canonical));
            p.places
                .entry(key(canonical))
                .or_default()
                .insert(key(canonical));
            if r.get(2).is_some_and(|k| *k != "city") && !is_code(r[0]) {
                p.major_places.insert(key(r[0]));
            }
            if r.get(2)
                .is_some_and(|k| ["country", "continent", "region"].contains(k))
            {
                p.nations.insert(key(r[0]));
            }
            if r.get(2) == Some(&"country") {
                p.countries.insert(key(canonical));
            }
        }
        p
    }
}

impl Lexicons {
    /// Reads the lists of `dir` (see [`FILES`]).
    pub fn load(dir: &Path) -> Result<Lexicons> {
        let mut texts = Vec::with_capacity(FILES.len());
        for f in FILES {
            let path = dir.join(f);
            let text = std::fs::read_to_string(&path).map_err(|e| {
                Error::input(
                    &path,
                    format!("cannot read the word list ({e}); run `make lexicons` to build it"),
                )
            })?;
            texts.push(text);
        }
        let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
        let mut lex = Lexicons::from_texts(&refs);
        lex.gazetteer = Arc::new(Gazetteer::load(&dir.join(crate::geo::gazetteer::FILE))?);
        let config = dir.join(super::config::FILE);
        if config.exists() {
            lex = lex.with_config(&config)?;
        }
        Ok(lex)
    }

    /// The lists with the pass order and thresholds of the configuration file `path`.
    pub fn with_config(mut self, path: &Path) -> Result<Lexicons> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| Error::input(path, format!("cannot read the configuration: {e}")))?;
        let config = Config::parse(&text).map_err(|e| Error::input(path, e))?;
        self.fingerprint =
            crate::store::sha256_hex(format!("{}{text}", self.fingerprint).as_bytes());
        self.config = Arc::new(config);
        Ok(self)
    }

    /// Pass order and thresholds.
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// The lists with the user's place links (`links.csv`) read against the gazetteer.
    pub fn with_user_links(mut self, path: &Path) -> Result<Lexicons> {
        self.user_links = Arc::new(UserLinks::load(path, &self.gazetteer)?);
        Ok(self)
    }

    /// The GeoNames gazetteer.
    pub fn gazetteer(&self) -> &Gazetteer {
        &self.gazetteer
    }

    /// The user's place links.
    pub fn user_links(&self) -> &UserLinks {
        &self.user_links
    }

    /// The place linker's weights.
    pub fn link_config(&self) -> &LinkConfig {
        &self.config.link
    }

    /// Builds the lists from file contents, in the order of [`FILES`].
    pub fn from_texts(texts: &[&str]) -> Lexicons {
        let words = |t: &str| -> HashSet<String> { rows(t).map(|r| word_key(r[0])).collect() };
        let get = |i: usize| texts.get(i).copied().unwrap_or("");
        let demonyms = demonym_lists(get(3));
        let p = PlaceLists::read(get(4));
        let nicknames: HashSet<(String, String)> = rows(get(6))
            .filter(|r| r.len() >= 2)
            .map(|r| (word_key(r[0]), word_key(r[1])))
            .collect();
        let given_genders = genders(get(9), "given");
        let given_names = given_genders
            .keys()
            .cloned()
            .chain(nicknames.iter().flat_map(|(a, b)| [a.clone(), b.clone()]))
            .collect();
        Lexicons {
            titles: words(get(0)),
            given_name_titles: rows(get(0))
                .filter(|r| r.get(1) == Some(&"given"))
                .map(|r| word_key(r[0]))
                .collect(),
            suffixes: words(get(1)),
            junior_suffixes: rows(get(1))
                .filter(|r| r.get(1) == Some(&"junior"))
                .map(|r| word_key(r[0]))
                .collect(),
            designators: words(get(2)),
            demonyms,
            places: p.places,
            place_codes: p.place_codes,
            major_places: p.major_places,
            nations: p.nations,
            countries: p.countries,
            cues: rows(get(11))
                .filter_map(|r| {
                    let kind = Cue::ALL.iter().find(|(_, k)| Some(k) == r.get(1))?;
                    Some((kind.0, word_key(r[0])))
                })
                .collect(),
            alias_cues: rows(get(5)).map(|r| key(r[0])).collect(),
            nicknames,
            place_features: feature_words(get(7), |k| k != "direction"),
            directions: feature_words(get(7), |k| k == "direction"),
            admin_units: feature_words(get(7), |k| k == "unit"),
            subdivision_levels: feature_levels(get(7)),
            state_words: feature_words(get(7), |k| k == "state"),
            abbreviations: expansions(get(8), "any"),
            first_abbreviations: expansions(get(8), "first"),
            title_genders: genders(get(9), "title"),
            given_genders,
            given_names,
            surnames: words(get(10)),
            articles: words(get(12)),
            compounds: rows(get(13)).map(|r| r[0].to_lowercase()).collect(),
            fingerprint: crate::store::sha256_hex(texts.concat().as_bytes()),
            gazetteer: Arc::default(),
            user_links: Arc::default(),
            config: Arc::default(),
        }
    }

    /// A digest of the lists, for cache keys and run records.
    pub fn fingerprint(&self) -> &str {
        &self.fingerprint
    }

    /// Whether `phrase`, lowercase with single spaces, is a common noun named after a name
    /// (`name_compounds.txt`: "molotov cocktail", "alzheimer's disease").
    pub fn is_name_compound(&self, phrase: &str) -> bool {
        self.compounds.contains(phrase)
    }

    /// Whether a title is followed by a given name rather than a surname ("Prince Charles", "Sir Alex").
    pub fn is_given_name_title(&self, word: &str) -> bool {
        self.given_name_titles.contains(&word_key(word))
    }

    /// Whether a word is a known given name (`genders.tsv` or `nicknames.tsv`: "Ray", "Katie").
    pub fn is_given_name(&self, word: &str) -> bool {
        self.given_names.contains(&word_key(word))
    }

    /// Whether `form`, joined by a hyphen to `next`, is the Arabic article: "al" or "el" before any
    /// word, an assimilated form before the consonants it doubles ("ash" before "Sharaa", "ad" before
    /// "Din"; not "Ad" before "Hoc").
    pub fn is_article(&self, form: &str, next: &str) -> bool {
        let form = word_key(form);
        let consonants = form.get(1..).unwrap_or("");
        self.articles.contains(&form)
            && (consonants == "l" || word_key(next).starts_with(consonants))
    }

    /// Whether a word is a common surname ("King", "Knight"; not "President" or "Miss").
    pub fn is_surname(&self, word: &str) -> bool {
        self.surnames.contains(&word_key(word))
    }

    /// Whether a word is a title or honorific ("Dr", "President", "Gen.").
    pub fn is_title(&self, word: &str) -> bool {
        self.titles.contains(&word_key(word))
    }

    /// The gender a title says ("Mrs", "Sir"), if it says one.
    pub fn title_gender(&self, word: &str) -> Option<Gender> {
        self.title_genders.get(&word_key(word)).copied()
    }

    /// The gender of a common given name ("Katie", "John"), if the list gives it one.
    pub fn given_gender(&self, word: &str) -> Option<Gender> {
        self.given_genders.get(&word_key(word)).copied()
    }

    /// Whether a word is a generational or similar suffix ("Jr", "III").
    pub fn is_suffix(&self, word: &str) -> bool {
        self.suffixes.contains(&word_key(word))
    }

    /// Whether a word is a suffix for a son named after his father ("Jr", "Jnr", "Junior"; not "Sr"
    /// or "III").
    pub fn is_junior_suffix(&self, word: &str) -> bool {
        self.junior_suffixes.contains(&word_key(word))
    }

    /// Whether a word is a corporate designator ("Inc", "Corp.", "plc", "GmbH").
    pub fn is_designator(&self, word: &str) -> bool {
        self.designators.contains(&word_key(word))
    }

    /// The countries a demonym or adjective of nationality belongs to ("Kenyans": Kenya; "French":
    /// France and every other country whose language it names); plurals in -s are recognised.
    pub fn demonym_of(&self, name: &str) -> Option<&[String]> {
        let k = key(name);
        self.demonyms
            .get(&k)
            .or_else(|| k.strip_suffix('s').and_then(|s| self.demonyms.get(s)))
            .map(Vec::as_slice)
    }

    /// The keys of the places a name can be (one for "Nairobi", several for an ambiguous name), or
    /// `None` when the gazetteer does not know it.
    pub fn places(&self, name: &str) -> Option<&BTreeSet<String>> {
        let name = name.trim();
        is_code(name)
            .then(|| self.place_codes.get(name))
            .flatten()
            .or_else(|| self.places.get(&key(name)))
    }

    /// Whether the words between two names declare them one ("also known as", "formerly"); `words` is
    /// lowercase, punctuation removed.
    pub fn is_alias_cue(&self, words: &str) -> bool {
        self.alias_cues.contains(words)
    }

    /// Whether one given name is a nickname of the other, either way ("Katie", "Kathryn").
    pub fn is_nickname(&self, a: &str, b: &str) -> bool {
        let (a, b) = (word_key(a), word_key(b));
        self.nicknames.contains(&(a.clone(), b.clone())) || self.nicknames.contains(&(b, a))
    }

    /// Whether a word names the kind of a place ("Sea", "Province", "Airport").
    pub fn is_place_feature(&self, word: &str) -> bool {
        self.place_features.contains(&word_key(word))
    }

    /// Whether a name is made only of words that say where ("the North", "South West").
    pub fn is_direction_only(&self, name: &str) -> bool {
        let mut words = name.split_whitespace().peekable();
        words.peek().is_some() && words.all(|w| self.directions.contains(&word_key(w)))
    }

    /// Whether a word is a first-level subdivision's own ("Province" in "Hormozgan Province").
    pub fn is_admin_unit(&self, word: &str) -> bool {
        self.admin_units.contains(&word_key(word))
    }

    /// The level of subdivision a word names when it is written in lowercase after a place name
    /// ("province" in "Kerman province": a first-level subdivision; "township": a second-level one).
    pub fn subdivision_level(&self, word: &str) -> Option<Kind> {
        self.subdivision_levels.get(&word_key(word)).copied()
    }

    /// Whether a word belongs to a state's formal name ("Republic", "State", "of").
    pub fn is_state_word(&self, word: &str) -> bool {
        self.state_words.contains(&word_key(word))
    }

    /// A name's words with abbreviated generic words written out ("mt cook" → "mount cook", "st
    /// louis" → "saint louis"); words are lowercase keys.
    pub fn expand_abbreviations(&self, words: &[String]) -> Vec<String> {
        words
            .iter()
            .enumerate()
            .map(|(i, w)| {
                let first = (i == 0).then(|| self.first_abbreviations.get(w)).flatten();
                first
                    .or_else(|| self.abbreviations.get(w))
                    .cloned()
                    .unwrap_or_else(|| w.clone())
            })
            .collect()
    }

    /// Whether a name is a country, capital, state, region or continent (not only a city's name).
    pub fn is_major_place(&self, name: &str) -> bool {
        self.major_places.contains(&key(name))
            || (is_code(name.trim()) && self.place_codes.contains_key(name.trim()))
    }

    /// Whether the gazetteer knows a name (not a code) as a country's, its own or an alternate
    /// ("Turkiye", "Britain").
    pub fn is_country_name(&self, name: &str) -> bool {
        !is_code(name.trim())
            && self
                .places
                .get(&key(name))
                .is_some_and(|p| p.iter().any(|k| self.countries.contains(k)))
    }

    /// Whether the gazetteer knows a name as a city or a state and never as a country, continent or
    /// region: a name a club can go by ("Seattle", "North Carolina"), not a national side's ("France").
    pub fn is_local_place(&self, name: &str) -> bool {
        self.places(name).is_some() && !self.nations.contains(&key(name)) && !is_code(name.trim())
    }

    /// Whether `word` is a cue of this kind (`context_cues.tsv`).
    pub fn cue(&self, word: &str, kind: Cue) -> bool {
        self.cues.contains(&(kind, word_key(word)))
    }

    /// The one place a name stands for: the one the gazetteer knows ("Türkiye" for "Turkey"), or, of a
    /// country and cities, the country ("Holland" is the Netherlands, not Holland, Michigan; "Puerto
    /// Rico" the island, not San Juan, of which GeoNames lists it as an alternate name).
    pub fn place(&self, name: &str) -> Option<&str> {
        let p = self.places(name)?;
        let mut countries = p.iter().filter(|k| self.countries.contains(*k));
        match (p.len(), countries.next(), countries.next()) {
            (1, ..) => p.iter().next(),
            (_, Some(country), None) => Some(country),
            _ => None,
        }
        .map(String::as_str)
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// Small lists in the shipped format, for unit tests.
    pub(crate) fn sample() -> Lexicons {
        Lexicons::from_texts(&[
            "# titles\nmr\nms\nmiss\ndr\nking\tgiven\nprince\tgiven\npresident\ngen\ncapt\nsir\nprof\nsen\ngov\nminister\n",
            "# suffixes\njr\tjunior\nsr\ni\nii\niii\n",
            "# designators\ninc\ncorp\ncorporation\nco\nltd\nplc\ngroup\nllc\nag\ngmbh\nsa\nnv\n",
            "# demonyms\nFrench\tFrance\nKenyan\tKenya\nRussian\tRussia\nTurkish\tTürkiye\nSouth African\tSouth Africa\n",
            "# places\nParis\tParis\tcapital\nNairobi\tNairobi\tcapital\nTurkey\tTürkiye\tcountry\nTürkiye\tTürkiye\tcountry\nGeorgia\tGeorgia\tcountry\nGeorgia\tGeorgia\tstate\nUK\tUnited Kingdom\tcountry\nHolland\tHolland\tcity\nHolland\tNetherlands\tcountry\nNetherlands\tNetherlands\tcountry\nNew Orleans\tNew Orleans\tcity\nSeattle\tSeattle\tcity\nChicago\tChicago\tcity\nThe Hague\tThe Hague\tcity\n",
            "# cues\nalso known as\nknown as\nformerly\naka\n",
            "# nicknames\nkathryn\tkatie\nfrederick\tfred\nwilliam\tbill\ntom\ttommy\nashley\tlee\nkimberly\tkim\n",
            "# features\nsea\nprovince\ngulf\nharbour\nrepublic\tstate\nof\tstate\nthe\tstate\n",
            "# abbreviations\nmt\tmount\tany\nst\tsaint\tfirst\n",
            "# genders\ntitle\tmr\tm\ntitle\tsir\tm\ntitle\tms\tf\ntitle\tmiss\tf\ngiven\tjohn\tm\ngiven\tcharles\tm\ngiven\tkatie\tf\ngiven\tkathryn\tf\n",
            "# surnames\nsmith\nking\nknight\n",
            "# cues\nhospital\tfacility\nchurch\tfacility\nclinic\tfacility\ninto\tsite\nat\tsite\nchecked\tcheck\nchecks\tcheck\nherself\treflexive\nfamily\tgroup\nsisters\tgroup\nbeat\tresult\ndefeated\tresult\nvictory\tcontest\nwin\tcontest\ngame\tcontest\nlost\tcontest\nlost\tloss\nover\tlink\nagainst\tlink\nto\tloss_link\nin\tvenue\nat\tvenue\nto\tvenue\nbased\torigin\nborn\torigin\n",
            "# articles\nal\nel\nash\nad\n",
            "# compounds\nmolotov cocktail\nalzheimer's disease\nrichter scale\nnew york minute\n",
        ])
    }

    #[test]
    fn lookups_fold_case_accents_and_dots() {
        let l = sample();
        assert!(l.is_title("Dr.") && l.is_title("PRESIDENT") && !l.is_title("Paris"));
        assert!(l.is_suffix("Jr.") && l.is_designator("Corp.") && l.is_designator("PLC"));
        assert!(l.is_junior_suffix("JR.") && l.is_suffix("Sr") && !l.is_junior_suffix("Sr"));
        assert!(l.is_surname("KING") && !l.is_surname("President"));
        assert!(l.is_given_name_title("Prince") && !l.is_given_name_title("Dr."));
        assert!(l.is_given_name("Tommy") && l.is_given_name("John") && !l.is_given_name("Smith"));
        assert_eq!(l.demonym_of("Kenyans"), Some(&["Kenya".to_string()][..]));
        assert_eq!(l.demonym_of("Paris"), None);
        assert_eq!(l.place("Turkey"), l.place("Turkiye"));
        assert_eq!(l.place("Georgia"), Some("georgia"));
        // Of a country and a city, the country.
        assert_eq!(l.place("Holland"), Some("netherlands"));
        assert_eq!(l.places("Holland").map(|p| p.len()), Some(2));
        assert!(l.places("Atlantis").is_none());
        let w = |s: &str| s.split(' ').map(String::from).collect::<Vec<_>>();
        assert_eq!(l.expand_abbreviations(&w("mt cook")), w("mount cook"));
        assert_eq!(l.expand_abbreviations(&w("st louis")), w("saint louis"));
        assert_eq!(l.expand_abbreviations(&w("main st")), w("main st"));
        // Codes match only as written.
        assert_eq!(l.place("UK"), Some("united kingdom"));
        assert!(l.places("Uk").is_none() && l.is_major_place("UK") && !l.is_major_place("uk"));
    }

    #[test]
    fn the_shipped_lists_load_and_name_their_source() {
        let dir = newsner_core::source_root().join(newsner_core::DEFAULT_LEXICONS);
        let l = Lexicons::load(&dir).unwrap();
        for f in FILES {
            let text = std::fs::read_to_string(dir.join(f)).unwrap();
            let header: String = text.lines().take_while(|l| l.starts_with('#')).collect();
            assert!(
                header.contains("ource") && header.contains("icen"),
                "{f}: {header}"
            );
        }
        // Common nouns named after a name, from WordNet.
        for c in [
            "molotov cocktail",
            "richter scale",
            "alzheimer's disease",
            "petri dish",
        ] {
            assert!(l.is_name_compound(c), "{c}");
        }
        // Capitals and regions are places, demonyms are not.
        for p in [
            "Paris", "Helsinki", "Nairobi", "Karachi", "Tripoli", "Hawaii",
        ] {
            assert!(l.places(p).is_some(), "{p}");
            assert!(l.demonym_of(p).is_none(), "{p}");
        }
        // Airport codes are not kept, and a word is not a code: "Sox" and "ABC" are not places.
        for p in ["Sox", "SOX", "ABC"] {
            assert!(l.places(p).is_none(), "{p}");
        }
        for d in ["French", "Pakistani", "Kenyans", "Finnish"] {
            assert!(l.demonym_of(d).is_some(), "{d}");
        }
        // A language names every country that speaks it, not the last one listed.
        let chinese = l.demonym_of("Chinese").unwrap_or_default();
        assert!(chinese.len() > 1 && chinese.iter().any(|c| c == "China"));
        assert_eq!(l.place("Turkey"), l.place("Türkiye"));
        assert!(l.is_title("Dr") && l.is_suffix("Jr") && l.is_designator("Inc"));
        // Genders: of titles, and of given names the Census lists keep apart.
        assert_eq!(l.title_gender("Mrs."), Some(Gender::Female));
        assert_eq!(l.title_gender("Sir"), Some(Gender::Male));
        assert_eq!(l.title_gender("Dr"), None);
        assert_eq!(l.given_gender("John"), Some(Gender::Male));
        assert_eq!(l.given_gender("Katie"), Some(Gender::Female));
        for unisex in ["Andrea", "Jean", "Kim", "Leslie"] {
            assert_eq!(l.given_gender(unisex), None, "{unisex}");
        }
    }
}
