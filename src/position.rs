//! Byte offsets ↔ 0-based line/character positions, in UTF-16 code units (LSP default,
//! JSON output) or UTF-8 bytes. The only place where encodings of columns are handled.

/// Which unit a position's `character` counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf16,
}

/// A 0-based line and character.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct LineCol {
    pub line: u32,
    pub character: u32,
}

/// Line starts of a text, for converting offsets. Lines end at "\n", "\r\n" or a lone "\r",
/// as the LSP specification says.
///
/// Also keeps every non-ASCII char's offset with the running count of bytes that are not
/// UTF-16 units (`len_utf8 - len_utf16` summed up to and including that char), so that a
/// UTF-16 column costs a binary search instead of a walk over the line: thousands of
/// figures on one long line (a 600 KB paragraph) made printing quadratic.
#[derive(Clone, Debug)]
pub struct LineIndex {
    starts: Vec<usize>,
    len: usize,
    wide: Vec<(usize, usize)>,
}

impl LineIndex {
    pub fn new(text: &str) -> LineIndex {
        let bytes = text.as_bytes();
        let mut starts = vec![0];
        let mut wide = Vec::new();
        let mut excess = 0;
        // One pass over the bytes, eight at a time where none is a line end or non-ASCII
        // (most of them): LSP line ends are "\n", "\r\n" and a lone "\r" (old Mac files,
        // some scrapers); a char's lead byte gives its excess (2 bytes → 1 unit, 3 → 1,
        // 4 → 2).
        const ONES: u64 = u64::from_ne_bytes([1; 8]);
        const HIGH: u64 = u64::from_ne_bytes([0x80; 8]);
        let has_zero = |w: u64| w.wrapping_sub(ONES) & !w & HIGH;
        let mut i = 0;
        while i < bytes.len() {
            let end = match bytes.get(i..).and_then(<[u8]>::first_chunk::<8>) {
                Some(word) => {
                    let w = u64::from_ne_bytes(*word);
                    let hit = (w & HIGH)
                        | has_zero(w ^ (ONES * u64::from(b'\n')))
                        | has_zero(w ^ (ONES * u64::from(b'\r')));
                    if hit == 0 {
                        i += 8;
                        continue;
                    }
                    i + 8
                }
                None => bytes.len(),
            };
            for (j, &b) in bytes.iter().enumerate().take(end).skip(i) {
                if b == b'\n' || (b == b'\r' && bytes.get(j + 1) != Some(&b'\n')) {
                    starts.push(j + 1);
                } else if b >= 0xC0 {
                    excess += if b >= 0xE0 { 2 } else { 1 };
                    wide.push((j, excess));
                }
            }
            i = end;
        }
        LineIndex {
            starts,
            len: text.len(),
            wide,
        }
    }

    /// Bytes before `offset` that are not UTF-16 units (continuation bytes, mostly).
    fn excess_before(&self, offset: usize) -> usize {
        match self.wide.partition_point(|&(o, _)| o < offset) {
            0 => 0,
            k => self.wide[k - 1].1,
        }
    }

    pub fn line_count(&self) -> usize {
        self.starts.len()
    }

    /// Position of byte `offset` (clamped to the text; inside a char → that char's start).
    pub fn position(&self, text: &str, offset: usize, enc: Encoding) -> LineCol {
        let offset = floor_char_boundary(text, offset.min(self.len));
        let line = self.starts.partition_point(|&s| s <= offset) - 1;
        let start = self.starts[line];
        let character = match enc {
            Encoding::Utf8 => offset - start,
            Encoding::Utf16 if self.wide.is_empty() => offset - start,
            Encoding::Utf16 => (offset - start)
                .saturating_sub(self.excess_before(offset) - self.excess_before(start)),
        };
        LineCol {
            line: line as u32,
            character: character as u32,
        }
    }

    /// Byte offset of a position. Out-of-range lines clamp to the end of the text and
    /// out-of-range characters to the end of the line; a position inside a character
    /// (a UTF-16 surrogate pair, a UTF-8 sequence) snaps to that character's start.
    pub fn offset(&self, text: &str, pos: LineCol, enc: Encoding) -> usize {
        let line = pos.line as usize;
        if line >= self.starts.len() {
            return self.len;
        }
        let start = self.starts[line];
        let end = self
            .starts
            .get(line + 1)
            .map(|&s| s - 1)
            .unwrap_or(self.len);
        let line_text = &text[start..end.max(start)];
        start + column_offset(line_text, pos.character, enc)
    }
}

