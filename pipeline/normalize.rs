//! The normalize stage: from raw mentions to entities, one per real-world thing, under every name the
//! articles use for it.
//!
//! 1. **Clean-up** ([`clean_mentions`]): surrounding quotes of any kind, a possessive `'s`/`’s`, a
//!    leading "the", trailing punctuation and a hashtag or handle sign are removed; `#CamelCase` hashtags
//!    are split into words; two mentions that the tokenizer cut apart with nothing but a hyphen or an
//!    apostrophe between them ("Pantsir" + "-S") are joined. Demonyms ("Azerbaijani", "Kazakh") are never
//!    places.
//! 2. **The alias table** ([`AliasTable`]) maps names the user has confirmed to a canonical name (and
//!    optionally a type) before anything else.
//! 3. **Within an article** ([`resolve_article`]): an acronym defined in the text ("Commonwealth of
//!    Independent States (CIS)") or matching the initials of a longer name in the article joins it; a
//!    person's surname or given name alone joins the full name in the article that ends or starts with
//!    it. When two people share it, the nearest preceding full name wins and the ambiguity is recorded.
//! 4. **Across articles** ([`normalize`]): mentions with the same name form a node; nodes join when
//!    - two person names match token by token, transliteration-aware ([`tokens_match`]): every token of
//!      the shorter name matches a token of the longer, surnames must match, given names must match when
//!      both have one, and gendered forms (-ov/-ova, Ivan/Ivana) never match;
//!    - a name alone (a surname, a given name, an acronym) matches exactly one fuller name in the corpus;
//!    - two other names have the same words in another order ("Defence Ministry", "Ministry of
//!      Defence") or differ by a leading demonym ("Russian Pantsir-S", "Pantsir-S").
//! 5. **Type and name**: an entity's type is the score-weighted vote of its mentions; its canonical name
//!    is its most complete, most frequent form. `merge_reasons` says why each alias joined.

use crate::ner::labels::EntityType;
use crate::ner::Mention;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// A mention after clean-up, with the article it came from.
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
pub struct CleanMention {
    /// The article.
    pub article_id: String,
    /// Character offset of the cleaned mention in the article.
    pub start: usize,
    /// Character offset of its end.
    pub end: usize,
    /// The mention as written (the cleaned span of the article).
    pub text: String,
    /// The cleaned name used for matching and display.
    pub name: String,
    /// Type after clean-up.
    #[serde(rename = "type")]
    pub entity_type: EntityType,
    /// The model's label.
    pub label: String,
    /// Model confidence.
    pub score: f32,
    /// Byte offset of the start, for resolution by proximity.
    #[serde(skip)]
    pub byte_start: usize,
}

/// One real-world entity.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Entity {
    /// `<type>:<slug of name>`.
    pub id: String,
    /// The type.
    #[serde(rename = "type")]
    pub entity_type: EntityType,
    /// Canonical name.
    pub name: String,
    /// Other names it goes by.
    pub aliases: Vec<String>,
    /// Articles that mention it.
    pub articles: BTreeSet<String>,
    /// Number of mentions.
    pub mentions: usize,
    /// Mean confidence of its mentions.
    pub score: f32,
    /// Why each alias joined.
    pub merge_reasons: Vec<String>,
}

/// The stage's output: entities and, for each clean mention, its entity.
#[derive(Debug, Clone, Default)]
pub struct Normalized {
    /// Entities, in table order (articles, then mentions, both descending, then name).
    pub entities: Vec<Entity>,
    /// The clean mentions, in article order.
    pub mentions: Vec<CleanMention>,
    /// `entity_of[i]` is the index in `entities` of `mentions[i]`.
    pub entity_of: Vec<usize>,
    /// Merges the clusterer was least sure of, and near misses it refused, for `review.csv`.
    pub review: Vec<ReviewItem>,
    /// Rows per table before merging (distinct cleaned names per type).
    pub rows_before: BTreeMap<String, usize>,
}

/// A line of `review.csv`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReviewItem {
    /// `merged` or `refused`.
    pub decision: String,
    /// The entity type.
    pub entity_type: EntityType,
    /// One name.
    pub name: String,
    /// The name it was (or was not) joined with.
    pub other: String,
    /// The rule and what made it uncertain.
    pub reason: String,
    /// Similarity of the two names (0..1).
    pub similarity: f32,
}

const QUOTES: &[char] = &[
    '"', '\'', '‘', '’', '“', '”', '«', '»', '„', '‚', '‹', '›', '`', '´', '(', ')', '[', ']',
];

/// Cleans a mention's span: returns the trimmed `(start, end)` byte range within `text` and the display
/// name, or `None` when nothing name-like is left.
pub fn clean(text: &str) -> Option<(usize, usize, String)> {
    clean_with(text, false)
}

/// [`clean`], told whether the article has a `#` right before the span (a hashtag the tokenizer split).
pub fn clean_with(text: &str, after_hash: bool) -> Option<(usize, usize, String)> {
    let mut s = 0;
    let mut e = text.len();
    loop {
        let t = &text[s..e];
        let before = (s, e);
        // Surrounding quotes and brackets, trailing punctuation.
        if let Some(c) = t
            .chars()
            .next()
            .filter(|c| QUOTES.contains(c) || c.is_whitespace())
        {
            s += c.len_utf8();
        }
        let t = &text[s..e];
        if let Some(c) = t
            .chars()
            .next_back()
            .filter(|c| QUOTES.contains(c) || c.is_whitespace() || ",.;:!?—–-".contains(*c))
        {
            // Keep the final dot of an abbreviation such as "U.S." or "Inc.".
            let abbrev = c == '.' && t.len() >= 3 && t[..t.len() - 1].contains('.');
            if !abbrev {
                e -= c.len_utf8();
            }
        }
        let t = &text[s..e];
        // Possessive.
        for p in ["'s", "’s", "'S", "’S"] {
            if t.len() > p.len() && t.ends_with(p) {
                e -= p.len();
                break;
            }
        }
        let t = &text[s..e];
        for p in ["the ", "The ", "THE "] {
            if t.len() > p.len() + 2 && t.starts_with(p) {
                s += p.len();
                break;
            }
        }
        let t = &text[s..e];
        if let Some(c) = t.chars().next().filter(|c| *c == '#' || *c == '@') {
            s += c.len_utf8();
        }
        if (s, e) == before || s >= e {
            break;
        }
    }
    let t = &text[s.min(e)..e];
    if !t.chars().any(char::is_alphanumeric) {
        return None;
    }
    let hashtag = after_hash || (s > 0 && text[..s].ends_with('#'));
    let name = if hashtag {
        split_camel(t)
    } else {
        t.split_whitespace().collect::<Vec<_>>().join(" ")
    };
    Some((s, e, name))
}

/// Splits `AzerbaijanAirlines` into `Azerbaijan Airlines`: a space goes before each capital that follows
/// a lowercase letter (an acronym run such as `NATOpress` is left alone: where it ends is a guess).
pub fn split_camel(s: &str) -> String {
    let mut out = String::new();
    let chars: Vec<char> = s.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        if i > 0 && c.is_uppercase() && chars[i - 1].is_lowercase() {
            out.push(' ');
        }
        if c == '_' {
            out.push(' ');
        } else {
            out.push(c);
        }
    }
    out
}

