//! Units written after a number, normalised to the canonical units of [`super::Figure`]:
//! `percent`, currency codes, `kg`, `m`, `m2`, `l`, `s`, `m/s`.
//!
//! Decisions:
//! - "tons" are metric tonnes (1000 kg): news rarely means short tons, and an outlet writing
//!   "tons" and another "tonnes" for the same cargo must agree.
//! - "pounds" are a weight (0.45359237 kg) unless a scale word precedes ("5 million
//!   pounds", then GBP) and no "of" follows.
//! - "pesos" are Mexican pesos (MXN) unless a country adjective precedes ("Argentine
//!   pesos" → ARS …); "dollars" are USD unless "Canadian"/"Australian"/… precedes.
//! - A year is 365 days and a month 30 days (the calendar reading of "two years", as the
//!   gold labels count them); comparisons allow for the small gap between "18 months"
//!   and "1.5 years" through precision, not through the unit.
//! - Gallons are US gallons.
//! - A bare "m" after a number is metres unless a currency was written ("$3m" = 3 million).

use super::tokens::{is_any, Kind, Tok};

/// The dimension of a unit, which decides how the subject is found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dim {
    Percent,
    Money,
    Weight,
    Length,
    Area,
    Volume,
    Duration,
    Speed,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Unit {
    pub unit: &'static str,
    pub factor: f64,
    pub dim: Dim,
    /// Token index after the unit.
    pub end: usize,
    /// Joined by a hyphen ("fifteen-minute", "500-metre"): an adjective before a noun.
    pub hyphenated: bool,
}

