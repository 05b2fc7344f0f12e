//! Text utilities shared by the stages that read prose: sentence boundaries and word tokens, always as
//! byte ranges of the article text.

use std::ops::Range;
use unicode_segmentation::UnicodeSegmentation;

/// A relative path with `/` between its components, whatever the platform.
pub fn slash_path(rel: &std::path::Path) -> String {
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("/")
}

/// Abbreviations after which a period does not end a sentence: `models/lexicons/abbreviations.txt`,
/// compiled in (and so part of the cache key).
pub const ABBREVIATIONS_LIST: &str = include_str!("../../models/lexicons/abbreviations.txt");

static ABBREVIATIONS: std::sync::LazyLock<Vec<&'static str>> =
    std::sync::LazyLock::new(|| crate::list(ABBREVIATIONS_LIST));

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

/// Whether a grapheme is a single character of `set`.
fn one_of(g: &str, set: &[char]) -> bool {
    let mut c = g.chars();
    matches!((c.next(), c.next()), (Some(ch), None) if set.contains(&ch))
}

/// The maximal runs of non-whitespace characters of `s` with their byte offsets. Whitespace is any
/// Unicode white space (no-break, thin, ideographic spaces, line and paragraph separators...), of any
/// width in bytes.
pub fn whitespace_pieces(s: &str) -> impl Iterator<Item = (usize, &str)> {
    s.split(char::is_whitespace)
        .filter(|p| !p.is_empty())
        .map(move |p| (p.as_ptr() as usize - s.as_ptr() as usize, p))
}

/// Splits `text[range]` into word tokens on whitespace, peeling leading and trailing punctuation into
/// tokens of their own (a final period stays on "a.m." and "p.m.").
pub fn tokens(text: &str, range: Range<usize>) -> Vec<Token<'_>> {
    let mut out = Vec::new();
    let s = &text[range.clone()];
    let token = |r: Range<usize>| Token {
        text: &text[r.clone()],
        range: r,
    };
    for (offset, piece) in whitespace_pieces(s) {
        let start = range.start + offset;
        let (lead, a) = peel_leading(text, start, start + piece.len());
        let (trail, b) = peel_trailing(text, a, start + piece.len());
        out.extend(lead.into_iter().map(token));
        if a < b {
            // A bracket glued between two numbers opens a token: "$85.30(+19.90)".
            let mut cut = a;
            if let Some(p) = glued_bracket(&text[a..b]) {
                out.push(token(a..a + p));
                out.push(token(a + p..a + p + 1));
                cut = a + p + 1;
            }
            out.push(token(cut..b));
        }
        out.extend(trail.into_iter().rev().map(token));
    }
    out
}

/// The leading punctuation of `text[a..b]`, a grapheme at a time (a mark combined with a quote stays
/// with it), and where the rest starts.
fn peel_leading(text: &str, mut a: usize, b: usize) -> (Vec<Range<usize>>, usize) {
    let mut lead = Vec::new();
    while let Some(g) = text[a..b]
        .graphemes(true)
        .next()
        .filter(|g| one_of(g, LEADING))
    {
        lead.push(a..a + g.len());
        a += g.len();
    }
    (lead, a)
}

/// The trailing punctuation of `text[a..b]`, last first, and where the rest ends; a final period stays
/// on "a.m.", "p.m." and short abbreviations with periods ("U.S.").
fn peel_trailing(text: &str, a: usize, mut b: usize) -> (Vec<Range<usize>>, usize) {
    let mut trail = Vec::new();
    while a < b {
        let w = &text[a..b];
        let Some(g) = w
            .graphemes(true)
            .next_back()
            .filter(|g| one_of(g, TRAILING))
        else {
            break;
        };
        let lower = w.to_lowercase();
        if g == "."
            && (lower == "a.m."
                || lower == "p.m."
                || (w.len() <= 4 && w[..w.len() - 1].contains('.')))
        {
            break;
        }
        trail.push(b - g.len()..b);
        b -= g.len();
    }
    (trail, b)
}

/// Where an opening bracket sits glued between a digit and a signed or plain number ("85.30(+19.90"),
/// a share price and its change.
fn glued_bracket(word: &str) -> Option<usize> {
    let p = word.find('(')?;
    let before = word[..p].chars().next_back()?;
    let after = word[p + 1..].chars().next()?;
    (before.is_ascii_digit() && (after.is_ascii_digit() || "+-\u{2212}".contains(after)))
        .then_some(p)
}

/// `s` safe for one line of a log or terminal: control characters (line breaks, tabs, escapes) and
/// Unicode line or paragraph separators are written as Rust escapes (`\n`, `\u{2028}`), so a file name
/// cannot forge a line of output.
pub fn printable(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c.is_control() || matches!(c, '\u{2028}' | '\u{2029}') {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn printable_escapes_what_could_forge_a_line() {
        assert_eq!(printable("a\nb\tc\u{2028}d é"), "a\\nb\\tc\\u{2028}d é");
        assert_eq!(printable("plain/path.txt"), "plain/path.txt");
    }

    fn split(text: &str) -> Vec<&str> {
        sentences(text, &[0..text.len()])
            .into_iter()
            .map(|r| &text[r])
            .collect()
    }

    #[test]
    fn sentence_boundaries() {
        assert_eq!(
            split("It crashed on Dec. 25 near Cusco. The U.S. said so. “No,” he said! 38 died."),
            vec![
                "It crashed on Dec. 25 near Cusco.",
                "The U.S. said so.",
                "“No,” he said!",
                "38 died."
            ]
        );
    }

    #[test]
    fn any_whitespace_separates_tokens() {
        let t = "Paris\u{a0}and\u{2009}Oslo\u{3000}“Ab”\u{2028}x\u{85}y";
        let toks: Vec<&str> = tokens(t, 0..t.len()).into_iter().map(|t| t.text).collect();
        assert_eq!(toks, vec!["Paris", "and", "Oslo", "“", "Ab", "”", "x", "y"]);
    }

    #[test]
    fn a_combining_mark_stays_with_its_quote() {
        let t = "\"\u{301}Ab";
        let toks: Vec<&str> = tokens(t, 0..t.len()).into_iter().map(|t| t.text).collect();
        assert_eq!(toks, vec![t]);
    }

    proptest::proptest! {
        #[test]
        fn tokens_and_sentences_hold_for_any_text(t in "\\PC{0,80}", ws in "[ \u{a0}\u{2009}\u{3000}\n\u{2028}]{0,3}") {
            let text = format!("{ws}{t}{ws}. {t}");
            for r in sentences(&text, &[0..text.len()]) {
                let toks = tokens(&text, r.clone());
                for tok in toks {
                    proptest::prop_assert!(r.start <= tok.range.start && tok.range.end <= r.end);
                    proptest::prop_assert_eq!(&text[tok.range.clone()], tok.text);
                    proptest::prop_assert!(!tok.text.chars().any(char::is_whitespace));
                }
            }
        }
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

    #[test]
    fn a_bracket_glued_between_numbers_opens_a_token() {
        let t = "$85.30(+19.90) f(x) 4(5";
        let toks: Vec<&str> = tokens(t, 0..t.len()).into_iter().map(|t| t.text).collect();
        assert_eq!(
            toks,
            vec!["$85.30", "(", "+19.90", ")", "f(x", ")", "4", "(", "5"]
        );
    }
}
