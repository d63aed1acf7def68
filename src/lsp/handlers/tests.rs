//! Handler tests on a hand-built analysis (independent of the extractors): two outlets
//! report a footbridge collapse, disagree on the death toll ("Seven" vs "9"), name the same
//! mayor and repeat her quote verbatim. The second article has an emoji and accents before
//! its figure, so utf-8 and utf-16 columns differ.

use super::*;
use crate::article::ArticleFacts;
use crate::claims::{Claim, Occurrence};
use crate::config::{Config, IgnoreRule};
use crate::dates::{Date, DateTime};
use crate::disagreements::{Disagreement, FigureRef, Severity};
use crate::figures::{Figure, Hedge, Interval};
use crate::lsp::snapshot::Snapshot;
use crate::people::{Entity, PersonMention};
use crate::position::Encoding;
use crate::quotes::{Quote, QuoteKind};
use crate::workspace::{Analysis, Doc};
use crate::Span;
use std::str::FromStr;
use std::sync::Arc;

const HERALD: &str = "---\noutlet: The Valley Herald\npublished: 2026-06-08\n---\n\
Seven people were killed when the footbridge collapsed, Mayor Ana María Ruiz said.\n\
\"We are devastated by this loss,\" Ruiz told reporters.\n";
const COASTAL: &str = "---\noutlet: Coastal Daily\npublished: 2026-06-09\n---\n\
En Puerto Claro 😀 Zoë saw it: 9 people died, according to Ana María Ruiz.\n\
\"We are devastated by this loss,\" Ruiz said.\n";

const HERALD_KEY: &str = "file:///ws/a-herald.txt";
const COASTAL_KEY: &str = "file:///ws/b-coastal.txt";

fn span_of(text: &str, needle: &str, nth: usize) -> Span {
    let mut from = 0;
    let mut found = 0;
    loop {
        let i = text[from..].find(needle).expect("needle") + from;
        found += 1;
        if found == nth {
            return Span::new(i, i + needle.len());
        }
        from = i + needle.len();
    }
}

fn mention(text: &str, name: &str, nth: usize, role: Option<&str>) -> PersonMention {
    PersonMention {
        span: span_of(text, name, nth),
        name: name.into(),
        full_name: "Ana María Ruiz".into(),
        role: role.map(Into::into),
        roles: role.map(Into::into).into_iter().collect(),
    }
}

/// The figure `written` just before " people".
fn figure(text: &str, written: &str, value: f64) -> Figure {
    let at = span_of(text, &format!("{written} people"), 1).start;
    Figure {
        span: Span::new(at, at + written.len()),
        value: Interval::exact(value),
        unit: "count",
        precision: 0.0,
        hedge: Hedge::Exact,
        subject: "killed".into(),
        baseline: None,
        direction: None,
        update: false,
        sentence: 0,
    }
}

fn quote(text: &str) -> Quote {
    Quote {
        span: span_of(text, "We are devastated by this loss", 1),
        sentence: 1,
        kind: QuoteKind::Direct,
        speaker: Some(1),
        speaker_text: None,
        attributed_elsewhere: false,
        credited: None,
    }
}

fn facts(
    text: &str,
    outlet: &str,
    day: u32,
    people: Vec<PersonMention>,
    fig: Figure,
) -> ArticleFacts {
    let mut f = ArticleFacts::default();
    f.meta.outlet = Some(outlet.to_string());
    f.meta.published = Some(DateTime {
        date: Date::new(2026, 6, day).unwrap(),
        minutes: None,
    });
    f.people = people;
    f.figures = vec![fig];
    f.quotes = vec![quote(text)];
    f
}

