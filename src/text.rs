//! Text primitives shared by every extractor: paragraphs, sentences, word tokens and
//! folding (accents and case) for comparisons. Pure, byte offsets only.

use crate::Span;

/// A word token: a run of letters/digits, with inner apostrophes, hyphens, periods
/// (for "U.S.", "3.5") and commas between digits ("1,500") kept inside.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    pub span: Span,
}

impl Token {
    pub fn text<'a>(&self, text: &'a str) -> &'a str {
        self.span.slice(text)
    }
}

/// Word tokens of `text[span]`, with absolute offsets.
pub fn tokens_in(text: &str, span: Span) -> Vec<Token> {
    let mut out = Vec::with_capacity(span.len() / 5 + 1);
    scan_tokens(text, span, |span| out.push(Token { span }));
    out
}

/// How many word tokens [`tokens_in`] would return, without building them.
pub fn count_tokens(text: &str, span: Span) -> usize {
    let mut n = 0;
    scan_tokens(text, span, |_| n += 1);
    n
}

/// Does `text[span]` hold at least `n` word tokens? Counts only a prefix when that holds
/// enough: cut at a whitespace, where no token crosses (quotes ask it of every claim,
/// and a claim's first few words settle it).
pub fn has_tokens(text: &str, span: Span, n: usize) -> bool {
    let s = span.slice(text);
    let from = n.saturating_mul(16);
    let cut = s
        .get(from..)
        .and_then(|rest| rest.find(char::is_whitespace))
        .map(|k| from + k);
    if let Some(cut) = cut {
        if count_tokens(text, Span::new(span.start, span.start + cut)) >= n {
            return true;
        }
    }
    count_tokens(text, span) >= n
}

/// Calls `f(index, start, end)` for each word token `text[start..end]` of `text[span]`,
/// exactly as [`tokens_in`] cuts them, without allocating.
pub fn for_each_token(text: &str, span: Span, mut f: impl FnMut(usize, usize, usize)) {
    let mut count = 0;
    scan_tokens(text, span, |t| {
        f(count, t.start, t.end);
        count += 1;
    });
}

/// The tokenizer behind [`tokens_in`]: calls `found` with each token's absolute span.
///
/// Hot (every extractor tokenises its sentences, and claims and stories read every word
/// of the workspace again): most sentences are ASCII and take [`scan_ascii_tokens`];
/// others are walked byte by byte, decoding a char only outside ASCII.
fn scan_tokens(text: &str, span: Span, found: impl FnMut(Span)) {
    let Some(s) = text.get(span.start..span.end) else {
        return;
    };
    if s.is_ascii() {
        return scan_ascii_tokens(text, span, found);
    }
    scan_any_tokens(text, span, found);
}

/// Byte classes of the ASCII tokeniser.
const ALNUM: u8 = 1;
const DIGIT_BYTE: u8 = 2;
const JOINER: u8 = 4;
static BYTE_CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut c = 0;
    while c < 256 {
        let b = c as u8;
        if b.is_ascii_alphanumeric() {
            t[c] |= ALNUM;
        }
        if b.is_ascii_digit() {
            t[c] |= DIGIT_BYTE;
        }
        if matches!(b, b'\'' | b'-' | b'.' | b',') {
            t[c] |= JOINER;
        }
        c += 1;
    }
    t
};

/// [`scan_tokens`] of an ASCII span, by byte classes: a token is a run of letters and
/// digits, continued over a `'`, `-` or `.` between two of them or a `,` between two
/// digits.
fn scan_ascii_tokens(text: &str, span: Span, mut found: impl FnMut(Span)) {
    // the span's bytes from the start of the text, so offsets are the text's
    let b = text.as_bytes().get(..span.end).unwrap_or(&[]);
    let is = |c: u8, class: u8| BYTE_CLASS[c as usize] & class != 0;
    let mut i = span.start;
    loop {
        let rest = b.get(i..).unwrap_or(&[]);
        let Some(k) = rest.iter().position(|&c| is(c, ALNUM)) else {
            break;
        };
        i += k;
        let start = i;
        loop {
            let rest = b.get(i..).unwrap_or(&[]);
            i += rest
                .iter()
                .position(|&c| !is(c, ALNUM))
                .unwrap_or(rest.len());
            // `i` is at the end or on a byte that is not alphanumeric, after one that is
            match (b.get(i), b.get(i + 1)) {
                (Some(&j), Some(&n))
                    if is(j, JOINER)
                        && is(n, ALNUM)
                        && (j != b','
                            || (is(n, DIGIT_BYTE)
                                && b.get(i - 1).is_some_and(|&p| is(p, DIGIT_BYTE)))) =>
                {
                    i += 1;
                }
                _ => break,
            }
        }
        found(Span::new(start, i));
    }
}

