//! What differs between the MediaWiki releases the mock speaks, as data: one [`Release`] row per
//! release line (1.43 LTS, 1.39), each field a fact of that release that a client can observe,
//! grouped by where the behaviour lives (the API's machinery, user names, passwords, …). The
//! files that implement a behaviour read their release's row (`ctx.release()`,
//! `WikiConfig::release`); none of them compares version numbers. Adding a release is adding a
//! row, and a field where the new release does something no row does yet.

use mwcheck_shared::MediaWikiVersion;

mod interwiki;

use super::common_passwords::CommonPasswordCheck;
use super::messages::{RawMessageKey, WikitextEscape};
use super::password_policy::{
    PolicyCheck, PolicyDefaults, PolicySetting,
    PolicyValue::{Bool, Int},
};

/// One MediaWiki release line as the mock plays it.
#[derive(Debug)]
pub struct Release {
    /// The release line (`MOCK_VERSIONS` lists those with a row here).
    pub version: MediaWikiVersion,
    /// MW_VERSION of the reference install (siteinfo's `generator`, the HTML pages' meta tag).
    pub full_version: &'static str,

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
};

/// MediaWiki 1.39.17 (Debian 12's package), as recorded in snapshots/1.39 and the catalogue.
pub const MEDIAWIKI_1_39: Release = Release {
    version: MediaWikiVersion::V1_39,
    full_version: "1.39.17",

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
