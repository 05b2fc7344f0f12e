//! Figures: the same quantity reported across articles, reconciled (`figures.csv`).
//!
//! **What a number measures.** The map side gives each number its kind, unit, counted noun and the
//! figure term it is about (`models/lexicons/figure_terms.tsv`: "killed", "death toll" → `dead`; "offer",
//! "bid" → `deal`; a term pairs only with numbers of its kind). The measure is that term, else the
//! counted noun's figure in the same list ("takeover offer" → `deal`), else the head of the counted
//! noun ("12 ministers" → `minister`, "shares rose 8%" → `share`); a price per unit keeps its unit
//! ("530p a share" → `deal per share`). Money is keyed by its currency too, a duration by its unit;
//! an amount restated in brackets in another currency carries the figure of the one it restates and
//! is no claim. Percentages with neither, counts with nothing counted, vague counts, and measures
//! other than scale readings (a quake's magnitude) and terms' durations (a jail sentence) are not
//! figures: distances, temperatures and durations are measures of many things at once.
//!
//! **Whose and where** ([`context`]): each number's subject (whose quantity: "Acme's offer") and scope
//! (what place or organization it is about: "30,000 died in Sri Lanka") come from its clause and the
//! normalized entities.
//!
//! **One figure, one quantity**: kind + measure + subject + scope; values one article gives side by
//! side are two quantities of it (`split_quantities`). Each value of an article's claim that lacks a
//! subject or a scope joins the one most specific group of the same measure that has them, whose
//! subject and scope the article names and whose values it agrees with (`join_unspecific`: "the
//! £1.3bn offer" joins "Acme's £1.3bn offer for Bolt"); a country's toll never joins another
//! country's or the total, whose values differ. Groups of money or percentages told of different
//! things join where they give one value and each one's articles name the other's subject and scope
//! (`join_agreeing`: "Glazer's £800m offer" and "valuing Manchester United at £800m"). An amount of
//! money that says nothing of what it measures joins the figure of its exact value or, with another
//! article's amount of the same subject, forms one (`join_unmeasured`). Last, money that outlets
//! measure by different words ("debts of 14bn euros", "a 14bn euro black hole") is one quantity
//! where one value written with two significant digits or more, a main actor of every article, and
//! a word of the sentences are shared (`join_measures`).
//!
//! **Reconciling.** Each article gives one value per figure (its most repeated, then its largest) with
//! its qualifier. Articles agree when one number satisfies every claim read with its qualifier ("at
//! least 38" and "38"; "about 40" allows 10% either way; a range its bounds; a scaled amount its
//! rounding: "£1.3bn" is 1.25bn to 1.35bn). The figure's `status`:
//! - `agreed`: they agree; `value` is the value most articles give;
//! - `updated`: they differ, on a running total (a figure marked `running` in the terms list: tolls of
//!   dead, injured, missing... only grow as a story unfolds). Articles carry no dates (the BBC and web
//!   text give none reliably), so the sequence is listed in increasing order and the latest is taken
//!   to be the largest, which is `value`;
//! - `conflict`: they differ on a quantity that is not a running total; `value` is the most given.
//!
//! `conflict = yes` exactly when the status is `conflict`.

pub mod context;

use crate::normalize::{key, Entity, Lexicons, Normalized};
use newsner_core::labels::EntityType;
use newsner_core::span::NumberMention;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::sync::LazyLock;

/// The terms list's lines: term, figure, kind, running.
static TERMS: LazyLock<Vec<(String, String, String, bool)>> = LazyLock::new(|| {
    include_str!("../../../models/lexicons/figure_terms.tsv")
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .filter_map(|l| {
            let cells: Vec<&str> = l.split('\t').map(str::trim).collect();
            Some((
                cells.first()?.to_string(),
                cells.get(1)?.to_string(),
                cells.get(2).copied().unwrap_or("count").to_string(),
                cells.get(3) == Some(&"running"),
            ))
        })
        .collect()
});

/// Words that say nothing of what an amount is: function words (`stop_words.txt`) and the words
/// of currencies (`currencies.tsv`).
static PLAIN_WORDS: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    let stop = crate::normalize::lexicon::FUNCTION_WORDS.iter().copied();
    let currencies = include_str!("../../../models/lexicons/currencies.tsv")
        .lines()
        .filter_map(|l| l.strip_prefix("word\t"))
        .filter_map(|l| l.split('\t').next());
    stop.chain(currencies).map(str::trim).collect()
});

/// The words of five letters or more that a sentence says besides its numbers, stemmed (Snowball
/// English): "debts" and "debt", "raised" and "raise" are one. `numbers` are the written numbers
/// of the article ("£8 billion": "billion" is no such word).
fn content_stems(sentence: &str, numbers: &[NumberMention]) -> HashSet<String> {
    let stemmer = rust_stemmers::Stemmer::create(rust_stemmers::Algorithm::English);
    let said: HashSet<String> = numbers
        .iter()
        .filter(|n| sentence.contains(n.text.as_str()))
        .flat_map(|n| n.text.split_whitespace().map(str::to_lowercase))
        .collect();
    sentence
        .split(|c: char| !c.is_alphabetic())
        .map(str::to_lowercase)
        .filter(|w| {
            w.chars().count() >= 5 && !PLAIN_WORDS.contains(w.as_str()) && !said.contains(w)
        })
        .map(|w| stemmer.stem(&w).into_owned())
        .collect()
}

/// Whether a figure is a running total (marked `running` in the terms list).
fn running(figure: &str) -> bool {
    TERMS.iter().any(|t| t.3 && t.1 == figure)
}

/// One figure of the corpus.
#[derive(Debug, Clone, PartialEq)]
pub struct Figure {
    /// Stable id: `<kind>-<measure>[-per-<unit>][-of-<subject>][-in-<scope>]`.
    pub id: String,
    /// The kind of number (`count`, `money`, `percent`, `measure`).
    pub kind: String,
    /// What it measures: the figure term, or the counted noun most articles give.
    pub counted: String,
    /// The unit most articles give (currency code, `%`, `magnitude`), or empty for counts.
    pub unit: String,
    /// Whose quantity it is, or empty.
    pub subject: String,
    /// The subject's entity id, or empty.
    pub subject_id: String,
    /// The place or organization it is about, or empty.
    pub scope: String,
    /// The scope's entity id, or empty.
    pub scope_id: String,
    /// The figure's value (see the module documentation).
    pub value: String,
    /// The qualifier given with that value most often.
    pub qualifier: String,
    /// Each distinct value with the number of articles that give it: most first, or for `updated` in
    /// increasing order (the sequence).
    pub values: Vec<(String, usize)>,
    /// Articles that report it, in corpus order.
    pub article_ids: Vec<String>,
    /// `agreed`, `updated` or `conflict`.
    pub status: &'static str,
    /// Whether the status is `conflict`.
    pub conflict: bool,
    /// One example sentence per value, in the order of `values`.
    pub sentences: Vec<String>,
}

/// One article's numbers and text.
pub struct ArticleNumbers<'a> {
    /// The article id.
    pub id: &'a str,
    /// The article text (the numbers' byte offsets are into it).
    pub text: &'a str,
    /// Its numbers.
    pub numbers: &'a [NumberMention],
    /// The ids of the entities it mentions.
    pub entities: BTreeSet<&'a str>,
    /// Its main actors: the people and organizations it mentions most (see [`join_measures`]).
    pub topics: BTreeSet<&'a str>,
}