/// [`scan_tokens`] of any span: remembers whether the previous char was alphanumeric / a
/// digit.
fn scan_any_tokens(text: &str, span: Span, mut found: impl FnMut(Span)) {
    let s = span.slice(text);
    let bytes = s.as_bytes();
    let mut start: Option<usize> = None;
    let mut prev_alnum = false;
    let mut prev_digit = false;
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        // a run of ASCII letters and digits is inside one token: taken in one inner loop
        if b.is_ascii_alphanumeric() {
            start.get_or_insert(i);
            let run = bytes.get(i..).map_or(1, |r| {
                r.iter().take_while(|b| b.is_ascii_alphanumeric()).count()
            });
            i += run;
            prev_alnum = true;
            prev_digit = bytes.get(i - 1).is_some_and(u8::is_ascii_digit);
            continue;
        }
        let Some((c, len)) = char_at(s, i) else {
            break;
        };
        let is_word = is_alnum(c);
        let joiner = start.is_some()
            && prev_alnum
            && matches!(c, '\'' | '’' | '-' | '.' | ',' | '‑')
            && char_at(s, i + len).is_some_and(|(n, _)| {
                is_alnum(n) && (c != ',' || prev_digit && n.is_ascii_digit())
            });
        if is_word || joiner {
            if start.is_none() {
                start = Some(i);
            }
        } else if let Some(st) = start.take() {
            found(Span::new(span.start + st, span.start + i));
        }
        prev_alnum = is_word;
        prev_digit = c.is_ascii_digit();
        i += len;
    }
    if let Some(st) = start {
        found(Span::new(span.start + st, span.start + s.len()));
    }
}

/// The char starting at byte `i` of `s` and its length (ASCII without decoding).
#[inline]
fn char_at(s: &str, i: usize) -> Option<(char, usize)> {
    let b = *s.as_bytes().get(i)?;
    if b.is_ascii() {
        return Some((b as char, 1));
    }
    let c = s.get(i..)?.chars().next()?;
    Some((c, c.len_utf8()))
}

#[inline]
fn is_alnum(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else {
        c.is_alphanumeric()
    }
}

/// Paragraphs: runs of non-blank lines. Returns spans without the trailing newline.
pub fn paragraphs(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut end = 0;
    for line in lines(text) {
        if line.slice(text).trim().is_empty() {
            if let Some(s) = start.take() {
                out.push(Span::new(s, end));
            }
        } else {
            if start.is_none() {
                start = Some(line.start);
            }
            end = line.end;
        }
    }
    if let Some(s) = start {
        out.push(Span::new(s, end));
    }
    out
}

/// Lines of `text`, each span excluding its `\n` and any `\r` before it.
pub fn lines(text: &str) -> Vec<Span> {
    line_spans(text).collect()
}

/// [`lines`] one at a time (for callers that read only the first few).
pub fn line_spans(text: &str) -> impl Iterator<Item = Span> + '_ {
    let bytes = text.as_bytes();
    let mut start = 0;
    std::iter::from_fn(move || {
        if start >= bytes.len() {
            return None;
        }
        let line_start = start;
        // SIMD search: every article's lines are cut here, paragraphs a few KB long
        let (end, next) = match memchr::memchr(b'\n', &bytes[start..]) {
            Some(k) => {
                let nl = start + k;
                let end = if nl > start && bytes[nl - 1] == b'\r' {
                    nl - 1
                } else {
                    nl
                };
                (end, nl + 1)
            }
            None => (bytes.len(), bytes.len()),
        };
        start = next;
        Some(Span::new(line_start, end))
    })
}

