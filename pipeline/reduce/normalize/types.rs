//! Types from the model's votes and from data, decided once per name for the whole corpus.
//!
//! Where the model is sure of a name in an article (see [`sure`]), that is its type there. Elsewhere
//! every mention votes for its name's type with its score, corpus-wide, and then, in order:
//! 1. a product or weapon designation ("Su-25", "F-16") is `other`;
//! 2. a demonym or adjective of nationality in `models/lexicons/demonyms.tsv` ("Kenyan", "French") is
//!    `other`, never a place or a person (unless it is also the name of a country or capital:
//!    "Djibouti");
//! 3. a name the gazetteer knows as a place is a place where the model is unsure: its winning type has
//!    less than `sure_share` of the votes, or places got at least `place_share` of them (`[types]` of
//!    `normalize.toml`);
//! 4. a name written with a capital "The" inside a sentence is no person's ([`titled`]: "Scorsese's The
//!    Aviator"): where people won, the best other type does; nor is a country's name that is no known
//!    given name or surname ([`country_only`]: "Turkiye asked for help"), a place;
//! 5. a city or a state named as a sports side ("beat Evansville 91-73") is an organization
//!    ([`teams`](super::teams));
//! 6. a hospital, church or prison named as the site of events ("taken to Mercy Hospital") is a place
//!    ([`facilities`](super::facilities));
//! 7. a one-word name the model is unsure of that is the given name of a person its article names in
//!    full and by surname alone is that person's ("Kylian is a player" beside "Kylian Mbappe");
//! 8. so is one that is the surname of the one person its article names in full ("sued Lochridge"
//!    beside "David Lochridge");
//! 9. a one-word name that is a company's name of its article without the designators is the
//!    company's ("Engro" beside "Engro Corporation"), unless the model is sure it is `other`; rules 7–9 and their
//!    evidence are in [`short_names`](super::short_names).

use super::config::Types;
use super::lexicon::Lexicons;
use super::names::{key, looks_like_designation};
use super::widen::Ghost;
use super::CleanMention;
use newsner_core::labels::EntityType;
use std::collections::HashMap;

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
        && (votes.share(winner) < lex.config().types.sure_share
            || votes.share(EntityType::Place) >= lex.config().types.place_share)
    {
        return EntityType::Place;
    }
    winner
}

/// Whether an article's own votes for a name are sure enough to stand against the corpus: the winner
/// has `sure_share` of them and a mean score of at least `sure_score` (`[types]` of `normalize.toml`). A confident model keeps a
/// name's type per article ("Essex" the county in one story, the cricket team in another); where it is
/// unsure, the corpus-wide vote and the data decide.
fn sure(votes: &Votes, count: &[usize], cfg: &Types) -> Option<EntityType> {
    let w = votes.winner();
    let i = index(w);
    let mean = votes.0[i] / count[i].max(1) as f32;
    (votes.share(w) >= cfg.sure_share && mean >= cfg.sure_score).then_some(w)
}

/// The tallies of every name in the corpus (with the name as first written) and in each article;
/// the votes of mentions widened to a longer name (`ghosts`) count for the names they had.
fn tallies<'a>(
    mentions: &[CleanMention],
    names: &'a [String],
    article_of: &[usize],
    texts: &[&str],
    ghosts: &[Ghost],
) -> (CorpusTallies<'a>, HashMap<(usize, String), Tally>) {
    let mut corpus: CorpusTallies = HashMap::new();
    let mut local: HashMap<(usize, String), Tally> = HashMap::new();
    for ((m, name), &a) in mentions.iter().zip(names).zip(article_of) {
        let k = key(name);
        let titled = titled(m, name, texts.get(a).copied().unwrap_or(""));
        let c = corpus
            .entry(k.clone())
            .or_insert((Tally::default(), name.as_str()));
        c.0.add(m, titled);
        local.entry((a, k)).or_default().add(m, titled);
    }
    for Ghost { article, mention } in ghosts {
        let k = key(&mention.name);
        if let Some((c, _)) = corpus.get_mut(&k) {
            c.vote(mention.entity_type, mention.score);
        }
        if let Some(l) = local.get_mut(&(*article, k)) {
            l.vote(mention.entity_type, mention.score);
        }
    }
    (corpus, local)
}

/// Each name's tally in the corpus, with the name as first written.
type CorpusTallies<'a> = HashMap<String, (Tally, &'a str)>;

