//! Fixture tests for numeric disagreements: each case is a few invented articles with
//! hand-written figures, and the disagreements a user should see.

use super::*;
use crate::claims::testkit::{article, sorted, DocBuilder};
use crate::config::IgnoreRule;
use crate::dates::Date;
use crate::figures::{Direction, Hedge};

#[derive(Default)]
struct Case {
    name: &'static str,
    docs: Vec<DocBuilder>,
    /// Story of each doc by key; docs not listed are in `s1`.
    stories: Vec<(&'static str, Option<&'static str>)>,
    ignore: Vec<IgnoreRule>,
    /// (rule, subject, sides as `key|figure text`); empty = nothing to report.
    expect: Vec<(&'static str, &'static str, Vec<Vec<&'static str>>)>,
    /// Expected messages, when checked.
    messages: Vec<&'static str>,
}

fn day(y: i32, m: u32, d: u32) -> f64 {
    Date::new(y, m, d).map(|x| x.epoch_seconds()).unwrap_or(0) as f64
}

fn doc(key: &str, outlet: &str, published: &str, body: &str) -> DocBuilder {
    let outlet = (!outlet.is_empty()).then_some(outlet);
    let published = (!published.is_empty()).then_some(published);
    article(key, outlet, published, body)
}

/// An exact count of `subject`.
fn count(b: DocBuilder, written: &str, subject: &str, v: f64) -> DocBuilder {
    b.figure(written, subject, "count", Some(v), Some(v))
}

fn run(case: Case) {
    let docs = sorted(case.docs.into_iter().map(DocBuilder::build).collect());
    let stories: Vec<Option<String>> = docs
        .iter()
        .map(|d| match case.stories.iter().find(|(k, _)| *k == &*d.key) {
            Some((_, s)) => s.map(str::to_string),
            None => Some("s1".to_string()),
        })
        .collect();
    let config = Config {
        ignore: case.ignore,
        ..Config::default()
    };
    let found = find(&docs, &stories, &config);
    let shown: Vec<(&str, String, Vec<Vec<String>>)> = found
        .iter()
        .map(|x| {
            let sides = x
                .sides
                .iter()
                .map(|s| {
                    s.iter()
                        .map(|r| {
                            let f = figure(&docs, *r);
                            format!("{}|{}", docs[r.doc].key, f.span.slice(&docs[r.doc].text))
                        })
                        .collect()
                })
                .collect();
            (x.rule, x.subject.clone(), sides)
        })
        .collect();
    let want: Vec<(&str, String, Vec<Vec<String>>)> = case
        .expect
        .iter()
        .map(|(r, s, sides)| {
            (
                *r,
                s.to_string(),
                sides
                    .iter()
                    .map(|side| side.iter().map(|x| x.to_string()).collect())
                    .collect(),
            )
        })
        .collect();
    assert_eq!(shown, want, "{}", case.name);
    for (x, m) in found.iter().zip(&case.messages) {
        assert_eq!(x.message, *m, "{}", case.name);
    }
    for x in &found {
        let severity = if x.rule == FIGURE_MISMATCH {
            Severity::Warning
        } else {
            Severity::Information
        };
        assert_eq!(x.severity, severity, "{}", case.name);
        assert!(x.story.is_some());
    }
}

fn pair(
    name: &'static str,
    a: DocBuilder,
    b: DocBuilder,
    expect: Vec<(&'static str, &'static str, Vec<Vec<&'static str>>)>,
) -> Case {
    Case {
        name,
        docs: vec![a, b],
        expect,
        ..Case::default()
    }
}

const A: &str = "Valley Herald";
const B: &str = "Coast Daily";
const C: &str = "Hill Times";

#[test]
fn values_that_can_both_be_true_agree() {
    let cases = vec![
        pair(
            "'at least 30' and 34",
            doc("a.txt", A, "2026-06-08", "At least 30 people died.").figure(
                "At least 30",
                "killed",
                "count",
                Some(30.0),
                None,
            ),
            count(
                doc("b.txt", B, "2026-06-08", "The toll reached 34 dead."),
                "34",
                "killed",
                34.0,
            ),
            vec![],
        ),
        pair(
            "'nearly 60%' and '58 percent'",
            doc("a.txt", A, "2026-06-08", "Turnout was nearly 60%.")
                .figure("nearly 60%", "turnout", "percent", Some(54.0), Some(60.0))
                .with(|f| f.hedge = Hedge::Nearly),
            doc("b.txt", B, "2026-06-08", "Turnout was 58 percent.")
                .figure("58 percent", "turnout", "percent", Some(58.0), Some(58.0))
                .with(|f| f.precision = 0.5),
            vec![],
        ),
        pair(
            "'shortly after midnight' and '12:10 a.m.'",
            doc(
                "a.txt",
                A,
                "2026-06-08",
                "The blast came shortly after midnight.",
            )
            .figure(
                "shortly after midnight",
                "event time",
                "time",
                Some(0.0),
                Some(1800.0),
            ),
            doc("b.txt", B, "2026-06-08", "The blast came at 12:10 a.m.").figure(
                "12:10 a.m.",
                "event time",
                "time",
                Some(600.0),
                Some(600.0),
            ),
            vec![],
        ),
        pair(
            "'two dozen' and '24'",
            count(
                doc("a.txt", A, "2026-06-08", "Two dozen were hurt."),
                "Two dozen",
                "injured",
                24.0,
            ),
            count(
                doc("b.txt", B, "2026-06-08", "24 were hurt."),
                "24",
                "injured",
                24.0,
            ),
            vec![],
        ),
        pair(
            "'May 5–6' and 'May 5 or 6'",
            doc("a.txt", A, "2026-05-08", "It happened May 5–6.").figure(
                "May 5–6",
                "event date",
                "date",
                Some(day(2026, 5, 5)),
                Some(day(2026, 5, 6)),
            ),
            doc("b.txt", B, "2026-05-08", "It happened May 5 or 6.").figure(
                "May 5 or 6",
                "event date",
                "date",
                Some(day(2026, 5, 5)),
                Some(day(2026, 5, 6)),
            ),
            vec![],
        ),
        pair(
            "'thousands' and 4,500",
            doc("a.txt", A, "2026-06-08", "Thousands fled.").figure(
                "Thousands",
                "evacuated",
                "count",
                Some(2000.0),
                None,
            ),
            count(
                doc("b.txt", B, "2026-06-08", "4,500 fled."),
                "4,500",
                "evacuated",
                4500.0,
            ),
            vec![],
        ),
        pair(
            "a printed '40%' covers 40.4",
            doc("a.txt", A, "2026-06-08", "Turnout was 40%.")
                .figure("40%", "turnout", "percent", Some(40.0), Some(40.0))
                .with(|f| f.precision = 0.5),
            doc("b.txt", B, "2026-06-08", "Turnout was 40.4%.")
                .figure("40.4%", "turnout", "percent", Some(40.4), Some(40.4))
                .with(|f| f.precision = 0.05),
            vec![],
        ),
        pair(
            "'$2.3 billion' and '$2,340,000,000'",
            doc("a.txt", A, "2026-06-08", "Damage reached $2.3 billion.")
                .figure("$2.3 billion", "damage", "USD", Some(2.3e9), Some(2.3e9))
                .with(|f| f.precision = 0.05e9),
            doc("b.txt", B, "2026-06-08", "Damage reached $2,340,000,000.").figure(
                "$2,340,000,000",
                "damage",
                "USD",
                Some(2.34e9),
                Some(2.34e9),
            ),
            vec![],
        ),
        pair(
            "'about 80' and 85",
            doc("a.txt", A, "2026-06-08", "About 80 died.").figure(
                "About 80",
                "killed",
                "count",
                Some(72.0),
                Some(88.0),
            ),
            count(
                doc("b.txt", B, "2026-06-08", "85 died."),
                "85",
                "killed",
                85.0,
            ),
            vec![],
        ),
    ];
    for c in cases {
        run(c);
    }
}

#[test]
fn values_that_cannot_both_be_true_disagree() {
    let cases = vec![
        Case {
            messages: vec!["killed: Valley Herald reports about 80; Coast Daily reports more than 120"],
            ..pair(
                "'about 80' and 'more than 120'",
                doc("a.txt", A, "2026-06-08", "About 80 died.").figure("About 80", "killed", "count", Some(72.0), Some(88.0)),
                doc("b.txt", B, "2026-06-08", "More than 120 died.")
                    .figure("More than 120", "killed", "count", Some(120.0), None)
                    .with(|f| f.value.low_open = true),
                vec![(FIGURE_MISMATCH, "killed", vec![vec!["a.txt|About 80"], vec!["b.txt|More than 120"]])],
            )
        },
        pair(
            "'seven killed' and '9 dead'",
            count(doc("a.txt", A, "2026-06-08", "Seven killed in blast."), "Seven", "killed", 7.0),
            count(doc("b.txt", B, "2026-06-08", "Blast leaves 9 dead."), "9", "killed", 9.0),
            vec![(FIGURE_MISMATCH, "killed", vec![vec!["a.txt|Seven"], vec!["b.txt|9"]])],
        ),
        pair(
            "'on June 8' and 'on Friday, June 9' for the same event",
            doc("a.txt", A, "2026-06-10", "The bridge fell on June 8.").figure("June 8", "event date", "date", Some(day(2026, 6, 8)), Some(day(2026, 6, 8))),
            doc("b.txt", B, "2026-06-10", "The bridge fell on Friday, June 9.").figure("Friday, June 9", "event date", "date", Some(day(2026, 6, 9)), Some(day(2026, 6, 9))),
            vec![(FIGURE_MISMATCH, "event date", vec![vec!["a.txt|June 8"], vec!["b.txt|Friday, June 9"]])],
        ),
        Case {
            name: "three outlets: the message names every outlet and value",
            docs: vec![
                count(doc("a.txt", A, "2026-06-08", "9 were killed."), "9", "killed", 9.0),
                count(doc("b.txt", B, "2026-06-08", "7 were killed."), "7", "killed", 7.0),
                count(doc("c.txt", C, "2026-06-08", "Seven were killed."), "Seven", "killed", 7.0),
                count(doc("d.txt", "Delta Wire", "2026-06-08", "7 were killed."), "7", "killed", 7.0),
            ],
            expect: vec![(FIGURE_MISMATCH, "killed", vec![vec!["a.txt|9"], vec!["b.txt|7", "c.txt|Seven", "d.txt|7"]])],
            messages: vec!["killed: Valley Herald reports 9; Coast Daily and Delta Wire report 7, Hill Times reports seven"],
            ..Case::default()
        },
        pair(
            "a rise and a fall of the same size",
            doc("a.txt", A, "2026-06-08", "Exports rose 7%.")
                .figure("7%", "exports change", "percent", Some(7.0), Some(7.0))
                .with(|f| f.direction = Some(Direction::Rise)),
            doc("b.txt", B, "2026-06-08", "Exports fell 7%.")
                .figure("7%", "exports change", "percent", Some(7.0), Some(7.0))
                .with(|f| f.direction = Some(Direction::Fall)),
            vec![(FIGURE_MISMATCH, "exports change", vec![vec!["a.txt|7%"], vec!["b.txt|7%"]])],
        ),
        Case {
            name: "a range between two values takes no side",
            docs: vec![
                count(doc("a.txt", A, "2026-06-08", "7 died."), "7", "killed", 7.0),
                count(doc("b.txt", B, "2026-06-08", "9 died."), "9", "killed", 9.0),
                doc("c.txt", C, "2026-06-08", "7 to 9 died.").figure("7 to 9", "killed", "count", Some(7.0), Some(9.0)),
            ],
            expect: vec![(FIGURE_MISMATCH, "killed", vec![vec!["a.txt|7"], vec!["b.txt|9"]])],
            ..Case::default()
        },
        Case {
            name: "an open figure that fits both sides takes none",
            docs: vec![
                doc("a.txt", A, "2026-06-08", "About 80 died.").figure("About 80", "killed", "count", Some(72.0), Some(88.0)),
                doc("b.txt", B, "2026-06-08", "More than 120 died.").figure("More than 120", "killed", "count", Some(120.0), None),
                doc("c.txt", C, "2026-06-08", "At least 30 died.").figure("At least 30", "killed", "count", Some(30.0), None),
            ],
            expect: vec![(FIGURE_MISMATCH, "killed", vec![vec!["a.txt|About 80"], vec!["b.txt|More than 120"]])],
            ..Case::default()
        },
        pair(
            "'at least 30' and 'fewer than 20'",
            doc("a.txt", A, "2026-06-08", "At least 30 died.").figure("At least 30", "killed", "count", Some(30.0), None),
            doc("b.txt", B, "2026-06-08", "Fewer than 20 died.").figure("Fewer than 20", "killed", "count", None, Some(20.0)),
            vec![(FIGURE_MISMATCH, "killed", vec![vec!["a.txt|At least 30"], vec!["b.txt|Fewer than 20"]])],
        ),
        Case {
            name: "an outlet changing its figure silently stays on both sides",
            docs: vec![
                count(doc("a.txt", A, "2026-06-08", "7 were killed."), "7", "killed", 7.0),
                count(doc("a2.txt", A, "2026-06-09", "9 were killed."), "9", "killed", 9.0),
                count(doc("b.txt", B, "2026-06-09", "9 were killed."), "9", "killed", 9.0),
            ],
            expect: vec![(FIGURE_MISMATCH, "killed", vec![vec!["a.txt|7"], vec!["a2.txt|9", "b.txt|9"]])],
            messages: vec!["killed: Valley Herald reports 7; Valley Herald and Coast Daily report 9"],
            ..Case::default()
        },
        pair(
            "a counted noun in sentences sharing context",
            count(doc("a.txt", A, "2026-06-08", "Three fire trucks reached the burning warehouse."), "Three", "trucks", 3.0),
            count(doc("b.txt", B, "2026-06-08", "Seven fire trucks were sent to the warehouse."), "Seven", "trucks", 7.0),
            vec![(FIGURE_MISMATCH, "trucks", vec![vec!["a.txt|Three"], vec!["b.txt|Seven"]])],
        ),
        pair(
            "articles without an outlet are named by their key",
            count(doc("a.txt", "", "", "7 died."), "7", "killed", 7.0),
            count(doc("b.txt", "", "", "9 died."), "9", "killed", 9.0),
            vec![(FIGURE_MISMATCH, "killed", vec![vec!["a.txt|7"], vec!["b.txt|9"]])],
        ),
        Case {
            name: "same value against different baselines is information",
            docs: vec![
                doc("a.txt", A, "2026-06-08", "Exports rose 7% year on year.")
                    .figure("7%", "exports change", "percent", Some(7.0), Some(7.0))
                    .with(|f| f.baseline = Some("year on year".into())),
                doc("b.txt", B, "2026-06-08", "Exports rose 7% compared with May.")
                    .figure("7%", "exports change", "percent", Some(7.0), Some(7.0))
                    .with(|f| f.baseline = Some("compared with May".into())),
            ],
            expect: vec![(BASELINE_DIFFERS, "exports change", vec![vec!["a.txt|7%"], vec!["b.txt|7%"]])],
            messages: vec!["exports change: Valley Herald reports 7% (year on year); Coast Daily reports 7% (compared with May) — the same value against different baselines"],
            ..Case::default()
        },
        Case {
            name: "same baseline, different values",
            docs: vec![
                doc("a.txt", A, "2026-06-08", "Exports rose 7% year on year.")
                    .figure("7%", "exports change", "percent", Some(7.0), Some(7.0))
                    .with(|f| f.baseline = Some("year on year".into())),
                doc("b.txt", B, "2026-06-08", "Exports rose 12% year-on-year.")
                    .figure("12%", "exports change", "percent", Some(12.0), Some(12.0))
                    .with(|f| f.baseline = Some("Year on  year".into())),
            ],
            expect: vec![(FIGURE_MISMATCH, "exports change", vec![vec!["a.txt|7%"], vec!["b.txt|12%"]])],
            ..Case::default()
        },
        pair(
            "an article updating itself is compared by its update",
            count(doc("a.txt", A, "2026-06-08", "7 died at first. The toll rose to 12."), "7", "killed", 7.0)
                .figure("12", "killed", "count", Some(12.0), Some(12.0))
                .with(|f| f.update = true),
            count(doc("b.txt", B, "2026-06-09", "9 were killed."), "9", "killed", 9.0),
            vec![(FIGURE_MISMATCH, "killed", vec![vec!["a.txt|12"], vec!["b.txt|9"]])],
        ),
        Case {
            name: "an update is compared with figures published after it",
            docs: vec![
                doc("a.txt", A, "2026-06-08T12:00", "Officials raised the toll to 9.")
                    .figure("9", "killed", "count", Some(9.0), Some(9.0))
                    .with(|f| f.update = true),
                count(doc("b.txt", B, "2026-06-08T15:00", "7 people died."), "7", "killed", 7.0),
            ],
            expect: vec![(FIGURE_MISMATCH, "killed", vec![vec!["a.txt|9"], vec!["b.txt|7"]])],
            ..Case::default()
        },
    ];
    for c in cases {
        run(c);
    }
}

#[test]
fn figures_that_are_never_compared() {
    let ignore = |subject: &str, story: Option<&str>| IgnoreRule {
        subject: subject.to_string(),
        story: story.map(str::to_string),
    };
    let seven = || {
        count(
            doc("a.txt", A, "2026-06-08", "7 were killed."),
            "7",
            "killed",
            7.0,
        )
    };
    let nine = || {
        count(
            doc("b.txt", B, "2026-06-08", "9 were killed."),
            "9",
            "killed",
            9.0,
        )
    };
    let cases = vec![
        pair(
            "different subjects",
            seven(),
            count(
                doc("b.txt", B, "2026-06-08", "9 were injured."),
                "9",
                "injured",
                9.0,
            ),
            vec![],
        ),
        pair(
            "a qualified subject is another subject",
            seven(),
            count(
                doc("b.txt", B, "2026-06-08", "9 children were killed."),
                "9",
                "killed: children",
                9.0,
            ),
            vec![],
        ),
        pair(
            "different units",
            seven(),
            doc("b.txt", B, "2026-06-08", "9% were killed.").figure(
                "9%",
                "killed",
                "percent",
                Some(9.0),
                Some(9.0),
            ),
            vec![],
        ),
        Case {
            name: "different stories: the football '12' never meets the disaster's",
            docs: vec![seven(), nine()],
            stories: vec![("a.txt", Some("s1")), ("b.txt", Some("s2"))],
            ..Case::default()
        },
        Case {
            name: "articles without a story",
            docs: vec![seven(), nine()],
            stories: vec![("a.txt", None), ("b.txt", None)],
            ..Case::default()
        },
        pair(
            "the same outlet twice",
            seven(),
            count(
                doc("b.txt", A, "2026-06-09", "9 were killed."),
                "9",
                "killed",
                9.0,
            ),
            vec![],
        ),
        pair(
            "the same outlet, written in another case",
            seven(),
            count(
                doc("b.txt", "VALLEY HERALD", "2026-06-09", "9 were killed."),
                "9",
                "killed",
                9.0,
            ),
            vec![],
        ),
        pair(
            "an update is not a contradiction of the earlier figure",
            count(
                doc("a.txt", A, "2026-06-08T10:00", "7 were killed."),
                "7",
                "killed",
                7.0,
            ),
            doc(
                "b.txt",
                B,
                "2026-06-08T12:00",
                "Officials raised the toll to 9.",
            )
            .figure("9", "killed", "count", Some(9.0), Some(9.0))
            .with(|f| f.update = true),
            vec![],
        ),
        pair(
            "an update the extractor did not flag: 'fell to two'",
            count(
                doc("a.txt", A, "2026-06-08", "Nine people were missing."),
                "Nine",
                "missing",
                9.0,
            ),
            count(
                doc(
                    "b.txt",
                    B,
                    "2026-06-10",
                    "The number of people missing fell to two.",
                ),
                "two",
                "missing",
                2.0,
            ),
            vec![],
        ),
        pair(
            "an update is not compared with a figure of unknown date",
            count(doc("a.txt", A, "", "7 were killed."), "7", "killed", 7.0),
            doc(
                "b.txt",
                B,
                "2026-06-08T12:00",
                "Officials raised the toll to 9.",
            )
            .figure("9", "killed", "count", Some(9.0), Some(9.0))
            .with(|f| f.update = true),
            vec![],
        ),
        pair(
            "different values against different baselines",
            doc("a.txt", A, "2026-06-08", "Exports rose 7% year on year.")
                .figure("7%", "exports change", "percent", Some(7.0), Some(7.0))
                .with(|f| f.baseline = Some("year on year".into())),
            doc(
                "b.txt",
                B,
                "2026-06-08",
                "Exports rose 2% compared with May.",
            )
            .figure("2%", "exports change", "percent", Some(2.0), Some(2.0))
            .with(|f| f.baseline = Some("compared with May".into())),
            vec![],
        ),
        pair(
            "a stated baseline against none",
            doc("a.txt", A, "2026-06-08", "Exports rose 7% year on year.")
                .figure("7%", "exports change", "percent", Some(7.0), Some(7.0))
                .with(|f| f.baseline = Some("year on year".into())),
            doc("b.txt", B, "2026-06-08", "Exports rose 2%.").figure(
                "2%",
                "exports change",
                "percent",
                Some(2.0),
                Some(2.0),
            ),
            vec![],
        ),
        pair(
            "suppressed inline",
            seven(),
            nine().ignore_line("9 were killed", &["killed"]),
            vec![],
        ),
        pair(
            "an inline suppression of another subject does not hide it",
            seven(),
            nine().ignore_line("9 were killed", &["injured"]),
            vec![(
                FIGURE_MISMATCH,
                "killed",
                vec![vec!["a.txt|7"], vec!["b.txt|9"]],
            )],
        ),
        Case {
            name: "suppressed by an [[ignore]] rule",
            docs: vec![seven(), nine()],
            ignore: vec![ignore("killed", None)],
            ..Case::default()
        },
        Case {
            name: "an [[ignore]] rule of a class covers its qualified subjects",
            docs: vec![
                count(
                    doc("a.txt", A, "2026-06-08", "7 children were killed."),
                    "7",
                    "killed: children",
                    7.0,
                ),
                count(
                    doc("b.txt", B, "2026-06-08", "9 children were killed."),
                    "9",
                    "killed: children",
                    9.0,
                ),
            ],
            ignore: vec![ignore("killed", None)],
            ..Case::default()
        },
        Case {
            name: "an [[ignore]] rule for the story",
            docs: vec![seven(), nine()],
            ignore: vec![ignore("killed", Some("s1"))],
            ..Case::default()
        },
        Case {
            name: "an [[ignore]] rule for another story does not apply",
            docs: vec![seven(), nine()],
            ignore: vec![ignore("killed", Some("s2")), ignore("kill", None)],
            expect: vec![(
                FIGURE_MISMATCH,
                "killed",
                vec![vec!["a.txt|7"], vec!["b.txt|9"]],
            )],
            ..Case::default()
        },
        pair(
            "a counted noun in unrelated sentences",
            count(
                doc("a.txt", A, "2026-06-08", "Three trucks blocked the bridge."),
                "Three",
                "trucks",
                3.0,
            ),
            count(
                doc(
                    "b.txt",
                    B,
                    "2026-06-08",
                    "The firm sold 31 trucks last year.",
                ),
                "31",
                "trucks",
                31.0,
            ),
            vec![],
        ),
        pair(
            "a relative day in an undated article",
            doc("a.txt", A, "", "The bridge fell on Friday.").figure(
                "Friday",
                "event date",
                "date",
                Some(day(2026, 6, 5)),
                Some(day(2026, 6, 5)),
            ),
            doc("b.txt", B, "2026-06-10", "The bridge fell on June 8.").figure(
                "June 8",
                "event date",
                "date",
                Some(day(2026, 6, 8)),
                Some(day(2026, 6, 8)),
            ),
            vec![],
        ),
        pair(
            "the same word resolved to different days",
            doc("a.txt", A, "2026-06-08", "The bridge fell on Sunday.").figure(
                "Sunday",
                "event date",
                "date",
                Some(day(2026, 6, 7)),
                Some(day(2026, 6, 7)),
            ),
            doc("b.txt", B, "2026-06-16", "The bridge fell on Sunday.").figure(
                "Sunday",
                "event date",
                "date",
                Some(day(2026, 6, 14)),
                Some(day(2026, 6, 14)),
            ),
            vec![],
        ),
        pair(
            "a bare year against a day",
            doc("a.txt", A, "2026-06-10", "It happened in 2023.").figure(
                "2023",
                "event date",
                "date",
                Some(day(2023, 1, 1)),
                Some(day(2023, 12, 31)),
            ),
            doc("b.txt", B, "2026-06-10", "It happened on June 8.").figure(
                "June 8",
                "event date",
                "date",
                Some(day(2026, 6, 8)),
                Some(day(2026, 6, 8)),
            ),
            vec![],
        ),
        pair(
            "subjects that do not say what is counted",
            count(
                doc("a.txt", A, "2026-06-08", "7 were counted."),
                "7",
                "count",
                7.0,
            ),
            count(
                doc("b.txt", B, "2026-06-08", "9 were counted."),
                "9",
                "count",
                9.0,
            ),
            vec![],
        ),
        pair(
            "an article giving two values for the subject is left out",
            count(
                doc("a.txt", A, "2026-06-08", "7 died. Later 12 died."),
                "7",
                "killed",
                7.0,
            )
            .figure("12", "killed", "count", Some(12.0), Some(12.0)),
            count(
                doc("b.txt", B, "2026-06-08", "9 were killed."),
                "9",
                "killed",
                9.0,
            ),
            vec![],
        ),
        Case {
            name: "four different values are four quantities, not a disagreement",
            docs: vec![
                doc("a.txt", A, "2026-06-08", "He got 4 years.").figure(
                    "4 years",
                    "duration: sentence",
                    "s",
                    Some(4.0 * 3.15e7),
                    Some(4.0 * 3.15e7),
                ),
                doc("b.txt", B, "2026-06-08", "He got 10 years.").figure(
                    "10 years",
                    "duration: sentence",
                    "s",
                    Some(10.0 * 3.15e7),
                    Some(10.0 * 3.15e7),
                ),
                doc("c.txt", C, "2026-06-08", "He got 6 months.").figure(
                    "6 months",
                    "duration: sentence",
                    "s",
                    Some(0.5 * 3.15e7),
                    Some(0.5 * 3.15e7),
                ),
                doc("d.txt", "Delta Wire", "2026-06-08", "He got 3 years.").figure(
                    "3 years",
                    "duration: sentence",
                    "s",
                    Some(3.0 * 3.15e7),
                    Some(3.0 * 3.15e7),
                ),
            ],
            ..Case::default()
        },
        pair(
            "figures without a subject or with nonsense values",
            doc("a.txt", A, "2026-06-08", "7 and 8 and 9.")
                .figure("7", "", "count", Some(7.0), Some(7.0))
                .figure("8", "killed", "count", Some(f64::NAN), Some(8.0)),
            doc("b.txt", B, "2026-06-08", "9 and 10.")
                .figure("9", "", "count", Some(9.0), Some(9.0))
                .figure("10", "killed", "count", Some(12.0), Some(10.0)),
            vec![],
        ),
    ];
    for c in cases {
        run(c);
    }
}

#[test]
fn findings_are_ordered_by_story_then_subject() {
    let docs = sorted(vec![
        doc("a.txt", A, "2026-06-08", "7 killed, 3 hurt.")
            .figure("7", "killed", "count", Some(7.0), Some(7.0))
            .figure("3", "injured", "count", Some(3.0), Some(3.0))
            .build(),
        doc("b.txt", B, "2026-06-08", "9 killed, 5 hurt.")
            .figure("9", "killed", "count", Some(9.0), Some(9.0))
            .figure("5", "injured", "count", Some(5.0), Some(5.0))
            .build(),
        count(
            doc("c.txt", A, "2026-06-08", "2 killed."),
            "2",
            "killed",
            2.0,
        )
        .build(),
        count(
            doc("d.txt", B, "2026-06-08", "4 killed."),
            "4",
            "killed",
            4.0,
        )
        .build(),
    ]);
    let stories = vec![
        Some("s10".into()),
        Some("s10".into()),
        Some("s2".into()),
        Some("s2".into()),
    ];
    let found = find(&docs, &stories, &Config::default());
    let keys: Vec<(String, String)> = found
        .iter()
        .map(|d| (d.story.clone().unwrap_or_default(), d.subject.clone()))
        .collect();
    assert_eq!(
        keys,
        vec![
            ("s2".to_string(), "killed".to_string()),
            ("s10".to_string(), "injured".to_string()),
            ("s10".to_string(), "killed".to_string()),
        ]
    );
}

#[test]
fn many_figures_in_one_story_stay_cheap_and_grouped() {
    // 400 outlets agreeing on 7 and one outlet saying 9: one disagreement, two sides.
    let mut docs: Vec<DocBuilder> = (0..400)
        .map(|i| {
            count(
                doc(
                    &format!("d{i:03}.txt"),
                    &format!("Outlet {i}"),
                    "2026-06-08",
                    "7 died.",
                ),
                "7",
                "killed",
                7.0,
            )
        })
        .collect();
    docs.push(count(
        doc("z.txt", "Lone Outlet", "2026-06-08", "9 died."),
        "9",
        "killed",
        9.0,
    ));
    let docs = sorted(docs.into_iter().map(DocBuilder::build).collect());
    let stories = vec![Some("s1".to_string()); docs.len()];
    let found = find(&docs, &stories, &Config::default());
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].sides.len(), 2);
    assert_eq!(found[0].sides[0].len(), 400);
    assert!(found[0].message.starts_with("killed: Outlet 0, Outlet 1,"));
}

