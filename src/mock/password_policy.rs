//! MediaWiki 1.39's password policy (`$wgPasswordPolicy`, `UserPasswordPolicy`,
//! `PasswordPolicyChecks`): which policies apply to a user's groups, what each check says about a
//! password, and the resulting validity (`Good` / `Change` / `Invalid`).
//!
//! Facts reproduced here:
//! * Policies are configured per group; a user's effective policy starts from `default` and is
//!   merged (`maxOfPolicies`) with every configured group the user is in, in configuration order:
//!   the larger value wins, flags are OR-ed, and new policies are appended after existing ones.
//! * Checks run in the order of the effective policy (for the defaults: MinimalPasswordLength,
//!   PasswordCannotBeSubstringInUsername, PasswordCannotMatchDefaults, MaximalPasswordLength,
//!   PasswordNotInCommonList, then MinimumPasswordLengthToLogin for privileged groups).
//! * Lengths are byte lengths (`strlen`); the substring check is `stripos(username, password)`,
//!   which folds ASCII letters only, and an empty password is a substring of any name.
//! * `passwordtoolong` and the login minimum are fatal (validity `Invalid`); every other failure is
//!   an error (validity `Change`).

use indexmap::IndexMap;
use serde_json::Value;

use super::common_passwords;

/// One check MediaWiki knows (the keys of `$wgPasswordPolicy['checks']`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PolicyCheck {
    /// `passwordtooshort` [n] (error) when the password has fewer than n bytes.
    MinimalPasswordLength,
    /// `passwordtooshort` [n] (fatal) when the password has fewer than n bytes.
    MinimumPasswordLengthToLogin,
    /// `password-substring-username-match` (error) when the password occurs in the user name.
    PasswordCannotBeSubstringInUsername,
    /// `password-login-forbidden` (error) for MediaWiki's known test logins and `ExamplePassword`.
    PasswordCannotMatchDefaults,
    /// `passwordtoolong` [n] (fatal) when the password has more than n bytes.
    MaximalPasswordLength,
    /// `passwordincommonlist` (error) when the password is in the common-password filter.
    PasswordNotInCommonList,
}

impl PolicyCheck {
    /// The configuration name of the check.
    pub fn name(self) -> &'static str {
        match self {
            PolicyCheck::MinimalPasswordLength => "MinimalPasswordLength",
            PolicyCheck::MinimumPasswordLengthToLogin => "MinimumPasswordLengthToLogin",
            PolicyCheck::PasswordCannotBeSubstringInUsername => {
                "PasswordCannotBeSubstringInUsername"
            }
            PolicyCheck::PasswordCannotMatchDefaults => "PasswordCannotMatchDefaults",
            PolicyCheck::MaximalPasswordLength => "MaximalPasswordLength",
            PolicyCheck::PasswordNotInCommonList => "PasswordNotInCommonList",
        }
    }

    /// The check with this configuration name, if MediaWiki 1.39 has it.
    pub fn from_name(name: &str) -> Option<PolicyCheck> {
        [
            PolicyCheck::MinimalPasswordLength,
            PolicyCheck::MinimumPasswordLengthToLogin,
            PolicyCheck::PasswordCannotBeSubstringInUsername,
            PolicyCheck::PasswordCannotMatchDefaults,
            PolicyCheck::MaximalPasswordLength,
            PolicyCheck::PasswordNotInCommonList,
        ]
        .into_iter()
        .find(|check| check.name() == name)
    }
}

/// A policy value as PHP holds it: an integer (lengths) or a boolean (on/off checks). Comparisons
/// follow PHP 8's loose rules, so `true` behaves like "at least one".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PolicyValue {
    Int(i64),
    Bool(bool),
}

impl PolicyValue {
    fn truthy(self) -> bool {
        match self {
            PolicyValue::Int(n) => n != 0,
            PolicyValue::Bool(b) => b,
        }
    }

    /// PHP's `$this <=> $length` for a byte length.
    fn compare_with_length(self, length: usize) -> std::cmp::Ordering {
        let length = i64::try_from(length).unwrap_or(i64::MAX);
        match self {
            PolicyValue::Int(n) => n.cmp(&length),
            PolicyValue::Bool(b) => b.cmp(&(length != 0)),
        }
    }

