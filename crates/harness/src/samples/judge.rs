//! The verdict on one program from the evidence: works (its output is what the page documents),
//! drift (it is not, with the cause the evidence shows: the API error and the request that caused
//! it, output missing, a function never called, output that differs from the page's Response), or
//! skipped (with why it could not run). Web apps are judged in [`super::judge_web`]; the static
//! comparison of an app with its form ([`form_mismatch`]) is here.

use super::evidence::{self, ApiFailure};
use super::execute::Ran;
use super::model::{DocumentedError, Program};
use super::output::{self, Printed};
use super::proxy::Exchange;

/// A program's verdict.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Verdict {
    Works,
    Drift,
    Skipped,
    /// The harness could not run it as declared (a substitution that matches nothing).
    Error,
}

impl Verdict {
    pub fn label(self) -> &'static str {
        match self {
            Verdict::Works => "works",
            Verdict::Drift => "DRIFT",
            Verdict::Skipped => "skipped",
            Verdict::Error => "ERROR",
        }
    }
}

/// The verdict and its reason.
#[derive(Clone, Debug)]
pub struct Judgement {
    pub verdict: Verdict,
    pub reason: String,
}

impl Judgement {
    pub fn new(verdict: Verdict, reason: impl Into<String>) -> Judgement {
        Judgement {
            verdict,
            reason: reason.into(),
        }
    }
}

/// The static comparison of a web app with its own form (supporting evidence for what running it
/// shows): the fields it reads that the form does not send, the fields the form sends, and the
/// form file's name and line. `None`: it has no form, or the form sends everything it reads.
pub fn form_mismatch(program: &Program) -> Option<FormMismatch> {
    let read = evidence::form_fields_read(&program.source);
    let form = program
        .companions
        .iter()
        .find(|c| c.text.to_ascii_lowercase().contains("<form"))?;
    let sent = evidence::form_fields_sent(&form.text);
    let missing: Vec<String> = read
        .iter()
        .filter(|field| !sent.contains(field))
        .cloned()
        .collect();
    (!missing.is_empty()).then(|| FormMismatch {
        form: format!("{}, line {}", form.name, form.line),
        missing,
        sent,
    })
}

/// A web app reading fields its own form does not send.
#[derive(Clone, Debug, PartialEq)]
pub struct FormMismatch {
    /// The form's file and line (`create_account_form.html, line 521`).
    pub form: String,
    pub missing: Vec<String>,
    pub sent: Vec<String>,
}

impl FormMismatch {
    pub fn describe(&self) -> String {
        format!(
            "it reads form fields its own form ({}) does not send: {} (the form sends {})",
            self.form,
            self.missing.join(", "),
            self.sent.join(", ")
        )
    }
}

