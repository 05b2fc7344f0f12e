//! Pass `declared-alias`: names the text itself declares to be one.
//! - a name followed by another in brackets: "Robert A. Kotick (Bobby Kotick)", "the Syrian Civil
//!   Defense (White Helmets)";
//! - a cue phrase between two names ("also known as", "known as", "formerly", …: the list is
//!   `models/lexicons/alias_cues.txt`): "Antakya, known as Antioch"; a cue ending in "as" may hold a
//!   few words before it ("Antakya, known in antiquity as Antioch");
//! - a stock ticker after an exchange prefix, right after a company: "Microsoft (NasdaqGS:MSFT)". The
//!   ticker is tied to the company, so "MSFT" alone joins it in any article;
//! - a nickname in quotes inside a person's name ("Kimani 'Kiki' Gray"): "Kiki" alone, and "Kiki Gray"
//!   (the nickname and the surname), join the person in any article, when the corpus ties them to one
//!   person only.
//!
//! Both names must have the same type (the brackets of "Ford (US)" say where, not who); brackets
//! never join places ("Abu Talat (Egypt)" says where Abu Talat is), and join people only when the two
//! names share a word ("Gil Gerard (Buck Rogers)" names a role).

use super::graph::{quoted_nickname, Graph};
use super::names::{is_acronym_of, key, looks_like_acronym, name_tokens};
use super::sieve::Pass;
use newsner_core::labels::EntityType;
use std::collections::HashSet;

/// Joins names the text declares one.
pub struct DeclaredAlias;

/// A mention of a node: byte range in its article.
struct Span {
    start: usize,
    end: usize,
    node: usize,
}

fn spans(g: &Graph, article: usize) -> Vec<Span> {
    let mut out: Vec<Span> = g.by_article[article]
        .iter()
        .flat_map(|&n| {
            g.nodes[n].mentions.iter().map(move |&m| {
                let cm = &g.mentions[m];
                Span {
                    start: cm.byte_start,
                    end: cm.byte_start + cm.text.len(),
                    node: n,
                }
            })
        })
        .collect();
    out.sort_by_key(|s| (s.start, s.end));
    out
}

const OPENING: &[char] = &['"', '“', '‘', '\''];
const CLOSING: &[char] = &['"', '”', '’', '\''];

/// Whether the gap between two names is an opening bracket, and the text after the second closes it.
fn bracketed(gap: &str, after: &str) -> bool {
    gap.trim().trim_end_matches(OPENING).trim_end() == "("
        && after
            .trim_start()
            .trim_start_matches(CLOSING)
            .starts_with(')')
}

