//! The graph the sieve's passes work on: one node per distinct name per article, joined into clusters
//! (union-find) only through [`Graph::union`], which checks the cannot-link constraints first.

use super::lexicon::{Gender, Lexicons, FUNCTION_WORDS};
use super::names::{key, name_tokens};
use super::persons;
use super::{CleanMention, ReviewItem};
use crate::geo::{link, Kind, Linked, Occurrence};
use newsner_core::labels::EntityType;
use std::collections::{BTreeMap, HashMap};

/// A distinct name in one article: the unit that passes join.
#[derive(Debug, Clone)]
pub struct Node {
    /// The name as cleaned (after the user's alias table).
    pub name: String,
    /// Its key ([`key`]).
    pub key: String,
    /// Its words ([`name_tokens`]).
    pub tokens: Vec<String>,
    /// The words that identify it: without titles and name suffixes for people, without corporate
    /// designators for organizations, without a leading "the" for every type.
    pub core: Vec<String>,
    /// A person's generational suffix ("jr", "iii"), if the name carries one.
    pub suffix: Option<String>,
    /// A person's gender, where a title ("Mrs", "Sir") or a common given name says it.
    pub gender: Option<Gender>,
    /// A person named by one word that is a given name, not a surname: after a title that takes a
    /// given name ("Prince Charles", "Sir Alex", "Sheikh Mohammed") or before a regnal number
    /// ("Charles I").
    pub given_only: bool,
    /// The Roman numeral after a person's given name ("i" of "Charles I", "ii" of "John Paul II").
    pub regnal: Option<String>,
    /// Its type, decided corpus-wide before the sieve (see `types`).
    pub ty: EntityType,
    /// The article (index into the corpus' articles).
    pub article: usize,
    /// Its mentions (indices into the corpus' clean mentions).
    pub mentions: Vec<usize>,
}

impl Node {
    /// Whether the node is a person named by one word only ("Merkel", "Dr Patel").
    pub fn is_bare_person(&self) -> bool {
        self.ty == EntityType::Person && self.core.len() == 1
    }

    /// Whether the node is a person with a full name (two words or more once titles are removed).
    pub fn is_full_person(&self) -> bool {
        self.ty == EntityType::Person && self.core.len() >= 2
    }
}

/// Whether a word is a Roman numeral as kings and popes carry ("I", "III", "XVI"); "Jr" is not.
fn is_regnal_number(word: &str) -> bool {
    !word.is_empty()
        && word
            .chars()
            .all(|c| matches!(c, 'i' | 'v' | 'x' | 'I' | 'V' | 'X'))
}

/// The words of a name that identify it (see [`Node::core`]).
pub fn core_tokens(name: &str, ty: EntityType, lex: &Lexicons) -> Vec<String> {
    // A nickname in quotes is not part of a person's name: "Vincent 'The Chin' Gigante".
    let unquoted = if ty == EntityType::Person {
        without_quoted(name)
    } else {
        name.to_string()
    };
    let name = if unquoted.split_whitespace().count() >= 1 {
        unquoted.as_str()
    } else {
        name
    };
    let articled = one_article(name, lex);
    let name = articled.as_str();
    let mut t = name_tokens(name);
    let mut words: Vec<&str> = name.split_whitespace().collect();
    if t.len() > 1 && t[0] == "the" {
        t.remove(0);
        words.remove(0);
    }
    match ty {
        EntityType::Person => {
            // Titles lead ("Prime Minister", "Dr."), suffixes trail ("Jr.", "III").
            while t.len() > 1 && lex.is_title(&t[0]) {
                t.remove(0);
            }
            while t.len() > 1 && lex.is_suffix(&t[t.len() - 1]) {
                t.pop();
            }
        }
        EntityType::Organization => {
            while words.len() > 1 && t.len() > 1 && lex.is_designator(words[words.len() - 1]) {
                let last = name_tokens(words[words.len() - 1]).len();
                t.truncate(t.len().saturating_sub(last).max(1));
                words.pop();
            }
        }
        _ => {}
    }
    t
}

