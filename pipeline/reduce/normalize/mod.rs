//! The normalize stage: from raw mentions to entities, one per real-world thing, under every name the
//! articles use for it.
//!
//! 1. **Clean-up** ([`clean`]): quotes, possessives, a leading "the", hashtags; fragments rejoined;
//!    mentions that are only titles dropped; demonyms typed `other` ([`lexicon`]).
//! 2. **The user's alias table** ([`AliasTable`]) renames confirmed names before anything else.
//! 3. **Types** ([`types`]): a corpus-wide, score-weighted vote per name, corrected by data (designations,
//!    demonyms, the gazetteer).
//! 4. **The sieve** ([`sieve`]): one node per distinct name per article, joined by ordered passes, most
//!    precise first, each in its own module: [`exact`], [`declared`] (aliases the text declares),
//!    [`acronym`], [`expansion`], [`word_order`], [`spelling`], [`gazetteer`], [`containment`]; their
//!    order is `normalize.toml`'s ([`config`]). Every merge is checked against the cannot-link
//!    [`constraints`] first; a pass's name is what `merge_reasons` records.
//! 5. **Entities**: type by the vote of their mentions, the most complete form as the name.
//!
//! The word lists are data under `models/lexicons/` ([`lexicon`]).

pub mod acronym;
pub mod aliases;
pub mod around;
pub mod clean;
pub mod config;
pub mod constraints;
pub mod containment;
pub mod declared;
pub mod exact;
pub mod expansion;
pub mod facilities;
pub mod gazetteer;
pub mod graph;
pub mod lexicon;
pub mod names;
pub mod persons;
pub mod short_names;
pub mod sieve;
pub mod spelling;
pub mod teams;
pub mod types;
pub mod vessels;
pub mod widen;
pub mod word_order;

pub use aliases::AliasTable;
pub use clean::{clean, clean_mentions, clean_with, rejoin, Context};
pub use lexicon::Lexicons;
pub use names::{key, slug};

use graph::Graph;
use newsner_core::labels::EntityType;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use types::Votes;

/// A mention after clean-up, with the article it came from.
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
pub struct CleanMention {
    /// The article.
    pub article_id: String,
    /// Character offset of the cleaned mention in the article.
    pub start: usize,
    /// Character offset of its end.
    pub end: usize,
    /// The mention as written (the cleaned span of the article).
    pub text: String,
    /// The cleaned name used for matching and display.
    pub name: String,
    /// Type after clean-up.
    #[serde(rename = "type")]
    pub entity_type: EntityType,
    /// The model's label.
    pub label: String,
    /// Model confidence.
    pub score: f32,
    /// Byte offset of the start, for resolution by proximity.
    #[serde(skip)]
    pub byte_start: usize,
}

/// One real-world entity.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Entity {
    /// `<type>:<slug of name>`.
    pub id: String,
    /// The type.
    #[serde(rename = "type")]
    pub entity_type: EntityType,
    /// Canonical name.
    pub name: String,
    /// Other names it goes by.
    pub aliases: Vec<String>,
    /// Articles that mention it.
    pub articles: BTreeSet<String>,
    /// Number of mentions.
    pub mentions: usize,
    /// Mean confidence of its mentions.
    pub score: f32,
    /// Why each alias joined.
    pub merge_reasons: Vec<String>,
    /// A place's GeoNames link and candidates (none for other types, or where no name has a candidate).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub place: Option<crate::geo::PlaceLink>,
}

/// The stage's output: entities and, for each clean mention, its entity.
#[derive(Debug, Clone, Default)]
pub struct Normalized {
    /// Entities, in table order (articles, then mentions, both descending, then name).
    pub entities: Vec<Entity>,
    /// The clean mentions, in article order.
    pub mentions: Vec<CleanMention>,
    /// `entity_of[i]` is the index in `entities` of `mentions[i]`.
    pub entity_of: Vec<usize>,
    /// Merges the clusterer was least sure of, and near misses it refused, for `review.csv`.
    pub review: Vec<ReviewItem>,
    /// Rows per table before merging (distinct cleaned names per type).
    pub rows_before: BTreeMap<String, usize>,
}

/// A line of `review.csv`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReviewItem {
    /// `merged` or `refused`.
    pub decision: String,
    /// The entity type.
    pub entity_type: EntityType,
    /// One name.
    pub name: String,
    /// The name it was (or was not) joined with.
    pub other: String,
    /// The rule and what made it uncertain.
    pub reason: String,
    /// Similarity of the two names (0..1).
    pub similarity: f32,
}

/// One article's clean mentions with its text.
pub struct ArticleMentions<'a> {
    /// The article text.
    pub text: &'a str,
    /// Its clean mentions.
    pub mentions: Vec<CleanMention>,
}

