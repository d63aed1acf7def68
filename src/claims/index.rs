//! The claims of a workspace kept up to date one article at a time (for the language
//! server): [`ClaimIndex::update_doc`] re-reads the edited article, matches only its new
//! sentences, and regroups only the claims its old and new sentences belong to.
//!
//! Exact (equal to a cold [`super::find`] on the edited docs) whenever the postings and
//! candidate caps of the cold run do not bite (every bigram shared by at most
//! [`matching::POSTING_SCAN`] variants, every sentence's lists within
//! [`matching::SCAN_BUDGET`] entries, at most [`matching::MAX_CANDIDATES`] candidates per
//! sentence), with these rare exceptions, which a full pass (the server runs one when the
//! user pauses) puts right:
//! - the cold run skips scoring a pair already linked through earlier matches, an update
//!   scores it: when that claim also holds conflicting numbers, the numberless sentences
//!   of the chain may be grouped differently;
//! - an edit that changes which article holds the first copy of a verbatim sentence
//!   flips the order in which it is compared with equally long sentences; the match test
//!   is asymmetric for equal lengths only in which side's numbers and weights count;
//! - under the caps (a bigram in more than 48 variants, a sentence's lists over the scan
//!   budget, more than 24 candidates) an update reads the same capped views, rarest
//!   bigrams first, but of lists holding every article (in the order variants were
//!   added), where the cold run reads the oldest and newest among earlier articles.
//!   Template-heavy text hits this: on the synthetic corpus, after 40 edits at 1k
//!   articles 23 of 1,379 cold-run claims were not kept exactly (19 when updates read
//!   whole lists), after 19 edits at 10k 123 of 14,047 (106); `examples/update_times`
//!   prints it.
//!
//! Cost of an update: the edited article's units, its new sentences matched through at
//! most [`matching::SCAN_BUDGET`] postings entries each, the connected sets of variants
//! (by matches and statement–part links) its old and new units belong to, and one pass
//! over the claim list (redundant claims dropped, order, ids), which is rebuilt each
//! time: a digit edit at 10k synthetic articles costs 30 ms at p50, 36 ms at p95 (96 and
//! 178 ms when updates read whole posting lists), of which the last pass is 22 ms.

use super::cluster::{self, Grouping, Outlets};
use super::fxhash::{FxHashMap, FxHashSet};
use super::matching::{self, bigram, Scorer};
use super::units::{self, DocUnits, UnitRef, Vocab};
use super::{source, Claim};
use crate::workspace::Doc;

const NONE: u32 = u32::MAX;

/// State kept between edits; `Send + Sync`.
pub struct ClaimIndex {
    vocab: Vocab,
    units: Vec<DocUnits>,
    /// Variant of each unit, per article.
    unit_variant: Vec<Vec<u32>>,
    /// Variants by slot; a free slot has no members.
    variants: Vec<Variant>,
    free: Vec<u32>,
    by_words: FxHashMap<Box<[u32]>, u32>,
    /// Every live variant holding each bigram (all of them, unlike the cold run's capped
    /// lists).
    postings: FxHashMap<u64, Vec<u32>>,
    /// Matches of each variant.
    adj: Vec<Vec<u32>>,
    outlets: Outlets,
    /// The workspace's outlet names, folded and sorted (as [`source::outlet_names`]),
    /// kept with the number of articles of each and each article's name.
    names: Vec<String>,
    name_counts: std::collections::BTreeMap<String, usize>,
    doc_names: Vec<Option<String>>,
    /// Component record of each variant (`NONE`: its component has no claim).
    comp_of: Vec<u32>,
    comps: Vec<Option<Component>>,
    free_comps: Vec<u32>,
    /// Kept between updates: its per-word arrays are as long as the vocabulary.
    scorer: Scorer,
}

#[derive(Default)]
struct Variant {
    words: Box<[u32]>,
    /// Sorted; the first is the variant's place in the order of variants.
    members: Vec<UnitRef>,
}

/// One cluster of a component: its units, its claim, and its weight for
/// [`cluster::without_redundant_weighted`] (computed once, not on every update).
struct Clustered {
    units: Vec<UnitRef>,
    claim: Option<std::sync::Arc<Claim>>,
    weight: (usize, usize),
}

/// The claims of one connected set of variants.
struct Component {
    clusters: Vec<Clustered>,
}

