//! Names as strings: keys, slugs, word tokens, spelling-independent forms, acronyms and designations.
//! Everything here is about the shape of a name, never about a list of names.

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// A case- and accent-insensitive key for a name, without a leading "the" ("The Hague" = "Hague").
pub fn key(name: &str) -> String {
    let folded = fold(name)
        .filter(|c| c.is_alphanumeric() || c.is_whitespace())
        .collect::<String>();
    let mut words: Vec<&str> = folded.split_whitespace().collect();
    if words.len() > 1 && words[0] == "the" {
        words.remove(0);
    }
    words.join(" ")
}

/// Lowercase, with accents and other combining marks removed (Unicode canonical decomposition), and the
/// few Latin letters that have no decomposition mapped to their base letter.
pub fn fold(s: &str) -> impl Iterator<Item = char> + '_ {
    s.chars()
        .flat_map(char::to_lowercase)
        .flat_map(|c| c.nfd())
        .filter(|&c| !is_combining_mark(c))
        .map(|c| match c {
            'ı' => 'i',
            'ø' => 'o',
            'ə' => 'e',
            'đ' | 'ð' => 'd',
            'ł' => 'l',
            'ħ' => 'h',
            other => other,
        })
}

/// A slug for entity ids: lowercase letters and digits (accents folded), other characters turned into
/// single `-`s.
pub fn slug(name: &str) -> String {
    let mut out = String::new();
    for c in fold(name) {
        if c.is_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
}

/// Splits `DeutscheBahn` into `Deutsche Bahn`: a space goes before each capital that follows
/// a lowercase letter (an acronym run such as `NATOpress` is left alone: where it ends is a guess).
pub fn split_camel(s: &str) -> String {
    let mut out = String::new();
    let chars: Vec<char> = s.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        if i > 0 && c.is_uppercase() && chars[i - 1].is_lowercase() {
            out.push(' ');
        }
        if c == '_' {
            out.push(' ');
        } else {
            out.push(c);
        }
    }
    out
}

/// Whether a name has the shape of a product or weapon designation: one word whose last hyphenated part
/// is one to three capitals or digits ("Rafale-M", "Su-25", "F-16", "COVID-19", "S-400"). CoNLL
/// annotates products as MISC, so these go to `other` whatever a mention was tagged.
pub fn looks_like_designation(name: &str) -> bool {
    if name.contains(' ') {
        return false;
    }
    let Some((head, tail)) = name.rsplit_once('-') else {
        return false;
    };
    !head.is_empty()
        && head.chars().next().is_some_and(char::is_uppercase)
        && (1..=3).contains(&tail.chars().count())
        && tail
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
}

/// Small words ignored when comparing organisation names and initials.
pub const MINOR: &[&str] = &[
    "of", "the", "and", "for", "de", "la", "du", "von", "&", "on", "in",
];

/// The words of a name, lowercase and accent-folded, split on spaces and hyphens.
pub fn name_tokens(name: &str) -> Vec<String> {
    key(&name.replace(['-', '‐'], " "))
        .split_whitespace()
        .map(String::from)
        .collect()
}

/// A spelling-independent form of a word, for transliterations: `kh`→`h`, `sh`→`s`, `q`→`k`, `ck`→`k`, `ph`→`f`,
/// `w`→`v`, `y`→`i`, `j`→`i` between vowels..., doubled letters single, soft `c` → `s`.
pub fn phonetic(word: &str) -> String {
    let w: Vec<char> = key(word).chars().collect();
    let mut out = String::new();
    let mut i = 0;
    while i < w.len() {
        let c = w[i];
        let next = w.get(i + 1).copied();
        let mapped: &str = match (c, next) {
            ('k', Some('h')) | ('g', Some('h')) => {
                i += 1;
                "h"
            }
            ('p', Some('h')) => {
                i += 1;
                "f"
            }
            ('s', Some('h')) => {
                i += 1;
                "s"
            }
            ('c', Some('k')) => {
                i += 1;
                "k"
            }
            ('c', Some('e')) | ('c', Some('i')) | ('c', Some('y')) => "s",
            ('c', _) | ('q', _) => "k",
            ('w', _) => "v",
            ('y', _) | ('j', _) => "i",
            ('z', Some('h')) => {
                i += 1;
                "j"
            }
            ('x', _) => "ks",
            ('z', _) => "s",
            _ => {
                out.push(c);
                i += 1;
                continue;
            }
        };
        out.push_str(mapped);
        i += 1;
    }
    // Collapse doubled letters ("Aliyyev", "Nicholsson").
    let mut collapsed = String::new();
    for c in out.chars() {
        if !collapsed.ends_with(c) {
            collapsed.push(c);
        }
    }
    collapsed
}

/// The consonant skeleton of a phonetic form: its first letter, then its consonants.
pub fn skeleton(phonetic: &str) -> String {
    let mut out = String::new();
    for (i, c) in phonetic.chars().enumerate() {
        if i == 0 || !"aeiou".contains(c) {
            out.push(c);
        }
    }
    out
}

