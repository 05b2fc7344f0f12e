//! Pass `spelling`: spelling and transliteration variants, word by word ("Vishwas" = "Vishwash",
//! "Mikhail" = "Mihail", "Sulaymanov" = "Suleimanov"; see [`super::names::tokens_match`]). People: full
//! names across articles, every word matched (so different given names and gendered forms never join);
//! within one article two spellings are two names. Other names: the same spelling-independent form of
//! every word, plurals and spaces aside ("Qandahar" = "Kandahar", "Trail Blazers" = "Trailblazers"),
//! abbreviated generic words written out (`models/lexicons/name_abbreviations.tsv`: "Mt Cook" = "Mount
//! Cook"), British "-re" as American "-er" ("Centre" = "Center"), when the names are also written alike
//! (Jaro-Winkler ≥ 0.8: "Yepp" is not "Jeep"); never two acronyms ("BA" is not "BAA"). Merges
//! below 0.95 similarity are listed for review.

use super::graph::Graph;
use super::names::{dropped_letter, looks_like_acronym, phonetic, skeleton, MIN_TYPO_LEN};
use super::sieve::Pass;
use newsner_core::labels::EntityType;
use std::collections::{BTreeMap, HashSet};

/// A spelling-independent key for a name other than a person's: the phonetic form of its words, each
/// without a plural -s when there are several ("Tigers" alone is not "Tiger"), written together ("Trail Blazers" = "Trailblazers", "Motion Pictures" = "Motion
/// Picture", "Recognised" = "Recognized").
pub fn spelling_key(words: &[String]) -> String {
    written(words, |w| phonetic(&american(w)))
}

/// A name's words, each without a plural -s when there are several, in `form`, written together.
fn written(words: &[String], form: impl Fn(&str) -> String) -> String {
    let several = words.len() > 1;
    words
        .iter()
        .map(|w| {
            let w = if several && w.len() > 3 {
                w.strip_suffix('s').unwrap_or(w)
            } else {
                w
            };
            form(w)
        })
        .collect()
}

/// A British ending in consonant + "re" written the American way ("centre" → "center", "theatre" →
/// "theater"), so both spellings of a name have one key; "-ure", "-ire", "-ore" stay.
fn american(word: &str) -> String {
    let c: Vec<char> = word.chars().collect();
    let n = c.len();
    if n >= 5 && word.ends_with("re") && !"aeiou".contains(c[n - 3]) {
        format!("{}er", &word[..word.len() - 2])
    } else {
        word.to_string()
    }
}

/// Keys that bring together surnames which may be spelling variants: the phonetic skeleton
/// ("Suleimanov" / "Sulaymanov"), and for long surnames each form with one letter left out, which two
/// names one typo apart share ("Alishvandi" / "Alishbandi", "Klitschko" / "Klistchko"; see
/// [`super::names::tokens_match`]).
fn surname_keys(surname: &str) -> Vec<String> {
    let mut keys = vec![skeleton(&phonetic(surname))];
    let chars: Vec<char> = surname.chars().collect();
    if chars.len() >= MIN_TYPO_LEN {
        keys.extend((0..chars.len()).map(|i| {
            let rest: String = chars[..i].iter().chain(&chars[i + 1..]).collect();
            format!("typo\t{rest}")
        }));
    }
    keys
}

/// Joins spelling variants.
pub struct Spelling;

