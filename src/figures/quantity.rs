//! Quantities: a number with its currency, scale, unit, hedge and range partner, read at
//! one token. Dates and times are read first by [`super::when`].

use super::filters;
use super::hedges;
use super::numbers::{self, Number};
use super::tokens::{is_any, Kind, Lexicon, Tok};
use super::units::{self, Dim};
use super::{Hedge, Interval};
use crate::config::Tolerances;

/// What a quantity measures, deciding how its subject is found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum QKind {
    Count,
    Measure(Dim),
    /// "54-year-old", "Ortega, 54,", "aged 54".
    Age,
    /// "a 6.1-magnitude quake", "magnitude 6.1".
    Magnitude,
    /// "half of the residents", "a third of households": a percentage share.
    Fraction,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Quantity {
    pub first: usize,
    pub end: usize,
    /// The number's own first token (after hedge and currency).
    pub num: usize,
    /// The token after the number and unit, before any range partner.
    pub head_end: usize,
    pub value: Interval,
    pub unit: &'static str,
    pub precision: f64,
    pub hedge: Hedge,
    pub kind: QKind,
    /// Joined by a hyphen to its unit ("15-minute call"): the noun after is what it measures.
    pub hyphenated: bool,
    /// Read but not a figure (name, score, address …): skip these tokens.
    pub skip: bool,
}

/// Sports words that make "2-1" a score.
const SPORTS: Lexicon = Lexicon::new(&[
    "won",
    "win",
    "wins",
    "beat",
    "beats",
    "defeated",
    "defeat",
    "victory",
    "lost",
    "loss",
    "draw",
    "drew",
    "tie",
    "tied",
    "score",
    "scored",
    "scoreline",
    "goal",
    "goals",
    "match",
    "game",
    "games",
    "league",
    "cup",
    "final",
    "semifinal",
    "playoff",
    "innings",
    "set",
    "sets",
    "halftime",
    "half-time",
    "penalties",
    "leads",
    "led",
    "trailing",
    "record",
    "coach",
    "nba",
    "nfl",
    "nhl",
    "mlb",
    "wins",
    "playoffs",
    "standings",
    "seed",
    "season",
    "seasons",
    "series",
    "overtime",
    "points",
]);

/// The unit of a read quantity before the hedge is applied.
struct Measured {
    unit: &'static str,
    factor: f64,
    kind: QKind,
    end: usize,
    hyphenated: bool,
}

