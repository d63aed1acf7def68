//! Property tests (proptest). Each property states a promise of the crate for *every* input
//! of a kind, checked on generated cases:
//!
//! - positions: byte offset ↔ line/UTF-16 ↔ line/UTF-8 conversions agree with a reference
//!   computation and round-trip, for arbitrary Unicode (surrogate pairs, `\r\n`, combining
//!   marks) and arbitrary, possibly out-of-range positions;
//! - dates and printing: calendar conversions round-trip, and printing any figure value
//!   never panics;
//! - analysis: no text panics the article or workspace analysis, and every span, index and
//!   value in the result is valid (the invariants shared with the fuzz targets).
//!
//! Case counts are set per block (`ProptestConfig::with_cases`); proptest's
//! `PROPTEST_CASES` environment variable overrides them for a longer run.

use corroborate::article::{analyze, ArticleContext};
use corroborate::config::Config;
use corroborate::position::{Encoding, LineCol, LineIndex};
use proptest::prelude::*;
use proptest::test_runner::TestCaseError;
use std::sync::Arc;

#[path = "../fuzz/src/invariants.rs"]
mod invariants;

// ---------------------------------------------------------------------------------------
// Generators

/// Text that stresses column arithmetic: 1-, 2-, 3- and 4-byte chars (the last are UTF-16
/// surrogate pairs), `\n`, `\r\n`, lone `\r`, combining marks, and any char at all.
fn unicode_text(max: usize) -> impl Strategy<Value = String> {
    let ch = prop_oneof![
        4 => prop::char::range('a', 'z'),
        2 => Just('\n'),
        1 => Just('\r'),
        1 => Just('é'),
        1 => Just('中'),
        2 => Just('😀'),
        1 => Just('\u{0301}'),
        1 => Just('\u{2028}'),
        2 => any::<char>(),
    ];
    prop::collection::vec(ch, 0..max).prop_map(String::from_iter)
}

/// Pieces of news prose: numbers in every spelling, hedges, units, names, titles, quote
/// marks, metadata lines, page noise, so generated text reaches deep into the extractors.
fn article_text() -> impl Strategy<Value = String> {
    let word = prop::sample::select(vec![
        "people",
        "were",
        "killed",
        "injured",
        "hurt",
        "died",
        "said",
        "told",
        "reporters",
        "Mayor",
        "Ana",
        "Ruiz",
        "Luis",
        "Fernando",
        "Ortega",
        "Salcedo",
        "de",
        "la",
        "Dr.",
        "Gov.",
        "Health",
        "Minister",
        "at",
        "least",
        "more",
        "than",
        "nearly",
        "about",
        "some",
        "up",
        "to",
        "between",
        "and",
        "or",
        "percent",
        "per",
        "cent",
        "%",
        "$",
        "€",
        "million",
        "billion",
        "thousand",
        "dozens",
        "hundreds",
        "seventeen",
        "forty",
        "twenty-one",
        "fifteen-minute",
        "Friday",
        "yesterday",
        "March",
        "14,",
        "2026",
        "at",
        "19:15",
        "year",
        "on",
        "compared",
        "with",
        "last",
        "rose",
        "fell",
        "toll",
        "death",
        "Route",
        "COVID-19",
        "2-1",
        "km",
        "kg",
        "tonnes",
        "hectares",
        "according",
        "police",
        "outlet:",
        "published:",
        "title:",
        "---",
        "Share",
        "Related:",
        "comments",
        "corroborate:",
        "ignore",
        "<!--",
        "-->",
        "’s",
        "'s",
        "—",
        "–",
        "-",
        "(",
        ")",
        ":",
        ";",
        ",",
        ".",
        "\"",
        "“",
        "”",
        "‘",
        "’",
        "«",
        "»",
        "\n",
        "\n\n",
        "\r\n",
        "\t",
        "😀",
        "São",
        "Zürich",
    ]);
    let number = prop_oneof![
        any::<u64>().prop_map(|n| n.to_string()),
        (0u32..100_000).prop_map(|n| format_thousands(n as u64)),
        (any::<u16>(), 0u32..1000).prop_map(|(a, b)| format!("{a}.{b}")),
        (any::<i32>()).prop_map(|n| n.to_string()),
        prop::string::string_regex("[0-9][0-9,.]{0,30}").expect("regex"),
        Just("1e309".to_string()),
        Just("0.000".to_string()),
        Just("9".repeat(400)),
    ];
    let piece = prop_oneof![
        6 => word.prop_map(str::to_string),
        2 => number,
        1 => any::<char>().prop_map(|c| c.to_string()),
    ];
    prop::collection::vec(piece, 0..160).prop_map(|pieces| {
        let mut out = String::new();
        for p in pieces {
            if !out.is_empty() && !out.ends_with('\n') {
                out.push(' ');
            }
            out.push_str(&p);
        }
        out
    })
}

