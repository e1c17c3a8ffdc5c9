//! What reports need about a failed step, beyond the console's message: the step, its file and
//! line, the request that was sent, what the step expected, what came back and the diff. Built
//! when the step fails, already redacted (the scenario's secrets, token-shaped values, and every
//! parameter or header whose name says it holds a password, token or session).

use super::expect;
use super::http::{Request, Response};
use crate::scenario::Expect;
use crate::vars::{Redactor, Vars};
use serde_json::Value;

/// The longest body text kept for a report (the rest is cut with a note).
const MAX_BODY_CHARS: usize = 64 * 1024;
/// The longest failure message, expected text or diff kept for the console and the reports:
/// a message can quote a whole response (a schema violation names the value), and a run against
/// a server sending megabytes must not write reports of hundreds.
pub const MAX_MESSAGE_CHARS: usize = 16 * 1024;
/// The longest diff kept for a report, in lines.
const MAX_DIFF_LINES: usize = 400;
/// What replaces a value withheld by name.
const WITHHELD: &str = crate::vars::REDACTED;

/// A failed step, for reports.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FailureDetail {
    /// The step's number (1-based) and name; 0 and empty when the scenario failed before any step
    /// (e.g. a variable could not be filled in).
    pub step: usize,
    pub step_name: String,
    /// The scenario file and the line the failure is about.
    pub file: String,
    pub line: u32,
    /// The failure in one paragraph (without the diff).
    pub message: String,
    pub request: Option<RequestRecord>,
    /// The step's expectation, as text (variables filled in, matchers kept).
    pub expected: Option<String>,
    pub actual: Option<ResponseRecord>,
    /// Unified diff of expected and actual JSON bodies (`---`/`+++`/`@@` lines, `-`/`+`/` `).
    pub diff: Option<String>,
}

/// The request a step sent.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RequestRecord {
    pub method: String,
    /// The URL with its query string.
    pub url: String,
    /// The body's parameters (empty for a request without body).
    pub body_params: Vec<(String, String)>,
    pub multipart: bool,
    pub headers: Vec<(String, String)>,
}

/// What came back (a mail step's "response" is the mails it read).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ResponseRecord {
    /// The HTTP status (`None` for mails).
    pub status: Option<u16>,
    pub content_type: Option<String>,
    pub headers: Vec<(String, String)>,
    /// The body: pretty-printed when JSON.
    pub body: String,
}

/// What the current step exchanged so far (kept while it runs, turned into a detail on failure).
#[derive(Clone, Debug, Default)]
pub(super) struct StepTrace {
    /// The URL and the request sent to it.
    pub request: Option<(String, Request)>,
    pub response: Option<Response>,
    pub mails: Option<Value>,
}

/// Whether a parameter, header or cookie name says its value is a secret.
pub(super) fn secret_name(name: &str) -> bool {
    let lowered = name.to_ascii_lowercase();
    [
        "pass",
        "retype",
        "token",
        "cookie",
        "authorization",
        "session",
    ]
    .iter()
    .any(|word| lowered.contains(word))
}

fn withhold(redactor: &Redactor, pairs: &[(String, String)]) -> Vec<(String, String)> {
    pairs
        .iter()
        .map(|(name, value)| {
            let shown = if secret_name(name) && !value.is_empty() {
                WITHHELD.to_owned()
            } else {
                redactor.redact(value)
            };
            (name.clone(), shown)
        })
        .collect()
}

impl FailureDetail {
    /// The detail as the JSON report gives it (already redacted).
    pub fn json(&self) -> Value {
        let pairs = |pairs: &[(String, String)]| -> Vec<Value> {
            pairs
                .iter()
                .map(|(name, value)| serde_json::json!([name, value]))
                .collect()
        };
        serde_json::json!({
            "step": self.step,
            "step_name": self.step_name,
            "file": self.file,
            "line": self.line,
            "message": self.message,
            "request": self.request.as_ref().map(|r| serde_json::json!({
                "method": r.method,
                "url": r.url,
                "body": pairs(&r.body_params),
                "multipart": r.multipart,
                "headers": pairs(&r.headers),
            })),
            "expected": self.expected,
            "actual": self.actual.as_ref().map(|a| serde_json::json!({
                "status": a.status,
                "content_type": a.content_type,
                "headers": pairs(&a.headers),
                "body": a.body,
            })),
            "diff": self.diff,
        })
    }
}

