//! Casing classes of words in the original text.
//!
//! The shipped base encoder is uncased: its tokenizer lowercases everything, and capitalisation is the
//! strongest cue for names in English. The classifier gets it back as a small learned embedding of each
//! word's casing class, added to the input embeddings (see [`super::model`]).

/// Number of casing classes, padding and special tokens included.
pub const NUM_CASING: i64 = 6;

/// The casing class of a word as written in the article.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub enum Casing {
    /// Padding and special tokens ([CLS], [SEP]).
    Special = 0,
    /// "plane": all letters lowercase.
    Lower = 1,
    /// "Cusco": first letter uppercase, the rest lowercase.
    Title = 2,
    /// "NATO": all letters uppercase (two or more letters).
    Upper = 3,
    /// "McDonald", "iPhone", "eBay": any other mix.
    Mixed = 4,
    /// "38", "—", "2024": no letters at all.
    NoLetters = 5,
}

impl Casing {
    /// Classifies a word.
    pub fn of(word: &str) -> Casing {
        let mut letters = word.chars().filter(|c| c.is_alphabetic());
        let Some(first) = letters.next() else {
            return Casing::NoLetters;
        };
        let rest: Vec<char> = letters.collect();
        let first_upper = first.is_uppercase();
        let rest_lower = rest.iter().all(|c| !c.is_uppercase());
        let rest_upper = rest.iter().all(|c| !c.is_lowercase());
        match (first_upper, rest_lower, rest_upper) {
            (false, true, _) => Casing::Lower,
            (true, _, true) if !rest.is_empty() => Casing::Upper,
            (true, true, _) => Casing::Title,
            _ => Casing::Mixed,
        }
    }

    /// The id fed to the embedding.
    pub fn id(self) -> i64 {
        self as i64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes() {
        assert_eq!(Casing::of("plane"), Casing::Lower);
        assert_eq!(Casing::of("Lagos"), Casing::Title);
        assert_eq!(Casing::of("A"), Casing::Title);
        assert_eq!(Casing::of("NATO"), Casing::Upper);
        assert_eq!(Casing::of("U5-1549"), Casing::Title);
        assert_eq!(Casing::of("McDonald"), Casing::Mixed);
        assert_eq!(Casing::of("iPhone"), Casing::Mixed);
        assert_eq!(Casing::of("2024"), Casing::NoLetters);
        assert_eq!(Casing::of("Zürich"), Casing::Title);
        assert_eq!(Casing::of("ÉLYSÉE"), Casing::Upper);
    }
}
