//! Numeric disagreements: figures about the same subject in the same story whose values
//! cannot both be true.
//!
//! Decisions:
//! - Figures are compared only inside one story, with the same subject key and unit, and
//!   only across outlets (within one outlet differing figures are usually updates). An
//!   article without an outlet counts as an outlet of its own. Figures are first grouped
//!   by (story, subject, unit): never all pairs over the workspace.
//! - Suppressed figures (inline `corroborate: ignore`, `[[ignore]]` rules by subject and
//!   optional story) take no part.
//! - Values are compared as intervals widened by the rounding the printed value implies
//!   (`Figure::precision`); an open end ("more than 120") is treated as closed, so a
//!   printed 120 does not contradict "more than 120" — the lenient reading, as a false
//!   warning costs more than a missed quibble. A figure given as a fall is compared as a
//!   negative change, so "rose 7%" and "fell 7%" disagree.
//! - Same baseline (or reference period) only: the same value against a different stated
//!   baseline is `baseline-differs` (information); different values against different
//!   baselines are never compared, nor a stated baseline against none.
//! - Updates: a figure the text presents as an update ("raised the toll to 9") is compared
//!   only with figures published at or after it (both articles dated; on the same day
//!   both need a time), never with the earlier figures it replaces. An outlet that
//!   changes its figure in a later article without saying so stays on both sides (as
//!   the gold conventions list it): its earlier figure still disagrees with the others.
//! - An article that gives incompatible values for one subject keeps only its update
//!   figures, or none: the key then covers several quantities.
//! - Precision guards for keys that do not identify one quantity: bare keys ("count",
//!   "date") are never compared; keys outside the conventions' class lexicon (a bare
//!   counted noun, "date: sale") need two content words shared by the figures'
//!   sentences; more than three sides means the key lumps quantities; a bare year or
//!   month is not compared with dates; a relative day in an undated article is not
//!   compared; dates written the same way on two sides ("Sunday" / "Sunday") differ only
//!   by resolution and are not reported.
//! - Sides: figures that agree with each other (see [`sides`]); a figure that fits two
//!   sides ("7 to 9" between 7 and 9) takes no side. A disagreement needs two sides with a
//!   pair of figures from different outlets that cannot both be true.

use crate::config::Config;
use crate::figures::Figure;
use crate::fxhash::FxHashMap;
use crate::workspace::Doc;
use rayon::prelude::*;
use std::collections::BTreeMap;

mod message;
mod sides;
#[cfg(test)]
mod tests;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FigureRef {
    pub doc: usize,
    /// Index into the doc's `facts.figures`.
    pub figure: usize,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Warning,
    Information,
}

