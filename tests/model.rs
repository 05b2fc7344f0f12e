//! Training and evaluation: the scorer on hand-counted files, a training smoke test on a tiny model, and
//! the shipped model on a sentence written for it.
#![allow(clippy::single_range_in_vec_init)] // whole-text regions

mod common;

use newsner::ner::labels::EntityType;
use newsner::ner::{InferenceConfig, Precision, Recognizer};
use newsner::train::{self, TrainConfig};
use std::path::Path;
use std::process::Command;

fn fixture(name: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

fn eval_json(file: &str) -> serde_json::Value {
    let o = Command::new(env!("CARGO_BIN_EXE_newsner"))
        .args([
            "eval",
            "--conll",
            fixture(file).to_str().unwrap(),
            "--predicted",
            "--json",
        ])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    serde_json::from_slice(&o.stdout).unwrap()
}

fn close(v: &serde_json::Value, x: f64) -> bool {
    (v.as_f64().unwrap() - x).abs() < 1e-9
}

#[test]
fn eval_counts_iob2_entities_like_conlleval() {
    // Gold: PER Anna Smith, LOC Oslo | ORG Acme Corp, PER Bob (at the sentence end) | LOC Paris Saint
    // Germain (at the end). Predicted: PER Anna Smith ✓, ORG Oslo ✗ | ORG Acme ✗, PER Bob ✓ | LOC ✓.
    let r = eval_json("eval_iob2.conll");
    assert!(
        close(&r["precision"], 3.0 / 5.0) && close(&r["recall"], 3.0 / 5.0) && close(&r["f1"], 0.6)
    );
    assert!(close(&r["per_type"]["PER"]["f1"], 1.0));
    assert!(
        close(&r["per_type"]["LOC"]["precision"], 1.0)
            && close(&r["per_type"]["LOC"]["recall"], 0.5)
    );
    assert!(close(&r["per_type"]["LOC"]["f1"], 2.0 / 3.0));
    assert!(close(&r["per_type"]["ORG"]["f1"], 0.0));
}

#[test]
fn eval_counts_iob1_entities_like_conlleval() {
    // Gold (IOB1): PER John, PER Mary, LOC Rome | LOC Berlin, LOC Paris, ORG EU = 6.
    // Predicted: PER "John Mary" ✗, LOC Rome ✓ | LOC Berlin ✓, LOC Paris ✓, MISC EU ✗ = 5, 3 right.
    let r = eval_json("eval_iob1.conll");
    assert!(close(&r["precision"], 0.6) && close(&r["recall"], 0.5));
    assert!(close(&r["f1"], 2.0 * 0.6 * 0.5 / 1.1));
    assert!(close(&r["per_type"]["PER"]["recall"], 0.0));
    assert!(close(&r["per_type"]["LOC"]["f1"], 1.0));
    assert_eq!(r["per_type"]["MISC"]["support"], 0);
}

#[test]
fn training_lowers_the_loss_and_the_saved_model_predicts() {
    let dir = tempfile::tempdir().unwrap();
    let base = common::tiny_model(&dir.path().join("base"), common::Variant::Random);
    let out = dir.path().join("trained");
    let cfg = TrainConfig {
        base: base.clone(),
        train: vec![fixture("tiny_train.conll")],
        dev: vec![fixture("tiny_train.conll")],
        out: out.clone(),
        epochs: 40,
        lr: 3e-3,
        batch_size: 2,
        max_len: 32,
        warmup: 0.05,
        log_every: 5,
        ..TrainConfig::default()
    };
    let mut log = Vec::new();
    let summary = train::train(&cfg, &mut log).unwrap();
    let losses: Vec<f64> = std::fs::read_to_string(out.join("train_log.jsonl"))
        .unwrap()
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter_map(|v| v["loss"].as_f64())
        .collect();
    assert!(losses.len() >= 4);
    let first = losses[0];
    let last = *losses.last().unwrap();
    assert!(last < first / 2.0, "loss {first} → {last}");
    assert!(
        summary.best_dev_f1 > 0.5,
        "it learns its own training data: {}",
        summary.best_dev_f1
    );
    // The saved model (f16 on disk) loads the way `newsner run` loads it and, on the windows it was
    // trained on, scores its training data as it did in memory: a tiny model learns its training set, but what it makes of an
    // unseen sentence depends on the dropout masks drawn, and those come from libtorch's process-wide
    // generator that concurrently running tests also draw from.
    let same_windows = InferenceConfig {
        max_len: 32,
        stride: 24,
        ..InferenceConfig::default()
    };
    let rec = Recognizer::load(&out, same_windows).unwrap();
    let docs = newsner::conll::read(&fixture("tiny_train.conll"), 1).unwrap();
    let reloaded = train::evaluate_docs(&rec, &docs, true).unwrap().f1;
    assert!(
        (reloaded - summary.best_dev_f1).abs() < 0.1,
        "in memory {} vs reloaded {reloaded}",
        summary.best_dev_f1
    );
    // And `recognize`, the pipeline's entry point, returns mentions of the taught entities with their text.
    let gold: Vec<(String, &str)> = docs
        .iter()
        .flat_map(|d| &d.sentences)
        .flat_map(|s| {
            let mut spans: Vec<(String, &str)> = Vec::new();
            for (tok, tag) in s.tokens.iter().zip(&s.tags[0]) {
                match tag.split_once('-') {
                    Some(("B", ty)) => spans.push((tok.clone(), ty)),
                    Some(("I", _)) if !spans.is_empty() => {
                        let last = spans.len() - 1;
                        spans[last].0 = format!("{} {tok}", spans[last].0);
                    }
                    _ => {}
                }
            }
            spans
        })
        .collect();
    let texts: Vec<_> = docs.iter().map(|d| d.text()).collect();
    let inputs: Vec<(&str, Vec<std::ops::Range<usize>>)> = texts
        .iter()
        .map(|(t, _)| (t.as_str(), vec![0..t.len()]))
        .collect();
    let found = rec.recognize(&inputs).unwrap();
    let hits = found
        .iter()
        .flatten()
        .filter(|m| gold.iter().any(|(t, ty)| *t == m.text && *ty == m.label))
        .count();
    assert!(hits > 0, "gold {gold:?}, found {found:?}");
}

#[test]
fn shipped_model_finds_the_obvious_entities() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(newsner::DEFAULT_MODEL);
    let text = "Maria Schmidt flew from Lisbon to Oslo on Monday to meet executives of Siemens.";
    let mut found_at = Vec::new();
    for precision in [Precision::F32, Precision::Bf16] {
        let config = InferenceConfig {
            precision,
            ..InferenceConfig::default()
        };
        let rec = Recognizer::load(&dir, config).expect("the shipped model loads");
        let found = rec.recognize(&[(text, vec![0..text.len()])]).unwrap();
        let has =
            |t: &str, ty: EntityType| found[0].iter().any(|m| m.text == t && m.entity_type == ty);
        assert!(has("Maria Schmidt", EntityType::Person), "{:?}", found[0]);
        assert!(has("Lisbon", EntityType::Place), "{:?}", found[0]);
        assert!(has("Oslo", EntityType::Place), "{:?}", found[0]);
        assert!(has("Siemens", EntityType::Organization), "{:?}", found[0]);
        // Scores are the model's confidence in each word's type: high for names this plain, whether
        // or not the tokenizer splits them into several sub-words.
        for m in &found[0] {
            assert!(m.score > 0.5, "{precision}: {m:?}");
        }
        found_at.push(found[0].clone());
    }
    // bf16 moves the scores a little, never by much on a sentence like this.
    for (a, b) in found_at[0].iter().zip(&found_at[1]) {
        assert!((a.score - b.score).abs() < 0.05, "{a:?} vs {b:?}");
    }
}