/// Abbreviations after which a period does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "gov", "sen", "rep", "gen", "col", "lt", "capt", "sgt", "st",
    "jr", "sr", "no", "vs", "v", "inc", "corp", "co", "ltd", "dept", "fig", "jan", "feb", "mar",
    "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mon", "tue", "tues", "wed",
    "thu", "thur", "thurs", "fri", "sat", "sun", "u.s", "u.k", "u.n", "e.g", "i.e", "a.m", "p.m",
    "approx", "est", "mt", "ft", "rev", "hon", "supt", "insp", "det", "cmdr", "adm", "maj", "pres",
];

/// Sentences inside `span` (normally a paragraph). Splits after `.`, `!`, `?` (and closing
/// quotes/brackets after them) followed by whitespace and an uppercase letter, digit or
/// opening quote, except after known abbreviations and single initials.
pub fn sentences_in(text: &str, span: Span) -> Vec<Span> {
    let s = span.slice(text);
    let bytes = s.as_bytes();
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        // jump to the next sentence mark (SIMD search: every paragraph is cut here)
        match bytes
            .get(i..)
            .and_then(|r| memchr::memchr3(b'.', b'!', b'?', r))
        {
            Some(k) => i += k,
            None => break,
        }
        let c = bytes[i];
        if c == b'.' || c == b'!' || c == b'?' {
            let mut j = i + 1;
            // closing quotes / brackets
            while j < s.len() {
                let rest = &s[j..];
                let ch = rest.chars().next().unwrap_or(' ');
                if matches!(ch, '"' | '\'' | '”' | '’' | ')' | ']') {
                    j += ch.len_utf8();
                } else {
                    break;
                }
            }
            let ws_start = j;
            while j < s.len()
                && (bytes[j] == b' ' || bytes[j] == b'\t' || bytes[j] == b'\n' || bytes[j] == b'\r')
            {
                j += 1;
            }
            let has_ws = j > ws_start;
            let next = s[j..].chars().next();
            let starts_new = next.is_some_and(|n| {
                n.is_uppercase()
                    || n.is_ascii_digit()
                    || matches!(n, '"' | '“' | '‘' | '\'' | '(' | '—' | '–')
            });
            if has_ws && starts_new && !(c == b'.' && is_abbreviation_before(s, i)) {
                push_trimmed(&mut out, s, start, ws_start, span.start);
                start = j;
                i = j;
                continue;
            }
        }
        i += 1;
    }
    push_trimmed(&mut out, s, start, s.len(), span.start);
    out
}

fn push_trimmed(out: &mut Vec<Span>, s: &str, start: usize, end: usize, base: usize) {
    let piece = &s[start..end];
    let lead = piece.len() - piece.trim_start().len();
    let trail = piece.len() - piece.trim_end().len();
    if lead + trail < piece.len() {
        out.push(Span::new(base + start + lead, base + end - trail));
    }
}

/// Is the period at byte `dot` the end of an abbreviation or an initial ("J.")?
fn is_abbreviation_before(s: &str, dot: usize) -> bool {
    let before = &s[..dot];
    let word_start = before
        .char_indices()
        .rev()
        .find(|&(_, c)| !(c.is_alphanumeric() || c == '.'))
        .map(|(i, c)| i + c.len_utf8())
        .unwrap_or(0);
    let word = &before[word_start..];
    if word.is_empty() {
        return false;
    }
    let mut chars = word.chars();
    let first = chars.next().unwrap_or(' ');
    if word.chars().count() == 1 && first.is_uppercase() {
        return true; // an initial
    }
    if word.is_ascii() {
        return ABBREVIATIONS.iter().any(|a| a.eq_ignore_ascii_case(word));
    }
    let lower = word.to_lowercase();
    ABBREVIATIONS.contains(&lower.as_str())
}

/// Fold for comparison: accents removed (deunicode), lowercased, curly quotes and dashes
/// made plain.
pub fn fold(s: &str) -> String {
    if s.is_ascii() {
        return s.to_ascii_lowercase();
    }
    deunicode::deunicode(s).to_lowercase()
}

/// Does `hay` hold `needle`? A plain scan: for the few words of a name or a line piece,
/// too short to pay for setting up `str::contains`' substring searcher.
pub fn holds(hay: &[u8], needle: &[u8]) -> bool {
    let Some((&first, rest)) = needle.split_first() else {
        return true;
    };
    hay.windows(needle.len())
        .any(|w| w.first() == Some(&first) && w.get(1..) == Some(rest))
}

