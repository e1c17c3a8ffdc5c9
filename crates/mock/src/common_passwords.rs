//! Membership in MediaWiki's list of common passwords (the `PasswordNotInCommonList` policy), in
//! the two ways releases test it ([`CommonPasswordCheck`], chosen by the release row):
//!
//! * MediaWiki 1.43 (`wikimedia/common-passwords` 0.5) looks the password up, exactly, in the list
//!   of the 100,000 most common passwords of SecLists. The mock ships that list
//!   (`data/common-passwords.list`, sorted and front-coded by `scripts/extract-common-passwords.py
//!   list`) and binary-searches it.
//! * MediaWiki 1.39 (`wikimedia/common-passwords` 0.4) ships not the list but a Bloom filter
//!   (`pleonasm/bloom-filter`) built from it. To say "common" for exactly the same passwords,
//!   false positives included, the mock uses the same filter bits (`data/common-passwords.bloom`,
//!   extracted by `scripts/extract-common-passwords.py bloom`) and the same membership test,
//!   below.
//!
//! The filter's test: for each `i` in `0..20`, take `HMAC-SHA1(key = decimal i, message =
//! password bytes)`, read its first four big-endian 16-bit words, clear the top bit of the first,
//! join them into a 63-bit number, reduce it modulo the filter size (2,875,518 bits) and test that
//! bit (bit `n` is bit `n % 8`, least significant first, of byte `n / 8`). The password is common
//! if all 20 bits are set.

use hmac::{Hmac, KeyInit, Mac};
use sha1::Sha1;
use std::sync::LazyLock;

/// How a release tests whether a password is common.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CommonPasswordCheck {
    /// The Bloom filter of `wikimedia/common-passwords` 0.4 (every listed password, plus about one
    /// in a million others: `Qx783038-zq`, `Qx1873621-zq`, `Qx3317577-zq`, ...).
    BloomFilter,
    /// An exact lookup in the list (`wikimedia/common-passwords` 0.5).
    ExactList,
}

impl CommonPasswordCheck {
    /// Whether `password`, as raw bytes (the way PHP sees every string), counts as common.
    ///
    /// The test runs on the UTF-8 bytes of the password exactly as MediaWiki received it (after
    /// its request-level Unicode clean-up; see `username::normalize_input`).
    pub fn is_common(self, password: &[u8]) -> bool {
        match self {
            CommonPasswordCheck::BloomFilter => is_in_bloom_filter(password),
            CommonPasswordCheck::ExactList => is_in_list(password),
        }
    }
}

/// The list, front-coded: per entry the number of bytes shared with the previous entry, the rest
/// of the entry, then a newline.
static LIST_DATA: &[u8] = include_bytes!("../data/common-passwords.list");

/// The decoded list, sorted by bytes (decoded on first use: about 100,000 short strings).
static LIST: LazyLock<Vec<Box<[u8]>>> = LazyLock::new(|| {
    let mut entries: Vec<Box<[u8]>> = Vec::with_capacity(100_000);
    let mut previous: &[u8] = &[];
    let mut rest = LIST_DATA;
    while let Some((&shared, tail)) = rest.split_first() {
        let end = tail.iter().position(|&b| b == b'\n').unwrap_or(tail.len());
        let mut entry = previous[..usize::from(shared).min(previous.len())].to_vec();
        entry.extend_from_slice(&tail[..end]);
        entries.push(entry.into_boxed_slice());
        previous = entries.last().map(|e| &e[..]).unwrap_or(&[]);
        rest = tail.get(end + 1..).unwrap_or(&[]);
    }
    entries
});

fn is_in_list(password: &[u8]) -> bool {
    LIST.binary_search_by(|entry| entry[..].cmp(password))
        .is_ok()
}

/// The filter's bit array, as stored by MediaWiki (one bit per position, LSB first).
static FILTER_BITS: &[u8] = include_bytes!("../data/common-passwords.bloom");

/// Number of hash functions (`hashers.count`).
const HASH_COUNT: u32 = 20;

/// Size of the filter in bits (`hashers.max`, equal to `bit_array.len`).
const FILTER_SIZE_BITS: u64 = 2_875_518;

/// Whether the Bloom filter says `password` is in the list.
fn is_in_bloom_filter(password: &[u8]) -> bool {
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

    fn is_common(password: &str) -> bool {
        CommonPasswordCheck::BloomFilter.is_common(password.as_bytes())
    }

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
    fn the_list_is_sorted_complete_and_inside_the_filter() {
        assert_eq!(LIST.len(), 100_000);
        assert!(LIST.windows(2).all(|pair| pair[0] < pair[1]));
        assert!(LIST.iter().all(|entry| is_in_bloom_filter(entry)));
        for password in [
            "password",
            "123456",
            "abc",
            "pic\\'s",
            "a\u{aa}\u{bb}",
            "07051952",
        ] {
            assert!(
                is_in_list(password.as_bytes()),
                "{password:?} should be listed"
            );
        }
    }

    #[test]
    fn the_exact_list_has_none_of_the_filters_false_positives() {
        for password in ["Qx783038-zq", "Qx1873621-zq", "Qx3317577-zq"] {
            assert!(is_in_bloom_filter(password.as_bytes()), "{password:?}");
            assert!(!CommonPasswordCheck::ExactList.is_common(password.as_bytes()));
        }
        for near_miss in ["pAssword", "qwertyx", "passwordx", "123456 ", "ABC", ""] {
            assert!(!is_in_list(near_miss.as_bytes()), "{near_miss:?}");
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
