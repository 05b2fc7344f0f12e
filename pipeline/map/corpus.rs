//! The corpus stage: find the articles under a folder and read them.
//!
//! Every `.txt` and `.md` file under the root, recursively, is an article; hidden files and folders are
//! skipped. Articles are returned in a stable order (by relative path). An article's id is its path
//! relative to the root, without the extension, with `/` separators. Its title is its first non-empty
//! line, cut at [`MAX_TITLE_CHARS`]. The text is kept exactly as decoded, because every offset in the
//! outputs indexes it: UTF-8 (a byte-order mark removed; invalid sequences replaced, with a warning), or
//! UTF-16 where the file starts with a UTF-16 byte-order mark.
//!
//! Only regular files are read (a named pipe or a device, even behind a symbolic link, is skipped), and
//! never more than the size limit, whatever size the file system reports. Ids are unique: a file whose
//! id another file already has keeps its extension in its id (`same.md`). A file that cannot be used
//! gets a [`Status`] that says why, and so does a subfolder that cannot be listed; the run goes on with
//! the others.

use crate::error::{Error, Result};
pub use newsner_core::record::Status;
use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// Default largest article, in bytes.
pub const DEFAULT_MAX_BYTES: u64 = 20 * 1024 * 1024;

/// Longest title, in characters (a spreadsheet cell holds at most 32,767; a title is a line, not a
/// text). Longer first lines are cut at a word and end with `…`.
pub const MAX_TITLE_CHARS: usize = 300;

/// A file found under the corpus root.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// Article id.
    pub id: String,
    /// Path relative to the root.
    pub rel_path: PathBuf,
    /// Full path.
    pub path: PathBuf,
    /// A problem found while walking (broken link, loop, a folder that cannot be listed), if any.
    pub problem: Option<(Status, String)>,
    /// A subfolder that could not be listed (its articles are unknown this run, not removed).
    pub is_folder: bool,
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
    let corpus_error = |message: String| Error::Corpus {
        path: root.to_path_buf(),
        message,
    };
    let meta = std::fs::metadata(root)
        .map_err(|e| corpus_error(format!("the corpus folder cannot be reached ({e})")))?;
    if !meta.is_dir() {
        return Err(corpus_error("the corpus path is not a folder".into()));
    }
    if let Err(e) = std::fs::read_dir(root) {
        return Err(corpus_error(format!(
            "the corpus folder cannot be listed ({e})"
        )));
    }
    let mut out = Vec::new();
    let mut visited = HashSet::new();
    walk(root, root, &mut visited, &mut out);
    out.sort_by(|a, b| a.rel_path.cmp(&b.rel_path));
    unique_ids(&mut out);
    Ok(out)
}

/// Two files with one id (`same.txt`, `same.md`): the first (in path order) keeps it and is processed;
/// the others are skipped as duplicates under an id that keeps their extension (`same.md`), made
/// unique with `~2`, `~3`… if needed, so every row and record has its own id.
fn unique_ids(entries: &mut [Entry]) {
    let mut seen: HashSet<String> = HashSet::new();
    for e in entries.iter_mut() {
        if seen.insert(e.id.clone()) {
            continue;
        }
        let original = e.id.clone();
        let mut id = slash_path(&e.rel_path);
        let mut n = 2;
        while seen.contains(&id) {
            id = format!("{}~{n}", slash_path(&e.rel_path));
            n += 1;
        }
        seen.insert(id.clone());
        e.id = id;
        if e.problem.is_none() {
            e.problem = Some((
                Status::DuplicateId,
                format!("another file already has the article id {original:?}"),
            ));
        }
    }
}

pub use newsner_core::text::slash_path;

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
    let read = match std::fs::read_dir(dir) {
        Ok(read) => read,
        Err(e) => {
            // Not silently: its articles are unknown this run (not removed), and the run says so.
            let mut folder = entry(
                root,
                dir,
                Some((Status::Unreadable, format!("folder cannot be listed ({e})"))),
            );
            folder.is_folder = true;
            out.push(folder);
            return;
        }
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
    Entry {
        id: slash_path(&rel.with_extension("")),
        rel_path: rel,
        path: path.to_path_buf(),
        problem,
        is_folder: false,
    }
}

