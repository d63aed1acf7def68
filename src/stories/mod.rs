//! Stories: articles grouped by the event they report, from what they share (people,
//! places, distinctive terms, dates). Figures are compared only inside a story.
//!
//! How (and why):
//! - Each article becomes a TF-IDF vector of its distinctive terms: folded, stemmed content
//!   words, capitalised words and pairs of capitalised words (names, places) weighted up,
//!   the title counted twice, merged person entities as terms of their own. Words that
//!   say nothing about the event ("police", weekdays, "said") are dropped. Terms are
//!   counted per article in parallel (a per-thread memo, an open-addressing table hashed
//!   straight from the text, maps each written token to its term once), then interned to
//!   dense ids by a 64-bit fingerprint: only compact `(id, weight)` vectors survive, never
//!   per-article string maps.
//! - IDF is smoothed with a virtual background of [`BACKGROUND_DOCS`] articles that contain
//!   none of the terms, so a small workspace where every article covers one event still
//!   weighs its shared names highly instead of near zero.
//! - Candidates, linear in the workspace: an inverted index of each article's top terms,
//!   looked up by its [`PROBE_TERMS`] heaviest; a posting list of up to [`FULL_POSTINGS`]
//!   articles is read whole, a longer one only around the article ([`WINDOW`] list
//!   neighbours on each side). Shared
//!   terms are counted per article with a dense counter (no global pair map); a candidate
//!   shares [`MIN_SHARED_TERMS`] terms of short lists or [`MIN_SHARED_COMMON`] in all. Each
//!   article scores its [`SCORED`] best candidates and keeps its [`NEIGHBOURS`] most
//!   similar: the graph has bounded degree whatever the workspace size.
//! - Pair similarity is the cosine of the vectors, raised when both articles are dated
//!   within days of each other and damped when dated far apart.
//! - Average-link clustering over the sparse graph (pairs never scored count as 0), so two
//!   events of the same kind are not chained together by one bridging article.
//! - A story larger than the neighbour bound (a wire story reprinted by hundreds of
//!   outlets) comes out of that step in fragments, as most of its pairs were never scored.
//!   Fragments holding articles whose neighbour lists were cut merge when their mean
//!   pairwise similarity, computed exactly as the dot product of their summed vectors,
//!   reaches [`FRAGMENT_THRESHOLD`], twice the story threshold: only near-duplicate texts
//!   merge this way. On the sample, holdout, ECB+ and 1k synthetic corpora the stories are
//!   the same as those of the former all-candidates pass.
//! - Then an article left alone joins the story it is clearly closest to on average (an
//!   analysis piece or follow-up shares less with each sibling than they do together).
//! - Ids `s1`, `s2`, … in the order of each story's first article; singletons get `None`.

mod fx;

use crate::fxhash::{FxHashMap, FxHashSet};

use crate::people::Entity;
use crate::workspace::Doc;
use crate::Span;
use rayon::prelude::*;
use std::collections::BinaryHeap;

/// Virtual articles added to the document count for IDF smoothing.
const BACKGROUND_DOCS: f64 = 1000.0;
/// Terms kept per article.
const TOP_TERMS: usize = 80;
/// Minimum average similarity for two groups of articles to be one story. Tuned on ECB+
/// (43 topics, each two real events of the same kind) and the sample corpus: 0.25 gives
/// B-cubed precision 0.94 / recall 0.80 on ECB+ and 1.0 / 1.0 on the sample; 0.22 gives
/// 0.905 / 0.86 on ECB+.
pub const THRESHOLD: f64 = 0.25;
/// Mean similarity for a lone article to join a story (see [`attach_singletons`]).
const ATTACH_THRESHOLD: f64 = 0.08;
/// Candidate pairs must share this many indexed terms of short posting lists…
const MIN_SHARED_TERMS: u32 = 2;
/// …or this many indexed terms in all (near-duplicates share most of their terms, and
/// their terms' lists are long when hundreds of outlets reprint one text).
const MIN_SHARED_COMMON: u32 = 8;
/// Posting lists up to this long pair all their articles (the old cap at 1,000 articles).
const FULL_POSTINGS: usize = 50;
/// In a longer posting list, an article meets this many list neighbours on each side.
const WINDOW: usize = 8;
/// Candidates whose full similarity is computed, per article (most shared weight first).
const SCORED: usize = 48;
/// Terms of an article used to look up its candidates (its heaviest).
const PROBE_TERMS: usize = 40;
/// Most similar neighbours kept per article: bounds the degree of the story graph.
const NEIGHBOURS: usize = 40;
/// Mean pairwise similarity for two fragments of a crowded story to merge.
const FRAGMENT_THRESHOLD: f64 = 0.5;
/// Articles whose terms are counted before their strings are dropped (bounds memory).
const CHUNK: usize = 2048;
/// Distinct tokens a per-thread memo holds before it starts afresh (bounds its memory).
const MEMO_LIMIT: usize = 200_000;

/// The story id of each doc (`None` for an article that shares a story with no other).
pub fn group(docs: &[Doc], entities: &[Entity]) -> Vec<Option<String>> {
    let n = docs.len();
    let vectors = tfidf_vectors(docs, entities);
    let days: Vec<Option<i64>> = docs
        .iter()
        .map(|d| d.facts.published().map(|p| p.date.days()))
        .collect();
    let graph = neighbour_graph(&vectors, &days);
    let clusters = average_link(n, &graph.edges, THRESHOLD);
    let clusters = merge_fragments(clusters, &graph, &vectors, &days);
    let clusters = attach_singletons(n, clusters, &graph.edges, ATTACH_THRESHOLD);
    story_ids(n, clusters)
}

/// A sparse, L2-normalised vector: (term id, weight) sorted by term id.
type Vector = Box<[(u32, f32)]>;

/// Per-thread memo of what each written token contributes, so the normalising, stopword
/// and stemming work is done once per distinct token, not once per occurrence.
#[derive(Default)]
struct TermMemo {
    /// Token as written → its term and flags (see [`TokenTable`]).
    by_token: TokenTable,
    by_term: FxHashMap<Box<str>, u32>,
    /// (term, has a digit, fingerprint)
    terms: Vec<(Box<str>, bool, u64)>,
    /// Pair of capitalised terms → index into `pair_terms`.
    by_pair: FxHashMap<(u32, u32), u32>,
    /// ("first_second", fingerprint)
    pair_terms: Vec<(Box<str>, u64)>,
    /// One article's counts (kept to reuse their allocations).
    counts: Counts,
}

/// No term: the token is a stopword, too short, or a small number.
const NO_TERM: u32 = u32::MAX;
/// Token flag: the token is capitalised ([`crate::text::is_capitalised`]).
const CAPITALISED: u32 = 1;
/// Token flag: its term has a digit.
const DIGIT: u32 = 2;

