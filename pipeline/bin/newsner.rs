//! The `newsner` command line.

use anyhow::{Context, Result};
use clap::{Parser, Subcommand};
use newsner::error::exit;
use newsner::eval::Scorer;
use newsner::ner::{InferenceConfig, Precision, Recognizer};
use newsner::train::{self, TrainConfig};
use std::path::PathBuf;

#[derive(Parser)]
#[command(
    name = "newsner",
    version,
    about = "People, places, organizations and numbers in news articles, as tables"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
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
struct MapArgs {
    /// Inputs: a corpus folder, JSON-lines files of {"id","text"} or {"path","base64"}, or - (stdin).
    #[arg(required_unless_present = "version")]
    inputs: Vec<PathBuf>,
    /// Write the records here (default: standard output).
    #[arg(long)]
    out: Option<PathBuf>,
    #[command(flatten)]
    engine: EngineArgs,
    /// Largest article in bytes.
    #[arg(long, default_value_t = newsner::corpus::DEFAULT_MAX_BYTES)]
    max_bytes: u64,
    /// Print the binary's version and the record schema it writes, then exit.
    #[arg(long)]
    version: bool,
}

#[derive(clap::Args)]
struct ReduceArgs {
    /// JSON-lines files of records written by `newsner map` (- for standard input).
    #[arg(required = true)]
    records: Vec<PathBuf>,
    /// Output folder.
    #[arg(long, default_value = "output")]
    out: PathBuf,
    /// Threads (default: all cores).
    #[arg(long, value_parser = at_least_one)]
    threads: Option<usize>,
    /// Alias table (alias,canonical,type); default: models/aliases.csv when it exists.
    #[arg(long)]
    aliases: Option<PathBuf>,
    /// Folder of the word lists (default: the shipped models/lexicons).
    #[arg(long)]
    lexicons: Option<PathBuf>,
    /// Start each CSV with a UTF-8 byte-order mark (for Excel).
    #[arg(long)]
    excel: bool,
    /// Also write review.csv.
    #[arg(long)]
    review: bool,
    /// If another run holds the output folder, wait for it instead of exiting.
    #[arg(long)]
    wait: bool,
}

#[derive(clap::Args)]
struct AverageArgs {
    /// A model directory (two or more); the first gives the config, serving head and tokenizer.
    #[arg(long = "model", required = true, num_args = 1)]
    models: Vec<PathBuf>,
    /// Output model directory.
    #[arg(long)]
    out: PathBuf,
}

/// The model and how it runs, shared by `run` and `bench`.
#[derive(clap::Args)]
struct EngineArgs {
    /// Model directory (default: the shipped model).
    #[arg(long)]
    model: Option<PathBuf>,
    /// Threads for the CPU stages and for libtorch (default: all cores).
    #[arg(long, value_parser = at_least_one)]
    threads: Option<usize>,
    /// Windows per forward pass.
    #[arg(long, default_value_t = InferenceConfig::default().batch_size, value_parser = at_least_one)]
    batch_size: usize,
    /// Window length in tokens (capped by the model).
    #[arg(long, default_value_t = InferenceConfig::default().max_len, value_parser = at_least_one)]
    max_len: usize,
    /// Tokens between window starts (at most --max-len).
    #[arg(long, default_value_t = InferenceConfig::default().stride, value_parser = at_least_one)]
    stride: usize,
    /// Number format of the model: f32; bf16 (about 2× faster where the CPU has AVX-512 BF16 or AMX,
    /// CoNLL-2003 F1 within 0.03 points); auto = bf16 where the CPU computes it natively, else f32.
    #[arg(long, default_value_t = Precision::Auto)]
    precision: Precision,
    /// Folder of the word lists normalization reads (default: the shipped models/lexicons).
    #[arg(long)]
    lexicons: Option<PathBuf>,
}

/// A count that must be 1 or more.
fn at_least_one(s: &str) -> std::result::Result<usize, String> {
    match s.parse::<usize>() {
        Ok(0) => Err("must be at least 1".into()),
        Ok(n) => Ok(n),
        Err(e) => Err(e.to_string()),
    }
}

/// Writes a line to standard error; a closed or broken stderr is not a reason to fail a run that has
/// published its tables.
fn say(line: &str) {
    use std::io::Write;
    let _ = writeln!(std::io::stderr(), "{line}");
}