impl Severity {
    pub fn as_str(&self) -> &'static str {
        match self {
            Severity::Warning => "warning",
            Severity::Information => "information",
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Disagreement {
    /// Stable rule code: `figure-mismatch` (values cannot both be true) or
    /// `baseline-differs` (same value, different baseline or reference period).
    pub rule: &'static str,
    pub story: Option<String>,
    pub subject: String,
    pub severity: Severity,
    /// For a journalist: "killed: Outlet A reports 9; Outlet B and Outlet C report 7".
    pub message: String,
    /// Every figure involved, grouped by side (each side's figures agree with each other).
    pub sides: Vec<Vec<FigureRef>>,
}

impl Disagreement {
    pub fn figures(&self) -> impl Iterator<Item = FigureRef> + '_ {
        self.sides.iter().flatten().copied()
    }
}

/// Rule code: values that cannot both be true.
pub const FIGURE_MISMATCH: &str = "figure-mismatch";
/// Rule code: the same value against different baselines.
pub const BASELINE_DIFFERS: &str = "baseline-differs";

/// Find disagreements between outlets inside each story.
pub fn find(docs: &[Doc], stories: &[Option<String>], config: &Config) -> Vec<Disagreement> {
    let members: Vec<usize> = (0..docs.len())
        .filter(|&d| matches!(stories.get(d), Some(Some(_))))
        .collect();
    find_in_stories(docs, stories, &members, config)
}

/// The disagreements of the given stories only (same order and content as `find`'s for
/// those stories). Cost proportional to those stories' figures.
///
/// `members` lists the docs of the stories to (re)compute: the caller passes every member
/// of each story it wants (a story is computed from the members given). Stories are
/// computed independently, in parallel.
pub fn find_in_stories(
    docs: &[Doc],
    stories: &[Option<String>],
    members: &[usize],
    config: &Config,
) -> Vec<Disagreement> {
    let mut by_story: FxHashMap<&str, Vec<usize>> = FxHashMap::default();
    for &d in members {
        if let (Some(Some(story)), true) = (stories.get(d), d < docs.len()) {
            by_story.entry(story.as_str()).or_default().push(d);
        }
    }
    let mut work: Vec<(&str, Vec<usize>)> = by_story.into_iter().collect();
    work.sort_unstable_by(|a, b| a.0.cmp(b.0));
    let mut out: Vec<Disagreement> = work
        .into_par_iter()
        .flat_map_iter(|(story, mut ds)| {
            ds.sort_unstable();
            ds.dedup();
            story_disagreements(docs, story, &ds, config)
        })
        .collect();
    sort_findings(&mut out);
    out
}

/// The disagreements of one story, from its member docs (sorted). Its subjects are
/// compared in parallel: one story can hold a third of the workspace (a wire report
/// reprinted everywhere), and the others end long before it.
fn story_disagreements(
    docs: &[Doc],
    story: &str,
    members: &[usize],
    config: &Config,
) -> Vec<Disagreement> {
    let groups: Vec<_> = comparable_groups(docs, story, members, config)
        .into_iter()
        .collect();
    groups
        .into_par_iter()
        .flat_map_iter(|((subject, _unit), figures)| {
            subject_disagreements(docs, story, subject, &figures)
        })
        .collect()
}

/// The disagreements about one subject (one unit) of a story: a mismatch per baseline,
/// and baselines that differ.
fn subject_disagreements(
    docs: &[Doc],
    story: &str,
    subject: &str,
    figures: &[FigureRef],
) -> Vec<Disagreement> {
    let mut out = Vec::new();
    let by_baseline = split_by_baseline(docs, figures);
    for members in by_baseline.values() {
        let members = without_self_contradiction(docs, members);
        if let Some(sides) = sides::mismatch_sides(docs, &members) {
            out.push(disagreement(
                docs,
                FIGURE_MISMATCH,
                story,
                subject,
                Severity::Warning,
                sides,
            ));
        }
    }
    if let Some(sides) = sides::baseline_sides(docs, &by_baseline) {
        out.push(disagreement(
            docs,
            BASELINE_DIFFERS,
            story,
            subject,
            Severity::Information,
            sides,
        ));
    }
    out
}

/// Findings by story (`s2` before `s12`), subject, rule, then sides.
fn sort_findings(out: &mut [Disagreement]) {
    out.sort_by(|a, b| {
        story_order(&a.story)
            .cmp(&story_order(&b.story))
            .then_with(|| a.subject.cmp(&b.subject))
            .then_with(|| a.rule.cmp(b.rule))
            .then_with(|| a.sides.cmp(&b.sides))
    });
}

/// `s12` sorts after `s2`.
fn story_order(story: &Option<String>) -> (usize, String) {
    let s = story.clone().unwrap_or_default();
    let n = s.trim_start_matches('s').parse().unwrap_or(usize::MAX);
    (n, s)
}

fn disagreement(
    docs: &[Doc],
    rule: &'static str,
    story: &str,
    subject: &str,
    severity: Severity,
    sides: Vec<Vec<FigureRef>>,
) -> Disagreement {
    let message = message::describe(docs, subject, rule, &sides);
    Disagreement {
        rule,
        story: Some(story.to_string()),
        subject: subject.to_string(),
        severity,
        message,
        sides,
    }
}

/// Figures of one story's members that may be compared, keyed by (subject, unit), in doc
/// then figure order.
fn comparable_groups<'a>(
    docs: &'a [Doc],
    story: &str,
    members: &[usize],
    config: &Config,
) -> BTreeMap<(&'a str, &'a str), Vec<FigureRef>> {
    let mut groups: BTreeMap<(&str, &str), Vec<FigureRef>> = BTreeMap::new();
    for &d in members {
        let Some(doc) = docs.get(d) else {
            continue;
        };
        for (i, f) in doc.facts.figures.iter().enumerate() {
            if !is_comparable(f)
                || unresolvable_relative_date(doc, f)
                || doc.facts.is_ignored(f)
                || ignored_by_config(config, story, &f.subject)
            {
                continue;
            }
            groups
                .entry((&*f.subject, f.unit))
                .or_default()
                .push(FigureRef { doc: d, figure: i });
        }
    }
    groups
}

