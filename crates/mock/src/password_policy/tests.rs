//! Unit tests of the password policy; the expectations are MediaWiki 1.39 captures (catalog §9.1),
//! MediaWiki 1.43 captures (mw-1.43-vs-1.39.md C1–C3, V1–V2) and the source of
//! `UserPasswordPolicy` / `PasswordPolicyChecks`.

use super::*;
use crate::release::{MEDIAWIKI_1_39, MEDIAWIKI_1_43, Release};
use serde_json::json;

/// `policy` as it applies on `release`.
fn on(policy: &PasswordPolicy, release: &Release) -> ActivePasswordPolicy {
    policy.in_release(release.password_policy_defaults, release.common_passwords)
}

/// The stock policy of MediaWiki 1.39.
fn stock_1_39() -> ActivePasswordPolicy {
    on(&PasswordPolicy::stock(), &MEDIAWIKI_1_39)
}

fn keys(failures: &[PolicyFailure]) -> Vec<&'static str> {
    failures.iter().map(|failure| failure.key).collect()
}

#[test]
fn default_policy_for_a_new_user() {
    let policy = stock_1_39();
    let failures = policy.check("Password2ae151af", "password", &[]);
    assert_eq!(
        keys(&failures),
        ["password-substring-username-match", "passwordincommonlist"]
    );
    assert_eq!(validity(&failures), Validity::Change);
    assert!(
        failures
            .iter()
            .all(|f| !f.fatal && f.suggest_change_on_login && !f.force_change)
    );

    assert_eq!(
        validity(&policy.check("Pol1", "Zq9-xx-unique-77", &[])),
        Validity::Good
    );
    assert_eq!(validity(&policy.check("Pol1", "a", &[])), Validity::Good);
    assert_eq!(
        keys(&policy.check("Pol1", "querty", &[])),
        ["passwordincommonlist"]
    );
}

#[test]
fn forbidden_defaults() {
    let policy = stock_1_39();
    assert_eq!(
        keys(&policy.check("Pol1", "ExamplePassword", &[])),
        ["password-login-forbidden"]
    );
    assert_eq!(
        keys(&policy.check("Useruser", "Passpass", &[])),
        ["password-login-forbidden"]
    );
    assert_eq!(
        keys(&policy.check("Useruser1", "Passpass1", &[])),
        ["password-login-forbidden"]
    );
    assert_eq!(
        keys(&policy.check("Apitestsysop", "testpass", &[])),
        ["password-login-forbidden", "passwordincommonlist"]
    );
    assert!(policy.check("Useruser", "PASSPASS", &[]).is_empty());
    assert!(policy.check("Useruser2", "Passpass", &[]).is_empty());
    assert!(policy.check("useruser", "Passpass", &[]).is_empty());
}

#[test]
fn lengths_are_bytes() {
    let policy = stock_1_39();
    let exact = "x".repeat(4096);
    assert!(policy.check("Pol1", &exact, &[]).is_empty());
    for long in ["y".repeat(4097), "é".repeat(2049)] {
        let failures = policy.check("Pol1", &long, &[]);
        assert_eq!(keys(&failures), ["passwordtoolong"]);
        assert_eq!(failures[0].params, [json!(4096)]);
        assert!(failures[0].fatal);
        assert_eq!(validity(&failures), Validity::Invalid);
        let outcome = policy.check_outcome("Pol1", &long, &[]);
        assert!(!outcome.suggest_change_on_login && !outcome.force_change);
    }
}

#[test]
fn privileged_groups_need_ten_bytes() {
    let policy = stock_1_39();
    let groups = [
        "*",
        "user",
        "autoconfirmed",
        "bureaucrat",
        "interface-admin",
        "sysop",
    ];
    let failures = policy.check("Admin", "dmi", &groups);
    assert_eq!(
        keys(&failures),
        ["passwordtooshort", "password-substring-username-match"]
    );
    assert_eq!(failures[0].params, [json!(10)]);
    assert!(!failures[0].fatal);
    let failures = policy.check("Admin", "Zq9Zq9Zq9", &groups);
    assert_eq!(keys(&failures), ["passwordtooshort"]);
    assert_eq!(validity(&failures), Validity::Change);
    assert!(policy.check("Admin", "ééééé", &groups).is_empty());
    // The login minimum is fatal, and comes after the default checks.
    let failures = policy.check("Admin", "", &["sysop"]);
    assert_eq!(
        keys(&failures),
        [
            "passwordtooshort",
            "password-substring-username-match",
            "passwordtooshort"
        ]
    );
    assert_eq!(failures[2].params, [json!(1)]);
    assert!(failures[2].fatal);
    assert_eq!(validity(&failures), Validity::Invalid);
}

