//! The NER stage: tokenization, windowing, batched inference and aggregation, done here rather than in
//! rust-bert's `TokenClassificationModel::predict` (which mis-attributes tokens past 64 windows and panics
//! on non-ASCII text with Hugging Face tokenizers).
//!
//! The flow for a set of documents:
//! 1. [`Recognizer::tokenize`]: each text region is tokenized once, with byte offsets into the article;
//!    word ids come from the tokenizer's pre-tokenizer and run across the whole document.
//! 2. [`window::plan`]: the token sequence is cut into overlapping windows no longer than the model allows.
//! 3. [`Recognizer::predict`]: windows from all documents are sorted by length and batched, so padding
//!    stays small; every token takes its probabilities from the window where it has the most context.
//! 4. Words take the label of their first sub-word, with the score averaged over their sub-words, and the
//!    label sequence is decoded ([`labels::decode`]) into spans with character offsets.

pub mod casing;
pub mod combine;
pub mod encoder;
pub use newsner_core::labels;
pub use newsner_core::span::{CharIndex, Mention};
pub mod model;
pub mod window;

use crate::error::{Error, Result};
use crate::EngineResult;
use casing::Casing;
use labels::EntityType;
pub use model::Precision;
use model::{LoadMode, TokenClassifier};
use serde::{Deserialize, Serialize};
use std::ops::Range;
use std::path::Path;
use tch::{Kind, Tensor};
use tokenizers::Tokenizer;

/// A window of a document: the document's index and its token range.
struct Win {
    doc: usize,
    range: Range<usize>,
}

/// How windows are cut and batched.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct InferenceConfig {
    /// Longest window in tokens, special tokens included (capped by the model's positions).
    pub max_len: usize,
    /// Tokens between the starts of two windows (at most the window's content length).
    pub stride: usize,
    /// Windows per forward pass.
    pub batch_size: usize,
    /// Number format of the weights and activations (`Auto` is resolved when a model is loaded).
    pub precision: Precision,
}

impl Default for InferenceConfig {
    fn default() -> Self {
        InferenceConfig {
            max_len: 256,
            // Windows overlap by 32 tokens. On 10% of BBC with int8, stride 224 reads 4,980 words/s
            // against 4,240 at 192 and 4,945 at 240, and CoNLL-2003 valid F1 is 0.9461 against 0.9462
            // and 0.9458 (README, "Speed").
            stride: 224,
            // Small batches keep every activation block under glibc's mmap threshold, so memory is
            // reused instead of faulted in again for each batch (see `newsner bench`); the CLI takes
            // `Precision::default_batch_size`.
            batch_size: 4,
            precision: Precision::F32,
        }
    }
}

/// A document tokenized for the model.
#[derive(Debug, Clone, Default)]
pub struct TokenizedDoc {
    /// Sub-word ids, without special tokens.
    pub ids: Vec<u32>,
    /// Casing class of the word each token belongs to.
    pub casing: Vec<u8>,
    /// Index into `words` of each token.
    pub word_of: Vec<usize>,
    /// Byte span of each word in the article text.
    pub words: Vec<Range<usize>>,
}

/// Per-word predictions: label id and score.
#[derive(Debug, Clone, PartialEq)]
pub struct WordLabels {
    /// Label id of each word (its first sub-word's argmax).
    pub label: Vec<usize>,
    /// Probability of the word's entity type (its B-, I-… labels together, or `O`) at its first
    /// sub-word.
    pub score: Vec<f32>,
}

/// The text side of a model: its tokenizer, special tokens and labels. It turns text into tokens and
/// probabilities back into mentions, and is shared by all worker threads (the model itself is not).
pub struct Codec {
    tokenizer: Tokenizer,
    prefix: Vec<u32>,
    suffix: Vec<u32>,
    pad_id: i64,
    labels: Vec<String>,
    allowed: Option<Vec<bool>>,
    may_start: Vec<bool>,
    /// For each label, the labels of the same entity type (`B-PER` → `B-PER`, `I-PER`; `O` → `O`).
    same_type: Vec<Vec<usize>>,
}

/// Counters of the work the model did, for benchmarks.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct InferenceStats {
    /// Windows run through the model.
    pub windows: u64,
    /// Tokens of content (special tokens and padding excluded).
    pub tokens: u64,
    /// Positions computed, padding and special tokens included.
    pub positions: u64,
    /// Σ over batches of batch × width², for the attention's cost.
    pub attention_positions: u64,
    /// Forward passes.
    pub batches: u64,
}

