//! The two-factor set-up step of the `openid-connect` configuration's account creation (mock-only;
//! API:Account creation's example 3): once the account exists, a UI with the
//! TwoFactorAuthenticationRequest (a fresh 16-character base32 secret, shown in groups of four,
//! in its metadata) and the `skip2FASetup` button. The current TOTP code of the secret (RFC 6238,
//! 30-second windows, the previous and next window accepted too) or the button passes; anything
//! else shows the same requests again with OATHAuth's `oathauth-login-failed`.

use rand::RngExt;

use super::auth_requests::{AuthRequest, Field, FieldType, RequestKind, Required, field, raw_msg};
use super::authmanager::{AuthResponse, Submission};
use super::messages::Msg;
use super::tokens::secrets_equal;
use crate::totp;

/// How many windows either side of now a set-up code may come from.
const WINDOW_RADIUS: u64 = 1;
const BASE32: &[u8; 32] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

/// A fresh secret: 16 base32 characters (80 random bits) in groups of four, e.g.
/// "6CO3 2AKV EP2X MIV5".
pub fn new_secret() -> String {
    let mut rng = super::session::secret_rng();
    let letters: Vec<char> = (0..16)
        .map(|_| BASE32[rng.random_range(0..BASE32.len())] as char)
        .collect();
    letters
        .chunks(4)
        .map(|group| group.iter().collect::<String>())
        .collect::<Vec<_>>()
        .join(" ")
}

/// TwoFactorAuthenticationRequest for `account` with `secret`, and the skip button.
pub fn requests(account: &str, secret: &str) -> Vec<AuthRequest> {
    let raw_field = |name: &'static str, ty: FieldType, label: &str, help: &str| Field {
        label: raw_msg(Some(label)),
        help: raw_msg(Some(help)),
        ..field(name, ty, "", "", false)
    };
    let skip_id = "MediaWiki\\Auth\\ButtonAuthenticationRequest:skip2FASetup";
    vec![
        AuthRequest {
            kind: RequestKind::TwoFactorSetup,
            id: "TwoFactorAuthenticationRequest",
            required: Required::Optional,
            metadata: vec![
                ("account", account.to_owned()),
                ("secret", secret.to_owned()),
            ],
            provider: raw_msg(Some("")),
            account: raw_msg(Some("")),
            fields: vec![
                raw_field(
                    "2FAInfo",
                    FieldType::Null,
                    "A bunch of text describing how to set up two-factor auth.",
                    "Two-factor authentication setup instructions",
                ),
                raw_field(
                    "code",
                    FieldType::String,
                    "Code",
                    "Two-factor authentication code",
                ),
            ],
        },
        AuthRequest {
            kind: RequestKind::SkipTwoFactorSetup,
            id: skip_id,
            required: Required::Optional,
            metadata: Vec::new(),
            provider: raw_msg(Some("MediaWiki\\Auth\\ButtonAuthenticationRequest")),
            account: raw_msg(Some(skip_id)),
            fields: vec![raw_field(
                "skip2FASetup",
                FieldType::Button,
                "Skip",
                "Skip two-factor authentication setup",
            )],
        },
    ]
}

/// beginSecondaryAccountCreation: the set-up UI.
pub fn begin(account: &str, secret: &str) -> AuthResponse {
    AuthResponse::Ui {
        requests: requests(account, secret),
        msg: Msg::new("mwcheck-2fa-setup"),
    }
}

/// continueSecondaryAccountCreation: None when the step passes (skipped, or a good code), else
/// the UI again with `oathauth-login-failed`.
pub fn continue_step(
    account: &str,
    secret: &str,
    sub: &Submission,
    now: u64,
) -> Option<AuthResponse> {
    if sub.has(RequestKind::SkipTwoFactorSetup) {
        return None;
    }
    let code = sub
        .code
        .as_deref()
        .filter(|_| sub.has(RequestKind::TwoFactorSetup));
    if code.is_some_and(|c| code_matches(secret, c, now)) {
        return None;
    }
    Some(AuthResponse::Ui {
        requests: requests(account, secret),
        msg: Msg::new("oathauth-login-failed"),
    })
}

/// Whether `code` (spaces ignored) is the TOTP of `secret` in a window around `now`.
pub fn code_matches(secret: &str, code: &str, now: u64) -> bool {
    let Some(key) = totp::base32_decode(secret) else {
        return false;
    };
    let code: String = code.chars().filter(|c| !c.is_whitespace()).collect();
    let current = now / totp::PERIOD;
    (current.saturating_sub(WINDOW_RADIUS)..=current + WINDOW_RADIUS)
        .any(|window| secrets_equal(&totp::hotp(&key, window), &code))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_are_four_groups_of_base32() {
        let secret = new_secret();
        assert_eq!(secret.len(), 19, "{secret}");
        let groups: Vec<&str> = secret.split(' ').collect();
        assert_eq!(groups.len(), 4);
        assert!(groups.iter().all(|g| g.len() == 4));
        assert_eq!(totp::base32_decode(&secret).map(|k| k.len()), Some(10));
    }

    #[test]
    fn codes_of_neighbouring_windows_match() {
        let secret = "6CO3 2AKV EP2X MIV5";
        let now = 1_800_000_015;
        let at = |t: u64| totp::code_at(secret, t).unwrap();
        assert!(code_matches(secret, &at(now), now));
        assert!(code_matches(secret, &at(now - 30), now));
        assert!(code_matches(secret, &at(now + 30), now));
        assert!(!code_matches(secret, &at(now - 90), now));
        let spaced = format!("{} {}", &at(now)[..3], &at(now)[3..]);
        assert!(code_matches(secret, &spaced, now));
        assert!(!code_matches(secret, "", now));
        assert!(!code_matches("not base32!", &at(now), now));
    }
}