/// A name with every Arabic article joined by a hyphen written "al" ("Abdel Fattah el-Sisi" →
/// "Abdel Fattah al-Sisi", "ash-Sharaa" → "al-Sharaa"), so that outlets' spellings of one name have one
/// core.
fn one_article(name: &str, lex: &Lexicons) -> String {
    name.split(' ')
        .map(|word| match word.split_once(['-', '‐']) {
            Some((form, rest)) if !form.is_empty() && lex.is_article(form, rest) => {
                let al = if form.starts_with(char::is_uppercase) {
                    "Al"
                } else {
                    "al"
                };
                format!("{al}-{}", one_article(rest, lex))
            }
            _ => word.to_string(),
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// A name with any part in quotes removed ("Kimani 'Kiki' Gray" → "Kimani Gray").
/// The nickname a person's name holds in quotes, when it has words outside them too: "Kiki" in
/// "Kimani 'Kiki' Gray", "The Chin" in "Vincent “The Chin” Gigante".
pub fn quoted_nickname(name: &str) -> Option<String> {
    let outside = without_quoted(name);
    if outside.split_whitespace().count() < 2 {
        return None;
    }
    let words: Vec<&str> = name.split_whitespace().collect();
    let inside: Vec<&str> = words
        .iter()
        .filter(|w| !outside.split_whitespace().any(|o| o == **w))
        .map(|w| w.trim_matches(['\'', '"', '‘', '“', '’', '”']))
        .filter(|w| !w.is_empty())
        .collect();
    (!inside.is_empty()).then(|| inside.join(" "))
}

fn without_quoted(name: &str) -> String {
    let mut out = Vec::new();
    let mut quoted = false;
    for w in name.split_whitespace() {
        let opens = w.starts_with(['\'', '"', '‘', '“']);
        let closes = w.ends_with(['\'', '"', '’', '”']);
        if opens && !quoted {
            quoted = !closes || w.chars().count() == 1;
            continue;
        }
        if quoted {
            quoted = !closes;
            continue;
        }
        out.push(w);
    }
    out.join(" ")
}

/// The clustering state.
pub struct Graph<'a> {
    /// The nodes.
    pub nodes: Vec<Node>,
    /// The corpus' clean mentions.
    pub mentions: &'a [CleanMention],
    /// The article texts, by article index.
    pub texts: &'a [&'a str],
    /// The word lists.
    pub lex: &'a Lexicons,
    /// Node ids of each article.
    pub by_article: Vec<Vec<usize>>,
    /// Names the text ties to a node without being a mention there (an acronym defined in brackets, a
    /// ticker): key of the name → nodes it stands for.
    pub ties: BTreeMap<String, Vec<usize>>,
    /// Merges worth a look and merges refused, for `review.csv`.
    pub review: Vec<ReviewItem>,
    /// Every merge made, in order: two nodes and the pass that joined their clusters.
    pub edges: Vec<(usize, usize, &'static str)>,
    parent: Vec<usize>,
    members: Vec<Vec<usize>>,
    /// Groups of nodes the text declares to be one ("Robert A. Kotick (Bobby Kotick)").
    declared: Vec<usize>,
    /// Per node: whether it names a family, not one person ([`super::constraints::names_family`]).
    pub families: Vec<bool>,
    /// Per node: the GeoNames places a place name can be in its article ([`crate::geo::link`]);
    /// empty for other types.
    pub geo: Vec<Linked>,
}

impl<'a> Graph<'a> {
    /// A graph of singleton clusters.
    pub fn new(
        nodes: Vec<Node>,
        mentions: &'a [CleanMention],
        texts: &'a [&'a str],
        lex: &'a Lexicons,
    ) -> Graph<'a> {
        let mut by_article = vec![Vec::new(); texts.len()];
        for (i, n) in nodes.iter().enumerate() {
            by_article[n.article].push(i);
        }
        let n = nodes.len();
        let families = nodes
            .iter()
            .map(|node| super::constraints::names_family(node, mentions, texts, lex))
            .collect();
        let geo = link_places(&nodes, mentions, texts, lex);
        Graph {
            nodes,
            mentions,
            texts,
            lex,
            by_article,
            ties: BTreeMap::new(),
            review: Vec::new(),
            edges: Vec::new(),
            parent: (0..n).collect(),
            members: (0..n).map(|i| vec![i]).collect(),
            declared: (0..n).collect(),
            families,
            geo,
        }
    }

    /// The GeoNames place a node is linked to, if its link clears the threshold.
    pub fn place_of(&self, node: usize) -> Option<usize> {
        self.geo[node].link(self.lex.link_config().threshold)
    }

    /// The GeoNames place a node is linked to, if its link is sure enough to keep its row apart from
    /// another place's ([`LinkConfig::apart`](crate::geo::LinkConfig::apart)).
    pub fn sure_place_of(&self, node: usize) -> Option<usize> {
        self.geo[node].link(self.lex.link_config().apart)
    }

    /// The cluster (its root node) of a node.
    pub fn find(&self, x: usize) -> usize {
        let mut r = x;
        while self.parent[r] != r {
            r = self.parent[r];
        }
        r
    }

    /// The nodes of a node's cluster.
    pub fn cluster(&self, x: usize) -> &[usize] {
        &self.members[self.find(x)]
    }

    /// Why two clusters may not be one entity, if they may not: see [`super::constraints`].
    pub fn cannot_link(&self, a: usize, b: usize, declared: bool) -> Option<String> {
        super::constraints::cannot_link(self, self.find(a), self.find(b), declared)
    }

    /// Joins the clusters of `a` and `b` for `pass`, unless a constraint forbids it (then the refusal
    /// goes to review). `declared`: the text itself says the two names are one (a definition in brackets,
    /// "also known as"), which lets types differ. Returns whether they are (now) one cluster.
    pub fn union(&mut self, a: usize, b: usize, pass: &'static str, declared: bool) -> bool {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra == rb {
            return true;
        }
        // A declared pair is linked before the check, so the names are compared through each other.
        let (da, db) = (self.declared_group(a), self.declared_group(b));
        if declared {
            self.declared[da.max(db)] = da.min(db);
        }
        if let Some(why) = super::constraints::cannot_link(self, ra, rb, declared) {
            if declared {
                self.declared[da.max(db)] = da.max(db);
            }
            self.refuse(a, b, &format!("{pass} refused: {why}"));
            return false;
        }
        let (lo, hi) = (ra.min(rb), ra.max(rb));
        self.parent[hi] = lo;
        let moved = std::mem::take(&mut self.members[hi]);
        self.members[lo].extend(moved);
        self.edges.push((a, b, pass));
        true
    }

    /// The group of names the text declares one with this node's name (its root node).
    pub fn declared_group(&self, x: usize) -> usize {
        let mut r = x;
        while self.declared[r] != r {
            r = self.declared[r];
        }
        r
    }

    /// Records a merge that was not made.
    pub fn refuse(&mut self, a: usize, b: usize, reason: &str) {
        let sim = strsim::jaro_winkler(&self.nodes[a].key, &self.nodes[b].key) as f32;
        self.review.push(ReviewItem {
            decision: "refused".into(),
            entity_type: self.nodes[a].ty,
            name: self.display(a),
            other: self.display(b),
            reason: reason.to_string(),
            similarity: sim,
        });
    }

    /// Records a name left apart because several clusters could be it.
    pub fn ambiguous(&mut self, n: usize, candidates: &[usize], reason: &str) {
        let other = candidates
            .iter()
            .map(|&c| self.display(c))
            .collect::<Vec<_>>()
            .join(" / ");
        self.review.push(ReviewItem {
            decision: "refused".into(),
            entity_type: self.nodes[n].ty,
            name: self.display(n),
            other,
            reason: reason.to_string(),
            similarity: 0.5,
        });
    }

    /// Records a merge that was made on weak evidence.
    pub fn flag(&mut self, a: usize, b: usize, reason: &str, similarity: f32) {
        self.review.push(ReviewItem {
            decision: "merged".into(),
            entity_type: self.nodes[a].ty,
            name: self.display(a),
            other: self.display(b),
            reason: reason.to_string(),
            similarity,
        });
    }

    /// A node's name with its article, for review lines.
    pub fn display(&self, n: usize) -> String {
        let m = &self.mentions[self.nodes[n].mentions[0]];
        format!("{} ({})", self.nodes[n].name, m.article_id)
    }

    /// In how many articles a node's cluster is named.
    pub fn articles_of(&self, x: usize) -> usize {
        self.cluster_articles(x).len()
    }

    /// The articles a node's cluster is named in, in order.
    pub fn cluster_articles(&self, x: usize) -> Vec<usize> {
        let mut a: Vec<usize> = self
            .cluster(x)
            .iter()
            .map(|&n| self.nodes[n].article)
            .collect();
        a.sort_unstable();
        a.dedup();
        a
    }

    /// The distinct clusters among `nodes`.
    pub fn clusters_of(&self, nodes: impl IntoIterator<Item = usize>) -> Vec<usize> {
        let mut roots: Vec<usize> = nodes.into_iter().map(|n| self.find(n)).collect();
        roots.sort_unstable();
        roots.dedup();
        roots
    }

    /// Groups nodes by a key (nodes for which `key_of` gives `None` are left out) and joins each group
    /// for `pass`, in node order.
    pub fn union_groups(&mut self, pass: &'static str, key_of: impl Fn(&Node) -> Option<String>) {
        let mut groups: BTreeMap<String, Vec<usize>> = BTreeMap::new();
        for (i, n) in self.nodes.iter().enumerate() {
            if let Some(k) = key_of(n) {
                groups.entry(k).or_default().push(i);
            }
        }
        for g in groups.values() {
            for &b in &g[1..] {
                self.union(g[0], b, pass, false);
            }
        }
    }

    /// Whether two person names may be one person (see [`persons::compatible`]); different
    /// generational suffixes ("Jr" and "Sr") are two people.
    pub fn persons_compatible(&self, a: usize, b: usize, fuzzy: bool) -> Option<f32> {
        let (x, y) = (&self.nodes[a], &self.nodes[b]);
        if x.suffix.is_some() && y.suffix.is_some() && x.suffix != y.suffix {
            return None;
        }
        persons::compatible(&x.core, &y.core, fuzzy, self.lex)
    }
}

