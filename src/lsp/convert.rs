//! The edge between the core (byte offsets, document keys) and LSP (line/character in the
//! negotiated encoding, URIs). Every column conversion goes through [`crate::position`].

use crate::position::{Encoding, LineCol, LineIndex};
use crate::Span;
use std::path::{Path, PathBuf};
use std::str::FromStr;
use tower_lsp_server::ls_types::{
    InitializeParams, Position, PositionEncodingKind, Range, TextDocumentContentChangeEvent, Uri,
};

use super::documents::TextChange;

/// utf-8 when the client lists it in `general.positionEncodings` (no conversion cost),
/// else utf-16, the LSP default every client supports.
pub fn negotiate_encoding(params: &InitializeParams) -> Encoding {
    let offered = params
        .capabilities
        .general
        .as_ref()
        .and_then(|g| g.position_encodings.as_ref());
    match offered {
        Some(kinds) if kinds.contains(&PositionEncodingKind::UTF8) => Encoding::Utf8,
        _ => Encoding::Utf16,
    }
}

pub fn encoding_kind(enc: Encoding) -> PositionEncodingKind {
    match enc {
        Encoding::Utf8 => PositionEncodingKind::UTF8,
        Encoding::Utf16 => PositionEncodingKind::UTF16,
    }
}

pub fn line_col(p: Position) -> LineCol {
    LineCol {
        line: p.line,
        character: p.character,
    }
}

pub fn lsp_position(lc: LineCol) -> Position {
    Position::new(lc.line, lc.character)
}

/// A text with its line index, for converting spans of that text.
#[derive(Clone, Copy)]
pub struct Lines<'a> {
    pub text: &'a str,
    pub index: &'a LineIndex,
    pub enc: Encoding,
}

impl Lines<'_> {
    pub fn range(&self, span: Span) -> Range {
        Range::new(
            lsp_position(self.index.position(self.text, span.start, self.enc)),
            lsp_position(self.index.position(self.text, span.end, self.enc)),
        )
    }

    /// Byte offset of a position, or `None` when the position lies outside the text (a line
    /// past the last, a character past the end of its line): requests there get empty
    /// results rather than answers about the nearest text.
    pub fn offset(&self, p: Position) -> Option<usize> {
        if p.line as usize >= self.index.line_count() {
            return None;
        }
        let off = self.index.offset(self.text, line_col(p), self.enc);
        let back = self.index.position(self.text, off, self.enc);
        let at_line_end = matches!(self.text.as_bytes().get(off), None | Some(b'\n' | b'\r'));
        if back.line != p.line || (back.character < p.character && at_line_end) {
            return None;
        }
        Some(off)
    }

    /// Byte span of an LSP range (clamped like [`LineIndex::offset`]).
    pub fn span(&self, r: Range) -> Span {
        let a = self.index.offset(self.text, line_col(r.start), self.enc);
        let b = self.index.offset(self.text, line_col(r.end), self.enc);
        Span::new(a.min(b), a.max(b))
    }
}

pub fn text_change(e: TextDocumentContentChangeEvent) -> TextChange {
    TextChange {
        range: e.range.map(|r| (line_col(r.start), line_col(r.end))),
        text: e.text,
    }
}

/// The document key of a URI: for `file:` URIs the URI rebuilt from the path, so that a
/// client's spelling (percent-encoding, case of escapes) and a path found on disk give the
/// same key; other schemes (`untitled:`) keep their text.
pub fn key_for_uri(uri: &Uri) -> String {
    if is_file_uri(uri) {
        if let Some(key) = uri.to_file_path().and_then(|p| key_for_path(&p)) {
            return key;
        }
    }
    uri.as_str().to_string()
}

pub fn is_file_uri(uri: &Uri) -> bool {
    uri.scheme().as_str().eq_ignore_ascii_case("file")
}

/// The key of an absolute path (`None` for a relative one, which never reaches here).
pub fn key_for_path(path: &Path) -> Option<String> {
    if !path.is_absolute() {
        return None;
    }
    Uri::from_file_path(path).map(|u| u.as_str().to_string())
}

