//! Numbers that are not figures: parts of names ("Route 9", "COVID-19", "Flight 302"),
//! ordinals ("21st"), street numbers ("14 Calle Real"), phone numbers, list counters,
//! page furniture ("3 comments", "Visitors today: 1,204"), URLs and slashed numbers
//! ("24/7", "9/11"), bare years and decades ("the 1990s").

use super::tokens::{is_any, Kind, Lexicon, Tok};
use crate::dates::{month_from_name, weekday_from_name};
use crate::text::holds;

/// Capitalised words that may stand before a number at the start of a sentence or after a
/// heading without making it a name ("Only 3 …", "All 30 …", "Another 5 …").
const STARTERS: Lexicon = Lexicon::new(&[
    "a",
    "an",
    "the",
    "all",
    "only",
    "another",
    "just",
    "and",
    "but",
    "of",
    "with",
    "by",
    "in",
    "on",
    "at",
    "for",
    "to",
    "from",
    "since",
    "after",
    "before",
    "during",
    "until",
    "some",
    "those",
    "these",
    "its",
    "their",
    "his",
    "her",
    "our",
    "another",
    "nearly",
    "almost",
    "about",
    "over",
    "around",
    "roughly",
    "approximately",
    "more",
    "fewer",
    "less",
    "up",
    "under",
    "between",
    "while",
    "when",
    "then",
    "now",
    "still",
    "police",
    "officials",
    "authorities",
    "as",
    "than",
    "if",
    "so",
    "yet",
    "also",
    "least",
    "most",
    "estimated",
    "killing",
    "injuring",
    "leaving",
    "including",
    "among",
    "further",
    "another",
    "every",
    "each",
    "total",
    "many",
    "that",
    "there",
    "here",
    "it",
    "we",
    "they",
    "he",
    "she",
    "i",
    "you",
    "said",
    "says",
    "aged",
    "age",
    "ages",
    "some",
    "out",
    "in",
    "of",
    "those",
]);

/// Words before a number naming a numbered thing even in lowercase ("room 12", "no. 5").
const NUMBERED_NOUNS: Lexicon = Lexicon::new(&[
    "no",
    "number",
    "nos",
    "route",
    "highway",
    "interstate",
    "flight",
    "terminal",
    "gate",
    "platform",
    "room",
    "suite",
    "apartment",
    "apt",
    "unit",
    "chapter",
    "section",
    "article",
    "page",
    "pages",
    "paragraph",
    "clause",
    "item",
    "line",
    "level",
    "floor",
    "bus",
    "lane",
    "exit",
    "channel",
    "episode",
    "season",
    "volume",
    "vol",
    "issue",
    "version",
    "ward",
    "district",
    "precinct",
    "block",
    "lot",
    "pier",
    "berth",
    "hangar",
    "bay",
    "seat",
    "row",
    "model",
    "type",
    "class",
    "category",
    "grade",
    "phase",
    "stage",
    "step",
    "part",
    "figure",
    "table",
    "act",
    "bill",
    "proposition",
    "prop",
    "amendment",
    "resolution",
    "code",
    "box",
    "ext",
    "tel",
    "phone",
    "fax",
    "call",
]);

const STREET_WORDS: Lexicon = Lexicon::new(&[
    "street",
    "st",
    "avenue",
    "ave",
    "road",
    "rd",
    "boulevard",
    "blvd",
    "lane",
    "ln",
    "drive",
    "dr",
    "way",
    "place",
    "pl",
    "court",
    "ct",
    "calle",
    "avenida",
    "rue",
    "via",
    "plaza",
    "square",
    "terrace",
    "crescent",
    "close",
    "parkway",
    "pkwy",
    "highway",
    "hwy",
    "paseo",
    "carrera",
    "strasse",
    "straße",
]);