/// A loaded model with its tokenizer.
pub struct Recognizer {
    model: TokenClassifier,
    codec: Codec,
    config: InferenceConfig,
    stats: std::cell::Cell<InferenceStats>,
}

impl Recognizer {
    /// Loads a model directory (`config.json`, `tokenizer.json`, `model.safetensors`).
    pub fn load(dir: &Path, config: InferenceConfig) -> Result<Recognizer> {
        let model = TokenClassifier::load(dir, LoadMode::Complete)?;
        let mut rec = Recognizer::from_parts(dir, model, config)?;
        // Built once, in the precision just set (inference only: training goes through `from_parts`).
        rec.model.freeze()?;
        trim_heap();
        Ok(rec)
    }

    /// Wraps an already built model with the tokenizer found in `dir`.
    pub fn from_parts(
        dir: &Path,
        model: TokenClassifier,
        config: InferenceConfig,
    ) -> Result<Recognizer> {
        let tok_path = dir.join("tokenizer.json");
        let mut tokenizer = Tokenizer::from_file(&tok_path)
            .map_err(|e| Error::model(&tok_path, format!("cannot load tokenizer: {e}")))?;
        tokenizer
            .with_truncation(None)
            .map_err(|e| Error::Tokenizer(e.to_string()))?;
        tokenizer.with_padding(None);
        // The special tokens the post-processor wraps a single sequence in, e.g. [CLS] … [SEP].
        let marker = tokenizer
            .encode("a", true)
            .map_err(|e| Error::Tokenizer(e.to_string()))?;
        let plain = tokenizer
            .encode("a", false)
            .map_err(|e| Error::Tokenizer(e.to_string()))?;
        let specials = marker.get_special_tokens_mask();
        let ids = marker.get_ids();
        let first_real = specials.iter().position(|&s| s == 0).unwrap_or(ids.len());
        let prefix = ids[..first_real].to_vec();
        let suffix = ids[(first_real + plain.get_ids().len()).min(ids.len())..].to_vec();
        let pad_id = ["[PAD]", "<pad>"]
            .iter()
            .find_map(|t| tokenizer.token_to_id(t))
            .unwrap_or(0) as i64;
        let mut config = config;
        let cap = model.max_positions().max(8) as usize;
        config.max_len = config.max_len.clamp(prefix.len() + suffix.len() + 1, cap);
        config.batch_size = config.batch_size.max(1);
        config.precision = config.precision.resolve();
        let mut model = model;
        model.set_precision(config.precision)?;
        let mut codec = Codec {
            tokenizer,
            prefix,
            suffix,
            pad_id,
            labels: Vec::new(),
            allowed: None,
            may_start: Vec::new(),
            same_type: Vec::new(),
        };
        codec.set_labels(model.labels());
        Ok(Recognizer {
            model,
            codec,
            config,
            stats: Default::default(),
        })
    }

    /// Makes the model's head called `name` the one that predicts (see
    /// [`TokenClassifier::select_head`]).
    pub fn select_head(&mut self, name: &str) -> Result<()> {
        self.model.select_head(name)?;
        self.codec.set_labels(self.model.labels());
        Ok(())
    }

    /// The effective inference settings (window length capped by the model).
    pub fn config(&self) -> InferenceConfig {
        self.config
    }

    /// Changes batching, windowing and precision (the window is capped by the model).
    pub fn set_config(&mut self, config: InferenceConfig) -> Result<()> {
        let cap = self.model.max_positions().max(8) as usize;
        self.config = InferenceConfig {
            max_len: config
                .max_len
                .clamp(self.codec.prefix.len() + self.codec.suffix.len() + 1, cap),
            stride: config.stride,
            batch_size: config.batch_size.max(1),
            precision: config.precision.resolve(),
        };
        self.model.set_precision(self.config.precision)
    }

    /// The model.
    pub fn model(&self) -> &TokenClassifier {
        &self.model
    }

    /// The model, mutable (for training).
    pub fn model_mut(&mut self) -> &mut TokenClassifier {
        &mut self.model
    }

    /// What the model has done since loading.
    pub fn stats(&self) -> InferenceStats {
        self.stats.get()
    }

