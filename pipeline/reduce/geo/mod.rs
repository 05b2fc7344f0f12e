//! Places on the map: the GeoNames gazetteer ([`gazetteer`]), linking a place name in its article to a
//! GeoNames id ([`link`]), and the world map the report draws ([`world`]).

pub mod gazetteer;
pub mod link;
pub mod world;

pub use gazetteer::{Gazetteer, Kind, Place};
pub use link::{LinkConfig, Linked, Occurrence, UserLinks};

use crate::Result;
use newsner_core::error::Error;
use serde::Serialize;
use std::collections::BTreeMap;
use std::io::Read;
use std::path::Path;

/// Reads a gzip-compressed UTF-8 data file of the lexicons folder (`what` names it in errors).
pub fn read_gz(path: &Path, what: &str) -> Result<String> {
    let bytes = std::fs::read(path).map_err(|e| {
        Error::input(
            path,
            format!("cannot read the {what} ({e}); run `make lexicons`"),
        )
    })?;
    let mut text = String::new();
    flate2::read::GzDecoder::new(&bytes[..])
        .read_to_string(&mut text)
        .map_err(|e| Error::input(path, format!("not a gzip-compressed UTF-8 file: {e}")))?;
    Ok(text)
}

/// A place entity's link, as places.csv and the report give it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlaceLink {
    /// The linked place (absent below the threshold).
    pub place: Option<LinkedPlace>,
    /// The link score of the best candidate (0..1).
    pub score: f32,
    /// The best candidates: GeoNames id, name, country code, score.
    pub candidates: Vec<(u32, String, String, f32)>,
    /// Whether the user's links table decided it.
    pub by_user: bool,
}

/// The GeoNames place a row is linked to.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LinkedPlace {
    /// GeoNames id.
    pub geonames_id: u32,
    /// Its name in GeoNames.
    pub name: String,
    /// Country (ISO 3166-1 alpha-2).
    pub country_code: String,
    /// First-level subdivision (ISO 3166-2).
    pub admin1: String,
    /// Latitude and longitude.
    pub lat_lon: Option<(f32, f32)>,
    /// Population.
    pub population: u64,
}

impl PlaceLink {
    /// The `candidates` cell: `id name (CC) score` joined by `|`.
    pub fn candidates_cell(&self) -> String {
        self.candidates
            .iter()
            .map(|(id, name, cc, s)| format!("{id} {name} ({cc}) {s:.2}"))
            .collect::<Vec<_>>()
            .join("|")
    }
}

/// The link of an entity whose names were linked one by one (`parts`: each name's link and its
/// number of mentions): the candidates' scores averaged over the names that have candidates, weighted
/// by mentions; the user's table wins where it names one of them.
pub fn aggregate(
    parts: &[(&Linked, usize)],
    gaz: &Gazetteer,
    cfg: &LinkConfig,
) -> Option<PlaceLink> {
    let user = parts.iter().find(|(l, _)| l.by_user);
    let scored: Vec<&(&Linked, usize)> = match user {
        Some(u) => vec![u],
        None => parts
            .iter()
            .filter(|(l, _)| !l.candidates.is_empty())
            .collect(),
    };
    let unlinked = |by_user| PlaceLink {
        place: None,
        score: 0.0,
        candidates: Vec::new(),
        by_user,
    };
    if scored.iter().all(|(l, _)| l.candidates.is_empty()) {
        // Nothing to rank: a name the user never links, or names the gazetteer lacks.
        return user.map(|_| unlinked(true));
    }
    let mut ranked = weighted_mean(&scored);
    ranked.truncate(cfg.listed);
    let places = gaz.places();
    let Some(&best) = ranked.first() else {
        return Some(unlinked(user.is_some()));
    };
    let place = (best.1 >= cfg.threshold).then(|| {
        let p = &places[best.0];
        LinkedPlace {
            geonames_id: p.id,
            name: p.name.clone(),
            country_code: p.country.clone(),
            admin1: p.admin1.clone(),
            lat_lon: p.lat_lon,
            population: p.population,
        }
    });
    Some(PlaceLink {
        place,
        score: best.1,
        candidates: ranked
            .iter()
            .map(|&(p, s)| {
                let q = &places[p];
                (q.id, q.name.clone(), q.country.clone(), s)
            })
            .collect(),
        by_user: user.is_some(),
    })
}

/// Each candidate's score averaged over the names, weighted by their mentions, best first.
fn weighted_mean(scored: &[&(&Linked, usize)]) -> Vec<(usize, f32)> {
    let total: usize = scored.iter().map(|(_, w)| w).sum();
    let mut sum: BTreeMap<usize, f32> = BTreeMap::new();
    for (l, w) in scored {
        for &(p, s) in &l.candidates {
            *sum.entry(p).or_default() += s * *w as f32 / total.max(1) as f32;
        }
    }
    let mut ranked: Vec<(usize, f32)> = sum.into_iter().collect();
    ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    ranked
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gaz() -> Gazetteer {
        Gazetteer::parse(
            "2802361\tcountry\tBelgium\tBE\t\t50.8\t4\t11422068\t\n\
             2800866\tcity\tBrussels\tBE\tBE-BRU\t50.85\t4.35\t1019022\t\n",
        )
        .unwrap()
    }

    fn linked(candidates: Vec<(usize, f32)>, by_user: bool) -> Linked {
        Linked {
            candidates,
            by_user,
        }
    }

    #[test]
    fn names_are_weighed_by_mentions_and_the_users_word_is_final() {
        let (g, cfg) = (gaz(), LinkConfig::default());
        let a = linked(vec![(1, 0.9)], false);
        let b = linked(vec![(0, 0.6), (1, 0.2)], false);
        let l = aggregate(&[(&a, 3), (&b, 1)], &g, &cfg).unwrap();
        assert_eq!(l.place.as_ref().map(|p| p.geonames_id), Some(2800866));
        assert!((l.score - (0.9 * 0.75 + 0.2 * 0.25)).abs() < 1e-6);
        // The user's "never link this name" wins over the model's candidates, without a panic.
        let never = linked(vec![], true);
        let l = aggregate(&[(&a, 3), (&never, 1)], &g, &cfg).unwrap();
        assert!(l.place.is_none() && l.by_user && l.candidates.is_empty());
        let chosen = linked(vec![(0, 1.0)], true);
        let l = aggregate(&[(&a, 3), (&chosen, 1)], &g, &cfg).unwrap();
        assert_eq!(l.place.map(|p| p.geonames_id), Some(2802361));
        assert!(aggregate(&[(&linked(vec![], false), 2)], &g, &cfg).is_none());
    }
}
