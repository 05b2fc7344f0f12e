//! Token-classification models in the Hugging Face layout, on rust-bert's encoder modules.
//!
//! A model directory holds `config.json` (with `model_type` and `id2label`), `tokenizer.json` and
//! `model.safetensors`. BERT, DistilBERT and RoBERTa encoders are supported; the head is a linear layer
//! named `classifier`, as in Hugging Face's `*ForTokenClassification`. Weights may be stored in f16 or
//! bf16: they are cast to f32 on load.
//!
//! newsner's own models add one optional piece, declared in `config.json` as `"newsner_casing": true`: a
//! casing embedding (`bert.embeddings.casing_embeddings.weight`, one row per [`Casing`] class) added to
//! the word embeddings. It carries capitalisation into an uncased encoder.
//!
//! [`Casing`]: super::casing::Casing
//!
//! A model may also have **several output layers over one encoder**, one per label set (CoNLL-2003's 4
//! types, OntoNotes' 18): `"newsner_heads": [{"name": "conll", "labels": 9}, {"name": "ontonotes",
//! "labels": 37}]` splits the rows of `classifier` (and `id2label`) into consecutive heads, and
//! `"newsner_serving_head"` names the one that serves the tables. Each head is trained only on data of
//! its own label set; one is active at a time ([`TokenClassifier::select_head`]) and its logits are all
//! that [`TokenClassifier::forward`] returns, unless `"newsner_combine"` says how the others join in
//! (see [`Combine`]: their mean, or types the serving head borrows from them). A model without the keys
//! has one head over all its labels.

use super::casing::NUM_CASING;
use super::combine::{Combine, Plan};
use super::encoder::{InferenceEncoder, LinearKind, Shape};
use crate::error::{Error, Result};
use crate::EngineResult;
use rust_bert::bert::{BertConfig, BertEmbedding, BertModel};
use rust_bert::distilbert::{DistilBertConfig, DistilBertModel};
use rust_bert::roberta::RobertaEmbeddings;
use rust_bert::RustBertError;
use serde::{Deserialize, Serialize};
use std::borrow::Borrow;
use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use tch::nn::{self, Module};
use tch::{Device, Kind, Tensor};

/// The number format the model computes in.
///
/// Weights are stored in f16 or f32 and always loaded as f32; `Bf16` then converts every weight, so
/// activations follow. On CPUs with AVX-512 BF16 (and AMX), libtorch runs bf16 matrix products through
/// oneDNN at several times the f32 rate; elsewhere bf16 is emulated and slow. bf16 keeps f32's range
/// with an 8-bit mantissa. `Int8` quantizes the encoder's linear layers to int8 once at load and runs
/// them through fbgemm ([`super::encoder`]); it needs a BERT encoder and AVX2. The README gives each
/// precision's CoNLL-2003 F1 and speed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Precision {
    /// 32-bit floats (the reference).
    #[default]
    F32,
    /// bfloat16 weights and activations.
    Bf16,
    /// int8 weights in the encoder's linear layers, f32 (or native bf16) elsewhere.
    Int8,
    /// The fastest of the above for this CPU at the same accuracy (see [`Precision::resolve`]).
    Auto,
}

impl Precision {
    /// The concrete precision: `Auto` becomes `Bf16` on CPUs with AMX (oneDNN's bf16 products on AMX
    /// tiles ran 2.2× f32 end to end there; fbgemm's int8 kernels do not use AMX), otherwise `Int8`
    /// where fbgemm has int8 kernels (AVX2 and later; VNNI doubles their rate), otherwise `Bf16` where
    /// the CPU computes bf16 natively, otherwise `F32`.
    pub fn resolve(self) -> Precision {
        use super::encoder::{amx_bf16, int8_supported};
        match self {
            Precision::Auto if amx_bf16() && native_bf16() => Precision::Bf16,
            Precision::Auto if int8_supported() => Precision::Int8,
            Precision::Auto if native_bf16() => Precision::Bf16,
            Precision::Auto => Precision::F32,
            p => p,
        }
    }

    /// The kind of the weights kept in the variable store and of the hidden states (`Auto` resolved).
    pub fn kind(self) -> Kind {
        match self.resolve() {
            Precision::Bf16 => Kind::BFloat16,
            _ => Kind::Float,
        }
    }

    /// Windows per forward pass for this precision, measured with `newsner run --full` on BBC (README,
    /// "Speed"): 1 in int8, where a window then has no padding and its result is its own (the
    /// attention runs in bf16 where native, and a padded batch changes its last digits: an article
    /// gave other scores beside other articles than alone, so a re-run from the cache or a Spark
    /// partition differed from a full run), at the speed of 2 (an eighth of BBC on an AMD EPYC: 7.0
    /// against 7.1 s); 4 in f32 (a tenth: 20.9 s against 21.9 s for 2 and 21.8 s for 8), 8 in bf16
    /// (on AMX, against 4, 16 and 32).
    pub fn default_batch_size(self) -> usize {
        match self.resolve() {
            Precision::Bf16 => 8,
            Precision::Int8 => 1,
            _ => 4,
        }
    }

    /// The kind attention computes in: bf16 for `Bf16`, and for `Int8` where bf16 is native.
    pub fn attention_kind(self) -> Kind {
        match self.resolve() {
            Precision::Bf16 => Kind::BFloat16,
            Precision::Int8 if native_bf16() => Kind::BFloat16,
            _ => Kind::Float,
        }
    }

