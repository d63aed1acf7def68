//! Fixture tests for story grouping.

use super::*;
use crate::claims::testkit::{article, sorted};

const FLOOD_A: &str = "Floodwater swept through Puerto Claro on Tuesday after the Rio Verde burst its banks. Mayor Ana Ruiz said 12 people were missing and the Linden School shelter was full. Rescue boats from Dunmore reached the Santa Lucia district before dawn.";
const FLOOD_B: &str = "The Rio Verde overflowed in Puerto Claro, flooding the Santa Lucia district. Ruiz told reporters that the Linden School shelter could take no more families. Boats sent from Dunmore ferried residents to higher ground.";
const FLOOD_C: &str = "In Puerto Claro the swollen Rio Verde left the Santa Lucia district under water. Mayor Ruiz opened a second shelter beside Linden School as boats from Dunmore kept arriving.";
const FOOTBALL: &str = "Atletico Brava beat Rovers 3-1 at the Estadio Norte on Sunday. Striker Tomas Quill scored twice in 12 minutes before half time. Coach Elena Varga praised the defence after the win.";
const QUAKE_1: &str = "A strong earthquake struck near the town of Kelmora on Monday, toppling the clock tower. Governor Idris Falk said the Kelmora hospital was treating dozens of injured. Aftershocks rattled the Vashti valley through the night.";
const QUAKE_1B: &str = "The earthquake that hit Kelmora brought down its old clock tower. Falk, the regional governor, said the Kelmora hospital had set up tents outside. Residents of the Vashti valley slept in their cars as aftershocks continued.";
const QUAKE_2: &str = "An earthquake shook the coastal city of Tarnport on Friday, cracking the harbour wall. Mayor Lucia Benn said the Tarnport ferry terminal was closed. Fishermen in the Oren estuary reported damaged boats.";
const QUAKE_2B: &str = "Tarnport's harbour wall cracked when the earthquake struck the coastal city. Benn, the mayor, kept the ferry terminal shut while engineers checked it. Boats in the Oren estuary were damaged.";

fn stories(docs: Vec<(&str, Option<&str>, &str)>) -> Vec<(String, Option<String>)> {
    let docs = sorted(
        docs.into_iter()
            .map(|(k, date, body)| article(k, Some("Outlet"), date, body).build())
            .collect(),
    );
    let ids = group(&docs, &[]);
    docs.iter().map(|d| d.key.to_string()).zip(ids).collect()
}

fn id_of(found: &[(String, Option<String>)], key: &str) -> Option<String> {
    found
        .iter()
        .find(|(k, _)| k == key)
        .and_then(|(_, s)| s.clone())
}