fn analysis() -> Analysis {
    let herald = facts(
        HERALD,
        "The Valley Herald",
        8,
        vec![
            mention(HERALD, "Ana María Ruiz", 1, Some("mayor")),
            mention(HERALD, "Ruiz", 2, None),
        ],
        figure(HERALD, "Seven", 7.0),
    );
    let coastal = facts(
        COASTAL,
        "Coastal Daily",
        9,
        vec![
            mention(COASTAL, "Ana María Ruiz", 1, None),
            mention(COASTAL, "Ruiz", 2, None),
        ],
        figure(COASTAL, "9", 9.0),
    );
    let docs = vec![
        Doc {
            key: HERALD_KEY.into(),
            text: Arc::from(HERALD),
            facts: Arc::new(herald),
        },
        Doc {
            key: COASTAL_KEY.into(),
            text: Arc::from(COASTAL),
            facts: Arc::new(coastal),
        },
    ];
    let quote_in = |doc: usize, text: &str| Occurrence {
        doc,
        span: span_of(text, "We are devastated by this loss", 1),
    };
    Analysis {
        docs,
        entities: vec![Arc::new(Entity {
            id: "p-ana-maria-ruiz".into(),
            name: "Ana María Ruiz".into(),
            roles: vec![(0, "mayor".into())],
            mentions: vec![(0, 0), (0, 1), (1, 0), (1, 1)],
            description: Some("Mayor of Puerto Claro since 2022".into()),
        })],
        stories: std::sync::Arc::new(vec![Some("s1".into()), Some("s1".into())]),
        claims: vec![Arc::new(Claim {
            id: "c-1".into(),
            text: "We are devastated by this loss".into(),
            source: quote_in(0, HERALD),
            occurrences: vec![quote_in(0, HERALD), quote_in(1, COASTAL)],
        })],
        disagreements: vec![std::sync::Arc::new(Disagreement {
            rule: "figure-mismatch",
            story: Some("s1".into()),
            subject: "killed".into(),
            severity: Severity::Warning,
            message: "killed: The Valley Herald reports 7; Coastal Daily reports 9".into(),
            sides: vec![
                vec![FigureRef { doc: 0, figure: 0 }],
                vec![FigureRef { doc: 1, figure: 0 }],
            ],
        })],
    }
}

fn snapshot_with(config: Config, enc: Encoding) -> Snapshot {
    Snapshot::new(
        1,
        Arc::new(analysis()),
        Arc::new(config),
        vec![None, None],
        vec![None, None],
        None,
        enc,
    )
}

fn snapshot() -> Snapshot {
    snapshot_with(Config::default(), Encoding::Utf16)
}

fn uri(key: &str) -> Uri {
    Uri::from_str(key).unwrap()
}

/// LSP position of the `nth` occurrence of `needle` (+ `delta` bytes) in a doc.
fn pos(snap: &Snapshot, doc: usize, needle: &str, nth: usize, delta: usize) -> Position {
    let text = snap.text(doc);
    let s = span_of(text, needle, nth);
    let r = snap
        .lines(doc)
        .unwrap()
        .range(Span::new(s.start + delta, s.start + delta));
    r.start
}

fn tdp(key: &str, p: Position) -> TextDocumentPositionParams {
    TextDocumentPositionParams {
        text_document: TextDocumentIdentifier { uri: uri(key) },
        position: p,
    }
}

fn hover_text(snap: &Snapshot, key: &str, p: Position) -> String {
    let h = hover(
        snap,
        HoverParams {
            text_document_position_params: tdp(key, p),
            work_done_progress_params: Default::default(),
        },
    )
    .expect("a hover");
    match h.contents {
        HoverContents::Markup(m) => {
            assert_eq!(m.kind, MarkupKind::Markdown);
            m.value
        }
        other => panic!("{other:?}"),
    }
}

fn slice_at(snap: &Snapshot, doc: usize, r: Range) -> String {
    snap.lines(doc)
        .unwrap()
        .span(r)
        .slice(snap.text(doc))
        .to_string()
}

#[test]
fn hovers_tell_what_each_outlet_says() {
    let snap = snapshot();
    // (doc, key, needle, nth, snippets the card must contain)
    let cases: &[(usize, &str, &str, usize, &[&str])] = &[
        (
            0,
            HERALD_KEY,
            "Seven",
            1,
            &[
                "**7** — killed",
                "Coastal Daily (2026-06-09): “9” = 9",
                "✗ disagrees",
            ],
        ),
        (
            1,
            COASTAL_KEY,
            "9 people",
            1,
            &[
                "**9** — killed",
                "The Valley Herald (2026-06-08): “Seven” = 7",
            ],
        ),
        (
            0,
            HERALD_KEY,
            "Ruiz",
            2,
            &[
                "**Ana María Ruiz**",
                "Mayor of Puerto Claro since 2022",
                "- The Valley Herald: mayor",
                "**Mentioned in 2 articles**",
                "- The Valley Herald (2026-06-08): 2 mentions",
                "- Coastal Daily (2026-06-09): 2 mentions",
                "“We are devastated by this loss” — The Valley Herald",
            ],
        ),
        (
            1,
            COASTAL_KEY,
            "devastated",
            1,
            &[
                "**Repeated claim** — source: The Valley Herald, 2026-06-08",
                "> We are devastated by this loss",
                "- Coastal Daily (2026-06-09)",
            ],
        ),
        (
            0,
            HERALD_KEY,
            "devastated",
            1,
            &["this is the source (The Valley Herald, 2026-06-08)"],
        ),
    ];
    for &(doc, key, needle, nth, want) in cases {
        let text = hover_text(&snap, key, pos(&snap, doc, needle, nth, 1));
        for w in want {
            assert!(text.contains(w), "{needle}: missing {w:?} in\n{text}");
        }
    }
}

