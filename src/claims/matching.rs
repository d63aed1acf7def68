//! Near-duplicate matching of claim units through a bigram postings index.

use super::fxhash::{FxHashMap, FxHashSet};
use super::units::{DocUnits, UnitRef, Vocab, GENERIC, NUMBER};
use super::Stats;
use std::sync::OnceLock;

/// Postings entries visited per bigram of a variant: a bigram shared by hundreds of
/// variants (one claim reprinted with small edits) needs only a few of them, since
/// matching is transitive through the clusters.
pub(crate) const POSTING_SCAN: usize = 48;
/// Candidates scored per variant, the ones sharing most bigrams first.
pub(crate) const MAX_CANDIDATES: usize = 24;
/// Candidates must share this many content-word bigrams (a common pair such as
/// "yesterday evening" alone does not make a candidate).
pub(crate) const MIN_SHARED_BIGRAMS: u32 = 2;
/// Share of the shorter unit's (weighted) content found in the longer one.
const MIN_CONTAINMENT: f64 = 0.75;
/// Share of the longer unit's content words found in the shorter one.
const MIN_COVERAGE: f64 = 0.6;
/// Longest common subsequence of content words over the shorter unit's length.
const MIN_IN_ORDER: f64 = 0.75;
/// Content words two units must share.
const MIN_SHARED_WORDS: usize = 4;

/// Distinct content-word sequences ("variants") and the units that have them, in
/// first-unit order: a claim reprinted verbatim by hundreds of articles is one variant.
pub(crate) struct Variants<'a> {
    /// Words of each variant.
    pub words: Vec<&'a [u32]>,
    /// Members of variant `v`: `members[member_start[v]..member_start[v + 1]]`, in order.
    member_start: Vec<u32>,
    members: Vec<UnitRef>,
    /// Variant of each unit: `unit_variant[unit_base[doc] + local]`.
    unit_base: Vec<u32>,
    unit_variant: Vec<u32>,
}

