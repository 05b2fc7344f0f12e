//! The output set: the tables, written through a [`TableFormat`], and one JSON record per article.

use crate::reduce::Reduced;
use crate::Result;
use newsner_core::error::Error;
use newsner_core::labels::EntityType;
use newsner_core::record::{ArticleRecord, Dropped};
use newsner_core::span::NumberMention;
use newsner_core::store::Staging;
use newsner_core::tables::{self, score_cell, Cell, TableFormat, TableSink, LIST_SEP};
use serde::Serialize;
use std::collections::HashMap;
use std::path::PathBuf;

/// What goes into an output set besides the tables' rows.
pub struct SetOptions<'a> {
    /// Also write `review.csv`.
    pub review: bool,
    /// The map `report.html` draws.
    pub world: &'a crate::geo::world::WorldMap,
    /// What changed since the published set before this one.
    pub changes: &'a crate::report::Changes,
}

/// Writes the tables (and `review.csv` when asked), `report.html` and the per-article JSON records of
/// `records` and what the reduce found in them into the staging folder.
pub fn write_set(
    staging: &mut Staging,
    format: &dyn TableFormat,
    records: &[ArticleRecord],
    reduced: &Reduced,
    options: &SetOptions<'_>,
) -> Result<()> {
    let out = Outputs::new(records, reduced);
    out.write_tables(staging, format, options.review)?;
    let input = crate::report::ReportInput {
        records,
        normalized: &reduced.normalized,
        figures: &reduced.figures,
        changes: options.changes,
        world: options.world,
    };
    staging.file("report.html", |w| crate::report::write(w, &input))?;
    out.write_records(staging)
}

/// The GeoNames columns of a places.csv row (see [`tables::PLACE_HEADER`]): blank where nothing is
/// linked; the candidates and the best score are given even then.
fn place_cells(link: Option<&crate::geo::PlaceLink>) -> Vec<Cell> {
    let blank = || Cell::Raw(String::new());
    let Some(l) = link else {
        return (0..8).map(|_| blank()).collect();
    };
    let mut cells: Vec<Cell> = match &l.place {
        Some(p) => vec![
            Cell::Raw(p.geonames_id.to_string()),
            p.country_code.as_str().into(),
            p.admin1.as_str().into(),
            p.lat_lon
                .map_or_else(blank, |(lat, _)| Cell::Raw(format!("{lat:.4}"))),
            p.lat_lon
                .map_or_else(blank, |(_, lon)| Cell::Raw(format!("{lon:.4}"))),
            Cell::Raw(p.population.to_string()),
        ],
        None => (0..6).map(|_| blank()).collect(),
    };
    cells.push(score_cell(l.score));
    cells.push(l.candidates_cell().into());
    cells
}

/// What the tables and records are written from.
struct Outputs<'a> {
    records: &'a [ArticleRecord],
    reduced: &'a Reduced,
    /// Indices into `normalized.mentions` of each article's mentions.
    mentions_of: Vec<Vec<usize>>,
}

/// A number in an article's JSON record: the number and the figure it belongs to.
#[derive(Serialize)]
struct RecordNumber<'a> {
    #[serde(flatten)]
    number: &'a NumberMention,
    #[serde(skip_serializing_if = "Option::is_none")]
    figure_id: Option<&'a str>,
}

/// Writes table `name` into the staging folder in `format`, row by row: the header, then the rows
/// `fill` pushes.
fn stage_table(
    staging: &mut Staging,
    format: &dyn TableFormat,
    name: &str,
    header: &[&str],
    fill: impl FnOnce(&mut dyn TableSink) -> Result<()>,
) -> Result<()> {
    let file = format!("{name}.{}", format.extension());
    staging.file(&file, |w| {
        let mut t = format.begin(w, name, header)?;
        fill(t.as_mut())?;
        t.end()
    })
}

/// An entity mention in an article's JSON record.
#[derive(Serialize)]
struct RecordMention<'a> {
    end: usize,
    entity: &'a str,
    entity_id: &'a str,
    label: &'a str,
    score: f64,
    start: usize,
    text: &'a str,
    #[serde(rename = "type")]
    entity_type: EntityType,
}

/// An article's JSON record (`articles/<id>.json`), keys in alphabetical order.
#[derive(Serialize)]
struct Record<'a> {
    article_id: &'a str,
    boilerplate: &'a [Dropped],
    mentions: Vec<RecordMention<'a>>,
    message: &'a Option<String>,
    numbers: Vec<RecordNumber<'a>>,
    path: String,
    sha256: &'a str,
    status: &'a str,
    title: &'a str,
    words: usize,
}