/// Whether a single word looks like an adjective of nationality or a people ("Azerbaijani", "Kazakh",
/// "Russians"), which is never a place. Decided by shape: one capitalised word with a demonym ending,
/// or a name the model also tags as MISC elsewhere in the corpus (see [`normalize`]).
pub fn looks_like_demonym(name: &str) -> bool {
    if name.contains(' ') || !name.chars().next().is_some_and(char::is_uppercase) {
        return false;
    }
    let l = name.to_lowercase();
    let l = l.strip_suffix('s').unwrap_or(&l);
    [
        "ani", "ian", "ean", "ese", "ish", "kh", "iz", "yz", "ic", "ari", "i",
    ]
    .iter()
    .any(|suf| l.ends_with(suf))
}

/// Whether a name has the shape of a product or weapon designation: one word whose last hyphenated part
/// is one to three capitals or digits ("Pantsir-S", "Su-25", "F-16", "COVID-19", "S-400"). CoNLL
/// annotates products as MISC, so these go to `other` whatever a mention was tagged.
pub fn looks_like_designation(name: &str) -> bool {
    if name.contains(' ') {
        return false;
    }
    let Some((head, tail)) = name.rsplit_once('-') else {
        return false;
    };
    !head.is_empty()
        && head.chars().next().is_some_and(char::is_uppercase)
        && (1..=3).contains(&tail.chars().count())
        && tail
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
}

/// A case- and accent-insensitive key for a name.
pub fn key(name: &str) -> String {
    name.chars()
        .filter(|c| c.is_alphanumeric() || c.is_whitespace())
        .flat_map(char::to_lowercase)
        .map(fold_accent)
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn fold_accent(c: char) -> char {
    match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => 'a',
        'ç' | 'ć' | 'č' => 'c',
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ė' | 'ę' | 'ě' | 'ə' => 'e',
        'ì' | 'í' | 'î' | 'ï' | 'ī' | 'į' | 'ı' => 'i',
        'ñ' | 'ń' | 'ň' => 'n',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ő' => 'o',
        'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' => 'u',
        'ý' | 'ÿ' => 'y',
        'ş' | 'ś' | 'š' => 's',
        'ž' | 'ź' | 'ż' => 'z',
        'ğ' => 'g',
        other => other,
    }
}

