//! What differs between the MediaWiki releases the mock speaks, as data: one [`Release`] row per
//! release line (1.43 LTS, 1.39), each field a fact of that release that a client can observe,
//! grouped by where the behaviour lives (the API's machinery, user names, passwords, …). The
//! files that implement a behaviour read their release's row (`ctx.release()`,
//! `WikiConfig::release`); none of them compares version numbers. Adding a release is adding a
//! row, and a field where the new release does something no row does yet.

use mwcheck_shared::MediaWikiVersion;

use super::api_names::{
    ACTIONS, ACTIONS_1_43, SITEINFO_PROPS, SITEINFO_PROPS_1_43, TEMP_ACCOUNT_EDIT, USERINFO_PROPS,
    USERINFO_PROPS_1_43,
};
use super::common_passwords::CommonPasswordCheck;
use super::group_permissions::{self, GroupPermissions};
use super::installation::{Credits, OATHAUTH, OATHAUTH_1_43, SKINS, SKINS_1_43, Skin};
use super::messages::{RawMessageKey, WikitextEscape};
use super::page_chrome::{CHROME_1_39, CHROME_1_43, PageChrome};
use super::password_policy::{
    PolicyCheck, PolicyDefaults, PolicySetting,
    PolicyValue::{Bool, Int},
};

mod interwiki;
mod lists;
mod rights_lists;

use lists::{
    API_MAIN_MODULES_1_39, RATE_LIMITS_ANON_1_39, RATE_LIMITS_ANON_1_43, RATE_LIMITS_USER_1_39,
    RATE_LIMITS_USER_1_43,
};

/// The rights an extension adds to a release's list of rights.
#[derive(Debug)]
pub struct ExtensionRights {
    /// Its extension.json `AvailableRights`.
    pub available: &'static [&'static str],
    /// The implicit rights it brings (its `$wgRateLimits` actions, implicit since 1.41).
    pub implicit: &'static [&'static str],
}

/// One MediaWiki release line as the mock plays it.
#[derive(Debug)]
pub struct Release {
    /// The release line (`MOCK_VERSIONS` lists those with a row here).
    pub version: MediaWikiVersion,
    /// MW_VERSION of the reference install (siteinfo's `generator`, the HTML pages' meta tag).
    pub full_version: &'static str,

