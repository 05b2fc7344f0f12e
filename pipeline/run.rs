//! Drives the stages over a corpus and writes the output folder.
//!
//! Threads: CPU stages (reading, boilerplate, tokenization, decoding, normalization) run on a rayon pool
//! of `threads` workers; the model runs on the calling thread with `threads` libtorch intra-op threads, so
//! its batched matrix products use every core while the CPU stages wait for it (they are a small share
//! of the time).

use crate::boilerplate::{self, Segmented};
use crate::corpus::{self, Article, Status};
use crate::error::{Error, Result};
use crate::ner::labels::EntityType;
use crate::ner::{InferenceConfig, Mention, Recognizer};
use crate::normalize::{self, Normalized};
use crate::numbers::{self, NumberMention};
use crate::store::{self, Cache};
use crate::tables::{self, score_cell, Cell, TableWriter, LIST_SEP};
use indicatif::ProgressBar;
use rayon::prelude::*;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Instant;

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
    /// Write `review.csv`: the merges the clusterer was least sure of and the near misses it refused.
    pub review: bool,
    /// Wait for another run to release the output folder instead of failing.
    pub wait: bool,
    /// The word lists normalization reads (`models/lexicons`).
    pub lexicons: PathBuf,
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
            review: false,
            wait: false,
            lexicons: crate::shipped(crate::DEFAULT_LEXICONS),
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
    /// The process exit code: 0 when every article succeeded, 2 when some failed.
    pub fn exit_code(&self) -> u8 {
        if self.articles.failed + self.articles.skipped > 0 {
            crate::error::exit::SOME_FILES
        } else {
            crate::error::exit::OK
        }
    }
}

/// Everything the pipeline found in one article (before corpus-wide normalization).
#[derive(Debug, Clone, Default, Serialize, serde::Deserialize)]
pub struct Analysis {
    /// Raw mentions from the model.
    pub mentions: Vec<Mention>,
    /// Numbers.
    pub numbers: Vec<NumberMention>,
}

impl Analysis {
    /// Whether every span indexes `text` on character boundaries and slices back to its own text: a
    /// cached analysis of another article (a cache entry copied or corrupted) does not.
    pub fn fits(&self, text: &str) -> bool {
        let mentions = self
            .mentions
            .iter()
            .all(|m| text.get(m.byte_start..m.byte_end) == Some(m.text.as_str()));
        let numbers = self
            .numbers
            .iter()
            .all(|n| text.get(n.byte_start..n.byte_end) == Some(n.text.as_str()));
        mentions && numbers
    }
}

/// Seconds per stage, and resident memory at the end of each (the most over repeated laps).
struct Timer {
    seconds: BTreeMap<String, f64>,
    memory: BTreeMap<String, u64>,
    since: Instant,
}

impl Timer {
    fn new() -> Timer {
        Timer {
            seconds: BTreeMap::new(),
            memory: BTreeMap::new(),
            since: Instant::now(),
        }
    }

    fn lap(&mut self, stage: &str) {
        *self.seconds.entry(stage.to_string()).or_default() += self.since.elapsed().as_secs_f64();
        let rss = self.memory.entry(stage.to_string()).or_default();
        *rss = (*rss).max(crate::memory::rss_bytes());
        self.since = Instant::now();
    }
}