/// An argument that is out of range (exit code 64).
fn usage(message: String) -> anyhow::Error {
    newsner::Error::Usage(message).into()
}

impl EngineArgs {
    /// Checks what clap cannot: the stride fits the window, and more threads than cores is said.
    fn check(&self) -> Result<()> {
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
    fn run_config(&self, corpus: PathBuf, out: PathBuf) -> newsner::run::RunConfig {
        let model = self.model.clone().unwrap_or_else(default_model);
        let mut cfg = newsner::run::RunConfig::new(corpus, out, model);
        if let Some(l) = &self.lexicons {
            cfg.lexicons = l.clone();
        }
        cfg.threads = self
            .threads
            .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
        cfg.inference = InferenceConfig {
            max_len: self.max_len,
            stride: self.stride,
            batch_size: self.batch_size,
            precision: self.precision,
        };
        cfg
    }
}

#[derive(clap::Args)]
struct BenchArgs {
    /// Folder of articles.
    #[arg(default_value = "../shared/data/bbc")]
    corpus: PathBuf,
    #[command(flatten)]
    engine: EngineArgs,
    /// Use the first share of the articles (0..1].
    #[arg(long, default_value_t = 1.0)]
    fraction: f64,
    /// Also time a re-run with one article changed.
    #[arg(long)]
    rerun: bool,
    /// Run 1/4, 1/2 and all of the corpus, each in its own process, and report each.
    #[arg(long)]
    scaling: bool,
    /// Print JSON.
    #[arg(long)]
    json: bool,
}

#[derive(clap::Args)]
struct RunArgs {
    /// Folder of articles (.txt and .md, searched recursively).
    #[arg(default_value = "corpus")]
    corpus: PathBuf,
    /// Output folder.
    #[arg(long, default_value = "output")]
    out: PathBuf,
    #[command(flatten)]
    engine: EngineArgs,
    /// Largest article in bytes.
    #[arg(long, default_value_t = newsner::corpus::DEFAULT_MAX_BYTES)]
    max_bytes: u64,
    /// Start each CSV with a UTF-8 byte-order mark (for Excel).
    #[arg(long)]
    excel: bool,
    /// Redo everything, ignoring the cache.
    #[arg(long)]
    full: bool,
    /// Alias table (alias,canonical,type); default: models/aliases.csv when it exists.
    #[arg(long)]
    aliases: Option<PathBuf>,
    /// Also write review.csv: uncertain merges and refused near misses, to confirm in the alias table.
    #[arg(long)]
    review: bool,
    /// If another run holds the output folder, wait for it instead of exiting.
    #[arg(long)]
    wait: bool,
    /// Publish even when the corpus holds no articles or lost more than half of the published ones
    /// (otherwise such a run exits 66 and keeps the tables).
    #[arg(long)]
    accept_shrink: bool,
}

#[derive(clap::Args)]
struct TrainArgs {
    /// Base encoder directory (config.json, tokenizer.json, model.safetensors), or a model already
    /// trained on the CoNLL labels to go on training (a second stage).
    #[arg(long, default_value = "models/base/all-MiniLM-L6-v2")]
    base: PathBuf,
    /// Training file, CoNLL-2003 or OntoNotes 5 format (repeat for several). Each label set trains its
    /// own output layer over the shared encoder (see --one-head).
    #[arg(long, default_value = "../shared/data/conll2003/train.txt")]
    train: Vec<PathBuf>,
    /// Share of training sentences rewritten as ALL CAPS, Title Case or lowercase.
    #[arg(long, default_value_t = 0.0)]
    augment: f64,
    /// Dev file, CoNLL-2003 or OntoNotes 5 format (repeat for several); the model with the best mean
    /// F1 over them is kept.
    #[arg(long, default_value = "../shared/data/conll2003/valid.txt")]
    dev: Vec<PathBuf>,
    /// Output model directory.
    #[arg(long, default_value = "models/newsner-minilm-conll03")]
    out: PathBuf,
    #[arg(long, default_value_t = 4)]
    epochs: usize,
    #[arg(long, default_value_t = 1e-4)]
    lr: f64,
    #[arg(long, default_value_t = 16)]
    batch_size: usize,
    #[arg(long, default_value_t = 13)]
    seed: u64,
    /// Window length in tokens.
    #[arg(long, default_value_t = 128)]
    max_len: usize,
    /// Train without the casing embedding.
    #[arg(long)]
    no_casing: bool,
    /// Train and evaluate sentence by sentence, without document context.
    #[arg(long)]
    no_context: bool,
    /// Map OntoNotes types onto CoNLL-2003's four and train one output layer for both.
    #[arg(long)]
    one_head: bool,
    /// The label set whose output layer serves the tables (conll or ontonotes; default: the one with
    /// the most labels).
    #[arg(long)]
    serving_head: Option<String>,
    /// How the saved model's other output layers join the serving one: alone, mean (of all layers'
    /// probabilities, OntoNotes' read as CoNLL's) or borrow:TYPE,... (where the serving layer says O,
    /// another layer's probability for these types, e.g. borrow:FAC).
    #[arg(long, default_value = "alone")]
    combine: newsner::ner::combine::Combine,
    /// Use only the first N training sentences.
    #[arg(long, default_value_t = 0)]
    limit: usize,
    /// Also score on dev every N steps.
    #[arg(long, default_value_t = 0)]
    eval_every: usize,
    /// Stop after this many minutes, keeping the best model so far.
    #[arg(long, default_value_t = 0.0)]
    max_minutes: f64,
    /// libtorch threads (default: all cores).
    #[arg(long)]
    threads: Option<usize>,
}

#[derive(clap::Args)]
struct EvalArgs {
    /// CoNLL file with gold tags in the last column.
    #[arg(long)]
    conll: PathBuf,
    /// Model directory.
    #[arg(long)]
    model: Option<PathBuf>,
    /// Score the file's last two columns (gold, predicted) instead of running a model.
    #[arg(long)]
    predicted: bool,
    /// Predict sentence by sentence instead of over whole documents.
    #[arg(long)]
    no_context: bool,
    /// Number format of the model: f32, bf16 or auto (bf16 where the CPU computes it natively).
    #[arg(long, default_value_t = Precision::F32)]
    precision: Precision,
    /// Print JSON.
    #[arg(long)]
    json: bool,
    /// Score the types after normalization (clean-up, the corpus-wide vote and the word lists), as the
    /// tables give them, instead of the model's own labels.
    #[arg(long)]
    normalized: bool,
    /// Score only these types (comma-separated, e.g. PER,LOC,ORG); others count as outside, in gold
    /// and in predictions.
    #[arg(long, value_delimiter = ',')]
    types: Option<Vec<String>>,
    /// The model's output layer to score, alone (default: the one trained on the file's label set
    /// where the model has it, else the one that serves the tables, each as it serves).
    #[arg(long)]
    head: Option<String>,
    /// libtorch threads (default: all cores).
    #[arg(long)]
    threads: Option<usize>,
    /// Window length in tokens (capped by the model), as `run --max-len`.
    #[arg(long, default_value_t = InferenceConfig::default().max_len, value_parser = at_least_one)]
    max_len: usize,
    /// Tokens between window starts (at most --max-len), as `run --stride`.
    #[arg(long, default_value_t = InferenceConfig::default().stride, value_parser = at_least_one)]
    stride: usize,
    /// Also write every token with its gold and predicted tags to this file (`token gold predicted`,
    /// a blank line between sentences: what `--predicted` and conlleval read), for error analysis.
    #[arg(long, conflicts_with = "predicted")]
    predictions: Option<PathBuf>,
}

fn set_threads(threads: Option<usize>) {
    newsner::map::set_engine_threads(threads);
}

/// libtorch allocates and frees the model's activations (tens of MB) for every batch. glibc returns
/// such blocks to the kernel at once, so each batch pays for fresh page faults: on the BBC benchmark a
/// third of the CPU time went to the kernel. glibc's tunables (`MALLOC_MMAP_THRESHOLD_` and friends),
/// read when a process starts and applied to every arena, keep freed memory for reuse: system time fell
/// from 10.3 s to 1.2 s and wall time by 1.43× on 5% of BBC, for about 70 MB more resident memory.
/// So the binary sets them and re-executes itself once (`NEWSNER_MALLOC_TUNED` marks the second start;
/// set it yourself to opt out). `mallopt` from inside the process reached only part of the gain.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn tune_allocator() {
    use std::os::unix::process::CommandExt;
    if std::env::var_os("NEWSNER_MALLOC_TUNED").is_some() || address_space_limited() {
        return;
    }
    let Ok(exe) = std::env::current_exe() else {
        return;
    };
    let mut cmd = std::process::Command::new(exe);
    cmd.args(std::env::args_os().skip(1))
        .env("NEWSNER_MALLOC_TUNED", "1")
        .env("MALLOC_MMAP_THRESHOLD_", (32u32 << 20).to_string())
        .env("MALLOC_TRIM_THRESHOLD_", (1u32 << 30).to_string())
        .env("MALLOC_TOP_PAD_", (256u32 << 20).to_string());
    // exec only returns on failure; then carry on untuned.
    let _ = cmd.exec();
}

