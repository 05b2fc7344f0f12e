//! When two person names can be one person: word by word, with initials, joined or split words and,
//! when allowed, spelling and transliteration variants.

use super::lexicon::Lexicons;
use super::names::{dropped_letter, phonetic, tokens_match};

/// How two words agree.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Agreement {
    /// The same word.
    Same,
    /// A given name and its nickname ("Katie", "Kathryn").
    Nickname,
    /// Spelling variants, with their similarity ([`tokens_match`]).
    Spelling(f32),
    /// One word with a letter dropped inside it ("Malcom", "Malcolm"): trusted only beside words
    /// that are the same.
    Dropped,
}

/// How two words agree: exactly, as a nickname, or (with `fuzzy`) as spelling variants. Spelling
/// variants of words shorter than four letters are not trusted ("Kay" / "QC").
fn words_match(a: &str, b: &str, fuzzy: bool, lex: &Lexicons) -> Option<Agreement> {
    if a == b {
        Some(Agreement::Same)
    } else if lex.is_nickname(a, b) {
        Some(Agreement::Nickname)
    } else if fuzzy
        && (a.chars().count() >= 4 && b.chars().count() >= 4 || phonetic(a) == phonetic(b))
    {
        tokens_match(a, b)
            .map(Agreement::Spelling)
            .or_else(|| dropped_letter(a, b).then_some(Agreement::Dropped))
    } else {
        None
    }
}

/// Whether an initial ("w") stands for a word ("william") or the same initial.
fn initial_of(initial: &str, word: &str) -> bool {
    initial.chars().count() == 1 && word.starts_with(initial)
}

/// Joins two consecutive words of `b` where `a` writes them as one ("Ram Mohan" for "Rammohan").
fn rejoin_split_words(a: &[String], b: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if i + 1 < b.len() && b[i].len() > 1 && b[i + 1].len() > 1 {
            let joined = format!("{}{}", b[i], b[i + 1]);
            let pj = phonetic(&joined);
            if a.iter().any(|w| *w == joined || phonetic(w) == pj) {
                out.push(joined);
                i += 2;
                continue;
            }
        }
        out.push(b[i].clone());
        i += 1;
    }
    out
}

/// Whether two person names (their core words, titles removed) can be one person, and how similar
/// their least similar matched words are:
/// - the surnames (last words, never initials) match;
/// - every word of the shorter name matches a word of the longer, in order: an initial matches a word
///   with that initial ("W. Mark Felt" ~ "William Mark Felt"), a word written as one matches two
///   ("Rammohan" ~ "Ram Mohan"), and with `fuzzy` spelling variants match ("Vishwas" ~ "Vishwash");
///   so different given names never match ("Scott Peterson" ≁ "Laci Peterson");
/// - when both names carry initials, they carry the same ones ("George W. Bush" ≁ "George H. W. Bush").
///
/// Single-word names are not compared here (see the containment pass).
///
/// A family name may also come first as an initial, as South Indian names often write it, or be left
/// out: "K. Rammohan Naidu" and "Ram Mohan Naidu" are "Ram Mohan Naidu Kinjarapu" ([`family_first`]).
pub fn compatible(a: &[String], b: &[String], fuzzy: bool, lex: &Lexicons) -> Option<f32> {
    in_order(a, b, fuzzy, lex)
        .or_else(|| family_first(a, b, fuzzy, lex))
        .or_else(|| family_first(b, a, fuzzy, lex))
}

/// Whether `b` (three words or more) ends with a family name that `a` (three words or more) writes
/// first as an initial, or leaves out: "K. Rammohan Naidu" and "Ram Mohan Naidu" for "Ram Mohan Naidu
/// Kinjarapu", read as "Kinjarapu Ram Mohan Naidu". Not where the initial is that of `b`'s first word
/// (then the names are compared in order), nor with two words in `a`: "J. Smith" is not "Anna Smith
/// Jones", nor "John Paul" "John Paul Jones".
fn family_first(a: &[String], b: &[String], fuzzy: bool, lex: &Lexicons) -> Option<f32> {
    let (initial, last) = (a.first()?, b.last()?);
    let opens = initial.chars().count() == 1
        && last.starts_with(initial.as_str())
        && !b[0].starts_with(initial.as_str());
    let left_out = b.len() == a.len() + 1 && b.starts_with(a);
    if !(opens || left_out) || a.len() < 3 || b.len() < 3 {
        return None;
    }
    let rotated: Vec<String> = std::iter::once(last)
        .chain(&b[..b.len() - 1])
        .cloned()
        .collect();
    in_order(a, &rotated, fuzzy, lex)
}

