//! Pass `gazetteer`: place names linked to one GeoNames id in their articles ("Calcutta" and
//! "Kolkata"; [`crate::geo::link`]), then names that the list of variants (`models/lexicons/places.tsv`,
//! from GeoNames and world-countries) gives as names of one and the same place ("Turkey" = "Türkiye",
//! "UK" = "United Kingdom"). A name the list gives to several places ("Georgia") joins nothing by the
//! list, and names linked to two ids never join (see `constraints`).

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
        let mut by_id: std::collections::BTreeMap<usize, Vec<usize>> = Default::default();
        for i in 0..g.nodes.len() {
            if let Some(p) = g.place_of(i) {
                by_id.entry(p).or_default().push(i);
            }
        }
        for nodes in by_id.values() {
            for &b in &nodes[1..] {
                g.union(nodes[0], b, self.name(), false);
            }
        }
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
