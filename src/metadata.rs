//! Article metadata: an optional front-matter block (`---` … `---`), else the first lines
//! of the text: a date line, an outlet name line, a byline, the headline, and a dateline
//! naming an agency ("PUERTO CLARO (CNA) —").
//!
//! Decisions:
//! - Priority for the outlet: `corroborate.toml` `[outlets]` (applied by the caller) >
//!   front matter > an outlet line or a byline's outlet > the dateline's agency > the
//!   domain of the front matter's `url`.
//! - "Published" wins over "Updated"; with only an update time, that is the date.
//! - Numeric dates with dots are day-first ("13.01.2026"); with slashes they are
//!   month-first, as on most English-language news sites ("05/02/2013" is May 2), unless
//!   the first number cannot be a month ("13/01/2026"). Two-digit years are 19xx from 50 up.
//! - With no date in the text, a date in the front matter's or first line's URL
//!   ("/2013/05/03/", "/2013-07-21/", "ymd=20081216") is used.
//! - Time zones are read past and ignored: times stay as printed.

use crate::dates::{month_from_name, weekday_from_name, Date, DateTime};
use crate::noise::Layout;
use crate::Span;

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Metadata {
    pub outlet: Option<String>,
    pub published: Option<DateTime>,
    pub title: Option<String>,
    pub url: Option<String>,
    pub author: Option<String>,
    /// Text consumed as metadata (front matter, date line, byline, headline, the dateline
    /// prefix of the first paragraph): not body text.
    pub lines: Vec<Span>,
}

/// How many non-blank, non-noise lines at the top may hold metadata.
const HEADER_LINES: usize = 12;

/// Find the metadata of an article.
pub fn extract(text: &str, layout: &Layout) -> Metadata {
    let mut meta = Metadata::default();
    let mut first_line = 0;
    if let Some((end_line, fm_span)) = front_matter(text, layout) {
        read_front_matter(fm_span.slice(text), &mut meta);
        meta.lines.push(fm_span);
        first_line = end_line + 1;
    }
    read_header_lines(text, layout, first_line, &mut meta);
    if meta.outlet.is_none() {
        meta.outlet = meta.url.as_deref().and_then(domain_of);
    }
    if meta.published.is_none() {
        meta.published = meta.url.as_deref().and_then(date_from_url);
    }
    meta
}

/// Problems to report for missing metadata.
pub fn problems(meta: &Metadata) -> Vec<String> {
    let mut out = Vec::new();
    if meta.outlet.is_none() {
        out.push("no outlet found (add front matter `outlet:` or map the file in corroborate.toml [outlets])".to_string());
    }
    if meta.published.is_none() {
        out.push(
            "no publication date found (add front matter `published:` or a date line)".to_string(),
        );
    }
    out
}

/// The front-matter block: (index of its closing line, span from the opening `---` to the
/// end of the closing `---`).
fn front_matter(text: &str, layout: &Layout) -> Option<(usize, Span)> {
    let first = layout
        .lines
        .iter()
        .position(|l| !l.slice(text).trim().is_empty())?;
    if layout.lines[first].slice(text).trim() != "---" {
        return None;
    }
    let close = layout
        .lines
        .iter()
        .enumerate()
        .skip(first + 1)
        .take(60)
        .find(|(_, l)| {
            let t = l.slice(text).trim();
            t == "---" || t == "..."
        })?;
    Some((close.0, Span::new(layout.lines[first].start, close.1.end)))
}

fn read_front_matter(block: &str, meta: &mut Metadata) {
    for line in block.lines() {
        let Some((key, value)) = line.split_once(':') else {
            continue;
        };
        let key = key.trim().to_ascii_lowercase();
        let value = unquote(value.trim());
        if value.is_empty() {
            continue;
        }
        match key.as_str() {
            "outlet" | "source" | "publication" | "publisher" | "site" | "site_name" | "medium" => {
                meta.outlet = Some(value.to_string())
            }
            "published" | "date" | "published_at" | "datetime" | "pubdate" | "publish_date" => {
                meta.published = parse_date_text(value).or(meta.published)
            }
            "updated" | "modified" if meta.published.is_none() => {
                meta.published = parse_date_text(value)
            }
            "title" | "headline" => meta.title = Some(value.to_string()),
            "url" | "link" | "canonical" | "source_url" => meta.url = Some(value.to_string()),
            "author" | "authors" | "byline" => meta.author = Some(value.to_string()),
            _ => {}
        }
    }
}

/// A YAML scalar without its one pair of enclosing quotes ('…' or "…"); quotes inside stay.
fn unquote(v: &str) -> &str {
    let pair = |q: char| v.len() >= 2 && v.starts_with(q) && v.ends_with(q);
    if pair('"') || pair('\'') {
        v[1..v.len() - 1].trim()
    } else {
        v
    }
}

