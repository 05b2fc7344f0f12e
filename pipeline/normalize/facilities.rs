//! Named facilities where things happen are places: "checked into the Mercy Clinic", "treated at St
//! Mary's Hospital", "held at the Evin Prison". The model types many such names organizations
//! (OntoNotes 5, half its training, types most named institutions so); CoNLL-2003, whose four types
//! the tables serve, types them locations: of the names ending in a facility word
//! (`models/lexicons/context_cues.tsv`) after a site word ("at", "into"), 14 of 15 in its train, dev
//! and test sets. "In", "from" and "to" are no site words: "abuse in the Catholic Church", "a doctor
//! from Mercy Hospital", "according to Mercy Hospital" name the institution.
//!
//! A name typed an organization whose last word is a facility word is a place, corpus-wide, where at
//! least half of its mentions follow a site word ("the" aside), and two at least: one "director at the
//! X Centre" is too little to tell a building from an institution.

use super::around::Corpus;
use super::lexicon::{Cue, Lexicons};
use super::names::key;
use crate::ner::labels::EntityType;
use std::collections::HashMap;

/// How many mentions after a site word make a facility's name a place.
pub const MIN_SITES: usize = 2;

/// Turns the organizations of `types` that are facilities named as sites into places (see the
/// module's text).
pub fn retype(corpus: &Corpus, lex: &Lexicons, types: &mut [EntityType]) {
    let is_facility = |name: &str| {
        name.split_whitespace()
            .next_back()
            .is_some_and(|w| lex.cue(w, Cue::Facility))
    };
    // Per name: its mentions, and how many of them follow a site word.
    let mut sites: HashMap<String, (Vec<usize>, usize)> = HashMap::new();
    for (i, name) in corpus.names.iter().enumerate() {
        if types[i] != EntityType::Organization || !is_facility(name) {
            continue;
        }
        let site = corpus
            .around(i)
            .is_some_and(|a| a.after_cue(Cue::Site, lex));
        let e = sites.entry(key(name)).or_default();
        e.0.push(i);
        e.1 += usize::from(site);
    }
    for (all, site) in sites.into_values() {
        if 2 * site >= all.len() && site >= MIN_SITES {
            for i in all {
                types[i] = EntityType::Place;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::lexicon::tests::sample;
    use crate::normalize::tests::mention_at;
    use EntityType::*;

    /// The types `retype` gives every mention of `name` in the articles, each first typed `t`.
    fn retyped(texts: &[&str], name: &str, t: EntityType) -> Vec<EntityType> {
        let mut ms = Vec::new();
        let mut article_of = Vec::new();
        for (a, text) in texts.iter().enumerate() {
            for (at, _) in text.match_indices(name) {
                ms.push(mention_at("a", text, name, at, t));
                article_of.push(a);
            }
        }
        let names = vec![name.to_string(); ms.len()];
        let mut types = vec![t; ms.len()];
        let corpus = Corpus {
            mentions: &ms,
            names: &names,
            article_of: &article_of,
            texts,
        };
        retype(&corpus, &sample(), &mut types);
        types
    }

    #[test]
    fn a_facility_named_as_a_site_is_a_place_in_every_article() {
        let texts = [
            "She checked into the Mercy Hospital on Monday.",
            "Mercy Hospital said she was well.",
            "She is at Mercy Hospital.",
        ];
        assert_eq!(
            retyped(&texts, "Mercy Hospital", Organization),
            [Place, Place, Place]
        );
        // One such mention is too little.
        assert_eq!(
            retyped(
                &["Fans gathered at St Mary Church."],
                "St Mary Church",
                Organization
            ),
            [Organization]
        );
    }

    #[test]
    fn a_facility_named_as_an_institution_stays_one() {
        // Mostly not after a site word; "in" and "to" name the institution.
        let texts = [
            "Mercy Hospital said so.",
            "Mercy Hospital hired nurses.",
            "Mercy Hospital grew.",
            "She was at Mercy Hospital.",
            "He was at Mercy Hospital.",
        ];
        assert_eq!(
            retyped(&texts, "Mercy Hospital", Organization),
            [Organization; 5]
        );
        let texts = [
            "Abuse in the Catholic Church.",
            "A speech to the Catholic Church.",
        ];
        assert_eq!(
            retyped(&texts, "Catholic Church", Organization),
            [Organization; 2]
        );
        // Only facility words, only organizations.
        assert_eq!(
            retyped(&["He went to Acme Corp."], "Acme Corp", Organization),
            [Organization]
        );
        assert_eq!(
            retyped(&["He went to Mercy Hospital."], "Mercy Hospital", Person),
            [Person]
        );
    }
}