    /// The name used on the command line and in reports.
    pub fn name(self) -> &'static str {
        match self {
            Precision::F32 => "f32",
            Precision::Bf16 => "bf16",
            Precision::Int8 => "int8",
            Precision::Auto => "auto",
        }
    }
}

/// Whether this CPU has native bf16 arithmetic (x86 AVX-512 BF16; AMX CPUs have it too).
fn native_bf16() -> bool {
    #[cfg(target_arch = "x86_64")]
    {
        std::arch::is_x86_feature_detected!("avx512bf16")
    }
    #[cfg(not(target_arch = "x86_64"))]
    {
        false
    }
}

impl std::fmt::Display for Precision {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

impl std::str::FromStr for Precision {
    type Err = String;

    fn from_str(s: &str) -> std::result::Result<Self, Self::Err> {
        match s.to_ascii_lowercase().as_str() {
            "f32" | "fp32" | "float" => Ok(Precision::F32),
            "bf16" | "bfloat16" => Ok(Precision::Bf16),
            "int8" | "i8" => Ok(Precision::Int8),
            "auto" => Ok(Precision::Auto),
            _ => Err(format!(
                "unknown precision {s:?} (expected auto, int8, bf16 or f32)"
            )),
        }
    }
}

/// The encoder families we can load.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Architecture {
    /// BERT (and MiniLM, which is a BERT).
    Bert,
    /// DistilBERT.
    DistilBert,
    /// RoBERTa.
    Roberta,
}

/// The parts of `config.json` that we read ourselves (the encoder reads the rest).
#[derive(Debug, Clone, Deserialize)]
struct HeadConfig {
    model_type: Option<String>,
    #[serde(default)]
    id2label: Option<BTreeMap<String, String>>,
    #[serde(default)]
    newsner_casing: bool,
    #[serde(default)]
    max_position_embeddings: Option<i64>,
    #[serde(default)]
    hidden_dropout_prob: Option<f64>,
    #[serde(default)]
    dropout: Option<f64>,
    #[serde(default)]
    newsner_heads: Option<Vec<HeadSpec>>,
    #[serde(default)]
    newsner_serving_head: Option<String>,
    #[serde(default)]
    newsner_combine: Combine,
}

/// One output layer as declared in `config.json`: its name and how many labels (rows) it has.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HeadSpec {
    /// The label set's name (`conll`, `ontonotes`).
    pub name: String,
    /// Its number of labels.
    pub labels: usize,
}

/// An output layer: a name and its labels, which are rows `start..start + labels.len()` of the
/// classifier.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Head {
    /// The label set's name.
    pub name: String,
    /// First row of the classifier.
    pub start: usize,
    /// Its labels, in id order.
    pub labels: Vec<String>,
}

/// The name of the single head of a model that declares none.
pub const DEFAULT_HEAD: &str = "default";

/// BERT embeddings with an optional casing embedding.
///
/// rust-bert's `BertModel` calls its embedding module with `token_type_ids`; newsner never encodes
/// sentence pairs, so that channel carries `casing * type_vocab_size + segment`. The casing rows start at
/// zero, so a plain BERT checkpoint (which has none) behaves exactly as it was trained.
pub struct CasedBertEmbeddings {
    word_embeddings: nn::Embedding,
    position_embeddings: nn::Embedding,
    token_type_embeddings: nn::Embedding,
    casing_embeddings: nn::Embedding,
    layer_norm: nn::LayerNorm,
    type_vocab_size: i64,
    dropout: f64,
}

impl BertEmbedding for CasedBertEmbeddings {
    fn new<'p, P>(p: P, config: &BertConfig) -> Self
    where
        P: Borrow<nn::Path<'p>>,
    {
        let p = p.borrow();
        let word_embeddings = nn::embedding(
            p / "word_embeddings",
            config.vocab_size,
            config.hidden_size,
            nn::EmbeddingConfig {
                padding_idx: 0,
                ..Default::default()
            },
        );
        let position_embeddings = nn::embedding(
            p / "position_embeddings",
            config.max_position_embeddings,
            config.hidden_size,
            Default::default(),
        );
        let token_type_embeddings = nn::embedding(
            p / "token_type_embeddings",
            config.type_vocab_size,
            config.hidden_size,
            Default::default(),
        );
        let casing_embeddings = nn::embedding(
            p / "casing_embeddings",
            NUM_CASING,
            config.hidden_size,
            nn::EmbeddingConfig {
                ws_init: nn::Init::Const(0.0),
                ..Default::default()
            },
        );
        let layer_norm = nn::layer_norm(
            p / "LayerNorm",
            vec![config.hidden_size],
            nn::LayerNormConfig {
                eps: 1e-12,
                ..Default::default()
            },
        );
        CasedBertEmbeddings {
            word_embeddings,
            position_embeddings,
            token_type_embeddings,
            casing_embeddings,
            layer_norm,
            type_vocab_size: config.type_vocab_size.max(1),
            dropout: config.hidden_dropout_prob,
        }
    }