    /// Floating-point operations of the forward passes counted in `stats`, from the architecture.
    pub fn flops(&self, stats: &InferenceStats) -> f64 {
        let (per_position, per_attention) = self.model.flop_coefficients();
        per_position * stats.positions as f64 + per_attention * stats.attention_positions as f64
    }

    /// The text side, shareable across threads.
    pub fn codec(&self) -> &Codec {
        &self.codec
    }

    /// Tokens of content per window (special tokens excluded).
    pub fn content_len(&self) -> usize {
        self.config.max_len - self.codec.prefix.len() - self.codec.suffix.len()
    }

    /// Runs the model over all windows of all documents and returns, for every document, each token's
    /// label probabilities (`[tokens][labels]`, flattened row-major).
    pub fn predict(&self, docs: &[TokenizedDoc]) -> Result<Vec<Vec<f32>>> {
        let nl = self.codec.labels.len();
        let (wins, chosen) = self.plan_windows(docs);
        let mut probs: Vec<Vec<f32>> = docs.iter().map(|d| vec![0.0; d.ids.len() * nl]).collect();
        // Longest first; ties by position, so batches are the same whatever the input order.
        let mut order: Vec<usize> = (0..wins.len())
            .filter(|&w| !wins[w].range.is_empty())
            .collect();
        order.sort_by(|&a, &b| {
            wins[b]
                .range
                .len()
                .cmp(&wins[a].range.len())
                .then(a.cmp(&b))
        });
        let _guard = tch::no_grad_guard();
        for batch in order.chunks(self.config.batch_size) {
            let longest =
                self.codec.prefix.len() + wins[batch[0]].range.len() + self.codec.suffix.len();
            let width = padded_width(
                longest,
                self.config.max_len,
                width_multiple(self.config.precision),
            );
            let (ids, mask, cas) = self.batch_inputs(batch, &wins, docs, width);
            let logits = self.model.forward(&ids, &mask, &cas, false)?;
            self.count_batch(batch, &wins, width);
            let p = logits.softmax(-1, Kind::Float).contiguous();
            let flat: Vec<f32> = Vec::<f32>::try_from(p.view([-1])).engine()?;
            for (row, &w) in batch.iter().enumerate() {
                let win = &wins[w];
                let out = &mut probs[win.doc];
                for (j, t) in win.range.clone().enumerate() {
                    if chosen[win.doc][t] != w {
                        continue;
                    }
                    let src = (row * width + self.codec.prefix.len() + j) * nl;
                    out[t * nl..(t + 1) * nl].copy_from_slice(&flat[src..src + nl]);
                }
            }
        }
        Ok(probs)
    }

    /// Every document's windows, in one list, and for each token of each document the index in that
    /// list of the window whose prediction it takes.
    fn plan_windows(&self, docs: &[TokenizedDoc]) -> (Vec<Win>, Vec<Vec<usize>>) {
        let size = self.content_len();
        let stride = self.config.stride.clamp(1, size);
        let mut wins = Vec::new();
        let mut chosen = Vec::with_capacity(docs.len());
        for (d, doc) in docs.iter().enumerate() {
            let plan = window::plan(doc.ids.len(), size, stride);
            let first = wins.len();
            chosen.push(
                window::best_window(doc.ids.len(), &plan)
                    .into_iter()
                    .map(|c| c + first)
                    .collect(),
            );
            wins.extend(plan.into_iter().map(|range| Win { doc: d, range }));
        }
        (wins, chosen)
    }

    /// Token ids, attention mask and casing ids of a batch of windows, each row the special prefix,
    /// the window's tokens and the suffix, padded to `width`.
    fn batch_inputs(
        &self,
        batch: &[usize],
        wins: &[Win],
        docs: &[TokenizedDoc],
        width: usize,
    ) -> (Tensor, Tensor, Tensor) {
        let mut ids = vec![self.codec.pad_id; batch.len() * width];
        let mut mask = vec![0i64; batch.len() * width];
        let mut cas = vec![Casing::Special.id(); batch.len() * width];
        for (row, &w) in batch.iter().enumerate() {
            let win = &wins[w];
            let doc = &docs[win.doc];
            let mut k = row * width;
            for &t in &self.codec.prefix {
                ids[k] = t as i64;
                mask[k] = 1;
                k += 1;
            }
            for t in win.range.clone() {
                ids[k] = doc.ids[t] as i64;
                cas[k] = doc.casing[t] as i64;
                mask[k] = 1;
                k += 1;
            }
            for &t in &self.codec.suffix {
                ids[k] = t as i64;
                mask[k] = 1;
                k += 1;
            }
        }
        let shape = [batch.len() as i64, width as i64];
        (
            Tensor::from_slice(&ids).view(shape),
            Tensor::from_slice(&mask).view(shape),
            Tensor::from_slice(&cas).view(shape),
        )
    }

