//! Comparing a response with what a step expects: matchers, exact (same keys in the same order)
//! and subset JSON comparison reporting the first difference as a JSON pointer, and the unified
//! diff of the pretty-printed expected and actual bodies.

use crate::scenario::matcher::Matcher;
use crate::scenario::{Node, NodeValue, Pos};
use crate::vars::{Vars, is_token};
use serde_json::{Map, Value};

/// The first place where a response differs from the expectation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mismatch {
    /// JSON pointer of the differing value ("" is the whole body).
    pub pointer: String,
    /// What differs, e.g. `expected "userexists", got "badretype"`.
    pub what: String,
}

/// Builds the expected JSON value of a step: variables filled in, matchers kept. Inside
/// `$regex:` patterns, variable values are regex-escaped; a plain string whose value starts with
/// `$` only because of a variable stays literal.
pub fn expected_json(node: &Node, vars: &Vars) -> Result<Value, String> {
    Ok(match &node.value {
        NodeValue::Null => Value::Null,
        NodeValue::Bool(b) => Value::Bool(*b),
        NodeValue::Number(n) => Value::Number(n.clone()),
        NodeValue::String(s) => Value::String(expected_string(s, vars)?),
        NodeValue::Seq(items) => Value::Array(
            items
                .iter()
                .map(|item| expected_json(item, vars))
                .collect::<Result<_, _>>()?,
        ),
        NodeValue::Map(entries) => {
            let mut map = Map::new();
            for (key, value) in entries {
                let key = vars.interpolate(&key.name).map_err(|e| e.to_string())?;
                map.insert(key, expected_json(value, vars)?);
            }
            Value::Object(map)
        }
    })
}

/// One expected string with variables filled in (see [`expected_json`]).
pub fn expected_string(text: &str, vars: &Vars) -> Result<String, String> {
    if let Some(pattern) = text.strip_prefix("$regex:") {
        let pattern = vars
            .interpolate_with(pattern, regex::escape)
            .map_err(|e| e.to_string())?;
        return Ok(format!("$regex:{pattern}"));
    }
    let filled = vars.interpolate(text).map_err(|e| e.to_string())?;
    if !text.starts_with('$') && filled.starts_with('$') {
        return Ok(format!("${filled}"));
    }
    Ok(filled)
}

/// Checks one actual string (or its absence) against an expected string or matcher.
pub fn match_text(expected: &str, actual: &str) -> Result<(), String> {
    match match_value(expected, &Value::String(actual.to_owned())) {
        None => Ok(()),
        Some(what) => Err(what),
    }
}

/// `None` if the actual value satisfies the expected string/matcher, else what is wrong.
fn match_value(expected: &str, actual: &Value) -> Option<String> {
    let matcher = match Matcher::parse(expected) {
        Ok(m) => m,
        Err(problem) => return Some(problem),
    };
    let ok = match (matcher, actual) {
        (Matcher::Any, _) => true,
        (Matcher::AnyString, Value::String(_)) => true,
        (Matcher::AnyNumber, Value::Number(_)) => true,
        (Matcher::Token, Value::String(s)) => is_token(s),
        (Matcher::Literal(lit), Value::String(s)) => lit == s,
        (Matcher::Regex(pattern), Value::String(s)) => match regex::Regex::new(pattern) {
            Ok(re) => re.is_match(s),
            Err(err) => return Some(format!("invalid regex `{pattern}`: {err}")),
        },
        _ => false,
    };
    if ok {
        return None;
    }
    let wanted = match matcher {
        Matcher::Literal(lit) => short(&Value::String(lit.to_owned())),
        Matcher::Any => "any value".to_owned(),
        Matcher::AnyString => "a string".to_owned(),
        Matcher::AnyNumber => "a number".to_owned(),
        Matcher::Token => "a token".to_owned(),
        Matcher::Regex(pattern) => format!("a string matching /{pattern}/"),
    };
    Some(format!("expected {wanted}, got {}", short(actual)))
}

/// A value as compact JSON, cut to a readable length.
pub fn short(value: &Value) -> String {
    let text = value.to_string();
    if text.chars().count() <= 200 {
        return text;
    }
    let cut: String = text.chars().take(200).collect();
    format!("{cut}…")
}

fn pointer_token(key: &str) -> String {
    key.replace('~', "~0").replace('/', "~1")
}

/// The first difference between expected and actual; `subset` lets objects have more keys.
pub fn compare(expected: &Value, actual: &Value, subset: bool) -> Option<Mismatch> {
    compare_at(expected, actual, subset, String::new())
}

