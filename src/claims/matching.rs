//! Near-duplicate matching of claim units through a bigram postings index.

use super::fxhash::{FxHashMap, FxHashSet};
use super::units::{DocUnits, UnitRef, Vocab, GENERIC, NUMBER};
use super::Stats;
use rayon::prelude::*;
use std::sync::atomic::{AtomicU32, AtomicU64, Ordering};
use std::sync::{Mutex, OnceLock};

/// Postings entries visited per bigram of a variant: a bigram shared by hundreds of
/// variants (one claim reprinted with small edits) needs only a few of them, since
/// matching is transitive through the clusters.
pub(crate) const POSTING_SCAN: usize = 48;
/// Postings entries visited per variant, rarest bigrams first: a variant's lists are
/// taken by how many earlier variants have the bigram, fewest first, while their capped
/// views ([`POSTING_SCAN`]) fit in this budget. A bigram few variants share (a name, a
/// rare phrase) is always looked at; those shared by many (template words of a wire
/// service, "said on Tuesday") are what the budget leaves out once full.
///
/// Without it, the capped lists of common bigrams fill as the workspace grows and the
/// work per variant grows with them (188, 305, 344 entries at 1k, 10k, 50k synthetic
/// articles); with it, 116, 135, 140: the scan is linear in the text. Chosen on the
/// labelled corpora: the sample and ECB+ claims are the same as without a budget; on
/// the synthetic corpus's planted quotes, pair recall is 0.8905 at 10k articles against
/// 0.8899 without (128: 0.8875; 192: 0.8930, for 25 % more work than 160), with the same
/// precision; what it drops are chains of one-word-apart template sentences ("X, a
/// witness, visited the site and met nurses / engineers of Y"), which were not one claim.
pub(crate) const SCAN_BUDGET: usize = 160;
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

/// What a variant's words look like from afar, in one `u64`: each word sets one of 48
/// bits (by a hash of its id); with the word count and the words that found their bit
/// already set, two sketches bound from above how many words two variants share (see
/// [`Sketch::may_match`]), so most candidates are turned down without reading their
/// words. At 10k articles 98 % of the scored pairs fail, most for sharing too few words,
/// and each read of a candidate's words is a cache miss: at 10k articles the sketches
/// (8 bytes a variant) cut the scoring from 1.13 G instructions to 0.22 G and its L1
/// misses from 6.7 M to 1.7 M, for 0.12 G more in the scan (cachegrind, one thread).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Sketch(u64);

/// Bits of a [`Sketch`] the words set; above them, the length and the extra words (a
/// byte each).
const SKETCH_BITS: u32 = 48;
const SKETCH_WORDS: u64 = (1 << SKETCH_BITS) - 1;
/// A length that does not fit the sketch's byte: nothing can be ruled out.
const SKETCH_LONG: u64 = 255;

impl Sketch {
    pub(crate) fn of(words: &[u32]) -> Sketch {
        let bits = words.iter().fold(0u64, |b, &w| b | Sketch::bit(w));
        let len = (words.len() as u64).min(SKETCH_LONG);
        // at most `len`, so below 255 when the length is known
        let extra = len.saturating_sub(u64::from(bits.count_ones()));
        Sketch(bits | len << SKETCH_BITS | extra << (SKETCH_BITS + 8))
    }

    fn bit(word: u32) -> u64 {
        let h = (word as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15) >> 32;
        1u64 << ((h * u64::from(SKETCH_BITS)) >> 32)
    }

    fn len(self) -> u64 {
        (self.0 >> SKETCH_BITS) & 0xff
    }

    fn extra(self) -> u64 {
        self.0 >> (SKETCH_BITS + 8)
    }

    /// At least as many as the words the two variants share (as a multiset): a shared
    /// word sets the same bit in both, and a bit holding several of them is paid for by
    /// the `extra` words of each side.
    fn shared_at_most(self, other: Sketch) -> u64 {
        u64::from((self.0 & other.0 & SKETCH_WORDS).count_ones()) + self.extra().min(other.extra())
    }

    /// False only when [`Scorer::same_claim`] is sure to say no: its tests on sizes
    /// ([`sizes_allow`]), with the bound above standing for the shared words. Never false
    /// where `same_claim` could say yes (the matching tests check it pair by pair).
    pub(crate) fn may_match(self, other: Sketch) -> bool {
        let (short, long) = (self.len().min(other.len()), self.len().max(other.len()));
        long >= SKETCH_LONG
            || sizes_allow(
                short as usize,
                long as usize,
                self.shared_at_most(other) as usize,
            )
    }
}