/// Words after a number that make it page furniture.
const FURNITURE_AFTER: Lexicon = Lexicon::new(&[
    "comments",
    "comment",
    "shares",
    "likes",
    "views",
    "retweets",
    "reposts",
    "followers",
    "replies",
    "subscribers",
    "reactions",
    "reads",
    "pageviews",
    "clicks",
    "hits",
    "photos",
    "images",
    "slides",
]);

const FURNITURE_BEFORE: Lexicon = Lexicon::new(&[
    "visitors",
    "visits",
    "views",
    "comments",
    "shares",
    "likes",
    "followers",
    "page",
    "hits",
    "photo",
    "image",
    "slide",
    "updated",
    "posted",
    "published",
    "copyright",
]);

fn word_lc_is<L: super::tokens::Words + ?Sized>(text: &str, t: Option<&Tok>, list: &L) -> bool {
    t.is_some_and(|t| t.kind == Kind::Word && is_any(t.text(text), list))
}

fn is_capitalised_word(text: &str, t: &Tok) -> bool {
    t.kind == Kind::Word
        && t.text(text)
            .chars()
            .next()
            .is_some_and(|c| c.is_uppercase())
}

/// Is the number at token `num` (whose figure starts at `first`, the hedge or currency
/// included) part of a name, an address, a counter or page furniture rather than a figure?
pub fn is_not_figure(text: &str, toks: &[Tok], first: usize, num: usize) -> bool {
    part_of_name(text, toks, first, num)
        || ordinal_or_suffixed(text, toks, num)
        || elided_or_fragment(text, toks, num)
        || in_url_or_slashed(text, toks, num)
        || phone_number(text, toks, num)
        || street_number(text, toks, num)
        || list_counter(text, toks, first, num)
        || page_furniture(text, toks, first, num)
        || banner(text, toks, first)
}

/// "Route 9", "Terminal 2", "COVID-19", "MH17", "F-16", "No. 5", "#3".
fn part_of_name(text: &str, toks: &[Tok], first: usize, num: usize) -> bool {
    let t = &toks[num];
    if t.kind != Kind::Num {
        return false;
    }
    // attached letters or letters-hyphen before the digits
    if num >= 1 && !t.space_before {
        let p = &toks[num - 1];
        if p.kind == Kind::Word {
            return true;
        }
        if p.kind == Kind::Punct && matches!(p.text(text), "-" | "‑" | "#") && num >= 2 {
            let pp = &toks[num - 2];
            if pp.kind == Kind::Word && !p.space_before && !is_any(pp.text(text), &["mid"]) {
                return true;
            }
        }
        if p.text(text) == "#" {
            return true;
        }
    }
    if first != num || first == 0 {
        return false;
    }
    let p = &toks[first - 1];
    if p.kind == Kind::Punct && p.text(text) == "." && first >= 2 {
        return word_lc_is(
            text,
            toks.get(first - 2),
            &["no", "nos", "vol", "tel", "ext"],
        );
    }
    if p.kind != Kind::Word {
        return false;
    }
    let w = p.text(text);
    if is_any(w, &NUMBERED_NOUNS) {
        return true;
    }
    if is_capitalised_word(text, p)
        && !is_any(w, &STARTERS)
        && month_from_name(w).is_none()
        && weekday_from_name(w).is_none()
    {
        return true;
    }
    false
}

/// "21st", "2nd", "1990s", "3D", "4x4"; unit and scale suffixes are read before this runs.
fn ordinal_or_suffixed(text: &str, toks: &[Tok], num: usize) -> bool {
    let Some(n) = toks.get(num + 1) else {
        return false;
    };
    if n.space_before || n.kind != Kind::Word {
        return false;
    }
    let w = n.text(text);
    if is_any(w, &["st", "nd", "rd", "th", "s", "x", "d"]) {
        return true;
    }
    // any other attached letters ("76ers", "4x4", "3D") unless a unit, scale or meridiem
    !(super::units::unit_after(text, toks, num + 1, false, false).is_some()
        || super::numbers::scale_word(w, true, true).is_some()
        || is_any(w, &["am", "pm", "a", "p", "h", "hrs"]))
}

