//! Page noise in scraped articles: navigation, share counters, ad markers, "Related" lists,
//! newsletter and paywall notices, photo credits. Lines classified here never yield people
//! or figures.

use crate::metadata::Metadata;
use crate::Span;

/// The line structure of an article with noise marked.
#[derive(Clone, Debug, Default)]
pub struct Layout {
    pub lines: Vec<Span>,
    pub noise: Vec<bool>,
}

pub fn layout(text: &str) -> Layout {
    let lines = crate::text::lines(text);
    let noise = vec![false; lines.len()];
    Layout { lines, noise }
}

impl Layout {
    /// Paragraphs of prose: runs of non-blank, non-noise, non-metadata lines.
    pub fn body_paragraphs(&self, meta: &Metadata) -> Vec<Span> {
        let mut out = Vec::new();
        let mut cur: Option<Span> = None;
        for (i, line) in self.lines.iter().enumerate() {
            let skip = self.noise[i]
                || line.is_empty()
                || meta.lines.iter().any(|m| m.overlaps(*line) || *m == *line);
            if skip {
                if let Some(c) = cur.take() {
                    out.push(c);
                }
            } else {
                cur = Some(match cur {
                    Some(c) => Span::new(c.start, line.end),
                    None => *line,
                });
            }
        }
        out.extend(cur);
        out
    }
}

/// Inline suppressions: `<!-- corroborate: ignore killed -->` or `corroborate: ignore` on a line.
pub fn inline_ignores(_text: &str) -> Vec<(Span, Vec<String>)> {
    Vec::new()
}
