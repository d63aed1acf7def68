//! Page noise in scraped articles: navigation, share and comment counters, ad markers,
//! "Related"/"Read more" link lists, newsletter, paywall and cookie notices (English,
//! Spanish, German, French, Portuguese), visitor counters, photo credits, copyright lines.
//! Lines classified here never reach the extractors, so they never yield people or figures.
//!
//! Decision: classification is per line and conservative for long lines: a line that reads
//! like prose (long, ending in sentence punctuation) is noise only when it *starts* with a
//! noise marker ("Photo:", "Related:", "Subscribe to …"), never for a word it merely contains.

use crate::metadata::Metadata;
use crate::text::fold;
use crate::Span;

/// The line structure of an article with noise marked.
#[derive(Clone, Debug, Default)]
pub struct Layout {
    pub lines: Vec<Span>,
    /// `noise[i]`: line `i` is page furniture.
    pub noise: Vec<bool>,
    /// `blank[i]`: line `i` holds only white space.
    pub blank: Vec<bool>,
}

/// Whole-line markers (folded, trailing punctuation removed).
const EXACT: &[&str] = &[
    "skip to content",
    "skip to main content",
    "skip to navigation",
    "menu",
    "search",
    "home",
    "close",
    "share",
    "share this",
    "share this article",
    "share this story",
    "share on facebook",
    "share on twitter",
    "share on x",
    "share on linkedin",
    "share on whatsapp",
    "tweet",
    "email",
    "e-mail",
    "print",
    "whatsapp",
    "facebook",
    "twitter",
    "linkedin",
    "copy link",
    "link copied",
    "comments",
    "comment",
    "advertisement",
    "ad",
    "ads",
    "sponsored",
    "sponsored content",
    "related",
    "related articles",
    "related stories",
    "related content",
    "read more",
    "more stories",
    "more on this story",
    "see also",
    "most read",
    "most popular",
    "trending",
    "trending now",
    "top stories",
    "latest news",
    "recommended",
    "you may also like",
    "newsletter",
    "sign up",
    "log in",
    "login",
    "sign in",
    "register",
    "subscribe",
    "subscribe now",
    "accept",
    "accept all",
    "accept cookies",
    "reject all",
    "manage cookies",
    "back to top",
    "listen to this article",
    "listen",
    "publicidad",
    "anuncio",
    "compartir",
    "comentarios",
    "lee tambien",
    "leer mas",
    "te puede interesar",
    "mas noticias",
    "anzeige",
    "werbung",
    "teilen",
    "weiterlesen",
    "mehr zum thema",
    "kommentare",
    "publicite",
    "partager",
    "lire aussi",
    "a lire aussi",
    "leia tambem",
    "compartilhe",
    "publicidade",
    "follow us",
    "follow",
    "watch",
    "video",
    "gallery",
    "photos",
    "live",
    "breaking",
    "breaking news",
    "updated",
    "advertise with us",
    "contact us",
    "about us",
    "privacy policy",
    "terms of use",
    "terms of service",
    "cookie policy",
];

/// Longest [`EXACT`] marker: a longer key (most lines) cannot be one.
const EXACT_MAX_LEN: usize = max_len(EXACT);

const fn max_len(list: &[&str]) -> usize {
    let mut max = 0;
    let mut i = 0;
    while i < list.len() {
        if list[i].len() > max {
            max = list[i].len();
        }
        i += 1;
    }
    max
}