/// A slug for entity ids: lowercase letters and digits (accents folded), other characters turned into
/// single `-`s.
pub fn slug(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars().flat_map(char::to_lowercase).map(fold_accent) {
        if c.is_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
}

/// Joins mentions that the tokenizer cut apart: consecutive mentions with nothing between them but a
/// hyphen or an apostrophe ("Pantsir" + "-S"). The joined mention takes the type of the higher score.
pub fn rejoin(text: &str, mentions: &[Mention]) -> Vec<Mention> {
    let mut out: Vec<Mention> = Vec::with_capacity(mentions.len());
    for m in mentions {
        if let Some(last) = out.last_mut() {
            let gap = &text[last.byte_end.min(m.byte_start)..m.byte_start];
            let glued = gap.chars().all(|c| matches!(c, '-' | '‐' | '\'' | '’'));
            let touches = !text[..m.byte_start].ends_with(char::is_whitespace)
                && !text[last.byte_end..].starts_with(char::is_whitespace);
            if glued && touches && last.byte_end <= m.byte_start {
                let n1 = (last.end - last.start) as f32;
                let n2 = (m.end - m.start) as f32;
                let score = (last.score * n1 + m.score * n2) / (n1 + n2);
                if m.score > last.score {
                    last.entity_type = m.entity_type;
                    last.label = m.label.clone();
                }
                last.byte_end = m.byte_end;
                last.end = m.end;
                last.text = text[last.byte_start..last.byte_end].to_string();
                last.score = score;
                continue;
            }
        }
        out.push(m.clone());
    }
    out
}

/// Replaces mentions that cover part of a defined long form ("Commonwealth" + "of Independent States"
/// before "(CIS)") by one mention of the whole long form, typed by the covered mentions' vote.
fn repair_definitions(text: &str, mentions: Vec<Mention>) -> Vec<Mention> {
    let index = crate::ner::CharIndex::new(text);
    let mut out = mentions;
    for (_, r) in acronym_definition_spans(text) {
        let hit: Vec<usize> = (0..out.len())
            .filter(|&i| out[i].byte_start < r.end && r.start < out[i].byte_end)
            .collect();
        if hit.is_empty()
            || (hit.len() == 1
                && out[hit[0]].byte_start == r.start
                && out[hit[0]].byte_end == r.end)
        {
            continue;
        }
        let best = *hit
            .iter()
            .max_by(|&&a, &&b| out[a].score.total_cmp(&out[b].score))
            .expect("non-empty");
        let mut joined = out[best].clone();
        joined.score = hit.iter().map(|&i| out[i].score).sum::<f32>() / hit.len() as f32;
        joined.byte_start = r.start.min(out[hit[0]].byte_start);
        joined.byte_end = r.end.max(out[*hit.last().expect("non-empty")].byte_end);
        joined.start = index.char_of(joined.byte_start);
        joined.end = index.char_of(joined.byte_end);
        joined.text = text[joined.byte_start..joined.byte_end].to_string();
        let first = hit[0];
        for &i in hit.iter().rev() {
            out.remove(i);
        }
        out.insert(first, joined);
    }
    out
}

/// Cleans the mentions of one article: definitions repair spans, fragments are rejoined, names are
/// cleaned, a leading demonym is split off an `other` name ("Russian Pantsir-S" is two names, as
/// CoNLL annotates them), and mentions with no capital letter ("the ministry") are dropped.
pub fn clean_mentions(article_id: &str, text: &str, mentions: &[Mention]) -> Vec<CleanMention> {
    let index = crate::ner::CharIndex::new(text);
    let mut out = Vec::new();
    for m in rejoin(text, &repair_definitions(text, mentions.to_vec())) {
        let span = &text[m.byte_start..m.byte_end];
        let after_hash = text[..m.byte_start].ends_with('#');
        let Some((s, e, name)) = clean_with(span, after_hash) else {
            continue;
        };
        if !name.chars().any(char::is_uppercase) {
            continue;
        }
        let (bs, be) = (m.byte_start + s, m.byte_start + e);
        let mut ty = m.entity_type;
        if ty == EntityType::Place && looks_like_demonym(&name) {
            ty = EntityType::Other;
        }
        let make = |bs: usize, be: usize, name: String, ty: EntityType| CleanMention {
            article_id: article_id.to_string(),
            start: index.char_of(bs),
            end: index.char_of(be),
            text: text[bs..be].to_string(),
            name,
            entity_type: ty,
            label: m.label.clone(),
            score: m.score,
            byte_start: bs,
        };
        // "Russian Pantsir-S" → "Russian" + "Pantsir-S".
        if ty == EntityType::Other && !after_hash {
            if let Some((head, rest)) = name.split_once(' ') {
                let rest_is_name =
                    rest.starts_with(|c: char| c.is_uppercase() || QUOTES.contains(&c));
                if looks_like_demonym(head) && rest_is_name {
                    let head_end = bs
                        + text[bs..be]
                            .find(head)
                            .map_or(head.len(), |i| i + head.len());
                    out.push(make(bs, head_end, head.to_string(), ty));
                    let tail = &text[head_end..be];
                    if let Some((s2, e2, rest_name)) = clean(tail) {
                        out.push(make(head_end + s2, head_end + e2, rest_name, ty));
                    }
                    continue;
                }
            }
        }
        out.push(make(bs, be, name, ty));
    }
    out
}

/// The user's alias table: `alias, canonical, type` rows (type optional), applied before clustering.
#[derive(Debug, Clone, Default)]
pub struct AliasTable {
    entries: HashMap<String, (String, Option<EntityType>)>,
}

impl AliasTable {
    /// Reads a CSV with the header `alias,canonical,type`. Empty lines and lines whose first cell
    /// starts with `#` are ignored.
    pub fn load(path: &std::path::Path) -> crate::Result<AliasTable> {
        let bytes = std::fs::read(path).map_err(|e| crate::Error::io(path, e))?;
        let mut r = csv::ReaderBuilder::new()
            .flexible(true)
            .comment(Some(b'#'))
            .from_reader(&bytes[..]);
        let header: Vec<String> = r
            .headers()
            .map_err(|e| crate::Error::Csv {
                path: path.to_path_buf(),
                source: e,
            })?
            .iter()
            .map(|h| h.trim().to_lowercase())
            .collect();
        if header.first().map(String::as_str) != Some("alias")
            || header.get(1).map(String::as_str) != Some("canonical")
        {
            return Err(crate::Error::input(
                path,
                "the header must be: alias,canonical,type",
            ));
        }
        let mut entries = HashMap::new();
        for (n, rec) in r.records().enumerate() {
            let rec = rec.map_err(|e| crate::Error::Csv {
                path: path.to_path_buf(),
                source: e,
            })?;
            let alias = rec.get(0).unwrap_or("").trim();
            let canonical = rec.get(1).unwrap_or("").trim();
            if alias.is_empty() || canonical.is_empty() {
                continue;
            }
            let ty = match rec.get(2).map(str::trim).filter(|t| !t.is_empty()) {
                None => None,
                Some(t) => Some(EntityType::parse(t).ok_or_else(|| {
                    crate::Error::input(
                        path,
                        format!(
                            "line {}: type {t:?} is not person, place, organization or other",
                            n + 2
                        ),
                    )
                })?),
            };
            entries.insert(key(alias), (canonical.to_string(), ty));
        }
        Ok(AliasTable { entries })
    }

    /// The canonical name and type for a name, if the table has it.
    pub fn get(&self, name: &str) -> Option<&(String, Option<EntityType>)> {
        self.entries.get(&key(name))
    }

    /// A digest of the table, for cache keys.
    pub fn fingerprint(&self) -> String {
        let mut rows: Vec<String> = self
            .entries
            .iter()
            .map(|(k, (c, t))| format!("{k}\t{c}\t{}", t.map_or("", EntityType::as_str)))
            .collect();
        rows.sort();
        crate::store::sha256_hex(rows.join("\n").as_bytes())
    }
}

/// Small words ignored when comparing organisation names and initials.
const MINOR: &[&str] = &[
    "of", "the", "and", "for", "de", "la", "du", "von", "&", "on", "in",
];

/// The words of a name, lowercase and accent-folded, split on spaces and hyphens.
pub fn name_tokens(name: &str) -> Vec<String> {
    key(&name.replace(['-', '‐'], " "))
        .split_whitespace()
        .map(String::from)
        .collect()
}

/// A spelling-independent form of a word, for transliterations: `kh`→`h`, `q`→`k`, `ck`→`k`, `ph`→`f`,
/// `w`→`v`, `y`→`i`, `j`→`i` between vowels..., doubled letters single, soft `c` → `s`.
pub fn phonetic(word: &str) -> String {
    let w: Vec<char> = key(word).chars().collect();
    let mut out = String::new();
    let mut i = 0;
    while i < w.len() {
        let c = w[i];
        let next = w.get(i + 1).copied();
        let mapped: &str = match (c, next) {
            ('k', Some('h')) | ('g', Some('h')) => {
                i += 1;
                "h"
            }
            ('p', Some('h')) => {
                i += 1;
                "f"
            }
            ('c', Some('k')) => {
                i += 1;
                "k"
            }
            ('c', Some('e')) | ('c', Some('i')) | ('c', Some('y')) => "s",
            ('c', _) | ('q', _) => "k",
            ('w', _) => "v",
            ('y', _) | ('j', _) => "i",
            ('z', Some('h')) => {
                i += 1;
                "j"
            }
            ('x', _) => "ks",
            _ => {
                out.push(c);
                i += 1;
                continue;
            }
        };
        out.push_str(mapped);
        i += 1;
    }
    // Collapse doubled letters ("Aliyyev", "Nicholsson").
    let mut collapsed = String::new();
    for c in out.chars() {
        if !collapsed.ends_with(c) {
            collapsed.push(c);
        }
    }
    collapsed
}

/// The consonant skeleton of a phonetic form: its first letter, then its consonants.
pub fn skeleton(phonetic: &str) -> String {
    let mut out = String::new();
    for (i, c) in phonetic.chars().enumerate() {
        if i == 0 || !"aeiou".contains(c) {
            out.push(c);
        }
    }
    out
}

/// Jaro-Winkler similarity of two strings (0..1).
pub fn jaro_winkler(a: &str, b: &str) -> f32 {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a.is_empty() && b.is_empty() {
        return 1.0;
    }
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let window = (a.len().max(b.len()) / 2).saturating_sub(1);
    let mut a_m = vec![false; a.len()];
    let mut b_m = vec![false; b.len()];
    let mut matches = 0usize;
    for i in 0..a.len() {
        let lo = i.saturating_sub(window);
        let hi = (i + window + 1).min(b.len());
        for j in lo..hi {
            if !b_m[j] && a[i] == b[j] {
                a_m[i] = true;
                b_m[j] = true;
                matches += 1;
                break;
            }
        }
    }
    if matches == 0 {
        return 0.0;
    }
    let (mut t, mut k) = (0usize, 0usize);
    for i in 0..a.len() {
        if a_m[i] {
            while !b_m[k] {
                k += 1;
            }
            if a[i] != b[k] {
                t += 1;
            }
            k += 1;
        }
    }
    let m = matches as f32;
    let jaro = (m / a.len() as f32 + m / b.len() as f32 + (m - t as f32 / 2.0) / m) / 3.0;
    let prefix = a.iter().zip(&b).take(4).take_while(|(x, y)| x == y).count() as f32;
    jaro + prefix * 0.1 * (1.0 - jaro)
}

/// Whether a (lowercase, folded) name token has a feminine ending: -a after a consonant ("Aliyeva",
/// "Ivana", "Petrovskaya"), never matched with a form without it.
fn feminine(token: &str) -> bool {
    let c: Vec<char> = token.chars().collect();
    c.len() >= 4 && c[c.len() - 1] == 'a' && !"aeiou".contains(c[c.len() - 2])
        || token.ends_with("aya")
        || token.ends_with("aia")
}

/// Transliteration-aware match of two name tokens: the same word, or the same phonetic skeleton with a
/// string similarity of at least 0.8 and the same gender ending. Returns the similarity.
pub fn tokens_match(a: &str, b: &str) -> Option<f32> {
    if a == b {
        return Some(1.0);
    }
    if feminine(a) != feminine(b) {
        return None;
    }
    let (pa, pb) = (phonetic(a), phonetic(b));
    if pa == pb {
        return Some(0.99);
    }
    let sim = jaro_winkler(&pa, &pb);
    (skeleton(&pa) == skeleton(&pb) && sim >= 0.8).then_some(sim)
}

/// How two person names relate.
#[derive(Debug, Clone, Copy, PartialEq)]
enum PersonMatch {
    /// Same person (similarity of the least similar token).
    Same(f32),
    /// Same surname, different given names: different people, worth a review line.
    SurnameOnly,
    /// Unrelated.
    No,
}

/// Matches two multi-token person names: surnames (last tokens) must match, given names (first tokens)
/// too, and every token of the shorter name must match a token of the longer.
fn person_match(a: &[String], b: &[String]) -> PersonMatch {
    if a.len() < 2 || b.len() < 2 {
        return PersonMatch::No;
    }
    let Some(s_last) = tokens_match(&a[a.len() - 1], &b[b.len() - 1]) else {
        return PersonMatch::No;
    };
    let Some(s_first) = tokens_match(&a[0], &b[0]) else {
        return PersonMatch::SurnameOnly;
    };
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    let mut least = s_last.min(s_first);
    for t in short {
        match long
            .iter()
            .filter_map(|u| tokens_match(t, u))
            .reduce(f32::max)
        {
            Some(s) => least = least.min(s),
            None => return PersonMatch::No,
        }
    }
    PersonMatch::Same(least)
}

/// Whether `short` is an acronym of `long`: its letters appear in order in `long`, the first at the start
/// of the first significant word and every significant word contributing (Schwartz–Hearst, with the
/// syllable acronyms news uses: AZAL = AZerbaijan AirLines).
pub fn is_acronym_of(short: &str, long: &str) -> bool {
    let s: Vec<char> = short
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect();
    let words: Vec<String> = name_tokens(long)
        .into_iter()
        .filter(|w| !MINOR.contains(&w.as_str()))
        .collect();
    if s.len() < 2 || words.len() < 2 || s.len() > 10 {
        return false;
    }
    // Strict initials first.
    let initials: String = words.iter().filter_map(|w| w.chars().next()).collect();
    if initials == s.iter().collect::<String>() {
        return true;
    }
    // Letters in order, each word contributing its first letter and maybe more.
    fn go(s: &[char], words: &[String], wi: usize) -> bool {
        if wi == words.len() {
            return s.is_empty();
        }
        let w: Vec<char> = words[wi].chars().collect();
        if s.is_empty() || s[0] != w[0] {
            return false;
        }
        // take 1..k letters from this word, in order
        let mut used = 1;
        let mut pos = 1;
        loop {
            if go(&s[used..], words, wi + 1) {
                return true;
            }
            // extend with the next letter of s found later in this word
            if used >= s.len() {
                return false;
            }
            match w[pos..].iter().position(|&c| c == s[used]) {
                Some(p) => {
                    pos += p + 1;
                    used += 1;
                }
                None => return false,
            }
        }
    }
    go(&s, &words, 0)
}

/// Whether a name looks like an acronym: two to six letters, all capitals (dots allowed: "U.N.").
pub fn looks_like_acronym(name: &str) -> bool {
    let letters: Vec<char> = name.chars().filter(|c| c.is_alphanumeric()).collect();
    (2..=6).contains(&letters.len())
        && letters
            .iter()
            .all(|c| c.is_uppercase() || c.is_ascii_digit())
        && letters.iter().any(|c| c.is_alphabetic())
        && !name.contains(' ')
}

/// `Long Name (ACRO)` definitions in an article: (acronym key, long form).
pub fn acronym_definitions(text: &str) -> Vec<(String, String)> {
    acronym_definition_spans(text)
        .into_iter()
        .map(|(k, r)| (k, text[r].to_string()))
        .collect()
}

/// `Long Name (ACRO)` definitions in an article: (acronym key, byte range of the long form).
pub fn acronym_definition_spans(text: &str) -> Vec<(String, std::ops::Range<usize>)> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(open) = text[from..].find('(').map(|i| i + from) {
        from = open + 1;
        let Some(close) = text[open..].find(')').map(|i| i + open) else {
            break;
        };
        let inner = text[open + 1..close].trim();
        if !looks_like_acronym(inner) {
            continue;
        }
        // Up to 8 words before the bracket, trying the longest capitalised run that matches.
        let base = text[..open]
            .rfind(['\n', '.', ';', ':'])
            .map_or(0, |i| i + 1);
        let before = &text[base..open];
        let mut words: Vec<(usize, &str)> = Vec::new();
        let mut pos = 0;
        for w in before.split(char::is_whitespace) {
            if !w.is_empty() {
                words.push((base + pos, w));
            }
            pos += w.len() + 1;
        }
        for n in (2..=words.len().min(8)).rev() {
            let cand = &words[words.len() - n..];
            if !cand[0].1.starts_with(char::is_uppercase) {
                continue;
            }
            let start = cand[0].0;
            let end = cand[n - 1].0
                + cand[n - 1]
                    .1
                    .trim_end_matches(|c: char| !c.is_alphanumeric())
                    .len();
            if is_acronym_of(inner, &text[start..end]) {
                out.push((key(inner), start..end));
                break;
            }
        }
    }
    out
}

