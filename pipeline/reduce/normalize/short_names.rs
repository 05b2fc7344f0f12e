//! A one-word name typed by the longer names its article gives (rules 7–9 of
//! [`types`](super::types)):
//! - a **given name** the model is unsure of (in its article and in the corpus), of a person the
//!   article names in full and by surname alone, is that person's ("Kylian is a player" beside
//!   "Kylian Mbappe" and "Mbappe"). Of one-word names that are the given name of a person so named in
//!   their document, CoNLL-2003 train types 34 of 34 people, OntoNotes 5 train 168 of 169;
//! - a **surname** the model is unsure of, of exactly one person the article names in full (and the
//!   model is sure of that name once at least: on BBC "Preston Harriers", 0.54, and "Mario Kart DS",
//!   0.64, are no people's), where no organization of the article starts with it, is that person's
//!   ("sued Lochridge" beside "David Lochridge"). Of such one-word names, CoNLL-2003 train types 1,535
//!   of 1,543 people, OntoNotes 5 train 4,067 of 4,095 (of the rest, 12 are places the gazetteer
//!   keeps: London, Washington, Riyadh);
//! - a **company's name** without its designators ("Engro" beside "Engro Corporation"), where no
//!   person of the article is named in full with it as surname, is that organization's where the
//!   model is unsure or calls it a person, however sure (a sure "other" stays: "a purist Islamic
//!   state" beside "the Islamic Group"): of such one-word names CoNLL-2003 train types 104 of 104
//!   organizations, OntoNotes 5 train 1,022 of 1,038 (11 of the others are people's in the
//!   annotation, "Akzo" among them, 5 places).
//!
//! None of the rules applies to a demonym, nor to a place of the gazetteer, except the surname rule
//! to a name the gazetteer knows only as a city's ("trade Lowell" beside "Mike Lowell"): of one-word
//! names that are the surname of exactly one person their document names in full and a city's name in
//! `places.tsv` (not a country's, capital's, state's or region's), CoNLL-2003 train types 201 of 203
//! people (the others "Houston" and "Castilla"), OntoNotes 5 train 473 of 476 ("Castro", "Houston" and
//! "Sadr" places); with countries, capitals and states too, 207 of 210 and 507 of 519 ("London",
//! "Washington", "Riyadh"; `scripts/eval/surname-places.py`).

use super::around::Corpus;
use super::graph::core_tokens;
use super::lexicon::Lexicons;
use newsner_core::labels::EntityType;
use std::collections::{HashMap, HashSet};

/// An (article, word) key.
type Key = (usize, String);

/// The longer names of each article that the rules read, by the word that a one-word name shares
/// with them.
#[derive(Default)]
struct ArticleNames {
    /// People's surnames named alone ("Mbappe").
    bare: HashSet<Key>,
    /// Given names of people named in full whose surname is also named alone.
    given: HashSet<Key>,
    /// How many people named in full have this surname.
    surnames: HashMap<Key, usize>,
    /// Surnames of people named in full in a mention the model is sure of (`sure_score` of `[types]`).
    surely_named: HashSet<Key>,
    /// First words of organizations' names of two words or more.
    org_starts: HashSet<Key>,
    /// Organizations' names that are one word once their designators are left out ("Engro").
    companies: HashSet<Key>,
}

