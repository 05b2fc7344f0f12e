//! Fuzzing on the stable toolchain: proptest strategies run for a time budget instead of a fixed number
//! of cases (`cargo fuzz` needs nightly). One target per stage that reads untrusted text: the corpus
//! reader and its decoders, the tokenizer and sentence splitter, the boilerplate stage, the numbers
//! parser, and normalization over arbitrary mention sets.
//!
//! The targets are ignored tests; `scripts/fuzz.sh` runs each for `NEWSNER_FUZZ_SECONDS` (default 600).
//! A failure prints the shrunk input and the seed; the input is then kept as a regression test next to
//! the stage it broke.

use proptest::prelude::*;
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};
use std::time::{Duration, Instant};

const BOM: char = '\u{feff}';

/// Runs `test` over values of `strategy` until the time budget is spent, each round from a new seed.
fn fuzz<S: Strategy>(name: &str, strategy: S, test: impl Fn(S::Value) -> Result<(), TestCaseError>)
where
    S::Value: std::fmt::Debug,
{
    let secs: u64 = std::env::var("NEWSNER_FUZZ_SECONDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(600);
    let start = Instant::now();
    let (mut rounds, mut cases) = (0u64, 0u64);
    while start.elapsed() < Duration::from_secs(secs) {
        let seed = start.elapsed().as_nanos() as u64 ^ (rounds << 32) ^ 0x9e37_79b9_7f4a_7c15;
        let mut bytes = [0u8; 32];
        bytes[..8].copy_from_slice(&seed.to_le_bytes());
        let rng = TestRng::from_seed(RngAlgorithm::ChaCha, &bytes);
        let config = Config {
            cases: 512,
            failure_persistence: None,
            ..Config::default()
        };
        let mut runner = TestRunner::new_with_rng(config, rng);
        if let Err(e) = runner.run(&strategy, &test) {
            panic!("fuzz {name}: seed {seed:#x}: {e}");
        }
        rounds += 1;
        cases += 512;
    }
    eprintln!(
        "fuzz {name}: {cases} cases in {:.0} s, no failure",
        start.elapsed().as_secs_f64()
    );
}

/// Text with what breaks text code: every Unicode class, odd spaces and line breaks, combining marks,
/// quotes, digits and separators, and long runs.
fn nasty_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        "\\PC{0,12}",
        "[ \u{a0}\u{2009}\u{202f}\u{3000}\t\r\n\u{85}\u{2028}\u{2029}]{1,3}",
        "[A-Z][a-z]{1,8}( [A-Z][a-z]{1,8}){0,2}",
        "[0-9]{1,4}([.,\u{a0}\u{2009} ][0-9]{3}){0,2}(%| per cent| million)?",
        "[\"'“”‘’«»()\\[\\]$€£.,;:!?—–-]{1,3}",
        "\u{301}|\u{308}|\u{200d}|\u{fe0f}|\u{feff}|\u{fffd}",
        "(Share|Follow us|Advertisement|Read more)[ a-z]{0,20}\n",
        // Words the number rules look at: units, fractions, verbs, sports and price shapes.
        " (og|pen|of|rose|fell|was|the|all|three|two|quarters|thirds|mark|reals|km|kms|nautical miles|degrees Celsius|it|them|in|at) ",
        "[0-9]{1,4}m|\\$[0-9]{1,3}\\.[0-9]{2}\\([+\u{2212}-][0-9]{1,2}\\.[0-9]{2}\\)|\\([A-Z][a-z]{2,6} [0-9]{1,3}\\)",
    ];
    proptest::collection::vec(piece, 0..40).prop_map(|v| v.concat())
}

fn check_ranges(text: &str, ranges: &[std::ops::Range<usize>]) -> Result<(), TestCaseError> {
    for r in ranges {
        prop_assert!(r.start <= r.end && text.get(r.clone()).is_some(), "{r:?}");
    }
    Ok(())
}

#[test]
#[ignore = "fuzzing: run by scripts/fuzz.sh"]
fn fuzz_corpus_reader() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let bom = prop_oneof![
        Just(vec![]),
        Just(vec![0xEF, 0xBB, 0xBF]),
        Just(vec![0xFF, 0xFE]),
        Just(vec![0xFE, 0xFF])
    ];
    let body = prop_oneof![
        proptest::collection::vec(any::<u8>(), 0..600),
        nasty_text().prop_map(String::into_bytes),
    ];
    fuzz("corpus reader", (bom, body), |(bom, body)| {
        let path = dir.path().join("a.txt");
        let raw = [bom, body].concat();
        std::fs::write(&path, &raw).expect("write");
        let entries = crate::corpus::discover(dir.path()).expect("listed");
        prop_assert_eq!(entries.len(), 1);
        let a = crate::corpus::read(&entries[0], 400);
        if a.status.is_processed() {
            prop_assert!(!a.text.trim().is_empty());
            prop_assert!(a.title.chars().count() <= crate::corpus::MAX_TITLE_CHARS);
            // One byte-order mark is dropped; a second one is text (a zero-width no-break space).
            let doubled = [
                &[0xEF, 0xBB, 0xBF, 0xEF, 0xBB, 0xBF][..],
                &[0xFF, 0xFE, 0xFF, 0xFE],
                &[0xFE, 0xFF, 0xFE, 0xFF],
            ]
            .iter()
            .any(|b| raw.starts_with(b));
            prop_assert!(!a.text.starts_with(BOM) || doubled);
            prop_assert_eq!(a.sha256.len(), 64);
        } else {
            prop_assert!(a.message.is_some());
        }
        Ok(())
    });
}

