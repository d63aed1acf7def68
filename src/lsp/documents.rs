//! Open documents: the editor's text of each open article, kept in a rope and edited
//! incrementally.
//!
//! tower-lsp runs handlers concurrently, so a `didChange` can be handled before an earlier
//! one (tower-lsp issue 284). The store therefore applies changes in version order: a change
//! whose version is ahead of the next expected one is held until the missing versions
//! arrive. Clients may legitimately skip versions (Neovim's `changedtick` does), so held
//! changes are also released by [`DocumentStore::release_held`], which the server calls after
//! a short grace period; stale versions (not newer than the document) are dropped.
//!
//! Line breaks are `\n`, `\r\n` and a lone `\r` (ropey is built with its CR line feature and
//! without the Unicode one, so U+2028 is not a break), the same rule as
//! [`crate::position::LineIndex`], so rope lines and diagnostic lines agree.

use crate::position::{column_offset, Encoding, LineCol};
use ropey::Rope;
use std::collections::{BTreeMap, HashMap};

/// One content change of a `didChange`: a range in the client's position encoding (or
/// `None` for a full replacement) and the new text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TextChange {
    pub range: Option<(LineCol, LineCol)>,
    pub text: String,
}

/// The fate of a `didChange` handed to the store.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ChangeOutcome {
    /// Applied, with any held changes it unblocked; the document is now at this version.
    Applied { version: i32 },
    /// Version ahead of the next expected one (or the document is not open yet): held.
    Held,
    /// Not newer than the document: dropped.
    Stale,
}

#[derive(Clone, Debug)]
struct OpenDocument {
    rope: Rope,
    version: i32,
}

/// Changes waiting for their turn, by version.
type Held = BTreeMap<i32, Vec<TextChange>>;

/// Limit on changes held for one document, so a client that never fills a gap cannot grow
/// memory without bound.
const MAX_HELD: usize = 1024;

/// The open documents, keyed by document key (see [`super::convert::key_for_uri`]).
#[derive(Debug)]
pub struct DocumentStore {
    encoding: Encoding,
    docs: HashMap<String, OpenDocument>,
    held: HashMap<String, Held>,
}

impl DocumentStore {
    pub fn new(encoding: Encoding) -> DocumentStore {
        DocumentStore {
            encoding,
            docs: HashMap::new(),
            held: HashMap::new(),
        }
    }

    pub fn set_encoding(&mut self, encoding: Encoding) {
        self.encoding = encoding;
    }

    /// Open (or re-open) a document; changes that arrived before the open and are newer
    /// than it are applied.
    pub fn open(&mut self, key: &str, text: &str, version: i32) -> i32 {
        self.docs.insert(
            key.to_string(),
            OpenDocument {
                rope: Rope::from_str(text),
                version,
            },
        );
        if let Some(held) = self.held.get_mut(key) {
            held.retain(|&v, _| v > version);
        }
        self.apply_ready(key);
        self.version(key).unwrap_or(version)
    }

    pub fn close(&mut self, key: &str) {
        self.docs.remove(key);
        self.held.remove(key);
    }

    pub fn is_open(&self, key: &str) -> bool {
        self.docs.contains_key(key)
    }

    pub fn version(&self, key: &str) -> Option<i32> {
        self.docs.get(key).map(|d| d.version)
    }

    pub fn text(&self, key: &str) -> Option<String> {
        self.docs.get(key).map(|d| d.rope.to_string())
    }

    pub fn keys(&self) -> impl Iterator<Item = &String> {
        self.docs.keys()
    }

    /// Are changes of this document waiting for a missing version?
    pub fn has_held(&self, key: &str) -> bool {
        self.held.get(key).is_some_and(|h| !h.is_empty())
    }

    /// Hand a `didChange` to the store; it is applied now or when its turn comes.
    pub fn change(&mut self, key: &str, version: i32, changes: Vec<TextChange>) -> ChangeOutcome {
        let current = self.docs.get(key).map(|d| d.version);
        if current.is_some_and(|c| version <= c) {
            return ChangeOutcome::Stale;
        }
        let held = self.held.entry(key.to_string()).or_default();
        if held.len() >= MAX_HELD {
            if let Some(oldest) = held.keys().next().copied() {
                held.remove(&oldest);
            }
        }
        held.insert(version, changes);
        let before = current;
        self.apply_ready(key);
        match self.version(key) {
            Some(v) if Some(v) != before => ChangeOutcome::Applied { version: v },
            _ => ChangeOutcome::Held,
        }
    }

    /// Apply every held change of an open document in version order, skipping the missing
    /// versions (the client skipped them). Returns the new version when anything changed.
    pub fn release_held(&mut self, key: &str) -> Option<i32> {
        let doc = self.docs.get_mut(key)?;
        let held = self.held.remove(key)?;
        let mut applied = false;
        for (version, changes) in held {
            if version > doc.version {
                apply_changes(&mut doc.rope, &changes, self.encoding);
                doc.version = version;
                applied = true;
            }
        }
        applied.then_some(doc.version)
    }