    fn forward_t(
        &self,
        input_ids: Option<&Tensor>,
        token_type_ids: Option<&Tensor>,
        position_ids: Option<&Tensor>,
        input_embeds: Option<&Tensor>,
        train: bool,
    ) -> std::result::Result<Tensor, RustBertError> {
        let words = match (input_ids, input_embeds) {
            (Some(ids), None) => ids.apply(&self.word_embeddings),
            (None, Some(e)) => e.shallow_clone(),
            _ => {
                return Err(RustBertError::ValueError(
                    "give exactly one of input ids and input embeddings".into(),
                ))
            }
        };
        let (batch, len) = (words.size()[0], words.size()[1]);
        let positions = match position_ids {
            Some(p) => p.shallow_clone(),
            None => Tensor::arange(len, (Kind::Int64, words.device()))
                .unsqueeze(0)
                .expand([batch, len], true),
        };
        let channel = match token_type_ids {
            Some(t) => t.shallow_clone(),
            None => Tensor::zeros([batch, len], (Kind::Int64, words.device())),
        };
        let segment = channel.remainder(self.type_vocab_size);
        let casing = channel
            .divide_scalar_mode(self.type_vocab_size, "floor")
            .clamp(0, NUM_CASING - 1);
        let sum = words
            + positions.apply(&self.position_embeddings)
            + segment.apply(&self.token_type_embeddings)
            + casing.apply(&self.casing_embeddings);
        Ok(sum.apply(&self.layer_norm).dropout(self.dropout, train))
    }
}

enum Encoder {
    Bert(BertModel<CasedBertEmbeddings>),
    Roberta(BertModel<RobertaEmbeddings>),
    DistilBert(DistilBertModel),
}

/// A token classifier: encoder, dropout, linear head.
pub struct TokenClassifier {
    vs: nn::VarStore,
    encoder: Encoder,
    classifier: nn::Linear,
    dropout: f64,
    labels: Vec<String>,
    heads: Vec<Head>,
    active: usize,
    /// How the other heads join the active one in `forward` ([`TokenClassifier::set_combine`]).
    combine: Combine,
    plan: Option<Plan>,
    dir: std::path::PathBuf,
    architecture: Architecture,
    casing: bool,
    max_positions: i64,
    type_vocab_size: i64,
    config_json: serde_json::Value,
    precision: Precision,
    /// The inference encoder, once [`TokenClassifier::freeze`] is called (BERT only).
    frozen: Option<InferenceEncoder>,
    /// The inference encoder emptied the variables it holds in its own form (fused, or quantized in
    /// int8); [`TokenClassifier::restore_weights`] reads them back from the model's file.
    released: bool,
}

/// How strictly [`TokenClassifier::load`] matches weights to the model.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LoadMode {
    /// Every weight must be present (the casing rows may be absent: they default to zero).
    Complete,
    /// Initialise from a base encoder: the output layers (and the casing rows) are new.
    BaseEncoder {
        /// The heads, each with its labels in id order.
        heads: Vec<(String, Vec<String>)>,
        /// Add a casing embedding (BERT only).
        casing: bool,
        /// Keep this many rows of the base's own classifier as the first rows of the new one (a model
        /// trained on the first head's labels gains more heads); 0 for a new classifier.
        keep_rows: usize,
    },
}

/// Splits `labels` into heads as `specs` declare (one head over all when `None`).
fn split_heads(labels: &[String], specs: Option<&[HeadSpec]>, at: &Path) -> Result<Vec<Head>> {
    let Some(specs) = specs else {
        return Ok(vec![Head {
            name: DEFAULT_HEAD.to_string(),
            start: 0,
            labels: labels.to_vec(),
        }]);
    };
    let mut heads = Vec::new();
    let mut start = 0;
    for s in specs {
        let end = start + s.labels;
        if end > labels.len() || s.labels == 0 {
            return Err(Error::model(
                at,
                format!(
                    "newsner_heads asks for {} labels in head {:?}, id2label has {}",
                    end,
                    s.name,
                    labels.len()
                ),
            ));
        }
        heads.push(Head {
            name: s.name.clone(),
            start,
            labels: labels[start..end].to_vec(),
        });
        start = end;
    }
    if start != labels.len() {
        return Err(Error::model(
            at,
            format!(
                "newsner_heads cover {start} labels, id2label has {}",
                labels.len()
            ),
        ));
    }
    Ok(heads)
}

/// `config.json` of a model directory, as JSON and as the fields the head reads.
fn read_config(dir: &Path, config_path: &Path) -> Result<(serde_json::Value, HeadConfig)> {
    let raw = std::fs::read_to_string(config_path).map_err(|e| {
        Error::model(
            dir,
            format!(
                "cannot read config.json ({e}); a model directory holds config.json, tokenizer.json and model.safetensors"
            ),
        )
    })?;
    let json_err = |e: serde_json::Error| Error::Json {
        path: config_path.to_path_buf(),
        source: e,
    };
    let config_json: serde_json::Value = serde_json::from_str(&raw).map_err(json_err)?;
    let head: HeadConfig = serde_json::from_value(config_json.clone()).map_err(json_err)?;
    Ok((config_json, head))
}

/// The encoder a config's `model_type` names.
fn architecture_of(head: &HeadConfig, dir: &Path) -> Result<Architecture> {
    match head.model_type.as_deref() {
        Some("bert") | None => Ok(Architecture::Bert),
        Some("distilbert") => Ok(Architecture::DistilBert),
        Some("roberta") => Ok(Architecture::Roberta),
        Some(other) => Err(Error::model(
            dir,
            format!("model_type {other:?} is not supported (bert, distilbert, roberta)"),
        )),
    }
}