impl<'a> Outputs<'a> {
    fn new(records: &'a [ArticleRecord], reduced: &'a Reduced) -> Self {
        let normalized = &reduced.normalized;
        // The first article with an id owns it (later ones are skipped as duplicates).
        let index: HashMap<&str, usize> =
            records
                .iter()
                .enumerate()
                .fold(HashMap::new(), |mut m, (i, a)| {
                    m.entry(a.id.as_str()).or_insert(i);
                    m
                });
        let mut mentions_of = vec![Vec::new(); records.len()];
        for (k, m) in normalized.mentions.iter().enumerate() {
            if let Some(&i) = index.get(m.article_id.as_str()) {
                mentions_of[i].push(k);
            }
        }
        Outputs {
            records,
            reduced,
            mentions_of,
        }
    }

    /// Writes every table, and `review.csv` when asked, into the staging folder, row by row.
    fn write_tables(
        &self,
        staging: &mut Staging,
        format: &dyn TableFormat,
        review: bool,
    ) -> Result<()> {
        for (ty, file) in [
            (EntityType::Person, "people"),
            (EntityType::Place, "places"),
            (EntityType::Organization, "organizations"),
            (EntityType::Other, "other"),
        ] {
            let header: &[&str] = if ty == EntityType::Place {
                &tables::PLACE_HEADER
            } else {
                &tables::ENTITY_HEADER
            };
            stage_table(staging, format, file, header, |t| self.entity_rows(ty, t))?;
        }
        let mention_header = &tables::MENTION_HEADER;
        stage_table(staging, format, "mentions", mention_header, |t| {
            self.mention_rows(t)
        })?;
        let number_header = &tables::NUMBER_HEADER;
        stage_table(staging, format, "numbers", number_header, |t| {
            self.number_rows(t)
        })?;
        let figure_header = &tables::FIGURE_HEADER;
        stage_table(staging, format, "figures", figure_header, |t| {
            self.figure_rows(t)
        })?;
        let article_header = &tables::ARTICLE_HEADER;
        stage_table(staging, format, "articles", article_header, |t| {
            self.article_rows(t)
        })?;
        if review {
            let header = ["decision", "type", "name", "other", "reason", "similarity"];
            stage_table(staging, format, "review", &header, |t| self.review_rows(t))?;
        }
        Ok(())
    }

    /// The rows of one entity table: the entities of type `ty`.
    fn entity_rows(&self, ty: EntityType, t: &mut dyn TableSink) -> Result<()> {
        let n = &self.reduced.normalized;
        for e in n.entities.iter().filter(|e| e.entity_type == ty) {
            let mut row: Vec<Cell> = vec![
                e.id.as_str().into(),
                e.name.as_str().into(),
                e.aliases.join(LIST_SEP).into(),
                e.articles.len().into(),
                e.mentions.into(),
                e.articles
                    .iter()
                    .map(String::as_str)
                    .collect::<Vec<_>>()
                    .join(LIST_SEP)
                    .into(),
                score_cell(e.score),
                e.merge_reasons.join(LIST_SEP).into(),
            ];
            if ty == EntityType::Place {
                row.extend(place_cells(e.place.as_ref()));
            }
            t.push(&row)?;
        }
        Ok(())
    }

    /// `mentions.csv`: every mention with its entity.
    fn mention_rows(&self, t: &mut dyn TableSink) -> Result<()> {
        let n = &self.reduced.normalized;
        for (i, cm) in n.mentions.iter().enumerate() {
            let e = &n.entities[n.entity_of[i]];
            t.push(&[
                cm.article_id.as_str().into(),
                e.id.as_str().into(),
                e.entity_type.as_str().into(),
                cm.text.as_str().into(),
                cm.start.into(),
                cm.end.into(),
                score_cell(cm.score),
            ])?;
        }
        Ok(())
    }

    /// `numbers.csv`: every number of every article.
    fn number_rows(&self, t: &mut dyn TableSink) -> Result<()> {
        for (art, figure_of) in self.records.iter().zip(&self.reduced.figure_of) {
            for (k, x) in art.numbers.iter().enumerate() {
                // Values we compute (decimals, ISO dates such as --12-26) are written as they
                // are; identifiers are copied from the article and are neutralised like all text.
                let value = if x.kind == "identifier" {
                    Cell::Text(x.value.clone())
                } else {
                    Cell::Raw(x.value.clone())
                };
                t.push(&[
                    art.id.as_str().into(),
                    value,
                    x.text.as_str().into(),
                    x.kind.as_str().into(),
                    x.counted.as_str().into(),
                    x.qualifier.as_str().into(),
                    x.start.into(),
                    x.end.into(),
                    x.sentence.as_str().into(),
                    x.unit.as_str().into(),
                    x.subject.as_str().into(),
                    x.subject_id.as_str().into(),
                    x.scope.as_str().into(),
                    x.scope_id.as_str().into(),
                    figure_of[k].as_deref().unwrap_or("").into(),
                ])?;
            }
        }
        Ok(())
    }

