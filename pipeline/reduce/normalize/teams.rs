//! Sports sides named by their place: "North Carolina beat Evansville 91-73", "a 31-24 win over
//! Jacksonville". The model reads a city's or a state's name as the place; next to a game's result it is
//! the side that played, an organization, as CoNLL-2003 types clubs. In CoNLL-2003 (train, dev and
//! test), of the gazetteer's city and state names written so, 53 are organizations and 5 places (two of
//! them venues: "in Windhoek 6-0").
//!
//! A mention is a side where the words on its line say so (`models/lexicons/context_cues.tsv`):
//! - a score or a record right after it: "Evansville 91-73", "Evansville, 91-73", "Evansville (7-2)";
//! - a verb of a game's result right before or after it: "beat Evansville", "Evansville defeated";
//! - a contest and a link word before it: "victory over Evansville", "game against Evansville", "lost
//!   to Evansville" (not "the Games to Nagano").
//!
//! Where one mention of a name in an article is a side, so are the others of that article, except one
//! after a venue word ("in Jacksonville") or opening its line (a dateline). A story's other reports
//! name the side without a result beside it ("North Carolina's career scoring record"): in an article
//! that names some side (a game's report), a name is the side too where the corpus makes it a side in
//! more articles than other articles (no game's report) make it a venue ("in Seattle", a dateline),
//! the venues again excepted; a city named all through a news archive as the place is a side only
//! where its own words say so. Only names of the gazetteer that are never a country's, continent's or
//! region's: "England beat Pakistan" names national sides, which CoNLL-2003 types as places.

use super::around::{Around, Corpus};
use super::lexicon::{Cue, Lexicons};
use super::names::key;
use newsner_core::labels::EntityType;
use std::collections::{HashMap, HashSet};

/// Whether the words say the mention is a side: a result or a contest before it, or, unless it is a
/// venue ("in Salzburg 3-2"), a score or a result after it.
fn is_side(around: &Around, lex: &Lexicons) -> bool {
    let cue = |w: Option<&&str>, kind| w.is_some_and(|w| lex.cue(w, kind));
    let (a, b) = (&around.after, &around.before);
    let score_at = |k: usize| is_score(a.get(k..).unwrap_or(&[]));
    let before = cue(b.first(), Cue::Result)
        || (cue(b.first(), Cue::Link) && cue(b.get(1), Cue::Contest))
        || (cue(b.first(), Cue::LossLink) && cue(b.get(1), Cue::Loss));
    let after = score_at(0)
        || (a.first() == Some(&",") && score_at(1))
        || (a.first() == Some(&"(") && score_at(1) && a.get(4) == Some(&")"))
        || cue(a.first(), Cue::Result);
    before || (after && !cue(b.first(), Cue::Venue))
}

/// Whether the mention is the place itself: after a venue word, or opening its line.
fn is_venue(around: &Around, lex: &Lexicons) -> bool {
    around.opens_line() || around.after_cue(Cue::Venue, lex)
}

/// Whether words start with a score: a number of up to three digits, a dash, another ("91", "-",
/// "73"), and no third part (a date, "1996-08-29", or a range of dates, "20-30/12").
fn is_score(words: &[&str]) -> bool {
    let number = |w: &&str| (1..=3).contains(&w.len()) && w.bytes().all(|b| b.is_ascii_digit());
    let dash = |w: &&str| ["-", "–", "—"].contains(w);
    match words {
        [x, d, y, rest @ ..] if number(x) && dash(d) && number(y) => !rest
            .first()
            .is_some_and(|w| dash(w) || ["/", ":"].contains(w)),
        _ => false,
    }
}

/// Turns the places of `types` that are sports sides into organizations (see the module's text).
pub fn retype(corpus: &Corpus, lex: &Lexicons, types: &mut [EntityType]) {
    let Corpus {
        names, article_of, ..
    } = corpus;
    let candidate = |i: usize| {
        matches!(types[i], EntityType::Place | EntityType::Organization)
            && lex.is_local_place(&names[i])
    };
    // Each candidate's words, and whether they make it a side, read once.
    let read: Vec<Option<(Around, bool)>> = (0..names.len())
        .map(|i| {
            let a = candidate(i).then(|| corpus.around(i)).flatten()?;
            let side = is_side(&a, lex);
            Some((a, side))
        })
        .collect();
    let sides: HashSet<(usize, String)> = (0..names.len())
        .filter(|&i| read[i].as_ref().is_some_and(|(_, side)| *side))
        .map(|i| (article_of[i], key(&names[i])))
        .collect();
    let reports: HashSet<usize> = sides.iter().map(|(article, _)| *article).collect();
    let story_sides = story_sides(&read, corpus, &sides, &reports, lex);
    for (i, r) in read.iter().enumerate() {
        let Some((a, side)) = r else { continue };
        let k = key(&names[i]);
        let here = sides.contains(&(article_of[i], k.clone()))
            || (reports.contains(&article_of[i]) && story_sides.contains(&k));
        if *side || (here && !is_venue(a, lex)) {
            types[i] = EntityType::Organization;
        }
    }
}

