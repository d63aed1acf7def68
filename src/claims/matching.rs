//! Near-duplicate matching of claim units through a bigram postings index.

use super::units::Unit;
use super::Stats;
use std::collections::HashMap;

/// Postings entries visited per bigram of a variant: a bigram shared by hundreds of
/// variants (one claim reprinted with small edits) needs only a few of them, since
/// matching is transitive through the clusters.
pub(crate) const POSTING_SCAN: usize = 48;
/// Candidates scored per variant, the ones sharing most bigrams first.
pub(crate) const MAX_CANDIDATES: usize = 24;
/// Candidates must share this many content-word bigrams (a common pair such as
/// "yesterday evening" alone does not make a candidate).
const MIN_SHARED_BIGRAMS: u32 = 2;
/// Share of the shorter unit's (weighted) content found in the longer one.
const MIN_CONTAINMENT: f64 = 0.75;
/// Share of the longer unit's content words found in the shorter one.
const MIN_COVERAGE: f64 = 0.6;
/// Longest common subsequence of content words over the shorter unit's length.
const MIN_IN_ORDER: f64 = 0.75;
/// Content words two units must share.
const MIN_SHARED_WORDS: usize = 4;

/// A distinct content-word sequence and the units that have it.
pub(crate) struct Variant {
    pub words: Vec<String>,
    pub units: Vec<usize>,
}

/// Group units by identical content words. Returns variants (in first-unit order) and
/// each unit's variant.
pub(crate) fn variants(units: &[Unit]) -> (Vec<Variant>, Vec<usize>) {
    let mut by_words: HashMap<&[String], usize> = HashMap::new();
    let mut out: Vec<Variant> = Vec::new();
    let mut unit_variant = Vec::with_capacity(units.len());
    for (i, u) in units.iter().enumerate() {
        let v = *by_words.entry(u.words.as_slice()).or_insert_with(|| {
            out.push(Variant {
                words: u.words.clone(),
                units: Vec::new(),
            });
            out.len() - 1
        });
        out[v].units.push(i);
        unit_variant.push(v);
    }
    (out, unit_variant)
}

/// Pairs of variants that say the same thing (earlier variant first).
pub(crate) fn matching_pairs(variants: &[Variant], stats: &mut Stats) -> Vec<(usize, usize)> {
    let mut postings: HashMap<(&str, &str), Vec<usize>> = HashMap::new();
    let mut out = Vec::new();
    let mut groups = super::cluster::UnionFind::new(variants.len());
    for (v, var) in variants.iter().enumerate() {
        let mut shared: HashMap<usize, u32> = HashMap::new();
        let bigrams = bigrams(&var.words);
        for b in &bigrams {
            if let Some(list) = postings.get(b) {
                for &other in scanned(list) {
                    stats.postings_visited += 1;
                    *shared.entry(other).or_default() += 1;
                }
            }
        }
        let mut candidates: Vec<(usize, u32)> = shared
            .into_iter()
            .filter(|&(_, n)| n >= MIN_SHARED_BIGRAMS)
            .collect();
        candidates.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        candidates.truncate(MAX_CANDIDATES);
        let mut joined: Vec<usize> = Vec::new();
        for (other, _) in candidates {
            // already linked to this claim through an earlier match: nothing to learn
            let root = groups.find(other);
            if joined.contains(&root) {
                continue;
            }
            stats.pairs_scored += 1;
            if same_claim(&variants[other].words, &var.words) {
                out.push((other, v));
                groups.union(other, v);
                joined.push(groups.find(v));
            }
        }
        let mut seen = std::collections::HashSet::new();
        for b in bigrams {
            if seen.insert(b) {
                postings.entry(b).or_default().push(v);
            }
        }
    }
    out
}

/// The postings entries visited: all of a short list; the oldest and the newest halves
/// of [`POSTING_SCAN`] of a long one.
fn scanned(list: &[usize]) -> impl Iterator<Item = &usize> {
    let half = POSTING_SCAN / 2;
    let (head, tail) = if list.len() <= POSTING_SCAN {
        (list, &list[..0])
    } else {
        (&list[..half], &list[list.len() - half..])
    };
    head.iter().chain(tail.iter())
}

fn bigrams(words: &[String]) -> Vec<(&str, &str)> {
    words
        .windows(2)
        .map(|w| (w[0].as_str(), w[1].as_str()))
        .collect()
}

/// Words common to news of any kind count half: two sentences sharing mostly these
/// are not one claim. A fixed list rather than IDF, because in a workspace dominated by
/// one claim's reprints IDF would call the claim's own words common.
const GENERIC: &[&str] = &[
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

fn weight(word: &str) -> f64 {
    if GENERIC.contains(&word) {
        0.5
    } else {
        1.0
    }
}

fn is_number(word: &str) -> bool {
    word.chars()
        .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
        && !word.is_empty()
}

/// Do two content-word sequences state the same claim?
/// Numbers must agree: "7 were killed" and "9 were killed" are two claims (and maybe a
/// disagreement), not one.
pub(crate) fn same_claim(a: &[String], b: &[String]) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if short.len() + 1 == super::units::MIN_CONTENT_WORDS {
        return plain_statement_recurs(short, long);
    }
    if short.len() < super::units::MIN_CONTENT_WORDS {
        return false;
    }
    let common = common_words(short, long);
    if common.len() < MIN_SHARED_WORDS {
        return false;
    }
    if (common.len() as f64) < MIN_COVERAGE * long.len() as f64 {
        return false;
    }
    let numbers_differ = short
        .iter()
        .filter(|w| is_number(w))
        .any(|n| !common.contains(&n.as_str()));
    if numbers_differ {
        return false;
    }
    let total: f64 = short.iter().map(|w| weight(w)).sum();
    let shared: f64 = common.iter().map(|w| weight(w)).sum();
    if shared < MIN_CONTAINMENT * total {
        return false;
    }
    lcs(short, long) as f64 >= MIN_IN_ORDER * short.len() as f64
}

/// A short statement (three content words, none generic) recurs when all its words do,
/// in order, in a statement not much longer.
fn plain_statement_recurs(short: &[String], long: &[String]) -> bool {
    short.iter().all(|w| weight(w) >= 1.0 && !is_number(w))
        && (short.len() as f64) >= MIN_COVERAGE * long.len() as f64
        && lcs(short, long) == short.len()
}

/// Multiset intersection of the shorter sequence with the longer.
fn common_words<'a>(short: &'a [String], long: &[String]) -> Vec<&'a str> {
    let mut counts: HashMap<&str, u32> = HashMap::new();
    for w in long {
        *counts.entry(w.as_str()).or_default() += 1;
    }
    short
        .iter()
        .filter(|w| match counts.get_mut(w.as_str()) {
            Some(c) if *c > 0 => {
                *c -= 1;
                true
            }
            _ => false,
        })
        .map(|w| w.as_str())
        .collect()
}

/// Length of the longest common subsequence (units are sentences: short).
fn lcs(a: &[String], b: &[String]) -> usize {
    let mut prev = vec![0usize; b.len() + 1];
    let mut cur = vec![0usize; b.len() + 1];
    for x in a {
        for (j, y) in b.iter().enumerate() {
            cur[j + 1] = if x == y {
                prev[j] + 1
            } else {
                cur[j].max(prev[j + 1])
            };
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}
