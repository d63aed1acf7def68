//! Article metadata: front matter, else the first lines (date line, dateline with the
//! outlet, outlet line, byline, headline).

use crate::dates::DateTime;
use crate::noise::Layout;
use crate::Span;

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Metadata {
    pub outlet: Option<String>,
    pub published: Option<DateTime>,
    pub title: Option<String>,
    pub url: Option<String>,
    pub author: Option<String>,
    /// Lines consumed as metadata (front matter, date line, byline …): not body text.
    pub lines: Vec<Span>,
}

/// Find the metadata of an article.
pub fn extract(_text: &str, _layout: &Layout) -> Metadata {
    Metadata::default()
}

/// Problems to report for missing metadata.
pub fn problems(meta: &Metadata) -> Vec<String> {
    let mut out = Vec::new();
    if meta.outlet.is_none() {
        out.push("no outlet found (add front matter `outlet:` or map the file in corroborate.toml [outlets])".to_string());
    }
    if meta.published.is_none() {
        out.push(
            "no publication date found (add front matter `published:` or a date line)".to_string(),
        );
    }
    out
}
