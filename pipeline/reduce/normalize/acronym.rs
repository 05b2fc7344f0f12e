//! Pass `acronym`: an acronym joins the name it abbreviates.
//! 1. **Within an article**: its definition in brackets ("Advanced Micro Devices (AMD)"), else the one
//!    longer name of the article whose initials it spells ("HP" for "Hewlett-Packard"). Only names of
//!    organizations, places and other things: a person's initials join a person only where the text
//!    defines them.
//! 2. **Across articles**: an acronym that one article ties to a name joins that name wherever it
//!    appears alone; an acronym that no article ties (two letters, or three characters or more), of an
//!    organization or a place, joins the one longer name in the corpus whose initials it spells
//!    strictly ("AP" = "Associated Press"; "DUP" is not "Deutsche Post"), and is listed for review;
//!    with several candidates it stays apart (review).

use super::graph::Graph;
use super::names::{
    acronym_definition_spans, initials, is_initials_of, is_syllable_acronym_of, key, letters_of,
    looks_like_acronym,
};
use super::sieve::Pass;
use super::spelling::SharedNames;
use newsner_core::labels::EntityType;
use std::collections::HashMap;

/// Joins acronyms to the names they abbreviate.
pub struct Acronym;

fn is_acronym_node(g: &Graph, n: usize) -> bool {
    let node = &g.nodes[n];
    node.tokens.len() == 1 && looks_like_acronym(&node.name)
}

/// Whether a node's cluster already holds a name of several words.
fn expanded(g: &Graph, n: usize) -> bool {
    g.cluster(n).iter().any(|&m| g.nodes[m].tokens.len() >= 2)
}

/// Longer non-person names that an acronym spells: by the start of each word within an article ("TEPCO"
/// = "Tokyo Electric POwer COmpany"; not "NCAA" = "North CArolinA"), by strict initials across the corpus ("DUP" is not "Deutsche Post").
/// Inside an article the name may be an organization's less its corporate designators ([`forms`]).
fn spelled(g: &Graph, acronym: usize, pool: &[usize], strict: bool) -> Vec<usize> {
    let form = &g.nodes[acronym].name;
    pool.iter()
        .copied()
        .filter(|&c| {
            let n = &g.nodes[c];
            let spells = if strict {
                is_initials_of(form, &n.name)
            } else {
                // A company's name less its designators only for an acronym typed a company: the
                // "NM" (New Mexico) of a mining story is not "Newmont Mining Corp".
                let org = g.nodes[acronym].ty == EntityType::Organization;
                forms(g, c)
                    .take(if org { 2 } else { 1 })
                    .any(|name| is_syllable_acronym_of(form, name))
            };
            n.ty != EntityType::Person && n.tokens.len() >= 2 && spells && several_words(g, c)
        })
        .collect()
}

/// Whether a node's name is of several words once an organization's designators are left out: the
/// letters of "Inc" or "Co" do not make an acronym of one word ("AI" is not "Alphabet Inc", nor "NC"
/// "Nvidia Corp"; "BBC" is still "British Broadcasting Corporation").
fn several_words(g: &Graph, n: usize) -> bool {
    forms(g, n).last().is_some_and(|core| {
        core.split(|c: char| c.is_whitespace() || c == '-')
            .filter(|w| !w.is_empty())
            .count()
            >= 2
    })
}

/// The forms of a node's name an acronym of its article may spell: the name, and an organization's
/// name less its trailing corporate designators ("AMD" spells "Advanced Micro Devices" of "Advanced
/// Micro Devices Inc", not its "Inc"). Across a news archive, "BDO" (of "BDO Stoy Hayward") is not
/// the "Big Day Out Ltd".
fn forms<'g>(g: &'g Graph<'_>, n: usize) -> impl Iterator<Item = &'g str> {
    let node = &g.nodes[n];
    let name = node.name.as_str();
    let mut end = name.len();
    if node.ty == EntityType::Organization {
        while let Some((rest, last)) = name[..end].trim_end().rsplit_once(' ') {
            if !g.lex.is_designator(last) {
                break;
            }
            end = rest.trim_end_matches([',', ' ']).len();
        }
    }
    std::iter::once(name).chain((end < name.len()).then(|| &name[..end]))
}

/// Whether an acronym no article ties may be looked for in the whole corpus: three letters or digits
/// or more, or two letters ("AP" for the "Associated Press"), never two with a digit ("3G" is not "3D
/// graphics").
fn searchable_untied(acronym: &str) -> bool {
    let chars: Vec<char> = acronym.chars().filter(|c| c.is_alphanumeric()).collect();
    chars.len() >= 3 || chars.len() == 2 && chars.iter().all(|c| c.is_alphabetic())
}

