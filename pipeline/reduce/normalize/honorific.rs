//! Pass `honorific`: a person's name with titles, honorifics and generational suffixes removed for
//! matching ("President Joe Biden", "Mr. Joe Biden Jr." = "Joe Biden"); the forms stay among the
//! aliases. The titles and suffixes are data: `models/lexicons/titles.txt` and `name_suffixes.txt`.

use super::graph::Graph;
use super::sieve::Pass;

/// Joins full person names with the same words once titles and suffixes are removed.
pub struct Honorific;

impl Pass for Honorific {
    fn name(&self) -> &'static str {
        "honorific"
    }

    fn run(&self, g: &mut Graph) {
        g.union_groups(self.name(), |n| {
            n.is_full_person().then(|| n.core.join(" "))
        });
    }
}

#[cfg(test)]
mod tests {
    use crate::normalize::tests::{entity_names, run_corpus};
    use newsner_core::labels::EntityType::*;

    #[test]
    fn titles_and_suffixes_are_removed_for_matching() {
        let n = run_corpus(&[
            (
                "a",
                "President Joe Biden spoke. Dr Ravi Patel listened.",
                &[("President Joe Biden", Person), ("Dr Ravi Patel", Person)],
            ),
            (
                "b",
                "Joe Biden Jr. and Ravi Patel.",
                &[("Joe Biden Jr.", Person), ("Ravi Patel", Person)],
            ),
        ]);
        let e = entity_names(&n);
        assert!(
            e.contains(&"Joe Biden Jr | President Joe Biden".to_string()),
            "{e:?}"
        );
        assert!(
            e.contains(&"Ravi Patel | Dr Ravi Patel".to_string()),
            "{e:?}"
        );
    }
}