/// Append [`fold`] of `word` to `folded` when it differs from the word (when [`fold_cow`]
/// would allocate it); returns where it is. Many words' folds share one buffer this way.
pub fn push_folded(folded: &mut String, word: &str) -> Option<std::ops::Range<usize>> {
    if is_lower_ascii(word.as_bytes(), true) {
        return None;
    }
    let start = folded.len();
    if word.is_ascii() {
        folded.push_str(word);
        folded[start..].make_ascii_lowercase();
    } else {
        folded.push_str(&fold(word));
    }
    Some(start..folded.len())
}

/// [`fold`] without allocating when `s` is already folded (ASCII without capitals, the
/// common case for words in hot loops).
pub fn fold_cow(s: &str) -> std::borrow::Cow<'_, str> {
    if is_lower_ascii(s.as_bytes(), true) {
        std::borrow::Cow::Borrowed(s)
    } else {
        std::borrow::Cow::Owned(fold(s))
    }
}

/// ASCII without capitals (and without hyphens unless `hyphens`)? That is, already
/// folded. Tested eight (or four) bytes at a time, in overlapping loads: the keys of most
/// words of every article are asked.
#[inline]
pub fn is_lower_ascii(b: &[u8], hyphens: bool) -> bool {
    let n = b.len();
    if n < 4 {
        return b
            .iter()
            .all(|&c| c.is_ascii() && !c.is_ascii_uppercase() && (hyphens || c != b'-'));
    }
    if n < 8 {
        let (Some(lo), Some(hi)) = (b.first_chunk::<4>(), b.last_chunk::<4>()) else {
            return false;
        };
        let x = u64::from(u32::from_le_bytes(*lo)) | u64::from(u32::from_le_bytes(*hi)) << 32;
        return lower_lanes(x, hyphens);
    }
    let mut i = 0;
    while let Some(chunk) = b.get(i..).and_then(<[u8]>::first_chunk::<8>) {
        if !lower_lanes(u64::from_le_bytes(*chunk), hyphens) {
            return false;
        }
        i += 8;
    }
    // the last eight bytes, overlapping the chunks already read
    b.last_chunk::<8>()
        .map_or(true, |tail| lower_lanes(u64::from_le_bytes(*tail), hyphens))
}

/// Are all eight bytes of `x` ASCII, none of them a capital letter (or a hyphen, unless
/// `hyphens`)?
#[inline]
fn lower_lanes(x: u64, hyphens: bool) -> bool {
    const LOW: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    if x & HIGH != 0 {
        return false;
    }
    // with every high bit clear no lane carries into the next: the high bit of
    // `x + (0x80 - c)` is set where the byte is `c` or above
    let at_least = |c: u64| x + LOW * (0x80 - c);
    let capital = at_least(0x41) & !at_least(0x5B) & HIGH;
    if hyphens {
        return capital == 0;
    }
    let v = x ^ (LOW * 0x2D);
    let hyphen = v.wrapping_sub(LOW) & !v & HIGH;
    capital | hyphen == 0
}

pub use crate::fxhash::{FxHashMap, FxHashSet};