/// Line prefixes that mark furniture whatever follows (folded). Sorted by bytes, so the
/// prefixes starting with a given byte are one range ([`prefixes_starting_with`]).
const PREFIXES: &[&str] = &[
    "(c) ",
    "(photo",
    "[photo",
    "abonnez-vous",
    "abonnieren sie",
    "advertisement",
    "all rights reserved",
    "already a subscriber",
    "also read:",
    "anzeige",
    "assine",
    "bild:",
    "boletin",
    "by continuing to use",
    "categories:",
    "click here",
    "comments (",
    "continue reading",
    "copyright",
    "create a free account",
    "credit:",
    "dieser artikel ist",
    "en directo:",
    "escucha en vivo",
    "este contenido es exclusivo",
    "file photo",
    "filed under",
    "follow @",
    "follow us on",
    "foto:",
    "fotografia:",
    "get our newsletter",
    "get the latest",
    "image credit",
    "image:",
    "inscrivez-vous",
    "jetzt abonnieren",
    "jetzt lesen",
    "lea tambien:",
    "lee tambien:",
    "leer mas:",
    "leia tambem:",
    "lesen sie auch",
    "lesen sie mehr",
    "lire aussi:",
    "listen live",
    "listen:",
    "live blog",
    "loading",
    "mehr zum thema:",
    "melden sie sich",
    "min read",
    "more from",
    "more:",
    "newsletter:",
    "our newsletter",
    "page views",
    "photo credit",
    "photo:",
    "photograph:",
    "photos:",
    "picture:",
    "pictured:",
    "posted in",
    "publicidad",
    "read also:",
    "read more about",
    "read more:",
    "registrate",
    "relacionadas:",
    "relacionado:",
    "related articles:",
    "related coverage:",
    "related stories:",
    "related:",
    "see also:",
    "share on ",
    "share this",
    "sign up for",
    "sign up to",
    "skip to",
    "sponsored:",
    "subscribe for",
    "subscribe to",
    "subscribers only",
    "suscribase",
    "suscribete",
    "suscripcion",
    "tags:",
    "tap here",
    "this article is for subscribers",
    "this content is for subscribers",
    "this site uses cookies",
    "to continue reading",
    "topics:",
    "unser newsletter",
    "views:",
    "visitors today",
    "visitors:",
    "watch:",
    "we use cookies",
    "weiterlesen mit",
    "ya eres suscriptor",
    "you have reached your limit",
    "you've reached your",
    "©",
];

/// Words that, alone with a number, make a counter line ("14 comments", "1.2K shares").
const COUNTER_WORDS: &[&str] = &[
    "comments",
    "comment",
    "shares",
    "share",
    "views",
    "view",
    "likes",
    "like",
    "reads",
    "reactions",
    "replies",
    "retweets",
    "min read",
    "minute read",
    "minutes read",
    "visitors",
    "readers",
    "comentarios",
    "kommentare",
    "commentaires",
];

pub fn layout(text: &str) -> Layout {
    let lines = crate::text::lines(text);
    let mut noise: Vec<bool> = lines.iter().map(|l| is_noise_line(l.slice(text))).collect();
    mark_link_lists(text, &lines, &mut noise);
    let blank = lines
        .iter()
        .map(|l| l.slice(text).trim().is_empty())
        .collect();
    Layout {
        lines,
        noise,
        blank,
    }
}

/// Is this single line page furniture?
pub fn is_noise_line(line: &str) -> bool {
    let raw = line.trim();
    if raw.is_empty() {
        return false;
    }
    if is_ignore_comment_line(raw) || is_markdown_image_or_link_only(raw) || is_url_only(raw) {
        return true;
    }
    let stripped = strip_markup(raw);
    if stripped.is_ascii() {
        return is_noise_ascii(stripped) || is_nav_line(raw);
    }
    let folded = fold(stripped);
    let key = noise_key(&folded);
    let key_plain = key.trim_end_matches(|c: char| !c.is_alphanumeric());
    if key_plain.len() <= EXACT_MAX_LEN && EXACT.contains(&key_plain) {
        return true;
    }
    let first = key.as_bytes().first().copied().unwrap_or(0);
    if prefixes_starting_with(first)
        .iter()
        .any(|p| key.starts_with(p))
    {
        return true;
    }
    if is_counter_line(key_plain) || is_nav_line(raw) {
        return true;
    }
    false
}

/// The part of a folded line compared with the markers: punctuation trimmed at both ends
/// ("©", "(" and "[" kept, they start markers).
fn noise_key(folded: &str) -> &str {
    folded.trim_matches(|c: char| !c.is_alphanumeric() && c != '©' && c != '(' && c != '[')
}