/// The labels (rows of the classifier), whether the casing channel is used, and the heads declared:
/// a complete model's from its config, a base encoder's from what training asks for.
fn label_plan(
    mode: &LoadMode,
    head: &HeadConfig,
    config_path: &Path,
) -> Result<(Vec<String>, bool, Option<Vec<HeadSpec>>)> {
    match mode {
        LoadMode::Complete => {
            let map = head
                .id2label
                .clone()
                .ok_or_else(|| Error::model(config_path, "config.json has no id2label"))?;
            let mut labels = vec![String::new(); map.len()];
            for (k, v) in map {
                let i: usize = k
                    .parse()
                    .ok()
                    .filter(|&i| i < labels.len())
                    .ok_or_else(|| {
                        Error::model(config_path, format!("id2label key {k:?} is not 0..n"))
                    })?;
                labels[i] = v;
            }
            Ok((labels, head.newsner_casing, head.newsner_heads.clone()))
        }
        LoadMode::BaseEncoder { heads, casing, .. } => {
            let labels: Vec<String> = heads.iter().flat_map(|h| h.1.clone()).collect();
            let specs = (heads.len() > 1).then(|| {
                heads
                    .iter()
                    .map(|(name, l)| HeadSpec {
                        name: name.clone(),
                        labels: l.len(),
                    })
                    .collect()
            });
            Ok((labels, *casing, specs))
        }
    }
}

/// Which head serves: the one a complete model's config names, else the first.
fn serving_index(
    head: &HeadConfig,
    mode: &LoadMode,
    heads: &[Head],
    config_path: &Path,
) -> Result<usize> {
    match &head.newsner_serving_head {
        Some(name) if matches!(mode, LoadMode::Complete) => {
            heads.iter().position(|h| &h.name == name).ok_or_else(|| {
                Error::model(
                    config_path,
                    format!("newsner_serving_head {name:?} is not a head"),
                )
            })
        }
        _ => Ok(0),
    }
}

/// Writes the labels, casing and heads the model was built with into its `config.json` value, so
/// that `save` writes a loadable directory; `serving` is the serving head's name where there are
/// several heads.
fn sync_config(
    config_json: &mut serde_json::Value,
    labels: &[String],
    casing: bool,
    specs: Option<&[HeadSpec]>,
    serving: Option<&str>,
) {
    config_json["id2label"] = serde_json::json!(labels
        .iter()
        .enumerate()
        .map(|(i, l)| (i.to_string(), l.clone()))
        .collect::<BTreeMap<_, _>>());
    config_json["label2id"] = serde_json::json!(labels
        .iter()
        .enumerate()
        .map(|(i, l)| (l.clone(), i))
        .collect::<BTreeMap<_, _>>());
    config_json["newsner_casing"] = serde_json::json!(casing);
    match specs {
        Some(specs) => {
            config_json["newsner_heads"] = serde_json::json!(specs);
            config_json["newsner_serving_head"] = serde_json::json!(serving);
        }
        None => {
            if let Some(o) = config_json.as_object_mut() {
                o.remove("newsner_heads");
                o.remove("newsner_serving_head");
                o.remove("newsner_combine");
            }
        }
    }
    if config_json.get("model_type").is_none() {
        config_json["model_type"] = serde_json::json!("bert");
    }
}

/// The encoder's layers under `root`, its hidden size and its number of token types.
fn build_encoder(
    architecture: Architecture,
    root: &nn::Path,
    config_json: &serde_json::Value,
    config_path: &Path,
) -> Result<(Encoder, i64, i64)> {
    let parse_err = |e: serde_json::Error| Error::Json {
        path: config_path.to_path_buf(),
        source: e,
    };
    Ok(match architecture {
        Architecture::Bert => {
            let cfg: BertConfig = serde_json::from_value(config_json.clone()).map_err(parse_err)?;
            let enc = BertModel::<CasedBertEmbeddings>::new_with_optional_pooler(
                root / "bert",
                &cfg,
                false,
            );
            (Encoder::Bert(enc), cfg.hidden_size, cfg.type_vocab_size)
        }
        Architecture::Roberta => {
            let cfg: BertConfig = serde_json::from_value(config_json.clone()).map_err(parse_err)?;
            let enc = BertModel::<RobertaEmbeddings>::new_with_optional_pooler(
                root / "roberta",
                &cfg,
                false,
            );
            (Encoder::Roberta(enc), cfg.hidden_size, cfg.type_vocab_size)
        }
        Architecture::DistilBert => {
            let cfg: DistilBertConfig =
                serde_json::from_value(config_json.clone()).map_err(parse_err)?;
            let enc = DistilBertModel::new(root, &cfg);
            (Encoder::DistilBert(enc), cfg.dim, 1)
        }
    })
}