/// Clusters the mentions of all articles into entities.
pub fn normalize(
    articles: Vec<ArticleMentions<'_>>,
    aliases: &AliasTable,
    lex: &Lexicons,
) -> Normalized {
    let texts: Vec<&str> = articles.iter().map(|a| a.text).collect();
    let mut mentions: Vec<CleanMention> = Vec::new();
    let mut article_of: Vec<usize> = Vec::new();
    for (i, a) in articles.into_iter().enumerate() {
        article_of.extend(std::iter::repeat_n(i, a.mentions.len()));
        mentions.extend(a.mentions);
    }
    let mut ghosts = widen::widen(&mut mentions, &mut article_of, &texts, lex);
    // The alias table first: confirmed names win over every rule.
    let (names, from_table) = apply_aliases(&mut mentions, &mut ghosts, aliases);
    let rows_before = rows_before(&mentions);
    let type_of = types::types(&mentions, &names, &article_of, &texts, &ghosts, lex);
    let (nodes, node_of) = graph::nodes(&mentions, &names, &article_of, |i| type_of[i], lex);
    let mut g = Graph::new(nodes, &mentions, &texts, lex);
    sieve::run(&mut g);
    let built = build_entities(&g, &node_of, &names, &from_table, lex);
    let mut review = std::mem::take(&mut g.review);
    review.sort_by(|a, b| {
        a.similarity
            .total_cmp(&b.similarity)
            .then(a.name.cmp(&b.name))
    });
    let (entities, entity_of) = table_order(built.0, built.1);
    for (i, m) in mentions.iter_mut().enumerate() {
        m.entity_type = entities[entity_of[i]].entity_type;
    }
    Normalized {
        entities,
        mentions,
        entity_of,
        review,
        rows_before,
    }
}

/// The user's alias table applied: each mention's name for clustering (its canonical name where the
/// table has it, with the table's type) and whether it came from the table; ghosts are renamed.
fn apply_aliases(
    mentions: &mut [CleanMention],
    ghosts: &mut [widen::Ghost],
    aliases: &AliasTable,
) -> (Vec<String>, Vec<bool>) {
    let mut names: Vec<String> = Vec::with_capacity(mentions.len());
    let mut from_table: Vec<bool> = Vec::with_capacity(mentions.len());
    for m in mentions.iter_mut() {
        match aliases.get(&m.name) {
            Some((canonical, ty)) => {
                if let Some(t) = ty {
                    m.entity_type = *t;
                }
                names.push(canonical.clone());
                from_table.push(true);
            }
            None => {
                names.push(m.name.clone());
                from_table.push(false);
            }
        }
    }
    for g in ghosts.iter_mut() {
        let m = &mut g.mention;
        if let Some((canonical, ty)) = aliases.get(&m.name) {
            m.entity_type = ty.unwrap_or(m.entity_type);
            m.name = canonical.clone();
        }
    }
    (names, from_table)
}

/// Distinct cleaned names per type, before merging.
fn rows_before(mentions: &[CleanMention]) -> BTreeMap<String, usize> {
    let mut set: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for m in mentions {
        set.entry(m.entity_type.as_str().to_string())
            .or_default()
            .insert(key(&m.name));
    }
    let mut out: BTreeMap<String, usize> = set.into_iter().map(|(k, v)| (k, v.len())).collect();
    for t in EntityType::ALL {
        out.entry(t.as_str().to_string()).or_insert(0);
    }
    out
}

/// One entity per cluster of the graph, and the entity of each mention.
fn build_entities(
    g: &Graph,
    node_of: &[usize],
    names: &[String],
    from_table: &[bool],
    lex: &Lexicons,
) -> (Vec<Entity>, Vec<usize>) {
    let mut members: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for (i, &n) in node_of.iter().enumerate() {
        members.entry(g.find(n)).or_default().push(i);
    }
    // Each cluster's merges, in order (one pass over them all, not one per cluster).
    let mut edges_of: HashMap<usize, Vec<Edge>> = HashMap::new();
    for &e in &g.edges {
        edges_of.entry(g.find(e.0)).or_default().push(e);
    }
    let mentions = g.mentions;
    let mut entities = Vec::with_capacity(members.len());
    let mut entity_of = vec![0usize; mentions.len()];
    for idx in members.into_values() {
        let mut votes = Votes::default();
        let mut forms: BTreeMap<&str, usize> = BTreeMap::new();
        for &i in &idx {
            votes.add(g.nodes[node_of[i]].ty, mentions[i].score);
            *forms.entry(names[i].as_str()).or_default() += 1;
            forms.entry(mentions[i].name.as_str()).or_default();
        }
        let ty = votes.winner();
        let name = canonical(&forms, ty, lex);
        let root = g.find(node_of[idx[0]]);
        let edges = edges_of.get(&root).map_or(&[][..], Vec::as_slice);
        let why = reasons(g, &idx, node_of, &name, edges);
        let (aliases, merge_reasons) = aliases(g, &idx, &why, node_of, names, from_table, &name);
        for &i in &idx {
            entity_of[i] = entities.len();
        }
        let score = idx.iter().map(|&i| mentions[i].score).sum::<f32>() / idx.len().max(1) as f32;
        let place = (ty == EntityType::Place)
            .then(|| place_link(g, &idx, node_of))
            .flatten();
        entities.push(Entity {
            id: format!("{}:{}", ty.as_str(), slug(&name)),
            entity_type: ty,
            name,
            aliases,
            articles: idx
                .iter()
                .map(|&i| mentions[i].article_id.clone())
                .collect(),
            mentions: idx.len(),
            score,
            merge_reasons,
            place,
        });
    }
    unique_ids(&mut entities);
    (entities, entity_of)
}

/// A cluster's other names than its canonical `name`, each once, in the order of its mentions, and
/// each one's merge reason (`pass:form`): the alias table's, or the pass that joined its node.
fn aliases(
    g: &Graph,
    idx: &[usize],
    why: &HashMap<usize, &'static str>,
    node_of: &[usize],
    names: &[String],
    from_table: &[bool],
    name: &str,
) -> (Vec<String>, Vec<String>) {
    let name_key = key(name);
    let mut aliases: Vec<String> = Vec::new();
    let mut merge_reasons: Vec<String> = Vec::new();
    for &i in idx {
        let m = &g.mentions[i];
        for form in [m.name.as_str(), names[i].as_str()] {
            if key(form) == name_key || aliases.iter().any(|a| a == form) {
                continue;
            }
            aliases.push(form.to_string());
            let pass = if from_table[i] && form == m.name {
                "alias-table"
            } else {
                why.get(&node_of[i]).copied().unwrap_or("exact")
            };
            merge_reasons.push(format!("{pass}:{form}"));
        }
    }
    (aliases, merge_reasons)
}

