//! The user options (preferences) of the mock's accounts: the release's defaults, and what an
//! account stored away from them (UserOptionsManager): how they read back (`uiprop=options`:
//! the stored ones first, by name, then the other defaults; `timecorrection` in its normal
//! form), which value counts as the default (and so is not kept), and the account's options
//! being changed (set, reset) within one request before they are saved.

use super::format::Val;
use super::preferences::{Kind, value_text};
use super::release::Release;
use super::time_correction::TimeCorrection;

/// The release's default user options on the stock test wiki, as `uiprop=options` shows them
/// for anonymous users (captured from the real wikis into crates/mock/data/default-user-options*.json).
pub fn default_options(release: &Release) -> Val {
    Val::Map(defaults(release))
}

fn defaults(release: &Release) -> Vec<(String, Val)> {
    let options: Vec<(String, serde_json::Value)> =
        match serde_json::from_str::<serde_json::Value>(release.default_user_options) {
            Ok(serde_json::Value::Object(map)) => map.into_iter().collect(),
            _ => Vec::new(),
        };
    options
        .into_iter()
        .map(|(key, value)| {
            let value = match value {
                serde_json::Value::Bool(b) => Val::NativeBool(b),
                serde_json::Value::Number(n) => Val::Int(n.as_i64().unwrap_or(0)),
                serde_json::Value::String(text) => Val::Str(text),
                _ => Val::Null,
            };
            (key, value)
        })
        .collect()
}

/// The default of option `name` as text, if it has one.
pub fn default_text(release: &Release, name: &str) -> Option<String> {
    defaults(release)
        .into_iter()
        .find(|(k, _)| k == name)
        .and_then(|(_, v)| value_text(&v))
}

/// A stored value as it reads back at unix time `now`: `timecorrection` in its normal form.
fn read_back(release: &Release, name: &str, value: &str, now: u64) -> String {
    if name == "timecorrection" {
        TimeCorrection::parse(value, now, release.time_correction_bounds_offsets).to_option()
    } else {
        value.to_string()
    }
}

/// The options of a user who stored `stored` (name, value), as `uiprop=options` lists them at
/// unix time `now`.
pub fn options_of(release: &Release, stored: &[(String, String)], now: u64) -> Val {
    let mut names: Vec<&(String, String)> = stored.iter().collect();
    names.sort_by(|a, b| a.0.as_bytes().cmp(b.0.as_bytes()));
    let mut entries: Vec<(String, Val)> = names
        .into_iter()
        .map(|(k, v)| {
            // A stored "0" reads as the number (UserOptionsManager: PHP's false and "0" alike).
            let value = match read_back(release, k, v, now) {
                zero if zero == "0" => Val::Int(0),
                text => Val::Str(text),
            };
            (k.clone(), value)
        })
        .collect();
    for (key, value) in defaults(release) {
        if !entries.iter().any(|(k, _)| *k == key) {
            entries.push((key, value));
        }
    }
    Val::Map(entries)
}

/// An account's options while a request changes them: what it stored, and the changes not yet
/// saved (a name set to `None` goes back to its default).
pub struct PendingOptions<'r> {
    release: &'r Release,
    now: u64,
    stored: Vec<(String, String)>,
    changes: Vec<(String, Option<String>)>,
}

