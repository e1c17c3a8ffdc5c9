//! Membership in MediaWiki's list of common passwords (the `PasswordNotInCommonList` policy).
//!
//! MediaWiki 1.39 does not ship the list itself but `wikimedia/common-passwords`, a Bloom filter
//! (`pleonasm/bloom-filter`) built from the 100,000 most common passwords of SecLists. To say
//! "common" for exactly the same passwords, false positives included, the mock uses the same filter
//! bits (`data/common-passwords.bloom`, extracted by `scripts/extract-common-passwords.py`) and the
//! same membership test:
//!
//! for each `i` in `0..20`, take `HMAC-SHA1(key = decimal i, message = password bytes)`, read its
//! first four big-endian 16-bit words, clear the top bit of the first, join them into a 63-bit
//! number, reduce it modulo the filter size (2,875,518 bits) and test that bit (bit `n` is bit
//! `n % 8`, least significant first, of byte `n / 8`). The password is common if all 20 bits are
//! set.

use hmac::{Hmac, KeyInit, Mac};
use sha1::Sha1;
use std::sync::LazyLock;

/// The filter's bit array, as stored by MediaWiki (one bit per position, LSB first).
static FILTER_BITS: &[u8] = include_bytes!("../data/common-passwords.bloom");

/// Number of hash functions (`hashers.count`).
const HASH_COUNT: u32 = 20;

/// Size of the filter in bits (`hashers.max`, equal to `bit_array.len`).
const FILTER_SIZE_BITS: u64 = 2_875_518;

/// Whether MediaWiki 1.39 considers `password` to be in its list of common passwords.
///
/// The test runs on the UTF-8 bytes of the password exactly as MediaWiki received it (after its
/// request-level Unicode clean-up; see `username::normalize_input`).
#[cfg(test)]
pub fn is_common(password: &str) -> bool {
    is_common_bytes(password.as_bytes())
}

/// Whether MediaWiki 1.39 considers `password`, as raw bytes (the way PHP sees every string), to
/// be in its list of common passwords.
pub fn is_common_bytes(password: &[u8]) -> bool {
    (0..HASH_COUNT).all(|index| bit_is_set(bit_position(index, password)))
}

/// The 20 hash functions' HMACs, keyed once (cloning a keyed HMAC skips hashing the key pads).
static KEYED: LazyLock<Vec<Hmac<Sha1>>> = LazyLock::new(|| {
    (0..HASH_COUNT)
        .map(|index| {
            <Hmac<Sha1> as KeyInit>::new_from_slice(index.to_string().as_bytes())
                .expect("HMAC accepts keys of any length")
        })
        .collect()
});

/// The filter position that hash function `index` gives for `password`.
fn bit_position(index: u32, password: &[u8]) -> u64 {
    let mut mac = KEYED[index as usize].clone();
    mac.update(password);
    let digest = mac.finalize().into_bytes();
    let mut number = u64::from_be_bytes([
        digest[0], digest[1], digest[2], digest[3], digest[4], digest[5], digest[6], digest[7],
    ]);
    number &= 0x7FFF_FFFF_FFFF_FFFF;
    number % FILTER_SIZE_BITS
}

fn bit_is_set(position: u64) -> bool {
    let byte_index = (position / 8) as usize;
    let bit = (position % 8) as u32;
    FILTER_BITS
        .get(byte_index)
        .is_some_and(|byte| (byte >> bit) & 1 == 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filter_has_the_size_mediawiki_declares() {
        assert_eq!(FILTER_BITS.len() as u64, FILTER_SIZE_BITS.div_ceil(8));
    }

    #[test]
    fn known_common_passwords_are_hits() {
        for password in [
            "password", "123456", "qwerty", "querty", "foobar", "abc12345", "zxcvbnm", "iloveyou",
            "abc",
        ] {
            assert!(is_common(password), "{password:?} should be common");
        }
    }

    #[test]
    fn known_uncommon_passwords_are_misses() {
        for password in [
            "Adminpass-12345",
            "correcthorsebatterystaple",
            "Passpass",
            "ExamplePassword",
            "a",
            "",
            "Zq9-xx-unique-77",
        ] {
            assert!(!is_common(password), "{password:?} should not be common");
        }
    }

    #[test]
    fn positions_match_the_php_filter_for_a_known_input() {
        // Computed with PHP's Pleo\BloomFilter\HasherList::hash('password') on the same parameters.
        let positions: Vec<u64> = (0..3).map(|i| bit_position(i, b"password")).collect();
        assert_eq!(positions, [2555268, 229808, 1820412]);
        let non_ascii = "ünïcødé-pässwörd".as_bytes();
        let positions: Vec<u64> = (0..3).map(|i| bit_position(i, non_ascii)).collect();
        assert_eq!(positions, [2413329, 1784541, 2511927]);
    }
}
