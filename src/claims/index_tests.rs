//! `ClaimIndex::update_doc` against a cold `find` on the edited docs.

use super::testkit::{article, sorted};
use super::*;
use crate::quotes::QuoteKind::Direct;

const BRIDGE: &str = "The Arroyo Seco bridge was closed to traffic after engineers found deep cracks in two pillars.";
const FERRY: &str = "Ferry services across the bay will double their sailings from Monday morning.";
const DEAD7: &str =
    "Rescuers said 7 people were killed when the Kelmora market hall roof collapsed on Tuesday.";
const DEAD9: &str =
    "Rescuers said 9 people were killed when the Kelmora market hall roof collapsed on Tuesday.";
const DEAD: &str =
    "Rescuers said people were killed when the Kelmora market hall roof collapsed on Tuesday.";
const OTHER: &str = "A harvest festival in Greymouth drew large crowds despite the light rain.";
const LONE: &str = "Volunteers from three neighbouring towns filled sandbags through the night along the eastern levee.";
const LONE_CUT: &str = "Volunteers filled sandbags through the night along the eastern levee.";
const REWORDED: &str = "Nobody could say when traffic would flow again over the old crossing.";

fn doc(key: &str, outlet: &str, published: &str, body: &str) -> Doc {
    article(key, Some(outlet), Some(published), body).build()
}

fn workspace() -> Vec<Doc> {
    sorted(vec![
        doc(
            "a.txt",
            "Valley Herald",
            "2026-06-08",
            &format!("{BRIDGE} {OTHER} {LONE}"),
        ),
        doc(
            "b.txt",
            "Coast Daily",
            "2026-06-09",
            &format!("{BRIDGE} {DEAD7}"),
        ),
        doc(
            "c.txt",
            "Hill Times",
            "2026-06-10",
            &format!("{FERRY} {DEAD7}"),
        ),
        doc(
            "d.txt",
            "Bay Courier",
            "2026-06-11",
            &format!("{OTHER} {FERRY}"),
        ),
        doc("e.txt", "Delta Post", "2026-06-12", DEAD),
    ])
}

/// Apply `edit` to doc `i` through the index and check it against a cold run.
fn check(name: &str, mut docs: Vec<Doc>, i: usize, edit: Doc) -> (Vec<Claim>, Vec<Claim>) {
    let config = Config::default();
    let (before, mut index) = find_indexed(&docs, &config);
    assert_eq!(before, find(&docs, &config), "{name}: find_indexed = find");
    docs[i] = edit;
    let updated = index.update_doc(&docs, i);
    let cold = find(&docs, &config);
    assert_eq!(updated, cold, "{name}: update ≠ cold find");
    (before, updated)
}

fn texts(docs: &[Doc], c: &Claim) -> Vec<String> {
    c.occurrences
        .iter()
        .map(|o| format!("{}|{}", docs[o.doc].key, o.span.slice(&docs[o.doc].text)))
        .collect()
}