/// (words, canonical unit, factor, dimension). Longest entries first where they share a
/// first word.
const UNITS: &[(&[&str], &str, f64, Dim)] = &[
    (&["%"], "percent", 1.0, Dim::Percent),
    (&["percent"], "percent", 1.0, Dim::Percent),
    (&["per", "cent"], "percent", 1.0, Dim::Percent),
    (&["pct"], "percent", 1.0, Dim::Percent),
    (&["percentage", "points"], "percent", 1.0, Dim::Percent),
    (&["percentage", "point"], "percent", 1.0, Dim::Percent),
    // speed (before length: "miles per hour", "km/h")
    (&["miles", "per", "hour"], "m/s", 0.44704, Dim::Speed),
    (&["miles", "an", "hour"], "m/s", 0.44704, Dim::Speed),
    (&["mph"], "m/s", 0.44704, Dim::Speed),
    (&["km", "/", "h"], "m/s", 1.0 / 3.6, Dim::Speed),
    (&["km", "/", "hr"], "m/s", 1.0 / 3.6, Dim::Speed),
    (&["kph"], "m/s", 1.0 / 3.6, Dim::Speed),
    (&["kmh"], "m/s", 1.0 / 3.6, Dim::Speed),
    (&["kilometres", "per", "hour"], "m/s", 1.0 / 3.6, Dim::Speed),
    (&["kilometers", "per", "hour"], "m/s", 1.0 / 3.6, Dim::Speed),
    (&["kilometres", "an", "hour"], "m/s", 1.0 / 3.6, Dim::Speed),
    (&["kilometers", "an", "hour"], "m/s", 1.0 / 3.6, Dim::Speed),
    (&["knots"], "m/s", 0.514_444, Dim::Speed),
    (&["m", "/", "s"], "m/s", 1.0, Dim::Speed),
    // area
    (&["square", "kilometres"], "m2", 1e6, Dim::Area),
    (&["square", "kilometers"], "m2", 1e6, Dim::Area),
    (&["square", "kilometre"], "m2", 1e6, Dim::Area),
    (&["square", "kilometer"], "m2", 1e6, Dim::Area),
    (&["square", "km"], "m2", 1e6, Dim::Area),
    (&["sq", "km"], "m2", 1e6, Dim::Area),
    (&["km2"], "m2", 1e6, Dim::Area),
    (&["km", "²"], "m2", 1e6, Dim::Area),
    (&["square", "miles"], "m2", 2_589_988.110_336, Dim::Area),
    (&["square", "mile"], "m2", 2_589_988.110_336, Dim::Area),
    (&["sq", "mi"], "m2", 2_589_988.110_336, Dim::Area),
    (&["square", "metres"], "m2", 1.0, Dim::Area),
    (&["square", "meters"], "m2", 1.0, Dim::Area),
    (&["square", "metre"], "m2", 1.0, Dim::Area),
    (&["square", "meter"], "m2", 1.0, Dim::Area),
    (&["sq", "m"], "m2", 1.0, Dim::Area),
    (&["m2"], "m2", 1.0, Dim::Area),
    (&["m", "²"], "m2", 1.0, Dim::Area),
    (&["square", "feet"], "m2", 0.092_903_04, Dim::Area),
    (&["square", "foot"], "m2", 0.092_903_04, Dim::Area),
    (&["sq", "ft"], "m2", 0.092_903_04, Dim::Area),
    (&["acres"], "m2", 4_046.856_422_4, Dim::Area),
    (&["acre"], "m2", 4_046.856_422_4, Dim::Area),
    (&["hectares"], "m2", 1e4, Dim::Area),
    (&["hectare"], "m2", 1e4, Dim::Area),
    (&["ha"], "m2", 1e4, Dim::Area),
    // volume
    (&["cubic", "metres"], "l", 1000.0, Dim::Volume),
    (&["cubic", "meters"], "l", 1000.0, Dim::Volume),
    (&["litres"], "l", 1.0, Dim::Volume),
    (&["liters"], "l", 1.0, Dim::Volume),
    (&["litre"], "l", 1.0, Dim::Volume),
    (&["liter"], "l", 1.0, Dim::Volume),
    (&["ml"], "l", 0.001, Dim::Volume),
    (&["gallons"], "l", 3.785_411_784, Dim::Volume),
    (&["gallon"], "l", 3.785_411_784, Dim::Volume),
    (&["barrels"], "l", 158.987_294_928, Dim::Volume),
    (&["barrel"], "l", 158.987_294_928, Dim::Volume),
    (&["bbl"], "l", 158.987_294_928, Dim::Volume),
    // length
    (&["nautical", "miles"], "m", 1852.0, Dim::Length),
    (&["kilometres"], "m", 1000.0, Dim::Length),
    (&["kilometers"], "m", 1000.0, Dim::Length),
    (&["kilometre"], "m", 1000.0, Dim::Length),
    (&["kilometer"], "m", 1000.0, Dim::Length),
    (&["km"], "m", 1000.0, Dim::Length),
    (&["kms"], "m", 1000.0, Dim::Length),
    (&["metres"], "m", 1.0, Dim::Length),
    (&["meters"], "m", 1.0, Dim::Length),
    (&["metre"], "m", 1.0, Dim::Length),
    (&["meter"], "m", 1.0, Dim::Length),
    (&["m"], "m", 1.0, Dim::Length),
    (&["centimetres"], "m", 0.01, Dim::Length),
    (&["centimeters"], "m", 0.01, Dim::Length),
    (&["cm"], "m", 0.01, Dim::Length),
    (&["millimetres"], "m", 0.001, Dim::Length),
    (&["millimeters"], "m", 0.001, Dim::Length),
    (&["mm"], "m", 0.001, Dim::Length),
    (&["miles"], "m", 1609.344, Dim::Length),
    (&["mile"], "m", 1609.344, Dim::Length),
    (&["feet"], "m", 0.3048, Dim::Length),
    (&["foot"], "m", 0.3048, Dim::Length),
    (&["ft"], "m", 0.3048, Dim::Length),
    (&["inches"], "m", 0.0254, Dim::Length),
    (&["inch"], "m", 0.0254, Dim::Length),
    (&["yards"], "m", 0.9144, Dim::Length),
    (&["yard"], "m", 0.9144, Dim::Length),
    // weight
    (&["kilograms"], "kg", 1.0, Dim::Weight),
    (&["kilogrammes"], "kg", 1.0, Dim::Weight),
    (&["kilogram"], "kg", 1.0, Dim::Weight),
    (&["kilos"], "kg", 1.0, Dim::Weight),
    (&["kilo"], "kg", 1.0, Dim::Weight),
    (&["kg"], "kg", 1.0, Dim::Weight),
    (&["kgs"], "kg", 1.0, Dim::Weight),
    (&["grams"], "kg", 0.001, Dim::Weight),
    (&["gram"], "kg", 0.001, Dim::Weight),
    (&["g"], "kg", 0.001, Dim::Weight),
    (&["tonnes"], "kg", 1000.0, Dim::Weight),
    (&["tonne"], "kg", 1000.0, Dim::Weight),
    (&["tons"], "kg", 1000.0, Dim::Weight),
    (&["ton"], "kg", 1000.0, Dim::Weight),
    (&["t"], "kg", 1000.0, Dim::Weight),
    (&["pounds"], "kg", 0.453_592_37, Dim::Weight),
    (&["pound"], "kg", 0.453_592_37, Dim::Weight),
    (&["lbs"], "kg", 0.453_592_37, Dim::Weight),
    (&["lb"], "kg", 0.453_592_37, Dim::Weight),
    (&["ounces"], "kg", 0.028_349_523_125, Dim::Weight),
    (&["ounce"], "kg", 0.028_349_523_125, Dim::Weight),
    (&["oz"], "kg", 0.028_349_523_125, Dim::Weight),
    // duration
    (&["seconds"], "s", 1.0, Dim::Duration),
    (&["second"], "s", 1.0, Dim::Duration),
    (&["secs"], "s", 1.0, Dim::Duration),
    (&["sec"], "s", 1.0, Dim::Duration),
    (&["minutes"], "s", 60.0, Dim::Duration),
    (&["minute"], "s", 60.0, Dim::Duration),
    (&["mins"], "s", 60.0, Dim::Duration),
    (&["min"], "s", 60.0, Dim::Duration),
    (&["hours"], "s", 3600.0, Dim::Duration),
    (&["hour"], "s", 3600.0, Dim::Duration),
    (&["hrs"], "s", 3600.0, Dim::Duration),
    (&["hr"], "s", 3600.0, Dim::Duration),
    (&["days"], "s", 86_400.0, Dim::Duration),
    (&["day"], "s", 86_400.0, Dim::Duration),
    (&["weeks"], "s", 604_800.0, Dim::Duration),
    (&["week"], "s", 604_800.0, Dim::Duration),
    (&["months"], "s", MONTH, Dim::Duration),
    (&["month"], "s", MONTH, Dim::Duration),
    (&["years"], "s", YEAR, Dim::Duration),
    (&["year"], "s", YEAR, Dim::Duration),
    (&["decades"], "s", 10.0 * YEAR, Dim::Duration),
    (&["decade"], "s", 10.0 * YEAR, Dim::Duration),
    // money written after the number
    (&["us", "dollars"], "USD", 1.0, Dim::Money),
    (&["dollars"], "USD", 1.0, Dim::Money),
    (&["dollar"], "USD", 1.0, Dim::Money),
    (&["euros"], "EUR", 1.0, Dim::Money),
    (&["euro"], "EUR", 1.0, Dim::Money),
    (&["pounds", "sterling"], "GBP", 1.0, Dim::Money),
    (&["sterling"], "GBP", 1.0, Dim::Money),
    (&["pesos"], "MXN", 1.0, Dim::Money),
    (&["peso"], "MXN", 1.0, Dim::Money),
    (&["yen"], "JPY", 1.0, Dim::Money),
    (&["yuan"], "CNY", 1.0, Dim::Money),
    (&["renminbi"], "CNY", 1.0, Dim::Money),
    (&["rupees"], "INR", 1.0, Dim::Money),
    (&["francs"], "CHF", 1.0, Dim::Money),
    (&["usd"], "USD", 1.0, Dim::Money),
    (&["eur"], "EUR", 1.0, Dim::Money),
    (&["gbp"], "GBP", 1.0, Dim::Money),
    (&["mxn"], "MXN", 1.0, Dim::Money),
];

