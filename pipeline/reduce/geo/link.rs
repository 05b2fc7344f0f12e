//! Place linking: which GeoNames place a place name of an article means.
//!
//! Each distinct place name of an article gets the gazetteer's candidates for it, scored as
//! `prior + context`:
//! - **prior**: the log of the place's population, a bonus for a country, continent or capital, a penalty for a
//!   subdivision (more for one named like its largest city, a candidate too: "Osaka", "Tehran" are the
//!   cities, "Quebec" the province, whose largest city is Montreal), and a bonus when the name is the place's own rather than one of its alternate names;
//! - **context**: for every other place name of the same article (twice for one in the article's
//!   first line, its dateline), how likely that name is a place of the same country, more of the same
//!   subdivision, and much more when the candidate is the subdivision that holds it, each weighed by
//!   the share the other name's candidate has of its priors; capped;
//! - **qualifier**: a place name written after it and a comma whose country or state holds the candidate
//!   ("Naples, Italy"; [`LinkConfig::qualifier`]), outside the cap on the article's context; a city
//!   that a country or state written so does not hold is ruled out ("Park City, Utah" is not
//!   Bridgeport, Connecticut, one of whose other names is Park City);
//! - **another state**: a city or county whose article names no other place of its state or province,
//!   and names another state or province of its country or places of its country in one other only
//!   (two at least), gains nothing from the article's places ("Palmer" beside Alaska and Anchorage,
//!   when the gazetteer's only Palmer is in Massachusetts);
//! - **corpus**: the candidate's mean share (after the article's context) over every occurrence of the
//!   same name in the corpus, so that one article with little to go on follows the others ("Vancouver"
//!   in thirteen articles on British Columbia and one that also names Oregon), while two articles with
//!   strong and opposite context keep their own readings; a qualified occurrence weighs
//!   [`LinkConfig::corpus_qualified`] times another.
//!
//! The link score of a candidate is its share of the candidates' scores (softmax) times how plausible it
//! is at all (a logistic of its score against a place of [`LinkConfig::nil_population`]; a country or
//! a capital is plausible whatever its size; a subdivision's penalties rank it but do not make it less
//! plausible, unless its article names other places and none of them is in the subdivision's
//! country), so a name that no candidate fits well
//! ("Airport", "Summit") stays unlinked. A link is given only at or above
//! [`LinkConfig::threshold`]; below it the candidates are still listed.

use super::gazetteer::{Gazetteer, Kind, Match, Place};
use crate::normalize::names::key;
use crate::Result;
use newsner_core::error::Error;
use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::path::Path;

/// The linker's weights and threshold (`[link]` of `normalize.toml`, [`crate::normalize::config`]).
#[derive(Debug, Clone, PartialEq, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LinkConfig {
    /// Added to a country's or continent's prior.
    pub country_bonus: f32,
    /// Added to a first-level subdivision's prior.
    pub admin1_bonus: f32,
    /// Added to a capital's prior.
    pub capital_bonus: f32,
    /// A country or a capital is at least this much above the even odds of a place of
    /// [`Self::nil_population`] in plausibility, whatever its population (a capital may be small). Not
    /// a subdivision: in BBC News that let "Gulf", "Balkan" and "Los Santos" link to provinces.
    pub known_margin: f32,
    /// Added again to a subdivision when a city of it is also a candidate.
    pub admin1_of_city_bonus: f32,
    /// Added when the name is the place's own.
    pub own_name_bonus: f32,
    /// Weight of one other place of the article in the same country.
    pub same_country: f32,
    /// Added for one in the same subdivision.
    pub same_admin1: f32,
    /// Added instead for a subdivision that holds the other place ("Georgia" beside "Atlanta").
    pub admin1_holds: f32,
    /// Most context a candidate can gain from its article.
    pub context_cap: f32,
    /// Added to a candidate that a qualifier written after it holds ("Naples, Italy"), and to a
    /// qualifier's candidate that holds a candidate of the name it follows ("Athens, Georgia").
    pub qualifier: f32,
    /// Weight of the corpus: times the candidate's mean share over all occurrences of the same name.
    pub corpus_same_name: f32,
    /// Weight in that mean of an occurrence the text qualifies ("Naples, Italy"), against 1 for others.
    pub corpus_qualified: f32,
    /// Weight of a place in the article's dateline (its first line, up to this many bytes).
    pub dateline_bytes: usize,
    /// A candidate scoring as a place of this population with no bonus is even odds.
    pub nil_population: f32,
    /// Smallest link score given as a link.
    pub threshold: f32,
    /// Smallest link score, on both sides, for two rows of one name linked to two places to be kept
    /// apart (a near tie, "Huntsville" 0.52 in Alabama against 0.47 in Texas, is not evidence enough).
    pub apart: f32,
    /// Candidates listed per name.
    pub listed: usize,
    /// Taken from how plausible a candidate is when its article names other places and none of them
    /// is in its country.
    pub foreign_penalty: f32,
    /// Smallest population of a city a misspelt name is read as ([`Gazetteer::misspelt`]); a country
    /// or subdivision is read so whatever its size.
    pub misspelt_population: u64,
}

impl Default for LinkConfig {
    /// The shipped weights.
    fn default() -> Self {
        crate::normalize::config::Config::default().link
    }
}

/// A place name in an article, to link.
#[derive(Debug, Clone)]
pub struct Occurrence<'a> {
    /// The name.
    pub name: &'a str,
    /// The article (index).
    pub article: usize,
    /// Byte offset of its first mention in the article.
    pub first_byte: usize,
    /// The name says only where ("the North"): a candidate needs a place of its country in the article.
    pub needs_country: bool,
    /// Occurrences (indices into the same slice) of place names that qualify this one: written right
    /// after one of its mentions and a comma ("Naples, Italy"; "Athens, Georgia").
    pub qualifiers: Vec<usize>,
    /// Every mention is written after "the", one at least as the head of its phrase ("at the
    /// Riverside", "the White House said"): a thing named after a place, not a city.
    pub definite: bool,
    /// The text names a subdivision of this level ("Kerman province", "Vienna township"): only the
    /// gazetteer's places of that kind are candidates (none, where it holds no such place).
    pub level: Option<Kind>,
}