/// A place entity's link: its names' links, weighted by their mentions ([`crate::geo::aggregate`]).
fn place_link(g: &Graph, idx: &[usize], node_of: &[usize]) -> Option<crate::geo::PlaceLink> {
    let mut count: BTreeMap<usize, usize> = BTreeMap::new();
    for &i in idx {
        *count.entry(node_of[i]).or_default() += 1;
    }
    let parts: Vec<(&crate::geo::Linked, usize)> =
        count.into_iter().map(|(n, c)| (&g.geo[n], c)).collect();
    crate::geo::aggregate(&parts, g.lex.gazetteer(), g.lex.link_config())
}

/// A merge: two nodes and the pass that joined their clusters.
type Edge = (usize, usize, &'static str);

/// For each node of a cluster, the pass that joined it to the canonical name's node: the cluster's
/// merges (`edges`, in order) are replayed until the two are connected.
fn reasons(
    g: &Graph,
    idx: &[usize],
    node_of: &[usize],
    canonical: &str,
    edges: &[Edge],
) -> HashMap<usize, &'static str> {
    let target = key(canonical);
    let anchor = idx
        .iter()
        .map(|&i| node_of[i])
        .find(|&n| g.nodes[n].key == target)
        .unwrap_or(node_of[idx[0]]);
    let mut parent: HashMap<usize, usize> = HashMap::new();
    fn find(p: &mut HashMap<usize, usize>, x: usize) -> usize {
        let mut r = x;
        while let Some(&q) = p.get(&r).filter(|&&q| q != r) {
            r = q;
        }
        r
    }
    let mut why: HashMap<usize, &'static str> = HashMap::new();
    let mut waiting: Vec<usize> = idx.iter().map(|&i| node_of[i]).collect();
    waiting.sort_unstable();
    waiting.dedup();
    for &(a, b, pass) in edges {
        let (ra, rb) = (find(&mut parent, a), find(&mut parent, b));
        parent.insert(ra.max(rb), ra.min(rb));
        let anchor_root = find(&mut parent, anchor);
        waiting.retain(|&n| {
            let joined = find(&mut parent, n) == anchor_root;
            if joined {
                why.insert(n, pass);
            }
            !joined
        });
    }
    why
}

/// Ids are unique: a second entity with the same slug gets a suffix (the larger keeps the plain id).
fn unique_ids(entities: &mut [Entity]) {
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut order: Vec<usize> = (0..entities.len()).collect();
    order.sort_by(|&a, &b| {
        entities[b]
            .mentions
            .cmp(&entities[a].mentions)
            .then(entities[a].name.cmp(&entities[b].name))
    });
    for e in order {
        let n = seen.entry(entities[e].id.clone()).or_default();
        *n += 1;
        if *n > 1 {
            entities[e].id = format!("{}-{}", entities[e].id, n);
        }
    }
}

/// The entity's name: the most complete, most frequent form. A person's form that starts with a title
/// ranks last ("Dr Patel" only when there is nothing else), then forms in capitals when a mixed-case
/// one exists ("PARIS"); a person's full name wins over a bare one; other things' forms rank by
/// frequency, a form of several words counting twice; then words, length, accents ([`accents`]) and
/// alphabetical order (so the choice is stable). A place's form in capitals that wins is written in mixed case ([`unshouted`]).
fn canonical(forms: &BTreeMap<&str, usize>, ty: EntityType, lex: &Lexicons) -> String {
    let rank = |f: &str| {
        let words: Vec<&str> = f.split_whitespace().collect();
        let titled = ty == EntityType::Person && words.len() > 1 && lex.is_title(words[0]);
        let shouted = !f.chars().any(char::is_lowercase)
            && forms
                .keys()
                .any(|g| key(g) == key(f) && g.chars().any(char::is_lowercase));
        // A person's full name always wins; another thing's longer form wins at equal weight, a
        // mention of several words counting twice ("Tokyo Electric Power Company" over "TEPCO", never a one-off
        // "Passion Oscar" over 56 "Oscar").
        let bare = ty == EntityType::Person && words.len() < 2;
        (titled, shouted, bare)
    };
    let weight = |f: &str, c: usize| {
        if ty != EntityType::Person && f.split_whitespace().count() >= 2 {
            2 * c
        } else {
            c
        }
    };
    let mut ranked: Vec<(&str, usize)> = forms.iter().map(|(f, c)| (*f, *c)).collect();
    ranked.sort_by(|a, b| {
        rank(a.0)
            .cmp(&rank(b.0))
            .then(weight(b.0, b.1).cmp(&weight(a.0, a.1)))
            .then(
                b.0.split_whitespace()
                    .count()
                    .cmp(&a.0.split_whitespace().count()),
            )
            .then(b.0.chars().count().cmp(&a.0.chars().count()))
            .then(accents(b.0).cmp(&accents(a.0)))
            .then(a.0.cmp(b.0))
    });
    unshouted(ranked[0].0, lex)
}

