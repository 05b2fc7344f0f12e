//! The map side's driver: articles in, one [`ArticleRecord`] each out. Everything here is per article
//! (boilerplate, NER, numbers), so any split of a corpus maps to the same records.
//!
//! Threads: the CPU stages run on the caller's rayon pool; the model runs on the calling thread with
//! libtorch's intra-op threads, batching windows of many articles at once. A panic in one article's
//! stage costs that article (an error record, status `failed`), never the run.

use crate::boilerplate::{self, Segmented};
use crate::corpus::Article;
use crate::error::{Error, Result};
use crate::ner::{InferenceConfig, InferenceStats, Mention, Recognizer};
use crate::numbers::{self, NumberMention};
use indicatif::ProgressBar;
use newsner_core::memory::StageTimer;
use newsner_core::record::{spans_fit, ArticleRecord, SCHEMA_VERSION};
use newsner_core::store::{self, Cache};
use newsner_core::{guarded, text::slash_path};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// What the map side needs to know.
#[derive(Debug, Clone)]
pub struct MapConfig {
    /// The model directory.
    pub model: PathBuf,
    /// Worker threads (rayon) and libtorch threads.
    pub threads: usize,
    /// Windowing and batching.
    pub inference: InferenceConfig,
    /// Articles per inference chunk (bounds memory).
    pub chunk: usize,
    /// Ignore the cache.
    pub full: bool,
}

impl MapConfig {
    /// Defaults for a model.
    pub fn new(model: PathBuf) -> MapConfig {
        MapConfig {
            model,
            threads: std::thread::available_parallelism().map_or(1, |n| n.get()),
            inference: InferenceConfig::default(),
            chunk: 64,
            full: false,
        }
    }
}

/// What the model found in one article: the value the cache keeps per article content.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Analysis {
    /// Raw mentions from the model.
    pub mentions: Vec<Mention>,
    /// Numbers.
    pub numbers: Vec<NumberMention>,
}

/// What the model did in one map call.
#[derive(Debug, Clone, Default)]
pub struct MapStats {
    /// Articles that needed the model (not in the cache) and came through.
    pub inferred: usize,
    /// The model's counters (absent when nothing needed it).
    pub inference: Option<InferenceStats>,
    /// Forward FLOPs of that work.
    pub model_flops: f64,
}

/// Maps articles to records, loading the model only when an article needs it.
pub struct Mapper<'a> {
    cfg: &'a MapConfig,
    pool: &'a rayon::ThreadPool,
    cache: Option<&'a Cache>,
    fingerprint: String,
    recognizer: Option<Recognizer>,
    stats: MapStats,
}

