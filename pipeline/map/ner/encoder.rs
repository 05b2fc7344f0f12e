//! A BERT encoder for inference only, on the weights of a loaded [`TokenClassifier`].
//!
//! Training keeps rust-bert's layers; this one computes the same function with fewer operations:
//! - the query, key and value projections are one linear layer of three times the width;
//! - the padding mask and the 1/√d scale are folded into one `baddbmm` (rust-bert scales, multiplies
//!   and adds the mask in three steps);
//! - GELU is libtorch's fused `gelu("none")`;
//! - in [`Precision::Int8`] every linear layer of the encoder runs through fbgemm with int8 weights,
//!   quantized once here, one scale per output row ([`QuantLinear`]); activations are quantized per
//!   call by fbgemm. Attention (two batched products and a softmax) has no int8 kernel and runs in
//!   bf16 where the CPU has native bf16, in f32 otherwise.
//!
//! [`TokenClassifier`]: super::model::TokenClassifier
//! [`Precision::Int8`]: super::model::Precision::Int8

use super::casing::NUM_CASING;
use crate::error::{Error, Result};
use crate::EngineResult;
use std::collections::HashMap;
use tch::{Kind, Scalar, Tensor};

/// The shape of a BERT encoder, read from `config.json`.
#[derive(Debug, Clone, Copy)]
pub struct Shape {
    /// Transformer layers.
    pub layers: usize,
    /// Attention heads per layer.
    pub heads: i64,
    /// Width of the hidden states.
    pub hidden: i64,
    /// Layer-norm epsilon.
    pub eps: f64,
    /// Rows of the token-type embedding (the casing channel is `casing × this + segment`).
    pub type_vocab_size: i64,
}

/// How the encoder's linear layers compute.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinearKind {
    /// Weights in the activations' float kind (f32 or bf16).
    Float,
    /// int8 weights, one scale per output row, through fbgemm.
    Int8,
}

/// A linear layer `x Wᵀ + b`.
enum Linear {
    Float { weight: Tensor, bias: Tensor },
    Int8(QuantLinear),
}

/// A linear layer with int8 weights for fbgemm's `fbgemm_linear_int8_weight_fp32_activation`.
///
/// Each output row `i` is quantized symmetrically with its own scale `sᵢ = max|Wᵢ|/q`; fbgemm takes one
/// scale per matrix, so it is called with scale 1 and no bias, and the result is multiplied by `s` and
/// shifted by `b` in one fused step. `q` is 127 on CPUs with VNNI (int32 accumulation) and 63 on AVX2,
/// whose `vpmaddubsw` adds two u8 × s8 products into a saturating int16: 255 × 64 × 2 stays inside it,
/// 255 × 128 × 2 does not.
pub struct QuantLinear {
    /// A stand-in of the weight's shape `[out, in]`, all one zero element (fbgemm reads only the shape
    /// of this argument; the values are in `packed`).
    shape: Tensor,
    packed: Tensor,
    col_offsets: Tensor,
    scale: Tensor,
    bias: Tensor,
    zero_bias: Tensor,
}

impl QuantLinear {
    /// Quantizes an f32 weight `[out, in]` and bias `[out]`.
    pub fn new(weight: &Tensor, bias: &Tensor) -> Result<QuantLinear> {
        let levels = int8_levels();
        let weight = weight.to_kind(Kind::Float).contiguous();
        let scale = weight
            .f_abs()
            .engine()?
            .f_amax([1].as_slice(), true)
            .engine()?
            .clamp_min(1e-12)
            / levels;
        let q = (&weight / &scale)
            .round()
            .clamp(-levels, levels)
            .to_kind(Kind::Int8);
        // fbgemm subtracts the activations' zero point times each row's sum (zero point 0 here).
        let col_offsets = q
            .to_kind(Kind::Int)
            .f_sum_dim_intlist([1].as_slice(), false, Kind::Int)
            .engine()?;
        let packed = q.f_fbgemm_pack_quantized_matrix().engine()?;
        let (rows, cols) = (weight.size()[0], weight.size()[1]);
        Ok(QuantLinear {
            shape: Tensor::zeros([1, 1], (Kind::Int8, weight.device())).expand([rows, cols], false),
            packed,
            col_offsets,
            scale: scale.view([rows]),
            bias: bias.to_kind(Kind::Float),
            zero_bias: Tensor::zeros([rows], (Kind::Float, weight.device())),
        })
    }