/// Longest span of a `date` figure that is compared: a month. A bare year ("seized in
/// 2023") is background far more often than the date of the story's event, and a year
/// against a day is a difference of precision, not of fact.
const MAX_DATE_SPAN_SECONDS: f64 = 31.0 * 86_400.0;

fn is_coarse_date(f: &Figure) -> bool {
    f.unit == "date"
        && match (f.value.low, f.value.high) {
            (Some(l), Some(h)) => h - l > MAX_DATE_SPAN_SECONDS,
            _ => false,
        }
}

/// Words that date relative to publication ("Friday", "yesterday").
const RELATIVE_DAY_WORDS: &[&str] = &[
    "today",
    "tonight",
    "yesterday",
    "tomorrow",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "last night",
    "this morning",
    "this afternoon",
    "this evening",
];

/// A relative date ("on Friday") in an article without a publication date cannot be
/// resolved: its value is a guess, never compared.
fn unresolvable_relative_date(doc: &Doc, f: &Figure) -> bool {
    if f.unit != "date" || doc.facts.published().is_some() {
        return false;
    }
    let written = crate::text::fold(f.span.slice(&doc.text));
    let has_absolute = written.chars().any(|c| c.is_ascii_digit());
    !has_absolute && RELATIVE_DAY_WORDS.iter().any(|w| written.contains(w))
}

/// Subject keys that do not say what is counted or dated: figures keyed so are never
/// compared (two bare "count"s are rarely the same quantity).
const UNSPECIFIC_SUBJECTS: &[&str] = &[
    "count",
    "number",
    "value",
    "amount",
    "total",
    "figure",
    "date",
    "time",
    "duration",
    "people",
    "persons",
    "percent",
    "percentage",
    "share",
    "change",
    "rate",
    "money",
    "sum",
    "age",
    "year",
    "years",
    "day",
    "days",
];

/// A figure with a specific subject, a unit and a sane value.
fn is_comparable(f: &Figure) -> bool {
    let finite = |v: Option<f64>| v.map_or(true, |x| x.is_finite());
    let ordered = match (f.value.low, f.value.high) {
        (Some(l), Some(h)) => l <= h,
        (None, None) => false,
        _ => true,
    };
    let subject = f.subject.trim();
    !subject.is_empty()
        && !is_coarse_date(f)
        && subject != "*"
        && !UNSPECIFIC_SUBJECTS.contains(&subject)
        && !dates_a_statement(subject)
        && !f.unit.is_empty()
        && finite(f.value.low)
        && finite(f.value.high)
        && f.precision.is_finite()
        && ordered
}

/// "officials said on Thursday" / "the agency said on Friday": outlets quoting statements
/// made on different days report different statements, never a contradiction.
fn dates_a_statement(subject: &str) -> bool {
    matches!(subject, "date: statement" | "time: statement")
}

/// `[[ignore]]` rules: a subject (or its class, `killed` covers `killed: children`),
/// optionally only in one story.
fn ignored_by_config(config: &Config, story: &str, subject: &str) -> bool {
    config.ignore.iter().any(|r| {
        let rule = r.subject.trim();
        (subject == rule
            || subject
                .strip_prefix(rule)
                .is_some_and(|rest| rest.starts_with(':')))
            && r.story.as_deref().map_or(true, |s| s == story)
    })
}

/// The figure behind a reference.
pub(crate) fn figure(docs: &[Doc], r: FigureRef) -> &Figure {
    &docs[r.doc].facts.figures[r.figure]
}

