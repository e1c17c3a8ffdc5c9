//! ConfirmEdit 1.6.0 with QuestyCaptcha or FancyCaptcha (image) as a pre-authentication provider: the
//! CaptchaAuthenticationRequest offered for account creation (unless the creator may skip
//! captchas) and for login once too many logins failed (per IP, per user name, or flagged in the
//! session), captchas kept in the session under a random id and cleared when checked, the answer
//! test (QuestyCaptcha: ASCII case-insensitive, PHP `==`; FancyCaptcha: the exact word), the
//! `badcaptcha` rate limit, and the bad-login counters that failed and successful logins update
//! (where the release has them, also the long-window counters of ConfirmEdit's
//! LoginAttemptCounter; where it says so, QuestyCaptcha trims the answer first).
//! The image FancyCaptcha shows is drawn by `captcha_image`.

use percent_encoding::{NON_ALPHANUMERIC, utf8_percent_encode};
use rand::RngExt;

use super::auth_requests::{AuthRequest, FieldType, RequestKind, Required, field, raw_msg};
use super::authmanager::Submission;
use super::context::Ctx;
use super::messages::Msg;
use super::release::Release;
use super::rights::effective_groups;
pub use super::settings::{CaptchaConfig, CaptchaQuestion, CaptchaStyle};
use super::username;

fn ip_key(ctx: &Ctx) -> String {
    format!("captcha:badlogin:ip:{}", ctx.req.ip_name())
}

fn long_ip_key(ctx: &Ctx) -> String {
    format!("captcha:badlogin:ip:long:{}", ctx.req.ip_name())
}

fn canonical_for_key(name: &str) -> String {
    username::canonical(name)
        .filter(|n| username::is_usable(n))
        .unwrap_or_else(|| name.to_string())
}

fn user_key(name: &str) -> String {
    format!("captcha:badlogin:user:{}", canonical_for_key(name))
}

fn long_user_key(name: &str) -> String {
    format!("captcha:badlogin:user:long:{}", canonical_for_key(name))
}

fn badcaptcha_key(ctx: &Ctx) -> String {
    format!("limiter:badcaptcha:ip:{}", ctx.req.ip_name())
}

/// The letters of a captcha word (those the font draws).
pub const LETTERS: &[u8; 26] = b"abcdefghijklmnopqrstuvwxyz";
pub const WORD_LENGTH: usize = 6;

/// A fresh captcha word: six random lowercase letters.
pub fn random_word() -> String {
    let mut rng = rand::rng();
    (0..WORD_LENGTH)
        .map(|_| LETTERS[rng.random_range(0..LETTERS.len())] as char)
        .collect()
}

/// FancyCaptcha::getCaptchaInfo: the local URL of Special:Captcha/image for a captcha id.
pub fn image_path(id: &str) -> String {
    format!(
        "/index.php?title=Special:Captcha/image&wpCaptchaId={}",
        utf8_percent_encode(id, NON_ALPHANUMERIC)
    )
}

/// SimpleCaptcha::canSkipCaptcha: the `skipcaptcha` right (bots and sysops).
fn creator_skips(ctx: &Ctx) -> bool {
    ctx.user().is_some_and(|account| {
        effective_groups(&account.groups, true)
            .iter()
            .any(|g| g == "sysop" || g == "bot")
    })
}

/// Whether the counter at `key` reached `count`, or (where the release keeps them) the
/// long-window counter at `long_key` reached its multiple of it.
fn counter_reached(ctx: &Ctx, key: &str, long_key: &str, count: u32) -> bool {
    let long_reached = ctx
        .release()
        .captcha_long_bad_login_window
        .is_some_and(|(attempts, _)| {
            u64::from(ctx.store.counters.get(long_key, ctx.now)) >= u64::from(count) * attempts
        });
    ctx.store.counters.get(key, ctx.now) >= count || long_reached
}

fn ip_triggered(ctx: &Ctx, config: &CaptchaConfig) -> bool {
    counter_reached(ctx, &ip_key(ctx), &long_ip_key(ctx), config.bad_login.count)
}

