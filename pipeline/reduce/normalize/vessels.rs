//! Ships are named with a prefix: "HMS Belfast", "INS Mysore", "MV Faina" (`vessel` in
//! `models/lexicons/context_cues.tsv`, written in capitals). Such a name, and the same name without
//! its prefix anywhere in its article ("the Mysore fired warning shots"), is the vessel's: `other`,
//! never the city, state or person the ship is named after. In documents that name a ship so,
//! OntoNotes 5 (train, dev) tags 77 of 77 mentions of its bare name PRODUCT and CoNLL-2003 (train,
//! dev, test) 3 of 3 MISC; the model had typed "INS Mysore" an organization and "Mysore" the city.

use super::around::Corpus;
use super::lexicon::{Cue, Lexicons};
use super::names::key;
use newsner_core::labels::EntityType;
use std::collections::HashSet;

/// Types `other` every mention of a ship's name, with its prefix or without it in an article that
/// gives it (the module's text).
pub fn retype(corpus: &Corpus, lex: &Lexicons, types: &mut [EntityType]) {
    let mut ships: HashSet<(usize, String)> = HashSet::new();
    for (i, name) in corpus.names.iter().enumerate() {
        let a = corpus.article_of[i];
        if let Some(bare) = without_prefix(name, lex) {
            ships.insert((a, key(name)));
            ships.insert((a, key(bare)));
        } else if corpus
            .around(i)
            .is_some_and(|w| w.before.first().is_some_and(|p| is_prefix(p, lex)))
        {
            ships.insert((a, key(name)));
        }
    }
    for (i, name) in corpus.names.iter().enumerate() {
        if ships.contains(&(corpus.article_of[i], key(name))) {
            types[i] = EntityType::Other;
        }
    }
}

/// A name's words after a ship prefix that opens it ("INS Mysore" → "Mysore"); `None` for any other.
fn without_prefix<'a>(name: &'a str, lex: &Lexicons) -> Option<&'a str> {
    let (first, rest) = name.split_once(' ')?;
    let rest = rest.trim();
    (is_prefix(first, lex) && rest.starts_with(char::is_uppercase)).then_some(rest)
}

/// Whether a word is a ship prefix as written: in capitals ("INS", not "Ins").
fn is_prefix(word: &str, lex: &Lexicons) -> bool {
    word.chars().count() >= 2
        && word.chars().all(|c| c.is_ascii_uppercase())
        && lex.cue(word, Cue::Vessel)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::tests::mention_at;
    use EntityType::*;

    /// A ship's name with its prefix, and alone in the same article, is the ship's; the same name in
    /// an article that names no ship keeps its type, and so does a name after a word in other case.
    #[test]
    fn a_ships_name_with_or_without_its_prefix_is_the_ships() {
        let dir = newsner_core::source_root().join(newsner_core::DEFAULT_LEXICONS);
        let lex = Lexicons::load(&dir).unwrap();
        let texts = [
            "The INS Mysore fired warning shots. Mysore then sailed on.",
            "The frigate HMS Belfast docked. Belfast welcomed it.",
            "Talks in Mysore ended. Ins Belfast is no ship.",
        ];
        let found = [
            (0, "INS Mysore", Organization),
            (0, "Mysore", Place),
            (1, "Belfast", Place),
            (1, "Belfast", Place),
            (2, "Mysore", Place),
            (2, "Belfast", Place),
        ];
        let mut from = [0usize; 3];
        let mut mentions = Vec::new();
        let mut article_of = Vec::new();
        for &(a, name, t) in &found {
            let m = mention_at("a", texts[a], name, from[a], t);
            from[a] = m.byte_start + m.text.len();
            mentions.push(m);
            article_of.push(a);
        }
        let names: Vec<String> = found.iter().map(|f| f.1.to_string()).collect();
        let corpus = Corpus {
            mentions: &mentions,
            names: &names,
            article_of: &article_of,
            texts: &texts,
        };
        let mut types: Vec<EntityType> = found.iter().map(|f| f.2).collect();
        retype(&corpus, &lex, &mut types);
        assert_eq!(types, [Other, Other, Other, Other, Place, Place]);
    }
}
