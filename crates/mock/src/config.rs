//! The mock wiki's configuration: the settings of the project's test wiki (a stock MediaWiki 1.39
//! install plus email enabled, email authentication off, login/creation throttles off, no
//! mailpassword rate limit, and a bot password for the administrator), with every field public
//! so other configurations can be built; and the project's named configurations
//! (`WikiConfig::named`), each mirroring scripts/mediawiki/configs/NAME.php.

use std::path::PathBuf;

use super::messages::SiteMessages;
use super::password_hash::{MEDIAWIKI_PBKDF2_ITERATIONS, TEST_PBKDF2_ITERATIONS};
use super::password_policy::{
    ActivePasswordPolicy, PasswordPolicy, PolicyCheck, PolicySetting, PolicyValue,
};
use super::release::{self, Release};
pub use super::settings::Window;
use super::settings::{CaptchaConfig, OathConfig, TotpEnrolment};
use super::username::{self, UserNameRules};
use mwcheck_shared::{MOCK_VERSIONS, MediaWikiVersion};

/// The `documented` profile's site messages: the texts its wiki (Wikimedia's) overrides, as the
/// documentation page shows them ("num" for the count, its paragraphs as lines).
pub const DOCUMENTED_SITE_MESSAGES: &[(&str, &str)] = &[(
    "acct_creation_throttle_hit",
    "Visitors to this wiki using your IP address have created $1 accounts in the last day, which is the maximum allowed in this time period.\nAs a result, visitors using this IP address cannot create any more accounts at the moment.\nIf you are at an event where contributing to Wikimedia projects is the focus, please see Requesting temporary lift of IP cap to help resolve this issue.",
)];

/// $wgPasswordAttemptThrottle of a stock 1.39: 5 per 5 minutes, 150 per 2 days.
pub const STOCK_PASSWORD_ATTEMPT_THROTTLE: [Window; 2] = [
    Window {
        count: 5,
        seconds: 300,
    },
    Window {
        count: 150,
        seconds: 172_800,
    },
];

/// An account that exists when the wiki starts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SeedAccount {
    pub name: String,
    pub password: String,
    /// Explicit groups, e.g. `bureaucrat`, `interface-admin`, `sysop` (implicit ones are added).
    pub groups: Vec<String>,
    pub email: String,
    pub realname: String,
}

/// A bot password present when the wiki starts (what Special:BotPasswords or
/// maintenance/createBotPassword.php makes): `user@app_id` logs in with `password`, and the
/// session it opens only has the rights of `grants`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SeedBotPassword {
    pub user: String,
    pub app_id: String,
    /// At least 32 characters of `[0-9a-w]` (BotPassword::canonicalizeLoginData needs that form).
    pub password: String,
    /// Grant names of $wgGrantPermissions, e.g. `basic`.
    pub grants: Vec<String>,
}

pub use mwcheck_shared::{BOT_APP_ID, BOT_PASSWORD};

/// The mock's test endpoints, which no real wiki has and which give away what a test needs:
/// `/_mwcheck/outbox` (every mail sent, temporary passwords included) and `/_mwcheck/captcha`
/// (any session's captcha answer). Served only where that is safe unless asked for.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum TestEndpoints {
    /// Served when the mock listens on a loopback address only (the default).
    #[default]
    OnLoopback,
    /// Served wherever the mock listens (`serve --test-endpoints`).
    On,
    Off,
}

