//! Document symbols (the article's people, figures and claims) and workspace symbols
//! (people and claims, fuzzy-matched).

use super::values::short;
use crate::figures::describe_value;
use crate::lsp::snapshot::Snapshot;
use tower_lsp_server::ls_types::{DocumentSymbol, OneOf, SymbolKind, WorkspaceSymbol};

/// Most workspace symbols answered at once.
const MAX_WORKSPACE_SYMBOLS: usize = 500;

#[allow(deprecated)] // `DocumentSymbol::deprecated` must be written out.
fn symbol(
    name: String,
    detail: Option<String>,
    kind: SymbolKind,
    range: tower_lsp_server::ls_types::Range,
) -> DocumentSymbol {
    DocumentSymbol {
        name,
        detail,
        kind,
        tags: None,
        deprecated: None,
        range,
        selection_range: range,
        children: None,
    }
}

/// People (one per person, at the first mention), figures and claims, in text order.
pub fn document_symbols(snap: &Snapshot, doc: usize) -> Vec<DocumentSymbol> {
    let (Some(lines), Some(d)) = (snap.lines(doc), snap.analysis.docs.get(doc)) else {
        return Vec::new();
    };
    let mut out: Vec<(crate::Span, DocumentSymbol)> = Vec::new();
    let mut seen_people: Vec<String> = Vec::new();
    for (i, m) in d.facts.people.iter().enumerate() {
        let name = snap
            .entity_of(doc, i)
            .map(|e| snap.analysis.entities[e].name.clone())
            .unwrap_or_else(|| m.full_name.to_string());
        if seen_people.contains(&name) {
            continue;
        }
        seen_people.push(name.clone());
        out.push((
            m.span,
            symbol(
                name,
                m.role.as_deref().map(str::to_string),
                SymbolKind::OBJECT,
                lines.range(m.span),
            ),
        ));
    }
    for f in &d.facts.figures {
        let text = short(f.span.slice(&d.text), 40);
        out.push((
            f.span,
            symbol(
                format!("{text} ({})", f.subject),
                Some(describe_value(f)),
                SymbolKind::NUMBER,
                lines.range(f.span),
            ),
        ));
    }
    for &(c, o) in snap.claims_in(doc) {
        let claim = &snap.analysis.claims[c];
        let span = claim.occurrences[o].span;
        out.push((
            span,
            symbol(
                short(span.slice(&d.text), 60),
                Some(format!(
                    "claim, source: {} ({})",
                    snap.outlet_label(claim.source.doc),
                    snap.date_label(claim.source.doc)
                )),
                SymbolKind::STRING,
                lines.range(span),
            ),
        ));
    }
    out.sort_by_key(|(s, _)| *s);
    out.into_iter().map(|(_, s)| s).collect()
}

/// People and claims whose name matches `query` as a fuzzy subsequence (case- and
/// accent-insensitive); an empty query lists them all.
pub fn workspace_symbols(snap: &Snapshot, query: &str) -> Vec<WorkspaceSymbol> {
    let mut scored: Vec<(usize, WorkspaceSymbol)> = Vec::new();
    for entity in &snap.analysis.entities {
        let Some(score) = fuzzy_score(query, &entity.name) else {
            continue;
        };
        let Some(&(d, m)) = entity
            .mentions
            .iter()
            .min_by_key(|&&(d, m)| (snap.chronological_key(d), m))
        else {
            continue;
        };
        let Some(span) = snap
            .analysis
            .docs
            .get(d)
            .and_then(|doc| doc.facts.people.get(m))
            .map(|p| p.span)
        else {
            continue;
        };
        let Some(location) = snap.location(d, span) else {
            continue;
        };
        scored.push((
            score,
            workspace_symbol(entity.name.clone(), SymbolKind::OBJECT, "person", location),
        ));
    }
    for claim in &snap.analysis.claims {
        let name = short(&claim.text, 80);
        let Some(score) = fuzzy_score(query, &name) else {
            continue;
        };
        let Some(location) = snap.location(claim.source.doc, claim.source.span) else {
            continue;
        };
        scored.push((
            score,
            workspace_symbol(name, SymbolKind::STRING, "claim", location),
        ));
    }
    scored.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.name.cmp(&b.1.name)));
    scored
        .into_iter()
        .take(MAX_WORKSPACE_SYMBOLS)
        .map(|(_, s)| s)
        .collect()
}

fn workspace_symbol(
    name: String,
    kind: SymbolKind,
    container: &str,
    location: tower_lsp_server::ls_types::Location,
) -> WorkspaceSymbol {
    WorkspaceSymbol {
        name,
        kind,
        tags: None,
        container_name: Some(container.to_string()),
        location: OneOf::Left(location),
        data: None,
    }
}

/// Lower is better: how spread out the query's characters are in `name`; `None` when the
/// query is not a subsequence of the name.
pub fn fuzzy_score(query: &str, name: &str) -> Option<usize> {
    let q: Vec<char> = crate::text::fold(query)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    let n: Vec<char> = crate::text::fold(name).chars().collect();
    let mut qi = 0;
    let mut first = None;
    let mut last = 0;
    for (i, c) in n.iter().enumerate() {
        if qi < q.len() && *c == q[qi] {
            first.get_or_insert(i);
            last = i;
            qi += 1;
        }
    }
    if qi < q.len() {
        return None;
    }
    Some(match first {
        Some(f) => (last - f + 1 - q.len()) * 4 + f,
        None => 0,
    })
}

#[cfg(test)]
mod tests {
    use super::fuzzy_score;

    #[test]
    fn fuzzy_matches_subsequences_ignoring_case_and_accents() {
        let cases = [
            ("", "Ana María Ruiz", true),
            ("amr", "Ana María Ruiz", true),
            ("maria", "Ana María Ruiz", true),
            ("RUIZ", "Ana María Ruiz", true),
            ("zr", "Ana María Ruiz", false),
            ("xyz", "Ana María Ruiz", false),
        ];
        for (q, name, want) in cases {
            assert_eq!(fuzzy_score(q, name).is_some(), want, "{q} in {name}");
        }
        assert!(fuzzy_score("ruiz", "Ana María Ruiz") < fuzzy_score("ruiz", "R. u. i. z"));
    }
}
