//! Claim units: sentences, direct quotes and their clauses, as sequences of word ids.
//!
//! Each article's units are computed on its own ([`collect_doc`], in parallel over
//! articles); words are then interned into dense `u32` ids in one sequential pass
//! ([`Vocab::intern`]), so matching compares integers and never touches strings.

use super::fxhash::{stem_hash, FxHashMap};
use super::words::{token_stems, StemBuffers};
use crate::quotes::QuoteKind;
use crate::workspace::Doc;
use crate::Span;
use aho_corasick::AhoCorasick;
use rayon::prelude::*;
use std::sync::{Mutex, OnceLock};

/// Units with fewer content words are fragments, never claims.
pub(crate) const MIN_CONTENT_WORDS: usize = 4;
/// A statement of plain words ("It tipped over slowly and then all at once, before the
/// lights went out") may have one content word fewer when it is at least this long; it
/// then matches only when all its content words recur in order.
pub(crate) const MIN_TOKENS_OF_PLAIN_STATEMENT: usize = 8;
/// A quote or clause that makes up at least this share of its sentence's content words
/// stands for the same claim as the sentence.
const QUOTE_SHARE_OF_SENTENCE: f64 = 0.6;
/// Articles handled per parallel batch: bounds the memory of not-yet-interned words (two
/// batches' worth: one being read while the previous one is interned).
const BATCH: usize = 256;

/// Phrases of page and wire boilerplate: a sentence holding one is never a claim.
const BOILERPLATE: &[&str] = &[
    "all rights reserved",
    "copyright",
    "contributed to this report",
    "contributed reporting",
    "sign up",
    "subscribe",
    "click here",
    "follow us",
    "newsletter",
    "read more",
    "terms of use",
    "privacy policy",
    "cookies",
    "this story has been",
    "this article has been",
    "this report has been updated",
    "editing by",
    "reporting by",
];

/// Kinds of unit, in the order an occurrence prefers them when several overlap.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum UnitKind {
    /// Words inside quotation marks: the claim itself.
    Quote,
    Sentence,
    /// Indirect speech or an "according to" statement, as the quote extractor found it.
    Reported,
    /// One clause of a sentence or reported statement ("…, and asked neighbours to …").
    Clause,
}

/// Where a sentence splits into separately repeatable statements.
const CLAUSE_BREAKS: &[&str] = &[
    "; ",
    ", and ",
    ", but ",
    ", while ",
    " and that ",
    ", adding that ",
    ", saying ",
    ", although ",
    ", though ",
];

/// Word flags, computed once per distinct word.
pub(crate) const GENERIC: u8 = 1;
pub(crate) const NUMBER: u8 = 2;

/// One sentence, quote or clause of one article. Offsets are `u32` (an article is far
/// below 4 GB; a larger text yields no units) to keep 400k units small.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Unit {
    pub start: u32,
    pub end: u32,
    /// Index of the sentence holding it (its first sentence for a quote).
    pub sentence: u32,
    /// Its word ids: `DocUnits::words[first..first + len]` (a unit of more content words
    /// than `u16::MAX` is no claim: not kept). 20 bytes a unit.
    first: u32,
    len: u16,
    pub kind: UnitKind,
}

// 400k units at 10k articles, 2M at 50k: keep them at 20 bytes.
const _: () = assert!(std::mem::size_of::<Unit>() == 20);

impl Unit {
    pub(crate) fn span(&self) -> Span {
        Span::new(self.start as usize, self.end as usize)
    }
}

/// Where a unit is: article index and the unit's index among the article's units.
/// Ordered by article, then offset (units are sorted by offset within an article).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) struct UnitRef {
    pub doc: u32,
    pub local: u32,
}

/// The units of one article.
#[derive(Clone, Debug, Default)]
pub(crate) struct DocUnits {
    /// Sorted by start, end, kind; one unit per span (the preferred kind).
    pub units: Vec<Unit>,
    words: Vec<u32>,
    /// (whole, part): a statement and a part of it (quote, clause) that is most of it,
    /// which stand for one claim. Sorted.
    pub links: Vec<(u32, u32)>,
}

impl DocUnits {
    pub(crate) fn words(&self, u: &Unit) -> &[u32] {
        let start = u.first as usize;
        self.words.get(start..start + u.len as usize).unwrap_or(&[])
    }

    /// Free the words and links, keeping the units (their spans): all the claim records
    /// read once the matches are grouped. [`DocUnits::words`] is empty afterwards.
    pub(crate) fn forget_words(&mut self) {
        self.words = Vec::new();
        self.links = Vec::new();
    }
}

/// Slots of [`Vocab::intern`]'s memo of an article's recent words (a power of two).
const RECENT_WORDS: usize = 512;

