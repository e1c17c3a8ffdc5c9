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

mod named;

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
