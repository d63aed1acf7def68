//! Named people: recognition in one article ([`recognise`]) and merging of mentions into
//! one entity per real person across the workspace ([`merge`]).

use crate::config::KnownPerson;
use crate::Span;

/// One mention of a person in an article.
#[derive(Clone, Debug, PartialEq)]
pub struct PersonMention {
    /// The name as written, without a possessive "'s" and without the title.
    pub span: Span,
    /// The name text (whitespace collapsed).
    pub name: String,
    /// The fullest name this mention refers to within the article ("Salcedo" → "Luis Ortega
    /// Salcedo" when the article named him in full earlier).
    pub full_name: String,
    /// Role or title stated with this mention ("health minister", "Gov."), as written.
    pub role: Option<String>,
}

/// A person across the workspace.
#[derive(Clone, Debug, PartialEq)]
pub struct Entity {
    /// Stable id derived from the name ("p-luis-ortega-salcedo").
    pub id: String,
    /// Fullest name as written.
    pub name: String,
    /// (article index, role as that article states it), deduplicated.
    pub roles: Vec<(usize, String)>,
    /// (article index, index into that article's `people`).
    pub mentions: Vec<(usize, usize)>,
    /// From `corroborate.toml` `[[people]]`, when the entity matches a known person.
    pub description: Option<String>,
}

/// Recognise person mentions in the given sentences of `text`.
pub fn recognise(_text: &str, _sentences: &[Span]) -> Vec<PersonMention> {
    Vec::new()
}

/// Merge the mentions of all articles (`articles[i]` = article i's mentions) into entities.
pub fn merge(_articles: &[&[PersonMention]], _known: &[KnownPerson]) -> Vec<Entity> {
    Vec::new()
}
