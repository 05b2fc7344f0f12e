//! Clean-up of one article's mentions: spans repaired and rejoined, quotes, possessives and a leading
//! "the" removed, hashtags split, demonyms typed `other`, and people named only by a title dropped.

use super::lexicon::{Cue, Lexicons};
use super::names::{acronym_definition_spans, split_camel};
use super::CleanMention;
use newsner_core::labels::EntityType;
use newsner_core::span::Mention;

const QUOTES: &[char] = &[
    '"', '\'', '‘', '’', '“', '”', '«', '»', '„', '‚', '‹', '›', '`', '´', '(', ')', '[', ']',
];

/// What the article says around a mention that clean-up needs to know.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Context {
    /// A `#` right before the span: a hashtag the tokenizer split.
    pub after_hash: bool,
    /// A word or comma right before the span on its line: the span is inside a sentence, so a
    /// capitalised "The" that opens it is part of the name ("in The Hague"), not the sentence's first word.
    pub mid_sentence: bool,
}

impl Context {
    /// The context of the span starting at byte `start` of `text`.
    pub fn of(text: &str, start: usize) -> Context {
        let before = &text[..start];
        let prev = before.trim_end_matches([' ', '\t']).chars().next_back();
        Context {
            after_hash: before.ends_with('#'),
            mid_sentence: prev.is_some_and(|c| c.is_alphanumeric() || c == ','),
        }
    }
}

/// Cleans a mention's span: returns the trimmed `(start, end)` byte range within `text` and the display
/// name, or `None` when nothing name-like is left.
pub fn clean(text: &str) -> Option<(usize, usize, String)> {
    clean_with(text, Context::default())
}

/// [`clean`], told the span's [`Context`] in its article.
pub fn clean_with(text: &str, cx: Context) -> Option<(usize, usize, String)> {
    let (mut s, mut e) = (0, text.len());
    loop {
        let before = (s, e);
        (s, e) = trim_once(text, s, e, cx);
        if (s, e) == before || s >= e {
            break;
        }
    }
    let t = &text[s.min(e)..e];
    if !t.chars().any(char::is_alphanumeric) {
        return None;
    }
    let hashtag = cx.after_hash || (s > 0 && text[..s].ends_with('#'));
    let name = if hashtag {
        split_camel(t)
    } else {
        t.split_whitespace().collect::<Vec<_>>().join(" ")
    };
    Some((s, e, balance_quotes(&name)))
}

/// One round of [`clean_with`]'s trimming of `text[s..e]`: a surrounding quote, bracket or punctuation
/// mark at each end, a possessive, a leading "the", a hashtag's or handle's sign.
fn trim_once(text: &str, mut s: usize, mut e: usize, cx: Context) -> (usize, usize) {
    let t = &text[s..e];
    if let Some(c) = t
        .chars()
        .next()
        .filter(|c| QUOTES.contains(c) || c.is_whitespace() || ".,;:!?—–".contains(*c))
    {
        s += c.len_utf8();
    }
    let t = &text[s..e];
    if let Some(c) = t
        .chars()
        .next_back()
        .filter(|c| QUOTES.contains(c) || c.is_whitespace() || ",.;:!?—–-$€£¥%".contains(*c))
    {
        // Keep the final dot of an abbreviation such as "U.S." or "Inc.", and a closing bracket
        // that pairs with an opening one inside the name ("Proleter (Z)").
        let abbrev = c == '.' && t.len() >= 3 && t[..t.len() - 1].contains('.');
        if !abbrev && !closes_inner_bracket(t, c) {
            e -= c.len_utf8();
        }
    }
    let t = &text[s..e];
    // Possessive.
    for p in ["'s", "’s", "'S", "’S"] {
        if t.len() > p.len() && t.ends_with(p) {
            e -= p.len();
            break;
        }
    }
    let t = &text[s..e];
    for p in ["the ", "The ", "THE "] {
        let part_of_name = cx.mid_sentence && !p.starts_with('t');
        if t.len() > p.len() + 2 && t.starts_with(p) && !part_of_name {
            s += p.len();
            break;
        }
    }
    let t = &text[s..e];
    if let Some(c) = t.chars().next().filter(|c| *c == '#' || *c == '@') {
        s += c.len_utf8();
    }
    (s, e)
}

