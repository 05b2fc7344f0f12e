//! Pass `initials`: full person names that agree word for word once initials, middle names and words
//! written joined or apart are allowed for ("W. Mark Felt" = "Mark Felt" = "William Mark Felt";
//! "K. Rammohan Naidu" = "Ram Mohan Naidu"); see [`super::persons::compatible`]. Exact spelling only.

use super::graph::Graph;
use super::sieve::Pass;
use std::collections::BTreeMap;

/// Joins compatible full person names.
pub struct Initials;

/// Joins, within groups of full person names sharing `group_key`, each pair that `matches`; `flag`
/// decides which merges go to review.
pub fn join_people(
    g: &mut Graph,
    pass: &'static str,
    group_key: impl Fn(&str) -> String,
    fuzzy: bool,
) {
    let mut groups: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (i, n) in g.nodes.iter().enumerate() {
        if n.is_full_person() {
            groups
                .entry(group_key(&n.core[n.core.len() - 1]))
                .or_default()
                .push(i);
        }
    }
    for group in groups.values() {
        for (x, &a) in group.iter().enumerate() {
            for &b in &group[x + 1..] {
                if g.find(a) == g.find(b) || g.nodes[a].key == g.nodes[b].key {
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
        join_people(g, self.name(), |surname| surname.to_string(), false);
    }
}

#[cfg(test)]
mod tests {
    use crate::ner::labels::EntityType::*;
    use crate::normalize::tests::{entity_names, run_corpus};

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
}
