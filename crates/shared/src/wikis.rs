//! The project's wikis as both sides know them: the named configurations (the mock's
//! `WikiConfig::named` and scripts/mediawiki/configs/NAME.php for a real wiki) and the bot password
//! every one of them is seeded with.

/// The named wiki configurations, `default` first.
pub const CONFIG_NAMES: &[&str] = &[
    "default",
    "readonly",
    "private",
    "no-anon-create",
    "no-email",
    "no-reset-routes",
    "no-writeapi",
    "login-throttle",
    "policy-min-length",
    "no-editmyprivateinfo",
    "reset-routes-truthy",
    "email-authentication",
    "bot-passwords-off",
    "hidden-realname",
    "captcha",
    "image-captcha",
    "oathauth",
    "block-disables-login",
    "password-force-change",
    "password-expired",
    "password-expired-grace",
    "creation-throttle",
    "login-only",
    "dnsbl",
    "third-party-login",
    "third-party-link",
    "legacy-1.21",
    "documented",
    "documented-throttle",
    "legacy-1.21-email-confirm",
    "legacy-1.21-dnsbl",
    "legacy-1.21-throttle",
    "openid-connect",
    "temp-accounts",
];

/// The app id of the administrator's bot password (scripts/mediawiki.sh creates the same one).
pub const BOT_APP_ID: &str = "mwcheck";
/// Its password (scripts/mediawiki.sh passes the same one to createBotPassword.php).
pub const BOT_PASSWORD: &str = "mwcheckbotpassword0123456789abcd";

/// What a named configuration needs of a wiki that the default one lacks, so that a run can tell
/// a scenario the target cannot serve.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ConfigNeeds {
    /// A captcha (ConfirmEdit).
    pub captcha: bool,
    /// Two-factor authentication (OATHAuth).
    pub two_factor: bool,
    /// Email on (`$wgEnableEmail`).
    pub email: bool,
}

/// What the named configuration needs (`None`: no such configuration).
pub fn config_needs(name: &str) -> Option<ConfigNeeds> {
    if !CONFIG_NAMES.contains(&name) {
        return None;
    }
    Some(ConfigNeeds {
        captcha: matches!(name, "captcha" | "image-captcha" | "openid-connect"),
        two_factor: name == "oathauth",
        email: name != "no-email",
    })
}