fn compare_at(expected: &Value, actual: &Value, subset: bool, at: String) -> Option<Mismatch> {
    let mismatch = |what: String| {
        Some(Mismatch {
            pointer: at.clone(),
            what,
        })
    };
    match (expected, actual) {
        (Value::String(e), a) => match_value(e, a).and_then(mismatch),
        (Value::Object(e), Value::Object(a)) if subset => {
            for (key, ev) in e {
                let here = format!("{at}/{}", pointer_token(key));
                match a.get(key) {
                    None => {
                        return Some(Mismatch {
                            pointer: here,
                            what: format!("missing key \"{key}\""),
                        });
                    }
                    Some(av) => {
                        if let Some(m) = compare_at(ev, av, subset, here) {
                            return Some(m);
                        }
                    }
                }
            }
            None
        }
        (Value::Object(e), Value::Object(a)) => compare_objects(e, a, at),
        (Value::Array(e), Value::Array(a)) => {
            for (i, (ev, av)) in e.iter().zip(a).enumerate() {
                if let Some(m) = compare_at(ev, av, subset, format!("{at}/{i}")) {
                    return Some(m);
                }
            }
            if e.len() != a.len() {
                return mismatch(format!("expected {} elements, got {}", e.len(), a.len()));
            }
            None
        }
        (e, a) if e == a => None,
        (e, a) => mismatch(format!("expected {}, got {}", short(e), short(a))),
    }
}

fn compare_objects(e: &Map<String, Value>, a: &Map<String, Value>, at: String) -> Option<Mismatch> {
    let expected_keys: Vec<&String> = e.keys().collect();
    let actual_keys: Vec<&String> = a.keys().collect();
    for i in 0..expected_keys.len().max(actual_keys.len()) {
        match (expected_keys.get(i), actual_keys.get(i)) {
            (Some(ek), Some(ak)) if ek == ak => {
                let here = format!("{at}/{}", pointer_token(ek));
                if let Some(m) = compare_at(&e[ek.as_str()], &a[ak.as_str()], false, here) {
                    return Some(m);
                }
            }
            (Some(ek), other) if !a.contains_key(ek.as_str()) || other.is_none() => {
                return Some(Mismatch {
                    pointer: format!("{at}/{}", pointer_token(ek)),
                    what: format!("missing key \"{ek}\""),
                });
            }
            (_, Some(ak)) if !e.contains_key(ak.as_str()) => {
                return Some(Mismatch {
                    pointer: format!("{at}/{}", pointer_token(ak)),
                    what: format!("unexpected key \"{ak}\" (value {})", short(&a[ak.as_str()])),
                });
            }
            (Some(ek), Some(ak)) => {
                return Some(Mismatch {
                    pointer: at,
                    what: format!(
                        "keys in a different order: expected \"{ek}\" as key {}, got \"{ak}\"",
                        i + 1
                    ),
                });
            }
            // (None, Some(k)) with `k` expected cannot happen: an earlier pair would differ.
            _ => break,
        }
    }
    None
}

/// The expected value with each satisfied matcher replaced by the actual value (so a diff shows
/// only real differences); with `subset`, the actual value cut down to the expected keys.
pub fn for_diff(expected: &Value, actual: &Value, subset: bool) -> (Value, Value) {
    match (expected, actual) {
        (Value::String(e), a) if e.starts_with('$') && match_value(e, a).is_none() => {
            (a.clone(), a.clone())
        }
        (Value::Object(e), Value::Object(a)) => {
            let mut expected_out = Map::new();
            let mut actual_out = Map::new();
            for (key, ev) in e {
                match a.get(key) {
                    Some(av) => {
                        let (ev2, av2) = for_diff(ev, av, subset);
                        expected_out.insert(key.clone(), ev2);
                        if subset {
                            actual_out.insert(key.clone(), av2);
                        }
                    }
                    None => {
                        expected_out.insert(key.clone(), ev.clone());
                    }
                }
            }
            if !subset {
                for (key, av) in a {
                    let av2 = match e.get(key) {
                        Some(ev) => for_diff(ev, av, subset).1,
                        None => av.clone(),
                    };
                    actual_out.insert(key.clone(), av2);
                }
            }
            (Value::Object(expected_out), Value::Object(actual_out))
        }
        (Value::Array(e), Value::Array(a)) => {
            let mut expected_out = Vec::new();
            let mut actual_out = Vec::new();
            for i in 0..e.len().max(a.len()) {
                match (e.get(i), a.get(i)) {
                    (Some(ev), Some(av)) => {
                        let (ev2, av2) = for_diff(ev, av, subset);
                        expected_out.push(ev2);
                        actual_out.push(av2);
                    }
                    (Some(ev), None) => expected_out.push(ev.clone()),
                    (None, Some(av)) => actual_out.push(av.clone()),
                    (None, None) => {}
                }
            }
            (Value::Array(expected_out), Value::Array(actual_out))
        }
        (e, a) => (e.clone(), a.clone()),
    }
}