/// Read date, byline, outlet and headline lines at the top, until the first prose line.
fn read_header_lines(text: &str, layout: &Layout, from: usize, meta: &mut Metadata) {
    let mut seen = 0;
    let mut updated: Option<DateTime> = None;
    let mut in_body = false;
    let mut dateline_seen = false;
    let mut clock_time: Option<u32> = None;
    for i in from..layout.lines.len() {
        let span = layout.lines[i];
        let raw = span.slice(text).trim();
        if layout.noise[i] && !in_body && meta.url.is_none() && is_url(raw) {
            meta.url = Some(raw.to_string());
            continue;
        }
        if layout.noise[i] || layout.blank[i] {
            continue;
        }
        seen += 1;
        if seen > HEADER_LINES {
            break;
        }
        let line = strip_markdown(raw);
        if let Some(minutes) = time_only_line(line) {
            // "Updated 22:40 GMT" under a date line: the time of that date.
            clock_time = clock_time.or(Some(minutes));
            meta.lines.push(span);
            continue;
        }
        if in_body {
            // After the first prose line only a date line or the dateline is still metadata
            // (pages often put "PUBLISHED: …" under the standfirst).
            if let Some((dt, is_update)) = date_line(line) {
                record_date(meta, &mut updated, dt, is_update);
                meta.lines.push(span);
                continue;
            }
            if dateline_seen {
                continue;
            }
        }
        if let Some(dateline_end) = dateline_prefix(line) {
            if let Some(agency) = dateline_agency(line) {
                if meta.outlet.is_none() {
                    meta.outlet = Some(agency);
                }
            }
            let start = span.start
                + (raw.as_ptr() as usize - span.slice(text).as_ptr() as usize)
                + (line.as_ptr() as usize - raw.as_ptr() as usize);
            meta.lines.push(Span::new(start, start + dateline_end));
            dateline_seen = true;
            in_body = true;
            continue;
        }
        if in_body {
            continue;
        }
        if let Some((author, outlet, date)) = byline(line) {
            if meta.author.is_none() {
                meta.author = Some(author);
            }
            if meta.outlet.is_none() {
                meta.outlet = outlet;
            }
            if meta.published.is_none() {
                meta.published = date;
            }
            meta.lines.push(span);
            continue;
        }
        if let Some((dt, is_update)) = date_line(line) {
            if is_update {
                updated = updated.or(Some(dt));
            } else if meta.published.is_none() {
                meta.published = Some(dt);
            }
            meta.lines.push(span);
            continue;
        }
        if is_prose(line) {
            in_body = true;
            continue;
        }
        if meta.outlet.is_none() && is_outlet_line(line) {
            meta.outlet = Some(clean_outlet(line));
            meta.lines.push(span);
            continue;
        }
        if meta.title.is_none() && is_title_like(raw) {
            meta.title = Some(line.to_string());
            meta.lines.push(span);
            continue;
        }
        // A standfirst or subheading: body text, and the end of the header.
        in_body = true;
    }
    if meta.published.is_none() {
        meta.published = updated;
    }
    if let Some(p) = meta.published.as_mut() {
        if p.minutes.is_none() {
            p.minutes = clock_time;
        }
    }
}

fn record_date(meta: &mut Metadata, updated: &mut Option<DateTime>, dt: DateTime, is_update: bool) {
    if is_update {
        *updated = updated.or(Some(dt));
    } else if meta.published.is_none() {
        meta.published = Some(dt);
    }
}

/// A line holding only a time stamp: "Updated 22:40 GMT", "14:05 Uhr".
fn time_only_line(line: &str) -> Option<u32> {
    if surely_not_a_stamp(line, |b| is_space_byte(b) || b == b',', 6) {
        return None;
    }
    let folded = join_spaced_clock(&crate::text::fold(line));
    let words: Vec<&str> = folded
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .collect();
    if words.is_empty() || words.len() > 6 {
        return None;
    }
    let mut minutes = None;
    for (i, w) in words.iter().enumerate() {
        let w = w.trim_end_matches(':');
        if let Some(m) = clock(w, words.get(i + 1).copied()) {
            minutes = minutes.or(Some(m));
        } else if !(DATE_LINE_WORDS.contains(&w.trim_end_matches('.')) || is_zone_offset(w)) {
            return None;
        }
    }
    minutes
}

fn strip_markdown(s: &str) -> &str {
    s.trim_start_matches(['#', '>', ' '])
        .trim_matches(|c| c == '*' || c == '_')
        .trim()
}

/// A line of prose: ends like a sentence and has enough words.
fn is_prose(line: &str) -> bool {
    // counting stops at 30: enough for the test, and prose lines are long
    let words = line.split_whitespace().take(30).count();
    let end = line.trim_end_matches(['"', '”', '\'', '’', ')']);
    (words >= 8 && (end.ends_with('.') || end.ends_with('!') || end.ends_with('?'))) || words >= 30
}

fn is_title_like(raw: &str) -> bool {
    if raw.starts_with("# ") {
        return true;
    }
    let words = raw.split_whitespace().count();
    let end = raw.trim_end();
    (2..=30).contains(&words)
        && !end.ends_with('.')
        && !end.ends_with(',')
        && raw.chars().count() <= 220
}

/// Words that make a short line an outlet name.
const OUTLET_WORDS: &[&str] = &[
    "times",
    "herald",
    "post",
    "news",
    "tribune",
    "gazette",
    "journal",
    "chronicle",
    "daily",
    "courier",
    "observer",
    "express",
    "telegraph",
    "record",
    "mirror",
    "star",
    "sun",
    "globe",
    "independent",
    "guardian",
    "examiner",
    "dispatch",
    "inquirer",
    "bulletin",
    "register",
    "reporter",
    "radio",
    "tv",
    "television",
    "network",
    "press",
    "wire",
    "agency",
    "online",
    "today",
    "weekly",
    "monitor",
    "review",
    "standard",
    "sentinel",
    "leader",
    "voice",
    "echo",
    "correo",
    "diario",
    "noticias",
    "prensa",
    "zeitung",
    "nachrichten",
    "informador",
    "heraldo",
    "mundo",
    "pais",
    "nacion",
    "republica",
    "tiempo",
    "universal",
    "cronica",
    "periodico",
    "semanario",
    "noticiero",
    "broadcasting",
    "media",
    "ledger",
    "herald-tribune",
    "newswire",
    "report",
    "digest",
    "bugle",
    "clarion",
    "beacon",
    "advocate",
    "citizen",
    "patriot",
    "pioneer",
    "enquirer",
    "mail",
    "gaceta",
    "tribuna",
    "voz",
    "eco",
    "bote",
    "kurier",
    "jornal",
    "folha",
    "edition",
    "gazeta",
    "courrier",
    "nouvelles",
    "krant",
    "dagblad",
    "nieuws",
    "blatt",
    "rundschau",
    "tageblatt",
    "presse",
    "stampa",
    "corriere",
    "gazzetta",
    "giornale",
    "notizie",
    "correio",
    "estado",
    "association",
    "service",
    "channel",
    "broadcast",
];