/// A name's candidates with their link scores, best first.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Linked {
    /// (index into the gazetteer's places, link score).
    pub candidates: Vec<(usize, f32)>,
    /// Set by the user's links table: the candidates are the user's (one, or none).
    pub by_user: bool,
}

impl Linked {
    /// The place linked, when its score reaches `threshold`.
    pub fn link(&self, threshold: f32) -> Option<usize> {
        self.candidates
            .first()
            .filter(|c| c.1 >= threshold)
            .map(|c| c.0)
    }
}

/// The user's links table (`links.csv`: `name,geonames_id`): a name always linked to one id, or never
/// linked when the id is empty or `none`. It is the user's file, read on every run, so corrections
/// survive re-runs.
#[derive(Debug, Clone, Default)]
pub struct UserLinks {
    by_key: HashMap<String, Option<usize>>,
}

impl UserLinks {
    /// Reads a links table; ids must be in the gazetteer.
    pub fn load(path: &Path, gaz: &Gazetteer) -> Result<UserLinks> {
        let mut r = csv::ReaderBuilder::new()
            .flexible(true)
            .comment(Some(b'#'))
            .from_path(path)
            .map_err(|e| Error::input(path, format!("cannot read the links table: {e}")))?;
        let mut by_key = HashMap::new();
        for (i, row) in r.records().enumerate() {
            let row = row.map_err(|e| Error::input(path, format!("row {}: {e}", i + 2)))?;
            let name = row.get(0).unwrap_or("").trim();
            let id = row.get(1).unwrap_or("").trim();
            if name.is_empty() {
                continue;
            }
            let place = match id {
                "" | "none" => None,
                _ => {
                    let n: u32 = id.parse().map_err(|_| {
                        Error::input(path, format!("row {}: {id:?} is not a GeoNames id", i + 2))
                    })?;
                    Some(gaz.by_id(n).ok_or_else(|| {
                        Error::input(
                            path,
                            format!("row {}: GeoNames id {n} is not in the gazetteer", i + 2),
                        )
                    })?)
                }
            };
            by_key.insert(key(name), place);
        }
        Ok(UserLinks { by_key })
    }

    /// The user's link for a name, if the table has the name.
    pub fn get(&self, name: &str) -> Option<Option<usize>> {
        self.by_key.get(&key(name)).copied()
    }
}

/// Links every occurrence: its candidates scored with the other place names of its article, then with
/// what the same name means in the whole corpus.
pub fn link_all(
    occ: &[Occurrence<'_>],
    gaz: &Gazetteer,
    user: &UserLinks,
    cfg: &LinkConfig,
) -> Vec<Linked> {
    let found: Vec<Cow<[Match]>> = occ
        .iter()
        .map(|o| {
            let found = gaz.candidates(o.name, cfg.misspelt_population);
            match o.level {
                Some(level) => Cow::Owned(of_level(&found, level, gaz)),
                None => found,
            }
        })
        .collect();
    let cands: Vec<&[Match]> = found.iter().map(|c| c.as_ref()).collect();
    let (priors, ranking): (Vec<Vec<f32>>, Vec<Vec<f32>>) =
        cands.iter().map(|c| priors(c, gaz, cfg)).unzip();
    let contexts = contexts(occ, &cands, &priors, gaz, cfg);
    let scores: Vec<Vec<f32>> = priors
        .iter()
        .zip(&contexts)
        .map(|(p, x)| p.iter().zip(x).map(|(p, x)| p + x).collect())
        .collect();
    let scored = Scored {
        named: names_per_article(occ, &cands),
        articles: occ
            .iter()
            .enumerate()
            .fold(HashMap::new(), |mut by, (i, o)| {
                by.entry(o.article)
                    .or_insert_with(Vec::new)
                    .push((i, key(o.name)));
                by
            }),
        corpus: corpus_shares(occ, &cands, &scores, cfg),
        cands,
        ranking,
        contexts,
        scores,
    };
    occ.iter()
        .enumerate()
        .map(|(i, o)| match user.get(o.name) {
            Some(choice) => Linked {
                candidates: choice.map(|p| (p, 1.0)).into_iter().collect(),
                by_user: true,
            },
            None => scored.linked(i, o, gaz, cfg),
        })
        .collect()
}

/// Every occurrence's candidates with their scores: prior plus context, the part of the prior that
/// only ranks, the context alone, and what the corpus and the article say.
struct Scored<'a> {
    cands: Vec<&'a [Match]>,
    ranking: Vec<Vec<f32>>,
    contexts: Vec<Vec<f32>>,
    scores: Vec<Vec<f32>>,
    named: HashMap<usize, usize>,
    /// Each article's occurrences, with their names' keys.
    articles: HashMap<usize, Vec<(usize, String)>>,
    corpus: HashMap<String, (f32, HashMap<usize, f32>)>,
}

