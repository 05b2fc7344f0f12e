//! The normalize stage: from raw mentions to entities.
//!
//! **Mention clean-up** ([`clean`]): surrounding quotes of any kind, a possessive `'s`/`’s`, a leading
//! "the", trailing punctuation and a hashtag or handle sign are removed; `#CamelCase` hashtags are split
//! into words. A mention that is nothing but punctuation is dropped. Demonyms are never places: a place
//! mention that is an adjective of nationality ("Azerbaijani", "Kazakh") is moved to `other`.
//!
//! **Entities**: mentions of one type with the same cleaned name (compared case- and accent-insensitively)
//! form one entity, named by its most frequent cleaned form.

use crate::ner::labels::EntityType;
use crate::ner::Mention;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// A mention after clean-up, with the article it came from.
#[derive(Debug, Clone, PartialEq, Serialize)]
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
}

const QUOTES: &[char] = &[
    '"', '\'', '‘', '’', '“', '”', '«', '»', '„', '‚', '‹', '›', '`', '´', '(', ')', '[', ']',
];

/// Cleans a mention's span: returns the trimmed `(start, end)` byte range within `text` and the display
/// name, or `None` when nothing name-like is left.
pub fn clean(text: &str) -> Option<(usize, usize, String)> {
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
    let hashtag = s > 0 && text[..s].ends_with('#');
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

/// Cleans the mentions of one article.
pub fn clean_mentions(article_id: &str, text: &str, mentions: &[Mention]) -> Vec<CleanMention> {
    let index = crate::ner::CharIndex::new(text);
    mentions
        .iter()
        .filter_map(|m| {
            let span = &text[m.byte_start..m.byte_end];
            let (s, e, name) = clean(span)?;
            let (bs, be) = (m.byte_start + s, m.byte_start + e);
            let mut ty = m.entity_type;
            if ty == EntityType::Place && looks_like_demonym(&name) {
                ty = EntityType::Other;
            }
            Some(CleanMention {
                article_id: article_id.to_string(),
                start: index.char_of(bs),
                end: index.char_of(be),
                text: text[bs..be].to_string(),
                name,
                entity_type: ty,
                label: m.label.clone(),
                score: m.score,
            })
        })
        .collect()
}

/// Groups clean mentions into entities.
pub fn normalize(mentions: Vec<CleanMention>) -> Normalized {
    // Group by (type, key).
    let mut groups: BTreeMap<(EntityType, String), Vec<usize>> = BTreeMap::new();
    for (i, m) in mentions.iter().enumerate() {
        groups
            .entry((m.entity_type, key(&m.name)))
            .or_default()
            .push(i);
    }
    let mut entities = Vec::new();
    let mut entity_of = vec![0usize; mentions.len()];
    for ((ty, _), members) in groups {
        let mut forms: HashMap<&str, usize> = HashMap::new();
        for &i in &members {
            *forms.entry(mentions[i].name.as_str()).or_default() += 1;
        }
        let mut ranked: Vec<(&str, usize)> = forms.into_iter().collect();
        ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        let name = ranked[0].0.to_string();
        let aliases: Vec<String> = ranked[1..].iter().map(|(f, _)| f.to_string()).collect();
        let merge_reasons = aliases.iter().map(|a| format!("case:{a}")).collect();
        let score = members.iter().map(|&i| mentions[i].score).sum::<f32>() / members.len() as f32;
        for &i in &members {
            entity_of[i] = entities.len();
        }
        entities.push(Entity {
            id: format!("{}:{}", ty.as_str(), slug(&name)),
            entity_type: ty,
            name,
            aliases,
            articles: members
                .iter()
                .map(|&i| mentions[i].article_id.clone())
                .collect(),
            mentions: members.len(),
            score,
            merge_reasons,
        });
    }
    // Table order, and remap.
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
    let mut sorted: Vec<Option<Entity>> = entities.into_iter().map(Some).collect();
    let entities = order
        .iter()
        .map(|&o| sorted[o].take().expect("each entity once"))
        .collect();
    for e in &mut entity_of {
        *e = new_index[*e];
    }
    Normalized {
        entities,
        mentions,
        entity_of,
    }
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
    fn slugs_and_keys() {
        assert_eq!(slug("Dmitry Peskov"), "dmitry-peskov");
        assert_eq!(slug("Pantsir-S"), "pantsir-s");
        assert_eq!(slug("J2-8243"), "j2-8243");
        assert_eq!(slug("Zürich’s “Old” Town"), "zurich-s-old-town");
        assert_eq!(key("Zürich"), "zurich");
    }
}