/// Word ids: a stem's 64-bit hash ([`stem_hash`]) to a dense id, with the flags of each id.
#[derive(Clone, Debug, Default)]
pub(crate) struct Vocab {
    ids: FxHashMap<u64, u32>,
    pub flags: Vec<u8>,
}

impl Vocab {
    pub(crate) fn flag(&self, word: u32) -> u8 {
        self.flags.get(word as usize).copied().unwrap_or(0)
    }

    /// Give every word of `raw` its id.
    ///
    /// Ids are given in unit order (so their numbering does not depend on the layout
    /// below). A quote or clause inside a sentence usually has a run of the sentence's
    /// words: the units of one sentence are laid out longest first, and a unit whose words
    /// are a run of one already laid out points into it instead of copying them (peak
    /// memory of `check` at 10k synthetic articles: 157.5 → 155.8 MB).
    pub(crate) fn intern(&mut self, raw: RawDoc) -> DocUnits {
        let mut out = DocUnits {
            units: Vec::with_capacity(raw.units.len()),
            words: Vec::new(),
            links: raw.links,
        };
        let mut ids: Vec<u32> = Vec::new();
        let mut spans: Vec<(usize, usize)> = Vec::new();
        let mut order: Vec<usize> = Vec::new();
        let mut laid: Vec<(u32, u16)> = Vec::new();
        // The article's recent words (a sentence's words recur in its quotes and clauses,
        // and common words across its sentences), direct-mapped by hash: most lookups skip
        // the workspace map, whose probes miss the caches. Only a memo of the map's
        // answers: ids are given exactly as without it.
        let mut recent = [(0u64, u32::MAX); RECENT_WORDS];
        for run in raw.units.chunk_by(|a, b| a.sentence == b.sentence) {
            ids.clear();
            spans.clear();
            for u in run {
                let start = ids.len();
                let range = u.first as usize..(u.first as usize + u.len as usize);
                for k in range {
                    let (Some(&h), Some(&f)) = (raw.hashes.get(k), raw.flags.get(k)) else {
                        continue;
                    };
                    let slot = &mut recent[h as usize % RECENT_WORDS];
                    if slot.1 != u32::MAX && slot.0 == h {
                        ids.push(slot.1);
                        continue;
                    }
                    let flags = &mut self.flags;
                    let id = *self.ids.entry(h).or_insert_with(|| {
                        flags.push(f);
                        (flags.len() - 1) as u32
                    });
                    *slot = (h, id);
                    ids.push(id);
                }
                spans.push((start, ids.len()));
            }
            order.clear();
            order.extend(0..run.len());
            order.sort_by_key(|&i| std::cmp::Reverse(spans[i].1 - spans[i].0));
            laid.clear();
            laid.resize(run.len(), (0, 0));
            for (n, &i) in order.iter().enumerate() {
                let w = &ids[spans[i].0..spans[i].1];
                let inside = order[..n].iter().find_map(|&j| {
                    let (first, len) = laid[j];
                    let host = &out.words[first as usize..first as usize + len as usize];
                    host.windows(w.len().max(1))
                        .position(|x| x == w)
                        .map(|at| first + at as u32)
                });
                let first = match inside {
                    Some(first) => first,
                    None => {
                        let first = out.words.len() as u32;
                        out.words.extend_from_slice(w);
                        first
                    }
                };
                // never longer than its raw unit, whose length is a u16
                laid[i] = (first, w.len() as u16);
            }
            for (u, &(first, len)) in run.iter().zip(&laid) {
                out.units.push(Unit { first, len, ..*u });
            }
        }
        out.words.shrink_to_fit();
        out
    }
}

/// Every article's units, articles in parallel, interned in order.
pub(crate) fn collect(docs: &[Doc]) -> (Vocab, Vec<DocUnits>) {
    let mut vocab = Vocab::default();
    let mut out = Vec::with_capacity(docs.len());
    // one word cache per worker thread, kept across batches, dropped at the end
    let caches: Vec<Mutex<WordCache>> = (0..rayon::current_num_threads().max(1))
        .map(|_| Mutex::new(WordCache::default()))
        .collect();
    let read = |batch: &[Doc]| -> Vec<RawDoc> {
        batch
            .par_iter()
            .map(|doc| {
                let slot = rayon::current_thread_index().unwrap_or(0) % caches.len();
                // a poisoned lock only means another task panicked: the cache stays valid
                let mut cache = caches[slot]
                    .lock()
                    .unwrap_or_else(std::sync::PoisonError::into_inner);
                collect_doc_with(doc, true, &mut cache)
            })
            .collect()
    };
    // Interning is sequential (ids in unit order): it runs beside the reading of the next
    // batch, not between batches (10k synthetic articles: 33 ms of 200 off the wall).
    let mut pending: Vec<RawDoc> = Vec::new();
    for batch in docs.chunks(BATCH) {
        let (raw, ()) = rayon::join(
            || read(batch),
            || out.extend(pending.drain(..).map(|r| vocab.intern(r))),
        );
        pending = raw;
    }
    out.extend(pending.into_iter().map(|r| vocab.intern(r)));
    (vocab, out)
}

