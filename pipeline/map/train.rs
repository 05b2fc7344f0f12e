//! Fine-tuning a token classifier on CoNLL-format data, and scoring a model on it.
//!
//! Training examples are built with the same tokenization the pipeline uses at run time
//! ([`Recognizer::tokenize`]): each CoNLL document becomes one text, and every pre-tokenizer word takes the
//! tag of the CoNLL token it belongs to (a `B-` becomes `I-` after the token's first piece). The loss is
//! on each word's first sub-word.
//!
//! **Document context.** With `context` on, windows are packed with consecutive whole sentences of the
//! same document up to the window length, so every sentence is seen with its neighbours, and each epoch
//! starts the packing at a different sentence so the boundaries move. Evaluation runs the pipeline's own
//! overlapping-window inference over whole documents. With `context` off, every sentence is its own
//! window in training and in evaluation.

use crate::conll::{self, Document};
use crate::error::{Error, Result};
use crate::eval::{Report, Scorer};
use crate::ner::combine::Combine;
use crate::ner::labels;
use crate::ner::model::{HeadSpec, LoadMode, TokenClassifier};
use crate::ner::{InferenceConfig, Recognizer, TokenizedDoc};
use crate::EngineResult;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Instant;
use tch::nn::OptimizerConfig;
use tch::{nn, Kind, Reduction, Tensor};

/// The CoNLL-2003 label set, IOB2.
pub const CONLL_LABELS: [&str; 9] = [
    "O", "B-PER", "I-PER", "B-LOC", "I-LOC", "B-ORG", "I-ORG", "B-MISC", "I-MISC",
];

/// OntoNotes 5's 18 entity types, in the order of its documentation.
pub const ONTONOTES_TYPES: [&str; 18] = [
    "PERSON",
    "NORP",
    "FAC",
    "ORG",
    "GPE",
    "LOC",
    "PRODUCT",
    "EVENT",
    "WORK_OF_ART",
    "LAW",
    "LANGUAGE",
    "DATE",
    "TIME",
    "PERCENT",
    "MONEY",
    "QUANTITY",
    "ORDINAL",
    "CARDINAL",
];

/// A label set a training or dev file is annotated in; each has its own output layer (head).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LabelSet {
    /// CoNLL-2003: PER, LOC, ORG, MISC.
    Conll,
    /// OntoNotes 5: the 18 [`ONTONOTES_TYPES`].
    Ontonotes,
}

impl LabelSet {
    /// The head's name in a model's `config.json`.
    pub fn name(self) -> &'static str {
        match self {
            LabelSet::Conll => "conll",
            LabelSet::Ontonotes => "ontonotes",
        }
    }

    /// The IOB2 labels, `O` first.
    pub fn labels(self) -> Vec<String> {
        match self {
            LabelSet::Conll => CONLL_LABELS.iter().map(|s| s.to_string()).collect(),
            LabelSet::Ontonotes => std::iter::once("O".to_string())
                .chain(
                    ONTONOTES_TYPES
                        .iter()
                        .flat_map(|t| [format!("B-{t}"), format!("I-{t}")]),
                )
                .collect(),
        }
    }

    /// The label set of a file's documents: OntoNotes when a tag has a type CoNLL-2003 does not have.
    pub fn of(docs: &[Document]) -> LabelSet {
        let conll = ["PER", "LOC", "ORG", "MISC"];
        let foreign = docs
            .iter()
            .flat_map(|d| &d.sentences)
            .flat_map(|s| &s.tags[0])
            .map(|t| labels::split_label(t).1)
            .any(|ty| !ty.is_empty() && !conll.contains(&ty));
        if foreign {
            LabelSet::Ontonotes
        } else {
            LabelSet::Conll
        }
    }
}

/// Everything that shapes a training run.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct TrainConfig {
    /// Base encoder directory (Hugging Face layout, no head needed), or a model already trained on the
    /// CoNLL labels, which keeps its head and goes on training (a second stage).
    pub base: PathBuf,
    /// Training files: CoNLL-2003 and/or OntoNotes 5 (OntoNotes types are mapped onto CoNLL's, see
    /// [`conll::to_conll_label`]).
    pub train: Vec<PathBuf>,
    /// Dev files (CoNLL-2003 and/or OntoNotes 5); the model with the best mean F1 over them is kept.
    pub dev: Vec<PathBuf>,
    /// Where the best model is written.
    pub out: PathBuf,
    /// Passes over the training data.
    pub epochs: usize,
    /// Peak learning rate.
    pub lr: f64,
    /// Windows per step.
    pub batch_size: usize,
    /// Random seed (initialisation, dropout, shuffling).
    pub seed: u64,
    /// Window length in tokens, special tokens included.
    pub max_len: usize,
    /// Learn a casing embedding.
    pub casing: bool,
    /// Train and evaluate with document context.
    pub context: bool,
    /// Share of steps spent warming up.
    pub warmup: f64,
    /// AdamW weight decay.
    pub weight_decay: f64,
    /// Gradient norm clip.
    pub clip: f64,
    /// Use only the first N training sentences (0 = all): smoke tests and quick ablations.
    pub limit: usize,
    /// Score on dev every N steps as well as after each epoch (0 = only after epochs).
    pub eval_every: usize,
    /// Stop after this many minutes of training (0 = no limit); the best model so far is kept.
    pub max_minutes: f64,
    /// Log the mean loss every N steps.
    pub log_every: usize,
    /// Share of training sentences rewritten in the shapes of web pages (see [`augment_labelled`]).
    pub augment: f64,
    /// Map every file onto CoNLL-2003's labels and train one head, instead of one head per label set.
    pub one_head: bool,
    /// The head that serves the tables (default: the label set with the most labels).
    pub serving_head: Option<LabelSet>,
    /// How the saved model's other heads join the serving one ([`Combine`]).
    pub combine: Combine,
}

