//! Entity-level precision, recall and F1, counted as `conlleval` counts them: a predicted entity is right
//! only when its first token, last token and type all match a gold entity.

use crate::ner::labels;
use serde::Serialize;
use std::collections::BTreeMap;

/// Counts for one type (or all).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Predicted entities that match a gold one.
    pub correct: usize,
    /// Predicted entities.
    pub predicted: usize,
    /// Gold entities.
    pub gold: usize,
}

/// Precision, recall and F1 for one type (or all).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Prf {
    /// correct / predicted.
    pub precision: f64,
    /// correct / gold.
    pub recall: f64,
    /// Harmonic mean of precision and recall.
    pub f1: f64,
    /// Gold entities of this type.
    pub support: usize,
}

impl Counts {
    /// Precision, recall and F1 (0 where undefined).
    pub fn prf(&self) -> Prf {
        let p = if self.predicted == 0 {
            0.0
        } else {
            self.correct as f64 / self.predicted as f64
        };
        let r = if self.gold == 0 {
            0.0
        } else {
            self.correct as f64 / self.gold as f64
        };
        let f = if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        };
        Prf {
            precision: p,
            recall: r,
            f1: f,
            support: self.gold,
        }
    }
}

/// Scores of a whole evaluation.
#[derive(Debug, Clone, Default)]
pub struct Scorer {
    total: Counts,
    per_type: BTreeMap<String, Counts>,
    /// Every scored token as `token gold predicted`, a blank line after each sentence (the input of
    /// `newsner eval --predicted` and of `conlleval`), when recording.
    transcript: Option<String>,
}

/// The printable result.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    /// Overall precision.
    pub precision: f64,
    /// Overall recall.
    pub recall: f64,
    /// Overall F1.
    pub f1: f64,
    /// Per label type (`PER`, `LOC`, ...).
    pub per_type: BTreeMap<String, Prf>,
}

impl Scorer {
    /// A scorer that also keeps a transcript of the tokens it scores (see [`Scorer::transcript`]).
    pub fn recording() -> Scorer {
        Scorer {
            transcript: Some(String::new()),
            ..Scorer::default()
        }
    }

    /// The tokens scored so far with their gold and predicted tags, one per line, when recording.
    pub fn transcript(&self) -> Option<&str> {
        self.transcript.as_deref()
    }

    /// Adds one sentence with its tokens, which go into the transcript when recording.
    pub fn add_tokens(&mut self, tokens: &[String], gold: &[&str], predicted: &[&str]) {
        self.add(gold, predicted);
        if let Some(t) = &mut self.transcript {
            for ((w, g), p) in tokens.iter().zip(gold).zip(predicted) {
                // A token never holds whitespace in CoNLL files; one that did would break the columns.
                let w: String = w.split_whitespace().collect::<Vec<_>>().join("_");
                t.push_str(&format!("{w} {g} {p}\n"));
            }
            t.push('\n');
        }
    }

    /// Adds one sentence: gold and predicted tags, one per token, in any scheme.
    pub fn add(&mut self, gold: &[&str], predicted: &[&str]) {
        assert_eq!(gold.len(), predicted.len(), "one predicted tag per token");
        let g = labels::decode(gold, None);
        let p = labels::decode(predicted, None);
        for c in &g {
            self.total.gold += 1;
            self.per_type.entry(c.label.clone()).or_default().gold += 1;
        }
        for c in &p {
            self.total.predicted += 1;
            let e = self.per_type.entry(c.label.clone()).or_default();
            e.predicted += 1;
            if g.iter()
                .any(|x| x.start == c.start && x.end == c.end && x.label == c.label)
            {
                e.correct += 1;
                self.total.correct += 1;
            }
        }
    }

    /// Overall counts.
    pub fn total(&self) -> Counts {
        self.total
    }

    /// The report.
    pub fn report(&self) -> Report {
        let t = self.total.prf();
        Report {
            precision: t.precision,
            recall: t.recall,
            f1: t.f1,
            per_type: self
                .per_type
                .iter()
                .map(|(k, v)| (k.clone(), v.prf()))
                .collect(),
        }
    }
}

impl std::fmt::Display for Report {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        writeln!(f, "type        precision  recall      f1  support")?;
        for (k, v) in &self.per_type {
            writeln!(
                f,
                "{k:<10} {:>10.4} {:>7.4} {:>7.4} {:>8}",
                v.precision, v.recall, v.f1, v.support
            )?;
        }
        write!(
            f,
            "overall    {:>10.4} {:>7.4} {:>7.4}",
            self.precision, self.recall, self.f1
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exact_span_and_type_match() {
        let mut s = Scorer::default();
        // gold: PER(0..2), LOC(3..4); predicted: PER(0..1) wrong span, LOC(3..4) right, ORG(4..5) spurious
        s.add(
            &["B-PER", "I-PER", "O", "B-LOC", "O"],
            &["B-PER", "O", "O", "B-LOC", "B-ORG"],
        );
        let t = s.total();
        assert_eq!((t.correct, t.predicted, t.gold), (1, 3, 2));
        let r = s.report();
        assert!((r.precision - 1.0 / 3.0).abs() < 1e-12);
        assert!((r.recall - 0.5).abs() < 1e-12);
        assert!((r.f1 - 0.4).abs() < 1e-12);
        assert_eq!(r.per_type["ORG"].support, 0);
    }

    #[test]
    fn a_recording_scorer_writes_what_it_scores() {
        let tokens: Vec<String> = ["Ann", "met", "Bo"].iter().map(|s| s.to_string()).collect();
        let mut plain = Scorer::default();
        plain.add_tokens(&tokens, &["B-PER", "O", "B-PER"], &["B-PER", "O", "O"]);
        assert_eq!(plain.transcript(), None);
        let mut rec = Scorer::recording();
        rec.add_tokens(&tokens, &["B-PER", "O", "B-PER"], &["B-PER", "O", "O"]);
        assert_eq!(
            rec.transcript(),
            Some("Ann B-PER B-PER\nmet O O\nBo B-PER O\n\n")
        );
        assert_eq!(rec.total(), plain.total());
    }
}