/// The content words of tokens already seen (per thread): a token's words depend on its
/// text only, so the folding, stopword test, stemming, hashing and flags of a frequent
/// word are done once. Bounded: past [`WordCache::CAPACITY`] tokens, new ones are
/// computed every time (frequent words come early).
#[derive(Default)]
pub(crate) struct WordCache {
    /// Token hash → entry index.
    index: FxHashMap<u64, u32>,
    entries: Vec<CachedToken>,
    /// The cached tokens' texts, one after another.
    texts: String,
    /// The cached tokens' words, one after another.
    words: Vec<(u64, u8)>,
    stems: StemBuffers,
    /// The working buffers of the article being collected.
    scratch: Scratch,
}

#[derive(Clone, Copy)]
struct CachedToken {
    text_start: u32,
    text_len: u32,
    words_start: u32,
    words_len: u32,
    marks: u64,
}

impl WordCache {
    const CAPACITY: usize = 1 << 15;
    /// Longer tokens are not cached (rare, and they would fill the text buffer).
    const LONGEST_TOKEN: usize = 64;

    /// The content words of `token` as (stem hash, flags), in order (as
    /// [`token_stems`] then [`stem_hash`] and [`word_flags`] give them); returns its
    /// [`token_marks`].
    fn words_of(&mut self, token: &str, mut each: impl FnMut(u64, u8)) -> u64 {
        if token.len() > Self::LONGEST_TOKEN {
            token_stems(token, &mut self.stems, |stem| {
                each(stem_hash(stem), word_flags(stem))
            });
            return token_marks(token);
        }
        let key = stem_hash(token);
        if let Some(e) = self
            .index
            .get(&key)
            .and_then(|&i| self.entries.get(i as usize))
        {
            let start = e.text_start as usize;
            if self.texts.get(start..start + e.text_len as usize) == Some(token) {
                let w = e.words_start as usize;
                for &(h, f) in self.words.get(w..w + e.words_len as usize).unwrap_or(&[]) {
                    each(h, f);
                }
                return e.marks;
            }
            // another token with the same hash: computed every time
            token_stems(token, &mut self.stems, |stem| {
                each(stem_hash(stem), word_flags(stem))
            });
            return token_marks(token);
        }
        let words_start = self.words.len();
        let words = &mut self.words;
        token_stems(token, &mut self.stems, |stem| {
            let w = (stem_hash(stem), word_flags(stem));
            words.push(w);
            each(w.0, w.1);
        });
        let marks = token_marks(token);
        if self.entries.len() >= Self::CAPACITY {
            self.words.truncate(words_start);
            return marks;
        }
        self.index.insert(key, self.entries.len() as u32);
        self.entries.push(CachedToken {
            text_start: self.texts.len() as u32,
            text_len: token.len() as u32,
            words_start: words_start as u32,
            words_len: (self.words.len() - words_start) as u32,
            marks,
        });
        self.texts.push_str(token);
        marks
    }
}

/// One article's units before interning: words as stem hashes.
#[derive(Debug, PartialEq)]
pub(crate) struct RawDoc {
    units: Vec<Unit>,
    hashes: Vec<u64>,
    flags: Vec<u8>,
    links: Vec<(u32, u32)>,
}

/// The units of one article, sorted by offset.
///
/// Each sentence is tokenised and stemmed once; a quote or clause inside a sentence takes
/// the words of the sentence's tokens it spans. That equals tokenising the part on its
/// own whenever no token of the sentence straddles the part's ends (a token is never cut
/// or joined differently inside the part: joining depends only on the neighbouring
/// characters); when one does, the part is tokenised on its own.
pub(crate) fn collect_doc(doc: &Doc) -> RawDoc {
    collect_doc_with(doc, true, &mut WordCache::default())
}

