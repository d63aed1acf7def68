//! Repeated claims: statements and quotes that recur across outlets, verbatim or reworded,
//! each with its source (the occurrence in the earliest article).
//!
//! Pipeline (each step in its own module):
//! 1. [`units`]: every body sentence and every direct quote with at least
//!    [`units::MIN_CONTENT_WORDS`] content words (folded, stemmed, stopwords and speech
//!    verbs removed), minus boilerplate. Shorter fragments ("he said", "it is not
//!    necessary") never become claims.
//! 2. [`matching`]: units with the same content-word sequence collapse into one variant,
//!    so a claim reprinted verbatim by hundreds of articles costs one variant. Variants
//!    are indexed by content-word bigrams; each variant is scored only against earlier
//!    variants found through the postings, visiting at most [`matching::POSTING_SCAN`]
//!    entries per bigram and scoring at most [`matching::MAX_CANDIDATES`] candidates,
//!    so cost grows with the text, not with its square.
//! 3. A pair matches when most of the shorter unit's content words (IDF-weighted, so
//!    common words count little) are in the longer one, in order, and the longer is not
//!    much longer (a sentence quoting two claims does not merge them).
//! 4. [`cluster`]: union-find over matches (across articles) and over a sentence and
//!    the direct quote that makes up most of it (same article); a cluster is a claim when
//!    it spans two outlets (an article without an outlet counts as its own outlet).
//! 5. [`source`]: the occurrence in the earliest article is the source.

use crate::config::Config;
use crate::workspace::Doc;
use crate::Span;

mod cluster;
pub(crate) use cluster::outlet_key;
mod matching;
mod source;
#[cfg(test)]
pub(crate) mod testkit;
#[cfg(test)]
mod tests;
mod units;
pub(crate) mod words;

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
pub fn find(docs: &[Doc], config: &Config) -> Vec<Claim> {
    find_with_stats(docs, config).0
}

/// How much work a run did: the scale tests assert on it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Stats {
    /// Sentences and direct quotes long enough to be claims.
    pub units: usize,
    /// Distinct normalised texts among them (verbatim reprints collapse into one).
    pub variants: usize,
    /// Postings entries visited while looking for candidates.
    pub postings_visited: usize,
    /// Candidate pairs of variants scored.
    pub pairs_scored: usize,
}

/// [`find`], also reporting the work done.
pub fn find_with_stats(docs: &[Doc], _config: &Config) -> (Vec<Claim>, Stats) {
    let units = units::collect(docs);
    let (variants, unit_variant) = matching::variants(&units);
    let mut stats = Stats {
        units: units.len(),
        variants: variants.len(),
        ..Stats::default()
    };
    let matches = matching::matching_pairs(&variants, &mut stats);
    let clusters = cluster::clusters(docs, &units, &variants, &unit_variant, &matches);
    let claims = source::claims(docs, &units, clusters);
    (claims, stats)
}