#[test]
#[ignore = "fuzzing: run by scripts/fuzz.sh"]
fn fuzz_tokenizer_and_sentences() {
    fuzz("tokenizer and sentences", nasty_text(), |text| {
        let sentences = crate::text::sentences(&text, &[0..text.len()]);
        check_ranges(&text, &sentences)?;
        for s in sentences {
            for tok in crate::text::tokens(&text, s.clone()) {
                prop_assert!(s.start <= tok.range.start && tok.range.end <= s.end);
                prop_assert_eq!(&text[tok.range.clone()], tok.text);
                prop_assert!(!tok.text.is_empty() && !tok.text.chars().any(char::is_whitespace));
            }
        }
        Ok(())
    });
}

#[test]
#[ignore = "fuzzing: run by scripts/fuzz.sh"]
fn fuzz_boilerplate() {
    fuzz("boilerplate", nasty_text(), |text| {
        let seg = crate::boilerplate::segment(&text);
        check_ranges(&text, &seg.content)?;
        for w in seg.content.windows(2) {
            prop_assert!(w[0].end <= w[1].start, "ordered, disjoint: {:?}", w);
        }
        Ok(())
    });
}

#[test]
#[ignore = "fuzzing: run by scripts/fuzz.sh"]
fn fuzz_numbers() {
    fuzz("numbers", nasty_text(), |text| {
        let seg = crate::boilerplate::segment(&text);
        for n in crate::numbers::extract(&text, &seg.content, &[]) {
            prop_assert_eq!(text.get(n.byte_start..n.byte_end), Some(n.text.as_str()));
            prop_assert!(n.start <= n.end);
            // Identifiers keep their code, dates are ISO 8601, times HH:MM; quantities are decimals.
            if !matches!(n.kind.as_str(), "identifier" | "date" | "time") && !n.value.is_empty() {
                prop_assert!(
                    n.value.parse::<f64>().is_ok(),
                    "value {:?} of {:?}",
                    n.value,
                    n.text
                );
            }
        }
        Ok(())
    });
}

#[test]
#[ignore = "fuzzing: run by scripts/fuzz.sh"]
fn fuzz_normalization() {
    use crate::normalize::{self, AliasTable, ArticleMentions};
    let lex =
        normalize::Lexicons::load(&crate::shipped(crate::DEFAULT_LEXICONS)).expect("lexicons");
    // Names drawn from a small pool, so articles share, abbreviate and reorder them.
    let name = "(Mr |Dr |the )?(Ann|Bo|Lee|Van|Al|Jean-Luc|O'Neil|Ng|AB|U\\.S\\.)( (Smith|Lee|Ng|Van Dam|Airlines|Group|Inc|Bank|River|City|AB))?( \\(\\w{1,4}\\))?";
    let text = proptest::collection::vec(
        prop_oneof![name.prop_map(String::from), nasty_text()],
        1..12,
    )
    .prop_map(|v| v.join(" "));
    let spans = proptest::collection::vec((0usize..6, 0usize..14, 0usize..8), 0..14);
    let strategy = proptest::collection::vec((text, spans), 1..6);
    fuzz("normalization", strategy, |articles| {
        let input: Vec<ArticleMentions> = articles
            .iter()
            .enumerate()
            .map(|(i, (t, spans))| ArticleMentions {
                text: t,
                mentions: normalize::clean_mentions(
                    &i.to_string(),
                    t,
                    &newsner_core::span::mentions_from_triples(t, spans),
                    &lex,
                ),
            })
            .collect();
        let n = normalize::normalize(input, &AliasTable::default(), &lex);
        prop_assert_eq!(n.entity_of.len(), n.mentions.len());
        for (m, &e) in n.mentions.iter().zip(&n.entity_of) {
            prop_assert!(e < n.entities.len());
            let t = &articles[m.article_id.parse::<usize>().expect("index")].0;
            prop_assert_eq!(
                t.get(m.byte_start..m.byte_start + m.text.len()),
                Some(m.text.as_str())
            );
            prop_assert_eq!(n.entities[e].entity_type, m.entity_type);
        }
        Ok(())
    });
}
