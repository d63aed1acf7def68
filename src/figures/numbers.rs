//! Reading numbers: digit numerals ("1,500", "3.5", "4.6bn", "200k") and number words
//! ("seventeen", "forty-two", "two dozen", "a quarter", "hundreds", "a handful").
//!
//! Decisions:
//! - `,` groups thousands only before exactly three digits; `.` is a decimal point, except
//!   in "clearly European" numerals with two or more dot groups of three digits
//!   ("1.500.000" → 1500000). So "1.500" is 1.5.
//! - Malformed numerals ("1.2.3", version numbers, IP addresses) are not numbers.
//! - `precision` is half the step of the last printed digit times the scale
//!   ("2.3 billion" → 0.05e9, "3.5" → 0.05, "40" → 0.5); number words are exact (0). The
//!   caller zeroes it for plain counts, which are exact.

use super::tokens::{is_any, Kind, Tok};

/// A number read at some token.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Number {
    pub value: f64,
    /// Half the step of the last printed digit, scaled; 0 for number words.
    pub half_step: f64,
    /// Token range `[first, end)` of the number (with its scale words).
    pub first: usize,
    pub end: usize,
    pub from_words: bool,
    /// A scale word or suffix was applied ("million", "bn", "k").
    pub scaled: bool,
    /// Vague plural ("hundreds" → [200, ∞), "a handful" → [2, 6]).
    pub vague: Option<(f64, Option<f64>)>,
    /// A fraction word ("half", "a third"): `value` is the fraction (0.5).
    pub fraction: bool,
}

/// Value and number of decimals of a digit numeral as tokenised ("1,500.25" → 1500.25, 2).
pub fn parse_digits(s: &str) -> Option<(f64, u32)> {
    let dots = s.bytes().filter(|&b| b == b'.').count();
    let (int_part, frac_part) = if dots >= 2 {
        // Only "clearly European" grouping: 1–3 digits then groups of exactly three.
        let mut groups = s.split('.');
        let first = groups.next()?;
        if first.is_empty() || first.len() > 3 || first.contains(',') {
            return None;
        }
        if !groups.all(|g| g.len() == 3 && g.bytes().all(|b| b.is_ascii_digit())) {
            return None;
        }
        (s.replace('.', ""), String::new())
    } else if let Some((i, f)) = s.split_once('.') {
        (i.replace(',', ""), f.to_string())
    } else {
        (s.replace(',', ""), String::new())
    };
    if int_part.is_empty() || frac_part.contains(',') {
        return None;
    }
    let joined = if frac_part.is_empty() {
        int_part
    } else {
        format!("{int_part}.{frac_part}")
    };
    let v: f64 = joined.parse().ok()?;
    v.is_finite().then_some((v, frac_part.len() as u32))
}

/// Multiplier of a scale word written after a numeral. `attached`: no space before it
/// ("3m"); `money`: a currency was written, so "m"/"b" mean million/billion.
pub fn scale_word(word: &str, attached: bool, money: bool) -> Option<f64> {
    let w = word;
    if is_any(w, &["thousand"]) {
        return Some(1e3);
    }
    if is_any(w, &["million", "mn", "mln"]) {
        return Some(1e6);
    }
    if is_any(w, &["billion", "bn", "bln"]) {
        return Some(1e9);
    }
    if is_any(w, &["trillion", "tn", "trn"]) {
        return Some(1e12);
    }
    if w.eq_ignore_ascii_case("k") && attached {
        return Some(1e3);
    }
    if w.eq_ignore_ascii_case("m") && money {
        return Some(1e6);
    }
    if w.eq_ignore_ascii_case("b") && money && attached {
        return Some(1e9);
    }
    None
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum Word {
    Unit(f64),
    Ten(f64),
    Hundred,
    Scale(f64),
    Dozen,
}

fn word_kind(w: &str) -> Option<Word> {
    const UNITS: [&str; 20] = [
        "zero",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
    ];
    const TENS: [&str; 8] = [
        "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
    ];
    if w.len() < 3 || w.len() > 9 || !w.is_ascii() {
        return None;
    }
    if let Some(i) = UNITS.iter().position(|u| u.eq_ignore_ascii_case(w)) {
        return Some(Word::Unit(i as f64));
    }
    if let Some(i) = TENS.iter().position(|u| u.eq_ignore_ascii_case(w)) {
        return Some(Word::Ten(20.0 + 10.0 * i as f64));
    }
    if w.eq_ignore_ascii_case("hundred") {
        return Some(Word::Hundred);
    }
    if w.eq_ignore_ascii_case("dozen") {
        return Some(Word::Dozen);
    }
    scale_word(w, false, false).map(Word::Scale)
}

/// Fraction words after "a"/"one"/a number word: "half", "third(s)", "quarter(s)".
fn fraction_word(w: &str) -> Option<f64> {
    if w.eq_ignore_ascii_case("half") {
        Some(0.5)
    } else if is_any(w, &["third", "thirds"]) {
        Some(1.0 / 3.0)
    } else if is_any(w, &["quarter", "quarters"]) {
        Some(0.25)
    } else if is_any(w, &["fifth", "fifths"]) {
        Some(0.2)
    } else if is_any(w, &["tenth", "tenths"]) {
        Some(0.1)
    } else {
        None
    }
}

/// Vague plurals: "dozens" → 24, "hundreds" → 200, …: the low end of an open interval.
fn vague_plural(w: &str) -> Option<f64> {
    if w.eq_ignore_ascii_case("dozens") {
        Some(24.0)
    } else if w.eq_ignore_ascii_case("hundreds") {
        Some(200.0)
    } else if w.eq_ignore_ascii_case("thousands") {
        Some(2000.0)
    } else if w.eq_ignore_ascii_case("millions") {
        Some(2e6)
    } else if w.eq_ignore_ascii_case("billions") {
        Some(2e9)
    } else {
        None
    }
}

fn word_at<'a>(text: &'a str, toks: &[Tok], i: usize) -> Option<&'a str> {
    toks.get(i)
        .filter(|t| t.kind == Kind::Word)
        .map(|t| t.text(text))
}