impl Acronym {
    fn in_article(&self, g: &mut Graph, article: usize) {
        let text = g.texts[article];
        let nodes = g.by_article[article].clone();
        let by_key: HashMap<String, usize> =
            nodes.iter().map(|&n| (g.nodes[n].key.clone(), n)).collect();
        for (acro, range) in acronym_definition_spans(text) {
            let Some(&long) = by_key.get(&key(&text[range])) else {
                continue;
            };
            g.ties.entry(acro.clone()).or_default().push(long);
            if let Some(&short) = by_key.get(&acro) {
                g.union(short, long, self.name(), true);
            }
        }
        for &n in &nodes {
            if !is_acronym_node(g, n) || expanded(g, n) || g.nodes[n].ty == EntityType::Person {
                continue;
            }
            let cands = g.clusters_of(spelled(g, n, &nodes, false));
            if let [one] = cands[..] {
                if g.union(n, one, self.name(), true) {
                    g.ties.entry(g.nodes[n].key.clone()).or_default().push(one);
                }
            }
        }
    }

    fn across_articles(&self, g: &mut Graph) {
        let context = SharedNames::new(g);
        // Longer names other than people's by their initials: an acronym looks up its own letters.
        let mut by_initials: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, n) in g.nodes.iter().enumerate() {
            if n.ty != EntityType::Person && n.tokens.len() >= 2 {
                by_initials.entry(initials(&n.name)).or_default().push(i);
            }
        }
        for n in 0..g.nodes.len() {
            if !is_acronym_node(g, n) || expanded(g, n) {
                continue;
            }
            if let Some(tied) = g.ties.get(&g.nodes[n].key).cloned() {
                let roots = g.clusters_of(tied);
                if let [one] = roots[..] {
                    g.union(n, one, self.name(), true);
                    continue;
                }
            }
            // Only organizations and places: a thing's acronym that no article expands is as often
            // another thing's ("WMD" is not "World Music Day").
            if !matches!(g.nodes[n].ty, EntityType::Organization | EntityType::Place)
                || !searchable_untied(&g.nodes[n].name)
            {
                continue;
            }
            let pool = by_initials
                .get(&letters_of(&g.nodes[n].name))
                .map_or(&[][..], Vec::as_slice);
            let cands = g.clusters_of(spelled(g, n, pool, true));
            match cands[..] {
                // Initials alone, in articles that name nothing else alike, are a coincidence
                // ("NHS" and a "Norfolk High School").
                [one] if !context.shared_by_clusters(g, n, one) => {
                    g.refuse(n, one, "acronym refused: the articles share no name")
                }
                [one] => {
                    if g.union(n, one, self.name(), false) {
                        g.flag(n, one, "acronym never expanded in its article; the only candidate in the corpus", 0.6);
                    }
                }
                [] => {}
                _ => g.ambiguous(n, &cands, "acronym: more than one candidate"),
            }
        }
    }
}

impl Pass for Acronym {
    fn name(&self) -> &'static str {
        "acronym"
    }

    fn run(&self, g: &mut Graph) {
        for article in 0..g.texts.len() {
            self.in_article(g, article);
        }
        self.across_articles(g);
    }
}

#[cfg(test)]
mod tests {
    use crate::normalize::tests::{entity_names, run_corpus};
    use newsner_core::labels::EntityType::*;

    #[test]
    fn definitions_initials_and_ties_across_articles() {
        let n = run_corpus(&[
            (
                "a",
                "Advanced Micro Devices (AMD) and Hewlett-Packard, or HP, met.",
                &[
                    ("Advanced Micro Devices", Organization),
                    ("AMD", Organization),
                    ("Hewlett-Packard", Organization),
                    ("HP", Organization),
                ],
            ),
            (
                "b",
                "AMD rose. Satya Nadella met SNE.",
                &[
                    ("AMD", Other),
                    ("Satya Nadella", Person),
                    ("SNE", Organization),
                ],
            ),
        ]);
        let e = entity_names(&n);
        assert!(
            e.contains(&"Advanced Micro Devices | AMD".to_string()),
            "{e:?}"
        );
        assert!(e.contains(&"Hewlett-Packard | HP".to_string()), "{e:?}");
        // A person's initials are never taken for an acronym.
        assert!(
            e.contains(&"Satya Nadella".to_string()) && e.contains(&"SNE".to_string()),
            "{e:?}"
        );
    }

