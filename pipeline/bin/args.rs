//! The command line's arguments: one struct per command (clap derive), and the checks clap cannot do.

use super::{default_model, say};
use anyhow::Result;
use clap::{Parser, Subcommand};
use newsner::ner::{InferenceConfig, Precision};
use std::path::PathBuf;

#[derive(Parser)]
#[command(
    name = "newsner",
    version,
    about = "People, places, organizations and numbers in news articles, as tables"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand)]
pub enum Command {
    /// Run the pipeline over a folder of articles and write the tables.
    Run(RunArgs),
    /// Fine-tune a token-classification model on CoNLL data.
    Train(TrainArgs),
    /// Score a model (or a file of predictions) on CoNLL data: entity-level P/R/F1.
    Eval(EvalArgs),
    /// Measure the pipeline's throughput and memory on a corpus.
    Bench(BenchArgs),
    /// Average the weights of models fine-tuned from one model (a "model soup") into a new model.
    Average(AverageArgs),
    /// The per-article half of `run`: articles (a folder or JSON lines) in, one JSON record each out.
    Map(MapArgs),
    /// The cross-article half of `run`: records of `map` in, the tables out.
    Reduce(ReduceArgs),
    /// Print the PySpark driver that runs `map` on Apache Spark and then `reduce` (matches this binary).
    SparkScript,
}

#[derive(clap::Args)]
pub struct MapArgs {
    /// Inputs: a corpus folder, JSON-lines files of {"id","text"} or {"path","base64"}, or - (stdin).
    #[arg(required_unless_present = "version")]
    pub inputs: Vec<PathBuf>,
    /// Write the records here (default: standard output).
    #[arg(long)]
    pub out: Option<PathBuf>,
    #[command(flatten)]
    pub engine: EngineArgs,
    /// Largest article in bytes.
    #[arg(long, default_value_t = newsner::corpus::DEFAULT_MAX_BYTES)]
    pub max_bytes: u64,
    /// Print the binary's version, the record schema it writes and the model's fingerprint, then exit.
    #[arg(long)]
    pub version: bool,
}

#[derive(clap::Args)]
pub struct ReduceArgs {
    /// JSON-lines files of records written by `newsner map` (- for standard input).
    #[arg(required = true)]
    pub records: Vec<PathBuf>,
    /// Output folder.
    #[arg(long, default_value = "output")]
    pub out: PathBuf,
    /// Threads (default: all cores).
    #[arg(long, value_parser = at_least_one)]
    pub threads: Option<usize>,
    /// Alias table (alias,canonical,type); default: models/aliases.csv when it exists.
    #[arg(long)]
    pub aliases: Option<PathBuf>,
    /// Place links (name,geonames_id; an empty id: never link the name); default: models/links.csv
    /// when it exists.
    #[arg(long)]
    pub links: Option<PathBuf>,
    /// Folder of the word lists (default: the shipped models/lexicons).
    #[arg(long)]
    pub lexicons: Option<PathBuf>,
    /// Normalization's pass order and thresholds (default: the lexicon folder's normalize.toml).
    #[arg(long)]
    pub normalize: Option<PathBuf>,
    /// Start each CSV with a UTF-8 byte-order mark (for Excel).
    #[arg(long)]
    pub excel: bool,
    /// Also write review.csv.
    #[arg(long)]
    pub review: bool,
    /// If another run holds the output folder, wait for it instead of exiting.
    #[arg(long)]
    pub wait: bool,
}

#[derive(clap::Args)]
pub struct AverageArgs {
    /// A model directory (two or more); the first gives the config, serving head and tokenizer.
    #[arg(long = "model", required = true, num_args = 1)]
    pub models: Vec<PathBuf>,
    /// Output model directory.
    #[arg(long)]
    pub out: PathBuf,
}

/// The model and how it runs, shared by `run` and `bench`.
#[derive(clap::Args)]
pub struct EngineArgs {
    /// Model directory (default: the shipped model).
    #[arg(long)]
    pub model: Option<PathBuf>,
    /// Threads for the CPU stages and for libtorch (default: all cores).
    #[arg(long, value_parser = at_least_one)]
    pub threads: Option<usize>,
    /// Windows per forward pass (default: 8 in bf16, 4 in f32, the fastest measured for each; 1 in
    /// int8, as fast as 2 and free of padding, so a window's result never depends on its batch).
    #[arg(long, value_parser = at_least_one)]
    pub batch_size: Option<usize>,
    /// Window length in tokens (capped by the model).
    #[arg(long, default_value_t = InferenceConfig::default().max_len, value_parser = at_least_one)]
    pub max_len: usize,
    /// Tokens between window starts (at most --max-len).
    #[arg(long, default_value_t = InferenceConfig::default().stride, value_parser = at_least_one)]
    pub stride: usize,
    /// Number format of the model: auto = int8 where the CPU has AVX2 (fbgemm's int8 kernels), else
    /// bf16 where the CPU computes it natively, else f32; int8 (the encoder's linear layers in int8,
    /// CoNLL-2003 test F1 within 0.03 points of f32); bf16 (fast only with AVX-512 BF16 or AMX); f32.
    #[arg(long, default_value_t = Precision::Auto)]
    pub precision: Precision,
    /// Folder of the word lists normalization reads (default: the shipped models/lexicons).
    #[arg(long)]
    pub lexicons: Option<PathBuf>,
    /// Normalization's pass order and thresholds (default: the lexicon folder's normalize.toml).
    #[arg(long)]
    pub normalize: Option<PathBuf>,
}

