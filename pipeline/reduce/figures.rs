//! Figures: the same quantity reported across articles, reconciled (`figures.csv`).
//!
//! A figure is every count in the corpus that counts the same thing. What a count is about comes from
//! the words of its sentence (`models/lexicons/figure_terms.tsv`): each term ("killed", "death toll",
//! "on board") goes to the nearest count within a few words (the map side's `terms` module) and not across a dash, colon,
//! semicolon or bracket, nearest pairs first, one term per count and one count per term ("38 of the 67 people on board died": 67 is `aboard`, 38 is `dead`).
//! A count with no term is about the head of its counted noun ("12 ministers" → `minister`). Counts
//! with nothing counted, vague counts and other kinds (money, percentages, measures: their unit is not
//! what they count) are not figures.
//!
//! Each article gives one value per figure (its most repeated, then its largest) with its qualifier.
//! A figure's `value` is the value most articles give. Articles disagree (`conflict = yes`) when no
//! number satisfies every article's claim read with its qualifier: "at least 38" and "38" agree, "38"
//! and "39" do not, "about 40" allows 10% either way, a range allows its bounds.

use newsner_core::span::NumberMention;
use std::collections::{BTreeMap, HashMap};

/// One figure of the corpus.
#[derive(Debug, Clone, PartialEq)]
pub struct Figure {
    /// Stable id: `count-<key>`.
    pub id: String,
    /// The kind of number (`count`).
    pub kind: String,
    /// What it counts: the figure term, or the counted noun's head.
    pub counted: String,
    /// The value most articles give.
    pub value: String,
    /// The qualifier given with that value most often.
    pub qualifier: String,
    /// Each distinct value with the number of articles that give it, most first.
    pub values: Vec<(String, usize)>,
    /// Articles that report it, in corpus order.
    pub article_ids: Vec<String>,
    /// Whether the articles disagree beyond their qualifiers.
    pub conflict: bool,
    /// One example sentence per value, in the order of `values`.
    pub sentences: Vec<String>,
}

/// The figure key of a number: its term, else its counted noun's head; `None` for numbers that are not
/// figures.
pub fn key_of(n: &NumberMention) -> Option<String> {
    if n.kind != "count" || n.value.is_empty() || n.qualifier == "many" {
        return None;
    }
    if !n.about.is_empty() {
        return Some(n.about.clone());
    }
    let head = n.counted.split_whitespace().last()?.to_lowercase();
    let head: String = head.chars().filter(|c| c.is_alphanumeric()).collect();
    (head.chars().count() >= 2).then(|| singular(&head))
}

/// A plural noun's singular, for grouping ("ministers" → "minister"; "people" stays).
fn singular(w: &str) -> String {
    if let Some(stem) = w.strip_suffix("ies").filter(|s| s.len() >= 2) {
        return format!("{stem}y");
    }
    if w.ends_with('s') && !w.ends_with("ss") && !w.ends_with("us") && w.len() > 3 {
        return w[..w.len() - 1].to_string();
    }
    w.to_string()
}

/// The interval of values a claim allows, read with its qualifier.
fn allowed(value: f64, qualifier: &str, range: Option<(f64, f64)>) -> (f64, f64) {
    if let Some((a, b)) = range {
        return (a, b);
    }
    match qualifier {
        "at-least" | "more-than" => (value, f64::INFINITY),
        "at-most" | "less-than" | "up-to" => (f64::NEG_INFINITY, value),
        "about" | "almost" => (value * 0.9, value * 1.1),
        _ => (value, value),
    }
}

/// One article's claim about a figure.
struct Claim<'a> {
    article: &'a str,
    number: &'a NumberMention,
}

