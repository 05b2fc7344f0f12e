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

/// A small OntoNotes-style file (18 types): names, and dates and counts that the tables leave to the
/// numbers stage.
fn ontonotes_fixture(path: &Path) {
    let sentences = [
        "Ada/B-PERSON Novak/I-PERSON visited/O Lima/B-GPE on/O Monday/B-DATE ./O",
        "Lima/B-GPE said/O three/B-CARDINAL people/O were/O on/O board/O ./O",
        "The/O minister/O Novak/B-PERSON flew/O to/O Oslo/B-GPE on/O Friday/B-DATE ./O",
        "Oslo/B-GPE and/O Lima/B-GPE said/O two/B-CARDINAL flights/O were/O near/O ./O",
        "Novak/B-PERSON said/O on/O Monday/B-DATE that/O four/B-CARDINAL were/O in/O Oslo/B-GPE ./O",
    ];
    let mut text = String::from("-DOCSTART- -X- nw/test/00/t_0001 O\n\n");
    for s in sentences {
        for pair in s.split(' ') {
            let (w, t) = pair.rsplit_once('/').unwrap();
            text.push_str(&format!("{w} {t}\n"));
        }
        text.push('\n');
    }
    std::fs::write(path, text).unwrap();
}

#[test]
fn two_label_sets_train_two_heads_over_one_encoder() {
    use newsner::ner::combine::Combine;
    use newsner::ner::model::{LoadMode, TokenClassifier};
    let dir = tempfile::tempdir().unwrap();
    let base = common::tiny_model(&dir.path().join("base"), common::Variant::Random);
    let onto = dir.path().join("onto.conll");
    ontonotes_fixture(&onto);
    let small = |base: &Path, train: Vec<std::path::PathBuf>, out: &Path| TrainConfig {
        base: base.to_path_buf(),
        dev: train.clone(),
        train,
        out: out.to_path_buf(),
        epochs: 40,
        lr: 3e-3,
        batch_size: 2,
        max_len: 32,
        warmup: 0.05,
        ..TrainConfig::default()
    };
    // Stage A: CoNLL labels only, one head.
    let stage_a = dir.path().join("a");
    train::train(
        &small(&base, vec![fixture("tiny_train.conll")], &stage_a),
        &mut Vec::new(),
    )
    .unwrap();

    // Growing a head keeps the trained one: its logits are unchanged, the new head has its own labels.
    let ids = tch::Tensor::from_slice(&[2i64, 5, 6, 7, 3]).view([1, 5]);
    let mask = ids.ones_like();
    let cas = ids.zeros_like();
    let trained = TokenClassifier::load(&stage_a, LoadMode::Complete).unwrap();
    let sets = [train::LabelSet::Conll, train::LabelSet::Ontonotes];
    let grown = TokenClassifier::load(
        &stage_a,
        LoadMode::BaseEncoder {
            heads: sets
                .iter()
                .map(|s| (s.name().to_string(), s.labels()))
                .collect(),
            casing: true,
            keep_rows: train::CONLL_LABELS.len(),
        },
    )
    .unwrap();
    let before = trained.forward(&ids, &mask, &cas, false).unwrap();
    let after = grown.forward_head(&ids, &mask, &cas, false, 0).unwrap();
    assert!(before.allclose(&after, 1e-5, 1e-5, false));
    let new_head = grown.forward_head(&ids, &mask, &cas, false, 1).unwrap();
    assert_eq!(new_head.size(), vec![1, 5, 37]);

    // Stage B: both label sets, each training its own head; the richer one serves.
    let stage_b = dir.path().join("b");
    let summary = train::train(
        &small(
            &stage_a,
            vec![fixture("tiny_train.conll"), onto.clone()],
            &stage_b,
        ),
        &mut Vec::new(),
    )
    .unwrap();
    assert_eq!(summary.dev.len(), 2);
    let config: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(stage_b.join("config.json")).unwrap())
            .unwrap();
    assert_eq!(config["newsner_serving_head"], "ontonotes");
    assert_eq!(config["newsner_heads"][0]["name"], "conll");
    assert_eq!(config["id2label"].as_object().unwrap().len(), 9 + 37);

    let infer = InferenceConfig {
        max_len: 32,
        stride: 24,
        ..InferenceConfig::default()
    };
    let mut rec = Recognizer::load(&stage_b, infer).unwrap();
    assert_eq!(rec.model().head_name(), "ontonotes");
    let docs = newsner::conll::read(&onto, 1).unwrap();
    let (text, _) = docs[0].text();
    let tok = rec.codec().tokenize(&text, &[0..text.len()]).unwrap();
    let probs = rec.predict(std::slice::from_ref(&tok)).unwrap();
    let words = rec.codec().word_labels(&tok, &probs[0]);
    let labels = rec.codec().labels();
    let values = words
        .label
        .iter()
        .filter(|&&l| {
            newsner::ner::labels::is_value_type(newsner::ner::labels::split_label(&labels[l]).1)
        })
        .count();
    assert!(values > 0, "the head learned dates and counts");
    let found = rec
        .recognize(&[(text.as_str(), vec![0..text.len()])])
        .unwrap();
    assert!(
        found[0]
            .iter()
            .any(|m| m.label == "PERSON" || m.label == "GPE"),
        "{:?}",
        found[0]
    );
    assert!(
        found[0]
            .iter()
            .all(|m| !newsner::ner::labels::is_value_type(&m.label)),
        "dates and counts are not entities: {:?}",
        found[0]
    );
    // The CoNLL head is still there, with its own labels.
    rec.select_head("conll").unwrap();
    assert_eq!(rec.codec().labels().len(), 9);
    assert!(rec.select_head("wikiner").is_err());

    // Serving the mean of both heads: the CoNLL head's probabilities and the OntoNotes head's mapped
    // onto CoNLL's labels (B-PERSON onto B-PER, B-DATE onto O), averaged.
    let mut model = TokenClassifier::load(&stage_b, LoadMode::Complete).unwrap();
    model.select_head("conll").unwrap();
    let conll = model
        .forward_head(&ids, &mask, &cas, false, 0)
        .unwrap()
        .softmax(-1, tch::Kind::Float);
    let onto_p = model
        .forward_head(&ids, &mask, &cas, false, 1)
        .unwrap()
        .softmax(-1, tch::Kind::Float);
    let on_labels = train::LabelSet::Ontonotes.labels();
    let conll_labels = train::LabelSet::Conll.labels();
    let mapped: Vec<tch::Tensor> = conll_labels
        .iter()
        .map(|c| {
            let cols: Vec<i64> = on_labels
                .iter()
                .enumerate()
                .filter(|(_, l)| newsner::conll::to_conll_label(l) == *c)
                .map(|(i, _)| i as i64)
                .collect();
            onto_p
                .index_select(-1, &tch::Tensor::from_slice(&cols))
                .sum_dim_intlist(Some(&[-1i64][..]), false, tch::Kind::Float)
        })
        .collect();
    let want = (conll + tch::Tensor::stack(&mapped, -1)) / 2.0;
    model.set_combine(Combine::Mean).unwrap();
    let got = model
        .forward(&ids, &mask, &cas, false)
        .unwrap()
        .softmax(-1, tch::Kind::Float);
    assert!(got.allclose(&want, 1e-4, 1e-5, false), "{got} vs {want}");

    // Borrowing FAC: where the CoNLL head says O, the OntoNotes head's B-FAC / I-FAC share of it moves
    // to B-LOC / I-LOC; nothing else changes.
    let col = |labels: &[String], l: &str| labels.iter().position(|x| x == l).unwrap() as i64;
    let pick = |t: &tch::Tensor, i: i64| t.narrow(-1, i, 1);
    let conll = model
        .forward_head(&ids, &mask, &cas, false, 0)
        .unwrap()
        .softmax(-1, tch::Kind::Float);
    let o = pick(&conll, 0);
    let (b, i) = (
        pick(&onto_p, col(&on_labels, "B-FAC")),
        pick(&onto_p, col(&on_labels, "I-FAC")),
    );
    let want = conll.copy();
    let _ = want.narrow(-1, 0, 1).f_mul_(&(-(&b + &i) + 1.0));
    let _ = want
        .narrow(-1, col(&conll_labels, "B-LOC"), 1)
        .f_add_(&(&o * &b));
    let _ = want
        .narrow(-1, col(&conll_labels, "I-LOC"), 1)
        .f_add_(&(&o * &i));
    model
        .set_combine(Combine::Borrow(vec!["FAC".into()]))
        .unwrap();
    let got = model
        .forward(&ids, &mask, &cas, false)
        .unwrap()
        .softmax(-1, tch::Kind::Float);
    assert!(got.allclose(&want, 1e-4, 1e-5, false), "{got} vs {want}");
    assert!(model
        .set_combine(Combine::Borrow(vec!["DATE".into()]))
        .is_err());

    // It is saved and loaded with the model; selecting another head turns it off.
    let stage_e = dir.path().join("e");
    model.save(&stage_e, tch::Kind::Float).unwrap();
    std::fs::copy(
        stage_b.join("tokenizer.json"),
        stage_e.join("tokenizer.json"),
    )
    .unwrap();
    let mut reloaded = TokenClassifier::load(&stage_e, LoadMode::Complete).unwrap();
    assert_eq!(reloaded.combine(), &Combine::Borrow(vec!["FAC".into()]));
    assert_eq!(reloaded.head_name(), "conll");
    reloaded.select_head("ontonotes").unwrap();
    assert_eq!(reloaded.combine(), &Combine::Alone);
    // CoNLL's labels cannot be read as OntoNotes': the OntoNotes head serves alone.
    assert!(reloaded.set_combine(Combine::Mean).is_err());
}

