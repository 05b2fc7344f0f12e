//! Cannot-link constraints, checked before every merge: what no pass may join, however similar.
//!
//! 1. **Types**: an entity has one type; names of different types join only where the text itself
//!    declares them one (an acronym defined in brackets), and never with a person.
//! 2. **People**: every pair of full names across the two clusters must be able to be one person
//!    ([`super::persons::compatible`]), directly or through a third name of either cluster that can be
//!    one with each ("Fred LaRue" — "Frederick LaRue" — "Frederick Cheney LaRue"): different given names, different initials, different
//!    generational suffixes ("Jr" / "Sr") and gendered forms never merge, in one article or across;
//!    nor, in one article, a name with "Jr" and the same name without a suffix (a father and son).
//!    Names the text declares one ("Robert A. Kotick (Bobby Kotick)") are compared through each other,
//!    and a name with a nickname in quotes is also the nickname and the surname (`Luis Gerardo
//!    "Jerry" Ortiz` is "Jerry Ortiz").
//! 3. **Genders**: a name whose title says one gender ("Mrs Smith") never joins a name whose title or
//!    common given name says the other ("Mr Smith", "John Smith"); see `genders.tsv`.
//! 4. **Families**: a surname that names a family wherever its article writes it ("the Agnelli
//!    family", "the Williams sisters"; a plural noun of kin after it, `context_cues.tsv`) never joins a
//!    person's full name: the family is not its founder, nor the sisters one of them.
//! 5. **Regnal numbers**: a monarch's or pope's numeral tells namesakes apart. Names with different
//!    numerals never join ("Charles I" / "Charles II", "John Paul I" / "John Paul II"), nor, across
//!    articles, a numbered name and a given name alone: "Elizabeth I" of a history piece is not
//!    another article's "Elizabeth" (inside its article she may be).
//! 6. **Places**: names linked to different GeoNames places in their articles never join ("Georgia"
//!    beside Atlanta and "Georgia" beside Tbilisi).
//! 7. **Parent and child organizations**: two organization names that share a word while each has a
//!    capitalized word the other lacks ("Harlow Group" / "Harlow Studios", "Federal Reserve Board" /
//!    "Federal Reserve Bank") are two bodies of one family, a parent and its subsidiary or two
//!    divisions, and never join, in one article or across, unless the text declares them one. A leading
//!    "The", a designator against another ("Corp" / "Co"), abbreviations written out and spelling
//!    variants of one word (Jaro-Winkler `min_similarity`) do not count as a difference, so "Toyota
//!    Motor Corp" still joins "Toyota Motor Co". A bare "Harlow" may join one of them; it never bridges
//!    the two.

use super::around::Around;
use super::graph::{quoted_nickname, Graph, Node};
use super::lexicon::{Cue, Lexicons};
use super::names::name_tokens;
use super::CleanMention;
use newsner_core::labels::EntityType;

/// Why the clusters rooted at `ra` and `rb` may not be one entity, or `None` when they may.
pub fn cannot_link(g: &Graph, ra: usize, rb: usize, declared: bool) -> Option<String> {
    let (ta, tb) = (g.nodes[ra].ty, g.nodes[rb].ty);
    if ta != tb {
        let person = ta == EntityType::Person || tb == EntityType::Person;
        if !declared || person {
            return Some(format!("types differ ({} / {})", ta.as_str(), tb.as_str()));
        }
    }
    genders_clash(g, ra, rb)
        .or_else(|| family_and_person(g, ra, rb))
        .or_else(|| regnal_clash(g, ra, rb))
        .or_else(|| places_clash(g, ra, rb))
        .or_else(|| (!declared).then(|| parent_and_child(g, ra, rb)).flatten())
        .or_else(|| different_people(g, ra, rb))
}

