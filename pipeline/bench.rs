//! The benchmark behind `newsner bench`: the full pipeline over a corpus (or a share of it) in a
//! temporary output folder, with throughput, time per stage, peak memory, the model's share of the
//! time, and the model's achieved FLOP/s as a share of this machine's own dense f32 matrix-multiply
//! rate measured in the same process — so figures from different machines can be compared — and, for
//! bf16, of the bf16 rate too.

use crate::error::{Error, Result};
use crate::map::matmul_rate;
use crate::run::{self, RunConfig};
use serde::Serialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Instant;

/// What to measure.
#[derive(Debug, Clone)]
pub struct BenchConfig {
    /// The run settings (corpus, model, threads, windows); `out` is replaced by a temporary folder.
    pub run: RunConfig,
    /// Share of the corpus' articles to use (the first ones in path order), in (0, 1].
    pub fraction: f64,
    /// Also change one article and re-run, reporting the re-run's time as a share of the full run.
    pub rerun: bool,
}

/// The figures.
#[derive(Debug, Clone, Serialize)]
pub struct BenchReport {
    /// Articles processed.
    pub articles: usize,
    /// Words in them.
    pub words: usize,
    /// Wall-clock seconds of the run (model loading included).
    pub seconds: f64,
    /// Articles per second.
    pub articles_per_second: f64,
    /// Words per second.
    pub words_per_second: f64,
    /// Model tokens (content, no padding) per second of the whole run.
    pub tokens_per_second: f64,
    /// Model tokens.
    pub tokens: u64,
    /// Positions the model computed, padding and special tokens included, per content token.
    pub padding_overhead: f64,
    /// Peak resident memory of the process, in bytes.
    pub peak_rss_bytes: u64,
    /// Seconds in the model's forward passes.
    pub model_seconds: f64,
    /// `model_seconds / seconds`.
    pub model_share: f64,
    /// Seconds per stage.
    pub stages: BTreeMap<String, f64>,
    /// Resident memory at the end of each stage (the most over the model's chunks), in bytes.
    pub stage_rss_bytes: BTreeMap<String, u64>,
    /// The model's achieved FLOP/s during its forward passes.
    pub model_flops_per_second: f64,
    /// This machine's dense f32 matrix-multiply rate with the same threads, measured in this run.
    pub matmul_flops_per_second: f64,
    /// `model_flops_per_second / matmul_flops_per_second` (above 1 is possible in bf16, whose matrix
    /// products run faster than f32's).
    pub flops_utilization: f64,
    /// The model's number format (`f32`, `bf16`).
    pub precision: crate::ner::Precision,
    /// The dense matrix-multiply rate in the model's number format (the f32 rate again in f32).
    pub precision_matmul_flops_per_second: f64,
    /// `model_flops_per_second / precision_matmul_flops_per_second`.
    pub precision_flops_utilization: f64,
    /// Threads used.
    pub threads: usize,
    /// Seconds of a re-run with one article changed (with `rerun`).
    pub rerun_seconds: Option<f64>,
    /// `rerun_seconds / seconds`.
    pub rerun_share: Option<f64>,
}

fn copy_subset(corpus: &Path, fraction: f64, dst: &Path) -> Result<usize> {
    let entries = crate::corpus::discover(corpus)?;
    let n = ((entries.len() as f64 * fraction).ceil() as usize).clamp(1, entries.len().max(1));
    for e in entries.iter().take(n) {
        let to = dst.join(&e.rel_path);
        if let Some(p) = to.parent() {
            std::fs::create_dir_all(p).map_err(|err| Error::io(p, err))?;
        }
        std::fs::copy(&e.path, &to).map_err(|err| Error::io(&e.path, err))?;
    }
    Ok(n)
}

