//! Named people: recognition in one article ([`recognise`]) and merging of mentions into
//! one entity per real person across the workspace ([`merge`]).
//!
//! Rule-based, no model: see [`recognise`] for the name grammar and [`merge`] for the
//! matching rules (after GATE's ANNIE and OrthoMatcher). Name comparison is done on
//! `name_keys`: folded words, particles kept, endings and honorifics dropped.
//!
//! Decisions (precision first):
//! - A span is the name only: no title, no possessive "'s"; lowercase particles before a
//!   surname belong to it ("bin Tariq"), endings too ("King Jr.").
//! - Roles are lowercased as written, without a leading determiner or possessive ("the
//!   city's fire chief" → "fire chief"), abbreviation periods kept ("gov."); a role ends
//!   before a participle or a place of origin ("a nurse travelling home…" → "nurse"); every
//!   role stated with a mention is kept (`roles`), the title first.
//! - Evidence for a new name: a title or honorific, a known given name, initials, a verb of
//!   saying, an age or a role next to it; a surname alone with such evidence vouches for
//!   the full name it ends. Words the article also writes in lowercase, organisation,
//!   venue, team and place words, and title-case headline lines never make a name alone.
//! - Within an article a short mention takes the fullest name it can cite; when two full
//!   names fit, the one named last before it. A bare given name cites a full name named
//!   earlier only when no other full name starts with it.
//! - Lines outside the body (the headline) are read for full names only as context.

mod lexicon;
mod merge;
mod recognise;

use crate::Span;
use std::borrow::Cow;
use std::sync::Arc;

pub use merge::merge;
pub use recognise::{recognise, recognise_tokenized};

/// One mention of a person in an article.
///
/// Strings are shared (`Arc<str>`): within an article, every mention of one name, one
/// full name or one role points at a single copy ("Ruiz" said ten times, `full_name` equal
/// to `name`, `role` equal to `roles[0]` cost no new string), and the facts are read from
/// several threads.
#[derive(Clone, Debug, PartialEq)]
pub struct PersonMention {
    /// The name as written, without a possessive "'s" and without the title.
    pub span: Span,
    /// The name text (whitespace collapsed).
    pub name: Arc<str>,
    /// The fullest name this mention refers to within the article ("Salcedo" → "Luis Ortega
    /// Salcedo" when the article named him in full earlier).
    pub full_name: Arc<str>,
    /// Role or title stated with this mention, lowercased with title words and
    /// abbreviation periods kept ("health minister", "gov.", "mayor of puerto claro").
    pub role: Option<Arc<str>>,
    /// Every role stated with this mention, `role` first ("Dr. Helena van Dijk, head of
    /// emergency medicine at …" → ["dr.", "head of emergency medicine at …"]).
    pub roles: Box<[Arc<str>]>,
}

/// A person across the workspace.
#[derive(Clone, Debug, PartialEq)]
pub struct Entity {
    /// Stable id derived from the name ("p-luis-ortega-salcedo").
    pub id: String,
    /// Fullest name as written.
    pub name: String,
    /// (article index, role as that article states it), deduplicated.
    pub roles: Vec<(usize, String)>,
    /// (article index, index into that article's `people`), sorted.
    pub mentions: Vec<(usize, usize)>,
    /// From `corroborate.toml` `[[people]]`, when the entity matches a known person.
    pub description: Option<String>,
}

/// Folded words of a name for comparison: accents and case removed, hyphenated parts and
/// run-together initials ("J.R.") split, endings ("Jr.", "III") and honorifics dropped,
/// particles ("de", "van") kept.
pub(crate) fn name_keys(name: &str) -> Vec<String> {
    let mut keys = Vec::new();
    for_each_name_key(name, |w| keys.push(w.into_owned()));
    keys
}

/// The keys of [`name_keys`], in order, without a list (the merge copies them into one
/// buffer per article).
pub(crate) fn for_each_name_key(name: &str, mut key: impl FnMut(Cow<str>)) {
    let mut push = |w: Cow<str>| {
        // one lookup answers both lists
        let dropped = lexicon::ENDING | lexicon::HONORIFIC;
        if !w.is_empty() && lexicon::flags(&w) & dropped == 0 {
            key(w);
        }
    };
    let is_gap = |c: char| c.is_whitespace() || c == '-';
    if name.is_ascii() {
        // ASCII folds byte by byte, and cutting a word does not depend on case: each key
        // is lowercased once cut, in the one string it is kept in (no folded copy of the
        // whole name)
        for w in name.split(is_gap) {
            word_keys(w, &mut |k| push(ascii_lowercase(k)));
        }
    } else {
        let folded = crate::text::fold_cow(name);
        for w in folded.split(is_gap) {
            word_keys(w, &mut push);
        }
    }
}

