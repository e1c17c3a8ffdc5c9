//! What differs between the MediaWiki releases the mock speaks, as data: one [`Release`] row per
//! release line (1.43 LTS, 1.39), each field a fact of that release that a client can observe,
//! grouped by where the behaviour lives (the API's machinery, user names, passwords, …). The
//! files that implement a behaviour read their release's row (`ctx.release()`,
//! `WikiConfig::release`); none of them compares version numbers. Adding a release is adding a
//! row, and a field where the new release does something no row does yet.

use mwcheck_shared::MediaWikiVersion;

/// One MediaWiki release line as the mock plays it.
#[derive(Debug)]
pub struct Release {
    /// The release line (`MOCK_VERSIONS` lists those with a row here).
    pub version: MediaWikiVersion,
    /// MW_VERSION of the reference install (siteinfo's `generator`, the HTML pages' meta tag).
    pub full_version: &'static str,

    // --- Accounts, blocks, logout, password resets, userrights and the extensions -------------
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
    /// action=logout is a write-mode module (promised-nonwrite-api, read-only mode; O2, O3) and
    /// warns an anonymous caller `notloggedin` instead of ending its session (O1).
    pub logout_is_write_mode: bool,
    /// How action=resetpassword reads its `user` and `email` parameters (R1, R2).
    pub reset_targets: ResetTargets,
    /// The reset mail ends with `passwordreset-emailtext-require-email` (a link to the email
    /// preferences) unless the user has `requireemail` (R3).
    pub reset_mail_mentions_requireemail: bool,
    /// createaccount's `badaccess-groups` names the groups as a comma list parameter
    /// (Message::listParam; raw format `{"list":[…],"type":"comma"}`), not one text.
    pub badaccess_groups_list_param: bool,
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
    /// OATHAuth's credits `author` (siteinfo's `extensions`).
    pub oathauth_author: &'static str,
    /// OATHAuth's `oathauth-throttled` names how long to wait (a duration parameter) (OA2).
    pub oath_throttle_names_duration: bool,
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

/// MediaWiki 1.43.12 LTS (Debian 13's package), as recorded in snapshots/1.43 and compared in
/// ../shared/reference/mw-1.43-vs-1.39.md.
pub const MEDIAWIKI_1_43: Release = Release {
    version: MediaWikiVersion::V1_43,
    full_version: "1.43.12",

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
    logout_is_write_mode: true,
    reset_targets: ResetTargets::ValidatedRequireEmail,
    reset_mail_mentions_requireemail: true,
    badaccess_groups_list_param: true,
    login_request_account_empty: true,
    questy_answer_trimmed: true,
    captcha_long_bad_login_window: Some((30, 300)),
    oathauth_author: "Ryan Lane, Robert Vogel <vogel@hallowelt.com>, Dejan Savuljesku <savuljesku@hallowelt.com>, Taavi Väänänen",
    oath_throttle_names_duration: false,
    oathauth_rate_limits: &[
        ("badoath", 10, 60),
        ("disableoath", 5, 60),
        ("verify-2fa", 5, 60),
    ],
};

/// MediaWiki 1.39.17 (Debian 12's package), as recorded in snapshots/1.39 and the catalogue.
pub const MEDIAWIKI_1_39: Release = Release {
    version: MediaWikiVersion::V1_39,
    full_version: "1.39.17",

    // Accounts, blocks, logout, password resets, userrights and the extensions.
    account_texts: &[],
    blocked_error_is_blockedtext: false,
    blockinfo_email_and_owntalk: false,
    userrights_watchuser: false,
    unblock_watchuser: false,
    userrights_interwiki_denied: ("nointerwikiuserrights", "userrights-no-interwiki"),
    logout_is_write_mode: false,
    reset_targets: ResetTargets::TruthyValues,
    reset_mail_mentions_requireemail: false,
    badaccess_groups_list_param: false,
    login_request_account_empty: false,
    questy_answer_trimmed: false,
    captcha_long_bad_login_window: None,
    oathauth_author: "Ryan Lane, Robert Vogel <vogel@hallowelt.com>, Dejan Savuljesku <savuljesku@hallowelt.com>",
    oath_throttle_names_duration: true,
    oathauth_rate_limits: &[("badoath", 10, 60)],
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
