//! Whose quantity a number is and what it is about: a documented chunker over the number's clause and
//! the article's normalized entities (no dependency parser exists for Rust on libtorch-free ground; the
//! rules below read the clause the way a shallow parse would).
//!
//! - **Clause**: the stretch of the sentence around the number between clause breaks: a sentence end,
//!   `;`, `:`, a dash, a line break, or a comma that opens a contrasting or relative clause (", while",
//!   ", but", ", whereas", ", which", ", who").
//! - **Scope** (the place or organization it is about), the nearest to the number of: an entity after a
//!   preposition of place or target (`in`, `across`, `throughout`, `inside`, `within`, `for`: "30,000 died
//!   in Sri Lanka", "an offer for Acme"), optionally past `the`; a place whose possessive comes before the
//!   number ("Sri Lanka's death toll"); a place in subject position a few words before the number
//!   ("Thailand lost 5,000"). Places count only when they are linked to GeoNames (a country, region or
//!   town: "across Asia" is no scope), organizations only after a preposition; what a price values
//!   ("values Acme at £1bn"). Failing those, a clause that refers back with "the country" or "the
//!   nation" ("the country's 5,300 deaths", "across the country"; not "the country worst hit") is
//!   about the country last referred to in its sentence or the one before (by name, by one of its
//!   linked places, "Bangkok", or by its demonym, "the Thai capital"), else the country the article
//!   refers to most; none where that is a tie or a demonym of several countries ("Chinese").
//! - **Subject** (whose it is), the first found of: an entity's possessive shortly before the number
//!   ("Acme's £1bn offer"); `by`/`from` + entity shortly after ("an offer of £1bn by Acme"); the nearest
//!   entity before the number in the clause that follows no preposition and no speech verb ("Acme
//!   offered £1bn"; not "Reuters said 30 died"); else, for a count, the entity it counts ("440 Britons",
//!   "the number of Britons"). A place found as subject is a scope instead.

use crate::normalize::Entity;
use newsner_core::labels::EntityType;
use newsner_core::span::NumberMention;
use std::collections::{BTreeMap, HashSet};
use std::sync::LazyLock;

/// How many words before the number a possessive subject may end ("Acme's planned £1bn offer").
const POSSESSIVE_WINDOW: usize = 4;

/// The verbs of change and level (`level_verbs.txt`, the map side's list) other than "be": between a
/// company's name and a percentage they make the percentage the company's move ("Altria rising 5%";
/// not "Standard Trust is 100% Nigerian-owned").
static MOVING_VERBS: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    include_str!("../../../models/lexicons/level_verbs.txt")
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .filter(|w| {
            !matches!(
                *w,
                "am" | "are" | "be" | "been" | "being" | "is" | "was" | "were"
            )
        })
        .collect()
});

/// Most words between a company's name and the percentage it moves ("Thai Airways shed almost 4%").
const MOVE_WINDOW: usize = 3;
/// How many words after the number `by`/`from` + subject may start.
const AGENT_WINDOW: usize = 5;
/// How many words may separate a place in subject position from the number ("Thailand has lost 5,000").
const SUBJECT_PLACE_WINDOW: usize = 4;
/// How many words may separate another subject from the number ("Mitch killed about 10,000 people
/// and caused damage of about $10bn").
const SUBJECT_WINDOW: usize = 10;

/// Prepositions after which an entity is the scope.
const SCOPE_PREPOSITIONS: &[&str] = &["in", "across", "throughout", "inside", "within", "for"];
/// Prepositions after which an entity is no subject.
const PREPOSITIONS: &[&str] = &[
    "in",
    "across",
    "throughout",
    "inside",
    "within",
    "for",
    "of",
    "on",
    "at",
    "to",
    "from",
    "with",
    "by",
    "about",
    "against",
    "into",
    "over",
    "than",
    "like",
    "after",
    "before",
    "between",
    "near",
    "under",
    "as",
];
/// Verbs and words of reporting: an entity before one of them is the source, not the subject.
const SPEECH: &[&str] = &[
    "said",
    "says",
    "say",
    "told",
    "tells",
    "reported",
    "reports",
    "estimated",
    "estimates",
    "according",
    "announced",
    "confirmed",
    "added",
    "stated",
    "claimed",
    "predicted",
    "warned",
    "fears",
    "feared",
    "believes",
    "believed",
    "quoted",
    "reckons",
    "calculated",
    "thinks",
    "expects",
    "put",
];
/// Words of a qualifier or determiner that may stand between a number and the preposition that heads
/// its own phrase ("damage of about $10bn", "at least 5,000", "to an estimated 150,000").
const QUALIFYING: &[&str] = &[
    "about",
    "around",
    "some",
    "nearly",
    "almost",
    "more",
    "less",
    "fewer",
    "than",
    "least",
    "most",
    "roughly",
    "approximately",
    "an",
    "a",
    "the",
    "estimated",
    "over",
    "under",
    "up",
    "just",
];
/// Numbers written as words, which end a number's phrase as digits do.
const NUMBER_WORDS: &[&str] = &[
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "dozen",
    "hundred",
    "hundreds",
    "thousand",
    "thousands",
    "million",
    "millions",
];
/// Nouns that, after `the`, refer back to the country the article last named ("the country's
/// economy", "across the nation").
const COUNTRY_ANAPHORS: &[&str] = &[
    "country",
    "country's",
    "country’s",
    "nation",
    "nation's",
    "nation’s",
];
/// Words that open a clause after a comma.
const CLAUSE_OPENERS: &[&str] = &[
    "while", "but", "whereas", "which", "who", "although", "though",
];

