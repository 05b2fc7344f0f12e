//! The sentences the report shows for an entity: one per article where it is mentioned (its first
//! mention there), cut to a window around the mention. The most-mentioned entities get more (their
//! quota by rank), handed out first, then one each for the rest in rank order, until a budget is spent:
//! the page stays small on a large corpus, and an entity past the budget still lists its articles.

use crate::normalize::Normalized;
use newsner_core::record::ArticleRecord;
use serde::Serialize;
use std::collections::BTreeMap;

/// Snippets in all.
const BUDGET: usize = 12_000;
/// Snippets per entity by rank: (ranks below, quota); one for the rest.
const QUOTAS: [(usize, usize); 2] = [(100, 8), (1000, 3)];
/// Characters kept on each side of the mention.
const SIDE: usize = 60;

/// How many snippets the entity of rank `rank` may have.
fn quota(rank: usize) -> usize {
    QUOTAS
        .iter()
        .find(|(below, _)| rank < *below)
        .map_or(1, |q| q.1)
}

/// Article index, the text before the mention, the mention, the text after.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Snippet(pub u32, pub String, pub String, pub String);

/// Each entity's snippets (indexed as `normalized.entities`), entities served in `order`.
pub fn choose(records: &[ArticleRecord], n: &Normalized, order: &[usize]) -> Vec<Vec<Snippet>> {
    let index: std::collections::HashMap<&str, usize> = records
        .iter()
        .enumerate()
        .map(|(i, r)| (r.id.as_str(), i))
        .collect();
    // Each entity's first mention in each of its articles, in article order.
    let mut firsts: Vec<BTreeMap<usize, usize>> = vec![BTreeMap::new(); n.entities.len()];
    for (k, m) in n.mentions.iter().enumerate() {
        if let Some(&a) = index.get(m.article_id.as_str()) {
            firsts[n.entity_of[k]].entry(a).or_insert(k);
        }
    }
    let firsts: Vec<Vec<(usize, usize)>> = firsts
        .into_iter()
        .map(|f| f.into_iter().collect())
        .collect();
    // (article, mention, entity) chosen: the quotas of the top ranks, then one for each of the rest.
    let mut chosen: Vec<(usize, usize, usize)> = Vec::new();
    let ranked = order.iter().enumerate();
    let top = ranked.clone().filter(|(r, _)| quota(*r) > 1);
    let rest = ranked.filter(|(r, _)| quota(*r) == 1);
    for (rank, &e) in top.chain(rest) {
        for &(a, k) in firsts[e].iter().take(quota(rank)) {
            if chosen.len() == BUDGET {
                break;
            }
            chosen.push((a, k, e));
        }
    }
    chosen.sort_unstable();
    let mut out = vec![Vec::new(); n.entities.len()];
    let mut current: Option<(usize, Vec<std::ops::Range<usize>>)> = None;
    for (a, k, e) in chosen {
        let text = records[a].text.as_str();
        if current.as_ref().is_none_or(|(i, _)| *i != a) {
            current = Some((a, newsner_core::text::sentences(text, &[0..text.len()])));
        }
        let sentences = current.as_ref().map_or(&[][..], |(_, s)| &s[..]);
        if let Some(s) = cut(text, sentences, &n.mentions[k]) {
            out[e].push(Snippet(a as u32, s.0, s.1, s.2));
        }
    }
    for v in &mut out {
        v.sort_by_key(|s| s.0);
    }
    out
}

/// The byte range of a mention in its article: where its byte offset says, if the text is there, else
/// from its character offsets.
fn bytes_of(text: &str, m: &crate::normalize::CleanMention) -> Option<std::ops::Range<usize>> {
    let b = m.byte_start;
    if text.get(b..).is_some_and(|t| t.starts_with(&m.text)) && !m.text.is_empty() {
        return Some(b..b + m.text.len());
    }
    let mut idx = text
        .char_indices()
        .map(|(i, _)| i)
        .chain(std::iter::once(text.len()));
    let start = idx.nth(m.start)?;
    let end = if m.end > m.start {
        idx.nth(m.end - m.start - 1)?
    } else {
        start
    };
    Some(start..end)
}

/// The mention's sentence, at most [`SIDE`] characters either side of it.
fn cut(
    text: &str,
    sentences: &[std::ops::Range<usize>],
    m: &crate::normalize::CleanMention,
) -> Option<(String, String, String)> {
    let r = bytes_of(text, m)?;
    let s = sentences
        .iter()
        .find(|s| s.start <= r.start && r.start < s.end)
        .cloned()
        .unwrap_or(0..text.len());
    let (s_start, s_end) = (s.start.min(r.start), s.end.max(r.end));
    let before: Vec<char> = text.get(s_start..r.start)?.chars().collect();
    let after: Vec<char> = text.get(r.end..s_end)?.chars().collect();
    let mut b: String = before[before.len().saturating_sub(SIDE)..].iter().collect();
    if before.len() > SIDE {
        b.insert(0, '…');
    }
    let mut a: String = after[..after.len().min(SIDE)].iter().collect();
    if after.len() > SIDE {
        a.push('…');
    }
    let squash = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    let b = format!(
        "{}{}",
        squash(&b),
        if b.ends_with(char::is_whitespace) {
            " "
        } else {
            ""
        }
    );
    let a = format!(
        "{}{}",
        if a.starts_with(char::is_whitespace) {
            " "
        } else {
            ""
        },
        squash(&a)
    );
    Some((b, text.get(r)?.to_string(), a))
}