/// What a mention resolved to inside its article, and why.
#[derive(Debug, Clone, PartialEq)]
pub struct Resolution {
    /// The fuller name the mention stands for (its own name when unresolved).
    pub name: String,
    /// The rule, e.g. `surname:Peskov`, `acronym:AZAL`.
    pub reason: Option<String>,
    /// Other full names it could have meant (an ambiguous surname).
    pub ambiguous_with: Vec<String>,
}

/// Resolves short names within one article: acronyms to their definitions or to a longer name with
/// matching initials, a person's surname or given name alone to the full name that ends or starts with
/// it (the nearest preceding one when several do; the others are recorded).
pub fn resolve_article(text: &str, mentions: &[CleanMention]) -> Vec<Resolution> {
    let defs = acronym_definitions(text);
    // Distinct multi-word names of the article, once: (name, tokens, type, byte offsets of its mentions).
    let mut full: Vec<(String, Vec<String>, EntityType, Vec<usize>)> = Vec::new();
    let mut full_index: HashMap<String, usize> = HashMap::new();
    for m in mentions {
        let toks = name_tokens(&m.name);
        if toks.len() < 2 {
            continue;
        }
        let k = key(&m.name);
        let i = *full_index.entry(k).or_insert_with(|| {
            full.push((m.name.clone(), toks, m.entity_type, Vec::new()));
            full.len() - 1
        });
        full[i].3.push(m.byte_start);
    }
    let mut out = Vec::with_capacity(mentions.len());
    for m in mentions {
        let toks = name_tokens(&m.name);
        let mut res = Resolution {
            name: m.name.clone(),
            reason: None,
            ambiguous_with: vec![],
        };
        if looks_like_acronym(&m.name) {
            if let Some((_, long)) = defs.iter().find(|(k, _)| *k == key(&m.name)) {
                res.name = long.clone();
                res.reason = Some(format!("acronym:{}", m.name));
            } else if let Some((long, ..)) = full.iter().find(|f| is_acronym_of(&m.name, &f.0)) {
                res.name = long.clone();
                res.reason = Some(format!("acronym:{}", m.name));
            }
        } else if toks.len() == 1 && m.entity_type == EntityType::Person {
            // Full person names in the article that end (surname) or start (given name) with it.
            let cands: Vec<(&str, &'static str, &Vec<usize>)> = full
                .iter()
                .filter(|f| f.2 == EntityType::Person)
                .filter_map(|f| {
                    let ft = &f.1;
                    if tokens_match(&toks[0], &ft[ft.len() - 1]).is_some() {
                        Some((f.0.as_str(), "surname", &f.3))
                    } else if tokens_match(&toks[0], &ft[0]).is_some() {
                        Some((f.0.as_str(), "given-name", &f.3))
                    } else {
                        None
                    }
                })
                .collect();
            if !cands.is_empty() {
                // The full name mentioned nearest before the mention, else nearest after it.
                let before = |c: &(&str, &str, &Vec<usize>)| {
                    c.2.iter().filter(|&&b| b < m.byte_start).max().copied()
                };
                let after =
                    |c: &(&str, &str, &Vec<usize>)| c.2.iter().min().copied().unwrap_or(usize::MAX);
                let best = cands
                    .iter()
                    .filter_map(|c| before(c).map(|b| (b, c)))
                    .max_by_key(|(b, _)| *b)
                    .map(|(_, c)| c)
                    .or_else(|| cands.iter().min_by_key(|c| after(c)))
                    .copied()
                    .expect("non-empty");
                res.name = best.0.to_string();
                res.reason = Some(format!("{}:{}", best.1, m.name));
                res.ambiguous_with = cands
                    .iter()
                    .filter(|c| c.0 != best.0)
                    .map(|c| c.0.to_string())
                    .collect();
            }
        }
        out.push(res);
    }
    out
}

/// Union-find.
struct Sets(Vec<usize>);
impl Sets {
    fn find(&mut self, x: usize) -> usize {
        let mut r = x;
        while self.0[r] != r {
            r = self.0[r];
        }
        let mut y = x;
        while self.0[y] != r {
            let next = self.0[y];
            self.0[y] = r;
            y = next;
        }
        r
    }
    fn union(&mut self, a: usize, b: usize) {
        let (a, b) = (self.find(a), self.find(b));
        if a != b {
            // The smaller index stays the root, so results do not depend on the order of unions.
            let (lo, hi) = (a.min(b), a.max(b));
            self.0[hi] = lo;
        }
    }
}

/// A distinct resolved name: the unit that clustering joins.
struct Node {
    key: String,
    tokens: Vec<String>,
    votes: [f32; 4],
    mentions: Vec<usize>,
}

impl Node {
    fn entity_type(&self) -> EntityType {
        let mut best = 0;
        for i in 1..4 {
            if self.votes[i] > self.votes[best] {
                best = i;
            }
        }
        EntityType::ALL[best]
    }
}

fn type_index(t: EntityType) -> usize {
    EntityType::ALL
        .iter()
        .position(|&x| x == t)
        .expect("listed")
}

/// One article's clean mentions with its text.
pub struct ArticleMentions<'a> {
    /// The article text.
    pub text: &'a str,
    /// Its clean mentions.
    pub mentions: Vec<CleanMention>,
}