fn format_thousands(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

// ---------------------------------------------------------------------------------------
// Positions

/// Where lines start: after `\n`, and after a `\r` not followed by `\n` (the LSP line ends
/// are `\n`, `\r\n` and a lone `\r`).
fn reference_line_starts(text: &str) -> Vec<usize> {
    let b = text.as_bytes();
    std::iter::once(0)
        .chain((0..b.len()).filter_map(|i| {
            let ends = b[i] == b'\n' || (b[i] == b'\r' && b.get(i + 1) != Some(&b'\n'));
            ends.then_some(i + 1)
        }))
        .collect()
}

/// The obvious, slow definition of a position: lines end at `\n`, `\r\n` or a lone `\r`;
/// the character is the length of the line's text before the offset, in the encoding's
/// units.
fn reference_position(text: &str, offset: usize, enc: Encoding) -> LineCol {
    let starts = reference_line_starts(text);
    let line = starts.iter().filter(|&&s| s <= offset).count() - 1;
    let line_start = starts[line];
    let segment = &text[line_start..offset];
    let character = match enc {
        Encoding::Utf8 => segment.len(),
        Encoding::Utf16 => segment.encode_utf16().count(),
    };
    LineCol {
        line: line as u32,
        character: character as u32,
    }
}

fn boundaries(text: &str) -> Vec<usize> {
    text.char_indices()
        .map(|(i, _)| i)
        .chain(std::iter::once(text.len()))
        .collect()
}

const ENCODINGS: [Encoding; 2] = [Encoding::Utf8, Encoding::Utf16];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// `position` agrees with the reference at every char boundary, in both encodings.
    #[test]
    fn position_matches_reference(text in unicode_text(120)) {
        let index = LineIndex::new(&text);
        prop_assert_eq!(index.line_count(), reference_line_starts(&text).len());
        for o in boundaries(&text) {
            for enc in ENCODINGS {
                prop_assert_eq!(index.position(&text, o, enc), reference_position(&text, o, enc),
                    "offset {} {:?}", o, enc);
            }
        }
    }

    /// byte → position → byte is the identity on char boundaries, in both encodings.
    #[test]
    fn offset_position_round_trip(text in unicode_text(120)) {
        let index = LineIndex::new(&text);
        for o in boundaries(&text) {
            for enc in ENCODINGS {
                let p = index.position(&text, o, enc);
                prop_assert_eq!(index.offset(&text, p, enc), o, "offset {} {:?} via {:?}", o, enc, p);
            }
        }
    }

    /// UTF-16 position → byte → UTF-8 position equals the UTF-8 position, and back.
    #[test]
    fn utf16_and_utf8_positions_convert_through_bytes(text in unicode_text(120)) {
        let index = LineIndex::new(&text);
        for o in boundaries(&text) {
            let p16 = index.position(&text, o, Encoding::Utf16);
            let p8 = index.position(&text, o, Encoding::Utf8);
            prop_assert_eq!(p16.line, p8.line);
            let via16 = index.offset(&text, p16, Encoding::Utf16);
            prop_assert_eq!(index.position(&text, via16, Encoding::Utf8), p8);
            let via8 = index.offset(&text, p8, Encoding::Utf8);
            prop_assert_eq!(index.position(&text, via8, Encoding::Utf16), p16);
        }
    }

    /// Offsets inside a char (not on a boundary, or past the end) map to the position of
    /// the char's start (or of the end of the text).
    #[test]
    fn positions_of_inner_offsets_snap_back(text in unicode_text(60), extra in 0usize..8) {
        let index = LineIndex::new(&text);
        for o in 0..=text.len() + extra {
            let mut floor = o.min(text.len());
            while !text.is_char_boundary(floor) {
                floor -= 1;
            }
            for enc in ENCODINGS {
                prop_assert_eq!(index.position(&text, o, enc), index.position(&text, floor, enc));
            }
        }
    }

    /// Positions grow strictly with offsets.
    #[test]
    fn positions_are_monotonic(text in unicode_text(120)) {
        let index = LineIndex::new(&text);
        let b = boundaries(&text);
        for w in b.windows(2) {
            for enc in ENCODINGS {
                prop_assert!(index.position(&text, w[0], enc) < index.position(&text, w[1], enc));
            }
        }
    }

    /// Any position a client may send — past the last line, past the line's end, inside a
    /// surrogate pair — gives a char boundary on the addressed line (or the text's end),
    /// never a panic; and offsets grow with the character on a line.
    #[test]
    fn arbitrary_positions_clamp(
        text in unicode_text(80),
        line in 0u32..12,
        characters in prop::collection::vec(0u32..200, 1..12),
    ) {
        let index = LineIndex::new(&text);
        let starts = reference_line_starts(&text);
        for enc in ENCODINGS {
            let mut sorted = characters.clone();
            sorted.sort_unstable();
            let mut last = 0;
            for &character in &sorted {
                let o = index.offset(&text, LineCol { line, character }, enc);
                prop_assert!(o <= text.len() && text.is_char_boundary(o));
                match starts.get(line as usize) {
                    Some(&start) => {
                        let end = starts.get(line as usize + 1).map(|s| s - 1).unwrap_or(text.len());
                        prop_assert!(start <= o && o <= end, "{} not in line {}..{}", o, start, end);
                        prop_assert!(o >= last, "offsets must not decrease with the character");
                        last = o;
                    }
                    None => prop_assert_eq!(o, text.len()),
                }
            }
        }
    }
}

