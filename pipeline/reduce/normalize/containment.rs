//! Pass `containment`: a name whose words are a contiguous part of a longer name of the same type
//! joins it when that longer name is the only candidate ("Lo Presti" → "Gaetano Lo Presti", "Red Sox"
//! → "Boston Red Sox", "Merkel" → "Angela Merkel").
//! - The article first: the name joins the one candidate its own article names; with two or more there
//!   ("Peterson" beside Scott and Laci Peterson) it stays apart and goes to review.
//! - Then the corpus: a name whose article names no candidate joins the one candidate of the corpus;
//!   with several it stays apart (review).
//! - Of several candidates in its own article, one that dominates the corpus (named in `dominance`
//!   times as many articles as each other, and in `dominant_articles` or more, of `normalize.toml`) is taken, and the
//!   merge is listed for review; so is, for a person whose article names no candidate, the one that
//!   dominates the corpus and is named in half its articles or more: the person the story is about
//!   ("Bush" in a story about Reggie Bush, where "RB Bush" names him once). In a news archive no one
//!   is, and a bare "Reid" in a team sheet stays apart. Across the corpus other names with several
//!   candidates stay apart.
//! - A bare surname named before the one full name of its article ("President Biden and first lady
//!   Jill Biden") may be the person the reader already knows: where a namesake elsewhere is the person
//!   the story is about (named in half its articles or more, and dominating), it joins that person
//!   (listed for review); otherwise the article's candidate, as above.
//! - A candidate the cannot-link constraints rule out does not count ("Mrs Smith" beside John and Jane
//!   Smith has one candidate); the merge is listed for review.
//! - A part of a word that a hyphen joins to another name of its type is neither's: "Rosneft" is not
//!   "Gazprom-Rosneft" (the group of the two), "Arsenal" not "Manchester United-Arsenal" (a match).
//! - A name already joined to a longer one joins no other: a short name never bridges two entities
//!   ("Tigers" of "Tamil Tigers" does not join "Crouching Tiger").
//! - One word joins a person as the surname (last word), or as the given name (first word) only inside
//!   its article, where the person may be named by another form ("Craig" beside "Zadan", which joined
//!   "Craig Zadan"; not an item of a comma list, where one word is a surname), or as an inner word of
//!   three or more that is no common given name there too ("Naidu" beside "Kinjarapu", which joined
//!   "Ram Mohan Naidu Kinjarapu"), or as the given name of the person the story is about (named in
//!   half the corpus' articles or more: "his sister Katie" in a story about Katie Jenkin), or as a
//!   family name written first, across articles too, where the full name's article calls the person by that first
//!   word and never by the end of the name, the word is no common given name and ends no full name of
//!   the corpus ("Xi" → "Xi Jinping"; BBC: "Mukesh" → "Mukesh Ambani", "Juninho" → "Juninho
//!   Paulista"); one word joins
//!   another thing only inside its article: as its last word ("Seahawk" → "MH-60 Seahawk"), or as an
//!   organization's first word after its full name (a headline may name it first), when no other
//!   organization starts with it and the word alone is named in no more articles than the full name
//!   ("Lockheed" → "Lockheed Martin"; a "Microsoft" named throughout the corpus stays apart from
//!   "Microsoft Research").
//! - Several words join another thing's longer name as its end, not after "of" ("Red Sox" → "Boston
//!   Red Sox", never "Da Vinci" → "Da Vinci Code", nor "Edinburgh" → "Royal Society of Edinburgh"),
//!   or as an organization's first words under the rule for one word ("Taiwan Semiconductor" →
//!   "Taiwan Semiconductor Manufacturing Co" in its article); one word named like a place never joins
//!   as an end ("Liverpool" is not "BBC Liverpool") but, for an organization, as a start ("New
//!   Orleans" → "New Orleans Saints"; across articles not a name that always follows a lowercase
//!   "the", a common noun written as a name: "the Union" is not "Union Investment").
//! - Two words or more join an organization's longer name less "of" and a place, inside their article
//!   ("Reserve Bank" → "Reserve Bank of Australia"; across articles the "Royal Society" is not the "Royal
//!   Society of Edinburgh").
//! - A place joins a longer place name only when the longer name adds nothing but words for a kind of
//!   place (`models/lexicons/place_features.txt`), or, inside its article, when it starts a facility's
//!   name (`context_cues.tsv`; across a news archive "Trafford" is not the "Trafford Centre"):
//!   "Mediterranean" → "Mediterranean Sea", "Promises" → "Promises Treatment Center", never "Asia" →
//!   "South Asia"; and never when the gazetteer knows the short name as another place ("Paris" is not
//!   "Paris Harbour"). Nothing joins a demonym by containment: "African" is a wider people than
//!   "South African".
//! - Across articles too where the text makes the short name a facility's: a facility word follows it
//!   in lowercase ("the Cliffside rehab centre" → "Cliffside Rehab Center"), or someone checks into it
//!   ("checked into Morningside" → "Morningside Recovery Center", though GeoNames knows a Morningside
//!   suburb). Such a name, checked into, also joins a second facility its article names by it and
//!   another kind word ("Betty Ford Clinic" beside "Betty Ford Center"). Neither is ever written so of
//!   the five BBC names that the across-articles rule would join wrongly.

use super::around::Around;
use super::facilities;
use super::graph::{Graph, Node};
use super::lexicon::Cue;
use super::names::key;
use super::sieve::Pass;
use newsner_core::labels::EntityType;
use std::collections::{BTreeSet, HashMap, HashSet};

/// Joins contained names to their only candidate.
pub struct Containment;

/// Whether `short` is a contiguous part of `long` in the way the rules above allow.
fn contained(
    short: &[String],
    long: &[String],
    person: bool,
    same_article: bool,
    given_only: bool,
) -> bool {
    if short.is_empty() || short.len() >= long.len() {
        return false;
    }
    // A name's head comes last, and before "of" when it has one: "Edinburgh" does not end "Royal
    // Society of Edinburgh" as its head.
    let ends = long.ends_with(short)
        && long[..long.len() - short.len()].last().map(String::as_str) != Some("of");
    if short.len() == 1 {
        let first = person && same_article && long[0] == short[0];
        // One word ends another thing's name only inside its article: across the corpus "Times" is
        // not the "Financial Times".
        let last = if person {
            !given_only && long[long.len() - 1] == short[0]
        } else {
            ends && same_article
        };
        return last || first;
    }
    if person {
        return long.windows(short.len()).any(|w| w == short);
    }
    // Other names keep their head word last: the short name ends the long one ("Red Sox" → "Boston
    // Red Sox"); never "Da Vinci" → "Da Vinci Code".
    ends
}

/// Whether a one-word person's name is an inner word of full name `long`, neither its first nor its
/// last, and no common given name (`genders.tsv`): a second family name or a name in the middle that
/// the person goes by ("Naidu" of "Ram Mohan Naidu Kinjarapu", "López" of "Andrés Manuel López
/// Obrador"). The caller allows it only where the article names the full name or the person by
/// another form; a middle given name ("Anne" of "Mary Anne Smith", but also "Lula", a given name in
/// the census lists) may be another person's.
fn inner_word(g: &Graph, short: &Node, long: &Node) -> bool {
    let ([word], true) = (short.core.as_slice(), long.is_full_person()) else {
        return false;
    };
    let n = long.core.len();
    !short.given_only && n >= 3 && long.core[1..n - 1].contains(word) && !g.lex.is_given_name(word)
}

/// Whether a name after a title that takes a given name ("Prince Charles", "Sir Alex") may be the
/// person of full name `c`: where the corpus also writes that person with the title before the full
/// name ("Sir Alex Ferguson"); "Prince Charles" is not "Charles Kennedy" of his article. Other names
/// may.
fn titled_alike(g: &Graph, node: &Node, c: usize) -> bool {
    if !node.given_only || node.regnal.is_some() {
        return true;
    }
    g.cluster(c).iter().any(|&m| {
        let other = &g.nodes[m];
        other.is_full_person() && other.tokens.first() == node.tokens.first()
    })
}