impl ClaimIndex {
    /// The index of a cold run: `matches` are its (earlier, later) variant pairs.
    pub(crate) fn new(
        docs: &[Doc],
        vocab: Vocab,
        units: Vec<DocUnits>,
        matches: &[(u32, u32)],
    ) -> ClaimIndex {
        let (variants, unit_variant) = {
            let vars = matching::Variants::build(&units);
            let variants: Vec<Variant> = (0..vars.len() as u32)
                .map(|v| Variant {
                    words: vars.words[v as usize].into(),
                    members: vars.members(v).to_vec(),
                })
                .collect();
            let unit_variant: Vec<Vec<u32>> = units
                .iter()
                .enumerate()
                .map(|(d, du)| {
                    (0..du.units.len() as u32)
                        .map(|local| {
                            vars.of(UnitRef {
                                doc: d as u32,
                                local,
                            })
                        })
                        .collect()
                })
                .collect();
            (variants, unit_variant)
        };
        let n = variants.len();
        let mut by_words = FxHashMap::default();
        let mut postings: FxHashMap<u64, Vec<u32>> = FxHashMap::default();
        for (v, var) in variants.iter().enumerate() {
            for k in distinct_bigrams(&var.words) {
                postings.entry(k).or_default().push(v as u32);
            }
            by_words.insert(var.words.clone(), v as u32);
        }
        let mut adj = vec![Vec::new(); n];
        for &(a, b) in matches {
            adj[a as usize].push(b);
            adj[b as usize].push(a);
        }
        let mut index = ClaimIndex {
            vocab,
            units,
            unit_variant,
            variants,
            free: Vec::new(),
            by_words,
            postings,
            adj,
            outlets: Outlets::new(docs),
            names: Vec::new(),
            name_counts: Default::default(),
            doc_names: docs.iter().map(folded_outlet).collect(),
            comp_of: vec![NONE; n],
            comps: Vec::new(),
            free_comps: Vec::new(),
            scorer: Scorer::default(),
        };
        for name in index.doc_names.iter().flatten() {
            *index.name_counts.entry(name.clone()).or_default() += 1;
        }
        index.names = index.name_counts.keys().cloned().collect();
        let seeds: Vec<u32> = (0..n as u32)
            .filter(|&v| {
                index.variants[v as usize].members.len() > 1
                    || !index.adj[v as usize].is_empty()
                    || index.has_links(v)
            })
            .collect();
        index.regroup(docs, seeds);
        index
    }

    /// Doc `i` of `docs` changed (same length and order as when indexed; only doc i's
    /// text and facts differ). Update the index and return the new full claim list. Cost
    /// proportional to doc i's units and the claims they touch, never to the workspace
    /// (plus one pass over the claim list, which is rebuilt).
    pub fn update_doc(&mut self, docs: &[Doc], i: usize) -> Vec<Claim> {
        self.update_doc_shared(docs, i)
            .into_iter()
            .map(|c| (*c).clone())
            .collect()
    }

    /// [`ClaimIndex::update_doc`], with the claims shared with the index: no claim is
    /// copied, so the cost stays with the edited article's claims.
    pub fn update_doc_shared(&mut self, docs: &[Doc], i: usize) -> Vec<std::sync::Arc<Claim>> {
        if i < self.units.len() && docs.len() == self.units.len() {
            self.replace_doc(docs, i);
        }
        self.shared_claims()
    }

    fn replace_doc(&mut self, docs: &[Doc], i: usize) {
        // the claims the old article took part in
        let old: Vec<u32> = self.unit_variant[i].clone();
        let touched = self.component_of_all(&old);
        for &v in &touched {
            self.drop_record(v);
        }
        // the old article out
        let doc = i as u32;
        let mut old = old;
        old.sort_unstable();
        old.dedup(); // a sentence repeated inside the article: one variant, removed once
        for &v in &old {
            let members = &mut self.variants[v as usize].members;
            members.retain(|r| r.doc != doc);
            if members.is_empty() {
                self.remove_variant(v);
            }
        }
        // the new article in
        let raw = units::collect_doc(&docs[i]);
        let du = self.vocab.intern(raw);
        let mut new_variants = Vec::new();
        let mut uv = Vec::with_capacity(du.units.len());
        for (local, u) in du.units.iter().enumerate() {
            let words = du.words(u);
            let r = UnitRef {
                doc,
                local: local as u32,
            };
            let v = match self.by_words.get(words) {
                Some(&v) => v,
                None => {
                    let v = self.add_variant(words.into());
                    new_variants.push(v);
                    v
                }
            };
            let members = &mut self.variants[v as usize].members;
            let at = members.partition_point(|m| *m < r);
            members.insert(at, r);
            uv.push(v);
        }
        self.units[i] = du;
        self.unit_variant[i] = uv.clone();
        // outlets
        let names_changed = self.set_outlet_name(i, folded_outlet(&docs[i]));
        self.outlets.of_doc[i] = self.outlets.id(docs, i);
        // match the new variants, each against every other (new ones included)
        for &v in &new_variants {
            self.match_new(v);
            for k in distinct_bigrams(&self.variants[v as usize].words) {
                self.postings.entry(k).or_default().push(v);
            }
        }
        let mut seeds: Vec<u32> = touched
            .into_iter()
            .filter(|&v| !self.variants[v as usize].members.is_empty())
            .collect();
        seeds.extend(uv);
        self.regroup(docs, seeds);
        if names_changed {
            self.refresh_all_claims(docs);
        }
    }

