//! Time-based one-time passwords as OATHAuth uses them (RFC 6238 over RFC 4226 HOTP: HMAC-SHA-1,
//! 30-second steps, 6 digits) and the RFC 4648 base32 its secrets are written in. Shared by the
//! harness's `totp` filter and the mock's OATHAuth provider.

use hmac::{Hmac, KeyInit, Mac};
use sha1::Sha1;

/// OATHAuth's time step in seconds.
pub const PERIOD: u64 = 30;

/// Decodes RFC 4648 base32 (either case, `=` padding and spaces ignored); None for any other
/// character or an empty secret.
pub fn base32_decode(text: &str) -> Option<Vec<u8>> {
    let mut bits: u64 = 0;
    let mut count = 0u32;
    let mut out = Vec::new();
    for c in text.chars().filter(|c| *c != '=' && !c.is_whitespace()) {
        let value = match c.to_ascii_uppercase() {
            up @ 'A'..='Z' => up as u64 - 'A' as u64,
            digit @ '2'..='7' => digit as u64 - '2' as u64 + 26,
            _ => return None,
        };
        bits = (bits << 5) | value;
        count += 5;
        if count >= 8 {
            count -= 8;
            out.push((bits >> count) as u8);
            bits &= (1 << count) - 1;
        }
    }
    (!out.is_empty()).then_some(out)
}

/// RFC 4226 HOTP: the 6-digit code for `counter`.
pub fn hotp(key: &[u8], counter: u64) -> String {
    // HMAC accepts keys of any length, so this cannot fail.
    let Ok(mut mac) = Hmac::<Sha1>::new_from_slice(key) else {
        return String::new();
    };
    mac.update(&counter.to_be_bytes());
    let digest = mac.finalize().into_bytes();
    let offset = usize::from(digest[digest.len() - 1] & 0x0f);
    let word = u32::from_be_bytes([
        digest[offset],
        digest[offset + 1],
        digest[offset + 2],
        digest[offset + 3],
    ]) & 0x7fff_ffff;
    format!("{:06}", word % 1_000_000)
}

/// The code for a base32 secret at Unix time `unix` (its 30-second window); None for a secret
/// that is not base32.
pub fn code_at(secret: &str, unix: u64) -> Option<String> {
    Some(hotp(&base32_decode(secret)?, unix / PERIOD))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc6238_sha1_vectors() {
        // RFC 6238 appendix B: the ASCII key "12345678901234567890", 8 digits there; the last six
        // digits are the 6-digit codes.
        let key = b"12345678901234567890";
        assert_eq!(hotp(key, 59 / 30), "287082");
        assert_eq!(hotp(key, 1_111_111_109 / 30), "081804");
        assert_eq!(hotp(key, 1_234_567_890 / 30), "005924");
        assert_eq!(hotp(key, 20_000_000_000 / 30), "353130");
    }

    #[test]
    fn rfc4226_hotp_vectors() {
        let key = b"12345678901234567890";
        let expected = ["755224", "287082", "359152", "969429", "338314"];
        for (counter, code) in expected.iter().enumerate() {
            assert_eq!(hotp(key, counter as u64), *code);
        }
    }

    #[test]
    fn base32() {
        assert_eq!(base32_decode("MZXW6YTBOI======").unwrap(), b"foobar");
        assert_eq!(base32_decode("mzxw6ytb oi").unwrap(), b"foobar");
        assert_eq!(
            base32_decode("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ").unwrap(),
            b"12345678901234567890"
        );
        assert_eq!(base32_decode("MZ1W"), None);
        assert_eq!(base32_decode(""), None);
        assert_eq!(
            code_at("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", 59).as_deref(),
            Some("287082")
        );
        assert_eq!(code_at("not base32!", 59), None);
    }
}