/// Runs the pipeline. `bar` shows progress over articles (use a hidden bar when piped).
pub fn run(cfg: &RunConfig, bar: &ProgressBar) -> Result<RunReport> {
    let mut timer = Timer::new();
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(cfg.threads.max(1))
        .build()
        .map_err(|e| Error::input(&cfg.corpus, format!("thread pool: {e}")))?;
    tch::set_num_threads(cfg.threads.max(1) as i32);

    let entries = corpus::discover(&cfg.corpus)?;
    let aliases = match &cfg.aliases {
        Some(p) => normalize::AliasTable::load(p)?,
        None => normalize::AliasTable::default(),
    };
    let lexicons = normalize::Lexicons::load(&cfg.lexicons)?;
    std::fs::create_dir_all(&cfg.out).map_err(|e| Error::io(&cfg.out, e))?;
    let _lock = if cfg.wait {
        store::Lock::wait(&cfg.out, |holder| {
            bar.suspend(|| {
                let _ = writeln!(
                    std::io::stderr(),
                    "newsner: waiting for another run ({holder}) to finish with {}",
                    crate::text::printable(&cfg.out.display().to_string())
                );
            })
        })?
    } else {
        store::Lock::acquire(&cfg.out)?
    };
    let previous = store::Manifest::load(&cfg.out);
    guard_shrink(cfg, &entries, &previous)?;
    let articles: Vec<Article> = pool.install(|| {
        entries
            .par_iter()
            .map(|e| corpus::read(e, cfg.max_bytes))
            .collect()
    });
    timer.lap("corpus");
    // A panic in one article's stage costs that article (status `failed`), never the run.
    let mut failed: HashMap<usize, String> = HashMap::new();
    let segmented: Vec<std::result::Result<Segmented, String>> = pool.install(|| {
        articles
            .par_iter()
            .map(|a| {
                if a.status.is_processed() {
                    guarded("boilerplate", || {
                        panic_point(&a.id);
                        boilerplate::segment(&a.text)
                    })
                } else {
                    Ok(Segmented::default())
                }
            })
            .collect()
    });
    let segments: Vec<Segmented> = segmented
        .into_iter()
        .enumerate()
        .map(|(i, s)| {
            s.unwrap_or_else(|e| {
                failed.insert(i, e);
                Segmented::default()
            })
        })
        .collect();
    timer.lap("boilerplate");

    // NER, with the cache.
    let fingerprint = model_fingerprint(&cfg.model)?;
    let cache = Cache::open(
        &cfg.out,
        &fingerprint,
        &cache_config(cfg, lexicons.fingerprint()),
    )?;
    let mut analyses: Vec<Option<Analysis>> = vec![None; articles.len()];
    let mut todo = Vec::new();
    for (i, a) in articles.iter().enumerate() {
        if !a.status.is_processed() || failed.contains_key(&i) {
            continue;
        }
        let hit = (!cfg.full)
            .then(|| cache.get::<Analysis>(&a.sha256))
            .flatten()
            .filter(|an| an.fits(&a.text));
        match hit {
            Some(hit) => analyses[i] = Some(hit),
            None => todo.push(i),
        }
    }
    bar.set_length(articles.len() as u64);
    bar.inc((articles.len() - todo.len()) as u64);
    let mut problems: Vec<String> = Vec::new();
    let mut inference = None;
    let mut model_flops = 0.0;
    if !todo.is_empty() {
        // libtorch panics (through tch) when it cannot allocate, e.g. under `ulimit -v`: an error.
        let rec = guarded("model load", || Recognizer::load(&cfg.model, cfg.inference))
            .map_err(|e| Error::model(&cfg.model, e))??;
        timer.lap("model-load");
        for chunk in todo.chunks(cfg.chunk.max(1)) {
            let codec = rec.codec();
            let tokenized: Vec<_> = pool.install(|| {
                chunk
                    .par_iter()
                    .map(|&i| {
                        guarded("tokenizer", || {
                            codec.tokenize(&articles[i].text, &segments[i].content)
                        })
                        .and_then(|t| t.map_err(|e| e.to_string()))
                    })
                    .collect()
            });
            timer.lap("tokenize");
            let ok: Vec<usize> = (0..chunk.len()).filter(|&k| tokenized[k].is_ok()).collect();
            for (k, t) in tokenized.iter().enumerate() {
                if let Err(e) = t {
                    failed.insert(chunk[k], e.clone());
                }
            }
            let docs: Vec<_> = ok
                .iter()
                .map(|&k| tokenized[k].as_ref().expect("filtered").clone())
                .collect();
            let probs = rec.predict(&docs)?;
            timer.lap("ner");
            let found: Vec<std::result::Result<Analysis, String>> = pool.install(|| {
                ok.par_iter()
                    .zip(docs.par_iter().zip(probs.par_iter()))
                    .map(|(&k, (doc, p))| {
                        let a = &articles[chunk[k]];
                        guarded("entity and number", || {
                            let mentions = codec.mentions(&a.text, doc, &codec.word_labels(doc, p));
                            let spans: Vec<_> =
                                mentions.iter().map(|m| m.byte_start..m.byte_end).collect();
                            let numbers =
                                numbers::extract(&a.text, &segments[chunk[k]].content, &spans);
                            Analysis { mentions, numbers }
                        })
                    })
                    .collect()
            });
            for (&k, analysis) in ok.iter().zip(found) {
                let i = chunk[k];
                match analysis {
                    Ok(analysis) => {
                        cache.put(&articles[i].sha256, &analysis)?;
                        analyses[i] = Some(analysis);
                    }
                    Err(e) => {
                        failed.insert(i, e);
                    }
                }
            }
            bar.inc(chunk.len() as u64);
            timer.lap("decode");
        }
        inference = Some(rec.stats());
        model_flops = rec.flops(&rec.stats());
    }

    // Normalization.
    let cleaned: Vec<std::result::Result<Vec<normalize::CleanMention>, String>> =
        pool.install(|| {
            articles
                .par_iter()
                .zip(analyses.par_iter())
                .map(|(a, an)| match an {
                    Some(an) => guarded("clean-up", || {
                        normalize::clean_mentions(&a.id, &a.text, &an.mentions, &lexicons)
                    }),
                    None => Ok(Vec::new()),
                })
                .collect()
        });
    let cleaned: Vec<Vec<normalize::CleanMention>> = cleaned
        .into_iter()
        .enumerate()
        .map(|(i, c)| {
            c.unwrap_or_else(|e| {
                failed.insert(i, e);
                analyses[i] = None;
                Vec::new()
            })
        })
        .collect();
    let normalized = normalize::normalize(
        articles
            .iter()
            .zip(cleaned)
            .map(|(a, mentions)| normalize::ArticleMentions {
                text: &a.text,
                mentions,
            })
            .collect(),
        &aliases,
        &lexicons,
    );
    timer.lap("normalize");

    // Status and counts.
    let mut counts = ArticleCounts {
        read: articles.len(),
        ..Default::default()
    };
    let mut statuses = Vec::with_capacity(articles.len());
    for (i, a) in articles.iter().enumerate() {
        let mut status = a.status;
        let mut message = a.message.clone();
        if let Some(e) = failed.get(&i) {
            status = Status::Failed;
            message = Some(e.clone());
        }
        if let Some(m) = &message {
            problems.push(format!(
                "{}: {} ({})",
                crate::text::printable(&a.rel_path.display().to_string()),
                crate::text::printable(m),
                status.as_str()
            ));
        }
        match status {
            Status::Ok | Status::LossyUtf8 => {
                counts.processed += 1;
                match previous.articles.get(&a.id) {
                    None => counts.new += 1,
                    Some(h) if *h != a.sha256 => counts.changed += 1,
                    Some(_) => counts.unchanged += 1,
                }
            }
            Status::Empty
            | Status::Binary
            | Status::TooLarge
            | Status::DuplicateId
            | Status::NotAFile => counts.skipped += 1,
            _ => counts.failed += 1,
        }
        statuses.push(status);
    }
    counts.inferred = todo.iter().filter(|i| analyses[**i].is_some()).count();
    let current: BTreeMap<String, String> = articles
        .iter()
        .zip(&statuses)
        .filter(|(_, s)| s.is_processed())
        .map(|(a, _)| (a.id.clone(), a.sha256.clone()))
        .collect();
    counts.removed = removed(&previous, &entries).count();

    // Tables and records, streamed into the staging folder and published together below.
    let mut staging = store::Staging::begin(&cfg.out)?;
    let reported: Vec<(&str, &[NumberMention])> = articles
        .iter()
        .zip(&analyses)
        .map(|(a, an)| {
            (
                a.id.as_str(),
                an.as_ref().map_or(&[][..], |an| &an.numbers[..]),
            )
        })
        .collect();
    let figures = crate::figures::figures(&reported);
    let out = Outputs::new(
        &articles,
        &statuses,
        &segments,
        &analyses,
        &normalized,
        &figures,
    );
    out.write_tables(&mut staging, cfg.excel, cfg.review)?;
    out.write_records(&mut staging)?;
    let words = articles
        .iter()
        .zip(&statuses)
        .filter(|(_, s)| s.is_processed())
        .map(|(a, _)| a.words)
        .sum();
    let mut entities = BTreeMap::new();
    for t in EntityType::ALL {
        entities.insert(
            t.as_str().to_string(),
            normalized
                .entities
                .iter()
                .filter(|e| e.entity_type == t)
                .count(),
        );
    }
    timer.lap("tables");
    let mut report = RunReport {
        articles: counts,
        entities,
        mentions: normalized.mentions.len(),
        numbers: analyses.iter().flatten().map(|a| a.numbers.len()).sum(),
        words,
        rows_before_normalization: normalized.rows_before.clone(),
        timings: BTreeMap::new(),
        memory: BTreeMap::new(),
        inference,
        model_flops,
        model: cfg.model.display().to_string(),
        problems,
    };
    report.timings = timer.seconds.clone();
    report.memory = timer.memory.clone();
    staging.file("run.json", |w| {
        serde_json::to_writer_pretty(w, &report).map_err(|e| Error::Json {
            path: cfg.out.join("run.json"),
            source: e,
        })
    })?;
    let warnings = staging.commit(&store::Manifest { articles: current })?;
    report.problems.extend(warnings);
    cache.retain(articles.iter().map(|a| a.sha256.as_str()))?;
    timer.lap("write");
    report.timings = timer.seconds;
    report.memory = timer.memory;
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

/// A hook for tests: the article named by the environment variable `NEWSNER_TEST_PANIC_IN` panics in
/// its first stage, as a bug would.
fn panic_point(article_id: &str) {
    if std::env::var("NEWSNER_TEST_PANIC_IN").is_ok_and(|id| id == article_id) {
        panic!("test panic in {article_id}");
    }
}

/// Runs one article's stage, turning a panic into an error message for that article.
fn guarded<T>(stage: &str, f: impl FnOnce() -> T) -> std::result::Result<T, String> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)).map_err(|p| {
        let what = p
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| p.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown panic".to_string());
        format!("internal error in the {stage} stage: {what}")
    })
}

