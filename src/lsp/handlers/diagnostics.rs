//! Diagnostics: every figure involved in a disagreement (warning, or information for
//! `baseline-differs`) with the other outlets' figures as related information, and the
//! article's own problems (missing metadata, lossy decoding) as hints.

use super::values::short;
use crate::disagreements::{Disagreement, FigureRef, Severity};
use crate::figures::describe_value;
use crate::lsp::snapshot::Snapshot;
use serde_json::json;
use tower_lsp_server::ls_types::{
    Diagnostic, DiagnosticRelatedInformation, DiagnosticSeverity, NumberOrString, Position, Range,
};

pub const SOURCE: &str = "corroborate";
/// Code of the hint diagnostics for an article's own problems.
pub const ARTICLE_PROBLEM: &str = "article-problem";

/// The diagnostics of one doc, in a stable order (by position, then message).
pub fn for_doc(snap: &Snapshot, doc: usize) -> Vec<Diagnostic> {
    for_docs(snap, &[doc])
        .into_iter()
        .next()
        .map(|(_, d)| d)
        .unwrap_or_default()
}

/// The diagnostics of some docs (in the order given), in one pass over the disagreements.
pub fn for_docs(snap: &Snapshot, docs: &[usize]) -> Vec<(usize, Vec<Diagnostic>)> {
    let mut wanted = vec![false; snap.doc_count()];
    for &d in docs {
        if let Some(w) = wanted.get_mut(d) {
            *w = true;
        }
    }
    let mut all = collect(snap, Some(&wanted));
    docs.iter()
        .filter_map(|&d| Some((d, std::mem::take(all.get_mut(d)?))))
        .collect()
}

/// The diagnostics of every doc (indexed like `snap.analysis.docs`), in one pass over the
/// disagreements.
pub fn all(snap: &Snapshot) -> Vec<Vec<Diagnostic>> {
    collect(snap, None)
}

/// Diagnostics per doc; with `only` (a mask over docs), the other docs' lists stay empty.
fn collect(snap: &Snapshot, only: Option<&[bool]>) -> Vec<Vec<Diagnostic>> {
    let wanted = |doc: usize| only.map_or(true, |o| o.get(doc).copied().unwrap_or(false));
    let mut out: Vec<Vec<Diagnostic>> = vec![Vec::new(); snap.doc_count()];
    for (i, d) in snap.analysis.disagreements.iter().enumerate() {
        if only.is_some() && !d.figures().any(|f| wanted(f.doc)) {
            continue;
        }
        if is_ignored_by_config(snap, d) {
            continue;
        }
        for (side, figures) in d.sides.iter().enumerate() {
            for &f in figures.iter().filter(|f| wanted(f.doc)) {
                let Some(list) = out.get_mut(f.doc) else {
                    continue;
                };
                if let Some(diag) = disagreement_diagnostic(snap, i, d, side, f) {
                    list.push(diag);
                }
            }
        }
    }
    for (doc, list) in out.iter_mut().enumerate().filter(|(d, _)| wanted(*d)) {
        list.extend(problem_diagnostics(snap, doc));
        list.sort_by(|a, b| {
            (a.range.start, a.range.end, &a.message).cmp(&(b.range.start, b.range.end, &b.message))
        });
        list.dedup();
    }
    out
}

/// `[[ignore]]` rules of the configuration (the core may apply them too; applying them
/// here again is harmless and keeps an "ignore" action effective at once).
fn is_ignored_by_config(snap: &Snapshot, d: &Disagreement) -> bool {
    snap.config.ignore.iter().any(|rule| {
        rule.subject == d.subject
            && rule
                .story
                .as_ref()
                .map_or(true, |s| d.story.as_deref() == Some(s.as_str()))
    })
}

fn disagreement_diagnostic(
    snap: &Snapshot,
    index: usize,
    d: &Disagreement,
    side: usize,
    f: FigureRef,
) -> Option<Diagnostic> {
    let doc = snap.analysis.docs.get(f.doc)?;
    let figure = doc.facts.figures.get(f.figure)?;
    if doc.facts.is_ignored(figure) {
        return None;
    }
    let range = snap.lines(f.doc)?.range(figure.span);
    let related: Vec<DiagnosticRelatedInformation> = d
        .sides
        .iter()
        .enumerate()
        .filter(|&(s, _)| s != side)
        .flat_map(|(_, figs)| figs.iter().copied())
        .filter_map(|other| related_figure(snap, other))
        .collect();
    Some(Diagnostic {
        range,
        severity: Some(match d.severity {
            Severity::Warning => DiagnosticSeverity::WARNING,
            Severity::Information => DiagnosticSeverity::INFORMATION,
        }),
        code: Some(NumberOrString::String(d.rule.to_string())),
        source: Some(SOURCE.to_string()),
        message: d.message.clone(),
        related_information: (!related.is_empty()).then_some(related),
        data: Some(json!({
            "disagreement": index,
            "subject": d.subject,
            "story": d.story,
        })),
        ..Default::default()
    })
}

/// "Outlet B (2026-06-09): “9” = 9".
fn related_figure(snap: &Snapshot, f: FigureRef) -> Option<DiagnosticRelatedInformation> {
    let figure = snap.figure(f)?;
    let text = short(figure.span.slice(snap.text(f.doc)), 60);
    Some(DiagnosticRelatedInformation {
        location: snap.location(f.doc, figure.span)?,
        message: format!(
            "{} ({}): “{}” = {}",
            snap.outlet_label(f.doc),
            snap.date_label(f.doc),
            text,
            describe_value(figure)
        ),
    })
}

/// The article's own problems, as hints on its first line.
fn problem_diagnostics(snap: &Snapshot, doc: usize) -> Vec<Diagnostic> {
    let Some(d) = snap.analysis.docs.get(doc) else {
        return Vec::new();
    };
    let first_line_end = d.text.find('\n').unwrap_or(d.text.len());
    let range = snap
        .lines(doc)
        .map(|l| l.range(crate::Span::new(0, first_line_end)))
        .unwrap_or_else(|| Range::new(Position::new(0, 0), Position::new(0, 0)));
    d.facts
        .problems
        .iter()
        .map(|p| Diagnostic {
            range,
            severity: Some(DiagnosticSeverity::HINT),
            code: Some(NumberOrString::String(ARTICLE_PROBLEM.to_string())),
            source: Some(SOURCE.to_string()),
            message: p.clone(),
            ..Default::default()
        })
        .collect()
}
