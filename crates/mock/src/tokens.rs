//! Tokens: the format `hex(HMAC-MD5(secret, ts . salt)) . dechex(ts) . "+\"`, the token types of
//! meta=tokens with their salts and secret keys, the anonymous `+\` edit token, and validation;
//! and `secrets_equal`, the constant-time comparison (PHP's hash_equals) every comparison of a
//! secret the client sends goes through (tokens, the legacy creation token, TOTP codes, OpenID
//! Connect states).

pub use super::secrets::secrets_equal;
use hmac::{KeyInit, Mac};

use super::session::RequestSession;

/// Token::SUFFIX
pub const SUFFIX: &str = "+\\";

type HmacMd5 = hmac::Hmac<md5::Md5>;

/// The token for `secret`/`salt` issued at unix time `ts`.
pub fn token_at(secret: &str, salt: &str, ts: u64) -> String {
    let mut mac = match HmacMd5::new_from_slice(secret.as_bytes()) {
        Ok(m) => m,
        // HMAC accepts keys of any length; this branch cannot be taken.
        Err(_) => return SUFFIX.to_string(),
    };
    mac.update(format!("{ts}{salt}").as_bytes());
    format!(
        "{}{:x}{}",
        hex::encode(mac.finalize().into_bytes()),
        ts,
        SUFFIX
    )
}

/// Token::match: extracts the timestamp and compares in constant time.
pub fn token_matches(secret: &str, salt: &str, user_token: &str) -> bool {
    let Some(ts) = token_timestamp(user_token) else {
        return false;
    };
    secrets_equal(&token_at(secret, salt, ts), user_token)
}

/// Token::getTimestamp: None unless the token is hex followed by the suffix and long enough.
pub fn token_timestamp(token: &str) -> Option<u64> {
    let body = token.strip_suffix(SUFFIX)?;
    if token.len() <= 32 + SUFFIX.len()
        || !body
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
    {
        return None;
    }
    // PHP's hexdec saturates to a float for huge values; such tokens can never match anyway.
    u64::from_str_radix(&body[32..], 16).ok()
}

/// The token types' names, in ApiQueryTokens::getTokenTypeSalts order (alphabetical, as
/// `type=*` lists them; meta=tokens and checktoken take them, errors list them so).
pub const TYPE_NAMES: &[&str] = &[
    "createaccount",
    "csrf",
    "login",
    "patrol",
    "rollback",
    "userrights",
    "watch",
];

/// The token types of meta=tokens, in alphabetical order (the order of `type=*`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokenType {
    CreateAccount,
    Csrf,
    Login,
    Patrol,
    Rollback,
    UserRights,
    Watch,
}

impl TokenType {
    pub const ALL: [TokenType; 7] = [
        TokenType::CreateAccount,
        TokenType::Csrf,
        TokenType::Login,
        TokenType::Patrol,
        TokenType::Rollback,
        TokenType::UserRights,
        TokenType::Watch,
    ];

    pub fn name(self) -> &'static str {
        match self {
            TokenType::CreateAccount => "createaccount",
            TokenType::Csrf => "csrf",
            TokenType::Login => "login",
            TokenType::Patrol => "patrol",
            TokenType::Rollback => "rollback",
            TokenType::UserRights => "userrights",
            TokenType::Watch => "watch",
        }
    }

    pub fn from_name(name: &str) -> Option<TokenType> {
        TokenType::ALL.into_iter().find(|t| t.name() == name)
    }

    /// The salt mixed into the HMAC.
    fn salt(self) -> &'static str {
        match self {
            TokenType::Watch => "watch",
            TokenType::Patrol => "patrol",
            TokenType::Rollback => "rollback",
            TokenType::UserRights => "userrights",
            TokenType::Csrf | TokenType::Login | TokenType::CreateAccount => "",
        }
    }

    /// Session-bound types (array salts) have their own secret and persist the session;
    /// the others are edit tokens (secret `default`, `+\` for anonymous users).
    fn own_secret_key(self) -> Option<&'static str> {
        match self {
            TokenType::Login => Some("login"),
            TokenType::CreateAccount => Some("createaccount"),
            _ => None,
        }
    }
}

/// ApiQueryTokens::getToken: the current token of `ty` for this session and user.
pub fn issue(session: &mut RequestSession, logged_in: bool, ty: TokenType, now: u64) -> String {
    match ty.own_secret_key() {
        Some(key) => {
            session.persist();
            let secret = session.token_secret(key);
            token_at(&secret, ty.salt(), now)
        }
        None if !logged_in => SUFFIX.to_string(),
        None => {
            let secret = session.token_secret("default");
            token_at(&secret, ty.salt(), now)
        }
    }
}

/// What action=checktoken finds a token to be.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokenCheck {
    Valid,
    /// It matches, but was issued more than the given number of seconds ago.
    Expired,
    Invalid,
}