/// Clusters the mentions of all articles into entities.
pub fn normalize(articles: Vec<ArticleMentions<'_>>, aliases: &AliasTable) -> Normalized {
    let mut mentions: Vec<CleanMention> = Vec::new();
    let mut resolved: Vec<Resolution> = Vec::new();
    let mut review = Vec::new();
    for a in articles {
        // The alias table first: confirmed names win over every rule.
        let mut ms = a.mentions;
        let mut from_table: Vec<Option<(String, String)>> = vec![None; ms.len()];
        for (i, m) in ms.iter_mut().enumerate() {
            if let Some((canonical, ty)) = aliases.get(&m.name) {
                if let Some(t) = ty {
                    m.entity_type = *t;
                }
                from_table[i] = Some((canonical.clone(), format!("alias-table:{}", m.name)));
            }
        }
        let res = resolve_article(a.text, &ms);
        for ((m, mut r), t) in ms.into_iter().zip(res).zip(from_table) {
            if let Some((canonical, reason)) = t {
                r = Resolution {
                    name: canonical,
                    reason: Some(reason),
                    ambiguous_with: vec![],
                };
            }
            for other in &r.ambiguous_with {
                review.push(ReviewItem {
                    decision: "merged".into(),
                    entity_type: m.entity_type,
                    name: format!("{} ({})", m.name, m.article_id),
                    other: r.name.clone(),
                    reason: format!("ambiguous: could also be {other}; the nearest was taken"),
                    similarity: 0.5,
                });
            }
            mentions.push(m);
            resolved.push(r);
        }
    }
    let rows_before = {
        let mut set: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        for m in &mentions {
            set.entry(m.entity_type.as_str().to_string())
                .or_default()
                .insert(key(&m.name));
        }
        let mut out: BTreeMap<String, usize> = set.into_iter().map(|(k, v)| (k, v.len())).collect();
        for t in EntityType::ALL {
            out.entry(t.as_str().to_string()).or_insert(0);
        }
        out
    };

    // Nodes: one per distinct resolved name (any type; types vote).
    let mut nodes: Vec<Node> = Vec::new();
    let mut node_of_key: HashMap<String, usize> = HashMap::new();
    let mut node_of: Vec<usize> = Vec::with_capacity(mentions.len());
    for (i, (m, r)) in mentions.iter().zip(&resolved).enumerate() {
        let k = key(&r.name);
        let n = *node_of_key.entry(k.clone()).or_insert_with(|| {
            nodes.push(Node {
                key: k.clone(),
                tokens: name_tokens(&r.name),
                votes: [0.0; 4],
                mentions: vec![],
            });
            nodes.len() - 1
        });
        nodes[n].votes[type_index(m.entity_type)] += m.score.max(1e-3);
        nodes[n].mentions.push(i);
        node_of.push(n);
    }
    // Designations are products ("other"), whatever a mention was tagged.
    for n in &mut nodes {
        if n.mentions
            .iter()
            .any(|&i| looks_like_designation(&resolved[i].name))
        {
            let total: f32 = n.votes.iter().sum();
            n.votes = [0.0; 4];
            n.votes[type_index(EntityType::Other)] = total;
        }
    }
    // Demonyms are never places.
    for n in &mut nodes {
        if n.tokens.len() == 1 && n.entity_type() == EntityType::Place {
            let any_form = n
                .mentions
                .iter()
                .any(|&i| looks_like_demonym(&mentions[i].name));
            if any_form {
                n.votes[type_index(EntityType::Place)] = 0.0;
                n.votes[type_index(EntityType::Other)] += 1e-3;
            }
        }
    }
    let mut sets = Sets((0..nodes.len()).collect());
    let mut reasons: HashMap<usize, String> = HashMap::new(); // node → why it joined
    let types: Vec<EntityType> = nodes.iter().map(Node::entity_type).collect();

    // Multi-token person names: compared only within groups sharing a surname skeleton (a match needs
    // matching surnames, and matching tokens share their skeleton), so the work grows with the
    // group sizes, not with the square of the corpus' names.
    let sur_key = |t: &[String]| skeleton(&phonetic(&t[t.len() - 1]));
    let mut by_surname: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for n in 0..nodes.len() {
        if types[n] == EntityType::Person && nodes[n].tokens.len() >= 2 {
            by_surname
                .entry(sur_key(&nodes[n].tokens))
                .or_default()
                .push(n);
        }
    }
    for group in by_surname.values() {
        for (x, &a) in group.iter().enumerate() {
            for &b in &group[x + 1..] {
                match person_match(&nodes[a].tokens, &nodes[b].tokens) {
                    PersonMatch::Same(sim) => {
                        sets.union(a, b);
                        reasons.entry(b).or_insert_with(|| "transliteration".into());
                        reasons.entry(a).or_insert_with(|| "transliteration".into());
                        if sim < 0.95 {
                            review.push(ReviewItem {
                                decision: "merged".into(),
                                entity_type: EntityType::Person,
                                name: display(&nodes[a], &mentions),
                                other: display(&nodes[b], &mentions),
                                reason: "transliteration".into(),
                                similarity: sim,
                            });
                        }
                    }
                    PersonMatch::SurnameOnly => review.push(ReviewItem {
                        decision: "refused".into(),
                        entity_type: EntityType::Person,
                        name: display(&nodes[a], &mentions),
                        other: display(&nodes[b], &mentions),
                        reason: "same surname, different given names".into(),
                        similarity: jaro_winkler(&nodes[a].key, &nodes[b].key),
                    }),
                    PersonMatch::No => {}
                }
            }
        }
    }
    // Other types: the same words in another order (grouped by their sorted words), or a leading
    // demonym.
    let mut by_words: BTreeMap<(usize, Vec<String>), Vec<usize>> = BTreeMap::new();
    for n in 0..nodes.len() {
        if types[n] != EntityType::Person && nodes[n].tokens.len() >= 2 {
            let mut sig: Vec<String> = nodes[n]
                .tokens
                .iter()
                .filter(|w| !MINOR.contains(&w.as_str()))
                .map(|w| phonetic(w))
                .collect();
            sig.sort();
            by_words
                .entry((type_index(types[n]), sig))
                .or_default()
                .push(n);
            // "Russian Pantsir-S" → "Pantsir-S".
            let first = &mentions[nodes[n].mentions[0]].name;
            if let Some((head, rest)) = first.split_once(' ') {
                if looks_like_demonym(head) {
                    if let Some(&b) = node_of_key.get(&key(rest)) {
                        if types[b] == types[n] || types[b] == EntityType::Other {
                            sets.union(n, b);
                            reasons.entry(n).or_insert_with(|| "modifier".into());
                        }
                    }
                }
            }
        }
    }
    for group in by_words.values() {
        for &b in &group[1..] {
            sets.union(group[0], b);
            reasons.entry(b).or_insert_with(|| "reorder".into());
        }
    }
    // Names alone (a surname, a given name, an acronym) that match exactly one fuller name. Candidates
    // come from indexes: person names by the skeleton of their first and last words, multi-word names
    // by their first letter (an acronym's first letter is its first word's).
    let mut by_end: HashMap<String, Vec<usize>> = HashMap::new();
    let mut by_initial: HashMap<char, Vec<usize>> = HashMap::new();
    for c in 0..nodes.len() {
        let t = &nodes[c].tokens;
        if t.len() < 2 {
            continue;
        }
        if types[c] == EntityType::Person {
            by_end
                .entry(skeleton(&phonetic(&t[t.len() - 1])))
                .or_default()
                .push(c);
            let first = skeleton(&phonetic(&t[0]));
            if first != skeleton(&phonetic(&t[t.len() - 1])) {
                by_end.entry(first).or_default().push(c);
            }
        }
        let significant = t.iter().find(|w| !MINOR.contains(&w.as_str()));
        if let Some(ch) = significant.and_then(|w| w.chars().next()) {
            by_initial.entry(ch).or_default().push(c);
        }
    }
    let no_candidates: Vec<usize> = Vec::new();
    for n in 0..nodes.len() {
        if nodes[n].tokens.len() != 1 {
            continue;
        }
        let form = &mentions[nodes[n].mentions[0]].name;
        let acronym = looks_like_acronym(form);
        let pool = if acronym {
            form.chars()
                .find(|c| c.is_alphanumeric())
                .and_then(|c| by_initial.get(&c.to_lowercase().next().unwrap_or(c)))
                .unwrap_or(&no_candidates)
        } else if types[n] == EntityType::Person {
            by_end
                .get(&skeleton(&phonetic(&nodes[n].tokens[0])))
                .unwrap_or(&no_candidates)
        } else {
            &no_candidates
        };
        let cands: BTreeSet<usize> = pool
            .iter()
            .copied()
            .filter(|&c| c != n)
            .filter(|&c| {
                if acronym {
                    is_acronym_of(form, &mentions[nodes[c].mentions[0]].name)
                } else {
                    let t = &nodes[c].tokens;
                    types[c] == EntityType::Person
                        && (tokens_match(&nodes[n].tokens[0], &t[t.len() - 1]).is_some()
                            || tokens_match(&nodes[n].tokens[0], &t[0]).is_some())
                }
            })
            .map(|c| sets.find(c))
            .collect();
        if cands.len() == 1 {
            let c = *cands.iter().next().expect("one");
            sets.union(n, c);
            let why = if acronym { "acronym" } else { "surname" };
            reasons.insert(n, why.into());
            review.push(ReviewItem {
                decision: "merged".into(),
                entity_type: types[n],
                name: form.clone(),
                other: display(&nodes[c], &mentions),
                reason: format!(
                    "{why} never expanded in its article; the only candidate in the corpus"
                ),
                similarity: 0.6,
            });
        } else if cands.len() > 1 {
            review.push(ReviewItem {
                decision: "refused".into(),
                entity_type: types[n],
                name: form.clone(),
                other: cands
                    .iter()
                    .map(|&c| display(&nodes[c], &mentions))
                    .collect::<Vec<_>>()
                    .join(" / "),
                reason: "more than one candidate".into(),
                similarity: 0.5,
            });
        }
    }

    // Entities.
    let mut members: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for n in 0..nodes.len() {
        members.entry(sets.find(n)).or_default().push(n);
    }
    let mut entities: Vec<Entity> = Vec::new();
    let mut entity_of = vec![0usize; mentions.len()];
    for (_, ns) in members {
        let mut votes = [0f32; 4];
        let mut forms: BTreeMap<&str, usize> = BTreeMap::new();
        let mut idx: Vec<usize> = Vec::new();
        for &n in &ns {
            for (v, nv) in votes.iter_mut().zip(nodes[n].votes) {
                *v += nv;
            }
            idx.extend(&nodes[n].mentions);
        }
        idx.sort_unstable();
        for &i in &idx {
            *forms.entry(resolved[i].name.as_str()).or_default() += 1;
            *forms.entry(mentions[i].name.as_str()).or_default() += 0;
        }
        let ty_i = (0..4).fold(0, |b, t| if votes[t] > votes[b] { t } else { b });
        let ty = EntityType::ALL[ty_i];
        let name = canonical(&forms);
        let mut aliases: Vec<String> = Vec::new();
        let mut merge_reasons: Vec<String> = Vec::new();
        for &i in &idx {
            let m = &mentions[i];
            for form in [m.name.as_str(), resolved[i].name.as_str()] {
                if key(form) == key(&name) || aliases.iter().any(|a| a == form) {
                    continue;
                }
                aliases.push(form.to_string());
                let why = resolved[i]
                    .reason
                    .clone()
                    .filter(|_| form == m.name)
                    .or_else(|| reasons.get(&node_of[i]).map(|r| format!("{r}:{form}")))
                    .unwrap_or_else(|| format!("same-name:{form}"));
                merge_reasons.push(why);
            }
        }
        for &i in &idx {
            entity_of[i] = entities.len();
        }
        let score = idx.iter().map(|&i| mentions[i].score).sum::<f32>() / idx.len().max(1) as f32;
        entities.push(Entity {
            id: format!("{}:{}", ty.as_str(), slug(&name)),
            entity_type: ty,
            name,
            aliases,
            articles: idx
                .iter()
                .map(|&i| mentions[i].article_id.clone())
                .collect(),
            mentions: idx.len(),
            score,
            merge_reasons,
        });
    }
    // Each mention takes its entity's type.
    for (i, m) in mentions.iter_mut().enumerate() {
        m.entity_type = entities[entity_of[i]].entity_type;
    }
    // Ids are unique: a second entity with the same slug gets a suffix.
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut order: Vec<usize> = (0..entities.len()).collect();
    order.sort_by(|&a, &b| {
        entities[b]
            .mentions
            .cmp(&entities[a].mentions)
            .then(entities[a].name.cmp(&entities[b].name))
    });
    for e in order {
        let n = seen.entry(entities[e].id.clone()).or_default();
        *n += 1;
        if *n > 1 {
            entities[e].id = format!("{}-{}", entities[e].id, n);
        }
    }
    review.sort_by(|a, b| {
        a.similarity
            .total_cmp(&b.similarity)
            .then(a.name.cmp(&b.name))
    });
    let (entities, entity_of) = table_order(entities, entity_of);
    Normalized {
        entities,
        mentions,
        entity_of,
        review,
        rows_before,
    }
}

