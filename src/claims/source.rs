//! The source of a claim and the claim records.

use super::units::Unit;
use super::{Claim, Occurrence};
use crate::workspace::Doc;
use std::collections::HashSet;

/// Phrases that credit another outlet or agency with the words.
const CREDITS_ELSEWHERE: &[&str] = &[
    "news agency",
    "told the agency",
    "wire service",
    "quoted by",
    "in an interview with",
    "as reported by",
    "first reported",
    "reported by",
    "told local media",
    "told local television",
    "told the newspaper",
    "told the broadcaster",
];

/// Claims from clusters of units, ordered by their source.
pub(crate) fn claims(docs: &[Doc], units: &[Unit], clusters: Vec<Vec<usize>>) -> Vec<Claim> {
    let mut outlets: Vec<String> = docs
        .iter()
        .filter_map(|d| d.outlet())
        .map(crate::text::fold)
        .collect();
    outlets.sort();
    outlets.dedup();
    let mut out: Vec<Claim> = clusters
        .into_iter()
        .filter_map(|c| claim(docs, units, &c, &outlets))
        .collect();
    out.sort_by_key(|c| (c.source.doc, c.source.span.start));
    let mut used: HashSet<String> = HashSet::new();
    for c in &mut out {
        let base = c.id.clone();
        let mut n = 2;
        while !used.insert(c.id.clone()) {
            c.id = format!("{base}-{n}");
            n += 1;
        }
    }
    out
}

fn claim(docs: &[Doc], units: &[Unit], cluster: &[usize], outlets: &[String]) -> Option<Claim> {
    let source = pick_source(docs, units, cluster, outlets)?;
    let s = &units[source];
    let text = s.span.slice(&docs[s.doc].text).to_string();
    let occurrences: Vec<Occurrence> = cluster
        .iter()
        .map(|&u| Occurrence {
            doc: units[u].doc,
            span: units[u].span,
        })
        .collect();
    Some(Claim {
        id: format!("c-{:010x}", fnv1a(&s.words.join(" ")) & 0xff_ffff_ffff),
        text,
        source: Occurrence {
            doc: s.doc,
            span: s.span,
        },
        occurrences,
    })
}

/// The source: the earliest occurrence. Dated before undated, then publication time (a
/// date alone counts as the start of its day, as [`crate::dates::DateTime::sort_key`]),
/// then, on a tie, an occurrence crediting another outlet after one that does not, then
/// the article's key (docs are sorted by key), then the offset. Crediting is checked
/// only among the tied earliest occurrences, so a claim reprinted a thousand times costs
/// one pass.
fn pick_source(
    docs: &[Doc],
    units: &[Unit],
    cluster: &[usize],
    outlets: &[String],
) -> Option<usize> {
    let time = |u: usize| {
        let p = docs[units[u].doc].facts.published();
        (p.is_none(), p.map(|p| p.sort_key()).unwrap_or(0))
    };
    let earliest = cluster.iter().map(|&u| time(u)).min()?;
    let mut tied: Vec<usize> = cluster
        .iter()
        .copied()
        .filter(|&u| time(u) == earliest)
        .collect();
    tied.sort_by_key(|&u| (units[u].doc, units[u].span.start));
    tied.iter()
        .copied()
        .find(|&u| !credits_elsewhere(&docs[units[u].doc], &units[u], outlets))
        .or(tied.first().copied())
}

/// Does the occurrence's sentence credit another outlet ("according to Reuters", "told
/// the news agency")? The quote extractor's own flag counts too.
fn credits_elsewhere(doc: &Doc, unit: &Unit, outlets: &[String]) -> bool {
    let facts = &doc.facts;
    let sentence = facts
        .sentences
        .get(unit.sentence)
        .copied()
        .unwrap_or(unit.span);
    if facts.quotes.iter().any(|q| {
        q.attributed_elsewhere && (q.sentence == unit.sentence || q.span.overlaps(unit.span))
    }) {
        return true;
    }
    let folded = crate::text::fold(sentence.slice(&doc.text));
    if CREDITS_ELSEWHERE.iter().any(|p| folded.contains(p)) {
        return true;
    }
    let own = doc.outlet().map(crate::text::fold);
    outlets
        .iter()
        .filter(|o| o.len() > 3 && Some(*o) != own.as_ref())
        .any(|o| contains_name(&folded, o))
}

/// `hay` contains `name` as whole words.
fn contains_name(hay: &str, name: &str) -> bool {
    let name = name.strip_prefix("the ").unwrap_or(name);
    hay.match_indices(name).any(|(i, _)| {
        let before = hay[..i].chars().next_back();
        let after = hay[i + name.len()..].chars().next();
        !before.is_some_and(|c| c.is_alphanumeric()) && !after.is_some_and(|c| c.is_alphanumeric())
    })
}

/// FNV-1a, 64 bits: a stable hash (std's hasher may change between Rust versions).
fn fnv1a(s: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in s.bytes() {
        h ^= b as u64;
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}
