//! The paraminfo descriptions of `main`, `paraminfo` and `query`, the modules whose parameters
//! list every other module (Pywikibot asks for all three before its first query): read from the
//! release's recorded data (`Release::paraminfo_main_paraminfo_query`) rather than spelled out,
//! since their value lists name every module of a stock install, served here or not.

use std::sync::LazyLock;

use serde_json::Value;

use super::super::super::format::Val;
use mwcheck_shared::MediaWikiVersion;

use super::super::super::release::{RELEASES, Release};

/// The three descriptions of each release (keyed by its version), parsed once.
static PARSED: LazyLock<Vec<(MediaWikiVersion, Vec<Value>)>> = LazyLock::new(|| {
    RELEASES
        .iter()
        .map(|release| (release.version, parse(release)))
        .collect()
});

fn parse(release: &Release) -> Vec<Value> {
    match serde_json::from_str(release.paraminfo_main_paraminfo_query) {
        Ok(Value::Array(modules)) => modules,
        _ => Vec::new(),
    }
}

/// The module at `path` (`main`, `paraminfo` or `query`) as the release describes it, with the
/// wiki's URL in its license link; None for any other path.
pub fn describe(release: &Release, path: &str, server: &str) -> Option<Val> {
    let (_, modules) = PARSED
        .iter()
        .find(|(version, _)| *version == release.version)?;
    modules
        .iter()
        .find(|m| m.get("path").and_then(Value::as_str) == Some(path))
        .map(|m| to_val(None, m, server))
}

/// A recorded formatversion-2 value as the mock's output model: booleans stay ApiResult's
/// (absent when false in formatversion 1), lists get the element names XML gives them.
fn to_val(key: Option<&str>, value: &Value, server: &str) -> Val {
    match value {
        Value::Null => Val::Null,
        Value::Bool(b) => Val::Bool(*b),
        Value::Number(n) => Val::Int(n.as_i64().unwrap_or_default()),
        Value::String(s) => Val::Str(s.replace("{server}", server)),
        Value::Array(items) => {
            let items = items.iter().map(|v| to_val(None, v, server)).collect();
            match key {
                Some("type") => Val::tagged("t", items),
                Some("parameters" | "templatedparameters") => Val::tagged("param", items),
                Some("helpurls") => Val::tagged("helpurl", items),
                _ => Val::List(items),
            }
        }
        Value::Object(map) => Val::Map(
            map.iter()
                .map(|(k, v)| (k.clone(), to_val(Some(k), v, server)))
                .collect(),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::release::RELEASES;

    fn strings(v: &Value) -> Vec<&str> {
        v.as_array()
            .map(|a| a.iter().filter_map(Value::as_str).collect())
            .unwrap_or_default()
    }

    #[test]
    fn each_release_describes_main_paraminfo_and_query() {
        for release in RELEASES {
            for path in ["main", "paraminfo", "query"] {
                assert!(describe(release, path, "http://w").is_some(), "{path}");
            }
            assert!(describe(release, "login", "http://w").is_none());
        }
    }

    /// main's `action` lists exactly the release's stock action modules.
    #[test]
    fn main_lists_the_release_actions() {
        for release in RELEASES {
            let modules = parse(release);
            let action = &modules[0]["parameters"][0];
            assert_eq!(action["name"], "action");
            let mut listed = strings(&action["type"]);
            listed.sort_unstable();
            let mut known = release.api_main_module_names();
            known.sort_unstable();
            assert_eq!(listed, known);
        }
    }
}
