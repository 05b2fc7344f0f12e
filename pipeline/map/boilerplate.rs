//! The boilerplate stage: which lines of a web copy are the article, and which are the page around it.
//!
//! The text is never edited (offsets must index the file as read); this stage returns the byte ranges of
//! the lines to analyse. A line is boilerplate when
//! - it carries a **page cue**: cookie and consent banners, comment forms, sign-in, share and subscribe
//!   prompts, "most read"/"other topics" rails. Strong cues (a consent banner can be a long paragraph)
//!   count on any line; weak cues ("Read More", "Share") only on short lines that are not sentences;
//! - it is a **repeat**: the second and later copies of a line of three words or more (a headline
//!   repeated in a rail, a gallery caption shown twice). The first copy is kept, with the names and
//!   figures in it;
//! - it is a **menu item**: a short bulleted line before the article's first sentence;
//! - it is a **navigation trail**: [`TRAIL_ITEMS`] links or more of [`RAIL_ITEM_WORDS`] words or fewer
//!   between spaced separators ("Home | News | Business", "World › Asia › China", "Terms · Privacy ·
//!   Cookies"), anywhere on the page;
//! - it is a **photo credit** standing alone: names in capitals joined by a slash or a "via" ("Omar Haj
//!   Kadour/AFP/Getty Images", "AFP via Getty Images", "(AP Photo/Hussein Malla)");
//! - it is a **rail item**: a line of [`RAIL_ITEM_WORDS`] words or fewer, not a sentence, right after a
//!   rail title ("Related Topics", "More on this story") or another rail item: the links of a rail.
//!
//! The cue lists are about web pages in general, not about any corpus; they are data:
//! `models/lexicons/boilerplate_strong.txt`, `boilerplate_weak.txt` and `boilerplate_rails.txt`.

use std::collections::HashSet;
use std::ops::Range;

pub use newsner_core::list;
pub use newsner_core::record::{Dropped, Reason};

/// The shipped cue lists (`models/lexicons/boilerplate_*.txt`), compiled in and part of the cache key.
pub const STRONG_CUES_LIST: &str = include_str!("../../models/lexicons/boilerplate_strong.txt");
/// See [`STRONG_CUES_LIST`].
pub const WEAK_CUES_LIST: &str = include_str!("../../models/lexicons/boilerplate_weak.txt");

/// See [`STRONG_CUES_LIST`].
pub const RAIL_CUES_LIST: &str = include_str!("../../models/lexicons/boilerplate_rails.txt");

/// The most words a rail's item has.
pub const RAIL_ITEM_WORDS: usize = 3;

/// The fewest links of a navigation trail.
pub const TRAIL_ITEMS: usize = 3;

/// What stands between the links of a navigation trail, with a space on each side.
const TRAIL_SEPARATORS: [&str; 7] = ["|", "›", ">", "»", "/", "·", "•"];

/// Cues of a weak cue line that open a rail.
static RAIL_CUES: std::sync::LazyLock<Vec<&'static str>> =
    std::sync::LazyLock::new(|| list(RAIL_CUES_LIST));

/// Cues that mark a line as page furniture wherever they appear.
static STRONG_CUES: std::sync::LazyLock<Vec<&'static str>> =
    std::sync::LazyLock::new(|| list(STRONG_CUES_LIST));

/// Cues that mark a short line (a button, a rail title) as page furniture.
static WEAK_CUES: std::sync::LazyLock<Vec<&'static str>> =
    std::sync::LazyLock::new(|| list(WEAK_CUES_LIST));

/// The outcome for one article.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Segmented {
    /// Byte ranges of the content lines, in order.
    pub content: Vec<Range<usize>>,
    /// The lines that were dropped, with the reason.
    pub dropped: Vec<Dropped>,
}

impl Segmented {
    /// Whether the byte offset lies in a content line.
    pub fn is_content(&self, byte: usize) -> bool {
        let i = self.content.partition_point(|r| r.end <= byte);
        self.content.get(i).is_some_and(|r| r.start <= byte)
    }
}

fn lines(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in text.char_indices() {
        if c == '\n' {
            out.push(start..i);
            start = i + 1;
        }
    }
    if start < text.len() {
        out.push(start..text.len());
    }
    out
}

fn words(s: &str) -> usize {
    s.split_whitespace().count()
}

fn is_sentence(s: &str) -> bool {
    let t = s.trim_end_matches(['"', '”', '’', '\'', ')']);
    words(s) >= 6 && t.ends_with(['.', '!', '?', ':'])
}

