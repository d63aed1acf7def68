//! The parallel matching against the sequential loop it replaces (kept here as the
//! oracle), and the pair scorer's bit-parallel LCS against the table.

use super::super::testkit::{article, sorted};
use super::super::units;
use super::*;
use crate::workspace::Doc;

/// A posting list that keeps what the sequential loop visits: its first half of
/// [`POSTING_SCAN`] entries and a ring of the newest half.
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

/// The sequential matching loop (the rule [`matching_pairs`] must follow exactly).
fn sequential(vars: &Variants, vocab: &Vocab, stats: &mut Stats) -> Vec<(u32, u32)> {
    let n = vars.len();
    let once = bigrams_seen_once(vars);
    let mut postings: FxHashMap<u64, CappedList> = FxHashMap::default();
    let mut counter = Counter::new(n);
    let mut scorer = Scorer::default();
    let mut out = Vec::new();
    let mut groups = super::super::cluster::UnionFind::new(n);
    let mut keys: Vec<u64> = Vec::new();
    let mut joined: Vec<u32> = Vec::new();
    for v in 0..n as u32 {
        let words = vars.words[v as usize];
        let mut lists: Vec<(u32, u64, &CappedList)> = words
            .windows(2)
            .filter_map(|w| {
                let k = bigram(w[0], w[1]);
                postings.get(&k).map(|list| (list.len, k, list))
            })
            .collect();
        lists.sort_by_key(|&(len, k, _)| (len, k));
        let mut left = SCAN_BUDGET;
        for (_, _, list) in lists {
            if list.items.len() > left {
                break;
            }
            left -= list.items.len();
            stats.postings_visited += list.items.len();
            for &other in &list.items {
                counter.add(other);
            }
        }
        let candidates = counter.take_candidates();
        if !candidates.is_empty() {
            scorer.load(words, vocab);
            joined.clear();
            for &other in &candidates {
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
        distinct_bigrams_into(words, &mut keys);
        for &k in &keys {
            if !once.contains(k) {
                postings.entry(k).or_default().push(v);
            }
        }
    }
    out
}

/// A small pseudo-random generator (the tests must not depend on a crate).
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) % n.max(1) as u64) as usize
    }
}

const WORDS: &[&str] = &[
    "bridge",
    "harbour",
    "council",
    "ferry",
    "storm",
    "pillars",
    "engineers",
    "cracks",
    "closed",
    "reopened",
    "traffic",
    "mayor",
    "residents",
    "evacuated",
    "flooded",
    "river",
    "valley",
    "market",
    "roof",
    "collapsed",
    "rescuers",
    "injured",
    "killed",
    "people",
    "police",
    "Tuesday",
    "morning",
    "schools",
    "district",
    "water",
    "safe",
    "orchard",
    "harvest",
    "village",
    "budget",
    "levy",
    "traders",
    "relieved",
    "fines",
    "issued",
    "inspector",
    "confirmed",
    "deep",
    "two",
    "seven",
    "nine",
    "12",
    "40",
    "hospital",
    "patients",
    "airport",
    "flights",
    "cancelled",
    "winds",
    "power",
];

/// Claims reprinted with small edits (one reprinted by more articles than
/// [`POSTING_SCAN`]), chains with conflicting numbers, and random sentences over a small
/// vocabulary, so postings overflow their caps and candidates overflow theirs.
fn generated(articles: usize, seed: u64) -> Vec<Doc> {
    const CLAIMS: &[&str] = &[
        "The Arroyo Seco bridge was closed to traffic after engineers found deep cracks in two pillars",
        "Rescuers said 7 people were killed when the Kelmora market hall roof collapsed on Tuesday",
        "Rescuers said people were killed when the Kelmora market hall roof collapsed on Tuesday",
        "Rescuers said 9 people were killed when the Kelmora market hall roof collapsed on Tuesday",
        "Schools across the Brenna district will reopen once the water is declared safe again",
    ];
    let mut rng = Rng(seed);
    let docs = (0..articles)
        .map(|i| {
            let mut sentences = Vec::new();
            for _ in 0..2 + rng.below(4) {
                let mut words: Vec<String> = if rng.below(3) > 0 {
                    let claim = if rng.below(2) == 0 {
                        0
                    } else {
                        rng.below(CLAIMS.len())
                    };
                    CLAIMS[claim].split(' ').map(str::to_string).collect()
                } else {
                    (0..5 + rng.below(10))
                        .map(|_| WORDS[rng.below(WORDS.len())].to_string())
                        .collect()
                };
                for _ in 0..rng.below(3) {
                    let at = rng.below(words.len());
                    match rng.below(3) {
                        0 => words[at] = WORDS[rng.below(WORDS.len())].to_string(),
                        1 if words.len() > 4 => {
                            words.remove(at);
                        }
                        _ => words.insert(at, WORDS[rng.below(WORDS.len())].to_string()),
                    }
                }
                sentences.push(format!("{}.", words.join(" ")));
            }
            let outlet = format!("Outlet {}", rng.below(12));
            article(
                &format!("d{i:04}.txt"),
                Some(&outlet),
                Some("2026-06-08"),
                &sentences.join(" "),
            )
            .build()
        })
        .collect();
    sorted(docs)
}