/// Copies stored tensor `src` into variable `var` (of weight `name`), in the variable's kind; a
/// variable a frozen encoder emptied takes the stored tensor back.
fn copy_weight(var: &mut Tensor, src: &Tensor, name: &str, path: &Path) -> Result<()> {
    if var.numel() == 0 && src.numel() > 0 {
        var.set_data(&src.to_kind(var.kind()));
        return Ok(());
    }
    if src.size() != var.size() {
        return Err(Error::model(
            path,
            format!(
                "weight {name} has shape {:?}, the config asks for {:?}",
                src.size(),
                var.size()
            ),
        ));
    }
    var.f_copy_(&src.to_kind(var.kind())).engine()?;
    Ok(())
}

impl TokenClassifier {
    /// Loads a model directory.
    pub fn load(dir: &Path, mode: LoadMode) -> Result<TokenClassifier> {
        if dir.join(CHECKSUMS).exists() {
            verify_checksums(dir)?;
        }
        let config_path = dir.join("config.json");
        let (mut config_json, head) = read_config(dir, &config_path)?;
        let architecture = architecture_of(&head, dir)?;
        let (labels, casing, specs) = label_plan(&mode, &head, &config_path)?;
        let heads = split_heads(&labels, specs.as_deref(), &config_path)?;
        let active = serving_index(&head, &mode, &heads, &config_path)?;
        if casing && architecture != Architecture::Bert {
            return Err(Error::model(dir, "newsner_casing needs a BERT encoder"));
        }
        // Keep config.json in sync with the head we built, so `save` writes a loadable directory.
        let serving = specs.as_ref().map(|_| heads[active].name.as_str());
        sync_config(&mut config_json, &labels, casing, specs.as_deref(), serving);
        let vs = nn::VarStore::new(Device::Cpu);
        let root = vs.root();
        let (encoder, hidden, type_vocab_size) =
            build_encoder(architecture, &root, &config_json, &config_path)?;
        let classifier = nn::linear(
            &root / "classifier",
            hidden,
            labels.len() as i64,
            Default::default(),
        );
        let mut model = TokenClassifier {
            vs,
            encoder,
            classifier,
            dropout: head.hidden_dropout_prob.or(head.dropout).unwrap_or(0.1),
            labels,
            heads,
            active,
            combine: Combine::Alone,
            plan: None,
            dir: dir.to_path_buf(),
            architecture,
            casing,
            max_positions: head.max_position_embeddings.unwrap_or(512),
            type_vocab_size: type_vocab_size.max(1),
            precision: Precision::F32,
            config_json,
            frozen: None,
            released: false,
        };
        let weights = dir.join("model.safetensors");
        model.load_weights(&weights, &mode)?;
        if matches!(mode, LoadMode::Complete) {
            model.set_combine(head.newsner_combine)?;
        }
        Ok(model)
    }

    /// Copies the tensors of a safetensors file into the model's variables, matching Hugging Face names
    /// with or without the encoder prefix (`bert.`), and old `gamma`/`beta` layer-norm names.
    fn load_weights(&mut self, path: &Path, mode: &LoadMode) -> Result<()> {
        let tensors = Tensor::read_safetensors(path)
            .map_err(|e| Error::model(path, format!("cannot read weights: {e}")))?;
        let mut by_name: HashMap<String, Tensor> = HashMap::new();
        let keep_rows = match mode {
            LoadMode::BaseEncoder { keep_rows, .. } => Some(*keep_rows),
            LoadMode::Complete => None,
        };
        for (name, t) in tensors {
            // A base encoder's own head is replaced by the new one, or becomes its first rows.
            let t = match keep_rows {
                Some(0) if name.starts_with("classifier.") => continue,
                Some(k) if name.starts_with("classifier.") => {
                    self.grow_head(&name, &t, k, path)?;
                    continue;
                }
                _ => t,
            };
            let name = name
                .replace("LayerNorm.gamma", "LayerNorm.weight")
                .replace("LayerNorm.beta", "LayerNorm.bias");
            by_name.insert(name, t);
        }
        let mut missing = Vec::new();
        let mut variables = self.vs.variables();
        let mut names: Vec<String> = variables.keys().cloned().collect();
        names.sort();
        tch::no_grad(|| -> Result<()> {
            for name in names {
                let var = variables.get_mut(&name).expect("listed variable");
                let stripped = name.split_once('.').map(|(_, rest)| rest.to_string());
                let found = by_name
                    .get(&name)
                    .or_else(|| stripped.as_ref().and_then(|s| by_name.get(s)));
                match found {
                    Some(src) => copy_weight(var, src, &name, path)?,
                    None => {
                        let optional = name.contains("casing_embeddings")
                            || (matches!(mode, LoadMode::BaseEncoder { .. })
                                && name.starts_with("classifier."));
                        if !optional {
                            missing.push(name);
                        }
                    }
                }
            }
            Ok(())
        })?;
        match missing.as_slice() {
            [] => Ok(()),
            _ => Err(Error::model(
                path,
                format!(
                    "{} weights missing, e.g. {}",
                    missing.len(),
                    missing[..missing.len().min(3)].join(", ")
                ),
            )),
        }
    }