    /// PHP's `max($self, $other)`: the first argument wins ties.
    fn php_max(self, other: PolicyValue) -> PolicyValue {
        let other_is_greater = match (self, other) {
            (PolicyValue::Int(a), PolicyValue::Int(b)) => b > a,
            (a, b) => b.truthy() && !a.truthy(),
        };
        if other_is_greater { other } else { self }
    }

    /// The value as a message parameter.
    pub fn to_json(self) -> Value {
        match self {
            PolicyValue::Int(n) => Value::from(n),
            PolicyValue::Bool(b) => Value::from(b),
        }
    }
}

/// One policy's setting: its value and what a failure asks for at login.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PolicySetting {
    pub value: PolicyValue,
    /// A failure offers a (skippable) password change at login.
    pub suggest_change_on_login: bool,
    /// A failure forces a password change at login.
    pub force_change: bool,
}

impl PolicySetting {
    /// A setting without flags (MediaWiki's scalar form, e.g. `'MinimalPasswordLength' => 10`).
    pub fn plain(value: PolicyValue) -> PolicySetting {
        PolicySetting {
            value,
            suggest_change_on_login: false,
            force_change: false,
        }
    }

    /// A setting with `suggestChangeOnLogin`.
    pub fn suggesting_change(value: PolicyValue) -> PolicySetting {
        PolicySetting {
            suggest_change_on_login: true,
            ..PolicySetting::plain(value)
        }
    }

    fn merged_with(self, other: PolicySetting) -> PolicySetting {
        PolicySetting {
            value: self.value.php_max(other.value),
            suggest_change_on_login: self.suggest_change_on_login || other.suggest_change_on_login,
            force_change: self.force_change || other.force_change,
        }
    }
}

/// The policies of one group, in configuration order.
pub type PolicySet = IndexMap<PolicyCheck, PolicySetting>;

/// One failed policy check, as a message for `validitymessages` or a FAIL response.
#[derive(Debug, Clone, PartialEq)]
pub struct PolicyFailure {
    /// Message key (`passwordtooshort`, `password-substring-username-match`, ...).
    pub key: &'static str,
    /// Message parameters (the policy value for the length checks, otherwise none).
    pub params: Vec<Value>,
    /// Fatal failures make the password `Invalid`; the others make it `Change`.
    pub fatal: bool,
    /// The failing policy has `suggestChangeOnLogin`.
    pub suggest_change_on_login: bool,
    /// The failing policy has `forceChange`.
    pub force_change: bool,
}

/// All failures of one password check, plus what MediaWiki would ask for at login.
#[derive(Debug, Clone, PartialEq)]
pub struct PolicyOutcome {
    pub failures: Vec<PolicyFailure>,
    /// No fatal failure, and a failing policy suggests a change (and none forces one).
    pub suggest_change_on_login: bool,
    /// No fatal failure, and a failing policy forces a change.
    pub force_change: bool,
}

/// What `action=validatepassword` reports for a password.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Validity {
    Good,
    Change,
    Invalid,
}

impl Validity {
    /// The `validity` value of the API response.
    pub fn as_str(self) -> &'static str {
        match self {
            Validity::Good => "Good",
            Validity::Change => "Change",
            Validity::Invalid => "Invalid",
        }
    }
}

/// `Good` with no failures, `Invalid` if any failure is fatal, otherwise `Change`.
pub fn validity(failures: &[PolicyFailure]) -> Validity {
    if failures.is_empty() {
        Validity::Good
    } else if failures.iter().any(|failure| failure.fatal) {
        Validity::Invalid
    } else {
        Validity::Change
    }
}

/// A password policy configuration (`$wgPasswordPolicy['policies']`).
#[derive(Debug, Clone, PartialEq)]
pub struct PasswordPolicy {
    /// Policies per group, in configuration order; always contains `default`.
    policies: IndexMap<String, PolicySet>,
}

/// The configuration has no `default` group.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("a password policy configuration must include a 'default' group")]
pub struct MissingDefaultPolicy;

