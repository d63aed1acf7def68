//! Figures: numbers a reader takes as reported facts, normalised to an interval with a
//! unit, and keyed by the subject they quantify (conventions: tests/gold/README.md).
//!
//! Pipeline per sentence: `tokens` (numbers, words, single marks; hyphens apart) →
//! a cheap trigger test per word → `when` (dates, times) or `quantity` (numbers with
//! currency, scale, unit, hedge and range partner; `filters` drop names, scores,
//! addresses, phones, counters, furniture) → [`subject`] (subject key, baseline,
//! direction, update).
//!
//! Decisions (each documented where it is made):
//! - Numerals: `,` groups thousands only before exactly three digits; `.` is decimal
//!   unless the numeral has two or more dot groups of three ("1.500.000"). "1.500" is 1.5.
//!   Digit runs longer than 40 bytes are never figures.
//! - Currencies: "$" alone is USD, "pesos" MXN unless a country adjective says otherwise,
//!   "pounds" a weight unless a scale precedes ("5 million pounds" → GBP); "$3m" is three
//!   million, a bare "3m" three metres. A currency sign after the number counts ("5 €").
//! - Units: tons are metric tonnes; US gallons; a year is 365 days, a month 30.
//! - Hedges: tolerances from `config.tolerances`; clock times use fixed slack ("about
//!   7 p.m." ±15 min, "shortly after midnight" the half hour after). "An estimated X" is
//!   exact (as the labels have it).
//! - Precision: half the step of the last printed digit in the canonical unit for
//!   percentages, measures and scaled amounts ("2.3 billion" → 0.05e9, "40%" → 0.5); 0 for
//!   number words, plain counts and unscaled money, which are exact.
//! - Changes: a fall is a negative change ("down 18%" → −18, direction `Fall`).
//! - Relative dates need the publication date: without one, weekdays, "yesterday" and
//!   year-less days are not emitted (their tokens are still consumed, so "June 8" never
//!   becomes the count 8).
//! - Subjects: arrested/charged take no qualifier; other people classes keep specific
//!   groups in the plural ("injured: paramedics"); compound nouns are kept ("deployed:
//!   fire engines", "grain imports share").
//!
//! Cost: linear in the text; every matcher looks at a bounded window around its trigger.

use crate::config::Config;
use crate::dates::DateTime;
use crate::Span;
use serde::Serialize;
use std::collections::HashSet;
use std::fmt::Write as _;
use std::sync::Arc;

mod filters;
mod hedges;
mod numbers;
mod quantity;
pub mod subject;
pub(crate) mod tokens;
mod units;
mod when;

#[cfg(test)]
mod tests;

use quantity::QKind;
use subject::{At, For};
use tokens::{Kind, Tok};

/// A closed or half-open interval; `None` is an open side (−∞ / +∞).
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct Interval {
    pub low: Option<f64>,
    pub high: Option<f64>,
    /// `low` itself is excluded ("more than X").
    #[serde(skip)]
    pub low_open: bool,
    /// `high` itself is excluded ("nearly X", "fewer than X").
    #[serde(skip)]
    pub high_open: bool,
}

impl Interval {
    pub fn exact(v: f64) -> Interval {
        Interval {
            low: Some(v),
            high: Some(v),
            low_open: false,
            high_open: false,
        }
    }
    pub fn closed(lo: f64, hi: f64) -> Interval {
        Interval {
            low: Some(lo),
            high: Some(hi),
            low_open: false,
            high_open: false,
        }
    }
}

/// How the text hedges a value.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Hedge {
    #[default]
    Exact,
    AtLeast,
    MoreThan,
    AtMost,
    LessThan,
    UpTo,
    Nearly,
    About,
    Range,
    Alternatives,
    /// "hundreds", "thousands", "dozens".
    Vague,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    Rise,
    Fall,
}

