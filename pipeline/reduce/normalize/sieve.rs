//! The sieve: normalization as an ordered sequence of small passes, most precise first, after the
//! deterministic coreference sieve of Lee et al. (2013). Each pass joins clusters of the [`Graph`] only
//! through [`Graph::union`], which checks the cannot-link constraints; its name is what
//! `merge_reasons` records.

use super::graph::Graph;

/// One pass of the sieve.
pub trait Pass {
    /// The pass's name, as `merge_reasons` records it.
    fn name(&self) -> &'static str;
    /// Joins what the pass is sure of.
    fn run(&self, g: &mut Graph);
}

/// The passes, in order.
pub fn passes() -> Vec<Box<dyn Pass>> {
    vec![
        Box::new(super::exact::Exact),
        Box::new(super::declared::DeclaredAlias),
        Box::new(super::honorific::Honorific),
        Box::new(super::designator::Designator),
        Box::new(super::acronym::Acronym),
        Box::new(super::expansion::Expansion),
        Box::new(super::word_order::WordOrder),
        Box::new(super::initials::Initials),
        Box::new(super::spelling::Spelling),
        Box::new(super::gazetteer::Gazetteer),
        Box::new(super::containment::Containment),
        Box::new(super::exact::BareNames),
    ]
}

/// Runs every pass over the graph.
pub fn run(g: &mut Graph) {
    for p in passes() {
        p.run(g);
    }
}
