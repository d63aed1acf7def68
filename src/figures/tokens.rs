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
    /// A line break precedes the token (or it starts the sentence).
    pub newline_before: bool,
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
    let mut newline = true;
    while let Some(&b) = bytes.get(i) {
        let class = class_of(b);
        if class == Class::Space {
            space = true;
            newline |= b == b'\n';
            i += 1;
            continue;
        }
        let (kind, len) = if class == Class::Digit {
            number_len(bytes, i)
        } else if class == Class::Letter {
            (Kind::Word, word_len(s, i))
        } else if class == Class::Mark {
            (Kind::Punct, 1)
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
            newline_before: newline,
        });
        space = false;
        newline = false;
        i += len;
    }
}

/// What a byte starts, for [`tokenize`]: one table load per byte instead of a chain of
/// tests.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Class {
    /// ASCII white space as `char::is_whitespace` has it (vertical tab included).
    Space,
    Digit,
    Letter,
    /// Any other ASCII character.
    Mark,
    /// A byte of a multi-byte character: decoded.
    NonAscii,
}

const CLASSES: [Class; 256] = classes();

const fn classes() -> [Class; 256] {
    let mut table = [Class::NonAscii; 256];
    let mut b: u8 = 0;
    while b < 0x80 {
        table[b as usize] = if b.is_ascii_whitespace() || b == 0x0b {
            Class::Space
        } else if b.is_ascii_digit() {
            Class::Digit
        } else if b.is_ascii_alphabetic() {
            Class::Letter
        } else {
            Class::Mark
        };
        b += 1;
    }
    table
}

fn class_of(b: u8) -> Class {
    CLASSES[b as usize]
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

/// Length of the word at `i`: letters, with an apostrophe between two letters kept
/// inside ("O'Neill"). ASCII letters are taken a byte at a time without decoding.
fn word_len(s: &str, i: usize) -> usize {
    let bytes = s.as_bytes();
    let char_at = |k: usize| s.get(k..).and_then(|r| r.chars().next());
    let mut k = i;
    // end of the last letter taken
    let mut end = i;
    while let Some(&b) = bytes.get(k) {
        if class_of(b) == Class::Letter {
            k += ascii_letters(bytes.get(k..).unwrap_or_default());
            end = k;
            continue;
        }
        // any other ASCII char but the apostrophe ends the word: no need to decode it
        if b.is_ascii() && b != b'\'' {
            break;
        }
        let Some(c) = char_at(k) else {
            break;
        };
        let next = k + c.len_utf8();
        if c.is_alphabetic() {
            k = next;
            end = k;
        } else if matches!(c, '\'' | '’')
            && end == k
            && char_at(next).is_some_and(char::is_alphabetic)
        {
            k = next;
        } else {
            break;
        }
    }
    end - i
}

/// Length of the run of ASCII letters that starts `bytes`, eight bytes at a time while
/// eight remain (words are mostly ASCII letters).
fn ascii_letters(bytes: &[u8]) -> usize {
    let mut n = 0;
    while let Some(chunk) = bytes
        .get(n..n + 8)
        .and_then(|c| <[u8; 8]>::try_from(c).ok())
    {
        let others = non_letters(u64::from_le_bytes(chunk));
        if others != 0 {
            // little-endian: the lowest set byte is the first non-letter
            return n + (others.trailing_zeros() / 8) as usize;
        }
        n += 8;
    }
    let rest = bytes.get(n..).unwrap_or_default();
    n + rest.iter().take_while(|b| b.is_ascii_alphabetic()).count()
}

/// The high bit of each byte of `x` that is not an ASCII letter. Sums stay below 0x100
/// in every byte (high bits are cleared first), so no carry crosses bytes.
fn non_letters(x: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let non_ascii = x & HIGH;
    // lowercase: 'A'..='Z' become 'a'..='z'; no other byte becomes a letter
    let low = (x | (0x20 * ONES)) & !HIGH;
    let at_least_a = (low + (0x80 - b'a' as u64) * ONES) & HIGH;
    let past_z = (low + (0x80 - b'z' as u64 - 1) * ONES) & HIGH;
    let letters = at_least_a & !past_z & !non_ascii;
    !letters & HIGH
}

/// Is `word` one of `list`, ignoring ASCII case? No allocation. `list` is a slice, an
/// array or a [`Lexicon`] (which rejects most words with one mask test).
pub fn is_any<L: Words + ?Sized>(word: &str, list: &L) -> bool {
    list.has(word)
}

/// Something holding words to test against. Taken by reference: a [`Lexicon`] carries
/// its filter (400 bytes), which a by-value argument would copy at every call.
pub trait Words {
    fn has(&self, word: &str) -> bool;
}

impl Words for [&str] {
    fn has(&self, word: &str) -> bool {
        linear_has(self, word)
    }
}

impl<const N: usize> Words for [&str; N] {
    /// Inlined: a short literal list then compiles to a few length and byte tests.
    #[inline]
    fn has(&self, word: &str) -> bool {
        linear_has(&self[..], word)
    }
}

impl Words for Lexicon {
    #[inline]
    fn has(&self, word: &str) -> bool {
        self.filter.position(self.words, |w| w, word).is_some()
    }
}

#[inline]
fn linear_has(list: &[&str], word: &str) -> bool {
    let wb = word.as_bytes();
    let Some(&f) = wb.first() else {
        return list.iter().any(|w| w.is_empty());
    };
    let f = f.to_ascii_lowercase();
    list.iter().any(|w| {
        let b = w.as_bytes();
        b.len() == wb.len() && b[0].to_ascii_lowercase() == f && b.eq_ignore_ascii_case(wb)
    })
}

/// Longest word a [`Lexicon`] mask covers; longer words are tested linearly.
const MASKED_LEN: usize = 16;

/// A word list with a compile-time filter: for each word length, the sets of first and
/// of last letters present. Most words of running text fail the filter and cost two loads
/// and two tests.
#[derive(Clone, Copy)]
pub struct Lexicon {
    pub words: &'static [&'static str],
    filter: Filter,
}

