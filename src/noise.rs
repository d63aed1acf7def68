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

/// Line prefixes that mark furniture whatever follows (folded).
const PREFIXES: &[&str] = &[
    "related:",
    "related stories:",
    "related articles:",
    "related coverage:",
    "read more:",
    "read more about",
    "read also:",
    "also read:",
    "see also:",
    "more:",
    "more from",
    "watch:",
    "listen:",
    "photo:",
    "photos:",
    "photograph:",
    "image:",
    "picture:",
    "pictured:",
    "credit:",
    "photo credit",
    "image credit",
    "(photo",
    "[photo",
    "file photo",
    "©",
    "(c) ",
    "copyright",
    "all rights reserved",
    "visitors today",
    "visitors:",
    "page views",
    "views:",
    "comments (",
    "share on ",
    "share this",
    "follow us on",
    "follow @",
    "sign up for",
    "sign up to",
    "subscribe to",
    "subscribe for",
    "subscribers only",
    "already a subscriber",
    "this article is for subscribers",
    "this content is for subscribers",
    "to continue reading",
    "continue reading",
    "you have reached your limit",
    "you've reached your",
    "create a free account",
    "get the latest",
    "get our newsletter",
    "our newsletter",
    "newsletter:",
    "we use cookies",
    "this site uses cookies",
    "by continuing to use",
    "click here",
    "tap here",
    "advertisement",
    "sponsored:",
    "lee tambien:",
    "lea tambien:",
    "leer mas:",
    "relacionado:",
    "relacionadas:",
    "suscribete",
    "suscribase",
    "suscripcion",
    "boletin",
    "registrate",
    "foto:",
    "fotografia:",
    "publicidad",
    "ya eres suscriptor",
    "este contenido es exclusivo",
    "mehr zum thema:",
    "lesen sie auch",
    "lesen sie mehr",
    "abonnieren sie",
    "jetzt abonnieren",
    "jetzt lesen",
    "melden sie sich",
    "unser newsletter",
    "dieser artikel ist",
    "weiterlesen mit",
    "anzeige",
    "foto:",
    "bild:",
    "abonnez-vous",
    "lire aussi:",
    "inscrivez-vous",
    "leia tambem:",
    "assine",
    "tags:",
    "topics:",
    "filed under",
    "posted in",
    "categories:",
    "loading",
    "listen live",
    "escucha en vivo",
    "en directo:",
    "live blog",
    "min read",
    "skip to",
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
    if EXACT.contains(&key_plain) {
        return true;
    }
    if PREFIXES.iter().any(|p| key.starts_with(p)) {
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
    if EXACT.iter().any(|e| e.eq_ignore_ascii_case(key_plain)) {
        return true;
    }
    let starts_with = |p: &str| {
        key.as_bytes()
            .get(..p.len())
            .is_some_and(|head| head.eq_ignore_ascii_case(p.as_bytes()))
    };
    // markers are lowercase: compare the first byte before the rest
    let first = key.as_bytes().first().map(u8::to_ascii_lowercase);
    if PREFIXES
        .iter()
        .any(|p| p.as_bytes().first() == first.as_ref() && starts_with(p))
    {
        return true;
    }
    counter_words(key_plain).nth(6).is_none() && is_counter_line(&key_plain.to_ascii_lowercase())
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