/// One distinct token of a [`TokenTable`]: its first 8 bytes (zero-padded), where its
/// bytes are in the table's arena, its term (or [`NO_TERM`]) and flags. `len == 0`: empty.
#[derive(Clone, Copy, Default)]
struct Slot {
    prefix: u64,
    start: u32,
    len: u32,
    term: u32,
    flags: u32,
}

/// Open-addressing map (linear probing) from the bytes of a token as written to its term:
/// the token is hashed straight from the article text, one 8-byte load per 8 bytes, and
/// a token of up to 8 bytes (most) is recognised by its length and first word alone, so a
/// lookup costs no allocation, no call and no `memcmp`.
#[derive(Default)]
struct TokenTable {
    /// Power-of-two length (or empty), at most half full.
    slots: Vec<Slot>,
    /// The bytes of every token stored, one after the other.
    arena: Vec<u8>,
    len: usize,
}

/// The little-endian word of the bytes `b[at..end]` (at most 8 of them, zero-padded).
#[inline(always)]
fn word_at(b: &[u8], at: usize, end: usize) -> u64 {
    let n = end.saturating_sub(at).min(8);
    if n == 0 {
        return 0;
    }
    let w = match b.get(at..at + 8) {
        Some(w) => u64::from_le_bytes(w.try_into().unwrap_or([0; 8])),
        None => b
            .get(at..at + n)
            .unwrap_or(&[])
            .iter()
            .rev()
            .fold(0u64, |w, &c| (w << 8) | u64::from(c)),
    };
    w & (u64::MAX >> (64 - 8 * n))
}

/// Hash and first word of the token `b[start..end]`.
#[inline(always)]
fn token_key(b: &[u8], start: usize, end: usize) -> (u64, u64) {
    let prefix = word_at(b, start, end);
    let mut h = crate::fxhash::FxHasher::default();
    h.add(prefix);
    let mut at = start + 8;
    while at < end {
        h.add(word_at(b, at, end));
        at += 8;
    }
    h.add((end - start) as u64);
    (std::hash::Hasher::finish(&h), prefix)
}

impl TokenTable {
    fn len(&self) -> usize {
        self.len
    }

    /// The slot of token `b[start..end]`: `Ok(index)` if stored, else `Err(index)` of the
    /// empty slot where it goes (`Err(usize::MAX)` when the table has no slots).
    #[inline(always)]
    fn find(&self, b: &[u8], start: usize, end: usize, key: (u64, u64)) -> Result<usize, usize> {
        let (hash, prefix) = key;
        let mask = self.slots.len().wrapping_sub(1);
        let len = (end - start) as u32;
        let mut i = (hash >> 32) as usize & mask;
        while let Some(s) = self.slots.get(i) {
            if s.len == 0 {
                return Err(i);
            }
            if s.len == len && s.prefix == prefix && (len <= 8 || self.same_tail(s, b, start, end))
            {
                return Ok(i);
            }
            i = (i + 1) & mask;
        }
        Err(usize::MAX)
    }

    /// Whether the bytes after the first 8 of slot `s` are those of `b[start..end]`.
    #[inline(never)]
    fn same_tail(&self, s: &Slot, b: &[u8], start: usize, end: usize) -> bool {
        let (a, z) = (s.start as usize + 8, (s.start + s.len) as usize);
        self.arena.get(a..z) == b.get(start + 8..end)
    }

    /// The stored (term, flags) of token `b[start..end]`.
    #[inline(always)]
    fn get(&self, b: &[u8], start: usize, end: usize) -> Option<(u32, u32)> {
        let key = token_key(b, start, end);
        let i = self.find(b, start, end, key).ok()?;
        self.slots.get(i).map(|s| (s.term, s.flags))
    }

    fn insert(&mut self, b: &[u8], start: usize, end: usize, term: u32, flags: u32) {
        if (self.len + 1) * 2 > self.slots.len() {
            self.grow();
        }
        let key = token_key(b, start, end);
        let Err(i) = self.find(b, start, end, key) else {
            return;
        };
        let at = self.arena.len() as u32;
        self.arena
            .extend_from_slice(b.get(start..end).unwrap_or(&[]));
        if let Some(s) = self.slots.get_mut(i) {
            *s = Slot {
                prefix: key.1,
                start: at,
                len: (end - start) as u32,
                term,
                flags,
            };
            self.len += 1;
        }
    }

    fn grow(&mut self) {
        let size = (self.slots.len() * 2).max(1024);
        let old = std::mem::replace(&mut self.slots, vec![Slot::default(); size]);
        let mask = size - 1;
        for s in old.into_iter().filter(|s| s.len > 0) {
            let (a, z) = (s.start as usize, (s.start + s.len) as usize);
            let (hash, _) = token_key(&self.arena, a, z);
            let mut i = (hash >> 32) as usize & mask;
            while self.slots.get(i).is_some_and(|s| s.len > 0) {
                i = (i + 1) & mask;
            }
            if let Some(slot) = self.slots.get_mut(i) {
                *slot = s;
            }
        }
    }
}

impl TermMemo {
    /// The term (or [`NO_TERM`]) and flags of token `text[start..end]`.
    #[inline(always)]
    fn token(&mut self, text: &str, start: usize, end: usize) -> (u32, u32) {
        match self.by_token.get(text.as_bytes(), start, end) {
            Some(found) => found,
            None => self.new_token(text, start, end),
        }
    }

    /// [`TermMemo::token`] for a token not met before: its term, stored.
    #[cold]
    #[inline(never)]
    fn new_token(&mut self, text: &str, start: usize, end: usize) -> (u32, u32) {
        let raw = text.get(start..end).unwrap_or("");
        let t = self.term_of(raw).unwrap_or(NO_TERM);
        let mut flags = 0;
        if crate::text::is_capitalised(raw) {
            flags |= CAPITALISED;
        }
        if self.terms.get(t as usize).is_some_and(|t| t.1) {
            flags |= DIGIT;
        }
        self.by_token.insert(text.as_bytes(), start, end, t, flags);
        (t, flags)
    }

    fn term_of(&mut self, raw: &str) -> Option<u32> {
        let norm = crate::claims::words::normalise_token(raw);
        story_term(&norm).map(|term| match self.by_term.get(term.as_str()) {
            Some(&i) => i,
            None => {
                let i = self.terms.len() as u32;
                let digit = term.chars().any(|c| c.is_ascii_digit());
                let print = fx::fingerprint(&term);
                let term: Box<str> = term.into();
                self.by_term.insert(term.clone(), i);
                self.terms.push((term, digit, print));
                i
            }
        })
    }

    #[inline]
    fn pair_of(&mut self, first: u32, second: u32) -> u32 {
        match self.by_pair.get(&(first, second)) {
            Some(&i) => i,
            None => self.new_pair(first, second),
        }
    }

    #[cold]
    #[inline(never)]
    fn new_pair(&mut self, first: u32, second: u32) -> u32 {
        let term_text = |t: u32| self.terms.get(t as usize).map_or("", |t| &*t.0);
        let name = format!("{}_{}", term_text(first), term_text(second));
        let i = self.pair_terms.len() as u32;
        self.pair_terms
            .push((name.as_str().into(), fx::fingerprint(&name)));
        self.by_pair.insert((first, second), i);
        i
    }
}