/// Whether a (lowercase, folded) name token has a feminine ending: -a after a consonant ("Petrova",
/// "Ivana", "Petrovskaya"), never matched with a form without it.
fn feminine(token: &str) -> bool {
    let c: Vec<char> = token.chars().collect();
    c.len() >= 4 && c[c.len() - 1] == 'a' && !"aeiou".contains(c[c.len() - 2])
        || token.ends_with("aya")
        || token.ends_with("aia")
}

/// Transliteration-aware match of two name tokens: the same word, or the same phonetic skeleton with a
/// string similarity of at least 0.8, or (long words) one typo apart; always the same gender ending.
/// Returns the similarity.
pub fn tokens_match(a: &str, b: &str) -> Option<f32> {
    if a == b {
        return Some(1.0);
    }
    if feminine(a) != feminine(b) {
        return None;
    }
    let (pa, pb) = (phonetic(a), phonetic(b));
    if pa == pb {
        return Some(0.99);
    }
    let sim = strsim::jaro_winkler(&pa, &pb) as f32;
    if skeleton(&pa) == skeleton(&pb) && sim >= 0.8 {
        return Some(sim);
    }
    typo(a, b).then_some(TYPO_SIMILARITY)
}

/// The fewest letters of a word that one letter dropped inside it is taken for the same word.
pub const MIN_DROPPED_LEN: usize = 5;

/// Whether one word is the other with a letter dropped inside it, neither the first nor the last
/// ("Malcom" / "Malcolm", "Philip" / "Phillip", "Mathew" / "Matthew"), the shorter of
/// [`MIN_DROPPED_LEN`] letters or more; a changed letter in a short word is another name ("Jon" /
/// "Jan").
pub fn dropped_letter(a: &str, b: &str) -> bool {
    let (short, long) = if a.len() < b.len() { (a, b) } else { (b, a) };
    let (s, l): (Vec<char>, Vec<char>) = (short.chars().collect(), long.chars().collect());
    if s.len() < MIN_DROPPED_LEN || l.len() != s.len() + 1 {
        return false;
    }
    (1..l.len() - 1).any(|i| l[..i] == s[..i] && l[i + 1..] == s[i..])
}

/// The fewest letters of two words that one typo apart are taken for one word.
pub const MIN_TYPO_LEN: usize = 7;
/// The similarity given to a typo: below 0.95, so such a merge is listed for review.
const TYPO_SIMILARITY: f32 = 0.9;

/// Whether two long words ([`MIN_TYPO_LEN`] letters or more) with the same first letter are one typo
/// apart: a letter changed, added, dropped, or two neighbours swapped ("Alishvandi" / "Alishbandi",
/// "Klitschko" / "Klistchko"); shorter words one letter apart are as often two names ("Gray" / "Grey").
fn typo(a: &str, b: &str) -> bool {
    let len = a.chars().count().min(b.chars().count());
    len >= MIN_TYPO_LEN && a.chars().next() == b.chars().next() && strsim::osa_distance(a, b) == 1
}

/// Whether `short` spells the initials of the significant words of `long`, strictly ("DUP" is not
/// "Deutsche Post", though "DUP" letters appear in it).
pub fn is_initials_of(short: &str, long: &str) -> bool {
    let s = letters_of(short);
    s.len() >= 2 && s == initials(long)
}

/// An acronym's letters and digits, lowercase, as one string ("U.N." → "un"): what [`initials`] of
/// the name it stands for gives.
pub fn letters_of(short: &str) -> String {
    acronym_letters(short).into_iter().collect()
}

/// The first letters of a name's significant words, lowercase ("Democratic Unionist Party" → "dup").
pub fn initials(long: &str) -> String {
    name_tokens(long)
        .iter()
        .filter(|w| !MINOR.contains(&w.as_str()))
        .filter_map(|w| w.chars().next())
        .collect()
}

