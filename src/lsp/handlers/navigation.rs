//! Definition, references and document highlights.
//!
//! Definitions point at the origin of what is under the cursor: a claim or quote → its
//! source occurrence; a person → the first mention with a role in the earliest article
//! naming them; a figure → the same subject's figure in the earliest article of the story.

use crate::disagreements::FigureRef;
use crate::lsp::snapshot::{Snapshot, Target};
use crate::Span;
use tower_lsp_server::ls_types::{DocumentHighlight, DocumentHighlightKind, Location};

/// (doc, span) of the definition of the first target that has one.
pub fn definition(snap: &Snapshot, targets: &[Target]) -> Option<(usize, Span)> {
    targets.iter().find_map(|t| match *t {
        Target::Figure(f) => figure_origin(snap, f),
        Target::Person(doc, m) => person_origin(snap, doc, m),
        Target::Claim(c, _) => {
            let claim = snap.analysis.claims.get(c)?;
            Some((claim.source.doc, claim.source.span))
        }
        Target::Quote(..) => None,
    })
}

fn figure_origin(snap: &Snapshot, f: FigureRef) -> Option<(usize, Span)> {
    let earliest = snap
        .same_subject(f)
        .into_iter()
        .min_by_key(|g| (snap.chronological_key(g.doc), g.figure))?;
    Some((earliest.doc, snap.figure(earliest)?.span))
}

fn person_origin(snap: &Snapshot, doc: usize, mention: usize) -> Option<(usize, Span)> {
    let Some(e) = snap.entity_of(doc, mention) else {
        let m = snap.analysis.docs.get(doc)?.facts.people.get(mention)?;
        return Some((doc, m.span));
    };
    let entity = snap.analysis.entities.get(e)?;
    let first_doc = entity
        .mentions
        .iter()
        .map(|&(d, _)| d)
        .min_by_key(|&d| snap.chronological_key(d))?;
    let people = &snap.analysis.docs.get(first_doc)?.facts.people;
    let mut in_first: Vec<usize> = entity
        .mentions
        .iter()
        .filter(|&&(d, _)| d == first_doc)
        .map(|&(_, m)| m)
        .collect();
    in_first.sort_by_key(|&m| people.get(m).map(|p| p.span));
    let chosen = in_first
        .iter()
        .find(|&&m| people.get(m).is_some_and(|p| p.role.is_some()))
        .or_else(|| {
            in_first
                .iter()
                .find(|&&m| people.get(m).is_some_and(|p| p.name == p.full_name))
        })
        .or(in_first.first())?;
    Some((first_doc, people.get(*chosen)?.span))
}

/// Every (doc, span) related to the first target: all occurrences of a claim, all mentions
/// of a person, all same-subject figures of the story.
pub fn related_spans(snap: &Snapshot, targets: &[Target]) -> Vec<(usize, Span)> {
    let Some(first) = targets
        .iter()
        .find(|t| !matches!(t, Target::Quote(..)))
        .copied()
    else {
        return Vec::new();
    };
    let mut out: Vec<(usize, Span)> = match first {
        Target::Figure(f) => snap
            .same_subject(f)
            .into_iter()
            .filter_map(|g| Some((g.doc, snap.figure(g)?.span)))
            .collect(),
        Target::Person(doc, m) => match snap.entity_of(doc, m) {
            Some(e) => snap.analysis.entities[e]
                .mentions
                .iter()
                .filter_map(|&(d, i)| {
                    Some((d, snap.analysis.docs.get(d)?.facts.people.get(i)?.span))
                })
                .collect(),
            None => {
                let facts = &snap.analysis.docs[doc].facts;
                let name = &facts.people[m].full_name;
                facts
                    .people
                    .iter()
                    .filter(|p| &p.full_name == name)
                    .map(|p| (doc, p.span))
                    .collect()
            }
        },
        Target::Claim(c, _) => snap.analysis.claims[c]
            .occurrences
            .iter()
            .map(|o| (o.doc, o.span))
            .collect(),
        Target::Quote(..) => Vec::new(),
    };
    out.sort();
    out.dedup();
    out
}

pub fn references(snap: &Snapshot, targets: &[Target]) -> Vec<Location> {
    related_spans(snap, targets)
        .into_iter()
        .filter_map(|(d, s)| snap.location(d, s))
        .collect()
}

/// The related spans inside `doc`; the one under the cursor is marked as written.
pub fn highlights(snap: &Snapshot, doc: usize, targets: &[Target]) -> Vec<DocumentHighlight> {
    let Some(lines) = snap.lines(doc) else {
        return Vec::new();
    };
    related_spans(snap, targets)
        .into_iter()
        .filter(|&(d, _)| d == doc)
        .map(|(_, span)| DocumentHighlight {
            range: lines.range(span),
            kind: Some(DocumentHighlightKind::TEXT),
        })
        .collect()
}
