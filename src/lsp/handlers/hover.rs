//! Hover cards (markdown) for a person, a figure or a repeated claim under the cursor.

use super::values::{plural, short};
use crate::disagreements::FigureRef;
use crate::figures::describe_value;
use crate::lsp::snapshot::{Snapshot, Target};
use std::collections::BTreeMap;
use std::fmt::Write;

/// The markdown card for the first target under the cursor that has one.
pub fn card(snap: &Snapshot, targets: &[Target]) -> Option<String> {
    targets.iter().find_map(|t| match *t {
        Target::Figure(f) => figure_card(snap, f),
        Target::Person(doc, m) => person_card(snap, doc, m),
        Target::Claim(c, o) => claim_card(snap, c, o),
        Target::Quote(doc, q) => quote_card(snap, doc, q),
    })
}

/// Who said a quote that no other outlet repeats.
pub fn quote_card(snap: &Snapshot, doc: usize, quote: usize) -> Option<String> {
    let d = snap.analysis.docs.get(doc)?;
    let q = d.facts.quotes.get(quote)?;
    let speaker = q
        .speaker
        .map(|m| m as usize)
        .and_then(|m| {
            let e = snap.entity_of(doc, m);
            e.and_then(|e| snap.analysis.entities.get(e))
                .map(|e| e.name.clone())
                .or_else(|| d.facts.people.get(m).map(|p| p.full_name.to_string()))
        })
        .or_else(|| q.speaker_text.as_deref().map(str::to_string));
    let mut md = match speaker {
        Some(s) => format!("**Quote** — {s}"),
        None => "**Quote**".to_string(),
    };
    let _ = write!(
        md,
        " ({}, {})\n\n> {}\n\nNo other outlet repeats it.",
        snap.outlet_label(doc),
        snap.date_label(doc),
        short(q.span.slice(&d.text), 200)
    );
    Some(md)
}

/// Name, description, roles per outlet, articles with mention counts, short quotes.
pub fn person_card(snap: &Snapshot, doc: usize, mention: usize) -> Option<String> {
    let facts = &snap.analysis.docs.get(doc)?.facts;
    let m = facts.people.get(mention)?;
    let mut md = String::new();
    let Some(e) = snap.entity_of(doc, mention) else {
        // A mention the workspace could not merge: what this article says.
        let _ = write!(md, "**{}**", m.full_name);
        if let Some(role) = &m.role {
            let _ = write!(md, " — {role}");
        }
        return Some(md);
    };
    let entity = snap.analysis.entities.get(e)?;
    let _ = writeln!(md, "**{}**", entity.name);
    if let Some(desc) = &entity.description {
        let _ = writeln!(md, "\n{desc}");
    }
    let mut roles: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (d, role) in &entity.roles {
        let list = roles.entry(snap.outlet_label(*d)).or_default();
        if !list.contains(role) {
            list.push(role.clone());
        }
    }
    if !roles.is_empty() {
        let _ = writeln!(md, "\n**Roles**");
        for (outlet, list) in &roles {
            let _ = writeln!(md, "- {outlet}: {}", list.join(", "));
        }
    }
    let mut per_doc: BTreeMap<usize, usize> = BTreeMap::new();
    for &(d, _) in &entity.mentions {
        *per_doc.entry(d).or_default() += 1;
    }
    let _ = writeln!(
        md,
        "\n**Mentioned in {}**",
        plural(per_doc.len(), "article")
    );
    let mut docs: Vec<usize> = per_doc.keys().copied().collect();
    docs.sort_by_key(|&d| snap.chronological_key(d));
    for &d in docs.iter().take(MAX_OTHERS_LISTED) {
        let _ = writeln!(
            md,
            "- {} ({}): {}",
            snap.outlet_label(d),
            snap.date_label(d),
            plural(per_doc[&d], "mention")
        );
    }
    if docs.len() > MAX_OTHERS_LISTED {
        let _ = writeln!(md, "- … and {} more", docs.len() - MAX_OTHERS_LISTED);
    }
    let quotes = quotes_of(snap, e, &docs, 3);
    if !quotes.is_empty() {
        let _ = writeln!(md, "\n**Quotes**");
        for (d, q, direct) in quotes {
            // Only words inside quotation marks are shown as a quote; reported speech is
            // the outlet's paraphrase, shown as such.
            if direct {
                let _ = writeln!(md, "- “{}” — {}", q, snap.outlet_label(d));
            } else {
                let _ = writeln!(md, "- {} _(reported)_ — {}", q, snap.outlet_label(d));
            }
        }
    }
    Some(md.trim_end().to_string())
}

