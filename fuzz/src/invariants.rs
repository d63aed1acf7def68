//! Invariants every analysis must hold whatever its input, shared by the fuzz targets and
//! `tests/properties.rs` (both include this file with `#[path]`). They check safety and
//! internal consistency, not quality: every span lies on char boundaries inside its text,
//! every index points at something, every value is a number, output is deterministic.
//! A violation panics with a message naming the broken rule.

#![allow(dead_code)]

use corroborate::article::ArticleFacts;
use corroborate::workspace::Analysis;
use corroborate::Span;

/// `span` is a valid slice of `text`.
pub fn check_span(text: &str, span: Span, what: &str) {
    assert!(
        span.start <= span.end && span.end <= text.len(),
        "{what}: span {span:?} outside text of {} bytes",
        text.len()
    );
    assert!(
        text.is_char_boundary(span.start) && text.is_char_boundary(span.end),
        "{what}: span {span:?} not on char boundaries"
    );
}

/// Spans are in order and do not overlap.
fn check_ordered(spans: &[Span], what: &str) {
    for w in spans.windows(2) {
        assert!(
            w[0].end <= w[1].start,
            "{what}: {:?} then {:?} out of order or overlapping",
            w[0],
            w[1]
        );
    }
}

fn check_number(v: Option<f64>, what: &str) {
    if let Some(x) = v {
        assert!(!x.is_nan(), "{what}: NaN");
    }
}

/// Everything one article's facts promise about `text`.
pub fn check_facts(text: &str, facts: &ArticleFacts) {
    for s in &facts.meta.lines {
        check_span(text, *s, "metadata line");
    }
    for s in &facts.body {
        check_span(text, *s, "body paragraph");
    }
    check_ordered(&facts.body, "body paragraphs");
    for s in &facts.sentences {
        check_span(text, *s, "sentence");
    }
    check_ordered(&facts.sentences, "sentences");
    for p in &facts.people {
        check_span(text, p.span, "person mention");
    }
    for f in &facts.figures {
        check_span(text, f.span, "figure");
        assert!(
            (f.sentence as usize) < facts.sentences.len(),
            "figure {:?}: sentence {} of {}",
            f.span,
            f.sentence,
            facts.sentences.len()
        );
        check_number(f.value.low, "figure low");
        check_number(f.value.high, "figure high");
        if let (Some(lo), Some(hi)) = (f.value.low, f.value.high) {
            assert!(lo <= hi, "figure {:?}: low {lo} > high {hi}", f.span);
        }
        assert!(
            f.precision.is_finite() && f.precision >= 0.0,
            "figure {:?}: precision {}",
            f.span,
            f.precision
        );
        // Printing a figure must not panic either (dates far from now, infinities …).
        let _ = corroborate::figures::describe_value(f);
    }
    for q in &facts.quotes {
        check_span(text, q.span, "quote");
        assert!(
            (q.sentence as usize) < facts.sentences.len(),
            "quote sentence index"
        );
        if let Some(s) = q.speaker {
            assert!((s as usize) < facts.people.len(), "quote speaker index {s}");
        }
    }
    for (line, _) in &facts.ignores {
        check_span(text, *line, "ignore comment");
    }
    if let Some(p) = facts.meta.published {
        let _ = p.iso();
    }
}

/// Everything a workspace analysis promises: per-article facts, then cross-article indices.
pub fn check_analysis(a: &Analysis) {
    for w in a.docs.windows(2) {
        assert!(w[0].key <= w[1].key, "docs not sorted by key");
    }
    for d in &a.docs {
        check_facts(&d.text, &d.facts);
    }
    assert_eq!(a.stories.len(), a.docs.len(), "one story slot per doc");
    for e in &a.entities {
        for &(doc, m) in &e.mentions {
            assert!(
                doc < a.docs.len() && m < a.docs[doc].facts.people.len(),
                "entity {} mention ({doc}, {m}) dangling",
                e.id
            );
        }
        for (doc, _) in &e.roles {
            assert!(
                *doc < a.docs.len(),
                "entity {} role doc {doc} dangling",
                e.id
            );
        }
    }
    for c in &a.claims {
        assert!(
            c.occurrences.contains(&c.source),
            "claim {}: source not among its occurrences",
            c.id
        );
        for o in &c.occurrences {
            assert!(o.doc < a.docs.len(), "claim {}: doc {}", c.id, o.doc);
            check_span(&a.docs[o.doc].text, o.span, "claim occurrence");
        }
    }
    for x in &a.disagreements {
        assert!(
            x.sides.len() >= 2,
            "disagreement {} has {} side(s)",
            x.subject,
            x.sides.len()
        );
        for r in x.figures() {
            assert!(
                r.doc < a.docs.len() && r.figure < a.docs[r.doc].facts.figures.len(),
                "disagreement {}: dangling figure {r:?}",
                x.subject
            );
            // Figures are compared only inside one story.
            assert!(
                a.stories[r.doc].is_some() && a.stories[r.doc] == x.story,
                "disagreement {} (story {:?}) cites doc {} of story {:?}",
                x.subject,
                x.story,
                r.doc,
                a.stories[r.doc]
            );
        }
    }
}

/// Print an analysis both ways (human and JSON), as `check` would: the printers slice text
/// with the core's spans, so they are part of what must never panic.
pub fn check_printers(a: &Analysis) {
    let mut sink = Vec::new();
    corroborate::cli::human::write(&mut sink, a).expect("human printer");
    let v = corroborate::cli::json::to_value(a, &[]);
    serde_json::to_string(&v).expect("json printer");
}