fn is_hyphen(text: &str, toks: &[Tok], i: usize) -> bool {
    toks.get(i).is_some_and(|t| {
        t.kind == Kind::Punct && !t.space_before && matches!(t.text(text), "-" | "‑")
    })
}

/// Read a number starting at token `i`. `money`: a currency symbol precedes it.
pub fn read(text: &str, toks: &[Tok], i: usize, money: bool) -> Option<Number> {
    let t = toks.get(i)?;
    match t.kind {
        Kind::Num => read_numeral(text, toks, i, money),
        Kind::Word => read_words(text, toks, i),
        _ => None,
    }
}

fn read_numeral(text: &str, toks: &[Tok], i: usize, money: bool) -> Option<Number> {
    let (value, decimals) = parse_digits(toks[i].text(text))?;
    let mut n = Number {
        value,
        half_step: 0.5 * 10f64.powi(-(decimals as i32)),
        first: i,
        end: i + 1,
        from_words: false,
        scaled: false,
        vague: None,
        fraction: false,
    };
    if let Some(next) = toks.get(i + 1).filter(|t| t.kind == Kind::Word) {
        if let Some(m) = scale_word(next.text(text), !next.space_before, money) {
            // Round to the printed digits: 128.7 × 1e6 is 128699999.99999999 in floating
            // point, which would print as such and differ from "128,700,000".
            let step = m / 10f64.powi(decimals as i32);
            n.value = (value * m / step).round() * step;
            n.half_step *= m;
            n.end = i + 2;
            n.scaled = true;
        } else if next.text(text).eq_ignore_ascii_case("dozen") && next.space_before {
            n.value *= 12.0;
            n.half_step = 0.0;
            n.end = i + 2;
        }
    }
    Some(n)
}