/// Whether `ulimit -v` caps the address space: the tuned allocator keeps hundreds of MB mapped, which
/// under such a cap made libtorch's allocations fail (a silent SIGSEGV), so the plain allocator is kept.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn address_space_limited() -> bool {
    std::fs::read_to_string("/proc/self/limits").is_ok_and(|l| {
        l.lines()
            .find(|l| l.starts_with("Max address space"))
            .is_some_and(|l| !l.contains("unlimited"))
    })
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn tune_allocator() {}

/// Under an address-space limit (`ulimit -v`) running out of memory can end the process by a signal,
/// with no message for a scheduled job's log: libtorch's `std::bad_alloc` and a failed Rust allocation
/// abort, and so does OpenMP when it cannot start a thread; where it happens depends on how many
/// threads ran, so the same limit could give an error one time and a signal the next. There the binary
/// runs itself as a child (`NEWSNER_SUPERVISED` marks it) and, if the child stops on a signal, says so
/// and exits [`exit::OUT_OF_MEMORY`]. The output folder is written atomically, so the last published
/// tables stay. Without a limit nothing changes.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn supervise_when_limited() -> Option<std::process::ExitCode> {
    use std::os::unix::process::ExitStatusExt;
    if std::env::var_os("NEWSNER_SUPERVISED").is_some() || !address_space_limited() {
        return None;
    }
    let exe = std::env::current_exe().ok()?;
    // A child that cannot start (no memory even for that): run in this process, as before.
    let status = std::process::Command::new(exe)
        .args(std::env::args_os().skip(1))
        .env("NEWSNER_SUPERVISED", "1")
        .status()
        .ok()?;
    Some(match status.code() {
        Some(code) => std::process::ExitCode::from(u8::try_from(code).unwrap_or(exit::FAILURE)),
        None => {
            say(&format!(
                "newsner: error: the run stopped on signal {} under an address-space limit (ulimit -v): \
                 memory ran out; raise the limit. The tables of the last run are unchanged.",
                status.signal().unwrap_or(0)
            ));
            std::process::ExitCode::from(exit::OUT_OF_MEMORY)
        }
    })
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn supervise_when_limited() -> Option<std::process::ExitCode> {
    None
}

