//! What changed since the last run: the published set before this one (its manifest and entity tables)
//! against this run's articles and entities.

use crate::normalize::Entity;
use newsner_core::record::ArticleRecord;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};
use std::path::Path;

/// How many new, gone and changed entities the report lists by name (the counts cover them all).
const LISTED: usize = 40;

/// The entity tables of a published set.
const TABLES: [&str; 4] = ["people", "places", "organizations", "other"];

/// An entity of the set before: its type (table), name and mentions.
#[derive(Debug, Clone, PartialEq)]
pub struct Earlier {
    table: &'static str,
    name: String,
    mentions: usize,
}

/// The published set before this run, as far as the report needs it.
#[derive(Debug, Clone, Default)]
pub struct Before {
    /// Whether there was one.
    pub exists: bool,
    /// Its articles: id → content hash.
    pub articles: BTreeMap<String, String>,
    /// Its entities by id.
    pub entities: HashMap<String, Earlier>,
}

impl Before {
    /// Reads the published set of the output folder `out` (through `<out>/current`) with its
    /// manifest's `articles`; a table it cannot read counts as empty.
    pub fn load(out: &Path, articles: &BTreeMap<String, String>) -> Before {
        let current = out.join("current");
        let mut entities = HashMap::new();
        let mut exists = !articles.is_empty();
        for table in TABLES {
            let Ok(mut r) = csv::Reader::from_path(current.join(format!("{table}.csv"))) else {
                continue;
            };
            exists = true;
            for row in r.records().flatten() {
                let (Some(id), Some(name), Some(mentions)) = (row.get(0), row.get(1), row.get(4))
                else {
                    continue;
                };
                let id = id.trim_start_matches('\u{feff}').to_string();
                let mentions = mentions.parse().unwrap_or(0);
                entities.insert(
                    id,
                    Earlier {
                        table,
                        name: name.to_string(),
                        mentions,
                    },
                );
            }
        }
        Before {
            exists,
            articles: articles.clone(),
            entities,
        }
    }
}

/// An entity that is new, gone or changed: id, type, name, mentions before and now.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Changed(pub String, pub String, pub String, pub usize, pub usize);

/// What changed, as the report shows it.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Changes {
    /// Whether there was an earlier run to compare with.
    pub earlier: bool,
    /// Articles added, changed (new content) and removed, by id.
    pub added: Vec<String>,
    pub changed: Vec<String>,
    pub removed: Vec<String>,
    /// Numbers of new and gone entities, and of those whose mentions changed.
    pub new_count: usize,
    pub gone_count: usize,
    pub moved_count: usize,
    /// The most-mentioned of each (at most [`LISTED`]).
    pub new: Vec<Changed>,
    pub gone: Vec<Changed>,
    pub moved: Vec<Changed>,
}

fn table_of(e: &Entity) -> &'static str {
    use newsner_core::labels::EntityType as T;
    match e.entity_type {
        T::Person => "people",
        T::Place => "places",
        T::Organization => "organizations",
        _ => "other",
    }
}

/// Keeps the `LISTED` entries with the largest change, and returns how many there were.
fn top(mut v: Vec<Changed>) -> (usize, Vec<Changed>) {
    let n = v.len();
    v.sort_by(|a, b| {
        b.3.abs_diff(b.4)
            .cmp(&a.3.abs_diff(a.4))
            .then_with(|| a.0.cmp(&b.0))
    });
    v.truncate(LISTED);
    (n, v)
}

