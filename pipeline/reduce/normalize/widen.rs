//! Mentions cut short of a name the corpus gives in full are widened to it ("Polar" of "from the
//! Polar Prince", where other mentions name the ship "Polar Prince"): the model may tag a name whole
//! in one sentence and only in part in another. A mention is widened when the words written right
//! next to it on its line, one space apart, complete a longer name of another mention in the corpus,
//! and no mention of its article covers part of them only (one covered whole joins it: "Man" + "Utd"
//! of a headline, where other articles name "Man Utd"); it then takes the type that the longer
//! name's mentions have most often. Only whole words count, at most [`MAX_ADDED`] of them, each a
//! number or a word with a capital first and lowercase after (not "TV": "US TV" was once a name on
//! BBC, and "US" is mostly the country) or, between two such words, a small joining word of names
//! ("and", "&", "of": "Transport" + "and" + "General Workers Union" where another article names the
//! "Transport and General Workers Union" whole; two names joined by "and" are otherwise two, "Boeing
//! and Airbus"), and none before the name a title: on BBC the model's
//! lowercase tails elsewhere ("Iraq war", "Lions tour", "BBC news") and titles ("Lord Goldsmith")
//! widen nothing, while "Democrats" becomes "Liberal Democrats", "Pops" "Top of the Pops" and
//! "Firefox" "Firefox 1.0".

use super::lexicon::Lexicons;
use super::names::MINOR;
use super::CleanMention;
use newsner_core::labels::EntityType;
use std::collections::HashMap;

/// The most words a mention gains.
pub const MAX_ADDED: usize = 3;

/// A mention as the model tagged it, before widening moved it to a longer name: its vote still
/// counts for the name it had, and its context for what that name is.
#[derive(Debug, Clone, PartialEq)]
pub struct Ghost {
    /// The mention's article.
    pub article: usize,
    /// The mention as it was (its name after the alias table).
    pub mention: CleanMention,
}

impl Ghost {
    fn of(m: &CleanMention, article: usize) -> Self {
        Self {
            article,
            mention: m.clone(),
        }
    }
}

/// Widens `mentions` (with the index of their article in `texts`, kept in step) in place; a mention
/// the widened one comes to cover whole goes ("Man" + "Utd" of a headline are one "Man Utd").
/// Returns the old names' votes of the mentions widened or gone.
pub fn widen(
    mentions: &mut Vec<CleanMention>,
    article_of: &mut Vec<usize>,
    texts: &[&str],
    lex: &Lexicons,
) -> Vec<Ghost> {
    let known = Known::of(mentions);
    let addable = |w: &String, before: bool, inner: bool| {
        let first = w.chars().next();
        let word = first.is_some_and(char::is_uppercase) && w.chars().any(char::is_lowercase);
        let joining = inner && MINOR.contains(&w.as_str());
        (word || joining || first.is_some_and(|c| c.is_ascii_digit()))
            && !(before && lex.is_title(w))
    };
    let mut of_article: HashMap<usize, Vec<usize>> = HashMap::new();
    for (i, &a) in article_of.iter().enumerate() {
        of_article.entry(a).or_default().push(i);
    }
    let mut gone = vec![false; mentions.len()];
    let mut ghosts = Vec::new();
    for i in 0..mentions.len() {
        let a = article_of[i];
        let text = texts.get(a).copied().unwrap_or("");
        if gone[i] {
            continue;
        }
        let Some((s, e, ty)) = known.widening(&mentions[i], text, addable) else {
            continue;
        };
        let others: Vec<usize> = of_article[&a]
            .iter()
            .copied()
            .filter(|&j| j != i && !gone[j])
            .filter(|&j| span(&mentions[j]).1 > s && span(&mentions[j]).0 < e)
            .collect();
        let inside = |j: &usize| span(&mentions[*j]).0 >= s && span(&mentions[*j]).1 <= e;
        if others.iter().all(inside) {
            ghosts.push(Ghost::of(&mentions[i], a));
            retarget(&mut mentions[i], text, s, e, ty);
            for j in others {
                ghosts.push(Ghost::of(&mentions[j], a));
                gone[j] = true;
            }
        }
    }
    let kept: Vec<(CleanMention, usize)> = std::mem::take(mentions)
        .into_iter()
        .zip(std::mem::take(article_of))
        .zip(gone)
        .filter_map(|(m, gone)| (!gone).then_some(m))
        .collect();
    (*mentions, *article_of) = kept.into_iter().unzip();
    ghosts
}

/// A mention's byte range.
fn span(m: &CleanMention) -> (usize, usize) {
    (m.byte_start, m.byte_start + m.text.len())
}

/// Moves a mention to bytes `s..e` of its article, named as written there.
fn retarget(m: &mut CleanMention, text: &str, s: usize, e: usize, ty: EntityType) {
    m.start = text[..s].chars().count();
    m.end = m.start + text[s..e].chars().count();
    m.text = text[s..e].to_string();
    m.name = m.text.split_whitespace().collect::<Vec<_>>().join(" ");
    m.byte_start = s;
    m.entity_type = ty;
}

