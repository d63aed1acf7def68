//! Rule-based person recognition in one article (after GATE ANNIE's name grammar).
//!
//! 1. Each sentence is cut into word tokens; runs of name-like tokens (capitalised words,
//!    initials, surname particles, endings) joined by plain spaces form candidates.
//! 2. A title at the left of the run ("Interior Minister", "Gov.") is split off as the
//!    role; the rest is the name core. Roles may also come from appositives ("Ana Ruiz,
//!    the health minister, said" / "the health minister, Ana Ruiz,").
//! 3. A core is a person on evidence: a title or honorific, a known first name, initials,
//!    a neighbouring speech verb, an age or role appositive. Cores holding organisation,
//!    venue or place words are never people; cores without evidence wait for pass 2.
//! 4. Pass 2: a waiting core whose words all occur in a name already accepted in the
//!    article ("Salcedo", "Salcedo's", "Ortega Salcedo") is a mention of that person.
//! 5. Pass 3: every mention gets the fullest name it refers to in the article.
//!
//! Roles are stored lowercased, title words and abbreviation periods kept ("gov.",
//! "u.s. secretary of state", "mayor of puerto claro"), as `tests/gold/README.md` states.

use super::lexicon as lx;
use super::{name_keys, refers_to, PersonMention};
use crate::text::FxHashMap;
use crate::text::{fold_cow, tokens_in, FxHashSet, Token};
use crate::Span;
use std::borrow::Cow;
use std::rc::Rc;
use std::sync::Arc;

/// [`Tok::lex`] not looked up yet (no list uses the top bit).
const LEX_UNSET: lx::Flags = 1 << 31;

/// A word token with what the rules need to know about it.
struct Tok<'a> {
    /// The word, without a possessive "'s".
    span: Span,
    text: &'a str,
    /// Folded word (lowercase, no accents); borrowed from the text when already folded.
    key: &'a str,
    /// End of the token including a possessive "'s".
    full_end: usize,
    /// End of the word token as cut by `tokens_in` (before `cut_glued_word`).
    raw_end: usize,
    possessive: bool,
    /// Directly followed by '.'.
    dot: bool,
    /// A word of an all-capitals name ("MATEO LORCA has told…"): treated as capitalised.
    caps_name: bool,
    /// The word lists `key` is in ([`lx::flags`]), looked up on the first question
    /// ([`LEX_UNSET`] until then): most lowercase words far from a name are never asked.
    lex: std::cell::Cell<lx::Flags>,
    /// Cached [`is_initial_word`] (asked for every token several times).
    initial: bool,
    /// Cached [`all_capitals_word`].
    all_capitals: bool,
    /// First char uppercase (cached [`crate::text::is_capitalised`]).
    capitalised: bool,
    /// ASCII without capitals or hyphens (most words): no initial, prefix or capital.
    plain: bool,
}

impl Tok<'_> {
    /// Is the word in one of the lists of `mask` (an `lx` mask such as `lx::STOPWORD`)?
    fn is(&self, mask: lx::Flags) -> bool {
        self.lex() & mask != 0
    }
    fn lex(&self) -> lx::Flags {
        let cached = self.lex.get();
        if cached != LEX_UNSET {
            return cached;
        }
        let flags = lx::flags(self.key);
        self.lex.set(flags);
        flags
    }
    fn is_cap(&self) -> bool {
        self.capitalised && !self.is_acronym()
    }
    /// "NATO", "CNN": all capitals, two letters or more (not "II", "III").
    fn is_acronym(&self) -> bool {
        !self.caps_name && self.is_all_capitals()
    }
    fn is_all_capitals(&self) -> bool {
        self.all_capitals
    }
    /// "M." or "J.R." (not "U.S.").
    fn is_initial(&self) -> bool {
        self.initial
    }
    fn is_ending(&self) -> bool {
        self.is(lx::ENDING) && (self.is_cap() || self.text.chars().all(|c| c.is_uppercase()))
    }
    /// Lowercase prefixed surname: "al-Assad", "el-Sisi", "bin".
    fn is_prefixed_surname(&self) -> bool {
        // every prefix holds a hyphen: most words are out without a byte scan
        if self.plain || !self.text.as_bytes().contains(&b'-') {
            return false;
        }
        [
            "al-", "el-", "ul-", "bin-", "ibn-", "abu-", "ash-", "ad-", "as-", "at-",
        ]
        .iter()
        .any(|p| {
            self.text.starts_with(p)
                && self
                    .text
                    .get(p.len()..)
                    .is_some_and(crate::text::is_capitalised)
        })
    }
    /// "Inf.", "Snr.", "Comr.": a short capitalised word with a period, inside a run.
    fn is_abbreviation_like(&self) -> bool {
        self.dot
            && self.is_cap()
            && !self.is_initial()
            && (2..=4).contains(&self.text.chars().count())
            && !self.is(lx::FIRST_NAME)
    }
    fn is_title_word(&self) -> bool {
        self.is(lx::TITLE) || self.is(lx::HONORIFIC) || self.is(lx::OCCUPATION)
    }
}

/// The [`Tok`]s of sentences (their `tokens_in` word tokens) in one list, with the range
/// of each sentence and whether it holds a word in capitals. Keys that need folding (capitalised or accented words) are written
/// into `folded`, one buffer for all of them instead of one string per word.
fn tokenize<'a>(
    text: &'a str,
    sentences: &[Vec<Token>],
    folded: &'a mut String,
) -> (Vec<Tok<'a>>, Vec<std::ops::Range<usize>>, Vec<bool>) {
    let n: usize = sentences.iter().map(Vec::len).sum();
    let mut toks = Vec::with_capacity(n);
    let mut ranges = Vec::with_capacity(sentences.len());
    let mut capitals = Vec::with_capacity(sentences.len());
    // (token index, its key in `folded`), set once `folded` is complete; sized for the
    // usual share of capitalised words (about one in six, a few bytes each) so that
    // neither grows word by word
    let mut folded_keys: Vec<(usize, std::ops::Range<usize>)> = Vec::with_capacity(n / 4 + 1);
    folded.reserve(2 * n);
    for tokens in sentences {
        let start = toks.len();
        let mut any_capitals = false;
        for t in tokens {
            let token = t.text(text);
            // most words are plain lowercase ASCII: nothing to cut (no hyphen), fold or
            // test for capitals
            let plain = is_plain_word(token.as_bytes());
            let (raw, word, possessive) = if plain {
                let (word, possessive) = strip_possessive(token);
                (token, word, possessive)
            } else {
                token_word(text, t)
            };
            let key_range = if plain {
                None
            } else {
                crate::text::push_folded(folded, word)
            };
            let key = key_range.clone().map_or(word, |r| &folded[r]);
            let full_end = t.span.start + raw.len();
            let dot = text.as_bytes().get(full_end) == Some(&b'.');
            // an initial is a capital letter
            let initial = !plain && is_initial_word(word, key, dot);
            let (all_capitals, lex) = if plain {
                (false, LEX_UNSET)
            } else {
                all_capitals_word(word, key, initial)
            };
            any_capitals |= all_capitals;
            if let Some(r) = key_range {
                folded_keys.push((toks.len(), r));
            }
            toks.push(Tok {
                span: Span::new(t.span.start, t.span.start + word.len()),
                text: word,
                // the word itself until `folded` stops growing (below)
                key: word,
                full_end,
                raw_end: t.span.end,
                possessive,
                dot,
                caps_name: false,
                lex: std::cell::Cell::new(lex),
                initial,
                all_capitals,
                capitalised: !plain && crate::text::is_capitalised(word),
                plain,
            });
        }
        ranges.push(start..toks.len());
        capitals.push(any_capitals);
    }
    let folded: &'a String = folded;
    for (i, r) in folded_keys {
        toks[i].key = &folded[r];
    }
    (toks, ranges, capitals)
}