    /// `x Wᵀ + b` for f32 `x` `[batch, length, in]` whose row `i` holds `lengths[i]` real positions
    /// followed by padding. fbgemm quantizes its input with one scale per call, so each row's real
    /// positions go in a call of their own: a window's result then depends on the window alone, never
    /// on the windows batched with it nor on the padding (`newsner run` and a Spark partition give the
    /// same records). Padding positions come out as the bias.
    pub fn forward_rows(&self, x: &Tensor, lengths: &[i64]) -> Result<Tensor> {
        let size = x.size();
        let (batch, len) = (size[0], size[1]);
        if batch == 1 && lengths.first() == Some(&len) {
            return self.forward(x);
        }
        let rows = self.bias.size()[0];
        let out = self
            .bias
            .view([1, 1, rows])
            .expand([batch, len, rows], false)
            .contiguous();
        for (i, &n) in lengths.iter().enumerate() {
            if n > 0 {
                let y = self.forward(&x.get(i as i64).narrow(0, 0, n))?;
                out.get(i as i64).narrow(0, 0, n).f_copy_(&y).engine()?;
            }
        }
        Ok(out)
    }

    /// `x Wᵀ + b` for f32 `x` of any leading shape, quantized with one scale for all of `x`.
    pub fn forward(&self, x: &Tensor) -> Result<Tensor> {
        let y = x
            .f_fbgemm_linear_int8_weight_fp32_activation(
                &self.shape,
                &self.packed,
                &self.col_offsets,
                Scalar::float(1.0),
                Scalar::int(0),
                &self.zero_bias,
            )
            .engine()?;
        // In place: the product is a fresh tensor, and a second one of its size would be garbage.
        let mut y = y;
        let _ = y.f_mul_(&self.scale).engine()?;
        let _ = y.f_add_(&self.bias).engine()?;
        Ok(y)
    }
}

/// The largest weight level: 127 where int8 products accumulate in int32 (VNNI), 63 on AVX2.
fn int8_levels() -> f64 {
    if vnni() {
        127.0
    } else {
        63.0
    }
}

/// Whether the CPU has VNNI (AVX-512 VNNI or AVX-VNNI).
pub fn vnni() -> bool {
    #[cfg(target_arch = "x86_64")]
    {
        std::arch::is_x86_feature_detected!("avx512vnni")
    }
    #[cfg(not(target_arch = "x86_64"))]
    {
        false
    }
}

/// Whether the CPU has AMX for bf16 (Linux: the `amx_bf16` flag of `/proc/cpuinfo`; the standard
/// library's detection of AMX is not stable yet). There oneDNN runs bf16 products on AMX tiles, which
/// fbgemm's int8 kernels do not use.
pub fn amx_bf16() -> bool {
    static AMX: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    *AMX.get_or_init(|| {
        std::fs::read_to_string("/proc/cpuinfo").is_ok_and(|info| {
            info.lines()
                .find(|l| l.starts_with("flags"))
                .is_some_and(|l| l.split_whitespace().any(|f| f == "amx_bf16"))
        })
    })
}

/// Whether fbgemm has int8 kernels for this CPU (AVX2 or later on x86-64).
pub fn int8_supported() -> bool {
    #[cfg(target_arch = "x86_64")]
    {
        std::arch::is_x86_feature_detected!("avx2") && std::arch::is_x86_feature_detected!("fma")
    }
    #[cfg(not(target_arch = "x86_64"))]
    {
        false
    }
}