pub const YEAR: f64 = 365.0 * 86_400.0;
pub const MONTH: f64 = 30.0 * 86_400.0;

/// Length/first-letter filter over the first word of every unit: most words after a
/// number ("people", "were") are rejected before the table is scanned.
const UNIT_FIRST_MASK: [u32; 16] = {
    let mut masks = [0u32; 16];
    let mut i = 0;
    while i < UNITS.len() {
        let b = UNITS[i].0[0].as_bytes();
        if !b.is_empty() && b.len() < 16 {
            let l = b[0].to_ascii_lowercase();
            masks[b.len()] |= if l.is_ascii_lowercase() {
                1 << (l - b'a')
            } else {
                1 << 26
            };
        }
        i += 1;
    }
    masks
};

pub fn may_be_unit(word: &str) -> bool {
    let b = word.as_bytes();
    if b.is_empty() || b.len() >= 16 {
        return false;
    }
    let l = b[0].to_ascii_lowercase();
    let bit = if l.is_ascii_lowercase() {
        1 << (l - b'a')
    } else {
        1 << 26
    };
    UNIT_FIRST_MASK[b.len()] & bit != 0
}

/// Currency symbols and codes written before a number: (tokens, code).
const CURRENCY_BEFORE: &[(&[&str], &str)] = &[
    (&["US", "$"], "USD"),
    (&["C", "$"], "CAD"),
    (&["A", "$"], "AUD"),
    (&["NZ", "$"], "NZD"),
    (&["R", "$"], "BRL"),
    (&["MX", "$"], "MXN"),
    (&["HK", "$"], "HKD"),
    (&["$"], "USD"),
    (&["€"], "EUR"),
    (&["£"], "GBP"),
    (&["¥"], "JPY"),
    (&["₹"], "INR"),
    (&["USD"], "USD"),
    (&["EUR"], "EUR"),
    (&["GBP"], "GBP"),
    (&["MXN"], "MXN"),
    (&["Rs"], "INR"),
];