#[test]
fn same_event_together_other_events_apart() {
    struct Case {
        name: &'static str,
        docs: Vec<(&'static str, Option<&'static str>, &'static str)>,
        /// Groups of keys expected in one story each; keys not listed are alone.
        together: Vec<Vec<&'static str>>,
    }
    let cases = vec![
        Case {
            name: "a football report beside disaster coverage is its own story",
            docs: vec![
                ("a.txt", None, FLOOD_A),
                ("b.txt", None, FLOOD_B),
                ("c.txt", None, FOOTBALL),
            ],
            together: vec![vec!["a.txt", "b.txt"]],
        },
        Case {
            name: "two earthquakes are two stories",
            docs: vec![
                ("q1.txt", None, QUAKE_1),
                ("q2.txt", None, QUAKE_2),
                ("q3.txt", None, QUAKE_1B),
                ("q4.txt", None, QUAKE_2B),
            ],
            together: vec![vec!["q1.txt", "q3.txt"], vec!["q2.txt", "q4.txt"]],
        },
        Case {
            name: "three reports of one flood",
            docs: vec![
                ("a.txt", None, FLOOD_A),
                ("b.txt", None, FLOOD_B),
                ("c.txt", None, FLOOD_C),
            ],
            together: vec![vec!["a.txt", "b.txt", "c.txt"]],
        },
        Case {
            name: "a lone article has no story",
            docs: vec![("a.txt", None, FLOOD_A), ("q.txt", None, QUAKE_2)],
            together: vec![],
        },
        Case {
            name: "the same place a year apart is another story",
            docs: vec![
                ("a.txt", Some("2025-06-08"), FLOOD_A),
                ("b.txt", Some("2026-06-09"), FLOOD_B),
            ],
            together: vec![],
        },
        Case {
            name: "dated a day apart stays together",
            docs: vec![
                ("a.txt", Some("2026-06-08"), FLOOD_A),
                ("b.txt", Some("2026-06-09"), FLOOD_B),
            ],
            together: vec![vec!["a.txt", "b.txt"]],
        },
        Case {
            name: "empty and odd articles are alone and do not panic",
            docs: vec![
                ("a.txt", None, ""),
                ("b.txt", None, "   \n\n  "),
                ("c.txt", None, "12 12 12 ¿¡ 🙂"),
                ("d.txt", None, "12 12 12 ¿¡ 🙂"),
            ],
            together: vec![],
        },
    ];
    for case in cases {
        let found = stories(case.docs.clone());
        for (key, id) in &found {
            let group = case.together.iter().find(|g| g.contains(&key.as_str()));
            match group {
                None => {
                    assert_eq!(id, &None, "{}: {key} should be alone: {found:?}", case.name)
                }
                Some(g) => {
                    assert!(id.is_some(), "{}: {key} has no story: {found:?}", case.name);
                    for other in g {
                        assert_eq!(
                            &id_of(&found, other),
                            id,
                            "{}: {key} vs {other}: {found:?}",
                            case.name
                        );
                    }
                }
            }
        }
        let distinct: std::collections::BTreeSet<_> =
            found.iter().filter_map(|(_, s)| s.clone()).collect();
        assert_eq!(
            distinct.len(),
            case.together.len(),
            "{}: {found:?}",
            case.name
        );
    }
}

#[test]
fn ids_follow_the_first_article_of_each_story() {
    let found = stories(vec![
        ("1.txt", None, QUAKE_2),
        ("2.txt", None, FLOOD_A),
        ("3.txt", None, QUAKE_2B),
        ("4.txt", None, FLOOD_B),
    ]);
    assert_eq!(id_of(&found, "1.txt").as_deref(), Some("s1"));
    assert_eq!(id_of(&found, "2.txt").as_deref(), Some("s2"));
}

#[test]
fn shared_people_pull_articles_together() {
    let docs = sorted(vec![
        article(
            "a.txt",
            None,
            None,
            "Talks on the harbour dredging plan stalled again after a long session.",
        )
        .build(),
        article(
            "b.txt",
            None,
            None,
            "The dredging plan for the harbour was debated late into the evening.",
        )
        .build(),
    ]);
    let entity = |id: &str| Entity {
        id: id.to_string(),
        name: id.to_string(),
        roles: vec![],
        mentions: vec![(0, 0), (1, 0)],
        description: None,
    };
    let with = group(&docs, &[entity("p-odile-marsh"), entity("p-kwame-osei")]);
    assert!(with[0].is_some() && with[0] == with[1], "{with:?}");
}

#[test]
fn titles_count() {
    let docs = sorted(vec![
        article("a.txt", None, None, "Crews worked through the night.")
            .title("Kelmora clock tower falls in Vashti valley earthquake")
            .build(),
        article("b.txt", None, None, "Residents slept outside.")
            .title("Earthquake topples Kelmora clock tower, Vashti valley shaken")
            .build(),
    ]);
    let ids = group(&docs, &[]);
    assert!(ids[0].is_some() && ids[0] == ids[1], "{ids:?}");
}

#[test]
fn candidate_pairs_stay_linear_on_many_unrelated_articles() {
    // 3,000 articles, each sharing a couple of rare words with its neighbours only.
    let docs: Vec<Doc> = (0..3000)
        .map(|i| {
            let body = format!(
                "Zeta{i} and Zeta{j} met Kappa{i} at Omega{j} while Sigma{k} watched Delta{k}.",
                j = i / 2,
                k = i / 3
            );
            article(&format!("{i:05}.txt"), None, None, &body).build()
        })
        .collect();
    let vectors = tfidf_vectors(&docs, &[]);
    let graph = neighbour_graph(&vectors, &vec![None; docs.len()]);
    assert!(
        graph.edges.len() <= 3 * docs.len(),
        "{} pairs",
        graph.edges.len()
    );
}

#[test]
fn a_lone_article_joins_the_story_it_is_clearly_closest_to() {
    struct Case {
        name: &'static str,
        edges: Vec<(usize, usize, f64)>,
        joins: bool,
    }
    // 0,1,2 form a story; 3 is the lone article; 4,5 another story
    let story = vec![(0, 1, 0.5), (1, 2, 0.5), (0, 2, 0.5), (4, 5, 0.6)];
    let with = |extra: &[(usize, usize, f64)]| {
        let mut e = story.clone();
        e.extend_from_slice(extra);
        e
    };
    let cases = vec![
        Case {
            name: "weak but clear",
            edges: with(&[(3, 0, 0.12), (3, 1, 0.1), (3, 2, 0.1)]),
            joins: true,
        },
        Case {
            name: "too weak",
            edges: with(&[(3, 0, 0.05), (3, 1, 0.05)]),
            joins: false,
        },
        Case {
            name: "torn between two stories",
            edges: with(&[
                (3, 0, 0.15),
                (3, 1, 0.15),
                (3, 2, 0.15),
                (3, 4, 0.1),
                (3, 5, 0.1),
            ]),
            joins: false,
        },
    ];
    for c in cases {
        let clusters = attach_singletons(
            6,
            average_link(6, &c.edges, THRESHOLD),
            &c.edges,
            ATTACH_THRESHOLD,
        );
        let joined = clusters.iter().any(|m| m.contains(&3));
        assert_eq!(joined, c.joins, "{}: {clusters:?}", c.name);
    }
}

#[test]
fn average_link_does_not_chain_through_one_bridge() {
    // 0-1 close, 2-3 close, 1-2 bridged once: average link keeps two groups.
    let edges = [(0, 1, 0.9), (2, 3, 0.9), (1, 2, 0.5)];
    let clusters = average_link(4, &edges, 0.3);
    assert_eq!(clusters.len(), 2, "{clusters:?}");
}

#[test]
fn a_story_reprinted_by_hundreds_of_outlets_stays_one_story() {
    // More reprints than any posting list pairs in full and than the neighbours kept per
    // article: the story comes out of average link in fragments, which must merge, while
    // a second mass story with other words stays apart.
    let wire = "A chemical fire tore through the Vashti refinery outside Kelmora on Monday. Governor Idris Falk said the Kelmora hospital treated dozens of workers. Crews from Tarnport and the Oren estuary fought the blaze at the Vashti refinery until dawn.";
    let other = "Floodwater swept through Puerto Claro after the Rio Verde burst its banks. Mayor Ana Ruiz opened the Linden School shelter. Rescue boats from Dunmore reached the Santa Lucia district before the Rio Verde crested.";
    let mut docs = Vec::new();
    for i in 0..(2 * FULL_POSTINGS + 2 * NEIGHBOURS) {
        let (kind, text) = if i % 3 == 2 {
            ("flood", other)
        } else {
            ("fire", wire)
        };
        let body = format!("{text} Reporter{i} filed from desk{i}.");
        docs.push(article(&format!("{kind}-{i:04}.txt"), None, None, &body).build());
    }
    let docs = sorted(docs);
    let ids = group(&docs, &[]);
    let story_of = |kind: &str| -> Vec<Option<String>> {
        let mut s: Vec<Option<String>> = docs
            .iter()
            .zip(&ids)
            .filter(|(d, _)| d.key.starts_with(kind))
            .map(|(_, id)| id.clone())
            .collect();
        s.dedup();
        s
    };
    let (fire, flood) = (story_of("fire"), story_of("flood"));
    assert!(fire.len() == 1 && fire[0].is_some(), "fire split: {fire:?}");
    assert!(
        flood.len() == 1 && flood[0].is_some(),
        "flood split: {flood:?}"
    );
    assert_ne!(fire, flood);
}

#[test]
fn fragments_of_one_story_merge_and_distinct_events_do_not() {
    // Three crowded fragments: 0-1 and 2-3 hold near-identical articles, 4-5 another event.
    let v = |terms: &[(u32, f32)]| -> Vector {
        let norm = terms.iter().map(|t| t.1 * t.1).sum::<f32>().sqrt();
        terms.iter().map(|&(id, w)| (id, w / norm)).collect()
    };
    let vectors = vec![
        v(&[(1, 1.0), (2, 1.0), (3, 1.0)]),
        v(&[(1, 1.0), (2, 1.0), (3, 0.9)]),
        v(&[(1, 1.0), (2, 0.9), (3, 1.0)]),
        v(&[(1, 0.9), (2, 1.0), (3, 1.0)]),
        v(&[(1, 0.3), (7, 1.0), (8, 1.0)]),
        v(&[(1, 0.3), (7, 1.0), (8, 0.9)]),
    ];
    let graph = Graph {
        edges: vec![
            (0, 1, 1.0),
            (1, 2, 0.9),
            (2, 3, 1.0),
            (3, 4, 0.1),
            (4, 5, 1.0),
        ],
        crowded: vec![true; 6],
    };
    let clusters = vec![vec![0, 1], vec![2, 3], vec![4, 5]];
    let mut merged = merge_fragments(clusters, &graph, &vectors, &[None; 6]);
    merged.iter_mut().for_each(|c| c.sort_unstable());
    merged.sort();
    assert_eq!(merged, vec![vec![0, 1, 2, 3], vec![4, 5]]);
}

#[test]
fn the_token_table_finds_each_token_it_stored() {
    // short and long tokens, tokens sharing their first 8 bytes, enough to grow the table
    let mut words: Vec<String> = (0..5000).map(|i| format!("w{i}")).collect();
    words.extend((0..3000).map(|i| format!("abcdefgh{i}")));
    words.extend((0..300).map(|i| format!("abcdefghijklmnopq{i}xyz")));
    words.push("abcdefgh".into());
    let text = words.join(" ");
    let mut spans = Vec::new();
    let mut at = 0;
    for w in &words {
        spans.push((at, at + w.len()));
        at += w.len() + 1;
    }
    let mut table = TokenTable::default();
    let b = text.as_bytes();
    for (k, &(a, z)) in spans.iter().enumerate() {
        assert_eq!(table.get(b, a, z), None, "{}", &text[a..z]);
        table.insert(b, a, z, k as u32, (k % 4) as u32);
    }
    assert_eq!(table.len(), words.len());
    for (k, &(a, z)) in spans.iter().enumerate() {
        assert_eq!(
            table.get(b, a, z),
            Some((k as u32, (k % 4) as u32)),
            "{}",
            &text[a..z]
        );
    }
    // the same bytes elsewhere (here: at the very end of a text) are the same token
    let end = "x abcdefgh";
    assert_eq!(
        table.get(end.as_bytes(), 2, end.len()),
        Some((words.len() as u32 - 1, (words.len() as u32 - 1) % 4))
    );
    assert_eq!(table.get(end.as_bytes(), 2, 9), None);
}

/// Average link by its definition: each step merges the two clusters of highest mean
/// pairwise similarity (the lower-numbered pair on ties), over all pairs, in O(n³).
fn average_link_by_definition(
    n: usize,
    edges: &[(usize, usize, f64)],
    threshold: f64,
) -> Vec<Vec<usize>> {
    let mut sim = vec![vec![0.0f64; n]; n];
    for &(a, b, s) in edges {
        sim[a][b] += s;
        sim[b][a] += s;
    }
    let mut clusters: Vec<Vec<usize>> = (0..n).map(|i| vec![i]).collect();
    loop {
        let mut best: Option<(f64, usize, usize)> = None;
        for a in 0..n {
            for b in a + 1..n {
                if clusters[a].is_empty() || clusters[b].is_empty() {
                    continue;
                }
                let sum: f64 = clusters[a]
                    .iter()
                    .flat_map(|&i| clusters[b].iter().map(move |&j| (i, j)))
                    .map(|(i, j)| sim[i][j])
                    .sum();
                let avg = sum / (clusters[a].len() * clusters[b].len()) as f64;
                if best.is_none_or(|(m, _, _)| avg > m) {
                    best = Some((avg, a, b));
                }
            }
        }
        match best {
            Some((avg, a, b)) if avg >= threshold => {
                let moved = std::mem::take(&mut clusters[b]);
                clusters[a].extend(moved);
            }
            _ => break,
        }
    }
    let mut out: Vec<Vec<usize>> = clusters.into_iter().filter(|c| c.len() >= 2).collect();
    for c in &mut out {
        c.sort_unstable();
    }
    out.sort();
    out
}

proptest::proptest! {
    /// Clustering each component of the strong edges on its own gives exactly what one
    /// pass over the whole graph gives: the same clusters, members in the same order, the
    /// clusters in the same order (weights arbitrary, so the sums' order matters too).
    #[test]
    fn average_link_by_components_is_one_pass(
        n in 2usize..40,
        raw in proptest::collection::vec((0usize..40, 0usize..40, 0.0f64..1.0), 0..120),
    ) {
        let edges: Vec<(usize, usize, f64)> = raw
            .into_iter()
            .filter(|&(a, b, _)| a < n && b < n)
            .collect();
        proptest::prop_assert_eq!(
            average_link(n, &edges, THRESHOLD),
            average_link_within(n, &edges, THRESHOLD)
        );
    }

    /// The incremental clustering (sorted link lists, a heap of candidates) merges what
    /// the definition merges. Weights are multiples of 1/8, so sums are exact in any order
    /// and ties are real ties.
    #[test]
    fn average_link_merges_as_its_definition(
        n in 2usize..24,
        raw in proptest::collection::vec((0usize..24, 0usize..24, 0u32..9), 0..80),
    ) {
        let mut edges: Vec<(usize, usize, f64)> = raw
            .into_iter()
            .filter(|&(a, b, _)| a < n && b < n && a != b)
            .map(|(a, b, w)| (a.min(b), a.max(b), f64::from(w) / 8.0))
            .collect();
        edges.sort_by_key(|e| (e.0, e.1));
        edges.dedup_by(|x, y| (x.0, x.1) == (y.0, y.1));
        let mut got = average_link(n, &edges, THRESHOLD);
        for c in &mut got {
            c.sort_unstable();
        }
        got.sort();
        proptest::prop_assert_eq!(got, average_link_by_definition(n, &edges, THRESHOLD));
    }
}

proptest::proptest! {
    /// Moving a link in place gives the list that removing `b`'s entry and then updating
    /// or inserting `a`'s gives, sums bit for bit.
    #[test]
    fn relinking_in_place_is_remove_then_insert(
        ids in proptest::collection::btree_set(0u32..30, 0..20),
        weights in proptest::collection::vec(-1.0f64..1.0, 20),
        a in 0u32..30,
        b in 0u32..30,
        s in -1.0f64..1.0,
    ) {
        proptest::prop_assume!(a != b);
        let list: Vec<(u32, f64)> = ids.into_iter().zip(weights).collect();
        let mut naive = list.clone();
        if let Ok(k) = naive.binary_search_by_key(&b, |e| e.0) {
            naive.remove(k);
        }
        match naive.binary_search_by_key(&a, |e| e.0) {
            Ok(k) => naive[k].1 += s,
            Err(k) => naive.insert(k, (a, 0.0 + s)),
        }
        let mut moved = list;
        relink(&mut moved, b, a, s);
        let bits = |l: &[(u32, f64)]| l.iter().map(|&(i, w)| (i, w.to_bits())).collect::<Vec<_>>();
        proptest::prop_assert_eq!(bits(&moved), bits(&naive));
    }
}

proptest::proptest! {
    /// Candidates made from the strong sets merge exactly what candidates made from every
    /// link merge, for any weights (duplicate edges, sums just under the threshold) and
    /// thresholds above 0.
    #[test]
    fn strong_sets_merge_as_every_link(
        n in 2usize..40,
        raw in proptest::collection::vec((0usize..40, 0usize..40, 0.0f64..1.0), 0..160),
        threshold in 0.05f64..0.9,
    ) {
        let edges: Vec<(usize, usize, f64)> = raw
            .into_iter()
            .filter(|&(a, b, _)| a < n && b < n)
            .collect();
        for t in [threshold, THRESHOLD] {
            proptest::prop_assert_eq!(
                average_link_within_by(n, &edges, t, true),
                average_link_within_by(n, &edges, t, false)
            );
        }
    }
}

/// Reprints of one report, each close to the forty before it, joined into a cluster that
/// grows to most of them: the strong sets give the clusters every link gives.
#[test]
fn a_growing_cluster_merges_as_every_link() {
    let n = 200;
    let mut edges = Vec::new();
    for i in 0..n {
        for j in i + 1..n.min(i + 40) {
            edges.push((i, j, 0.5 + ((i * j) % 10) as f64 * 0.04));
        }
    }
    let by_strong = average_link_within_by(n, &edges, THRESHOLD, true);
    assert_eq!(
        by_strong,
        average_link_within_by(n, &edges, THRESHOLD, false)
    );
    let largest = by_strong.iter().map(Vec::len).max().unwrap_or(0);
    assert!(largest > 40, "{by_strong:?}");
}