// ---------------------------------------------------------------------------------------
// Dates and printing

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// Days since 1970 ↔ civil date round-trips over ±1 million years.
    #[test]
    fn days_round_trip(days in -365_000_000i64..365_000_000) {
        let d = corroborate::dates::Date::from_days(days);
        prop_assert_eq!(d.days(), days);
        prop_assert!((1..=12).contains(&d.month) && (1..=31).contains(&d.day));
    }

    /// Printing a figure never panics, whatever its value and unit (a date figure of
    /// 10^300 seconds, an infinite percentage, NaN …).
    #[test]
    fn describing_any_figure_value_never_panics(
        low in prop::option::of(any::<f64>()),
        high in prop::option::of(any::<f64>()),
        unit in prop::sample::select(vec!["count", "percent", "date", "time", "USD", "kg", "m2", ""]),
    ) {
        let figure = corroborate::figures::Figure {
            span: corroborate::Span::new(0, 0),
            value: corroborate::figures::Interval { low, high, low_open: false, high_open: true },
            unit,
            precision: 0.0,
            hedge: corroborate::figures::Hedge::Exact,
            subject: "killed".into(),
            baseline: None,
            direction: None,
            update: false,
            sentence: 0,
        };
        let _ = corroborate::figures::describe_value(&figure);
    }
}

// ---------------------------------------------------------------------------------------
// Analysis never panics and keeps its invariants

fn check_article(text: &str) {
    let config = Config::default();
    let facts = analyze(text, &ArticleContext::default(), &config);
    invariants::check_facts(text, &facts);
}

fn check_workspace(texts: &[String]) {
    let config = Config::default();
    let outlets = ["The Valley Herald", "Coastal Courier"];
    let inputs = texts
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let ctx = ArticleContext {
                outlet: Some(outlets[i % 2].to_string()),
                read_problems: Vec::new(),
            };
            (format!("a{i}.txt"), Arc::<str>::from(t.as_str()), ctx)
        })
        .collect();
    let a = corroborate::workspace::analyze_texts(inputs, &config);
    invariants::check_analysis(&a);
    invariants::check_printers(&a);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn any_string_analyses_without_panic(text in any::<String>()) {
        check_article(&text);
    }

    #[test]
    fn any_unicode_text_analyses_without_panic(text in unicode_text(300)) {
        check_article(&text);
    }

    #[test]
    fn news_like_text_analyses_without_panic(text in article_text()) {
        check_article(&text);
    }

    #[test]
    fn news_like_workspaces_analyse_without_panic(texts in prop::collection::vec(article_text(), 1..5)) {
        check_workspace(&texts);
    }
}