/// The gender a person's name says: its leading titles first ("Mrs Smith", "Sir John Smith"), else the
/// given name of a full name ("Katie Smith"); an initial says nothing.
fn gender_of(tokens: &[String], core: &[String], lex: &Lexicons) -> Option<Gender> {
    let titled = tokens
        .iter()
        .take_while(|w| lex.is_title(w))
        .find_map(|w| lex.title_gender(w));
    titled.or_else(|| {
        core.first()
            .filter(|w| core.len() >= 2 && w.chars().count() > 1)
            .and_then(|w| lex.given_gender(w))
    })
}

/// Builds the nodes: one per distinct name (by [`key`]) and type per article; `type_of` gives each
/// mention's type.
pub fn nodes(
    mentions: &[CleanMention],
    names: &[String],
    article_of: &[usize],
    type_of: impl Fn(usize) -> EntityType,
    lex: &Lexicons,
) -> (Vec<Node>, Vec<usize>) {
    let mut nodes: Vec<Node> = Vec::new();
    let mut index: BTreeMap<(usize, String, EntityType), usize> = BTreeMap::new();
    let mut node_of = Vec::with_capacity(mentions.len());
    for (i, name) in names.iter().enumerate() {
        let k = key(name);
        let ty = type_of(i);
        let n = *index
            .entry((article_of[i], k.clone(), ty))
            .or_insert_with(|| {
                let tokens = name_tokens(name);
                let suffix = tokens
                    .last()
                    .filter(|w| ty == EntityType::Person && tokens.len() > 2 && lex.is_suffix(w))
                    .cloned();
                let core = core_tokens(name, ty, lex);
                let gender = (ty == EntityType::Person)
                    .then(|| gender_of(&tokens, &core, lex))
                    .flatten();
                let regnal = tokens
                    .last()
                    .filter(|_| ty == EntityType::Person && tokens.len() > 1)
                    .filter(|w| is_regnal_number(w) && core.len() < tokens.len())
                    .cloned();
                let given_only = ty == EntityType::Person
                    && core.len() == 1
                    && tokens.len() > 1
                    && (lex.is_given_name_title(&tokens[0]) || regnal.is_some());
                nodes.push(Node {
                    suffix,
                    gender,
                    given_only,
                    regnal,
                    name: name.clone(),
                    core,
                    tokens,
                    key: k,
                    ty,
                    article: article_of[i],
                    mentions: Vec::new(),
                });
                nodes.len() - 1
            });
        nodes[n].mentions.push(i);
        node_of.push(n);
    }
    (nodes, node_of)
}