/// Weighted term counts of one article, before interning.
#[derive(Default)]
struct Counts {
    single: Dense,
    pairs: Dense,
}

/// Counts by memo index: a dense array and the indices touched (cleared after each
/// article), cheaper than a map for the hundreds of updates per article.
#[derive(Default)]
struct Dense {
    values: Vec<f32>,
    touched: Vec<u32>,
}

impl Dense {
    #[inline]
    fn add(&mut self, i: u32, w: f32) {
        let i = i as usize;
        if i >= self.values.len() {
            self.values.resize(i + 1, 0.0);
        }
        if self.values[i] == 0.0 {
            self.touched.push(i as u32);
        }
        self.values[i] += w;
    }

    /// The counts (index, weight), emptying the array.
    fn drain(&mut self) -> impl Iterator<Item = (u32, f32)> + '_ {
        let values = &mut self.values;
        self.touched.drain(..).map(move |i| {
            let w = values.get_mut(i as usize).map_or(0.0, std::mem::take);
            (i, w)
        })
    }
}

/// Raw weighted term counts of one article as (fingerprint, count), in fingerprint order:
/// the order new ids are given in, so that ties in weight break the same way on every run
/// and with any number of threads. Counts are sums of halves and units: exact in `f32`.
#[inline(never)] // a phase of its own in profiles
fn doc_terms(
    doc: &Doc,
    people: &[(u32, f32)],
    people_terms: &[(String, u64)],
    memo: &mut TermMemo,
) -> Vec<(u64, f32)> {
    let text: &str = &doc.text;
    let mut counts = std::mem::take(&mut memo.counts);
    let sentences: &[Span] = if doc.facts.sentences.is_empty() {
        &doc.facts.body
    } else {
        &doc.facts.sentences
    };
    for &s in sentences {
        add_sentence_terms(text, s, 1.0, memo, &mut counts);
    }
    if let Some(title) = &doc.facts.meta.title {
        add_sentence_terms(title, Span::new(0, title.len()), 2.0, memo, &mut counts);
    }
    let mut out: Vec<(u64, f32)> =
        Vec::with_capacity(counts.single.touched.len() + counts.pairs.touched.len() + people.len());
    for (t, w) in counts.single.drain() {
        if let Some((_, _, print)) = memo.terms.get(t as usize) {
            out.push((*print, w));
        }
    }
    for (p, w) in counts.pairs.drain() {
        if let Some((_, print)) = memo.pair_terms.get(p as usize) {
            out.push((*print, w));
        }
    }
    for &(e, w) in people {
        if let Some((_, print)) = people_terms.get(e as usize) {
            out.push((*print, w));
        }
    }
    out.sort_unstable_by_key(|&(h, _)| h);
    memo.counts = counts;
    out
}

/// Terms of one sentence: content words (names weighted up) and capitalised pairs.
fn add_sentence_terms(
    text: &str,
    span: Span,
    weight: f32,
    memo: &mut TermMemo,
    counts: &mut Counts,
) {
    let mut prev_cap: Option<u32> = None;
    crate::text::for_each_token(text, span, |i, start, end| {
        let (term, flags) = memo.token(text, start, end);
        if term == NO_TERM {
            prev_cap = None;
            return;
        }
        let capitalised = flags & CAPITALISED != 0 && i > 0;
        let w = if capitalised {
            2.0
        } else if flags & DIGIT != 0 {
            0.5
        } else {
            1.0
        };
        counts.single.add(term, w * weight);
        if capitalised {
            if let Some(p) = prev_cap {
                let pair = memo.pair_of(p, term);
                counts.pairs.add(pair, 2.0 * weight);
            }
            prev_cap = Some(term);
        } else {
            prev_cap = None;
        }
    });
}

/// The term a normalised token contributes, if any: no stopwords, no short words, no
/// small plain numbers ("12" is in every kind of story); years and decimals are kept.
fn story_term(norm: &str) -> Option<String> {
    let word = norm.trim_matches(|c: char| c == '.' || c == '-');
    if word.chars().count() < 3 || crate::claims::words::is_story_stopword(word) {
        return None;
    }
    if word.chars().any(|c| c.is_ascii_digit()) {
        let plain_small = word.chars().all(|c| c.is_ascii_digit()) && word.len() < 4;
        let phone_like = word.len() > 8;
        return (!plain_small && !phone_like).then(|| word.to_string());
    }
    Some(crate::claims::words::stem(word))
}

/// Each person entity is a term (`@` and its id) of every article mentioning it: the
/// terms with their fingerprints, and (entity, weight) per doc.
#[allow(clippy::type_complexity)]
#[inline(never)] // a phase of its own in profiles
fn entity_terms(n: usize, entities: &[Entity]) -> (Vec<(String, u64)>, Vec<Vec<(u32, f32)>>) {
    let terms = entities
        .iter()
        .map(|e| {
            let term = format!("@{}", e.id);
            let print = fx::fingerprint(&term);
            (term, print)
        })
        .collect();
    let mut per_doc: Vec<Vec<(u32, f32)>> = vec![Vec::new(); n];
    for (i, e) in entities.iter().enumerate() {
        for &(doc, _) in &e.mentions {
            let Some(terms) = per_doc.get_mut(doc) else {
                continue;
            };
            match terms.last_mut() {
                Some((id, w)) if *id == i as u32 => *w += 2.0,
                _ => terms.push((i as u32, 2.0)),
            }
        }
    }
    (terms, per_doc)
}

