//! Figures end to end with the shipped model on articles written for the test: two countries' tolls
//! and their total are three figures, each reconciled across the articles that give it.

use newsner::tables::read_csv;
use std::collections::HashMap;
use std::process::Command;

const ARTICLES: &[(&str, &str)] = &[
    (
        "a.txt",
        "Floods kill thousands in two countries\n\nFloods that swept across South America this week \
         have killed 35,000 people, officials said. In Chile, 30,000 people died when the river burst \
         its banks. Another 5,000 people were killed in Peru, where rescue teams are still searching.\n",
    ),
    (
        "b.txt",
        "Chile mourns its dead\n\nThe death toll in Chile has reached 30,000, the government said on \
         Friday. Rescue workers said the floods were the worst in decades.\n",
    ),
    (
        "c.txt",
        "Aid appeal launched\n\nCharities have launched an appeal for the region, where more than \
         35,000 people have died. In Peru, the toll stands at 5,000. The Red Cross has raised \
         $2m so far.\n",
    ),
];

fn figures_of(articles: &[(&str, &str)]) -> Vec<HashMap<String, String>> {
    let corpus = tempfile::tempdir().unwrap();
    let out = tempfile::tempdir().unwrap();
    for (name, text) in articles {
        std::fs::write(corpus.path().join(name), text).unwrap();
    }
    let o = Command::new(env!("CARGO_BIN_EXE_newsner"))
        .args(["run", corpus.path().to_str().unwrap(), "--out"])
        .arg(out.path())
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let (h, rows) = read_csv(&out.path().join("figures.csv")).unwrap();
    rows.into_iter()
        .map(|r| h.iter().cloned().zip(r).collect())
        .collect()
}

#[test]
fn two_countries_and_their_total_are_three_figures() {
    let figures = figures_of(ARTICLES);
    let dead: Vec<_> = figures.iter().filter(|f| f["counted"] == "dead").collect();
    let row = |scope: &str| {
        let rows: Vec<_> = dead.iter().filter(|f| f["scope"] == scope).collect();
        assert_eq!(rows.len(), 1, "one toll of {scope:?}: {dead:#?}");
        (*rows[0]).clone()
    };
    let chile = row("Chile");
    let peru = row("Peru");
    let total = row("");
    assert_eq!(dead.len(), 3, "{dead:#?}");
    for (f, value, articles) in [
        (chile, "30000", "a | b"),
        (peru, "5000", "a | c"),
        (total, "35000", "a | c"),
    ] {
        assert_eq!(f["value"], value, "{f:#?}");
        assert_eq!(f["article_ids"], articles, "{f:#?}");
        assert_eq!(
            (f["status"].as_str(), f["conflict"].as_str()),
            ("agreed", "no")
        );
    }
}