/// Whether joining node `n` (not a person's) to the longer name `one` of its article would carry
/// along the other articles of `n`'s cluster, where the name stands for something else: names of
/// the corpus with two starts or more end with it ("Times": "Financial Times", "Sunday Times";
/// "Rangers": "Queens Park Rangers", "Glasgow Rangers"), so does `one` in the article, and more of
/// its articles name it without `one`'s cluster than with it. "Times" beside "Financial Times" in
/// one article does not make The Times of twenty others the FT.
fn carries_namesakes(g: &Graph, n: usize, one: usize, pool: &[usize]) -> bool {
    let node = &g.nodes[n];
    if node.ty == EntityType::Person {
        return false;
    }
    let heads_with = |m: usize| {
        let long = &g.nodes[m];
        long.ty == node.ty && long.core.len() > node.core.len() && long.core.ends_with(&node.core)
    };
    // Its article's longer name ends with it ("Newcastle" starts "Newcastle United")...
    if !g
        .cluster(one)
        .iter()
        .any(|&m| g.nodes[m].article == node.article && heads_with(m))
    {
        return false;
    }
    // ...and the corpus' names ending with it start with two words at least ("Walt Disney" and "Walt
    // Disney Company" are one start; "Department of" and "Department for" too).
    let starts: BTreeSet<&str> = pool
        .iter()
        .filter(|&&m| heads_with(m))
        .map(|&m| g.nodes[m].core[0].as_str())
        .collect();
    if starts.len() < 2 {
        return false;
    }
    let (short, long) = (g.cluster_articles(n), g.cluster_articles(one));
    let with = short
        .iter()
        .filter(|a| long.binary_search(a).is_ok())
        .count();
    short.len() - with > with
}

/// Whether a mention of node `n` is an item of a list, a comma on each side ("Curtis, Neil, Warne").
fn listed(g: &Graph, n: usize) -> bool {
    let text = g.texts.get(g.nodes[n].article).copied().unwrap_or("");
    g.nodes[n].mentions.iter().any(|&m| {
        Around::of(text, &g.mentions[m])
            .is_some_and(|a| a.before.first() == Some(&",") && a.after.first() == Some(&","))
    })
}

/// Whether every mention of node `n` follows a lowercase "the": a common noun written as a name ("the
/// Union", "the Commission"), not a city's name, which takes no article; across articles such a name
/// is not taken for a team or an institution called by its city.
fn after_the(g: &Graph, n: usize) -> bool {
    let text = g.texts.get(g.nodes[n].article).copied().unwrap_or("");
    g.nodes[n].mentions.iter().all(|&m| {
        Around::of(text, &g.mentions[m]).is_some_and(|a| a.before.first() == Some(&"the"))
    })
}

/// Whether an organization named like a place is the start of a longer organization's name: a team
/// or an institution called by its city ("New Orleans" → "New Orleans Saints"), not one of the places
/// a hyphen joins ("Neath" is not "Neath-Swansea", a club of two towns). Across articles only where
/// the short name is named in no more articles than the long one: a "Derby" all through the sports
/// pages is not the "Derby North" (a constituency) of one politics article.
fn named_after_place(g: &Graph, short: &super::graph::Node, long: &super::graph::Node) -> bool {
    short.ty == EntityType::Organization
        && short.core.len() < long.core.len()
        && long.core.starts_with(&short.core)
        && g.lex.places(&short.name).is_some()
        && !hyphen_after(&short.name, &long.name)
}

/// Whether a one-word person's name is the first word of full name `c`, the one full name of its
/// article starting with it, and that article calls the person by the first word and never by a
/// shorter name ending the full one: a family name written first ("Xi Jinping ... Xi said", "Li
/// Qiang ... Li"). Such a bare name joins the person across articles too (the caller checks that it
/// ends no full name of the corpus: "Robben" of "Robben Barca", a headline's, is Arjen Robben's),
/// unless it is a common given name (`genders.tsv`): "Dick" of "Dick and Dom" is not another
/// article's "Dick Evans", called "his brother Dick" there; "Ryan Giggs ... Giggs" and "Robin van
/// Persie ... Van Persie" are called by the end of their names. Before a romanized Korean or Chinese
/// given name the first word is the family name whatever the article calls the person ("Kim" →
/// "Kim Jong-un"; see [`romanized_given_last`]).
fn called_by_first_word(g: &Graph, short: &Node, c: usize) -> bool {
    let long = &g.nodes[c];
    let ([word], true) = (short.core.as_slice(), long.is_full_person()) else {
        return false;
    };
    let here = || g.by_article[long.article].iter().map(|&m| &g.nodes[m]);
    let by_first = here().any(|n| n.is_bare_person() && &n.core[0] == word);
    let by_end = here().any(|n| {
        n.ty == EntityType::Person && n.core.len() < long.core.len() && long.core.ends_with(&n.core)
    });
    let starting = here()
        .filter(|n| n.is_full_person() && &n.core[0] == word)
        .count();
    short.article != long.article
        && &long.core[0] == word
        && starting == 1
        && !by_end
        && if romanized_given_last(&long.name) {
            true
        } else {
            by_first && !g.lex.is_given_name(word)
        }
}

/// Whether a name ends in a given name romanized from Korean or Chinese, two syllables a hyphen joins
/// with the second in lowercase ("Lee Jae-myung", "Ban Ki-moon", "Chiang Kai-shek"): the family name
/// is the first word, even where it is also an English given name ("Lee", "Kim"). A Western
/// double-barrelled surname capitalizes both parts ("Lloyd-Webber").
fn romanized_given_last(name: &str) -> bool {
    name.split_whitespace().last().is_some_and(|w| {
        let mut parts = w.split('-');
        let (Some(a), Some(b), None) = (parts.next(), parts.next(), parts.next()) else {
            return false;
        };
        let lower = |p: &str| p.chars().all(|c| c.is_alphabetic() && c.is_lowercase());
        a.chars().next().is_some_and(char::is_uppercase)
            && lower(&a[a.chars().next().map_or(0, char::len_utf8)..])
            && !b.is_empty()
            && lower(b)
    })
}

/// Whether `long` holds `short` as one part of a word that a hyphen joins to another name of the
/// corpus of its type: two things written as one ("Gazprom-Rosneft", the group of Gazprom and
/// Rosneft, is neither).
fn joined_by_hyphen(short: &Node, long: &Node, known: &HashSet<(EntityType, String)>) -> bool {
    let Some(last) = short.core.last() else {
        return false;
    };
    long.name
        .split_whitespace()
        .map(|w| w.split(['-', '‐', '–']).map(key).collect::<Vec<_>>())
        .filter(|parts| parts.len() > 1 && parts.contains(last))
        .any(|parts| {
            parts
                .iter()
                .any(|p| p != last && known.contains(&(long.ty, p.clone())))
        })
}

/// Whether `long` goes on with a hyphen right after the words of `short` ("Neath-Swansea" after
/// "Neath").
fn hyphen_after(short: &str, long: &str) -> bool {
    let (short, long) = (short.to_lowercase(), long.to_lowercase());
    long.strip_prefix(short.as_str())
        .is_some_and(|rest| rest.starts_with(['-', '‐', '–']))
}