#[test]
fn hover_range_covers_the_target_and_nothing_else_answers_none() {
    let snap = snapshot();
    let h = hover(
        &snap,
        HoverParams {
            text_document_position_params: tdp(HERALD_KEY, pos(&snap, 0, "Seven", 1, 2)),
            work_done_progress_params: Default::default(),
        },
    )
    .unwrap();
    assert_eq!(slice_at(&snap, 0, h.range.unwrap()), "Seven");
    let nothing = hover(
        &snap,
        HoverParams {
            text_document_position_params: tdp(HERALD_KEY, pos(&snap, 0, "footbridge", 1, 2)),
            work_done_progress_params: Default::default(),
        },
    );
    assert!(nothing.is_none());
}

#[test]
fn definitions_lead_to_the_origin() {
    let snap = snapshot();
    // (from doc, key, needle, nth) → (target doc, text at the target)
    let cases = [
        (
            (1, COASTAL_KEY, "devastated", 1),
            (0, "We are devastated by this loss"),
        ),
        ((1, COASTAL_KEY, "Ruiz", 2), (0, "Ana María Ruiz")),
        ((0, HERALD_KEY, "Ruiz", 2), (0, "Ana María Ruiz")),
        ((1, COASTAL_KEY, "9 people", 1), (0, "Seven")),
        ((0, HERALD_KEY, "Seven", 1), (0, "Seven")),
    ];
    for ((doc, key, needle, nth), (want_doc, want_text)) in cases {
        let res = definition(
            &snap,
            GotoDefinitionParams {
                text_document_position_params: tdp(key, pos(&snap, doc, needle, nth, 0)),
                work_done_progress_params: Default::default(),
                partial_result_params: Default::default(),
            },
        );
        let Some(GotoDefinitionResponse::Scalar(loc)) = res else {
            panic!("{needle}: {res:?}");
        };
        let want_key = [HERALD_KEY, COASTAL_KEY][want_doc];
        assert_eq!(loc.uri.as_str(), want_key, "{needle}");
        assert_eq!(slice_at(&snap, want_doc, loc.range), want_text, "{needle}");
    }
}

#[test]
fn references_and_highlights_gather_the_same_thing() {
    let snap = snapshot();
    // (doc, key, needle, nth, number of references, highlights in that doc)
    let cases = [
        (0, HERALD_KEY, "Ruiz", 2, 4, 2),
        (1, COASTAL_KEY, "devastated", 1, 2, 1),
        (1, COASTAL_KEY, "9 people", 1, 2, 1),
    ];
    for (doc, key, needle, nth, refs, highlights) in cases {
        let p = pos(&snap, doc, needle, nth, 0);
        let locs = references(
            &snap,
            ReferenceParams {
                text_document_position: tdp(key, p),
                work_done_progress_params: Default::default(),
                partial_result_params: Default::default(),
                context: ReferenceContext {
                    include_declaration: true,
                },
            },
        )
        .unwrap();
        assert_eq!(locs.len(), refs, "{needle}: {locs:?}");
        let hl = document_highlight(
            &snap,
            DocumentHighlightParams {
                text_document_position_params: tdp(key, p),
                work_done_progress_params: Default::default(),
                partial_result_params: Default::default(),
            },
        )
        .unwrap();
        assert_eq!(hl.len(), highlights, "{needle}");
    }
}