    /// Article `i`'s outlet name is now `name`; did the set of names change?
    fn set_outlet_name(&mut self, i: usize, name: Option<String>) -> bool {
        let Some(slot) = self.doc_names.get_mut(i) else {
            return false;
        };
        if *slot == name {
            return false;
        }
        let old = std::mem::replace(slot, name.clone());
        let mut changed = false;
        if let Some(old) = old {
            if let Some(c) = self.name_counts.get_mut(&old) {
                *c -= 1;
                if *c == 0 {
                    self.name_counts.remove(&old);
                    changed = true;
                }
            }
        }
        if let Some(name) = name {
            let c = self.name_counts.entry(name).or_default();
            changed |= *c == 0;
            *c += 1;
        }
        if changed {
            self.names = self.name_counts.keys().cloned().collect();
        }
        changed
    }

    /// Consistency of the records (tests).
    #[cfg(test)]
    pub(crate) fn check(&self) {
        for (c, rec) in self.comps.iter().enumerate() {
            let Some(rec) = rec else { continue };
            for cl in &rec.clusters {
                for r in &cl.units {
                    let v = self.unit_variant[r.doc as usize][r.local as usize];
                    assert_eq!(
                        self.comp_of[v as usize], c as u32,
                        "unit {r:?} variant {v} of record {c}"
                    );
                    assert!(self.variants[v as usize].members.contains(r));
                }
            }
        }
    }

    /// Forget the claims of the component `v` was in.
    fn drop_record(&mut self, v: u32) {
        let c = std::mem::replace(&mut self.comp_of[v as usize], NONE);
        if let Some(slot) = self.comps.get_mut(c as usize) {
            if slot.take().is_some() {
                self.free_comps.push(c);
            }
        }
    }

    fn has_links(&self, v: u32) -> bool {
        self.variants[v as usize].members.iter().any(|r| {
            self.units[r.doc as usize]
                .links
                .iter()
                .any(|&(w, p)| w == r.local || p == r.local)
        })
    }

    fn add_variant(&mut self, words: Box<[u32]>) -> u32 {
        let v = match self.free.pop() {
            Some(v) => v,
            None => {
                self.variants.push(Variant::default());
                self.adj.push(Vec::new());
                self.comp_of.push(NONE);
                (self.variants.len() - 1) as u32
            }
        };
        self.by_words.insert(words.clone(), v);
        self.variants[v as usize] = Variant {
            words,
            members: Vec::new(),
        };
        self.comp_of[v as usize] = NONE;
        v
    }

    fn remove_variant(&mut self, v: u32) {
        let words = std::mem::take(&mut self.variants[v as usize].words);
        for k in distinct_bigrams(&words) {
            if let Some(list) = self.postings.get_mut(&k) {
                list.retain(|&x| x != v);
                if list.is_empty() {
                    self.postings.remove(&k);
                }
            }
        }
        for n in std::mem::take(&mut self.adj[v as usize]) {
            self.adj[n as usize].retain(|&x| x != v);
        }
        self.by_words.remove(&words);
        self.comp_of[v as usize] = NONE;
        self.free.push(v);
    }

    /// Place of a variant in the order of variants (its first unit).
    fn order(&self, v: u32) -> UnitRef {
        self.variants[v as usize]
            .members
            .first()
            .copied()
            .unwrap_or(UnitRef {
                doc: NONE,
                local: NONE,
            })
    }

