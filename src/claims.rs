//! Repeated claims: statements and quotes that recur across outlets, verbatim or reworded,
//! each with its source (the occurrence in the earliest article).

use crate::config::Config;
use crate::workspace::Doc;
use crate::Span;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Occurrence {
    pub doc: usize,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Claim {
    /// Stable id ("c-" + hash of the source text).
    pub id: String,
    /// The source occurrence's text.
    pub text: String,
    pub source: Occurrence,
    /// Every occurrence, the source included, ordered by doc then offset.
    pub occurrences: Vec<Occurrence>,
}

/// Find claims repeated across outlets.
pub fn find(_docs: &[Doc], _config: &Config) -> Vec<Claim> {
    Vec::new()
}
