//! `report.html`: one self-contained page to look at the tables — the most-mentioned entities with
//! filters, each entity's articles with the mention highlighted in its sentence, a world map of the
//! places (inline SVG, projected here), an entity × article matrix, the figures, and what changed since
//! the last run. No external URL: it opens without a network.
//!
//! The page carries its data as one JSON object; its script draws the lists and writes what it shows
//! into `#newsner-check`, which the browser test compares with the tables.

pub mod changes;
mod snippets;
mod svg;

pub use changes::{Before, Changes};

use crate::figures::Figure;
use crate::geo::world::WorldMap;
use crate::normalize::{Entity, Normalized};
use crate::Result;
use newsner_core::error::Error;
use newsner_core::record::ArticleRecord;
use serde::Serialize;
use std::io::Write;

/// The page, with `/*DATA*/` and `<!--MAP-->` where the data and the map go.
const PAGE: &str = include_str!("page.html");

/// At most this many figures are carried (conflicts first, then those reported by most articles).
const FIGURES: usize = 1500;

/// What the report is drawn from.
pub struct ReportInput<'a> {
    /// The articles, in corpus order.
    pub records: &'a [ArticleRecord],
    /// The entities and mentions.
    pub normalized: &'a Normalized,
    /// The figures.
    pub figures: &'a [Figure],
    /// What changed since the last run.
    pub changes: &'a Changes,
    /// The world map.
    pub world: &'a WorldMap,
}

/// An entity as the page gets it: type, id, name, aliases, mentions, article indices (the first
/// [`ARTICLES_LISTED`] in corpus order), snippets (article index, text before, the mention, text
/// after), its place (GeoNames id, country, lat, lon), and its number of articles.
#[derive(Serialize)]
struct EntityData<'a>(
    &'a str,
    &'a str,
    &'a str,
    String,
    usize,
    Vec<u32>,
    Vec<snippets::Snippet>,
    Option<(u32, &'a str, f32, f32)>,
    usize,
);

/// Articles listed per entity at most, so that an archive of many thousands of articles keeps the
/// page small (the count is always given).
const ARTICLES_LISTED: usize = 300;

/// A figure as the page gets it: id, kind, counted, value, qualifier, values, articles, status
/// (`agreed`, `updated`, `conflict`), first sentence, whose and where ("Acme · in Chile").
#[derive(Serialize)]
struct FigureData<'a>(
    &'a str,
    &'a str,
    &'a str,
    &'a str,
    &'a str,
    String,
    usize,
    &'a str,
    &'a str,
    String,
);

/// The page's data.
#[derive(Serialize)]
struct Data<'a> {
    /// Article id, title, path: the articles some entity lists.
    articles: Vec<(&'a str, &'a str, &'a str)>,
    /// The number of articles in the table.
    articles_total: usize,
    entities: Vec<EntityData<'a>>,
    figures: Vec<FigureData<'a>>,
    /// The number of figures in the table (the page may carry fewer).
    figures_total: usize,
    changes: &'a Changes,
}

/// Entity indices by mentions, most first (ties by id).
fn ranked(entities: &[Entity]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..entities.len()).collect();
    order.sort_by(|&a, &b| {
        let (x, y) = (&entities[a], &entities[b]);
        y.mentions.cmp(&x.mentions).then_with(|| x.id.cmp(&y.id))
    });
    order
}

fn entity_data<'a>(
    e: &'a Entity,
    index: &std::collections::HashMap<&str, u32>,
    snippets: Vec<snippets::Snippet>,
) -> EntityData<'a> {
    let place = e
        .place
        .as_ref()
        .and_then(|l| l.place.as_ref())
        .and_then(|p| {
            let (lat, lon) = p.lat_lon?;
            Some((p.geonames_id, p.country_code.as_str(), lat, lon))
        });
    let mut articles: Vec<u32> = e
        .articles
        .iter()
        .filter_map(|a| index.get(a.as_str()).copied())
        .collect();
    articles.sort_unstable();
    let total = articles.len();
    articles.truncate(ARTICLES_LISTED);
    EntityData(
        e.entity_type.as_str(),
        &e.id,
        &e.name,
        e.aliases.join("; "),
        e.mentions,
        articles,
        snippets,
        place,
        total,
    )
}

