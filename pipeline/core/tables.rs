//! Tables: the column contract downstream scripts rely on, typed cells, and the sink trait every table
//! is written through ([`TableSink`]; [`TableFormat`] starts one per table). CSV is the format shipped
//! ([`Csv`]); another format is one more implementation of the two traits.
//!
//! Every CSV table is UTF-8 with a header row, RFC 4180 quoting and a deterministic row order. Text cells
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
/// The GeoNames columns `places.csv` adds to an entity table's: the link (blank where no candidate
/// clears the threshold) and the candidates considered.
pub const PLACE_COLUMNS: [&str; 8] = [
    "geonames_id",
    "country_code",
    "admin1",
    "lat",
    "lon",
    "population",
    "link_score",
    "candidates",
];
/// `places.csv` header: [`ENTITY_HEADER`], then [`PLACE_COLUMNS`].
pub const PLACE_HEADER: [&str; 16] = concat(ENTITY_HEADER, PLACE_COLUMNS);

/// Two headers one after the other (`C` = `A` + `B`).
const fn concat<const A: usize, const B: usize, const C: usize>(
    a: [&'static str; A],
    b: [&'static str; B],
) -> [&'static str; C] {
    assert!(A + B == C);
    let mut out = [""; C];
    let mut i = 0;
    while i < C {
        out[i] = if i < A { a[i] } else { b[i - A] };
        i += 1;
    }
    out
}
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
pub const NUMBER_HEADER: [&str; 15] = [
    "article_id",
    "value",
    "text",
    "kind",
    "counted",
    "qualifier",
    "start",
    "end",
    "sentence",
    "unit",
    "subject",
    "subject_id",
    "scope",
    "scope_id",
    "figure_id",
];
/// `figures.csv` header.
pub const FIGURE_HEADER: [&str; 16] = [
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
    "unit",
    "subject",
    "subject_id",
    "scope",
    "scope_id",
    "status",
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

/// A cell, typed so a format can keep numbers numeric: text (neutralised against formulas in CSV), a
/// count, a score (three decimals) or a value written verbatim (decimals, ISO dates, hashes).
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// Free text.
    Text(String),
    /// A whole number of things.
    Count(usize),
    /// A score in [0, 1], shown with three decimals.
    Score(f32),
    /// A number or other value that is written verbatim.
    Raw(String),
}

impl Cell {
    /// The cell as CSV writes it: text neutralised, numbers as they are.
    pub fn to_csv(&self) -> String {
        match self {
            Cell::Text(s) => neutralise(s),
            Cell::Count(n) => n.to_string(),
            Cell::Score(x) => format!("{x:.3}"),
            Cell::Raw(s) => s.clone(),
        }
    }
}

/// Where one table's rows go, row by row, so a table is never held in memory whole.
pub trait TableSink {
    /// Appends a row; it has one cell per column of the header the table began with.
    fn push(&mut self, row: &[Cell]) -> Result<()>;
    /// Ends the table (flushes what is buffered).
    fn end(self: Box<Self>) -> Result<()>;
}

/// A table format: starts a [`TableSink`] for each table on the output it is given.
pub trait TableFormat {
    /// The file extension of its tables (`csv`).
    fn extension(&self) -> &'static str;
    /// Starts table `name` (its file name without extension, used in error messages) with `header`.
    fn begin<'w>(
        &self,
        out: &'w mut dyn Write,
        name: &str,
        header: &[&str],
    ) -> Result<Box<dyn TableSink + 'w>>;
}

/// CSV: RFC 4180 quoting, CRLF line ends, formula-safe text; with `excel`, a UTF-8 byte-order mark.
#[derive(Debug, Clone, Copy, Default)]
pub struct Csv {
    /// Start each file with a UTF-8 byte-order mark (Excel reads UTF-8 then).
    pub excel: bool,
}

impl TableFormat for Csv {
    fn extension(&self) -> &'static str {
        "csv"
    }

    fn begin<'w>(
        &self,
        out: &'w mut dyn Write,
        name: &str,
        header: &[&str],
    ) -> Result<Box<dyn TableSink + 'w>> {
        let file = format!("{name}.csv");
        Ok(Box::new(TableWriter::new(out, &file, header, self.excel)?))
    }
}

impl<W: Write> TableSink for TableWriter<W> {
    fn push(&mut self, row: &[Cell]) -> Result<()> {
        TableWriter::push(self, row)
    }

    fn end(self: Box<Self>) -> Result<()> {
        self.finish().map(drop)
    }
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
        Cell::Count(n)
    }
}

/// A score with three decimals.
pub fn score_cell(score: f32) -> Cell {
    Cell::Score(score)
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
            .write_record(row.iter().map(Cell::to_csv))
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
