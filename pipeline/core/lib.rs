//! # newsner-core
//!
//! What every side of newsner shares, without libtorch: the entity types and label schemes
//! ([`labels`]), the spans the stages pass on ([`span`]), the per-article record between the map and
//! the reduce side ([`record`]), text helpers ([`text`]), the disk side ([`store`]: atomic writes,
//! hashes, cache, lock, publication), the table sinks ([`tables`]), memory figures ([`memory`]) and the
//! error type ([`error`]).

// Stages pass lists of byte ranges (content regions); a list of one range is the common case, not a slip.
#![allow(clippy::single_range_in_vec_init)]

pub mod error;
pub mod labels;
pub mod memory;
pub mod record;
pub mod span;
pub mod store;
pub mod tables;
pub mod text;

pub use error::{Error, Result};

/// Where the shipped default model lives, relative to the repository root.
pub const DEFAULT_MODEL: &str = "models/newsner-minilm-news";

/// Where the shipped word lists live, relative to the repository root.
pub const DEFAULT_LEXICONS: &str = "models/lexicons";

/// The repository root this crate was built from (`pipeline/core/../..`).
pub fn source_root() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// A shipped path: relative to the current folder when it exists there, else beside the running
/// executable (an archive made by `scripts/spark/pack.sh`), else under the source tree the binary was
/// built from.
pub fn shipped(rel: &str) -> std::path::PathBuf {
    let here = std::path::PathBuf::from(rel);
    let beside_exe = std::env::current_exe()
        .ok()
        .and_then(|exe| Some(exe.parent()?.join(rel)));
    std::iter::once(here.clone())
        .chain(beside_exe)
        .chain(std::iter::once(source_root().join(rel)))
        .find(|p| p.exists())
        .unwrap_or(here)
}

/// The data lines of a shipped word list: `#` header lines and blank lines skipped.
pub fn list(text: &'static str) -> Vec<&'static str> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect()
}

/// Runs one article's stage, turning a panic into an error message for that article.
pub fn guarded<T>(stage: &str, f: impl FnOnce() -> T) -> std::result::Result<T, String> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)).map_err(|p| {
        let what = p
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| p.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown panic".to_string());
        format!("internal error in the {stage} stage: {what}")
    })
}
