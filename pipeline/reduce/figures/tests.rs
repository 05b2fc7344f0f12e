use super::*;

/// A number of `kind` about `about` (or counting `counted`), with a scope id.
fn n(value: &str, qualifier: &str, about: &str, counted: &str) -> NumberMention {
    NumberMention {
        value: value.into(),
        text: value.into(),
        kind: "count".into(),
        counted: counted.into(),
        qualifier: qualifier.into(),
        end: value.chars().count(),
        byte_end: value.len(),
        sentence: format!("{value} {counted}"),
        about: about.into(),
        ..Default::default()
    }
}

fn scoped(mut m: NumberMention, scope: &str) -> NumberMention {
    m.scope = scope.into();
    m.scope_id = format!("place:{}", scope.to_lowercase());
    m
}

fn money(value: &str, text: &str, about: &str, subject: &str, scope: &str) -> NumberMention {
    NumberMention {
        value: value.into(),
        text: text.into(),
        kind: "money".into(),
        unit: "GBP".into(),
        about: about.into(),
        subject: subject.into(),
        subject_id: if subject.is_empty() {
            String::new()
        } else {
            format!("org:{}", subject.to_lowercase())
        },
        scope: scope.into(),
        scope_id: if scope.is_empty() {
            String::new()
        } else {
            format!("org:{}", scope.to_lowercase())
        },
        ..Default::default()
    }
}

/// The figures of articles that each name every entity any of their numbers names.
fn run(arts: &[(&str, Vec<NumberMention>)]) -> (Vec<Figure>, Vec<Vec<Option<String>>>) {
    run_with_topics(arts, |_| BTreeSet::new())
}

/// The figures of articles that name the entities `named` gives for each article id.
fn run_naming<'a>(
    arts: &'a [(&'a str, Vec<NumberMention>)],
    named: impl Fn(&str) -> BTreeSet<&'a str>,
) -> (Vec<Figure>, Vec<Vec<Option<String>>>) {
    run_told(arts, named, |_| BTreeSet::new())
}

/// The figures of articles that name the entities `named` gives, with the main actors `topics`
/// gives.
fn run_told<'a>(
    arts: &'a [(&'a str, Vec<NumberMention>)],
    named: impl Fn(&str) -> BTreeSet<&'a str>,
    topics: impl Fn(&str) -> BTreeSet<&'a str>,
) -> (Vec<Figure>, Vec<Vec<Option<String>>>) {
    let input: Vec<ArticleNumbers> = arts
        .iter()
        .map(|(id, ns)| ArticleNumbers {
            id,
            text: "",
            numbers: ns,
            entities: named(id),
            topics: topics(id),
        })
        .collect();
    figures(&input)
}

#[test]
fn articles_agree_within_their_qualifiers() {
    let a = ("a", vec![n("38", "", "dead", "people")]);
    let b = ("b", vec![n("38", "at-least", "dead", "people")]);
    let c = ("c", vec![n("40", "", "injured", "people")]);
    let d = (
        "d",
        vec![n("39", "", "dead", "people"), n("12", "", "", "ministers")],
    );
    let (figs, ids) = run(&[a.clone(), b.clone()]);
    assert_eq!(figs.len(), 1);
    assert_eq!(figs[0].status, "agreed", "at least 38 and 38 agree");
    assert_eq!(ids[0], [Some("count-dead".to_string())]);
    let (figs, ids) = run(&[b, d, c]);
    assert_eq!(figs[0].status, "agreed", "at least 38 and 39 agree");
    assert_eq!(ids[1][1].as_deref(), Some("count-minister"));
    assert!(figs.iter().any(|f| f.counted == "ministers"));
}