impl ArticleNumbers<'_> {
    /// Whether the article names what a figure's subject or scope is: the entity of that id, or the
    /// words of a subject that is no entity (`lower`: the article's text in lowercase). Empty: yes.
    fn names(&self, lower: &str, part: &str) -> bool {
        part.is_empty()
            || self.entities.contains(part)
            || (!part.contains(':') && lower.contains(part))
    }
}

/// What a figure is keyed by.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
struct Key {
    kind: String,
    measure: String,
    /// Money's currency (amounts in two currencies are two figures), a duration's unit; empty for
    /// other kinds.
    currency: String,
    subject: String,
    scope: String,
    /// Which of the quantities of one measure, subject and scope (see [`split_quantities`]): 0 for
    /// the most reported.
    part: usize,
}

impl Key {
    fn id(&self) -> String {
        let mut id = format!("{}-{}", self.kind, self.measure);
        for (tag, part) in [("of", &self.subject), ("in", &self.scope)] {
            let slug = part.rsplit(':').next().unwrap_or(part);
            if tag == "in" && *part == self.subject {
                continue;
            }
            // "six Kazakhs": the subject that is what is counted is not said twice.
            if !part.is_empty() && !slug.starts_with(&self.measure) {
                id.push_str(&format!("-{tag}-{slug}"));
            }
        }
        if self.part > 0 {
            id.push_str(&format!("-{}", self.part + 1));
        }
        id.replace(' ', "-")
    }

    /// Whether `other` has everything this key has and more.
    fn widened_by(&self, other: &Key) -> bool {
        let fits = |a: &str, b: &str| a.is_empty() || a == b;
        (&self.subject, &self.scope) != (&other.subject, &other.scope)
            && self.kind == other.kind
            && self.measure == other.measure
            && self.currency == other.currency
            && fits(&self.subject, &other.subject)
            && fits(&self.scope, &other.scope)
    }
}

/// Fills every number's subject and scope from its article's text and normalized entities
/// (`lex` gives the country of a demonym).
pub fn annotate(
    articles: &mut [(&str, &str, &mut Vec<NumberMention>)],
    normalized: &Normalized,
    lex: &Lexicons,
) {
    let countries = Countries::new(&normalized.entities);
    let mut spans: HashMap<&str, Vec<context::EntitySpan>> = HashMap::new();
    let mut refs: HashMap<&str, Vec<context::CountryRef>> = HashMap::new();
    for (m, &e) in normalized.mentions.iter().zip(&normalized.entity_of) {
        let (id, start) = (m.article_id.as_str(), m.byte_start);
        spans.entry(id).or_default().push(context::EntitySpan {
            start,
            end: start + m.text.len(),
            entity: e,
        });
        if let Some(country) = countries.of(&normalized.entities[e], lex) {
            refs.entry(id)
                .or_default()
                .push(context::CountryRef { start, country });
        }
    }
    for s in spans.values_mut() {
        s.sort_by_key(|s| s.start);
    }
    for r in refs.values_mut() {
        r.sort_by_key(|r| r.start);
    }
    let nationalities = nationalities(&normalized.entities, lex);
    for (id, text, numbers) in articles.iter_mut() {
        let spans = spans.get(id).map_or(&[][..], Vec::as_slice);
        let refs = refs.get(id).map_or(&[][..], Vec::as_slice);
        for n in numbers.iter_mut() {
            context::annotate(n, text, spans, refs, &normalized.entities);
            // "the German group may raise its bid to £1.5bn": a nationality owns no money.
            if matches!(n.kind.as_str(), "money" | "percent")
                && nationalities.contains(n.subject_id.as_str())
            {
                n.subject.clear();
                n.subject_id.clear();
            }
        }
        partitives(numbers, text);
    }
}

/// The ids of the entities that are nationalities ("German", "Britons"): no place, a demonym.
fn nationalities<'a>(entities: &'a [Entity], lex: &Lexicons) -> HashSet<&'a str> {
    entities
        .iter()
        .filter(|e| e.entity_type != EntityType::Place && lex.demonym_of(&e.name).is_some())
        .map(|e| e.id.as_str())
        .collect()
}

/// The corpus's countries: the place rows linked to a whole country (a country code and no
/// first-level subdivision), by code and by name.
struct Countries {
    by_code: HashMap<String, usize>,
    by_name: HashMap<String, usize>,
}

impl Countries {
    fn new(entities: &[Entity]) -> Self {
        let mut c = Countries {
            by_code: HashMap::new(),
            by_name: HashMap::new(),
        };
        for (i, e) in entities.iter().enumerate() {
            let Some(p) = e.place.as_ref().and_then(|l| l.place.as_ref()) else {
                continue;
            };
            if p.country_code.is_empty() || !p.admin1.is_empty() {
                continue;
            }
            c.by_code.entry(p.country_code.clone()).or_insert(i);
            for name in e.aliases.iter().chain([&e.name, &p.name]) {
                c.by_name.entry(key(name)).or_insert(i);
            }
        }
        c
    }

    /// Whether a mention of `e` refers to a country, and to which row: a linked place refers to its
    /// country, a demonym ("Thai") to the one country of those it can name that has a row.
    /// `Some(None)`: a country without a row, or a demonym of several ("Chinese": China, Taiwan...).
    fn of(&self, e: &Entity, lex: &Lexicons) -> Option<Option<usize>> {
        if let Some(p) = e.place.as_ref().and_then(|l| l.place.as_ref()) {
            if !p.country_code.is_empty() {
                return Some(self.by_code.get(&p.country_code).copied());
            }
        }
        let rows: BTreeSet<usize> = lex
            .demonym_of(&e.name)?
            .iter()
            .filter_map(|c| self.by_name.get(&key(c)).copied())
            .collect();
        Some(rows.first().copied().filter(|_| rows.len() == 1))
    }
}

/// A part of a whole ("94,000 of the 140,000 deaths") measures what the whole measures.
fn partitives(numbers: &mut [NumberMention], text: &str) {
    for k in 1..numbers.len() {
        let (part, whole) = (&numbers[k - 1], &numbers[k]);
        let between = text.get(part.byte_end..whole.byte_start).unwrap_or("");
        let between = between.split_whitespace().collect::<Vec<_>>();
        let partitive = matches!(between[..], ["of"] | ["of", "the"]) && part.kind == whole.kind;
        if partitive && part.about.is_empty() {
            let (about, counted) = (whole.about.clone(), whole.counted.clone());
            let part = &mut numbers[k - 1];
            part.about = about;
            if part.counted.is_empty() {
                part.counted = counted;
            }
        }
    }
}

/// The measure of a number (see the module documentation), or `None` where it is no figure.
pub fn measure_of(n: &NumberMention, text: &str) -> Option<String> {
    if n.value.is_empty() || n.qualifier == "many" {
        return None;
    }
    let base = match n.kind.as_str() {
        "measure" if n.unit == "magnitude" || n.unit.ends_with(" scale") => n.unit.clone(),
        "count" | "money" | "percent" | "duration" if !n.about.is_empty() => n.about.clone(),
        "count" | "money" | "percent" => {
            let head = n.counted.split_whitespace().last()?.to_lowercase();
            let head: String = head.chars().filter(|c| c.is_alphanumeric()).collect();
            if head.chars().count() < 2 {
                return None;
            }
            term_figure(&n.counted.to_lowercase(), &n.kind)
                .or_else(|| term_figure(&head, &n.kind))
                .unwrap_or_else(|| singular(&head))
        }
        _ => return None,
    };
    Some(match per_unit(text.get(n.byte_end..).unwrap_or("")) {
        Some(unit) if n.kind == "money" => format!("{base} per {unit}"),
        _ => base,
    })
}

