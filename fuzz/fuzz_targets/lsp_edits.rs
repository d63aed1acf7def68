//! A document plus a sequence of incremental edits, as an editor sends them in
//! `textDocument/didChange` (line/character ranges in UTF-16 or UTF-8 units, possibly out
//! of range or reversed). Each edit is applied with `corroborate::position` conversions;
//! where the text has only `\n` line breaks, the result is compared with ropey applying
//! the same edit (an independent implementation of the same conversions). After the edits
//! the document is re-analysed and must equal an analysis of the final text from scratch.
#![no_main]

use arbitrary::Arbitrary;
use corroborate::article::{analyze, ArticleContext};
use corroborate::config::Config;
use corroborate::position::{Encoding, LineCol, LineIndex};
use libfuzzer_sys::fuzz_target;

#[path = "../src/invariants.rs"]
mod invariants;

#[derive(Arbitrary, Debug)]
struct Edit {
    start: (u8, u16),
    end: (u8, u16),
    text: String,
}

#[derive(Arbitrary, Debug)]
struct Session {
    utf8_positions: bool,
    document: String,
    edits: Vec<Edit>,
}

/// Line breaks ropey knows besides `\n` (LSP and `position` disagree with it on those).
fn ropey_agrees_on_lines(text: &str) -> bool {
    !text.contains(['\r', '\u{0B}', '\u{0C}', '\u{85}', '\u{2028}', '\u{2029}'])
}

/// Char index of a position in ropey, clamped the way `LineIndex::offset` documents.
fn rope_char(rope: &ropey::Rope, pos: LineCol, enc: Encoding) -> usize {
    let line = pos.line as usize;
    if line >= rope.len_lines() {
        return rope.len_chars();
    }
    let slice = rope.line(line);
    let mut len = slice.len_chars();
    if len > 0 && slice.char(len - 1) == '\n' {
        len -= 1;
    }
    let slice = slice.slice(..len);
    let want = pos.character as usize;
    let within = match enc {
        Encoding::Utf16 => {
            let units = slice.len_utf16_cu();
            if want >= units {
                len
            } else {
                slice.utf16_cu_to_char(want)
            }
        }
        Encoding::Utf8 => {
            if want >= slice.len_bytes() {
                len
            } else {
                slice.byte_to_char(want)
            }
        }
    };
    rope.line_to_char(line) + within
}

fuzz_target!(|session: Session| {
    let enc = if session.utf8_positions {
        Encoding::Utf8
    } else {
        Encoding::Utf16
    };
    let mut text = session.document;
    for edit in session.edits.iter().take(64) {
        let index = LineIndex::new(&text);
        let a = LineCol {
            line: edit.start.0 as u32,
            character: edit.start.1 as u32,
        };
        let b = LineCol {
            line: edit.end.0 as u32,
            character: edit.end.1 as u32,
        };
        let (a, b) = (index.offset(&text, a, enc), index.offset(&text, b, enc));
        for o in [a, b] {
            assert!(
                o <= text.len() && text.is_char_boundary(o),
                "offset {o} invalid"
            );
        }
        let (lo, hi) = (a.min(b), a.max(b));
        if ropey_agrees_on_lines(&text) {
            let rope = ropey::Rope::from_str(&text);
            let ra = rope_char(
                &rope,
                LineCol {
                    line: edit.start.0 as u32,
                    character: edit.start.1 as u32,
                },
                enc,
            );
            let rb = rope_char(
                &rope,
                LineCol {
                    line: edit.end.0 as u32,
                    character: edit.end.1 as u32,
                },
                enc,
            );
            assert_eq!(
                rope.char_to_byte(ra),
                a,
                "start offset differs from ropey in {text:?}"
            );
            assert_eq!(
                rope.char_to_byte(rb),
                b,
                "end offset differs from ropey in {text:?}"
            );
        }
        text.replace_range(lo..hi, &edit.text);
        // Position ↔ offset round trip at both ends of the inserted text.
        let index = LineIndex::new(&text);
        for o in [lo, lo + edit.text.len()] {
            let p = index.position(&text, o, enc);
            assert_eq!(index.offset(&text, p, enc), o, "round trip of {o}");
        }
    }
    let config = Config::default();
    let facts = analyze(&text, &ArticleContext::default(), &config);
    invariants::check_facts(&text, &facts);
    let fresh = analyze(&text.clone(), &ArticleContext::default(), &config);
    assert_eq!(
        format!("{facts:?}"),
        format!("{fresh:?}"),
        "edited ≠ from scratch"
    );
});