    /// Score a new variant against the variants sharing most bigrams with it (as the
    /// cold run does against earlier ones) and record its matches.
    ///
    /// Its lists are read as the cold run reads them: each capped at the oldest and
    /// newest halves of [`matching::POSTING_SCAN`] entries, rarest first within
    /// [`matching::SCAN_BUDGET`]; so an edit costs the same whatever the workspace size
    /// (uncapped, the lists of common bigrams made a digit edit at 10k articles cost
    /// 30–70 ms here). Where nothing is capped, every list is read whole, as before.
    fn match_new(&mut self, v: u32) {
        let words = self.variants[v as usize].words.clone();
        let mut lists: Vec<(usize, u64, &[u32])> = words
            .windows(2)
            .filter_map(|w| {
                let k = bigram(w[0], w[1]);
                self.postings.get(&k).map(|l| (l.len(), k, l.as_slice()))
            })
            .collect();
        lists.sort_unstable_by_key(|&(len, k, _)| (len, k));
        let read = matching::lists_within_budget(
            lists
                .iter()
                .map(|&(len, _, _)| len.min(matching::POSTING_SCAN)),
        );
        let mut shared: FxHashMap<u32, u32> = FxHashMap::default();
        for &(_, _, list) in lists.get(..read).unwrap_or(&[]) {
            let (head, tail) = matching::capped(list);
            for &other in head.iter().chain(tail) {
                if other != v {
                    *shared.entry(other).or_default() += 1;
                }
            }
        }
        let mut candidates: Vec<(u32, u32)> = shared
            .into_iter()
            .filter(|&(_, n)| n >= matching::MIN_SHARED_BIGRAMS)
            .collect();
        candidates
            .sort_unstable_by(|a, b| b.1.cmp(&a.1).then(self.order(a.0).cmp(&self.order(b.0))));
        candidates.truncate(matching::MAX_CANDIDATES);
        let mut scorer = std::mem::take(&mut self.scorer);
        let mut found = Vec::new();
        for (other, _) in candidates {
            let (a, b) = if self.order(other) < self.order(v) {
                (other, v)
            } else {
                (v, other)
            };
            let (wa, wb) = (
                &self.variants[a as usize].words,
                &self.variants[b as usize].words,
            );
            scorer.load(wb, &self.vocab);
            let same = scorer.same_claim(wa, wb, &self.vocab);
            scorer.unload(wb);
            if same {
                found.push(other);
            }
        }
        self.scorer = scorer;
        for other in found {
            self.adj[v as usize].push(other);
            self.adj[other as usize].push(v);
        }
    }

    /// Variants linked to `v` by a statement–part link in one article.
    fn link_neighbours(&self, v: u32, out: &mut Vec<u32>) {
        for r in &self.variants[v as usize].members {
            let d = r.doc as usize;
            for &(w, p) in &self.units[d].links {
                let other = if w == r.local {
                    p
                } else if p == r.local {
                    w
                } else {
                    continue;
                };
                if let Some(&x) = self.unit_variant[d].get(other as usize) {
                    out.push(x);
                }
            }
        }
    }

    /// Every variant connected (by matches and links) to one of `seeds`.
    fn component_of_all(&self, seeds: &[u32]) -> Vec<u32> {
        let mut seen: FxHashSet<u32> = FxHashSet::default();
        let mut out = Vec::new();
        for &s in seeds {
            out.extend(self.component(s, &mut seen));
        }
        out
    }

    /// The connected set of `start`, unless already `seen`.
    fn component(&self, start: u32, seen: &mut FxHashSet<u32>) -> Vec<u32> {
        let mut out = Vec::new();
        if !seen.insert(start) {
            return out;
        }
        let mut stack = vec![start];
        let mut next = Vec::new();
        while let Some(v) = stack.pop() {
            out.push(v);
            next.clear();
            next.extend_from_slice(&self.adj[v as usize]);
            self.link_neighbours(v, &mut next);
            for &n in &next {
                if seen.insert(n) {
                    stack.push(n);
                }
            }
        }
        out
    }

    /// Recompute the claims of the components holding `seeds` (whose old records are
    /// already dropped).
    fn regroup(&mut self, docs: &[Doc], seeds: Vec<u32>) {
        let mut seen = FxHashSet::default();
        for s in seeds {
            let comp = self.component(s, &mut seen);
            if comp.is_empty() {
                continue;
            }
            // the old records of parts of it (it may have grown by new matches)
            for &v in &comp {
                self.drop_record(v);
            }
            let clusters = self.clusters_of(docs, &comp);
            let id = if clusters.is_empty() {
                NONE
            } else {
                let rec = Component { clusters };
                match self.free_comps.pop() {
                    Some(c) => {
                        self.comps[c as usize] = Some(rec);
                        c
                    }
                    None => {
                        self.comps.push(Some(rec));
                        (self.comps.len() - 1) as u32
                    }
                }
            };
            for v in comp {
                self.comp_of[v as usize] = id;
            }
        }
    }