/// The type of each name in each article: the article's own where it is sure (unless a data rule
/// made the name `other` corpus-wide), else the corpus's; with whether the corpus made it `other` and
/// whether the article was sure.
fn article_types(
    corpus: &CorpusTallies,
    local: HashMap<(usize, String), Tally>,
    lex: &Lexicons,
) -> HashMap<(usize, String), (EntityType, bool, bool)> {
    let decided: HashMap<&str, EntityType> = corpus
        .iter()
        .map(|(k, (t, name))| {
            let place = lex.places(k).is_some();
            (
                k.as_str(),
                t.no_person(decide(name, &t.votes, lex), name, place, lex),
            )
        })
        .collect();
    local
        .into_iter()
        .map(|((a, k), tally)| {
            let (v, count) = (&tally.votes, &tally.count);
            let corpus_type = decided[k.as_str()];
            let data_rule = corpus_type == EntityType::Other && v.winner() != EntityType::Other;
            let own = sure(v, count, &lex.config().types);
            let t = match own {
                Some(t) if !data_rule => t,
                _ => corpus_type,
            };
            let t = tally.no_person(t, corpus[&k].1, lex.places(&k).is_some(), lex);
            ((a, k), (t, corpus_type == EntityType::Other, own.is_some()))
        })
        .collect()
}

/// The type of every mention: its name's type in its article — the article's own vote where it is sure
/// (designations and demonyms aside), else the corpus-wide decision ([`decide`]) — except for a place
/// name of the gazetteer used for an organization: where the model is sure of the mention itself
/// (`mention_sure`), one article names the city and the team ("SEATTLE" in a dateline and in a
/// results table), or the country and its side. The votes of mentions widened to a longer name
/// (`ghosts`) still count for the names they had.
pub fn types(
    mentions: &[CleanMention],
    names: &[String],
    article_of: &[usize],
    texts: &[&str],
    ghosts: &[Ghost],
    lex: &Lexicons,
) -> Vec<EntityType> {
    let (corpus, local) = tallies(mentions, names, article_of, texts, ghosts);
    let by_name = article_types(&corpus, local, lex);
    let mut out: Vec<EntityType> = mentions
        .iter()
        .zip(names)
        .zip(article_of)
        .map(|((m, name), &a)| {
            let (t, other, _) = by_name[&(a, key(name))];
            let pair = [m.entity_type, t];
            let metonymy = pair.contains(&EntityType::Place)
                && pair.contains(&EntityType::Organization)
                && lex.places(name).is_some();
            if m.score >= lex.config().types.mention_sure && !other && metonymy {
                m.entity_type
            } else {
                t
            }
        })
        .collect();
    let corpus_tallies = &corpus;
    let corpus = super::around::Corpus {
        mentions,
        names,
        article_of,
        texts,
    };
    let unsure = |i: usize| {
        let k = key(&names[i]);
        let (t, _) = &corpus_tallies[&k];
        !by_name[&(article_of[i], k)].2 && sure(&t.votes, &t.count, &lex.config().types).is_none()
    };
    super::short_names::retype(&corpus, lex, unsure, &mut out);
    super::teams::retype(&corpus, lex, &mut out);
    super::facilities::retype(&corpus, ghosts, lex, &mut out);
    super::vessels::retype(&corpus, lex, &mut out);
    out
}

/// The mentions of one name (in the corpus or in one article): their votes, their number by type, and
/// how many are [`titled`].
#[derive(Default)]
struct Tally {
    votes: Votes,
    count: [usize; EntityType::ALL.len()],
    titled: usize,
    total: usize,
}

impl Tally {
    fn add(&mut self, m: &CleanMention, titled: bool) {
        self.vote(m.entity_type, m.score);
        self.titled += usize::from(titled);
        self.total += 1;
    }

    /// A vote only: a [`Ghost`]'s, which is no mention of the name any more.
    fn vote(&mut self, t: EntityType, score: f32) {
        self.votes.add(t, score);
        self.count[index(t)] += 1;
    }

    /// `t`, unless it is a person and half the mentions or more are [`titled`]: then the best other
    /// type with votes ([`unpersoned`]), else a place for a name the gazetteer knows ("in The Hague"),
    /// else `other`; or unless it is a person and the name is an [`initialism`]: then the best other
    /// type with votes, else an organization; or unless it is a person and the name a country's that
    /// is no one's name ([`country_only`]): then a place.
    fn no_person(&self, t: EntityType, name: &str, place: bool, lex: &Lexicons) -> EntityType {
        if t != EntityType::Person {
            t
        } else if country_only(name, lex) {
            EntityType::Place
        } else if 2 * self.titled >= self.total {
            unpersoned(&self.votes).unwrap_or(if place {
                EntityType::Place
            } else {
                EntityType::Other
            })
        } else if initialism(name) {
            unpersoned(&self.votes).unwrap_or(EntityType::Organization)
        } else {
            t
        }
    }
}