/// One reported figure.
#[derive(Clone, Debug, PartialEq)]
pub struct Figure {
    /// The figure as written, with its hedge and unit words ("at least 30 people" → "at least 30").
    pub span: Span,
    /// Normalised value (hedges applied with the configured tolerances). Units are
    /// canonical: `count`, `percent`, currency codes (`USD`, `EUR`, …), `kg`, `m`, `s`
    /// (durations), `m2`, `l`, `date` (seconds since 1970-01-01 UTC at the day's start),
    /// `time` (seconds after midnight).
    pub value: Interval,
    pub unit: &'static str,
    /// Half the step of the last printed digit, in `unit` ("40%" → 0.5; "2.3 billion" →
    /// 0.05e9; number words and exact counts → 0): the rounding a comparison must allow.
    pub precision: f64,
    pub hedge: Hedge,
    /// What is quantified, as a normalised key: `killed`, `injured`, `injured: paramedics`,
    /// `arrested`, `event date`, `vote share`, … (see the subject lexicon in `subject.rs`).
    ///
    /// Shared by the article's figures of one subject (one allocation, not one a figure).
    pub subject: Arc<str>,
    /// Baseline or reference period as stated ("compared to October 2024", "year on year").
    pub baseline: Option<Box<str>>,
    pub direction: Option<Direction>,
    /// The text presents the value as an update over time ("raised the toll to 9").
    pub update: bool,
    /// Index of the sentence holding the figure (`u32`: a workspace keeps every
    /// article's figures; 120 bytes a figure instead of 128).
    pub sentence: u32,
}

/// Extract the figures of an article's sentences. `published` resolves relative dates
/// ("Friday", "yesterday").
///
/// Linear in the text: each sentence is tokenised once into a reused buffer, and every
/// matcher looks at a bounded number of tokens around its trigger.
pub fn extract(
    text: &str,
    sentences: &[Span],
    published: Option<DateTime>,
    config: &Config,
) -> Vec<Figure> {
    let mut out = Vec::new();
    let mut toks: Vec<Tok> = Vec::with_capacity(64);
    let mut last_name: Option<&str> = None;
    let mut subjects = Subjects::default();
    for (si, s) in sentences.iter().enumerate() {
        tokens::tokenize(text, s.start, s.end, &mut toks);
        let first = out.len();
        let mut scan = Scan {
            si,
            published,
            config,
            subjects: &mut subjects,
        };
        scan.sentence(text, &toks, &mut last_name, &mut out);
        mark_partitive_subsets(text, *s, &mut out[first..], &mut subjects);
        if let Some(n) = last_person_like(text, &toks) {
            last_name = Some(n);
        }
    }
    out
}

/// "Of the 14 people who died, five were from the town": the figures after the whole
/// ("five") count a part of it, never the same thing, so their subject gets the qualifier
/// `part` (unless it has one) and they are not compared with the whole.
fn mark_partitive_subsets(
    text: &str,
    sentence: Span,
    figures: &mut [Figure],
    subjects: &mut Subjects,
) {
    let head = sentence
        .slice(text)
        .trim_start_matches(['"', '“', '\'', '‘']);
    if !head
        .get(..7)
        .is_some_and(|h| h.eq_ignore_ascii_case("of the "))
    {
        return;
    }
    let Some(whole) = figures.first().map(|f| f.span) else {
        return;
    };
    let starts_sentence = whole.start <= sentence.start + 12;
    if !starts_sentence {
        return;
    }
    for f in figures.iter_mut().skip(1) {
        if f.unit == "count" && !f.subject.contains(':') {
            f.subject = subjects.intern(format!("{}: part", f.subject));
        }
    }
}

/// The article's distinct subject keys: every figure of a subject shares one string.
#[derive(Default)]
struct Subjects(HashSet<Arc<str>>);

impl Subjects {
    fn intern(&mut self, subject: String) -> Arc<str> {
        if let Some(s) = self.0.get(subject.as_str()) {
            return s.clone();
        }
        let s: Arc<str> = Arc::from(subject);
        self.0.insert(s.clone());
        s
    }
}

