//! The report's world map as inline SVG: the countries, then one marker per linked place, its area
//! proportional to the articles that mention it.

use crate::geo::world::{self, WorldMap};
use crate::normalize::Entity;
use std::fmt::Write;

/// Escapes text for an SVG element or attribute.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
    out
}

/// A marker's radius for a place mentioned in `articles` articles.
fn radius(articles: usize) -> f32 {
    (2.0 + 1.6 * (articles as f32).sqrt()).min(24.0)
}

/// The map: `<svg>` with the countries and the markers of `entities` linked to a place with
/// coordinates; each marker's `data-e` is the entity's rank in `order` (its index in the page's data).
pub fn map(world: &WorldMap, entities: &[Entity], order: &[usize]) -> String {
    let mut s = format!(
        "<svg id=\"map\" viewBox=\"0 0 {} {:.0}\" role=\"img\" aria-label=\"World map of the places\">\
         <g class=\"land\">",
        world::WIDTH,
        world::height()
    );
    for (name, d) in world.paths() {
        let _ = write!(s, "<path d=\"{d}\"><title>{}</title></path>", escape(name));
    }
    s.push_str("</g><g class=\"markers\">");
    let mut markers: Vec<(usize, usize, f32, f32)> = order
        .iter()
        .enumerate()
        .filter_map(|(rank, &e)| {
            let ent = &entities[e];
            let (lat, lon) = ent.place.as_ref()?.place.as_ref()?.lat_lon?;
            Some((rank, ent.articles.len(), lat, lon))
        })
        .collect();
    // Largest first, so that small markers stay clickable on top.
    markers.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    for (rank, articles, lat, lon) in markers {
        let (x, y) = world::project(lon, lat);
        let e = &entities[order[rank]];
        let _ = write!(
            s,
            "<circle cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"{:.1}\" data-e=\"{rank}\"><title>{} ({articles} article{})</title></circle>",
            radius(articles),
            escape(&e.name),
            if articles == 1 { "" } else { "s" }
        );
    }
    s.push_str("</g></svg>");
    s
}