fn main() -> std::process::ExitCode {
    tune_allocator();
    if let Some(code) = supervise_when_limited() {
        return code;
    }
    // One line per panic (a per-article panic is caught and reported with the article; libtorch's
    // messages hold its whole C++ stack): the first line of the message and where it happened.
    std::panic::set_hook(Box::new(|info| {
        let payload = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_default();
        let first = payload.lines().next().unwrap_or("");
        let at = info
            .location()
            .map(|l| format!(" at {}:{}", l.file(), l.line()));
        say(&format!(
            "newsner: panic: {}{}",
            newsner::text::printable(first),
            at.unwrap_or_default()
        ));
    }));
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return std::process::ExitCode::from(if e.use_stderr() {
                exit::USAGE
            } else {
                exit::OK
            });
        }
    };
    match real_main(cli) {
        Ok(code) => code,
        Err(e) => {
            say(&format!(
                "newsner: error: {}",
                newsner::text::printable(&format!("{e:#}"))
            ));
            let code = e
                .chain()
                .find_map(|c| c.downcast_ref::<newsner::Error>())
                .map_or(exit::FAILURE, newsner::Error::exit_code);
            std::process::ExitCode::from(code)
        }
    }
}

fn real_main(cli: Cli) -> Result<std::process::ExitCode> {
    match cli.command {
        Command::Run(a) => return run(a),
        Command::Map(a) => return map(a),
        Command::Reduce(a) => return reduce(a),
        Command::SparkScript => {
            print!("{}", newsner::SPARK_DRIVER);
            return Ok(std::process::ExitCode::SUCCESS);
        }
        Command::Bench(a) => return bench(a),
        Command::Train(a) => {
            set_threads(a.threads);
            let cfg = TrainConfig {
                base: a.base,
                train: a.train,
                dev: a.dev,
                out: a.out,
                epochs: a.epochs,
                lr: a.lr,
                batch_size: a.batch_size,
                seed: a.seed,
                max_len: a.max_len,
                casing: !a.no_casing,
                context: !a.no_context,
                limit: a.limit,
                eval_every: a.eval_every,
                max_minutes: a.max_minutes,
                augment: a.augment,
                one_head: a.one_head,
                combine: a.combine,
                serving_head: match a.serving_head.as_deref() {
                    None => None,
                    Some("conll") => Some(train::LabelSet::Conll),
                    Some("ontonotes") => Some(train::LabelSet::Ontonotes),
                    Some(other) => {
                        anyhow::bail!("--serving-head {other:?}: expected conll or ontonotes")
                    }
                },
                ..TrainConfig::default()
            };
            let s = train::train(&cfg, &mut std::io::stderr()).context("training failed")?;
            println!(
                "best dev F1 {:.4} at epoch {:.2} after {} steps in {:.0} s; model in {}",
                s.best_dev_f1,
                s.best_epoch,
                s.steps,
                s.seconds,
                cfg.out.display()
            );
        }
        Command::Average(a) => {
            if a.models.len() < 2 {
                anyhow::bail!("--model: give two models or more to average");
            }
            train::average_models(&a.models, &a.out)
                .with_context(|| format!("averaging into {}", a.out.display()))?;
            println!(
                "averaged {} models into {}",
                a.models.len(),
                a.out.display()
            );
        }
        Command::Eval(a) => {
            set_threads(a.threads);
            let report = if a.predicted {
                train::score_file(&a.conll)?
            } else {
                let model = a.model.unwrap_or_else(default_model);
                if a.stride > a.max_len {
                    anyhow::bail!(
                        "--stride {} is longer than --max-len {}",
                        a.stride,
                        a.max_len
                    );
                }
                let infer = InferenceConfig {
                    precision: a.precision,
                    max_len: a.max_len,
                    stride: a.stride,
                    ..InferenceConfig::default()
                };
                let mut rec = Recognizer::load(&model, infer)
                    .with_context(|| format!("loading model {}", model.display()))?;
                let mut docs = newsner::conll::read(&a.conll, 1)?;
                let set = train::LabelSet::of(&docs);
                newsner::conll::map_to_conll(&mut docs);
                // The serving head is scored as it serves (with the other heads where the model
                // combines them); `--head` scores one head alone.
                match &a.head {
                    Some(h) => rec.select_head(h)?,
                    None if !a.normalized
                        && rec.model().head_name() != set.name()
                        && rec.model().heads().iter().any(|h| h.name == set.name()) =>
                    {
                        rec.select_head(set.name())?
                    }
                    None => {}
                }
                let mut scorer = match a.predictions {
                    Some(_) => Scorer::recording(),
                    None => Scorer::default(),
                };
                if a.normalized {
                    let lex = newsner::normalize::Lexicons::load(&newsner::shipped(
                        newsner::DEFAULT_LEXICONS,
                    ))?;
                    newsner::normalized_eval::evaluate_normalized(&rec, &docs, &lex, &mut scorer)?
                } else {
                    let types = a.types.as_deref();
                    train::evaluate_docs_typed(&rec, &docs, !a.no_context, types, &mut scorer)?
                }
                if let (Some(path), Some(t)) = (&a.predictions, scorer.transcript()) {
                    newsner::store::write_atomic(path, t.as_bytes())
                        .with_context(|| format!("writing predictions to {}", path.display()))?;
                }
                scorer.report()
            };
            if a.json {
                println!("{}", serde_json::to_string(&report)?);
            } else {
                println!("{report}");
            }
        }
    }
    Ok(std::process::ExitCode::SUCCESS)
}

