//! Sides of a disagreement: groups of figures whose values agree with each other.

use super::{figure, published_at_or_after, FigureRef};
use crate::figures::{Direction, Figure};
use crate::workspace::Doc;
use std::collections::BTreeMap;

/// A figure's value as compared: widened by its printed rounding, signed by direction.
/// `None` on a side means unbounded.
#[derive(Clone, Copy, Debug)]
struct Range {
    low: Option<f64>,
    high: Option<f64>,
}

fn range(f: &Figure) -> Range {
    let slack = f.precision.abs();
    let (mut low, mut high) = (
        f.value.low.map(|v| v - slack),
        f.value.high.map(|v| v + slack),
    );
    let positive = low.map_or(true, |l| l >= 0.0) && high.map_or(true, |h| h >= 0.0);
    if f.direction == Some(Direction::Fall) && positive {
        (low, high) = (high.map(|h| -h), low.map(|l| -l));
    }
    Range { low, high }
}

fn overlap(a: Range, b: Range) -> bool {
    let lo = match (a.low, b.low) {
        (Some(x), Some(y)) => Some(x.max(y)),
        (x, y) => x.or(y),
    };
    let hi = match (a.high, b.high) {
        (Some(x), Some(y)) => Some(x.min(y)),
        (x, y) => x.or(y),
    };
    match (lo, hi) {
        (Some(l), Some(h)) => l <= h + 1e-9 * h.abs().max(1.0),
        _ => true,
    }
}

/// Can both figures be true?
pub(crate) fn compatible(a: &Figure, b: &Figure) -> bool {
    overlap(range(a), range(b))
}

fn bounded(f: &Figure) -> bool {
    f.value.low.is_some() && f.value.high.is_some()
}

/// The outlet identity of a doc: its outlet folded, or the doc itself when unknown.
pub(crate) fn outlet_key(docs: &[Doc], doc: usize) -> String {
    crate::claims::outlet_key(docs, doc)
}

/// May these two figures be held against each other? Different outlets, and an update
/// only against figures published at or after it.
fn comparable(docs: &[Doc], a: FigureRef, b: FigureRef) -> bool {
    if outlet_key(docs, a.doc) == outlet_key(docs, b.doc) {
        return false;
    }
    let (fa, fb) = (figure(docs, a), figure(docs, b));
    (!fa.update || published_at_or_after(docs, b.doc, a.doc))
        && (!fb.update || published_at_or_after(docs, a.doc, b.doc))
}

/// Sides of mutually compatible figures, when two of them hold a comparable pair that
/// cannot both be true.
///
/// Bounded figures, by increasing value, open a side when they do not fit the running
/// intersection of the current one; an unbounded figure ("at least 30") joins the one side
/// it fits, or opens a side when it fits none. A figure fitting several sides takes none.
pub(crate) fn mismatch_sides(docs: &[Doc], figures: &[FigureRef]) -> Option<Vec<Vec<FigureRef>>> {
    if figures.len() < 2 {
        return None;
    }
    let mut sorted: Vec<FigureRef> = figures
        .iter()
        .copied()
        .filter(|&r| bounded(figure(docs, r)))
        .collect();
    sorted.sort_by(|&a, &b| {
        let (ra, rb) = (range(figure(docs, a)), range(figure(docs, b)));
        ra.low
            .unwrap_or(f64::MIN)
            .total_cmp(&rb.low.unwrap_or(f64::MIN))
            .then(
                ra.high
                    .unwrap_or(f64::MAX)
                    .total_cmp(&rb.high.unwrap_or(f64::MAX)),
            )
            .then(a.cmp(&b))
    });
    let mut sides: Vec<(Range, Vec<FigureRef>)> = Vec::new();
    for r in sorted {
        let fr = range(figure(docs, r));
        match sides.last_mut() {
            Some((meet, members)) if overlap(*meet, fr) => {
                meet.low = max_opt(meet.low, fr.low);
                meet.high = min_opt(meet.high, fr.high);
                members.push(r);
            }
            _ => sides.push((fr, vec![r])),
        }
    }
    let mut sides: Vec<Vec<FigureRef>> = sides.into_iter().map(|(_, m)| m).collect();
    let fits = |docs: &[Doc], side: &[FigureRef], r: FigureRef| {
        side.iter()
            .all(|&m| m == r || compatible(figure(docs, m), figure(docs, r)))
    };
    for &r in figures.iter().filter(|&&r| !bounded(figure(docs, r))) {
        let fitting: Vec<usize> = (0..sides.len())
            .filter(|&i| fits(docs, &sides[i], r))
            .collect();
        match fitting.as_slice() {
            [] => sides.push(vec![r]),
            [one] => sides[*one].push(r),
            _ => {} // fits several sides: takes none
        }
    }
    // a bounded figure that also fits another side whole takes no side
    let ambiguous: Vec<FigureRef> = sides
        .iter()
        .enumerate()
        .flat_map(|(i, side)| side.iter().map(move |&r| (i, r)))
        .filter(|&(i, r)| {
            sides
                .iter()
                .enumerate()
                .any(|(j, other)| j != i && fits(docs, other, r))
        })
        .map(|(_, r)| r)
        .collect();
    for side in &mut sides {
        side.retain(|r| !ambiguous.contains(r));
        side.sort();
    }
    sides.retain(|s| !s.is_empty());
    sides.sort();
    let conflict = sides.iter().enumerate().any(|(i, a)| {
        sides.iter().skip(i + 1).any(|b| {
            a.iter().any(|&x| {
                b.iter().any(|&y| {
                    comparable(docs, x, y) && !compatible(figure(docs, x), figure(docs, y))
                })
            })
        })
    });
    (sides.len() >= 2 && sides.len() <= MAX_SIDES && conflict).then_some(sides)
}

/// More sides than this means the subject key lumps several quantities together (ten
/// different "sentence" durations are ten sentences, not a ten-way disagreement).
const MAX_SIDES: usize = 3;

fn max_opt(a: Option<f64>, b: Option<f64>) -> Option<f64> {
    match (a, b) {
        (Some(x), Some(y)) => Some(x.max(y)),
        (x, y) => x.or(y),
    }
}

fn min_opt(a: Option<f64>, b: Option<f64>) -> Option<f64> {
    match (a, b) {
        (Some(x), Some(y)) => Some(x.min(y)),
        (x, y) => x.or(y),
    }
}

/// Sides by stated baseline when outlets give the same value against different ones:
/// each side holds the figures of one baseline that agree with a figure of another
/// outlet against another baseline. Figures without a stated baseline take no part.
pub(crate) fn baseline_sides(
    docs: &[Doc],
    by_baseline: &BTreeMap<String, Vec<FigureRef>>,
) -> Option<Vec<Vec<FigureRef>>> {
    let stated: Vec<&Vec<FigureRef>> = by_baseline
        .iter()
        .filter(|(k, _)| !k.is_empty())
        .map(|(_, v)| v)
        .collect();
    if stated.len() < 2 {
        return None;
    }
    let mut sides: Vec<Vec<FigureRef>> = stated
        .iter()
        .enumerate()
        .map(|(i, group)| {
            group
                .iter()
                .copied()
                .filter(|&r| {
                    stated.iter().enumerate().any(|(j, other)| {
                        j != i
                            && other.iter().any(|&o| {
                                comparable(docs, r, o)
                                    && compatible(figure(docs, r), figure(docs, o))
                            })
                    })
                })
                .collect::<Vec<_>>()
        })
        .filter(|s: &Vec<FigureRef>| !s.is_empty())
        .collect();
    sides.sort();
    (sides.len() >= 2).then_some(sides)
}