impl Default for TrainConfig {
    fn default() -> Self {
        TrainConfig {
            base: PathBuf::from("models/base/all-MiniLM-L6-v2"),
            train: vec![PathBuf::from("../shared/data/conll2003/train.txt")],
            dev: vec![PathBuf::from("../shared/data/conll2003/valid.txt")],
            out: PathBuf::from("models/newsner-minilm-conll03"),
            epochs: 4,
            lr: 1e-4,
            batch_size: 16,
            seed: 13,
            max_len: 128,
            casing: true,
            context: true,
            warmup: 0.06,
            weight_decay: 0.01,
            clip: 1.0,
            limit: 0,
            eval_every: 0,
            max_minutes: 0.0,
            log_every: 50,
            augment: 0.0,
            one_head: false,
            serving_head: None,
            combine: Combine::Alone,
        }
    }
}

/// One training window: ids, casing and targets (-100 where no loss is taken), for one head.
struct Example {
    ids: Vec<i64>,
    casing: Vec<i64>,
    targets: Vec<i64>,
    head: usize,
}

/// A tokenized CoNLL document with a label per token (or -100), the sentence of each token, and the
/// head its labels train.
struct LabelledDoc {
    doc: TokenizedDoc,
    target: Vec<i64>,
    sentence: Vec<usize>,
    head: usize,
}

/// Reads a CoNLL or OntoNotes file with its label set; with `one_head`, mapped onto CoNLL's.
fn read_labelled_set(path: &Path, one_head: bool) -> Result<(LabelSet, Vec<Document>)> {
    if one_head {
        return Ok((LabelSet::Conll, conll::read_as_conll(path)?));
    }
    let docs = conll::read(path, 1)?;
    Ok((LabelSet::of(&docs), docs))
}

fn label_doc(rec: &Recognizer, doc: &Document, label_ids: &[String]) -> Result<LabelledDoc> {
    let (text, ranges) = doc.text();
    let tok = rec
        .codec()
        .tokenize(&text, std::slice::from_ref(&(0..text.len())))?;
    // Token starts of the CoNLL tokens, flattened, with their sentence and IOB2 tag.
    let mut starts = Vec::new();
    for (s, (sent, r)) in doc.sentences.iter().zip(&ranges).enumerate() {
        let tags: Vec<&str> = sent.tags[0].iter().map(String::as_str).collect();
        for (tag, range) in labels::to_iob2(&tags).into_iter().zip(r) {
            starts.push((range.start, range.end, s, tag));
        }
    }
    let mut target = vec![-100i64; tok.ids.len()];
    let mut sentence = vec![0usize; tok.ids.len()];
    let mut seen_word = vec![false; tok.words.len()];
    for t in 0..tok.ids.len() {
        let w = tok.word_of[t];
        let ws = tok.words[w].start;
        let k = match starts.binary_search_by(|x| x.0.cmp(&ws)) {
            Ok(k) => k,
            Err(0) => 0,
            Err(k) => k - 1,
        };
        let (ts, _, s, ref tag) = starts[k];
        sentence[t] = s;
        if seen_word[w] {
            continue;
        }
        seen_word[w] = true;
        let tag = if ws > ts {
            tag.replacen("B-", "I-", 1)
        } else {
            tag.clone()
        };
        target[t] = label_ids.iter().position(|l| *l == tag).unwrap_or(0) as i64;
    }
    Ok(LabelledDoc {
        doc: tok,
        target,
        sentence,
        head: 0,
    })
}

/// Packs a document's tokens into windows: with context, consecutive whole sentences up to `size`
/// tokens, starting after `skip` sentences in a window of their own; without, one sentence each. A
/// sentence longer than `size` is split.
fn pack(d: &LabelledDoc, size: usize, context: bool, skip: usize) -> Vec<std::ops::Range<usize>> {
    let mut sents: Vec<std::ops::Range<usize>> = Vec::new();
    for t in 0..d.sentence.len() {
        match sents.last_mut() {
            Some(r) if d.sentence[r.start] == d.sentence[t] => r.end = t + 1,
            _ => sents.push(t..t + 1),
        }
    }
    let mut out: Vec<std::ops::Range<usize>> = Vec::new();
    let mut cur: Option<std::ops::Range<usize>> = None;
    for (i, s) in sents.into_iter().enumerate() {
        let mut s = s;
        while s.len() > size {
            if let Some(c) = cur.take() {
                out.push(c);
            }
            out.push(s.start..s.start + size);
            s = s.start + size..s.end;
        }
        let fits = cur
            .as_ref()
            .is_some_and(|c| context && i != skip && s.end - c.start <= size);
        match (&mut cur, fits) {
            (Some(c), true) => c.end = s.end,
            _ => {
                if let Some(c) = cur.take() {
                    out.push(c);
                }
                cur = Some(s);
            }
        }
    }
    if let Some(c) = cur {
        out.push(c);
    }
    out
}