#[test]
fn merged_policy_keeps_order_maximum_and_flags() {
    let effective = stock_1_39().effective_policy(&["bot"]);
    let order: Vec<&str> = effective.keys().map(|check| check.name()).collect();
    assert_eq!(
        order,
        [
            "MinimalPasswordLength",
            "PasswordCannotBeSubstringInUsername",
            "PasswordCannotMatchDefaults",
            "MaximalPasswordLength",
            "PasswordNotInCommonList",
            "MinimumPasswordLengthToLogin"
        ]
    );
    assert_eq!(
        effective[&PolicyCheck::MinimalPasswordLength],
        PolicySetting::suggesting_change(PolicyValue::Int(10))
    );
    assert_eq!(
        effective[&PolicyCheck::MinimumPasswordLengthToLogin],
        PolicySetting::plain(PolicyValue::Int(1))
    );
    assert_eq!(stock_1_39().effective_policy(&["*", "user"]).len(), 5);
}

#[test]
fn substring_check_folds_ascii_only() {
    let policy = stock_1_39();
    let substring = |user: &str, password: &str| {
        keys(&policy.check(user, password, &[])).contains(&"password-substring-username-match")
    };
    assert!(substring("Polabcdef", "BCDE"));
    assert!(substring("127.0.0.1", "127.0"));
    assert!(!substring("Polabc", "Polabcd"));
    assert!(!substring("Éclair1", "éclair"));
    assert!(substring("Éclair1", "Éclair"));
    assert!(substring("Pol", ""));
}

#[test]
fn login_flags_follow_the_status() {
    let mut default = PolicySet::new();
    default.insert(
        PolicyCheck::MinimalPasswordLength,
        PolicySetting {
            value: PolicyValue::Int(8),
            suggest_change_on_login: true,
            force_change: true,
        },
    );
    default.insert(
        PolicyCheck::PasswordNotInCommonList,
        PolicySetting::suggesting_change(PolicyValue::Bool(true)),
    );
    let policy = on(
        &PasswordPolicy::new(IndexMap::from([("default".to_string(), default)])).unwrap(),
        &MEDIAWIKI_1_39,
    );
    let outcome = policy.check_outcome("Pol1", "short", &[]);
    assert!(outcome.force_change && !outcome.suggest_change_on_login);
    let outcome = policy.check_outcome("Pol1", "password", &[]);
    assert!(!outcome.force_change && outcome.suggest_change_on_login);
    let outcome = policy.check_outcome("Pol1", "Zq9-xx-unique-77", &[]);
    assert!(
        outcome.failures.is_empty() && !outcome.force_change && !outcome.suggest_change_on_login
    );
}

#[test]
fn php_loose_values() {
    assert_eq!(
        PolicyValue::Int(1).php_max(PolicyValue::Int(10)),
        PolicyValue::Int(10)
    );
    assert_eq!(
        PolicyValue::Bool(true).php_max(PolicyValue::Int(10)),
        PolicyValue::Bool(true)
    );
    assert_eq!(
        PolicyValue::Bool(false).php_max(PolicyValue::Int(3)),
        PolicyValue::Int(3)
    );
    let mut default = PolicySet::new();
    default.insert(
        PolicyCheck::MinimalPasswordLength,
        PolicySetting::plain(PolicyValue::Bool(true)),
    );
    let policy = on(
        &PasswordPolicy::new(IndexMap::from([("default".to_string(), default)])).unwrap(),
        &MEDIAWIKI_1_39,
    );
    assert!(policy.check("Pol1", "x", &[]).is_empty());
    assert_eq!(policy.check("Pol1", "", &[])[0].params, [json!(true)]);
}

#[test]
fn configuration_needs_a_default_group() {
    assert_eq!(
        PasswordPolicy::new(IndexMap::new()),
        Err(MissingDefaultPolicy)
    );
    assert_eq!(
        PolicyCheck::from_name("MaximalPasswordLength"),
        Some(PolicyCheck::MaximalPasswordLength)
    );
    assert_eq!(PolicyCheck::from_name("PasswordNotInLargeBlacklist"), None);
    assert_eq!(Validity::Change.as_str(), "Change");
}