/// Per length: bit `c - 'a'` set when some word of that length starts (`first`) or ends
/// (`last`) with `c`; bit 26 for non-letters. `first[0] == u32::MAX` marks long words,
/// which are always tested linearly.
///
/// `by_len[n]`: bit `i` set when word `i` of the list has `n` bytes, for lists of at most
/// [`INDEXED_WORDS`] words; a word that passes the letter test is then compared only with
/// the list's words of its length, not with the whole list (a 124-word list such as the
/// subjects' stopwords held most of the lookups' cost).
#[derive(Clone, Copy)]
struct Filter {
    first: [u32; MASKED_LEN],
    last: [u32; MASKED_LEN],
    by_len: [u128; MASKED_LEN],
    indexed: bool,
}

/// Longest list whose words [`Filter::by_len`] indexes.
const INDEXED_WORDS: usize = 128;

impl Filter {
    const fn empty(words: usize) -> Filter {
        Filter {
            first: [0; MASKED_LEN],
            last: [0; MASKED_LEN],
            by_len: [0; MASKED_LEN],
            indexed: words <= INDEXED_WORDS,
        }
    }
    const fn of_words(words: &[&str]) -> Filter {
        let mut f = Filter::empty(words.len());
        let mut i = 0;
        while i < words.len() {
            f = f.with(i, words[i]);
            i += 1;
        }
        f
    }
    const fn of_pairs(pairs: &[(&str, &str)]) -> Filter {
        let mut f = Filter::empty(pairs.len());
        let mut i = 0;
        while i < pairs.len() {
            f = f.with(i, pairs[i].0);
            i += 1;
        }
        f
    }
    /// Word `i` of the list is `w`.
    const fn with(mut self, i: usize, w: &str) -> Filter {
        let b = w.as_bytes();
        if !b.is_empty() && b.len() < MASKED_LEN {
            self.first[b.len()] |= first_bit(b[0]);
            self.last[b.len()] |= first_bit(b[b.len() - 1]);
            if self.indexed {
                self.by_len[b.len()] |= 1 << i;
            }
        } else if b.len() >= MASKED_LEN {
            self.first[0] = u32::MAX;
        }
        self
    }
    /// The index of the first word of `list` equal to `word` (ignoring ASCII case), where
    /// `key` gives each entry's word; by the length index when there is one.
    #[inline]
    fn position<T>(&self, list: &[T], key: impl Fn(&T) -> &str, word: &str) -> Option<usize> {
        if !self.may_hold(word) {
            return None;
        }
        self.position_of_candidate(list, key, word)
    }