impl<'a> Variants<'a> {
    pub(crate) fn build(docs: &'a [DocUnits]) -> Variants<'a> {
        let mut by_words: FxHashMap<&'a [u32], u32> = FxHashMap::default();
        let mut words: Vec<&'a [u32]> = Vec::new();
        let mut unit_base = Vec::with_capacity(docs.len() + 1);
        let mut unit_variant = Vec::new();
        let mut counts: Vec<u32> = Vec::new();
        for d in docs {
            unit_base.push(unit_variant.len() as u32);
            for u in &d.units {
                let w = d.words(u);
                let v = *by_words.entry(w).or_insert_with(|| {
                    words.push(w);
                    counts.push(0);
                    (words.len() - 1) as u32
                });
                counts[v as usize] += 1;
                unit_variant.push(v);
            }
        }
        unit_base.push(unit_variant.len() as u32);
        drop(by_words);
        let mut member_start = Vec::with_capacity(counts.len() + 1);
        let mut total = 0u32;
        for c in &counts {
            member_start.push(total);
            total += c;
        }
        member_start.push(total);
        let mut fill: Vec<u32> = member_start.clone();
        let mut members = vec![UnitRef { doc: 0, local: 0 }; total as usize];
        for (doc, d) in docs.iter().enumerate() {
            let base = unit_base[doc] as usize;
            for local in 0..d.units.len() {
                let v = unit_variant[base + local] as usize;
                members[fill[v] as usize] = UnitRef {
                    doc: doc as u32,
                    local: local as u32,
                };
                fill[v] += 1;
            }
        }
        Variants {
            words,
            member_start,
            members,
            unit_base,
            unit_variant,
        }
    }

    pub(crate) fn len(&self) -> usize {
        self.words.len()
    }

    pub(crate) fn members(&self, v: u32) -> &[UnitRef] {
        let (a, b) = (
            self.member_start[v as usize] as usize,
            self.member_start[v as usize + 1] as usize,
        );
        &self.members[a..b]
    }

    pub(crate) fn of(&self, u: UnitRef) -> u32 {
        self.unit_variant[(self.unit_base[u.doc as usize] + u.local) as usize]
    }
}

/// A bigram of word ids as one key.
pub(crate) fn bigram(a: u32, b: u32) -> u64 {
    ((a as u64) << 32) | b as u64
}

/// A posting list that keeps what [`scanned`] visits: its first half of
/// [`POSTING_SCAN`] entries and a ring of the newest half. Order within does not matter
/// (the scan only counts).
#[derive(Default)]
struct CappedList {
    items: Vec<u32>,
    len: u32,
}

impl CappedList {
    fn push(&mut self, v: u32) {
        let half = POSTING_SCAN / 2;
        let len = self.len as usize;
        if len < POSTING_SCAN {
            self.items.push(v);
        } else if let Some(slot) = self.items.get_mut(half + (len - half) % half) {
            *slot = v;
        }
        self.len += 1;
    }
}

/// Pairs of variants that say the same thing (earlier variant first), in the order found.
/// Each variant is scored against earlier ones found through the postings, visiting the
/// oldest and newest halves of [`POSTING_SCAN`] entries per bigram and at most
/// [`MAX_CANDIDATES`] candidates, so cost grows with the text, not with its square.
pub(crate) fn matching_pairs(vars: &Variants, vocab: &Vocab, stats: &mut Stats) -> Vec<(u32, u32)> {
    let n = vars.len();
    let once = bigrams_seen_once(vars);
    let mut postings: FxHashMap<u64, CappedList> = FxHashMap::default();
    let mut counter = Counter::new(n);
    let mut scorer = Scorer::default();
    let mut out = Vec::new();
    let mut groups = super::cluster::UnionFind::new(n);
    let mut keys: Vec<u64> = Vec::new();
    let mut joined: Vec<u32> = Vec::new();
    for v in 0..n as u32 {
        let words = vars.words[v as usize];
        for w in words.windows(2) {
            if let Some(list) = postings.get(&bigram(w[0], w[1])) {
                stats.postings_visited += list.items.len();
                for &other in &list.items {
                    counter.add(other);
                }
            }
        }
        let candidates = counter.take_candidates();
        if !candidates.is_empty() {
            scorer.load(words, vocab);
            joined.clear();
            for &other in &candidates {
                // already linked to this claim through an earlier match: nothing to learn
                let root = groups.find(other as usize) as u32;
                if joined.contains(&root) {
                    continue;
                }
                stats.pairs_scored += 1;
                if scorer.same_claim(vars.words[other as usize], words, vocab) {
                    out.push((other, v));
                    groups.union(other as usize, v as usize);
                    joined.push(groups.find(v as usize) as u32);
                }
            }
            scorer.unload(words);
        }
        keys.clear();
        keys.extend(words.windows(2).map(|w| bigram(w[0], w[1])));
        keys.sort_unstable();
        keys.dedup();
        for &k in &keys {
            if !once.contains(k) {
                postings.entry(k).or_default().push(v);
            }
        }
    }
    out
}

/// Bigrams that occur in one variant only, as far as a small counting table can tell:
/// such a bigram never makes a candidate, so it need not be posted. A table slot shared
/// by several bigrams only makes the answer "more than once" (never wrong the other way).
struct SeenOnce {
    mask: u64,
    /// Two bits per slot: seen once, seen more than once.
    once: Vec<u64>,
    more: Vec<u64>,
}

impl SeenOnce {
    fn slot(&self, key: u64) -> (usize, u64) {
        let h = key.wrapping_mul(0x9e37_79b9_7f4a_7c15);
        let i = (h >> 20) & self.mask;
        ((i / 64) as usize, 1u64 << (i % 64))
    }
    fn add(&mut self, key: u64) {
        let (i, bit) = self.slot(key);
        if self.once[i] & bit != 0 {
            self.more[i] |= bit;
        } else {
            self.once[i] |= bit;
        }
    }
    fn contains(&self, key: u64) -> bool {
        let (i, bit) = self.slot(key);
        self.more[i] & bit == 0
    }
}

fn bigrams_seen_once(vars: &Variants) -> SeenOnce {
    let total: usize = vars.words.iter().map(|w| w.len()).sum();
    let slots = (total * 4).next_power_of_two().clamp(64, 1 << 40) as u64;
    let mut t = SeenOnce {
        mask: slots - 1,
        once: vec![0; (slots / 64) as usize],
        more: vec![0; (slots / 64) as usize],
    };
    let mut keys: Vec<u64> = Vec::new();
    for words in &vars.words {
        keys.clear();
        keys.extend(words.windows(2).map(|w| bigram(w[0], w[1])));
        keys.sort_unstable();
        keys.dedup();
        for &k in &keys {
            t.add(k);
        }
    }
    t
}

/// Shared-bigram counts per candidate: a dense array and the list of touched entries.
pub(crate) struct Counter {
    counts: Vec<u32>,
    touched: Vec<u32>,
}

impl Counter {
    pub(crate) fn new(n: usize) -> Counter {
        Counter {
            counts: vec![0; n],
            touched: Vec::new(),
        }
    }

    pub(crate) fn add(&mut self, v: u32) {
        if v as usize >= self.counts.len() {
            self.counts.resize(v as usize + 1, 0);
        }
        let c = &mut self.counts[v as usize];
        if *c == 0 {
            self.touched.push(v);
        }
        *c += 1;
    }