/// Byte offset in `line` (one line's text without its line end; a "\r\n"'s "\r" is part of
/// it, as clients address it as a character) of the column `character`. Past the end clamps
/// to the end; inside a character (a UTF-16 surrogate pair, a UTF-8 sequence) snaps to that
/// character's start. Never treats a "\r" as a line end: the caller has already split lines.
pub fn column_offset(line: &str, character: u32, enc: Encoding) -> usize {
    let want = character as usize;
    let mut units = 0;
    for (i, c) in line.char_indices() {
        let w = match enc {
            Encoding::Utf8 => c.len_utf8(),
            Encoding::Utf16 => c.len_utf16(),
        };
        if units >= want || units + w > want {
            return i;
        }
        units += w;
    }
    line.len()
}

/// The largest char boundary of `text` at or before `i` (`i` at most `text.len()`).
pub(crate) fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf16_counts_surrogate_pairs() {
        let t = "a😀b\nné中x";
        let idx = LineIndex::new(t);
        let b = t.find('b').unwrap();
        assert_eq!(
            idx.position(t, b, Encoding::Utf16),
            LineCol {
                line: 0,
                character: 3
            }
        );
        assert_eq!(
            idx.position(t, b, Encoding::Utf8),
            LineCol {
                line: 0,
                character: 5
            }
        );
        let x = t.find('x').unwrap();
        assert_eq!(
            idx.position(t, x, Encoding::Utf16),
            LineCol {
                line: 1,
                character: 3
            }
        );
        for off in [0, 1, b, x, t.len()] {
            for enc in [Encoding::Utf8, Encoding::Utf16] {
                assert_eq!(idx.offset(t, idx.position(t, off, enc), enc), off);
            }
        }
    }

    #[test]
    fn positions_match_a_walk_over_the_text() {
        let pieces = ["abcdefghij", "\n", "\r", "\r\n", "é", "中", "😀", "x"];
        let mut t = String::new();
        for i in 0..400usize {
            t.push_str(pieces[(i * 7 + i / 3) % pieces.len()]);
        }
        let idx = LineIndex::new(&t);
        let (mut line, mut start) = (0u32, 0usize);
        let b = t.as_bytes();
        for (off, _) in t.char_indices().chain([(t.len(), ' ')]) {
            let line_text = &t[start..off];
            let expected16 = line_text.encode_utf16().count() as u32;
            assert_eq!(
                idx.position(&t, off, Encoding::Utf16),
                LineCol {
                    line,
                    character: expected16
                },
                "{off}"
            );
            assert_eq!(
                idx.position(&t, off, Encoding::Utf8).character as usize,
                line_text.len()
            );
            if off < b.len()
                && (b[off] == b'\n' || b[off] == b'\r' && b.get(off + 1) != Some(&b'\n'))
            {
                line += 1;
                start = off + 1;
            }
        }
        assert_eq!(idx.line_count(), line as usize + 1);
    }

    #[test]
    fn a_lone_carriage_return_ends_a_line() {
        // old Mac line ends, a CRLF file and a mixed one
        for t in ["ab\rcd\ref", "ab\r\ncd\r\nef", "ab\ncd\ref"] {
            let idx = LineIndex::new(t);
            assert_eq!(idx.line_count(), 3, "{t:?}");
            let e = t.find('e').unwrap();
            let at = idx.position(t, e, Encoding::Utf16);
            assert_eq!(
                at,
                LineCol {
                    line: 2,
                    character: 0
                },
                "{t:?}"
            );
            assert_eq!(idx.offset(t, at, Encoding::Utf16), e);
        }
        // past the end of a line stops before its lone "\r"
        let t = "ab\rcd";
        let idx = LineIndex::new(t);
        let end = LineCol {
            line: 0,
            character: 9,
        };
        assert_eq!(idx.offset(t, end, Encoding::Utf8), 2);
    }

    #[test]
    fn out_of_range_positions_clamp() {
        let t = "ab\ncd";
        let idx = LineIndex::new(t);
        assert_eq!(
            idx.offset(
                t,
                LineCol {
                    line: 9,
                    character: 0
                },
                Encoding::Utf16
            ),
            t.len()
        );
        assert_eq!(
            idx.offset(
                t,
                LineCol {
                    line: 0,
                    character: 99
                },
                Encoding::Utf16
            ),
            2
        );
    }
}
