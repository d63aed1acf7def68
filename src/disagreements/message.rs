//! One-line messages a journalist reads at a glance:
//! `killed: Outlet A reports 9; Outlet B and Outlet C report 7`.

use super::{figure, FigureRef, BASELINE_DIFFERS};
use crate::workspace::Doc;

/// The message for a disagreement's sides.
pub(crate) fn describe(
    docs: &[Doc],
    subject: &str,
    rule: &str,
    sides: &[Vec<FigureRef>],
) -> String {
    let parts: Vec<String> = sides
        .iter()
        .map(|side| {
            let mut part = side_text(docs, side);
            if rule == BASELINE_DIFFERS {
                if let Some(b) = side.first().and_then(|&r| figure(docs, r).baseline.clone()) {
                    part = format!("{part} ({})", collapse(&b));
                }
            }
            part
        })
        .collect();
    let tail = if rule == BASELINE_DIFFERS {
        " — the same value against different baselines"
    } else {
        ""
    };
    format!("{subject}: {}{tail}", parts.join("; "))
}

/// "Outlet B and Outlet C report 7", "Outlet A reports 9, Outlet D reports nine".
fn side_text(docs: &[Doc], side: &[FigureRef]) -> String {
    // (outlet, its distinct written values) in order of first appearance
    let mut by_outlet: Vec<(String, Vec<String>)> = Vec::new();
    for &r in side {
        let outlet = outlet_name(docs, r.doc);
        let written = sentence_case_off(&collapse(figure(docs, r).span.slice(&docs[r.doc].text)));
        match by_outlet.iter_mut().find(|(o, _)| *o == outlet) {
            Some((_, values)) => {
                if !values.contains(&written) {
                    values.push(written);
                }
            }
            None => by_outlet.push((outlet, vec![written])),
        }
    }
    // outlets that wrote the same values share one clause
    let mut clauses: Vec<(Vec<String>, String)> = Vec::new();
    for (outlet, values) in by_outlet {
        let values = values.join(" / ");
        match clauses.iter_mut().find(|(_, v)| *v == values) {
            Some((outlets, _)) => outlets.push(outlet),
            None => clauses.push((vec![outlet], values)),
        }
    }
    clauses
        .into_iter()
        .map(|(outlets, values)| {
            let verb = if outlets.len() == 1 {
                "reports"
            } else {
                "report"
            };
            format!("{} {verb} {values}", join_names(&outlets))
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// The outlet's name, or the article's key when it has none.
fn outlet_name(docs: &[Doc], doc: usize) -> String {
    docs[doc]
        .outlet()
        .map(str::to_string)
        .unwrap_or_else(|| docs[doc].key.to_string())
}

/// "A", "A and B", "A, B and C".
fn join_names(names: &[String]) -> String {
    match names {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Names that keep their capital when a figure opens its sentence.
const PROPER_FIRST_WORDS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
];

/// "About 80" (capitalised because it opened a sentence) → "about 80"; "June 8" and
/// "GBP 40" keep their capitals.
fn sentence_case_off(written: &str) -> String {
    let first: String = written.chars().take_while(|c| c.is_alphabetic()).collect();
    let mut chars = first.chars();
    let capitalised_word =
        chars.next().is_some_and(|c| c.is_uppercase()) && chars.all(|c| c.is_lowercase());
    if !capitalised_word || PROPER_FIRST_WORDS.contains(&first.to_lowercase().as_str()) {
        return written.to_string();
    }
    let mut out = first.to_lowercase();
    out.push_str(written.get(first.len()..).unwrap_or(""));
    out
}