/// Whether an organization's name is the short form of a longer one's name starting with its words,
/// as a story calls a company after its full name ("Lockheed" for "Lockheed Martin", "Goldman" for
/// "Goldman Sachs", "Taiwan Semiconductor" for "Taiwan Semiconductor Manufacturing Co"): inside its
/// article, only after the full name, when no other organization of the corpus starts with those
/// words ("Sony" beside "Sony Music" and "Sony Pictures" stays apart) and the short name is named in
/// no more articles than the full name (a "Microsoft" named throughout the corpus is not its
/// "Microsoft Research"). Never a place's name ("Manchester").
fn first_word(g: &Graph, n: usize, c: usize, pool: &[usize]) -> bool {
    let (short, long) = (&g.nodes[n], &g.nodes[c]);
    let org = EntityType::Organization;
    let starts = |n: &Node| n.core.len() > short.core.len() && n.core.starts_with(&short.core);
    if short.ty != org || long.ty != org || short.core.is_empty() || !starts(long) {
        return false;
    }
    if g.lex.places(&short.name).is_some()
        || first_start(g, short, true) < first_start(g, long, false)
    {
        return false;
    }
    let starting = g.clusters_of(pool.iter().copied().filter(|&c| {
        let n = &g.nodes[c];
        n.ty == org && starts(n)
    }));
    starting.len() == 1 && g.articles_of(n) <= g.articles_of(c)
}

/// Where a node is first named in its article (in its body only, with `body`: a headline calls a
/// company by its short form before the article names it in full, as in "Lockheed wins contract" over
/// "Lockheed Martin Corp. said").
fn first_start(g: &Graph, n: &Node, body: bool) -> usize {
    let headline_end = if body {
        headline_end(g.texts[n.article])
    } else {
        0
    };
    n.mentions
        .iter()
        .map(|&m| g.mentions[m].byte_start)
        .filter(|&b| b >= headline_end)
        .min()
        .unwrap_or(usize::MAX)
}

/// The byte offset where an article's first line ends, when more text follows it (else 0).
fn headline_end(text: &str) -> usize {
    let lead = text.len() - text.trim_start().len();
    match text[lead..].find('\n') {
        Some(i) if !text[lead + i..].trim().is_empty() => lead + i,
        _ => 0,
    }
}

/// Whether an organization of two words or more is a longer one's name less "of" and a place the
/// gazetteer knows: "Reserve Bank" in "Reserve Bank of Australia". Only inside an article: across the
/// corpus the "Royal Society" is not the "Royal Society of Edinburgh".
fn less_of_place(g: &Graph, short: &super::graph::Node, long: &super::graph::Node) -> bool {
    let n = short.core.len();
    short.ty == EntityType::Organization
        && n >= 2
        && long.core.len() > n + 1
        && long.core.starts_with(&short.core)
        && long.core[n] == "of"
        && g.lex.places(&long.core[n + 1..].join(" ")).is_some()
}

/// Whether a place name is the longer one less only words naming a kind of place ("Mediterranean" in
/// "Mediterranean Sea", "Hormozgan" in "Hormozgan Province"), or the start of a facility's name
/// ("Betty Ford" in "Betty Ford Center", "Promises" in "Promises Treatment Center"), where
/// `facility_start` allows it (inside an article, or where the text makes the short name a
/// facility's: across a news archive "Trafford" is not the "Trafford Centre", nor "St Andrews" a
/// church named after it): "Asia" is not "South Asia", "York" is not "New York". The short name may be
/// anywhere in the long one; it is not itself such a word ("Sea").
fn place_part(g: &Graph, short: &[String], long: &[String], facility_start: bool) -> bool {
    let lex = g.lex;
    if short.iter().all(|w| lex.is_place_feature(w)) {
        return false;
    }
    if facility_start
        && long.starts_with(short)
        && long.last().is_some_and(|w| lex.cue(w, Cue::Facility))
    {
        return true;
    }
    long.windows(short.len()).enumerate().any(|(i, w)| {
        w == short
            && long[..i]
                .iter()
                .chain(&long[i + short.len()..])
                .all(|x| lex.is_place_feature(x))
    })
}

/// What the text says of a place's name being a facility's (see [`evidence`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Facility {
    /// Nothing.
    None,
    /// A facility word follows it in lowercase: "the Cliffside rehab centre", "Belmarsh prison".
    Named,
    /// Someone checks into it: "checked into Morningside".
    Checked,
}

/// Per node: the most a mention of it says of it being a facility's name ([`Facility`]); only for
/// places.
fn evidence(g: &Graph) -> Vec<Facility> {
    g.nodes
        .iter()
        .map(|n| {
            if n.ty != EntityType::Place {
                return Facility::None;
            }
            let text = g.texts.get(n.article).copied().unwrap_or("");
            n.mentions
                .iter()
                .filter_map(|&m| Around::of(text, &g.mentions[m]))
                .map(|a| {
                    if facilities::checked_into(&a, g.lex) {
                        Facility::Checked
                    } else if facilities::before_facility_word(&a, g.lex) {
                        Facility::Named
                    } else {
                        Facility::None
                    }
                })
                .max()
                .unwrap_or(Facility::None)
        })
        .collect()
}

/// One facility, named with different words for its kind: "Betty Ford Center" and "Betty Ford
/// Clinic". A name someone checks into ("checked into Betty Ford"), already joined to one facility
/// that is it and kind words, joins the one other such facility its article names, and the merge is
/// listed for review. Only for a name checked into: "St Mary's" of one article's "St Mary's Hospital"
/// is not another's "St Mary's Church".
fn kind_variant(g: &mut Graph, n: usize, pool: &[usize], pass: &'static str) {
    let node = &g.nodes[n];
    let is_variant = |c: usize| {
        let cn = &g.nodes[c];
        cn.ty == EntityType::Place
            && cn.core.len() > node.core.len()
            && cn.core.starts_with(&node.core)
            && cn.core[node.core.len()..]
                .iter()
                .all(|w| g.lex.cue(w, Cue::Facility))
    };
    let joined_variants = g
        .cluster(n)
        .iter()
        .filter(|&&m| g.nodes[m].core.len() > node.core.len())
        .all(|&m| is_variant(m));
    let here = pool
        .iter()
        .copied()
        .filter(|&c| g.nodes[c].article == node.article && is_variant(c));
    let roots: Vec<usize> = g
        .clusters_of(here)
        .into_iter()
        .filter(|&r| r != g.find(n))
        .collect();
    if let ([one], true) = (roots.as_slice(), joined_variants) {
        let one = *one;
        if g.union(n, one, pass, false) {
            g.flag(
                n,
                one,
                "containment: one facility named with another word for its kind",
                0.8,
            );
        }
    }
}

/// Whether the gazetteer knows the short name as a place the long name is not: the city of "Sydney"
/// is not "Sydney Harbour", nor "Mexico" "Mexico City"; but "Georgia" is the "Republic of Georgia"
/// (only the words of a state's formal name added).
fn other_place(g: &Graph, short: &super::graph::Node, long: &super::graph::Node) -> bool {
    let formal = long
        .core
        .iter()
        .filter(|w| !short.core.contains(w))
        .all(|w| g.lex.is_state_word(w));
    !formal
        && g.lex.places(&short.name).is_some_and(|s| {
            g.lex
                .places(&long.name)
                .is_none_or(|l| s.intersection(l).next().is_none())
        })
}

impl Pass for Containment {
    fn name(&self) -> &'static str {
        "containment"
    }

    fn run(&self, g: &mut Graph) {
        let ix = Index::new(g);
        // Longer names first, so that "Lo Presti" settles before "Presti".
        let mut order: Vec<usize> = (0..g.nodes.len()).collect();
        order.sort_by_key(|&n| (std::cmp::Reverse(g.nodes[n].core.len()), n));
        let retry: Vec<usize> = order
            .into_iter()
            .filter(|&n| self.settle(g, &ix, n) && g.nodes[n].is_bare_person())
            .collect();
        // A one-word person's article may name the person by another form that joins only later in
        // the order ("Naidu" before "Kinjarapu", which joins "Ram Mohan Naidu Kinjarapu"): such a
        // name, with no candidate the first time, tries again.
        for n in retry {
            self.settle(g, &ix, n);
        }
    }
}