    // ---- The API's machinery, rights, user options and siteinfo ----
    /// The namespace before core API classes' names in paraminfo's `classname` (`ApiMain` or
    /// `MediaWiki\Api\ApiMain`).
    pub api_class_namespace: &'static str,
    /// `$wgGroupPermissions` of a stock install and the rights everyone has implicitly.
    pub group_permissions: &'static GroupPermissions,
    /// The `writeapi` right exists and ApiMain refuses write modules without it
    /// (`writeapidenied`); without it `$wgGroupPermissions[…]['writeapi']` means nothing.
    pub writeapi_right: bool,
    /// `$wgRateLimits` of a stock install as `uiprop=ratelimits` lists them: for registered
    /// users and for anonymous ones (`mailpassword` stands where the wiki's own limit goes).
    pub rate_limits_user: &'static [(&'static str, i64, i64)],
    pub rate_limits_anon: &'static [(&'static str, i64, i64)],
    /// The default user options as `uiprop=options` lists them (a JSON object, in order).
    pub default_user_options: &'static str,
    /// The preferences form as action=options validates against it: each preference's field
    /// (select or radio options, number bounds, `hide-if`), a JSON object (data/preference-fields-*).
    pub preference_fields: &'static str,
    /// action=options has `global` (ignore, update, override: GlobalPreferences' overrides).
    pub options_global_param: bool,
    /// A reset puts the defaults back, and `resetkinds` other than `all` leave the options that
    /// have no default as they are (UserOptionsManager::resetOptions of 1.39); 1.43 unsets every
    /// option of the kinds, the ones only defaulted too (so `hide-if` then reads them as empty).
    pub options_reset_to_defaults: bool,
    /// An empty value counts as no value (1.39's UserOptionsManager::isValueEqual compares null
    /// as text): an option without a default goes back to none, and one the user never set stays
    /// unset; 1.43 keeps the empty value.
    pub options_empty_is_unset: bool,
    /// UserTimeCorrection keeps every offset within -12:00..+14:00 (a stored `Offset|900` reads
    /// `Offset|840`) and reads signed hours (`-5`); 1.39 keeps stored offsets as they are and
    /// reads unsigned hours only.
    pub time_correction_bounds_offsets: bool,
    /// ParamValidator's `toomanyvalues` names the parameter in its data (`parameter`).
    pub toomanyvalues_names_parameter: bool,
    /// The installed skins, `$wgDefaultSkin` (as the installer writes it) marked.
    pub skins: &'static [Skin],
    /// The HTML page around pretty-printed results and the help.
    pub page_chrome: &'static PageChrome,
    /// OATHAuth's credits as siteinfo lists them when the extension is loaded.
    pub oathauth_credits: &'static Credits,
    /// ApiMain's `maxage`/`smaxage` have a minimum of 0 (`outofrange` warnings, `"min":0`).
    pub cache_ages_have_minimum: bool,
    /// A POST whose Content-Length exceeds PHP's `post_max_size` (8 MiB) is refused with HTTP 413
    /// `http-contenttoolarge`; otherwise PHP drops the body and only the URL's parameters count.
    pub refuses_oversized_posts: bool,
    /// The cookies set after a request that wrote to the database, in order.
    pub db_write_cookies: &'static [DbWriteCookie],
    /// `apierror-unrecognizedparams` lists the names re-indexed from 0 (`["foo"]`), rather
    /// than keeping their positions among the request's parameters (`{"5":"foo"}`).
    pub unrecognized_params_reindexed: bool,
    /// meta=userinfo's `uiprop` values, sorted.
    pub userinfo_props: &'static [&'static str],
    /// meta=siteinfo's `siprop` values, sorted.
    pub siteinfo_props: &'static [&'static str],
    /// The action modules ApiMain knows (`action`'s values, sorted).
    pub actions: &'static [&'static str],
    /// Every action module of a stock install, in ApiMain's order (the raw formats of a
    /// `badvalue` for `action` list them), as lists one after another: the mock serves some of
    /// them (`actions`).
    pub api_main_modules: &'static [&'static [&'static str]],
    /// action=paraminfo's descriptions of `main`, `paraminfo` and `query` (the modules that list
    /// the others), recorded from the release with `helpformat=none` in formatversion 2: a JSON
    /// array, `{server}` standing for the wiki's URL (crates/mock/data/README.md).
    pub paraminfo_main_paraminfo_query: &'static str,
    /// action=logout is a write-mode module (paraminfo's `writerights`; promised-nonwrite-api,
    /// read-only mode; O2–O4) and warns an anonymous caller `notloggedin` instead of ending its
    /// session (O1).
    pub logout_is_write_mode: bool,

    // ---- list=allusers and list=users (modules/query/allusers.rs, users.rs) ----
    /// Every right `aurights` accepts (PermissionManager's permissions, and in 1.43 its implicit
    /// rights), sorted.
    pub all_rights: &'static [&'static str],
    /// The rights everyone has without any group listing them (PermissionManager's implicit
    /// rights): `aurights` naming one matches every account.
    pub implicit_rights: &'static [&'static str],
    /// `aurights` naming a right of `*` or `user` matches every account (1.43); before, it
    /// looked for `user_groups` rows of those groups, which no account has.
    pub allusers_everyone_rights_match_all: bool,
    /// allusers' `rights` are the permissions of the groups it lists, in that order (implicit
    /// groups first) and whatever the session; otherwise the account's permissions as list=users
    /// has them (PermissionManager::getUserPermissions: explicit groups first, limited to what
    /// a bot password's session allows).
    pub allusers_rights_of_listed_groups: bool,
    /// allusers takes `excludenamed` and `excludetemp` (temporary accounts' filters).
    pub allusers_temp_account_filters: bool,
    /// list=users marks system users (`systemuser`).
    pub users_marks_system_users: bool,
    /// The rights ConfirmEdit and OATHAuth add when loaded: their `AvailableRights`, and (1.43)
    /// their rate-limited actions, which become implicit rights.
    pub captcha_rights: ExtensionRights,
    pub oathauth_rights: ExtensionRights,

    // ---- Passwords, user names and raw-format messages (password_policy, common_passwords,
    // ---- username, authentication, messages) ----
    /// The stock `$wgPasswordPolicy['policies']`.
    pub password_policy_defaults: PolicyDefaults,
    /// How `PasswordNotInCommonList` tests a password (wikimedia/common-passwords' version).
    pub common_passwords: CommonPasswordCheck,
    /// `$wgInvalidUsernameCharacters`: characters a new account's name must not contain
    /// (also siteinfo's `general.invalidusernamechars`).
    pub invalid_username_chars: &'static str,
    /// `$wgAutoCreateTempUser['reservedPattern']` as the prefix it matches (`~$1` is `~`): names
    /// with it can be neither created nor logged in to while temporary accounts are off.
    pub reserved_username_prefix: Option<&'static str>,
    /// `UserNameUtils::isValid` refuses IP ranges and IPv4 dash ranges (`1.2.3.4-1.2.3.9`).
    pub ip_ranges_are_invalid_user_names: bool,
    /// A password failing a fatal policy at login is wrapped in `fatalpassworderror` (the message
    /// plus a Special:PasswordReset link), and the check comes before the password's.
    pub fatal_password_error_at_login: bool,
    /// The key a `RawMessage` (`$1`, `* $1\n* $2`) has in raw message formats.
    pub raw_message_key: RawMessageKey,
    /// `badaccess-groups`' group list is a list parameter (raw: `{"list":[…],"type":"comma"}`),
    /// not a text (PermissionStatus in 1.43).
    pub permission_groups_as_list: bool,
    /// The form of `wfEscapeWikiText` (user input spliced into messages).
    pub wikitext_escape: WikitextEscape,
    /// How `Language::ucfirst` capitalises a name's (or title's) first non-ASCII character.
    pub first_letter_case: FirstLetterCase,
    /// The interwiki prefixes of a fresh installation (`maintenance/interwiki.list`).
    pub interwiki_prefixes: &'static [&'static str],

    // ---- Accounts, blocks, logout, password resets, userrights and the extensions ----
    /// English texts this release words differently from the message tables (which hold
    /// 1.39's): `blockedtext` (C7), `action-block`, OATHAuth's UI and throttle texts (OA1, OA2).
    pub account_texts: &'static [(&'static str, &'static str)],
    /// A "you are blocked" API error (ApiBase::dieBlocked) carries the block's full `blockedtext`
    /// (BlockErrorFormatter) instead of `apierror-blocked` (G9).
    pub blocked_error_is_blockedtext: bool,
    /// `blockinfo` objects carry `blockemail` and `blockowntalk` after `blockanononly` (G10).
    pub blockinfo_email_and_owntalk: bool,
    /// action=userrights takes `watchuser` and reports it in the result (ApiWatchlistTrait;
    /// UR1).
    pub userrights_watchuser: bool,
    /// action=unblock takes `watchuser` and reports it in the result (B1).
    pub unblock_watchuser: bool,
    /// The API error for a `user@otherwiki` userrights target without `userrights-interwiki`:
    /// (code, message key) (UR2).
    pub userrights_interwiki_denied: (&'static str, &'static str),
    /// How action=resetpassword reads its `user` and `email` parameters (R1, R2).
    pub reset_targets: ResetTargets,
    /// The reset mail ends with `passwordreset-emailtext-require-email` (a link to the email
    /// preferences) unless the user has `requireemail` (R3).
    pub reset_mail_mentions_requireemail: bool,
    /// authmanagerinfo's login requests leave `account` empty for a logged-in user (A1).
    pub login_request_account_empty: bool,
    /// QuestyCaptcha compares the answer after trimming it (CE2).
    pub questy_answer_trimmed: bool,
    /// ConfirmEdit's long-window bad-login counters (LoginAttemptCounter), per IP and per
    /// user: (a, e) means the login captcha also triggers after a × $wgCaptchaBadLoginAttempts
    /// failures counted over e × $wgCaptchaBadLoginExpiration seconds (likewise per user);
    /// `None`: the release has only the short counters (CE3).
    pub captcha_long_bad_login_window: Option<(u64, u64)>,
    /// OATHAuth's per-user rate limits (name, hits, seconds), as userinfo lists them (OA5).
    pub oathauth_rate_limits: &'static [(&'static str, i64, i64)],
    /// OATHAuth's `oathauth-throttled` names how long to wait (a duration parameter) (OA2).
    pub oath_throttle_names_duration: bool,

    // --- Temporary accounts (temp_users.rs, modules/acquiretempusername.rs) ---
    /// What the release does with temporary accounts when `$wgAutoCreateTempUser['enabled']`
    /// (None: no temporary accounts as a client sees them: no `acquiretempusername` module, whose
    /// name `action` then rejects as `badvalue`).
    pub temp_accounts: Option<TempAccountRules>,
}