#[test]
fn training_one_label_set_of_a_two_layer_model_keeps_the_other_layer() {
    use newsner::ner::model::{LoadMode, TokenClassifier};
    let dir = tempfile::tempdir().unwrap();
    let base = common::tiny_model(&dir.path().join("base"), common::Variant::Random);
    // A model with a CoNLL and an OntoNotes layer, saved as a trained one is.
    let two = dir.path().join("two");
    let sets = [train::LabelSet::Conll, train::LabelSet::Ontonotes];
    let heads = sets
        .iter()
        .map(|s| (s.name().to_string(), s.labels()))
        .collect();
    let mode = LoadMode::BaseEncoder {
        heads,
        casing: true,
        keep_rows: 0,
    };
    let model = TokenClassifier::load(&base, mode).unwrap();
    model.save(&two, tch::Kind::Float).unwrap();
    std::fs::copy(base.join("tokenizer.json"), two.join("tokenizer.json")).unwrap();
    // The classifier's rows: the CoNLL layer's 9, then the OntoNotes layer's 37.
    let rows = |dir: &Path| {
        let m = TokenClassifier::load(dir, LoadMode::Complete).unwrap();
        let vars = m.var_store().variables();
        let w = &vars["classifier.weight"];
        (w.narrow(0, 0, 9).copy(), w.narrow(0, 9, 37).copy())
    };
    let (conll_before, onto_before) = rows(&two);

    // A second stage on CoNLL-2003 alone.
    let out = dir.path().join("out");
    let cfg = TrainConfig {
        base: two.clone(),
        train: vec![fixture("tiny_train.conll")],
        dev: vec![fixture("tiny_train.conll")],
        out: out.clone(),
        epochs: 2,
        lr: 3e-3,
        batch_size: 2,
        max_len: 32,
        serving_head: Some(train::LabelSet::Conll),
        ..TrainConfig::default()
    };
    train::train(&cfg, &mut Vec::new()).unwrap();
    let config: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("config.json")).unwrap()).unwrap();
    assert_eq!(config["id2label"].as_object().unwrap().len(), 9 + 37);
    assert_eq!(config["newsner_heads"][1]["name"], "ontonotes");
    assert_eq!(config["newsner_serving_head"], "conll");
    let (conll_after, onto_after) = rows(&out);
    assert!(
        !conll_after.allclose(&conll_before, 1e-4, 1e-6, false),
        "CoNLL's layer trained"
    );
    // The OntoNotes layer is kept, changed only by AdamW's weight decay.
    assert!(
        onto_after.allclose(&onto_before, 1e-3, 1e-6, false),
        "OntoNotes' layer kept"
    );
}

