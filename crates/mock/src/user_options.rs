//! The user options (preferences) every account of the mock has: its release's defaults.

use super::format::Val;
use super::release::Release;

/// The release's default user options on the stock test wiki, as `uiprop=options` shows them
/// (captured from the real wikis into crates/mock/data/default-user-options*.json). The mock's
/// accounts never change their preferences, so every user, anonymous or not, has these.
pub fn default_options(release: &Release) -> Val {
    let options: Vec<(String, serde_json::Value)> =
        match serde_json::from_str::<serde_json::Value>(release.default_user_options) {
            Ok(serde_json::Value::Object(map)) => map.into_iter().collect(),
            _ => Vec::new(),
        };
    Val::Map(
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
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::release::{MEDIAWIKI_1_39, MEDIAWIKI_1_43};

    #[test]
    fn each_release_has_its_defaults() {
        let skin = |release: &Release| match default_options(release) {
            Val::Map(entries) => entries
                .into_iter()
                .find(|(k, _)| k == "skin")
                .map(|(_, v)| v),
            _ => None,
        };
        assert!(matches!(skin(&MEDIAWIKI_1_39), Some(Val::Str(s)) if s == "vector"));
        assert!(matches!(skin(&MEDIAWIKI_1_43), Some(Val::Str(s)) if s == "vector-2022"));
    }
}