/// TF-IDF vectors over each article's top terms. Terms are counted in parallel, a chunk
/// of articles at a time, and interned in article order: ids follow first appearance.
#[inline(never)] // a phase of its own in profiles
fn tfidf_vectors(docs: &[Doc], entities: &[Entity]) -> Vec<Vector> {
    let (people_terms, people) = entity_terms(docs.len(), entities);
    let mut ids: FxHashMap<u64, u32> = FxHashMap::default();
    let mut df: Vec<u32> = Vec::new();
    let mut raw: Vec<Box<[(u32, f32)]>> = Vec::with_capacity(docs.len());
    // One memo per thread for the whole pass: each chunk is cut into as many parts as
    // threads, part `i` using memo `i` (a memo per rayon split would start cold each time).
    let threads = rayon::current_num_threads().max(1);
    let memos: Vec<std::sync::Mutex<TermMemo>> = (0..threads).map(|_| Default::default()).collect();
    let count = |c: usize, chunk: &[Doc]| -> Vec<Vec<Vec<(u64, f32)>>> {
        let part = chunk.len().div_ceil(threads).max(1);
        chunk
            .par_chunks(part)
            .enumerate()
            .map(|(p, docs)| {
                let mut memo = match memos[p % threads].lock() {
                    Ok(m) => m,
                    Err(poisoned) => poisoned.into_inner(),
                };
                if memo.by_token.len() > MEMO_LIMIT {
                    *memo = TermMemo::default();
                }
                docs.iter()
                    .enumerate()
                    .map(|(i, doc)| {
                        let d = c * CHUNK + p * part + i;
                        let people = people.get(d).map_or(&[][..], Vec::as_slice);
                        doc_terms(doc, people, &people_terms, &mut memo)
                    })
                    .collect()
            })
            .collect()
    };
    let mut intern = |counted: Vec<Vec<Vec<(u64, f32)>>>| {
        for terms in counted.into_iter().flatten() {
            let interned: Box<[(u32, f32)]> = terms
                .into_iter()
                .map(|(print, tf)| {
                    let next = ids.len() as u32;
                    let id = *ids.entry(print).or_insert(next);
                    if id as usize == df.len() {
                        df.push(0);
                    }
                    if let Some(d) = df.get_mut(id as usize) {
                        *d += 1;
                    }
                    (id, tf)
                })
                .collect();
            raw.push(interned);
        }
    };
    // Ids are given in doc order, one doc after another: each chunk's terms are interned
    // beside the counting of the next chunk, not between chunks.
    let mut pending = Vec::new();
    for (c, chunk) in docs.chunks(CHUNK).enumerate() {
        let (counted, ()) =
            rayon::join(|| count(c, chunk), || intern(std::mem::take(&mut pending)));
        pending = counted;
    }
    intern(pending);
    drop(ids);
    let n = docs.len() as f64 + BACKGROUND_DOCS;
    let idf: Vec<f64> = df.iter().map(|&d| (n / (d as f64 + 1.0)).ln()).collect();
    let tf_weights: Vec<f64> = (0..TF_TABLE).map(|h| tf_weight(h as f32 / 2.0)).collect();
    raw.par_iter()
        .map(|terms| tfidf_vector(terms, &df, &idf, &tf_weights))
        .collect()
}

/// One article's vector: its [`TOP_TERMS`] best weighted terms, normalised, then only the
/// terms some other article shares (the others cannot add similarity).
#[inline(never)] // a phase of its own in profiles
fn tfidf_vector(terms: &[(u32, f32)], df: &[u32], idf: &[f64], tf_weights: &[f64]) -> Vector {
    let df_of = |id: u32| df.get(id as usize).copied().unwrap_or(0);
    let mut v: Vec<(u32, f64)> = terms
        .iter()
        .map(|&(id, tf)| {
            let idf = idf.get(id as usize).copied().unwrap_or(0.0);
            let halves = (tf * 2.0) as usize;
            let weight = match tf_weights.get(halves) {
                Some(&w) if halves as f32 == tf * 2.0 => w,
                _ => tf_weight(tf),
            };
            (id, weight * idf)
        })
        .filter(|&(_, w)| w > 0.0)
        .collect();
    let by_weight = |a: &(u32, f64), b: &(u32, f64)| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0));
    if v.len() > TOP_TERMS {
        v.select_nth_unstable_by(TOP_TERMS - 1, by_weight);
        v.truncate(TOP_TERMS);
    }
    let norm = v.iter().map(|(_, w)| w * w).sum::<f64>().sqrt();
    if norm > 0.0 {
        v.iter_mut().for_each(|(_, w)| *w /= norm);
    }
    let mut out: Vec<(u32, f32)> = v
        .into_iter()
        .filter(|&(id, _)| df_of(id) >= 2)
        .map(|(id, w)| (id, w as f32))
        .collect();
    out.sort_by_key(|&(id, _)| id);
    out.into_boxed_slice()
}

/// Counts up to this many halves have their weight looked up, not computed.
const TF_TABLE: usize = 256;

/// Sublinear weight of a term count.
fn tf_weight(tf: f32) -> f64 {
    1.0 + (tf as f64).ln().max(-0.7)
}

/// Inverted index over the vectors: for each term id, (doc, weight) in doc order.
struct Postings {
    starts: Vec<u32>,
    entries: Vec<(u32, f32)>,
}

impl Postings {
    fn new(vectors: &[Vector]) -> Postings {
        let terms = vectors
            .iter()
            .flat_map(|v| v.iter().map(|&(id, _)| id as usize + 1))
            .max()
            .unwrap_or(0);
        let mut starts = vec![0u32; terms + 1];
        for v in vectors {
            for &(id, _) in v.iter() {
                starts[id as usize + 1] += 1;
            }
        }
        for i in 1..starts.len() {
            starts[i] += starts[i - 1];
        }
        let mut fill = starts.clone();
        let mut entries = vec![(0u32, 0f32); starts.last().copied().unwrap_or(0) as usize];
        for (d, v) in vectors.iter().enumerate() {
            for &(id, w) in v.iter() {
                let slot = &mut fill[id as usize];
                entries[*slot as usize] = (d as u32, w);
                *slot += 1;
            }
        }
        Postings { starts, entries }
    }

    /// One more than the largest term id.
    fn terms(&self) -> usize {
        self.starts.len().saturating_sub(1)
    }

    fn list(&self, id: u32) -> &[(u32, f32)] {
        let (Some(&a), Some(&b)) = (
            self.starts.get(id as usize),
            self.starts.get(id as usize + 1),
        ) else {
            return &[];
        };
        self.entries.get(a as usize..b as usize).unwrap_or(&[])
    }
}

/// The story graph: scored pairs `(a, b, similarity)` with `a < b`, sorted, and the
/// articles whose neighbours were cut (more candidates than kept, or near-duplicates met
/// through long posting lists).
struct Graph {
    edges: Vec<(usize, usize, f64)>,
    crowded: Vec<bool>,
}

/// Per-thread scratch for counting shared terms: dense counters and the docs touched.
struct Scratch {
    /// Per article: indexed terms shared (in short posting lists, in all) and their weight.
    shared: Vec<Shared>,
    touched: Vec<u32>,
    /// The article's own vector spread over all term ids, for fast dot products.
    spread: Vec<f32>,
}

impl Scratch {
    fn new(n: usize, terms: usize) -> Scratch {
        Scratch {
            shared: vec![Shared::default(); n],
            touched: Vec::new(),
            spread: vec![0.0; terms],
        }
    }

    /// Cosine of the spread vector with `b` (both normalised): a dense lookup per term of
    /// `b` instead of a branchy merge of two sorted lists. Terms the spread vector lacks
    /// are skipped: adding their zero products would not change the sum, which is taken in
    /// term order either way (the same from both articles of a pair).
    fn dot(&self, b: &[(u32, f32)]) -> f64 {
        let mut sum = 0.0;
        for &(id, w) in b {
            if let Some(&x) = self.spread.get(id as usize) {
                if x != 0.0 {
                    sum += x as f64 * w as f64;
                }
            }
        }
        sum
    }
}

/// Shared-term counters of one candidate article (see [`Scratch`]).
#[derive(Clone, Copy, Default)]
struct Shared {
    short: u16,
    all: u16,
    weight: f32,
}