impl<'r> PendingOptions<'r> {
    pub fn new(release: &'r Release, stored: &[(String, String)], now: u64) -> PendingOptions<'r> {
        PendingOptions {
            release,
            now,
            stored: stored.to_vec(),
            changes: Vec::new(),
        }
    }

    /// The option's value now (changed, stored or default), as text; none once unset.
    pub fn current(&self, name: &str) -> Option<String> {
        if let Some((_, value)) = self.changes.iter().find(|(k, _)| k == name) {
            return value.clone();
        }
        self.stored_value(name)
            .map(str::to_string)
            .or_else(|| default_text(self.release, name))
    }

    /// The value the account has saved for `name`, if any.
    pub fn stored_value(&self, name: &str) -> Option<&str> {
        self.stored
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    pub fn set(&mut self, name: &str, value: Option<String>) {
        self.changes.retain(|(k, _)| k != name);
        self.changes.push((name.to_string(), value));
    }

    /// Resets the options of the given kinds (`all`: every option), as the release does (1.39
    /// also writes the others back as they read, so a `timecorrection` takes its normal form).
    pub fn reset(&mut self, kinds: &[String], kind_of: impl Fn(&str) -> Kind) {
        let all = kinds.iter().any(|k| k == "all");
        let mut names: Vec<String> = self.stored.iter().map(|(k, _)| k.clone()).collect();
        for (name, _) in defaults(self.release) {
            if !names.contains(&name) {
                names.push(name);
            }
        }
        for name in names {
            if !all && !kinds.iter().any(|k| k == kind_of(&name).name()) {
                if self.release.options_reset_to_defaults
                    && let Some(value) = self.stored_value(&name)
                {
                    let value = read_back(self.release, &name, value, self.now);
                    self.set(&name, Some(value));
                }
                continue;
            }
            if !self.release.options_reset_to_defaults {
                self.set(&name, None);
            } else if let Some(default) = default_text(self.release, &name) {
                self.set(&name, Some(default));
            } else if all {
                self.set(&name, None);
            }
        }
    }

    /// The options the account keeps once the changes are saved: a value equal to the default
    /// is not kept (UserOptionsManager::isValueEqual).
    pub fn saved(mut self) -> Vec<(String, String)> {
        for (name, value) in std::mem::take(&mut self.changes) {
            let position = self.stored.iter().position(|(k, _)| *k == name);
            if self.release.options_empty_is_unset
                && position.is_none()
                && value.as_deref() == Some("")
            {
                continue;
            }
            let keep = value.filter(|v| !self.is_default(&name, v));
            match (keep, position) {
                (Some(v), Some(i)) => self.stored[i].1 = v,
                (Some(v), None) => self.stored.push((name, v)),
                (None, Some(i)) => {
                    self.stored.remove(i);
                }
                (None, None) => {}
            }
        }
        self.stored
    }

    fn is_default(&self, name: &str, value: &str) -> bool {
        match default_text(self.release, name) {
            Some(default) => default == value,
            None => self.release.options_empty_is_unset && value.is_empty(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::release::{MEDIAWIKI_1_39, MEDIAWIKI_1_43};

    fn get(options: &Val, name: &str) -> Option<Val> {
        match options {
            Val::Map(entries) => entries
                .iter()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.clone()),
            _ => None,
        }
    }

    #[test]
    fn each_release_has_its_defaults() {
        let skin = |release: &Release| get(&default_options(release), "skin");
        assert!(matches!(skin(&MEDIAWIKI_1_39), Some(Val::Str(s)) if s == "vector"));
        assert!(matches!(skin(&MEDIAWIKI_1_43), Some(Val::Str(s)) if s == "vector-2022"));
    }

    #[test]
    fn stored_options_come_first_by_name() {
        let stored = vec![
            ("userjs-b".to_string(), "1".to_string()),
            ("hideminor".to_string(), "1".to_string()),
            ("timecorrection".to_string(), "bogus".to_string()),
        ];
        let Val::Map(entries) = options_of(&MEDIAWIKI_1_39, &stored, 0) else {
            panic!("a map");
        };
        let names: Vec<&str> = entries.iter().take(4).map(|(k, _)| k.as_str()).collect();
        assert_eq!(
            names,
            ["hideminor", "timecorrection", "userjs-b", "ccmeonemails"]
        );
        assert_eq!(entries[1].1, Val::Str("System|0".into()));
    }

    #[test]
    fn defaults_are_not_kept() {
        for (release, keeps_empty) in [(&MEDIAWIKI_1_43, true), (&MEDIAWIKI_1_39, false)] {
            let mut pending = PendingOptions::new(release, &[], 0);
            pending.set("imagesize", Some("2".into()));
            pending.set("search-match-redirect", Some("1".into()));
            pending.set("hideminor", Some("1".into()));
            pending.set("userjs-e", Some(String::new()));
            pending.set("diffonly", Some(String::new()));
            let saved = pending.saved();
            let names: Vec<&str> = saved.iter().map(|(k, _)| k.as_str()).collect();
            let expected: &[&str] = if keeps_empty {
                &["hideminor", "userjs-e", "diffonly"]
            } else {
                &["hideminor"]
            };
            assert_eq!(names, expected);
        }
    }

    #[test]
    fn resets_by_kind() {
        let stored = vec![
            ("hideminor".to_string(), "1".to_string()),
            ("userjs-b".to_string(), "1".to_string()),
            ("watchlisttoken".to_string(), "abc".to_string()),
        ];
        let kind = |n: &str| {
            if n.starts_with("userjs-") {
                Kind::Userjs
            } else {
                Kind::Registered
            }
        };
        let mut pending = PendingOptions::new(&MEDIAWIKI_1_39, &stored, 0);
        pending.reset(&["registered".into(), "userjs".into()], kind);
        let names: Vec<String> = pending.saved().into_iter().map(|(k, _)| k).collect();
        assert_eq!(names, ["userjs-b", "watchlisttoken"]);
        let mut pending = PendingOptions::new(&MEDIAWIKI_1_43, &stored, 0);
        pending.reset(&["registered".into()], kind);
        let names: Vec<String> = pending.saved().into_iter().map(|(k, _)| k).collect();
        assert_eq!(names, ["userjs-b"]);
    }
}
