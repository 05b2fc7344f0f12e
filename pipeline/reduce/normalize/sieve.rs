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

/// Every pass the sieve has, in the shipped order ([`super::config`] chooses which run, in what order).
pub fn all() -> Vec<Box<dyn Pass>> {
    vec![
        Box::new(super::exact::Exact),
        Box::new(super::declared::DeclaredAlias),
        Box::new(super::acronym::Acronym),
        Box::new(super::expansion::Expansion),
        Box::new(super::word_order::WordOrder),
        Box::new(super::spelling::Spelling),
        Box::new(super::gazetteer::Gazetteer),
        Box::new(super::containment::Containment),
        Box::new(super::exact::BareNames),
    ]
}

/// The names of every pass.
pub fn names() -> Vec<&'static str> {
    all().iter().map(|p| p.name()).collect()
}

/// The passes `order` names, in its order (names it does not know are skipped: the configuration
/// was checked when read).
pub fn passes(order: &[String]) -> Vec<Box<dyn Pass>> {
    let mut all: Vec<Option<Box<dyn Pass>>> = all().into_iter().map(Some).collect();
    order
        .iter()
        .filter_map(|name| {
            all.iter_mut()
                .find(|p| p.as_ref().is_some_and(|p| p.name() == name))
                .and_then(Option::take)
        })
        .collect()
}

/// Runs every pass over the graph.
pub fn run(g: &mut Graph) {
    for p in passes(&g.lex.config().sieve.passes) {
        p.run(g);
    }
}