/// The source of the stages whose results are cached: a change to any of them invalidates the cache.
const CACHED_STAGE_SOURCES: &[&str] = &[
    include_str!("boilerplate.rs"),
    crate::boilerplate::STRONG_CUES_LIST,
    crate::boilerplate::WEAK_CUES_LIST,
    crate::boilerplate::RAIL_CUES_LIST,
    crate::text::ABBREVIATIONS_LIST,
    crate::numbers::CURRENCIES_LIST,
    crate::numbers::UNITS_LIST,
    crate::numbers::PERSON_NOUNS_LIST,
    crate::figures::TERMS_LIST,
    include_str!("figures.rs"),
    include_str!("text.rs"),
    include_str!("numbers.rs"),
    include_str!("ner/mod.rs"),
    include_str!("ner/window.rs"),
    include_str!("ner/labels.rs"),
    include_str!("ner/casing.rs"),
    include_str!("ner/model.rs"),
];

/// What affects cached results besides the text and the model: window settings and the stages' code.
fn cache_config(cfg: &RunConfig, lexicons: &str) -> String {
    let code = store::sha256_hex(CACHED_STAGE_SOURCES.concat().as_bytes());
    format!(
        "max_len={} stride={} precision={} code={code} lexicons={lexicons}",
        cfg.inference.max_len,
        cfg.inference.stride,
        cfg.inference.precision.resolve()
    )
}