/// The words of a gap, lowercase, punctuation removed.
fn gap_words(gap: &str) -> String {
    gap.chars()
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect::<String>()
        .to_lowercase()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Whether the words between two names are an alias cue, or one ending in "as" with up to
/// `declared_cue_insert` words (`normalize.toml`) before its "as" ("Antakya, known in ancient times as Antioch").
fn is_cue(g: &Graph, words: &str) -> bool {
    // The article of the second name stands in the gap: "known as the White Helmets".
    let words = words.strip_suffix(" the").unwrap_or(words);
    if g.lex.is_alias_cue(words) {
        return true;
    }
    let w: Vec<&str> = words.split(' ').collect();
    let Some((&"as", head)) = w.split_last() else {
        return false;
    };
    (1..=g
        .lex
        .config()
        .context
        .declared_cue_insert
        .min(head.len().saturating_sub(1)))
        .any(|k| {
            let cue = [&head[..head.len() - k], &["as"]].concat().join(" ");
            g.lex.is_alias_cue(&cue)
        })
}

/// Whether either name is one of a pair ("Anthony McPartlin and Declan Donnelly, known as Ant and
/// Dec"): the alias names the pair, not the name next to it.
fn coordinated(before: &str, after: &str) -> bool {
    let before = before.trim_end().to_lowercase();
    let after = after
        .trim_start()
        .trim_start_matches(CLOSING)
        .trim_start()
        .to_lowercase();
    before.ends_with(" and")
        || before.ends_with('&')
        || after.starts_with("and ")
        || after.starts_with('&')
}

/// A ticker after an exchange prefix at the start of `after`: `(NasdaqGS:MSFT)`, `(NYSE: SNE)`; the
/// period of an abbreviation that ends the name may come first ("Microsoft Corp. (NasdaqGS:MSFT)").
pub fn ticker(after: &str) -> Option<&str> {
    let rest = after.strip_prefix('.').unwrap_or(after);
    let rest = rest.trim_start().strip_prefix('(')?;
    let close = rest.find(')')?;
    let (exchange, symbol) = rest[..close].split_once(':')?;
    let exchange = exchange.trim();
    let symbol = symbol.trim();
    let exchange_ok = (2..=12).contains(&exchange.len())
        && exchange.starts_with(|c: char| c.is_ascii_uppercase())
        && exchange.chars().all(|c| c.is_ascii_alphabetic());
    let symbol_ok = (1..=6).contains(&symbol.len())
        && symbol.starts_with(|c: char| c.is_ascii_uppercase())
        && symbol.chars().all(|c| c.is_ascii_uppercase() || c == '.');
    (exchange_ok && symbol_ok).then_some(symbol)
}

impl Pass for DeclaredAlias {
    fn name(&self) -> &'static str {
        "declared-alias"
    }

    fn run(&self, g: &mut Graph) {
        // The keys of nicknames with a surname ("kiki gray"), which join whatever their length.
        let mut nicknamed = HashSet::new();
        for article in 0..g.texts.len() {
            let text = g.texts[article];
            let spans = spans(g, article);
            for (i, x) in spans.iter().enumerate() {
                tie_names(g, &text[x.end..], x.node, &mut nicknamed);
                let Some(y) = spans[i + 1..].iter().find(|y| y.start >= x.end) else {
                    continue;
                };
                if declares(g, text, x, y) {
                    g.union(x.node, y.node, self.name(), true);
                }
            }
        }
        // Tickers (and other tied names) alone, anywhere: joined to the one company they are tied to.
        let ties: Vec<(String, Vec<usize>)> =
            g.ties.iter().map(|(k, v)| (k.clone(), v.clone())).collect();
        for (k, tied) in ties {
            let roots = g.clusters_of(tied.iter().copied());
            if roots.len() != 1 {
                continue;
            }
            let alone =
                |n: usize| name_tokens(&g.nodes[n].name).len() == 1 || nicknamed.contains(&k);
            let lone: Vec<usize> = (0..g.nodes.len())
                .filter(|&n| g.nodes[n].key == k && alone(n))
                .collect();
            for n in lone {
                g.union(n, roots[0], self.name(), true);
            }
        }
    }
}

/// Ties the names that stand for node `node` wherever they appear alone: a ticker after it (`after`
/// is the text that follows the mention), and a nickname in quotes inside a person's name ("Kimani
/// 'Kiki' Gray": "Kiki", and "Kiki Gray", kept in `nicknamed`).
fn tie_names(g: &mut Graph, after: &str, node: usize, nicknamed: &mut HashSet<String>) {
    if let Some(symbol) = ticker(after) {
        g.ties.entry(key(symbol)).or_default().push(node);
    }
    let n = &g.nodes[node];
    if n.ty != EntityType::Person {
        return;
    }
    let Some(nick) = quoted_nickname(&n.name) else {
        return;
    };
    if let Some(surname) = n.core.last() {
        let form = key(&format!("{nick} {surname}"));
        g.ties.entry(form.clone()).or_default().push(node);
        nicknamed.insert(form);
    }
    g.ties.entry(key(&nick)).or_default().push(node);
}