impl Release {
    /// Every action module of a stock install, in ApiMain's order.
    pub fn api_main_module_names(&self) -> Vec<&'static str> {
        self.api_main_modules.concat()
    }

    /// Whether `action` names an action module the mock serves as this release (anything else
    /// is `badvalue`): its `actions`, and action=edit where it has temporary accounts.
    pub fn serves_action(&self, action: &str) -> bool {
        self.actions.contains(&action)
            || (self.temp_accounts.is_some() && action == TEMP_ACCOUNT_EDIT)
    }
}

/// How a release names and hands out temporary accounts: the stock `$wgAutoCreateTempUser`
/// parts a client can observe.
#[derive(Debug)]
pub struct TempAccountRules {
    /// `genPattern`: the names made, `$1` standing for the (year-prefixed) serial number.
    pub gen_pattern: &'static str,
    /// `serialProvider.useYear`: serial numbers restart every year, and the name carries the
    /// year (`~2026-1`).
    pub serial_by_year: bool,
    /// The stock `$wgRateLimits` `newbie` limits (name, hits, seconds): a temporary account is
    /// never autoconfirmed, so it gets them beside the `user` and `ip` ones.
    pub rate_limits_newbie: &'static [(&'static str, i64, i64)],
    /// The actions of the stock `$wgRateLimits`, in order.
    pub rate_limit_actions: &'static [&'static str],
}