/// What the pass looks names up in, built once.
struct Index {
    /// Longer names by each of their words.
    by_word: HashMap<String, Vec<usize>>,
    /// Per node, what the text says of it being a facility's name.
    evidence: Vec<Facility>,
    /// Every name of the corpus with its type.
    known: HashSet<(EntityType, String)>,
    /// The last words of the corpus' full person names.
    surnames: HashSet<String>,
}

impl Index {
    fn new(g: &Graph) -> Index {
        let mut by_word: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, n) in g.nodes.iter().enumerate() {
            if n.core.len() >= 2 {
                for w in &n.core {
                    by_word.entry(w.clone()).or_default().push(i);
                }
            }
        }
        for v in by_word.values_mut() {
            v.dedup();
        }
        Index {
            by_word,
            evidence: evidence(g),
            known: g.nodes.iter().map(|n| (n.ty, n.core.join(" "))).collect(),
            surnames: g
                .nodes
                .iter()
                .filter(|n| n.is_full_person())
                .filter_map(|n| n.core.last().cloned())
                .collect(),
        }
    }
}

impl Containment {
    /// Joins node `n` to its one candidate, or lists it for review with several; true when it has
    /// none.
    fn settle(&self, g: &mut Graph, ix: &Index, n: usize) -> bool {
        let Some(pool) = g.nodes[n].core.last().and_then(|w| ix.by_word.get(w)) else {
            return false;
        };
        // The most its cluster's names say of it being a facility's.
        let facility = g
            .cluster(n)
            .iter()
            .filter_map(|&m| ix.evidence.get(m).copied())
            .max()
            .unwrap_or(Facility::None);
        let longer = g.nodes[n].core.len();
        if g.cluster(n).iter().any(|&m| g.nodes[m].core.len() > longer) {
            if facility == Facility::Checked {
                kind_variant(g, n, pool, self.name());
            }
            return false;
        }
        let (roots, scope) = Seeker::new(g, ix, n, pool, facility).roots();
        // A candidate the constraints rule out is no candidate ("Mrs Smith" beside John and Jane
        // Smith); where they rule out all, the merge is tried and refused as before (review).
        let allowed: Vec<usize> = roots
            .iter()
            .copied()
            .filter(|&r| g.cannot_link(n, r, false).is_none())
            .collect();
        let narrowed = !allowed.is_empty() && allowed.len() < roots.len();
        let roots = if allowed.is_empty() { roots } else { allowed };
        match roots[..] {
            [] => return true,
            [one] if scope == "article" && carries_namesakes(g, n, one, pool) => {
                g.refuse(
                    n,
                    one,
                    "containment refused: the name heads other names and is named apart elsewhere",
                );
            }
            [one] => {
                if g.union(n, one, self.name(), false) && narrowed {
                    g.flag(
                        n,
                        one,
                        &format!(
                            "containment: the one candidate in the {scope} the constraints allow"
                        ),
                        0.8,
                    );
                }
            }
            _ => self.join_dominant(g, n, &roots, scope),
        }
        false
    }

    /// Of several candidates, joins `n` to the dominant one, or lists it for review. Across the
    /// corpus only for a person the story is about, named in half its articles or more: a bare
    /// "Reid" in a team sheet is not the Home Secretary of a news archive, nor is a bare "Central
    /// Bank" or "Red Cross" the best-known one.
    fn join_dominant(&self, g: &mut Graph, n: usize, roots: &[usize], scope: &str) {
        let person = g.nodes[n].ty == EntityType::Person;
        let one = dominant(g, roots)
            .filter(|&r| scope == "article" || person && 2 * g.articles_of(r) >= g.texts.len());
        match one {
            Some(one) => {
                if g.union(n, one, self.name(), false) {
                    let reason =
                        format!("containment: the dominant of several candidates in the {scope}");
                    g.flag(n, one, &reason, 0.7);
                }
            }
            None => g.ambiguous(
                n,
                roots,
                &format!("containment: more than one candidate in the {scope}"),
            ),
        }
    }
}

/// The search for the longer names a short name `n` may be part of: candidates from `pool` (the
/// nodes that hold its last word), in its article first, then across the corpus.
struct Seeker<'a> {
    g: &'a Graph<'a>,
    ix: &'a Index,
    n: usize,
    node: &'a Node,
    pool: &'a [usize],
    facility: Facility,
    person: bool,
    /// The clusters its article names (for a one-word person: see `here` in [`Seeker::name_part`]),
    /// unless a list names it among other words: in a team sheet one word is a surname ("Curtis,
    /// Neil, Warne").
    roots_here: HashSet<usize>,
}

impl<'a> Seeker<'a> {
    fn new(
        g: &'a Graph<'a>,
        ix: &'a Index,
        n: usize,
        pool: &'a [usize],
        facility: Facility,
    ) -> Self {
        let node = &g.nodes[n];
        let person = node.ty == EntityType::Person;
        let roots_here = if person && node.core.len() == 1 && !listed(g, n) {
            g.by_article[node.article]
                .iter()
                .map(|&m| g.find(m))
                .collect()
        } else {
            Default::default()
        };
        Seeker {
            g,
            ix,
            n,
            node,
            pool,
            facility,
            person,
            roots_here,
        }
    }

    /// The candidate clusters and where they were found: the article's (see [`named_before`]), or
    /// else the corpus'.
    fn roots(&self) -> (Vec<usize>, &'static str) {
        let g = self.g;
        if let Some(r) = self.titled_namesake() {
            return (vec![r], "article");
        }
        let own = g.clusters_of(self.candidates(true));
        let own: Vec<usize> = own.into_iter().filter(|&r| r != g.find(self.n)).collect();
        let (own, own_scope) = named_before(g, self.n, own, || self.candidates(false));
        if !own.is_empty() {
            return (own, own_scope);
        }
        let all = g.clusters_of(self.candidates(false));
        let all = all.into_iter().filter(|&r| r != g.find(self.n)).collect();
        (all, "corpus")
    }

    /// The person a one-word name is where its article also writes that word after a title that
    /// takes a given name: "Charles" beside "Prince Charles" is him, not the "Charles Kennedy" the
    /// article names too.
    fn titled_namesake(&self) -> Option<usize> {
        let (g, node) = (self.g, self.node);
        if !self.person || node.given_only || node.core.len() != 1 {
            return None;
        }
        let own = g.find(self.n);
        let roots = g.clusters_of(g.by_article[node.article].iter().copied().filter(|&m| {
            let other = &g.nodes[m];
            other.given_only && other.regnal.is_none() && other.core == node.core
        }));
        match roots[..] {
            [one] if one != own => Some(one),
            _ => None,
        }
    }

    /// The nodes of the pool that may hold the name, in its article or in the others.
    fn candidates(&self, same_article: bool) -> Vec<usize> {
        self.pool
            .iter()
            .copied()
            .filter(|&c| self.fits(c, same_article))
            .collect()
    }

    fn fits(&self, c: usize, same_article: bool) -> bool {
        let (g, node) = (self.g, self.node);
        let cn = &g.nodes[c];
        // A person the article names by another form ("Zadan", joined to "Craig Zadan") is in the
        // article too: "Craig" may join him there.
        let here = same_article || self.roots_here.contains(&g.find(c));
        // Across articles a lone word more common as a given name than as a surname ("Ray",
        // "Charles"; not "Jackson") is no one's surname: it may be another person's given name, or
        // a film's title; not before a romanized Korean or Chinese given name, where it is the
        // family name ("Kim Jong-un").
        let lone_given = self.person
            && !here
            && node.core.len() == 1
            && g.lex.is_given_name(&node.core[0])
            && !g.lex.is_surname(&node.core[0])
            && !romanized_given_last(&cn.name);
        // It may still be the given name of the person the story is about, named in half its
        // articles or more ("his sister Katie" in a story about Katie Jenkin); in a news archive no
        // one is.
        let story_given = lone_given
            && cn.core.first() == node.core.first()
            && 2 * g.articles_of(c) >= g.texts.len();
        // A word of a demonym names a wider people: "African" is not "South African".
        let demonym = !self.person && g.lex.demonym_of(&cn.name).is_some();
        cn.ty == node.ty
            && !demonym
            && (!lone_given || story_given)
            && titled_alike(g, node, c)
            && (cn.article == node.article) == same_article
            && (story_given
                || if node.ty == EntityType::Place {
                    self.place_part(cn, same_article)
                } else {
                    self.name_part(c, same_article, here)
                })
    }

