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
//! X Centre" is too little to tell a building from an institution. So is a name typed a person, with
//! no facility word: a building named after one ("back at Betty Ford"); of the names of two mentions
//! or more, half after a site word, none is a person's in CoNLL-2003 or OntoNotes 5 train (23 and 108
//! names). And what someone checks into is a building whatever its name ("checked into Morningside
//! Recovery", "checked herself into the X"): a name typed an organization or a person with one such
//! mention is a place, corpus-wide.

use super::around::{Around, Corpus};
use super::lexicon::{Cue, Lexicons};
use super::names::key;
use super::widen::Ghost;
use newsner_core::labels::EntityType;
use std::collections::HashMap;

/// Turns the organizations and people of `types` that are facilities named as sites into places (see
/// the module's text).
pub fn retype(corpus: &Corpus, ghosts: &[Ghost], lex: &Lexicons, types: &mut [EntityType]) {
    let is_facility = |name: &str| {
        name.split_whitespace()
            .next_back()
            .is_some_and(|w| lex.cue(w, Cue::Facility))
    };
    // Per name: its mentions, how many of them follow a site word, and whether one is checked into.
    let mut sites: HashMap<String, Tally> = HashMap::new();
    for (i, name) in corpus.names.iter().enumerate() {
        if !matches!(types[i], EntityType::Organization | EntityType::Person) {
            continue;
        }
        let around = corpus.around(i);
        let e = sites.entry(key(name)).or_default();
        e.mentions.push(i);
        e.sites += usize::from(around.as_ref().is_some_and(|a| a.after_cue(Cue::Site, lex)));
        e.checked |= around.as_ref().is_some_and(|a| checked_into(a, lex));
        e.person |= types[i] == EntityType::Person;
    }
    // A mention widened to a longer name was checked into under the name it had too ("checked into
    // Promises", widened to the "Promises Treatment Center" named elsewhere).
    for g in ghosts {
        let text = corpus.texts.get(g.article).copied().unwrap_or("");
        if let Some(t) = sites.get_mut(&key(&g.mention.name)) {
            t.checked |= Around::of(text, &g.mention).is_some_and(|a| checked_into(&a, lex));
        }
    }
    for (k, t) in sites {
        let site =
            2 * t.sites >= t.mentions.len() && t.sites >= lex.config().context.facility_min_sites;
        if t.checked || (site && (t.person || is_facility(&k))) {
            for i in t.mentions {
                types[i] = EntityType::Place;
            }
        }
    }
}

/// The mentions of one name that [`retype`] reads.
#[derive(Default)]
struct Tally {
    mentions: Vec<usize>,
    /// How many follow a site word.
    sites: usize,
    /// Whether one is checked into.
    checked: bool,
    /// Whether one is typed a person.
    person: bool,
}

/// Whether the mention is what someone checks into: "checked into X", "checks in to the X", "checked
/// herself into X".
pub fn checked_into(around: &Around, lex: &Lexicons) -> bool {
    let mut words = around.before.iter().map(|w| w.to_lowercase()).peekable();
    words.next_if_eq("the");
    let into = match words.next().as_deref() {
        Some("into") => true,
        Some("to") => words.next().as_deref() == Some("in"),
        _ => false,
    };
    words.next_if(|w| lex.cue(w, Cue::Reflexive));
    into && words.next().is_some_and(|w| lex.cue(&w, Cue::Check))
}

/// Whether a facility word follows the mention in lowercase, right after it or after one lowercase
/// modifier of four letters or more ("rehab", "county"; not "and"): "the Cliffside rehab centre",
/// "Belmarsh prison" (the model left the common noun out of the name).
pub fn before_facility_word(around: &Around, lex: &Lexicons) -> bool {
    let lower = |w: &str| w.chars().next().is_some_and(char::is_lowercase);
    let facility = |w: &str| lower(w) && lex.cue(w, Cue::Facility);
    match around.after[..] {
        [w, ..] if facility(w) => true,
        [m, w, ..] => lower(m) && m.chars().count() >= 4 && facility(w),
        _ => false,
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
        retype(&corpus, &[], &sample(), &mut types);
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

    #[test]
    fn a_building_named_after_a_person_is_a_place_where_mostly_named_as_a_site() {
        let texts = [
            "She is back at Ann Ford.",
            "She spent time at Ann Ford.",
            "Ann Ford said so.",
        ];
        assert_eq!(retyped(&texts, "Ann Ford", Person), [Place; 3]);
        let texts = [
            "She met Ann Ford.",
            "Ann Ford said so.",
            "A talk at Ann Ford.",
        ];
        assert_eq!(retyped(&texts, "Ann Ford", Person), [Person; 3]);
    }

    #[test]
    fn a_facility_word_after_a_name_in_lowercase_makes_it_a_facility_s() {
        let lex = sample();
        let says = |text: &str, name: &str| {
            let m = mention_at("a", text, name, 0, EntityType::Place);
            Around::of(text, &m).is_some_and(|a| before_facility_word(&a, &lex))
        };
        assert!(says("She left the Cy Ford rehab hospital.", "Cy Ford"));
        assert!(says("Patients of the Lund clinic.", "Lund"));
        assert!(!says("Cy Ford and hospital staff.", "Cy Ford"));
        assert!(!says("The Cy Ford Hospital.", "Cy Ford"));
        assert!(!says(
            "Cy Ford said the rehab hospital was full.",
            "Cy Ford"
        ));
    }

    #[test]
    fn what_someone_checks_into_is_a_place() {
        for text in [
            "She checked into Acme Recovery.",
            "She checked herself into the Acme Recovery.",
            "She checks in to Acme Recovery.",
        ] {
            assert_eq!(
                retyped(
                    &[text, "Acme Recovery hired."],
                    "Acme Recovery",
                    Organization
                ),
                [Place, Place],
                "{text}"
            );
        }
        for text in ["She went into Acme Recovery.", "A check on Acme Recovery."] {
            assert_eq!(
                retyped(&[text], "Acme Recovery", Organization),
                [Organization],
                "{text}"
            );
        }
    }

    #[test]
    fn a_name_checked_into_before_it_was_widened_is_a_place() {
        let text = "She checked into Acme Recovery Center. Acme said so.";
        let widened = mention_at("a", text, "Acme Recovery Center", 0, Place);
        let acme = mention_at("a", text, "Acme", 39, Person);
        let was = mention_at("a", text, "Acme", 0, Person);
        let ms = [widened, acme];
        let names: Vec<String> = ms.iter().map(|m| m.name.clone()).collect();
        let corpus = Corpus {
            mentions: &ms,
            names: &names,
            article_of: &[0, 0],
            texts: &[text],
        };
        let run = |ghosts: &[Ghost]| {
            let mut types = vec![Place, Person];
            retype(&corpus, ghosts, &sample(), &mut types);
            types
        };
        assert_eq!(run(&[]), [Place, Person]);
        let ghost = Ghost {
            article: 0,
            mention: was,
        };
        assert_eq!(run(&[ghost]), [Place, Place]);
    }
}
