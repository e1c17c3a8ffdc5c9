//! What the judge reads from a program's text and its recording, each finding derived from the
//! evidence rather than known per sample: the functions a program defines and never calls, the
//! form fields a web app reads that its own form does not send, the first API error the wiki
//! answered (with the request that caused it and, where the request shows it, why), and how the
//! printed output differs from the documented one (structurally, ignoring example values).

use super::language::Language;
use super::proxy::Exchange;
use regex::Regex;
use serde_json::Value;
use std::sync::LazyLock;

/// Functions the program defines and never refers to again (a decorated Python function is
/// registered by its decorator, so it counts as used).
pub fn uncalled_functions(language: Language, source: &str) -> Vec<String> {
    static PY_DEF: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"(?m)^[ \t]*def[ \t]+([A-Za-z_]\w*)[ \t]*\(").expect("valid"));
    static FUNCTION: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?m)\bfunction[ \t]+([A-Za-z_$][\w$]*)[ \t]*\(").expect("valid")
    });
    let pattern: &Regex = match language {
        Language::Python => &PY_DEF,
        _ => &FUNCTION,
    };
    let lines: Vec<&str> = source.lines().collect();
    let mut uncalled = Vec::new();
    for found in pattern.captures_iter(source) {
        let name = &found[1];
        let at = found.get(0).expect("group 0").start();
        let line = source[..at].matches('\n').count();
        if language == Language::Python && line > 0 && lines[line - 1].trim_start().starts_with('@')
        {
            continue;
        }
        let word =
            Regex::new(&format!(r"(^|[^\w$]){}($|[^\w$])", regex::escape(name))).expect("valid");
        if word.find_iter(source).count() <= 1 {
            uncalled.push(name.to_owned());
        }
    }
    uncalled
}

/// Whether a program serves a web application (it does not run to an end by itself).
pub fn is_web_app(language: Language, source: &str) -> bool {
    match language {
        Language::Python => source.contains("Flask(") && source.contains(".run("),
        Language::JavaScript => source.contains(".listen("),
        _ => false,
    }
}

/// The form fields a web app reads from a submitted form (`request.form['x']`, `form['x']`,
/// `form.get('x')`), in order.
pub fn form_fields_read(source: &str) -> Vec<String> {
    static READ: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r#"\bform(?:\[\s*|\.get\(\s*)['"]([^'"]+)['"]"#).expect("valid")
    });
    let mut fields: Vec<String> = Vec::new();
    for found in READ.captures_iter(source) {
        if !fields.contains(&found[1].to_owned()) {
            fields.push(found[1].to_owned());
        }
    }
    fields
}

/// The fields an HTML form sends (`<input|select|textarea … name="x">`).
pub fn form_fields_sent(html: &str) -> Vec<String> {
    static FIELD: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r#"(?i)<(?:input|select|textarea)\b[^>]*\bname\s*=\s*["']([^"']+)["']"#)
            .expect("valid")
    });
    FIELD.captures_iter(html).map(|c| c[1].to_owned()).collect()
}

/// An answer that says the request failed.
#[derive(Clone, Debug, PartialEq)]
pub struct ApiFailure {
    /// Index of the exchange in the recording.
    pub index: usize,
    pub code: String,
    pub info: String,
}

/// The failure an answer carries: an API error, a createaccount/clientlogin FAIL, a login
/// result other than Success / NeedToken.
pub fn failure_of(exchange: &Exchange, index: usize) -> Option<ApiFailure> {
    let json = exchange.response_json()?;
    if let Some(error) = json.get("error") {
        return Some(ApiFailure {
            index,
            code: text(error.get("code")),
            info: text(error.get("info").or(error.get("text"))),
        });
    }
    for module in ["createaccount", "clientlogin"] {
        if let Some(answer) = json.get(module)
            && answer.get("status").and_then(Value::as_str) == Some("FAIL")
        {
            return Some(ApiFailure {
                index,
                code: text(answer.get("messagecode")),
                info: text(answer.get("message")),
            });
        }
    }
    let login = json.get("login")?;
    let result = login.get("result").and_then(Value::as_str)?;
    (!matches!(result, "Success" | "NeedToken")).then(|| ApiFailure {
        index,
        code: format!("login {result}"),
        info: text(login.get("reason")),
    })
}

fn text(value: Option<&Value>) -> String {
    match value {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Null) | None => String::new(),
        Some(other) => other.to_string(),
    }
}

