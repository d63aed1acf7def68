//! Dates and times of day in running text.
//!
//! Dates: "June 8", "June 8, 2026", "8 June 2026", "June 8th", "January 22–23",
//! "May 5 or 6", "June 2026" (the month), "in 2019" (the year), weekdays ("Friday",
//! "on Friday", "last Friday", "Tuesday night", "early Tuesday"), "yesterday", "today",
//! "tonight", "tomorrow", "last night", "this morning".
//! Relative dates resolve against the publication date: a weekday is the most recent such
//! day on or before publication, or the next one on or after it when the clause is in the
//! future tense ("will meet on Friday"); "last Friday" is strictly before, "next Friday"
//! strictly after. A day and month without a year take the year that puts the date nearest
//! the publication date (the next such date in the future tense). Without a publication
//! date, relative and year-less dates are not emitted: they cannot be given a value.
//!
//! Times: "7:15 p.m.", "7 pm", "19:15", "1915 GMT", "noon", "midnight", with "about",
//! "shortly after/before", "just after/before".

use super::tokens::{is_any, Kind, Lexicon, Tok};
use super::{hedges, Hedge, Interval};
use crate::dates::{days_in_month, month_from_name, weekday_from_name, Date, DateTime};

/// A date or time found at some token range.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct When {
    pub first: usize,
    pub end: usize,
    pub value: Interval,
    pub hedge: Hedge,
    pub is_time: bool,
    /// A date written without a year and no publication date to resolve it: not emitted,
    /// but its tokens are consumed so "June 8" never becomes the count 8.
    pub unresolved: bool,
}

fn word<'a>(text: &'a str, toks: &[Tok], i: usize) -> &'a str {
    toks.get(i)
        .filter(|t| t.kind == Kind::Word)
        .map(|t| t.text(text))
        .unwrap_or("")
}

fn punct<'a>(text: &'a str, toks: &[Tok], i: usize) -> &'a str {
    toks.get(i)
        .filter(|t| t.kind == Kind::Punct)
        .map(|t| t.text(text))
        .unwrap_or("")
}