#[inline(never)] // a phase of its own in profiles
fn neighbour_graph(vectors: &[Vector], days: &[Option<i64>]) -> Graph {
    let n = vectors.len();
    let postings = Postings::new(vectors);
    let lists: Vec<(Vec<(u32, f64)>, bool)> = (0..n)
        .into_par_iter()
        .with_min_len(64)
        .map_init(
            || Scratch::new(n, postings.terms()),
            |scratch, a| neighbours(a, vectors, days, &postings, scratch),
        )
        .collect();
    let crowded = lists.iter().map(|(_, c)| *c).collect();
    // Edges in (a, b) order: bucketed by `a` (a counting sort), then each bucket by `b`. A
    // pair scored from both ends has the same similarity either way (the same products
    // summed in term order), so which copy the dedup keeps does not matter.
    let mut starts = vec![0usize; n + 1];
    for (a, (list, _)) in lists.iter().enumerate() {
        for &(b, _) in list {
            if let Some(c) = starts.get_mut(a.min(b as usize) + 1) {
                *c += 1;
            }
        }
    }
    for i in 1..starts.len() {
        starts[i] += starts[i - 1];
    }
    let mut edges = vec![(0usize, 0usize, 0f64); starts.last().copied().unwrap_or(0)];
    let mut fill = starts.clone();
    for (a, (list, _)) in lists.iter().enumerate() {
        for &(b, s) in list {
            let (x, y) = (a.min(b as usize), a.max(b as usize));
            if let Some(slot) = fill.get_mut(x) {
                if let Some(e) = edges.get_mut(*slot) {
                    *e = (x, y, s);
                }
                *slot += 1;
            }
        }
    }
    drop(lists);
    for w in starts.windows(2) {
        if let Some(bucket) = edges.get_mut(w[0]..w[1]) {
            bucket.sort_unstable_by_key(|e| e.1);
        }
    }
    edges.dedup_by(|x, y| (x.0, x.1) == (y.0, y.1));
    Graph { edges, crowded }
}

/// The most similar neighbours of article `a` (at most [`NEIGHBOURS`]), and whether its
/// list was cut.
#[inline(never)] // a phase of its own in profiles
fn neighbours(
    a: usize,
    vectors: &[Vector],
    days: &[Option<i64>],
    postings: &Postings,
    s: &mut Scratch,
) -> (Vec<(u32, f64)>, bool) {
    let Some(va) = vectors.get(a) else {
        return (Vec::new(), false);
    };
    for (id, wa) in probe_terms(va) {
        let list = postings.list(id);
        let (range, short) = if list.len() <= FULL_POSTINGS {
            (0..list.len(), true)
        } else {
            let p = list.partition_point(|&(d, _)| (d as usize) < a);
            (
                p.saturating_sub(WINDOW)..(p + WINDOW + 1).min(list.len()),
                false,
            )
        };
        for &(b, wb) in list.get(range).unwrap_or(&[]) {
            let bi = b as usize;
            if bi == a {
                continue;
            }
            let Some(c) = s.shared.get_mut(bi) else {
                continue;
            };
            if c.all == 0 {
                s.touched.push(b);
            }
            c.all = c.all.saturating_add(1);
            if short {
                c.short = c.short.saturating_add(1);
            }
            c.weight += wa * wb;
        }
    }
    let mut crowded = false;
    let mut candidates: Vec<(f32, u32)> = Vec::new();
    for &b in &s.touched {
        let Some(c) = s.shared.get_mut(b as usize) else {
            continue;
        };
        let by_short = c.short as u32 >= MIN_SHARED_TERMS;
        if by_short || c.all as u32 >= MIN_SHARED_COMMON {
            crowded |= !by_short;
            candidates.push((c.weight, b));
        }
        *c = Shared::default();
    }
    s.touched.clear();
    let by_weight = |x: &(f32, u32), y: &(f32, u32)| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1));
    if candidates.len() > SCORED {
        crowded = true;
        candidates.select_nth_unstable_by(SCORED - 1, by_weight);
        candidates.truncate(SCORED);
    }
    for &(id, w) in va.iter() {
        if let Some(x) = s.spread.get_mut(id as usize) {
            *x = w;
        }
    }
    let day_a = days.get(a).copied().flatten();
    let mut scored: Vec<(u32, f64)> = candidates
        .into_iter()
        .filter_map(|(_, b)| {
            let vb = vectors.get(b as usize)?;
            let day_b = days.get(b as usize).copied().flatten();
            let sim = s.dot(vb) * date_factor(day_a, day_b);
            (sim > 0.0).then_some((b, sim))
        })
        .collect();
    for &(id, _) in va.iter() {
        if let Some(x) = s.spread.get_mut(id as usize) {
            *x = 0.0;
        }
    }
    if scored.len() > NEIGHBOURS {
        crowded = true;
        scored.sort_unstable_by(|x, y| y.1.total_cmp(&x.1).then(x.0.cmp(&y.0)));
        scored.truncate(NEIGHBOURS);
    }
    (scored, crowded)
}

/// The terms an article looks its candidates up by: its [`PROBE_TERMS`] heaviest (the
/// light ones are common words whose lists only add noise and work).
#[inline(never)] // a phase of its own in profiles
fn probe_terms(v: &[(u32, f32)]) -> Vec<(u32, f32)> {
    let mut terms = v.to_vec();
    if terms.len() > PROBE_TERMS {
        terms.select_nth_unstable_by(PROBE_TERMS - 1, |a, b| {
            b.1.total_cmp(&a.1).then(a.0.cmp(&b.0))
        });
        terms.truncate(PROBE_TERMS);
    }
    terms
}

/// Publication dates (in days) as evidence: reports of one event appear within days of
/// each other, so articles dated within 3 days count 1.5× their text similarity and
/// articles dated far apart are damped (1 when either is undated: no evidence either way).
fn date_factor(a: Option<i64>, b: Option<i64>) -> f64 {
    let (Some(x), Some(y)) = (a, b) else {
        return 1.0;
    };
    match (x - y).abs() {
        0..=3 => 1.5,
        4..=10 => 0.85,
        11..=45 => 0.6,
        _ => 0.3,
    }
}

#[derive(PartialEq)]
struct Candidate {
    avg: f64,
    a: u32,
    b: u32,
    versions: (u32, u32),
}
impl Candidate {
    /// The pair `(a, b)` in either order, stamped with the groups' current versions (a
    /// candidate whose groups changed since is stale).
    fn between(avg: f64, a: usize, b: usize, version: &[u32]) -> Candidate {
        let (a, b) = (a.min(b), a.max(b));
        let stamp = |g: usize| version.get(g).copied().unwrap_or(0);
        Candidate {
            avg,
            a: a as u32,
            b: b as u32,
            versions: (stamp(a), stamp(b)),
        }
    }
}
impl Eq for Candidate {}
impl PartialOrd for Candidate {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Candidate {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.avg
            .total_cmp(&other.avg)
            .then_with(|| other.a.cmp(&self.a))
            .then_with(|| other.b.cmp(&self.b))
    }
}