fn is_outlet_line(line: &str) -> bool {
    let words: Vec<&str> = line.split_whitespace().collect();
    if words.is_empty() || words.len() > 6 || line.ends_with('.') && !is_domain(line) {
        return false;
    }
    if is_domain(line) {
        return true;
    }
    let capitalised = words.iter().all(|w| {
        let w = w.trim_matches(|c: char| !c.is_alphanumeric());
        w.is_empty()
            || crate::text::is_capitalised(w)
            || matches!(
                w,
                "of" | "the"
                    | "de"
                    | "la"
                    | "el"
                    | "del"
                    | "and"
                    | "do"
                    | "da"
                    | "dos"
                    | "das"
                    | "di"
                    | "du"
                    | "des"
                    | "le"
                    | "les"
                    | "y"
                    | "e"
                    | "und"
                    | "der"
                    | "die"
                    | "van"
                    | "het"
                    | "en"
                    | "edition"
            )
    });
    capitalised
        && words.iter().any(|w| {
            OUTLET_WORDS.contains(
                &crate::text::fold(w.trim_matches(|c: char| !c.is_alphanumeric())).as_str(),
            )
        })
}

fn is_domain(s: &str) -> bool {
    let t = s.trim().trim_start_matches("www.");
    !t.contains(' ') && t.contains('.') && {
        let tld = t.rsplit('.').next().unwrap_or("");
        (2..=6).contains(&tld.len()) && tld.chars().all(|c| c.is_ascii_lowercase())
    }
}

fn clean_outlet(line: &str) -> String {
    line.trim()
        .trim_end_matches(['|', '-', '—', ':'])
        .trim()
        .to_string()
}

fn is_url(s: &str) -> bool {
    !s.contains(' ')
        && (s.starts_with("http://") || s.starts_with("https://") || s.starts_with("www."))
}

/// The site's domain from a URL, without subdomains ("articles.latimes.example/…" →
/// "latimes.example"; "news.bbc.co.uk" → "bbc.co.uk").
fn domain_of(url: &str) -> Option<String> {
    let rest = url.split("://").nth(1).unwrap_or(url);
    let host = rest
        .split(['/', '?', '#', ':'])
        .next()?
        .to_ascii_lowercase();
    let labels: Vec<&str> = host.split('.').filter(|l| !l.is_empty()).collect();
    if labels.len() < 2 {
        return None;
    }
    let second_level_short = labels.len() >= 3
        && labels[labels.len() - 2].len() <= 3
        && labels[labels.len() - 1].len() == 2;
    let keep = if second_level_short { 3 } else { 2 };
    Some(labels[labels.len().saturating_sub(keep)..].join("."))
}

/// "PUERTO CLARO (CNA) —", "MADRID, Jan 12 (Agency) -": the byte length of the prefix
/// through the dash, when the line starts with an upper-case place and a dash.
fn dateline_prefix(line: &str) -> Option<usize> {
    let dash = line
        .char_indices()
        .take(80)
        .find(|&(_, c)| c == '—' || c == '–')
        .map(|(i, c)| (i, c.len_utf8()))
        .or_else(|| find_spaced_dash(line, " - ").map(|i| (i + 1, 1)))
        .or_else(|| find_spaced_dash(line, " -- ").map(|i| (i + 1, 2)))?;
    let head = line[..dash.0].trim();
    let place: String = head
        .split(['(', ','])
        .next()
        .unwrap_or("")
        .trim()
        .to_string();
    let letters: Vec<char> = place.chars().filter(|c| c.is_alphabetic()).collect();
    if letters.len() < 3 || letters.iter().any(|c| c.is_lowercase()) {
        return None;
    }
    let mut end = dash.0 + dash.1;
    while line[end..].starts_with(' ') {
        end += 1;
    }
    Some(end)
}

/// Byte offset of the first `needle` (a space, hyphens, a space) in `line`, as
/// `str::find` gives it. Asked for most header lines, which mostly hold no hyphen: each
/// '-' is found with `memchr` and only the bytes around it are compared.
fn find_spaced_dash(line: &str, needle: &str) -> Option<usize> {
    let (bytes, needle) = (line.as_bytes(), needle.as_bytes());
    let mut from = 0;
    while let Some(k) = line.get(from..)?.find('-') {
        let dash = from + k;
        // a match starts one byte before its first hyphen, and hyphens are found in order
        if let Some(start) = dash.checked_sub(1) {
            if bytes.get(start..start + needle.len()) == Some(needle) {
                return Some(start);
            }
        }
        from = dash + 1;
    }
    None
}

fn dateline_agency(line: &str) -> Option<String> {
    let open = line.find('(')?;
    let close = line[open..].find(')')? + open;
    let inner = line[open + 1..close].trim();
    (!inner.is_empty() && inner.len() <= 40).then(|| inner.to_string())
}

