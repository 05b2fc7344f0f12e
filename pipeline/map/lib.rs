//! # newsner-map
//!
//! The map side: everything newsner does to one article alone, the only crate that links libtorch.
//!
//! | stage | module | in → out |
//! |---|---|---|
//! | corpus | [`corpus`], [`input`] | a folder or JSON lines → [`corpus::Article`]s (text kept exactly as read) |
//! | boilerplate | [`boilerplate`] | article text → the byte ranges that are content |
//! | ner | [`ner`] | content ranges → entity [`Mention`](newsner_core::span::Mention)s with offsets |
//! | numbers | [`numbers`], [`terms`] | content → [`NumberMention`](newsner_core::span::NumberMention)s |
//!
//! [`map`] drives them into one [`ArticleRecord`](newsner_core::record::ArticleRecord) per article;
//! [`train`], [`conll`] and [`eval`] train and score models.

// Stages pass lists of byte ranges (content regions); a list of one range is the common case, not a slip.
#![allow(clippy::single_range_in_vec_init)]

pub mod boilerplate;
pub mod conll;
pub mod corpus;
pub mod eval;
pub mod input;
pub mod map;
pub mod ner;
pub mod numbers;
pub mod terms;
pub mod train;

pub use newsner_core::{error, store, text};
pub use newsner_core::{Error, Result};

/// Turns the model engines' errors into the library's.
pub(crate) trait EngineResult<T> {
    /// The result with an engine error as [`Error::Engine`].
    fn engine(self) -> Result<T>;
}

impl<T> EngineResult<T> for std::result::Result<T, tch::TchError> {
    fn engine(self) -> Result<T> {
        self.map_err(|e| Error::engine("libtorch", e))
    }
}

impl<T> EngineResult<T> for std::result::Result<T, rust_bert::RustBertError> {
    fn engine(self) -> Result<T> {
        self.map_err(|e| Error::engine("rust-bert", e))
    }
}