    /// `figures.csv`: the corpus's figures.
    fn figure_rows(&self, t: &mut dyn TableSink) -> Result<()> {
        for f in &self.reduced.figures {
            t.push(&[
                f.id.as_str().into(),
                f.kind.as_str().into(),
                f.counted.as_str().into(),
                Cell::Raw(f.value.clone()),
                f.qualifier.as_str().into(),
                f.values
                    .iter()
                    .map(|(v, n)| format!("{v} ({n})"))
                    .collect::<Vec<_>>()
                    .join(LIST_SEP)
                    .into(),
                f.article_ids.len().into(),
                f.article_ids.join(LIST_SEP).into(),
                (if f.conflict { "yes" } else { "no" }).into(),
                f.sentences.join(LIST_SEP).into(),
                f.unit.as_str().into(),
                f.subject.as_str().into(),
                f.subject_id.as_str().into(),
                f.scope.as_str().into(),
                f.scope_id.as_str().into(),
                f.status.into(),
            ])?;
        }
        Ok(())
    }

    /// `articles.csv`: every article with its status and counts.
    fn article_rows(&self, t: &mut dyn TableSink) -> Result<()> {
        let n = &self.reduced.normalized;
        for (i, art) in self.records.iter().enumerate() {
            // Distinct entities of each type among the article's mentions.
            let count = |ty: EntityType| {
                let mut ids: Vec<usize> = self.mentions_of[i]
                    .iter()
                    .map(|&k| n.entity_of[k])
                    .filter(|&e| n.entities[e].entity_type == ty)
                    .collect();
                ids.sort_unstable();
                ids.dedup();
                ids.len()
            };
            t.push(&[
                art.id.as_str().into(),
                art.path.as_str().into(),
                art.title.as_str().into(),
                Cell::Raw(art.sha256.clone()),
                art.words.into(),
                count(EntityType::Person).into(),
                count(EntityType::Place).into(),
                count(EntityType::Organization).into(),
                art.numbers.len().into(),
                art.status.as_str().into(),
            ])?;
        }
        Ok(())
    }

    /// `review.csv`: the merges least sure of and the near misses refused.
    fn review_rows(&self, t: &mut dyn TableSink) -> Result<()> {
        let n = &self.reduced.normalized;
        for r in &n.review {
            t.push(&[
                r.decision.as_str().into(),
                r.entity_type.as_str().into(),
                r.name.as_str().into(),
                r.other.as_str().into(),
                r.reason.as_str().into(),
                Cell::Raw(format!("{:.3}", r.similarity)),
            ])?;
        }
        Ok(())
    }

    /// Writes one JSON record per article into the staging folder.
    fn write_records(&self, staging: &mut Staging) -> Result<()> {
        let n = &self.reduced.normalized;
        for (i, a) in self.records.iter().enumerate() {
            let mentions = self.mentions_of[i]
                .iter()
                .map(|&k| {
                    let m = &n.mentions[k];
                    let e = &n.entities[n.entity_of[k]];
                    RecordMention {
                        end: m.end,
                        entity: &e.name,
                        entity_id: &e.id,
                        label: &m.label,
                        score: (f64::from(m.score) * 1000.0).round() / 1000.0,
                        start: m.start,
                        text: &m.text,
                        entity_type: m.entity_type,
                    }
                })
                .collect();
            let record = Record {
                article_id: &a.id,
                boilerplate: &a.boilerplate,
                mentions,
                message: &a.message,
                numbers: a
                    .numbers
                    .iter()
                    .enumerate()
                    .map(|(k, number)| RecordNumber {
                        number,
                        figure_id: self.reduced.figure_of[i].get(k).and_then(|f| f.as_deref()),
                    })
                    .collect(),
                path: a.path.clone(),
                sha256: &a.sha256,
                status: a.status.as_str(),
                title: &a.title,
                words: a.words,
            };
            let name = format!("articles/{}.json", a.id);
            staging.file(&name, |w| {
                serde_json::to_writer_pretty(w, &record).map_err(|e| Error::Json {
                    path: PathBuf::from(&name),
                    source: e,
                })
            })?;
        }
        Ok(())
    }
}