impl Linear {
    fn new(weight: &Tensor, bias: &Tensor, kind: LinearKind, float: Kind) -> Result<Linear> {
        Ok(match kind {
            LinearKind::Float => Linear::Float {
                weight: weight.to_kind(float).contiguous(),
                bias: bias.to_kind(float),
            },
            LinearKind::Int8 => Linear::Int8(QuantLinear::new(weight, bias)?),
        })
    }

    /// `x Wᵀ + b` for `x` `[batch, length, in]` with `lengths` real positions per row.
    fn forward(&self, x: &Tensor, lengths: &[i64]) -> Result<Tensor> {
        match self {
            Linear::Float { weight, bias } => x.f_linear(weight, Some(bias)).engine(),
            Linear::Int8(q) => q.forward_rows(x, lengths),
        }
    }
}

struct LayerNorm {
    weight: Tensor,
    bias: Tensor,
}

impl LayerNorm {
    fn forward(&self, x: &Tensor, eps: f64) -> Result<Tensor> {
        let width = *x.size().last().unwrap_or(&1);
        x.f_layer_norm(
            [width].as_slice(),
            Some(&self.weight),
            Some(&self.bias),
            eps,
            false,
        )
        .engine()
    }
}

struct Layer {
    qkv: Linear,
    attention_out: Linear,
    attention_norm: LayerNorm,
    intermediate: Linear,
    output: Linear,
    output_norm: LayerNorm,
}

struct Embeddings {
    words: Tensor,
    positions: Tensor,
    token_types: Tensor,
    casing: Option<Tensor>,
    norm: LayerNorm,
}

/// The encoder.
pub struct InferenceEncoder {
    shape: Shape,
    embeddings: Embeddings,
    layers: Vec<Layer>,
    /// Kind of the hidden states between layers (f32, or bf16 for a bf16 model).
    float: Kind,
    /// Kind attention computes in.
    attention: Kind,
}

/// Looks up the variables of a BERT encoder by their names under `prefix` (`bert.`).
struct Weights<'a> {
    vars: &'a HashMap<String, Tensor>,
    prefix: &'a str,
}

impl Weights<'_> {
    fn get(&self, name: &str) -> Result<Tensor> {
        let full = format!("{}{name}", self.prefix);
        self.vars
            .get(&full)
            .map(|t| t.shallow_clone())
            .ok_or_else(|| Error::Engine {
                engine: "newsner encoder",
                message: format!("the model has no weight {full}"),
            })
    }

    fn norm(&self, name: &str, kind: Kind) -> Result<LayerNorm> {
        Ok(LayerNorm {
            weight: self.get(&format!("{name}.weight"))?.to_kind(kind),
            bias: self.get(&format!("{name}.bias"))?.to_kind(kind),
        })
    }

    fn linear(&self, name: &str, kind: LinearKind, float: Kind) -> Result<Linear> {
        let w = self.get(&format!("{name}.weight"))?;
        let b = self.get(&format!("{name}.bias"))?;
        let linear = Linear::new(&w, &b, kind, float)?;
        if kind == LinearKind::Int8 {
            release(w);
        }
        Ok(linear)
    }

    fn layer(&self, i: usize, kind: LinearKind, float: Kind) -> Result<Layer> {
        let at = |part: &str| format!("encoder.layer.{i}.{part}");
        let (mut ws, mut bs) = (Vec::new(), Vec::new());
        for part in ["query", "key", "value"] {
            ws.push(self.get(&format!("{}.weight", at(&format!("attention.self.{part}"))))?);
            bs.push(self.get(&format!("{}.bias", at(&format!("attention.self.{part}"))))?);
        }
        let qkv_w = Tensor::f_cat(&ws, 0).engine()?;
        let qkv_b = Tensor::f_cat(&bs, 0).engine()?;
        let qkv = Linear::new(&qkv_w, &qkv_b, kind, float)?;
        ws.into_iter().for_each(release);
        Ok(Layer {
            qkv,
            attention_out: self.linear(&at("attention.output.dense"), kind, float)?,
            attention_norm: self.norm(&at("attention.output.LayerNorm"), float)?,
            intermediate: self.linear(&at("intermediate.dense"), kind, float)?,
            output: self.linear(&at("output.dense"), kind, float)?,
            output_norm: self.norm(&at("output.LayerNorm"), float)?,
        })
    }
}

