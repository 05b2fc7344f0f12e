//! The inference encoder (`ner::encoder`) computes what rust-bert's BERT layers compute: exactly (up to
//! rounding) in f32, and close enough in int8 that the shipped model's labels stay the same.

mod common;

use common::{tiny_model, Variant};
use newsner::ner::model::{LoadMode, Precision, TokenClassifier};
use std::path::Path;
use tch::{Kind, Tensor};

/// Token ids, attention mask and casing ids for a batch of 3 rows of `len`, the last row half padding.
fn batch(vocab: i64, len: i64) -> (Tensor, Tensor, Tensor) {
    tch::manual_seed(11);
    let ids = Tensor::randint_low(5, vocab, [3, len], (Kind::Int64, tch::Device::Cpu));
    let mask = Tensor::ones([3, len], (Kind::Int64, tch::Device::Cpu));
    let _ = mask.get(2).narrow(0, len / 2, len - len / 2).fill_(0);
    let casing = Tensor::randint(3, [3, len], (Kind::Int64, tch::Device::Cpu));
    (ids, mask, casing)
}

fn logits(model: &TokenClassifier, b: &(Tensor, Tensor, Tensor)) -> Tensor {
    let _g = tch::no_grad_guard();
    model.forward(&b.0, &b.1, &b.2, false).unwrap()
}

/// Largest absolute difference over the positions the mask attends.
fn max_diff(a: &Tensor, b: &Tensor, mask: &Tensor) -> f64 {
    let keep = mask.unsqueeze(-1).to_kind(Kind::Float);
    ((a - b).abs() * keep).max().double_value(&[])
}

fn shipped() -> &'static Path {
    Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/models/newsner-minilm-news"
    ))
}

#[test]
fn frozen_f32_encoder_matches_rust_bert_on_a_random_model() {
    let dir = tempfile::tempdir().unwrap();
    let path = tiny_model(dir.path(), Variant::Random);
    let plain = TokenClassifier::load(&path, LoadMode::Complete).unwrap();
    let mut frozen = TokenClassifier::load(&path, LoadMode::Complete).unwrap();
    frozen.freeze().unwrap();
    let b = batch(40, 24);
    let diff = max_diff(&logits(&plain, &b), &logits(&frozen, &b), &b.1);
    assert!(diff < 1e-4, "f32 logits differ by {diff}");
}

#[test]
fn frozen_encoders_match_rust_bert_on_the_shipped_model() {
    let mut plain = TokenClassifier::load(shipped(), LoadMode::Complete).unwrap();
    let mut frozen = TokenClassifier::load(shipped(), LoadMode::Complete).unwrap();
    frozen.freeze().unwrap();
    plain.set_precision(Precision::F32).unwrap();
    let b = batch(30_000, 96);
    let reference = logits(&plain, &b);
    let f32_diff = max_diff(&reference, &logits(&frozen, &b), &b.1);
    assert!(f32_diff < 1e-3, "f32 logits differ by {f32_diff}");

    frozen.set_precision(Precision::Int8).unwrap();
    assert_eq!(frozen.precision(), Precision::Int8);
    let int8 = logits(&frozen, &b);
    let labels = |t: &Tensor| t.argmax(-1, false);
    let attended = b.1.sum(Kind::Float).double_value(&[]);
    let same = (labels(&reference)
        .eq_tensor(&labels(&int8))
        .to_kind(Kind::Float)
        * b.1.to_kind(Kind::Float))
    .sum(Kind::Float)
    .double_value(&[]);
    // Random ids are far from text the model knows, so labels sit near their boundaries; even so
    // int8 keeps almost all of them. A wrong scale or offset in the quantized layers keeps few.
    assert!(
        same / attended > 0.95,
        "int8 keeps {same} of {attended} labels"
    );
    let scale = reference.abs().max().double_value(&[]);
    let int8_diff = max_diff(&reference, &int8, &b.1);
    assert!(
        int8_diff < 0.25 * scale,
        "int8 logits differ by {int8_diff} (values up to {scale})"
    );
    assert!(int8_diff > 0.0, "int8 must not fall back to f32");

    // Back to f32: the encoder is rebuilt from the variables, which int8 left untouched.
    frozen.set_precision(Precision::F32).unwrap();
    let back = max_diff(&reference, &logits(&frozen, &b), &b.1);
    assert!(back < 1e-3, "f32 after int8 differs by {back}");
}

#[test]
fn precision_names_parse_and_auto_resolves_to_a_concrete_one() {
    for (name, p) in [
        ("f32", Precision::F32),
        ("bf16", Precision::Bf16),
        ("int8", Precision::Int8),
        ("auto", Precision::Auto),
    ] {
        assert_eq!(name.parse::<Precision>().unwrap(), p);
        assert_eq!(p.name(), name);
    }
    assert!("fp8".parse::<Precision>().is_err());
    assert_ne!(Precision::Auto.resolve(), Precision::Auto);
}
