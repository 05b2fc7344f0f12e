//! Label schemes: from per-word labels (`B-PER`, `I-LOC`, `S-ORG`, `O`, ...) to entity spans, and from a
//! label's type (`PER`, `GPE`, ...) to the product's entity types.
//!
//! One decoder serves IOB2 ("BIO") and IOB1 the way `conlleval` reads them: a `B-` always opens a chunk,
//! an `I-` continues the open chunk of the same type and opens one otherwise. BIOES (and its alias BILOU)
//! adds `E-`/`L-` (closes the chunk) and `S-`/`U-` (a one-word chunk).

use serde::{Deserialize, Serialize};
use std::fmt;

/// The four entity tables of the product.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EntityType {
    /// PER, PERSON.
    Person,
    /// LOC, GPE, FAC.
    Place,
    /// ORG.
    Organization,
    /// Anything else (MISC, NORP, PRODUCT, ...).
    Other,
}

impl EntityType {
    /// Maps a model label's type (the part after `B-`) to an entity type.
    pub fn from_label_type(t: &str) -> EntityType {
        match t.to_ascii_uppercase().as_str() {
            "PER" | "PERSON" => EntityType::Person,
            "LOC" | "GPE" | "FAC" | "LOCATION" => EntityType::Place,
            "ORG" | "ORGANIZATION" | "ORGANISATION" => EntityType::Organization,
            _ => EntityType::Other,
        }
    }

    /// The lowercase name used in entity ids and the `type` column.
    pub fn as_str(self) -> &'static str {
        match self {
            EntityType::Person => "person",
            EntityType::Place => "place",
            EntityType::Organization => "organization",
            EntityType::Other => "other",
        }
    }

    /// All types, in table order.
    pub const ALL: [EntityType; 4] = [
        EntityType::Person,
        EntityType::Place,
        EntityType::Organization,
        EntityType::Other,
    ];

    /// Parses the lowercase name written by [`EntityType::as_str`].
    pub fn parse(s: &str) -> Option<EntityType> {
        EntityType::ALL.into_iter().find(|t| t.as_str() == s)
    }
}

/// OntoNotes' value types (dates, times, amounts, counts): numbers, not names. A model trained on
/// OntoNotes labels them; the entity tables leave them to the numbers stage.
pub const VALUE_TYPES: [&str; 7] = [
    "DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL",
];

/// Whether a label type is one of [`VALUE_TYPES`].
pub fn is_value_type(t: &str) -> bool {
    VALUE_TYPES.iter().any(|v| v.eq_ignore_ascii_case(t))
}

impl fmt::Display for EntityType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The position part of a label.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tag {
    /// Outside any entity.
    O,
    /// Begins an entity.
    B,
    /// Inside an entity.
    I,
    /// Ends an entity (BIOES `E-`, BILOU `L-`).
    E,
    /// A one-word entity (BIOES `S-`, BILOU `U-`).
    S,
}

/// Splits a label into its tag and its type: `"B-PER"` → `(B, "PER")`, `"O"` → `(O, "")`. A label without
/// a recognised prefix is taken as an `I-` of that type, as `conlleval` does.
pub fn split_label(label: &str) -> (Tag, &str) {
    if label == "O" || label.is_empty() {
        return (Tag::O, "");
    }
    let (prefix, rest) = match label.find(['-', '_']) {
        Some(1) => (&label[..1], &label[2..]),
        _ => return (Tag::I, label),
    };
    let tag = match prefix {
        "B" => Tag::B,
        "I" => Tag::I,
        "E" | "L" => Tag::E,
        "S" | "U" => Tag::S,
        _ => return (Tag::I, label),
    };
    (tag, rest)
}

/// A decoded chunk: words `start..end` (exclusive) of one type.
#[derive(Debug, Clone, PartialEq)]
pub struct Chunk {
    /// First word.
    pub start: usize,
    /// One past the last word.
    pub end: usize,
    /// The label type (`PER`, `LOC`, ...).
    pub label: String,
    /// Mean of the words' scores.
    pub score: f32,
}