#[test]
fn disagreements_of_chosen_stories_match_the_whole_workspace_pass() {
    // The language server recomputes only the stories an edit touched: for every story of
    // the sample corpus, its members alone must give exactly `find`'s findings for it.
    let dir = std::path::PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/articles"));
    let (a, _) = crate::cli::analyze_paths(&[dir]).expect("sample corpus");
    let config = Config::default();
    let all = find(&a.docs, &a.stories, &config);
    let mut ids: Vec<&String> = a.stories.iter().flatten().collect();
    ids.sort();
    ids.dedup();
    assert!(ids.len() >= 2 && !all.is_empty(), "{ids:?}");
    for id in &ids {
        let members: Vec<usize> = (0..a.docs.len())
            .filter(|&d| a.stories[d].as_ref() == Some(*id))
            .collect();
        let expected: Vec<&Disagreement> = all
            .iter()
            .filter(|x| x.story.as_ref() == Some(*id))
            .collect();
        let got = find_in_stories(&a.docs, &a.stories, &members, &config);
        assert_eq!(got.iter().collect::<Vec<_>>(), expected, "story {id}");
    }
    // every story at once, members in any order, is the whole pass
    let mut everyone: Vec<usize> = (0..a.docs.len()).rev().collect();
    everyone.extend(0..a.docs.len());
    assert_eq!(
        find_in_stories(&a.docs, &a.stories, &everyone, &config),
        all
    );
    assert!(find_in_stories(&a.docs, &a.stories, &[], &config).is_empty());
    assert!(find_in_stories(&a.docs, &a.stories, &[usize::MAX], &config).is_empty());
}
