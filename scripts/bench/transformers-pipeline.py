#!/usr/bin/env python3
"""Times Hugging Face `transformers`' token-classification pipeline on a folder of articles.

The reference for `newsner bench` (issue: speed): the same model (newsner's shipped weights, converted
here to a plain `BertForTokenClassification`: the casing embedding, which the pipeline cannot feed, is
left out, and only the serving head's rows are kept), the same windows (256 tokens, 64 overlapping, as
newsner's default stride of 192), batch 16, `aggregation_strategy="simple"`, on the same threads.

    .deps/hf-venv/bin/python scripts/bench/transformers-pipeline.py MODEL_DIR CORPUS_DIR \
        --dtype f32 --threads 2 [--json]

Prints articles, words (whitespace-separated, as newsner counts them), seconds and words/s. The venv
comes from `make hf-venv` (torch==2.4.0, transformers, numpy<2, all from PyPI).
"""

import argparse
import json
import os
import sys
import tempfile
import time


def convert(model_dir, out_dir):
    """Writes `model_dir` as a plain BERT token classifier in `out_dir`; returns it."""
    import torch
    from safetensors.torch import load_file, save_file

    with open(os.path.join(model_dir, "config.json"), encoding="utf-8") as f:
        cfg = json.load(f)
    labels = [cfg["id2label"][str(i)] for i in range(len(cfg["id2label"]))]
    start, count = 0, len(labels)
    serving = cfg.get("newsner_serving_head")
    for head in cfg.get("newsner_heads") or []:
        if head["name"] == serving:
            count = head["labels"]
            break
        start += head["labels"]
    labels = labels[start : start + count]
    weights = load_file(os.path.join(model_dir, "model.safetensors"))
    out = {}
    for name, t in weights.items():
        if "casing_embeddings" in name:
            continue
        if name.startswith("classifier."):
            t = t[start : start + count]
        out[name if name.startswith(("bert.", "classifier.")) else "bert." + name] = (
            t.to(torch.float32).contiguous()
        )
    save_file(out, os.path.join(out_dir, "model.safetensors"), metadata={"format": "pt"})
    for key in [k for k in cfg if k.startswith("newsner_")]:
        del cfg[key]
    cfg["id2label"] = {str(i): l for i, l in enumerate(labels)}
    cfg["label2id"] = {l: i for i, l in enumerate(labels)}
    cfg["architectures"] = ["BertForTokenClassification"]
    cfg["model_type"] = "bert"
    with open(os.path.join(out_dir, "config.json"), "w", encoding="utf-8") as f:
        json.dump(cfg, f)
    return out_dir


def articles(corpus):
    paths = []
    for root, _, files in os.walk(corpus):
        for name in files:
            paths.append(os.path.join(root, name))
    paths.sort()
    texts = []
    for p in paths:
        with open(p, encoding="utf-8", errors="replace") as f:
            texts.append(f.read())
    return texts


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("model")
    ap.add_argument("corpus")
    ap.add_argument("--dtype", choices=["f32", "bf16"], default="f32")
    ap.add_argument("--threads", type=int, default=os.cpu_count())
    ap.add_argument("--batch-size", type=int, default=16)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()

    import torch
    from transformers import BertForTokenClassification, PreTrainedTokenizerFast, pipeline

    torch.set_num_threads(args.threads)
    texts = articles(args.corpus)
    words = sum(len(t.split()) for t in texts)
    with tempfile.TemporaryDirectory() as tmp:
        convert(args.model, tmp)
        model = BertForTokenClassification.from_pretrained(tmp)
    dtype = torch.bfloat16 if args.dtype == "bf16" else torch.float32
    model = model.to(dtype).eval()
    tok = PreTrainedTokenizerFast(
        tokenizer_file=os.path.join(args.model, "tokenizer.json"),
        model_max_length=256,
        unk_token="[UNK]",
        sep_token="[SEP]",
        pad_token="[PAD]",
        cls_token="[CLS]",
        mask_token="[MASK]",
    )
    tok.backend_tokenizer.no_truncation()
    tok.backend_tokenizer.no_padding()
    ner = pipeline(
        "token-classification",
        model=model,
        tokenizer=tok,
        aggregation_strategy="simple",
        stride=64,
        device="cpu",
        batch_size=args.batch_size,
    )
    ner(texts[:2])  # warm-up
    start = time.perf_counter()
    found = 0
    with torch.inference_mode():
        for out in ner(texts):
            found += len(out)
    seconds = time.perf_counter() - start
    report = {
        "engine": "transformers " + __import__("transformers").__version__,
        "torch": torch.__version__,
        "dtype": args.dtype,
        "threads": args.threads,
        "articles": len(texts),
        "words": words,
        "entities": found,
        "seconds": seconds,
        "words_per_second": words / seconds,
    }
    if args.json:
        print(json.dumps(report))
    else:
        print(
            f"transformers pipeline {args.dtype}: {len(texts)} articles, {words} words in "
            f"{seconds:.1f} s: {words / seconds:.0f} words/s ({found} entities)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