fn int_at(text: &str, toks: &[Tok], i: usize) -> Option<u32> {
    let t = toks.get(i).filter(|t| t.kind == Kind::Num)?;
    let s = t.text(text);
    if s.len() > 4 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

fn is_dash(s: &str) -> bool {
    matches!(s, "-" | "–" | "—" | "‑")
}

/// A month name: capitalised, and "May"/"March" only when a day or year is written next
/// to them (checked by the callers).
fn month_at(text: &str, toks: &[Tok], i: usize) -> Option<u32> {
    let w = word(text, toks, i);
    if w.len() > 9 {
        return None;
    }
    if !w.chars().next().is_some_and(|c| c.is_uppercase()) {
        return None;
    }
    let m = month_from_name(w)?;
    Some(m)
}

/// Skip an attached ordinal suffix or the period of an abbreviated month.
fn skip_ordinal(text: &str, toks: &[Tok], i: usize) -> usize {
    match toks.get(i) {
        Some(t) if t.kind == Kind::Word && !t.space_before => {
            if is_any(t.text(text), &["st", "nd", "rd", "th"]) {
                i + 1
            } else {
                i
            }
        }
        _ => i,
    }
}

fn year_at(text: &str, toks: &[Tok], i: usize) -> Option<i32> {
    let t = toks.get(i)?;
    let y = int_at(text, toks, i)?;
    (t.text(text).len() == 4 && (1000..=2999).contains(&y)).then_some(y as i32)
}

fn day_seconds(d: Date) -> f64 {
    d.epoch_seconds() as f64
}

/// The year for a day and month written without one.
fn infer_year(month: u32, day: u32, published: Option<DateTime>, future: bool) -> Option<Date> {
    let p = published?.date;
    let mut best: Option<Date> = None;
    for y in [p.year - 1, p.year, p.year + 1] {
        let Some(d) = Date::new(y, month, day) else {
            continue;
        };
        let better = match best {
            None => true,
            Some(b) if future => d >= p && (b < p || d < b),
            Some(b) => (d.days() - p.days()).abs() < (b.days() - p.days()).abs(),
        };
        if better {
            best = Some(d);
        }
    }
    best
}

/// Words marking the future (or a schedule) before a date: "will meet on Friday",
/// "meets on Thursday", "is due", "would hold".
const FUTURE: Lexicon = Lexicon::new(&[
    "will",
    "shall",
    "scheduled",
    "due",
    "upcoming",
    "planned",
    "expected",
    "tomorrow",
    "next",
    "won't",
    "meets",
    "opens",
    "begins",
    "starts",
    "resumes",
    "go",
    "goes",
    "faces",
    "hosts",
    "returns",
    "expires",
    "would",
]);

/// Is the clause before token `i` in the future tense?
pub fn future_before(text: &str, toks: &[Tok], i: usize) -> bool {
    let from = i.saturating_sub(10);
    (from..i).any(|k| {
        let w = word(text, toks, k);
        is_any(w, &FUTURE)
            || (w.eq_ignore_ascii_case("to") && word(text, toks, k + 1).eq_ignore_ascii_case("be"))
            || w.ends_with("'ll")
            || w.ends_with("’ll")
    })
}

/// Match a date or a time at token `i`.
pub fn match_at(text: &str, toks: &[Tok], i: usize, published: Option<DateTime>) -> Option<When> {
    let t = toks.get(i)?;
    match t.kind {
        Kind::Num => time_numeric(text, toks, i)
            .or_else(|| day_month(text, toks, i, published))
            .or_else(|| bare_year(text, toks, i)),
        Kind::Word => month_day(text, toks, i, published)
            .or_else(|| weekday(text, toks, i, published))
            .or_else(|| relative_day(text, toks, i, published))
            .or_else(|| named_time(text, toks, i)),
        _ => None,
    }
}

fn date_value(d: Date) -> Interval {
    Interval::exact(day_seconds(d))
}

/// "June 8", "June 8, 2026", "Jan. 8th", "January 22–23", "May 5 or 6", "June 2026".
fn month_day(text: &str, toks: &[Tok], i: usize, published: Option<DateTime>) -> Option<When> {
    let month = month_at(text, toks, i)?;
    let mut j = i + 1;
    if punct(text, toks, j) == "." && !toks[j].space_before {
        j += 1;
    }
    // "June 2026"
    if let Some(y) = year_at(text, toks, j) {
        let first = Date::new(y, month, 1)?;
        let last = Date::new(y, month, days_in_month(y, month))?;
        return Some(When {
            first: i,
            end: j + 1,
            value: Interval::closed(day_seconds(first), day_seconds(last)),
            hedge: Hedge::Range,
            is_time: false,
            unresolved: false,
        });
    }
    let day = int_at(text, toks, j).filter(|d| (1..=31).contains(d))?;
    if toks[j].text(text).len() > 2 || toks[j].newline_before {
        return None;
    }
    j = skip_ordinal(text, toks, j + 1);
    // a second day: "22–23", "5 or 6"
    let mut day2 = None;
    let mut hedge = Hedge::Exact;
    let conn = toks.get(j).map(|t| t.text(text)).unwrap_or("");
    if is_dash(conn) || conn.eq_ignore_ascii_case("or") || conn.eq_ignore_ascii_case("to") {
        if let Some(d2) = int_at(text, toks, j + 1).filter(|&d| d > day && d <= 31) {
            if toks[j + 1].text(text).len() <= 2 {
                day2 = Some(d2);
                hedge = if conn.eq_ignore_ascii_case("or") {
                    Hedge::Alternatives
                } else {
                    Hedge::Range
                };
                j = skip_ordinal(text, toks, j + 2);
            }
        }
    }
    // ", 2026" or " 2026"
    let mut year = None;
    if punct(text, toks, j) == "," {
        if let Some(y) = year_at(text, toks, j + 1) {
            year = Some(y);
            j += 2;
        }
    } else if let Some(y) = year_at(text, toks, j) {
        year = Some(y);
        j += 1;
    }
    let future = future_before(text, toks, i);
    let d1 = match year {
        Some(y) => Date::new(y, month, day)?,
        None => match infer_year(month, day, published, future) {
            Some(d) => d,
            None => return Some(unresolved(i, j)),
        },
    };
    let value = match day2 {
        Some(d2) => {
            let d2 = Date::new(d1.year, month, d2)?;
            Interval::closed(day_seconds(d1), day_seconds(d2))
        }
        None => date_value(d1),
    };
    Some(When {
        first: i,
        end: j,
        value,
        hedge,
        is_time: false,
        unresolved: false,
    })
}

/// "8 June 2026", "8th of June", "22-23 January".
fn day_month(text: &str, toks: &[Tok], i: usize, published: Option<DateTime>) -> Option<When> {
    let day = int_at(text, toks, i).filter(|d| (1..=31).contains(d))?;
    if toks[i].text(text).len() > 2 {
        return None;
    }
    let mut j = skip_ordinal(text, toks, i + 1);
    let mut day2 = None;
    let mut hedge = Hedge::Exact;
    let conn = toks.get(j).map(|t| t.text(text)).unwrap_or("");
    if is_dash(conn) || conn.eq_ignore_ascii_case("or") || conn.eq_ignore_ascii_case("to") {
        if let Some(d2) = int_at(text, toks, j + 1).filter(|&d| d > day && d <= 31) {
            let k = skip_ordinal(text, toks, j + 2);
            if month_at(text, toks, k).is_some() {
                day2 = Some(d2);
                hedge = if conn.eq_ignore_ascii_case("or") {
                    Hedge::Alternatives
                } else {
                    Hedge::Range
                };
                j = k;
            }
        }
    }
    if word(text, toks, j).eq_ignore_ascii_case("of") {
        j += 1;
    }
    let month = month_at(text, toks, j)?;
    j += 1;
    if punct(text, toks, j) == "." && !toks[j].space_before {
        j += 1;
    }
    let mut year = None;
    if let Some(y) = year_at(text, toks, j) {
        year = Some(y);
        j += 1;
    } else if punct(text, toks, j) == "," {
        if let Some(y) = year_at(text, toks, j + 1) {
            year = Some(y);
            j += 2;
        }
    }
    let future = future_before(text, toks, i);
    let d1 = match year {
        Some(y) => Date::new(y, month, day)?,
        None => match infer_year(month, day, published, future) {
            Some(d) => d,
            None => return Some(unresolved(i, j)),
        },
    };
    let value = match day2 {
        Some(d2) => Interval::closed(day_seconds(d1), day_seconds(Date::new(d1.year, month, d2)?)),
        None => date_value(d1),
    };
    Some(When {
        first: i,
        end: j,
        value,
        hedge,
        is_time: false,
        unresolved: false,
    })
}

/// "in 2019", "during 2019", "until 2019": the year's first to last day. A bare year
/// without such a preposition is not a figure (it is usually part of a name: "the 2019
/// election" dates nothing reported by itself).
fn bare_year(text: &str, toks: &[Tok], i: usize) -> Option<When> {
    let y = year_at(text, toks, i)?;
    if !(1900..=2100).contains(&y) {
        return None;
    }
    let prep = i.checked_sub(1).map(|k| word(text, toks, k)).unwrap_or("");
    if !is_any(prep, &["in", "during", "until", "since", "by"]) {
        return None;
    }
    // "in 2019 people …" is still the year; "in 2,019 cases" never reaches here (comma).
    if toks
        .get(i + 1)
        .is_some_and(|t| t.kind == Kind::Punct && is_dash(t.text(text)) && !t.space_before)
    {
        return None;
    }
    let first = Date::new(y, 1, 1)?;
    let last = Date::new(y, 12, 31)?;
    Some(When {
        first: i,
        end: i + 1,
        value: Interval::closed(day_seconds(first), day_seconds(last)),
        hedge: Hedge::Range,
        is_time: false,
        unresolved: false,
    })
}

/// "Friday", "on Friday", "last Friday", "next Friday", "Tuesday night", "Friday, June 8".
fn weekday(text: &str, toks: &[Tok], i: usize, published: Option<DateTime>) -> Option<When> {
    let w = word(text, toks, i);
    // "Sunday's explosion"
    let w = w
        .strip_suffix("'s")
        .or_else(|| w.strip_suffix("’s"))
        .unwrap_or(w);
    if !w.chars().next().is_some_and(|c| c.is_uppercase()) || w.len() < 3 || w.len() > 9 {
        return None;
    }
    let wd = weekday_from_name(w)?;
    // abbreviations only with a period or before a date ("Fri.")
    if w.len() <= 4 && !w.eq_ignore_ascii_case("wed") {
        let full = matches!(
            w.to_ascii_lowercase().as_str(),
            "mon" | "tue" | "tues" | "thu" | "thur" | "thurs" | "fri" | "sat" | "sun"
        );
        if full && punct(text, toks, i + 1) != "." {
            return None;
        }
    }
    // "Friday, June 8": the explicit date wins, spanning from the weekday.
    if punct(text, toks, i + 1) == "," {
        if let Some(d) = month_day(text, toks, i + 2, published)
            .or_else(|| day_month(text, toks, i + 2, published))
        {
            return Some(When { first: i, ..d });
        }
    }
    let p = published?.date;
    let prev = i.checked_sub(1).map(|k| word(text, toks, k)).unwrap_or("");
    let today = p.weekday() as i64;
    let target = wd as i64;
    let back = (today - target).rem_euclid(7);
    let fwd = (target - today).rem_euclid(7);
    let (mut first, offset) = if prev.eq_ignore_ascii_case("last") {
        (i - 1, -(if back == 0 { 7 } else { back }))
    } else if prev.eq_ignore_ascii_case("next") {
        (i - 1, if fwd == 0 { 7 } else { fwd })
    } else if prev.eq_ignore_ascii_case("this") {
        (
            i - 1,
            if future_before(text, toks, i) {
                fwd
            } else {
                -back
            },
        )
    } else if future_before(text, toks, i) {
        (i, fwd)
    } else {
        (i, -back)
    };
    if first == i && is_any(prev, &["early", "late"]) {
        first = i - 1;
    }
    let mut end = i + 1;
    if is_any(
        word(text, toks, end),
        &["night", "morning", "afternoon", "evening"],
    ) {
        end += 1;
    }
    let d = Date::from_days(p.days() + offset);
    Some(When {
        first,
        end,
        value: date_value(d),
        hedge: Hedge::Exact,
        is_time: false,
        unresolved: false,
    })
}

/// "yesterday", "today", "tonight", "tomorrow", "last night", "this morning".
fn relative_day(text: &str, toks: &[Tok], i: usize, published: Option<DateTime>) -> Option<When> {
    let w = word(text, toks, i);
    let next = word(text, toks, i + 1);
    // "Visitors today: 1,204" is page furniture
    if punct(text, toks, i + 1) == ":" {
        return None;
    }
    let (offset, end) = if w.eq_ignore_ascii_case("yesterday") {
        let end = if is_any(next, &["morning", "afternoon", "evening"]) {
            i + 2
        } else {
            i + 1
        };
        (-1, end)
    } else if w.eq_ignore_ascii_case("today") || w.eq_ignore_ascii_case("tonight") {
        (0, i + 1)
    } else if w.eq_ignore_ascii_case("tomorrow") {
        (1, i + 1)
    } else if w.eq_ignore_ascii_case("last") && next.eq_ignore_ascii_case("night") {
        (-1, i + 2)
    } else if w.eq_ignore_ascii_case("this") && is_any(next, &["morning", "afternoon", "evening"]) {
        (0, i + 2)
    } else {
        return None;
    };
    // "today's" and "today" as a noun ("the world today") are still the day.
    let p = published?.date;
    Some(When {
        first: i,
        end,
        value: date_value(Date::from_days(p.days() + offset)),
        hedge: Hedge::Exact,
        is_time: false,
        unresolved: false,
    })
}

/// "a.m." / "p.m." / "am" / "pm" at token `i`: (is_pm, token after).
fn meridiem(text: &str, toks: &[Tok], i: usize) -> Option<(bool, usize)> {
    let t = toks.get(i).filter(|t| t.kind == Kind::Word)?;
    let w = t.text(text);
    let pm = if w.eq_ignore_ascii_case("pm") {
        Some(true)
    } else if w.eq_ignore_ascii_case("am") {
        Some(false)
    } else {
        None
    };
    if let Some(pm) = pm {
        // "I am" is not a time: "am" must touch the number or be lowercase after a space
        if !pm && t.space_before && w != "am" && w != "AM" {
            return None;
        }
        let mut end = i + 1;
        if punct(text, toks, end) == "." && !toks[end].space_before {
            end += 1;
        }
        return Some((pm, end));
    }
    // "p.m." / "a.m."
    let pm = if w.eq_ignore_ascii_case("p") {
        true
    } else if w.eq_ignore_ascii_case("a") {
        false
    } else {
        return None;
    };
    if punct(text, toks, i + 1) == "."
        && word(text, toks, i + 2).eq_ignore_ascii_case("m")
        && !toks[i + 2].space_before
    {
        let mut end = i + 3;
        if punct(text, toks, end) == "." && !toks[end].space_before {
            end += 1;
        }
        return Some((pm, end));
    }
    None
}

/// Time zone words after a time, kept in its span.
fn zone_after(text: &str, toks: &[Tok], i: usize) -> usize {
    let w = word(text, toks, i);
    if is_any(
        w,
        &[
            "GMT", "UTC", "BST", "CET", "CEST", "EST", "EDT", "CST", "CDT", "MST", "MDT", "PST",
            "PDT", "ET", "PT", "IST", "JST", "AEST", "AEDT",
        ],
    ) && w.chars().all(|c| c.is_ascii_uppercase())
    {
        return i + 1;
    }
    if w.eq_ignore_ascii_case("local") && word(text, toks, i + 1).eq_ignore_ascii_case("time") {
        return i + 2;
    }
    i
}

fn hours_24(h: u32, pm: Option<bool>) -> Option<u32> {
    match pm {
        None => (h < 24).then_some(h),
        Some(_) if h == 0 || h > 12 => None,
        Some(true) => Some(if h == 12 { 12 } else { h + 12 }),
        Some(false) => Some(if h == 12 { 0 } else { h }),
    }
}

/// "7:15 p.m.", "19:15", "7 pm", "7.15pm", "1915 GMT".
fn time_numeric(text: &str, toks: &[Tok], i: usize) -> Option<When> {
    let t = toks.get(i)?;
    let s = t.text(text);
    // "19:15"; "1: 30 PM" (a space after the colon, as rejoined text has) only with a
    // meridiem or zone after it
    let colon_time = punct(text, toks, i + 1) == ":"
        && !toks[i + 1].space_before
        && toks
            .get(i + 2)
            .is_some_and(|n| n.kind == Kind::Num && n.text(text).len() == 2);
    let (h, m, mut j) = if colon_time {
        let h: u32 = s.parse().ok().filter(|_| s.len() <= 2)?;
        let m: u32 = toks[i + 2].text(text).parse().ok()?;
        let mut j = i + 3;
        // seconds ":30"
        if punct(text, toks, j) == ":"
            && toks
                .get(j + 1)
                .is_some_and(|n| n.kind == Kind::Num && n.text(text).len() == 2)
        {
            j += 2;
        }
        (h, m, j)
    } else if let Some((a, b)) = s.split_once('.') {
        // "7.15pm" needs a meridiem
        if a.len() > 2 || b.len() != 2 {
            return None;
        }
        meridiem(text, toks, i + 1)?;
        (a.parse().ok()?, b.parse().ok()?, i + 1)
    } else if s.len() <= 2 {
        meridiem(text, toks, i + 1)?;
        (s.parse().ok()?, 0, i + 1)
    } else if s.len() == 4 && s.bytes().all(|b| b.is_ascii_digit()) {
        // military / wire style "1915 GMT", "0800 hours"
        let z = zone_after(text, toks, i + 1);
        let hrs = word(text, toks, i + 1).eq_ignore_ascii_case("hrs");
        if z == i + 1 && !hrs {
            return None;
        }
        let v: u32 = s.parse().ok()?;
        (v / 100, v % 100, if hrs { i + 2 } else { i + 1 })
    } else {
        return None;
    };
    if m >= 60 {
        return None;
    }
    let pm = match meridiem(text, toks, j) {
        Some((pm, end)) => {
            j = end;
            Some(pm)
        }
        None => None,
    };
    let h = hours_24(h, pm)?;
    j = zone_after(text, toks, j);
    let secs = (h * 3600 + m * 60) as f64;
    let (hedge, first) = time_hedge(text, toks, i);
    Some(When {
        first,
        end: j,
        value: time_interval(hedge, secs),
        hedge: hedge.into(),
        is_time: true,
        unresolved: false,
    })
}

/// "noon", "midday", "midnight".
fn named_time(text: &str, toks: &[Tok], i: usize) -> Option<When> {
    let w = word(text, toks, i);
    let secs = if is_any(w, &["noon", "midday"]) {
        12.0 * 3600.0
    } else if w.eq_ignore_ascii_case("midnight") {
        0.0
    } else {
        return None;
    };
    let (hedge, first) = time_hedge(text, toks, i);
    Some(When {
        first,
        end: i + 1,
        value: time_interval(hedge, secs),
        hedge: hedge.into(),
        is_time: true,
        unresolved: false,
    })
}

/// Hedges of clock times: "shortly/just/soon after" → the half hour after (a
/// [`Hedge::Range`]), "shortly/just before" → the half hour before, "about/around" → ±15
/// minutes, "after"/"before" alone → open intervals.
#[derive(Clone, Copy)]
enum TimeHedge {
    Plain(Hedge),
    ShortlyAfter,
    ShortlyBefore,
}

fn time_hedge(text: &str, toks: &[Tok], i: usize) -> (TimeHedge, usize) {
    let w1 = i.checked_sub(1).map(|k| word(text, toks, k)).unwrap_or("");
    let w2 = i.checked_sub(2).map(|k| word(text, toks, k)).unwrap_or("");
    let close = is_any(w2, &["shortly", "just", "soon", "right", "moments"]);
    if w1.eq_ignore_ascii_case("after") && close {
        return (TimeHedge::ShortlyAfter, i - 2);
    }
    if w1.eq_ignore_ascii_case("before") && close {
        return (TimeHedge::ShortlyBefore, i - 2);
    }
    if let Some((h, start)) = hedges::before(text, toks, i) {
        if matches!(h, Hedge::About | Hedge::Nearly) {
            return (TimeHedge::Plain(h), start);
        }
    }
    if w1.eq_ignore_ascii_case("after") {
        return (TimeHedge::Plain(Hedge::MoreThan), i - 1);
    }
    if w1.eq_ignore_ascii_case("before") {
        return (TimeHedge::Plain(Hedge::LessThan), i - 1);
    }
    (TimeHedge::Plain(Hedge::Exact), i)
}

const HALF_HOUR: f64 = 1800.0;

fn time_interval(h: TimeHedge, secs: f64) -> Interval {
    match h {
        TimeHedge::Plain(h) => hedges::apply_to_time(h, secs),
        TimeHedge::ShortlyAfter => Interval::closed(secs, secs + HALF_HOUR),
        // "shortly before midnight" is the end of the day: 23:30–24:00
        TimeHedge::ShortlyBefore if secs == 0.0 => Interval::closed(86_400.0 - HALF_HOUR, 86_400.0),
        TimeHedge::ShortlyBefore => Interval::closed((secs - HALF_HOUR).max(0.0), secs),
    }
}

impl From<TimeHedge> for Hedge {
    fn from(h: TimeHedge) -> Hedge {
        match h {
            TimeHedge::Plain(h) => h,
            TimeHedge::ShortlyAfter | TimeHedge::ShortlyBefore => Hedge::Range,
        }
    }
}

fn unresolved(first: usize, end: usize) -> When {
    When {
        first,
        end,
        value: Interval::default(),
        hedge: Hedge::Exact,
        is_time: false,
        unresolved: true,
    }
}