/// Two full names of people, one in each cluster, that cannot name one person (a father and son, or
/// names incompatible word by word, even through the names the text declares them with).
fn different_people(g: &Graph, ra: usize, rb: usize) -> Option<String> {
    let full = |r: usize| -> Vec<usize> {
        g.cluster(r)
            .iter()
            .copied()
            .filter(|&n| g.nodes[n].is_full_person())
            .collect()
    };
    let (fa, fb) = (full(ra), full(rb));
    for &x in &fa {
        for &y in &fb {
            if g.nodes[x].key == g.nodes[y].key {
                continue;
            }
            if father_and_son(g, x, y) {
                return Some(format!(
                    "father and son: {} / {}",
                    g.nodes[x].name, g.nodes[y].name
                ));
            }
            // A name the text declares another's ("Bobby Kotick" for "Robert A. Kotick") is compared
            // through the names it is declared with.
            let with = |n: usize| -> Vec<usize> {
                let d = g.declared_group(n);
                fa.iter()
                    .chain(&fb)
                    .copied()
                    .filter(|&m| g.declared_group(m) == d)
                    .collect()
            };
            let ok = with(x).iter().any(|&x2| {
                with(y)
                    .iter()
                    .any(|&y2| g.persons_compatible(x2, y2, true).is_some())
            }) || bridged(g, x, y, fa.iter().chain(&fb).copied())
                || by_nickname(&g.nodes[x], &g.nodes[y])
                || by_nickname(&g.nodes[y], &g.nodes[x]);
            if !ok {
                return Some(format!(
                    "different people: {} / {}",
                    g.nodes[x].name, g.nodes[y].name
                ));
            }
        }
    }
    None
}

/// Two organizations of one family (rule 7): a name of each cluster with a word the other lacks and a
/// word they share.
fn parent_and_child(g: &Graph, ra: usize, rb: usize) -> Option<String> {
    let orgs = |r: usize| -> Vec<(usize, Vec<String>)> {
        g.cluster(r)
            .iter()
            .filter(|&&n| g.nodes[n].ty == EntityType::Organization)
            .map(|&n| (n, org_words(&g.nodes[n].name, g.lex)))
            .filter(|(_, w)| !w.is_empty())
            .collect()
    };
    let (a, b) = (orgs(ra), orgs(rb));
    let similar = g.lex.config().names.min_similarity;
    let designator = |w: &str| g.lex.is_designator(w);
    let lacks = |x: &[String], y: &[String]| {
        x.iter().any(|w| {
            !y.iter()
                .any(|v| v == w || (designator(w) && designator(v)) || same_word(w, v, similar))
                && !spells_words(w, y)
        })
    };
    for (x, wx) in &a {
        for (y, wy) in &b {
            let shared = wx.iter().any(|w| wy.contains(w));
            if shared && lacks(wx, wy) && lacks(wy, wx) {
                return Some(format!(
                    "two organizations of one family: {} / {}",
                    g.nodes[*x].name, g.nodes[*y].name
                ));
            }
        }
    }
    None
}

/// The words of an organization's name that tell it from its kin: capitalized words (not the function
/// words inside a name: "of", "and"), without a leading "The", abbreviations written out; lowercase
/// keys. A designator is a word like any other, except that any designator matches any other ("Corp" /
/// "Co"): "Harlow Group" is not "Harlow Studios".
fn org_words(name: &str, lex: &Lexicons) -> Vec<String> {
    let words: Vec<String> = name
        .split_whitespace()
        .enumerate()
        .filter(|(i, w)| !(*i == 0 && w.eq_ignore_ascii_case("the")))
        .map(|(_, w)| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(|w| {
            w.chars()
                .next()
                .is_some_and(|c| c.is_uppercase() || c.is_numeric())
        })
        .map(super::lexicon::word_key)
        .collect();
    lex.expand_abbreviations(&words)
}

/// Whether `word` is the initials of two or more consecutive `words` ("la" of "los angeles"): an
/// acronym inside a name stands for words of the other.
fn spells_words(word: &str, words: &[String]) -> bool {
    let n = word.chars().count();
    n >= 2
        && words.windows(n).any(|run| {
            run.iter()
                .map(|w| w.chars().next())
                .eq(word.chars().map(Some))
        })
}

/// Whether two words of organization names are one word written two ways: a spelling variant, a
/// plural, or an abbreviation ("Intl" / "International").
fn same_word(a: &str, b: &str, min_similarity: f64) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    let abbreviation =
        short.chars().count() >= 2 && short.chars().next() == long.chars().next() && {
            let mut rest = long.chars();
            short.chars().all(|c| rest.any(|l| l == c))
        };
    abbreviation || strsim::jaro_winkler(a, b) >= min_similarity
}