/// The names of several words in the corpus, by each of their words, with their most common type.
struct Known {
    names: HashMap<String, (Vec<String>, EntityType)>,
    by_word: HashMap<String, Vec<String>>,
}

impl Known {
    fn of(mentions: &[CleanMention]) -> Self {
        let mut votes: HashMap<&str, HashMap<EntityType, usize>> = HashMap::new();
        for m in mentions.iter().filter(|m| m.name.contains(' ')) {
            *votes
                .entry(&m.name)
                .or_default()
                .entry(m.entity_type)
                .or_default() += 1;
        }
        let mut names = HashMap::new();
        let mut by_word: HashMap<String, Vec<String>> = HashMap::new();
        for (name, v) in votes {
            let count = |t: &EntityType| v.get(t).copied().unwrap_or(0);
            let ty = EntityType::ALL.iter().fold(EntityType::ALL[0], |b, t| {
                if count(t) > count(&b) {
                    *t
                } else {
                    b
                }
            });
            let words: Vec<String> = name.split(' ').map(str::to_string).collect();
            for w in &words {
                by_word.entry(w.clone()).or_default().push(name.to_string());
            }
            names.insert(name.to_string(), (words, ty));
        }
        for list in by_word.values_mut() {
            list.sort();
            list.dedup();
        }
        Self { names, by_word }
    }

    /// The byte range and type of the longest known name that mention `m` is a part of as written in
    /// `text`, if any.
    fn widening(
        &self,
        m: &CleanMention,
        text: &str,
        addable: impl Fn(&String, bool, bool) -> bool,
    ) -> Option<(usize, usize, EntityType)> {
        let own: Vec<&str> = m.name.split(' ').collect();
        let (s, e) = span(m);
        let candidates = self.by_word.get(own[0])?;
        let mut best: Option<(usize, usize, EntityType)> = None;
        for name in candidates {
            let (words, ty) = &self.names[name];
            let Some(at) = find(words, &own) else {
                continue;
            };
            let added = words.len() - own.len();
            let (head, tail) = (&words[..at], &words[at + own.len()..]);
            if added == 0
                || added > MAX_ADDED
                || !head
                    .iter()
                    .enumerate()
                    .all(|(i, w)| addable(w, true, i > 0))
                || !tail
                    .iter()
                    .enumerate()
                    .all(|(i, w)| addable(w, false, i + 1 < tail.len()))
            {
                continue;
            }
            let before = backward(text, s, head);
            let after = forward(text, e, tail);
            if let (Some(ns), Some(ne)) = (before, after) {
                if best.is_none_or(|(bs, be, _)| ne - ns > be - bs) {
                    best = Some((ns, ne, *ty));
                }
            }
        }
        best
    }
}

/// Where `part` starts as a run of whole words of `words`, if it does.
fn find(words: &[String], part: &[&str]) -> Option<usize> {
    (0..=words.len().saturating_sub(part.len())).find(|&i| {
        part.len() <= words.len()
            && words[i..i + part.len()]
                .iter()
                .zip(part)
                .all(|(a, b)| a == b)
    })
}

/// The byte where `words` end, written one space apart after byte `e` of `text` and ending a word;
/// `e` itself for no words.
fn forward(text: &str, mut e: usize, words: &[String]) -> Option<usize> {
    for w in words {
        let rest = text.get(e..)?.strip_prefix(' ')?;
        if !rest.starts_with(w.as_str()) {
            return None;
        }
        e += 1 + w.len();
    }
    let next = text.get(e..)?.chars().next();
    (words.is_empty() || !next.is_some_and(char::is_alphanumeric)).then_some(e)
}

