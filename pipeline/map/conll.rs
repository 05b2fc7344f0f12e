//! Reading CoNLL-format files (CoNLL-2003 and the like).
//!
//! One token per line, columns separated by whitespace, the token first and the NER tag in the last
//! column (or, for scoring files, gold then predicted tag in the last two); blank lines end sentences and
//! `-DOCSTART-` lines end documents. Tags may be IOB1, IOB2 or BIOES: they are kept as written.

use crate::error::{Error, Result};
use std::ops::Range;
use std::path::Path;

/// A sentence: tokens and their tags (one or more tag columns).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Sentence {
    /// The tokens.
    pub tokens: Vec<String>,
    /// `tags[c][i]`: tag column `c` of token `i` (the last columns of the file, see [`read`]).
    pub tags: Vec<Vec<String>>,
}

/// A document: consecutive sentences between `-DOCSTART-` lines.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Document {
    /// The sentences.
    pub sentences: Vec<Sentence>,
}

/// Reads a CoNLL file, keeping the last `tag_columns` columns of each line as tags.
pub fn read(path: &Path, tag_columns: usize) -> Result<Vec<Document>> {
    let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
    parse(&text, tag_columns).map_err(|m| Error::input(path, m))
}

/// Reads a CoNLL or OntoNotes file as CoNLL-2003 labels: the last column is the tag, and OntoNotes types
/// are mapped onto CoNLL's four with [`to_conll_label`] (CoNLL tags pass through unchanged).
pub fn read_as_conll(path: &Path) -> Result<Vec<Document>> {
    let mut docs = read(path, 1)?;
    map_to_conll(&mut docs);
    Ok(docs)
}

/// Maps every document's first tag column onto CoNLL-2003's labels in place ([`to_conll_label`]).
pub fn map_to_conll(docs: &mut [Document]) {
    for d in docs {
        for s in &mut d.sentences {
            for t in &mut s.tags[0] {
                *t = to_conll_label(t);
            }
        }
    }
}

/// Maps a tag onto the CoNLL-2003 label set. OntoNotes 5 has 18 types; the four CoNLL types follow
/// CoNLL's annotation guidelines: people (PERSON → PER); places, including geo-political entities and
/// facilities such as airports and bridges (GPE, LOC, FAC → LOC); organizations (ORG → ORG); and the
/// named things CoNLL calls miscellaneous: nationalities and religious or political groups, events,
/// products, works of art, laws and languages (NORP, EVENT, PRODUCT, WORK_OF_ART, LAW, LANGUAGE → MISC).
/// The seven numeric types (DATE, TIME, PERCENT, MONEY, QUANTITY, ORDINAL, CARDINAL) are not names:
/// `O`. CoNLL tags and unknown types are returned unchanged.
pub fn to_conll_label(tag: &str) -> String {
    let Some((prefix, ty)) = tag.split_once('-') else {
        return tag.to_string();
    };
    let mapped = match ty {
        "PERSON" => "PER",
        "GPE" | "LOC" | "FAC" => "LOC",
        "ORG" => "ORG",
        "NORP" | "EVENT" | "PRODUCT" | "WORK_OF_ART" | "LAW" | "LANGUAGE" => "MISC",
        value if crate::ner::labels::is_value_type(value) => return "O".to_string(),
        other => other,
    };
    format!("{prefix}-{mapped}")
}

/// Parses CoNLL text; see [`read`]. Errors carry the line number.
pub fn parse(text: &str, tag_columns: usize) -> std::result::Result<Vec<Document>, String> {
    let mut docs = vec![Document::default()];
    let mut sent = Sentence {
        tokens: vec![],
        tags: vec![vec![]; tag_columns],
    };
    let flush = |docs: &mut Vec<Document>, sent: &mut Sentence| {
        if !sent.tokens.is_empty() {
            let s = std::mem::replace(
                sent,
                Sentence {
                    tokens: vec![],
                    tags: vec![vec![]; tag_columns],
                },
            );
            docs.last_mut().expect("one document").sentences.push(s);
        }
    };
    for (n, line) in text.lines().enumerate() {
        let cols: Vec<&str> = line.split_whitespace().collect();
        if cols.is_empty() {
            flush(&mut docs, &mut sent);
            continue;
        }
        if cols[0] == "-DOCSTART-" {
            flush(&mut docs, &mut sent);
            if !docs.last().expect("one document").sentences.is_empty() {
                docs.push(Document::default());
            }
            continue;
        }
        if cols.len() < 1 + tag_columns {
            return Err(format!(
                "line {}: expected a token and {tag_columns} tag column(s), found {:?}",
                n + 1,
                line
            ));
        }
        sent.tokens.push(cols[0].to_string());
        for c in 0..tag_columns {
            sent.tags[c].push(cols[cols.len() - tag_columns + c].to_string());
        }
    }
    flush(&mut docs, &mut sent);
    docs.retain(|d| !d.sentences.is_empty());
    Ok(docs)
}

impl Document {
    /// The document as plain text, tokens joined by spaces and sentences by newlines, with each
    /// sentence's token byte ranges.
    pub fn text(&self) -> (String, Vec<Vec<Range<usize>>>) {
        let mut text = String::new();
        let mut ranges = Vec::with_capacity(self.sentences.len());
        for s in &self.sentences {
            if !text.is_empty() {
                text.push('\n');
            }
            let mut r = Vec::with_capacity(s.tokens.len());
            for (i, t) in s.tokens.iter().enumerate() {
                if i > 0 {
                    text.push(' ');
                }
                r.push(text.len()..text.len() + t.len());
                text.push_str(t);
            }
            ranges.push(r);
        }
        (text, ranges)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documents_and_sentences() {
        let t = "-DOCSTART- -X- O O\n\nAnna NNP B-NP B-PER\nsings VBZ B-VP O\n\nOslo NNP B-NP I-LOC\n\n-DOCSTART- -X- O O\n\nHi UH O O\n";
        let d = parse(t, 1).unwrap();
        assert_eq!(d.len(), 2);
        assert_eq!(d[0].sentences.len(), 2);
        assert_eq!(d[0].sentences[0].tags[0], vec!["B-PER", "O"]);
        let (text, r) = d[0].text();
        assert_eq!(text, "Anna sings\nOslo");
        assert_eq!(&text[r[1][0].clone()], "Oslo");
    }

    #[test]
    fn ontonotes_types_map_onto_conll() {
        for (on, conll) in [
            ("B-PERSON", "B-PER"),
            ("I-GPE", "I-LOC"),
            ("B-FAC", "B-LOC"),
            ("B-NORP", "B-MISC"),
            ("I-WORK_OF_ART", "I-MISC"),
            ("B-CARDINAL", "O"),
            ("I-DATE", "O"),
            ("B-ORG", "B-ORG"),
            ("B-MISC", "B-MISC"),
            ("O", "O"),
        ] {
            assert_eq!(to_conll_label(on), conll, "{on}");
        }
    }

    #[test]
    fn short_lines_are_errors_with_a_line_number() {
        let e = parse("Anna B-PER\nx\n", 2).unwrap_err();
        assert!(e.starts_with("line 1"), "{e}");
    }
}