impl<'a> Mapper<'a> {
    /// A mapper for `cfg`'s model (checked and fingerprinted now, loaded on first need), reading and
    /// filling `cache` when given.
    pub fn new(
        cfg: &'a MapConfig,
        pool: &'a rayon::ThreadPool,
        cache: Option<&'a Cache>,
    ) -> Result<Mapper<'a>> {
        tch::set_num_threads(cfg.threads.max(1) as i32);
        Ok(Mapper {
            cfg,
            pool,
            cache,
            fingerprint: model_fingerprint(&cfg.model)?,
            recognizer: None,
            stats: MapStats::default(),
        })
    }

    /// The model's fingerprint, as records carry it.
    pub fn fingerprint(&self) -> &str {
        &self.fingerprint
    }

    /// What the model did so far.
    pub fn stats(&self) -> MapStats {
        let mut stats = self.stats.clone();
        if let Some(rec) = &self.recognizer {
            let s = rec.stats();
            stats.inference = Some(s);
            stats.model_flops = rec.flops(&s);
        }
        stats
    }

    /// Maps `articles` (in order) to records. `bar` counts articles; `timer` gets the stages' laps.
    pub fn map(
        &mut self,
        articles: &[Article],
        bar: &ProgressBar,
        timer: &mut StageTimer,
    ) -> Result<Vec<ArticleRecord>> {
        let mut records: Vec<ArticleRecord> = articles.iter().map(|a| self.record_of(a)).collect();
        let segments = self.segment(articles, &mut records);
        timer.lap("boilerplate");
        let mut todo = Vec::new();
        for (i, r) in records.iter_mut().enumerate() {
            if !r.status.is_processed() {
                continue;
            }
            match self.cached(&r.sha256, &r.text) {
                Some(hit) => (r.mentions, r.numbers) = (hit.mentions, hit.numbers),
                None => todo.push(i),
            }
        }
        bar.inc((articles.len() - todo.len()) as u64);
        if !todo.is_empty() {
            self.load_model(timer)?;
        }
        for chunk in todo.chunks(self.cfg.chunk.max(1)) {
            self.infer(chunk, &segments, &mut records, timer)?;
            bar.inc(chunk.len() as u64);
        }
        Ok(records)
    }

    /// The record of an article before the stages: identity, text and status.
    fn record_of(&self, a: &Article) -> ArticleRecord {
        ArticleRecord {
            schema: SCHEMA_VERSION,
            model: if a.status.is_processed() {
                self.fingerprint.clone()
            } else {
                String::new()
            },
            id: a.id.clone(),
            path: slash_path(&a.rel_path),
            title: a.title.clone(),
            sha256: a.sha256.clone(),
            words: a.words,
            status: a.status,
            message: a.message.clone(),
            text: a.text.clone(),
            boilerplate: Vec::new(),
            mentions: Vec::new(),
            numbers: Vec::new(),
        }
    }

    /// Boilerplate for every processed article; the content ranges are returned, the dropped lines go
    /// into the records.
    fn segment(&self, articles: &[Article], records: &mut [ArticleRecord]) -> Vec<Segmented> {
        let segmented: Vec<std::result::Result<Segmented, String>> = self.pool.install(|| {
            articles
                .par_iter()
                .map(|a| {
                    if !a.status.is_processed() {
                        return Ok(Segmented::default());
                    }
                    guarded("boilerplate", || {
                        panic_point(&a.id);
                        boilerplate::segment(&a.text)
                    })
                })
                .collect()
        });
        segmented
            .into_iter()
            .zip(records.iter_mut())
            .map(|(s, r)| match s {
                Ok(s) => {
                    r.boilerplate = s.dropped.clone();
                    s
                }
                Err(e) => {
                    r.fail(e);
                    Segmented::default()
                }
            })
            .collect()
    }

    fn cached(&self, sha256: &str, text: &str) -> Option<Analysis> {
        if self.cfg.full {
            return None;
        }
        let hit: Analysis = self.cache?.get(sha256)?;
        spans_fit(text, &hit.mentions, &hit.numbers).then_some(hit)
    }

    fn load_model(&mut self, timer: &mut StageTimer) -> Result<()> {
        if self.recognizer.is_some() {
            return Ok(());
        }
        // libtorch panics (through tch) when it cannot allocate, e.g. under `ulimit -v`: an error.
        let cfg = self.cfg;
        let rec = guarded("model load", || Recognizer::load(&cfg.model, cfg.inference))
            .map_err(|e| Error::model(&cfg.model, e))??;
        self.recognizer = Some(rec);
        timer.lap("model-load");
        Ok(())
    }

    /// Tokenizes, runs the model on and decodes one chunk of articles (indices into `records`).
    fn infer(
        &mut self,
        chunk: &[usize],
        segments: &[Segmented],
        records: &mut [ArticleRecord],
        timer: &mut StageTimer,
    ) -> Result<()> {
        let rec = self.recognizer.as_ref().expect("loaded before inference");
        let codec = rec.codec();
        let tokenized: Vec<std::result::Result<_, String>> = self.pool.install(|| {
            chunk
                .par_iter()
                .map(|&i| {
                    guarded("tokenizer", || {
                        codec.tokenize(&records[i].text, &segments[i].content)
                    })
                    .and_then(|t| t.map_err(|e| e.to_string()))
                })
                .collect()
        });
        timer.lap("tokenize");
        let mut ok = Vec::new();
        let mut docs = Vec::new();
        for (&i, t) in chunk.iter().zip(tokenized) {
            match t {
                Ok(doc) => {
                    ok.push(i);
                    docs.push(doc);
                }
                Err(e) => records[i].fail(e),
            }
        }
        let probs = rec.predict(&docs)?;
        timer.lap("ner");
        let found: Vec<std::result::Result<Analysis, String>> = self.pool.install(|| {
            ok.par_iter()
                .zip(docs.par_iter().zip(probs.par_iter()))
                .map(|(&i, (doc, p))| {
                    let text = &records[i].text;
                    guarded("entity and number", || {
                        let mentions = codec.mentions(text, doc, &codec.word_labels(doc, p));
                        let spans: Vec<_> =
                            mentions.iter().map(|m| m.byte_start..m.byte_end).collect();
                        let numbers = numbers::extract(text, &segments[i].content, &spans);
                        Analysis { mentions, numbers }
                    })
                })
                .collect()
        });
        for (&i, analysis) in ok.iter().zip(found) {
            self.keep(&mut records[i], analysis)?;
        }
        timer.lap("decode");
        Ok(())
    }

    /// Puts an article's analysis into its record and the cache, or fails the record.
    fn keep(
        &mut self,
        record: &mut ArticleRecord,
        analysis: std::result::Result<Analysis, String>,
    ) -> Result<()> {
        match analysis {
            Ok(analysis) => {
                if let Some(cache) = self.cache {
                    cache.put(&record.sha256, &analysis)?;
                }
                record.mentions = analysis.mentions;
                record.numbers = analysis.numbers;
                self.stats.inferred += 1;
            }
            Err(e) => record.fail(e),
        }
        Ok(())
    }
}