/// Average-link agglomerative clustering over a sparse similarity graph: repeatedly merge
/// the two clusters with the highest mean pairwise similarity (missing pairs count 0)
/// while it reaches `threshold`. Returns clusters of ≥ 2 members. With a graph of bounded
/// degree each merge touches a bounded number of links: near-linear.
///
/// Each cluster's links are a vector sorted by the other cluster (see [`Links`]), not a
/// hash map: at 10k articles the 10k maps (about 7 MB, one allocation each, probed at
/// random) made this phase grow 27× for 10× the articles; the vectors are read in order.
///
/// Two clusters whose cross pairs all fall below `threshold` never merge (their mean is at
/// most their best pair), so the clustering runs on each connected component of the
/// edges at or above `threshold` on its own, components in parallel: the same merges in
/// the same order, the same sums, the same output (a property test compares it with one
/// pass over the whole graph). One pass was the longest sequential step of grouping.
#[inline(never)] // a phase of its own in profiles
fn average_link(n: usize, edges: &[(usize, usize, f64)], threshold: f64) -> Vec<Vec<usize>> {
    let valid = |a: usize, b: usize| a < n && b < n && a != b;
    let mut roots = crate::union_find::UnionFind::new(n);
    let mut linked = vec![false; n];
    for &(a, b, s) in edges {
        if s >= threshold && valid(a, b) {
            roots.union(a, b);
            (linked[a], linked[b]) = (true, true);
        }
    }
    // each component's nodes, ascending (local ids keep the global order, so ties break
    // the same way); nodes without a strong edge stay alone and are skipped
    let mut component_of = vec![usize::MAX; n];
    let mut nodes: Vec<Vec<usize>> = Vec::new();
    let mut local = vec![0usize; n];
    for d in 0..n {
        if !linked[d] {
            continue;
        }
        let r = roots.find(d);
        if component_of[r] == usize::MAX {
            component_of[r] = nodes.len();
            nodes.push(Vec::new());
        }
        let c = component_of[r];
        component_of[d] = c;
        local[d] = nodes[c].len();
        nodes[c].push(d);
    }
    // each component's edges in their original order (its sums add up in that order)
    let mut inside: Vec<Vec<(usize, usize, f64)>> = vec![Vec::new(); nodes.len()];
    for &(a, b, s) in edges {
        if valid(a, b) && component_of[a] != usize::MAX && component_of[a] == component_of[b] {
            inside[component_of[a]].push((local[a], local[b], s));
        }
    }
    // the biggest components first: one of them can be most of the work (a wire report
    // reprinted by a third of the workspace), and started last it would run alone
    let mut by_size: Vec<usize> = (0..nodes.len()).collect();
    by_size.sort_by_key(|&c| std::cmp::Reverse(inside[c].len()));
    let mut clusters: Vec<Vec<usize>> = by_size
        .par_iter()
        .flat_map_iter(|&c| {
            let nodes = &nodes[c];
            average_link_within(nodes.len(), &inside[c], threshold)
                .into_iter()
                .map(|cluster| {
                    cluster
                        .into_iter()
                        .map(|i| nodes[i])
                        .collect::<Vec<usize>>()
                })
        })
        .collect();
    // in order of each cluster's surviving index (its first member), as one pass gives
    clusters.sort_unstable_by_key(|c| c.first().copied());
    clusters
}

/// [`average_link`] in one pass over the whole graph.
fn average_link_within(n: usize, edges: &[(usize, usize, f64)], threshold: f64) -> Vec<Vec<usize>> {
    average_link_within_by(n, edges, threshold, threshold > 0.0)
}

/// [`average_link_within`], making the candidates of a merge from the [`Strong`] sets or
/// (`strong` false) from every link of the merged cluster.
fn average_link_within_by(
    n: usize,
    edges: &[(usize, usize, f64)],
    threshold: f64,
    strong: bool,
) -> Vec<Vec<usize>> {
    let mut links = Links::new(n, edges);
    let mut members: Vec<Vec<usize>> = (0..n).map(|i| vec![i]).collect();
    let mut version = vec![0u32; n];
    // made in one heapify, not pushed one by one: the heap outgrows the caches
    let mut heap: BinaryHeap<Candidate> = edges
        .iter()
        .filter(|&&(a, b, s)| s >= threshold && a < n && b < n && a != b)
        .map(|&(a, b, s)| Candidate {
            avg: s,
            a: a as u32,
            b: b as u32,
            versions: (0, 0),
        })
        .collect::<Vec<_>>()
        .into();
    let mut strong = strong.then(|| Strong::new(n, &links, edges, threshold));
    while let Some(c) = heap.pop() {
        if c.avg < threshold {
            break;
        }
        let (a, b) = (c.a as usize, c.b as usize);
        if (version[a], version[b]) != c.versions || members[a].is_empty() || members[b].is_empty()
        {
            continue;
        }
        let moved = std::mem::take(&mut members[b]);
        members[a].extend(moved);
        links.merge(a, b);
        version[a] += 1;
        version[b] += 1;
        match strong.as_mut() {
            Some(strong) => strong.after_merge(a, b, &links, &members, &version, &mut heap),
            None => {
                for &(other, sum) in links.of(a) {
                    let other = other as usize;
                    let avg = sum / (members[a].len() * members[other].len()) as f64;
                    if avg >= threshold {
                        heap.push(Candidate::between(avg, a, other, &version));
                    }
                }
            }
        }
    }
    members.into_iter().filter(|m| m.len() >= 2).collect()
}

/// For each cluster, the clusters whose mean similarity with it may reach the threshold:
/// a superset of those that do. After `b` joins `a`, only these of `a` and `b` can reach
/// it with the new cluster (the new mean is a weighted mean of the two old ones, so it is
/// at most the larger), so the candidates are made from them instead of from every link
/// of `a`: a cluster of thousands of articles (a wire report reprinted everywhere) links
/// to most of its component, and each merge into it read all those links at random.
///
/// Exact: the same candidates are pushed as from every link (the heap's order does not
/// depend on the order of pushes), for a threshold above 0 (at or below 0 a pair with no
/// link would count). Membership is tested against a threshold a hair lower, so that the
/// rounding of a mean cannot drop a cluster that the exact one keeps.
struct Strong {
    of: Vec<Vec<u32>>,
    threshold: f64,
    loose: f64,
    /// Scratch: the candidates of one merge.
    scratch: Vec<u32>,
}