    /// [`Filter::position`] for a word that passed the letter test (out of line: most
    /// words of running text never get here).
    #[inline(never)]
    fn position_of_candidate<T>(
        &self,
        list: &[T],
        key: impl Fn(&T) -> &str,
        word: &str,
    ) -> Option<usize> {
        let n = word.len();
        if !self.indexed || n == 0 || n >= MASKED_LEN {
            return list.iter().position(|t| key(t).eq_ignore_ascii_case(word));
        }
        let mut bits = self.by_len[n];
        while bits != 0 {
            let i = bits.trailing_zeros() as usize;
            if list
                .get(i)
                .is_some_and(|t| key(t).eq_ignore_ascii_case(word))
            {
                return Some(i);
            }
            bits &= bits - 1;
        }
        None
    }
    #[inline]
    fn may_hold(&self, word: &str) -> bool {
        let b = word.as_bytes();
        if b.is_empty() || b.len() >= MASKED_LEN {
            return self.first[0] == u32::MAX;
        }
        self.first[b.len()] & first_bit(b[0]) != 0
            && self.last[b.len()] & first_bit(b[b.len() - 1]) != 0
    }
}

const fn first_bit(b: u8) -> u32 {
    let l = b.to_ascii_lowercase();
    if l.is_ascii_lowercase() {
        1 << (l - b'a')
    } else {
        1 << 26
    }
}

impl Lexicon {
    pub const fn new(words: &'static [&'static str]) -> Lexicon {
        Lexicon {
            words,
            filter: Filter::of_words(words),
        }
    }
}

/// A word → class table with the same filter as [`Lexicon`].
#[derive(Clone, Copy)]
pub struct PairLexicon {
    pub pairs: &'static [(&'static str, &'static str)],
    filter: Filter,
}

impl PairLexicon {
    pub const fn new(pairs: &'static [(&'static str, &'static str)]) -> PairLexicon {
        PairLexicon {
            pairs,
            filter: Filter::of_pairs(pairs),
        }
    }
    /// The class of `word`, ignoring ASCII case.
    pub fn get(&self, word: &str) -> Option<&'static str> {
        self.filter
            .position(self.pairs, |p| p.0, word)
            .map(|i| self.pairs[i].1)
    }
}

/// Words that can open a figure (number words, vague quantities, month and weekday names,
/// relative days, named times), kept sorted to be read and reviewed (the scanner looks
/// them up packed in a hash set). Everything else is skipped by the scanner without
/// running the matchers.
#[rustfmt::skip]
const TRIGGERS: &[&str] = &[
    "a", "an", "apr", "april", "aug", "august", "billions", "dec", "december", "dozen",
    "dozens", "eight", "eighteen", "eighty", "eleven", "feb", "february", "few", "fifteen", "fifty",
    "five", "forty", "four", "fourteen", "fri", "friday", "half", "hundred", "hundreds",
    "jan", "january", "jul", "july", "jun", "june", "last", "mar", "march", "may", "midday",
    "midnight", "million", "millions", "mon", "monday", "nine", "nineteen", "ninety", "noon",
    "nov", "november", "oct", "october", "one", "sat", "saturday", "sep", "sept", "september",
    "seven", "seventeen", "seventy", "several", "six", "sixteen", "sixty", "sun", "sunday",
    "ten", "tens", "thirteen", "thirty", "this", "thousand", "thousands", "three", "thu",
    "thur", "thurs", "thursday", "today", "tomorrow", "tonight", "tue", "tues", "tuesday",
    "twelve", "twenty", "two", "wed", "wednesday", "yesterday", "zero",
];