    /// Copies a base model's classifier tensor (`[k, hidden]` weight or `[k]` bias) into the first `k`
    /// rows of this model's, which has more heads.
    fn grow_head(&mut self, name: &str, src: &Tensor, k: usize, path: &Path) -> Result<()> {
        let dst = if name.ends_with("weight") {
            &mut self.classifier.ws
        } else {
            match self.classifier.bs.as_mut() {
                Some(b) => b,
                None => return Ok(()),
            }
        };
        if src.size()[0] != k as i64 || src.size()[1..] != dst.size()[1..] {
            return Err(Error::model(
                path,
                format!(
                    "{name} has shape {:?}, expected {k} rows of the new classifier's {:?}",
                    src.size(),
                    dst.size()
                ),
            ));
        }
        tch::no_grad(|| dst.narrow(0, 0, k as i64).f_copy_(&src.to_kind(dst.kind()))).engine()?;
        Ok(())
    }

    /// Logits of the active head, shape `[batch, length, labels]`.
    ///
    /// `casing` holds [`Casing`](super::casing::Casing) ids; it is ignored by models without a casing
    /// embedding. `train` turns dropout on.
    pub fn forward(
        &self,
        input_ids: &Tensor,
        attention_mask: &Tensor,
        casing: &Tensor,
        train: bool,
    ) -> Result<Tensor> {
        let Some(plan) = &self.plan else {
            return self.forward_head(input_ids, attention_mask, casing, train, self.active);
        };
        let logits = self.all_logits(input_ids, attention_mask, casing, train)?;
        Ok(plan.apply(&logits, &self.heads, self.active))
    }

    /// Sets how the other heads join the active one ([`Combine`]); selecting another head sets it back
    /// to [`Combine::Alone`].
    pub fn set_combine(&mut self, combine: Combine) -> Result<()> {
        self.plan =
            Plan::new(&combine, &self.heads, self.active, self.vs.device()).map_err(|m| {
                Error::model(
                    &self.dir,
                    format!(
                        "head {:?} cannot serve as {combine:?}: {m}",
                        self.head_name()
                    ),
                )
            })?;
        self.combine = combine;
        Ok(())
    }

    /// How the other heads join the active one.
    pub fn combine(&self) -> &Combine {
        &self.combine
    }

    /// Logits of head `head` (an index into [`TokenClassifier::heads`]).
    pub fn forward_head(
        &self,
        input_ids: &Tensor,
        attention_mask: &Tensor,
        casing: &Tensor,
        train: bool,
        head: usize,
    ) -> Result<Tensor> {
        let head = self
            .heads
            .get(head)
            .ok_or_else(|| Error::model(&self.dir, format!("the model has no head {head}")))?;
        let logits = self.all_logits(input_ids, attention_mask, casing, train)?;
        if head.labels.len() == self.labels.len() {
            return Ok(logits);
        }
        Ok(logits.narrow(-1, head.start as i64, head.labels.len() as i64))
    }

    /// The output layer's logits for every head's labels, shape `[batch, length, all labels]`.
    fn all_logits(
        &self,
        input_ids: &Tensor,
        attention_mask: &Tensor,
        casing: &Tensor,
        train: bool,
    ) -> Result<Tensor> {
        let hidden = match (&self.encoder, &self.frozen) {
            (Encoder::Bert(_), Some(frozen)) if !train => {
                frozen.forward(input_ids, attention_mask, &self.casing_channel(casing))?
            }
            (Encoder::Bert(m), _) => {
                m.forward_t(
                    Some(input_ids),
                    Some(attention_mask),
                    Some(&self.casing_channel(casing)),
                    None,
                    None,
                    None,
                    None,
                    train,
                )
                .engine()?
                .hidden_state
            }
            (Encoder::Roberta(m), _) => {
                m.forward_t(
                    Some(input_ids),
                    Some(attention_mask),
                    None,
                    None,
                    None,
                    None,
                    None,
                    train,
                )
                .engine()?
                .hidden_state
            }
            (Encoder::DistilBert(m), _) => {
                m.forward_t(Some(input_ids), Some(attention_mask), None, train)
                    .engine()?
                    .hidden_state
            }
        };
        Ok(self
            .classifier
            .forward(&hidden.dropout(self.dropout, train)))
    }

    /// Forward FLOPs per position (linear layers: 2 × multiply-adds) and per attention pair (QKᵀ and
    /// attention × V over all layers), read from the configuration.
    pub fn flop_coefficients(&self) -> (f64, f64) {
        let get = |k: &str| self.config_json.get(k).and_then(|v| v.as_f64());
        let (h, i, layers) = match self.architecture {
            Architecture::DistilBert => (
                get("dim").unwrap_or(768.0),
                get("hidden_dim").unwrap_or(3072.0),
                get("n_layers").unwrap_or(6.0),
            ),
            _ => (
                get("hidden_size").unwrap_or(768.0),
                get("intermediate_size").unwrap_or(3072.0),
                get("num_hidden_layers").unwrap_or(12.0),
            ),
        };
        let nl = self.labels().len() as f64;
        let per_position = 2.0 * (layers * (4.0 * h * h + 2.0 * h * i) + h * nl);
        let per_attention = layers * 4.0 * h;
        (per_position, per_attention)
    }

    /// The active head's labels, in id order.
    pub fn labels(&self) -> &[String] {
        &self.heads[self.active].labels
    }

    /// The output layers.
    pub fn heads(&self) -> &[Head] {
        &self.heads
    }

    /// The active head's name.
    pub fn head_name(&self) -> &str {
        &self.heads[self.active].name
    }