/// `reuse`: take the words of parts from their sentence (false: tokenise every unit on
/// its own; the tests compare both).
fn collect_doc_with(doc: &Doc, reuse: bool, cache: &mut WordCache) -> RawDoc {
    let mut b = Builder {
        reuse,
        scratch: std::mem::take(&mut cache.scratch),
        cache,
        text: &doc.text,
        raw: RawDoc {
            units: Vec::new(),
            hashes: Vec::new(),
            flags: Vec::new(),
            links: Vec::new(),
        },
    };
    b.scratch.clear();
    if doc.text.len() >= u32::MAX as usize {
        b.cache.scratch = b.scratch;
        return b.raw;
    }
    let facts = &doc.facts;
    for &s in &facts.sentences {
        b.add_sentence(s);
    }
    for (i, &s) in facts.sentences.iter().enumerate() {
        // A sentence quoting two or more passages is represented by its quotes: as a
        // whole it would bridge two different claims.
        let quotes = facts
            .quotes
            .iter()
            .filter(|q| q.kind == QuoteKind::Direct && s.covers(q.span))
            .take(2)
            .count();
        if quotes < 2 {
            b.push(s, UnitKind::Sentence, i, None);
        }
    }
    for q in &facts.quotes {
        let span = trim_marks(b.text, q.span);
        let kind = if q.kind == QuoteKind::Direct {
            UnitKind::Quote
        } else {
            UnitKind::Reported
        };
        b.push(span, kind, q.sentence as usize, None);
    }
    // clauses of the accepted statements
    for k in 0..b.raw.units.len() {
        let Some(&whole) = b.raw.units.get(k) else {
            break;
        };
        let ascii = whole.span().slice(b.text).is_ascii();
        for clause in clauses(b.text, whole.span()) {
            // a part of an ASCII statement that is not boilerplate is not either
            b.push(
                clause,
                UnitKind::Clause,
                whole.sentence as usize,
                Some(ascii),
            );
        }
    }
    let mut raw = b.raw;
    b.cache.scratch = b.scratch;
    raw.units.sort_by_key(|u| (u.start, u.end, u.kind));
    raw.units
        .dedup_by(|a, b| a.start == b.start && a.end == b.end);
    raw.links = links(&raw.units);
    raw
}

/// A sentence's tokens and their words.
struct SentenceWords {
    span: Span,
    /// Its tokens: `Builder::tokens[first..end]`.
    first: usize,
    end: usize,
    /// Boilerplate, as [`Builder::is_boilerplate`] says; `None` when the sentence is not
    /// ASCII (its parts are then checked on their own).
    boilerplate: Option<bool>,
}

struct Builder<'a> {
    reuse: bool,
    cache: &'a mut WordCache,
    text: &'a str,
    raw: RawDoc,
    scratch: Scratch,
}

/// One article's working buffers, kept in the thread's [`WordCache`] so the next article
/// reuses their allocations instead of growing new ones.
#[derive(Default)]
pub(crate) struct Scratch {
    folded: String,
    sentences: Vec<SentenceWords>,
    tokens: Vec<Span>,
    /// Words of token `k`: `words[token_words[k]..token_words[k + 1]]`.
    token_words: Vec<u32>,
    words: Vec<(u64, u8)>,
}

impl Scratch {
    fn clear(&mut self) {
        self.folded.clear();
        self.sentences.clear();
        self.tokens.clear();
        self.token_words.clear();
        self.token_words.push(0);
        self.words.clear();
    }
}