/// ASCII without capitals or hyphens? (every token of every article is asked)
fn is_plain_word(b: &[u8]) -> bool {
    crate::text::is_lower_ascii(b, false)
}

/// The word a token stands for: without a glued "-and" and a possessive "'s".
fn token_word<'a>(text: &'a str, t: &Token) -> (&'a str, &'a str, bool) {
    let raw = cut_glued_word(t.text(text));
    let (word, possessive) = strip_possessive(raw);
    (raw, word, possessive)
}

/// "M." or "J.R." (not "U.S."): `dot` when the word is directly followed by '.'.
fn is_initial_word(word: &str, key: &str, dot: bool) -> bool {
    dot && !matches!(key, "u.s" | "u.k" | "u.n" | "e.u")
        && word
            .split('.')
            .all(|p| p.chars().count() == 1 && p.chars().all(|c| c.is_uppercase()))
}

/// Two letters or more, all of them capitals, not an ending ("III") nor an initial; with
/// the word's lexicon flags when they had to be looked up ([`LEX_UNSET`] otherwise).
fn all_capitals_word(word: &str, key: &str, initial: bool) -> (bool, lx::Flags) {
    let mut letters = 0usize;
    for c in word.chars().filter(|c| c.is_alphabetic()) {
        if !c.is_uppercase() {
            return (false, LEX_UNSET);
        }
        letters += 1;
    }
    if letters < 2 {
        return (false, LEX_UNSET);
    }
    let flags = lx::flags(key);
    (flags & lx::ENDING == 0 && !initial, flags)
}

/// Mark runs of two or more all-capital words of three letters or more ("MATEO LORCA"):
/// names written in capitals for emphasis, not acronyms.
fn mark_capitals_names(text: &str, toks: &mut [Tok]) {
    let long_caps =
        |t: &Tok| t.is_all_capitals() && t.text.chars().filter(|c| c.is_alphabetic()).count() >= 3;
    // a pair of capitalised words that starts with a known first name
    let pair = |i: usize| {
        i + 1 < toks.len()
            && long_caps(&toks[i])
            && long_caps(&toks[i + 1])
            && joined(text, toks, i)
            && toks[i].is(lx::FIRST_NAME)
    };
    // most sentences hold no word in capitals at all
    if !toks.iter().any(|t| t.is_all_capitals()) {
        return;
    }
    let flags: Vec<bool> = (0..toks.len())
        .map(|i| pair(i) || i > 0 && pair(i - 1))
        .collect();
    for (t, f) in toks.iter_mut().zip(flags) {
        t.caps_name = f;
    }
}

/// "Gomes-and", "Tucker-would": a dash lost its spaces; the name ends at the hyphen.
fn cut_glued_word(word: &str) -> &str {
    match word.bytes().position(|b| b == b'-') {
        Some(h)
            if word.get(h + 1..).is_some_and(|rest| {
                lx::is_stopword(&fold_cow(rest)) && rest.chars().all(char::is_lowercase)
            }) =>
        {
            word.get(..h).unwrap_or(word)
        }
        _ => word,
    }
}

fn strip_possessive(word: &str) -> (&str, bool) {
    // asked for every token: most words do not end in "s"
    if !matches!(word.as_bytes().last(), Some(b's' | b'S')) {
        return (word, false);
    }
    for suffix in ["'s", "’s", "'S", "’S"] {
        if let Some(stem) = word.strip_suffix(suffix) {
            if !stem.is_empty() {
                return (stem, true);
            }
        }
    }
    (word, false)
}

/// What pass 1 concluded about a candidate.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Verdict {
    Person,
    /// No evidence either way: a person only if it matches a name accepted elsewhere.
    Maybe,
}

struct Candidate {
    span: Span,
    /// Shared by the mentions written alike ([`NameForms`]).
    name: Rc<str>,
    keys: Rc<Vec<String>>,
    roles: Vec<String>,
    verdict: Verdict,
    /// In a title-case line: token ends of the core, to cut it down to a known name
    /// ("Tara Reid Finally Checks" → "Tara Reid").
    headline_ends: Option<Vec<usize>>,
    /// Named outside the body (the headline): context for resolving body mentions, never
    /// a mention itself.
    context: bool,
    /// Right after an article or possessive determiner ("an Oscar", "their Oscar"): never
    /// a bare given name citing a person.
    after_determiner: bool,
    /// A surname alone with its own evidence ("Lindqvist, 47, a former pilot", "Lindqvist
    /// told …"): it vouches for a full name ending with it in the article.
    vouches: bool,
    /// Looks like a place ("in Valdemora", "San Telmo"): never vouched for.
    placey: bool,
}

impl Candidate {
    /// A person named by `text[span]` as written (white space collapsed), with no role or
    /// other evidence attached; `context`: named outside the body.
    fn person_at(text: &str, span: Span, context: bool) -> Candidate {
        let name = collapse_ws(span.slice(text));
        let keys = name_keys(&name);
        Candidate {
            span,
            name: name.into(),
            keys: keys.into(),
            roles: Vec::new(),
            verdict: Verdict::Person,
            headline_ends: None,
            context,
            after_determiner: false,
            vouches: false,
            placey: false,
        }
    }
}

/// Longest run of name-like words considered ("U.S. Deputy Secretary of State Ana María
/// de la Rosa y Vega Jr." is 13 with the title outside the run).
const MAX_RUN: usize = 14;

/// Recognise person mentions in the given sentences of `text`.
pub fn recognise(text: &str, sentences: &[Span]) -> Vec<PersonMention> {
    let tokens: Vec<Vec<Token>> = sentences.iter().map(|s| tokens_in(text, *s)).collect();
    recognise_tokenized(text, sentences, &tokens)
}

/// [`recognise`] with the sentences' word tokens (`tokens_in` of each sentence) already
/// cut, shared with the other extractors.
pub fn recognise_tokenized(
    text: &str,
    sentences: &[Span],
    tokens: &[Vec<Token>],
) -> Vec<PersonMention> {
    let mut folded = String::new();
    let (mut all_toks, sentence_ranges, capitals) = tokenize(text, tokens, &mut folded);
    for (r, _) in sentence_ranges.iter().zip(&capitals).filter(|(_, &c)| c) {
        mark_capitals_names(text, &mut all_toks[r.clone()]);
    }
    let lower_words = LowercaseWords::new(text, &all_toks);
    let mut cands = Vec::new();
    // per sentence, reused
    let (mut sentence_runs, mut headline) = (Vec::new(), Vec::new());
    let mut forms = NameForms::default();
    // the name words of each candidate's core (reused)
    let mut name_words = Vec::new();
    for r in &sentence_ranges {
        let toks = &all_toks[r.clone()];
        runs(text, toks, &mut sentence_runs);
        if sentence_runs.is_empty() {
            continue;
        }
        headline_lines(text, toks, &mut headline);
        for run in sentence_runs.iter().cloned() {
            let in_headline = headline.get(run.start).copied().unwrap_or(false);
            if let Some(c) = classify(
                text,
                &lower_words,
                &mut forms,
                &mut name_words,
                toks,
                run,
                in_headline,
            ) {
                cands.push(c);
            }
        }
    }
    cands.extend(context_names(text, sentences));
    promote_matching(text, &mut cands);
    let people: Vec<Candidate> = cands
        .into_iter()
        .filter(|c| c.verdict == Verdict::Person)
        .collect();
    resolve_full_names(people)
}