fn read_words(text: &str, toks: &[Tok], i: usize) -> Option<Number> {
    let w = word_at(text, toks, i)?;
    let base = Number {
        value: 0.0,
        half_step: 0.0,
        first: i,
        end: i + 1,
        from_words: true,
        scaled: false,
        vague: None,
        fraction: false,
    };
    // "a dozen", "a hundred", "a quarter", "a handful", "a few hundred"
    if is_any(w, &["a", "an"]) {
        let next = word_at(text, toks, i + 1)?;
        // "almost an hour", "about a mile": one unit, only after a hedge
        let hedged = i.checked_sub(1).and_then(|p| toks.get(p)).is_some_and(|p| {
            is_any(
                p.text(text),
                &[
                    "almost",
                    "nearly",
                    "about",
                    "around",
                    "roughly",
                    "over",
                    "under",
                    "than",
                    "to",
                    "approximately",
                ],
            )
        });
        if hedged
            && is_any(
                next,
                &[
                    "hour",
                    "minute",
                    "second",
                    "day",
                    "week",
                    "month",
                    "year",
                    "decade",
                    "mile",
                    "kilometre",
                    "kilometer",
                    "metre",
                    "meter",
                    "ton",
                    "tonne",
                ],
            )
        {
            return Some(Number { value: 1.0, ..base });
        }
        if next.eq_ignore_ascii_case("handful") {
            return Some(Number {
                end: i + 2,
                vague: Some((2.0, Some(6.0))),
                ..base
            });
        }
        if is_any(next, &["few", "couple"]) {
            let third = word_at(text, toks, i + 2)?;
            let low = match () {
                _ if third.eq_ignore_ascii_case("dozen") => 24.0,
                _ if third.eq_ignore_ascii_case("hundred") => 200.0,
                _ if third.eq_ignore_ascii_case("thousand") => 2000.0,
                _ => return None,
            };
            return Some(Number {
                end: i + 3,
                vague: Some((low, None)),
                ..base
            });
        }
        if let Some(f) = fraction_word(next) {
            if next.eq_ignore_ascii_case("half") {
                return None; // "a half" alone is rare; "half" is read on its own
            }
            return Some(Number {
                value: f,
                end: i + 2,
                fraction: true,
                ..base
            });
        }
        return match word_kind(next)? {
            Word::Hundred | Word::Scale(_) | Word::Dozen => {
                let mut n = read_word_compound(text, toks, i + 1)?;
                n.first = i;
                Some(n)
            }
            _ => None,
        };
    }
    if is_any(w, &["several", "few"]) {
        let next = word_at(text, toks, i + 1)?;
        let low = match () {
            _ if next.eq_ignore_ascii_case("dozen") => 24.0,
            _ if next.eq_ignore_ascii_case("hundred") => 200.0,
            _ if next.eq_ignore_ascii_case("thousand") => 2000.0,
            _ => return None,
        };
        return Some(Number {
            end: i + 2,
            vague: Some((low, None)),
            ..base
        });
    }
    if w.eq_ignore_ascii_case("tens")
        && word_at(text, toks, i + 1).is_some_and(|x| x.eq_ignore_ascii_case("of"))
        && word_at(text, toks, i + 2).is_some_and(|x| x.eq_ignore_ascii_case("thousands"))
    {
        return Some(Number {
            end: i + 3,
            vague: Some((20_000.0, None)),
            ..base
        });
    }
    if let Some(low) = vague_plural(w) {
        // "hundreds of thousands", "thousands of millions"
        if word_at(text, toks, i + 1).is_some_and(|x| x.eq_ignore_ascii_case("of")) {
            if let Some(m) = word_at(text, toks, i + 2).and_then(vague_plural) {
                return Some(Number {
                    end: i + 3,
                    vague: Some((low * m / 2.0, None)),
                    ..base
                });
            }
        }
        return Some(Number {
            vague: Some((low, None)),
            ..base
        });
    }
    if w.eq_ignore_ascii_case("half") {
        return Some(Number {
            value: 0.5,
            fraction: true,
            ..base
        });
    }
    read_word_compound(text, toks, i)
}

/// "one hundred and twenty-five thousand", "two dozen", "forty-two", "two thirds".
fn read_word_compound(text: &str, toks: &[Tok], i: usize) -> Option<Number> {
    let mut total = 0.0;
    let mut current = 0.0;
    let mut j = i;
    let mut end = i;
    let mut last: Option<Word> = None;
    let mut any = false;
    while let Some(w) = word_at(text, toks, j) {
        let Some(k) = word_kind(w) else {
            // "two thirds", "three quarters"
            if let (Some(f), true) = (fraction_word(w), any) {
                if !w.eq_ignore_ascii_case("half") && total == 0.0 && current < 10.0 {
                    return Some(Number {
                        value: current * f,
                        half_step: 0.0,
                        first: i,
                        end: j + 1,
                        from_words: true,
                        scaled: false,
                        vague: None,
                        fraction: true,
                    });
                }
            }
            break;
        };
        let fits = match (last, k) {
            (None, _) => true,
            (Some(Word::Unit(_)), Word::Unit(_) | Word::Ten(_)) => false,
            (Some(Word::Ten(_)), Word::Unit(u)) => (1.0..=9.0).contains(&u),
            (Some(Word::Ten(_)), Word::Ten(_)) => false,
            (Some(Word::Hundred), Word::Hundred) => false,
            (Some(Word::Dozen), Word::Unit(_) | Word::Ten(_) | Word::Dozen | Word::Hundred) => {
                false
            }
            _ => true,
        };
        if !fits {
            break;
        }
        match k {
            Word::Unit(u) | Word::Ten(u) => current += u,
            Word::Hundred => current = current.max(1.0) * 100.0,
            Word::Dozen => current = current.max(1.0) * 12.0,
            Word::Scale(s) => {
                total += current.max(1.0) * s;
                current = 0.0;
            }
        }
        any = true;
        last = Some(k);
        end = j + 1;
        // joiners: "forty-two", "hundred and five"
        if is_hyphen(text, toks, j + 1)
            && matches!(k, Word::Ten(_))
            && word_at(text, toks, j + 2)
                .and_then(word_kind)
                .is_some_and(|n| matches!(n, Word::Unit(u) if (1.0..=9.0).contains(&u)))
            || matches!(k, Word::Hundred | Word::Scale(_))
                && word_at(text, toks, j + 1).is_some_and(|a| a.eq_ignore_ascii_case("and"))
                && word_at(text, toks, j + 2)
                    .and_then(word_kind)
                    .is_some_and(|n| matches!(n, Word::Unit(_) | Word::Ten(_)))
        {
            j += 2;
        } else {
            j += 1;
        }
    }
    if !any {
        return None;
    }
    // A lone scale word ("million") without a number is not a figure.
    if end == i + 1 && matches!(last, Some(Word::Scale(_) | Word::Hundred | Word::Dozen)) {
        let first_is_a = toks
            .get(i.wrapping_sub(1))
            .is_some_and(|t| is_any(t.text(text), &["a", "an"]));
        if !first_is_a {
            return None;
        }
    }
    Some(Number {
        value: total + current,
        half_step: 0.0,
        first: i,
        end,
        from_words: true,
        scaled: matches!(last, Some(Word::Scale(_))),
        vague: None,
        fraction: false,
    })
}

