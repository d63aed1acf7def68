//! Claim units: sentences and direct quotes, as content-word sequences.

use crate::quotes::QuoteKind;
use crate::workspace::Doc;
use crate::Span;

/// Units with fewer content words are fragments, never claims.
pub(crate) const MIN_CONTENT_WORDS: usize = 4;
/// A statement of plain words ("It tipped over slowly and then all at once, before the
/// lights went out") may have one content word fewer when it is at least this long; it
/// then matches only when all its content words recur in order.
pub(crate) const MIN_TOKENS_OF_PLAIN_STATEMENT: usize = 8;

/// Phrases of page and wire boilerplate: a sentence holding one is never a claim.
const BOILERPLATE: &[&str] = &[
    "all rights reserved",
    "copyright",
    "contributed to this report",
    "contributed reporting",
    "sign up",
    "subscribe",
    "click here",
    "follow us",
    "newsletter",
    "read more",
    "terms of use",
    "privacy policy",
    "cookies",
    "this story has been",
    "this article has been",
    "this report has been updated",
    "editing by",
    "reporting by",
];

/// Kinds of unit, in the order an occurrence prefers them when several overlap.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum UnitKind {
    /// Words inside quotation marks: the claim itself.
    Quote,
    Sentence,
    /// Indirect speech or an "according to" statement, as the quote extractor found it.
    Reported,
    /// One clause of a sentence or reported statement ("…, and asked neighbours to …").
    Clause,
}

/// Where a sentence splits into separately repeatable statements.
const CLAUSE_BREAKS: &[&str] = &[
    "; ",
    ", and ",
    ", but ",
    ", while ",
    " and that ",
    ", adding that ",
    ", saying ",
    ", although ",
    ", though ",
];

/// One sentence or direct quote of one article.
#[derive(Clone, Debug)]
pub(crate) struct Unit {
    pub doc: usize,
    pub span: Span,
    pub kind: UnitKind,
    /// Index of the sentence holding it (its first sentence for a quote).
    pub sentence: usize,
    /// Stems of its content words, in order.
    pub words: Vec<String>,
}

/// Every claim unit of every doc, in doc then offset order.
pub(crate) fn collect(docs: &[Doc]) -> Vec<Unit> {
    let mut out = Vec::new();
    for (d, doc) in docs.iter().enumerate() {
        let text: &str = &doc.text;
        let first = out.len();
        for (i, &s) in doc.facts.sentences.iter().enumerate() {
            // A sentence quoting two or more passages is represented by its quotes: as a
            // whole it would bridge two different claims.
            let quotes = doc
                .facts
                .quotes
                .iter()
                .filter(|q| q.kind == QuoteKind::Direct && s.covers(q.span))
                .count();
            if quotes < 2 {
                push_unit(&mut out, text, d, s, UnitKind::Sentence, i);
            }
        }
        for q in &doc.facts.quotes {
            let span = trim_marks(text, q.span);
            let kind = if q.kind == QuoteKind::Direct {
                UnitKind::Quote
            } else {
                UnitKind::Reported
            };
            push_unit(&mut out, text, d, span, kind, q.sentence);
        }
        let wholes: Vec<(Span, usize)> = out
            .get(first..)
            .unwrap_or(&[])
            .iter()
            .map(|u| (u.span, u.sentence))
            .collect();
        for (span, sentence) in wholes {
            for clause in clauses(text, span) {
                push_unit(&mut out, text, d, clause, UnitKind::Clause, sentence);
            }
        }
    }
    out.sort_by_key(|u| (u.doc, u.span.start, u.span.end, u.kind));
    out.dedup_by(|a, b| a.doc == b.doc && a.span == b.span);
    out
}

/// The clauses of a statement, when it has more than one.
fn clauses(text: &str, span: Span) -> Vec<Span> {
    let s = span.slice(text);
    let mut cuts: Vec<(usize, usize)> = CLAUSE_BREAKS
        .iter()
        .flat_map(|b| s.match_indices(b).map(|(i, m)| (i, i + m.len())))
        .collect();
    if cuts.is_empty() {
        return Vec::new();
    }
    cuts.sort_unstable();
    let mut out = Vec::new();
    let mut start = 0;
    for (cut_start, cut_end) in cuts {
        if cut_start >= start {
            out.push(Span::new(span.start + start, span.start + cut_start));
            start = cut_end;
        }
    }
    out.push(Span::new(span.start + start, span.end));
    out.into_iter().map(|c| trim_marks(text, c)).collect()
}

fn push_unit(
    out: &mut Vec<Unit>,
    text: &str,
    doc: usize,
    span: Span,
    kind: UnitKind,
    sentence: usize,
) {
    if span.is_empty() || is_boilerplate(span.slice(text)) {
        return;
    }
    let words: Vec<String> = super::words::content_words(text, span)
        .into_iter()
        .map(|w| w.stem)
        .collect();
    let long_plain_statement = words.len() + 1 == MIN_CONTENT_WORDS
        && crate::text::tokens_in(text, span).len() >= MIN_TOKENS_OF_PLAIN_STATEMENT;
    if words.len() >= MIN_CONTENT_WORDS || long_plain_statement {
        out.push(Unit {
            doc,
            span,
            kind,
            sentence,
            words,
        });
    }
}

fn is_boilerplate(s: &str) -> bool {
    let folded = crate::text::fold(s);
    BOILERPLATE.iter().any(|b| folded.contains(b))
}

/// The span without surrounding quotation marks, spaces and a trailing comma.
pub(crate) fn trim_marks(text: &str, span: Span) -> Span {
    let s = span.slice(text);
    let is_mark = |c: char| {
        matches!(
            c,
            '"' | '“' | '”' | '\'' | '‘' | '’' | '«' | '»' | ',' | ' ' | '`'
        )
    };
    let start_trim = s.len() - s.trim_start_matches(is_mark).len();
    let end_trim = s.len() - s.trim_end_matches(is_mark).len();
    if start_trim + end_trim >= s.len() {
        return span;
    }
    Span::new(span.start + start_trim, span.end - end_trim)
}