/// How action=resetpassword turns its `user` and `email` parameters into accounts to mail.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ResetTargets {
    /// 1.39: a value PHP takes as false ("" or "0") is absent; `user` wins over `email`; a
    /// malformed `email` quietly mails nobody.
    TruthyValues,
    /// 1.43: only "" is absent; a user name that is not valid (or is "0") is `noname`, a
    /// malformed `email` is `passwordreset-invalidemail`; users with the `requireemail`
    /// preference are mailed only when both their name and their address are given.
    ValidatedRequireEmail,
}

/// One cookie a request that wrote to the database gets.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DbWriteCookie {
    /// ChronologyProtector's `cpPosIndex` at this write position (1.43 sets a second one at
    /// shutdown, after the cache headers; one header map keeps the cookies together).
    PositionIndex(u32),
    /// `UseDC=master`.
    UseDc,
    /// `UseCDNCache=false`.
    UseCdnCache,
}

/// How a release's `Language::ucfirst` capitalises a first character that is not ASCII.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FirstLetterCase {
    /// `mb_strtoupper` (`ǆ` → `Ǆ`, `ß` → `SS`).
    Upper,
    /// `mb_convert_case(…, MB_CASE_TITLE)` (`ǆ` → `ǅ`, `ß` → `Ss`, Georgian unchanged).
    Title,
}