    /// A place name part of a longer one. A name the text makes a facility's joins the facility it
    /// starts across articles too; checked into, whatever else the gazetteer knows it as
    /// ("Morningside" is also a suburb).
    fn place_part(&self, cn: &Node, same_article: bool) -> bool {
        let starts = same_article || self.facility > Facility::None;
        place_part(self.g, &self.node.core, &cn.core, starts)
            && (self.facility == Facility::Checked || !other_place(self.g, self.node, cn))
    }

    /// A name (not a place's) part of the longer one of node `c`.
    fn name_part(&self, c: usize, same_article: bool, here: bool) -> bool {
        let (g, node, person) = (self.g, self.node, self.person);
        let cn = &g.nodes[c];
        let part = ((contained(&node.core, &cn.core, person, here, node.given_only)
            || (person && here && inner_word(g, node, cn))
            || (person
                && !self.ix.surnames.contains(&node.core[0])
                && called_by_first_word(g, node, c)))
            && (person || node.core.len() > 1 || g.lex.places(&node.name).is_none()))
            || (named_after_place(g, node, cn)
                && (same_article
                    || (g.articles_of(self.n) <= g.articles_of(c) && !after_the(g, self.n))))
            || (same_article && first_word(g, self.n, c, self.pool))
            || (same_article && less_of_place(g, node, cn));
        part && (person || !joined_by_hyphen(node, cn, &self.ix.known))
    }
}

/// The candidates of a bare surname in its own article, widened to the corpus where the article's one
/// candidate is named in full only after the bare name and a namesake elsewhere is the person the
/// story is about ("President Biden and first lady Jill Biden" in a story about Joe Biden): a story
/// names a person in full before it calls them by their surname, so a surname that comes first may be
/// the person the reader already knows. Only for that person, named in half the corpus' articles or
/// more and in `dominance` times as many as the article's candidate (see [`dominant`]); otherwise
/// the article's candidate stays the one ("Mr Kennedy … Lib Dem leader Charles Kennedy" in a news
/// archive).
fn named_before(
    g: &Graph,
    n: usize,
    own: Vec<usize>,
    corpus: impl FnOnce() -> Vec<usize>,
) -> (Vec<usize>, &'static str) {
    let node = &g.nodes[n];
    let [one] = own[..] else {
        return (own, "article");
    };
    if !node.is_bare_person() || first_here(g, n, node.article) >= first_here(g, one, node.article)
    {
        return (own, "article");
    }
    let mut roots = own.clone();
    for r in g.clusters_of(corpus()) {
        if r != g.find(n) && !roots.contains(&r) {
            roots.push(r);
        }
    }
    let story = roots.len() > 1
        && dominant(g, &roots)
            .is_some_and(|r| r != g.find(one) && 2 * g.articles_of(r) >= g.texts.len());
    if story {
        (roots, "article, named in full after it, and the corpus")
    } else {
        (own, "article")
    }
}

/// Where the cluster of `x` is first named in the body of `article`.
fn first_here(g: &Graph, x: usize, article: usize) -> usize {
    g.cluster(x)
        .iter()
        .map(|&m| &g.nodes[m])
        .filter(|m| m.article == article)
        .map(|m| first_start(g, m, true))
        .min()
        .unwrap_or(usize::MAX)
}

/// Among several candidates, the one the corpus is about: named in at least `dominance` times as
/// many articles as every other candidate, and in at least `dominant_articles` articles ("Tyler
/// Hansbrough" in 14 articles over his father in 1; never Scott over Laci Peterson when both are
/// named throughout).
fn dominant(g: &Graph, roots: &[usize]) -> Option<usize> {
    let mut counts: Vec<(usize, usize)> = roots.iter().map(|&r| (g.articles_of(r), r)).collect();
    counts.sort_unstable_by(|a, b| b.cmp(a));
    let (top, root) = counts[0];
    let next = counts[1].0;
    let cfg = &g.lex.config().containment;
    (top >= cfg.dominant_articles && top >= cfg.dominance * next).then_some(root)
}

#[cfg(test)]
mod tests {
    use crate::normalize::tests::{entity_names, run_corpus};
    use newsner_core::labels::EntityType::*;

    #[test]
    fn a_word_of_a_demonym_is_a_wider_people() {
        let n = run_corpus(&[(
            "a",
            "South African and African leaders met.",
            &[("South African", Other), ("African", Other)],
        )]);
        let e = entity_names(&n);
        assert!(e.contains(&"African".to_string()), "{e:?}");
    }

    #[test]
    fn only_candidates_join_in_article_then_corpus() {
        let n = run_corpus(&[
            ("a", "Gaetano Lo Presti and the Boston Red Sox. Angela Merkel spoke. Scott Peterson and Laci Peterson.", &[
                ("Gaetano Lo Presti", Person), ("Boston Red Sox", Organization), ("Angela Merkel", Person),
                ("Scott Peterson", Person), ("Laci Peterson", Person),
            ]),
            ("b", "Lo Presti and the Red Sox. Merkel said. Angela left. Peterson spoke.", &[
                ("Lo Presti", Person), ("Red Sox", Organization), ("Merkel", Person), ("Angela", Person), ("Peterson", Person),
            ]),
            ("c", "Microsoft Research and Microsoft. Peterson and Laci Peterson. Mediterranean Sea, Asia.", &[
                ("Microsoft Research", Organization), ("Microsoft", Organization), ("Peterson", Person), ("Laci Peterson", Person),
                ("Mediterranean Sea", Place), ("Asia", Place),
            ]),
            ("d", "The Mediterranean and South Asia. Da Vinci and the Writers Guild. Nairobi Harbour, Nairobi. The Republic of Georgia, Georgia.", &[
                ("Mediterranean", Place), ("South Asia", Place), ("Da Vinci", Other), ("Writers Guild", Organization),
                ("Nairobi Harbour", Place), ("Nairobi", Place), ("Republic of Georgia", Place), ("Georgia", Place),
            ]),
            ("e", "The Da Vinci Code and the Writers Guild of America. The New Orleans Saints won.", &[
                ("Da Vinci Code", Other), ("Writers Guild of America", Organization), ("New Orleans Saints", Organization),
            ]),
            ("f", "New Orleans scored twice.", &[("New Orleans", Organization)]),
            // Microsoft alone is named in more articles than Microsoft Research.
            ("g", "Microsoft said so.", &[("Microsoft", Organization)]),
            // A club of two towns is not the club of one.
            ("h", "Seattle-Chicago Stars beat Seattle.", &[
                ("Seattle-Chicago Stars", Organization), ("Seattle", Organization),
            ]),
            // Named in more articles than "Chicago North", "Chicago" is not it.
            ("i", "Chicago North voted.", &[("Chicago North", Organization)]),
            ("j", "Chicago won.", &[("Chicago", Organization)]),
            ("k", "Chicago lost.", &[("Chicago", Organization)]),
            // A facility word names a kind of place.
            ("l", "Ann Ford Care Hospital, then Ann Ford.", &[("Ann Ford Care Hospital", Place), ("Ann Ford", Place)]),
            // Not across articles.
            ("m", "Bo Ford Care Hospital.", &[("Bo Ford Care Hospital", Place)]),
            ("n", "Bo Ford.", &[("Bo Ford", Place)]),
            // A name that always follows "the" is a common noun written as a name, not a city's.
            ("o", "Holland Investment rose.", &[("Holland Investment", Organization)]),
            ("p", "It is how the Holland works.", &[("Holland", Organization)]),
        ]);
        let e = entity_names(&n);
        for want in [
            "Gaetano Lo Presti | Lo Presti",
            "Boston Red Sox | Red Sox",
            // b names Merkel, so its "Angela" is her.
            "Angela Merkel | Merkel | Angela",
            "Microsoft Research",
            "Microsoft",
            "Seattle-Chicago Stars",
            "Seattle",
            "Chicago North",
            "Chicago",
            "Mediterranean Sea | Mediterranean",
            // The gazetteer's city is not the harbour.
            "Nairobi Harbour",
            "Nairobi",
            // A state's formal name is the state.
            "Republic of Georgia | Georgia",
            "Asia",
            "South Asia",
            "Da Vinci",
            "Da Vinci Code",
            "Writers Guild of America",
            "Writers Guild",
            "New Orleans Saints | New Orleans",
            "Ann Ford Care Hospital | Ann Ford",
            "Bo Ford Care Hospital",
            "Bo Ford",
            "Holland Investment",
            "Holland",
        ] {
            assert!(e.contains(&want.to_string()), "{want}: {e:?}");
        }
        // In c the article names one Peterson: the bare name joins her; in b, corpus-wide there are two.
        assert!(
            e.iter()
                .any(|x| x.starts_with("Laci Peterson") && x.contains("| Peterson")),
            "{e:?}"
        );
        assert!(e.contains(&"Scott Peterson".to_string()), "{e:?}");
    }