impl Strong {
    fn new(n: usize, links: &Links, edges: &[(usize, usize, f64)], threshold: f64) -> Strong {
        let loose = threshold * (1.0 - 1e-9);
        let mut of: Vec<Vec<u32>> = (0..n)
            .map(|x| {
                links
                    .of(x)
                    .iter()
                    .filter(|&&(_, sum)| sum >= loose)
                    .map(|&(y, _)| y)
                    .collect()
            })
            .collect();
        // the heap's first candidates are single edges, which a sum of several can undercut
        for &(a, b, s) in edges {
            if s >= loose && a < n && b < n && a != b {
                of[a].push(b as u32);
                of[b].push(a as u32);
            }
        }
        for list in &mut of {
            list.sort_unstable();
            list.dedup();
        }
        Strong {
            of,
            threshold,
            loose,
            scratch: Vec::new(),
        }
    }

    /// `b` joined `a`: push the new cluster's candidates that reach the threshold and
    /// keep its strong set.
    fn after_merge(
        &mut self,
        a: usize,
        b: usize,
        links: &Links,
        members: &[Vec<usize>],
        version: &[u32],
        heap: &mut BinaryHeap<Candidate>,
    ) {
        let mut cands = std::mem::take(&mut self.scratch);
        cands.clear();
        cands.append(&mut self.of[a]);
        cands.append(&mut self.of[b]);
        cands.sort_unstable();
        cands.dedup();
        let a_links = links.of(a);
        let a32 = a as u32;
        let mut kept = Vec::new();
        for &y in &cands {
            let yu = y as usize;
            if yu == a || yu == b || members[yu].is_empty() {
                continue;
            }
            let Ok(k) = a_links.binary_search_by_key(&y, |e| e.0) else {
                continue; // no link: mean 0
            };
            let avg = a_links[k].1 / (members[a].len() * members[yu].len()) as f64;
            if avg >= self.loose {
                kept.push(y);
                if let Some(list) = self.of.get_mut(yu) {
                    if list.last() != Some(&a32) {
                        list.push(a32);
                    }
                }
            }
            if avg >= self.threshold {
                heap.push(Candidate::between(avg, a, yu, version));
            }
        }
        self.of[a] = kept;
        self.scratch = cands;
    }
}

/// The summed similarity between clusters: for each cluster, (other cluster, sum) sorted
/// by the other cluster, symmetric. Sums are added in the same order as a map's
/// `entry(..) += s` would (start at 0, add each part once), so the clustering is the same.
struct Links {
    of: Vec<Vec<(u32, f64)>>,
}

impl Links {
    fn new(n: usize, edges: &[(usize, usize, f64)]) -> Links {
        let mut degree = vec![0usize; n];
        for &(a, b, _) in edges {
            if a < n && b < n && a != b {
                degree[a] += 1;
                degree[b] += 1;
            }
        }
        let mut of: Vec<Vec<(u32, f64)>> = degree.into_iter().map(Vec::with_capacity).collect();
        for &(a, b, s) in edges {
            if a < n && b < n && a != b {
                of[a].push((b as u32, s));
                of[b].push((a as u32, s));
            }
        }
        for list in &mut of {
            list.sort_by_key(|&(o, _)| o); // stable: equal keys keep edge order
            list.dedup_by(|later, kept| {
                let same = later.0 == kept.0;
                if same {
                    kept.1 += later.1;
                }
                same
            });
            for entry in list.iter_mut() {
                entry.1 += 0.0; // as a map's `or_default() += s` (only −0 changes)
            }
        }
        Links { of }
    }

    fn of(&self, a: usize) -> &[(u32, f64)] {
        self.of.get(a).map_or(&[], Vec::as_slice)
    }

    /// Cluster `b` joins `a`: `a`'s links gain `b`'s, and every cluster linked to `b` is
    /// linked to `a` instead (its sums added).
    fn merge(&mut self, a: usize, b: usize) {
        let b_links = std::mem::take(&mut self.of[b]);
        let a_links = std::mem::take(&mut self.of[a]);
        let (a32, b32) = (a as u32, b as u32);
        let mut merged = Vec::with_capacity(a_links.len() + b_links.len());
        let mut xs = a_links.iter().filter(|e| e.0 != b32).copied().peekable();
        let mut ys = b_links.iter().filter(|e| e.0 != a32).copied().peekable();
        loop {
            let next = match (xs.peek(), ys.peek()) {
                (None, None) => break,
                (Some(&x), Some(&y)) if x.0 == y.0 => {
                    ys.next();
                    xs.next().map(|x| (x.0, x.1 + y.1))
                }
                (Some(&x), Some(&y)) if x.0 < y.0 => xs.next(),
                (Some(_), None) => xs.next(),
                (_, Some(_)) => ys.next().map(|y| (y.0, 0.0 + y.1)),
            };
            merged.extend(next);
        }
        self.of[a] = merged;
        for &(other, s) in &b_links {
            if other == a32 {
                continue;
            }
            if let Some(list) = self.of.get_mut(other as usize) {
                relink(list, b32, a32, s);
            }
        }
    }
}

/// In one cluster's links (sorted by cluster), the link to `b` becomes a link to `a`:
/// `s` added to `a`'s sum, or a new entry `0.0 + s` for `a` (as a map's
/// `or_default() += s`). Equal to removing `b`'s entry and then inserting or updating
/// `a`'s, but the entry is moved in place: only the entries between the two places shift
/// (a cluster of thousands of articles has links to most others, and each merge into it
/// touched every one of their lists twice).
fn relink(list: &mut Vec<(u32, f64)>, b: u32, a: u32, s: f64) {
    let found_b = list.binary_search_by_key(&b, |e| e.0);
    let found_a = list.binary_search_by_key(&a, |e| e.0);
    match (found_b, found_a) {
        (Ok(kb), Ok(ka)) => {
            list[ka].1 += s;
            list.remove(kb);
        }
        (Ok(kb), Err(ka)) => {
            // `a` goes where `b` was, then slides to its place among the others
            list[kb] = (a, 0.0 + s);
            if ka > kb + 1 {
                list[kb..ka].rotate_left(1);
            } else if ka < kb {
                list[ka..=kb].rotate_right(1);
            }
        }
        (Err(_), Ok(ka)) => list[ka].1 += s,
        (Err(_), Err(ka)) => list.insert(ka, (a, 0.0 + s)),
    }
}

/// A fragment of a story while fragments are merged: its members, the sum of their
/// vectors (the mean pairwise similarity of two fragments is the dot product of their
/// sums over the product of their sizes) and its median publication day.
struct Fragment {
    members: Vec<usize>,
    sum: Vec<(u32, f64)>,
    day: Option<i64>,
}

impl Fragment {
    fn new(members: Vec<usize>, vectors: &[Vector], days: &[Option<i64>]) -> Fragment {
        let mut terms: Vec<(u32, f64)> = members
            .iter()
            .filter_map(|&d| vectors.get(d))
            .flat_map(|v| v.iter().map(|&(id, w)| (id, w as f64)))
            .collect();
        terms.sort_unstable_by_key(|&(id, _)| id);
        let mut sum: Vec<(u32, f64)> = Vec::with_capacity(terms.len());
        for (id, w) in terms {
            match sum.last_mut() {
                Some((last, total)) if *last == id => *total += w,
                _ => sum.push((id, w)),
            }
        }
        let mut dated: Vec<i64> = members
            .iter()
            .filter_map(|&d| days.get(d).copied().flatten())
            .collect();
        dated.sort_unstable();
        let day = dated.get(dated.len() / 2).copied();
        Fragment { members, sum, day }
    }

