//! The mock's secrets at their lowest level: the cryptographically secure generator they come
//! from, the session ids and 128-bit hex secrets it makes, and the constant-time comparison every
//! check of a secret a client sends goes through.

use rand::RngExt;
use subtle::ConstantTimeEq;

/// The generator of the secrets the mock makes (session ids, token secrets, user tokens,
/// temporary passwords, TOTP secrets): rand's thread-local generator, ChaCha12 seeded from the
/// operating system's generator (getrandom) and reseeded from it after every 64 KiB of output.
/// The `CryptoRng` bound has the compiler hold it to being a cryptographically secure generator.
pub fn secret_rng() -> impl rand::CryptoRng {
    rand::rng()
}

/// A fresh session id: 32 characters of `[0-9a-v]` (160 random bits in base 32), like
/// SessionManager::generateSessionId.
pub fn new_session_id() -> String {
    const DIGITS: &[u8; 32] = b"0123456789abcdefghijklmnopqrstuv";
    let mut rng = secret_rng();
    (0..32)
        .map(|_| DIGITS[rng.random_range(0..32)] as char)
        .collect()
}

/// 32 random hex characters, 128 bits (token secrets, user tokens; MWCryptRand::generateHex(32)).
pub fn random_hex32() -> String {
    let mut bytes = [0u8; 16];
    secret_rng().fill(&mut bytes);
    hex::encode(bytes)
}

/// hash_equals: whether `known` and `user` are the same, in a time that depends on their lengths
/// only (not on where they differ).
pub fn secrets_equal(known: &str, user: &str) -> bool {
    bool::from(known.as_bytes().ct_eq(user.as_bytes()))
}

/// PasswordFactory::generateRandomPasswordString(10): base-32 digits `[0-9a-v]`.
pub fn random_password() -> String {
    const DIGITS: &[u8; 32] = b"0123456789abcdefghijklmnopqrstuv";
    let mut rng = secret_rng();
    (0..10)
        .map(|_| DIGITS[rng.random_range(0..32)] as char)
        .collect()
}