    #[test]
    fn an_acronym_spells_a_company_s_name_without_its_designator() {
        let n = run_corpus(&[
            (
                "a",
                "Advanced Micro Devices Inc and Intel fell. AMD said so.",
                &[
                    ("Advanced Micro Devices Inc", Organization),
                    ("Intel", Organization),
                    ("AMD", Organization),
                ],
            ),
            (
                "b",
                "Deutsche Unionist Party Ltd. DUP rose.",
                &[("Deutsche Unionist Party Ltd", Organization)],
            ),
            ("c", "DUP rose.", &[("DUP", Organization)]),
            (
                "d",
                "Newmont Mining Corp bought a mine in NM.",
                &[("Newmont Mining Corp", Organization), ("NM", Place)],
            ),
        ]);
        let e = entity_names(&n);
        assert!(
            e.contains(&"Advanced Micro Devices Inc | AMD".to_string()),
            "{e:?}"
        );
        // Only for an acronym typed a company.
        assert!(
            e.contains(&"Newmont Mining Corp".to_string()) && e.contains(&"NM".to_string()),
            "{e:?}"
        );
        // Not across articles: "BDO" of "BDO Stoy Hayward" is not "Big Day Out Ltd".
        assert!(
            e.contains(&"Deutsche Unionist Party Ltd".to_string())
                && e.contains(&"DUP".to_string()),
            "{e:?}"
        );
    }

    #[test]
    fn a_designator_s_letters_make_no_acronym_of_one_word() {
        let n = run_corpus(&[
            (
                "a",
                "Alphabet Inc rose on AI. British Broadcasting Corporation staff met.",
                &[
                    ("Alphabet Inc", Organization),
                    ("AI", Organization),
                    ("British Broadcasting Corporation", Organization),
                ],
            ),
            (
                "b",
                "AI grew. The BBC said so.",
                &[("AI", Organization), ("BBC", Organization)],
            ),
        ]);
        let e = entity_names(&n);
        for want in [
            "Alphabet Inc",
            "AI",
            "British Broadcasting Corporation | BBC",
        ] {
            assert!(e.contains(&want.to_string()), "{want}: {e:?}");
        }
    }

    #[test]
    fn an_acronym_with_two_candidates_stays_apart() {
        let n = run_corpus(&[
            (
                "a",
                "Alpha Beta Centre and Atlantic Broadcast Council. ABC said. 3D Graphics. The Associated Press. Reuters too.",
                &[
                    ("Alpha Beta Centre", Organization),
                    ("Atlantic Broadcast Council", Organization),
                    ("3D Graphics", Other),
                    ("Associated Press", Organization),
                    ("Reuters", Organization),
                ],
            ),
            (
                "b",
                "ABC said so. 3G rose. AP reported it. Reuters too.",
                &[
                    ("ABC", Organization),
                    ("3G", Other),
                    ("AP", Organization),
                    ("Reuters", Organization),
                ],
            ),
        ]);
        let e = entity_names(&n);
        assert!(e.contains(&"ABC".to_string()), "{e:?}");
        // Two letters, the one candidate of the corpus.
        assert!(e.contains(&"Associated Press | AP".to_string()), "{e:?}");
        assert!(
            e.contains(&"3G".to_string()),
            "a digit in two characters is not looked for corpus-wide: {e:?}"
        );
        assert!(n
            .review
            .iter()
            .any(|r| r.decision == "refused" && r.name.starts_with("ABC")));
    }

    #[test]
    fn an_undefined_acronym_takes_the_start_of_every_word() {
        use crate::normalize::names::is_syllable_acronym_of as spells;
        assert!(spells("TEPCO", "Tokyo Electric Power Company"));
        assert!(spells("HP", "Hewlett-Packard"));
        assert!(!spells("NCAA", "North Carolina"));
        assert!(!spells("NC", "North"));
        assert!(spells("PS2", "PlayStation 2"));
        assert!(spells("DoD", "Department of Defense"));
        assert!(spells("DD", "Department of Defense"));
        let n = run_corpus(&[(
            "a",
            "North Dakota won. The NDAA ruled on it.",
            &[("North Dakota", Place), ("NDAA", Organization)],
        )]);
        let e = entity_names(&n);
        assert!(e.contains(&"NDAA".to_string()), "{e:?}");
    }

    #[test]
    fn initials_alone_join_across_articles_only_where_the_articles_share_a_name() {
        let n = run_corpus(&[
            ("a", "The NHS said so.", &[("NHS", Organization)]),
            (
                "b",
                "Norfolk High School won.",
                &[("Norfolk High School", Organization)],
            ),
            (
                "c",
                "AP reported it from Paris.",
                &[("AP", Organization), ("Paris", Place)],
            ),
            (
                "d",
                "The Associated Press in Paris.",
                &[("Associated Press", Organization), ("Paris", Place)],
            ),
        ]);
        let e = entity_names(&n);
        for want in ["NHS", "Norfolk High School", "Associated Press | AP"] {
            assert!(e.contains(&want.to_string()), "{want}: {e:?}");
        }
        assert!(n
            .review
            .iter()
            .any(|r| r.decision == "refused" && r.reason.contains("share no name")));
    }
}