/// Decodes per-word labels (any of IOB1, IOB2, BIOES, BILOU) into chunks. `scores[i]` is word `i`'s
/// confidence; pass `None` for gold labels.
pub fn decode(labels: &[&str], scores: Option<&[f32]>) -> Vec<Chunk> {
    let mut chunks = Vec::new();
    let mut open: Option<(usize, &str)> = None;
    let score_of = |i: usize| scores.map_or(1.0, |s| s[i]);
    let close = |chunks: &mut Vec<Chunk>, start: usize, end: usize, label: &str| {
        let score = (start..end).map(score_of).sum::<f32>() / (end - start) as f32;
        chunks.push(Chunk {
            start,
            end,
            label: label.to_string(),
            score,
        });
    };
    for (i, label) in labels.iter().enumerate() {
        let (tag, ty) = split_label(label);
        match tag {
            Tag::O => {
                if let Some((s, t)) = open.take() {
                    close(&mut chunks, s, i, t);
                }
            }
            Tag::B | Tag::S => {
                if let Some((s, t)) = open.take() {
                    close(&mut chunks, s, i, t);
                }
                if tag == Tag::S {
                    close(&mut chunks, i, i + 1, ty);
                } else {
                    open = Some((i, ty));
                }
            }
            Tag::I | Tag::E => {
                match open {
                    Some((_, t)) if t == ty => {}
                    _ => {
                        if let Some((s, t)) = open.take() {
                            close(&mut chunks, s, i, t);
                        }
                        open = Some((i, ty));
                    }
                }
                if tag == Tag::E {
                    if let Some((s, t)) = open.take() {
                        close(&mut chunks, s, i + 1, t);
                    }
                }
            }
        }
    }
    if let Some((s, t)) = open.take() {
        close(&mut chunks, s, labels.len(), t);
    }
    chunks
}

/// Rewrites labels of any scheme as IOB2: every chunk starts with `B-`.
pub fn to_iob2(labels: &[&str]) -> Vec<String> {
    let mut out = vec!["O".to_string(); labels.len()];
    for c in decode(labels, None) {
        out[c.start] = format!("B-{}", c.label);
        for o in &mut out[c.start + 1..c.end] {
            *o = format!("I-{}", c.label);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spans(labels: &[&str]) -> Vec<(usize, usize, String)> {
        decode(labels, None)
            .into_iter()
            .map(|c| (c.start, c.end, c.label))
            .collect()
    }

    #[test]
    fn bio_opens_on_b_and_on_a_type_change() {
        let l = ["B-PER", "I-PER", "O", "B-LOC", "B-LOC", "I-ORG", "I-ORG"];
        assert_eq!(
            spans(&l),
            vec![
                (0, 2, "PER".into()),
                (3, 4, "LOC".into()),
                (4, 5, "LOC".into()),
                (5, 7, "ORG".into())
            ]
        );
    }

    #[test]
    fn iob1_starts_chunks_with_i_and_splits_with_b() {
        // IOB1: "I-" starts a chunk after O; "B-" only separates two adjacent chunks of one type.
        let l = ["I-PER", "I-PER", "B-PER", "O", "I-LOC"];
        assert_eq!(
            spans(&l),
            vec![
                (0, 2, "PER".into()),
                (2, 3, "PER".into()),
                (4, 5, "LOC".into())
            ]
        );
    }

    #[test]
    fn bioes_and_bilou() {
        let l = [
            "S-PER", "B-ORG", "I-ORG", "E-ORG", "E-ORG", "O", "U-LOC", "B-MISC", "L-MISC",
        ];
        assert_eq!(
            spans(&l),
            vec![
                (0, 1, "PER".into()),
                (1, 4, "ORG".into()),
                (4, 5, "ORG".into()),
                (6, 7, "LOC".into()),
                (7, 9, "MISC".into())
            ]
        );
    }

    #[test]
    fn chunk_at_the_end_is_closed_and_scores_are_averaged() {
        let c = decode(&["O", "B-PER", "I-PER"], Some(&[0.1, 0.5, 1.0]));
        assert_eq!(c.len(), 1);
        assert_eq!((c[0].start, c[0].end), (1, 3));
        assert!((c[0].score - 0.75).abs() < 1e-6);
    }

    #[test]
    fn types_map_to_tables() {
        assert_eq!(EntityType::from_label_type("PER"), EntityType::Person);
        assert_eq!(EntityType::from_label_type("GPE"), EntityType::Place);
        assert_eq!(EntityType::from_label_type("FAC"), EntityType::Place);
        assert_eq!(EntityType::from_label_type("ORG"), EntityType::Organization);
        assert_eq!(EntityType::from_label_type("MISC"), EntityType::Other);
        assert_eq!(EntityType::parse("place"), Some(EntityType::Place));
    }

    #[test]
    fn iob1_to_iob2() {
        assert_eq!(
            to_iob2(&["I-PER", "I-PER", "B-PER", "O"]),
            vec!["B-PER", "I-PER", "B-PER", "O"]
        );
    }
}