/// Settings of the mock wiki. `Default` is the project's test wiki.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WikiConfig {
    /// The MediaWiki release the mock answers as (one of [`MOCK_VERSIONS`]; the first is the
    /// default). What differs between releases is data in that release's row (`release.rs`).
    pub mediawiki: MediaWikiVersion,
    /// $wgSitename
    pub sitename: String,
    /// $wgCookiePrefix (the database name on a stock install)
    pub cookie_prefix: String,
    /// $wgEnableEmail
    pub enable_email: bool,
    /// $wgEnableUserEmail
    pub enable_user_email: bool,
    /// $wgEmailAuthentication (a confirmation mail when an account is created with an email address)
    pub email_authentication: bool,
    /// $wgPasswordAttemptThrottle (empty = off)
    pub password_attempt_throttle: Vec<Window>,
    /// $wgAccountCreationThrottle (empty = off)
    pub account_creation_throttle: Vec<Window>,
    /// `$wgRateLimits['mailpassword']['ip']` (None = unset)
    pub mailpassword_rate_limit: Option<Window>,
    /// $wgPasswordReminderResendTime in seconds (24 h)
    pub password_reminder_resend_time: u64,
    /// $wgNewPasswordExpiry in seconds (7 days)
    pub new_password_expiry: u64,
    /// $wgObjectCacheSessionExpiry in seconds
    pub session_expiry: u64,
    /// PBKDF2 iterations for stored password hashes (MediaWiki: 30000; lower it to speed up tests)
    pub pbkdf2_iterations: u32,
    /// Accounts present at start, in user-id order (the first gets id 1).
    pub accounts: Vec<SeedAccount>,
    /// When set, every mail is also appended to this file as one JSON line.
    pub outbox_file: Option<PathBuf>,
    /// Whether the test endpoints are served (see [`TestEndpoints`]).
    pub test_endpoints: TestEndpoints,
    /// How many connections the mock holds and how long it waits for a request.
    pub connection_limits: super::settings::ConnectionLimits,
    /// $wgReadOnly (None = writable)
    pub read_only_reason: Option<String>,
    /// `$wgGroupPermissions['*']['read']`
    pub anon_read: bool,
    /// `$wgGroupPermissions['*']['createaccount']` (sysops keep the right either way)
    pub anon_create_account: bool,
    /// `$wgGroupPermissions['*']['writeapi']` (the `user` group keeps the right either way)
    pub anon_write_api: bool,
    /// $wgPasswordResetRoutes: whether any route (username or email) is enabled
    pub password_reset_routes: bool,
    /// $wgPasswordResetRoutes: whether some route is exactly `true` (PasswordReset compares with
    /// `===`, so a route set to `1` offers the module but every reset is `passwordreset-disabled`)
    pub password_reset_route_strictly_true: bool,
    /// `$wgGroupPermissions['*'|'user']['editmyprivateinfo']` (resetpassword needs it)
    pub edit_my_private_info: bool,
    /// `$wgPasswordPolicy['policies']`: the release's stock policies (the default) or a table,
    /// plus changes; [`WikiConfig::active_password_policy`] is what applies
    pub password_policy: PasswordPolicy,
    /// $wgEnableBotPasswords (off: action=login is deprecated and its texts change)
    pub enable_bot_passwords: bool,
    /// `'realname'` in $wgHiddenPrefs (no realname field on account creation)
    pub hidden_realname: bool,
    /// ConfirmEdit with QuestyCaptcha or FancyCaptcha loaded (None = not loaded)
    pub captcha: Option<CaptchaConfig>,
    /// OATHAuth loaded, with its enrolled users (None = not loaded)
    pub oathauth: Option<OathConfig>,
    /// Bot passwords present at start (their users must be in `accounts`).
    pub bot_passwords: Vec<SeedBotPassword>,
    /// $wgBlockDisablesLogin (a blocked account cannot log in: `login-userblocked`)
    pub block_disables_login: bool,
    /// The client IPs the configured DNS blacklist lists ($wgEnableDnsBlacklist with a zone
    /// answering for them); empty when the check is off
    pub dnsbl_listed: Vec<String>,
    /// The synthetic third-party login provider (button `mwcheckidp`) is configured: pressing
    /// its button authenticates no local user, so clientlogin answers RESTART
    pub external_login: bool,
    /// The synthetic third-party linking provider (button `mwchecklink`) and ConfirmLink are
    /// configured: RESTART `authmanager-authn-no-local-user-link`, accounts can be linked
    pub external_link: bool,
    /// The legacy 1.21 profile (mock only, from the 1.21–1.26 documentation): action=createaccount
    /// speaks the needtoken/success protocol and errors carry no docref
    pub legacy_1_21: bool,
    /// $wgEmailConfirmToEdit; only the legacy 1.21 profile's createaccount reads it (a creation
    /// without an email address is `noemailtitle`)
    pub email_confirm_to_edit: bool,
    /// The `documented` profile (mock only): the codes and texts of the 1.27+ documentation
    /// pages where 1.39 changed them (crates/mock/src/profile_documented.rs)
    pub documented_profile: bool,
    /// The site's own texts for message keys (messages.rs `SiteMessages`)
    pub site_messages: SiteMessages,
    /// $wgPasswordExpirationDays in seconds (None = `false`, passwords never expire); may be
    /// negative, so a password is already expired when it is set
    pub password_expiration_seconds: Option<i64>,
    /// $wgPasswordExpireGrace in seconds (7 days): an expired password within it may skip the change
    pub password_expire_grace: u64,
    /// The TemporaryPassword primary provider is configured ($wgAuthManagerAutoConfig)
    pub temporary_password_provider: bool,
    /// The LocalPassword primary provider has `loginOnly` (it cannot create accounts or change
    /// passwords)
    pub local_password_login_only: bool,
    /// The `openid-connect` configuration's provider (mock only, crates/mock/src/openid_provider.rs):
    /// account creation through a third party's REDIRECT, then two-factor set-up
    pub openid_connect: bool,
    /// `$wgAutoCreateTempUser['enabled']` with its throttles (None: temporary accounts off, as
    /// stock); only releases with temporary accounts read it (`Release::temp_accounts`)
    pub temp_accounts: Option<TempAccountSettings>,
}

