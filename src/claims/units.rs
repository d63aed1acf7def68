//! Claim units: sentences and direct quotes, as content-word sequences.

use crate::quotes::QuoteKind;
use crate::workspace::Doc;
use crate::Span;

/// Units with fewer content words are fragments, never claims.
pub(crate) const MIN_CONTENT_WORDS: usize = 4;

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

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum UnitKind {
    Sentence,
    Quote,
}

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
        for q in doc
            .facts
            .quotes
            .iter()
            .filter(|q| q.kind == QuoteKind::Direct)
        {
            let span = trim_marks(text, q.span);
            push_unit(&mut out, text, d, span, UnitKind::Quote, q.sentence);
        }
    }
    out.sort_by_key(|u| (u.doc, u.span.start, u.span.end));
    out
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
    if words.len() >= MIN_CONTENT_WORDS {
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