/// Splits an article into content lines and dropped lines.
pub fn segment(text: &str) -> Segmented {
    let lines = lines(text);
    let norm = |r: &Range<usize>| {
        text[r.clone()]
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase()
    };
    let mut seen: HashSet<String> = HashSet::new();
    let mut out = Segmented::default();
    let mut started = false;
    let mut rail = false;
    for r in lines {
        let line = text[r.clone()].trim();
        if line.is_empty() {
            continue;
        }
        let n = words(line);
        let reason = if rail && n <= RAIL_ITEM_WORDS && !is_sentence(line) {
            Some(Reason::Rail)
        } else {
            cue(line, n)
                .or_else(|| (n >= 3 && !seen.insert(norm(&r))).then_some(Reason::Repeated))
                .or_else(|| (!started && menu(line, n)).then_some(Reason::Menu))
                .or_else(|| trail(line).then_some(Reason::Navigation))
                .or_else(|| credit(line, n).then_some(Reason::Credit))
        };
        rail = match &reason {
            Some(Reason::Cue(c)) => RAIL_CUES.contains(&c.as_str()),
            Some(Reason::Rail) => true,
            _ => false,
        };
        match reason {
            Some(reason) => out.dropped.push(Dropped {
                range: r,
                text: line.to_string(),
                reason,
            }),
            None => {
                started |= n >= 6;
                out.content.push(r);
            }
        }
    }
    out
}

/// The page cue a line of `n` words carries, if any: a strong cue anywhere, a weak one on a short line
/// that is not a sentence.
fn cue(line: &str, n: usize) -> Option<Reason> {
    let lower = line.to_lowercase();
    let short = n <= 6 && !is_sentence(line);
    STRONG_CUES
        .iter()
        .find(|c| lower.contains(*c))
        .or_else(|| WEAK_CUES.iter().find(|c| short && lower.contains(*c)))
        .map(|c| Reason::Cue(c.to_string()))
}

/// Whether a line is a navigation trail: [`TRAIL_ITEMS`] links or more, each of one to
/// [`RAIL_ITEM_WORDS`] words and no sentence's end, between one kind of spaced separator.
fn trail(line: &str) -> bool {
    TRAIL_SEPARATORS.iter().any(|sep| {
        let items: Vec<&str> = line.split(&format!(" {sep} ")).map(str::trim).collect();
        items.len() >= TRAIL_ITEMS
            && items.iter().all(|i| {
                (1..=RAIL_ITEM_WORDS).contains(&words(i)) && !i.ends_with(['.', '!', '?', ':'])
            })
    })
}

/// The most words a photo credit standing alone has.
pub const CREDIT_WORDS: usize = 8;

/// Whether a line of `n` words is a photo credit standing alone under its picture: names in capitals
/// that a slash joins with no space ("Omar Haj Kadour/AFP/Getty Images", "(AP Photo/Hussein Malla)")
/// or a "via" ("AFP via Getty Images"), every other word capitalized but "by" ("Photo by Burak
/// Kara/Getty Images"); two words to [`CREDIT_WORDS`] and no sentence ("Arsenal/Chelsea" alone
/// stays). A caption's own sentence stays, with the names in it.
fn credit(line: &str, n: usize) -> bool {
    let inner = line
        .trim_start_matches('(')
        .trim_end_matches(')')
        .trim_end_matches('.');
    let words: Vec<&str> = inner.split_whitespace().collect();
    let capital = |w: &str| w.chars().next().is_some_and(char::is_uppercase);
    let slashed = |w: &&str| {
        let parts: Vec<&str> = w.split('/').collect();
        parts.len() > 1 && parts.iter().all(|p| capital(p))
    };
    let via = words
        .windows(3)
        .any(|w| w[1] == "via" && capital(w[0]) && capital(w[2]));
    (2..=CREDIT_WORDS).contains(&n)
        && !is_sentence(inner)
        && (words.iter().any(slashed) || via)
        && words
            .iter()
            .all(|w| capital(w) || matches!(*w, "via" | "by"))
}