#[cfg(test)]
mod tests {
    use super::super::tokens::tokenize;
    use super::*;

    type Read = (f64, f64, usize, Option<(f64, Option<f64>)>);

    fn read_str(s: &str) -> Option<Read> {
        let mut toks = Vec::new();
        tokenize(s, 0, s.len(), &mut toks);
        let money = s.starts_with('$');
        let i = usize::from(money);
        read(s, &toks, i, money).map(|n| (n.value, n.half_step, n.end - i, n.vague))
    }

    #[test]
    fn reads_numerals_and_words() {
        let cases: &[(&str, f64, f64, usize)] = &[
            ("1,500 people", 1500.0, 0.5, 1),
            ("3.5 metres", 3.5, 0.05, 1),
            ("1.500 tonnes", 1.5, 0.0005, 1),
            ("1.500.000 euros", 1_500_000.0, 0.5, 1),
            ("4.6 billion", 4.6e9, 0.05e9, 2),
            ("$4.6bn", 4.6e9, 0.05e9, 2),
            ("$3m", 3e6, 0.5e6, 2),
            ("200k", 200e3, 0.5e3, 2),
            ("4,600 million", 4.6e9, 0.5e6, 2),
            ("seventeen", 17.0, 0.0, 1),
            ("forty-two", 42.0, 0.0, 3),
            ("two dozen", 24.0, 0.0, 2),
            ("a dozen", 12.0, 0.0, 2),
            ("one hundred and twenty", 120.0, 0.0, 4),
            ("two million", 2e6, 0.0, 2),
            ("a quarter", 0.25, 0.0, 2),
            ("half", 0.5, 0.0, 1),
            ("two thirds", 2.0 / 3.0, 0.0, 2),
        ];
        for &(s, v, h, n) in cases {
            let got = read_str(s).unwrap_or_else(|| panic!("{s}: nothing read"));
            assert!((got.0 - v).abs() < 1e-6, "{s}: value {}", got.0);
            assert!((got.1 - h).abs() < 1e-9, "{s}: half step {}", got.1);
            assert_eq!(got.2, n, "{s}: tokens");
        }
    }

    #[test]
    fn reads_vague_quantities() {
        assert_eq!(
            read_str("hundreds of people").unwrap().3,
            Some((200.0, None))
        );
        assert_eq!(read_str("thousands").unwrap().3, Some((2000.0, None)));
        assert_eq!(read_str("dozens").unwrap().3, Some((24.0, None)));
        assert_eq!(read_str("a handful").unwrap().3, Some((2.0, Some(6.0))));
        assert_eq!(
            read_str("tens of thousands").unwrap().3,
            Some((20_000.0, None))
        );
    }

    #[test]
    fn rejects_malformed_numerals() {
        assert_eq!(parse_digits("1.2.3"), None);
        assert_eq!(parse_digits("10.0.0.1"), None);
        assert!(read_str("million").is_none());
    }
}