/// Whether a mention is opened by a capital "The" inside its sentence, in its name or right before it
/// ("Scorsese's The Aviator", "The Osbournes", "in The Hague"): a title, a band, a body or a place, not
/// a person. In CoNLL-2003 and OntoNotes 5 `train.txt`, 3 of 322 names so opened are people's (and
/// those three are not names). A "Hague" mostly named without it stays a person.
fn titled(m: &CleanMention, name: &str, text: &str) -> bool {
    let before = text.get(..m.byte_start).unwrap_or("");
    name.starts_with("The ")
        || before
            .strip_suffix("The ")
            .is_some_and(|rest| super::clean::Context::of(rest, rest.len()).mid_sentence)
}

/// Whether a name is a country's (of four letters or more: not a code) and none of its words a known
/// given name or surname: "Turkiye" or "Syria", never a person's, but not "Jordan", "Chad" or
/// "Georgia". In CoNLL-2003 and OntoNotes 5 `train.txt`, 10 of 9,191 mentions of such names are
/// people's (annotation slips: "Serbia", "Kuwait"), 9,171 locations and GPEs.
fn country_only(name: &str, lex: &Lexicons) -> bool {
    let letters = name.chars().filter(|c| c.is_alphabetic()).count();
    letters >= 4
        && lex.is_country_name(name)
        && !name
            .split_whitespace()
            .any(|w| lex.is_given_name(w) || lex.is_surname(w))
}

/// Whether a name is one word of three to five capitals without a vowel ("THR", "BBC", "NFL"): an
/// initialism, no person's name. In CoNLL-2003 and OntoNotes 5 `train.txt` (sentences in mixed case),
/// 27 of 1,266 such names of two to five letters are people's ("JFK", "FDR"), 1,070 organizations';
/// the model calls a reporting outlet's initials ("THR reports") a person. Two letters are left alone:
/// they are many people's nicknames ("JK, also known as Jason King", "AJ", "TJ").
fn initialism(name: &str) -> bool {
    (3..=5).contains(&name.len())
        && name.bytes().all(|b| b.is_ascii_uppercase())
        && !name.bytes().any(|b| b"AEIOUY".contains(&b))
}

