//! The `newsner` command line.

use anyhow::{Context, Result};
use clap::Parser;
use newsner::error::exit;
use newsner::train::{self, TrainConfig};
use std::path::PathBuf;

mod args;
use args::*;

/// Writes a line to standard error; a closed or broken stderr is not a reason to fail a run that has
/// published its tables.
fn say(line: &str) {
    use std::io::Write;
    let _ = writeln!(std::io::stderr(), "{line}");
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
    // fbgemm's int8 entry points print a deprecation notice on first use; libtorch's warnings are not
    // the user's business (an explicit TORCH_CPP_LOG_LEVEL is kept).
    if std::env::var_os("TORCH_CPP_LOG_LEVEL").is_none() {
        cmd.env("TORCH_CPP_LOG_LEVEL", "ERROR");
    }
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
        Command::Train(a) => return train_cmd(a),
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
            let opts = newsner::evaluation::EvalOptions {
                model: a.model.unwrap_or_else(default_model),
                context: !a.no_context,
                precision: a.precision,
                normalized: a.normalized,
                types: a.types,
                head: a.head,
                max_len: a.max_len,
                stride: a.stride,
                predictions: a.predictions,
            };
            let report = if a.predicted {
                train::score_file(&a.conll)?
            } else {
                newsner::evaluation::evaluate(&a.conll, &opts)
                    .with_context(|| format!("evaluating on {}", a.conll.display()))?
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
    cfg.links = a.links.or_else(|| {
        let p = cfg.model.parent().map(|m| m.join("links.csv"))?;
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
    say(&report.summary(&a.out));
    Ok(std::process::ExitCode::from(report.exit_code()))
}

fn train_cmd(a: TrainArgs) -> Result<std::process::ExitCode> {
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
    Ok(std::process::ExitCode::SUCCESS)
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
        let model = a.engine.model.clone().unwrap_or_else(default_model);
        let fingerprint = newsner::map::model_fingerprint(&model)?;
        println!(
            "newsner {} records {} model {fingerprint}",
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
        links: a.links.or_else(|| {
            let p = default_model().parent().map(|m| m.join("links.csv"))?;
            p.exists().then_some(p)
        }),
        lexicons: a
            .lexicons
            .unwrap_or_else(|| newsner::shipped(newsner::DEFAULT_LEXICONS)),
        normalize: a.normalize,
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

/// `bench --scaling`: the benchmark at a quarter, half and all of the corpus, each in its own process
/// (so peak memory is each size's own).
fn bench_scaling(a: &BenchArgs) -> Result<std::process::ExitCode> {
    let exe = std::env::current_exe()?;
    let mut rows = Vec::new();
    for f in ["0.25", "0.5", "1"] {
        let mut cmd = std::process::Command::new(&exe);
        cmd.arg("bench")
            .arg(&a.corpus)
            .args(["--fraction", f, "--json"]);
        let e = &a.engine;
        if let Some(b) = e.batch_size {
            cmd.args(["--batch-size", &b.to_string()]);
        }
        cmd.args(["--max-len", &e.max_len.to_string()]);
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
    Ok(std::process::ExitCode::SUCCESS)
}

fn bench(a: BenchArgs) -> Result<std::process::ExitCode> {
    a.engine.check()?;
    if a.scaling {
        return bench_scaling(&a);
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
        print!("{r}");
    }
    Ok(std::process::ExitCode::SUCCESS)
}