/// How well two words agree, 0 to 1.
fn score(a: Agreement) -> f32 {
    match a {
        Agreement::Same => 1.0,
        Agreement::Nickname => 0.9,
        Agreement::Spelling(s) => s,
        Agreement::Dropped => 0.9,
    }
}

/// How the words before the surname of the shorter name matched the longer name's.
struct GivenWords {
    /// The weakest agreement.
    least: f32,
    /// A word matched as a nickname ("Tom", "Tommy").
    nicknamed: bool,
    /// A word matched as a spelling variant.
    spelled: bool,
    /// A word matched by its initial only ("J", "Jason").
    by_initial: bool,
    /// A word matched with a letter dropped inside it.
    dropped: bool,
}

/// Matches each word of `short` before its surname, in order, to a word of `long` before its surname:
/// the same word, its initial, a nickname or a spelling variant; `None` where one finds none.
fn given_words(
    short: &[String],
    long: &[String],
    fuzzy: bool,
    lex: &Lexicons,
) -> Option<GivenWords> {
    let mut out = GivenWords {
        least: 1.0,
        nicknamed: false,
        spelled: false,
        by_initial: false,
        dropped: false,
    };
    let mut pos = 0;
    let limit = long.len() - 1;
    for w in &short[..short.len() - 1] {
        let mut found = None;
        while pos < limit {
            let u = &long[pos];
            pos += 1;
            if initial_of(w, u) || initial_of(u, w) {
                out.by_initial |= w != u;
                found = Some(0.9);
                break;
            }
            if let Some(m) = words_match(w, u, fuzzy, lex) {
                out.nicknamed |= m == Agreement::Nickname;
                out.spelled |= matches!(m, Agreement::Spelling(_));
                out.dropped |= m == Agreement::Dropped;
                found = Some(score(m));
                break;
            }
        }
        out.least = out.least.min(found?);
    }
    Some(out)
}

