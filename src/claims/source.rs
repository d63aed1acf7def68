//! The source of a claim and the claim records.

use super::units::{DocUnits, Unit, UnitRef};
use super::{Claim, Occurrence};
use crate::workspace::Doc;
use rayon::prelude::*;
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

/// The outlets of the workspace, folded and sorted (for [`credits_elsewhere`]).
pub(crate) fn outlet_names(docs: &[Doc]) -> Vec<String> {
    let mut outlets: Vec<String> = docs
        .iter()
        .filter_map(|d| d.outlet())
        .map(crate::text::fold)
        .collect();
    outlets.sort();
    outlets.dedup();
    outlets
}

/// Claims from kept clusters (in [`super::cluster::without_redundant`] order), ordered
/// by their source, ids made distinct.
pub(crate) fn ordered(mut out: Vec<Claim>) -> Vec<Claim> {
    // stable, as a sequential sort: the same order
    out.par_sort_by_key(|c| (c.source.doc, c.source.span.start));
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

/// [`ordered`] for shared claims: only a claim whose id must change is copied.
pub(crate) fn ordered_shared(mut out: Vec<std::sync::Arc<Claim>>) -> Vec<std::sync::Arc<Claim>> {
    out.sort_by_key(|c| (c.source.doc, c.source.span.start));
    let dups: Vec<usize> = {
        let mut seen: HashSet<&str> = HashSet::with_capacity(out.len());
        (0..out.len())
            .filter(|&k| !seen.insert(out[k].id.as_str()))
            .collect()
    };
    if dups.is_empty() {
        return out;
    }
    let mut used: HashSet<String> = out.iter().map(|c| c.id.clone()).collect();
    for k in dups {
        let base = out[k].id.clone();
        let mut n = 2;
        let mut id = format!("{base}-{n}");
        while !used.insert(id.clone()) {
            n += 1;
            id = format!("{base}-{n}");
        }
        std::sync::Arc::make_mut(&mut out[k]).id = id;
    }
    out
}

/// The claim record of a cluster (occurrences sorted by doc then offset).
pub(crate) fn claim(
    docs: &[Doc],
    units: &[DocUnits],
    cluster: &[UnitRef],
    outlets: &[String],
) -> Option<Claim> {
    let unit = |r: UnitRef| {
        units
            .get(r.doc as usize)?
            .units
            .get(r.local as usize)
            .copied()
    };
    let source = pick_source(docs, units, cluster, outlets)?;
    let s = unit(source)?;
    let doc = docs.get(source.doc as usize)?;
    let text = s.span().slice(&doc.text).to_string();
    let occurrences: Vec<Occurrence> = cluster
        .iter()
        .filter_map(|&r| {
            Some(Occurrence {
                doc: r.doc as usize,
                span: unit(r)?.span(),
            })
        })
        .collect();
    let stems: Vec<String> = super::words::content_words(&doc.text, s.span())
        .into_iter()
        .map(|w| w.stem)
        .collect();
    Some(Claim {
        id: format!("c-{:010x}", fnv1a(&stems.join(" ")) & 0xff_ffff_ffff),
        text,
        source: Occurrence {
            doc: source.doc as usize,
            span: s.span(),
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
    units: &[DocUnits],
    cluster: &[UnitRef],
    outlets: &[String],
) -> Option<UnitRef> {
    let time = |r: UnitRef| {
        let p = docs.get(r.doc as usize).and_then(|d| d.facts.published());
        (p.is_none(), p.map(|p| p.sort_key()).unwrap_or(0))
    };
    let unit = |r: UnitRef| {
        units
            .get(r.doc as usize)?
            .units
            .get(r.local as usize)
            .copied()
    };
    let earliest = cluster.iter().map(|&r| time(r)).min()?;
    let mut tied: Vec<UnitRef> = cluster
        .iter()
        .copied()
        .filter(|&r| time(r) == earliest)
        .collect();
    tied.sort_by_key(|&r| (r.doc, unit(r).map(|u| u.start)));
    tied.iter()
        .copied()
        .find(|&r| match (docs.get(r.doc as usize), unit(r)) {
            (Some(d), Some(u)) => !credits_elsewhere(d, &u, outlets),
            _ => false,
        })
        .or(tied.first().copied())
}

/// Does the occurrence's sentence credit another outlet ("according to Reuters", "told
/// the news agency")? The quote extractor's own flag counts too.
fn credits_elsewhere(doc: &Doc, unit: &Unit, outlets: &[String]) -> bool {
    let facts = &doc.facts;
    let sentence = facts
        .sentences
        .get(unit.sentence as usize)
        .copied()
        .unwrap_or(unit.span());
    if facts.quotes.iter().any(|q| {
        q.attributed_elsewhere && (q.sentence == unit.sentence || q.span.overlaps(unit.span()))
    }) {
        return true;
    }
    let folded = crate::text::fold(sentence.slice(&doc.text));
    let pairs = BytePairs::of(folded.as_bytes());
    if CREDITS_ELSEWHERE
        .iter()
        .any(|p| pairs.may_contain(p) && folded.contains(p))
    {
        return true;
    }
    let own = doc.outlet().map(crate::text::fold);
    outlets
        .iter()
        .filter(|o| o.len() > 3 && Some(*o) != own.as_ref())
        .any(|o| contains_name(&folded, &pairs, o))
}

/// The byte pairs of a text, as a bit set: a phrase with a pair the text lacks is not in
/// it. Checking that first spares a substring search per workspace outlet name for each
/// occurrence (hundreds of outlets, thousands of claims).
///
/// Each byte is cut to its low six bits (64 × 64 pairs, 512 bytes to clear per sentence
/// instead of 8 KB): distinct pairs may share a bit, which only lets more texts through
/// to the exact search.
struct BytePairs {
    bits: [u64; 64],
}

impl BytePairs {
    fn of(text: &[u8]) -> BytePairs {
        let mut set = BytePairs { bits: [0; 64] };
        for w in text.windows(2) {
            let i = Self::index(w[0], w[1]);
            set.bits[i / 64] |= 1 << (i % 64);
        }
        set
    }

    fn index(a: u8, b: u8) -> usize {
        (a as usize & 63) << 6 | (b as usize & 63)
    }

    /// False only when `needle` cannot be in the text.
    fn may_contain(&self, needle: &str) -> bool {
        needle.as_bytes().windows(2).all(|w| {
            let i = Self::index(w[0], w[1]);
            self.bits[i / 64] & (1 << (i % 64)) != 0
        })
    }
}

/// `hay` (whose byte pairs are `pairs`) contains `name` as whole words.
fn contains_name(hay: &str, pairs: &BytePairs, name: &str) -> bool {
    let name = name.strip_prefix("the ").unwrap_or(name);
    if !pairs.may_contain(name) {
        return false;
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The byte-pair filter never hides a name that is there, and whole-word matching
    /// is unchanged.
    #[test]
    fn names_are_found_as_whole_words() {
        for (hay, name, want) in [
            ("as the valley herald first said", "the valley herald", true),
            ("as the valley heralds said", "valley herald", false),
            ("per coast daily.", "coast daily", true),
            ("per coastdaily", "coast daily", false),
            ("told la voz del río", "la voz del río", true),
            ("a", "ab", false),
            ("", "news", false),
            ("x news", "news", true),
        ] {
            let pairs = BytePairs::of(hay.as_bytes());
            assert_eq!(contains_name(hay, &pairs, name), want, "{hay:?} {name:?}");
            let plain = hay.contains(name.strip_prefix("the ").unwrap_or(name));
            assert!(!plain || pairs.may_contain(name.strip_prefix("the ").unwrap_or(name)));
        }
    }
}
