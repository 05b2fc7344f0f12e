//! `newsner eval`: a model scored on CoNLL data, as it serves or (`--normalized`) through the reduce
//! side: the model's mentions normalized across documents as one corpus, scored as the tables would
//! give them.

use newsner_core::labels::EntityType;
use newsner_core::Result;
use newsner_map::conll::{self, Document};
use newsner_map::eval::{Report, Scorer};
use newsner_map::ner::{InferenceConfig, Precision, Recognizer};
use newsner_map::train::{self, LabelSet};
use newsner_reduce::normalize::{self, ArticleMentions};
use std::path::{Path, PathBuf};

/// The `--head` that scores what the tables get: the serving head as it serves, on any label set.
pub const SERVED: &str = "served";

/// How a model is evaluated.
#[derive(Debug, Clone)]
pub struct EvalOptions {
    /// The model directory.
    pub model: PathBuf,
    /// Read each document as a whole (context across sentences), not sentence by sentence.
    pub context: bool,
    /// The model's number format.
    pub precision: Precision,
    /// Score the types the tables give (through normalization) instead of the model's labels.
    pub normalized: bool,
    /// Score only these types.
    pub types: Option<Vec<String>>,
    /// Score this output head alone (default: the serving head, or the head of the file's label set);
    /// [`SERVED`] scores the serving output as it serves, whatever the file's label set.
    pub head: Option<String>,
    /// Window length in tokens.
    pub max_len: usize,
    /// Tokens between window starts.
    pub stride: usize,
    /// Also write every token with its gold and predicted tags here.
    pub predictions: Option<PathBuf>,
}

/// Scores `opts.model` on the CoNLL file `conll`: entity-level precision, recall and F1.
pub fn evaluate(conll_file: &Path, opts: &EvalOptions) -> Result<Report> {
    if opts.stride > opts.max_len {
        return Err(newsner_core::Error::Usage(format!(
            "--stride {} is longer than --max-len {}",
            opts.stride, opts.max_len
        )));
    }
    let infer = InferenceConfig {
        precision: opts.precision,
        max_len: opts.max_len,
        stride: opts.stride,
        ..InferenceConfig::default()
    };
    let mut rec = Recognizer::load(&opts.model, infer)?;
    let mut docs = conll::read(conll_file, 1)?;
    let set = LabelSet::of(&docs);
    conll::map_to_conll(&mut docs);
    // The serving head is scored as it serves (with the other heads where the model combines them);
    // `head` scores one head alone.
    match &opts.head {
        Some(h) if h == SERVED => {}
        Some(h) => rec.select_head(h)?,
        None if !opts.normalized
            && rec.model().head_name() != set.name()
            && rec.model().heads().iter().any(|h| h.name == set.name()) =>
        {
            rec.select_head(set.name())?
        }
        None => {}
    }
    let mut scorer = match opts.predictions {
        Some(_) => Scorer::recording(),
        None => Scorer::default(),
    };
    if opts.normalized {
        let lex =
            normalize::Lexicons::load(&newsner_core::shipped(newsner_core::DEFAULT_LEXICONS))?;
        evaluate_normalized(&rec, &docs, &lex, &mut scorer)?
    } else {
        let types = opts.types.as_deref();
        train::evaluate_docs_typed(&rec, &docs, opts.context, types, &mut scorer)?
    }
    if let (Some(path), Some(t)) = (&opts.predictions, scorer.transcript()) {
        newsner_core::store::write_atomic(path, t.as_bytes())?;
    }
    Ok(scorer.report())
}

/// Scores the types the tables give: the model's mentions over whole documents, cleaned and normalized
/// across all documents as one corpus ([`newsner_reduce::normalize`], the corpus-wide type vote and the word
/// lists included), each token labelled with its entity's type (person → PER, place → LOC, organization
/// → ORG, other → MISC). A rule that turns Paris into "other" shows here as lost LOC F1.
pub fn evaluate_normalized(
    rec: &Recognizer,
    docs: &[Document],
    lex: &normalize::Lexicons,
    scorer: &mut Scorer,
) -> Result<()> {
    let texts: Vec<(String, Vec<Vec<std::ops::Range<usize>>>)> =
        docs.iter().map(Document::text).collect();
    let mut cleaned = Vec::with_capacity(docs.len());
    for (chunk_start, group) in texts.chunks(64).enumerate().map(|(i, g)| (i * 64, g)) {
        let toks = group
            .iter()
            .map(|(t, _)| rec.codec().tokenize(t, std::slice::from_ref(&(0..t.len()))))
            .collect::<Result<Vec<_>>>()?;
        let probs = rec.predict(&toks)?;
        for (k, ((text, _), (tok, p))) in group.iter().zip(toks.iter().zip(&probs)).enumerate() {
            let mentions = rec
                .codec()
                .mentions(text, tok, &rec.codec().word_labels(tok, p));
            let id = (chunk_start + k).to_string();
            cleaned.push(normalize::clean_mentions(&id, text, &mentions, lex));
        }
    }
    let articles = texts
        .iter()
        .zip(cleaned)
        .map(|((text, _), mentions)| ArticleMentions { text, mentions })
        .collect();
    let n = normalize::normalize(articles, &normalize::AliasTable::default(), lex);
    let mut by_article: Vec<Vec<&normalize::CleanMention>> = vec![Vec::new(); docs.len()];
    for m in &n.mentions {
        if let Ok(i) = m.article_id.parse::<usize>() {
            by_article[i].push(m);
        }
    }
    for ((doc, (_, ranges)), ms) in docs.iter().zip(&texts).zip(by_article) {
        for (sent, r) in doc.sentences.iter().zip(ranges) {
            let pred = tags_of(&ms, r);
            let pred: Vec<&str> = pred.iter().map(String::as_str).collect();
            let gold: Vec<&str> = sent.tags[0].iter().map(String::as_str).collect();
            scorer.add_tokens(&sent.tokens, &gold, &pred);
        }
    }
    Ok(())
}

/// A sentence's BIO tags in CoNLL's labels from the clean mentions over its tokens (`r`: each token's
/// byte range in the article).
fn tags_of(mentions: &[&normalize::CleanMention], r: &[std::ops::Range<usize>]) -> Vec<String> {
    let mut pred = vec!["O".to_string(); r.len()];
    for m in mentions {
        let (bs, be) = (m.byte_start, m.byte_start + m.text.len());
        let label = match m.entity_type {
            EntityType::Person => "PER",
            EntityType::Place => "LOC",
            EntityType::Organization => "ORG",
            EntityType::Other => "MISC",
        };
        let mut first = true;
        for (t, range) in r.iter().enumerate() {
            if range.start >= bs && range.start < be {
                pred[t] = format!("{}-{label}", if first { "B" } else { "I" });
                first = false;
            }
        }
    }
    pred
}