fn figure_data(figures: &[Figure]) -> Vec<FigureData<'_>> {
    let mut order: Vec<&Figure> = figures.iter().collect();
    order.sort_by(|a, b| {
        b.conflict
            .cmp(&a.conflict)
            .then(b.article_ids.len().cmp(&a.article_ids.len()))
    });
    order.truncate(FIGURES);
    order
        .into_iter()
        .map(|f| {
            let values = f
                .values
                .iter()
                .map(|(v, n)| format!("{v} ({n})"))
                .collect::<Vec<_>>()
                .join("; ");
            let sentence = f.sentences.first().map_or("", String::as_str);
            FigureData(
                &f.id,
                &f.kind,
                &f.counted,
                &f.value,
                &f.qualifier,
                values,
                f.article_ids.len(),
                f.status,
                sentence,
                whose_where(f),
            )
        })
        .collect()
}

/// "Acme · in Chile": a figure's subject and scope, as far as it has them.
fn whose_where(f: &Figure) -> String {
    let mut parts = Vec::new();
    if !f.subject.is_empty() {
        parts.push(f.subject.clone());
    }
    if !f.scope.is_empty() {
        parts.push(format!("in {}", f.scope));
    }
    parts.join(" · ")
}

/// The page's data, entities ranked by mentions.
fn data<'a>(input: &ReportInput<'a>, order: &[usize]) -> Data<'a> {
    let index: std::collections::HashMap<&str, u32> = input
        .records
        .iter()
        .enumerate()
        .map(|(i, r)| (r.id.as_str(), i as u32))
        .collect();
    let mut snippets = snippets::choose(input.records, input.normalized, order);
    let mut entities: Vec<EntityData<'a>> = order
        .iter()
        .map(|&e| {
            entity_data(
                &input.normalized.entities[e],
                &index,
                std::mem::take(&mut snippets[e]),
            )
        })
        .collect();
    // Only the articles some entity lists are carried, renumbered in corpus order.
    let mut carried: Vec<u32> = entities.iter().flat_map(|e| e.5.iter().copied()).collect();
    carried.sort_unstable();
    carried.dedup();
    let new_index: std::collections::HashMap<u32, u32> = carried
        .iter()
        .enumerate()
        .map(|(k, &a)| (a, k as u32))
        .collect();
    for e in &mut entities {
        e.5.iter_mut().for_each(|a| *a = new_index[a]);
        e.6.retain(|s| new_index.contains_key(&s.0));
        e.6.iter_mut().for_each(|s| s.0 = new_index[&s.0]);
    }
    Data {
        articles: carried
            .iter()
            .map(|&a| {
                let r = &input.records[a as usize];
                (r.id.as_str(), r.title.as_str(), r.path.as_str())
            })
            .collect(),
        articles_total: input.records.len(),
        entities,
        figures: figure_data(input.figures),
        figures_total: input.figures.len(),
        changes: input.changes,
    }
}

/// JSON that is safe inside a `<script>` element: no `<` at all (it only occurs inside strings, where
/// `\u003c` means the same).
fn script_json(data: &Data<'_>) -> Result<String> {
    let json = serde_json::to_string(data).map_err(|e| Error::Json {
        path: "report.html".into(),
        source: e,
    })?;
    Ok(json.replace('<', "\\u003c"))
}

/// Writes `report.html`.
pub fn write(w: &mut dyn Write, input: &ReportInput<'_>) -> Result<()> {
    let order = ranked(&input.normalized.entities);
    let map = svg::map(input.world, &input.normalized.entities, &order);
    let json = script_json(&data(input, &order))?;
    let (head, rest) = PAGE.split_once("<!--MAP-->").unwrap_or((PAGE, ""));
    let (middle, tail) = rest.split_once("/*DATA*/").unwrap_or((rest, ""));
    for part in [head, &map, middle, &json, tail] {
        w.write_all(part.as_bytes())
            .map_err(|e| Error::io("report.html", e))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests;
