//! Sides of a disagreement: groups of figures whose values agree with each other.

use super::{figure, is_update, published_at_or_after, FigureRef};
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

/// Subject classes whose key alone identifies the quantity (the lexicon of the gold
/// conventions): any other key (a bare counted noun such as "trucks", "date: sale") is
/// trusted only when the two figures' sentences also share context.
const TRUSTED_CLASSES: &[&str] = &[
    "killed",
    "injured",
    "missing",
    "hospitalised",
    "rescued",
    "evacuated",
    "arrested",
    "charged",
    "event date",
    "event time",
    "magnitude",
    "depth",
    "cost",
    "damage",
    "fine",
    "budget",
    "aid",
    "losses",
    "reward",
    "bail",
    "price",
    "revenue",
    "compensation",
    "turnout",
    "inflation",
    "unemployment rate",
    "age",
];

/// Shared content words (besides the subject's own words and numbers) that make two
/// figures with an untrusted subject key comparable.
const MIN_SHARED_CONTEXT: usize = 2;

fn trusted_subject(subject: &str) -> bool {
    let class = subject.split(':').next().unwrap_or(subject).trim();
    TRUSTED_CLASSES.contains(&class) || class.ends_with(" share") || class.ends_with(" change")
}

/// What [`comparable`] asks of each figure of a group, worked out at most once per figure
/// rather than once per pair (a large story's group has hundreds of figures): for
/// untrusted subjects the content words of its sentence, and, the first time a pair asks,
/// its outlet and whether it is an update.
pub(crate) struct Contexts {
    of: std::collections::HashMap<FigureRef, Context>,
}

struct Context {
    /// `None` for trusted subjects (no shared context needed).
    words: Option<std::collections::HashSet<String>>,
    /// (outlet key, is an update), made when first asked.
    source: std::cell::OnceCell<(String, bool)>,
}

impl Contexts {
    pub(crate) fn new(docs: &[Doc], figures: &[FigureRef]) -> Contexts {
        let mut of = std::collections::HashMap::new();
        for &r in figures {
            of.entry(r).or_insert_with(|| Context::of(docs, r));
        }
        Contexts { of }
    }

    /// Do the two figures' sentences share enough context (always, for trusted subjects)?
    fn share_context(a: &Context, b: &Context) -> bool {
        match (&a.words, &b.words) {
            (Some(x), Some(y)) => x.intersection(y).count() >= MIN_SHARED_CONTEXT,
            _ => true,
        }
    }
}

impl Context {
    fn of(docs: &[Doc], r: FigureRef) -> Context {
        Context {
            words: context_words(docs, r),
            source: std::cell::OnceCell::new(),
        }
    }

    /// (outlet key, is an update) of figure `r`, this context's figure.
    fn source(&self, docs: &[Doc], r: FigureRef) -> (&str, bool) {
        let (outlet, update) = self
            .source
            .get_or_init(|| (outlet_key(docs, r.doc), is_update(docs, r)));
        (outlet, *update)
    }
}

/// Content words of the sentence around a figure with an untrusted subject: not its own
/// words, numbers or the subject's words. `None` for a trusted subject.
fn context_words(docs: &[Doc], r: FigureRef) -> Option<std::collections::HashSet<String>> {
    let f = figure(docs, r);
    if trusted_subject(&f.subject) {
        return None;
    }
    let facts = &docs[r.doc].facts;
    let sentence = facts
        .sentences
        .get(f.sentence as usize)
        .copied()
        .unwrap_or(f.span);
    let subject_words: Vec<String> = f
        .subject
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(crate::claims::words::stem)
        .collect();
    let set = crate::claims::words::content_words(&docs[r.doc].text, sentence)
        .into_iter()
        .filter(|w| !w.span.overlaps(f.span))
        .map(|w| w.stem)
        .filter(|w| !w.chars().all(|c| c.is_ascii_digit()) && !subject_words.contains(w))
        .collect();
    Some(set)
}

/// May these two figures be held against each other? Different outlets, an update only
/// against figures published at or after it, and shared context for untrusted subjects.
fn comparable(docs: &[Doc], contexts: &Contexts, a: FigureRef, b: FigureRef) -> bool {
    // both callers make `contexts` from a superset of the figures they compare
    let (Some(x), Some(y)) = (contexts.of.get(&a), contexts.of.get(&b)) else {
        debug_assert!(false, "a figure compared outside its group's contexts");
        return false;
    };
    let ((x_outlet, x_update), (y_outlet, y_update)) = (x.source(docs, a), y.source(docs, b));
    x_outlet != y_outlet
        && (!x_update || published_at_or_after(docs, b.doc, a.doc))
        && (!y_update || published_at_or_after(docs, a.doc, b.doc))
        && Contexts::share_context(x, y)
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
    let contexts = Contexts::new(docs, figures);
    let conflict = sides.iter().enumerate().any(|(i, a)| {
        sides.iter().skip(i + 1).any(|b| {
            a.iter().any(|&x| {
                b.iter().any(|&y| {
                    comparable(docs, &contexts, x, y)
                        && !compatible(figure(docs, x), figure(docs, y))
                })
            })
        })
    });
    (sides.len() >= 2 && sides.len() <= MAX_SIDES && conflict && !same_words_apart(docs, &sides))
        .then_some(sides)
}

/// Do two sides hold a date or time written the same way ("Sunday" and "Sunday")? Then the
/// values differ only through resolution (a relative day against different publication
/// dates), which a reader cannot see in the text: not reported. (A rise and a fall of
/// "7%" differ in the text around them and are reported.)
fn same_words_apart(docs: &[Doc], sides: &[Vec<FigureRef>]) -> bool {
    let dated = sides
        .first()
        .and_then(|s| s.first())
        .is_some_and(|&r| matches!(figure(docs, r).unit, "date" | "time"));
    if !dated {
        return false;
    }
    let written: Vec<std::collections::HashSet<String>> = sides
        .iter()
        .map(|side| {
            side.iter()
                .map(|&r| {
                    let f = figure(docs, r);
                    crate::text::fold(f.span.slice(&docs[r.doc].text))
                        .split_whitespace()
                        .collect::<Vec<_>>()
                        .join(" ")
                })
                .collect()
        })
        .collect();
    written
        .iter()
        .enumerate()
        .any(|(i, a)| written[i + 1..].iter().any(|b| !a.is_disjoint(b)))
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
    let all: Vec<FigureRef> = stated.iter().flat_map(|g| g.iter().copied()).collect();
    let contexts = Contexts::new(docs, &all);
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
                                comparable(docs, &contexts, r, o)
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