/// Runs the benchmark.
pub fn bench(cfg: &BenchConfig) -> Result<BenchReport> {
    let work = std::env::temp_dir().join(format!("newsner-bench-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&work);
    let result = (|| {
        let corpus = work.join("corpus");
        copy_subset(&cfg.run.corpus, cfg.fraction.clamp(1e-6, 1.0), &corpus)?;
        let mut rc = cfg.run.clone();
        rc.corpus = corpus.clone();
        rc.out = work.join("out");
        rc.full = true;
        let matmul = matmul_rate(crate::ner::Precision::F32, rc.threads);
        let precision = rc.inference.precision.resolve();
        let precision_matmul = match precision {
            crate::ner::Precision::F32 => matmul,
            p => matmul_rate(p, rc.threads),
        };
        let bar = indicatif::ProgressBar::hidden();
        let start = Instant::now();
        let report = run::run(&rc, &bar)?;
        let seconds = start.elapsed().as_secs_f64();
        let peak = crate::memory::peak_rss_bytes();
        let rerun_seconds = if cfg.rerun {
            Some(rerun(&mut rc, &corpus, &bar)?)
        } else {
            None
        };
        let stats = report.inference.unwrap_or_default();
        let model_seconds = report.timings.get("ner").copied().unwrap_or(0.0);
        let model_fps = ratio(report.model_flops, model_seconds);
        Ok(BenchReport {
            articles: report.articles.processed,
            words: report.words,
            seconds,
            articles_per_second: report.articles.processed as f64 / seconds,
            words_per_second: report.words as f64 / seconds,
            tokens_per_second: stats.tokens as f64 / seconds,
            tokens: stats.tokens,
            padding_overhead: stats.positions as f64 / (stats.tokens.max(1)) as f64,
            peak_rss_bytes: peak,
            model_seconds,
            model_share: model_seconds / seconds,
            stages: report.timings,
            stage_rss_bytes: report.memory,
            model_flops_per_second: model_fps,
            matmul_flops_per_second: matmul,
            flops_utilization: ratio(model_fps, matmul),
            precision,
            precision_matmul_flops_per_second: precision_matmul,
            precision_flops_utilization: ratio(model_fps, precision_matmul),
            threads: rc.threads,
            rerun_seconds,
            rerun_share: rerun_seconds.map(|r| r / seconds),
        })
    })();
    let _ = std::fs::remove_dir_all(&work);
    result
}

/// `a / b`, or 0 where `b` is not positive.
fn ratio(a: f64, b: f64) -> f64 {
    if b > 0.0 {
        a / b
    } else {
        0.0
    }
}

/// Appends a line to the corpus' first article and re-runs incrementally: the seconds it takes.
fn rerun(rc: &mut RunConfig, corpus: &Path, bar: &indicatif::ProgressBar) -> Result<f64> {
    let first = crate::corpus::discover(corpus)?
        .into_iter()
        .next()
        .ok_or_else(|| Error::input(corpus, "empty corpus"))?;
    let mut text = std::fs::read(&first.path).map_err(|e| Error::io(&first.path, e))?;
    text.extend_from_slice(b"\nThis line was added for the re-run benchmark.\n");
    std::fs::write(&first.path, text).map_err(|e| Error::io(&first.path, e))?;
    rc.full = false;
    let t = Instant::now();
    run::run(rc, bar)?;
    Ok(t.elapsed().as_secs_f64())
}

/// The default benchmark corpus, relative to the repository root.
pub fn default_corpus() -> PathBuf {
    PathBuf::from("../shared/data/bbc")
}

impl std::fmt::Display for BenchReport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        writeln!(
        f,
        "{} articles, {} words in {:.1} s: {:.0} words/s, {:.1} articles/s, {:.0} model tokens/s\n\
         model {:.1} s ({:.0}% of the time), {:.1} GFLOP/s = {:.0}% of this machine's f32 matmul rate ({:.1} GFLOP/s)\n\
         padding and special tokens: {:.2} positions per token; peak RSS {:.0} MiB; {} threads",
        self.articles,
        self.words,
        self.seconds,
        self.words_per_second,
        self.articles_per_second,
        self.tokens_per_second,
        self.model_seconds,
        100.0 * self.model_share,
        self.model_flops_per_second / 1e9,
        100.0 * self.flops_utilization,
        self.matmul_flops_per_second / 1e9,
        self.padding_overhead,
        self.peak_rss_bytes as f64 / 1048576.0,
        self.threads
    )?;
        for (stage, secs) in &self.stages {
            writeln!(f, "  {stage:<12} {secs:>8.2} s")?;
        }
        if self.precision != crate::ner::Precision::F32 {
            writeln!(
                f,
                "in {}: {:.0}% of this machine's {} matmul rate ({:.1} GFLOP/s)",
                self.precision,
                100.0 * self.precision_flops_utilization,
                self.precision,
                self.precision_matmul_flops_per_second / 1e9
            )?;
        }
        if let (Some(s), Some(share)) = (self.rerun_seconds, self.rerun_share) {
            writeln!(
                f,
                "re-run with one article changed: {s:.2} s ({:.1}% of the full run)",
                100.0 * share
            )?;
        }
        Ok(())
    }
}
