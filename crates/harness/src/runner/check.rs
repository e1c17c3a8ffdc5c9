//! Checking a step's response against its `expect` (status, headers, cookies, raw body, JSON-ness,
//! schema, json, json-subset, in that order; the first unmet one fails the step) and taking its
//! `capture`s.

use super::expect;
use super::http::Response;
use super::{Failure, ScenarioRun, fail};
use crate::scenario::{CaptureSource, Expect, Step};
use crate::vars::is_token;
use serde_json::Value;

impl ScenarioRun<'_> {
    /// Status, headers, cookies and raw body; returns the body as JSON unless `expect.body` makes
    /// JSON optional and it is not JSON.
    pub(super) fn check_response(
        &self,
        step: &Step,
        response: &Response,
    ) -> Result<Option<Value>, Failure> {
        let expect = &step.expect;
        let (status, status_pos) = expect.status.unwrap_or((200, expect.pos));
        if response.status != status {
            return fail(
                status_pos,
                format!(
                    "expected HTTP status {status}, got {}{}",
                    response.status,
                    body_excerpt(response)
                ),
            );
        }
        for (name, expected) in &expect.headers {
            let actual = response.header(&name.name);
            match (expected, actual) {
                (None, None) => {}
                (None, Some(value)) => {
                    return fail(
                        name.pos,
                        format!("header {} should be absent, got {value:?}", name.name),
                    );
                }
                (Some(text), None) => {
                    return fail(text.pos, format!("header {} is missing", name.name));
                }
                (Some(text), Some(value)) => {
                    let wanted = expect::expected_string(&text.text, &self.vars)
                        .or_else(|m| fail(text.pos, m))?;
                    expect::match_text(&wanted, &value)
                        .or_else(|m| fail(text.pos, format!("header {}: {m}", name.name)))?;
                }
            }
        }
        let cookies = response.set_cookies();
        for (name, expected) in &expect.cookies {
            let actual = cookies.iter().rev().find(|(n, _)| *n == name.name);
            match (expected, actual) {
                (None, None) => {}
                (None, Some(_)) => {
                    return fail(
                        name.pos,
                        format!("cookie {} should not be set, but it is", name.name),
                    );
                }
                (Some(text), None) => {
                    return fail(
                        text.pos,
                        format!("cookie {} is not set by this response", name.name),
                    );
                }
                (Some(text), Some((_, value))) => {
                    let wanted = expect::expected_string(&text.text, &self.vars)
                        .or_else(|m| fail(text.pos, m))?;
                    expect::match_text(&wanted, value)
                        .or_else(|m| fail(text.pos, format!("cookie {}: {m}", name.name)))?;
                }
            }
        }
        if let Some(text) = &expect.body {
            let wanted =
                expect::expected_string(&text.text, &self.vars).or_else(|m| fail(text.pos, m))?;
            let actual = String::from_utf8_lossy(&response.body);
            expect::match_text(&wanted, &actual)
                .or_else(|m| fail(text.pos, format!("body: {m}")))?;
        }
        match serde_json::from_slice::<Value>(&response.body) {
            Ok(json) => Ok(Some(json)),
            Err(_) if expect.body.is_some() => {
                // A JSON expectation on a non-JSON body (e.g. format=xml) must not pass unchecked.
                let json_pos = [&expect.json, &expect.json_subset]
                    .into_iter()
                    .flatten()
                    .map(|node| node.pos)
                    .next();
                if let Some(pos) = expect.schema.as_ref().map(|s| s.pos).or(json_pos) {
                    return fail(
                        pos,
                        format!(
                            "schema/json expectations need a JSON body; this one is not (Content-Type: {})",
                            response.header("content-type").as_deref().unwrap_or("none")
                        ),
                    );
                }
                Ok(None)
            }
            Err(err) => fail(
                step.pos,
                format!(
                    "response is not JSON ({err}; Content-Type: {}){}",
                    response.header("content-type").as_deref().unwrap_or("none"),
                    body_excerpt(response)
                ),
            ),
        }
    }

    pub(super) fn check_body(&self, expect: &Expect, body: &Value) -> Result<(), Failure> {
        if let Some(name) = &expect.schema {
            match self.schemas.violation(&name.text, body) {
                Ok(None) => {}
                Ok(Some(problem)) => return fail(name.pos, problem),
                Err(problem) => return fail(name.pos, problem),
            }
        }
        for (node, subset) in [(&expect.json, false), (&expect.json_subset, true)] {
            let Some(node) = node else { continue };
            let wanted = expect::expected_json(node, &self.vars).or_else(|m| fail(node.pos, m))?;
            if let Some(mismatch) = expect::compare(&wanted, body, subset) {
                let (e, a) = expect::for_diff(&wanted, body, subset);
                let at = if mismatch.pointer.is_empty() {
                    "/"
                } else {
                    &mismatch.pointer
                };
                return fail(
                    expect::pos_at(node, &mismatch.pointer),
                    format!(
                        "body differs at {at}\n  {}\n{}",
                        mismatch.what,
                        expect::unified_diff(&e, &a, 60)
                    ),
                );
            }
        }
        Ok(())
    }

    pub(super) fn capture(
        &mut self,
        step: &Step,
        response: Option<&Response>,
        body: Option<&Value>,
    ) -> Result<(), Failure> {
        for capture in &step.captures {
            let what = format!("capture `{}`", capture.name);
            let value = match &capture.source {
                CaptureSource::Header(name) => match response.and_then(|r| r.header(name)) {
                    Some(value) => value,
                    None => return fail(capture.pos, format!("{what}: no header {name}")),
                },
                CaptureSource::Pointer { pointer, regex } => {
                    let Some(body) = body else {
                        return fail(capture.pos, format!("{what}: the response is not JSON"));
                    };
                    let text = match body.pointer(pointer) {
                        Some(Value::String(s)) => s.clone(),
                        Some(v @ (Value::Number(_) | Value::Bool(_))) => v.to_string(),
                        Some(other) => {
                            return fail(
                                capture.pos,
                                format!(
                                    "{what}: {pointer} is {}, not a string",
                                    expect::short(other)
                                ),
                            );
                        }
                        None => return fail(capture.pos, format!("{what}: nothing at {pointer}")),
                    };
                    match regex {
                        None => text,
                        Some(pattern) => {
                            let re = regex::Regex::new(pattern)
                                .or_else(|err| fail(capture.pos, format!("{what}: {err}")))?;
                            match re.captures(&text).and_then(|c| c.get(1)) {
                                Some(group) => group.as_str().to_owned(),
                                None => {
                                    return fail(
                                        capture.pos,
                                        format!(
                                            "{what}: /{pattern}/ does not match {}",
                                            expect::short(&Value::String(text))
                                        ),
                                    );
                                }
                            }
                        }
                    }
                }
            };
            let lowered = capture.name.to_ascii_lowercase();
            let secret = capture.secret
                || lowered.contains("pass")
                || lowered.contains("token")
                || is_token(&value);
            self.vars.set_volatile(&capture.name, value, secret);
        }
        Ok(())
    }
}

/// The start of a response body, for messages about unexpected responses.
fn body_excerpt(response: &Response) -> String {
    let text = String::from_utf8_lossy(&response.body);
    let flat: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.is_empty() {
        return " (empty body)".to_owned();
    }
    let cut: String = flat.chars().take(120).collect();
    let more = if flat.chars().count() > 120 {
        "…"
    } else {
        ""
    };
    format!(": {cut}{more}")
}