/// This run's articles and entities against the set `before`.
pub fn changes(before: &Before, records: &[ArticleRecord], entities: &[Entity]) -> Changes {
    if !before.exists {
        return Changes::default();
    }
    let mut c = article_changes(before, records);
    let (mut new, mut moved) = (Vec::new(), Vec::new());
    let mut seen = std::collections::HashSet::new();
    for e in entities {
        let table = table_of(e);
        seen.insert(e.id.as_str());
        let row = |was| {
            Changed(
                e.id.clone(),
                table.to_string(),
                e.name.clone(),
                was,
                e.mentions,
            )
        };
        match before.entities.get(&e.id) {
            None => new.push(row(0)),
            Some(b) if b.mentions != e.mentions => moved.push(row(b.mentions)),
            Some(_) => {}
        }
    }
    let gone = before
        .entities
        .iter()
        .filter(|(id, _)| !seen.contains(id.as_str()))
        .map(|(id, b)| {
            Changed(
                id.clone(),
                b.table.to_string(),
                b.name.clone(),
                b.mentions,
                0,
            )
        })
        .collect();
    (c.new_count, c.new) = top(new);
    (c.gone_count, c.gone) = top(gone);
    (c.moved_count, c.moved) = top(moved);
    c
}

/// The articles added, changed and removed since `before`.
fn article_changes(before: &Before, records: &[ArticleRecord]) -> Changes {
    let now: BTreeMap<&str, &str> = records
        .iter()
        .filter(|r| r.status.is_processed())
        .map(|r| (r.id.as_str(), r.sha256.as_str()))
        .collect();
    let mut c = Changes {
        earlier: true,
        ..Changes::default()
    };
    for (id, sha) in &now {
        match before.articles.get(*id) {
            None => c.added.push(id.to_string()),
            Some(old) if old != sha => c.changed.push(id.to_string()),
            Some(_) => {}
        }
    }
    c.removed = before
        .articles
        .keys()
        .filter(|id| !now.contains_key(id.as_str()))
        .cloned()
        .collect();
    c
}

#[cfg(test)]
mod tests {
    use super::*;
    use newsner_core::labels::EntityType;
    use newsner_core::record::Status;

    fn entity(id: &str, mentions: usize) -> Entity {
        Entity {
            id: id.into(),
            entity_type: EntityType::Person,
            name: id.to_uppercase(),
            aliases: vec![],
            articles: Default::default(),
            mentions,
            score: 1.0,
            merge_reasons: vec![],
            place: None,
        }
    }

    fn record(id: &str, sha: &str) -> ArticleRecord {
        let mut r = ArticleRecord::unprocessed(id, id, Status::Ok, String::new());
        r.sha256 = sha.into();
        r
    }

    #[test]
    fn a_first_run_has_nothing_to_compare() {
        let c = changes(&Before::default(), &[record("a", "1")], &[entity("x", 1)]);
        assert!(!c.earlier && c.added.is_empty() && c.new.is_empty());
    }

    #[test]
    fn articles_and_entities_are_compared_by_id() {
        let dir = tempfile::tempdir().unwrap();
        let cur = dir.path().join("current");
        std::fs::create_dir_all(&cur).unwrap();
        std::fs::write(
            cur.join("people.csv"),
            "\u{feff}entity_id,name,aliases,articles,mentions\nx,X,,1,2\ngone,GONE,,1,5\nsame,SAME,,1,3\n",
        )
        .unwrap();
        let articles = [("a", "1"), ("b", "2"), ("c", "3")]
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .into_iter()
            .collect();
        let before = Before::load(dir.path(), &articles);
        let recs = [record("a", "1"), record("b", "changed"), record("d", "4")];
        let c = changes(
            &before,
            &recs,
            &[entity("x", 4), entity("new", 1), entity("same", 3)],
        );
        assert!(c.earlier);
        assert_eq!(
            (c.added, c.changed, c.removed),
            (vec!["d".into()], vec!["b".into()], vec!["c".into()])
        );
        assert_eq!(
            c.new,
            vec![Changed("new".into(), "people".into(), "NEW".into(), 0, 1)]
        );
        assert_eq!(
            c.gone,
            vec![Changed("gone".into(), "people".into(), "GONE".into(), 5, 0)]
        );
        assert_eq!(
            c.moved,
            vec![Changed("x".into(), "people".into(), "X".into(), 2, 4)]
        );
        assert_eq!((c.new_count, c.gone_count, c.moved_count), (1, 1, 1));
    }
}