/// The shipped model (`newsner::DEFAULT_MODEL`) under the current folder, else under the source
/// tree the binary was built from.
fn default_model() -> PathBuf {
    newsner::shipped(newsner::DEFAULT_MODEL)
}

fn run(a: RunArgs) -> Result<std::process::ExitCode> {
    use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
    a.engine.check()?;
    let mut cfg = a.engine.run_config(a.corpus.clone(), a.out.clone());
    cfg.accept_shrink = a.accept_shrink;
    cfg.max_bytes = a.max_bytes;
    cfg.excel = a.excel;
    cfg.full = a.full;
    cfg.review = a.review;
    cfg.wait = a.wait;
    cfg.aliases = a.aliases.or_else(|| {
        let p = cfg.model.parent().map(|m| m.join("aliases.csv"))?;
        p.exists().then_some(p)
    });
    newsner::map::set_engine_threads(Some(cfg.threads));
    let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
    bar.set_style(
        ProgressStyle::with_template("{spinner} {msg} [{bar:40}] {pos}/{len} articles ({eta})")
            .expect("valid template")
            .progress_chars("=> "),
    );
    bar.set_message("analysing");
    let report = newsner::run::run(&cfg, &bar).with_context(|| {
        format!(
            "newsner run {} --out {}",
            a.corpus.display(),
            a.out.display()
        )
    })?;
    bar.finish_and_clear();
    for p in &report.problems {
        say(&format!("newsner: warning: {p}"));
    }
    let c = &report.articles;
    let secs: f64 = report.timings.values().sum();
    say(&format!(
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
        report.entities["person"],
        report.entities["place"],
        report.entities["organization"],
        report.entities["other"],
        report.mentions,
        report.numbers,
        report.words,
        secs,
        newsner::text::printable(&a.out.display().to_string())
    ));
    Ok(std::process::ExitCode::from(report.exit_code()))
}