/// Builds the corpus's figures from each article's numbers (`(article id, numbers)` in corpus order),
/// with each number's figure id (`None` where it is not a figure), sorted by articles, most first.
pub fn figures(articles: &[(&str, &[NumberMention])]) -> (Vec<Figure>, Vec<Vec<Option<String>>>) {
    let mut claims: BTreeMap<String, Vec<Claim>> = BTreeMap::new();
    let mut ids: Vec<Vec<Option<String>>> = Vec::new();
    for (article, numbers) in articles {
        let keys: Vec<Option<String>> = numbers.iter().map(key_of).collect();
        let mut by_key: HashMap<&str, Vec<&NumberMention>> = HashMap::new();
        for (n, k) in numbers.iter().zip(&keys) {
            if let Some(k) = k {
                by_key.entry(k.as_str()).or_default().push(n);
            }
        }
        for (k, ns) in by_key {
            claims.entry(k.to_string()).or_default().push(Claim {
                article,
                number: article_value(&ns),
            });
        }
        ids.push(keys.into_iter().map(|k| k.map(|k| figure_id(&k))).collect());
    }
    let order: HashMap<&str, usize> = articles
        .iter()
        .enumerate()
        .map(|(i, (a, _))| (*a, i))
        .collect();
    let mut out: Vec<Figure> = claims
        .into_iter()
        .map(|(key, mut cs)| {
            cs.sort_by_key(|c| order[c.article]);
            figure(&key, &cs)
        })
        .collect();
    out.sort_by(|a, b| {
        b.article_ids
            .len()
            .cmp(&a.article_ids.len())
            .then(a.id.cmp(&b.id))
    });
    (out, ids)
}

fn figure_id(key: &str) -> String {
    format!("count-{}", key.replace(' ', "-"))
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

fn figure(key: &str, claims: &[Claim]) -> Figure {
    let mut values: Vec<(String, usize)> = Vec::new();
    for c in claims {
        match values.iter_mut().find(|(v, _)| *v == c.number.value) {
            Some((_, n)) => *n += 1,
            None => values.push((c.number.value.clone(), 1)),
        }
    }
    values.sort_by_key(|v| std::cmp::Reverse(v.1));
    let top = &values[0].0;
    let mut qualifiers: Vec<(&str, usize)> = Vec::new();
    for c in claims.iter().filter(|c| c.number.value == *top) {
        match qualifiers
            .iter_mut()
            .find(|(q, _)| *q == c.number.qualifier)
        {
            Some((_, n)) => *n += 1,
            None => qualifiers.push((&c.number.qualifier, 1)),
        }
    }
    qualifiers.sort_by_key(|q| std::cmp::Reverse(q.1));
    let (lo, hi) = claims
        .iter()
        .fold((f64::NEG_INFINITY, f64::INFINITY), |(lo, hi), c| {
            let v = c.number.value.parse::<f64>().unwrap_or(f64::NAN);
            let (a, b) = allowed(v, &c.number.qualifier, c.number.range);
            (lo.max(a), hi.min(b))
        });
    let counted = if claims.iter().any(|c| c.number.about == key) {
        key.to_string()
    } else {
        most_common(claims.iter().map(|c| c.number.counted.to_lowercase()))
    };
    Figure {
        id: figure_id(key),
        kind: "count".into(),
        counted,
        value: top.clone(),
        qualifier: qualifiers[0].0.to_string(),
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
        conflict: lo > hi || lo.is_nan() || hi.is_nan(),
    }
}

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
mod tests {
    use super::*;

    fn n(value: &str, qualifier: &str, about: &str, counted: &str) -> NumberMention {
        NumberMention {
            value: value.into(),
            text: value.into(),
            kind: "count".into(),
            counted: counted.into(),
            qualifier: qualifier.into(),
            start: 0,
            end: value.chars().count(),
            byte_start: 0,
            byte_end: value.len(),
            sentence: format!("{value} {counted}"),
            range: None,
            about: about.into(),
        }
    }

    #[test]
    fn articles_agree_within_their_qualifiers() {
        let a = [n("38", "", "dead", "people")];
        let b = [n("38", "at-least", "dead", "people")];
        let c = [n("40", "", "dead", "people")];
        let d = [n("39", "", "dead", "people"), n("12", "", "", "ministers")];
        let (figs, ids) = figures(&[("a", &a), ("b", &b), ("c", &c)]);
        assert_eq!(figs.len(), 1);
        let f = &figs[0];
        assert_eq!((f.value.as_str(), f.counted.as_str()), ("38", "dead"));
        assert_eq!(f.values, [("38".into(), 2), ("40".into(), 1)]);
        assert!(f.conflict, "38 and 40 disagree");
        assert_eq!(ids[0], [Some("count-dead".to_string())]);
        let (figs, _) = figures(&[("a", &a), ("b", &b)]);
        assert!(!figs[0].conflict, "at least 38 and 38 agree");
        let (figs, ids) = figures(&[("b", &b), ("d", &d)]);
        assert!(!figs[0].conflict, "at least 38 and 39 agree");
        assert_eq!(figs[1].counted, "ministers");
        assert_eq!(ids[1][1].as_deref(), Some("count-minister"));
    }
}