#[test]
fn averaging_models_takes_the_mean_of_every_weight() {
    use newsner::ner::model::{LoadMode, TokenClassifier};
    let dir = tempfile::tempdir().unwrap();
    let a = common::tiny_model(&dir.path().join("a"), common::Variant::Random);
    // B: every weight of A times three.
    let b = dir.path().join("b");
    let mut model = TokenClassifier::load(&a, LoadMode::Complete).unwrap();
    tch::no_grad(|| {
        for (_, mut v) in model.var_store_mut().unwrap().variables() {
            let tripled = &v * 3.0;
            v.copy_(&tripled);
        }
    });
    model.save(&b, tch::Kind::Float).unwrap();
    std::fs::copy(a.join("tokenizer.json"), b.join("tokenizer.json")).unwrap();

    let out = dir.path().join("soup");
    train::average_models(&[a.clone(), b], &out).unwrap();
    let original = TokenClassifier::load(&a, LoadMode::Complete).unwrap();
    let soup = TokenClassifier::load(&out, LoadMode::Complete).unwrap();
    let theirs = soup.var_store().variables();
    let mine = original.var_store().variables();
    assert_eq!(theirs.len(), mine.len());
    for (name, v) in mine {
        // The mean of w and 3w is 2w (saved in f16).
        let twice = &v * 2.0;
        let got = theirs[&name].to_kind(tch::Kind::Float);
        assert!(got.allclose(&twice, 1e-2, 1e-3, false), "{name}");
    }
    assert!(out.join("tokenizer.json").exists() && out.join("checksums.sha256").exists());

    // A model with other labels cannot join the mean.
    let other = dir.path().join("other");
    common::tiny_model(&other, common::Variant::Random);
    let mut config: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(other.join("config.json")).unwrap()).unwrap();
    config["id2label"]["1"] = serde_json::json!("B-XYZ");
    std::fs::write(other.join("config.json"), config.to_string()).unwrap();
    let _ = std::fs::remove_file(other.join("checksums.sha256"));
    let err = train::average_models(&[a, other], &dir.path().join("bad")).unwrap_err();
    assert!(err.to_string().contains("labels differ"), "{err}");
}