/// Names in the lines above and around the body that are not body sentences (headline,
/// standfirst): "Lohan" in the body resolves to "Lindsay Lohan" named only in the title.
/// Only a known first name and the next name word count there (titles run words
/// together: "Tara Reid Finally Checks Into Rehab").
fn context_names(text: &str, sentences: &[Span]) -> Vec<Candidate> {
    let mut out = Vec::new();
    for line in crate::text::line_spans(text).take(15) {
        if line.is_empty() || sentences.iter().any(|s| s.overlaps(line)) {
            continue;
        }
        let mut folded = String::new();
        let (toks, _, _) = tokenize(text, &[tokens_in(text, line)], &mut folded);
        let mut line_runs = Vec::new();
        runs(text, &toks, &mut line_runs);
        for run in line_runs.into_iter().filter(|r| r.len() <= MAX_RUN) {
            let (core, _) = split_title(&toks, run);
            if core.len() < 2 {
                continue;
            }
            let (a, b) = (&toks[core.start], &toks[core.start + 1]);
            let plain = |t: &Tok| {
                t.is_cap()
                    && !t.is_initial()
                    && !t.is(lx::ORG_WORD)
                    && !t.is(lx::STOPWORD)
                    && !t.is_title_word()
                    && !t.is(lx::PLACE)
            };
            let organisation = toks[core.clone()]
                .iter()
                .any(|t| t.is(lx::ORG_WORD) || has_org_part(t));
            if organisation || !a.is(lx::FIRST_NAME) || a.is(lx::PLACE) || !plain(b) {
                continue;
            }
            out.push(Candidate::person_at(
                text,
                Span::new(a.span.start, b.span.end),
                true,
            ));
        }
    }
    out
}

/// A title-case line (most words capitalised) is a headline or a caption: runs there
/// swallow ordinary words ("Tara Reid Finally Checks"), so they only count as far as they
/// match a name accepted in a prose sentence (pass 2).
/// Writes into `out`, per token, whether its line looks like one.
///
/// Newlines only sit in the gaps between tokens: a sentence without one is one line, found
/// in one byte scan.
fn headline_lines(text: &str, toks: &[Tok], out: &mut Vec<bool>) {
    out.clear();
    out.resize(toks.len(), false);
    let one_line = match (toks.first(), toks.last()) {
        (Some(a), Some(b)) => !text
            .get(a.span.start..b.full_end)
            .is_some_and(|s| s.contains('\n')),
        _ => true,
    };
    let mut start = 0;
    while start < toks.len() {
        let mut end = start + 1;
        if one_line {
            end = toks.len();
        }
        while end < toks.len() && !gap_after(text, toks, end - 1).contains('\n') {
            end += 1;
        }
        let line = &toks[start..end];
        let title_case = is_title_case(line);
        let capitalised_function_word = || {
            line.iter()
                .skip(1)
                .any(|t| t.is_cap() && t.text.chars().count() <= 4 && t.is(lx::STOPWORD))
        };
        let unended = || {
            text.get(line[line.len() - 1].full_end..).is_some_and(|r| {
                !r.trim_start_matches(['"', '\'', '”', '’'])
                    .starts_with(['.', '!', '?'])
            })
        };
        if title_case && (unended() || capitalised_function_word()) {
            out[start..end].fill(true);
        }
        start = end;
    }
}

/// Are at least 90 % of a line's long plain words (three or more) capitalised? Stops as
/// soon as the lowercase words already outnumber what the rest of the line could offset.
fn is_title_case(line: &[Tok]) -> bool {
    let (mut words, mut lower) = (0usize, 0usize);
    for (k, t) in line.iter().enumerate() {
        if !is_long_plain_word(t) {
            continue;
        }
        words += 1;
        if !t.is_cap() && !t.is_acronym() {
            lower += 1;
            // every later token a capitalised word still leaves too many lowercase ones
            if lower * 10 > words + (line.len() - k - 1) {
                return false;
            }
        }
    }
    words >= 3 && lower * 10 <= words
}

/// More than three chars, all letters ("Checks", not "Tom" nor "B-52").
fn is_long_plain_word(t: &Tok) -> bool {
    let word = t.text;
    if t.plain || word.is_ascii() {
        return word.len() > 3 && word.bytes().all(|b| b.is_ascii_alphabetic());
    }
    word.chars().count() > 3 && word.chars().all(char::is_alphabetic)
}

/// Is the gap between token `i` and the next one a plain space (or the period of an
/// abbreviation or initial followed by a space)?
fn joined(text: &str, toks: &[Tok], i: usize) -> bool {
    let (Some(a), Some(b)) = (toks.get(i), toks.get(i + 1)) else {
        return false;
    };
    if a.possessive {
        return false;
    }
    let gap = text.get(a.full_end..b.span.start).unwrap_or("");
    let gap = if a.dot {
        gap.strip_prefix('.').unwrap_or(gap)
    } else {
        gap
    };
    // names do not run across lines: a headline line often sits on top of the first
    // sentence in the same paragraph ("…lawyer Shawn Holley\nActress Lindsay Lohan…")
    if gap.is_empty() || gap.contains('\n') {
        return false;
    }
    if gap.chars().all(char::is_whitespace) {
        return true;
    }
    // "King, Jr."
    b.is_ending()
        && matches!(b.key, "jr" | "sr" | "ii" | "iii" | "iv")
        && gap.starts_with(',')
        && gap
            .get(1..)
            .is_some_and(|g| g.chars().all(char::is_whitespace))
}

fn gap_after<'a>(text: &'a str, toks: &[Tok], i: usize) -> &'a str {
    let start = toks.get(i).map_or(0, |t| t.full_end);
    let end = toks.get(i + 1).map_or(start, |t| t.span.start);
    text.get(start..end).unwrap_or("")
}

/// Can token `i` be part of a name run, given its neighbours?
///
/// The word's shape is tested before its word lists: a lowercase word longer than any
/// particle is out without a lexicon lookup (most words of running text), here, before the
/// full test. So is a short lowercase word ("the", "of") that no capitalised word or
/// particle follows: it could only be a particle before a name word ("de la Rosa").
#[inline]
fn name_like(text: &str, toks: &[Tok], i: usize) -> bool {
    let long_plain = |t: &Tok| t.plain && t.key.len() > lx::MAX_PARTICLE_LEN;
    match toks.get(i) {
        Some(t) if long_plain(t) => false,
        Some(t) if t.plain && toks.get(i + 1).map_or(true, long_plain) => false,
        _ => name_like_word(text, toks, i),
    }
}

fn name_like_word(text: &str, toks: &[Tok], i: usize) -> bool {
    let t = &toks[i];
    if t.is_initial() {
        return true;
    }
    let cap = t.is_cap();
    let prefixed = !cap && t.is_prefixed_surname();
    let shaped = cap
        || prefixed
        || t.key.len() <= lx::MAX_PARTICLE_LEN && t.text.chars().all(|c| c.is_lowercase());
    if !shaped {
        return false;
    }
    if t.is(lx::STOPWORD) && !t.is_title_word() && !(t.is(lx::TITLE_MODIFIER) && cap) {
        return false;
    }
    if cap || prefixed {
        return true;
    }
    // lowercase particle between name words: "Ana de la Rosa", "Ludwig van Beethoven"
    if t.is(lx::PARTICLE) && t.text.chars().all(|c| c.is_lowercase()) {
        let prev_ok = i > 0 && joined(text, toks, i - 1) && {
            let p = &toks[i - 1];
            p.is_cap() || p.is(lx::PARTICLE)
        };
        let next_ok = joined(text, toks, i) && {
            let mut j = i + 1;
            while j < toks.len() && toks[j].is(lx::PARTICLE) && joined(text, toks, j) {
                j += 1;
            }
            toks.get(j).is_some_and(|n| n.is_cap())
        };
        return prev_ok && next_ok;
    }
    false
}

/// Maximal runs of joined name-like tokens, as index ranges, into `out`.
fn runs(text: &str, toks: &[Tok], out: &mut Vec<std::ops::Range<usize>>) {
    out.clear();
    let mut i = 0;
    while i < toks.len() {
        if !name_like(text, toks, i) {
            i += 1;
            continue;
        }
        let start = i;
        // the word that ends a run by not being name-like need not be asked again
        let mut next_is_not = false;
        while i + 1 < toks.len() && joined(text, toks, i) {
            if !name_like(text, toks, i + 1) {
                next_is_not = true;
                break;
            }
            i += 1;
        }
        out.push(start..i + 1);
        i += if next_is_not { 2 } else { 1 };
    }
}