    #[test]
    fn a_facility_named_so_joins_its_name_across_articles() {
        let n = run_corpus(&[
            (
                "a",
                "Cy Ford Care Hospital opened.",
                &[("Cy Ford Care Hospital", Place)],
            ),
            // A facility word after it in lowercase: a facility's name.
            (
                "b",
                "She left the Cy Ford rehab hospital.",
                &[("Cy Ford", Place)],
            ),
            // The gazetteer's city stays apart unless checked into.
            (
                "c",
                "Seattle Care Hospital and Chicago Care Hospital.",
                &[
                    ("Seattle Care Hospital", Place),
                    ("Chicago Care Hospital", Place),
                ],
            ),
            (
                "d",
                "The Seattle county hospital. She checked into Chicago.",
                &[("Seattle", Place), ("Chicago", Place)],
            ),
            // One facility, two words for its kind, where the name is checked into.
            (
                "e",
                "She checked into Di Ford. Di Ford Hospital said so.",
                &[("Di Ford", Place), ("Di Ford Hospital", Place)],
            ),
            (
                "f",
                "Di Ford Clinic took her. Di Ford is quiet.",
                &[("Di Ford Clinic", Place), ("Di Ford", Place)],
            ),
            // Not otherwise.
            (
                "g",
                "Jo Ford Hospital and Jo Ford.",
                &[("Jo Ford Hospital", Place), ("Jo Ford", Place)],
            ),
            (
                "h",
                "Jo Ford Church and Jo Ford.",
                &[("Jo Ford Church", Place), ("Jo Ford", Place)],
            ),
        ]);
        let e = entity_names(&n);
        let with = |name: &str| {
            e.iter()
                .find(|x| x.split(" | ").any(|w| w == name))
                .cloned()
                .unwrap_or_default()
        };
        assert_eq!(with("Cy Ford"), "Cy Ford Care Hospital | Cy Ford", "{e:?}");
        assert_eq!(with("Chicago"), "Chicago Care Hospital | Chicago", "{e:?}");
        assert_eq!(with("Seattle"), "Seattle", "{e:?}");
        assert!(
            with("Di Ford").contains("Di Ford Hospital")
                && with("Di Ford").contains("Di Ford Clinic"),
            "{e:?}"
        );
        assert!(
            !with("Jo Ford Hospital").contains("Jo Ford Church"),
            "{e:?}"
        );
    }

    #[test]
    fn a_title_of_one_gender_leaves_one_candidate() {
        let both: &[(&str, newsner_core::labels::EntityType)] = &[
            ("John Jenkins", Person),
            ("Katie Jenkins", Person),
            ("Miss Jenkins", Person),
        ];
        let n = run_corpus(&[
            (
                "a",
                "John Jenkins and Katie Jenkins. Miss Jenkins said.",
                both,
            ),
            (
                "b",
                "John Jenkins and Kathryn Jenkins. Mr Jenkins said. Jenkins left.",
                &[
                    ("John Jenkins", Person),
                    ("Kathryn Jenkins", Person),
                    ("Mr Jenkins", Person),
                    ("Jenkins", Person),
                ],
            ),
        ]);
        let e = entity_names(&n);
        let row = |name: &str| e.iter().find(|x| x.contains(name)).cloned();
        let katie = row("Katie Jenkins").unwrap_or_default();
        let john = row("John Jenkins").unwrap_or_default();
        assert!(katie.contains("Miss Jenkins"), "{e:?}");
        assert!(john.contains("Mr Jenkins"), "{e:?}");
        assert!(!john.contains("Miss") && !katie.contains("Mr "), "{e:?}");
        // A bare surname with no title still has two candidates.
        assert!(
            !john.ends_with("| Jenkins") && !katie.ends_with("| Jenkins"),
            "{e:?}"
        );
        assert!(n
            .review
            .iter()
            .any(|r| r.reason.contains("the constraints allow")));
    }

    #[test]
    fn an_organization_less_of_a_place_joins_inside_its_article() {
        let n = run_corpus(&[
            (
                "a",
                "The Reserve Bank of Paris raised rates. The Reserve Bank said so.",
                &[
                    ("Reserve Bank of Paris", Organization),
                    ("Reserve Bank", Organization),
                ],
            ),
            (
                "b",
                "The Royal Society of Nairobi met.",
                &[("Royal Society of Nairobi", Organization)],
            ),
            (
                "c",
                "The Royal Society met.",
                &[("Royal Society", Organization)],
            ),
        ]);
        let e = entity_names(&n);
        assert!(
            e.contains(&"Reserve Bank of Paris | Reserve Bank".to_string()),
            "{e:?}"
        );
        assert!(e.contains(&"Royal Society".to_string()), "{e:?}");
        assert!(e.contains(&"Royal Society of Nairobi".to_string()), "{e:?}");
    }

    #[test]
    fn a_given_name_joins_a_person_its_article_names_by_surname() {
        let n = run_corpus(&[
            (
                "a",
                "Craig Zadan and Neil Meron produce the show.",
                &[("Craig Zadan", Person), ("Neil Meron", Person)],
            ),
            (
                "b",
                "Zadan and Meron said so. Craig and Neil agreed.",
                &[
                    ("Zadan", Person),
                    ("Meron", Person),
                    ("Craig", Person),
                    ("Neil", Person),
                ],
            ),
            ("c", "Craig arrived.", &[("Craig", Person)]),
        ]);
        let e = entity_names(&n);
        assert!(
            e.contains(&"Craig Zadan | Zadan | Craig".to_string()),
            "{e:?}"
        );
        assert!(
            e.contains(&"Neil Meron | Meron | Neil".to_string()),
            "{e:?}"
        );
        // Where the article names no Zadan, a bare "Craig" stays apart.
        let craigs = e.iter().filter(|x| x.contains("Craig")).count();
        assert_eq!(craigs, 2, "{e:?}");
    }

