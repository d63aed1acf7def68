//! Quotes and attributed statements: `"…," X said`, `X told reporters: "…"`,
//! `according to X, …`, and indirect speech (`X said that …`).

use crate::people::PersonMention;
use crate::Span;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum QuoteKind {
    /// Words inside quotation marks.
    Direct,
    /// Reported speech: "X said (that) …".
    Indirect,
    /// "according to X, …".
    According,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Quote {
    /// The quoted or reported words (inside the marks for direct quotes).
    pub span: Span,
    /// Index of the sentence holding the quote (its first sentence).
    pub sentence: usize,
    pub kind: QuoteKind,
    /// Index into the article's `people` of the speaker, when a named person.
    pub speaker: Option<usize>,
    /// The speaker as written when not a recognised person ("police", "the mayor").
    pub speaker_text: Option<String>,
    /// The sentence credits another outlet or agency ("told the news agency", "according
    /// to Reuters"): such an occurrence is not a claim's source on a tie.
    pub attributed_elsewhere: bool,
}

/// Find quotes and attributions in the sentences of an article.
pub fn extract(_text: &str, _sentences: &[Span], _people: &[PersonMention]) -> Vec<Quote> {
    Vec::new()
}