/// Empties a model variable whose values the encoder now holds in another form (the fused query, key
/// and value; int8 weights), as soon as it is copied, so loading never holds both. The variable store
/// then cannot run rust-bert's layers until the weights are read back
/// (`TokenClassifier::restore_weights`).
fn release(mut var: Tensor) {
    let empty = Tensor::empty([0], (var.kind(), var.device()));
    tch::no_grad(|| var.set_data(&empty));
}

impl InferenceEncoder {
    /// Builds the encoder from a BERT model's variables (`bert.embeddings…`, `bert.encoder.layer.N…`),
    /// their kind (f32 or bf16) kept for the hidden states. The query, key and value weights, and in
    /// int8 every linear weight, are emptied in the variable store once copied ([`release`]).
    pub fn new(
        vars: &HashMap<String, Tensor>,
        shape: Shape,
        linear: LinearKind,
        attention: Kind,
    ) -> Result<InferenceEncoder> {
        let w = Weights {
            vars,
            prefix: "bert.",
        };
        let words = w.get("embeddings.word_embeddings.weight")?;
        let float = words.kind();
        let embeddings = Embeddings {
            positions: w.get("embeddings.position_embeddings.weight")?,
            token_types: w.get("embeddings.token_type_embeddings.weight")?,
            casing: w.get("embeddings.casing_embeddings.weight").ok(),
            norm: w.norm("embeddings.LayerNorm", float)?,
            words,
        };
        let layers = (0..shape.layers)
            .map(|i| w.layer(i, linear, float))
            .collect::<Result<Vec<_>>>()?;
        // One product now, on the loading thread: fbgemm's first call prints a deprecation notice once
        // per process, and only this thread sees the binary's TORCH_CPP_LOG_LEVEL.
        if let Some(first) = layers.first() {
            let _ = first.qkv.forward(
                &Tensor::zeros([1, 1, shape.hidden], (float, tch::Device::Cpu)),
                &[1],
            )?;
        }
        Ok(InferenceEncoder {
            shape,
            embeddings,
            layers,
            float,
            attention,
        })
    }

    /// The last hidden states `[batch, length, hidden]` for token ids, a 0/1 attention mask and the
    /// casing channel (`casing × type_vocab_size + segment`, as rust-bert's path takes it).
    pub fn forward(&self, ids: &Tensor, mask: &Tensor, channel: &Tensor) -> Result<Tensor> {
        let mut x = self.embed(ids, channel)?;
        let bias = self.mask_bias(mask)?;
        // Rows are real positions then padding (as `Recognizer::predict` builds them).
        let lengths = Vec::<i64>::try_from(mask.sum_dim_intlist(1, false, Kind::Int64)).engine()?;
        for layer in &self.layers {
            x = self.layer(layer, &x, &bias, &lengths)?;
        }
        Ok(x)
    }

    fn embed(&self, ids: &Tensor, channel: &Tensor) -> Result<Tensor> {
        let e = &self.embeddings;
        let (batch, len) = (ids.size()[0], ids.size()[1]);
        let positions = Tensor::arange(len, (Kind::Int64, ids.device()))
            .unsqueeze(0)
            .expand([batch, len], true);
        let types = self.shape.type_vocab_size.max(1);
        let segment = channel.remainder(types);
        let mut sum = Tensor::f_embedding(&e.words, ids, 0, false, false).engine()?
            + Tensor::f_embedding(&e.positions, &positions, -1, false, false).engine()?
            + Tensor::f_embedding(&e.token_types, &segment, -1, false, false).engine()?;
        if let Some(casing) = &e.casing {
            let c = channel
                .divide_scalar_mode(types, "floor")
                .clamp(0, NUM_CASING - 1);
            sum += Tensor::f_embedding(casing, &c, -1, false, false).engine()?;
        }
        e.norm.forward(&sum, self.shape.eps)
    }