/// The settings of an enabled `$wgAutoCreateTempUser` (temp_users.rs). The mock has no
/// $wgTempAccountCreationThrottle: the `temp-accounts` configuration turns it off.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TempAccountSettings {
    /// $wgTempAccountNameAcquisitionThrottle, per IP (empty = off)
    pub name_acquisition_throttle: Vec<Window>,
}

impl TempAccountSettings {
    /// MediaWiki 1.43's stock throttle: 60 names a day per IP.
    pub fn stock() -> TempAccountSettings {
        TempAccountSettings {
            name_acquisition_throttle: vec![Window {
                count: 60,
                seconds: 86_400,
            }],
        }
    }
}

/// The release the documentation profiles (`documented`, `legacy-1.21`) were built on: where
/// the pages say nothing else, they answer as this release.
const PROFILE_BASE: MediaWikiVersion = MediaWikiVersion::V1_39;

impl Default for WikiConfig {
    fn default() -> WikiConfig {
        WikiConfig {
            mediawiki: MOCK_VERSIONS[0],
            sitename: "TestWiki".to_string(),
            cookie_prefix: "my_wiki".to_string(),
            enable_email: true,
            enable_user_email: true,
            email_authentication: false,
            password_attempt_throttle: Vec::new(),
            account_creation_throttle: Vec::new(),
            mailpassword_rate_limit: None,
            password_reminder_resend_time: 24 * 3600,
            new_password_expiry: 7 * 24 * 3600,
            session_expiry: 3600,
            pbkdf2_iterations: MEDIAWIKI_PBKDF2_ITERATIONS,
            accounts: vec![SeedAccount {
                name: "Admin".to_string(),
                password: "Adminpass-12345".to_string(),
                groups: vec![
                    "bureaucrat".to_string(),
                    "interface-admin".to_string(),
                    "sysop".to_string(),
                ],
                email: String::new(),
                realname: String::new(),
            }],
            outbox_file: None,
            test_endpoints: TestEndpoints::OnLoopback,
            connection_limits: super::settings::ConnectionLimits::default(),
            read_only_reason: None,
            anon_read: true,
            anon_create_account: true,
            anon_write_api: true,
            password_reset_routes: true,
            password_reset_route_strictly_true: true,
            edit_my_private_info: true,
            password_policy: PasswordPolicy::stock(),
            enable_bot_passwords: true,
            hidden_realname: false,
            captcha: None,
            oathauth: None,
            bot_passwords: vec![SeedBotPassword {
                user: "Admin".to_string(),
                app_id: BOT_APP_ID.to_string(),
                password: BOT_PASSWORD.to_string(),
                grants: vec!["basic".to_string()],
            }],
            block_disables_login: false,
            dnsbl_listed: Vec::new(),
            external_login: false,
            external_link: false,
            legacy_1_21: false,
            email_confirm_to_edit: false,
            documented_profile: false,
            site_messages: &[],
            password_expiration_seconds: None,
            password_expire_grace: 7 * 86_400,
            temporary_password_provider: true,
            local_password_login_only: false,
            openid_connect: false,
            temp_accounts: None,
        }
    }
}

