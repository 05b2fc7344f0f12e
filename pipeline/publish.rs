//! Publication, shared by `newsner run` and `newsner reduce`: the reduce side over the records, then the
//! whole output set (tables, JSON records, `run.json`, the manifest) staged and published in one step.

use crate::corpus::Status;
use crate::error::Result;
use crate::map::MapStats;
use crate::reduce::Reducer;
use crate::run::{ArticleCounts, RunReport};
use crate::store::{self, Manifest, Staging};
use crate::text::printable;
use indicatif::ProgressBar;
use newsner_core::labels::EntityType;
use newsner_core::memory::StageTimer;
use newsner_core::record::ArticleRecord;
use newsner_core::tables::Csv;
use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;

/// Takes the output folder's lock; with `wait`, waits for another run to release it (saying so).
pub fn lock(out: &Path, wait: bool, bar: &ProgressBar) -> Result<store::Lock> {
    std::fs::create_dir_all(out).map_err(|e| crate::Error::io(out, e))?;
    if !wait {
        return store::Lock::acquire(out);
    }
    store::Lock::wait(out, |holder| {
        bar.suspend(|| {
            let _ = writeln!(
                std::io::stderr(),
                "newsner: waiting for another run ({holder}) to finish with {}",
                printable(&out.display().to_string())
            );
        })
    })
}

/// Where and how a set is published, and what the map side reported.
pub struct Publication<'a> {
    /// The output folder (its lock is held by the caller).
    pub out: &'a Path,
    /// CSV with a UTF-8 byte-order mark.
    pub excel: bool,
    /// Also write `review.csv`.
    pub review: bool,
    /// The manifest of the published set before this one.
    pub previous: &'a Manifest,
    /// Articles of the previous set that are gone.
    pub removed: usize,
    /// What the model did (nothing for `newsner reduce`: the records were mapped elsewhere).
    pub map: MapStats,
    /// The model, as `run.json` names it.
    pub model: String,
}

impl Publication<'_> {
    /// Writes the tables, the report (with what changed since the published set) and the records.
    fn write_set(
        &self,
        staging: &mut Staging,
        records: &[ArticleRecord],
        reduced: &crate::reduce::Reduced,
        reducer: &Reducer,
    ) -> Result<()> {
        let before = crate::report::Before::load(self.out, &self.previous.articles);
        let changes =
            crate::report::changes::changes(&before, records, &reduced.normalized.entities);
        let options = crate::output::SetOptions {
            review: self.review,
            world: reducer.world(),
            changes: &changes,
        };
        let format = Csv { excel: self.excel };
        crate::output::write_set(staging, &format, records, reduced, &options)
    }

    /// Reduces `records` and publishes the output set. The report's timings continue `timer`'s.
    pub fn publish(
        &self,
        mut records: Vec<ArticleRecord>,
        reducer: &Reducer,
        pool: &rayon::ThreadPool,
        mut timer: StageTimer,
    ) -> Result<RunReport> {
        let reduced = reducer.reduce(&mut records, pool);
        timer.lap("normalize");
        let mut staging = Staging::begin(self.out)?;
        self.write_set(&mut staging, &records, &reduced, reducer)?;
        let n = &reduced.normalized;
        let mut report = RunReport {
            articles: self.counts(&records),
            entities: EntityType::ALL
                .iter()
                .map(|t| {
                    let count = n.entities.iter().filter(|e| e.entity_type == *t).count();
                    (t.as_str().to_string(), count)
                })
                .collect(),
            mentions: n.mentions.len(),
            numbers: records.iter().map(|r| r.numbers.len()).sum(),
            words: records
                .iter()
                .filter(|r| r.status.is_processed())
                .map(|r| r.words)
                .sum(),
            rows_before_normalization: n.rows_before.clone(),
            timings: BTreeMap::new(),
            memory: BTreeMap::new(),
            inference: self.map.inference,
            model_flops: self.map.model_flops,
            model: self.model.clone(),
            problems: problems(&records),
        };
        timer.lap("tables");
        report.timings = timer.seconds.clone();
        report.memory = timer.memory.clone();
        staging.file("run.json", |w| {
            serde_json::to_writer_pretty(w, &report).map_err(|e| crate::Error::Json {
                path: self.out.join("run.json"),
                source: e,
            })
        })?;
        let current = records
            .iter()
            .filter(|r| r.status.is_processed())
            .map(|r| (r.id.clone(), r.sha256.clone()))
            .collect();
        let warnings = staging.commit(&Manifest { articles: current })?;
        report.problems.extend(warnings);
        timer.lap("write");
        report.timings = timer.seconds;
        report.memory = timer.memory;
        Ok(report)
    }

    /// Article counts of the set, against the previous one.
    fn counts(&self, records: &[ArticleRecord]) -> ArticleCounts {
        let mut counts = ArticleCounts {
            read: records.len(),
            removed: self.removed,
            inferred: self.map.inferred,
            ..Default::default()
        };
        for r in records {
            match r.status {
                Status::Ok | Status::LossyUtf8 => {
                    counts.processed += 1;
                    match self.previous.articles.get(&r.id) {
                        None => counts.new += 1,
                        Some(h) if *h != r.sha256 => counts.changed += 1,
                        Some(_) => counts.unchanged += 1,
                    }
                }
                Status::Empty
                | Status::Binary
                | Status::TooLarge
                | Status::DuplicateId
                | Status::NotAFile => counts.skipped += 1,
                _ => counts.failed += 1,
            }
        }
        counts
    }
}

/// One line per article with something to say: `path: message (status)`.
fn problems(records: &[ArticleRecord]) -> Vec<String> {
    records
        .iter()
        .filter_map(|r| {
            let m = r.message.as_ref()?;
            Some(format!(
                "{}: {} ({})",
                printable(&r.path),
                printable(m),
                r.status.as_str()
            ))
        })
        .collect()
}
