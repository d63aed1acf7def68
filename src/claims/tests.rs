//! Fixture tests for repeated claims: each case is a few invented articles and the claims a
//! user should see (source first, then every occurrence), as `key|text inside the span`.

use super::testkit::{article, sorted, DocBuilder};
use super::*;
use crate::quotes::QuoteKind::Direct;

struct Case {
    name: &'static str,
    docs: Vec<DocBuilder>,
    /// (source, occurrences) per claim, in claim order (by source).
    expect: Vec<(&'static str, Vec<&'static str>)>,
}

fn a(key: &str, outlet: &str, published: &str, body: &str) -> DocBuilder {
    let outlet = (!outlet.is_empty()).then_some(outlet);
    let published = (!published.is_empty()).then_some(published);
    article(key, outlet, published, body)
}

fn located(docs: &[Doc], o: &Occurrence) -> String {
    format!("{}|{}", docs[o.doc].key, o.span.slice(&docs[o.doc].text))
}

fn matches(found: &str, want: &str) -> bool {
    let (fk, ft) = found.split_once('|').unwrap_or((found, ""));
    let (wk, wt) = want.split_once('|').unwrap_or((want, ""));
    fk == wk && ft.contains(wt)
}

fn run(case: Case) {
    let docs = sorted(case.docs.into_iter().map(DocBuilder::build).collect());
    let claims = find(&docs, &Config::default());
    let shown: Vec<(String, Vec<String>)> = claims
        .iter()
        .map(|c| {
            (
                located(&docs, &c.source),
                c.occurrences.iter().map(|o| located(&docs, o)).collect(),
            )
        })
        .collect();
    assert_eq!(
        shown.len(),
        case.expect.len(),
        "{}: claims {shown:#?}",
        case.name
    );
    for ((src, occ), (want_src, want_occ)) in shown.iter().zip(&case.expect) {
        assert!(
            matches(src, want_src),
            "{}: source {src} ≠ {want_src}",
            case.name
        );
        assert_eq!(
            occ.len(),
            want_occ.len(),
            "{}: occurrences {occ:#?}",
            case.name
        );
        for (o, w) in occ.iter().zip(want_occ) {
            assert!(matches(o, w), "{}: occurrence {o} ≠ {w}", case.name);
        }
    }
    for c in &claims {
        assert!(c.id.starts_with("c-"), "{}", c.id);
        assert!(
            c.occurrences.contains(&c.source),
            "{}: source listed",
            case.name
        );
        assert_eq!(c.text, c.source.span.slice(&docs[c.source.doc].text));
    }
}

const BRIDGE: &str = "The Arroyo Seco bridge was closed to traffic after engineers found deep cracks in two pillars.";