/// An acronym's letters and digits, lowercase ("U.N." → "un").
fn acronym_letters(short: &str) -> Vec<char> {
    short
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Whether `short` is an acronym of `long`: its letters appear in order in `long`, the first at the start
/// of the first significant word and every significant word contributing (Schwartz–Hearst, with the
/// syllable acronyms news uses: TEPCO = Tokyo Electric POwer COmpany).
pub fn is_acronym_of(short: &str, long: &str) -> bool {
    let s = acronym_letters(short);
    let words: Vec<String> = name_tokens(long)
        .into_iter()
        .filter(|w| !MINOR.contains(&w.as_str()))
        .collect();
    if s.len() < 2 || words.len() < 2 || s.len() > 10 {
        return false;
    }
    // Strict initials first.
    let initials: String = words.iter().filter_map(|w| w.chars().next()).collect();
    if initials == s.iter().collect::<String>() {
        return true;
    }
    // Letters in order, each word contributing its first letter and maybe more.
    fn go(s: &[char], words: &[String], wi: usize) -> bool {
        if wi == words.len() {
            return s.is_empty();
        }
        let w: Vec<char> = words[wi].chars().collect();
        if s.is_empty() || s[0] != w[0] {
            return false;
        }
        // take 1..k letters from this word, in order
        let mut used = 1;
        let mut pos = 1;
        loop {
            if go(&s[used..], words, wi + 1) {
                return true;
            }
            // extend with the next letter of s found later in this word
            if used >= s.len() {
                return false;
            }
            match w[pos..].iter().position(|&c| c == s[used]) {
                Some(p) => {
                    pos += p + 1;
                    used += 1;
                }
                None => return false,
            }
        }
    }
    go(&s, &words, 0)
}

/// Whether `short` is made of the start of every significant word of `long`, one letter or more
/// from each: "TEPCO" = "TOkyo Electric POwer COmpany", "HP" = "Hewlett-Packard"; never "NCAA" from
/// "North CArolinA", whose letters are in order but not each word's start. For an acronym no text
/// defines, stricter than [`is_acronym_of`].
pub fn is_syllable_acronym_of(short: &str, long: &str) -> bool {
    let s = acronym_letters(short);
    // Words, a capital inside a word starting one of its own ("PlayStation 2" = "PS2"); a minor word
    // may give its start or not ("DoD" = "Department of Defense").
    let words: Vec<(Vec<char>, bool)> = camel_words(long)
        .into_iter()
        .map(|w| {
            let minor = MINOR.contains(&w.as_str());
            (w.chars().collect(), minor)
        })
        .collect();
    fn go(s: &[char], words: &[(Vec<char>, bool)]) -> bool {
        match words.split_first() {
            None => s.is_empty(),
            Some(((w, minor), rest)) => {
                (*minor && go(s, rest))
                    || (1..=w.len().min(s.len()))
                        .take_while(|&k| s[..k] == w[..k])
                        .any(|k| go(&s[k..], rest))
            }
        }
    }
    let significant = words.iter().filter(|(_, minor)| !minor).count();
    (2..=10).contains(&s.len()) && significant >= 2 && go(&s, &words)
}

/// The lowercase words of a name, split also where a capital follows a small letter inside a word
/// ("PlayStation" → "play", "station").
fn camel_words(name: &str) -> Vec<String> {
    let mut out = Vec::new();
    for word in name
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        let mut cur = String::new();
        let mut prev_lower = false;
        for c in word.chars() {
            if c.is_uppercase() && prev_lower && !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            prev_lower = c.is_lowercase();
            cur.extend(c.to_lowercase());
        }
        out.push(cur);
    }
    out
}

/// Whether a name looks like an acronym: two to six letters, all capitals (dots allowed: "U.N.").
pub fn looks_like_acronym(name: &str) -> bool {
    let letters: Vec<char> = name.chars().filter(|c| c.is_alphanumeric()).collect();
    (2..=6).contains(&letters.len())
        && letters
            .iter()
            .all(|c| c.is_uppercase() || c.is_ascii_digit())
        && letters.iter().any(|c| c.is_alphabetic())
        && !name.contains(' ')
}

/// `Long Name (ACRO)` definitions in an article: (acronym key, long form).
pub fn acronym_definitions(text: &str) -> Vec<(String, String)> {
    acronym_definition_spans(text)
        .into_iter()
        .map(|(k, r)| (k, text[r].to_string()))
        .collect()
}

/// `Long Name (ACRO)` definitions in an article: (acronym key, byte range of the long form).
pub fn acronym_definition_spans(text: &str) -> Vec<(String, std::ops::Range<usize>)> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(open) = text[from..].find('(').map(|i| i + from) {
        from = open + 1;
        let Some(close) = text[open..].find(')').map(|i| i + open) else {
            break;
        };
        let inner = text[open + 1..close].trim();
        if !looks_like_acronym(inner) {
            continue;
        }
        // Up to 8 words before the bracket, trying the longest capitalised run that matches.
        let base = text[..open]
            .rfind(['\n', '.', ';', ':'])
            .map_or(0, |i| i + 1);
        let before = &text[base..open];
        let words: Vec<(usize, &str)> = crate::text::whitespace_pieces(before)
            .map(|(pos, w)| (base + pos, w))
            .collect();
        for n in (2..=words.len().min(8)).rev() {
            let cand = &words[words.len() - n..];
            if !cand[0].1.starts_with(char::is_uppercase) {
                continue;
            }
            let start = cand[0].0;
            let end = cand[n - 1].0
                + cand[n - 1]
                    .1
                    .trim_end_matches(|c: char| !c.is_alphanumeric())
                    .len();
            if is_acronym_of(inner, &text[start..end]) {
                out.push((key(inner), start..end));
                break;
            }
        }
    }
    out
}