fn classify<'a, 't>(
    text: &'a str,
    lower_words: &LowercaseWords,
    forms: &mut NameForms<'a>,
    name_words: &mut Vec<&'t Tok<'a>>,
    toks: &'t [Tok<'a>],
    run: std::ops::Range<usize>,
    headline: bool,
) -> Option<Candidate> {
    // a name with its title is a handful of words: a longer run of capitalised words is a
    // list, a heading or garbage (and would cost quadratic time below)
    if run.len() > MAX_RUN {
        return None;
    }
    let (core, title_in_run) = split_title(toks, run.clone());
    let core = drop_sentence_initial_word(text, lower_words, toks, core);
    let core = trim_particles(toks, core);
    if core.is_empty() {
        return None;
    }
    let core = take_leading_particles(text, toks, core);
    let first = &toks[core.start];
    let last = &toks[core.end - 1];
    name_words.clear();
    name_words.extend(
        toks[core.clone()]
            .iter()
            .filter(|t| !t.is_ending() && !t.is(lx::PARTICLE)),
    );
    let name_words = &name_words[..];
    // "F. B. I.", "N. J.": initials alone are no name
    if !name_words
        .iter()
        .any(|t| !t.is_initial() && t.text.chars().count() > 1)
    {
        return None;
    }
    // an organisation phrase has two words or a hyphen: one plain word is none
    let may_be_org_phrase = core.len() >= 2 || !first.plain && first.key.contains('-');
    let org_phrase = || {
        let mut joined_keys = String::new();
        for (k, t) in toks[core.clone()].iter().enumerate() {
            if k > 0 {
                joined_keys.push(' ');
            }
            joined_keys.push_str(t.key);
        }
        lx::is_org_phrase(&joined_keys)
    };
    // never people: organisations, venues, streets, outlets, titles alone
    if toks[core.clone()]
        .iter()
        .any(|t| t.is(lx::ORG_WORD) || has_org_part(t))
        || may_be_org_phrase && org_phrase()
        || name_words.iter().all(|t| {
            t.is(lx::TITLE_WORD_KEY)
                || t.is(lx::TITLE_MODIFIER)
                || t.is(lx::STOPWORD)
        })
        || name_words.iter().any(|t| t.is_acronym())
        || name_words.iter().filter(|t| t.is_title_word()).count() >= 2
        || name_words.len() >= 2
            && !name_words[0].is(lx::FIRST_NAME)
            && name_words[name_words.len() - 1].is_title_word()
        || us_initials(toks, core.clone())
        // "Charlotte Hornets", "Denver Nuggets": a place and a plural is a team
        || name_words.len() >= 2
            && name_words[0].is(lx::PLACE)
            && !name_words[0].is(lx::FIRST_NAME)
            && name_words[name_words.len() - 1].key.ends_with('s')
            && !name_words[name_words.len() - 1].key.ends_with("ss")
    {
        return None;
    }
    let end = if last.is_ending() && last.dot {
        last.span.end + 1
    } else {
        last.span.end
    };
    let span = Span::new(first.span.start, end);
    let (name, keys) = forms.get(span.slice(text));
    if keys.is_empty() {
        return None;
    }
    // "52-year-old Tomasz Wierzbicki": an age before the name
    let age_before = core.start > 0
        && joined(text, toks, core.start - 1)
        && is_age_adjective(toks[core.start - 1].key);
    let lead = if age_before {
        core.start - 1
    } else {
        core.start
    };
    let pre = pre_title_role(text, toks, lead);
    let post = post_appositive(text, toks, core.end - 1);
    // "the medical director, Dr Haruka Tanabe,": the appositive stands before the title
    let phrase_start = pre.as_ref().map_or(lead, |p| p.start);
    let pre_apposition = pre_appositive_role(text, toks, phrase_start, core.end - 1);
    let mut roles: Vec<String> = Vec::new();
    for r in [
        pre.as_ref().map(|p| p.role.clone()),
        post.role.clone(),
        pre_apposition.clone(),
    ]
    .into_iter()
    .flatten()
    {
        if !r.is_empty() && !roles.contains(&r) {
            roles.push(r);
        }
    }

    let looks_placey = first.is(lx::PLACE_STARTER) && !first.is(lx::FIRST_NAME)
        || name_words.iter().all(|t| t.is(lx::PLACE))
        || after_place_preposition(text, toks, core.start) && pre.is_none()
        // "the Harry Winston jewelry store", "the Wasilla Bible Church"
        || core.start > 0
            && toks[core.start - 1].text == "the"
            && joined(text, toks, core.start - 1)
            && !last.possessive
            && pre.is_none();
    // "De la Rosa", "Van Dijk": a capitalised particle makes a surname of two words
    let speech = speech_nearby(text, toks, core.start, core.end - 1, post.next);
    let multi = name_words.len() >= 2
        || first.is(lx::CAPITAL_PARTICLE) && first.is_cap() && core.len() >= 2;
    let first_word = name_words[0];
    let strong_title = pre.as_ref().is_some_and(|p| p.strong) || title_in_run;
    if headline {
        return Some(Candidate {
            span,
            name,
            keys,
            roles: Vec::new(),
            verdict: Verdict::Maybe,
            headline_ends: Some(toks[core.clone()].iter().map(|t| t.span.end).collect()),
            context: false,
            after_determiner: false,
            vouches: false,
            placey: false,
        });
    }
    let evidence = if looks_placey {
        false
    } else {
        strong_title
            || multi
                && (first_word.is(lx::FIRST_NAME)
                    || first.is_initial()
                    || pre.as_ref().is_some_and(|p| p.evidence)
                    || post.age
                    || age_before
                    || post.role.is_some()
                    || pre_apposition.is_some()
                    || speech)
    };
    Some(Candidate {
        span,
        name,
        keys,
        roles,
        verdict: if evidence {
            Verdict::Person
        } else {
            Verdict::Maybe
        },
        headline_ends: None,
        context: false,
        after_determiner: core.start > 0
            && joined(text, toks, core.start - 1)
            && matches!(
                toks[core.start - 1].key,
                "the" | "a" | "an" | "his" | "her" | "their" | "its" | "our" | "my" | "your"
            ),
        vouches: !multi
            && !looks_placey
            && (post.age || post.role.is_some() || age_before || speech),
        placey: looks_placey,
    })
}

/// "Ministry-backed": a hyphenated word with an organisation word in it.
fn has_org_part(t: &Tok) -> bool {
    !t.plain && t.key.contains('-') && t.key.split('-').any(lx::is_org_word)
}

/// "U. S. Marshals": spaced initials spelling a country are not a person's initials.
fn us_initials(toks: &[Tok], core: std::ops::Range<usize>) -> bool {
    let initials: String = toks[core]
        .iter()
        .take_while(|t| t.is_initial())
        .map(|t| t.key.replace('.', ""))
        .collect();
    matches!(
        initials.as_str(),
        "us" | "uk" | "un" | "eu" | "usa" | "da" | "dc" | "nj" | "ny" | "la" | "bc" | "ps"
    )
}