/// Figures by normalised baseline ("" = none stated).
fn split_by_baseline(docs: &[Doc], figures: &[FigureRef]) -> BTreeMap<String, Vec<FigureRef>> {
    let mut out: BTreeMap<String, Vec<FigureRef>> = BTreeMap::new();
    for &r in figures {
        let key = figure(docs, r)
            .baseline
            .as_deref()
            .map(|b| {
                crate::text::fold(b)
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .unwrap_or_default();
        out.entry(key).or_default().push(r);
    }
    out
}

/// An article that itself gives values for a subject that cannot all be true is either
/// reporting an update (keep its update figures, the article's latest word) or using the
/// subject key for several quantities (then its figures for the subject are left out:
/// comparing them across outlets would be noise).
fn without_self_contradiction(docs: &[Doc], figures: &[FigureRef]) -> Vec<FigureRef> {
    let mut out = Vec::with_capacity(figures.len());
    let mut i = 0;
    while i < figures.len() {
        let doc = figures[i].doc;
        let mut j = i;
        while j < figures.len() && figures[j].doc == doc {
            j += 1;
        }
        let own = &figures[i..j];
        let consistent = |set: &[FigureRef]| {
            set.iter().enumerate().all(|(k, &a)| {
                set[k + 1..]
                    .iter()
                    .all(|&b| sides::compatible(figure(docs, a), figure(docs, b)))
            })
        };
        if consistent(own) {
            out.extend_from_slice(own);
        } else {
            let updates: Vec<FigureRef> = own
                .iter()
                .copied()
                .filter(|&r| is_update(docs, r))
                .collect();
            if !updates.is_empty() && consistent(&updates) {
                out.extend(updates);
            }
        }
        i = j;
    }
    out
}

/// Verbs of change that, followed by "to", present a figure as an update ("fell to two",
/// "raised the toll to 9").
const CHANGE_VERBS: &[&str] = &[
    "rose",
    "risen",
    "climbed",
    "fell",
    "fallen",
    "dropped",
    "increased",
    "decreased",
    "raised",
    "revised",
    "lowered",
    "grew",
    "jumped",
    "went",
    "updated",
    "corrected",
];

/// Does the text present this figure as an update over time? The extractor's flag, or
/// (as a safeguard) a change verb and "to" just before the figure.
pub(crate) fn is_update(docs: &[Doc], r: FigureRef) -> bool {
    let doc = &docs[r.doc];
    let f = figure(docs, r);
    if f.update {
        return true;
    }
    let sentence = doc
        .facts
        .sentences
        .get(f.sentence as usize)
        .copied()
        .unwrap_or(f.span);
    let before = doc
        .text
        .get(sentence.start.min(f.span.start)..f.span.start)
        .unwrap_or("");
    // the last word must be "to", a change verb among the four words before it (read
    // backwards from the figure, nothing collected)
    let folded = crate::text::fold(before);
    let mut back = folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .rev();
    back.next() == Some("to") && back.take(4).any(|w| CHANGE_VERBS.contains(&w))
}

/// Is doc `a` known to be published at or after doc `b`?
pub(crate) fn published_at_or_after(docs: &[Doc], a: usize, b: usize) -> bool {
    match (docs[a].facts.published(), docs[b].facts.published()) {
        (Some(x), Some(y)) if x.date != y.date => x.date > y.date,
        (Some(x), Some(y)) => matches!((x.minutes, y.minutes), (Some(p), Some(q)) if p >= q),
        _ => false,
    }
}

#[cfg(test)]
mod statement_dates {
    use crate::figures::{Figure, Hedge, Interval};

    #[test]
    fn statement_dates_are_never_compared() {
        let mut f = Figure {
            span: crate::Span::new(0, 8),
            value: Interval::exact(86_400.0),
            unit: "date",
            precision: 0.0,
            hedge: Hedge::Exact,
            subject: "date: statement".into(),
            baseline: None,
            direction: None,
            update: false,
            sentence: 0,
        };
        assert!(!super::is_comparable(&f));
        f.subject = "event date".into();
        assert!(super::is_comparable(&f));
    }
}