/// Up to `max` short quotes spoken by an entity, earliest articles first: (doc, text,
/// whether it is a direct quote). `docs`: the articles mentioning it, earliest first (a
/// quote's speaker is a mention in its article).
fn quotes_of(
    snap: &Snapshot,
    entity: usize,
    docs: &[usize],
    max: usize,
) -> Vec<(usize, String, bool)> {
    let mut out: Vec<(usize, String, bool)> = Vec::new();
    for &d in docs {
        let Some(doc) = snap.analysis.docs.get(d) else {
            continue;
        };
        for q in &doc.facts.quotes {
            let by_entity = q
                .speaker
                .is_some_and(|s| snap.entity_of(d, s as usize) == Some(entity));
            if !by_entity {
                continue;
            }
            let text = short(q.span.slice(&doc.text), 100);
            if !text.is_empty() && !out.iter().any(|(_, t, _)| *t == text) {
                out.push((d, text, q.kind == crate::quotes::QuoteKind::Direct));
                if out.len() == max {
                    return out;
                }
            }
        }
    }
    out
}

/// Value, subject, hedge, baseline, and every other outlet's figure of the same subject in
/// the story with an agree / disagree mark.
pub fn figure_card(snap: &Snapshot, f: FigureRef) -> Option<String> {
    let figure = snap.figure(f)?;
    let mut md = String::new();
    let _ = writeln!(md, "**{}** — {}", describe_value(figure), figure.subject);
    let mut facts = Vec::new();
    if figure.hedge != crate::figures::Hedge::Exact {
        facts.push(format!("hedge: {}", hedge_name(figure.hedge)));
    }
    if let Some(b) = &figure.baseline {
        facts.push(format!("baseline: {b}"));
    }
    if let Some(dir) = figure.direction {
        facts.push(format!("direction: {dir:?}").to_lowercase());
    }
    if figure.update {
        facts.push("reported as an update".to_string());
    }
    if !facts.is_empty() {
        let _ = writeln!(md, "\n{}", facts.join(" · "));
    }
    let others: Vec<FigureRef> = snap
        .same_subject(f)
        .into_iter()
        .filter(|g| g.doc != f.doc)
        .collect();
    if others.is_empty() {
        let _ = writeln!(
            md,
            "\nNo other outlet reports a figure of this subject in this story."
        );
    } else {
        let _ = writeln!(md, "\n**Other outlets in this story**");
        let marks = marks_against(snap, f);
        let mark_of = |g: &FigureRef| marks.get(g).copied().unwrap_or(AGREES);
        let mut others: Vec<((i64, usize), FigureRef)> = others
            .into_iter()
            .map(|g| ((snap.chronological_key(g.doc).0, g.figure), g))
            .collect();
        others.sort_by_key(|&((t, i), g)| (t, g.doc, i));
        for (_, g) in others.iter().take(MAX_OTHERS_LISTED) {
            let Some(other) = snap.figure(*g) else {
                continue;
            };
            let _ = writeln!(
                md,
                "- {} {} ({}): “{}” = {}",
                mark_of(g),
                snap.outlet_label(g.doc),
                snap.date_label(g.doc),
                short(other.span.slice(snap.text(g.doc)), 60),
                describe_value(other)
            );
        }
        if others.len() > MAX_OTHERS_LISTED {
            let rest = &others[MAX_OTHERS_LISTED..];
            let agreeing = rest.iter().filter(|(_, g)| mark_of(g) == AGREES).count();
            let _ = writeln!(
                md,
                "- … and {} more: {} agree, {} differ",
                rest.len(),
                agreeing,
                rest.len() - agreeing
            );
        }
    }
    Some(md.trim_end().to_string())
}

