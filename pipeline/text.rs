//! Text utilities shared by the stages that read prose: sentence boundaries and word tokens, always as
//! byte ranges of the article text.

use std::ops::Range;

/// Abbreviations after which a period does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "st", "mt", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
    "sept", "oct", "nov", "dec", "no", "gen", "lt", "col", "sgt", "capt", "gov", "sen", "rep",
    "inc", "ltd", "co", "corp", "vs", "etc", "approx", "prof", "jr", "sr",
];

/// Sentences of the given regions (lines or paragraphs) of `text`: a region is split after `.`, `!` or
/// `?` (and any closing quotes) followed by a space and a capital letter, a digit or an opening quote,
/// unless the period ends an abbreviation or an initial ("U.S.", "Dec.", "J.").
pub fn sentences(text: &str, regions: &[Range<usize>]) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    for r in regions {
        let s = &text[r.clone()];
        let mut start = 0;
        let chars: Vec<(usize, char)> = s.char_indices().collect();
        let mut i = 0;
        while i < chars.len() {
            let (b, c) = chars[i];
            if matches!(c, '.' | '!' | '?') {
                let mut j = i + 1;
                while j < chars.len() && matches!(chars[j].1, '"' | '”' | '’' | '\'' | ')') {
                    j += 1;
                }
                let spaced = j < chars.len() && chars[j].1.is_whitespace();
                let mut k = j;
                while k < chars.len() && chars[k].1.is_whitespace() {
                    k += 1;
                }
                let next_ok = k < chars.len() && {
                    let n = chars[k].1;
                    n.is_uppercase()
                        || n.is_ascii_digit()
                        || matches!(n, '"' | '“' | '‘' | '\'' | '(')
                };
                if spaced && next_ok && !(c == '.' && ends_with_abbreviation(&s[..b])) {
                    let end = if j < chars.len() { chars[j].0 } else { s.len() };
                    push_trimmed(&mut out, text, r.start + start, r.start + end);
                    start = chars[k].0;
                    i = k;
                    continue;
                }
            }
            i += 1;
        }
        push_trimmed(&mut out, text, r.start + start, r.end);
    }
    out
}

fn ends_with_abbreviation(before: &str) -> bool {
    let word: String = before
        .chars()
        .rev()
        .take_while(|c| c.is_alphanumeric() || *c == '.')
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    let last = word.rsplit('.').next().unwrap_or("");
    // An initial ("J.", the "S" of "U.S.") or a known abbreviation.
    (last.chars().count() == 1 && last.chars().all(char::is_uppercase))
        || ABBREVIATIONS.contains(&last.to_lowercase().as_str())
}

fn push_trimmed(out: &mut Vec<Range<usize>>, text: &str, s: usize, e: usize) {
    let piece = &text[s..e];
    let lead = piece.len() - piece.trim_start().len();
    let trail = piece.len() - piece.trim_end().len();
    if s + lead < e - trail {
        out.push(s + lead..e - trail);
    }
}

/// A word token: a byte range and its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token<'a> {
    /// Byte range in the article.
    pub range: Range<usize>,
    /// The token.
    pub text: &'a str,
}

impl Token<'_> {
    /// Whether the token is a single punctuation character.
    pub fn is_punct(&self) -> bool {
        let mut c = self.text.chars();
        matches!((c.next(), c.next()), (Some(ch), None) if !ch.is_alphanumeric() && !matches!(ch, '$' | '€' | '£' | '%' | '#'))
    }
}

const LEADING: &[char] = &['(', '[', '"', '“', '‘', '\'', '«'];
const TRAILING: &[char] = &[
    '.', ',', ';', ':', '!', '?', ')', ']', '"', '”', '’', '\'', '»',
];

/// Splits `text[range]` into word tokens on whitespace, peeling leading and trailing punctuation into
/// tokens of their own (a final period stays on "a.m." and "p.m.").
pub fn tokens(text: &str, range: Range<usize>) -> Vec<Token<'_>> {
    let mut out = Vec::new();
    let s = &text[range.clone()];
    let mut pos = 0;
    for piece in s.split(|c: char| c.is_whitespace()) {
        let start = range.start + pos;
        pos += piece.len() + 1;
        if piece.is_empty() {
            continue;
        }
        let mut a = start;
        let mut b = start + piece.len();
        let mut lead = Vec::new();
        while let Some(c) = text[a..b].chars().next().filter(|c| LEADING.contains(c)) {
            lead.push(a..a + c.len_utf8());
            a += c.len_utf8();
        }
        let mut trail = Vec::new();
        while a < b {
            let w = &text[a..b];
            let Some(c) = w.chars().next_back().filter(|c| TRAILING.contains(c)) else {
                break;
            };
            let lower = w.to_lowercase();
            if c == '.'
                && (lower == "a.m."
                    || lower == "p.m."
                    || (w.len() <= 4 && w[..w.len() - 1].contains('.')))
            {
                break;
            }
            trail.push(b - c.len_utf8()..b);
            b -= c.len_utf8();
        }
        for r in lead {
            out.push(Token {
                text: &text[r.clone()],
                range: r,
            });
        }
        if a < b {
            out.push(Token {
                text: &text[a..b],
                range: a..b,
            });
        }
        for r in trail.into_iter().rev() {
            out.push(Token {
                text: &text[r.clone()],
                range: r,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> Vec<&str> {
        sentences(text, &[0..text.len()])
            .into_iter()
            .map(|r| &text[r])
            .collect()
    }

    #[test]
    fn sentence_boundaries() {
        assert_eq!(
            split("It crashed on Dec. 25 near Aktau. The U.S. said so. “No,” he said! 38 died."),
            vec![
                "It crashed on Dec. 25 near Aktau.",
                "The U.S. said so.",
                "“No,” he said!",
                "38 died."
            ]
        );
    }

    #[test]
    fn token_peeling() {
        let t = "(about 38), “five” at 3 p.m. today.";
        let toks: Vec<&str> = tokens(t, 0..t.len()).into_iter().map(|t| t.text).collect();
        assert_eq!(
            toks,
            vec![
                "(", "about", "38", ")", ",", "“", "five", "”", "at", "3", "p.m.", "today", "."
            ]
        );
    }
}