/// What the figures of one sentence are made with.
struct Scan<'a> {
    si: usize,
    published: Option<DateTime>,
    config: &'a Config,
    subjects: &'a mut Subjects,
}

impl Scan<'_> {
    fn sentence<'t>(
        &mut self,
        text: &'t str,
        toks: &[Tok],
        last_name: &mut Option<&'t str>,
        out: &mut Vec<Figure>,
    ) {
        let (si, published, config) = (self.si, self.published, self.config);
        if is_date_line(text, toks) {
            return;
        }
        let mut i = 0;
        while i < toks.len() {
            let t = &toks[i];
            let candidate = match t.kind {
                Kind::Num => true,
                Kind::Word => tokens::may_start_figure(t.text(text)),
                _ => false,
            };
            if !candidate {
                i += 1;
                continue;
            }
            if let Some(w) = when::match_at(text, toks, i, published) {
                if w.unresolved || w.end <= w.first {
                    i = w.end.max(i + 1);
                    continue;
                }
                let at = At {
                    first: w.first,
                    head_end: w.end,
                    end: w.end,
                    hyphenated: false,
                };
                let kind = if w.is_time { For::Time } else { For::Date };
                let frame = subject::frame(text, toks, at, kind, None);
                out.push(Figure {
                    span: Span::new(toks[w.first].start, toks[w.end - 1].end),
                    value: w.value,
                    unit: if w.is_time { "time" } else { "date" },
                    precision: 0.0,
                    hedge: w.hedge,
                    subject: self.subjects.intern(frame.subject),
                    baseline: frame.baseline.map(String::into_boxed_str),
                    direction: None,
                    update: false,
                    sentence: si as u32,
                });
                i = w.end.max(i + 1);
                continue;
            }
            if let Some(q) = quantity::match_at(text, toks, i, &config.tolerances) {
                let next = q.end.max(i + 1);
                if !q.skip && q.end > q.first {
                    let at = At {
                        first: q.first,
                        head_end: q.head_end,
                        end: q.end,
                        hyphenated: q.hyphenated,
                    };
                    let name = if q.kind == QKind::Age {
                        age_name(text, toks, &q).or(*last_name)
                    } else {
                        None
                    };
                    let frame = subject::frame(text, toks, at, For::Quantity(q.kind), name);
                    let value = if q.unit == "percent"
                        && frame.direction == Some(Direction::Fall)
                        && frame.subject.ends_with("change")
                    {
                        negated(q.value)
                    } else {
                        q.value
                    };
                    out.push(Figure {
                        span: Span::new(toks[q.first].start, toks[q.end - 1].end),
                        value,
                        unit: q.unit,
                        precision: q.precision,
                        hedge: q.hedge,
                        subject: self.subjects.intern(frame.subject),
                        baseline: frame.baseline.map(String::into_boxed_str),
                        direction: frame.direction,
                        update: frame.update,
                        sentence: si as u32,
                    });
                }
                i = next;
                continue;
            }
            i += 1;
        }
    }
}

/// A fall as a negative change: "down 18%" → −18 (tests/gold labels changes signed).
fn negated(v: Interval) -> Interval {
    Interval {
        low: v.high.map(|h| -h),
        high: v.low.map(|l| -l),
        low_open: v.high_open,
        high_open: v.low_open,
    }
}