/// The figure a term of the terms list names for numbers of `kind` ("offer" of money: `deal`).
fn term_figure(term: &str, kind: &str) -> Option<String> {
    TERMS
        .iter()
        .find(|t| t.0 == term && t.2 == kind)
        .map(|t| t.1.clone())
}

/// "a share", "per barrel", "each": the unit a price is given per, right after the amount (past a
/// currency word).
fn per_unit(after: &str) -> Option<String> {
    // "530 pence-a-share" is "530 pence a share"; a dash between words stays ("$17.5bn - a record").
    let words: Vec<String> = after
        .split_whitespace()
        .flat_map(|w| {
            if w.len() > 1 {
                w.split('-').collect()
            } else {
                vec![w]
            }
        })
        .take(5)
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()).to_string())
        .collect();
    // "per LSE share": a name before the unit says whose it is.
    let named = |w: &String| w.starts_with(char::is_uppercase) && w.len() > 1;
    let words: Vec<String> = words
        .iter()
        .enumerate()
        .filter(|&(k, w)| {
            !(k > 0
                && matches!(words[k - 1].to_lowercase().as_str(), "a" | "an" | "per")
                && named(w)
                && words
                    .get(k + 1)
                    .is_some_and(|n| n.starts_with(char::is_lowercase)))
        })
        .map(|(_, w)| w.to_lowercase())
        .collect();
    let mut i = 0;
    if words.first().is_some_and(|w| {
        matches!(
            w.as_str(),
            "pence" | "p" | "cents" | "euros" | "dollars" | "pounds"
        )
    }) {
        i = 1;
    }
    match (words.get(i).map(String::as_str), words.get(i + 1)) {
        (Some("a" | "an" | "per"), Some(u))
            if u.chars().all(char::is_alphabetic)
                && !u.is_empty()
                && words
                    .get(i + 2)
                    .is_none_or(|w| w != "ago" && w != "earlier") =>
        {
            Some(u.clone())
        }
        (Some("each"), _) => Some("each".into()),
        _ => None,
    }
}

/// A plural noun's singular, for grouping ("ministers" → "minister"; "people" stays).
fn singular(w: &str) -> String {
    if let Some(stem) = w.strip_suffix("ies").filter(|s| s.len() >= 2) {
        return format!("{stem}y");
    }
    if ["sses", "shes", "ches", "xes"]
        .iter()
        .any(|e| w.ends_with(e))
    {
        return w[..w.len() - 2].to_string();
    }
    if w.ends_with('s') && !w.ends_with("ss") && !w.ends_with("us") && w.len() > 3 {
        return w[..w.len() - 1].to_string();
    }
    w.to_string()
}

/// How far past its bound a value with an open qualifier reaches: "more than 300p" is 300p to 600p,
/// not £800m; "up to 85" is 42.5 to 85.
const OPEN_BOUND: f64 = 2.0;

/// The interval of values a claim allows, read with its qualifier and the rounding of its written
/// form.
fn allowed(n: &NumberMention, rounded_percent: bool) -> (f64, f64) {
    if let Some((a, b)) = n.range {
        return (a, b);
    }
    let value = n.value.parse::<f64>().unwrap_or(f64::NAN);
    let r = rounding(&n.text, value, n.kind == "percent" && rounded_percent);
    match n.qualifier.as_str() {
        "at-least" | "more-than" => (value - r, value.abs() * OPEN_BOUND + r),
        "at-most" | "less-than" | "up-to" => (value / OPEN_BOUND - r, value + r),
        "about" | "almost" => (value * 0.9 - r, value * 1.1 + r),
        _ => (value - r, value + r),
    }
}

/// Half the last written digit of a scaled amount ("£1.3bn": 0.05bn) and, where `percent`, of a
/// percentage as written ("5.3%": 0.05; news rounds percentages: "Altria rising 5%" beside "Altria
/// shares up 5.11%"), within [`MAX_ROUNDING`] of its value ("5%": 4.75% to 5.25%, so "2%" and "2.4%"
/// still differ); 0 for other numbers written out.
fn rounding(text: &str, value: f64, percent: bool) -> f64 {
    let digits: String = text
        .chars()
        .skip_while(|c| !c.is_ascii_digit())
        .take_while(|c| c.is_ascii_digit() || matches!(c, '.' | ','))
        .filter(|c| *c != ',')
        .collect();
    let digits = digits.trim_end_matches('.');
    let Ok(written) = digits.parse::<f64>() else {
        return 0.0;
    };
    let scale = value / written;
    let scaled = scale.is_finite() && scale > 1.5;
    if !(scaled || percent && scale == 1.0) {
        return 0.0;
    }
    let decimals = digits.split_once('.').map_or(0, |(_, d)| d.len());
    // Half-open: "£1.3bn" and "£1.4bn" do not meet at £1.35bn. A round amount is still close to what
    // it says: "$2bn" is not $1.6bn.
    let half = 0.5 * 10f64.powi(-(decimals as i32)) * scale * (1.0 - 1e-9);
    half.min(value.abs() * MAX_ROUNDING)
}

/// The most a scaled amount's or a percentage's rounding allows, as a share of its value.
const MAX_ROUNDING: f64 = 0.05;

/// Where every claim of a group comes from: (article index, number index).
type Members = Vec<(usize, usize)>;

/// Builds the corpus's figures (sorted by articles, most first) and each number's figure id (`None`
/// where it is not a figure), from the articles' annotated numbers in corpus order.
pub fn figures(articles: &[ArticleNumbers]) -> (Vec<Figure>, Vec<Vec<Option<String>>>) {
    let restated: Vec<Vec<Option<usize>>> = articles
        .iter()
        .map(|a| restatements(a.numbers, a.text))
        .collect();
    let (mut groups, unmeasured) = group_numbers(articles, &restated);
    split_quantities(&mut groups, articles);
    let lower: Vec<String> = articles.iter().map(|a| a.text.to_lowercase()).collect();
    join_agreeing(&mut groups, articles, &lower);
    join_unspecific(&mut groups, articles, &lower);
    join_agreeing(&mut groups, articles, &lower);
    let loose = join_unmeasured(&mut groups, &unmeasured, articles, &lower);
    join_measures(&mut groups, &loose, articles, &lower);
    let mut ids: Vec<Vec<Option<String>>> = articles
        .iter()
        .map(|a| vec![None; a.numbers.len()])
        .collect();
    let mut out = Vec::with_capacity(groups.len());
    for (key, id) in figure_ids(groups.keys()) {
        let members = &groups[key];
        for &(a, k) in members {
            ids[a][k] = Some(id.clone());
        }
        out.push(figure(key, id, &claims(members, articles)));
    }
    // A restatement in another currency carries the figure of the amount it restates.
    for (a, row) in restated.iter().enumerate() {
        for (k, of) in row.iter().enumerate() {
            if let Some(p) = of {
                ids[a][k] = ids[a][*p].clone();
            }
        }
    }
    out.sort_by(|a, b| {
        b.article_ids
            .len()
            .cmp(&a.article_ids.len())
            .then(a.id.cmp(&b.id))
    });
    (out, ids)
}

