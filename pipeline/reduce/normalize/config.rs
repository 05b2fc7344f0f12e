//! The normalize stage's configuration: the sieve's pass order and every threshold, in one file
//! (`models/lexicons/normalize.toml`). The shipped file is compiled in as the default, so the code holds
//! no second copy of a value; `newsner run --normalize FILE` and `reduce --normalize FILE` read another,
//! and a lexicon folder's own `normalize.toml` is read with its word lists.

use crate::error::{Error, Result};
use crate::geo::LinkConfig;
use serde::Deserialize;
use std::path::Path;

/// The shipped configuration, as text.
pub const SHIPPED: &str = include_str!("../../../models/lexicons/normalize.toml");

/// The file's name in a lexicon folder.
pub const FILE: &str = "normalize.toml";

/// Pass order and thresholds of normalization.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// The sieve.
    pub sieve: Sieve,
    /// The type vote ([`super::types`]).
    pub types: Types,
    /// Name comparison ([`super::spelling`]).
    pub names: Names,
    /// Short names inside longer ones ([`super::containment`]).
    pub containment: Containment,
    /// A mention's context ([`super::declared`], [`super::facilities`]).
    pub context: Context,
    /// The place linker ([`crate::geo::link`]).
    pub link: LinkConfig,
}

/// The sieve's passes.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Sieve {
    /// Pass names ([`super::sieve::Pass::name`]), in the order they run; a pass left out does not run.
    pub passes: Vec<String>,
}

/// The corpus-wide type vote.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Types {
    /// A vote is sure when its winner has this share...
    pub sure_share: f32,
    /// ...and a mean score of at least this.
    pub sure_score: f32,
    /// An unsure name is looked up when places got at least this share.
    pub place_share: f32,
    /// A mention this confident is a team where its name is also a place.
    pub mention_sure: f32,
}

/// Name comparison.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Names {
    /// Jaro-Winkler similarity of two names (words written together, abbreviations written out) to
    /// join by their spelling key: "Qandahar" / "Kandahar" 0.92, "Yepp" / "Jeep" 0.67.
    pub min_similarity: f64,
    /// A spelling variant across articles ("John Mayer" / "John Major", "McCafe" / "McAfee") joins only
    /// where the two articles share another name, one not named in more than this share of the
    /// corpus' articles...
    pub context_common_share: f64,
    /// ...nor in more than this many articles, whichever is larger (in a corpus of one story every
    /// name of it counts).
    pub context_common_floor: usize,
}

/// Short names inside longer ones.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Containment {
    /// A dominant candidate is named in this many times as many articles as each other one...
    pub dominance: usize,
    /// ...and in at least this many articles.
    pub dominant_articles: usize,
}

/// A mention's context.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Context {
    /// Words allowed between a name and its "known as".
    pub declared_cue_insert: usize,
    /// Sites of a facility name before it is a chain.
    pub facility_min_sites: usize,
}

impl Default for Config {
    /// The shipped configuration.
    fn default() -> Config {
        Config::parse(SHIPPED).expect("the shipped normalize.toml is valid (tested)")
    }
}

impl Config {
    /// Parses a configuration and checks its pass names.
    pub fn parse(text: &str) -> std::result::Result<Config, String> {
        let c: Config = toml::from_str(text).map_err(|e| e.to_string())?;
        let known = super::sieve::names();
        for p in &c.sieve.passes {
            if !known.contains(&p.as_str()) {
                return Err(format!(
                    "unknown pass {p:?} in [sieve] passes (known: {})",
                    known.join(", ")
                ));
            }
        }
        Ok(c)
    }

    /// Reads a configuration file.
    pub fn load(path: &Path) -> Result<Config> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| Error::input(path, format!("cannot read the configuration: {e}")))?;
        Config::parse(&text).map_err(|e| Error::input(path, e))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_file_parses_and_names_every_pass_once() {
        let c = Config::parse(SHIPPED).unwrap();
        let mut names = c.sieve.passes.clone();
        names.sort();
        let mut known: Vec<String> = super::super::sieve::names()
            .iter()
            .map(|s| s.to_string())
            .collect();
        known.sort();
        assert_eq!(names, known);
    }

    #[test]
    fn an_unknown_pass_or_key_is_an_error() {
        let bad = SHIPPED.replace("\"spelling\",", "\"speling\",");
        assert!(Config::parse(&bad).unwrap_err().contains("speling"));
        let bad = SHIPPED.replace("sure_share =", "sure_shar =");
        assert!(Config::parse(&bad).is_err());
    }
}
