//! Test helper: build a [`Doc`] from invented text and a few hand-written facts, so the
//! cross-article findings are tested without the extractors.

use crate::article::ArticleFacts;
use crate::dates::{Date, DateTime};
use crate::figures::{Figure, Hedge, Interval};
use crate::quotes::{Quote, QuoteKind};
use crate::workspace::Doc;
use crate::Span;
use std::sync::Arc;

pub(crate) struct DocBuilder {
    key: String,
    text: String,
    facts: ArticleFacts,
}

/// `published`: "YYYY-MM-DD" or "YYYY-MM-DDTHH:MM".
pub(crate) fn parse_published(s: &str) -> Option<DateTime> {
    let (d, t) = match s.split_once('T') {
        Some((d, t)) => (d, Some(t)),
        None => (s, None),
    };
    let mut p = d.split('-').map(|x| x.parse::<i64>().ok());
    let (y, m, dd) = (p.next()??, p.next()??, p.next()??);
    let date = Date::new(y as i32, m as u32, dd as u32)?;
    let minutes = t.and_then(|t| {
        let (h, mi) = t.split_once(':')?;
        Some(h.parse::<u32>().ok()? * 60 + mi.parse::<u32>().ok()?)
    });
    Some(DateTime { date, minutes })
}

/// An article: body paragraphs split on blank lines, sentences split as the real pipeline does.
pub(crate) fn article(
    key: &str,
    outlet: Option<&str>,
    published: Option<&str>,
    body: &str,
) -> DocBuilder {
    let text = body.to_string();
    let mut facts = ArticleFacts::default();
    facts.meta.outlet = outlet.map(str::to_string);
    facts.meta.published = published.and_then(parse_published);
    facts.body = crate::text::paragraphs(&text);
    facts.sentences = facts
        .body
        .iter()
        .flat_map(|p| crate::text::sentences_in(&text, *p))
        .collect();
    DocBuilder {
        key: key.to_string(),
        text,
        facts,
    }
}

impl DocBuilder {
    fn find(&self, needle: &str, nth: usize) -> Span {
        let start = self
            .text
            .match_indices(needle)
            .nth(nth)
            .map(|(i, _)| i)
            .unwrap_or_else(|| panic!("{needle:?} not in {:?}", self.key));
        Span::new(start, start + needle.len())
    }

    pub(crate) fn title(mut self, title: &str) -> Self {
        self.facts.meta.title = Some(title.to_string());
        self
    }

    /// A quote whose words are the first occurrence of `words`.
    pub(crate) fn quote(
        mut self,
        words: &str,
        kind: QuoteKind,
        attributed_elsewhere: bool,
    ) -> Self {
        let span = self.find(words, 0);
        let sentence = self.facts.sentence_at(span.start).unwrap_or(0);
        self.facts.quotes.push(Quote {
            span,
            sentence: sentence as u32,
            kind,
            speaker: None,
            speaker_text: None,
            attributed_elsewhere,
            credited: None,
        });
        self
    }

    /// A figure on the `nth` (0-based) occurrence of `written`, with its normalised value.
    pub(crate) fn figure_nth(
        mut self,
        written: &str,
        nth: usize,
        subject: &str,
        unit: &'static str,
        low: Option<f64>,
        high: Option<f64>,
    ) -> Self {
        let span = self.find(written, nth);
        let sentence = self.facts.sentence_at(span.start).unwrap_or(0);
        self.facts.figures.push(Figure {
            span,
            value: Interval {
                low,
                high,
                low_open: false,
                high_open: false,
            },
            unit,
            precision: 0.0,
            hedge: Hedge::Exact,
            subject: subject.into(),
            baseline: None,
            direction: None,
            update: false,
            sentence: sentence as u32,
        });
        self
    }

    pub(crate) fn figure(
        self,
        written: &str,
        subject: &str,
        unit: &'static str,
        low: Option<f64>,
        high: Option<f64>,
    ) -> Self {
        self.figure_nth(written, 0, subject, unit, low, high)
    }

    /// Change the last figure added.
    pub(crate) fn with(mut self, change: impl FnOnce(&mut Figure)) -> Self {
        if let Some(f) = self.facts.figures.last_mut() {
            change(f);
        }
        self
    }

    /// Suppress figures on the line holding `needle` (inline ignore comment).
    pub(crate) fn ignore_line(mut self, needle: &str, subjects: &[&str]) -> Self {
        let at = self.find(needle, 0);
        let line = crate::text::lines(&self.text)
            .into_iter()
            .find(|l| l.covers(at))
            .unwrap_or(at);
        self.facts
            .ignores
            .push((line, subjects.iter().map(|s| s.to_string()).collect()));
        self
    }

    pub(crate) fn build(self) -> Doc {
        Doc {
            key: self.key.into(),
            text: Arc::from(self.text.as_str()),
            facts: Arc::new(self.facts),
        }
    }
}

/// Docs sorted by key, as `workspace::analyze_docs` hands them over.
pub(crate) fn sorted(mut docs: Vec<Doc>) -> Vec<Doc> {
    docs.sort_by(|a, b| a.key.cmp(&b.key));
    docs
}