/// The numbers grouped by their keys, and the amounts of money that say nothing of what they measure
/// (article, number, unit); restatements in another currency are neither.
#[allow(clippy::type_complexity)]
fn group_numbers(
    articles: &[ArticleNumbers],
    restated: &[Vec<Option<usize>>],
) -> (BTreeMap<Key, Members>, Vec<(usize, usize, String)>) {
    let mut groups: BTreeMap<Key, Members> = BTreeMap::new();
    let mut unmeasured: Vec<(usize, usize, String)> = Vec::new();
    for (a, art) in articles.iter().enumerate() {
        for (k, n) in art.numbers.iter().enumerate() {
            if restated[a][k].is_some() {
                continue;
            }
            if let Some(measure) = measure_of(n, art.text) {
                let key = Key {
                    kind: n.kind.clone(),
                    measure,
                    currency: if matches!(n.kind.as_str(), "money" | "duration") {
                        n.unit.clone()
                    } else {
                        String::new()
                    },
                    subject: subject_key(n),
                    scope: n.scope_id.clone(),
                    part: 0,
                };
                groups.entry(key).or_default().push((a, k));
            } else if let Some(unit) = unmeasured_money(n, art.text) {
                unmeasured.push((a, k, unit));
            }
        }
    }
    (groups, unmeasured)
}

/// Each key's figure id ([`Key::id`]); keys whose ids would be the same (one measure in two
/// currencies) add their currency.
fn figure_ids<'a>(keys: impl Iterator<Item = &'a Key>) -> Vec<(&'a Key, String)> {
    let ids: Vec<(&Key, String)> = keys.map(|k| (k, k.id())).collect();
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for (_, id) in &ids {
        *seen.entry(id.as_str()).or_default() += 1;
    }
    let twice: BTreeSet<String> = seen
        .into_iter()
        .filter(|&(_, n)| n > 1)
        .map(|(id, _)| id.to_string())
        .collect();
    ids.into_iter()
        .map(
            |(k, id)| match twice.contains(&id) && !k.currency.is_empty() {
                true => (k, format!("{id}-{}", k.currency.to_lowercase())),
                false => (k, id),
            },
        )
        .collect()
}

/// For each number, the amount it restates in another currency, if it is one: an amount right after
/// another amount of money, in brackets or after a semicolon or comma inside them ("£1.3bn ($2.48bn;
/// 1.88bn euros)": the dollars and the euros restate the pounds).
fn restatements(numbers: &[NumberMention], text: &str) -> Vec<Option<usize>> {
    let mut out: Vec<Option<usize>> = vec![None; numbers.len()];
    for k in 1..numbers.len() {
        let (p, n) = (&numbers[k - 1], &numbers[k]);
        if p.kind != "money" || n.kind != "money" || p.unit == n.unit || p.unit.is_empty() {
            continue;
        }
        let between = text.get(p.byte_end..n.byte_start).unwrap_or("x");
        // Past the currency word written after an amount ("1.88bn euros ($2.5bn)").
        let between = between
            .trim_start()
            .trim_start_matches(|c: char| c.is_alphabetic())
            .trim();
        let first = out[k - 1].unwrap_or(k - 1);
        let opened = between == "(" || (matches!(between, ";" | ",") && out[k - 1].is_some());
        if opened && numbers[first].unit != n.unit {
            out[k] = Some(first);
        }
    }
    out
}

fn subject_key(n: &NumberMention) -> String {
    if n.subject_id.is_empty() {
        n.subject.to_lowercase()
    } else {
        n.subject_id.clone()
    }
}

/// Joins each article's claim in a group lacking a subject or scope into the one most specific group
/// of its measure that has what it lacks, whose subject and scope the article names and whose values
/// the claim agrees with, where there is exactly one (for a count: where it is the only group of
/// the measure that has what it lacks).
fn join_unspecific(
    groups: &mut BTreeMap<Key, Members>,
    articles: &[ArticleNumbers],
    lower: &[String],
) {
    let keys: Vec<Key> = groups.keys().cloned().collect();
    let mut moves: Vec<(Key, Members, Key)> = Vec::new(); // (from, the claim's numbers, to)
    for key in keys
        .iter()
        .filter(|k| k.subject.is_empty() || k.scope.is_empty())
    {
        let wider: Vec<&Key> = keys.iter().filter(|o| key.widened_by(o)).collect();
        let widest: Vec<&Key> = wider
            .iter()
            .copied()
            .filter(|w| !wider.iter().any(|o| w.widened_by(o)))
            .collect();
        // Small counts agree by chance ("two firms"): a count joins only the one group there is.
        if key.kind == "count" && widest.len() != 1 {
            continue;
        }
        for claim in claims_by_value(&groups[key], articles) {
            let a = claim[0].0;
            let fits: Vec<&Key> = widest
                .iter()
                .copied()
                .filter(|t| {
                    articles[a].names(&lower[a], &t.subject)
                        && articles[a].names(&lower[a], &t.scope)
                })
                .filter(|t| {
                    // Other articles' values as each gives it, and every value the claim's own
                    // article gives the figure: "SBC's $16bn deal" beside "a $6.8bn bid" is no match.
                    let (own, others): (Members, Members) =
                        groups[*t].iter().partition(|m| m.0 == a);
                    let mut joined = claims(&others, articles);
                    joined.extend(claim.iter().chain(&own).map(|&(a, k)| Claim {
                        article: articles[a].id,
                        number: &articles[a].numbers[k],
                    }));
                    agree(&joined)
                })
                .collect();
            if let [target] = fits[..] {
                moves.push((key.clone(), claim, target.clone()));
            }
        }
    }
    for (from, claim, to) in moves {
        let Some(members) = groups.get_mut(&from) else {
            continue;
        };
        members.retain(|m| !claim.contains(m));
        if members.is_empty() {
            groups.remove(&from);
        }
        groups.entry(to).or_default().extend(claim);
    }
}

/// The type of a subject or scope key: an entity id's prefix ("person" of "person:acme-smith"), empty
/// for a noun phrase that is no entity.
fn part_type(part: &str) -> &str {
    part.split_once(':').map_or("", |(t, _)| t)
}

/// Whether two keys of one measure may be one quantity told of different things: the same kind,
/// measure and currency, and no two different subjects (or scopes) of one type ("Sri Lanka" and
/// "Indonesia"; "Acme" and "Bolt"). A buyer and what it buys, or a person and a place, may be.
fn may_be_one(a: &Key, b: &Key) -> bool {
    let distinct = |x: &str, y: &str| !x.is_empty() && !y.is_empty() && x != y;
    a.kind == b.kind
        && a.measure == b.measure
        && a.currency == b.currency
        && !(distinct(&a.subject, &b.subject) && part_type(&a.subject) == part_type(&b.subject))
        && !(distinct(&a.scope, &b.scope) && part_type(&a.scope) == part_type(&b.scope))
}

/// Whether a group gives a value, as written, that some of `others` give: agreeing within rounding
/// and qualifiers is not enough to join groups of different subjects ("$4.4bn" and "about $5bn").
fn shares_a_value(others: &[&Members], group: &Members, articles: &[ArticleNumbers]) -> bool {
    let value = |&(a, k): &(usize, usize)| articles[a].numbers[k].value.as_str();
    let values: HashSet<&str> = others.iter().flat_map(|m| m.iter().map(value)).collect();
    group.iter().any(|m| values.contains(value(m)))
}

