//! The corpus stage: find the articles under a folder and read them.
//!
//! Every `.txt` and `.md` file under the root, recursively, is an article; hidden files and folders are
//! skipped. Articles are returned in a stable order (by relative path). An article's id is its path
//! relative to the root, without the extension, with `/` separators. Its title is its first non-empty
//! line. The text is kept exactly as read (invalid UTF-8 is replaced, with a warning), because every
//! offset in the outputs indexes it.
//!
//! A file that cannot be used gets a [`Status`] that says why, and the run goes on with the others.

use crate::error::{Error, Result};
use serde::{Deserialize, Serialize};
use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// Default largest article, in bytes.
pub const DEFAULT_MAX_BYTES: u64 = 20 * 1024 * 1024;

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
    /// Could not be read (permissions, I/O error).
    Unreadable,
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

/// A file found under the corpus root.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// Article id.
    pub id: String,
    /// Path relative to the root.
    pub rel_path: PathBuf,
    /// Full path.
    pub path: PathBuf,
    /// A problem found while walking (broken link, loop), if any.
    pub problem: Option<(Status, String)>,
}

/// An article as read.
#[derive(Debug, Clone, PartialEq)]
pub struct Article {
    /// Article id (relative path without extension).
    pub id: String,
    /// Path relative to the corpus root.
    pub rel_path: PathBuf,
    /// First non-empty line.
    pub title: String,
    /// The text as read.
    pub text: String,
    /// SHA-256 of the file's bytes.
    pub sha256: String,
    /// Words (whitespace-separated tokens with a letter or digit).
    pub words: usize,
    /// `Ok`, `LossyUtf8`, or why it was not processed.
    pub status: Status,
    /// What the user should know about this file.
    pub message: Option<String>,
}

/// Lists the articles under `root`, sorted by relative path. Fails only when `root` itself is unusable.
pub fn discover(root: &Path) -> Result<Vec<Entry>> {
    let meta = std::fs::metadata(root).map_err(|e| Error::io(root, e))?;
    if !meta.is_dir() {
        return Err(Error::input(root, "the corpus path is not a folder"));
    }
    let mut out = Vec::new();
    let mut visited = HashSet::new();
    walk(root, root, &mut visited, &mut out);
    out.sort_by(|a, b| a.rel_path.cmp(&b.rel_path));
    // Two files with one id: the first (in path order) keeps it.
    let mut seen = HashSet::new();
    for e in &mut out {
        if !seen.insert(e.id.clone()) && e.problem.is_none() {
            e.problem = Some((
                Status::DuplicateId,
                format!("another file already has the article id {:?}", e.id),
            ));
        }
    }
    Ok(out)
}

fn is_article(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("txt") || e.eq_ignore_ascii_case("md"))
}

fn walk(root: &Path, dir: &Path, visited: &mut HashSet<PathBuf>, out: &mut Vec<Entry>) {
    if let Ok(canon) = std::fs::canonicalize(dir) {
        if !visited.insert(canon) {
            return; // a folder reached twice through links
        }
    }
    let Ok(read) = std::fs::read_dir(dir) else {
        return;
    };
    let mut children: Vec<PathBuf> = read.filter_map(|e| e.ok().map(|e| e.path())).collect();
    children.sort();
    for path in children {
        let hidden = path
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.starts_with('.'));
        if hidden {
            continue;
        }
        let link = std::fs::symlink_metadata(&path).is_ok_and(|m| m.file_type().is_symlink());
        match std::fs::metadata(&path) {
            Ok(m) if m.is_dir() => walk(root, &path, visited, out),
            Ok(_) => {
                if is_article(&path) {
                    out.push(entry(root, &path, None));
                }
            }
            Err(e) if link && is_article(&path) => {
                let problem = if e.raw_os_error() == Some(40) {
                    (Status::SymlinkLoop, "symbolic link loop".to_string())
                } else {
                    (Status::BrokenSymlink, format!("broken symbolic link ({e})"))
                };
                out.push(entry(root, &path, Some(problem)));
            }
            Err(e) if is_article(&path) => {
                out.push(entry(
                    root,
                    &path,
                    Some((Status::Unreadable, e.to_string())),
                ));
            }
            Err(_) => {}
        }
    }
}

fn entry(root: &Path, path: &Path, problem: Option<(Status, String)>) -> Entry {
    let rel = path.strip_prefix(root).unwrap_or(path).to_path_buf();
    let id = rel
        .with_extension("")
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("/");
    Entry {
        id,
        rel_path: rel,
        path: path.to_path_buf(),
        problem,
    }
}

/// Reads one entry. Never fails: problems become the article's status and message.
pub fn read(entry: &Entry, max_bytes: u64) -> Article {
    let mut article = Article {
        id: entry.id.clone(),
        rel_path: entry.rel_path.clone(),
        title: String::new(),
        text: String::new(),
        sha256: String::new(),
        words: 0,
        status: Status::Ok,
        message: None,
    };
    let fail = |mut a: Article, status: Status, msg: String| {
        a.status = status;
        a.message = Some(msg);
        a
    };
    if let Some((status, msg)) = &entry.problem {
        return fail(article, *status, msg.clone());
    }
    match std::fs::metadata(&entry.path) {
        Ok(m) if m.len() > max_bytes => {
            return fail(
                article,
                Status::TooLarge,
                format!("{} bytes, over the limit of {max_bytes}", m.len()),
            )
        }
        Ok(_) => {}
        Err(e) => return fail(article, Status::Unreadable, e.to_string()),
    }
    let bytes = match std::fs::read(&entry.path) {
        Ok(b) => b,
        Err(e) => return fail(article, Status::Unreadable, e.to_string()),
    };
    article.sha256 = crate::store::sha256_hex(&bytes);
    if looks_binary(&bytes) {
        return fail(article, Status::Binary, "looks like a binary file".into());
    }
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            article.status = Status::LossyUtf8;
            article.message = Some(format!(
                "invalid UTF-8 (first at byte {at}); decoded with replacement characters"
            ));
            String::from_utf8_lossy(e.as_bytes()).into_owned()
        }
    };
    if text.trim().is_empty() {
        return fail(article, Status::Empty, "the file is empty".into());
    }
    article.title = title_of(&text, &entry.rel_path);
    article.words = count_words(&text);
    article.text = text;
    article
}

/// The first non-empty line, trimmed (a Markdown heading's `#`s removed).
pub fn title_of(text: &str, path: &Path) -> String {
    let line = text
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .unwrap_or("");
    let is_md = path
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("md"));
    if is_md {
        line.trim_start_matches('#').trim().to_string()
    } else {
        line.to_string()
    }
}

/// Whitespace-separated tokens that hold a letter or a digit.
pub fn count_words(text: &str) -> usize {
    text.split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count()
}

fn looks_binary(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(8192)];
    if head.contains(&0) {
        return true;
    }
    let control = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c))
        .count();
    !head.is_empty() && control * 10 > head.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_and_titles() {
        assert_eq!(count_words("Hello, world — 38 dead."), 4);
        assert_eq!(
            title_of("\n\n  A title \nbody", Path::new("a.txt")),
            "A title"
        );
        assert_eq!(title_of("# Heading\nbody", Path::new("a.md")), "Heading");
    }

    #[test]
    fn binary_detection() {
        assert!(looks_binary(b"abc\0def"));
        assert!(looks_binary(&[1u8, 2, 3, 4, 5, 6, 7, 8]));
        assert!(!looks_binary("plain text\nwith lines\t".as_bytes()));
    }
}