/// Reads one entry. Never fails: problems become the article's status and message.
pub fn read(entry: &Entry, max_bytes: u64) -> Article {
    let article = Article::blank(&entry.id, &entry.rel_path);
    let fail = Article::with_status;
    if let Some((status, msg)) = &entry.problem {
        return fail(article, *status, msg.clone());
    }
    let bytes = match read_bounded(&entry.path, max_bytes) {
        Ok(Ok(b)) => b,
        Ok(Err((status, msg))) => return fail(article, status, msg),
        Err(e) => return fail(article, Status::Unreadable, e.to_string()),
    };
    from_bytes(article, bytes)
}

/// An article of `bytes` read for `entry` (a file, or a JSON-lines item): hash, decoding, title and
/// words, or the status of a file that is not processed.
pub fn article_of_bytes(id: &str, rel_path: &Path, bytes: Vec<u8>, max_bytes: u64) -> Article {
    let article = Article::blank(id, rel_path);
    if bytes.len() as u64 > max_bytes {
        let (status, message) = too_large(bytes.len() as u64, max_bytes);
        return article.with_status(status, message);
    }
    from_bytes(article, bytes)
}

impl Article {
    /// An article of this id and path with nothing read yet (status `ok`).
    pub fn blank(id: &str, rel_path: &Path) -> Article {
        Article {
            id: id.to_string(),
            rel_path: rel_path.to_path_buf(),
            title: String::new(),
            text: String::new(),
            sha256: String::new(),
            words: 0,
            status: Status::Ok,
            message: None,
        }
    }

    /// The article with a status and the message saying why.
    pub fn with_status(mut self, status: Status, message: String) -> Article {
        self.status = status;
        self.message = Some(message);
        self
    }
}

fn from_bytes(mut article: Article, bytes: Vec<u8>) -> Article {
    let fail = Article::with_status;
    article.sha256 = crate::store::sha256_hex(&bytes);
    let text = match decode(bytes) {
        Ok((text, None)) => text,
        Ok((text, Some(warning))) => {
            article.status = Status::LossyUtf8;
            article.message = Some(warning);
            text
        }
        Err(()) => return fail(article, Status::Binary, "looks like a binary file".into()),
    };
    if text.trim().is_empty() {
        return fail(article, Status::Empty, "the file is empty".into());
    }
    article.title = title_of(&text, &article.rel_path);
    article.words = count_words(&text);
    article.text = text;
    article
}

