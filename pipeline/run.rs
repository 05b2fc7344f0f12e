//! `newsner run`: the map side and the reduce side in one process over a corpus folder.
//!
//! Threads: CPU stages (reading, boilerplate, tokenization, decoding, normalization) run on a rayon pool
//! of `threads` workers; the model runs on the calling thread with `threads` libtorch intra-op threads, so
//! its batched matrix products use every core while the CPU stages wait for it (they are a small share
//! of the time). The map side's results are cached per article content, so a re-run redoes only what
//! changed.

use crate::corpus::{self, Article};
use crate::error::{Error, Result};
use crate::map::{MapConfig, Mapper};
use crate::ner::InferenceConfig;
use crate::publish::{self, Publication};
use crate::reduce::Reducer;
use crate::store::{self, Cache};
use indicatif::ProgressBar;
use newsner_core::memory::StageTimer;
use rayon::prelude::*;
use serde::Serialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Everything a run needs to know.
#[derive(Debug, Clone)]
pub struct RunConfig {
    /// The corpus folder.
    pub corpus: PathBuf,
    /// The output folder.
    pub out: PathBuf,
    /// The model directory.
    pub model: PathBuf,
    /// Worker threads (rayon) and libtorch threads.
    pub threads: usize,
    /// Windowing and batching.
    pub inference: InferenceConfig,
    /// Largest article in bytes.
    pub max_bytes: u64,
    /// Write a UTF-8 byte-order mark at the start of each CSV.
    pub excel: bool,
    /// Ignore the cache.
    pub full: bool,
    /// Articles per inference chunk (bounds memory).
    pub chunk: usize,
    /// The user's alias table (`alias,canonical,type`), if any.
    pub aliases: Option<PathBuf>,
    /// The user's place links (`name,geonames_id`), if any.
    pub links: Option<PathBuf>,
    /// Write `review.csv`: the merges the clusterer was least sure of and the near misses it refused.
    pub review: bool,
    /// Wait for another run to release the output folder instead of failing.
    pub wait: bool,
    /// The word lists normalization reads (`models/lexicons`).
    pub lexicons: PathBuf,
    /// Pass order and thresholds of normalization (default: the lexicon folder's `normalize.toml`).
    pub normalize: Option<PathBuf>,
    /// Publish even when the corpus holds no articles or lost more than half of the published ones.
    pub accept_shrink: bool,
}

impl RunConfig {
    /// Defaults for a corpus, output folder and model.
    pub fn new(corpus: PathBuf, out: PathBuf, model: PathBuf) -> RunConfig {
        RunConfig {
            corpus,
            out,
            model,
            threads: std::thread::available_parallelism().map_or(1, |n| n.get()),
            inference: InferenceConfig::default(),
            max_bytes: corpus::DEFAULT_MAX_BYTES,
            excel: false,
            full: false,
            chunk: 64,
            aliases: None,
            links: None,
            review: false,
            wait: false,
            lexicons: newsner_core::shipped(newsner_core::DEFAULT_LEXICONS),
            normalize: None,
            accept_shrink: false,
        }
    }
}

/// Article counts of a run.
#[derive(Debug, Clone, Default, Serialize, PartialEq, Eq)]
pub struct ArticleCounts {
    /// Files found.
    pub read: usize,
    /// Articles that went through the pipeline.
    pub processed: usize,
    /// Files not processed because of what they are (empty, binary, too large, duplicate id).
    pub skipped: usize,
    /// Files that could not be read or failed in a stage.
    pub failed: usize,
    /// Processed articles not seen by the previous run.
    pub new: usize,
    /// Processed articles whose content changed since the previous run.
    pub changed: usize,
    /// Processed articles whose content did not change.
    pub unchanged: usize,
    /// Articles of the previous run that are gone.
    pub removed: usize,
    /// Articles that needed the model (not in the cache).
    pub inferred: usize,
}

/// What a run did: written to `run.json`.
#[derive(Debug, Clone, Serialize)]
pub struct RunReport {
    /// Article counts.
    pub articles: ArticleCounts,
    /// Entities per table.
    pub entities: BTreeMap<String, usize>,
    /// Mention rows.
    pub mentions: usize,
    /// Number rows.
    pub numbers: usize,
    /// Words in processed articles.
    pub words: usize,
    /// Rows per entity table before normalization merged names (distinct cleaned names per type).
    pub rows_before_normalization: BTreeMap<String, usize>,
    /// Seconds per stage.
    pub timings: BTreeMap<String, f64>,
    /// Resident memory of the process at the end of each stage, in bytes.
    pub memory: BTreeMap<String, u64>,
    /// What the model computed (absent when everything came from the cache).
    pub inference: Option<crate::ner::InferenceStats>,
    /// Forward FLOPs of that work.
    pub model_flops: f64,
    /// Model directory used.
    pub model: String,
    /// Problems, one line per file: `path: message`.
    pub problems: Vec<String>,
}