#[test]
fn a_running_toll_that_differs_is_updated_other_figures_conflict() {
    let arts = [
        ("a", vec![n("23000", "", "dead", "")]),
        ("b", vec![n("150000", "", "dead", "")]),
        ("c", vec![n("140000", "more-than", "dead", "")]),
    ];
    let (figs, _) = run(&arts);
    let f = &figs[0];
    assert_eq!((f.status, f.conflict), ("updated", false));
    assert_eq!(
        f.value, "150000",
        "the latest of a running toll is its largest"
    );
    let seq: Vec<&str> = f.values.iter().map(|(v, _)| v.as_str()).collect();
    assert_eq!(seq, ["23000", "140000", "150000"]);
    let arts = [
        (
            "a",
            vec![money("1300000000", "£1.3bn", "deal", "Acme", "Bolt")],
        ),
        (
            "b",
            vec![money("1500000000", "£1.5bn", "deal", "Acme", "Bolt")],
        ),
    ];
    let (figs, _) = run(&arts);
    assert_eq!((figs[0].status, figs[0].conflict), ("conflict", true));
}

#[test]
fn a_scaled_amount_allows_its_rounding() {
    let arts = [
        (
            "a",
            vec![money("1300000000", "£1.3bn", "deal", "Acme", "Bolt")],
        ),
        (
            "b",
            vec![money("1350000000", "£1.35bn", "deal", "Acme", "Bolt")],
        ),
    ];
    assert_eq!(run(&arts).0[0].status, "agreed");
    assert!((rounding("£1.3bn", 1.3e9, false) - 0.05e9).abs() < 1.0);
    let next = [
        arts[0].clone(),
        (
            "c",
            vec![money("1400000000", "£1.4bn", "deal", "Acme", "Bolt")],
        ),
    ];
    assert_eq!(
        run(&next).0[0].status,
        "conflict",
        "£1.3bn and £1.4bn do not meet at £1.35bn"
    );
    assert_eq!(rounding("1,300", 1300.0, false), 0.0);
}

#[test]
fn a_percentage_allows_its_rounding_within_a_twentieth() {
    assert!((rounding("5%", 5.0, true) - 0.25).abs() < 1e-6);
    assert!((rounding("5.3%", 5.3, true) - 0.05).abs() < 1e-6);
    assert!((rounding("2%", 2.0, true) - 0.1).abs() < 1e-6);
    assert_eq!(rounding("half", 50.0, true), 0.0);
    // Acme's shares up "5%" in one article and by a more precise value in another.
    let percent = |value: &str, text: &str| NumberMention {
        kind: "percent".into(),
        ..money(value, text, "share", "Acme", "")
    };
    let told = |value: &str, text: &str| {
        [
            ("a", vec![percent("5", "5%")]),
            ("b", vec![percent(value, text)]),
        ]
    };
    assert_eq!(run(&told("5.11", "5.11%")).0[0].status, "agreed");
    let differ = told("5.4", "5.4%");
    assert_eq!(run(&differ).0[0].status, "conflict");
}

#[test]
fn two_countries_and_a_total_are_three_figures() {
    let arts = [
        (
            "a",
            vec![
                scoped(n("30000", "", "dead", ""), "Chile"),
                scoped(n("5000", "", "dead", ""), "Peru"),
                n("35000", "", "dead", ""),
            ],
        ),
        ("b", vec![scoped(n("30000", "about", "dead", ""), "Chile")]),
        ("c", vec![n("35000", "more-than", "dead", "")]),
        ("d", vec![scoped(n("5000", "", "dead", ""), "Peru")]),
    ];
    let (figs, ids) = run(&arts);
    let by_id: HashMap<&str, &Figure> = figs.iter().map(|f| (f.id.as_str(), f)).collect();
    assert_eq!(figs.len(), 3, "{figs:#?}");
    assert_eq!(by_id["count-dead-in-chile"].article_ids, ["a", "b"]);
    assert_eq!(by_id["count-dead-in-peru"].article_ids, ["a", "d"]);
    assert_eq!(by_id["count-dead"].article_ids, ["a", "c"]);
    assert!(figs.iter().all(|f| f.status == "agreed"));
    assert_eq!(ids[0][2].as_deref(), Some("count-dead"));
}