impl RequestRecord {
    /// A request to `url` (query parameters appended), secrets withheld.
    pub fn new(url: &str, request: &Request, redactor: &Redactor) -> RequestRecord {
        let query = withhold(redactor, &request.query);
        let url = match url::Url::parse(url) {
            Ok(mut parsed) => {
                if !query.is_empty() {
                    parsed.query_pairs_mut().extend_pairs(&query);
                }
                // The marker reads better unencoded; it holds no character a URL needs encoded.
                parsed.to_string().replace("%5Bredacted%5D", WITHHELD)
            }
            Err(_) => redactor.redact(url),
        };
        RequestRecord {
            method: request.method.as_str().to_owned(),
            url: redactor.redact(&url),
            body_params: request
                .form
                .as_deref()
                .map(|form| withhold(redactor, form))
                .unwrap_or_default(),
            multipart: request.multipart,
            headers: withhold(redactor, &request.headers),
        }
    }
}

impl ResponseRecord {
    pub fn from_response(response: &Response, redactor: &Redactor) -> ResponseRecord {
        let headers: Vec<(String, String)> = response
            .headers
            .iter()
            .map(|(name, value)| {
                let text = String::from_utf8_lossy(value.as_bytes()).into_owned();
                let shown = if name == reqwest::header::SET_COOKIE {
                    // The cookie's name and attributes help; its value is a session.
                    match text.split_once('=') {
                        Some((cookie, rest)) => {
                            let attributes = rest.split_once(';').map_or("", |(_, a)| a);
                            let sep = if attributes.is_empty() { "" } else { ";" };
                            format!("{cookie}={WITHHELD}{sep}{attributes}")
                        }
                        None => text,
                    }
                } else {
                    redactor.redact(&text)
                };
                (name.as_str().to_owned(), shown)
            })
            .collect();
        let body = match serde_json::from_slice::<Value>(&response.body) {
            Ok(json) => serde_json::to_string_pretty(&json).unwrap_or_default(),
            Err(_) => String::from_utf8_lossy(&response.body).into_owned(),
        };
        ResponseRecord {
            status: Some(response.status),
            content_type: response.header("content-type"),
            headers,
            body: cap(&redactor.redact(&body)),
        }
    }

    pub fn from_mails(mails: &Value, redactor: &Redactor) -> ResponseRecord {
        let body = serde_json::to_string_pretty(mails).unwrap_or_default();
        ResponseRecord {
            status: None,
            content_type: None,
            headers: Vec::new(),
            body: cap(&redactor.redact(&body)),
        }
    }
}

fn cap(text: &str) -> String {
    bounded(text, MAX_BODY_CHARS)
}

/// `text` cut to `limit` characters, with a note saying how much was left out.
pub fn bounded(text: &str, limit: usize) -> String {
    let count = text.chars().count();
    if count <= limit {
        return text.to_owned();
    }
    let mut cut: String = text.chars().take(limit).collect();
    cut.push_str(&format!("\n… ({} more characters)", count - limit));
    cut
}

/// The expectation as text: status, headers, cookies, raw body, schema and JSON (pretty), in the
/// order the runner checks them. `None` when the step expects nothing explicit.
pub fn expected_text(expect: &Expect, vars: &Vars) -> Option<String> {
    let mut out = String::new();
    let status = expect.status.map_or(200, |(status, _)| status);
    out.push_str(&format!("status: {status}\n"));
    let fill = |text: &str| expect::expected_string(text, vars).unwrap_or_else(|_| text.to_owned());
    for (name, value) in &expect.headers {
        match value {
            Some(text) => out.push_str(&format!("header {}: {}\n", name.name, fill(&text.text))),
            None => out.push_str(&format!("header {}: (absent)\n", name.name)),
        }
    }
    for (name, value) in &expect.cookies {
        match value {
            Some(text) => out.push_str(&format!("cookie {}: {}\n", name.name, fill(&text.text))),
            None => out.push_str(&format!("cookie {}: (not set)\n", name.name)),
        }
    }
    if let Some(text) = &expect.body {
        out.push_str(&format!("body: {}\n", fill(&text.text)));
    }
    if let Some(schema) = &expect.schema {
        out.push_str(&format!("schema: {}\n", schema.text));
    }
    for (label, node) in [("json", &expect.json), ("json-subset", &expect.json_subset)] {
        let Some(node) = node else { continue };
        if let Ok(value) = expect::expected_json(node, vars) {
            let pretty = serde_json::to_string_pretty(&value).unwrap_or_default();
            out.push_str(&format!("{label}:\n{pretty}\n"));
        }
    }
    Some(vars.redactor().redact(&out))
}