/// Whether a node is a surname that names a family at each of its mentions: a plural noun of kin
/// follows it in lowercase ("the Osbourne family", "the Williams sisters").
pub fn names_family(
    node: &Node,
    mentions: &[CleanMention],
    texts: &[&str],
    lex: &Lexicons,
) -> bool {
    let text = texts.get(node.article).copied().unwrap_or("");
    let kin = |w: &str| w.chars().next().is_some_and(char::is_lowercase) && lex.cue(w, Cue::Group);
    node.is_bare_person()
        && !node.mentions.is_empty()
        && node.mentions.iter().all(|&m| {
            mentions
                .get(m)
                .and_then(|m| Around::of(text, m))
                .is_some_and(|a| a.after.first().is_some_and(|w| kin(w)))
        })
}

/// Why one cluster may not join the other when one names a family and the other a person in full.
fn family_and_person(g: &Graph, ra: usize, rb: usize) -> Option<String> {
    let family = |r: usize| g.cluster(r).iter().copied().find(|&n| g.families[n]);
    let person = |r: usize| {
        g.cluster(r)
            .iter()
            .copied()
            .find(|&n| g.nodes[n].is_full_person())
    };
    let (f, p) = match (family(ra), person(rb), family(rb), person(ra)) {
        (Some(f), Some(p), _, _) | (_, _, Some(f), Some(p)) => (f, p),
        _ => return None,
    };
    Some(format!(
        "a family's name and one person's: {} / {}",
        g.nodes[f].name, g.nodes[p].name
    ))
}

/// Whether two full names of one article are a father and the son named after him: "Mark Felt" and
/// "Mark Felt Jr." ("survived by two children, Joan Felt and Mark Felt Jr."), "Joe Frank Sanderson" and
/// "Joe Frank Sanderson Jr." (OntoNotes 5: both such pairs in one article there are two people). The
/// suffix is what tells the son from his father, so an article that writes one name with it and one
/// without means two people; across articles the son may be named without it ("Arcade Joseph Comeaux
/// Jr." and "Arcade Joseph Comeaux"). "Sr" and numerals do not count ("W. Mark Felt Sr." is the
/// "Mark Felt" of his article; "John Paul II" the "John Paul").
fn father_and_son(g: &Graph, x: usize, y: usize) -> bool {
    let (a, b) = (&g.nodes[x], &g.nodes[y]);
    let junior = |n: &super::graph::Node| {
        n.suffix
            .as_deref()
            .is_some_and(|s| g.lex.is_junior_suffix(s))
    };
    let (son, father) = match (junior(a), junior(b)) {
        (true, false) => (a, b),
        (false, true) => (b, a),
        _ => return false,
    };
    son.article == father.article
        && father.suffix.is_none()
        && father
            .mentions
            .iter()
            .any(|&m| !junior_follows(g, father.article, m))
        && super::persons::compatible(&son.core, &father.core, false, g.lex).is_some()
}

/// Whether the text goes on with a junior suffix right after mention `m` (past a comma): the model
/// cut the name short ("Joseph Comeaux" of "Arcade Joseph Comeaux Jr: Texas inmate escaped").
fn junior_follows(g: &Graph, article: usize, m: usize) -> bool {
    let m = &g.mentions[m];
    let text = g.texts.get(article).copied().unwrap_or("");
    let rest = text.get(m.byte_start + m.text.len()..).unwrap_or("");
    rest.trim_start_matches([',', ' '])
        .split(|c: char| !c.is_alphanumeric())
        .next()
        .is_some_and(|w| g.lex.is_junior_suffix(w))
}