/// The marker checks of [`is_noise_line`] on an ASCII line without folding it first (most
/// lines are long ASCII prose): folding ASCII only lowercases, so the key is the same
/// slice compared case-insensitively, and only a short line is lowercased for the
/// counter check.
fn is_noise_ascii(stripped: &str) -> bool {
    let key = noise_key(stripped);
    let key_plain = key.trim_end_matches(|c: char| !c.is_alphanumeric());
    if key_plain.len() <= EXACT_MAX_LEN && EXACT.iter().any(|e| e.eq_ignore_ascii_case(key_plain)) {
        return true;
    }
    let starts_with = |p: &str| {
        key.as_bytes()
            .get(..p.len())
            .is_some_and(|head| head.eq_ignore_ascii_case(p.as_bytes()))
    };
    // markers are lowercase
    let first = key.as_bytes().first().map_or(0, u8::to_ascii_lowercase);
    if prefixes_starting_with(first).iter().any(|p| starts_with(p)) {
        return true;
    }
    at_most_six_counter_words(key_plain.as_bytes())
        && may_be_counter(key_plain)
        && is_counter_line(&key_plain.to_ascii_lowercase())
}

/// The [`PREFIXES`] whose first byte is `first`.
fn prefixes_starting_with(first: u8) -> &'static [&'static str] {
    let start = PREFIXES.partition_point(|p| p.as_bytes().first().is_some_and(|&b| b < first));
    let end = PREFIXES.partition_point(|p| p.as_bytes().first().is_some_and(|&b| b <= first));
    PREFIXES.get(start..end).unwrap_or_default()
}

/// Can [`is_counter_line`] accept `key`? Its number needs a digit, '.' or ','; most short
/// lines (headings, bylines) have none.
fn may_be_counter(key: &str) -> bool {
    // no early exit: the loop is vectorised
    key.bytes().fold(false, |found, b| {
        found | matches!(b, b'0'..=b'9' | b'.' | b',')
    })
}

