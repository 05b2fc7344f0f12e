//! Articles given as JSON lines (`newsner map`'s input besides a folder): one object per line, either
//! `{"id": "...", "text": "..."}` or `{"path": "a/b.txt", "base64": "..."}` (the file's bytes, decoded
//! as `newsner run` decodes a file; `id` defaults to the path without its extension). A line that is no
//! such object becomes an article with status `failed` and a message naming the line, never an error
//! of the whole input: a Spark task must not fail on one bad article.

use crate::corpus::{self, Article, Status};
use base64::Engine;
use serde::Deserialize;
use std::path::{Path, PathBuf};

#[derive(Deserialize)]
struct Item {
    id: Option<String>,
    path: Option<String>,
    text: Option<String>,
    base64: Option<String>,
}

/// The article of line `line_no` (1-based) of `source` (a file name or `-`, for messages).
pub fn article_of_line(line: &str, source: &str, line_no: usize, max_bytes: u64) -> Article {
    let item: Item = match serde_json::from_str(line) {
        Ok(item) => item,
        Err(e) => {
            let id = format!("{source}:{line_no}");
            return failed(
                &id,
                &id,
                format!("line {line_no} of {source}: not a JSON object ({e})"),
            );
        }
    };
    let id = match (&item.id, &item.path) {
        (Some(id), _) => id.clone(),
        (None, Some(path)) => corpus::slash_path(&Path::new(path).with_extension("")),
        (None, None) => format!("{source}:{line_no}"),
    };
    let path = item.path.clone().unwrap_or_else(|| id.clone());
    let bytes = match (item.text, item.base64) {
        (Some(text), None) => text.into_bytes(),
        (None, Some(b64)) => match base64::engine::general_purpose::STANDARD.decode(mime(&b64)) {
            Ok(bytes) => bytes,
            Err(e) => {
                return failed(
                    &id,
                    &path,
                    format!("line {line_no} of {source}: bad base64 ({e})"),
                )
            }
        },
        _ => {
            let message =
                format!("line {line_no} of {source}: give exactly one of \"text\" and \"base64\"");
            return failed(&id, &path, message);
        }
    };
    corpus::article_of_bytes(&id, &PathBuf::from(path), bytes, max_bytes)
}

/// Base64 without the line breaks MIME encoders put every 76 characters (Spark's `base64()` does).
fn mime(b64: &str) -> String {
    b64.chars().filter(|c| !c.is_ascii_whitespace()).collect()
}

fn failed(id: &str, path: &str, message: String) -> Article {
    Article::blank(id, Path::new(path)).with_status(Status::Failed, message)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_and_file_items_read_like_files() {
        let a = article_of_line(r#"{"id":"x","text":"Title\n\nBody text."}"#, "-", 1, 100);
        assert_eq!(
            (a.id.as_str(), a.status, a.title.as_str()),
            ("x", Status::Ok, "Title")
        );
        assert_eq!(a.words, 3);
        let b64 = base64::engine::general_purpose::STANDARD.encode(b"Caf\xe9 news\n");
        let line = format!(r#"{{"path":"d/a.txt","base64":"{b64}"}}"#);
        let b = article_of_line(&line, "-", 2, 100);
        assert_eq!((b.id.as_str(), b.status), ("d/a", Status::LossyUtf8));
        let big = article_of_line(r#"{"id":"y","text":"0123456789"}"#, "-", 3, 5);
        assert_eq!(big.status, Status::TooLarge);
        let empty = article_of_line(r#"{"id":"z","text":"  \n"}"#, "-", 4, 100);
        assert_eq!(empty.status, Status::Empty);
    }

    #[test]
    fn a_bad_line_is_a_failed_article_naming_the_line() {
        for (line, what) in [
            ("{not json", "not a JSON object"),
            (r#"{"id":"a"}"#, "exactly one of"),
            (r#"{"id":"a","base64":"@@"}"#, "bad base64"),
        ] {
            let a = article_of_line(line, "in.jsonl", 7, 100);
            assert_eq!(a.status, Status::Failed, "{line}");
            let m = a.message.unwrap_or_default();
            assert!(m.contains("line 7 of in.jsonl") && m.contains(what), "{m}");
        }
    }
}