#[test]
fn a_sysop_force_change_setting_replaces_the_sysop_length_in_place() {
    let mut config = PasswordPolicy::stock();
    config.set(
        "sysop",
        PolicyCheck::MinimalPasswordLength,
        PolicySetting::forcing_change(PolicyValue::Int(10)),
    );
    let policy = on(&config, &MEDIAWIKI_1_39);
    // The group keeps its place, so the check order is unchanged.
    let groups: Vec<&str> = policy.policies().keys().map(String::as_str).collect();
    assert_eq!(
        groups,
        ["bureaucrat", "sysop", "interface-admin", "bot", "default"]
    );
    // Merged with the default's suggestChangeOnLogin, forceChange wins: a hard reset.
    let outcome = policy.check_outcome("Pforce", "Q1234abcd", &["sysop", "*", "user"]);
    assert_eq!(keys(&outcome.failures), ["passwordtooshort"]);
    assert!(outcome.force_change);
    assert!(!outcome.suggest_change_on_login);
    // A plain user with the same password is unaffected.
    assert!(
        policy
            .check("Pforce", "Q1234abcd", &["*", "user"])
            .is_empty()
    );
    // A new group is appended after the configured ones.
    config.set(
        "suppress",
        PolicyCheck::MinimalPasswordLength,
        PolicySetting::plain(PolicyValue::Int(12)),
    );
    assert_eq!(
        on(&config, &MEDIAWIKI_1_39)
            .policies()
            .keys()
            .last()
            .map(String::as_str),
        Some("suppress")
    );
}

#[test]
fn mediawiki_1_43_requires_eight_bytes_and_looks_the_list_up_exactly() {
    let policy = on(&PasswordPolicy::stock(), &MEDIAWIKI_1_43);
    // C1 / V1: 7 bytes fail (suggesting a change at login), 8 bytes pass; bytes, not characters.
    let short = policy.check_outcome("Pol1", "Qz7!kWp", &[]);
    assert_eq!(keys(&short.failures), ["passwordtooshort"]);
    assert_eq!(short.failures[0].params, [json!(8)]);
    assert!(short.suggest_change_on_login && !short.force_change);
    assert!(policy.check("Pol1", "Qz7!kWpx", &[]).is_empty());
    assert!(policy.check("Pol1", "ééöö", &[]).is_empty());
    assert_eq!(
        keys(&policy.check("Pol1", "éééx", &[])),
        ["passwordtooshort"]
    );
    // C2: short and common.
    assert_eq!(
        keys(&policy.check("Pol1", "abc", &[])),
        ["passwordtooshort", "passwordincommonlist"]
    );
    // C3 / V2: the 1.39 filter's false positives are not common any more.
    for password in ["Qx783038-zq", "Qx1873621-zq", "Qx3317577-zq"] {
        assert!(policy.check("Pol1", password, &[]).is_empty(), "{password}");
        assert_eq!(
            keys(&stock_1_39().check("Pol1", password, &[])),
            ["passwordincommonlist"]
        );
    }
    // Sysops keep their 10 bytes.
    assert_eq!(
        policy.check("Admin", "Zq9Zq9Zq9", &["sysop", "*", "user"])[0].params,
        [json!(10)]
    );
}

#[test]
fn a_change_to_the_stock_policy_applies_on_every_release() {
    let mut config = PasswordPolicy::stock();
    config.set_default(
        PolicyCheck::MinimalPasswordLength,
        PolicySetting::suggesting_change(PolicyValue::Int(10)),
    );
    for release in [&MEDIAWIKI_1_39, &MEDIAWIKI_1_43] {
        let failures = on(&config, release).check("Pol1", "Zq9Zq9Zq9", &[]);
        assert_eq!(failures[0].params, [json!(10)], "{:?}", release.version);
    }
    // Without the change, the release's own default applies.
    assert!(stock_1_39().check("Pol1", "Zq9", &[]).is_empty());
    assert_eq!(
        keys(&on(&PasswordPolicy::stock(), &MEDIAWIKI_1_43).check("Pol1", "Zq9", &[])),
        ["passwordtooshort"]
    );
}
