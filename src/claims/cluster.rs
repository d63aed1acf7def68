//! Clustering matched variants into claims.
//!
//! Variants are joined by their matches, then by the links between a statement and a
//! part of it (same article), in a canonical order (see [`ordered_edges`]). A union is
//! refused when the two groups' numbers conflict (neither group's set of numbers holds
//! the other's): without that rule a sentence without numbers ("Thousands were
//! evacuated …") would chain "7 were killed" and "9 were killed" into one claim, which
//! the pairwise number check cannot see.

use super::fxhash::FxHashMap;
use super::units::{DocUnits, UnitRef, Vocab, NUMBER};
use crate::workspace::Doc;
use crate::Span;
use rayon::prelude::*;

pub(crate) use crate::union_find::UnionFind;

/// The numbers (distinct word ids flagged as numbers) of a word sequence, sorted.
pub(crate) fn numbers(words: &[u32], vocab: &Vocab) -> Vec<u32> {
    let mut n: Vec<u32> = words
        .iter()
        .copied()
        .filter(|&w| vocab.flag(w) & NUMBER != 0)
        .collect();
    n.sort_unstable();
    n.dedup();
    n
}

/// Do two groups' numbers conflict? Both have numbers and neither set holds the other
/// (the pairwise rule lets the longer statement add numbers, never change them).
fn conflict(a: &[u32], b: &[u32]) -> bool {
    let subset = |x: &[u32], y: &[u32]| x.iter().all(|n| y.binary_search(n).is_ok());
    !a.is_empty() && !b.is_empty() && !subset(a, b) && !subset(b, a)
}

/// Union-find over `n` items whose unions are refused when the groups' numbers conflict.
pub(crate) struct Grouping<F: Fn(usize) -> Vec<u32>> {
    uf: UnionFind,
    /// Numbers of roots that have absorbed another group; other roots' numbers come
    /// from `numbers_of`.
    sets: FxHashMap<u32, Vec<u32>>,
    numbers_of: F,
}

impl<F: Fn(usize) -> Vec<u32>> Grouping<F> {
    pub(crate) fn new(n: usize, numbers_of: F) -> Self {
        Grouping {
            uf: UnionFind::new(n),
            sets: FxHashMap::default(),
            numbers_of,
        }
    }

    fn set(&mut self, root: usize) -> Vec<u32> {
        match self.sets.remove(&(root as u32)) {
            Some(s) => s,
            None => (self.numbers_of)(root),
        }
    }

    /// Join the groups of `a` and `b` unless their numbers conflict.
    pub(crate) fn join(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.uf.find(a), self.uf.find(b));
        if ra == rb {
            return;
        }
        let (sa, sb) = (self.set(ra), self.set(rb));
        if conflict(&sa, &sb) {
            self.sets.insert(ra as u32, sa);
            self.sets.insert(rb as u32, sb);
            return;
        }
        let mut merged = sa;
        merged.extend(sb);
        merged.sort_unstable();
        merged.dedup();
        self.uf.union(ra, rb);
        let root = self.uf.find(ra);
        self.sets.insert(root as u32, merged);
    }

    pub(crate) fn find(&mut self, x: usize) -> usize {
        self.uf.find(x)
    }
}

/// Edges in the order they are joined: matches by (later, earlier) variant, then links
/// by (whole, part) unit. Both the full run and an incremental update use this order,
/// so they group a claim the same way whatever order its matches were found in.
/// `matches` are (earlier, later) pairs of `key`s.
pub(crate) fn ordered_edges<K: Ord + Copy>(
    mut matches: Vec<(K, K)>,
    mut links: Vec<(UnitRef, UnitRef, K, K)>,
) -> Vec<(K, K)> {
    matches.sort_unstable_by_key(|a| (a.1, a.0));
    links.sort_unstable_by_key(|a| (a.0, a.1));
    matches
        .into_iter()
        .chain(links.into_iter().map(|l| (l.2, l.3)))
        .collect()
}

/// An article's outlet as a small id; an article without an outlet is an outlet of its
/// own.
pub(crate) struct Outlets {
    ids: FxHashMap<String, u32>,
    pub of_doc: Vec<u32>,
}

impl Outlets {
    pub(crate) fn new(docs: &[Doc]) -> Outlets {
        let mut o = Outlets {
            ids: FxHashMap::default(),
            of_doc: Vec::with_capacity(docs.len()),
        };
        for d in 0..docs.len() {
            let id = o.id(docs, d);
            o.of_doc.push(id);
        }
        o
    }