#[test]
fn an_unspecific_claim_joins_the_one_figure_it_fits() {
    let arts = [
        (
            "a",
            vec![money("1300000000", "£1.3bn", "deal", "Acme", "Bolt")],
        ),
        ("b", vec![money("1300000000", "£1.3bn", "deal", "", "")]),
        ("c", vec![money("1300000000", "£1.3bn", "deal", "Acme", "")]),
        ("d", vec![money("9000000", "£9m", "deal", "", "")]),
    ];
    let (figs, _) = run(&arts);
    assert_eq!(figs[0].id, "money-deal-of-acme-in-bolt");
    assert_eq!(figs[0].article_ids, ["a", "b", "c"]);
    assert_eq!(
        figs[1].article_ids,
        ["d"],
        "a value that disagrees stays apart"
    );
}

#[test]
fn an_unspecific_claim_joins_only_a_figure_whose_entities_its_article_names() {
    let arts = [
        ("a", vec![money("5", "5%", "stake", "Acme", "")]),
        ("b", vec![money("5", "5%", "stake", "", "")]),
        ("c", vec![money("5", "5%", "stake", "", "")]),
        ("d", vec![money("30", "30%", "stake", "Bolt", "")]),
    ];
    let (_, ids) = run_naming(&arts, |id| match id {
        "b" => BTreeSet::from(["org:acme", "org:bolt"]),
        _ => BTreeSet::new(),
    });
    assert_eq!(
        ids[1][0].as_deref(),
        Some("money-stake-of-acme"),
        "b names Acme"
    );
    assert_eq!(ids[2][0].as_deref(), Some("money-stake"), "c names no one");
}

#[test]
fn each_value_of_an_unspecific_article_joins_the_figure_it_fits() {
    let arts = [
        ("a", vec![money("1300000000", "£1.3bn", "deal", "Acme", "")]),
        (
            "b",
            vec![
                money("1500000000", "£1.5bn", "deal", "", ""),
                money("1300000000", "£1.3bn", "deal", "", ""),
            ],
        ),
        ("c", vec![money("1500000000", "£1.5bn", "deal", "", "Bolt")]),
    ];
    let (_, ids) = run(&arts);
    assert_eq!(ids[1][0].as_deref(), Some("money-deal-in-bolt"));
    assert_eq!(ids[1][1].as_deref(), Some("money-deal-of-acme"));
}

#[test]
fn a_claim_joins_no_figure_only_its_own_article_gives() {
    // "SBC bought AT&T for $16bn" and "a $6.8bn bid" in one article: the bid is not SBC's deal.
    let arts = [(
        "a",
        vec![
            money("16000000000", "$16bn", "deal", "SBC", ""),
            money("6800000000", "$6.8bn", "deal", "", ""),
        ],
    )];
    let (_, ids) = run(&arts);
    assert_eq!(ids[0][1].as_deref(), Some("money-deal"));
}

#[test]
fn two_values_one_article_gives_side_by_side_are_two_quantities() {
    let mci = |v: &str, t: &str| money(v, t, "deal", "MCI", "");
    let arts = [
        (
            "a",
            vec![mci("6750000000", "$6.75bn"), mci("8000000000", "$8bn")],
        ),
        ("b", vec![money("6750000000", "$6.75bn", "deal", "", "")]),
        ("c", vec![mci("8000000000", "$8bn")]),
        ("d", vec![mci("6800000000", "$6.8bn")]),
        ("f", vec![mci("6750000000", "$6.75bn")]),
        ("g", vec![mci("6750000000", "$6.75bn")]),
    ];
    let (figs, ids) = run(&arts);
    let of = |id: &str| figs.iter().find(|f| f.id == id).unwrap();
    assert_eq!(
        ids[0][0].as_deref(),
        Some("money-deal-of-mci"),
        "the most reported"
    );
    assert_eq!(ids[0][1].as_deref(), Some("money-deal-of-mci-2"));
    assert_eq!(
        of("money-deal-of-mci").article_ids,
        ["a", "b", "d", "f", "g"]
    );
    assert_eq!(of("money-deal-of-mci").status, "agreed");
    assert_eq!(of("money-deal-of-mci-2").article_ids, ["a", "c"]);
    // A value that fits neither quantity is a conflict of the most reported one.
    let arts = [
        (
            "a",
            vec![mci("6750000000", "$6.75bn"), mci("8000000000", "$8bn")],
        ),
        ("e", vec![mci("7200000000", "$7.2bn")]),
        ("f", vec![mci("6750000000", "$6.75bn")]),
    ];
    let (figs, _) = run(&arts);
    assert_eq!(figs[0].article_ids, ["a", "e", "f"]);
    assert_eq!(figs[0].status, "conflict");
    // A running total is one quantity: an article may give the toll and its update.
    let dead = |v: &str| n(v, "", "dead", "");
    let arts = [("a", vec![dead("38"), dead("45")]), ("b", vec![dead("45")])];
    let (figs, _) = run(&arts);
    assert_eq!(figs.len(), 1);
}