#[test]
fn verbatim_and_near_verbatim_repeats() {
    let cases = vec![
        Case {
            name: "verbatim across two outlets",
            docs: vec![
                a("a.txt", "Valley Herald", "2026-06-08", BRIDGE),
                a("b.txt", "Coast Daily", "2026-06-09", BRIDGE),
            ],
            expect: vec![("a.txt|Arroyo Seco", vec!["a.txt|Arroyo", "b.txt|Arroyo"])],
        },
        Case {
            name: "case, punctuation and curly quotes",
            docs: vec![
                a("a.txt", "Valley Herald", "2026-06-08", "The mayor's office said the \"emergency\" shelters at Linden School will stay open until Sunday."),
                a("b.txt", "Coast Daily", "2026-06-09", "THE MAYOR’S OFFICE SAID THE “EMERGENCY” SHELTERS AT LINDEN SCHOOL WILL STAY OPEN UNTIL SUNDAY!"),
            ],
            expect: vec![("a.txt|mayor's", vec!["a.txt|", "b.txt|"])],
        },
        Case {
            name: "accents",
            docs: vec![
                a("a.txt", "Valley Herald", "2026-06-08", "Rescuers from Peñasco reached the flooded village of Río Blanco before dawn on Tuesday."),
                a("b.txt", "Coast Daily", "2026-06-09", "Rescuers from Penasco reached the flooded village of Rio Blanco before dawn on Tuesday."),
            ],
            expect: vec![("a.txt|Peñasco", vec!["a.txt|", "b.txt|Penasco"])],
        },
        Case {
            name: "possessive forms",
            docs: vec![
                a("a.txt", "Valley Herald", "2026-06-08", "Ortega's government will pay for every damaged roof in the northern districts."),
                a("b.txt", "Coast Daily", "2026-06-09", "The Ortega government will pay for every damaged roof in the northern districts."),
            ],
            expect: vec![("a.txt|Ortega", vec!["a.txt|", "b.txt|"])],
        },
        Case {
            name: "small insertion and bracketed editorial word",
            docs: vec![
                a("a.txt", "Valley Herald", "2026-06-08", "The pumping station failed shortly after the river burst its banks near Calder Mill."),
                a("b.txt", "Coast Daily", "2026-06-09", "The [main] pumping station failed shortly after the swollen river burst its banks near Calder Mill."),
            ],
            expect: vec![("a.txt|pumping", vec!["a.txt|", "b.txt|[main]"])],
        },
        Case {
            name: "a few words cut",
            docs: vec![
                a("a.txt", "Valley Herald", "2026-06-08", "Volunteers from three neighbouring towns filled sandbags through the night along the eastern levee."),
                a("b.txt", "Coast Daily", "2026-06-09", "Volunteers filled sandbags through the night along the eastern levee."),
            ],
            expect: vec![("a.txt|Volunteers", vec!["a.txt|", "b.txt|"])],
        },
        Case {
            name: "reprinted by three outlets, each listed once",
            docs: vec![
                a("a.txt", "Valley Herald", "2026-06-08", BRIDGE),
                a("b.txt", "Coast Daily", "2026-06-09", BRIDGE),
                a("c.txt", "Hill Times", "2026-06-10", BRIDGE),
            ],
            expect: vec![("a.txt|", vec!["a.txt|", "b.txt|", "c.txt|"])],
        },
        Case {
            name: "two different claims in the same articles",
            docs: vec![
                a("a.txt", "Valley Herald", "2026-06-08", &format!("{BRIDGE} Ferry services across the bay will double their sailings from Monday morning.")),
                a("b.txt", "Coast Daily", "2026-06-09", &format!("Ferry services across the bay will double their sailings from Monday morning. {BRIDGE}")),
            ],
            expect: vec![
                ("a.txt|Arroyo", vec!["a.txt|Arroyo", "b.txt|Arroyo"]),
                ("a.txt|Ferry", vec!["a.txt|Ferry", "b.txt|Ferry"]),
            ],
        },
    ];
    for c in cases {
        run(c);
    }
}

#[test]
fn reworded_quotes_match_indirect_speech() {
    let cases = vec![
        Case {
            name: "direct quote in one outlet, indirect speech in another",
            docs: vec![
                a("a.txt", "Valley Herald", "2026-06-08T09:00", "\"We are asking everyone to stay indoors,\" the mayor said.")
                    .quote("We are asking everyone to stay indoors", Direct, false),
                a("b.txt", "Coast Daily", "2026-06-08T11:00", "The mayor asked everyone to stay indoors."),
            ],
            expect: vec![("a.txt|We are asking everyone to stay indoors", vec!["a.txt|We are asking", "b.txt|The mayor asked"])],
        },
        Case {
            name: "reordered indirect speech",
            docs: vec![
                a("a.txt", "Valley Herald", "2026-06-08", "\"Everyone should stay indoors,\" the mayor said."),
                a("b.txt", "Coast Daily", "2026-06-09", "The mayor asked everyone to stay indoors."),
            ],
            expect: vec![("a.txt|Everyone", vec!["a.txt|", "b.txt|"])],
        },
        Case {
            name: "a long statement of plain words",
            docs: vec![
                a("a.txt", "Valley Herald", "2026-06-08", "\"The carriage tipped slowly, then all at once, and the lights went out,\" she said.")
                    .quote("The carriage tipped slowly, then all at once, and the lights went out", Direct, false),
                a("b.txt", "Coast Daily", "2026-06-09", "\"It tipped over slowly and then all at once, before the lights went out,\" said Kravets.")
                    .quote("It tipped over slowly and then all at once, before the lights went out", Direct, false),
            ],
            expect: vec![("a.txt|The carriage", vec!["a.txt|The carriage", "b.txt|It tipped"])],
        },
        Case {
            name: "quote inside a longer sentence matches on its own",
            docs: vec![
                a("a.txt", "Valley Herald", "2026-06-08", "Speaking at the fire station on Elm Road after a long night, the chief said \"the blaze in the old cannery is finally under control\" and thanked the crews who came from Dunmore.")
                    .quote("the blaze in the old cannery is finally under control", Direct, false),
                a("b.txt", "Coast Daily", "2026-06-09", "The fire chief said the blaze in the old cannery was finally under control."),
            ],
            expect: vec![("a.txt|the blaze in the old cannery", vec!["a.txt|the blaze", "b.txt|The fire chief"])],
        },
        Case {
            name: "a sentence quoting two claims does not merge them",
            docs: vec![
                a("a.txt", "Valley Herald", "2026-06-08", "\"The water supply in Brookfield is safe to drink again,\" Ruiz said, adding: \"Schools across the district will reopen on Thursday morning.\"")
                    .quote("The water supply in Brookfield is safe to drink again", Direct, false)
                    .quote("Schools across the district will reopen on Thursday morning.", Direct, false),
                a("b.txt", "Coast Daily", "2026-06-09", "Ruiz said the water supply in Brookfield was safe to drink again."),
                a("c.txt", "Hill Times", "2026-06-09", "Schools across the district will reopen on Thursday morning, Ruiz said."),
            ],
            expect: vec![
                ("a.txt|water supply", vec!["a.txt|The water supply", "b.txt|"]),
                ("a.txt|Schools across", vec!["a.txt|Schools across", "c.txt|"]),
            ],
        },
    ];
    for c in cases {
        run(c);
    }
}