/// Whether a third full name can be one person with each of two names that cannot be compared
/// directly: "Frederick LaRue" bridges "Fred LaRue" (a nickname, same length) and "Frederick Cheney
/// LaRue" (a middle name), which together are weak evidence ("Tom Jones" is not "Tommy Lee Jones"
/// with nothing between). Only names whose given names are one (the same, or a nickname of the
/// other), through a bridge written in full words that matches each without spelling variants: "J
/// Johnson" would bridge any two Johnsons, "Chris Rhys Jones" both "Chris Jones" and "Rhys Jones".
fn bridged(g: &Graph, x: usize, y: usize, names: impl Iterator<Item = usize>) -> bool {
    let (gx, gy) = (&g.nodes[x].core[0], &g.nodes[y].core[0]);
    let one_given = gx.chars().count() > 1 && (gx == gy || g.lex.is_nickname(gx, gy));
    one_given
        && names
            .filter(|&z| z != x && z != y)
            .filter(|&z| g.nodes[z].core.iter().all(|w| w.chars().count() > 1))
            .any(|z| {
                g.persons_compatible(x, z, false).is_some()
                    && g.persons_compatible(z, y, false).is_some()
            })
}

/// Whether `b` names the person `a` names with a nickname in quotes, by that nickname and the surname
/// ("Jerry Ortiz" for `Luis Gerardo "Jerry" Ortiz`).
fn by_nickname(a: &Node, b: &Node) -> bool {
    quoted_nickname(&a.name).is_some_and(|nick| {
        let mut form = name_tokens(&nick);
        form.extend(a.core.last().cloned());
        form == b.core
    })
}

/// Two names, one in each cluster, that their regnal numbers tell apart (see the module's text).
fn regnal_clash(g: &Graph, ra: usize, rb: usize) -> Option<String> {
    let numbered = |r: usize| {
        g.cluster(r)
            .iter()
            .copied()
            .filter(|&n| g.nodes[n].regnal.is_some())
            .collect::<Vec<_>>()
    };
    let lone = |n: usize| {
        let node = &g.nodes[n];
        node.ty == EntityType::Person && node.tokens.len() == 1 && node.regnal.is_none()
    };
    let clash = |x: usize, y: usize| {
        let (a, b) = (&g.nodes[x], &g.nodes[y]);
        match (&a.regnal, &b.regnal) {
            (Some(i), Some(j)) => i != j && a.core == b.core,
            (Some(_), None) => lone(y) && a.article != b.article && a.core == b.core,
            _ => false,
        }
    };
    let (na, nb) = (numbered(ra), numbered(rb));
    let pairs = na
        .iter()
        .flat_map(|&x| g.cluster(rb).iter().map(move |&y| (x, y)))
        .chain(
            nb.iter()
                .flat_map(|&y| g.cluster(ra).iter().map(move |&x| (y, x))),
        );
    for (x, y) in pairs {
        if clash(x, y) {
            return Some(format!(
                "regnal numbers: {} / {}",
                g.nodes[x].name, g.nodes[y].name
            ));
        }
    }
    None
}

/// The two names of opposite genders, one in each cluster, if there are such.
fn genders_clash(g: &Graph, ra: usize, rb: usize) -> Option<String> {
    let gendered = |r: usize| {
        g.cluster(r)
            .iter()
            .copied()
            .filter_map(|n| g.nodes[n].gender.map(|s| (s, n)))
            .collect::<Vec<_>>()
    };
    let (ga, gb) = (gendered(ra), gendered(rb));
    ga.iter().find_map(|&(sa, x)| {
        gb.iter().find(|&&(sb, _)| sb != sa).map(|&(_, y)| {
            format!(
                "different genders: {} / {}",
                g.nodes[x].name, g.nodes[y].name
            )
        })
    })
}