    #[test]
    fn a_given_name_is_no_surname_after_a_royal_title_or_alone_across_articles() {
        let n = run_corpus(&[
            (
                "a",
                "Tom Charles sang. Prince Charles came. John Smith left.",
                &[
                    ("Tom Charles", Person),
                    ("Prince Charles", Person),
                    ("John Smith", Person),
                ],
            ),
            (
                "b",
                "Charles I ruled. Smith Jr spoke.",
                &[("Charles I", Person), ("Smith Jr", Person)],
            ),
            ("c", "Charles won an award.", &[("Charles", Person)]),
            ("d", "Smith won.", &[("Smith", Person)]),
        ]);
        let e = entity_names(&n);
        // Neither royal joins the singer by his surname, nor does a lone "Charles" elsewhere.
        assert!(e.contains(&"Tom Charles".to_string()), "{e:?}");
        // A generational suffix is no regnal number: "Smith Jr" is a surname.
        assert!(
            e.iter()
                .any(|x| x.starts_with("John Smith |") && x.contains("Smith Jr")),
            "{e:?}"
        );
        assert!(e.iter().any(|x| x.contains("Prince Charles")), "{e:?}");
    }

    #[test]
    fn a_dominant_candidate_takes_the_bare_name() {
        let tyler: &[(&str, newsner_core::labels::EntityType)] = &[("Tyler Hansbrough", Person)];
        let n = run_corpus(&[
            ("a", "Tyler Hansbrough scored.", tyler),
            ("b", "Tyler Hansbrough scored.", tyler),
            ("c", "Tyler Hansbrough scored.", tyler),
            (
                "d",
                "Tyler Hansbrough and his father Gene Hansbrough. Hansbrough said.",
                &[
                    ("Tyler Hansbrough", Person),
                    ("Gene Hansbrough", Person),
                    ("Hansbrough", Person),
                ],
            ),
            (
                "e",
                "Laci Peterson and Scott Peterson. Peterson said.",
                &[
                    ("Laci Peterson", Person),
                    ("Scott Peterson", Person),
                    ("Peterson", Person),
                ],
            ),
            (
                "f",
                "Laci Peterson and Scott Peterson.",
                &[("Laci Peterson", Person), ("Scott Peterson", Person)],
            ),
            // No candidate in its article: the one dominating the corpus.
            ("g", "Hansbrough scored again.", &[("Hansbrough", Person)]),
        ]);
        let e = entity_names(&n);
        assert!(
            e.contains(&"Tyler Hansbrough | Hansbrough".to_string()),
            "{e:?}"
        );
        assert!(!e.contains(&"Hansbrough".to_string()), "{e:?}");
        assert!(e.contains(&"Gene Hansbrough".to_string()), "{e:?}");
        assert!(e.contains(&"Peterson".to_string()), "{e:?}");
        assert!(n
            .review
            .iter()
            .any(|r| r.decision == "merged" && r.reason.contains("dominant")));
    }

    #[test]
    fn a_surname_before_the_one_full_name_of_its_article_may_be_the_story_s_person() {
        let joe: &[(&str, newsner_core::labels::EntityType)] = &[("Joe Marsh", Person)];
        let both: &[(&str, newsner_core::labels::EntityType)] =
            &[("Marsh", Person), ("Jill Marsh", Person)];
        let story = |with_jill_first: bool| {
            let text = if with_jill_first {
                "Jill Marsh and her husband. Marsh toured."
            } else {
                "President Marsh and first lady Jill Marsh toured."
            };
            let entities: &[(&str, newsner_core::labels::EntityType)] = if with_jill_first {
                &[("Jill Marsh", Person), ("Marsh", Person)]
            } else {
                both
            };
            entity_names(&run_corpus(&[
                ("a", "Joe Marsh spoke.", joe),
                ("b", "Joe Marsh spoke.", joe),
                ("c", "Joe Marsh spoke.", joe),
                ("d", text, entities),
            ]))
        };
        // Named before the one full name of its article: the person the story is about.
        let e = story(false);
        assert!(e.contains(&"Joe Marsh | Marsh".to_string()), "{e:?}");
        assert!(e.contains(&"Jill Marsh".to_string()), "{e:?}");
        // Named after it: the article's candidate, as before.
        let e = story(true);
        assert!(e.contains(&"Jill Marsh | Marsh".to_string()), "{e:?}");
        // With no namesake the story is about, the article's candidate.
        let n = run_corpus(&[
            ("a", "Joe Marsh spoke.", joe),
            ("b", "Ann Lee spoke.", &[("Ann Lee", Person)]),
            ("c", "Ann Lee spoke.", &[("Ann Lee", Person)]),
            (
                "d",
                "President Marsh and first lady Jill Marsh toured.",
                both,
            ),
        ]);
        let e = entity_names(&n);
        assert!(e.contains(&"Jill Marsh | Marsh".to_string()), "{e:?}");
    }

    #[test]
    fn a_name_s_first_words_name_the_one_organization_they_start_after_its_full_name() {
        let n = run_corpus(&[
            (
                "a",
                "Lockheed Martin won a contract. Lockheed said so. Sony Music and Sony Pictures, then Sony.",
                &[
                    ("Lockheed Martin", Organization),
                    ("Lockheed", Organization),
                    ("Sony Music", Organization),
                    ("Sony Pictures", Organization),
                    ("Sony", Organization),
                ],
            ),
            (
                "b",
                "Acme said so before Acme Research spoke. Zenith Labs hired. Zenith agreed.",
                &[
                    ("Acme", Organization),
                    ("Acme Research", Organization),
                    ("Zenith Labs", Organization),
                    ("Zenith", Organization),
                ],
            ),
            ("c", "Zenith rose.", &[("Zenith", Organization)]),
            ("d", "Zenith fell.", &[("Zenith", Organization)]),
            (
                "e",
                "Orbital wins order\n\nOrbital Systems said it had won.",
                &[("Orbital", Organization), ("Orbital Systems", Organization)],
            ),
            // Several words too.
            (
                "f",
                "Taiwan Semiconductor Manufacturing Co grew. Taiwan Semiconductor shares rose.",
                &[
                    ("Taiwan Semiconductor Manufacturing Co", Organization),
                    ("Taiwan Semiconductor", Organization),
                ],
            ),
        ]);
        let e = entity_names(&n);
        // A headline may name the company by the word before the body names it in full.
        for joined in [
            "Lockheed Martin | Lockheed",
            "Orbital Systems | Orbital",
            "Taiwan Semiconductor Manufacturing Co | Taiwan Semiconductor",
        ] {
            assert!(e.contains(&joined.to_string()), "{joined}: {e:?}");
        }
        // Two organizations start with the word; the word comes first; the word alone is named in
        // more articles than the full name.
        for apart in ["Sony", "Acme", "Zenith"] {
            assert!(e.contains(&apart.to_string()), "{apart}: {e:?}");
        }
    }

    #[test]
    fn across_the_corpus_a_bare_surname_joins_only_the_person_the_story_is_about() {
        let tyler: &[(&str, newsner_core::labels::EntityType)] = &[("Tyler Hansbrough", Person)];
        let other: &[(&str, newsner_core::labels::EntityType)] = &[("Paris", Place)];
        let n = run_corpus(&[
            ("a", "Tyler Hansbrough scored.", tyler),
            ("b", "Tyler Hansbrough scored.", tyler),
            ("c", "Tyler Hansbrough scored.", tyler),
            (
                "d",
                "Gene Hansbrough spoke.",
                &[("Gene Hansbrough", Person)],
            ),
            ("e", "Paris rose.", other),
            ("f", "Paris rose.", other),
            ("g", "Paris rose.", other),
            ("h", "Paris rose.", other),
            ("i", "Hansbrough said.", &[("Hansbrough", Person)]),
        ]);
        let e = entity_names(&n);
        // Tyler dominates Gene but is named in 3 of 9 articles: an archive, not his story.
        assert!(e.contains(&"Hansbrough".to_string()), "{e:?}");
        assert!(e.contains(&"Tyler Hansbrough".to_string()), "{e:?}");
    }

