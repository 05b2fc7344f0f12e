//! The spans the stages share: an entity mention and a number mention, both with byte offsets (to
//! slice the article text) and Unicode character offsets (what the tables show), and the helper that
//! turns one into the other.

use crate::labels::EntityType;
use serde::{Deserialize, Serialize};

/// One entity mention found by the model.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Mention {
    /// Byte offset of the mention in the article text.
    pub byte_start: usize,
    /// Byte offset of the end.
    pub byte_end: usize,
    /// Unicode character offset of the start: `text.chars().skip(start).take(end - start)` is the mention.
    pub start: usize,
    /// Unicode character offset of the end (exclusive).
    pub end: usize,
    /// The mention as written.
    pub text: String,
    /// The model's label type (`PER`, `LOC`, `MISC`...).
    pub label: String,
    /// The product type.
    #[serde(rename = "type")]
    pub entity_type: EntityType,
    /// Mean confidence over the mention's words.
    pub score: f32,
}

/// One number mention.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct NumberMention {
    /// The value: a plain decimal for quantities, ISO 8601 for dates (`2024-12-26`, `--12-26`), `HH:MM`
    /// for times, the code itself for identifiers.
    pub value: String,
    /// The mention as written.
    pub text: String,
    /// One of the kinds listed in the module documentation.
    pub kind: String,
    /// What a count counts; the unit of a measure or duration; what money or a percentage measures
    /// ("offer", "shares", "share price"), or empty.
    pub counted: String,
    /// The unit: of a measure or duration (`km`, `°C`, `magnitude`, `hours`), the currency code of
    /// money, `%` for a percentage; empty for counts and for kinds without one.
    #[serde(skip_serializing_if = "String::is_empty", default)]
    pub unit: String,
    /// The qualifier, from the vocabulary in the module documentation, or empty.
    pub qualifier: String,
    /// Character offset of the start.
    pub start: usize,
    /// Character offset of the end.
    pub end: usize,
    /// Byte offset of the start.
    pub byte_start: usize,
    /// Byte offset of the end.
    pub byte_end: usize,
    /// The sentence it appears in.
    pub sentence: String,
    /// For a range: the lower and upper bound.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub range: Option<(f64, f64)>,
    /// What the count is about, from the words of its sentence (`dead`, `survivors`, `aboard`: see
    /// the figures of the reduce side), or empty.
    #[serde(skip_serializing_if = "String::is_empty", default)]
    pub about: String,
    /// Whose quantity it is: the entity or capitalized noun the sentence gives it to ("Acme's offer",
    /// "an offer by Acme", "Acme offered"; "440 Britons"), filled by the reduce side, or empty.
    #[serde(skip_serializing_if = "String::is_empty", default)]
    pub subject: String,
    /// The subject's entity id, where the subject is an entity of the tables.
    #[serde(skip_serializing_if = "String::is_empty", default)]
    pub subject_id: String,
    /// The place or organization it is about ("killed 30,000 in Sri Lanka", "an offer for Acme"), filled
    /// by the reduce side, or empty.
    #[serde(skip_serializing_if = "String::is_empty", default)]
    pub scope: String,
    /// The scope's entity id.
    #[serde(skip_serializing_if = "String::is_empty", default)]
    pub scope_id: String,
}

/// Maps byte offsets of a text to Unicode character offsets.
pub struct CharIndex {
    starts: Vec<usize>,
    len: usize,
}

impl CharIndex {
    /// Indexes `text`.
    pub fn new(text: &str) -> CharIndex {
        CharIndex {
            starts: text.char_indices().map(|(b, _)| b).collect(),
            len: text.len(),
        }
    }

    /// The character offset of byte offset `byte` (the end of the text maps to the character count).
    pub fn char_of(&self, byte: usize) -> usize {
        if byte >= self.len {
            return self.starts.len();
        }
        match self.starts.binary_search(&byte) {
            Ok(i) => i,
            Err(i) => i,
        }
    }
}

/// For property tests: mentions over `text` from (gap, length, type) triples, on character boundaries.
#[doc(hidden)]
pub fn mentions_from_triples(text: &str, spans: &[(usize, usize, usize)]) -> Vec<Mention> {
    let bounds: Vec<usize> = text
        .char_indices()
        .map(|(b, _)| b)
        .chain(std::iter::once(text.len()))
        .collect();
    let mut out = Vec::new();
    let mut from = 0;
    for &(gap, len, ty) in spans {
        let s = (from + gap).min(bounds.len() - 1);
        let e = (s + 1 + len).min(bounds.len() - 1);
        if s >= e {
            break;
        }
        out.push(Mention {
            byte_start: bounds[s],
            byte_end: bounds[e],
            start: s,
            end: e,
            text: text[bounds[s]..bounds[e]].to_string(),
            label: "X".into(),
            entity_type: EntityType::ALL[ty % EntityType::ALL.len()],
            score: 0.5,
        });
        from = e;
    }
    out
}
