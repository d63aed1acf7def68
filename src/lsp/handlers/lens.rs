//! Code lenses on repeated claims: "source: Outlet, date · repeated by N outlets".

use super::hover::repeating_outlets;
use crate::lsp::snapshot::Snapshot;
use serde_json::json;
use tower_lsp_server::ls_types::{CodeLens, Command};

/// Server command behind the lenses: answers the claim's occurrences as locations.
pub const CLAIM_COMMAND: &str = "corroborate.claimOccurrences";

pub fn code_lenses(snap: &Snapshot, doc: usize) -> Vec<CodeLens> {
    let Some(lines) = snap.lines(doc) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for &(c, o) in snap.claims_in(doc) {
        let claim = &snap.analysis.claims[c];
        let occ = claim.occurrences[o];
        let mut outlets: Vec<String> = repeating_outlets(snap, c)
            .into_iter()
            .map(|(outlet, _)| outlet)
            .collect();
        outlets.sort();
        outlets.dedup();
        let source = if occ == claim.source {
            "source: this article".to_string()
        } else {
            format!("source: {}", snap.outlet_label(claim.source.doc))
        };
        let title = format!(
            "{}, {} · repeated by {}",
            source,
            snap.date_label(claim.source.doc),
            super::values::plural(outlets.len(), "outlet")
        );
        out.push(CodeLens {
            range: lines.range(occ.span),
            command: Some(Command {
                title,
                command: CLAIM_COMMAND.to_string(),
                arguments: Some(vec![json!({ "claim": claim.id })]),
            }),
            data: None,
        });
    }
    out.sort_by_key(|l| (l.range.start, l.range.end));
    out
}