/// A byline: "By Ana Ruiz", "By Ana Ruiz and Tom Lee, The Herald", "Written by …",
/// "Author: …", "Por …", "Von …". Returns (author, outlet, date found on the same line).
fn byline(line: &str) -> Option<(String, Option<String>, Option<DateTime>)> {
    let lower = line.to_lowercase();
    let prefixes = [
        "by ",
        "written by ",
        "words by ",
        "author: ",
        "authors: ",
        "por ",
        "von ",
        "reporting by ",
    ];
    let p = prefixes.iter().find(|p| lower.starts_with(*p))?;
    let rest = line.get(p.len()..)?.trim();
    if rest.is_empty() || !rest.chars().next().is_some_and(|c| c.is_uppercase()) {
        return None;
    }
    let mut parts = rest
        .split(['|', '·', '•'])
        .map(str::trim)
        .filter(|s| !s.is_empty());
    let who = parts.next()?;
    let mut outlet = None;
    let mut date = None;
    for part in parts {
        if let Some(d) = parse_date_text(part) {
            date = date.or(Some(d));
        } else if outlet.is_none() && !part.is_empty() {
            outlet = Some(clean_outlet(part));
        }
    }
    let (author, after_comma) = match who.split_once(", ") {
        Some((a, b)) => (a.trim(), Some(b.trim())),
        None => (who, None),
    };
    if let Some(b) = after_comma {
        if (is_outlet_line(b)
            || (outlet.is_none()
                && b.split_whitespace().count() <= 5
                && crate::text::is_capitalised(b)))
            && !looks_like_role(b)
        {
            outlet = outlet.or(Some(clean_outlet(b)));
        }
    }
    if author.split_whitespace().count() > 12 {
        return None;
    }
    Some((author.to_string(), outlet, date))
}

fn looks_like_role(s: &str) -> bool {
    let l = s.to_lowercase();
    [
        "correspondent",
        "reporter",
        "editor",
        "writer",
        "staff",
        "bureau",
        "contributor",
    ]
    .iter()
    .any(|r| l.contains(r))
}

/// Cheap early exit for the date and time parsers, which split a folded line into words
/// and give up above `max` words, and need an hour or a year in digits: true when an
/// ASCII `s` certainly has more than `max` such words, or no digit at all. Folding ASCII
/// only lowercases; [`join_spaced_clock`] then removes at most one space per ':' and two
/// per '/', each merging two words.
///
/// Any other `s` is counted the same way over the bytes [`crate::text::fold`] would give
/// ([`for_each_folded_byte`]), without building the folded string: lines with curly quotes
/// or accents are common, and most are long prose.
fn surely_not_a_stamp(s: &str, sep: impl Fn(u8) -> bool, max: usize) -> bool {
    if s.is_ascii() {
        if !has_ascii_digit(s.as_bytes()) {
            return true; // most prose lines: no need to count words
        }
        return ascii_words_exceed(s.as_bytes(), &sep, max);
    }
    let mut count = StampCount::default();
    for_each_folded_byte(s, |b| count.add(b, &sep));
    !count.digit || count.words > max + count.joins
}

/// [`StampCount`]'s test over ASCII `bytes`: more words than `max` plus the joins? The
/// joins are counted first, so the word count can stop as soon as it is over (a few words
/// into a prose line).
fn ascii_words_exceed(bytes: &[u8], sep: impl Fn(u8) -> bool, max: usize) -> bool {
    let count_joins = |b: u8| {
        if sep(b) {
            0 // a separator is not a join
        } else {
            bytes.iter().filter(|&&x| x == b).count()
        }
    };
    let limit = max + count_joins(b':') + 2 * count_joins(b'/');
    let mut count = StampCount::default();
    bytes.iter().any(|&b| {
        count.add(b, &sep);
        count.words > limit
    })
}

/// What [`surely_not_a_stamp`] counts, one (folded) byte at a time.
#[derive(Default)]
struct StampCount {
    digit: bool,
    words: usize,
    /// ':' counts once and '/' twice: they join a stamp's parts ("10:42", "3/14/2026").
    joins: usize,
    in_word: bool,
}

impl StampCount {
    fn add(&mut self, b: u8, sep: impl Fn(u8) -> bool) {
        self.digit |= b.is_ascii_digit();
        if sep(b) {
            self.in_word = false;
            return;
        }
        match b {
            b':' => self.joins += 1,
            b'/' => self.joins += 2,
            _ => {}
        }
        if b.is_ascii_alphanumeric() && !self.in_word {
            self.words += 1;
            self.in_word = true;
        }
    }
}

/// Calls `f` with each byte of `crate::text::fold(s)` up to case: ASCII chars as they are,
/// others as their `deunicode` transliteration ("[?]" when it has none). `deunicode` also
/// drops a transliteration's trailing space before another space or the end; the extra
/// space seen here never separates or joins words, nor is a digit.
fn for_each_folded_byte(s: &str, mut f: impl FnMut(u8)) {
    for c in s.chars() {
        if c.is_ascii() {
            f(c as u8);
        } else {
            deunicode::deunicode_char(c)
                .unwrap_or("[?]")
                .bytes()
                .for_each(&mut f);
        }
    }
}

/// Does `crate::text::fold(s)` hold a digit? ("²" and "½" fold to digits.)
fn folds_to_a_digit(s: &str) -> bool {
    if s.is_ascii() {
        return has_ascii_digit(s.as_bytes());
    }
    let mut digit = false;
    for_each_folded_byte(s, |b| digit |= b.is_ascii_digit());
    digit
}

/// Does `bytes` hold an ASCII digit? Without an early exit the loop is vectorised: faster
/// on a line than stopping at the first digit.
fn has_ascii_digit(bytes: &[u8]) -> bool {
    bytes
        .iter()
        .fold(false, |found, b| found | b.is_ascii_digit())
}