    /// Adds a batch to the inference statistics.
    fn count_batch(&self, batch: &[usize], wins: &[Win], width: usize) {
        let mut st = self.stats.get();
        st.windows += batch.len() as u64;
        st.tokens += batch
            .iter()
            .map(|&w| wins[w].range.len() as u64)
            .sum::<u64>();
        st.positions += (batch.len() * width) as u64;
        st.attention_positions += (batch.len() * width * width) as u64;
        st.batches += 1;
        self.stats.set(st);
    }

    /// Tokenizes, predicts and decodes in one call: the mentions of each `(text, regions)` document.
    pub fn recognize(&self, docs: &[(&str, Vec<Range<usize>>)]) -> Result<Vec<Vec<Mention>>> {
        let tokenized = docs
            .iter()
            .map(|(text, regions)| self.codec.tokenize(text, regions))
            .collect::<Result<Vec<_>>>()?;
        let probs = self.predict(&tokenized)?;
        Ok(docs
            .iter()
            .zip(&tokenized)
            .zip(&probs)
            .map(|(((text, _), tok), p)| {
                self.codec
                    .mentions(text, tok, &self.codec.word_labels(tok, p))
            })
            .collect())
    }
}

impl Codec {
    /// Takes a head's labels and derives the decoding tables from them.
    fn set_labels(&mut self, labels: &[String]) {
        let (allowed, may_start) = transitions(labels);
        self.labels = labels.to_vec();
        self.allowed = allowed;
        self.may_start = may_start;
        self.same_type = same_type(labels);
    }

    /// Tokenizes the given byte ranges of `text` as one document.
    pub fn tokenize(&self, text: &str, regions: &[Range<usize>]) -> Result<TokenizedDoc> {
        let mut doc = TokenizedDoc::default();
        for region in regions {
            let piece = &text[region.clone()];
            if piece.trim().is_empty() {
                continue;
            }
            let enc = self
                .tokenizer
                .encode(piece, false)
                .map_err(|e| Error::Tokenizer(e.to_string()))?;
            let mut last_word: Option<u32> = None;
            for (i, &id) in enc.get_ids().iter().enumerate() {
                let (s, e) = enc.get_offsets()[i];
                let (s, e) = (s + region.start, e + region.start);
                let wid = enc.get_word_ids()[i];
                let new_word = wid.is_none() || wid != last_word || doc.words.is_empty();
                if new_word {
                    doc.words.push(s..e);
                } else if let Some(w) = doc.words.last_mut() {
                    w.end = w.end.max(e);
                }
                last_word = wid;
                doc.ids.push(id);
                doc.word_of.push(doc.words.len() - 1);
            }
        }
        doc.casing = doc
            .word_of
            .iter()
            .map(|&w| Casing::of(&text[doc.words[w].clone()]) as u8)
            .collect();
        Ok(doc)
    }

    /// Word-level labels from token probabilities: each word's distribution is its first sub-word's;
    /// for IOB2 label sets the best sequence with no invalid transition (an `I-X` only after `B-X` or
    /// `I-X`) is chosen by Viterbi, otherwise each word's argmax. A word's score is the probability of
    /// its label averaged over its sub-words.
    pub fn word_labels(&self, doc: &TokenizedDoc, probs: &[f32]) -> WordLabels {
        let nl = self.labels.len();
        let nw = doc.words.len();
        let mut first = vec![usize::MAX; nw];
        for (t, &w) in doc.word_of.iter().enumerate() {
            if first[w] == usize::MAX {
                first[w] = t;
            }
        }
        let dist = |w: usize| -> &[f32] {
            let t = first[w];
            &probs[t * nl..(t + 1) * nl]
        };
        let label: Vec<usize> = match &self.allowed {
            Some(allowed) => viterbi(nw, nl, allowed, &self.may_start, |w, l| dist(w)[l]),
            None => (0..nw).map(|w| argmax(dist(w))).collect(),
        };
        // The model is trained on first sub-words only (the others carry no loss), so only the first
        // sub-word's distribution means anything. The score is that of the word's type, whatever its
        // position tag: decoding may pick `I-ORG` where `B-ORG` had more mass, and the word is an
        // organization either way.
        let score = (0..nw)
            .map(|w| {
                if first[w] == usize::MAX {
                    return 0.0;
                }
                let d = dist(w);
                self.same_type[label[w]].iter().map(|&l| d[l]).sum::<f32>()
            })
            .collect();
        WordLabels { label, score }
    }