impl Pass for Spelling {
    fn name(&self) -> &'static str {
        "spelling"
    }

    fn run(&self, g: &mut Graph) {
        let context = SharedNames::new(g);
        join_people(g, self.name(), surname_keys, Some(&context));
        join_slipped_surnames(g, self.name());
        let lex = g.lex;
        // Nodes by spelling key, each with its words written together (abbreviations written out).
        let mut groups: std::collections::BTreeMap<String, Vec<(usize, String)>> =
            Default::default();
        for (i, n) in g.nodes.iter().enumerate() {
            if n.ty != EntityType::Person {
                let words = lex.expand_abbreviations(&n.core);
                let k = format!("{}\t{}", n.ty.as_str(), spelling_key(&words));
                groups.entry(k).or_default().push((i, words.concat()));
            }
        }
        for group in groups.values() {
            for (j, (b, wb)) in group.iter().enumerate().skip(1) {
                // The same key is not enough where the names are written far apart ("Yepp" / "Jeep"),
                // and an acronym spelled otherwise is another acronym ("BA" / "BAA").
                let acronym = |n: usize| looks_like_acronym(&g.nodes[n].name);
                // Names written with other letters (not only spaced, plural or British otherwise)
                // in two articles are one where the articles share a name: "McCafe" is not "McAfee".
                let respelt = |a: usize| {
                    let written = |n: usize| letters(&lex.expand_abbreviations(&g.nodes[n].core));
                    written(a) != written(*b) && !context.shared(g, a, *b)
                };
                if let Some((a, _)) = group[..j].iter().find(|(a, wa)| {
                    !(acronym(*a) && acronym(*b) && wa != wb)
                        && strsim::jaro_winkler(wa, wb) >= g.lex.config().names.min_similarity
                        && !respelt(*a)
                }) {
                    g.union(*a, *b, self.name(), false);
                }
            }
        }
    }
}

/// Joins a lone surname to the one person its article names in full whose surname it writes with one
/// slip inside it: two neighbouring letters swapped ("Klistchko" beside "Wladimir Klitschko") or a
/// letter dropped or added ("Mr Mukerjee" beside "Pranab Mukherjee"), in long surnames only
/// ([`MIN_TYPO_LEN`] letters). Not across articles, where such a pair is as often two surnames
/// ("Neilson" in a team sheet, "Peter Nielson" elsewhere), nor for a changed letter ("Johnston" /
/// "Johnson"). Two such people in the article: it stays apart. Listed for review.
fn join_slipped_surnames(g: &mut Graph, pass: &'static str) {
    for n in 0..g.nodes.len() {
        let node = &g.nodes[n];
        let [word] = node.core.as_slice() else {
            continue;
        };
        if node.ty != EntityType::Person
            || word.chars().count() < MIN_TYPO_LEN
            || g.cluster(n).iter().any(|&m| g.nodes[m].is_full_person())
        {
            continue;
        }
        // A person of the article spelt so is who the name is ("Thompson" beside "Alan Thompson" and
        // "C Thomson"): containment joins them.
        let surname_of = |c: usize| g.nodes[c].core.last().map_or("", String::as_str);
        if g.by_article[node.article]
            .iter()
            .any(|&c| g.nodes[c].is_full_person() && surname_of(c) == word)
        {
            continue;
        }
        let candidates = g.by_article[node.article].iter().copied().filter(|&c| {
            let cn = &g.nodes[c];
            let surname = &cn.core[cn.core.len() - 1];
            cn.is_full_person() && (swapped(word, surname) || dropped_letter(word, surname))
        });
        if let [one] = g.clusters_of(candidates)[..] {
            if g.union(n, one, pass, false) {
                g.flag(n, one, &format!("{pass}: one slip in a surname"), 0.9);
            }
        }
    }
}

/// Whether two words differ only by two neighbouring letters swapped ("klistchko" / "klitschko").
fn swapped(a: &str, b: &str) -> bool {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let diff: Vec<usize> = (0..a.len()).filter(|&i| b.get(i) != Some(&a[i])).collect();
    a.len() == b.len() && matches!(diff[..], [i, j] if j == i + 1 && a[i] == b[j] && a[j] == b[i])
}

/// A name's letters, spaces, a plural -s and British "-re" aside ("Golden Globes" = "Golden Globe",
/// "Staples Centre" = "Staples Center", "Nat West" = "NatWest"; "McCafe" is not "McAfee").
fn letters(words: &[String]) -> String {
    written(words, american)
}

/// What two spelling variants across articles need to be one name: their articles name one entity
/// besides them (a cluster with a name in both), and one not common in the corpus (see
/// [`super::config::Names::context_common_share`]): two articles of one story share their names, a
/// politics report and a music review do not share "UK".
pub struct SharedNames {
    /// The most articles a shared entity may be named in and still count.
    limit: usize,
}

