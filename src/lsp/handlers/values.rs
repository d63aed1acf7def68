//! Short human forms of values and texts for hovers, hints, lenses and symbols.

use crate::figures::Figure;

/// A figure's normalised value ([`crate::figures::describe_value`]: the CLI's form too).
pub fn figure_value(f: &Figure) -> String {
    crate::figures::describe_value(f)
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
                fig(Some(29.7), Some(36.300000000000004), "count"),
                "29.7–36.3",
            ),
            (
                fig(Some(1476.0), Some(1804.0000000000002), "count"),
                "1476–1804",
            ),
            (
                fig(Some(76.5), Some(93.50000000000001), "percent"),
                "76.5–93.5%",
            ),
            (fig(Some(900.0), Some(900.0), "s"), "15 min"),
            (fig(Some(86_400.0), Some(86_400.0), "s"), "1 day"),
            (fig(Some(259_200.0), Some(259_200.0), "s"), "3 days"),
            (fig(None, Some(6_652_800.0), "s"), "≤ 11 weeks"),
            (fig(Some(16_200.0), Some(18_000.0), "s"), "4.5–5 h"),
            (fig(Some(4_320.0), Some(5_280.0), "s"), "72–88 min"),
            (fig(Some(45.0), Some(45.0), "s"), "45 s"),
            (fig(Some(90.0), Some(90.0), "s"), "90 s"),
            (fig(Some(5_400.0), Some(5_400.0), "s"), "90 min"),
            (fig(Some(3_240.0), Some(3_600.0), "s"), "54–60 min"),
            (fig(Some(1e7), Some(1e7), "s"), "10000000 s"),
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