impl Default for PasswordPolicy {
    /// MediaWiki 1.39's `$wgPasswordPolicy` defaults.
    fn default() -> Self {
        use PolicyCheck::*;
        let privileged = || -> PolicySet {
            IndexMap::from([
                (
                    MinimalPasswordLength,
                    PolicySetting::plain(PolicyValue::Int(10)),
                ),
                (
                    MinimumPasswordLengthToLogin,
                    PolicySetting::plain(PolicyValue::Int(1)),
                ),
            ])
        };
        let default: PolicySet = IndexMap::from([
            (
                MinimalPasswordLength,
                PolicySetting::suggesting_change(PolicyValue::Int(1)),
            ),
            (
                PasswordCannotBeSubstringInUsername,
                PolicySetting::suggesting_change(PolicyValue::Bool(true)),
            ),
            (
                PasswordCannotMatchDefaults,
                PolicySetting::suggesting_change(PolicyValue::Bool(true)),
            ),
            (
                MaximalPasswordLength,
                PolicySetting::suggesting_change(PolicyValue::Int(4096)),
            ),
            (
                PasswordNotInCommonList,
                PolicySetting::suggesting_change(PolicyValue::Bool(true)),
            ),
        ]);
        PasswordPolicy {
            policies: IndexMap::from([
                ("bureaucrat".to_string(), privileged()),
                ("sysop".to_string(), privileged()),
                ("interface-admin".to_string(), privileged()),
                ("bot".to_string(), privileged()),
                ("default".to_string(), default),
            ]),
        }
    }
}

impl PasswordPolicy {
    /// A configuration from policies per group (configuration order matters for check order).
    pub fn new(
        policies: IndexMap<String, PolicySet>,
    ) -> Result<PasswordPolicy, MissingDefaultPolicy> {
        if !policies.contains_key("default") {
            return Err(MissingDefaultPolicy);
        }
        Ok(PasswordPolicy { policies })
    }

    /// The configured policies per group.
    pub fn policies(&self) -> &IndexMap<String, PolicySet> {
        &self.policies
    }

    /// The policy that applies to a user in `groups` (`getPoliciesForGroups`).
    pub fn effective_policy(&self, groups: &[&str]) -> PolicySet {
        let mut effective = self.policies.get("default").cloned().unwrap_or_default();
        for (group, policy) in &self.policies {
            if groups.contains(&group.as_str()) {
                effective = max_of_policies(&effective, policy);
            }
        }
        effective
    }

    /// Check `password` for user `username` in `groups` (for a new account: no groups; for an
    /// anonymous request, `username` is the client IP and the groups are `["*"]`).
    pub fn check(&self, username: &str, password: &str, groups: &[&str]) -> Vec<PolicyFailure> {
        self.check_outcome(username, password, groups).failures
    }

    /// [`check`](Self::check) with the login flags MediaWiki puts on the status.
    pub fn check_outcome(&self, username: &str, password: &str, groups: &[&str]) -> PolicyOutcome {
        let mut failures = Vec::new();
        let mut force_change = false;
        let mut suggest_change_on_login = false;
        for (check, setting) in self.effective_policy(groups) {
            let found = run_check(
                check,
                setting.value,
                username.as_bytes(),
                password.as_bytes(),
            );
            if !found.is_empty() {
                force_change |= setting.force_change;
                suggest_change_on_login |= setting.suggest_change_on_login;
            }
            failures.extend(found.into_iter().map(|(key, params, fatal)| PolicyFailure {
                key,
                params,
                fatal,
                suggest_change_on_login: setting.suggest_change_on_login,
                force_change: setting.force_change,
            }));
        }
        let ok = !failures.iter().any(|failure| failure.fatal);
        PolicyOutcome {
            failures,
            force_change: ok && force_change,
            suggest_change_on_login: ok && !force_change && suggest_change_on_login,
        }
    }
}

/// `UserPasswordPolicy::maxOfPolicies`.
fn max_of_policies(first: &PolicySet, second: &PolicySet) -> PolicySet {
    let mut merged = first.clone();
    for (check, setting) in second {
        merged
            .entry(*check)
            .and_modify(|existing| *existing = existing.merged_with(*setting))
            .or_insert(*setting);
    }
    merged
}