impl Builder<'_> {
    fn add_sentence(&mut self, span: Span) {
        let first = self.scratch.tokens.len();
        let valid = self.text.get(span.start..span.end).is_some();
        // may it hold boilerplate? (see [`token_marks`])
        let mut maybe = false;
        if valid {
            let mut prev = 0;
            let (text, cache) = (self.text, &mut *self.cache);
            let (words, tokens, token_words) = (
                &mut self.scratch.words,
                &mut self.scratch.tokens,
                &mut self.scratch.token_words,
            );
            crate::text::for_each_token(text, span, |_, start, end| {
                let token = text.get(start..end).unwrap_or("");
                let marks = cache.words_of(token, |h, f| words.push((h, f)));
                maybe |= marks & HOLDS_PHRASE != 0 || prev & (marks >> 32) & ENDS_FIRST != 0;
                prev = marks;
                tokens.push(Span::new(start, end));
                token_words.push(words.len() as u32);
            });
        }
        let s = span.slice(self.text);
        // an ASCII sentence's test is `is_boilerplate`, skipped when no token can start one
        let boilerplate = (valid && s.is_ascii()).then(|| maybe && has_boilerplate(s.as_bytes()));
        self.scratch.sentences.push(SentenceWords {
            span,
            first,
            end: self.scratch.tokens.len(),
            boilerplate,
        });
    }

    /// The tokens (as a range of `tokens`) of `span` inside sentence `i`, when it is
    /// tokenised as in its sentence (no token straddles its ends).
    fn tokens_within(&self, i: usize, span: Span) -> Option<(usize, usize)> {
        let s = self.scratch.sentences.get(i).filter(|_| self.reuse)?;
        if !s.span.covers(span) || self.text.get(span.start..span.end).is_none() {
            return None;
        }
        let toks = self.scratch.tokens.get(s.first..s.end)?;
        let lo = toks.partition_point(|t| t.start < span.start);
        let hi = toks.partition_point(|t| t.start < span.end);
        if lo > 0 && toks[lo - 1].end > span.start {
            return None;
        }
        if hi > lo && toks[hi - 1].end > span.end {
            return None;
        }
        Some((s.first + lo, s.first + hi))
    }

    /// Add the statement at `span` (of sentence `sentence`) if it is long enough and not
    /// boilerplate; `known_clean`: the statement is part of an accepted ASCII statement,
    /// so it is not boilerplate.
    fn push(&mut self, span: Span, kind: UnitKind, sentence: usize, known_clean: Option<bool>) {
        if span.is_empty() || span.end > self.text.len() {
            return;
        }
        let first = self.raw.hashes.len();
        let token_count = match self.tokens_within(sentence, span) {
            Some((lo, hi)) => {
                let (a, b) = (
                    self.scratch.token_words[lo] as usize,
                    self.scratch.token_words[hi] as usize,
                );
                for &(h, f) in self.scratch.words.get(a..b).unwrap_or(&[]) {
                    self.raw.hashes.push(h);
                    self.raw.flags.push(f);
                }
                hi - lo
            }
            None => {
                let tokens = crate::text::tokens_in(self.text, span);
                for t in &tokens {
                    let (hashes, flags) = (&mut self.raw.hashes, &mut self.raw.flags);
                    self.cache.words_of(t.text(self.text), |h, f| {
                        hashes.push(h);
                        flags.push(f);
                    });
                }
                tokens.len()
            }
        };
        let len = self.raw.hashes.len() - first;
        let long_plain_statement =
            len + 1 == MIN_CONTENT_WORDS && token_count >= MIN_TOKENS_OF_PLAIN_STATEMENT;
        let keep = (len >= MIN_CONTENT_WORDS || long_plain_statement)
            && len <= usize::from(u16::MAX)
            && !self.boilerplate_at(span, sentence, known_clean);
        if keep {
            self.raw.units.push(Unit {
                start: span.start as u32,
                end: span.end as u32,
                sentence: sentence as u32,
                first: first as u32,
                len: len as u16,
                kind,
            });
        } else {
            self.raw.hashes.truncate(first);
            self.raw.flags.truncate(first);
        }
    }

    /// Does the statement hold a boilerplate phrase? Folding is character by character
    /// for ASCII, so a part of an ASCII sentence free of boilerplate is free of it too.
    fn boilerplate_at(&mut self, span: Span, sentence: usize, known_clean: Option<bool>) -> bool {
        if known_clean == Some(true) {
            return false;
        }
        let s = self.scratch.sentences.get(sentence);
        if let Some(s) = s.filter(|s| s.span == span || s.span.covers(span)) {
            match s.boilerplate {
                Some(false) => return false,
                Some(true) if s.span == span => return true,
                _ => {}
            }
        }
        self.is_boilerplate(span.slice(self.text))
    }

    /// Folding ASCII text only lowers its case, which the comparison ignores: only other
    /// text is folded first.
    fn is_boilerplate(&mut self, s: &str) -> bool {
        if s.is_ascii() {
            return has_boilerplate(s.as_bytes());
        }
        self.scratch.folded.clear();
        self.scratch.folded.push_str(&crate::text::fold(s));
        has_boilerplate(self.scratch.folded.as_bytes())
    }
}

/// Does folded text hold one of [`BOILERPLATE`] (ASCII case ignored, so ASCII text needs
/// no folding)? One aho-corasick automaton over all phrases, ASCII case ignored: half
/// the instructions of the hand-written byte loop it replaced (67 M against 137 M of a
/// 1k-article `check`; a case-sensitive search of lowercased text cost more, 73 M).
fn has_boilerplate(f: &[u8]) -> bool {
    static PHRASES: OnceLock<Option<AhoCorasick>> = OnceLock::new();
    PHRASES
        .get_or_init(|| {
            AhoCorasick::builder()
                .ascii_case_insensitive(true)
                .build(BOILERPLATE)
                .ok()
        })
        .as_ref()
        .is_some_and(|ac| ac.is_match(f))
}

/// [`token_marks`]: the token holds a one-word phrase.
const HOLDS_PHRASE: u64 = 1;
/// [`token_marks`]: bit `p + 1` set when the token ends with the first word of the `p`th
/// phrase of several words; the same bit of `marks >> 32` when it starts with its second.
const ENDS_FIRST: u64 = 0xffff_fffe;