    /// Decodes word labels into mentions with character offsets into `text`.
    pub fn mentions(&self, text: &str, doc: &TokenizedDoc, words: &WordLabels) -> Vec<Mention> {
        let names: Vec<&str> = words
            .label
            .iter()
            .map(|&l| self.labels[l].as_str())
            .collect();
        let index = CharIndex::new(text);
        let mut out = Vec::new();
        for c in labels::decode(&names, Some(&words.score)) {
            // Dates, amounts and counts (OntoNotes' value types) are the numbers stage's work.
            if labels::is_value_type(&c.label) {
                continue;
            }
            // A name never runs across a line break: a heading or byline is not glued to the next
            // line's first words.
            let mut from = c.start;
            for w in c.start..=c.end {
                let breaks = w < c.end
                    && w > from
                    && text[doc.words[w - 1].end..doc.words[w].start]
                        .contains(['\n', '\r', '\u{85}', '\u{2028}', '\u{2029}']);
                if w < c.end && !breaks {
                    continue;
                }
                let byte_start = doc.words[from].start;
                let byte_end = doc.words[w - 1].end;
                let part = &words.score[from..w];
                out.push(Mention {
                    byte_start,
                    byte_end,
                    start: index.char_of(byte_start),
                    end: index.char_of(byte_end),
                    text: text[byte_start..byte_end].to_string(),
                    entity_type: EntityType::from_label_type(&c.label),
                    label: c.label.clone(),
                    score: part.iter().sum::<f32>() / part.len().max(1) as f32,
                });
                from = w;
            }
        }
        out
    }

    /// The tokenizer.
    pub fn tokenizer(&self) -> &Tokenizer {
        &self.tokenizer
    }

    /// The labels, in id order.
    pub fn labels(&self) -> &[String] {
        &self.labels
    }
}

/// For IOB2 label sets, which label may follow which (`allowed[prev * n + cur]`) and which may start a
/// sequence; `None` for other schemes, which are decoded word by word.
fn transitions(labels: &[String]) -> (Option<Vec<bool>>, Vec<bool>) {
    use labels::{split_label, Tag};
    let tags: Vec<(Tag, &str)> = labels.iter().map(|l| split_label(l)).collect();
    let iob2 = tags.iter().any(|t| t.0 == Tag::B)
        && tags.iter().all(|t| matches!(t.0, Tag::O | Tag::B | Tag::I));
    let n = labels.len();
    let may_start: Vec<bool> = tags.iter().map(|t| t.0 != Tag::I).collect();
    if !iob2 {
        return (None, vec![true; n]);
    }
    let mut allowed = vec![true; n * n];
    for (p, pt) in tags.iter().enumerate() {
        for (c, ct) in tags.iter().enumerate() {
            if ct.0 == Tag::I {
                allowed[p * n + c] = matches!(pt.0, Tag::B | Tag::I) && pt.1 == ct.1;
            }
        }
    }
    (Some(allowed), may_start)
}

/// Hands the heap's free pages back to the kernel. Loading leaves tens of MB free (the file's tensors
/// after they are copied into the model, and in int8 the f32 weights the quantized ones replace), and
/// the binary's allocator settings keep freed memory: without this it stays resident for the whole run.
fn trim_heap() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    {
        extern "C" {
            fn malloc_trim(pad: usize) -> std::os::raw::c_int;
        }
        // SAFETY: glibc's malloc_trim only releases free memory; it takes no pointers.
        unsafe {
            malloc_trim(0);
        }
    }
}

/// The multiple batch widths are padded to in `precision` (never past the window length).
///
/// In bf16, libtorch's matrix products run on oneDNN kernels that are compiled and cached per tensor
/// shape; with every window length its own shape, a corpus compiles hundreds of kernels and the cache
/// grows with it (on the BBC benchmark, resident memory rose from 415 to 689 MiB between a quarter and
/// all of the corpus, and words/s fell 15%). Rounding widths up to 32 leaves at most 8 widths: memory
/// then stays within 337–391 MiB. f32 products go through MKL, which caches nothing per shape, so
/// there padding would only add work. Padding is masked: results do not change.
pub fn width_multiple(precision: Precision) -> usize {
    match precision.resolve() {
        Precision::Bf16 => 32,
        _ => 1,
    }
}