impl SharedNames {
    /// The limit for the graph's corpus.
    pub fn new(g: &Graph) -> SharedNames {
        let names = &g.lex.config().names;
        let share = (names.context_common_share * g.by_article.len() as f64).floor() as usize;
        SharedNames {
            limit: share.max(names.context_common_floor),
        }
    }

    /// Whether the articles of nodes `a` and `b` are one, or both name an entity other than the
    /// nodes' clusters that is not common.
    pub fn shared(&self, g: &Graph, a: usize, b: usize) -> bool {
        let (x, y) = (g.nodes[a].article, g.nodes[b].article);
        if x == y {
            return true;
        }
        let own = [g.find(a), g.find(b)];
        let in_y: HashSet<usize> = g
            .clusters_of(g.by_article[y].iter().copied())
            .into_iter()
            .collect();
        g.clusters_of(g.by_article[x].iter().copied())
            .into_iter()
            .any(|r| !own.contains(&r) && in_y.contains(&r) && g.articles_of(r) <= self.limit)
    }

    /// Whether the articles of the clusters of `a` and `b` name one entity besides them that is not
    /// common: [`SharedNames::shared`] for names that already stand for several articles.
    pub fn shared_by_clusters(&self, g: &Graph, a: usize, b: usize) -> bool {
        let own = [g.find(a), g.find(b)];
        let beside = |n: usize| -> HashSet<usize> {
            g.clusters_of(
                g.cluster_articles(n)
                    .into_iter()
                    .flat_map(|x| g.by_article[x].iter().copied()),
            )
            .into_iter()
            .filter(|r| !own.contains(r))
            .collect()
        };
        let near_b = beside(b);
        beside(a)
            .into_iter()
            .any(|r| near_b.contains(&r) && g.articles_of(r) <= self.limit)
    }
}