/// A line of page furniture stamping the article ("AUGUST 2, 2013 | 08:06 AM PT",
/// "Updated: Friday 2 August 2013 14:20 GMT"): only numbers, marks and date words. The
/// article's own date line is not a figure.
fn is_date_line(text: &str, toks: &[Tok]) -> bool {
    const STAMP_WORDS: &[&str] = &[
        "am",
        "pm",
        "a",
        "p",
        "m",
        "gmt",
        "utc",
        "bst",
        "cet",
        "est",
        "edt",
        "pst",
        "pdt",
        "et",
        "pt",
        "updated",
        "posted",
        "published",
        "last",
        "modified",
        "on",
        "at",
        "by",
        "of",
    ];
    // most sentences have no number: no need to look at their words
    if !toks.iter().any(|t| t.kind == Kind::Num) {
        return false;
    }
    let mut numbers = 0;
    for t in toks {
        match t.kind {
            Kind::Num => numbers += 1,
            Kind::Word => {
                let w = t.text(text);
                let w = w.strip_suffix("'s").unwrap_or(w);
                if crate::dates::month_from_name(w).is_none()
                    && crate::dates::weekday_from_name(w).is_none()
                    && !tokens::is_any(w, STAMP_WORDS)
                {
                    return false;
                }
            }
            _ => {}
        }
    }
    numbers > 0
}

/// Asked for every word of every sentence ([`last_person_like`]): an ASCII first byte is
/// answered without decoding.
fn is_cap_word(text: &str, t: &Tok) -> bool {
    if t.kind != Kind::Word || t.end <= t.start {
        return false;
    }
    // a token starts at a char boundary: an ASCII byte there is its first char
    match text.as_bytes().get(t.start) {
        Some(b) if b.is_ascii() => b.is_ascii_uppercase(),
        _ => t
            .text(text)
            .chars()
            .next()
            .is_some_and(|c| c.is_uppercase()),
    }
}

/// The surname an age belongs to: "Ortega, 54," → the word before the comma; "the
/// 54-year-old Luis Ortega" → the last word of the name after; else the last capitalised
/// pair earlier in the sentence.
fn age_name<'a>(text: &'a str, toks: &[Tok], q: &quantity::Quantity) -> Option<&'a str> {
    let n = q.num;
    if n >= 2 && matches!(toks[n - 1].text(text), "," | "(") && is_cap_word(text, &toks[n - 2]) {
        return Some(toks[n - 2].text(text));
    }
    // "Hector Duarte, a 54-year-old fisherman"
    if q.first >= 3
        && toks[q.first - 2].text(text) == ","
        && is_cap_word(text, &toks[q.first - 3])
        && tokens::is_any(toks[q.first - 1].text(text), &["a", "an", "the"])
    {
        return Some(toks[q.first - 3].text(text));
    }
    // "a 17-year-old son": an indefinite unnamed person → "son"
    let indefinite = q.first > 0 && tokens::is_any(toks[q.first - 1].text(text), &["a", "an"]);
    if indefinite {
        let t = toks.get(q.end)?;
        let w = t.text(text);
        let noun = t.kind == Kind::Word && w.chars().next().is_some_and(|c| c.is_lowercase());
        return noun.then_some(w);
    }
    // after: "54-year-old Luis Ortega"
    let mut k = q.end;
    let mut last = None;
    while k < toks.len() && is_cap_word(text, &toks[k]) {
        last = Some(toks[k].text(text));
        k += 1;
    }
    if last.is_some() {
        return last;
    }
    let from = q.first.saturating_sub(30);
    last_person_like(text, toks.get(from..q.first).unwrap_or(&[]))
}

/// The last word of the last run of two or more capitalised words (not sentence-initial
/// alone): a cheap stand-in for "the person last named".
fn last_person_like<'a>(text: &'a str, toks: &[Tok]) -> Option<&'a str> {
    let mut best = None;
    let mut run = 0;
    for (k, t) in toks.iter().enumerate() {
        if is_cap_word(text, t) {
            run += 1;
            if run >= 2 {
                best = Some(toks[k].text(text));
            }
        } else {
            run = 0;
        }
    }
    best
}

/// A short human form of a figure's normalised value, as a person would write it: "7",
/// "≥ 30", "24–26", "≈33%", "4600000000 USD", "2026-06-08", "19:15", "3 days",
/// "72–88 min". Long fractions are rounded ("a third" → "≈33%"; a hedge's 10 % margin
/// never shows as "36.300000000000004"); durations are in the largest unit that keeps
/// them whole or short (canonical seconds stay in the JSON). One form for the CLI and the
/// editor, so both say the same.
pub fn describe_value(f: &Figure) -> String {
    let mut out = String::new();
    write_value(&mut out, f);
    out
}