/// Can `word` open a figure? A length / first-letter / last-letter filter turns down
/// most words ("the" and "a" pass); the rest are ASCII-lowercased, packed into an
/// integer and looked up in a hash table of the packed triggers: no allocation, no
/// string comparison, and for most words one probe.
///
/// Asked for every word of every sentence (4 % of the per-article analysis before the
/// filter, most of it a `memcpy` into the packed key and a stalled reload of it).
pub fn may_start_figure(word: &str) -> bool {
    // possessive weekdays: "Sunday's"
    let word = if word.ends_with('s') {
        word.strip_suffix("'s")
            .or_else(|| word.strip_suffix("’s"))
            .unwrap_or(word)
    } else {
        word
    };
    if !TRIGGER_FILTER.may_hold(word) {
        return false;
    }
    let Some(key) = pack(word) else {
        return false;
    };
    trigger_table().holds(key)
}

/// [`Filter`] of [`TRIGGERS`]: no trigger is 16 bytes or longer, so longer words fail it.
const TRIGGER_FILTER: Filter = Filter::of_words(TRIGGERS);

/// Up to 16 ASCII bytes, lowercased, big-endian in a `u128` (so integer order is string
/// order).
fn pack(word: &str) -> Option<u128> {
    let b = word.as_bytes();
    if b.is_empty() || b.len() > 16 || !b.is_ascii() {
        return None;
    }
    // byte by byte: a variable-length copy into an array calls `memcpy`, and reading the
    // array back as one integer then waits for the copy's stores
    let mut x = 0u128;
    for &c in b {
        x = (x << 8) | c as u128;
    }
    Some(ascii_lowercase(x << (8 * (16 - b.len()))))
}

/// The ASCII bytes of `x` lowercased, all sixteen at once: 0x20 added to each byte in
/// 'A'..='Z'. Bytes are below 0x80, so no sum carries into the next byte.
fn ascii_lowercase(x: u128) -> u128 {
    const ONES: u128 = u128::MAX / 0xff;
    const HIGH: u128 = ONES * 0x80;
    let at_least_upper_a = (x + (0x80 - b'A' as u128) * ONES) & HIGH;
    let past_upper_z = (x + (0x80 - b'Z' as u128 - 1) * ONES) & HIGH;
    x | ((at_least_upper_a & !past_upper_z) >> 2)
}

fn trigger_table() -> &'static PackedSet {
    static TABLE: std::sync::OnceLock<PackedSet> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| PackedSet::of(TRIGGERS.iter().filter_map(|w| pack(w))))
}

/// Slots of a [`PackedSet`]: a power of two, well above the number of triggers, so
/// probe runs stay short and an empty slot always ends one.
const SLOTS: usize = 256;

/// A set of packed words ([`pack`]) with open addressing. 0 marks an empty slot: no
/// packed word is 0 (words are not empty).
struct PackedSet {
    slots: Vec<u128>,
}

impl PackedSet {
    fn of(keys: impl Iterator<Item = u128>) -> PackedSet {
        let mut slots = vec![0u128; SLOTS];
        for key in keys {
            let mut i = slot_of(key);
            // the triggers fill under half the slots: an empty one is always found
            while slots.get(i).is_some_and(|&s| s != 0 && s != key) {
                i = (i + 1) % SLOTS;
            }
            if let Some(s) = slots.get_mut(i) {
                *s = key;
            }
        }
        PackedSet { slots }
    }

    fn holds(&self, key: u128) -> bool {
        let mut i = slot_of(key);
        loop {
            match self.slots.get(i) {
                Some(&s) if s == key => return true,
                Some(&s) if s != 0 => i = (i + 1) % SLOTS,
                _ => return false,
            }
        }
    }
}