/// A count that must be 1 or more.
pub fn at_least_one(s: &str) -> std::result::Result<usize, String> {
    match s.parse::<usize>() {
        Ok(0) => Err("must be at least 1".into()),
        Ok(n) => Ok(n),
        Err(e) => Err(e.to_string()),
    }
}

/// An argument that is out of range (exit code 64).
pub fn usage(message: String) -> anyhow::Error {
    newsner::Error::Usage(message).into()
}

impl EngineArgs {
    /// Checks what clap cannot: the stride fits the window, and more threads than cores is said.
    pub fn check(&self) -> Result<()> {
        if self.stride > self.max_len {
            return Err(usage(format!(
                "--stride {} is longer than --max-len {}: the words between windows would never be read",
                self.stride, self.max_len
            )));
        }
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        if let Some(t) = self.threads.filter(|&t| t > cores) {
            say(&format!(
                "newsner: warning: --threads {t} on {cores} cores; threads beyond the cores only add \
                 switching (using {t} as asked)"
            ));
        }
        Ok(())
    }

    /// A run configuration for `corpus` and `out` with these settings.
    pub fn run_config(&self, corpus: PathBuf, out: PathBuf) -> newsner::run::RunConfig {
        let model = self.model.clone().unwrap_or_else(default_model);
        let mut cfg = newsner::run::RunConfig::new(corpus, out, model);
        if let Some(l) = &self.lexicons {
            cfg.lexicons = l.clone();
        }
        cfg.normalize = self.normalize.clone();
        cfg.threads = self
            .threads
            .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
        cfg.inference = InferenceConfig {
            max_len: self.max_len,
            stride: self.stride,
            batch_size: self
                .batch_size
                .unwrap_or_else(|| self.precision.default_batch_size()),
            precision: self.precision,
        };
        cfg
    }
}

#[derive(clap::Args)]
pub struct BenchArgs {
    /// Folder of articles.
    #[arg(default_value = "../shared/data/bbc")]
    pub corpus: PathBuf,
    #[command(flatten)]
    pub engine: EngineArgs,
    /// Use the first share of the articles (0..1].
    #[arg(long, default_value_t = 1.0)]
    pub fraction: f64,
    /// Also time a re-run with one article changed.
    #[arg(long)]
    pub rerun: bool,
    /// Run 1/4, 1/2 and all of the corpus, each in its own process, and report each.
    #[arg(long)]
    pub scaling: bool,
    /// Print JSON.
    #[arg(long)]
    pub json: bool,
}

#[derive(clap::Args)]
pub struct RunArgs {
    /// Folder of articles (.txt and .md, searched recursively).
    #[arg(default_value = "corpus")]
    pub corpus: PathBuf,
    /// Output folder.
    #[arg(long, default_value = "output")]
    pub out: PathBuf,
    #[command(flatten)]
    pub engine: EngineArgs,
    /// Largest article in bytes.
    #[arg(long, default_value_t = newsner::corpus::DEFAULT_MAX_BYTES)]
    pub max_bytes: u64,
    /// Start each CSV with a UTF-8 byte-order mark (for Excel).
    #[arg(long)]
    pub excel: bool,
    /// Redo everything, ignoring the cache.
    #[arg(long)]
    pub full: bool,
    /// Alias table (alias,canonical,type); default: models/aliases.csv when it exists.
    #[arg(long)]
    pub aliases: Option<PathBuf>,
    /// Place links (name,geonames_id; an empty id: never link the name); default: models/links.csv
    /// when it exists.
    #[arg(long)]
    pub links: Option<PathBuf>,
    /// Also write review.csv: uncertain merges and refused near misses, to confirm in the alias table.
    #[arg(long)]
    pub review: bool,
    /// If another run holds the output folder, wait for it instead of exiting.
    #[arg(long)]
    pub wait: bool,
    /// Publish even when the corpus holds no articles or lost more than half of the published ones
    /// (otherwise such a run exits 66 and keeps the tables).
    #[arg(long)]
    pub accept_shrink: bool,
}