pub fn match_at(text: &str, toks: &[Tok], i: usize, tol: &Tolerances) -> Option<Quantity> {
    let money = if toks.get(i)?.kind == Kind::Num {
        units::currency_before(text, toks, i)
    } else {
        None
    };
    let n = numbers::read(text, toks, i, money.is_some())?;
    let mut first = money.map(|(_, f)| f).unwrap_or(i);
    if n.from_words && !word_number_stands_alone(text, toks, &n) {
        return None;
    }
    let skip_all = |end: usize| {
        Some(Quantity {
            first,
            end,
            num: i,
            head_end: end,
            value: Interval::default(),
            unit: "",
            precision: 0.0,
            hedge: Hedge::Exact,
            kind: QKind::Count,
            hyphenated: false,
            skip: true,
        })
    };
    if let Some(end) = score_end(text, toks, i, &n) {
        return skip_all(end);
    }
    if filters::is_not_figure(text, toks, first, i) {
        return skip_all(n.end.max(i + 1));
    }
    let measured = measure(text, toks, &n, money.map(|(c, _)| c))?;
    let mut end = measured.end;
    // "thirty years ago" dates something vaguely; not a duration figure
    if matches!(measured.kind, QKind::Measure(Dim::Duration))
        && toks
            .get(end)
            .is_some_and(|t| t.text(text).eq_ignore_ascii_case("ago"))
    {
        return skip_all(end + 1);
    }
    if is_year_like(text, toks, &n, money.is_some(), &measured) {
        return skip_all(end);
    }
    // hedge before, with "between … and …"
    let mut hedge = Hedge::Exact;
    if let Some((h, start)) = hedges::before(text, toks, first) {
        if !(h == Hedge::MoreThan
            && measured.kind == QKind::Measure(Dim::Duration)
            && toks[start].text(text).eq_ignore_ascii_case("over"))
        {
            hedge = h;
            first = start;
        }
    }
    if let Some(v) = n.vague {
        let interval = Interval {
            low: Some(v.0 * measured.factor),
            high: v.1.map(|h| h * measured.factor),
            low_open: false,
            high_open: false,
        };
        return Some(Quantity {
            first,
            end,
            num: i,
            head_end: end,
            value: interval,
            unit: measured.unit,
            precision: 0.0,
            hedge: Hedge::Vague,
            kind: measured.kind,
            hyphenated: measured.hyphenated,
            skip: false,
        });
    }
    let v = n.value * measured.factor;
    let precision = precision_of(&n, &measured);
    // ranges and alternatives
    let head_end = end;
    if let Some(p) = partner(text, toks, &n, &measured, hedge, money.is_some()) {
        let (unit, kind) = p.unit.unwrap_or((measured.unit, measured.kind));
        return Some(Quantity {
            first,
            end: p.end,
            num: i,
            head_end: p.end,
            value: Interval::closed(p.low, p.high),
            unit,
            precision,
            hedge: p.hedge,
            kind,
            hyphenated: measured.hyphenated,
            skip: false,
        });
    }
    if hedge == Hedge::Range {
        hedge = Hedge::Exact; // "between" without its "and"
        first = money.map(|(_, f)| f).unwrap_or(i);
    }
    if hedge == Hedge::Exact {
        if let Some((h, e)) = hedges::after(text, toks, end) {
            hedge = h;
            end = e;
        }
    }
    Some(Quantity {
        first,
        end,
        num: i,
        head_end,
        value: hedges::apply(hedge, v, tol),
        unit: measured.unit,
        precision,
        hedge,
        kind: measured.kind,
        hyphenated: measured.hyphenated,
        skip: false,
    })
}

/// Number words that are not figures: "one of", "no one", "one another", "the one who".
fn word_number_stands_alone(text: &str, toks: &[Tok], n: &Number) -> bool {
    if n.vague.is_some() || n.fraction {
        return true;
    }
    let single = n.end == n.first + 1;
    let w = toks[n.first].text(text);
    let prev = n
        .first
        .checked_sub(1)
        .map(|k| toks[k].text(text))
        .unwrap_or("");
    let next = toks.get(n.end).map(|t| t.text(text)).unwrap_or("");
    if single
        && w.eq_ignore_ascii_case("one")
        && (is_any(
            prev,
            &[
                "no", "the", "any", "every", "each", "this", "that", "which", "someone", "anyone",
                "everyone", "no-one",
            ],
        ) || is_any(
            next,
            &[
                "of", "another", "day", "time", "way", "thing", "more", "side", "point", "hand",
                "who", "that", "which", "is", "was", "has", "had", "could", "would", "should",
                "can", "will", "might", "must", "in", "on", "at", "by", "for", "with", "to", "and",
                "or", "said", "says", "-", "'s", "’s", "too", "else",
            ],
        ) || toks.get(n.end).map_or(true, |t| t.kind != Kind::Word))
    {
        return false;
    }
    // "zero tolerance", "ten-year plan" handled by units; a capitalised number word mid
    // sentence is usually a name ("Fantastic Four", "Big Ten")
    if n.first > 0 && w.chars().next().is_some_and(|c| c.is_uppercase()) {
        let prev_t = &toks[n.first - 1];
        if prev_t.kind == Kind::Word && !is_any(prev_t.text(text), &["a", "an"]) {
            return false;
        }
    }
    // "ten" as a lone noun-less word after "top": "top ten"
    if is_any(
        prev,
        &["top", "number", "no", "chapter", "section", "article"],
    ) {
        return false;
    }
    true
}

