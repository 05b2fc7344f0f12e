//! The words around a mention on its line, for the passes that read a name's context
//! ([`teams`](super::teams), [`facilities`](super::facilities)).

use super::lexicon::{Cue, Lexicons};
use super::CleanMention;
use unicode_segmentation::UnicodeSegmentation;

/// The corpus' mentions as the context rules read them: each mention's name and article, and the
/// articles' texts.
pub struct Corpus<'a> {
    /// The mentions.
    pub mentions: &'a [CleanMention],
    /// Their names (after the user's alias table).
    pub names: &'a [String],
    /// Their articles, as indices into `texts`.
    pub article_of: &'a [usize],
    /// The articles' texts.
    pub texts: &'a [&'a str],
}

impl<'a> Corpus<'a> {
    /// The words around mention `i` ([`Around::of`]).
    pub fn around(&self, i: usize) -> Option<Around<'a>> {
        let text = self.texts.get(self.article_of[i]).copied().unwrap_or("");
        Around::of(text, &self.mentions[i])
    }
}

/// How many words on each side a cue can reach.
const REACH: usize = 5;

/// The words of a mention's line before it and after it, each nearest first, spaces left out
/// (Unicode word boundaries: "91-73" is "91", "-", "73").
pub struct Around<'a> {
    /// Before the mention, nearest first.
    pub before: Vec<&'a str>,
    /// After the mention, nearest first.
    pub after: Vec<&'a str>,
}

impl<'a> Around<'a> {
    /// The words around `m` in its article's `text`; `None` where the mention is not where its offsets
    /// say.
    pub fn of(text: &'a str, m: &CleanMention) -> Option<Around<'a>> {
        let (start, end) = (m.byte_start, m.byte_start + m.text.len());
        if text.get(start..end)? != m.text {
            return None;
        }
        let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
        let line_end = text[end..].find('\n').map_or(text.len(), |i| end + i);
        let words = |s: &'a str| s.split_word_bounds().filter(|w| !w.trim().is_empty());
        Some(Around {
            before: words(&text[line_start..start]).rev().take(REACH).collect(),
            after: words(&text[end..line_end]).take(REACH).collect(),
        })
    }

    /// Whether the word before the mention, past a "the", is a cue of this kind ("into the", "at").
    pub fn after_cue(&self, kind: Cue, lex: &Lexicons) -> bool {
        let skip = usize::from(
            self.before
                .first()
                .is_some_and(|w| w.eq_ignore_ascii_case("the")),
        );
        self.before.get(skip).is_some_and(|w| lex.cue(w, kind))
    }

    /// Whether the mention opens its line (a dateline, a heading).
    pub fn opens_line(&self) -> bool {
        self.before.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::lexicon::tests::sample;
    use crate::normalize::tests::mention_at;
    use newsner_core::labels::EntityType;

    #[test]
    fn words_stay_on_the_mention_s_line() {
        let text = "Fans cheered.\nThey went into the Mercy Hospital (7-2) at once.\nNext line.";
        let m = mention_at("a", text, "Mercy Hospital", 0, EntityType::Place);
        let a = Around::of(text, &m).unwrap();
        assert_eq!(a.before, ["the", "into", "went", "They"]);
        assert_eq!(a.after, ["(", "7", "-", "2", ")"]);
        assert!(a.after_cue(Cue::Site, &sample()) && !a.opens_line());
        let moved = CleanMention { byte_start: 1, ..m };
        assert!(Around::of(text, &moved).is_none());
    }
}
