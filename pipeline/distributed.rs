//! `newsner map` and `newsner reduce`: the two sides of `newsner run` as separate commands, joined by
//! JSON-lines records ([`ArticleRecord`]), for engines that run the map on many machines (the Spark
//! driver in `scripts/spark/`).
//!
//! `map` is stateless and deterministic: the same articles and model give the same records, whatever
//! the split. Records go to the output (standard output by default), logs to standard error. A bad
//! article becomes an error record (status `failed`, its message naming the input line); only a real
//! failure (no model, an unwritable output) exits non-zero.

use crate::corpus::{self, Article};
use crate::error::{Error, Result};
use crate::map::{MapConfig, Mapper};
use crate::publish::{self, Publication};
use crate::record::{ArticleRecord, SCHEMA_VERSION};
use crate::reduce::Reducer;
use crate::run::RunReport;
use crate::store::Manifest;
use indicatif::ProgressBar;
use newsner_core::memory::StageTimer;
use rayon::prelude::*;
use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};

/// Articles mapped per batch: records are written and dropped batch by batch, so memory stays bounded
/// by a batch, not by the input.
pub const MAP_BATCH: usize = 256;

/// An input of `newsner map`: a corpus folder, a JSON-lines file, or `-` (standard input).
fn is_stdin(p: &Path) -> bool {
    p.as_os_str() == "-"
}

/// Maps every article of `inputs` to a record written as one JSON line on `out`. Returns the number
/// of records.
pub fn map_to_jsonl(
    inputs: &[PathBuf],
    cfg: &MapConfig,
    max_bytes: u64,
    out: &mut dyn Write,
    bar: &ProgressBar,
) -> Result<usize> {
    let pool = crate::run::thread_pool(cfg.threads)?;
    let mut mapper = Mapper::new(cfg, &pool, None)?;
    let mut timer = StageTimer::new();
    let mut written = 0;
    let mut emit = |articles: Vec<Article>| -> Result<()> {
        bar.inc_length(articles.len() as u64);
        for r in mapper.map(&articles, bar, &mut timer)? {
            serde_json::to_writer(&mut *out, &r).map_err(|e| Error::Json {
                path: PathBuf::from("-"),
                source: e,
            })?;
            out.write_all(b"\n").map_err(|e| Error::io("-", e))?;
            written += 1;
        }
        Ok(())
    };
    for input in inputs {
        if !is_stdin(input) && input.is_dir() {
            folder_batches(input, &pool, max_bytes, &mut emit)?;
        } else {
            line_batches(input, max_bytes, &mut emit)?;
        }
    }
    out.flush().map_err(|e| Error::io("-", e))?;
    Ok(written)
}

/// A folder's articles, read on `pool`, handed to `emit` `MAP_BATCH` at a time.
fn folder_batches(
    dir: &Path,
    pool: &rayon::ThreadPool,
    max_bytes: u64,
    emit: &mut dyn FnMut(Vec<Article>) -> Result<()>,
) -> Result<()> {
    let entries = corpus::discover(dir)?;
    for batch in entries.chunks(MAP_BATCH) {
        let articles = pool.install(|| {
            batch
                .par_iter()
                .map(|e| corpus::read(e, max_bytes))
                .collect()
        });
        emit(articles)?;
    }
    Ok(())
}

/// The articles of a JSON-lines file (or `-`, standard input), one per non-blank line, handed to
/// `emit` `MAP_BATCH` at a time.
fn line_batches(
    input: &Path,
    max_bytes: u64,
    emit: &mut dyn FnMut(Vec<Article>) -> Result<()>,
) -> Result<()> {
    let name = input.display().to_string();
    let reader: Box<dyn BufRead> = if is_stdin(input) {
        Box::new(std::io::stdin().lock())
    } else {
        let f = std::fs::File::open(input).map_err(|e| Error::io(input, e))?;
        Box::new(std::io::BufReader::new(f))
    };
    let mut batch = Vec::new();
    for (k, line) in reader.lines().enumerate() {
        let line = line.map_err(|e| Error::io(input, e))?;
        if line.trim().is_empty() {
            continue;
        }
        batch.push(crate::input::article_of_line(
            &line,
            &name,
            k + 1,
            max_bytes,
        ));
        if batch.len() == MAP_BATCH {
            emit(std::mem::take(&mut batch))?;
        }
    }
    emit(batch)
}