/// [`counter_words`] of an ASCII key are at most six (the most [`is_counter_line`]
/// accepts)? Stops at the seventh word: most lines are long prose.
fn at_most_six_counter_words(key: &[u8]) -> bool {
    let mut words = 0;
    let mut in_word = false;
    for &b in key {
        let separator = matches!(b, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r')
            || matches!(b, b':' | b'(' | b')' | b'|');
        if separator {
            in_word = false;
        } else if !in_word {
            in_word = true;
            words += 1;
            if words > 6 {
                return false;
            }
        }
    }
    true
}

/// Words of a counter line candidate.
fn counter_words(key: &str) -> impl Iterator<Item = &str> {
    key.split(|c: char| c.is_whitespace() || c == ':' || c == '(' || c == ')' || c == '|')
        .filter(|w| !w.is_empty())
}

/// Remove markdown emphasis, heading and bullet markers around a line.
fn strip_markup(s: &str) -> &str {
    s.trim_start_matches(['#', '*', '_', '>', '-', '•', '·', '|', ' '])
        .trim_end_matches(['*', '_', ' ', '|'])
}

fn is_ignore_comment_line(s: &str) -> bool {
    s.starts_with("<!--") && s.ends_with("-->")
}

fn is_markdown_image_or_link_only(s: &str) -> bool {
    let t = s.trim_start_matches(['-', '*', '•', ' ']);
    (t.starts_with("![") || t.starts_with('[')) && t.ends_with(')') && t.contains("](")
}

fn is_url_only(s: &str) -> bool {
    let t = s
        .trim_start_matches(['-', '*', '•', ' ', '<'])
        .trim_end_matches('>');
    !t.contains(' ')
        && (t.starts_with("http://") || t.starts_with("https://") || t.starts_with("www."))
}

/// "14 comments", "1.2K shares", "Comments (3)", "4 min read", "Shares: 120".
fn is_counter_line(key: &str) -> bool {
    if !may_be_counter(key) {
        return false;
    }
    let words: Vec<&str> = counter_words(key).collect();
    if words.is_empty() || words.len() > 6 {
        return false;
    }
    let numeric = |w: &str| {
        let w = w.trim_end_matches(['k', 'm']);
        !w.is_empty()
            && w.chars()
                .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
    };
    let has_number = words.iter().any(|w| numeric(w));
    let rest: Vec<&str> = words.iter().copied().filter(|w| !numeric(w)).collect();
    let rest_joined = rest.join(" ");
    has_number
        && !rest.is_empty()
        && (COUNTER_WORDS.contains(&rest_joined.as_str())
            || rest.iter().all(|w| COUNTER_WORDS.contains(w)))
}

/// Navigation bars: several short items separated by `|`, `·`, `•` or `>` and no sentence.
fn is_nav_line(s: &str) -> bool {
    if starts_with_long_item(s) {
        return false;
    }
    // no separator at all: most lines, rejected in one byte scan
    let ascii_separator = s.bytes().any(|b| matches!(b, b'|' | b'>' | b'/'));
    if !ascii_separator && (s.is_ascii() || !s.contains(['·', '•', '›', '»'])) {
        return false;
    }
    let seps = s.matches(['|', '·', '•', '›', '»']).count()
        + s.matches(" > ").count()
        + s.matches(" / ").count();
    if seps < 2 {
        return false;
    }
    let items: Vec<&str> = s
        .split(['|', '·', '•', '›', '»', '>', '/'])
        .map(str::trim)
        .filter(|i| !i.is_empty())
        .collect();
    items.len() >= 3
        && items.iter().all(|i| {
            i.split_whitespace().count() <= 4
                && !i.ends_with('.')
                && i.chars().any(char::is_alphabetic)
        })
}

/// Does `s` start with five words before any separator (or non-ASCII byte, which may be
/// one)? Then its first item is too long for a navigation bar: prose lines are rejected
/// after a few words instead of a scan of the whole line.
fn starts_with_long_item(s: &str) -> bool {
    let mut words = 0;
    let mut in_word = false;
    for &b in s.as_bytes() {
        if matches!(b, b'|' | b'>' | b'/') || !b.is_ascii() {
            return false;
        }
        // the ASCII white space of `split_whitespace`
        if matches!(b, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r') {
            in_word = false;
        } else if !in_word {
            in_word = true;
            words += 1;
            if words > 4 {
                return true;
            }
        }
    }
    false
}

/// After a "Related"/"Read more" heading, the list of short link lines up to the next blank
/// line is furniture too.
fn mark_link_lists(text: &str, lines: &[Span], noise: &mut [bool]) {
    let mut in_list = false;
    for (i, line) in lines.iter().enumerate() {
        let raw = line.slice(text).trim();
        if raw.is_empty() {
            in_list = false;
            continue;
        }
        if noise[i] {
            let key = fold(strip_markup(raw));
            in_list = key.starts_with("related")
                || key.starts_with("read more")
                || key.starts_with("more from")
                || key.starts_with("see also")
                || key.starts_with("most read")
                || key.starts_with("trending")
                || key.starts_with("lee tambien")
                || key.starts_with("mehr zum thema")
                || key.starts_with("lire aussi")
                || key.starts_with("you may also like")
                || key.starts_with("recommended")
                || key.starts_with("top stories")
                || key.starts_with("latest news");
            continue;
        }
        if in_list {
            let bullet = raw.starts_with(['-', '*', '•', '·', '>']) || raw.starts_with("[");
            let short = raw.chars().count() <= 140 && !raw.ends_with('.');
            if bullet || short {
                noise[i] = true;
            } else {
                in_list = false;
            }
        }
    }
}

impl Layout {
    /// Paragraphs of prose: runs of non-blank, non-noise, non-metadata lines.
    pub fn body_paragraphs(&self, meta: &Metadata) -> Vec<Span> {
        let mut out = Vec::new();
        let mut cur: Option<Span> = None;
        for (i, line) in self.lines.iter().enumerate() {
            let portion = if self.noise.get(i).copied().unwrap_or(false)
                || self.blank.get(i).copied().unwrap_or(true)
            {
                None
            } else {
                body_portion(*line, &meta.lines)
            };
            match portion {
                None => out.extend(cur.take()),
                Some(p) => {
                    cur = Some(match cur {
                        Some(c) => Span::new(c.start, p.end),
                        None => p,
                    })
                }
            }
        }
        out.extend(cur);
        out
    }
}

/// What of `line` is body text: none when metadata covers it, the rest when metadata (a
/// dateline) covers its start.
fn body_portion(line: Span, meta: &[Span]) -> Option<Span> {
    let mut start = line.start;
    for m in meta {
        if m.start <= start && m.end > start {
            start = m.end;
        }
    }
    (start < line.end).then(|| Span::new(start, line.end))
}

/// Inline suppressions: `<!-- corroborate: ignore killed, event date -->` or
/// `corroborate: ignore` anywhere on a line. Subjects are comma-separated; none = every
/// figure on that line. Returns (line span, folded subjects).
pub fn inline_ignores(text: &str) -> Vec<(Span, Vec<String>)> {
    const MARK: &str = "corroborate: ignore";
    let mut out = Vec::new();
    if !text.contains(MARK) {
        return out;
    }
    for line in crate::text::lines(text) {
        let s = line.slice(text);
        let Some(at) = s.find(MARK) else { continue };
        let rest = &s[at + MARK.len()..];
        let rest = rest.split("-->").next().unwrap_or("");
        let subjects: Vec<String> = rest
            .split(',')
            .map(|x| fold(x.trim()))
            .filter(|x| !x.is_empty())
            .collect();
        // A comment on its own line applies to the next non-blank line as well.
        out.push((line, subjects));
    }
    extend_own_line_comments(text, &mut out);
    out
}

/// An ignore comment alone on its line covers the following non-blank line.
fn extend_own_line_comments(text: &str, out: &mut Vec<(Span, Vec<String>)>) {
    let lines = crate::text::lines(text);
    let mut extra = Vec::new();
    for (span, subjects) in out.iter() {
        if !is_ignore_comment_line(span.slice(text).trim()) {
            continue;
        }
        if let Some(next) = lines
            .iter()
            .find(|l| l.start > span.end && !l.slice(text).trim().is_empty())
        {
            extra.push((*next, subjects.clone()));
        }
    }
    out.extend(extra);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn furniture_lines_are_noise() {
        for line in [
            "Skip to content",
            "Home | World | Politics | Sport | Business",
            "Share on Facebook",
            "Tweet",
            "1.2K shares",
            "14 comments",
            "Comments (3)",
            "ADVERTISEMENT",
            "Advertisement",
            "Related: Seven dead as storm hits coast",
            "Read more: Minister Ruiz resigns",
            "Photo: Marta Vidal / CNA",
            "© 2026 The Valley Herald. All rights reserved.",
            "Visitors today: 1,204",
            "Subscribe to our newsletter for $1 a week",
            "Suscríbete a nuestro boletín",
            "Jetzt abonnieren und weiterlesen",
            "Abonnez-vous pour lire la suite",
            "We use cookies to improve your experience.",
            "4 min read",
            "![A rescuer at the site](https://example.org/a.jpg)",
            "https://example.org/story/123",
            "<!-- corroborate: ignore killed -->",
        ] {
            assert!(is_noise_line(line), "should be noise: {line}");
        }
    }

    #[test]
    fn prose_is_not_noise() {
        for line in [
            "The share of households without power fell to 12 percent, officials said.",
            "Ruiz said the photo was taken at 7:15 p.m. on Friday.",
            "Home owners in the district were told to leave by noon.",
            "At least 30 people were killed.",
            "Search teams worked through the night.",
            "05 / 02 / 2013",
        ] {
            assert!(!is_noise_line(line), "should be prose: {line}");
        }
    }

    #[test]
    fn prefixes_are_sorted_and_ranged_by_first_byte() {
        assert!(PREFIXES
            .windows(2)
            .all(|w| w[0].as_bytes() < w[1].as_bytes()));
        for p in PREFIXES {
            let first = p.as_bytes()[0];
            assert!(prefixes_starting_with(first).contains(p));
        }
        assert!(prefixes_starting_with(b'z').is_empty());
    }

    #[test]
    fn related_lists_are_noise_up_to_the_blank_line() {
        let t = "Body sentence one.\n\nRelated:\n- Storm kills 12 in north\nMayor Ruiz visits site\n\nMore body text here.";
        let l = layout(t);
        let noisy: Vec<&str> = l
            .lines
            .iter()
            .zip(&l.noise)
            .filter(|(_, &n)| n)
            .map(|(s, _)| s.slice(t))
            .collect();
        assert_eq!(
            noisy,
            vec![
                "Related:",
                "- Storm kills 12 in north",
                "Mayor Ruiz visits site"
            ]
        );
    }

    #[test]
    fn inline_ignores_name_subjects() {
        let t = "Nine died. <!-- corroborate: ignore killed, event date -->\nOther line corroborate: ignore\n";
        let ig = inline_ignores(t);
        assert_eq!(ig[0].1, vec!["killed", "event date"]);
        assert!(ig[1].1.is_empty());
    }
}
