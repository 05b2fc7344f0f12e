//! Model evaluation through the reduce side: the model's mentions normalized across documents as one
//! corpus, scored as the tables would give them (`newsner eval --normalized`).

use newsner_core::labels::EntityType;
use newsner_core::Result;
use newsner_map::conll::Document;
use newsner_map::eval::Scorer;
use newsner_map::ner::Recognizer;
use newsner_reduce::normalize::{self, ArticleMentions};

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
            let mut pred = vec!["O".to_string(); r.len()];
            for m in &ms {
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
            let pred: Vec<&str> = pred.iter().map(String::as_str).collect();
            let gold: Vec<&str> = sent.tags[0].iter().map(String::as_str).collect();
            scorer.add_tokens(&sent.tokens, &gold, &pred);
        }
    }
    Ok(())
}
