//! Password storage the way MediaWiki 1.39 stores it: hashing new passwords with its default type
//! and verifying stored hashes.
//!
//! The default (`$wgPasswordDefault = 'pbkdf2'`, `$wgPasswordConfig['pbkdf2']`) is PBKDF2 with
//! HMAC-SHA512, 30,000 rounds and a 64-byte result, stored as
//! `:pbkdf2:sha512:30000:64:<base64 of a random 16-byte salt>:<base64 of the 64-byte result>`.
//!
//! Verification recomputes the hash with the parameters written in the stored value (so a hash
//! stored with another cost or digest still verifies) and compares in constant time. Besides
//! `:pbkdf2:` it understands MediaWiki's two legacy types that can still sit in old databases:
//! `:A:<md5(password)>` (also the mis-labelled salted form `:A:<salt>:<hash>`) and
//! `:B:<salt>:<md5(salt + "-" + md5(password))>`. Anything else (an empty value, bcrypt, argon2,
//! malformed text) never verifies.

use base64::Engine;
use base64::engine::DecodePaddingMode;
use base64::engine::general_purpose::{GeneralPurpose, GeneralPurposeConfig, STANDARD};
use md5::{Digest, Md5};
use sha1::Sha1;
use sha2::{Sha224, Sha256, Sha384, Sha512};
use subtle::ConstantTimeEq;

/// MediaWiki's default PBKDF2 cost (`$wgPasswordConfig['pbkdf2']['cost']`).
pub const MEDIAWIKI_PBKDF2_ITERATIONS: u32 = 30_000;

/// The cost the harness's in-process mock and the tests hash with: one round keeps the stored
/// format (`:pbkdf2:sha512:1:64:...`) and every code path, without 30000 rounds per account.
/// Nothing in an API response shows the cost. `serve` never uses it unless asked.
pub const TEST_PBKDF2_ITERATIONS: u32 = 1;

/// Length in bytes of the PBKDF2 result MediaWiki stores (`$wgPasswordConfig['pbkdf2']['length']`).
const PBKDF2_LENGTH: usize = 64;

/// Length in bytes of the random salt (`Pbkdf2Password::crypt`).
const SALT_LENGTH: usize = 16;

/// Largest PBKDF2 result length a stored hash may ask for; longer requests do not verify.
/// (MediaWiki has no limit; the cap keeps a hostile stored value from costing unbounded work.)
const MAX_STORED_LENGTH: usize = 1024;

/// Hashes new passwords as MediaWiki's default `pbkdf2` type with a configurable cost.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PasswordHasher {
    /// PBKDF2 rounds. MediaWiki uses [`MEDIAWIKI_PBKDF2_ITERATIONS`]; tests may choose fewer.
    pub iterations: u32,
}

impl Default for PasswordHasher {
    fn default() -> Self {
        PasswordHasher {
            iterations: MEDIAWIKI_PBKDF2_ITERATIONS,
        }
    }
}

impl PasswordHasher {
    /// Hash `password` with a fresh random salt, in MediaWiki's stored format.
    ///
    /// An `iterations` of 0 is treated as 1 (PBKDF2 needs at least one round).
    pub fn hash(&self, password: &str) -> String {
        let mut salt = [0u8; SALT_LENGTH];
        rand::fill(&mut salt[..]);
        self.hash_with_salt(password, &salt)
    }

    /// Hash `password` with the given salt (deterministic; for tests and fixtures).
    pub fn hash_with_salt(&self, password: &str, salt: &[u8]) -> String {
        let rounds = self.iterations.max(1);
        let mut derived = [0u8; PBKDF2_LENGTH];
        pbkdf2::pbkdf2_hmac::<Sha512>(password.as_bytes(), salt, rounds, &mut derived);
        format!(
            ":pbkdf2:sha512:{rounds}:{PBKDF2_LENGTH}:{}:{}",
            STANDARD.encode(salt),
            STANDARD.encode(derived)
        )
    }
}

