//! Scheduled re-runs: only what changed is redone; a killed run loses nothing; one run at a time.

mod common;

use common::{tiny_model, Variant};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

struct Fixture {
    _dir: tempfile::TempDir,
    root: PathBuf,
    model: PathBuf,
}

impl Fixture {
    fn new() -> Fixture {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().to_path_buf();
        let model = tiny_model(&root.join("model"), Variant::Random);
        let corpus = root.join("corpus");
        std::fs::create_dir_all(corpus.join("sub")).unwrap();
        for (name, seed) in [("a.txt", 1), ("b.txt", 2), ("sub/c.md", 3), ("d.txt", 4)] {
            std::fs::write(
                corpus.join(name),
                format!("Title {seed}\n{}\n", common::text(300, seed)),
            )
            .unwrap();
        }
        Fixture {
            _dir: dir,
            root,
            model,
        }
    }

    fn corpus(&self) -> PathBuf {
        self.root.join("corpus")
    }

    fn run(&self, out: &str, extra: &[&str], crash_at: &str) -> Output {
        let out = self.root.join(out);
        let mut args = vec![
            "run".to_string(),
            self.corpus().display().to_string(),
            "--out".into(),
            out.display().to_string(),
            "--model".into(),
            self.model.display().to_string(),
        ];
        args.extend(extra.iter().map(|s| s.to_string()));
        Command::new(env!("CARGO_BIN_EXE_newsner"))
            .args(&args)
            .env("NEWSNER_TEST_CRASH_AT", crash_at)
            .output()
            .unwrap()
    }
}

fn run_json(out: &Path) -> serde_json::Value {
    serde_json::from_slice(&std::fs::read(out.join("run.json")).unwrap()).unwrap()
}

/// Every output file but run.json (which holds timings) and report.html (which says what changed since
/// the run before, so a rerun's differs by design), by relative path.
fn outputs(out: &Path) -> BTreeMap<String, Vec<u8>> {
    fn walk(base: &Path, dir: &Path, acc: &mut BTreeMap<String, Vec<u8>>) {
        for e in std::fs::read_dir(dir).unwrap().flatten() {
            let p = e.path();
            let name = p.strip_prefix(base).unwrap().to_string_lossy().into_owned();
            if name.starts_with('.')
                || p.file_name()
                    .is_some_and(|n| n == "run.json" || n == "report.html")
            {
                continue;
            }
            if p.is_dir() {
                walk(base, &p, acc);
            } else {
                acc.insert(name, std::fs::read(&p).unwrap());
            }
        }
    }
    let mut acc = BTreeMap::new();
    walk(out, out, &mut acc);
    acc
}

fn ok(o: &Output) {
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
}

#[test]
fn rerun_only_redoes_what_changed_and_matches_a_full_run() {
    let f = Fixture::new();
    ok(&f.run("out", &[], ""));
    let first = run_json(&f.root.join("out"));
    assert_eq!(first["articles"]["new"], 4);
    assert_eq!(first["articles"]["inferred"], 4);

    // Nothing changed: no inference at all, identical tables.
    let before = outputs(&f.root.join("out"));
    ok(&f.run("out", &[], ""));
    let again = run_json(&f.root.join("out"));
    assert_eq!(again["articles"]["inferred"], 0);
    assert_eq!(again["articles"]["unchanged"], 4);
    assert!(
        again["timings"].get("ner").is_none(),
        "the model did not run"
    );
    assert_eq!(before, outputs(&f.root.join("out")));

    // One added, one edited, one removed, one renamed.
    let c = f.corpus();
    std::fs::write(
        c.join("e.txt"),
        format!("New one\n{}\n", common::text(200, 9)),
    )
    .unwrap();
    std::fs::write(
        c.join("a.txt"),
        format!("Title 1 edited\n{}\n", common::text(310, 11)),
    )
    .unwrap();
    std::fs::remove_file(c.join("b.txt")).unwrap();
    std::fs::rename(c.join("d.txt"), c.join("sub/d2.txt")).unwrap();
    ok(&f.run("out", &[], ""));
    let r = run_json(&f.root.join("out"));
    assert_eq!(r["articles"]["new"], 2, "e and the renamed d2: {r}");
    assert_eq!(r["articles"]["changed"], 1);
    assert_eq!(r["articles"]["unchanged"], 1);
    assert_eq!(r["articles"]["removed"], 2, "b, and d under its old name");
    assert_eq!(
        r["articles"]["inferred"], 2,
        "the renamed article needs no inference"
    );
    assert!(!f.root.join("out/articles/b.json").exists());

    ok(&f.run("full", &["--full"], ""));
    assert_eq!(run_json(&f.root.join("full"))["articles"]["inferred"], 4);
    assert_eq!(outputs(&f.root.join("out")), outputs(&f.root.join("full")));
}

#[test]
fn a_killed_run_leaves_the_previous_tables_and_the_next_run_completes() {
    let f = Fixture::new();
    ok(&f.run("out", &[], ""));
    let before = outputs(&f.root.join("out"));
    std::fs::write(
        f.corpus().join("a.txt"),
        "Changed\nLima and Oslo and the city.\n",
    )
    .unwrap();
    for point in ["staged", "committed"] {
        let o = f.run("out", &[], point);
        assert_eq!(o.status.code(), Some(137), "killed at {point}");
        if point == "staged" {
            assert_eq!(before, outputs(&f.root.join("out")), "previous set intact");
        }
    }
    // The commit record of the run killed after committing is completed on the next start.
    ok(&f.run("out", &[], ""));
    let after = outputs(&f.root.join("out"));
    assert_ne!(before, after);
    ok(&f.run("full", &["--full"], ""));
    assert_eq!(after, outputs(&f.root.join("full")));
}

#[test]
fn two_runs_never_write_one_folder_at_once() {
    let f = Fixture::new();
    let out = f.root.join("out");
    std::fs::create_dir_all(&out).unwrap();
    let held = newsner::store::Lock::acquire(&out).unwrap();
    let o = f.run("out", &[], "");
    assert_eq!(o.status.code(), Some(75), "EX_TEMPFAIL");
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("another newsner run") && err.contains("--wait"),
        "{err}"
    );

    // With --wait it waits for the lock and then runs.
    let mut child = Command::new(env!("CARGO_BIN_EXE_newsner"))
        .args([
            "run",
            f.corpus().to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ])
        .args(["--model", f.model.to_str().unwrap(), "--wait"])
        .env("NEWSNER_TEST_CRASH_AT", "")
        .spawn()
        .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(1500));
    assert!(child.try_wait().unwrap().is_none(), "still waiting");
    drop(held);
    assert!(child.wait().unwrap().success());
    assert!(out.join("people.csv").exists());
}