fn model_fingerprint(model: &Path) -> Result<String> {
    if !model.join("model.safetensors").exists() {
        return Err(Error::model(
            model,
            "no model here (model.safetensors is missing): run `make model` to train the default \
             model, or pass --model DIR with a Hugging Face token-classification model",
        ));
    }
    crate::ner::model::TokenClassifier::fingerprint(model)
}

/// What the tables and records are written from.
struct Outputs<'a> {
    articles: &'a [Article],
    statuses: &'a [Status],
    segments: &'a [Segmented],
    analyses: &'a [Option<Analysis>],
    normalized: &'a Normalized,
    /// Indices into `normalized.mentions` of each article's mentions.
    mentions_of: Vec<Vec<usize>>,
    /// The corpus's figures, and each article's numbers' figure ids.
    figures: &'a (Vec<crate::figures::Figure>, Vec<Vec<Option<String>>>),
}

/// A number in an article's JSON record: the number and the figure it belongs to.
#[derive(Serialize)]
struct RecordNumber<'a> {
    #[serde(flatten)]
    number: &'a NumberMention,
    #[serde(skip_serializing_if = "Option::is_none")]
    figure_id: Option<&'a str>,
}

/// Writes table `name` into the staging folder, row by row: the header, then the rows `fill` pushes.
fn stage_table(
    staging: &mut store::Staging,
    name: &str,
    header: &[&str],
    excel: bool,
    fill: impl FnOnce(&mut TableWriter<&mut dyn std::io::Write>) -> Result<()>,
) -> Result<()> {
    staging.file(name, |w| {
        let mut t = TableWriter::new(w, name, header, excel)?;
        fill(&mut t)?;
        t.finish().map(drop)
    })
}