/// How a sentence is rewritten by [`augment`]: the shapes news pages give text.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Shape {
    /// ALL-CAPS headlines, datelines and shouted sentences.
    Upper,
    /// Title-Case headlines: every word capitalised.
    Title,
    /// Lowercase text (captions, social media, search boxes).
    Lower,
}

fn reshape(token: &str, shape: Shape) -> String {
    match shape {
        Shape::Upper => token.to_uppercase(),
        Shape::Lower => token.to_lowercase(),
        Shape::Title => {
            let mut c = token.chars();
            match c.next() {
                Some(f) => f.to_uppercase().chain(c).collect(),
                None => String::new(),
            }
        }
    }
}

/// Rewrites a share of the training sentences, chosen at random, in one of the shapes of web text
/// (ALL CAPS 40%, Title Case 40%, lowercase 20%); tokens and tags stay aligned, so the labels carry
/// over. Documents keep their order, so training still sees each sentence with its neighbours.
fn augment_labelled(docs: &mut [(LabelSet, Document)], share: f64, rng: &mut Rng) {
    if share <= 0.0 {
        return;
    }
    let per_mille = (share * 1000.0).round() as usize;
    for s in docs.iter_mut().flat_map(|d| d.1.sentences.iter_mut()) {
        if rng.below(1000) >= per_mille {
            continue;
        }
        let shape = match rng.below(10) {
            0..=3 => Shape::Upper,
            4..=7 => Shape::Title,
            _ => Shape::Lower,
        };
        for t in &mut s.tokens {
            *t = reshape(t, shape);
        }
    }
}

/// A small deterministic random generator (SplitMix64), so runs repeat from their seed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            let j = self.below(i + 1);
            v.swap(i, j);
        }
    }
}

/// What `train` reports.
#[derive(Debug, Clone, Serialize)]
pub struct TrainSummary {
    /// Best dev F1 (the mean over the dev files).
    pub best_dev_f1: f64,
    /// The epoch (1-based, fractional for mid-epoch evaluations) of the best dev F1.
    pub best_epoch: f64,
    /// Wall-clock seconds.
    pub seconds: f64,
    /// Optimiser steps taken.
    pub steps: usize,
    /// Dev reports of the best model, one per dev file.
    pub dev: Vec<Report>,
}

/// The `config.json` of the model in `dir`, if it reads.
fn read_config_json(dir: &Path) -> Option<serde_json::Value> {
    let raw = std::fs::read_to_string(dir.join("config.json")).ok()?;
    serde_json::from_str(&raw).ok()
}

/// Whether `config`'s `id2label` has `labels` from id `offset` on.
fn labels_at(config: &serde_json::Value, offset: usize, labels: &[String]) -> bool {
    let Some(map) = config["id2label"].as_object() else {
        return false;
    };
    labels.iter().enumerate().all(|(i, l)| {
        map.get(&(offset + i).to_string()).and_then(|v| v.as_str()) == Some(l.as_str())
    })
}

/// Whether the model in `dir` already classifies into `labels` (its `id2label`, in id order).
fn has_labels(dir: &Path, labels: &[String]) -> bool {
    read_config_json(dir).is_some_and(|c| {
        c["id2label"].as_object().map(|m| m.len()) == Some(labels.len()) && labels_at(&c, 0, labels)
    })
}

/// Whether the model in `dir` has an output layer of each label set's name and labels among its
/// layers (`newsner_heads`), so training on some of them keeps the others as they are.
fn has_heads(dir: &Path, sets: &[LabelSet]) -> bool {
    let Some(config) = read_config_json(dir) else {
        return false;
    };
    let Ok(heads) = serde_json::from_value::<Vec<HeadSpec>>(config["newsner_heads"].clone()) else {
        return false;
    };
    let mut offsets = HashMap::new();
    let mut offset = 0;
    for h in heads {
        offsets.insert(h.name, (offset, h.labels));
        offset += h.labels;
    }
    sets.iter().all(|s| {
        let labels = s.labels();
        offsets
            .get(s.name())
            .is_some_and(|&(at, n)| n == labels.len() && labels_at(&config, at, &labels))
    })
}

/// How to start from `base`: a model already trained on exactly these heads, or with a layer of each
/// among others, goes on training (a second stage; the layers no file trains stay as they are); one
/// trained on the first head's labels keeps that head and gains the others; a base encoder gets new
/// heads.
fn load_mode(base: &Path, sets: &[LabelSet], casing: bool) -> LoadMode {
    let all: Vec<String> = sets.iter().flat_map(|s| s.labels()).collect();
    let first = sets.first().map(|s| s.labels()).unwrap_or_default();
    if has_labels(base, &all) || has_heads(base, sets) {
        return LoadMode::Complete;
    }
    LoadMode::BaseEncoder {
        heads: sets
            .iter()
            .map(|s| (s.name().to_string(), s.labels()))
            .collect(),
        casing,
        keep_rows: if has_labels(base, &first) {
            first.len()
        } else {
            0
        },
    }
}