/// Other outlets' figures listed one by one in a figure's hover; a wire story reprinted by
/// hundreds of outlets is summed up after them.
const MAX_OTHERS_LISTED: usize = 12;
const AGREES: &str = "✓ agrees";

/// [`mark`] of every figure on another side of one of `f`'s disagreements (the others
/// agree), in one pass over those disagreements.
fn marks_against(
    snap: &Snapshot,
    f: FigureRef,
) -> std::collections::HashMap<FigureRef, &'static str> {
    let mut marks = std::collections::HashMap::new();
    for &i in snap.disagreements_of(f) {
        let d = &snap.analysis.disagreements[i];
        let Some(a) = d.sides.iter().position(|s| s.contains(&f)) else {
            continue;
        };
        let label = if d.rule == "baseline-differs" {
            "≠ (baseline differs)"
        } else {
            "✗ disagrees"
        };
        for (_, side) in d.sides.iter().enumerate().filter(|(b, _)| *b != a) {
            for &g in side {
                marks.entry(g).or_insert(label);
            }
        }
    }
    marks
}

/// ✗ when a disagreement puts the two figures on different sides, ≠ when only the
/// baseline differs, ✓ otherwise.
pub fn mark(snap: &Snapshot, f: FigureRef, g: FigureRef) -> &'static str {
    for &i in snap.disagreements_of(f) {
        let d = &snap.analysis.disagreements[i];
        let side_of = |x: FigureRef| d.sides.iter().position(|s| s.contains(&x));
        if let (Some(a), Some(b)) = (side_of(f), side_of(g)) {
            if a != b {
                return if d.rule == "baseline-differs" {
                    "≠ (baseline differs)"
                } else {
                    "✗ disagrees"
                };
            }
        }
    }
    "✓ agrees"
}

fn hedge_name(h: crate::figures::Hedge) -> &'static str {
    use crate::figures::Hedge::*;
    match h {
        Exact => "exact",
        AtLeast => "at least",
        MoreThan => "more than",
        AtMost => "at most",
        LessThan => "less than",
        UpTo => "up to",
        Nearly => "nearly",
        About => "about",
        Range => "range",
        Alternatives => "alternatives",
        Vague => "vague",
    }
}

/// The source (outlet and date) and the outlets repeating a claim.
pub fn claim_card(snap: &Snapshot, claim: usize, occurrence: usize) -> Option<String> {
    let c = snap.analysis.claims.get(claim)?;
    let here = c.occurrences.get(occurrence)?;
    let mut md = String::new();
    let source_doc = c.source.doc;
    if *here == c.source {
        let _ = writeln!(
            md,
            "**Repeated claim** — this is the source ({}, {})",
            snap.outlet_label(source_doc),
            snap.date_label(source_doc)
        );
    } else {
        let _ = writeln!(
            md,
            "**Repeated claim** — source: {}, {}",
            snap.outlet_label(source_doc),
            snap.date_label(source_doc)
        );
    }
    let _ = writeln!(md, "\n> {}", short(&c.text, 200));
    let repeaters = repeating_outlets(snap, claim);
    if !repeaters.is_empty() {
        let _ = writeln!(md, "\n**Repeated by**");
        for (outlet, date) in repeaters {
            let _ = writeln!(md, "- {outlet} ({date})");
        }
    }
    Some(md.trim_end().to_string())
}

/// (outlet, date) of each article repeating a claim, in publication order, without the
/// source's article.
pub fn repeating_outlets(snap: &Snapshot, claim: usize) -> Vec<(String, String)> {
    let Some(c) = snap.analysis.claims.get(claim) else {
        return Vec::new();
    };
    let mut docs: Vec<usize> = c
        .occurrences
        .iter()
        .map(|o| o.doc)
        .filter(|&d| d != c.source.doc)
        .collect();
    docs.sort_by_key(|&d| snap.chronological_key(d));
    docs.dedup();
    docs.into_iter()
        .map(|d| (snap.outlet_label(d), snap.date_label(d)))
        .collect()
}