#[test]
fn an_amount_restated_in_another_currency_is_no_claim_of_its_own() {
    let text = "Acme offered £1.3bn ($2.5bn; 1.9bn euros) for Bolt.";
    let mut gbp = money("1300000000", "£1.3bn", "deal", "Acme", "");
    let mut usd = money("2500000000", "$2.5bn", "deal", "Acme", "");
    let mut eur = money("1900000000", "1.9bn", "deal", "Acme", "");
    usd.unit = "USD".into();
    eur.unit = "EUR".into();
    for m in [&mut gbp, &mut usd, &mut eur] {
        m.byte_start = text.find(m.text.as_str()).unwrap();
        m.byte_end = m.byte_start + m.text.len();
    }
    let arts = [("a", vec![gbp, usd, eur])];
    let input = [ArticleNumbers {
        id: "a",
        text,
        numbers: &arts[0].1,
        entities: BTreeSet::new(),
        topics: BTreeSet::new(),
    }];
    let (figs, ids) = figures(&input);
    assert_eq!(figs.len(), 1);
    assert_eq!(figs[0].value, "1300000000");
    assert_eq!(ids[0], vec![Some("money-deal-of-acme".to_string()); 3]);
}

#[test]
fn one_measure_in_two_currencies_is_two_figures() {
    let mut usd = money("9", "$9", "deal", "", "");
    usd.unit = "USD".into();
    let arts = [
        ("a", vec![money("5", "£5", "deal", "", "")]),
        ("b", vec![usd]),
    ];
    let (figs, _) = run(&arts);
    let mut ids: Vec<&str> = figs.iter().map(|f| f.id.as_str()).collect();
    ids.sort();
    assert_eq!(ids, ["money-deal-gbp", "money-deal-usd"]);
    assert!(figs.iter().all(|f| f.status == "agreed"));
}

#[test]
fn measures_and_prices_per_unit() {
    let mut q = n("6.1", "", "", "magnitude");
    q.kind = "measure".into();
    q.unit = "magnitude".into();
    assert_eq!(measure_of(&q, "").as_deref(), Some("magnitude"));
    q.unit = "km".into();
    assert_eq!(measure_of(&q, ""), None, "a distance is no figure");
    let text = "an offer of 530p a share";
    let mut p = money("530", "530p", "deal", "", "");
    p.byte_start = text.find("530").unwrap();
    p.byte_end = p.byte_start + 4;
    assert_eq!(measure_of(&p, text).as_deref(), Some("deal per share"));
    assert_eq!(per_unit(" a year ago"), None);
    assert_eq!(per_unit(" pence per share."), Some("share".into()));
    assert_eq!(per_unit(" pence-a-share for"), Some("share".into()));
    assert_eq!(per_unit(" - a record profit"), None);
    assert_eq!(per_unit(" pence per LSE share on"), Some("share".into()));
    assert_eq!(per_unit(" a Share"), Some("share".into()));
}