/// Home slot of a packed word: its two halves mixed by a multiplication (Fibonacci
/// hashing), top bits kept.
fn slot_of(key: u128) -> usize {
    let mixed = (key as u64 ^ (key >> 64) as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    (mixed >> 56) as usize % SLOTS
}

#[cfg(test)]
mod tests {
    use super::*;

    /// 130 words (past the length index, so tested linearly): word `i` is the
    /// `i % 26 + 1` letters of [`LONG`] from letter `i / 26`.
    const MANY: [&str; 130] = {
        let mut out = [""; 130];
        let mut i = 0;
        while i < 130 {
            out[i] = LONG.split_at(i / 26 + i % 26 + 1).0.split_at(i / 26).1;
            i += 1;
        }
        out
    };
    const LONG: &str = "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz";
    const WIDE: Lexicon = Lexicon::new(&MANY);
    const NARROW: Lexicon = Lexicon::new(&[
        "and",
        "The",
        "killed",
        "people",
        "a",
        "outside",
        "Saturday",
        "unprecedentedly",
        "x-ray",
        "naïve",
    ]);
    const PAIRS: PairLexicon =
        PairLexicon::new(&[("dead", "killed"), ("DEAD", "other"), ("hurt", "injured")]);

    proptest::proptest! {
        /// The length index finds exactly what a walk through the list finds, in any case,
        /// for lists inside and past the index.
        #[test]
        fn lexicon_lookups_equal_a_linear_walk(word in "[a-zA-Z\\-ï]{0,18}") {
            for lex in [WIDE, NARROW] {
                proptest::prop_assert_eq!(lex.has(&word), linear_has(lex.words, &word));
            }
            let want = PAIRS.pairs.iter().find(|(k, _)| k.eq_ignore_ascii_case(&word));
            proptest::prop_assert_eq!(PAIRS.get(&word), want.map(|p| p.1));
        }
    }

    #[test]
    fn every_listed_word_is_found_in_any_case() {
        for lex in [WIDE, NARROW] {
            for w in lex.words {
                assert!(lex.has(w), "{w}");
                assert!(lex.has(&w.to_ascii_uppercase()), "{w}");
            }
        }
        assert!(!NARROW.has("kill") && !NARROW.has("peoples") && !NARROW.has(""));
        assert_eq!(PAIRS.get("Dead"), Some("killed"), "the first entry wins");
    }

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
    fn triggers_are_sorted_and_found() {
        assert!(
            TRIGGERS.windows(2).all(|w| w[0] < w[1]),
            "TRIGGERS must be sorted"
        );
        for w in ["Seventeen", "June", "Sunday's", "a", "HUNDREDS", "noon"] {
            assert!(may_start_figure(w), "{w}");
        }
        assert!(!may_start_figure("people"));
        assert!(
            TRIGGERS.len() * 2 < SLOTS,
            "the trigger table must stay sparse"
        );
        for w in ["the", "and", "peoples", "zeros", "hundredth", "x"] {
            assert!(!may_start_figure(w), "{w}");
        }
    }

    #[test]
    fn byte_classes_follow_the_char_tests() {
        for b in 0..=u8::MAX {
            let c = b as char;
            let expected = if !b.is_ascii() {
                Class::NonAscii
            } else if c.is_whitespace() {
                Class::Space
            } else if b.is_ascii_digit() {
                Class::Digit
            } else if b.is_ascii_alphabetic() {
                Class::Letter
            } else {
                Class::Mark
            };
            assert!(class_of(b) == expected, "byte {b}");
        }
    }

    #[test]
    fn letter_runs_are_measured_eight_bytes_at_a_time() {
        for b in 0..=u8::MAX {
            let chunk = [b'a', b'Z', b, b'q', b'x', b'M', b'n', b'o', b'p', b'r'];
            let expected = if b.is_ascii_alphabetic() { 10 } else { 2 };
            assert_eq!(ascii_letters(&chunk), expected, "byte {b}");
            let mut all = [b; 8];
            all[7] = b'.';
            let expected = if b.is_ascii_alphabetic() { 7 } else { 0 };
            assert_eq!(ascii_letters(&all), expected, "byte {b}");
        }
        assert_eq!(ascii_letters(b"abc"), 3);
        assert_eq!(ascii_letters(b""), 0);
        assert_eq!(ascii_letters("Año".as_bytes()), 1);
    }

    #[test]
    fn packing_lowercases_every_ascii_byte() {
        for b in 0..0x80u8 {
            let word = [b; 16];
            let packed = pack(std::str::from_utf8(&word).unwrap_or("")).unwrap_or(0);
            let expected = u128::from_be_bytes([b.to_ascii_lowercase(); 16]);
            assert_eq!(packed, expected, "byte {b}");
        }
        assert_eq!(pack("Monday"), pack("monday"));
        assert_eq!(pack(""), None);
        assert_eq!(pack("año"), None);
    }

    #[test]
    fn long_digit_runs_are_one_long_token() {
        let s = "9".repeat(200_000);
        let t = kinds(&s);
        assert_eq!(t.len(), 1);
        assert_eq!(t[0].1, Kind::Long);
    }
}