/// A progress bar on standard error, hidden when it is not a terminal.
fn progress(message: &'static str) -> indicatif::ProgressBar {
    use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
    let bar = ProgressBar::with_draw_target(Some(0), ProgressDrawTarget::stderr());
    bar.set_style(
        ProgressStyle::with_template("{spinner} {msg} [{bar:40}] {pos}/{len} articles ({eta})")
            .expect("valid template")
            .progress_chars("=> "),
    );
    bar.set_message(message);
    bar
}

fn map(a: MapArgs) -> Result<std::process::ExitCode> {
    if a.version {
        println!(
            "newsner {} records {}",
            env!("CARGO_PKG_VERSION"),
            newsner::record::SCHEMA_VERSION
        );
        return Ok(std::process::ExitCode::SUCCESS);
    }
    a.engine.check()?;
    let cfg = a.engine.run_config(PathBuf::new(), PathBuf::new());
    newsner::map::set_engine_threads(Some(cfg.threads));
    let bar = progress("mapping");
    let written = match &a.out {
        Some(path) => {
            let tmp = path.with_extension("partial");
            let file = std::fs::File::create(&tmp)
                .with_context(|| format!("cannot write {}", tmp.display()))?;
            let mut w = std::io::BufWriter::new(file);
            let n = newsner::distributed::map_to_jsonl(
                &a.inputs,
                &cfg.map_config(),
                a.max_bytes,
                &mut w,
                &bar,
            )?;
            w.into_inner()?.sync_all()?;
            std::fs::rename(&tmp, path)?;
            n
        }
        None => {
            let mut w = std::io::BufWriter::new(std::io::stdout().lock());
            newsner::distributed::map_to_jsonl(
                &a.inputs,
                &cfg.map_config(),
                a.max_bytes,
                &mut w,
                &bar,
            )?
        }
    };
    bar.finish_and_clear();
    say(&format!("newsner map: {written} records"));
    Ok(std::process::ExitCode::SUCCESS)
}

fn reduce(a: ReduceArgs) -> Result<std::process::ExitCode> {
    let cfg = newsner::distributed::ReduceConfig {
        out: a.out.clone(),
        threads: a
            .threads
            .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get())),
        aliases: a.aliases.or_else(|| {
            let p = default_model().parent().map(|m| m.join("aliases.csv"))?;
            p.exists().then_some(p)
        }),
        lexicons: a
            .lexicons
            .unwrap_or_else(|| newsner::shipped(newsner::DEFAULT_LEXICONS)),
        excel: a.excel,
        review: a.review,
        wait: a.wait,
    };
    let bar = progress("reducing");
    let report = newsner::distributed::reduce_jsonl(&a.records, &cfg, &bar)
        .with_context(|| format!("newsner reduce --out {}", a.out.display()))?;
    bar.finish_and_clear();
    for p in &report.problems {
        say(&format!("newsner: warning: {p}"));
    }
    say(&format!(
        "newsner reduce: {} records, {} processed, {} skipped, {} failed; {} mentions, {} numbers. \
         Tables are in {}.",
        report.articles.read,
        report.articles.processed,
        report.articles.skipped,
        report.articles.failed,
        report.mentions,
        report.numbers,
        newsner::text::printable(&a.out.display().to_string())
    ));
    Ok(std::process::ExitCode::from(report.exit_code()))
}

