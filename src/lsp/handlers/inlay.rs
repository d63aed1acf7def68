//! Inlay hints: the normalised value after a figure written in words or hedged
//! ("seventeen" → 17, "a third" → ≈33%, "at least 30" → ≥ 30). Switch: `lsp.inlay_hints`.

use crate::figures::describe_value;
use crate::figures::Hedge;
use crate::lsp::snapshot::Snapshot;
use crate::Span;
use tower_lsp_server::ls_types::{InlayHint, InlayHintLabel, InlayHintTooltip};

pub fn inlay_hints(snap: &Snapshot, doc: usize, range: Span) -> Vec<InlayHint> {
    if !snap.config.lsp.inlay_hints {
        return Vec::new();
    }
    let (Some(lines), Some(d)) = (snap.lines(doc), snap.analysis.docs.get(doc)) else {
        return Vec::new();
    };
    d.facts
        .figures
        .iter()
        .filter(|f| {
            range.touches(f.span.start) || range.touches(f.span.end) || f.span.covers(range)
        })
        .filter(|f| needs_hint(f.span.slice(&d.text), f.hedge))
        .map(|f| InlayHint {
            position: lines.range(f.span).end,
            label: InlayHintLabel::String(format!("= {}", describe_value(f))),
            kind: None,
            text_edits: None,
            tooltip: Some(InlayHintTooltip::String(format!(
                "{} (normalised)",
                f.subject
            ))),
            padding_left: Some(true),
            padding_right: None,
            data: None,
        })
        .collect()
}

/// A hint helps when the text does not show the value plainly: no digit in it, or a hedge.
pub fn needs_hint(text: &str, hedge: Hedge) -> bool {
    hedge != Hedge::Exact || !text.chars().any(|c| c.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hints_words_and_hedges_not_plain_numbers() {
        let cases = [
            ("seventeen", Hedge::Exact, true),
            ("a third", Hedge::Exact, true),
            ("at least 30", Hedge::AtLeast, true),
            ("17", Hedge::Exact, false),
            ("$4.6bn", Hedge::Exact, false),
        ];
        for (text, hedge, want) in cases {
            assert_eq!(needs_hint(text, hedge), want, "{text}");
        }
    }
}