/// Gives back the "'s" that [`clean_with`] took for a possessive from a saint's name ("St. John's",
/// "Saint George's", "St Paul's"): "St", "St." or "Saint" and a given name. In CoNLL-2003 and
/// OntoNotes 5 train the "'s" after such a name is part of every named entity so written (St.
/// Matthew's, St. Paul's, Saint George's), after any other word a possessive ("St Helens's").
fn saint_s(span: &str, e: usize, name: String, lex: &Lexicons) -> (usize, String) {
    let saint = match name.split_whitespace().collect::<Vec<_>>()[..] {
        [st, given] => {
            ["st", "st.", "saint"].contains(&st.to_lowercase().as_str()) && lex.is_given_name(given)
        }
        _ => false,
    };
    let rest = span.get(e..).unwrap_or("");
    match ["'s", "’s", "'S", "’S"]
        .iter()
        .find(|p| rest.starts_with(**p))
    {
        Some(p) if saint => (e + p.len(), format!("{name}{p}")),
        _ => (e, name),
    }
}

/// Makes `m` run to the end of `to` (one mention from two or more the model cut apart).
fn extend_to(m: &mut Mention, to: &Mention, text: &str) {
    m.byte_end = to.byte_end;
    m.end = to.end;
    m.text = text[m.byte_start..m.byte_end].to_string();
}

/// Joins mentions that the tokenizer cut apart: consecutive mentions with nothing between them but a
/// hyphen or an apostrophe ("Rafale" + "-M"), and two names of organizations with only an ampersand
/// between them: one name ("Procter & Gamble", "Marks & Spencer"), as news writes two companies with
/// "and". The joined mention takes the type of the higher score.
pub fn rejoin(text: &str, mentions: &[Mention]) -> Vec<Mention> {
    let mut out: Vec<Mention> = Vec::with_capacity(mentions.len());
    for m in mentions {
        if let Some(last) = out.last_mut() {
            let gap = &text[last.byte_end.min(m.byte_start)..m.byte_start];
            let glued = gap.chars().all(|c| matches!(c, '-' | '‐' | '\'' | '’'));
            let touches = !text[..m.byte_start].ends_with(char::is_whitespace)
                && !text[last.byte_end..].starts_with(char::is_whitespace);
            let org = |m: &Mention| m.entity_type == EntityType::Organization;
            let ampersand = gap.trim() == "&" && org(last) && org(m);
            if ((glued && touches) || ampersand) && last.byte_end <= m.byte_start {
                let n1 = (last.end - last.start) as f32;
                let n2 = (m.end - m.start) as f32;
                let score = (last.score * n1 + m.score * n2) / (n1 + n2);
                if m.score > last.score {
                    last.entity_type = m.entity_type;
                    last.label = m.label.clone();
                }
                extend_to(last, m, text);
                last.score = score;
                continue;
            }
        }
        out.push(m.clone());
    }
    out
}

/// Joins a person's name that the model cut at a nickname in quotes or brackets into one mention:
/// "Luis Gerardo", "Jerry", "Ortiz" in `Luis Gerardo "Jerry" Ortiz` or `Luis Gerardo (Jerry) Ortiz`.
/// Three person mentions, the middle one alone inside a pair of quotes or brackets with only spaces
/// around them; or two, cut inside the quotes: `David "Fathead` and `Newman` of `David "Fathead"
/// Newman`, `Luis` and `Jerry" Ortiz` ([`cut_in_quotes`]).
fn join_quoted_nicknames(text: &str, mentions: Vec<Mention>) -> Vec<Mention> {
    let person = |m: &Mention| m.entity_type == EntityType::Person;
    let mut out: Vec<Mention> = Vec::with_capacity(mentions.len());
    let mut i = 0;
    while i < mentions.len() {
        if let [a, b, c] = mentions.get(i..i + 3).unwrap_or_default() {
            if person(a) && person(b) && person(c) && nickname_between(text, a, b, c) {
                let mut m = a.clone();
                extend_to(&mut m, c, text);
                m.score = a.score.min(b.score).min(c.score);
                out.push(m);
                i += 3;
                continue;
            }
        }
        if let [a, c] = mentions.get(i..i + 2).unwrap_or_default() {
            if person(a) && person(c) && cut_in_quotes(text, a, c) {
                let mut m = a.clone();
                extend_to(&mut m, c, text);
                m.score = a.score.min(c.score);
                out.push(m);
                i += 2;
                continue;
            }
        }
        out.push(mentions[i].clone());
        i += 1;
    }
    out
}

