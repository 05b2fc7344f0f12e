//! Bad input: each bad file gets a status and a message naming it, the rest of the corpus is processed,
//! and the exit code says so. Spreadsheet safety of the tables.

mod common;

use common::{tiny_model, Variant};
use newsner::tables::read_csv;
use std::process::Command;

#[test]
fn each_kind_of_bad_file_gets_its_status_and_the_run_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let model = tiny_model(&dir.path().join("model"), Variant::Random);
    let c = dir.path().join("corpus");
    std::fs::create_dir_all(&c).unwrap();
    std::fs::write(c.join("good.txt"), "Good\nThe plane crashed near Lima.\n").unwrap();
    std::fs::write(c.join("latin1.txt"), b"Price\nIt cost \xa3300 in Lima.\n").unwrap();
    std::fs::write(c.join("empty.txt"), "").unwrap();
    std::fs::write(c.join("blank.md"), " \n\t\n").unwrap();
    std::fs::write(c.join("binary.txt"), [0x89u8, b'P', b'N', b'G', 0, 0, 1, 2]).unwrap();
    std::fs::write(c.join("huge.txt"), "word ".repeat(400)).unwrap();
    std::os::unix::fs::symlink(c.join("nowhere.txt"), c.join("broken.txt")).unwrap();
    std::os::unix::fs::symlink(c.join("loop2.txt"), c.join("loop1.txt")).unwrap();
    std::os::unix::fs::symlink(c.join("loop1.txt"), c.join("loop2.txt")).unwrap();
    // Reading /proc/self/mem from offset 0 fails with an I/O error, even for root.
    std::os::unix::fs::symlink("/proc/self/mem", c.join("unreadable.txt")).unwrap();
    std::fs::write(c.join("notes.csv"), "not an article").unwrap();

    let out = dir.path().join("out");
    let o = Command::new(env!("CARGO_BIN_EXE_newsner"))
        .args(["run", c.to_str().unwrap(), "--out", out.to_str().unwrap()])
        .args(["--model", model.to_str().unwrap(), "--max-bytes", "1000"])
        .env("NEWSNER_TEST_CRASH_AT", "")
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2), "some articles failed");
    let err = String::from_utf8_lossy(&o.stderr);
    let (_, rows) = read_csv(&out.join("articles.csv")).unwrap();
    let status = |id: &str| {
        rows.iter()
            .find(|r| r[0] == id)
            .unwrap_or_else(|| panic!("{id} in {rows:?}"))[9]
            .clone()
    };
    for (id, s) in [
        ("good", "ok"),
        ("latin1", "lossy-utf8"),
        ("empty", "empty"),
        ("blank", "empty"),
        ("binary", "binary"),
        ("huge", "too-large"),
        ("broken", "broken-symlink"),
        ("loop1", "symlink-loop"),
        ("loop2", "symlink-loop"),
        ("unreadable", "unreadable"),
    ] {
        assert_eq!(status(id), s, "{id}");
        if s != "ok" {
            assert!(
                err.contains(&format!("{id}.")),
                "the message names {id}: {err}"
            );
        }
    }
    assert_eq!(rows.len(), 10, "notes.csv is not an article");
    let (_, mentions) = read_csv(&out.join("mentions.csv")).unwrap();
    assert!(mentions.iter().any(|m| m[0] == "good"));
    assert!(mentions.iter().all(|m| m[0] == "good" || m[0] == "latin1"));
    let run: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("run.json")).unwrap()).unwrap();
    assert_eq!(run["articles"]["processed"], 2);
    assert_eq!(run["articles"]["failed"], 4);
    assert_eq!(run["articles"]["skipped"], 4);

    // A corpus folder that does not exist: the run cannot happen.
    let o = Command::new(env!("CARGO_BIN_EXE_newsner"))
        .args([
            "run",
            dir.path().join("missing").to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ])
        .args(["--model", model.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(66), "EX_NOINPUT");
    assert!(String::from_utf8_lossy(&o.stderr).contains("missing"));
}