fn user_triggered(ctx: &Ctx, config: &CaptchaConfig, name: &str) -> bool {
    counter_reached(
        ctx,
        &user_key(name),
        &long_user_key(name),
        config.bad_login_per_user.count,
    )
}

/// CaptchaPreAuthenticationProvider::getAuthenticationRequests: puts a fresh captcha first in
/// `reqs` when `action` needs one. Storing it persists the session.
pub fn offer(ctx: &mut Ctx, action: &str, reqs: &mut Vec<AuthRequest>) {
    let Some(config) = ctx.config.captcha.clone() else {
        return;
    };
    // SimpleCaptcha::getMessage falls back to PREFIX-edit when PREFIX-createaccount does not
    // exist, as for FancyCaptcha (its i18n has `fancycaptcha-accountcreate` instead).
    let label = match (action, config.style) {
        ("create", CaptchaStyle::Questy) if !creator_skips(ctx) => "questycaptcha-createaccount",
        ("create", CaptchaStyle::FancyImage) if !creator_skips(ctx) => "fancycaptcha-edit",
        ("login", CaptchaStyle::Questy) if login_needed(ctx, &config) => "questycaptcha-badlogin",
        ("login", CaptchaStyle::FancyImage) if login_needed(ctx, &config) => {
            "fancycaptcha-badlogin"
        }
        _ => return,
    };
    if let Some(request) = new_request(ctx, &config, label) {
        reqs.insert(0, request);
    }
}

/// The login captcha is shown after too many failures from this IP, when this session tripped the
/// per-user counter, or when the name of the last login (the UserName cookie) tripped it.
fn login_needed(ctx: &Ctx, config: &CaptchaConfig) -> bool {
    let cookie = format!("{}UserName", ctx.config.cookie_prefix);
    ip_triggered(ctx, config)
        || ctx.session.data.captcha.login_per_user_triggered
        || ctx
            .req
            .cookie(&cookie)
            .is_some_and(|name| user_triggered(ctx, config, &name))
}

/// SimpleCaptcha::createAuthenticationRequest: a random question (or word), stored under a random
/// id.
fn new_request(ctx: &mut Ctx, config: &CaptchaConfig, label: &str) -> Option<AuthRequest> {
    let mut rng = rand::rng();
    let question = match config.style {
        CaptchaStyle::Questy => config
            .questions
            .get(rng.random_range(0..config.questions.len().max(1)))?
            .clone(),
        CaptchaStyle::FancyImage => {
            let word = random_word();
            CaptchaQuestion {
                question: word.clone(),
                answers: vec![word],
            }
        }
    };
    let id = rng.random_range(0..=i64::MAX).to_string();
    let (info_value, metadata) = match config.style {
        CaptchaStyle::Questy => (
            question.question.clone(),
            vec![("type", "question"), ("mime", "text/html")],
        ),
        // FancyCaptcha::getCaptchaInfo: Special:Captcha/image's local URL.
        CaptchaStyle::FancyImage => (
            image_path(&id),
            vec![("type", "image"), ("mime", "image/png")],
        ),
    };
    ctx.session.data.captcha.store(id.clone(), question.clone());
    ctx.session.persist();
    let request_id = "CaptchaAuthenticationRequest";
    let mut captcha_id = field(
        "captchaId",
        FieldType::Hidden,
        "captcha-id-label",
        "captcha-id-help",
        false,
    );
    captcha_id.value = Some(id);
    let mut info = field(
        "captchaInfo",
        FieldType::Null,
        label,
        "captcha-info-help",
        false,
    );
    info.value = Some(info_value);
    Some(AuthRequest {
        kind: RequestKind::Captcha,
        id: request_id,
        required: Required::Required,
        metadata: metadata
            .into_iter()
            .map(|(name, value)| (name, value.to_owned()))
            .collect(),
        provider: raw_msg(Some(
            "MediaWiki\\Extension\\ConfirmEdit\\Auth\\CaptchaAuthenticationRequest",
        )),
        account: raw_msg(Some(request_id)),
        fields: vec![
            captcha_id,
            info,
            field(
                "captchaWord",
                FieldType::String,
                "captcha-label",
                "captcha-help",
                false,
            ),
        ],
    })
}