/// Whether a group gives a value, as written with two significant digits or more, that some of
/// `others` give: round amounts ("$2bn", "£500,000") meet by chance in one story ([`join_measures`]).
fn shares_a_specific_value(
    others: &[&Members],
    group: &Members,
    articles: &[ArticleNumbers],
) -> bool {
    let number = |&(a, k): &(usize, usize)| &articles[a].numbers[k];
    let values: HashSet<&str> = others
        .iter()
        .flat_map(|m| m.iter().map(|x| number(x).value.as_str()))
        .collect();
    group
        .iter()
        .map(number)
        .any(|n| significant_digits(&n.text) >= 2 && values.contains(n.value.as_str()))
}

/// Every (article, value) claim of some groups, one number each.
fn value_claims<'a>(members: &[&Members], articles: &'a [ArticleNumbers]) -> Vec<Claim<'a>> {
    let all: Members = members.iter().flat_map(|m| m.iter().copied()).collect();
    claims_by_value(&all, articles)
        .into_iter()
        .map(|c| Claim {
            article: articles[c[0].0].id,
            number: &articles[c[0].0].numbers[c[0].1],
        })
        .collect()
}

/// Joins groups of money or percentages of one measure that differ in subject or scope into one
/// quantity where every value of both agrees, each one's articles name the other's subject and scope,
/// no article gives the two different values, and [`may_be_one`] holds: "Glazer's £800m offer" and
/// "an offer valuing Manchester United at £800m" in articles that name both are one deal; a toll in
/// one country never joins another country's, even of equal value. The most reported groups form
/// quantities first; a group joins the one quantity it fits and none where it fits two. Counts do not
/// join this way: small counts agree by chance ("three directors", "three shops").
fn join_agreeing(
    groups: &mut BTreeMap<Key, Members>,
    articles: &[ArticleNumbers],
    lower: &[String],
) {
    // Only keys of one kind, measure and currency can join: each such bucket is formed alone.
    let mut buckets: BTreeMap<(&str, &str, &str), Vec<Key>> = BTreeMap::new();
    for k in groups
        .keys()
        .filter(|k| k.kind == "money" || k.kind == "percent")
    {
        buckets
            .entry((&k.kind, &k.measure, &k.currency))
            .or_default()
            .push(k.clone());
    }
    let joined = form_quantities(buckets.into_values(), groups, |q, key| {
        one_quantity(q, key, groups, articles, lower)
    });
    for q in joined {
        merge_keys(groups, &q);
    }
}

/// The quantities of several groups each bucket of keys holds: the most reported groups form
/// quantities first; a group joins the one quantity it `fits`, none where it fits two. Only
/// quantities of two groups or more are returned.
fn form_quantities(
    buckets: impl Iterator<Item = Vec<Key>>,
    groups: &BTreeMap<Key, Members>,
    fits: impl Fn(&[Key], &Key) -> bool,
) -> Vec<Vec<Key>> {
    let mut joined: Vec<Vec<Key>> = Vec::new();
    for mut keys in buckets.filter(|b| b.len() > 1) {
        keys.sort_by_key(|k| std::cmp::Reverse(reach(&groups[k]).len()));
        let mut quantities: Vec<Vec<Key>> = Vec::new();
        for key in keys {
            let fit: Vec<usize> = (0..quantities.len())
                .filter(|&q| fits(&quantities[q], &key))
                .collect();
            match fit[..] {
                [q] => quantities[q].push(key),
                _ => quantities.push(vec![key]),
            }
        }
        joined.extend(quantities.into_iter().filter(|q| q.len() > 1));
    }
    joined
}

/// The articles of a group.
fn reach(m: &Members) -> BTreeSet<usize> {
    m.iter().map(|x| x.0).collect()
}

/// Whether every article of a group names the subject and the scope of `key`.
fn names_whose(m: &Members, key: &Key, articles: &[ArticleNumbers], lower: &[String]) -> bool {
    reach(m).into_iter().all(|a| {
        articles[a].names(&lower[a], &key.subject) && articles[a].names(&lower[a], &key.scope)
    })
}

/// Whether the group of `key` is the quantity of the groups `quantity` ([`join_agreeing`]).
fn one_quantity(
    quantity: &[Key],
    key: &Key,
    groups: &BTreeMap<Key, Members>,
    articles: &[ArticleNumbers],
    lower: &[String],
) -> bool {
    let names_all = |m: &Members, k: &Key| names_whose(m, k, articles, lower);
    let group = &groups[key];
    let members: Vec<&Members> = quantity.iter().map(|k| &groups[k]).collect();
    if !quantity
        .iter()
        .all(|k| may_be_one(k, key) && names_all(group, k) && names_all(&groups[k], key))
    {
        return false;
    }
    let mut all = members.clone();
    all.push(group);
    shares_a_value(&members, group, articles) && one_value_each(&all, articles)
}

/// Whether the claims of some groups agree and each article gives one value: an article that gives
/// two different values gives two quantities.
fn one_value_each(all: &[&Members], articles: &[ArticleNumbers]) -> bool {
    let claims = value_claims(all, articles);
    let mut seen: HashMap<&str, &str> = HashMap::new();
    agree(&claims)
        && claims
            .iter()
            .all(|c| *seen.entry(c.article).or_insert(&c.number.value) == c.number.value)
}

/// Puts the groups of `keys` (the most reported first) under one key that says everything they say:
/// whose (the most reported group's that has one) and where.
fn merge_keys(groups: &mut BTreeMap<Key, Members>, keys: &[Key]) {
    let mut joined: Members = Vec::new();
    for k in keys {
        joined.extend(groups.remove(k).unwrap_or_default());
    }
    joined.sort_unstable();
    let pick = |f: fn(&Key) -> &String| {
        keys.iter()
            .map(f)
            .find(|p| !p.is_empty())
            .cloned()
            .unwrap_or_default()
    };
    let told = Key {
        subject: pick(|k| &k.subject),
        scope: pick(|k| &k.scope),
        part: 0,
        ..keys[0].clone()
    };
    insert_free(groups, told, joined);
}

/// Inserts a group under `key`, or under its next part where that key is taken.
fn insert_free(groups: &mut BTreeMap<Key, Members>, mut key: Key, members: Members) -> usize {
    while groups.contains_key(&key) {
        key.part += 1;
    }
    let part = key.part;
    groups.insert(key, members);
    part
}

/// An amount of money that says nothing of what it measures (no term, no counted noun: "paying the
/// regulator $250m", "overstating its accounts by $11bn"): its unit (`" per share"`, or empty for
/// an amount), or `None` where the number is no such amount.
fn unmeasured_money(n: &NumberMention, text: &str) -> Option<String> {
    let plain = n.kind == "money"
        && !n.value.is_empty()
        && n.qualifier != "many"
        && n.about.is_empty()
        && n.counted.trim().is_empty();
    plain.then(|| {
        per_unit(text.get(n.byte_end..).unwrap_or(""))
            .map_or(String::new(), |u| format!(" per {u}"))
    })
}

/// The significant digits of a number as written: 2 for "$11bn", "£4.6m" and "$630m"; 1 for "$3bn"
/// and "£10,000".
fn significant_digits(text: &str) -> usize {
    let digits: String = text.chars().filter(char::is_ascii_digit).collect();
    let digits = digits.trim_start_matches('0');
    let digits = match text.contains('.') {
        true => digits,
        false => digits.trim_end_matches('0'),
    };
    digits.len()
}