/// The training files, each labelled for the head of its label set, and the label sets in head order.
/// Training documents, each with the label set it is annotated in.
type LabelledSet = Vec<(LabelSet, Document)>;

fn read_training(cfg: &TrainConfig) -> Result<(Vec<LabelSet>, LabelledSet)> {
    let mut docs = Vec::new();
    for path in &cfg.train {
        let (set, file) = read_labelled_set(path, cfg.one_head)?;
        docs.extend(file.into_iter().map(|d| (set, d)));
    }
    let mut sets: Vec<LabelSet> = docs.iter().map(|d| d.0).collect();
    sets.sort();
    sets.dedup();
    Ok((sets, docs))
}

/// Fine-tunes `cfg.base` on `cfg.train`, keeps the model with the best dev F1 in `cfg.out`, logging to
/// `log` and to `cfg.out/train_log.jsonl`.
pub fn train(cfg: &TrainConfig, log: &mut dyn Write) -> Result<TrainSummary> {
    let started = Instant::now();
    tch::manual_seed(cfg.seed as i64);
    let mut rng = Rng(cfg.seed);
    let (sets, mut train_docs) = read_training(cfg)?;
    let model = TokenClassifier::load(&cfg.base, load_mode(&cfg.base, &sets, cfg.casing))?;
    let infer = InferenceConfig {
        max_len: cfg.max_len,
        stride: cfg.max_len * 3 / 4,
        batch_size: 64,
        ..InferenceConfig::default()
    };
    let mut rec = Recognizer::from_parts(&cfg.base, model, infer)?;
    let heads = Heads::new(&rec, &sets, cfg);
    let size = rec.content_len();
    augment_labelled(&mut train_docs, cfg.augment, &mut Rng(cfg.seed ^ 0xA116));
    limit_sentences(&mut train_docs, cfg.limit);
    let dev_sets = read_dev_sets(cfg, &rec, &heads)?;
    let mut labelled = Vec::with_capacity(train_docs.len());
    for (set, d) in &train_docs {
        let mut l = label_doc(&rec, d, &set.labels())?;
        l.head = heads.of(&rec, *set)?;
        labelled.push(l);
    }
    let special = special_ids(&rec)?;
    let schedule = Schedule::new(&labelled, rec.model().heads().len(), size, cfg);
    log_start(log, &labelled, &schedule, cfg, &sets);
    std::fs::create_dir_all(&cfg.out).map_err(|e| Error::io(&cfg.out, e))?;
    let log_path = cfg.out.join("train_log.jsonl");
    let jsonl = std::fs::File::create(&log_path).map_err(|e| Error::io(&log_path, e))?;
    let mut opt = nn::AdamW::default()
        .wd(cfg.weight_decay)
        .build(rec.model().var_store(), cfg.lr)
        .engine()?;
    let mut run = Run {
        cfg,
        started,
        log,
        jsonl,
        step: 0,
        best: None,
        out_of_time: false,
    };
    for epoch in 0..cfg.epochs {
        let examples = epoch_examples(&labelled, size, cfg.context, epoch, &mut rng, &special);
        let batches = make_batches(
            &examples,
            rec.model().heads().len(),
            cfg.batch_size,
            &mut rng,
        );
        if run.epoch(
            &mut rec, &mut opt, &schedule, epoch, &examples, &batches, &dev_sets, &heads,
        )? {
            break;
        }
    }
    run.finish()
}

/// The first line of the log: what is trained, on how much.
fn log_start(
    log: &mut dyn Write,
    labelled: &[LabelledDoc],
    schedule: &Schedule,
    cfg: &TrainConfig,
    sets: &[LabelSet],
) {
    writeln!(
        log,
        "train: {} documents, {} tokens, {} steps/epoch, {} epochs, casing={}, context={}, heads={:?}",
        labelled.len(),
        labelled.iter().map(|d| d.doc.ids.len()).sum::<usize>(),
        schedule.per_epoch,
        cfg.epochs,
        cfg.casing,
        cfg.context,
        sets.iter().map(|s| s.name()).collect::<Vec<_>>()
    )
    .ok();
}

/// Which output layer trains each label set, and the one that serves the saved model.
struct Heads {
    /// More than one label set: each trains the layer of its name.
    several: bool,
    /// The serving layer's name.
    serving: String,
    /// The base model, named in errors.
    base: PathBuf,
}

impl Heads {
    fn new(rec: &Recognizer, sets: &[LabelSet], cfg: &TrainConfig) -> Heads {
        let has = |s: &LabelSet| rec.model().heads().iter().any(|h| h.name == s.name());
        let serving = cfg
            .serving_head
            .filter(|s| sets.contains(s) || has(s))
            .or_else(|| sets.iter().copied().max_by_key(|s| s.labels().len()))
            .unwrap_or(LabelSet::Conll);
        // Several layers, named by label set, whether the files train all of them or some.
        let several = sets.len() > 1 || rec.model().heads().len() > 1;
        Heads {
            several,
            serving: match several {
                false => model_head_name(rec).to_string(),
                true => serving.name().to_string(),
            },
            base: cfg.base.clone(),
        }
    }