/// An entity mention of the article: byte span and the index of its entity.
#[derive(Debug, Clone, Copy)]
pub struct EntitySpan {
    /// Byte offset of the start.
    pub start: usize,
    /// Byte offset of the end.
    pub end: usize,
    /// Index in the corpus's entities.
    pub entity: usize,
}

/// A reference to a country in an article, by name, by one of its places or by its demonym: where it
/// starts and the index of the country's entity (none where the corpus has no row for that country).
#[derive(Debug, Clone, Copy)]
pub struct CountryRef {
    /// Byte offset of the start.
    pub start: usize,
    /// Index in the corpus's entities of the country, if it has a row.
    pub country: Option<usize>,
}

/// A word of the clause: its byte span and lowercase text.
struct Word {
    start: usize,
    lower: String,
}

/// Fills `n.subject`, `n.subject_id`, `n.scope`, `n.scope_id` from its clause of `text`, the
/// article's entity spans and its references to countries (both sorted by start).
pub fn annotate(
    n: &mut NumberMention,
    text: &str,
    spans: &[EntitySpan],
    countries: &[CountryRef],
    entities: &[Entity],
) {
    // A record read back from the cache may carry an earlier run's reading.
    for f in [
        &mut n.subject,
        &mut n.subject_id,
        &mut n.scope,
        &mut n.scope_id,
    ] {
        f.clear();
    }
    let Some((cs, ce)) = clause(text, n.byte_start, n.byte_end) else {
        return;
    };
    let words = words(text, cs, ce);
    let inside: Vec<&EntitySpan> = spans
        .iter()
        .filter(|s| {
            s.start >= cs && s.end <= ce && (s.end <= n.byte_start || s.start >= n.byte_end)
        })
        .collect();
    let reader = Reader {
        text,
        words: &words,
        entities,
        n_start: n.byte_start,
        n_end: n.byte_end,
    };
    let (mut subject, mut scope) = reader.whose_and_where(&inside, countries, n);
    // A relative clause's numbers are its antecedent's.
    if let Some(e) = relative_antecedent(text, cs, n.byte_start, spans) {
        match entities[e].entity_type {
            EntityType::Place if linked(&entities[e]) => scope = scope.or(Some(e)),
            EntityType::Organization | EntityType::Person => subject = subject.or(Some(e)),
            _ => {}
        }
    }
    if let Some(org) = reader.stake_in(&inside, n) {
        n.about = "stake".into();
        scope = scope.or(Some(org));
    } else if let Some(org) = reader.moved_shares(&inside, n) {
        n.about = "share".into();
        subject = Some(org);
    }
    if let Some(e) = scope {
        n.scope = entities[e].name.clone();
        n.scope_id = entities[e].id.clone();
    }
    if let Some(e) = subject {
        n.subject = entities[e].name.clone();
        n.subject_id = entities[e].id.clone();
    }
}

/// The entity a relative clause that starts at byte `cs` is about, for a number at byte `at` inside
/// it: the name right before its comma ("Standard Life, which owns a 1% stake", "TCI, who hold 5%",
/// "Indonesia, which lost 5,000"). The relative clause ends at its comma: "Acme, which owns 5%, said
/// the £1bn offer..." says nothing of the offer.
fn relative_antecedent(text: &str, cs: usize, at: usize, spans: &[EntitySpan]) -> Option<usize> {
    if text[cs..at].contains(',') {
        return None;
    }
    let opener = text[cs..].trim_start();
    if !["which ", "who "].iter().any(|w| opener.starts_with(w)) {
        return None;
    }
    let comma = text[..cs].trim_end().strip_suffix(',')?.trim_end().len();
    spans.iter().find(|s| s.end == comma).map(|s| s.entity)
}

/// Whether a place is linked to a GeoNames place in a country (a country, region or town; not a
/// continent or sea, which have no country code).
fn linked(e: &Entity) -> bool {
    e.place
        .as_ref()
        .and_then(|p| p.place.as_ref())
        .is_some_and(|p| !p.country_code.is_empty())
}

