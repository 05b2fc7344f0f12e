//! Figure terms: what a count, an amount of money or a percentage is about, from the words of its
//! sentence (`models/lexicons/figure_terms.tsv`). Each term ("killed", "death toll", "on board";
//! "offer", "damage"; "stake") goes to the nearest number of its kind within [`WINDOW`] words and not
//! across a dash, colon, semicolon or bracket (but past a bracket that only restates the amount before
//! it: `restatements`), nearest pairs first, one term per count and one count per term ("38 of the
//! 67 people on board died": 67 is `aboard`, 38 is `dead`). What something is bought or sold for is a
//! deal before any term (`purchase_price`). The numbers stage records the term in each number's
//! `about`; the reduce side's figures group counts by it.

/// The term list.
pub const TERMS_LIST: &str = include_str!("../../models/lexicons/figure_terms.tsv");

/// Largest distance, in words, between a count and a term about it.
pub const WINDOW: usize = 8;

/// Punctuation a term is never given across: a dash, a colon, a semicolon or a bracket starts another
/// clause ("67 people were on board — 62 passengers": `on board` is about 67).
const BARRIERS: &[&str] = &["—", "–", "-", ";", ":", "(", ")", "[", "]"];

/// Words that join clauses or list items.
const CONJUNCTIONS: &[&str] = &["and", "but", "while", "whereas"];

/// A term: its words, its figure and the kind of number it is about.
type Term = (Vec<&'static str>, &'static str, &'static str);

static TERMS: std::sync::LazyLock<Vec<Term>> = std::sync::LazyLock::new(|| {
    TERMS_LIST
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .filter_map(|l| {
            let mut cells = l.split('\t');
            let term = cells.next()?;
            let figure = cells.next()?.trim();
            let kind = cells.next().map_or("count", str::trim);
            Some((term.split_whitespace().collect(), figure, kind))
        })
        .collect()
});

/// For each number of a sentence (its token range over the sentence's lowercase words, and its kind),
/// the figure term it is about, if any.
pub fn assign_terms(
    words: &[&str],
    numbers: &[(std::ops::Range<usize>, &str)],
) -> Vec<Option<&'static str>> {
    let found = terms_in(words);
    let mut out = vec![None; numbers.len()];
    // What something was bought or sold for is the deal's price, whatever term the clause after it
    // names ("sold the unit to Rosneft for $9.3bn to offset a tax bill").
    for (n, (r, kind)) in numbers.iter().enumerate() {
        if *kind == "money" && purchase_price(words, r.start) {
            out[n] = Some("deal");
        }
    }
    pair_nearest(words, numbers, &found, &mut out);
    for (n, (r, kind)) in numbers.iter().enumerate() {
        if out[n].is_none() && *kind == "money" {
            out[n] = valuation(words, r.start, &found);
        }
        if out[n].is_none() && *kind == "percent" && owned(words, r.start) {
            out[n] = Some("stake");
        }
    }
    out
}

/// A term found in a sentence: its word range, its figure and the kind of number it is about.
type Found = (std::ops::Range<usize>, &'static str, &'static str);

/// The terms of a sentence's words, but not a verb of change before "to" or "by".
fn terms_in(words: &[&str]) -> Vec<Found> {
    let mut found: Vec<Found> = Vec::new();
    for i in 0..words.len() {
        for (term, figure, kind) in TERMS.iter() {
            if words[i..].starts_with(term) && !changes_another(words, i, term) {
                found.push((i..i + term.len(), figure, kind));
            }
        }
    }
    found
}