/// How a request is named in a reason: `action=createaccount (request 2 of 2, POST)`.
pub fn describe_request(exchanges: &[Exchange], index: usize) -> String {
    let exchange = &exchanges[index];
    let action = exchange.param("action").unwrap_or_else(|| "?".to_owned());
    let what = match (action.as_str(), exchange.param("meta")) {
        ("query", Some(meta)) => format!("action=query&meta={meta}"),
        _ => format!("action={action}"),
    };
    format!(
        "{what} (request {} of {}, {})",
        index + 1,
        exchanges.len(),
        exchange.method
    )
}

/// Why the request failed, where the request (and the requests before it) show it.
pub fn cause(failure: &ApiFailure, exchanges: &[Exchange]) -> Option<String> {
    let request = &exchanges[failure.index];
    let code = failure.code.as_str();
    match code {
        "badretype" => match (request.param("password"), request.param("retype")) {
            (Some(password), Some(retype)) if password != retype => {
                Some("the sample sends retype ≠ password".to_owned())
            }
            _ => None,
        },
        "badaccess" | "permissiondenied" => {
            let bot_login = exchanges[..failure.index].iter().find_map(|e| {
                let name = e.param("lgname")?;
                let succeeded = e.response_json()?["login"]["result"] == "Success";
                (succeeded && name.contains('@')).then_some(name)
            });
            let action = request.param("action").unwrap_or_default();
            Some(match bot_login {
                Some(name) => format!(
                    "the sample logs in with a bot password ({name}) whose grants do not allow \
                     action={action}; the page does not name the grant it needs"
                ),
                None if exchanges[..failure.index]
                    .iter()
                    .all(|e| e.param("lgname").is_none()) =>
                {
                    format!(
                        "the sample is not logged in, and action={action} needs a right anonymous users lack"
                    )
                }
                None => format!("the sample's user lacks the right action={action} needs"),
            })
        }
        "login Failed" | "login WrongPass" | "login NotExists" | "login Aborted" => {
            Some("the sample's login did not succeed".to_owned())
        }
        _ => {
            let empty: Vec<String> = request
                .params()
                .into_iter()
                .filter(|(k, v)| v.is_empty() && !matches!(k.as_str(), "format" | "formatversion"))
                .map(|(k, _)| k)
                .collect();
            (!empty.is_empty()
                && matches!(code, "nopassword" | "missingparam" | "notoken" | "noname"))
            .then(|| format!("the sample sends an empty {}", empty.join(", ")))
        }
    }
}

/// Whether a documented value is an example the reader's run cannot repeat: tokens, ids, user
/// names, timestamps (by key or by shape).
fn is_example_value(key: &str, value: &str) -> bool {
    static TIMESTAMP: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$|^\d{14}$").expect("valid"));
    let key = key.to_ascii_lowercase();
    key.ends_with("token")
        || key.ends_with("id")
        || key.ends_with("timestamp")
        || matches!(key.as_str(), "username" | "user" | "name")
        || TIMESTAMP.is_match(value)
        || crate::vars::is_token(value)
}

/// How `actual` differs from the documented `expected`, structurally: every documented key must
/// be there with a value of the same type, and the same value unless it is an example value.
/// Keys the wiki adds are not differences. Empty: they agree.
pub fn differences(expected: &Value, actual: &Value) -> Vec<String> {
    let mut found = Vec::new();
    compare("", "", expected, actual, &mut found);
    found
}