    /// Makes the head called `name` the one [`TokenClassifier::forward`] and
    /// [`TokenClassifier::labels`] use.
    pub fn select_head(&mut self, name: &str) -> Result<()> {
        self.plan = None;
        self.combine = Combine::Alone;
        self.active = self
            .heads
            .iter()
            .position(|h| h.name == name)
            .ok_or_else(|| {
                Error::model(
                    &self.dir,
                    format!(
                        "the model has no head {name:?} (it has {})",
                        self.heads
                            .iter()
                            .map(|h| h.name.as_str())
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                )
            })?;
        Ok(())
    }

    /// The encoder family.
    pub fn architecture(&self) -> Architecture {
        self.architecture
    }

    /// Whether the model has a casing embedding.
    pub fn uses_casing(&self) -> bool {
        self.casing
    }

    /// The longest input the position embeddings allow.
    pub fn max_positions(&self) -> i64 {
        match self.architecture {
            // RoBERTa's positions start after the padding index.
            Architecture::Roberta => self.max_positions - 2,
            _ => self.max_positions,
        }
    }

    /// The token-type channel the embeddings take: `casing × type_vocab_size` (segment 0), or zeros for
    /// a model without a casing embedding.
    fn casing_channel(&self, casing: &Tensor) -> Tensor {
        if self.casing {
            casing * self.type_vocab_size
        } else {
            casing.zeros_like()
        }
    }

    /// Converts the weights to `precision` (a no-op when they already are); a frozen model rebuilds
    /// its inference encoder. `Int8` needs a BERT encoder and AVX2.
    pub fn set_precision(&mut self, precision: Precision) -> Result<()> {
        let precision = precision.resolve();
        if precision == Precision::Int8 {
            if self.architecture != Architecture::Bert {
                return Err(Error::model(
                    &self.dir,
                    "int8 needs a BERT encoder; use --precision f32 or bf16",
                ));
            }
            if !super::encoder::int8_supported() {
                return Err(Error::model(
                    &self.dir,
                    "int8 needs a CPU with AVX2; use --precision f32 or bf16",
                ));
            }
        }
        if self.precision != precision {
            let frozen = self.frozen.is_some();
            self.restore_weights()?;
            self.vs.set_kind(precision.kind());
            self.precision = precision;
            if frozen {
                self.freeze()?;
            }
        }
        Ok(())
    }

    /// Reads back the weights an int8 freeze dropped (a no-op otherwise).
    fn restore_weights(&mut self) -> Result<()> {
        if self.released {
            self.frozen = None;
            let weights = self.dir.join("model.safetensors");
            self.load_weights(&weights, &LoadMode::Complete)?;
            self.released = false;
        }
        Ok(())
    }

    /// Builds the inference encoder ([`super::encoder`]) that `forward` uses from now on when not
    /// training (BERT models; the others keep rust-bert's layers). Training must not follow: the
    /// encoder holds its own copies of the weights.
    pub fn freeze(&mut self) -> Result<()> {
        if self.architecture != Architecture::Bert {
            return Ok(());
        }
        let get = |k: &str| self.config_json.get(k).and_then(|v| v.as_f64());
        let shape = Shape {
            layers: get("num_hidden_layers").unwrap_or(12.0) as usize,
            heads: get("num_attention_heads").unwrap_or(12.0) as i64,
            hidden: get("hidden_size").unwrap_or(768.0) as i64,
            eps: get("layer_norm_eps").unwrap_or(1e-12),
            type_vocab_size: self.type_vocab_size,
        };
        let linear = match self.precision {
            Precision::Int8 => LinearKind::Int8,
            _ => LinearKind::Float,
        };
        self.restore_weights()?;
        let vars = self.vs.variables();
        self.frozen = Some(InferenceEncoder::new(
            &vars,
            shape,
            linear,
            self.precision.attention_kind(),
        )?);
        // The encoder emptied the variables it copied.
        self.released = true;
        Ok(())
    }

    /// The precision the model computes in.
    pub fn precision(&self) -> Precision {
        self.precision
    }

    /// The variable store, for training.
    pub fn var_store(&self) -> &nn::VarStore {
        &self.vs
    }

    /// The variable store, mutable, for training.
    pub fn var_store_mut(&mut self) -> Result<&mut nn::VarStore> {
        // Training changes the weights: the inference encoder's copies would go stale.
        self.restore_weights()?;
        self.frozen = None;
        Ok(&mut self.vs)
    }

    /// Replaces every weight with the mean of this model's and `others`' (a "model soup", Wortsman et al.
    /// 2022). The models must have the same labels and weights of the same names and shapes, as
    /// fine-tunes of one model do; this one keeps its config and serving head.
    pub fn average_with(&mut self, others: &[TokenClassifier]) -> Result<()> {
        if let Some(o) = others.iter().find(|o| o.labels != self.labels) {
            return Err(Error::model(
                &o.dir,
                format!("its labels differ from those of {}", self.dir.display()),
            ));
        }
        let theirs: Vec<_> = others.iter().map(|o| o.vs.variables()).collect();
        let n = (others.len() + 1) as f64;
        tch::no_grad(|| {
            for (name, mut var) in self.vs.variables() {
                let mut sum = var.to_kind(Kind::Float);
                for (o, vars) in others.iter().zip(&theirs) {
                    let t = vars
                        .get(&name)
                        .filter(|t| t.size() == var.size())
                        .ok_or_else(|| {
                            Error::model(
                                &o.dir,
                                format!("no weight {name} of shape {:?}", var.size()),
                            )
                        })?;
                    sum += t.to_kind(Kind::Float);
                }
                var.copy_(&(sum / n).to_kind(var.kind()));
            }
            Ok(())
        })
    }

    /// Writes `config.json` and `model.safetensors` (in `kind`, e.g. f16 to halve the size) into `dir`.
    /// The tokenizer is copied by the caller.
    pub fn save(&self, dir: &Path, kind: Kind) -> Result<()> {
        if self.released {
            return Err(Error::model(
                &self.dir,
                "a model frozen in int8 holds its encoder's weights quantized and cannot be saved",
            ));
        }
        std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        // The active head is the one that serves.
        let mut config_json = self.config_json.clone();
        if self.heads.len() > 1 {
            config_json["newsner_serving_head"] = serde_json::json!(self.head_name());
            config_json["newsner_combine"] = serde_json::json!(self.combine);
        }
        let config = serde_json::to_string_pretty(&config_json).map_err(|e| Error::Json {
            path: dir.join("config.json"),
            source: e,
        })?;
        crate::store::write_atomic(&dir.join("config.json"), config.as_bytes())?;
        let mut named: Vec<(String, Tensor)> = self
            .vs
            .variables()
            .into_iter()
            .map(|(n, t)| (n, t.detach().to_kind(kind)))
            .collect();
        named.sort_by(|a, b| a.0.cmp(&b.0));
        let tmp = dir.join("model.safetensors.partial");
        Tensor::write_safetensors(&named, &tmp).engine()?;
        let dst = dir.join("model.safetensors");
        std::fs::rename(&tmp, &dst).map_err(|e| Error::io(dst, e))?;
        Ok(())
    }

    /// A stable digest of the weights file and config, for cache keys. Checks the folder's checksums
    /// on the way (see [`verify_checksums`]).
    pub fn fingerprint(dir: &Path) -> Result<String> {
        let sums = verify_checksums(dir)?;
        Ok(crate::store::sha256_hex(sums.concat().as_bytes()))
    }
}

/// The files a model folder is made of, in the order they are hashed.
pub const MODEL_FILES: [&str; 3] = ["config.json", "model.safetensors", "tokenizer.json"];

/// The checksum file of a model folder, in `sha256sum` format (`sha256sum -c checksums.sha256` checks
/// it by hand).
pub const CHECKSUMS: &str = "checksums.sha256";

fn file_sha256(path: &Path) -> Result<String> {
    use sha2::Digest;
    let mut f = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
    let mut h = sha2::Sha256::new();
    std::io::copy(&mut f, &mut h).map_err(|e| Error::io(path, e))?;
    Ok(h.finalize().iter().map(|b| format!("{b:02x}")).collect())
}

/// Writes `checksums.sha256` for the model files in `dir`.
pub fn write_checksums(dir: &Path) -> Result<()> {
    let mut text = String::new();
    for name in MODEL_FILES {
        text.push_str(&format!("{}  {name}\n", file_sha256(&dir.join(name))?));
    }
    crate::store::write_atomic(&dir.join(CHECKSUMS), text.as_bytes())
}

/// The SHA-256 of each model file; when the folder has `checksums.sha256` (the shipped and trained
/// models do), each file must match it, so a damaged or half-copied model is refused instead of giving
/// no entities. A model from elsewhere without the file is used as it is.
pub fn verify_checksums(dir: &Path) -> Result<Vec<String>> {
    let listed = std::fs::read_to_string(dir.join(CHECKSUMS)).ok();
    let mut sums = Vec::new();
    for name in MODEL_FILES {
        let sum = file_sha256(&dir.join(name))
            .map_err(|e| Error::model(dir, format!("cannot read {name}: {e}")))?;
        if let Some(listed) = &listed {
            let expected = listed.lines().find_map(|l| {
                let mut parts = l.split_whitespace();
                let (sum, file) = (parts.next()?, parts.next()?);
                (file.trim_start_matches('*') == name).then_some(sum)
            });
            if expected != Some(sum.as_str()) {
                return Err(Error::model(
                    dir,
                    format!("{name} does not match {CHECKSUMS} (damaged or partly copied?); restore the model folder"),
                ));
            }
        }
        sums.push(sum);
    }
    Ok(sums)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels(n: usize) -> Vec<String> {
        (0..n).map(|i| format!("L{i}")).collect()
    }

    #[test]
    fn heads_split_the_labels_in_order() {
        let specs = [
            HeadSpec {
                name: "a".into(),
                labels: 3,
            },
            HeadSpec {
                name: "b".into(),
                labels: 2,
            },
        ];
        let heads = split_heads(&labels(5), Some(&specs), Path::new("m")).unwrap();
        assert_eq!(heads[1].start, 3);
        assert_eq!(heads[1].labels, vec!["L3", "L4"]);
        // Heads that do not cover id2label exactly are refused.
        assert!(split_heads(&labels(6), Some(&specs), Path::new("m")).is_err());
        assert!(split_heads(&labels(4), Some(&specs), Path::new("m")).is_err());
        // No declaration: one head over everything.
        let one = split_heads(&labels(4), None, Path::new("m")).unwrap();
        assert_eq!((one.len(), one[0].name.as_str()), (1, DEFAULT_HEAD));
    }
}