/// A sports score "2-1", "3–0": the end token if this is one.
fn score_end(text: &str, toks: &[Tok], i: usize, n: &Number) -> Option<usize> {
    if n.from_words || n.end != i + 1 {
        return None;
    }
    let dash = toks.get(i + 1)?;
    if dash.kind != Kind::Punct || !matches!(dash.text(text), "-" | "–" | "—") {
        return None;
    }
    let b = toks.get(i + 2).filter(|t| t.kind == Kind::Num)?;
    let (a_v, _) = numbers::parse_digits(toks[i].text(text))?;
    let (b_v, _) = numbers::parse_digits(b.text(text))?;
    let sporty = toks[i.saturating_sub(30)..(i + 30).min(toks.len())]
        .iter()
        .any(|t| t.kind == Kind::Word && is_any(t.text(text), &SPORTS));
    let small = a_v <= 200.0 && b_v <= 200.0 && a_v.fract() == 0.0 && b_v.fract() == 0.0;
    // a unit after the pair makes it a range of measures ("10-12 miles")
    let unit_after = units::unit_after(text, toks, i + 3, false, false).is_some()
        || toks.get(i + 3).is_some_and(|t| {
            t.text(text) == "%"
                || numbers::scale_word(t.text(text), !t.space_before, false).is_some()
        });
    if small && !unit_after && (sporty || a_v >= b_v) {
        return Some(i + 3);
    }
    None
}

/// Bare years ("2019" without "in", handled by dates) and decades are not counts.
fn is_year_like(text: &str, toks: &[Tok], n: &Number, money: bool, m: &Measured) -> bool {
    if money || n.from_words || n.scaled || m.kind != QKind::Count || n.vague.is_some() {
        return false;
    }
    let s = toks[n.first].text(text);
    s.len() == 4 && s.bytes().all(|b| b.is_ascii_digit()) && (1800.0..=2100.0).contains(&n.value)
}

/// Precision: half the last printed digit's step in the canonical unit; 0 for number
/// words and for plain (unscaled) counts and money amounts, which are exact.
fn precision_of(n: &Number, m: &Measured) -> f64 {
    if n.from_words {
        return 0.0;
    }
    match m.kind {
        QKind::Count | QKind::Age if !n.scaled => 0.0,
        QKind::Measure(Dim::Money) if !n.scaled => 0.0,
        _ => n.half_step * m.factor,
    }
}