/// An entity mention in an article's JSON record.
#[derive(Serialize)]
struct RecordMention<'a> {
    end: usize,
    entity: &'a str,
    entity_id: &'a str,
    label: &'a str,
    score: f64,
    start: usize,
    text: &'a str,
    #[serde(rename = "type")]
    entity_type: EntityType,
}

/// An article's JSON record (`articles/<id>.json`), keys in alphabetical order.
#[derive(Serialize)]
struct Record<'a> {
    article_id: &'a str,
    boilerplate: &'a [boilerplate::Dropped],
    mentions: Vec<RecordMention<'a>>,
    message: &'a Option<String>,
    numbers: Vec<RecordNumber<'a>>,
    path: String,
    sha256: &'a str,
    status: &'a str,
    title: &'a str,
    words: usize,
}

impl<'a> Outputs<'a> {
    fn new(
        articles: &'a [Article],
        statuses: &'a [Status],
        segments: &'a [Segmented],
        analyses: &'a [Option<Analysis>],
        normalized: &'a Normalized,
        figures: &'a (Vec<crate::figures::Figure>, Vec<Vec<Option<String>>>),
    ) -> Self {
        // The first article with an id owns it (later ones are skipped as duplicates).
        let index: HashMap<&str, usize> =
            articles
                .iter()
                .enumerate()
                .fold(HashMap::new(), |mut m, (i, a)| {
                    m.entry(a.id.as_str()).or_insert(i);
                    m
                });
        let mut mentions_of = vec![Vec::new(); articles.len()];
        for (k, m) in normalized.mentions.iter().enumerate() {
            if let Some(&i) = index.get(m.article_id.as_str()) {
                mentions_of[i].push(k);
            }
        }
        Outputs {
            articles,
            statuses,
            segments,
            analyses,
            normalized,
            mentions_of,
            figures,
        }
    }