// ---------------------------------------------------------------------------------------
// Figures: the normalised value does not depend on how the number is spelled

/// The figures of a one-sentence article: (low, high, unit, subject) each.
fn figure_values(sentence: &str) -> Vec<(Option<f64>, Option<f64>, String, String)> {
    let text =
        format!("---\noutlet: The Valley Herald\npublished: 2026-03-14\n---\n\n{sentence}\n");
    let facts = analyze(&text, &ArticleContext::default(), &Config::default());
    invariants::check_facts(&text, &facts);
    facts
        .figures
        .iter()
        .map(|f| {
            (
                f.value.low,
                f.value.high,
                f.unit.to_string(),
                f.subject.to_string(),
            )
        })
        .collect()
}

/// English words for 0 ≤ n < 1,000,000 ("forty-two", "one hundred and five",
/// "three thousand two hundred and one").
fn words(n: u32) -> String {
    const ONES: [&str; 20] = [
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
    const TENS: [&str; 10] = [
        "", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
    ];
    fn below_hundred(n: u32) -> String {
        match n {
            0..=19 => ONES[n as usize].to_string(),
            _ if n % 10 == 0 => TENS[(n / 10) as usize].to_string(),
            _ => format!("{}-{}", TENS[(n / 10) as usize], ONES[(n % 10) as usize]),
        }
    }
    fn below_thousand(n: u32) -> String {
        match (n / 100, n % 100) {
            (0, r) => below_hundred(r),
            (h, 0) => format!("{} hundred", ONES[h as usize]),
            (h, r) => format!("{} hundred and {}", ONES[h as usize], below_hundred(r)),
        }
    }
    match (n / 1000, n % 1000) {
        (0, r) => below_thousand(r),
        (t, 0) => format!("{} thousand", below_thousand(t)),
        (t, r) if r < 100 => format!("{} thousand and {}", below_thousand(t), below_hundred(r)),
        (t, r) => format!("{} thousand {}", below_thousand(t), below_thousand(r)),
    }
}

fn capitalised(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// All spellings give the same figures, and at least one figure.
fn same_figures(spellings: &[String]) -> Result<(), TestCaseError> {
    let first = figure_values(&spellings[0]);
    prop_assert!(!first.is_empty(), "no figure in {:?}", spellings[0]);
    for s in &spellings[1..] {
        prop_assert_eq!(&figure_values(s), &first, "{:?} vs {:?}", s, spellings[0]);
    }
    Ok(())
}

const COUNT_SENTENCES: [&str; 4] = [
    "Officials said {} people were killed in the blast.",
    "At least {} people were injured, police said.",
    "The mayor said {} families had been evacuated.",
    "More than {} workers were arrested after the protest.",
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    /// "seventeen" = "17", "one hundred and five" = "105", "Forty" at a sentence start = "40".
    #[test]
    fn number_words_equal_digits(n in 2u32..1000, template in prop::sample::select(COUNT_SENTENCES.to_vec())) {
        same_figures(&[template.replace("{}", &n.to_string()), template.replace("{}", &words(n))])?;
        let start = "{} people were killed in the blast, officials said.";
        same_figures(&[start.replace("{}", &n.to_string()), start.replace("{}", &capitalised(&words(n)))])?;
    }

    /// Larger number words: "three thousand two hundred" = "3,200".
    #[test]
    fn thousands_in_words_equal_digits(n in 1000u32..1_000_000, template in prop::sample::select(COUNT_SENTENCES.to_vec())) {
        same_figures(&[
            template.replace("{}", &format_thousands(n as u64)),
            template.replace("{}", &words(n)),
        ])?;
    }

    /// "1,500" = "1500" (thousands separators), for numbers that cannot be years.
    #[test]
    fn thousands_separators_do_not_change_values(n in 10_000u64..100_000_000, template in prop::sample::select(COUNT_SENTENCES.to_vec())) {
        same_figures(&[template.replace("{}", &format_thousands(n)), template.replace("{}", &n.to_string())])?;
    }

    /// "40 percent" = "40%" = "40 per cent", with and without decimals.
    #[test]
    fn percent_spellings_are_equal(
        whole in 0u32..100,
        tenth in prop::option::of(0u32..10),
        template in prop::sample::select(vec![
            "Unemployment rose to {} in March.",
            "Turnout was {}, officials said.",
            "Exports fell {} compared with last year.",
            "The party won {} of the vote.",
        ]),
    ) {
        let v = match tenth { Some(t) => format!("{whole}.{t}"), None => whole.to_string() };
        same_figures(&[
            template.replace("{}", &format!("{v}%")),
            template.replace("{}", &format!("{v} percent")),
            template.replace("{}", &format!("{v} per cent")),
        ])?;
    }

    /// "$2.5 million" = "2.5 million dollars" = "$2,500,000".
    #[test]
    fn money_spellings_are_equal(millions in 1u32..1000, tenth in 1u32..10) {
        let template = "The damage was put at {}, the insurer said.";
        same_figures(&[
            template.replace("{}", &format!("${millions}.{tenth} million")),
            template.replace("{}", &format!("{millions}.{tenth} million dollars")),
            template.replace("{}", &format!("${}", format_thousands(millions as u64 * 1_000_000 + tenth as u64 * 100_000))),
        ])?;
    }
}

// ---------------------------------------------------------------------------------------
// The language server: incremental edits give the same results as the final text

#[path = "support/lsp_client.rs"]
mod lsp_client;

/// One random splice of a document: replace the chars `[from, from + len)` (char indices,
/// taken modulo the text's length) with `text`.
#[derive(Clone, Debug)]
struct Splice {
    from: usize,
    len: usize,
    text: String,
}

fn splices() -> impl Strategy<Value = Vec<Splice>> {
    let insert = prop_oneof![
        3 => article_text().prop_map(|t| t.chars().take(60).collect::<String>()),
        1 => unicode_text(8),
        1 => Just(String::new()),
    ];
    prop::collection::vec(
        (any::<usize>(), 0usize..30, insert).prop_map(|(from, len, text)| Splice {
            from,
            len,
            text,
        }),
        1..12,
    )
}

/// Apply a splice locally; returns the LSP range (UTF-16) it replaced.
fn apply_splice(text: &mut String, s: &Splice) -> serde_json::Value {
    let chars = text.chars().count();
    let from = if chars == 0 { 0 } else { s.from % (chars + 1) };
    let to = (from + s.len).min(chars);
    let byte = |c: usize| text.char_indices().nth(c).map_or(text.len(), |(i, _)| i);
    let (a, b) = (byte(from), byte(to));
    let index = LineIndex::new(text);
    let (pa, pb) = (
        index.position(text, a, Encoding::Utf16),
        index.position(text, b, Encoding::Utf16),
    );
    text.replace_range(a..b, &s.text);
    serde_json::json!({"start": {"line": pa.line, "character": pa.character},
                       "end": {"line": pb.line, "character": pb.character}})
}

/// What a client can see of one document: its symbols, inlay hints, code lenses, hovers at
/// every line start and the diagnostics published for it (version numbers removed).
fn visible_state(server: &mut lsp_client::Server, uri: &str, text: &str) -> serde_json::Value {
    use serde_json::json;
    let lines = text.split('\n').count() as u64;
    let all = json!({"start": {"line": 0, "character": 0}, "end": {"line": lines, "character": 0}});
    let doc = json!({"uri": uri});
    let symbols = server.ok("textDocument/documentSymbol", json!({"textDocument": doc}));
    let hints = server.ok(
        "textDocument/inlayHint",
        json!({"textDocument": doc, "range": all}),
    );
    let lenses = server.ok("textDocument/codeLens", json!({"textDocument": doc}));
    let hovers: Vec<serde_json::Value> = (0..lines.min(40))
        .map(|l| server.hover(uri, l, 4)["result"].clone())
        .collect();
    json!({"symbols": symbols, "hints": hints, "lenses": lenses, "hovers": hovers})
}

/// Wait until both servers published the same diagnostics for `uri` (or fail after 15 s:
/// generous for loaded CI machines, and a passing run returns as soon as they agree).
fn same_diagnostics(
    a: &lsp_client::Server,
    b: &lsp_client::Server,
    uri: &str,
) -> Result<(), String> {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(15);
    loop {
        let (da, db) = (a.diagnostics(uri), b.diagnostics(uri));
        let empty = |d: &Option<Vec<serde_json::Value>>| d.as_ref().map_or(true, |v| v.is_empty());
        if da == db || (empty(&da) && empty(&db)) {
            return Ok(());
        }
        if std::time::Instant::now() > deadline {
            return Err(format!(
                "diagnostics differ:\nedited: {da:?}\nfresh:  {db:?}"
            ));
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
}

/// Random edit sequences sent to one server (`didChange` with UTF-16 ranges) leave it, once
/// settled, in exactly the state of a second server that was only ever sent the final text: same
/// document text, symbols, hints, lenses, hovers and diagnostics. A second article from
/// another outlet is open in both, so cross-article findings are compared too.
#[test]
fn incremental_edits_match_the_final_text_from_scratch() {
    use proptest::test_runner::{Config as RunnerConfig, TestRunner};
    use serde_json::json;
    let dir = tempfile::tempdir().expect("tempdir");
    let root = std::fs::canonicalize(dir.path()).expect("canonical");
    let edited = std::cell::RefCell::new(lsp_client::Server::start(&root));
    let fresh = std::cell::RefCell::new(lsp_client::Server::start(&root));
    let other = lsp_client::file_uri(&root.join("other.md"));
    let other_text = "---\noutlet: Coastal Courier\npublished: 2026-03-14\n---\n\nAn explosion at the port killed 9 workers on Friday, Mayor Ana Ruiz said. At least 40 people were injured.\n";
    edited.borrow().open(&other, other_text, 1);
    fresh.borrow().open(&other, other_text, 1);
    let seed = "---\noutlet: The Valley Herald\npublished: 2026-03-14\n---\n\nAn explosion at the port killed 7 workers on Friday, Mayor Ana Ruiz said.\n\n\"It was terrible,\" Ruiz told reporters. More than 40 people were injured.\n";
    let mut runner = TestRunner::new(RunnerConfig::with_cases(24));
    let case = std::cell::Cell::new(0);
    let result = runner.run(&(prop::bool::ANY, splices()), |(start_empty, edits)| {
        case.set(case.get() + 1);
        let (mut edited, mut fresh) = (edited.borrow_mut(), fresh.borrow_mut());
        let case = case.get();
        let uri = lsp_client::file_uri(&root.join(format!("doc{case}.md")));
        let mut text = if start_empty {
            String::new()
        } else {
            seed.to_string()
        };
        edited.open(&uri, &text, 1);
        for (i, s) in edits.iter().enumerate() {
            let range = apply_splice(&mut text, s);
            edited.change(
                &uri,
                i as i64 + 2,
                json!([{"range": range, "text": s.text}]),
            );
        }
        fresh.open(&uri, &text, 1);
        let server_text = edited.server_text(&uri);
        prop_assert_eq!(server_text["text"].as_str(), Some(text.as_str()));
        // An edit updates the findings at once and settles them (stories, people) with a
        // full pass once the edits pause: compare the settled states (the deadline is for
        // loaded machines; it failed once at 10 s beside two release builds).
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
        loop {
            let a = visible_state(&mut edited, &uri, &text);
            let b = visible_state(&mut fresh, &uri, &text);
            if a == b {
                break;
            }
            if std::time::Instant::now() > deadline {
                prop_assert_eq!(&a, &b);
            }
            std::thread::sleep(std::time::Duration::from_millis(200));
        }
        for u in [&uri, &other] {
            same_diagnostics(&edited, &fresh, u).map_err(TestCaseError::fail)?;
        }
        edited.notify(
            "textDocument/didClose",
            json!({"textDocument": {"uri": uri}}),
        );
        fresh.notify(
            "textDocument/didClose",
            json!({"textDocument": {"uri": uri}}),
        );
        Ok(())
    });
    edited.into_inner().close();
    fresh.into_inner().close();
    if let Err(e) = result {
        panic!("{e}");
    }
}
