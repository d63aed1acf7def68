//! Hedge words around a number and the intervals they make (tests/gold/README.md):
//! "at least X" → [X, ∞); "more than X" → (X, ∞); "up to X" → (−∞, X]; "fewer than X" →
//! (−∞, X); "nearly X" → [X·(1−nearly), X); "about X" → [X·(1−about), X·(1+about)].

use super::tokens::{Kind, Tok};
use super::{Hedge, Interval};
use crate::config::Tolerances;

/// Hedge phrases written before a number, longest first where they share words.
const BEFORE: &[(&[&str], Hedge)] = &[
    (&["at", "least"], Hedge::AtLeast),
    (&["no", "fewer", "than"], Hedge::AtLeast),
    (&["no", "less", "than"], Hedge::AtLeast),
    (&["a", "minimum", "of"], Hedge::AtLeast),
    (&["no", "more", "than"], Hedge::AtMost),
    (&["at", "most"], Hedge::AtMost),
    (&["a", "maximum", "of"], Hedge::AtMost),
    (&["up", "to"], Hedge::UpTo),
    (&["as", "many", "as"], Hedge::UpTo),
    (&["within"], Hedge::UpTo),
    (&["as", "much", "as"], Hedge::UpTo),
    (&["more", "than"], Hedge::MoreThan),
    (&["greater", "than"], Hedge::MoreThan),
    (&["upwards", "of"], Hedge::MoreThan),
    (&["in", "excess", "of"], Hedge::MoreThan),
    (&["just", "over"], Hedge::MoreThan),
    (&["well", "over"], Hedge::MoreThan),
    (&["over"], Hedge::MoreThan),
    (&["above"], Hedge::MoreThan),
    (&["fewer", "than"], Hedge::LessThan),
    (&["less", "than"], Hedge::LessThan),
    (&["just", "under"], Hedge::Nearly),
    (&["just", "shy", "of"], Hedge::Nearly),
    (&["close", "to"], Hedge::Nearly),
    (&["under"], Hedge::LessThan),
    (&["below"], Hedge::LessThan),
    (&["nearly"], Hedge::Nearly),
    (&["almost"], Hedge::Nearly),
    (&["about"], Hedge::About),
    (&["some"], Hedge::About),
    (&["roughly"], Hedge::About),
    (&["around"], Hedge::About),
    (&["approximately"], Hedge::About),
    (&["approx"], Hedge::About),
    (&["circa"], Hedge::About),
    (&["between"], Hedge::Range),
];

/// A hedge ending just before token `first`: (hedge, index of its first token).
pub fn before(text: &str, toks: &[Tok], first: usize) -> Option<(Hedge, usize)> {
    // every phrase ends with a word just before the number: that word is read once and
    // turns down nearly every phrase in one compare (asked of every figure)
    let prev = toks.get(first.checked_sub(1)?)?;
    if prev.kind != Kind::Word {
        return None;
    }
    let prev = prev.text(text);
    for (words, hedge) in BEFORE {
        let n = words.len();
        if first < n || !words.last().is_some_and(|w| prev.eq_ignore_ascii_case(w)) {
            continue;
        }
        let start = first - n;
        let all = words.iter().enumerate().all(|(k, w)| {
            let t = &toks[start + k];
            t.kind == Kind::Word && t.text(text).eq_ignore_ascii_case(w)
        });
        if all {
            return Some((*hedge, start));
        }
    }
    None
}

/// A hedge written after the number (and unit) ending before token `end`:
/// "or more", "or so", "or fewer", "-plus", "+". Returns (hedge, token index after it).
pub fn after(text: &str, toks: &[Tok], end: usize) -> Option<(Hedge, usize)> {
    let w = |k: usize| toks.get(end + k).map(|t| t.text(text)).unwrap_or("");
    if w(0).eq_ignore_ascii_case("or") {
        let next = w(1);
        if next.eq_ignore_ascii_case("more") {
            return Some((Hedge::AtLeast, end + 2));
        }
        if next.eq_ignore_ascii_case("so") {
            return Some((Hedge::About, end + 2));
        }
        if next.eq_ignore_ascii_case("fewer") || next.eq_ignore_ascii_case("less") {
            return Some((Hedge::AtMost, end + 2));
        }
    }
    if w(0) == "+" && toks.get(end).is_some_and(|t| !t.space_before) {
        return Some((Hedge::AtLeast, end + 1));
    }
    if w(0) == "-" && w(1).eq_ignore_ascii_case("plus") {
        return Some((Hedge::AtLeast, end + 2));
    }
    None
}