/// A currency written just before token `i`: (code, index of its first token).
pub fn currency_before(text: &str, toks: &[Tok], i: usize) -> Option<(&'static str, usize)> {
    for (words, code) in CURRENCY_BEFORE {
        let n = words.len();
        if i < n {
            continue;
        }
        let first = i - n;
        let all = words.iter().enumerate().all(|(k, w)| {
            let t = &toks[first + k];
            t.text(text) == *w && (k == 0 || !t.space_before)
        });
        // a code needs a space or an attached number: "USD 5", "€5"; symbols attach
        if all {
            return Some((code, first));
        }
    }
    None
}

/// A unit written after a number ending at token `end`. `scaled`: a scale word preceded
/// ("5 million pounds" → GBP). `money`: a currency was already written before.
pub fn unit_after(text: &str, toks: &[Tok], end: usize, scaled: bool, money: bool) -> Option<Unit> {
    let mut start = end;
    let mut hyphenated = false;
    if let Some(t) = toks.get(end) {
        if t.kind == Kind::Punct && matches!(t.text(text), "-" | "‑") && !t.space_before {
            start = end + 1;
            hyphenated = true;
        }
    }
    if !toks.get(start).is_some_and(|t| may_be_unit(t.text(text))) {
        return None;
    }
    let first_word = toks[start].text(text);
    for (words, unit, factor, dim) in UNITS {
        if money && *dim != Dim::Money && *dim != Dim::Percent {
            // "$3m" is handled as a scale; no other unit after a currency symbol
            continue;
        }
        if !words[0].eq_ignore_ascii_case(first_word) || !matches_words(text, toks, start, words) {
            continue;
        }
        let after = start + words.len();
        let first_tok = &toks[start];
        let (mut unit, mut dim) = (*unit, *dim);
        // Short symbols must touch the number or stand alone as a word: "5 m", "5m".
        if words.len() == 1 && matches!(words[0], "m" | "g" | "t" | "ha" | "min" | "sec") {
            let next_is_word = toks.get(after).is_some_and(|t| {
                t.kind == Kind::Word && !t.space_before
                    || t.kind == Kind::Punct && t.text(text) == "'"
            });
            if next_is_word || (words[0] != "m" && first_tok.space_before && words[0] != "min") {
                continue;
            }
        }
        if words[0] == "pounds" && words.len() == 1 && scaled {
            let of_follows = toks
                .get(after)
                .is_some_and(|t| t.text(text).eq_ignore_ascii_case("of"));
            if !of_follows {
                unit = "GBP";
                dim = Dim::Money;
            }
        }
        if dim == Dim::Money && money {
            // "$5 dollars": keep the symbol's currency, swallow the word
            return Some(Unit {
                unit: "",
                factor: 1.0,
                dim,
                end: after,
                hyphenated,
            });
        }
        return Some(Unit {
            unit,
            factor: *factor,
            dim,
            end: after,
            hyphenated,
        });
    }
    None
}