impl WikiConfig {
    /// The row of the release the mock answers as. [`MockWiki::start`](crate::MockWiki::start)
    /// refuses a configuration whose `mediawiki` the mock does not speak, so a running mock always
    /// has one.
    pub(crate) fn release(&self) -> &'static Release {
        release::of(self.mediawiki).unwrap_or(release::RELEASES[0])
    }

    /// The password policy in force: [`WikiConfig::password_policy`] on the release's stock
    /// policies, with the release's common-password test.
    pub fn active_password_policy(&self) -> ActivePasswordPolicy {
        let release = self.release();
        self.password_policy
            .in_release(release.password_policy_defaults, release.common_passwords)
    }

    /// The user-name rules of the release the wiki speaks.
    pub fn user_name_rules(&self) -> &'static UserNameRules {
        username::rules_for(self.release())
    }

    /// The same configuration, answering as MediaWiki `version` (see [`MOCK_VERSIONS`]). The
    /// profiles built from the documentation alone (`documented`, `legacy-1.21` and their
    /// variants) speak no real release and stay as they are: they keep the 1.39 answers they
    /// were built on.
    pub fn speaking(self, version: MediaWikiVersion) -> WikiConfig {
        if self.documented_profile || self.legacy_1_21 {
            return self;
        }
        WikiConfig {
            mediawiki: version,
            ..self
        }
    }

    /// AuthManager::canCreateAccounts: some primary provider can create accounts.
    pub fn can_create_accounts(&self) -> bool {
        self.temporary_password_provider || !self.local_password_login_only
    }

    /// getNewPasswordExpiry: when a password set at `now` expires (None: never).
    pub fn new_password_expiry(&self, now: u64) -> Option<u64> {
        self.password_expiration_seconds
            .map(|seconds| now.saturating_add_signed(seconds))
    }

    /// The same configuration hashing passwords at [`TEST_PBKDF2_ITERATIONS`] (for tests and the
    /// harness's in-process mock; `serve` keeps MediaWiki's cost unless told otherwise).
    pub fn with_test_hash_cost(self) -> WikiConfig {
        WikiConfig {
            pbkdf2_iterations: TEST_PBKDF2_ITERATIONS,
            ..self
        }
    }

    /// The names `WikiConfig::named` knows, `default` first.
    pub const NAMES: &'static [&'static str] = mwcheck_shared::CONFIG_NAMES;

    /// The project's named configuration `name` (the test wiki plus the settings of
    /// scripts/mediawiki/configs/NAME.php), or None for an unknown name.
    pub fn named(name: &str) -> Option<WikiConfig> {
        let base = WikiConfig::default();
        let config = match name {
            "default" => base,
            "readonly" => WikiConfig {
                read_only_reason: Some("Catalog maintenance".to_string()),
                ..base
            },
            "private" => WikiConfig {
                anon_read: false,
                ..base
            },
            "no-anon-create" => WikiConfig {
                anon_create_account: false,
                ..base
            },
            "no-email" => WikiConfig {
                enable_email: false,
                ..base
            },
            "no-reset-routes" => WikiConfig {
                password_reset_routes: false,
                ..base
            },
            "no-writeapi" => WikiConfig {
                anon_write_api: false,
                ..base
            },
            "login-throttle" => WikiConfig {
                password_attempt_throttle: STOCK_PASSWORD_ATTEMPT_THROTTLE.to_vec(),
                ..base
            },
            "policy-min-length" => {
                let mut policy = PasswordPolicy::stock();
                policy.set_default(
                    PolicyCheck::MinimalPasswordLength,
                    PolicySetting::suggesting_change(PolicyValue::Int(10)),
                );
                WikiConfig {
                    password_policy: policy,
                    ..base
                }
            }
            "no-editmyprivateinfo" => WikiConfig {
                edit_my_private_info: false,
                ..base
            },
            "reset-routes-truthy" => WikiConfig {
                password_reset_route_strictly_true: false,
                ..base
            },
            "email-authentication" => WikiConfig {
                email_authentication: true,
                ..base
            },
            "bot-passwords-off" => WikiConfig {
                enable_bot_passwords: false,
                ..base
            },
            "hidden-realname" => WikiConfig {
                hidden_realname: true,
                ..base
            },
            "captcha" => WikiConfig {
                captcha: Some(CaptchaConfig::questy(&[("What is 2+2?", "4")])),
                ..base
            },
            // Mock-only: no real wiki here renders FancyCaptcha's images.
            "image-captcha" => WikiConfig {
                captcha: Some(CaptchaConfig::fancy_image()),
                ..base
            },
            "oathauth" => {
                let mut accounts = base.accounts.clone();
                accounts.push(SeedAccount {
                    name: "Totpuser".to_string(),
                    password: "Totp-pass-12345".to_string(),
                    groups: Vec::new(),
                    email: String::new(),
                    realname: String::new(),
                });
                WikiConfig {
                    accounts,
                    oathauth: Some(OathConfig::with_enrolments(vec![TotpEnrolment {
                        user: "Totpuser".to_string(),
                        secret: "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP".to_string(),
                    }])),
                    ..base
                }
            }
            "block-disables-login" => WikiConfig {
                block_disables_login: true,
                ..base
            },
            "password-force-change" => {
                let mut policy = PasswordPolicy::stock();
                policy.set(
                    "sysop",
                    PolicyCheck::MinimalPasswordLength,
                    PolicySetting::forcing_change(PolicyValue::Int(10)),
                );
                WikiConfig {
                    password_policy: policy,
                    ..base
                }
            }
            "password-expired" => WikiConfig {
                password_expiration_seconds: Some(-86_400),
                password_expire_grace: 0,
                ..base
            },
            "password-expired-grace" => WikiConfig {
                password_expiration_seconds: Some(-86_400),
                ..base
            },
            "creation-throttle" => WikiConfig {
                account_creation_throttle: vec![Window {
                    count: 1,
                    seconds: 86_400,
                }],
                ..base
            },
            "login-only" => WikiConfig {
                temporary_password_provider: false,
                local_password_login_only: true,
                ..base
            },
            "dnsbl" => WikiConfig {
                dnsbl_listed: vec!["127.0.0.1".to_string()],
                ..base
            },
            "third-party-login" => WikiConfig {
                external_login: true,
                ..base
            },
            "third-party-link" => WikiConfig {
                external_link: true,
                ..base
            },
            "legacy-1.21" => WikiConfig {
                mediawiki: PROFILE_BASE,
                legacy_1_21: true,
                ..base
            },
            "documented" => WikiConfig {
                mediawiki: PROFILE_BASE,
                documented_profile: true,
                site_messages: DOCUMENTED_SITE_MESSAGES,
                ..base
            },
            // Mock-only: the documented profile with $wgAccountCreationThrottle (1 a day), for
            // the page's acct_creation_throttle_hit text.
            "documented-throttle" => WikiConfig {
                account_creation_throttle: WikiConfig::named("creation-throttle")?
                    .account_creation_throttle,
                ..WikiConfig::named("documented")?
            },
            // Mock-only variants of the legacy profile, for the codes that need a setting.
            "legacy-1.21-email-confirm" => WikiConfig {
                mediawiki: PROFILE_BASE,
                legacy_1_21: true,
                email_confirm_to_edit: true,
                ..base
            },
            "legacy-1.21-dnsbl" => WikiConfig {
                mediawiki: PROFILE_BASE,
                legacy_1_21: true,
                ..WikiConfig::named("dnsbl")?
            },
            "legacy-1.21-throttle" => WikiConfig {
                mediawiki: PROFILE_BASE,
                legacy_1_21: true,
                ..WikiConfig::named("creation-throttle")?
            },
            // Mock-only: API:Account creation's example 3, "a wiki with CAPTCHA, OpenID extension,
            // and two-factor authentication enabled" (the captcha is FancyCaptcha's image).
            "openid-connect" => WikiConfig {
                captcha: Some(CaptchaConfig::fancy_image()),
                openid_connect: true,
                ..base
            },
            // MediaWiki 1.43 only (the scenarios say `versions: ">=1.43"`).
            "temp-accounts" => WikiConfig {
                temp_accounts: Some(TempAccountSettings::stock()),
                ..base
            },
            _ => return None,
        };
        Some(config)
    }

    /// The settings of MediaWiki 1.39 out of the box ($wgEmailAuthentication on, the default
    /// throttles and the mailpassword limit of 5 per hour per IP).
    pub fn stock() -> WikiConfig {
        WikiConfig {
            email_authentication: true,
            password_attempt_throttle: STOCK_PASSWORD_ATTEMPT_THROTTLE.to_vec(),
            mailpassword_rate_limit: Some(Window {
                count: 5,
                seconds: 3600,
            }),
            ..WikiConfig::default()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_listed_name_is_known() {
        for name in WikiConfig::NAMES {
            assert!(WikiConfig::named(name).is_some(), "{name}");
        }
        assert_eq!(WikiConfig::named("default"), Some(WikiConfig::default()));
        assert_eq!(WikiConfig::named("nonesuch"), None);
        let readonly = WikiConfig::named("readonly").unwrap();
        assert_eq!(
            readonly.read_only_reason.as_deref(),
            Some("Catalog maintenance")
        );
        assert!(!WikiConfig::named("no-email").unwrap().enable_email);
    }

    #[test]
    fn real_configurations_speak_any_release_and_the_documentation_profiles_stay_on_theirs() {
        for name in WikiConfig::NAMES {
            let config = WikiConfig::named(name).unwrap();
            let profile = config.documented_profile || config.legacy_1_21;
            for version in MOCK_VERSIONS {
                let speaking = config.clone().speaking(*version);
                let expected = if profile { PROFILE_BASE } else { *version };
                assert_eq!(speaking.mediawiki, expected, "{name} as {version}");
                assert_eq!(speaking.release().version, expected, "{name} as {version}");
            }
        }
    }

    #[test]
    fn legacy_variants_add_one_setting_to_the_legacy_profile() {
        let legacy = WikiConfig::named("legacy-1.21").unwrap();
        assert!(legacy.legacy_1_21 && !legacy.email_confirm_to_edit);
        assert_eq!(
            WikiConfig::named("legacy-1.21-email-confirm"),
            Some(WikiConfig {
                email_confirm_to_edit: true,
                ..legacy.clone()
            })
        );
        assert_eq!(
            WikiConfig::named("legacy-1.21-dnsbl"),
            Some(WikiConfig {
                dnsbl_listed: vec!["127.0.0.1".to_string()],
                ..legacy.clone()
            })
        );
        assert_eq!(
            WikiConfig::named("legacy-1.21-throttle"),
            Some(WikiConfig {
                account_creation_throttle: vec![Window {
                    count: 1,
                    seconds: 86_400,
                }],
                ..legacy
            })
        );
    }

    #[test]
    fn what_each_configuration_needs_is_what_the_harness_is_told() {
        for name in WikiConfig::NAMES {
            let config = WikiConfig::named(name).unwrap();
            let told = mwcheck_shared::ConfigNeeds {
                captcha: config.captcha.is_some(),
                two_factor: config.oathauth.is_some(),
                email: config.enable_email,
            };
            assert_eq!(mwcheck_shared::config_needs(name), Some(told), "{name}");
        }
    }

    #[test]
    fn only_login_only_cannot_create_accounts() {
        for name in WikiConfig::NAMES {
            let config = WikiConfig::named(name).unwrap();
            assert_eq!(
                config.can_create_accounts(),
                *name != "login-only",
                "{name}"
            );
        }
        // TemporaryPassword alone still creates accounts (with a mailed password).
        let temporary_only = WikiConfig {
            local_password_login_only: true,
            ..WikiConfig::default()
        };
        assert!(temporary_only.can_create_accounts());
    }

    #[test]
    fn password_expiry_follows_the_expiration_days() {
        let now = 1_800_000_000;
        assert_eq!(WikiConfig::default().new_password_expiry(now), None);
        let expired = WikiConfig::named("password-expired").unwrap();
        assert_eq!(expired.new_password_expiry(now), Some(now - 86_400));
        assert_eq!(expired.password_expire_grace, 0);
        let grace = WikiConfig::named("password-expired-grace").unwrap();
        assert_eq!(grace.new_password_expiry(now), Some(now - 86_400));
        assert_eq!(grace.password_expire_grace, 7 * 86_400);
        let later = WikiConfig {
            password_expiration_seconds: Some(90 * 86_400),
            ..WikiConfig::default()
        };
        assert_eq!(later.new_password_expiry(now), Some(now + 90 * 86_400));
    }
}
