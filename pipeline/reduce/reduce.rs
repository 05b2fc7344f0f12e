//! The reduce side's driver: records in (from one process or from many map tasks, in any order), the
//! corpus's entities and figures out.

use crate::figures::{self, Figure};
use crate::geo::world::WorldMap;
use crate::normalize::{self, AliasTable, Lexicons, Normalized};
use crate::Result;
use newsner_core::guarded;
use newsner_core::labels::EntityType;
use newsner_core::record::{ArticleRecord, Status};
use rayon::prelude::*;
use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::Path;

/// What the cross-article stages found.
pub struct Reduced {
    /// Entities, each mention's entity, review items.
    pub normalized: Normalized,
    /// The corpus's figures.
    pub figures: Vec<Figure>,
    /// Each record's numbers' figure ids (by record, then number).
    pub figure_of: Vec<Vec<Option<String>>>,
}

/// The cross-article stages with their data: the user's alias table and the word lists.
pub struct Reducer {
    aliases: AliasTable,
    lexicons: Lexicons,
    world: WorldMap,
}

impl Reducer {
    /// Loads the alias table (none: empty), the word lists and gazetteer, and the place links (none:
    /// empty).
    pub fn load(
        aliases: Option<&Path>,
        links: Option<&Path>,
        lexicons: &Path,
        normalize: Option<&Path>,
    ) -> Result<Reducer> {
        let mut lex = Lexicons::load(lexicons)?;
        if let Some(p) = normalize {
            lex = lex.with_config(p)?;
        }
        if let Some(p) = links {
            lex = lex.with_user_links(p)?;
        }
        Ok(Reducer {
            aliases: match aliases {
                Some(p) => AliasTable::load(p)?,
                None => AliasTable::default(),
            },
            lexicons: lex,
            world: WorldMap::load(&lexicons.join(crate::geo::world::FILE))?,
        })
    }

    /// The word lists.
    pub fn lexicons(&self) -> &Lexicons {
        &self.lexicons
    }

    /// The world map the report draws.
    pub fn world(&self) -> &WorldMap {
        &self.world
    }

    /// Orders `records` ([`order`]), cleans each article's mentions on `pool` (a panic there turns its
    /// record into an error record), then normalizes and reconciles figures across the corpus. The
    /// records' raw mentions are consumed: [`Reduced`] holds the cleaned ones.
    pub fn reduce(&self, records: &mut Vec<ArticleRecord>, pool: &rayon::ThreadPool) -> Reduced {
        order(records);
        // The model's mentions are cleaned into the corpus's; the tables and JSON records are written
        // from those, so the raw ones are freed before the corpus-wide stages need the memory.
        let raw: Vec<Vec<newsner_core::span::Mention>> = records
            .iter_mut()
            .map(|r| std::mem::take(&mut r.mentions))
            .collect();
        let cleaned: Vec<std::result::Result<Vec<normalize::CleanMention>, String>> =
            pool.install(|| {
                records
                    .par_iter()
                    .zip(raw.par_iter())
                    .map(|(r, mentions)| {
                        guarded("clean-up", || {
                            normalize::clean_mentions(&r.id, &r.text, mentions, &self.lexicons)
                        })
                    })
                    .collect()
            });
        drop(raw);
        let cleaned: Vec<Vec<normalize::CleanMention>> = cleaned
            .into_iter()
            .zip(records.iter_mut())
            .map(|(c, r)| {
                c.unwrap_or_else(|e| {
                    r.fail(e);
                    Vec::new()
                })
            })
            .collect();
        let articles = records
            .iter()
            .zip(cleaned)
            .map(|(r, mentions)| normalize::ArticleMentions {
                text: &r.text,
                mentions,
            })
            .collect();
        let normalized = normalize::normalize(articles, &self.aliases, &self.lexicons);
        let (figures, figure_of) = self.figures(records, &normalized);
        Reduced {
            normalized,
            figures,
            figure_of,
        }
    }