/// Split a title at the left of the run: the core starts after the last title word that
/// is followed by a name word ("Interior Minister Ana Ruiz" → "Ana Ruiz"). Returns the
/// core and whether a formal title or honorific sat inside the run.
fn split_title(toks: &[Tok], run: std::ops::Range<usize>) -> (std::ops::Range<usize>, bool) {
    let mut cut = None;
    for i in run.clone() {
        let t = &toks[i];
        if !(t.is_title_word() || t.is_abbreviation_like() && i + 1 < run.end) {
            continue;
        }
        let name_follows = toks[i + 1..run.end]
            .iter()
            .any(|n| !n.is_ending() && !n.is_title_word() && !n.is(lx::PARTICLE));
        if name_follows {
            cut = Some(i);
        }
    }
    match cut {
        Some(k) => {
            let formal = toks[run.start..=k]
                .iter()
                .any(|t| t.is(lx::TITLE) || t.is(lx::HONORIFIC));
            (k + 1..run.end, formal)
        }
        None => {
            // leading modifiers or nationalities ("French", "Former") are not names
            let mut s = run.start;
            while s + 1 < run.end
                && (toks[s].is(lx::TITLE_MODIFIER) || toks[s].is(lx::NATIONALITY))
                && !toks[s].is(lx::FIRST_NAME)
                && !toks[s].is(lx::PLACE_STARTER)
            {
                s += 1;
            }
            (s..run.end, false)
        }
    }
}

/// At the start of a sentence a capitalised common word may precede a name ("Speaking
/// Ana Ruiz…" is rare, "Yesterday" is a stopword): when a known first name follows, the
/// name starts there.
fn drop_sentence_initial_word(
    text: &str,
    lower_words: &LowercaseWords,
    toks: &[Tok],
    core: std::ops::Range<usize>,
) -> std::ops::Range<usize> {
    if core.len() < 2 || !starts_clause(text, toks, core.start) {
        return core;
    }
    let first = &toks[core.start];
    if first.is(lx::FIRST_NAME)
        || first.is(lx::PLACE_STARTER)
        || first.is_initial()
        || first.is(lx::CAPITAL_PARTICLE)
        || first.is_title_word()
        || first.possessive
    {
        return core;
    }
    // "Enter Beus, …", "Knowing Billy, …": a word the article also writes in lowercase is
    // a common word capitalised by its position
    // "Ironically Nichols …", "Joining Cooley …": an adverb or a participle
    let adverb_or_participle =
        first.key.chars().count() > 4 && (first.key.ends_with("ly") || first.key.ends_with("ing"));
    if toks[core.start + 1].is(lx::FIRST_NAME)
        || lower_words.contains(first.key)
        || adverb_or_participle
    {
        return core.start + 1..core.end;
    }
    core
}

/// Folded words the article writes in lowercase somewhere (whole word tokens, before a
/// glued dash or a possessive is cut off). The first few questions are answered by a scan
/// of the tokens, the later ones by a set built then: most articles ask once or twice, or
/// never.
struct LowercaseWords<'a, 't> {
    text: &'a str,
    toks: &'t [Tok<'a>],
    /// Questions answered by a scan so far.
    scans: std::cell::Cell<usize>,
    /// Short words packed ([`lx::pack`]), longer ones as strings.
    set: std::cell::OnceCell<(FxHashSet<u128>, FxHashSet<Cow<'a, str>>)>,
}

/// Questions [`LowercaseWords`] answers by scanning before it builds its set (a scan
/// costs a small fraction of building it).
const LOWERCASE_SCANS: usize = 8;