#[test]
fn long_articles_are_never_truncated_and_tables_are_spreadsheet_safe() {
    let dir = tempfile::tempdir().unwrap();
    let model = tiny_model(&dir.path().join("model"), Variant::AllPerson);
    let c = dir.path().join("corpus");
    std::fs::create_dir_all(&c).unwrap();
    let long = format!(
        "=HYPERLINK(\"http://x\")\n{}\n-Last +words @here.\nZurich",
        common::text(20000, 7)
    );
    std::fs::write(c.join("long.txt"), &long).unwrap();
    let run = |out: &str, excel: bool| {
        let out = dir.path().join(out);
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_newsner"));
        cmd.args(["run", c.to_str().unwrap(), "--out", out.to_str().unwrap()])
            .args(["--model", model.to_str().unwrap()])
            .env("NEWSNER_TEST_CRASH_AT", "");
        if excel {
            cmd.arg("--excel");
        }
        assert!(cmd.output().unwrap().status.success());
        out
    };
    let a = run("a", false);
    let (_, mentions) = read_csv(&a.join("mentions.csv")).unwrap();
    let chars = long.chars().count();
    let last_end: usize = mentions
        .iter()
        .map(|m| m[5].parse::<usize>().unwrap())
        .max()
        .unwrap();
    assert_eq!(
        last_end, chars,
        "the last word of a 20,000-word article is found"
    );
    let (_, arts) = read_csv(&a.join("articles.csv")).unwrap();
    assert!(
        arts[0][2].starts_with("'=HYPERLINK"),
        "title neutralised: {}",
        arts[0][2]
    );
    // Identical input, byte-identical tables.
    let b = run("b", false);
    for t in [
        "people.csv",
        "mentions.csv",
        "articles.csv",
        "numbers.csv",
        "articles/long.json",
    ] {
        assert_eq!(
            std::fs::read(a.join(t)).unwrap(),
            std::fs::read(b.join(t)).unwrap(),
            "{t}"
        );
    }
    let x = run("x", true);
    assert!(std::fs::read(x.join("people.csv"))
        .unwrap()
        .starts_with("\u{feff}".as_bytes()));
}

#[test]
fn any_unicode_runs_and_a_panic_costs_one_article() {
    let dir = tempfile::tempdir().unwrap();
    let model = tiny_model(&dir.path().join("model"), Variant::AllPerson);
    let c = dir.path().join("corpus");
    std::fs::create_dir_all(&c).unwrap();
    let texts = [
        ("nbsp", "Title\u{a0}here\nThe\u{a0}mayor of\u{a0}Paris met 5\u{a0}000 people.\n"),
        ("spaces", "A\u{2009}thin\u{202f}space\u{3000}and\u{2028}separators\u{2029}here (\u{a0}Oslo\u{a0})\n"),
        ("marks", "Cafe\u{301} \"\u{301}quoted\u{301}\" Zu\u{308}rich and Ålesund\n"),
        ("rtl", "مرحبا بالعالم Hamid Karzai visited שלום Tel Aviv today.\n"),
        ("emoji", "👍🏽 Big news 🇫🇷 from Paris 👨‍👩‍👧 families\n"),
        ("victim", "An ordinary article about Bergen and Oslo.\n"),
    ];
    for (id, t) in texts {
        std::fs::write(c.join(format!("{id}.txt")), t).unwrap();
    }
    let out = dir.path().join("out");
    let o = Command::new(env!("CARGO_BIN_EXE_newsner"))
        .args(["run", c.to_str().unwrap(), "--out", out.to_str().unwrap()])
        .args(["--model", model.to_str().unwrap()])
        .env("NEWSNER_TEST_CRASH_AT", "")
        .env("NEWSNER_TEST_PANIC_IN", "victim")
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "one article failed: {err}");
    assert!(
        err.contains("victim.txt") && err.contains("internal error"),
        "{err}"
    );
    let (_, rows) = read_csv(&out.join("articles.csv")).unwrap();
    for (id, _) in texts {
        let row = rows.iter().find(|r| r[0] == id).unwrap();
        let want = if id == "victim" { "failed" } else { "ok" };
        assert_eq!(row[9], want, "{id}: {row:?}");
    }
    // Every mention's offsets index its article's characters.
    let (_, mentions) = read_csv(&out.join("mentions.csv")).unwrap();
    assert!(!mentions.is_empty());
    for m in &mentions {
        let text = texts.iter().find(|(id, _)| *id == m[0]).unwrap().1;
        let chars: Vec<char> = text.chars().collect();
        let (s, e): (usize, usize) = (m[4].parse().unwrap(), m[5].parse().unwrap());
        let span: String = chars[s..e].iter().collect();
        assert!(
            span.contains(m[3].trim_start_matches('\'')),
            "{m:?} vs {span:?}"
        );
        assert!(!span.contains('\n') && !span.contains('\u{2028}'), "{m:?}");
    }
}
