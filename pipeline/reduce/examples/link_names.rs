//! Links place names each alone in an article of its own, as `places.csv` would with no context: reads
//! one name per line (the first tab-separated column; `#` lines skipped) from standard input and
//! prints `name, linked id (blank below the threshold), link score, the best candidates`. A probe to
//! re-run, not a test (`scripts/eval/place-probes.py` scores it):
//!
//!     cargo run --release -p newsner-reduce --example link_names [NORMALIZE.toml] < names.tsv
//!
//! The linker's weights are the `[link]` of NORMALIZE.toml when given, else the shipped ones.
use newsner_reduce::geo::{link::link_all, Gazetteer, LinkConfig, Occurrence, UserLinks};
use std::io::BufRead;
use std::path::Path;

fn main() -> anyhow::Result<()> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../models/lexicons/geonames.tsv.gz"
    );
    let gaz = Gazetteer::load(Path::new(path))?;
    let cfg = match std::env::args().nth(1) {
        Some(file) => {
            newsner_reduce::normalize::config::Config::parse(&std::fs::read_to_string(&file)?)
                .map_err(|e| anyhow::anyhow!("{file}: {e}"))?
                .link
        }
        None => LinkConfig::default(),
    };
    let names: Vec<String> = std::io::stdin()
        .lock()
        .lines()
        .map_while(Result::ok)
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .filter_map(|l| l.split('\t').next().map(|n| n.trim().to_string()))
        .collect();
    let occ: Vec<Occurrence> = names
        .iter()
        .enumerate()
        .map(|(article, name)| Occurrence {
            name,
            article,
            first_byte: 200,
            needs_country: false,
            definite: false,
            qualifiers: Vec::new(),
            level: None,
        })
        .collect();
    let places = gaz.places();
    for (o, l) in occ
        .iter()
        .zip(link_all(&occ, &gaz, &UserLinks::default(), &cfg))
    {
        let id = l
            .link(cfg.threshold)
            .map_or(String::new(), |p| places[p].id.to_string());
        let score = l.candidates.first().map_or(0.0, |c| c.1);
        let cands: Vec<String> = l
            .candidates
            .iter()
            .map(|&(p, s)| {
                format!(
                    "{} {} ({}) {s:.2}",
                    places[p].id, places[p].name, places[p].country
                )
            })
            .collect();
        println!("{}\t{id}\t{score:.2}\t{}", o.name, cands.join("; "));
    }
    Ok(())
}