    /// The index of the layer that label set `set` trains.
    fn of(&self, rec: &Recognizer, set: LabelSet) -> Result<usize> {
        let name = if self.several {
            set.name()
        } else {
            model_head_name(rec)
        };
        rec.model()
            .heads()
            .iter()
            .position(|h| h.name == name)
            .ok_or_else(|| Error::model(&self.base, format!("no head {name:?} to train")))
    }
}

/// Keeps the first `limit` training sentences (all where 0).
fn limit_sentences(docs: &mut Vec<(LabelSet, Document)>, limit: usize) {
    if limit == 0 {
        return;
    }
    let mut left = limit;
    docs.retain_mut(|(_, d)| {
        if left == 0 {
            return false;
        }
        d.sentences.truncate(left);
        left -= d.sentences.len();
        true
    });
}

/// The dev files, each with the name of the layer that scores it: on CoNLL's four types (OntoNotes'
/// mapped), each by its own label set's layer.
fn read_dev_sets(
    cfg: &TrainConfig,
    rec: &Recognizer,
    heads: &Heads,
) -> Result<Vec<(String, Vec<Document>)>> {
    let mut dev_sets = Vec::new();
    for p in &cfg.dev {
        let mut docs = conll::read(p, 1)?;
        let set = LabelSet::of(&docs);
        conll::map_to_conll(&mut docs);
        let head = rec.model().heads()[heads.of(rec, set).unwrap_or(0)]
            .name
            .clone();
        dev_sets.push((head, docs));
    }
    Ok(dev_sets)
}

/// The learning rate's schedule: a linear warm-up, then a linear decay to 0 at the last step.
struct Schedule {
    per_epoch: usize,
    total: usize,
    warmup: usize,
    lr: f64,
}

impl Schedule {
    /// Counts the steps of every epoch as [`epoch_examples`] will pack them (each epoch after the first
    /// starts each document after a few sentences, drawn here up front so that the count is exact).
    fn new(labelled: &[LabelledDoc], heads: usize, size: usize, cfg: &TrainConfig) -> Schedule {
        let mut skip_rng = Rng(cfg.seed ^ 0x5EED);
        let steps_of = |epoch: usize, skip_rng: &mut Rng| {
            let mut windows = vec![0usize; heads];
            for d in labelled {
                let k = first_skip(d, epoch, skip_rng);
                windows[d.head] += pack(d, size, cfg.context, k).len();
            }
            windows
                .iter()
                .map(|w| w.div_ceil(cfg.batch_size))
                .sum::<usize>()
        };
        let counts: Vec<usize> = (0..cfg.epochs)
            .map(|e| steps_of(e, &mut skip_rng))
            .collect();
        let total = counts.iter().sum::<usize>().max(1);
        Schedule {
            per_epoch: counts.first().copied().unwrap_or(0),
            total,
            warmup: ((total as f64) * cfg.warmup).ceil().max(1.0) as usize,
            lr: cfg.lr,
        }
    }

    fn at(&self, step: usize) -> f64 {
        if step < self.warmup {
            self.lr * (step + 1) as f64 / self.warmup as f64
        } else {
            self.lr
                * ((self.total - step.min(self.total)) as f64
                    / (self.total - self.warmup).max(1) as f64)
        }
    }
}

/// How many sentences of document `d` an epoch skips before packing: none in the first epoch (where
/// every window starts at a document's start), up to three after.
fn first_skip(d: &LabelledDoc, epoch: usize, rng: &mut Rng) -> usize {
    let nsent = d.sentence.last().map_or(0, |s| s + 1);
    if epoch == 0 {
        usize::MAX
    } else {
        rng.below(nsent.min(4))
    }
}

/// One epoch's training windows, with the special tokens around each.
fn epoch_examples(
    labelled: &[LabelledDoc],
    size: usize,
    context: bool,
    epoch: usize,
    rng: &mut Rng,
    (prefix, suffix): &(Vec<u32>, Vec<u32>),
) -> Vec<Example> {
    let mut examples = Vec::new();
    for d in labelled {
        let skip = first_skip(d, epoch, rng);
        for r in pack(d, size, context, skip) {
            let mut ids: Vec<i64> = prefix.iter().map(|&t| t as i64).collect();
            let mut casing = vec![0i64; prefix.len()];
            let mut targets = vec![-100i64; prefix.len()];
            for t in r {
                ids.push(d.doc.ids[t] as i64);
                casing.push(d.doc.casing[t] as i64);
                targets.push(d.target[t]);
            }
            ids.extend(suffix.iter().map(|&t| t as i64));
            casing.extend(std::iter::repeat_n(0, suffix.len()));
            targets.extend(std::iter::repeat_n(-100, suffix.len()));
            examples.push(Example {
                ids,
                casing,
                targets,
                head: d.head,
            });
        }
    }
    examples
}