impl Scored<'_> {
    /// Occurrence `i`'s candidates with their link scores, best first.
    fn linked(&self, i: usize, o: &Occurrence<'_>, gaz: &Gazetteer, cfg: &LinkConfig) -> Linked {
        let (n, shares) = &self.corpus[&key(o.name)];
        let total: Vec<f32> = self.cands[i]
            .iter()
            .zip(&self.scores[i])
            .map(|(m, s)| {
                s + cfg.corpus_same_name * shares.get(&m.place).copied().unwrap_or(0.0) / n
            })
            .collect();
        // The corpus ranks the candidates; whether one fits at all is the article's to say.
        let fits = (0..self.cands[i].len()).map(|k| self.fit(i, k, o, gaz, cfg));
        let mut scored: Vec<(usize, f32)> = self.cands[i]
            .iter()
            .zip(softmax(&total).into_iter().zip(fits))
            .map(|(m, (p, f))| (m.place, p * f))
            .collect();
        scored.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        scored.truncate(cfg.listed);
        Linked {
            candidates: scored,
            by_user: false,
        }
    }

    /// How plausible candidate `k` of occurrence `i` is at all. It is not lowered by what only ranks it
    /// below a namesake (a subdivision against a city), unless its article names other places and none
    /// of them is in the candidate's country ("Balkan" beside Albania and Bulgaria is no province of
    /// Turkmenistan, nor "Cascades" beside Washington a region of Burkina Faso); then it is lowered by
    /// [`LinkConfig::foreign_penalty`] as well, a city too ("Twickenham" beside London is no old name
    /// of Huntsville, Alabama), which a country or a capital survives. Nor is a city or county
    /// helped by the places of an article on another state or province of its country
    /// ([`Self::elsewhere`]). A name that says only where fits no candidate without the article's
    /// context, and a qualifier that does not hold a city rules it out ([`Self::contradicted`]).
    fn fit(
        &self,
        i: usize,
        k: usize,
        o: &Occurrence<'_>,
        gaz: &Gazetteer,
        cfg: &LinkConfig,
    ) -> f32 {
        let (m, s, r, c) = (
            &self.cands[i][k],
            self.scores[i][k],
            self.ranking[i][k],
            self.contexts[i][k],
        );
        let against = self.named.get(&o.article).is_some_and(|&n| n > 1) && c <= 0.0;
        let p = &gaz.places()[m.place];
        let s = if against {
            s - cfg.foreign_penalty
        } else {
            s - r
        } - if self.elsewhere(i, o, p, gaz) { c } else { 0.0 };
        let known = matches!(p.kind, Kind::Country | Kind::Continent) || (p.capital && m.primary);
        let nil = cfg.nil_population.ln();
        if (o.needs_country && c <= 0.0) || self.contradicted(o, p, gaz) || named_as_thing(o, p) {
            0.0
        } else if known {
            sigmoid((s - nil).max(cfg.known_margin))
        } else {
            sigmoid(s - nil)
        }
    }

    /// Whether a qualifier written after the name says it lies elsewhere: a city or county `p` that
    /// none of its qualifiers holds, where one of them reads as a country or first-level subdivision
    /// ("Park City, Utah" is no alternate name of Bridgeport, Connecticut; "Paris, Texas" no Paris in
    /// France). A qualifier that reads as a city says nothing: "Bournemouth, Manchester" is a list.
    fn contradicted(&self, o: &Occurrence<'_>, p: &Place, gaz: &Gazetteer) -> bool {
        if !matches!(p.kind, Kind::City | Kind::Admin2) || o.qualifiers.is_empty() {
            return false;
        }
        let places = gaz.places();
        let regions: Vec<&Place> = o
            .qualifiers
            .iter()
            .filter_map(|&j| self.best(j).map(|m| &places[m.place]))
            .filter(|q| matches!(q.kind, Kind::Country | Kind::Admin1))
            .collect();
        !regions.is_empty() && !regions.iter().any(|q| q.id == p.id || holds(q, p))
    }

    /// Whether occurrence `i`'s article is on another part of the country of city or county `p`,
    /// whose places then say nothing for it: it names no other place in `p`'s state or province, and
    /// either names another state or province of the country or all its other places of the country
    /// (two at least) lie in one other ("Palmer" beside Alaska and Anchorage is no support for the
    /// town of Massachusetts, nor "Goose Creek" beside Baytown and Houston for the town of South
    /// Carolina). Each other name is read as its best candidate.
    fn elsewhere(&self, i: usize, o: &Occurrence<'_>, p: &Place, gaz: &Gazetteer) -> bool {
        if !matches!(p.kind, Kind::City | Kind::Admin2) {
            return false;
        }
        let places = gaz.places();
        let own = key(o.name);
        let mut states: HashMap<&str, HashSet<usize>> = HashMap::new();
        let mut other_state = false;
        for (j, name) in self.articles.get(&o.article).map_or(&[][..], Vec::as_slice) {
            let Some(m) = self.best(*j).filter(|_| *j != i && *name != own) else {
                continue;
            };
            let q = &places[m.place];
            if q.country != p.country || q.kind == Kind::Country {
                continue;
            }
            if q.admin1 == p.admin1 {
                return false;
            }
            other_state |= q.kind == Kind::Admin1;
            states.entry(q.admin1.as_str()).or_default().insert(m.place);
        }
        other_state || (states.len() == 1 && states.values().any(|s| s.len() >= 2))
    }

    /// Occurrence `j`'s best candidate by its prior and context.
    fn best(&self, j: usize) -> Option<&Match> {
        self.cands[j]
            .iter()
            .zip(&self.scores[j])
            .max_by(|a, b| a.1.total_cmp(b.1))
            .map(|(m, _)| m)
    }
}

/// Whether occurrence `o` names a thing called after city `p` rather than the city: English writes a
/// city's name without an article ("the Riverside" is a stadium, "the White House" no Casablanca,
/// "the Halifax" a bank), unless the city's own name has one ("The Hague", "The Bronx"). Not a
/// capital ("the Vatican").
fn named_as_thing(o: &Occurrence<'_>, p: &Place) -> bool {
    o.definite && p.kind == Kind::City && !p.capital && !p.name.starts_with("The ")
}

/// The candidates of a name the text says is a subdivision of `level` ("Kerman province"): those of
/// that kind; where there are none, for a first-level subdivision, the ones whose largest city the name
/// is ("Banda Aceh province": Aceh, whose capital is Banda Aceh).
fn of_level(found: &[Match], level: Kind, gaz: &Gazetteer) -> Vec<Match> {
    let places = gaz.places();
    let kept: Vec<Match> = found
        .iter()
        .filter(|m| places[m.place].kind == level)
        .copied()
        .collect();
    if !kept.is_empty() || level != Kind::Admin1 {
        return kept;
    }
    let mut held: Vec<Match> = found
        .iter()
        .filter(|m| gaz.is_largest_city(m.place))
        .filter_map(|m| gaz.subdivision_of(m.place))
        .map(|place| Match {
            place,
            primary: false,
        })
        .collect();
    held.sort_by_key(|m| m.place);
    held.dedup_by_key(|m| m.place);
    held
}