#[test]
fn parallel_matching_equals_the_sequential_loop() {
    for (articles, seed) in [(40, 1), (300, 2), (700, 3)] {
        let docs = generated(articles, seed);
        let (vocab, units) = units::collect(&docs);
        let vars = Variants::build(&units);
        let mut want_stats = Stats::default();
        let want = sequential(&vars, &vocab, &mut want_stats);
        assert!(!want.is_empty(), "{articles}: some matches");
        for block in [1, 7, 64, 1000, usize::MAX] {
            let mut stats = Stats::default();
            let got = matching_pairs_in_blocks(&vars, &vocab, &mut stats, block);
            assert_eq!(got, want, "{articles} articles, block {block}");
            assert_eq!(stats.postings_visited, want_stats.postings_visited);
            // scoring ahead may score pairs the loop skips, never fewer
            assert!(stats.pairs_scored >= want_stats.pairs_scored);
            if block >= vars.len() {
                assert_eq!(stats.pairs_scored, want_stats.pairs_scored, "one block");
            }
        }
    }
}

/// The generated set does exercise the caps: some bigram is in more variants than
/// [`POSTING_SCAN`], some variant has more than [`MAX_CANDIDATES`] candidates, and many
/// have more capped entries than [`SCAN_BUDGET`].
#[test]
fn the_generated_set_overflows_the_caps() {
    let docs = generated(700, 3);
    let (vocab, units) = units::collect(&docs);
    let vars = Variants::build(&units);
    let postings = Postings::build(&vars);
    let longest = (0..postings.start.len() - 1)
        .map(|i| postings.start[i + 1] - postings.start[i])
        .max()
        .unwrap_or(0);
    assert!(longest > 4 * POSTING_SCAN, "{longest}");
    let _ = vocab;
    let mut counter = Counter::new(vars.len());
    let mut over_budget = 0;
    let most = (0..vars.len() as u32)
        .map(|v| {
            let words = vars.words[v as usize];
            let mut entries = 0;
            for w in words.windows(2) {
                let Some(id) = postings.id(bigram(w[0], w[1])) else {
                    continue;
                };
                let p = postings.index_in(id, v);
                let (a, b) = postings.capped_before(id, p);
                entries += a.len() + b.len();
                a.iter().chain(b).for_each(|&o| counter.add(o));
            }
            over_budget += usize::from(entries > SCAN_BUDGET);
            let n = counter.touched_len;
            counter.take_candidates();
            n
        })
        .max()
        .unwrap_or(0);
    assert!(most > MAX_CANDIDATES, "{most}");
    assert!(
        over_budget * 10 > vars.len(),
        "{over_budget} of {}",
        vars.len()
    );
}

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

/// Variants are the distinct word sequences in first-unit order, as a map would number
/// them, whether the table had room from the start or grew.
#[test]
fn sequence_table_numbers_sequences_like_a_map() {
    let mut rng = Rng(7);
    let seqs: Vec<Vec<u32>> = (0..5000)
        .map(|_| (0..rng.below(4)).map(|_| rng.below(6) as u32).collect())
        .collect();
    for room in [0, 10, seqs.len()] {
        let mut table = SequenceTable::with_room_for(room);
        let mut words: Vec<&[u32]> = Vec::new();
        let mut map: FxHashMap<&[u32], u32> = FxHashMap::default();
        for s in &seqs {
            let next = map.len() as u32;
            let want = *map.entry(s.as_slice()).or_insert(next);
            assert_eq!(
                table.find_or_add(s, sequence_hash(s), &mut words),
                want,
                "room {room}: {s:?}"
            );
        }
        assert_eq!(words.len(), map.len());
    }
}

#[test]
fn every_unit_has_the_variant_of_its_words() {
    let docs = generated(300, 5);
    let (_, units) = units::collect(&docs);
    let vars = Variants::build(&units);
    let mut seen: FxHashMap<&[u32], u32> = FxHashMap::default();
    for (d, du) in units.iter().enumerate() {
        for (local, u) in du.units.iter().enumerate() {
            let r = UnitRef {
                doc: d as u32,
                local: local as u32,
            };
            let v = vars.of(r);
            assert_eq!(vars.words[v as usize], du.words(u));
            assert!(vars.members(v).contains(&r));
            let next = seen.len() as u32;
            assert_eq!(
                *seen.entry(du.words(u)).or_insert(next),
                v,
                "first-unit order"
            );
        }
    }
    assert_eq!(seen.len(), vars.len());
}