/// Links every place node to the gazetteer in its article's context; other nodes get no candidates.
fn link_places(
    nodes: &[Node],
    mentions: &[CleanMention],
    texts: &[&str],
    lex: &Lexicons,
) -> Vec<Linked> {
    let places: Vec<usize> = (0..nodes.len())
        .filter(|&i| nodes[i].ty == EntityType::Place)
        .collect();
    let names: Vec<String> = places
        .iter()
        .map(|&i| gazetteer_name(&nodes[i].name, lex))
        .collect();
    let qualifiers = qualifiers(&places, nodes, mentions, texts);
    let occ: Vec<Occurrence> = places
        .iter()
        .zip(&names)
        .zip(qualifiers)
        .map(|((&i, name), qualifiers)| Occurrence {
            name,
            qualifiers,
            level: subdivision_level(&nodes[i], name, mentions, texts, lex),
            needs_country: lex.is_direction_only(name),
            definite: definite(&nodes[i], mentions, texts),
            article: nodes[i].article,
            first_byte: nodes[i]
                .mentions
                .iter()
                .map(|&m| mentions[m].byte_start)
                .min()
                .unwrap_or(usize::MAX),
        })
        .collect();
    let linked = link::link_all(&occ, lex.gazetteer(), lex.user_links(), lex.link_config());
    let mut out = vec![Linked::default(); nodes.len()];
    for (i, l) in places.into_iter().zip(linked) {
        out[i] = l;
    }
    out
}