#[test]
fn diagnostics_mark_every_figure_of_a_disagreement_in_either_encoding() {
    for enc in [Encoding::Utf16, Encoding::Utf8] {
        let snap = snapshot_with(Config::default(), enc);
        for (doc, written, other) in [(0, "Seven", "9"), (1, "9", "Seven")] {
            let diags = diagnostics::for_doc(&snap, doc);
            assert_eq!(diags.len(), 1, "{diags:?}");
            let d = &diags[0];
            assert_eq!(slice_at(&snap, doc, d.range), written);
            assert_eq!(d.severity, Some(DiagnosticSeverity::WARNING));
            assert_eq!(d.source.as_deref(), Some("corroborate"));
            assert_eq!(
                d.code,
                Some(NumberOrString::String("figure-mismatch".into()))
            );
            let related = d.related_information.as_ref().unwrap();
            assert_eq!(related.len(), 1);
            let other_doc = 1 - doc;
            assert_eq!(slice_at(&snap, other_doc, related[0].location.range), other);
        }
        // The figure after the emoji and accents: columns differ by encoding.
        let d = &diagnostics::for_doc(&snap, 1)[0];
        let line = COASTAL.lines().nth(4).unwrap();
        let before = &line[..line.find("9 people").unwrap()];
        let want = match enc {
            Encoding::Utf16 => before.encode_utf16().count(),
            Encoding::Utf8 => before.len(),
        };
        assert_eq!(d.range.start, Position::new(4, want as u32), "{enc:?}");
    }
}

#[test]
fn ignore_rules_and_problems_shape_the_diagnostics() {
    let config = Config {
        ignore: vec![IgnoreRule {
            subject: "killed".into(),
            story: Some("s1".into()),
        }],
        ..Config::default()
    };
    let snap = snapshot_with(config, Encoding::Utf16);
    assert!(diagnostics::for_doc(&snap, 0).is_empty());
    let other_story = Config {
        ignore: vec![IgnoreRule {
            subject: "killed".into(),
            story: Some("s2".into()),
        }],
        ..Config::default()
    };
    let snap = snapshot_with(other_story, Encoding::Utf16);
    assert_eq!(diagnostics::for_doc(&snap, 0).len(), 1);

    let mut a = analysis();
    let mut facts = (*a.docs[0].facts).clone();
    facts.problems = vec!["no outlet found".into()];
    a.docs[0].facts = Arc::new(facts);
    let snap = Snapshot::new(
        1,
        Arc::new(a),
        Arc::default(),
        vec![None, None],
        vec![None, None],
        None,
        Encoding::Utf16,
    );
    let diags = diagnostics::for_doc(&snap, 0);
    let hint = diags
        .iter()
        .find(|d| d.severity == Some(DiagnosticSeverity::HINT))
        .unwrap();
    assert_eq!(hint.message, "no outlet found");
    assert_eq!(hint.range.start, Position::new(0, 0));
}

#[test]
fn code_actions_replace_the_figure_or_ignore_the_disagreement() {
    let snap = snapshot();
    let diag = diagnostics::for_doc(&snap, 0).remove(0);
    let res = code_action(
        &snap,
        CodeActionParams {
            text_document: TextDocumentIdentifier {
                uri: uri(HERALD_KEY),
            },
            range: diag.range,
            context: CodeActionContext {
                diagnostics: vec![diag.clone()],
                ..Default::default()
            },
            work_done_progress_params: Default::default(),
            partial_result_params: Default::default(),
        },
    )
    .unwrap();
    let actions: Vec<CodeAction> = res
        .into_iter()
        .map(|a| match a {
            CodeActionOrCommand::CodeAction(a) => a,
            other => panic!("{other:?}"),
        })
        .collect();
    assert_eq!(actions.len(), 2, "{actions:#?}");
    assert_eq!(actions[0].title, "Replace with “9” (Coastal Daily: 9)");
    let edits = &actions[0].edit.as_ref().unwrap().changes.as_ref().unwrap()[&uri(HERALD_KEY)];
    assert_eq!(edits[0].new_text, "9");
    assert_eq!(slice_at(&snap, 0, edits[0].range), "Seven");
    assert!(actions[1].title.starts_with("Ignore this disagreement"));
    let cmd = actions[1].command.as_ref().unwrap();
    assert_eq!(cmd.command, actions::IGNORE_COMMAND);
    assert_eq!(
        cmd.arguments.as_ref().unwrap()[0],
        serde_json::json!({"subject": "killed", "story": "s1", "uri": uri(HERALD_KEY).as_str()})
    );
    // A client that passes no diagnostics gets the same actions at the figure; elsewhere,
    // with only foreign diagnostics, none.
    let request = |range: Range, diagnostics: Vec<Diagnostic>| {
        code_action(
            &snap,
            CodeActionParams {
                text_document: TextDocumentIdentifier {
                    uri: uri(HERALD_KEY),
                },
                range,
                context: CodeActionContext {
                    diagnostics,
                    ..Default::default()
                },
                work_done_progress_params: Default::default(),
                partial_result_params: Default::default(),
            },
        )
        .unwrap()
    };
    let cursor = Range::new(diag.range.start, diag.range.start);
    assert_eq!(request(cursor, Vec::new()).len(), 2);
    let elsewhere = {
        let p = pos(&snap, 0, "footbridge", 1, 0);
        Range::new(p, p)
    };
    let mut foreign = diag;
    foreign.source = Some("spellcheck".into());
    foreign.range = elsewhere;
    assert!(request(elsewhere, vec![foreign]).is_empty());
}

