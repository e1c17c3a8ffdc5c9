//! MediaWiki's password policy (`$wgPasswordPolicy`, `UserPasswordPolicy`,
//! `PasswordPolicyChecks`): which policies apply to a user's groups, what each check says about a
//! password, and the resulting validity (`Good` / `Change` / `Invalid`).
//!
//! A wiki configures a [`PasswordPolicy`]: its release's stock defaults (each release row holds
//! them) or a table given in full, plus settings changed on top, the way a LocalSettings.php
//! changes `$wgPasswordPolicy`. Resolved against the wiki's release
//! ([`WikiConfig::active_password_policy`](crate::WikiConfig::active_password_policy)), it becomes
//! the [`ActivePasswordPolicy`] that checks passwords, so "stock policy + this change" means the
//! same on every release.
//!
//! Facts reproduced here (the same in 1.39 and 1.43; only the defaults and the common-password
//! test differ):
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

use super::common_passwords::CommonPasswordCheck;

/// One check MediaWiki knows (the keys of `$wgPasswordPolicy['checks']`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PolicyCheck {
    /// `passwordtooshort` `[n]` (error) when the password has fewer than n bytes.
    MinimalPasswordLength,
    /// `passwordtooshort` `[n]` (fatal) when the password has fewer than n bytes.
    MinimumPasswordLengthToLogin,
    /// `password-substring-username-match` (error) when the password occurs in the user name.
    PasswordCannotBeSubstringInUsername,
    /// `password-login-forbidden` (error) for MediaWiki's known test logins and `ExamplePassword`.
    PasswordCannotMatchDefaults,
    /// `passwordtoolong` `[n]` (fatal) when the password has more than n bytes.
    MaximalPasswordLength,
    /// `passwordincommonlist` (error) when the password is common (exactly listed, or in 1.39's Bloom
    /// filter, as the release says).
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

    /// The check with this configuration name, if MediaWiki has it.
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
    pub const fn plain(value: PolicyValue) -> PolicySetting {
        PolicySetting {
            value,
            suggest_change_on_login: false,
            force_change: false,
        }
    }

    /// A setting with `suggestChangeOnLogin`.
    pub const fn suggesting_change(value: PolicyValue) -> PolicySetting {
        PolicySetting {
            value,
            suggest_change_on_login: true,
            force_change: false,
        }
    }

    /// A setting with `forceChange`.
    pub fn forcing_change(value: PolicyValue) -> PolicySetting {
        PolicySetting {
            force_change: true,
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

/// A release's stock `$wgPasswordPolicy['policies']`: each group with its policies, both in
/// configuration order (`default` among them).
pub(crate) type PolicyDefaults =
    &'static [(&'static str, &'static [(PolicyCheck, PolicySetting)])];

/// A wiki's password policy configuration (`$wgPasswordPolicy['policies']`): its release's stock
/// defaults or a table given in full, with settings changed on top in order.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PasswordPolicy {
    /// The table given in full (always with `default`); `None` for the release's stock defaults.
    table: Option<IndexMap<String, PolicySet>>,
    /// Settings changed on top of the table: (group, check, setting), in order.
    changes: Vec<(String, PolicyCheck, PolicySetting)>,
}

/// The configuration has no `default` group.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("a password policy configuration must include a 'default' group")]
pub struct MissingDefaultPolicy;

impl PasswordPolicy {
    /// The release's stock defaults, unchanged (also [`Default`]).
    pub fn stock() -> PasswordPolicy {
        PasswordPolicy::default()
    }

    /// A configuration from policies per group, replacing the release's defaults (configuration
    /// order matters for check order).
    pub fn new(
        policies: IndexMap<String, PolicySet>,
    ) -> Result<PasswordPolicy, MissingDefaultPolicy> {
        if !policies.contains_key("default") {
            return Err(MissingDefaultPolicy);
        }
        Ok(PasswordPolicy {
            table: Some(policies),
            changes: Vec::new(),
        })
    }

    /// Sets one check of the `default` group (`$wgPasswordPolicy['policies']['default'][check]`).
    pub fn set_default(&mut self, check: PolicyCheck, setting: PolicySetting) {
        self.set("default", check, setting);
    }

    /// Sets one check of a group (`$wgPasswordPolicy['policies'][group][check]`), adding the
    /// group after the configured ones if it is new.
    pub fn set(&mut self, group: &str, check: PolicyCheck, setting: PolicySetting) {
        self.changes.push((group.to_string(), check, setting));
    }

    /// The policy in force on a release whose stock policies are `defaults` and whose
    /// `PasswordNotInCommonList` check is `common_passwords`.
    pub(crate) fn in_release(
        &self,
        defaults: PolicyDefaults,
        common_passwords: CommonPasswordCheck,
    ) -> ActivePasswordPolicy {
        let mut policies = self.table.clone().unwrap_or_else(|| {
            defaults
                .iter()
                .map(|(group, set)| (group.to_string(), set.iter().copied().collect()))
                .collect()
        });
        for (group, check, setting) in &self.changes {
            policies
                .entry(group.clone())
                .or_default()
                .insert(*check, *setting);
        }
        ActivePasswordPolicy {
            policies,
            common_passwords,
        }
    }
}

/// The password policy in force on a wiki: its policies per group and its release's common-password
/// test ([`WikiConfig::active_password_policy`](crate::WikiConfig::active_password_policy)).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActivePasswordPolicy {
    /// Policies per group, in configuration order; always contains `default`.
    policies: IndexMap<String, PolicySet>,
    common_passwords: CommonPasswordCheck,
}

impl ActivePasswordPolicy {
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
                self.common_passwords,
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
    common_passwords: CommonPasswordCheck,
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
            if value.truthy() && common_passwords.is_common(password) {
                failures.push(("passwordincommonlist", Vec::new(), false));
            }
        }
    }
    failures
}

/// The user name / password pairs MediaWiki refuses (`checkPasswordCannotMatchDefaults`).
pub fn forbidden_default_login(username: &[u8], password: &[u8]) -> bool {
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
mod tests;