    /// Candidates sharing at least [`MIN_SHARED_BIGRAMS`], most shared first (then by
    /// id), at most [`MAX_CANDIDATES`]; resets the counts.
    pub(crate) fn take_candidates(&mut self) -> Vec<u32> {
        self.take_candidates_by(|v| v as u64)
    }

    /// As [`Counter::take_candidates`], ties broken by `order`.
    pub(crate) fn take_candidates_by(&mut self, order: impl Fn(u32) -> u64) -> Vec<u32> {
        let mut c: Vec<(u32, u32)> = Vec::new();
        for &v in &self.touched {
            let n = std::mem::take(&mut self.counts[v as usize]);
            if n >= MIN_SHARED_BIGRAMS {
                c.push((v, n));
            }
        }
        self.touched.clear();
        let rank = |a: &(u32, u32), b: &(u32, u32)| b.1.cmp(&a.1).then(order(a.0).cmp(&order(b.0)));
        if c.len() > MAX_CANDIDATES {
            c.select_nth_unstable_by(MAX_CANDIDATES, rank);
            c.truncate(MAX_CANDIDATES);
        }
        c.sort_unstable_by(rank);
        c.into_iter().map(|(v, _)| v).collect()
    }
}

/// Words common to news of any kind count half: two sentences sharing mostly these
/// are not one claim. A fixed list rather than IDF, because in a workspace dominated by
/// one claim's reprints IDF would call the claim's own words common.
const GENERIC_WORDS: &[&str] = &[
    "police",
    "people",
    "official",
    "government",
    "year",
    "day",
    "time",
    "week",
    "month",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "morning",
    "night",
    "evening",
    "afternoon",
    "today",
    "yesterday",
    "new",
    "local",
    "city",
    "area",
    "state",
    "country",
    "public",
    "work",
    "make",
    "take",
    "come",
    "go",
    "know",
    "think",
    "want",
    "need",
    "like",
    "well",
    "back",
    "way",
    "also",
    "first",
    "last",
    "one",
    "two",
    "three",
    "many",
    "right",
    "good",
    "thing",
    "place",
    "hour",
    "minute",
    "start",
    "begin",
];

/// Is this stem one of [`GENERIC_WORDS`]?
pub(crate) fn is_generic(stem: &str) -> bool {
    static SET: OnceLock<FxHashSet<&'static str>> = OnceLock::new();
    SET.get_or_init(|| GENERIC_WORDS.iter().copied().collect())
        .contains(stem)
}

fn weight(flags: u8) -> f64 {
    if flags & GENERIC != 0 {
        0.5
    } else {
        1.0
    }
}

/// Scores pairs against one loaded variant with dense per-word counters (no hashing, no
/// allocation per pair).
#[derive(Default)]
pub(crate) struct Scorer {
    /// Occurrences of each word in the loaded variant.
    count: Vec<u32>,
    /// Scratch copy of `count` consumed by one intersection, then restored.
    avail: Vec<u32>,
    prev: Vec<u32>,
    cur: Vec<u32>,
    /// Positions of each word in the longer sequence, for [`Scorer::lcs`].
    masks: Vec<u64>,
}

impl Scorer {
    pub(crate) fn load(&mut self, b: &[u32], vocab: &Vocab) {
        if self.count.len() < vocab.flags.len() {
            self.count.resize(vocab.flags.len(), 0);
            self.avail.resize(vocab.flags.len(), 0);
        }
        for &w in b {
            if let (Some(c), Some(a)) = (
                self.count.get_mut(w as usize),
                self.avail.get_mut(w as usize),
            ) {
                *c += 1;
                *a += 1;
            }
        }
    }

    pub(crate) fn unload(&mut self, b: &[u32]) {
        for &w in b {
            if let (Some(c), Some(a)) = (
                self.count.get_mut(w as usize),
                self.avail.get_mut(w as usize),
            ) {
                *c = 0;
                *a = 0;
            }
        }
    }

    fn count(&self, w: u32) -> u32 {
        self.count.get(w as usize).copied().unwrap_or(0)
    }

