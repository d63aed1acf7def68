//! A document plus a sequence of incremental edits, delivered to the language server's
//! document store (`corroborate::lsp::documents::DocumentStore`) the way tower-lsp may
//! deliver `didChange` notifications: out of order, with some versions never sent (the
//! store releases held changes after a grace period: `release_held`) and some sent twice.
//! Ranges are arbitrary (out of range, reversed, inside surrogate pairs), in UTF-16 or
//! UTF-8 units; some changes replace the whole text.
//!
//! Oracle: a plain `String` model applying the same changes in version order through
//! `corroborate::position::LineIndex` (clamping as documented: out-of-range lines → end of
//! text, characters → end of line, a reversed range inserts at its start). The store's
//! text and version must equal the model's; the final text's analysis must keep every
//! invariant and equal a from-scratch analysis.
#![no_main]

use arbitrary::Arbitrary;
use corroborate::article::{analyze, ArticleContext};
use corroborate::config::Config;
use corroborate::lsp::documents::{DocumentStore, TextChange};
use corroborate::position::{Encoding, LineCol, LineIndex};
use libfuzzer_sys::fuzz_target;

#[path = "../src/invariants.rs"]
mod invariants;

#[derive(Arbitrary, Debug)]
struct Edit {
    start: (u8, u16),
    end: (u8, u16),
    text: String,
    /// Replace the whole document (a change without a range).
    full: bool,
}

#[derive(Arbitrary, Debug)]
struct Session {
    utf8_positions: bool,
    document: String,
    edits: Vec<Edit>,
    /// Drives the delivery order (a Fisher–Yates shuffle).
    order: Vec<u8>,
    /// Bit i set: version i + 1 is never delivered.
    dropped: u64,
    /// Deliver this many already-delivered changes again at the end.
    repeats: u8,
}

fn pos((line, character): (u8, u16)) -> LineCol {
    LineCol {
        line: line as u32,
        character: character as u32,
    }
}

fn change_of(e: &Edit) -> TextChange {
    TextChange {
        range: (!e.full).then(|| (pos(e.start), pos(e.end))),
        text: e.text.clone(),
    }
}

/// The model: apply one change to a `String`.
fn apply_model(text: &mut String, e: &Edit, enc: Encoding) {
    if e.full {
        *text = e.text.clone();
        return;
    }
    let index = LineIndex::new(text);
    let a = index.offset(text, pos(e.start), enc);
    let b = index.offset(text, pos(e.end), enc).max(a);
    assert!(text.is_char_boundary(a) && text.is_char_boundary(b));
    text.replace_range(a..b, &e.text);
}

fuzz_target!(|s: Session| {
    let enc = if s.utf8_positions {
        Encoding::Utf8
    } else {
        Encoding::Utf16
    };
    let edits: Vec<&Edit> = s.edits.iter().take(64).collect();
    let n = edits.len();
    let sent: Vec<usize> = (0..n).filter(|i| s.dropped & (1 << i) == 0).collect();
    // Delivery order: a shuffle of the sent versions.
    let mut order = sent.clone();
    for (k, byte) in s.order.iter().enumerate().take(order.len()) {
        let j = k + (*byte as usize) % (order.len() - k);
        order.swap(k, j);
    }
    let mut store = DocumentStore::new(enc);
    store.open("doc", &s.document, 0);
    for &i in &order {
        store.change("doc", i as i32 + 1, vec![change_of(edits[i])]);
    }
    for &i in order.iter().take(s.repeats as usize) {
        store.change("doc", i as i32 + 1, vec![change_of(edits[i])]);
    }
    store.release_held("doc");

    let mut model = s.document.clone();
    for &i in &sent {
        apply_model(&mut model, edits[i], enc);
    }
    let expected_version = sent.last().map_or(0, |&i| i as i32 + 1);
    let text = store.text("doc").expect("document open");
    assert_eq!(text, model, "store text differs from the model");
    assert_eq!(store.version("doc"), Some(expected_version));
    assert!(!store.has_held("doc"), "changes still held after release");

    let config = Config::default();
    let facts = analyze(&text, &ArticleContext::default(), &config);
    invariants::check_facts(&text, &facts);
    if text.len() < 4096 {
        let fresh = analyze(&text, &ArticleContext::default(), &config);
        assert_eq!(
            format!("{facts:?}"),
            format!("{fresh:?}"),
            "edited ≠ from scratch"
        );
    }
});