    /// The additive mask `[batch × heads, 1, length]`: 0 where attended, −10000 on padding (as rust-bert).
    fn mask_bias(&self, mask: &Tensor) -> Result<Tensor> {
        let (batch, len) = (mask.size()[0], mask.size()[1]);
        let bias = (mask.to_kind(self.attention) - 1.0) * 10000.0;
        Ok(bias
            .view([batch, 1, 1, len])
            .expand([batch, self.shape.heads, 1, len], true)
            .reshape([batch * self.shape.heads, 1, len]))
    }

    fn layer(&self, layer: &Layer, x: &Tensor, bias: &Tensor, lengths: &[i64]) -> Result<Tensor> {
        let context = self.attention(layer, x, bias, lengths)?;
        let attended = layer.attention_out.forward(&context, lengths)? + x;
        let x = layer.attention_norm.forward(&attended, self.shape.eps)?;
        let inner = layer
            .intermediate
            .forward(&x, lengths)?
            .f_gelu("none")
            .engine()?;
        let out = layer.output.forward(&inner, lengths)? + &x;
        layer.output_norm.forward(&out, self.shape.eps)
    }

    /// Multi-head self-attention before the output projection: `[batch, length, hidden]`.
    fn attention(
        &self,
        layer: &Layer,
        x: &Tensor,
        bias: &Tensor,
        lengths: &[i64],
    ) -> Result<Tensor> {
        let (batch, len, hidden) = (x.size()[0], x.size()[1], self.shape.hidden);
        let heads = self.shape.heads;
        let d = hidden / heads;
        let qkv = layer
            .qkv
            .forward(x, lengths)?
            .view([batch, len, 3, heads, d])
            .permute([2, 0, 3, 1, 4])
            .to_kind(self.attention);
        let part = |i: i64| qkv.get(i).reshape([batch * heads, len, d]);
        let (q, k, v) = (part(0), part(1), part(2));
        let scores = bias
            .f_baddbmm(&q, &k.transpose(1, 2), 1.0, 1.0 / (d as f64).sqrt())
            .engine()?;
        let weights = scores.softmax(-1, self.attention);
        let context = weights.f_bmm(&v).engine()?;
        Ok(context
            .view([batch, heads, len, d])
            .permute([0, 2, 1, 3])
            .reshape([batch, len, hidden])
            .to_kind(self.float))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quantized_linear_matches_the_float_product() {
        if !int8_supported() {
            return;
        }
        tch::manual_seed(7);
        let w = Tensor::randn([48, 96], (Kind::Float, tch::Device::Cpu)) * 0.05;
        let b = Tensor::randn([48], (Kind::Float, tch::Device::Cpu));
        let x = Tensor::randn([2, 5, 96], (Kind::Float, tch::Device::Cpu));
        let exact = x.linear(&w, Some(&b));
        let q = QuantLinear::new(&w, &b).expect("quantizes");
        let approx = q.forward(&x).expect("runs");
        assert_eq!(approx.size(), vec![2, 5, 48]);
        let err = (&approx - &exact).abs().max().double_value(&[]);
        let scale = exact.abs().max().double_value(&[]);
        assert!(
            err < 0.05 * scale,
            "error {err} against values up to {scale}"
        );
        // A wrong scale or offset would be far off: the error is small relative to every output.
        let rel = ((&approx - &exact).norm().double_value(&[])) / exact.norm().double_value(&[]);
        assert!(rel < 0.03, "relative error {rel}");
    }
}