/// The interval a hedge makes of `v`.
pub fn apply(hedge: Hedge, v: f64, tol: &Tolerances) -> Interval {
    let lo_hi = |a: f64, b: f64| (a.min(b), a.max(b));
    match hedge {
        Hedge::Exact | Hedge::Range | Hedge::Alternatives | Hedge::Vague => Interval::exact(v),
        Hedge::AtLeast => Interval {
            low: Some(v),
            high: None,
            low_open: false,
            high_open: false,
        },
        Hedge::MoreThan => Interval {
            low: Some(v),
            high: None,
            low_open: true,
            high_open: false,
        },
        Hedge::AtMost | Hedge::UpTo => Interval {
            low: None,
            high: Some(v),
            low_open: false,
            high_open: false,
        },
        Hedge::LessThan => Interval {
            low: None,
            high: Some(v),
            low_open: false,
            high_open: true,
        },
        Hedge::Nearly => {
            let (lo, hi) = lo_hi(v * (1.0 - tol.nearly), v);
            Interval {
                low: Some(lo),
                high: Some(hi),
                low_open: false,
                high_open: true,
            }
        }
        Hedge::About => {
            let (lo, hi) = lo_hi(v * (1.0 - tol.about), v * (1.0 + tol.about));
            Interval::closed(lo, hi)
        }
    }
}

/// The interval a hedge makes of a time of day `secs` (after midnight): "about 7 p.m."
/// covers ±15 minutes, "shortly after midnight" the half hour after; relative tolerances
/// make no sense for clock times.
pub fn apply_to_time(hedge: Hedge, secs: f64) -> Interval {
    const SLACK: f64 = 15.0 * 60.0;
    match hedge {
        Hedge::About => Interval::closed((secs - SLACK).max(0.0), secs + SLACK),
        Hedge::Nearly => Interval {
            low: Some((secs - 2.0 * SLACK).max(0.0)),
            high: Some(secs),
            low_open: false,
            high_open: true,
        },
        other => apply(other, secs, &Tolerances::default()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::figures::tokens::tokenize;

    fn before_number(text: &str) -> Option<(Hedge, usize)> {
        let mut toks = Vec::new();
        tokenize(text, 0, text.len(), &mut toks);
        let first = toks.iter().position(|t| t.text(text) == "40")?;
        before(text, &toks, first)
    }

    /// Every phrase, as written and in capitals, right before the number: found, with the
    /// index of its first word; the first phrase of the list wins where two end alike.
    #[test]
    fn every_phrase_is_found_right_before_the_number() {
        for (words, hedge) in BEFORE {
            let alone = before_number(&format!("{} 40", words.join(" ")));
            assert_eq!(alone.map(|h| h.0), Some(*hedge), "{words:?}");
            for phrase in [words.join(" "), words.join(" ").to_uppercase()] {
                let text = format!("Officials said {phrase} 40 people were hurt.");
                // the phrase itself, or an earlier one of the list that ends it
                let want = BEFORE
                    .iter()
                    .find(|(w, _)| phrase.to_lowercase().ends_with(&w.join(" ")))
                    .map(|(w, h)| (*h, 2 + words.len() - w.len()));
                assert_eq!(before_number(&text), want, "{text}");
            }
        }
        for text in [
            "Officials said 40 people were hurt.",
            "At least, 40 people were hurt.",
            "It was at least the 40 people.",
            "40 people were hurt.",
        ] {
            assert_eq!(before_number(text), None, "{text}");
        }
    }
}