#[test]
fn lenses_name_the_source_and_count_repeating_outlets() {
    let snap = snapshot();
    let title = |doc: usize| {
        let lenses = lens::code_lenses(&snap, doc);
        assert_eq!(lenses.len(), 1);
        lenses[0].command.as_ref().unwrap().title.clone()
    };
    assert_eq!(
        title(0),
        "source: this article, 2026-06-08 · repeated by 1 outlet"
    );
    assert_eq!(
        title(1),
        "source: The Valley Herald, 2026-06-08 · repeated by 1 outlet"
    );
}

#[test]
fn symbols_list_people_figures_and_claims() {
    let snap = snapshot();
    let names: Vec<String> = symbols::document_symbols(&snap, 0)
        .into_iter()
        .map(|s| s.name)
        .collect();
    assert_eq!(
        names,
        vec![
            "Seven (killed)",
            "Ana María Ruiz",
            "We are devastated by this loss"
        ]
    );
    // (query, expected symbol names)
    let cases: &[(&str, &[&str])] = &[
        ("ruiz", &["Ana María Ruiz"]),
        ("maria", &["Ana María Ruiz"]),
        ("devast", &["We are devastated by this loss"]),
        ("zzz", &[]),
    ];
    for &(q, want) in cases {
        let got: Vec<String> = symbols::workspace_symbols(&snap, q)
            .into_iter()
            .map(|s| s.name)
            .collect();
        assert_eq!(got, want, "{q}");
    }
    assert_eq!(symbols::workspace_symbols(&snap, "").len(), 2);
}

#[test]
fn inlay_hints_show_values_written_in_words_unless_switched_off() {
    let snap = snapshot();
    let all = Span::new(0, HERALD.len());
    let hints = inlay::inlay_hints(&snap, 0, all);
    assert_eq!(hints.len(), 1);
    assert!(matches!(&hints[0].label, InlayHintLabel::String(s) if s == "= 7"));
    assert_eq!(hints[0].position, pos(&snap, 0, "Seven", 1, 5));
    assert!(inlay::inlay_hints(&snap, 1, Span::new(0, COASTAL.len())).is_empty());
    let mut off = Config::default();
    off.lsp.inlay_hints = false;
    let snap = snapshot_with(off, Encoding::Utf16);
    assert!(inlay::inlay_hints(&snap, 0, all).is_empty());
}

#[test]
fn handlers_survive_positions_anywhere_in_the_text() {
    let snap = snapshot();
    for (doc, key) in [(0, HERALD_KEY), (1, COASTAL_KEY)] {
        let lines = snap.text(doc).lines().count() as u32 + 2;
        for line in 0..lines {
            for ch in (0..120).step_by(3) {
                let p = Position::new(line, ch);
                let _ = hover(
                    &snap,
                    HoverParams {
                        text_document_position_params: tdp(key, p),
                        work_done_progress_params: Default::default(),
                    },
                );
                let _ = definition(
                    &snap,
                    GotoDefinitionParams {
                        text_document_position_params: tdp(key, p),
                        work_done_progress_params: Default::default(),
                        partial_result_params: Default::default(),
                    },
                );
            }
        }
    }
}

#[test]
fn reported_speech_is_not_shown_in_quotation_marks() {
    let mut a = analysis();
    for d in &mut a.docs {
        let mut facts = (*d.facts).clone();
        facts.quotes[0].kind = QuoteKind::Indirect;
        d.facts = Arc::new(facts);
    }
    let snap = Snapshot::new(
        1,
        Arc::new(a),
        Arc::default(),
        vec![None, None],
        vec![None, None],
        None,
        Encoding::Utf16,
    );
    let p = pos(&snap, 0, "Ruiz", 2, 1);
    let text = hover_text(&snap, HERALD_KEY, p);
    assert!(
        text.contains("We are devastated by this loss _(reported)_ — The Valley Herald"),
        "{text}"
    );
    assert!(!text.contains("“We are devastated"), "{text}");
}
