//! # newsner-reduce
//!
//! The reduce side: everything newsner does across articles, over the per-article records the map side
//! wrote ([`ArticleRecord`](newsner_core::record::ArticleRecord)), without libtorch.
//!
//! | stage | module | in → out |
//! |---|---|---|
//! | order | [`reduce`] | records in any order → path order, one id each |
//! | normalize | [`normalize`] | mentions of all articles → entities |
//! | figures | [`figures`] | numbers of all articles → figures |
//! | places | [`geo`] | place names in their articles → GeoNames ids; the world map |
//! | tables | [`output`] | everything → tables (through a [`TableFormat`](newsner_core::tables::TableFormat)) and JSON records |
//! | report | [`report`] | everything → `report.html` (lists, map, matrix, figures, changes) |

// Stages pass lists of byte ranges (content regions); a list of one range is the common case, not a slip.
#![allow(clippy::single_range_in_vec_init)]

pub mod figures;
pub mod geo;
pub mod normalize;
pub mod output;
pub mod reduce;
pub mod report;

pub use newsner_core::{error, store, text};
pub use newsner_core::{Error, Result};
pub use reduce::{Reduced, Reducer};
