//! Pass `initials`: full person names that agree word for word once initials, middle names and words
//! written joined or apart are allowed for ("W. Mark Felt" = "Mark Felt" = "William Mark Felt";
//! "K. Rammohan Naidu" = "Ram Mohan Naidu"); see [`super::persons::compatible`]. Exact spelling only.

use super::graph::Graph;
use super::sieve::Pass;
use std::collections::{BTreeMap, HashSet};

/// Joins compatible full person names.
pub struct Initials;

/// Joins, within groups of full person names sharing one of `group_keys` (of the surname), each pair
/// the names of which can be one person; a merge of a similarity below 0.95 goes to review.
pub fn join_people(
    g: &mut Graph,
    pass: &'static str,
    group_keys: impl Fn(&str) -> Vec<String>,
    fuzzy: bool,
) {
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
                    if g.union(a, b, pass, false) && sim < 0.95 {
                        g.flag(a, b, pass, sim);
                    }
                }
            }
        }
    }
}

impl Pass for Initials {
    fn name(&self) -> &'static str {
        "initials"
    }

    fn run(&self, g: &mut Graph) {
        join_people(g, self.name(), |surname| vec![surname.to_string()], false);
    }
}

#[cfg(test)]
mod tests {
    use crate::normalize::tests::{entity_names, run_corpus};
    use newsner_core::labels::EntityType::*;

    #[test]
    fn initials_and_middle_names() {
        let n = run_corpus(&[
            ("a", "W. Mark Felt spoke.", &[("W. Mark Felt", Person)]),
            (
                "b",
                "Mark Felt and George H. W. Bush.",
                &[("Mark Felt", Person), ("George H. W. Bush", Person)],
            ),
            (
                "c",
                "William Mark Felt and George W. Bush.",
                &[("William Mark Felt", Person), ("George W. Bush", Person)],
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
            ("a", "Fred Blix died.", &[("Fred Blix", Person)]),
            ("b", "Frederick Blix was 76.", &[("Frederick Blix", Person)]),
            (
                "c",
                "Frederick Cheney Blix served.",
                &[("Frederick Cheney Blix", Person)],
            ),
            ("d", "Tom Jones sang.", &[("Tom Jones", Person)]),
            (
                "e",
                "Tommy Lee Jones acted.",
                &[("Tommy Lee Jones", Person)],
            ),
            ("f", "T Jones spoke.", &[("T Jones", Person)]),
            ("g", "Tina Jones spoke.", &[("Tina Jones", Person)]),
            (
                "h",
                "Chris Rhys Jones spoke.",
                &[("Chris Rhys Jones", Person)],
            ),
            (
                "i",
                "Chris Jones and Rhys Jones spoke.",
                &[("Chris Jones", Person), ("Rhys Jones", Person)],
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
}
