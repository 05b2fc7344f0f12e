//! Numbers on the seed articles (skipped when ../shared is absent).

mod common;

use newsner::numbers::{self, NumberMention};
use newsner::{boilerplate, corpus};

fn seed_numbers() -> Option<Vec<(String, NumberMention)>> {
    let shared = common::shared()?;
    let mut out = Vec::new();
    for e in corpus::discover(&shared.join("seeds")).unwrap() {
        let a = corpus::read(&e, corpus::DEFAULT_MAX_BYTES);
        let seg = boilerplate::segment(&a.text);
        for n in numbers::extract(&a.text, &seg.content, &[]) {
            out.push((a.id.clone(), n));
        }
    }
    Some(out)
}

fn has(all: &[(String, NumberMention)], value: &str, kind: &str, counted: &str) -> bool {
    all.iter()
        .any(|(_, n)| n.value == value && n.kind == kind && n.counted == counted)
}

#[test]
fn crash_figures_come_out_as_counts_with_their_nouns() {
    let Some(all) = seed_numbers() else {
        eprintln!("skipped: ../shared is absent and NEWSNER_SKIP_SHARED=1");
        return;
    };
    for (value, counted) in [
        ("38", "people"),                 // the death toll
        ("29", "survivors"),              // survivors
        ("67", "people"),                 // on board
        ("62", "passengers"),             // passengers
        ("5", "crew members"),            // crew, spelled out
        ("37", "Azerbaijani passengers"), // nationalities
        ("6", "Kazakhs"),
        ("3", "Kyrgyz"),
        ("16", "Russians"),
        ("59", "Ukrainian drones"), // drones
    ] {
        assert!(
            has(&all, value, "count", counted),
            "{value} {counted}: {all:#?}"
        );
    }
    let toll = all
        .iter()
        .find(|(_, n)| n.value == "38" && n.qualifier == "at-least")
        .expect("'At least 38 people'");
    assert_eq!(toll.1.counted, "people");
}

#[test]
fn flight_numbers_are_identifiers_and_dates_are_dates() {
    let Some(all) = seed_numbers() else {
        eprintln!("skipped: ../shared is absent and NEWSNER_SKIP_SHARED=1");
        return;
    };
    for id in ["J2-8243", "8432", "MH17", "#J28243"] {
        assert!(
            all.iter()
                .any(|(_, n)| n.value == id && n.kind == "identifier"),
            "{id}"
        );
    }
    assert!(all.iter().any(|(_, n)| n.text == "December 26, 2024"
        && n.kind == "date"
        && n.value == "2024-12-26"));
    // No flight number, date or year is ever a count.
    for (_, n) in &all {
        if n.kind == "count" {
            assert!(
                !["8432", "8243", "2024", "2014"].contains(&n.value.as_str()),
                "{n:?}"
            );
        }
    }
}

#[test]
fn the_death_toll_survivors_and_people_on_board_are_one_figure_each() {
    let Some(all) = seed_numbers() else {
        eprintln!("skipped: ../shared is absent and NEWSNER_SKIP_SHARED=1");
        return;
    };
    let shared = common::shared().expect("checked above");
    let texts: Vec<(String, String)> = corpus::discover(&shared.join("seeds"))
        .unwrap()
        .iter()
        .map(|e| {
            let a = corpus::read(e, corpus::DEFAULT_MAX_BYTES);
            (a.id, a.text)
        })
        .collect();
    let per_article: Vec<Vec<NumberMention>> = texts
        .iter()
        .map(|(id, _)| {
            all.iter()
                .filter(|(a, _)| a == id)
                .map(|(_, n)| n.clone())
                .collect()
        })
        .collect();
    let input: Vec<newsner::figures::ArticleNumbers> = texts
        .iter()
        .zip(&per_article)
        .map(|((id, text), ns)| newsner::figures::ArticleNumbers {
            id,
            text,
            numbers: ns,
            // Without the tables' entities, an article names what its numbers name.
            entities: ns
                .iter()
                .flat_map(|n| [n.subject_id.as_str(), n.scope_id.as_str()])
                .filter(|id| !id.is_empty())
                .collect(),
            // Nor their main actors: amounts told by different words stay apart.
            topics: Default::default(),
        })
        .collect();
    let (figures, _) = newsner::figures::figures(&input);
    let row = |counted: &str| {
        let rows: Vec<_> = figures.iter().filter(|f| f.counted == counted).collect();
        assert_eq!(rows.len(), 1, "one {counted} row: {figures:#?}");
        rows[0].clone()
    };
    let dead = row("dead");
    assert_eq!(dead.value, "38", "{dead:#?}");
    assert!(dead.article_ids.len() >= 4, "{dead:#?}");
    assert_eq!(figures[0].id, dead.id, "the most reported figure");
    assert_eq!(row("survivors").value, "29");
    // "carrying 37 Azerbaijani passengers" beside "67 people were on board" in one article: two
    // quantities, the total one row.
    let aboard: Vec<_> = figures
        .iter()
        .filter(|f| f.counted == "aboard" && f.value == "67")
        .collect();
    assert_eq!(aboard.len(), 1, "{figures:#?}");
    assert!(aboard[0].article_ids.len() >= 2, "{aboard:#?}");
}