fn type_name(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

fn compare(path: &str, key: &str, expected: &Value, actual: &Value, found: &mut Vec<String>) {
    let shown = if path.is_empty() { "the output" } else { path };
    match (expected, actual) {
        (Value::Object(want), Value::Object(got)) => {
            for (name, value) in want {
                let inner = format!("{path}/{name}");
                match got.get(name) {
                    Some(actual) => compare(&inner, name, value, actual, found),
                    None => found.push(format!(
                        "{inner} is missing (there: {})",
                        got.keys()
                            .map(String::as_str)
                            .collect::<Vec<_>>()
                            .join(", ")
                    )),
                }
            }
        }
        (Value::Array(want), Value::Array(got)) => {
            if let (Some(first), Some(actual)) = (want.first(), got.first()) {
                compare(&format!("{path}/0"), key, first, actual, found);
            }
        }
        (Value::String(want), Value::String(got))
            if want != got && !is_example_value(key, want) =>
        {
            found.push(format!("{shown} is {got:?}, the page says {want:?}"));
        }
        (Value::String(_), Value::String(_)) => {}
        (Value::Bool(want), Value::Bool(got)) if want != got => {
            found.push(format!("{shown} is {got}, the page says {want}"));
        }
        (want, got) if std::mem::discriminant(want) != std::mem::discriminant(got) => {
            found.push(format!(
                "{shown} is {}, the page shows {}",
                type_name(got),
                type_name(want)
            ));
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_function_defined_and_never_called_is_found() {
        let js = "function validatePassword() {\n  request.post(x);\n}\n";
        assert_eq!(
            uncalled_functions(Language::JavaScript, js),
            vec!["validatePassword"]
        );
        let called = "function a() {}\nfunction b() { a(); }\nb();\n";
        assert!(uncalled_functions(Language::JavaScript, called).is_empty());
        let php = "<?php\n$x = f();\nfunction f() {}\nfunction g() {}\n";
        assert_eq!(uncalled_functions(Language::Php, php), vec!["g"]);
        let py = "@APP.route('/')\ndef show():\n    pass\ndef helper():\n    pass\n";
        assert_eq!(uncalled_functions(Language::Python, py), vec!["helper"]);
    }

    #[test]
    fn form_fields_read_but_not_sent() {
        let read =
            form_fields_read("x = form['username']\ny = request.form['retype']\nform.get('a')");
        assert_eq!(read, vec!["username", "retype", "a"]);
        let sent =
            form_fields_sent("<input name=\"username\">\n<input type=\"password\" name='confirm'>");
        assert_eq!(sent, vec!["username", "confirm"]);
    }

    #[test]
    fn structural_comparison_ignores_example_values() {
        let page = json!({"createaccount": {"status": "PASS", "username": "Zane"}});
        let same = json!({"createaccount": {"status": "PASS", "username": "Sample1f2e"}, "x": 1});
        assert!(differences(&page, &same).is_empty());
        let failed = json!({"createaccount": {"status": "FAIL", "messagecode": "badretype"}});
        assert_eq!(
            differences(&page, &failed),
            vec![
                "/createaccount/status is \"FAIL\", the page says \"PASS\"",
                "/createaccount/username is missing (there: status, messagecode)"
            ]
        );
        let error = json!({"error": {"code": "badaccess"}});
        assert_eq!(differences(&page, &error).len(), 1);
        assert!(differences(&json!({"token": "123ABC+\\"}), &json!({"token": "ff+\\"})).is_empty());
    }

    fn exchange(path: &str, body: &str, answer: Value) -> Exchange {
        Exchange {
            method: "POST".into(),
            path: path.into(),
            request_content_type: "application/x-www-form-urlencoded".into(),
            request_body: body.into(),
            status: 200,
            response_content_type: "application/json".into(),
            response_body: answer.to_string(),
        }
    }

    #[test]
    fn causes_come_from_the_requests() {
        let create = exchange(
            "/w/api.php",
            "action=createaccount&password=a1&retype=b2&format=json",
            json!({"createaccount": {"status": "FAIL", "messagecode": "badretype", "message": "x"}}),
        );
        let failure = failure_of(&create, 0).unwrap();
        assert_eq!(failure.code, "badretype");
        assert_eq!(
            cause(&failure, std::slice::from_ref(&create)).unwrap(),
            "the sample sends retype ≠ password"
        );
        let login = exchange(
            "/w/api.php",
            "action=login&lgname=Admin%40ci&lgpassword=x",
            json!({"login": {"result": "Success"}}),
        );
        let reset = exchange(
            "/w/api.php",
            "action=resetpassword&email=a%40b.c",
            json!({"error": {"code": "badaccess", "info": "no"}}),
        );
        let all = [login, reset];
        let failure = failure_of(&all[1], 1).unwrap();
        assert!(
            cause(&failure, &all)
                .unwrap()
                .contains("bot password (Admin@ci)")
        );
        assert_eq!(
            describe_request(&all, 1),
            "action=resetpassword (request 2 of 2, POST)"
        );
        let empty = exchange(
            "/w/api.php",
            "action=validatepassword&password=&format=json",
            json!({"error": {"code": "nopassword"}}),
        );
        let failure = failure_of(&empty, 0).unwrap();
        assert_eq!(
            cause(&failure, &[empty]).unwrap(),
            "the sample sends an empty password"
        );
    }
}