/// Gives an amount that says nothing of what it measures ([`unmeasured_money`]) the one figure of
/// its currency and unit that other articles report with the same value, written with two
/// significant digits or more (round amounts like "$3bn" or "£10,000" meet by chance in a large
/// corpus) or told in like words ([`told_in_like_words`]), and whose values it agrees with, where the
/// figure has a subject or scope the amount's article names ("the firm overstated its accounts by
/// $11bn" in an article naming Ebbers joins "the $11bn fraud of Ebbers") or the amount has a
/// subject every article of the figure names ("Acme should return $500m" joins "a return of $500m");
/// none where two fit.
fn join_unmeasured<'u>(
    groups: &mut BTreeMap<Key, Members>,
    unmeasured: &'u [(usize, usize, String)],
    articles: &[ArticleNumbers],
    lower: &[String],
) -> Vec<(usize, usize, &'u String)> {
    let mut moves: Vec<(Key, (usize, usize))> = Vec::new();
    let mut left: Vec<(usize, usize, &String)> = Vec::new();
    // The figures that give each amount of money (currency, value): the only ones an amount can join.
    let mut giving: HashMap<(&str, &str), BTreeSet<&Key>> = HashMap::new();
    for (key, members) in groups.iter().filter(|(k, _)| k.kind == "money") {
        for &(a, k) in members {
            let n = &articles[a].numbers[k];
            giving.entry((&n.unit, &n.value)).or_default().insert(key);
        }
    }
    for (a, k, unit) in unmeasured {
        let n = &articles[*a].numbers[*k];
        let fits: Vec<&Key> = giving
            .get(&(n.unit.as_str(), n.value.as_str()))
            .into_iter()
            .flatten()
            .copied()
            .filter(|key| takes_amount(key, &groups[*key], (*a, *k), unit, articles, lower))
            .collect();
        match fits[..] {
            [target] => moves.push((target.clone(), (*a, *k))),
            _ => left.push((*a, *k, unit)),
        }
    }
    for (key, m) in moves {
        groups.entry(key).or_default().push(m);
    }
    amount_figures(groups, left, articles)
}

/// Whether a figure takes the amount `(a, k)` that says nothing of what it measures
/// ([`join_unmeasured`]); `unit` is the amount's unit (" per share" or empty).
fn takes_amount(
    key: &Key,
    members: &Members,
    (a, k): (usize, usize),
    unit: &str,
    articles: &[ArticleNumbers],
    lower: &[String],
) -> bool {
    let n = &articles[a].numbers[k];
    let same_unit = if unit.is_empty() {
        !key.measure.contains(" per ")
    } else {
        key.measure.ends_with(unit)
    };
    let told_of = |part: &str| {
        !part.is_empty()
            && members
                .iter()
                .all(|m| articles[m.0].names(&lower[m.0], part))
    };
    let agrees = || {
        let (own, others): (Members, Members) = members.iter().partition(|m| m.0 == a);
        let mut joined = claims(&others, articles);
        joined.extend(own.iter().chain([&(a, k)]).map(|&(a, k)| Claim {
            article: articles[a].id,
            number: &articles[a].numbers[k],
        }));
        agree(&joined)
    };
    key.kind == "money"
        && key.currency == n.unit
        && same_unit
        && (significant_digits(&n.text) >= 2 || told_in_like_words(members, (a, k), articles))
        && members
            .iter()
            .any(|m| articles[m.0].numbers[m.1].value == n.value)
        && members.iter().any(|m| m.0 != a)
        && articles[a].names(&lower[a], &key.subject)
        && articles[a].names(&lower[a], &key.scope)
        && (!(key.subject.is_empty() && key.scope.is_empty()) || told_of(&subject_key(n)))
        && agrees()
}

/// The fewest words ([`content_stems`]) that the sentence of a round amount ("$800m") must share with
/// a sentence of a figure that gives the same value for the amount to join it.
const ROUND_AMOUNT_SHARED_WORDS: usize = 2;

/// Whether the sentence of amount `(a, k)` shares [`ROUND_AMOUNT_SHARED_WORDS`] words or more, names
/// aside, with the sentence of one of `members` of another article that gives the same value: "sold
/// to a consortium that included Viktor Pinchuk, …, despite other higher offers" and "a steel mill
/// sold to a consortium which included Viktor Pinchuk … despite higher bids" tell one sale; a round
/// amount alone meets others by chance, and two deals of one player in a story share his name
/// ("signed Elton Brand to a deal worth nearly $80 million"; "signed Elton Brand to an $82 million
/// deal and re-signed Iguodala for $80 million").
fn told_in_like_words(
    members: &Members,
    (a, k): (usize, usize),
    articles: &[ArticleNumbers],
) -> bool {
    let words = |(b, j): (usize, usize)| {
        let sentence = &articles[b].numbers[j].sentence;
        let plain: Vec<&str> = sentence
            .split(' ')
            .filter(|w| !w.starts_with(char::is_uppercase))
            .collect();
        content_stems(&plain.join(" "), articles[b].numbers)
    };
    let n = &articles[a].numbers[k];
    let own = words((a, k));
    members
        .iter()
        .filter(|m| m.0 != a && articles[m.0].numbers[m.1].value == n.value)
        .any(|&m| own.intersection(&words(m)).count() >= ROUND_AMOUNT_SHARED_WORDS)
}

/// Amounts that joined no figure form figures of their own where two articles or more give one
/// amount of one subject or scope ("paying the regulator $250m", "had to pay the regulator $250m");
/// returns the amounts of no subject or scope (for [`join_measures`]).
fn amount_figures<'u>(
    groups: &mut BTreeMap<Key, Members>,
    left: Vec<(usize, usize, &'u String)>,
    articles: &[ArticleNumbers],
) -> Vec<(usize, usize, &'u String)> {
    let mut amounts: BTreeMap<Key, Members> = BTreeMap::new();
    let mut loose = Vec::new();
    for (a, k, unit) in left {
        let n = &articles[a].numbers[k];
        let key = Key {
            kind: n.kind.clone(),
            measure: format!("amount{unit}"),
            currency: n.unit.clone(),
            subject: subject_key(n),
            scope: n.scope_id.clone(),
            part: 0,
        };
        if key.subject.is_empty() && key.scope.is_empty() {
            loose.push((a, k, unit));
        } else {
            amounts.entry(key).or_default().push((a, k));
        }
    }
    for (key, members) in amounts {
        let mut parts: Vec<Members> = Vec::new();
        for claim in claims_by_value(&members, articles) {
            let fit = parts.iter().position(|q| {
                !q.iter().any(|m| m.0 == claim[0].0) && agree(&value_claims(&[q, &claim], articles))
            });
            match fit {
                Some(i) => parts[i].extend(claim),
                None => parts.push(claim),
            }
        }
        let mut next = 0;
        for q in parts.into_iter().filter(|q| reach(q).len() >= 2) {
            let at = Key {
                part: next,
                ..key.clone()
            };
            next = insert_free(groups, at, q) + 1;
        }
    }
    loose
}