/// The keys of one word of a name, cut off at spaces and hyphens: trimmed of punctuation,
/// run-together initials ("J.R.") split, apostrophes and periods removed.
fn word_keys<'w>(w: &'w str, push: &mut impl FnMut(Cow<'w, str>)) {
    // a plain word (nearly all): nothing to trim, split or remove
    if w.bytes().all(|b| b.is_ascii_alphanumeric()) {
        push(w.into());
        return;
    }
    let w = w.trim_matches(|c: char| !c.is_alphanumeric());
    let w = w.trim_start_matches("'");
    let parts = || w.split('.').filter(|p| !p.is_empty());
    if parts().nth(1).is_some() && parts().all(|p| p.chars().count() == 1) {
        for p in parts() {
            push(p.into());
        }
    } else if w.contains(['\'', '’', '.']) {
        push(w.replace(['\'', '’', '.'], "").into());
    } else {
        push(w.into());
    }
}

/// An ASCII word lowercased, copied only when it has capitals.
fn ascii_lowercase(w: Cow<str>) -> Cow<str> {
    if !w.bytes().any(|b| b.is_ascii_uppercase()) {
        return w;
    }
    let mut w = w.into_owned();
    w.make_ascii_lowercase();
    Cow::Owned(w)
}

/// Do two name words match? Equal, or one is an initial of the other.
fn word_matches(a: &str, b: &str) -> bool {
    a == b
        || a.chars().count() == 1 && b.starts_with(a)
        || b.chars().count() == 1 && a.starts_with(b)
}

/// Can the name `short` be a way of citing the name `long`? Every word of `short` must
/// match a word of `long`, in order (middle names and initials optional: "Luis Ortega
/// Salcedo" cites "Luis Fernando Ortega Salcedo", "Ana M. Ruiz" cites "Ana María Ruiz").
/// A single word must be a surname of `long` (not a given name, so "Maria" does not cite
/// "Ana Maria Ruiz"), or the family name written first in an East Asian name. Words are
/// whole: "Marin" never cites "Marino".
pub(crate) fn refers_to(short: &[String], long: &[String]) -> bool {
    if short.is_empty() || short.len() > long.len() {
        return false;
    }
    if short == long {
        return true;
    }
    let substantive = |w: &String| w.chars().count() > 1 && !lexicon::is_particle(w);
    if !short.iter().any(substantive) {
        return false;
    }
    let mut positions = Vec::with_capacity(short.len());
    let mut j = 0;
    for s in short {
        while j < long.len() && !word_matches(s, &long[j]) {
            j += 1;
        }
        if j == long.len() {
            return false;
        }
        positions.push(j);
        j += 1;
    }
    // the first words differ in kind: a given name in `short` must be `long`'s given name
    if short.len() >= 2 && positions[0] != 0 && long.len() > 1 {
        let s0 = &short[0];
        if lexicon::is_first_name(s0) && !lexicon::is_first_name(&long[positions[0]]) {
            return false;
        }
    }
    if short.len() == 1 {
        let p = positions[0];
        // a lone word must equal a whole word: "Springfield" never cites "P. S."
        if short[0] != long[p] {
            return false;
        }
        let is_last = p + 1 == long.len();
        if p == 0 {
            return lexicon::is_family_name_first(&long[0]) && long.len() == 2 || long.len() == 1;
        }
        if !is_last && lexicon::is_first_name(&long[p]) && !lexicon::is_particle(&long[p]) {
            // a middle given name ("Maria" in "Ana Maria Ruiz") is not a surname; the
            // first of two surnames ("Ortega" in "Luis Ortega Salcedo") is
            return false;
        }
        return substantive(&short[0]);
    }
    // a multi-word citation ends on a whole surname word of `long`: "James Oler" does not
    // cite "James O. Eastland" through the initial
    let last = short.len() - 1;
    substantive(&short[last]) && short[last] == long[positions[last]]
}

/// Slug of a folded name for ids: lowercase ASCII letters and digits joined by '-'.
pub(crate) fn slug(name: &str) -> String {
    crate::text::fold(name)
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join("-")
}

#[cfg(test)]
mod tests;