fn bench(a: BenchArgs) -> Result<std::process::ExitCode> {
    a.engine.check()?;
    if a.scaling {
        let exe = std::env::current_exe()?;
        let mut rows = Vec::new();
        for f in ["0.25", "0.5", "1"] {
            let mut cmd = std::process::Command::new(&exe);
            cmd.arg("bench")
                .arg(&a.corpus)
                .args(["--fraction", f, "--json"]);
            let e = &a.engine;
            cmd.args([
                "--batch-size",
                &e.batch_size.to_string(),
                "--max-len",
                &e.max_len.to_string(),
            ]);
            cmd.args(["--stride", &e.stride.to_string()]);
            cmd.args(["--precision", e.precision.name()]);
            if a.rerun {
                cmd.arg("--rerun");
            }
            if let Some(m) = &e.model {
                cmd.arg("--model").arg(m);
            }
            if let Some(t) = e.threads {
                cmd.args(["--threads", &t.to_string()]);
            }
            let o = cmd.output()?;
            anyhow::ensure!(
                o.status.success(),
                "bench --fraction {f}: {}",
                String::from_utf8_lossy(&o.stderr)
            );
            let mut v: serde_json::Value = serde_json::from_slice(&o.stdout)?;
            v["fraction"] = serde_json::json!(f.parse::<f64>()?);
            if !a.json {
                eprintln!(
                    "fraction {f}: {} articles, {} words, {:.0} words/s, peak RSS {:.0} MiB",
                    v["articles"],
                    v["words"],
                    v["words_per_second"].as_f64().unwrap_or(0.0),
                    v["peak_rss_bytes"].as_f64().unwrap_or(0.0) / 1048576.0
                );
            }
            rows.push(v);
        }
        if a.json {
            println!("{}", serde_json::to_string(&rows)?);
        }
        return Ok(std::process::ExitCode::SUCCESS);
    }
    anyhow::ensure!(
        a.corpus.exists(),
        "benchmark corpus {} not found (the default is ../shared/data/bbc)",
        a.corpus.display()
    );
    let rc = a.engine.run_config(a.corpus.clone(), PathBuf::new());
    newsner::map::set_engine_threads(Some(rc.threads));
    let cfg = newsner::bench::BenchConfig {
        run: rc,
        fraction: a.fraction,
        rerun: a.rerun,
    };
    let r = newsner::bench::bench(&cfg).context("benchmark failed")?;
    if a.json {
        println!("{}", serde_json::to_string(&r)?);
    } else {
        println!(
            "{} articles, {} words in {:.1} s: {:.0} words/s, {:.1} articles/s, {:.0} model tokens/s\n\
             model {:.1} s ({:.0}% of the time), {:.1} GFLOP/s = {:.0}% of this machine's f32 matmul rate ({:.1} GFLOP/s)\n\
             padding and special tokens: {:.2} positions per token; peak RSS {:.0} MiB; {} threads",
            r.articles,
            r.words,
            r.seconds,
            r.words_per_second,
            r.articles_per_second,
            r.tokens_per_second,
            r.model_seconds,
            100.0 * r.model_share,
            r.model_flops_per_second / 1e9,
            100.0 * r.flops_utilization,
            r.matmul_flops_per_second / 1e9,
            r.padding_overhead,
            r.peak_rss_bytes as f64 / 1048576.0,
            r.threads
        );
        for (stage, secs) in &r.stages {
            println!("  {stage:<12} {secs:>8.2} s");
        }
        if r.precision != Precision::F32 {
            println!(
                "in {}: {:.0}% of this machine's {} matmul rate ({:.1} GFLOP/s)",
                r.precision,
                100.0 * r.precision_flops_utilization,
                r.precision,
                r.precision_matmul_flops_per_second / 1e9
            );
        }
        if let (Some(s), Some(share)) = (r.rerun_seconds, r.rerun_share) {
            println!(
                "re-run with one article changed: {s:.2} s ({:.1}% of the full run)",
                100.0 * share
            );
        }
    }
    Ok(std::process::ExitCode::SUCCESS)
}