/// Marks for a prefilter of [`has_boilerplate`] on ASCII text, from the text's tokens
/// alone (so once per distinct token, in the word cache). Phrases are ASCII letters and
/// single spaces; a letter is always inside a token and a space never is, so a phrase
/// occurs only inside one token (one word) or as a token ending with its first word,
/// one space, then a token starting with its second. Text with neither has no
/// boilerplate; text with either is searched (most sentences have neither).
fn token_marks(token: &str) -> u64 {
    let t = token.as_bytes();
    let mut marks = 0;
    let mut p = 0;
    for phrase in BOILERPLATE {
        let mut words = phrase.split(' ');
        let (Some(first), second) = (words.next(), words.next()) else {
            continue;
        };
        let first = first.as_bytes();
        let Some(second) = second else {
            if t.windows(first.len())
                .any(|w| w.eq_ignore_ascii_case(first))
            {
                marks |= HOLDS_PHRASE;
            }
            continue;
        };
        let second = second.as_bytes();
        if t.len() >= first.len() && t[t.len() - first.len()..].eq_ignore_ascii_case(first) {
            marks |= 1 << (p + 1);
        }
        if t.len() >= second.len() && t[..second.len()].eq_ignore_ascii_case(second) {
            marks |= 1 << (p + 33);
        }
        p += 1;
    }
    marks
}

fn word_flags(stem: &str) -> u8 {
    let mut f = 0;
    if super::matching::is_generic(stem) {
        f |= GENERIC;
    }
    if is_number(stem) {
        f |= NUMBER;
    }
    f
}

fn is_number(word: &str) -> bool {
    !word.is_empty()
        && word
            .bytes()
            .all(|c| c.is_ascii_digit() || c == b'.' || c == b',')
}

/// (whole, part) pairs of one article: a statement and a part of it (quote, clause)
/// holding most of its words. `units` sorted by start.
fn links(units: &[Unit]) -> Vec<(u32, u32)> {
    let mut by_sentence: Vec<u32> = (0..units.len() as u32).collect();
    by_sentence.sort_by_key(|&i| (units[i as usize].sentence, i));
    let mut out = Vec::new();
    for group in
        by_sentence.chunk_by(|&a, &b| units[a as usize].sentence == units[b as usize].sentence)
    {
        for &whole in group {
            let w = units[whole as usize];
            // the group is in start order: parts of `w` start at or after it
            let from = group.partition_point(|&p| units[p as usize].start < w.start);
            for &part in group.get(from..).unwrap_or(&[]) {
                let p = units[part as usize];
                if p.start >= w.end {
                    break;
                }
                if whole != part
                    && w.span().covers(p.span())
                    && w.span() != p.span()
                    && p.len as f64 >= QUOTE_SHARE_OF_SENTENCE * w.len as f64
                {
                    out.push((whole, part));
                }
            }
        }
    }
    out.sort_unstable();
    out
}

/// The clauses of a statement, when it has more than one.
fn clauses(text: &str, span: Span) -> Vec<Span> {
    let s = span.slice(text);
    let cuts = clause_cuts(s);
    if cuts.is_empty() {
        return Vec::new();
    }
    let mut out = Vec::new();
    let mut start = 0;
    for (cut_start, cut_end) in cuts {
        if cut_start >= start {
            out.push(Span::new(span.start + start, span.start + cut_start));
            start = cut_end;
        }
    }
    out.push(Span::new(span.start + start, span.end));
    out.into_iter().map(|c| trim_marks(text, c)).collect()
}

/// Every match of every [`CLAUSE_BREAKS`] pattern, sorted. All but " and that " start
/// with ',' or ';', which they hold nowhere else (so they cannot overlap themselves):
/// those are found from the punctuation alone. Every statement's bytes pass through
/// here, so the searches are memchr's vectorised ones.
fn clause_cuts(s: &str) -> Vec<(usize, usize)> {
    let b = s.as_bytes();
    let mut cuts: Vec<(usize, usize)> = Vec::new();
    for i in memchr::memchr2_iter(b',', b';', b) {
        let (Some(&c), Some(rest)) = (b.get(i), b.get(i..)) else {
            continue;
        };
        for p in CLAUSE_BREAKS {
            if p.as_bytes().first() == Some(&c) && rest.starts_with(p.as_bytes()) {
                cuts.push((i, i + p.len()));
            }
        }
    }
    // built once: building a finder cost more than most searches (21 M instructions of
    // a 1k-article `check`)
    static OTHERS: OnceLock<Vec<memchr::memmem::Finder<'static>>> = OnceLock::new();
    let others = OTHERS.get_or_init(|| {
        CLAUSE_BREAKS
            .iter()
            .filter(|p| !p.starts_with([',', ';']))
            .map(|p| memchr::memmem::Finder::new(p.as_bytes()))
            .collect()
    });
    for f in others {
        // left to right, not overlapping, as `str::match_indices` finds them
        let n = f.needle().len();
        cuts.extend(f.find_iter(b).map(|at| (at, at + n)));
    }
    cuts.sort_unstable();
    cuts
}

