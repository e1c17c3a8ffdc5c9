//! What an unfinished flow keeps between requests, as plain data below the features that drive
//! it: a clientlogin waiting for `logincontinue`, ConfirmEdit's captchas in a session, an account
//! creation through the built-in OpenID Connect provider, and the codes that provider issued.

use std::collections::{BTreeMap, HashMap, HashSet};

use super::messages::Msg;
use super::secrets::{random_hex32, secrets_equal};
use super::settings::CaptchaQuestion;

/// How long an issued OpenID Connect code may be redeemed.
pub const CODE_LIFETIME: u64 = 600;

/// A clientlogin flow waiting for `logincontinue` (kept in the session).
#[derive(Clone, Debug, PartialEq)]
pub struct LoginFlow {
    pub user_id: u64,
    pub remember_me: bool,
    /// OATHAuth's TOTP step is the current one (its secondary provider runs before ResetPassword).
    pub totp: bool,
    /// A password-change step is current (or follows the TOTP step).
    pub reset: bool,
    /// The password-change step: a change is required (hard) or suggested (soft, skippable).
    pub hard: bool,
    /// The message shown when the password-change step is (re)displayed.
    pub msg: Msg,
}

/// What ConfirmEdit keeps in a session.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CaptchaSession {
    /// CaptchaSessionStore: captcha id -> the question asked.
    stored: BTreeMap<String, CaptchaQuestion>,
    /// `ConfirmEdit:loginCaptchaPerUserTriggered`
    pub login_per_user_triggered: bool,
}

impl CaptchaSession {
    /// Stores a captcha asked under `id`.
    pub fn store(&mut self, id: String, question: CaptchaQuestion) {
        self.stored.insert(id, question);
    }

    /// Whether a captcha is stored under `id`.
    pub fn has(&self, id: &str) -> bool {
        self.stored.contains_key(id)
    }

    /// Takes the captcha stored under `id` out of the session (a captcha is checked once).
    pub fn take(&mut self, id: &str) -> Option<CaptchaQuestion> {
        self.stored.remove(id)
    }

    /// The ids of the captchas stored in this session.
    pub fn ids(&self) -> impl Iterator<Item = &str> {
        self.stored.keys().map(String::as_str)
    }

    /// The answer of a captcha stored in this session under `id`.
    pub fn answer(&self, id: &str) -> Option<&str> {
        self.stored
            .get(id)
            .and_then(|q| q.answers.first())
            .map(String::as_str)
    }
}

/// An account creation that went through the provider, kept in the session until it ends.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OpenIdCreation {
    pub username: String,
    pub email: String,
    pub realname: String,
    /// The `state` the REDIRECT sent to the provider.
    pub state: String,
    /// The client's `createreturnurl`.
    pub return_url: String,
    pub stage: CreationStage,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CreationStage {
    /// REDIRECT answered; waiting for createcontinue with the provider's code and state.
    AwaitingProvider,
    /// The account exists; the two-factor set-up UI with this base32 secret is current.
    TwoFactorSetup { secret: String },
}

/// A code the provider issued.
#[derive(Clone, Debug)]
struct Grant {
    state: String,
    redirect_uri: String,
    issued_at: u64,
}

/// The provider's memory: codes not yet redeemed, and the states whose code was redeemed.
#[derive(Debug, Default)]
pub struct IssuedCodes {
    codes: HashMap<String, Grant>,
    used_states: HashSet<String>,
}

impl IssuedCodes {
    pub fn issue(&mut self, state: &str, redirect_uri: &str, now: u64) -> String {
        self.codes
            .retain(|_, g| now.saturating_sub(g.issued_at) <= CODE_LIFETIME);
        let code = random_hex32();
        self.codes.insert(
            code.clone(),
            Grant {
                state: state.to_owned(),
                redirect_uri: redirect_uri.to_owned(),
                issued_at: now,
            },
        );
        code
    }

    /// Whether a code for `state` was already redeemed.
    pub fn state_used(&self, state: &str) -> bool {
        self.used_states.contains(state)
    }

    /// The token endpoint's check: the code was issued for `state` and `redirect_uri`, is fresh
    /// and not redeemed yet. A redeemed code is forgotten and its state remembered as used.
    pub fn redeem(&mut self, code: &str, state: &str, redirect_uri: &str, now: u64) -> bool {
        let valid = self.codes.get(code).is_some_and(|g| {
            secrets_equal(&g.state, state)
                && g.redirect_uri == redirect_uri
                && now.saturating_sub(g.issued_at) <= CODE_LIFETIME
        });
        if valid {
            self.codes.remove(code);
            self.used_states.insert(state.to_owned());
        }
        valid
    }
}
