//! # newsner
//!
//! News articles in, tables of the people, places, organizations and numbers they mention out.
//!
//! The pipeline is a chain of stages, each in its own module, with data flowing one way:
//!
//! | stage | module | in → out |
//! |---|---|---|
//! | corpus | [`corpus`] | a folder → [`corpus::Article`]s (text kept exactly as read) |
//! | boilerplate | [`boilerplate`] | article text → the byte ranges that are content |
//! | ner | [`ner`] | content ranges → [`ner::Mention`]s with character offsets |
//! | normalize | [`normalize`] | mentions of all articles → entities |
//! | tables | [`tables`] | everything → CSV tables and JSON records |
//!
//! [`run`] drives them; [`store`] holds the disk side (atomic writes, hashes); [`train`], [`conll`] and
//! [`eval`] train and score models.

// Stages pass lists of byte ranges (content regions); a list of one range is the common case, not a slip.
#![allow(clippy::single_range_in_vec_init)]

pub mod bench;
pub mod boilerplate;
pub mod conll;
pub mod corpus;
pub mod error;
pub mod eval;
pub mod figures;
#[cfg(test)]
mod fuzz;
pub mod memory;
pub mod ner;
pub mod normalize;
pub mod numbers;
pub mod run;
pub mod store;
pub mod tables;
pub mod text;
pub mod train;

pub use error::{Error, Result};

/// Where the shipped default model lives, relative to the repository root.
pub const DEFAULT_MODEL: &str = "models/newsner-minilm-news";

/// Where the shipped word lists live, relative to the repository root.
pub const DEFAULT_LEXICONS: &str = "models/lexicons";

/// A shipped path: relative to the current folder when it exists there, else under the source tree the
/// binary was built from.
pub fn shipped(rel: &str) -> std::path::PathBuf {
    let here = std::path::PathBuf::from(rel);
    if here.exists() {
        return here;
    }
    let built = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(rel);
    if built.exists() {
        built
    } else {
        here
    }
}
