//! # newsner
//!
//! News articles in, tables of the people, places, organizations and numbers they mention out.
//!
//! The work is split at one seam, the per-article record ([`record::ArticleRecord`]):
//!
//! | crate | side | stages |
//! |---|---|---|
//! | `newsner-core` (`pipeline/core`) | shared, no libtorch | entity types, spans, the record, tables, store |
//! | `newsner-map` (`pipeline/map`) | per article, links libtorch | [`corpus`], [`boilerplate`], [`ner`], [`numbers`] → records ([`map`]) |
//! | `newsner-reduce` (`pipeline/reduce`) | across articles, no libtorch | [`normalize`], [`figures`], tables ([`output`]) |
//! | `newsner` (this crate) | the command line | [`run`] (map + reduce in one process), [`publish`], [`bench`] |
//!
//! `newsner run` is map and reduce in one process; `newsner map` and `newsner reduce` are the two sides
//! apart, for engines such as Apache Spark that run the map on many machines.

// Stages pass lists of byte ranges (content regions); a list of one range is the common case, not a slip.
#![allow(clippy::single_range_in_vec_init)]

pub use newsner_core::{
    error, labels, memory, record, shipped, span, store, tables, text, Error, Result,
    DEFAULT_LEXICONS, DEFAULT_MODEL,
};
pub use newsner_map::{boilerplate, conll, corpus, eval, input, map, ner, numbers, terms, train};
pub use newsner_reduce::{figures, normalize, output, reduce, report};

pub mod bench;
pub mod distributed;
pub mod evaluation;
#[cfg(test)]
mod fuzz;
pub mod publish;
pub mod run;

/// The PySpark driver (`scripts/spark/newsner_spark.py`) of this version, as `newsner spark-script`
/// prints it.
pub const SPARK_DRIVER: &str = include_str!("../scripts/spark/newsner_spark.py");
