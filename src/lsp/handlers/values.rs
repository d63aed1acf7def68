//! Short human forms of values and texts for hovers, hints, lenses and symbols.

use crate::figures::Figure;

/// A figure's normalised value: "7", "≥ 30", "24–26", "≈33%", "4600000000 USD",
/// "2026-06-08", "19:15". Long fractions are rounded ("a third" → "≈33%").
pub fn figure_value(f: &Figure) -> String {
    let show = |v: f64| -> String {
        match f.unit {
            "date" => crate::dates::Date::from_days((v / 86_400.0).floor() as i64).iso(),
            "time" => {
                let s = v.max(0.0) as i64;
                format!("{:02}:{:02}", s / 3600, (s % 3600) / 60)
            }
            _ => number(v),
        }
    };
    let range = match (f.value.low, f.value.high) {
        (Some(l), Some(h)) if l == h => show(l),
        (Some(l), Some(h)) => format!("{}–{}", show(l), show(h)),
        (Some(l), None) => format!("{}{}", if f.value.low_open { "> " } else { "≥ " }, show(l)),
        (None, Some(h)) => format!("{}{}", if f.value.high_open { "< " } else { "≤ " }, show(h)),
        (None, None) => "?".to_string(),
    };
    match f.unit {
        "count" | "date" | "time" | "" => range,
        "percent" => format!("{range}%"),
        u => format!("{range} {u}"),
    }
}

/// A number without noise: integers as integers, short decimals as written, long
/// fractions rounded with "≈".
pub fn number(v: f64) -> String {
    if !v.is_finite() {
        return "?".to_string();
    }
    if v.fract() == 0.0 && v.abs() < 1e15 {
        return format!("{}", v as i64);
    }
    let two = (v * 100.0).round() / 100.0;
    if (two - v).abs() < 1e-9 {
        return format!("{two}");
    }
    if v.abs() >= 1.0 {
        format!("≈{}", v.round() as i64)
    } else {
        format!("≈{:.2}", v)
    }
}

/// At most `max` characters of `s` on one line, with "…" when cut.
pub fn short(s: &str, max: usize) -> String {
    let one_line: String = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if one_line.chars().count() <= max {
        return one_line;
    }
    let cut: String = one_line.chars().take(max.saturating_sub(1)).collect();
    format!("{}…", cut.trim_end())
}

/// "1 mention", "3 mentions".
pub fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::figures::{Hedge, Interval};

    fn fig(low: Option<f64>, high: Option<f64>, unit: &'static str) -> Figure {
        Figure {
            span: crate::Span::new(0, 1),
            value: Interval {
                low,
                high,
                low_open: false,
                high_open: false,
            },
            unit,
            precision: 0.0,
            hedge: Hedge::Exact,
            subject: "killed".into(),
            baseline: None,
            direction: None,
            update: false,
            sentence: 0,
        }
    }

    #[test]
    fn values_read_like_a_person_would_write_them() {
        let cases = [
            (fig(Some(17.0), Some(17.0), "count"), "17"),
            (fig(Some(100.0 / 3.0), Some(100.0 / 3.0), "percent"), "≈33%"),
            (fig(Some(30.0), None, "count"), "≥ 30"),
            (fig(None, Some(5.0), "count"), "≤ 5"),
            (fig(Some(2.5), Some(2.5), "percent"), "2.5%"),
            (fig(Some(24.0), Some(26.0), "count"), "24–26"),
            (fig(Some(4.6e9), Some(4.6e9), "USD"), "4600000000 USD"),
            (fig(Some(69300.0), Some(69300.0), "time"), "19:15"),
            (
                fig(Some(20_612.0 * 86_400.0), Some(20_612.0 * 86_400.0), "date"),
                "2026-06-08",
            ),
        ];
        for (f, want) in cases {
            assert_eq!(figure_value(&f), want);
        }
    }

    #[test]
    fn shortens_on_one_line() {
        assert_eq!(short("a  b\nc", 10), "a b c");
        assert_eq!(short("abcdefghijkl", 5), "abcd…");
        assert_eq!(short("ééééééé", 3), "éé…");
    }
}