/// Whether a line of `n` words looks like a bulleted menu item.
fn menu(line: &str, n: usize) -> bool {
    n <= 4 && (line.starts_with("- ") || line.starts_with("• "))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kept(text: &str) -> Vec<&str> {
        segment(text)
            .content
            .iter()
            .map(|r| text[r.clone()].trim())
            .collect()
    }

    #[test]
    fn drops_banners_forms_rails_and_menus() {
        let text = "- Menu\n- World news\nStorm hits the coast\nThe storm reached Bergen on Monday, officials said.\n\
            Read More\nThis site uses cookies to improve your experience. Accept\n\
            Storm hits the coast\nLeave a Reply\nYour email address will not be published.\nMost Commented\n";
        assert_eq!(
            kept(text),
            vec![
                "Storm hits the coast",
                "The storm reached Bergen on Monday, officials said."
            ]
        );
    }

    #[test]
    fn keeps_the_first_copy_of_a_repeated_line() {
        let text = "Rescuers pulled 12 people from the rubble in Hatay.
A caption about the mayor
            Rescuers pulled 12 people from the rubble in Hatay.
A caption about the mayor
";
        let s = segment(text);
        assert_eq!(
            kept(text),
            vec![
                "Rescuers pulled 12 people from the rubble in Hatay.",
                "A caption about the mayor"
            ]
        );
        assert_eq!(s.dropped.len(), 2);
        assert!(s.dropped.iter().all(|d| d.reason == Reason::Repeated));
        assert!(s.dropped[0].range.start > text.find('\n').unwrap());
    }

    #[test]
    fn drops_a_rail_s_title_and_its_links_and_credit_lines() {
        let text = "Divers reached the wreck on Sunday, the coast guard said.\n\
            Image source, Getty Images\nRelated Topics\nTitanic\nDeep sea exploration\n\
            More on this story\nWreck found near Cape Race by divers\nRelated Topics\n\
            Rescuers said the search would go on through the night.\nAdvertisement\nOceans\n";
        let s = segment(text);
        assert_eq!(
            kept(text),
            vec![
                "Divers reached the wreck on Sunday, the coast guard said.",
                "Wreck found near Cape Race by divers",
                "Rescuers said the search would go on through the night.",
                "Oceans"
            ]
        );
        let rail: Vec<&str> = s
            .dropped
            .iter()
            .filter(|d| d.reason == Reason::Rail)
            .map(|d| d.text.as_str())
            .collect();
        assert_eq!(rail, ["Titanic", "Deep sea exploration"]);
    }

    #[test]
    fn drops_navigation_trails() {
        let text = "Home | News | Business
World › Asia › China
Storm hits Bergen
            The storm reached Bergen on Monday, officials said.
Arsenal 2 | Chelsea 1
            Oslo | Bergen | Stavanger are ports. | Yes
Terms · Privacy · Contact
";
        let s = segment(text);
        assert_eq!(
            kept(text),
            vec![
                "Storm hits Bergen",
                "The storm reached Bergen on Monday, officials said.",
                "Arsenal 2 | Chelsea 1",
                "Oslo | Bergen | Stavanger are ports. | Yes"
            ]
        );
        assert!(
            s.dropped.iter().all(|d| d.reason == Reason::Navigation),
            "{:?}",
            s.dropped
        );
    }

    #[test]
    fn drops_photo_credits_standing_alone() {
        let text = "Omar Haj Kadour/AFP/Getty Images
AFP via Getty Images
(AP Photo/Hussein Malla)
Photo by Burak Kara/Getty Images
Getty Images
A man sits amid the ruins in Jindires. Omar Haj Kadour/AFP
Reuters/Ipsos polled 1,000 adults.
Arsenal/Chelsea
Lennon/McCartney
";
        let s = segment(text);
        assert_eq!(
            kept(text),
            vec![
                "Getty Images",
                "A man sits amid the ruins in Jindires. Omar Haj Kadour/AFP",
                "Reuters/Ipsos polled 1,000 adults.",
                "Arsenal/Chelsea",
                "Lennon/McCartney",
            ]
        );
        assert!(
            s.dropped.iter().all(|d| d.reason == Reason::Credit),
            "{:?}",
            s.dropped
        );
    }

    #[test]
    fn keeps_sentences_that_mention_weak_cues() {
        let text =
            "Officials asked residents to sign up for evacuation alerts on the city website.\n";
        assert_eq!(kept(text).len(), 1);
    }

    #[test]
    fn is_content_finds_offsets() {
        let text = "Read More\nThe mayor of Oslo spoke to reporters on Tuesday morning.\n";
        let s = segment(text);
        assert!(!s.is_content(2));
        assert!(s.is_content(text.find("Oslo").unwrap()));
    }
}