/// Whether every mention of a node is written after "the", one at least as the head of its phrase
/// ([`ends_phrase`]: "at the Riverside.", "the White House is"; "the White House said" is not read
/// so). As a modifier ("the London exchange", "the Paris-based IEA") or a possessive ("the
/// Hollywood's top honours" is "the top honours of Hollywood") a name says nothing of what it is.
fn definite(node: &Node, mentions: &[CleanMention], texts: &[&str]) -> bool {
    let text = texts.get(node.article).copied().unwrap_or("");
    let mut heads = false;
    for &m in &node.mentions {
        let start = mentions[m].byte_start;
        let before = text
            .get(..start)
            .unwrap_or("")
            .trim_end_matches([' ', '\n']);
        let after_the = before
            .len()
            .checked_sub(3)
            .and_then(|k| before.get(k..).map(|w| (k, w)))
            .is_some_and(|(k, w)| {
                w.eq_ignore_ascii_case("the")
                    && !before[..k].ends_with(|c: char| c.is_alphanumeric())
                    && before.len() < start
            });
        if !after_the {
            return false;
        }
        let rest = text.get(start + mentions[m].text.len()..).unwrap_or("");
        heads |= ends_phrase(rest);
    }
    heads
}

/// Whether the text `rest` after a name ends the name's phrase: the end of the text, punctuation
/// other than a hyphen or an apostrophe, or a function word; not a comma or "and" before a capital,
/// which may go on with a qualifier or another name of one phrase ("the Baltimore, Md., native", "the
/// Salt Lake City and Kansas City offices").
fn ends_phrase(rest: &str) -> bool {
    let word = |s: &str| -> String {
        s.trim_start_matches(' ')
            .chars()
            .take_while(|c| c.is_alphabetic() || *c == '\'')
            .collect()
    };
    let capital_next = |s: &str| s.trim_start_matches(' ').starts_with(char::is_uppercase);
    match rest.chars().next() {
        None => true,
        Some(',') => !capital_next(&rest[1..]),
        Some(' ') => {
            let w = word(rest);
            let after = &rest.trim_start_matches(' ')[w.len()..];
            FUNCTION_WORDS.contains(w.as_str())
                && !(matches!(w.as_str(), "and" | "or") && capital_next(after))
        }
        Some(c) => !c.is_alphanumeric() && !['-', '\'', '’'].contains(&c),
    }
}

