//! The user options (preferences) every account of the mock has: MediaWiki 1.39's defaults.

use super::format::Val;

/// MediaWiki 1.39's default user options on the stock test wiki, as `uiprop=options` shows them
/// (captured from the real wiki into crates/mock/data/default-user-options.json). The mock's accounts never
/// change their preferences, so every user, anonymous or not, has these.
pub fn default_options() -> Val {
    static OPTIONS: std::sync::LazyLock<Vec<(String, serde_json::Value)>> =
        std::sync::LazyLock::new(|| {
            let text = include_str!("../data/default-user-options.json");
            match serde_json::from_str::<serde_json::Value>(text) {
                Ok(serde_json::Value::Object(map)) => map.into_iter().collect(),
                _ => Vec::new(),
            }
        });
    Val::Map(
        OPTIONS
            .iter()
            .map(|(key, value)| {
                let value = match value {
                    serde_json::Value::Bool(b) => Val::NativeBool(*b),
                    serde_json::Value::Number(n) => Val::Int(n.as_i64().unwrap_or(0)),
                    serde_json::Value::String(text) => Val::Str(text.clone()),
                    _ => Val::Null,
                };
                (key.clone(), value)
            })
            .collect(),
    )
}