/// Whether the two clusters hold place names surely linked to different GeoNames places, and none to
/// one place.
fn places_clash(g: &Graph, ra: usize, rb: usize) -> Option<String> {
    let ids = |r: usize| -> std::collections::BTreeSet<usize> {
        g.cluster(r)
            .iter()
            .filter_map(|&n| g.sure_place_of(n))
            .collect()
    };
    let (a, b) = (ids(ra), ids(rb));
    if a.is_empty() || b.is_empty() || !a.is_disjoint(&b) {
        return None;
    }
    let places = g.lex.gazetteer().places();
    let name = |s: &std::collections::BTreeSet<usize>| {
        s.iter()
            .map(|&p| format!("{} {}", places[p].name, places[p].id))
            .collect::<Vec<_>>()
            .join(", ")
    };
    Some(format!("different places: {} / {}", name(&a), name(&b)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_and_given_names_of_opposite_genders_never_link() {
        let lex = sample();
        let t = "Katie Smith, Mr Smith, Miss Smith, Smith, Dr Smith and Ravi Smith.";
        let names = ["Katie Smith", "Mr Smith", "Miss Smith", "Smith", "Dr Smith"];
        let ms: Vec<_> = names
            .iter()
            .enumerate()
            .map(|(i, n)| mention(&format!("a{i}"), t, n, EntityType::Person))
            .collect();
        let types: Vec<EntityType> = ms.iter().map(|m| m.entity_type).collect();
        let article: Vec<usize> = (0..ms.len()).collect();
        let texts = vec![t; ms.len()];
        let (ns, node_of) = nodes(&ms, &names.map(String::from), &article, |i| types[i], &lex);
        let g = Graph::new(ns, &ms, &texts, &lex);
        let (katie, mr, miss, bare, dr) =
            (node_of[0], node_of[1], node_of[2], node_of[3], node_of[4]);
        assert!(g.cannot_link(katie, mr, false).is_some());
        assert!(g.cannot_link(miss, mr, false).is_some());
        for ok in [miss, bare, dr] {
            assert!(g.cannot_link(katie, ok, false).is_none());
        }
        assert!(g.cannot_link(mr, bare, false).is_none());
    }
    use crate::normalize::graph::{nodes, Graph};
    use crate::normalize::lexicon::tests::sample;
    use crate::normalize::tests::{mention, mention_at};

    #[test]
    fn people_types_and_spelling_variants() {
        let t0 = "Scott Peterson and Laci Peterson. Vishwas Kumar Ramesh, Vishwash Kumar Ramesh.";
        let t1 = "Vishwash Kumar Ramesh survived. Peterson Corp fell.";
        let ms = vec![
            mention("a", t0, "Scott Peterson", EntityType::Person),
            mention("a", t0, "Laci Peterson", EntityType::Person),
            mention("a", t0, "Vishwas Kumar Ramesh", EntityType::Person),
            mention("a", t0, "Vishwash Kumar Ramesh", EntityType::Person),
            mention("b", t1, "Vishwash Kumar Ramesh", EntityType::Person),
            mention("b", t1, "Peterson Corp", EntityType::Organization),
        ];
        with_graph(&ms, &[0, 0, 0, 0, 1, 1], &[t0, t1], |g, node_of| {
            assert!(g.cannot_link(node_of[0], node_of[1], false).is_some());
            // Spelling variants: one person, in one article or across.
            assert!(g.cannot_link(node_of[2], node_of[4], false).is_none());
            assert!(g.cannot_link(node_of[2], node_of[3], false).is_none());
            assert!(g.cannot_link(node_of[0], node_of[5], true).is_some());
            // A merge is checked against the whole cluster, and a refusal goes to review.
            assert!(g.union(node_of[3], node_of[4], "spelling", false));
            assert!(!g.union(node_of[1], node_of[3], "containment", false));
            assert_eq!(g.review.len(), 1);
        });
    }

    /// Runs `check` on the graph of the mentions `ms` (of the articles `article`, with `texts`) and
    /// each mention's node.
    fn with_graph(
        ms: &[crate::normalize::CleanMention],
        article: &[usize],
        texts: &[&str],
        check: impl FnOnce(&mut Graph, &[usize]),
    ) {
        let lex = sample();
        let names: Vec<String> = ms.iter().map(|m| m.name.clone()).collect();
        let types: Vec<EntityType> = ms.iter().map(|m| m.entity_type).collect();
        let (ns, node_of) = nodes(ms, &names, article, |i| types[i], &lex);
        let mut g = Graph::new(ns, ms, texts, &lex);
        check(&mut g, &node_of);
    }

    #[test]
    fn a_parent_company_and_its_subsidiary_never_link_but_variants_of_one_name_do() {
        let t0 =
            "Harlow Group owns Harlow Studios. Toyota Motor Corp and the Federal Reserve Bank.";
        let t1 = "Harlow Group Inc, Toyota Motor Co, Federal Reserve Board, Marks & Spencer, Intl Paper.";
        let t2 = "Harlow said so. Marks and Spencer and International Paper agreed.";
        let org = EntityType::Organization;
        let ms = vec![
            mention("a", t0, "Harlow Group", org),
            mention("a", t0, "Harlow Studios", org),
            mention("a", t0, "Toyota Motor Corp", org),
            mention("a", t0, "Federal Reserve Bank", org),
            mention("b", t1, "Harlow Group Inc", org),
            mention("b", t1, "Toyota Motor Co", org),
            mention("b", t1, "Federal Reserve Board", org),
            mention("b", t1, "Marks & Spencer", org),
            mention("b", t1, "Intl Paper", org),
            mention("c", t2, "Harlow", org),
            mention("c", t2, "Marks and Spencer", org),
            mention("c", t2, "International Paper", org),
        ];
        let article = [0, 0, 0, 0, 1, 1, 1, 1, 1, 2, 2, 2];
        with_graph(&ms, &article, &[t0, t1, t2], |g, n| {
            let why = g.cannot_link(n[0], n[1], false).unwrap_or_default();
            assert!(why.starts_with("two organizations of one family"), "{why}");
            assert!(g.cannot_link(n[3], n[6], false).is_some());
            assert!(g.cannot_link(n[1], n[4], false).is_some());
            assert!(spells_words(
                "la",
                &["los".into(), "angeles".into(), "times".into()]
            ));
            // One name written with and without a designator, another designator, "&" or "and",
            // an abbreviation: one organization.
            for (a, b) in [(0, 4), (2, 5), (7, 10), (8, 11)] {
                assert_eq!(g.cannot_link(n[a], n[b], false), None, "{a} {b}");
            }
            // A bare name joins one of the two, never both; the text may declare them one.
            assert!(g.union(n[9], n[0], "containment", false));
            assert!(!g.union(n[9], n[1], "containment", false));
            assert!(g.cannot_link(n[0], n[1], true).is_none());
        });
    }

    #[test]
    fn a_son_named_after_his_father_is_another_person_in_their_article() {
        let t0 = "Mark Smith died. He is survived by Mark Smith Jr. and W. Mark Smith Sr. was 95.";
        let t2 = "Arcade Smith Jr: escaped. Arcade Smith Jr. is armed.";
        let t1 = "Mark Smith Jr. escaped.";
        let ms = vec![
            mention("a", t0, "Mark Smith", EntityType::Person),
            mention("a", t0, "Mark Smith Jr.", EntityType::Person),
            mention("a", t0, "W. Mark Smith Sr.", EntityType::Person),
            mention("b", t1, "Mark Smith Jr.", EntityType::Person),
            // The model cut the name short before its suffix: no father there.
            mention("c", t2, "Arcade Smith", EntityType::Person),
            mention("c", t2, "Arcade Smith Jr.", EntityType::Person),
        ];
        with_graph(&ms, &[0, 0, 0, 1, 2, 2], &[t0, t1, t2], |g, node_of| {
            let [plain, jr, sr, jr_elsewhere] = [0, 1, 2, 3].map(|i| node_of[i]);
            let why = g.cannot_link(plain, jr, false).unwrap_or_default();
            assert!(why.starts_with("father and son"), "{why}");
            // "Sr" names the father; across articles the son may be named without the suffix.
            assert!(g.cannot_link(plain, sr, false).is_none());
            assert!(g.cannot_link(plain, jr_elsewhere, false).is_none());
            assert!(g.cannot_link(node_of[4], node_of[5], false).is_none());
        });
    }

    #[test]
    fn a_surname_naming_a_family_never_joins_one_person() {
        let t0 = "Flowers came from the Marsh family. Anna Marsh founded it.";
        let t1 = "Anna Marsh spoke. Marsh said so, and the Marsh Family trust agreed.";
        let ms = vec![
            mention("a", t0, "Marsh", EntityType::Person),
            mention("a", t0, "Anna Marsh", EntityType::Person),
            mention("b", t1, "Anna Marsh", EntityType::Person),
            mention_at("b", t1, "Marsh", 18, EntityType::Person),
            mention_at("b", t1, "Marsh", 39, EntityType::Person),
        ];
        with_graph(&ms, &[0, 0, 1, 1, 1], &[t0, t1], |g, node_of| {
            let [family, anna, anna_b, marsh_b] = [0, 1, 2, 3].map(|i| node_of[i]);
            let why = g.cannot_link(family, anna, false).unwrap_or_default();
            assert!(why.starts_with("a family's name"), "{why}");
            // Once joined to the family, a bare name joins no person either.
            assert!(g.cannot_link(marsh_b, anna_b, false).is_none());
            assert!(g.union(family, marsh_b, "test", false));
            assert!(g.cannot_link(marsh_b, anna_b, false).is_some());
        });
    }

    #[test]
    fn regnal_numbers_tell_namesakes_apart() {
        let t0 = "Charles I was beheaded. Charles II returned. Charles fled. John Paul II spoke.";
        let t1 = "Prince Charles spoke. Charles smiled. John Paul I died. John Paul spoke.";
        let ms = vec![
            mention("a", t0, "Charles I", EntityType::Person),
            mention("a", t0, "Charles II", EntityType::Person),
            mention_at("a", t0, "Charles", 44, EntityType::Person),
            mention("a", t0, "John Paul II", EntityType::Person),
            mention("b", t1, "Prince Charles", EntityType::Person),
            mention_at("b", t1, "Charles", 22, EntityType::Person),
            mention("b", t1, "John Paul I", EntityType::Person),
            mention_at("b", t1, "John Paul", 52, EntityType::Person),
        ];
        with_graph(&ms, &[0, 0, 0, 0, 1, 1, 1, 1], &[t0, t1], |g, node_of| {
            let [one, two, lone, jp2, prince, lone_b, jp1, jp] =
                [0, 1, 2, 3, 4, 5, 6, 7].map(|i| node_of[i]);
            let why = g.cannot_link(one, two, false).unwrap_or_default();
            assert!(why.starts_with("regnal numbers"), "{why}");
            assert!(g.cannot_link(jp1, jp2, false).is_some());
            // A given name alone: inside its article only.
            assert!(g.cannot_link(one, lone, false).is_none());
            assert!(g.cannot_link(one, lone_b, false).is_some());
            // Through a cluster that holds one.
            assert!(g.union(prince, lone_b, "test", false));
            assert!(g.cannot_link(one, prince, false).is_some());
            // Words that are no bare given name: the numeral alone tells.
            assert!(g.cannot_link(jp2, jp, false).is_none());
        });
    }
}