/// The verdict on a program that ran.
pub fn after_running(
    program: &Program,
    documented: &[DocumentedError],
    ran: &Ran,
    exchanges: &[Exchange],
    timeout_secs: u64,
) -> Judgement {
    let printed = output::read(&ran.stdout);
    let failure = exchanges
        .iter()
        .enumerate()
        .find_map(|(i, e)| evidence::failure_of(e, i));
    let stderr_line = ran
        .stderr
        .lines()
        .rev()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .unwrap_or_default()
        .to_owned();
    if ran.timed_out {
        return Judgement::new(
            Verdict::Drift,
            format!(
                "did not finish within {timeout_secs} s ({} request(s) made){}",
                exchanges.len(),
                failure
                    .map(|f| format!("; {}", failure_reason(&f, exchanges, documented)))
                    .unwrap_or_default()
            ),
        );
    }
    let value = match &printed {
        Printed::Json(value) | Printed::PythonLiteral(value) => Some(value),
        _ => None,
    };
    let differences = match (&program.expected, value) {
        (Some(expected), Some(value)) => Some(evidence::differences(&expected.value, value)),
        _ => None,
    };
    let ended_well = ran.exit == Some(0);
    match (&differences, &printed) {
        (Some(found), _) if found.is_empty() && ended_well => {
            return Judgement::new(
                Verdict::Works,
                format!(
                    "printed what the page's Response (line {}) shows",
                    program.expected.as_ref().map_or(0, |e| e.line)
                ),
            );
        }
        (None, Printed::Json(_) | Printed::PythonLiteral(_) | Printed::Text(_))
            if program.expected.is_none() && ended_well && failure.is_none() =>
        {
            return Judgement::new(
                Verdict::Works,
                "ran to its end; the page documents no output to compare",
            );
        }
        _ => {}
    }
    if exchanges.is_empty() {
        let uncalled = evidence::uncalled_functions(program.language, &program.source);
        let reason = if !uncalled.is_empty() {
            format!(
                "defines {} and never calls it: no request was made",
                uncalled
                    .iter()
                    .map(|f| format!("{f}()"))
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        } else if !ended_well {
            format!(
                "failed before any request ({}): {stderr_line}",
                exit_text(ran)
            )
        } else {
            "made no request".to_owned()
        };
        return Judgement::new(Verdict::Drift, reason);
    }
    let mut reasons = Vec::new();
    if let Some(failure) = &failure {
        reasons.push(failure_reason(failure, exchanges, documented));
    }
    if printed == Printed::Nothing {
        reasons.push(format!(
            "prints nothing (the wiki's last answer, to {}, is not shown)",
            evidence::describe_request(exchanges, exchanges.len() - 1)
        ));
    } else if !ended_well {
        reasons.push(format!("{}: {stderr_line}", exit_text(ran)));
    }
    if failure.is_none() {
        match (&differences, &printed, &program.expected) {
            (Some(found), _, Some(expected)) if !found.is_empty() => reasons.push(format!(
                "the output does not match the page's Response (line {}): {}",
                expected.line,
                found.join("; ")
            )),
            (None, Printed::Text(_), Some(expected)) => reasons.push(format!(
                "the output is not the JSON the page's Response (line {}) shows",
                expected.line
            )),
            _ => {}
        }
    }
    if reasons.is_empty() {
        reasons.push("did not print what the page documents".to_owned());
    }
    Judgement::new(Verdict::Drift, reasons.join("; "))
}

fn exit_text(ran: &Ran) -> String {
    match ran.exit {
        Some(code) => format!("exit status {code}"),
        None => "ended by a signal".to_owned(),
    }
}

/// `<cause>: the wiki answered <code> to <request>`, and, when the page has an error table that
/// does not list the code, that it does not (naming the code it lists with the same message).
pub(super) fn failure_reason(
    failure: &ApiFailure,
    exchanges: &[Exchange],
    documented: &[DocumentedError],
) -> String {
    let answered = format!(
        "the wiki answered `{}` to {}",
        failure.code,
        evidence::describe_request(exchanges, failure.index)
    );
    let mut reason = match evidence::cause(failure, exchanges) {
        Some(cause) => format!("{cause}: {answered}"),
        None if failure.info.is_empty() => answered,
        None => format!("{answered}: {}", failure.info),
    };
    let listed = documented.iter().any(|d| d.code == failure.code);
    if !documented.is_empty() && !listed && !failure.code.starts_with("login ") {
        reason.push_str(&format!(
            "; the page's error table does not list `{}`",
            failure.code
        ));
        let same = documented
            .iter()
            .find(|d| same_message(&d.info, &failure.info));
        if let Some(same) = same {
            reason.push_str(&format!(
                " (it gives this message as `{}`, line {})",
                same.code, same.line
            ));
        }
    }
    reason
}

/// Messages equal but for case, quotes, spacing and a final full stop.
fn same_message(a: &str, b: &str) -> bool {
    let normal = |s: &str| {
        s.to_lowercase()
            .replace(['"', '\'', '“', '”'], "")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .trim_end_matches('.')
            .to_owned()
    };
    !a.trim().is_empty() && normal(a) == normal(b)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::samples::language::Language;
    use crate::samples::model::Expected;
    use serde_json::json;

    fn program(language: Language, source: &str) -> Program {
        Program {
            id: "p".into(),
            language,
            file_name: "p".into(),
            source: source.into(),
            line: 10,
            expected: Some(Expected {
                value: json!({"validatepassword": {"validity": "Good"}}),
                line: 5,
                repaired: None,
            }),
            companions: Vec::new(),
        }
    }

    fn exchange(body: &str, answer: serde_json::Value) -> Exchange {
        Exchange {
            method: "POST".into(),
            path: "/w/api.php".into(),
            request_content_type: "application/x-www-form-urlencoded".into(),
            request_body: body.into(),
            status: 200,
            response_content_type: "application/json".into(),
            response_body: answer.to_string(),
        }
    }

    fn ran(stdout: &str) -> Ran {
        Ran {
            exit: Some(0),
            stdout: stdout.into(),
            ..Ran::default()
        }
    }

    #[test]
    fn the_documented_output_works_and_anything_else_drifts_with_its_cause() {
        let good = json!({"validatepassword": {"validity": "Good"}});
        let p = program(Language::Python, "print(1)\n");
        let answer = [exchange("action=validatepassword&password=x", good.clone())];
        let works = after_running(
            &p,
            &[],
            &ran("{'validatepassword': {'validity': 'Good'}}"),
            &answer,
            60,
        );
        assert_eq!(works.verdict, Verdict::Works, "{}", works.reason);

        let silent = after_running(&p, &[], &ran(""), &answer, 60);
        assert_eq!(silent.verdict, Verdict::Drift);
        assert!(
            silent.reason.starts_with("prints nothing"),
            "{}",
            silent.reason
        );

        let invalid = json!({"validatepassword": {"validity": "Invalid"}});
        let other = after_running(&p, &[], &ran(&invalid.to_string()), &answer, 60);
        assert_eq!(
            other.reason,
            "the output does not match the page's Response (line 5): /validatepassword/validity is \"Invalid\", the page says \"Good\""
        );

        let js = program(Language::JavaScript, "function validatePassword() {}\n");
        let never = after_running(&js, &[], &ran(""), &[], 60);
        assert_eq!(
            never.reason,
            "defines validatePassword() and never calls it: no request was made"
        );
    }

    #[test]
    fn an_error_code_the_page_does_not_list_is_said_with_the_code_it_lists_for_that_message() {
        let p = program(Language::Python, "print(1)\n");
        let error = json!({"error": {"code": "missingparam", "info": "The \"password\" parameter must be set."}});
        let answer = [exchange(
            "action=validatepassword&password=&format=json",
            error.clone(),
        )];
        let documented = [DocumentedError {
            code: "nopassword".into(),
            info: "The password parameter must be set.".into(),
            line: 193,
        }];
        let judged = after_running(&p, &documented, &ran(&error.to_string()), &answer, 60);
        assert_eq!(judged.verdict, Verdict::Drift);
        assert_eq!(
            judged.reason,
            "the sample sends an empty password: the wiki answered `missingparam` to \
             action=validatepassword (request 1 of 1, POST); the page's error table does not list \
             `missingparam` (it gives this message as `nopassword`, line 193)"
        );
    }

    #[test]
    fn a_web_app_is_compared_with_its_own_form() {
        let mut app = program(
            Language::Python,
            "APP = Flask(__name__)\ndef f(form):\n    return form['retype']\nAPP.run()\n",
        );
        app.companions.push(crate::samples::model::Companion {
            name: "form.html".into(),
            text: "<form method=\"POST\"><input name=\"confirm-password\"></form>".into(),
            line: 40,
        });
        let found = form_mismatch(&app).unwrap();
        assert_eq!(found.missing, ["retype"]);
        assert_eq!(found.sent, ["confirm-password"]);
        assert_eq!(
            found.describe(),
            "it reads form fields its own form (form.html, line 40) does not send: retype \
             (the form sends confirm-password)"
        );
        app.companions[0].text = "<form><input name=\"retype\"></form>".into();
        assert_eq!(form_mismatch(&app), None);
        assert_eq!(
            form_mismatch(&program(Language::Python, "print(1)\n")),
            None
        );
    }
}