    /// Gives every number its subject and scope from the normalized entities, then reconciles the
    /// corpus's figures: the figures and each record's numbers' figure ids.
    fn figures(
        &self,
        records: &mut [ArticleRecord],
        normalized: &Normalized,
    ) -> (Vec<Figure>, Vec<Vec<Option<String>>>) {
        let mut annotated: Vec<_> = records
            .iter_mut()
            .map(|r| (r.id.as_str(), r.text.as_str(), &mut r.numbers))
            .collect();
        figures::annotate(&mut annotated, normalized, &self.lexicons);
        let named = entities_by_article(normalized);
        let topics = topics_by_article(normalized);
        let reported: Vec<figures::ArticleNumbers> = records
            .iter()
            .map(|r| figures::ArticleNumbers {
                id: &r.id,
                text: &r.text,
                numbers: &r.numbers,
                entities: named.get(r.id.as_str()).cloned().unwrap_or_default(),
                topics: topics.get(r.id.as_str()).cloned().unwrap_or_default(),
            })
            .collect();
        figures::figures(&reported)
    }
}

/// Puts records in corpus order (by path, component by component, as a folder is walked) and gives
/// each its own id: of two records with one id (`same.txt`, `same.md`; or one article mapped twice) the
/// first keeps it and the others are skipped as duplicates under their path (`same.md`, then `~2`,
/// `~3`… if needed), as `newsner run` does when it lists a folder. Records that are already in order
/// with distinct ids are left as they are.
pub fn order(records: &mut [ArticleRecord]) {
    records.sort_by(|a, b| a.path.split('/').cmp(b.path.split('/')));
    let mut seen: HashSet<String> = HashSet::new();
    for r in records.iter_mut() {
        if seen.insert(r.id.clone()) {
            continue;
        }
        let original = r.id.clone();
        let mut id = r.path.clone();
        let mut n = 2;
        while seen.contains(&id) {
            id = format!("{}~{n}", r.path);
            n += 1;
        }
        seen.insert(id.clone());
        let message = format!("another file already has the article id {original:?}");
        *r = ArticleRecord::unprocessed(&id, &r.path.clone(), Status::DuplicateId, message);
    }
}

/// The ids of the entities each article mentions, by article id.
fn entities_by_article(n: &Normalized) -> HashMap<&str, BTreeSet<&str>> {
    let mut out: HashMap<&str, BTreeSet<&str>> = HashMap::new();
    for (m, &e) in n.mentions.iter().zip(&n.entity_of) {
        out.entry(m.article_id.as_str())
            .or_default()
            .insert(n.entities[e].id.as_str());
    }
    out
}

/// Each article's main actors: the people and organizations it mentions at least half as often as
/// the one it mentions most (what a figure told without a subject is most likely about).
fn topics_by_article(n: &Normalized) -> HashMap<&str, BTreeSet<&str>> {
    let mut counts: HashMap<&str, HashMap<&str, usize>> = HashMap::new();
    for (m, &e) in n.mentions.iter().zip(&n.entity_of) {
        let entity = &n.entities[e];
        if matches!(
            entity.entity_type,
            EntityType::Person | EntityType::Organization
        ) {
            *counts
                .entry(m.article_id.as_str())
                .or_default()
                .entry(entity.id.as_str())
                .or_default() += 1;
        }
    }
    counts
        .into_iter()
        .map(|(a, c)| {
            let most = c.values().copied().max().unwrap_or(0);
            let main = c
                .into_iter()
                .filter(|&(_, k)| 2 * k >= most)
                .map(|(e, _)| e);
            (a, main.collect())
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rec(id: &str, path: &str) -> ArticleRecord {
        let mut r = ArticleRecord::unprocessed(id, path, Status::Ok, String::new());
        r.message = None;
        r.text = "Some text".into();
        r
    }

    #[test]
    fn records_in_any_order_come_out_in_path_order_with_unique_ids() {
        let mut rs = vec![
            rec("b/x", "b/x.txt"),
            rec("a b/x", "a b/x.txt"),
            rec("a/x", "a/x.txt"),
        ];
        order(&mut rs);
        let paths: Vec<&str> = rs.iter().map(|r| r.path.as_str()).collect();
        assert_eq!(
            paths,
            ["a/x.txt", "a b/x.txt", "b/x.txt"],
            "folders before longer names"
        );
        let mut rs = vec![
            rec("same", "same.txt"),
            rec("same", "same.md"),
            rec("same", "same.md"),
        ];
        order(&mut rs);
        let ids: Vec<(&str, Status)> = rs.iter().map(|r| (r.id.as_str(), r.status)).collect();
        assert_eq!(
            ids,
            [
                ("same", Status::Ok),
                ("same.md", Status::DuplicateId),
                ("same.txt", Status::DuplicateId)
            ]
        );
        assert!(rs[1].text.is_empty() && rs[1].message.as_deref().unwrap().contains("\"same\""));
    }
}