    /// Apply held changes while the next expected version is there.
    fn apply_ready(&mut self, key: &str) {
        let (Some(doc), Some(held)) = (self.docs.get_mut(key), self.held.get_mut(key)) else {
            return;
        };
        held.retain(|&v, _| v > doc.version);
        while let Some(changes) = doc.version.checked_add(1).and_then(|n| held.remove(&n)) {
            apply_changes(&mut doc.rope, &changes, self.encoding);
            doc.version += 1;
        }
        if held.is_empty() {
            self.held.remove(key);
        }
    }
}

/// Apply content changes in order (each range refers to the text left by the previous one).
pub fn apply_changes(rope: &mut Rope, changes: &[TextChange], enc: Encoding) {
    for change in changes {
        match change.range {
            None => *rope = Rope::from_str(&change.text),
            Some((start, end)) => {
                let a = char_index(rope, start, enc);
                let b = char_index(rope, end, enc).max(a);
                rope.remove(a..b);
                rope.insert(a, &change.text);
            }
        }
    }
}

/// Char index in the rope of a position; out-of-range lines clamp to the end of the text and
/// out-of-range characters to the end of the line (as [`crate::position::LineIndex::offset`] does).
fn char_index(rope: &Rope, pos: LineCol, enc: Encoding) -> usize {
    let line = pos.line as usize;
    if line >= rope.len_lines() {
        return rope.len_chars();
    }
    let line_start = rope.line_to_byte(line);
    let line_text = line_content(&rope.line(line).to_string());
    // Not a `LineIndex` of the line: it would take a "\r\n"'s kept "\r" for a line end and
    // put a position between "\r" and "\n" before the "\r" (proptest found it).
    let within = column_offset(&line_text, pos.character, enc);
    rope.byte_to_char(line_start + within)
}