/// Joins amounts of money that outlets tell by different words into one quantity: "a $2bn
/// settlement", "pay $2bn" and "offering about $2bn"; "debts of 14bn euros" and "a 14bn euro black
/// hole". Groups of one currency and unit (an amount, or one per share) of different measures join
/// where one value is written alike in both, all values agree, no article gives two, no two
/// different subjects or scopes of one type meet, each one's articles name the other's subject and
/// scope, and every article of both has one main actor in common ([`ArticleNumbers::topics`]): the
/// story they tell is one. Amounts that say nothing of what they measure nor whose they are
/// (`loose`) take part as groups of their own and stay figures only where they joined another.
/// The most reported groups form quantities first; a group joins the one quantity it fits, none
/// where it fits two.
fn join_measures(
    groups: &mut BTreeMap<Key, Members>,
    loose: &[(usize, usize, &String)],
    articles: &[ArticleNumbers],
    lower: &[String],
) {
    let split = split_disagreeing(groups, articles);
    let temporary = add_loose(groups, loose, articles);
    let per = |k: &Key| k.measure.split_once(" per ").map(|p| p.1.to_string());
    let mut buckets: BTreeMap<(String, Option<String>), Vec<Key>> = BTreeMap::new();
    for k in groups.keys().filter(|k| k.kind == "money") {
        buckets
            .entry((k.currency.clone(), per(k)))
            .or_default()
            .push(k.clone());
    }
    let joined = form_quantities(buckets.into_values(), groups, |q, key| {
        one_amount(q, key, groups, articles, lower)
    });
    let moved: BTreeSet<Key> = joined.iter().flatten().cloned().collect();
    let amounts = merge_amounts(groups, joined, &temporary);
    // Loose amounts that joined nothing are no figures; the values of a figure that joined no
    // other are its figure again.
    for k in temporary.iter().filter(|k| !moved.contains(*k)) {
        groups.remove(k);
    }
    for (key, members) in amounts {
        insert_free(groups, key, members);
    }
    for (original, parts) in split {
        let mut members: Members = parts
            .iter()
            .filter(|k| !moved.contains(*k))
            .filter_map(|k| groups.remove(k))
            .flatten()
            .collect();
        members.sort_unstable();
        if !members.is_empty() {
            insert_free(groups, original, members);
        }
    }
}

/// Puts each amount that says nothing of what it measures nor whose it is into a group of its own
/// ([`join_measures`]); returns their keys.
fn add_loose(
    groups: &mut BTreeMap<Key, Members>,
    loose: &[(usize, usize, &String)],
    articles: &[ArticleNumbers],
) -> BTreeSet<Key> {
    let mut keys: BTreeSet<Key> = BTreeSet::new();
    for &(a, k, unit) in loose {
        let key = Key {
            kind: "money".into(),
            measure: format!("amount{unit}"),
            currency: articles[a].numbers[k].unit.clone(),
            subject: String::new(),
            scope: String::new(),
            part: 0,
        };
        let part = insert_free(groups, key.clone(), vec![(a, k)]);
        keys.insert(Key { part, ..key });
    }
    keys
}

/// Merges each quantity of [`join_measures`] under the key of its most reported group that is no
/// loose amount; returns the quantities of loose amounts only, taken out of `groups`, each under
/// an amount's key.
fn merge_amounts(
    groups: &mut BTreeMap<Key, Members>,
    joined: Vec<Vec<Key>>,
    loose: &BTreeSet<Key>,
) -> Vec<(Key, Members)> {
    let mut amounts: Vec<(Key, Members)> = Vec::new();
    for mut q in joined {
        match q.iter().position(|k| !loose.contains(k)) {
            Some(i) => {
                let named = q.remove(i);
                q.insert(0, named);
                merge_keys(groups, &q);
            }
            None => {
                let mut members: Members =
                    q.iter().flat_map(|k| groups.remove(k)).flatten().collect();
                members.sort_unstable();
                amounts.push((
                    Key {
                        part: 0,
                        ..q[0].clone()
                    },
                    members,
                ));
            }
        }
    }
    amounts
}

/// Whether each article of `group` tells its amount in a sentence that shares a word with a sentence
/// of `members` ([`content_stems`]): "a 4bn-euro hole in its accounts" and "4bn euros thought to be
/// held in an offshore account" do; "a $500bn trade gap" and "a deficit of half a trillion dollars"
/// do not, nor "£400m being spent on a vaccine" and "a boost to the budget of about £400m".
fn told_alike(group: &Members, members: &[&Members], articles: &[ArticleNumbers]) -> bool {
    let stems = |&(a, k): &(usize, usize)| {
        content_stems(&articles[a].numbers[k].sentence, articles[a].numbers)
    };
    let theirs: HashSet<String> = members
        .iter()
        .flat_map(|m| m.iter().flat_map(stems))
        .collect();
    reach(group).into_iter().all(|a| {
        group
            .iter()
            .filter(|m| m.0 == a)
            .any(|m| stems(m).iter().any(|w| theirs.contains(w)))
    })
}

/// Splits each group of money whose articles disagree, and that is no running total, into one group
/// per value (for [`join_measures`]: "a 4bn-euro hole" and "a 14bn euro black hole" are two amounts
/// that other articles tell by other words); returns each split group's key and its parts' keys.
fn split_disagreeing(
    groups: &mut BTreeMap<Key, Members>,
    articles: &[ArticleNumbers],
) -> Vec<(Key, Vec<Key>)> {
    let disagreeing: Vec<Key> = groups
        .iter()
        .filter(|(k, m)| k.kind == "money" && !running(&k.measure) && !agree(&claims(m, articles)))
        .map(|(k, _)| k.clone())
        .collect();
    let mut out = Vec::new();
    for key in disagreeing {
        let Some(members) = groups.remove(&key) else {
            continue;
        };
        let mut by_value: BTreeMap<&str, Members> = BTreeMap::new();
        for &(a, k) in &members {
            by_value
                .entry(articles[a].numbers[k].value.as_str())
                .or_default()
                .push((a, k));
        }
        let parts = by_value
            .into_values()
            .map(|m| {
                let part = insert_free(groups, key.clone(), m);
                Key {
                    part,
                    ..key.clone()
                }
            })
            .collect();
        out.push((key, parts));
    }
    out
}

/// Whether the group of `key` tells the amount of the groups `quantity` ([`join_measures`]).
fn one_amount(
    quantity: &[Key],
    key: &Key,
    groups: &BTreeMap<Key, Members>,
    articles: &[ArticleNumbers],
    lower: &[String],
) -> bool {
    let group = &groups[key];
    let members: Vec<&Members> = quantity.iter().map(|k| &groups[k]).collect();
    let told = |m: &Members, k: &Key| names_whose(m, k, articles, lower);
    let compatible = quantity.iter().all(|k| {
        may_be_one(
            k,
            &Key {
                measure: k.measure.clone(),
                ..key.clone()
            },
        ) && told(group, k)
            && told(&groups[k], key)
    });
    if !compatible || !shares_a_specific_value(&members, group, articles) {
        return false;
    }
    let mut all = members.clone();
    all.push(group);
    let mut story = all.iter().flat_map(|m| reach(m));
    let first = story
        .next()
        .map(|a| articles[a].topics.clone())
        .unwrap_or_default();
    let common = story.fold(first, |c, a| &c & &articles[a].topics);
    !common.is_empty() && told_alike(group, &members, articles) && one_value_each(&all, articles)
}

/// Splits a group into the quantities it holds where one article gives two values of it side by side:
/// an article does not contradict itself, so "rejected a deal worth $8bn" beside "accepted a $6.75bn
/// buyout" (both the deal of MCI) are two quantities. The values join into quantities, most reported
/// first, each the first one it agrees with and shares no article with; other articles' values that
/// agree with no quantity go to the most reported (a conflict there). Running totals are one quantity:
/// an article may give a toll and its update.
fn split_quantities(groups: &mut BTreeMap<Key, Members>, articles: &[ArticleNumbers]) {
    let keys: Vec<Key> = groups
        .keys()
        .filter(|k| !running(&k.measure))
        .cloned()
        .collect();
    for key in keys {
        let claims = claims_by_value(&groups[&key], articles);
        let mut by_article: BTreeMap<usize, usize> = BTreeMap::new();
        for c in &claims {
            *by_article.entry(c[0].0).or_default() += 1;
        }
        if by_article.values().all(|&n| n < 2) {
            continue;
        }
        let Some(mut members) = groups.remove(&key) else {
            continue;
        };
        for (part, quantity) in quantities(claims, articles).into_iter().enumerate() {
            members.retain(|m| !quantity.contains(m));
            groups.insert(
                Key {
                    part,
                    ..key.clone()
                },
                quantity,
            );
        }
        debug_assert!(members.is_empty());
    }
}

