//! The figure extractor's own tokens: numbers, words and single punctuation marks, each
//! knowing whether whitespace precedes it. Hyphens are separate tokens so that
//! "fifteen-minute", "42-year-old", "COVID-19" and "10-12" can be told apart by pattern.
//! One pass over the bytes, linear in the sentence length.

/// Longest digit run (with separators) still read as a number; longer runs are kept as
/// one [`Kind::Long`] token and never become figures.
pub const MAX_NUMBER_BYTES: usize = 40;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// ASCII digits with inner `,` (before exactly three digits) and `.` (before a digit).
    Num,
    /// A digit run too long to be a figure.
    Long,
    /// Letters, with inner apostrophes.
    Word,
    /// Any other non-space character, one per token.
    Punct,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Tok {
    pub start: usize,
    pub end: usize,
    pub kind: Kind,
    /// Whitespace (or the sentence start) precedes the token.
    pub space_before: bool,
}

impl Tok {
    pub fn text<'a>(&self, text: &'a str) -> &'a str {
        text.get(self.start..self.end).unwrap_or("")
    }
}

/// Tokens of `text[start..end]` appended to `out` (cleared first), with absolute offsets.
pub fn tokenize(text: &str, start: usize, end: usize, out: &mut Vec<Tok>) {
    out.clear();
    let Some(s) = text.get(start..end) else {
        return;
    };
    let bytes = s.as_bytes();
    let mut i = 0;
    let mut space = true;
    while i < bytes.len() {
        let b = bytes[i];
        if b.is_ascii_whitespace() {
            space = true;
            i += 1;
            continue;
        }
        let (kind, len) = if b.is_ascii_digit() {
            number_len(bytes, i)
        } else {
            let c = s[i..].chars().next().unwrap_or(' ');
            if c.is_whitespace() {
                space = true;
                i += c.len_utf8();
                continue;
            }
            if c.is_alphabetic() {
                (Kind::Word, word_len(s, i))
            } else {
                (Kind::Punct, c.len_utf8())
            }
        };
        out.push(Tok {
            start: start + i,
            end: start + i + len,
            kind,
            space_before: space,
        });
        space = false;
        i += len;
    }
}

/// Length and kind of the digit run at `i`.
fn number_len(bytes: &[u8], i: usize) -> (Kind, usize) {
    let mut j = i;
    while j < bytes.len() {
        let b = bytes[j];
        let continues = b.is_ascii_digit()
            || (b == b',' && comma_groups_thousands(bytes, j))
            || (b == b'.' && bytes.get(j + 1).is_some_and(|n| n.is_ascii_digit()));
        if continues {
            j += 1;
        } else {
            break;
        }
    }
    let kind = if j - i > MAX_NUMBER_BYTES {
        Kind::Long
    } else {
        Kind::Num
    };
    (kind, j - i)
}

/// A comma at `j` separates thousands when exactly three digits follow it.
fn comma_groups_thousands(bytes: &[u8], j: usize) -> bool {
    (1..=3).all(|k| bytes.get(j + k).is_some_and(|b| b.is_ascii_digit()))
        && !bytes.get(j + 4).is_some_and(|b| b.is_ascii_digit())
}

fn word_len(s: &str, i: usize) -> usize {
    let mut len = 0;
    let mut chars = s[i..].char_indices().peekable();
    while let Some((k, c)) = chars.next() {
        if c.is_alphabetic() {
            len = k + c.len_utf8();
        } else if matches!(c, '\'' | '’')
            && chars.peek().is_some_and(|&(_, n)| n.is_alphabetic())
            && len == k
        {
            continue;
        } else {
            break;
        }
    }
    len
}

/// Is `word` one of `list`, ignoring ASCII case? No allocation.
pub fn is_any(word: &str, list: &[&str]) -> bool {
    list.iter().any(|w| w.eq_ignore_ascii_case(word))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(s: &str) -> Vec<(String, Kind, bool)> {
        let mut v = Vec::new();
        tokenize(s, 0, s.len(), &mut v);
        v.iter()
            .map(|t| (t.text(s).to_string(), t.kind, t.space_before))
            .collect()
    }

    #[test]
    fn splits_numbers_words_and_marks() {
        let t = kinds("$4.6bn, 1,500 and 1,50 42-year-old don't 3.");
        let texts: Vec<&str> = t.iter().map(|x| x.0.as_str()).collect();
        assert_eq!(
            texts,
            vec![
                "$", "4.6", "bn", ",", "1,500", "and", "1", ",", "50", "42", "-", "year", "-",
                "old", "don't", "3", "."
            ]
        );
        assert!(!t[2].2); // "bn" attached
    }

    #[test]
    fn long_digit_runs_are_one_long_token() {
        let s = "9".repeat(200_000);
        let t = kinds(&s);
        assert_eq!(t.len(), 1);
        assert_eq!(t[0].1, Kind::Long);
    }
}