/// The names the corpus makes a side in more articles than it makes them a venue outside a game's
/// report (see the module's text): inside one, "at" names the away game or the school ("a record at
/// North Carolina") as often as the place.
fn story_sides(
    read: &[Option<(Around, bool)>],
    corpus: &Corpus,
    sides: &HashSet<(usize, String)>,
    reports: &HashSet<usize>,
    lex: &Lexicons,
) -> HashSet<String> {
    let Corpus {
        names, article_of, ..
    } = corpus;
    let venues: HashSet<(usize, String)> = (0..names.len())
        .filter(|&i| !reports.contains(&article_of[i]))
        .filter(|&i| read[i].as_ref().is_some_and(|(a, _)| is_venue(a, lex)))
        .map(|i| (article_of[i], key(&names[i])))
        .collect();
    let mut count: HashMap<&str, (usize, usize)> = HashMap::new();
    for (_, k) in sides {
        count.entry(k).or_default().0 += 1;
    }
    for (_, k) in &venues {
        count.entry(k).or_default().1 += 1;
    }
    count
        .into_iter()
        .filter(|(_, (side, venue))| side > venue)
        .map(|(k, _)| k.to_string())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::lexicon::tests::sample;
    use crate::normalize::tests::mention_at;
    use EntityType::*;

    /// The types `retype` gives every mention of `name` in `text`, each first typed `t`.
    fn retyped(text: &str, name: &str, t: EntityType) -> Vec<EntityType> {
        in_corpus(&[text], &[name], t)
    }

    /// The types `retype` gives every mention of each of `names` in the articles, in article order,
    /// then in the order of `names`, each first typed `t`.
    fn in_corpus(texts: &[&str], names: &[&str], t: EntityType) -> Vec<EntityType> {
        let (mut ms, mut article_of, mut of) = (Vec::new(), Vec::new(), Vec::new());
        for (a, text) in texts.iter().enumerate() {
            for name in names {
                for (at, _) in text.match_indices(name) {
                    ms.push(mention_at("a", text, name, at, t));
                    article_of.push(a);
                    of.push(name.to_string());
                }
            }
        }
        let mut types = vec![t; ms.len()];
        let corpus = Corpus {
            mentions: &ms,
            names: &of,
            article_of: &article_of,
            texts,
        };
        retype(&corpus, &sample(), &mut types);
        types
    }

    #[test]
    fn a_city_next_to_a_result_is_a_side() {
        for text in [
            "Top-ranked Chicago beat Seattle 91-73.",
            "Chicago's win over Seattle came late.",
            "Chicago lost to Seattle.",
            "A 31-24 victory over Seattle.",
            "Their game against Seattle was close.",
            "The Tar Heels beat visiting Seattle, 91-73.",
            "Seattle (7-2) lost.",
            "Seattle defeated Chicago.",
        ] {
            assert_eq!(retyped(text, "Seattle", Place), [Organization], "{text}");
        }
    }

    #[test]
    fn a_city_with_no_result_beside_it_stays_a_place() {
        for text in [
            "Seattle is rainy.",
            "Prices in Seattle rose 3-1 on the year.",
            "Austria won in Seattle 3-2.",
            "Seattle 1996-08-29\nRain fell.",
            "Coal, Newcastle / Seattle 20-30/12 at $5.25.",
            "The victory parade in Seattle.",
            "He flew from Seattle to Paris.",
            "They brought the game to Seattle.",
        ] {
            assert_eq!(retyped(text, "Seattle", Place), [Place], "{text}");
        }
        // A country's side is typed a place, as CoNLL-2003 types it; a person stays a person.
        assert_eq!(
            retyped("Georgia beat Chicago 2-1.", "Georgia", Place),
            [Place]
        );
        assert_eq!(
            retyped("Seattle beat Chicago 2-1.", "Seattle", Person),
            [Person]
        );
    }

    #[test]
    fn a_side_is_a_side_all_through_its_article_but_where_it_is_the_venue() {
        let text = "Seattle, Wash. (AP) - Chicago beat Seattle 5-3.\nThen Seattle's coach quit.\nFans in Seattle left.";
        // The dateline and the venue stay the place; the coach's side is the side.
        assert_eq!(
            retyped(text, "Seattle", Place),
            [Place, Organization, Organization, Place]
        );
        // In another article the city is the city.
        assert_eq!(retyped("Seattle's mayor spoke.", "Seattle", Place), [Place]);
    }

    #[test]
    fn a_story_s_side_is_the_side_in_its_other_reports() {
        // Two reports make Seattle a side; a third names it without a result but reports a game
        // (Chicago beat someone): Seattle is the side there too, but where it is the venue.
        let texts = [
            "Chicago beat Seattle 91-73.",
            "A win over Seattle.",
            "Then Seattle's scoring record fell as Chicago beat Boston 80-70 in Seattle.",
        ];
        assert_eq!(
            in_corpus(&texts, &["Seattle", "Chicago"], Place),
            [
                Organization,
                Organization,
                Organization,
                Organization,
                Place,
                Organization
            ],
        );
        // In an article that reports no game the city stays the place.
        let texts = [
            "Chicago beat Seattle 91-73.",
            "A win over Seattle.",
            "Seattle's mayor spoke.",
        ];
        assert_eq!(
            in_corpus(&texts, &["Seattle"], Place),
            [Organization, Organization, Place]
        );
    }

    #[test]
    fn a_city_named_mostly_as_a_venue_is_a_side_only_where_its_words_say_so() {
        let texts = [
            "Chicago beat Seattle 91-73.",
            "Rain in Seattle.",
            "Fans in Seattle.",
            "Then Seattle's coach spoke as Chicago beat Boston 80-70.",
        ];
        assert_eq!(
            in_corpus(&texts, &["Seattle"], Place),
            [Organization, Place, Place, Place]
        );
    }
}