#[derive(clap::Args)]
pub struct TrainArgs {
    /// Base encoder directory (config.json, tokenizer.json, model.safetensors), or a model already
    /// trained on the CoNLL labels to go on training (a second stage).
    #[arg(long, default_value = "models/base/all-MiniLM-L6-v2")]
    pub base: PathBuf,
    /// Training file, CoNLL-2003 or OntoNotes 5 format (repeat for several). Each label set trains its
    /// own output layer over the shared encoder (see --one-head).
    #[arg(long, default_value = "../shared/data/conll2003/train.txt")]
    pub train: Vec<PathBuf>,
    /// Share of training sentences rewritten as ALL CAPS, Title Case or lowercase.
    #[arg(long, default_value_t = 0.0)]
    pub augment: f64,
    /// Dev file, CoNLL-2003 or OntoNotes 5 format (repeat for several); the model with the best mean
    /// F1 over them is kept.
    #[arg(long, default_value = "../shared/data/conll2003/valid.txt")]
    pub dev: Vec<PathBuf>,
    /// Output model directory.
    #[arg(long, default_value = "models/newsner-minilm-conll03")]
    pub out: PathBuf,
    #[arg(long, default_value_t = 4)]
    pub epochs: usize,
    #[arg(long, default_value_t = 1e-4)]
    pub lr: f64,
    #[arg(long, default_value_t = 16)]
    pub batch_size: usize,
    #[arg(long, default_value_t = 13)]
    pub seed: u64,
    /// Window length in tokens.
    #[arg(long, default_value_t = 128)]
    pub max_len: usize,
    /// Train without the casing embedding.
    #[arg(long)]
    pub no_casing: bool,
    /// Train and evaluate sentence by sentence, without document context.
    #[arg(long)]
    pub no_context: bool,
    /// Map OntoNotes types onto CoNLL-2003's four and train one output layer for both.
    #[arg(long)]
    pub one_head: bool,
    /// The label set whose output layer serves the tables (conll or ontonotes; default: the one with
    /// the most labels).
    #[arg(long)]
    pub serving_head: Option<String>,
    /// How the saved model's other output layers join the serving one: alone, mean (of all layers'
    /// probabilities, OntoNotes' read as CoNLL's) or borrow:TYPE,... (where the serving layer says O,
    /// another layer's probability for these types, e.g. borrow:FAC).
    #[arg(long, default_value = "alone")]
    pub combine: newsner::ner::combine::Combine,
    /// Use only the first N training sentences.
    #[arg(long, default_value_t = 0)]
    pub limit: usize,
    /// Also score on dev every N steps.
    #[arg(long, default_value_t = 0)]
    pub eval_every: usize,
    /// Stop after this many minutes, keeping the best model so far.
    #[arg(long, default_value_t = 0.0)]
    pub max_minutes: f64,
    /// libtorch threads (default: all cores).
    #[arg(long)]
    pub threads: Option<usize>,
}

#[derive(clap::Args)]
pub struct EvalArgs {
    /// CoNLL file with gold tags in the last column.
    #[arg(long)]
    pub conll: PathBuf,
    /// Model directory.
    #[arg(long)]
    pub model: Option<PathBuf>,
    /// Score the file's last two columns (gold, predicted) instead of running a model.
    #[arg(long)]
    pub predicted: bool,
    /// Predict sentence by sentence instead of over whole documents.
    #[arg(long)]
    pub no_context: bool,
    /// Number format of the model: f32, bf16, int8 or auto (as `run --precision`).
    #[arg(long, default_value_t = Precision::F32)]
    pub precision: Precision,
    /// Print JSON.
    #[arg(long)]
    pub json: bool,
    /// Score the types after normalization (clean-up, the corpus-wide vote and the word lists), as the
    /// tables give them, instead of the model's own labels.
    #[arg(long)]
    pub normalized: bool,
    /// Score only these types (comma-separated, e.g. PER,LOC,ORG); others count as outside, in gold
    /// and in predictions.
    #[arg(long, value_delimiter = ',')]
    pub types: Option<Vec<String>>,
    /// The model's output layer to score, alone (default: the one trained on the file's label set
    /// where the model has it, else the one that serves the tables, each as it serves); `served`
    /// scores what the tables get on any file: the serving head as it serves, other heads combined as
    /// `config.json` says.
    #[arg(long)]
    pub head: Option<String>,
    /// libtorch threads (default: all cores).
    #[arg(long)]
    pub threads: Option<usize>,
    /// Window length in tokens (capped by the model), as `run --max-len`.
    #[arg(long, default_value_t = InferenceConfig::default().max_len, value_parser = at_least_one)]
    pub max_len: usize,
    /// Tokens between window starts (at most --max-len), as `run --stride`.
    #[arg(long, default_value_t = InferenceConfig::default().stride, value_parser = at_least_one)]
    pub stride: usize,
    /// Also write every token with its gold and predicted tags to this file (`token gold predicted`,
    /// a blank line between sentences: what `--predicted` and conlleval read), for error analysis.
    #[arg(long, conflicts_with = "predicted")]
    pub predictions: Option<PathBuf>,
}
