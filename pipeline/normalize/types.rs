//! Types from the model's votes and from data, decided once per name for the whole corpus.
//!
//! Where the model is sure of a name in an article (see [`sure`]), that is its type there. Elsewhere
//! every mention votes for its name's type with its score, corpus-wide, and then, in order:
//! 1. a product or weapon designation ("Su-25", "F-16") is `other`;
//! 2. a demonym or adjective of nationality in `models/lexicons/demonyms.tsv` ("Kenyan", "French") is
//!    `other`, never a place or a person (unless it is also the name of a country or capital:
//!    "Djibouti");
//! 3. a name the gazetteer knows as a place is a place where the model is unsure: its winning type has
//!    less than [`SURE_SHARE`] of the votes, or places got at least [`PLACE_SHARE`] of them.

use super::lexicon::Lexicons;
use super::names::{key, looks_like_designation};
use super::CleanMention;
use crate::ner::labels::EntityType;
use std::collections::HashMap;

/// Share of the votes above which the model's type stands against the gazetteer.
pub const SURE_SHARE: f32 = 0.75;
/// Share of votes for "place" above which a gazetteer place is a place whatever won.
pub const PLACE_SHARE: f32 = 0.25;

/// Score-weighted votes for each type, in the order of [`EntityType::ALL`].
#[derive(Debug, Clone, Copy, Default)]
pub struct Votes(pub [f32; EntityType::ALL.len()]);

impl Votes {
    /// Adds a vote.
    pub fn add(&mut self, t: EntityType, weight: f32) {
        self.0[index(t)] += weight.max(1e-3);
    }

    /// The type with the most votes (the first in [`EntityType::ALL`] on a tie).
    pub fn winner(&self) -> EntityType {
        let best = (0..self.0.len()).fold(0, |b, t| if self.0[t] > self.0[b] { t } else { b });
        EntityType::ALL[best]
    }

    /// The share of the votes a type has.
    pub fn share(&self, t: EntityType) -> f32 {
        let total: f32 = self.0.iter().sum();
        if total > 0.0 {
            self.0[index(t)] / total
        } else {
            0.0
        }
    }
}

fn index(t: EntityType) -> usize {
    EntityType::ALL.iter().position(|&x| x == t).unwrap_or(0)
}

/// The type of one name given its votes and its forms.
pub fn decide(name: &str, votes: &Votes, lex: &Lexicons) -> EntityType {
    let winner = votes.winner();
    if looks_like_designation(name) {
        return EntityType::Other;
    }
    let place = lex.places(name).is_some();
    if !name.contains(' ') && lex.demonym_of(name).is_some() && !lex.is_major_place(name) {
        return EntityType::Other;
    }
    if place
        && winner != EntityType::Place
        && (votes.share(winner) < SURE_SHARE || votes.share(EntityType::Place) >= PLACE_SHARE)
    {
        return EntityType::Place;
    }
    winner
}

/// Whether an article's own votes for a name are sure enough to stand against the corpus: the winner
/// has [`SURE_SHARE`] of them and a mean score of at least [`SURE_SCORE`]. A confident model keeps a
/// name's type per article ("Essex" the county in one story, the cricket team in another); where it is
/// unsure, the corpus-wide vote and the data decide.
fn sure(votes: &Votes, count: &[usize]) -> Option<EntityType> {
    let w = votes.winner();
    let i = index(w);
    let mean = votes.0[i] / count[i].max(1) as f32;
    (votes.share(w) >= SURE_SHARE && mean >= SURE_SCORE).then_some(w)
}

/// The mean score at which an article's own vote stands (see [`sure`]).
pub const SURE_SCORE: f32 = 0.9;

