//! OATHAuth 0.5.0 with TOTP as a secondary authentication provider: after the password, an
//! enrolled user gets the TOTPAuthenticationRequest UI step (`oathauth-auth-ui`); a code from the
//! windows around now (±$wgOATHAuthWindowRadius) that is newer than the last one used passes,
//! anything else is `oathauth-login-failed` and counts against the `badoath` rate limit, which
//! once reached answers `oathauth-throttled`. Enrolment has no API: enrolled users come from the
//! configuration (`OathConfig::enrolments`).

use super::auth_requests::{AuthRequest, FieldType, RequestKind, Required, field, raw_msg};
use super::authmanager::{AuthResponse, Submission};
use super::context::Ctx;
use super::messages::{Msg, Param};
pub use super::settings::OathConfig;
use super::store::Account;
use super::tokens::secrets_equal;
use crate::totp;

/// The throttle duration OATHAuth names in `oathauth-throttled` (a fixed minute), where the
/// release's text has a parameter for it.
const THROTTLED_SECONDS: u64 = 60;

/// The secret of `account`'s TOTP key, if two-factor authentication is enabled for it.
pub fn secret_for(ctx: &Ctx, account: &Account) -> Option<String> {
    ctx.config
        .oathauth
        .as_ref()?
        .enrolments
        .iter()
        .find(|e| e.user == account.name)
        .map(|e| e.secret.clone())
}

/// TOTPAuthenticationRequest, described for `account`.
pub fn totp_request(account: &str) -> AuthRequest {
    AuthRequest {
        kind: RequestKind::Totp,
        id: "MediaWiki\\Extension\\OATHAuth\\Auth\\TOTPAuthenticationRequest",
        required: Required::Required,
        metadata: Vec::new(),
        provider: Msg::new("oathauth-describe-provider"),
        account: raw_msg(Some(account)),
        fields: vec![field(
            "OATHToken",
            FieldType::String,
            "oathauth-auth-token-label",
            "oathauth-auth-token-help",
            false,
        )],
    }
}

fn ui(account: &str, msg: Msg) -> AuthResponse {
    AuthResponse::Ui {
        requests: vec![totp_request(account)],
        msg,
    }
}

/// beginSecondaryAuthentication: the UI step asking for a code.
pub fn begin(account: &Account) -> AuthResponse {
    ui(&account.name, Msg::new("oathauth-auth-ui"))
}

/// continueSecondaryAuthentication: None when the code passes, else the UI step again with
/// `oathauth-login-failed` (no or wrong code) or `oathauth-throttled`.
pub fn continue_step(ctx: &mut Ctx, account: &Account, sub: &Submission) -> Option<AuthResponse> {
    let config = ctx.config.oathauth.clone()?;
    let secret = secret_for(ctx, account)?;
    let failed = || ui(&account.name, Msg::new("oathauth-login-failed"));
    let Some(token) = sub.oath_token.as_deref() else {
        return Some(failed());
    };
    let limit_key = format!("limiter:badoath:user:{}", account.id);
    if ctx
        .store
        .counters
        .would_exceed(&limit_key, config.badoath_limit, ctx.now)
    {
        let params = if ctx.release().oath_throttle_names_duration {
            vec![Param::Duration(THROTTLED_SECONDS)]
        } else {
            Vec::new()
        };
        let msg = Msg::with("oathauth-throttled", params);
        return Some(ui(&account.name, msg));
    }
    if verify(ctx, &config, account, &secret, token) {
        return None;
    }
    ctx.store
        .counters
        .hit(&limit_key, config.badoath_limit, ctx.now);
    Some(failed())
}

/// TOTPKey::verify: whitespace in the code is ignored; a window already used (or older) is
/// refused, which stops replays; the used window is remembered for the span of all windows.
fn verify(
    ctx: &mut Ctx,
    config: &OathConfig,
    account: &Account,
    secret: &str,
    token: &str,
) -> bool {
    let Some(key) = totp::base32_decode(secret) else {
        return false;
    };
    let token: String = token.chars().filter(|c| !c.is_whitespace()).collect();
    let used_key = format!("oathauth-totp:usedtokens:{}", account.id);
    let last_window = u64::from(ctx.store.counters.get(&used_key, ctx.now));
    let current = ctx.now / totp::PERIOD;
    let first = current.saturating_sub(config.window_radius);
    let matched = (first..=current + config.window_radius)
        .find(|&window| window > last_window && secrets_equal(&totp::hotp(&key, window), &token));
    let Some(window) = matched else {
        return false;
    };
    let span = totp::PERIOD * (1 + 2 * config.window_radius);
    ctx.store.counters.set(
        &used_key,
        u32::try_from(window).unwrap_or(u32::MAX),
        span,
        ctx.now,
    );
    true
}