/// ASCII bytes that `char::is_whitespace` accepts.
fn is_space_byte(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r')
}

/// Byte offset of `needle` (lowercase ASCII) in the fold of `s`, for an ASCII `s` without
/// folding it (folding ASCII keeps offsets); other text is folded.
fn find_folded(s: &str, needle: &str) -> Option<usize> {
    if !s.is_ascii() {
        return crate::text::fold(s).find(needle);
    }
    let (hay, needle) = (s.as_bytes(), needle.as_bytes());
    let first = *needle.first()?;
    let mut from = 0;
    // candidates start where the first byte is (found with a fast byte search)
    while let Some(k) = find_byte_folded(s.get(from..)?, first) {
        let at = from + k;
        if hay
            .get(at..at + needle.len())
            .is_some_and(|w| w.eq_ignore_ascii_case(needle))
        {
            return Some(at);
        }
        from = at + 1;
    }
    None
}

/// Position of the first byte of `hay` that lowercases to `b` (lowercase ASCII). Only a
/// letter has two cases: any other byte is found with `memchr` (through `str::find`).
fn find_byte_folded(hay: &str, b: u8) -> Option<usize> {
    if b.is_ascii_alphabetic() || !b.is_ascii() {
        return hay.bytes().position(|h| h.to_ascii_lowercase() == b);
    }
    hay.find(char::from(b))
}

/// A line that is a date: (date-time, is an "updated" stamp).
fn date_line(line: &str) -> Option<(DateTime, bool)> {
    // every date needs a year in digits (see `surely_not_a_stamp`); a part of the line
    // folds to a part of its folded bytes
    if !folds_to_a_digit(line) {
        return None;
    }
    // an ASCII line can only split at '|' (found with `memchr`)
    let parts: &mut dyn Iterator<Item = &str> = if line.is_ascii() {
        &mut line.split('|')
    } else {
        &mut line.split(['|', '·', '•'])
    };
    for part in parts {
        // "on April 30, 2008 at 4:31 AM, updated April 30, 2008 at 8:33 AM": the first stamp.
        let part = match find_folded(part, ", updated") {
            Some(i) if part.is_char_boundary(i) => &part[..i],
            _ => part,
        };
        if let Some(dt) = parse_date_text(part.trim()) {
            let lower = crate::text::fold(line);
            let is_update = lower.starts_with("updated")
                || lower.starts_with("last updated")
                || lower.starts_with("actualizado")
                || lower.starts_with("aktualisiert");
            return Some((dt, is_update));
        }
    }
    None
}

/// Words allowed around a date on a date line.
const DATE_LINE_WORDS: &[&str] = &[
    "published",
    "updated",
    "last",
    "posted",
    "on",
    "at",
    "date",
    "publicado",
    "actualizado",
    "el",
    "veroffentlicht",
    "aktualisiert",
    "am",
    "um",
    "uhr",
    "gmt",
    "utc",
    "cet",
    "cest",
    "bst",
    "est",
    "edt",
    "et",
    "pt",
    "pst",
    "pdt",
    "ct",
    "cdt",
    "cst",
    "mt",
    "local",
    "time",
    "de",
    "del",
    "a",
    "las",
    "h",
    "hrs",
    "first",
    "modified",
    "story",
    "created",
    "@",
    "ist",
    "akdt",
    "akst",
    "hst",
    "uk",
    "aest",
    "aedt",
    "eet",
    "eest",
    "msk",
    "jst",
    "kst",
    "sgt",
    "pht",
    "sast",
    "wat",
    "eat",
    "nzst",
    "nzdt",
    "brt",
    "art",
    "edited",
    "the",
    "of",
    "pm",
    "am",
    "p.m",
    "a.m",
    "p",
    "m",
    "z",
];

/// Parse a whole string as a date (with optional weekday, time and zone), or `None` when
/// the string holds more than a date.
pub fn parse_date_text(s: &str) -> Option<DateTime> {
    if surely_not_a_stamp(
        s,
        |b| is_space_byte(b) || matches!(b, b',' | b'(' | b')'),
        12,
    ) {
        return None;
    }
    let folded = join_spaced_clock(&crate::text::fold(s));
    let words: Vec<&str> = folded
        .split(|c: char| c.is_whitespace() || c == ',' || c == '(' || c == ')')
        .map(|w| w.trim_end_matches([':', ';']).trim_start_matches(['+']))
        .filter(|w| !w.is_empty() && *w != "-" && *w != "—" && *w != "–")
        .collect();
    if words.is_empty() || words.len() > 12 {
        return None;
    }
    let mut year: Option<i32> = None;
    let mut month: Option<u32> = None;
    let mut day: Option<u32> = None;
    let mut minutes: Option<u32> = None;
    let mut pending_day: Option<u32> = None;
    for (i, w) in words.iter().enumerate() {
        if let Some((d, t)) = iso_like(w) {
            year = Some(d.year);
            month = Some(d.month);
            day = Some(d.day);
            minutes = minutes.or(t);
            continue;
        }
        if let Some(d) = numeric_date(w) {
            year = Some(d.year);
            month = Some(d.month);
            day = Some(d.day);
            continue;
        }
        if let Some(m) = clock(w, words.get(i + 1).copied()) {
            minutes = Some(m);
            continue;
        }
        if let Some(m) = month_from_name(w) {
            if month.is_none() {
                month = Some(m);
                if let Some(d) = pending_day.take() {
                    day = Some(d);
                }
                continue;
            }
        }
        if weekday_from_name(w).is_some() {
            continue;
        }
        let digits = w
            .trim_end_matches("st")
            .trim_end_matches("nd")
            .trim_end_matches("rd")
            .trim_end_matches("th")
            .trim_end_matches('.');
        if let Ok(n) = digits.parse::<u32>() {
            if digits.len() == 4 && (1900..=2100).contains(&n) {
                year = Some(n as i32);
                continue;
            }
            if (1..=31).contains(&n) && digits.len() <= 2 {
                if month.is_some() && day.is_none() {
                    day = Some(n);
                } else {
                    pending_day = Some(n);
                }
                continue;
            }
        }
        if DATE_LINE_WORDS.contains(&w.trim_end_matches('.')) || is_zone_offset(w) {
            continue;
        }
        return None;
    }
    let date = Date::new(year?, month?, day?)?;
    Some(DateTime { date, minutes })
}

