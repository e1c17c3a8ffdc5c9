//! The project's wikis as both sides know them: the named configurations (the mock's
//! `WikiConfig::named` and scripts/mediawiki/configs/NAME.php for a real wiki) and the bot password
//! every one of them is seeded with, and the MediaWiki versions each applies to.

use super::MediaWikiVersion;

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

/// The MediaWiki versions a named configuration applies to, as the `// mwcheck-versions:` line
/// of scripts/mediawiki/configs/NAME.php says (`None`: every version); a target of another
/// version skips its scenarios. `no-writeapi` needs the `writeapi` right 1.43 removed;
/// `temp-accounts` needs the temporary accounts clients see from 1.43 on.
pub fn config_versions(name: &str) -> Option<&'static [MediaWikiVersion]> {
    match name {
        "no-writeapi" => Some(&[MediaWikiVersion::V1_39]),
        "temp-accounts" => Some(&[MediaWikiVersion::V1_43]),
        _ => None,
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The versions each scripts/mediawiki/configs/NAME.php names in its `// mwcheck-versions:`
    /// line (None: no such line).
    fn script_versions(name: &str) -> Option<Vec<MediaWikiVersion>> {
        let dir = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../scripts/mediawiki/configs"
        );
        let text = std::fs::read_to_string(format!("{dir}/{name}.php")).ok()?;
        let line = text
            .lines()
            .find_map(|l| l.strip_prefix("// mwcheck-versions:"))?;
        Some(
            line.split([',', ' '])
                .filter(|v| !v.is_empty())
                .map(|v| v.parse().expect("a version"))
                .collect(),
        )
    }

    #[test]
    fn the_versions_of_each_configuration_are_its_scripts() {
        for name in CONFIG_NAMES {
            assert_eq!(
                config_versions(name).map(<[MediaWikiVersion]>::to_vec),
                script_versions(name),
                "{name}"
            );
        }
    }
}