fn place(name: &str, country_code: &str, admin1: &str) -> Entity {
    Entity {
        id: format!("place:{}", name.to_lowercase()),
        entity_type: newsner_core::labels::EntityType::Place,
        name: name.into(),
        aliases: Vec::new(),
        articles: Default::default(),
        mentions: 1,
        score: 1.0,
        merge_reasons: Vec::new(),
        place: Some(crate::geo::PlaceLink {
            place: Some(crate::geo::LinkedPlace {
                geonames_id: 1,
                name: name.into(),
                country_code: country_code.into(),
                admin1: admin1.into(),
                lat_lon: None,
                population: 1,
            }),
            score: 1.0,
            candidates: Vec::new(),
            by_user: false,
        }),
    }
}

#[test]
fn places_and_demonyms_refer_to_their_country_row() {
    let ents = vec![
        place("Thailand", "TH", ""),
        place("Bangkok", "TH", "TH-10"),
        place("China", "CN", ""),
        place("Taiwan", "TW", ""),
        place("Lusaka", "ZM", "ZM-09"),
    ];
    let demonyms = "Thai\tThailand\nChinese\tChina\nChinese\tTaiwan\nKenyan\tKenya\n";
    let lex = Lexicons::from_texts(&["", "", "", demonyms]);
    let countries = Countries::new(&ents);
    let other = |name: &str| {
        let mut e = place(name, "", "");
        e.place = None;
        e.entity_type = newsner_core::labels::EntityType::Other;
        e
    };
    assert_eq!(countries.of(&ents[1], &lex), Some(Some(0)), "a city");
    assert_eq!(countries.of(&other("Thai"), &lex), Some(Some(0)));
    assert_eq!(
        countries.of(&other("Chinese"), &lex),
        Some(None),
        "two rows"
    );
    assert_eq!(countries.of(&other("Kenyans"), &lex), Some(None), "no row");
    assert_eq!(countries.of(&ents[4], &lex), Some(None), "no row");
    assert_eq!(countries.of(&other("Acme"), &lex), None);
}

#[test]
fn a_nationality_is_no_owner_of_money() {
    let org = |name: &str, ty| {
        let mut e = place(name, "", "");
        e.place = None;
        e.entity_type = ty;
        e.id = format!("x:{}", name.to_lowercase());
        e
    };
    use newsner_core::labels::EntityType::{Organization, Other};
    let ents = vec![org("German", Other), org("Acme", Organization)];
    let lex = Lexicons::from_texts(&["", "", "", "German\tGermany\n"]);
    let nationalities = nationalities(&ents, &lex);
    assert!(nationalities.contains("x:german"));
    assert!(!nationalities.contains("x:acme"));
    // Through `annotate`: the German group's bid has no owner; Acme's has.
    for (text, owner) in [
        ("The German group may raise its bid to £1.5bn.", ""),
        ("Acme may raise its bid to £1.5bn.", "x:acme"),
    ] {
        let (name, e) = if owner.is_empty() {
            ("German", 0)
        } else {
            ("Acme", 1)
        };
        let mention = crate::normalize::CleanMention {
            article_id: "a".into(),
            start: text.find(name).unwrap(),
            end: text.find(name).unwrap() + name.len(),
            text: name.into(),
            name: name.into(),
            entity_type: ents[e].entity_type,
            label: String::new(),
            score: 1.0,
            byte_start: text.find(name).unwrap(),
        };
        let normalized = Normalized {
            entities: ents.clone(),
            mentions: vec![mention],
            entity_of: vec![e],
            ..Default::default()
        };
        let mut bid = money("1500000000", "£1.5bn", "deal", "", "");
        bid.byte_start = text.find('£').unwrap();
        bid.byte_end = text.len() - 1;
        bid.sentence = text.into();
        let mut numbers = vec![bid];
        annotate(&mut [("a", text, &mut numbers)], &normalized, &lex);
        assert_eq!(numbers[0].subject_id, owner, "{text}");
    }
}

/// Money whose subject is a person where the subject has two words, else as [`money`].
fn said(value: &str, text: &str, about: &str, subject: &str, scope: &str) -> NumberMention {
    let mut m = money(value, text, about, subject, scope);
    if subject.contains(' ') {
        m.subject_id = m.subject_id.replace("org:", "person:");
    }
    m
}