/// "1: 32 pm" → "1:32 pm" and "05 / 02 / 2013" → "05/02/2013", as scrapes space them.
fn join_spaced_clock(s: &str) -> String {
    let b = s.as_bytes();
    let digit_at = |i: usize| b.get(i).is_some_and(|c| c.is_ascii_digit());
    let mut out = String::with_capacity(s.len());
    for (i, c) in s.char_indices() {
        let after_colon =
            c == ' ' && i >= 2 && b[i - 1] == b':' && digit_at(i - 2) && digit_at(i + 1);
        let around_slash = c == ' '
            && ((i >= 1
                && digit_at(i.wrapping_sub(1))
                && b.get(i + 1) == Some(&b'/')
                && b.get(i + 2) == Some(&b' ')
                && digit_at(i + 3))
                || (i >= 2
                    && b[i - 1] == b'/'
                    && b[i - 2] == b' '
                    && digit_at(i + 1)
                    && i >= 3
                    && digit_at(i - 3)));
        if !after_colon && !around_slash {
            out.push(c);
        }
    }
    out
}

/// A date inside a URL: "/2013/05/03/", "/2013/may/03/", "/2013-07-21/", "20081216".
pub fn date_from_url(url: &str) -> Option<DateTime> {
    let lower = url.to_ascii_lowercase();
    let parts: Vec<&str> = lower.split(['/', '?', '&', '=', '_']).collect();
    for w in parts.windows(3) {
        let (Ok(y), Some(m), Ok(d)) = (
            w[0].parse::<i32>(),
            w[1].parse::<u32>().ok().or_else(|| month_from_name(w[1])),
            w[2].parse::<u32>(),
        ) else {
            continue;
        };
        if (1990..=2100).contains(&y) {
            if let Some(date) = Date::new(y, m, d) {
                return Some(DateTime {
                    date,
                    minutes: None,
                });
            }
        }
    }
    for p in &parts {
        if let Some((date, _)) = p.get(..10).and_then(iso_like) {
            return Some(DateTime {
                date,
                minutes: None,
            });
        }
        let digits: String = p.chars().filter(|c| c.is_ascii_digit()).collect();
        if digits.len() == 8 && p.contains(&digits) {
            let (y, m, d) = (
                digits[..4].parse().ok()?,
                digits[4..6].parse().ok()?,
                digits[6..].parse().ok()?,
            );
            if (1990..=2100).contains(&y) {
                if let Some(date) = Date::new(y, m, d) {
                    return Some(DateTime {
                        date,
                        minutes: None,
                    });
                }
            }
        }
    }
    None
}

/// "gmt+05:00", "utc-3", "+01:00" (the leading "+" is already trimmed: "01:00" parses as a clock first).
fn is_zone_offset(w: &str) -> bool {
    let rest = w
        .strip_prefix("gmt")
        .or_else(|| w.strip_prefix("utc"))
        .unwrap_or("");
    !rest.is_empty()
        && rest.starts_with(['+', '-'])
        && rest[1..].chars().all(|c| c.is_ascii_digit() || c == ':')
}

/// "2026-01-12", "2026-01-12T14:05", "2026-01-12t14:05:00z" (folded lowercase).
fn iso_like(w: &str) -> Option<(Date, Option<u32>)> {
    let (d, t) = match w.split_once('t') {
        Some((d, t)) => (d, Some(t)),
        None => (w, None),
    };
    let mut it = d.split('-');
    let y: i32 = it.next()?.parse().ok()?;
    let m: u32 = it.next()?.parse().ok()?;
    let day: u32 = it.next()?.parse().ok()?;
    if it.next().is_some() || !(1900..=2100).contains(&y) {
        return None;
    }
    let date = Date::new(y, m, day)?;
    let minutes = t.and_then(|t| clock(t.trim_end_matches('z'), None));
    Some((date, minutes))
}

/// "13.01.2026", "13/01/2026", "01/13/2026".
fn numeric_date(w: &str) -> Option<Date> {
    let sep = if w.contains('.') {
        '.'
    } else if w.contains('/') {
        '/'
    } else {
        return None;
    };
    let parts: Vec<&str> = w.trim_end_matches('.').split(sep).collect();
    if parts.len() != 3
        || !(parts[2].len() == 4 || parts[2].len() == 2)
        || parts[0].len() > 2
        || parts[1].len() > 2
    {
        return None;
    }
    let a: u32 = parts[0].parse().ok()?;
    let b: u32 = parts[1].parse().ok()?;
    let mut y: i32 = parts[2].parse().ok()?;
    if parts[2].len() == 2 {
        y += if y >= 50 { 1900 } else { 2000 };
    }
    if sep == '/' && a <= 12 {
        return Date::new(y, a, b);
    }
    Date::new(y, b, a)
}