    #[test]
    fn across_the_corpus_a_lone_given_name_joins_only_the_person_the_story_is_about() {
        let katie: &[(&str, newsner_core::labels::EntityType)] = &[("Katie Jenkin", Person)];
        let sister: &[(&str, newsner_core::labels::EntityType)] = &[("Katie", Person)];
        let story = run_corpus(&[
            ("a", "Katie Jenkin died.", katie),
            ("b", "Katie Jenkin died.", katie),
            ("c", "His sister Katie died.", sister),
        ]);
        let e = entity_names(&story);
        assert!(e.contains(&"Katie Jenkin | Katie".to_string()), "{e:?}");
        // In an archive she is named in 2 of 5 articles: a lone "Katie" may be anyone.
        let place: &[(&str, newsner_core::labels::EntityType)] = &[("Paris", Place)];
        let archive = run_corpus(&[
            ("a", "Katie Jenkin died.", katie),
            ("b", "Katie Jenkin died.", katie),
            ("d", "Paris rose.", place),
            ("e", "Paris rose.", place),
            ("c", "His sister Katie died.", sister),
        ]);
        let e = entity_names(&archive);
        assert!(e.contains(&"Katie".to_string()), "{e:?}");
        assert!(e.contains(&"Katie Jenkin".to_string()), "{e:?}");
    }

    #[test]
    fn a_name_a_hyphen_joins_to_another_is_neither() {
        let n = run_corpus(&[
            (
                "a",
                "The merged Acme-Zenix group. Acme and Zenix. The Mid-Zenix plan. Zenix rose.",
                &[
                    ("Acme-Zenix", Organization),
                    ("Acme", Organization),
                    ("Zenix", Organization),
                ],
            ),
            (
                "b",
                "Bolt-Zorb said. Zorb said.",
                &[("Bolt-Zorb", Organization), ("Zorb", Organization)],
            ),
        ]);
        let e = entity_names(&n);
        for want in ["Acme-Zenix", "Acme", "Zenix", "Bolt-Zorb | Zorb"] {
            assert!(e.contains(&want.to_string()), "{want}: {e:?}");
        }
    }

    #[test]
    fn a_family_name_written_first_joins_across_articles() {
        let n = run_corpus(&[
            (
                "a",
                "Xi Jinping met Ryan Giggs, Tom Evans and Lee Jae-myung, not Kim Jong-un. Xi, Giggs, Ryan, Lee and Tom spoke.",
                &[
                    ("Xi Jinping", Person),
                    ("Ryan Giggs", Person),
                    ("Tom Evans", Person),
                    ("Lee Jae-myung", Person),
                    ("Kim Jong-un", Person),
                    ("Xi", Person),
                    ("Giggs", Person),
                    ("Ryan", Person),
                    ("Lee", Person),
                    ("Tom", Person),
                ],
            ),
            (
                "b",
                "Xi said so. Ryan agreed. Tom won. Lee left. Kim fired.",
                &[
                    ("Xi", Person),
                    ("Ryan", Person),
                    ("Tom", Person),
                    ("Lee", Person),
                    ("Kim", Person),
                ],
            ),
            ("c", "Rain fell.", &[]),
        ]);
        let e = entity_names(&n);
        // Called by the first word only: the family name; "Ryan Giggs" is called "Giggs" too, and
        // "Tom" is a given name (and Tom Evans named in one article of three: no story's subject);
        // "Lee" and "Kim" are ones too, but before a romanized Korean given name the family name,
        // even where the article never calls the person by it alone.
        for want in [
            "Xi Jinping | Xi",
            "Lee Jae-myung | Lee",
            "Kim Jong-un | Kim",
            "Ryan Giggs | Giggs | Ryan",
            "Tom Evans | Tom",
            "Ryan",
            "Tom",
        ] {
            assert!(e.contains(&want.to_string()), "{want}: {e:?}");
        }
        assert!(
            !e.contains(&"Lee".to_string()) && !e.contains(&"Kim".to_string()),
            "{e:?}"
        );
    }

    #[test]
    fn a_romanized_given_name_is_hyphenated_in_lowercase() {
        use super::romanized_given_last as r;
        assert!(r("Lee Jae-myung") && r("Ban Ki-moon") && r("Chiang Kai-shek"));
        assert!(!r("Andrew Lloyd-Webber") && !r("Jean-Paul Sartre") && !r("Kim Jong Un"));
    }

    #[test]
    fn an_inner_name_joins_the_person_its_article_names() {
        let n = run_corpus(&[
            (
                "a",
                "The minister, Ram Mohan Naidu Kinjarapu, spoke. Neil Herron and Ann Katie Cole came.",
                &[
                    ("Ram Mohan Naidu Kinjarapu", Person),
                    ("Neil Herron", Person),
                    ("Ann Katie Cole", Person),
                ],
            ),
            // "Naidu" comes before "Kinjarapu", which joins the full name; "Neil" is an item of a
            // team sheet, "Katie" a given name.
            (
                "b",
                "Minister Naidu said so, and Kinjarapu agreed. Curtis, Neil, Warne, Herron. Cole and Katie left.",
                &[
                    ("Naidu", Person),
                    ("Kinjarapu", Person),
                    ("Curtis", Person),
                    ("Neil", Person),
                    ("Warne", Person),
                    ("Herron", Person),
                    ("Cole", Person),
                    ("Katie", Person),
                ],
            ),
        ]);
        let e = entity_names(&n);
        for want in [
            "Ram Mohan Naidu Kinjarapu | Naidu | Kinjarapu",
            "Neil Herron | Herron",
            "Neil",
            "Ann Katie Cole | Cole",
            "Katie",
        ] {
            assert!(e.contains(&want.to_string()), "{want}: {e:?}");
        }
    }

    #[test]
    fn a_titled_given_name_joins_only_a_full_name_written_with_its_title() {
        let n = run_corpus(&[
            (
                "a",
                "Prince Charles wed. Charles said so. Charles Kennedy spoke.",
                &[
                    ("Prince Charles", Person),
                    ("Charles", Person),
                    ("Charles Kennedy", Person),
                ],
            ),
            (
                "b",
                "Prince Andrew Windsor spoke. Prince Andrew left.",
                &[("Prince Andrew Windsor", Person), ("Prince Andrew", Person)],
            ),
        ]);
        let e = entity_names(&n);
        assert!(e.contains(&"Charles Kennedy".to_string()), "{e:?}");
        let names = |x: &String| x.split(" | ").map(String::from).collect::<Vec<_>>();
        assert!(
            e.iter().map(names).any(|row| {
                row.contains(&"Prince Charles".to_string()) && row.contains(&"Charles".to_string())
            }),
            "the lone Charles is the prince: {e:?}"
        );
        assert!(
            e.iter()
                .any(|x| x.contains("Prince Andrew Windsor") && x.contains("| Prince Andrew")),
            "{e:?}"
        );
    }

    #[test]
    fn a_head_word_named_apart_elsewhere_does_not_follow_one_article_into_a_longer_name() {
        let n = run_corpus(&[
            (
                "a",
                "The Financial Times and the Times said so.",
                &[("Financial Times", Organization), ("Times", Organization)],
            ),
            ("b", "The Times said so.", &[("Times", Organization)]),
            ("c", "The Times agreed.", &[("Times", Organization)]),
            (
                "d",
                "The Sunday Times disagreed.",
                &[("Sunday Times", Organization)],
            ),
            (
                "e",
                "The Boston Red Sox won. The Red Sox cheered.",
                &[("Boston Red Sox", Organization), ("Red Sox", Organization)],
            ),
            ("f", "The Red Sox lost.", &[("Red Sox", Organization)]),
        ]);
        let e = entity_names(&n);
        for want in ["Financial Times", "Times", "Sunday Times"] {
            assert!(e.contains(&want.to_string()), "{want}: {e:?}");
        }
        // One start ends with "Red Sox": the article's join carries the others along.
        assert!(e.contains(&"Red Sox | Boston Red Sox".to_string()), "{e:?}");
    }
}