/// PHP 8's numeric strings: surrounding whitespace, a sign, digits with an optional fraction and
/// exponent.
fn php_numeric(text: &str) -> Option<f64> {
    let trimmed = text.trim_matches([' ', '\t', '\n', '\r', '\x0b', '\x0c']);
    let body = trimmed.strip_prefix(['+', '-']).unwrap_or(trimmed);
    let (mantissa, exponent) = match body.find(['e', 'E']) {
        Some(at) => (&body[..at], Some(&body[at + 1..])),
        None => (body, None),
    };
    let (int_part, frac_part) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    let mantissa_ok =
        digits(int_part) && digits(frac_part) && !(int_part.is_empty() && frac_part.is_empty());
    let exponent_ok = exponent.is_none_or(|e| {
        let e = e.strip_prefix(['+', '-']).unwrap_or(e);
        !e.is_empty() && digits(e)
    });
    if !(mantissa_ok && exponent_ok) {
        return None;
    }
    trimmed.trim_start_matches('+').parse::<f64>().ok()
}

/// QuestyCaptcha::keyMatch: strtolower on both sides, then PHP's `==` (numeric strings compare
/// as numbers, so ` 4 ` and `4.0` answer `4`).
pub fn answer_matches(word: &str, answer: &str) -> bool {
    let (word, answer) = (word.to_ascii_lowercase(), answer.to_ascii_lowercase());
    match (php_numeric(&word), php_numeric(&answer)) {
        (Some(a), Some(b)) => a == b,
        _ => word == answer,
    }
}

/// The answer as QuestyCaptcha::keyMatch compares it: trimmed as PHP's trim() does (spaces,
/// tabs, line ends, NUL, vertical tabs) where the release says so, else as submitted.
fn submitted_answer<'w>(word: &'w str, release: &Release) -> &'w str {
    if release.questy_answer_trimmed {
        word.trim_matches([' ', '\t', '\n', '\r', '\0', '\x0b'])
    } else {
        word
    }
}

/// CaptchaPreAuthenticationProvider::verifyCaptcha: the submitted captcha must name one stored in
/// this session, the `badcaptcha` limit must not be reached, and the word must match. A checked
/// captcha is cleared either way; a wrong word counts against the limit.
fn verify(ctx: &mut Ctx, config: &CaptchaConfig, sub: &Submission) -> bool {
    let (Some(id), Some(word)) = (&sub.captcha_id, &sub.captcha_word) else {
        return false;
    };
    if !ctx.session.data.captcha.has(id) {
        return false;
    }
    let limit_key = badcaptcha_key(ctx);
    if ctx
        .store
        .counters
        .would_exceed(&limit_key, config.badcaptcha_limit, ctx.now)
    {
        return false;
    }
    let Some(question) = ctx.session.data.captcha.take(id) else {
        return false;
    };
    let word = submitted_answer(word, ctx.release());
    let matches = match config.style {
        CaptchaStyle::Questy => question.answers.iter().any(|a| answer_matches(word, a)),
        // FancyCaptcha::keyMatch compares hashes of the exact word.
        CaptchaStyle::FancyImage => question.answers.iter().any(|a| a == word),
    };
    if matches {
        return true;
    }
    ctx.store
        .counters
        .hit(&limit_key, config.badcaptcha_limit, ctx.now);
    false
}

/// testForAccountCreation: `captcha-createaccount-fail` unless the creator may skip captchas or
/// the right answer came with the request.
pub fn test_for_account_creation(ctx: &mut Ctx, sub: &Submission) -> Option<Msg> {
    let config = ctx.config.captcha.clone()?;
    if creator_skips(ctx) || verify(ctx, &config, sub) {
        return None;
    }
    Some(Msg::new("captcha-createaccount-fail"))
}