/// The span without surrounding quotation marks, spaces and a trailing comma.
pub(crate) fn trim_marks(text: &str, span: Span) -> Span {
    let s = span.slice(text);
    let is_mark = |c: char| {
        matches!(
            c,
            '"' | '“' | '”' | '\'' | '‘' | '’' | '«' | '»' | ',' | ' ' | '`'
        )
    };
    let start_trim = s.len() - s.trim_start_matches(is_mark).len();
    let end_trim = s.len() - s.trim_end_matches(is_mark).len();
    if start_trim + end_trim >= s.len() {
        return span;
    }
    Span::new(span.start + start_trim, span.end - end_trim)
}

#[cfg(test)]
mod tests {
    use super::super::testkit::article;
    use super::*;
    use crate::quotes::QuoteKind::{Direct, Indirect};

    /// Parts take their words from their sentence exactly when tokenising them alone
    /// would give the same words, including around joiners at their ends.
    #[test]
    fn parts_reuse_their_sentence_words_exactly() {
        let docs = [
            article("a", None, None, "Officials said the mayor's \"stay-at-home\" order, and the 1,200 fines issued, would end; traders were relieved, though some U.S. firms said the 3.5% levy, saying it's fair, stays.")
                .quote("stay-at-home", Direct, false)
                .quote("the 1,200 fines issued, would end", Indirect, false)
                .build(),
            article("b", None, None, "\"We are asking everyone to stay indoors,\" the mayor said, adding that buses will run.\n\n\"Schools across the district will reopen,\" said Ruiz, and that \"the water is safe again.\"")
                .quote("We are asking everyone to stay indoors", Direct, false)
                .quote("Schools across the district will reopen", Direct, false)
                .quote("the water is safe again.", Direct, false)
                .quote("mayor said, adding that buses", Indirect, false)
                .build(),
            article("c", None, None, "Copyright 2026 Meridian Media, all rights reserved; the Peñasco bridge, and the Río Blanco ferry, closed after the storm damaged both piers badly.")
                .quote("Peñasco bridge, and the Río Blanco ferry", Direct, false)
                .build(),
        ];
        for d in &docs {
            assert_eq!(
                collect_doc_with(d, true, &mut WordCache::default()),
                collect_doc_with(d, false, &mut WordCache::default()),
                "{}",
                d.key
            );
        }
    }

    /// A warm cache gives every token the words computing them afresh gives.
    #[test]
    fn cached_words_equal_fresh_words() {
        let long = "x".repeat(WordCache::LONGEST_TOKEN + 1);
        let tokens = [
            "Ortega's",
            "the",
            "The",
            "stay-at-home",
            "U.S.",
            "1,200",
            "3.5%",
            "Peñasco",
            "said",
            "evacuated",
            "evacuate",
            "children",
            "co-op",
            "--",
            "'s",
            "",
            &long,
            "Monday",
            "yesterday",
            "7",
            "mayor’s",
        ];
        let fresh = |t: &str| {
            let mut out = Vec::new();
            token_stems(t, &mut StemBuffers::default(), |stem| {
                out.push((stem_hash(stem), word_flags(stem)))
            });
            out
        };
        let mut cache = WordCache::default();
        for round in 0..3 {
            for t in tokens {
                let mut got = Vec::new();
                let marks = cache.words_of(t, |h, f| got.push((h, f)));
                assert_eq!(got, fresh(t), "round {round}: {t:?}");
                assert_eq!(marks, token_marks(t), "round {round}: {t:?}");
            }
        }
        // a full cache still answers
        let mut full = WordCache::default();
        for i in 0..WordCache::CAPACITY + 10 {
            let t = format!("word{i}");
            let mut got = Vec::new();
            full.words_of(&t, |h, f| got.push((h, f)));
            assert_eq!(got, fresh(&t), "{t}");
        }
        assert_eq!(full.entries.len(), WordCache::CAPACITY);
    }

    /// Articles read with one cache shared across them give the units each gives alone.
    #[test]
    fn a_shared_cache_changes_no_unit() {
        let texts = [
            "Officials said the mayor's \"stay-at-home\" order, and the 1,200 fines issued, would end; traders were relieved.",
            "The Peñasco bridge, and the Río Blanco ferry, closed after the storm damaged both piers badly and that was that.",
            "Officials said the mayor's order would end, and that traders were relieved and that and that fines stay.",
        ];
        let docs: Vec<Doc> = texts
            .iter()
            .enumerate()
            .map(|(i, t)| article(&format!("{i}"), None, None, t).build())
            .collect();
        let mut shared = WordCache::default();
        for d in &docs {
            assert_eq!(
                collect_doc_with(d, true, &mut shared),
                collect_doc_with(d, true, &mut WordCache::default()),
                "{}",
                d.key
            );
        }
    }