/// The padded width of a batch whose longest window has `longest` positions.
fn padded_width(longest: usize, max_len: usize, multiple: usize) -> usize {
    let multiple = multiple.max(1);
    longest
        .div_ceil(multiple)
        .saturating_mul(multiple)
        .min(max_len.max(longest))
}

/// Groups labels by entity type: `same_type[l]` lists every label with `l`'s type.
fn same_type(labels: &[String]) -> Vec<Vec<usize>> {
    let types: Vec<&str> = labels.iter().map(|l| labels::split_label(l).1).collect();
    types
        .iter()
        .map(|t| (0..types.len()).filter(|&k| types[k] == *t).collect())
        .collect()
}

/// The most probable label sequence (sum of log-probabilities) under the allowed transitions.
fn viterbi(
    n_words: usize,
    n_labels: usize,
    allowed: &[bool],
    may_start: &[bool],
    prob: impl Fn(usize, usize) -> f32,
) -> Vec<usize> {
    if n_words == 0 {
        return Vec::new();
    }
    let lp = |w: usize, l: usize| prob(w, l).max(1e-12).ln();
    let mut best: Vec<f32> = (0..n_labels)
        .map(|l| {
            if may_start[l] {
                lp(0, l)
            } else {
                f32::NEG_INFINITY
            }
        })
        .collect();
    let mut back = vec![0usize; n_words * n_labels];
    for w in 1..n_words {
        let mut next = vec![f32::NEG_INFINITY; n_labels];
        for c in 0..n_labels {
            let e = lp(w, c);
            for p in 0..n_labels {
                if allowed[p * n_labels + c] && best[p] + e > next[c] {
                    next[c] = best[p] + e;
                    back[w * n_labels + c] = p;
                }
            }
        }
        best = next;
    }
    let mut out = vec![0usize; n_words];
    out[n_words - 1] = argmax(&best);
    for w in (1..n_words).rev() {
        out[w - 1] = back[w * n_labels + out[w]];
    }
    out
}

fn argmax(row: &[f32]) -> usize {
    let mut best = 0;
    for (i, &v) in row.iter().enumerate() {
        if v > row[best] {
            best = i;
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn viterbi_never_starts_an_entity_with_i() {
        let labels: Vec<String> = ["O", "B-PER", "I-PER", "B-LOC", "I-LOC"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let (allowed, may_start) = transitions(&labels);
        let allowed = allowed.expect("IOB2");
        // Word 0 leans to I-PER, word 1 to I-LOC: argmax would give two entities starting with I-.
        let p = [[0.1, 0.3, 0.5, 0.05, 0.05], [0.2, 0.05, 0.05, 0.3, 0.4]];
        let path = viterbi(2, 5, &allowed, &may_start, |w, l| p[w][l]);
        assert_eq!(path, vec![1, 3], "B-PER then B-LOC");
        // IOB1 and BIOES label sets are decoded word by word.
        let bioes: Vec<String> = ["O", "S-PER", "B-PER", "E-PER"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        assert!(transitions(&bioes).0.is_none());
    }

    #[test]
    fn batch_widths_round_up_to_the_multiple_within_the_window() {
        assert_eq!(padded_width(1, 256, 32), 32);
        assert_eq!(padded_width(32, 256, 32), 32);
        assert_eq!(padded_width(33, 256, 32), 64);
        assert_eq!(padded_width(250, 256, 32), 256);
        assert_eq!(padded_width(250, 250, 32), 250);
        assert_eq!(padded_width(5, 8, 32), 8);
        assert_eq!(padded_width(37, 256, 1), 37);
        assert_eq!(width_multiple(Precision::F32), 1);
        assert_eq!(width_multiple(Precision::Bf16), 32);
    }

    #[test]
    fn labels_group_by_type_whatever_their_tag() {
        let labels: Vec<String> = ["O", "B-PER", "I-PER", "B-LOC", "I-LOC", "S-PER"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let g = same_type(&labels);
        assert_eq!(g[0], vec![0]);
        assert_eq!(g[1], vec![1, 2, 5]);
        assert_eq!(g[2], vec![1, 2, 5]);
        assert_eq!(g[4], vec![3, 4]);
    }
}