/// Whether `a` and `c` are one name cut inside its quoted nickname: `a`'s last word opens a quote
/// that only the space before `c` closes (`David "Fathead` + `" ` + `Newman`), or `c`'s first word
/// closes one that the space after `a` opens (`Luis` + ` "` + `Jerry" Ortiz`).
fn cut_in_quotes(text: &str, a: &Mention, c: &Mention) -> bool {
    const OPEN: [char; 3] = ['"', '\u{201c}', '\u{2018}'];
    const CLOSE: [char; 3] = ['"', '\u{201d}', '\u{2019}'];
    let Some(gap) = text.get(a.byte_end..c.byte_start) else {
        return false;
    };
    let last = a.text.split_whitespace().next_back().unwrap_or("");
    let first = c.text.split_whitespace().next().unwrap_or("");
    let word = |w: &str| w.chars().count() > 1 && !w.contains(['(', ')']);
    let opened = a.text.contains(' ')
        && word(last)
        && last.starts_with(OPEN)
        && !last.ends_with(CLOSE)
        && gap
            .strip_suffix(' ')
            .is_some_and(|g| g.len() == 1 && g.starts_with(CLOSE));
    let closed = c.text.contains(' ')
        && word(first)
        && first.ends_with(CLOSE)
        && !first.starts_with(OPEN)
        && gap
            .strip_prefix(' ')
            .is_some_and(|g| g.len() == 1 && g.starts_with(OPEN));
    opened || closed
}

/// Joins an organization's name that the model cut at the "and" of the list it is "of": "Ministry of
/// Land, Infrastructure" + "Transport" in "Ministry of Land, Infrastructure and Transport". Two
/// organization mentions with only " and " (or " & ") between them, the first with a comma after its
/// "of" and no "and" after its last comma (a list begun, not closed), the second of three words or
/// fewer with neither a comma nor an "of" of its own; "the Ministry of Defence and Interpol" (no
/// list) stays two. In OntoNotes 5 and CoNLL-2003 train, 4 organization names hold such a list
/// ("Bureau of Alcohol, Tobacco and Firearms"), and no two names are so written side by side.
fn join_listed_tails(text: &str, mentions: Vec<Mention>) -> Vec<Mention> {
    let org = |m: &Mention| m.entity_type == EntityType::Organization;
    let mut out: Vec<Mention> = Vec::with_capacity(mentions.len());
    for m in mentions {
        if let Some(last) = out.last_mut() {
            let gap = text.get(last.byte_end..m.byte_start).unwrap_or("");
            // A list begun and not yet closed by its own "and".
            let listed = last
                .text
                .split_once(" of ")
                .and_then(|(_, list)| list.rsplit_once(", "))
                .is_some_and(|(_, rest)| !rest.split_whitespace().any(|w| w == "and" || w == "&"));
            let words: Vec<&str> = m.text.split_whitespace().collect();
            let tail =
                (1..=3).contains(&words.len()) && !m.text.contains(',') && !words.contains(&"of");
            if org(last) && org(&m) && matches!(gap, " and " | " & ") && listed && tail {
                last.score = last.score.min(m.score);
                extend_to(last, &m, text);
                continue;
            }
        }
        out.push(m);
    }
    out
}

/// Joins a title the model cut off a person's name to it: "Dame" + "Muriel Spark", "Lord" + "Browne"
/// are "Dame Muriel Spark", "Lord Browne" (the honorific pass matches them without it). Two person
/// mentions, the first nothing but titles (not a suffix: "V" in "V Matfield" is an initial), with only
/// spaces between them on one line; a lone title that stays one ("Queen have played") keeps its own
/// rules.
fn join_titles(text: &str, mentions: Vec<Mention>, lex: &Lexicons) -> Vec<Mention> {
    let mut out: Vec<Mention> = Vec::with_capacity(mentions.len());
    for m in mentions {
        if let Some(last) = out.last_mut() {
            let person =
                last.entity_type == EntityType::Person && m.entity_type == EntityType::Person;
            let gap = text.get(last.byte_end..m.byte_start).unwrap_or("");
            let spaced = !gap.is_empty() && gap.chars().all(|c| c == ' ' || c == '\u{a0}');
            let titles = last.text.split_whitespace().all(|w| lex.is_title(w));
            if person && spaced && titles {
                extend_to(last, &m, text);
                last.score = last.score.min(m.score);
                continue;
            }
        }
        out.push(m);
    }
    out
}

