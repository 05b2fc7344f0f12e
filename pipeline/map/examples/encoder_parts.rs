//! Times the parts of one encoder layer of the shipped model's shape (384 wide, 12 heads, 1,536 inner)
//! on a batch of `BATCH` windows of 256 positions: each linear layer in f32 and in int8, and attention
//! as the encoder computes it (`baddbmm`, softmax, `bmm`) against libtorch's
//! `scaled_dot_product_attention` with a padding mask. A benchmark to re-run, not a test:
//!
//!     cargo run --release -p newsner-map --example encoder_parts [BATCH] [THREADS]
use newsner_map::ner::encoder::QuantLinear;
use std::time::Instant;
use tch::{Device, Kind, Tensor};

fn time<F: FnMut()>(name: &str, flops: f64, mut f: F) {
    f();
    let t = Instant::now();
    let mut n = 0;
    while t.elapsed().as_secs_f64() < 1.0 {
        f();
        n += 1;
    }
    let s = t.elapsed().as_secs_f64() / n as f64;
    if flops > 0.0 {
        println!(
            "{name:42} {:8.3} ms  {:7.1} GFLOP/s",
            s * 1e3,
            flops / s / 1e9
        );
    } else {
        println!("{name:42} {:8.3} ms", s * 1e3);
    }
}

fn main() {
    let arg = |i: usize, d: i64| {
        std::env::args()
            .nth(i)
            .and_then(|a| a.parse().ok())
            .unwrap_or(d)
    };
    let (batch, threads) = (arg(1, 4), arg(2, 2));
    tch::set_num_threads(threads as i32);
    let _g = tch::no_grad_guard();
    let cpu = (Kind::Float, Device::Cpu);
    let (len, hidden, heads) = (256i64, 384i64, 12i64);
    let m = batch * len;
    for (k, n) in [
        (hidden, 3 * hidden),
        (hidden, hidden),
        (hidden, 4 * hidden),
        (4 * hidden, hidden),
    ] {
        let x = Tensor::randn([batch, len, k], cpu);
        let w = Tensor::randn([n, k], cpu) * 0.05;
        let b = Tensor::randn([n], cpu);
        let flops = 2.0 * (m * k * n) as f64;
        time(&format!("f32 linear {k} -> {n}"), flops, || {
            let _ = x.linear(&w, Some(&b));
        });
        let q = QuantLinear::new(&w, &b).expect("quantizes");
        let lengths = vec![len; batch as usize];
        time(
            &format!("int8 linear {k} -> {n}, per window"),
            flops,
            || {
                let _ = q.forward_rows(&x, &lengths);
            },
        );
    }
    let d = hidden / heads;
    let bh = batch * heads;
    let q = Tensor::randn([bh, len, d], cpu);
    let mask = Tensor::zeros([bh, 1, len], cpu);
    let pair_flops = 2.0 * (bh * len * len * d) as f64;
    time(
        "attention: baddbmm (scores, mask, scale)",
        pair_flops,
        || {
            let _ = mask.baddbmm(&q, &q.transpose(1, 2), 1.0, 0.17);
        },
    );
    let scores = mask.baddbmm(&q, &q.transpose(1, 2), 1.0, 0.17);
    time("attention: softmax", 0.0, || {
        let _ = scores.softmax(-1, Kind::Float);
    });
    let p = scores.softmax(-1, Kind::Float);
    time("attention: bmm (context)", pair_flops, || {
        let _ = p.bmm(&q);
    });
    let q4 = Tensor::randn([batch, heads, len, d], cpu);
    let mask4 = Tensor::zeros([batch, 1, 1, len], cpu);
    time(
        "scaled_dot_product_attention, masked",
        2.0 * pair_flops,
        || {
            let _ =
                Tensor::scaled_dot_product_attention(&q4, &q4, &q4, Some(&mask4), 0.0, false, None);
        },
    );
    let inner = Tensor::randn([batch, len, 4 * hidden], cpu);
    time("gelu (fused)", 0.0, || {
        let _ = inner.gelu("none");
    });
    let x = Tensor::randn([batch, len, hidden], cpu);
    let ones = Tensor::ones([hidden], cpu);
    time("layer_norm", 0.0, || {
        let _ = x.layer_norm([hidden].as_slice(), Some(&ones), Some(&ones), 1e-12, false);
    });
}
