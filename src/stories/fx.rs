//! Term fingerprints for the story vectors (the hasher is [`crate::fxhash`]).

#[cfg(test)]
use crate::fxhash::FxHashSet;
use crate::fxhash::FxHasher;
use std::hash::Hasher;

/// A 64-bit fingerprint of a string, mixed once more so that short keys spread over all
/// bits (two different terms share a fingerprint with odds of about 1 in 10^13 in a
/// workspace of a million terms).
pub(crate) fn fingerprint(s: &str) -> u64 {
    let mut h = FxHasher::default();
    h.write(s.as_bytes());
    h.add(s.len() as u64);
    // splitmix64 finaliser
    let mut z = h.finish();
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprints_tell_close_strings_apart() {
        let words = [
            "",
            "a",
            "ab",
            "ab\0",
            "ba",
            "abcdefgh",
            "abcdefghi",
            "abcdefgh\0",
        ];
        let prints: FxHashSet<u64> = words.iter().map(|w| fingerprint(w)).collect();
        assert_eq!(prints.len(), words.len());
        assert_eq!(fingerprint("kelmora"), fingerprint("kelmora"));
    }
}
