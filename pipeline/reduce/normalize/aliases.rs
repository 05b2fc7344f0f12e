//! The user's alias table: names they have confirmed, applied before every pass.

use super::names::key;
use newsner_core::labels::EntityType;
use std::collections::HashMap;

/// The user's alias table: `alias, canonical, type` rows (type optional), applied before clustering.
#[derive(Debug, Clone, Default)]
pub struct AliasTable {
    entries: HashMap<String, (String, Option<EntityType>)>,
}

impl AliasTable {
    /// Reads a CSV with the header `alias,canonical,type`. Empty lines and lines whose first cell
    /// starts with `#` are ignored.
    pub fn load(path: &std::path::Path) -> crate::Result<AliasTable> {
        let bytes = std::fs::read(path).map_err(|e| crate::Error::io(path, e))?;
        let mut r = csv::ReaderBuilder::new()
            .flexible(true)
            .comment(Some(b'#'))
            .from_reader(&bytes[..]);
        let header: Vec<String> = r
            .headers()
            .map_err(|e| crate::Error::Csv {
                path: path.to_path_buf(),
                source: e,
            })?
            .iter()
            .map(|h| h.trim().to_lowercase())
            .collect();
        if header.first().map(String::as_str) != Some("alias")
            || header.get(1).map(String::as_str) != Some("canonical")
        {
            return Err(crate::Error::input(
                path,
                "the header must be: alias,canonical,type",
            ));
        }
        let mut entries = HashMap::new();
        for (n, rec) in r.records().enumerate() {
            let rec = rec.map_err(|e| crate::Error::Csv {
                path: path.to_path_buf(),
                source: e,
            })?;
            let alias = rec.get(0).unwrap_or("").trim();
            let canonical = rec.get(1).unwrap_or("").trim();
            if alias.is_empty() || canonical.is_empty() {
                continue;
            }
            let ty = match rec.get(2).map(str::trim).filter(|t| !t.is_empty()) {
                None => None,
                Some(t) => Some(EntityType::parse(t).ok_or_else(|| {
                    crate::Error::input(
                        path,
                        format!(
                            "line {}: type {t:?} is not person, place, organization or other",
                            n + 2
                        ),
                    )
                })?),
            };
            entries.insert(key(alias), (canonical.to_string(), ty));
        }
        Ok(AliasTable { entries })
    }

    /// The canonical name and type for a name, if the table has it.
    pub fn get(&self, name: &str) -> Option<&(String, Option<EntityType>)> {
        self.entries.get(&key(name))
    }

    /// A digest of the table, for cache keys.
    pub fn fingerprint(&self) -> String {
        let mut rows: Vec<String> = self
            .entries
            .iter()
            .map(|(k, (c, t))| format!("{k}\t{c}\t{}", t.map_or("", EntityType::as_str)))
            .collect();
        rows.sort();
        crate::store::sha256_hex(rows.join("\n").as_bytes())
    }
}