impl<'a, 't> LowercaseWords<'a, 't> {
    fn new(text: &'a str, toks: &'t [Tok<'a>]) -> Self {
        LowercaseWords {
            text,
            toks,
            scans: std::cell::Cell::new(0),
            set: std::cell::OnceCell::new(),
        }
    }

    /// The folded word of a token written in lowercase.
    fn lowercase_word(&self, t: &Tok<'a>) -> Option<Cow<'a, str>> {
        let raw = self.text.get(t.span.start..t.raw_end)?;
        if !raw.chars().next().is_some_and(char::is_lowercase) {
            return None;
        }
        // nothing cut off the word: its key is the folded raw word already
        Some(if raw.len() == t.text.len() {
            Cow::Borrowed(t.key)
        } else {
            fold_cow(raw)
        })
    }

    /// Is `t` written in lowercase, its folded word `key`? Most tokens are out on their
    /// length alone: a word with nothing cut off has its key's length.
    fn written_lowercase_as(&self, t: &Tok<'a>, key: &str) -> bool {
        let uncut = t.raw_end.checked_sub(t.span.start) == Some(t.text.len());
        if uncut && t.key.len() != key.len() {
            return false;
        }
        self.lowercase_word(t).is_some_and(|w| w == key)
    }

    fn contains(&self, key: &str) -> bool {
        if self.set.get().is_none() && self.scans.get() < LOWERCASE_SCANS {
            self.scans.set(self.scans.get() + 1);
            return self.toks.iter().any(|t| self.written_lowercase_as(t, key));
        }
        let (short, long) = self.set.get_or_init(|| {
            // sized for the common case (most tokens are lowercase, many of them repeated):
            // growing the table as it fills would rehash it several times
            let mut short =
                FxHashSet::with_capacity_and_hasher(self.toks.len() / 2, Default::default());
            let mut long = FxHashSet::default();
            let lowercase = self.toks.iter().filter_map(|t| self.lowercase_word(t));
            for w in lowercase {
                match lx::pack(&w) {
                    Some(k) => {
                        short.insert(k);
                    }
                    None => {
                        long.insert(w);
                    }
                }
            }
            (short, long)
        });
        match lx::pack(key) {
            Some(k) => short.contains(&k),
            None => long.contains(key),
        }
    }
}

/// Is token `i` the first word of a sentence, line, quote or bracket (where any word is
/// capitalised)?
fn starts_clause(text: &str, toks: &[Tok], i: usize) -> bool {
    if i == 0 {
        return true;
    }
    let gap = gap_after(text, toks, i - 1);
    gap.contains(['"', '“', '‘', '(', '\n', ':', '`']) || toks[i - 1].is_acronym()
}

/// Particles cannot end a name, nor start one unless capitalised ("De la Rosa").
fn trim_particles(toks: &[Tok], mut core: std::ops::Range<usize>) -> std::ops::Range<usize> {
    while core.end > core.start && toks[core.end - 1].is(lx::PARTICLE) {
        core.end -= 1;
    }
    while core.start < core.end
        && toks[core.start].is(lx::PARTICLE)
        && !(toks[core.start].is(lx::CAPITAL_PARTICLE) && toks[core.start].is_cap())
    {
        core.start += 1;
    }
    core
}

/// "52-year-old", "34-year-old".
fn is_age_adjective(key: &str) -> bool {
    key.strip_suffix("-year-old")
        .is_some_and(|n| !n.is_empty() && n.len() <= 3 && n.chars().all(|c| c.is_ascii_digit()))
}

/// "said bin Tariq", "according to de Armas": lowercase particles right before a
/// surname belong to it (the run starts at the capital letter).
fn take_leading_particles(
    text: &str,
    toks: &[Tok],
    core: std::ops::Range<usize>,
) -> std::ops::Range<usize> {
    let mut start = core.start;
    while start > 0 && core.start - start < 3 && joined(text, toks, start - 1) {
        let t = &toks[start - 1];
        let article_after_de = matches!(t.key, "la" | "las" | "los")
            && start >= 2
            && toks[start - 2].key == "de"
            && joined(text, toks, start - 2);
        let particle = t.is(lx::PARTICLE)
            && t.text.chars().all(char::is_lowercase)
            && !matches!(t.key, "y" | "e" | "la" | "le" | "el" | "st");
        if !(particle || article_after_de) {
            break;
        }
        start -= 1;
    }
    if start == core.start {
        return core;
    }
    // a name word right before the particles would have started the run: not a surname
    let before_is_name = start > 0 && joined(text, toks, start - 1) && toks[start - 1].is_cap();
    if before_is_name {
        core
    } else {
        start..core.end
    }
}

struct PreRole {
    role: String,
    /// First token of the title phrase.
    start: usize,
    /// A formal title or honorific (evidence even for a single word).
    strong: bool,
    /// Evidence for a name of two words or more: a strong title or a role noun written in
    /// lowercase ("actress Lindy Loman"; a capitalised "Scientist" may head a title).
    evidence: bool,
}

/// The title phrase right before the name: "U.S. Secretary of State", "health minister",
/// "actress", "Gov.". Honorifics alone (Mr., Ms.) are evidence without a role.
fn pre_title_role(text: &str, toks: &[Tok], core_start: usize) -> Option<PreRole> {
    // "the mayor of Valdemora": the capitalised words are the title's complement
    if core_start > 0 && matches!(toks[core_start - 1].key, "of" | "for") {
        return None;
    }
    let mut first = core_start;
    let mut j = core_start;
    while j > 0 && core_start - j < MAX_RUN {
        let i = j - 1;
        if !joined(text, toks, i) {
            break;
        }
        let t = &toks[i];
        let lower_connector = matches!(t.key, "of" | "for") && first < core_start;
        let fits = t.is_title_word()
            || t.is(lx::TITLE_MODIFIER)
            || lower_connector
            // "Valdemora Mayor", "Salinas Logistics boss", "San Aurelio coach"
            || (t.is_cap()
                && !t.is(lx::STOPWORD)
                && !t.is(lx::FIRST_NAME)
                && !t.possessive
                && first < core_start
                && !starts_clause(text, toks, i + 1))
            || matches!(t.key, "u.s" | "u.k" | "u.n" | "e.u");
        if !fits {
            break;
        }
        first = i;
        j = i;
    }
    // trim connectors and bare modifiers on the left ("of", "the")
    while first < core_start && matches!(toks[first].key, "of" | "for") {
        first += 1;
    }
    if first == core_start {
        return None;
    }
    // "attorney general for British Columbia": a nationality next to the name belongs to
    // a place, not to a title
    if toks[core_start - 1].is(lx::NATIONALITY) && !toks[core_start - 1].is_title_word() {
        return None;
    }
    let phrase = &toks[first..core_start];
    let has_head = phrase.iter().any(|t| t.is_title_word());
    if !has_head {
        return None;
    }
    let last = &toks[core_start - 1];
    let honorific_only = phrase
        .iter()
        .all(|t| t.is(lx::HONORIFIC) || !t.is_title_word())
        && phrase.iter().any(|t| t.is(lx::HONORIFIC));
    // a formal title or honorific as the title word nearest the name ("Sixers Director
    // of Player Personnel" is no evidence for "Personnel")
    let strong = phrase
        .iter()
        .rev()
        .find(|t| t.is_title_word())
        .is_some_and(|t| t.is(lx::TITLE) || t.is(lx::HONORIFIC));
    if honorific_only || last.is(lx::HONORIFIC) && phrase.len() == 1 {
        return Some(PreRole {
            role: String::new(),
            start: first,
            strong: true,
            evidence: true,
        });
    }
    // a role ends with its head: drop a trailing honorific ("Minister Mr.") if any
    let mut end = core_start;
    while end > first && toks[end - 1].is(lx::HONORIFIC) {
        end -= 1;
    }
    let last = &toks[end - 1];
    let stop = if last.dot && last.is(lx::ABBREVIATED_TITLE) {
        last.span.end + 1
    } else {
        last.span.end
    };
    let role = Span::new(toks[first].span.start, stop).slice(text);
    let evidence = strong
        || (first..core_start).any(|i| {
            toks[i].is_title_word() && (!toks[i].is_cap() || starts_clause(text, toks, i))
        });
    Some(PreRole {
        role: collapse_ws(role).to_lowercase(),
        start: first,
        strong,
        evidence,
    })
}

/// What follows a name: ", 54," (age), ", the health minister," (role), and the index of
/// the first token after them (to look for a speech verb).
struct PostAppositive {
    age: bool,
    role: Option<String>,
    next: usize,
}

fn post_appositive(text: &str, toks: &[Tok], last: usize) -> PostAppositive {
    let mut out = PostAppositive {
        age: false,
        role: None,
        next: last + 1,
    };
    if toks[last].possessive || !gap_after(text, toks, last).trim_start().starts_with(',') {
        return out;
    }
    let mut i = last + 1;
    // age: ", 54,"
    if let Some(t) = toks.get(i) {
        if t.text.len() <= 3 && t.text.chars().all(|c| c.is_ascii_digit()) {
            let g = gap_after(text, toks, i);
            if g.trim_start().starts_with(',') || i + 1 == toks.len() {
                out.age = true;
                i += 1;
                out.next = i;
            }
        }
    }
    // ", who leads the dockworkers' union," states a role; other relative clauses are
    // skipped to find the speech verb after them
    if toks.get(i).is_some_and(|t| t.key == "who") {
        let (end, closed) = phrase_end(text, toks, i + 1, 16, false);
        if closed {
            let leads = toks.get(i + 1).is_some_and(|t| {
                matches!(
                    t.key,
                    "leads"
                        | "heads"
                        | "runs"
                        | "chairs"
                        | "directs"
                        | "manages"
                        | "owns"
                        | "coaches"
                        | "represents"
                        | "commands"
                        | "oversees"
                        | "led"
                        | "headed"
                        | "founded"
                )
            });
            if leads {
                out.role = role_text(text, &toks[i + 1..end], false);
            }
            out.next = end;
        }
        return out;
    }
    // role: up to the next punctuation or relative pronoun, at most 10 words
    let (end, closed) = phrase_end(text, toks, i, 10, true);
    if !closed || end <= i {
        return out;
    }
    let phrase = &toks[i..end];
    let opens = phrase.first().is_some_and(|t| {
        matches!(
            t.key,
            "the" | "a" | "an" | "his" | "her" | "their" | "its" | "then" | "now" | "formerly"
        ) || t.is(lx::ROLE_HEAD_WORD)
            || t.is(lx::TITLE_MODIFIER)
            || t.possessive
    });
    if !opens || !phrase.iter().any(|t| t.is(lx::ROLE_HEAD_WORD)) {
        return out;
    }
    out.role = role_text(text, phrase, true);
    // a relative clause may follow the role before the verb: skip it
    let mut next = end;
    if toks
        .get(end)
        .is_some_and(|t| matches!(t.key, "who" | "which" | "that"))
    {
        let (e, closed) = phrase_end(text, toks, end + 1, 16, false);
        if closed {
            next = e;
        }
    }
    out.next = next;
    out
}

/// End of a phrase starting at `start`: the first punctuation (exclusive end, `closed`),
/// or, when `stop_at_clause`, a relative pronoun or verb; at most `max` words.
fn phrase_end(
    text: &str,
    toks: &[Tok],
    start: usize,
    max: usize,
    stop_at_clause: bool,
) -> (usize, bool) {
    let mut end = start;
    while end < toks.len() && end - start < max {
        let t = &toks[end];
        if stop_at_clause {
            if matches!(t.key, "who" | "which" | "that" | "whose") && end > start {
                return (end, true);
            }
            if matches!(
                t.key,
                "said"
                    | "says"
                    | "told"
                    | "added"
                    | "is"
                    | "was"
                    | "has"
                    | "had"
                    | "will"
                    | "would"
                    | "and"
                    | "but"
            ) {
                return (end, false);
            }
        }
        let g = gap_after(text, toks, end);
        let g = if t.dot {
            g.strip_prefix('.').unwrap_or(g)
        } else {
            g
        };
        // "the dockworkers' union": a plural possessive apostrophe is part of the phrase
        let g = g.strip_prefix(['\'', '’']).unwrap_or(g);
        end += 1;
        if end == toks.len() {
            return (end, true);
        }
        if !g.chars().all(char::is_whitespace) {
            let closed = g.trim_start().starts_with([',', ';', ')', '—', '–', '.']);
            return (end, closed);
        }
    }
    (end, false)
}

/// "the health minister, Ana Ruiz" / "Valdemora's mayor, Ana Ruiz": a role phrase ending
/// in a comma right before the name.
fn pre_appositive_role(
    text: &str,
    toks: &[Tok],
    core_start: usize,
    core_last: usize,
) -> Option<String> {
    if core_start == 0 {
        return None;
    }
    let comma = gap_after(text, toks, core_start - 1).trim();
    if comma != "," {
        return None;
    }
    // the name must close the appositive: a comma, a period or the end after it
    let after = gap_after(text, toks, core_last).trim_start();
    if !(after.starts_with([',', '.', ';']) || core_last + 1 == toks.len()) {
        return None;
    }
    let head = &toks[core_start - 1];
    if !head.is(lx::ROLE_HEAD_WORD) {
        return None;
    }
    let mut first = core_start - 1;
    while first > 0 && core_start - first < 8 {
        let t = &toks[first - 1];
        let opener = matches!(t.key, "the" | "a" | "an" | "his" | "her" | "their" | "its");
        if !(joined(text, toks, first - 1) || t.possessive) {
            return None;
        }
        first -= 1;
        if opener || t.possessive {
            return role_text(text, &toks[first..core_start], true);
        }
    }
    None
}

/// Lowercased role text of a phrase, without a leading determiner, cut before a place
/// ("a nurse from Valdemora" → "nurse").
fn role_text(text: &str, phrase: &[Tok], need_head: bool) -> Option<String> {
    let mut s = 0;
    while s < phrase.len()
        && (matches!(
            phrase[s].key,
            "the"
                | "a"
                | "an"
                | "his"
                | "her"
                | "their"
                | "its"
                | "then"
                | "now"
                | "formerly"
                | "also"
                | "once"
                | "currently"
                | "still"
        ) || phrase[s].possessive)
    {
        s += 1;
    }
    let mut e = phrase.len();
    while e > s && matches!(phrase[e - 1].key, "for" | "of" | "to" | "and") {
        e -= 1;
    }
    // "a nurse travelling home to …", "a retired teacher from Port Amsel": a participle
    // or a place of origin after the head is not part of the role ("head of emergency
    // medicine at Santa Brígida Hospital" keeps its workplace)
    if let Some(head) = phrase[s..e].iter().position(|t| t.is(lx::ROLE_HEAD_WORD)) {
        if let Some(cut) = phrase[s + head + 1..e]
            .iter()
            .position(|t| t.key == "from" || t.key.len() > 5 && t.key.ends_with("ing"))
        {
            e = s + head + 1 + cut;
        }
    }
    if s >= e || need_head && !phrase[s..e].iter().any(|t| t.is(lx::ROLE_HEAD_WORD)) {
        return None;
    }
    let last = &phrase[e - 1];
    let stop = if last.dot && last.is(lx::ABBREVIATED_TITLE) {
        last.span.end + 1
    } else {
        last.full_end
    };
    let role = Span::new(phrase[s].span.start, stop).slice(text);
    Some(collapse_ws(role).to_lowercase())
}

/// "in Valdemora", "at Betty Ford": a run right after a preposition of place.
fn after_place_preposition(text: &str, toks: &[Tok], core_start: usize) -> bool {
    core_start > 0
        && joined(text, toks, core_start - 1)
        && matches!(
            toks[core_start - 1].key,
            "in" | "at"
                | "near"
                | "outside"
                | "inside"
                | "into"
                | "toward"
                | "towards"
                | "across"
                | "around"
                | "via"
                | "through"
                | "throughout"
                | "within"
        )
        && toks[core_start - 1].text.chars().all(|c| c.is_lowercase())
}

/// A speech verb right after the name (or after its appositive), or "said"/"according
/// to" right before it.
fn speech_nearby(
    text: &str,
    toks: &[Tok],
    core_start: usize,
    core_last: usize,
    next: usize,
) -> bool {
    // right after the name, or after its appositive (", 54," / ", the mayor,")
    let gap = gap_after(text, toks, next.saturating_sub(1));
    let name_is_apposition = core_start > 0 && gap_after(text, toks, core_start - 1).trim() == ",";
    let plain_gap = if next == core_last + 1 && !name_is_apposition {
        gap.chars().all(char::is_whitespace)
    } else {
        gap.trim_start_matches(',').chars().all(char::is_whitespace)
    };
    let after = plain_gap && toks.get(next).is_some_and(|t| t.is(lx::SPEECH_VERB));
    let before = core_start > 0 && {
        let p = &toks[core_start - 1];
        matches!(p.key, "said" | "says" | "added" | "wrote")
            || p.key == "to" && core_start > 1 && toks[core_start - 2].key == "according"
    };
    after || before
}

fn collapse_ws(s: &str) -> String {
    collapsed(s).into_owned()
}

/// `s` with its whitespace collapsed to single spaces, borrowed when it already is.
fn collapsed(s: &str) -> Cow<'_, str> {
    // nearly every name is ASCII words joined by single spaces: nothing to collapse
    let b = s.as_bytes();
    let plain_byte = |c: u8| c.is_ascii() && !(c.is_ascii_whitespace() || c == 0x0b);
    let single_spaced = b.first().is_some_and(|&c| plain_byte(c))
        && b.last().is_some_and(|&c| plain_byte(c))
        && b.windows(2)
            .all(|w| plain_byte(w[1]) || w[1] == b' ' && plain_byte(w[0]));
    if single_spaced {
        return Cow::Borrowed(s);
    }
    Cow::Owned(s.split_whitespace().collect::<Vec<_>>().join(" "))
}

/// The distinct names of an article, indexed by word, so that matching a mention costs
/// a lookup rather than a scan (articles may name thousands of people). Borrows the
/// candidates' keys.
struct NameIndex<'c> {
    /// Distinct key lists.
    names: Vec<&'c [String]>,
    /// Per name: index of its first candidate, and the starts of all its candidates.
    first: Vec<usize>,
    starts: Vec<Vec<usize>>,
    by_word: FxHashMap<&'c str, Vec<usize>>,
    by_first_word: FxHashMap<&'c str, Vec<usize>>,
}