#[test]
fn non_matches() {
    let cases = vec![
        Case {
            name: "sentences sharing only common words",
            docs: vec![
                a("a.txt", "Valley Herald", "2026-06-08", "Police said the fire started on Tuesday night in a warehouse near the harbour."),
                a("b.txt", "Coast Daily", "2026-06-09", "Police said the meeting started on Tuesday night in the town hall after a delay."),
            ],
            expect: vec![],
        },
        Case {
            name: "a plain statement with a word changed",
            docs: vec![
                a("a.txt", "Valley Herald", "2026-06-08", "\"It was over slowly and then all at once, before the lights came on,\" he said.")
                    .quote("It was over slowly and then all at once, before the lights came on", Direct, false),
                a("b.txt", "Coast Daily", "2026-06-09", "\"It tipped over slowly and then all at once, before the lights went out,\" she said.")
                    .quote("It tipped over slowly and then all at once, before the lights went out", Direct, false),
            ],
            expect: vec![],
        },
        Case {
            name: "very short fragments",
            docs: vec![
                a("a.txt", "Valley Herald", "2026-06-08", "\"It is not necessary,\" he said. He said so.")
                    .quote("It is not necessary", Direct, false),
                a("b.txt", "Coast Daily", "2026-06-09", "\"It is not necessary,\" he said. He said so.")
                    .quote("It is not necessary", Direct, false),
            ],
            expect: vec![],
        },
        Case {
            name: "boilerplate",
            docs: vec![
                a("a.txt", "Valley Herald", "2026-06-08", "Copyright 2026 Meridian Media Group, all rights reserved worldwide. Sign up for our morning newsletter to get the latest news."),
                a("b.txt", "Coast Daily", "2026-06-09", "Copyright 2026 Meridian Media Group, all rights reserved worldwide. Sign up for our morning newsletter to get the latest news."),
            ],
            expect: vec![],
        },
        Case {
            name: "same outlet twice is not a repeat",
            docs: vec![
                a("a.txt", "Valley Herald", "2026-06-08", BRIDGE),
                a("b.txt", "Valley Herald", "2026-06-09", BRIDGE),
            ],
            expect: vec![],
        },
        Case {
            name: "same outlet spelled differently in case is still one outlet",
            docs: vec![
                a("a.txt", "Valley Herald", "2026-06-08", BRIDGE),
                a("b.txt", "valley herald", "2026-06-09", BRIDGE),
            ],
            expect: vec![],
        },
        Case {
            name: "repeated inside one article only",
            docs: vec![
                a("a.txt", "Valley Herald", "2026-06-08", &format!("{BRIDGE} {BRIDGE}")),
                a("b.txt", "Coast Daily", "2026-06-09", "An unrelated story about the harvest festival in Greymouth drew large crowds."),
            ],
            expect: vec![],
        },
        Case {
            name: "same people and words, opposite news",
            docs: vec![
                a("a.txt", "Valley Herald", "2026-06-08", "Idris Falk was officially introduced as the 21st head coach of the Rovers."),
                a("b.txt", "Coast Daily", "2026-06-09", "Idris Falk is out as Tarnport Rovers head coach."),
            ],
            expect: vec![],
        },
        Case {
            name: "same sentence with a different number",
            docs: vec![
                a("a.txt", "Valley Herald", "2026-06-08", "Rescuers pulled 12 survivors from the collapsed Kelmora market hall."),
                a("b.txt", "Coast Daily", "2026-06-09", "Rescuers pulled 15 survivors from the collapsed Kelmora market hall."),
            ],
            expect: vec![],
        },
        Case {
            name: "same topic, different statement",
            docs: vec![
                a("a.txt", "Valley Herald", "2026-06-08", "The Arroyo Seco bridge was closed to traffic after engineers found deep cracks in two pillars."),
                a("b.txt", "Coast Daily", "2026-06-09", "The Arroyo Seco bridge will reopen to traffic next month once repairs to the deck are finished."),
            ],
            expect: vec![],
        },
    ];
    for c in cases {
        run(c);
    }
}

