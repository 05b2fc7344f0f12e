//! The tables stage: CSV tables and per-article JSON records, with the column contract downstream scripts
//! rely on.
//!
//! Every table is UTF-8 with a header row, RFC 4180 quoting and a deterministic row order. Text cells
//! that start with `=`, `+`, `-`, `@`, a tab or a carriage return are prefixed with `'` so a spreadsheet never runs them as a
//! formula. With `excel`, files start with a UTF-8 byte-order mark.

use crate::error::{Error, Result};
use std::io::Write;
use std::path::{Path, PathBuf};

/// Entity tables' header.
pub const ENTITY_HEADER: [&str; 8] = [
    "entity_id",
    "name",
    "aliases",
    "articles",
    "mentions",
    "article_ids",
    "score",
    "merge_reasons",
];
/// `mentions.csv` header.
pub const MENTION_HEADER: [&str; 7] = [
    "article_id",
    "entity_id",
    "type",
    "text",
    "start",
    "end",
    "score",
];
/// `numbers.csv` header.
pub const NUMBER_HEADER: [&str; 9] = [
    "article_id",
    "value",
    "text",
    "kind",
    "counted",
    "qualifier",
    "start",
    "end",
    "sentence",
];
/// `figures.csv` header.
pub const FIGURE_HEADER: [&str; 10] = [
    "figure_id",
    "kind",
    "counted",
    "value",
    "qualifier",
    "values",
    "articles",
    "article_ids",
    "conflict",
    "sentences",
];
/// `articles.csv` header.
pub const ARTICLE_HEADER: [&str; 10] = [
    "article_id",
    "path",
    "title",
    "sha256",
    "words",
    "people",
    "places",
    "organizations",
    "numbers",
    "status",
];

/// Separator of list cells (`aliases`, `article_ids`, `merge_reasons`).
pub const LIST_SEP: &str = " | ";

/// A cell: text (neutralised against formulas) or a number (written as is).
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// Free text.
    Text(String),
    /// A number or other value that is written verbatim.
    Raw(String),
}

impl From<&str> for Cell {
    fn from(s: &str) -> Self {
        Cell::Text(s.to_string())
    }
}

impl From<String> for Cell {
    fn from(s: String) -> Self {
        Cell::Text(s)
    }
}

impl From<usize> for Cell {
    fn from(n: usize) -> Self {
        Cell::Raw(n.to_string())
    }
}

/// A score with three decimals.
pub fn score_cell(score: f32) -> Cell {
    Cell::Raw(format!("{score:.3}"))
}

/// Prefixes `'` to text that a spreadsheet would read as a formula: a cell starting with `=`, `+`, `-`,
/// `@`, or a tab or carriage return (OWASP's CSV-injection list; some spreadsheets strip those and then
/// read what follows).
pub fn neutralise(s: &str) -> String {
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{s}")
    } else {
        s.to_string()
    }
}

/// Writes one table row by row, so a table is never held in memory whole.
pub struct TableWriter<W: Write> {
    csv: csv::Writer<W>,
    name: PathBuf,
    width: usize,
}

impl<W: Write> TableWriter<W> {
    /// Starts table `name` (used in error messages) on `out`: the byte-order mark when `excel`, then
    /// the header row.
    pub fn new(mut out: W, name: &str, header: &[&str], excel: bool) -> Result<Self> {
        let name = PathBuf::from(name);
        if excel {
            out.write_all("\u{feff}".as_bytes())
                .map_err(|e| Error::io(&name, e))?;
        }
        let mut csv = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .from_writer(out);
        csv.write_record(header).map_err(|e| Error::Csv {
            path: name.clone(),
            source: e,
        })?;
        Ok(TableWriter {
            csv,
            name,
            width: header.len(),
        })
    }

    /// Appends a row; it must have one cell per column.
    pub fn push(&mut self, row: &[Cell]) -> Result<()> {
        assert_eq!(
            row.len(),
            self.width,
            "row width of {}",
            self.name.display()
        );
        self.csv
            .write_record(row.iter().map(|c| match c {
                Cell::Text(s) => neutralise(s),
                Cell::Raw(s) => s.clone(),
            }))
            .map_err(|e| Error::Csv {
                path: self.name.clone(),
                source: e,
            })
    }

    /// Flushes the table and returns the writer.
    pub fn finish(self) -> Result<W> {
        let name = self.name;
        self.csv
            .into_inner()
            .map_err(|e| Error::io(&name, e.into_error()))
    }
}

/// Reads a CSV written by [`TableWriter`] back into its header and rows (a BOM is skipped).
pub fn read_csv(path: &Path) -> Result<(Vec<String>, Vec<Vec<String>>)> {
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    let bytes = bytes.strip_prefix("\u{feff}".as_bytes()).unwrap_or(&bytes);
    let mut r = csv::ReaderBuilder::new().from_reader(bytes);
    let err = |e: csv::Error| Error::Csv {
        path: path.to_path_buf(),
        source: e,
    };
    let header = r.headers().map_err(err)?.iter().map(String::from).collect();
    let mut rows = Vec::new();
    for rec in r.records() {
        rows.push(rec.map_err(err)?.iter().map(String::from).collect());
    }
    Ok((header, rows))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_starts_are_neutralised() {
        for s in ["=1+1", "+1", "-1", "@SUM(A1)", "\t=1", "\r=1"] {
            assert_eq!(neutralise(s), format!("'{s}"));
        }
        assert_eq!(neutralise("Lima"), "Lima");
    }

    #[test]
    fn csv_round_trip_with_commas_quotes_newlines_and_formulas() {
        let dir = tempfile::tempdir().unwrap();
        let tricky = "comma, \"quote\"\nnew line";
        for excel in [false, true] {
            let p = dir.path().join("t.csv");
            let file = std::fs::File::create(&p).unwrap();
            let mut t = TableWriter::new(file, "t.csv", &["a", "b", "n"], excel).unwrap();
            t.push(&[tricky.into(), "=SUM(A1:A2)".into(), 5usize.into()])
                .unwrap();
            t.push(&["-2+3".into(), "@cmd".into(), Cell::Raw("-1.5".into())])
                .unwrap();
            t.finish().unwrap();
            let bom = std::fs::read(&p)
                .unwrap()
                .starts_with("\u{feff}".as_bytes());
            assert_eq!(bom, excel);
            let (h, rows) = read_csv(&p).unwrap();
            assert_eq!(h, vec!["a", "b", "n"]);
            assert_eq!(rows[0], vec![tricky, "'=SUM(A1:A2)", "5"]);
            assert_eq!(rows[1], vec!["'-2+3", "'@cmd", "-1.5"]);
        }
    }
}