/// Opens `path` without blocking (a named pipe with no writer would hang a plain open), checks on the
/// open file that it is a regular file, and reads at most `max_bytes` of it: the size the file system
/// reports is not trusted (`/proc` files and devices report 0). The inner error is a status for a file
/// that is not read.
fn read_bounded(
    path: &Path,
    max_bytes: u64,
) -> std::io::Result<std::result::Result<Vec<u8>, (Status, String)>> {
    use std::io::Read;
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(target_os = "linux")]
    {
        use std::os::unix::fs::OpenOptionsExt;
        const O_NONBLOCK: i32 = 0o4000;
        options.custom_flags(O_NONBLOCK);
    }
    let file = options.open(path)?;
    let meta = file.metadata()?;
    if !meta.is_file() {
        return Ok(Err((
            Status::NotAFile,
            "not a regular file (a named pipe, device or socket); not read".into(),
        )));
    }
    if meta.len() > max_bytes {
        return Ok(Err(too_large(meta.len(), max_bytes)));
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.take(max_bytes + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > max_bytes {
        return Ok(Err(too_large(bytes.len() as u64, max_bytes)));
    }
    Ok(Ok(bytes))
}

fn too_large(size: u64, max_bytes: u64) -> (Status, String) {
    (
        Status::TooLarge,
        format!("over {max_bytes} bytes (read {size}); raise --max-bytes to read it"),
    )
}

/// The text of a file's bytes: UTF-16 after a UTF-16 byte-order mark, else UTF-8 without its
/// byte-order mark. A warning when invalid sequences were replaced; `Err` for a binary file.
fn decode(bytes: Vec<u8>) -> std::result::Result<(String, Option<String>), ()> {
    let utf16 = match bytes.get(..2) {
        Some([0xFF, 0xFE]) => Some(u16::from_le_bytes as fn([u8; 2]) -> u16),
        Some([0xFE, 0xFF]) => Some(u16::from_be_bytes as fn([u8; 2]) -> u16),
        _ => None,
    };
    if let Some(unit) = utf16 {
        let units: Vec<u16> = bytes[2..]
            .chunks(2)
            .map(|c| unit([c[0], c.get(1).copied().unwrap_or(0)]))
            .collect();
        let text = String::from_utf16_lossy(&units);
        if looks_binary(text.as_bytes()) {
            return Err(());
        }
        let lossy = text.contains('\u{FFFD}') || bytes.len() % 2 == 1;
        let warning = lossy.then(|| "invalid UTF-16; decoded with replacement characters".into());
        return Ok((text, warning));
    }
    if looks_binary(&bytes) {
        return Err(());
    }
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    match std::str::from_utf8(body) {
        Ok(t) => Ok((t.to_string(), None)),
        Err(e) => Ok((
            String::from_utf8_lossy(body).into_owned(),
            Some(format!(
                "invalid UTF-8 (first at byte {}); decoded with replacement characters",
                e.valid_up_to()
            )),
        )),
    }
}

/// The first non-empty line, trimmed (a Markdown heading's `#`s removed), at most [`MAX_TITLE_CHARS`].
pub fn title_of(text: &str, path: &Path) -> String {
    let title = first_line(text, path);
    if title.chars().count() <= MAX_TITLE_CHARS {
        return title.to_string();
    }
    let cut: String = title.chars().take(MAX_TITLE_CHARS - 1).collect();
    let at_word = cut
        .rfind(char::is_whitespace)
        .filter(|&i| i > cut.len() / 2);
    format!("{}…", cut[..at_word.unwrap_or(cut.len())].trim_end())
}

fn first_line<'a>(text: &'a str, path: &Path) -> &'a str {
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
        line.trim_start_matches('#').trim()
    } else {
        line
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
    fn long_titles_are_cut_at_a_word() {
        let line = "word ".repeat(10_000);
        let t = title_of(&line, Path::new("a.txt"));
        assert!(
            t.chars().count() <= MAX_TITLE_CHARS && t.ends_with("word…"),
            "{t}"
        );
    }

    #[test]
    fn byte_order_marks_are_decoded_not_kept() {
        let (t, w) = decode(b"\xEF\xBB\xBFTitle\nBody".to_vec()).unwrap();
        assert_eq!((t.as_str(), w), ("Title\nBody", None));
        let mut le = vec![0xFF, 0xFE];
        le.extend("Lima – Cusco\n".encode_utf16().flat_map(u16::to_le_bytes));
        assert_eq!(decode(le).unwrap().0, "Lima – Cusco\n");
        let mut be = vec![0xFE, 0xFF];
        be.extend("Tbilisi\n".encode_utf16().flat_map(u16::to_be_bytes));
        assert_eq!(decode(be).unwrap().0, "Tbilisi\n");
    }

    #[test]
    fn a_second_byte_order_mark_is_text() {
        // Found by fuzz_corpus_reader: one mark is dropped, a second is a zero-width no-break space.
        let (t, _) = decode(b"\xEF\xBB\xBF\xEF\xBB\xBFA".to_vec()).unwrap();
        assert_eq!(t, "\u{feff}A");
    }

    #[test]
    fn binary_detection() {
        assert!(looks_binary(b"abc\0def"));
        assert!(looks_binary(&[1u8, 2, 3, 4, 5, 6, 7, 8]));
        assert!(!looks_binary("plain text\nwith lines\t".as_bytes()));
    }
}