/// "14:05", "14:05:00", "7:15" followed by "p.m."/"pm", "7pm", "7.15pm" → minutes after midnight.
fn clock(w: &str, next: Option<&str>) -> Option<u32> {
    let (body, suffix) = if let Some(b) = w
        .strip_suffix("p.m.")
        .or_else(|| w.strip_suffix("pm"))
        .or_else(|| w.strip_suffix("p.m"))
    {
        (b, Some(true))
    } else if let Some(b) = w
        .strip_suffix("a.m.")
        .or_else(|| w.strip_suffix("am"))
        .or_else(|| w.strip_suffix("a.m"))
    {
        (b, Some(false))
    } else {
        (w, None)
    };
    let suffix = suffix.or_else(|| match next.map(|n| n.trim_end_matches('.')) {
        Some("p.m" | "pm") => Some(true),
        Some("a.m" | "am") => Some(false),
        _ => None,
    });
    let (h, m) = match body.split_once([':', '.']) {
        Some((h, m)) if is_minutes_part(m) && h.len() <= 2 => {
            (h.parse::<u32>().ok()?, m.get(..2)?.parse::<u32>().ok()?)
        }
        Some(_) => return None,
        None if suffix.is_some() && !body.is_empty() => (body.parse::<u32>().ok()?, 0),
        None => return None,
    };
    if m > 59 || h > 23 {
        return None;
    }
    let h = match suffix {
        Some(true) if h < 12 => h + 12,
        Some(false) if h == 12 => 0,
        Some(_) if h > 12 => return None,
        _ => h,
    };
    Some(h * 60 + m)
}