/// Joins two mentions side by side, one space apart on a line, that together are a name the gazetteer
/// knows: "Chinese" + "Taipei" is "Chinese Taipei" (Taiwan, as its sports teams are called), not a
/// demonym and a city. The joined mention is a place.
fn join_place_names(text: &str, mentions: Vec<Mention>, lex: &Lexicons) -> Vec<Mention> {
    let mut out: Vec<Mention> = Vec::with_capacity(mentions.len());
    for m in mentions {
        if let Some(last) = out.last_mut() {
            let gap = text.get(last.byte_end..m.byte_start).unwrap_or("");
            let joined = text.get(last.byte_start..m.byte_end).unwrap_or("");
            if gap == " " && !lex.gazetteer().lookup(joined).is_empty() {
                extend_to(last, &m, text);
                if m.entity_type == EntityType::Place {
                    last.label = m.label.clone();
                }
                last.entity_type = EntityType::Place;
                last.score = last.score.min(m.score);
                continue;
            }
        }
        out.push(m);
    }
    out
}

/// Whether `b` stands alone in quotes or brackets between `a` and `c`, with only spaces outside them.
fn nickname_between(text: &str, a: &Mention, b: &Mention, c: &Mention) -> bool {
    if !(a.byte_end <= b.byte_start && b.byte_end <= c.byte_start) {
        return false;
    }
    let (before, after) = (
        &text[a.byte_end..b.byte_start],
        &text[b.byte_end..c.byte_start],
    );
    let opens = |g: &str| matches!(g.trim_start(), "\"" | "\u{201c}" | "'" | "\u{2018}" | "(");
    let closes = |g: &str| matches!(g.trim_end(), "\"" | "\u{201d}" | "'" | "\u{2019}" | ")");
    before.starts_with(char::is_whitespace)
        && after.ends_with(char::is_whitespace)
        && opens(before)
        && closes(after)
}

/// Extends a mention that stops before a glued designation suffix ("Pantsir" in "Pantsir-S", "Su" in
/// "Su-25", "Tor" in "Tor-M1"): a hyphen, then one capital letter, or up to four capitals and digits
/// with a digit among them, then the end of the word. Never a word ("Paris-based"), nor a second name
/// ("US-UK").
fn complete_designations(text: &str, mentions: Vec<Mention>) -> Vec<Mention> {
    mentions
        .into_iter()
        .map(|mut m| {
            let is_hyphen = |c: char| matches!(c, '-' | '‐' | '‑');
            let rest = &text[m.byte_end..];
            // The hyphen after the mention, or its own last character ("Pantsir-" + "S").
            let skip = match rest.chars().next() {
                Some(c) if is_hyphen(c) => c.len_utf8(),
                _ if m.text.ends_with(is_hyphen) && m.text.chars().count() > 1 => 0,
                _ => return m,
            };
            let tail = &rest[skip..];
            let len = tail
                .find(|c: char| !(c.is_ascii_uppercase() || c.is_ascii_digit()))
                .unwrap_or(tail.len());
            let suffix = &tail[..len];
            let ends_word = !tail[len..].starts_with(char::is_alphanumeric);
            let digit = suffix.chars().any(|c| c.is_ascii_digit());
            if ends_word
                && (suffix.len() == 1 && !digit || (1..=4).contains(&suffix.len()) && digit)
            {
                m.byte_end += skip + len;
                m.end += usize::from(skip > 0) + suffix.len();
                m.text = text[m.byte_start..m.byte_end].to_string();
            }
            m
        })
        .collect()
}