/// "'88" (an elided year), ".519" (a bare decimal statistic), "1996-97"'s "97" (the
/// second half of a pair already judged not a figure).
fn elided_or_fragment(text: &str, toks: &[Tok], num: usize) -> bool {
    let t = &toks[num];
    if num == 0 || t.space_before {
        return false;
    }
    let p = &toks[num - 1];
    let ps = p.text(text);
    if matches!(ps, "'" | "’" | "‘") {
        return true;
    }
    if ps == "." && (num == 1 || p.space_before || toks[num - 2].kind != Kind::Num) {
        return true;
    }
    matches!(ps, "-" | "–" | "‑") && num >= 2 && !p.space_before && toks[num - 2].kind == Kind::Num
}

/// Numbers inside URLs, e-mail addresses and slashed forms ("24/7", "6/8/2026", "9/11").
fn in_url_or_slashed(text: &str, toks: &[Tok], num: usize) -> bool {
    let t = &toks[num];
    let slash_touch = |k: Option<usize>| {
        k.and_then(|k| toks.get(k)).is_some_and(|s| {
            s.kind == Kind::Punct && matches!(s.text(text), "/" | "\\" | "@" | "=" | "_")
        })
    };
    let before_slash = slash_touch(num.checked_sub(1)) && !t.space_before;
    let after_slash =
        toks.get(num + 1).is_some_and(|n| !n.space_before) && slash_touch(Some(num + 1));
    if before_slash || after_slash {
        return true;
    }
    // "8 / 2 / 13" with spaces (rejoined text): a slash between two numbers
    let slash_between = |a: usize, b: usize| {
        toks.get(a)
            .is_some_and(|s| s.kind == Kind::Punct && s.text(text) == "/")
            && toks.get(b).is_some_and(|n| n.kind == Kind::Num)
    };
    if slash_between(num + 1, num + 2) || (num >= 2 && slash_between(num - 1, num - 2)) {
        return true;
    }
    // look at the whitespace-free chunk around the number, bounded
    chunk_has_url(text, t.start, t.end)
}

fn chunk_has_url(text: &str, start: usize, end: usize) -> bool {
    const REACH: usize = 120;
    let bytes = text.as_bytes();
    let mut a = start;
    while a > 0 && start - a < REACH && !bytes[a - 1].is_ascii_whitespace() {
        a -= 1;
    }
    let mut b = end;
    while b < bytes.len() && b - end < REACH && !bytes[b].is_ascii_whitespace() {
        b += 1;
    }
    let chunk = &bytes[a..b];
    holds(chunk, b"://") || holds(chunk, b"www.") || holds(chunk, b"@") || holds(chunk, b".htm")
}

/// "555-0123", "(555) 123-4567", "+44 20 7946 0958".
fn phone_number(text: &str, toks: &[Tok], num: usize) -> bool {
    let t = &toks[num];
    if t.kind != Kind::Num {
        return false;
    }
    let s = t.text(text);
    let digits_only = s.bytes().all(|b| b.is_ascii_digit());
    if !digits_only {
        return false;
    }
    // "+" before
    if num >= 1 && toks[num - 1].text(text) == "+" && !t.space_before {
        return true;
    }
    // "(555) 123"
    if num >= 1
        && toks[num - 1].text(text) == "("
        && toks.get(num + 1).is_some_and(|n| n.text(text) == ")")
        && s.len() == 3
        && toks.get(num + 2).is_some_and(|n| n.kind == Kind::Num)
    {
        return true;
    }
    // a digit group joined by "-" or "." to another group of 4 digits, or led by 0
    let joined_next = |k: usize| {
        toks.get(k)
            .is_some_and(|p| matches!(p.text(text), "-" | ".") && !p.space_before)
            && toks.get(k + 1).is_some_and(|n| {
                n.kind == Kind::Num && !n.space_before && {
                    let ns = n.text(text);
                    ns.bytes().all(|b| b.is_ascii_digit()) && (ns.len() >= 4 || ns.starts_with('0'))
                }
            })
    };
    let joined_prev = num >= 2
        && matches!(toks[num - 1].text(text), "-" | ".")
        && !toks[num - 1].space_before
        && !t.space_before
        && toks[num - 2].kind == Kind::Num
        && toks[num - 2].text(text).len() >= 3;
    (s.len() >= 3 && joined_next(num + 1))
        || (joined_prev && (s.len() >= 4 || s.starts_with('0')))
        || spaced_digit_groups(text, toks, num)
}