#[test]
fn the_source_is_the_earliest_occurrence() {
    let cases = vec![
        Case {
            name: "earliest date wins over path order",
            docs: vec![
                a("a.txt", "Valley Herald", "2026-06-09", BRIDGE),
                a("b.txt", "Coast Daily", "2026-06-08", BRIDGE),
            ],
            expect: vec![("b.txt|", vec!["a.txt|", "b.txt|"])],
        },
        Case {
            name: "earlier time on the same day",
            docs: vec![
                a("a.txt", "Valley Herald", "2026-06-08T15:30", BRIDGE),
                a("b.txt", "Coast Daily", "2026-06-08T07:45", BRIDGE),
            ],
            expect: vec![("b.txt|", vec!["a.txt|", "b.txt|"])],
        },
        Case {
            name: "undated ranks after dated",
            docs: vec![
                a("a.txt", "Valley Herald", "", BRIDGE),
                a("b.txt", "Coast Daily", "2026-06-10", BRIDGE),
            ],
            expect: vec![("b.txt|", vec!["a.txt|", "b.txt|"])],
        },
        Case {
            name: "all undated: path order",
            docs: vec![
                a("b.txt", "Valley Herald", "", BRIDGE),
                a("a.txt", "Coast Daily", "", BRIDGE),
            ],
            expect: vec![("a.txt|", vec!["a.txt|", "b.txt|"])],
        },
        Case {
            name: "tie: path order",
            docs: vec![
                a("b.txt", "Valley Herald", "2026-06-08", BRIDGE),
                a("a.txt", "Coast Daily", "2026-06-08", BRIDGE),
            ],
            expect: vec![("a.txt|", vec!["a.txt|", "b.txt|"])],
        },
        Case {
            name: "tie: an article crediting a news agency is not the source",
            docs: vec![
                a("a.txt", "Valley Herald", "2026-06-08", "\"We will rebuild every single home in the valley,\" Ruiz told the Meridian news agency.")
                    .quote("We will rebuild every single home in the valley", Direct, false),
                a("b.txt", "Coast Daily", "2026-06-08", "\"We will rebuild every single home in the valley,\" Ruiz said.")
                    .quote("We will rebuild every single home in the valley", Direct, false),
            ],
            expect: vec![("b.txt|We will rebuild", vec!["a.txt|We will", "b.txt|We will"])],
        },
        Case {
            name: "tie: an article citing another outlet of the workspace is not the source",
            docs: vec![
                a("a.txt", "Valley Herald", "2026-06-08", "According to Coast Daily, the Arroyo Seco bridge was closed to traffic after engineers found deep cracks in two pillars."),
                a("b.txt", "Coast Daily", "2026-06-08", BRIDGE),
            ],
            expect: vec![("b.txt|", vec!["a.txt|", "b.txt|"])],
        },
        Case {
            name: "tie: the quote extractor's credit flag counts",
            docs: vec![
                a("a.txt", "Valley Herald", "2026-06-08", "\"We will rebuild every single home in the valley,\" Ruiz said in remarks carried elsewhere.")
                    .quote("We will rebuild every single home in the valley", Direct, true),
                a("b.txt", "Coast Daily", "2026-06-08", "\"We will rebuild every single home in the valley,\" Ruiz said.")
                    .quote("We will rebuild every single home in the valley", Direct, false),
            ],
            expect: vec![("b.txt|We will rebuild", vec!["a.txt|", "b.txt|"])],
        },
        Case {
            name: "crediting does not matter when the dates differ",
            docs: vec![
                a("a.txt", "Valley Herald", "2026-06-07", "According to Coast Daily, the Arroyo Seco bridge was closed to traffic after engineers found deep cracks in two pillars."),
                a("b.txt", "Coast Daily", "2026-06-08", BRIDGE),
            ],
            expect: vec![("a.txt|", vec!["a.txt|", "b.txt|"])],
        },
        Case {
            name: "articles without an outlet are outlets of their own",
            docs: vec![a("a.txt", "", "", BRIDGE), a("b.txt", "", "", BRIDGE)],
            expect: vec![("a.txt|", vec!["a.txt|", "b.txt|"])],
        },
    ];
    for c in cases {
        run(c);
    }
}

