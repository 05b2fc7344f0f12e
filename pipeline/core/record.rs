//! The per-article record: what the map side learns of one article and the reduce side reads. It is
//! the seam between them, on one machine (`newsner run` passes records in memory) and across many
//! (`newsner map` writes them as JSON lines, a Spark job stores them as Parquet, `newsner reduce` reads
//! them back). Versioned by [`SCHEMA_VERSION`]; a reader refuses records of another version.

use crate::span::{Mention, NumberMention};
use serde::{Deserialize, Serialize};
use std::ops::Range;

/// The version of [`ArticleRecord`]'s layout. Bump it on any change a reader of older records would
/// misread.
pub const SCHEMA_VERSION: u32 = 1;

/// What happened to a file. Everything but [`Status::Ok`] and [`Status::LossyUtf8`] means the file was
/// not processed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    /// Read and processed.
    Ok,
    /// Processed, but invalid UTF-8 sequences were replaced by U+FFFD.
    LossyUtf8,
    /// Empty or only whitespace.
    Empty,
    /// Looks like a binary file (NUL bytes or mostly control characters).
    Binary,
    /// Larger than the configured limit.
    TooLarge,
    /// Could not be read (permissions, I/O error), or a subfolder that could not be listed.
    Unreadable,
    /// Not a regular file (a named pipe, a device, a socket), so not read.
    NotAFile,
    /// A symbolic link whose target does not exist.
    BrokenSymlink,
    /// A symbolic link that loops.
    SymlinkLoop,
    /// Another file has the same id (`a.txt` and `a.md`).
    DuplicateId,
    /// A later stage failed on it.
    Failed,
}

impl Status {
    /// The value of the `status` column.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Ok => "ok",
            Status::LossyUtf8 => "lossy-utf8",
            Status::Empty => "empty",
            Status::Binary => "binary",
            Status::TooLarge => "too-large",
            Status::Unreadable => "unreadable",
            Status::NotAFile => "not-a-file",
            Status::BrokenSymlink => "broken-symlink",
            Status::SymlinkLoop => "symlink-loop",
            Status::DuplicateId => "duplicate-id",
            Status::Failed => "failed",
        }
    }

    /// Whether the article goes through the pipeline.
    pub fn is_processed(self) -> bool {
        matches!(self, Status::Ok | Status::LossyUtf8)
    }
}

/// Why a line was dropped.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case", tag = "reason", content = "detail")]
pub enum Reason {
    /// It carries a page cue.
    Cue(String),
    /// It repeats an earlier line.
    Repeated,
    /// A bulleted menu item before the article starts.
    Menu,
    /// A link of a rail, after its title.
    Rail,
    /// A photo credit standing alone.
    Credit,
    /// A navigation trail of links.
    Navigation,
}

/// A dropped line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dropped {
    /// Byte range of the line.
    #[serde(skip)]
    pub range: Range<usize>,
    /// The line.
    pub text: String,
    /// Why.
    #[serde(flatten)]
    pub reason: Reason,
}

/// One article after the map side: its identity, text and status, the lines boilerplate dropped, and
/// the mentions and numbers found in its content. Field order is the JSON key order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ArticleRecord {
    /// [`SCHEMA_VERSION`] of the writer.
    pub schema: u32,
    /// Fingerprint (SHA-256 of the weights and configuration files) of the model that found the
    /// mentions; empty when the article needed no model (skipped or failed before it).
    pub model: String,
    /// Article id (the relative path without extension, or the id given in JSON-lines input).
    pub id: String,
    /// Path relative to the corpus root (`/`-separated), or the id for JSON-lines input.
    pub path: String,
    /// First non-empty line.
    pub title: String,
    /// SHA-256 of the article's bytes as read (of its UTF-8 text for JSON-lines input).
    pub sha256: String,
    /// Words (whitespace-separated tokens with a letter or digit).
    pub words: usize,
    /// `ok`, `lossy-utf8`, or why the article was not processed (`failed`: an error record).
    pub status: Status,
    /// What the user should know about this article (the error of an error record).
    pub message: Option<String>,
    /// The text as decoded; offsets index it.
    pub text: String,
    /// The lines the boilerplate stage dropped.
    pub boilerplate: Vec<Dropped>,
    /// Entity mentions, in text order.
    pub mentions: Vec<Mention>,
    /// Numbers, in text order.
    pub numbers: Vec<NumberMention>,
}

impl ArticleRecord {
    /// A record of an article that was not processed: `status` says why, `message` in words.
    pub fn unprocessed(id: &str, path: &str, status: Status, message: String) -> ArticleRecord {
        ArticleRecord {
            schema: SCHEMA_VERSION,
            model: String::new(),
            id: id.to_string(),
            path: path.to_string(),
            title: String::new(),
            sha256: String::new(),
            words: 0,
            status,
            message: Some(message),
            text: String::new(),
            boilerplate: Vec::new(),
            mentions: Vec::new(),
            numbers: Vec::new(),
        }
    }

    /// Turns the record into an error record (status `failed`): nothing found in it counts.
    pub fn fail(&mut self, message: String) {
        self.status = Status::Failed;
        self.message = Some(message);
        self.mentions.clear();
        self.numbers.clear();
    }

    /// Whether every span indexes the text on character boundaries and slices back to its own text: a
    /// record of another article (or a damaged one) does not.
    pub fn fits(&self) -> bool {
        spans_fit(&self.text, &self.mentions, &self.numbers)
    }
}

/// Whether every mention and number slices `text` back to its own text.
pub fn spans_fit(text: &str, mentions: &[Mention], numbers: &[NumberMention]) -> bool {
    let fits = |r: Range<usize>, s: &str| text.get(r) == Some(s);
    mentions
        .iter()
        .all(|m| fits(m.byte_start..m.byte_end, &m.text))
        && numbers
            .iter()
            .all(|n| fits(n.byte_start..n.byte_end, &n.text))
}