    /// Mean similarity of the pairs across two fragments; dates far apart damp it, close
    /// dates do not raise it.
    fn mean_similarity(&self, other: &Fragment) -> f64 {
        let (a, b) = (&self.sum, &other.sum);
        let (mut i, mut j, mut dot) = (0, 0, 0.0);
        while let (Some(x), Some(y)) = (a.get(i), b.get(j)) {
            match x.0.cmp(&y.0) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    dot += x.1 * y.1;
                    i += 1;
                    j += 1;
                }
            }
        }
        let pairs = (self.members.len() * other.members.len()).max(1) as f64;
        dot / pairs * date_factor(self.day, other.day).min(1.0)
    }
}

/// Merge fragments of crowded stories: clusters linked by an edge, each holding an
/// article whose neighbour list was cut, join while their mean pairwise similarity
/// reaches [`FRAGMENT_THRESHOLD`] (best pair first, as in [`average_link`]).
#[inline(never)] // a phase of its own in profiles
fn merge_fragments(
    clusters: Vec<Vec<usize>>,
    graph: &Graph,
    vectors: &[Vector],
    days: &[Option<i64>],
) -> Vec<Vec<usize>> {
    let crowded = |c: &Vec<usize>| c.iter().any(|&d| graph.crowded.get(d) == Some(&true));
    let (eligible, mut out): (Vec<Vec<usize>>, Vec<Vec<usize>>) =
        clusters.into_iter().partition(crowded);
    if eligible.len() < 2 {
        out.extend(eligible);
        return out;
    }
    let mut cluster_of = vec![usize::MAX; vectors.len()];
    for (c, members) in eligible.iter().enumerate() {
        for &d in members {
            if let Some(slot) = cluster_of.get_mut(d) {
                *slot = c;
            }
        }
    }
    let of = |d: usize| cluster_of.get(d).copied().filter(|&c| c != usize::MAX);
    let mut links: Vec<FxHashSet<usize>> = vec![FxHashSet::default(); eligible.len()];
    for &(a, b, _) in &graph.edges {
        if let (Some(x), Some(y)) = (of(a), of(b)) {
            if x != y {
                links[x].insert(y);
                links[y].insert(x);
            }
        }
    }
    // the fragments' sums and their first similarities are independent: in parallel
    let mut fragments: Vec<Fragment> = eligible
        .into_par_iter()
        .map(|m| Fragment::new(m, vectors, days))
        .collect();
    let pairs: Vec<(usize, usize)> = links
        .iter()
        .enumerate()
        .flat_map(|(x, l)| l.iter().filter(move |&&y| y > x).map(move |&y| (x, y)))
        .collect();
    let first: Vec<Candidate> = pairs
        .par_iter()
        .filter_map(|&(x, y)| {
            let avg = fragments[x].mean_similarity(&fragments[y]);
            (avg >= FRAGMENT_THRESHOLD).then_some(Candidate {
                avg,
                a: x as u32,
                b: y as u32,
                versions: (0, 0),
            })
        })
        .collect();
    let mut version = vec![0u32; fragments.len()];
    let mut heap = BinaryHeap::from(first);
    while let Some(c) = heap.pop() {
        let (a, b) = (c.a as usize, c.b as usize);
        if (version[a], version[b]) != c.versions
            || fragments[a].members.is_empty()
            || fragments[b].members.is_empty()
        {
            continue;
        }
        let mut members = std::mem::take(&mut fragments[a].members);
        members.append(&mut fragments[b].members);
        fragments[b].sum = Vec::new();
        fragments[a] = Fragment::new(members, vectors, days);
        let b_links = std::mem::take(&mut links[b]);
        links[a].remove(&b);
        for other in b_links {
            if other != a {
                links[a].insert(other);
                links[other].remove(&b);
                links[other].insert(a);
            }
        }
        version[a] += 1;
        version[b] += 1;
        for &other in &links[a] {
            let avg = fragments[a].mean_similarity(&fragments[other]);
            if avg >= FRAGMENT_THRESHOLD {
                heap.push(Candidate::between(avg, a, other, &version));
            }
        }
    }
    out.extend(
        fragments
            .into_iter()
            .map(|f| f.members)
            .filter(|m| !m.is_empty()),
    );
    out
}

/// An article left alone joins the story it is on average closest to, when that mean
/// similarity reaches `threshold` and is at least twice its mean similarity to any other
/// story: a report with its own angle (an analysis piece, a follow-up) shares less with
/// each sibling than they share with each other, yet clearly belongs with them.
#[inline(never)] // a phase of its own in profiles
fn attach_singletons(
    n: usize,
    mut clusters: Vec<Vec<usize>>,
    edges: &[(usize, usize, f64)],
    threshold: f64,
) -> Vec<Vec<usize>> {
    let mut cluster_of = vec![usize::MAX; n];
    for (c, members) in clusters.iter().enumerate() {
        for &d in members {
            cluster_of[d] = c;
        }
    }
    // sums[d][c]: total similarity of singleton d to the members of cluster c
    let mut sums: FxHashMap<usize, FxHashMap<usize, f64>> = FxHashMap::default();
    for &(a, b, s) in edges {
        for (single, other) in [(a, b), (b, a)] {
            if cluster_of[single] == usize::MAX && cluster_of[other] != usize::MAX {
                *sums
                    .entry(single)
                    .or_default()
                    .entry(cluster_of[other])
                    .or_default() += s;
            }
        }
    }
    let mut singles: Vec<usize> = sums.keys().copied().collect();
    singles.sort_unstable();
    let mut joins = Vec::new();
    for d in singles {
        let mut means: Vec<(f64, usize)> = sums[&d]
            .iter()
            .map(|(&c, &sum)| (sum / clusters[c].len() as f64, c))
            .collect();
        means.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1)));
        let best = means[0];
        let second = means.get(1).map_or(0.0, |m| m.0);
        if best.0 >= threshold && best.0 >= 2.0 * second {
            joins.push((best.1, d));
        }
    }
    for (c, d) in joins {
        clusters[c].push(d);
    }
    clusters
}

/// `s1`, `s2`, … in order of each cluster's first doc.
#[inline(never)] // a phase of its own in profiles
fn story_ids(n: usize, mut clusters: Vec<Vec<usize>>) -> Vec<Option<String>> {
    for c in &mut clusters {
        c.sort_unstable();
    }
    clusters.sort_by_key(|c| c.first().copied());
    let mut out = vec![None; n];
    for (i, c) in clusters.iter().enumerate() {
        for &d in c {
            out[d] = Some(format!("s{}", i + 1));
        }
    }
    out
}

#[cfg(test)]
mod tests;