#[test]
fn ids_are_stable_and_distinct() {
    let build = || {
        sorted(vec![
            a("a.txt", "Valley Herald", "2026-06-08", &format!("{BRIDGE} Ferry services across the bay will double their sailings from Monday morning.")).build(),
            a("b.txt", "Coast Daily", "2026-06-09", &format!("{BRIDGE} Ferry services across the bay will double their sailings from Monday morning.")).build(),
        ])
    };
    let first = find(&build(), &Config::default());
    let second = find(&build(), &Config::default());
    let ids: Vec<&str> = first.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(ids.len(), 2);
    assert_ne!(ids[0], ids[1]);
    assert_eq!(
        ids,
        second.iter().map(|c| c.id.as_str()).collect::<Vec<_>>()
    );
}

/// One claim reprinted by `n` articles of `n` outlets, each with its own small edit and
/// its own unrelated sentences.
fn reprints(n: usize) -> Vec<Doc> {
    let docs = (0..n)
        .map(|i| {
            let body = format!(
                "The Arroyo Seco bridge was closed to traffic after engineers found deep cracks in two pillars, inspector Quill{i} confirmed. \
                 Reporter{i} wrote about orchard{i} and harvest{i} near village{i} yesterday evening."
            );
            a(&format!("d{i:05}.txt"), &format!("Outlet {i}"), "2026-06-08", &body).build()
        })
        .collect();
    sorted(docs)
}

#[test]
fn a_claim_reprinted_hundreds_of_times_stays_cheap() {
    for n in [500, 2000] {
        let docs = reprints(n);
        let (claims, stats) = find_with_stats(&docs, &Config::default());
        assert_eq!(claims.len(), 1, "n={n}");
        assert_eq!(claims[0].occurrences.len(), n);
        assert!(claims.iter().all(|c| c.source.doc == 0));
        assert_eq!(stats.units, 2 * n);
        // linear work: a bounded number of postings entries and scored pairs per variant
        assert!(
            stats.pairs_scored <= stats.variants * matching::MAX_CANDIDATES,
            "{stats:?}"
        );
        assert!(
            stats.postings_visited <= stats.variants * matching::SCAN_BUDGET,
            "{stats:?}"
        );
        // once linked, the other reprints are not scored again
        assert!(stats.pairs_scored <= 2 * n, "{stats:?}");
    }
}

#[test]
fn verbatim_reprints_collapse_into_one_variant() {
    let docs: Vec<Doc> = sorted(
        (0..1000)
            .map(|i| {
                a(
                    &format!("d{i:04}.txt"),
                    &format!("Outlet {i}"),
                    "2026-06-08",
                    BRIDGE,
                )
                .build()
            })
            .collect(),
    );
    let (claims, stats) = find_with_stats(&docs, &Config::default());
    assert_eq!(claims.len(), 1);
    assert_eq!(stats.variants, 1);
    assert_eq!(stats.pairs_scored, 0);
}