/// Joins, within groups of full person names sharing one of `group_keys` (of the surname), each pair
/// the names of which can be one person; a merge of a similarity below 0.95 goes to review. With a
/// `context`, names are compared fuzzily (spelling variants, nicknames, initials), and two names of
/// different articles only where the articles share a name.
pub fn join_people(
    g: &mut Graph,
    pass: &'static str,
    group_keys: impl Fn(&str) -> Vec<String>,
    context: Option<&SharedNames>,
) {
    let fuzzy = context.is_some();
    let mut groups: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (i, n) in g.nodes.iter().enumerate() {
        if n.is_full_person() {
            for k in group_keys(&n.core[n.core.len() - 1]) {
                groups.entry(k).or_default().push(i);
            }
        }
    }
    // Two names share several keys (every one-letter-less form of one surname): each pair once.
    let mut compared: HashSet<(usize, usize)> = HashSet::new();
    for group in groups.values() {
        for (x, &a) in group.iter().enumerate() {
            for &b in &group[x + 1..] {
                if g.find(a) == g.find(b)
                    || g.nodes[a].key == g.nodes[b].key
                    || !compared.insert((a, b))
                {
                    continue;
                }
                if let Some(sim) = g.persons_compatible(a, b, fuzzy) {
                    // Only titles or suffixes apart ("Ken Macdonald QC"): no spelling variant.
                    let respelt = g.nodes[a].core != g.nodes[b].core;
                    if respelt && context.is_some_and(|c| !c.shared(g, a, b)) {
                        g.refuse(a, b, &format!("{pass} refused: the articles share no name"));
                        continue;
                    }
                    if g.union(a, b, pass, false) && sim < 0.95 {
                        g.flag(a, b, pass, sim);
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::spelling_key;
    use crate::normalize::tests::{entity_names, run_corpus};
    use newsner_core::labels::EntityType::*;

    #[test]
    fn abbreviated_and_british_spellings_join() {
        let n = run_corpus(&[
            (
                "a",
                "Climbers left Mt Cook National Park and the Lincoln Centre.",
                &[
                    ("Mt Cook National Park", Place),
                    ("Lincoln Centre", Organization),
                ],
            ),
            (
                "b",
                "Mount Cook National Park and the Lincoln Center reopened.",
                &[
                    ("Mount Cook National Park", Place),
                    ("Lincoln Center", Organization),
                ],
            ),
            ("c", "Jeep sold more.", &[("Jeep", Organization)]),
            ("d", "Yepp sold more.", &[("Yepp", Organization)]),
            (
                "e",
                "BA and BAA met.",
                &[("BA", Organization), ("BAA", Organization)],
            ),
        ]);
        let e = entity_names(&n);
        // One spelling key, written far apart: two names; two acronyms: two names.
        assert!(
            e.contains(&"BA".to_string()) && e.contains(&"BAA".to_string()),
            "{e:?}"
        );
        assert!(
            e.contains(&"Jeep".to_string()) && e.contains(&"Yepp".to_string()),
            "{e:?}"
        );
        assert!(
            e.iter()
                .any(|x| x.contains("Mt Cook National Park")
                    && x.contains("Mount Cook National Park")),
            "{e:?}"
        );
        assert!(
            e.iter()
                .any(|x| x.contains("Lincoln Centre") && x.contains("Lincoln Center")),
            "{e:?}"
        );
    }

    #[test]
    fn a_lone_surname_with_one_slip_joins_the_one_person_so_named() {
        let n = run_corpus(&[
            (
                "a",
                "Wladimir Klitschko won. Klistchko said so. Johnston spoke.",
                &[
                    ("Wladimir Klitschko", Person),
                    ("Klistchko", Person),
                    ("Johnston", Person),
                ],
            ),
            (
                "b",
                "Gareth Johnson, Ray Kowalski and Anna Kowalski met. Kowalksi left. Kowlaksi too.",
                &[
                    ("Gareth Johnson", Person),
                    ("Ray Kowalski", Person),
                    ("Anna Kowalski", Person),
                    ("Kowalksi", Person),
                    ("Kowlaksi", Person),
                ],
            ),
            (
                "c",
                "Ray Kowalski spoke. Gerard Nielson too.",
                &[("Ray Kowalski", Person), ("Gerard Nielson", Person)],
            ),
            ("d", "Neilson scored.", &[("Neilson", Person)]),
            (
                "e",
                "Pranab Mukherjee spoke. Mr Mukerjee left. Tom Petersen ran. Petersan fell.",
                &[
                    ("Pranab Mukherjee", Person),
                    ("Mr Mukerjee", Person),
                    ("Tom Petersen", Person),
                    ("Petersan", Person),
                ],
            ),
            (
                "f",
                "Alan Thompson and Carl Thomson played. Thompson scored.",
                &[
                    ("Alan Thompson", Person),
                    ("Carl Thomson", Person),
                    ("Thompson", Person),
                ],
            ),
        ]);
        let e = entity_names(&n);
        assert!(
            e.contains(&"Wladimir Klitschko | Klistchko".to_string()),
            "{e:?}"
        );
        assert!(
            e.contains(&"Pranab Mukherjee | Mr Mukerjee".to_string()),
            "a letter dropped: {e:?}"
        );
        assert!(
            e.contains(&"Alan Thompson | Thompson".to_string()),
            "the person spelt so first: {e:?}"
        );
        // A letter added across articles ("Johnston" / "Johnson") and a letter changed in one
        // ("Petersan" / "Petersen") are not slips; two people so named: apart; two swaps are not one;
        // nor is a person named in another article.
        for apart in ["Johnston", "Kowalksi", "Kowlaksi", "Neilson", "Petersan"] {
            assert!(e.contains(&apart.to_string()), "{apart}: {e:?}");
        }
    }

    #[test]
    fn variants_join_across_articles_only() {
        let n = run_corpus(&[
            // The articles share a name (Helmand), so their spelling variants may join.
            ("a", "Vishwash Kumar Ramesh survived near Qandahar in Helmand. Khalid Karimov spoke.", &[("Vishwash Kumar Ramesh", Person), ("Qandahar", Place), ("Helmand", Place), ("Khalid Karimov", Person)]),
            ("b", "Vishwas Kumar Ramesh survived near Kandahar in Helmand. Walid Karimov. Petrova and Oleg Petrov.", &[("Vishwas Kumar Ramesh", Person), ("Kandahar", Place), ("Helmand", Place), ("Walid Karimov", Person), ("Oleg Petrov", Person)]),
            ("c", "Irina Petrova in Helmand.", &[("Irina Petrova", Person), ("Helmand", Place)]),
        ]);
        let e = entity_names(&n);
        assert!(
            e.iter()
                .any(|x| x.contains("Vishwash Kumar Ramesh") && x.contains("Vishwas Kumar Ramesh")),
            "{e:?}"
        );
        assert!(
            e.iter()
                .any(|x| x.contains("Qandahar") && x.contains("Kandahar")),
            "{e:?}"
        );
        let k = |s: &str| spelling_key(&s.split(' ').map(String::from).collect::<Vec<_>>());
        // Joined words, British and American spellings ("-ise"/"-ize", "-re"/"-er") share a key;
        // a plural alone, and "-ure", do not.
        for (a, b) in [
            ("portland trail blazers", "portland trailblazers"),
            ("recognised", "recognized"),
            ("betty ford centre", "betty ford center"),
            ("theatre", "theater"),
        ] {
            assert_eq!(k(a), k(b), "{a} / {b}");
        }
        assert_ne!(k("tigers"), k("tiger"));
        assert_ne!(k("lure"), k("luer"));
        assert!(
            e.contains(&"Khalid Karimov".to_string()) && e.contains(&"Walid Karimov".to_string()),
            "{e:?}"
        );
        assert!(
            e.contains(&"Oleg Petrov".to_string()) && e.contains(&"Irina Petrova".to_string()),
            "{e:?}"
        );
    }

    #[test]
    fn a_typo_in_a_long_surname_joins_full_names() {
        let n = run_corpus(&[
            (
                "a",
                "Heydar Alishvandi spoke in Tehran.",
                &[("Heydar Alishvandi", Person), ("Tehran", Place)],
            ),
            (
                "b",
                "Heydar Alishbandi spoke in Tehran. Anna Kowalczyk left.",
                &[
                    ("Heydar Alishbandi", Person),
                    ("Tehran", Place),
                    ("Anna Kowalczyk", Person),
                ],
            ),
            (
                "c",
                "Anna Kowalczyka left Tehran.",
                &[("Anna Kowalczyka", Person), ("Tehran", Place)],
            ),
        ]);
        let e = entity_names(&n);
        assert!(
            e.iter()
                .any(|x| x.contains("Heydar Alishvandi") && x.contains("Heydar Alishbandi")),
            "{e:?}"
        );
        // A feminine ending is another name.
        for apart in ["Anna Kowalczyk", "Anna Kowalczyka"] {
            assert!(e.contains(&apart.to_string()), "{apart}: {e:?}");
        }
        assert!(n.review.iter().any(|r| r.reason.contains("spelling")));
    }

    #[test]
    fn initials_and_middle_names() {
        let n = run_corpus(&[
            (
                "a",
                "W. Mark Felt of the FBI spoke.",
                &[("W. Mark Felt", Person), ("FBI", Organization)],
            ),
            (
                "b",
                "Mark Felt of the FBI and George H. W. Bush.",
                &[
                    ("Mark Felt", Person),
                    ("FBI", Organization),
                    ("George H. W. Bush", Person),
                ],
            ),
            (
                "c",
                "William Mark Felt of the FBI and George W. Bush.",
                &[
                    ("William Mark Felt", Person),
                    ("FBI", Organization),
                    ("George W. Bush", Person),
                ],
            ),
        ]);
        let e = entity_names(&n);
        assert!(
            e.iter().any(|x| x.contains("W. Mark Felt")
                && x.contains("| Mark Felt")
                && x.contains("William Mark Felt")),
            "{e:?}"
        );
        assert!(
            e.contains(&"George H. W. Bush".to_string())
                && e.contains(&"George W. Bush".to_string()),
            "{e:?}"
        );
    }

    #[test]
    fn a_third_name_bridges_a_nickname_and_a_middle_name() {
        let n = run_corpus(&[
            (
                "a",
                "Fred Blix died in Wales.",
                &[("Fred Blix", Person), ("Wales", Place)],
            ),
            (
                "b",
                "Frederick Blix was 76 in Wales.",
                &[("Frederick Blix", Person), ("Wales", Place)],
            ),
            (
                "c",
                "Frederick Cheney Blix served in Wales.",
                &[("Frederick Cheney Blix", Person), ("Wales", Place)],
            ),
            (
                "d",
                "Tom Jones sang in Wales.",
                &[("Tom Jones", Person), ("Wales", Place)],
            ),
            (
                "e",
                "Tommy Lee Jones acted in Wales.",
                &[("Tommy Lee Jones", Person), ("Wales", Place)],
            ),
            (
                "f",
                "T Jones spoke in Wales.",
                &[("T Jones", Person), ("Wales", Place)],
            ),
            (
                "g",
                "Tina Jones spoke in Wales.",
                &[("Tina Jones", Person), ("Wales", Place)],
            ),
            (
                "h",
                "Chris Rhys Jones spoke in Wales.",
                &[("Chris Rhys Jones", Person), ("Wales", Place)],
            ),
            (
                "i",
                "Chris Jones and Rhys Jones spoke in Wales.",
                &[
                    ("Chris Jones", Person),
                    ("Rhys Jones", Person),
                    ("Wales", Place),
                ],
            ),
        ]);
        let e = entity_names(&n);
        assert!(
            e.iter().any(|x| x.contains("Fred Blix")
                && x.contains("Frederick Blix")
                && x.contains("Frederick Cheney Blix")),
            "{e:?}"
        );
        // A nickname and a middle name with nothing between stay apart, and an initial bridges no
        // two given names.
        for (a, b) in [
            ("Tom Jones", "Tommy Lee Jones"),
            ("Tom Jones", "Tina Jones"),
            ("Tommy Lee Jones", "Tina Jones"),
            ("Chris Jones", "Rhys Jones"),
        ] {
            let row = |x: &String| x.split(" | ").map(String::from).collect::<Vec<_>>();
            assert!(
                !e.iter()
                    .map(row)
                    .any(|r| r.contains(&a.to_string()) && r.contains(&b.to_string())),
                "{a} / {b}: {e:?}"
            );
        }
    }

    #[test]
    fn spelling_variants_across_articles_join_only_where_the_articles_share_a_name() {
        use crate::normalize::tests::TestArticle;
        // 22 articles name "UK": too common to tie two articles (more than 20 and 5% of them).
        let filler: Vec<(String, String)> = (0..20)
            .map(|i| (format!("f{i}"), "The UK voted.".to_string()))
            .collect();
        let uk: &[(&str, crate::normalize::EntityType)] = &[("UK", Place)];
        let mut corpus: Vec<TestArticle> = filler
            .iter()
            .map(|(id, text)| (id.as_str(), text.as_str(), uk))
            .collect();
        corpus.extend_from_slice(&[
            (
                "a",
                "John Major spoke in the UK.",
                &[("John Major", Person), ("UK", Place)],
            ),
            (
                "b",
                "John Mayer sang in the UK.",
                &[("John Mayer", Person), ("UK", Place)],
            ),
            (
                "c",
                "Olivier Beauvillain of Skype spoke.",
                &[("Olivier Beauvillain", Person), ("Skype", Organization)],
            ),
            (
                "d",
                "Skype hired Olivier Beauvillian.",
                &[("Skype", Organization), ("Olivier Beauvillian", Person)],
            ),
            ("e", "McAfee shares rose.", &[("McAfee", Organization)]),
            ("f", "McCafe opened.", &[("McCafe", Organization)]),
        ]);
        let e = entity_names(&run_corpus(&corpus));
        for apart in ["John Major", "John Mayer", "McAfee", "McCafe"] {
            assert!(e.contains(&apart.to_string()), "{apart}: {e:?}");
        }
        assert!(
            e.iter()
                .any(|x| x.contains("Olivier Beauvillain") && x.contains("Olivier Beauvillian")),
            "{e:?}"
        );
    }
}