/// The best type other than person that has votes, if any: the type of a name that cannot be a
/// person's ([`titled`]) where people won its votes.
fn unpersoned(votes: &Votes) -> Option<EntityType> {
    EntityType::ALL
        .iter()
        .copied()
        .filter(|&t| t != EntityType::Person && votes.0[index(t)] > 0.0)
        .fold(None, |best: Option<EntityType>, t| match best {
            Some(b) if votes.0[index(b)] >= votes.0[index(t)] => Some(b),
            _ => Some(t),
        })
}

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
            types(&ms, &names, &[0; 6], &[text], &[], &l)
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
    fn an_unsure_name_that_is_a_given_name_of_its_article_is_the_person_s() {
        use crate::normalize::tests::mention_at;
        use EntityType::*;
        let l = sample();
        let text =
            "Kylian Marsh and Paris Hilton came. Kylian is a player, Paris said. Marsh, Hilton.";
        let run = |score: f32| {
            let mut ms = vec![
                mention_at("a", text, "Kylian Marsh", 0, Person),
                mention_at("a", text, "Kylian", 21, Organization),
                mention_at("a", text, "Paris Hilton", 0, Person),
                mention_at("a", text, "Paris", 40, Organization),
                mention_at("a", text, "Marsh", 60, Person),
                mention_at("a", text, "Hilton", 60, Person),
            ];
            ms[1].score = score;
            ms[3].score = 0.5;
            let names: Vec<String> = ms.iter().map(|m| m.name.clone()).collect();
            types(&ms, &names, &[0; 6], &[text], &[], &l)
        };
        // Unsure: the given name of the person named in full; never a gazetteer place.
        assert_eq!(run(0.7)[..4], [Person, Person, Person, Organization]);
        // Sure: the model's type stands.
        assert_eq!(run(0.99)[1], Organization);
        // A "person" never named by surname alone gives no given name ("Doves soar").
        let text = "Doves Soar came. Doves played.";
        let mut ms = vec![
            mention_at("a", text, "Doves Soar", 0, Person),
            mention_at("a", text, "Doves", 10, Organization),
        ];
        ms[1].score = 0.7;
        let names: Vec<String> = ms.iter().map(|m| m.name.clone()).collect();
        assert_eq!(
            types(&ms, &names, &[0, 0], &[text], &[], &l)[1],
            Organization
        );
    }

    #[test]
    fn a_widened_mention_still_votes_for_the_name_it_had() {
        use crate::normalize::tests::mention_at;
        use EntityType::*;
        let l = sample();
        let text = "Fox aired it. Fox said.";
        let mut ms = vec![
            mention_at("a", text, "Fox", 0, Person),
            mention_at("a", text, "Fox", 14, Organization),
        ];
        ms[0].score = 0.8;
        ms[1].score = 0.6;
        let names: Vec<String> = ms.iter().map(|m| m.name.clone()).collect();
        let ghost = |article| {
            let mut mention = mention_at("c", "20th Century Fox", "Fox", 0, Organization);
            mention.score = 0.9;
            Ghost { article, mention }
        };
        assert_eq!(types(&ms, &names, &[0, 0], &[text], &[], &l), [Person; 2]);
        // The model's organization votes of "Fox" cut from "20th Century Fox" in other articles.
        let got = types(&ms, &names, &[0, 0], &[text], &[ghost(1)], &l);
        assert_eq!(got, [Organization; 2]);
        // A ghost counts in its own article's vote too: there it undoes the model's sureness.
        let (mut ms, mut names) = (ms.clone(), names.clone());
        ms.push(mention_at("b", text, "Fox", 0, Person));
        ms[2].score = 0.99;
        names.push("Fox".to_string());
        let run = |a| {
            types(
                &ms,
                &names,
                &[0, 0, 1],
                &[text, text],
                &[ghost(a), ghost(a)],
                &l,
            )
        };
        assert_eq!(run(2), [Organization, Organization, Person]);
        assert_eq!(run(1), [Organization; 3]);
    }

    /// The types of mentions (text, name, model's type), each in its own article, the model sure of
    /// each (0.99).
    fn one_per_article(ms: &[(&str, &str, EntityType)], lex: &Lexicons) -> Vec<EntityType> {
        let texts: Vec<&str> = ms.iter().map(|m| m.0).collect();
        let mentions: Vec<CleanMention> = ms
            .iter()
            .map(|(text, name, t)| {
                let mut m = crate::normalize::tests::mention_at("a", text, name, 0, *t);
                m.score = 0.99;
                m
            })
            .collect();
        let names: Vec<String> = ms.iter().map(|m| m.1.to_string()).collect();
        let articles: Vec<usize> = (0..ms.len()).collect();
        types(&mentions, &names, &articles, &texts, &[], lex)
    }

    #[test]
    fn a_name_with_a_capital_the_is_no_person() {
        use EntityType::*;
        let l = sample();
        let ms = [
            ("Critics loved The Aviator.", "Aviator", Person),
            ("Scorsese's The Aviator won.", "The Aviator", Person),
            ("Aviator won.", "Aviator", Other),
            ("Critics saw The Boxer.", "The Boxer", Person),
            ("Ann Boxer spoke.", "Ann Boxer", Person),
            ("Mr Hague spoke.", "Hague", Person),
            ("Hague said so.", "Hague", Person),
            ("Talks in The Hague.", "The Hague", Person),
            ("The Killers said.", "Killers", Person),
        ];
        let got = one_per_article(&ms, &l);
        // Named mostly with a capital "The" inside a sentence: the best type other than person, even
        // where an article's own vote is sure (`other` with none). "Hague", mostly named without it,
        // stays a person but in the article that says "The Hague", where the gazetteer makes it a
        // place; a sentence's first "The" says nothing.
        assert_eq!(
            got,
            [Other, Other, Other, Other, Person, Person, Person, Place, Person]
        );
        assert_eq!(
            unpersoned(&votes(&[(Person, 0.9), (Organization, 0.2), (Other, 0.1)])),
            Some(Organization)
        );
        assert_eq!(unpersoned(&votes(&[(Person, 0.9)])), None);
    }

    #[test]
    fn a_country_s_name_that_is_no_one_s_name_is_no_person() {
        use EntityType::*;
        let ms = [
            ("Turkiye asked for help.", "Turkiye", Person),
            ("Paris said so.", "Paris", Person),
            ("Georgia Smith said so.", "Georgia Smith", Person),
        ];
        // A country's name; a capital's and a name with a surname stay people's.
        assert_eq!(one_per_article(&ms, &sample()), [Place, Person, Person]);
    }

    #[test]
    fn an_initialism_is_no_person() {
        use EntityType::*;
        let ms = [
            ("THR reports it.", "THR", Person),
            ("THR said so.", "THR", Person),
            ("NBC and THR said.", "THR", Organization),
            ("Ann said.", "Ann", Person),
            ("The NYPD said.", "NYPD", Person),
        ];
        let got = one_per_article(&ms, &sample());
        // Initials without a vowel: the other type voted for, else an organization, even where the
        // article is sure; a name with a vowel keeps its person.
        assert_eq!(
            got,
            [Organization, Organization, Organization, Person, Person]
        );
        assert!(
            initialism("THR") && initialism("BBC") && !initialism("NYPD") && !initialism("Thr")
        );
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