/// Run one check; each failure is (message key, params, fatal).
fn run_check(
    check: PolicyCheck,
    value: PolicyValue,
    username: &[u8],
    password: &[u8],
) -> Vec<(&'static str, Vec<Value>, bool)> {
    use std::cmp::Ordering::{Greater, Less};
    let mut failures = Vec::new();
    match check {
        PolicyCheck::MinimalPasswordLength | PolicyCheck::MinimumPasswordLengthToLogin => {
            if value.compare_with_length(password.len()) == Greater {
                let fatal = check == PolicyCheck::MinimumPasswordLengthToLogin;
                failures.push(("passwordtooshort", vec![value.to_json()], fatal));
            }
        }
        PolicyCheck::MaximalPasswordLength => {
            if value.compare_with_length(password.len()) == Less {
                failures.push(("passwordtoolong", vec![value.to_json()], true));
            }
        }
        PolicyCheck::PasswordCannotBeSubstringInUsername => {
            if value.truthy() && contains_ascii_case_insensitive(username, password) {
                failures.push(("password-substring-username-match", Vec::new(), false));
            }
        }
        PolicyCheck::PasswordCannotMatchDefaults => {
            if value.truthy() {
                if forbidden_default_login(username, password) {
                    failures.push(("password-login-forbidden", Vec::new(), false));
                }
                if password == b"ExamplePassword" {
                    failures.push(("password-login-forbidden", Vec::new(), false));
                }
            }
        }
        PolicyCheck::PasswordNotInCommonList => {
            if value.truthy() && common_passwords::is_common_bytes(password) {
                failures.push(("passwordincommonlist", Vec::new(), false));
            }
        }
    }
    failures
}

/// The user name / password pairs MediaWiki refuses (`checkPasswordCannotMatchDefaults`).
fn forbidden_default_login(username: &[u8], password: &[u8]) -> bool {
    const FORBIDDEN: [(&[u8], &[u8]); 4] = [
        (b"Useruser", b"Passpass"),
        (b"Useruser1", b"Passpass1"),
        (b"Apitestsysop", b"testpass"),
        (b"Apitestuser", b"testpass"),
    ];
    FORBIDDEN
        .iter()
        .any(|(name, forbidden)| *name == username && *forbidden == password)
}

/// PHP 8.2's `stripos($haystack, $needle) !== false`: ASCII-only case folding, and an empty needle
/// is found everywhere.
fn contains_ascii_case_insensitive(haystack: &[u8], needle: &[u8]) -> bool {
    if needle.is_empty() {
        return true;
    }
    haystack
        .windows(needle.len())
        .any(|window| window.eq_ignore_ascii_case(needle))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn keys(failures: &[PolicyFailure]) -> Vec<&'static str> {
        failures.iter().map(|failure| failure.key).collect()
    }

    #[test]
    fn default_policy_for_a_new_user() {
        let policy = PasswordPolicy::default();
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
        let policy = PasswordPolicy::default();
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
        let policy = PasswordPolicy::default();
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
        let policy = PasswordPolicy::default();
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
        let effective = PasswordPolicy::default().effective_policy(&["bot"]);
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
        assert_eq!(
            PasswordPolicy::default()
                .effective_policy(&["*", "user"])
                .len(),
            5
        );
    }

    #[test]
    fn substring_check_folds_ascii_only() {
        let policy = PasswordPolicy::default();
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
        let policy =
            PasswordPolicy::new(IndexMap::from([("default".to_string(), default)])).unwrap();
        let outcome = policy.check_outcome("Pol1", "short", &[]);
        assert!(outcome.force_change && !outcome.suggest_change_on_login);
        let outcome = policy.check_outcome("Pol1", "password", &[]);
        assert!(!outcome.force_change && outcome.suggest_change_on_login);
        let outcome = policy.check_outcome("Pol1", "Zq9-xx-unique-77", &[]);
        assert!(
            outcome.failures.is_empty()
                && !outcome.force_change
                && !outcome.suggest_change_on_login
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
        let policy =
            PasswordPolicy::new(IndexMap::from([("default".to_string(), default)])).unwrap();
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
}