/// Replaces mentions that cover part of a defined long form ("Commonwealth" + "of Independent States"
/// before "(CIS)") by one mention of the whole long form, typed by the covered mentions' vote.
fn repair_definitions(text: &str, mentions: Vec<Mention>) -> Vec<Mention> {
    let index = newsner_core::span::CharIndex::new(text);
    let mut out = mentions;
    for (_, r) in acronym_definition_spans(text) {
        let hit: Vec<usize> = (0..out.len())
            .filter(|&i| out[i].byte_start < r.end && r.start < out[i].byte_end)
            .collect();
        if hit.is_empty()
            || (hit.len() == 1
                && out[hit[0]].byte_start == r.start
                && out[hit[0]].byte_end == r.end)
        {
            continue;
        }
        let best = *hit
            .iter()
            .max_by(|&&a, &&b| out[a].score.total_cmp(&out[b].score))
            .expect("non-empty");
        let mut joined = out[best].clone();
        joined.score = hit.iter().map(|&i| out[i].score).sum::<f32>() / hit.len() as f32;
        joined.byte_start = r.start.min(out[hit[0]].byte_start);
        joined.byte_end = r.end.max(out[*hit.last().expect("non-empty")].byte_end);
        joined.start = index.char_of(joined.byte_start);
        joined.end = index.char_of(joined.byte_end);
        joined.text = text[joined.byte_start..joined.byte_end].to_string();
        let first = hit[0];
        for &i in hit.iter().rev() {
            out.remove(i);
        }
        out.insert(first, joined);
    }
    out
}

/// Cleans the mentions of one article: definitions repair spans, fragments are rejoined, names are
/// cleaned, and mentions with no capital letter ("the ministry") and people named only by
/// titles ("Ms", "Sr"), cut short ("Office of the") or of one letter are dropped. A place that the lexicon knows as a demonym ("Kenyan") is `other`.
pub fn clean_mentions(
    article_id: &str,
    text: &str,
    mentions: &[Mention],
    lex: &Lexicons,
) -> Vec<CleanMention> {
    let index = newsner_core::span::CharIndex::new(text);
    let mut out = Vec::new();
    for m in repaired(text, mentions, lex) {
        let span = &text[m.byte_start..m.byte_end];
        let cx = Context::of(text, m.byte_start);
        let Some((s, e, name)) = clean_with(span, cx) else {
            continue;
        };
        let (e, name) = saint_s(span, e, name, lex);
        let person = m.entity_type == EntityType::Person;
        if !name.chars().any(char::is_uppercase)
            || (person
                && only_titles(&name, lex)
                && !surname_alone(text, m.byte_start + s, &name, lex))
            || truncated(&name)
            || name.chars().filter(|c| c.is_alphanumeric()).count() < 2
        {
            continue;
        }
        let (bs, mut be) = (m.byte_start + s, m.byte_start + e);
        if opens_compound(text, bs, be, lex) {
            continue;
        }
        let mut ty = m.entity_type;
        let mut name = name;
        if let Some((span_cut, name_cut, origin_ty)) = origin_compound(&text[bs..be], &name, lex) {
            name.truncate(name_cut);
            be = bs + span_cut;
            ty = origin_ty;
        }
        if ty == EntityType::Place && lex.demonym_of(&name).is_some() && !lex.is_major_place(&name)
        {
            ty = EntityType::Other;
        }
        out.push(CleanMention {
            article_id: article_id.to_string(),
            start: index.char_of(bs),
            end: index.char_of(be),
            text: text[bs..be].to_string(),
            name,
            entity_type: ty,
            label: m.label.clone(),
            score: m.score,
            byte_start: bs,
        });
    }
    out
}

/// The model's mentions with their spans repaired: definitions, fragments, nicknames in quotes,
/// titles, listed tails and place names cut in two rejoined, glued designations completed.
fn repaired(text: &str, mentions: &[Mention], lex: &Lexicons) -> Vec<Mention> {
    let defined = repair_definitions(text, mentions.to_vec());
    let joined = join_titles(
        text,
        join_quoted_nicknames(text, rejoin(text, &defined)),
        lex,
    );
    let joined = join_place_names(text, join_listed_tails(text, joined), lex);
    complete_designations(text, joined)
}

/// A name joined by a hyphen to a participle that makes it a modifier ("Gibraltar-based",
/// "Belfast-born", "Soviet-controlled": `origin` in `context_cues.tsv`): the length of the name before
/// the hyphen in `span` (the mention as written) and in `name` (as cleaned; both end with the
/// participle), and its type: a place where the gazetteer knows it, `other` where it is a demonym;
/// `None` for any other name, and for one whose first part is neither ("EU-based", "Labour-led" stay
/// as the model gave them).
fn origin_compound(span: &str, name: &str, lex: &Lexicons) -> Option<(usize, usize, EntityType)> {
    let (first, participle) = name.rsplit_once('-')?;
    if first.is_empty()
        || !lex.cue(participle, Cue::Origin)
        || !span.ends_with(&format!("-{participle}"))
    {
        return None;
    }
    let ty = if lex.demonym_of(first).is_some() && !lex.is_major_place(first) {
        EntityType::Other
    } else if lex.place(first).is_some() || !lex.gazetteer().lookup(first).is_empty() {
        EntityType::Place
    } else {
        return None;
    };
    Some((span.len() - participle.len() - 1, first.len(), ty))
}