impl ArticleNames {
    fn of(corpus: &Corpus, types: &[EntityType], lex: &Lexicons) -> Self {
        let mut out = Self::default();
        let core = |i: usize| core_tokens(&corpus.names[i], types[i], lex);
        let people: Vec<(usize, usize, Vec<String>)> = (0..types.len())
            .filter(|&i| types[i] == EntityType::Person)
            .map(|i| (i, corpus.article_of[i], core(i)))
            .collect();
        let mut full: HashMap<Key, HashSet<&[String]>> = HashMap::new();
        for (i, a, words) in &people {
            match &words[..] {
                [w] => {
                    out.bare.insert((*a, w.clone()));
                }
                [_, .., last] => {
                    full.entry((*a, last.clone())).or_default().insert(words);
                    if corpus.mentions[*i].score >= lex.config().types.sure_score {
                        out.surely_named.insert((*a, last.clone()));
                    }
                }
                [] => {}
            }
        }
        out.surnames = full.into_iter().map(|(k, v)| (k, v.len())).collect();
        for (_, a, words) in &people {
            if let [first, .., last] = &words[..] {
                if out.bare.contains(&(*a, last.clone())) {
                    out.given.insert((*a, first.clone()));
                }
            }
        }
        for i in (0..types.len()).filter(|&i| types[i] == EntityType::Organization) {
            let a = corpus.article_of[i];
            let words = core(i);
            if let [first, _, ..] = &words[..] {
                out.org_starts.insert((a, first.clone()));
            }
            let designated = corpus.names[i]
                .split_whitespace()
                .last()
                .is_some_and(|w| lex.is_designator(w));
            if let ([w], true) = (&words[..], designated) {
                out.companies.insert((a, w.clone()));
            }
        }
        out
    }

    /// The type rules 7–9 give a one-word name `word` of article `a`, if any; for a name the
    /// gazetteer knows as a city's (`city`), only the surname rule.
    fn retype(
        &self,
        a: usize,
        word: &str,
        t: EntityType,
        unsure: bool,
        city: bool,
    ) -> Option<EntityType> {
        let key = (a, word.to_string());
        let surnamed = self.surnames.get(&key).copied().unwrap_or(0);
        let surname =
            surnamed == 1 && self.surely_named.contains(&key) && !self.org_starts.contains(&key);
        if city {
            return (t != EntityType::Person && unsure && surname).then_some(EntityType::Person);
        }
        let company = surnamed == 0 && self.companies.contains(&key);
        if company && (t == EntityType::Person || unsure && t != EntityType::Organization) {
            return Some(EntityType::Organization);
        }
        if t == EntityType::Person || !unsure {
            return None;
        }
        let given = self.given.contains(&key);
        (given || surname).then_some(EntityType::Person)
    }
}