impl<'c> NameIndex<'c> {
    /// Names of the candidates `keep` accepts, with at least `min_words` words.
    fn new(
        cands: &'c [Candidate],
        min_words: usize,
        keep: impl Fn(&Candidate) -> bool,
    ) -> NameIndex<'c> {
        let mut index = NameIndex {
            names: Vec::new(),
            first: Vec::new(),
            starts: Vec::new(),
            by_word: FxHashMap::default(),
            by_first_word: FxHashMap::default(),
        };
        let mut ids: FxHashMap<&'c [String], usize> = FxHashMap::default();
        for (ci, c) in cands.iter().enumerate() {
            if c.keys.len() < min_words || !keep(c) {
                continue;
            }
            let at = if c.context { 0 } else { c.span.start };
            let id = *ids.entry(&c.keys[..]).or_insert_with(|| {
                let id = index.names.len();
                index.names.push(&c.keys[..]);
                index.first.push(ci);
                index.starts.push(Vec::new());
                for w in c.keys.iter() {
                    let list = index.by_word.entry(w).or_default();
                    if list.last() != Some(&id) {
                        list.push(id);
                    }
                }
                index
                    .by_first_word
                    .entry(c.keys[0].as_str())
                    .or_default()
                    .push(id);
                id
            });
            index.starts[id].push(at);
        }
        for s in &mut index.starts {
            s.sort_unstable();
        }
        index
    }

    /// Names that `keys` may cite (it ends on one of their words), longer than `keys`.
    fn cited_by(&self, keys: &[String]) -> Vec<usize> {
        let Some(last) = keys.last() else {
            return Vec::new();
        };
        self.by_word
            .get(last.as_str())
            .into_iter()
            .flatten()
            .copied()
            .filter(|&id| self.names[id].len() > keys.len() && refers_to(keys, self.names[id]))
            .collect()
    }

    /// Is a candidate with `keys` one of the names, or a citation of a longer one?
    fn cites_any(&self, keys: &[String]) -> bool {
        let equal = keys.last().is_some_and(|w| {
            self.by_word
                .get(w.as_str())
                .is_some_and(|ids| ids.iter().any(|&id| self.names[id] == keys))
        });
        equal || !self.cited_by(keys).is_empty()
    }

    /// "Mateo" for "Mateo Lorca": a known given name alone cites the one full name of the
    /// article that starts with it and was named before `offset` (never a place name:
    /// "Jordan", "Paris").
    fn given_name(&self, keys: &[String], offset: usize) -> Option<usize> {
        let [word] = keys else {
            return None;
        };
        if !lx::is_first_name(word) || lx::is_place(word) {
            return None;
        }
        let mut found: Option<usize> = None;
        for &id in self.by_first_word.get(word.as_str()).into_iter().flatten() {
            let f = &self.names[id];
            if f.len() < 2 || self.starts[id].first().map_or(true, |&at| at >= offset) {
                continue;
            }
            match found {
                Some(g) => {
                    let g_keys = &self.names[g];
                    if !refers_to(g_keys, f) && !refers_to(f, g_keys) {
                        return None;
                    }
                    if f.len() > g_keys.len() {
                        found = Some(id);
                    }
                }
                None => found = Some(id),
            }
        }
        found
    }

    /// Among `ids`, the name last mentioned before `offset`.
    fn nearest_before(&self, ids: &[usize], offset: usize) -> Option<usize> {
        ids.iter()
            .filter_map(|&id| {
                let s = &self.starts[id];
                let n = s.partition_point(|&x| x < offset);
                (n > 0).then(|| (s[n - 1], id))
            })
            .max()
            .map(|(_, id)| id)
    }
}