/// Unit words written with a country adjective between number and unit:
/// "20 million Argentine pesos". Returns (code, tokens consumed incl. the adjective).
pub fn country_money_after(text: &str, toks: &[Tok], end: usize) -> Option<(&'static str, usize)> {
    const PAIRS: &[(&str, &str, &str)] = &[
        ("argentine", "pesos", "ARS"),
        ("argentinian", "pesos", "ARS"),
        ("chilean", "pesos", "CLP"),
        ("colombian", "pesos", "COP"),
        ("philippine", "pesos", "PHP"),
        ("mexican", "pesos", "MXN"),
        ("cuban", "pesos", "CUP"),
        ("canadian", "dollars", "CAD"),
        ("australian", "dollars", "AUD"),
        ("hong", "kong", "HKD"),
        ("new", "zealand", "NZD"),
        ("singapore", "dollars", "SGD"),
        ("us", "dollars", "USD"),
        ("u.s", "dollars", "USD"),
        ("swiss", "francs", "CHF"),
        ("british", "pounds", "GBP"),
        ("indian", "rupees", "INR"),
        ("brazilian", "reais", "BRL"),
        ("south", "african", "ZAR"),
    ];
    let a = toks.get(end).filter(|t| t.kind == Kind::Word)?.text(text);
    let b = toks
        .get(end + 1)
        .filter(|t| t.kind == Kind::Word)?
        .text(text);
    for (x, y, code) in PAIRS {
        if a.eq_ignore_ascii_case(x) && b.eq_ignore_ascii_case(y) {
            return Some((code, end + 2));
        }
    }
    None
}

fn matches_words(text: &str, toks: &[Tok], start: usize, words: &[&str]) -> bool {
    words.iter().enumerate().all(|(k, w)| {
        toks.get(start + k).is_some_and(|t| {
            let s = t.text(text);
            // inner tokens of "km/h", "m²" must touch
            (k == 0 || w.len() > 2 || !t.space_before || is_any(s, &["cent", "km", "mi", "ft"]))
                && s.eq_ignore_ascii_case(w)
        })
    })
}

#[cfg(test)]
mod tests {
    use super::super::tokens::tokenize;
    use super::*;

    fn unit_of(s: &str) -> Option<(&'static str, f64, Dim)> {
        let mut toks = Vec::new();
        tokenize(s, 0, s.len(), &mut toks);
        unit_after(s, &toks, 1, false, false).map(|u| (u.unit, u.factor, u.dim))
    }

    #[test]
    fn normalises_units() {
        assert_eq!(unit_of("3 miles").unwrap().0, "m");
        assert_eq!(unit_of("3 miles").unwrap().1, 1609.344);
        assert_eq!(unit_of("40 per cent").unwrap().0, "percent");
        assert_eq!(unit_of("40%").unwrap().0, "percent");
        assert_eq!(unit_of("120 km/h").unwrap().0, "m/s");
        assert_eq!(unit_of("120 mph").unwrap().0, "m/s");
        assert_eq!(unit_of("15-minute call").unwrap().1, 60.0);
        assert_eq!(unit_of("2 tonnes").unwrap().1, 1000.0);
        assert_eq!(unit_of("3,000 barrels").unwrap().0, "l");
        assert_eq!(unit_of("5 square miles").unwrap().0, "m2");
        assert_eq!(unit_of("500 pesos").unwrap().0, "MXN");
        assert_eq!(unit_of("200m").unwrap().0, "m");
        assert!(unit_of("5 men").is_none());
    }
}