/// Could units of `short` and `long` content words sharing (at most) `shared` of them be
/// one claim? The tests of [`Scorer::same_claim`] on sizes alone: its early exits and the
/// sketches both ask them, so the two cannot drift apart.
fn sizes_allow(short: usize, long: usize, shared: usize) -> bool {
    let not_much_longer = (short as f64) >= MIN_COVERAGE * long as f64;
    if short + 1 == super::units::MIN_CONTENT_WORDS {
        // a short plain statement: every word of it must recur
        return not_much_longer && shared >= short;
    }
    short >= super::units::MIN_CONTENT_WORDS
        && not_much_longer
        && shared >= MIN_SHARED_WORDS
        && (shared as f64) >= MIN_COVERAGE * long as f64
}

/// Distinct content-word sequences ("variants") and the units that have them, in
/// first-unit order: a claim reprinted verbatim by hundreds of articles is one variant.
pub(crate) struct Variants<'a> {
    /// Words of each variant.
    pub words: Vec<&'a [u32]>,
    /// [`Sketch`] of each variant's words.
    sketches: Vec<Sketch>,
    /// Members of variant `v`: `members[member_start[v]..member_start[v + 1]]`, in order.
    member_start: Vec<u32>,
    members: Vec<UnitRef>,
    /// Variant of each unit: `unit_variant[unit_base[doc] + local]`.
    unit_base: Vec<u32>,
    unit_variant: Vec<u32>,
}

