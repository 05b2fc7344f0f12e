//! Pass `expansion`: a name that opens with an acronym is the name that opens with the words it
//! stands for ("LA Times" = "Los Angeles Times", "SVB UK" = "Silicon Valley Bank UK", "UN Development
//! Programme" = "United Nations Development Programme"). Both are of one type (never a person's: a
//! person's initials are the `initials` pass's), the words after the acronym are the longer name's
//! last words, and the acronym spells the initials of the words before them strictly, two words at
//! least ("GM Europe" = "General Motors Europe"; "AP Europe" is not "American Airlines Pacific
//! Europe", whose words before "Europe" spell "AAP"). Across the corpus, where exactly one cluster is such a name; with several the name stays
//! apart and goes to review.

use super::graph::Graph;
use super::names::{is_initials_of, looks_like_acronym};
use super::sieve::Pass;
use newsner_core::labels::EntityType;
use std::collections::HashMap;

/// Joins names that open with an acronym to the names that spell it out.
pub struct Expansion;

impl Pass for Expansion {
    fn name(&self) -> &'static str {
        "expansion"
    }

    fn run(&self, g: &mut Graph) {
        // Names of three words or more, by type and last word.
        let mut by_last: HashMap<(EntityType, &str), Vec<usize>> = HashMap::new();
        for (i, n) in g.nodes.iter().enumerate() {
            if n.ty != EntityType::Person && n.core.len() >= 3 {
                if let Some(last) = n.core.last() {
                    by_last.entry((n.ty, last.as_str())).or_default().push(i);
                }
            }
        }
        let mut joins = Vec::new();
        for (i, n) in g.nodes.iter().enumerate() {
            if n.ty == EntityType::Person || n.core.len() < 2 || !opens_with_acronym(&n.name) {
                continue;
            }
            let (acronym, tail) = (&n.core[0], &n.core[1..]);
            let Some(pool) = n.core.last().and_then(|w| by_last.get(&(n.ty, w.as_str()))) else {
                continue;
            };
            let spelled = pool.iter().copied().filter(|&c| {
                let core = &g.nodes[c].core;
                core.len() >= tail.len() + 2
                    && core.ends_with(tail)
                    && is_initials_of(acronym, &core[..core.len() - tail.len()].join(" "))
            });
            joins.push((i, g.clusters_of(spelled)));
        }
        for (i, roots) in joins {
            let roots: Vec<usize> = roots.into_iter().filter(|&r| r != g.find(i)).collect();
            match roots.as_slice() {
                [] => {}
                [one] => {
                    g.union(i, *one, self.name(), false);
                }
                several => g.ambiguous(i, several, "expansion: several names spell the acronym"),
            }
        }
    }
}

/// Whether a name's first word (past a "the") is an acronym ("LA Times", "the U.S. Navy").
fn opens_with_acronym(name: &str) -> bool {
    let mut words = name.split_whitespace().peekable();
    words.next_if(|w| w.eq_ignore_ascii_case("the"));
    words.next().is_some_and(looks_like_acronym)
}

#[cfg(test)]
mod tests {
    use crate::normalize::tests::{entity_names, run_corpus};
    use newsner_core::labels::EntityType::*;

    #[test]
    fn a_name_opening_with_an_acronym_is_the_name_spelling_it_out() {
        let n = run_corpus(&[
            (
                "a",
                "The Los Angeles Times and General Motors Europe. Silicon Valley Bank UK. American \
                 Airlines Pacific Europe.",
                &[
                    ("Los Angeles Times", Organization),
                    ("General Motors Europe", Organization),
                    ("Silicon Valley Bank UK", Organization),
                    ("American Airlines Pacific Europe", Organization),
                ],
            ),
            (
                "b",
                "The LA Times, GM Europe and SVB UK. AP Europe. LA Lakers. IE 7.",
                &[
                    ("LA Times", Organization),
                    ("GM Europe", Organization),
                    ("SVB UK", Organization),
                    ("AP Europe", Organization),
                    ("LA Lakers", Organization),
                    ("IE 7", Other),
                ],
            ),
            ("c", "Internet Explorer 7.", &[("Internet Explorer 7", Other)]),
        ]);
        let e = entity_names(&n);
        for want in [
            "Los Angeles Times | LA Times",
            "General Motors Europe | GM Europe",
            "Silicon Valley Bank UK | SVB UK",
            // "AP" spells the initials of two words only: "Pacific Europe" is not "Europe".
            "AP Europe",
            "American Airlines Pacific Europe",
            "LA Lakers",
            // Any type but a person's.
            "Internet Explorer 7 | IE 7",
        ] {
            assert!(e.contains(&want.to_string()), "{want}: {e:?}");
        }
    }

    #[test]
    fn two_names_spelling_the_acronym_leave_it_apart() {
        let n = run_corpus(&[
            (
                "a",
                "Los Angeles Times. Lima Agency Times.",
                &[
                    ("Los Angeles Times", Organization),
                    ("Lima Agency Times", Organization),
                ],
            ),
            ("b", "LA Times.", &[("LA Times", Organization)]),
        ]);
        let e = entity_names(&n);
        assert!(e.contains(&"LA Times".to_string()), "{e:?}");
        assert!(n.review.iter().any(|r| r.reason.starts_with("expansion")));
    }
}