/// A batch's ids, casing, attention mask (each `[batch, width]`, padded) and flat targets, and how
/// many real tokens it holds.
fn batch_tensors(examples: &[Example], batch: &[usize]) -> ([Tensor; 4], usize) {
    let width = batch
        .iter()
        .map(|&i| examples[i].ids.len())
        .max()
        .unwrap_or(0);
    let (mut ids, mut cas, mut tgt, mut mask) = (vec![], vec![], vec![], vec![]);
    let mut tokens = 0;
    for &i in batch {
        let e = &examples[i];
        let pad = width - e.ids.len();
        ids.extend(&e.ids);
        ids.extend(std::iter::repeat_n(0, pad));
        cas.extend(&e.casing);
        cas.extend(std::iter::repeat_n(0, pad));
        tgt.extend(&e.targets);
        tgt.extend(std::iter::repeat_n(-100, pad));
        mask.extend(std::iter::repeat_n(1i64, e.ids.len()));
        mask.extend(std::iter::repeat_n(0, pad));
        tokens += e.ids.len();
    }
    let shape = [batch.len() as i64, width as i64];
    let t = [
        Tensor::from_slice(&ids).view(shape),
        Tensor::from_slice(&cas).view(shape),
        Tensor::from_slice(&mask).view(shape),
        Tensor::from_slice(&tgt).view([-1]),
    ];
    (t, tokens)
}

/// One optimizer step on one batch; its loss.
fn train_step(
    rec: &mut Recognizer,
    opt: &mut nn::Optimizer,
    examples: &[Example],
    batch: &[usize],
    clip: f64,
) -> Result<(f64, usize)> {
    let ([ids, cas, mask, tgt], tokens) = batch_tensors(examples, batch);
    let head = examples[batch[0]].head;
    let logits = rec.model().forward_head(&ids, &mask, &cas, true, head)?;
    let nl = rec.model().heads()[head].labels.len() as i64;
    let loss =
        logits
            .view([-1, nl])
            .cross_entropy_loss::<Tensor>(&tgt, None, Reduction::Mean, -100, 0.0);
    opt.zero_grad();
    loss.backward();
    opt.clip_grad_norm(clip);
    opt.step();
    Ok((loss.double_value(&[]), tokens))
}

/// A training run's progress: its logs, steps and best dev score so far.
struct Run<'a> {
    cfg: &'a TrainConfig,
    started: Instant,
    log: &'a mut dyn Write,
    jsonl: std::fs::File,
    step: usize,
    /// Mean dev F1, the epoch (fractional) it was reached at, and the dev reports.
    best: Option<(f64, f64, Vec<Report>)>,
    out_of_time: bool,
}

impl Run<'_> {
    fn line(&mut self, line: &serde_json::Value) {
        writeln!(self.log, "{line}").ok();
        writeln!(self.jsonl, "{line}").ok();
    }

    /// Trains one epoch's batches, logging the loss every `log_every` steps and scoring on dev at its
    /// end, every `eval_every` steps and when the time limit is reached; whether the time is up.
    #[allow(clippy::too_many_arguments)]
    fn epoch(
        &mut self,
        rec: &mut Recognizer,
        opt: &mut nn::Optimizer,
        schedule: &Schedule,
        epoch: usize,
        examples: &[Example],
        batches: &[Vec<usize>],
        dev_sets: &[(String, Vec<Document>)],
        heads: &Heads,
    ) -> Result<bool> {
        let cfg = self.cfg;
        let nb = batches.len();
        let deadline = (cfg.max_minutes > 0.0).then_some(cfg.max_minutes * 60.0);
        let (mut loss_sum, mut loss_n, mut tok_n) = (0.0f64, 0usize, 0usize);
        let mut t0 = Instant::now();
        for (bi, batch) in batches.iter().enumerate() {
            let lr = schedule.at(self.step);
            opt.set_lr(lr);
            let (loss, tokens) = train_step(rec, opt, examples, batch, cfg.clip)?;
            self.step += 1;
            loss_sum += loss;
            loss_n += 1;
            tok_n += tokens;
            if self.step.is_multiple_of(cfg.log_every.max(1)) || bi + 1 == nb {
                let secs = t0.elapsed().as_secs_f64();
                self.line(&serde_json::json!({
                    "epoch": epoch + 1, "step": self.step, "loss": loss_sum / loss_n as f64, "lr": lr,
                    "tokens_per_second": tok_n as f64 / secs.max(1e-9),
                    "elapsed_s": self.started.elapsed().as_secs_f64(),
                }));
                (loss_sum, loss_n, tok_n) = (0.0, 0, 0);
                t0 = Instant::now();
            }
            self.out_of_time = deadline.is_some_and(|d| self.started.elapsed().as_secs_f64() > d);
            let mid_eval =
                cfg.eval_every > 0 && self.step.is_multiple_of(cfg.eval_every) && bi + 1 != nb;
            if bi + 1 == nb || mid_eval || self.out_of_time {
                let at = epoch as f64 + (bi + 1) as f64 / nb as f64;
                self.evaluate(rec, at, dev_sets, heads)?;
                if self.out_of_time {
                    writeln!(self.log, "time limit reached after {at:.2} epochs").ok();
                    return Ok(true);
                }
            }
        }
        Ok(false)
    }

    /// Scores every dev set with its layer and saves the model when their mean F1 is the best yet.
    fn evaluate(
        &mut self,
        rec: &mut Recognizer,
        at: f64,
        dev_sets: &[(String, Vec<Document>)],
        heads: &Heads,
    ) -> Result<()> {
        let mut reports = Vec::with_capacity(dev_sets.len());
        for (head, docs) in dev_sets {
            rec.select_head(head)?;
            reports.push(evaluate_docs(rec, docs, self.cfg.context)?);
        }
        rec.select_head(&heads.serving)?;
        let f1s: Vec<f64> = reports.iter().map(|r| r.f1).collect();
        let mean = f1s.iter().sum::<f64>() / f1s.len().max(1) as f64;
        self.line(&serde_json::json!({
            "epoch": at, "step": self.step, "dev_precision": reports.first().map(|r| r.precision),
            "dev_recall": reports.first().map(|r| r.recall), "dev_f1": mean,
            "dev_f1_each": f1s, "elapsed_s": self.started.elapsed().as_secs_f64(),
        }));
        if self.best.as_ref().is_none_or(|b| mean > b.0) {
            rec.model_mut().set_combine(self.cfg.combine.clone())?;
            save_model(rec.model(), &self.cfg.base, &self.cfg.out)?;
            rec.model_mut().set_combine(Combine::Alone)?;
            self.best = Some((mean, at, reports));
        }
        Ok(())
    }

    /// The run's summary, also written to `cfg.out/train_summary.json`.
    fn finish(self) -> Result<TrainSummary> {
        let cfg = self.cfg;
        let (best_dev_f1, best_epoch, dev) = self.best.ok_or_else(|| {
            Error::input(
                cfg.train.first().map_or(Path::new("-"), PathBuf::as_path),
                "no training step was taken (empty training file?)",
            )
        })?;
        let summary = TrainSummary {
            best_dev_f1,
            best_epoch,
            seconds: self.started.elapsed().as_secs_f64(),
            steps: self.step,
            dev,
        };
        let text = serde_json::to_string_pretty(&serde_json::json!({
            "config": cfg, "summary": summary, "stopped_by_time_limit": self.out_of_time,
        }))
        .map_err(|e| Error::Json {
            path: cfg.out.join("train_summary.json"),
            source: e,
        })?;
        crate::store::write_atomic(&cfg.out.join("train_summary.json"), text.as_bytes())?;
        Ok(summary)
    }
}

