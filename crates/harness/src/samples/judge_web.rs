//! The verdict on a sample web app from what running it showed ([`super::web_app`]): whether it
//! served its form page (when not: the exception on its stderr and the wiki's answer that caused
//! it, e.g. an `authmanagerinfo` answer without the `CaptchaAuthenticationRequest` the app
//! indexes), what it answered to its own form submitted as a browser would (when it fails: the
//! exception, with the fields it reads that the form does not send), and what the wiki answered to
//! the account creation it then made.

use super::evidence;
use super::judge::{self, Judgement, Verdict};
use super::model::{DocumentedError, Program};
use super::proxy::Exchange;
use super::web_app::{AppAnswer, AppRun};
use regex::Regex;
use serde_json::Value;
use std::sync::LazyLock;

/// The last exception a Python traceback on `stderr` (or a debugger page's title) names, as
/// `KeyError: 'x'` (the innermost one where a line names several).
pub fn exception(text: &str) -> Option<String> {
    static RAISED: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?:^|[\s“(])((?:[A-Za-z_]\w*\.)*[A-Za-z_]\w*(?:Error|Exception)): ")
            .expect("valid")
    });
    let found = RAISED.captures_iter(text).last()?;
    let rest = &text[found.get(0).expect("whole match").end()..];
    let message = rest
        .split(['\n', '”'])
        .next()
        .unwrap_or_default()
        .trim_end()
        .trim_end_matches("// Werkzeug Debugger")
        .trim_end();
    Some(format!("{}: {message}", &found[1]))
}

/// What the wiki's `meta=authmanagerinfo` answer offered (the first such exchange): its index and
/// the ids of the requests it lists.
fn authmanagerinfo_requests(exchanges: &[Exchange]) -> Option<(usize, Vec<String>)> {
    exchanges.iter().enumerate().find_map(|(i, e)| {
        let asked = e
            .params()
            .iter()
            .any(|(k, v)| k == "meta" && v.split('|').any(|m| m == "authmanagerinfo"));
        if !asked {
            return None;
        }
        let json = e.response_json()?;
        let requests = json
            .pointer("/query/authmanagerinfo/requests")?
            .as_array()?;
        Some((
            i,
            requests
                .iter()
                .filter_map(|r| r.get("id").and_then(Value::as_str).map(str::to_owned))
                .collect(),
        ))
    })
}

fn answered(what: &str, answer: &AppAnswer) -> String {
    format!("{what} → HTTP {}", answer.status)
}

/// The verdict on the app.
pub fn web_app(
    program: &Program,
    documented: &[DocumentedError],
    app: &AppRun,
    exchanges: &[Exchange],
) -> Judgement {
    let mismatch = judge::form_mismatch(program);
    let thrown = exception(&app.ran.stderr);
    let wiki_failure = exchanges
        .iter()
        .enumerate()
        .find_map(|(i, e)| evidence::failure_of(e, i))
        .map(|f| judge::failure_reason(&f, exchanges, documented));
    let served = match &app.served {
        Err(why) => {
            return Judgement::new(
                Verdict::Drift,
                format!(
                    "the app never served its form page: {why}{}",
                    thrown.map(|t| format!(" ({t})")).unwrap_or_default()
                ),
            );
        }
        Ok(served) => served,
    };
    if served.status != 200 {
        let mut reason = format!(
            "the app's form page fails ({}){}",
            answered("GET /", served),
            thrown
                .as_ref()
                .map(|t| format!(", raising {t}"))
                .unwrap_or_default()
        );
        if let Some((i, ids)) = authmanagerinfo_requests(exchanges)
            && thrown
                .as_deref()
                .is_some_and(|t| t.contains("CaptchaAuthenticationRequest"))
        {
            reason.push_str(&format!(
                ": the wiki's authmanagerinfo answer (request {} of {}) has no \
                 CaptchaAuthenticationRequest (it offers {}), so the wiki asks no captcha",
                i + 1,
                exchanges.len(),
                if ids.is_empty() {
                    "no requests".to_owned()
                } else {
                    ids.join(", ")
                }
            ));
        } else if let Some(failure) = &wiki_failure {
            reason.push_str(&format!("; {failure}"));
        }
        if let Some(mismatch) = &mismatch {
            reason.push_str(&format!("; besides, {}", mismatch.describe()));
        }
        return Judgement::new(Verdict::Drift, reason);
    }
    let Some(form) = &app.form else {
        return Judgement::new(
            Verdict::Drift,
            format!("the app's page has no form ({})", answered("GET /", served)),
        );
    };
    let Some((fields, answer)) = &app.submitted else {
        return Judgement::new(Verdict::Error, "the served form was not submitted");
    };
    let names: Vec<&str> = fields.iter().map(|(k, _)| k.as_str()).collect();
    let what = format!("{} / with {}", form.method, names.join(", "));
    let answer = match answer {
        Ok(answer) => answer,
        Err(why) => {
            return Judgement::new(
                Verdict::Drift,
                format!("submitting the app's form got no answer ({what}: {why})"),
            );
        }
    };
    if answer.status != 200 {
        let shown = exception(&answer.summary).or(thrown);
        let mut reason = format!(
            "submitting the app's own form fails ({}){}",
            answered(&what, answer),
            shown.map(|t| format!(", raising {t}")).unwrap_or_default()
        );
        if let Some(mismatch) = &mismatch {
            reason.push_str(&format!(": {}", mismatch.describe()));
        } else if let Some(failure) = &wiki_failure {
            reason.push_str(&format!("; {failure}"));
        }
        return Judgement::new(Verdict::Drift, reason);
    }
    let created = exchanges.iter().any(|e| {
        e.response_json()
            .and_then(|j| j.pointer("/createaccount/status").cloned())
            .and_then(|s| s.as_str().map(|s| s == "PASS"))
            .unwrap_or(false)
    });
    if created {
        return Judgement::new(
            Verdict::Works,
            format!("the app created the account ({})", answered(&what, answer)),
        );
    }
    Judgement::new(
        Verdict::Drift,
        format!(
            "the app's form was submitted ({}) but no account was created{}",
            answered(&what, answer),
            wiki_failure.map(|f| format!(": {f}")).unwrap_or_default()
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_exception_is_the_last_one_named() {
        let stderr = "Traceback (most recent call last):\n  File \"a.py\", line 3\n    \
                      fields['CaptchaAuthenticationRequest']\nKeyError: 'CaptchaAuthenticationRequest'\n\
                      127.0.0.1 - - \"GET / HTTP/1.1\" 500 -\n";
        assert_eq!(
            exception(stderr).as_deref(),
            Some("KeyError: 'CaptchaAuthenticationRequest'")
        );
        let title = "“werkzeug.exceptions.BadRequestKeyError: 400 Bad Request: The browser sent a \
                     request. KeyError: 'retype' // Werkzeug Debugger”";
        assert_eq!(exception(title).as_deref(), Some("KeyError: 'retype'"));
        assert_eq!(
            exception("“werkzeug.exceptions.NotFound: 404 // Werkzeug Debugger”"),
            None
        );
        assert_eq!(
            exception("x ValueError: bad\n").as_deref(),
            Some("ValueError: bad")
        );
        assert_eq!(exception("all fine\n"), None);
    }
}
