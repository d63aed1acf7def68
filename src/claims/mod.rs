//! Repeated claims: statements and quotes that recur across outlets, verbatim or reworded,
//! each with its source (the occurrence in the earliest article).
//!
//! Pipeline (each step in its own module):
//! 1. [`units`]: every body sentence, direct quote and clause with at least
//!    [`units::MIN_CONTENT_WORDS`] content words (folded, stemmed, stopwords and speech
//!    verbs removed), minus boilerplate. Shorter fragments ("he said", "it is not
//!    necessary") never become claims. Articles are read in parallel; each sentence is
//!    tokenised once, its quotes and clauses reuse its words, and each thread keeps a
//!    cache of the words of tokens it has seen (so a frequent word is folded, stemmed and
//!    hashed once per thread). Words become dense `u32` ids (interned by a 64-bit hash of
//!    the stem, in one sequential pass per batch of articles; overlapping it with reading
//!    the next batch saved little and cost 12 MB of peak memory at 10k articles), with
//!    their flags (generic word, number) computed once, so matching never touches strings.
//! 2. [`matching`]: units with the same content-word sequence collapse into one variant,
//!    so a claim reprinted verbatim by hundreds of articles costs one variant. Each
//!    variant is scored only against earlier variants sharing content-word bigrams with
//!    it, as a sequential loop over a capped postings index would find them (at most
//!    [`matching::POSTING_SCAN`] entries per bigram, the oldest and newest halves; the
//!    variant's rarest bigrams first, within [`matching::SCAN_BUDGET`] entries in all; at
//!    most [`matching::MAX_CANDIDATES`] candidates; a candidate already linked to the
//!    variant skipped), so the work per variant is bounded and the cost grows with the
//!    text, not with its square. That loop runs in
//!    parallel with the same result: the postings are built in full once, in parallel
//!    (bigram → dense id, then one array; bigrams found in one variant only are not
//!    posted), threads find and score blocks of variants, and a short sequential replay
//!    applies the skip rule and the unions in order. Shared bigrams are counted in a
//!    dense array (branch-free), word overlaps with dense per-word counters: no hashing
//!    or allocation per pair. Each variant carries a one-word [`matching::Sketch`] of
//!    its words that turns down, without reading the candidate's words, most of the
//!    98 % of scored pairs that fail.
//! 3. A pair matches when most of the shorter unit's content words (generic words count
//!    half) are in the longer one, in order, numbers included, and the longer is not
//!    much longer (a sentence quoting two claims does not merge them).
//! 4. [`cluster`]: variants joined by their matches, then by the links between a
//!    statement and the quote or clause that makes up most of it (same article), in a
//!    canonical order; a union is refused when the two groups' numbers conflict, so a
//!    numberless sentence cannot chain "7 killed" and "9 killed" into one claim. A group
//!    is a claim when it spans two outlets (an article without an outlet counts as its
//!    own outlet); a claim every occurrence of which lies inside a wider claim is dropped.
//! 5. [`source`]: the occurrence in the earliest article is the source (claims in
//!    parallel). What matching needed (variants, vocabulary) is freed first.
//!
//! [`find_indexed`] also returns a [`ClaimIndex`], which [`ClaimIndex::update_doc`] keeps
//! up to date one edited article at a time (the language server); `find` builds no index.

use crate::config::Config;
use crate::workspace::Doc;
use crate::Span;
use rayon::prelude::*;

mod cluster;
pub(crate) use cluster::outlet_key;
mod fxhash;
mod index;
#[cfg(test)]
mod index_tests;
pub use index::ClaimIndex;
mod matching;
mod source;
#[cfg(test)]
pub(crate) mod testkit;
#[cfg(test)]
mod tests;
mod units;
pub(crate) mod words;

use units::{DocUnits, UnitRef, Vocab};

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

/// Like [`find`], also returning the index that [`ClaimIndex::update_doc`] keeps up to
/// date as articles are edited.
pub fn find_indexed(docs: &[Doc], _config: &Config) -> (Vec<Claim>, ClaimIndex) {
    let (vocab, units) = units::collect(docs);
    let matches = {
        let vars = matching::Variants::build(&units);
        matching::matching_pairs(&vars, &vocab, &mut Stats::default())
    };
    let index = ClaimIndex::new(docs, vocab, units, &matches);
    (index.claims(docs), index)
}

/// [`find`], also reporting the work done.
pub fn find_with_stats(docs: &[Doc], _config: &Config) -> (Vec<Claim>, Stats) {
    let (vocab, mut units) = units::collect(docs);
    let vars = matching::Variants::build(&units);
    let mut stats = Stats {
        units: units.iter().map(|d| d.units.len()).sum(),
        variants: vars.len(),
        ..Stats::default()
    };
    let matches = matching::matching_pairs(&vars, &vocab, &mut stats);
    let outlets = cluster::Outlets::new(docs);
    let clusters = all_clusters(&units, &vars, &vocab, &outlets, matches);
    // the claim records need only the units' spans: free the rest before making them
    drop(vars);
    drop(vocab);
    for du in &mut units {
        du.forget_words();
    }
    let refs: Vec<&[UnitRef]> = clusters.iter().map(Vec::as_slice).collect();
    let kept = cluster::without_redundant(&units, &refs);
    let names = source::outlet_names(docs);
    // each claim's record on its own: in parallel, in order
    let claims = kept
        .par_iter()
        .filter_map(|&i| source::claim(docs, &units, &clusters[i], &names))
        .collect();
    (source::ordered(claims), stats)
}

/// Every group of variants joined by matches and links (numbers permitting) that spans
/// two outlets, as its occurrences.
fn all_clusters(
    units: &[DocUnits],
    vars: &matching::Variants,
    vocab: &Vocab,
    outlets: &cluster::Outlets,
    matches: Vec<(u32, u32)>,
) -> Vec<Vec<UnitRef>> {
    let mut links = Vec::new();
    for (d, du) in units.iter().enumerate() {
        for &(w, p) in &du.links {
            let (w, p) = (
                UnitRef {
                    doc: d as u32,
                    local: w,
                },
                UnitRef {
                    doc: d as u32,
                    local: p,
                },
            );
            links.push((w, p, vars.of(w), vars.of(p)));
        }
    }
    let n = vars.len();
    let mut grouping = cluster::Grouping::new(n, |v| cluster::numbers(vars.words[v], vocab));
    for (a, b) in cluster::ordered_edges(matches, links) {
        grouping.join(a as usize, b as usize);
    }
    // variants bucketed by root (counting sort)
    let roots: Vec<u32> = (0..n).map(|v| grouping.find(v) as u32).collect();
    let mut start = vec![0u32; n + 1];
    for &r in &roots {
        start[r as usize + 1] += 1;
    }
    for i in 0..n {
        start[i + 1] += start[i];
    }
    let mut fill = start.clone();
    let mut by_root = vec![0u32; n];
    for (v, &r) in roots.iter().enumerate() {
        by_root[fill[r as usize] as usize] = v as u32;
        fill[r as usize] += 1;
    }
    // each group's occurrences on its own: in parallel, in root order
    let groups: Vec<&[u32]> = (0..n)
        .map(|r| &by_root[start[r] as usize..start[r + 1] as usize])
        .filter(|group| group.iter().map(|&v| vars.members(v).len()).sum::<usize>() >= 2)
        .collect();
    groups
        .par_iter()
        .filter_map(|group| {
            let members: Vec<UnitRef> = group
                .iter()
                .flat_map(|&v| vars.members(v).iter().copied())
                .collect();
            cluster::cluster_of(units, outlets, members)
        })
        .collect()
}