/// The unit and kind after the number (and what it adds to the span).
fn measure(
    text: &str,
    toks: &[Tok],
    n: &Number,
    currency: Option<&'static str>,
) -> Option<Measured> {
    let end = n.end;
    let w = |k: usize| toks.get(k).map(|t| t.text(text)).unwrap_or("");
    let attached = |k: usize| toks.get(k).is_some_and(|t| !t.space_before);
    if let Some(code) = currency {
        // "$5 million dollars": swallow the word
        let end = match units::unit_after(text, toks, end, n.scaled, true) {
            Some(u) if u.dim == Dim::Money => u.end,
            _ => end,
        };
        return Some(Measured {
            unit: code,
            factor: 1.0,
            kind: QKind::Measure(Dim::Money),
            end,
            hyphenated: false,
        });
    }
    if n.fraction {
        // "half of the residents" → 50 % share; "half an hour" → 1800 s
        if w(end).eq_ignore_ascii_case("of") {
            return Some(Measured {
                unit: "percent",
                factor: 100.0,
                kind: QKind::Fraction,
                end,
                hyphenated: false,
            });
        }
        if is_any(w(end), &["a", "an"]) {
            let u = units::unit_after(text, toks, end + 1, false, false)?;
            return Some(Measured {
                unit: u.unit,
                factor: u.factor,
                kind: QKind::Measure(u.dim),
                end: u.end,
                hyphenated: false,
            });
        }
        return None;
    }
    // ages: "42-year-old", "42 years old", "42-years-old"
    let hy = matches!(w(end), "-" | "‑") && attached(end);
    let k = if hy { end + 1 } else { end };
    if is_any(w(k), &["year", "years"]) {
        let mut j = k + 1;
        if matches!(w(j), "-" | "‑") {
            j += 1;
        }
        if w(j).eq_ignore_ascii_case("old") {
            return Some(Measured {
                unit: "count",
                factor: 1.0,
                kind: QKind::Age,
                end: j + 1,
                hyphenated: false,
            });
        }
    }
    // magnitude: "6.1-magnitude", "6.1 magnitude"
    if w(k).eq_ignore_ascii_case("magnitude") {
        return Some(Measured {
            unit: "count",
            factor: 1.0,
            kind: QKind::Magnitude,
            end: k + 1,
            hyphenated: false,
        });
    }
    // "5 €", "5€": a currency sign after the number
    if let Some(t) = toks.get(end).filter(|t| t.kind == Kind::Punct) {
        let code = match t.text(text) {
            "€" => Some("EUR"),
            "£" => Some("GBP"),
            "$" => Some("USD"),
            _ => None,
        };
        if let Some(code) = code {
            return Some(Measured {
                unit: code,
                factor: 1.0,
                kind: QKind::Measure(Dim::Money),
                end: end + 1,
                hyphenated: false,
            });
        }
    }
    if let Some((code, e)) = units::country_money_after(text, toks, end) {
        return Some(Measured {
            unit: code,
            factor: 1.0,
            kind: QKind::Measure(Dim::Money),
            end: e,
            hyphenated: false,
        });
    }
    if let Some(u) = units::unit_after(text, toks, end, n.scaled, false) {
        return Some(Measured {
            unit: u.unit,
            factor: u.factor,
            kind: QKind::Measure(u.dim),
            end: u.end,
            hyphenated: u.hyphenated,
        });
    }
    // "magnitude 6.1", "magnitude-6.1", "measuring 6.1 on the Richter scale"
    let prev = n
        .first
        .checked_sub(1)
        .map(|p| toks[p].text(text))
        .unwrap_or("");
    let prev2 = n
        .first
        .checked_sub(2)
        .map(|p| toks[p].text(text))
        .unwrap_or("");
    if prev.eq_ignore_ascii_case("magnitude")
        || (prev == "-" && prev2.eq_ignore_ascii_case("magnitude"))
        || (w(end).eq_ignore_ascii_case("on") && w(end + 2).eq_ignore_ascii_case("richter"))
    {
        return Some(Measured {
            unit: "count",
            factor: 1.0,
            kind: QKind::Magnitude,
            end,
            hyphenated: false,
        });
    }
    // ages: "aged 54", "Ortega, 54,"
    if is_any(prev, &["aged", "age"]) || is_name_comma_age(text, toks, n) {
        return Some(Measured {
            unit: "count",
            factor: 1.0,
            kind: QKind::Age,
            end,
            hyphenated: false,
        });
    }
    Some(Measured {
        unit: "count",
        factor: 1.0,
        kind: QKind::Count,
        end,
        hyphenated: false,
    })
}

/// "Ortega, 54, said" / "Ana Ruiz (54)": a small integer set off after a capitalised name.
fn is_name_comma_age(text: &str, toks: &[Tok], n: &Number) -> bool {
    if n.from_words || n.scaled || n.end != n.first + 1 || n.first < 2 {
        return false;
    }
    let s = toks[n.first].text(text);
    if s.len() > 3 || !s.bytes().all(|b| b.is_ascii_digit()) || !(1.0..=120.0).contains(&n.value) {
        return false;
    }
    let open = toks[n.first - 1].text(text);
    let close = toks.get(n.end).map(|t| t.text(text)).unwrap_or("");
    let name = &toks[n.first - 2];
    let named = name.kind == Kind::Word
        && name
            .text(text)
            .chars()
            .next()
            .is_some_and(|c| c.is_uppercase());
    named
        && ((open == "," && matches!(close, "," | "." | ";" | "")) || (open == "(" && close == ")"))
}