/// The privileged groups' stock policies (the same in every release the mock speaks).
const PRIVILEGED_GROUP_POLICY: &[(PolicyCheck, PolicySetting)] = &[
    (
        PolicyCheck::MinimalPasswordLength,
        PolicySetting::plain(Int(10)),
    ),
    (
        PolicyCheck::MinimumPasswordLengthToLogin,
        PolicySetting::plain(Int(1)),
    ),
];

/// The `default` group's stock policies, with the given MinimalPasswordLength.
macro_rules! default_group_policy {
    ($minimal_length:expr) => {
        &[
            (
                PolicyCheck::MinimalPasswordLength,
                PolicySetting::suggesting_change(Int($minimal_length)),
            ),
            (
                PolicyCheck::PasswordCannotBeSubstringInUsername,
                PolicySetting::suggesting_change(Bool(true)),
            ),
            (
                PolicyCheck::PasswordCannotMatchDefaults,
                PolicySetting::suggesting_change(Bool(true)),
            ),
            (
                PolicyCheck::MaximalPasswordLength,
                PolicySetting::suggesting_change(Int(4096)),
            ),
            (
                PolicyCheck::PasswordNotInCommonList,
                PolicySetting::suggesting_change(Bool(true)),
            ),
        ]
    };
}

/// The stock policy groups in configuration order, with the `default` group's policies.
macro_rules! stock_password_policy {
    ($default:expr) => {
        &[
            ("bureaucrat", PRIVILEGED_GROUP_POLICY),
            ("sysop", PRIVILEGED_GROUP_POLICY),
            ("interface-admin", PRIVILEGED_GROUP_POLICY),
            ("bot", PRIVILEGED_GROUP_POLICY),
            ("default", $default),
        ]
    };
}

