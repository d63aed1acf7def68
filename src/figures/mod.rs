//! Figures: numbers a reader takes as reported facts, normalised to an interval with a
//! unit, and keyed by the subject they quantify.

use crate::config::Config;
use crate::dates::DateTime;
use crate::Span;
use serde::Serialize;

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
    pub unit: String,
    /// Half the step of the last printed digit, in `unit` ("40%" → 0.5; "2.3 billion" →
    /// 0.05e9; number words and exact counts → 0): the rounding a comparison must allow.
    pub precision: f64,
    pub hedge: Hedge,
    /// What is quantified, as a normalised key: `killed`, `injured`, `injured: paramedics`,
    /// `arrested`, `event date`, `vote share`, … (see the subject lexicon in `subject.rs`).
    pub subject: String,
    /// Baseline or reference period as stated ("compared to October 2024", "year on year").
    pub baseline: Option<String>,
    pub direction: Option<Direction>,
    /// The text presents the value as an update over time ("raised the toll to 9").
    pub update: bool,
    /// Index of the sentence holding the figure.
    pub sentence: usize,
}

/// Extract the figures of an article's sentences. `published` resolves relative dates
/// ("Friday", "yesterday").
pub fn extract(
    _text: &str,
    _sentences: &[Span],
    _published: Option<DateTime>,
    _config: &Config,
) -> Vec<Figure> {
    Vec::new()
}

/// A short human form of a figure's value: "30–∞ count", "7 count", "2026-06-08 date".
pub fn describe_value(f: &Figure) -> String {
    let show = |v: f64| -> String {
        match f.unit.as_str() {
            "date" => crate::dates::Date::from_days((v / 86_400.0).floor() as i64).iso(),
            "time" => format!(
                "{:02}:{:02}",
                (v / 3600.0) as i64,
                ((v % 3600.0) / 60.0) as i64
            ),
            _ if v.fract() == 0.0 && v.abs() < 1e15 => format!("{}", v as i64),
            _ => format!("{v}"),
        }
    };
    let range = match (f.value.low, f.value.high) {
        (Some(l), Some(h)) if l == h => show(l),
        (Some(l), Some(h)) => format!("{}–{}", show(l), show(h)),
        (Some(l), None) => format!("{}{}", if f.value.low_open { "> " } else { "≥ " }, show(l)),
        (None, Some(h)) => format!("{}{}", if f.value.high_open { "< " } else { "≤ " }, show(h)),
        (None, None) => "?".to_string(),
    };
    match f.unit.as_str() {
        "count" | "date" | "time" => range,
        "percent" => format!("{range}%"),
        u => format!("{range} {u}"),
    }
}