    /// The cuts are what `match_indices` finds for each phrase: left to right, not
    /// overlapping, every phrase (a ", and " inside "; " text, a phrase at either end).
    #[test]
    fn clause_cuts_equal_match_indices() {
        for s in [
            "",
            " and that ",
            "x and that and that y",
            " and that  and that ",
            "sand that and thats and that",
            "no phrase here",
            "  and that",
            "a; b, and c, but d, while e, adding that f, saying g, although h, though i",
            "; , and ;; ,, , but, , while",
            ", saying , saying, adding that , though",
        ] {
            let got = clause_cuts(s);
            let mut want: Vec<(usize, usize)> = CLAUSE_BREAKS
                .iter()
                .flat_map(|p| s.match_indices(p).map(|(i, m)| (i, i + m.len())))
                .collect();
            want.sort_unstable();
            assert_eq!(got, want, "{s:?}");
        }
    }

    /// The prefilter of [`add_sentence`](Builder::add_sentence): marks from the text's
    /// tokens, as the builder combines them.
    fn may_hold_boilerplate(s: &str) -> bool {
        let mut prev = 0;
        let mut maybe = false;
        for t in crate::text::tokens_in(s, Span::new(0, s.len())) {
            let marks = token_marks(t.text(s));
            maybe |= marks & HOLDS_PHRASE != 0 || prev & (marks >> 32) & ENDS_FIRST != 0;
            prev = marks;
        }
        maybe
    }

    #[test]
    fn every_phrase_has_its_mark_bits() {
        let several = BOILERPLATE.iter().filter(|p| p.contains(' ')).count();
        assert!(
            several <= 31,
            "{several} phrases of several words: marks hold 31"
        );
        assert!(BOILERPLATE
            .iter()
            .all(|p| p.bytes().all(|b| b.is_ascii_lowercase() || b == b' ')
                && !p.contains("  ")
                && !p.starts_with(' ')
                && !p.ends_with(' ')));
        for p in BOILERPLATE {
            assert!(may_hold_boilerplate(p), "{p}");
        }
        // (text, let through, boilerplate): the gap is not tested, so two spaces pass
        for (s, maybe, want) in [
            ("design update", true, true),
            ("We Sign-Up now", false, false),
            ("Reporting by Ana", true, true),
            ("the reporting byline", true, true),
            ("read  more", true, false),
            ("The bridge reopened", false, false),
        ] {
            assert_eq!(may_hold_boilerplate(s), maybe, "{s}");
            assert_eq!(has_boilerplate(s.as_bytes()), want, "{s}");
        }
    }

    proptest::proptest! {
        /// The prefilter never misses boilerplate: text it lets pass holds none.
        #[test]
        fn the_boilerplate_prefilter_misses_nothing(
            pieces in proptest::collection::vec((0usize..64, proptest::bool::ANY), 0..24),
        ) {
            let mut words: Vec<&str> = BOILERPLATE.iter().flat_map(|p| p.split(' ')).collect();
            words.extend([
                " ", " ", " ", "  ", "-", "'", ".", ",", "1", "x", "de", "s", "ed", "\n", ";",
                "ing", "re", "up", "by",
            ]);
            let mut s = String::new();
            for (i, upper) in pieces {
                let w = words[i % words.len()];
                if upper {
                    s.push_str(&w.to_ascii_uppercase());
                } else {
                    s.push_str(w);
                }
            }
            if has_boilerplate(s.as_bytes()) {
                proptest::prop_assert!(may_hold_boilerplate(&s), "{:?}", s);
            }
        }
    }

    #[test]
    fn boilerplate_is_found_in_any_case() {
        for (s, want) in [
            ("All Rights Reserved.", true),
            ("Please SUBSCRIBE today", true),
            ("cookies", true),
            ("The copyrighted map", true),
            ("The bridge reopened", false),
            ("", false),
            ("c", false),
            ("READ MOR", false),
            ("Editing By Ana", true),
            ("sign u", false),
            ("xx sign up", true),
        ] {
            // folded or not, as the phrases are or as a plain search of the folded text
            let folded = s.to_ascii_lowercase();
            assert_eq!(has_boilerplate(folded.as_bytes()), want, "{s}");
            assert_eq!(has_boilerplate(s.as_bytes()), want, "{s}");
            let plain = BOILERPLATE.iter().any(|p| folded.contains(p));
            assert_eq!(plain, want, "{s}");
        }
    }
}