/// MediaWiki 1.43.12 LTS (Debian 13's package), as recorded in snapshots/1.43 and compared in
/// ../shared/reference/mw-1.43-vs-1.39.md.
pub const MEDIAWIKI_1_43: Release = Release {
    version: MediaWikiVersion::V1_43,
    full_version: "1.43.12",
    api_class_namespace: "MediaWiki\\Api\\",
    group_permissions: &group_permissions::STOCK_1_43,
    writeapi_right: false,
    rate_limits_user: RATE_LIMITS_USER_1_43,
    rate_limits_anon: RATE_LIMITS_ANON_1_43,
    default_user_options: include_str!("../data/default-user-options-1.43.json"),
    preference_fields: include_str!("../data/preference-fields-1.43.json"),
    options_global_param: true,
    options_reset_to_defaults: false,
    options_empty_is_unset: false,
    time_correction_bounds_offsets: true,
    toomanyvalues_names_parameter: true,
    skins: SKINS_1_43,
    oathauth_credits: &OATHAUTH_1_43,
    page_chrome: &CHROME_1_43,
    cache_ages_have_minimum: true,
    refuses_oversized_posts: true,
    db_write_cookies: &[
        DbWriteCookie::PositionIndex(1),
        DbWriteCookie::UseDc,
        DbWriteCookie::PositionIndex(2),
    ],
    unrecognized_params_reindexed: true,
    userinfo_props: USERINFO_PROPS_1_43,
    siteinfo_props: SITEINFO_PROPS_1_43,
    actions: ACTIONS_1_43,
    api_main_modules: &[API_MAIN_MODULES_1_39, &["acquiretempusername"]],
    paraminfo_main_paraminfo_query: include_str!(
        "../data/paraminfo-main-paraminfo-query-1.43.json"
    ),
    logout_is_write_mode: true,
    all_rights: rights_lists::ALL_RIGHTS_1_43,
    implicit_rights: rights_lists::IMPLICIT_RIGHTS_1_43,
    allusers_everyone_rights_match_all: true,
    allusers_rights_of_listed_groups: false,
    allusers_temp_account_filters: true,
    users_marks_system_users: true,
    captcha_rights: ExtensionRights {
        available: rights_lists::CAPTCHA_AVAILABLE,
        implicit: &["badcaptcha"],
    },
    oathauth_rights: ExtensionRights {
        available: rights_lists::OATHAUTH_AVAILABLE,
        implicit: &["badoath", "disableoath", "verify-2fa"],
    },

    // Passwords, user names and raw-format messages.
    password_policy_defaults: stock_password_policy!(default_group_policy!(8)),
    common_passwords: CommonPasswordCheck::ExactList,
    invalid_username_chars: "@:>=",
    reserved_username_prefix: Some("~"),
    ip_ranges_are_invalid_user_names: true,
    fatal_password_error_at_login: true,
    raw_message_key: RawMessageKey::Rawmessage,
    permission_groups_as_list: true,
    wikitext_escape: WikitextEscape::WithEdges,
    first_letter_case: FirstLetterCase::Title,
    interwiki_prefixes: interwiki::MEDIAWIKI_1_43,

    // Accounts, blocks, logout, password resets, userrights and the extensions.
    account_texts: super::messages_en_143::ACCOUNT_TEXTS,
    blocked_error_is_blockedtext: true,
    blockinfo_email_and_owntalk: true,
    userrights_watchuser: true,
    unblock_watchuser: true,
    userrights_interwiki_denied: (
        "permissiondenied",
        "apierror-permissiondenied-userrights-interwiki",
    ),
    reset_targets: ResetTargets::ValidatedRequireEmail,
    reset_mail_mentions_requireemail: true,
    login_request_account_empty: true,
    questy_answer_trimmed: true,
    captcha_long_bad_login_window: Some((30, 300)),
    oath_throttle_names_duration: false,
    oathauth_rate_limits: &[
        ("badoath", 10, 60),
        ("disableoath", 5, 60),
        ("verify-2fa", 5, 60),
    ],

    // Temporary accounts.
    temp_accounts: Some(TempAccountRules {
        gen_pattern: "~$1",
        serial_by_year: true,
        rate_limits_newbie: &[
            ("edit", 8, 60),
            ("move", 2, 120),
            ("upload", 8, 60),
            ("rollback", 5, 120),
            ("sendemail", 5, 86400),
            ("stashedit", 30, 60),
            ("stashbasehtml", 5, 60),
            ("changetags", 8, 60),
            ("editcontentmodel", 2, 120),
        ],
        rate_limit_actions: &[
            "edit",
            "move",
            "upload",
            "rollback",
            "mailpassword",
            "sendemail",
            "changeemail",
            "confirmemail",
            "purge",
            "linkpurge",
            "renderfile",
            "renderfile-nonstandard",
            "stashedit",
            "stashbasehtml",
            "changetags",
            "editcontentmodel",
        ],
    }),
};