/// A range or alternative partner after the first number: "10 to 12", "10-12", "22 or
/// 23", "between 10 and 12", "$3m-$4m", "3 to 4 million", "10 to 12 miles".
struct Partner {
    low: f64,
    high: f64,
    end: usize,
    hedge: Hedge,
    /// The unit written after the second number, for both ("10 to 12 miles").
    unit: Option<(&'static str, QKind)>,
}

fn partner(
    text: &str,
    toks: &[Tok],
    n: &Number,
    m: &Measured,
    hedge: Hedge,
    money: bool,
) -> Option<Partner> {
    if n.vague.is_some() || n.fraction || m.kind == QKind::Age || m.kind == QKind::Fraction {
        return None;
    }
    let end = m.end;
    let conn = toks.get(end)?;
    let c = conn.text(text);
    let h = if hedge == Hedge::Range {
        if !c.eq_ignore_ascii_case("and") && !c.eq_ignore_ascii_case("to") {
            return None;
        }
        Hedge::Range
    } else if matches!(c, "-" | "–" | "—") || c.eq_ignore_ascii_case("to") {
        Hedge::Range
    } else if c.eq_ignore_ascii_case("or") {
        Hedge::Alternatives
    } else {
        return None;
    };
    if hedge != Hedge::Exact && hedge != Hedge::Range {
        return None;
    }
    // "from 10 to 12" is a change, not a range
    if c.eq_ignore_ascii_case("to")
        && n.first >= 1
        && is_any(toks[n.first - 1].text(text), &["from"])
    {
        return None;
    }
    let mut j = end + 1;
    if money
        && toks
            .get(j)
            .is_some_and(|t| t.kind == Kind::Punct && matches!(t.text(text), "$" | "€" | "£"))
    {
        j += 1; // "$3m-$4m"
    }
    let n2 = numbers::read(text, toks, j, money)?;
    if n2.vague.is_some() || n2.fraction || n2.from_words != n.from_words {
        return None;
    }
    let m2 = if money {
        None
    } else {
        measure(text, toks, &n2, None)
    };
    let mut v1 = n.value * m.factor;
    let mut v2 = n2.value * m.factor;
    let mut end2 = n2.end;
    let mut unit = None;
    if let Some(m2) = m2 {
        if m2.kind == m.kind && m2.unit == m.unit {
            end2 = m2.end;
        } else if m.kind == QKind::Count && m.end == n.end && matches!(m2.kind, QKind::Measure(_)) {
            v1 = n.value * m2.factor;
            v2 = n2.value * m2.factor;
            end2 = m2.end;
            unit = Some((m2.unit, m2.kind));
        } else {
            return None;
        }
    }
    // a scale written only after the second number applies to both ("3 to 4 million")
    if !n.scaled && n2.scaled && !n.from_words {
        let scale = n2.value / first_digits_value(text, toks, &n2).unwrap_or(n2.value);
        if scale > 1.0 && n.value * scale <= n2.value * 10.0 {
            v1 = n.value * scale * m.factor.max(1.0);
        }
    }
    if h == Hedge::Range && v2 <= v1 {
        return None;
    }
    Some(Partner {
        low: v1.min(v2),
        high: v1.max(v2),
        end: end2,
        hedge: h,
        unit,
    })
}

/// The value of a numeral's digits alone, before its scale word.
fn first_digits_value(text: &str, toks: &[Tok], n: &Number) -> Option<f64> {
    numbers::parse_digits(toks.get(n.first)?.text(text)).map(|(v, _)| v)
}