/// Reads records from JSON-lines files (or `-`), in order. A line that is not a record of this
/// version is an error naming the file and line: records come from our own `map`, so a bad one means
/// a damaged or foreign file, and tables built without it would be silently wrong.
pub fn read_records(inputs: &[PathBuf]) -> Result<Vec<ArticleRecord>> {
    let mut records = Vec::new();
    for input in inputs {
        let reader: Box<dyn BufRead> = if is_stdin(input) {
            Box::new(std::io::stdin().lock())
        } else {
            let f = std::fs::File::open(input).map_err(|e| Error::io(input, e))?;
            Box::new(std::io::BufReader::new(f))
        };
        for (k, line) in reader.lines().enumerate() {
            let line = line.map_err(|e| Error::io(input, e))?;
            if line.trim().is_empty() {
                continue;
            }
            let at = |m: String| Error::input(input, format!("line {}: {m}", k + 1));
            let r: ArticleRecord = serde_json::from_str(&line)
                .map_err(|e| at(format!("not an article record ({e})")))?;
            if r.schema != SCHEMA_VERSION {
                return Err(at(format!(
                    "a record of schema {} (this newsner reads {SCHEMA_VERSION}): map again with \
                     this version",
                    r.schema
                )));
            }
            if !r.fits() {
                return Err(at(format!("record {:?}: spans do not fit its text", r.id)));
            }
            records.push(r);
        }
    }
    Ok(records)
}

/// What `newsner reduce` needs besides the records.
#[derive(Debug, Clone)]
pub struct ReduceConfig {
    /// The output folder.
    pub out: PathBuf,
    /// Threads of the clean-up stage.
    pub threads: usize,
    /// The user's alias table.
    pub aliases: Option<PathBuf>,
    /// The user's place links.
    pub links: Option<PathBuf>,
    /// The word lists.
    pub lexicons: PathBuf,
    /// Pass order and thresholds of normalization (default: the lexicon folder's `normalize.toml`).
    pub normalize: Option<PathBuf>,
    /// CSV with a byte-order mark.
    pub excel: bool,
    /// Also write `review.csv`.
    pub review: bool,
    /// Wait for another run to release the output folder.
    pub wait: bool,
}

/// Reduces the records of `inputs` and publishes the tables, as `newsner run` would have from the
/// same articles.
pub fn reduce_jsonl(
    inputs: &[PathBuf],
    cfg: &ReduceConfig,
    bar: &ProgressBar,
) -> Result<RunReport> {
    let mut timer = StageTimer::new();
    let reducer = Reducer::load(
        cfg.aliases.as_deref(),
        cfg.links.as_deref(),
        &cfg.lexicons,
        cfg.normalize.as_deref(),
    )?;
    let records = read_records(inputs)?;
    timer.lap("records");
    let pool = crate::run::thread_pool(cfg.threads)?;
    let _lock = publish::lock(&cfg.out, cfg.wait, bar)?;
    let previous = Manifest::load(&cfg.out);
    let ids: std::collections::HashSet<&str> = records.iter().map(|r| r.id.as_str()).collect();
    let removed = previous
        .articles
        .keys()
        .filter(|id| !ids.contains(id.as_str()))
        .count();
    let model = records
        .iter()
        .map(|r| r.model.as_str())
        .find(|m| !m.is_empty())
        .unwrap_or("")
        .to_string();
    let publication = Publication {
        out: &cfg.out,
        excel: cfg.excel,
        review: cfg.review,
        previous: &previous,
        removed,
        map: Default::default(),
        model: format!("records (model {model})"),
    };
    publication.publish(records, &reducer, &pool, timer)
}