/// The name a place is looked up by. A name the gazetteer lacks is looked up without its last word
/// when that word is a subdivision's own ("Hormozgan Province", "Sverdlovsk Oblast"; not "Kazan
/// Airport", "Orange County"), and without its first word when that is written in lowercase (a
/// direction or any other modifier the model took into the name) before a city's name: a part of the
/// city, on a map the city ("south London", "metro Atlanta"; not "South Africa"). A part of a country
/// or continent is a region of its own ("south Asia", "north Wales").
fn gazetteer_name(name: &str, lex: &Lexicons) -> String {
    let gaz = lex.gazetteer();
    if !gaz.lookup(name).is_empty() {
        return name.to_string();
    }
    if let Some((head, last)) = name.rsplit_once(' ') {
        if lex.is_admin_unit(last) {
            return head.to_string();
        }
    }
    // Every place of the name is a city ("London"; not "Asia", also a town's other name).
    let a_city = |name: &str| {
        let found = gaz.lookup(name);
        !found.is_empty()
            && found
                .iter()
                .all(|m| gaz.places()[m.place].kind == crate::geo::gazetteer::Kind::City)
    };
    match name.split_once(' ') {
        Some((first, rest)) if first.starts_with(|c: char| c.is_lowercase()) && a_city(rest) => {
            rest.to_string()
        }
        _ => name.to_string(),
    }
}

/// The level of subdivision a place node names, where its text says it: a word of a level written in
/// lowercase right after one of its mentions ("Kerman province", "Vienna township"), or the word the
/// lookup name `looked_up` leaves out ("Hormozgan Province"). A name before "state" or "region" is not
/// read so: "US state", "Gulf state", "Balkan region" speak of a place in or of it.
fn subdivision_level(
    node: &Node,
    looked_up: &str,
    mentions: &[CleanMention],
    texts: &[&str],
    lex: &Lexicons,
) -> Option<Kind> {
    let dropped = node.name.strip_prefix(looked_up).map(str::trim);
    if let Some(level) = dropped.and_then(|w| lex.subdivision_level(w)) {
        return Some(level);
    }
    let text = texts.get(node.article).copied().unwrap_or("");
    node.mentions.iter().find_map(|&m| {
        let end = mentions[m].byte_start + mentions[m].text.len();
        let rest = text.get(end..)?.strip_prefix(' ')?;
        let word = rest.split(|c: char| !c.is_alphabetic()).next()?;
        (!word.is_empty() && word.chars().all(char::is_lowercase))
            .then(|| lex.subdivision_level(word))
            .flatten()
    })
}