/// ApiCheckToken: `user_token` against this session's token of `ty` (ApiQueryTokens::getToken,
/// which persists the session for the session-bound types), no older than `max_age` seconds when
/// given (Token::match: too old when its time is before `now - max_age`; the anonymous `+\` has
/// no time and never expires).
pub fn check(
    session: &mut RequestSession,
    logged_in: bool,
    ty: TokenType,
    user_token: &str,
    max_age: Option<i64>,
    now: u64,
) -> TokenCheck {
    if !validate(session, logged_in, ty, user_token) {
        return TokenCheck::Invalid;
    }
    let too_old = match (max_age, token_timestamp(user_token)) {
        (Some(max_age), Some(issued)) => (issued as i128) < now as i128 - max_age as i128,
        _ => false,
    };
    if too_old {
        TokenCheck::Expired
    } else {
        TokenCheck::Valid
    }
}

/// ApiBase::validateToken for a module whose token type is `ty`.
pub fn validate(
    session: &mut RequestSession,
    logged_in: bool,
    ty: TokenType,
    user_token: &str,
) -> bool {
    match ty.own_secret_key() {
        Some(key) => {
            session.persist();
            let secret = session.token_secret(key);
            !user_token.is_empty() && token_matches(&secret, ty.salt(), user_token)
        }
        None if !logged_in => user_token == SUFFIX,
        None => {
            let secret = session.token_secret("default");
            !user_token.is_empty() && token_matches(&secret, ty.salt(), user_token)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_type_names_are_the_types_names() {
        let names: Vec<&str> = TokenType::ALL.iter().map(|t| t.name()).collect();
        assert_eq!(names, TYPE_NAMES);
    }

    #[test]
    fn known_hmac_md5_token() {
        // Reference value from PHP: hash_hmac('md5', '1795405643', 'secret') . dechex(...) . '+\\'
        let t = token_at("secret", "", 0x6b03b74b);
        assert_eq!(t, "5b3a6ad500167d1b2353fa2a838a0e5f6b03b74b+\\");
        assert!(token_matches("secret", "", &t));
        assert!(!token_matches("other", "", &t));
        assert!(!token_matches("secret", "watch", &t));
    }

    #[test]
    fn secrets_differing_in_any_byte_or_length_are_unequal() {
        let token = token_at("secret", "", 0x6b03b74b);
        assert!(secrets_equal(&token, &token.clone()));
        let bytes = token.as_bytes();
        for at in 0..bytes.len() {
            for flip in [0x01u8, 0x20, 0x80] {
                let mut changed = bytes.to_vec();
                changed[at] ^= flip;
                let changed = String::from_utf8_lossy(&changed);
                assert!(!secrets_equal(&token, &changed), "byte {at} ^ {flip:#x}");
                assert!(
                    !token_matches("secret", "", &changed),
                    "byte {at} ^ {flip:#x}"
                );
            }
        }
        for len in 0..bytes.len() {
            assert!(!secrets_equal(&token, &token[..len]), "prefix of {len}");
            assert!(!token_matches("secret", "", &token[..len]));
        }
        assert!(!secrets_equal(&token, &format!("{token}0")));
        assert!(!secrets_equal(&token, &format!("0{token}")));
        assert!(!secrets_equal("", "x") && !secrets_equal("x", "") && secrets_equal("", ""));
    }

    #[test]
    fn rfc2202_hmac_md5_vector() {
        let mut mac = HmacMd5::new_from_slice(b"Jefe").unwrap();
        mac.update(b"what do ya want for nothing?");
        assert_eq!(
            hex::encode(mac.finalize().into_bytes()),
            "750c783e6ab0b503eaa86e310a5db738"
        );
    }

    #[test]
    fn malformed_tokens_have_no_timestamp() {
        assert_eq!(token_timestamp("+\\"), None);
        assert_eq!(token_timestamp(" \\"), None);
        assert_eq!(token_timestamp("0123456789abcdef0123456789abcdef+\\"), None);
        assert_eq!(
            token_timestamp("0123456789abcdef0123456789ABCDEF6b03b74b+\\"),
            None
        );
        assert_eq!(
            token_timestamp("0123456789abcdef0123456789abcdef6b03b74b+\\"),
            Some(0x6b03b74b)
        );
    }

    #[test]
    fn anonymous_edit_tokens_are_the_suffix() {
        let store = crate::session::SessionStore::default();
        let mut s = RequestSession::load(&store, None, None, 1, 3600);
        assert_eq!(issue(&mut s, false, TokenType::Csrf, 5), "+\\");
        assert!(!s.is_persistent());
        assert!(validate(&mut s, false, TokenType::Csrf, "+\\"));
        assert!(!validate(&mut s, false, TokenType::Csrf, " \\"));
        let login = issue(&mut s, false, TokenType::Login, 5);
        assert!(s.is_persistent());
        assert!(validate(&mut s, false, TokenType::Login, &login));
        assert!(!validate(&mut s, false, TokenType::CreateAccount, &login));
        assert!(!validate(&mut s, true, TokenType::Csrf, "+\\"));
    }
}
