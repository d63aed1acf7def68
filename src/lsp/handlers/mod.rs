//! Request handlers: pure functions from a [`Snapshot`] and LSP params to LSP results.
//! Unknown documents and positions outside the text give empty results (`None`).

pub mod actions;
pub mod diagnostics;
pub mod hover;
pub mod inlay;
pub mod lens;
pub mod navigation;
pub mod symbols;
pub mod values;

use super::snapshot::{Snapshot, Target};
use tower_lsp_server::ls_types::*;

/// The doc and the targets under a position.
fn targets(snap: &Snapshot, uri: &Uri, pos: Position) -> Option<(usize, Vec<Target>)> {
    let doc = snap.doc_for_uri(uri)?;
    let offset = snap.offset(doc, pos)?;
    let targets = snap.targets_at(doc, offset);
    (!targets.is_empty()).then_some((doc, targets))
}

pub fn hover(snap: &Snapshot, p: HoverParams) -> Option<Hover> {
    let tp = p.text_document_position_params;
    let (doc, targets) = targets(snap, &tp.text_document.uri, tp.position)?;
    let markdown = hover::card(snap, &targets)?;
    let span = match targets.first()? {
        Target::Figure(f) => snap.figure(*f)?.span,
        Target::Person(d, m) => snap.analysis.docs[*d].facts.people.get(*m)?.span,
        Target::Claim(c, o) => snap.analysis.claims[*c].occurrences.get(*o)?.span,
        Target::Quote(d, q) => snap.analysis.docs[*d].facts.quotes.get(*q)?.span,
    };
    Some(Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value: markdown,
        }),
        range: Some(snap.lines(doc)?.range(span)),
    })
}

pub fn definition(snap: &Snapshot, p: GotoDefinitionParams) -> Option<GotoDefinitionResponse> {
    let tp = p.text_document_position_params;
    let (_, targets) = targets(snap, &tp.text_document.uri, tp.position)?;
    let (doc, span) = navigation::definition(snap, &targets)?;
    Some(GotoDefinitionResponse::Scalar(snap.location(doc, span)?))
}

pub fn references(snap: &Snapshot, p: ReferenceParams) -> Option<Vec<Location>> {
    let tp = p.text_document_position;
    let (_, targets) = targets(snap, &tp.text_document.uri, tp.position)?;
    Some(navigation::references(snap, &targets))
}

pub fn document_highlight(
    snap: &Snapshot,
    p: DocumentHighlightParams,
) -> Option<Vec<DocumentHighlight>> {
    let tp = p.text_document_position_params;
    let (doc, targets) = targets(snap, &tp.text_document.uri, tp.position)?;
    Some(navigation::highlights(snap, doc, &targets))
}

pub fn code_lens(snap: &Snapshot, p: CodeLensParams) -> Option<Vec<CodeLens>> {
    let doc = snap.doc_for_uri(&p.text_document.uri)?;
    Some(lens::code_lenses(snap, doc))
}

pub fn code_action(snap: &Snapshot, p: CodeActionParams) -> Option<CodeActionResponse> {
    let doc = snap.doc_for_uri(&p.text_document.uri)?;
    let ours = |d: &&Diagnostic| d.source.as_deref() == Some(diagnostics::SOURCE);
    let mut diags: Vec<Diagnostic> = p.context.diagnostics.iter().filter(ours).cloned().collect();
    if diags.is_empty() {
        // Clients that do not pass the diagnostics at the cursor still get the actions.
        let lines = snap.lines(doc)?;
        let wanted = lines.span(p.range);
        diags = diagnostics::for_doc(snap, doc)
            .into_iter()
            .filter(|d| {
                let s = lines.span(d.range);
                s.overlaps(wanted) || s.touches(wanted.start)
            })
            .collect();
    }
    Some(actions::code_actions(
        snap,
        doc,
        &p.text_document.uri,
        &diags,
    ))
}

pub fn document_symbol(snap: &Snapshot, p: DocumentSymbolParams) -> Option<DocumentSymbolResponse> {
    let doc = snap.doc_for_uri(&p.text_document.uri)?;
    Some(DocumentSymbolResponse::Nested(symbols::document_symbols(
        snap, doc,
    )))
}

pub fn workspace_symbol(
    snap: &Snapshot,
    p: WorkspaceSymbolParams,
) -> Option<WorkspaceSymbolResponse> {
    Some(WorkspaceSymbolResponse::Nested(symbols::workspace_symbols(
        snap, &p.query,
    )))
}

pub fn inlay_hint(snap: &Snapshot, p: InlayHintParams) -> Option<Vec<InlayHint>> {
    let doc = snap.doc_for_uri(&p.text_document.uri)?;
    let range = snap.lines(doc)?.span(p.range);
    Some(inlay::inlay_hints(snap, doc, range))
}

#[cfg(test)]
mod tests;
