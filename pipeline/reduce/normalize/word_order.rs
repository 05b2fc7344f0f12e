//! Pass `word-order`: the same words in another order, small words aside ("Defence Ministry" =
//! "Ministry of Defence"), for names other than people's.

use super::graph::Graph;
use super::names::{phonetic, MINOR};
use super::sieve::Pass;
use newsner_core::labels::EntityType;

/// Joins non-person names with the same significant words.
pub struct WordOrder;

impl Pass for WordOrder {
    fn name(&self) -> &'static str {
        "word-order"
    }

    fn run(&self, g: &mut Graph) {
        g.union_groups(self.name(), |n| {
            if n.ty == EntityType::Person || n.core.len() < 2 {
                return None;
            }
            let mut words: Vec<String> = n
                .core
                .iter()
                .filter(|w| !MINOR.contains(&w.as_str()))
                .map(|w| phonetic(w))
                .collect();
            words.sort();
            Some(format!("{}\t{}", n.ty.as_str(), words.join(" ")))
        });
    }
}

#[cfg(test)]
mod tests {
    use crate::normalize::tests::{entity_names, run_corpus};
    use newsner_core::labels::EntityType::*;

    #[test]
    fn reordered_words_join() {
        let n = run_corpus(&[
            (
                "a",
                "The Defence Ministry said.",
                &[("Defence Ministry", Organization)],
            ),
            (
                "b",
                "The Ministry of Defence said. John Paul met Paul John.",
                &[
                    ("Ministry of Defence", Organization),
                    ("John Paul", Person),
                    ("Paul John", Person),
                ],
            ),
        ]);
        let e = entity_names(&n);
        assert!(
            e.contains(&"Defence Ministry | Ministry of Defence".to_string())
                || e.contains(&"Ministry of Defence | Defence Ministry".to_string()),
            "{e:?}"
        );
        assert!(
            e.contains(&"John Paul".to_string()) && e.contains(&"Paul John".to_string()),
            "{e:?}"
        );
    }
}