/// The unified diff between the step's JSON expectation and the actual body, when the body
/// differs from it (matchers that hold show the actual value, so only real differences remain).
pub fn json_diff(expect: &Expect, vars: &Vars, body: &Value) -> Option<String> {
    for (node, subset) in [(&expect.json, false), (&expect.json_subset, true)] {
        let Some(node) = node else { continue };
        let wanted = expect::expected_json(node, vars).ok()?;
        if expect::compare(&wanted, body, subset).is_some() {
            let (e, a) = expect::for_diff(&wanted, body, subset);
            let diff = expect::unified_diff(&e, &a, MAX_DIFF_LINES);
            return Some(vars.redactor().redact(&diff));
        }
    }
    None
}

/// The message without the diff the runner appends to body and snapshot mismatches.
pub fn message_without_diff(message: &str) -> String {
    match ["\n--- expected", "\n--- snapshot"]
        .iter()
        .filter_map(|head| message.find(head))
        .min()
    {
        Some(at) => message[..at].to_owned(),
        None => message.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn requests_withhold_passwords_tokens_and_known_secrets() {
        let mut redactor = Redactor::default();
        redactor.add("Sekrit-value-42");
        let request = Request {
            method: reqwest::Method::POST,
            query: vec![
                ("action".into(), "createaccount".into()),
                ("note".into(), "Sekrit-value-42".into()),
            ],
            form: Some(vec![
                ("username".into(), "Alice".into()),
                ("password".into(), "hunter2hunter2".into()),
                ("retype".into(), "hunter2hunter2".into()),
                ("createtoken".into(), "abc".into()),
            ]),
            multipart: false,
            headers: vec![("Cookie".into(), "s=1".into())],
        };
        let record = RequestRecord::new("http://w/api.php", &request, &redactor);
        let text = format!("{record:?}");
        assert!(!text.contains("hunter2"), "{text}");
        assert!(!text.contains("Sekrit"), "{text}");
        assert!(!text.contains("abc"), "{text}");
        assert!(
            record
                .url
                .starts_with("http://w/api.php?action=createaccount&note=")
        );
        assert_eq!(
            record.body_params[0],
            ("username".to_owned(), "Alice".to_owned())
        );
        assert_eq!(record.body_params[1].1, WITHHELD);
        assert_eq!(record.headers[0].1, WITHHELD);
    }

    #[test]
    fn responses_are_pretty_and_withhold_cookie_values() {
        let mut headers = reqwest::header::HeaderMap::new();
        headers.insert("content-type", "application/json".parse().unwrap());
        headers.insert(
            "set-cookie",
            "wiki_session=s3cr3tsession; path=/; HttpOnly"
                .parse()
                .unwrap(),
        );
        let response = Response {
            status: 200,
            headers,
            body: br#"{"a":{"b":1}}"#.to_vec(),
        };
        let record = ResponseRecord::from_response(&response, &Redactor::default());
        assert_eq!(record.body, "{\n  \"a\": {\n    \"b\": 1\n  }\n}");
        assert_eq!(record.content_type.as_deref(), Some("application/json"));
        let cookie = &record
            .headers
            .iter()
            .find(|(n, _)| n == "set-cookie")
            .unwrap()
            .1;
        assert_eq!(cookie, "wiki_session=[redacted]; path=/; HttpOnly");
    }

    #[test]
    fn the_diff_is_cut_from_the_message() {
        assert_eq!(
            message_without_diff("body differs at /a\n  x\n--- expected\n+++ actual"),
            "body differs at /a\n  x"
        );
        assert_eq!(message_without_diff("status"), "status");
    }
}
