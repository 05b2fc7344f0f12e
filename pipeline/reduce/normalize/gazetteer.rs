//! Pass `gazetteer`: place names that the gazetteer (`models/lexicons/places.tsv`, from GeoNames and
//! world-countries) gives as names of one and the same place ("Turkey" = "Türkiye", "UK" = "United
//! Kingdom"). A name the gazetteer gives to several places ("Georgia") joins nothing here.

use super::graph::Graph;
use super::sieve::Pass;
use newsner_core::labels::EntityType;

/// Joins variants of one place.
pub struct Gazetteer;

impl Pass for Gazetteer {
    fn name(&self) -> &'static str {
        "gazetteer"
    }

    fn run(&self, g: &mut Graph) {
        let lex = g.lex;
        g.union_groups(self.name(), |n| {
            (n.ty == EntityType::Place)
                .then(|| lex.place(&n.name).map(str::to_string))
                .flatten()
        });
    }
}

#[cfg(test)]
mod tests {
    use crate::normalize::tests::{entity_names, run_corpus};
    use newsner_core::labels::EntityType::*;

    #[test]
    fn variants_of_one_place_join() {
        let n = run_corpus(&[
            (
                "a",
                "Turkey and the UK and Georgia.",
                &[("Turkey", Place), ("UK", Place), ("Georgia", Place)],
            ),
            (
                "b",
                "Türkiye and the United Kingdom.",
                &[("Türkiye", Place), ("United Kingdom", Place)],
            ),
        ]);
        let e = entity_names(&n);
        assert!(
            e.iter()
                .any(|x| x.contains("Turkey") && x.contains("Türkiye")),
            "{e:?}"
        );
        assert!(e.contains(&"United Kingdom | UK".to_string()), "{e:?}");
        assert!(e.contains(&"Georgia".to_string()), "{e:?}");
    }
}