/// [`compatible`], the words of both names in their order.
fn in_order(a: &[String], b: &[String], fuzzy: bool, lex: &Lexicons) -> Option<f32> {
    if a.len() < 2 || b.len() < 2 {
        return None;
    }
    let a = rejoin_split_words(b, a);
    let b = rejoin_split_words(&a, b);
    let (last_a, last_b) = (&a[a.len() - 1], &b[b.len() - 1]);
    if last_a.chars().count() == 1 || last_b.chars().count() == 1 {
        return None;
    }
    let surname = words_match(last_a, last_b, fuzzy, &Lexicons::default())?;
    let mut least = score(surname);
    let mut spelled = matches!(surname, Agreement::Spelling(_));
    // Middle initials (a first initial stands for the given name, matched below).
    let initials = |t: &[String]| -> Vec<String> {
        t[1..]
            .iter()
            .filter(|w| w.chars().count() == 1)
            .cloned()
            .collect()
    };
    let (ia, ib) = (initials(&a), initials(&b));
    if !ia.is_empty() && !ib.is_empty() && ia != ib {
        return None;
    }
    let (short, long) = if a.len() <= b.len() {
        (&a, &b)
    } else {
        (&b, &a)
    };
    // An initial that opens the shorter name is a given name: it matches the longer name's first word
    // ("S Thompson" is not "Hunter S Thompson").
    if short[0].chars().count() == 1 && !initial_of(&short[0], &long[0]) {
        return None;
    }
    // In-order matching of the shorter name's words (its surname against the longer's surname).
    let given = given_words(short, long, fuzzy, lex)?;
    least = least.min(given.least);
    spelled |= given.spelled;
    let (nicknamed, by_initial) = (given.nicknamed, given.by_initial);
    // Weak evidence does not add up: a nickname only between names of as many words ("Tom Jones" is
    // not "Tommy Lee Jones"); a spelling variant never with a given name known only by its initial
    // ("J Forrester" is not "Jason Forster").
    if (nicknamed && a.len() != b.len()) || (spelled && by_initial) {
        return None;
    }
    // A dropped letter only where every other word is the same ("Malcom Glazer" ~ "Malcolm Glazer";
    // not "Marcia Cross" ~ "Maria Cruz").
    let others_fuzzy = spelled || nicknamed || by_initial;
    if (given.dropped && surname != Agreement::Same)
        || (surname == Agreement::Dropped && (others_fuzzy || given.dropped))
    {
        return None;
    }
    Some(least)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::names::name_tokens;

    fn same(a: &str, b: &str, fuzzy: bool) -> bool {
        let lex = crate::normalize::lexicon::tests::sample();
        compatible(&name_tokens(a), &name_tokens(b), fuzzy, &lex).is_some()
    }

    #[test]
    fn initials_middle_names_and_joined_words() {
        assert!(same("W. Mark Felt", "Mark Felt", false));
        assert!(same("William Mark Felt", "Mark Felt", false));
        assert!(same("W. Mark Felt", "William Mark Felt", false));
        assert!(same("K. Rammohan Naidu", "Ram Mohan Naidu", false));
        // A family name first, as an initial.
        assert!(same(
            "K. Rammohan Naidu",
            "Ram Mohan Naidu Kinjarapu",
            false
        ));
        assert!(same(
            "Ram Mohan Naidu Kinjarapu",
            "K. Rammohan Naidu",
            false
        ));
        assert!(!same("K. Rammohan Naidu", "Ram Mohan Naidu Patel", false));
        assert!(!same("J. Smith", "Anna Smith Jones", false));
        // Or left out, from a name of three words or more.
        assert!(same("Ram Mohan Naidu", "Ram Mohan Naidu Kinjarapu", false));
        assert!(!same("John Paul", "John Paul Jones", false));
        assert!(!same(
            "Ram Mohan Naidu",
            "Ram Mohan Naidu Kinjarapu Rao",
            false
        ));
        assert!(same(
            "Mikhail Sergeyevich Gorbachev",
            "Mikhail Gorbachev",
            false
        ));
        assert!(!same("George W. Bush", "George H. W. Bush", false));
        assert!(same("George W. Bush", "George Bush", false));
        assert!(same("Katie Jenkin", "Kathryn Jenkin", false));
        assert!(!same("Katie Jenkin", "Kathryn Jenkins", false));
        assert!(!same("Tom Jones", "Tommy Lee Jones", true));
        assert!(!same("J Forrester", "Jason Forster", true));
        assert!(!same("Ben Kay", "Ben Qc", true));
        assert!(!same("S Thompson", "Hunter S Thompson", false));
        assert!(same("H Thompson", "Hunter S Thompson", false));
    }

    #[test]
    fn different_given_names_and_genders_never_match() {
        assert!(!same("Scott Peterson", "Laci Peterson", true));
        assert!(!same("Khalid Karimov", "Walid Karimov", true));
        assert!(!same("Oleg Petrov", "Irina Petrova", true));
        assert!(!same("Roy Keane", "Keanu Reeves", true));
        assert!(!same("Rio Ferdinand", "Franz Ferdinand", true));
        // A changed letter in a short name makes another name.
        assert!(!same("Jon Smith", "Jan Smith", true));
        // Two weak matches do not add up.
        assert!(!same("Marcia Cross", "Maria Cruz", true));
    }

    #[test]
    fn spelling_variants_only_when_fuzzy() {
        for (a, b) in [
            ("Vishwas Kumar Ramesh", "Vishwash Kumar Ramesh"),
            ("Mikhail Gorbachyov", "Mihail Gorbachev"),
            ("Qasim Sulaymanov", "Kasim Suleimanov"),
            ("Malcom Glazer", "Malcolm Glazer"),
            ("Phillip Green", "Philip Green"),
        ] {
            assert!(same(a, b, true), "{a} ~ {b}");
            assert!(!same(a, b, false), "{a} !~ {b} without fuzzy");
        }
    }
}