/// Dense matrix-multiply rate (FLOP/s) in `precision` with `threads` libtorch threads, on the shape of
/// the model's feed-forward layers ([4096 × 384] · [384 × 1536]), over about a second: the CPU's
/// practical peak, for benchmarks. In int8 it is the rate of the model's own int8 layer (fbgemm, the
/// activations quantized per call), the same path the model runs.
pub fn matmul_rate(precision: crate::ner::Precision, threads: usize) -> f64 {
    tch::set_num_threads(threads.max(1) as i32);
    let kind = precision.kind();
    let _g = tch::no_grad_guard();
    let a = tch::Tensor::randn([4096, 384], (tch::Kind::Float, tch::Device::Cpu)).to_kind(kind);
    let b = tch::Tensor::randn([1536, 384], (tch::Kind::Float, tch::Device::Cpu)).to_kind(kind);
    let quantized = match precision.resolve() {
        crate::ner::Precision::Int8 => crate::ner::encoder::QuantLinear::new(
            &b,
            &tch::Tensor::zeros([1536], (kind, a.device())),
        )
        .ok(),
        _ => None,
    };
    let product = || match &quantized {
        Some(q) => {
            let _ = q.forward(&a);
        }
        None => {
            let _ = a.matmul(&b.tr());
        }
    };
    product(); // warm-up
    let per = 2.0 * 4096.0 * 384.0 * 1536.0;
    let start = std::time::Instant::now();
    let mut n = 0u32;
    while start.elapsed().as_secs_f64() < 1.0 {
        product();
        n += 1;
    }
    per * n as f64 / start.elapsed().as_secs_f64()
}

/// Sets libtorch's threads: `intra_op` for each operation (none given: every core), one between
/// operations (the model runs one batch at a time).
pub fn set_engine_threads(intra_op: Option<usize>) {
    let n = intra_op.unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
    tch::set_num_threads(n as i32);
    tch::set_num_interop_threads(1);
}

/// A hook for tests: the article named by the environment variable `NEWSNER_TEST_PANIC_IN` panics in
/// its first stage, as a bug would.
fn panic_point(article_id: &str) {
    if std::env::var("NEWSNER_TEST_PANIC_IN").is_ok_and(|id| id == article_id) {
        panic!("test panic in {article_id}");
    }
}

/// The source of the stages whose results are cached: a change to any of them invalidates the cache.
const CACHED_STAGE_SOURCES: &[&str] = &[
    include_str!("boilerplate.rs"),
    crate::boilerplate::STRONG_CUES_LIST,
    crate::boilerplate::WEAK_CUES_LIST,
    crate::boilerplate::RAIL_CUES_LIST,
    newsner_core::text::ABBREVIATIONS_LIST,
    crate::numbers::CURRENCIES_LIST,
    crate::numbers::UNITS_LIST,
    crate::numbers::PERSON_NOUNS_LIST,
    crate::numbers::LEVEL_VERBS_LIST,
    crate::numbers::CHANGE_VERBS_LIST,
    crate::numbers::IRREGULAR_PASTS_LIST,
    crate::terms::TERMS_LIST,
    crate::terms::OWNING_VERBS_LIST,
    crate::terms::TRADING_VERBS_LIST,
    include_str!("terms.rs"),
    include_str!("../core/text.rs"),
    include_str!("../core/span.rs"),
    include_str!("numbers.rs"),
    include_str!("ner/mod.rs"),
    include_str!("ner/window.rs"),
    include_str!("../core/labels.rs"),
    include_str!("ner/casing.rs"),
    include_str!("ner/model.rs"),
];

/// What affects cached results besides the text and the model: window settings and the stages' code.
pub fn cache_config(cfg: &MapConfig) -> String {
    let code = store::sha256_hex(CACHED_STAGE_SOURCES.concat().as_bytes());
    format!(
        "max_len={} stride={} precision={} code={code}",
        cfg.inference.max_len,
        cfg.inference.stride,
        cfg.inference.precision.resolve()
    )
}

/// The model's fingerprint; a clear error when the folder holds no model.
pub fn model_fingerprint(model: &Path) -> Result<String> {
    if !model.join("model.safetensors").exists() {
        return Err(Error::model(
            model,
            "no model here (model.safetensors is missing): run `make model` to train the default \
             model, or pass --model DIR with a Hugging Face token-classification model",
        ));
    }
    crate::ner::model::TokenClassifier::fingerprint(model)
}
