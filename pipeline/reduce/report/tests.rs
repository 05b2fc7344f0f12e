use super::*;
use crate::geo::{LinkedPlace, PlaceLink};
use crate::normalize::CleanMention;
use newsner_core::labels::EntityType;
use newsner_core::record::Status;

fn record(id: &str, text: &str) -> ArticleRecord {
    let mut r = ArticleRecord::unprocessed(id, &format!("{id}.txt"), Status::Ok, String::new());
    r.text = text.into();
    r.title = format!("Title of {id} </script>");
    r
}

fn mention(article: &str, text: &str, start: usize, ty: EntityType) -> CleanMention {
    CleanMention {
        article_id: article.into(),
        start,
        end: start + text.chars().count(),
        text: text.into(),
        name: text.into(),
        entity_type: ty,
        label: String::new(),
        score: 0.9,
        byte_start: 0,
    }
}

fn entity(id: &str, name: &str, ty: EntityType, articles: &[&str], mentions: usize) -> Entity {
    Entity {
        id: id.into(),
        entity_type: ty,
        name: name.into(),
        aliases: vec![],
        articles: articles.iter().map(|a| a.to_string()).collect(),
        mentions,
        score: 0.9,
        merge_reasons: vec![],
        place: None,
    }
}

fn sample() -> (Vec<ArticleRecord>, Normalized) {
    let records = vec![
        record(
            "a",
            "Über alles. Mayor Jane Roe spoke in Lyon on Monday. Then she left.",
        ),
        record("b", "In Lyon, <b>crowds</b> gathered."),
    ];
    let mut lyon = entity("lyon", "Lyon", EntityType::Place, &["a", "b"], 2);
    lyon.place = Some(PlaceLink {
        place: Some(LinkedPlace {
            geonames_id: 2996944,
            name: "Lyon".into(),
            country_code: "FR".into(),
            admin1: "FR-ARA".into(),
            lat_lon: Some((45.75, 4.85)),
            population: 472317,
        }),
        score: 0.9,
        candidates: vec![],
        by_user: false,
    });
    let normalized = Normalized {
        entities: vec![
            entity("roe", "Jane Roe", EntityType::Person, &["a"], 1),
            lyon,
        ],
        mentions: vec![
            mention("a", "Jane Roe", 18, EntityType::Person),
            mention("a", "Lyon", 36, EntityType::Place),
            mention("b", "Lyon", 3, EntityType::Place),
        ],
        entity_of: vec![0, 1, 1],
        review: vec![],
        rows_before: Default::default(),
    };
    (records, normalized)
}

fn page(records: &[ArticleRecord], n: &Normalized) -> String {
    let world = WorldMap::parse("250\tFrance\t-4,48 8,49 7,43 -1,43\n");
    let input = ReportInput {
        records,
        normalized: n,
        figures: &[],
        changes: &Changes::default(),
        world: &world,
    };
    let mut out = Vec::new();
    write(&mut out, &input).unwrap();
    String::from_utf8(out).unwrap()
}

#[test]
fn the_page_is_self_contained_and_carries_its_data_safely() {
    let (records, n) = sample();
    let html = page(&records, &n);
    assert!(
        !html.contains("http://") && !html.contains("https://"),
        "no external URL"
    );
    assert!(!html.contains("src=\""), "nothing loaded from elsewhere");
    let data = html.split("type=\"application/json\">").nth(1).unwrap();
    let data = data.split("</script>").next().unwrap();
    assert!(
        !data.contains('<'),
        "the data cannot close its script element"
    );
    let v: serde_json::Value = serde_json::from_str(data).unwrap();
    assert_eq!(v["entities"].as_array().unwrap().len(), 2);
    assert_eq!(v["articles"][0][1], "Title of a </script>");
}

#[test]
fn entities_come_most_mentioned_first_with_their_sentence_and_mention() {
    let (records, n) = sample();
    let html = page(&records, &n);
    let data = html
        .split("type=\"application/json\">")
        .nth(1)
        .unwrap()
        .split("</script>")
        .next()
        .unwrap();
    let v: serde_json::Value = serde_json::from_str(data).unwrap();
    let lyon = &v["entities"][0];
    assert_eq!(lyon[2], "Lyon");
    assert_eq!(lyon[5], serde_json::json!([0, 1]));
    // The sentence, not the whole article, and the mention apart.
    assert_eq!(
        lyon[6][0],
        serde_json::json!([0, "Mayor Jane Roe spoke in ", "Lyon", " on Monday."])
    );
    assert_eq!(lyon[7][1], "FR");
    let roe = &v["entities"][1];
    assert_eq!(roe[6][0][2], "Jane Roe");
}

#[test]
fn linked_places_become_markers_on_the_projected_map() {
    let (records, n) = sample();
    let html = page(&records, &n);
    assert_eq!(html.matches("<circle ").count(), 1);
    assert!(html.contains("data-e=\"0\"><title>Lyon (2 articles)</title>"));
    assert_eq!(html.matches("<path d=\"M").count(), 1);
}

#[test]
fn snippets_fall_back_to_character_offsets_and_stay_short() {
    let long = format!("{} Lyon {}", "word ".repeat(40), "more ".repeat(40));
    let records = vec![record("a", &long)];
    let mut n = sample().1;
    n.entities.truncate(1);
    n.mentions = vec![mention("a", "Lyon", 201, EntityType::Place)];
    n.entity_of = vec![0];
    let s = snippets::choose(&records, &n, &[0]);
    let Snippet(_, before, m, after) = &s[0][0];
    assert_eq!(m, "Lyon");
    assert!(before.starts_with('…') && after.ends_with('…'));
    assert!(before.chars().count() <= 62 && after.chars().count() <= 62);
}

use snippets::Snippet;

#[test]
fn an_entity_of_many_articles_lists_the_first_and_counts_them_all() {
    let n_articles = ARTICLES_LISTED + 5;
    let records: Vec<ArticleRecord> = (0..n_articles)
        .map(|i| record(&format!("a{i:04}"), "In Lyon today."))
        .collect();
    let ids: Vec<String> = records.iter().map(|r| r.id.clone()).collect();
    let refs: Vec<&str> = ids.iter().map(String::as_str).collect();
    let n = Normalized {
        entities: vec![entity("lyon", "Lyon", EntityType::Place, &refs, n_articles)],
        mentions: ids
            .iter()
            .map(|a| mention(a, "Lyon", 3, EntityType::Place))
            .collect(),
        entity_of: vec![0; n_articles],
        review: vec![],
        rows_before: Default::default(),
    };
    let html = page(&records, &n);
    let data = html.split("type=\"application/json\">").nth(1).unwrap();
    let v: serde_json::Value =
        serde_json::from_str(data.split("</script>").next().unwrap()).unwrap();
    assert_eq!(
        v["entities"][0][5].as_array().unwrap().len(),
        ARTICLES_LISTED
    );
    assert_eq!(v["entities"][0][8], n_articles);
    assert_eq!(
        v["articles"].as_array().unwrap().len(),
        ARTICLES_LISTED,
        "only listed articles"
    );
    assert_eq!(v["articles_total"], n_articles);
    assert_eq!(
        v["entities"][0][6].as_array().unwrap().len(),
        8,
        "its sentences"
    );
}