/// testForAuthentication: once a bad-login counter is reached the captcha must be solved, and a
/// missing or wrong one is reported as `wrongpassword` (so it does not tell which failed).
pub fn test_for_authentication(ctx: &mut Ctx, sub: &Submission) -> Option<Msg> {
    let config = ctx.config.captcha.clone()?;
    let per_user = sub
        .username
        .as_deref()
        .is_some_and(|name| user_triggered(ctx, &config, name));
    let mut solved = true;
    if ip_triggered(ctx, &config) || per_user {
        solved = verify(ctx, &config, sub);
    }
    if per_user {
        ctx.session.data.captcha.login_per_user_triggered = true;
    }
    (!solved).then(|| Msg::new("wrongpassword"))
}

/// postAuthentication after a FAIL: counts it for the IP and for the user name.
pub fn count_failed_login(ctx: &mut Ctx, name: Option<&str>) {
    let Some(config) = ctx.config.captcha.clone() else {
        return;
    };
    let long_expiry = ctx.release().captcha_long_bad_login_window.map(|(_, e)| e);
    let key = ip_key(ctx);
    ctx.store
        .counters
        .increment(&key, config.bad_login.seconds, ctx.now);
    if let Some(times) = long_expiry {
        let key = long_ip_key(ctx);
        ctx.store
            .counters
            .increment(&key, config.bad_login.seconds * times, ctx.now);
    }
    if let Some(name) = name.filter(|n| !n.is_empty()) {
        ctx.store
            .counters
            .increment(&user_key(name), config.bad_login_per_user.seconds, ctx.now);
        if let Some(times) = long_expiry {
            ctx.store.counters.increment(
                &long_user_key(name),
                config.bad_login_per_user.seconds * times,
                ctx.now,
            );
        }
    }
}

/// postAuthentication after a PASS: forgets the session flag and the user's counter (the IP's
/// counter stays).
pub fn reset_after_login(ctx: &mut Ctx, name: &str) {
    if ctx.config.captcha.is_none() {
        return;
    }
    ctx.session.data.captcha.login_per_user_triggered = false;
    ctx.store.counters.delete(&user_key(name));
    ctx.store.counters.delete(&long_user_key(name));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trimming_the_answer_is_the_release_s() {
        use crate::release::{MEDIAWIKI_1_39, MEDIAWIKI_1_43};
        assert_eq!(submitted_answer(" blue\n", &MEDIAWIKI_1_43), "blue");
        assert_eq!(submitted_answer(" blue\n", &MEDIAWIKI_1_39), " blue\n");
        assert!(answer_matches(
            submitted_answer("\0 Blue ", &MEDIAWIKI_1_43),
            "blue"
        ));
        assert!(!answer_matches(
            submitted_answer("\0 Blue ", &MEDIAWIKI_1_39),
            "blue"
        ));
    }

    #[test]
    fn answers_compare_like_php() {
        assert!(answer_matches("4", "4"));
        assert!(answer_matches(" 4 ", "4"));
        assert!(answer_matches("4.0", "4"));
        assert!(answer_matches("+4", "4"));
        assert!(answer_matches("Paris", "paris"));
        assert!(!answer_matches("5", "4"));
        assert!(!answer_matches("", "4"));
        assert!(!answer_matches(" paris", "paris"));
        assert!(!answer_matches("4x", "4"));
        assert!(!answer_matches("0x4", "4"));
        assert!(answer_matches("4e0", "4"));
    }

    #[test]
    fn numeric_strings() {
        assert_eq!(php_numeric("  12 "), Some(12.0));
        assert_eq!(php_numeric("-1.5e2"), Some(-150.0));
        assert_eq!(php_numeric(".5"), Some(0.5));
        assert_eq!(php_numeric("5."), Some(5.0));
        assert_eq!(php_numeric("."), None);
        assert_eq!(php_numeric("1e"), None);
        assert_eq!(php_numeric("abc"), None);
    }
}
