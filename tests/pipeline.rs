//! End-to-end runs of the `newsner` binary with a tiny model built by the tests.

mod common;

use common::{tiny_model, Variant};
use newsner::tables::{self, read_csv};
use std::path::Path;
use std::process::Command;

fn newsner(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_newsner"))
        .args(args)
        .env("NEWSNER_TEST_CRASH_AT", "")
        .output()
        .expect("run newsner")
}

fn check_tables(out: &Path) {
    for (file, header) in [
        ("people.csv", &tables::ENTITY_HEADER[..]),
        ("places.csv", &tables::PLACE_HEADER[..]),
        ("organizations.csv", &tables::ENTITY_HEADER[..]),
        ("other.csv", &tables::ENTITY_HEADER[..]),
        ("mentions.csv", &tables::MENTION_HEADER[..]),
        ("numbers.csv", &tables::NUMBER_HEADER[..]),
        ("figures.csv", &tables::FIGURE_HEADER[..]),
        ("articles.csv", &tables::ARTICLE_HEADER[..]),
    ] {
        let (h, _) = read_csv(&out.join(file)).unwrap_or_else(|e| panic!("{file}: {e}"));
        assert_eq!(h, header, "{file}");
    }
    let report = std::fs::read_to_string(out.join("report.html")).expect("report.html");
    assert!(
        report.contains("id=\"newsner-check\""),
        "report.html is the report page"
    );
}

#[test]
fn headers_are_exactly_the_contract() {
    assert_eq!(
        tables::ENTITY_HEADER.join(","),
        "entity_id,name,aliases,articles,mentions,article_ids,score,merge_reasons"
    );
    assert_eq!(
        tables::PLACE_HEADER.join(","),
        "entity_id,name,aliases,articles,mentions,article_ids,score,merge_reasons,\
         geonames_id,country_code,admin1,lat,lon,population,link_score,candidates"
    );
    assert_eq!(
        tables::MENTION_HEADER.join(","),
        "article_id,entity_id,type,text,start,end,score"
    );
    assert_eq!(
        tables::NUMBER_HEADER.join(","),
        "article_id,value,text,kind,counted,qualifier,start,end,sentence,\
         unit,subject,subject_id,scope,scope_id,figure_id"
    );
    assert_eq!(
        tables::FIGURE_HEADER.join(","),
        "figure_id,kind,counted,value,qualifier,values,articles,article_ids,conflict,sentences,\
         unit,subject,subject_id,scope,scope_id,status"
    );
    assert_eq!(
        tables::ARTICLE_HEADER.join(","),
        "article_id,path,title,sha256,words,people,places,organizations,numbers,status"
    );
}

#[test]
fn seeds_end_to_end_write_every_table() {
    let Some(shared) = common::shared() else {
        eprintln!("skipped: ../shared is absent and NEWSNER_SKIP_SHARED=1");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let model = tiny_model(&dir.path().join("model"), Variant::Random);
    let out = dir.path().join("out");
    let seeds = shared.join("seeds");
    let o = newsner(&[
        "run",
        seeds.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--model",
        model.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    check_tables(&out);
    let n_seeds = std::fs::read_dir(&seeds).unwrap().count();
    let (_, rows) = read_csv(&out.join("articles.csv")).unwrap();
    assert_eq!(rows.len(), n_seeds);
    for r in &rows {
        assert_eq!(r[9], "ok");
        assert_eq!(r[3].len(), 64, "sha256");
        let rec = out.join("articles").join(format!("{}.json", r[0]));
        let json: serde_json::Value =
            serde_json::from_slice(&std::fs::read(&rec).unwrap()).unwrap();
        assert_eq!(json["article_id"], r[0].as_str());
        assert!(json["mentions"].is_array() && json["numbers"].is_array());
    }
    // Every mention row slices back to its text in the article, by character offsets.
    let (_, mentions) = read_csv(&out.join("mentions.csv")).unwrap();
    assert!(!mentions.is_empty());
    for m in &mentions {
        let text = std::fs::read_to_string(seeds.join(format!("{}.txt", m[0]))).unwrap();
        let (s, e): (usize, usize) = (m[4].parse().unwrap(), m[5].parse().unwrap());
        let slice: String = text.chars().skip(s).take(e - s).collect();
        assert_eq!(newsner::tables::neutralise(&slice), m[3]);
    }
    let run: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("run.json")).unwrap()).unwrap();
    assert_eq!(run["articles"]["read"], n_seeds);
    assert_eq!(run["articles"]["processed"], n_seeds);
    assert_eq!(run["articles"]["failed"], 0);
    assert!(run["timings"]["ner"].as_f64().is_some());
}

#[test]
fn a_missing_model_is_named_in_the_error() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    std::fs::create_dir_all(&corpus).unwrap();
    std::fs::write(corpus.join("a.txt"), "Anna met Bob in Oslo.").unwrap();
    let missing = dir.path().join("no-such-model");
    let o = newsner(&[
        "run",
        corpus.to_str().unwrap(),
        "--out",
        dir.path().join("out").to_str().unwrap(),
        "--model",
        missing.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("no-such-model") && err.contains("make model"),
        "{err}"
    );
}