/// Unified diff of the pretty-printed values, at most `max_lines` lines.
pub fn unified_diff(expected: &Value, actual: &Value, max_lines: usize) -> String {
    let expected_text = pretty(expected);
    let actual_text = pretty(actual);
    let diff = similar::TextDiff::from_lines(&expected_text, &actual_text);
    let text = diff
        .unified_diff()
        .context_radius(3)
        .header("expected", "actual")
        .to_string();
    let lines: Vec<&str> = text.lines().collect();
    if lines.len() <= max_lines {
        return lines.join("\n");
    }
    let mut cut = lines[..max_lines].join("\n");
    cut.push_str(&format!(
        "\n… ({} more diff lines)",
        lines.len() - max_lines
    ));
    cut
}

fn pretty(value: &Value) -> String {
    let mut text = serde_json::to_string_pretty(value).unwrap_or_default();
    text.push('\n');
    text
}

/// Where in the expectation (as written in the file) a pointer leads: the deepest node reached.
pub fn pos_at(node: &Node, pointer: &str) -> Pos {
    let mut current = node;
    for token in pointer.split('/').skip(1) {
        let token = token.replace("~1", "/").replace("~0", "~");
        let next = match &current.value {
            NodeValue::Map(entries) => entries
                .iter()
                .find(|(k, _)| k.name == token)
                .map(|(_, v)| v),
            NodeValue::Seq(items) => token.parse::<usize>().ok().and_then(|i| items.get(i)),
            _ => None,
        };
        match next {
            Some(n) => current = n,
            None => break,
        }
    }
    current.pos
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn exact_comparison_finds_the_first_difference() {
        let expected = json!({"a": {"b": "x", "c": "$any-number"}, "d": [1, 2]});
        assert_eq!(
            compare(
                &expected,
                &json!({"a": {"b": "x", "c": 3}, "d": [1, 2]}),
                false
            ),
            None
        );
        let m = compare(
            &expected,
            &json!({"a": {"b": "y", "c": 3}, "d": [1, 2]}),
            false,
        )
        .unwrap();
        assert_eq!(m.pointer, "/a/b");
        assert_eq!(m.what, "expected \"x\", got \"y\"");
        let m = compare(
            &expected,
            &json!({"a": {"c": 3, "b": "x"}, "d": [1, 2]}),
            false,
        )
        .unwrap();
        assert_eq!(m.pointer, "/a");
        assert!(m.what.contains("different order"), "{}", m.what);
        let m = compare(
            &expected,
            &json!({"a": {"b": "x", "c": 3}, "d": [1, 2], "e": 1}),
            false,
        )
        .unwrap();
        assert_eq!(m.pointer, "/e");
        let m = compare(
            &expected,
            &json!({"a": {"b": "x", "c": 3}, "d": [1]}),
            false,
        )
        .unwrap();
        assert_eq!(
            (m.pointer.as_str(), m.what.as_str()),
            ("/d", "expected 2 elements, got 1")
        );
        let m = compare(&expected, &json!({"a": {"b": "x"}, "d": [1, 2]}), false).unwrap();
        assert_eq!(
            (m.pointer.as_str(), m.what.as_str()),
            ("/a/c", "missing key \"c\"")
        );
    }

    #[test]
    fn subset_comparison_allows_extra_keys_only() {
        let expected = json!({"q": {"t": "$token"}});
        let token = format!("{}+\\", "ab".repeat(20));
        assert_eq!(
            compare(&expected, &json!({"q": {"x": 1, "t": token}, "z": 2}), true),
            None
        );
        let m = compare(&expected, &json!({"q": {"t": "+\\"}}), true).unwrap();
        assert_eq!(m.pointer, "/q/t");
        assert!(compare(&json!([1]), &json!([1, 2]), true).is_some());
    }

    #[test]
    fn matchers_and_literals() {
        assert!(match_text("$regex:^ab+c$", "abbc").is_ok());
        assert!(match_text("$regex:^ab+c$", "ac").is_err());
        assert!(match_text("$$any", "$any").is_ok());
        assert!(match_text("$$any", "x").is_err());
        assert!(compare(&json!("$any"), &json!(null), false).is_none());
        assert!(compare(&json!("$any-string"), &json!(1), false).is_some());
    }

    #[test]
    fn expected_strings_escape_variables_in_regexes() {
        let mut vars = Vars::default();
        vars.set("v", "a.b".into(), false);
        vars.set("d", "$any".into(), false);
        assert_eq!(
            expected_string("$regex:^{{v}}$", &vars).unwrap(),
            "$regex:^a\\.b$"
        );
        assert_eq!(expected_string("{{d}}", &vars).unwrap(), "$$any");
        assert_eq!(expected_string("x{{v}}", &vars).unwrap(), "xa.b");
    }

    #[test]
    fn diff_hides_satisfied_matchers() {
        let expected = json!({"t": "$any-string", "n": 1});
        let actual = json!({"t": "abc", "n": 2});
        let (e, a) = for_diff(&expected, &actual, false);
        let diff = unified_diff(&e, &a, 50);
        assert!(diff.contains("-  \"n\": 1"), "{diff}");
        assert!(diff.contains("+  \"n\": 2"), "{diff}");
        assert!(!diff.contains("any-string"), "{diff}");
    }
}