/// The type of every mention: its name's type in its article — the article's own vote where it is sure
/// (designations and demonyms aside), else the corpus-wide decision ([`decide`]) — except for a place
/// name of the gazetteer used for an organization: where the model is sure of the mention itself
/// ([`MENTION_SURE`]), one article names the city and the team ("SEATTLE" in a dateline and in a
/// results table), or the country and its side.
pub fn types(
    mentions: &[CleanMention],
    names: &[String],
    article_of: &[usize],
    lex: &Lexicons,
) -> Vec<EntityType> {
    type Tally = (Votes, Vec<usize>);
    let tally = |t: &mut Tally, m: &CleanMention| {
        t.0.add(m.entity_type, m.score);
        if t.1.is_empty() {
            t.1 = vec![0; EntityType::ALL.len()];
        }
        t.1[index(m.entity_type)] += 1;
    };
    let mut corpus: HashMap<String, (Tally, &str)> = HashMap::new();
    let mut local: HashMap<(usize, String), Tally> = HashMap::new();
    for ((m, name), &a) in mentions.iter().zip(names).zip(article_of) {
        let k = key(name);
        let c = corpus
            .entry(k.clone())
            .or_insert(((Votes::default(), vec![]), name.as_str()));
        tally(&mut c.0, m);
        tally(local.entry((a, k)).or_insert((Votes::default(), vec![])), m);
    }
    let decided: HashMap<&str, EntityType> = corpus
        .iter()
        .map(|(k, ((v, _), name))| (k.as_str(), decide(name, v, lex)))
        .collect();
    let by_name: HashMap<(usize, String), (EntityType, bool)> = local
        .into_iter()
        .map(|((a, k), (v, count))| {
            let corpus_type = decided[k.as_str()];
            let data_rule = corpus_type == EntityType::Other && v.winner() != EntityType::Other;
            let t = match sure(&v, &count) {
                Some(t) if !data_rule => t,
                _ => corpus_type,
            };
            ((a, k), (t, corpus_type == EntityType::Other))
        })
        .collect();
    mentions
        .iter()
        .zip(names)
        .zip(article_of)
        .map(|((m, name), &a)| {
            let (t, other) = by_name[&(a, key(name))];
            let pair = [m.entity_type, t];
            let metonymy = pair.contains(&EntityType::Place)
                && pair.contains(&EntityType::Organization)
                && lex.places(name).is_some();
            if m.score >= MENTION_SURE && !other && metonymy {
                m.entity_type
            } else {
                t
            }
        })
        .collect()
}

/// The score at which the model's type for one mention stands against its name's type in the article.
pub const MENTION_SURE: f32 = 0.99;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::lexicon::tests::sample;

    fn votes(v: &[(EntityType, f32)]) -> Votes {
        let mut out = Votes::default();
        for &(t, w) in v {
            out.add(t, w);
        }
        out
    }

    #[test]
    fn a_sure_place_name_for_an_organization_keeps_its_type() {
        use crate::normalize::tests::mention_at;
        use EntityType::*;
        let l = sample();
        let text = "PARIS 1996-08-28. PARIS beat the Tories. Tories said.";
        let team = text.find("PARIS beat").unwrap();
        let tories = text.rfind("Tories").unwrap();
        let run = |score: f32| {
            let mut ms = vec![
                mention_at("a", text, "PARIS", 0, Place),
                mention_at("a", text, "PARIS", team, Organization),
                mention_at("a", text, "Tories", 0, Organization),
                mention_at("a", text, "Tories", tories, Other),
            ];
            for m in &mut ms {
                m.score = score;
            }
            let names: Vec<String> = ms.iter().map(|m| m.name.clone()).collect();
            types(&ms, &names, &[0, 0, 0, 0], &l)
        };
        // The city and the team, each named surely: two types in one article; a name that is no
        // place keeps one type.
        let sure = run(0.999);
        assert_eq!(sure[..2], [Place, Organization]);
        assert_eq!(sure[2], sure[3]);
        // Unsure mentions take their name's one type in the article.
        let unsure = run(0.9);
        assert_eq!(unsure[0], unsure[1]);
    }

    #[test]
    fn data_decides_where_the_model_is_unsure() {
        let l = sample();
        use EntityType::*;
        // Capitals are places, whatever their endings.
        for p in ["Paris", "Nairobi"] {
            assert_eq!(decide(p, &votes(&[(Place, 0.9)]), &l), Place);
            assert_eq!(decide(p, &votes(&[(Other, 0.5), (Place, 0.4)]), &l), Place);
            assert_eq!(
                decide(p, &votes(&[(Person, 0.5), (Organization, 0.4)]), &l),
                Place
            );
        }
        // A confident organization named after a place stays one.
        assert_eq!(
            decide(
                "Paris",
                &votes(&[(Organization, 0.99), (Organization, 0.98)]),
                &l
            ),
            Organization
        );
        assert_eq!(decide("Kenyans", &votes(&[(Place, 0.9)]), &l), Other);
        assert_eq!(decide("French", &votes(&[(Person, 0.9)]), &l), Other);
        assert_eq!(decide("Su-25", &votes(&[(Organization, 0.9)]), &l), Other);
        assert_eq!(
            decide("Helsinki Ltd", &votes(&[(Organization, 0.9)]), &l),
            Organization
        );
    }
}