impl RunReport {
    /// The one-paragraph summary `newsner run` prints: files by status, entities, numbers, time.
    pub fn summary(&self, out: &Path) -> String {
        let c = &self.articles;
        let secs: f64 = self.timings.values().sum();
        format!(
        "newsner: {} files read: {} processed ({} new, {} changed, {} unchanged; {} needed the model), \
         {} skipped, {} failed, {} removed since the last run. Found {} people, {} places, {} \
         organizations and {} other entities in {} mentions, and {} numbers, over {} words in {:.1} s. \
         Tables are in {}.",
        c.read,
        c.processed,
        c.new,
        c.changed,
        c.unchanged,
        c.inferred,
        c.skipped,
        c.failed,
        c.removed,
        self.entities["person"],
        self.entities["place"],
        self.entities["organization"],
        self.entities["other"],
        self.mentions,
        self.numbers,
        self.words,
        secs,
        crate::text::printable(&out.display().to_string())
    )
    }

    /// The process exit code: 0 when every article succeeded, 2 when some failed.
    pub fn exit_code(&self) -> u8 {
        if self.articles.failed + self.articles.skipped > 0 {
            crate::error::exit::SOME_FILES
        } else {
            crate::error::exit::OK
        }
    }
}

impl RunConfig {
    /// The map side's part of the configuration.
    pub fn map_config(&self) -> MapConfig {
        MapConfig {
            model: self.model.clone(),
            threads: self.threads,
            inference: self.inference,
            chunk: self.chunk,
            full: self.full,
        }
    }
}

/// A rayon pool of `threads` workers (at least one).
pub fn thread_pool(threads: usize) -> Result<rayon::ThreadPool> {
    rayon::ThreadPoolBuilder::new()
        .num_threads(threads.max(1))
        .build()
        .map_err(|e| Error::Usage(format!("thread pool: {e}")))
}

/// Runs the pipeline: lists and reads the corpus, maps every article (from the cache where it can),
/// reduces and publishes. `bar` shows progress over articles (use a hidden bar when piped).
pub fn run(cfg: &RunConfig, bar: &ProgressBar) -> Result<RunReport> {
    let mut timer = StageTimer::new();
    let pool = thread_pool(cfg.threads)?;
    let entries = corpus::discover(&cfg.corpus)?;
    let reducer = Reducer::load(
        cfg.aliases.as_deref(),
        cfg.links.as_deref(),
        &cfg.lexicons,
        cfg.normalize.as_deref(),
    )?;
    let _lock = publish::lock(&cfg.out, cfg.wait, bar)?;
    let previous = store::Manifest::load(&cfg.out);
    guard_shrink(cfg, &entries, &previous)?;
    let articles: Vec<Article> = pool.install(|| {
        entries
            .par_iter()
            .map(|e| corpus::read(e, cfg.max_bytes))
            .collect()
    });
    timer.lap("corpus");
    let map_cfg = cfg.map_config();
    let fingerprint = crate::map::model_fingerprint(&cfg.model)?;
    let cache = Cache::open(&cfg.out, &fingerprint, &crate::map::cache_config(&map_cfg))?;
    let mut mapper = Mapper::new(&map_cfg, &pool, Some(&cache))?;
    bar.set_length(articles.len() as u64);
    let records = mapper.map(&articles, bar, &mut timer)?;
    let contents: Vec<String> = articles.into_iter().map(|a| a.sha256).collect();
    let publication = Publication {
        out: &cfg.out,
        excel: cfg.excel,
        review: cfg.review,
        previous: &previous,
        removed: removed(&previous, &entries).count(),
        map: mapper.stats(),
        model: cfg.model.display().to_string(),
    };
    let report = publication.publish(records, &reducer, &pool, timer)?;
    cache.retain(contents.iter().map(String::as_str))?;
    Ok(report)
}

/// Ids of the published set that the corpus no longer has. An article under a folder that could not
/// be listed is unknown this run, not removed.
fn removed<'a>(
    previous: &'a store::Manifest,
    entries: &'a [corpus::Entry],
) -> impl Iterator<Item = &'a String> {
    let ids: std::collections::HashSet<&str> = entries.iter().map(|e| e.id.as_str()).collect();
    let unlisted: Vec<String> = entries
        .iter()
        .filter(|e| e.is_folder)
        .map(|e| format!("{}/", e.id))
        .collect();
    previous.articles.keys().filter(move |id| {
        !ids.contains(id.as_str()) && !unlisted.iter().any(|f| id.starts_with(f.as_str()))
    })
}

/// Refuses a corpus that holds no articles, or that lost more than half of the published set's
/// articles (an unmounted share, a permission change), unless the user accepts it: the published
/// tables and the cache stay as they are.
fn guard_shrink(
    cfg: &RunConfig,
    entries: &[corpus::Entry],
    previous: &store::Manifest,
) -> Result<()> {
    if cfg.accept_shrink {
        return Ok(());
    }
    let found = entries.iter().filter(|e| !e.is_folder).count();
    let message = if found == 0 {
        "the corpus holds no articles (.txt or .md files); nothing was published. If that is \
         intended, pass --accept-shrink to publish empty tables"
            .to_string()
    } else {
        let gone = removed(previous, entries).count();
        if 2 * gone <= previous.articles.len() {
            return Ok(());
        }
        format!(
            "{gone} of the {} published articles are gone from the corpus; the published tables \
             were kept. If the articles were removed on purpose, pass --accept-shrink",
            previous.articles.len()
        )
    };
    Err(Error::Corpus {
        path: cfg.corpus.clone(),
        message,
    })
}