/// Whether the name at bytes `start..end` of `text` opens a common noun named after a name, one to
/// three lowercase words after it or after its possessive ("Molotov cocktails", "Alzheimer's disease":
/// `name_compounds.txt`): such a name is no mention of its person or place.
fn opens_compound(text: &str, start: usize, end: usize, lex: &Lexicons) -> bool {
    let mut phrase: String = text[start..end].replace('’', "'").to_lowercase();
    let mut rest = &text[end..];
    if let Some(r) = rest.strip_prefix("'s").or_else(|| rest.strip_prefix("’s")) {
        phrase.push_str("'s");
        rest = r;
    }
    for _ in 0..3 {
        let Some(r) = rest.strip_prefix(' ') else {
            return false;
        };
        let word = r.split(|c: char| !c.is_alphabetic()).next().unwrap_or("");
        if word.is_empty() || !word.chars().all(char::is_lowercase) {
            return false;
        }
        phrase.push(' ');
        phrase.push_str(word);
        let singular = phrase.strip_suffix('s');
        if lex.is_name_compound(&phrase) || singular.is_some_and(|p| lex.is_name_compound(p)) {
            return true;
        }
        rest = &r[word.len()..];
    }
    false
}

/// A name with its quotation marks removed when they do not pair up ("French ‘Rafale-M" →
/// "French Rafale-M"); an apostrophe inside a word ("O’Brien") stays.
fn balance_quotes(name: &str) -> String {
    let opening = name
        .chars()
        .filter(|c| matches!(c, '‘' | '“' | '«' | '„'))
        .count();
    let closing = name
        .char_indices()
        .filter(|&(i, c)| {
            matches!(c, '”' | '»')
                || (c == '’' && !name[i + c.len_utf8()..].starts_with(char::is_alphabetic))
        })
        .count();
    if opening == closing {
        return name.to_string();
    }
    let mut out = String::with_capacity(name.len());
    for (i, c) in name.char_indices() {
        let inner_apostrophe =
            c == '’' && name[i + c.len_utf8()..].starts_with(char::is_alphabetic);
        if matches!(c, '‘' | '“' | '«' | '„' | '”' | '»') || (c == '’' && !inner_apostrophe)
        {
            continue;
        }
        out.push(c);
    }
    out
}

/// Whether a name is cut short: it ends in a lowercase function word ("Office of the", "Bank of"), or
/// is nothing but one ("The").
fn truncated(name: &str) -> bool {
    let last = name.split_whitespace().last().unwrap_or("");
    let minor = super::names::MINOR.contains(&last.to_lowercase().as_str());
    minor && (last.starts_with(char::is_lowercase) || !name.contains(' '))
}

/// Whether a closing bracket `c` ending `t` pairs with an opening one inside it ("Proleter (Z)"), so
/// belongs to the name; a bracket around the whole name or without a partner does not.
fn closes_inner_bracket(t: &str, c: char) -> bool {
    let open = match c {
        ')' => '(',
        ']' => '[',
        _ => return false,
    };
    let opens = t.chars().filter(|&x| x == open).count();
    !t.starts_with(open) && opens > 0 && opens >= t.chars().filter(|&x| x == c).count()
}

/// Whether a lone title that is also a common surname names a person by surname ("King scored",
/// "Knight said"): it does unless "the" stands right before it ("the King").
fn surname_alone(text: &str, start: usize, name: &str, lex: &Lexicons) -> bool {
    let word = name.trim_end_matches('.');
    if word.contains(char::is_whitespace) || !lex.is_surname(word) {
        return false;
    }
    let before = text[..start].trim_end();
    let prev = before.rsplit(char::is_whitespace).next().unwrap_or("");
    !prev.eq_ignore_ascii_case("the")
}

/// Whether every word of a name is a title or a name suffix ("Ms", "Miss", "Sr.").
fn only_titles(name: &str, lex: &Lexicons) -> bool {
    name.split_whitespace()
        .all(|w| lex.is_title(w) || lex.is_suffix(w))
}