/// The country that "the country" at byte `at` refers back to: the last one referred to in its
/// sentence or the one before, else the one the article refers to most (none on a tie).
fn antecedent(text: &str, countries: &[CountryRef], at: usize) -> Option<usize> {
    let from = previous_sentence_start(text, at);
    match countries.iter().take_while(|c| c.start < at).last() {
        Some(c) if c.start >= from => c.country,
        _ => {
            let mut counts: BTreeMap<usize, usize> = BTreeMap::new();
            for c in countries.iter().filter_map(|c| c.country) {
                *counts.entry(c).or_default() += 1;
            }
            let most = counts.values().max()?;
            let mut top = counts.iter().filter(|(_, n)| *n == most);
            top.next().filter(|_| top.next().is_none()).map(|(c, _)| *c)
        }
    }
}

/// The start of the sentence before the one that holds byte `at` (0 where there is none).
fn previous_sentence_start(text: &str, at: usize) -> usize {
    let mut stops = 0;
    let mut words_since = false;
    for (i, c) in text[..at].char_indices().rev() {
        let stop = c == '\n' || (matches!(c, '.' | '!' | '?') && breaks_at(text, i, c));
        if stop && words_since {
            stops += 1;
            if stops == 2 {
                return i + c.len_utf8();
            }
            words_since = false;
        }
        words_since |= c.is_alphanumeric();
    }
    0
}

/// The clause around bytes `s..e` of `text`.
fn clause(text: &str, s: usize, e: usize) -> Option<(usize, usize)> {
    if s > e || e > text.len() || !text.is_char_boundary(s) || !text.is_char_boundary(e) {
        return None;
    }
    let mut start = 0;
    for (i, c) in text[..s].char_indices().rev() {
        if breaks_at(text, i, c) {
            start = i + c.len_utf8();
            break;
        }
    }
    let mut end = text.len();
    for (i, c) in text[e..].char_indices() {
        if breaks_at(text, e + i, c) {
            end = e + i;
            break;
        }
    }
    Some((start, end))
}

/// Whether character `c` at byte `i` ends a clause.
fn breaks_at(text: &str, i: usize, c: char) -> bool {
    match c {
        ';' | ':' | '—' | '–' | '\n' => true,
        // A sentence ends at its stop and any closing quotes or brackets after it ("predicted." A).
        '.' | '!' | '?' => text[i + 1..]
            .trim_start_matches(['"', '\'', '’', '”', ')', ']'])
            .chars()
            .next()
            .is_none_or(char::is_whitespace),
        ',' => {
            let rest = text[i + 1..].trim_start();
            let word: String = rest
                .chars()
                .take_while(|c| c.is_alphabetic())
                .collect::<String>()
                .to_lowercase();
            CLAUSE_OPENERS.contains(&word.as_str())
        }
        _ => false,
    }
}

/// The words of `text[s..e]` (letters, digits, inner apostrophes and hyphens), lowercase.
fn words(text: &str, s: usize, e: usize) -> Vec<Word> {
    let mut out = Vec::new();
    let mut cur: Option<usize> = None;
    let span = &text[s..e];
    let digit_at = |i: usize| span[i..].chars().next().is_some_and(|c| c.is_ascii_digit());
    for (i, c) in span.char_indices() {
        // A number's separators are inside its word ("10,000", "1.5").
        let separator = matches!(c, ',' | '.')
            && i > 0
            && span[..i].ends_with(|c: char| c.is_ascii_digit())
            && digit_at(i + 1);
        let is_word = c.is_alphanumeric() || matches!(c, '\'' | '’' | '-') || separator;
        match (cur, is_word) {
            (None, true) => cur = Some(s + i),
            (Some(b), false) => {
                out.push(word(text, b, s + i));
                cur = None;
            }
            _ => {}
        }
    }
    if let Some(b) = cur {
        out.push(word(text, b, e));
    }
    out
}

fn word(text: &str, start: usize, end: usize) -> Word {
    Word {
        start,
        lower: text[start..end].to_lowercase(),
    }
}

/// Reads one number's clause.
struct Reader<'a> {
    text: &'a str,
    words: &'a [Word],
    entities: &'a [Entity],
    n_start: usize,
    n_end: usize,
}