/// The quantities of a group's claims (see [`split_quantities`]), most reported first.
fn quantities(mut claims: Vec<Members>, articles: &[ArticleNumbers]) -> Vec<Members> {
    let value = |c: &Members| articles[c[0].0].numbers[c[0].1].value.clone();
    let mut reports: HashMap<String, usize> = HashMap::new();
    for c in &claims {
        *reports.entry(value(c)).or_default() += 1;
    }
    claims.sort_by_key(|c| std::cmp::Reverse(reports[&value(c)]));
    let fits = |out: &[Members], c: &Members| {
        let a = c[0].0;
        out.iter().position(|q| {
            !q.iter().any(|m| m.0 == a) && {
                let mut joined = q.clone();
                joined.extend(c.iter().copied());
                agree(&self::claims(&joined, articles))
            }
        })
    };
    let mut out: Vec<Members> = Vec::new();
    let mut stray: Vec<Members> = Vec::new();
    for c in claims {
        let own = out.iter().any(|q| q.iter().any(|m| m.0 == c[0].0));
        match fits(&out, &c) {
            Some(i) => out[i].extend(c),
            None if own || out.is_empty() => out.push(c),
            None => stray.push(c),
        }
    }
    // A value that agreed with no quantity when it came may agree with one found after it.
    for c in stray {
        let i = fits(&out, &c).unwrap_or(0);
        out[i].extend(c);
    }
    out
}

/// A group's members by article and value: each value an article gives is a claim of its own ("its
/// initial £1.3bn offer" and "its bid of £1.5bn").
fn claims_by_value(members: &Members, articles: &[ArticleNumbers]) -> Vec<Members> {
    let mut by: BTreeMap<(usize, &str), Members> = BTreeMap::new();
    for &(a, k) in members {
        let value = articles[a].numbers[k].value.as_str();
        by.entry((a, value)).or_default().push((a, k));
    }
    by.into_values().collect()
}

/// One article's claim about a figure.
struct Claim<'a> {
    article: &'a str,
    number: &'a NumberMention,
}

/// Each article's value for a group: its most repeated, then its largest; in corpus order.
fn claims<'a>(members: &Members, articles: &'a [ArticleNumbers]) -> Vec<Claim<'a>> {
    let mut by_article: BTreeMap<usize, Vec<&NumberMention>> = BTreeMap::new();
    for &(a, k) in members {
        by_article
            .entry(a)
            .or_default()
            .push(&articles[a].numbers[k]);
    }
    by_article
        .into_iter()
        .map(|(a, ns)| Claim {
            article: articles[a].id,
            number: article_value(&ns),
        })
        .collect()
}

/// An article's value for a figure: its most repeated, then its largest.
fn article_value<'a>(ns: &[&'a NumberMention]) -> &'a NumberMention {
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for n in ns {
        *counts.entry(n.value.as_str()).or_default() += 1;
    }
    let num = |n: &NumberMention| n.value.parse::<f64>().unwrap_or(0.0);
    ns.iter()
        .copied()
        .max_by(|a, b| {
            counts[a.value.as_str()]
                .cmp(&counts[b.value.as_str()])
                .then(num(a).total_cmp(&num(b)))
        })
        .expect("a figure's article has a number")
}

/// Whether one number satisfies every claim, a percentage read as written (the joins of groups ask
/// this: "sales rose 9%" and another company's "sales 9.3% higher" are two quantities).
fn agree(claims: &[Claim]) -> bool {
    within(claims, false)
}

/// Whether one number satisfies every claim of one figure, a percentage read with its rounding
/// ([`rounding`]): once claims are one quantity, "5%" and "5.11%" agree.
fn agree_as_reported(claims: &[Claim]) -> bool {
    within(claims, true)
}

fn within(claims: &[Claim], rounded_percent: bool) -> bool {
    let (lo, hi) = claims
        .iter()
        .fold((f64::NEG_INFINITY, f64::INFINITY), |(lo, hi), c| {
            let (a, b) = allowed(c.number, rounded_percent);
            (lo.max(a), hi.min(b))
        });
    lo <= hi
}

/// A figure's status, its values in the order the status lists them, and its value.
fn reconcile(key: &Key, claims: &[Claim]) -> (&'static str, Vec<(String, usize)>, String) {
    let mut values: Vec<(String, usize)> = Vec::new();
    for c in claims {
        match values.iter_mut().find(|(v, _)| *v == c.number.value) {
            Some((_, n)) => *n += 1,
            None => values.push((c.number.value.clone(), 1)),
        }
    }
    let status = if agree_as_reported(claims) {
        "agreed"
    } else if running(&key.measure) {
        "updated"
    } else {
        "conflict"
    };
    let num = |v: &str| v.parse::<f64>().unwrap_or(f64::NAN);
    let top = if status == "updated" {
        values.sort_by(|a, b| num(&a.0).total_cmp(&num(&b.0)));
        values.last()
    } else {
        values.sort_by_key(|v| std::cmp::Reverse(v.1));
        values.first()
    }
    .map(|v| v.0.clone())
    .unwrap_or_default();
    (status, values, top)
}

fn figure(key: &Key, id: String, claims: &[Claim]) -> Figure {
    let (status, values, top) = reconcile(key, claims);
    let qualifier = most_common(
        claims
            .iter()
            .filter(|c| c.number.value == top)
            .map(|c| c.number.qualifier.clone()),
    );
    let counted = if claims.iter().any(|c| c.number.about == key.measure) {
        key.measure.clone()
    } else {
        most_common(claims.iter().map(|c| c.number.counted.to_lowercase()))
    };
    let first = |f: fn(&NumberMention) -> &String| {
        most_common(
            claims
                .iter()
                .map(|c| f(c.number).clone())
                .filter(|s| !s.is_empty()),
        )
    };
    Figure {
        id,
        kind: key.kind.clone(),
        counted,
        unit: first(|n| &n.unit),
        subject: first(|n| &n.subject),
        subject_id: first(|n| &n.subject_id),
        scope: first(|n| &n.scope),
        scope_id: key.scope.clone(),
        value: top,
        qualifier,
        sentences: values
            .iter()
            .map(|(v, _)| {
                claims
                    .iter()
                    .find(|c| c.number.value == *v)
                    .map_or(String::new(), |c| c.number.sentence.clone())
            })
            .collect(),
        values,
        article_ids: claims.iter().map(|c| c.article.to_string()).collect(),
        status,
        conflict: status == "conflict",
    }
}

/// The most frequent item (the first seen among equals), or empty.
fn most_common(items: impl Iterator<Item = String>) -> String {
    let mut counts: Vec<(String, usize)> = Vec::new();
    for s in items {
        match counts.iter_mut().find(|(x, _)| *x == s) {
            Some((_, n)) => *n += 1,
            None => counts.push((s, 1)),
        }
    }
    counts.sort_by_key(|c| std::cmp::Reverse(c.1));
    counts
        .into_iter()
        .next()
        .map(|(s, _)| s)
        .unwrap_or_default()
}

#[cfg(test)]
mod tests;
