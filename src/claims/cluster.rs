//! Clustering matched units into claims.

use super::matching::Variant;
use super::units::Unit;
use crate::workspace::Doc;
use std::collections::{BTreeMap, HashSet};

/// A quote or clause that makes up at least this share of its sentence's content words
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
    let clusters: Vec<Vec<usize>> = groups
        .into_values()
        .filter(|g| outlets(docs, units, g) >= 2)
        .map(|g| one_per_place(units, g))
        .collect();
    without_redundant(units, clusters)
}

/// Drop a cluster every occurrence of which overlaps an occurrence of a wider cluster in
/// the same article: a clause repeated inside a repeated sentence is one claim, not two.
/// Clusters spanning more articles, then longer text, are kept first.
fn without_redundant(units: &[Unit], mut clusters: Vec<Vec<usize>>) -> Vec<Vec<usize>> {
    let weight = |c: &Vec<usize>| {
        let docs: HashSet<usize> = c.iter().map(|&u| units[u].doc).collect();
        let len: usize = c.iter().map(|&u| units[u].span.len()).sum();
        (docs.len(), len)
    };
    clusters.sort_by(|a, b| weight(b).cmp(&weight(a)).then(a.cmp(b)));
    let mut taken: std::collections::HashMap<usize, Vec<crate::Span>> =
        std::collections::HashMap::new();
    let mut out = Vec::new();
    for c in clusters {
        let covered = c.iter().all(|&u| {
            taken
                .get(&units[u].doc)
                .is_some_and(|spans| spans.iter().any(|s| s.overlaps(units[u].span)))
        });
        if covered {
            continue;
        }
        for &u in &c {
            taken.entry(units[u].doc).or_default().push(units[u].span);
        }
        out.push(c);
    }
    out
}

/// Join a statement with a part of it (a quote, a clause) when the part is most of it.
fn link_quotes_to_sentences(units: &[Unit], uf: &mut UnionFind) {
    let mut by_sentence: std::collections::HashMap<(usize, usize), Vec<usize>> =
        std::collections::HashMap::new();
    for (i, u) in units.iter().enumerate() {
        by_sentence.entry((u.doc, u.sentence)).or_default().push(i);
    }
    let mut groups: Vec<Vec<usize>> = by_sentence.into_values().collect();
    groups.sort();
    for group in groups {
        for &whole in &group {
            for &part in &group {
                let (w, p) = (&units[whole], &units[part]);
                if whole != part
                    && w.span.covers(p.span)
                    && w.span != p.span
                    && p.words.len() as f64 >= QUOTE_SHARE_OF_SENTENCE * w.words.len() as f64
                {
                    uf.union(whole, part);
                }
            }
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
        (x.doc, x.kind, x.span.start)
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
