//! Word normalisation shared by claim matching and story grouping: folding, possessives,
//! a light stemmer and stopword lists. Decisions: stemming is deliberately crude (suffix
//! stripping plus a few irregular speech verbs) because both sides of a comparison go
//! through the same function; what matters is that "asked"/"asking" and "said"/"says"
//! meet, not that stems are real words.

use super::fxhash::{FxHashMap, FxHashSet};
use crate::text::{fold, tokens_in};
use crate::Span;
use std::sync::OnceLock;

/// Function words and speech/attribution verbs that carry no claim content.
const STOPWORDS: &[&str] = &[
    "a",
    "about",
    "above",
    "after",
    "again",
    "against",
    "all",
    "also",
    "am",
    "an",
    "and",
    "any",
    "are",
    "as",
    "at",
    "be",
    "because",
    "been",
    "before",
    "being",
    "below",
    "between",
    "both",
    "but",
    "by",
    "can",
    "could",
    "did",
    "do",
    "does",
    "doing",
    "down",
    "during",
    "each",
    "few",
    "for",
    "from",
    "further",
    "had",
    "has",
    "have",
    "having",
    "he",
    "her",
    "here",
    "hers",
    "herself",
    "him",
    "himself",
    "his",
    "how",
    "i",
    "if",
    "in",
    "into",
    "is",
    "it",
    "its",
    "itself",
    "just",
    "me",
    "more",
    "most",
    "my",
    "myself",
    "no",
    "nor",
    "not",
    "now",
    "of",
    "off",
    "on",
    "once",
    "only",
    "or",
    "other",
    "our",
    "ours",
    "ourselves",
    "out",
    "over",
    "own",
    "same",
    "she",
    "should",
    "so",
    "some",
    "such",
    "than",
    "that",
    "the",
    "their",
    "theirs",
    "them",
    "themselves",
    "then",
    "there",
    "these",
    "they",
    "this",
    "those",
    "through",
    "to",
    "too",
    "under",
    "until",
    "up",
    "very",
    "was",
    "we",
    "were",
    "what",
    "when",
    "where",
    "which",
    "while",
    "who",
    "whom",
    "why",
    "will",
    "with",
    "would",
    "you",
    "your",
    "yours",
    "yourself",
    "yourselves",
    "may",
    "might",
    "must",
    "shall",
    "us",
    "ve",
    "ll",
    "re",
    "s",
    "t",
    "d",
    "m",
    "don",
    "didn",
    "doesn",
    "isn",
    "wasn",
    "weren",
    "won",
    "wouldn",
    "couldn",
    "shouldn",
    "aren",
    "hasn",
    "haven",
    "hadn",
    "mr",
    "mrs",
    "ms",
    "dr",
    "said",
    "says",
    "say",
    "saying",
    "told",
    "tell",
    "tells",
    "telling",
    "according",
    "added",
    "adding",
    "stated",
    "noted",
    "explained",
    "reportedly",
    "reported",
    "report",
    "reports",
    "claimed",
    "claims",
    "insisted",
    "stressed",
    "continued",
    "went",
    "get",
    "got",
    "per",
    "via",
    "yet",
    "still",
    "even",
    "however",
    "though",
    "although",
    "since",
    "around",
    "among",
    "upon",
    "within",
    "without",
    "across",
    "whether",
    "either",
    "neither",
    "every",
    "many",
    "much",
    "several",
    "another",
    "least",
];

/// Words too general to tell one news event from another (stories only).
const STORY_STOPWORDS: &[&str] = &[
    "people",
    "person",
    "official",
    "officials",
    "police",
    "year",
    "years",
    "time",
    "times",
    "day",
    "days",
    "week",
    "weeks",
    "month",
    "months",
    "today",
    "yesterday",
    "tomorrow",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "january",
    "february",
    "march",
    "april",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "news",
    "new",
    "first",
    "last",
    "one",
    "two",
    "three",
    "like",
    "make",
    "made",
    "take",
    "took",
    "come",
    "came",
    "going",
    "know",
    "think",
    "well",
    "back",
    "way",
    "want",
    "need",
    "need",
    "use",
    "used",
    "work",
    "part",
    "place",
    "thing",
    "things",
    "home",
    "story",
    "article",
    "according",
    "statement",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "reporter",
    "reporters",
    "press",
    "update",
    "updated",
    "read",
    "click",
    "photo",
    "video",
    "image",
    "copyright",
    "rights",
    "reserved",
    "share",
    "comment",
    "comments",
    "http",
    "https",
    "www",
    "com",
    "html",
    "htm",
    "php",
    "asp",
    "index",
];