    /// Writes every table, and `review.csv` when asked, into the staging folder, row by row.
    fn write_tables(&self, staging: &mut store::Staging, excel: bool, review: bool) -> Result<()> {
        let n = self.normalized;
        for (ty, file) in [
            (EntityType::Person, "people.csv"),
            (EntityType::Place, "places.csv"),
            (EntityType::Organization, "organizations.csv"),
            (EntityType::Other, "other.csv"),
        ] {
            stage_table(staging, file, &tables::ENTITY_HEADER, excel, |t| {
                for e in n.entities.iter().filter(|e| e.entity_type == ty) {
                    t.push(&[
                        e.id.as_str().into(),
                        e.name.as_str().into(),
                        e.aliases.join(LIST_SEP).into(),
                        e.articles.len().into(),
                        e.mentions.into(),
                        e.articles
                            .iter()
                            .map(String::as_str)
                            .collect::<Vec<_>>()
                            .join(LIST_SEP)
                            .into(),
                        score_cell(e.score),
                        e.merge_reasons.join(LIST_SEP).into(),
                    ])?;
                }
                Ok(())
            })?;
        }
        stage_table(
            staging,
            "mentions.csv",
            &tables::MENTION_HEADER,
            excel,
            |t| {
                for (i, cm) in n.mentions.iter().enumerate() {
                    let e = &n.entities[n.entity_of[i]];
                    t.push(&[
                        cm.article_id.as_str().into(),
                        e.id.as_str().into(),
                        e.entity_type.as_str().into(),
                        cm.text.as_str().into(),
                        cm.start.into(),
                        cm.end.into(),
                        score_cell(cm.score),
                    ])?;
                }
                Ok(())
            },
        )?;
        stage_table(staging, "numbers.csv", &tables::NUMBER_HEADER, excel, |t| {
            for (art, an) in self.articles.iter().zip(self.analyses) {
                for x in an.iter().flat_map(|a| &a.numbers) {
                    // Values we compute (decimals, ISO dates such as --12-26) are written as they
                    // are; identifiers are copied from the article and are neutralised like all text.
                    let value = if x.kind == "identifier" {
                        Cell::Text(x.value.clone())
                    } else {
                        Cell::Raw(x.value.clone())
                    };
                    t.push(&[
                        art.id.as_str().into(),
                        value,
                        x.text.as_str().into(),
                        x.kind.as_str().into(),
                        x.counted.as_str().into(),
                        x.qualifier.as_str().into(),
                        x.start.into(),
                        x.end.into(),
                        x.sentence.as_str().into(),
                    ])?;
                }
            }
            Ok(())
        })?;
        stage_table(staging, "figures.csv", &tables::FIGURE_HEADER, excel, |t| {
            for f in &self.figures.0 {
                t.push(&[
                    f.id.as_str().into(),
                    f.kind.as_str().into(),
                    f.counted.as_str().into(),
                    Cell::Raw(f.value.clone()),
                    f.qualifier.as_str().into(),
                    f.values
                        .iter()
                        .map(|(v, n)| format!("{v} ({n})"))
                        .collect::<Vec<_>>()
                        .join(LIST_SEP)
                        .into(),
                    f.article_ids.len().into(),
                    f.article_ids.join(LIST_SEP).into(),
                    (if f.conflict { "yes" } else { "no" }).into(),
                    f.sentences.join(LIST_SEP).into(),
                ])?;
            }
            Ok(())
        })?;
        stage_table(
            staging,
            "articles.csv",
            &tables::ARTICLE_HEADER,
            excel,
            |t| {
                for (i, art) in self.articles.iter().enumerate() {
                    // Distinct entities of each type among the article's mentions.
                    let count = |ty: EntityType| {
                        let mut ids: Vec<usize> = self.mentions_of[i]
                            .iter()
                            .map(|&k| n.entity_of[k])
                            .filter(|&e| n.entities[e].entity_type == ty)
                            .collect();
                        ids.sort_unstable();
                        ids.dedup();
                        ids.len()
                    };
                    t.push(&[
                        art.id.as_str().into(),
                        art.rel_path.display().to_string().into(),
                        art.title.as_str().into(),
                        Cell::Raw(art.sha256.clone()),
                        art.words.into(),
                        count(EntityType::Person).into(),
                        count(EntityType::Place).into(),
                        count(EntityType::Organization).into(),
                        self.analyses[i]
                            .as_ref()
                            .map_or(0, |a| a.numbers.len())
                            .into(),
                        self.statuses[i].as_str().into(),
                    ])?;
                }
                Ok(())
            },
        )?;
        if review {
            stage_table(
                staging,
                "review.csv",
                &["decision", "type", "name", "other", "reason", "similarity"],
                excel,
                |t| {
                    for r in &n.review {
                        t.push(&[
                            r.decision.as_str().into(),
                            r.entity_type.as_str().into(),
                            r.name.as_str().into(),
                            r.other.as_str().into(),
                            r.reason.as_str().into(),
                            Cell::Raw(format!("{:.3}", r.similarity)),
                        ])?;
                    }
                    Ok(())
                },
            )?;
        }
        Ok(())
    }

    /// Writes one JSON record per article into the staging folder.
    fn write_records(&self, staging: &mut store::Staging) -> Result<()> {
        let n = self.normalized;
        for (i, a) in self.articles.iter().enumerate() {
            let mentions = self.mentions_of[i]
                .iter()
                .map(|&k| {
                    let m = &n.mentions[k];
                    let e = &n.entities[n.entity_of[k]];
                    RecordMention {
                        end: m.end,
                        entity: &e.name,
                        entity_id: &e.id,
                        label: &m.label,
                        score: (f64::from(m.score) * 1000.0).round() / 1000.0,
                        start: m.start,
                        text: &m.text,
                        entity_type: m.entity_type,
                    }
                })
                .collect();
            let record = Record {
                article_id: &a.id,
                boilerplate: &self.segments[i].dropped,
                mentions,
                message: &a.message,
                numbers: self.analyses[i]
                    .iter()
                    .flat_map(|a| &a.numbers)
                    .enumerate()
                    .map(|(k, number)| RecordNumber {
                        number,
                        figure_id: self.figures.1[i].get(k).and_then(|f| f.as_deref()),
                    })
                    .collect(),
                path: a.rel_path.display().to_string(),
                sha256: &a.sha256,
                status: self.statuses[i].as_str(),
                title: &a.title,
                words: a.words,
            };
            let name = format!("articles/{}.json", a.id);
            staging.file(&name, |w| {
                serde_json::to_writer_pretty(w, &record).map_err(|e| Error::Json {
                    path: PathBuf::from(&name),
                    source: e,
                })
            })?;
        }
        Ok(())
    }
}
