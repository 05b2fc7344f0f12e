//! `newsner map` and `newsner reduce`, the two halves of `newsner run`, with a tiny model built by the
//! tests: however the articles are split between map calls and in whatever order the records reach
//! reduce, the tables are `run`'s; a bad input line is an error record, not a failed map; reduce
//! refuses records it cannot read, naming the file and line.

mod common;

use base64::Engine;
use common::{tiny_model, Variant};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn newsner(args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_newsner"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run newsner");
    let mut pipe = child.stdin.take().expect("stdin");
    if let Some(bytes) = stdin {
        pipe.write_all(bytes).expect("write stdin");
    }
    drop(pipe);
    child.wait_with_output().expect("wait newsner")
}

fn ok(o: &Output) -> bool {
    matches!(o.status.code(), Some(0) | Some(2))
}

/// A corpus of eight articles in two folders, a binary file and an empty one.
fn corpus(root: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for i in 0..8u64 {
        let dir = root.join(if i % 2 == 0 { "a" } else { "b" });
        std::fs::create_dir_all(&dir).unwrap();
        let p = dir.join(format!("story-{i}.txt"));
        let title = format!("Story {i}\n\n");
        std::fs::write(&p, title + &common::text(60 + 25 * i as usize, i)).unwrap();
        files.push(p);
    }
    std::fs::write(root.join("binary.txt"), b"BIN\0\0\0\x01\x02").unwrap();
    std::fs::write(root.join("empty.md"), b"  \n").unwrap();
    files.push(root.join("binary.txt"));
    files.push(root.join("empty.md"));
    files
}

/// One JSON line per file, as the Spark driver sends them: the path and the bytes in base64.
fn jsonl_of(root: &Path, files: &[PathBuf]) -> Vec<u8> {
    let mut out = Vec::new();
    for f in files {
        let rel = f
            .strip_prefix(root)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        let b64 = base64::engine::general_purpose::STANDARD.encode(std::fs::read(f).unwrap());
        out.extend(format!("{{\"path\":\"{rel}\",\"base64\":\"{b64}\"}}\n").into_bytes());
    }
    out
}

fn same_tables(a: &Path, b: &Path) {
    let mut n = 0;
    for e in std::fs::read_dir(a).unwrap() {
        let p = e.unwrap().path();
        if p.extension().is_some_and(|x| x == "csv") {
            let name = p.file_name().unwrap();
            let left = std::fs::read(&p).unwrap();
            let right = std::fs::read(b.join(name))
                .unwrap_or_else(|e| panic!("{}: {e}", name.to_string_lossy()));
            assert!(left == right, "{} differs", name.to_string_lossy());
            n += 1;
        }
    }
    assert_eq!(n, 8, "eight tables compared");
}

#[test]
fn any_split_and_order_of_the_map_gives_run_s_tables() {
    let dir = tempfile::tempdir().unwrap();
    // Context-free: a token's output depends on the token alone, so batches of other articles cannot
    // change a score's last digit and the comparison can be byte for byte.
    let model = tiny_model(&dir.path().join("model"), Variant::ContextFree);
    let model = model.to_str().unwrap();
    let root = dir.path().join("corpus");
    let files = corpus(&root);
    let run_out = dir.path().join("run");
    let o = newsner(
        &[
            "run",
            root.to_str().unwrap(),
            "--out",
            run_out.to_str().unwrap(),
            "--model",
            model,
        ],
        None,
    );
    assert!(ok(&o), "run: {}", String::from_utf8_lossy(&o.stderr));

    // Two map calls over halves of the files, their records concatenated in reverse order.
    let (first, second) = files.split_at(files.len() / 2);
    let mut records: Vec<String> = Vec::new();
    for half in [second, first] {
        let o = newsner(
            &["map", "-", "--model", model],
            Some(&jsonl_of(&root, half)),
        );
        assert_eq!(
            o.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&o.stderr)
        );
        assert!(
            !String::from_utf8_lossy(&o.stderr).contains('{'),
            "no records on stderr"
        );
        records.extend(
            String::from_utf8(o.stdout)
                .unwrap()
                .lines()
                .map(String::from),
        );
    }
    assert_eq!(records.len(), files.len(), "one record per article");
    records.reverse();
    let recs = dir.path().join("records.jsonl");
    std::fs::write(&recs, records.join("\n") + "\n").unwrap();
    let red = dir.path().join("reduced");
    let o = newsner(
        &[
            "reduce",
            recs.to_str().unwrap(),
            "--out",
            red.to_str().unwrap(),
        ],
        None,
    );
    assert!(ok(&o), "reduce: {}", String::from_utf8_lossy(&o.stderr));
    same_tables(&run_out, &red);

    // The folder itself as the map's input, read from standard input by reduce.
    let o = newsner(&["map", root.to_str().unwrap(), "--model", model], None);
    assert_eq!(o.status.code(), Some(0));
    let red2 = dir.path().join("reduced2");
    let o2 = newsner(
        &["reduce", "-", "--out", red2.to_str().unwrap()],
        Some(&o.stdout),
    );
    assert!(ok(&o2), "reduce -: {}", String::from_utf8_lossy(&o2.stderr));
    same_tables(&run_out, &red2);
}

#[test]
fn a_bad_line_is_an_error_record_and_reduce_refuses_foreign_records() {
    let dir = tempfile::tempdir().unwrap();
    let model = tiny_model(&dir.path().join("model"), Variant::Random);
    let model = model.to_str().unwrap();
    let input = b"{\"id\":\"good\",\"text\":\"Lima minister said.\"}\n{not json\n";
    let o = newsner(&["map", "-", "--model", model], Some(input));
    assert_eq!(
        o.status.code(),
        Some(0),
        "a bad article never fails the map"
    );
    let out = String::from_utf8(o.stdout).unwrap();
    let lines: Vec<serde_json::Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["status"], "ok");
    assert_eq!(lines[1]["status"], "failed");
    assert!(lines[1]["message"]
        .as_str()
        .unwrap()
        .contains("line 2 of -"));

    // A record of another schema version: reduce stops, naming the file and the line.
    let mut foreign = lines[0].clone();
    foreign["schema"] = serde_json::json!(999);
    let recs = dir.path().join("foreign.jsonl");
    std::fs::write(&recs, format!("{}\n{}\n", lines[1], foreign)).unwrap();
    let red = dir.path().join("out");
    let o = newsner(
        &[
            "reduce",
            recs.to_str().unwrap(),
            "--out",
            red.to_str().unwrap(),
        ],
        None,
    );
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("foreign.jsonl") && err.contains("line 2") && err.contains("schema 999"),
        "{err}"
    );
    assert!(!red.join("people.csv").exists(), "nothing published");
}