/// Whether the text declares mention `y` another name of mention `x` before it, of the same type: in
/// brackets after it, or after a cue ("also known as") close by.
fn declares(g: &Graph, text: &str, x: &Span, y: &Span) -> bool {
    let (xn, yn) = (&g.nodes[x.node], &g.nodes[y.node]);
    // An acronym after its long form is the acronym pass's ("Advanced Micro Devices (AMD)").
    let acronym = looks_like_acronym(&yn.name) && is_acronym_of(&yn.name, &xn.name);
    if y.node == x.node || xn.ty != yn.ty || acronym {
        return false;
    }
    let gap = &text[x.end..y.start];
    let words = gap_words(gap);
    // A place in brackets after a place says where it is ("Abu Talat (Egypt)").
    let place = xn.ty == EntityType::Place;
    // People in brackets share a word with the name before them ("Robert A. Kotick (Bobby
    // Kotick)"): an actor followed by his role ("Gil Gerard (Buck Rogers)") does not.
    let person = xn.ty == EntityType::Person;
    let shared = xn.core.iter().any(|w| yn.core.contains(w));
    !coordinated(&text[..x.start], &text[y.end..])
        && ((!place && (!person || shared) && bracketed(gap, &text[y.end..]))
            || (gap.len() <= 40 && !gap.contains(['.', '\n', ';']) && is_cue(g, &words)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::tests::{entity_names, run_corpus};
    use newsner_core::labels::EntityType::*;

    #[test]
    fn a_quoted_nickname_alone_joins_its_person() {
        use crate::normalize::graph::quoted_nickname;
        assert_eq!(
            quoted_nickname("Kimani 'Kiki' Gray").as_deref(),
            Some("Kiki")
        );
        assert_eq!(
            quoted_nickname("Vincent “The Chin” Gigante").as_deref(),
            Some("The Chin")
        );
        assert_eq!(quoted_nickname("Kimani Gray"), None);
        assert_eq!(quoted_nickname("'Kiki'"), None);
        let n = run_corpus(&[
            (
                "a",
                "Kimani 'Kiki' Gray was shot.",
                &[("Kimani 'Kiki' Gray", Person)],
            ),
            ("b", "Friends of Kiki gathered.", &[("Kiki", Person)]),
            (
                "c",
                "Jerry Ortiz was 35. Luis 'Jerry' Ortiz was shot.",
                &[("Jerry Ortiz", Person), ("Luis 'Jerry' Ortiz", Person)],
            ),
            ("d", "Jerry Ortiz died.", &[("Jerry Ortiz", Person)]),
        ]);
        let e = entity_names(&n);
        assert!(
            e.iter().any(|x| x.contains("Gray") && x.contains("| Kiki")),
            "{e:?}"
        );
        // The nickname with the surname too, in the person's article and across the corpus.
        assert!(
            e.contains(&"Jerry Ortiz | Luis 'Jerry' Ortiz".to_string()),
            "{e:?}"
        );
    }

    #[test]
    fn tickers_after_an_exchange_prefix() {
        assert_eq!(ticker(" (NasdaqGS:MSFT) rose"), Some("MSFT"));
        assert_eq!(ticker(" (NYSE: SNE)"), Some("SNE"));
        assert_eq!(ticker(". (NASDAQ: ATVI) said"), Some("ATVI"));
        assert_eq!(ticker(". (NASDAQ is up)"), None);
        assert_eq!(ticker(" . (NYSE: SNE)"), None);
        assert_eq!(ticker(" (BRK.B)"), None);
        assert_eq!(ticker(" (Reuters) -"), None);
        assert_eq!(ticker(" (see: page 4)"), None);
    }

    #[test]
    fn brackets_cues_and_tickers() {
        let n = run_corpus(&[
            ("a", "Robert A. Kotick (Bobby Kotick) left Activision (NasdaqGS:ATVI). The Syrian Civil Defense (White Helmets) helped. Antakya, known as Antioch, fell. Hatay, known in ancient times as Alexandretta, rose. Lyon, known for many long years as Lugdunum, grew. Ford (US) rose. Abu Talat (Egypt) is a beach. Gil Gerard (Buck Rogers) starred. Tom Baker and Jon Pertwee, known as Doctor and Who, met. Ankara Rescue, known as the Grey Wolves, came.", &[
                ("Robert A. Kotick", Person), ("Bobby Kotick", Person), ("Activision", Organization),
                ("Syrian Civil Defense", Organization), ("White Helmets", Organization),
                ("Antakya", Place), ("Antioch", Place), ("Hatay", Place), ("Alexandretta", Place),
                ("Lyon", Place), ("Lugdunum", Place), ("Ford", Organization), ("US", Place),
                ("Abu Talat", Place), ("Egypt", Place), ("Gil Gerard", Person), ("Buck Rogers", Person),
                ("Tom Baker", Person), ("Jon Pertwee", Person), ("Doctor", Person), ("Who", Person),
                ("Ankara Rescue", Organization), ("Grey Wolves", Organization),
            ]),
            ("b", "ATVI fell. Robert Kotick spoke.", &[("ATVI", Organization), ("Robert Kotick", Person)]),
        ]);
        let e = entity_names(&n);
        for want in [
            "Robert A. Kotick | Bobby Kotick | Robert Kotick",
            "Activision | ATVI",
            "Syrian Civil Defense | White Helmets",
            "Antakya | Antioch",
            "Alexandretta | Hatay",
            // The second name's article in the gap.
            "Ankara Rescue | Grey Wolves",
        ] {
            assert!(e.contains(&want.to_string()), "{want}: {e:?}");
        }
        for alone in [
            "Ford",
            "US",
            "Abu Talat",
            "Egypt",
            "Gil Gerard",
            "Buck Rogers",
            // A pair known by a pair of names: neither name is the other's alias.
            "Jon Pertwee",
            // Four words inside the cue: no longer one.
            "Lyon",
            "Lugdunum",
        ] {
            assert!(e.contains(&alone.to_string()), "{alone}: {e:?}");
        }
    }
}
