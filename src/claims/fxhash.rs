//! The word-stem hash of the claim vocabulary (the map hasher is [`crate::fxhash`]).

pub(crate) use crate::fxhash::{FxHashMap, FxHashSet};

/// A 64-bit hash of a word stem: FNV-1a, then the MurmurHash3 finaliser so every input
/// bit reaches every output bit. Words are interned by this value, so two stems meet when
/// their hashes do: with a million distinct stems the chance that any two distinct ones
/// collide is about 3·10⁻⁸ (birthday bound over 2⁶⁴), far below any other error here.
pub(crate) fn stem_hash(s: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in s.bytes() {
        h ^= b as u64;
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    h ^ (h >> 33)
}