/// The same pairs whatever the number of threads (and however rayon splits the work).
#[test]
fn parallel_matching_ignores_the_thread_count() {
    let docs = generated(400, 11);
    let (vocab, units) = units::collect(&docs);
    let vars = Variants::build(&units);
    let want = sequential(&vars, &vocab, &mut Stats::default());
    for threads in [1, 2, 5] {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .expect("a thread pool");
        for block in [3, 50, BLOCK] {
            let got = pool
                .install(|| matching_pairs_in_blocks(&vars, &vocab, &mut Stats::default(), block));
            assert_eq!(got, want, "{threads} threads, block {block}");
        }
    }
}

/// Galloping finds what a binary search finds, wherever the answer is.
#[test]
fn gallop_equals_partition_point() {
    for len in 0..70u32 {
        let list: Vec<u32> = (0..len).map(|i| 3 * i + 1).collect();
        for v in 0..3 * len + 3 {
            assert_eq!(
                gallop(&list, v),
                list.partition_point(|&x| x < v),
                "{len} {v}"
            );
        }
    }
}

/// The sketch's bound is never below the words two sequences share (repeats counted as
/// a multiset), whatever their lengths, repeats and hash collisions.
#[test]
fn sketch_bounds_the_shared_words_from_above() {
    let mut rng = Rng(17);
    for round in 0..3000 {
        let alphabet = 2 + rng.below(400) as u32;
        let seq = |rng: &mut Rng| -> Vec<u32> {
            let len = if round % 50 == 0 {
                250 + rng.below(30)
            } else {
                rng.below(40)
            };
            (0..len)
                .map(|_| rng.below(alphabet as usize) as u32)
                .collect()
        };
        let (a, b) = (seq(&mut rng), seq(&mut rng));
        let mut left: FxHashMap<u32, usize> = FxHashMap::default();
        for &w in &a {
            *left.entry(w).or_insert(0) += 1;
        }
        let mut shared = 0;
        for &w in &b {
            if let Some(n) = left.get_mut(&w).filter(|n| **n > 0) {
                *n -= 1;
                shared += 1;
            }
        }
        let (sa, sb) = (Sketch::of(&a), Sketch::of(&b));
        if a.len() < SKETCH_LONG as usize && b.len() < SKETCH_LONG as usize {
            assert!(sa.shared_at_most(sb) as usize >= shared, "round {round}");
        } else {
            assert!(sa.may_match(sb), "round {round}: too long to rule out");
        }
    }
}

/// The sketches turn a pair down only where the scorer would, on every pair of
/// variants of a generated set, and they do turn down most of the scorer's refusals
/// (else they would cost memory for nothing).
#[test]
fn sketches_refuse_only_what_the_scorer_refuses() {
    let docs = generated(300, 2);
    let (vocab, units) = units::collect(&docs);
    let vars = Variants::build(&units);
    let mut scorer = Scorer::default();
    let (mut refused, mut refused_by_sketch, mut matched) = (0, 0, 0);
    for v in 0..vars.len() {
        let words = vars.words[v];
        scorer.load(words, &vocab);
        for other in 0..v {
            let same = scorer.same_claim(vars.words[other], words, &vocab);
            let may = vars.may_match(other as u32, v as u32);
            assert!(may || !same, "{:?} / {:?}", vars.words[other], words);
            matched += usize::from(same);
            refused += usize::from(!same);
            refused_by_sketch += usize::from(!may);
        }
        scorer.unload(words);
    }
    assert!(matched > 100, "{matched}");
    assert!(
        refused_by_sketch * 2 > refused,
        "{refused_by_sketch} of {refused}"
    );
}

/// Lists are read while their capped sizes fit in the budget together, and not past the
/// first that does not; a long list reads as its oldest and newest halves.
#[test]
fn budget_and_cap_cut_where_the_rule_says() {
    assert_eq!(lists_within_budget([48, 48, 48, 48]), 3);
    assert_eq!(lists_within_budget([10, SCAN_BUDGET - 10, 1]), 2);
    assert_eq!(lists_within_budget([SCAN_BUDGET + 1, 1]), 0);
    assert_eq!(lists_within_budget(std::iter::empty()), 0);
    let list: Vec<u32> = (0..100).collect();
    let (head, tail) = capped(&list);
    assert_eq!(head, &list[..POSTING_SCAN / 2]);
    assert_eq!(tail, &list[100 - POSTING_SCAN / 2..]);
    assert_eq!(
        capped(&list[..POSTING_SCAN]),
        (&list[..POSTING_SCAN], &[][..])
    );
}