/// For each of the place nodes `places`: the place nodes (indices into `places`) that qualify it, a
/// mention of theirs written right after one of its mentions and a comma on the same line ("Naples,
/// Italy", "Golden, Colo.").
fn qualifiers(
    places: &[usize],
    nodes: &[Node],
    mentions: &[CleanMention],
    texts: &[&str],
) -> Vec<Vec<usize>> {
    let starts: HashMap<(usize, usize), usize> = places
        .iter()
        .enumerate()
        .flat_map(|(k, &i)| {
            let article = nodes[i].article;
            nodes[i]
                .mentions
                .iter()
                .map(move |&m| ((article, mentions[m].byte_start), k))
        })
        .collect();
    places
        .iter()
        .enumerate()
        .map(|(k, &i)| {
            let article = nodes[i].article;
            let text = texts.get(article).copied().unwrap_or("");
            let mut found: Vec<usize> = nodes[i]
                .mentions
                .iter()
                .filter_map(|&m| {
                    let end = mentions[m].byte_start + mentions[m].text.len();
                    let rest = text.get(end..)?.strip_prefix(',')?;
                    let after = rest.trim_start_matches([' ', '\t']);
                    (after.len() < rest.len())
                        .then(|| starts.get(&(article, text.len() - after.len())))
                        .flatten()
                        .copied()
                })
                .filter(|&q| q != k)
                .collect();
            found.sort_unstable();
            found.dedup();
            found
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::lexicon::tests::sample;

    #[test]
    fn a_place_is_looked_up_without_a_subdivision_word_or_a_lowercase_modifier() {
        let dir = newsner_core::source_root().join(newsner_core::DEFAULT_LEXICONS);
        let l = Lexicons::load(&dir).unwrap();
        let g = |s: &str| gazetteer_name(s, &l);
        assert_eq!(g("Hormozgan Governorate"), "Hormozgan");
        assert_eq!(g("south London"), "London");
        assert_eq!(g("west London"), "London");
        assert_eq!(g("metro Atlanta"), "Atlanta");
        // Part of a country or continent is a region of its own.
        assert_eq!(g("north-east England"), "north-east England");
        assert_eq!(g("south Asia"), "south Asia");
        // A direction in capitals is part of a name; a name the gazetteer knows stays whole.
        assert_eq!(g("South Africa"), "South Africa");
        assert_eq!(g("Western Australia"), "Western Australia");
        assert_eq!(g("Orange County"), "Orange County");
        assert_eq!(g("south Baptist"), "south Baptist");
    }

    #[test]
    fn cores_drop_titles_suffixes_and_designators() {
        let l = sample();
        let c = |s: &str, t| core_tokens(s, t, &l).join(" ");
        assert_eq!(c("Dr Patel", EntityType::Person), "patel");
        assert_eq!(
            c("Vincent 'The Chin' Gigante", EntityType::Person),
            "vincent gigante"
        );
        assert_eq!(c("Kimani “Kiki” Gray", EntityType::Person), "kimani gray");
        assert_eq!(c("Rock 'n' Roll", EntityType::Organization), "rock n roll");
        assert_eq!(
            c("President Joe Biden Jr.", EntityType::Person),
            "joe biden"
        );
        assert_eq!(c("Ms", EntityType::Person), "ms");
        assert_eq!(
            c("Hewlett-Packard Co", EntityType::Organization),
            "hewlett packard"
        );
        assert_eq!(c("Microsoft Corp.", EntityType::Organization), "microsoft");
        assert_eq!(c("Inc", EntityType::Organization), "inc");
        assert_eq!(c("The Hague", EntityType::Place), "hague");
        // The Arabic article, however an outlet spells it.
        assert_eq!(
            c("Abdel Fattah el-Sisi", EntityType::Person),
            c("Abdel Fattah al-Sisi", EntityType::Person)
        );
        assert_eq!(c("Ahmed ash-Sharaa", EntityType::Person), "ahmed al sharaa");
        assert_eq!(
            c("Ad-Hoc Committee", EntityType::Organization),
            "ad hoc committee"
        );
        assert_eq!(c("El-Arish", EntityType::Place), "al arish");
        // Titles are not stripped from other types.
        assert_eq!(
            c("General Motors", EntityType::Organization),
            "general motors"
        );
    }

    /// A place written after another and a comma qualifies it, on the same line only, and in a
    /// list of places each item only the next ("Texas, Oklahoma"); the linker reads whether one holds
    /// the other.
    /// A level word written in lowercase after a place name says which kind of place it is: "Kerman
    /// province" is the province, not its capital city; "Vienna township" is no city of the gazetteer;
    /// "state" says nothing ("the US state of Ohio"). A unit word the lookup leaves out says it too, and
    /// a province named by its largest city's name is that province.
    #[test]
    fn a_subdivision_word_after_a_place_name_keeps_only_subdivisions_of_its_level() {
        let dir = newsner_core::source_root().join(newsner_core::DEFAULT_LEXICONS);
        let lex = Lexicons::load(&dir).unwrap();
        let text = "A quake hit Kerman province. He fled to Vienna township, \
                    then to Hormozgan Governorate and the US state of Ohio. Banda Aceh province, Indonesia.";
        let names = [
            "Kerman",
            "Vienna",
            "Hormozgan Governorate",
            "US",
            "Banda Aceh",
            "Indonesia",
        ];
        let mentions: Vec<CleanMention> = names
            .iter()
            .map(|n| crate::normalize::tests::mention_at("a", text, n, 0, EntityType::Place))
            .collect();
        let cleaned: Vec<String> = names.iter().map(|n| n.to_string()).collect();
        let (nodes, _) = super::nodes(&mentions, &cleaned, &[0; 6], |_| EntityType::Place, &lex);
        let linked = link_places(&nodes, &mentions, &[text], &lex);
        let kind = |i: usize| {
            let l: &Linked = &linked[i];
            l.link(0.5).map(|p| lex.gazetteer().places()[p].kind)
        };
        assert_eq!(kind(0), Some(Kind::Admin1), "{:?}", linked[0]);
        assert!(linked[1].candidates.is_empty(), "{:?}", linked[1]);
        assert_eq!(kind(2), Some(Kind::Admin1), "{:?}", linked[2]);
        assert_eq!(kind(3), Some(Kind::Country), "{:?}", linked[3]);
        // A province named by its capital's name is the province.
        let aceh = linked[4].link(0.5).map(|p| &lex.gazetteer().places()[p]);
        assert_eq!(
            aceh.map(|p| (p.kind, p.admin1.as_str())),
            Some((Kind::Admin1, "ID-AC")),
            "{:?}",
            linked[4]
        );
        let level = |i: usize| {
            let looked_up = gazetteer_name(&nodes[i].name, &lex);
            subdivision_level(&nodes[i], &looked_up, &mentions, &[text], &lex)
        };
        assert_eq!(level(1), Some(Kind::Admin2));
        assert_eq!(level(2), Some(Kind::Admin1));
        assert_eq!(level(3), None);
    }

    /// The place nodes and mentions of `names`, found in `text` in that order, all of article 0.
    fn place_nodes(text: &str, names: &[&str]) -> (Vec<Node>, Vec<CleanMention>) {
        let mut from = 0;
        let mentions: Vec<CleanMention> = names
            .iter()
            .map(|n| {
                let m = crate::normalize::tests::mention_at("a", text, n, from, EntityType::Place);
                from = m.byte_start + m.text.len();
                m
            })
            .collect();
        let cleaned: Vec<String> = names.iter().map(|n| n.to_string()).collect();
        let articles = vec![0; names.len()];
        let (nodes, _) = super::nodes(
            &mentions,
            &cleaned,
            &articles,
            |_| EntityType::Place,
            &sample(),
        );
        (nodes, mentions)
    }

    #[test]
    fn a_place_after_a_comma_qualifies_the_one_before() {
        let text = "Born in Naples, Italy, he moved to Paris,\nLondon and Texas, Oklahoma.";
        let names = ["Naples", "Italy", "Paris", "London", "Texas", "Oklahoma"];
        let (nodes, mentions) = place_nodes(text, &names);
        let places: Vec<usize> = (0..nodes.len()).collect();
        let q = qualifiers(&places, &nodes, &mentions, &[text]);
        assert_eq!(q, vec![vec![1], vec![], vec![], vec![], vec![5], vec![]]);
    }

    #[test]
    fn a_name_after_the_at_the_head_of_its_phrase_is_a_thing() {
        let text = "A draw at the Riverside. The White House and the Halifax are sure; the London \
            exchange, the Paris-based IEA and the Hollywood's prize too. Athens won, the Athens \
            Olympics. In the Leeds area, the Baltimore, Md., native of the Dallas and Austin offices.";
        let names = [
            "Riverside",
            "White House",
            "Halifax",
            "London",
            "Paris",
            "Hollywood",
            "Athens",
            "Athens",
            "Leeds",
            "Baltimore",
            "Dallas",
        ];
        let (nodes, mentions) = place_nodes(text, &names);
        let by_name = |name: &str| {
            let node = nodes.iter().find(|n| n.name == name).expect(name);
            definite(node, &mentions, &[text])
        };
        assert!(by_name("Riverside"), "at the end of a sentence");
        assert!(by_name("White House"), "before a function word");
        assert!(by_name("Halifax"));
        assert!(!by_name("London"), "a modifier");
        assert!(!by_name("Paris"), "before a hyphen");
        assert!(!by_name("Hollywood"), "a possessive");
        assert!(!by_name("Athens"), "once without \"the\"");
        assert!(!by_name("Leeds"));
        assert!(!by_name("Baltimore"), "before its qualifier");
        assert!(!by_name("Dallas"), "one of two names of one phrase");
    }
}
