//! Pass `exact`: the same name after clean-up (case, accents, quotes, punctuation, a leading "the")
//! is one entity across articles. A person named by one word only waits for the containment pass: "Peterson"
//! in two articles may be two people. [`BareNames`] joins the one-word names no pass resolved.

use super::graph::Graph;
use super::sieve::Pass;

/// Joins nodes with the same key, except one-word person names.
pub struct Exact;

impl Pass for Exact {
    fn name(&self) -> &'static str {
        "exact"
    }

    fn run(&self, g: &mut Graph) {
        g.union_groups(self.name(), |n| {
            (!n.is_bare_person()).then(|| n.key.clone())
        });
    }
}

/// The last pass: one-word person names that joined no full name are one entity per word ("Patel",
/// "Dr Patel"), apart from those that did.
pub struct BareNames;

impl Pass for BareNames {
    fn name(&self) -> &'static str {
        "bare-name"
    }

    fn run(&self, g: &mut Graph) {
        let lone: Vec<bool> = (0..g.nodes.len())
            .map(|n| {
                g.nodes[n].is_bare_person()
                    && g.cluster(n).iter().all(|&m| !g.nodes[m].is_full_person())
            })
            .collect();
        let keys: Vec<Option<String>> = (0..g.nodes.len())
            .map(|n| lone[n].then(|| g.nodes[n].core.join(" ")))
            .collect();
        let mut groups: std::collections::BTreeMap<&str, Vec<usize>> = Default::default();
        for (n, k) in keys.iter().enumerate() {
            if let Some(k) = k {
                groups.entry(k.as_str()).or_default().push(n);
            }
        }
        for group in groups.values() {
            for &b in &group[1..] {
                g.union(group[0], b, self.name(), false);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::normalize::tests::{entity_names, run_corpus};
    use newsner_core::labels::EntityType::*;

    #[test]
    fn same_names_join_across_articles_but_bare_surnames_wait() {
        let n = run_corpus(&[
            (
                "a",
                "‘Paris’ is calm. Peterson spoke.",
                &[("‘Paris’", Place), ("Peterson", Person)],
            ),
            (
                "b",
                "PARIS is calm. Scott Peterson and Laci Peterson. Peterson spoke.",
                &[
                    ("PARIS", Place),
                    ("Scott Peterson", Person),
                    ("Laci Peterson", Person),
                    ("Peterson", Person),
                ],
            ),
        ]);
        let e = entity_names(&n);
        let paris = n.entities.iter().find(|e| e.name == "Paris").unwrap();
        assert_eq!(paris.articles.len(), 2, "{e:?}");
        // The bare "Peterson" of b has two candidates in its article: it joins neither.
        assert!(
            e.iter()
                .any(|x| x.starts_with("Scott Peterson") && !x.contains("| Peterson")),
            "{e:?}"
        );
    }
}