#[test]
fn one_amount_told_of_a_buyer_and_of_what_it_buys_is_one_quantity() {
    // "Glazer's £800m offer" and "an offer valuing the club at £800m", in articles naming both.
    let arts = [
        (
            "a",
            vec![said("800000000", "£800m", "deal", "Malcolm Glazer", "")],
        ),
        ("b", vec![said("800000000", "£800m", "deal", "", "United")]),
        ("c", vec![said("800000000", "£800m", "deal", "", "United")]),
    ];
    let (figs, ids) = run(&arts);
    assert_eq!(figs[0].article_ids, ["a", "b", "c"], "{figs:#?}");
    assert_eq!(figs[0].id, "money-deal-of-malcolm-glazer-in-united");
    assert!(ids.iter().all(|n| n[0] == ids[0][0]));
}

#[test]
fn equal_amounts_of_two_of_a_kind_or_near_amounts_stay_apart() {
    // Two organizations as subjects: two quantities, even of one value.
    let arts = [
        ("a", vec![money("800000000", "£800m", "deal", "Acme", "")]),
        ("b", vec![money("800000000", "£800m", "deal", "Bolt", "")]),
    ];
    assert_eq!(run(&arts).0.len(), 2);
    // A person's and an organization's, agreeing only within "about": no value in common.
    let arts = [
        (
            "a",
            vec![said("4400000000", "$4.4bn", "profit", "Jane Doe", "")],
        ),
        ("b", vec![money("5000000000", "$5bn", "profit", "Acme", "")]),
    ];
    let mut b = arts[1].1[0].clone();
    b.qualifier = "about".into();
    let arts = [arts[0].clone(), ("b", vec![b])];
    assert_eq!(run(&arts).0.len(), 2);
}

#[test]
fn an_amount_that_says_nothing_of_what_it_measures_joins_the_figure_of_its_value() {
    let plain = |v: &str, t: &str| money(v, t, "", "", "");
    let arts = [
        (
            "a",
            vec![money("11000000000", "$11bn", "fraud", "Ebbers", "")],
        ),
        (
            "b",
            vec![money("11000000000", "$11bn", "fraud", "Ebbers", "")],
        ),
        ("c", vec![plain("11000000000", "$11bn")]),
        ("d", vec![money("3000000000", "$3bn", "cost", "Ebbers", "")]),
        ("e", vec![plain("3000000000", "$3bn")]),
    ];
    let (_, ids) = run(&arts);
    assert_eq!(ids[2][0].as_deref(), Some("money-fraud-of-ebbers"));
    assert_eq!(ids[4][0], None, "a round amount meets another by chance");
    assert_eq!(significant_digits("£10,000"), 1);
    assert_eq!(significant_digits("$630m"), 2);
    assert_eq!(significant_digits("$1.50"), 3);
}

#[test]
fn a_round_amount_told_in_like_words_joins_the_figure_of_its_value() {
    let sold = "A steel mill was sold to a consortium which included a tycoon for $800m.";
    let arts = [
        ("a", vec![told("800000000", "$800m", "deal", "Acme", sold)]),
        ("b", vec![told("800000000", "$800m", "deal", "Acme", sold)]),
        (
            "c",
            vec![told(
                "800000000",
                "$800m",
                "",
                "",
                "It was sold in June to a consortium that included the tycoon, for $800m.",
            )],
        ),
        (
            "d",
            vec![told(
                "800000000",
                "$800m",
                "",
                "",
                "Its consortium spent $800m on hospitals.",
            )],
        ),
    ];
    let (figs, ids) = run(&arts);
    assert_eq!(
        ids[2][0].as_deref(),
        Some("money-deal-of-acme"),
        "{figs:#?}"
    );
    assert_eq!(ids[3][0], None, "one word alike is chance");
    // Names alike are no words alike: two deals of one story name one player.
    let arts = [
        (
            "a",
            vec![told(
                "80000000",
                "$80m",
                "deal",
                "Acme",
                "They signed Elton Brand to a deal worth $80m.",
            )],
        ),
        (
            "b",
            vec![told(
                "80000000",
                "$80m",
                "deal",
                "Acme",
                "Acme signed Elton Brand for $80m.",
            )],
        ),
        (
            "c",
            vec![told(
                "80000000",
                "$80m",
                "",
                "",
                "Elton Brand came and Iguodala Williams signed for $80m.",
            )],
        ),
    ];
    assert_eq!(run(&arts).1[2][0], None);
}