/// Is `word` (folded) a function word or attribution verb?
pub(crate) fn is_stopword(word: &str) -> bool {
    static SET: OnceLock<FxHashSet<&'static str>> = OnceLock::new();
    SET.get_or_init(|| STOPWORDS.iter().copied().collect())
        .contains(word)
}

/// Is `word` (folded) too general to distinguish a story?
pub(crate) fn is_story_stopword(word: &str) -> bool {
    static SET: OnceLock<FxHashSet<&'static str>> = OnceLock::new();
    is_stopword(word)
        || SET
            .get_or_init(|| STORY_STOPWORDS.iter().copied().collect())
            .contains(word)
}

/// Fold a token and drop a possessive ending ("Ortega’s" → "ortega") and inner
/// apostrophes ("o'neill" → "oneill").
pub(crate) fn normalise_token(token: &str) -> String {
    let folded = fold(token);
    let base = folded
        .strip_suffix("'s")
        .or_else(|| folded.strip_suffix("’s"))
        .or_else(|| folded.strip_suffix('\''))
        .unwrap_or(&folded);
    base.chars()
        .filter(|c| c.is_alphanumeric() || *c == '.' || *c == '-')
        .collect()
}

/// [`normalise_token`] into a reused buffer; ASCII tokens (nearly all) allocate nothing.
pub(crate) fn normalise_into(token: &str, out: &mut String) {
    out.clear();
    if !token.is_ascii() {
        out.push_str(&normalise_token(token));
        return;
    }
    out.extend(token.bytes().map(|b| b.to_ascii_lowercase() as char));
    if out.ends_with("'s") {
        out.truncate(out.len() - 2);
    } else if out.ends_with('\'') {
        out.truncate(out.len() - 1);
    }
    out.retain(|c| c.is_alphanumeric() || c == '.' || c == '-');
}

/// Irregular forms that indirect speech swaps for direct speech.
const IRREGULAR: &[(&str, &str)] = &[
    ("said", "say"),
    ("told", "tell"),
    ("spoke", "speak"),
    ("spoken", "speak"),
    ("gave", "give"),
    ("given", "give"),
    ("took", "take"),
    ("taken", "take"),
    ("went", "go"),
    ("gone", "go"),
    ("made", "make"),
    ("saw", "see"),
    ("seen", "see"),
    ("knew", "know"),
    ("known", "know"),
    ("began", "begin"),
    ("begun", "begin"),
    ("fled", "flee"),
    ("held", "hold"),
    ("left", "leave"),
    ("lost", "lose"),
    ("found", "find"),
    ("brought", "bring"),
    ("thought", "think"),
    ("sought", "seek"),
    ("fell", "fall"),
    ("fallen", "fall"),
    ("rose", "rise"),
    ("risen", "rise"),
    ("children", "child"),
    ("men", "man"),
    ("women", "woman"),
    ("is", "be"),
    ("are", "be"),
    ("was", "be"),
    ("were", "be"),
];

/// The base form of an irregular word, if it is one.
fn irregular(word: &str) -> Option<&'static str> {
    static MAP: OnceLock<FxHashMap<&'static str, &'static str>> = OnceLock::new();
    MAP.get_or_init(|| IRREGULAR.iter().copied().collect())
        .get(word)
        .copied()
}

/// A light stem: irregular forms, then plural and -ing/-ed endings.
pub(crate) fn stem(word: &str) -> String {
    let mut out = String::new();
    stem_into(word, &mut out);
    out
}