/// Each occurrence's candidates' context from the other place names of its article.
fn contexts(
    occ: &[Occurrence<'_>],
    cands: &[&[Match]],
    priors: &[Vec<f32>],
    gaz: &Gazetteer,
    cfg: &LinkConfig,
) -> Vec<Vec<f32>> {
    let first: Vec<Vec<f32>> = priors.iter().map(|p| softmax(p)).collect();
    let mut by_article: HashMap<usize, Vec<usize>> = HashMap::new();
    for (i, o) in occ.iter().enumerate() {
        if !cands[i].is_empty() {
            by_article.entry(o.article).or_default().push(i);
        }
    }
    let mut qualifies: Vec<Vec<usize>> = vec![Vec::new(); occ.len()];
    for (i, o) in occ.iter().enumerate() {
        for &j in &o.qualifiers {
            qualifies[j].push(i);
        }
    }
    occ.iter()
        .enumerate()
        .map(|(i, o)| {
            let others = by_article.get(&o.article).map_or(&[][..], Vec::as_slice);
            cands[i]
                .iter()
                .map(|m| {
                    context(i, m.place, others, occ, cands, &first, gaz, cfg)
                        + qualified(i, m.place, &qualifies[i], occ, cands, gaz, cfg)
                })
                .collect()
        })
        .collect()
}

/// What a qualifier written beside occurrence `i` says for its candidate `place` (outside the cap on
/// the article's context, since the text says it): [`LinkConfig::qualifier`] when a candidate of one
/// of its qualifiers holds it ("Naples, Italy": the Naples in Italy), or when it holds a candidate of
/// a name that `i` qualifies (`qualifies`; "Athens, Georgia": the state that holds an Athens).
fn qualified(
    i: usize,
    place: usize,
    qualifies: &[usize],
    occ: &[Occurrence<'_>],
    cands: &[&[Match]],
    gaz: &Gazetteer,
    cfg: &LinkConfig,
) -> f32 {
    let places = gaz.places();
    let p = &places[place];
    let held = occ[i]
        .qualifiers
        .iter()
        .any(|&j| cands[j].iter().any(|m| holds(&places[m.place], p)));
    let holding = qualifies
        .iter()
        .any(|&j| cands[j].iter().any(|m| holds(p, &places[m.place])));
    if held || holding {
        cfg.qualifier
    } else {
        0.0
    }
}

/// Whether place `outer` holds place `inner`: a country any place of it, a first-level subdivision
/// the cities and counties of its region. Not a county: the gazetteer gives a city its first-level
/// subdivision only, and a list of towns ("Bournemouth, Manchester") is no qualifier.
fn holds(outer: &Place, inner: &Place) -> bool {
    if outer.country.is_empty() || outer.country != inner.country || outer.id == inner.id {
        return false;
    }
    match outer.kind {
        Kind::Country => inner.kind != Kind::Country,
        Kind::Admin1 => {
            matches!(inner.kind, Kind::City | Kind::Admin2) && inner.admin1 == outer.admin1
        }
        Kind::Admin2 | Kind::City | Kind::Continent => false,
    }
}

/// For each article: how many distinct place names of it the gazetteer holds.
fn names_per_article(occ: &[Occurrence<'_>], cands: &[&[Match]]) -> HashMap<usize, usize> {
    let mut names: HashMap<usize, HashSet<String>> = HashMap::new();
    for (o, c) in occ.iter().zip(cands) {
        if !c.is_empty() {
            names.entry(o.article).or_default().insert(key(o.name));
        }
    }
    names.into_iter().map(|(a, n)| (a, n.len())).collect()
}

/// For each name (key): its occurrences, and each candidate's summed share over them.
fn corpus_shares(
    occ: &[Occurrence<'_>],
    cands: &[&[Match]],
    scores: &[Vec<f32>],
    cfg: &LinkConfig,
) -> HashMap<String, (f32, HashMap<usize, f32>)> {
    let mut corpus: HashMap<String, (f32, HashMap<usize, f32>)> = HashMap::new();
    for (i, o) in occ.iter().enumerate() {
        let weight = if o.qualifiers.is_empty() {
            1.0
        } else {
            cfg.corpus_qualified
        };
        let entry = corpus.entry(key(o.name)).or_default();
        entry.0 += weight;
        for (m, share) in cands[i].iter().zip(softmax(&scores[i])) {
            *entry.1.entry(m.place).or_default() += weight * share;
        }
    }
    corpus
}

/// Each candidate's prior (see the module), and the part of it that only ranks a subdivision below a
/// city of the same name (the subdivision penalties), which [`link_all`] leaves out of whether the
/// candidate fits at all: a region's population is the sum of its towns of 15,000 people or more, an
/// undercount, and "Kamchatka" or "Sardinia" named alone are no less places for being regions.
fn priors(cands: &[Match], gaz: &Gazetteer, cfg: &LinkConfig) -> (Vec<f32>, Vec<f32>) {
    let places = gaz.places();
    let city_admins: HashSet<(&str, &str)> = cands
        .iter()
        .filter(|m| gaz.is_largest_city(m.place))
        .map(|m| &places[m.place])
        .map(|p| (p.country.as_str(), p.admin1.as_str()))
        .collect();
    let countries: HashSet<&str> = cands
        .iter()
        .map(|m| &places[m.place])
        .filter(|p| p.kind == Kind::Country)
        .map(|p| p.country.as_str())
        .collect();
    // A county or province named as a city of its region is named after that city ("Paris",
    // "Valencia"): the city comes first.
    let city_regions: HashSet<(&str, &str)> = cands
        .iter()
        .map(|m| &places[m.place])
        .filter(|p| p.kind == Kind::City)
        .map(|p| (p.country.as_str(), p.admin1.as_str()))
        .collect();
    cands
        .iter()
        .map(|m| {
            let p = &places[m.place];
            let ranking = match p.kind {
                Kind::Admin1 if city_admins.contains(&(p.country.as_str(), p.admin1.as_str())) => {
                    cfg.admin1_bonus + cfg.admin1_of_city_bonus
                }
                Kind::Admin1 => cfg.admin1_bonus,
                Kind::Admin2 if city_regions.contains(&(p.country.as_str(), p.admin1.as_str())) => {
                    cfg.admin1_bonus + cfg.admin1_of_city_bonus
                }
                Kind::Admin2 => cfg.admin1_bonus,
                _ => 0.0,
            };
            let mut s = (p.population as f32 + 1.0).ln() + ranking;
            s += match p.kind {
                Kind::Country | Kind::Continent => cfg.country_bonus,
                Kind::Admin1 | Kind::Admin2 => 0.0,
                // A capital by its own name ("Victoria" is one of Hong Kong's other names); not a
                // city-state's, over its country of the same name.
                Kind::City if p.capital && m.primary && !countries.contains(p.country.as_str()) => {
                    cfg.capital_bonus
                }
                Kind::City => 0.0,
            };
            if m.primary {
                s += cfg.own_name_bonus;
            }
            (s, ranking)
        })
        .unzip()
}

/// What the other place names of the article say for candidate `place` of occurrence `i`.
#[allow(clippy::too_many_arguments)]
fn context(
    i: usize,
    place: usize,
    others: &[usize],
    occ: &[Occurrence<'_>],
    cands: &[&[Match]],
    first: &[Vec<f32>],
    gaz: &Gazetteer,
    cfg: &LinkConfig,
) -> f32 {
    let places = gaz.places();
    let p = &places[place];
    if p.country.is_empty() {
        return 0.0;
    }
    let own = key(occ[i].name);
    let mut total = 0.0;
    for &j in others {
        if j == i || key(occ[j].name) == own {
            continue;
        }
        let weight = if occ[j].first_byte < cfg.dateline_bytes {
            2.0
        } else {
            1.0
        };
        let mut best = 0.0f32;
        for (m, share) in cands[j].iter().zip(&first[j]) {
            let q = &places[m.place];
            if m.place == place || q.country != p.country {
                continue;
            }
            let mut s = cfg.same_country;
            if p.kind != Kind::Country && q.kind != Kind::Country && q.admin1 == p.admin1 {
                s += if p.kind == Kind::Admin1 && q.kind != Kind::Admin1 {
                    cfg.admin1_holds
                } else {
                    cfg.same_admin1
                };
            }
            best = best.max(s * share);
        }
        total += weight * best;
    }
    total.min(cfg.context_cap)
}

fn softmax(x: &[f32]) -> Vec<f32> {
    let max = x.iter().copied().fold(f32::NEG_INFINITY, f32::max);
    let e: Vec<f32> = x.iter().map(|v| (v - max).exp()).collect();
    let sum: f32 = e.iter().sum();
    e.iter().map(|v| v / sum).collect()
}

fn sigmoid(x: f32) -> f32 {
    1.0 / (1.0 + (-x).exp())
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "614540\tcountry\tGeorgia\tGE\t\t42.0\t43.5\t3704500\tSakartvelo\n\
        4197000\tadmin1\tGeorgia\tUS\tUS-GA\t33.7\t-84.4\t3456593\tState of Georgia\n\
        6252001\tcountry\tUnited States\tUS\t\t38\t-97\t327167434\tUSA\n\
        4180439\tcity\tAtlanta\tUS\tUS-GA\t33.7\t-84.4\t463878\t\n\
        611717\tcity\tTbilisi\tGE\tGE-TB\t41.7\t44.8\t1049498\tTiflis\n\
        5856195\tcity\tAirport\tUS\tUS-HI\t21.3\t-157.9\t28916\t\n\
        2925533\tcity\tFrankfurt am Main\tDE\tDE-HE\t50.1\t8.7\t650000\tFrankfurt\n\
        2925535\tcity\tFrankfurt (Oder)\tDE\tDE-BB\t52.3\t14.5\t57107\tFrankfurt\n";

    fn run(names: &[(&str, usize)]) -> Vec<Option<u32>> {
        let gaz = Gazetteer::parse(SAMPLE).unwrap();
        let occ: Vec<Occurrence> = names
            .iter()
            .enumerate()
            .map(|(k, &(name, article))| Occurrence {
                name,
                article,
                first_byte: 100 + k,
                needs_country: false,
                definite: false,
                qualifiers: Vec::new(),
                level: None,
            })
            .collect();
        let cfg = LinkConfig::default();
        link_all(&occ, &gaz, &UserLinks::default(), &cfg)
            .iter()
            .map(|l| l.link(cfg.threshold).map(|p| gaz.places()[p].id))
            .collect()
    }

    /// The shipped gazetteer.
    fn shipped() -> Gazetteer {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../models/lexicons/geonames.tsv.gz"
        );
        Gazetteer::load(Path::new(path)).expect("the shipped gazetteer")
    }

    /// The id the first of `names`, all of one article, links to; `needs_country` marks names that
    /// say only where.
    fn first_link(gaz: &Gazetteer, names: &[&str], needs_country: &[&str]) -> Option<u32> {
        let cfg = LinkConfig::default();
        let occ: Vec<Occurrence> = names
            .iter()
            .enumerate()
            .map(|(k, &name)| Occurrence {
                name,
                article: 0,
                first_byte: 100 + k,
                needs_country: needs_country.contains(&name),
                definite: false,
                qualifiers: Vec::new(),
                level: None,
            })
            .collect();
        link_all(&occ, gaz, &UserLinks::default(), &cfg)[0]
            .link(cfg.threshold)
            .map(|p| gaz.places()[p].id)
    }

    #[test]
    fn one_name_in_two_contexts_is_two_places() {
        let got = run(&[
            ("Georgia", 0),
            ("Atlanta", 0),
            ("Georgia", 1),
            ("Tbilisi", 1),
        ]);
        assert_eq!(got[0], Some(4197000), "the state beside Atlanta");
        assert_eq!(got[2], Some(614540), "the country beside Tbilisi");
        assert_eq!(run(&[("Georgia", 0)])[0], Some(614540), "the country alone");
    }

    #[test]
    fn the_larger_namesake_wins_and_a_poor_fit_stays_unlinked() {
        assert_eq!(run(&[("Frankfurt", 0)])[0], Some(2925533));
        assert_eq!(run(&[("Airport", 0)])[0], None);
        assert_eq!(run(&[("Tiflis", 0)])[0], Some(611717), "an alternate name");
        assert_eq!(run(&[("Nowhere", 0)])[0], None);
    }

    #[test]
    fn a_name_that_says_only_where_needs_its_country_in_the_article() {
        let gaz = Gazetteer::parse(&format!(
            "{SAMPLE}2222934\tadmin1\tWest\tCM\tCM-OU\t5.5\t10.4\t1900000\t\n\
             2220957\tcity\tYaounde\tCM\tCM-CE\t3.9\t11.5\t2440462\tYaoundé\n"
        ))
        .unwrap();
        let link = |names: &[&str]| first_link(&gaz, names, &["West"]);
        assert_eq!(
            link(&["West", "Atlanta"]),
            None,
            "the West of a story on America"
        );
        assert_eq!(
            link(&["West", "Yaounde"]),
            Some(2222934),
            "Cameroon's West region"
        );
    }

    #[test]
    fn the_users_table_overrides() {
        let gaz = Gazetteer::parse(SAMPLE).unwrap();
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("links.csv");
        std::fs::write(&p, "name,geonames_id\nGeorgia,4197000\nFrankfurt,none\n").unwrap();
        let user = UserLinks::load(&p, &gaz).unwrap();
        let occ = [
            Occurrence {
                name: "Georgia",
                article: 0,
                first_byte: 0,
                needs_country: false,
                definite: false,
                qualifiers: Vec::new(),
                level: None,
            },
            Occurrence {
                name: "Frankfurt",
                article: 0,
                first_byte: 9,
                needs_country: false,
                definite: false,
                qualifiers: Vec::new(),
                level: None,
            },
        ];
        let l = link_all(&occ, &gaz, &user, &LinkConfig::default());
        assert_eq!(l[0].link(0.5), gaz.by_id(4197000));
        assert!(l[1].by_user && l[1].link(0.5).is_none());
        std::fs::write(&p, "name,geonames_id\nGeorgia,123\n").unwrap();
        let err = UserLinks::load(&p, &gaz).unwrap_err().to_string();
        assert!(err.contains("links.csv") && err.contains("123"), "{err}");
    }

    /// A region named alone or beside a place of its country fits; in an article whose other places
    /// are all in other countries, a region of few towns does not ("Balkan", "Cascades").
    #[test]
    fn a_region_unsupported_by_its_articles_places_stays_unlinked() {
        let gaz = shipped();
        let link = |names: &[&str]| first_link(&gaz, names, &[]);
        assert_eq!(link(&["Kamchatka"]), Some(2125072));
        assert_eq!(link(&["Kamchatka", "Russia"]), Some(2125072));
        assert_eq!(link(&["Balkan", "Albania", "Bulgaria"]), None);
        assert_eq!(link(&["Cascades", "Seattle"]), None);
    }

    /// Capitals, regions and other spellings, each alone in its article, on the shipped gazetteer.
    #[test]
    fn capitals_regions_and_other_spellings_link_alone() {
        let gaz = shipped();
        let probes: &[(&str, u32)] = &[
            ("Nairobi", 184745),
            ("Singapore", 1880251),
            ("Washington", 4140963),
            ("Valletta", 2562305),
            ("Canberra", 2172517),
            ("Ottawa", 6094817),
            ("Ankara", 323786),
            ("Moscow", 524901),
            ("Cairo", 360630),
            ("Bavaria", 2951839),
            ("Catalonia", 3336901),
            ("Queensland", 2152274),
            ("Ontario", 6093943),
            ("Texas", 4736286),
            ("Kamchatka", 2125072),
            ("Sardinia", 2523228),
            ("Nangarhar", 1132366),
            ("Kiev", 703448),
            ("Kyiv", 703448),
            ("Peking", 1816670),
            ("Calcutta", 1275004),
            ("Kolkata", 1275004),
            ("Halab", 170063),
            ("Aleppo", 170063),
            ("Bombay", 1275339),
            ("Tiflis", 611717),
            ("Madras", 1264527),
            ("Saigon", 1566083),
            // A region named like a city is the city where that city is its largest ("Osaka",
            // "Tehran"), the region where another city is ("Quebec": Montreal; "Okinawa": Naha).
            ("Osaka", 1853909),
            ("Tehran", 112931),
            ("Quebec", 6115047),
            ("Okinawa", 1854345),
        ];
        let mut wrong = Vec::new();
        for &(name, id) in probes {
            let got = first_link(&gaz, &[name], &[]);
            if got != Some(id) {
                wrong.push(format!("{name}: {got:?}, not {id}"));
            }
        }
        assert!(wrong.is_empty(), "{wrong:?}");
    }

    /// GeoNames lists rivers and islands near a city among its alternate names; `make lexicons` leaves
    /// out those WordNet knows only as natural features, and keeps a city's name spelt another way.
    #[test]
    fn a_river_or_an_island_near_a_city_is_not_one_of_its_names() {
        let gaz = shipped();
        let ids = |name: &str| ids_of(&gaz, name);
        // Long Island City, Pittsburgh, Toledo (Ohio).
        for (name, city) in [
            ("Long Island", 5125125),
            ("Allegheny", 5206379),
            ("Vistula", 5174035),
        ] {
            assert!(!ids(name).contains(&city), "{name}: {:?}", ids(name));
        }
        assert_eq!(first_link(&gaz, &["Long Island", "Manhattan"], &[]), None);
        // Calp, by its Spanish spelling; Pittsburgh by its own name.
        assert!(ids("Calpe").contains(&2520496), "{:?}", ids("Calpe"));
        assert!(ids("Pittsburgh").contains(&5206379));
    }

    /// On the shipped gazetteer: a state as the Associated Press abbreviates it after a town, a misspelt
    /// capital or country, each with other places of the article as news writes them;
    /// a misspelling of a small town or of two places at once stays unlinked.
    #[test]
    fn abbreviated_misspelt_and_qualified_names_link_to_the_place_they_name() {
        let gaz = shipped();
        let link = |names: &[&str]| first_link(&gaz, names, &[]);
        assert_eq!(link(&["Colo", "Golden"]), Some(5417618), "Colorado");
        assert_eq!(link(&["Md", "Baltimore"]), Some(4361885), "Maryland");
        assert_eq!(link(&["Narobi", "Tanzania", "Mozambique"]), Some(184745));
        assert_eq!(link(&["Bangaldesh"]), Some(1210997));
        assert_eq!(link(&["Sheffied", "Leeds"]), Some(2638077));
        assert_eq!(link(&["Atlantic", "Colombia"]), None, "a word, not a slip");
        assert_eq!(link(&["Aldershto", "Farnham"]), None, "a town of 40,000");
    }

    /// Counties, departments and provinces that ISO 3166-2 lists at its second level link where their
    /// article places them ("Kent" beside London, not Kent, Washington; "Surrey" beside Guildford, not
    /// Surrey, British Columbia), and rank below a city of their region named alike ("Paris",
    /// "Valencia" are the cities).
    #[test]
    fn a_county_links_in_its_countrys_context_and_yields_to_its_namesake_city() {
        let gaz = shipped();
        let link = |names: &[&str]| first_link(&gaz, names, &[]);
        assert_eq!(link(&["Kent", "London"]), Some(3333158));
        assert_eq!(link(&["Surrey", "Guildford", "England"]), Some(2636512));
        assert_eq!(link(&["Norfolk", "Norwich"]), Some(2641455));
        assert_eq!(
            link(&["Norfolk", "Virginia"]),
            Some(4776222),
            "Norfolk, Virginia"
        );
        assert_eq!(link(&["Paris"]), Some(2988507));
        assert_eq!(link(&["Valencia", "Spain"]), Some(2509954));
        assert_eq!(
            link(&["Cheshire", "Chester"]),
            None,
            "no subdivision is all of Cheshire"
        );
    }

    /// A place its article's other places all contradict (none of them in its country) must fit on its
    /// own: "Twickenham" (an old name of Huntsville, Alabama) in an article on London and England stays
    /// unlinked; named alone it links, and beside a place of its own country too.
    #[test]
    fn a_namesake_abroad_that_its_articles_places_contradict_stays_unlinked() {
        let gaz = shipped();
        let link = |names: &[&str]| first_link(&gaz, names, &[]);
        assert_eq!(link(&["Twickenham", "London", "England"]), None);
        assert_eq!(
            link(&["Midlands", "London", "England"]),
            None,
            "not Zimbabwe's"
        );
        assert_eq!(link(&["Huntsville", "Alabama"]), Some(4068590));
        assert_eq!(
            link(&["Paris", "London", "England"]),
            Some(2988507),
            "a capital"
        );
        assert_eq!(link(&["Manchester", "London"]), Some(2643123));
    }

    /// The ids of the places a name can be.
    fn ids_of(gaz: &Gazetteer, name: &str) -> Vec<u32> {
        gaz.lookup(name)
            .iter()
            .map(|m| gaz.places()[m.place].id)
            .collect()
    }

    /// Places of an article on New York.
    const NEW_YORK: [&str; 5] = ["New York", "Brooklyn", "Manhattan", "New Jersey", "Bronx"];

    /// An occurrence of `name` with its qualifiers (indices of other occurrences).
    fn occurrence(
        name: &str,
        article: usize,
        first_byte: usize,
        qualifiers: Vec<usize>,
    ) -> Occurrence<'_> {
        Occurrence {
            name,
            article,
            first_byte,
            needs_country: false,
            definite: false,
            qualifiers,
            level: None,
        }
    }

    /// A place qualified by the country or state written after it and a comma is the one there, however
    /// many places of another country its article names ("Naples, Italy" in an article on New York);
    /// the qualifier is the subdivision that holds it ("Athens, Georgia": the state).
    #[test]
    fn a_qualifier_after_a_comma_names_the_country_or_state_of_a_place() {
        let gaz = shipped();
        let cfg = LinkConfig::default();
        let names: Vec<&str> = ["Naples", "Italy"]
            .into_iter()
            .chain(NEW_YORK)
            .chain(["Athens", "Georgia"])
            .collect();
        let links = |naples: Vec<usize>, athens: Vec<usize>| -> Vec<Option<u32>> {
            let occ: Vec<Occurrence> = names
                .iter()
                .enumerate()
                .map(|(k, &name)| {
                    let qualifiers = match k {
                        0 => naples.clone(),
                        7 => athens.clone(),
                        _ => Vec::new(),
                    };
                    occurrence(name, 0, 100 + k, qualifiers)
                })
                .collect();
            link_all(&occ, &gaz, &UserLinks::default(), &cfg)
                .iter()
                .map(|l| l.link(cfg.threshold).map(|p| gaz.places()[p].id))
                .collect()
        };
        let plain = links(Vec::new(), Vec::new());
        assert_ne!(
            plain[0],
            Some(3172394),
            "not Italy's on the article's places alone"
        );
        let qualified = links(vec![1], vec![8]);
        assert_eq!(qualified[0], Some(3172394), "Naples, Italy");
        assert_eq!(qualified[7], Some(4180386), "Athens, Georgia");
        assert_eq!(qualified[8], Some(4197000), "the state");
    }

    #[test]
    fn a_qualifier_that_does_not_hold_a_city_rules_it_out() {
        let gaz = shipped();
        let cfg = LinkConfig::default();
        // Each pair in an article of its own, the second name written after the first and a comma.
        let links = |pairs: &[(&'static str, &'static str)], qualify: bool| -> Vec<Option<u32>> {
            let occ: Vec<Occurrence> = pairs
                .iter()
                .enumerate()
                .flat_map(|(a, &(name, after))| {
                    let q = if qualify { vec![2 * a + 1] } else { Vec::new() };
                    [
                        occurrence(name, a, 100, q),
                        occurrence(after, a, 120, Vec::new()),
                    ]
                })
                .collect();
            link_all(&occ, &gaz, &UserLinks::default(), &cfg)
                .iter()
                .map(|l| l.link(cfg.threshold).map(|p| gaz.places()[p].id))
                .collect()
        };
        let pairs = [
            ("Paris", "Texas"),
            ("Birmingham", "Alabama"),
            ("Bournemouth", "Manchester"),
        ];
        let plain = links(&pairs, false);
        assert_eq!(plain[0], Some(2988507), "Paris, France");
        let qualified = links(&pairs, true);
        assert_eq!(qualified[0], Some(4717560), "Paris, Texas");
        assert_eq!(qualified[2], Some(4049979), "Birmingham, Alabama");
        assert_eq!(
            qualified[4], plain[4],
            "a city after a comma is a list, not a qualifier"
        );
        assert!(qualified[4].is_some());
        // Where the state holds none of the name's places, none is linked: GeoNames gives
        // "Park City" as an other name of Bridgeport, Connecticut.
        let park_city = |q| links(&[("Park City", "Connecticut"), ("Park City", "Utah")], q);
        assert_eq!(park_city(false)[0], Some(5282804));
        assert_eq!(park_city(true)[2], None);
    }

    #[test]
    fn a_town_in_an_article_on_another_state_of_its_country_stays_unlinked() {
        let gaz = shipped();
        let palmer = |others: &[&str]| first_link(&gaz, &[&["Palmer"], others].concat(), &[]);
        // The only Palmer of the gazetteer is a town of Massachusetts.
        assert_eq!(palmer(&["Massachusetts", "Worcester"]), Some(4946620));
        // Three places of its country in three states link it; named beside a state that does not
        // hold it, or beside places of one other state only, it stays unlinked.
        assert_eq!(palmer(&["Anchorage", "Seattle", "Denver"]), Some(4946620));
        assert_eq!(palmer(&["Alaska", "Anchorage", "Seattle"]), None);
        assert_eq!(palmer(&["Anchorage", "Fairbanks", "Juneau"]), None);
        // A state of its country named beside another place of its own state does not move it.
        assert_eq!(palmer(&["Alaska", "Worcester", "Boston"]), Some(4946620));
    }

    #[test]
    fn a_city_named_with_the_is_a_thing_named_after_it() {
        let gaz = shipped();
        let cfg = LinkConfig::default();
        let link = |name: &str, definite: bool| {
            let occ = [Occurrence {
                definite,
                ..occurrence(name, 0, 100, Vec::new())
            }];
            link_all(&occ, &gaz, &UserLinks::default(), &cfg)[0]
                .link(cfg.threshold)
                .map(|p| gaz.places()[p].id)
        };
        assert_eq!(link("Riverside", false), Some(5387877));
        assert_eq!(link("Riverside", true), None, "a stadium");
        // Not a country, a capital or a city whose own name has the article.
        assert_eq!(link("Netherlands", true), Some(2750405));
        assert_eq!(link("Vatican", true), link("Vatican", false));
        assert!(link("Vatican", true).is_some());
    }

    /// An article that says "Naples, Italy" tells the corpus which Naples it means, above another
    /// article's context: the same story's "immigrated from Naples" among New York's places (and one
    /// "Italy") follows it.
    #[test]
    fn a_qualified_name_leads_the_corpus_reading_of_its_name() {
        let gaz = shipped();
        let cfg = LinkConfig::default();
        let mut occ: Vec<Occurrence> = Vec::new();
        for article in 0..2 {
            let qualifiers = if article == 0 { vec![1] } else { Vec::new() };
            occ.push(occurrence("Naples", article, 300, qualifiers));
            occ.push(occurrence("Italy", article, 308, Vec::new()));
            for (k, name) in NEW_YORK.iter().enumerate() {
                occ.push(occurrence(name, article, 400 + k, Vec::new()));
            }
        }
        let second = occ.iter().rposition(|o| o.name == "Naples").unwrap();
        let links = link_all(&occ, &gaz, &UserLinks::default(), &cfg);
        let id = |i: usize| links[i].link(cfg.threshold).map(|p| gaz.places()[p].id);
        assert_eq!(id(0), Some(3172394), "Naples, Italy");
        assert_eq!(id(second), Some(3172394), "the same story's Naples");
    }

    /// A city's alternate name that is the own name of another city of its country is that city's:
    /// "New Delhi" is not Delhi, which GeoNames also calls so; a name's alternates abroad stay.
    #[test]
    fn a_citys_own_name_is_not_another_citys_alternate_in_its_country() {
        let gaz = shipped();
        let ids = |name: &str| ids_of(&gaz, name);
        assert!(ids("New Delhi").contains(&1261481));
        assert!(!ids("New Delhi").contains(&1273294), "Delhi");
        assert!(ids("Delhi").contains(&1273294));
        assert!(!ids("Whitehall").contains(&4180439), "Atlanta");
        assert_eq!(
            first_link(&gaz, &["New Delhi", "Mumbai"], &[]),
            Some(1261481)
        );
        assert!(
            ids("Bombay").contains(&1275339),
            "Mumbai keeps its old name"
        );
    }
}