    /// The claims of one connected set of variants, grouped as the cold run groups them.
    fn clusters_of(&self, docs: &[Doc], comp: &[u32]) -> Vec<Clustered> {
        let total: usize = comp
            .iter()
            .map(|&v| self.variants[v as usize].members.len())
            .sum();
        if total < 2 {
            return Vec::new();
        }
        let mut vs: Vec<u32> = comp.to_vec();
        vs.sort_unstable_by_key(|&v| self.order(v));
        let local: FxHashMap<u32, u32> =
            vs.iter().enumerate().map(|(k, &v)| (v, k as u32)).collect();
        // variants are numbered in order, as in the cold run: (earlier, later) pairs
        let mut matches = Vec::new();
        let mut links = Vec::new();
        for (k, &v) in vs.iter().enumerate() {
            for n in &self.adj[v as usize] {
                if let Some(&kn) = local.get(n) {
                    if (kn as usize) > k {
                        matches.push((k as u32, kn));
                    }
                }
            }
            for r in &self.variants[v as usize].members {
                let d = r.doc as usize;
                for &(w, p) in self.units[d].links.iter().filter(|l| l.0 == r.local) {
                    let part = UnitRef {
                        doc: r.doc,
                        local: p,
                    };
                    let pv = self.unit_variant[d]
                        .get(p as usize)
                        .copied()
                        .unwrap_or(NONE);
                    if let Some(&kp) = local.get(&pv) {
                        links.push((
                            UnitRef {
                                doc: r.doc,
                                local: w,
                            },
                            part,
                            k as u32,
                            kp,
                        ));
                    }
                }
            }
        }
        matches.sort_unstable();
        matches.dedup();
        let mut grouping = Grouping::new(vs.len(), |k| {
            cluster::numbers(&self.variants[vs[k] as usize].words, &self.vocab)
        });
        for (a, b) in cluster::ordered_edges(matches, links) {
            grouping.join(a as usize, b as usize);
        }
        let mut groups: FxHashMap<usize, Vec<UnitRef>> = FxHashMap::default();
        for (k, &v) in vs.iter().enumerate() {
            let root = grouping.find(k);
            groups
                .entry(root)
                .or_default()
                .extend_from_slice(&self.variants[v as usize].members);
        }
        let mut roots: Vec<usize> = groups.keys().copied().collect();
        roots.sort_unstable();
        roots
            .into_iter()
            .filter_map(|r| groups.remove(&r))
            .filter(|g| g.len() >= 2)
            .filter_map(|g| cluster::cluster_of(&self.units, &self.outlets, g))
            .map(|c| Clustered {
                claim: source::claim(docs, &self.units, &c, &self.names).map(std::sync::Arc::new),
                weight: cluster::weight(&self.units, &c),
                units: c,
            })
            .collect()
    }

    fn refresh_all_claims(&mut self, docs: &[Doc]) {
        let (units, names) = (&self.units, &self.names);
        for comp in self.comps.iter_mut().flatten() {
            for c in &mut comp.clusters {
                c.claim = source::claim(docs, units, &c.units, names).map(std::sync::Arc::new);
            }
        }
    }

    /// The full claim list: redundant clusters dropped, ordered by source.
    pub(crate) fn claims(&self, _docs: &[Doc]) -> Vec<Claim> {
        self.shared_claims()
            .into_iter()
            .map(|c| (*c).clone())
            .collect()
    }

    /// [`ClaimIndex::claims`] without copying them.
    pub(crate) fn shared_claims(&self) -> Vec<std::sync::Arc<Claim>> {
        let all: Vec<&Clustered> = self
            .comps
            .iter()
            .flatten()
            .flat_map(|c| c.clusters.iter())
            .collect();
        let refs: Vec<&[UnitRef]> = all.iter().map(|c| c.units.as_slice()).collect();
        let weights: Vec<(usize, usize)> = all.iter().map(|c| c.weight).collect();
        let kept = cluster::without_redundant_weighted(&self.units, &refs, &weights);
        let claims = kept
            .into_iter()
            .filter_map(|k| all.get(k).and_then(|c| c.claim.clone()))
            .collect();
        source::ordered_shared(claims)
    }
}

fn folded_outlet(doc: &Doc) -> Option<String> {
    doc.outlet().map(crate::text::fold)
}

/// The distinct bigram keys of a word sequence.
fn distinct_bigrams(words: &[u32]) -> Vec<u64> {
    let mut keys: Vec<u64> = words.windows(2).map(|w| bigram(w[0], w[1])).collect();
    keys.sort_unstable();
    keys.dedup();
    keys
}