/// "05", "05:00" or "05.00" after the hour: two digits, optionally seconds.
fn is_minutes_part(m: &str) -> bool {
    let b = m.as_bytes();
    (b.len() == 2
        || (b.len() == 5 && matches!(b[2], b':' | b'.') && b[3..].iter().all(u8::is_ascii_digit)))
        && b[..2].iter().all(u8::is_ascii_digit)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meta_of(text: &str) -> Metadata {
        extract(text, &crate::noise::layout(text))
    }

    #[test]
    fn spaced_dashes_are_found_where_str_find_finds_them() {
        for line in [
            "MADRID - A storm",
            "A-B - C",
            "x -- y - z",
            "--- - -- ",
            "no dash here",
            "-",
            " -",
            "año - dos",
            "a -- b",
            "Ruiz—Lee - x",
        ] {
            for needle in [" - ", " -- "] {
                assert_eq!(
                    find_spaced_dash(line, needle),
                    line.find(needle),
                    "{line:?} {needle:?}"
                );
            }
        }
    }

    #[test]
    fn stamp_checks_on_unicode_agree_with_the_folded_text() {
        let seps = |b: u8| is_space_byte(b) || matches!(b, b',' | b'(' | b')');
        for s in [
            "Publicado el 3 de marzo de 2026 — 14:20",
            "“We lost everything,” said Zoë Núñez, 54, who has lived here since 1998 and runs a shop.",
            "Actualizado: miércoles, 4 de marzo",
            "Cost: 5 €",
            "Area: 12 km² across the valley",
            "½ mile",
            "北京 2026年3月4日",
            "Posted 4/3/2026 ·",
            "—",
        ] {
            let folded = crate::text::fold(s);
            for max in [6, 12] {
                assert_eq!(
                    surely_not_a_stamp(s, seps, max),
                    surely_not_a_stamp(&folded, seps, max),
                    "{s:?} max {max}"
                );
            }
            assert_eq!(
                folds_to_a_digit(s),
                folded.bytes().any(|b| b.is_ascii_digit()),
                "{s:?}"
            );
        }
    }

    #[test]
    fn date_formats() {
        let cases = [
            ("13.01.2026", "2026-01-13"),
            ("Monday, January 12, 2026", "2026-01-12"),
            ("January 13, 2026", "2026-01-13"),
            ("Jan. 12, 2026", "2026-01-12"),
            ("2026-01-12", "2026-01-12"),
            ("12 January 2026", "2026-01-12"),
            ("2026-01-12T14:05", "2026-01-12T14:05"),
            (
                "Published: January 13, 2026 at 7:15 p.m. ET",
                "2026-01-13T19:15",
            ),
            ("13.01.2026, 14:05 Uhr", "2026-01-13T14:05"),
            ("01/13/2026", "2026-01-13"),
            ("05 / 02 / 2013", "2013-05-02"),
            ("13/01/2026", "2026-01-13"),
            ("12 / 16 / 08 1: 30 AM EST", "2008-12-16T01:30"),
            ("26 September 2013, 10: 00 (GMT+05: 00)", "2013-09-26T10:00"),
            (
                "Posted on November 15, 2011 6: 07: 15 PM GMT+01: 0",
                "2011-11-15T18:07",
            ),
            ("Sat Nov 12 2011, 01: 19 hrs", "2011-11-12T01:19"),
            ("Updated: November 11, 2011 18: 50 IST", "2011-11-11T18:50"),
            (
                "Story Created: Aug 7, 2012 at 9: 56 AM AKDT",
                "2012-08-07T09:56",
            ),
            ("8: 05am UK, Monday 16 September 2013", "2013-09-16T08:05"),
            ("12 January 2010 @ 09: 29 pm", "2010-01-12T21:29"),
            ("Tuesday 13 January 2026 09.30 GMT", "2026-01-13T09:30"),
        ];
        for (s, want) in cases {
            assert_eq!(
                parse_date_text(s).map(|d| d.iso()).as_deref(),
                Some(want),
                "{s}"
            );
        }
        for s in [
            "The bridge fell on January 13, 2026 at dusk",
            "30 February 2026",
            "Seven people died",
        ] {
            assert_eq!(parse_date_text(s), None, "{s}");
        }
    }

    #[test]
    fn front_matter_wins_and_is_not_body() {
        let t = "---\noutlet: The Valley Herald\npublished: 2026-06-09T08:30\ntitle: \"Blast\"\nauthor: Ana Ruiz\n---\nBody text starts here with words.\n";
        let m = meta_of(t);
        assert_eq!(m.outlet.as_deref(), Some("The Valley Herald"));
        assert_eq!(m.published.unwrap().iso(), "2026-06-09T08:30");
        assert_eq!(m.title.as_deref(), Some("Blast"));
        assert_eq!(m.author.as_deref(), Some("Ana Ruiz"));
        let body = crate::noise::layout(t).body_paragraphs(&m);
        assert_eq!(body.len(), 1);
        assert_eq!(body[0].slice(t), "Body text starts here with words.");
    }

    #[test]
    fn header_lines_give_outlet_date_byline_title() {
        let t = "Skip to content\nThe Coastal Courier\nHome | World | Politics\nSeven dead as warehouse explodes in port\nBy Marta Vidal and Tom Okafor\nMonday, June 8, 2026\n\nPUERTO CLARO (CNA) — Seven people were killed on Sunday when a warehouse exploded.\n";
        let m = meta_of(t);
        assert_eq!(m.outlet.as_deref(), Some("The Coastal Courier"));
        assert_eq!(m.published.unwrap().iso(), "2026-06-08");
        assert_eq!(
            m.title.as_deref(),
            Some("Seven dead as warehouse explodes in port")
        );
        assert_eq!(m.author.as_deref(), Some("Marta Vidal and Tom Okafor"));
        let body = crate::noise::layout(t).body_paragraphs(&m);
        assert_eq!(body.len(), 1);
        assert_eq!(
            body[0].slice(t),
            "Seven people were killed on Sunday when a warehouse exploded."
        );
    }

    #[test]
    fn dateline_agency_is_the_outlet_when_nothing_else_names_one() {
        let t = "Warehouse blast kills seven\n\nPUERTO CLARO (CNA) — Seven people were killed on Sunday, officials said.\n";
        let m = meta_of(t);
        assert_eq!(m.outlet.as_deref(), Some("CNA"));
        assert!(problems(&m).iter().any(|p| p.contains("publication date")));
    }

    #[test]
    fn byline_with_outlet_and_date() {
        let t = "By Ana Ruiz, The Valley Herald | Jan. 12, 2026\nA long first sentence of the article that reads like prose and ends here.\n";
        let m = meta_of(t);
        assert_eq!(m.author.as_deref(), Some("Ana Ruiz"));
        assert_eq!(m.outlet.as_deref(), Some("The Valley Herald"));
        assert_eq!(m.published.unwrap().iso(), "2026-01-12");
    }

    #[test]
    fn scraped_page_header_with_url_standfirst_and_late_date_line() {
        let t = "http://www.example-daily.test/2013/news/story-1\nStar checks into clinic\nThe actress finally checked into the clinic late Thursday, after hiring a lawyer.\n\nPUBLISHED: THURSDAY, MAY 2, 2013, 1: 32 PM\n\nUPDATED: FRIDAY, MAY 3, 2013, 9: 56 AM\n\nThe actress checked into the clinic on Thursday, her lawyer said in a statement.\n";
        let m = meta_of(t);
        assert_eq!(
            m.url.as_deref(),
            Some("http://www.example-daily.test/2013/news/story-1")
        );
        assert_eq!(m.outlet.as_deref(), Some("example-daily.test"));
        assert_eq!(m.published.unwrap().iso(), "2013-05-02T13:32");
        assert_eq!(m.title.as_deref(), Some("Star checks into clinic"));
        let body = crate::noise::layout(t).body_paragraphs(&m);
        assert_eq!(body.len(), 2, "standfirst and first paragraph");
    }

    #[test]
    fn outlet_line_with_particles_and_quoted_title() {
        let t = "https://jornal.example/x\nJornal do Ceira — English edition\n4 March 2026\nA town in mourning: the valley counts its dead\n\nProse sentence that is long enough to count as prose here.\n";
        let m = meta_of(t);
        assert_eq!(
            m.outlet.as_deref(),
            Some("Jornal do Ceira — English edition")
        );
        assert_eq!(
            m.title.as_deref(),
            Some("A town in mourning: the valley counts its dead")
        );
        let t = "---\ntitle: 'Survivors recall: \"then the lights went out\"'\n---\nBody.\n";
        assert_eq!(
            meta_of(t).title.as_deref(),
            Some("Survivors recall: \"then the lights went out\"")
        );
    }

    #[test]
    fn dates_in_urls() {
        for (u, want) in [
            ("http://a.example/2013/may/03/local/x", "2013-05-03"),
            ("http://a.example/story/2013-07-21/fire/", "2013-07-21"),
            (
                "http://a.example/news/article.jsp?ymd=20081216&id=1",
                "2008-12-16",
            ),
            ("http://a.example/2013/05/02/x/", "2013-05-02"),
        ] {
            assert_eq!(
                date_from_url(u).map(|d| d.iso()).as_deref(),
                Some(want),
                "{u}"
            );
        }
        assert_eq!(date_from_url("http://a.example/story/123456"), None);
    }

    #[test]
    fn updated_stamp_is_used_only_without_published() {
        let t = "Updated 14:05 GMT\nPublished January 13, 2026\nHeadline here now\n\nProse sentence that is long enough to count as prose here.\n";
        assert_eq!(meta_of(t).published.unwrap().iso(), "2026-01-13T14:05");
    }
}