/// "0800 555 0142": digit groups separated by spaces, seven digits or more, or led by 0.
fn spaced_digit_groups(text: &str, toks: &[Tok], num: usize) -> bool {
    let plain = |k: usize| {
        toks.get(k).is_some_and(|t| {
            t.kind == Kind::Num && t.text(text).bytes().all(|b| b.is_ascii_digit())
        })
    };
    let mut a = num;
    while a > 0 && plain(a - 1) && num - a < 6 {
        a -= 1;
    }
    let mut b = num + 1;
    while plain(b) && b - num < 6 {
        b += 1;
    }
    if b - a < 2 {
        return false;
    }
    let digits: usize = (a..b).map(|k| toks[k].end - toks[k].start).sum();
    digits >= 7 || toks[a].text(text).starts_with('0')
}

/// "14 Calle Real", "221 Baker Street", "10 Downing St".
fn street_number(text: &str, toks: &[Tok], num: usize) -> bool {
    let Some(n) = toks.get(num + 1) else {
        return false;
    };
    if !is_capitalised_word(text, n) || month_from_name(n.text(text)).is_some() {
        return false;
    }
    if is_any(
        n.text(text),
        &["calle", "avenida", "rue", "via", "paseo", "carrera"],
    ) {
        return true;
    }
    for (k, t) in toks.iter().enumerate().take(num + 5).skip(num + 1) {
        if !is_capitalised_word(text, t) {
            return false;
        }
        if k > num + 1 && is_any(t.text(text), &STREET_WORDS) {
            return true;
        }
    }
    false
}

/// "1." or "2)" opening a sentence.
fn list_counter(text: &str, toks: &[Tok], first: usize, num: usize) -> bool {
    first == num
        && toks[num].newline_before
        && toks
            .get(num + 1)
            .is_some_and(|n| matches!(n.text(text), "." | ")") && !n.space_before)
}

/// "Listen to this article · 6 min", "We and our 143 partners use cookies": bylines and
/// banners use middle dots; cookie banners name cookies.
fn banner(text: &str, toks: &[Tok], first: usize) -> bool {
    if first > 0 && matches!(toks[first - 1].text(text), "·" | "•" | "|") {
        return true;
    }
    toks[first.saturating_sub(40)..(first + 40).min(toks.len())]
        .iter()
        .any(|t| t.kind == Kind::Word && is_any(t.text(text), &["cookies", "cookie"]))
}

/// "3 comments", "1.2K shares", "Visitors today: 1,204".
fn page_furniture(text: &str, toks: &[Tok], first: usize, num: usize) -> bool {
    let mut k = num + 1;
    if toks.get(k).is_some_and(|t| {
        !t.space_before && t.kind == Kind::Word && is_any(t.text(text), &["k", "m"])
    }) {
        k += 1;
    }
    if word_lc_is(text, toks.get(k), &FURNITURE_AFTER) {
        return true;
    }
    // "the 22000 block of Joliet Avenue": an address
    if word_lc_is(text, toks.get(num + 1), &["block"])
        && word_lc_is(text, toks.get(num + 2), &["of"])
    {
        return true;
    }
    if first >= 1 && toks[first - 1].text(text) == ":" {
        let from = first.saturating_sub(4);
        return (from..first - 1).any(|j| word_lc_is(text, toks.get(j), &FURNITURE_BEFORE));
    }
    false
}