/// The name of the model's first head (the only one of a one-head model).
fn model_head_name(rec: &Recognizer) -> &str {
    rec.model().heads().first().map_or("", |h| h.name.as_str())
}

/// Batches of `batch_size` windows, each of one head: shuffled, then sorted by length within pools of
/// 50 batches so that batches carry little padding; the batches of all heads are then shuffled together.
fn make_batches(
    examples: &[Example],
    heads: usize,
    batch_size: usize,
    rng: &mut Rng,
) -> Vec<Vec<usize>> {
    let mut order: Vec<usize> = (0..examples.len()).collect();
    rng.shuffle(&mut order);
    let pool = batch_size * 50;
    let mut batches: Vec<Vec<usize>> = Vec::new();
    for head in 0..heads {
        let mine: Vec<usize> = order
            .iter()
            .copied()
            .filter(|&i| examples[i].head == head)
            .collect();
        for chunk in mine.chunks(pool) {
            let mut c = chunk.to_vec();
            c.sort_by_key(|&i| examples[i].ids.len());
            batches.extend(c.chunks(batch_size).map(|b| b.to_vec()));
        }
    }
    rng.shuffle(&mut batches);
    batches
}

fn special_ids(rec: &Recognizer) -> Result<(Vec<u32>, Vec<u32>)> {
    let with = rec
        .codec()
        .tokenizer()
        .encode("a", true)
        .map_err(|e| Error::Tokenizer(e.to_string()))?;
    let mask = with.get_special_tokens_mask();
    let ids = with.get_ids();
    let first = mask.iter().position(|&m| m == 0).unwrap_or(ids.len());
    let last = mask
        .iter()
        .rposition(|&m| m == 0)
        .map_or(ids.len(), |p| p + 1);
    Ok((ids[..first].to_vec(), ids[last..].to_vec()))
}

/// Averages the weights of models fine-tuned from one model ([`TokenClassifier::average_with`]) into a
/// model written to `out`, with the first model's config, serving head and tokenizer.
pub fn average_models(dirs: &[PathBuf], out: &Path) -> Result<()> {
    let Some((first, rest)) = dirs.split_first() else {
        return Err(Error::model(out, "no models to average"));
    };
    let mut model = TokenClassifier::load(first, LoadMode::Complete)?;
    let others = rest
        .iter()
        .map(|d| TokenClassifier::load(d, LoadMode::Complete))
        .collect::<Result<Vec<_>>>()?;
    model.average_with(&others)?;
    save_model(&model, first, out)
}

/// Saves the model in f16 with the tokenizer of `tokenizer_dir`.
fn save_model(model: &TokenClassifier, tokenizer_dir: &Path, out: &Path) -> Result<()> {
    model.save(out, Kind::Half)?;
    let src = tokenizer_dir.join("tokenizer.json");
    let dst = out.join("tokenizer.json");
    if src != dst {
        std::fs::copy(&src, &dst).map_err(|e| Error::io(&dst, e))?;
    }
    crate::ner::model::write_checksums(out)
}