/// The name (whitespace collapsed) and keys of each distinct way a name is written in an
/// article, made once and shared: a person is named many times alike.
#[derive(Default)]
struct NameForms<'a> {
    seen: FxHashMap<&'a str, (Rc<str>, Rc<Vec<String>>)>,
}

impl<'a> NameForms<'a> {
    fn get(&mut self, written: &'a str) -> (Rc<str>, Rc<Vec<String>>) {
        let (name, keys) = self.seen.entry(written).or_insert_with(|| {
            // straight into the shared strings: no intermediate copies
            let name: Rc<str> = Rc::from(&*collapsed(written));
            let keys = name_keys(&name);
            (name, Rc::new(keys))
        });
        (Rc::clone(name), Rc::clone(keys))
    }
}

/// Pass 2: a waiting candidate whose words all occur, in order, in a name accepted in the
/// article is a mention of that person ("Salcedo's", "Ortega Salcedo", "De la Rosa"); so
/// is a bare given name citing the one full name it starts ("Mateo").
fn promote_matching(text: &str, cands: &mut [Candidate]) {
    let vouched: FxHashSet<String> = cands
        .iter()
        .filter(|c| c.vouches && c.verdict == Verdict::Maybe)
        .filter_map(|c| c.keys.last().cloned())
        .collect();
    for c in cands.iter_mut() {
        let full_name = c.keys.len() >= 2 && c.headline_ends.is_none() && !c.placey;
        if c.verdict == Verdict::Maybe
            && full_name
            && c.keys.last().is_some_and(|w| vouched.contains(w))
        {
            c.verdict = Verdict::Person;
        }
    }
    // decided on the index of the accepted names (borrowing them), applied after
    let index = NameIndex::new(cands, 2, |c| c.verdict == Verdict::Person);
    let decisions: Vec<(usize, Promotion)> = cands
        .iter()
        .enumerate()
        .filter(|(_, c)| c.verdict == Verdict::Maybe)
        .map(|(i, c)| (i, promotion(text, &index, c)))
        .collect();
    for (i, decision) in decisions {
        let Some(c) = cands.get_mut(i) else {
            continue;
        };
        // a headline run is settled either way: cut to a known name or left waiting
        c.headline_ends = None;
        match decision {
            Promotion::Person => c.verdict = Verdict::Person,
            Promotion::Replace(new) => *c = *new,
            Promotion::Waits => {}
        }
    }
}

/// What pass 2 makes of a waiting candidate.
enum Promotion {
    Person,
    /// A headline run cut down to the known name it starts with.
    Replace(Box<Candidate>),
    Waits,
}

fn promotion(text: &str, index: &NameIndex, c: &Candidate) -> Promotion {
    match &c.headline_ends {
        None => {
            // "a son, Mark": a given name with its own role introduces someone new
            let given = !c.after_determiner
                && c.roles.is_empty()
                && index.given_name(&c.keys, c.span.start).is_some();
            if index.cites_any(&c.keys) || given {
                return Promotion::Person;
            }
        }
        Some(ends) => {
            // the longest prefix of the headline run that names a known person
            for &end in ends.iter().rev() {
                let prefix = Candidate::person_at(text, Span::new(c.span.start, end), false);
                if !prefix.keys.is_empty() && index.cites_any(&prefix.keys) {
                    return Promotion::Replace(Box::new(prefix));
                }
            }
        }
    }
    Promotion::Waits
}

/// Pass 3: give every mention the fullest name it refers to in the article. When several
/// different full names fit ("Ruiz" with both "Ana Ruiz" and "Pedro Ruiz"), the one named
/// most recently before the mention wins; with none before it, the mention stays as is.
fn resolve_full_names(people: Vec<Candidate>) -> Vec<PersonMention> {
    let index = NameIndex::new(&people, 1, |_| true);
    let mut out = Vec::with_capacity(people.len());
    let mut strings = Interner::default();
    for c in people.iter().filter(|c| !c.context) {
        let longer = index.cited_by(&c.keys);
        // maximal: not contained in another candidate
        let maximal: Vec<usize> = longer
            .iter()
            .copied()
            .filter(|&j| {
                !longer.iter().any(|&k| {
                    index.names[k].len() > index.names[j].len()
                        && refers_to(index.names[j], index.names[k])
                })
            })
            .collect();
        let chosen = match maximal.as_slice() {
            [] => index.given_name(&c.keys, c.span.start),
            [one] => Some(*one),
            many => index.nearest_before(many, c.span.start),
        };
        // the chosen name as first written
        let full_name = chosen.map_or(&c.name[..], |id| &people[index.first[id]].name[..]);
        let roles: Box<[Arc<str>]> = c.roles.iter().map(|r| strings.get(r)).collect();
        out.push(PersonMention {
            span: c.span,
            name: strings.get(&c.name),
            full_name: strings.get(full_name),
            role: roles.first().cloned(),
            roles,
        });
    }
    out
}

/// One shared copy of each distinct string of an article's mentions.
#[derive(Default)]
struct Interner<'a> {
    copies: FxHashMap<&'a str, Arc<str>>,
}

impl<'a> Interner<'a> {
    fn get(&mut self, s: &'a str) -> Arc<str> {
        self.copies.entry(s).or_insert_with(|| Arc::from(s)).clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_words_are_lowercase_ascii_without_hyphens() {
        let naive = |w: &str| {
            w.bytes()
                .all(|b| b.is_ascii() && !b.is_ascii_uppercase() && b != b'-')
        };
        for w in [
            "",
            "a",
            "ab",
            "abc",
            "abcd",
            "said",
            "Said",
            "abcdefg",
            "abcdefgH",
            "abcdefgh",
            "well-known",
            "officials",
            "officialS",
            "Zurich",
            "zürich",
            "x@[`{",
            "AZ",
            "az",
            "abcdefghijklmnopq",
            "abcdefghijklmnop-",
            "ABCDEFGHIJKLMNOPQ",
            "0123456789",
        ] {
            assert_eq!(is_plain_word(w.as_bytes()), naive(w), "{w}");
        }
    }
}