/// The byte where `words` start, written one space apart before byte `s` of `text` and starting a
/// word; `s` itself for no words.
fn backward(text: &str, mut s: usize, words: &[String]) -> Option<usize> {
    for w in words.iter().rev() {
        let head = text.get(..s)?.strip_suffix(' ')?;
        if !head.ends_with(w.as_str()) {
            return None;
        }
        s -= 1 + w.len();
    }
    let prev = text.get(..s)?.chars().next_back();
    (words.is_empty() || !prev.is_some_and(char::is_alphanumeric)).then_some(s)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::lexicon::tests::sample;
    use crate::normalize::tests::mention_at;
    use EntityType::*;

    fn run(texts: &[&str], ms: Vec<(usize, CleanMention)>) -> Vec<String> {
        let mut article_of: Vec<usize> = ms.iter().map(|m| m.0).collect();
        let mut mentions: Vec<CleanMention> = ms.into_iter().map(|m| m.1).collect();
        widen(&mut mentions, &mut article_of, texts, &sample());
        for (m, &a) in mentions.iter().zip(&article_of) {
            let chars: Vec<char> = texts[a].chars().collect();
            assert_eq!(chars[m.start..m.end].iter().collect::<String>(), m.text);
        }
        mentions
            .iter()
            .map(|m| format!("{}/{:?}", m.name, m.entity_type))
            .collect()
    }

    #[test]
    fn a_mention_cut_short_of_a_name_known_in_full_is_widened() {
        let a = "The Polar Prince sailed.";
        let b = "They left the Polar Prince's deck. Prince Polar came. From Polar Prince Line.";
        let ms = vec![
            (0, mention_at("a", a, "Polar Prince", 0, Other)),
            (1, mention_at("b", b, "Polar", 0, Person)),
            (1, mention_at("b", b, "Prince", 30, Person)),
            (1, mention_at("b", b, "Polar", 55, Person)),
        ];
        // Widened forward and backward, with the longer name's type; "Prince Polar" is no known
        // name; a name inside a longer word run ("Polar Prince Line") still widens to the known name.
        assert_eq!(
            run(&[a, b], ms),
            [
                "Polar Prince/Other",
                "Polar Prince/Other",
                "Prince/Person",
                "Polar Prince/Other"
            ]
        );
    }

    #[test]
    fn a_mention_is_not_widened_over_part_of_another_or_across_a_line_or_into_a_word() {
        let a = "The Polar Prince sailed. The Iraq war. Sir Goldsmith. US TV.";
        let b = "Polar\nPrince. Polar Princes. Polar Prince. Polar Prince Line. Iraq war. \
            Sir Goldsmith said. US TV.";
        let ms = vec![
            (0, mention_at("a", a, "Polar Prince", 0, Other)),
            (0, mention_at("a", a, "Iraq war", 0, Other)),
            (0, mention_at("a", a, "Sir Goldsmith", 0, Person)),
            (0, mention_at("a", a, "US TV", 0, Organization)),
            (1, mention_at("b", b, "Polar", 0, Person)),
            (1, mention_at("b", b, "Polar", 10, Person)),
            (1, mention_at("b", b, "Polar", 25, Person)),
            (1, mention_at("b", b, "Prince", 30, Person)),
            (1, mention_at("b", b, "Polar", 40, Person)),
            (1, mention_at("b", b, "Prince Line", 40, Organization)),
            (1, mention_at("b", b, "Iraq", 0, Place)),
            (1, mention_at("b", b, "Goldsmith", 0, Person)),
            (1, mention_at("b", b, "US", 0, Place)),
        ];
        // A mention covered whole goes into the widened one ("Polar" + "Prince"); one covered in part
        // ("Prince Line") stops it; so do a lowercase word, a title and a word in capitals.
        assert_eq!(
            run(&[a, b], ms)[4..],
            [
                "Polar/Person",
                "Polar/Person",
                "Polar Prince/Other",
                "Polar/Person",
                "Prince Line/Organization",
                "Iraq/Place",
                "Goldsmith/Person",
                "US/Place"
            ]
        );
    }

    #[test]
    fn a_name_cut_at_its_joining_word_is_one_where_the_corpus_names_it_whole() {
        let a = "The Transport and General Workers Union. Boeing and Airbus. Bank of Scotland.";
        let b = "Transport and General Workers Union members. Boeing and Airbus. Scotland and \
            Bank of Scotland. Kensington and Chelsea.";
        let ms = vec![
            (
                0,
                mention_at(
                    "a",
                    a,
                    "Transport and General Workers Union",
                    0,
                    Organization,
                ),
            ),
            (0, mention_at("a", a, "Boeing", 0, Organization)),
            (0, mention_at("a", a, "Airbus", 0, Organization)),
            (0, mention_at("a", a, "Bank of Scotland", 0, Organization)),
            (1, mention_at("b", b, "Transport", 0, Organization)),
            (
                1,
                mention_at("b", b, "General Workers Union", 0, Organization),
            ),
            (1, mention_at("b", b, "Boeing", 0, Organization)),
            (1, mention_at("b", b, "Airbus", 0, Organization)),
            (1, mention_at("b", b, "Scotland", 60, Place)),
            (1, mention_at("b", b, "Scotland", 80, Place)),
            (1, mention_at("b", b, "Kensington", 0, Place)),
            (1, mention_at("b", b, "Chelsea", 0, Place)),
        ];
        // The cut name becomes the whole one, the other part going into it; a list stays two names
        // where no mention names it whole; a joining word never opens or closes what is added ("Bank
        // of" is not added to the first "Scotland", which the text does not write after "of").
        assert_eq!(
            run(&[a, b], ms)[4..],
            [
                "Transport and General Workers Union/Organization",
                "Boeing/Organization",
                "Airbus/Organization",
                "Scotland/Place",
                "Bank of Scotland/Organization",
                "Kensington/Place",
                "Chelsea/Place"
            ]
        );
    }
}