#[test]
fn a_claim_never_holds_conflicting_numbers() {
    const SEVEN: &str = "Rescuers said 7 people were killed when the Kelmora market hall roof collapsed on Tuesday.";
    const NONE: &str =
        "Rescuers said people were killed when the Kelmora market hall roof collapsed on Tuesday.";
    const NINE: &str = "Rescuers said 9 people were killed when the Kelmora market hall roof collapsed on Tuesday.";
    let cases = vec![
        Case {
            name: "chain A(7) – B(no number) – C(9): C stays out",
            docs: vec![
                a("a.txt", "Valley Herald", "2026-06-08", SEVEN),
                a("b.txt", "Coast Daily", "2026-06-09", NONE),
                a("c.txt", "Hill Times", "2026-06-10", NINE),
            ],
            expect: vec![(
                "a.txt|7 people",
                vec!["a.txt|7 people", "b.txt|said people"],
            )],
        },
        Case {
            name: "numberless sentence first: it joins the first match only",
            docs: vec![
                a("a.txt", "Valley Herald", "2026-06-08", NONE),
                a("b.txt", "Coast Daily", "2026-06-09", NINE),
                a("c.txt", "Hill Times", "2026-06-10", SEVEN),
            ],
            expect: vec![(
                "a.txt|said people",
                vec!["a.txt|said people", "b.txt|9 people"],
            )],
        },
        Case {
            name: "the same number everywhere still chains",
            docs: vec![
                a("a.txt", "Valley Herald", "2026-06-08", SEVEN),
                a("b.txt", "Coast Daily", "2026-06-09", NONE),
                a("c.txt", "Hill Times", "2026-06-10", SEVEN),
            ],
            expect: vec![(
                "a.txt|7 people",
                vec!["a.txt|7 people", "b.txt|said people", "c.txt|7 people"],
            )],
        },
    ];
    for c in cases {
        run(c);
    }
}

#[test]
fn a_sentence_repeated_inside_one_article_stays_cheap() {
    let n = 2000;
    let docs = sorted(vec![
        a(
            "a.txt",
            "Valley Herald",
            "2026-06-08",
            &vec![BRIDGE; n].join(" "),
        )
        .build(),
        a("b.txt", "Coast Daily", "2026-06-09", BRIDGE).build(),
    ]);
    let (claims, stats) = find_with_stats(&docs, &Config::default());
    assert_eq!(claims.len(), 1);
    assert_eq!(claims[0].occurrences.len(), n + 1);
    assert_eq!(stats.variants, 1);
    assert_eq!(stats.pairs_scored, 0);
    // and through the index: the repeats leave with one edit
    let (_, mut index) = find_indexed(&docs, &Config::default());
    let mut edited = docs.clone();
    edited[0] = a(
        "a.txt",
        "Valley Herald",
        "2026-06-08",
        "Nothing to see here today, the harbour was quiet.",
    )
    .build();
    assert!(index.update_doc(&edited, 0).is_empty());
}

/// The cold run's claims (made after the units' words are freed) are the claims of the
/// server's index, which keeps the words for later edits.
#[test]
fn claims_of_the_cold_run_are_the_index_claims() {
    let docs = sorted(vec![
        a("a.txt", "Valley Herald", "2026-06-08", BRIDGE).build(),
        a("b.txt", "Coast Daily", "2026-06-09", BRIDGE).build(),
        a("c.txt", "Metro Wire", "2026-06-09", "Rescuers from Peñasco reached the flooded village of Río Blanco before dawn on Tuesday.").build(),
        a("d.txt", "Coast Daily", "2026-06-10", "Rescuers from Penasco reached the flooded village of Rio Blanco before dawn on Tuesday.").build(),
    ]);
    let config = Config::default();
    let cold = find(&docs, &config);
    let (indexed, _) = find_indexed(&docs, &config);
    assert_eq!(cold.len(), 2);
    let spans = |claims: &[Claim]| -> Vec<Vec<(usize, Span)>> {
        claims
            .iter()
            .map(|c| c.occurrences.iter().map(|o| (o.doc, o.span)).collect())
            .collect()
    };
    assert_eq!(spans(&cold), spans(&indexed));
    let texts =
        |claims: &[Claim]| -> Vec<String> { claims.iter().map(|c| c.text.clone()).collect() };
    assert_eq!(texts(&cold), texts(&indexed));
}