#[test]
fn amounts_of_one_subject_that_say_nothing_else_are_a_figure_where_two_articles_give_them() {
    // "paying the regulator $250m" in two articles; a third article's other amount stays out.
    let arts = [
        ("a", vec![money("250000000", "$250m", "", "Regulator", "")]),
        ("b", vec![money("250000000", "$250m", "", "Regulator", "")]),
        ("c", vec![money("90000000", "$90m", "", "Regulator", "")]),
    ];
    let (figs, ids) = run(&arts);
    assert_eq!(figs.len(), 1, "{figs:#?}");
    assert_eq!(figs[0].id, "money-amount-of-regulator");
    assert_eq!(ids[2][0], None);
}

#[test]
fn open_qualifiers_and_round_amounts_reach_only_so_far() {
    let mut over = money("3", "300p", "deal", "", "");
    over.qualifier = "more-than".into();
    let arts = [
        ("a", vec![over]),
        ("b", vec![money("800000000", "£800m", "deal", "", "")]),
    ];
    assert_eq!(
        run(&arts).0[0].status,
        "conflict",
        "more than 300p is not £800m"
    );
    let arts = [
        ("a", vec![money("2000000000", "$2bn", "deal", "Acme", "")]),
        ("b", vec![money("1600000000", "$1.6bn", "deal", "Acme", "")]),
    ];
    assert_eq!(run(&arts).0[0].status, "conflict", "$2bn is not $1.6bn");
}

/// The figures of articles that each name every entity any of their numbers names, each with the
/// main actors `topics` gives.
fn run_with_topics<'a>(
    arts: &'a [(&'a str, Vec<NumberMention>)],
    topics: impl Fn(&str) -> BTreeSet<&'a str>,
) -> (Vec<Figure>, Vec<Vec<Option<String>>>) {
    let all: BTreeSet<&str> = arts
        .iter()
        .flat_map(|(_, ns)| {
            ns.iter()
                .flat_map(|n| [n.subject_id.as_str(), n.scope_id.as_str()])
        })
        .filter(|id| !id.is_empty())
        .collect();
    run_told(arts, |_| all.clone(), topics)
}

/// An amount of money told in `sentence`.
fn told(value: &str, text: &str, about: &str, subject: &str, sentence: &str) -> NumberMention {
    NumberMention {
        sentence: sentence.into(),
        ..money(value, text, about, subject, "")
    }
}

#[test]
fn one_amount_told_by_different_words_in_one_story_is_one_figure() {
    let arts = [
        (
            "a",
            vec![told(
                "2500000000",
                "$2.5bn",
                "deal",
                "Fiat",
                "A $2.5bn settlement ends the option.",
            )],
        ),
        (
            "b",
            vec![told(
                "2500000000",
                "$2.5bn",
                "cost",
                "",
                "The option will cost GM $2.5bn.",
            )],
        ),
        (
            "c",
            vec![told(
                "2500000000",
                "$2.5bn",
                "",
                "",
                "GM pays $2.5bn to end the option.",
            )],
        ),
        (
            "d",
            vec![told(
                "2500000000",
                "$2.5bn",
                "deal",
                "Fiat",
                "Its $2.5bn settlement was signed.",
            )],
        ),
    ];
    let story = |_: &str| BTreeSet::from(["org:acme"]);
    let (figs, ids) = run_with_topics(&arts, story);
    assert_eq!(figs.len(), 1, "{figs:#?}");
    assert_eq!(figs[0].article_ids.len(), 4);
    assert_eq!(figs[0].id, "money-deal-of-fiat");
    assert!(ids
        .iter()
        .all(|row| row[0].as_deref() == Some("money-deal-of-fiat")));
    // Articles with no main actor in common tell two stories: the cost stays apart.
    let apart = |id: &str| {
        BTreeSet::from([match id {
            "b" => "org:bolt",
            _ => "org:acme",
        }])
    };
    let (figs, ids) = run_with_topics(&arts, apart);
    assert_eq!(figs.len(), 2, "{figs:#?}");
    assert_eq!(ids[1][0].as_deref(), Some("money-cost"));
}