/// [`stem`] into a reused buffer.
pub(crate) fn stem_into(word: &str, out: &mut String) {
    out.clear();
    if let Some(s) = irregular(word) {
        out.push_str(s);
        return;
    }
    if !word.is_ascii() || word.bytes().any(|c| c.is_ascii_digit()) {
        out.push_str(word);
        return;
    }
    let n = word.len();
    let cut = |k: usize| word.get(..n - k).unwrap_or(word);
    if n > 5 && word.ends_with("ing") {
        undouble_into(cut(3), out);
    } else if n > 4 && word.ends_with("ied") {
        out.push_str(cut(3));
        out.push('y');
    } else if n > 4 && word.ends_with("ed") {
        undouble_into(cut(2), out);
    } else if n > 4 && word.ends_with("ies") {
        out.push_str(cut(3));
        out.push('y');
    } else if n > 4 && (word.ends_with("sses") || word.ends_with("xes") || word.ends_with("ches")) {
        out.push_str(cut(2));
    } else if n > 3 && word.ends_with('s') && !word.ends_with("ss") && !word.ends_with("us") {
        out.push_str(cut(1));
    } else if n > 4 && word.ends_with('e') {
        out.push_str(cut(1)); // "evacuate" meets "evacuated" → "evacuat"
    } else {
        out.push_str(word);
    }
}

/// "stopp" → "stop", so "stopping"/"stopped" meet "stop".
fn undouble_into(s: &str, out: &mut String) {
    let b = s.as_bytes();
    let n = b.len();
    if n >= 3 && b[n - 1] == b[n - 2] && !matches!(b[n - 1], b'l' | b's' | b'z') {
        out.push_str(s.get(..n - 1).unwrap_or(s));
        return;
    }
    // "evacuat" (from "evacuated") and "evacuat" (from "evacuate") already meet.
    out.push_str(s);
}

/// A content word of a text: its stem and where it is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Word {
    pub stem: String,
    pub span: Span,
    /// Written with a capital letter.
    pub capitalised: bool,
}

/// Content words of `text[span]`: folded, possessives dropped, stopwords removed, stemmed.
pub(crate) fn content_words(text: &str, span: Span) -> Vec<Word> {
    let mut out = Vec::new();
    let mut bufs = StemBuffers::default();
    for t in tokens_in(text, span) {
        let raw = t.text(text);
        let capitalised = crate::text::is_capitalised(raw);
        token_stems(raw, &mut bufs, |stem| {
            out.push(Word {
                stem: stem.to_string(),
                span: t.span,
                capitalised,
            })
        });
    }
    out
}

/// Scratch strings for [`token_stems`].
#[derive(Default)]
pub(crate) struct StemBuffers {
    norm: String,
    stem: String,
}

/// The content-word stems of one token, in order: hyphenated compounds count as their
/// parts ("stay-at-home" ≈ "stay at home"), stopwords dropped.
pub(crate) fn token_stems(raw: &str, bufs: &mut StemBuffers, mut each: impl FnMut(&str)) {
    normalise_into(raw, &mut bufs.norm);
    for part in bufs.norm.split('-') {
        if part.is_empty() || is_stopword(part) {
            continue;
        }
        stem_into(part.trim_matches('.'), &mut bufs.stem);
        if !bufs.stem.is_empty() {
            each(&bufs.stem);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stems_meet_across_tense_and_number() {
        for (a, b) in [
            ("asked", "asking"),
            ("said", "say"),
            ("evacuated", "evacuate"),
            ("homes", "home"),
            ("stopped", "stopping"),
            ("injuries", "injury"),
            ("children", "child"),
        ] {
            assert_eq!(stem(a), stem(b), "{a} vs {b}");
        }
    }

    #[test]
    fn buffered_normalising_equals_normalise_token() {
        let mut buf = String::new();
        for t in [
            "Ortega's",
            "Ortega’s",
            "O'Neill",
            "dogs'",
            "U.S.",
            "stay-at-home",
            "3.5",
            "1,200",
            "Peñasco's",
            "ÉCOLE",
            "'s",
            "'",
            "",
            "A",
            "x'",
            "it's",
            "«x»",
        ] {
            normalise_into(t, &mut buf);
            assert_eq!(buf, normalise_token(t), "{t:?}");
        }
    }

    #[test]
    fn content_words_drop_stopwords_and_possessives() {
        let t = "The mayor’s office said we are asking everyone to stay-at-home.";
        let w: Vec<String> = content_words(t, Span::new(0, t.len()))
            .into_iter()
            .map(|w| w.stem)
            .collect();
        assert_eq!(w, vec!["mayor", "offic", "ask", "everyon", "stay", "home"]);
    }
}