/// [`describe_value`] appended to `out` (the printers reuse one buffer: no string per
/// figure).
pub fn write_value(out: &mut String, f: &Figure) {
    let mut held = [0.0; 2];
    let mut n = 0;
    for v in [f.value.low, f.value.high].into_iter().flatten() {
        held[n] = v;
        n += 1;
    }
    let bounds = &held[..n];
    let (scale, unit) = if f.unit == "s" {
        duration_unit(bounds)
    } else {
        (1.0, f.unit)
    };
    let show = |out: &mut String, v: f64| match f.unit {
        "date" => out.push_str(&crate::dates::Date::from_days((v / 86_400.0).floor() as i64).iso()),
        "time" => {
            let s = v.max(0.0) as i64;
            let _ = write!(out, "{:02}:{:02}", s / 3600, (s % 3600) / 60);
        }
        _ => write_short_number(out, v / scale),
    };
    match (f.value.low, f.value.high) {
        (Some(l), Some(h)) if l == h => show(out, l),
        (Some(l), Some(h)) => {
            show(out, l);
            out.push('–');
            show(out, h);
        }
        (Some(l), None) => {
            out.push_str(if f.value.low_open { "> " } else { "≥ " });
            show(out, l);
        }
        (None, Some(h)) => {
            out.push_str(if f.value.high_open { "< " } else { "≤ " });
            show(out, h);
        }
        (None, None) => out.push('?'),
    }
    match unit {
        "count" | "date" | "time" | "" => {}
        "percent" => out.push('%'),
        "days" | "weeks" if bounds.iter().all(|&b| b == scale) => {
            out.push(' ');
            out.push_str(unit.trim_end_matches('s'));
        }
        u => {
            out.push(' ');
            out.push_str(u);
        }
    }
}

/// The unit a duration of these bounds (seconds) reads best in, as its size in seconds
/// and its name: the largest of weeks, days, hours, minutes and seconds in which every
/// bound is a whole number of at most 120 ("90 min", "3 days"); else the largest in which
/// every bound is at least one with one decimal at most ("4.5–5 h"); else seconds.
fn duration_unit(bounds: &[f64]) -> (f64, &'static str) {
    const UNITS: [(f64, &str); 5] = [
        (604_800.0, "weeks"),
        (86_400.0, "days"),
        (3_600.0, "h"),
        (60.0, "min"),
        (1.0, "s"),
    ];
    let all = |size: f64, ok: &dyn Fn(f64) -> bool| {
        !bounds.is_empty()
            && bounds.iter().all(|&b| {
                let x = b / size;
                x.is_finite() && ok(x)
            })
    };
    let whole = |x: f64| x.fract() == 0.0 && (1.0..=120.0).contains(&x.abs());
    let one_decimal = |x: f64| x.abs() >= 1.0 && ((x * 10.0).round() - x * 10.0).abs() < 1e-6;
    UNITS
        .into_iter()
        .find(|&(size, _)| all(size, &whole))
        .or_else(|| UNITS.into_iter().find(|&(size, _)| all(size, &one_decimal)))
        .unwrap_or((1.0, "s"))
}

/// A number without noise: integers as integers, short decimals as written, long
/// fractions rounded with "≈".
fn write_short_number(out: &mut String, v: f64) {
    if !v.is_finite() {
        out.push('?');
    } else if v.fract() == 0.0 && v.abs() < 1e15 {
        let _ = write!(out, "{}", v as i64);
    } else {
        let two = (v * 100.0).round() / 100.0;
        let _ = if (two - v).abs() < 1e-9 {
            write!(out, "{two}")
        } else if v.abs() >= 1.0 {
            write!(out, "≈{}", v.round() as i64)
        } else {
            write!(out, "≈{v:.2}")
        };
    }
}