/// MediaWiki 1.39.17 (Debian 12's package), as recorded in snapshots/1.39 and the catalogue.
pub const MEDIAWIKI_1_39: Release = Release {
    version: MediaWikiVersion::V1_39,
    full_version: "1.39.17",
    api_class_namespace: "",
    group_permissions: &group_permissions::STOCK_1_39,
    writeapi_right: true,
    rate_limits_user: RATE_LIMITS_USER_1_39,
    rate_limits_anon: RATE_LIMITS_ANON_1_39,
    default_user_options: include_str!("../data/default-user-options.json"),
    preference_fields: include_str!("../data/preference-fields-1.39.json"),
    options_global_param: false,
    options_reset_to_defaults: true,
    options_empty_is_unset: true,
    time_correction_bounds_offsets: false,
    toomanyvalues_names_parameter: false,
    skins: SKINS,
    oathauth_credits: &OATHAUTH,
    page_chrome: &CHROME_1_39,
    cache_ages_have_minimum: false,
    refuses_oversized_posts: false,
    db_write_cookies: &[
        DbWriteCookie::PositionIndex(1),
        DbWriteCookie::UseDc,
        DbWriteCookie::UseCdnCache,
    ],
    unrecognized_params_reindexed: false,
    userinfo_props: USERINFO_PROPS,
    siteinfo_props: SITEINFO_PROPS,
    actions: ACTIONS,
    api_main_modules: &[API_MAIN_MODULES_1_39],
    paraminfo_main_paraminfo_query: include_str!(
        "../data/paraminfo-main-paraminfo-query-1.39.json"
    ),
    logout_is_write_mode: false,
    all_rights: rights_lists::ALL_RIGHTS_1_39,
    implicit_rights: &[],
    allusers_everyone_rights_match_all: false,
    allusers_rights_of_listed_groups: true,
    allusers_temp_account_filters: false,
    users_marks_system_users: false,
    captcha_rights: ExtensionRights {
        available: rights_lists::CAPTCHA_AVAILABLE,
        implicit: &[],
    },
    oathauth_rights: ExtensionRights {
        available: rights_lists::OATHAUTH_AVAILABLE,
        implicit: &[],
    },

    // Passwords, user names and raw-format messages.
    password_policy_defaults: stock_password_policy!(default_group_policy!(1)),
    common_passwords: CommonPasswordCheck::BloomFilter,
    invalid_username_chars: "@:>",
    reserved_username_prefix: None,
    ip_ranges_are_invalid_user_names: false,
    fatal_password_error_at_login: false,
    raw_message_key: RawMessageKey::Text,
    permission_groups_as_list: false,
    wikitext_escape: WikitextEscape::Inner,
    first_letter_case: FirstLetterCase::Upper,
    interwiki_prefixes: interwiki::MEDIAWIKI_1_39,

    // Accounts, blocks, logout, password resets, userrights and the extensions.
    account_texts: &[],
    blocked_error_is_blockedtext: false,
    blockinfo_email_and_owntalk: false,
    userrights_watchuser: false,
    unblock_watchuser: false,
    userrights_interwiki_denied: ("nointerwikiuserrights", "userrights-no-interwiki"),
    reset_targets: ResetTargets::TruthyValues,
    reset_mail_mentions_requireemail: false,
    login_request_account_empty: false,
    questy_answer_trimmed: false,
    captcha_long_bad_login_window: None,
    oath_throttle_names_duration: true,
    oathauth_rate_limits: &[("badoath", 10, 60)],

    // Temporary accounts.
    temp_accounts: None,
};

/// Every release the mock speaks, newest first.
pub const RELEASES: &[&Release] = &[&MEDIAWIKI_1_43, &MEDIAWIKI_1_39];

/// The row of `version`'s release line, if the mock speaks it.
pub fn of(version: MediaWikiVersion) -> Option<&'static Release> {
    RELEASES.iter().copied().find(|r| r.version == version)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_modules_the_mock_serves_are_among_the_releases_modules() {
        for release in RELEASES {
            for action in release.actions {
                assert!(
                    release.api_main_module_names().contains(action),
                    "{action} in {}",
                    release.version
                );
            }
        }
    }

    #[test]
    fn every_version_the_mock_speaks_has_one_row() {
        for version in mwcheck_shared::MOCK_VERSIONS {
            assert_eq!(of(*version).map(|r| r.version), Some(*version));
        }
        assert_eq!(RELEASES.len(), mwcheck_shared::MOCK_VERSIONS.len());
        for release in RELEASES {
            assert_eq!(
                MediaWikiVersion::from_generator(&format!("MediaWiki {}", release.full_version)),
                Some(release.version)
            );
        }
    }
}