#[test]
fn amounts_told_of_different_things_or_round_stay_apart() {
    let story = |_: &str| BTreeSet::from(["org:acme"]);
    // Sentences that share no word but the currency's: a trade gap is not a budget deficit.
    let arts = [
        (
            "a",
            vec![told(
                "520000000000",
                "$520bn",
                "gap",
                "",
                "Together with a $520bn trade gap, the dollar fell.",
            )],
        ),
        (
            "b",
            vec![told(
                "520000000000",
                "$520bn",
                "",
                "",
                "The deficit will stay near $520bn dollars.",
            )],
        ),
        (
            "c",
            vec![told(
                "520000000000",
                "$520bn",
                "",
                "",
                "A deficit of $520bn is forecast.",
            )],
        ),
    ];
    let (figs, ids) = run_with_topics(&arts, story);
    assert_eq!(ids[0][0].as_deref(), Some("money-gap"), "{figs:#?}");
    assert_ne!(ids[1][0], ids[0][0]);
    assert_eq!(ids[1][0], ids[2][0], "the two deficits are one amount");
    // A round amount meets another by chance, even in words alike.
    let round = [
        (
            "a",
            vec![told(
                "2000000000",
                "$2bn",
                "deal",
                "",
                "A $2bn settlement ends the option.",
            )],
        ),
        (
            "b",
            vec![told(
                "2000000000",
                "$2bn",
                "cost",
                "",
                "The option will cost $2bn.",
            )],
        ),
    ];
    let (figs, _) = run_with_topics(&round, story);
    assert_eq!(figs.len(), 2, "{figs:#?}");
}

#[test]
fn the_values_of_a_disagreeing_figure_join_the_amounts_they_tell() {
    // "a 4.5bn-euro hole" and "a 14.5bn euro black hole": two amounts that other articles call the
    // cash that was missing and the debts.
    let arts = [
        (
            "a",
            vec![told(
                "4500000000",
                "4.5bn",
                "hole",
                "",
                "A 4.5bn-euro hole in its accounts.",
            )],
        ),
        (
            "b",
            vec![told(
                "14500000000",
                "14.5bn",
                "hole",
                "",
                "A 14.5bn euro black hole led to bankruptcy protection.",
            )],
        ),
        (
            "c",
            vec![
                told(
                    "14500000000",
                    "14.5bn",
                    "debt",
                    "",
                    "It sought protection with debts of 14.5bn.",
                ),
                told(
                    "4500000000",
                    "4.5bn",
                    "",
                    "",
                    "The 4.5bn euros in an offshore account did not exist.",
                ),
            ],
        ),
        (
            "d",
            vec![told(
                "4500000000",
                "4.5bn",
                "",
                "",
                "It held 4.5bn euros in an offshore account.",
            )],
        ),
    ];
    let (figs, ids) = run_with_topics(&arts, |_| BTreeSet::from(["org:acme"]));
    assert_eq!(figs.len(), 2, "{figs:#?}");
    assert!(figs.iter().all(|f| f.status == "agreed"), "{figs:#?}");
    assert_eq!(ids[1][0], ids[2][0]);
    assert_eq!(ids[0][0], ids[2][1]);
    assert_eq!(ids[0][0], ids[3][0]);
    // Values that no other amount tells stay the one figure they were, in conflict.
    let alone = [arts[0].clone(), arts[1].clone()];
    let (figs, _) = run_with_topics(&alone, |_| BTreeSet::from(["org:acme"]));
    assert_eq!(figs.len(), 1);
    assert!(figs[0].conflict);
}