/// Scores a model on CoNLL documents, running the pipeline's inference over whole documents (`context`)
/// or sentence by sentence.
pub fn evaluate_docs(rec: &Recognizer, docs: &[Document], context: bool) -> Result<Report> {
    let mut scorer = Scorer::default();
    evaluate_docs_typed(rec, docs, context, None, &mut scorer)?;
    Ok(scorer.report())
}

/// [`evaluate_docs`] over the types in `keep` only (all when `None`): tags of other types count as
/// outside, in gold and in predictions alike. Every sentence goes to `scorer`.
pub fn evaluate_docs_typed(
    rec: &Recognizer,
    docs: &[Document],
    context: bool,
    keep: Option<&[String]>,
    scorer: &mut Scorer,
) -> Result<()> {
    let kept = |tag: &str| -> bool {
        let (_, ty) = labels::split_label(tag);
        keep.is_none_or(|k| k.iter().any(|t| t == ty))
    };
    let units: Vec<Document> = if context {
        docs.to_vec()
    } else {
        docs.iter()
            .flat_map(|d| {
                d.sentences.iter().map(|s| Document {
                    sentences: vec![s.clone()],
                })
            })
            .collect()
    };
    for group in units.chunks(64) {
        let texts: Vec<(String, Vec<Vec<std::ops::Range<usize>>>)> =
            group.iter().map(Document::text).collect();
        let toks = texts
            .iter()
            .map(|(t, _)| rec.codec().tokenize(t, std::slice::from_ref(&(0..t.len()))))
            .collect::<Result<Vec<_>>>()?;
        let probs = rec.predict(&toks)?;
        for ((doc, (_, ranges)), (tok, p)) in group.iter().zip(&texts).zip(toks.iter().zip(&probs))
        {
            let words = rec.codec().word_labels(tok, p);
            let labels = rec.codec().labels();
            for (sent, r) in doc.sentences.iter().zip(ranges) {
                let pred: Vec<&str> = r
                    .iter()
                    .map(
                        |range| match tok.words.binary_search_by(|w| w.start.cmp(&range.start)) {
                            Ok(w) => labels[words.label[w]].as_str(),
                            Err(_) => "O",
                        },
                    )
                    .collect();
                // Predictions in another label set (an OntoNotes head) are mapped as the gold was.
                let pred: Vec<String> = pred.into_iter().map(conll::to_conll_label).collect();
                let pred: Vec<&str> = pred
                    .iter()
                    .map(|t| if kept(t) { t.as_str() } else { "O" })
                    .collect();
                let gold: Vec<&str> = sent.tags[0]
                    .iter()
                    .map(|t| if kept(t) { t.as_str() } else { "O" })
                    .collect();
                scorer.add_tokens(&sent.tokens, &gold, &pred);
            }
        }
    }
    Ok(())
}

/// Scores a file whose last two columns are gold and predicted tags, like `conlleval`.
pub fn score_file(path: &Path) -> Result<Report> {
    let docs = conll::read(path, 2)?;
    let mut scorer = Scorer::default();
    for d in &docs {
        for s in &d.sentences {
            let g: Vec<&str> = s.tags[0].iter().map(String::as_str).collect();
            let p: Vec<&str> = s.tags[1].iter().map(String::as_str).collect();
            scorer.add(&g, &p);
        }
    }
    Ok(scorer.report())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(tags: &[&str]) -> Document {
        Document {
            sentences: vec![conll::Sentence {
                tokens: tags.iter().map(|_| "w".to_string()).collect(),
                tags: vec![tags.iter().map(|t| t.to_string()).collect()],
            }],
        }
    }

    #[test]
    fn a_file_label_set_is_read_from_its_types() {
        assert_eq!(
            LabelSet::of(&[doc(&["B-PER", "O", "I-MISC"])]),
            LabelSet::Conll
        );
        assert_eq!(
            LabelSet::of(&[doc(&["B-PER", "B-GPE"])]),
            LabelSet::Ontonotes
        );
        assert_eq!(LabelSet::of(&[doc(&["O"])]), LabelSet::Conll);
        let on = LabelSet::Ontonotes.labels();
        assert_eq!(on.len(), 1 + 2 * ONTONOTES_TYPES.len());
        assert_eq!((on[0].as_str(), on[1].as_str()), ("O", "B-PERSON"));
    }

    #[test]
    fn every_batch_trains_one_head() {
        let examples: Vec<Example> = (0..23)
            .map(|i| Example {
                ids: vec![0; 3 + i % 5],
                casing: vec![],
                targets: vec![],
                head: i % 3 % 2,
            })
            .collect();
        let batches = make_batches(&examples, 2, 4, &mut Rng(7));
        let mut seen: Vec<usize> = batches.iter().flatten().copied().collect();
        seen.sort();
        assert_eq!(seen, (0..23).collect::<Vec<_>>());
        for b in &batches {
            assert!(b.len() <= 4);
            assert!(b.iter().all(|&i| examples[i].head == examples[b[0]].head));
        }
    }
}