/// Gives each number still without a term (`out`) the nearest term of its kind, nearest pairs
/// first, one term per number and one number per term; a longer term holds the shorter ones inside
/// it ("dead or missing" is one figure, not `dead`).
fn pair_nearest(
    words: &[&str],
    numbers: &[(std::ops::Range<usize>, &str)],
    found: &[Found],
    out: &mut [Option<&'static str>],
) {
    let inner: Vec<bool> = found
        .iter()
        .map(|(r, ..)| {
            found
                .iter()
                .any(|(o, ..)| o.start <= r.start && r.end <= o.end && o.len() > r.len())
        })
        .collect();
    let restated = restatements(words, numbers);
    let mut pairs: Vec<(usize, usize, usize)> = Vec::new(); // (distance, number, term)
    for (n, (r, kind)) in numbers.iter().enumerate() {
        if out[n].is_some() {
            continue;
        }
        for (t, (tr, _, term_kind)) in found.iter().enumerate() {
            if term_kind != kind || inner[t] {
                continue;
            }
            if let Some(d) = distance(words, &restated, r, tr) {
                pairs.push((d, n, t));
            }
        }
    }
    pairs.sort_unstable();
    let mut used = vec![false; found.len()];
    for (_, n, t) in pairs {
        if out[n].is_none() && !used[t] {
            out[n] = Some(found[t].1);
            used[t] = true;
        }
    }
}

/// The verbs of owning: `owning_verbs.txt`.
pub const OWNING_VERBS_LIST: &str = include_str!("../../models/lexicons/owning_verbs.txt");

/// The verbs of buying and selling: `trading_verbs.txt`.
pub const TRADING_VERBS_LIST: &str = include_str!("../../models/lexicons/trading_verbs.txt");

static OWNING_VERBS: std::sync::LazyLock<Vec<&'static str>> =
    std::sync::LazyLock::new(|| words_of(OWNING_VERBS_LIST));

static TRADING_VERBS: std::sync::LazyLock<Vec<&'static str>> =
    std::sync::LazyLock::new(|| words_of(TRADING_VERBS_LIST));

/// The words of a list of one word a line, `#` comments left out.
fn words_of(list: &'static str) -> Vec<&'static str> {
    list.lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
        .collect()
}

/// Words of a qualifier before an amount ("about", "more than", "just over").
const QUALIFYING: &[&str] = &[
    "about",
    "around",
    "nearly",
    "almost",
    "some",
    "more",
    "less",
    "than",
    "over",
    "under",
    "just",
    "roughly",
    "approximately",
    "only",
];

/// Where the words before a number at `at` end, past up to three words of a qualifier.
fn past_qualifiers(words: &[&str], at: usize) -> usize {
    let mut i = at;
    while i > 0 && at - i < 3 && QUALIFYING.contains(&words[i - 1]) {
        i -= 1;
    }
    i
}

/// Whether an amount is what something was bought or sold for: "for" right before it (past a
/// qualifier) and a verb of buying or selling before that in its clause, within [`WINDOW`] words
/// ("SBC agreed to buy AT&T for about $16bn", "was sold to Acme for £2m"); not "shoppers bought £5bn
/// of goods" (no "for") nor "paid for £5m" (no such verb).
fn purchase_price(words: &[&str], at: usize) -> bool {
    let i = past_qualifiers(words, at);
    if i == 0 || words[i - 1] != "for" {
        return false;
    }
    let mut before: Vec<&str> = words[(i - 1).saturating_sub(3 * WINDOW)..i - 1].to_vec();
    drop_appositives(&mut before);
    let before = &before[before.len().saturating_sub(PRICE_WINDOW)..];
    match before.iter().rposition(|w| TRADING_VERBS.contains(w)) {
        Some(v) => !before[v..]
            .iter()
            .any(|w| BARRIERS.contains(w) || matches!(*w, "," | "and" | "but")),
        None => false,
    }
}

/// Largest distance, in words, between a verb of buying or selling and the "for" of its price, an
/// appositive left out: both the thing and the other party may come between ("sold Yukos' main
/// production arm to state-run oil group Rosneft for $9.3bn").
const PRICE_WINDOW: usize = 12;

/// Leaves out of a clause's words each appositive: up to four words between two commas, with no
/// barrier among them ("the unit, Yugansk, to Rosneft" → "the unit to Rosneft").
fn drop_appositives(words: &mut Vec<&str>) {
    let mut i = 0;
    while i < words.len() {
        if words[i] == "," {
            let close = words[i + 1..]
                .iter()
                .take(5)
                .position(|w| *w == ",")
                .map(|p| i + 1 + p);
            if let Some(c) = close.filter(|&c| c > i + 1) {
                if !words[i + 1..c].iter().any(|w| BARRIERS.contains(w)) {
                    words.drain(i..=c);
                    continue;
                }
            }
        }
        i += 1;
    }
}

/// Whether a percentage is the object of a verb of owning right before it, past a qualifier: "they own
/// 29% of Acme", "it holds about 5%" (a stake); not "rates on hold at 4.75%", "its own 5%" (no verb
/// right before) nor "65s own a mobile".
fn owned(words: &[&str], at: usize) -> bool {
    let i = past_qualifiers(words, at);
    i > 1
        && OWNING_VERBS.contains(&words[i - 1])
        && !matches!(
            words[i - 2],
            "its" | "their" | "his" | "her" | "our" | "my" | "your" | "on"
        )
}

/// The figure of an amount a deal values something at: "the offer valued the exchange at £1.35bn",
/// "a bid valuing it at about £1.3bn" are the deal's value even where the deal's term already went to
/// a price per share before it. The amount follows "at" (past a qualifier) in a clause of "value"
/// whose subject, within [`WINDOW`] words before the verb, is a term of money, or where the verb has
/// its object before "at" ("which values the club at £800m").
fn valuation(words: &[&str], at: usize, found: &[Found]) -> Option<&'static str> {
    let start = at.saturating_sub(WINDOW);
    let before = &words[start..at];
    let a = before.iter().rposition(|w| *w == "at")?;
    let verb = before[..a]
        .iter()
        .rposition(|w| matches!(*w, "value" | "values" | "valued" | "valuing"))?;
    let clause = |ws: &[&str]| ws.iter().any(|w| BARRIERS.contains(w) || *w == ",");
    if clause(&before[verb..]) || before[a + 1..].len() > 2 {
        return None;
    }
    let verb = start + verb;
    // "the offer at 300p a share, which would value the club at £800m": the relative clause is the
    // offer's.
    let relative = |ws: &[&str]| match ws.iter().rposition(|w| *w == ",") {
        Some(c) => {
            matches!(ws.get(c + 1), Some(&("which" | "that")))
                && !clause(&ws[..c])
                && !clause(&ws[c + 1..])
        }
        None => !clause(ws),
    };
    let object = a > verb - start + 1 && words[verb] != "value";
    found
        .iter()
        .filter(|(tr, _, kind)| *kind == "money" && tr.end <= verb && verb - tr.end < WINDOW)
        .filter(|(tr, ..)| relative(&words[tr.end..verb]))
        .max_by_key(|(tr, ..)| tr.end)
        .map(|(_, figure, _)| *figure)
        // "the latest proposal, which values the club at £800m": a clause that values something it
        // names at an amount prices a deal, whatever its subject; "a house valued at £1m" does not.
        .or(object.then_some("deal"))
}

/// Whether a one-word term at `i` is a verb of change before "to" or "by", which says that another
/// quantity moved, not what the number is ("the bid will be raised to £1.5bn": the bid, not money
/// raised; "cut by 30%").
fn changes_another(words: &[&str], i: usize, term: &[&str]) -> bool {
    term.len() == 1
        && crate::numbers::is_change_verb(term[0])
        && matches!(words.get(i + 1), Some(&("to" | "by")))
}

/// How far a number (`r`) is from a term (`tr`) in words, where they may pair: one word more for each
/// conjunction between them, which puts the term in another clause or list item ("140,000 were killed
/// and five million left homeless": homeless is five million's); none when they overlap, a barrier
/// stands between them or they are more than `WINDOW` apart.
fn distance(
    words: &[&str],
    restated: &[bool],
    r: &std::ops::Range<usize>,
    tr: &std::ops::Range<usize>,
) -> Option<usize> {
    let between = if tr.start >= r.end {
        r.end..tr.start
    } else if tr.end <= r.start {
        tr.end..r.start
    } else {
        return None;
    };
    let skipped = between.clone().any(|i| restated[i]);
    let words: Vec<&str> = between
        .filter(|&i| !restated[i])
        .map(|i| words[i])
        .collect();
    // Past a restatement, a comma ends the amount's phrase: "debts of $560m (£291m), has been hit by
    // high fuel costs" is no cost.
    if words
        .iter()
        .any(|w| BARRIERS.contains(w) || (skipped && *w == ","))
    {
        return None;
    }
    let d = words.len() + 1 + words.iter().filter(|w| CONJUNCTIONS.contains(w)).count();
    (d <= WINDOW).then_some(d)
}

/// The words of brackets that only restate the amount right before them in other currencies ("$850m
/// (£415m) to settle", "1.55bn euros ($2bn; £1.1bn) to get out of a deal"): part of that amount's
/// phrase, so neither a barrier nor a distance between a number and a term.
fn restatements(words: &[&str], numbers: &[(std::ops::Range<usize>, &str)]) -> Vec<bool> {
    let mut out = vec![false; words.len()];
    let conversion = |i: usize| {
        numbers
            .iter()
            .any(|(r, kind)| kind.is_empty() && r.contains(&i))
    };
    for (r, _) in numbers.iter().filter(|(_, kind)| !kind.is_empty()) {
        // The bracket follows the amount or its currency word ("1.55bn euros (…)").
        let open = match (words.get(r.end), words.get(r.end + 1)) {
            (Some(&"("), _) => r.end,
            (Some(w), Some(&"(")) if w.chars().all(char::is_alphabetic) => r.end + 1,
            _ => continue,
        };
        let Some(close) = words[open..].iter().position(|w| *w == ")") else {
            continue;
        };
        let inside = open + 1..open + close;
        let only_amounts = !inside.is_empty()
            && inside
                .clone()
                .all(|i| conversion(i) || matches!(words[i], ";" | "," | "/"));
        if only_amounts {
            out[open..=open + close].iter_mut().for_each(|x| *x = true);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn about(sentence: &str) -> Vec<(String, Option<&'static str>)> {
        let ns = crate::numbers::extract(sentence, &[0..sentence.len()], &[]);
        ns.into_iter()
            .map(|n| {
                (
                    n.text.clone(),
                    (!n.about.is_empty()).then(|| {
                        TERMS
                            .iter()
                            .find(|(_, f, _)| *f == n.about)
                            .map(|(_, f, _)| *f)
                            .unwrap_or("?")
                    }),
                )
            })
            .collect()
    }

    #[test]
    fn terms_go_to_the_nearest_count_one_each() {
        assert_eq!(
            about("In all, 38 of the 67 people on board died."),
            [
                ("38".to_string(), Some("dead")),
                ("67".to_string(), Some("aboard"))
            ]
        );
        assert_eq!(
            about("Thirty-eight people died and 29 survived."),
            [
                ("Thirty-eight".to_string(), Some("dead")),
                ("29".to_string(), Some("survivors"))
            ]
        );
        assert_eq!(
            about("The death toll rose to 38, officials said."),
            [("38".to_string(), Some("dead"))]
        );
        assert_eq!(about("He met 12 ministers."), [("12".to_string(), None)]);
    }

    /// What a lawsuit asks for is a claim, however it is written.
    #[test]
    fn an_amount_restated_in_brackets_reaches_its_term_past_them() {
        assert_eq!(
            about("Marsh agreed to pay $850m (£415m) to settle a lawsuit."),
            [
                ("$850m".to_string(), Some("settlement")),
                ("£415m".to_string(), None)
            ]
        );
        assert_eq!(
            about("GM had to pay Fiat 1.55bn euros ($2bn; £1.1bn) to get out of a deal."),
            [
                ("1.55bn".to_string(), Some("deal")),
                ("$2bn".to_string(), None),
                ("£1.1bn".to_string(), None)
            ]
        );
        // A price past an appositive, before the term of another clause.
        assert_eq!(
            about("The Kremlin sold Yukos' main production arm, Yugansk, to state-run oil group Rosneft for $9.3bn to offset a massive back tax bill."),
            [("$9.3bn".to_string(), Some("deal"))]
        );
        // Past the restatement, a comma ends the amount's phrase.
        assert_eq!(
            about("Air Jamaica, with debts of $560m (£291m), has been hit by high fuel costs."),
            [("$560m".to_string(), None), ("£291m".to_string(), None)]
        );
        // A bracket that says more than the amount is still a barrier.
        assert_eq!(
            about("Marsh will hand over $850m (a record sum) to settle."),
            [("$850m".to_string(), None)]
        );
    }

    #[test]
    fn a_sum_sued_for_is_a_claim() {
        for text in [
            "The owner has sued the government for $28.3bn.",
            "Yukos owner sues Russia for $28bn",
            "It filed a lawsuit seeking $5m from the city.",
        ] {
            let found = about(text);
            assert_eq!(found.len(), 1, "{text}: {found:?}");
            assert_eq!(found[0].1, Some("claim"), "{text}");
        }
    }

    #[test]
    fn owning_changing_and_valuing_say_what_a_number_is() {
        assert_eq!(
            about("They own 29% of the club."),
            [("29%".to_string(), Some("stake"))]
        );
        assert_eq!(
            about("It holds about 5% and wants a vote."),
            [("5%".to_string(), Some("stake"))]
        );
        assert_eq!(
            about("Rates were held at 4.75% again."),
            [("4.75%".to_string(), None)]
        );
        assert_eq!(
            about("Some 53% of pensioners own a mobile."),
            [("53%".to_string(), None)]
        );
        assert_eq!(
            about("They raised £10m for the appeal."),
            [("£10m".to_string(), Some("raised"))]
        );
        assert_eq!(
            about("A bid for the firm will be raised to £1.5bn."),
            [("£1.5bn".to_string(), Some("deal"))],
            "a verb of change before `to` says that the bid moved"
        );
        assert_eq!(
            about("A 530p per share offer valued the firm at about £1.35bn."),
            [
                ("530p".to_string(), Some("deal")),
                ("£1.35bn".to_string(), Some("deal"))
            ],
            "what an offer values a firm at is the deal's value"
        );
        assert_eq!(
            about("They put the offer at 300p per share, which would value the firm at £800m."),
            [
                ("300p".to_string(), Some("deal")),
                ("£800m".to_string(), Some("deal"))
            ],
            "a relative clause of the offer"
        );
        assert_eq!(
            about("SBC agreed to buy its former parent AT&T for about $16bn."),
            [("$16bn".to_string(), Some("deal"))],
            "what something is bought for is the deal's value"
        );
        assert_eq!(
            about("He faces a jail sentence of 85 years and an $11bn fraud charge."),
            [
                ("85".to_string(), Some("sentence")),
                ("$11bn".to_string(), Some("fraud"))
            ],
            "a sentence is a duration's figure, a fraud an amount's"
        );
        assert_eq!(
            about("Shoppers bought £5bn of goods online."),
            [("£5bn".to_string(), None)]
        );
        assert_eq!(
            about("The house, valued at £1m, was sold."),
            [("£1m".to_string(), None)],
            "no term of money before the verb and nothing valued after it: no figure"
        );
        assert_eq!(
            about("The latest proposal, which values the club at £800m, was received."),
            [("£800m".to_string(), Some("deal"))],
            "a verb of valuing with its object prices a deal"
        );
    }

    #[test]
    fn a_conjunction_parts_a_term_from_the_next_number_and_long_terms_win() {
        assert_eq!(
            about("Around 140,000 people were killed and 500,000 left homeless."),
            [
                ("140,000".to_string(), Some("dead")),
                ("500,000".to_string(), Some("displaced"))
            ]
        );
        assert_eq!(
            about("The number of Britons dead or missing has reached 440."),
            [("440".to_string(), Some("dead or missing"))]
        );
    }
}
