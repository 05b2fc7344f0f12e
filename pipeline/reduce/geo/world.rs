//! The world map: Natural Earth's 1:110m countries (`models/lexicons/world-110m.tsv.gz`, from npm
//! `world-atlas`, public domain), projected here in the Equal Earth projection (Šavrič, Patterson and
//! Jenny, 2018) into SVG paths.

use crate::Result;
use std::path::Path;

/// The file under the lexicons folder.
pub const FILE: &str = "world-110m.tsv.gz";

/// Width of the projected map in SVG units; the height follows from the projection.
pub const WIDTH: f32 = 960.0;

/// Half the projection's width and height at scale 1 (x at ±180°, y at ±90°).
const X_MAX: f64 = 2.706_629_5;
const Y_MAX: f64 = 1.317_362_6;

/// One country's outline.
#[derive(Debug, Clone)]
pub struct Country {
    /// ISO 3166-1 numeric code.
    pub code: String,
    /// Its name.
    pub name: String,
    /// Its rings, each a list of (longitude, latitude).
    pub rings: Vec<Vec<(f32, f32)>>,
}

/// The countries of the map.
#[derive(Debug, Clone, Default)]
pub struct WorldMap {
    /// The countries.
    pub countries: Vec<Country>,
}

/// The map's height in SVG units.
pub fn height() -> f32 {
    (f64::from(WIDTH) * Y_MAX / X_MAX) as f32
}

/// Equal Earth: (longitude, latitude) in degrees → SVG (x, y), the map [`WIDTH`] wide, north up.
pub fn project(lon: f32, lat: f32) -> (f32, f32) {
    const A1: f64 = 1.340_264;
    const A2: f64 = -0.081_106;
    const A3: f64 = 0.000_893;
    const A4: f64 = 0.003_796;
    let m = 3f64.sqrt() / 2.0;
    let (l, p) = (f64::from(lon).to_radians(), f64::from(lat).to_radians());
    let t = (m * p.sin()).asin();
    let (t2, t6) = (t * t, t.powi(6));
    let x = 2.0 * 3f64.sqrt() * l * t.cos()
        / (3.0 * (9.0 * A4 * t6 * t2 + 7.0 * A3 * t6 + 3.0 * A2 * t2 + A1));
    let y = t * (A1 + A2 * t2 + t6 * (A3 + A4 * t2));
    let s = f64::from(WIDTH) / (2.0 * X_MAX);
    (((x + X_MAX) * s) as f32, ((Y_MAX - y) * s) as f32)
}

impl WorldMap {
    /// Reads the map (gzip-compressed TSV: code, name, rings).
    pub fn load(path: &Path) -> Result<WorldMap> {
        let text = super::read_gz(path, "world map")?;
        Ok(Self::parse(&text))
    }

    /// Builds the map from its text; lines it cannot read are skipped.
    pub fn parse(text: &str) -> WorldMap {
        let countries = text
            .lines()
            .filter(|l| !l.starts_with('#'))
            .filter_map(|l| {
                let mut f = l.splitn(3, '\t');
                let (code, name, rings) = (f.next()?, f.next()?, f.next()?);
                let rings = rings
                    .split(';')
                    .map(|r| {
                        r.split_whitespace()
                            .filter_map(|pt| {
                                let (x, y) = pt.split_once(',')?;
                                Some((x.parse().ok()?, y.parse().ok()?))
                            })
                            .collect::<Vec<(f32, f32)>>()
                    })
                    .filter(|r| r.len() >= 3)
                    .collect();
                Some(Country {
                    code: code.to_string(),
                    name: name.to_string(),
                    rings,
                })
            })
            .collect();
        WorldMap { countries }
    }

    /// Each country's name and SVG path (`d`), projected.
    pub fn paths(&self) -> Vec<(&str, String)> {
        self.countries
            .iter()
            .map(|c| {
                let mut d = String::new();
                for ring in &c.rings {
                    ring_path(&mut d, ring);
                }
                (c.name.as_str(), d)
            })
            .collect()
    }
}

/// Appends one ring to an SVG path. A ring cut at the antimeridian (a step of more than 180° of
/// longitude) is not drawn across the map: near the south pole it goes round by the pole line
/// (Antarctica); elsewhere it is split into open pieces, which SVG fills as closed.
fn ring_path(d: &mut String, ring: &[(f32, f32)]) {
    use std::fmt::Write;
    let mut cut = false;
    let mut prev: Option<(f32, f32)> = None;
    for &(lon, lat) in ring {
        let mut cmd = if prev.is_none() { 'M' } else { 'L' };
        if let Some((plon, plat)) = prev {
            if (lon - plon).abs() > 180.0 {
                if plat < -80.0 && lat < -80.0 {
                    for (a, b) in [(plon, -90.0), (lon, -90.0)] {
                        let (x, y) = project(a, b);
                        let _ = write!(d, "L{x:.1} {y:.1}");
                    }
                } else {
                    cmd = 'M';
                    cut = true;
                }
            }
        }
        let (x, y) = project(lon, lat);
        let _ = write!(d, "{cmd}{x:.1} {y:.1}");
        prev = Some((lon, lat));
    }
    if !cut {
        d.push('Z');
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_earth_puts_the_corners_and_centre_where_they_belong() {
        let (x, y) = project(0.0, 0.0);
        assert!((x - WIDTH / 2.0).abs() < 0.01 && (y - height() / 2.0).abs() < 0.01);
        let (x, _) = project(180.0, 0.0);
        assert!((x - WIDTH).abs() < 0.5, "{x}");
        let (_, y) = project(0.0, 90.0);
        assert!(y.abs() < 0.5, "{y}");
        let (xe, yn) = project(10.0, 50.0);
        assert!(xe > WIDTH / 2.0 && yn < height() / 2.0, "east and north");
    }

    #[test]
    fn rings_become_closed_paths() {
        let m = WorldMap::parse("# h\n4\tA\t0,0 10,0 10,10;20,20 30,20 30,30\nbad line\n");
        assert_eq!(m.countries.len(), 1);
        let p = m.paths();
        assert_eq!(p[0].1.matches('Z').count(), 2);
        assert!(p[0].1.starts_with('M'));
    }

    #[test]
    fn rings_cut_at_the_antimeridian_are_not_drawn_across_the_map() {
        let m = WorldMap::parse("1\tIsles\t179,-16 180,-17 -180,-17 -179,-16\n2\tPole\t-180,-85 0,-70 180,-85 -180,-85\n");
        let p = m.paths();
        assert_eq!(p[0].1.matches('M').count(), 2, "split: {}", p[0].1);
        assert!(!p[0].1.contains('Z'));
        let (x, y) = project(180.0, -90.0);
        assert!(
            p[1].1.contains(&format!("L{x:.1} {y:.1}")),
            "round by the pole: {}",
            p[1].1
        );
    }
}