/// A rope line without its line end, as [`crate::position::LineIndex`] counts it: without "\n" or a lone
/// "\r"; a "\r\n" keeps its "\r" (clients address it as a character).
fn line_content(line: &str) -> String {
    let without_lf = line.strip_suffix('\n').unwrap_or(line);
    if without_lf.len() == line.len() {
        line.strip_suffix('\r').unwrap_or(line).to_string()
    } else {
        without_lf.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::position::LineIndex;

    fn at(line: u32, character: u32) -> LineCol {
        LineCol { line, character }
    }

    fn edit(start: (u32, u32), end: (u32, u32), text: &str) -> Vec<TextChange> {
        vec![TextChange {
            range: Some((at(start.0, start.1), at(end.0, end.1))),
            text: text.to_string(),
        }]
    }

    #[test]
    fn applies_versions_received_out_of_order_in_version_order() {
        let mut store = DocumentStore::new(Encoding::Utf16);
        store.open("a", "", 0);
        // Typing "abcdef" one character per version, delivered scrambled.
        let typed = "abcdef";
        let order = [3, 1, 6, 2, 5, 4];
        for v in order {
            let i = v as u32 - 1;
            let c = &typed[i as usize..i as usize + 1];
            store.change("a", v, edit((0, i), (0, i), c));
        }
        assert_eq!(store.text("a").as_deref(), Some("abcdef"));
        assert_eq!(store.version("a"), Some(6));
        assert!(!store.has_held("a"));
    }

    #[test]
    fn outcomes_of_ahead_stale_and_unblocking_changes() {
        let mut store = DocumentStore::new(Encoding::Utf16);
        store.open("a", "x", 1);
        assert_eq!(
            store.change("a", 3, edit((0, 2), (0, 2), "z")),
            ChangeOutcome::Held
        );
        assert_eq!(
            store.change("a", 2, edit((0, 1), (0, 1), "y")),
            ChangeOutcome::Applied { version: 3 }
        );
        assert_eq!(store.text("a").as_deref(), Some("xyz"));
        assert_eq!(
            store.change("a", 3, edit((0, 0), (0, 3), "")),
            ChangeOutcome::Stale
        );
        assert_eq!(store.text("a").as_deref(), Some("xyz"));
    }

    #[test]
    fn skipped_versions_are_released_in_order() {
        let mut store = DocumentStore::new(Encoding::Utf8);
        store.open("a", "1", 10);
        store.change("a", 14, edit((0, 2), (0, 2), "3"));
        store.change("a", 12, edit((0, 1), (0, 1), "2"));
        assert_eq!(store.text("a").as_deref(), Some("1"));
        assert_eq!(store.release_held("a"), Some(14));
        assert_eq!(store.text("a").as_deref(), Some("123"));
    }

    #[test]
    fn changes_before_open_wait_for_the_open() {
        let mut store = DocumentStore::new(Encoding::Utf16);
        assert_eq!(
            store.change("a", 2, edit((0, 5), (0, 5), "!")),
            ChangeOutcome::Held
        );
        assert_eq!(store.open("a", "hello", 1), 2);
        assert_eq!(store.text("a").as_deref(), Some("hello!"));
    }

    #[test]
    fn edits_address_columns_in_the_negotiated_encoding() {
        // (text, encoding, position of the edit, expected text after inserting "|")
        let cases: &[(&str, Encoding, (u32, u32), &str)] = &[
            ("é😀中x", Encoding::Utf16, (0, 4), "é😀中|x"),
            ("é😀中x", Encoding::Utf8, (0, 9), "é😀中|x"),
            ("ab\ncafé😀!", Encoding::Utf16, (1, 6), "ab\ncafé😀|!"),
            ("ab\ncafé😀!", Encoding::Utf8, (1, 9), "ab\ncafé😀|!"),
            // Past the end of a line clamps to its end; past the last line to the text's end.
            ("ab\ncd", Encoding::Utf16, (0, 99), "ab|\ncd"),
            ("ab\ncd", Encoding::Utf16, (7, 0), "ab\ncd|"),
            // Inside a surrogate pair snaps to the character's start.
            ("😀x", Encoding::Utf16, (0, 1), "|😀x"),
            ("a\r\nb", Encoding::Utf16, (1, 0), "a\r\n|b"),
            ("a\rb\rc", Encoding::Utf16, (2, 0), "a\rb\r|c"),
            ("a\rb", Encoding::Utf16, (0, 9), "a|\rb"),
        ];
        for &(text, enc, (line, ch), want) in cases {
            let mut rope = Rope::from_str(text);
            apply_changes(&mut rope, &edit((line, ch), (line, ch), "|"), enc);
            assert_eq!(rope.to_string(), want, "{text:?} {enc:?} {line}:{ch}");
        }
    }

    #[test]
    fn replaces_ranges_across_lines_and_full_text() {
        let mut rope = Rope::from_str("one\ntwo\nthree");
        apply_changes(&mut rope, &edit((0, 1), (2, 2), "X"), Encoding::Utf16);
        assert_eq!(rope.to_string(), "oXree");
        let full = vec![TextChange {
            range: None,
            text: "new".into(),
        }];
        apply_changes(&mut rope, &full, Encoding::Utf16);
        assert_eq!(rope.to_string(), "new");
    }

    /// Apply a splice of chars `from..from+len` (clamped) to a `String`, and the same splice
    /// through the positions a client would send to the rope: both texts must agree.
    fn splice_both(text: &mut String, rope: &mut Rope, from: usize, len: usize, insert: &str) {
        let chars = text.chars().count();
        let from = if chars == 0 { 0 } else { from % (chars + 1) };
        let to = (from + len).min(chars);
        let byte = |c: usize| text.char_indices().nth(c).map_or(text.len(), |(i, _)| i);
        let (a, b) = (byte(from), byte(to));
        let index = LineIndex::new(text);
        let (pa, pb) = (
            index.position(text, a, Encoding::Utf16),
            index.position(text, b, Encoding::Utf16),
        );
        text.replace_range(a..b, insert);
        let change = TextChange {
            range: Some((pa, pb)),
            text: insert.to_string(),
        };
        apply_changes(rope, &[change], Encoding::Utf16);
        assert_eq!(
            rope.to_string(),
            *text,
            "after splice {from}..{to} {insert:?}"
        );
    }

    #[test]
    fn splices_between_a_carriage_return_and_its_line_feed_keep_the_clients_text() {
        // CI (2026-12-04) found the server keeping a "\r" the client had deleted: a range
        // ending between "\r" and "\n" ended before the "\r". Both ends, in both directions.
        // (start text, char range, inserted text)
        let cases: &[(&str, usize, usize, &str)] = &[
            ("\u{2028}\réé\r\n😀bb", 5, 1, "\né\u{2028}"),
            ("one-on\r\ntwo", 3, 4, ""),
            ("one-on\r\ntwo", 7, 0, "x"),
            ("one-on\r\ntwo", 7, 2, "\r"),
            ("a\r\r\nb", 2, 1, "\n"),
        ];
        for &(start, from, len, insert) in cases {
            let (mut text, mut rope) = (start.to_string(), Rope::from_str(start));
            splice_both(&mut text, &mut rope, from, len, insert);
        }
    }

    proptest::proptest! {
        #[test]
        fn random_splices_keep_the_clients_text(
            start in "[ab\r\n\u{2028}é😀]{0,12}",
            splices in proptest::collection::vec(
                (proptest::prelude::any::<usize>(), 0usize..6, "[xy\r\n\u{2028}é😀]{0,4}"),
                1..10,
            ),
        ) {
            let (mut text, mut rope) = (start.clone(), Rope::from_str(&start));
            for (from, len, insert) in &splices {
                splice_both(&mut text, &mut rope, *from, *len, insert);
            }
        }
    }
}