/// Whether `password` matches the `stored` hash (any format described in the module comment).
///
/// Never panics; malformed or unsupported stored values simply do not verify.
pub fn verify(stored: &str, password: &str) -> bool {
    let Some(rest) = stored.strip_prefix(':') else {
        return false;
    };
    let Some((kind, body)) = rest.split_once(':') else {
        return false;
    };
    let expected = match kind {
        "pbkdf2" => pbkdf2_expected(body, password),
        "A" => md5_expected(body, password, true),
        "B" => md5_expected(body, password, false),
        _ => None,
    };
    match expected {
        Some((computed, stored_hash)) => {
            bool::from(computed.as_bytes().ct_eq(stored_hash.as_bytes()))
        }
        None => false,
    }
}

/// For a `:pbkdf2:` body `algo:rounds:length:salt[:...]:hash`, the hash the password would give
/// and the stored hash text.
fn pbkdf2_expected<'a>(body: &'a str, password: &str) -> Option<(String, &'a str)> {
    let parts: Vec<&str> = body.split(':').collect();
    // Three parameters, then at least the salt and the hash.
    if parts.len() < 5 {
        return None;
    }
    let algorithm = parts[0];
    let rounds = u32::try_from(php_int_prefix(parts[1]))
        .ok()
        .filter(|r| *r > 0)?;
    let length = usize::try_from(php_int_prefix(parts[2])).ok()?;
    let salt = lenient_base64_decode(parts[3]);
    let stored_hash = parts[parts.len() - 1];
    let derived = pbkdf2_with(algorithm, password.as_bytes(), &salt, rounds, length)?;
    Some((STANDARD.encode(derived), stored_hash))
}

/// PBKDF2 with the named PHP hash algorithm; `length` 0 means the digest's own size.
fn pbkdf2_with(
    algorithm: &str,
    password: &[u8],
    salt: &[u8],
    rounds: u32,
    length: usize,
) -> Option<Vec<u8>> {
    fn run<D: hmac::EagerHash>(
        password: &[u8],
        salt: &[u8],
        rounds: u32,
        length: usize,
    ) -> Vec<u8> {
        let length = if length == 0 {
            <D as Digest>::output_size()
        } else {
            length
        };
        let mut out = vec![0u8; length];
        pbkdf2::pbkdf2_hmac::<D>(password, salt, rounds, &mut out);
        out
    }
    if length > MAX_STORED_LENGTH {
        return None;
    }
    Some(match algorithm {
        "sha512" => run::<Sha512>(password, salt, rounds, length),
        "sha384" => run::<Sha384>(password, salt, rounds, length),
        "sha256" => run::<Sha256>(password, salt, rounds, length),
        "sha224" => run::<Sha224>(password, salt, rounds, length),
        "sha1" => run::<Sha1>(password, salt, rounds, length),
        "md5" => run::<Md5>(password, salt, rounds, length),
        _ => return None,
    })
}

/// For an `:A:` or `:B:` body, the hash the password would give and the stored hash text.
/// `:A:` is either unsalted (`hash`) or salted (`salt:hash`); MediaWiki rewrites any other `:A:`
/// shape on re-hashing, so those never verify. `:B:` is salted with its first argument.
fn md5_expected<'a>(body: &'a str, password: &str, type_a: bool) -> Option<(String, &'a str)> {
    let parts: Vec<&str> = body.split(':').collect();
    let stored_hash = parts[parts.len() - 1];
    let inner = hex::encode(Md5::digest(password.as_bytes()));
    let computed = match (type_a, parts.len()) {
        (true, 1) => inner,
        (true, 2) => salted_md5(parts[0], &inner),
        (false, n) if n >= 2 => salted_md5(parts[0], &inner),
        _ => return None,
    };
    Some((computed, stored_hash))
}