#[test]
fn updates_equal_a_cold_run() {
    let ws = workspace();
    // a sentence made to repeat another outlet's claim: a new claim
    let (before, after) = check(
        "new repeat",
        ws.clone(),
        3,
        doc(
            "d.txt",
            "Bay Courier",
            "2026-06-11",
            &format!("{OTHER} {FERRY} {LONE_CUT}"),
        ),
    );
    assert_eq!(after.len(), before.len() + 1);
    assert!(after.iter().any(|c| c.text == LONE));
    // a sentence made to repeat a claim: one occurrence more
    let (_, after) = check(
        "one more repeat",
        ws.clone(),
        3,
        doc(
            "d.txt",
            "Bay Courier",
            "2026-06-11",
            &format!("{OTHER} {FERRY} {BRIDGE}"),
        ),
    );
    let bridge = after
        .iter()
        .find(|c| c.text == BRIDGE)
        .expect("bridge claim");
    assert_eq!(bridge.occurrences.len(), 3);

    // reworded beyond recognition: the occurrence goes, and with it the claim
    let (before, after) = check(
        "reworded",
        ws.clone(),
        1,
        doc(
            "b.txt",
            "Coast Daily",
            "2026-06-09",
            &format!("{REWORDED} {DEAD7}"),
        ),
    );
    assert!(before.iter().any(|c| c.text == BRIDGE));
    assert!(!after.iter().any(|c| c.text == BRIDGE));

    // only a number changes: the claim splits
    let (before, after) = check(
        "number",
        ws.clone(),
        2,
        doc(
            "c.txt",
            "Hill Times",
            "2026-06-10",
            &format!("{FERRY} {DEAD9}"),
        ),
    );
    let dead = |cs: &[Claim]| cs.iter().filter(|c| c.text.contains("Kelmora")).count();
    assert!(dead(&before) >= 1 && dead(&after) >= 1);

    // the source article edited: the source moves to the next earliest
    let (_, after) = check(
        "source edited",
        ws.clone(),
        0,
        doc("a.txt", "Valley Herald", "2026-06-08", OTHER),
    );
    assert!(!after.iter().any(|c| c.text == BRIDGE));
    let (_, after) = check(
        "source re-dated",
        ws.clone(),
        0,
        doc(
            "a.txt",
            "Valley Herald",
            "2026-06-20",
            &format!("{BRIDGE} {OTHER} {LONE}"),
        ),
    );
    let bridge = after
        .iter()
        .find(|c| c.text == BRIDGE)
        .expect("bridge claim");
    assert_eq!(bridge.source.doc, 1, "{:?}", texts(&ws, bridge));

    // an edit elsewhere in the article: the claims stay (their spans shift)
    let (before, after) = check(
        "elsewhere",
        ws.clone(),
        1,
        doc(
            "b.txt",
            "Coast Daily",
            "2026-06-09",
            &format!("Update: {BRIDGE} {DEAD7} {OTHER}"),
        ),
    );
    assert_eq!(
        before.iter().map(|c| &c.id).collect::<Vec<_>>(),
        after.iter().map(|c| &c.id).collect::<Vec<_>>()
    );

    // the outlet changes: two articles of one outlet repeat nothing
    check(
        "outlet",
        ws.clone(),
        1,
        doc(
            "b.txt",
            "Valley Herald",
            "2026-06-09",
            &format!("{BRIDGE} {DEAD7}"),
        ),
    );
    // the numberless sentence loses its number-bearing partner, then gains another
    check(
        "number chain",
        ws.clone(),
        4,
        doc("e.txt", "Delta Post", "2026-06-12", DEAD9),
    );
    check(
        "emptied",
        ws.clone(),
        2,
        doc("c.txt", "Hill Times", "2026-06-10", ""),
    );
    // a quote that stands for its sentence
    check(
        "quote",
        ws,
        3,
        article(
            "d.txt",
            Some("Bay Courier"),
            Some("2026-06-11"),
            "\"Ferry services across the bay will double their sailings from Monday morning,\" the harbour master said.",
        )
        .quote("Ferry services across the bay will double their sailings from Monday morning", Direct, false)
        .build(),
    );
}

/// Many random edits to a small workspace of recombined sentences: every update equals
/// a cold run.
#[test]
fn random_edits_equal_cold_runs() {
    let pool = [BRIDGE, FERRY, DEAD7, DEAD9, DEAD, OTHER, REWORDED, LONE, LONE_CUT,
        "The Arroyo Seco bridge was closed after engineers found deep cracks in two of its pillars.",
        "Ferry services across the bay will double sailings from Monday.",
        "Engineers found deep cracks in two pillars of the Arroyo Seco bridge on Sunday night."];
    let outlets = ["Valley Herald", "Coast Daily", "Hill Times", "Bay Courier"];
    let mut seed: u64 = 7;
    let mut next = |n: usize| {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((seed >> 33) as usize) % n
    };
    let body = |next: &mut dyn FnMut(usize) -> usize| {
        (0..1 + next(3))
            .map(|_| pool[next(pool.len())])
            .collect::<Vec<_>>()
            .join(" ")
    };
    let make = |k: usize, outlet: &str, day: usize, text: &str| {
        doc(
            &format!("d{k:02}.txt"),
            outlet,
            &format!("2026-06-{:02}", 1 + day),
            text,
        )
    };
    let mut docs: Vec<Doc> = (0..12)
        .map(|k| {
            let text = body(&mut next);
            make(k, outlets[next(outlets.len())], next(9), &text)
        })
        .collect();
    let config = Config::default();
    let (_, mut index) = find_indexed(&docs, &config);
    let mut sizes = Vec::new();
    for step in 0..300 {
        let i = next(docs.len());
        let text = body(&mut next);
        docs[i] = make(i, outlets[next(outlets.len())], next(9), &text);
        let updated = index.update_doc(&docs, i);
        index.check();
        assert_eq!(
            updated,
            find(&docs, &config),
            "step {step}: doc {i}: {:?}",
            docs.iter()
                .map(|d| (d.outlet().map(str::to_string), d.text.to_string()))
                .collect::<Vec<_>>()
        );
        sizes.push(updated.len());
    }
    // the edits made and unmade claims
    assert!(sizes.iter().max() > sizes.iter().min(), "{sizes:?}");
    assert!(sizes.iter().any(|&n| n >= 4), "{sizes:?}");
}