    /// Do two content-word sequences state the same claim? `b` must be loaded.
    /// Numbers must agree: "7 were killed" and "9 were killed" are two claims (and maybe
    /// a disagreement), not one.
    pub(crate) fn same_claim(&mut self, a: &[u32], b: &[u32], vocab: &Vocab) -> bool {
        let short_is_a = a.len() <= b.len();
        let (short, long) = if short_is_a { (a, b) } else { (b, a) };
        if short.len() + 1 == super::units::MIN_CONTENT_WORDS {
            return self.plain_statement_recurs(short, long, vocab);
        }
        if short.len() < super::units::MIN_CONTENT_WORDS {
            return false;
        }
        // the common words are at most the shorter unit's: cheap early exit
        if (short.len() as f64) < MIN_COVERAGE * long.len() as f64 {
            return false;
        }
        let mut common = 0usize;
        let mut shared = 0.0f64;
        for &w in a {
            if let Some(x) = self.avail.get_mut(w as usize) {
                if *x > 0 {
                    *x -= 1;
                    common += 1;
                    shared += weight(vocab.flag(w));
                }
            }
        }
        for &w in a {
            let c = self.count(w);
            if let Some(x) = self.avail.get_mut(w as usize) {
                *x = c;
            }
        }
        if common < MIN_SHARED_WORDS || (common as f64) < MIN_COVERAGE * long.len() as f64 {
            return false;
        }
        let numbers_differ = short
            .iter()
            .filter(|&&w| vocab.flag(w) & NUMBER != 0)
            .any(|&n| {
                if short_is_a {
                    self.count(n) == 0
                } else {
                    !a.contains(&n)
                }
            });
        if numbers_differ {
            return false;
        }
        let total: f64 = short.iter().map(|&w| weight(vocab.flag(w))).sum();
        if shared < MIN_CONTAINMENT * total {
            return false;
        }
        self.lcs(short, long) as f64 >= MIN_IN_ORDER * short.len() as f64
    }

    /// A short statement (three content words, none generic) recurs when all its words
    /// do, in order, in a statement not much longer.
    fn plain_statement_recurs(&mut self, short: &[u32], long: &[u32], vocab: &Vocab) -> bool {
        short
            .iter()
            .all(|&w| vocab.flag(w) & (GENERIC | NUMBER) == 0)
            && (short.len() as f64) >= MIN_COVERAGE * long.len() as f64
            && self.lcs(short, long) == short.len()
    }

    /// Length of the longest common subsequence (units are sentences: short). Up to 64
    /// words in `b`: bit-parallel (Hyyrö 2004), one pass over `a` with a bit mask of the
    /// positions of each word in `b`; longer: the textbook table.
    fn lcs(&mut self, a: &[u32], b: &[u32]) -> usize {
        if b.len() <= 64 && !b.is_empty() {
            if self.masks.len() < self.count.len() {
                self.masks.resize(self.count.len(), 0);
            }
            for (j, &w) in b.iter().enumerate() {
                if let Some(m) = self.masks.get_mut(w as usize) {
                    *m |= 1 << j;
                }
            }
            let mut v: u64 = !0;
            for &w in a {
                let u = v & self.masks.get(w as usize).copied().unwrap_or(0);
                v = v.wrapping_add(u) | v.wrapping_sub(u);
            }
            for &w in b {
                if let Some(m) = self.masks.get_mut(w as usize) {
                    *m = 0;
                }
            }
            let used = if b.len() == 64 {
                !0
            } else {
                (1u64 << b.len()) - 1
            };
            return (!v & used).count_ones() as usize;
        }
        self.lcs_table(a, b)
    }

    fn lcs_table(&mut self, a: &[u32], b: &[u32]) -> usize {
        self.prev.clear();
        self.prev.resize(b.len() + 1, 0);
        self.cur.clear();
        self.cur.resize(b.len() + 1, 0);
        for x in a {
            for (j, y) in b.iter().enumerate() {
                self.cur[j + 1] = if x == y {
                    self.prev[j] + 1
                } else {
                    self.cur[j].max(self.prev[j + 1])
                };
            }
            std::mem::swap(&mut self.prev, &mut self.cur);
        }
        self.prev[b.len()] as usize
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The bit-parallel LCS equals the table on pseudo-random sequences of every length
    /// up to and past 64 words.
    #[test]
    fn bit_parallel_lcs_equals_the_table() {
        let mut scorer = Scorer::default();
        scorer.count.resize(16, 0);
        let mut seed: u64 = 1;
        let mut next = |n: u64| {
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1);
            (seed >> 33) % n
        };
        for round in 0..2000 {
            let (la, lb) = (next(70) as usize, next(70) as usize);
            let alphabet = 1 + next(12);
            let a: Vec<u32> = (0..la).map(|_| next(alphabet) as u32).collect();
            let b: Vec<u32> = (0..lb).map(|_| next(alphabet) as u32).collect();
            assert_eq!(
                scorer.lcs(&a, &b),
                scorer.lcs_table(&a, &b),
                "round {round}: {a:?} {b:?}"
            );
        }
    }
}