    pub(crate) fn id(&mut self, docs: &[Doc], doc: usize) -> u32 {
        let key = outlet_key(docs, doc);
        let next = self.ids.len() as u32;
        *self.ids.entry(key).or_insert(next)
    }

    fn of(&self, doc: u32) -> u32 {
        self.of_doc.get(doc as usize).copied().unwrap_or(u32::MAX)
    }
}

pub(crate) fn outlet_key(docs: &[Doc], doc: usize) -> String {
    match docs.get(doc).and_then(|d| d.outlet()) {
        Some(o) => format!("o:{}", crate::text::fold(o.trim())),
        None => format!("d:{doc}"),
    }
}

/// The occurrences of a group (all units of its variants, sorted) if the group spans at
/// least two outlets, with overlapping units of one article reduced to one.
pub(crate) fn cluster_of(
    units: &[DocUnits],
    outlets: &Outlets,
    mut group: Vec<UnitRef>,
) -> Option<Vec<UnitRef>> {
    let first = outlets.of(group.first()?.doc);
    if group.iter().all(|u| outlets.of(u.doc) == first) {
        return None;
    }
    group.sort_unstable();
    Some(one_per_place(units, group))
}

/// Within one article, overlapping units (a sentence and its quote) become one
/// occurrence: the quote, which is the claim itself.
fn one_per_place(units: &[DocUnits], mut group: Vec<UnitRef>) -> Vec<UnitRef> {
    let unit = |r: UnitRef| units[r.doc as usize].units[r.local as usize];
    group.sort_by_key(|&r| (r.doc, unit(r).kind, unit(r).start));
    let mut kept: Vec<UnitRef> = Vec::new();
    for r in group {
        // `group` is sorted by doc: only this doc's units, at the end of `kept`, can clash
        let clash = kept
            .iter()
            .rev()
            .take_while(|k| k.doc == r.doc)
            .any(|&k| unit(k).span().overlaps(unit(r).span()));
        if !clash {
            kept.push(r);
        }
    }
    kept.sort_by_key(|&r| (r.doc, unit(r).start));
    kept
}

/// Drop a cluster every occurrence of which overlaps an occurrence of a wider cluster in
/// the same article: a clause repeated inside a repeated sentence is one claim, not two.
/// Clusters spanning more articles, then longer text, are kept first. Returns the
/// indices of the kept clusters, in that order.
pub(crate) fn without_redundant(units: &[DocUnits], clusters: &[&[UnitRef]]) -> Vec<usize> {
    let weights: Vec<(usize, usize)> = clusters.par_iter().map(|c| weight(units, c)).collect();
    without_redundant_weighted(units, clusters, &weights)
}

/// A cluster's weight for [`without_redundant`]: (articles it spans, total text length).
/// Its units are sorted by article.
pub(crate) fn weight(units: &[DocUnits], cluster: &[UnitRef]) -> (usize, usize) {
    let mut docs = 0usize;
    let mut last = None;
    let mut len = 0usize;
    for &r in cluster {
        if last != Some(r.doc) {
            docs += 1;
            last = Some(r.doc);
        }
        len += units[r.doc as usize].units[r.local as usize].span().len();
    }
    (docs, len)
}

/// [`without_redundant`] with each cluster's [`weight`] given.
pub(crate) fn without_redundant_weighted(
    units: &[DocUnits],
    clusters: &[&[UnitRef]],
    weights: &[(usize, usize)],
) -> Vec<usize> {
    let span = |r: UnitRef| units[r.doc as usize].units[r.local as usize].span();
    let mut order: Vec<usize> = (0..clusters.len()).collect();
    // stable, as a sequential `sort_by` (the order is the same)
    order.par_sort_by(|&a, &b| {
        weights[b]
            .cmp(&weights[a])
            .then_with(|| clusters[a].cmp(clusters[b]))
    });
    let mut taken: FxHashMap<u32, Vec<Span>> = FxHashMap::default();
    let mut out = Vec::new();
    for i in order {
        let c = clusters[i];
        let covered = c.iter().all(|&r| {
            taken
                .get(&r.doc)
                .is_some_and(|spans| spans.iter().any(|s| s.overlaps(span(r))))
        });
        if covered {
            continue;
        }
        for &r in c {
            taken.entry(r.doc).or_default().push(span(r));
        }
        out.push(i);
    }
    out
}