pub fn uri_for_key(key: &str) -> Option<Uri> {
    Uri::from_str(key).ok()
}

pub fn path_for_key(key: &str) -> Option<PathBuf> {
    let uri = uri_for_key(key)?;
    if !is_file_uri(&uri) {
        return None;
    }
    uri.to_file_path().map(|p| p.into_owned())
}

/// The last path segment of a key, for showing an article without its outlet.
pub fn file_name(key: &str) -> String {
    path_for_key(key)
        .and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
        .unwrap_or_else(|| key.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &str, enc: Encoding) -> (LineIndex, Encoding) {
        (LineIndex::new(text), enc)
    }

    #[test]
    fn spans_become_ranges_in_either_encoding() {
        // (text, needle, encoding, expected start line/char, end line/char)
        type Case<'a> = (&'a str, &'a str, Encoding, (u32, u32), (u32, u32));
        let cases: &[Case] = &[
            ("Zoë said 7", "7", Encoding::Utf16, (0, 9), (0, 10)),
            ("Zoë said 7", "7", Encoding::Utf8, (0, 10), (0, 11)),
            ("😀 nine people", "nine", Encoding::Utf16, (0, 3), (0, 7)),
            ("😀 nine people", "nine", Encoding::Utf8, (0, 5), (0, 9)),
            ("标题\n北京 12 人", "12", Encoding::Utf16, (1, 3), (1, 5)),
            ("标题\n北京 12 人", "12", Encoding::Utf8, (1, 7), (1, 9)),
        ];
        for &(text, needle, enc, s, e) in cases {
            let (index, enc) = lines(text, enc);
            let l = Lines {
                text,
                index: &index,
                enc,
            };
            let start = text.find(needle).unwrap();
            let span = Span::new(start, start + needle.len());
            let r = l.range(span);
            assert_eq!((r.start.line, r.start.character), s, "{text} {enc:?}");
            assert_eq!((r.end.line, r.end.character), e, "{text} {enc:?}");
            assert_eq!(l.span(r), span);
            assert_eq!(l.offset(r.start), Some(start));
        }
    }

    #[test]
    fn positions_outside_the_text_have_no_offset() {
        let text = "ab\nc😀";
        let index = LineIndex::new(text);
        let l = Lines {
            text,
            index: &index,
            enc: Encoding::Utf16,
        };
        assert_eq!(l.offset(Position::new(0, 2)), Some(2));
        assert_eq!(l.offset(Position::new(0, 3)), None);
        assert_eq!(l.offset(Position::new(1, 3)), Some(text.len()));
        assert_eq!(l.offset(Position::new(1, 4)), None);
        assert_eq!(l.offset(Position::new(2, 0)), None);
        assert_eq!(l.offset(Position::new(u32::MAX, u32::MAX)), None);
    }

    #[test]
    fn file_uris_and_paths_share_keys() {
        let uri = Uri::from_str("file:///tmp/ws/caf%C3%A9%20news.txt").unwrap();
        let key = key_for_uri(&uri);
        assert_eq!(
            key_for_path(Path::new("/tmp/ws/café news.txt")).as_deref(),
            Some(key.as_str())
        );
        assert_eq!(
            path_for_key(&key).as_deref(),
            Some(Path::new("/tmp/ws/café news.txt"))
        );
        assert_eq!(file_name(&key), "café news.txt");
        let untitled = Uri::from_str("untitled:Untitled-1").unwrap();
        assert_eq!(key_for_uri(&untitled), "untitled:Untitled-1");
        assert_eq!(path_for_key("untitled:Untitled-1"), None);
    }

    #[test]
    fn negotiates_utf8_only_when_offered() {
        let mut params = InitializeParams::default();
        assert_eq!(negotiate_encoding(&params), Encoding::Utf16);
        params.capabilities.general = Some(tower_lsp_server::ls_types::GeneralClientCapabilities {
            position_encodings: Some(vec![
                PositionEncodingKind::UTF16,
                PositionEncodingKind::UTF8,
            ]),
            ..Default::default()
        });
        assert_eq!(negotiate_encoding(&params), Encoding::Utf8);
    }
}
