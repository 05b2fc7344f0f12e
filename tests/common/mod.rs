//! Test helpers: a tiny BERT token classifier built from scratch (random weights, a real WordPiece
//! `tokenizer.json`), saved in the Hugging Face layout.
#![allow(dead_code)]

use rust_bert::bert::{BertConfig, BertForTokenClassification};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use tch::{nn, Device};
use tokenizers::models::wordpiece::WordPiece;
use tokenizers::normalizers::bert::BertNormalizer;
use tokenizers::pre_tokenizers::bert::BertPreTokenizer;
use tokenizers::processors::bert::BertProcessing;
use tokenizers::Tokenizer;

/// Labels of the tiny models.
pub const LABELS: [&str; 7] = ["O", "B-PER", "I-PER", "B-LOC", "I-LOC", "B-ORG", "I-ORG"];

/// How the tiny model's weights are set.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Variant {
    /// Random weights.
    Random,
    /// Random, but each token's output depends on the token alone (no attention output, no positions),
    /// so every windowing of a text must give the same labels.
    ContextFree,
    /// Labels every word `B-PER`: every word becomes a mention.
    AllPerson,
}

fn vocab() -> HashMap<String, u32> {
    let mut v: Vec<String> = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    let words = [
        "the", "plane", "crashed", "near", "city", "minister", "said", "flight", "airline", "on",
        "in", "of", "and", "to", "a", "from", "people", "were", "board", "zurich", "lima", "oslo",
    ];
    v.extend(words.iter().map(|s| s.to_string()));
    for c in "abcdefghijklmnopqrstuvwxyz0123456789".chars() {
        v.push(c.to_string());
        v.push(format!("##{c}"));
    }
    for c in ".,;:!?'\"-()‘’“”#@".chars() {
        v.push(c.to_string());
    }
    for c in "東京駅".chars() {
        v.push(c.to_string());
    }
    v.into_iter()
        .enumerate()
        .map(|(i, s)| (s, i as u32))
        .collect()
}

/// Writes a tiny model into `dir` and returns `dir`.
pub fn tiny_model(dir: &Path, variant: Variant) -> PathBuf {
    std::fs::create_dir_all(dir).unwrap();
    let vocab = vocab();
    let mut lines: Vec<(&String, &u32)> = vocab.iter().collect();
    lines.sort_by_key(|(_, &i)| i);
    let vocab_txt = dir.join("vocab.txt");
    let body: String = lines.iter().map(|(w, _)| format!("{w}\n")).collect();
    std::fs::write(&vocab_txt, body).unwrap();
    let wp = WordPiece::from_file(vocab_txt.to_str().unwrap())
        .unk_token("[UNK]".into())
        .build()
        .unwrap();
    let mut tok = Tokenizer::new(wp);
    tok.with_normalizer(Some(BertNormalizer::new(true, true, None, true)));
    tok.with_pre_tokenizer(Some(BertPreTokenizer));
    tok.with_post_processor(Some(BertProcessing::new(
        ("[SEP]".into(), vocab["[SEP]"]),
        ("[CLS]".into(), vocab["[CLS]"]),
    )));
    tok.save(dir.join("tokenizer.json"), true).unwrap();

    let id2label: serde_json::Map<String, serde_json::Value> = LABELS
        .iter()
        .enumerate()
        .map(|(i, l)| (i.to_string(), serde_json::json!(l)))
        .collect();
    let config = serde_json::json!({
        "model_type": "bert", "architectures": ["BertForTokenClassification"],
        "hidden_act": "gelu", "attention_probs_dropout_prob": 0.1, "hidden_dropout_prob": 0.1,
        "hidden_size": 32, "initializer_range": 0.02, "intermediate_size": 64,
        "max_position_embeddings": 64, "num_attention_heads": 4, "num_hidden_layers": 2,
        "type_vocab_size": 2, "vocab_size": vocab.len(), "pad_token_id": 0,
        "id2label": id2label,
    });
    std::fs::write(
        dir.join("config.json"),
        serde_json::to_string_pretty(&config).unwrap(),
    )
    .unwrap();
    let cfg: BertConfig = serde_json::from_value(config).unwrap();
    // The same weights every time (tests in one process may interleave; each builds its model under
    // the lock so that the seed applies to it alone).
    static SEED_LOCK: std::sync::Mutex<()> = std::sync::Mutex::new(());
    let _guard = SEED_LOCK.lock().unwrap_or_else(|e| e.into_inner());
    tch::manual_seed(1234);
    let vs = nn::VarStore::new(Device::Cpu);
    let _model = BertForTokenClassification::new(vs.root(), &cfg).unwrap();
    tch::no_grad(|| {
        for (name, mut t) in vs.variables() {
            let kill = match variant {
                Variant::ContextFree => {
                    name.contains("attention.output.dense")
                        || name.contains("position_embeddings")
                        || name.contains("token_type_embeddings")
                }
                _ => false,
            };
            if kill {
                let _ = t.zero_();
            }
            if variant == Variant::AllPerson && name == "classifier.bias" {
                let bias: Vec<f32> = (0..LABELS.len())
                    .map(|i| if i == 1 { 50.0 } else { 0.0 })
                    .collect();
                t.copy_(&tch::Tensor::from_slice(&bias));
            }
        }
    });
    vs.save(dir.join("model.safetensors")).unwrap();
    dir.to_path_buf()
}

/// A deterministic text of `n` words from the tiny vocabulary, with capitals and punctuation.
pub fn text(n: usize, seed: u64) -> String {
    let words = [
        "The",
        "plane",
        "crashed",
        "near",
        "Lima",
        "city",
        "minister",
        "said",
        "flight",
        "Zurich",
        "airline",
        "on",
        "in",
        "Oslo",
        "of",
        "and",
        "to",
        "NATO",
        "people",
        "were",
        "board",
        "38,",
        "Kowalczyk",
        "said.",
        "(CIS)",
        "‘Rafale-M’",
    ];
    let mut s = seed;
    let mut out = Vec::with_capacity(n);
    for i in 0..n {
        s = s
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        out.push(words[(s >> 33) as usize % words.len()]);
        if i % 17 == 16 {
            out.push("\n");
        }
    }
    out.join(" ")
}

/// The repository's `../shared` folder (the seeds and yardsticks). A test that needs it fails when it
/// is missing, naming the folder, unless `NEWSNER_SKIP_SHARED=1` says to skip such tests: then `None`.
pub fn shared() -> Option<PathBuf> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared");
    if p.exists() {
        return Some(p);
    }
    assert!(
        std::env::var_os("NEWSNER_SKIP_SHARED").is_some_and(|v| v == "1"),
        "{} is missing: this test needs the seeds of ../shared (set NEWSNER_SKIP_SHARED=1 to skip it)",
        p.display()
    );
    None
}