/// How many letters of a name are not ASCII: of two spellings as frequent, the one with its accents
/// is the name as written at home ("Élisabeth Borne" over "Elisabeth Borne").
fn accents(name: &str) -> usize {
    name.chars()
        .filter(|c| c.is_alphabetic() && !c.is_ascii())
        .count()
}

/// A name of four letters or more written only in capitals ("WASHINGTON" of a dateline), that the
/// gazetteer knows as a place, with capitals only where words and hyphenated parts start
/// ("Washington", "St. John's"); any other name as it is ("NATO").
fn unshouted(name: &str, lex: &Lexicons) -> String {
    let shouted = !name.chars().any(char::is_lowercase) && name.chars().count() > 3;
    if !shouted || lex.places(name).is_none() {
        return name.to_string();
    }
    let mut start = true;
    name.chars()
        .map(|c| {
            let out = if start {
                c
            } else {
                c.to_lowercase().next().unwrap_or(c)
            };
            start = c.is_whitespace() || c == '-';
            out
        })
        .collect()
}

/// Sorts entities by articles, then mentions (both descending), then name, and remaps `entity_of`.
fn table_order(entities: Vec<Entity>, entity_of: Vec<usize>) -> (Vec<Entity>, Vec<usize>) {
    let mut order: Vec<usize> = (0..entities.len()).collect();
    order.sort_by(|&a, &b| {
        let (x, y) = (&entities[a], &entities[b]);
        y.articles
            .len()
            .cmp(&x.articles.len())
            .then(y.mentions.cmp(&x.mentions))
            .then(x.name.cmp(&y.name))
            .then(x.id.cmp(&y.id))
    });
    let mut new_index = vec![0; entities.len()];
    for (new, &old) in order.iter().enumerate() {
        new_index[old] = new;
    }
    let mut slots: Vec<Option<Entity>> = entities.into_iter().map(Some).collect();
    let sorted = order
        .iter()
        .map(|&o| slots[o].take().expect("each entity once"))
        .collect();
    (
        sorted,
        entity_of.into_iter().map(|e| new_index[e]).collect(),
    )
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use newsner_core::span::Mention;

    /// A clean mention of the first occurrence of `needle` in `text` at or after byte `from`.
    pub(crate) fn mention_at(
        article: &str,
        text: &str,
        needle: &str,
        from: usize,
        ty: EntityType,
    ) -> CleanMention {
        let b = text[from..]
            .find(needle)
            .unwrap_or_else(|| panic!("{needle} in {text}"))
            + from;
        let (s, e, name) = clean(needle).unwrap_or((0, needle.len(), needle.to_string()));
        CleanMention {
            article_id: article.into(),
            start: text[..b + s].chars().count(),
            end: text[..b + e].chars().count(),
            text: needle[s..e].into(),
            name,
            entity_type: ty,
            label: String::new(),
            score: 0.9,
            byte_start: b + s,
        }
    }

    /// A clean mention of the first occurrence of `needle`.
    pub(crate) fn mention(article: &str, text: &str, needle: &str, ty: EntityType) -> CleanMention {
        mention_at(article, text, needle, 0, ty)
    }

    /// Normalizes a small corpus with the sample lexicons: each article is an id, a text and its
    /// mentions in text order (a repeated name is found after the previous mention).
    /// A test article: its id, its text, and its mentions in text order with their types.
    pub(crate) type TestArticle<'a> = (&'a str, &'a str, &'a [(&'a str, EntityType)]);

    pub(crate) fn run_corpus(articles: &[TestArticle]) -> Normalized {
        let lex = lexicon::tests::sample();
        let input = articles
            .iter()
            .map(|(id, text, ms)| {
                let mut from = 0;
                let mentions = ms
                    .iter()
                    .map(|(needle, ty)| {
                        let m = mention_at(id, text, needle, from, *ty);
                        from = m.byte_start + m.text.len();
                        m
                    })
                    .collect();
                ArticleMentions { text, mentions }
            })
            .collect();
        normalize(input, &AliasTable::default(), &lex)
    }

    /// Each entity as "name | alias | alias".
    pub(crate) fn entity_names(n: &Normalized) -> Vec<String> {
        n.entities
            .iter()
            .map(|e| {
                std::iter::once(e.name.clone())
                    .chain(e.aliases.iter().cloned())
                    .collect::<Vec<_>>()
                    .join(" | ")
            })
            .collect()
    }

    #[test]
    fn corpus_clustering_with_traps() {
        use EntityType::*;
        let n = run_corpus(&[
            ("a1", "Tokyo Electric Power Company (TEPCO) lost a plant. Khalid Karimov spoke. Kasim Suleimanov leads the commission.", &[
                ("Tokyo Electric Power Company", Organization), ("TEPCO", Organization), ("Khalid Karimov", Person), ("Kasim Suleimanov", Person),
            ]),
            ("a2", "TEPCO suspended work. Halid Karimov and Walid Karimov are related. Qasim Sulaymanov spoke. Karimov left.", &[
                ("TEPCO", Other), ("Halid Karimov", Person), ("Walid Karimov", Person), ("Qasim Sulaymanov", Person), ("Karimov", Person),
            ]),
        ]);
        let entity_of = |article: &str, name: &str| {
            let i = n
                .mentions
                .iter()
                .position(|m| m.article_id == article && m.name == name)
                .unwrap_or_else(|| panic!("{article}/{name}"));
            n.entities[n.entity_of[i]].clone()
        };
        assert_eq!(
            entity_of("a2", "TEPCO").name,
            "Tokyo Electric Power Company"
        );
        assert_eq!(entity_of("a2", "TEPCO").entity_type, Organization);
        assert_eq!(
            entity_of("a1", "Khalid Karimov").id,
            entity_of("a2", "Halid Karimov").id
        );
        assert_ne!(
            entity_of("a2", "Walid Karimov").id,
            entity_of("a2", "Halid Karimov").id
        );
        assert_eq!(
            entity_of("a1", "Kasim Suleimanov").id,
            entity_of("a2", "Qasim Sulaymanov").id
        );
        // "Karimov" alone, with two Karimovs in its article, joins neither and is reviewed.
        assert_eq!(entity_of("a2", "Karimov").name, "Karimov");
        assert!(n
            .review
            .iter()
            .any(|r| r.decision == "refused" && r.other.contains("Walid")));
        let tepco = entity_of("a1", "TEPCO");
        assert!(
            tepco.merge_reasons.contains(&"acronym:TEPCO".to_string()),
            "{:?}",
            tepco.merge_reasons
        );
        let khalid = entity_of("a1", "Khalid Karimov");
        assert!(
            khalid
                .merge_reasons
                .iter()
                .all(|r| r.starts_with("spelling:")),
            "{:?}",
            khalid.merge_reasons
        );
        assert_eq!(n.rows_before["person"], 6);
    }

    #[test]
    fn alias_table_applies_first_and_rejects_bad_types() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("aliases.csv");
        std::fs::write(&p, "alias,canonical,type\n# a comment\nThe Hague Court,ICC,organization\nUS,United States,place\n").unwrap();
        let t = AliasTable::load(&p).unwrap();
        assert_eq!(t.get("us").unwrap().0, "United States");
        let text = "The US said so.";
        let n = normalize(
            vec![ArticleMentions {
                text,
                mentions: vec![mention("a", text, "US", EntityType::Organization)],
            }],
            &t,
            &Lexicons::default(),
        );
        assert_eq!(n.entities[0].name, "United States");
        assert_eq!(n.entities[0].entity_type, EntityType::Place);
        assert_eq!(
            n.entities[0].merge_reasons,
            vec!["alias-table:US".to_string()]
        );
        std::fs::write(&p, "alias,canonical,type\nX,Y,planet\n").unwrap();
        let e = AliasTable::load(&p).unwrap_err().to_string();
        assert!(e.contains("line 2") && e.contains("planet"), "{e}");
    }

    /// A raw model mention (label MISC, score 0.8) of the first `needle` at or after byte `from`.
    fn raw_mention(text: &str, needle: &str, from: usize, ty: EntityType) -> Mention {
        let b = text[from..].find(needle).unwrap() + from;
        Mention {
            byte_start: b,
            byte_end: b + needle.len(),
            start: text[..b].chars().count(),
            end: text[..b + needle.len()].chars().count(),
            text: needle.into(),
            label: "MISC".into(),
            entity_type: ty,
            score: 0.8,
        }
    }

    #[test]
    fn fragments_rejoin_quotes_balance_and_titles_alone_go() {
        let text = "a French ‘Rafale-M’ jet and the Rafale-M, said Ms";
        let mk = |s: &str, from: usize, ty: EntityType| raw_mention(text, s, from, ty);
        let second = text.rfind("Rafale").unwrap();
        let ms = vec![
            mk("French ‘Rafale-M’", 0, EntityType::Other),
            mk("Rafale", second, EntityType::Person),
            mk("-M", second, EntityType::Other),
            mk("Ms", second, EntityType::Person),
        ];
        let c = clean_mentions("a", text, &ms, &lexicon::tests::sample());
        let names: Vec<&str> = c.iter().map(|m| m.name.as_str()).collect();
        assert_eq!(names, vec!["French Rafale-M", "Rafale-M"]);
        let chars: Vec<char> = text.chars().collect();
        for m in &c {
            assert_eq!(chars[m.start..m.end].iter().collect::<String>(), m.text);
        }
    }

    /// Two mentions a space apart that the gazetteer knows as one name are one place ("Chinese" +
    /// "Taipei"); two that it does not know so stay two ("Italy", "Georgia").
    #[test]
    fn mentions_that_together_are_a_gazetteer_name_are_one_place() {
        let dir = newsner_core::source_root().join(newsner_core::DEFAULT_LEXICONS);
        let lex = Lexicons::load(&dir).unwrap();
        let text = "Drawn with Italy Georgia and Chinese Taipei.";
        let ms: Vec<Mention> = [
            ("Italy", EntityType::Place),
            ("Georgia", EntityType::Place),
            ("Chinese", EntityType::Other),
            ("Taipei", EntityType::Place),
        ]
        .iter()
        .map(|&(n, t)| raw_mention(text, n, 0, t))
        .collect();
        let c = clean_mentions("a", text, &ms, &lex);
        let found: Vec<(&str, EntityType)> =
            c.iter().map(|m| (m.name.as_str(), m.entity_type)).collect();
        assert_eq!(
            found,
            [
                ("Italy", EntityType::Place),
                ("Georgia", EntityType::Place),
                ("Chinese Taipei", EntityType::Place)
            ]
        );
    }

    #[test]
    fn names_equal_without_titles_and_suffixes_are_one_person() {
        use EntityType::*;
        let n = run_corpus(&[
            (
                "a",
                "President Joe Biden spoke. Dr Ravi Patel listened.",
                &[("President Joe Biden", Person), ("Dr Ravi Patel", Person)],
            ),
            (
                "b",
                "Joe Biden Jr. and Ravi Patel.",
                &[("Joe Biden Jr.", Person), ("Ravi Patel", Person)],
            ),
        ]);
        let e = entity_names(&n);
        assert!(
            e.contains(&"Joe Biden Jr | President Joe Biden".to_string()),
            "{e:?}"
        );
        assert!(
            e.contains(&"Ravi Patel | Dr Ravi Patel".to_string()),
            "{e:?}"
        );
    }

    #[test]
    fn names_equal_without_designators_are_one_organization() {
        use EntityType::*;
        let n = run_corpus(&[
            (
                "a",
                "Microsoft Corp and Hewlett-Packard Co. and Advanced Micro Devices Inc",
                &[
                    ("Microsoft Corp", Organization),
                    ("Hewlett-Packard Co.", Organization),
                    ("Advanced Micro Devices Inc", Organization),
                ],
            ),
            (
                "b",
                "Microsoft and Hewlett-Packard and Advanced Micro Devices. General Motors.",
                &[
                    ("Microsoft", Organization),
                    ("Hewlett-Packard", Organization),
                    ("Advanced Micro Devices", Organization),
                    ("General Motors", Organization),
                ],
            ),
        ]);
        let e = entity_names(&n);
        assert!(
            e.contains(&"Microsoft Corp | Microsoft".to_string()),
            "{e:?}"
        );
        assert!(
            e.contains(&"Hewlett-Packard Co | Hewlett-Packard".to_string()),
            "{e:?}"
        );
        assert!(
            e.contains(&"Advanced Micro Devices Inc | Advanced Micro Devices".to_string()),
            "{e:?}"
        );
        assert!(e.contains(&"General Motors".to_string()), "{e:?}");
    }

    #[test]
    fn two_organizations_with_only_an_ampersand_between_are_one_name() {
        use EntityType::*;
        let text = "Procter & Gamble, Ernst &Young, Apple & Peru and Google and Microsoft.";
        let mk = |s: &str, ty: EntityType| raw_mention(text, s, 0, ty);
        let ms = vec![
            mk("Procter", Organization),
            mk("Gamble", Organization),
            mk("Ernst", Organization),
            mk("Young", Organization),
            mk("Apple", Organization),
            mk("Peru", Place),
            mk("Google", Organization),
            mk("Microsoft", Organization),
        ];
        let c = clean_mentions("a", text, &ms, &lexicon::tests::sample());
        let names: Vec<&str> = c.iter().map(|m| m.name.as_str()).collect();
        assert_eq!(
            names,
            vec![
                "Procter & Gamble",
                "Ernst &Young",
                "Apple",
                "Peru",
                "Google",
                "Microsoft"
            ]
        );
    }

    #[test]
    fn a_place_named_only_in_capitals_is_written_in_mixed_case() {
        let l = lexicon::tests::sample();
        let forms = |f: &'static str| BTreeMap::from([(f, 1)]);
        assert_eq!(
            canonical(&forms("SEATTLE"), EntityType::Place, &l),
            "Seattle"
        );
        assert_eq!(
            canonical(&forms("NEW ORLEANS"), EntityType::Organization, &l),
            "New Orleans"
        );
        assert_eq!(
            canonical(&forms("NATO"), EntityType::Organization, &l),
            "NATO"
        );
        assert_eq!(canonical(&forms("UK"), EntityType::Place, &l), "UK");
    }

    #[test]
    fn a_saint_s_name_keeps_its_s_and_other_possessives_go() {
        use EntityType::*;
        let text = "In St. John's and St Helens's town, Charles's aide and ST JOHN'S.";
        let ms = [
            ("St. John's", Place),
            ("St Helens's", Place),
            ("Charles's", Person),
            ("ST JOHN'S", Place),
        ];
        assert_eq!(
            cleaned_names(text, &ms),
            ["St. John's", "St Helens", "Charles", "ST JOHN'S"]
        );
    }

    /// The names `clean_mentions` gives the first spans of `text` with these words and types, each
    /// checked to be its text at its offsets.
    fn cleaned_names(text: &str, spans: &[(&str, EntityType)]) -> Vec<String> {
        let ms: Vec<Mention> = spans
            .iter()
            .map(|&(s, ty)| raw_mention(text, s, 0, ty))
            .collect();
        let c = clean_mentions("a", text, &ms, &lexicon::tests::sample());
        let chars: Vec<char> = text.chars().collect();
        for m in &c {
            assert_eq!(chars[m.start..m.end].iter().collect::<String>(), m.text);
        }
        c.into_iter().map(|m| m.name).collect()
    }

    #[test]
    fn a_name_that_opens_a_common_noun_is_no_mention() {
        let text = "Molotov cocktails hit a bank, Molotov said. A 6.1 quake on the Richter scale; \
                    Richter Smith has Alzheimer's disease. In a New York minute, New York voted. \
                    Two Richter scales.";
        use EntityType::*;
        let at = |s: &str, from: &str, ty| raw_mention(text, s, text.find(from).unwrap(), ty);
        let ms = vec![
            at("Molotov", "Molotov cocktails", Place),
            at("Molotov", "Molotov said", Person),
            at("Richter", "Richter scale;", Person),
            at("Richter Smith", "Richter Smith", Person),
            at("Alzheimer", "Alzheimer", Other),
            at("New York", "New York minute", Place),
            at("New York", "New York voted", Place),
            at("Richter", "Richter scales", Person),
        ];
        // Followed by the common noun's words, in the singular or the plural, after a possessive or
        // not, the name goes; the same name elsewhere stays.
        let c = clean_mentions("a", text, &ms, &lexicon::tests::sample());
        let kept: Vec<(&str, usize)> = c.iter().map(|m| (m.name.as_str(), m.byte_start)).collect();
        assert_eq!(
            kept,
            [
                ("Molotov", text.find("Molotov said").unwrap()),
                ("Richter Smith", text.find("Richter Smith").unwrap()),
                ("New York", text.find("New York voted").unwrap()),
            ]
        );
    }

    #[test]
    fn a_place_joined_to_a_participle_is_the_place() {
        let text =
            "The Paris-based bank, a Kenyan-born runner, the EU-based group, a Paris-bound train.";
        use EntityType::*;
        let ms: Vec<Mention> = ["Paris-based", "Kenyan-born", "EU-based", "Paris-bound"]
            .iter()
            .map(|s| raw_mention(text, s, 0, Other))
            .collect();
        let c = clean_mentions("a", text, &ms, &lexicon::tests::sample());
        let got: Vec<(&str, &str, EntityType)> = c
            .iter()
            .map(|m| (m.name.as_str(), m.text.as_str(), m.entity_type))
            .collect();
        assert_eq!(
            got,
            [
                ("Paris", "Paris", Place),
                ("Kenyan", "Kenyan", Other),
                ("EU-based", "EU-based", Other),
                ("Paris-bound", "Paris-bound", Other),
            ]
        );
        assert_eq!(c[0].end - c[0].start, "Paris".len());
    }

    #[test]
    fn a_glued_designation_completes_its_name_but_no_word_or_name_does() {
        let text =
            "a Tor-M1 system, the Paris-based firm, US-UK talks, Su-25 jets, a Rafale-M and a Tu-154.";
        use EntityType::*;
        let ms = [
            ("Tor", Other),
            ("Paris", Place),
            ("US", Place),
            ("Su", Other),
            ("Rafale", Other),
            // A span that ends on the hyphen.
            ("Tu-", Other),
        ];
        assert_eq!(
            cleaned_names(text, &ms),
            ["Tor-M1", "Paris", "US", "Su-25", "Rafale-M", "Tu-154"]
        );
    }

    #[test]
    fn brackets_inside_articles_in_names_and_surnames_that_are_titles_stay() {
        let text = "The Times met Proleter (Z) in The Hague. King said the King and Ms were out. \
                    (Atlantis) beat King.";
        let mk = |s: &str, from: usize, ty: EntityType| raw_mention(text, s, from, ty);
        let after = |s: &str| text.find(s).unwrap();
        let ms = vec![
            mk("The Times", 0, EntityType::Organization),
            mk("Proleter (Z)", 0, EntityType::Organization),
            mk("The Hague", 0, EntityType::Place),
            mk("King", after("Hague"), EntityType::Person),
            mk("King", after("the King"), EntityType::Person),
            mk("Ms", 0, EntityType::Person),
            mk("(Atlantis)", 0, EntityType::Place),
            mk("King", after("beat"), EntityType::Person),
        ];
        let c = clean_mentions("a", text, &ms, &lexicon::tests::sample());
        let names: Vec<&str> = c.iter().map(|m| m.name.as_str()).collect();
        // A sentence's first "The" may or may not be the name's; inside a sentence it is.
        assert_eq!(
            names,
            vec![
                "Times",
                "Proleter (Z)",
                "The Hague",
                "King",
                "Atlantis",
                "King"
            ]
        );
        assert_eq!(c[2].text, "The Hague");
        assert_eq!(key(&c[2].name), key("Hague"));
    }

    #[test]
    fn a_name_cut_at_a_quoted_nickname_is_one_mention() {
        let text = "Luis Gerardo \"Jerry\" Ortiz died. Ann Lee, \"Bo\", Tom Wu. Kai (Ben) Li. \
            David \"Fathead\" Newman, Jo \"Al\" Hu. Ed \"Bo\" Lu. Ann said \"Lee\" Wu.";
        let mk = |s: &str, from: usize| raw_mention(text, s, from, EntityType::Person);
        let ms = vec![
            mk("Luis Gerardo", 0),
            mk("Jerry", 0),
            mk("Ortiz", 0),
            mk("Ann Lee", 0),
            mk("Bo", 0),
            mk("Tom Wu", 0),
            mk("Kai", 0),
            mk("Ben", 0),
            mk("Li", text.find("Ben").unwrap_or(0)),
            mk("David \"Fathead", 0),
            mk("Newman", 0),
            mk("Jo", 0),
            mk("Al\" Hu", 0),
            mk("Ed \"Bo", 0),
            mk("Lu", text.find("Ed ").unwrap_or(0)),
            mk("Ann", text.find("Ann said").unwrap_or(0)),
            mk("Lee\" Wu", 0),
        ];
        let c = clean_mentions("a", text, &ms, &lexicon::tests::sample());
        let names: Vec<&str> = c.iter().map(|m| m.name.as_str()).collect();
        // Commas outside the quotes: three people.
        assert_eq!(
            names,
            vec![
                "Luis Gerardo \"Jerry\" Ortiz",
                "Ann Lee",
                "Bo",
                "Tom Wu",
                "Kai (Ben) Li",
                "David \"Fathead\" Newman",
                "Jo \"Al\" Hu",
                "Ed \"Bo\" Lu",
                "Ann",
                "Lee\" Wu"
            ]
        );
    }

    #[test]
    fn a_name_cut_at_the_and_of_its_list_is_one_mention() {
        let text = "The Ministry of Land, Infrastructure and Transport spoke. The Ministry of \
            Defence and Interpol met. The Bureau of Alcohol, Tobacco & Firearms and Reuters came.";
        let mk = |s: &str| raw_mention(text, s, 0, EntityType::Organization);
        let ms = vec![
            mk("Ministry of Land, Infrastructure"),
            mk("Transport"),
            mk("Ministry of Defence"),
            mk("Interpol"),
            mk("Bureau of Alcohol, Tobacco & Firearms"),
            mk("Reuters"),
        ];
        let c = clean_mentions("a", text, &ms, &lexicon::tests::sample());
        let names: Vec<&str> = c.iter().map(|m| m.name.as_str()).collect();
        assert_eq!(
            names,
            vec![
                "Ministry of Land, Infrastructure and Transport",
                "Ministry of Defence",
                "Interpol",
                "Bureau of Alcohol, Tobacco & Firearms",
                "Reuters"
            ]
        );
        assert_eq!(
            &text[c[0].byte_start..c[0].byte_start + c[0].text.len()],
            c[0].text
        );
    }

    #[test]
    fn a_title_cut_off_a_name_is_part_of_it() {
        let text = "Sir Ray Kay spoke. King, Lee and Dr Wu met. Minister said. Dr Bo.";
        let mk = |s: &str, from: usize| raw_mention(text, s, from, EntityType::Person);
        let ms = vec![
            mk("Sir", 0),
            mk("Ray Kay", 0),
            mk("King", 0),
            mk("Lee", 0),
            mk("Dr", 0),
            mk("Wu", 0),
            mk("Minister", 0),
            mk("Dr", text.find("Bo").unwrap_or(0) - 3),
            raw_mention(text, "Bo", 0, EntityType::Place),
        ];
        let c = clean_mentions("a", text, &ms, &lexicon::tests::sample());
        let names: Vec<&str> = c.iter().map(|m| m.name.as_str()).collect();
        // Not across a comma, not a title alone, not a name of another type.
        assert_eq!(names, vec!["Sir Ray Kay", "King", "Lee", "Dr Wu", "Bo"]);
    }

    #[test]
    fn canonical_names_prefer_untitled_mixed_case_full_forms() {
        let lex = lexicon::tests::sample();
        let forms =
            |v: &[(&'static str, usize)]| v.iter().copied().collect::<BTreeMap<&str, usize>>();
        assert_eq!(
            canonical(
                &forms(&[("Elisabeth Borne", 2), ("Élisabeth Borne", 2)]),
                EntityType::Person,
                &lex
            ),
            "Élisabeth Borne"
        );
        assert_eq!(
            canonical(
                &forms(&[("Dr Patel", 3), ("Patel", 1)]),
                EntityType::Person,
                &lex
            ),
            "Patel"
        );
        assert_eq!(
            canonical(
                &forms(&[("PARIS", 3), ("Paris", 1)]),
                EntityType::Place,
                &lex
            ),
            "Paris"
        );
        assert_eq!(
            canonical(
                &forms(&[("TEPCO", 2), ("Tokyo Electric Power Company", 1)]),
                EntityType::Organization,
                &lex
            ),
            "Tokyo Electric Power Company"
        );
        assert_eq!(
            canonical(
                &forms(&[("Oscar", 56), ("Passion Oscar", 1)]),
                EntityType::Other,
                &lex
            ),
            "Oscar"
        );
        assert_eq!(
            canonical(
                &forms(&[("Merkel", 5), ("Angela Merkel", 1)]),
                EntityType::Person,
                &lex
            ),
            "Angela Merkel"
        );
    }

    #[test]
    fn names_and_keys() {
        assert_eq!(slug("Angela Merkel"), "angela-merkel");
        assert_eq!(slug("Zürich’s “Old” Town"), "zurich-s-old-town");
        assert_eq!(key("Zürich"), "zurich");
        assert_eq!(key("Türkiye"), key("Turkiye"));
        assert_eq!(
            clean("‘Rafale-M’").map(|c| c.2).as_deref(),
            Some("Rafale-M")
        );
        assert_eq!(
            clean("The Wall Street Journal").map(|c| c.2).as_deref(),
            Some("Wall Street Journal")
        );
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(256))]
        /// Any text and any mention spans: clean-up and the sieve never panic, every mention has an
        /// entity, and offsets index the text.
        #[test]
        fn normalization_holds_for_any_mentions(
            texts in proptest::collection::vec("(\\PC|[ \n\u{a0}()\"'A-Z.-]){0,60}", 1..4),
            spans in proptest::collection::vec((0usize..6, 0usize..8, 0usize..4), 0..8),
        ) {
            let lex = lexicon::tests::sample();
            let articles: Vec<ArticleMentions> = texts
                .iter()
                .enumerate()
                .map(|(i, t)| ArticleMentions {
                    text: t,
                    mentions: clean_mentions(&i.to_string(), t, &newsner_core::span::mentions_from_triples(t, &spans), &lex),
                })
                .collect();
            let n = normalize(articles, &AliasTable::default(), &lex);
            proptest::prop_assert_eq!(n.entity_of.len(), n.mentions.len());
            for (m, &e) in n.mentions.iter().zip(&n.entity_of) {
                proptest::prop_assert!(e < n.entities.len());
                let t = &texts[m.article_id.parse::<usize>().unwrap()];
                proptest::prop_assert_eq!(&t[m.byte_start..m.byte_start + m.text.len()], m.text.as_str());
                proptest::prop_assert!(n.entities[e].articles.contains(&m.article_id));
            }
        }
    }
}