/// Is `word` capitalised (first char uppercase)?
pub fn is_capitalised(word: &str) -> bool {
    word.chars().next().is_some_and(|c| c.is_uppercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str, spans: &[Span]) -> Vec<String> {
        spans.iter().map(|s| s.slice(text).to_string()).collect()
    }

    #[test]
    fn sentences_respect_abbreviations_and_initials() {
        let t = "Gov. Ana M. Ruiz said 3.5 percent. The U.S. team left. \"We go,\" he said. Then 12 more.";
        let s = sentences_in(t, Span::new(0, t.len()));
        assert_eq!(
            texts(t, &s),
            vec![
                "Gov. Ana M. Ruiz said 3.5 percent.",
                "The U.S. team left.",
                "\"We go,\" he said.",
                "Then 12 more."
            ]
        );
    }

    #[test]
    fn tokens_keep_numbers_and_hyphenated_words() {
        let t = "About 1,500 people, U.S.-based, fifteen-minute O'Neill's 3.5%";
        let toks: Vec<&str> = tokens_in(t, Span::new(0, t.len()))
            .iter()
            .map(|k| k.text(t))
            .collect();
        assert_eq!(
            toks,
            vec![
                "About",
                "1,500",
                "people",
                "U.S",
                "based",
                "fifteen-minute",
                "O'Neill's",
                "3.5"
            ]
        );
    }

    #[test]
    fn lines_and_paragraphs_handle_crlf() {
        let t = "a\r\nb\r\n\r\nc";
        assert_eq!(texts(t, &lines(t)), vec!["a", "b", "", "c"]);
        assert_eq!(texts(t, &paragraphs(t)), vec!["a\r\nb", "c"]);
    }

    #[test]
    fn fold_removes_accents() {
        assert_eq!(fold("José Núñez"), "jose nunez");
    }

    #[test]
    fn the_ascii_tokenizer_cuts_words_as_the_general_one_does() {
        let mut texts: Vec<String> = [
            "",
            " ",
            "Gov. Ana M. Ruiz said 3.5 percent of 1,500 homes (U.S. figures) were hit.",
            "O'Neill's well-known co-op -- re-opened; 12,5 a,b 1,b -x- 'quoted' end.",
            "trailing-",
            "-leading",
            "a.b.c. ,1,2,3, x'y z’w Ortega’s São Paulo naïve",
            "9 1 1 emergency... wait!? 24/7 3:45 p.m. e-mail@example.com",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        // and pseudo-random strings over the characters that matter
        // (ASCII only, mostly: a non-ASCII span takes the general tokenizer anyway)
        let mut seed: u64 = 7;
        for round in 0..400 {
            let alphabet: Vec<char> = if round % 10 == 0 {
                "aZ9 .,'-’é\n".chars().collect()
            } else {
                "aZ9 .,'-\n".chars().collect()
            };
            let text: String = (0..24)
                .map(|_| {
                    seed = seed
                        .wrapping_mul(6364136223846793005)
                        .wrapping_add(1442695040888963407);
                    alphabet[(seed >> 33) as usize % alphabet.len()]
                })
                .collect();
            texts.push(text);
        }
        for text in &texts {
            let spans = [
                Span::new(0, text.len()),
                Span::new(1.min(text.len()), text.len()),
                Span::new(
                    2.min(text.len()),
                    text.len().saturating_sub(3).max(2.min(text.len())),
                ),
            ];
            for span in spans {
                if !text.is_char_boundary(span.start) || !text.is_char_boundary(span.end) {
                    continue;
                }
                let mut expected = Vec::new();
                scan_any_tokens(text, span, |t| expected.push(t.slice(text)));
                let mut got = Vec::new();
                if span.slice(text).is_ascii() {
                    scan_ascii_tokens(text, span, |t| got.push(t.slice(text)));
                } else {
                    for_each_token(text, span, |_, a, z| got.push(&text[a..z]));
                }
                assert_eq!(got, expected, "{text:?} {span:?}");
            }
        }
    }

    proptest::proptest! {
        /// The lane test says what a byte-by-byte test says, at every length around the
        /// four- and eight-byte loads.
        #[test]
        fn lower_ascii_agrees_with_bytes(word in "[a-zA-Z\\-0-9@\\[`{é ]{0,20}") {
            for hyphens in [false, true] {
                let naive = word
                    .bytes()
                    .all(|c| c.is_ascii() && !c.is_ascii_uppercase() && (hyphens || c != b'-'));
                proptest::prop_assert_eq!(is_lower_ascii(word.as_bytes(), hyphens), naive);
            }
        }

        /// `has_tokens` says what counting every token says, for any cut of any text:
        /// words, joiners, spaces, accented and other letters.
        #[test]
        fn has_tokens_agrees_with_counting(
            text in "[a-z0-9 ,.'\\-é\n\t’\"]{0,160}",
            n in 0usize..8,
            a in 0usize..160,
        ) {
            let start = crate::position::floor_char_boundary(&text, a.min(text.len()));
            let span = Span::new(start, text.len());
            proptest::prop_assert_eq!(has_tokens(&text, span, n), count_tokens(&text, span) >= n);
        }
    }
}