impl Reader<'_> {
    /// The index of the first word that starts at or after byte `b`.
    fn word_at(&self, b: usize) -> usize {
        self.words.partition_point(|w| w.start < b)
    }

    /// The word before byte `b`, skipping `the`.
    fn preposition_before(&self, b: usize) -> Option<&str> {
        let mut i = self.word_at(b);
        while i > 0 {
            i -= 1;
            let w = self.words[i].lower.as_str();
            if w != "the" {
                return Some(w);
            }
        }
        None
    }

    /// Words strictly between the span and the number.
    fn distance(&self, s: &EntitySpan) -> usize {
        let (a, b) = if s.end <= self.n_start {
            (s.end, self.n_start)
        } else {
            (self.n_end, s.start)
        };
        self.word_at(b).saturating_sub(self.word_at(a))
    }

    /// Whether a span after the number still belongs to the number's phrase: no comma and no other
    /// number between them ("12 drowned, two officials in Chile said": Chile is the officials').
    fn next_to(&self, s: &EntitySpan) -> bool {
        let between = &self.text[self.n_end..s.start];
        !between.contains(", ")
            && !between.contains(|c: char| c.is_ascii_digit())
            && self.words[self.word_at(self.n_end)..self.word_at(s.start)]
                .iter()
                .all(|w| !NUMBER_WORDS.contains(&w.lower.as_str()))
    }

    /// The byte where what is reported begins: after the last speech word before the number
    /// ("Jane Doe of Acme announced that 12 drowned": neither is the subject), else 0.
    fn reported_from(&self) -> usize {
        self.words[..self.word_at(self.n_start)]
            .iter()
            .rev()
            .find(|w| SPEECH.contains(&w.lower.as_str()))
            .map_or(0, |w| w.start)
    }

    /// Whether a comma stands between a span before the number and the number.
    fn comma_between(&self, s: &EntitySpan) -> bool {
        // Not the comma of a number ("10,000").
        s.end <= self.n_start && self.text[s.end..self.n_start].contains(", ")
    }

    /// Whether the number, seen from a span before it, sits in another prepositional phrase: a
    /// preposition between them other than the word right before the number ("a silence across the
    /// EU for the estimated 150,000 dead": the dead are not the EU's; "in Peru, the toll stands at
    /// 5,000": `at` is the number's own).
    fn other_phrase_between(&self, s: &EntitySpan) -> bool {
        let (a, mut b) = (self.word_at(s.end), self.word_at(self.n_start));
        while b > a && QUALIFYING.contains(&self.words[b - 1].lower.as_str()) {
            b -= 1;
        }
        b > a + 1 && self.heads_phrase(a, b - 1)
    }

    /// Whether a preposition among words `a..b` heads a phrase: one that qualifies a number ("about
    /// 10,000", "more than 5,000") does not.
    fn heads_phrase(&self, a: usize, b: usize) -> bool {
        (a..b).any(|i| {
            let next_is_number = self
                .words
                .get(i + 1)
                .is_some_and(|w| w.lower.starts_with(|c: char| c.is_ascii_digit()));
            PREPOSITIONS.contains(&self.words[i].lower.as_str()) && !next_is_number
        })
    }

    /// Whether any preposition stands between a span before the number and the number.
    fn preposition_between(&self, s: &EntitySpan) -> bool {
        let (a, mut b) = (self.word_at(s.end), self.word_at(self.n_start));
        while b > a && QUALIFYING.contains(&self.words[b - 1].lower.as_str()) {
            b -= 1;
        }
        self.heads_phrase(a, b)
    }

    /// Whether a span's phrase opens the clause ("In Peru, the toll stands at 5,000").
    fn opens_clause(&self, s: &EntitySpan) -> bool {
        self.words[..self.word_at(s.start)]
            .iter()
            .all(|w| w.lower == "the" || PREPOSITIONS.contains(&w.lower.as_str()))
    }

    /// The linked place that opens the clause ("Indonesia was worst hit, with 94,000 of the 140,000
    /// deaths"), if any.
    fn leading_place<'s>(&self, inside: &[&'s EntitySpan]) -> Option<&'s EntitySpan> {
        let first = inside.first()?;
        (self.word_at(first.start) == 0
            && self.is(first, EntityType::Place)
            && linked(&self.entities[first.entity]))
        .then_some(*first)
    }

    /// Whether the words right after the number refer back to the clause's subject: a partitive ("94,000
    /// of the 140,000") or a possessive pronoun ("30,000 of its people").
    fn refers_back(&self) -> bool {
        let i = self.word_at(self.n_end);
        let next: Vec<&str> = self.words[i..]
            .iter()
            .take(3)
            .map(|w| w.lower.as_str())
            .collect();
        matches!(next[..], ["of", "the", n, ..] | ["of", n, ..] if n.starts_with(|c: char| c.is_ascii_digit()))
            || next.iter().take(3).any(|w| matches!(*w, "its" | "their"))
    }

    /// The entities (indices) of the number's subject and scope: a place found as subject is a scope;
    /// a count with no subject is the entity it counts; a clause with no scope that says "the country"
    /// is about the country it refers back to.
    fn whose_and_where(
        &self,
        inside: &[&EntitySpan],
        countries: &[CountryRef],
        n: &NumberMention,
    ) -> (Option<usize>, Option<usize>) {
        let mut scope = self.scope(inside);
        if scope.is_none() && self.refers_back() {
            scope = self.leading_place(inside);
        }
        let mut subject = self.subject(inside);
        if let Some(s) = subject.filter(|s| self.is(s, EntityType::Place)) {
            if scope.is_none() && linked(&self.entities[s.entity]) {
                scope = Some(s);
            }
            subject = None;
        }
        let scope = scope
            .map(|s| s.entity)
            .or_else(|| antecedent(self.text, countries, self.country_anaphor()?));
        let subject = subject
            .or_else(|| (n.kind == "count").then(|| self.counted_entity(inside, &n.counted))?);
        (subject.map(|s| s.entity), scope)
    }

    /// Where the clause refers back to a country with "the country" or "the nation": as a possessive
    /// ("the country's 5,300 deaths"), after a preposition ("across the nation") or opening the clause
    /// ("The country has lost $1bn"); not as a description ("the country worst hit").
    fn country_anaphor(&self) -> Option<usize> {
        (1..self.words.len())
            .find(|&i| {
                let noun = self.words[i].lower.as_str();
                let before = i.checked_sub(2).map(|j| self.words[j].lower.as_str());
                self.words[i - 1].lower == "the"
                    && COUNTRY_ANAPHORS.contains(&noun)
                    && (!matches!(noun, "country" | "nation")
                        || before.is_none_or(|w| PREPOSITIONS.contains(&w)))
            })
            .map(|i| self.words[i - 1].start)
    }

    fn possessive(&self, s: &EntitySpan) -> bool {
        let rest = &self.text[s.end..];
        rest.starts_with("'s") || rest.starts_with("’s") || self.text[..s.end].ends_with("'s")
    }

    /// "values Acme at £1bn", "valuing Acme at": the thing valued, right before `at` and the number.
    fn valued(&self, s: &EntitySpan) -> bool {
        let i = self.word_at(s.end);
        let valuing = self
            .preposition_before(s.start)
            .is_some_and(|w| w.starts_with("valu"));
        valuing
            && self.words.get(i).is_some_and(|w| w.lower == "at")
            && self.word_at(self.n_start) <= i + 1
    }

    /// The organization a percentage is a stake in: its counted noun, right after it ("5% of Acme's
    /// shares" counts "Acme's", "29% of Acme"), is that organization's name, and nothing else says
    /// what the percentage is.
    fn stake_in(&self, inside: &[&EntitySpan], n: &NumberMention) -> Option<usize> {
        if n.kind != "percent" || !(n.about.is_empty() || n.about == "stake") {
            return None;
        }
        let counted = ["'s", "\u{2019}s"]
            .iter()
            .find_map(|p| n.counted.strip_suffix(p))
            .unwrap_or(&n.counted);
        self.counted_entity(inside, counted)
            .filter(|s| self.is(s, EntityType::Organization))
            .map(|s| s.entity)
    }

    /// The company whose shares a percentage moves: its counted noun is the name of an organization
    /// right before it, with a verb of change or level between ([`MOVING_VERBS`]: "Altria rising 5%",
    /// "Daiwa added 5.3%", "Corus fell 2.2%"). A company's own rise or fall, told in percent, is its
    /// share price's.
    fn moved_shares(&self, inside: &[&EntitySpan], n: &NumberMention) -> Option<usize> {
        // A record read back from the cache may carry this rule's earlier reading.
        if n.kind != "percent" || !(n.about.is_empty() || n.about == "share") {
            return None;
        }
        let s = inside.iter().rev().find(|s| {
            s.end <= self.n_start
                && self.text[s.start..s.end] == n.counted
                && self.is(s, EntityType::Organization)
        })?;
        let between = self
            .words
            .get(self.word_at(s.end)..self.word_at(self.n_start))?;
        (between.len() <= MOVE_WINDOW
            && between
                .iter()
                .any(|w| MOVING_VERBS.contains(w.lower.as_str())))
        .then_some(s.entity)
    }

    fn is(&self, s: &EntitySpan, ty: EntityType) -> bool {
        self.entities[s.entity].entity_type == ty
    }

    /// The nearest entity the number is about (see the module documentation).
    fn scope<'s>(&self, inside: &[&'s EntitySpan]) -> Option<&'s EntitySpan> {
        inside
            .iter()
            .copied()
            .filter(|s| {
                let place = self.is(s, EntityType::Place) && linked(&self.entities[s.entity]);
                let org = self.is(s, EntityType::Organization);
                let after_preposition = self
                    .preposition_before(s.start)
                    .is_some_and(|p| SCOPE_PREPOSITIONS.contains(&p));
                let own_phrase = if s.start >= self.n_end {
                    self.next_to(s)
                } else {
                    self.opens_clause(s) || !self.preposition_between(s)
                };
                (after_preposition && (place || org) && own_phrase)
                    || ((place || org) && self.valued(s))
                    || (place
                        && s.end <= self.n_start
                        && self.possessive(s)
                        && self.distance(s) <= POSSESSIVE_WINDOW)
            })
            .min_by_key(|s| (self.distance(s), s.end <= self.n_start))
    }

    /// The entity a count counts: its capitalized counted noun right after it ("440 Britons"), or what
    /// "the number of" names before it ("the number of Britons dead has reached 440").
    fn counted_entity<'s>(
        &self,
        inside: &[&'s EntitySpan],
        counted: &str,
    ) -> Option<&'s EntitySpan> {
        let head = counted.split_whitespace().last().unwrap_or("");
        let after = inside.iter().find(|s| {
            s.start >= self.n_end
                && self.word_at(s.start) <= self.word_at(self.n_end) + 1
                && head.chars().next().is_some_and(char::is_uppercase)
                && self.text[s.start..s.end].contains(head)
        });
        let numbered = || {
            inside.iter().find(|s| {
                let i = self.word_at(s.start);
                s.end <= self.n_start
                    && i >= 2
                    && matches!(
                        (
                            self.words[i - 2].lower.as_str(),
                            self.words[i - 1].lower.as_str()
                        ),
                        ("number" | "numbers" | "total", "of")
                    )
            })
        };
        after.or_else(numbered).copied()
    }

    /// Whose the quantity is (see the module documentation).
    fn subject<'s>(&self, inside: &[&'s EntitySpan]) -> Option<&'s EntitySpan> {
        let before = |s: &&&'s EntitySpan| s.end <= self.n_start;
        if let Some(s) = inside
            .iter()
            .filter(before)
            .filter(|s| self.possessive(s) && self.distance(s) <= POSSESSIVE_WINDOW)
            .max_by_key(|s| s.end)
        {
            return Some(s);
        }
        if let Some(s) = inside
            .iter()
            .filter(|s| {
                s.start >= self.n_end && self.distance(s) <= AGENT_WINDOW && self.next_to(s)
            })
            .filter(|s| matches!(self.preposition_before(s.start), Some("by" | "from")))
            .min_by_key(|s| s.start)
        {
            return Some(s);
        }
        inside
            .iter()
            .filter(before)
            .filter(|s| {
                let prep = self
                    .preposition_before(s.start)
                    .is_some_and(|p| PREPOSITIONS.contains(&p) && self.word_at(s.start) > 0);
                let next = self
                    .words
                    .get(self.word_at(s.end))
                    .map(|w| w.lower.as_str());
                let speech = next.is_some_and(|w| SPEECH.contains(&w));
                let far = self.distance(s)
                    > if self.is(s, EntityType::Place) {
                        SUBJECT_PLACE_WINDOW
                    } else {
                        SUBJECT_WINDOW
                    };
                !prep
                    && !speech
                    && s.start >= self.reported_from()
                    && !far
                    && !self.valued(s)
                    && !self.comma_between(s)
                    && !self.other_phrase_between(s)
            })
            .max_by_key(|s| s.end)
            .copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::geo::{LinkedPlace, PlaceLink};

    fn entity(name: &str, ty: EntityType, linked: bool) -> Entity {
        Entity {
            id: format!("{}:{}", ty.as_str(), name.to_lowercase().replace(' ', "-")),
            entity_type: ty,
            name: name.into(),
            aliases: Vec::new(),
            articles: Default::default(),
            mentions: 1,
            score: 0.9,
            merge_reasons: Vec::new(),
            place: linked.then(|| PlaceLink {
                place: Some(LinkedPlace {
                    geonames_id: 1,
                    name: name.into(),
                    country_code: "XX".into(),
                    admin1: String::new(),
                    lat_lon: None,
                    population: 1,
                }),
                score: 1.0,
                candidates: Vec::new(),
                by_user: false,
            }),
        }
    }

    /// Annotates `number` in `text`, where the entities are found by name.
    fn read(text: &str, number: &str, kind: &str, counted: &str) -> (String, String) {
        let n = annotated(text, number, kind, counted);
        (n.subject, n.scope)
    }

    /// `number` of `text` annotated, where the entities are found by name.
    fn annotated(text: &str, number: &str, kind: &str, counted: &str) -> NumberMention {
        let ents = vec![
            entity("Sri Lanka", EntityType::Place, true),
            entity("Indonesia", EntityType::Place, true),
            entity("Asia", EntityType::Place, false),
            entity("Acme", EntityType::Organization, false),
            entity("Bolt Exchange", EntityType::Organization, false),
            entity("Reuters", EntityType::Organization, false),
            entity("Jane Doe", EntityType::Person, false),
            entity("Britons", EntityType::Other, false),
            entity("Thailand", EntityType::Place, true),
            entity("Thai", EntityType::Other, false),
            entity("Kenyan", EntityType::Other, false),
        ];
        let mut spans: Vec<EntitySpan> = ents
            .iter()
            .enumerate()
            .flat_map(|(k, e)| {
                text.match_indices(e.name.as_str())
                    .filter(|(i, m)| !text[i + m.len()..].starts_with(char::is_alphabetic))
                    .map(move |(i, m)| EntitySpan {
                        start: i,
                        end: i + m.len(),
                        entity: k,
                    })
            })
            .collect();
        spans.sort_by_key(|s| s.start);
        // Each linked place is its own country; "Thai" names Thailand; Kenya has no row.
        let countries: Vec<CountryRef> = spans
            .iter()
            .filter_map(|s| {
                let country = match ents[s.entity].name.as_str() {
                    "Thai" => Some(8),
                    "Kenyan" => None,
                    _ if ents[s.entity].place.is_some() => Some(s.entity),
                    _ => return None,
                };
                Some(CountryRef {
                    start: s.start,
                    country,
                })
            })
            .collect();
        let at = text.find(number).expect("the number is in the text");
        let mut n = NumberMention {
            value: number.into(),
            text: number.into(),
            kind: kind.into(),
            counted: counted.into(),
            byte_start: at,
            byte_end: at + number.len(),
            ..Default::default()
        };
        annotate(&mut n, text, &spans, &countries, &ents);
        n
    }

    /// Sentence, number, kind, counted, subject, scope.
    const CASES: &[(&str, &str, &str, &str, &str, &str)] = &[
        ("In Sri Lanka, 30,000 people died.", "30,000", "count", "people", "", "Sri Lanka"),
        ("The wave killed 30,000 in Sri Lanka.", "30,000", "count", "", "", "Sri Lanka"),
        ("Sri Lanka's death toll rose to 30,000.", "30,000", "count", "", "", "Sri Lanka"),
        ("Indonesia has lost 100,000 people.", "100,000", "count", "people", "", "Indonesia"),
        ("The tsunami killed 150,000 people across Asia.", "150,000", "count", "people", "", ""),
        ("Reuters said 150,000 people died.", "150,000", "count", "people", "", ""),
        ("In Sri Lanka, 30,000 died, while Indonesia lost 100,000.", "100,000", "count", "", "", "Indonesia"),
        ("In Sri Lanka, 30,000 died, while Indonesia lost 100,000.", "30,000", "count", "", "", "Sri Lanka"),
        ("Acme's £1.3bn offer for Bolt Exchange was rejected.", "£1.3bn", "money", "offer", "Acme", "Bolt Exchange"),
        ("Bolt Exchange rejected an offer of £1.3bn from Acme.", "£1.3bn", "money", "offer", "Acme", ""),
        ("Acme offered £1.3bn for Bolt Exchange.", "£1.3bn", "money", "", "Acme", "Bolt Exchange"),
        ("The offer values Bolt Exchange at £1.3bn.", "£1.3bn", "money", "", "", "Bolt Exchange"),
        ("Jane Doe said Acme would cut 300 jobs.", "300", "count", "jobs", "Acme", ""),
        ("About 440 Britons are dead or missing.", "440", "count", "Britons", "Britons", ""),
        ("The number of Britons missing has reached 440.", "440", "count", "", "Britons", ""),
        ("Northvale Mourns 17 Losses.", "17", "count", "Losses", "", ""),
        ("The fund holds a 5% stake in Acme.", "5%", "percent", "stake", "", "Acme"),
        ("Jane Doe speaks for owners of 5% of Acme's shares.", "5%", "percent", "Acme's", "", "Acme"),
        ("Reports say Reuters, which owns a 1% stake in Acme, may vote.", "1%", "percent", "stake", "Reuters", "Acme"),
        ("Acme, which holds about 5%, wants a vote.", "5%", "percent", "", "Acme", ""),
        ("Reuters, which owns 5%, said the £1bn offer is too high.", "£1bn", "money", "offer", "", ""),
        ("In Indonesia, which lost 5,000, aid came.", "5,000", "count", "", "", "Indonesia"),
        ("Jane Doe said 5% of Britons agree.", "5%", "percent", "Britons", "", ""),
        ("The worst-hit are Sri Lanka and Indonesia, with at least 23,000 killed.", "23,000", "count", "", "", ""),
        ("They fell silent across Indonesia for the 150,000 dead.", "150,000", "count", "dead", "", ""),
        ("In Indonesia, the toll stands at 5,000.", "5,000", "count", "", "", "Indonesia"),
        ("Indonesia was worst hit, with 94,000 of the 140,000 deaths.", "94,000", "count", "deaths", "", "Indonesia"),
        ("Indonesia was worst hit, with 94,000 of the 140,000 deaths.", "140,000", "count", "deaths", "", ""),
        ("Sri Lanka faces a bill after the wave which killed 30,000 of its people.", "30,000", "count", "", "", "Sri Lanka"),
        ("Acme closed 10 plants and caused damage of about $4bn in 2003.", "$4bn", "money", "damage", "Acme", ""),
        ("Acme flooded about 2,000 homes and caused damage of about $4bn in 2003.", "$4bn", "money", "damage", "Acme", ""),
        ("Aid was sent for work in Indonesia, where more than 5,000 people died.", "5,000", "count", "people", "", "Indonesia"),
        ("The ferry sank, drowning 12 passengers, two officials in Indonesia told reporters.", "12", "count", "people", "", ""),
        ("Acme finance chief Jane Doe announced on Tuesday that 12 passengers had drowned.", "12", "count", "people", "", ""),
        ("Jane Doe spoke at the opening of a festival in the capital on Friday about 5,300 deaths.", "5,300", "count", "deaths", "", ""),
        ("A festival opened in the Thai capital in the shadow of the country's 5,300 deaths.", "5,300", "count", "deaths", "", "Thailand"),
        ("Aid reached Thailand. The country's economy grew 6% last year.", "6%", "percent", "economy", "", "Thailand"),
        ("Thailand sent aid to Indonesia; the nation's 30,000 soldiers helped.", "30,000", "count", "soldiers", "", "Indonesia"),
        ("Thailand sent ships to Kenyan ports, where the country's 300 dead were buried.", "300", "count", "dead", "", ""),
        ("The country's 5,300 deaths were mourned in the Thai capital.", "5,300", "count", "deaths", "", "Thailand"),
        ("Thailand and Indonesia were hit. Aid came. More came. The country's 300 dead were buried.", "300", "count", "dead", "", ""),
        ("Indonesia, Thailand and Indonesia were hit. Aid came. More came. The country's 300 dead were buried.", "300", "count", "dead", "", "Indonesia"),
        ("Indonesia and Thailand were hit. Aid came to Thailand. The country's 300 dead were buried.", "300", "count", "dead", "", "Thailand"),
        ("Thailand said 300 people had died across the country.", "300", "count", "people", "", "Thailand"),
        ("Thailand is the country worst hit, with 5,000 dead.", "5,000", "count", "dead", "", ""),
    ];

    #[test]
    fn a_share_of_an_organization_is_a_stake_in_it() {
        let t = "Jane Doe speaks for owners of 5% of Acme's shares.";
        assert_eq!(annotated(t, "5%", "percent", "Acme's").about, "stake");
        let t = "Jane Doe said 5% of Britons agree.";
        assert_eq!(annotated(t, "5%", "percent", "Britons").about, "");
    }

    /// A company's own move in percent is its shares'; being, owning and "of" are not.
    #[test]
    fn a_companys_own_move_in_percent_is_its_shares() {
        for t in [
            "Acme shed almost 4% on Monday.",
            "Shares closed higher, with Acme rising 5% and Bolt Exchange flat.",
        ] {
            let n = annotated(
                t,
                if t.contains("4%") { "4%" } else { "5%" },
                "percent",
                "Acme",
            );
            assert_eq!(
                (n.about.as_str(), n.subject.as_str()),
                ("share", "Acme"),
                "{t}"
            );
        }
        let t = "Acme is 100% Kenyan-owned.";
        assert_eq!(annotated(t, "100%", "percent", "Acme").about, "");
        let t = "Acme said sales of widgets were expected to rise by 5% next year.";
        assert_eq!(annotated(t, "5%", "percent", "Acme").about, "");
    }

    #[test]
    fn subjects_and_scopes_by_construction() {
        let mut wrong = Vec::new();
        for (text, number, kind, counted, subject, scope) in CASES {
            let got = read(text, number, kind, counted);
            if (got.0.as_str(), got.1.as_str()) != (*subject, *scope) {
                wrong.push(format!("{text:?} / {number}: got {got:?}"));
            }
        }
        assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    }

    #[test]
    fn clauses_break_at_semicolons_and_contrasts_not_decimals() {
        let t = "It fell 1.5% on Monday; shares rose, while bonds fell.";
        let at = t.find("1.5%").unwrap();
        assert_eq!(clause(t, at, at + 4), Some((0, t.find(';').unwrap())));
        let b = t.find("bonds").unwrap();
        let (s, _) = clause(t, b, b + 5).unwrap();
        assert_eq!(&t[s..s + 6], " while");
        // A closing quote after the stop still ends the sentence.
        let t = "He said: \"It was 1.5% higher.\" Shares rose 3% on Monday.";
        let at = t.find("3%").unwrap();
        assert_eq!(
            clause(t, at, at + 2),
            Some((t.find("\" Shares").unwrap(), t.len() - 1))
        );
    }
}