impl<'a> Variants<'a> {
    pub(crate) fn build(docs: &'a [DocUnits]) -> Variants<'a> {
        let total: usize = docs.iter().map(|d| d.units.len()).sum();
        let mut by_words = SequenceTable::with_room_for(total);
        let mut words: Vec<&'a [u32]> = Vec::new();
        let mut unit_base = Vec::with_capacity(docs.len() + 1);
        let mut unit_variant = Vec::with_capacity(total);
        let mut counts: Vec<u32> = Vec::new();
        // The ids are given in unit order, one unit after another; the units' hashes do
        // not depend on that order, so each batch's are computed in parallel beside the
        // insertion of the batch before (bounded memory: one batch of hashes ahead).
        let hashes_of = |batch: &[DocUnits]| -> Vec<u64> {
            batch
                .par_iter()
                .flat_map_iter(|d| d.units.iter().map(|u| sequence_hash(d.words(u))))
                .collect()
        };
        let mut batches = docs.chunks(HASH_BATCH);
        let mut pending: Option<(&'a [DocUnits], Vec<u64>)> =
            batches.next().map(|b| (b, hashes_of(b)));
        while let Some((batch, hashes)) = pending.take() {
            let next = batches.next();
            let (ahead, ()) = rayon::join(
                || next.map(|b| (b, hashes_of(b))),
                || {
                    // one hash per unit, in unit order (`hashes_of`)
                    let mut hashes = hashes.into_iter();
                    for d in batch {
                        unit_base.push(unit_variant.len() as u32);
                        for (u, h) in d.units.iter().zip(hashes.by_ref()) {
                            let w = d.words(u);
                            let v = by_words.find_or_add(w, h, &mut words);
                            if v as usize == counts.len() {
                                counts.push(0);
                            }
                            counts[v as usize] += 1;
                            unit_variant.push(v);
                        }
                    }
                },
            );
            pending = ahead;
        }
        unit_base.push(unit_variant.len() as u32);
        drop(by_words);
        let sketches = words.par_iter().map(|w| Sketch::of(w)).collect();
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
            sketches,
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

    /// Whether variants `a` and `b` could be one claim, by their sketches alone.
    fn may_match(&self, a: u32, b: u32) -> bool {
        match (self.sketches.get(a as usize), self.sketches.get(b as usize)) {
            (Some(&x), Some(&y)) => x.may_match(y),
            _ => true,
        }
    }

    pub(crate) fn of(&self, u: UnitRef) -> u32 {
        self.unit_variant[(self.unit_base[u.doc as usize] + u.local) as usize]
    }
}

/// Articles whose units are hashed in one parallel batch while [`Variants::build`] gives
/// ids to the batch before.
const HASH_BATCH: usize = 1024;

/// Variant ids by word sequence: an open-addressing table of `u32` ids with a hash tag
/// each (8 bytes a slot, at most 80 % full), looking words up in the variants' list, so
/// 400k variants cost 4–8 MB instead of a map's 13 MB of keys.
struct SequenceTable {
    /// Variant id + 1 (0: empty).
    slots: Vec<u32>,
    tags: Vec<u32>,
    mask: usize,
}

impl SequenceTable {
    fn with_room_for(n: usize) -> SequenceTable {
        let size = (n + n / 4 + 1).next_power_of_two().max(16);
        SequenceTable {
            slots: vec![0; size],
            tags: vec![0; size],
            mask: size - 1,
        }
    }

    /// The id of the variant with these words, added to `words` (with the next id) if
    /// new. Never more ids than the room asked for plus a quarter: the table then grows.
    /// `h` is `sequence_hash(w)`.
    fn find_or_add<'a>(&mut self, w: &'a [u32], h: u64, words: &mut Vec<&'a [u32]>) -> u32 {
        if (words.len() + 1) * 5 > self.slots.len() * 4 {
            self.grow(words);
        }
        let tag = (h >> 32) as u32;
        let mut i = h as usize & self.mask;
        loop {
            match self.slots[i] {
                0 => {
                    words.push(w);
                    let v = (words.len() - 1) as u32;
                    self.slots[i] = v + 1;
                    self.tags[i] = tag;
                    return v;
                }
                s if self.tags[i] == tag && words.get(s as usize - 1) == Some(&w) => {
                    return s - 1;
                }
                _ => i = (i + 1) & self.mask,
            }
        }
    }

    fn grow(&mut self, words: &[&[u32]]) {
        let mut bigger = SequenceTable::with_room_for(self.slots.len() * 2);
        for (v, w) in words.iter().enumerate() {
            let h = sequence_hash(w);
            let mut i = h as usize & bigger.mask;
            while bigger.slots[i] != 0 {
                i = (i + 1) & bigger.mask;
            }
            bigger.slots[i] = v as u32 + 1;
            bigger.tags[i] = (h >> 32) as u32;
        }
        *self = bigger;
    }
}

/// A 64-bit hash of a word sequence (FxHash steps, then a finaliser so the low bits, which
/// pick the slot, depend on every word).
fn sequence_hash(w: &[u32]) -> u64 {
    let mut h: u64 = w.len() as u64;
    for &x in w {
        h = (h.rotate_left(5) ^ x as u64).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^ (h >> 33)
}

/// A bigram of word ids as one key.
pub(crate) fn bigram(a: u32, b: u32) -> u64 {
    ((a as u64) << 32) | b as u64
}

/// Variants per block of the parallel scan (see [`matching_pairs`]).
const BLOCK: usize = 8192;
/// Variants per parallel task inside a block.
const CHUNK: usize = 256;

/// Pairs of variants that say the same thing (earlier variant first), in the order found.
///
/// The rule (the contract, which the sequential oracle in the tests states as a loop):
/// variants are taken in order; each is scored against earlier ones found through the
/// postings, where a bigram's list holds, at that time, the oldest and newest halves of
/// [`POSTING_SCAN`] earlier variants having it (all of them when fewer); the variant's
/// lists are read shortest first (ties by bigram key) while they fit in
/// [`SCAN_BUDGET`] entries, and at most
/// [`MAX_CANDIDATES`] candidates, most shared bigrams first; a candidate already linked
/// to the variant through a match made earlier in the loop is skipped, so a claim
/// reprinted hundreds of times is scored about once per variant. Cost grows with the
/// text, not with its square.
///
/// Run in parallel with the same result: the postings are built in full once
/// ([`Postings`]), so any variant's capped view can be read at any time. Variants are
/// taken in blocks of [`BLOCK`]; inside a block, tasks of [`CHUNK`] variants find each
/// variant's candidates and score them ([`Worker::scan`]); then one cheap sequential
/// [`Replay`] applies the skip rule in order and makes the unions. A candidate after the
/// variant's first match is what the skip rule may drop: it is dropped at once when the
/// union-find (as left by earlier blocks) already puts it with the first match (groups
/// only grow, so the skip is certain), scored ahead when it belongs to an earlier block,
/// and left to the replay, scored only if not skipped, when it is in the same block (its
/// group is still being formed): that keeps the pairs scored close to the sequential
/// loop's, even for one claim reprinted a thousand times.
pub(crate) fn matching_pairs(vars: &Variants, vocab: &Vocab, stats: &mut Stats) -> Vec<(u32, u32)> {
    matching_pairs_in_blocks(vars, vocab, stats, BLOCK)
}

fn matching_pairs_in_blocks(
    vars: &Variants,
    vocab: &Vocab,
    stats: &mut Stats,
    block: usize,
) -> Vec<(u32, u32)> {
    let n = vars.len();
    let postings = Postings::build(vars);
    let workers: Vec<Mutex<Worker>> = (0..rayon::current_num_threads().max(1))
        .map(|_| Mutex::new(Worker::new(n, postings.ids.len())))
        .collect();
    let mut replay = Replay {
        groups: super::cluster::UnionFind::new(n),
        scorer: Scorer::default(),
        joined: Vec::new(),
        out: Vec::new(),
    };
    let block = block.max(1);
    let mut lo = 0;
    while lo < n {
        let hi = n.min(lo + block);
        let ranges: Vec<(u32, u32)> = (lo..hi)
            .step_by(CHUNK)
            .map(|a| (a as u32, hi.min(a + CHUNK) as u32))
            .collect();
        let ctx = Scan {
            vars,
            vocab,
            postings: &postings,
            groups: &replay.groups,
            block_start: lo as u32,
        };
        let found: Vec<Found> = ranges
            .par_iter()
            .map(|&(a, b)| {
                let slot = rayon::current_thread_index().unwrap_or(0) % workers.len();
                // a poisoned lock only means another task panicked: its scratch is reset
                let mut w = workers[slot]
                    .lock()
                    .unwrap_or_else(std::sync::PoisonError::into_inner);
                w.scan(&ctx, a..b)
            })
            .collect();
        for f in found {
            stats.postings_visited += f.visited;
            stats.pairs_scored += f.scored;
            replay.apply(&f.events, vars, vocab, stats);
        }
        lo = hi;
    }
    replay.out
}

/// Every earlier variant having each bigram: bigram → dense id (one hash map), then one
/// list per id in a single array, in variant order (compressed sparse rows). Bigrams in
/// one variant only are not posted (they never make a candidate).
struct Postings {
    ids: FxHashMap<u64, u32>,
    /// List of id `i`: `entries[start[i]..start[i + 1]]`, ascending.
    start: Vec<usize>,
    entries: Vec<u32>,
}

impl Postings {
    /// Built in parallel, with the same lists whatever the thread count: variants are cut
    /// into ranges; each range counts its posted bigrams in a local map; ids follow the
    /// sorted keys (so they do not depend on the ranges); each range then writes its
    /// variants at its own offset in every list, so the lists stay in variant order.
    fn build(vars: &Variants) -> Postings {
        let once = bigrams_seen_once(vars);
        let ranges = variant_ranges(vars.len(), rayon::current_num_threads().max(1) * 2);
        let local: Vec<FxHashMap<u64, u32>> = ranges
            .par_iter()
            .map(|r| {
                let mut counts: FxHashMap<u64, u32> = FxHashMap::default();
                let mut keys = Vec::new();
                for words in &vars.words[r.clone()] {
                    distinct_bigrams_into(words, &mut keys);
                    for &k in keys.iter().filter(|&&k| !once.contains(k)) {
                        *counts.entry(k).or_insert(0) += 1;
                    }
                }
                counts
            })
            .collect();
        drop(once);
        let mut sorted: Vec<u64> = local.iter().flat_map(|m| m.keys().copied()).collect();
        sorted.sort_unstable();
        sorted.dedup();
        let ids: FxHashMap<u64, u32> = sorted
            .iter()
            .enumerate()
            .map(|(id, &k)| (k, id as u32))
            .collect();
        drop(sorted);
        // offsets[r][id]: where range `r` writes its first variant of list `id`
        let mut offsets: Vec<Vec<usize>> = vec![vec![0; ids.len()]; local.len()];
        let mut start = Vec::with_capacity(ids.len() + 1);
        let mut sizes = vec![0usize; ids.len()];
        for (counts, o) in local.iter().zip(&mut offsets) {
            for (k, &c) in counts {
                if let Some(&id) = ids.get(k) {
                    o[id as usize] = sizes[id as usize];
                    sizes[id as usize] += c as usize;
                }
            }
        }
        drop(local);
        let mut total = 0usize;
        for (id, size) in sizes.iter().enumerate() {
            start.push(total);
            for o in &mut offsets {
                o[id] += total;
            }
            total += size;
        }
        start.push(total);
        drop(sizes);
        let entries: Vec<AtomicU32> = (0..total).map(|_| AtomicU32::new(0)).collect();
        ranges
            .par_iter()
            .zip(offsets.par_iter_mut())
            .for_each(|(r, fill)| {
                let mut keys = Vec::new();
                for v in r.clone() {
                    distinct_bigrams_into(vars.words[v], &mut keys);
                    for k in &keys {
                        let Some(f) = ids.get(k).and_then(|&id| fill.get_mut(id as usize)) else {
                            continue;
                        };
                        if let Some(slot) = entries.get(*f) {
                            slot.store(v as u32, Ordering::Relaxed);
                        }
                        *f += 1;
                    }
                }
            });
        drop(offsets);
        // the same allocation, as plain integers (in-place collect)
        let entries: Vec<u32> = entries.into_iter().map(AtomicU32::into_inner).collect();
        Postings {
            ids,
            start,
            entries,
        }
    }

    /// The dense id of a posted bigram.
    fn id(&self, key: u64) -> Option<u32> {
        self.ids.get(&key).copied()
    }

    fn list(&self, id: u32) -> &[u32] {
        let (a, b) = (
            self.start.get(id as usize).copied().unwrap_or(0),
            self.start.get(id as usize + 1).copied().unwrap_or(0),
        );
        self.entries.get(a..b).unwrap_or(&[])
    }

    /// The index of variant `v` in the list of bigram `id`: the number of earlier
    /// variants having it.
    fn index_in(&self, id: u32, v: u32) -> usize {
        self.list(id).partition_point(|&x| x < v)
    }

    /// What the sequential loop's capped list of bigram `id` held when it reached the
    /// variant at index `p` of the list: the `p` earlier variants having the bigram, when
    /// at most [`POSTING_SCAN`]; else the oldest and the newest `POSTING_SCAN / 2` of
    /// them.
    fn capped_before(&self, id: u32, p: usize) -> (&[u32], &[u32]) {
        capped(self.list(id).get(..p).unwrap_or(&[]))
    }
}

/// The part of a posting list the matching reads: all of it up to [`POSTING_SCAN`]
/// entries, else its oldest and newest halves of [`POSTING_SCAN`].
pub(crate) fn capped(list: &[u32]) -> (&[u32], &[u32]) {
    if list.len() <= POSTING_SCAN {
        return (list, &[]);
    }
    let half = POSTING_SCAN / 2;
    (
        list.get(..half).unwrap_or(&[]),
        list.get(list.len() - half..).unwrap_or(&[]),
    )
}

/// How many of a variant's lists, sorted rarest first, are read: those whose capped
/// sizes fit together in [`SCAN_BUDGET`] (the rest are as long or longer).
pub(crate) fn lists_within_budget(sizes: impl IntoIterator<Item = usize>) -> usize {
    let mut left = SCAN_BUDGET;
    sizes
        .into_iter()
        .take_while(|&n| {
            let fits = n <= left;
            left = left.saturating_sub(n);
            fits
        })
        .count()
}

/// The distinct bigram keys of a word sequence, into `keys`.
///
/// In no particular order (every caller only counts or posts each once). A unit has a
/// dozen or so bigrams: below [`SHORT_BIGRAMS`], a linear check against those kept so far
/// beats sorting (the three passes of [`Postings::build`] dedup every variant's bigrams).
fn distinct_bigrams_into(words: &[u32], keys: &mut Vec<u64>) {
    keys.clear();
    if words.len() <= SHORT_BIGRAMS {
        for w in words.windows(2) {
            let k = bigram(w[0], w[1]);
            if !keys.contains(&k) {
                keys.push(k);
            }
        }
        return;
    }
    keys.extend(words.windows(2).map(|w| bigram(w[0], w[1])));
    keys.sort_unstable();
    keys.dedup();
}

/// Longest word sequence whose bigrams [`distinct_bigrams_into`] dedups without sorting.
const SHORT_BIGRAMS: usize = 24;

/// What the tasks of one block read.
struct Scan<'a, 'v> {
    vars: &'a Variants<'v>,
    vocab: &'a Vocab,
    postings: &'a Postings,
    /// As left by the earlier blocks: not changed while the block is scanned.
    groups: &'a super::cluster::UnionFind,
    block_start: u32,
}

/// A candidate of variant `v` the replay must consider, in candidate order: a match
/// (`known`) or a pair not scored yet.
#[derive(Clone, Copy, Debug)]
struct Event {
    v: u32,
    other: u32,
    known: bool,
}

/// What one task found for its variants, in order.
#[derive(Default)]
struct Found {
    events: Vec<Event>,
    visited: usize,
    scored: usize,
}

/// One thread's scratch: shared-bigram counters, the pair scorer, and where it last
/// was in each posting list.
struct Worker {
    counter: Counter,
    scorer: Scorer,
    /// Scratch: the current variant's candidates.
    candidates: Vec<u32>,
    /// Scratch: the current variant's posting lists, as (earlier variants having the
    /// bigram, bigram id).
    lists: Vec<(u32, u32)>,
    /// Per posted bigram: the last variant of its list this worker reached, and its
    /// index in the list (`NO_VARIANT`: none yet).
    cursor: Vec<(u32, u32)>,
}

const NO_VARIANT: u32 = u32::MAX;

/// The number of entries of the ascending `list` below `v`, found by galloping from the
/// start (1, 2, 4 … entries, then a binary search in the last step): cheap when the answer
/// is near the start, as it is from a worker's last position in a posting list.
fn gallop(list: &[u32], v: u32) -> usize {
    // every entry of `list[..lo]` is below `v`
    let (mut lo, mut hi) = (0usize, 1usize);
    while hi < list.len() && list.get(hi - 1).is_some_and(|&x| x < v) {
        lo = hi;
        hi *= 2;
    }
    let hi = hi.min(list.len());
    lo + list.get(lo..hi).unwrap_or(&[]).partition_point(|&x| x < v)
}

impl Worker {
    fn new(n: usize, posted: usize) -> Worker {
        Worker {
            counter: Counter::new(n),
            scorer: Scorer::default(),
            candidates: Vec::new(),
            lists: Vec::new(),
            cursor: vec![(NO_VARIANT, 0); posted],
        }
    }

    fn scan(&mut self, ctx: &Scan, range: std::ops::Range<u32>) -> Found {
        let mut found = Found::default();
        for v in range {
            self.scan_variant(ctx, v, &mut found);
        }
        found
    }

    /// The index of `v` in the list of bigram `id` (`v` has the bigram, so it is there),
    /// searched from where this worker last was in the list: forward by galloping when
    /// that was an earlier variant (usually the next entry, or a few further when the
    /// other threads took the variants in between), else in the part before it.
    fn position(&mut self, ctx: &Scan, id: u32, v: u32) -> usize {
        let list = ctx.postings.list(id);
        let Some(cursor) = self.cursor.get_mut(id as usize) else {
            return ctx.postings.index_in(id, v);
        };
        let (last, at) = (cursor.0, cursor.1 as usize);
        let p = if last == NO_VARIANT {
            ctx.postings.index_in(id, v)
        } else if last == v {
            at
        } else if last < v {
            at + 1 + gallop(list.get(at + 1..).unwrap_or(&[]), v)
        } else {
            list.get(..at).unwrap_or(&[]).partition_point(|&x| x < v)
        };
        *cursor = (v, p as u32);
        p
    }

    fn scan_variant(&mut self, ctx: &Scan, v: u32, found: &mut Found) {
        let words = ctx.vars.words[v as usize];
        let mut lists = std::mem::take(&mut self.lists);
        lists.clear();
        for w in words.windows(2) {
            if let Some(id) = ctx.postings.id(bigram(w[0], w[1])) {
                lists.push((self.position(ctx, id, v) as u32, id));
            }
        }
        // rarest first (ids follow the keys: ties go by key, as in the sequential loop)
        lists.sort_unstable();
        let read = lists_within_budget(lists.iter().map(|&(p, _)| (p as usize).min(POSTING_SCAN)));
        for &(p, id) in lists.get(..read).unwrap_or(&[]) {
            let (head, tail) = ctx.postings.capped_before(id, p as usize);
            found.visited += head.len() + tail.len();
            self.counter.add_all(head);
            self.counter.add_all(tail);
        }
        self.lists = lists;
        let mut candidates = std::mem::take(&mut self.candidates);
        self.counter.take_candidates_into(&mut candidates);
        if !candidates.is_empty() {
            self.score_candidates(ctx, v, &candidates, found);
        }
        self.candidates = candidates;
    }

    /// Score `v`'s candidates in order up to its first match, then those the replay
    /// cannot be sure to skip (see [`matching_pairs`]).
    fn score_candidates(&mut self, ctx: &Scan, v: u32, candidates: &[u32], found: &mut Found) {
        let words = ctx.vars.words[v as usize];
        self.scorer.load(words, ctx.vocab);
        let mut first_match: Option<u32> = None;
        for &other in candidates {
            if let Some(first) = first_match {
                if other >= ctx.block_start {
                    found.events.push(Event {
                        v,
                        other,
                        known: false,
                    });
                    continue;
                }
                if first < ctx.block_start
                    && ctx.groups.find_frozen(other as usize)
                        == ctx.groups.find_frozen(first as usize)
                {
                    continue; // already with the first match: the replay would skip it
                }
            }
            found.scored += 1;
            if ctx.vars.may_match(other, v)
                && self
                    .scorer
                    .same_claim(ctx.vars.words[other as usize], words, ctx.vocab)
            {
                found.events.push(Event {
                    v,
                    other,
                    known: true,
                });
                first_match.get_or_insert(other);
            }
        }
        self.scorer.unload(words);
    }
}

/// The sequential end of [`matching_pairs`]: the skip rule, the unions and the output,
/// in variant order.
struct Replay {
    groups: super::cluster::UnionFind,
    scorer: Scorer,
    joined: Vec<u32>,
    out: Vec<(u32, u32)>,
}

impl Replay {
    fn apply(&mut self, events: &[Event], vars: &Variants, vocab: &Vocab, stats: &mut Stats) {
        for group in events.chunk_by(|a, b| a.v == b.v) {
            let Some(v) = group.first().map(|e| e.v) else {
                continue;
            };
            let words = vars.words[v as usize];
            let mut loaded = false;
            self.joined.clear();
            for e in group {
                // already linked to this claim through an earlier match: nothing to learn
                let root = self.groups.find(e.other as usize) as u32;
                if self.joined.contains(&root) {
                    continue;
                }
                let same = e.known || {
                    stats.pairs_scored += 1;
                    vars.may_match(e.other, v) && {
                        if !loaded {
                            self.scorer.load(words, vocab);
                            loaded = true;
                        }
                        self.scorer
                            .same_claim(vars.words[e.other as usize], words, vocab)
                    }
                };
                if same {
                    self.out.push((e.other, v));
                    self.groups.union(e.other as usize, v as usize);
                    self.joined.push(self.groups.find(v as usize) as u32);
                }
            }
            if loaded {
                self.scorer.unload(words);
            }
        }
    }
}

/// Bigrams that occur in one variant only, as far as a small counting table can tell:
/// such a bigram never makes a candidate, so it need not be posted. A table slot shared
/// by several bigrams only makes the answer "more than once" (never wrong the other way).
/// Filled in parallel: setting bits commutes, so the table is the same in any order.
struct SeenOnce {
    mask: u64,
    /// Two bits per slot: seen once, seen more than once.
    once: Vec<AtomicU64>,
    more: Vec<AtomicU64>,
}

impl SeenOnce {
    fn slot(&self, key: u64) -> (usize, u64) {
        let h = key.wrapping_mul(0x9e37_79b9_7f4a_7c15);
        let i = (h >> 20) & self.mask;
        ((i / 64) as usize, 1u64 << (i % 64))
    }
    fn add(&self, key: u64) {
        let (i, bit) = self.slot(key);
        // Plain loads first: most bigrams are met again and again, and a bit already set
        // needs no locked read-modify-write.
        if let (Some(once), Some(more)) = (self.once.get(i), self.more.get(i)) {
            if more.load(Ordering::Relaxed) & bit != 0 {
                return;
            }
            let seen = once.load(Ordering::Relaxed) & bit != 0
                || once.fetch_or(bit, Ordering::Relaxed) & bit != 0;
            if seen {
                more.fetch_or(bit, Ordering::Relaxed);
            }
        }
    }
    fn contains(&self, key: u64) -> bool {
        let (i, bit) = self.slot(key);
        self.more
            .get(i)
            .map_or(true, |m| m.load(Ordering::Relaxed) & bit == 0)
    }
}

fn bigrams_seen_once(vars: &Variants) -> SeenOnce {
    let total: usize = vars.words.iter().map(|w| w.len()).sum();
    let slots = (total * 4).next_power_of_two().clamp(64, 1 << 40) as u64;
    let words = (slots / 64) as usize;
    let t = SeenOnce {
        mask: slots - 1,
        once: (0..words).map(|_| AtomicU64::new(0)).collect(),
        more: (0..words).map(|_| AtomicU64::new(0)).collect(),
    };
    let ranges = variant_ranges(vars.len(), rayon::current_num_threads().max(1) * 2);
    ranges.par_iter().for_each(|r| {
        let mut keys: Vec<u64> = Vec::new();
        for words in &vars.words[r.clone()] {
            distinct_bigrams_into(words, &mut keys);
            for &k in &keys {
                t.add(k);
            }
        }
    });
    t
}

/// `0..n` cut into about `parts` ranges of equal length.
fn variant_ranges(n: usize, parts: usize) -> Vec<std::ops::Range<usize>> {
    let step = n.div_ceil(parts.max(1)).max(1);
    (0..n).step_by(step).map(|a| a..n.min(a + step)).collect()
}

/// Shared-bigram counts per candidate: a dense array and the list of touched entries.
///
/// One byte a count, saturating at 255: the array is read at random once per postings
/// entry visited, and at a byte a variant it stays in the core's cache (400k variants at
/// 10k articles: 0.4 MB instead of 1.6). Only a unit of more than 255 content words
/// could reach the cap, and then only its ranking among such giants changes.
///
/// Counting is branch-free: whether an entry is met for the first time is as good as
/// random, so instead of a mispredicted `push` per new entry, every entry is written at
/// the end of the touched list, which grows past it only when its count was 0.
pub(crate) struct Counter {
    counts: Vec<u8>,
    /// The touched entries are `touched[..touched_len]`; the rest is room to write into.
    touched: Vec<u32>,
    touched_len: usize,
    /// Scratch of [`Counter::take_candidates_into`].
    ranked: Vec<(u32, u32)>,
}

impl Counter {
    /// A counter of the variants `0..n` (others are not counted).
    pub(crate) fn new(n: usize) -> Counter {
        Counter {
            counts: vec![0; n],
            touched: Vec::new(),
            touched_len: 0,
            ranked: Vec::new(),
        }
    }

    /// Count one more shared bigram for each of `vs` (one postings slice).
    pub(crate) fn add_all(&mut self, vs: &[u32]) {
        let room = self.touched_len + vs.len();
        if self.touched.len() < room {
            self.touched.resize(room.next_power_of_two(), 0);
        }
        // the length in a local: as a field it is stored and reloaded on every entry
        let mut len = self.touched_len;
        for &v in vs {
            let Some(c) = self.counts.get_mut(v as usize) else {
                continue;
            };
            let first = usize::from(*c == 0);
            *c = c.saturating_add(1);
            if let Some(t) = self.touched.get_mut(len) {
                *t = v;
            }
            len += first;
        }
        self.touched_len = len;
    }

    #[cfg(test)]
    pub(crate) fn add(&mut self, v: u32) {
        self.add_all(&[v]);
    }

    /// Candidates sharing at least [`MIN_SHARED_BIGRAMS`], most shared first (then by
    /// id), at most [`MAX_CANDIDATES`]; resets the counts.
    #[cfg(test)]
    pub(crate) fn take_candidates(&mut self) -> Vec<u32> {
        let mut out = Vec::new();
        self.take_candidates_into(&mut out);
        out
    }

    /// [`Counter::take_candidates`] into `out` (cleared first), allocating nothing once
    /// warm.
    pub(crate) fn take_candidates_into(&mut self, out: &mut Vec<u32>) {
        let c = &mut self.ranked;
        c.clear();
        for &v in self.touched.get(..self.touched_len).unwrap_or(&[]) {
            let n = u32::from(std::mem::take(&mut self.counts[v as usize]));
            if n >= MIN_SHARED_BIGRAMS {
                c.push((v, n));
            }
        }
        self.touched_len = 0;
        let rank = |a: &(u32, u32), b: &(u32, u32)| b.1.cmp(&a.1).then(a.0.cmp(&b.0));
        if c.len() > MAX_CANDIDATES {
            c.select_nth_unstable_by(MAX_CANDIDATES, rank);
            c.truncate(MAX_CANDIDATES);
        }
        c.sort_unstable_by(rank);
        out.clear();
        out.extend(c.iter().map(|&(v, _)| v));
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
        // the common words are at most the shorter unit's: cheap early exit
        if !sizes_allow(short.len(), long.len(), short.len()) {
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
        if !sizes_allow(short.len(), long.len(), common) {
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
#[path = "matching_tests.rs"]
mod tests;