/// Retypes the one-word names of `types` by the longer names of their articles (the module's text);
/// `unsure` says whether the model is unsure of mention `i`'s name in its article and in the corpus.
pub fn retype(
    corpus: &Corpus,
    lex: &Lexicons,
    unsure: impl Fn(usize) -> bool,
    types: &mut [EntityType],
) {
    let names = ArticleNames::of(corpus, types, lex);
    let decided: Vec<Option<EntityType>> = (0..types.len())
        .map(|i| {
            let name = corpus.names[i].trim();
            let place = lex.places(name).is_some();
            let city = place && !lex.is_major_place(name);
            if name.contains(char::is_whitespace)
                || (place && !city)
                || lex.demonym_of(name).is_some()
            {
                return None;
            }
            match &core_tokens(name, types[i], lex)[..] {
                [w] => names.retype(corpus.article_of[i], w, types[i], unsure(i), city),
                _ => None,
            }
        })
        .collect();
    for (t, d) in types.iter_mut().zip(decided) {
        if let Some(d) = d {
            *t = d;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::lexicon::tests::sample;
    use crate::normalize::tests::mention_at;
    use crate::normalize::CleanMention;
    use EntityType::*;

    /// The types `retype` gives mentions (name, type) of one article `text`, `unsure` of all or none.
    fn run(text: &str, ms: &[(&str, EntityType)], unsure: bool) -> Vec<EntityType> {
        let mentions: Vec<_> = ms
            .iter()
            .map(|(n, t)| mention_at("a", text, n, 0, *t))
            .collect();
        run_on(text, mentions, unsure)
    }

    /// The types `retype` gives `mentions` of one article `text`, `unsure` of all or none.
    fn run_on(text: &str, mentions: Vec<CleanMention>, unsure: bool) -> Vec<EntityType> {
        let names: Vec<String> = mentions.iter().map(|m| m.name.clone()).collect();
        let article_of = vec![0; mentions.len()];
        let texts = [text];
        let corpus = Corpus {
            mentions: &mentions,
            names: &names,
            article_of: &article_of,
            texts: &texts,
        };
        let mut types: Vec<EntityType> = mentions.iter().map(|m| m.entity_type).collect();
        retype(&corpus, &sample(), |_| unsure, &mut types);
        types
    }

    #[test]
    fn an_unsure_surname_of_one_person_named_in_full_is_the_person_s() {
        let text = "David Lochridge left. The firm sued Lochridge.";
        let ms = [("David Lochridge", Person), ("Lochridge", Organization)];
        assert_eq!(run(text, &ms, true)[1], Person);
        // The model sure: its type stands.
        assert_eq!(run(text, &ms, false)[1], Organization);
        // The full name named twice is one person; named only unsurely, it gives no surname.
        let text = "David Lochridge left. David Lochridge sued Lochridge.";
        let mut ms = vec![
            mention_at("a", text, "David Lochridge", 0, Person),
            mention_at("a", text, "David Lochridge", 10, Person),
            mention_at("a", text, "Lochridge", 40, Organization),
        ];
        assert_eq!(run_on(text, ms.clone(), true)[2], Person);
        ms[0].score = 0.6;
        ms[1].score = 0.6;
        assert_eq!(run_on(text, ms, true)[2], Organization);
        // Two people of that surname, or an organization that starts with it: no rule.
        let text = "David Lochridge and Ann Lochridge left. Lochridge said.";
        let ms = [
            ("David Lochridge", Person),
            ("Ann Lochridge", Person),
            ("Lochridge", Organization),
        ];
        assert_eq!(run(text, &ms, true)[2], Organization);
        let text = "Tom Dassault and Dassault Aviation. Dassault said.";
        let ms = [
            ("Tom Dassault", Person),
            ("Dassault Aviation", Organization),
            ("Dassault", Organization),
        ];
        assert_eq!(run(text, &ms, true)[2], Organization);
        // Never a capital, country or state of the gazetteer; a name it knows only as a city's, yes
        // (by the surname rule alone: not as a given name).
        let text = "Ann Paris came. Paris said.";
        assert_eq!(
            run(text, &[("Ann Paris", Person), ("Paris", Place)], true)[1],
            Place
        );
        let text = "Mike Seattle came. Seattle said.";
        let ms = [("Mike Seattle", Person), ("Seattle", Place)];
        assert_eq!(run(text, &ms, true)[1], Person);
        assert_eq!(run(text, &ms, false)[1], Place);
        let text = "Seattle Smith came, and Smith left. Seattle said.";
        let ms = [
            ("Seattle Smith", Person),
            ("Smith", Person),
            ("Seattle", Place),
        ];
        assert_eq!(run(text, &ms, true)[2], Place);
    }

    #[test]
    fn a_company_s_name_without_its_designators_is_the_company_s() {
        let text = "Engro Corporation gained. Engro said.";
        let ms = [("Engro Corporation", Organization), ("Engro", Person)];
        // However sure the model is of a person.
        assert_eq!(run(text, &ms, false)[1], Organization);
        // A sure "other" stays ("a purist Islamic state" beside "the Islamic Group").
        let ms = [("Engro Corporation", Organization), ("Engro", Other)];
        assert_eq!(run(text, &ms, false)[1], Other);
        assert_eq!(run(text, &ms, true)[1], Organization);
        // A person of the article named in full with it as surname keeps it.
        let text = "Michael Dell and Dell Inc. Dell said.";
        let ms = [
            ("Michael Dell", Person),
            ("Dell Inc", Organization),
            ("Dell", Person),
        ];
        assert_eq!(run(text, &ms, false)[2], Person);
        // A name that only starts a company's name is not the company's.
        let text = "Engro Fertilizers gained. Engro said.";
        let ms = [("Engro Fertilizers", Organization), ("Engro", Person)];
        assert_eq!(run(text, &ms, false)[1], Person);
    }
}
