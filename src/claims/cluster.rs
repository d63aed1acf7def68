//! Clustering matched units into claims.

use super::matching::Variant;
use super::units::{Unit, UnitKind};
use crate::workspace::Doc;
use std::collections::{BTreeMap, HashSet};

/// A direct quote that makes up at least this share of its sentence's content words
/// stands for the same claim as the sentence.
const QUOTE_SHARE_OF_SENTENCE: f64 = 0.6;

pub(crate) struct UnionFind {
    parent: Vec<usize>,
}

impl UnionFind {
    pub(crate) fn new(n: usize) -> Self {
        UnionFind {
            parent: (0..n).collect(),
        }
    }
    pub(crate) fn find(&mut self, mut x: usize) -> usize {
        while self.parent[x] != x {
            self.parent[x] = self.parent[self.parent[x]];
            x = self.parent[x];
        }
        x
    }
    pub(crate) fn union(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra != rb {
            // the smaller index is the root: deterministic
            let (lo, hi) = (ra.min(rb), ra.max(rb));
            self.parent[hi] = lo;
        }
    }
}

/// Clusters of units (each sorted, overlapping units of one article reduced to one)
/// that span at least two outlets.
pub(crate) fn clusters(
    docs: &[Doc],
    units: &[Unit],
    variants: &[Variant],
    unit_variant: &[usize],
    matches: &[(usize, usize)],
) -> Vec<Vec<usize>> {
    let mut uf = UnionFind::new(units.len());
    for v in variants {
        for w in v.units.windows(2) {
            uf.union(w[0], w[1]);
        }
    }
    for &(a, b) in matches {
        if let (Some(&ua), Some(&ub)) = (variants[a].units.first(), variants[b].units.first()) {
            uf.union(ua, ub);
        }
    }
    link_quotes_to_sentences(units, &mut uf);
    let mut groups: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for u in 0..units.len() {
        groups.entry(uf.find(u)).or_default().push(u);
    }
    let _ = unit_variant;
    groups
        .into_values()
        .filter(|g| outlets(docs, units, g) >= 2)
        .map(|g| one_per_place(units, g))
        .collect()
}

/// Join a sentence with the direct quote inside it when the quote is most of it.
fn link_quotes_to_sentences(units: &[Unit], uf: &mut UnionFind) {
    let sentences: std::collections::HashMap<(usize, usize), usize> = units
        .iter()
        .enumerate()
        .filter(|(_, u)| u.kind == UnitKind::Sentence)
        .map(|(i, u)| ((u.doc, u.sentence), i))
        .collect();
    for (qi, q) in units
        .iter()
        .enumerate()
        .filter(|(_, u)| u.kind == UnitKind::Quote)
    {
        let Some(&si) = sentences.get(&(q.doc, q.sentence)) else {
            continue;
        };
        let s = &units[si];
        if s.span.covers(q.span)
            && q.words.len() as f64 >= QUOTE_SHARE_OF_SENTENCE * s.words.len() as f64
        {
            uf.union(qi, si);
        }
    }
}

/// Distinct outlets of a group; an article without an outlet is an outlet of its own.
fn outlets(docs: &[Doc], units: &[Unit], group: &[usize]) -> usize {
    let keys: HashSet<String> = group
        .iter()
        .map(|&u| outlet_key(docs, units[u].doc))
        .collect();
    keys.len()
}

pub(crate) fn outlet_key(docs: &[Doc], doc: usize) -> String {
    match docs.get(doc).and_then(|d| d.outlet()) {
        Some(o) => format!("o:{}", crate::text::fold(o.trim())),
        None => format!("d:{doc}"),
    }
}

/// Within one article, overlapping units (a sentence and its quote) become one
/// occurrence: the quote, which is the claim itself.
fn one_per_place(units: &[Unit], mut group: Vec<usize>) -> Vec<usize> {
    group.sort_by_key(|&u| {
        let x = &units[u];
        (x.doc, x.kind != UnitKind::Quote, x.span.start)
    });
    let mut kept: Vec<usize> = Vec::new();
    for u in group {
        // `group` is sorted by doc: only this doc's units, at the end of `kept`, can clash
        let clash = kept
            .iter()
            .rev()
            .take_while(|&&k| units[k].doc == units[u].doc)
            .any(|&k| units[k].span.overlaps(units[u].span));
        if !clash {
            kept.push(u);
        }
    }
    kept.sort_by_key(|&u| (units[u].doc, units[u].span.start));
    kept
}