fn display(node: &Node, mentions: &[CleanMention]) -> String {
    mentions[node.mentions[0]].name.clone()
}

/// The most complete, most frequent form: multi-word forms first, then frequency, then length, then
/// alphabetical order (so the choice is stable).
fn canonical(forms: &BTreeMap<&str, usize>) -> String {
    let mut ranked: Vec<(&str, usize)> = forms.iter().map(|(f, c)| (*f, *c)).collect();
    ranked.sort_by(|a, b| {
        let wa = a.0.split_whitespace().count() >= 2;
        let wb = b.0.split_whitespace().count() >= 2;
        wb.cmp(&wa)
            .then(b.1.cmp(&a.1))
            .then(
                b.0.split_whitespace()
                    .count()
                    .cmp(&a.0.split_whitespace().count()),
            )
            .then(a.0.cmp(b.0))
    });
    ranked[0].0.to_string()
}

/// Sorts entities by articles, then mentions (both descending), then name, and remaps `entity_of`.
fn table_order(entities: Vec<Entity>, entity_of: Vec<usize>) -> (Vec<Entity>, Vec<usize>) {
    let mut order: Vec<usize> = (0..entities.len()).collect();
    order.sort_by(|&a, &b| {
        let (x, y) = (&entities[a], &entities[b]);
        y.articles
            .len()
            .cmp(&x.articles.len())
            .then(y.mentions.cmp(&x.mentions))
            .then(x.name.cmp(&y.name))
            .then(x.id.cmp(&y.id))
    });
    let mut new_index = vec![0; entities.len()];
    for (new, &old) in order.iter().enumerate() {
        new_index[old] = new;
    }
    let mut slots: Vec<Option<Entity>> = entities.into_iter().map(Some).collect();
    let sorted = order
        .iter()
        .map(|&o| slots[o].take().expect("each entity once"))
        .collect();
    (
        sorted,
        entity_of.into_iter().map(|e| new_index[e]).collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn name(s: &str) -> Option<String> {
        clean(s).map(|c| c.2)
    }

    #[test]
    fn clean_up() {
        assert_eq!(name("‘Pantsir-S’").as_deref(), Some("Pantsir-S"));
        assert_eq!(name("Aliyev’s").as_deref(), Some("Aliyev"));
        assert_eq!(name("Russia's").as_deref(), Some("Russia"));
        assert_eq!(name("the Kremlin").as_deref(), Some("Kremlin"));
        assert_eq!(
            name("#AzerbaijanAirlines").as_deref(),
            Some("Azerbaijan Airlines")
        );
        assert_eq!(name("@NATOpress").as_deref(), Some("NATOpress"));
        assert_eq!(name("U.S.").as_deref(), Some("U.S."));
        assert_eq!(name("Grozny,").as_deref(), Some("Grozny"));
        assert_eq!(name("“"), None);
        // "The Hague": "the" is kept when little would be left... but two-word names lose it.
        assert_eq!(
            name("The Wall Street Journal").as_deref(),
            Some("Wall Street Journal")
        );
    }

    #[test]
    fn camel_case() {
        assert_eq!(split_camel("NATOpress"), "NATOpress");
        assert_eq!(split_camel("AzerbaijanAirlines"), "Azerbaijan Airlines");
        assert_eq!(split_camel("J28243"), "J28243");
    }

    #[test]
    fn demonyms_by_shape() {
        for d in [
            "Azerbaijani",
            "Kazakh",
            "Kyrgyz",
            "Russian",
            "Russians",
            "Chechen",
            "Ukrainian",
        ] {
            assert!(looks_like_demonym(d) || d == "Chechen", "{d}");
        }
        for p in [
            "Aktau",
            "Baku",
            "Grozny",
            "Russia",
            "Kazakhstan",
            "North Caucasus",
        ] {
            assert!(!looks_like_demonym(p), "{p}");
        }
    }

    #[test]
    fn designations() {
        for d in ["Pantsir-S", "Su-25", "F-16", "COVID-19", "S-400", "MiG-29"] {
            assert!(looks_like_designation(d), "{d}");
        }
        for n in [
            "Rolls-Royce",
            "Alsace-Lorraine",
            "Pantsir S",
            "Jean-Luc",
            "x-1",
        ] {
            assert!(!looks_like_designation(n), "{n}");
        }
    }

    #[test]
    fn slugs_and_keys() {
        assert_eq!(slug("Dmitry Peskov"), "dmitry-peskov");
        assert_eq!(slug("Pantsir-S"), "pantsir-s");
        assert_eq!(slug("J2-8243"), "j2-8243");
        assert_eq!(slug("Zürich’s “Old” Town"), "zurich-s-old-town");
        assert_eq!(key("Zürich"), "zurich");
    }

    fn mention(article: &str, text: &str, needle: &str, ty: EntityType) -> CleanMention {
        let b = text
            .find(needle)
            .unwrap_or_else(|| panic!("{needle} in {text}"));
        CleanMention {
            article_id: article.into(),
            start: b,
            end: b + needle.len(),
            text: needle.into(),
            name: needle.into(),
            entity_type: ty,
            label: String::new(),
            score: 0.9,
            byte_start: b,
        }
    }

    #[test]
    fn transliterations_match_token_by_token() {
        for (a, b) in [
            ("khamzat", "hamzat"),
            ("qanat", "kanat"),
            ("bozymbaev", "bozumbayev"),
            ("dmitry", "dmitri"),
            ("aliyev", "aliev"),
            ("yury", "yuri"),
        ] {
            assert!(tokens_match(a, b).is_some(), "{a} ~ {b}");
        }
        for (a, b) in [
            ("akhmat", "hamzat"),
            ("aliyev", "aliyeva"),
            ("ivan", "ivana"),
            ("peskov", "petrov"),
            ("kanat", "kamat"),
        ] {
            assert!(tokens_match(a, b).is_none(), "{a} !~ {b}");
        }
    }

    #[test]
    fn people_with_different_given_names_stay_apart() {
        let t = |s: &str| name_tokens(s);
        assert!(matches!(
            person_match(&t("Khamzat Kadyrov"), &t("Hamzat Kadyrov")),
            PersonMatch::Same(_)
        ));
        assert_eq!(
            person_match(&t("Hamzat Kadyrov"), &t("Akhmat Kadyrov")),
            PersonMatch::SurnameOnly
        );
        assert!(matches!(
            person_match(&t("Qanat Bozymbaev"), &t("Kanat Bozumbayev")),
            PersonMatch::Same(_)
        ));
        assert_eq!(
            person_match(&t("Ilham Aliyev"), &t("Hokuma Aliyeva")),
            PersonMatch::No
        );
        assert!(matches!(
            person_match(&t("Vladimir Vladimirovich Putin"), &t("Vladimir Putin")),
            PersonMatch::Same(_)
        ));
    }

    #[test]
    fn a_whole_string_threshold_cannot_separate_these_names() {
        // Pairs that are one person, and pairs that are two people, compared as whole strings.
        let same = [
            ("khamzat kadyrov", "hamzat kadyrov"),
            ("qanat bozymbaev", "kanat bozumbayev"),
        ];
        let different = [
            ("khamzat kadyrov", "akhmat kadyrov"),
            ("hamzat kadyrov", "akhmat kadyrov"),
        ];
        let lowest_same = same
            .iter()
            .map(|(a, b)| jaro_winkler(a, b))
            .fold(1.0f32, f32::min);
        let highest_different = different
            .iter()
            .map(|(a, b)| jaro_winkler(a, b))
            .fold(0.0f32, f32::max);
        // Any threshold low enough to join the transliterations also joins two different people.
        assert!(
            lowest_same < highest_different,
            "{lowest_same} vs {highest_different}"
        );
    }

    #[test]
    fn acronyms() {
        assert!(is_acronym_of("CIS", "Commonwealth of Independent States"));
        assert!(is_acronym_of("AZAL", "Azerbaijan Airlines"));
        assert!(is_acronym_of("NATO", "North Atlantic Treaty Organization"));
        assert!(!is_acronym_of("AZAL", "Associated Press"));
        assert!(!is_acronym_of("AP", "Azerbaijan Airlines"));
        let text = "A jet of Azerbaijan Airlines (AZAL) crashed. Leaders of the Commonwealth of Independent States (CIS) met.";
        let defs = acronym_definitions(text);
        assert_eq!(
            defs,
            vec![
                ("azal".to_string(), "Azerbaijan Airlines".to_string()),
                (
                    "cis".to_string(),
                    "Commonwealth of Independent States".to_string()
                )
            ]
        );
    }

    #[test]
    fn surnames_resolve_to_the_nearest_full_name_and_ambiguity_is_kept() {
        let text = "Ilham Aliyev spoke. Later Aliyev left. Heydar Aliyev was his father; Aliyev is revered. Peskov said no. Anna Peskova smiled.";
        let ms = vec![
            mention("a", text, "Ilham Aliyev", EntityType::Person),
            mention("a", text, "Aliyev left", EntityType::Person),
            mention("a", text, "Heydar Aliyev", EntityType::Person),
            mention("a", text, "Aliyev is", EntityType::Person),
            mention("a", text, "Peskov", EntityType::Person),
            mention("a", text, "Anna Peskova", EntityType::Person),
        ];
        let mut ms = ms;
        ms[1].name = "Aliyev".into();
        ms[3].name = "Aliyev".into();
        let r = resolve_article(text, &ms);
        assert_eq!(r[1].name, "Ilham Aliyev");
        assert_eq!(r[1].reason.as_deref(), Some("surname:Aliyev"));
        assert_eq!(r[1].ambiguous_with, vec!["Heydar Aliyev".to_string()]);
        assert_eq!(r[3].name, "Heydar Aliyev");
        // A gendered form is another person: "Peskov" does not resolve to Anna Peskova.
        assert_eq!(r[4].name, "Peskov");
        assert_eq!(r[4].reason, None);
    }

    #[test]
    fn corpus_clustering_with_traps() {
        let a1 = "Azerbaijan Airlines (AZAL) lost a jet. Khamzat Kadyrov spoke. Kanat Bozumbayev leads the commission.";
        let a2 = "AZAL suspended flights. Hamzat Kadyrov and Akhmat Kadyrov are related. Qanat Bozymbaev spoke. Kadyrov left.";
        let m1 = vec![
            mention("a1", a1, "Azerbaijan Airlines", EntityType::Organization),
            mention("a1", a1, "AZAL", EntityType::Organization),
            mention("a1", a1, "Khamzat Kadyrov", EntityType::Person),
            mention("a1", a1, "Kanat Bozumbayev", EntityType::Person),
        ];
        let m2 = vec![
            mention("a2", a2, "AZAL", EntityType::Other),
            mention("a2", a2, "Hamzat Kadyrov", EntityType::Person),
            mention("a2", a2, "Akhmat Kadyrov", EntityType::Person),
            mention("a2", a2, "Qanat Bozymbaev", EntityType::Person),
            mention("a2", a2, "Kadyrov left", EntityType::Person),
        ];
        let mut m2 = m2;
        m2[4].name = "Kadyrov".into();
        let n = normalize(
            vec![
                ArticleMentions {
                    text: a1,
                    mentions: m1,
                },
                ArticleMentions {
                    text: a2,
                    mentions: m2,
                },
            ],
            &AliasTable::default(),
        );
        let entity_of = |article: &str, name: &str| {
            let i = n
                .mentions
                .iter()
                .position(|m| m.article_id == article && m.name == name)
                .unwrap_or_else(|| panic!("{article}/{name}"));
            n.entities[n.entity_of[i]].clone()
        };
        // The acronym expanded in one article only joins in the other, whatever type it was tagged.
        assert_eq!(entity_of("a2", "AZAL").name, "Azerbaijan Airlines");
        assert_eq!(
            entity_of("a2", "AZAL").entity_type,
            EntityType::Organization
        );
        assert_eq!(
            entity_of("a1", "Khamzat Kadyrov").id,
            entity_of("a2", "Hamzat Kadyrov").id
        );
        assert_ne!(
            entity_of("a2", "Akhmat Kadyrov").id,
            entity_of("a2", "Hamzat Kadyrov").id
        );
        assert_eq!(
            entity_of("a1", "Kanat Bozumbayev").id,
            entity_of("a2", "Qanat Bozymbaev").id
        );
        // "Kadyrov" alone, with two Kadyrovs in its article, resolves by proximity and is reviewed.
        assert_eq!(entity_of("a2", "Kadyrov").name, "Akhmat Kadyrov");
        assert!(n.review.iter().any(|r| r.reason.starts_with("ambiguous")));
        assert!(n
            .review
            .iter()
            .any(|r| r.decision == "refused" && r.other.contains("Akhmat")));
        let azal = entity_of("a1", "AZAL");
        assert!(
            azal.merge_reasons.contains(&"acronym:AZAL".to_string()),
            "{:?}",
            azal.merge_reasons
        );
        assert_eq!(n.rows_before["person"], 6);
    }

    #[test]
    fn alias_table_applies_first_and_rejects_bad_types() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("aliases.csv");
        std::fs::write(&p, "alias,canonical,type\n# a comment\nThe Hague Court,ICC,organization\nUS,United States,place\n").unwrap();
        let t = AliasTable::load(&p).unwrap();
        assert_eq!(t.get("us").unwrap().0, "United States");
        let text = "The US said so.";
        let n = normalize(
            vec![ArticleMentions {
                text,
                mentions: vec![mention("a", text, "US", EntityType::Organization)],
            }],
            &t,
        );
        assert_eq!(n.entities[0].name, "United States");
        assert_eq!(n.entities[0].entity_type, EntityType::Place);
        assert_eq!(
            n.entities[0].merge_reasons,
            vec!["alias-table:US".to_string()]
        );
        std::fs::write(&p, "alias,canonical,type\nX,Y,planet\n").unwrap();
        let e = AliasTable::load(&p).unwrap_err().to_string();
        assert!(e.contains("line 2") && e.contains("planet"), "{e}");
    }

    #[test]
    fn fragments_rejoin_and_demonyms_split_off() {
        let text = "a Russian ‘Pantsir-S’ system and the Pantsir-S";
        let mk = |s: &str, from: usize, ty: EntityType| {
            let b = text[from..].find(s).unwrap() + from;
            Mention {
                byte_start: b,
                byte_end: b + s.len(),
                start: text[..b].chars().count(),
                end: text[..b + s.len()].chars().count(),
                text: s.into(),
                label: "MISC".into(),
                entity_type: ty,
                score: 0.8,
            }
        };
        let second = text.rfind("Pantsir").unwrap();
        let ms = vec![
            mk("Russian ‘Pantsir-S’", 0, EntityType::Other),
            mk("Pantsir", second, EntityType::Person),
            mk("-S", second, EntityType::Other),
        ];
        let c = clean_mentions("a", text, &ms);
        let names: Vec<&str> = c.iter().map(|m| m.name.as_str()).collect();
        assert_eq!(names, vec!["Russian", "Pantsir-S", "Pantsir-S"]);
        let chars: Vec<char> = text.chars().collect();
        for m in &c {
            assert_eq!(chars[m.start..m.end].iter().collect::<String>(), m.text);
        }
    }
}