fn salted_md5(salt: &str, inner_hex: &str) -> String {
    let mut hasher = Md5::new();
    hasher.update(salt.as_bytes());
    hasher.update(b"-");
    hasher.update(inner_hex.as_bytes());
    hex::encode(hasher.finalize())
}

/// PHP's `(int)` of a string: the leading (optionally signed) decimal digits, 0 if there are none.
fn php_int_prefix(text: &str) -> i64 {
    let trimmed = text.trim_start_matches([' ', '\t', '\n', '\r', '\x0b', '\x0c']);
    let (negative, digits) = match trimmed.as_bytes().first() {
        Some(b'-') => (true, &trimmed[1..]),
        Some(b'+') => (false, &trimmed[1..]),
        _ => (false, trimmed),
    };
    let mut value: i64 = 0;
    for byte in digits.bytes().take_while(u8::is_ascii_digit) {
        value = value
            .saturating_mul(10)
            .saturating_add(i64::from(byte - b'0'));
    }
    if negative { -value } else { value }
}

/// PHP's non-strict `base64_decode`: characters outside the alphabet (padding included) are
/// skipped, and a final lone character is dropped.
fn lenient_base64_decode(text: &str) -> Vec<u8> {
    const LENIENT: GeneralPurpose = GeneralPurpose::new(
        &base64::alphabet::STANDARD,
        GeneralPurposeConfig::new()
            .with_decode_padding_mode(DecodePaddingMode::Indifferent)
            .with_decode_allow_trailing_bits(true),
    );
    let mut symbols: Vec<u8> = text
        .bytes()
        .filter(|b| b.is_ascii_alphanumeric() || *b == b'+' || *b == b'/')
        .collect();
    if symbols.len() % 4 == 1 {
        symbols.pop();
    }
    LENIENT.decode(&symbols).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    // Produced by PHP's hash_pbkdf2()/md5() with the salt "0123456789abcdef".
    const PHP_DEFAULT_COST: &str = ":pbkdf2:sha512:30000:64:MDEyMzQ1Njc4OWFiY2RlZg==:qOHHR+hgLBx5tJ0Y8dEKwHTOzZEq2DSZFtUq0iwzy2ItQ/Nk9fVRmKk93LH/W4tKcojJZGCYJSPXwCCv4497wA==";
    const PHP_CHEAP_NON_ASCII: &str = ":pbkdf2:sha512:1000:64:MDEyMzQ1Njc4OWFiY2RlZg==:nKclcBwOV0Ex59jeEZcVvkR51YYdzBDpxUfeHZiGB7HqA2aAYFJmAYxuzsD0rxshaRjj21kNSmIOOgRreMzShw==";
    const PHP_SHA256: &str = ":pbkdf2:sha256:1000:32:MDEyMzQ1Njc4OWFiY2RlZg==:VWCuLZrgXPHm5FJxi9WQztZGp/GTxoRr1Q863YhNbB8=";
    const PHP_SHA1_DEFAULT_LENGTH: &str =
        ":pbkdf2:sha1:1000:0:MDEyMzQ1Njc4OWFiY2RlZg==:MYfP9YV8iuikxSgKo+ca7LIReh4=";

    #[test]
    fn default_hasher_reproduces_mediawiki_format_and_bytes() {
        let hasher = PasswordHasher::default();
        assert_eq!(hasher.iterations, 30_000);
        assert_eq!(
            hasher.hash_with_salt("Secret-pass-1", b"0123456789abcdef"),
            PHP_DEFAULT_COST
        );
    }

    #[test]
    fn cheaper_cost_is_written_into_the_hash() {
        let hasher = PasswordHasher { iterations: 1000 };
        assert_eq!(
            hasher.hash_with_salt("ünï-pässwörd", b"0123456789abcdef"),
            PHP_CHEAP_NON_ASCII
        );
    }

    #[test]
    fn hashes_made_by_php_verify() {
        assert!(verify(PHP_DEFAULT_COST, "Secret-pass-1"));
        assert!(verify(PHP_CHEAP_NON_ASCII, "ünï-pässwörd"));
        assert!(verify(PHP_SHA256, "Secret-pass-1"));
        assert!(verify(PHP_SHA1_DEFAULT_LENGTH, "Secret-pass-1"));
        assert!(!verify(PHP_DEFAULT_COST, "Secret-pass-2"));
        assert!(!verify(PHP_SHA256, "secret-pass-1"));
    }

    #[test]
    fn fresh_hashes_verify_and_use_random_salts() {
        let hasher = PasswordHasher { iterations: 10 };
        let first = hasher.hash("Zq9-xx-unique-77");
        let second = hasher.hash("Zq9-xx-unique-77");
        assert_ne!(first, second);
        assert!(first.starts_with(":pbkdf2:sha512:10:64:"));
        assert_eq!(first.split(':').count(), 7);
        assert!(verify(&first, "Zq9-xx-unique-77"));
        assert!(verify(&second, "Zq9-xx-unique-77"));
        assert!(!verify(&first, "Zq9-xx-unique-78"));
        assert!(!verify(&first, ""));
    }

    #[test]
    fn legacy_md5_types_verify() {
        assert!(verify(
            ":A:8e6689121a878c7c68fd36bdac174810",
            "Secret-pass-1"
        ));
        assert!(verify(
            ":A:1a2b3c4d:8a02a8ac50226194b3b8dc4de500cd70",
            "Secret-pass-1"
        ));
        assert!(verify(
            ":B:1a2b3c4d:8a02a8ac50226194b3b8dc4de500cd70",
            "Secret-pass-1"
        ));
        assert!(!verify(
            ":B:1a2b3c4d:8a02a8ac50226194b3b8dc4de500cd70",
            "Secret-pass-2"
        ));
        assert!(!verify(
            ":B:8e6689121a878c7c68fd36bdac174810",
            "Secret-pass-1"
        ));
        assert!(!verify(
            ":A:x:y:8e6689121a878c7c68fd36bdac174810",
            "Secret-pass-1"
        ));
    }

    #[test]
    fn malformed_or_unsupported_values_never_verify() {
        for stored in [
            "",
            ":",
            "::",
            "pbkdf2:sha512:30000:64:MDEy:abc",
            ":pbkdf2:",
            ":pbkdf2:sha512:30000:64:onlyhash",
            ":pbkdf2:sha512:0:64:MDEyMzQ1Njc4OWFiY2RlZg==:x",
            ":pbkdf2:sha512:-5:64:MDEyMzQ1Njc4OWFiY2RlZg==:x",
            ":pbkdf2:whirlpool:1000:64:MDEyMzQ1Njc4OWFiY2RlZg==:x",
            ":pbkdf2:sha512:1000:999999999:MDEyMzQ1Njc4OWFiY2RlZg==:x",
            ":bcrypt:9:abc:def",
            ":argon2:$argon2id$v=19$m=65536,t=4,p=1$abc$def",
            ":Z:whatever",
        ] {
            assert!(!verify(stored, ""), "{stored:?}");
            assert!(!verify(stored, "Secret-pass-1"), "{stored:?}");
        }
    }

    #[test]
    fn php_integer_and_base64_parsing_quirks() {
        assert_eq!(php_int_prefix("30000"), 30000);
        assert_eq!(php_int_prefix("64abc"), 64);
        assert_eq!(php_int_prefix(" -7x"), -7);
        assert_eq!(php_int_prefix("x"), 0);
        assert_eq!(php_int_prefix("99999999999999999999999"), i64::MAX);
        assert_eq!(lenient_base64_decode("MDEy\nMzQ1*"), b"012345");
        assert_eq!(lenient_base64_decode("MDEyMw"), b"0123");
        assert_eq!(lenient_base64_decode("MDEyM"), b"012");
    }
}
